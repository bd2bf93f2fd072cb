// The network page's path finder: the k strongest paths between two names, weighed as
// `serge-graph path` weighs them, each with its claims; the chosen one stands out, the rest dims.
// Inlined into templates/network.html right after network.js, in the same script: it uses
// network.js's names (DATA, META, byId, nodes, edges, network, claimShown, findNode, ...).
// ---- paths: the k strongest, weighed as `serge-graph path` weighs them (evidence_paths.py) --------
// A claim costs 1, +1 implied, +2 inferred, +1 a tie to common ground (a membership, or a place,
// a work or a group at one end); a line takes its cheapest shown claim. Groups (collective nodes)
// are passed through only when asked. Yen's algorithm, the ties at the k-th cost all read, then
// ordered by cost, hops, claims not stated and names, as the Python does.
const CERTAINTY_COST = { stated: 0, implied: 1, inferred: 2 };
const COMMON_GROUND = new Set(META.commonGround || []);
const COLLECTIVE = new Set(META.collective || []);
function claimCost(c) {
  const common = c.membership || COMMON_GROUND.has(byId.get(c.from).kind) || COMMON_GROUND.has(byId.get(c.to).kind);
  return 1 + (CERTAINTY_COST[c.certainty] || 0) + (common ? 1 : 0);
}
function weightedLines(ends, collective) {
  const adjacency = new Map();
  const allowed = id => collective || ends.includes(id) || !COLLECTIVE.has(byId.get(id).kind);
  for (const e of DATA.edges) {
    if (e.from === e.to || edges.get(e.id).hidden || !allowed(e.from) || !allowed(e.to)) continue;
    let best = null;
    for (const c of e.claims.filter(claimShown)) {
      const rank = [claimCost(c), c.start, c.relation];
      if (!best || rank[0] < best.rank[0] || (rank[0] === best.rank[0] && (rank[1] < best.rank[1] ||
          (rank[1] === best.rank[1] && rank[2] < best.rank[2])))) best = { rank: rank, claim: c };
    }
    if (!best) continue;
    for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
      if (!adjacency.has(a)) adjacency.set(a, new Map());
      adjacency.get(a).set(b, { cost: best.rank[0], claim: best.claim, bundle: e.id });
    }
  }
  return adjacency;
}
function cheapest(adjacency, source, target, banned, cut) {
  // Dijkstra from source to target, without the banned nodes and the cut lines ("a|b")
  const dist = new Map([[source, 0]]), previous = new Map(), done = new Set();
  for (;;) {
    let here = null;
    for (const [node, d] of dist) if (!done.has(node) && (here === null || d < dist.get(here))) here = node;
    if (here === null) return null;
    if (here === target) break;
    done.add(here);
    for (const [next, line] of adjacency.get(here) || []) {
      if (banned.has(next) || cut.has(here + "|" + next) || done.has(next)) continue;
      const d = dist.get(here) + line.cost;
      if (!dist.has(next) || d < dist.get(next)) { dist.set(next, d); previous.set(next, here); }
    }
  }
  const path = [target];
  while (path[0] !== source) path.unshift(previous.get(path[0]));
  return path;
}
function pathCost(adjacency, path) {
  let cost = 0;
  for (let i = 1; i < path.length; i++) cost += adjacency.get(path[i - 1]).get(path[i]).cost;
  return cost;
}
function strongestPaths(source, target, k, collective) {
  const adjacency = weightedLines([source, target], collective);
  const first = cheapest(adjacency, source, target, new Set(), new Set());
  if (!first) return [];
  const found = [first], seen = new Set([first.join(" ")]), candidates = [];
  for (;;) {
    const last = found[found.length - 1];
    for (let i = 0; i < last.length - 1; i++) {
      const root = last.slice(0, i + 1), cut = new Set();
      for (const p of found)
        if (p.length > i + 1 && p.slice(0, i + 1).join(" ") === root.join(" ")) {
          cut.add(p[i] + "|" + p[i + 1]);
          cut.add(p[i + 1] + "|" + p[i]);
        }
      const spur = cheapest(adjacency, last[i], target, new Set(root.slice(0, -1)), cut);
      if (!spur) continue;
      const path = [...root.slice(0, -1), ...spur];
      if (seen.has(path.join(" "))) continue;
      seen.add(path.join(" "));
      candidates.push({ path: path, cost: pathCost(adjacency, path) });
    }
    if (!candidates.length) break;
    candidates.sort((x, y) => x.cost - y.cost);
    const next = candidates.shift();
    // read on while the cost ties with the k-th: the choice among ties is made below, not here
    if (found.length >= k && next.cost > pathCost(adjacency, found[k - 1])) break;
    found.push(next.path);
  }
  const unstated = path => path.slice(1).filter((n, i) => adjacency.get(path[i]).get(n).claim.certainty !== "stated").length;
  const names = path => path.map(n => byId.get(n).name);
  const compareNames = (x, y) => { for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1; return x.length - y.length; };
  const ranked = found.map(path => ({ path: path, cost: pathCost(adjacency, path) }));
  ranked.sort((x, y) => x.cost - y.cost || x.path.length - y.path.length || unstated(x.path) - unstated(y.path) ||
                        compareNames(names(x.path), names(y.path)));
  return ranked.slice(0, k).map(({ path, cost }) => ({
    cost: cost,
    hops: path.slice(1).map((to, i) => {
      const line = adjacency.get(path[i]).get(to);
      return { from: path[i], to: to, bundle: line.bundle, claim: line.claim, cost: line.cost };
    }),
  }));
}
function shortestPath(source, target) {
  const found = strongestPaths(source, target, 1, true);
  return found.length ? found[0].hops : null;
}
function dim(ids, bundles) {
  // everything off the chosen path fades; ids null: nothing is dimmed
  const on = ids ? new Set(ids) : null, lines = bundles ? new Set(bundles) : null;
  onPath = on;
  nodes.update(DATA.nodes.map(n => ({ id: n.id, opacity: !on || on.has(n.id) ? 1 : 0.15 })));
  edges.update(DATA.edges.map(e => ({ id: e.id, color: !lines || lines.has(e.id) ? null :
                                      { color: "rgba(160,160,160,0.12)", highlight: "#3a3a3a", hover: "#333333" },
                                      width: lines && lines.has(e.id) ? 2 * META.unit : undefined })));
  window.sergeNetwork.dimmed = on ? DATA.nodes.length - on.size : 0;
}
function choosePath(index) {
  const chosen = window.sergeNetwork.paths[index];
  if (!chosen) return;
  const hops = chosen.hops;
  const ids = [hops[0].from, ...hops.map(h => h.to)];
  priority = ids;
  dim(ids, hops.map(h => h.bundle));
  network.setSelection({ nodes: ids, edges: hops.map(h => h.bundle) }, { highlightEdges: false });
  network.fit({ nodes: ids, animation: false });
  if (network.getScale() > 1.5 / META.unit) network.moveTo({ scale: 1.5 / META.unit });
  for (const [i, section] of document.querySelectorAll("#path-result .path").entries()) {
    section.classList.toggle("chosen", i === index);
    section.querySelector("button").setAttribute("aria-pressed", i === index ? "true" : "false");
  }
  window.sergeNetwork.path = hops;
  window.sergeNetwork.chosen = index;
  network.redraw();
}
function showPath() {
  const result = document.getElementById("path-result");
  result.replaceChildren();
  dim(null, null);
  const a = findNode(document.getElementById("path-from").value);
  const b = findNode(document.getElementById("path-to").value);
  if (!a || !b) { result.appendChild(text("p", "Give two names from the list.", "message")); return null; }
  const k = Math.max(1, Number(document.getElementById("path-count").value) || 3);
  const collective = document.getElementById("path-groups").checked;
  const found = a.id === b.id ? [] : strongestPaths(a.id, b.id, k, collective);
  window.sergeNetwork.paths = found;
  if (!found.length) {
    result.appendChild(text("p", "No connection between " + a.name + " and " + b.name + " among the lines shown" +
                                 (collective ? "." : " without passing through a group."), "message"));
    window.sergeNetwork.path = null;
    return null;
  }
  result.appendChild(text("p", a.name + " to " + b.name + ": the " + plural(found.length, "strongest path") +
                               ", strongest first (a lower cost is stronger evidence)."));
  found.forEach((chosen, index) => {
    const section = document.createElement("section");
    section.className = "path";
    const button = text("button", "Path " + (index + 1) + ": " + plural(chosen.hops.length, "step") + ", cost " + chosen.cost);
    button.type = "button";
    button.addEventListener("click", () => choosePath(index));
    section.appendChild(button);
    const list = document.createElement("ol");
    for (const hop of chosen.hops) {
      const item = document.createElement("li");
      item.className = "hop";
      item.appendChild(text("strong", claimLine(hop.claim)));
      if (hop.claim.certainty !== "stated") item.append(" (" + hop.claim.certainty + ")");
      showQuote(item, hop.claim.quote, hop.claim.speaker, hop.claim.link);
      list.appendChild(item);
    }
    section.appendChild(list);
    result.appendChild(section);
  });
  choosePath(0);
  history.replaceState(null, "", "#path=" + encodeURIComponent(a.key) + "," + encodeURIComponent(b.key));
  return window.sergeNetwork.path;
}
document.getElementById("path-clear").addEventListener("click", () => {
  document.getElementById("path-result").replaceChildren();
  dim(null, null);
  priority = [];
  network.unselectAll();
  network.redraw();
});
document.getElementById("path-button").addEventListener("click", showPath);
for (const id of ["path-from", "path-to"])
  document.getElementById(id).addEventListener("keydown", event => { if (event.key === "Enter") showPath(); });
