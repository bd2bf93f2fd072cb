"""Build once, query many times: the kept graph is the built graph, and never a stale one."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from serge_graph import api, graph_cache
from serge_graph.build import build_ntriples
from serge_graph.ntriples import NTriplesSink
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


@pytest.mark.slow
def test_the_kept_graph_is_the_built_graph(graph):
    kept = graph_cache.cached_graph_file(resolve_paths(None))
    api.build(cached=False)  # builds and keeps
    assert kept.is_file() and isomorphic(Graph().parse(kept, format="nt"), graph)
    assert isomorphic(api.build(cached=True), graph)


@pytest.mark.slow
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


@pytest.mark.slow
def test_the_graph_written_straight_to_ntriples_is_the_built_graph(corpus, graph):
    written = build_ntriples(corpus)
    assert isomorphic(Graph().parse(data=written.decode("utf-8"), format="nt"), graph)
    lines = written.decode("utf-8").splitlines()
    assert lines == sorted(set(lines)) and len(lines) == len(graph)  # sorted, each triple once


def test_ntriples_lines_keep_every_character_of_a_literal():
    import pyoxigraph

    subject, predicate = URIRef("urn:x:s"), URIRef("urn:x:p")
    literals = [
        Literal('He said "no" \\ and\nthen\r\tleft – Cardeñas'),
        Literal("Serge’s words", lang="en"),
        Literal("1942-04", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")),
        Literal(17),
    ]
    sink = NTriplesSink()
    for literal in literals:
        sink.add((subject, predicate, literal))
    text = sink.ntriples().decode("utf-8")
    assert set(Graph().parse(data=text, format="nt").objects(subject, predicate)) == set(literals)
    parsed = pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert sorted(t.object.value for t in parsed) == sorted(str(x) for x in literals)


def test_a_remembered_result_is_computed_again_when_an_input_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(graph_cache.CACHE_ENV, str(tmp_path / "cache"))
    ontology = tmp_path / "ontology.ttl"
    ontology.write_text("one", encoding="utf-8")
    computed = []

    def findings() -> list[str]:
        computed.append(ontology.read_text(encoding="utf-8"))
        return [computed[-1]]

    assert graph_cache.remembered("lint", ["ASK {}", ontology], findings) == ["one"]
    assert graph_cache.remembered("lint", ["ASK {}", ontology], findings) == ["one"]
    assert computed == ["one"]  # the second answer came from the cache
    ontology.write_text("two", encoding="utf-8")
    assert graph_cache.remembered("lint", ["ASK {}", ontology], findings) == ["two"]
    assert graph_cache.remembered("lint", ["ASK { ?s ?p ?o }", ontology], findings) == ["two"]
    assert computed == ["one", "two", "two"]


@pytest.mark.slow
def test_the_kept_site_is_the_written_site_and_an_edit_writes_it_again(make_data):
    from serge_graph.api.pages import site_files

    data = make_data({})
    said: list[str] = []
    written = site_files(data, said.append)
    archive = graph_cache.cached_site_file(resolve_paths(data))
    assert graph_cache.kept_site(archive) == written
    assert site_files(data, said.append) == written and "from the cache" in said[-1]
    base = data / "annotations" / "00-base.yaml"
    base.write_text(
        base.read_text(encoding="utf-8").replace(
            "    name: Madrid\n", "    name: Madrid\n    description: The capital of Spain.\n"
        ),
        encoding="utf-8",
    )
    edited = site_files(data, said.append)
    assert "from the cache" not in said[-1]
    madrid = next(p for p in edited if p.startswith("id/") and p.endswith("/madrid.html"))
    assert b"The capital of Spain." in edited[madrid] and madrid in written
    assert b"The capital of Spain." not in written[madrid]
