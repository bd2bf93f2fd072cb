"""The built graph says exactly what the corpus says: for every source, paragraph, entity,
correction and claim of the real annotations, the literals (with their language and datatype)
and links of its node equal the corpus's values, read from the model objects, not from the
graph writer. test_invariants.py checks rules over the graph; this checks values."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from serge_graph import api
from serge_graph.annotations.claims import slug
from serge_graph.build import write_atomically
from serge_graph.model import PartialDate
from serge_graph.namespaces import ID, OA, PREFIX_IRIS, SCHEMA, SG, source_iri


def objects(graph, node, predicate) -> set:
    return set(graph.objects(node, predicate))


def test_the_source_node_has_the_metadata_of_sources_yaml(graph, corpus):
    for source in corpus.sources.values():
        node, meta = source_iri(source.id), source.metadata
        title = Literal(str(meta["title"]))
        assert objects(graph, node, RDFS.label) == objects(graph, node, DCTERMS.title) == {title}
        written = PartialDate.parse(str(meta["written"]))
        assert objects(graph, node, DCTERMS.created) == {
            Literal(
                written.text,
                datatype={"year": XSD.gYear, "month": XSD.gYearMonth}.get(
                    written.precision, XSD.date
                ),
            )
        }
        cited = {Literal(str(meta[k])) for k in ("published_in", "online") if meta.get(k)}
        assert len(cited) == 2
        assert objects(graph, node, DCTERMS.bibliographicCitation) == cited
        assert objects(graph, node, SG.sha256) == {Literal(source.sha256)}
        assert objects(graph, node, DCTERMS.language) == {Literal(meta["language"])}
        assert objects(graph, node, DCTERMS.creator) == {corpus.iri(meta["author"])}
        assert objects(graph, node, SCHEMA.translator) == {corpus.iri(meta["translator"])}
    # its place in sources.yaml: the article is the first source
    article = source_iri("gorkin-1957")
    assert objects(graph, article, SG.sourceNumber) == {Literal(1)}
    assert objects(graph, article, SCHEMA.translator) == {ID["person/richard-parry"]}


def test_a_source_without_a_title_is_labelled_by_its_id_and_an_address_is_a_url(make_data):
    """sources.yaml's title is optional (the id stands in) and url too (no source has one yet:
    a placeholder address here)."""
    data = make_data({})
    listing = data / "sources" / "sources.yaml"
    titled = listing.read_text(encoding="utf-8")
    untitled = titled.replace(
        "    title: The Last Years of Victor Serge, 1941–1947\n",
        "    url: https://example.org/gorkin-1957\n",
    )
    assert untitled != titled
    listing.write_text(untitled, encoding="utf-8")
    graph = api.build_graph(api.load_corpus(data))
    node = source_iri("gorkin-1957")
    assert objects(graph, node, RDFS.label) == objects(graph, node, DCTERMS.title)
    assert objects(graph, node, DCTERMS.title) == {Literal("gorkin-1957")}
    assert objects(graph, node, SCHEMA.url) == {
        Literal("https://example.org/gorkin-1957", datatype=XSD.anyURI)
    }


def test_notes_are_notes_and_paragraphs_are_paragraphs(graph, corpus):
    for source in corpus.sources.values():
        for paragraph in source.paragraphs:
            node = ID[f"source/{source.id}/{paragraph.id}"]
            types = objects(graph, node, RDF.type)
            if paragraph.note_number is None:
                assert types == {SG.Paragraph}, paragraph.id
                assert objects(graph, node, RDFS.label) == {
                    Literal(f"paragraph {paragraph.number}")
                }
            else:
                assert types == {SG.Note, SG.Paragraph}, paragraph.id
                assert objects(graph, node, SG.noteNumber) == {Literal(paragraph.note_number)}
    notes = [p for s in corpus.sources.values() for p in s.paragraphs if p.note_number]
    assert len(notes) == len(set(graph.subjects(RDF.type, SG.Note))) > 0


def test_every_entity_has_its_names_description_note_and_corrections(graph, corpus):
    entities = corpus.annotations.entities.values()
    assert any(e.note for e in entities) and any(e.corrections for e in entities)
    assert any(e.implicit for e in entities)
    for entity in entities:
        node = corpus.iri(entity.id)
        assert objects(graph, node, RDFS.label) == {Literal(entity.name)}
        assert objects(graph, node, SKOS.prefLabel) == {Literal(entity.name)}
        assert objects(graph, node, SKOS.altLabel) == {Literal(a) for a in entity.aliases}
        implicit = {Literal(entity.implicit, lang="en")} if entity.implicit else set()
        assert objects(graph, node, SG.implicit) == implicit, entity.id
        assert objects(graph, node, SG.status) == set()
        described = {Literal(entity.description, lang="en")} if entity.description else set()
        assert objects(graph, node, DCTERMS.description) == described, entity.id
        noted = {Literal(entity.note, lang="en")} if entity.note else set()
        assert objects(graph, node, SG.note) == noted, entity.id
        fixes = [URIRef(f"{node}/correction-{n}") for n in range(1, len(entity.corrections) + 1)]
        assert objects(graph, node, SG.correction) == set(fixes)
        for fix, correction in zip(fixes, entity.corrections, strict=True):
            assert objects(graph, fix, SG.textForm) == {Literal(correction.text_form)}
            assert objects(graph, fix, SG.correctForm) == {Literal(correction.correct_form)}
            assert objects(graph, fix, SG.knowledgeOrigin) == {Literal(correction.origin)}
            noted = {Literal(correction.note, lang="en")} if correction.note else set()
            assert objects(graph, fix, SG.note) == noted
            # general knowledge, an entity of its own
            assert objects(graph, fix, SG.speaker) == {corpus.iri(correction.speaker)}


def test_every_claim_node_has_its_quote_source_reasons_and_reference(graph, corpus):
    claims = corpus.annotations.claims
    assert any(c.rank_reason for c in claims) and any(c.reference for c in claims)
    assert any(c.certainty and c.certainty.reason for c in claims)
    for claim in claims:
        node = ID[f"claim/{claim.id}"]
        if claim.evidence:
            # one of its own quotes, the one naming its object (tests/test_fidelity.py)
            exacts = {Literal(e.span.exact) for e in claim.evidence}
            assert len(objects(graph, node, SG.quote)) == 1, claim.id
            assert objects(graph, node, SG.quote) <= exacts, claim.id
        assert objects(graph, node, SG.source) == {
            source_iri(e.span.source) for e in claim.evidence
        }
        anchors = [URIRef(f"{node}/evidence-{n}") for n in range(1, len(claim.evidence) + 1)]
        assert objects(graph, node, SG.evidence) == set(anchors), claim.id
        for anchor, evidence in zip(anchors, claim.evidence, strict=True):
            quote = URIRef(f"{anchor}/target/quote")
            assert objects(graph, quote, OA.exact) == {Literal(evidence.span.exact)}
        reason = claim.certainty.reason if claim.certainty else ""
        assert objects(graph, node, SG.certaintyReason) == (
            {Literal(reason, lang="en")} if reason else set()
        ), claim.id
        assert objects(graph, node, SG.rankReason) == (
            {Literal(claim.rank_reason, lang="en")} if claim.rank_reason else set()
        )
        noted = {Literal(claim.note, lang="en")} if claim.note else set()
        assert objects(graph, node, SG.note) == noted, claim.id
        if claim.reference is not None:
            reference = ID[f"reference/{slug(claim.reference.url or claim.reference.title, 80)}"]
            assert objects(graph, node, SG.reference) == {reference}
            assert objects(graph, reference, RDFS.label) == {Literal(claim.reference.title)}
            url = claim.reference.url
            assert objects(graph, reference, SCHEMA.url) == (
                {Literal(url, datatype=XSD.anyURI)} if url else set()
            )


def test_every_claim_node_is_labelled_subject_relation_object(graph, corpus):
    """The label reads subject — relation — object: the names, the relation's label in the
    ontology ('is a' and the class's label for an event's type), a value as written."""
    entities = corpus.annotations.entities
    assert any(c.note for c in corpus.annotations.claims)
    for claim in corpus.annotations.claims:
        node = ID[f"claim/{claim.id}"]
        relation = graph.value(node, RDF.predicate)
        if claim.relation == "type":
            words = ("is a", str(graph.value(graph.value(node, RDF.object), RDFS.label)))
        else:
            value = getattr(claim.value, "text", claim.value)
            target = entities[claim.object].name if claim.object else str(value)
            words = (str(graph.value(relation, RDFS.label)), target)
        label = f"{entities[claim.subject].name} — {words[0]} — {words[1]}"
        assert objects(graph, node, RDFS.label) == {Literal(label)}, claim.id
    pinned = {
        "konstantin-umansky--deathDate--1945": "Konstantin Umansky — died — 1945",
        "second-world-war--type--War": "Second World War — is a — war",
        "spanish-civil-war--participant--francisco-franco": (
            "Spanish Civil War — participant — Francisco Franco"
        ),
    }
    for claim, label in pinned.items():
        assert objects(graph, ID[f"claim/{claim}"], RDFS.label) == {Literal(label)}

    references = [c.reference for c in corpus.annotations.claims if c.reference is not None]
    long = [r for r in references if len(slug(r.url or r.title, 1000)) > 40]
    assert long, "no reference address longer than 40 characters in the data"
    for reference in long:
        node = ID[f"reference/{slug(reference.url or reference.title, 80)}"]
        assert (node, RDF.type, SG.Reference) in graph


def test_write_atomically_makes_missing_folders_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a" / "b" / "graph.ttl"
    write_atomically(target, b"@prefix sg: <https://w3id.org/serge-graph/ontology#> .\n")
    assert target.read_bytes() == b"@prefix sg: <https://w3id.org/serge-graph/ontology#> .\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.ttl"]


def test_write_atomically_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")

    def failing_replace(_source, _destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in Path(tmp_path).iterdir()] == ["graph.ttl"]


def test_every_mention_node_names_its_entity_with_its_certainty(graph, corpus):
    """Words that stand for an entity only in context (the war, for the Second World War) carry
    the certainty and its reason, in English; a confirmed mention has no status."""
    levels = {"stated": SG.Stated, "implied": SG.Implied, "inferred": SG.Inferred}
    uncertain = 0
    for mention in corpus.annotations.mentions:
        span = mention.span
        node = ID[f"mention/{span.source}/{span.start}-{span.end}"]
        assert objects(graph, node, OA.hasBody) == {corpus.iri(mention.entity)}
        assert objects(graph, node, SG.status) == set()
        if mention.certainty is None:
            assert objects(graph, node, SG.certainty) == set()
            assert objects(graph, node, SG.certaintyReason) == set()
            continue
        uncertain += 1
        assert objects(graph, node, SG.certainty) == {levels[mention.certainty.level]}
        assert objects(graph, node, SG.certaintyReason) == {
            Literal(mention.certainty.reason, lang="en")
        }
    assert uncertain == 7


def test_suggested_mentions_and_entities_are_marked_and_an_alias_keeps_its_language(make_data):
    """Built with include_suggested, a suggested entity and claim and the mentions of a
    suggested alias say so; the others not. An alias written in another language is tagged with it."""
    data = make_data(
        {
            "suggested.yaml": """\
            source: gorkin-1957
            aliases:
              - {entity: julian-gorkin, name: Julián Gorkin, status: suggested}
              - {entity: julian-gorkin, name: Julián Gómez García Gorkin, language: es}
            entities:
              - {id: la-batalla, type: Periodical, name: La Batalla, status: suggested}
            claims:
              - subject: julian-gorkin
                relation: editorOf
                object: la-batalla
                certainty: stated
                evidence: [editor of La Batalla]
                status: suggested
            """
        }
    )
    left_out = api.load_corpus(data).annotations  # suggested items are left out unless asked
    assert "la-batalla" not in left_out.entities
    assert [c.id for c in left_out.claims] == ["julian-gorkin--livedIn--madrid"]
    corpus = api.load_corpus(data, include_suggested=True)
    text = corpus.sources["gorkin-1957"].text
    assert text[73:86] == text[453:466] == "Julián Gorkin"
    batalla = text.index("La Batalla")
    graph = api.build_graph(corpus)
    assert set(graph.subjects(SG.status, None)) == {
        ID["mention/gorkin-1957/73-86"],
        ID["mention/gorkin-1957/453-466"],
        ID["work/la-batalla"],
        ID[f"mention/gorkin-1957/{batalla}-{batalla + len('La Batalla')}"],
        ID["claim/julian-gorkin--editorOf--la-batalla"],
    }
    aliases = objects(graph, ID["person/julian-gorkin"], SKOS.altLabel)
    assert {alias for alias in aliases if alias.language} == {
        Literal("Julián Gómez García Gorkin", lang="es")
    }
    assert Literal("Gorkin") in aliases
    assert set(graph.objects(None, SG.status)) == {Literal("suggested")}


def test_the_graph_binds_the_project_prefixes(graph):
    """Turtle and the endpoint's answers write sg:, oa:, dcterms: …, never ns1:."""
    bound = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    assert {prefix: bound.get(prefix) for prefix in PREFIX_IRIS} == PREFIX_IRIS


def test_write_atomically_writes_a_hidden_temporary_beside_the_target(tmp_path, monkeypatch):
    """The temporary file is renamed onto the target: it must be in the same folder (a rename
    across file systems is not atomic) and hidden, named after the target, while it is written."""
    target = tmp_path / "site" / "graph.ttl"
    renames = []
    real_replace = os.replace

    def recording_replace(source, destination):
        renames.append((Path(source), Path(destination)))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", recording_replace)
    write_atomically(target, b"new")
    ((temporary, destination),) = renames
    assert destination == target and temporary.parent == target.parent
    assert temporary.name.startswith(".graph.ttl.") and len(temporary.name) > len(".graph.ttl.")
    assert target.read_bytes() == b"new" and not temporary.exists()


def test_serialize_writes_the_format_asked(graph):
    from serge_graph.build import serialize

    small = Graph()
    small += list(graph.triples((ID["source/gorkin-1957/note-3"], None, None)))
    assert len(small) > 3
    ntriples = serialize(small, "nt").decode("utf-8")
    assert set(Graph().parse(data=ntriples, format="nt")) == set(small)
    assert not ntriples.startswith("@prefix")
    # JSON-LD is the one writer that encodes with the codec it is given (rdflib's Turtle and
    # N-Triples writers always write UTF-8)
    jsonld = serialize(small, "json-ld")
    assert set(Graph().parse(data=jsonld.decode("utf-8"), format="json-ld")) == set(small)
    turtle = serialize(small)  # Turtle unless told otherwise
    assert set(Graph().parse(data=turtle.decode("utf-8"), format="turtle")) == set(small)
    assert turtle.startswith(b"@prefix")


def test_text_positions_are_typed_non_negative_integers(graph):
    positions = list(graph.objects(None, OA.start)) + list(graph.objects(None, OA.end))
    assert len(positions) > 1000
    assert {p.datatype for p in positions} == {XSD.nonNegativeInteger}


DURING = """\
events:
  - id: murder-of-andres-nin
    type: Murder
    name: murder of Andrés Nin
    certainty: stated
    date: 1937/1938
    participants: [{entity: julian-gorkin, role: witness}]
    evidence: [tortured and murdered in Madrid]
  - id: arrest-of-gorkin
    type: Arrest
    name: arrest of Gorkin
    certainty: stated
    participants: [{entity: julian-gorkin, role: victim}]
    evidence: [When we were arrested by the GPU]
claims:
  - subject: arrest-of-gorkin
    relation: during
    object: murder-of-andres-nin
    certainty: implied
    reason: a test of bounds derived from another event
    evidence: [Andrés Nin and I learned]
"""


def test_an_event_during_a_dated_one_gets_both_its_bounds(make_data):
    corpus = api.load_corpus(make_data({"during.yaml": DURING}))
    graph = api.build_graph(corpus)
    node = corpus.iri("arrest-of-gorkin")
    assert objects(graph, node, SG.earliest) == {Literal(dt.date(1937, 1, 1))}
    assert objects(graph, node, SG.latest) == {Literal(dt.date(1938, 12, 31))}
    assert objects(graph, node, SG.boundsCertainty) == {SG.Inferred}
    assert objects(graph, node, SG.boundsInferredFrom) == {  # the link and the anchor's date
        ID["claim/arrest-of-gorkin--during--murder-of-andres-nin"],
        ID["claim/murder-of-andres-nin--date--1937-1938"],
    }


CONCERNS = """\
events:
  - id: protest-over-nin
    type: ProtestMeeting
    name: protest over the murder of Nin
    certainty: stated
    participants: [{entity: murder-of-andres-nin, role: subjectOfEvent}]
    evidence: [tortured and murdered in Madrid]
"""


def test_an_event_that_only_concerns_a_dated_one_gets_no_bounds(make_data):
    """A relation that does not place an event in time (what it is about) gives it no bounds,
    even when the other event is dated; 'during' still does."""
    corpus = api.load_corpus(make_data({"during.yaml": DURING, "concerns.yaml": CONCERNS}))
    graph = api.build_graph(corpus)
    protest = corpus.iri("protest-over-nin")
    assert (protest, SG.subjectOfEvent, corpus.iri("murder-of-andres-nin")) in graph
    assert set(graph.subjects(SG.boundsCertainty, None)) == {corpus.iri("arrest-of-gorkin")}
    for predicate in (SG.earliest, SG.latest, SG.boundsInferredFrom):
        assert objects(graph, protest, predicate) == set()


def test_a_count_is_an_integer(graph, corpus):
    """'could count on few adherents – scarcely 2,000': the member count is the number 2000,
    as the plain triple and as the claim's object."""
    party = corpus.iri("mexican-communist-party")
    count = Literal(2000)
    assert count.datatype == XSD.integer
    assert objects(graph, party, SG.memberCount) == {count}
    claim = ID["claim/mexican-communist-party--memberCount--2000"]
    assert objects(graph, claim, RDF.object) == {count}


def test_load_corpus_says_what_it_reads(make_data):
    data = make_data({})
    said: list[str] = []
    api.load_corpus(data, progress=said.append)
    assert said == [
        f"reading sources from {data / 'sources'}",
        f"reading and checking annotations in {data / 'annotations'}",
    ]
