"""Suggested items (status: suggested): counted, kept apart from the confirmed ones, and
left out of the graph unless asked for.

A program (`serge-graph suggest`) proposes entities, aliases and claims; an annotator
confirms each by deleting its status line. Nothing confirmed may rest on something still
suggested, or the graph built without the suggestions would point at nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import SUGGESTED, Claim
from .checks import FieldChecks
from .yaml_lines import speaker_line

_ENTITY_FIELDS = ("subject", "object", "speaker", "quoted_from", "spoken_at")


def in_source_order(claims: list[Claim], source_ids: list[str]) -> list[list[Claim]]:
    """The claims in groups to number one after the other: one group for each source (by
    the source of its first quote, in the order of sources.yaml), then the suggested
    claims; each group in reading order. So a claim of a source added later, or a
    suggestion, never takes the number (and so the IRI) of a claim that was there before."""
    position = {source_id: index for index, source_id in enumerate(source_ids)}
    groups: list[list[Claim]] = [[] for _ in range(len(source_ids) + 2)]
    for claim in claims:
        if claim.status == SUGGESTED:
            groups[-1].append(claim)
        elif claim.evidence:
            groups[position.get(claim.sources[0], len(source_ids))].append(claim)
        else:
            groups[len(source_ids)].append(claim)
    return groups


def check_rests_on_confirmed(loader: FieldChecks, claims: tuple[Claim, ...]) -> None:
    """A confirmed claim may not name a suggested entity or claim; a part's speaker may not
    be a suggested entity."""
    suggested = {e.id for e in loader.entities.values() if e.status == SUGGESTED}
    suggested_claims = {c.id for c in claims if c.status == SUGGESTED}
    for claim in claims:
        if claim.status == SUGGESTED:
            continue
        named = [getattr(claim, field) for field in _ENTITY_FIELDS]
        for entity_id in dict.fromkeys(e for e in named if e in suggested):
            where = loader.entities[entity_id].where
            source = loader.file_sources.get(where.file, loader.default_source)
            loader.problem(
                claim.where.file,
                claim.where.line,
                f"this confirmed claim names {entity_id!r}, which is still suggested",
                f"confirm {entity_id!r} first: serge-graph confirm {source} {entity_id} "
                f"(or delete its status: suggested line, at {where.file}:{where.line})",
            )
        for link, target in claim.about:
            if target in suggested_claims:
                loader.problem(
                    claim.where.file,
                    claim.where.line,
                    f"{link}: {target!r} is still suggested",
                    "confirm that claim first (delete its status: suggested line)",
                )
    for source in loader.sources.values():
        for part in source.parts:
            if part.speaker in suggested:
                listing = source.path.parent / "sources.yaml"
                loader.problem(
                    loader._display(listing),
                    speaker_line(listing, source.id, part.id),
                    f"the speaker of source {source.id!r}, {part.speaker!r}, is still suggested",
                    f"confirm {part.speaker!r} (delete its status: suggested line)",
                )


def count_suggested(loader: FieldChecks) -> tuple[tuple[str, str, int], ...]:
    """How many items each file still marks suggested (entities, events, aliases, claims),
    as (file, the file's source, count)."""
    by_file: Counter = Counter()
    for entity in loader.entities.values():
        if entity.status == SUGGESTED:
            by_file[entity.where.file] += 1
    for entity_id, _alias in loader.suggested_aliases:
        if loader.entities.get(entity_id) is not None:
            by_file[_alias_file(loader, entity_id, _alias)] += 1
    for raw, file in loader.raw_claims:
        if str(raw.get("status") or "") == SUGGESTED:
            by_file[file] += 1
    by_file.update(loader.count_worklists())  # mentions: and dates: (worklist.py)
    return tuple(
        (file, loader.file_sources.get(file, loader.default_source), count)
        for file, count in sorted(by_file.items())
    )


def _alias_file(loader: FieldChecks, entity_id: str, alias: str) -> str:
    """The file that gives a suggested alias: a top-level aliases: item, else the entity's."""
    for item, file in loader.raw_aliases:
        if str(item.get("entity")) == entity_id and str(item.get("name")) == alias:
            return file
    return loader.entities[entity_id].where.file


def leave_out_suggested(loader: FieldChecks, claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Only what is confirmed, as the graph shows it by default: the loader's entities and
    events lose the suggested ones and the suggested aliases; returns the confirmed claims."""
    entities = {}
    for entity_id, entity in loader.entities.items():
        if entity.status == SUGGESTED:
            continue
        dropped = {alias for owner, alias in loader.suggested_aliases if owner == entity_id}
        if dropped:
            entity = replace(
                entity,
                aliases=tuple(a for a in entity.aliases if a not in dropped),
                alias_languages=tuple(p for p in entity.alias_languages if p[0] not in dropped),
            )
        entities[entity_id] = entity
    loader.entities = entities
    loader.events = {
        event_id: replace(event, entity=entities[event_id])
        for event_id, event in loader.events.items()
        if event_id in entities
    }
    loader.suggested_aliases = set()
    return tuple(c for c in claims if c.status != SUGGESTED)
