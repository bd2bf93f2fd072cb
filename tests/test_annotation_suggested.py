"""Suggested items and the worklists (annotations/suggested.py, annotations/worklist.py),
exactly: what each file still marks suggested, with its source; suggested claims numbered after
every confirmed one; nothing confirmed resting on a suggestion; and every problem of a
`mentions:` or `dates:` item, or of where a suggested entity or alias stands, at its line."""

from __future__ import annotations

from serge_graph import api

from .conftest import SECOND_SOURCE
from .test_annotation_problems import reported

A, B = "data/annotations/a.yaml", "data/annotations/b.yaml"
ARTICLE = "gorkin-1957"
SPANISH = SECOND_SOURCE.id

PEOPLE = """\
entities:
  - id: konstantin-umansky
    type: Person
    name: Konstantin Umansky
    aliases: [Umansky]
    status: suggested
    evidence: {quote: Konstantin Umansky}
  - id: victor-serge
    type: Person
    name: Victor Serge
    description: The writer whose last years the text tells.
  - id: vlady
    type: Person
    name: Vlady
    description: Serge's son.
    aliases: [{name: his son Vlady, status: suggested}]
  - id: mexico
    type: Country
    name: Mexico
"""
# the same fact twice: suggested (first in the file and in the text, on another date) and not
SON = """\
claims:
  - subject: vlady
    relation: childOf
    object: victor-serge
    date: 1947
    certainty: stated
    evidence: [his son Vlady]
    status: suggested
  - subject: vlady
    relation: childOf
    object: victor-serge
    certainty: stated
    evidence: ["I called Vlady over: 'If your father"]
"""
WORKLISTS = """\
mentions:
  - {entity: vlady, quote: Vlady, occurrence: 2, status: suggested}
  - {candidates: [vlady, julian-gorkin], quote: Gorkin, occurrence: 1, status: suggested}
dates:
  - {quote: in April 1943, date: 1943-04, status: suggested}
"""


def test_each_file_counts_what_it_still_marks_suggested(make_data):
    second_entity = "  - {id: palace-of-fine-arts, type: Building, name: Palace of Fine Art, status: suggested}\n"
    files = {
        "a.yaml": PEOPLE + second_entity + SON + WORKLISTS,
        "b.yaml": "aliases:\n"
        "  - {entity: vlady, name: I called Vlady, status: suggested}\n"
        "  - {entity: vlady, name: Vlady over, status: suggested}\n",
    }
    annotations = api.load_corpus(make_data(files)).annotations
    # a.yaml: two entities, an alias, a claim, two mentions, a date; b.yaml: two aliases
    assert annotations.suggested_by_file == ((A, ARTICLE, 7), (B, ARTICLE, 2))
    assert annotations.suggested == 9


def test_a_file_s_count_names_the_source_it_annotates(make_data):
    spanish = f"source: {SPANISH}\naliases:\n"
    spanish += "  - {entity: vlady, name: su hijo Vlady, language: es, status: suggested}\n"
    files = {"a.yaml": PEOPLE, "b.yaml": spanish}
    annotations = api.load_corpus(make_data(files, second_source=True)).annotations
    assert annotations.suggested_by_file == ((A, ARTICLE, 2), (B, SPANISH, 1))


def test_a_suggested_claim_is_numbered_after_every_confirmed_one(make_data):
    data = make_data({"a.yaml": PEOPLE + SON})
    claims = api.load_corpus(data, include_suggested=True).annotations.claims
    assert [(c.id, c.date.text if c.date else None, c.status) for c in claims] == [
        ("julian-gorkin--livedIn--madrid", None, ""),
        ("vlady--childOf--victor-serge", None, ""),
        ("vlady--childOf--victor-serge--2", "1947", "suggested"),
    ]
    confirmed = api.load_corpus(data).annotations.claims
    assert [c.id for c in confirmed] == [
        "julian-gorkin--livedIn--madrid",
        "vlady--childOf--victor-serge",
    ]


def test_nothing_confirmed_rests_on_a_suggestion(make_data):
    confirmed = """\
  - subject: konstantin-umansky
    relation: ambassadorTo
    object: mexico
    certainty: stated
    evidence: [Umansky (1902–1945) was Soviet Ambassador to Mexico]
  - subject: victor-serge
    relation: describedAs
    value: a father
    certainty: stated
    evidence: [his son Vlady]
    supports: [vlady--childOf--victor-serge--2]
  - subject: victor-serge
    relation: livedIn
    object: mexico
    certainty: stated
    rank: deprecated
    rank_reason: "a test: a correction, numbered after the suggested claims, names one"
    correction: {object: konstantin-umansky, reference: {title: A reference work}}
    evidence: [He fled to Mexico during the Second World War.]
"""
    known = "  - {id: general-knowledge, type: Group, name: general knowledge, implicit: a test}\n"
    files = {"a.yaml": PEOPLE + SON + confirmed, "b.yaml": "entities:\n" + known}
    assert reported(make_data, files) == [
        (
            A,
            33,
            "this confirmed claim names 'konstantin-umansky', which is still suggested",
            "confirm 'konstantin-umansky' first: serge-graph confirm gorkin-1957 konstantin-umansky "
            f"(or delete its status: suggested line, at {A}:2)",
        ),
        (
            A,
            38,
            "supports: 'vlady--childOf--victor-serge--2' is still suggested",
            "confirm that claim first (delete its status: suggested line)",
        ),
        (
            A,
            44,  # the correction's claim stands where the claim it corrects does
            "this confirmed claim names 'konstantin-umansky', which is still suggested",
            "confirm 'konstantin-umansky' first: serge-graph confirm gorkin-1957 konstantin-umansky "
            f"(or delete its status: suggested line, at {A}:2)",
        ),
    ]


EVENTS = """\
entities:
  - {id: general-knowledge, type: Group, name: general knowledge, implicit: a test}
events:
  - id: arrest-in-madrid
    type: Arrest
    name: an arrest in Madrid
    certainty: stated
    status: suggested
    date: {value: 1937, certainty: inferred, reason: a test, reference: {title: A work}}
    participants: [{entity: julian-gorkin, role: victim}]
    evidence: [When we were arrested by the GPU]
  - id: second-world-war
    type: War
    name: Second World War
    aliases: [{name: the Second World War, status: suggested}]
    certainty: stated
    date: {value: 1939/1945, certainty: inferred, reason: a test, reference: {title: A work}}
    participants: [{entity: julian-gorkin, role: participant, certainty: inferred, reason: a test}]
    evidence: ["He fled to Mexico during the Second World War."]
claims:
  - subject: julian-gorkin
    relation: birthDate
    value: 1902
    certainty: stated
    evidence: ["Julián Gómez García Gorkin (1902–1987)"]
"""


def test_claims_are_numbered_the_text_s_then_general_knowledge_s_then_suggested(make_data):
    data = make_data({"a.yaml": EVENTS})
    claims = api.load_corpus(data, include_suggested=True).annotations.claims
    assert [(c.id, c.status) for c in claims] == [
        # quoted in the article, in the order read (events first)
        ("second-world-war--type--War", ""),
        ("second-world-war--participant--julian-gorkin", ""),
        ("julian-gorkin--livedIn--madrid", ""),
        ("julian-gorkin--birthDate--1902", ""),
        # quoted nowhere: a date from general knowledge
        ("second-world-war--date--1939-1945", ""),
        # suggested, the suggested event's date from general knowledge with it
        ("arrest-in-madrid--type--Arrest", "suggested"),
        ("arrest-in-madrid--date--1937", "suggested"),
        ("arrest-in-madrid--victim--julian-gorkin", "suggested"),
    ]


def test_without_suggestions_a_suggested_event_and_alias_are_gone(make_data):
    annotations = api.load_corpus(make_data({"a.yaml": EVENTS})).annotations
    assert list(annotations.events) == ["second-world-war"]
    war = annotations.events["second-world-war"].entity
    assert (war.aliases, war is annotations.entities["second-world-war"]) == ((), True)
    assert not [c.id for c in annotations.claims if c.subject == "arrest-in-madrid"]


def test_a_part_s_speaker_may_not_be_suggested(make_data):
    from .conftest import BASE_ANNOTATIONS

    base = BASE_ANNOTATIONS.replace("    aliases: [ETOL]\n", "    status: suggested\n")
    problem = (
        "the speaker of source 'gorkin-1957', 'etol', is still suggested",
        "confirm 'etol' (delete its status: suggested line)",
    )
    # the speaker of the heading and of the colophon, each at its own line
    assert reported(make_data, {"base.yaml": base}, base=False) == [
        ("data/sources/sources.yaml", 20, *problem),
        ("data/sources/sources.yaml", 36, *problem),
    ]


MENTION_HINT = "choose the entity it names (entity: ID) among its candidates"
DATE_FIELDS = "fields: quote, occurrence, source, date, sentence, status"
STATUS_HINT = (
    "the only status is 'suggested'; to confirm an item, delete its status line "
    "(serge-graph confirm SOURCE ITEM does it)"
)
ONLY_A_SUGGESTION = (
    "confirm a date by writing it into a claim (date: or value:), then delete the item"
)


def test_every_problem_of_a_worklist_item_at_its_line(make_data):
    worklists = """\
mentions:
  - {entity: vlady, quote: Vlady, occurrence: 2}
  - {entity: vlady, quote: Vlady over}
  - {quote: Gorkin, occurrence: 1}
  - {candidates: [vlady, julian-gorkin], quote: Gorkin, occurrence: 2}
  - {candidates: vlady, quote: Vlady, occurrence: 1, status: suggested}
  - {candidates: [vladimir], quote: Vlady, occurrence: 1, status: suggested}
  - {entity: vlady, status: suggested}
  - {entity: vlady, quote: Vlady, occurrence: 1, page: 2, status: maybe}
  - {entity: vladimir, quote: Vlady, occurrence: 1}
  - {entity: "", quote: Vlady, occurrence: 1}
  - {entity: vlady, quote: Vlady over, status: suggested}
dates:
  - {quote: in April 1943, status: suggested}
  - {quote: in April 1943, date: April 1943, status: suggested}
  - {quote: in April 1943, date: 1943-04, sentence: x, day: 3}
  - {quote: in April 1943, date: 1943-04, status: maybe}
  - {quote: in April 1944, date: 1944-04, status: suggested}
aliases:
  - entity: vlady
    name: I called Vlady
    status: suggested
    evidence: {quote: I called Vladimir}
"""
    people = PEOPLE.replace("{quote: Konstantin Umansky}", "[Konstantin Umanski, null]")
    assert reported(make_data, {"a.yaml": people + worklists}) == [
        (
            A,
            22,
            "“Vlady over” is not a name or alias of 'vlady'",
            "add it under aliases: {entity: vlady, name: Vlady over}",
        ),
        (A, 23, "a mention without entity:", MENTION_HINT),
        (A, 24, "a mention without entity:", MENTION_HINT),  # candidates, but confirmed
        (A, 25, "candidates must be a list of entity ids", ""),
        (A, 26, "unknown id 'vladimir' in candidates", "did you mean 'vlady'?"),
        (A, 27, "no quote", "give quote: the words of the text"),
        (
            A,
            28,
            "unknown field 'page' in mention",
            "fields: entity, candidates, quote, occurrence, source, status",
        ),
        (A, 28, "unknown status 'maybe' in mention", STATUS_HINT),
        (A, 29, "unknown id 'vladimir' in entity", "did you mean 'vlady'?"),
        (A, 30, "missing entity", "give entity: an entity id"),  # "" is no id
        # line 31: a suggested mention need not be a name yet
        (A, 33, "a date without date:", "write date: 1942-04"),
        (
            A,
            34,
            "bad date: 'April 1943' is not a date",
            "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944",
        ),
        (A, 35, "unknown field 'day' in date", DATE_FIELDS),
        (A, 35, "a dates: item is only a suggestion", ONLY_A_SUGGESTION),
        (A, 36, "unknown status 'maybe' in date", STATUS_HINT),
        (A, 36, "a dates: item is only a suggestion", ONLY_A_SUGGESTION),
        (
            A,
            37,
            "quote not found in the text of gorkin-1957: “in April 1944”",
            "nearest passage: p33: “in April 1943, we learned that Stalin had shot Alter and "
            "Erlich [9] - the two leaders of J”",
        ),
        # where a suggested entity and a suggested alias stand, checked like evidence
        (
            A,
            7,
            "quote not found in the text of gorkin-1957: “Konstantin Umanski”",
            "nearest passage: p36: “Konstantin Umansky. [11] (He was to die in a mysterious "
            "aviation accident in Mexico in 194”",
        ),
        (A, 2, "evidence must be a quote or {quote:, occurrence:}", ""),  # null: the entity's
        (
            A,
            42,  # the evidence's own line
            "quote not found in the text of gorkin-1957: “I called Vladimir”",
            "nearest passage: p63: “I called Vlady over: 'If your father had to choose a "
            "nationality, which one would he have ”",
        ),
    ]


def test_a_worklist_item_is_looked_for_in_the_source_it_names(make_data):
    spanish = (
        "mentions:\n"
        f"  - {{entity: vlady, quote: su hijo Vlady, source: {SPANISH}, status: suggested}}\n"
        "dates:\n"
        f"  - {{quote: en enero de 1945, source: {SPANISH}, date: 1945-01, status: suggested}}\n"
    )
    data = make_data({"a.yaml": PEOPLE + spanish}, second_source=True)
    # the file annotates the article; its entity, alias, mention and date are all counted
    assert api.load_corpus(data).annotations.suggested_by_file == ((A, ARTICLE, 4),)


def test_the_loader_leaves_the_suggestions_out_unless_asked(make_data):
    from serge_graph.annotations import load_annotations
    from serge_graph.project import resolve_paths
    from serge_graph.source import load_sources
    from serge_graph.vocabulary import Vocabulary

    paths = resolve_paths(make_data({"a.yaml": PEOPLE}))
    read = (paths.annotations, load_sources(paths.sources), Vocabulary.load(paths.ontology))
    assert "konstantin-umansky" not in load_annotations(*read).entities
    assert "konstantin-umansky" in load_annotations(*read, include_suggested=True).entities
