"""Property-based tests (Hypothesis) for the pure functions where bugs hide at the edges:
quote folding and location, paragraphs and context, partial dates, slugs, and the position
of a SPARQL syntax error.

Each property states a rule that holds for every input, and the expected values are
recomputed here by rules of their own, not by the functions under test.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from serge_graph.errors import QuerySyntaxError
from serge_graph.model import PartialDate
from serge_graph.queries import parse_query
from serge_graph.source import Source, fold

settings.register_profile(
    "serge",
    max_examples=150,
    deadline=None,
    database=None,  # nothing written beside the checkout; a failure prints its example
    suppress_health_check=[HealthCheck.too_slow],
)
# The mutation run (benchmarks/mutation.py) tries fewer examples per mutant.
settings.register_profile("mutation", parent=settings.get_profile("serge"), max_examples=30)
settings.load_profile(os.environ.get("SERGE_GRAPH_HYPOTHESIS_PROFILE", "serge"))

# What the text really contains, and what folding makes equal.
SINGLE_QUOTES = "'‘’‚′"
DOUBLE_QUOTES = '"“”„'
DASHES = "-–—‒−"
SPACES = " \u00a0\t\n\u2009"
FOLDED = {**dict.fromkeys(SINGLE_QUOTES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"')}
FOLDED |= dict.fromkeys(DASHES, "-") | {"…": "..."}

letters = st.sampled_from("abcdeéñAB.,;()")
special = st.sampled_from(SINGLE_QUOTES + DOUBLE_QUOTES + DASHES + "…")
spaces = st.sampled_from(SPACES)
texty = st.text(st.one_of(letters, letters, special, spaces), max_size=80)


def reference_fold(text: str) -> str:
    """Folding by its definition: each quote, dash and ellipsis replaced, each run of white
    space made one space."""
    replaced = "".join(FOLDED.get(c, c) for c in text)
    return re.sub(r"\s+", " ", replaced)


@given(texty)
def test_fold_is_the_definition(text):
    assert fold(text) == reference_fold(text)


@given(texty)
def test_fold_is_idempotent_and_leaves_no_variant(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert not set(folded) & (set(FOLDED) - {"'", '"', "-"})
    assert "  " not in folded and all(c == " " or not c.isspace() for c in folded)


def make_source(text: str) -> Source:
    return Source("t", text, {}, Path("t.txt"))


def words_in(text: str) -> st.SearchStrategy[tuple[int, int]]:
    """A stretch of text that starts and ends on a visible character."""
    visible = [i for i, c in enumerate(text) if not c.isspace()]
    assume(visible)
    return st.tuples(st.sampled_from(visible), st.sampled_from(visible)).map(sorted)


@given(st.data(), texty)
def test_find_locates_every_stretch_of_the_text_with_its_own_characters(data, text):
    """Any stretch of the text, written with other quotes, dashes or spaces, is found at its own
    offsets; every hit's original characters fold to the same words."""
    source = make_source(text)
    start, last = data.draw(words_in(text))
    original = text[start : last + 1]
    rewritten = data.draw(st.sampled_from([original, reference_fold(original)]))
    hits = source.find(rewritten)
    assert (start, last + 1) in [(h.start, h.end) for h in hits]
    for hit in hits:
        assert reference_fold(text[hit.start : hit.end]) == reference_fold(rewritten).strip()
    starts = [h.start for h in hits]
    assert starts == sorted(set(starts))


@given(st.text(letters, min_size=1, max_size=12), st.integers(2, 5), spaces)
def test_a_repeated_passage_is_found_once_per_repetition_in_order(passage, times, gap):
    assume(passage.strip() == passage and passage)
    text = f"{gap}|{gap}".join([passage] * times)
    hits = make_source(text).find(passage)
    expected = [i for i in range(len(text)) if text.startswith(passage, i)]
    assert [h.start for h in hits] == expected
    assert len(hits) >= times


@example("a…b", "a.")  # a quote may not end inside the ellipsis
@given(texty, texty)
def test_find_never_cuts_a_character_in_two(text, quote):
    """A hit begins and ends on whole characters of the text: its characters fold to exactly
    the quote, never to more (an ellipsis is three dots or none)."""
    for hit in make_source(text).find(quote):
        assert reference_fold(text[hit.start : hit.end]) == reference_fold(quote).strip()


names = st.text(st.sampled_from("abcAB"), min_size=1, max_size=4)


@given(st.text(st.sampled_from("abcAB -.’\n"), max_size=60), st.lists(names, max_size=4))
def test_names_are_found_as_whole_words_only(text, wanted):
    source = make_source(text)
    for name, hit in source.find_names(wanted):
        assert reference_fold(text[hit.start : hit.end]) == name
        before = source.folded[: len(reference_fold(text[: hit.start]))]
        after = reference_fold(text[hit.end :])
        assert not (before[-1:].isalnum() or before[-1:] == "_"), (name, before)
        assert not (after[:1].isalnum() or after[:1] == "_"), (name, after)


paragraph_text = st.lists(
    st.text(st.sampled_from("abc ’–\u00a0"), min_size=1, max_size=50).filter(str.strip),
    min_size=1,
    max_size=5,
)
separators = st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n\t\n  "])


@given(paragraph_text, separators, st.data())
def test_paragraphs_are_blank_line_separated_and_context_stays_inside(blocks, gap, data):
    text = gap.join(blocks)
    source = make_source(text)
    expected = [b.strip() for b in re.split(r"\n[^\S\n]*\n", text) if b.strip()]
    assert [source.paragraph_text(p) for p in source.paragraphs] == expected
    paragraph = data.draw(st.sampled_from(source.paragraphs))
    body = source.paragraph_text(paragraph)
    start, last = data.draw(words_in(body))
    occurrence = source.find(body[start : last + 1])
    hit = next(h for h in occurrence if h.start == paragraph.start + start)
    span = source.span(hit)
    assert span.exact == text[hit.start : hit.end]
    assert span.prefix == text[max(paragraph.start, hit.start - 32) : hit.start]
    assert span.suffix == text[hit.end : min(paragraph.end, hit.end + 32)]
    assert span.paragraph == paragraph.id


# --- partial dates -----------------------------------------------------------------

years = st.integers(1000, 2999)


@st.composite
def date_forms(draw) -> tuple[str, dt.date, dt.date]:
    """A date text at one of three precisions, with its bounds computed by the calendar."""
    year = draw(years)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = draw(st.integers(1, 12))
    days = calendar.monthrange(year, month)[1]
    if precision == "month":
        return f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, days)
    day = draw(st.integers(1, days))
    return f"{year:04d}-{month:02d}-{day:02d}", dt.date(year, month, day), dt.date(year, month, day)


@given(date_forms())
def test_a_date_keeps_its_text_and_precision_and_has_calendar_bounds(form):
    text, earliest, latest = form
    date = PartialDate.parse(text)
    precision = {1: "year", 2: "month", 3: "day"}[len(text.split("-"))]
    assert (date.text, date.precision, date.earliest, date.latest) == (
        text,
        precision,
        earliest,
        latest,
    )


@given(date_forms(), date_forms())
def test_a_range_is_accepted_in_order_and_refused_reversed(first, second):
    (a, a_first, a_last), (b, b_first, b_last) = sorted([first, second], key=lambda f: f[1])
    assume(a_last < b_first)  # a lies wholly before b
    date = PartialDate.parse(f"{a}/{b}")
    assert (date.text, date.precision, date.earliest, date.latest) == (
        f"{a}/{b}",
        "range",
        a_first,
        b_last,
    )
    with pytest.raises(ValueError, match="ends before it begins"):
        PartialDate.parse(f"{b}/{a}")


@given(date_forms())
def test_a_range_of_one_date_is_that_date(form):
    text, earliest, latest = form
    date = PartialDate.parse(f"{text}/{text}")
    assert (date.earliest, date.latest) == (earliest, latest)


@pytest.mark.slow
@given(
    st.one_of(
        st.from_regex(r"\A[0-9]{4}-(00|1[3-9]|[2-9][0-9])\Z"),  # month 00 or > 12
        st.from_regex(r"\A[0-9]{4}-(0[1-9]|1[0-2])-(3[2-9]|[4-9][0-9]|00)\Z"),  # no such day
        st.from_regex(r"\A[0-9]{1,3}\Z|\A[0-9]{5,6}\Z|\A[0-9]{4}-[0-9]\Z"),  # wrong widths
        st.text(st.sampled_from("0123456789-/ x"), max_size=12).filter(
            lambda t: not re.fullmatch(r"\s*[0-9-]*[0-9]\s*", t)
        ),
    )
)
def test_what_is_not_a_date_is_refused_with_a_value_error(text):
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return
    assert "/" in text, f"{text!r} parsed as {date}"  # only a range of valid dates may pass
    assert all(re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", p.strip()) for p in text.split("/"))


def test_the_last_month_of_the_calendar_has_bounds():
    assert PartialDate.parse("9999-12").latest == dt.date(9999, 12, 31)


def test_only_ascii_digits_make_a_date():
    with pytest.raises(ValueError):
        PartialDate.parse("١٩٤٢")  # Arabic-Indic digits


def test_a_range_has_exactly_two_ends():
    with pytest.raises(ValueError):
        PartialDate.parse("1942/1943/1944")


# --- slugs -----------------------------------------------------------------------------

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
slugs = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,4}\Z")


def _slug_functions():
    from serge_graph.annotations.claims import slug
    from serge_graph.annotations.entities import _SLUG

    return _SLUG, slug


@pytest.mark.slow
@given(slugs)
def test_a_slug_is_accepted(slug):
    accepts, _make = _slug_functions()
    assert accepts.match(slug)


@example("andres--nin-")
@example("-andres")
@example("Andres")
@given(st.text(st.sampled_from("abz09-_A é."), min_size=1, max_size=12))
def test_an_id_is_accepted_exactly_when_it_is_a_slug(text):
    accepts, _make = _slug_functions()
    assert bool(accepts.match(text)) == bool(SLUG.fullmatch(text)), text


@example("Andrés Nin")
@example("“Permanent War” — 1942…")
@given(st.text(max_size=60))
def test_a_made_slug_is_a_slug_of_at_most_40_characters(text):
    _accepts, make = _slug_functions()
    slug = make(text)
    assert slug == "value" or SLUG.fullmatch(slug), slug
    assert len(slug) <= 40
    assert make(slug) == slug  # a slug is its own slug


def test_a_made_slug_keeps_the_letters_without_accents():
    _accepts, make = _slug_functions()
    assert make("Andrés Nin") == "andres-nin"
    assert make("  “Permanent War” — 1942… ") == "permanent-war-1942"
    assert make("!!!") == "value"
    assert make("a" * 39 + " b") == "a" * 39


# --- the position of a SPARQL syntax error ---------------------------------------------

VALID = [
    "SELECT ?x WHERE { ?x ?p ?o }",
    'SELECT ?name WHERE { ?p a sg:Person ; rdfs:label ?name FILTER(?name = "Andrés Nin") }',
    "ASK { ?x a sg:Event }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s LIMIT 5",
]
GARBAGE = ["}", "LIMIT x", ")", "?y", "WHERE", "ñ"]


@pytest.mark.slow
@given(
    st.sampled_from(VALID),
    st.lists(st.sampled_from([" ", "\n", "  ", "\n  "]), max_size=4).map("".join),
    st.lists(st.sampled_from([" ", "\n", "   ", "\n\n"]), min_size=1, max_size=4).map("".join),
    st.sampled_from(GARBAGE),
)
def test_a_syntax_error_points_at_the_offending_word(query, lead, gap, garbage):
    """After a complete query, the first extra word is the error: its line and column (from 1,
    in characters) are reported, the message shows that line and puts the caret under it."""
    text = f"{lead}{query}{gap}{garbage}"
    offset = len(lead) + len(query) + len(gap)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query(text)
    error = raised.value
    assert (error.line, error.column) == (line, column)
    shown = str(error).split("\n")
    assert shown[0].startswith(f"SPARQL syntax error at line {line}, column {column}: ")
    assert shown[1] == "  " + text.split("\n")[line - 1].rstrip()
    assert shown[2] == "  " + " " * (column - 1) + "^"
    assert shown[1][shown[2].index("^")] == garbage[0]
