"""The ontology as the annotations see it: which types, relations and roles exist."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .errors import SourceError
from .namespaces import SEGMENT_BY_CLASS, SG


@dataclass
class Vocabulary:
    """Terms of ontology/serge.ttl usable in annotations, by local name."""

    graph: Graph

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        graph = Graph()
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises several unrelated types
            raise SourceError(f"{path}: the ontology does not parse: {error}") from error
        return cls(graph)

    def _names(self, kind: str) -> dict[str, URIRef]:
        return {
            str(term)[len(str(SG)) :]: term
            for term in self.graph.subjects(SG.annotationKind, Literal(kind))
            if isinstance(term, URIRef) and str(term).startswith(str(SG))
        }

    @cached_property
    def entity_types(self) -> dict[str, URIRef]:
        return self._names("entity")

    @cached_property
    def event_types(self) -> dict[str, URIRef]:
        return self._names("event")

    @cached_property
    def relations(self) -> dict[str, URIRef]:
        return self._names("relation")

    @cached_property
    def roles(self) -> dict[str, URIRef]:
        return self._names("role")

    def value_kind(self, relation: str) -> str:
        kind = self.graph.value(self.relations[relation], SG.valueKind)
        return str(kind) if kind is not None else "entity"

    def superclasses(self, term: URIRef) -> list[URIRef]:
        """The class and all its superclasses, nearest first."""
        return self._closure(term, RDFS.subClassOf)

    def superproperties(self, term: URIRef) -> list[URIRef]:
        return self._closure(term, RDFS.subPropertyOf)

    def _closure(self, term: URIRef, link: URIRef) -> list[URIRef]:
        # asked for every node and every fact the build writes: the ontology does not change
        # after loading, so each closure is walked once
        known = self.__dict__.setdefault("_closures", {})
        if (term, link) not in known:
            seen = [term]
            for current in seen:
                for parent in sorted(self.graph.objects(current, link)):
                    if isinstance(parent, URIRef) and parent not in seen:
                        seen.append(parent)
            known[term, link] = tuple(seen)
        return list(known[term, link])

    def segment(self, class_name: str) -> str:
        """The IRI segment of an entity or event type (person, org, place, work, event)."""
        term = self.entity_types.get(class_name) or self.event_types.get(class_name)
        for ancestor in self.superclasses(term):
            if ancestor in SEGMENT_BY_CLASS:
                return SEGMENT_BY_CLASS[ancestor]
        raise KeyError(class_name)

    def is_a(self, class_name: str, ancestor: URIRef) -> bool:
        term = self.entity_types.get(class_name) or self.event_types.get(class_name)
        return term is not None and ancestor in self.superclasses(term)

    def label(self, term: URIRef) -> str:
        label = self.graph.value(term, RDFS.label)
        return str(label) if label is not None else str(term).rsplit("#", 1)[-1]

    def inverse_of(self, term: URIRef) -> URIRef | None:
        return self.graph.value(term, OWL.inverseOf)

    def is_symmetric(self, term: URIRef) -> bool:
        return (term, RDF.type, OWL.SymmetricProperty) in self.graph
