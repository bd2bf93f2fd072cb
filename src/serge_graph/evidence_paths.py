"""Paths a historian can choose from: the k strongest simple paths between two nodes of the
full projection, each hop with the claim that makes it (relation, direction, quote, speaker).

How strong a path is: the sum of its hops' costs; the cheapest path comes first. A hop between
two nodes takes the cheapest claim that links them (either direction), and a claim costs

    1                       every hop (a shorter chain of claims is a closer connection)
    + 0 / 1 / 2             its certainty: stated / implied / inferred (sg:certainty)
    + 1                     if it ties a node to common ground: a membership (sg:memberOf or
                            a sub-property: member of, leader of, held position in), or a claim
                            whose other end is a place, a work or a group. Two people who
                            belong to the same party, lived in the same country or are named in
                            the same book are linked by what they share, not by anything
                            between them (20,000 Europeans lived in Mexico)

so one implied claim or one tie to common ground weighs as much as one more stated hop, and a
place or a work between two people adds two: "the GPU threatened Serge (implied), Umansky's
staff were GPU agents (implied), Umansky enjoyed Beria's confidence" (2 + 2 + 1 = 5) ties with
"Serge lived in Mexico, Umansky was ambassador to Mexico and enjoyed Beria's confidence"
(2 + 2 + 1 = 5). Costs are whole numbers: equal costs are true ties, broken by fewer hops, then
by fewer claims that are not stated, then by the nodes' labels, so the answer does not depend on
networkx's order.

Collective nodes (sg:Group: "a collective of people that the text names but that is not a
constituted organisation": the Stalinists, the Communists, the Allies) are left out between the
two ends unless `collective=True`: "Serge opposed the Stalinists, Beria was a Stalinist" says
nothing about Serge and Beria. Which nodes are collective is read from their type in the graph.

The paths are networkx's `shortest_simple_paths` on this weight (Yen's algorithm), kept to
`max_length` hops, with intermediate nodes of `via_types` only and claims at least as sure as
`certainty`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx

from .network import KINDS, Hop, NetworkError

CERTAINTIES = ("stated", "implied", "inferred")  # surest first
CERTAINTY_COST = {"stated": 0, "implied": 1, "inferred": 2}
MEMBERSHIP_COST = 1  # a tie to common ground: a membership, a place, a work or a group
HOP_COST = 1
COMMON_GROUND_KINDS = ("place", "work", "group")
COLLECTIVE_KINDS = ("group",)  # sg:Group, the ontology's collective of people


def claim_cost(edge: dict, kinds: tuple[str, str] = ("", "")) -> int:
    """What one claim costs as a hop (see the module's docstring); kinds are its two ends'."""
    certainty = CERTAINTY_COST[edge.get("certainty") or "stated"]
    common = edge.get("membership") or any(kind in COMMON_GROUND_KINDS for kind in kinds)
    return HOP_COST + certainty + (MEMBERSHIP_COST if common else 0)


def strongest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    k: int = 3,
    max_length: int | None = None,
    via_types: Iterable[str] | None = None,
    certainty: str = "inferred",
    collective: bool = False,
) -> list[list[Hop]]:
    """The k strongest simple paths from source to target, cheapest first, hop by hop;
    through collective nodes (groups) only if `collective`."""
    if k < 1:
        raise NetworkError(f"k must be 1 or more, not {k}")
    if max_length is not None and max_length < 1:
        raise NetworkError(f"max_length must be 1 or more, not {max_length}")
    weighted = weighted_view(
        graph, certainty, via_types, keep=(source, target), collective=collective
    )
    if max_length is not None:
        weighted = _within_reach(weighted, source, target, max_length)
    if source not in weighted or target not in weighted:
        return []
    chosen = _cheapest(weighted, source, target, k, max_length)
    return [[_hop(weighted, a, b) for a, b in itertools.pairwise(path)] for path in chosen]


def path_cost(hops: list[Hop]) -> int:
    return sum(hop.cost for hop in hops)


def weighted_view(
    graph: nx.MultiDiGraph,
    certainty: str = "inferred",
    via_types: Iterable[str] | None = None,
    keep: Iterable[str] = (),
    collective: bool = True,
) -> nx.Graph:
    """Undirected, one edge per linked pair, weighted by its cheapest qualifying claim,
    which the edge keeps (with its direction) as `claim`; without the collective nodes
    (those in `keep` excepted) unless `collective`."""
    if certainty not in CERTAINTIES:
        raise NetworkError(
            f"unknown certainty {certainty!r}; choose one of {', '.join(CERTAINTIES)}"
        )
    allowed = CERTAINTIES[: CERTAINTIES.index(certainty) + 1]
    nodes = _nodes_allowed(graph, via_types, set(keep))
    if not collective:
        nodes = {n for n in nodes if graph.nodes[n]["kind"] not in COLLECTIVE_KINDS} | (
            set(keep) & nodes
        )
    weighted = nx.Graph()
    weighted.add_nodes_from((n, graph.nodes[n]) for n in nodes)
    for s, t, edge in graph.edges(data=True):
        if s == t or s not in nodes or t not in nodes:
            continue
        if (edge.get("certainty") or "stated") not in allowed:
            continue
        cost = claim_cost(edge, (graph.nodes[s]["kind"], graph.nodes[t]["kind"]))
        ranked = (cost, edge.get("start", 0), edge.get("relation", ""))
        if not weighted.has_edge(s, t) or ranked < weighted.edges[s, t]["rank"]:
            weighted.add_edge(s, t, weight=ranked[0], rank=ranked, claim=(s, t, edge))
    return weighted


def _nodes_allowed(graph: nx.Graph, via_types: Iterable[str] | None, keep: set[str]) -> set[str]:
    if via_types is None:
        return set(graph)
    kinds = set(via_types)
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise NetworkError(f"unknown type {', '.join(unknown)}; types: {', '.join(KINDS)}")
    return {n for n, d in graph.nodes(data=True) if d["kind"] in kinds} | (keep & set(graph))


def _within_reach(weighted: nx.Graph, source: str, target: str, max_length: int) -> nx.Graph:
    """Only the nodes that a path of at most max_length hops can pass through (which keeps
    Yen's algorithm from wandering through long paths it would have to drop)."""
    if source not in weighted or target not in weighted:
        return weighted
    from_source = nx.single_source_shortest_path_length(weighted, source, cutoff=max_length)
    to_target = nx.single_source_shortest_path_length(weighted, target, cutoff=max_length)
    near = [
        n for n in from_source if n in to_target and from_source[n] + to_target[n] <= max_length
    ]
    return weighted.subgraph(near)


def _cheapest(
    weighted: nx.Graph, source: str, target: str, k: int, max_length: int | None
) -> list[list[str]]:
    """The k cheapest paths; the ties at the k-th cost are all read, then sorted, so the
    choice among them is by hops and labels, not by the order Yen's algorithm finds them."""
    if not nx.has_path(weighted, source, target):
        return []
    # a path costs at least one per hop: past this cost no path is short enough
    ceiling = None if max_length is None else max_length * (HOP_COST + 2 + MEMBERSHIP_COST)
    found: list[tuple[int, list[str]]] = []
    for path in nx.shortest_simple_paths(weighted, source, target, weight="weight"):
        cost = nx.path_weight(weighted, path, "weight")
        if len(found) >= k and cost > found[k - 1][0]:
            break
        if ceiling is not None and cost > ceiling:
            break
        if max_length is None or len(path) - 1 <= max_length:
            found.append((cost, path))
    label = lambda node: weighted.nodes[node]["label"]  # noqa: E731
    found.sort(
        key=lambda item: (
            item[0],
            len(item[1]),
            _unstated(weighted, item[1]),
            [label(n) for n in item[1]],
        )
    )
    return [path for _cost, path in found[:k]]


def _unstated(weighted: nx.Graph, path: list[str]) -> int:
    """How many of a path's hops rest on a claim that is not stated."""
    return sum(
        (weighted.edges[a, b]["claim"][2].get("certainty") or "stated") != "stated"
        for a, b in itertools.pairwise(path)
    )


def _hop(weighted: nx.Graph, a: str, b: str) -> Hop:
    s, _t, edge = weighted.edges[a, b]["claim"]
    return Hop(
        a,
        b,
        edge.get("relation", ""),
        edge.get("quote", ""),
        edge.get("speaker", ""),
        s == a,
        edge.get("certainty", ""),
        claim=edge.get("claim", ""),
        cost=weighted.edges[a, b]["weight"],
    )
