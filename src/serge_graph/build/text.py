"""The sources with their parts and paragraphs, and every mention of an entity."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..model import PartialDate, Span
from ..namespaces import ID, source_iri
from ..source import Source
from .terms import CERTAINTY, DCTERMS, OA, RDF, RDFS, SCHEMA, SG, XSD, date_literal
from .writer import Writer


class TextWriter(Writer):
    """Sources, their parts and paragraphs, and the mentions anchored in them."""

    def sources(self) -> None:
        for source in self.corpus.sources.values():
            self.source(source)
            # its place in sources.yaml, as read: building one source alone says the same
            self.add((source_iri(source.id), SG.sourceNumber, Literal(source.number)))

    def mentions(self) -> None:
        for mention in self.corpus.annotations.mentions:
            node = self.mention(mention.entity, mention.span)
            self.status(node, mention.status)
            if mention.certainty is not None:  # words that stand for it only in context
                self.add((node, SG.certainty, CERTAINTY[mention.certainty.level]))
                self.add((node, SG.certaintyReason, Literal(mention.certainty.reason, lang="en")))

    def source(self, source: Source) -> None:
        node = source_iri(source.id)
        meta = source.metadata
        self.add((node, RDF.type, SG.Source))
        self.add((node, RDFS.label, Literal(str(meta.get("title", source.id)))))
        self.add((node, DCTERMS.title, Literal(str(meta.get("title", source.id)))))
        self.add((node, SG.sha256, Literal(source.sha256)))
        for key, predicate in (("author", DCTERMS.creator), ("translator", SCHEMA.translator)):
            if meta.get(key) in self.corpus.annotations.entities:
                self.add((node, predicate, self.corpus.iri(str(meta[key]))))
        if meta.get("written"):
            self.add((node, DCTERMS.created, date_literal(PartialDate.parse(str(meta["written"])))))
        for key in ("published_in", "online"):
            if meta.get(key):
                self.add((node, DCTERMS.bibliographicCitation, Literal(str(meta[key]))))
        if meta.get("language"):
            self.add((node, DCTERMS.language, Literal(str(meta["language"]))))
        if meta.get("excerpt") is True:
            self.add((node, SG.isExcerpt, Literal(True)))
        if meta.get("url"):
            self.add((node, SCHEMA.url, Literal(str(meta["url"]), datatype=XSD.anyURI)))
        for part in source.parts:
            part_node = ID[f"source/{source.id}/part/{part.id}"]
            self.add((part_node, RDF.type, SG.Part))
            self.add((part_node, RDFS.label, Literal(part.title)))
            self.add((part_node, DCTERMS.isPartOf, node))
            self.add((part_node, SG.defaultSpeaker, self.corpus.iri(part.speaker)))
        for paragraph in source.paragraphs:
            self.paragraph(source, paragraph)

    def paragraph(self, source: Source, paragraph) -> None:
        node = ID[f"source/{source.id}/{paragraph.id}"]
        kind = SG.Note if paragraph.note_number is not None else SG.Paragraph
        self.add((node, RDF.type, kind))
        if kind == SG.Note:
            self.add((node, RDF.type, SG.Paragraph))
            self.add((node, SG.noteNumber, Literal(paragraph.note_number)))
            self.add((node, RDFS.label, Literal(f"note {paragraph.note_number}")))
        else:
            self.add((node, RDFS.label, Literal(f"paragraph {paragraph.number}")))
        self.add((node, SG.paragraphNumber, Literal(paragraph.number)))
        self.add((node, SG.text, Literal(source.paragraph_text(paragraph))))
        self.add((node, DCTERMS.isPartOf, source_iri(source.id)))
        self.add((node, SG.inPart, ID[f"source/{source.id}/part/{paragraph.part}"]))
        for number in paragraph.calls_notes:
            self.add((node, SG.callsNote, ID[f"source/{source.id}/note-{number}"]))

    def mention(self, entity_id: str, span: Span) -> URIRef:
        node = ID[f"mention/{span.source}/{span.start}-{span.end}"]
        self.add((node, RDF.type, SG.Mention))
        self.add((node, RDF.type, OA.Annotation))
        self.add((node, OA.motivatedBy, OA.identifying))
        self.add((node, OA.hasBody, self.corpus.iri(entity_id)))
        self.anchor(node, span)
        return node
