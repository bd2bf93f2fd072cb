"""`show` and the saved sample answer read in a terminal: lines that fit its width, dates
printed, one row for a claim however many quotes it has."""

from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from serge_graph.cli import main
from serge_graph.namespaces import ID, SG


def run(*args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_fits_the_terminal_and_wraps_instead_of_cutting(graph):
    out = run("show", "Victor Serge", columns=80)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = " ".join(out.split())
    quote = str(graph.value(ID["claim/victor-serge--deathDate--1947-11-17"], SG.quote))
    assert set(quote.split()) <= set(words.split())  # the quote is there, wrapped, not cut
    wide = run("show", "Victor Serge", columns=200)
    assert len(wide.splitlines()) < len(lines)  # a wider terminal takes fewer lines


def test_show_prints_dates_and_one_row_per_claim(graph):
    rows = json.loads(run("show", "Umansky", "--format", "json"))
    per_claim = Counter((row["claim"], row["source"]) for row in rows)
    assert per_claim and max(per_claim.values()) == 1
    died = [r for r in rows if r["claim"].endswith("konstantin-umansky--deathDate--1943")]
    assert died and died[0]["date"] == "1943" and died[0]["rank"] == "deprecated"
    two = [r for r in rows if " / " in r["quote"]]
    assert two  # a claim with two quotes: both in its one row
    claim = ID[two[0]["claim"][len(str(ID)) :]]
    quotes = {str(q) for e in graph.objects(claim, SG.evidence) for q in _exact(graph, e)}
    assert set(two[0]["quote"].split(" / ")) == quotes
    table = run("show", "Umansky")
    assert "1943" in table and "deprecated" in table


def _exact(graph, evidence):
    from serge_graph.namespaces import OA

    for target in graph.objects(evidence, OA.hasTarget):
        for selector in graph.objects(target, OA.hasSelector):
            yield from graph.objects(selector, OA.exact)


def test_the_sample_answer_has_one_row_per_fact_and_speaker():
    rows = json.loads(run("query", "--saved", "murders", "--format", "json"))
    keys = Counter((r["victim"], r["perpetrator"], r["speaker"]) for r in rows)
    assert keys and max(keys.values()) == 1  # Erlich and the NKVD once
    erlich = [r for r in rows if r["victim"] == "Henryk Erlich" and r["perpetrator"] == "NKVD"]
    # the event role's quote holds the claim's ("murdered by the Soviet NKVD in December 1942"):
    # the longer, once
    quote = "leaders of the Bund murdered by the Soviet NKVD in December 1942"
    assert [r["quote"] for r in erlich] == [quote]
    assert max(len(line) for line in run("query", "--saved", "murders").splitlines()) <= 80
