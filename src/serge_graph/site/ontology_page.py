"""The ontology as a page a person can read: every class and property with its label,
comment and place in the hierarchy (what a browser gets at the ontology's IRI)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from ..namespaces import SG
from .pages import Links, render

_KINDS = (
    ("classes", "Classes", (OWL.Class, RDFS.Class)),
    ("properties", "Properties", (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)),
    ("individuals", "Named values", (OWL.NamedIndividual,)),
)


@dataclass(frozen=True)
class Term:
    name: str  # the local name, also its anchor on the page
    iri: str
    label: str
    comment: str
    parents: list[tuple[str, str]]  # (label, href): an sg: parent links on the page


def ontology_page_html(ontology: Graph, links: Links | None = None) -> str:
    """ontology.html: the project's own terms, grouped by kind, each addressable (#Person)."""
    links = links or Links()
    sections = []
    taken: set[URIRef] = set()
    for kind, title, types in _KINDS:
        nodes = {s for t in types for s in ontology.subjects(RDF.type, t)}
        terms = [_term(ontology, n) for n in sorted(nodes - taken) if str(n).startswith(str(SG))]
        taken |= nodes
        if terms:
            sections.append((kind, title, sorted(terms, key=lambda t: t.name.lower())))
    return render(
        "site_ontology.html",
        sections=sections,
        namespace=str(SG),
        root=links.root,
        links=links,
        title="The ontology",
    )


def _term(ontology: Graph, node: URIRef) -> Term:
    parents = []
    for relation in (RDFS.subClassOf, RDFS.subPropertyOf):
        for parent in sorted(ontology.objects(node, relation)):
            if isinstance(parent, URIRef):
                parents.append((_short(parent), _href(parent)))
    return Term(
        name=_short(node),
        iri=str(node),
        label=str(ontology.value(node, RDFS.label) or _short(node)),
        comment=str(ontology.value(node, RDFS.comment) or ""),
        parents=parents,
    )


def _short(node: URIRef) -> str:
    text = str(node)
    if text.startswith(str(SG)):
        return text[len(str(SG)) :]
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _href(node: URIRef) -> str:
    text = str(node)
    return f"#{text[len(str(SG)) :]}" if text.startswith(str(SG)) else text
