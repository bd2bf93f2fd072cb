"""The checks every kind of annotation uses: references, dates, lists of names, status and
language; evidence quotes (evidence.py) and certainty and rank (ranking.py) join them here."""

from __future__ import annotations

import re

from ..model import SUGGESTED, PartialDate, ReversedRangeError
from .evidence import EvidenceChecks
from .hints import did_you_mean
from .ranking import RankingChecks
from .yaml_lines import LinedDict, LinedList, value_line

_DATE_HINT = "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # a BCP 47 tag: es, fr, en-GB


class FieldChecks(EvidenceChecks, RankingChecks):
    """Every field check a reader of annotations uses, over the loader's shared state."""

    def _reference(self, raw: object, file: str, line: int, field: str, required=False):
        if raw is None or str(raw) == "":
            if required:
                self.problem(file, line, f"missing {field}", f"give {field}: an entity id")
            return None
        entity_id = str(raw)
        if entity_id not in self.entities:
            self.problem(
                file,
                value_line(raw, line),
                f"unknown id {entity_id!r} in {field}",
                did_you_mean(entity_id, self.entities)
                or "define it under entities: or events: in some file",
            )
            return None
        return entity_id

    def _date(self, raw: object, file: str, line: int) -> PartialDate | None:
        if raw is None:
            return None
        try:
            return PartialDate.parse(str(raw))
        except ReversedRangeError as error:
            first, _, last = str(raw).partition("/")
            hint = f"write the earlier date first: {last.strip()}/{first.strip()}"
            self.problem(file, value_line(raw, line), f"bad date: {error}", hint)
        except ValueError as error:
            self.problem(file, value_line(raw, line), f"bad date: {error}", _DATE_HINT)
            return None

    def _string_list(self, raw: object, file: str, line: int, field: str) -> list[str]:
        """A list of claim ids (a claim's supports:, disputes:, reports:)."""
        if raw is None:
            return []
        if isinstance(raw, LinedList) and all(isinstance(x, str) for x in raw):
            return [str(x) for x in raw]
        self.problem(
            file,
            value_line(raw, line),
            f"{field} must be a list of claim ids",
            f"write {field}: [victor-serge--diedIn--mexico]",
        )
        return []

    def _status(self, raw: LinedDict, file: str, kind: str) -> str:
        """status: suggested marks an item a program proposed; confirming it is deleting the
        line. No other status exists."""
        status = raw.get("status")
        if status is None:
            return ""
        if str(status) != SUGGESTED:
            self.problem(
                file,
                value_line(status, raw.line),
                f"unknown status {str(status)!r} in {kind}",
                "the only status is 'suggested'; to confirm an item, delete its status line "
                "(serge-graph confirm SOURCE ITEM does it)",
            )
            return ""
        return SUGGESTED

    def _language(self, raw: object, file: str, line: int) -> str:
        if raw is None:
            return ""
        if not _LANGUAGE.match(str(raw)):
            self.problem(
                file,
                value_line(raw, line),
                f"language {str(raw)!r} is not a language tag",
                "write a language tag such as es, fr, en or pt-BR",
            )
            return ""
        return str(raw)
