"""The query linter: what a query asks that the ontology says cannot be there.

A misspelt term or a pattern that can never match returns 0 rows and no
error; the linter says why instead. It reads the parsed query (rdflib's
algebra, never the text) and the ontology (ontology/serge.ttl), and finds:

- a term of the project's namespace (sg:) that the ontology does not
  declare, with the nearest one ("sg:Persn is not in the vocabulary; did you
  mean sg:Person?");
- a pattern that can never match: a subject or object that would have to
  belong to two classes the ontology declares disjoint (owl:disjointWith),
  by its `a` patterns and the rdfs:domain and rdfs:range of the properties it
  is used with; a literal as the object of a property that links resources;
  the value of a property that holds literals used as the subject of a pattern;
- a claim asked for by a relation that has narrower ones (`?c rdf:predicate
  sg:helped`): a claim names only its narrowest relation (sg:helpedWrite), so
  the bare form misses those; the finding names the pattern that finds them,
  `?c rdf:predicate/rdfs:subPropertyOf* sg:helped`.

Each finding is one sentence; where it is shown (standard error, a Python
warning, a response header) is for the caller to choose.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.paths import Path as PropertyPath

from .namespaces import PREFIXES, SG
from .queries import query_parts


@dataclass(frozen=True)
class Ontology:
    """What the linter needs to know of the ontology, read once per file."""

    terms: frozenset[URIRef]
    ancestors: dict[URIRef, frozenset[URIRef]]  # a class and all its superclasses
    disjoint: frozenset[frozenset[URIRef]]  # pairs of classes nothing is at once
    domains: dict[URIRef, URIRef]  # declared or inherited from a superproperty
    ranges: dict[URIRef, URIRef]
    object_properties: frozenset[URIRef]
    datatype_properties: frozenset[URIRef]
    narrower: dict[URIRef, tuple[URIRef, ...]]  # a property's direct subproperties, sorted

    @classmethod
    def from_graph(cls, graph: Graph) -> Ontology:
        terms = frozenset(
            s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(SG)
        )
        classes = set(graph.subjects(RDF.type, OWL.Class))
        ancestors = {c: frozenset(_closure(graph, c, RDFS.subClassOf)) for c in classes}
        disjoint = {frozenset(pair) for pair in graph.subject_objects(OWL.disjointWith)}
        properties = set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(
            graph.subjects(RDF.type, OWL.DatatypeProperty)
        )
        return cls(
            terms=terms,
            ancestors=ancestors,
            disjoint=frozenset(disjoint),
            domains=_inherited(graph, properties, RDFS.domain),
            ranges=_inherited(graph, properties, RDFS.range),
            object_properties=frozenset(graph.subjects(RDF.type, OWL.ObjectProperty)),
            datatype_properties=frozenset(graph.subjects(RDF.type, OWL.DatatypeProperty)),
            narrower=_narrower(graph),
        )

    def are_disjoint(self, one: URIRef, other: URIRef) -> bool:
        """Whether nothing can be both: some superclass of each is declared disjoint."""
        return any(
            frozenset((a, b)) in self.disjoint
            for a in self.ancestors.get(one, {one})
            for b in self.ancestors.get(other, {other})
        )


def _closure(graph: Graph, term: URIRef, link: URIRef) -> list[URIRef]:
    seen = [term]
    for current in seen:
        seen += [p for p in graph.objects(current, link) if p not in seen]
    return seen


def _narrower(graph: Graph) -> dict[URIRef, tuple[URIRef, ...]]:
    found: dict[URIRef, set[URIRef]] = {}
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        if isinstance(sup, URIRef) and sup.startswith(SG) and sub != sup:
            found.setdefault(sup, set()).add(sub)
    return {sup: tuple(sorted(subs)) for sup, subs in found.items()}


def _inherited(graph: Graph, properties: set, link: URIRef) -> dict[URIRef, URIRef]:
    """Each property's domain (or range): its own, else its nearest superproperty's."""
    found = {}
    for prop in properties:
        for ancestor in _closure(graph, prop, RDFS.subPropertyOf):
            value = graph.value(ancestor, link)
            if isinstance(value, URIRef):
                found[prop] = value
                break
    return found


@cache
def _ontology_of(path: str, modified: int) -> Ontology:
    return Ontology.from_graph(Graph().parse(path, format="turtle"))


def load_ontology(path: Path | str) -> Ontology:
    """The ontology file read for linting (kept while the file is unchanged)."""
    path = Path(path)
    return _ontology_of(str(path), path.stat().st_mtime_ns)


# --- the checks ------------------------------------------------------------------------------


def lint(parsed, ontology: Ontology) -> list[str]:
    """Every finding on a parsed query (rdflib's prepareQuery), each once, in a set order."""
    findings = _unknown_terms(parsed.algebra, ontology)
    for triples in _basic_graph_patterns(parsed.algebra):
        findings += _impossible_patterns(triples, ontology)
        findings += _bare_broader_relations(triples, ontology)
    return list(dict.fromkeys(findings))


def _unknown_terms(algebra, ontology: Ontology) -> list[str]:
    used = sorted({t for t in _iris(algebra) if t.startswith(SG) and t not in ontology.terms})
    known = {str(t)[len(str(SG)) :]: t for t in ontology.terms}
    by_folded = {name.casefold(): name for name in known}
    findings = []
    for term in used:
        name = str(term)[len(str(SG)) :]
        close = difflib.get_close_matches(name.casefold(), list(by_folded), n=1, cutoff=0.6)
        hint = f"; did you mean sg:{by_folded[close[0]]}?" if close else ""
        findings.append(f"sg:{name} is not in the vocabulary{hint}")
    return findings


@dataclass(frozen=True)
class _Reason:
    """Why a term of a pattern must belong to a class."""

    cls: URIRef
    saying: str  # "?x is a sg:Place", "sg:birthDate applies only to a sg:Person", "sg:evidence leads only to a sg:Evidence"
    pattern: str
    order: int  # `a` patterns first, then domains, then ranges: the message reads that way


def _impossible_patterns(triples: list[tuple], ontology: Ontology) -> list[str]:
    reasons: dict[object, list[_Reason]] = {}
    findings = []
    for s, p, o in triples:
        pattern = f"{_short(s)} {_short(p)} {_short(o)}"
        if p == RDF.type and isinstance(o, URIRef) and o in ontology.ancestors:
            reasons.setdefault(s, []).append(
                _Reason(o, f"{_short(s)} is a {_short(o)}", pattern, 0)
            )
        if not isinstance(p, URIRef):
            continue
        if p in ontology.domains:
            domain = ontology.domains[p]
            saying = f"{_short(p)} applies only to a {_short(domain)}"
            reasons.setdefault(s, []).append(_Reason(domain, saying, pattern, 1))
        if p in ontology.ranges and not isinstance(o, Literal):
            value = ontology.ranges[p]
            saying = f"{_short(p)} leads only to a {_short(value)}"
            reasons.setdefault(o, []).append(_Reason(value, saying, pattern, 2))
        if p in ontology.object_properties and isinstance(o, Literal):
            findings.append(
                f"{_short(p)} links to a resource, never to a text or number: {pattern} can "
                f"never match; match its label instead: {_short(s)} {_short(p)}/rdfs:label {_short(o)}"
            )
        if p in ontology.datatype_properties and isinstance(o, Variable):
            findings += [
                f"{_short(o)} is a value of {_short(p)}, a literal, and a literal is never the "
                f"subject of a pattern: {_short(o)} {_short(p2)} {_short(o2)} can never match"
                for s2, p2, o2 in triples
                if s2 == o
            ]
    for term_reasons in reasons.values():
        findings += _conflicts(sorted(term_reasons, key=lambda r: (r.order, r.pattern)), ontology)
    return findings


def _bare_broader_relations(triples: list[tuple], ontology: Ontology) -> list[str]:
    """A claim's rdf:predicate is its narrowest relation: asking for a broader one by itself
    misses every claim of a narrower one, while the plain triples (materialised) find them."""
    findings = []
    for s, p, o in triples:
        if p == RDF.predicate and isinstance(o, URIRef) and ontology.narrower.get(o):
            names = ", ".join(_short(n) for n in ontology.narrower[o][:4])
            more = ", …" if len(ontology.narrower[o]) > 4 else ""
            findings.append(
                f"{_short(s)} rdf:predicate {_short(o)} finds only claims of {_short(o)} "
                f"itself: a claim names its narrowest relation ({names}{more}); to find those "
                f"too, write {_short(s)} rdf:predicate/rdfs:subPropertyOf* {_short(o)}"
            )
    return findings


def _conflicts(reasons: list[_Reason], ontology: Ontology) -> list[str]:
    return [
        f"{first.saying}, but {second.saying}: {second.pattern} can never match"
        for first, second in combinations(reasons, 2)
        if ontology.are_disjoint(first.cls, second.cls)
    ]


# --- reading rdflib's algebra ----------------------------------------------------------------


def _iris(algebra) -> set[URIRef]:
    return {item for item in query_parts(algebra) if isinstance(item, URIRef)}


def _basic_graph_patterns(algebra) -> list[list[tuple]]:
    return [
        list(item["triples"])
        for item in query_parts(algebra)
        if isinstance(item, dict) and getattr(item, "name", None) == "BGP"
    ]


def _short(term) -> str:
    """A term as a person writes it in a query: ?x, sg:Person, "text"."""
    if isinstance(term, Variable):
        return f"?{term}"
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return f"<{term}>"
    if isinstance(term, PropertyPath):
        return term.n3()
    return term.n3() if hasattr(term, "n3") else str(term)
