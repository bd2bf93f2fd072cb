"""The endpoint's app in this process, over a real pool of real workers holding the real graph:
the guards (Host, Origin, CORS), the answers the server gives itself (time-out, too many
waiting, a stopping pool), the linter's findings as headers, /status, and where the workers find
the graph. The same over a real server and its ports is tested in test_serve.py."""

from __future__ import annotations

import logging
import re
import threading
import time
from urllib.parse import unquote

import anyio
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import VOID
from starlette.testclient import TestClient

from serge_graph import stores, summaries
from serge_graph.api.serving import graph_source
from serge_graph.api.serving import linked_site as make_linked_site
from serge_graph.lint import load_ontology
from serge_graph.project import resolve_paths
from serge_graph.server.app import EndpointConfig, create_app, header_text
from serge_graph.server.pool import PoolConfig, WorkerPool
from serge_graph.server.workers import GraphSource

from .serving import wait_for

pytestmark = pytest.mark.slow  # query worker processes behind the app: not in make check

ASK = "ASK { ?s a sg:Note }"
NEVER_ENDS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ALLOWED = "http://allowed.example"
REBINDING = (
    "this server answers requests addressed to 127.0.0.1, ::1, localhost, not {host} "
    "(a guard against DNS rebinding; see serve --allow-host)"
)
EXPOSED = "X-Result-Truncated, Retry-After, X-SPARQL-Warning"
LINTED = (
    "SELECT ?n WHERE { ?p a sg:Persn ; rdfs:label ?n . "
    '?p sg:memberOf "Izquierda Comunista de España" }'
)


@pytest.fixture(scope="module")
def pool(graph_file):
    ontology = load_ontology(resolve_paths(None).ontology)
    running = WorkerPool(
        GraphSource("oxigraph", file=graph_file, ontology=ontology), PoolConfig(1, 1, 1, 60)
    )
    try:
        running.wait_ready(120)
        yield running
    finally:
        running.close()


def _client(pool, host="127.0.0.1", base_url="http://localhost:8000", **config) -> TestClient:
    app = create_app(pool, [], 0, EndpointConfig(site=False, **config), host)
    return TestClient(app, base_url=base_url)


def _ask(client: TestClient, **headers):
    return client.get("/sparql", params={"query": ASK}, headers=headers)


@pytest.mark.parametrize(
    "base_url",
    ["http://localhost:8000", "http://localhost", "http://127.0.0.1:8000", "http://[::1]:8000"],
)
def test_a_loopback_server_answers_a_loopback_name(pool, base_url):
    answer = _ask(_client(pool, base_url=base_url))
    assert answer.status_code == 200 and answer.json()["boolean"] is True


@pytest.mark.parametrize(
    "host", ["testserver", "evil.example:8000", "127.0.0.1.evil.example", "[::2]:8000"]
)
def test_a_loopback_server_refuses_any_other_host_name(pool, host):
    answer = _ask(_client(pool, base_url=f"http://{host}"))
    assert (answer.status_code, answer.text) == (403, REBINDING.format(host=host))
    assert answer.headers["content-type"] == "text/plain; charset=utf-8"
    assert answer.headers["content-length"] == str(len(answer.content))


def _raw(app, method: str, path: str, headers: list[tuple[bytes, bytes]], receive=None):
    """One request straight through the ASGI app, as a server would pass it: what is sent back."""
    sent: list[dict] = []

    async def empty_body() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": headers}
    anyio.run(app, {**scope, "query_string": b""}, receive or empty_body, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:]).decode()


def test_a_request_without_a_host_is_refused_and_logged_without_a_client(pool, caplog):
    app = create_app(pool, [], 0, EndpointConfig(site=False), "127.0.0.1")
    with caplog.at_level(logging.INFO, logger="serge_graph.server"):
        answer = _raw(app, "GET", "/status", [])
    assert answer == (403, REBINDING.format(host="no Host"))
    assert caplog.messages[0].startswith("- GET /status 403 ")


@pytest.mark.parametrize(
    ("host", "status"),
    [("::1", 200), ("[::1]", 200), ("[::1]:80", 200), ("localhost:80", 200), ("::2", 403)],
)
def test_a_host_header_is_read_with_and_without_its_port(pool, host, status):
    app = create_app(pool, [], 0, EndpointConfig(site=False), "127.0.0.1")
    assert _raw(app, "GET", "/status", [(b"host", host.encode())])[0] == status


def test_a_body_that_does_not_arrive_is_408_within_the_time_limit(pool):
    app = create_app(pool, [], 0, EndpointConfig(site=False, timeout=0.5), "127.0.0.1")

    async def stalled() -> dict:
        await anyio.sleep_forever()

    headers = [(b"host", b"localhost"), (b"content-type", b"application/sparql-query")]
    started = time.monotonic()
    answer = _raw(app, "POST", "/sparql", headers, stalled)
    assert answer == (408, "the request body did not arrive within the time limit")
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("bound", "base_url", "status"),
    [
        ("::1", "http://evil.example", 403),  # loopback by address
        ("127.0.0.2", "http://evil.example", 403),
        ("localhost", "http://evil.example", 403),
        ("0.0.0.0", "http://evil.example", 200),  # bound to every address: any name
        ("192.0.2.1", "http://evil.example", 200),
        ("graph.example", "http://evil.example", 200),  # a name is not an address
    ],
)
def test_only_a_loopback_server_checks_the_host_by_default(pool, bound, base_url, status):
    assert _ask(_client(pool, host=bound, base_url=base_url)).status_code == status


def test_allowed_hosts_replace_the_loopback_names(pool):
    allowed = ("graph.example",)
    assert _ask(_client(pool, base_url="http://graph.example", allowed_hosts=allowed)).is_success
    refused = _ask(_client(pool, base_url="http://localhost:8000", allowed_hosts=allowed))
    assert refused.status_code == 403 and refused.text.startswith(
        "this server answers requests addressed to graph.example, not localhost:8000 "
    )


def test_a_page_of_the_same_origin_is_answered_any_other_refused(pool):
    client = _client(pool)
    for origin in ("http://localhost:8000", "https://localhost:8000"):
        answer = _ask(client, origin=origin)
        assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
    refused = _ask(client, origin="http://evil.example")
    assert (refused.status_code, refused.text) == (
        403,
        "requests from the origin http://evil.example are refused; "
        "start the server with --cors ORIGIN to let a page there query it",
    )
    assert _ask(_client(pool, cors=(ALLOWED,)), origin="http://evil.example").status_code == 403


def test_cors_lets_the_named_origin_read_the_answer_and_its_headers(pool):
    client = _client(pool, cors=(ALLOWED,))
    answer = _ask(client, origin=ALLOWED)
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert answer.headers["access-control-allow-origin"] == ALLOWED
    assert answer.headers["access-control-expose-headers"] == EXPOSED
    assert answer.headers.get_list("vary") == ["Accept", "Origin"]
    same = _ask(client, origin="http://localhost:8000")
    assert same.status_code == 200 and "access-control-allow-origin" not in same.headers


def test_a_preflight_from_the_named_origin_gets_the_methods_and_headers(pool):
    client = _client(pool, cors=(ALLOWED,))
    preflight = client.options(
        "/sparql", headers={"origin": ALLOWED, "access-control-request-method": "POST"}
    )
    assert (preflight.status_code, preflight.content) == (204, b"")
    assert dict(preflight.headers) == {
        "access-control-allow-origin": ALLOWED,
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "Accept, Content-Type",
        "access-control-max-age": "600",
        "vary": "Origin",
    }
    no_origin = client.options("/sparql")
    assert no_origin.status_code == 405  # no preflight: the route takes GET and POST only


def test_a_query_past_the_time_limit_is_503_and_the_next_one_answered(pool, caplog):
    client = _client(pool, timeout=1.0)
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="serge_graph.server"):
        answer = client.get("/sparql", params={"query": NEVER_ENDS})
    waited = time.monotonic() - started
    # the log gives the request's milliseconds: at least the time limit, at most the wait
    logged = [m for m in caplog.messages if " /sparql " in m]
    client_name, method, path, status, milliseconds = logged[0].split()
    assert (client_name, method, path, status) == ("testclient", "GET", "/sparql", "503")
    assert 1000 <= float(milliseconds.removesuffix("ms")) <= waited * 1000
    assert (answer.status_code, answer.text) == (
        503,
        "the query ran longer than the time limit of 1 s",
    )
    assert answer.headers["vary"] == "Accept" and "retry-after" not in answer.headers
    wait_for(lambda: len(pool.status()["lanes"]["fast"]) == 1, 30, "the worker is replaced")
    assert _ask(_client(pool)).status_code == 200


def test_a_request_past_max_pending_is_503_at_once_and_the_count_goes_down(pool):
    client = _client(pool, timeout=1.5, max_pending=1)
    answers: list = []
    waiting = threading.Thread(
        target=lambda: answers.append(client.get("/sparql", params={"query": NEVER_ENDS + " #"}))
    )
    waiting.start()
    lanes = lambda: pool.status()["lanes"].values()  # noqa: E731
    wait_for(lambda: any(w["busy"] for lane in lanes() for w in lane), 10, "it runs")
    refused = _ask(client)
    assert (refused.status_code, refused.text) == (
        503,
        "1 requests are already waiting; try again",
    )
    assert refused.headers["retry-after"] == "1" and refused.headers["vary"] == "Accept"
    waiting.join()
    assert answers[0].status_code == 503
    wait_for(lambda: len(pool.status()["lanes"]["fast"]) == 1, 30, "the worker is replaced")
    assert [_ask(client).status_code for _ in range(2)] == [200, 200]  # none left waiting


def test_a_stopping_pool_answers_503_with_retry_after(graph_file):
    stopped = WorkerPool(GraphSource("oxigraph", file=graph_file), PoolConfig(1, 0, 0))
    stopped.close()
    answer = _ask(_client(stopped))
    assert (answer.status_code, answer.text) == (503, "the server is stopping; try again")
    assert answer.headers["retry-after"] == "1"


def test_the_linter_s_findings_are_headers_percent_encoded(pool):
    answer = _client(pool).get("/sparql", params={"query": LINTED})
    found = answer.headers.get_list("x-sparql-warning")
    assert found == [
        "sg:Persn is not in the vocabulary; did you mean sg:Person?",
        "sg:memberOf links to a resource%2C never to a text or number: ?p sg:memberOf "
        '"Izquierda Comunista de Espa%C3%B1a" can never match; match its label instead: '
        '?p sg:memberOf/rdfs:label "Izquierda Comunista de Espa%C3%B1a"',
    ]
    assert unquote(found[1]).startswith("sg:memberOf links to a resource, never")
    assert "x-sparql-warning" not in _ask(_client(pool)).headers


def test_a_header_value_is_ascii_with_comma_and_controls_encoded():
    assert header_text('a, b é\n"x" 100% [y]') == b'a%2C b %C3%A9%0A"x" 100%25 [y]'


def test_status_is_the_pool_s_status(pool):
    answer = _client(pool).get("/status")
    assert answer.status_code == 200 and answer.json() == pool.status()
    assert answer.json()["fast_limit_seconds"] == 60


def test_the_query_page_is_at_the_root_without_a_site(pool):
    client = _client(pool)
    assert client.get("/").text == client.get("/query").text
    assert "<p>0 triples, read-only." in client.get("/").text


# --- where the workers find the graph --------------------------------------------------------


def test_a_graph_file_is_counted_and_given_to_the_workers_as_it_is(graph, graph_file, tmp_path):
    source, count = graph_source(EndpointConfig(store="memory", graph_file=graph_file), tmp_path)
    assert (source.store, source.file, source.folder, count) == (
        "memory",
        graph_file,
        None,
        len(graph),
    )
    assert source.ontology is load_ontology(resolve_paths(None).ontology)
    missing = tmp_path / "no.nt"
    with pytest.raises(stores.StoreError) as raised:
        graph_source(EndpointConfig(store="memory", graph_file=str(missing)), tmp_path)
    assert (
        str(raised.value)
        == f"{missing}: no such graph file; build one with `serge-graph build --out`"
    )


def test_a_graph_file_goes_into_an_oxigraph_folder_the_workers_open(graph, graph_file, tmp_path):
    folder = tmp_path / "store"
    config = EndpointConfig(store="oxigraph", store_path=str(folder), graph_file=graph_file)
    source, count = graph_source(config, tmp_path)
    assert (source.store, source.folder, source.file, count) == (
        "oxigraph",
        str(folder),
        None,
        len(graph),
    )
    reopened = stores.load_graph_file(graph_file, "oxigraph", folder)  # released: opens again
    reopened.close()


def test_without_a_graph_file_the_data_is_built_into_the_folder(graph, tmp_path):
    source, count = graph_source(EndpointConfig(store="memory"), tmp_path)
    assert (source.store, source.file, source.folder, count) == (
        "memory",
        str(tmp_path / "graph.nt"),
        None,
        len(graph),
    )
    lines = (tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(set(lines)) == len(graph) and all(line.endswith(" .") for line in lines)


# --- the reader's site, served beside the endpoint ---------------------------------------------


@pytest.fixture(scope="module")
def linked_site():
    return make_linked_site(EndpointConfig())


def _site_client(pool, linked_site) -> TestClient:
    app = create_app(pool, [], 0, EndpointConfig(), "127.0.0.1", linked_site)
    return TestClient(app, base_url="http://localhost:8000")


def test_the_served_site_is_the_project_s_with_a_link_to_the_query_page(linked_site, graph):
    assert len(linked_site.graph) == len(graph)
    assert set(linked_site.graph.subjects()) == set(graph.subjects())
    assert len(linked_site.ontology) == len(Graph().parse(resolve_paths(None).ontology))
    index = linked_site.files["index.html"].decode("utf-8")
    assert re.findall(r'<a href="([^"]*)">Query</a>', index) == ["query"]
    page = linked_site.files["id/person/victor-serge.html"].decode("utf-8")
    assert re.findall(r'<a href="([^"]*)">Query</a>', page) == ["../../query"]


def test_the_site_s_routes_answer_files_iris_and_the_void_description(pool, linked_site, graph):
    client = _site_client(pool, linked_site)
    assert client.get("/").content == linked_site.files["index.html"]
    assert client.get("/timeline.html").content == linked_site.files["timeline.html"]
    serge = URIRef("https://w3id.org/serge-graph/id/person/victor-serge")
    described = client.get("/id/person/victor-serge", headers={"Accept": "text/turtle"})
    assert described.headers["content-type"].startswith("text/turtle")
    triples = Graph().parse(data=described.text, format="turtle")
    assert set(triples.predicate_objects(serge)) == set(graph.predicate_objects(serge))
    page = client.get("/id/person/victor-serge", headers={"Accept": "text/html"})
    assert page.content == linked_site.files["id/person/victor-serge.html"]
    void = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    assert set(void.objects(None, VOID.sparqlEndpoint)) == {URIRef("http://localhost:8000/sparql")}
    ontology = client.get("/ontology", headers={"Accept": "application/n-triples"})
    assert len(Graph().parse(data=ontology.text, format="nt")) == len(linked_site.ontology)


def test_without_a_graph_file_the_data_goes_into_an_oxigraph_folder(graph, tmp_path):
    folder = tmp_path / "store"
    source, count = graph_source(EndpointConfig(store="oxigraph", store_path=str(folder)), tmp_path)
    assert (source.store, source.folder, source.file, count) == (
        "oxigraph",
        str(folder),
        None,
        len(graph),
    )
    reopened = stores.open_read_only(folder)  # what a worker does
    assert stores.triple_count(reopened) == len(graph)
    reopened.close()
    assert len(summaries.kept(folder)) == 12  # the whole-graph questions' answers, kept


@pytest.mark.slow  # fills an Oxigraph folder of its own
def test_a_folder_that_cannot_keep_answers_is_served_live(
    graph_file, tmp_path, monkeypatch, caplog
):
    def refused(path, body):
        raise PermissionError(f"read-only file system: {path.name}")

    monkeypatch.setattr(summaries, "_write_atomically", refused)
    folder = tmp_path / "store"
    config = EndpointConfig(store="oxigraph", store_path=str(folder), graph_file=graph_file)
    with caplog.at_level("WARNING", logger="serge_graph.server"):
        source, _count = graph_source(config, tmp_path)
    assert source.folder == str(folder) and summaries.kept(folder) == {}
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "store: the whole-graph answers cannot be kept (read-only file system: "
        "claims-by-certainty.srj); they run live"
    ]
