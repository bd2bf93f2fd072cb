"""queries.py by value: saved queries read from their files, answers as rows of strings, every
kind of query result, and the errors users see, each with its exact text."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from serge_graph.errors import QueryEvaluationError, QuerySyntaxError, UnknownQueryError
from serge_graph.namespaces import ID, PREFIXES, SG
from serge_graph.project import resolve_paths
from serge_graph.queries import (
    Rows,
    parse_query,
    run_query,
    saved_queries,
    saved_query,
    with_prefixes,
)

QUERIES_DIR = resolve_paths().queries


def test_saved_queries_are_the_rq_files_with_their_first_comment_as_question():
    found = saved_queries(QUERIES_DIR)
    files = sorted(QUERIES_DIR.glob("*.rq"))
    assert list(found) == [f.stem for f in files]
    for path in files:
        text = path.read_text(encoding="utf-8")
        first_comment = next(line for line in text.splitlines() if line.startswith("#"))
        saved = found[path.stem]
        assert (saved.name, saved.text, saved.path) == (path.stem, text, path)
        assert saved.question == first_comment.lstrip("#").strip()
    assert found["murders"].question == "Who was murdered, where, and by whom, and who says so?"


def test_a_saved_query_without_comment_has_no_question(tmp_path):
    (tmp_path / "b.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n# a later note\n")
    (tmp_path / "a.rq").write_text("ASK { ?s ?p ?o }")
    found = saved_queries(tmp_path)
    assert list(found) == ["a", "b"]
    assert (found["a"].question, found["b"].question) == ("", "a later note")


def test_an_unknown_saved_query_suggests_the_close_names():
    assert saved_query(QUERIES_DIR, "murders").name == "murders"
    with pytest.raises(UnknownQueryError) as raised:
        saved_query(QUERIES_DIR, "murder")
    assert str(raised.value) == (
        "no saved query named 'murder'; did you mean murders? (list them: sg.list_saved_queries())"
    )
    with pytest.raises(UnknownQueryError) as raised:
        saved_query(QUERIES_DIR, "zzzz")
    assert str(raised.value) == "no saved query named 'zzzz' (list them: sg.list_saved_queries())"


def test_select_rows_are_strings_with_none_for_unbound(graph):
    serge, umansky = ID["person/victor-serge"], ID["person/konstantin-umansky"]
    rows = run_query(
        graph,
        f"""SELECT ?name ?born WHERE {{
              VALUES ?person {{ <{serge}> <{umansky}> }}
              ?person rdfs:label ?name OPTIONAL {{ ?person sg:birthDate ?born }}
            }} ORDER BY ?name""",
    )
    expected = sorted(
        [str(graph.value(p, RDFS.label)), _one(graph, p, SG.birthDate)] for p in (serge, umansky)
    )
    assert rows.columns == ["name", "born"]
    assert rows.rows == expected and rows.ask is None
    assert rows.as_dicts() == [dict(zip(["name", "born"], r, strict=True)) for r in expected]
    assert rows.column("born") == [r[1] for r in expected]


def _one(graph, subject, predicate) -> str | None:
    values = sorted(str(v) for v in graph.objects(subject, predicate))
    return values[0] if values else None


def test_ask_answers_true_or_false(graph):
    yes = run_query(graph, 'ASK { ?p rdfs:label "Victor Serge" }')
    no = run_query(graph, 'ASK { ?p rdfs:label "Nobody At All" }')
    assert (yes.columns, yes.rows, yes.ask) == (["answer"], [["true"]], True)
    assert (no.columns, no.rows, no.ask) == (["answer"], [["false"]], False)


def test_construct_gives_sorted_triples(graph):
    rows = run_query(graph, "CONSTRUCT { ?n rdfs:label ?l } WHERE { ?n a sg:Note ; rdfs:label ?l }")
    expected = sorted(
        [str(n), str(RDFS.label), str(graph.value(n, RDFS.label))]
        for n in graph.subjects(RDF.type, SG.Note)
    )
    assert rows.columns == ["subject", "predicate", "object"]
    assert rows.rows == expected and len(expected) == 17


def test_bindings_are_passed_not_formatted(graph):
    text = "SELECT ?p WHERE { ?p rdfs:label ?name }"
    rows = run_query(graph, text, {"name": Literal("Victor Serge")})
    assert rows.rows == [[str(ID["person/victor-serge"])]]


def test_a_failing_evaluation_is_reported_as_such(graph):
    with pytest.raises(QueryEvaluationError) as raised:
        # a federated query to a closed port on this machine: it parses, then fails to run
        run_query(graph, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert str(raised.value).startswith("the query failed while running: ")
    assert "Connection refused" in str(raised.value)


def test_an_algebra_error_is_a_syntax_error_at_line_1_column_1():
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query("SELECT ?x WHERE { ?x nope:thing ?o }")  # an unknown prefix
    assert (raised.value.line, raised.value.column) == (1, 1)
    assert str(raised.value).startswith("SPARQL syntax error at line 1, column 1: ")
    assert "nope" in str(raised.value)


def test_prefixes_as_text_declare_every_project_prefix_once():
    text = with_prefixes("ASK {}")
    lines = text.splitlines()
    assert lines[-1] == "ASK {}"
    assert lines[:-1] == [f"PREFIX {p}: <{n}>" for p, n in PREFIXES.items()]


def test_rows_display_as_an_escaped_html_table():
    rows = Rows(["a", "b<"], [["x & y", None], ["<i>", "2"]])
    assert rows._repr_html_() == (
        "<table><thead><tr><th>a</th><th>b&lt;</th></tr></thead><tbody>"
        "<tr><td>x &amp; y</td><td></td></tr><tr><td>&lt;i&gt;</td><td>2</td></tr>"
        "</tbody></table>"
    )
    frame = rows.to_dataframe()
    assert list(frame.columns) == ["a", "b<"] and frame.shape == (2, 2)
    assert frame["a"].tolist() == ["x & y", "<i>"]


def test_describe_gives_the_resource_triples_sorted(graph):
    note = ID["source/gorkin-1957/note-3"]
    rows = run_query(graph, f"DESCRIBE <{note}>")
    expected = sorted([str(note), str(p), str(o)] for p, o in graph.predicate_objects(note))
    assert rows.columns == ["subject", "predicate", "object"]
    assert rows.rows == expected and len(expected) == 8


def test_the_same_rows_from_oxigraph_with_prefixes_as_text(graph):
    from serge_graph import stores
    from serge_graph.queries import on_oxigraph

    oxigraph = stores.open_store(lambda: graph, "oxigraph")
    assert on_oxigraph(oxigraph) and not on_oxigraph(graph)
    query = "SELECT ?note ?n WHERE { ?note a sg:Note ; sg:noteNumber ?n } ORDER BY ?n"
    assert run_query(oxigraph, query) == run_query(graph, query)
    assert len(run_query(oxigraph, query).rows) == 17


def test_suggestions_are_at_most_three_joined_by_or(tmp_path):
    # difflib gives the closest first; among equals, the last name first
    for name in ("lived-in-a", "lived-in-b", "lived-in-c", "lived-in-d", "died"):
        (tmp_path / f"{name}.rq").write_text("#X marks: who lived where?\nASK {}\n")
    with pytest.raises(UnknownQueryError) as raised:
        saved_query(tmp_path, "lived-in")
    assert str(raised.value) == (
        "no saved query named 'lived-in'; did you mean lived-in-d or lived-in-c or lived-in-b? "
        "(list them: sg.list_saved_queries())"
    )
    assert saved_queries(tmp_path)["died"].question == "X marks: who lived where?"


def test_rows_as_dicts_refuse_a_row_of_the_wrong_length():
    with pytest.raises(ValueError):
        Rows(["a"], [["1", "2"]]).as_dicts()


def test_without_pandas_the_dataframe_says_which_extra_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError) as raised:
        Rows(["a"], [["1"]]).to_dataframe()
    assert str(raised.value) == (
        "pandas is not installed; install the notebook extra: pip install 'serge-graph[notebook]'"
    )
