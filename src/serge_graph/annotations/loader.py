"""Read every annotation file and run the checks in order; raise all problems at once."""

from __future__ import annotations

from pathlib import Path

from ..errors import AnnotationError
from ..model import GENERAL_KNOWLEDGE, Annotations, IgnoredName, IgnoredPhrase, Where
from ..source import Source
from ..vocabulary import Vocabulary
from .claims import ClaimReader, check_claim_links, number_claims
from .entities import EntityReader
from .events import EventReader
from .hints import did_you_mean, top_hint
from .suggested import (
    check_rests_on_confirmed,
    count_suggested,
    in_source_order,
    leave_out_suggested,
)
from .worklist import WORKLISTS, WorklistReader
from .yaml_lines import LinedDict, LinedList, read_yaml, speaker_line, value_line

IGNORE_FILE = "ignore.yaml"
_TOP_KEYS = ("source", "aliases", "entities", "events", "claims", *WORKLISTS)


class Loader(EntityReader, EventReader, ClaimReader, WorklistReader):
    """Reads the files, then registers entities, builds events and claims, finds mentions."""

    def read_file(self, path: Path, text: str | None = None) -> None:
        display = self._display(path)
        data, problems = read_yaml(path, display, text)
        self.problems.extend(problems)
        if data is None:
            return
        if not isinstance(data, LinedDict):
            self.problem(display, value_line(data, 1), "the file must be a mapping", top_hint())
            return
        for key, value in data.items():
            if key == "source":
                self._file_source(value, display, data.key_lines[key])
                continue
            if key not in _TOP_KEYS:
                self.problem(
                    display,
                    data.key_lines[key],
                    f"unknown section {key!r}",
                    did_you_mean(key, _TOP_KEYS) or top_hint(),
                )
                continue
            if not isinstance(value, LinedList):
                self.problem(display, data.key_lines[key], f"{key!r} must be a list")
                continue
            for item in value:
                if not isinstance(item, LinedDict):
                    self.problem(
                        display, value_line(item, value.line), f"each of {key} must be a mapping"
                    )
                elif key == "claims":
                    self.raw_claims.append((item, display))
                elif key == "aliases":
                    self.raw_aliases.append((item, display))
                elif key in WORKLISTS:
                    self.raw_worklist[key].append((item, display))
                else:
                    self.raw_entities.append((item, display, key == "events"))

    def _file_source(self, value: object, display: str, line: int) -> None:
        """source: ID at the top of a file: where its quotes are looked for."""
        if not isinstance(value, str) or str(value) not in self.sources:
            self.problem(
                display,
                line,
                f"unknown source {value!r}",
                self.source_hint(str(value)),
            )
            return
        self.file_sources[display] = str(value)

    def read_ignored_phrases(self, path: Path) -> list[IgnoredPhrase]:
        """not_events: in ignore.yaml: phrases that look like an event's name but name none,
        each reviewed with the reason (and, where it is one place, its paragraph)."""
        if not path.is_file():
            return []
        display = self._display(path)
        data, _problems = read_yaml(path, display)  # read_ignore reports its problems
        entries = data.get("not_events") if isinstance(data, LinedDict) else None
        phrases = []
        for item in entries or []:
            if not isinstance(item, LinedDict) or not item.get("phrase") or not item.get("reason"):
                self.problem(
                    display,
                    value_line(item, entries.line),
                    "each phrase that names no event needs a reason",
                    "write {phrase: a Third World War, paragraph: p56, reason: a prediction}",
                )
                continue
            self._unknown_keys(item, display, ("phrase", "paragraph", "reason"), "not_events")
            phrases.append(
                IgnoredPhrase(
                    str(item["phrase"]),
                    str(item["reason"]),
                    Where(display, item.line),
                    str(item.get("paragraph") or ""),
                )
            )
        return phrases

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
                value_line(data, 1),
                "ignore.yaml must hold a list under 'ignore'",
                "ignore: [{name: Nevertheless, reason: sentence start}]",
            )
            return []
        ignored = []
        for item in entries or []:
            if not isinstance(item, LinedDict) or not item.get("name") or not item.get("reason"):
                self.problem(
                    display,
                    value_line(item, entries.line),
                    "each ignored name needs a reason",
                    "write {name: Nevertheless, reason: sentence start}",
                )
                continue
            ignored.append(
                IgnoredName(str(item["name"]), str(item["reason"]), Where(display, item.line))
            )
        return ignored


def load_annotations(
    annotations_dir: Path,
    sources: dict[str, Source],
    vocabulary: Vocabulary,
    include_suggested: bool = False,
    pending: dict[Path, str] | None = None,
) -> Annotations:
    """Read every YAML file under annotations_dir; raise AnnotationError listing all problems.

    Items marked status: suggested are checked like the others; they are left out of
    the result (with the mentions only they make) unless include_suggested. `pending` maps
    a file to the text about to be written in it: checked in place of what it holds now."""
    pending = {Path(p).resolve(): text for p, text in (pending or {}).items()}
    loader = Loader(sources, vocabulary, annotations_dir.parent.parent)
    files = sorted(p for p in annotations_dir.glob("*.yaml") if p.name != IGNORE_FILE)
    if not files:
        loader.problem(
            str(annotations_dir),
            0,
            "no annotation files (*.yaml)",
            "see docs/annotations.md for the format",
        )
    for path in files:
        loader.read_file(path, pending.get(path.resolve()))
    ignored = loader.read_ignore(annotations_dir / IGNORE_FILE)
    ignored_phrases = loader.read_ignored_phrases(annotations_dir / IGNORE_FILE)
    loader.register_entities()
    loader.add_aliases(loader.raw_aliases)
    loader.check_entities()
    loader.check_worklists()
    loader.build_events()
    loader.build_claims()
    _check_speakers(loader)
    _check_general_knowledge(loader)
    claims = number_claims(in_source_order(loader.claims, list(sources)))
    check_claim_links(claims, loader.problem)
    check_rests_on_confirmed(loader, claims)
    if loader.problems:
        raise AnnotationError(loader.problems)
    suggested = count_suggested(loader)
    if not include_suggested:  # before the mentions: a suggested name must not hide another
        claims = leave_out_suggested(loader, claims)
    return Annotations(
        entities=dict(loader.entities),
        events=dict(loader.events),
        claims=claims,
        mentions=tuple(loader.find_mentions()),
        ignored=tuple(ignored),
        suggested_by_file=suggested,
        ignored_phrases=tuple(ignored_phrases),
    )


def _check_speakers(loader: Loader) -> None:
    for source in loader.sources.values():
        for part in source.parts:
            if part.speaker not in loader.entities:
                listing = source.path.parent / "sources.yaml"
                loader.problem(
                    loader._display(listing),
                    speaker_line(listing, source.id, part.id),
                    f"part {part.id!r}: speaker {part.speaker!r} is not an entity",
                    did_you_mean(part.speaker, loader.entities)
                    or "define the speaker as an entity",
                )


def _check_general_knowledge(loader: Loader) -> None:
    """Corrections and dates from general knowledge are said by general knowledge, which must
    be an entity to be a speaker."""
    if GENERAL_KNOWLEDGE in loader.entities:
        return
    for claim in loader.claims:
        if claim.correction is not None or claim.general_knowledge_date:
            loader.problem(
                claim.where.file,
                claim.where.line,
                f"a correction or a date from general knowledge needs the speaker {GENERAL_KNOWLEDGE!r}, which is not an entity",
                f"define {GENERAL_KNOWLEDGE} (type Group, implicit: …) in some file",
            )
            return
