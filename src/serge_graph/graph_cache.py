"""Build once, query many times: the built graph kept on disk, keyed by what it is built from.

The key is a hash of the contents of every input (the texts and sources.yaml,
the annotations, the ontology) and of the package's own code, so an edited
file, or a new version of the program, is never answered from an old graph.
The graph is kept as N-Triples, which Oxigraph bulk-loads in a fraction of a
second and rdflib parses without validating anything again.

The reader's site is kept the same way, as one archive per key: a server starts without
writing its thousand pages again.

The cache lives in $SERGE_GRAPH_CACHE, else $XDG_CACHE_HOME/serge-graph, else
~/.cache/serge-graph; at most a few graphs are kept.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .project import Paths

CACHE_ENV = "SERGE_GRAPH_CACHE"
_KEPT = 4  # graphs kept: one per data folder a user switches between, roughly
_CODE = Path(__file__).resolve().parent
_REMEMBERED = 500  # small results (a query's lint findings) kept, the newest first
T = TypeVar("T")


def cache_dir() -> Path:
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "serge-graph"


def fingerprint(paths: Paths) -> str:
    """A hash of every input's path and contents, and of the code that builds the graph."""
    digest = hashlib.sha256()
    inputs = [(paths.data, f) for f in paths.data.rglob("*") if f.is_file()]
    inputs.append((paths.ontology.parent, paths.ontology))
    inputs += [(_CODE, f) for f in _CODE.rglob("*.py")]
    for root, file in sorted(inputs, key=lambda pair: str(pair[1])):
        digest.update(str(file.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def cached_graph_file(paths: Paths, include_suggested: bool = False) -> Path:
    """Where the graph built from these inputs is kept (it may not exist yet); the graph
    with the suggested items is another file."""
    suffix = "-with-suggested" if include_suggested else ""
    return cache_dir() / f"graph-{fingerprint(paths)[:24]}{suffix}.nt"


def keep(file: Path, ntriples: bytes) -> None:
    """Keep a built graph (atomically), and drop the oldest beyond the few kept."""
    from .build import write_atomically

    try:
        write_atomically(file, ntriples)
        kept = sorted(file.parent.glob("graph-*.nt"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in kept[_KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs the next command a build


def cached_site_file(paths: Paths, query_page: str = "") -> Path:
    """Where the reader's site written from these inputs is kept (it may not exist yet); a
    server's site (with its query page linked) is another file."""
    suffix = f"-{query_page}" if query_page else ""
    return cache_dir() / f"site-{fingerprint(paths)[:24]}{suffix}.zip"


def kept_site(file: Path) -> dict[str, bytes] | None:
    """The site's files kept in this archive, or None when there is none to read."""
    try:
        with zipfile.ZipFile(file) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile):
        return None


def keep_site(file: Path, files: dict[str, bytes]) -> None:
    """Keep a site's files (one archive, written atomically), and drop the oldest beyond the few
    kept."""
    from .build import write_atomically

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    try:
        write_atomically(file, buffer.getvalue())
        kept = sorted(file.parent.glob("site-*.zip"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in kept[_KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # not kept: the next server or `site` writes it again


def remembered(kind: str, inputs: list[str | Path], compute: Callable[[], T]) -> T:
    """A small result (JSON) computed once from these inputs (texts, or files by their
    contents) and kept beside the graphs; computed again when any input changes."""
    digest = hashlib.sha256(kind.encode("utf-8"))
    for item in inputs:
        data = item.read_bytes() if isinstance(item, Path) else item.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    file = cache_dir() / f"{kind}-{digest.hexdigest()[:32]}.json"
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    result = compute()
    _keep_small(file, json.dumps(result, ensure_ascii=False).encode("utf-8"))
    return result


def _keep_small(file: Path, data: bytes) -> None:
    from .build import write_atomically

    try:
        write_atomically(file, data)
        kept = sorted(file.parent.glob("*.json"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in kept[_REMEMBERED:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # not kept: the next run computes it again
