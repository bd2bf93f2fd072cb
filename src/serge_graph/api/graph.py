"""Building, keeping and loading the graph: the steps every other one starts from."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import graph_cache, stores
from ..project import resolve_paths

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph

    from ..build import Corpus
    from ..shapes import Violation

from .modules import (
    building,
)

SOURCE_LINE = "Julián Gorkin, “The Last Years of Victor Serge, 1941–1947” (1957)"
_graphs: dict[tuple, Graph] = {}
_stores: dict[tuple, Graph] = {}
_oxigraph_stores: dict[tuple, pyoxigraph.Store] = {}
_corpora: dict[tuple, Corpus] = {}


def _fingerprint(data: Path | str | None) -> tuple:
    """What a built graph depends on: the data and ontology files and their modification times."""
    paths = resolve_paths(data)
    files = [*paths.data.rglob("*"), paths.ontology]
    return (
        str(paths.data),
        tuple(sorted((str(f), f.stat().st_mtime_ns) for f in files if f.is_file())),
    )


def build(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    cached: bool = True,
    include_suggested: bool = False,
) -> Graph:
    """Validate the annotations and build the graph.

    The graph is kept while the files are unchanged: in this process, and on disk
    (graph_cache), so the next command reads it instead of validating and building
    again. cached=False validates and builds whatever is kept. Items marked
    status: suggested are left out unless include_suggested, which marks them
    sg:status "suggested".
    """
    key = (*_fingerprint(data), include_suggested)
    if not cached or key not in _graphs:
        _graphs.clear()
        _graphs[key] = _built_or_kept(data, progress, cached, include_suggested)
    return _graphs[key]


def _built_or_kept(data, progress, cached: bool, include_suggested: bool = False) -> Graph:
    kept = graph_cache.cached_graph_file(resolve_paths(data), include_suggested)
    if cached and kept.is_file():
        if progress:
            progress(f"reading the graph built earlier from the same files ({kept})")
        from rdflib import Graph

        from ..namespaces import PREFIXES

        graph = Graph().parse(kept, format="nt")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return graph
    corpus = _corpus(data, progress, include_suggested)
    if progress:
        progress("building the graph")
    ntriples = building.NTriplesSink()
    graph = building.build_graph(corpus, also=ntriples)
    graph_cache.keep(kept, ntriples.ntriples())
    return graph


def built_graph_file(
    data: Path | str | None = None, progress: Callable[[str], None] | None = None
) -> Path:
    """The built graph as an N-Triples file, built and kept first if need be (straight to
    N-Triples: no rdflib Graph is made for a file Oxigraph loads)."""
    kept = graph_cache.cached_graph_file(resolve_paths(data))
    if not kept.is_file():
        corpus = _corpus(data, progress)
        if progress:
            progress("building the graph")
        ntriples = building.build_ntriples(corpus)
        graph_cache.keep(kept, ntriples)
        if not kept.is_file():  # the cache folder cannot be written: a file of our own
            kept = Path(tempfile.mkdtemp(prefix="serge-graph-")) / "graph.nt"
            kept.write_bytes(ntriples)
    return kept


load_graph = build


def _corpus(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    include_suggested: bool = False,
) -> Corpus:
    """The validated corpus, cached while the files are unchanged (the site needs it beside the
    graph; reading and checking it twice would double the site's build time)."""
    key = (*_fingerprint(data), include_suggested)
    if key not in _corpora:
        _corpora.clear()
        _corpora[key] = building.load_corpus(data, progress, include_suggested)
    return _corpora[key]


def write_graph(graph: Graph, path: Path, format: str = "turtle") -> None:
    building.write_atomically(Path(path), serialize_graph(graph, format))


def serialize_graph(graph: Graph, format: str = "turtle") -> bytes:
    """The graph in an RDF syntax; "geojson": its located places as a GeoJSON collection;
    gexf, graphml, annotations or rdf-star: see api/exports.py."""
    from .exports import TOOL_FORMATS, tool_format_bytes

    if format in TOOL_FORMATS:
        return tool_format_bytes(graph, format)
    if format == "geojson":
        from ..place_map import geojson_bytes

        return geojson_bytes(graph)
    if format == "trig":
        return _as_dataset(graph).serialize(format="trig", encoding="utf-8")
    return building.serialize(graph, format)


def _as_dataset(graph: Graph) -> Dataset:
    """The graph as one named graph, for TriG."""
    from rdflib import Dataset

    from ..namespaces import ID

    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace)
    named = dataset.graph(ID["graph/serge"])
    for triple in graph:
        named.add(triple)
    return dataset


def check_graph(graph: Graph, data: Path | str | None = None) -> list[Violation]:
    from ..shapes import check_shapes

    return check_shapes(graph, resolve_paths(data).shapes)


def load_store(
    store: str = "memory",
    store_path: Path | str | None = None,
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Graph:
    """The graph in rdflib's memory store or in Oxigraph (persistent when store_path is given)."""
    key = (_fingerprint(data), store, str(store_path))
    if key not in _stores:
        if progress and store != "memory":
            progress(f"opening the {store} store" + (f" at {store_path}" if store_path else ""))
        path = Path(store_path) if store_path else None
        _stores.clear()
        if store == "oxigraph" and path is None:  # a bulk load of the kept graph, no rdflib graph
            _stores[key] = stores.load_graph_file(built_graph_file(data, progress), store)
        else:
            _stores[key] = stores.open_store(lambda: build(data, progress), store, path, key[0])
    return _stores[key]


def _oxigraph_store(
    data: Path | str | None, progress: Callable[[str], None] | None
) -> pyoxigraph.Store:
    """The kept graph bulk-loaded into a bare pyoxigraph Store: no rdflib graph, no rdflib."""
    key = _fingerprint(data)
    if key not in _oxigraph_stores:
        if progress:
            progress("opening the oxigraph store")
        _oxigraph_stores.clear()
        _oxigraph_stores[key] = stores.oxigraph_store(built_graph_file(data, progress))
    return _oxigraph_stores[key]
