"""Entities as the loader reads them (annotations/entities.py), exactly: every field of an
entity, alias forms with their language and status, implied names, the top-level aliases:
section, the mentions each makes in the real article (which are suggested, which implied), and
every problem a broken entity gives, with its file, line, message and hint."""

from __future__ import annotations

from serge_graph import api
from serge_graph.model import Certainty, Entity, Where

from .test_annotation_problems import BAD, reported

PEOPLE = "data/annotations/people.yaml"
SUGGESTED = "suggested"
THE_WAR = Certainty("implied", "a test: the war of the text's years")

# Entities of the article's people and war; the quoted forms are the article's own words
PEOPLE_YAML = """\
entities:
  - id: konstantin-umansky
    type: Person
    name: Konstantin Umansky
    aliases: [{name: Umansky}]
    description: The Soviet ambassador in Mexico.
    status: suggested
  - id: vlady
    type: Person
    name: Vlady
    aliases: [{name: his son Vlady, language: en-GB, status: suggested}]
    description: Serge's son.
    note: "  written by a test "
events:
  - id: second-world-war
    type: War
    name: Second World War
    certainty: stated
    implied_names: {name: the war, reason: "  a test: the war of the text's years "}
    participants: [{entity: julian-gorkin, role: participant, certainty: inferred, reason: a test}]
    evidence: ["He fled to Mexico during the Second World War."]
aliases:
  - {entity: konstantin-umansky, name: Konstantin Umansky, language: ru}
  - {entity: vlady, name: "I called Vlady", language: en, status: suggested}
  - {entity: julian-gorkin, name: Gorkin, language: es}
  - {entity: second-world-war, name: the Second World War}
"""


def load(make_data, include_suggested: bool) -> api.Corpus:
    return api.load_corpus(
        make_data({"people.yaml": PEOPLE_YAML}), include_suggested=include_suggested
    )


def at(corpus: api.Corpus, words: str) -> int:
    """Where the words stand in the article (once only)."""
    text = corpus.sources["gorkin-1957"].text
    assert text.count(words) == 1, words
    return text.index(words)


def mentions_of(corpus: api.Corpus, *entity_ids: str) -> list[tuple]:
    return [
        (m.entity, m.span.start, m.span.exact, m.status, m.certainty)
        for m in corpus.annotations.mentions
        if m.entity in entity_ids
    ]


def test_every_field_of_an_entity_with_its_suggested_items(make_data):
    entities = load(make_data, include_suggested=True).annotations.entities
    assert entities["konstantin-umansky"] == Entity(
        id="konstantin-umansky",
        type="Person",
        name="Konstantin Umansky",
        aliases=("Umansky",),  # a name given again in aliases: is not added twice
        description="The Soviet ambassador in Mexico.",
        where=Where(PEOPLE, 2),
        status=SUGGESTED,
    )
    assert entities["vlady"] == Entity(
        id="vlady",
        type="Person",
        name="Vlady",
        aliases=("his son Vlady", "I called Vlady"),
        alias_languages=(("his son Vlady", "en-GB"), ("I called Vlady", "en")),
        description="Serge's son.",
        where=Where(PEOPLE, 8),
        note="  written by a test ",
    )
    assert entities["second-world-war"] == Entity(
        id="second-world-war",
        type="War",
        name="Second World War",
        aliases=("the Second World War",),  # from aliases:, with no language
        description="",
        where=Where(PEOPLE, 15),
        is_event=True,
        implied_names=(("the war", "a test: the war of the text's years"),),
    )
    # an alias already among an entity's names keeps what it had: no second copy, no language
    assert (entities["julian-gorkin"].aliases, entities["julian-gorkin"].alias_languages) == (
        ("Gorkin",),
        (),
    )


def test_without_suggested_items_their_entities_and_aliases_are_left_out(make_data):
    entities = load(make_data, include_suggested=False).annotations.entities
    assert "konstantin-umansky" not in entities
    assert (entities["vlady"].aliases, entities["vlady"].alias_languages) == ((), ())


def test_mentions_of_a_suggested_entity_or_alias_are_suggested_and_of_an_implied_name_implied(
    make_data,
):
    corpus = load(make_data, include_suggested=True)
    umansky = at(corpus, "Konstantin Umansky")
    war = at(corpus, "the Second World War")
    assert mentions_of(corpus, "konstantin-umansky", "vlady") == [
        ("konstantin-umansky", umansky, "Konstantin Umansky", SUGGESTED, None),
        ("konstantin-umansky", at(corpus, "While Umansky") + 6, "Umansky", SUGGESTED, None),
        # the suggested alias is suggested; the confirmed name, elsewhere, is not
        ("vlady", at(corpus, "his son Vlady"), "his son Vlady", SUGGESTED, None),
        ("vlady", at(corpus, "I called Vlady"), "I called Vlady", SUGGESTED, None),
        ("konstantin-umansky", at(corpus, "Umansky (1902"), "Umansky", SUGGESTED, None),
    ]
    the_war = [m for m in mentions_of(corpus, "second-world-war") if m[1] != war]
    assert [(exact, status, certainty) for _, _, exact, status, certainty in the_war] == [
        ("the war", "", THE_WAR)
    ] * 6
    assert ("second-world-war", war, "the Second World War", "", None) in mentions_of(
        corpus, "second-world-war"
    )


def test_without_suggested_items_a_confirmed_name_is_found_where_a_suggested_alias_was(make_data):
    corpus = load(make_data, include_suggested=False)
    assert mentions_of(corpus, "konstantin-umansky", "vlady") == [
        ("vlady", at(corpus, "his son Vlady") + len("his son "), "Vlady", "", None),
        ("vlady", at(corpus, "I called Vlady") + len("I called "), "Vlady", "", None),
    ]


# --- problems -----------------------------------------------------------------------------------

ALIASES_HINT = "write aliases: [Serge, {name: Víctor Serge, language: es}]"
IMPLIED_HINT = "write implied_names: [{name: the war, reason: why the words mean it}]"
LANGUAGE_HINT = "write a language tag such as es, fr, en or pt-BR"
STATUS_HINT = (
    "the only status is 'suggested'; to confirm an item, delete its status line "
    "(serge-graph confirm SOURCE ITEM does it)"
)


def test_aliases_one_name_or_a_list_of_names_and_mappings(make_data):
    files = {
        "bad.yaml": """\
        entities:
          - id: konstantin-umansky
            type: Person
            name: Konstantin Umansky
            description: A single alias, not in a list.
            aliases: Umansky
          - id: vlady
            type: Person
            name: Vlady
            description: Broken aliases, each reported, the next still read.
            aliases:
              - null
              - {language: en}
              - [his son Vlady]
              - {name: his son Vlady, lang: en, status: maybe, language: English}
              - {name: "  "}
              - {name: I called Vlady, language: en}
        """
    }
    assert reported(make_data, files) == [
        (BAD, 7, "aliases must be a list of names", ALIASES_HINT),  # null: the entity's line
        (BAD, 13, "aliases must be a list of names", ALIASES_HINT),
        (BAD, 14, "aliases must be a list of names", ALIASES_HINT),
        (BAD, 15, "unknown field 'lang' in alias", "did you mean 'language'?"),
        (BAD, 15, "unknown status 'maybe' in alias", STATUS_HINT),
        (
            BAD,
            15,
            "language 'English' is not a language tag",
            LANGUAGE_HINT,
        ),
        (BAD, 16, "aliases must be a list of names", ALIASES_HINT),
    ]


def test_one_alias_written_alone_is_read_as_a_list_of_one(make_data):
    files = {
        "people.yaml": """\
        entities:
          - id: konstantin-umansky
            type: Person
            name: Konstantin
            description: The Soviet ambassador in Mexico.
            aliases: Umansky
        """
    }
    entity = api.load_corpus(make_data(files)).annotations.entities["konstantin-umansky"]
    assert (entity.name, entity.aliases, entity.alias_languages) == ("Konstantin", ("Umansky",), ())


def test_implied_names_each_need_a_name_and_a_reason(make_data):
    files = {
        "bad.yaml": """\
        events:
          - id: second-world-war
            type: War
            name: Second World War
            certainty: stated
            participants: [{entity: julian-gorkin, role: participant}]
            evidence: ["He fled to Mexico during the Second World War."]
            implied_names:
              - null
              - the war
              - {name: the war}
              - {reason: a reason without a name}
              - {name: the war, reason: the text's war, why: a test}
        """
    }
    assert reported(make_data, files) == [
        (BAD, 2, "each implied name needs a name and a reason", IMPLIED_HINT),  # null: the event's
        (BAD, 10, "each implied name needs a name and a reason", IMPLIED_HINT),
        (BAD, 11, "each implied name needs a name and a reason", IMPLIED_HINT),
        (BAD, 12, "each implied name needs a name and a reason", IMPLIED_HINT),
        (BAD, 13, "unknown field 'why' in implied name", "fields: name, reason"),
    ]


def test_corrections_must_be_a_list_of_mappings(make_data):
    files = {
        "bad.yaml": """\
        entities:
          - id: konstantin-umansky
            type: Person
            name: Konstantin Umansky
            description: The Soviet ambassador in Mexico.
            corrections:
              text_form: Cardenas
          - id: vlady
            type: Person
            name: Vlady
            description: Serge's son.
            aliases: [his son Vlady]
            corrections:
              - null
              - {text_form: Vladi}
              - {text_form: Vlady, correct_form: Vladimir, origin: general knowledge, page: 3}
              - {text_form: Vlady, correct_form: Vladimir, origin: a test, reference: a book}
        """
    }
    reference_hint = "name the work or page consulted, with its address where public"
    missing_hint = (
        "a correction says the text's form, the correct form and where the correction comes "
        "from (origin: general knowledge)"
    )
    assert reported(make_data, files) == [
        (BAD, 7, "corrections must be a list of mappings", ""),
        (BAD, 8, "each correction must be a mapping", ""),  # null: the entity's line
        (BAD, 15, "correction without correct_form, origin", missing_hint),
        (
            BAD,
            16,
            "unknown field 'page' in correction",
            "fields: text_form, correct_form, origin, note, reference",
        ),
        (BAD, 17, "a correction needs reference: {title: …, url: …}", reference_hint),
    ]


def test_an_entity_s_fields_each_at_their_line(make_data):
    files = {
        "bad.yaml": """\
        entities:
          - type: Person
            id: Konstantin_Umansky
            name: Konstantin Umansky
            description: A bad id on the entity's second line.
            date: 1943
            status: draft
          - id: the-palace
            name: Palace of Fine Art
            description: An unknown type with no close one.
            type: Zeppelin
        events:
          - id: second-world-war
            type: War
            name: Second World War
            certainty: stated
            status: confirmed
            participants: [{entity: julian-gorkin, role: participant}]
            evidence: ["He fled to Mexico during the Second World War."]
        """
    }
    assert reported(make_data, files) == [
        (
            BAD,
            6,
            "unknown field 'date' in entity",
            "fields: id, type, name, aliases, description, corrections, implicit, note, status, "
            "implied_names, evidence, sentence",
        ),
        (
            BAD,
            3,
            "id 'Konstantin_Umansky' is not a slug",
            "use lower-case letters and digits joined by single hyphens, e.g. andres-nin "
            "(a double hyphen is kept for claim ids: subject--relation--object)",
        ),
        (BAD, 7, "unknown status 'draft' in entity", STATUS_HINT),
        (
            BAD,
            11,
            "unknown entity type 'Zeppelin'",
            "types: Book, Building, City, Country, Document, Group, Novel, Organisation, "
            "Pamphlet, Periodical, Person, Place, Region, Work",
        ),
        (BAD, 17, "unknown status 'confirmed' in event", STATUS_HINT),
    ]


def test_the_aliases_section_names_a_known_entity_and_a_form_of_the_text(make_data):
    files = {
        "bad.yaml": """\
        aliases:
          - {name: Vlady}
          - {entity: vladimir, name: Vlady}
          - {entity: julian-gorkin, name: " "}
          - {entity: julian-gorkin}
          - entity: julian-gorkin
            name: Julian Gorkine
            language: fr
          - {entity: julian-gorkin, name: Gorkin, page: 3, status: maybe}
          - entity: julian-gorkin
            name: Gorkin
            language: Spanish
        """
    }
    assert reported(make_data, files) == [
        (BAD, 2, "missing entity", "give entity: an entity id"),
        (
            BAD,
            3,
            "unknown id 'vladimir' in entity",
            "define it under entities: or events: in some file",
        ),
        (BAD, 4, "alias without name", "write {entity: id, name: …}"),
        (BAD, 5, "alias without name", "write {entity: id, name: …}"),
        (
            BAD,
            7,  # the name's line
            "alias 'Julian Gorkine' of 'julian-gorkin' does not occur in the text",
            "nearest passage: p2: “Julián Gorkin”; aliases are forms the text uses, as whole words",
        ),
        (
            BAD,
            9,
            "unknown field 'page' in alias",
            "fields: entity, name, language, status, evidence",
        ),
        (BAD, 9, "unknown status 'maybe' in alias", STATUS_HINT),
        (
            BAD,
            12,  # the language's line
            "language 'Spanish' is not a language tag",
            LANGUAGE_HINT,
        ),
    ]
