"""Entities (and the entity side of events): ids, types, names and aliases, spelling
corrections, and every mention of them in the text."""

from __future__ import annotations

import re

from ..model import SUGGESTED, Certainty, Entity, Mention, Where
from ..namespaces import SG
from ..source import fold
from .hints import did_you_mean, nearest_hint
from .names import NameReader
from .yaml_lines import LinedDict, value_line

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ENTITY_KEYS = (
    *("id", "type", "name", "aliases", "description", "corrections", "implicit", "note"),
    "status",
    "implied_names",
    *("evidence", "sentence"),  # where a suggested entity stands (checked in worklist.py)
)
EVENT_KEYS = (*_ENTITY_KEYS, "date", "place", "participants", "certainty", "reason")
_DESCRIBED_TYPES = (SG.Person, SG.Organisation)


class EntityReader(NameReader):
    """Entities registered once each, their names checked against the text, and their
    mentions found."""

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
                    + self._twice_hint(entity, earlier),
                )
                continue
            first_seen[entity.id] = entity.where
            self.entities[entity.id] = entity

    def _twice_hint(self, entity: Entity, earlier: Where) -> str:
        """How to resolve an id defined twice: a suggested copy is rejected (the other is the
        same entity) or given another id; else keep one definition."""
        if entity.status != SUGGESTED:
            return "keep one definition and reference it by id"
        source = self.file_sources.get(entity.where.file, self.default_source)
        return (
            f"if it is the same, reject this suggestion (serge-graph reject {source} "
            f"{entity.where.file}:{entity.where.line}) and name {entity.id!r}; if not, give "
            f"this one another id, e.g. {entity.id}-2"
        )

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
