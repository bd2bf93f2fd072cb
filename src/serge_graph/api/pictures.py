"""The graph as pictures: the network, its measures, paths between people, the timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..queries import Rows

if TYPE_CHECKING:
    import networkx as nx


from .graph import (
    SOURCE_LINE,
    build,
)
from .modules import (
    building,
    network,
    network_page,
    timeline_facets,
    timeline_page,
)


def show_network(graph: nx.Graph, size_by: str = "pagerank", height: int = 650):
    """The network page inline in Jupyter: the same offline page as the CLI, in an iframe."""
    from html import escape

    from IPython.display import HTML

    page = network_html(graph, size_by)
    frame = f'<iframe srcdoc="{escape(page, quote=True)}" style="width:100%;height:{height}px;border:0"></iframe>'
    return HTML(
        f"<div>{frame}</div>"
    )  # a bare <iframe> makes IPython suggest IFrame, which needs a URL


def network_graph(
    projection_name: str = "full",
    focus: str | None = None,
    depth: int = 1,
    types: list[str] | None = None,
    data: Path | str | None = None,
    source: str | None = None,
) -> nx.Graph:
    """A networkx projection (full, actors, comention), optionally an ego network, by type,
    and what one source says."""
    graph = network.projection(build(data), projection_name)
    if source:
        graph = network.filter_source(graph, source)
    if types:
        graph = network.filter_kinds(graph, types)
    if focus:
        graph = network.focus(graph, network.find_node(graph, focus), depth)
    return graph


def network_metrics(graph: nx.Graph) -> Rows:
    """Degree, betweenness, PageRank and community for every node, by PageRank: numbers as
    numbers (the measures rounded to four places), so a DataFrame's columns are numeric."""
    from ..values import Measure

    rows = [
        [m.label, m.kind, m.degree, Measure(m.betweenness), Measure(m.pagerank), m.community]
        for m in network.metrics(graph)
    ]
    return Rows(["name", "type", "degree", "betweenness", "pagerank", "community"], rows)


def network_html(graph: nx.Graph, size_by: str = "pagerank", site_root: str = "") -> str:
    """The offline HTML page of a projection; nodes sized by PageRank or mention count.

    Its links lead to the entity pages and text.html of the static site at site_root
    ("" when the page stands at the site's root, as `serge-graph site` writes it).
    A graph too big to draw in one page (many sources) shows its most connected part, and
    says so (network_page.most_connected).
    """
    budget = network_page.MOST_CLAIMS
    while True:  # a corpus of many sources: its busiest part, in a page under the size bound
        part = network_page.most_connected(graph, most_claims=budget)
        page = _network_page(part, size_by, site_root)
        if part is graph or budget <= 50 or len(page.encode("utf-8")) <= network_page.PAGE_BYTES:
            return page
        budget //= 2


def _network_page(graph: nx.Graph, size_by: str, site_root: str) -> str:
    if size_by == "mentions":
        sizes = {n: float(d.get("mentions", 0)) for n, d in graph.nodes(data=True)}
    else:
        sizes = {m.node: m.pagerank for m in network.metrics(graph)} if len(graph) else {}
    title = {
        "full": "Who and what the text connects: people, groups, organisations, places, works, events",
        "actors": "People, groups and organisations, linked by claims and by shared events and works",
        "comention": "Entities mentioned in the same paragraph",
    }[graph.graph.get("projection", "full")]
    shown = network_page.shown_words(graph)
    source = f"{SOURCE_LINE}; {shown}" if shown else SOURCE_LINE
    return network_page.network_page(graph, title, source, sizes, size_by, site_root)


def write_network_page(
    graph: nx.Graph, out: Path, size_by: str = "pagerank", site_root: str = ""
) -> None:
    write_text(out, network_html(graph, size_by, site_root))


def write_text(path: Path, text: str) -> None:
    """Write a whole text file or nothing."""
    building.write_atomically(Path(path), text.encode("utf-8"))


def paths_between(
    name_a: str,
    name_b: str,
    k: int = 3,
    max_length: int | None = None,
    via_types: list[str] | None = None,
    certainty: str | None = None,
    data: Path | str | None = None,
    *,
    max_paths: int | None = None,
    collective: bool = False,
) -> tuple[nx.Graph, list[list[network.Hop]]]:
    """The k strongest simple paths between two entities in the full projection, hop by hop.

    Strongest first: stated claims before implied or inferred ones, direct relations before
    ties to common ground (a group, a place, a work), fewer hops before more (the weight:
    serge_graph.evidence_paths). Collective nodes (groups: the Stalinists, the Allies) are
    not passed through unless `collective`.
    max_length caps the hops, via_types keeps the nodes between the two ends to some types
    (person, group, organisation, place, work, event), certainty keeps the claims at least
    that sure (stated, implied, inferred). Each hop has its relation, direction (forward:
    the claim reads source -> target), quote, speaker, certainty and cost.
    max_paths is the older name of k."""
    from ..evidence_paths import strongest_paths

    graph = network.projection(build(data), "full")
    a, b = network.find_node(graph, name_a), network.find_node(graph, name_b)
    paths = strongest_paths(
        graph, a, b, max_paths or k, max_length, via_types, certainty or "inferred", collective
    )
    return graph, paths


def path_rows(graph: nx.Graph, paths: list[list[network.Hop]]) -> Rows:
    """Paths as rows, one a hop, each claim read in its own direction (from -> relation -> to):
    path, cost, hop, from, relation, to, quote, speaker, certainty."""
    label = lambda node: graph.nodes[node]["label"]  # noqa: E731
    rows = []
    for number, hops in enumerate(paths, 1):
        cost = str(sum(hop.cost for hop in hops))
        for step, hop in enumerate(hops, 1):
            left, right = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
            rows.append(
                [
                    str(number),
                    cost,
                    str(step),
                    label(left),
                    hop.relation,
                    label(right),
                    hop.quote,
                    hop.speaker,
                    hop.certainty,
                ]
            )
    columns = ["path", "cost", "hop", "from", "relation", "to", "quote", "speaker", "certainty"]
    return Rows(columns, rows)


def timeline_html(data: Path | str | None = None, site_root: str = "") -> str:
    """The offline timeline page: every dated event, focused on 1936–1948, linked into the site."""
    graph = build(data)
    events = timeline_page.timeline_events(graph)
    facets = timeline_facets.timeline_facets(graph, {e.iri for e in events})
    return timeline_page.timeline_page(events, f"Dated events in {SOURCE_LINE}", site_root, facets)
