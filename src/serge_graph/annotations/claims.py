"""Claims: one fact with its evidence and speaker, from the claims: lists and from events."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import replace

from ..model import GENERAL_KNOWLEDGE, Certainty, Claim, PartialDate, Where
from .event_claims import EventClaimReader
from .hints import did_you_mean
from .yaml_lines import LinedDict, value_line

_CLAIM_KEYS = (
    *("subject", "relation", "object", "value", "evidence", "speaker"),
    *("quoted_from", "date", "as", "note", "certainty", "reason"),
    *("rank", "rank_reason", "correction"),
    *("supports", "disputes", "reports", "spoken_at"),
    *("status", "reference"),
)


class ClaimReader(EventClaimReader):
    """The claims: lists read and checked, with the claims of every event."""

    def build_claims(self) -> None:
        for event in self.events.values():
            self._event_claims(event)
        for raw, file in self.raw_claims:
            self._claim(raw, file)
        self._check_duplicates()

    def _about(self, raw: LinedDict, file: str):
        """supports:, disputes:, reports: name other claims by id (checked once all are
        numbered: see check_claim_links)."""
        for link in ABOUT_LINKS:
            for target in self._string_list(raw.get(link), file, raw.line, link):
                yield link, target

    def _spoken_at(self, raw: LinedDict, file: str) -> str | None:
        event = self._reference(raw.get("spoken_at"), file, raw.line, "spoken_at")
        if event and not self.entities[event].is_event:
            self.problem(
                file,
                value_line(raw.get("spoken_at"), raw.line),
                f"spoken_at {event!r} is not an event",
                "name the event (a meeting, a burial) at which the words were said",
            )
            return None
        return event

    def _check_duplicates(self) -> None:
        """One fact, many witnesses: the same speaker's same fact is one claim with several
        evidences; a second claim of it is refused, pointing at the first."""
        first: dict[tuple, Claim] = {}
        for claim in self.claims:
            key = fact_key(claim)
            earlier = first.setdefault(key, claim)
            if earlier is not claim:
                self.problem(
                    claim.where.file,
                    claim.where.line,
                    f"the same fact by the same speaker ({claim.speaker}) is already claimed "
                    f"at {earlier.where.file}:{earlier.where.line}",
                    "add this claim's quotes to that claim's evidence: one fact, many witnesses",
                )

    def _claim(self, raw: LinedDict, file: str) -> None:
        self._unknown_keys(raw, file, _CLAIM_KEYS, "claim")
        subject = self._reference(raw.get("subject"), file, raw.line, "subject", required=True)
        relation = str(raw.get("relation") or "")
        relation_ok = self._relation_ok(raw, file, subject, relation)
        if raw.get("reference") is not None:
            self._general_knowledge_claim(raw, file, subject, relation, relation_ok)
            return
        evidence = self._evidence_list(raw.get("evidence"), file, raw.line, required=True)
        target = self._claim_target(raw, file, relation if relation_ok else None)
        speaker = self._reference(raw.get("speaker"), file, raw.line, "speaker")
        if speaker and not self._is_agent(speaker):
            self.problem(
                file,
                value_line(raw.get("speaker"), raw.line),
                f"speaker {speaker!r} is not a person, group or organisation",
                "for words quoted from a work, give its author as speaker and the "
                "work as quoted_from",
            )
        quoted_from = self._reference(raw.get("quoted_from"), file, raw.line, "quoted_from")
        date = self._date(raw.get("date"), file, raw.line)
        certainty = self._certainty(raw, file, "claim")
        ranking = self._ranking(
            raw,
            file,
            "claim",
            # a correction to another relation (livedIn -> birthDate) takes that one's kind
            lambda fix, corrected: self._claim_target(
                fix, file, corrected or (relation if relation_ok else None)
            ),
            qualifier=True,
        )
        if not (subject and relation_ok and evidence and target is not None):
            return
        self._add_claim(
            subject,
            relation,
            target[0],
            target[1],
            evidence,
            Where(file, raw.line),
            speaker=speaker,
            quoted_from=quoted_from,
            date=date,
            as_=str(raw["as"]) if raw.get("as") else None,
            note=str(raw.get("note") or ""),
            certainty=certainty,
            about=tuple(self._about(raw, file)),
            spoken_at=self._spoken_at(raw, file),
            status=self._status(raw, file, "claim"),
            **ranking,
        )

    def _general_knowledge_claim(self, raw, file, subject, relation, relation_ok) -> None:
        """A fact the text does not state but needs beside it (the GPU became part of the NKVD),
        said by general knowledge: reference: instead of evidence:, certainty inferred with its
        reason, never ranked against the text; its date: qualifier says when it held."""
        speaker = str(raw.get("speaker") or GENERAL_KNOWLEDGE)
        if speaker != GENERAL_KNOWLEDGE or raw.get("evidence") is not None:
            self.problem(
                file,
                value_line(raw.get("reference"), raw.line),
                "a claim with reference: is said by general knowledge and quotes no text",
                f"drop evidence: and speaker: (or write speaker: {GENERAL_KNOWLEDGE}); a claim "
                "of the text gives its quotes under evidence: without reference:",
            )
            return
        certainty = self._certainty(raw, file, "claim by general knowledge")
        if certainty is not None and certainty.level != "inferred":
            self.problem(
                file,
                value_line(raw.get("certainty"), raw.line),
                f"a claim by general knowledge is {certainty.level}",
                "write certainty: inferred, with reason: naming the work consulted",
            )
            return
        if raw.get("rank") is not None:
            self.problem(
                file,
                value_line(raw.get("rank"), raw.line),
                "a claim by general knowledge has no rank: of its own",
                "rank and correct the text's claims; general knowledge is the correction",
            )
            return
        reference = self._reference_work(
            raw["reference"], file, raw.line, "a claim by general knowledge"
        )
        target = self._claim_target(raw, file, relation if relation_ok else None)
        date = self._date(raw.get("date"), file, raw.line)
        if not (subject and relation_ok and target is not None and certainty and reference):
            return
        self.claims.append(
            Claim(
                id="",
                subject=subject,
                relation=relation,
                object=target[0],
                value=target[1],
                evidence=(),
                speaker=GENERAL_KNOWLEDGE,
                where=Where(file, raw.line),
                date=date,
                as_=str(raw["as"]) if raw.get("as") else None,
                note=str(raw.get("note") or ""),
                certainty=certainty,
                reference=reference,
                status=self._status(raw, file, "claim"),
            )
        )

    def _relation_ok(self, raw: LinedDict, file: str, subject: str | None, relation: str) -> bool:
        """A relation of the vocabulary; on an event, also its date, its place or a
        participant's role, as the event's own fields give them: so a second source can
        tell an event that another file defines, with its own date, place or participants."""
        if relation in self.vocabulary.relations:
            return True
        event = subject is not None and self.entities[subject].is_event
        if event and relation in EVENT_FIELDS + tuple(self.vocabulary.roles):
            return True
        if not relation:
            self.problem(file, raw.line, "claim without relation", "add relation: authorOf, …")
            return False
        line = value_line(raw["relation"], raw.line)
        fields = EVENT_FIELDS + tuple(self.vocabulary.roles)
        if relation in fields:
            self.problem(
                file,
                line,
                f"relation {relation!r} tells an event, and {subject!r} is not one",
                "an event's date, place and participants (roles) take an event as subject; "
                "see `serge-graph vocabulary` for the relations between entities",
            )
            return False
        names = {**self.vocabulary.relations, **dict.fromkeys(fields)} if event else None
        self.problem(
            file,
            line,
            f"unknown relation {relation!r}",
            did_you_mean(relation, names or self.vocabulary.relations)
            or (
                f"{subject!r} is an event: tell its date (value:), place (object:) or a "
                "participant (relation: a role, e.g. victim; object:)"
                if event
                else "see `serge-graph vocabulary` for the relations"
            ),
        )
        return False

    def _claim_target(self, raw: LinedDict, file: str, relation: str | None):
        has_object, has_value = raw.get("object") is not None, raw.get("value") is not None
        if has_object == has_value:
            self.problem(
                file,
                raw.line,
                "a claim needs exactly one of object and value",
                "object: an entity id; value: a date, text or number",
            )
            return None
        kind = _EVENT_KINDS.get(relation or "") or (
            self.vocabulary.value_kind(relation)
            if relation in self.vocabulary.relations
            else "entity"
            if relation
            else None
        )
        if has_object:
            if kind and kind != "entity":
                self.problem(
                    file,
                    value_line(raw["object"], raw.line),
                    f"relation {relation!r} takes a value ({kind}), not an object",
                    "write value: instead of object:",
                )
                return None
            target = self._reference(raw["object"], file, raw.line, "object", required=True)
            return (target, None) if target else None
        return self._claim_value(raw["value"], file, raw.line, relation, kind)

    def _claim_value(self, raw, file, line, relation, kind):
        if kind == "entity":
            self.problem(
                file,
                value_line(raw, line),
                f"relation {relation!r} takes an object (an id)",
                "write object: some-id instead of value:",
            )
            return None
        text = str(raw)
        if kind == "date":
            date = self._date(raw, file, line)
            if date is not None and date.precision == "range":
                self.problem(
                    file,
                    value_line(raw, line),
                    f"{relation} value {text!r} is a range",
                    "a value is one date; put a range in the claim's date: qualifier",
                )
                return None
            return (None, date) if date else None
        if kind == "number":
            if not re.fullmatch(r"\d+", text.replace(",", "")):
                self.problem(
                    file, value_line(raw, line), f"{relation} value {text!r} is not a number"
                )
                return None
            return None, int(text.replace(",", ""))
        return None, text


ABOUT_LINKS = ("supports", "disputes", "reports")
EVENT_FIELDS = ("date", "place")  # an event's fields a claim may give, beside its roles
_EVENT_KINDS = {"date": "date", "place": "entity"}


def check_claim_links(claims: tuple[Claim, ...], problem) -> None:
    """Every claim a claim supports, disputes or reports exists (ids as numbered)."""
    ids = [claim.id for claim in claims]
    for claim in claims:
        for link, target in claim.about:
            if target not in ids:
                close = difflib.get_close_matches(target, ids, n=1, cutoff=0.6)
                problem(
                    claim.where.file,
                    claim.where.line,
                    f"{link}: no claim {target!r}",
                    f"did you mean {close[0]!r}?"
                    if close
                    else "claim ids are listed by "
                    "`serge-graph query --saved claims-by-speaker`; see docs/annotations.md",
                )


def fact_key(claim: Claim) -> tuple:
    """What makes two claims the same fact told by the same speaker."""
    value = claim.value.text if isinstance(claim.value, PartialDate) else claim.value
    date = claim.date.text if claim.date else None
    target = (claim.subject, claim.relation, claim.object, value)
    return (*target, claim.speaker, claim.quoted_from, date, claim.as_)


def number_claims(groups: list[list[Claim]]) -> tuple[Claim, ...]:
    """Give each claim a readable, stable id: subject--relation--object, numbered if repeated.

    Claims come in groups (one for each source, in the order of sources.yaml, and the
    suggested ones last): each group's claims, then the corrections of its claims, are
    numbered after every group before it, so a source added later never takes an id
    that a claim of an earlier source (or its correction) had.
    """
    seen: dict[str, int] = defaultdict(int)
    numbered: list[Claim] = []
    corrections: list[Claim] = []
    for group in groups:
        ids = []
        for claim in group:
            target = claim.object or slug(
                claim.value.text if isinstance(claim.value, PartialDate) else str(claim.value)
            )
            base = f"{claim.subject}--{claim.relation}--{target}"
            seen[base] += 1
            ids.append(_replace_id(claim, base if seen[base] == 1 else f"{base}--{seen[base]}"))
        numbered += ids
        corrections += _corrections_of(ids, seen)
    return tuple(numbered) + tuple(corrections)


def _corrections_of(claims: list[Claim], seen: dict[str, int]) -> tuple[Claim, ...]:
    """One claim by general knowledge, ranked preferred, for each deprecated claim.

    Numbered after every claim of its source, so adding a correction never renumbers
    (and so never renames) a claim of that text.
    """
    corrections = []
    for claim in claims:
        fix = claim.correction
        if fix is None:
            continue
        if fix.dates:  # the date qualifier alone is wrong: the fact stands
            fix = replace(fix, object=claim.object, value=claim.value)
        target = fix.object or slug(
            fix.value.text if isinstance(fix.value, PartialDate) else str(fix.value)
        )
        relation = fix.relation or claim.relation
        base = f"{claim.subject}--{relation}--{target}"
        for date in fix.dates or (None,):
            seen[base] += 1
            claim_id = base if seen[base] == 1 else f"{base}--{seen[base]}"
            corrections.append(_correction(claim, fix, claim_id, relation, date))
    return tuple(corrections)


def _correction(claim: Claim, fix, claim_id: str, relation: str, date) -> Claim:
    """The claim by general knowledge that puts a deprecated claim right; a correction of the
    date alone keeps the claim's office (as:) with the right date."""
    return Claim(
        id=claim_id,
        subject=claim.subject,
        relation=relation,
        object=fix.object,
        value=fix.value,
        evidence=(),
        speaker=GENERAL_KNOWLEDGE,
        where=claim.where,
        note=fix.note,
        date=date,
        as_=claim.as_ if date is not None else None,
        certainty=_general_knowledge(fix.reference),
        rank="preferred",
        corrects=claim.id,
        reference=fix.reference,
        status=claim.status,
    )


def _general_knowledge(reference) -> Certainty:
    """A correction is never what the text states: general knowledge is inferred by the
    ontology's own rule (sg:Inferred), its reason naming the work consulted."""
    work = f" ({reference.title})" if reference is not None else ""
    return Certainty("inferred", f"general knowledge, not the text: from the work consulted{work}")


def _replace_id(claim: Claim, claim_id: str) -> Claim:
    return replace(claim, id=claim_id)


def slug(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "value"
