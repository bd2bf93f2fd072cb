"""Claims: the plain triple of each truthy claim, and the claim node with its evidence,
speaker, source, certainty, rank and reference; the bounds inferred for undated events."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..model import Claim, PartialDate, Span
from ..namespaces import ID, source_iri
from .bounds import event_bounds, truthy_ranks
from .terms import CERTAINTY, OA, RANK, RDF, RDFS, SG, date_literal
from .writer import Writer


class ClaimWriter(Writer):
    """Every claim, as a plain triple (when truthy) and as a claim node."""

    def claims(self) -> None:
        self.best_rank = truthy_ranks(self.corpus.annotations.claims)
        self.event_dates: dict[URIRef, list[PartialDate]] = {}
        for claim in self.corpus.annotations.claims:
            self.claim(claim)
        self.plain_dates()
        self.derived_bounds()

    def plain_dates(self) -> None:
        """Each truthy date of a node; when witnesses date it differently (two sources, the
        same rank), every date stays, and its one pair of bounds spans them all: the days
        it happened on if any witness is right."""
        for node, dates in self.event_dates.items():
            for date in dates:
                literal = date_literal(date)
                if literal is not None:
                    self.add((node, SG.date, literal))
                self.add((node, SG.dateText, Literal(date.text)))
            self.add((node, SG.earliest, Literal(min(d.earliest for d in dates))))
            self.add((node, SG.latest, Literal(max(d.latest for d in dates))))

    def claim(self, claim: Claim) -> None:
        subject = self.corpus.iri(claim.subject)
        predicate, objects = self._fact(claim)
        truthy = (
            claim.rank != "deprecated"
            and claim.rank == self.best_rank[(claim.subject, claim.relation)]
        )
        if truthy and claim.general_knowledge_date:
            pass  # not the text's date: it becomes inferred bounds (derived_bounds)
        elif truthy and claim.relation == "date":
            self.event_dates.setdefault(subject, []).append(claim.value)
        elif truthy:
            terms = self._predicates(claim.relation, predicate)
            for term in terms:
                for obj in objects:
                    self.add((subject, term, obj))
            if claim.object is not None:
                for term in self._symmetric(terms):
                    self.add((objects[0], term, subject))
        node = ID[f"claim/{claim.id}"]
        for cls in self.vocabulary.superclasses(SG.Claim):
            self.add((node, RDF.type, cls))
        self.add((node, RDF.subject, subject))
        self.add((node, RDF.predicate, predicate))
        self.add((node, RDF.object, objects[0]))
        self.add((node, RDFS.label, Literal(self._claim_label(claim, predicate))))
        self.add((node, SG.speaker, self.corpus.iri(claim.speaker)))
        if claim.reported_by:
            self.add((node, SG.reportedBy, self.corpus.iri(claim.reported_by)))
        if claim.quoted_from:
            self.add((node, SG.quotedFrom, self.corpus.iri(claim.quoted_from)))
        if claim.date is not None:
            self.dated(node, claim.date)
        if claim.as_:
            self.add((node, SG["as"], Literal(claim.as_)))
        if claim.note:
            self.add((node, SG.note, Literal(claim.note, lang="en")))
        self.ranked(node, claim)
        self.status(node, claim.status)
        for source_id in sorted({e.span.source for e in claim.evidence}):
            self.add((node, SG.source, source_iri(source_id)))
        for number, evidence in enumerate(claim.evidence, 1):
            anchor = URIRef(f"{node}/evidence-{number}")
            self.add((node, SG.evidence, anchor))
            self.add((anchor, RDF.type, SG.Evidence))
            self.add((anchor, RDF.type, OA.Annotation))
            self.add((anchor, OA.motivatedBy, OA.describing))
            self.add((anchor, OA.hasBody, node))
            self.anchor(anchor, evidence.span)
        if claim.evidence:  # the short path from a fact to its words
            words = self._quote(claim)
            self.add((node, SG.quote, Literal(words.exact)))
            self.add((node, SG.paragraph, ID[f"source/{words.source}/{words.paragraph}"]))

    def ranked(self, node: URIRef, claim: Claim) -> None:
        """Certainty and rank; for a correction, what it corrects and its reference."""
        if claim.certainty is not None:
            self.add((node, SG.certainty, CERTAINTY[claim.certainty.level]))
            if claim.certainty.reason:
                self.add((node, SG.certaintyReason, Literal(claim.certainty.reason, lang="en")))
        self.add((node, SG.rank, RANK[claim.rank]))
        if claim.rank_reason:
            self.add((node, SG.rankReason, Literal(claim.rank_reason, lang="en")))
        if claim.corrects:
            self.add((node, RDF.type, SG.Correction))
            self.add((node, SG.corrects, ID[f"claim/{claim.corrects}"]))
        if claim.reference is not None:
            self.reference(node, claim.reference)
        for link, target in claim.about:
            self.add((node, SG[link], ID[f"claim/{target}"]))
        if claim.spoken_at:
            self.add((node, SG.spokenAt, self.corpus.iri(claim.spoken_at)))

    def _fact(self, claim: Claim) -> tuple[URIRef, list]:
        """The predicate of a claim and the objects of its plain triples (first is rdf:object)."""
        if claim.relation == "type":
            return RDF.type, [self.vocabulary.event_types[claim.object]]
        if claim.relation == "date":
            literal = date_literal(claim.value)
            return (SG.date, [literal]) if literal else (SG.dateText, [Literal(claim.value.text)])
        if claim.relation == "place":
            return SG.place, [self.corpus.iri(claim.object)]
        term = (
            self.vocabulary.roles.get(claim.relation) or self.vocabulary.relations[claim.relation]
        )
        if claim.object is not None:
            return term, [self.corpus.iri(claim.object)]
        if isinstance(claim.value, PartialDate):
            return term, [date_literal(claim.value)]
        if isinstance(claim.value, int):
            return term, [Literal(claim.value)]
        return term, [Literal(str(claim.value))]

    def _predicates(self, relation: str, predicate: URIRef) -> list[URIRef]:
        if relation == "type":
            return [RDF.type]
        return self.vocabulary.superproperties(predicate)

    def _quote(self, claim: Claim) -> Span:
        """The words that state this claim among its evidence: the first quote that names its
        object (a mention of it, or the year of a date), else the first quote. An event's
        place or participant claims share the event's quotes; this picks the one that says
        where or who, not the event's first sentence."""
        spans = [e.span for e in claim.evidence]
        if claim.object is not None:
            named = self._mentioned(claim.object)
            for span in spans:
                if any(
                    m.source == span.source and span.start <= m.start and m.end <= span.end
                    for m in named
                ):
                    return span
        elif isinstance(claim.value, PartialDate):
            year = claim.value.text[:4]
            for span in spans:
                if year in span.exact:
                    return span
        return spans[0]

    def _mentioned(self, entity_id: str) -> list[Span]:
        if not hasattr(self, "_mentions"):
            self._mentions: dict[str, list[Span]] = {}
            for mention in self.corpus.annotations.mentions:
                self._mentions.setdefault(mention.entity, []).append(mention.span)
        return self._mentions.get(entity_id, [])

    def _symmetric(self, terms: list[URIRef]) -> list[URIRef]:
        """The terms a fact holds in from its object's side too: each symmetric property it
        falls under (friendOf, associatedWith) and that property's own superproperties, so
        that "who is associated with Umansky?" finds the pair stored the other way."""
        found: list[URIRef] = []
        for term in terms:
            if self.vocabulary.is_symmetric(term):
                found += [t for t in self.vocabulary.superproperties(term) if t not in found]
        return found

    def _claim_label(self, claim: Claim, predicate: URIRef) -> str:
        entities = self.corpus.annotations.entities
        subject = entities[claim.subject].name
        if claim.relation == "type":
            kind = self.vocabulary.label(self.vocabulary.event_types[claim.object])
            return f"{subject} — is a — {kind}"
        target = entities[claim.object].name if claim.object else _value_text(claim.value)
        return f"{subject} — {self.vocabulary.label(predicate)} — {target}"

    def derived_bounds(self) -> None:
        """Bounds for the events the text does not date, marked inferred and linked to the
        claims they come from (sg:boundsInferredFrom):

        - a date from general knowledge (its own claim, with its reference) bounds its event;
        - an event the text places during, after or before another, or as part of another
          event, takes bounds from that event's date, general-knowledge date or own derived
          bounds, through chains of such relations.

        The text's own dates always win: an event with a date gets no derived bounds; a date
        from general knowledge wins over relative times."""
        for event_id, (earliest, latest, sources) in event_bounds(
            self.corpus.annotations, self.best_rank
        ).items():
            node = self.corpus.iri(event_id)
            if earliest is not None:
                self.add((node, SG.earliest, Literal(earliest)))
            if latest is not None:
                self.add((node, SG.latest, Literal(latest)))
            self.add((node, SG.boundsCertainty, SG.Inferred))
            for source in sources:
                self.add((node, SG.boundsInferredFrom, ID[f"claim/{source}"]))


def _value_text(value: object) -> str:
    return value.text if isinstance(value, PartialDate) else str(value)
