"""networkx projections, metrics and paths on the real graph; the network and timeline commands."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from serge_graph import network
from serge_graph.cli import main
from serge_graph.namespaces import ID, OA, SG


@pytest.fixture(scope="module")
def full(graph):
    return network.full_projection(graph)


def test_full_projection_edges_carry_quote_and_speaker(full, corpus):
    source = corpus.sources["gorkin-1957"].text
    assert full.number_of_nodes() > 150
    for _a, _b, data in full.edges(data=True):
        assert data["quote"] and data["quote"] in source
        assert data["speaker"] and data["relation"]
    umansky = full.nodes[str(ID["person/konstantin-umansky"])]
    assert umansky["kind"] == "person" and umansky["dates"]["born"] == "1902"
    assert all(q["quote"] in source for q in umansky["quotes"])


def test_actors_projection_links_through_shared_events(graph, full):
    actors = network.actors_projection(graph, full)
    assert {d["kind"] for _, d in actors.nodes(data=True)} <= {"person", "group", "organisation"}
    pivert, regler = str(ID["person/marceau-pivert"]), str(ID["person/gustav-regler"])
    links = actors.edges[pivert, regler]["links"]
    assert any(link["via"] for link in links)  # both signed the pamphlet
    assert any("The GPU Prepares a New Crime" in link["relation"] for link in links)


def test_comention_projection_is_weighted_by_paragraphs(graph, full):
    comention = network.comention_projection(graph, full)
    serge, gorkin = str(ID["person/victor-serge"]), str(ID["person/julian-gorkin"])
    edge = comention.edges[serge, gorkin]
    assert edge["weight"] == len(edge["paragraphs"]) >= 3


def test_metrics_are_stable_and_rank_serge_first(full):
    first, second = network.metrics(full), network.metrics(full)
    assert first == second  # Louvain runs with a fixed seed
    assert first[0].label == "Victor Serge"
    assert len({m.community for m in first}) > 2
    assert abs(sum(m.pagerank for m in first) - 1) < 1e-6


def test_path_from_serge_to_beria_has_evidence(full, corpus):
    serge, beria = network.find_node(full, "Serge"), network.find_node(full, "beria")
    paths = network.shortest_paths(full, serge, beria, 3)
    assert paths
    shortest = nx.shortest_path_length(network.simple_view(full), serge, beria)
    source = corpus.sources["gorkin-1957"].text
    for hops in paths:
        assert len(hops) == shortest
        assert hops[0].source == serge and hops[-1].target == beria
        assert all(hop.quote in source and hop.speaker for hop in hops)


def test_focus_and_type_filter(full):
    gorkin = network.find_node(full, "Julián Gorkin")
    ego = network.focus(full, gorkin, 1)
    assert gorkin in ego and set(ego) <= set(full)
    assert all(nx.has_path(ego.to_undirected(), gorkin, n) for n in ego)
    people = network.filter_kinds(full, ["person"])
    assert {d["kind"] for _, d in people.nodes(data=True)} == {"person"}
    with pytest.raises(network.NetworkError, match="unknown type"):
        network.filter_kinds(full, ["persons"])


@pytest.mark.slow
def test_cli_network_stats_and_path():
    runner = CliRunner()
    result = runner.invoke(main, ["network", "stats", "--top", "5", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 5 and rows[0]["name"] == "Victor Serge"
    hops = json.loads(runner.invoke(main, ["path", "Serge", "Beria", "--format", "json"]).stdout)
    assert hops and {"from", "relation", "to", "quote", "speaker"} <= set(hops[0])
    missing = runner.invoke(main, ["path", "Serge", "Nobody At All"])
    assert missing.exit_code == 1 and "no node" in missing.output


@pytest.mark.slow
def test_cli_network_and_timeline_write_pages(tmp_path):
    runner = CliRunner()
    out = tmp_path / "net.html"
    result = runner.invoke(
        main, ["network", "--out", str(out), "--focus", "Gorkin", "--depth", "1"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "vis.Network" in page and "cdnjs" not in page and "<link" not in page
    timeline = tmp_path / "timeline.html"
    assert runner.invoke(main, ["timeline", "--out", str(timeline)]).exit_code == 0
    text = timeline.read_text(encoding="utf-8")
    # dates as people read them, not as ISO strings
    assert "death of Victor Serge" in text and "17 November 1947" in text and "1942–1944" in text
    assert "April 1942" in text and ">1942-04<" not in text


# --- exact values, each against a rule of its own ---------------------------------------------


def test_full_projection_has_one_edge_per_claim_between_two_entities(full, corpus):
    """Edges are exactly the claims whose subject and object are entities or events and whose
    words are in the text (not general knowledge's corrections), each keyed by its claim,
    pointing from subject to object, with its first quote in text order."""
    entities = corpus.annotations.entities
    expected = {}
    for claim in corpus.annotations.claims:
        if claim.object in entities and claim.relation != "type" and claim.evidence:
            first = min(claim.evidence, key=lambda e: e.span.start)
            expected[str(ID[f"claim/{claim.id}"])] = (
                str(corpus.iri(claim.subject)),
                str(corpus.iri(claim.object)),
                first.span.exact,
                entities[claim.speaker].name,
            )
    got = {
        key: (a, b, data["quote"], data["speaker"])
        for a, b, key, data in full.edges(keys=True, data=True)
    }
    assert got == expected


def test_comention_weights_count_the_paragraphs_shared(graph, full, corpus):
    paragraphs: dict[str, set[str]] = {}
    for mention in corpus.annotations.mentions:
        node = str(corpus.iri(mention.entity))
        paragraphs.setdefault(node, set()).add(mention.span.paragraph)
    comention = network.comention_projection(graph, full)
    assert set(comention.nodes) == set(paragraphs)
    expected = {
        tuple(sorted((a, b))): len(paragraphs[a] & paragraphs[b])
        for a in paragraphs
        for b in paragraphs
        if a < b and paragraphs[a] & paragraphs[b]
    }
    got = {tuple(sorted((a, b))): d["weight"] for a, b, d in comention.edges(data=True)}
    assert got == expected


def test_metrics_are_networkx_measures_of_the_simple_view(full):
    simple = network.simple_view(full)
    pagerank = nx.pagerank(simple, weight="weight")
    betweenness = nx.betweenness_centrality(simple)
    rows = network.metrics(full)
    assert {m.node for m in rows} == set(full.nodes)
    for m in rows:
        assert m.degree == simple.degree(m.node)
        assert m.pagerank == pytest.approx(pagerank[m.node], abs=1e-9)
        assert m.betweenness == pytest.approx(betweenness[m.node], abs=1e-9)
    assert [m.pagerank for m in rows] == sorted((m.pagerank for m in rows), reverse=True)
    # a pair linked by several claims is one edge of that weight
    for a, b, data in simple.edges(data=True):
        assert data["weight"] == full.number_of_edges(a, b) + full.number_of_edges(b, a)


@pytest.mark.slow
def test_cli_network_stats_are_the_top_rows_of_the_metrics(full):
    result = CliRunner().invoke(
        main, ["network", "stats", "--top", "5", "--sort", "degree", "--format", "json"]
    )
    rows = json.loads(result.stdout)
    simple = network.simple_view(full)
    expected = sorted(
        ((full.nodes[n]["label"], simple.degree(n)) for n in full), key=lambda r: (-r[1], r[0])
    )[:5]
    assert [(r["name"], int(r["degree"])) for r in rows] == expected


@pytest.mark.slow
def test_cli_path_to_an_unknown_name_says_so_exactly():
    missing = CliRunner().invoke(main, ["path", "Serge", "Nobody At All"])
    assert missing.exit_code == 1
    assert missing.stderr == "Error: no node in this network is called 'Nobody At All'\n"


def _links(graph):
    return {
        (*sorted((a, b)), link["relation"], link["quote"], link["speaker"], link["via"])
        for a, b, data in graph.edges(data=True)
        for link in data["links"]
    }


def test_actors_are_linked_by_their_claims_and_by_shared_events_and_works(graph, full):
    """Direct links: one per claim between two actors, with its relation, quote and speaker.
    Shared links: two actors both linked to an event or a work, named after it, via its IRI."""
    actors = network.actors_projection(graph, full)
    kinds = {n: d["kind"] for n, d in full.nodes(data=True)}
    is_actor = {n for n, k in kinds.items() if k in network.ACTOR_KINDS}
    assert set(actors.nodes) == is_actor
    direct = {
        (*sorted((a, b)), d["relation"], d["quote"], d["speaker"], "")
        for a, b, d in full.edges(data=True)
        if a in is_actor and b in is_actor and a != b
    }
    shared = set()
    for hub, kind in kinds.items():
        if kind not in ("event", "work"):
            continue
        touching = {}
        for a, b, d in sorted(
            [*full.in_edges(hub, data=True), *full.out_edges(hub, data=True)],
            key=lambda e: e[2]["start"],
        ):
            other = a if b == hub else b
            if other in is_actor:
                touching.setdefault(other, d)
        label = full.nodes[hub]["label"]
        relation = ("both in " if kind == "event" else "both linked to ") + label
        for first in touching:
            for second in touching:
                if first < second:
                    d = touching[first]
                    shared.add((first, second, relation, d["quote"], d["speaker"], hub))
    assert {link for link in _links(actors) if not link[5]} == direct
    assert {(*link[:3], link[5]) for link in _links(actors) if link[5]} == {
        (*s[:3], s[5]) for s in shared
    }
    for _a, _b, data in actors.edges(data=True):
        assert data["weight"] == len(data["links"])
    assert actors.graph["projection"] == "actors"


@pytest.mark.slow
def test_projections_built_alone_equal_those_built_from_the_full_one(graph, full):
    alone, given = network.actors_projection(graph), network.actors_projection(graph, full)
    assert _links(alone) == _links(given) and set(alone) == set(given)
    co_alone, co_given = (
        network.comention_projection(graph),
        network.comention_projection(graph, full),
    )
    assert sorted(co_alone.edges(data=True)) == sorted(co_given.edges(data=True))
    assert co_alone.graph["projection"] == "comention" and full.graph["projection"] == "full"
    for name in network.PROJECTIONS:
        assert network.projection(graph, name).graph["projection"] == name
    with pytest.raises(network.NetworkError) as raised:
        network.projection(graph, "everything")
    assert (
        str(raised.value)
        == "unknown projection 'everything'; choose one of full, actors, comention"
    )


def test_comention_edges_name_the_paragraphs_they_share(graph, full, corpus):
    where: dict[str, set[str]] = {}
    for mention in corpus.annotations.mentions:
        paragraph = str(ID[f"source/{mention.span.source}/{mention.span.paragraph}"])
        where.setdefault(str(corpus.iri(mention.entity)), set()).add(paragraph)
    comention = network.comention_projection(graph, full)
    for a, b, data in comention.edges(data=True):
        assert sorted(data["paragraphs"]) == sorted(where[a] & where[b])


def test_an_unknown_type_is_named_with_the_known_ones(full):
    with pytest.raises(network.NetworkError) as raised:
        network.filter_kinds(full, ["persons", "work", "things"])
    assert str(raised.value) == (
        "unknown type persons, things; types: person, group, organisation, place, work, event"
    )


# --- views and paths of the weighted projections (written from surviving mutants) ----------


@pytest.fixture(scope="module")
def comention(graph, full):
    return network.comention_projection(graph, full)


@pytest.fixture(scope="module")
def actors(graph, full):
    return network.actors_projection(graph, full)


def test_the_simple_view_of_a_weighted_projection_keeps_its_weights(comention, actors):
    for weighted in (comention, actors):
        simple = network.simple_view(weighted)
        assert set(map(frozenset, simple.edges)) == {
            frozenset(e) for e in weighted.edges if e[0] != e[1]
        }
        assert all(
            simple.edges[a, b]["weight"] == weighted.edges[a, b]["weight"] for a, b in simple.edges
        )
    unweighted = nx.Graph()
    unweighted.add_node("a", label="A", kind="person")
    unweighted.add_node("b", label="B", kind="person")
    unweighted.add_edge("a", "b")
    assert network.simple_view(unweighted).edges["a", "b"]["weight"] == 1


def test_communities_are_numbered_by_size_then_by_their_first_member(full):
    rows = network.metrics(full)
    members: dict[int, list[str]] = {}
    for row in rows:
        members.setdefault(row.community, []).append(row.node)
    numbers = sorted(members)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 2
    order = [(-len(members[n]), min(members[n])) for n in numbers]
    assert order == sorted(order)


def test_a_name_of_several_nodes_is_refused_with_their_ids():
    twins = nx.Graph()
    for node in ("id/person/a", "id/person/b"):
        twins.add_node(node, label="Gorkin", aliases=(), kind="person")
    with pytest.raises(network.NetworkError) as raised:
        network.find_node(twins, "gorkin")
    assert str(raised.value) == "'gorkin' names several nodes: id/person/a, id/person/b"


def test_a_hop_of_the_comention_projection_is_a_co_mention(comention):
    a, b = sorted(next(iter(comention.edges)))
    (hop,) = network.shortest_paths(comention, a, b, max_paths=1)[0]
    assert (hop.source, hop.target, hop.relation, hop.quote, hop.speaker, hop.certainty) == (
        a,
        b,
        "co-mentioned",
        "",
        "",
        "",
    )


def test_a_hop_of_the_actors_projection_is_its_earliest_link(actors):
    a, b = next((a, b) for a, b in actors.edges if len(actors.edges[a, b]["links"]) > 1)
    (hop,) = network.shortest_paths(actors, a, b, max_paths=1)[0]
    links = actors.edges[a, b]["links"]
    first = min(links, key=lambda link: (link["start"], link["relation"]))
    assert (hop.relation, hop.quote, hop.speaker, hop.certainty) == (
        first["relation"],
        first["quote"],
        first["speaker"],
        first["certainty"],
    )


# --- node data and hop ties (written from the survivors of the full mutation run) ----------


def test_every_node_has_the_description_of_its_entity(full, corpus):
    expected = {
        str(corpus.iri(entity.id)): entity.description or ""
        for entity in corpus.annotations.entities.values()
    }
    assert {node: data["description"] for node, data in full.nodes(data=True)} == expected


def test_every_node_keeps_the_first_three_quotes_of_the_claims_on_either_end(full, corpus):
    """A node's quotes: the first quote of each claim it is the subject or the object of (an
    event's type is no claim between nodes), claims in text order, each quote once, at most
    three."""
    entities = corpus.annotations.entities
    ordered = sorted(
        (
            min(e.span.start for e in claim.evidence),
            str(ID[f"claim/{claim.id}"]),
            claim,
        )
        for claim in corpus.annotations.claims
        if claim.evidence and claim.relation != "type"
    )
    expected: dict[str, list[dict]] = {str(corpus.iri(e)): [] for e in entities}
    for _start, _iri, claim in ordered:
        first = min(claim.evidence, key=lambda e: e.span.start).span.exact
        ends = [claim.subject] + ([claim.object] if claim.object in entities else [])
        for end in ends:
            quotes = expected[str(corpus.iri(end))]
            if len(quotes) < 3 and all(q["quote"] != first for q in quotes):
                quotes.append({"quote": first, "speaker": entities[claim.speaker].name})
    assert {node: data["quotes"] for node, data in full.nodes(data=True)} == expected


def test_two_dates_of_one_kind_are_both_kept(graph, full, corpus):
    """Where the truthy view keeps two death dates (two claims of the same best rank), the node
    shows both. The real data ranks Umansky's two death years; his node's triples, with the
    ontology and a second death year, give both one rank."""
    umansky = ID["person/konstantin-umansky"]
    assert full.nodes[str(umansky)]["dates"] == {"born": "1902", "died": "1945"}
    both = Graph()
    both += corpus.vocabulary.graph
    both += graph.triples((umansky, None, None))
    both.add((umansky, SG.deathDate, Literal("1943", datatype=XSD.gYear)))
    assert network._node_table(both)[str(umansky)]["dates"] == {
        "born": "1902",
        "died": "1943 or 1945",
    }


def test_a_hop_between_two_claims_of_the_same_place_and_direction_takes_the_first_relation(
    full, corpus
):
    """The April 1943 attack is placed during the protest meeting and concerns it, in the same
    words: the hop names the relation first in alphabetical order, not the first claim's."""
    attack = str(corpus.iri("april-1943-attack"))
    meeting = str(corpus.iri("alter-erlich-protest-meeting"))
    claims = full.get_edge_data(attack, meeting)
    assert sorted(d["relation"] for d in claims.values()) == ["concerns", "during"]
    assert len({d["start"] for d in claims.values()}) == 1
    (hop,) = network.shortest_paths(full, attack, meeting, max_paths=1)[0]
    assert (hop.source, hop.target, hop.relation, hop.forward) == (
        attack,
        meeting,
        "concerns",
        True,
    )


# --- one source's view and the hints for a wrong name (no fast test reached them) ------------


def _edges_by_pair(graph) -> dict:
    if graph.is_multigraph():
        return {(a, b, key): data for a, b, key, data in graph.edges(keys=True, data=True)}
    return {frozenset((a, b)): data for a, b, data in graph.edges(data=True)}


@pytest.mark.parametrize("name", network.PROJECTIONS)
def test_the_view_of_the_one_annotated_source_is_the_whole_projection(graph, name):
    """Every claim and paragraph is in the article: its view keeps every edge with its data
    (links, paragraphs, weights) and every node that has a source. A source listed in
    sources.yaml but not yet annotated has an empty view."""
    whole = network.projection(graph, name)
    view = network.filter_source(whole, "gorkin-1957")
    assert view.is_multigraph() == whole.is_multigraph() and view.graph == whole.graph
    assert _edges_by_pair(view) == _edges_by_pair(whole)
    assert dict(view.nodes(data=True)) == {
        node: data for node, data in whole.nodes(data=True) if data["sources"]
    }
    whole.graph["sources"] = {
        "not-annotated": {"number": 2, "title": "—"},
        **whole.graph["sources"],
    }
    empty = network.filter_source(whole, "not-annotated")
    assert (empty.number_of_nodes(), empty.number_of_edges()) == (0, 0)


def test_an_unknown_source_is_named_with_the_known_ones_in_their_order(graph, full):
    # numbered second, named first: the order is sources.yaml's, not the alphabet's
    whole = network.projection(graph, "actors")
    whole.graph["sources"] = {
        "annals-listed-second": {"number": 2, "title": "—"},
        **whole.graph["sources"],
    }
    with pytest.raises(network.NetworkError) as raised:
        network.filter_source(whole, "nowhere")
    assert str(raised.value) == "no source 'nowhere'; sources: gorkin-1957, annals-listed-second"
    with pytest.raises(network.NetworkError) as raised:  # a projection made without its sources
        network.filter_source(full, "gorkin-1957")
    assert str(raised.value) == "no source 'gorkin-1957'; sources: "


def test_a_wrong_name_is_answered_with_the_closest_labels_and_aliases(full):
    expected = {
        "Umanski": "; did you mean Konstantin Umansky, Dmitri Manuilsky?",
        "International": "; did you mean Second International, International Brigades, "
        "Communist International, International Socialist Commission, Non-Intervention?",
        "Nobody At All": "",
    }
    for name, hint in expected.items():
        with pytest.raises(network.NetworkError) as raised:
            network.find_node(full, name)
        assert str(raised.value) == f"no node in this network is called {name!r}{hint}"


def test_shortest_paths_stop_at_the_number_asked(full):
    serge, umansky = network.find_node(full, "Serge"), network.find_node(full, "Umansky")
    every = list(nx.all_shortest_paths(network.simple_view(full), serge, umansky))
    assert len(every) == 4
    two = network.shortest_paths(full, serge, umansky, max_paths=2)
    assert [[hop.source for hop in hops] + [hops[-1].target] for hops in two] == every[:2]


def test_focus_is_networkx_ego_graph_at_each_depth(full):
    gorkin = network.find_node(full, "Julián Gorkin")
    sizes = []
    for depth in (1, 2):
        ego = network.focus(full, gorkin, depth)
        assert set(ego) == set(nx.ego_graph(full.to_undirected(), gorkin, radius=depth))
        assert set(ego.edges(keys=True)) == set(full.subgraph(ego).edges(keys=True))
        sizes.append(ego.number_of_nodes())
    assert sizes[0] < sizes[1] < full.number_of_nodes()


def test_communities_are_louvain_on_the_weights(comention):
    """The co-mention network's weights (shared paragraphs) decide its communities."""
    simple = network.simple_view(comention)
    expected = nx.community.louvain_communities(simple, weight="weight", seed=1947)
    unweighted = nx.community.louvain_communities(simple, weight=None, seed=1947)
    assert sorted(map(sorted, expected)) != sorted(map(sorted, unweighted))
    members: dict[int, set[str]] = {}
    for row in network.metrics(comention):
        members.setdefault(row.community, set()).add(row.node)
    assert sorted(map(sorted, members.values())) == sorted(map(sorted, expected))


def test_each_link_of_the_actors_projection_carries_its_claim(graph, full, actors):
    """A link keeps the claim it comes from (the claim between the two actors, or the claim
    that ties the first to the shared event or work) with that claim's own fields."""
    by_claim = {key: data for _a, _b, key, data in full.edges(keys=True, data=True)}
    fields = ("quote", "speaker", "claim", "certainty", "start", "source")
    links = [link for _a, _b, data in actors.edges(data=True) for link in data["links"]]
    assert {link["source"] for link in links} == {"gorkin-1957"}
    for link in links:
        claim = by_claim[link["claim"]]
        assert {f: link[f] for f in fields} == {f: claim[f] for f in fields}
        assert link["relation"] == claim["relation"] or link["via"]


def test_a_projection_knows_its_sources_and_is_the_full_one_by_default(graph):
    made = network.projection(graph)
    assert made.graph == {
        "projection": "full",
        "sources": {
            "gorkin-1957": {"number": 1, "title": "The Last Years of Victor Serge, 1941–1947"}
        },
    }


def test_each_node_counts_its_mentions_and_lists_its_sources(full, corpus):
    counted: dict[str, int] = {}
    for mention in corpus.annotations.mentions:
        node = str(corpus.iri(mention.entity))
        counted[node] = counted.get(node, 0) + 1
    assert {n: d["mentions"] for n, d in full.nodes(data=True) if d["mentions"]} == counted
    assert counted[str(ID["person/victor-serge"])] > 10
    sources = {n: d["sources"] for n, d in full.nodes(data=True)}
    assert all(type(listed) is list for listed in sources.values())  # sorted, for the page
    assert {tuple(listed) for listed in sources.values()} == {(), ("gorkin-1957",)}


def test_an_edge_is_a_membership_when_its_relation_is_member_of_or_below(full, corpus):
    """member of, leader of, held position in …: the weaker links of evidence paths."""
    vocabulary = corpus.vocabulary
    below = {
        str(ID[f"claim/{claim.id}"])
        for claim in corpus.annotations.claims
        if claim.relation in vocabulary.relations
        and SG.memberOf in vocabulary.superproperties(vocabulary.relations[claim.relation])
    }
    flagged = {key for _a, _b, key, d in full.edges(keys=True, data=True) if d["membership"]}
    assert flagged == below & {key for _a, _b, key in full.edges(keys=True)}
    assert str(ID["claim/lavrenti-beria--heldPositionIn--nkvd"]) in flagged


def test_each_node_has_its_annotated_type_and_an_event_its_years(graph, full, corpus):
    assert {n: d["type"] for n, d in full.nodes(data=True)} == {
        str(corpus.iri(e.id)): e.type for e in corpus.annotations.entities.values()
    }
    spans = {
        str(node): [int(str(graph.value(node, SG.earliest))[:4]), int(str(latest)[:4])]
        for node, latest in graph.subject_objects(SG.latest)
        if str(node) in full and graph.value(node, SG.earliest) is not None
    }
    assert {n: d["years"] for n, d in full.nodes(data=True) if "years" in d} == spans
    assert full.nodes[str(corpus.iri("assassination-of-trotsky"))]["years"] == [1940, 1940]


@pytest.mark.slow
def test_a_claim_quoted_twice_at_one_place_shows_the_shorter_quote_in_any_row_order(
    graph, monkeypatch
):
    """Two evidences of one claim beginning at the same offset (a phrase and the sentence it
    begins): the edge shows the phrase, whichever row the engine lists first."""
    claim = URIRef(network._claims(graph)[0]["claim"])
    target = graph.value(graph.value(claim, SG.evidence), OA.hasTarget)
    selectors = list(graph.objects(target, OA.hasSelector))
    exact = next(graph.value(s, OA.exact) for s in selectors if (s, OA.exact, None) in graph)
    start = next(graph.value(s, OA.start) for s in selectors if (s, OA.start, None) in graph)
    phrase = str(exact).split()[0]
    copy = Graph()
    copy += graph
    added, added_target, quote, position = ID["test/evidence"], BNode(), BNode(), BNode()
    for triple in (
        (claim, SG.evidence, added),
        (added, OA.hasTarget, added_target),
        (added_target, OA.hasSource, graph.value(target, OA.hasSource)),
        (added_target, OA.hasSelector, quote),
        (added_target, OA.hasSelector, position),
        (quote, OA.exact, Literal(phrase)),
        (position, OA.start, start),
    ):
        copy.add(triple)
    in_engine_order = {row["claim"]: row for row in network._claims(copy)}
    real_run_query = network.run_query
    monkeypatch.setattr(
        network, "run_query", lambda *a, **k: _reversed_rows(real_run_query(*a, **k))
    )
    in_reverse_order = {row["claim"]: row for row in network._claims(copy)}
    for rows in (in_engine_order, in_reverse_order):
        assert (rows[str(claim)]["quote"], rows[str(claim)]["start"]) == (phrase, int(start))


def _reversed_rows(result):
    return dataclasses.replace(result, rows=list(reversed(result.rows)))


def test_every_edge_carries_its_claim_s_certainty(graph, full):
    for _a, _b, key, data in full.edges(keys=True, data=True):
        level = graph.value(URIRef(key), SG.certainty)
        assert data["certainty"] == str(graph.value(level, RDFS.label)), key
    levels = Counter(data["certainty"] for *_edge, data in full.edges(data=True))
    assert set(levels) <= {"stated", "implied", "inferred"} and levels["stated"] > 0


def test_a_node_is_found_by_its_slug_and_not_by_its_kind(full, corpus):
    attack = str(corpus.iri("april-1943-attack"))  # its label says something else
    assert network.normalise_name("april-1943-attack") != network.normalise_name(
        full.nodes[attack]["label"]
    )
    assert network.find_node(full, "april-1943-attack") == attack
    with pytest.raises(network.NetworkError) as raised:
        network.find_node(full, "event")
    assert str(raised.value).startswith("no node in this network is called 'event'")


def test_a_hop_between_claims_at_one_place_goes_forward_before_it_goes_back(full, corpus):
    """A claim each way between two nodes, quoted at the same place: the hop from a to b
    takes the claim from a to b, even when the other's relation comes first in the alphabet."""
    serge = str(corpus.iri("victor-serge"))
    target = next(t for t in sorted(full.successors(serge)) if not full.has_edge(t, serge))
    forward = min(full.get_edge_data(serge, target).values(), key=lambda d: d["start"])
    both = full.copy()
    both.add_edge(target, serge, key="test-back", **{**forward, "relation": " back"})
    (hop,) = network.shortest_paths(both, serge, target, max_paths=1)[0]
    assert (hop.relation, hop.forward) == (forward["relation"], True)
    (hop,) = network.shortest_paths(both, target, serge, max_paths=1)[0]
    assert (hop.relation, hop.forward) == (" back", True)


def test_metrics_give_each_node_its_kind(full):
    kinds = {row.node: row.kind for row in network.metrics(full)}
    assert kinds == {node: data["kind"] for node, data in full.nodes(data=True)}


def test_shortest_paths_gives_three_by_default(full, corpus):
    serge, poum = str(corpus.iri("victor-serge")), str(corpus.iri("poum"))
    simple = network.simple_view(full)
    assert len(list(itertools.islice(nx.all_shortest_paths(simple, serge, poum), 4))) == 4
    assert len(network.shortest_paths(full, serge, poum)) == 3


def test_a_self_loop_is_left_out_of_the_simple_view_and_nothing_else(full):
    first = next(iter(full.nodes))
    looped = full.copy()
    looped.add_edge(first, first, key="test-loop", relation="same as")
    with_loop, without = network.simple_view(looped), network.simple_view(full)
    assert sorted(with_loop.edges(data="weight")) == sorted(without.edges(data="weight"))


def test_focus_is_depth_one_by_default(full, corpus):
    serge = str(corpus.iri("victor-serge"))
    assert set(network.focus(full, serge)) == set(network.focus(full, serge, 1))
    assert set(network.focus(full, serge)) != set(network.focus(full, serge, 2))


def test_the_claims_read_by_lookups_are_the_rows_of_their_sparql(graph):
    from serge_graph.network import _CLAIMS, _claim_rows
    from serge_graph.queries import run_query

    by_query = sorted(map(tuple, run_query(graph, _CLAIMS).rows), key=repr)
    assert len(by_query) == 760  # one row per claim, evidence, quote and position
    assert sorted(_claim_rows(graph), key=repr) == by_query
