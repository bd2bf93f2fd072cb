"""The SPARQL endpoint, started for real on a free loopback port, used by real clients."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

TIMEOUT = 1.5
MAX_ROWS = 40
PEOPLE = "SELECT ?name WHERE { ?p a sg:Person ; rdfs:label ?name } ORDER BY ?name"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _running_server(log: Path, *options: str):
    """`serge-graph serve` in its own process on a free port, stopped whatever happens."""
    port = _free_port()
    with open(log, "w") as stream:
        server = subprocess.Popen(
            [sys.executable, "-m", "serge_graph", "serve", "--port", str(port), *options],
            stdout=stream,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                assert server.poll() is None, log.read_text()
                try:
                    if httpx.get(url + "/", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the endpoint did not start"
                time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "server.log"
    options = ["--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--workers", "2"]
    with _running_server(log, *options) as url:
        yield {"url": url, "sparql": url + "/sparql", "log": log}


def test_serves_a_graph_file_from_a_persistent_oxigraph_folder(tmp_path, graph):
    file = tmp_path / "part.nt"
    part = Graph()
    for triple in sorted(graph)[:500]:
        part.add(triple)
    part.serialize(file, format="nt", encoding="utf-8")
    options = ["--graph", str(file), "--store", "oxigraph", "--store-path", str(tmp_path / "ox")]
    with _running_server(tmp_path / "server.log", *options) as url:
        answer = httpx.get(
            url + "/sparql",
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
        ).json()
    assert answer["results"]["bindings"][0]["n"]["value"] == "500"  # the file, not the data
    assert (tmp_path / "ox.fingerprint.json").is_file()


def test_sparqlwrapper_select_json_and_csv(endpoint):
    client = SPARQLWrapper(endpoint["sparql"])
    client.setQuery(PEOPLE)
    client.setReturnFormat(JSON)
    names = [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert "Andrés Nin" in names and "Victor Serge" in names
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
    assert rows[0] == ["name"] and ["Konstantin Umansky"] in rows


@pytest.mark.parametrize(
    "accept, check",
    [
        ("application/sparql-results+json", lambda body: json.loads(body)["results"]["bindings"]),
        (
            "application/sparql-results+xml",
            lambda body: ET.fromstring(body).findall(".//{*}result"),
        ),
        ("text/csv", lambda body: list(csv.reader(io.StringIO(body)))[1:]),
        (
            "text/tab-separated-values",
            lambda body: body.splitlines()[1:] if body.startswith("?name") else [],
        ),
    ],
)
def test_select_in_every_format(endpoint, accept, check):
    response = httpx.get(endpoint["sparql"], params={"query": PEOPLE}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert "Andrés Nin" in response.text and check(response.text)


def test_post_form_and_raw_query_and_ask(endpoint):
    form = httpx.post(endpoint["sparql"], data={"query": PEOPLE}, headers={"Accept": "text/csv"})
    raw = httpx.post(
        endpoint["sparql"],
        content=PEOPLE.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert form.status_code == raw.status_code == 200 and form.text == raw.text
    ask = httpx.get(endpoint["sparql"], params={"query": 'ASK { ?p rdfs:label "Victor Serge" }'})
    assert ask.json()["boolean"] is True


@pytest.mark.parametrize(
    "accept, rdf_format",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_in_every_format(endpoint, accept, rdf_format):
    query = "CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a sg:Person ; rdfs:label ?name } LIMIT 10"
    response = httpx.get(endpoint["sparql"], params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=response.text, format=rdf_format)) == 10


def test_updates_are_refused_and_change_nothing(endpoint):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = httpx.get(endpoint["sparql"], params={"query": count}).json()
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    for response in (
        httpx.post(
            endpoint["sparql"],
            content=update,
            headers={"Content-Type": "application/sparql-update"},
        ),
        httpx.post(endpoint["sparql"], data={"update": update}),
        httpx.get(endpoint["sparql"], params={"query": update}),
    ):
        assert response.status_code == 403 and "read-only" in response.text
    assert httpx.get(endpoint["sparql"], params={"query": count}).json() == before


def test_malformed_query_is_400_with_the_parser_message(endpoint):
    response = httpx.get(endpoint["sparql"], params={"query": "SELECT ?x\nWHERE { ?x a }"})
    assert response.status_code == 400
    assert "SPARQL syntax error at line 2" in response.text and "Traceback" not in response.text


def test_time_limit_stops_a_slow_query_and_the_endpoint_recovers(endpoint):
    started = time.monotonic()
    response = httpx.get(endpoint["sparql"], params={"query": SLOW}, timeout=60)
    assert response.status_code == 503 and "time limit" in response.text
    assert time.monotonic() - started < TIMEOUT + 5
    after = httpx.get(endpoint["sparql"], params={"query": PEOPLE}, timeout=120)
    assert after.status_code == 200


def test_result_size_cap(endpoint):
    query = "SELECT ?s WHERE { ?s a sg:Claim }"
    response = httpx.get(endpoint["sparql"], params={"query": query})
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS
    assert response.headers["x-result-truncated"].startswith(f"{MAX_ROWS} of ")


def test_query_page_needs_nothing_from_outside(endpoint):
    page = httpx.get(endpoint["url"] + "/").text
    assert "<script src" not in page and "<link" not in page and "cdn" not in page.lower()
    assert "Who was murdered in Madrid, and by whom?" in page  # the saved questions as examples


def test_one_log_line_per_request(endpoint):
    marker = "SELECT ?marker WHERE { ?marker a sg:Person } LIMIT 1"
    httpx.get(endpoint["sparql"], params={"query": marker})
    time.sleep(0.3)
    lines = [line for line in endpoint["log"].read_text().splitlines() if " /sparql " in line]
    assert lines and all(line.split()[-2].isdigit() and line.endswith("ms") for line in lines)
    assert "Traceback" not in endpoint["log"].read_text()
