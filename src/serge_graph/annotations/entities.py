"""Entities (and the entity side of events): ids, types, names and aliases, spelling
corrections, and every mention of them in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..model import SUGGESTED, Certainty, Correction, Entity, Mention, Where
from ..namespaces import SG
from ..source import fold
from .checks import FieldChecks
from .hints import did_you_mean, nearest_hint
from .yaml_lines import LinedDict, LinedList, value_line

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ENTITY_KEYS = (
    *("id", "type", "name", "aliases", "description", "corrections", "implicit", "note"),
    "status",
    "implied_names",
    *("evidence", "sentence"),  # where a suggested entity stands (checked in worklist.py)
)
_ALIAS_KEYS = ("name", "language", "status", "evidence")
ALIAS_ITEM_KEYS = ("entity", *_ALIAS_KEYS)  # the top-level aliases: section
EVENT_KEYS = (*_ENTITY_KEYS, "date", "place", "participants", "certainty", "reason")
_CORRECTION_KEYS = ("text_form", "correct_form", "origin", "note", "reference")
_DESCRIBED_TYPES = (SG.Person, SG.Organisation)


class EntityReader(FieldChecks):
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
        self._unknown_keys(raw, file, EVENT_KEYS if is_event else _ENTITY_KEYS, kind)
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
                value_line(raw["id"], raw.line),
                f"id {entity_id!r} is not a slug",
                "use lower-case letters and digits joined by single hyphens, e.g. andres-nin "
                "(a double hyphen is kept for claim ids: subject--relation--object)",
            )
        types = self.vocabulary.event_types if is_event else self.vocabulary.entity_types
        type_name = str(raw["type"])
        if type_name not in types:
            self.problem(
                file,
                value_line(raw["type"], raw.line),
                f"unknown {kind} type {type_name!r}",
                did_you_mean(type_name, types) or "types: " + ", ".join(sorted(types)),
            )
        aliases = list(self._aliases(raw.get("aliases"), file, raw.line, entity_id))
        return Entity(
            id=entity_id,
            type=type_name,
            name=str(raw["name"]),
            aliases=tuple(name for name, _ in aliases),
            alias_languages=tuple((name, language) for name, language in aliases if language),
            status=self._status(raw, file, kind),
            description=str(raw.get("description") or ""),
            where=Where(file, raw.line),
            corrections=tuple(self._corrections(raw.get("corrections"), file, raw.line)),
            implicit=str(raw.get("implicit") or ""),
            note=str(raw.get("note") or ""),
            is_event=is_event,
            implied_names=tuple(self._implied_names(raw.get("implied_names"), file, raw.line)),
        )

    def _aliases(
        self, raw: object, file: str, line: int, entity_id: str
    ) -> Iterator[tuple[str, str]]:
        """aliases: [Serge, {name: Víctor Serge, language: es}]: (name, language) pairs; an
        alias marked status: suggested is remembered as such."""
        if raw is None:
            return
        if not isinstance(raw, LinedList):
            raw = [raw]
        for item in raw:
            if isinstance(item, str):
                yield str(item), ""
                continue
            if not isinstance(item, LinedDict) or not str(item.get("name") or "").strip():
                self.problem(
                    file,
                    value_line(item, line),
                    "aliases must be a list of names",
                    "write aliases: [Serge, {name: Víctor Serge, language: es}]",
                )
                continue
            self._unknown_keys(item, file, _ALIAS_KEYS, "alias")
            yield self._alias_item(item, file, entity_id)

    def _alias_item(self, item: LinedDict, file: str, entity_id: str) -> tuple[str, str]:
        name = str(item["name"])
        if self._status(item, file, "alias") == SUGGESTED:
            self.suggested_aliases.add((entity_id, name))
        return name, self._language(item.get("language"), file, item.line)

    def add_aliases(self, raw_aliases: list) -> None:
        """The top-level aliases: section: names a file gives to entities defined anywhere
        (a second source names Victor Serge 'Víctor Serge'), each with its language."""
        for item, file in raw_aliases:
            self._unknown_keys(item, file, ALIAS_ITEM_KEYS, "alias")
            entity_id = self._reference(item.get("entity"), file, item.line, "entity", True)
            if entity_id is None:
                continue
            if not str(item.get("name") or "").strip():
                self.problem(file, item.line, "alias without name", "write {entity: id, name: …}")
                continue
            name, language = self._alias_item(item, file, entity_id)
            if not any(source.find_names([name]) for source in self.sources.values()):
                self.problem(
                    file,
                    value_line(item.get("name"), item.line),
                    f"alias {name!r} of {entity_id!r} does not occur in the text",
                    nearest_hint(self.sources, name)
                    + "; aliases are forms the text uses, as whole words",
                )
                continue
            entity = self.entities[entity_id]
            if name in entity.names:
                continue
            languages = entity.alias_languages + (((name, language),) if language else ())
            self.entities[entity_id] = replace(
                entity, aliases=(*entity.aliases, name), alias_languages=languages
            )

    def _implied_names(self, raw: object, file: str, line: int) -> Iterator[tuple[str, str]]:
        """implied_names: [{name: the war, reason: …}]: words that stand for the entity only in
        context; each mention they make is marked implied, with the reason."""
        if raw is None:
            return
        items = raw if isinstance(raw, LinedList) else [raw]
        for item in items:
            if not isinstance(item, LinedDict) or not item.get("name") or not item.get("reason"):
                self.problem(
                    file,
                    value_line(item, line),
                    "each implied name needs a name and a reason",
                    "write implied_names: [{name: the war, reason: why the words mean it}]",
                )
                continue
            self._unknown_keys(item, file, ("name", "reason"), "implied name")
            yield str(item["name"]), str(item["reason"]).strip()

    def _corrections(self, raw: object, file: str, line: int) -> Iterator[Correction]:
        if raw is None:
            return
        if not isinstance(raw, LinedList):
            self.problem(file, value_line(raw, line), "corrections must be a list of mappings")
            return
        for item in raw:
            if not isinstance(item, LinedDict):
                self.problem(file, value_line(item, line), "each correction must be a mapping")
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
                self._reference_work(item["reference"], file, item.line)
                if item.get("reference") is not None
                else None,
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
            # a program that suggests an entity cannot describe it; its annotator must
            if needs_description and not entity.description and entity.status != SUGGESTED:
                self.problem(
                    entity.where.file,
                    entity.where.line,
                    f"{entity.type.lower()} {entity.id!r} has no description",
                    "add description: one sentence from what the text says",
                )

    def _check_names(self, entity: Entity) -> None:
        found_any = False
        for name in entity.names:
            if any(source.has_name(name) for source in self.sources.values()):
                found_any = True
            # an alias from the aliases: section was found there, so it is never reported here
            elif name != entity.name:
                self.problem(
                    entity.where.file,
                    entity.where.line,
                    f"alias {name!r} of {entity.id!r} does not occur in the text",
                    nearest_hint(self.sources, name)
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

    def find_mentions(self) -> list[Mention]:
        """Mentions of entities, then of events: an event named in the text ("the Spanish
        Civil War", "the order for the arrest of Lenin") must not hide the entities in it."""
        mentions = []
        for events in (False, True):
            owner, status, implied = {}, {}, {}
            for entity in self.entities.values():
                if entity.is_event == events:
                    for name in entity.names:
                        key = fold(name).strip()
                        owner.setdefault(key, entity.id)
                        if owner[key] == entity.id and (
                            entity.status or (entity.id, name) in self.suggested_aliases
                        ):
                            status.setdefault(key, SUGGESTED)
                    for words, why in entity.implied_names:
                        implied[fold(words).strip()] = Certainty("implied", why)
            for source in self.sources.values():
                for name, occurrence in source.find_names(owner):
                    span = source.span(occurrence)
                    mentions.append(
                        Mention(owner[name], span, status.get(name, ""), implied.get(name))
                    )
        return sorted(mentions, key=lambda m: (m.span.source, m.span.start, m.span.end))
