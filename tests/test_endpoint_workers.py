"""The query worker's own work, run in this process on the real graph: the checks on the parsed
query, both engines, and the answer's status, media type and bytes. A worker process runs
exactly these functions (worker_main calls `open_engine` once and `answer` per request); the
pool and the server around them are tested in test_endpoint_pool.py and test_serve.py."""

from __future__ import annotations

import _socket
import errno
import json
import multiprocessing
import os
import signal
import socket
import threading
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from serge_graph import stores
from serge_graph.errors import QuerySyntaxError
from serge_graph.lint import load_ontology
from serge_graph.namespaces import SG
from serge_graph.project import resolve_paths
from serge_graph.queries import parse_query
from serge_graph.server import workers
from serge_graph.server.workers import (
    NO_DATASET,
    NO_SERVICE,
    READ_ONLY,
    GraphSource,
    QueryRequest,
    answer,
    open_engine,
)

from .serving import Listener
from .test_serve import LINTED, LINTER_SAYS  # a misspelt class and a text where a resource belongs

STORES = ["oxigraph", "memory"]
NOTE_3 = URIRef("https://w3id.org/serge-graph/id/source/gorkin-1957/note-3")
NOTES = "SELECT ?note ?n WHERE { ?note a sg:Note ; sg:noteNumber ?n FILTER(?n <= 3) }"


@pytest.fixture(scope="module")
def engines(graph_file):
    """A worker's engine per store, opened once for the module. Opened here, not on first use
    in a test: the mutation run credits what a fixture calls to every test that uses it."""
    return {store: open_engine(GraphSource(store, file=graph_file)) for store in STORES}


def _ask(engine, text: str, fmt: str | None = None, max_rows: int = 100, accept=()):
    return answer(engine, QueryRequest(text, list(accept), fmt, max_rows))


def _count(engine, where: str) -> int:
    got = _ask(engine, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", "csv")
    assert got[0] == "ok", got
    return int(got[2].decode().split()[1])


# --- what is refused, and with which status ----------------------------------------------------

SERVICE_PLACES = {
    "top": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "optional": "SELECT * WHERE { ?s a sg:Note OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "union": "SELECT * WHERE { { ?s a sg:Note } UNION { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "filter": "SELECT * WHERE { ?s a sg:Note FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "ask": "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
}


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("place", SERVICE_PLACES)
def test_service_anywhere_in_the_query_is_refused_before_evaluation(engines, store, place):
    assert _ask(engines[store], SERVICE_PLACES[place]) == ("error", 400, NO_SERVICE)


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "ASK FROM <http://127.0.0.1:9/g> { ?s ?p ?o }",
    ],
)
def test_from_and_from_named_are_refused_naming_the_one_graph(engines, store, text):
    message = NO_DATASET.format(graph=stores.GRAPH_NAME)
    assert message.endswith(f"<{stores.GRAPH_NAME}>") and "{graph}" not in message
    assert _ask(engines[store], text) == ("error", 400, message)


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "LOAD <http://127.0.0.1:9/data.ttl>",
    ],
)
def test_an_update_is_refused_with_403_and_changes_nothing(engines, store, text, graph):
    assert _ask(engines[store], text) == ("error", 403, READ_ONLY)
    assert _count(engines[store], "?s ?p ?o") == len(graph)


@pytest.mark.parametrize("store", STORES)
def test_a_syntax_error_that_is_no_update_is_400_with_its_position(engines, store):
    bad = "SELECT ?x\nWHERE { ?x a sg:Person"
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query(bad)
    assert _ask(engines[store], bad) == ("error", 400, str(raised.value))
    assert str(raised.value).startswith("SPARQL syntax error at line 2, column ")


def test_a_query_oxigraph_alone_refuses_is_400_with_oxigraph_s_reason(engines):
    rebound = "SELECT ?s WHERE { ?s ?p ?o . BIND(1 AS ?s) }"  # rdflib lets ?s be bound twice
    parse_query(rebound)
    assert _ask(engines["oxigraph"], rebound) == (
        "error",
        400,
        "SPARQL syntax error at line 1, column 1: "
        "SPARQL syntax error (Oxigraph): error at 1:45: expected [_]",
    )


@pytest.mark.parametrize("store", STORES)
def test_a_format_the_form_does_not_have_is_406_naming_those_it_has(engines, store):
    refused = "no result format of a SELECT query is acceptable to this request's Accept header"
    assert _ask(engines[store], NOTES, "turtle") == (
        "error",
        406,
        f"{refused}; a SELECT result comes as json, xml, csv, tsv",
    )
    assert _ask(engines[store], NOTES, accept=[("text/turtle", 1.0)]) == (
        "error",
        406,
        f"{refused}; a SELECT result comes as application/sparql-results+json, "
        "application/sparql-results+xml, text/csv, text/tab-separated-values",
    )
    chosen = _ask(engines[store], NOTES, accept=[("text/turtle", 1.0), ("text/csv", 0.5)])
    assert chosen[:2] == ("ok", "text/csv")


def test_a_query_failing_while_it_runs_is_400_with_the_reason(engines):
    failing = 'SELECT ?x WHERE { VALUES ?x { 1 } FILTER(REGEX("a", "(")) }'
    assert _ask(engines["memory"], failing) == (
        "error",
        400,
        "the query failed while running: missing ), unterminated subpattern at position 0",
    )


class _RunsOutOfMemory:
    """A real engine whose evaluation runs out of memory after its first row, as rdflib's
    lazy evaluator does when a query's intermediate results outgrow the worker."""

    def __init__(self, engine):
        self.engine = engine

    def run(self, query, text: str, max_rows: int) -> tuple:
        form, names, rows = self.engine.run(query, text, max_rows)

        def until_memory_runs_out():
            yield next(iter(rows))
            raise MemoryError

        return form, names, until_memory_runs_out()


@pytest.mark.parametrize("store", STORES)
def test_a_query_that_runs_out_of_memory_is_503_and_the_engine_answers_the_next(
    engines, store, graph
):
    assert _ask(_RunsOutOfMemory(engines[store]), NOTES, "csv") == (
        "error",
        503,
        "the query needed more memory than this worker has",
    )
    notes = set(graph.subjects(RDF.type, SG.Note))
    assert _count(engines[store], "?n a sg:Note") == len(notes)


# --- the two engines ------------------------------------------------------------------------


@pytest.mark.slow
def test_oxigraph_gives_every_term_of_the_graph_as_rdflib_reads_it(engines, graph):
    """Every IRI, plain, typed and language-tagged literal, through Oxigraph's terms; Oxigraph
    stores an xsd:nonNegativeInteger (the text positions) as the xsd:integer of its value."""
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    as_oxigraph = {
        (s, p, Literal(str(o), datatype=XSD.integer))
        if isinstance(o, Literal) and o.datatype == XSD.nonNegativeInteger
        else (s, p, o)
        for s, p, o in graph
    }
    for store, expected in (("memory", set(graph)), ("oxigraph", as_oxigraph)):
        form, names, rows = engines[store].run(parse_query(text), text, 10)
        assert (form, names) == ("SELECT", ["s", "p", "o"])
        assert set(rows) == expected, store
    kinds = {(type(o).__name__, getattr(o, "language", None) is not None) for o in graph.objects()}
    datatypes = {o.datatype for o in graph.objects() if isinstance(o, Literal)}
    assert {("URIRef", False), ("Literal", True), ("Literal", False)} <= kinds
    assert {None, XSD.integer, XSD.date, XSD.gYear, XSD.anyURI} <= datatypes


def test_oxigraph_terms_for_values_the_graph_does_not_hold(engines):
    text = (
        'SELECT ?x ?y ?b ?c WHERE { VALUES (?x ?y) { ("tekst"@es 1947) ("plain" UNDEF) '
        '(<urn:x> "1.5"^^xsd:decimal) } BIND(BNODE("one") AS ?b) BIND(BNODE("one") AS ?c) }'
    )
    form, names, rows = engines["oxigraph"].run(parse_query(text), text, 10)
    rows = list(rows)
    assert (form, names) == ("SELECT", ["x", "y", "b", "c"])
    assert [row[:2] for row in rows] == [
        (Literal("tekst", lang="es"), Literal("1947", datatype=XSD.integer)),
        (Literal("plain"), None),
        (URIRef("urn:x"), Literal("1.5", datatype=XSD.decimal)),
    ]
    assert rows[1][0].datatype is None  # xsd:string comes back as a simple literal
    # BNODE of the same text is the same blank node within a row
    assert all(isinstance(row[2], BNode) and row[2] == row[3] for row in rows)


@pytest.mark.parametrize("store", STORES)
def test_the_data_is_the_default_graph_and_the_one_named_graph(engines, store, graph):
    assert _count(engines[store], "?s ?p ?o") == len(graph)
    assert _count(engines[store], f"GRAPH <{stores.GRAPH_NAME}> {{ ?s ?p ?o }}") == len(graph)
    assert _count(engines[store], "GRAPH <urn:no-such-graph> { ?s ?p ?o }") == 0


def test_a_turtle_file_opens_in_either_store(graph, tmp_path):
    """A Turtle file (the notes' triples: a small one) in either store."""
    notes = Graph()
    for note in graph.subjects(RDF.type, SG.Note):
        notes += graph.triples((note, None, None))
    turtle = tmp_path / "notes.ttl"
    notes.serialize(turtle, format="turtle", encoding="utf-8")
    assert 100 < len(notes) < len(graph)
    for store, kind in (("memory", "RdflibEngine"), ("oxigraph", "OxigraphEngine")):
        engine = open_engine(GraphSource(store, file=str(turtle)))
        assert type(engine).__name__ == kind
        assert _count(engine, f"GRAPH <{stores.GRAPH_NAME}> {{ ?s ?p ?o }}") == len(notes), store


def test_an_oxigraph_folder_opens_read_only_with_the_graph(graph, graph_file, tmp_path):
    folder = tmp_path / "oxigraph"
    stores.load_graph_file(graph_file, "oxigraph", folder).close()
    engine = open_engine(GraphSource("oxigraph", folder=str(folder)))
    assert _count(engine, f"GRAPH <{stores.GRAPH_NAME}> {{ ?s ?p ?o }}") == len(graph)
    refused = _ask(engine, "ASK { ?s a sg:Note }")
    assert refused[:2] == ("ok", "application/sparql-results+json")


@pytest.mark.parametrize("store", STORES)
def test_construct_keeps_each_triple_once_and_counts_the_cap_on_distinct_triples(engines, store):
    """17 notes give the same triple 17 times: one triple, and not cut at a cap of one."""
    text = "CONSTRUCT { <urn:graph> <urn:has> sg:Note } WHERE { ?n a sg:Note }"
    status, media, body, cut, findings = _ask(engines[store], text, "nt", max_rows=1)
    assert (status, media, cut, findings) == ("ok", "application/n-triples", False, [])
    assert set(Graph().parse(data=body.decode(), format="nt")) == {
        (URIRef("urn:graph"), URIRef("urn:has"), SG.Note)
    }


@pytest.mark.parametrize("store", STORES)
def test_construct_where_and_describe_give_the_graph_s_triples(engines, store, graph):
    notes = set(graph.triples((None, RDF.type, SG.Note)))
    got = _ask(engines[store], "CONSTRUCT WHERE { ?n a sg:Note }", "nt", max_rows=1000)
    assert got[:2] == ("ok", "application/n-triples") and got[3] is False
    assert set(Graph().parse(data=got[2].decode(), format="nt")) == notes and len(notes) == 17
    described = _ask(engines[store], f"DESCRIBE <{NOTE_3}>", "nt", max_rows=1000)
    assert set(Graph().parse(data=described[2].decode(), format="nt")) == set(
        graph.triples((NOTE_3, None, None))
    )


@pytest.mark.parametrize("store", STORES)
def test_a_blank_node_in_the_template_is_a_new_one_for_each_solution(engines, store, graph):
    text = (
        "CONSTRUCT { ?n sg:b [ sg:c ?k ] } "
        "WHERE { ?n a sg:Note ; sg:noteNumber ?k FILTER(?k <= 2) }"
    )
    written = _ask(engines[store], text, "nt")
    assert written[:2] == ("ok", "application/n-triples") and written[3] is False
    got = Graph().parse(data=written[2].decode(), format="nt")
    expected = graph.query(text, initNs={"sg": SG}).graph
    assert len(got) == 4 and isomorphic(got, expected)


@pytest.mark.parametrize("store", STORES)
def test_iri_resolves_against_the_query_s_base_in_a_construct(engines, store):
    text = (
        "BASE <https://w3id.org/serge-graph/id/> "
        "CONSTRUCT { ?n rdfs:seeAlso ?x } "
        'WHERE { ?n a sg:Note ; sg:noteNumber 3 BIND(IRI("source/gorkin-1957") AS ?x) }'
    )
    written = _ask(engines[store], text, "nt")
    assert written[:2] == ("ok", "application/n-triples"), written
    assert set(Graph().parse(data=written[2].decode(), format="nt")) == {
        (NOTE_3, RDFS.seeAlso, URIRef("https://w3id.org/serge-graph/id/source/gorkin-1957"))
    }


def test_turtle_is_written_with_the_project_s_prefixes(engines):
    text = (
        "CONSTRUCT { ?n a sg:Note ; rdfs:label ?l } "
        "WHERE { ?n a sg:Note ; rdfs:label ?l ; sg:noteNumber 3 }"
    )
    written = _ask(engines["oxigraph"], text, "turtle")
    assert written[:2] == ("ok", "text/turtle")
    assert written[2].decode() == (
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix sg: <https://w3id.org/serge-graph/ontology#> .\n\n"
        f"<{NOTE_3}> a sg:Note ;\n"
        '    rdfs:label "note 3" .\n\n'
    )


def test_the_cap_stops_the_evaluation_of_an_endless_result(engines):
    """10^9 rows: Oxigraph gives them one by one, and the worker reads one past the cap."""
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    status, media, body, cut, _findings = _ask(engines["oxigraph"], endless, "csv", max_rows=5)
    assert (status, media, cut) == ("ok", "text/csv", True)
    assert len(body.decode().splitlines()) == 1 + 5


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize(
    ("fmt", "media", "read"),
    [
        ("json", "application/sparql-results+json", lambda body: json.loads(body)["boolean"]),
        ("xml", "application/sparql-results+xml", lambda body: b"<boolean>true</boolean>" in body),
    ],
)
def test_ask_answers_true_and_false(engines, store, fmt, media, read):
    yes = _ask(engines[store], "ASK { ?s a sg:Note }", fmt)
    no = _ask(engines[store], "ASK { ?s a sg:NoSuchClass }", fmt)
    assert (yes[0], yes[1], read(yes[2]), yes[3]) == ("ok", media, True, False)
    assert (no[0], no[1], read(no[2]), no[3]) == ("ok", media, False, False)


@pytest.mark.parametrize("store", STORES)
def test_rows_are_cut_only_past_the_cap(engines, store):
    three = _ask(engines[store], NOTES, "csv", max_rows=3)
    assert (three[1], three[3]) == ("text/csv", False) and len(three[2].splitlines()) == 4
    two = _ask(engines[store], NOTES, "csv", max_rows=2)
    assert two[3] is True and len(two[2].splitlines()) == 3
    assert set(two[2].splitlines()[1:]) < set(three[2].splitlines()[1:])


def test_the_answer_carries_the_linter_s_findings_with_an_ontology_only(engines):
    ontology = load_ontology(resolve_paths(None).ontology)
    linted = answer(engines["oxigraph"], QueryRequest(LINTED, [], "json", 10), ontology)
    assert linted[:2] == ("ok", "application/sparql-results+json") and linted[4] == LINTER_SAYS
    assert json.loads(linted[2])["results"]["bindings"] == []
    assert _ask(engines["oxigraph"], LINTED, "json")[4] == []
    clean = answer(engines["oxigraph"], QueryRequest(NOTES, [], "json", 10), ontology)
    assert clean[0] == "ok" and clean[4] == []


# --- the worker process's own start and loop, run here ----------------------------------------


def test_the_worker_loop_answers_each_request_in_order_then_stops_on_none(
    graph_file, engines, monkeypatch
):
    """worker_main in this process's main thread (it sets a signal handler), its requests queued
    in a real pipe. Its two isolation steps are recorded instead of done: done here they would
    tie this process to its parent and cut it off the network (each is tested on its own)."""
    steps: list[tuple] = []
    monkeypatch.setattr(workers, "_die_with", lambda parent: steps.append(("die with", parent)))
    monkeypatch.setattr(workers, "_cut_off_network", lambda: steps.append(("cut off",)))
    ontology = load_ontology(resolve_paths(None).ontology)
    requests = [QueryRequest(LINTED, [], "json", 10), QueryRequest(NOTES, [], "csv", 2)]
    server, worker = multiprocessing.Pipe()
    for request in requests:
        server.send(request)
    server.send(None)
    previous = signal.getsignal(signal.SIGINT)
    try:
        workers.worker_main(worker, GraphSource("oxigraph", file=graph_file, ontology=ontology), 42)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # Ctrl-C is the server's
    finally:
        signal.signal(signal.SIGINT, previous)
    assert steps == [("die with", 42), ("cut off",)]
    assert _received(server) == ("ready", os.getpid())
    linted = _received(server)
    assert linted == answer(engines["oxigraph"], requests[0], ontology) and linted[4] == LINTER_SAYS
    assert _received(server) == answer(engines["oxigraph"], requests[1])
    assert not server.poll(0)  # nothing after None


def _received(connection):
    """What the worker loop sent, or a failure instead of a hang when it sent nothing."""
    assert connection.poll(30), "the worker loop sent nothing"
    return connection.recv()


def test_the_worker_loop_ends_quietly_when_the_server_has_gone(graph_file, monkeypatch):
    monkeypatch.setattr(workers, "_die_with", lambda parent: None)
    monkeypatch.setattr(workers, "_cut_off_network", lambda: None)
    server, worker = multiprocessing.Pipe()
    server.send(QueryRequest("ASK { ?s a sg:Note }", [], "json", 1))
    previous = signal.getsignal(signal.SIGINT)
    replies = []
    reader = threading.Thread(target=lambda: [replies.append(_received(server)) for _ in range(2)])
    reader.start()
    try:
        closer = threading.Thread(target=lambda: (reader.join(), server.close()))
        closer.start()
        workers.worker_main(worker, GraphSource("oxigraph", file=graph_file), 42)  # returns
        closer.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert replies[0][0] == "ready" and replies[1][:2] == ("ok", "application/sparql-results+json")


def test_a_thread_cut_off_the_network_reaches_nothing_even_below_python(monkeypatch):
    """_cut_off_network in a thread of its own: the network namespace is the thread's, and the
    patched socket functions are put back after the test."""
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, getattr(socket.socket, name))
    monkeypatch.setattr(socket, "create_connection", socket.create_connection)
    listener = Listener()
    outcome: dict[str, object] = {}

    def isolated() -> None:
        workers._cut_off_network()
        for name, attempt in (
            ("create_connection", lambda: socket.create_connection(("127.0.0.1", listener.port))),
            ("connect", lambda: socket.socket().connect(("127.0.0.1", listener.port))),
            ("connect_ex", lambda: socket.socket().connect_ex(("127.0.0.1", listener.port))),
        ):
            try:
                attempt()
                outcome[name] = "connected"
            except PermissionError as error:
                outcome[name] = str(error)
        outcome["raw"] = _raw_connection(listener.port)

    try:
        thread = threading.Thread(target=isolated)
        thread.start()
        thread.join()
    finally:
        listener.close()
    refused = "a query worker makes no network connections"
    assert [outcome[n] for n in ("create_connection", "connect", "connect_ex")] == [refused] * 3
    if not _thread_may_leave_the_network():
        pytest.skip("this kernel gives a thread no network namespace of its own")
    assert outcome["raw"] == errno.ENETUNREACH and listener.connections == 0


class _LibcAsAUser:
    """The C library as a user without CAP_SYS_ADMIN sees it: unshare(CLONE_NEWNET) alone is
    refused (EPERM), a new user namespace with it is allowed. Records every call's flags."""

    def __init__(self):
        self.calls: list[int] = []

    def unshare(self, flags: int) -> int:
        self.calls.append(flags)
        return -1 if flags == 0x40000000 else 0


def test_a_worker_without_root_asks_for_a_user_namespace_with_its_network_one(monkeypatch):
    libc = _LibcAsAUser()
    monkeypatch.setattr(workers.ctypes, "CDLL", lambda *_args, **_kwargs: libc)
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, getattr(socket.socket, name))
    monkeypatch.setattr(socket, "create_connection", socket.create_connection)
    thread = threading.Thread(target=workers._cut_off_network)
    thread.start()
    thread.join()
    # CLONE_NEWNET refused, then CLONE_NEWUSER | CLONE_NEWNET
    assert libc.calls == [0x40000000, 0x10000000 | 0x40000000]


def test_a_worker_process_run_as_another_user_is_cut_off_the_network_for_real():
    """The same in a real process of an unprivileged user (nobody), where the kernel refuses a
    network namespace alone: the worker's own network and user namespaces, nothing reachable."""
    if os.geteuid() != 0:
        pytest.skip("needs root to become another user (CI runs as root)")
    if Path("/proc/sys/user/max_user_namespaces").read_text().strip() == "0":
        pytest.skip("this kernel gives an unprivileged user no namespaces of its own")
    listener = Listener()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the forked worker: one thread, as a worker process is
        outcome = {}
        try:
            os.setgid(65534)
            os.setuid(65534)
            workers._cut_off_network()
            outcome = {kind: os.readlink(f"/proc/self/ns/{kind}") for kind in ("net", "user")}
            outcome["raw"] = _raw_connection(listener.port)
        finally:
            os.write(writing, json.dumps(outcome).encode())
            os._exit(0)
    os.close(writing)
    try:
        with os.fdopen(reading, "rb") as pipe:
            outcome = json.loads(pipe.read() or b"{}")  # returns when the child has exited
    finally:
        os.waitpid(child, 0)
        listener.close()
    ours = {kind: os.readlink(f"/proc/self/ns/{kind}") for kind in ("net", "user")}
    assert outcome["net"] != ours["net"] and outcome["user"] != ours["user"]
    assert outcome["raw"] == errno.ENETUNREACH and listener.connections == 0


def _raw_connection(port: int) -> str | int:
    """A connection to a loopback port through _socket, below Python's socket functions:
    "connected", or the errno that stopped it."""
    raw = _socket.socket()
    raw.settimeout(2)
    try:
        raw.connect(("127.0.0.1", port))
        return "connected"
    except OSError as error:
        return error.errno
    finally:
        raw.close()


def _thread_may_leave_the_network() -> bool:
    """Whether the kernel lets a thread here take a network namespace of its own (asked on a
    thread of this test's own, not through the code under test)."""
    import ctypes

    allowed: list[bool] = []
    probe = threading.Thread(
        target=lambda: allowed.append(ctypes.CDLL(None, use_errno=True).unshare(0x40000000) == 0)
    )
    probe.start()
    probe.join()
    return allowed[0]
