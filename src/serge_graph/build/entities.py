"""Entities and events as nodes: types, names, descriptions, and corrections of their names."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..model import Entity
from .terms import DCTERMS, RDF, RDFS, SG, SKOS
from .writer import Writer


class EntityWriter(Writer):
    """Every entity and event with its types (materialised), labels and corrections."""

    def entities(self) -> None:
        for entity in self.corpus.annotations.entities.values():
            self.entity(entity)
        self.coordinates()
        self.links()

    def links(self) -> None:
        """Each link out to a reference work, a claim by general knowledge with the page
        consulted as its reference (links.py)."""
        from ..links import corpus_links, link_triples

        names = {e.id: e.name for e in self.corpus.annotations.entities.values()}
        claim_types = self.vocabulary.superclasses(SG.Claim)
        for triple in link_triples(
            corpus_links(self.corpus), self.corpus.iri, names, claim_types, self.reference
        ):
            self.add(triple)

    def coordinates(self) -> None:
        """Each place's point, a claim by general knowledge with its reference (places.py)."""
        from ..places import coordinate_triples, corpus_locations

        located, unlocated = corpus_locations(self.corpus)
        names = {e.id: e.name for e in self.corpus.annotations.entities.values()}
        claim_types = self.vocabulary.superclasses(SG.Claim)
        for triple in coordinate_triples(
            located, unlocated, self.corpus.iri, names, claim_types, self.reference
        ):
            self.add(triple)

    def entity(self, entity: Entity) -> None:
        node = self.corpus.iri(entity.id)
        types = self.vocabulary.event_types if entity.is_event else self.vocabulary.entity_types
        for cls in self.vocabulary.superclasses(types[entity.type]):
            self.add((node, RDF.type, cls))
        self.add((node, RDFS.label, Literal(entity.name)))
        self.add((node, SKOS.prefLabel, Literal(entity.name)))
        for alias in entity.aliases:
            self.add((node, SKOS.altLabel, Literal(alias, lang=entity.language_of(alias) or None)))
        for words, _why in entity.implied_names:  # found by search, never shown as its name
            self.add((node, SKOS.hiddenLabel, Literal(words)))
        self.status(node, entity.status)
        if entity.description:
            self.add((node, DCTERMS.description, Literal(entity.description, lang="en")))
        if entity.note:
            self.add((node, SG.note, Literal(entity.note, lang="en")))
        if entity.implicit:
            self.add((node, SG.implicit, Literal(entity.implicit, lang="en")))
        for number, correction in enumerate(entity.corrections, 1):
            fix = URIRef(f"{node}/correction-{number}")
            self.add((node, SG.correction, fix))
            self.add((fix, RDF.type, SG.Correction))
            self.add((fix, SG.textForm, Literal(correction.text_form)))
            self.add((fix, SG.correctForm, Literal(correction.correct_form)))
            self.add((fix, SG.knowledgeOrigin, Literal(correction.origin)))
            if correction.note:
                self.add((fix, SG.note, Literal(correction.note, lang="en")))
            if correction.speaker in self.corpus.annotations.entities:
                self.add((fix, SG.speaker, self.corpus.iri(correction.speaker)))
            if correction.reference is not None:
                self.reference(fix, correction.reference)
