"""`serge-graph diff`: the built graph against itself (no change), against a copy with one
claim removed and one changed (both named, in words and as JSON), two git revisions, bad
input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from serge_graph.cli import main
from serge_graph.queries import run_query

SG = "https://w3id.org/serge-graph/ontology#"


@pytest.fixture(scope="module")
def two_claims(graph) -> tuple[str, str]:
    """A claim to remove and a stated claim to make implied, both with quotes."""
    rows = run_query(
        graph,
        "SELECT ?c WHERE { ?c a sg:Claim ; sg:certainty sg:Stated ; sg:evidence ?e } "
        "GROUP BY ?c ORDER BY ?c LIMIT 2",
    ).rows
    return rows[0][0], rows[1][0]


@pytest.fixture(scope="module")
def edited(graph_file, two_claims, tmp_path_factory) -> Path:
    """The graph as N-Triples with the first claim (node and evidence) gone and the second's
    certainty changed from stated to implied."""
    removed, changed = two_claims
    lines = Path(graph_file).read_text(encoding="utf-8").splitlines(keepends=True)
    kept = []
    for line in lines:
        subject = line.split(" ", 1)[0]
        if subject == f"<{removed}>" or subject.startswith(f"<{removed}/"):
            continue
        if subject == f"<{changed}>" and f"<{SG}certainty>" in line:
            line = line.replace(f"<{SG}Stated>", f"<{SG}Implied>")
        kept.append(line)
    out = tmp_path_factory.mktemp("diff") / "edited.nt"
    out.write_text("".join(kept), encoding="utf-8")
    return out


def test_the_build_against_itself_has_no_change(graph_file):
    result = CliRunner().invoke(main, ["diff", graph_file, graph_file])
    assert result.exit_code == 0, result.output
    assert result.output == "claims: no change\n"


def test_a_removed_and_a_changed_claim_are_named(graph_file, edited, two_claims):
    removed, changed = two_claims
    result = CliRunner().invoke(main, ["diff", graph_file, str(edited), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["added"] == []
    assert [c["claim"] for c in found["removed"]] == [removed]
    assert [c["claim"] for c in found["changed"]] == [changed]
    assert found["changed"][0]["fields"] == {"certainty": {"old": "stated", "new": "implied"}}
    words = CliRunner().invoke(main, ["diff", graph_file, str(edited)], env={"COLUMNS": "400"})
    assert words.output.startswith("claims: 0 added, 1 removed, 1 changed\n")
    rows = words.output.splitlines()[3:5]  # under the header and its rule
    assert rows[0].split()[:2] == ["removed", removed]
    assert rows[1].split()[:2] == ["changed", changed]
    assert rows[1].endswith("certainty: stated → implied")
    backwards = json.loads(
        CliRunner().invoke(main, ["diff", str(edited), graph_file, "--format", "json"]).output
    )
    assert [c["claim"] for c in backwards["added"]] == [removed]


def test_bad_input_is_a_message_not_a_traceback(graph_file, tmp_path):
    runner = CliRunner()
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    for args, words in [
        (["diff", graph_file, str(tmp_path / "missing.nt")], "no such graph file"),
        (["diff", graph_file, str(broken)], "not valid ttl"),
        (["diff", graph_file], "give two graph files"),
        (["diff", "--rev", "no-such-revision-anywhere"], "cannot read the data of revision"),
    ]:
        result = runner.invoke(main, args)
        assert result.exit_code != 0 and words in result.output, (args, result.output)
        assert "Traceback" not in result.output


@pytest.mark.slow
def test_two_git_revisions_of_the_data_are_built_and_compared():
    result = CliRunner().invoke(main, ["diff", "--rev", "HEAD", "--rev", "HEAD"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("claims: no change\n")
