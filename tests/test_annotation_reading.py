"""Reading annotation YAML with lines (annotations/yaml_lines.py) and the hints of problems
(annotations/hints.py), directly and exactly: each value's line, each problem's line, message and
hint, on files written into a temporary folder and on the project's real annotation files."""

from __future__ import annotations

import pytest
import yaml

from serge_graph.annotations.hints import did_you_mean, nearest_hint, shorten, top_hint
from serge_graph.annotations.yaml_lines import (
    LinedDict,
    LinedList,
    LinedStr,
    read_yaml,
    speaker_line,
    value_line,
)
from serge_graph.errors import Problem
from serge_graph.project import project_root
from serge_graph.source import load_sources

ANNOTATIONS = project_root() / "data" / "annotations"
FIRST_FILE = ANNOTATIONS / "10-front-and-introduction.yaml"


# libyaml's parser (used when PyYAML has it) and PyYAML's own word an unclosed list apart
UNCLOSED_LIST = (
    "did not find expected ',' or ']'"
    if yaml.__with_libyaml__
    else "expected ',' or ']', but got '<stream end>'"
)
MAPPING_IN_VALUE = (
    "mapping values are not allowed in this context"
    if yaml.__with_libyaml__
    else "mapping values are not allowed here"
)


def read(tmp_path, text: str | bytes):
    path = tmp_path / "bad.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_yaml(path, "data/annotations/bad.yaml")


def test_every_value_keeps_its_line_and_scalars_stay_text(tmp_path):
    data, problems = read(
        tmp_path,
        "# a comment\n"
        "entities:\n"
        "  - id: andres-nin\n"
        "    date: 1937-06-16\n"
        "    aliases: [Nin, NO]\n"
        "    count: 3\n"
        "claims: []\n",
    )
    assert problems == []
    assert type(data) is LinedDict and data.line == 2
    assert data.key_lines == {"entities": 2, "claims": 7}
    entities = data["entities"]
    assert type(entities) is LinedList and entities.line == 3
    nin = entities[0]
    assert type(nin) is LinedDict and (nin.line, nin.key_lines) == (
        3,
        {"id": 3, "date": 4, "aliases": 5, "count": 6},
    )
    assert nin == {"id": "andres-nin", "date": "1937-06-16", "aliases": ["Nin", "NO"], "count": "3"}
    assert [type(v) for v in (nin["id"], nin["date"], nin["count"])] == [LinedStr] * 3
    assert (nin["id"].line, nin["date"].line, nin["aliases"].line, nin["aliases"][1].line) == (
        3,
        4,
        5,
        5,
    )
    assert data["claims"] == [] and data["claims"].line == 7


def test_null_is_none_only_when_written_as_null(tmp_path):
    data, problems = read(
        tmp_path,
        'a:\nb: ~\nc: null\nd: "null"\ne: \'~\'\nf: Null\ng: NULL\nh: ""\n',
    )
    assert problems == []
    assert data == {
        "a": None,
        "b": None,
        "c": None,
        "d": "null",
        "e": "~",
        "f": "Null",  # YAML's other spellings of null stay text: only the three above are null
        "g": "NULL",
        "h": "",
    }
    assert data.key_lines == {k: n for n, k in enumerate("abcdefgh", 1)}


def test_a_key_given_twice_is_a_problem_at_its_second_line(tmp_path):
    data, problems = read(tmp_path, "claims: []\nentities: []\nclaims:\n  - x\n")
    assert problems == [Problem("data/annotations/bad.yaml", 3, "key 'claims' appears twice")]
    assert data == {"claims": ["x"], "entities": []} and data.key_lines["claims"] == 3
    nested, problems = read(tmp_path, "entities:\n  - id: a\n    name: A\n    id: b\n")
    assert problems == [Problem("data/annotations/bad.yaml", 4, "key 'id' appears twice")]
    assert nested == {"entities": [{"id": "b", "name": "A"}]}  # the later value stands


def test_a_yaml_syntax_error_names_its_line_and_a_hint(tmp_path):
    data, problems = read(tmp_path, "entities:\n  - id: nin\n    name: [unclosed\n")
    assert data is None
    assert problems == [
        Problem(
            "data/annotations/bad.yaml",
            4,
            "not valid YAML: " + UNCLOSED_LIST,
            "check indentation and quoting around this line",
        )
    ]
    data, problems = read(tmp_path, "claims:\n  - quote: He wrote: no\n")
    assert problems == [
        Problem(
            "data/annotations/bad.yaml",
            2,
            "not valid YAML: " + MAPPING_IN_VALUE,
            "a value containing ': ' must be quoted, e.g. quote: \"He wrote: ‘…’\"",
        )
    ]


def test_a_yaml_error_with_only_a_context_mark_takes_that_line(tmp_path):
    text = "a: 1\nb: 2\nc: [x\n"
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.SafeLoader)
    assert raised.value.problem_mark.line + 1 == 4 and raised.value.context_mark.line + 1 == 3
    _, problems = read(tmp_path, "key: 'unclosed\n\n\n")
    assert [(p.line, p.message) for p in problems] == [
        (4, "not valid YAML: found unexpected end of stream")
    ]


def test_a_file_that_is_not_utf8_is_one_problem_at_line_1(tmp_path):
    data, problems = read(tmp_path, "name: Andr\xe9s Nin\n".encode("latin-1"))
    assert data is None
    assert problems == [
        Problem(
            "data/annotations/bad.yaml",
            1,
            "not UTF-8 text: 'utf-8' codec can't decode byte 0xe9 in position 10: "
            "invalid continuation byte",
            "save the file as UTF-8",
        )
    ]


def test_an_empty_file_is_nothing_and_no_problem(tmp_path):
    assert read(tmp_path, "") == (None, [])
    assert read(tmp_path, "# only a comment\n") == (None, [])
    data, problems = read(tmp_path, "- a\n- b\n")
    assert (data, data.line, problems) == (["a", "b"], 1, [])
    scalar, problems = read(tmp_path, "\n\njust text\n")
    assert (scalar, scalar.line, problems) == ("just text", 3, [])


def test_the_real_annotation_files_read_with_their_lines():
    data, problems = read_yaml(FIRST_FILE, "first")
    lines = FIRST_FILE.read_text(encoding="utf-8").splitlines()
    assert problems == []
    for key, line in data.key_lines.items():
        assert lines[line - 1].startswith(f"{key}:")
    for item in data["entities"]:
        assert lines[item.line - 1] == f"  - id: {item['id']}"
        assert item["id"].line == item.line
        for key, line in item.key_lines.items():
            assert lines[line - 1].lstrip(" -").startswith(f"{key}:")


def test_value_line_and_speaker_line():
    data, _ = read_yaml(FIRST_FILE, "first")
    assert value_line(data["entities"][1], 99) == data["entities"][1].line
    assert value_line("plain", 99) == 99 and value_line(None, 7) == 7
    listing = project_root() / "data" / "sources" / "sources.yaml"
    lines = listing.read_text(encoding="utf-8").splitlines()
    speakers = [n for n, line in enumerate(lines, 1) if line.strip().startswith("speaker:")]
    parts = ["front-matter", "introduction", "narrative", "notes", "colophon"]
    assert [speaker_line(listing, "gorkin-1957", part) for part in parts] == speakers
    assert speaker_line(listing, "no-such-source", "text") == 1


# --- hints ---------------------------------------------------------------------------------


def test_shorten_collapses_spaces_and_cuts_with_an_ellipsis():
    assert shorten("  Victor\n Serge\t died  ") == "Victor Serge died"
    assert shorten("x" * 70) == "x" * 70
    assert shorten("x" * 71) == "x" * 69 + "…"
    assert shorten("abcdef", limit=4) == "abc…"
    assert shorten(1947) == "1947"


def test_did_you_mean_offers_up_to_three_close_words():
    relations = ["livedIn", "diedIn", "bornIn", "memberOf", "wrote"]
    assert did_you_mean("livedin", relations) == "did you mean 'livedIn'?"
    assert did_you_mean("dieIn", relations) == "did you mean 'diedIn' or 'livedIn'?"
    assert did_you_mean("xyz", relations) == ""
    roles = ["victim", "victor", "visitor", "vicar"]
    assert did_you_mean("victi", roles) == "did you mean 'victim' or 'victor' or 'vicar'?"
    # a case-only difference far from the cut-off is found by the lower-case second try
    assert did_you_mean("MEMBEROF", relations) == "did you mean 'memberOf'?"
    assert did_you_mean("LIVED", ["LivedIn", "lived-in"]) == "did you mean 'LivedIn' or 'lived-in'?"
    assert did_you_mean(1942, ["1942", "1943"]) == "did you mean '1942' or '1943'?"


def test_the_lower_case_second_try_keeps_at_most_three():
    choices = ["ALPHA1", "ALPHA2", "ALPHA3", "ALPHA4"]
    assert did_you_mean("alpha", choices) == "did you mean 'ALPHA4' or 'ALPHA3' or 'ALPHA2'?"


def test_the_nearest_passage_comes_from_the_real_text():
    sources = load_sources(project_root() / "data" / "sources")
    quote = "Serge died in Mexico"
    hint = nearest_hint(sources, quote)
    passages = [s.nearest_passage(quote) for s in sources.values()]
    assert hint == "nearest passage: " + next(p for p in passages if p)
    assert nearest_hint(sources, "\u2603\u2603\u2603") == "no similar passage in the text"
    assert nearest_hint({}, quote) == "no similar passage in the text"


def test_top_hint():
    assert top_hint() == (
        "a file holds the lists entities:, events: and claims: (see docs/annotations.md)"
    )


def test_did_you_mean_stops_at_three_even_when_more_are_close():
    roles = ["victims", "victimz", "victim2", "victim3"]  # all four within the cut-off
    assert did_you_mean("victim", roles) == "did you mean 'victimz' or 'victims' or 'victim3'?"
