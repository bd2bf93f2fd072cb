"""An entity's names beyond its name: aliases (with their language, and the top-level
aliases: section that names entities defined anywhere), implied names, and spelling
corrections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..model import SUGGESTED, Correction
from .checks import FieldChecks
from .hints import nearest_hint
from .yaml_lines import LinedDict, LinedList, value_line

_ALIAS_KEYS = ("name", "language", "status", "evidence")
ALIAS_ITEM_KEYS = ("entity", *_ALIAS_KEYS)  # the top-level aliases: section
_CORRECTION_KEYS = ("text_form", "correct_form", "origin", "note", "reference")


class NameReader(FieldChecks):
    """aliases:, implied_names: and corrections: read, and the aliases: section added."""

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
