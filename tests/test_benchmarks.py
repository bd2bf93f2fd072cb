"""The synthetic corpora the benchmarks measure are shaped like the real one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from serge_graph import api
from serge_graph.links import corpus_links
from serge_graph.namespaces import PREFIXES
from serge_graph.places import corpus_locations

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import synthetic_corpus, write_streaming


def _count(graph: Graph, kind: str) -> int:
    query = f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a {kind} }}"
    return int(graph.query(query, initNs=dict(PREFIXES)).bindings[0]["n"])


@pytest.mark.slow
def test_copies_multiply_every_kind_of_node(corpus, graph):
    tripled = api.build_graph(synthetic_corpus(corpus, 3))
    for kind in ("sg:Person", "sg:Event", "sg:Mention", "oa:Annotation"):
        assert _count(tripled, kind) == 3 * _count(graph, kind) > 0, kind
    points = len(corpus_locations(corpus)[0])  # the real places' points: copies carry none
    links = len(corpus_links(corpus))  # nor the links out (data/links.yaml)
    assert _count(tripled, "sg:Claim") == 3 * (_count(graph, "sg:Claim") - points - links) > 0


@pytest.mark.slow
def test_streaming_build_writes_the_whole_corpus(tmp_path, corpus):
    whole = api.build_graph(synthetic_corpus(corpus, 3))
    file = tmp_path / "x3.nt"
    write_streaming(corpus, 3, file, batch=2)
    assert set(Graph().parse(file, format="nt")) == set(whole)
    assert not (tmp_path / "x3.nt.partial").exists()


def test_growth_table_gives_each_querys_cost_by_size_and_its_growth():
    from run import growth_table

    rows = [
        {"copies": 10, "queries_cpu": {"a": 0.02, "b": 0.5}, "queries": {"a": 0.03, "b": 0.6}},
        {"copies": 1, "queries_cpu": {"a": 0.002, "b": 0.1}, "queries": {"a": 0.01, "b": 0.2}},
        {"copies": 100, "queries_cpu": {"a": 0.3, "b": None}, "queries": {"a": 0.9, "b": None}},
    ]
    lines = growth_table(rows).splitlines()
    assert lines[0] == "| query | 1× | 10× | 100× | 1×→10× | 10×→100× | 100× wall |"
    assert lines[2] == "| `a` | 0.002 | 0.020 | 0.300 | 10.0× | 15.0× | 0.900 |"
    assert lines[3] == "| `b` | 0.100 | 0.500 | > budget | 5.0× |  | > budget |"
    assert lines[4] == "| all 2 | 0.102 | 0.520 | > budget | 5.1× |  | > budget |"


def _mutation_row(module: str, killed: int, surviving: dict) -> dict:
    return {
        "module": module,
        "mutants": killed + len(surviving),
        "killed": killed,
        "timeout": 0,
        "survived": len(surviving),
        "no_tests": 0,
        "score": round(killed / (killed + len(surviving)), 3),
        "seconds": 10,
        "seconds_per_mutant": 1.0,
        "jobs": 1,
        "date": "2026-12-02",
        "surviving": surviving,
    }


def test_a_mutation_run_keeps_the_rows_another_run_saved_meanwhile(tmp_path):
    from mutation import save_row

    out = tmp_path / "mutation-results.json"
    save_row(out, _mutation_row("source", 9, {"a": []}))
    save_row(out, _mutation_row("model", 4, {}))  # another run, ended in between
    saved = save_row(out, _mutation_row("source", 10, {}), mutmut="mutmut 3.8.1", cpu_count=2)
    assert [(r["module"], r["killed"]) for r in saved["modules"]] == [("model", 4), ("source", 10)]
    assert (saved["mutmut"], saved["cpu_count"]) == ("mutmut 3.8.1", 2)
    assert json.loads(out.read_text()) == saved


def test_the_mutation_table_scores_the_request_handling_without_its_server_process():
    from mutation import table

    surviving = {
        "serge_graph.server.app.x_run__mutmut_5": [],
        "serge_graph.server.app.x__host_name__mutmut_5": [],
    }
    lines = table({"modules": [_mutation_row("server/app", 8, surviving)]}).splitlines()
    assert lines[2:] == [
        "| server/app | 10 | 8 | 2 | 0 | 80% | 10 s (1.0 s/mutant, 1 at once) | 2026-12-02 |",
        "| server/app without run, _Server.__init__, _Server.handle_exit | 9 | 8 | 1 | – "
        "| 89% | | |",
    ]


def test_shared_copies_keep_the_entities_and_multiply_what_is_said_of_them(corpus):
    """--shared: a hundred sources about the same people; each source its own number (its
    own text page), each claim and mention its own, every entity and event the article's."""
    real = corpus.annotations
    twice = synthetic_corpus(corpus, 2, shared=True)
    assert set(twice.annotations.entities) == set(real.entities)
    assert set(twice.annotations.events) == set(real.events)
    assert len(twice.annotations.claims) == 2 * len(real.claims)
    assert len(twice.annotations.mentions) == 2 * len(real.mentions)
    numbers = [s.number for s in twice.sources.values()]
    assert len(set(numbers)) == len(numbers) == 2 * len(corpus.sources)
    event = next(e for e in real.events.values() if e.evidence)
    merged = twice.annotations.events[event.id]
    assert len(merged.evidence) == 2 * len(event.evidence)  # both sources tell it
    assert {s.source for e in merged.evidence for s in [e.span]} == {
        *(e.span.source for e in event.evidence),
        *(e.span.source + "-c2" for e in event.evidence),
    }
