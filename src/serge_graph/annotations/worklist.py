"""The worklists `serge-graph suggest` writes beside suggested entities and aliases: the
`mentions:` and `dates:` sections, and where a suggested entity or alias stands in the
text (`evidence:`, `sentence:`). Each is checked like evidence, so a draft that no longer
matches its text is caught.

- A mention names a known entity (`entity:`), or, when its form is ambiguous, the
  `candidates:` it may be; its quote (with `occurrence:` where it repeats) must stand in
  the file's source. Confirming one (deleting its status line) needs an `entity:` whose
  names or aliases include the quote, so that the build finds it as it finds every mention.
- A date gives the phrase and the partial date it reads (`date: 1942-04`). A date is
  confirmed by writing it into a claim (`date:` or `value:`) and deleting the item:
  a date item without `status: suggested` is an error that says so.
"""

from __future__ import annotations

from ..model import SUGGESTED
from ..source import fold
from .checks import FieldChecks
from .yaml_lines import LinedDict, LinedList, value_line

MENTION_KEYS = ("entity", "candidates", "quote", "occurrence", "source", "status")
DATE_KEYS = ("quote", "occurrence", "source", "date", "sentence", "status")
WORKLISTS = ("mentions", "dates")


class WorklistReader(FieldChecks):
    def check_worklists(self) -> None:
        """Run after the entities and aliases are registered."""
        for item, file in self.raw_worklist["mentions"]:
            self._check_mention(item, file)
        for item, file in self.raw_worklist["dates"]:
            self._check_date(item, file)
        for item, file, is_event in self.raw_entities:
            if not is_event and item.get("evidence") is not None:
                self._evidence_list(item["evidence"], file, item.line, False)
        for item, file in self.raw_aliases:
            if item.get("evidence") is not None:
                self._evidence(item["evidence"], file, value_line(item["evidence"], item.line))

    def _located(self, item: LinedDict, file: str):
        quote = str(item.get("quote") or "")
        if not quote.strip():
            self.problem(file, item.line, "no quote", "give quote: the words of the text")
            return None
        return self._locate(quote, item.get("occurrence"), item.get("source"), file, item.line)

    def _check_mention(self, item: LinedDict, file: str) -> None:
        self._unknown_keys(item, file, MENTION_KEYS, "mention")
        status = self._status(item, file, "mention")
        evidence = self._located(item, file)
        candidates = item.get("candidates")
        if candidates is not None:
            if not isinstance(candidates, LinedList):
                self.problem(file, item.line, "candidates must be a list of entity ids")
            else:
                for candidate in candidates:
                    self._reference(candidate, file, item.line, "candidates")
        if item.get("entity") is None:
            if status != SUGGESTED or candidates is None:
                self.problem(
                    file,
                    item.line,
                    "a mention without entity:",
                    "choose the entity it names (entity: ID) among its candidates",
                )
            return
        entity_id = self._reference(item.get("entity"), file, item.line, "entity", True)
        if entity_id is None or evidence is None or status == SUGGESTED:
            return
        names = {fold(n).strip() for n in self.entities[entity_id].names}
        if fold(evidence.span.exact).strip() not in names:
            self.problem(
                file,
                item.line,
                f"“{evidence.span.exact}” is not a name or alias of {entity_id!r}",
                f"add it under aliases: {{entity: {entity_id}, name: {evidence.span.exact}}}",
            )

    def _check_date(self, item: LinedDict, file: str) -> None:
        self._unknown_keys(item, file, DATE_KEYS, "date")
        status = self._status(item, file, "date")
        self._located(item, file)
        if item.get("date") is None:
            self.problem(file, item.line, "a date without date:", "write date: 1942-04")
        else:
            self._date(item["date"], file, item.line)
        if status != SUGGESTED:
            self.problem(
                file,
                item.line,
                "a dates: item is only a suggestion",
                "confirm a date by writing it into a claim (date: or value:), then delete the item",
            )

    def count_worklists(self) -> dict[str, int]:
        """How many mentions and dates each file still lists as suggested."""
        counts: dict[str, int] = {}
        for section in WORKLISTS:
            for item, file in self.raw_worklist[section]:
                if str(item.get("status") or "") == SUGGESTED:
                    counts[file] = counts.get(file, 0) + 1
        return counts
