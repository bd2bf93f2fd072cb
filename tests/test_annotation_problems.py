"""Every problem the annotation checks report, exactly and in order: for each broken set of
test_validator.py's CASES (and a few more here), the whole list of (line, message, hint) that
loading the real sources with those annotations gives. test_validator.py checks one message per
case; this pins the rest, so that a changed line, message or hint, or a problem lost or doubled,
fails."""

from __future__ import annotations

import pytest
import yaml

from serge_graph import api
from serge_graph.errors import AnnotationError
from serge_graph.model import Correction, Reference, Where

from .conftest import SECOND_SOURCE
from .test_validator import CASES

BAD = "data/annotations/bad.yaml"
SECOND_ID = SECOND_SOURCE.id  # the Spanish test text, added as a second source
# libyaml's parser (used when PyYAML has it) and PyYAML's own word an unclosed list apart
UNCLOSED_LIST = (
    "did not find expected ',' or ']'"
    if yaml.__with_libyaml__
    else "expected ',' or ']', but got '<stream end>'"
)
NO_CERTAINTY = (
    "add certainty: stated (the quoted words say it), or implied / inferred with reason: "
    "why the words only imply it or where it is drawn from"
)
SAME_FACT = (
    "the same fact by the same speaker (julian-gorkin) is already claimed at "
    "data/annotations/00-base.yaml:21"
)
ONE_FACT = "add this claim's quotes to that claim's evidence: one fact, many witnesses"

EXPECTED = {
    "alias not in text": [
        (
            2,
            "alias 'Andreu Nin' of 'andres-nin' does not occur in the text",
            "nearest passage: note-12: “Andrei Vyshinsky (1883-1954), an ex-Menshevik who was the state prosecutor during the Mosc”; aliases are forms the text uses, as whole words",
        ),
    ],
    "ambiguous quote": [
        (
            6,
            "quote occurs 15 times: “Victor Serge” (p3, p6, p7, p11, p14, p25, p26, p34, p37, p39, p48, p61, p61, p62, p64)",
            "lengthen the quote, or add occurrence: N (1 = first)",
        ),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "bad date": [
        (2, "event 'murder-of-andres-nin' has no certainty", NO_CERTAINTY),
        (
            5,
            "bad date: 'April 1937' is not a date",
            "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944",
        ),
        (6, "participant 'julian-gorkin' has no certainty", NO_CERTAINTY),
    ],
    "bad slug": [
        (
            2,
            "id 'Andres_Nin' is not a slug",
            "use lower-case letters and digits joined by single hyphens, e.g. andres-nin (a double hyphen is kept for claim ids: subject--relation--object)",
        ),
    ],
    "claim without certainty": [
        (2, "claim has no certainty", NO_CERTAINTY),
        (2, SAME_FACT, ONE_FACT),
    ],
    "correction not an alias": [
        (
            2,
            "correction's text_form 'Cardenaz' is in no alias of 'lazaro-cardenas'",
            "list the text's form under aliases",
        ),
    ],
    "deprecated without correction": [
        (
            6,
            "deprecated claim needs rank_reason: and correction:",
            "say why the text is wrong and give correction: {value: …, reference: {title: …, url: …}}",
        ),
        (2, SAME_FACT, ONE_FACT),
    ],
    "date from general knowledge not inferred": [
        (
            9,
            "a date from general knowledge must be certainty: inferred",
            "write certainty: inferred and reason: why the date comes from outside the text",
        ),
    ],
    "date from general knowledge without title": [
        (
            10,
            "a date from general knowledge needs reference: {title: …, url: …}",
            "name the work or page consulted, with its address where public",
        ),
    ],
    "duplicate id": [
        (
            2,
            "id 'madrid' is defined twice",
            "first defined at data/annotations/00-base.yaml:17; keep one definition and reference it by id",
        ),
    ],
    "event without participants": [
        (2, "event 'murder-of-andres-nin' has no certainty", NO_CERTAINTY),
        (
            2,
            "event 'murder-of-andres-nin' has no participants",
            "add participants: [{entity: some-id, role: participant}]",
        ),
    ],
    "implied without reason": [
        (
            5,
            "claim is implied but gives no reason",
            "add reason: why the words only imply it or where it is drawn from",
        ),
        (2, SAME_FACT, ONE_FACT),
    ],
    "link to an unknown claim": [
        (
            2,
            "disputes: no claim 'julian-gorkin--livedIn--madri'",
            "did you mean 'julian-gorkin--livedIn--madrid'?",
        ),
    ],
    "missing description": [
        (
            2,
            "person 'andres-nin' has no description",
            "add description: one sentence from what the text says",
        ),
    ],
    "missing fields": [
        (2, "entity without type, name", "every entity needs id, type and name"),
    ],
    "no evidence": [
        (2, "no evidence", "add evidence: [the exact words of the text that state this]"),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "no name in text": [
        (
            2,
            "'leon-blum': neither its name nor any alias occurs in the text",
            "add the form the text uses as an alias, or say why it is never named with implicit: '…'",
        ),
    ],
    "object and value": [
        (
            2,
            "a claim needs exactly one of object and value",
            "object: an entity id; value: a date, text or number",
        ),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "occurrence out of range": [
        (6, "occurrence 9 of “Madrid”: the text has 1", "occurrence counts from 1"),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "occurrence zero": [
        (6, "occurrence 0 of “Victor Serge”: the text has 15", "occurrence counts from 1"),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "quote not in text": [
        (
            5,
            "quote occurs 2 times: “Nin” (p13, p13)",
            "lengthen the quote, or add occurrence: N (1 = first)",
        ),
        (
            5,
            "quote not found in the text of gorkin-1957: “who was tortured and killed in Madrid”",
            "nearest passage: p13: “who was tortured and murdered in Madrid. In return, I was one of those who helped Serge to”",
        ),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "quote spans paragraphs": [
        (
            6,
            "quote spans two paragraphs: “the Spanish people. On his initiative”",
            "split it into one quote per paragraph",
        ),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "reversed date range": [
        (
            5,
            "bad date: range '1944/1942' ends before it begins",
            "write the earlier date first: 1942/1944",
        ),
        (2, "claim has no certainty", NO_CERTAINTY),
        (2, SAME_FACT, ONE_FACT),
    ],
    "same fact twice from one speaker": [
        (2, SAME_FACT, ONE_FACT),
    ],
    "shared alias": [
        (
            2,
            "name 'Madrid' of 'the-city' is also a name of 'madrid'",
            "(data/annotations/00-base.yaml:17); a name must point to one entity: keep it on the one the text means",
        ),
    ],
    "slug with doubled and trailing hyphens": [
        (
            2,
            "id 'andres--nin-' is not a slug",
            "use lower-case letters and digits joined by single hyphens, e.g. andres-nin (a double hyphen is kept for claim ids: subject--relation--object)",
        ),
    ],
    "speaker not an agent": [
        (
            5,
            "speaker 'madrid' is not a person, group or organisation",
            "for words quoted from a work, give its author as speaker and the work as quoted_from",
        ),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "spoken at a place": [
        (
            6,
            "spoken_at 'madrid' is not an event",
            "name the event (a meeting, a burial) at which the words were said",
        ),
    ],
    "unknown certainty": [
        (5, "unknown certainty 'stat'", "did you mean 'stated'?"),
        (2, SAME_FACT, ONE_FACT),
    ],
    "unknown field": [
        (5, "unknown field 'descripton' in entity", "did you mean 'description'?"),
        (
            2,
            "person 'andres-nin' has no description",
            "add description: one sentence from what the text says",
        ),
    ],
    "unknown id": [
        (2, "unknown id 'julian-gorkn' in subject", "did you mean 'julian-gorkin'?"),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "unknown relation": [
        (3, "unknown relation 'livedin'", "did you mean 'livedIn' or 'arrivedIn'?"),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "unknown role": [
        (2, "event 'murder-of-andres-nin' has no certainty", NO_CERTAINTY),
        (5, "unknown role 'victm'", "did you mean 'victim'?"),
        (5, "participant 'julian-gorkin' has no certainty", NO_CERTAINTY),
    ],
    "unknown section": [
        (1, "unknown section 'entitys'", "did you mean 'entities' or 'mentions' or 'events'?"),
    ],
    "unknown type": [
        (2, "unknown entity type 'Persn'", "did you mean 'Person'?"),
    ],
    "value where object expected": [
        (
            4,
            "relation 'livedIn' takes an object (an id)",
            "write object: some-id instead of value:",
        ),
        (2, "claim has no certainty", NO_CERTAINTY),
    ],
    "yaml syntax": [
        (
            4,
            "not valid YAML: " + UNCLOSED_LIST,
            "check indentation and quoting around this line",
        ),
    ],
}


def reported(make_data, files: dict[str, str], **options) -> list[tuple]:
    data = make_data(files, **options)
    with pytest.raises(AnnotationError) as raised:
        api.load_corpus(data)
    return [(p.file, p.line, p.message, p.hint) for p in raised.value.problems]


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_broken_set_reports_exactly_its_problems(make_data, case):
    expected = [(BAD, *problem) for problem in EXPECTED[case]]
    assert reported(make_data, {"bad.yaml": CASES[case][0]}) == expected


# Paths of the checks that CASES does not take, several problems to a file
EXTRA_CASES = {
    "claim values and fields": """\
        claims:
          - subject: julian-gorkin
            relation: memberCount
            value: some
            certainty: stated
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: birthDate
            object: madrid
            certainty: stated
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: deathDate
            value: 1942/1944
            certainty: stated
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            certainty: stated
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: livedIn
            object: etol
            certainty: stated
            reason: it says so
            disputes: [nothing-like-this-at-all]
            evidence: [tortured and murdered in Madrid]
          - relation: livedIn
            object: etol
            certainty: stated
            evidence: [tortured and murdered in Madrid]
        """,
    "ranks and corrections": """\
        claims:
          - subject: julian-gorkin
            relation: memberCount
            value: "2,000"
            certainty: stated
            rank: best
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: memberCount
            value: 3000
            certainty: stated
            rank_reason: wrong
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: livedIn
            object: etol
            certainty: stated
            rank: deprecated
            rank_reason: he never lived there
            correction: {object: madrid, relation: livedn, reference: {title: A book}}
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: livedIn
            object: revolutionary-history-editors
            certainty: stated
            rank: deprecated
            rank_reason: he never lived there
            correction: {object: madrid, reference: {url: "https://example.org/"}}
            evidence: [tortured and murdered in Madrid]
          - subject: etol
            relation: livedIn
            object: madrid
            certainty: stated
            rank: deprecated
            rank_reason: a website lives nowhere
            correction: {object: julian-gorkin, reference: {title: " A book ", pages: 3}}
            evidence: [tortured and murdered in Madrid]
        """,
    "evidence forms": """\
        claims:
          - subject: julian-gorkin
            relation: livedIn
            object: madrid
            certainty: stated
            speaker: etol
            evidence:
              - {quote: tortured and murdered in Madrid, source: gorkin-1975}
              - {quote: tortured and murdered in Madrid, source: memoirs}
              - {quote: "  ", occurrence: 1}
              - [a, list]
              - {quote: tortured and murdered in Madrid, page: 3}
              - {quote: tortured and murdered in Madrid, occurrence: first}
          - subject: etol
            relation: livedIn
            object: madrid
            certainty: stated
            evidence: tortured and murdered in Nowhere
        """,
    "entity fields": """\
        entities:
          - id: andres-nin
            type: Person
            name: Andrés Nin
            aliases: [{language: es}]
            description: POUM leader.
            corrections: {text_form: Nin}
          - id: lazaro-cardenas
            type: Person
            name: Lázaro Cárdenas
            description: President of Mexico.
            corrections:
              - just text
              - {text_form: Cárdenas, spelling: x}
          - id: mexico
            type: Countryy
            name: Mexico
          - type: City
            name: Nowhere
        """,
    "event fields": """\
        events:
          - id: murder-of-andres-nin
            type: Murder
            name: murder of Andrés Nin
            certainty: stated
            date: {value: 1937, certainty: inferred}
            place: {value: madrid, certainty: implied, reason: the text says Madrid, bogus: 1}
            participants:
              - just-an-id
              - {role: victim}
              - {entity: julian-gorkin, role: witness, reason: he was there}
            evidence: [tortured and murdered in Madrid]
          - id: second-murder
            type: Murder
            name: second murder
            certainty: stated
            participants: julian-gorkin
            evidence: [tortured and murdered in Madrid]
          - id: third-murder
            type: Murdr
            name: third murder
            certainty: stated
            place: nowhere-land
            participants: [{entity: julian-gorkin}]
        """,
    "event details": """\
        events:
          - type: Murder
            name: a murder without an id
            certainty: stated
            participants: [{entity: julian-gorkin}]
            evidence: [tortured and murdered in Madrid]
          - id: murder-of-andres-nin
            type: Murder
            name: murder of Andrés Nin
            certainty: stated
            date: {value: 1937, certainty: stated, rank_reason: only for a deprecated date}
            participants:
              - entity: julian-gorkin
                role: xyzzy
                weapon: none
                evidence: [tortured and murdered in Barcelona]
            evidence: [tortured and murdered in Madrid]
          - id: murder-of-andres-nin
            type: Murder
            name: murder of Andrés Nin, again
            certainty: stated
            participants: [{entity: julian-gorkin, role: witness}]
            evidence: [tortured and murdered in Madrid]
        """,
    "corrected event dates": """\
        entities:
          - id: general-knowledge
            type: Group
            name: general knowledge
            implicit: the annotators' knowledge
        events:
          - id: murder-of-andres-nin
            type: Murder
            name: murder of Andrés Nin
            certainty: stated
            date:
              value: 1936
              rank: deprecated
              rank_reason: a test
              correction: {reference: {title: A reference work}}
            participants: [{entity: julian-gorkin, role: witness}]
            evidence: [tortured and murdered in Madrid]
          - id: second-murder
            type: Murder
            name: second murder
            certainty: stated
            date:
              value: 1936
              rank: deprecated
              rank_reason: a test
              correction: {value: the next year, reference: {title: A reference work}}
            participants: [{entity: julian-gorkin, role: witness}]
            evidence: [The narrative portion of Serge]
        """,
    "certainty and correction fields": """\
        claims:
          - subject: julian-gorkin
            relation: livedIn
            object: etol
            certainty: xyz
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: livedIn
            object: revolutionary-history-editors
            certainty: stated
            rank: deprecated
            rank_reason: a test
            correction: {object: madrid, reference: {title: A book}, source: x}
            evidence: [tortured and murdered in Madrid]
        """,
    # a correction of a claim's date alone, and claims by general knowledge (no quote)
    "date corrections and general knowledge claims": """\
        claims:
          - subject: julian-gorkin
            relation: livedIn
            object: etol
            certainty: stated
            rank: deprecated
            rank_reason: the claim gives no date to correct
            correction: {date: 1940, reference: {title: A book}}
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: livedIn
            object: revolutionary-history-editors
            date: 1939
            certainty: stated
            rank: deprecated
            rank_reason: a date correction that also changes the object
            correction: {date: 1940, object: etol, reference: {title: A book}}
            evidence: [tortured and murdered in Madrid]
          - subject: etol
            relation: livedIn
            object: madrid
            certainty: inferred
            reason: general knowledge, not the text
            reference: {title: A book}
            evidence: [tortured and murdered in Madrid]
          - subject: etol
            relation: partOf
            object: revolutionary-history-editors
            certainty: stated
            reference: {title: A book}
          - subject: revolutionary-history-editors
            relation: partOf
            object: etol
            certainty: inferred
            reason: general knowledge, not the text
            rank: preferred
            reference: {title: A book}
          - subject: madrid
            relation: partOf
            object: etol
            date: 1934-07-10
            certainty: inferred
            reason: general knowledge, not the text
            reference: {url: "https://example.org"}
          - subject: etol
            relation: livedIn
            object: madrid
            date: 1939
            certainty: stated
            rank: deprecated
            rank_reason: two terms for one, the second no date
            correction: {date: [1939/1940, 1941-13], reference: {title: A book}}
            evidence: [tortured and murdered in Madrid]
        """,
    "claim references": """\
        claims:
          - subject: julian-gorkin
            relation: livedIn
            object: etol
            certainty: stated
            quoted_from: memoirs
            spoken_at: a-meeting
            evidence: [tortured and murdered in Madrid]
          - subject: julian-gorkin
            relation: birthDate
            value: the year before
            certainty: stated
            evidence: [tortured and murdered in Madrid]
        """,
    "file shapes": """\
        entities: not a list
        claims:
          - just text
        events: []
        """,
    # the shared field checks where a value has no line of its own (null) or is written apart
    "shared field forms": """\
        claims:
          - subject: ""
            relation: describedAs
            value: a test
            certainty: stated
            evidence:
              - null
              - {occurrence: 2}
          - subject: julian-gorkin
            relation: describedAs
            value: a test
            certainty: stated
            evidence: [tortured and murdered in Madrid]
            supports: julian-gorkin--livedIn--madrid
            disputes:
              - {id: julian-gorkin--livedIn--madrid}
          - subject: julian-gorkin
            relation: livedIn
            object: etol
            certainty: stated
            rank: deprecated
            rank_reason: a test of a correction with no reference
            correction:
              object: madrid
            evidence: [tortured and murdered in Madrid]
          - subject: revolutionary-history-editors
            relation: livedIn
            object: madrid
            certainty: stated
            rank: depricated
            evidence: [tortured and murdered in Madrid]
          - subject: etol
            relation: livedIn
            object: madrid
            certainty: stated
            rank: deprecated
            rank_reason: a test of a correction's unknown relation
            correction:
              object: madrid
              relation: dwelt
              reference: {title: A book}
            evidence: [tortured and murdered in Madrid]
        events:
          - id: arrest-in-madrid
            type: Arrest
            name: an arrest in Madrid
            certainty: stated
            participants:
              - entity: julian-gorkin
                role: victim
                reason: a reason with no certainty, on its own line
            evidence: [When we were arrested by the GPU]
        """,
}

EXTRA_EXPECTED = {
    "shared field forms": [
        (  # events are read before claims; the reason's own line
            51,
            "participant 'julian-gorkin' has a reason but no certainty",
            "write certainty: implied or inferred next to the reason",
        ),
        (2, "missing subject", "give subject: an entity id"),  # "" is no id
        (2, "evidence must be a quote or {quote:, occurrence:}", ""),  # null: the claim's line
        (8, "empty evidence quote", ""),
        (
            14,
            "supports must be a list of claim ids",
            "write supports: [victor-serge--diedIn--mexico]",
        ),
        (
            16,
            "disputes must be a list of claim ids",
            "write disputes: [victor-serge--diedIn--mexico]",
        ),
        (
            24,  # the correction's line
            "a correction needs reference: {title: …, url: …}",
            "name the work or page consulted, with its address where public",
        ),
        (30, "unknown rank 'depricated'", "did you mean 'deprecated'?"),
        (
            40,  # the relation's line
            "unknown relation 'dwelt' in correction",
            "see `serge-graph vocabulary` for the relations",
        ),
    ],
    "date corrections and general knowledge claims": [
        (  # the correction's date line
            8,
            "the correction gives a date but the claim has no date: to correct",
            "give the claim its date: as the text has it, or correct its value: instead",
        ),
        (
            17,
            "a correction of the date gives only date: (the fact itself stands)",
            "drop object:, value: and relation:, or write a separate correction of the fact",
        ),
        (
            24,  # the reference's line
            "a claim with reference: is said by general knowledge and quotes no text",
            "drop evidence: and speaker: (or write speaker: general-knowledge); a claim of the "
            "text gives its quotes under evidence: without reference:",
        ),
        (
            29,
            "a claim by general knowledge is stated",
            "write certainty: inferred, with reason: naming the work consulted",
        ),
        (
            36,
            "a claim by general knowledge has no rank: of its own",
            "rank and correct the text's claims; general knowledge is the correction",
        ),
        (
            44,
            "a claim by general knowledge needs reference: {title: …, url: …}",
            "name the work or page consulted, with its address where public",
        ),
        (
            52,  # one of the listed dates
            "bad date: month must be in 1..12",
            "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944",
        ),
    ],
    "claim references": [
        (
            6,
            "unknown id 'memoirs' in quoted_from",
            "define it under entities: or events: in some file",
        ),
        (
            7,
            "unknown id 'a-meeting' in spoken_at",
            "define it under entities: or events: in some file",
        ),
        (
            11,
            "bad date: 'the year before' is not a date",
            "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944",
        ),
    ],
    "certainty and correction fields": [
        (5, "unknown certainty 'xyz'", "one of: stated, implied, inferred"),
        (
            13,
            "unknown field 'source' in correction",
            "fields: object, value, reference, note, relation, date",
        ),
        (
            7,
            "a correction or a date from general knowledge needs the speaker 'general-knowledge', which is not an entity",
            "define general-knowledge (type Group, implicit: …) in some file",
        ),
    ],
    "corrected event dates": [
        (
            15,
            "the date's correction has no value",
            "give the right date: correction: {value: 1942, reference: {title: …, url: …}}",
        ),
        (
            26,
            "bad date: 'the next year' is not a date",
            "write a date as 1942, 1942-04, 1947-11-17, or a range 1942/1944",
        ),
    ],
    "event details": [
        (2, "event without id", "every event needs id, type and name"),
        (
            18,
            "id 'murder-of-andres-nin' is defined twice",
            "first defined at data/annotations/bad.yaml:7; keep one definition and reference it by id",
        ),
        (
            11,
            "the date has rank_reason or correction but is not deprecated",
            "write rank: deprecated when general knowledge contradicts the text",
        ),
        (15, "unknown field 'weapon' in participant", "did you mean 'reason'?"),
        (
            14,
            "unknown role 'xyzzy'",
            "roles: attendee, author, chair, defender, founder, injured, ordered, organiser, "
            "participant, perpetrator, publisher, recipient, seriouslyInjured, signatory, "
            "slightlyInjured, speakerAt, subjectOfEvent, victim, witness",
        ),
        (
            16,
            "quote not found in the text of gorkin-1957: “tortured and murdered in Barcelona”",
            "nearest passage: p13: “tortured and murdered in Madrid. In return, I was one of "
            "those who helped Serge to survive”",
        ),
    ],
    "claim values and fields": [
        (4, "memberCount value 'some' is not a number", ""),
        (
            9,
            "relation 'birthDate' takes a value (date), not an object",
            "write value: instead of object:",
        ),
        (
            14,
            "deathDate value '1942/1944' is a range",
            "a value is one date; put a range in the claim's date: qualifier",
        ),
        (17, "claim without relation", "add relation: authorOf, …"),
        (
            17,
            "a claim needs exactly one of object and value",
            "object: an entity id; value: a date, text or number",
        ),
        (
            24,
            "claim is stated but gives a reason",
            "a reason is for implied or inferred; put remarks under note:",
        ),
        (27, "missing subject", "give subject: an entity id"),
        (
            20,
            "disputes: no claim 'nothing-like-this-at-all'",
            "claim ids are listed by `serge-graph query --saved claims-by-speaker`; see docs/annotations.md",
        ),
    ],
    "ranks and corrections": [
        (6, "unknown rank 'best'", "preferred, normal, deprecated"),
        (
            8,
            "claim has rank_reason or correction but is not deprecated",
            "write rank: deprecated when general knowledge contradicts the text",
        ),
        (
            20,
            "unknown relation 'livedn' in correction",
            "did you mean 'livedIn' or 'diedIn' or 'arrivedIn'?",
        ),
        (
            28,
            "a correction needs reference: {title: …, url: …}",
            "name the work or page consulted, with its address where public",
        ),
        (36, "unknown field 'pages' in reference", "fields: title, url"),
        (
            30,
            "a correction or a date from general knowledge needs the speaker 'general-knowledge', which is not an entity",
            "define general-knowledge (type Group, implicit: …) in some file",
        ),
    ],
    "evidence forms": [
        (8, "unknown source 'gorkin-1975'", "did you mean 'gorkin-1957'?"),
        (9, "unknown source 'memoirs'", "sources: gorkin-1957 (see `serge-graph source list`)"),
        (10, "empty evidence quote", ""),
        (11, "evidence must be a quote or {quote:, occurrence:}", ""),
        (12, "unknown field 'page' in evidence", "fields: quote, occurrence, source"),
        (
            13,
            "occurrence first of “tortured and murdered in Madrid”: the text has 1",
            "occurrence counts from 1",
        ),
        (
            18,
            "quote not found in the text of gorkin-1957: “tortured and murdered in Nowhere”",
            "nearest passage: p13: “tortured and murdered in Madrid. In return, I was one of those who helped Serge to survive”",
        ),
    ],
    "entity fields": [
        (
            5,
            "aliases must be a list of names",
            "write aliases: [Serge, {name: Víctor Serge, language: es}]",
        ),
        (7, "corrections must be a list of mappings", ""),
        (13, "each correction must be a mapping", ""),
        (
            14,
            "unknown field 'spelling' in correction",
            "fields: text_form, correct_form, origin, note, reference",
        ),
        (
            14,
            "correction without correct_form, origin",
            "a correction says the text's form, the correct form and where the correction comes from (origin: general knowledge)",
        ),
        (16, "unknown entity type 'Countryy'", "did you mean 'Country'?"),
        (18, "entity without id", "every entity needs id, type and name"),
        (
            8,
            "'lazaro-cardenas': neither its name nor any alias occurs in the text",
            "add the form the text uses as an alias, or say why it is never named with implicit: '…'",
        ),
    ],
    "event fields": [
        (20, "unknown event type 'Murdr'", "did you mean 'Murder' or 'Order'?"),
        (
            6,
            "the date is inferred but gives no reason",
            "add reason: why the words only imply it or where it is drawn from",
        ),
        (
            7,
            "unknown field 'bogus' in place",
            "fields: value, certainty, reason, rank, rank_reason, correction, reference",
        ),
        (9, "each participant must be a mapping", "write {entity: andres-nin, role: victim}"),
        (10, "missing entity", "give entity: an entity id"),
        (
            11,
            "participant 'julian-gorkin' has a reason but no certainty",
            "write certainty: implied or inferred next to the reason",
        ),
        (17, "participants must be a list", ""),
        (
            13,
            "event 'second-murder' has no participants",
            "add participants: [{entity: some-id, role: participant}]",
        ),
        (19, "no evidence", "add evidence: [the exact words of the text that state this]"),
        (
            23,
            "unknown id 'nowhere-land' in place",
            "define it under entities: or events: in some file",
        ),
    ],
    "file shapes": [
        (1, "'entities' must be a list", ""),
        (3, "each of claims must be a mapping", ""),
    ],
}


@pytest.mark.parametrize("case", list(EXTRA_CASES))
def test_more_broken_sets_report_exactly_their_problems(make_data, case):
    expected = [(BAD, *problem) for problem in EXTRA_EXPECTED[case]]
    assert reported(make_data, {"bad.yaml": EXTRA_CASES[case]}) == expected


TOP_HINT = "a file holds the lists entities:, events: and claims: (see docs/annotations.md)"
IGNORE = "data/annotations/ignore.yaml"
IGNORE_HINT = "write {name: Nevertheless, reason: sentence start}"


def test_a_file_must_be_a_mapping_and_an_empty_one_is_nothing(make_data):
    files = {"bad.yaml": "- a\n- b\n", "empty.yaml": ""}
    assert reported(make_data, files) == [(BAD, 1, "the file must be a mapping", TOP_HINT)]


@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        (
            "ignore:\n  - {name: Nevertheless}\n  - text\n  - {name: Soon, reason: sentence start}\n",
            [
                (IGNORE, 2, "each ignored name needs a reason", IGNORE_HINT),
                (IGNORE, 3, "each ignored name needs a reason", IGNORE_HINT),
            ],
        ),
        (
            "ignore: x\n",
            [
                (
                    IGNORE,
                    1,
                    "ignore.yaml must hold a list under 'ignore'",
                    "ignore: [{name: Nevertheless, reason: sentence start}]",
                )
            ],
        ),
    ],
    ids=["no-reason", "not-a-list"],
)
def test_ignored_names_each_need_a_reason(make_data, listed, expected):
    assert reported(make_data, {"ignore.yaml": listed}) == expected


@pytest.mark.parametrize(
    ("listed", "ignored"),
    [
        (
            "# names the mention finder skips\nignore:\n  - {name: Soon, reason: sentence start}\n",
            [("Soon", "sentence start", 3)],
        ),
        ("", []),
    ],
    ids=["one", "empty-file"],
)
def test_ignored_names_are_read_with_their_place(make_data, listed, ignored):
    from serge_graph.model import IgnoredName, Where

    corpus = api.load_corpus(make_data({"ignore.yaml": listed}))
    assert corpus.annotations.ignored == tuple(
        IgnoredName(name, reason, Where(IGNORE, line)) for name, reason, line in ignored
    )


def test_no_annotation_files_and_every_speaker_missing(make_data):
    data = make_data({}, base=False)
    lines = (data / "sources" / "sources.yaml").read_text(encoding="utf-8").splitlines()
    speaker_lines = [n for n, line in enumerate(lines, 1) if line.strip().startswith("speaker:")]
    parts = [
        ("front-matter", "etol"),
        ("introduction", "revolutionary-history-editors"),
        ("narrative", "julian-gorkin"),
        ("notes", "revolutionary-history-editors"),
        ("colophon", "etol"),
    ]
    assert len(speaker_lines) == len(parts)
    with pytest.raises(AnnotationError) as raised:
        api.load_corpus(data)
    assert [(p.file, p.line, p.message, p.hint) for p in raised.value.problems] == [
        (
            str(data / "annotations"),  # the folder as given: there is no file to name
            0,
            "no annotation files (*.yaml)",
            "see docs/annotations.md for the format",
        ),
        *(
            (
                "data/sources/sources.yaml",
                line,
                f"part {part!r}: speaker {speaker!r} is not an entity",
                "define the speaker as an entity",
            )
            for line, (part, speaker) in zip(speaker_lines, parts, strict=True)
        ),
    ]


# --- a clean set: the claims made, exactly --------------------------------------------------

GOOD = """
entities:
  - id: general-knowledge
    type: Group
    name: general knowledge
    implicit: the annotators' knowledge, not the text's
  - id: andres-nin
    type: Person
    name: Andrés Nin
    aliases: [Nin]
    description: A leader of the POUM.
  - id: mexican-communist-party
    type: Organisation
    name: Mexican Communist Party
    description: The party the text says few joined.
events:
  - id: murder-of-andres-nin
    type: Murder
    name: murder of Andrés Nin
    certainty: stated
    date:
      value: 1936
      certainty: stated
      rank: deprecated
      rank_reason: a test of a deprecated event date
      correction: {value: 1937, reference: {title: " A reference work ", url: "https://example.org/nin "}, note: the right year}
    place: {value: madrid, certainty: implied, reason: the quote names Madrid}
    participants:
      - {entity: andres-nin, role: victim}
      - {entity: julian-gorkin, role: witness, evidence: [Andrés Nin and I learned], certainty: inferred, reason: he was near}
    evidence: [tortured and murdered in Madrid, "The narrative portion of Serge"]
  - id: arrest-in-madrid
    type: Arrest
    name: an arrest in Madrid
    certainty: implied
    reason: a test of a place given plainly
    place: madrid
    participants: [{entity: julian-gorkin, role: victim}]
    evidence: [When we were arrested by the GPU]
claims:
  - subject: mexican-communist-party
    relation: memberCount
    value: "2,000"
    certainty: stated
    evidence: ["scarcely 2,000"]
  - subject: mexican-communist-party
    relation: memberCount
    value: 2000
    speaker: etol
    certainty: implied
    reason: "a test: the same number told by another speaker"
    date: 1941/1942
    as: a test
    note: "  kept as written  "
    supports: [mexican-communist-party--memberCount--2000]
    evidence: [could count on few adherents]
  - subject: julian-gorkin
    relation: describedAs
    value: "IT was a miracle — that Victor Serge!"
    certainty: stated
    evidence: [IT was a miracle that Victor Serge]
  - subject: andres-nin
    relation: livedIn
    object: madrid
    certainty: stated
    rank: deprecated
    rank_reason: a test of a corrected relation
    correction: {relation: diedIn, object: madrid, reference: {title: A reference work}}
    evidence: [Andrés Nin and I learned]
"""
STATED = ("stated", "")
# general knowledge is never what the text states: inferred, from the work consulted
CONSULTED = (
    "inferred",
    "general knowledge, not the text: from the work consulted (A reference work)",
)
ARREST = ("implied", "a test of a place given plainly")


def claim_row(claim) -> tuple:
    value = claim.value.text if hasattr(claim.value, "text") else claim.value
    certainty = (claim.certainty.level, claim.certainty.reason) if claim.certainty else None
    reference = (claim.reference.title, claim.reference.url) if claim.reference else None
    paragraphs = [evidence.span.paragraph for evidence in claim.evidence]
    return (
        claim.id,
        claim.relation,
        claim.object,
        value,
        claim.speaker,
        claim.reported_by,
        certainty,
        claim.rank,
        claim.corrects,
        reference,
        paragraphs,
        claim.where.line,
    )


# An entity whose name the text misspells, with the correction said by general knowledge
MORE = """
entities:
  - id: bloque-obrero-y-campesino
    type: Organisation
    name: Bloque Obrero y Campesino
    aliases: [Bloque Obrera y Campesino]
    description: A party of which Gorkin was an organiser.
    corrections:
      - text_form: Bloque Obrera y Campesino
        correct_form: Bloque Obrero y Campesino
        origin: general knowledge
        note: the adjective agrees with Bloque
        reference: {title: A reference work, url: "https://example.org/boc"}
      - text_form: Obrera
        correct_form: Obrero
        origin: general knowledge
  - id: victor-serge
    type: Person
    name: Victor Serge
    aliases: [Serge]
    description: The revolutionary writer whose last years the text tells.
  - id: memoirs-of-a-revolutionary
    type: Book
    name: Memoirs of a Revolutionary
claims:
  # a value with no letter or digit in it is named "value" in the claim's id
  - subject: julian-gorkin
    relation: describedAs
    value: "« — »"
    certainty: stated
    quoted_from: memoirs-of-a-revolutionary
    speaker: victor-serge
    evidence: ["The narrative portion of Serge’s Memoirs"]
"""


def test_a_clean_set_makes_exactly_these_claims(make_data):
    annotations = api.load_corpus(make_data({"good.yaml": GOOD, "more.yaml": MORE})).annotations
    assert annotations.entities["bloque-obrero-y-campesino"].corrections == (
        Correction(
            "Bloque Obrera y Campesino",
            "Bloque Obrero y Campesino",
            "general knowledge",
            "the adjective agrees with Bloque",
            Reference("A reference work", "https://example.org/boc"),
        ),
        Correction("Obrera", "Obrero", "general knowledge", "", None),
    )
    quoted = next(c for c in annotations.claims if c.where.file == "data/annotations/more.yaml")
    assert (quoted.id, quoted.quoted_from, quoted.speaker, quoted.reported_by) == (
        "julian-gorkin--describedAs--value",
        "memoirs-of-a-revolutionary",
        "victor-serge",
        "revolutionary-history-editors",
    )
    event = "murder-of-andres-nin"
    party = "mexican-communist-party"
    more = "data/annotations/more.yaml"
    assert [claim_row(c) for c in annotations.claims if c.where.file != more] == [
        # an event told in two parts gets a type claim per speaker, in the order of its quotes
        (f"{event}--type--Murder", "type", "Murder", None, "julian-gorkin", None, STATED,
         "normal", None, None, ["p13"], 17),
        (f"{event}--type--Murder--2", "type", "Murder", None, "revolutionary-history-editors",
         None, STATED, "normal", None, None, ["p4"], 17),
        # its date, place and participants are the first speaker's
        (f"{event}--date--1936", "date", None, "1936", "julian-gorkin", None, STATED,
         "deprecated", None, None, ["p13"], 17),
        (f"{event}--place--madrid", "place", "madrid", None, "julian-gorkin", None,
         ("implied", "the quote names Madrid"), "normal", None, None, ["p13"], 17),
        (f"{event}--victim--andres-nin", "victim", "andres-nin", None, "julian-gorkin", None,
         STATED, "normal", None, None, ["p13"], 29),
        (f"{event}--witness--julian-gorkin", "witness", "julian-gorkin", None, "julian-gorkin",
         None, ("inferred", "he was near"), "normal", None, None, ["p13"], 30),
        # a place given plainly has the event's certainty, as its participants do
        ("arrest-in-madrid--type--Arrest", "type", "Arrest", None, "julian-gorkin", None,
         ARREST, "normal", None, None, ["p13"], 32),
        ("arrest-in-madrid--place--madrid", "place", "madrid", None, "julian-gorkin", None,
         ARREST, "normal", None, None, ["p13"], 32),
        ("arrest-in-madrid--victim--julian-gorkin", "victim", "julian-gorkin", None,
         "julian-gorkin", None, ARREST, "normal", None, None, ["p13"], 38),
        ("julian-gorkin--livedIn--madrid", "livedIn", "madrid", None, "julian-gorkin", None,
         STATED, "normal", None, None, ["p13"], 21),
        (f"{party}--memberCount--2000", "memberCount", None, 2000, "julian-gorkin", None, STATED,
         "normal", None, None, ["p18"], 41),
        # the same fact from another speaker: numbered, and reported by the part's speaker
        (f"{party}--memberCount--2000--2", "memberCount", None, 2000, "etol", "julian-gorkin",
         ("implied", "a test: the same number told by another speaker"), "normal", None, None,
         ["p18"], 46),
        ("julian-gorkin--describedAs--it-was-a-miracle-that-victor-serge", "describedAs", None,
         "IT was a miracle — that Victor Serge!", "julian-gorkin", None, STATED, "normal", None,
         None, ["p7"], 57),
        ("andres-nin--livedIn--madrid", "livedIn", "madrid", None, "julian-gorkin", None,
         STATED, "deprecated", None, None, ["p13"], 62),
        # the corrections, by general knowledge, after every claim of the text
        (f"{event}--date--1937", "date", None, "1937", "general-knowledge", None, CONSULTED,
         "preferred", f"{event}--date--1936", ("A reference work", "https://example.org/nin"),
         [], 17),
        ("andres-nin--diedIn--madrid", "diedIn", "madrid", None, "general-knowledge", None,
         CONSULTED, "preferred", "andres-nin--livedIn--madrid", ("A reference work", ""), [], 62),
    ]  # fmt: skip
    by_id = {c.id: c for c in annotations.claims}
    assert {c.id for c in annotations.claims if c.where.file != "data/annotations/good.yaml"} == {
        "julian-gorkin--livedIn--madrid",  # the base file's
        "julian-gorkin--describedAs--value",  # more.yaml's
    }
    told_again = by_id[f"{party}--memberCount--2000--2"]
    assert (told_again.date.text, told_again.as_, told_again.note, told_again.about) == (
        "1941/1942",
        "a test",
        "  kept as written  ",
        (("supports", f"{party}--memberCount--2000"),),
    )
    deprecated_date = by_id[f"{event}--date--1936"]
    assert deprecated_date.rank_reason == "a test of a deprecated event date"
    assert deprecated_date.correction.value.text == "1937"
    assert deprecated_date.correction.note == "the right year"
    assert by_id[f"{event}--date--1937"].note == "the right year"
    relation_fix = by_id["andres-nin--livedIn--madrid"].correction
    assert (relation_fix.relation, relation_fix.object, relation_fix.value, relation_fix.note) == (
        "diedIn",
        "madrid",
        None,
        "",  # none given
    )
    # each evidence keeps its quote as written and the line it is written on
    murder = by_id[f"{event}--type--Murder"].evidence + by_id[f"{event}--type--Murder--2"].evidence
    assert [(e.quote, e.where) for e in murder] == [
        ("tortured and murdered in Madrid", Where("data/annotations/good.yaml", 31)),
        ("The narrative portion of Serge", Where("data/annotations/good.yaml", 31)),
    ]
    quoted = by_id["julian-gorkin--describedAs--value"].evidence[0]
    assert (quoted.quote, quoted.where) == (
        "The narrative portion of Serge’s Memoirs",
        Where("data/annotations/more.yaml", 33),
    )


NOT_EVENTS_HINT = "write {phrase: a Third World War, paragraph: p56, reason: a prediction}"


def test_phrases_that_name_no_event_each_need_a_reason_and_known_fields(make_data):
    listed = (
        "ignore: []\n"
        "not_events:\n"
        "  - {phrase: a Third World War}\n"
        "  - text\n"
        "  - {phrase: the next war, reason: a prediction, paragraph: p56, page: 3}\n"
    )
    assert reported(make_data, {"ignore.yaml": listed}) == [
        (IGNORE, 3, "each phrase that names no event needs a reason", NOT_EVENTS_HINT),
        (IGNORE, 4, "each phrase that names no event needs a reason", NOT_EVENTS_HINT),
        (IGNORE, 5, "unknown field 'page' in not_events", "did you mean 'phrase'?"),
    ]


def test_phrases_that_name_no_event_are_read_with_their_reason_place_and_paragraph(make_data):
    from serge_graph.model import IgnoredPhrase

    listed = (
        "# phrases that look like events\n"
        "ignore: []\n"
        "not_events:\n"
        "  - {phrase: a Third World War, reason: a prediction, paragraph: p56}\n"
        "  - phrase: the next war\n"
        "    reason: a fear, in every paragraph\n"
    )
    corpus = api.load_corpus(make_data({"ignore.yaml": listed}))
    assert corpus.annotations.ignored_phrases == (
        IgnoredPhrase("a Third World War", "a prediction", Where(IGNORE, 4), "p56"),
        IgnoredPhrase("the next war", "a fear, in every paragraph", Where(IGNORE, 5), ""),
    )


@pytest.mark.parametrize(
    ("named", "hint"),
    [
        ("gorkin-1975", "did you mean 'gorkin-1957'?"),
        ("42", "sources: gorkin-1957 (see `serge-graph source list`)"),
    ],
)
def test_a_file_s_source_must_be_a_listed_one(make_data, named, hint):
    files = {"bad.yaml": f"# quotes of another text\nsource: {named}\nentities: []\n"}
    assert reported(make_data, files) == [(BAD, 2, f"unknown source '{named}'", hint)]


def test_with_two_sources_an_unknown_one_gets_both_listed(make_data):
    files = {"bad.yaml": "source: 42\nentities: []\n"}
    hint = f"sources: gorkin-1957, {SECOND_ID} (see `serge-graph source list`)"
    assert reported(make_data, files, second_source=True) == [(BAD, 1, "unknown source '42'", hint)]


def test_a_file_s_other_sections_are_read_after_its_source_and_an_unknown_section(make_data):
    """`source:` first, then an unknown section, then a list: every section is read."""
    files = {
        "bad.yaml": (
            "source: gorkin-1957\n"
            "people:\n"
            "  - {id: x}\n"
            "entities:\n"
            "  - {id: victor-serge-2, type: Person}\n"
        )
    }
    assert reported(make_data, files) == [
        (BAD, 2, "unknown section 'people'", TOP_HINT),
        (BAD, 5, "entity without name", "every entity needs id, type and name"),
    ]


def test_a_yaml_error_in_ignore_yaml_names_the_file(make_data):
    problems = reported(make_data, {"ignore.yaml": "ignore: [unclosed\n"})
    assert [(p[0], p[1]) for p in problems] == [(IGNORE, 2)]


VLADY = """\
entities:
  - {id: vlady, type: Person, name: Vlady, description: Serge's son.}
claims:
  - subject: vlady
    relation: describedAs
    value: his son
    certainty: stated
    evidence: [su hijo Vlady]
"""


def test_a_file_s_quotes_are_looked_for_in_the_source_it_names(make_data):
    files = {"es.yaml": f"source: {SECOND_ID}\n" + VLADY}
    corpus = api.load_corpus(make_data(files, second_source=True))
    (claim,) = [c for c in corpus.annotations.claims if c.subject == "vlady"]
    text = corpus.sources[SECOND_ID].text
    start = text.index("su hijo Vlady")
    assert (claim.evidence[0].span.source, claim.evidence[0].span.start) == (SECOND_ID, start)
    assert claim.speaker == "serge-graph-test-author"  # the part's speaker: the text's author


def test_a_quote_of_another_source_names_it_in_the_hint(make_data):
    found_nowhere = """\
  - subject: vlady
    relation: describedAs
    value: a son
    certainty: stated
    evidence: [su hijo Vladimir]
"""
    files = {"stray.yaml": VLADY + found_nowhere}
    assert reported(make_data, files, second_source=True) == [
        (
            "data/annotations/stray.yaml",
            8,
            "quote not found in the text of gorkin-1957: “su hijo Vlady”",
            f"it stands in source '{SECOND_ID}': name it at the top of the file (source: "
            f"{SECOND_ID}) or on the quote ({{quote: …, source: {SECOND_ID}}})",
        ),
        (  # found in no source: the nearest passage of the file's own
            "data/annotations/stray.yaml",
            13,
            "quote not found in the text of gorkin-1957: “su hijo Vladimir”",
            "nearest passage: p61: “his son Vlady. All of a sudden, he had an uncomfortable "
            "feeling and felt faint. He hailed ”",
        ),
    ]


def test_what_is_not_a_mapping_is_reported_at_its_own_line(make_data):
    items = "entities:\n  - {id: x, type: Group, name: X, implicit: a test}\n  - text\n  - null\n"
    files = {
        "bad.yaml": "# a list where a mapping should be\n\n- a\n",
        "items.yaml": items,
        "ignore.yaml": "# a list where a mapping should be\n- a\n",
    }
    assert reported(make_data, files) == [
        (BAD, 3, "the file must be a mapping", TOP_HINT),
        ("data/annotations/items.yaml", 3, "each of entities must be a mapping", ""),
        ("data/annotations/items.yaml", 2, "each of entities must be a mapping", ""),  # null
        (IGNORE, 2, "ignore.yaml must hold a list under 'ignore'", IGNORE_LIST_HINT),
    ]


def test_a_null_ignored_name_or_phrase_is_reported_at_its_list(make_data):
    listed = "ignore:\n  - {name: Soon, reason: sentence start}\n  - null\nnot_events:\n  - null\n"
    assert reported(make_data, {"ignore.yaml": listed}) == [
        (IGNORE, 2, "each ignored name needs a reason", IGNORE_HINT),
        (IGNORE, 5, "each phrase that names no event needs a reason", NOT_EVENTS_HINT),
    ]


IGNORE_LIST_HINT = "ignore: [{name: Nevertheless, reason: sentence start}]"


LISTING = "data/sources/sources.yaml"
NO_AUTHOR = {f"{SECOND_ID}.yaml": f"source: {SECOND_ID}\nclaims: []\n"}  # its starter, emptied


@pytest.mark.parametrize("given", ["speaker", "author"])
def test_a_source_without_parts_has_its_speaker_reported_at_its_own_line(make_data, given):
    data = make_data(NO_AUTHOR, second_source=True)
    listing = data / "sources" / "sources.yaml"
    lines = listing.read_text(encoding="utf-8").splitlines()
    if given == "author":  # no speaker: the author speaks
        lines.remove("    speaker: serge-graph-test-author")
        listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = lines.index(f"    {given}: serge-graph-test-author") + 1
    with pytest.raises(AnnotationError) as raised:
        api.load_corpus(data)
    assert [(p.file, p.line, p.message, p.hint) for p in raised.value.problems] == [
        (
            LISTING,
            line,  # the new source's, not the first speaker: line of the file (the article's)
            "part 'text': speaker 'serge-graph-test-author' is not an entity",
            "define the speaker as an entity",
        )
    ]


def test_a_part_without_speaker_is_reported_at_the_part(make_data):
    data = make_data({})
    listing = data / "sources" / "sources.yaml"
    text = listing.read_text(encoding="utf-8")
    listing.write_text(
        text.replace('"Updated by ETOL"\n        speaker: etol\n', '"Updated by ETOL"\n')
    )
    with pytest.raises(AnnotationError) as raised:
        api.load_corpus(data)
    part = text.splitlines().index("      - id: colophon") + 1
    assert [(p.file, p.line, p.message) for p in raised.value.problems] == [
        (LISTING, part, "part 'colophon': speaker '' is not an entity")
    ]
