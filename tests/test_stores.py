"""Every saved query gives the same answers on rdflib's memory store and on Oxigraph."""

from __future__ import annotations

import gc

import pytest
from rdflib import Graph

from serge_graph import api, stores
from serge_graph.project import resolve_paths
from serge_graph.queries import run_on_oxigraph, run_query, saved_queries

QUERIES = saved_queries(resolve_paths().queries)
ACROSS_SOURCES = {"sources-disagree"}


def _normalised(rows):
    # GROUP_CONCAT has no defined order in SPARQL: compare its parts as sets
    def cell(value):
        return "; ".join(sorted(value.split("; "))) if value else value

    return sorted(tuple(cell(v) or "" for v in row) for row in rows.rows)


@pytest.fixture(scope="module")
def oxigraph(graph):
    return stores.open_store(lambda: graph, "oxigraph")


@pytest.fixture(scope="module")
def bare_oxigraph(graph, tmp_path_factory):
    """The command line's path: the N-Triples file in a bare pyoxigraph Store, no rdflib between."""
    file = tmp_path_factory.mktemp("bare") / "graph.nt"
    graph.serialize(file, format="nt", encoding="utf-8")
    return stores.oxigraph_store(file)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_saved_query_agrees_on_both_stores(graph, oxigraph, bare_oxigraph, name):
    memory = run_query(graph, QUERIES[name].text)
    fast = run_query(oxigraph, QUERIES[name].text)
    assert memory.columns == fast.columns
    assert _normalised(memory) == _normalised(fast)
    # a question across sources finds nothing in the article alone; test_sources.py asks it
    # of both stores with a second source
    assert bool(memory.rows) == (name not in ACROSS_SOURCES), name
    assert run_on_oxigraph(bare_oxigraph, QUERIES[name].text) == fast  # rows, order and all


def test_persistent_store_is_loaded_once(tmp_path, make_data):
    data = make_data({})
    path = tmp_path / "ox"
    first = api.load_store("oxigraph", path, data)
    count = len(first)
    assert (tmp_path / "ox.fingerprint.json").is_file()
    api._stores.clear()
    del first
    gc.collect()  # pyoxigraph releases the folder's lock when the store is collected
    built = []
    reopened = stores.open_store(lambda: built.append(1), "oxigraph", path, api._fingerprint(data))
    assert built == [] and len(reopened) == count  # opened from disk, not rebuilt
    rows = run_query(reopened, "SELECT ?n WHERE { ?p a sg:Person ; rdfs:label ?n }")
    assert rows.column("n") == ["Julián Gorkin"]


def test_cli_query_on_oxigraph_without_prefixes():
    rows = api.query(
        'SELECT ?n WHERE { ?p a sg:Person ; rdfs:label ?n FILTER(?n = "Andrés Nin") }',
        store="oxigraph",
    )
    assert rows.column("n") == ["Andrés Nin"]


def _count(graph) -> int:
    return int(run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])


@pytest.mark.slow
def test_graph_file_gives_the_same_graph_in_every_store(tmp_path, graph):
    file = tmp_path / "serge.nt"
    graph.serialize(file, format="nt", encoding="utf-8")
    murders = _normalised(run_query(graph, QUERIES["murders"].text))
    for kind, path in [("memory", None), ("oxigraph", None), ("oxigraph", tmp_path / "ox")]:
        loaded = stores.load_graph_file(file, kind, path)
        assert _count(loaded) == len(graph), (kind, path)
        assert stores.triple_count(loaded) == len(graph), (kind, path)
        assert _normalised(run_query(loaded, QUERIES["murders"].text)) == murders, (kind, path)


@pytest.mark.slow
def test_graph_file_is_bulk_loaded_once_and_again_when_it_changes(tmp_path, graph):
    file, folder = tmp_path / "serge.nt", tmp_path / "ox"
    graph.serialize(file, format="nt", encoding="utf-8")
    stores.load_graph_file(file, "oxigraph", folder)
    sentinel = folder / "sentinel"
    sentinel.touch()
    assert _count(stores.load_graph_file(file, "oxigraph", folder)) == len(graph)
    assert sentinel.exists()  # reopened, not reloaded
    smaller = Graph()
    for triple in list(graph)[:100]:
        smaller.add(triple)
    smaller.serialize(file, format="nt", encoding="utf-8")
    gc.collect()
    assert _count(stores.load_graph_file(file, "oxigraph", folder)) == 100
    assert not sentinel.exists()


def test_missing_graph_file_is_a_clear_error(tmp_path):
    with pytest.raises(stores.StoreError, match="no such graph file"):
        stores.load_graph_file(tmp_path / "absent.nt", "oxigraph")


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_broken_graph_file_names_file_and_line_and_leaves_no_folder(tmp_path, kind):
    file = tmp_path / "broken.nt"
    file.write_text('<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> "unclosed .\n', encoding="utf-8")
    folder = tmp_path / "ox" if kind == "oxigraph" else None
    with pytest.raises(stores.StoreError, match=r"broken\.nt: not valid N-Triples") as error:
        stores.load_graph_file(file, kind, folder)
    assert "unclosed" in str(error.value) or "line 2" in str(error.value)
    assert not (tmp_path / "ox").exists() and not (tmp_path / "ox.fingerprint.json").exists()
