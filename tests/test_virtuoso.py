"""Virtuoso as the production store: the real virtuoso-t on loopback, the graph published
through the CLI, and every saved query answering through its SPARQL endpoint as on Oxigraph.

Rows are compared as multisets; where a query orders its answer by variables it
returns, the order of those columns must match too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from rdflib.plugins.sparql import prepareQuery

from serge_graph import api
from serge_graph.namespaces import PREFIXES
from serge_graph.queries import with_prefixes
from serge_graph.server import workers
from serge_graph.stores import GRAPH_NAME

from .serving import free_port, running_virtuoso

pytestmark = pytest.mark.slow  # virtuoso-t: not in make check

ROOT = Path(__file__).resolve().parents[1]
SAVED = [row[0] for row in api.list_saved_queries().rows]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """virtuoso-t from deploy/virtuoso.ini, on free loopback ports, stopped by its PID."""
    if shutil.which("virtuoso-t") is None:
        message = "virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource-7-bin)"
        if os.environ.get("SERGE_GRAPH_REQUIRE_TOOLS"):
            pytest.fail(message)
        pytest.skip(message)
    # a small page cache: the article needs little, and CI's machine is shared
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso"), {"NumberOfBuffers": "20000"}) as v:
        yield v


def _publish(*arguments: str) -> subprocess.CompletedProcess:
    """`serge-graph publish virtuoso ARGUMENTS` as a user runs it."""
    command = [sys.executable, "-m", "serge_graph", "publish", "virtuoso", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def published(virtuoso, graph):
    """The article's graph, written as N-Triples and published through the real CLI."""
    file = virtuoso["folder"] / "serge.nt"
    graph.serialize(file, format="nt", encoding="utf-8")
    run = _publish(str(file), "--isql", virtuoso["isql"])
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith(f"<{GRAPH_NAME}> holds {len(graph)} triples")
    return {**virtuoso, "file": file}


@pytest.fixture(scope="module")
def oxigraph(published):
    return workers.open_engine(workers.GraphSource("oxigraph", file=str(published["file"])))


def _rows(answer: dict, names: list[str]) -> list[tuple]:
    if "boolean" in answer:
        return [(answer["boolean"],)]
    return [tuple(b.get(n, {}).get("value") for n in names) for b in answer["results"]["bindings"]]


def _ordered_by(text: str, names: list[str]) -> list[str]:
    """The ORDER BY keys that are returned columns, up to the first that is not."""
    query = prepareQuery(text, initNs=dict(PREFIXES))
    keys: list[str] = []
    node = query.algebra
    while node is not None and getattr(node, "name", None) != "OrderBy":
        node = node.get("p") if isinstance(node, dict) else None
    for condition in node.expr if node is not None else []:
        name = str(getattr(condition, "expr", condition))
        if name not in names:
            break
        keys.append(name)
    return keys


def _sort_key(row: tuple) -> tuple:
    return tuple((value is None, str(value or "")) for value in row)


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_answers_on_virtuoso_as_on_oxigraph(published, oxigraph, name):
    text = api.saved_query_text(name)
    request = workers.QueryRequest(
        text, [("application/sparql-results+json", 1.0)], None, 1_000_000
    )
    expected = json.loads(workers.answer(oxigraph, request)[2])
    response = httpx.post(
        published["endpoint"],
        data={"query": with_prefixes(text), "default-graph-uri": str(GRAPH_NAME)},
        headers={"Accept": "application/sparql-results+json"},
        timeout=120,
    )
    assert response.status_code == 200, response.text[:500]
    names = expected.get("head", {}).get("vars", [])
    ours, theirs = _rows(expected, names), _rows(response.json(), names)
    assert sorted(theirs, key=_sort_key) == sorted(ours, key=_sort_key)
    keys = _ordered_by(text, names)
    if keys:
        positions = [names.index(k) for k in keys]
        assert [tuple(r[i] for i in positions) for r in theirs] == [
            tuple(r[i] for i in positions) for r in ours
        ]


def test_publishing_again_replaces_the_graph(published, graph):
    run = _publish(str(published["file"]), "--isql", published["isql"])
    assert run.returncode == 0 and f"holds {len(graph)} triples" in run.stdout  # not twice as many


def test_a_broken_file_is_a_clear_error(published, tmp_path):
    broken = published["folder"] / "broken.nt"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    run = _publish(str(broken), "--isql", published["isql"], "--graph", "urn:x:broken")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "Virtuoso refused broken.nt" in run.stderr
    assert (
        "TURTLE RDF loader, line 2: Missing object before dot" in run.stderr
    )  # Virtuoso counts from 2


def test_no_virtuoso_listening_is_a_clear_error(tmp_path, graph):
    file = tmp_path / "x.nt"
    file.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    run = _publish(str(file), "--isql", f"127.0.0.1:{free_port()}")
    if "no Virtuoso isql client" in run.stderr and not os.environ.get("SERGE_GRAPH_REQUIRE_TOOLS"):
        pytest.skip("isql-vt is not installed")
    assert run.returncode == 1 and "Connect failed" in run.stderr and "hint:" in run.stderr
