"""The loader's shared state and the checks every kind of annotation uses: references,
dates, lists of names, unknown fields, and evidence quotes located in the text."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from ..model import (
    CERTAINTY_LEVELS,
    RANKS,
    SUGGESTED,
    Certainty,
    Claim,
    Entity,
    Event,
    Evidence,
    FactCorrection,
    PartialDate,
    Reference,
    ReversedRangeError,
    Where,
)
from ..namespaces import SG
from ..source import Source
from ..vocabulary import Vocabulary
from .hints import did_you_mean, nearest_hint, shorten
from .yaml_lines import LinedDict, LinedList, value_line

_EVIDENCE_KEYS = ("quote", "occurrence", "source")
_CERTAINTY_HINT = (
    "add certainty: stated (the quoted words say it), or implied / inferred "
    "with reason: why the words only imply it or where it is drawn from"
)
_DATE_HINT = "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # a BCP 47 tag: es, fr, en-GB


class FieldChecks:
    """What every part of the loader shares: the sources, the vocabulary, what has been
    read so far and the list of problems."""

    def __init__(self, sources: dict[str, Source], vocabulary: Vocabulary, root: Path):
        self.sources = sources
        self.vocabulary = vocabulary
        self.root = root
        self.problems: list[Problem] = []
        self.raw_entities: list[tuple[LinedDict, str, bool]] = []
        self.raw_claims: list[tuple[LinedDict, str]] = []
        self.entities: dict[str, Entity] = {}
        self.events: dict[str, Event] = {}
        self.claims: list[Claim] = []
        # the source each file's quotes are looked for in (its `source:`), else the first one
        self.file_sources: dict[str, str] = {}
        self.default_source = next(iter(sources), "")
        self.suggested_aliases: set[tuple[str, str]] = set()  # (entity id, alias)
        self.raw_aliases: list[tuple[LinedDict, str]] = []  # the top-level aliases: sections
        self.raw_worklist: dict[str, list[tuple[LinedDict, str]]] = {"mentions": [], "dates": []}

    def problem(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, message, hint))

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def source_hint(self, source_id: str) -> str:
        """The hint for a source id sources.yaml does not list: a close id, or the listed ones."""
        listed = "sources: " + ", ".join(self.sources) + " (see `serge-graph source list`)"
        return did_you_mean(source_id, self.sources) or listed

    def _part_speaker(self, evidence: Evidence) -> str:
        return self.sources[evidence.span.source].part(evidence.span.part).speaker

    def _is_agent(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and self.vocabulary.is_a(entity.type, SG.Agent)

    # shared field checks ------------------------------------------------------

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

    def _unknown_keys(self, raw: LinedDict, file: str, allowed: tuple[str, ...], kind: str):
        for key in raw:
            if key not in allowed:
                self.problem(
                    file,
                    raw.key_lines[key],
                    f"unknown field {key!r} in {kind}",
                    did_you_mean(key, allowed) or "fields: " + ", ".join(allowed),
                )

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
                "the only status is 'suggested'; to confirm an item, delete its status line",
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

    def _evidence_list(self, raw: object, file: str, line: int, required: bool) -> list[Evidence]:
        if raw is None:
            if required:
                self.problem(
                    file,
                    line,
                    "no evidence",
                    "add evidence: [the exact words of the text that state this]",
                )
            return []
        items = raw if isinstance(raw, LinedList) else [raw]
        found = []
        for item in items:
            evidence = self._evidence(item, file, value_line(item, line))
            if evidence is not None:
                found.append(evidence)
        return found

    def _evidence(self, item: object, file: str, line: int) -> Evidence | None:
        occurrence, source_id = None, None
        if isinstance(item, LinedDict):
            self._unknown_keys(item, file, _EVIDENCE_KEYS, "evidence")
            quote = str(item.get("quote") or "")
            occurrence = item.get("occurrence")
            source_id = item.get("source")
        elif isinstance(item, str):
            quote = str(item)
        else:
            self.problem(file, line, "evidence must be a quote or {quote:, occurrence:}")
            return None
        if not quote.strip():
            self.problem(file, line, "empty evidence quote")
            return None
        return self._locate(quote, occurrence, source_id, file, line)

    def _locate(self, quote, occurrence, source_id, file, line) -> Evidence | None:
        named = source_id is not None
        if not named:  # the file's source, else the first: a new source never captures a quote
            source_id = self.file_sources.get(file, self.default_source)
        sources = [self.sources[str(source_id)]] if str(source_id) in self.sources else []
        if str(source_id) not in self.sources:
            self.problem(
                file,
                line,
                f"unknown source {str(source_id)!r}",
                self.source_hint(str(source_id)),
            )
            return None
        hits = [(s, o) for s in sources for o in s.find(quote)]
        short = shorten(quote)
        if not hits:
            elsewhere = [s.id for s in self.sources.values() if s.id != source_id and s.find(quote)]
            self.problem(
                file,
                line,
                f"quote not found in the text of {source_id}: “{short}”",
                f"it stands in source {elsewhere[0]!r}: name it at the top of the file "
                f"(source: {elsewhere[0]}) or on the quote ({{quote: …, source: {elsewhere[0]}}})"
                if elsewhere
                else nearest_hint({source_id: sources[0]}, quote),
            )
            return None
        if occurrence is None and len(hits) > 1:
            where = ", ".join(s.span(o).paragraph for s, o in hits)
            self.problem(
                file,
                line,
                f"quote occurs {len(hits)} times: “{short}” ({where})",
                "lengthen the quote, or add occurrence: N (1 = first)",
            )
            return None
        index = 1
        if occurrence is not None:
            if not str(occurrence).isdigit() or not 1 <= int(str(occurrence)) <= len(hits):
                self.problem(
                    file,
                    value_line(occurrence, line),
                    f"occurrence {occurrence} of “{short}”: the text has {len(hits)}",
                    "occurrence counts from 1",
                )
                return None
            index = int(str(occurrence))
        source, found = hits[index - 1]
        span = source.span(found)
        if "\n" in span.exact.strip():
            self.problem(
                file,
                line,
                f"quote spans two paragraphs: “{short}”",
                "split it into one quote per paragraph",
            )
            return None
        return Evidence(quote=str(quote), span=span, where=Where(file, line))

    def _certainty(
        self, raw: LinedDict, file: str, what: str, inherited: Certainty | None = None
    ) -> Certainty | None:
        """The certainty written on raw (certainty:, reason:), else the inherited one."""
        level, reason = raw.get("certainty"), raw.get("reason")
        if level is None:
            if inherited is None:
                self.problem(file, raw.line, f"{what} has no certainty", _CERTAINTY_HINT)
            elif reason is not None:
                self.problem(
                    file,
                    value_line(reason, raw.line),
                    f"{what} has a reason but no certainty",
                    "write certainty: implied or inferred next to the reason",
                )
            return inherited
        level_line = value_line(level, raw.line)
        if str(level) not in CERTAINTY_LEVELS:
            self.problem(
                file,
                level_line,
                f"unknown certainty {str(level)!r}",
                did_you_mean(str(level), CERTAINTY_LEVELS) or "one of: stated, implied, inferred",
            )
            return None
        if str(level) == "stated" and reason:
            self.problem(
                file,
                value_line(reason, raw.line),
                f"{what} is stated but gives a reason",
                "a reason is for implied or inferred; put remarks under note:",
            )
        if str(level) != "stated" and not str(reason or "").strip():
            self.problem(
                file,
                level_line,
                f"{what} is {level} but gives no reason",
                "add reason: why the words only imply it or where it is drawn from",
            )
            return None
        return Certainty(str(level), str(reason or "").strip())

    def _reference_work(
        self, raw: object, file: str, line: int, what: str = "a correction"
    ) -> Reference | None:
        """A consulted work: {title: …, url: …} (the url where the work is public)."""
        if not isinstance(raw, LinedDict) or not str(raw.get("title") or "").strip():
            self.problem(
                file,
                value_line(raw, line),
                f"{what} needs reference: {{title: …, url: …}}",
                "name the work or page consulted, with its address where public",
            )
            return None
        self._unknown_keys(raw, file, ("title", "url"), "reference")
        return Reference(str(raw["title"]).strip(), str(raw.get("url") or "").strip())

    def _ranking(self, raw: LinedDict, file: str, what: str, read_target) -> dict:
        """rank:, rank_reason: and correction: of a claim (or of an event's date).

        A deprecated claim is one the text makes and general knowledge contradicts:
        it needs the reason and a correction giving the right value and its reference.
        read_target(mapping, relation) parses the correction's object or value as the relation
        the correction gives takes it (None: the claim's own relation).
        """
        rank = str(raw.get("rank") or "normal")
        reason = str(raw.get("rank_reason") or "").strip()
        correction = raw.get("correction")
        line = value_line(raw.get("rank"), raw.line)
        if rank not in RANKS:
            self.problem(
                file, line, f"unknown rank {rank!r}", did_you_mean(rank, RANKS) or ", ".join(RANKS)
            )
            return {}
        if rank != "deprecated":
            if reason or correction is not None:
                self.problem(
                    file,
                    line,
                    f"{what} has rank_reason or correction but is not deprecated",
                    "write rank: deprecated when general knowledge contradicts the text",
                )
            return {"rank": rank}
        if not reason or not isinstance(correction, LinedDict):
            self.problem(
                file,
                line,
                f"deprecated {what} needs rank_reason: and correction:",
                "say why the text is wrong and give correction: {value: …, reference: "
                "{title: …, url: …}}",
            )
            return {}
        keys = ("object", "value", "reference", "note", "relation")
        self._unknown_keys(correction, file, keys, "correction")
        relation = str(correction["relation"]) if correction.get("relation") else None
        if relation is not None and relation not in self.vocabulary.relations:
            self.problem(
                file,
                value_line(correction["relation"], correction.line),
                f"unknown relation {relation!r} in correction",
                did_you_mean(relation, self.vocabulary.relations)
                or "see `serge-graph vocabulary` for the relations",
            )
            return {}
        target = read_target(correction, relation)
        reference = self._reference_work(correction.get("reference"), file, correction.line)
        if target is None or reference is None:
            return {}
        note = str(correction.get("note") or "")
        fix = FactCorrection(target[0], target[1], reference, note, relation)
        return {"rank": rank, "rank_reason": reason, "correction": fix}
