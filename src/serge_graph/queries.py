"""SPARQL over the built graph: ad-hoc queries and the saved questions in queries/*.rq.

A saved query is one question a file; its first comment line is the question.
Values are passed as initBindings, never formatted into the query text.

rdflib is imported only where a query goes through it: a query on a bare
pyoxigraph Store (`run_on_oxigraph`, the command line's path) never loads it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .choices import GRAPH_IRI
from .errors import QueryEvaluationError, QuerySyntaxError, UnknownQueryError
from .prefixes import PREFIX_IRIS
from .values import column_array, python_value, text_of

if TYPE_CHECKING:
    import pyoxigraph
    from pyparsing import ParseException
    from rdflib import Graph
    from rdflib.query import Result


@dataclass(frozen=True)
class SavedQuery:
    name: str
    question: str
    text: str
    path: Path


@dataclass(frozen=True)
class Rows:
    """A query's answer: column names and rows of values (None when unbound).

    From the API the values are typed (values.py: int, float, bool, PartialDate,
    IRI, str); rows built by hand, and the library's own lookups, hold strings.
    """

    columns: list[str]
    rows: list[list[Any]]
    ask: bool | None = None

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_dataframe(self):
        """The rows as a pandas DataFrame with typed columns (values.column_array): text as
        "string", numbers as "Int64"/"Float64", dates as periods at the text's precision;
        every missing value is pd.NA (NaT among dates). Needs pandas (the `notebook` extra)."""
        try:
            import pandas
        except ImportError as error:
            raise ImportError(
                "pandas is not installed; install the notebook extra: pip install 'serge-graph[notebook]'"
            ) from error
        columns = {
            name: column_array([row[i] for row in self.rows]) for i, name in enumerate(self.columns)
        }
        return pandas.DataFrame(columns, columns=self.columns)

    def _repr_html_(self) -> str:
        """Rows display as an HTML table in Jupyter, every value escaped."""
        from html import escape

        head = "".join(f"<th>{escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(text_of(v))}</td>" for v in row) + "</tr>"
            for row in self.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def saved_queries(queries_dir: Path) -> dict[str, SavedQuery]:
    """Every queries/*.rq by name (the file name without .rq)."""
    found = {}
    for path in sorted(queries_dir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question = next(
            (line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")), ""
        )
        found[path.stem] = SavedQuery(path.stem, question, text, path)
    return found


def saved_query(queries_dir: Path, name: str) -> SavedQuery:
    queries = saved_queries(queries_dir)
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise UnknownQueryError(
            f"no saved query named {name!r}{hint}",
            python="list them: sg.list_saved_queries()",
            shell="list them: serge-graph query --list",
        )
    return queries[name]


def parse_query(text: str):
    """Parse SPARQL, turning the parser's exception into one with line and column."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text, initNs=dict(PREFIX_IRIS))
    except ParseException as error:
        raise QuerySyntaxError(_parser_message(error), error.lineno, error.col) from None
    except Exception as error:  # rdflib reports some algebra problems with other types
        raise QuerySyntaxError(str(error), 1, 1) from None


def query_parts(node) -> Iterator[Any]:
    """Every part of a parsed query, depth first: patterns, paths, expressions, VALUES,
    subqueries, and pyparsing's ParseResults where rdflib's algebra keeps the parse tree."""
    from rdflib.paths import Path as PropertyPath

    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:  # a part shared by two parents is walked once
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, dict):  # rdflib's CompValue is a dict
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)) or hasattr(item, "as_list"):
            stack.extend(item)
        elif isinstance(item, PropertyPath):
            stack.extend(vars(item).values())


def _parser_message(error: ParseException) -> str:
    line = error.line.rstrip()
    pointer = " " * (error.col - 1) + "^"
    return f"{error.msg}\n  {line}\n  {pointer}"


def on_oxigraph(graph: Graph) -> bool:
    return type(graph.store).__name__ == "OxigraphStore"


def with_prefixes(text: str) -> str:
    """The query with the project's prefixes declared as text.

    Oxigraph parses the text itself; and given initNs, oxrdflib hands the
    query to rdflib's evaluator, which is 100x slower at 10x the corpus.
    """
    return "".join(f"PREFIX {p}: <{n}>\n" for p, n in PREFIX_IRIS.items()) + text


def run_query(graph: Graph, text: str, bindings: dict | None = None, typed: bool = False) -> Rows:
    """Run a SELECT or ASK query and return its rows: as strings, or typed (values.py)."""
    query = parse_query(text)
    if on_oxigraph(graph):
        query = with_prefixes(text)
    try:
        return rows_of(graph.query(query, initBindings=bindings or {}), typed)
    except Exception as error:  # rdflib's evaluator raises many unrelated types
        raise QueryEvaluationError(f"the query failed while running: {error}") from None


def rows_of(result: Result, typed: bool = False) -> Rows:
    value = python_value if typed else (lambda term: None if term is None else str(term))
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return Rows(["answer"], [[answer if typed else text_of(answer)]], ask=answer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph, key=lambda triple: tuple(map(str, triple)))
        return Rows(["subject", "predicate", "object"], [list(map(value, t)) for t in triples])
    columns = [str(v) for v in result.vars]
    rows = [[value(term) for term in row] for row in result]
    return Rows(columns, rows)


def run_on_oxigraph(store: pyoxigraph.Store, text: str, typed: bool = False) -> Rows:
    """Run a query on a bare pyoxigraph Store holding the graph (named GRAPH_IRI): no rdflib.

    The same rows as run_query on the graph; a syntax error is reported with
    rdflib's line and column when rdflib's parser finds it too, else with Oxigraph's.
    """
    import pyoxigraph

    try:
        result = store.query(
            text, prefixes=PREFIX_IRIS, default_graph=pyoxigraph.NamedNode(GRAPH_IRI)
        )
        return oxigraph_rows(result, typed)
    except SyntaxError as error:
        parse_query(text)  # raises with line and column where rdflib's grammar agrees
        raise QuerySyntaxError(f"SPARQL syntax error (Oxigraph): {error}", 1, 1) from None
    except OSError as error:  # Oxigraph's evaluation errors
        raise QueryEvaluationError(f"the query failed while running: {error}") from None


def oxigraph_rows(result, typed: bool = False) -> Rows:
    """Rows from pyoxigraph's answer: solutions, a boolean or triples (sorted, distinct)."""
    import pyoxigraph

    value = python_value if typed else _text
    if isinstance(result, pyoxigraph.QueryBoolean):
        answer = bool(result)
        return Rows(["answer"], [[answer if typed else text_of(answer)]], ask=answer)
    if isinstance(result, pyoxigraph.QueryTriples):
        triples = sorted({(t.subject, t.predicate, t.object) for t in result}, key=_as_text)
        return Rows(["subject", "predicate", "object"], [list(map(value, t)) for t in triples])
    columns = [variable.value for variable in result.variables]
    return Rows(columns, [[value(term) for term in row] for row in result])


def _text(term) -> str | None:
    """A pyoxigraph term as run_query writes it: an IRI, a literal's lexical form, a blank id."""
    return None if term is None else term.value


def _as_text(triple: tuple) -> tuple:
    return tuple(map(_text, triple))
