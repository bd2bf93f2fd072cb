"""The saved questions, answered on the real graph and asserted by value."""

from __future__ import annotations

import pytest

from serge_graph import api
from serge_graph.project import resolve_paths
from serge_graph.queries import run_query, saved_queries

QUERIES = saved_queries(resolve_paths().queries)


def ask(graph, name):
    return run_query(graph, QUERIES[name].text)


def test_every_saved_query_has_a_question_and_runs(graph):
    assert len(QUERIES) >= 8
    for name, saved in QUERIES.items():
        assert saved.question.endswith("?"), name
        assert ask(graph, name).rows, f"{name} returned nothing"


def test_murders(graph):
    rows = ask(graph, "murders").as_dicts()
    nin = [r for r in rows if r["victim"] == "Andrés Nin"]
    assert nin and {r["place"] for r in nin} == {"Madrid"}
    assert any("tortured and murdered in Madrid" in r["quote"] for r in nin)
    alter = {(r["perpetrator"], r["speaker"]) for r in rows if r["victim"] == "Victor Alter"}
    # the narrative says Stalin shot them; note 9 says the NKVD murdered them
    assert ("Joseph Stalin", "Julián Gorkin") in alter
    assert ("NKVD", "editors of Revolutionary History") in alter
    assert "Henryk Erlich" in {r["victim"] for r in rows}


def test_poum_leaders_were_arrested_by_the_gpu(graph):
    rows = ask(graph, "poum-arrest").as_dicts()
    assert {r["arrested_by"] for r in rows} == {"GPU"}
    assert {"Andrés Nin", "Julián Gorkin"} <= {r["arrested"] for r in rows}
    assert all(r["quote"] == "When we were arrested by the GPU" for r in rows)


def test_serge_works(graph):
    works = {r["work"]: r for r in ask(graph, "serge-works").as_dicts()}
    assert {
        "Hitler versus Stalin",
        "Portrait of Stalin",
        "Memoirs of a Revolutionary",
        "Les Derniers Temps",
        "The Case of Comrade Tulayev",
        "Midnight in the Century",
        "Les Années sans Pardon",
        "Carnets",
    } <= set(works)
    assert works["Les Années sans Pardon"]["publishers"] == "Maspéro"
    assert works["Les Années sans Pardon"]["published"] == "1971"
    assert works["Les Années sans Pardon"]["type"] == "novel"


def test_lombardo_toledano_dominated_the_ctm_and_the_workers_university(graph):
    rows = ask(graph, "lombardo-toledano").as_dicts()
    assert {r["organisation"] for r in rows} == {
        "Confederation of Mexican Workers",
        "Workers’ University",
    }
    assert {r["speaker"] for r in rows} == {"Julián Gorkin", "editors of Revolutionary History"}


def test_pamphlet_signatories(graph):
    rows = ask(graph, "pamphlet-signatories").as_dicts()
    assert {r["signatory"] for r in rows} == {
        "Victor Serge",
        "Marceau Pivert",
        "Gustav Regler",
        "Julián Gorkin",
    }


def test_institute_founders(graph):
    rows = ask(graph, "institute-founders").as_dicts()
    assert {r["founder"] for r in rows} == {"Marceau Pivert", "Paul Rivet"}
    assert all("French Latin American Institute" in r["quote"] for r in rows)


def test_offices_with_dates(graph):
    rows = ask(graph, "offices").as_dicts()
    held = {(r["person"], r["office"], r["when"]) for r in rows}
    assert ("Lázaro Cárdenas", "President of Mexico", "1934/1940") in held
    assert ("Porfirio Díaz", "President of Mexico", "1877/1911") in held
    assert ("Miguel Alemán", "President", "1946/1952") in held
    umansky = {r["in"] for r in rows if r["person"] == "Konstantin Umansky"}
    assert umansky == {"Mexico", "United States of America"}


def test_lifespans_from_the_notes(graph):
    rows = {r["person"]: r for r in ask(graph, "lifespans").as_dicts()}
    assert (rows["Porfirio Díaz"]["born"], rows["Porfirio Díaz"]["died"]) == ("1830", "1915")
    assert (rows["Victor Alter"]["born"], rows["Victor Alter"]["died"]) == ("1890", "1942")
    assert rows["Gustav Regler"]["died"] is None  # "(1898– )": the note leaves it open
    assert rows["Konstantin Umansky"]["died"] == "1945"


def test_events_by_date(graph):
    rows = ask(graph, "events-by-date").as_dicts()
    when = {r["event"]: r["when"] for r in rows}
    assert when["death of Victor Serge"] == "1947-11-17"
    dates = [r["when"] for r in rows]
    assert dates.index("1897") < dates.index("1947-11-17")  # earliest first


def test_claims_by_speaker_and_part(graph):
    rows = {
        (r["speaker"], r["part"]): int(r["claims"])
        for r in ask(graph, "claims-by-speaker").as_dicts()
    }
    assert rows[("Julián Gorkin", "Gorkin's narrative")] > 100
    assert rows[("editors of Revolutionary History", "editors' notes")] > 50
    assert ("Julián Gorkin", "editors' notes") not in rows


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_saved_queries_parse_on_their_own(name):
    """Each .rq declares its prefixes, so it runs in any SPARQL tool, not only ours."""
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(QUERIES[name].text)


def test_api_query_runs_on_the_default_graph():
    rows = api.query(
        'SELECT ?n WHERE { ?p a sg:Person ; rdfs:label ?n FILTER(?n = "Victor Serge") }'
    )
    assert rows.column("n") == ["Victor Serge"]
