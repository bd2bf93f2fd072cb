"""IRIs: the one base of the project's identifiers and the vocabularies it uses."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/serge-graph/"
SG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {
    "sg": SG,
    "id": ID,
    "oa": OA,
    "schema": SCHEMA,
    "sem": SEM,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "foaf": Namespace(str(FOAF)),
    "dcterms": Namespace(str(DCTERMS)),
}

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
