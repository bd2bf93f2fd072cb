"""How sure a claim is and how it ranks: certainty with its reason, rank, and the
correction (with the reference consulted) that a deprecated claim needs."""

from __future__ import annotations

from ..model import CERTAINTY_LEVELS, RANKS, Certainty, FactCorrection, Reference
from .hints import did_you_mean
from .state import LoaderState
from .yaml_lines import LinedDict, value_line

_CERTAINTY_HINT = (
    "add certainty: stated (the quoted words say it), or implied / inferred "
    "with reason: why the words only imply it or where it is drawn from"
)


class RankingChecks(LoaderState):
    """certainty: and reason:, rank:, rank_reason: and correction: with its reference."""

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

    def _ranking(
        self, raw: LinedDict, file: str, what: str, read_target, qualifier: bool = False
    ) -> dict:
        """rank:, rank_reason: and correction: of a claim (or of an event's date).

        A deprecated claim is one the text makes and general knowledge contradicts:
        it needs the reason and a correction giving the right value and its reference.
        read_target(mapping, relation) parses the correction's object or value as the relation
        the correction gives takes it (None: the claim's own relation). With qualifier (a
        claim, not an event's date), the correction may give date: instead, the right date of
        a fact the text gets right but dates wrongly: the fact is kept, its date corrected.
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
        keys = ("object", "value", "reference", "note", "relation", *(("date",) * qualifier))
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
        dates: tuple = ()
        if qualifier and correction.get("date") is not None:
            target, dates = self._qualifier_fix(raw, correction, file)
        else:
            target = read_target(correction, relation)
        reference = self._reference_work(correction.get("reference"), file, correction.line)
        if target is None or reference is None:
            return {}
        note = str(correction.get("note") or "")
        fix = FactCorrection(target[0], target[1], reference, note, relation, dates)
        return {"rank": rank, "rank_reason": reason, "correction": fix}

    def _qualifier_fix(self, raw: LinedDict, correction: LinedDict, file: str):
        """A correction of a claim's date qualifier alone: correction: {date: …, reference: …},
        no object, value or relation (the fact stands), and the claim must have a date. date:
        may list several dates where one span of the text was in truth several."""
        line = value_line(correction["date"], correction.line)
        if any(correction.get(key) is not None for key in ("object", "value", "relation")):
            self.problem(
                file,
                line,
                "a correction of the date gives only date: (the fact itself stands)",
                "drop object:, value: and relation:, or write a separate correction of the fact",
            )
            return None, ()
        if raw.get("date") is None:
            self.problem(
                file,
                line,
                "the correction gives a date but the claim has no date: to correct",
                "give the claim its date: as the text has it, or correct its value: instead",
            )
            return None, ()
        given = correction["date"]
        items = list(given) if isinstance(given, list) else [given]
        dates = tuple(self._date(item, file, value_line(given, correction.line)) for item in items)
        if not items or None in dates:
            if not items:
                self.problem(file, line, "correction date: is an empty list", "give a date")
            return None, ()
        return (None, None), dates
