"""In IPython, as a notebook runs it: %load_ext serge_graph and its %%sparql magic, the
library's errors shown as one message with no traceback, hints in Python's words, and every
lookup by name suggesting the nearest names. Run through IPython's own InteractiveShell and
its display of results and errors (run_cell, captured)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from serge_graph import api
from serge_graph.errors import QueryWarning

IPython = pytest.importorskip("IPython")  # the notebook extra; installed with the test extra
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402


@pytest.fixture(scope="module")
def shell():
    shell = InteractiveShell.instance()
    run(shell, "%load_ext serge_graph\nimport serge_graph as sg")
    yield shell
    InteractiveShell.clear_instance()


def run(shell, cell: str):
    """Run a cell as a notebook would; its result, what it printed, what went to stderr."""
    with capture_output() as captured:
        result = shell.run_cell(cell)
    return result, captured.stdout, captured.stderr


BORN = "SELECT ?name ?born WHERE { ?p a sg:Person ; rdfs:label ?name ; sg:birthDate ?born }"


def test_the_sparql_magic_returns_a_typed_dataframe_and_keeps_it_with_o(shell):
    result, _out, err = run(shell, f"%%sparql -o born\n{BORN} ORDER BY ?born ?name")
    assert result.success and err == ""
    frame = result.result
    assert isinstance(frame, pd.DataFrame) and shell.user_ns["born"] is frame
    expected = api.query(BORN + " ORDER BY ?born ?name")
    assert frame["name"].tolist() == expected.column("name")
    assert [str(p) for p in frame["born"]] == [str(d) for d in expected.column("born")]
    assert str(frame["born"].dtype) == "period[Y-DEC]"
    assert frame["born"].iloc[0] == pd.Period("1830", freq="Y")  # Porfirio Díaz, note 4


def test_the_magic_runs_on_either_store_with_the_same_answer(shell):
    memory = run(shell, f"%%sparql --store memory\n{BORN} ORDER BY ?born ?name")[0].result
    oxigraph = run(shell, f"%%sparql --store oxigraph\n{BORN} ORDER BY ?born ?name")[0].result
    pd.testing.assert_frame_equal(memory, oxigraph)


def test_the_magic_shows_the_linter_s_warning_every_time(shell):
    cell = "%%sparql\nSELECT ?name WHERE { ?p a sg:Persn ; rdfs:label ?name }"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # Python's own filter: a repeated warning shows once
        for _ in range(2):
            result, _out, _err = run(shell, cell)
            assert result.success and result.result.empty
    shown = [(w.category, w.filename, str(w.message)) for w in caught]
    message = "sg:Persn is not in the vocabulary; did you mean sg:Person?"
    assert shown == [(QueryWarning, "%%sparql", message)] * 2


def test_a_syntax_error_shows_as_one_message_with_line_column_and_caret(shell):
    result, out, _err = run(shell, "sg.query('SELECT ?x\\nWHERE { ?x a sg:Person')")
    assert not result.success
    assert type(result.error_in_exec).__name__ == "QuerySyntaxError"
    lines = out.splitlines()
    assert lines[0].startswith("QuerySyntaxError: SPARQL syntax error at line 2, column 23: ")
    assert lines[1:] == ["  WHERE { ?x a sg:Person", "  " + " " * 22 + "^"]
    assert "Traceback" not in out and "pyparsing" not in out and "File " not in out


def test_the_magic_s_syntax_error_is_shown_the_same_way(shell):
    result, out, _err = run(shell, "%%sparql\nSELECT ?x WHERE { ?x ?p ?o } }")
    assert not result.success
    assert out.splitlines()[0].startswith(
        "QuerySyntaxError: SPARQL syntax error at line 1, column 30: "
    )
    assert len(out.splitlines()) == 3


def test_a_hint_in_python_names_the_python_call(shell):
    _result, out, _err = run(shell, "sg.run_saved('murder')")
    assert out.splitlines() == [
        "UnknownQueryError: no saved query named 'murder'; did you mean murders? "
        "(list them: sg.list_saved_queries())"
    ]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            "sg.paths_between('Serge', 'Berija')",
            "NetworkError: no node in this network is called 'Berija'; "
            "did you mean Lavrenti Beria?",
        ),
        (
            "sg.network_graph(focus='Umanski')",
            "NetworkError: no node in this network is called 'Umanski'; "
            "did you mean Konstantin Umansky, Dmitri Manuilsky?",
        ),
        (
            "sg.show_entity('Berija')",
            "EntityNotFoundError: no entity is called 'Berija'; did you mean Lavrenti Beria?",
        ),
    ],
)
def test_every_lookup_by_name_suggests_the_nearest_names(shell, call, expected):
    result, out, _err = run(shell, call)
    assert not result.success
    assert out.splitlines() == [expected]
