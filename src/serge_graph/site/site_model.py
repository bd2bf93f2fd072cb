"""What the reader's pages are made of: plain objects read once from the built graph
(`site_data` reads them). An entity, its claims with their evidence, mentions, references,
corrections and sources, and the whole `SiteData` the pages loop over."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from ..namespaces import ID
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
    outside: str | None = None  # an IRI outside the graph: a link out's page or identifier

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
    excerpt: bool = False  # the file holds an excerpt of the work, not the whole

    @property
    def extent(self) -> str:
        """An excerpt of the work, the whole article (source 1) or the whole text."""
        if self.excerpt:
            return f"An excerpt of “{self.title}”"
        return "The whole article" if self.number == 1 else "The whole text"

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
    located_in: set[tuple[str, str]] = field(default_factory=set)  # (place, larger place)
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
