"""Reconciliation without HTTP: the index of the real graph, names matched as a cataloguer
types them (misspelt, in Spanish, a birth name), types with their subclasses, properties,
`match` only for an unambiguous exact name, and bad batches refused with what is wrong."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from serge_graph.api.serving import reconcile_index
from serge_graph.reconcile import (
    Query,
    ReconcileInputError,
    candidates_of,
    manifest,
    preview_html,
    suggest,
)
from serge_graph.reconcile.service import MAX_QUERIES, read_batch


@pytest.fixture(scope="module")
def index(graph):
    return reconcile_index(graph)


def best(index, text: str, **given) -> dict:
    found = candidates_of(index, Query(text, **given))
    assert found, f"nothing found for {text!r}"
    return found[0]


def ids(index, text: str, **given) -> list[str]:
    return [c["id"] for c in candidates_of(index, Query(text, **given))]


def test_the_exact_name_is_the_one_match_and_results_are_best_first(index):
    found = candidates_of(index, Query("Victor Serge", limit=10))
    assert found[0]["id"] == "person/victor-serge" and found[0]["score"] == 100
    assert found[0]["match"] is True
    assert [c["match"] for c in found[1:]] == [False] * (len(found) - 1)
    scores = [c["score"] for c in found]
    assert scores == sorted(scores, reverse=True)
    assert found[0]["type"] == [{"id": "Person", "name": "Person"}]
    assert "1947" in found[0]["description"]  # the year of death the graph gives
    # accents, case and punctuation do not count
    assert best(index, "lazaro CARDEÑAS")["id"] == "person/lazaro-cardenas"
    assert best(index, "lazaro CARDEÑAS")["match"] is True


@pytest.mark.parametrize("misspelt", ["Umanski", "Oumansky", "Konstantin Umanski"])
def test_a_misspelt_name_finds_its_entity_but_is_no_match(index, misspelt):
    found = best(index, misspelt)
    assert found["id"] == "person/konstantin-umansky"
    assert 60 < found["score"] < 100 and found["match"] is False


def test_names_the_text_never_uses_are_found_from_other_names(index):
    spanish = best(index, "Palacio de Bellas Artes")
    assert spanish["id"] == "place/palace-of-fine-arts" and spanish["match"] is True
    assert {t["id"] for t in spanish["type"]} == {"Building"}
    # a birth name two people share: both found, neither a match
    shared = candidates_of(index, Query("Kibalchich"))
    assert {c["id"] for c in shared[:2]} == {"person/victor-serge", "person/vlady"}
    assert not any(c["match"] for c in shared)


def test_a_type_keeps_its_subclasses_and_leaves_out_the_rest(index):
    assert ids(index, "Mexico", types=("Place",))[:2] == ["place/mexico", "place/mexico-city"]
    assert all(i.startswith("place/") for i in ids(index, "Mexico", types=("Place",)))
    assert ids(index, "Victor Serge", types=("Event",))[0].startswith("event/")
    assert "person/victor-serge" not in ids(index, "Victor Serge", types=("Event",))
    assert ids(index, "Victor Serge", types=("Place",)) == []
    # "should": no filter, but a candidate of the type scores higher
    events_first = candidates_of(index, Query("Serge", types=("Event",), type_strict="should"))
    plain = candidates_of(index, Query("Serge"))
    assert events_first[1]["score"] > plain[1]["score"]


def test_properties_raise_the_score_of_the_entity_they_fit(index):
    plain = best(index, "Umansky")
    born = best(index, "Umansky", properties=(("birthDate", (1902,)),))
    wrong = best(index, "Umansky", properties=(("birthDate", ("1890",)),))
    assert plain["id"] == born["id"] == "person/konstantin-umansky"
    assert born["score"] == 100 and born["match"] is True
    assert wrong["score"] < born["score"] and wrong["match"] is False  # contradicted
    linked = Query("Kibalchich", properties=(("relation", ({"id": "person/victor-serge"},)),))
    assert candidates_of(index, linked)[0]["id"] == "person/vlady"  # Serge's son
    alone = candidates_of(index, Query("", properties=(("deathDate", ("1945",)),), limit=50))
    assert "person/konstantin-umansky" in [c["id"] for c in alone]
    assert all(c["score"] == 100 for c in alone)


def test_an_identifier_finds_its_entity_and_a_hidden_name_is_never_a_match(index):
    for given in ("person/vlady", "https://w3id.org/serge-graph/id/person/vlady"):
        assert best(index, given)["id"] == "person/vlady" and best(index, given)["match"]
    # the text's word for an event, never shown as its name: found, at 0.6, never a match
    found = candidates_of(index, Query("conference"))
    assert [(c["id"], c["score"], c["match"]) for c in found] == [
        ("event/congress-with-texts-drafted-by-serge", 60.0, False)
    ]


@pytest.mark.parametrize(
    "batch, status, says",
    [
        ("{bad", 400, "not JSON: Expecting property name"),
        ("[1, 2]", 400, "must be a JSON object"),
        ("[" * 100_000 + "]" * 100_000, 400, "nested too deeply"),
        ('{"queries": [{"query": "Serge"}]}', 400, "a batch of the 1.0 draft"),
        ('{"q0": "Serge"}', 400, "q0: a query must be an object"),
        ('{"q0": {}}', 400, "q0: give a query"),
        ('{"q0": {"query": 3}}', 400, "q0: query must be a string"),
        ('{"q0": {"query": "x", "type": "Persn"}}', 400, "no type 'Persn'; did you mean Person?"),
        ('{"q0": {"query": "x", "limit": 0}}', 400, "limit must be a whole number"),
        ('{"q0": {"query": "x", "type_strict": "most"}}', 400, "type_strict must be one of"),
        ('{"q0": {"query": "x", "properties": [{"pid": "born", "v": 1}]}}', 400, "no property"),
        ('{"q0": {"query": "x", "properties": [{"pid": "birthDate"}]}}', 400, "{pid, v}"),
        ('{"q0": {"query": "' + "a " * 17 + '"}}', 400, "at most 16 words"),
        (json.dumps({f"q{i}": {"query": "x"} for i in range(MAX_QUERIES + 1)}), 413, "at most"),
    ],
)
def test_a_bad_batch_is_refused_saying_what_is_wrong(index, batch, status, says):
    with pytest.raises(ReconcileInputError) as refused:
        read_batch(index, batch)
    assert refused.value.status == status and says in str(refused.value)


def test_a_type_may_be_named_by_its_iri_or_label(index):
    queries = read_batch(
        index,
        '{"a": {"query": "x", "type": "https://w3id.org/serge-graph/ontology#City"},'
        ' "b": {"query": "x", "type": ["sg:Person", "organisation"]}}',
    )
    assert queries["a"].types == ("City",) and queries["b"].types == ("Person", "Organisation")


def test_suggest_completes_entities_types_and_properties(index):
    entities = suggest(index, "entity", "uman")
    assert entities[0]["id"] == "person/konstantin-umansky"
    assert entities[0]["notable"] == [{"id": "Person", "name": "Person"}]
    assert suggest(index, "entity", "bellas")[0]["id"] == "place/palace-of-fine-arts"
    assert suggest(index, "entity", "serge", cursor=1)[0] == suggest(index, "entity", "serge")[1]
    assert [t["id"] for t in suggest(index, "type", "pla")] == ["Place"]
    assert "City" in [t["id"] for t in suggest(index, "type", "ci")]
    assert [p["id"] for p in suggest(index, "property", "born")] == ["birthDate"]


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "srcset", "data", "poster"):
            if attrs.get(name):
                self.loaded.append(attrs[name])
        if tag == "link" or tag == "a":
            (self.loaded if tag == "link" else self.links).append(attrs.get("href", ""))


def test_the_preview_names_the_entity_and_loads_nothing(index):
    page = preview_html(index, "place/palace-of-fine-arts", "http://127.0.0.1:1/id/place/x")
    parsed = _Resources()
    parsed.feed(page)
    assert parsed.loaded == [] and "url(" not in page and "@import" not in page
    assert parsed.links == ["http://127.0.0.1:1/id/place/x"]
    assert "Palacio de Bellas Artes (Spanish name; general knowledge:" in page
    assert "(1902–1945)" in preview_html(index, "person/konstantin-umansky")
    with pytest.raises(ReconcileInputError) as missing:
        preview_html(index, "person/nobody")
    assert missing.value.status == 404


def test_every_id_is_an_iri_of_the_graph_with_a_page_the_view_leads_to(index, graph, site):
    from rdflib import URIRef

    described = manifest(index, "http://127.0.0.1:8000/", view=True)
    assert described["view"]["url"] == "http://127.0.0.1:8000/id/{{id}}"  # LinkedSite's /id/
    space = described["identifierSpace"]
    missing = [i for i in index.candidates if (URIRef(space + i), None, None) not in graph]
    assert not missing
    no_page = [i for i in index.candidates if not (site / "id" / f"{i}.html").is_file()]
    assert not no_page, no_page[:5]
    bare = manifest(index, "http://127.0.0.1:8000/", view=False)  # serve --no-site, --graph
    assert bare["view"]["url"] == space + "{{id}}"


def test_the_reconcile_command_matches_as_the_service_does():
    from click.testing import CliRunner

    from serge_graph.cli import main

    runner = CliRunner()
    found = runner.invoke(
        main, ["reconcile", "Oumansky", "Mexico", "--type", "Place", "--format", "csv"]
    )
    assert found.exit_code == 0, found.output
    lines = found.stdout.splitlines()
    assert lines[0] == "name,id,entity,type,score,match"
    assert lines[1].startswith("Mexico,place/mexico,Mexico,Country,100.0,true")
    assert not any(line.startswith("Oumansky,") for line in lines)  # no place is called so
    wrong = runner.invoke(main, ["reconcile", "Serge", "--type", "Persn"])
    assert wrong.exit_code == 1 and "no type 'Persn'; did you mean Person?" in wrong.output
    assert "Traceback" not in wrong.output
