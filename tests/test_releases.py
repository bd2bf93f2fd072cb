"""Stable claim IRIs: every claim IRI of the last release is still a claim or withdrawn with a
tombstone; the tombstones are read with their file and line; the site writes a page at each
withdrawn claim's address (the server's 410 is in test_serve_iris)."""

from __future__ import annotations

from html import unescape

import pytest
from click.testing import CliRunner

from serge_graph import api, retired
from serge_graph.cli import main
from serge_graph.project import project_root


def test_every_claim_iri_of_the_last_release_is_a_claim_or_withdrawn(graph):
    version, released, problems = api.release_check(graph)
    assert version == "0.1.0" and released > 800
    assert not problems, "\n".join(problems)


def test_validate_names_a_released_claim_that_left_without_a_tombstone(make_data):
    data = make_data({})
    kept, gone = (
        f"{retired.CLAIM_BASE}julian-gorkin--livedIn--madrid",
        f"{retired.CLAIM_BASE}x--y--z",
    )
    (data / "releases").mkdir()
    (data / "releases" / "0.1.0-claims.txt").write_text(f"# 0.1.0\n{kept}\n{gone}\n")
    runner = CliRunner()
    result = runner.invoke(main, ["--data", str(data), "validate"])
    assert result.exit_code == 1, result.output
    assert f"{gone}: in the release but neither a claim today nor in retired-claims.yaml" in (
        result.output
    )
    assert kept not in result.output and "Traceback" not in result.output
    (data / retired.RETIRED_FILE).write_text(f"- iri: {gone}\n  date: 2026-12-08\n  why: a test\n")
    result = runner.invoke(main, ["--data", str(data), "validate"])
    assert result.exit_code == 0, result.output
    assert "release 0.1.0: OK (2 claim IRIs still claims or withdrawn)" in result.output


def test_a_tombstone_needs_an_iri_a_date_and_a_reason(tmp_path):
    (tmp_path / retired.RETIRED_FILE).write_text(
        "- iri: https://w3id.org/serge-graph/id/claim/a--b--c\n"
        "  date: 2026-13-01\n"
        "  why: renamed\n"
        "- iri: https://example.org/x\n"
        "  date: 2026-12-01\n"
        "  why: gone\n",
        encoding="utf-8",
    )
    with pytest.raises(retired.AnnotationError) as raised:
        retired.read_retired(tmp_path)
    said = str(raised.value)
    assert "retired-claims.yaml:1: date '2026-13-01' is not YYYY-MM-DD" in said
    assert "retired-claims.yaml:4: 'https://example.org/x' is not a claim IRI" in said


def test_the_site_has_a_page_at_each_withdrawn_claims_address(site):
    data = project_root() / "data"
    tombstones = retired.read_retired(data)
    assert tombstones, "data/retired-claims.yaml lists the withdrawn claims"
    for tombstone in tombstones:
        page = site / "id" / "claim" / f"{tombstone.claim_id}.html"
        html = page.read_text(encoding="utf-8")
        day = f"{tombstone.date.day} {tombstone.date:%B %Y}"
        assert f"This claim was withdrawn on {day}" in html
        assert " ".join(tombstone.why.split()) in " ".join(unescape(html).split())
        if tombstone.replaced_by:
            successor = tombstone.replaced_by.rsplit("/", 1)[1]
            assert f'href="../../id/claim/{successor}.html"' in html
            assert (site / "id" / "claim" / f"{successor}.html").is_file()
