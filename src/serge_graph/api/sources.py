"""Sources and suggested annotations: adding a text, listing them, drafts to confirm."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..project import resolve_paths
from ..queries import Rows

if TYPE_CHECKING:
    from ..drafts import Edited
    from ..source_registry import AddedSource, NewSource

from .graph import (
    _corpus,
)
from .modules import (
    building,
    drafts,
    source_registry,
    suggest,
)


def add_source(new: NewSource, data: Path | str | None = None) -> AddedSource:
    """Copy a text into the data folder's sources/, record it in sources.yaml and start its
    annotation file (see source_registry.add_source)."""
    return source_registry.add_source(resolve_paths(data).data, new)


def list_sources(
    data: Path | str | None = None, progress: Callable[[str], None] | None = None
) -> tuple[Rows, str]:
    """Each source with its counts, and the reason the annotation counts are missing
    ("" when the annotations validate)."""
    return source_registry.source_listing(resolve_paths(data), progress)


def suggested_items(data: Path | str | None = None) -> tuple[tuple[str, str, int], ...]:
    """The items still marked status: suggested, as (file, source, count)."""
    return _corpus(data).annotations.suggested_by_file


def suggest_draft(
    source_id: str, data: Path | str | None = None, progress=None, out: Path | None = None
) -> str:
    """The draft annotation file (YAML) of suggestions for a source, every item suggested.

    What the pending drafts already propose counts as known: their entities are matched
    first, and no new id repeats one of theirs; the file the draft will replace (`out`)
    is not one of them."""
    if out is not None and Path(out).exists():
        corpus = building.load_corpus(data, progress, True, pending={Path(out): ""})
    else:
        corpus = _corpus(data, progress, include_suggested=True)
    return suggest.draft_for(corpus, source_id)


def confirm(
    source_id: str, items=(), all_of: str | None = None, data: Path | str | None = None
) -> Edited:
    """Confirm suggested items of a source: their status: suggested lines deleted, the data
    folder checked as it would be, each file written atomically (see drafts.confirm)."""
    return drafts.confirm(resolve_paths(data).data, source_id, tuple(items), all_of)


def reject(
    source_id: str, items=(), all_of: str | None = None, data: Path | str | None = None
) -> Edited:
    """Delete suggested items of a source from its annotation files (see drafts.reject)."""
    return drafts.reject(resolve_paths(data).data, source_id, tuple(items), all_of)


def suggest_rows(source_id: str, data: Path | str | None = None, progress=None) -> Rows:
    """The suggestions for a source as rows: kind, quote, offsets, entity/type/date, sentence."""
    return Rows(*suggest.suggestion_table(_corpus(data, progress), source_id))


def suggest_evaluation(source_id=None, data: Path | str | None = None, progress=None) -> Rows:
    """Leave one part out on an annotated source: the suggestions' figures per part."""
    return Rows(*suggest.evaluation_table(_corpus(data, progress), source_id))
