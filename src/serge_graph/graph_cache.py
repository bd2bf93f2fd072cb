"""Build once, query many times: the built graph kept on disk, keyed by what it is built from.

The key is a hash of the contents of every input (the texts and sources.yaml,
the annotations, the ontology) and of the package's own code, so an edited
file, or a new version of the program, is never answered from an old graph.
The graph is kept as N-Triples, which Oxigraph bulk-loads in a fraction of a
second and rdflib parses without validating anything again.

The cache lives in $SERGE_GRAPH_CACHE, else $XDG_CACHE_HOME/serge-graph, else
~/.cache/serge-graph; at most a few graphs are kept.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .project import Paths

CACHE_ENV = "SERGE_GRAPH_CACHE"
_KEPT = 4  # graphs kept: one per data folder a user switches between, roughly
_CODE = Path(__file__).resolve().parent


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
