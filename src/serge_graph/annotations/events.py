"""Events: date, place, participants by role, and the evidence that tells them."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Event, Participant, Where
from .checks import FieldChecks
from .hints import did_you_mean
from .yaml_lines import LinedDict, LinedList, value_line

_PARTICIPANT_KEYS = ("entity", "role", "evidence")


class EventReader(FieldChecks):
    def build_events(self) -> None:
        for raw, file, is_event in self.raw_entities:
            entity = self.entities.get(str(raw.get("id", "")))
            if not is_event or entity is None or entity.where != Where(file, raw.line):
                continue
            evidence = self._evidence_list(raw.get("evidence"), file, raw.line, required=True)
            date = self._date(raw.get("date"), file, raw.line)
            place = self._reference(raw.get("place"), file, raw.line, "place")
            participants = tuple(self._participants(raw.get("participants"), file, raw.line))
            if not participants:
                self.problem(
                    file,
                    raw.line,
                    f"event {entity.id!r} has no participants",
                    "add participants: [{entity: some-id, role: participant}]",
                )
            self.events[entity.id] = Event(entity, date, place, participants, tuple(evidence))

    def _participants(self, raw: object, file: str, line: int) -> Iterator[Participant]:
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
            if entity:
                yield Participant(entity, role, tuple(evidence), Where(file, item.line))
