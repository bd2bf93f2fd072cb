"""An event's facts as claims (its type by each speaker, its date, place and participants),
and the one way every claim is added: its speaker from where its first quote stands."""

from __future__ import annotations

from ..model import GENERAL_KNOWLEDGE, Claim, Event
from .checks import FieldChecks


class EventClaimReader(FieldChecks):
    """The claims an event makes, and the claim added with its default speaker."""

    def _event_claims(self, event: Event) -> None:
        """An event's facts as claims. Told by several speakers (its quotes stand in parts
        with different speakers), it gets one type claim per speaker; its date, place and
        participants are the first speaker's unless a participant brings its own quote."""
        where = event.entity.where
        if not event.evidence:
            return
        accounts = self._by_speaker(event.evidence)
        first = accounts[0]
        for evidence in accounts:
            self._add_claim(
                event.id,
                "type",
                event.entity.type,
                None,
                evidence,
                where,
                certainty=event.certainty,
                status=event.entity.status,
            )
        if event.date is not None and event.date_reference is not None:
            self.claims.append(self._general_knowledge_date_claim(event))
        elif event.date is not None:
            self._add_claim(
                event.id,
                "date",
                None,
                event.date,
                first,
                where,
                certainty=event.date_certainty,
                **event.date_ranking,
                status=event.entity.status,
            )
        if event.place:
            self._add_claim(
                event.id,
                "place",
                event.place,
                None,
                first,
                where,
                certainty=event.place_certainty,
                status=event.entity.status,
            )
        for participant in event.participants:
            self._add_claim(
                event.id,
                participant.role,
                participant.entity,
                None,
                participant.evidence or first,
                participant.where,
                certainty=participant.certainty,
                status=event.entity.status,
            )

    def _general_knowledge_date_claim(self, event: Event) -> Claim:
        """An event's date from general knowledge: no quote (the text does not give it), the
        speaker general knowledge, the work consulted as reference, certainty inferred."""
        return Claim(
            id="",
            subject=event.id,
            relation="date",
            object=None,
            value=event.date,
            evidence=(),
            speaker=GENERAL_KNOWLEDGE,
            where=event.entity.where,
            certainty=event.date_certainty,
            reference=event.date_reference,
            status=event.entity.status,  # a suggested event's date is suggested with it
        )

    def _by_speaker(self, evidence: tuple) -> list[tuple]:
        """The quotes grouped by the speaker of the part they stand in, in first-quote order."""
        groups: dict[str, list] = {}
        for item in evidence:
            groups.setdefault(self._part_speaker(item), []).append(item)
        return [tuple(group) for group in groups.values()]

    def _add_claim(
        self,
        subject,
        relation,
        obj,
        value,
        evidence,
        where,
        *,
        speaker=None,
        quoted_from=None,
        date=None,
        as_=None,
        note="",
        certainty=None,
        **ranking,
    ) -> None:
        default_speaker = self._part_speaker(evidence[0])
        self.claims.append(
            Claim(
                id="",
                subject=subject,
                relation=relation,
                object=obj,
                value=value,
                evidence=tuple(evidence),
                speaker=speaker or default_speaker,
                where=where,
                reported_by=default_speaker if speaker and speaker != default_speaker else None,
                quoted_from=quoted_from,
                date=date,
                as_=as_,
                note=note,
                certainty=certainty,
                **ranking,
            )
        )
