"""Every problem the annotation checks report, exactly and in order: for each broken set of
test_validator.py's CASES (and a few more here), the whole list of (line, message, hint) that
loading the real sources with those annotations gives. test_validator.py checks one message per
case; this pins the rest, so that a changed line, message or hint, or a problem lost or doubled,
fails."""

from __future__ import annotations

import pytest

from serge_graph import api
from serge_graph.errors import AnnotationError

from .test_validator import CASES

BAD = "data/annotations/bad.yaml"
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
            "quote not found in the text: “who was tortured and killed in Madrid”",
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
        (1, "unknown section 'entitys'", "did you mean 'entities' or 'events'?"),
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
            "not valid YAML: expected ',' or ']', but got '<stream end>'",
            "check indentation and quoting around this line",
        ),
    ],
}


def reported(make_data, files: dict[str, str]) -> list[tuple]:
    data = make_data(files)
    with pytest.raises(AnnotationError) as raised:
        api.load_corpus(data)
    return [(p.file, p.line, p.message, p.hint) for p in raised.value.problems]


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_broken_set_reports_exactly_its_problems(make_data, case):
    expected = [(BAD, *problem) for problem in EXPECTED[case]]
    assert reported(make_data, {"bad.yaml": CASES[case][0]}) == expected
