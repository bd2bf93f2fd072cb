"""The command line through click's CliRunner, on the real data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF

from serge_graph.cli import main
from serge_graph.namespaces import SG


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def invoke(runner, *args):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result


# Every command's --help (found from click's group) is checked in test_cli_values.py.


@pytest.mark.slow
def test_build_writes_the_graph_and_prints_its_counts(runner, tmp_path, graph):
    result = invoke(runner, "build", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = Graph().parse(tmp_path / "serge.ttl", format="turtle")
    assert to_isomorphic(written) == to_isomorphic(graph)
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote {tmp_path / 'serge.ttl'} ({len(graph)} triples)"
    counts = dict(line.rsplit(None, 1) for line in lines[3:-1])
    assert int(counts["person"]) == len(set(graph.subjects(RDF.type, SG.Person)))
    assert int(counts["claim"]) == len(set(graph.subjects(RDF.type, SG.Claim)))
    assert lines[-1] == f"({len(lines) - 4} rows)"


@pytest.mark.slow
def test_validate_passes_on_the_real_data(runner):
    result = invoke(runner, "validate")
    assert result.exit_code == 0, result.output
    assert "annotations: OK" in result.output and "SHACL: OK" in result.output


def test_validate_fails_with_file_and_line(runner, make_data):
    broken = (
        "claims:\n  - {subject: nobody, relation: livedIn, object: madrid, evidence: [Madrid]}\n"
    )
    data = make_data({"bad.yaml": broken})
    result = runner.invoke(main, ["--data", str(data), "validate"])
    assert result.exit_code == 1
    assert "data/annotations/bad.yaml:2: unknown id 'nobody' in subject" in result.output
    assert "Traceback" not in result.output


def test_query_string_in_each_format(runner):
    sparql = 'SELECT ?name WHERE { ?p a sg:Person ; rdfs:label ?name FILTER(?name = "Andrés Nin") }'
    table = invoke(runner, "query", sparql)
    assert table.exit_code == 0 and "Andrés Nin" in table.output and "(1 row)" in table.output
    rows = json.loads(invoke(runner, "query", sparql, "--format", "json").stdout)
    assert rows == [{"name": "Andrés Nin"}]
    parsed = list(
        csv.reader(io.StringIO(invoke(runner, "query", sparql, "--format", "csv").stdout))
    )
    assert parsed == [["name"], ["Andrés Nin"]]


def test_query_from_file_and_saved(runner, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text('ASK { ?p rdfs:label "Victor Serge" }', encoding="utf-8")
    assert json.loads(invoke(runner, "query", "--file", str(path), "--format", "json").stdout) == [
        {"answer": True}  # a JSON boolean, no longer the text "true"
    ]
    saved = json.loads(
        invoke(runner, "query", "--saved", "pamphlet-signatories", "--format", "json").output
    )
    assert {row["signatory"] for row in saved} >= {"Victor Serge", "Julián Gorkin"}


def test_query_list_shows_questions(runner):
    result = invoke(runner, "query", "--list", "--format", "json")
    listed = {row["name"]: row["question"] for row in json.loads(result.stdout)}
    assert listed["murders"] == "Who was murdered, where, and by whom, and who says so?"
    assert len(listed) >= 8


def test_bad_query_gives_line_and_column_and_exit_2(runner):
    result = runner.invoke(main, ["query", "SELECT ?x\nWHERE { ?x a sg:Person"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(
        "Error: SPARQL syntax error at line 2, column 23: "
    )
    assert result.stderr.splitlines()[2] == "  " + " " * 22 + "^"  # after "sg:Person"
    assert "Traceback" not in result.output


def test_unknown_saved_query_suggests(runner):
    result = runner.invoke(main, ["query", "--saved", "murder"])
    assert result.exit_code == 2
    # the hint in the shell's words; in Python the same error says sg.list_saved_queries()
    assert result.stderr.splitlines()[-1] == (
        "Error: no saved query named 'murder'; did you mean murders? "
        "(list them: serge-graph query --list)"
    )


def test_show_finds_names_without_case_or_accents(runner):
    result = invoke(runner, "show", "lazaro CARDENAS")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Lázaro Cárdenas (Person")
    assert "Cardeñas" in result.output and "general knowledge" in result.output
    facts = json.loads(invoke(runner, "show", "Cardeñas", "--format", "json").stdout)
    assert any("President of Mexico" in row["quote"] for row in facts)
    assert all(row["speaker"] for row in facts)


def test_show_unknown_name_suggests(runner):
    result = runner.invoke(main, ["show", "Umanski"])
    assert result.exit_code == 2
    assert "Konstantin Umansky" in result.output


# Exports in every format are compared with the built graph in test_invariants.py.


def test_stats_counts_by_type_and_speaker(runner):
    stats = json.loads(invoke(runner, "stats", "--format", "json").stdout)
    types = {row["type"]: int(row["count"]) for row in stats["types"]}
    assert types["note"] == 17 and types["paragraph"] == 83 and types["source text"] == 1
    speakers = {row["speaker"] for row in stats["speakers"]}
    assert {"Julián Gorkin", "editors of Revolutionary History", "Victor Serge"} <= speakers


def test_vocabulary_lists_relations(runner):
    rows = json.loads(invoke(runner, "vocabulary", "--format", "json").stdout)
    relations = {row["name"]: row["takes"] for row in rows if row["kind"] == "relation"}
    assert relations["authorOf"] == "entity" and relations["birthDate"] == "date"
