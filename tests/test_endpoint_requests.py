"""The endpoint's request handling in this process: the real app over a real worker pool (one
worker process holding the real graph), driven through starlette's TestClient, so that every
answer can be compared with what rdflib gives for the same query. The server as a whole
(ports, timeouts, killed workers, log lines) is tested in test_serve.py."""

from __future__ import annotations

import csv
import functools
import io
import json
import re

import pytest
from rdflib import Graph, Literal
from starlette.testclient import TestClient

from serge_graph.errors import QuerySyntaxError
from serge_graph.queries import parse_query
from serge_graph.server import results, workers
from serge_graph.server.app import EndpointConfig, create_app
from serge_graph.server.pool import PoolConfig, WorkerPool
from serge_graph.server.workers import READ_ONLY, GraphSource, QueryRequest

pytestmark = pytest.mark.slow  # query worker processes behind every request: not in make check

MAX_ROWS = 5
PEOPLE = "SELECT ?person ?name WHERE { ?person a sg:Person ; rdfs:label ?name }"
NOTES = "SELECT ?note ?n WHERE { ?note a sg:Note ; sg:noteNumber ?n FILTER(?n <= 3) }"


# Two saved questions for the query page, one with "</" that must not close its script element.
SAVED = [
    ("notes", "Which notes? </script>", NOTES),
    ("people", "Who are the people?", PEOPLE),
]
TRIPLES = 31813


@pytest.fixture(scope="module")
def client(graph_file):
    pool = WorkerPool(GraphSource("memory", file=graph_file), PoolConfig(1, 1, 0, fast_limit=60))
    config = EndpointConfig(timeout=120, max_rows=MAX_ROWS, site=False)
    try:
        pool.wait_ready()
        # TestClient's host is "testserver": as for a server bound to a non-loopback address
        with TestClient(create_app(pool, SAVED, TRIPLES, config, host="testserver")) as test_client:
            yield test_client
    finally:
        pool.close()


def _evaluate(graph_file: str, text: str, fmt: str | None, max_rows: int, store: str = "memory"):
    """(media, body, cut) of one query in a worker's engine, in this process."""
    engine = _engine(store, graph_file)
    answer = workers.answer(engine, QueryRequest(text, [], fmt, max_rows))
    assert answer[0] == "ok", answer
    return answer[1], answer[2], answer[3]


@functools.cache
def _engine(store: str, graph_file: str):
    """A worker's engine, opened once per store for this module's tests."""
    return workers.open_engine(GraphSource(store, file=graph_file))


def rdflib_rows(graph, query: str) -> list[list[str]]:
    return sorted([str(v) for v in row] for row in graph.query(query, initNs=_prefixes()))


def _prefixes():
    from serge_graph.namespaces import PREFIXES

    return dict(PREFIXES)


def csv_rows(body: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(body)))
    return [rows[0], *sorted(rows[1:])]


def json_rows(body: bytes) -> list[list[str]]:
    answer = json.loads(body)
    names = answer["head"]["vars"]
    return sorted([b[n]["value"] for n in names] for b in answer["results"]["bindings"])


def test_get_post_form_and_post_body_give_the_same_rows(client, graph):
    expected = rdflib_rows(graph, NOTES)
    assert len(expected) == 3
    got = client.get("/sparql", params={"query": NOTES}, headers={"accept": "text/csv"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert csv_rows(got.text) == [["note", "n"], *expected]
    form = client.post("/sparql", data={"query": NOTES})
    assert form.headers["content-type"].startswith("application/sparql-results+json")
    assert json_rows(form.content) == expected
    body = client.post(
        "/sparql",
        content=NOTES,
        headers={"content-type": "application/sparql-query; charset=utf-8"},
    )
    assert json_rows(body.content) == expected


@pytest.mark.parametrize(
    ("accept", "format_parameter", "media"),
    [
        ("application/xml;q=0.9, text/csv", None, "text/csv"),  # q-values rank, not the order
        ("text/html, text/tab-separated-values", None, "text/tab-separated-values"),
        ("text/csv", "tsv", "text/tab-separated-values"),
        ("TEXT/CSV", None, "text/csv"),
    ],
)
def test_the_result_format_follows_format_then_accept_by_q_value(
    client, accept, format_parameter, media
):
    params = {"query": NOTES} | ({"format": format_parameter} if format_parameter else {})
    answer = client.get("/sparql", params=params, headers={"accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize(
    ("accept", "rdflib_format", "media"),
    [
        ("", "turtle", "text/turtle"),
        ("application/n-triples", "nt", "application/n-triples"),
        ("application/ld+json", "json-ld", "application/ld+json"),
    ],
)
def test_construct_answers_a_graph_in_the_asked_syntax(client, graph, accept, rdflib_format, media):
    query = (
        "CONSTRUCT { ?n rdfs:label ?l } WHERE { ?n a sg:Note ; rdfs:label ?l ; sg:noteNumber 3 }"
    )
    answer = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert answer.headers["content-type"].split(";")[0] == media
    parsed = Graph().parse(data=answer.text, format=rdflib_format)
    assert set(parsed) == set(graph.query(query, initNs=_prefixes()).graph)
    assert len(parsed) == 1


def test_rows_over_the_cap_are_cut_and_say_so(client, graph):
    answer = client.get("/sparql", params={"query": PEOPLE, "format": "json"})
    rows = json_rows(answer.content)
    every = rdflib_rows(graph, PEOPLE)
    assert answer.headers["x-result-truncated"] == str(MAX_ROWS) and len(every) > MAX_ROWS
    assert len(rows) == MAX_ROWS and all(row in every for row in rows)
    small = client.get("/sparql", params={"query": NOTES})
    assert "x-result-truncated" not in small.headers
    at_cap = client.get("/sparql", params={"query": f"{PEOPLE} LIMIT {MAX_ROWS}"})
    assert "x-result-truncated" not in at_cap.headers and len(json_rows(at_cap.content)) == 5
    over = client.get("/sparql", params={"query": f"{PEOPLE} LIMIT {MAX_ROWS + 1}"})
    assert over.headers["x-result-truncated"] == str(MAX_ROWS)


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "GET", "params": {"update": "CLEAR ALL"}},
        {"method": "GET", "params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {
            "method": "POST",
            "content": "DELETE WHERE { ?s ?p ?o }",
            "headers": {"content-type": "application/sparql-update"},
        },
        {"method": "POST", "data": {"update": "CLEAR ALL"}},
    ],
    ids=["get-update", "update-as-query", "post-update-body", "post-update-form"],
)
def test_every_kind_of_update_is_refused_with_403(client, graph, request_kwargs):
    before = len(graph)
    answer = client.request(url="/sparql", **request_kwargs)
    assert (answer.status_code, answer.text) == (403, READ_ONLY)
    assert len(graph) == before


def test_no_query_and_a_bad_query_are_400_with_the_message(client):
    empty = client.get("/sparql")
    assert (empty.status_code, empty.text) == (400, "give a query: ?query=… or a POST body")
    bad = "SELECT ?x\nWHERE { ?x a sg:Person"
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query(bad)
    answer = client.get("/sparql", params={"query": bad})
    assert (answer.status_code, answer.text) == (400, str(raised.value))
    assert answer.text.splitlines()[2] == "  " + " " * 22 + "^"


def test_evaluate_keeps_the_cap_and_says_when_it_cut(graph, graph_file):
    media, body, cut = _evaluate(graph_file, PEOPLE, "csv", 4)
    assert (media, cut) == ("text/csv", True)
    assert len(csv_rows(body.decode())) == 1 + 4
    media, body, cut = _evaluate(graph_file, PEOPLE, None, 100)
    assert (media, cut) == ("application/sparql-results+json", False)
    assert json_rows(body) == rdflib_rows(graph, PEOPLE)


def test_tsv_values_are_turtle_terms_that_read_back(graph):
    tricky = Literal('a\tb\nc "quoted"', lang="en")
    query = 'SELECT ?x ?y ?z WHERE { VALUES (?x ?y) { ("a\\tb\\nc \\"quoted\\""@en 1947) } }'
    result = graph.query(query)
    names = [str(v) for v in result.vars]
    lines = results.write_select("tsv", names, [tuple(r) for r in result]).decode().split("\n")
    assert lines[0] == "?x\t?y\t?z" and lines[2:] == [""]
    x, y, z = lines[1].split("\t")
    assert z == ""  # unbound
    read = Graph().parse(data=f"<urn:s> <urn:x> {x} ; <urn:y> {y} .", format="turtle")
    assert {o for _s, _p, o in read} == {tricky, Literal(1947)}


NOTE_LABELS = "CONSTRUCT { ?n rdfs:label ?l } WHERE { ?n a sg:Note ; rdfs:label ?l }"


@pytest.mark.parametrize(
    ("asked", "rdflib_format", "media"),
    [
        ("turtle", "turtle", "text/turtle"),
        ("nt", "nt", "application/n-triples"),
        ("json-ld", "json-ld", "application/ld+json"),
    ],
)
def test_evaluate_a_graph_keeps_triples_up_to_the_cap(
    graph, graph_file, asked, rdflib_format, media
):
    every = set(graph.query(NOTE_LABELS, initNs=_prefixes()).graph)
    got_media, body, cut = _evaluate(graph_file, NOTE_LABELS, asked, 4)
    assert (got_media, cut, len(every)) == (media, True, 17)
    kept = set(Graph().parse(data=body.decode("utf-8"), format=rdflib_format))
    assert len(kept) == 4 and kept <= every
    if rdflib_format == "turtle":
        assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in body.decode()


def test_evaluate_describe_and_ask(graph_file):
    note = "https://w3id.org/serge-graph/id/source/gorkin-1957/note-3"
    media, body, cut = _evaluate(graph_file, f"DESCRIBE <{note}>", "nt", 100, "oxigraph")
    assert (media, cut) == ("application/n-triples", False)
    assert len(Graph().parse(data=body.decode(), format="nt")) == 8
    media, body, cut = _evaluate(graph_file, "ASK { ?s a sg:Note }", "json", 100)
    assert (media, json.loads(body)["boolean"], cut) == (
        "application/sparql-results+json",
        True,
        False,
    )


def test_evaluate_needs_no_prefixes_in_the_file_on_either_store(graph, graph_file):
    expected = rdflib_rows(graph, PEOPLE)  # N-Triples carries no prefixes: the query's are given
    assert json_rows(_evaluate(graph_file, PEOPLE, "json", 100)[1]) == expected
    assert json_rows(_evaluate(graph_file, PEOPLE, "json", 100, "oxigraph")[1]) == expected


def test_the_query_page_carries_the_saved_questions_and_the_triple_count(client):
    page = client.get("/query")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    line = next(x for x in page.text.splitlines() if x.startswith("const EXAMPLES = "))
    examples = json.loads(line.removeprefix("const EXAMPLES = ").removesuffix(";"))
    assert examples == [{"name": n, "question": q, "text": t} for n, q, t in SAVED]
    assert "</script>" not in line
    assert f"<p>{TRIPLES} triples, read-only." in page.text


def test_a_query_failing_in_its_worker_is_400_with_the_reason(client):
    failing = 'SELECT ?x WHERE { VALUES ?x { 1 } FILTER(REGEX("a", "(")) }'  # a bad pattern
    answer = client.get("/sparql", params={"query": failing})
    assert (answer.status_code, answer.text) == (
        400,
        "the query failed while running: missing ), unterminated subpattern at position 0",
    )
    after = client.get("/sparql", params={"query": NOTES})  # the worker keeps serving
    assert after.status_code == 200 and len(json_rows(after.content)) == 3


def test_describe_over_http_is_a_graph(client):
    note = "https://w3id.org/serge-graph/id/source/gorkin-1957/note-3"
    answer = client.post(
        "/sparql", data={"query": f"DESCRIBE <{note}>"}, headers={"accept": "application/n-triples"}
    )
    assert answer.headers["content-type"].split(";")[0] == "application/n-triples"
    assert len(Graph().parse(data=answer.text, format="nt")) == MAX_ROWS  # of its 8 triples
    assert answer.headers["x-result-truncated"] == str(MAX_ROWS)


def test_every_request_is_one_log_line_with_its_status(client, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="serge_graph.server"):
        client.get("/sparql", params={"query": NOTES})
        client.get("/sparql")
        client.get("/no-such-page")
    lines = [r.getMessage() for r in caplog.records if r.name == "serge_graph.server"]
    assert [line.split()[1:4] for line in lines] == [
        ["GET", "/sparql", "200"],
        ["GET", "/sparql", "400"],
        ["GET", "/no-such-page", "404"],
    ]
    assert all(re.fullmatch(r"\S+ GET /\S* \d{3} \d+\.\dms", line) for line in lines)
