"""IRIs: the one base of the project's identifiers and the vocabularies it uses."""

from __future__ import annotations

from rdflib import Namespace, URIRef

from .prefixes import BASE as BASE  # re-exported: the web modules take it from here
from .prefixes import PREFIX_IRIS

SG = Namespace(PREFIX_IRIS["sg"])
ID = Namespace(PREFIX_IRIS["id"])
OA = Namespace(PREFIX_IRIS["oa"])
SCHEMA = Namespace(PREFIX_IRIS["schema"])
SEM = Namespace(PREFIX_IRIS["sem"])
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}

# The IRI path segment for each top entity class, so IRIs read as …/id/person/victor-serge.
SEGMENT_BY_CLASS = {
    SG.Person: "person",
    SG.Group: "group",
    SG.Organisation: "org",
    SG.Place: "place",
    SG.Work: "work",
    SG.Event: "event",
}


def entity_iri(segment: str, slug: str) -> URIRef:
    return ID[f"{segment}/{slug}"]


def source_iri(source_id: str) -> URIRef:
    return ID[f"source/{source_id}"]


class TermCache:
    """A namespace whose terms are made once: `SG.speaker` or `RDF.type` builds a new URIRef
    (and checks it) at every lookup, and the build looks up terms for each of its triples."""

    def __init__(self, namespace):
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # found in the instance from now on, without a call
        return term

    def __getitem__(self, name: str) -> URIRef:
        if name not in self._items:
            self._items[name] = self._namespace[name]
        return self._items[name]
