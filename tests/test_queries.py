"""The saved questions, answered on the real graph and asserted by value."""

from __future__ import annotations

import pytest

from serge_graph import api
from serge_graph.links import corpus_links
from serge_graph.project import resolve_paths
from serge_graph.queries import run_query, saved_queries

from .test_places import points

QUERIES = saved_queries(resolve_paths().queries)


def ask(graph, name):
    return run_query(graph, QUERIES[name].text)


# Questions across sources: with the article alone they rightly find nothing
# (tests/test_sources.py asks them with a second source).
ACROSS_SOURCES = {"sources-disagree"}


def test_every_saved_query_has_a_question_and_runs(graph):
    assert len(QUERIES) >= 8
    for name, saved in QUERIES.items():
        assert saved.question.endswith("?"), name
        rows = ask(graph, name).rows
        if name in ACROSS_SOURCES:
            assert rows == [], f"{name} found something with one source"
        else:
            assert rows, f"{name} returned nothing"


def test_murders(graph):
    rows = ask(graph, "murders").as_dicts()
    nin = [r for r in rows if r["victim"] == "Andrés Nin"]
    assert nin and {r["place"] for r in nin} == {"Madrid"}
    assert any("tortured and murdered in Madrid" in r["quote"] for r in nin)
    alter = {(r["perpetrator"], r["speaker"]) for r in rows if r["victim"] == "Victor Alter"}
    # the narrative says Stalin shot them; note 9 says the NKVD murdered them
    # one event told by two witnesses: each row's perpetrator is its own speaker's
    assert alter == {
        ("Joseph Stalin", "Julián Gorkin"),
        ("NKVD", "editors of Revolutionary History"),
    }
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


# --- the questions of the whole-text issue -------------------------------------


def test_murdered_in_madrid(graph):
    rows = ask(graph, "murdered-in-madrid").as_dicts()
    assert {r["victim"] for r in rows} == {"Andrés Nin"}


def test_serge_death_burial_and_nationality(graph):
    rows = ask(graph, "serge-death").as_dicts()
    facts = {(r["fact"], r["value"], r["speaker"]) for r in rows}
    assert ("died on", "1947-11-17", "Julián Gorkin") in facts
    assert ("buried in", "French cemetery", "Julián Gorkin") in facts
    nationalities = {(r["value"], r["speaker"]) for r in rows if r["fact"] == "nationality"}
    assert ("Stateless", "Julián Gorkin") in nationalities  # what he wrote on the form
    assert ("Spanish", "Vlady") in nationalities  # Vlady's answer


def test_april_1943(graph):
    rows = ask(graph, "april-1943").as_dicts()
    types = {r["type"] for r in rows if r["when"] == "1943-04"}
    assert {"attack", "protest meeting"} <= types
    injured = {r["injured"] for r in rows if r["type"] == "attack"}
    assert {"Enrique Gironella", "Julián Gorkin"} <= injured


def test_mexican_offices(graph):
    rows = ask(graph, "mexican-offices").as_dicts()
    assert {"Lázaro Cárdenas", "Miguel Alemán", "Porfirio Díaz"} <= {r["person"] for r in rows}
    assert all(r["person"] != "Konstantin Umansky" for r in rows)  # ambassador, not an office


def test_umansky_death_claims_conflict(graph):
    rows = ask(graph, "umansky-death").as_dicts()
    years = {(r["value"], r["speaker"]) for r in rows if r["claim_about"] == "death year"}
    assert years == {("1943", "Julián Gorkin"), ("1945", "editors of Revolutionary History")}


def test_contradictions_list_umansky_with_both_speakers(graph):
    rows = ask(graph, "contradictions").as_dicts()
    umansky = {(r["value"], r["speaker"]) for r in rows if r["subject"] == "Konstantin Umansky"}
    assert umansky == {("1943", "Julián Gorkin"), ("1945", "editors of Revolutionary History")}


def test_editors_claims_come_from_introduction_and_notes(graph):
    rows = ask(graph, "editors-claims").as_dicts()
    paragraphs = {r["paragraph"] for r in rows}
    assert {f"note {n}" for n in range(1, 18)} <= paragraphs
    assert not any(p in paragraphs for p in ("paragraph 7", "paragraph 36", "paragraph 64"))


def test_stalinists_in_notes(graph):
    rows = ask(graph, "stalinists-in-notes").as_dicts()
    assert {r["person"] for r in rows} == {"Lavrenti Beria", "Dmitri Manuilsky", "Andrei Vyshinsky"}


def test_born_before_1890_or_died_1942(graph):
    rows = {r["person"]: r["which"] for r in ask(graph, "born-before-1890-or-died-1942").as_dicts()}
    assert rows["Henryk Erlich"] == "born before 1890; died in 1942"
    assert rows["Victor Alter"] == "died in 1942"
    assert rows["Porfirio Díaz"] == "born before 1890"
    assert "Lázaro Cárdenas" not in rows


def test_connected_to_serge_and_gpu(graph):
    names = set(ask(graph, "connected-to-serge-and-gpu").column("name"))
    assert {"Julián Gorkin", "Andrés Nin"} <= names
    assert "Victor Serge" not in names and "GPU" not in names


def test_umansky_mentions(graph):
    rows = ask(graph, "umansky-mentions").as_dicts()
    assert [r["paragraph"] for r in rows] == ["paragraph 36", "paragraph 36", "note 11"]
    assert rows[0]["text"].startswith("As its ambassador to Mexico")


def test_misspellings(graph):
    rows = {(r["text_form"], r["correct_form"]) for r in ask(graph, "misspellings").as_dicts()}
    assert ("Cardeñas", "Cárdenas") in rows
    assert ("Enrigue", "Enrique") in rows
    assert ("Manila Avila Camacho", "Manuel Ávila Camacho") in rows
    assert ("New Dial Press", "Dial Press") in rows
    origins = {r["origin"] for r in ask(graph, "misspellings").as_dicts()}
    assert origins == {"general knowledge"}


def test_quoted_speech_is_reported_by_gorkin(graph):
    rows = ask(graph, "quoted-speech").as_dicts()
    speakers = {r["speaker"] for r in rows}
    assert {"Victor Serge", "Miguel Alemán", "Vlady"} <= speakers
    assert "Julián Gorkin" not in speakers
    assert "Joint Declaration" in {r["quoted_from"] for r in rows}


def test_poum_members(graph):
    people = set(ask(graph, "poum-members").column("person"))
    assert {"Andrés Nin", "Julián Gorkin", "Enrique Gironella"} <= people


def test_publishers(graph):
    rows = {(r["publisher"], r["work"]) for r in ask(graph, "publishers").as_dicts()}
    assert ("Dial Press", "The Long Dusk") in rows  # note 15's "New Dial Press", corrected
    assert ("Maspéro", "Les Années sans Pardon") in rows


def test_translations(graph):
    rows = {(r["work"], r["other"]) for r in ask(graph, "translations").as_dicts()}
    assert ("The Long Dusk", "Les Derniers Temps") in rows
    assert ("The Last Years of Victor Serge, 1941–1947", "Richard Parry") in rows


def test_places_lived(graph):
    rows = {(r["person"], r["relation"], r["place"]) for r in ask(graph, "places-lived").as_dicts()}
    assert ("Andrés Nin", "died in", "Madrid") in rows
    assert ("Victor Serge", "buried in", "French cemetery") in rows
    assert ("Marceau Pivert", "fled to", "Mexico") in rows


def test_palace_lecture(graph):
    rows = {(r["participant"], r["role"]) for r in ask(graph, "palace-lecture").as_dicts()}
    assert ("Victor Serge", "speaker") in rows
    assert ("Communists", "perpetrator") in rows


def test_enemies(graph):
    rows = {(r["who"], r["relation"], r["whom"]) for r in ask(graph, "enemies").as_dicts()}
    assert ("GPU", "arrested", "Andrés Nin") in rows
    assert ("Communists", "attacked", "Julián Gorkin") in rows


def test_most_mentioned(graph):
    rows = ask(graph, "most-mentioned").as_dicts()
    assert rows[0]["entity"] == "Victor Serge"
    assert int(rows[0]["mentions"]) > int(rows[1]["mentions"])


def test_notes_and_callers(graph):
    rows = {r["note"]: r for r in ask(graph, "notes-and-callers").as_dicts()}
    assert rows["note 11"]["called_from"] == "paragraph 36"
    assert "Konstantin Umansky" in rows["note 11"]["names"]
    assert len(rows) == 17


def test_founders(graph):
    rows = {(r["founder"], r["founded"]) for r in ask(graph, "founders").as_dicts()}
    assert ("Julián Gorkin", "International Socialist Commission") in rows
    assert ("Marceau Pivert", "Parti socialiste ouvrier et paysan") in rows


def test_serge_in_carnets(graph):
    quotes = " ".join(ask(graph, "serge-in-carnets").column("quote"))
    assert "No solution is visible for the question of Asia." in quotes


def test_joint_declaration(graph):
    rows = ask(graph, "joint-declaration").as_dicts()
    assert any(r["speaker"] == "Victor Serge" for r in rows)
    assert any("Victor Serge drafted a Joint Declaration" in r["quote"] for r in rows)


def test_claims_by_certainty_counts_the_annotations(corpus, graph):
    rows = {
        (r["origin"], r["certainty"], r["rank"]): int(r["claims"])
        for r in ask(graph, "claims-by-certainty").as_dicts()
    }
    expected: dict[tuple[str, str, str], int] = {}
    for claim in corpus.annotations.claims:
        origin = "general knowledge" if claim.speaker == "general-knowledge" else "the text"
        key = (origin, claim.certainty.level, claim.rank)
        expected[key] = expected.get(key, 0) + 1
    outside = len(points(corpus)) + len(corpus_links(corpus))  # points and links out
    expected[("general knowledge", "inferred", "normal")] += outside
    assert rows == expected
    assert sum(rows.values()) == len(corpus.annotations.claims) + outside
    implied = {c.id for c in corpus.annotations.claims if c.certainty.level == "implied"}
    # a rhetorical question presupposes, it does not state (paragraph 23)
    assert "anarchists--livedIn--mexico" in implied


def test_corrections_list_every_deprecated_claim_with_its_reference(corpus, graph):
    rows = ask(graph, "corrections").as_dicts()
    deprecated = [c for c in corpus.annotations.claims if c.rank == "deprecated"]
    corrections = [c for c in corpus.annotations.claims if c.corrects]
    # one row per correction: a deprecated claim may have several (Díaz's two terms of office)
    assert len(rows) == len(corrections) > len(deprecated)
    assert {c.corrects for c in corrections} == {c.id for c in deprecated}
    umansky = [r for r in rows if r["subject"] == "Konstantin Umansky"]
    assert [(r["text_says"], r["speaker"], r["correct"]) for r in umansky] == [
        ("1943", "Julián Gorkin", "1945")
    ]
    assert umansky[0]["url"] == "https://en.wikipedia.org/wiki/Konstantin_Umansky"
    serge = {(r["subject"], r["text_says"], r["correct"]) for r in rows if "Serge" in r["subject"]}
    assert serge == {
        ("Serge arrives in Brussels", "during Spanish Civil War", "before Spanish Civil War"),
        (
            "Serge arrives in Mexico from Santo Domingo",
            "before invasion of the Soviet Union by Hitler",
            "after invasion of the Soviet Union by Hitler",
        ),
        ("Victor Serge", "not yet 56 years old", "56 years old in 1947 (born 30 December 1890)"),
    }
    assert all(r["reference"] and r["reason"] and r["quote"] for r in rows)


def test_refined_relations_are_found_by_their_generic_ones(graph):
    gorkin = "<https://w3id.org/serge-graph/id/person/julian-gorkin>"
    helped = run_query(graph, f"SELECT ?who WHERE {{ {gorkin} sg:helped/rdfs:label ?who }}")
    write = run_query(graph, f"SELECT ?who WHERE {{ {gorkin} sg:helpedWrite/rdfs:label ?who }}")
    assert set(write.column("who")) == {"Sánchez Salazar", "Valentín González"}
    assert set(write.column("who")) < set(helped.column("who"))
    injured = run_query(
        graph,
        "SELECT ?role ?who WHERE { ?attack a sg:Attack ; ?p ?x . ?x rdfs:label ?who . "
        "?p rdfs:subPropertyOf* sg:injured ; rdfs:label ?role . FILTER(?p != sg:injured) }",
    )
    assert sorted(map(tuple, injured.rows)) == [
        ("seriously injured", "Enrique Gironella"),
        ("seriously injured", "Julián Gorkin"),
        ("slightly injured", "Communists"),
    ]


def test_claims_about_claims_and_the_occasion_of_speech(graph):
    disputed = run_query(
        graph,
        "SELECT ?who ?whose_view WHERE { ?c sg:disputes ?d ; sg:speaker/rdfs:label ?who . "
        "?d rdf:subject/rdfs:label ?whose_view ; rdf:predicate sg:statement } ORDER BY ?who",
    )
    # the editors doubt Gorkin's reading of Serge's direction
    assert [tuple(row) for row in disputed.rows] == [
        ("editors of Revolutionary History", "Julián Gorkin")
    ]
    buried_as = run_query(
        graph,
        "SELECT ?nationality ?speaker WHERE { ?c rdf:predicate sg:nationality ; rdf:object ?n ; "
        "sg:spokenAt/rdfs:label ?burial ; sg:speaker/rdfs:label ?speaker . "
        "FILTER(CONTAINS(?burial, 'burial')) BIND(STR(?n) AS ?nationality) } ORDER BY ?speaker",
    )
    # Vlady's quoted answer; Gorkin's own "as a Spanish subject" is narration, not speech
    assert [tuple(row) for row in buried_as.rows] == [("Spanish", "Vlady")]
    aleman = run_query(
        graph,
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c sg:speaker/rdfs:label 'Miguel Alemán' ; "
        "sg:spokenAt/rdfs:label ?meeting }",
    )
    assert int(aleman.rows[0][0]) == 12


def test_undated_events_lists_exactly_the_events_without_any_bound(corpus, graph):
    """The rows are the events with neither sg:earliest nor sg:latest (no date in the text,
    none from general knowledge, none derived), each with the annotator's reason; no event
    the text places in time against another is among them."""
    from serge_graph.namespaces import SG

    rows = {r["event"]: r for r in ask(graph, "undated-events").as_dicts()}
    unbounded = {
        e.entity.name
        for i, e in corpus.annotations.events.items()
        if (corpus.iri(i), SG.earliest, None) not in graph
        and (corpus.iri(i), SG.latest, None) not in graph
    }
    assert set(rows) == unbounded and len(rows) == 13
    assert all(r["placed_in_time"] == "" for r in rows.values())  # no relative time left
    assert all(r["reason"] and "annotator no note" not in r["reason"] for r in rows.values())
    names = corpus.annotations.entities
    assert names["moscow-trials"].name in rows and names["russian-revolution"].name in rows
    for bounded in (
        "publication-of-portrait-of-stalin",
        "murder-of-andres-nin",
        "burial-of-victor-serge",
    ):
        assert names[bounded].name not in rows


def test_events_named_in_passing_are_events(graph):
    about = run_query(
        graph,
        "SELECT ?label WHERE { ?novel rdfs:label 'Les Derniers Temps' ; sg:about ?e . "
        "?e a sg:Event ; rdfs:label ?label } ORDER BY ?label",
    )
    assert about.column("label") == ["defeat of France", "start of the resistance in France"]
    exile = run_query(
        graph,
        "SELECT ?label WHERE { ?e rdfs:label 'Gorkin goes into exile' ; sg:after/rdfs:label ?label }",
    )
    assert exile.column("label") == ["Franco's victory"]
