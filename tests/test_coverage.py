"""Nothing in the text left unnoticed: checked by the program on the real annotations."""

from __future__ import annotations

import pytest

from serge_graph.coverage import measure_coverage
from serge_graph.namespaces import SG


@pytest.fixture(scope="module")
def coverage(corpus):
    return measure_coverage(corpus)


def test_every_capitalised_name_is_an_entity_or_ignored_with_a_reason(coverage):
    assert coverage.uncovered_names == []
    assert coverage.unused_ignores == []


def test_every_narrative_paragraph_and_note_carries_a_claim(coverage):
    assert coverage.paragraphs_without_claims == []


def test_no_isolated_entities(coverage):
    assert coverage.entities_without_claims == []


def test_people_and_organisations_have_descriptions(corpus):
    for entity in corpus.annotations.entities.values():
        if corpus.vocabulary.is_a(entity.type, SG.Person) or corpus.vocabulary.is_a(
            entity.type, SG.Organisation
        ):
            assert entity.description.strip(), entity.id


def test_every_quote_is_located_in_the_text(corpus):
    source = corpus.sources["gorkin-1957"]
    from serge_graph.source import fold

    for claim in corpus.annotations.claims:
        for evidence in claim.evidence:
            span = evidence.span
            assert source.text[span.start : span.end] == span.exact
            assert fold(span.exact) == fold(evidence.quote).strip()


def test_mentions_found_for_every_named_entity(corpus):
    mentioned = {m.entity for m in corpus.annotations.mentions}
    for entity in corpus.annotations.entities.values():
        if not entity.is_event and not entity.implicit:
            assert entity.id in mentioned, entity.id
    umansky = [m for m in corpus.annotations.mentions if m.entity == "konstantin-umansky"]
    assert {m.span.paragraph for m in umansky} >= {"p36", "note-11"}


def test_the_coverage_counts_are_real(coverage, corpus):
    assert sum(coverage.entities_by_type.values()) == len(corpus.annotations.entities)
    assert sum(coverage.claims_by_speaker.values()) == len(corpus.annotations.claims)
    assert coverage.claims_by_part["narrative"] > coverage.claims_by_part["notes"] > 0
    assert coverage.mentions_by_entity["Victor Serge"] > 30


def test_coverage_finds_a_name_nobody_annotated(make_data):
    from serge_graph import api

    coverage = api.coverage(make_data({}))
    words = {u.word for u in coverage.uncovered_names}
    assert {"Umansky", "Nin", "Trotsky"} <= words
    assert "Gorkin" not in words  # the base set names him


def test_counts_equal_the_graph(coverage, graph):
    """Mentions by entity and claims by part, counted again from the built graph."""
    from collections import Counter

    from rdflib.namespace import RDF, RDFS

    from serge_graph.namespaces import OA

    mentions = Counter(
        str(graph.value(graph.value(m, OA.hasBody), RDFS.label))
        for m in graph.subjects(RDF.type, SG.Mention)
    )
    assert coverage.mentions_by_entity == mentions
    first_parts = Counter()
    for claim in set(graph.subjects(RDF.type, SG.Claim)):
        firsts = [e for e in graph.objects(claim, SG.evidence) if str(e).endswith("/evidence-1")]
        if not firsts:  # general knowledge (a correction, an outside date) quotes no part
            speaker = graph.value(claim, SG.speaker)
            assert str(graph.value(speaker, RDFS.label)) == "general knowledge", claim
            assert graph.value(claim, SG.reference) is not None, claim
            continue
        first = firsts[0]
        first_parts[str(graph.value(first, SG.inPart)).rsplit("/", 1)[-1]] += 1
    assert coverage.claims_by_part == first_parts


def test_an_unannotated_name_is_reported_with_count_paragraph_and_context(make_data, corpus):
    import re

    from serge_graph import api

    source = corpus.sources["gorkin-1957"]
    text = source.text
    places = [m.start() for m in re.finditer(r"(?<![\w’'-])Umansky(?![\w-])", text)]
    paragraph = source.paragraph_at(places[0])
    around = text[max(paragraph.start, places[0] - 30) : min(paragraph.end, places[0] + 30)]
    report = api.coverage(make_data({}))
    (umansky,) = [u for u in report.uncovered_names if u.word == "Umansky"]
    assert (umansky.count, umansky.first_paragraph, umansky.context) == (
        len(places),
        paragraph.id,
        " ".join(around.split()),
    )
    assert not report.complete
    assert report.entities_without_claims == ["etol", "revolutionary-history-editors"]


def test_a_name_inside_a_longer_name_counts_once_for_the_longer_and_is_noted(coverage, corpus):
    """'Left Opposition' in 'the Spanish section of the Left Opposition' is a mention of the
    section only; the coverage report notes it for the Left Opposition, with its paragraph."""
    nested = {
        (n.name, n.entity, n.inside): (n.count, n.first_paragraph) for n in coverage.nested_names
    }
    assert nested[
        ("Left Opposition", "left-opposition", "spanish-section-of-the-left-opposition")
    ] == (1, "p4")
    assert nested[("GPU", "gpu", "the-gpu-prepares-a-new-crime")][1] == "p25"
    # a label only, never an alias: "Victor" in "Victor Alter" does not stand for Serge
    assert not [n for n in coverage.nested_names if n.name == "Victor"]
    section = corpus.annotations.entities["spanish-section-of-the-left-opposition"].name
    spans = {
        (m.entity, m.span.start)
        for m in corpus.annotations.mentions
        if m.entity in ("left-opposition", "spanish-section-of-the-left-opposition")
    }
    assert (
        len(spans)
        == coverage.mentions_by_entity[section] + coverage.mentions_by_entity["Left Opposition"]
    )
    assert coverage.mentions_by_entity[section] == 1
    assert coverage.complete and coverage.nested_names  # noted, never a gap
