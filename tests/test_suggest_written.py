"""Suggestions on texts written here (issue 25): the figures per language asserted as floors
against each text's gold, the tellings of known events with the planted disagreements, the
draft's claims on known events, and property tests for the transcription and alias rules."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from serge_graph.build import load_corpus
from serge_graph.model import Entity, Where
from serge_graph.project import project_root
from serge_graph.source import Source
from serge_graph.source_registry import NewSource, add_source
from serge_graph.suggest import Suggester, draft_yaml, measure_written_text, suggester_for
from serge_graph.suggest.measure import measure, read_gold
from serge_graph.suggest.translit import spelt_acronym, translit_key

WRITTEN = Path(__file__).parent / "data" / "written-here"
GOLDS = sorted(WRITTEN.glob("*.gold.yaml"))

# The floors. The English text (written and measured after the rules were tuned on
# the other two) missed the POUM trial's telling, whose only participant the graph knows is
# Gorkin, whom the sentence does not name: it names his party, which now counts.
FLOORS = {"known": 0.9, "new_typed": 0.8, "aliases": 0.8, "dates": 0.9}
MISSED_TELLINGS = {"es": 0, "fr": 0, "en": 0}


@pytest.fixture(scope="module")
def full_suggester(corpus) -> Suggester:
    """The suggester as `suggest` and `measure_written_text` build it: the whole graph."""
    return suggester_for(corpus.annotations)


@pytest.fixture(scope="module")
def figures(corpus, full_suggester):
    golds = [read_gold(path) for path in GOLDS]
    found = {g.language: measure(full_suggester.suggest(g.path.stem, g.text), g) for g in golds}
    # the library's entry point builds the same suggester: one text checks it agrees
    assert measure_written_text(corpus, GOLDS[0]).row() == found[golds[0].language].row()
    return found


def test_there_is_a_spanish_a_french_and_an_english_text_of_a_few_thousand_characters():
    golds = [read_gold(path) for path in GOLDS]
    assert sorted(g.language for g in golds) == ["en", "es", "fr"]
    assert all(len(g.text) >= 2000 for g in golds)
    assert sum(len(g.planted) for g in golds) >= 6  # two or more a text


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_the_suggester_meets_the_floors_on_each_written_text(figures, language):
    found = figures[language]
    message = f"{found.row()}\nmissed: {found.missed}"
    for name, floor in FLOORS.items():
        assert found.ratio(getattr(found, name)) >= floor, message
    assert found.wrong_links[0] <= 0.01 * found.wrong_links[1], message
    assert found.noise[0] <= 0.30 * found.noise[1], message
    told, gold = found.tellings
    assert told >= gold - MISSED_TELLINGS[language], message
    assert found.planted[0] == found.planted[1] > 0, message  # each proposed and flagged


def test_the_planted_disagreements_are_tellings_that_disagree_with_the_graph(full_suggester):
    gold = read_gold(WRITTEN / "serge-exilio-es.gold.yaml")
    found = full_suggester.suggest("es", gold.text)
    disagreeing = {(t.event, t.relation, t.value, t.graph) for t in found.tellings if t.disagrees}
    assert disagreeing == {
        ("death-of-victor-serge", "date", "1947-11-18", "1947-11-17"),
        ("april-1943-attack", "date", "1943-03", "1943-04"),
        ("alter-erlich-protest-meeting", "date", "1943-03", "1943-04"),
        ("murder-of-andres-nin", "place", "alcala-de-henares", "madrid"),
        ("death-of-umansky", "date", "1945-01-25", "1943"),  # the narrative's 1943
    }
    death = next(t for t in found.tellings if t.event == "death-of-victor-serge")
    assert gold.text[death.start : death.end] == "murió el 18 de noviembre de 1947"
    relative = [d.date for d in found.dates if d.date.relative_to]
    assert [(d.quote, d.date, d.relative_to) for d in relative] == [
        ("Diez años después de su muerte", "1957", "death-of-victor-serge")
    ]


def test_an_event_no_known_one_fits_is_proposed_as_new(full_suggester):
    gold = read_gold(WRITTEN / "serge-exil-fr.gold.yaml")
    found = full_suggester.suggest("fr", gold.text)
    new = {(e.type, e.date, e.participants) for e in found.new_events}
    # the first French edition of the Memoirs (1951), not the graph's second one (1957)
    assert ("Publication", "1951", ("editions-du-seuil", "memoirs-of-a-revolutionary")) in new
    assert ("Departure", "1941", ("victor-serge",)) in new


def test_the_draft_writes_tellings_as_claims_on_the_known_event(full_suggester, corpus):
    gold = read_gold(WRITTEN / "serge-exilio-es.gold.yaml")
    source = Source("serge-exilio-es", gold.text, {}, gold.path)
    found = full_suggester.suggest(source.id, source.text)
    draft = yaml.safe_load(draft_yaml(found, source, "es", ("date", "place")))
    death = [c for c in draft["claims"] if c["subject"] == "death-of-victor-serge"]
    assert death == [
        {
            "subject": "death-of-victor-serge",
            "relation": "date",
            "value": "1947-11-18",
            "evidence": [{"quote": "murió el 18 de noviembre de 1947", "occurrence": 1}],
            "note": "the graph says 1947-11-17: the sources disagree",
            "certainty": "stated",
            "status": "suggested",
        }
    ]
    assert len(draft["claims"]) == len(found.tellings)
    notes = {e["name"]: e.get("note", "") for e in draft["entities"]}  # each type says why
    assert notes["Marsella"] == "type guessed from GeoNames: the city of Marseille (877,215 people)"
    assert notes["Partisan Review"] == "type guessed from a title after 'revista'"
    assert notes["Socialismo y Libertad"] == "type guessed from after 'grupo'"
    # a vocabulary without date and place as relations gets them as comments
    commented = draft_yaml(found, source, "es", corpus.vocabulary.relations)
    assert "claims" not in (yaml.safe_load(commented) or {})
    assert "#   death-of-victor-serge date 1947-11-18; the graph says 1947-11-17" in commented


# --- properties -----------------------------------------------------------------------------

# Ways one Russian name is transcribed in English, French, Spanish and German.
_TRANSCRIPTIONS = [("u", "ou"), ("sky", "ski"), ("k", "ck"), ("v", "w"), ("yev", "ev")]
_STEMS = ["Umansk", "Tulayev", "Kamenev", "Bukharin", "Rakovsk", "Voronsk", "Krylenk"]


def _transcribe(name: str, choices: list[bool]) -> str:
    for (english, other), use in zip(_TRANSCRIPTIONS, choices, strict=False):
        if use:
            name = name.replace(english, other)
    return name


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(_STEMS),
    st.sampled_from(["y", "i", "a", ""]),
    st.lists(st.booleans(), min_size=5, max_size=5),
    st.booleans(),
)
def test_transcriptions_of_one_name_share_their_key(stem, ending, choices, accent):
    name = stem + ending
    other = _transcribe(name, choices)
    if accent:
        other = other.replace("a", "á", 1).replace("e", "é", 1)
    assert translit_key(name) == translit_key(other)
    assert translit_key(name.upper()) == translit_key(name)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="aeiou", min_size=2, max_size=4),
    st.sampled_from("bdflmnprt"),
    st.sampled_from("bdflmnprt"),
)
def test_names_that_differ_in_a_consonant_have_different_keys(vowels, first, second):
    if first == second:
        return
    one = first + vowels[0] + "r" + vowels[1:] + "n"
    other = second + vowels[0] + "r" + vowels[1:] + "n"
    assert translit_key(one) != translit_key(other)


def test_an_acronym_spelt_out_is_its_letters():
    assert spelt_acronym("Guépéou") == "GPU"
    assert spelt_acronym("Tchéka") is None
    assert spelt_acronym("Pedro") is None


_PEOPLE = {"konstantin-umansky": "Konstantin Umansky", "nikolai-krylenko": "Nikolai Krylenko"}


def _people(*extra: tuple[str, str]) -> list[Entity]:
    return [Entity(i, "Person", n, (), "", Where("test", 1)) for i, n in [*_PEOPLE.items(), *extra]]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(_PEOPLE)), st.lists(st.booleans(), min_size=5, max_size=5))
def test_a_known_person_is_found_under_another_transcription(entity_id, choices):
    surname = _PEOPLE[entity_id].split()[-1]
    other = _transcribe(surname, choices)
    if other == surname:
        return
    text = f"Aquel año el diplomático {other} llegó a la capital."
    found = Suggester(_people()).suggest("t", text)
    assert [(m.quote, m.entity, m.new_form) for m in found.mentions] == [(other, entity_id, True)]
    assert found.entities == []


@settings(max_examples=20, deadline=None)
@given(st.lists(st.booleans(), min_size=5, max_size=5))
def test_a_transcription_two_people_share_stays_ambiguous(choices):
    other = _transcribe("Umansky", choices)
    people = _people(("dmitri-umanski", "Dmitri Umanski"))
    found = Suggester(people).suggest("t", f"Entonces {other} llegó a la capital.")
    if other in ("Umansky", "Umanski"):  # a name the graph has: the exact rule flags it
        assert all(m.ambiguous for m in found.mentions)
        return
    assert [(m.quote, m.candidates) for m in found.mentions] == [
        (other, ("dmitri-umanski", "konstantin-umansky"))
    ]


_INVENTED = ["Ardovan Melisk", "Berenika Tosk", "Calvero Duntz", "Ostap Velmir"]


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(_INVENTED),
    st.sampled_from(_INVENTED),
    st.sampled_from(["met", "wrote to", "visited"]),
)
def test_a_name_in_brackets_is_an_alias_in_either_order(first, second, verb):
    if first == second:
        return
    text = f"In exile he {verb} {first} ({second}) every week."
    found = Suggester([]).suggest("t", text)
    assert [(e.name, e.aliases) for e in found.entities] == [(first, (second,))]
    known = _people(("x", first))  # the first name known: the bracketed one is its alias
    found = Suggester(known).suggest("t", text)
    assert [(m.quote, m.entity, m.new_form) for m in found.mentions] == [
        (first, "x", False),
        (second, "x", True),
    ]
    reverse = Suggester(_people(("x", second))).suggest("t", text)  # the bracketed one known
    assert [(m.quote, m.entity, m.new_form) for m in reverse.mentions] == [
        (first, "x", True),
        (second, "x", False),
    ]


def test_a_qualified_event_and_a_followers_noun(corpus):
    """ "the Russian Civil War" is not the Spanish Civil War the graph calls "Civil War", and
    "Marxist" is no part of Otto Rühle's name."""
    civil_war = corpus.annotations.entities["spanish-civil-war"]
    text = "Hunger in the Russian Civil War; later the German Marxist Otto Rühle died."
    found = Suggester([civil_war], ["German"]).suggest("t", text)
    assert found.mentions == []
    assert [(e.name, e.type) for e in found.entities] == [
        ("Russian Civil War", "War"),
        ("Otto Rühle", "Person"),
    ]


def test_the_draft_of_a_written_text_added_as_a_source_loads(full_suggester, corpus, tmp_path):
    """source add, then the draft as `suggest` writes it: the loader takes every item (new
    events with their participants included) and counts each as suggested."""
    data = tmp_path / "data"
    shutil.copytree(project_root() / "data", data)
    source_id = "serge-exilio-es"
    add_source(
        data,
        NewSource(
            file=WRITTEN / f"{source_id}.txt",
            id=source_id,
            title="El último exilio de Víctor Serge",
            author="serge-graph test author",
            date="2026-12",
            language="es",
        ),
    )
    text = (WRITTEN / f"{source_id}.txt").read_text(encoding="utf-8")
    source = Source(source_id, text, {}, WRITTEN / f"{source_id}.txt")
    found = full_suggester.suggest(source_id, text)
    draft = draft_yaml(found, source, "es", corpus.vocabulary.relations)  # as draft_for does
    (data / "annotations" / "60-serge-exilio-es.yaml").write_text(draft, encoding="utf-8")
    loaded = load_corpus(data, include_suggested=True).annotations  # raises on any problem
    assert loaded.suggested_by_file == (
        (
            "data/annotations/60-serge-exilio-es.yaml",
            source_id,
            len(re.findall(r"(?<!`)status: suggested", draft)),
        ),
    )
    departure = loaded.events["departure-vlady-1941-03"]  # a new event, with its facts
    assert (departure.date.text, departure.place) == ("1941-03", "marsella")


def test_a_name_before_an_english_past_tense_is_its_subject():
    """ "the review Dwight Macdonald edited": a person, not the review's title; "the review
    Politics, founded in 1944" keeps its title."""
    text = "He wrote for the review Dwight Macdonald edited and for the review Politics."
    found = Suggester([]).suggest("t", text)
    assert [(e.name, e.type) for e in found.entities] == [
        ("Dwight Macdonald", "Person"),
        ("Politics", "Periodical"),
    ]
