"""The graph in RDF 1.2 (the successor of RDF-star): each claim also reifies its triple.

Beside the rdf:Statement form (the claim node's rdf:subject, rdf:predicate, rdf:object),
every claim node gets `rdf:reifies <<( s p o )>>`: the claim is a reifier of the quoted
triple, so its speaker, certainty, rank and evidence are annotations of that triple. In
Turtle 1.2 the same reads `<< s p o ~ claim >> sg:speaker …`. Pyoxigraph (0.5) writes the
file; it follows RDF 1.2, where a triple term stands only as an object, so the RDF-star
draft's `<< s p o >> sg:speaker …` (a quoted triple as subject) is not written.
"""

from __future__ import annotations

import pyoxigraph
from rdflib import Graph

from .prefixes import PREFIX_IRIS
from .queries import with_prefixes

REIFIES = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies")
_STATEMENTS = """
SELECT ?claim ?s ?p ?o WHERE {
  ?claim a sg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
} ORDER BY ?claim"""


def reified_quads(store: pyoxigraph.Store) -> list[pyoxigraph.Quad]:
    """One `claim rdf:reifies <<( s p o )>>` per claim of the graph in store, by claim IRI."""
    return [
        pyoxigraph.Quad(row["claim"], REIFIES, pyoxigraph.Triple(row["s"], row["p"], row["o"]))
        for row in store.query(with_prefixes(_STATEMENTS))
    ]


def rdf_star_bytes(rdf: Graph) -> bytes:
    """The whole graph with the claims' reifications, as Turtle 1.2."""
    store = pyoxigraph.Store()
    store.bulk_load(
        rdf.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES
    )
    store.extend(reified_quads(store))
    return store.dump(
        format=pyoxigraph.RdfFormat.TURTLE,
        from_graph=pyoxigraph.DefaultGraph(),
        prefixes=PREFIX_IRIS,
    )
