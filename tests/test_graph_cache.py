"""Build once, query many times: the kept graph is the built graph, and never a stale one."""

from __future__ import annotations

import json
import subprocess
import sys

from rdflib import Graph
from rdflib.compare import isomorphic

from serge_graph import api, graph_cache
from serge_graph.project import resolve_paths


def _query(data, text: str) -> list[dict]:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "serge_graph",
            "--data",
            str(data),
            "query",
            text,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_kept_graph_is_the_built_graph(graph):
    kept = graph_cache.cached_graph_file(resolve_paths(None))
    api.build(cached=False)  # builds and keeps
    assert kept.is_file() and isomorphic(Graph().parse(kept, format="nt"), graph)
    assert isomorphic(api.build(cached=True), graph)


def test_an_edited_annotation_is_seen_by_the_next_query(make_data):
    data = make_data({})
    question = 'SELECT ?d WHERE { ?p rdfs:label "Madrid" ; dcterms:description ?d }'
    assert _query(data, question) == []  # the base file's Madrid has no description
    first_key = graph_cache.cached_graph_file(resolve_paths(data))
    assert first_key.is_file()
    base = data / "annotations" / "00-base.yaml"
    base.write_text(
        base.read_text(encoding="utf-8").replace(
            "    name: Madrid\n", "    name: Madrid\n    description: The capital of Spain.\n"
        ),
        encoding="utf-8",
    )
    assert _query(data, question) == [{"d": "The capital of Spain."}]
    assert graph_cache.cached_graph_file(resolve_paths(data)) != first_key


def test_validate_checks_whatever_was_kept(make_data):
    data = make_data({})
    assert _query(data, "ASK { ?s ?p ?o }") == [{"answer": True}]  # built and kept (a JSON boolean)
    (data / "annotations" / "bad.yaml").write_text("entities:\n  - id: Bad Id\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "serge_graph", "--data", str(data), "validate"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1 and "bad.yaml:2" in run.stderr
