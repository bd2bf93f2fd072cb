"""Suggested annotations (issue 14): exact suggestions on known sentences, the date parser in
each language, accent and case folding, ambiguity, the draft file located through the
loader's own rule, and the measurements on the article and on the Spanish test text."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from serge_graph.annotations import Loader, read_yaml
from serge_graph.build import load_corpus
from serge_graph.cli import main
from serge_graph.errors import AnnotationError
from serge_graph.model import Entity, PartialDate, Where
from serge_graph.project import project_root
from serge_graph.source import Source
from serge_graph.source_registry import NewSource, add_source
from serge_graph.suggest import Suggester, draft_yaml, evaluate_source
from serge_graph.suggest.dates import MONTHS, find_dates, parse_date_phrase
from serge_graph.suggest.text import FoldedText, fold_name

ROOT = project_root()
SECOND = Path(__file__).parent / "data" / "second-source"
SPANISH_ID = "serge-gorkin-mexico-es"


@pytest.fixture(scope="module")
def suggester(corpus) -> Suggester:
    annotations = corpus.annotations
    return Suggester(annotations.entities.values(), [i.name for i in annotations.ignored])


@pytest.fixture(scope="module")
def spanish() -> Source:
    path = SECOND / f"{SPANISH_ID}.txt"
    return Source(SPANISH_ID, path.read_text(encoding="utf-8"), {}, path)


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


# --- exact suggestions --------------------------------------------------------------------

SENTENCE = (
    "En abril de 1943 VÍCTOR SERGE habló con Gorkin y el Partido Comunista Alemán (KPD) "
    "en el Palacio de Bellas Artes."
)


def test_a_known_sentence_gives_exactly_these_suggestions(suggester):
    found = suggester.suggest("test", SENTENCE)
    assert [(m.start, m.end, m.quote, m.entity, m.new_form) for m in found.mentions] == [
        (*_at(SENTENCE, "VÍCTOR SERGE"), "VÍCTOR SERGE", "victor-serge", True),
        (*_at(SENTENCE, "Gorkin"), "Gorkin", "julian-gorkin", False),
        (
            *_at(SENTENCE, "Palacio de Bellas Artes"),
            "Palacio de Bellas Artes",
            "palace-of-fine-arts",
            True,
        ),
    ]
    assert [(e.id, e.name, e.type, e.aliases) for e in found.entities] == [
        ("partido-comunista-aleman", "Partido Comunista Alemán", "Organisation", ("KPD",)),
    ]
    party = found.entities[0].occurrences
    assert [o.quote_span for o in party] == [_at(SENTENCE, "Partido Comunista Alemán (KPD)")]
    assert all(e.sentence == SENTENCE for e in found.entities)
    assert [(d.date.start, d.date.end, d.date.date, d.sentence) for d in found.dates] == [
        (*_at(SENTENCE, "En abril de 1943"), "1943-04", SENTENCE)
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Serge terminó su novela El caso Tuláyev y fue llenando sus Carnets.", "El caso Tuláyev"),
        ("Il publia le roman Les Derniers Temps, au Canada.", "Les Derniers Temps"),
        (
            "Gorkin wrote the pamphlet «La GPU prepara un nuevo crimen».",
            "La GPU prepara un nuevo crimen",
        ),
    ],
)
def test_a_title_after_a_word_for_a_work_or_in_quotes_is_a_work(text, title):
    found = Suggester([]).suggest("t", text)
    works = [(e.name, e.type) for e in found.entities if e.type == "Work"]
    assert (title, "Work") in works
    start, end = _at(text, title)
    assert [(o.start, o.end) for e in found.entities if e.name == title for o in e.occurrences] == [
        (start, end)
    ]


def test_an_expansion_beside_a_known_acronym_is_a_new_form_of_its_entity(suggester):
    text = "La Confederación de Trabajadores de México (CTM) apoyaba al gobierno."
    found = suggester.suggest("test", text)
    assert [(m.quote, m.entity, m.new_form) for m in found.mentions] == [
        ("Confederación de Trabajadores de México", "ctm", True),
        ("CTM", "ctm", False),
    ]
    assert found.entities == []


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Partido Comunista Mexicano", "mexican-communist-party"),
        ("Palacio de Bellas Artes", "palace-of-fine-arts"),
        ("Panteón Francés", "french-cemetery"),
        ("Oposición de Izquierda", "left-opposition"),
    ],
)
def test_a_known_name_in_another_language_is_a_new_form(suggester, name, entity):
    text = f"Se habló de {name} aquel día."
    found = suggester.suggest("t", text)
    assert [(m.quote, m.entity, m.new_form) for m in found.mentions] == [(name, entity, True)]
    assert found.entities == []


def test_the_words_of_a_known_name_in_another_order_are_a_new_form(corpus):
    ctm = corpus.annotations.entities["ctm"]
    only_its_name = Entity(ctm.id, ctm.type, ctm.name, (), "", ctm.where)
    text = "He led the Mexican Confederation of Workers then."
    found = Suggester([only_its_name]).suggest("t", text)
    assert [(m.quote, m.entity, m.new_form) for m in found.mentions] == [
        ("Mexican Confederation of Workers", "ctm", True)
    ]


def test_words_that_only_share_their_first_letters_are_not_the_same_name(corpus):
    comintern = corpus.annotations.entities["communist-international"]
    text = "The secretary was Secretary of the International Commission then."
    found = Suggester([comintern]).suggest("t", text)
    assert found.mentions == []  # Commission is not Communist, though both begin "comm"
    assert [e.name for e in found.entities] == ["International Commission"]


def test_fuller_forms_and_surnames_of_known_people(suggester):
    text = "Dmitri Z. Manuilsky habló. Después, Lombardo Toledano respondió a Beria, Vyshinsky."
    found = suggester.suggest("test", text)
    assert [(m.quote, m.entity) for m in found.mentions] == [
        ("Dmitri Z. Manuilsky", "dmitri-manuilsky"),
        ("Lombardo Toledano", "vicente-lombardo-toledano"),
        ("Beria", "lavrenti-beria"),
        ("Vyshinsky", "andrei-vyshinsky"),
    ]


# --- folding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "entity"),
    [
        ("VÍCTOR SERGE llegó.", "VÍCTOR SERGE", "victor-serge"),
        ("Victor SERGE llegó.", "Victor SERGE", "victor-serge"),
        ("Llegó Andres Nin.", "Andres Nin", "andres-nin"),  # no accent where the graph has one
        ("El general Cardenas", "Cardenas", "lazaro-cardenas"),  # Cárdenas, Cardeñas in the text
    ],
)
def test_names_match_whatever_their_accents_and_case(suggester, text, quote, entity):
    found = suggester.suggest("t", text).mentions
    assert [(m.quote, m.entity) for m in found] == [(quote, entity)]


def test_a_lower_case_word_is_not_a_capitalised_name(suggester):
    assert suggester.suggest("t", "the socialists and the nazis met").mentions == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aAéÉñÑüÜçÇ’' –-\u00a0\nßxX", max_size=40))
def test_every_folded_character_comes_from_a_character_that_folds_to_it(text):
    folded = FoldedText(text)
    assert len(folded.offsets) == len(folded.folded) + 1
    for index, char in enumerate(folded.folded):
        original = text[folded.offsets[index]]
        assert char in (" " if original.isspace() else fold_name(original) or " ")
    assert fold_name(text) == fold_name(fold_name(text))


# --- ambiguity ------------------------------------------------------------------------------


def _person(entity_id: str, name: str) -> Entity:
    return Entity(entity_id, "Person", name, (), "", Where("test", 1))


def test_a_surname_two_people_share_is_flagged_with_both_not_guessed(corpus):
    people = [*corpus.annotations.entities.values(), _person("lucia-aleman", "Lucía Alemán")]
    text = "Alemán habló con Serge. El Partido Comunista Alemán no respondió."
    found = Suggester(people).suggest("t", text)
    flagged = [m for m in found.mentions if m.ambiguous]
    assert [(m.start, m.end, m.candidates) for m in flagged] == [
        (0, 6, ("lucia-aleman", "miguel-aleman"))
    ]
    assert [m.entity for m in found.mentions if not m.ambiguous] == ["victor-serge"]


def test_a_surname_one_person_has_is_theirs(suggester):
    found = suggester.suggest("t", "Entonces habló Alemán.")
    assert [(m.quote, m.entity) for m in found.mentions] == [("Alemán", "miguel-aleman")]


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "date"),
    [
        ("April 1942", "1942-04"),
        ("17 November 1947", "1947-11-17"),
        ("November 17, 1947", "1947-11-17"),
        ("in 1943", "1943"),
        ("1941–1947", "1941/1947"),
        ("1941-47", "1941/1947"),
        ("between 1942 and 1944", "1942/1944"),
        ("abril de 1942", "1942-04"),
        ("el 17 de noviembre de 1947", "1947-11-17"),
        ("el 1.º de mayo de 1942", "1942-05-01"),
        ("en 1943", "1943"),
        ("entre 1942 y 1944", "1942/1944"),
        ("avril 1942", "1942-04"),
        ("le 1er mai 1942", "1942-05-01"),
        ("le 17 février 1947", "1947-02-17"),
        ("en août 1947", "1947-08"),
        ("de 1941 à 1947", "1941/1947"),
        ("the 1950s", "1950/1959"),
        ("los años cuarenta", "1940/1949"),
        ("los años 40", "1940/1949"),
        ("les années quarante", "1940/1949"),
        ("les années 1930", "1930/1939"),
    ],
)
def test_date_phrases_in_three_languages(phrase, date):
    assert parse_date_phrase(phrase) == date
    sentence = f"Ocurrió {phrase}, dicen."
    assert [(d.quote, d.date) for d in find_dates(sentence)] == [(phrase, date)]


@pytest.mark.parametrize(
    "text", ["some 20,000 Europeans", "page 1942.5", "los años de la guerra", "17 de mayo"]
)
def test_numbers_that_are_no_dates(text):
    assert find_dates(text) == []


def test_a_day_that_does_not_exist_gives_only_its_month():
    assert [(d.quote, d.date) for d in find_dates("el 31 de febrero de 1942")] == [
        ("febrero de 1942", "1942-02")
    ]


def _render(language: str, day: int | None, month: int, year: int) -> str:
    name = MONTHS[language].split()[month - 1]
    name = {"fevrier": "février", "aout": "août"}.get(name, name) if language == "fr" else name
    if language == "en":
        return f"{day} {name.capitalize()} {year}" if day else f"{name.capitalize()} {year}"
    if language == "es":
        return f"el {day} de {name} de {year}" if day else f"{name} de {year}"
    return f"le {day} {name} {year}" if day else f"{name} {year}"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["en", "es", "fr"]),
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.booleans(),
)
def test_every_real_date_in_every_language_parses_to_its_partial_date(language, date, with_day):
    phrase = _render(language, date.day if with_day else None, date.month, date.year)
    expected = date.isoformat() if with_day else date.isoformat()[:7]
    found = find_dates(f"Dijo que {phrase}. Nada más.")
    assert [(d.quote, d.date) for d in found] == [(phrase, expected)]
    assert PartialDate.parse(found[0].date).earliest.year == date.year


@settings(max_examples=200, deadline=None)
@given(st.integers(1000, 2099), st.integers(1, 12), st.integers(29, 35))
def test_no_day_past_the_end_of_its_month(year, month, day):
    found = find_dates(_render("es", day, month, year))
    last = calendar.monthrange(year, month)[1]
    assert [d.date for d in found] == [
        f"{year}-{month:02d}-{day:02d}" if day <= last else f"{year}-{month:02d}"
    ]


# --- the draft file -------------------------------------------------------------------------


def test_the_draft_is_yaml_and_every_quote_locates_through_the_loaders_rule(
    corpus, suggester, spanish, tmp_path
):
    found = suggester.suggest(spanish.id, spanish.text)
    path = tmp_path / "suggested.yaml"
    path.write_text(draft_yaml(found, spanish, "es"), encoding="utf-8")
    data, problems = read_yaml(path, path.name)
    assert problems == []
    assert data["source"] == SPANISH_ID
    loader = Loader({spanish.id: spanish}, corpus.vocabulary, tmp_path)
    items = [
        *data["mentions"],
        *data["dates"],
        *(a["evidence"] for a in data["aliases"]),
        *(e for entity in data["entities"] for e in entity["evidence"]),
    ]
    occurrences = sum(len(e.occurrences) for e in found.entities)
    assert len(items) == len(found.mentions) + len(found.dates) + len(data["aliases"]) + occurrences
    # every alias of the hand annotation, single words and acronyms included (Bruselas,
    # España, Moscú through the gazetteer; URSS beside its expansion; a title by its word)
    assert [(a["entity"], a["name"]) for a in data["aliases"]] == [
        ("victor-serge", "Víctor Serge"),
        ("mexico", "México"),
        ("brussels", "Bruselas"),
        ("leon-trotsky", "León Trotsky"),
        ("left-opposition", "Oposición de Izquierda"),
        ("spain", "España"),
        ("paris", "París"),
        ("mexican-communist-party", "Partido Comunista Mexicano"),
        ("mexican-communist-party", "PCM"),
        ("ctm", "Confederación de Trabajadores de México"),
        ("palace-of-fine-arts", "Palacio de Bellas Artes"),
        ("the-case-of-comrade-tulayev", "El caso Tuláyev"),
        ("soviet-union", "Unión de Repúblicas Socialistas Soviéticas"),
        ("soviet-union", "URSS"),
        ("iberian-mexican-cultural-centre", "Centro Cultural Ibero-Mexicano"),
        ("moscow", "Moscú"),
        ("konstantin-umansky", "Konstantín Umansky"),
        ("mexico-city", "Ciudad de México"),
        ("french-cemetery", "Panteón Francés"),
    ]
    assert [(e["name"], e["type"]) for e in data["entities"]] == [
        ("Marsella", "City"),
        ("Alcalá de Henares", "City"),
        ("Confederación Nacional del Trabajo", "Organisation"),
        ("Costa Rica", "Country"),
        ("Laurette Séjourné", "Person"),
    ]
    for item in items:
        evidence = loader._locate(item["quote"], item["occurrence"], None, path.name, 1)
        assert evidence is not None and evidence.span.exact == item["quote"]
    assert loader.problems == []
    every = [*data["aliases"], *data["mentions"], *data["entities"], *data["dates"]]
    assert {item["status"] for item in every} == {"suggested"}


def test_the_mentions_in_the_draft_are_where_the_suggestions_are(suggester, spanish, tmp_path):
    found = suggester.suggest(spanish.id, spanish.text)
    data = yaml.safe_load(draft_yaml(found, spanish))
    spans = [
        (spanish.find(m["quote"])[m["occurrence"] - 1].start, m.get("entity"))
        for m in data["mentions"]
    ]
    assert spans == [(m.start, m.entity) for m in found.mentions]


# --- measured -------------------------------------------------------------------------------


def test_leave_one_part_out_on_the_article_meets_the_goals(corpus):
    scores = {s.part: s for s in evaluate_source(corpus)}
    for part in ("introduction", "narrative", "notes"):
        assert scores[part].recall >= 0.90, scores[part].row()
        assert scores[part].precision >= 0.85, scores[part].row()
    assert scores["narrative"].new_name_recall >= 0.90, scores["narrative"].row()
    assert scores["notes"].new_name_recall >= 0.90, scores["notes"].row()
    # the introduction names 14 things no other part does; 11 are found. Missed: two events
    # named by a phrase (the assassination of Trotsky, Franco's victory) and a name around a
    # known one ("Spanish section of the Left Opposition": "Left Opposition" is linked)
    assert scores["introduction"].new_name_recall >= 11 / 14, scores["introduction"].row()
    total = scores["all parts"]
    assert total.new_name_recall >= 0.90, total.row()
    assert total.gold_mentions == sum(
        s.gold_mentions for p, s in scores.items() if p != "all parts"
    )
    assert (total.recall, total.precision) >= (0.90, 0.85)
    # pinned where they stand (docs/annotations.md): the figures may rise, not fall
    assert (total.right_mentions, total.suggested_mentions) == (136, 139), total.row()
    assert total.new_names_found >= 106 and total.candidates <= 143, total.row()


@pytest.fixture(scope="module")
def spanish_gold(spanish_data, tmp_path_factory):
    """The corpus with the Spanish source and its hand annotation (the gold), loaded."""
    data = tmp_path_factory.mktemp("gold") / "data"
    shutil.copytree(spanish_data, data)
    shutil.copy(SECOND / "annotations.yaml", data / "annotations" / f"{SPANISH_ID}.yaml")
    return load_corpus(data)


def test_on_the_spanish_test_text_against_its_hand_annotation(spanish_gold):
    """Known: what the article mentions (the graph before the Spanish source). Measured:
    recall 1.0 (61 of 61 hand mentions of known entities; 0.869 before single words were
    linked through the gazetteer, URSS beside its expansion and the title by its word),
    precision 1.0, new names 5 of 5 (Laurette Séjourné, the CNT, Alcalá de Henares,
    Marsella, Costa Rica), 5 candidates."""
    (part, whole) = evaluate_source(spanish_gold, SPANISH_ID)
    assert (part.gold_mentions, whole.gold_mentions) == (61, 61)
    assert part.recall >= 0.95, part.row()
    assert part.candidates <= 6, part.row()  # no noise beside the five new names
    assert part.precision >= 0.95, part.row()
    assert part.new_name_recall >= 0.80 and part.new_names == 5, part.row()


def test_forms_the_graph_has_are_all_found_in_the_spanish_text(spanish_gold, suggester, spanish):
    """Names of two words or more in Spanish are matched word by word (Palacio de Bellas
    Artes); what is missed is single words the graph has only in English (Bruselas,
    España, Moscú), which stay candidates, and names no rule can match (URSS)."""
    annotations = spanish_gold.annotations
    article = {m.entity for m in annotations.mentions if m.span.source != SPANISH_ID}
    found = {
        (m.start, m.end, m.entity) for m in suggester.suggest(SPANISH_ID, spanish.text).mentions
    }
    same_form = [
        m
        for m in annotations.mentions
        if m.span.source == SPANISH_ID
        and m.entity in article
        and fold_name(m.span.exact)
        in {fold_name(n) for n in suggester_names(m.entity, annotations)}
    ]
    assert len(same_form) >= 40
    assert [m for m in same_form if (m.span.start, m.span.end, m.entity) not in found] == []


def suggester_names(entity_id: str, annotations) -> set[str]:
    """The names of an entity the article uses (the Spanish file's aliases left out)."""
    return {
        m.span.exact
        for m in annotations.mentions
        if m.entity == entity_id and m.span.source != SPANISH_ID
    } | {annotations.entities[entity_id].name}


def test_every_date_the_spanish_gold_gives_is_suggested_in_its_quote(
    spanish_gold, suggester, spanish
):
    found = suggester.suggest(spanish.id, spanish.text)
    dated = [
        (claim.date or claim.value, evidence.span)
        for claim in spanish_gold.annotations.claims
        if isinstance(claim.date or claim.value, PartialDate)
        for evidence in claim.evidence
        if evidence.span.source == SPANISH_ID
    ]
    assert len(dated) == 7
    for wanted, span in dated:
        inside = [
            d.date.partial
            for d in found.dates
            if span.start <= d.date.start and d.date.end <= span.end
        ]
        assert any(p.earliest <= wanted.earliest and wanted.latest <= p.latest for p in inside), (
            wanted,
            span.exact,
        )


# --- the command ----------------------------------------------------------------------------


@pytest.mark.slow
def test_suggest_evaluate_prints_the_library_figures(corpus):
    result = CliRunner().invoke(main, ["suggest", "--evaluate", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    expected = [s.row() for s in evaluate_source(corpus)]
    assert rows == [{k: str(v) for k, v in row.items()} for row in expected]


def test_suggest_writes_the_draft_and_refuses_an_unknown_source(corpus, tmp_path):
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(main, ["suggest", "gorkin-1957", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["source"] == "gorkin-1957"
    assert len(data["mentions"]) == len(corpus.annotations.mentions)  # all known: every one
    result = CliRunner().invoke(main, ["suggest", "gorkin-195"])
    assert result.exit_code == 1
    assert "unknown source 'gorkin-195'" in result.output and "gorkin-1957" in result.output
    assert "Traceback" not in result.output


# --- the draft through the whole loader, in a data folder with the Spanish source added -----


@pytest.fixture(scope="module")
def spanish_data(tmp_path_factory) -> Path:
    """A copy of data/ with the Spanish test text added as `serge-graph source add` adds it."""
    data = tmp_path_factory.mktemp("suggest") / "data"
    shutil.copytree(ROOT / "data", data)
    meta = yaml.safe_load((SECOND / "source.yaml").read_text(encoding="utf-8"))
    add_source(
        data,
        NewSource(
            file=SECOND / meta["file"],
            id=meta["id"],
            title=meta["title"],
            author=meta["author"],
            date=str(meta["date"]),
            language=meta["language"],
        ),
    )
    return data


def _with_draft(data: Path, tmp_path: Path, edit=None) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    result = CliRunner().invoke(
        main,
        [
            "--data",
            str(copy),
            "suggest",
            SPANISH_ID,
            "--out",
            str(copy / "annotations" / "70-suggested.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    if edit is not None:
        path = copy / "annotations" / "70-suggested.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


@pytest.mark.slow
def test_the_draft_loads_through_the_annotation_loader_and_counts_as_suggested(
    spanish_data, tmp_path
):
    data = _with_draft(spanish_data, tmp_path)
    draft = yaml.safe_load((data / "annotations" / "70-suggested.yaml").read_text(encoding="utf-8"))
    items = sum(
        len(draft.get(k) or [])
        for k in ("aliases", "mentions", "entities", "events", "dates", "claims")
    )
    corpus = load_corpus(data)
    assert corpus.annotations.suggested_by_file == (
        ("data/annotations/70-suggested.yaml", SPANISH_ID, items),
    )
    assert "laurette-sejourne" not in corpus.annotations.entities  # left out until confirmed
    included = load_corpus(data, include_suggested=True).annotations
    assert included.entities["laurette-sejourne"].status == "suggested"
    assert "Víctor Serge" in included.entities["victor-serge"].aliases


def test_a_draft_quote_that_no_longer_stands_in_the_text_is_an_error(spanish_data, tmp_path):
    data = _with_draft(
        spanish_data,
        tmp_path,
        lambda text: text.replace("quote: Umansky, occurrence: 2", "quote: Umansky, occurrence: 3"),
    )
    with pytest.raises(AnnotationError) as error:
        load_corpus(data)
    assert "occurrence 3 of “Umansky”: the text has 2" in str(error.value)


def test_confirming_a_mention_of_a_new_form_needs_its_alias(spanish_data, tmp_path):
    confirmed = "  - {entity: victor-serge, quote: Víctor Serge, occurrence: 1}"

    def confirm_mention_only(text: str) -> str:
        text = text.replace(
            "  - {entity: victor-serge, quote: Víctor Serge, occurrence: 1, status: suggested}",
            confirmed,
        )
        return text.replace(
            "  - {entity: victor-serge, name: Víctor Serge, language: es, status: suggested, evidence: {quote: Víctor Serge, occurrence: 1}}\n",
            "",
        )

    data = _with_draft(spanish_data, tmp_path, confirm_mention_only)
    with pytest.raises(AnnotationError) as error:
        load_corpus(data)
    assert "“Víctor Serge” is not a name or alias of 'victor-serge'" in str(error.value)


def test_a_confirmed_date_item_says_to_write_it_into_a_claim(spanish_data, tmp_path):
    def confirm_the_date_of_umanskys_death(text: str) -> str:
        head, _, dates = text.partition("\ndates:")
        item = dates.index("  - quote: en enero de 1945\n")
        line = "    status: suggested\n"
        status = dates.index(line, item)
        return head + "\ndates:" + dates[:status] + dates[status + len(line) :]

    data = _with_draft(spanish_data, tmp_path, confirm_the_date_of_umanskys_death)
    with pytest.raises(AnnotationError) as error:
        load_corpus(data)
    assert "a dates: item is only a suggestion" in str(error.value)
    assert str(error.value).count("70-suggested.yaml") == 1  # that item alone
