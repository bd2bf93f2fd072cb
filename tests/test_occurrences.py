"""`occurrence: N` picks the N-th place a repeated quote stands in the text, counting from 1 in
text order; any other number is refused with the file, the line and the count."""

from __future__ import annotations

import pytest

from serge_graph import api
from serge_graph.errors import AnnotationError

QUOTE = "Lombardo Toledano"  # three times in the text, no character that folding changes


def claim_with(occurrence: object) -> str:
    return f"""\
claims:
  - subject: julian-gorkin
    relation: memberOf
    object: etol
    evidence:
      - quote: {QUOTE}
        occurrence: {occurrence}
    certainty: stated
"""


@pytest.fixture(scope="module")
def places(corpus) -> list[int]:
    """Where the quote stands, found by plain string search in the raw text."""
    text = corpus.sources["gorkin-1957"].path.read_text(encoding="utf-8")
    found, start = [], text.find(QUOTE)
    while start != -1:
        found.append(start)
        start = text.find(QUOTE, start + 1)
    assert len(found) == 3
    return found


@pytest.mark.parametrize("occurrence", [1, 2, 3])
def test_occurrence_n_is_the_nth_place_in_text_order(make_data, places, occurrence):
    corpus = api.load_corpus(make_data({"claim.yaml": claim_with(occurrence)}))
    (claim,) = [c for c in corpus.annotations.claims if c.where.file.endswith("claim.yaml")]
    (evidence,) = claim.evidence
    assert (evidence.span.start, evidence.span.end) == (
        places[occurrence - 1],
        places[occurrence - 1] + len(QUOTE),
    )


@pytest.mark.parametrize("occurrence", [0, 4, -1, "second"])
def test_any_other_occurrence_is_refused_on_its_line(make_data, occurrence):
    data = make_data({"claim.yaml": claim_with(occurrence)})
    with pytest.raises(AnnotationError) as raised:
        api.load_corpus(data)
    message = str(raised.value)
    assert f"claim.yaml:7: occurrence {occurrence} of “{QUOTE}”: the text has 3" in message


def test_a_repeated_quote_without_occurrence_is_refused_with_its_paragraphs(make_data, corpus):
    data = make_data({"claim.yaml": claim_with(1).replace("        occurrence: 1\n", "")})
    with pytest.raises(AnnotationError) as raised:
        api.load_corpus(data)
    source = corpus.sources["gorkin-1957"]
    paragraphs = ", ".join(source.paragraph_at(h.start).id for h in source.find(QUOTE))
    assert f"claim.yaml:6: quote occurs 3 times: “{QUOTE}” ({paragraphs})" in str(raised.value)
