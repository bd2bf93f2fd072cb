"""What a reconciliation service matches against, read once from the built graph.

Every entity and event with the names a cataloguer may have in a spreadsheet: its label, the
forms the text uses (aliases, misspellings), the corrected spellings, the names the text never
uses (birth names, other-language names: general knowledge from site/other_names.yaml, passed
in), each folded (no case, no accents, no punctuation) for comparison; its types (materialised in
the graph, so a city is also a place), description, dates, and the entities it is linked to.
The index is plain data: the server hands it to each query worker, which matches against it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..namespaces import ID, SG
from ..source import fold

# the reconciliation types a cataloguer picks first: the ontology's top classes of things
DEFAULT_TYPES = ("Person", "Organisation", "Group", "Place", "Work", "Event")
# properties a query may give (pid -> what it compares); their labels come from the ontology
PROPERTY_IDS = ("birthDate", "deathDate", "nationality", "occupation", "relation")
_SMALL_WORDS = {"de", "del", "la", "el", "los", "las", "y", "of", "the", "and", "le", "les"}
_SMALL_WORDS |= {"des", "du", "von", "van", "a", "an"}

_ENTITIES = """
SELECT ?e ?label ?description WHERE {
  { ?e a sg:Entity } UNION { ?e a sg:Event }
  ?e rdfs:label ?label .
  OPTIONAL { ?e dcterms:description ?description }
}"""
_FORMS = """
SELECT ?e ?form ?kind WHERE {
  { ?e a sg:Entity } UNION { ?e a sg:Event }
  { ?e skos:altLabel ?form . BIND("alias" AS ?kind) }
  UNION { ?e skos:hiddenLabel ?form . BIND("hidden" AS ?kind) }
  UNION { ?e sg:correction/sg:correctForm ?form . BIND("corrected" AS ?kind) }
}"""
_TYPES = """
SELECT ?e ?type WHERE {
  { ?e a sg:Entity } UNION { ?e a sg:Event }
  ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(sg:)))
}"""
_CLASSES = """
SELECT ?class ?label ?comment ?super WHERE {
  ?class a owl:Class ; rdfs:label ?label . FILTER(STRSTARTS(STR(?class), STR(sg:)))
  OPTIONAL { ?class rdfs:comment ?comment }
  OPTIONAL { ?class rdfs:subClassOf ?super . FILTER(STRSTARTS(STR(?super), STR(sg:))) }
}"""
_VALUES = """
SELECT ?e ?p ?value WHERE {
  VALUES ?p { sg:birthDate sg:deathDate sg:nationality sg:occupation }
  ?e ?p ?value .
}"""
# linked by a relation (either way) or by taking part in the same event
_LINKS = """
SELECT DISTINCT ?e ?other WHERE {
  { ?e ?p ?other . ?p rdfs:subPropertyOf* sg:relation . }
  UNION { ?other ?p ?e . ?p rdfs:subPropertyOf* sg:relation . }
  UNION { ?event sg:participant ?e . BIND(?event AS ?other) }
  UNION { ?e sg:participant ?other }
  FILTER(isIRI(?other) && ?e != ?other)
}"""
_PROPERTIES = """
SELECT ?p ?label ?comment WHERE {
  VALUES ?p { sg:birthDate sg:deathDate sg:nationality sg:occupation sg:relation }
  ?p rdfs:label ?label . OPTIONAL { ?p rdfs:comment ?comment }
}"""


def fold_name(text: str) -> str:
    """A name as compared: no case, no accents, punctuation as spaces, one space between words.

    >>> fold_name("  Lázaro CARDEÑAS-del Río ")
    'lazaro cardenas del rio'
    """
    decomposed = unicodedata.normalize("NFKD", fold(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def words_of(folded: str) -> tuple[str, ...]:
    """The words that tell names apart: small words (de, of, the…) left out unless that is all."""
    words = tuple(folded.split())
    kept = tuple(w for w in words if w not in _SMALL_WORDS)
    return kept or words


@dataclass(frozen=True)
class Form:
    """One name of an entity: as written, folded, and what kind of name it is (label, alias,
    corrected, hidden, or other: a name the text never uses, with its reference)."""

    text: str
    folded: str
    kind: str
    what: str = ""  # for another name: what it is (birth name, Spanish name…)
    reference: str = ""  # for another name: the reference consulted (its title)


@dataclass
class Candidate:
    id: str  # the IRI after the identifier space: person/victor-serge
    name: str
    description: str = ""
    forms: list[Form] = field(default_factory=list)
    types: set[str] = field(default_factory=set)  # every class (local names), superclasses too
    values: dict[str, list[str]] = field(default_factory=dict)  # birthDate -> ["1890"], …
    linked: set[str] = field(default_factory=set)  # ids of the entities it is linked to


@dataclass
class Term:
    """A type or a property of the schema space: its id (local name), label and comment."""

    id: str
    name: str
    description: str = ""


@dataclass
class ReconcileIndex:
    candidates: dict[str, Candidate]
    types: dict[str, Term]  # every class an entity may have, by local name
    subclasses: dict[str, set[str]]  # class -> its direct subclasses (local names)
    properties: dict[str, Term]
    by_word: dict[str, set[str]] = field(default_factory=dict)  # folded word -> candidate ids
    by_form: dict[str, set[str]] = field(default_factory=dict)  # folded form -> candidate ids
    by_length: dict[int, list[str]] = field(default_factory=dict)  # the words by their length
    similar: dict[str, dict[str, float]] = field(default_factory=dict)  # kept: matching.py

    def __post_init__(self) -> None:
        for candidate in self.candidates.values():
            for form in candidate.forms:
                self._look_up(candidate.id, form)

    def _look_up(self, candidate_id: str, form: Form) -> None:
        self.by_form.setdefault(form.folded, set()).add(candidate_id)
        for word in words_of(form.folded):
            if word not in self.by_word:
                self.by_length.setdefault(len(word), []).append(word)
            self.by_word.setdefault(word, set()).add(candidate_id)
        self.similar.clear()  # a new word may be close to a word asked before

    def add_other_names(self, other_names: dict[str, list[dict]]) -> None:
        """The names the text never uses, from site/other_names.yaml (entity IRI -> [{name,
        what, title, url}]), beside the graph's own; an entity not in the index is left out."""
        for iri, names in other_names.items():
            candidate = self.candidates.get(iri.removeprefix(str(ID)))
            for other in names if candidate else ():
                form = Form(other["name"], fold_name(other["name"]), "other")
                form = replace(form, what=other["what"], reference=other["title"])
                if form.folded and form.folded not in {f.folded for f in candidate.forms}:
                    candidate.forms.append(form)
                    self._look_up(candidate.id, form)

    def narrowest(self, candidate: Candidate) -> list[str]:
        """The candidate's types that no other of its types is a subclass of."""
        return sorted(
            t
            for t in candidate.types
            if t in self.types and not (self.subclasses.get(t, set()) & candidate.types)
        )


def build_index(graph) -> ReconcileIndex:
    """The index of `graph` (rdflib, any store): its entities and events with their names."""
    from ..prefixes import PREFIX_IRIS

    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_IRIS.items())

    def rows(text: str):
        return graph.query(prologue + text)  # prefixes as text: oxrdflib drops initNs

    def local(iri) -> str:
        return str(iri).removeprefix(str(ID))

    candidates: dict[str, Candidate] = {}
    for e, label, description in rows(_ENTITIES):
        candidate = candidates.setdefault(local(e), Candidate(local(e), str(label)))
        candidate.description = candidate.description or str(description or "")
        candidate.forms.append(Form(str(label), fold_name(str(label)), "label"))
    for e, form, kind in rows(_FORMS):
        if local(e) in candidates:
            candidates[local(e)].forms.append(Form(str(form), fold_name(str(form)), str(kind)))
    for e, cls in rows(_TYPES):
        if local(e) in candidates:
            candidates[local(e)].types.add(str(cls).removeprefix(str(SG)))
    for e, p, value in rows(_VALUES):
        if local(e) in candidates:
            values = candidates[local(e)].values.setdefault(str(p).removeprefix(str(SG)), [])
            values.append(str(value))
    for e, other in rows(_LINKS):
        if local(e) in candidates and local(other) in candidates:
            candidates[local(e)].linked.add(local(other))
    for candidate in candidates.values():
        unique = {(f.folded, f.kind): f for f in candidate.forms if f.folded}
        candidate.forms = list(unique.values())
    types: dict[str, Term] = {}
    subclasses: dict[str, set[str]] = {}
    for cls, label, comment, parent in rows(_CLASSES):
        name = str(cls).removeprefix(str(SG))
        types[name] = Term(name, str(label)[:1].upper() + str(label)[1:], str(comment or ""))
        if parent is not None:
            subclasses.setdefault(str(parent).removeprefix(str(SG)), set()).add(name)
    used = set().union(*(c.types for c in candidates.values())) if candidates else set()
    types = {name: term for name, term in types.items() if name in used}
    properties = {
        str(p).removeprefix(str(SG)): Term(
            str(p).removeprefix(str(SG)), str(label), str(comment or "")
        )
        for p, label, comment in rows(_PROPERTIES)
    }
    return ReconcileIndex(candidates, types, subclasses, properties)
