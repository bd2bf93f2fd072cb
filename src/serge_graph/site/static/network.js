// The network page's behaviour: names drawn by importance without overlap, the side
// panel, filters with true counts, search, paths, and the selection in the URL.
// Inlined into templates/network.html so that the page is one offline file; every text
// from the data goes into the page with textContent, never as HTML.
"use strict";
const DATA = JSON.parse(document.getElementById("graph-data").textContent);
const META = DATA.meta;
const LABEL_PX = 13;            // every name is drawn at this CSS size, whatever the zoom
const LABEL_FONT = LABEL_PX + "px system-ui, sans-serif";
const LABEL_GAP = 2;            // CSS px between a dot and its name
const LABEL_HEIGHT = Math.ceil(LABEL_PX * 1.25);  // the box a name takes, descenders included
const byId = new Map(DATA.nodes.map(n => [n.id, n]));
const bundleById = new Map(DATA.edges.map(e => [e.id, e]));
const byKey = new Map(DATA.nodes.map(n => [n.key, n]));
const container = document.getElementById("graph");
const touchOnly = window.matchMedia("(hover: none)").matches;

function text(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}
function link(content, href) {
  const a = text("a", content);
  a.href = href;
  return a;
}
function fold(value) {
  return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'").toLowerCase().trim();
}
function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

// ---- the drawing ----------------------------------------------------------------------------
function nodeTip(n) {
  const lines = [n.name + " (" + n.type + ")"];
  const dates = Object.entries(n.dates || {}).map(([k, v]) => k + " " + v).join(", ");
  if (dates) lines.push(dates);
  if (n.description) lines.push(n.description);
  return lines.join("\n");
}
function claimLine(c) {
  return byId.get(c.from).name + " — " + c.relation + " — " + byId.get(c.to).name;
}
// a claim the text gets wrong: what the text says, who says it and where, and the correction
function errorLine(c) {
  if (c.rank !== "deprecated") return "";
  const where = [c.speaker, c.paragraph].filter(Boolean).join(", ");
  return "the text says " + claimLine(c) + (where ? " (" + where + ")" : "") + " — " +
    (c.fixes.length ? "corrected: " + c.fixes.join("; ") : "deprecated");
}
const C = window.sergeCertainty;
function bundleTip(bundle, claims) {
  const head = byId.get(bundle.from).name + " and " + byId.get(bundle.to).name + ": " + plural(claims.length, "claim");
  return [head, ...claims.map(c => "• " + (errorLine(c) || claimLine(c) + (c.speaker ? " (" + c.speaker + ")" : "")))].join("\n");
}
const nodes = new vis.DataSet(DATA.nodes.map(n => ({
  id: n.id, x: n.x, y: n.y, size: n.size, title: nodeTip(n),
  color: { background: n.color, border: "#ffffff", highlight: { background: n.color, border: "#111111" },
           hover: { background: n.color, border: "#111111" } },
})));
const edges = new vis.DataSet(DATA.edges.map(e => ({
  id: e.id, from: e.from, to: e.to, value: e.value, dashes: e.dashes, title: bundleTip(e, e.claims),
})));
const options = {
  nodes: { shape: "dot", borderWidth: 1.5, font: { size: 0 } },
  // lines bend slightly so that a line is not hidden under two others through a node between its ends
  edges: { color: { color: "#a0a0a0", highlight: "#3a3a3a", hover: "#333333" }, smooth: { type: "curvedCW", roundness: 0.12 },
           scaling: { min: META.unit, max: 6 * META.unit }, selectionWidth: 0.5 * META.unit, hoverWidth: 0.5 * META.unit },
  physics: { enabled: false },   // positions come computed: the page opens settled
  layout: { improvedLayout: false },
  interaction: { hover: true, tooltipDelay: 120, keyboard: false, zoomSpeed: 0.6 },
};
let network = null;
window.sergeNetwork = { nodes: nodes, edges: edges, meta: META, data: DATA, labelled: [],
                        labelPx: LABEL_PX, labelFont: LABEL_FONT, labelGap: LABEL_GAP, labelHeight: LABEL_HEIGHT };

// ---- names: the most important first, as many as fit without touching ---------------------------
const measure = document.createElement("canvas").getContext("2d");
measure.font = LABEL_FONT;
const widths = new Map(DATA.nodes.map(n => [n.id, Math.ceil(measure.measureText(n.name).width)]));
const byRank = [...DATA.nodes].sort((a, b) => a.rank - b.rank).map(n => n.id);
let priority = [];   // selected node, its neighbours, a path: their names first
let onPath = null;   // the nodes of the chosen path, while everything else is dimmed

function labelBoxes() {
  const shown = new Set(nodes.getIds({ filter: n => !n.hidden }));
  const order = [...new Set([...priority.filter(id => shown.has(id)), ...byRank.filter(id => shown.has(id))])];
  const positions = network.getPositions(order);
  const scale = network.getScale();
  const width = container.clientWidth, height = container.clientHeight;
  const placed = [];
  // the dots a name must not cover (its own excepted): a name over a dot reads as that dot's
  const dots = order.map(id => { const c = network.canvasToDOM(positions[id]); return { id: id, x: c.x, y: c.y, r: byId.get(id).size * scale }; });
  for (const id of order) {
    const centre = network.canvasToDOM(positions[id]);
    const w = widths.get(id);
    const box = { id: id, left: centre.x - w / 2, right: centre.x + w / 2,
                  top: centre.y + byId.get(id).size * scale + LABEL_GAP };
    box.bottom = box.top + LABEL_HEIGHT;
    if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) continue;
    if (placed.some(p => box.left < p.right + 2 && p.left < box.right + 2 && box.top < p.bottom && p.top < box.bottom)) continue;
    if (dots.some(d => d.id !== id && d.x + 2 > box.left && d.x - 2 < box.right && d.y + 2 > box.top && d.y - 2 < box.bottom)) continue;
    placed.push(box);
  }
  return placed;
}
function drawLabels(ctx) {
  const placed = labelBoxes();
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.font = LABEL_FONT;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  for (const box of placed) {
    const name = byId.get(box.id).name, x = (box.left + box.right) / 2, y = box.top + 1;
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.strokeText(name, x, y);
    // off a chosen path a name fades with its dot
    ctx.fillStyle = onPath && !onPath.has(box.id) ? "#8c8c8c" : priority.includes(box.id) ? "#000000" : "#1e1e1e";
    ctx.fillText(name, x, y);
  }
  ctx.restore();
  window.sergeNetwork.labelled = placed.map(b => b.id);
}

// ---- the side panel ------------------------------------------------------------------------------
const details = document.getElementById("details");
function showQuote(parent, quote, speaker, href) {
  if (quote) parent.appendChild(text("blockquote", "“" + quote + "”"));
  const line = text("div", speaker ? "— " + speaker : "", "speaker");
  if (href) { line.append(speaker ? " · " : ""); line.appendChild(link("in the text", href)); }
  parent.appendChild(line);
}
function showNode(id) {
  const n = byId.get(id);
  if (!n) return;
  details.replaceChildren();
  const heading = document.createElement("h2");
  heading.appendChild(n.page ? link(n.name, n.page) : text("span", n.name));
  details.appendChild(heading);
  details.appendChild(text("p", n.type + " · mentioned " + plural(n.mentions, "time") + " · " + plural(neighbours(id).size, "neighbour")));
  const dates = Object.entries(n.dates || {}).map(([k, v]) => k + " " + v).join(", ");
  if (dates) details.appendChild(text("p", dates));
  if (n.aliases.length) details.appendChild(text("p", "also written: " + n.aliases.join(", ")));
  if (n.description) details.appendChild(text("p", n.description));
  for (const q of n.quotes) showQuote(details, q.quote, q.speaker, "");
  if (n.page) {
    const p = document.createElement("p");
    p.appendChild(link("Everything the text says about " + n.name + " →", n.page));
    details.appendChild(p);
  }
  details.dataset.showing = id;
}
function showBundle(id) {
  const bundle = bundleById.get(id);
  if (!bundle) return;
  const claims = bundle.claims.filter(claimShown);
  details.replaceChildren();
  details.appendChild(text("h2", byId.get(bundle.from).name + " and " + byId.get(bundle.to).name + ": " + plural(claims.length, "claim")));
  const hidden = bundle.claims.length - claims.length;
  if (hidden) details.appendChild(text("p", plural(hidden, "more claim") + " hidden by the filters.", "note"));
  const list = document.createElement("ol");
  for (const c of claims) {
    const item = document.createElement("li");
    item.className = "claim";
    item.appendChild(text("strong", claimLine(c)));
    if (c.certainty !== "stated") item.append(" (" + c.certainty + ")");
    if (c.rank === "deprecated") item.appendChild(text("p", errorLine(c), "erratum"));
    item.dataset.certainty = c.certainty;
    item.dataset.rank = c.rank;
    if (c.via) item.append(" — via " + (byId.get(c.via) || { name: c.via }).name);
    showQuote(item, c.quote, c.speaker, c.link);
    list.appendChild(item);
  }
  details.appendChild(list);
  details.dataset.showing = id;
}

// ---- filters and the counts that say what is shown ----------------------------------------------
const allKinds = [...new Set(DATA.nodes.map(n => n.kind))].sort();
const allClaims = DATA.edges.flatMap(e => e.claims);
const allRelations = [...new Set(allClaims.map(c => c.relation))].sort();
const allSpeakers = [...new Set(allClaims.map(c => c.speaker))].sort();
const allSources = [...new Set(allClaims.map(c => c.source))].sort();
const years = DATA.nodes.filter(n => n.years).flatMap(n => n.years);
const firstYear = years.length ? Math.min(...years) : 0, lastYear = years.length ? Math.max(...years) : 0;
const state = { kinds: new Set(allKinds), relations: new Set(allRelations), speakers: new Set(allSpeakers),
                sources: new Set(allSources), from: firstYear, to: lastYear };
function claimShown(c) {
  return C.allows(c.certainty, c.rank) && state.relations.has(c.relation) && state.speakers.has(c.speaker) && state.sources.has(c.source);
}
function nodePasses(n) {
  if (!state.kinds.has(n.kind)) return false;
  const narrowed = state.from > firstYear || state.to < lastYear;
  if (n.kind !== "event" || !narrowed) return true;
  return !!n.years && n.years[1] >= state.from && n.years[0] <= state.to;
}
function applyFilters(refit) {
  const passing = new Set(DATA.nodes.filter(nodePasses).map(n => n.id));
  const claimsNarrowed = !!C.params() || state.relations.size < allRelations.length || state.speakers.size < allSpeakers.length ||
                         state.sources.size < allSources.length;
  const edgeUpdates = [], linked = new Set();
  let claimCount = 0, lineCount = 0;
  for (const bundle of DATA.edges) {
    const claims = passing.has(bundle.from) && passing.has(bundle.to) ? bundle.claims.filter(claimShown) : [];
    if (claims.length) { linked.add(bundle.from); linked.add(bundle.to); claimCount += claims.length; lineCount += 1; }
    edgeUpdates.push({ id: bundle.id, hidden: !claims.length, value: claims.length || 1, title: bundleTip(bundle, claims) });
  }
  // a claim filter keeps only what it links; a type or date filter keeps every node that passes
  const shown = claimsNarrowed ? linked : passing;
  nodes.update(DATA.nodes.map(n => ({ id: n.id, hidden: !shown.has(n.id) })));
  edges.update(edgeUpdates);
  window.sergeNetwork.shown = { nodes: shown.size, claims: claimCount, lines: lineCount };
  document.getElementById("counts").textContent =
    "Showing " + shown.size + " of " + META.nodes + " nodes and " + claimCount + " of " + META.edges +
    " claims (" + plural(lineCount, "line") + "). Size: " + META.size + "; thick line: several claims.";
  if (refit && network) network.fit({ animation: false });
  shareSelection();
}
// the timeline and the map, with the same years and person
function shareSelection() {
  const parts = [C.params()];
  if (state.from > firstYear || state.to < lastYear) parts.push("years=" + state.from + "-" + state.to);
  const focused = window.sergeNetwork.focused && byId.get(window.sergeNetwork.focused);
  if (focused && focused.kind === "person") parts.push("person=" + encodeURIComponent(focused.key));
  const hash = parts.filter(Boolean).join("&");
  document.querySelectorAll("a[data-view-link]").forEach(a => {
    a.href = a.getAttribute("href").split("#")[0] + (hash ? "#" + hash : "");
  });
}
document.addEventListener("serge:certainty", () => applyFilters(false));
function checkbox(parent, value, label, checked, onChange, swatch) {
  const wrapper = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox"; box.checked = checked; box.value = value;
  box.addEventListener("change", () => onChange(box.checked));
  wrapper.appendChild(box);
  if (swatch) { const s = text("span", "", "swatch"); s.style.background = swatch; wrapper.append(" ", s); }
  wrapper.append(" " + label);
  parent.appendChild(wrapper);
  return box;
}
function toggle(set, value, on) { if (on) set.add(value); else set.delete(value); applyFilters(true); }
const kindCounts = new Map(allKinds.map(k => [k, DATA.nodes.filter(n => n.kind === k).length]));
const kindBoxes = allKinds.map(k => {
  const box = checkbox(document.getElementById("kind-filter"), k, k + " (" + kindCounts.get(k) + ")", true,
                       on => toggle(state.kinds, k, on), META.colours[k]);
  box.dataset.kind = k;
  return box;
});
const speakerBoxes = allSpeakers.map(s => {
  const box = checkbox(document.getElementById("speaker-filter"), s,
                       (s || "no speaker") + " (" + allClaims.filter(c => c.speaker === s).length + ")", true,
                       on => toggle(state.speakers, s, on));
  box.dataset.speaker = s;
  return box;
});
// which text says it: shown only when the graph holds more than one source
const sourceFilter = document.getElementById("source-filter");
sourceFilter.hidden = allSources.length < 2;
const sourceBoxes = allSources.map(s => {
  const box = checkbox(sourceFilter, s, s + " (" + allClaims.filter(c => c.source === s).length + ")", true,
                       on => toggle(state.sources, s, on));
  box.dataset.source = s;
  return box;
});
const relationBoxes = allRelations.map(r => {
  const box = checkbox(document.getElementById("relation-list"), r,
                       r + " (" + allClaims.filter(c => c.relation === r).length + ")", true,
                       on => toggle(state.relations, r, on));
  box.dataset.relation = r;
  return box;
});
function setRelations(on) {
  for (const box of relationBoxes) box.checked = on;
  state.relations = new Set(on ? allRelations : []);
  applyFilters(true);
}
document.getElementById("relations-all").addEventListener("click", () => setRelations(true));
document.getElementById("relations-none").addEventListener("click", () => setRelations(false));
const yearFrom = document.getElementById("year-from"), yearTo = document.getElementById("year-to");
for (const input of [yearFrom, yearTo]) { input.min = firstYear; input.max = lastYear; }
yearFrom.value = firstYear; yearTo.value = lastYear;
function readYears() {
  state.from = Number(yearFrom.value) || firstYear;
  state.to = Number(yearTo.value) || lastYear;
  applyFilters(true);
}
yearFrom.addEventListener("change", readYears);
yearTo.addEventListener("change", readYears);
document.getElementById("filters-reset").addEventListener("click", () => {
  for (const box of [...kindBoxes, ...speakerBoxes, ...sourceBoxes, ...relationBoxes]) box.checked = true;
  yearFrom.value = firstYear; yearTo.value = lastYear;
  Object.assign(state, { kinds: new Set(allKinds), relations: new Set(allRelations),
                         speakers: new Set(allSpeakers), sources: new Set(allSources),
                         from: firstYear, to: lastYear });
  applyFilters(true);
});

// ---- search, selection and the URL ------------------------------------------------------------
const names = document.getElementById("names");
for (const n of DATA.nodes) {
  for (const name of [n.name, ...n.aliases]) {
    const option = document.createElement("option");
    option.value = name;
    names.appendChild(option);
  }
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
function findNode(query) {
  const wanted = fold(query);
  if (!wanted) return null;
  const named = n => [n.name, ...n.aliases, n.key].map(fold);
  const exact = DATA.nodes.find(n => named(n).includes(wanted));
  if (exact) return exact;
  const partial = DATA.nodes.filter(n => named(n).some(name => name.includes(wanted)));
  if (partial.length) return partial.sort((a, b) => a.rank - b.rank)[0];
  // a small misspelling: Vishinsky finds Vyshinsky
  let best = null, bestDistance = Infinity;
  for (const n of DATA.nodes) {
    for (const name of named(n)) {
      for (const word of [name, ...name.split(/\s+/)]) {
        const distance = editDistance(wanted, word);
        if (distance < bestDistance || (distance === bestDistance && n.rank < best.rank)) { best = n; bestDistance = distance; }
      }
    }
  }
  return bestDistance <= Math.max(1, Math.floor(wanted.length / 4)) ? best : null;
}
function neighbours(id) {
  const found = new Set();
  for (const e of DATA.edges) {
    if (e.from === id) found.add(e.to);
    if (e.to === id) found.add(e.from);
  }
  found.delete(id);
  return found;
}
function selectNode(id, zoom) {
  const n = byId.get(id);
  if (!n) return null;
  if (nodes.get(id).hidden) document.getElementById("filters-reset").click();
  priority = [id, ...[...neighbours(id)].sort((a, b) => byId.get(a).rank - byId.get(b).rank)];
  network.selectNodes([id]);
  if (zoom) network.focus(id, { scale: Math.max(network.getScale(), 1.4 / META.unit), animation: false });
  showNode(id);
  window.sergeNetwork.focused = id;
  const years = state.from > firstYear || state.to < lastYear ? "years=" + state.from + "-" + state.to : "";
  history.replaceState(null, "", "#" + [C.params(), years, "node=" + encodeURIComponent(n.key)].filter(Boolean).join("&"));
  shareSelection();
  network.redraw();
  return id;
}
function focusNode(query) {
  const n = findNode(query);
  const message = document.getElementById("search-message");
  if (!n) { message.textContent = "No name like “" + query + "” in this network."; return null; }
  message.textContent = fold(n.name) === fold(query) ? "" : "Showing " + n.name + ".";
  return selectNode(n.id, true);
}
function nodeByKey(key) { return byKey.get(key) || DATA.nodes.find(m => m.id.endsWith("/" + key)); }
function yearsFromHash() {
  const years = /(?:^#|&)years=(\d{4})-(\d{4})/.exec(location.hash);
  if (!years) return;
  yearFrom.value = years[1]; yearTo.value = years[2];
  readYears();
}
function selectFromHash() {
  yearsFromHash();
  const path = /path=([^,&]+),([^&]+)/.exec(location.hash);
  if (path) {
    const [a, b] = [nodeByKey(decodeURIComponent(path[1])), nodeByKey(decodeURIComponent(path[2]))];
    if (a && b) {
      document.getElementById("path-from").value = a.name;
      document.getElementById("path-to").value = b.name;
      showPath();
    }
    return;
  }
  // from an entity page: "how is X connected to …?" with X filled in, the other name to type
  const from = /from=([^&]+)/.exec(location.hash);
  if (from) {
    const n = nodeByKey(decodeURIComponent(from[1]));
    if (n) {
      document.getElementById("path-from").value = n.name;
      selectNode(n.id, true);
      document.getElementById("path-to").focus();
    }
    return;
  }
  const match = /(?:node|person)=([^&]+)/.exec(location.hash);
  if (!match) return;
  const key = decodeURIComponent(match[1]);
  const n = nodeByKey(key);
  if (n) selectNode(n.id, true);
  else document.getElementById("search-message").textContent = "No node “" + key + "” in this network.";
}
const search = document.getElementById("search");
search.addEventListener("change", () => focusNode(search.value));
search.addEventListener("keydown", event => { if (event.key === "Enter") focusNode(search.value); });

// ---- paths: network_paths.js, inlined after this script -------------------------------------
window.sergeNetwork.focusNode = focusNode;
window.sergeNetwork.findNode = findNode;
window.sergeNetwork.shortestPath = shortestPath;
window.sergeNetwork.strongestPaths = strongestPaths;
window.sergeNetwork.claimShown = claimShown;

// ---- start: show progress first, then draw the computed positions -------------------------------
document.getElementById("title").textContent = META.title;
document.getElementById("source").textContent = "Source: " + META.source;
document.getElementById("index-link").href = META.indexPage;
document.getElementById("text-link").href = META.textPage;
document.getElementById("timeline-link").href = META.timelinePage;
document.getElementById("map-link").href = META.mapPage;
for (const kind of allKinds) {
  const key = text("span", "", "key");
  const swatch = text("span", "", "swatch");
  swatch.style.background = META.colours[kind];
  key.append(swatch, " " + kind);
  document.getElementById("legend").appendChild(key);
}
document.getElementById("progress-text").textContent =
  "Drawing " + plural(META.nodes, "node") + " and " + plural(DATA.edges.length, "line") + "…";

// ---- taps: the nearest dot within reach, and a card over the graph that names it ---------------
const TAP_REACH = 28;  // CSS px from the edge of a dot
let lastPointer = "";
container.addEventListener("pointerdown", event => { lastPointer = event.pointerType; }, true);
function nearestNode(dom, reach) {
  const shown = nodes.getIds({ filter: n => !n.hidden });
  const positions = network.getPositions(shown);
  const scale = network.getScale();
  let best = null, bestGap = Infinity;
  for (const id of shown) {
    const at = network.canvasToDOM(positions[id]);
    const gap = Math.hypot(at.x - dom.x, at.y - dom.y) - byId.get(id).size * scale;
    if (gap < bestGap) { best = id; bestGap = gap; }
  }
  return bestGap <= reach ? best : null;
}
const tapCard = document.getElementById("tap-card");
function showTapCard(n) {
  tapCard.replaceChildren();
  tapCard.appendChild(n.page ? link(n.name, n.page) : text("strong", n.name));
  tapCard.append(" · " + n.type + (n.page ? " · tap again to open its page" : ""));
  tapCard.hidden = false;
}
function hideTapCard() { tapCard.hidden = true; }
window.sergeNetwork.nearestNode = (x, y) => nearestNode({ x: x, y: y }, TAP_REACH);

function start() {
  network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.sergeNetwork.network = network;
  applyFilters(false);
  network.on("afterDrawing", drawLabels);
  network.on("hoverNode", params => showNode(params.node));
  network.on("hoverEdge", params => showBundle(params.edge));
  network.on("click", params => {
    const touch = touchOnly || lastPointer === "touch";
    // a finger is wide: a tap near a dot opens the dot, not a line that passes by
    const id = params.nodes[0] || (touch ? nearestNode(params.pointer.DOM, TAP_REACH) : null);
    if (id) {
      const n = byId.get(id);
      // a click opens the node's page; on a touch screen the first tap shows it here first
      if (n.page && (!touch || window.sergeNetwork.focused === n.id)) window.location.href = n.page;
      else { selectNode(n.id, false); if (touch) showTapCard(n); }
    } else if (params.edges.length) { hideTapCard(); showBundle(params.edges[0]); }
    else hideTapCard();
  });
  network.fit({ animation: false });
  network.once("afterDrawing", () => {
    network.fit({ animation: false });  // again, now that the canvas has its final size
    if (container.clientWidth < 600) {
      // a phone: the whole network is too small to name anything; start closer, on the centre
      network.moveTo({ scale: network.getScale() * 2, animation: false });
    }
    document.body.dataset.stable = "yes";
    document.body.dataset.settledMs = Math.round(performance.now());
    selectFromHash();
  });
  network.redraw();
  window.addEventListener("hashchange", selectFromHash);
  window.addEventListener("resize", () => network.fit({ animation: false }));
}
// let the browser paint the progress message before the drawing starts
requestAnimationFrame(() => {
  const progress = document.getElementById("progress");
  document.body.dataset.progressShown = progress.offsetWidth > 0 ? "yes" : "no";
  setTimeout(start, 0);
});
