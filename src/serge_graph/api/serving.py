"""The SPARQL endpoint, started from the project: the graph built or loaded once, the saved
questions for the query page and the reader's site in memory, handed to `server.app.run`."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import replace
from pathlib import Path

from .. import stores
from ..project import resolve_paths
from .graph import build, built_graph_file, load_store
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
        names = reconcile_index(graph)
        graph.close()  # release the folder: workers open it read-only
        keep_whole_graph_answers(config)
        source = GraphSource("oxigraph", folder=str(config.store_path), ontology=ontology)
        return replace(source, reconcile=names), count
    if config.graph_file:
        file = Path(config.graph_file)
        if not file.is_file():
            raise stores.StoreError(
                f"{file}: no such graph file; build one with `serge-graph build --out`"
            )
        graph = stores.load_graph_file(file, "oxigraph")
        count = stores.triple_count(graph)
        source = GraphSource(config.store, file=str(file), ontology=ontology)
        return replace(source, reconcile=reconcile_index(graph)), count
    graph = build(config.data)
    file = folder / "graph.nt"
    graph.serialize(file, format="nt", encoding="utf-8")  # workers load it, not the YAML
    source = GraphSource(config.store, file=str(file), ontology=ontology)
    return replace(source, reconcile=reconcile_index(graph)), len(graph)


def keep_whole_graph_answers(config) -> None:
    """The folder's answers to the whole-graph saved questions, made now if missing, so that
    the workers answer them from the kept files (summaries.py)."""
    from ..queries import saved_queries
    from ..summaries import ensure

    queries = saved_queries(resolve_paths(config.data).queries).values()
    try:
        file = config.graph_file or built_graph_file(config.data)
        ensure(config.store_path, queries, lambda message: LOG.info("store: %s", message), file)
    except OSError as error:  # a folder on a read-only disk: the questions run live
        LOG.warning("store: the whole-graph answers cannot be kept (%s); they run live", error)


def reconcile_index(graph):
    """What the reconciliation service matches against (reconcile/index.py): the graph's
    entities with their names, and the other names of the site's search (other_names.yaml)."""
    from ..prefixes import PREFIX_IRIS
    from ..reconcile import build_index
    from ..site.search_data import other_names_of

    names = build_index(graph)
    names.add_other_names(other_names_of({PREFIX_IRIS["id"] + i for i in names.candidates}))
    return names


def linked_site(config):
    """The reader's site in memory, with the graph and ontology its IRIs are described from."""
    from rdflib import Graph

    from ..server.linked_data import LinkedSite

    files = site_files(config.data, lambda m: LOG.info("site: %s", m), query_page="query")
    ontology = Graph().parse(resolve_paths(config.data).ontology)
    return LinkedSite(files, build(config.data), ontology, retired=retired_paths(config.data))


def reconcile(
    names: list[str],
    kind: str | None = None,
    limit: int = 3,
    data=None,
):
    """Each name matched against the graph's entities as the reconciliation service at
    /reconcile matches it (reconcile/): Rows of name, id, entity, type, score and match,
    best first, `limit` candidates a name; `kind` (Person, Place, City…) keeps that type
    and its subclasses. An unknown type is a ReconcileInputError saying which there are."""
    import json

    from ..queries import Rows
    from ..reconcile import candidates_of
    from ..reconcile.service import read_batch

    index = reconcile_index(build(data))
    given = {
        name: {"query": name, "limit": limit, **({"type": kind} if kind else {})} for name in names
    }
    queries = read_batch(index, json.dumps(given))
    rows = []
    for name, query in queries.items():
        for found in candidates_of(index, query):
            kinds = ", ".join(t["id"] for t in found["type"])
            rows.append([name, found["id"], found["name"], kinds, found["score"], found["match"]])
    return Rows(["name", "id", "entity", "type", "score", "match"], rows)
