"""The SPARQL endpoint, started for real on a free loopback port, used by real clients, on both stores.

Where a case matches a test of the W3C SPARQL 1.1 Protocol test suite, the
test's name ends with that test's name (query_get, bad_multiple_queries, …).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import httpx
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from .html_tree import parse
from .serving import Listener, running_server, wait_for

pytestmark = pytest.mark.slow  # the endpoint served in its own process: not in make check

TIMEOUT = 10.0
MAX_ROWS = 40
ALLOWED = "http://allowed.example"
PEOPLE = "SELECT ?name WHERE { ?p a sg:Person ; rdfs:label ?name } ORDER BY ?name"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
SELECT_TYPES = {
    "application/sparql-results+json": lambda body: json.loads(body)["results"]["bindings"],
    "application/sparql-results+xml": lambda body: ET.fromstring(body).findall(".//{*}result"),
    "text/csv": lambda body: list(csv.reader(io.StringIO(body)))[1:],
    "text/tab-separated-values": lambda body: body.splitlines()[1:],
}


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def endpoint(request, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "server.log"
    options = ["--store", request.param, "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS)]
    options += ["--cors", ALLOWED, "--max-body", "100000"]
    with running_server(log, *options) as server:
        yield server


@pytest.fixture(scope="module")
def people(graph):
    """The people's names, read from the built graph itself (not from the endpoint)."""
    return [str(row[0]) for row in graph.query(PEOPLE, initNs=_ns())]


def _ns():
    from serge_graph.namespaces import PREFIXES

    return dict(PREFIXES)


def _get(endpoint, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return httpx.get(
        endpoint.sparql, params={"query": query, **params}, headers=headers, timeout=30
    )


def test_serves_a_graph_file_from_a_persistent_oxigraph_folder(tmp_path, graph):
    file = tmp_path / "part.nt"
    part = Graph()
    for triple in sorted(graph)[:500]:
        part.add(triple)
    part.serialize(file, format="nt", encoding="utf-8")
    options = ["--graph", str(file), "--store", "oxigraph", "--store-path", str(tmp_path / "ox")]
    with running_server(tmp_path / "server.log", *options) as server:
        answer = _get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    assert answer["results"]["bindings"][0]["n"]["value"] == "500"  # the file, not the data
    assert (tmp_path / "ox.fingerprint.json").is_file()
    address = server.url.removeprefix("http://")  # a graph file is served without the site
    assert _addresses(server) == [
        f"SPARQL endpoint at http://{address}/sparql, query page at http://{address}/query"
    ]


def _addresses(server) -> list[str]:
    """What the server's start-up line tells the user where to go."""
    return re.findall(r"SPARQL endpoint at .*", server.log.read_text())


def test_the_start_up_line_gives_the_endpoint_the_query_page_and_the_site(endpoint):
    address = endpoint.url.removeprefix("http://")
    assert _addresses(endpoint) == [
        f"SPARQL endpoint at http://{address}/sparql, query page at http://{address}/query, "
        f"the site at http://{address}/"
    ]


# --- queries and results ----------------------------------------------------------------


@pytest.mark.parametrize("accept", list(SELECT_TYPES))
def test_select_in_every_format_query_content_type_select(endpoint, people, accept):
    response = _get(endpoint, PEOPLE, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert response.headers["vary"] == "Accept"
    assert len(SELECT_TYPES[accept](response.text)) == len(people)


def test_json_rows_equal_the_graph_query_get(endpoint, people):
    rows = _get(endpoint, PEOPLE).json()["results"]["bindings"]
    assert [row["name"]["value"] for row in rows] == people


def test_post_form_and_direct_give_the_get_answer_query_post_form_query_post_direct(endpoint):
    get = _get(endpoint, PEOPLE, "text/csv")
    form = httpx.post(endpoint.sparql, data={"query": PEOPLE}, headers={"Accept": "text/csv"})
    direct = httpx.post(
        endpoint.sparql,
        content=PEOPLE.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert get.status_code == form.status_code == direct.status_code == 200
    assert get.text == form.text == direct.text


def test_sparqlwrapper_select_json_and_csv(endpoint, people):
    client = SPARQLWrapper(endpoint.sparql)
    client.setQuery(PEOPLE)
    client.setReturnFormat(JSON)
    names = [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert names == people
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
    assert rows == [["name"], *([name] for name in people)]


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv, */*;q=0.1", "application/sparql-results+json"),
        (
            "application/sparql-results+xml;q=0.2, application/json;q=0.9",
            "application/sparql-results+json",
        ),
    ],
)
def test_ask_by_accept_query_content_type_ask(endpoint, accept, expected):
    response = _get(endpoint, 'ASK { ?p rdfs:label "Victor Serge" }', accept)
    assert response.status_code == 200 and response.headers["content-type"].startswith(expected)
    if "json" in expected:
        assert response.json() == {"head": {}, "boolean": True}
    else:
        assert ET.fromstring(response.text).find("{*}boolean").text == "true"


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_ask_has_no_table_so_csv_alone_is_406(endpoint, accept):
    response = _get(endpoint, "ASK { ?s ?p ?o }", accept)
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


@pytest.mark.parametrize(
    "accept, rdf_format",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_in_every_format_query_content_type_construct(
    endpoint, graph, accept, rdf_format
):
    query = "CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a sg:Person ; rdfs:label ?name }"
    response = _get(endpoint, query, accept)
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    expected = set(graph.query(query, initNs=_ns()))
    assert set(Graph().parse(data=response.text, format=rdf_format)) == expected


def test_describe_query_content_type_describe(endpoint, graph):
    serge = "https://w3id.org/serge-graph/id/person/victor-serge"
    response = _get(endpoint, f"DESCRIBE <{serge}>", "text/turtle")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    described = set(Graph().parse(data=response.text, format="turtle"))
    # Serge's concise bounded description: his triples, and (rdflib's) the claims reifying them,
    # in the engine's order; the cap keeps 40 of them
    assert described <= set(graph.cbd(URIRef(serge)))
    assert len(described) == MAX_ROWS and response.headers["x-result-truncated"] == str(MAX_ROWS)


def test_q_values_pick_the_client_s_best(endpoint):
    accept = "text/csv;q=0.4, application/sparql-results+xml;q=0.8, application/sparql-results+json;q=0.6"
    assert (
        _get(endpoint, PEOPLE, accept)
        .headers["content-type"]
        .startswith("application/sparql-results+xml")
    )
    refused = "application/sparql-results+json;q=0, */*;q=0.5"
    assert (
        not _get(endpoint, PEOPLE, refused)
        .headers["content-type"]
        .startswith("application/sparql-results+json")
    )


def test_an_accept_nothing_can_meet_is_406(endpoint):
    response = _get(endpoint, PEOPLE, "image/png")
    assert response.status_code == 406 and response.headers["vary"] == "Accept"
    assert "text/csv" in response.text  # says what a SELECT can come as


def test_head_is_get_without_a_body(endpoint):
    get = _get(endpoint, PEOPLE, "text/csv")
    head = httpx.head(endpoint.sparql, params={"query": PEOPLE}, headers={"Accept": "text/csv"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert int(head.headers["content-length"]) == len(get.content)


def test_graph_names_the_one_named_graph(endpoint):
    serge = "https://w3id.org/serge-graph/id/person/victor-serge"
    query = f"SELECT ?g ?label WHERE {{ GRAPH ?g {{ <{serge}> rdfs:label ?label }} }}"
    rows = _get(endpoint, query).json()["results"]["bindings"]
    assert [(r["g"]["value"], r["label"]["value"]) for r in rows] == [
        ("https://w3id.org/serge-graph/id/graph/serge", "Victor Serge")
    ]


def test_row_cap_stops_the_evaluation(endpoint):
    """A cross product of the whole graph (10^9 rows) is answered with the cap, not a time-out."""
    response = _get(endpoint, CROSS)
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS
    assert response.headers["x-result-truncated"] == str(MAX_ROWS)
    construct = _get(
        endpoint, "CONSTRUCT { ?a ?b ?d } WHERE { ?a ?b ?c . ?d ?e ?f }", "application/n-triples"
    )
    assert construct.status_code == 200 and len(construct.text.splitlines()) == MAX_ROWS


def test_a_small_answer_is_not_marked_cut(endpoint):
    assert "x-result-truncated" not in _get(endpoint, PEOPLE).headers


# --- refusals ------------------------------------------------------------------------------


def test_updates_are_refused_and_change_nothing_bad_update_get(endpoint):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = _get(endpoint, count).json()
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    for response in (
        httpx.post(
            endpoint.sparql, content=update, headers={"Content-Type": "application/sparql-update"}
        ),
        httpx.post(endpoint.sparql, data={"update": update}),
        httpx.get(endpoint.sparql, params={"update": update}),
        httpx.get(endpoint.sparql, params={"query": update}),
    ):
        assert response.status_code == 403 and "read-only" in response.text
    assert _get(endpoint, count).json() == before


def test_no_query_makes_the_server_fetch_anything(endpoint):
    listener = Listener()
    target = f"http://127.0.0.1:{listener.port}/sparql"
    queries = {
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}": (400, "SERVICE is refused"),
        f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}": (
            400,
            "SERVICE is refused",
        ),
        f"ASK {{ FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}": (
            400,
            "SERVICE is refused",
        ),
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}": (
            400,
            "SERVICE is refused",
        ),
        f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}": (400, "FROM and FROM NAMED are refused"),
        f"SELECT * FROM NAMED <{target}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}": (400, "are refused"),
        f"LOAD <{target}>": (403, "read-only"),
    }
    try:
        for query, (status, words) in queries.items():
            response = httpx.post(endpoint.sparql, data={"query": query}, timeout=30)
            assert (response.status_code, words in response.text) == (status, True), query
        dataset = _get(endpoint, PEOPLE, **{"default-graph-uri": target})
        assert dataset.status_code == 400 and "default-graph-uri" in dataset.text
        named = _get(endpoint, PEOPLE, **{"named-graph-uri": target})
        assert named.status_code == 400 and "named-graph-uri" in named.text
    finally:
        listener.close()
    assert listener.connections == 0


def test_bad_multiple_queries(endpoint):
    response = httpx.get(endpoint.sparql + "?query=ASK%7B%7D&query=SELECT%20*%20%7B%7D")
    assert response.status_code == 400 and "not 2" in response.text


@pytest.mark.parametrize(
    "headers, body",
    [
        ({"Content-Type": "text/plain"}, b"ASK {}"),  # bad_query_wrong_media_type
        ({}, b"query=ASK%20%7B%7D"),  # bad_query_missing_form_type
        ({}, b"ASK {}"),  # bad_query_missing_direct_type
    ],
    ids=[
        "bad_query_wrong_media_type",
        "bad_query_missing_form_type",
        "bad_query_missing_direct_type",
    ],
)
def test_a_body_needs_its_content_type(endpoint, headers, body):
    response = httpx.post(endpoint.sparql, content=body, headers=headers)
    assert response.status_code == 400 and "application/sparql-query" in response.text


def test_bad_query_non_utf8(endpoint):
    direct = httpx.post(
        endpoint.sparql,
        content="ASK { ?s ?p 'é' }".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert direct.status_code == 400 and "not UTF-8" in direct.text
    form = httpx.post(
        endpoint.sparql,
        content=b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22%E9%22%20%7D",  # é in Latin-1
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 400 and "not UTF-8" in form.text
    declared = httpx.post(
        endpoint.sparql,
        content=b"ASK {}",
        headers={"Content-Type": "application/sparql-query; charset=iso-8859-1"},
    )
    assert declared.status_code == 400 and "iso-8859-1" in declared.text


def test_bad_query_method(endpoint):
    assert httpx.put(endpoint.sparql, params={"query": "ASK {}"}).status_code == 405


def test_bad_query_syntax_is_400_with_line_column_and_caret(endpoint):
    response = _get(endpoint, "SELECT ?x\nWHERE { ?x a }")
    assert response.status_code == 400
    lines = response.text.splitlines()
    # pyparsing blames the group that fails to parse: the brace at column 9
    assert lines[0] == "SPARQL syntax error at line 2, column 9: Expected SelectQuery"
    assert lines[1] == "  WHERE { ?x a }" and lines[2] == "  " + " " * 8 + "^"


def test_a_long_bad_line_is_cut_around_its_caret(endpoint):
    query = 'SELECT ?x WHERE { ?x rdfs:label "' + "a" * 90_000 + '" . ?x a }'
    response = httpx.post(endpoint.sparql, data={"query": query}, timeout=30)
    assert response.status_code == 400 and len(response.text) < 400  # not the 90 KB line
    head, source, caret = response.text.splitlines()
    assert head == "SPARQL syntax error at line 1, column 90038: Expected SelectQuery"
    assert source[caret.index("^")] == "?"  # still under the `?x a` the parser stopped at
    assert source.endswith('" . ?x a }')


def test_a_body_over_the_limit_is_413_before_it_is_read(endpoint):
    response = httpx.post(
        endpoint.sparql,
        content=b"x" * 1_000_001,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 413 and len(response.content) < 200
    chunked = httpx.post(
        endpoint.sparql,
        content=(b"y" * 10_000 for _ in range(20)),  # no Content-Length: read until over the limit
        headers={"Content-Type": "application/sparql-query"},
    )
    assert chunked.status_code == 413


# --- host, origin, CORS --------------------------------------------------------------------


def test_a_foreign_host_is_refused_dns_rebinding(endpoint):
    port = endpoint.url.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example"):
        response = httpx.get(endpoint.sparql, params={"query": "ASK {}"}, headers={"Host": host})
        assert response.status_code == 403 and "DNS rebinding" in response.text, host
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost"):
        response = httpx.get(endpoint.sparql, params={"query": "ASK {}"}, headers={"Host": host})
        assert response.status_code == 200, host


def test_a_cross_origin_form_post_is_refused(endpoint):
    response = httpx.post(
        endpoint.sparql, data={"query": "ASK {}"}, headers={"Origin": "http://evil.example"}
    )
    assert response.status_code == 403 and "--cors" in response.text
    same = httpx.post(endpoint.sparql, data={"query": "ASK {}"}, headers={"Origin": endpoint.url})
    assert same.status_code == 200 and "access-control-allow-origin" not in same.headers


def test_cors_is_opt_in_for_the_named_origin(endpoint):
    preflight = httpx.options(
        endpoint.sparql,
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    assert preflight.headers["access-control-allow-methods"] == "GET, POST"
    assert "access-control-allow-credentials" not in preflight.headers
    allowed = httpx.get(endpoint.sparql, params={"query": "ASK {}"}, headers={"Origin": ALLOWED})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED


LINTED = (
    "SELECT ?n WHERE { ?p a sg:Persn ; rdfs:label ?n . "
    '?p sg:memberOf "Izquierda Comunista de España" }'
)
LINTER_SAYS = [
    "sg:Persn is not in the vocabulary; did you mean sg:Person?",
    "sg:memberOf links to a resource, never to a text or number: "
    '?p sg:memberOf "Izquierda Comunista de España" can never match; match its '
    'label instead: ?p sg:memberOf/rdfs:label "Izquierda Comunista de España"',
]


def test_the_linter_s_findings_come_as_headers_percent_encoded_and_exposed(endpoint):
    answer = _get(endpoint, LINTED, "application/sparql-results+json")
    assert answer.status_code == 200
    assert json.loads(answer.text)["results"]["bindings"] == []
    found = answer.headers.get_list("x-sparql-warning")
    assert [unquote(value) for value in found] == LINTER_SAYS
    assert found[1].startswith("sg:memberOf links to a resource%2C never to a text or number: ")
    assert all(value.isascii() and "," not in value for value in found)
    clean = _get(endpoint, PEOPLE, "application/sparql-results+json")
    assert "x-sparql-warning" not in clean.headers
    crossing = httpx.get(
        endpoint.sparql, params={"query": LINTED}, headers={"Origin": ALLOWED}, timeout=30
    )
    assert "X-SPARQL-Warning" in crossing.headers["access-control-expose-headers"].split(", ")


def test_the_query_page_shows_the_linter_s_findings(endpoint, browser, people):
    page = browser.new_page()
    try:
        page.goto(endpoint.url + "/query")
        page.fill("#query", LINTED)
        page.click("#run")
        page.wait_for_function("document.querySelectorAll('#warnings li').length == 2")
        shown = page.eval_on_selector_all("#warnings li", "items => items.map(i => i.textContent)")
        assert shown == [f"Warning: {message}" for message in LINTER_SAYS]
        assert page.text_content("#status").startswith("0 rows in ")
        page.fill("#query", PEOPLE)
        page.click("#run")
        page.wait_for_function(
            f"document.getElementById('status').textContent.startsWith('{len(people)} rows')"
        )
        assert page.eval_on_selector_all("#warnings li", "items => items.length") == 0
    finally:
        page.close()


# --- the page and the log ------------------------------------------------------------------


def test_query_page_needs_nothing_from_outside(endpoint):
    for path in ("/query",):
        page = httpx.get(endpoint.url + path).text
        assert "<script src" not in page and "<link" not in page and "cdn" not in page.lower()
        assert "Who was murdered in Madrid, and by whom?" in page  # the saved questions as examples


def test_the_log_records_the_real_status_of_every_request(endpoint):
    marker = "SELECT ?marker WHERE { ?marker a sg:Person } LIMIT 1"
    sent = [
        (_get(endpoint, marker).status_code, "GET"),
        (
            httpx.post(
                endpoint.sparql,
                content=b"x" * 200_000,
                headers={"Content-Type": "application/sparql-query"},
            ).status_code,
            "POST",
        ),
        (_get(endpoint, marker, "image/png").status_code, "GET"),
        (httpx.get(endpoint.sparql).status_code, "GET"),
    ]
    assert [status for status, _ in sent] == [200, 413, 406, 400]

    def logged():
        lines = endpoint.log_lines("/sparql")
        return (
            lines
            if [int(line.split()[-2]) for line in lines[-4:]] == [200, 413, 406, 400]
            else None
        )

    lines = wait_for(logged, 5, "the log has the four statuses")
    assert all(line.split()[-2] != "0" for line in lines)
    assert "Traceback" not in endpoint.log.read_text()


# --- the site and dereferenceable IRIs -------------------------------------------------------

SERGE = "https://w3id.org/serge-graph/id/person/victor-serge"
RDF_TYPES = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
]


def test_the_site_is_served_and_every_link_in_it_answers(endpoint, request):
    """A crawl over HTTP from / : every page and file it links to answers 200, query page included.
    The site is the same files whichever store answers /sparql: with the memory store the crawl
    leaves out the thousand claim and mention pages, which the Oxigraph crawl opens."""
    everything = request.node.callspec.params["endpoint"] == "oxigraph"
    seen, todo, pages = set(), ["/"], 0
    client = httpx.Client(timeout=30)  # one kept-alive connection for the thousand requests
    while todo:
        path = todo.pop()
        if path in seen or (not everything and path.startswith(("/id/claim/", "/id/mention/"))):
            continue
        seen.add(path)
        response = client.get(endpoint.url + path)
        assert response.status_code == 200, path
        if not response.headers["content-type"].startswith("text/html") or path == "/query":
            continue
        pages += 1
        for anchor in parse(response.text).find_all():
            href = anchor.attrs.get("href") or anchor.attrs.get("src")
            if not href or href.startswith(("#", "http:", "https:", "mailto:", "data:")):
                continue
            target = httpx.URL(endpoint.url + path).join(href.split("#")[0])
            todo.append(target.path)
    client.close()
    assert pages > (1000 if everything else 200), pages
    assert "/query" in seen and "/id/person/victor-serge.html" in seen
    assert '<input id="search"' in httpx.get(endpoint.url + "/").text  # / is the site's index


def test_an_iri_gives_a_browser_its_page(endpoint):
    page = httpx.get(
        endpoint.url + "/id/person/victor-serge", headers={"Accept": "text/html,*/*;q=0.8"}
    )
    assert page.status_code == 200 and page.headers["vary"] == "Accept"
    assert page.content == httpx.get(endpoint.url + "/id/person/victor-serge.html").content
    assert parse(page.text).find_all("h1")[0].text().strip().startswith("Victor Serge")


@pytest.mark.parametrize("accept, rdf_format", RDF_TYPES)
def test_an_iri_gives_a_program_its_description(endpoint, graph, accept, rdf_format):
    from rdflib.compare import isomorphic

    from serge_graph import api

    response = httpx.get(endpoint.url + "/id/person/victor-serge", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert response.headers["vary"] == "Accept"
    served = Graph().parse(data=response.text, format=rdf_format)
    assert isomorphic(served, api.entity_description(graph, SERGE))


def test_an_iri_negotiates_by_q_value_and_refuses_what_it_cannot_meet(endpoint):
    url = endpoint.url + "/id/person/victor-serge"
    turtle = httpx.get(url, headers={"Accept": "text/html;q=0.5, text/turtle;q=0.9"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert httpx.get(url, headers={"Accept": "image/png"}).status_code == 406
    assert httpx.get(endpoint.url + "/id/person/nobody").status_code == 404


def test_the_ontology_answers_at_its_iri(endpoint):
    from rdflib.compare import isomorphic

    from serge_graph.project import resolve_paths

    page = httpx.get(endpoint.url + "/ontology", headers={"Accept": "text/html"})
    assert page.status_code == 200 and parse(page.text).find_all("dt", id="Person")
    turtle = httpx.get(endpoint.url + "/ontology", headers={"Accept": "text/turtle"})
    expected = Graph().parse(resolve_paths(None).ontology)
    assert isomorphic(Graph().parse(data=turtle.text, format="turtle"), expected)


def test_void_names_this_server_s_endpoint_and_counts_the_triples(endpoint, graph):
    from rdflib import Namespace

    void = Namespace("http://rdfs.org/ns/void#")
    response = httpx.get(endpoint.url + "/.well-known/void", headers={"Accept": "text/turtle"})
    described = Graph().parse(data=response.text, format="turtle")
    assert {str(o) for o in described.objects(None, void.sparqlEndpoint)} == {endpoint.sparql}
    assert {int(o) for o in described.objects(None, void.triples)} == {len(graph)}
