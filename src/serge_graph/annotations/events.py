"""Events: date, place, participants by role, and the evidence that tells them."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import SUGGESTED, Certainty, Event, Participant, Where
from .checks import FieldChecks
from .hints import did_you_mean
from .yaml_lines import LinedDict, LinedList, value_line

_PARTICIPANT_KEYS = ("entity", "role", "evidence", "certainty", "reason")
_QUALIFIED_KEYS = ("value", "certainty", "reason", "rank", "rank_reason", "correction")
_QUALIFIED_KEYS += ("reference",)  # a date from general knowledge: the work consulted


class EventReader(FieldChecks):
    def build_events(self) -> None:
        for raw, file, is_event in self.raw_entities:
            entity = self.entities.get(str(raw.get("id", "")))
            if not is_event or entity is None or entity.where != Where(file, raw.line):
                continue
            evidence = self._evidence_list(raw.get("evidence"), file, raw.line, required=True)
            # A suggested event (serge-graph suggest) is a name found in the text: how sure
            # and who took part are for the annotator to say when confirming it.
            suggested = entity.status == SUGGESTED
            certainty = (
                None
                if suggested and raw.get("certainty") is None
                else self._certainty(raw, file, f"event {entity.id!r}")
            )
            raw_date, date_certainty = self._qualified(raw, "date", file, certainty)
            date = self._date(raw_date, file, raw.line)
            date_ranking = {}
            if isinstance(raw.get("date"), LinedDict):
                date_ranking = self._ranking(
                    raw["date"],
                    file,
                    "the date",
                    lambda fix, _relation, file=file: self._corrected_date(fix, file),
                )
            date_reference = self._general_knowledge_date(raw, file, date_certainty)
            raw_place, place_certainty = self._qualified(raw, "place", file, certainty)
            place = self._reference(raw_place, file, raw.line, "place")
            participants = tuple(
                self._participants(raw.get("participants"), file, raw.line, certainty)
            )
            if not participants and not suggested:
                self.problem(
                    file,
                    raw.line,
                    f"event {entity.id!r} has no participants",
                    "add participants: [{entity: some-id, role: participant}]",
                )
            self.events[entity.id] = Event(
                entity,
                date,
                place,
                participants,
                tuple(evidence),
                certainty,
                date_certainty,
                place_certainty,
                date_ranking,
                date_reference,
            )

    def _general_knowledge_date(self, raw: LinedDict, file: str, certainty):
        """date: {value: …, certainty: inferred, reason: …, reference: {title:, url:}}: a date
        the text does not give, said by general knowledge (never the text's claim), so that the
        text's relative times (during, after, before it) can bound other events."""
        date = raw.get("date")
        if not isinstance(date, LinedDict) or date.get("reference") is None:
            return None
        line = date.key_lines["reference"]
        if certainty is None or certainty.level != "inferred":
            self.problem(
                file,
                line,
                "a date from general knowledge must be certainty: inferred",
                "write certainty: inferred and reason: why the date comes from outside the text",
            )
            return None
        if date.get("rank") is not None:
            self.problem(
                file,
                line,
                "a date from general knowledge has no rank",
                "rank and correction are for the text's own dates",
            )
            return None
        return self._reference_work(
            date["reference"], file, date.line, "a date from general knowledge"
        )

    def _corrected_date(self, fix: LinedDict, file: str):
        if fix.get("value") is None:
            # without this, the deprecated rank and its correction were dropped without a word
            self.problem(
                file,
                fix.line,
                "the date's correction has no value",
                "give the right date: correction: {value: 1942, reference: {title: …, url: …}}",
            )
            return None
        date = self._date(fix.get("value"), file, fix.line)
        return (None, date) if date is not None else None

    def _qualified(self, raw: LinedDict, key: str, file: str, inherited):
        """A field given plainly (date: 1942) or with its own certainty
        (date: {value: 1942, certainty: inferred, reason: …})."""
        value = raw.get(key)
        if not isinstance(value, LinedDict):
            return value, inherited
        self._unknown_keys(value, file, _QUALIFIED_KEYS, key)
        certainty = self._certainty(value, file, f"the {key}", inherited)
        return value.get("value"), certainty

    def _participants(
        self, raw: object, file: str, line: int, inherited: Certainty | None
    ) -> Iterator[Participant]:
        if raw is None:
            return
        if not isinstance(raw, LinedList):
            self.problem(file, value_line(raw, line), "participants must be a list")
            return
        for item in raw:
            if not isinstance(item, LinedDict):
                self.problem(
                    file,
                    value_line(item, line),
                    "each participant must be a mapping",
                    "write {entity: andres-nin, role: victim}",
                )
                continue
            self._unknown_keys(item, file, _PARTICIPANT_KEYS, "participant")
            entity = self._reference(item.get("entity"), file, item.line, "entity", required=True)
            role = str(item.get("role") or "participant")
            if role not in self.vocabulary.roles:
                self.problem(
                    file,
                    value_line(item.get("role"), item.line),
                    f"unknown role {role!r}",
                    did_you_mean(role, self.vocabulary.roles)
                    or "roles: " + ", ".join(sorted(self.vocabulary.roles)),
                )
            evidence = self._evidence_list(item.get("evidence"), file, item.line, required=False)
            certainty = self._certainty(item, file, f"participant {entity!r}", inherited)
            if entity:
                yield Participant(entity, role, tuple(evidence), Where(file, item.line), certainty)
