"""The built graph: conforms to the shapes, parses back, is deterministic, is valid Turtle."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, RDFS

from serge_graph import api
from serge_graph.build import truthy_ranks
from serge_graph.namespaces import ID, SCHEMA, SG

from .conftest import ROOT


@pytest.mark.slow
def test_graph_conforms_to_the_shapes(graph):
    violations = api.check_graph(graph)
    assert violations == [], "\n".join(map(str, violations[:20]))


@pytest.mark.slow
def test_shapes_catch_broken_claims(graph):
    """One broken copy of the graph (the shapes take long): each claim broken its own way."""
    claim = {
        name: ID[f"claim/{name}"]
        for name in (
            "konstantin-umansky--diedIn--mexico",
            "konstantin-umansky--leaderOf--tass",
            "konstantin-umansky--memberOf--stalinists",
            "konstantin-umansky--ambassadorTo--mexico",
            "konstantin-umansky--deathDate--1943",
        )
    }
    no_evidence, no_certainty, two, no_reason, deprecated = claim.values()
    broken = Graph() + graph
    broken.remove((no_evidence, SG.evidence, None))
    broken.remove((no_certainty, SG.certainty, None))
    broken.add((two, SG.certainty, SG.Inferred))
    broken.set((no_reason, SG.certainty, SG.Implied))
    broken.remove((deprecated, SG.rankReason, None))
    outside_date = ID["claim/defeat-of-france--date--1940-06-22"]  # general knowledge's date
    broken.remove((outside_date, SG.reference, None))
    outside_point = ID["claim/brussels--hasGeometry--point"]  # general knowledge's point
    broken.remove((outside_point, SG.reference, None))
    meeting = ID["event/aleman-summons-editor"]
    broken.remove((meeting, RDF.type, SG.Meeting))  # left with sg:Event and its superclasses
    found = {(str(v.focus), v.message) for v in api.check_graph(broken)}
    one = "Every claim has exactly one certainty: sg:Stated, sg:Implied or sg:Inferred."
    reason = "An implied or inferred claim gives its reason (sg:certaintyReason)."
    no_source = (
        "A claim of the text has evidence in a source; a correction has a reference instead, "
        "and so has a date, a point or an organisation's incorporation from general knowledge "
        "(certainty inferred, speaker general knowledge)."
    )
    general_knowledge = (
        "A claim by general knowledge (a correction, a date the text leaves open) is never what "
        "the text states: its certainty is sg:Inferred, its reason says so, and it names the "
        "work consulted (sg:reference)."
    )
    assert found == {
        (str(no_evidence), no_source),
        (str(outside_date), no_source),
        (str(outside_point), no_source),
        (str(outside_point), general_knowledge),
        (str(outside_date), general_knowledge),
        (str(no_certainty), one),
        (str(two), one),
        (str(two), reason),
        (str(no_reason), reason),
        (str(meeting), "Every event has a type more specific than sg:Event."),
        (
            str(deprecated),
            "A deprecated claim gives its reason and is put right by a correction with a reference.",
        ),
    }


def test_plain_triples_are_the_truthy_view(corpus, graph):
    """Only best-ranked values become plain triples; every claim stays with its speaker."""
    umansky = ID["person/konstantin-umansky"]
    assert [str(d) for d in graph.objects(umansky, SG.deathDate)] == ["1945"]
    gorkins = ID["claim/konstantin-umansky--deathDate--1943"]
    assert str(graph.value(gorkins, RDF.object)) == "1943"
    assert graph.value(gorkins, SG.rank) == SG.DeprecatedRank
    assert graph.value(gorkins, SG.speaker) == ID["person/julian-gorkin"]
    fix = ID["claim/konstantin-umansky--deathDate--1945--2"]
    assert graph.value(fix, SG.corrects) == gorkins
    assert graph.value(fix, SG.speaker) == ID["group/general-knowledge"]
    # a claim's plain triple exists exactly when some claim of the same fact is best-ranked
    best = truthy_ranks(corpus.annotations.claims)
    truthy_facts = set()
    facts = {}
    for claim in corpus.annotations.claims:
        if claim.relation in ("type", "date"):
            continue
        node = ID[f"claim/{claim.id}"]
        fact = (
            graph.value(node, RDF.subject),
            graph.value(node, RDF.predicate),
            graph.value(node, RDF.object),
        )
        facts[claim.id] = fact
        if claim.rank != "deprecated" and claim.rank == best[(claim.subject, claim.relation)]:
            truthy_facts.add(fact)
    wrong = [i for i, fact in facts.items() if (fact in graph) != (fact in truthy_facts)]
    assert wrong == []
    assert "konstantin-umansky--deathDate--1943" in facts


@pytest.mark.slow
def test_turtle_parses_back_identically(graph):
    text = api.serialize_graph(graph, "turtle")
    parsed = Graph().parse(data=text, format="turtle")
    assert len(parsed) == len(graph)
    only_built, only_parsed = graph_diff(to_isomorphic(graph), to_isomorphic(parsed))[1:]
    assert len(only_built) == 0 and len(only_parsed) == 0


@pytest.mark.slow
def test_build_is_byte_identical_across_processes(tmp_path):
    outputs = []
    for run in ("a", "b"):
        env = {**os.environ, "PYTHONHASHSEED": str(len(outputs) + 1)}
        subprocess.run(
            [sys.executable, "-m", "serge_graph", "build", "--out", str(tmp_path / run)],
            check=True,
            capture_output=True,
            env=env,
        )
        outputs.append((tmp_path / run / "serge.ttl").read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.slow
def test_second_parser_accepts_the_turtle(tmp_path, graph):
    rapper = shutil.which("rapper")
    if rapper is None:
        if os.environ.get("SERGE_GRAPH_REQUIRE_TOOLS"):
            pytest.fail("rapper (Debian raptor2-utils) is required in CI")
        pytest.skip("RAPPER MISSING: apt-get install raptor2-utils to run this check")
    path = tmp_path / "serge.ttl"
    api.write_graph(graph, path)
    result = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"returned {len(graph)} triples" in result.stderr


def test_hierarchy_is_materialised(graph):
    nin_murder = ID["event/murder-of-andres-nin"]
    assert (nin_murder, RDF.type, SG.Murder) in graph
    assert (nin_murder, RDF.type, SG.Event) in graph
    assert (nin_murder, SG.victim, ID["person/andres-nin"]) in graph
    assert (nin_murder, SG.participant, ID["person/andres-nin"]) in graph


def test_failed_build_leaves_earlier_output_untouched(tmp_path, make_data):
    from click.testing import CliRunner

    from serge_graph.cli import main

    out = tmp_path / "out"
    out.mkdir()
    (out / "serge.ttl").write_text("earlier build\n")
    data = make_data({"bad.yaml": "claims:\n  - {subject: nobody, relation: livedIn}\n"})
    result = CliRunner().invoke(main, ["--data", str(data), "build", "--out", str(out)])
    assert result.exit_code == 1 and "unknown id 'nobody'" in result.output
    assert (out / "serge.ttl").read_text() == "earlier build\n"
    assert sorted(p.name for p in out.iterdir()) == ["serge.ttl"]


def test_write_interrupted_midway_leaves_no_half_file(tmp_path, monkeypatch):
    build_module = importlib.import_module("serge_graph.build")  # the package exports a build() too

    target = tmp_path / "serge.ttl"
    target.write_text("earlier build\n")

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(build_module.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        build_module.write_atomically(target, b"new content")
    assert target.read_text() == "earlier build\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["serge.ttl"]  # the temporary is gone


def test_project_root_is_the_checkout():
    assert (ROOT / "pyproject.toml").is_file()


def test_an_event_dated_only_against_another_gets_inferred_bounds(graph, corpus):
    """The burial is placed 'after' the death (17 November 1947): its earliest day is derived,
    marked inferred and linked to the claim; no event the text dates gets derived bounds."""
    from serge_graph.namespaces import ID, SG

    burial = ID["event/burial-of-victor-serge"]
    assert str(graph.value(burial, SG.earliest)) == "1947-11-17"
    assert graph.value(burial, SG.latest) is None
    assert graph.value(burial, SG.boundsCertainty) == SG.Inferred
    assert set(graph.objects(burial, SG.boundsInferredFrom)) == {  # the relation, the date
        ID["claim/burial-of-victor-serge--after--death-of-victor-serge"],
        ID["claim/death-of-victor-serge--date--1947-11-17"],
    }
    dated = {  # by the text, not by general knowledge
        corpus.iri(c.subject)
        for c in corpus.annotations.claims
        if c.relation == "date" and c.rank != "deprecated" and not c.general_knowledge_date
    }
    assert not dated & set(graph.subjects(SG.boundsCertainty, None))


def test_every_event_the_text_places_in_time_has_a_bound(graph, corpus):
    """Every event on either side of a relative time the graph keeps (during, after, before, or
    part of another event), and every event dated by general knowledge, has sg:earliest or
    sg:latest, marked inferred and linked to the claims it rests on."""
    from serge_graph.build import event_bounds

    claims = corpus.annotations.claims
    best = truthy_ranks(claims)
    events = corpus.annotations.events
    placed = {
        side
        for c in claims
        if c.rank != "deprecated" and c.rank == best[(c.subject, c.relation)]
        if c.relation in ("during", "after", "before")
        or (c.relation == "partOf" and c.subject in events and c.object in events)
        for side in (c.subject, c.object)
    } | {c.subject for c in claims if c.general_knowledge_date}
    unbounded = sorted(
        e
        for e in placed
        if (corpus.iri(e), SG.earliest, None) not in graph
        and (corpus.iri(e), SG.latest, None) not in graph
    )
    assert not unbounded
    assert len(placed) == 38
    inferred = set(event_bounds(corpus.annotations, best))
    assert {e for e in placed if e not in inferred} == {  # dated by the text itself
        "alter-erlich-protest-meeting",
        "april-1943-attack",
        "death-of-victor-serge",
        "joint-declaration-april-1942",
        "murder-of-alter-and-erlich",
        "serge-leaves-soviet-union",
        "threats-1942-1944",
    }
    for event in inferred:
        node = corpus.iri(event)
        assert graph.value(node, SG.boundsCertainty) == SG.Inferred
        assert set(graph.objects(node, SG.boundsInferredFrom)), event


def test_inferred_bounds_rest_only_on_dates_and_relative_times(graph, corpus):
    """Only events get inferred bounds, and only from claims that date an event or place it in
    time against another (during, after, before, part of another event): a claim that merely
    names an event (an event that concerns another, a participant) adds nothing."""
    claims = {str(ID[f"claim/{c.id}"]): c for c in corpus.annotations.claims}
    events = {corpus.iri(e) for e in corpus.annotations.events}
    bounded = set(graph.subjects(SG.boundsCertainty, None))
    assert bounded and bounded <= events
    for node, claim in graph.subject_objects(SG.boundsInferredFrom):
        relation = claims[str(claim)].relation
        assert relation in ("date", "during", "after", "before", "partOf"), (node, claim)
        if relation == "partOf":
            assert {claims[str(claim)].subject, claims[str(claim)].object} <= set(
                corpus.annotations.events
            )


def test_building_leaves_the_vocabulary_graph_alone(graph, corpus):
    """The graph starts as a copy of the ontology, never as the ontology's own graph."""
    from serge_graph.vocabulary import Vocabulary

    assert len(corpus.vocabulary.graph) == len(Vocabulary.load(corpus.paths.ontology).graph)
    assert len(graph) > 3 * len(corpus.vocabulary.graph)


def bounds_of(graph, event: str) -> tuple[str | None, str | None, set[str]]:
    node = ID[f"event/{event}"]
    earliest, latest = graph.value(node, SG.earliest), graph.value(node, SG.latest)
    return (
        earliest and str(earliest),
        latest and str(latest),
        {str(c).rsplit("/claim/", 1)[1] for c in graph.objects(node, SG.boundsInferredFrom)},
    )


def test_derived_bounds_follow_the_text_and_the_anchors_outside_it(graph):
    """Pinned values: 'at the time of Trotsky's assassination' takes the month of August 1940
    from general knowledge; the first publishing house failed after that publication (a chain
    of two relations); Nin was murdered after the arrest of 16 June 1937; Stalin's order came
    before the Joint Declaration of April 1942; Serge reached Mexico after the invasion of
    22 June 1941, by the correction, not the text's deprecated 'just before'."""
    assert bounds_of(graph, "assassination-of-trotsky") == (
        "1940-08-01",
        "1940-08-31",
        {"assassination-of-trotsky--date--1940-08"},
    )
    assert bounds_of(graph, "publication-of-portrait-of-stalin") == (
        "1940-08-01",
        "1940-08-31",
        {
            "publication-of-portrait-of-stalin--during--assassination-of-trotsky",
            "assassination-of-trotsky--date--1940-08",
        },
    )
    assert bounds_of(graph, "failure-of-first-publishing-house") == (
        "1940-08-01",
        None,
        {
            "failure-of-first-publishing-house--after--publication-of-portrait-of-stalin",
            "publication-of-portrait-of-stalin--during--assassination-of-trotsky",
            "assassination-of-trotsky--date--1940-08",
        },
    )
    assert bounds_of(graph, "murder-of-andres-nin") == (
        "1937-06-16",
        None,
        {
            "murder-of-andres-nin--after--arrest-of-poum-leaders",
            "arrest-of-poum-leaders--date--1937-06-16",
        },
    )
    assert bounds_of(graph, "order-to-silence-serge-and-gorkin") == (
        None,
        "1942-04-30",
        {
            "order-to-silence-serge-and-gorkin--before--joint-declaration-april-1942",
            "joint-declaration-april-1942--date--1942-04",
        },
    )
    assert bounds_of(graph, "serge-arrives-from-santo-domingo") == (
        "1941-06-22",
        None,
        {
            "serge-arrives-from-santo-domingo--after--hitler-invasion-of-soviet-union",
            "hitler-invasion-of-soviet-union--date--1941-06-22",
        },
    )
    # Serge reached Brussels after leaving the Soviet Union in 1936, and before the war
    assert bounds_of(graph, "serge-arrives-in-brussels") == (
        "1936-01-01",
        "1939-04-01",
        {
            "serge-arrives-in-brussels--after--serge-leaves-soviet-union",
            "serge-leaves-soviet-union--date--1936",
            "serge-arrives-in-brussels--before--spanish-civil-war",
            "spanish-civil-war--date--1936-07-17-1939-04-01",
        },
    )
    # Franco's victory is part of the war, and Gorkin's exile came upon it
    assert bounds_of(graph, "gorkin-goes-into-exile")[:2] == ("1936-07-17", None)
    assert bounds_of(graph, "francos-victory")[:2] == ("1936-07-17", "1939-04-01")


def test_a_date_from_general_knowledge_is_never_the_texts(graph):
    """The anchor's date is a claim by general knowledge, inferred, with its reference and no
    quote; the event gets bounds, not the sg:date the text's own dates give."""
    claim = ID["claim/hitler-invasion-of-soviet-union--date--1941-06-22"]
    event = ID["event/hitler-invasion-of-soviet-union"]
    assert str(graph.value(graph.value(claim, SG.speaker), RDFS.label)) == "general knowledge"
    assert graph.value(claim, SG.certainty) == SG.Inferred
    assert "Operation Barbarossa" in str(graph.value(claim, SG.certaintyReason))
    assert str(graph.value(graph.value(claim, SG.reference), SCHEMA.url)) == (
        "http://www.bpb.de/politik/hintergrund-aktuell/68783/ueberfall-auf-die-sowjetunion-22-06-2012"
    )
    assert (claim, SG.evidence, None) not in graph and (claim, SG.quote, None) not in graph
    assert (event, SG.date, None) not in graph and (event, SG.dateText, None) not in graph
    assert graph.value(event, SG.boundsInferredFrom) == claim
