"""Where the built graph lives when it is queried: rdflib's memory store, or Oxigraph.

The memory store is the default. Oxigraph (pyoxigraph through oxrdflib) runs
SPARQL in Rust, much faster on large corpora, and can persist in a folder so a
large corpus is loaded once: a fingerprint of the data beside the folder says
what it holds, and the graph is rebuilt and reloaded only when the data changes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from .errors import SergeGraphError
from .namespaces import ID

STORES = ("memory", "oxigraph")
_FINGERPRINT_SUFFIX = ".fingerprint.json"
GRAPH_NAME = ID["graph/serge"]  # fixed, so a persistent store finds its triples again


class StoreError(SergeGraphError):
    """A store that cannot be opened or is unknown."""


def open_store(
    build: Callable[[], Graph],
    kind: str = "memory",
    path: Path | None = None,
    fingerprint: object = None,
) -> Graph:
    """The graph in the chosen store, as an rdflib Graph whose .query runs on that store.

    `build` makes the graph; it is not called when a persistent store already
    holds the data of this fingerprint.
    """
    if kind == "memory":
        return build()
    if kind != "oxigraph":
        raise StoreError(f"unknown store {kind!r}; choose one of {', '.join(STORES)}")
    import oxrdflib  # noqa: F401  (registers the "Oxigraph" store plugin)

    store = Graph(store="Oxigraph", identifier=GRAPH_NAME)
    if path is None:
        _fill(store, build())
        return store
    marker = path.with_name(path.name + _FINGERPRINT_SUFFIX)  # beside: the folder is Oxigraph's
    wanted = json.dumps(fingerprint, default=str, sort_keys=True)
    if path.is_dir() and marker.is_file() and marker.read_text(encoding="utf-8") == wanted:
        store.open(str(path), create=False)
        return store
    shutil.rmtree(path, ignore_errors=True)
    marker.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    store.open(str(path), create=True)
    _fill(store, build())
    marker.write_text(wanted, encoding="utf-8")
    return store


def _fill(store: Graph, graph: Graph) -> None:
    for prefix, namespace in graph.namespaces():
        store.bind(prefix, namespace)
    store += graph
