"""What every part of the build writes with: the corpus, the triple sink, and the shapes
shared by sources, entities and claims (status, reference, dates, text anchors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from ..annotations.claims import slug
from ..model import PartialDate, Reference, Span
from ..namespaces import ID, source_iri
from .terms import OA, RDF, RDFS, SCHEMA, SG, XSD, date_literal

if TYPE_CHECKING:
    from . import Corpus


class Writer:
    """Writes triples about a corpus through `add`."""

    def __init__(self, corpus: Corpus, add: Callable[[tuple], object]):
        self.corpus = corpus
        self.vocabulary = corpus.vocabulary
        self.add = add

    def status(self, node: URIRef, status: str) -> None:
        """An item still suggested (built with include_suggested) says so."""
        if status:
            self.add((node, SG.status, Literal(status)))

    def reference(self, node: URIRef, reference: Reference) -> None:
        ref = ID[f"reference/{slug(reference.url or reference.title, 80)}"]
        self.add((node, SG.reference, ref))
        self.add((ref, RDF.type, SG.Reference))
        self.add((ref, RDFS.label, Literal(reference.title)))
        if reference.url:
            self.add((ref, SCHEMA.url, Literal(reference.url, datatype=XSD.anyURI)))

    def dated(self, node: URIRef, date: PartialDate) -> None:
        literal = date_literal(date)
        if literal is not None:
            self.add((node, SG.date, literal))
        self.add((node, SG.dateText, Literal(date.text)))
        self.add((node, SG.earliest, Literal(date.earliest)))
        self.add((node, SG.latest, Literal(date.latest)))

    def anchor(self, annotation: URIRef, span: Span) -> None:
        """A Web Annotation target: the source with a quote and a position selector."""
        target = URIRef(f"{annotation}/target")
        quote, position = URIRef(f"{target}/quote"), URIRef(f"{target}/position")
        source = source_iri(span.source)
        self.add((annotation, OA.hasTarget, target))
        self.add((target, RDF.type, OA.SpecificResource))
        self.add((target, OA.hasSource, source))
        self.add((target, OA.hasSelector, quote))
        self.add((target, OA.hasSelector, position))
        self.add((quote, RDF.type, OA.TextQuoteSelector))
        self.add((quote, OA.exact, Literal(span.exact)))
        self.add((quote, OA.prefix, Literal(span.prefix)))
        self.add((quote, OA.suffix, Literal(span.suffix)))
        self.add((position, RDF.type, OA.TextPositionSelector))
        self.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        self.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        self.add((annotation, SG.inParagraph, ID[f"source/{span.source}/{span.paragraph}"]))
        self.add((annotation, SG.inPart, ID[f"source/{span.source}/part/{span.part}"]))
