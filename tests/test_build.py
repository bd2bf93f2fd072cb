"""The built graph: conforms to the shapes, parses back, is deterministic, is valid Turtle."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF

from serge_graph import api
from serge_graph.namespaces import ID, SG

from .conftest import ROOT


def test_graph_conforms_to_the_shapes(graph):
    violations = api.check_graph(graph)
    assert violations == [], "\n".join(map(str, violations[:20]))


def test_shapes_catch_a_claim_without_evidence(graph):
    broken = Graph() + graph
    claim = next(broken.subjects(RDF.type, SG.Claim))
    broken.remove((claim, SG.evidence, None))
    messages = [v.message for v in api.check_graph(broken)]
    assert "A claim has at least one evidence annotation." in messages


def test_turtle_parses_back_identically(graph):
    text = api.serialize_graph(graph, "turtle")
    parsed = Graph().parse(data=text, format="turtle")
    assert len(parsed) == len(graph)
    only_built, only_parsed = graph_diff(to_isomorphic(graph), to_isomorphic(parsed))[1:]
    assert len(only_built) == 0 and len(only_parsed) == 0


def test_build_is_byte_identical_across_processes(tmp_path):
    outputs = []
    for run in ("a", "b"):
        env = {**os.environ, "PYTHONHASHSEED": str(len(outputs) + 1)}
        subprocess.run(
            [sys.executable, "-m", "serge_graph", "build", "--out", str(tmp_path / run)],
            check=True,
            capture_output=True,
            env=env,
        )
        outputs.append((tmp_path / run / "serge.ttl").read_bytes())
    assert outputs[0] == outputs[1]


def test_second_parser_accepts_the_turtle(tmp_path, graph):
    rapper = shutil.which("rapper")
    if rapper is None:
        if os.environ.get("SERGE_GRAPH_REQUIRE_TOOLS"):
            pytest.fail("rapper (Debian raptor2-utils) is required in CI")
        pytest.skip("RAPPER MISSING: apt-get install raptor2-utils to run this check")
    path = tmp_path / "serge.ttl"
    api.write_graph(graph, path)
    result = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"returned {len(graph)} triples" in result.stderr


def test_hierarchy_is_materialised(graph):
    nin_murder = ID["event/murder-of-andres-nin"]
    assert (nin_murder, RDF.type, SG.Murder) in graph
    assert (nin_murder, RDF.type, SG.Event) in graph
    assert (nin_murder, SG.victim, ID["person/andres-nin"]) in graph
    assert (nin_murder, SG.participant, ID["person/andres-nin"]) in graph


def test_failed_build_leaves_earlier_output_untouched(tmp_path, make_data):
    from click.testing import CliRunner

    from serge_graph.cli import main

    out = tmp_path / "out"
    out.mkdir()
    (out / "serge.ttl").write_text("earlier build\n")
    data = make_data({"bad.yaml": "claims:\n  - {subject: nobody, relation: livedIn}\n"})
    result = CliRunner().invoke(main, ["--data", str(data), "build", "--out", str(out)])
    assert result.exit_code == 1 and "unknown id 'nobody'" in result.output
    assert (out / "serge.ttl").read_text() == "earlier build\n"
    assert sorted(p.name for p in out.iterdir()) == ["serge.ttl"]


def test_write_interrupted_midway_leaves_no_half_file(tmp_path, monkeypatch):
    build_module = importlib.import_module("serge_graph.build")  # the package exports a build() too

    target = tmp_path / "serge.ttl"
    target.write_text("earlier build\n")

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(build_module.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        build_module.write_atomically(target, b"new content")
    assert target.read_text() == "earlier build\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["serge.ttl"]  # the temporary is gone


def test_project_root_is_the_checkout():
    assert (ROOT / "pyproject.toml").is_file()
