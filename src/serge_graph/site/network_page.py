"""networkx -> one self-contained, offline HTML page drawn by vis-network (inlined from pyvis).

The page opens settled: positions are computed here with networkx (seeded, so the
same graph always looks the same) and the browser draws them with physics off, so
no simulation runs in the reader's browser. Parallel claims between two nodes are
drawn as one line (a bundle) that lists every claim. Every text from the data
reaches the page as JSON (Jinja's tojson escapes <, >, & and ') and is put into
the page with textContent, never as HTML, so an annotation cannot inject markup.

Links follow the static site's layout: the page stands at the site root, beside
`text.html` and `id/<kind>/<slug>.html` (the entity pages).
"""

from __future__ import annotations

from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from ..evidence_paths import COLLECTIVE_KINDS, COMMON_GROUND_KINDS
from ..model import PartialDate
from ..namespaces import ID
from .links import claim_anchor, page_path, root_prefix, text_page
from .pages import paragraph_label, readable_date

COLOURS = {
    "person": "#d95f02",
    "group": "#a6761d",
    "organisation": "#1b9e77",
    "place": "#7570b3",
    "work": "#e7298a",
    "event": "#66a61e",
}
_TEMPLATE = "network.html"
_LAYOUT_SEED = 1947
_ASPECT = 1.6  # the graph area of a laptop screen is about this much wider than high
# Canvas units per CSS pixel of a laptop's fitted view. vis-network counts a line as under
# the pointer within 10 canvas units of it: drawn 4 times larger (and shown zoomed out
# 4 times) that is about 2 px, so hovering a line picks that line, not a neighbour.
UNIT = 4.0
_SMALLEST, _LARGEST = 6 * UNIT, 26 * UNIT  # node radius in canvas units
# A page draws at most this many nodes and claims between them (the article: 206 and 469, about
# 1.2 MB with the inlined vis-network): a corpus of many sources shows its most connected part.
MOST_NODES, MOST_CLAIMS = 500, 800
PAGE_BYTES = 2_000_000  # a page that would pass this shows fewer claims (api.network_html)


def network_page(
    graph: nx.Graph,
    title: str,
    source: str,
    sizes: dict[str, float] | None = None,
    size_by: str = "pagerank",
    site_root: str = "",
) -> str:
    """The HTML of an interactive page for a projection; sizes maps node -> relative importance.

    site_root is prefixed to the links to entity pages and to text.html ("" when the
    page stands at the root of the site, as `serge-graph site` writes it).
    """
    sizes = sizes or {}
    site_root = root_prefix(site_root)
    positions = layout(graph)
    keys = node_keys(graph)
    nodes = [
        _node_fields(node, data, sizes.get(node, 0.0), positions[node], keys[node], site_root)
        for node, data in graph.nodes(data=True)
    ]
    _rank(nodes)
    bundles = _bundles(graph, site_root, graph.graph.get("sources", {}))
    meta = {
        "title": title,
        "source": source,
        "projection": graph.graph.get("projection", ""),
        "colours": COLOURS,
        "nodes": graph.number_of_nodes(),
        "edges": sum(len(b["claims"]) for b in bundles),
        "size": "PageRank" if size_by == "pagerank" else "mentions in the text",
        "unit": UNIT,
        # the path finder weighs claims as evidence_paths does
        "commonGround": list(COMMON_GROUND_KINDS),
        "collective": list(COLLECTIVE_KINDS),
        "textPage": site_root + "text.html",
        "indexPage": site_root + "index.html",
        "timelinePage": site_root + "timeline.html",
        "mapPage": site_root + "map.html",
    }
    return _template().render(meta=meta, nodes=nodes, edges=bundles)


def most_connected(
    graph: nx.Graph, most_nodes: int = MOST_NODES, most_claims: int = MOST_CLAIMS
) -> nx.Graph:
    """The graph itself if it is small enough to draw, else its most connected part: nodes by
    number of claims (most first, then by name), each taken while the claims among the nodes
    taken stay within most_claims, up to most_nodes. The part's graph attributes say how much
    of the whole it shows (shown_of: the whole's number of nodes)."""
    claims = graph.number_of_edges() - nx.number_of_selfloops(graph)
    if len(graph) <= most_nodes and claims <= most_claims:
        return graph
    label = lambda n: graph.nodes[n].get("label", n).casefold()  # noqa: E731
    ranked = sorted(graph, key=lambda n: (-graph.degree(n), label(n), n))
    taken: set[str] = set()
    inside = 0
    for node in ranked:
        if len(taken) >= most_nodes:
            break
        ends = [b for _a, b in graph.edges(node)]
        if graph.is_directed():
            ends += [a for a, _b in graph.in_edges(node)]
        between = sum(1 for other in ends if other in taken and other != node)
        if inside + between > most_claims:
            continue
        taken.add(node)
        inside += between
    part = graph.subgraph(taken).copy()
    part.graph["shown_of"] = len(graph)
    return part


def shown_words(part: nx.Graph) -> str:
    """What a cut network page shows, in words ("" for the whole graph)."""
    whole = part.graph.get("shown_of")
    if not whole:
        return ""
    return (
        f"the {len(part):,} most connected of {whole:,} names and events "
        "(every one has its page: see the index)"
    )


def _template():
    web = files("serge_graph.site")
    folders = [str(web / "templates"), str(web / "static")]  # the page, its script
    folders.append(str(Path(pyvis.__file__).parent / "templates"))  # vis-network's JS and CSS
    environment = Environment(
        loader=ChoiceLoader([FileSystemLoader(f) for f in folders]), autoescape=True
    )
    return environment.get_template(_TEMPLATE)


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions, stretched to a wide screen, in canvas units.

    Computed once here so that the page opens settled: nothing moves in the browser.
    """
    if not len(graph):
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((a, b) for a, b in graph.edges() if a != b)
    # strong gravity spreads the nodes evenly over a disc instead of pushing the hubs
    # (Serge, Gorkin) and their many leaves to the rim: more room for names
    raw = nx.forceatlas2_layout(
        simple,
        max_iter=400,
        scaling_ratio=4.0,
        distributed_action=True,
        strong_gravity=True,
        seed=_LAYOUT_SEED,
    )
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    span = 40.0 * UNIT * len(graph) ** 0.5  # canvas units: about 2250 for 200 nodes
    return {
        node: (
            round(float(_ASPECT * span * ((x - min(xs)) / width - 0.5)), 1),
            round(float(span * ((y - min(ys)) / height - 0.5)), 1),
        )
        for node, (x, y) in raw.items()
    }


def node_keys(graph: nx.Graph) -> dict[str, str]:
    """The short name of each node in the page's URL (#node=victor-serge): the IRI's last
    segment, or kind/slug where two nodes share a last segment."""
    last = {node: node.rsplit("/", 1)[-1] for node in graph}
    counts = defaultdict(int)
    for slug in last.values():
        counts[slug] += 1
    return {
        node: slug if counts[slug] == 1 else node.removeprefix(str(ID))
        for node, slug in last.items()
    }


def _node_fields(
    node: str, data: dict, size: float, position: tuple[float, float], key: str, root: str
) -> dict:
    page = page_path(node)
    return {
        "id": node,
        "key": key,
        "name": data["label"],
        "x": position[0],
        "y": position[1],
        "importance": float(size),
        "color": COLOURS[data["kind"]],
        "kind": data["kind"],
        "type": data["type"],
        "description": data.get("description", ""),
        "dates": {kind: _readable(value) for kind, value in data.get("dates", {}).items()},
        "years": data.get("years"),
        "aliases": data.get("aliases", []),
        "quotes": data.get("quotes", [])[:3],
        "mentions": data.get("mentions", 0),
        "page": root + page if page else "",
    }


def _readable(value: str) -> str:
    """1947-11-17 -> 17 November 1947; "1943 or 1945" (the text dates it twice) stays two dates."""
    try:
        return " or ".join(readable_date(PartialDate.parse(part)) for part in value.split(" or "))
    except ValueError:  # a date the model cannot parse is shown as the text gives it
        return value


def _rank(nodes: list[dict]) -> None:
    """Sizes from importance, and each node's rank (0 = most important: its name shows first)."""
    biggest = max((n["importance"] for n in nodes), default=0) or 1
    order = sorted(nodes, key=lambda n: (-n["importance"], -n["mentions"], n["name"]))
    for rank, node in enumerate(order):
        node["rank"] = rank
        node["size"] = round(_SMALLEST + (_LARGEST - _SMALLEST) * node["importance"] / biggest, 1)


def _bundles(graph: nx.Graph, root: str, sources: dict[str, dict]) -> list[dict]:
    """One line per pair of nodes, carrying every claim between them in text order."""
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for a, b, data in graph.edges(data=True):
        pair = (a, b) if a <= b else (b, a)
        pairs[pair].extend(_claims_of(a, b, data, root, sources))
    bundles = []
    for index, ((a, b), claims) in enumerate(sorted(pairs.items())):
        claims.sort(key=lambda c: (c["start"], c["relation"]))
        bundles.append(
            {
                "id": f"e{index}",
                "from": a,
                "to": b,
                "claims": claims,
                "value": len(claims),
                # issue 12's certainty: a line none of whose claims is stated is drawn dashed
                "dashes": all(c["certainty"] != "stated" for c in claims),
            }
        )
    return bundles


def _page(source_id: str, sources: dict[str, dict]) -> str:
    """The text page of a source (text.html for the first, or where sources are not known)."""
    return text_page(source_id, sources.get(source_id, {}).get("number", 1))


def _source_title(source_id: str, sources: dict[str, dict]) -> str:
    return sources.get(source_id, {}).get("title", source_id)


def _claims_of(a: str, b: str, data: dict, root: str, sources: dict[str, dict]) -> list[dict]:
    """The claims an edge of a projection stands for (a co-mention edge: one per paragraph)."""
    if "paragraphs" in data:
        return [
            {
                "relation": "mentioned together",
                "from": a,
                "to": b,
                "quote": "",
                "speaker": "",
                "certainty": "stated",
                "link": f"{root}{_page(paragraph.rsplit('/', 2)[-2], sources)}#"
                + paragraph.rsplit("/", 1)[-1],
                "start": index,
                "paragraph": paragraph.rsplit("/", 1)[-1],
                "source": _source_title(paragraph.rsplit("/", 2)[-2], sources),
            }
            for index, paragraph in enumerate(data["paragraphs"])
        ]
    links = data.get("links") or [data]
    return [
        {
            "relation": link.get("relation", ""),
            "from": a,
            "to": b,
            "quote": link.get("quote", ""),
            "speaker": link.get("speaker", ""),
            "certainty": link.get("certainty") or "stated",
            "membership": bool(link.get("membership")),
            "link": root + claim_anchor(link["claim"], _page(link.get("source", ""), sources))
            if link.get("claim")
            else "",
            "start": link.get("start") or 0,
            "via": link.get("via", ""),
            "source": _source_title(link.get("source", ""), sources),
            "rank": link.get("rank") or "normal",
            "paragraph": paragraph_label(link["paragraph"]) if link.get("paragraph") else "",
            "fixes": [_fix_words(fix) for fix in link.get("fixes", [])],
        }
        for link in links
    ]


def _fix_words(fix: dict) -> str:
    """A correction in words: "1945 (Konstantin Umansky — Wikipedia)"."""
    words = fix["label"] or _readable(fix["value"])
    if fix["relation"]:
        words = f"{fix['relation']} {words}"
    return f"{words} ({fix['reference']})" if fix["reference"] else words
