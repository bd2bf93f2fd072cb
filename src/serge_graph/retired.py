"""Claims that were withdrawn (tombstones), and the claim IRIs of each release.

A claim's IRI is meant to be cited. When a claim is removed or renamed, its IRI keeps a page
saying when and why: an entry of `data/retired-claims.yaml`:

    - iri: https://w3id.org/serge-graph/id/claim/<old id>
      date: 2026-12-07           # the day it left the graph
      why: renamed: the claim now reads …
      replaced_by: https://w3id.org/serge-graph/id/claim/<new id>   # optional

`data/releases/<version>-claims.txt` holds the claim IRIs of a release, one a line (lines
starting with # are comments). Every IRI of a release is either still a claim of the graph or
has a tombstone; a tombstone's IRI is no claim of the graph (release_problems).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .annotations.yaml_lines import read_yaml
from .errors import AnnotationError, Problem
from .prefixes import PREFIX_IRIS

RETIRED_FILE = "retired-claims.yaml"
RELEASES = "releases"
CLAIM_BASE = PREFIX_IRIS["id"] + "claim/"
_FIELDS = {"iri", "date", "why", "replaced_by"}


@dataclass(frozen=True)
class Retired:
    """A claim IRI that no longer names a claim, with when and why it left."""

    iri: str
    date: dt.date
    why: str
    replaced_by: str = ""
    line: int = 0

    @property
    def claim_id(self) -> str:
        return self.iri[len(CLAIM_BASE) :]


def read_retired(data: Path) -> list[Retired]:
    """The tombstones of data/retired-claims.yaml (none when the file is absent); every problem
    is reported with the file and line."""
    path = Path(data) / RETIRED_FILE
    if not path.is_file():
        return []
    display = f"{path.parent.name}/{path.name}"
    root, problems = read_yaml(path, display)
    if problems:
        raise AnnotationError(problems)
    entries = root or []
    if not isinstance(entries, list):
        raise AnnotationError([Problem(display, 1, "expected a list of retired claims", _HINT)])
    retired, seen = [], set()
    for entry in entries:
        line = getattr(entry, "line", 1)
        found = _entry(entry, display, line, problems)
        if found is None:
            continue
        if found.iri in seen:
            problems.append(Problem(display, line, f"{found.iri} is retired twice", _HINT))
        seen.add(found.iri)
        retired.append(found)
    if problems:
        raise AnnotationError(problems)
    return retired


_HINT = "each entry: iri: <claim IRI>, date: YYYY-MM-DD, why: <a sentence>; see docs/elsewhere.md"


def _entry(entry, display: str, line: int, problems: list[Problem]) -> Retired | None:
    if not isinstance(entry, dict):
        problems.append(Problem(display, line, "an entry must be a mapping", _HINT))
        return None
    unknown = sorted(set(entry) - _FIELDS)
    missing = sorted({"iri", "date", "why"} - set(entry))
    if unknown or missing:
        said = [f"unknown field {', '.join(unknown)}"] if unknown else []
        said += [f"missing {', '.join(missing)}"] if missing else []
        problems.append(Problem(display, line, "; ".join(said), _HINT))
        return None
    iri, why, replaced = (
        str(entry["iri"]),
        str(entry["why"]).strip(),
        str(entry.get("replaced_by") or ""),
    )
    if (
        not iri.startswith(CLAIM_BASE)
        or len(iri) == len(CLAIM_BASE)
        or "/" in iri[len(CLAIM_BASE) :]
    ):
        problems.append(
            Problem(display, line, f"{iri!r} is not a claim IRI", f"it starts {CLAIM_BASE}")
        )
        return None
    if replaced and not replaced.startswith(CLAIM_BASE):
        problems.append(
            Problem(display, line, f"replaced_by {replaced!r} is not a claim IRI", _HINT)
        )
        return None
    try:
        date = dt.date.fromisoformat(str(entry["date"]))
    except ValueError:
        problems.append(Problem(display, line, f"date {entry['date']!r} is not YYYY-MM-DD", _HINT))
        return None
    if not why:
        problems.append(
            Problem(display, line, "why is empty: say why the claim was withdrawn", _HINT)
        )
        return None
    return Retired(iri, date, why, replaced, line)


def release_files(data: Path) -> list[Path]:
    folder = Path(data) / RELEASES
    return sorted(folder.glob("*-claims.txt")) if folder.is_dir() else []


def read_release(path: Path) -> list[str]:
    """The claim IRIs of a release file, in its order."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def release_problems(released: list[str], claims: set[str], retired: list[Retired]) -> list[str]:
    """What breaks a citation: a released IRI that is neither a claim nor retired; a retired
    IRI that is a claim again; a replacement that is no claim."""
    tombstones = {r.iri: r for r in retired}
    problems = [
        f"{iri}: in the release but neither a claim today nor in {RETIRED_FILE}"
        for iri in released
        if iri not in claims and iri not in tombstones
    ]
    problems += [
        f"{r.iri}: retired (line {r.line}) but a claim of today's graph"
        for r in retired
        if r.iri in claims
    ]
    problems += [
        f"{r.iri}: replaced_by {r.replaced_by}, which is no claim of today's graph"
        for r in retired
        if r.replaced_by and r.replaced_by not in claims
    ]
    return problems
