"""Paths a historian can choose from (issue 16): the k strongest simple paths between two
entities, checked against networkx's own shortest_simple_paths on a weighted graph that this
test builds from the RDF graph by rdflib's triple access (not from the projection), each hop
against its claim in the RDF graph, and the order pinned for Serge -> Beria."""

from __future__ import annotations

import itertools
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from serge_graph import api
from serge_graph.cli import main
from serge_graph.namespaces import OA, SG
from serge_graph.network import NetworkError, find_node, full_projection

# the documented weight (evidence_paths): one a hop, +1 implied, +2 inferred, +1 a tie to
# common ground (a membership, or a claim with a place, a work or a group at one end)
COMMON_GROUND = {"place", "work", "group"}
CERTAINTY = {SG.Stated: 0, SG.Implied: 1, SG.Inferred: 2}
LABEL = {SG.Stated: "stated", SG.Implied: "implied", SG.Inferred: "inferred"}


@pytest.fixture(scope="module")
def full(graph):
    return full_projection(graph)


def memberships(graph) -> set[URIRef]:
    found, todo = set(), [SG.memberOf]
    while todo:
        prop = todo.pop()
        found.add(prop)
        todo.extend(set(graph.subjects(RDFS.subPropertyOf, prop)) - found)
    return found


def node_kind(graph, node) -> str | None:
    types = set(graph.objects(node, RDF.type))
    for kind, cls in (
        ("event", SG.Event),
        ("person", SG.Person),
        ("group", SG.Group),
        ("organisation", SG.Organisation),
        ("place", SG.Place),
        ("work", SG.Work),
    ):
        if cls in types or any((t, RDFS.subClassOf, cls) in graph for t in types):
            return kind
    return None


def claim_cost(graph, claim, member_props) -> int:
    certainty = graph.value(claim, SG.certainty)
    ends = (graph.value(claim, RDF.subject), graph.value(claim, RDF.object))
    common = graph.value(claim, RDF.predicate) in member_props or any(
        node_kind(graph, end) in COMMON_GROUND for end in ends
    )
    return 1 + CERTAINTY[certainty] + (1 if common else 0)


def first_start(graph, claim) -> int | None:
    """Where the claim's first quote starts in its text (None: no quote, a reference's claim)."""
    return min(
        (
            int(start)
            for evidence in graph.objects(claim, SG.evidence)
            for selector in graph.objects(graph.value(evidence, OA.hasTarget), OA.hasSelector)
            for start in graph.objects(selector, OA.start)
        ),
        default=None,
    )


def oracle_graph(
    graph, allowed=("stated", "implied", "inferred"), via=None, ends=(), collective=False
):
    """Undirected, each pair weighted by its cheapest claim (the first in the text among
    equals), from the RDF triples alone; groups only at the ends unless collective."""
    member_props = memberships(graph)
    weighted = nx.Graph()
    for claim in graph.subjects(RDF.type, SG.Claim):
        s, o = graph.value(claim, RDF.subject), graph.value(claim, RDF.object)
        if s == o or node_kind(graph, s) is None or node_kind(graph, o) is None:
            continue
        if LABEL[graph.value(claim, SG.certainty)] not in allowed:
            continue
        if via is not None and any(
            n not in ends and node_kind(graph, n) not in via for n in (s, o)
        ):
            continue
        if not collective and any(n not in ends and node_kind(graph, n) == "group" for n in (s, o)):
            continue
        if first_start(graph, claim) is None:  # no quote: not a link the network draws
            continue
        rank = (claim_cost(graph, claim, member_props), first_start(graph, claim))
        if not weighted.has_edge(str(s), str(o)) or rank < weighted.edges[str(s), str(o)]["rank"]:
            stated = graph.value(claim, SG.certainty) == SG.Stated
            weighted.add_edge(str(s), str(o), weight=rank[0], rank=rank, stated=stated)
    return weighted


def oracle_paths(graph, weighted, source, target, k, max_length):
    """The k cheapest simple paths, ties at equal cost sorted by hops, claims not stated and
    labels: networkx's shortest_simple_paths (read on past the k-th while the cost ties), or
    with max_length every simple path of at most that many hops (nx.all_simple_paths)."""
    label = lambda n: str(graph.value(URIRef(n), RDFS.label))  # noqa: E731
    cost = lambda path: nx.path_weight(weighted, path, "weight")  # noqa: E731
    unstated = lambda path: sum(  # noqa: E731
        not weighted.edges[a, b]["stated"] for a, b in itertools.pairwise(path)
    )
    if max_length is not None:
        found = [(cost(p), p) for p in nx.all_simple_paths(weighted, source, target, max_length)]
    else:
        found = []
        for path in nx.shortest_simple_paths(weighted, source, target, weight="weight"):
            if len(found) >= k and cost(path) > found[k - 1][0]:
                break
            found.append((cost(path), path))
    found.sort(
        key=lambda item: (item[0], len(item[1]), unstated(item[1]), [label(n) for n in item[1]])
    )
    return found[:k]


def nodes_of(hops) -> list[str]:
    return [hops[0].source, *(hop.target for hop in hops)]


CASES = [
    ("Serge", "Beria", 5, None),
    ("Serge", "Beria", 10, 3),
    ("Serge", "Beria", 3, 3),
    ("Andrés Nin", "Umansky", 6, 4),
    ("Gorkin", "Lombardo Toledano", 4, 3),
    ("Cárdenas", "Trotsky", 5, 4),
]


@pytest.mark.slow
@pytest.mark.parametrize(("a", "b", "k", "max_length"), CASES)
def test_paths_are_networkx_shortest_simple_paths_on_the_documented_weight(
    graph, full, a, b, k, max_length
):
    _net, paths = api.paths_between(a, b, k=k, max_length=max_length)
    source, target = find_node(full, a), find_node(full, b)
    expected = oracle_paths(graph, oracle_graph(graph), source, target, k, max_length)
    assert [nodes_of(hops) for hops in paths] == [path for _cost, path in expected]
    assert [sum(hop.cost for hop in hops) for hops in paths] == [c for c, _p in expected]
    assert paths and len(paths) <= k
    if max_length is not None:
        assert all(len(hops) <= max_length for hops in paths)
    # as many paths as networkx finds by hops alone, up to k (none dropped or invented)
    plain = nx.shortest_simple_paths(oracle_graph(graph), source, target)
    short_enough = (p for p in plain if max_length is None or len(p) - 1 <= max_length)
    if max_length is not None:  # a bounded count: every path of at most max_length hops
        short_enough = nx.all_simple_paths(oracle_graph(graph), source, target, max_length)
    assert len(paths) == len(list(itertools.islice(short_enough, k)))


def _claims_of(graph, left: str, right: str):
    for claim in graph.subjects(RDF.subject, URIRef(left)):
        if (claim, RDF.object, URIRef(right)) in graph and (claim, RDF.type, SG.Claim) in graph:
            yield claim


def _quotes(graph, claim) -> set[str]:
    quotes = set()
    for evidence in graph.objects(claim, SG.evidence):
        for selector in graph.objects(graph.value(evidence, OA.hasTarget), OA.hasSelector):
            quotes |= {str(q) for q in graph.objects(selector, OA.exact)}
    return quotes


@pytest.mark.parametrize(("a", "b", "k", "max_length"), CASES)
def test_each_hop_is_its_cheapest_claim_read_in_its_direction(graph, corpus, a, b, k, max_length):
    _net, paths = api.paths_between(a, b, k=k, max_length=max_length)
    member_props = memberships(graph)
    text = corpus.sources["gorkin-1957"].text
    for hops in paths:
        for hop, following in itertools.pairwise(hops):
            assert hop.target == following.source
        for hop in hops:
            left, right = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
            claim = URIRef(hop.claim)
            assert graph.value(claim, RDF.subject) == URIRef(left)
            assert graph.value(claim, RDF.object) == URIRef(right)
            predicate = graph.value(claim, RDF.predicate)
            assert str(graph.value(predicate, RDFS.label)) == hop.relation
            assert hop.quote in _quotes(graph, claim) and hop.quote in text
            speaker = graph.value(graph.value(claim, SG.speaker), RDFS.label)
            assert str(speaker) == hop.speaker
            assert LABEL[graph.value(claim, SG.certainty)] == hop.certainty
            assert hop.cost == claim_cost(graph, claim, member_props)
            every = [*_claims_of(graph, left, right), *_claims_of(graph, right, left)]
            assert hop.cost == min(claim_cost(graph, c, member_props) for c in every)


def _readable(network, hops) -> list[tuple[str, str, str]]:
    label = lambda n: network.nodes[n]["label"]  # noqa: E731
    return [
        (label(h.source), h.relation, label(h.target))
        if h.forward
        else (label(h.target), h.relation, label(h.source))
        for h in hops
    ]


@pytest.mark.slow
def test_serge_to_beria_strongest_evidence_first():
    network, paths = api.paths_between("Serge", "Beria")
    assert [_readable(network, hops) for hops in paths] == [
        [
            ("Victor Serge", "lived in", "Mexico"),
            ("Konstantin Umansky", "ambassador to", "Mexico"),
            ("Konstantin Umansky", "enjoyed the confidence of", "Lavrenti Beria"),
        ],
        [
            ("Victor Serge", "left", "Soviet Union"),
            ("Konstantin Umansky", "represented", "Soviet Union"),
            ("Konstantin Umansky", "enjoyed the confidence of", "Lavrenti Beria"),
        ],
        [  # the chain the text tells: the GPU threatened Serge, Umansky's staff were GPU agents
            ("GPU", "threatened", "Victor Serge"),
            ("Konstantin Umansky", "associated with", "GPU"),
            ("Konstantin Umansky", "enjoyed the confidence of", "Lavrenti Beria"),
        ],
    ]
    # equal costs: the stated chains through places before the implied one
    assert [sum(h.cost for h in hops) for hops in paths] == [5, 5, 5]
    assert [[h.certainty for h in hops] for hops in paths][2] == ["implied", "implied", "stated"]
    assert [h.speaker for h in paths[2]] == ["Julián Gorkin"] * 3
    # no group between the ends unless asked; asked, the group is the shortest way round
    kinds = {network.nodes[h.target]["kind"] for hops in paths for h in hops[:-1]}
    assert "group" not in kinds
    _network, crowd = api.paths_between("Serge", "Beria", k=1, collective=True)
    assert _readable(network, crowd[0]) == [
        ("Victor Serge", "opposed", "Stalinists"),
        ("Lavrenti Beria", "member of", "Stalinists"),
    ]
    # only two hops allowed, no group: no path at all
    assert api.paths_between("Serge", "Beria", k=3, max_length=2)[1] == []


@pytest.mark.slow
def test_certainty_keeps_only_claims_that_sure(graph, full):
    network, paths = api.paths_between("Serge", "Beria", k=6, certainty="stated")
    assert len(paths) == 6
    assert {h.certainty for hops in paths for h in hops} == {"stated"}
    source, target = find_node(full, "Serge"), find_node(full, "Beria")
    stated = oracle_graph(graph, allowed=("stated",))
    expected = oracle_paths(graph, stated, source, target, 6, None)
    assert [nodes_of(hops) for hops in paths] == [p for _c, p in expected]
    assert ("Victor Serge", "opposed", "Stalinists") not in {
        step for hops in paths for step in _readable(network, hops)
    }
    _network, implied = api.paths_between("Serge", "Beria", k=30, certainty="implied")
    assert {h.certainty for hops in implied for h in hops} == {"stated", "implied"}


@pytest.mark.slow
def test_via_types_keeps_the_nodes_between_to_those_types(graph, full):
    network, paths = api.paths_between(
        "Andrés Nin", "Umansky", k=5, via_types=["person", "group"], max_length=4, collective=True
    )
    source, target = find_node(full, "Andrés Nin"), find_node(full, "Umansky")
    between = {network.nodes[n]["kind"] for hops in paths for n in nodes_of(hops)[1:-1]}
    assert between <= {"person", "group"} and paths
    ends = {URIRef(source), URIRef(target)}
    via = oracle_graph(graph, via={"person", "group"}, ends=ends, collective=True)
    expected = oracle_paths(graph, via, source, target, 5, 4)
    assert [nodes_of(hops) for hops in paths] == [p for _c, p in expected]
    with pytest.raises(NetworkError, match="unknown type persn; types: person"):
        api.paths_between("Serge", "Beria", via_types=["persn"])
    with pytest.raises(NetworkError, match="unknown certainty 'sure'"):
        api.paths_between("Serge", "Beria", certainty="sure")


@pytest.mark.slow
def test_max_paths_is_the_older_name_of_k():
    assert (
        api.paths_between("Serge", "Beria", max_paths=2)[1]
        == api.paths_between("Serge", "Beria", k=2)[1]
    )


@pytest.mark.slow
def test_cli_path_takes_the_same_options_as_the_api():
    runner = CliRunner()
    args = ["path", "Serge", "Beria", "--k", "4", "--max-length", "3", "--format", "json"]
    rows = json.loads(runner.invoke(main, args).stdout)
    network, paths = api.paths_between("Serge", "Beria", k=4, max_length=3)
    expected = [
        {"path": str(n), "cost": str(sum(h.cost for h in hops)), "hop": str(i)}
        | dict(zip(("from", "relation", "to"), step, strict=True))
        | {"quote": hop.quote, "speaker": hop.speaker, "certainty": hop.certainty}
        for n, hops in enumerate(paths, 1)
        for i, (hop, step) in enumerate(zip(hops, _readable(network, hops), strict=True), 1)
    ]
    assert rows == expected
    older = json.loads(runner.invoke(main, [*args[:3], "--max", "4", *args[5:]]).stdout)
    assert older == rows
    stated = ["path", "Serge", "Beria", "--certainty", "stated", "--via-types", "place,person"]
    result = runner.invoke(main, [*stated, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert {line.rsplit(",", 1)[-1] for line in result.stdout.splitlines()[1:]} == {"stated"}
    none = runner.invoke(main, ["path", "Serge", "Beria", "--via-types", "person"])
    assert none.exit_code == 1
    assert none.output == "Error: no connection between 'Serge' and 'Beria' with these options\n"
    wrong = runner.invoke(main, ["path", "Serge", "Beria", "--via-types", "persn"])
    assert wrong.exit_code == 1 and "unknown type persn" in wrong.output


def test_cli_path_passes_through_groups_only_when_asked():
    runner = CliRunner()
    args = ["path", "Serge", "Beria", "--k", "1", "--format", "json"]
    plain = json.loads(runner.invoke(main, args).stdout)
    crowd = json.loads(runner.invoke(main, [*args, "--through-groups"]).stdout)
    assert "Stalinists" not in {row[end] for row in plain for end in ("from", "to")}
    assert [(row["from"], row["to"]) for row in crowd] == [
        ("Victor Serge", "Stalinists"),
        ("Lavrenti Beria", "Stalinists"),
    ]
