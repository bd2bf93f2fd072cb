"""The SPARQL endpoint, started from the project: the graph built or loaded once, the saved
questions for the query page and the reader's site in memory, handed to `server.app.run`."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from .. import stores
from ..project import resolve_paths
from .graph import build, load_store
from .pages import retired_paths, site_files
from .questions import list_saved_queries, saved_query_text

LOG = logging.getLogger("serge_graph.server")


def serve(config, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the project's graph as `config` (a `server.app.EndpointConfig`) says; blocks until
    interrupted."""
    from ..server.app import run

    saved = [
        (q[0], q[1], saved_query_text(q[0], config.data))
        for q in list_saved_queries(config.data).rows
    ]
    site = linked_site(config) if config.site and not config.graph_file else None
    with tempfile.TemporaryDirectory(prefix="serge-graph-serve-") as folder:
        source, triples = graph_source(config, Path(folder))
        run(config, source, triples, saved, site, host, port)


def graph_source(config, folder: Path):
    """Where the workers find the graph, built or loaded once here; and its triple count.
    The workers lint each query against the project's ontology (the one the graph is built on)."""
    from ..lint import load_ontology
    from ..server.workers import GraphSource

    ontology = load_ontology(resolve_paths(config.data).ontology)  # read here, not per worker
    if config.store == "oxigraph" and config.store_path:
        if config.graph_file:
            graph = stores.load_graph_file(config.graph_file, config.store, config.store_path)
        else:
            graph = load_store(config.store, config.store_path, config.data)
        count = stores.triple_count(graph)
        graph.close()  # release the folder: workers open it read-only
        return GraphSource("oxigraph", folder=str(config.store_path), ontology=ontology), count
    if config.graph_file:
        file = Path(config.graph_file)
        if not file.is_file():
            raise stores.StoreError(
                f"{file}: no such graph file; build one with `serge-graph build --out`"
            )
        count = stores.triple_count(stores.load_graph_file(file, "oxigraph"))
        return GraphSource(config.store, file=str(file), ontology=ontology), count
    graph = build(config.data)
    file = folder / "graph.nt"
    graph.serialize(file, format="nt", encoding="utf-8")  # workers load it, not the YAML
    return GraphSource(config.store, file=str(file), ontology=ontology), len(graph)


def linked_site(config):
    """The reader's site in memory, with the graph and ontology its IRIs are described from."""
    from rdflib import Graph

    from ..server.linked_data import LinkedSite

    files = site_files(config.data, lambda m: LOG.info("site: %s", m), query_page="query")
    ontology = Graph().parse(resolve_paths(config.data).ontology)
    return LinkedSite(files, build(config.data), ontology, retired=retired_paths(config.data))
