"""Claims as the loader makes them (annotations/claims.py), exactly: a date value, an event's date
from general knowledge, the claims of a suggested event, and the problems of a claim's own
fields (an unknown field, speaker or relation), each with its file, line, message and hint."""

from __future__ import annotations

from serge_graph import api
from serge_graph.model import Certainty, Reference, Where

from .test_annotation_problems import BAD, reported

GOOD = "data/annotations/good.yaml"
WAR_REASON = "general knowledge, not the text: a test"

GENERAL_KNOWLEDGE = """\
entities:
  - id: general-knowledge
    type: Group
    name: general knowledge
    implicit: the annotators' knowledge, not the text's
  - id: konstantin-umansky
    type: Person
    name: Konstantin Alexandrovich Umansky
    description: The Soviet ambassador in Mexico.
"""
DATES = """\
claims:
  - subject: julian-gorkin
    relation: birthDate
    value: 1902
    certainty: stated
    evidence: ["Julián Gómez García Gorkin (1902–1987)"]
events:
  - id: second-world-war
    type: War
    name: Second World War
    certainty: stated
    date:
      value: 1939-09-01/1945-09-02
      certainty: inferred
      reason: "general knowledge, not the text: a test"
      reference: {title: A reference work, url: "https://example.org/ww2"}
    participants: [{entity: julian-gorkin, role: participant, certainty: inferred, reason: a test}]
    evidence: ["He fled to Mexico during the Second World War."]
"""


def claims_by_id(corpus: api.Corpus) -> dict:
    return {c.id: c for c in corpus.annotations.claims}


def test_a_date_value_and_a_date_from_general_knowledge(make_data):
    claims = claims_by_id(api.load_corpus(make_data({"good.yaml": GENERAL_KNOWLEDGE + DATES})))
    born = claims["julian-gorkin--birthDate--1902"]
    assert (born.value.text, born.value.precision, born.speaker, born.note) == (
        "1902",
        "year",
        "revolutionary-history-editors",  # the notes' speaker
        "",  # none given
    )
    dated = claims["second-world-war--date--1939-09-01-1945-09-02"]
    assert (
        dated.value.text,
        dated.speaker,
        dated.evidence,
        dated.certainty,
        dated.reference,
        dated.where,
    ) == (
        "1939-09-01/1945-09-02",
        "general-knowledge",  # never the text's claim: no quote
        (),
        Certainty("inferred", WAR_REASON),
        Reference("A reference work", "https://example.org/ww2"),
        Where(GOOD, 17),  # the event's line
    )
    # the event's other facts are the text's, with no note
    war = claims["second-world-war--type--War"]
    assert (war.speaker, war.note) == ("revolutionary-history-editors", "")


SUGGESTED_EVENT = """\
  - {id: mexico, type: Country, name: Mexico}
events:
  - id: second-world-war
    type: War
    name: Second World War
    certainty: stated
    status: suggested
    date: {value: 1939/1945, certainty: inferred, reason: a test}
    place: mexico
    participants: [{entity: julian-gorkin, role: participant, certainty: inferred, reason: a test}]
    evidence: ["He fled to Mexico during the Second World War."]
"""


def test_a_suggested_event_makes_only_suggested_claims(make_data):
    data = make_data({"good.yaml": GENERAL_KNOWLEDGE + SUGGESTED_EVENT})
    claims = api.load_corpus(data, include_suggested=True).annotations.claims
    assert [(c.id, c.status) for c in claims] == [
        ("julian-gorkin--livedIn--madrid", ""),
        ("second-world-war--type--War", "suggested"),
        ("second-world-war--date--1939-1945", "suggested"),
        ("second-world-war--place--mexico", "suggested"),
        ("second-world-war--participant--julian-gorkin", "suggested"),
    ]


CORRECTED = """\
  - id: andres-nin
    type: Person
    name: Andrés Nin
    description: A leader of the POUM.
  - id: mexican-communist-party
    type: Organisation
    name: Mexican Communist Party
    description: The party the text says few joined.
claims:
  - subject: andres-nin
    relation: diedIn
    object: madrid
    certainty: stated
    evidence: [tortured and murdered in Madrid]
  - subject: andres-nin
    relation: livedIn
    object: madrid
    certainty: stated
    rank: deprecated
    rank_reason: a test of a correction to a relation already claimed
    correction: {relation: diedIn, object: madrid, reference: {title: A reference work}}
    evidence: [Andrés Nin and I learned]
  - subject: mexican-communist-party
    relation: memberCount
    value: "2,000"
    certainty: stated
    rank: deprecated
    rank_reason: a test of a number corrected
    correction: {value: "3,000", reference: {title: A reference work}}
    evidence: ["scarcely 2,000"]
  - subject: julian-gorkin
    relation: livedIn
    object: etol
    certainty: stated
    rank: deprecated
    rank_reason: a test of a correction to a relation of another kind
    correction: {relation: birthDate, value: 1902, reference: {title: A reference work}}
    evidence: ["Julián Gómez García Gorkin (1902–1987)"]
    status: suggested
"""


def test_each_correction_is_a_claim_of_its_own_numbered_after_the_text_s(make_data):
    data = make_data({"good.yaml": GENERAL_KNOWLEDGE + CORRECTED})
    claims = api.load_corpus(data, include_suggested=True).annotations.claims
    rows = [(c.id, c.corrects, c.speaker, c.status) for c in claims if c.rank == "preferred"]
    assert rows == [
        # a correction whose fact the text also states takes the next number
        ("andres-nin--diedIn--madrid--2", "andres-nin--livedIn--madrid", "general-knowledge", ""),
        (
            "mexican-communist-party--memberCount--3000",
            "mexican-communist-party--memberCount--2000",
            "general-knowledge",
            "",
        ),
        # a correction to another kind of relation reads its value as that relation's
        (
            "julian-gorkin--birthDate--1902",
            "julian-gorkin--livedIn--etol",
            "general-knowledge",
            "suggested",  # as the claim it corrects
        ),
    ]
    assert len({c.id for c in claims}) == len(claims)


def test_a_claim_s_own_fields(make_data):
    files = {
        "bad.yaml": """\
        claims:
          - subject: julian-gorkin
            relation: birthDate
            value: 1902
            certainty: stated
            notes: a test
            evidence: ["Julián Gómez García Gorkin (1902–1987)"]
          - subject: julian-gorkin
            relation: zzz
            object: madrid
            certainty: stated
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: describedAs
            value: a test
            certainty: stated
            speaker: gorkin
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: livedIn
            object: ""
            certainty: stated
            evidence: [tortured and murdered in Madrid]
          - subject: etol
            relation: livedIn
            object: madird
            certainty: stated
            rank: deprecated
            rank_reason: a test
            correction: {object: madird, reference: {title: A reference work}}
            evidence: [tortured and murdered in Madrid]
          - subject: etol
            relation: livedIn
            object: madrid
            certainty: stated
            status: confirmed
            evidence: [tortured and murdered in Madrid]
        """
    }
    assert reported(make_data, files) == [
        (BAD, 6, "unknown field 'notes' in claim", "did you mean 'note'?"),
        (BAD, 9, "unknown relation 'zzz'", "see `serge-graph vocabulary` for the relations"),
        (BAD, 17, "unknown id 'gorkin' in speaker", "did you mean 'julian-gorkin'?"),
        (BAD, 19, "missing object", "give object: an entity id"),  # "" is no id
        (BAD, 26, "unknown id 'madird' in object", "did you mean 'madrid'?"),
        (BAD, 30, "unknown id 'madird' in object", "did you mean 'madrid'?"),  # the correction's
        (
            BAD,
            36,
            "unknown status 'confirmed' in claim",
            "the only status is 'suggested'; to confirm an item, delete its status line "
            "(serge-graph confirm SOURCE ITEM does it)",
        ),
    ]
