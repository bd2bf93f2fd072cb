"""The project's base IRI and the prefixes every query may use, as plain strings.

This module imports nothing, so that a query on Oxigraph (the command line's
fast path) starts without loading rdflib; namespaces.py builds rdflib's
Namespace objects from the same table.
"""

BASE = "https://w3id.org/serge-graph/"

PREFIX_IRIS: dict[str, str] = {
    "sg": BASE + "ontology#",
    "id": BASE + "id/",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.opengis.net/ont/geosparql#",  # GeoSPARQL: a place's point as WKT
    "wgs84_pos": "http://www.w3.org/2003/01/geo/wgs84_pos#",  # WGS84 lat/long of a place
}
