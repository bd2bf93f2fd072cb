"""YAML annotations -> validated model. Every problem is collected with its file and line.

The loader never stops at the first problem: it reports all of them together
in one AnnotationError, each with a hint, so a curator can fix a file in one
pass.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import yaml

from .errors import AnnotationError, Problem
from .model import (
    Annotations,
    Claim,
    Correction,
    Entity,
    Event,
    Evidence,
    IgnoredName,
    Mention,
    PartialDate,
    Participant,
    Where,
)
from .namespaces import SG
from .source import Source, fold
from .vocabulary import Vocabulary

IGNORE_FILE = "ignore.yaml"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP_KEYS = ("entities", "events", "claims")
_ENTITY_KEYS = ("id", "type", "name", "aliases", "description", "corrections", "implicit", "note")
_EVENT_KEYS = (*_ENTITY_KEYS, "date", "place", "participants", "evidence")
_CLAIM_KEYS = (
    *("subject", "relation", "object", "value", "evidence", "speaker"),
    *("quoted_from", "date", "as", "note"),
)
_PARTICIPANT_KEYS = ("entity", "role", "evidence")
_EVIDENCE_KEYS = ("quote", "occurrence", "source")
_CORRECTION_KEYS = ("text_form", "correct_form", "origin", "note")
_DATE_HINT = "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944"
_DESCRIBED_TYPES = (SG.Person, SG.Organisation)


# --- YAML with line numbers -------------------------------------------------


class LinedStr(str):
    line: int


class LinedDict(dict):
    line: int
    key_lines: dict[str, int]


class LinedList(list):
    line: int


def read_yaml(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Parse a YAML file keeping the line of every value; scalars stay strings.

    Scalars are not typed by YAML (so `1947-11-17` stays text and `NO` stays
    'NO'); the validator decides what each field means.
    """
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(display, line, f"not valid YAML: {error.problem}", _yaml_hint(error))]
    except UnicodeDecodeError as error:
        return None, [Problem(display, 1, f"not UTF-8 text: {error}", "save the file as UTF-8")]
    problems: list[Problem] = []
    return (_convert(root, display, problems) if root is not None else None), problems


def _yaml_hint(error: yaml.MarkedYAMLError) -> str:
    if "mapping values" in str(error.problem):
        return "a value containing ': ' must be quoted, e.g. quote: \"He wrote: ‘…’\""
    return "check indentation and quoting around this line"


def _convert(node: yaml.Node, display: str, problems: list[Problem]) -> object:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = LinedDict()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                problems.append(
                    Problem(display, key_node.start_mark.line + 1, f"key {key!r} appears twice")
                )
            result[key] = _convert(value_node, display, problems)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LinedList(_convert(item, display, problems) for item in node.value)
        items.line = line
        return items
    if node.tag.endswith(":null") and node.style is None and node.value in ("", "~", "null"):
        return None
    text = LinedStr(node.value)
    text.line = line
    return text


def _line(value: object, default: int) -> int:
    return getattr(value, "line", default)


# --- the loader --------------------------------------------------------------


class _Loader:
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

    def problem(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, message, hint))

    # reading ------------------------------------------------------------

    def read_file(self, path: Path) -> None:
        display = self._display(path)
        data, problems = read_yaml(path, display)
        self.problems.extend(problems)
        if data is None:
            return
        if not isinstance(data, LinedDict):
            self.problem(display, _line(data, 1), "the file must be a mapping", _top_hint())
            return
        for key, value in data.items():
            if key not in _TOP_KEYS:
                self.problem(
                    display,
                    data.key_lines[key],
                    f"unknown section {key!r}",
                    _did_you_mean(key, _TOP_KEYS) or _top_hint(),
                )
                continue
            if not isinstance(value, LinedList):
                self.problem(display, data.key_lines[key], f"{key!r} must be a list")
                continue
            for item in value:
                if not isinstance(item, LinedDict):
                    self.problem(
                        display, _line(item, value.line), f"each of {key} must be a mapping"
                    )
                elif key == "claims":
                    self.raw_claims.append((item, display))
                else:
                    self.raw_entities.append((item, display, key == "events"))

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    # entities and events ------------------------------------------------------

    def register_entities(self) -> None:
        first_seen: dict[str, Where] = {}
        for raw, file, is_event in self.raw_entities:
            entity = self._entity(raw, file, is_event)
            if entity is None:
                continue
            if entity.id in first_seen:
                earlier = first_seen[entity.id]
                self.problem(
                    file,
                    raw.line,
                    f"id {entity.id!r} is defined twice",
                    f"first defined at {earlier.file}:{earlier.line}; "
                    "keep one definition and reference it by id",
                )
                continue
            first_seen[entity.id] = entity.where
            self.entities[entity.id] = entity

    def _entity(self, raw: LinedDict, file: str, is_event: bool) -> Entity | None:
        kind = "event" if is_event else "entity"
        self._unknown_keys(raw, file, _EVENT_KEYS if is_event else _ENTITY_KEYS, kind)
        missing = [k for k in ("id", "type", "name") if not raw.get(k)]
        if missing:
            self.problem(
                file,
                raw.line,
                f"{kind} without {', '.join(missing)}",
                f"every {kind} needs id, type and name",
            )
            return None
        entity_id = str(raw["id"])
        if not _SLUG.match(entity_id):
            self.problem(
                file,
                _line(raw["id"], raw.line),
                f"id {entity_id!r} is not a slug",
                "use lower-case letters, digits and single hyphens, e.g. andres-nin",
            )
        types = self.vocabulary.event_types if is_event else self.vocabulary.entity_types
        type_name = str(raw["type"])
        if type_name not in types:
            self.problem(
                file,
                _line(raw["type"], raw.line),
                f"unknown {kind} type {type_name!r}",
                _did_you_mean(type_name, types) or "types: " + ", ".join(sorted(types)),
            )
        aliases = self._string_list(raw.get("aliases"), file, raw.line, "aliases")
        return Entity(
            id=entity_id,
            type=type_name,
            name=str(raw["name"]),
            aliases=tuple(aliases),
            description=str(raw.get("description") or ""),
            where=Where(file, raw.line),
            corrections=tuple(self._corrections(raw.get("corrections"), file, raw.line)),
            implicit=str(raw.get("implicit") or ""),
            note=str(raw.get("note") or ""),
            is_event=is_event,
        )

    def _corrections(self, raw: object, file: str, line: int) -> Iterator[Correction]:
        if raw is None:
            return
        if not isinstance(raw, LinedList):
            self.problem(file, _line(raw, line), "corrections must be a list of mappings")
            return
        for item in raw:
            if not isinstance(item, LinedDict):
                self.problem(file, _line(item, line), "each correction must be a mapping")
                continue
            self._unknown_keys(item, file, _CORRECTION_KEYS, "correction")
            missing = [k for k in ("text_form", "correct_form", "origin") if not item.get(k)]
            if missing:
                self.problem(
                    file,
                    item.line,
                    f"correction without {', '.join(missing)}",
                    "a correction says the text's form, the correct form and where "
                    "the correction comes from (origin: general knowledge)",
                )
                continue
            yield Correction(
                str(item["text_form"]),
                str(item["correct_form"]),
                str(item["origin"]),
                str(item.get("note") or ""),
            )

    def check_entities(self) -> None:
        alias_owner: dict[str, Entity] = {}
        for entity in self.entities.values():
            self._check_names(entity)
            for name in entity.names:
                key = fold(name)
                other = alias_owner.get(key)
                if other is not None and other.id != entity.id:
                    self.problem(
                        entity.where.file,
                        entity.where.line,
                        f"name {name!r} of {entity.id!r} is also a name of {other.id!r}",
                        f"({other.where.file}:{other.where.line}); a name must point "
                        "to one entity: keep it on the one the text means",
                    )
                alias_owner.setdefault(key, entity)
            needs_description = any(self.vocabulary.is_a(entity.type, t) for t in _DESCRIBED_TYPES)
            if needs_description and not entity.description:
                self.problem(
                    entity.where.file,
                    entity.where.line,
                    f"{entity.type.lower()} {entity.id!r} has no description",
                    "add description: one sentence from what the text says",
                )

    def _check_names(self, entity: Entity) -> None:
        found_any = False
        for name in entity.names:
            if any(source.find_names([name]) for source in self.sources.values()):
                found_any = True
            elif name != entity.name:
                self.problem(
                    entity.where.file,
                    entity.where.line,
                    f"alias {name!r} of {entity.id!r} does not occur in the text",
                    _nearest_hint(self.sources, name)
                    + "; aliases are forms the text uses, as whole words",
                )
        # An event is named by its annotator ("murder of Andrés Nin"), rarely by the text.
        if not found_any and not entity.implicit and not entity.is_event:
            self.problem(
                entity.where.file,
                entity.where.line,
                f"{entity.id!r}: neither its name nor any alias occurs in the text",
                "add the form the text uses as an alias, or say why it is never "
                "named with implicit: '…'",
            )
        for correction in entity.corrections:
            if not any(correction.text_form in alias for alias in entity.aliases):
                self.problem(
                    entity.where.file,
                    entity.where.line,
                    f"correction's text_form {correction.text_form!r} is in no alias "
                    f"of {entity.id!r}",
                    "list the text's form under aliases",
                )

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
            self.problem(file, _line(raw, line), "participants must be a list")
            return
        for item in raw:
            if not isinstance(item, LinedDict):
                self.problem(
                    file,
                    _line(item, line),
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
                    _line(item.get("role"), item.line),
                    f"unknown role {role!r}",
                    _did_you_mean(role, self.vocabulary.roles)
                    or "roles: " + ", ".join(sorted(self.vocabulary.roles)),
                )
            evidence = self._evidence_list(item.get("evidence"), file, item.line, required=False)
            if entity:
                yield Participant(entity, role, tuple(evidence), Where(file, item.line))

    # claims -------------------------------------------------------------------

    def build_claims(self) -> None:
        for event in self.events.values():
            self._event_claims(event)
        for raw, file in self.raw_claims:
            self._claim(raw, file)

    def _event_claims(self, event: Event) -> None:
        where = event.entity.where
        if not event.evidence:
            return
        self._add_claim(event.id, "type", event.entity.type, None, event.evidence, where)
        if event.date is not None:
            self._add_claim(event.id, "date", None, event.date, event.evidence, where)
        if event.place:
            self._add_claim(event.id, "place", event.place, None, event.evidence, where)
        for participant in event.participants:
            evidence = participant.evidence or event.evidence
            self._add_claim(
                event.id, participant.role, participant.entity, None, evidence, participant.where
            )

    def _claim(self, raw: LinedDict, file: str) -> None:
        self._unknown_keys(raw, file, _CLAIM_KEYS, "claim")
        subject = self._reference(raw.get("subject"), file, raw.line, "subject", required=True)
        relation = str(raw.get("relation") or "")
        relation_ok = relation in self.vocabulary.relations
        if not relation:
            self.problem(file, raw.line, "claim without relation", "add relation: authorOf, …")
        elif not relation_ok:
            self.problem(
                file,
                _line(raw["relation"], raw.line),
                f"unknown relation {relation!r}",
                _did_you_mean(relation, self.vocabulary.relations)
                or "see `serge-graph vocabulary` for the relations",
            )
        evidence = self._evidence_list(raw.get("evidence"), file, raw.line, required=True)
        target = self._claim_target(raw, file, relation if relation_ok else None)
        speaker = self._reference(raw.get("speaker"), file, raw.line, "speaker")
        if speaker and not self._is_agent(speaker):
            self.problem(
                file,
                _line(raw.get("speaker"), raw.line),
                f"speaker {speaker!r} is not a person, group or organisation",
                "for words quoted from a work, give its author as speaker and the "
                "work as quoted_from",
            )
        quoted_from = self._reference(raw.get("quoted_from"), file, raw.line, "quoted_from")
        date = self._date(raw.get("date"), file, raw.line)
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
        )

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
        kind = self.vocabulary.value_kind(relation) if relation else None
        if has_object:
            if kind and kind != "entity":
                self.problem(
                    file,
                    _line(raw["object"], raw.line),
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
                _line(raw, line),
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
                    _line(raw, line),
                    f"{relation} value {text!r} is a range",
                    "a value is one date; put a range in the claim's date: qualifier",
                )
                return None
            return (None, date) if date else None
        if kind == "number":
            if not re.fullmatch(r"\d+", text.replace(",", "")):
                self.problem(file, _line(raw, line), f"{relation} value {text!r} is not a number")
                return None
            return None, int(text.replace(",", ""))
        return None, text

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
            )
        )

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
                _line(raw, line),
                f"unknown id {entity_id!r} in {field}",
                _did_you_mean(entity_id, self.entities)
                or "define it under entities: or events: in some file",
            )
            return None
        return entity_id

    def _date(self, raw: object, file: str, line: int) -> PartialDate | None:
        if raw is None:
            return None
        try:
            return PartialDate.parse(str(raw))
        except ValueError as error:
            self.problem(file, _line(raw, line), f"bad date: {error}", _DATE_HINT)
            return None

    def _string_list(self, raw: object, file: str, line: int, field: str) -> list[str]:
        if raw is None:
            return []
        if isinstance(raw, LinedList) and all(isinstance(x, str) for x in raw):
            return [str(x) for x in raw]
        self.problem(
            file,
            _line(raw, line),
            f"{field} must be a list of names",
            f"write {field}: [Serge, Victor Serge]",
        )
        return []

    def _unknown_keys(self, raw: LinedDict, file: str, allowed: tuple[str, ...], kind: str):
        for key in raw:
            if key not in allowed:
                self.problem(
                    file,
                    raw.key_lines[key],
                    f"unknown field {key!r} in {kind}",
                    _did_you_mean(key, allowed) or "fields: " + ", ".join(allowed),
                )

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
            evidence = self._evidence(item, file, _line(item, line))
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
        sources = (
            [self.sources[str(source_id)]]
            if source_id in self.sources
            else list(self.sources.values())
        )
        if source_id is not None and str(source_id) not in self.sources:
            self.problem(
                file,
                line,
                f"unknown source {str(source_id)!r}",
                _did_you_mean(str(source_id), self.sources) or "",
            )
            return None
        hits = [(s, o) for s in sources for o in s.find(quote)]
        short = _shorten(quote)
        if not hits:
            self.problem(
                file,
                line,
                f"quote not found in the text: “{short}”",
                _nearest_hint(self.sources, quote),
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
                    _line(occurrence, line),
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

    # ignore file and mentions ---------------------------------------------------

    def read_ignore(self, path: Path) -> list[IgnoredName]:
        if not path.is_file():
            return []
        display = self._display(path)
        data, problems = read_yaml(path, display)
        self.problems.extend(problems)
        entries = data.get("ignore") if isinstance(data, LinedDict) else None
        if data is not None and not isinstance(entries, LinedList):
            self.problem(
                display,
                _line(data, 1),
                "ignore.yaml must hold a list under 'ignore'",
                "ignore: [{name: Nevertheless, reason: sentence start}]",
            )
            return []
        ignored = []
        for item in entries or []:
            if not isinstance(item, LinedDict) or not item.get("name") or not item.get("reason"):
                self.problem(
                    display,
                    _line(item, entries.line),
                    "each ignored name needs a reason",
                    "write {name: Nevertheless, reason: sentence start}",
                )
                continue
            ignored.append(
                IgnoredName(str(item["name"]), str(item["reason"]), Where(display, item.line))
            )
        return ignored

    def find_mentions(self) -> list[Mention]:
        """Mentions of entities, then of events: an event named in the text ("the Spanish
        Civil War", "the order for the arrest of Lenin") must not hide the entities in it."""
        mentions = []
        for events in (False, True):
            owner = {}
            for entity in self.entities.values():
                if entity.is_event == events:
                    for name in entity.names:
                        owner.setdefault(fold(name).strip(), entity.id)
            for source in self.sources.values():
                for name, occurrence in source.find_names(owner):
                    mentions.append(Mention(owner[name], source.span(occurrence)))
        return sorted(mentions, key=lambda m: (m.span.source, m.span.start, m.span.end))


def _number_claims(claims: list[Claim]) -> tuple[Claim, ...]:
    """Give each claim a readable, stable id: subject--relation--object, numbered if repeated."""
    seen: dict[str, int] = defaultdict(int)
    numbered = []
    for claim in claims:
        target = claim.object or _slug(
            claim.value.text if isinstance(claim.value, PartialDate) else str(claim.value)
        )
        base = f"{claim.subject}--{claim.relation}--{target}"
        seen[base] += 1
        claim_id = base if seen[base] == 1 else f"{base}--{seen[base]}"
        numbered.append(_replace_id(claim, claim_id))
    return tuple(numbered)


def _replace_id(claim: Claim, claim_id: str) -> Claim:
    return replace(claim, id=claim_id)


def _slug(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "value"


def _shorten(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[w] for w in difflib.get_close_matches(str(word).lower(), lowered, n=3)]
    return "did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


def _nearest_hint(sources: dict[str, Source], quote: str) -> str:
    passages = [s.nearest_passage(quote) for s in sources.values()]
    passages = [p for p in passages if p]
    return "nearest passage: " + passages[0] if passages else "no similar passage in the text"


def _top_hint() -> str:
    return "a file holds the lists entities:, events: and claims: (see docs/annotations.md)"


def load_annotations(
    annotations_dir: Path, sources: dict[str, Source], vocabulary: Vocabulary
) -> Annotations:
    """Read every YAML file under annotations_dir; raise AnnotationError listing all problems."""
    loader = _Loader(sources, vocabulary, annotations_dir.parent.parent)
    files = sorted(p for p in annotations_dir.glob("*.yaml") if p.name != IGNORE_FILE)
    if not files:
        loader.problem(
            str(annotations_dir),
            0,
            "no annotation files (*.yaml)",
            "see docs/annotations.md for the format",
        )
    for path in files:
        loader.read_file(path)
    ignored = loader.read_ignore(annotations_dir / IGNORE_FILE)
    loader.register_entities()
    loader.check_entities()
    loader.build_events()
    loader.build_claims()
    _check_speakers(loader)
    if loader.problems:
        raise AnnotationError(loader.problems)
    return Annotations(
        entities=dict(loader.entities),
        events=dict(loader.events),
        claims=_number_claims(loader.claims),
        mentions=tuple(loader.find_mentions()),
        ignored=tuple(ignored),
    )


def _line_of(path: Path, text: str) -> int:
    """The first line of a file that contains text (1 if none), for problems outside annotations."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((number for number, line in enumerate(lines, 1) if text in line), 1)


def _check_speakers(loader: _Loader) -> None:
    for source in loader.sources.values():
        for part in source.parts:
            if part.speaker not in loader.entities:
                listing = source.path.parent / "sources.yaml"
                loader.problem(
                    loader._display(listing),
                    _line_of(listing, f"speaker: {part.speaker}"),
                    f"part {part.id!r}: speaker {part.speaker!r} is not an entity",
                    _did_you_mean(part.speaker, loader.entities)
                    or "define the speaker as an entity",
                )
