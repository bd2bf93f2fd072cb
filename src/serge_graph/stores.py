"""Where the built graph lives when it is queried: rdflib's memory store, or Oxigraph.

The memory store is the default. Oxigraph (pyoxigraph through oxrdflib) runs
SPARQL in Rust, much faster on large corpora, and can persist in a folder so a
large corpus is loaded once: a fingerprint of the data beside the folder says
what it holds, and the graph is rebuilt and reloaded only when the data changes.

rdflib is imported only by the functions that hand out an rdflib Graph:
`oxigraph_store` gives a bare pyoxigraph Store without it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .choices import GRAPH_IRI, STORES
from .errors import SergeGraphError

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph, URIRef

_FINGERPRINT_SUFFIX = ".fingerprint.json"


def __getattr__(name: str) -> URIRef:
    if name == "GRAPH_NAME":  # the graph's IRI as an rdflib term, made when asked for
        from rdflib import URIRef

        return URIRef(GRAPH_IRI)  # fixed, so a persistent store finds its triples again
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    from rdflib import Graph, URIRef

    store = Graph(store="Oxigraph", identifier=URIRef(GRAPH_IRI))
    if path is None:
        _fill(store, build())
        return store
    wanted = json.dumps(fingerprint, default=str, sort_keys=True)
    if _holds(path, wanted):
        store.open(str(path), create=False)
        return store
    _empty(path)
    store.open(str(path), create=True)
    _fill(store, build())
    _marker(path).write_text(wanted, encoding="utf-8")
    return store


def _marker(path: Path) -> Path:
    return path.with_name(path.name + _FINGERPRINT_SUFFIX)  # beside: the folder is Oxigraph's


def _holds(path: Path, wanted: str) -> bool:
    """Whether the folder is complete and was filled from data with this fingerprint."""
    marker = _marker(path)
    return path.is_dir() and marker.is_file() and marker.read_text(encoding="utf-8") == wanted


def data_fingerprint(path: Path | str) -> str | None:
    """What a complete folder was filled from (None while it is being filled, or when empty)."""
    try:
        return _marker(Path(path)).read_text(encoding="utf-8")
    except OSError:
        return None


def _empty(path: Path) -> None:
    """No folder, no fingerprint and no kept answers: a fill that stops halfway is never taken
    for a whole one."""
    from .summaries import forget

    forget(path)
    shutil.rmtree(path, ignore_errors=True)
    _marker(path).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)


def load_graph_file(
    file: Path | str, kind: str = "memory", path: Path | str | None = None
) -> Graph:
    """A built graph read from a Turtle or N-Triples file, in the chosen store.

    With Oxigraph, the file goes through pyoxigraph's own parser (bulk loading
    into a persistent folder), which at 100x the article is several times
    faster than parsing through rdflib; a folder that already holds this file
    (same path, size and modification time) is reopened, not reloaded.
    """
    file = Path(file)
    if not file.is_file():
        raise StoreError(
            f"{file}: no such graph file",
            python=f"write one: sg.write_graph(sg.load_graph(), {str(file)!r})",
            shell=f"write one: serge-graph build --out {file.parent}",
        )
    syntax = "nt" if file.suffix == ".nt" else "turtle"
    if kind not in STORES:
        raise StoreError(f"unknown store {kind!r}; choose one of {', '.join(STORES)}")
    from rdflib import Graph
    from rdflib.exceptions import ParserError
    from rdflib.plugins.parsers.notation3 import BadSyntax

    try:
        if kind == "memory":
            return Graph().parse(file, format=syntax)
        return _load_into_oxigraph(file, syntax, Path(path) if path else None)
    except (SyntaxError, ParserError, BadSyntax) as error:
        if path:
            _empty(Path(path))
        raise StoreError(
            f"{file}: not valid {'N-Triples' if syntax == 'nt' else 'Turtle'}: {error}\n"
            "    hint: write it again with `serge-graph build --out FILE`"
        ) from error


def oxigraph_store(file: Path | str) -> pyoxigraph.Store:
    """A built N-Triples or Turtle file loaded into a bare pyoxigraph Store in memory, in the
    named graph GRAPH_IRI: what a single query needs, without rdflib (queries.run_on_oxigraph)."""
    import pyoxigraph

    file = Path(file)
    rdf_format = (
        pyoxigraph.RdfFormat.N_TRIPLES if file.suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
    )
    store = pyoxigraph.Store()
    store.load(path=str(file), format=rdf_format, to_graph=pyoxigraph.NamedNode(GRAPH_IRI))
    return store


def _load_into_oxigraph(file: Path, syntax: str, path: Path | None) -> Graph:
    import pyoxigraph

    rdf_format = pyoxigraph.RdfFormat.N_TRIPLES if syntax == "nt" else pyoxigraph.RdfFormat.TURTLE
    target = pyoxigraph.NamedNode(GRAPH_IRI)
    if path is None:
        return _as_graph(oxigraph_store(file))
    stat = file.stat()
    wanted = json.dumps(
        {"file": str(file.resolve()), "size": stat.st_size, "mtime": stat.st_mtime_ns}
    )
    if not _holds(path, wanted):
        _empty(path)
        store = pyoxigraph.Store(str(path))
        store.bulk_load(path=str(file), format=rdf_format, to_graph=target)
        store.flush()
        del store  # release the folder's lock before it is reopened
        _marker(path).write_text(wanted, encoding="utf-8")
    return open_read_only(path)


def open_read_only(path: Path | str) -> Graph:
    """A persistent Oxigraph folder opened read-only: many processes may read one folder."""
    import pyoxigraph

    if not Path(path).is_dir():
        raise StoreError(f"{path}: no Oxigraph store here")
    return _as_graph(pyoxigraph.Store.read_only(str(path)))


def triple_count(graph: Graph) -> int:
    """The number of triples, counted by the store itself.

    oxrdflib's len() counts DISTINCT triples through a hash set: 45 s at 100x
    the article; at 1000x it held 16 GB after 6 minutes when stopped. Oxigraph keeps
    a set per graph, so COUNT(*) in our named graph is the same number (the query
    goes to Oxigraph as text, through the graph's public query method).
    """
    from .queries import on_oxigraph

    if not on_oxigraph(graph):
        return len(graph)
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.identifier}> {{ ?s ?p ?o }} }}"
    return int(next(iter(graph.query(query)))[0])


def _as_graph(store) -> Graph:
    from oxrdflib import OxigraphStore
    from rdflib import Graph, URIRef

    return Graph(store=OxigraphStore(store=store), identifier=URIRef(GRAPH_IRI))


def _fill(store: Graph, graph: Graph) -> None:
    for prefix, namespace in graph.namespaces():
        store.bind(prefix, namespace)
    store += graph
