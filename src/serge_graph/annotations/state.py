"""What every reader of the annotations shares: the sources, the vocabulary, what has been
read so far, the list of problems, and the check for fields a mapping does not know."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..model import Claim, Entity, Event, Evidence
from ..namespaces import SG
from ..source import Source
from ..vocabulary import Vocabulary
from .hints import did_you_mean
from .yaml_lines import LinedDict


class LoaderState:
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

    def _unknown_keys(self, raw: LinedDict, file: str, allowed: tuple[str, ...], kind: str):
        for key in raw:
            if key not in allowed:
                self.problem(
                    file,
                    raw.key_lines[key],
                    f"unknown field {key!r} in {kind}",
                    did_you_mean(key, allowed) or "fields: " + ", ".join(allowed),
                )
