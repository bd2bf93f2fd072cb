"""Model -> RDF: the ontology, the facts as plain triples, the claims with their evidence,
the sources with their parts and paragraphs, and every mention.

Every fact is asserted twice: as a plain triple for simple queries and as a
claim node naming the same subject, predicate and object with its evidence,
speaker and source. The project's class and property hierarchy is
materialised so that plain SPARQL needs no reasoner.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespaces

from . import namespaces
from .annotations import load_annotations
from .annotations.claims import slug
from .model import Annotations, Claim, Entity, PartialDate, Reference, Span
from .namespaces import ID, PREFIXES, TermCache, source_iri
from .ntriples import NTriplesSink
from .project import Paths, resolve_paths
from .source import Source, load_sources
from .vocabulary import Vocabulary

# each term made once, not at every triple (a third of the build's time went to making terms)
DCTERMS, RDF, RDFS, SKOS, XSD = (
    TermCache(getattr(rdflib_namespaces, name))
    for name in ("DCTERMS", "RDF", "RDFS", "SKOS", "XSD")
)
OA, SCHEMA, SG = (TermCache(namespaces.OA), TermCache(namespaces.SCHEMA), TermCache(namespaces.SG))
_DATATYPE = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
CERTAINTY = {"stated": SG.Stated, "implied": SG.Implied, "inferred": SG.Inferred}
RANK = {"preferred": SG.PreferredRank, "normal": SG.NormalRank, "deprecated": SG.DeprecatedRank}
_RANK_ORDER = ("preferred", "normal", "deprecated")
_TEMPORAL = ("during", "after", "before")


def truthy_ranks(claims) -> dict[tuple[str, str], str]:
    """The best rank among the claims on each subject and relation, as in Wikidata's truthy
    view: only claims of that rank (never deprecated ones) become plain triples."""
    best: dict[tuple[str, str], str] = {}
    for claim in claims:
        key = (claim.subject, claim.relation)
        if key not in best or _RANK_ORDER.index(claim.rank) < _RANK_ORDER.index(best[key]):
            best[key] = claim.rank
    return best


Bounds = tuple  # (earliest date or None, latest date or None, ids of the claims they rest on)


def event_bounds(annotations: Annotations, best_rank: dict) -> dict[str, Bounds]:
    """The inferred bounds of every event the text does not date (see derived_bounds)."""
    truthy = [
        c
        for c in annotations.claims
        if c.rank != "deprecated" and c.rank == best_rank[(c.subject, c.relation)]
    ]
    dated: dict[str, Bounds] = {}
    for claim in truthy:
        if claim.relation == "date" and not claim.general_knowledge_date:
            dated[claim.subject] = (claim.value.earliest, claim.value.latest, (claim.id,))
    known = {
        c.subject: (c.value.earliest, c.value.latest, (c.id,))
        for c in truthy
        if c.general_knowledge_date and c.subject not in dated
    }
    relative = [c for c in truthy if _places_in_time(c, annotations.events)]
    derived: dict[str, Bounds] = {}
    for _round in range(len(relative) + 1):  # a chain is at most this long
        anchors = {**derived, **known, **dated}
        found: dict[str, Bounds] = {}
        for claim in relative:
            if claim.subject in dated or claim.subject in known or claim.object not in anchors:
                continue
            found[claim.subject] = _narrowed(found.get(claim.subject), claim, anchors[claim.object])
        if found == derived:
            break
        derived = found
    return {**known, **derived}


def _places_in_time(claim: Claim, events: dict) -> bool:
    """A claim that places an event in time against another: during, after, before, or
    part of another event (a part happens during the whole)."""
    if claim.relation in _TEMPORAL:
        return True
    return claim.relation == "partOf" and claim.subject in events and claim.object in events


def _narrowed(bounds: Bounds | None, claim: Claim, anchor: Bounds) -> Bounds:
    """The bounds of claim's subject narrowed by one more relation to a bounded anchor.
    'After' keeps the anchor's earliest day and 'before' its latest, which holds whether the
    words mean the anchor's start or its end."""
    earliest, latest, sources = bounds or (None, None, ())
    other_earliest, other_latest, other_sources = anchor
    if claim.relation in ("during", "after", "partOf") and other_earliest is not None:
        earliest = max(filter(None, (earliest, other_earliest)))
    if claim.relation in ("during", "before", "partOf") and other_latest is not None:
        latest = min(filter(None, (latest, other_latest)))
    new = tuple(s for s in (claim.id, *other_sources) if s not in sources)
    return earliest, latest, (*sources, *new)


@dataclass(frozen=True)
class Corpus:
    """The sources, the vocabulary and the validated annotations, ready to build."""

    paths: Paths
    sources: dict[str, Source]
    vocabulary: Vocabulary
    annotations: Annotations

    def iri(self, entity_id: str) -> URIRef:
        entity = self.annotations.entities[entity_id]
        return ID[f"{self.vocabulary.segment(entity.type)}/{entity_id}"]


def load_corpus(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    include_suggested: bool = False,
) -> Corpus:
    """Read and validate sources and annotations; raises AnnotationError with every problem.

    Items marked status: suggested are checked, counted and left out, unless
    include_suggested (the graph then marks them sg:status "suggested")."""
    say = progress or (lambda _message: None)
    paths = resolve_paths(data)
    say(f"reading sources from {paths.sources}")
    sources = load_sources(paths.sources)
    vocabulary = Vocabulary.load(paths.ontology)
    say(f"reading and checking annotations in {paths.annotations}")
    annotations = load_annotations(paths.annotations, sources, vocabulary, include_suggested)
    return Corpus(paths, sources, vocabulary, annotations)


def date_literal(date: PartialDate) -> Literal | None:
    """The typed literal of a date at its precision; None for a range."""
    datatype = _DATATYPE.get(date.precision)
    return Literal(date.text, datatype=datatype) if datatype else None


def build_graph(corpus: Corpus, also: NTriplesSink | None = None) -> Graph:
    """The whole knowledge graph of the corpus; `also`, when given, receives every triple too
    (the graph kept as N-Triples without serializing it again)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph += corpus.vocabulary.graph
    add = graph.add
    if also is not None:
        also.add_all(corpus.vocabulary.graph)

        def add(triple: tuple) -> None:
            graph.add(triple)
            also.add(triple)

    _GraphWriter(corpus, add).write()
    return graph


def build_ntriples(corpus: Corpus) -> bytes:
    """The same graph as build_graph, as sorted N-Triples, built without an rdflib Graph
    (three times faster: what the graph cache and the synthetic corpora need)."""
    sink = NTriplesSink()
    sink.add_all(corpus.vocabulary.graph)
    _GraphWriter(corpus, sink.add).write()
    return sink.ntriples()


class _GraphWriter:
    def __init__(self, corpus: Corpus, add: Callable[[tuple], object]):
        self.corpus = corpus
        self.vocabulary = corpus.vocabulary
        self.add = add

    def write(self) -> None:
        for source in self.corpus.sources.values():
            self.source(source)
            # its place in sources.yaml, as read: building one source alone says the same
            self.add((source_iri(source.id), SG.sourceNumber, Literal(source.number)))
        for entity in self.corpus.annotations.entities.values():
            self.entity(entity)
        self.coordinates()
        self.best_rank = truthy_ranks(self.corpus.annotations.claims)
        for claim in self.corpus.annotations.claims:
            self.claim(claim)
        self.derived_bounds()
        for mention in self.corpus.annotations.mentions:
            node = self.mention(mention.entity, mention.span)
            self.status(node, mention.status)
            if mention.certainty is not None:  # words that stand for it only in context
                self.add((node, SG.certainty, CERTAINTY[mention.certainty.level]))
                self.add((node, SG.certaintyReason, Literal(mention.certainty.reason, lang="en")))

    # sources --------------------------------------------------------------

    def source(self, source: Source) -> None:
        node = source_iri(source.id)
        meta = source.metadata
        self.add((node, RDF.type, SG.Source))
        self.add((node, RDFS.label, Literal(str(meta.get("title", source.id)))))
        self.add((node, DCTERMS.title, Literal(str(meta.get("title", source.id)))))
        self.add((node, SG.sha256, Literal(source.sha256)))
        for key, predicate in (("author", DCTERMS.creator), ("translator", SCHEMA.translator)):
            if meta.get(key) in self.corpus.annotations.entities:
                self.add((node, predicate, self.corpus.iri(str(meta[key]))))
        if meta.get("written"):
            self.add((node, DCTERMS.created, date_literal(PartialDate.parse(str(meta["written"])))))
        for key in ("published_in", "online"):
            if meta.get(key):
                self.add((node, DCTERMS.bibliographicCitation, Literal(str(meta[key]))))
        if meta.get("language"):
            self.add((node, DCTERMS.language, Literal(str(meta["language"]))))
        if meta.get("url"):
            self.add((node, SCHEMA.url, Literal(str(meta["url"]), datatype=XSD.anyURI)))
        for part in source.parts:
            part_node = ID[f"source/{source.id}/part/{part.id}"]
            self.add((part_node, RDF.type, SG.Part))
            self.add((part_node, RDFS.label, Literal(part.title)))
            self.add((part_node, DCTERMS.isPartOf, node))
            self.add((part_node, SG.defaultSpeaker, self.corpus.iri(part.speaker)))
        for paragraph in source.paragraphs:
            self.paragraph(source, paragraph)

    def paragraph(self, source: Source, paragraph) -> None:
        node = ID[f"source/{source.id}/{paragraph.id}"]
        kind = SG.Note if paragraph.note_number is not None else SG.Paragraph
        self.add((node, RDF.type, kind))
        if kind == SG.Note:
            self.add((node, RDF.type, SG.Paragraph))
            self.add((node, SG.noteNumber, Literal(paragraph.note_number)))
            self.add((node, RDFS.label, Literal(f"note {paragraph.note_number}")))
        else:
            self.add((node, RDFS.label, Literal(f"paragraph {paragraph.number}")))
        self.add((node, SG.paragraphNumber, Literal(paragraph.number)))
        self.add((node, SG.text, Literal(source.paragraph_text(paragraph))))
        self.add((node, DCTERMS.isPartOf, source_iri(source.id)))
        self.add((node, SG.inPart, ID[f"source/{source.id}/part/{paragraph.part}"]))
        for number in paragraph.calls_notes:
            self.add((node, SG.callsNote, ID[f"source/{source.id}/note-{number}"]))

    # entities ---------------------------------------------------------------

    def entity(self, entity: Entity) -> None:
        node = self.corpus.iri(entity.id)
        types = self.vocabulary.event_types if entity.is_event else self.vocabulary.entity_types
        for cls in self.vocabulary.superclasses(types[entity.type]):
            self.add((node, RDF.type, cls))
        self.add((node, RDFS.label, Literal(entity.name)))
        self.add((node, SKOS.prefLabel, Literal(entity.name)))
        for alias in entity.aliases:
            self.add((node, SKOS.altLabel, Literal(alias, lang=entity.language_of(alias) or None)))
        for words, _why in entity.implied_names:  # found by search, never shown as its name
            self.add((node, SKOS.hiddenLabel, Literal(words)))
        self.status(node, entity.status)
        if entity.description:
            self.add((node, DCTERMS.description, Literal(entity.description, lang="en")))
        if entity.note:
            self.add((node, SG.note, Literal(entity.note, lang="en")))
        if entity.implicit:
            self.add((node, SG.implicit, Literal(entity.implicit, lang="en")))
        for number, correction in enumerate(entity.corrections, 1):
            fix = URIRef(f"{node}/correction-{number}")
            self.add((node, SG.correction, fix))
            self.add((fix, RDF.type, SG.Correction))
            self.add((fix, SG.textForm, Literal(correction.text_form)))
            self.add((fix, SG.correctForm, Literal(correction.correct_form)))
            self.add((fix, SG.knowledgeOrigin, Literal(correction.origin)))
            if correction.note:
                self.add((fix, SG.note, Literal(correction.note, lang="en")))
            if correction.speaker in self.corpus.annotations.entities:
                self.add((fix, SG.speaker, self.corpus.iri(correction.speaker)))
            if correction.reference is not None:
                self.reference(fix, correction.reference)

    def coordinates(self) -> None:
        """Each place's point, a claim by general knowledge with its reference (places.py)."""
        from .places import coordinate_triples, corpus_locations

        located, unlocated = corpus_locations(self.corpus)
        names = {e.id: e.name for e in self.corpus.annotations.entities.values()}
        claim_types = self.vocabulary.superclasses(SG.Claim)
        for triple in coordinate_triples(
            located, unlocated, self.corpus.iri, names, claim_types, self.reference
        ):
            self.add(triple)

    # claims -----------------------------------------------------------------

    def claim(self, claim: Claim) -> None:
        subject = self.corpus.iri(claim.subject)
        predicate, objects = self._fact(claim)
        truthy = (
            claim.rank != "deprecated"
            and claim.rank == self.best_rank[(claim.subject, claim.relation)]
        )
        if truthy and claim.general_knowledge_date:
            pass  # not the text's date: it becomes inferred bounds (derived_bounds)
        elif truthy and claim.relation == "date":
            self.dated(subject, claim.value)
        elif truthy:
            for term in self._predicates(claim.relation, predicate):
                for obj in objects:
                    self.add((subject, term, obj))
        node = ID[f"claim/{claim.id}"]
        for cls in self.vocabulary.superclasses(SG.Claim):
            self.add((node, RDF.type, cls))
        self.add((node, RDF.subject, subject))
        self.add((node, RDF.predicate, predicate))
        self.add((node, RDF.object, objects[0]))
        self.add((node, RDFS.label, Literal(self._claim_label(claim, predicate))))
        self.add((node, SG.speaker, self.corpus.iri(claim.speaker)))
        if claim.reported_by:
            self.add((node, SG.reportedBy, self.corpus.iri(claim.reported_by)))
        if claim.quoted_from:
            self.add((node, SG.quotedFrom, self.corpus.iri(claim.quoted_from)))
        if claim.date is not None:
            self.dated(node, claim.date)
        if claim.as_:
            self.add((node, SG["as"], Literal(claim.as_)))
        if claim.note:
            self.add((node, SG.note, Literal(claim.note, lang="en")))
        self.ranked(node, claim)
        self.status(node, claim.status)
        for source_id in sorted({e.span.source for e in claim.evidence}):
            self.add((node, SG.source, source_iri(source_id)))
        for number, evidence in enumerate(claim.evidence, 1):
            anchor = URIRef(f"{node}/evidence-{number}")
            self.add((node, SG.evidence, anchor))
            self.add((anchor, RDF.type, SG.Evidence))
            self.add((anchor, RDF.type, OA.Annotation))
            self.add((anchor, OA.motivatedBy, OA.describing))
            self.add((anchor, OA.hasBody, node))
            self.anchor(anchor, evidence.span)
        if claim.evidence:  # the short path from a fact to its words
            first = claim.evidence[0].span
            self.add((node, SG.quote, Literal(first.exact)))
            self.add((node, SG.paragraph, ID[f"source/{first.source}/{first.paragraph}"]))

    def ranked(self, node: URIRef, claim: Claim) -> None:
        """Certainty and rank; for a correction, what it corrects and its reference."""
        if claim.certainty is not None:
            self.add((node, SG.certainty, CERTAINTY[claim.certainty.level]))
            if claim.certainty.reason:
                self.add((node, SG.certaintyReason, Literal(claim.certainty.reason, lang="en")))
        self.add((node, SG.rank, RANK[claim.rank]))
        if claim.rank_reason:
            self.add((node, SG.rankReason, Literal(claim.rank_reason, lang="en")))
        if claim.corrects:
            self.add((node, RDF.type, SG.Correction))
            self.add((node, SG.corrects, ID[f"claim/{claim.corrects}"]))
        if claim.reference is not None:
            self.reference(node, claim.reference)
        for link, target in claim.about:
            self.add((node, SG[link], ID[f"claim/{target}"]))
        if claim.spoken_at:
            self.add((node, SG.spokenAt, self.corpus.iri(claim.spoken_at)))

    def status(self, node: URIRef, status: str) -> None:
        """An item still suggested (built with include_suggested) says so."""
        if status:
            self.add((node, SG.status, Literal(status)))

    def reference(self, node: URIRef, reference: Reference) -> None:
        ref = ID[f"reference/{slug(reference.url or reference.title, 80)}"]
        self.add((node, SG.reference, ref))
        self.add((ref, RDF.type, SG.Reference))
        self.add((ref, RDFS.label, Literal(reference.title)))
        if reference.url:
            self.add((ref, SCHEMA.url, Literal(reference.url, datatype=XSD.anyURI)))

    def _fact(self, claim: Claim) -> tuple[URIRef, list]:
        """The predicate of a claim and the objects of its plain triples (first is rdf:object)."""
        if claim.relation == "type":
            return RDF.type, [self.vocabulary.event_types[claim.object]]
        if claim.relation == "date":
            literal = date_literal(claim.value)
            return (SG.date, [literal]) if literal else (SG.dateText, [Literal(claim.value.text)])
        if claim.relation == "place":
            return SG.place, [self.corpus.iri(claim.object)]
        term = (
            self.vocabulary.roles.get(claim.relation) or self.vocabulary.relations[claim.relation]
        )
        if claim.object is not None:
            return term, [self.corpus.iri(claim.object)]
        if isinstance(claim.value, PartialDate):
            return term, [date_literal(claim.value)]
        if isinstance(claim.value, int):
            return term, [Literal(claim.value)]
        return term, [Literal(str(claim.value))]

    def _predicates(self, relation: str, predicate: URIRef) -> list[URIRef]:
        if relation == "type":
            return [RDF.type]
        return self.vocabulary.superproperties(predicate)

    def _claim_label(self, claim: Claim, predicate: URIRef) -> str:
        entities = self.corpus.annotations.entities
        subject = entities[claim.subject].name
        if claim.relation == "type":
            kind = self.vocabulary.label(self.vocabulary.event_types[claim.object])
            return f"{subject} — is a — {kind}"
        target = entities[claim.object].name if claim.object else _value_text(claim.value)
        return f"{subject} — {self.vocabulary.label(predicate)} — {target}"

    def derived_bounds(self) -> None:
        """Bounds for the events the text does not date, marked inferred and linked to the
        claims they come from (sg:boundsInferredFrom):

        - a date from general knowledge (its own claim, with its reference) bounds its event;
        - an event the text places during, after or before another, or as part of another
          event, takes bounds from that event's date, general-knowledge date or own derived
          bounds, through chains of such relations.

        The text's own dates always win: an event with a date gets no derived bounds; a date
        from general knowledge wins over relative times."""
        for event_id, (earliest, latest, sources) in event_bounds(
            self.corpus.annotations, self.best_rank
        ).items():
            node = self.corpus.iri(event_id)
            if earliest is not None:
                self.add((node, SG.earliest, Literal(earliest)))
            if latest is not None:
                self.add((node, SG.latest, Literal(latest)))
            self.add((node, SG.boundsCertainty, SG.Inferred))
            for source in sources:
                self.add((node, SG.boundsInferredFrom, ID[f"claim/{source}"]))

    def dated(self, node: URIRef, date: PartialDate) -> None:
        literal = date_literal(date)
        if literal is not None:
            self.add((node, SG.date, literal))
        self.add((node, SG.dateText, Literal(date.text)))
        self.add((node, SG.earliest, Literal(date.earliest)))
        self.add((node, SG.latest, Literal(date.latest)))

    # text anchors -------------------------------------------------------------

    def anchor(self, annotation: URIRef, span: Span) -> None:
        """A Web Annotation target: the source with a quote and a position selector."""
        target = URIRef(f"{annotation}/target")
        quote, position = URIRef(f"{target}/quote"), URIRef(f"{target}/position")
        source = source_iri(span.source)
        self.add((annotation, OA.hasTarget, target))
        self.add((target, RDF.type, OA.SpecificResource))
        self.add((target, OA.hasSource, source))
        self.add((target, OA.hasSelector, quote))
        self.add((target, OA.hasSelector, position))
        self.add((quote, RDF.type, OA.TextQuoteSelector))
        self.add((quote, OA.exact, Literal(span.exact)))
        self.add((quote, OA.prefix, Literal(span.prefix)))
        self.add((quote, OA.suffix, Literal(span.suffix)))
        self.add((position, RDF.type, OA.TextPositionSelector))
        self.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        self.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        self.add((annotation, SG.inParagraph, ID[f"source/{span.source}/{span.paragraph}"]))
        self.add((annotation, SG.inPart, ID[f"source/{span.source}/part/{span.part}"]))

    def mention(self, entity_id: str, span: Span) -> URIRef:
        node = ID[f"mention/{span.source}/{span.start}-{span.end}"]
        self.add((node, RDF.type, SG.Mention))
        self.add((node, RDF.type, OA.Annotation))
        self.add((node, OA.motivatedBy, OA.identifying))
        self.add((node, OA.hasBody, self.corpus.iri(entity_id)))
        self.anchor(node, span)
        return node


def _value_text(value: object) -> str:
    return value.text if isinstance(value, PartialDate) else str(value)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def serialize(graph: Graph, format: str = "turtle") -> bytes:
    return graph.serialize(format=format, encoding="utf-8")
