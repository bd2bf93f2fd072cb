"""Typed results: numbers as numbers, dates as dates at the text's precision, IRIs as IRIs,
the same from both stores, into typed DataFrame columns with one kind of missing value; the
command line prints the same words as before, and JSON carries numbers as numbers."""

from __future__ import annotations

import csv
import io
import json
import pickle
from collections import Counter

import pandas as pd
import pytest
from click.testing import CliRunner

from serge_graph import api, stores
from serge_graph.cli import main
from serge_graph.links import corpus_links
from serge_graph.namespaces import ID
from serge_graph.places import corpus_locations
from serge_graph.project import resolve_paths
from serge_graph.queries import run_query, saved_queries
from serge_graph.values import IRI, PartialDate

QUERIES = saved_queries(resolve_paths().queries)
runner = CliRunner()

EVENT_DATES = "SELECT ?event ?date WHERE { ?event a sg:Event ; sg:date ?date } ORDER BY ?event"


@pytest.fixture(scope="module")
def oxigraph(graph):
    return stores.open_store(lambda: graph, "oxigraph")


def _typed(rows):
    """Rows as (type, value) cells in a set order; GROUP_CONCAT's parts have no order."""

    def cell(value):
        if isinstance(value, str) and "; " in value:
            value = "; ".join(sorted(value.split("; ")))
        return (type(value).__name__, value)

    return sorted((tuple(cell(v) for v in row) for row in rows.rows), key=repr)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_saved_query_gives_the_same_typed_values_on_both_stores(graph, oxigraph, name):
    memory = run_query(graph, QUERIES[name].text, typed=True)
    fast = run_query(oxigraph, QUERIES[name].text, typed=True)
    assert memory.columns == fast.columns
    assert _typed(memory) == _typed(fast)


def test_counts_are_integers_equal_to_the_annotations(corpus, graph):
    rows = api.claims_by_speaker(graph)
    assert all(type(n) is int for n in rows.column("claims"))
    annotations = corpus.annotations
    speakers = Counter(annotations.entities[c.speaker].name for c in annotations.claims)
    speakers["general knowledge"] += len(corpus_locations(corpus)[0])  # each place's point
    speakers["general knowledge"] += len(corpus_links(corpus))  # and each link out
    assert dict(zip(rows.column("speaker"), rows.column("claims"), strict=True)) == speakers
    assert rows.to_dataframe()["claims"].dtype == "Int64"
    saved = api.run_saved("claims-by-speaker").to_dataframe()
    assert saved["claims"].dtype == "Int64"
    # a claim counts once in each part its quotes stand in; general knowledge has no quotes
    in_parts = sum(len({e.span.part for e in c.evidence}) for c in annotations.claims)
    assert saved["claims"].sum() == in_parts


def test_event_dates_are_partial_dates_at_the_annotations_precision(corpus, oxigraph, graph):
    expected = {}
    for event in corpus.annotations.events.values():
        date = event.date
        correction = event.date_ranking.get("correction")
        if correction is not None:  # the plain triple is the truthy view: the corrected date
            date = correction.value
        if event.date_reference is not None:  # general knowledge's date bounds it, no sg:date
            continue
        if date is not None and date.precision != "range":
            day = date.earliest
            expected[str(corpus.iri(event.entity.id))] = (
                PartialDate(day.year, day.month, day.day, precision=date.precision),
                date.text,
            )
    for store in (graph, oxigraph):
        rows = run_query(store, EVENT_DATES, typed=True)
        got = {str(e): d for e, d in rows.rows}
        assert got == {iri: value for iri, (value, _text) in expected.items()}
        assert {str(e): str(d) for e, d in rows.rows} == {i: t for i, (_v, t) in expected.items()}
    precisions = Counter(value.precision for value, _text in expected.values())
    assert set(precisions) == {"year", "month", "day"}  # the column mixes the three


def test_a_partial_date_is_a_date_that_keeps_its_precision():
    year = PartialDate(1942, precision="year")
    assert str(year) == "1942" and year.isoformat() == "1942-01-01"
    assert year != PartialDate(1942, 1, 1) and year == PartialDate(1942, precision="year")
    assert year < PartialDate(1942, 4, precision="month") < PartialDate(1947, 11, 17)
    assert len({year, PartialDate(1942, 1, 1)}) == 2
    assert pickle.loads(pickle.dumps(year)).precision == "year"
    assert year.to_period() == pd.Period("1942", freq="Y")


def test_lifespans_become_year_period_columns_with_one_missing_value(corpus):
    frame = api.run_saved("lifespans").to_dataframe()
    assert str(frame["born"].dtype) == "period[Y-DEC]"
    assert str(frame["person"].dtype) == "string"
    umansky = api.find_entity(corpus, "Umansky")
    births = {
        c.value.text
        for c in corpus.annotations.claims
        if c.subject == umansky.id and c.relation == "birthDate"
    }
    born = frame[frame["person"] == umansky.name]["born"]
    assert {str(p) for p in born} == births == {"1902"}
    assert born.iloc[0] == pd.Period("1902", freq="Y")
    # the OPTIONAL death: a person with no death date has NaT there, no None, no ""
    unbound = api.run_saved("lifespans").column("died").count(None)
    assert int(frame["died"].isna().sum()) == unbound


def test_a_column_of_mixed_precision_keeps_each_date_at_its_own(oxigraph):
    rows = run_query(oxigraph, EVENT_DATES, typed=True)
    frame = rows.to_dataframe()
    assert frame["date"].dtype == object
    assert [str(p) for p in frame["date"]] == [str(d) for d in rows.column("date")]
    assert {p.freqstr for p in frame["date"]} == {"Y-DEC", "M", "D"}


def test_iris_are_iris_and_missing_values_are_pd_na():
    rows = api.query(
        "SELECT ?person ?name ?died (STRLEN(?name) AS ?length) WHERE {"
        " ?person a sg:Person ; rdfs:label ?name . OPTIONAL { ?person sg:deathDate ?d }"
        " BIND(IF(BOUND(?d), YEAR(?d), ?unbound) AS ?died) } ORDER BY ?name"
    )
    nin = rows.as_dicts()[[r["name"] for r in rows.as_dicts()].index("Andrés Nin")]
    assert nin["person"] == str(ID["person/andres-nin"]) and isinstance(nin["person"], IRI)
    assert type(nin["length"]) is int and nin["length"] == len("Andrés Nin")
    frame = rows.to_dataframe()
    assert frame.dtypes.astype(str).to_dict() == {
        "person": "object",
        "name": "string",
        "died": "Int64",
        "length": "Int64",
    }
    missing = rows.column("died").count(None)
    assert missing > 0
    assert int(frame["died"].isna().sum()) == missing
    assert all(v is pd.NA for v in frame["died"] if pd.isna(v))


def test_the_command_line_prints_numbers_as_json_numbers_and_text_unchanged(corpus):
    query = "SELECT (COUNT(?p) AS ?people) (SAMPLE(true) AS ?any) WHERE { ?p a sg:Person }"
    people = sum(1 for e in corpus.annotations.entities.values() if e.type == "Person")
    out = runner.invoke(main, ["query", query, "--format", "json"])
    assert json.loads(out.stdout) == [{"people": people, "any": True}]
    out = runner.invoke(main, ["query", query, "--format", "csv"])
    assert out.stdout == f"people,any\n{people},true\n"
    out = runner.invoke(main, ["query", "ASK { ?p a sg:Person }"])
    assert out.stdout.splitlines()[2] == "true"


def test_the_command_line_prints_a_partial_date_as_the_text_wrote_it():
    rows = json.loads(runner.invoke(main, ["query", EVENT_DATES, "--format", "json"]).stdout)
    dates = api.query(EVENT_DATES).column("date")
    assert [r["date"] for r in rows] == [str(d) for d in dates]
    assert {len(r["date"]) for r in rows} == {4, 7, 10}


@pytest.mark.slow
def test_network_metrics_are_numbers_and_print_with_four_places(graph):
    from serge_graph.network import simple_view

    full = api.network_graph("full")
    metrics = api.network_metrics(full)
    simple = simple_view(full)
    by_label = {full.nodes[n]["label"]: simple.degree(n) for n in full}
    assert dict(zip(metrics.column("name"), metrics.column("degree"), strict=True)) == by_label
    frame = metrics.to_dataframe()
    assert frame.dtypes.astype(str).tolist() == [
        "string",
        "string",
        "Int64",
        "Float64",
        "Float64",
        "Int64",
    ]
    csv_lines = runner.invoke(main, ["network", "stats", "--top", "40", "--format", "csv"]).stdout
    printed = [row[3:5] for row in list(csv.reader(io.StringIO(csv_lines)))[1:]]
    assert all(len(value.split(".")[1]) == 4 for row in printed for value in row)
    assert any(value.endswith("0") for row in printed for value in row)  # 0.1740, not 0.174
