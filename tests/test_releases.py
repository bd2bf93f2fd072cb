"""Stable claim IRIs: every claim IRI of the last release is still a claim or withdrawn with a
tombstone; the tombstones are read with their file and line; the site writes a page at each
withdrawn claim's address (the server's 410 is in test_serve_iris)."""

from __future__ import annotations

from html import unescape

import pytest

from serge_graph import retired
from serge_graph.project import project_root
from serge_graph.queries import run_query


def test_every_claim_iri_of_the_last_release_is_a_claim_or_withdrawn(graph):
    data = project_root() / "data"
    releases = retired.release_files(data)
    assert releases, "data/releases/ holds the claim IRIs of each release"
    released = retired.read_release(releases[-1])
    claims = {row[0] for row in run_query(graph, "SELECT ?c WHERE { ?c a sg:Claim }").rows}
    assert len(released) > 700
    problems = retired.release_problems(released, claims, retired.read_retired(data))
    assert not problems, "\n".join(problems)


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
