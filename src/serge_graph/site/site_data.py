"""The built graph read once into plain objects for the reader's pages.

The pages need the same few things again and again (an entity's names, the
claims about it with their quotes, its mentions); reading them here once from
the triples keeps every page a plain loop and the whole site fast. Everything
comes from the RDF graph, so the server can render a page from the graph it
serves.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..namespaces import ID, OA, SCHEMA, SG
from .links import text_page

KIND_ORDER = ("person", "group", "org", "place", "work", "event")
KIND_TITLES = {
    "person": "People",
    "group": "Groups",
    "org": "Organisations",
    "place": "Places",
    "work": "Works",
    "event": "Events",
}
KEY_PEOPLE = ("person/victor-serge", "person/julian-gorkin")
_EVIDENCE_NUMBER = re.compile(r"/evidence-(\d+)$")
T = TypeVar("T")


@dataclass
class Evidence:
    """One quote of a claim, where it stands in the text and its anchor in text.html."""

    number: int
    anchor: str
    exact: str
    start: int
    end: int
    paragraph: str  # "p36" or "note-11"
    source: str = ""  # the source's id
    page: str = "text.html"  # the text page of its source
    prefix: str = ""  # the words just before and after it in the text
    suffix: str = ""


@dataclass
class Claim:
    iri: str
    slug: str
    subject: str
    predicate: str
    relation: str  # the predicate's label
    object: str | None  # an entity or event IRI
    value: str | None  # a literal, or a class label for a type claim
    label: str
    speaker: str
    reported_by: str | None = None
    quoted_from: str | None = None
    date_text: str | None = None
    as_: str | None = None
    note: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    rank: str = "normal"  # preferred, normal or deprecated
    rank_reason: str | None = None
    certainty: str | None = None  # stated, implied or inferred
    certainty_reason: str | None = None
    corrects: str | None = None  # the IRI of the deprecated claim a correction corrects
    references: list[Reference] = field(default_factory=list)
    about: list[tuple[str, str]] = field(default_factory=list)  # (supports|disputes|reports, IRI)
    reading: str = ""  # the relation in plain words from the subject ("murdered")
    inverse_reading: str = ""  # and from the object ("murdered by")

    @property
    def first_start(self) -> int:
        return min((e.start for e in self.evidence), default=0)

    @property
    def deprecated(self) -> bool:
        return self.rank == "deprecated"


@dataclass(frozen=True)
class Reference:
    """A work consulted for general knowledge: its IRI, title and address (if any)."""

    iri: str
    title: str
    url: str | None

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


@dataclass
class Correction:
    text_form: str
    correct_form: str
    origin: str
    note: str
    references: list[Reference] = field(default_factory=list)


@dataclass
class Mention:
    entity: str
    start: int
    end: int
    exact: str
    paragraph: str
    source: str = ""  # the source's id
    page: str = "text.html"  # the text page of its source

    @property
    def anchor(self) -> str:
        return f"mention-{self.start}-{self.end}"

    @property
    def iri(self) -> str:
        return str(ID[f"mention/{self.source}/{self.start}-{self.end}"])


@dataclass
class Entity:
    iri: str
    kind: str  # the IRI segment: person, group, org, place, work, event
    slug: str
    label: str
    type_label: str
    aliases: list[str]
    description: str
    note: str
    implicit: str
    corrections: list[Correction]
    date: str = ""  # an event's date in the truthy view ("1945", "1942-04"), if the text gives one
    earliest: str = ""  # its bounds (xsd:date), given or inferred
    latest: str = ""

    @property
    def kind_title(self) -> str:
        return KIND_TITLES[self.kind]

    @property
    def path(self) -> str:
        """The page's path in the site, mirroring the IRI."""
        return f"id/{self.kind}/{self.slug}.html"


@dataclass
class Part:
    id: str
    title: str
    speaker: str  # IRI


@dataclass
class SourceInfo:
    iri: str
    title: str
    creator: str | None
    translator: str | None
    written: str | None
    citations: list[str]
    parts: list[Part]
    number: int = 1  # its place in sources.yaml
    language: str = ""

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def page(self) -> str:
        return text_page(self.id, self.number)


@dataclass
class SiteData:
    """Entities, claims, mentions and sources of a built graph, indexed for the pages."""

    entities: dict[str, Entity]
    claims: list[Claim]
    mentions: list[Mention]
    sources: list[SourceInfo]
    role_predicates: set[str]
    triples: int
    claims_by_subject: dict[str, list[Claim]] = field(default_factory=dict)
    claims_by_object: dict[str, list[Claim]] = field(default_factory=dict)
    mentions_by_entity: dict[str, list[Mention]] = field(default_factory=dict)
    claims_by_iri: dict[str, Claim] = field(default_factory=dict)
    claims_by_speaker: dict[str, list[Claim]] = field(default_factory=dict)
    corrections_of: dict[str, list[Claim]] = field(default_factory=dict)
    related: dict[str, list[tuple[str, Claim]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        subjects, objects, mentions = defaultdict(list), defaultdict(list), defaultdict(list)
        speakers, fixes, related = defaultdict(list), defaultdict(list), defaultdict(list)
        for claim in self.claims:
            subjects[claim.subject].append(claim)
            speakers[claim.speaker].append(claim)
            if claim.object:
                objects[claim.object].append(claim)
            if claim.corrects:
                fixes[claim.corrects].append(claim)
            for link, target in claim.about:
                related[target].append((link, claim))
        for mention in self.mentions:
            mentions[mention.entity].append(mention)
        self.claims_by_subject, self.claims_by_object = dict(subjects), dict(objects)
        self.mentions_by_entity = dict(mentions)
        self.claims_by_iri = {c.iri: c for c in self.claims}
        self.claims_by_speaker, self.corrections_of = dict(speakers), dict(fixes)
        self.related = dict(related)

    def deprecated(self) -> list[Claim]:
        """The claims the text makes and general knowledge corrects, in the order of the text."""
        return [c for c in self.claims if c.deprecated]

    def references(self) -> list[Reference]:
        found = {r.iri: r for c in self.claims for r in c.references}
        for entity in self.entities.values():
            found.update((r.iri, r) for fix in entity.corrections for r in fix.references)
        return sorted(found.values(), key=lambda r: r.title.casefold())

    def label(self, iri: str | None) -> str:
        entity = self.entities.get(iri or "")
        return entity.label if entity else (iri or "").rsplit("/", 1)[-1]

    def by_kind(self, kind: str) -> list[Entity]:
        return sorted(
            (e for e in self.entities.values() if e.kind == kind), key=lambda e: e.label.casefold()
        )

    def key_people(self) -> list[str]:
        return [str(ID[k]) for k in KEY_PEOPLE if str(ID[k]) in self.entities]


_cache: dict[str, tuple] = {}


def cached(graph, name: str, make: Callable) -> T:
    """What make(graph) returns, computed once per graph object (the server renders many
    pages from one graph); graph is an rdflib or a networkx graph. Identity is the key: the
    graphs the library hands out are not changed after they are built, and len() of an
    Oxigraph-backed graph would count every triple on every page."""
    held = _cache.get(name)
    if held and held[0] is graph:
        return held[1]
    value = make(graph)
    _cache[name] = (graph, value)
    return value


def site_data(graph: Graph) -> SiteData:
    """The graph's site data, read once per graph object."""
    return cached(graph, "site_data", read_site_data)


def read_site_data(graph: Graph) -> SiteData:
    entities = {iri: entity for iri in _entity_iris(graph) if (entity := _entity(graph, iri))}
    roles = {str(p) for p in graph.subjects(SG.annotationKind, Literal("role"))}
    sources = _sources(graph)
    pages = {str(s.iri): s.page for s in sources}
    return SiteData(
        entities=entities,
        claims=_claims(graph, pages),
        mentions=_mentions(graph, pages),
        sources=sources,
        role_predicates=roles,
        triples=len(graph),
    )


def _entity_iris(graph: Graph) -> list[str]:
    found = set(graph.subjects(RDF.type, SG.Entity)) | set(graph.subjects(RDF.type, SG.Event))
    return sorted(str(i) for i in found if str(i).startswith(str(ID)))


def _text(graph: Graph, node: URIRef, predicate: URIRef) -> str:
    value = graph.value(node, predicate)
    return str(value) if value is not None else ""


def _entity(graph: Graph, iri: str) -> Entity | None:
    node = URIRef(iri)
    path = iri[len(str(ID)) :]
    kind, _, slug = path.partition("/")
    if kind not in KIND_ORDER or not slug or "/" in slug:
        return None
    corrections = [
        Correction(
            _text(graph, fix, SG.textForm),
            _text(graph, fix, SG.correctForm),
            _text(graph, fix, SG.knowledgeOrigin),
            _text(graph, fix, SG.note),
            _references(graph, fix),
        )
        for fix in sorted(graph.objects(node, SG.correction))
    ]
    return Entity(
        iri=iri,
        kind=kind,
        slug=slug,
        label=_text(graph, node, RDFS.label) or slug,
        type_label=_most_specific_type(graph, node),
        aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
        description=_text(graph, node, DCTERMS.description),
        note=_text(graph, node, SG.note),
        implicit=_text(graph, node, SG.implicit),
        corrections=corrections,
        date=_text(graph, node, SG.date),
        earliest=_text(graph, node, SG.earliest),
        latest=_text(graph, node, SG.latest),
    )


def _most_specific_type(graph: Graph, node: URIRef) -> str:
    """The label of the one project class of the node that no other of its classes refines."""
    classes = {c for c in graph.objects(node, RDF.type) if str(c).startswith(str(SG))}
    parents = {p for c in classes for p in graph.objects(c, RDFS.subClassOf)}
    specific = sorted(classes - parents) or sorted(classes)
    return _text(graph, specific[0], RDFS.label) or specific[0].rsplit("#", 1)[-1]


def _claims(graph: Graph, pages: dict[str, str]) -> list[Claim]:
    claims = []
    for node in graph.subjects(RDF.type, SG.Claim):
        predicate = graph.value(node, RDF.predicate)
        obj = graph.value(node, RDF.object)
        is_entity = isinstance(obj, URIRef) and str(obj).startswith(str(ID))
        if isinstance(obj, URIRef) and not is_entity:  # a type claim names a class
            value = _text(graph, obj, RDFS.label) or str(obj).rsplit("#", 1)[-1]
        else:
            value = None if is_entity else str(obj)
        slug = str(node)[len(str(ID["claim/"])) :]
        relation = _text(graph, predicate, RDFS.label) or str(predicate).rsplit("#", 1)[-1]
        reading, inverse = readings(graph, predicate, relation)
        claims.append(
            Claim(
                iri=str(node),
                slug=slug,
                subject=str(graph.value(node, RDF.subject)),
                predicate=str(predicate),
                relation=relation,
                object=str(obj) if is_entity else None,
                value=value,
                label=_text(graph, node, RDFS.label),
                speaker=str(graph.value(node, SG.speaker)),
                reported_by=_optional(graph.value(node, SG.reportedBy)),
                quoted_from=_optional(graph.value(node, SG.quotedFrom)),
                date_text=_optional(graph.value(node, SG.dateText)),
                as_=_optional(graph.value(node, SG["as"])),
                note=_optional(graph.value(node, SG.note)),
                evidence=_evidence(graph, node, slug, pages),
                rank=_local(graph.value(node, SG.rank), "Rank") or "normal",
                rank_reason=_optional(graph.value(node, SG.rankReason)),
                certainty=_local(graph.value(node, SG.certainty), ""),
                certainty_reason=_optional(graph.value(node, SG.certaintyReason)),
                corrects=_optional(graph.value(node, SG.corrects)),
                references=_references(graph, node),
                about=sorted(
                    (link, str(target))
                    for link in _ABOUT
                    for target in graph.objects(node, SG[link])
                ),
                reading=reading,
                inverse_reading=inverse,
            )
        )
    return sorted(claims, key=lambda c: (c.first_start, c.iri))


_ABOUT = ("supports", "disputes", "reports")


def readings(graph: Graph, predicate, label: str) -> tuple[str, str]:
    """A relation's reading labels from the ontology (sg:readingLabel, sg:inverseReadingLabel):
    how a page says it from its subject and from its object. A type claim reads "is a"; a
    relation without a reading label reads as its label, and backwards as "<label> (of)"."""
    if predicate == RDF.type:
        return "is a", "type of"
    forward = _text(graph, predicate, SG.readingLabel) or label
    backward = _text(graph, predicate, SG.inverseReadingLabel) or f"{label} (of)"
    return forward, backward


def _local(node, suffix: str) -> str | None:
    """sg:DeprecatedRank -> "deprecated" (suffix "Rank"), sg:Stated -> "stated"."""
    if node is None:
        return None
    name = str(node).rsplit("#", 1)[-1]
    return name.removesuffix(suffix).lower() if suffix else name.lower()


def _references(graph: Graph, node: URIRef) -> list[Reference]:
    return sorted(
        (
            Reference(
                str(ref), _text(graph, ref, RDFS.label), _optional(graph.value(ref, SCHEMA.url))
            )
            for ref in graph.objects(node, SG.reference)
        ),
        key=lambda r: r.iri,
    )


def _optional(value) -> str | None:
    return None if value is None else str(value)


def _evidence(graph: Graph, claim: URIRef, slug: str, pages: dict[str, str]) -> list[Evidence]:
    found = []
    for annotation in graph.objects(claim, SG.evidence):
        match = _EVIDENCE_NUMBER.search(str(annotation))
        number = int(match.group(1)) if match else 1
        exact, start, end = _selectors(graph, annotation)
        prefix, suffix = _context(graph, annotation)
        source = _source_of(graph, annotation)
        found.append(
            Evidence(
                number=number,
                anchor=claim_anchor(slug, number),
                exact=exact,
                start=start,
                end=end,
                paragraph=_paragraph_id(graph.value(annotation, SG.inParagraph)),
                source=source.rsplit("/", 1)[-1],
                page=pages.get(source, "text.html"),
                prefix=prefix,
                suffix=suffix,
            )
        )
    return sorted(found, key=lambda e: e.number)


def claim_anchor(slug: str, number: int = 1) -> str:
    """The id of a claim's evidence in text.html: claim-<slug>, then claim-<slug>--e2, …

    >>> claim_anchor("victor-serge--authorOf--hitler-versus-stalin", 2)
    'claim-victor-serge--authorOf--hitler-versus-stalin--e2'
    """
    return f"claim-{slug}" if number == 1 else f"claim-{slug}--e{number}"


def _selectors(graph: Graph, annotation: URIRef) -> tuple[str, int, int]:
    exact, start, end = "", 0, 0
    for target in graph.objects(annotation, OA.hasTarget):
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                exact = _text(graph, selector, OA.exact)
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                start = int(graph.value(selector, OA.start))
                end = int(graph.value(selector, OA.end))
    return exact, start, end


def _context(graph: Graph, annotation: URIRef) -> tuple[str, str]:
    """The quote selector's prefix and suffix: the words around a quote."""
    for target in graph.objects(annotation, OA.hasTarget):
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                return _text(graph, selector, OA.prefix), _text(graph, selector, OA.suffix)
    return "", ""


def _source_of(graph: Graph, annotation: URIRef) -> str:
    """The IRI of the source an evidence or mention stands in."""
    target = graph.value(annotation, OA.hasTarget)
    return str(graph.value(target, OA.hasSource) or "") if target is not None else ""


def _paragraph_id(node) -> str:
    return str(node).rsplit("/", 1)[-1] if node is not None else ""


def _mentions(graph: Graph, pages: dict[str, str]) -> list[Mention]:
    mentions = []
    for node in graph.subjects(RDF.type, SG.Mention):
        exact, start, end = _selectors(graph, node)
        source = _source_of(graph, node)
        mentions.append(
            Mention(
                entity=str(graph.value(node, OA.hasBody)),
                start=start,
                end=end,
                exact=exact,
                paragraph=_paragraph_id(graph.value(node, SG.inParagraph)),
                source=source.rsplit("/", 1)[-1],
                page=pages.get(source, "text.html"),
            )
        )
    return sorted(
        mentions, key=lambda m: (m.page != "text.html", m.source, m.start, -m.end, m.entity)
    )


def _sources(graph: Graph) -> list[SourceInfo]:
    sources = []
    for node in sorted(graph.subjects(RDF.type, SG.Source)):
        parts = [
            Part(
                str(part).rsplit("/", 1)[-1],
                _text(graph, part, RDFS.label),
                str(graph.value(part, SG.defaultSpeaker)),
            )
            for part in sorted(graph.subjects(DCTERMS.isPartOf, node))
            if (part, RDF.type, SG.Part) in graph
        ]
        sources.append(
            SourceInfo(
                iri=str(node),
                title=_text(graph, node, DCTERMS.title),
                creator=_optional(graph.value(node, DCTERMS.creator)),
                translator=_optional(graph.value(node, SCHEMA.translator)),
                written=_optional(graph.value(node, DCTERMS.created)),
                citations=sorted(
                    str(c) for c in graph.objects(node, DCTERMS.bibliographicCitation)
                ),
                parts=parts,
                number=int(graph.value(node, SG.sourceNumber) or 1),
                language=_text(graph, node, DCTERMS.language),
            )
        )
    return sorted(sources, key=lambda s: (s.number, s.iri))
