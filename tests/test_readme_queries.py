"""Every SPARQL example in the README runs, lints clean and answers something: a reader who
copies one gets rows, not a warning or an empty table."""

from __future__ import annotations

import re
import textwrap
import warnings
from pathlib import Path

import pytest

from serge_graph import api
from serge_graph.errors import SergeGraphWarning

README = Path(__file__).parents[1] / "README.md"
EXAMPLES = [
    textwrap.dedent(block)
    for block in re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
]


def test_the_readme_has_its_examples():
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("query", EXAMPLES, ids=lambda q: q.split("{")[0].strip()[:40])
def test_a_readme_example_runs_clean_and_answers(query):
    with warnings.catch_warnings():
        warnings.simplefilter("error", SergeGraphWarning)
        rows = api.query(query)
    assert rows.rows


def test_the_two_layers_answer_as_the_readme_says():
    event, direct = (q for q in EXAMPLES if "Communists" in q)
    rows = api.query(event).as_dicts()
    assert {str(r["when"]) for r in rows} == {"1943-04"}
    assert "Julián Gorkin" in {r["victim"] for r in rows}
    claims = api.query(direct).as_dicts()
    assert len(claims) == 5
    stormed = [r for r in claims if "stormed in" in r["quote"]]
    assert {r["whom"] for r in stormed} == {"Victor Serge", "Julián Gorkin"}
    assert "Victor Serge" not in {r["victim"] for r in rows}  # no event's role says it
