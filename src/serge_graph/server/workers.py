"""The query worker: a child process that holds the graph and answers one query at a time.

Everything a query costs happens here and never in the server: parsing, the
checks on the parsed query, evaluation and writing the result. The server
kills a worker whose query runs past its time, so nothing here has to be
interruptible; and a worker dies with the server (the kernel kills it when
its parent goes), so none is ever left behind.

A query may not make the server fetch anything: SERVICE and FROM are refused
on the parsed query, before evaluation. As a second wall, the worker moves
into a network namespace of its own at start (Linux, where the kernel allows
it) and Python's sockets refuse to connect, so even a request that slipped
past the check would reach nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from ..errors import QuerySyntaxError
from ..namespaces import PREFIXES
from ..stores import GRAPH_NAME
from . import results

READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is refused; the graph cannot be changed over HTTP"
)
NO_SERVICE = (
    "SERVICE is refused: this endpoint never sends a request to another server "
    "because of a query (it would let a query reach any address this machine can)"
)
NO_DATASET = (
    "FROM and FROM NAMED are refused: this endpoint serves one dataset and never loads "
    "a graph from an IRI; the data is the default graph and also the named graph <{graph}>"
)


@dataclass(frozen=True)
class GraphSource:
    """Where a worker finds the graph: a file to load, or an Oxigraph folder to open read-only."""

    store: str  # "memory" (rdflib) or "oxigraph"
    file: str | None = None
    folder: str | None = None
    ontology: object = None  # lint.Ontology, read once by the server; None: no lint
    reconcile: object = None  # reconcile.ReconcileIndex, made once by the server; None: no service


@dataclass(frozen=True)
class QueryRequest:
    text: str
    accept: list[tuple[str, float]] = field(default_factory=list)
    fmt: str | None = None
    max_rows: int = 10_000


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ORPHAN_CHECK_SECONDS = 0.5

# An answer travels back as a tuple: ("ok", media type, body, rows cut, the linter's findings)
# or ("error", status, text)
Answer = tuple


# --- starting ---------------------------------------------------------------------------


def worker_main(connection, source: GraphSource, parent: int) -> None:
    """The worker process: isolate, open the graph once, then answer queries until told to stop."""
    _die_with(parent)
    _cut_off_network()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    engine = open_engine(source)
    connection.send(("ready", os.getpid()))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):  # the server has gone: stop quietly
            return
        if request is None:
            return
        if isinstance(request, QueryRequest):
            connection.send(answer(engine, request, source.ontology))
        else:  # a reconciliation job (reconcile/service.py): matched against the index
            from ..reconcile import answer as reconcile_answer

            connection.send(reconcile_answer(source.reconcile, request))


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this process when the server goes, however it goes; and watch.

    The kernel's signal comes when the thread that started the worker ends, and only if it
    ends after this request: a watcher thread also ends the worker once it has no parent.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the server went before the request above took effect
        os._exit(0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_ORPHAN_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _cut_off_network() -> None:
    """No connection can leave this process: its own empty network namespace, and no sockets."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        clone_newnet, clone_newuser = 0x40000000, 0x10000000
        # root may take a namespace of its own; others may through a user namespace
        if libc.unshare(clone_newnet) != 0:
            libc.unshare(clone_newuser | clone_newnet)

    def refuse(*_args, **_kwargs):
        raise PermissionError("a query worker makes no network connections")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


# --- engines ---------------------------------------------------------------------------


class RdflibEngine:
    """rdflib's memory store: the data as the default graph and as one named graph."""

    def __init__(self, source: GraphSource):
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        syntax = "nt" if source.file.endswith(".nt") else "turtle"
        self.dataset.graph(GRAPH_NAME).parse(source.file, format=syntax)

    def run(self, query, text: str, max_rows: int) -> tuple:
        from rdflib.plugins.sparql.evaluate import _fillTemplate, evalPart
        from rdflib.plugins.sparql.sparql import QueryContext

        form = _form(query)
        if form == "CONSTRUCT":
            # rdflib fills a whole graph before returning it: fill the template
            # solution by solution instead, and stop at the cap
            # no initial bindings, as rdflib's own CONSTRUCT: without them a blank node of
            # the template is looked up in None and the query fails
            context = QueryContext(self.dataset, initBindings={})
            context.prologue = query.prologue
            template = query.algebra.template or query.algebra.p.p.triples
            triples = (
                t for c in evalPart(context, query.algebra.p) for t in _fillTemplate(template, c)
            )
            return form, None, _distinct(triples)
        result = self.dataset.query(query)
        if form == "ASK":
            return form, None, bool(result.askAnswer)
        if form == "DESCRIBE":
            return form, None, iter(result.graph)
        names = [str(v) for v in result.vars]
        return form, names, (tuple(row) for row in result)


class OxigraphEngine:
    """pyoxigraph: the data in one named graph, which is also the default graph (the union)."""

    def __init__(self, source: GraphSource):
        import pyoxigraph

        self.ox = pyoxigraph
        self.kept = {}  # the folder's answers to whole-graph saved questions (summaries.py)
        if source.folder:
            from ..summaries import kept

            self.store = pyoxigraph.Store.read_only(source.folder)
            self.kept = kept(source.folder)
        else:
            self.store = pyoxigraph.Store()
            syntax = "N_TRIPLES" if source.file.endswith(".nt") else "TURTLE"
            self.store.load(
                path=source.file,
                format=getattr(pyoxigraph.RdfFormat, syntax),
                to_graph=pyoxigraph.NamedNode(str(GRAPH_NAME)),
            )

    def run(self, query, text: str, max_rows: int) -> tuple:
        form = _form(query)
        try:
            result = self._kept_answer(text)
            if result is None:
                result = self.store.query(
                    text,
                    prefixes={p: str(n) for p, n in PREFIXES.items()},
                    use_default_graph_as_union=True,
                )
        except SyntaxError as error:  # Oxigraph's grammar is stricter than rdflib's in places
            raise QuerySyntaxError(f"SPARQL syntax error (Oxigraph): {error}", 1, 1) from None
        if form == "ASK":
            return form, None, bool(result)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return form, None, _distinct(self._triple(t) for t in result)
        names = [v.value for v in result.variables]
        return form, names, (tuple(self._term(value) for value in row) for row in result)

    def _kept_answer(self, text: str):
        from ..summaries import key_of, solutions

        summary = self.kept.get(key_of(text)) if self.kept else None
        return solutions(summary) if summary else None

    def _triple(self, triple) -> tuple:
        return (self._term(triple.subject), self._term(triple.predicate), self._term(triple.object))

    def _term(self, term):
        from rdflib import BNode, Literal, URIRef

        if term is None:
            return None
        if isinstance(term, self.ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, self.ox.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # a simple literal, as rdflib writes it
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))


def open_engine(source: GraphSource):
    return OxigraphEngine(source) if source.store == "oxigraph" else RdflibEngine(source)


def _distinct(triples: Iterator[tuple]) -> Iterator[tuple]:
    seen = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


# --- answering ----------------------------------------------------------------------------


def answer(engine, request: QueryRequest, ontology=None) -> Answer:
    """One query from text to result bytes, or an error with its HTTP status; with an
    ontology (lint.Ontology), the answer carries what the linter finds in the query."""
    from ..lint import lint

    try:
        query = checked_query(request.text)
        findings = lint(query, ontology) if ontology is not None else []
        form = _form(query)
        fmt = results.choose_format(form, request.accept, request.fmt)
        form, names, produced = engine.run(query, request.text, request.max_rows)
        return (*_written(form, fmt, names, produced, request.max_rows), findings)
    except QuerySyntaxError as error:
        return ("error", 400, str(error))
    except RefusedQueryError as error:
        return ("error", error.status, str(error))
    except results.NotAcceptableError as error:
        return ("error", 406, str(error))
    except MemoryError:
        return ("error", 503, "the query needed more memory than this worker has")
    except Exception as error:  # rdflib's evaluator raises many unrelated types
        return ("error", 400, f"the query failed while running: {error}")


def _written(form: str, fmt: str, names, produced, max_rows: int) -> Answer:
    if form == "ASK":
        return ("ok", results.ASK_FORMATS[fmt], results.write_ask(fmt, produced), False)
    # one more than the cap tells whether the result was cut, without evaluating the rest
    kept = list(islice(produced, max_rows + 1))
    cut = len(kept) > max_rows
    kept = kept[:max_rows]
    if form == "SELECT":
        return ("ok", results.SELECT_FORMATS[fmt], results.write_select(fmt, names, kept), cut)
    body = results.write_graph(fmt, kept, {p: str(n) for p, n in PREFIXES.items()})
    return ("ok", results.GRAPH_FORMATS[fmt], body, cut)


class RefusedQueryError(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


def checked_query(text: str):
    """The parsed query, or why it is refused: an update, SERVICE, FROM or FROM NAMED."""
    from ..queries import parse_query, query_parts

    try:
        query = parse_query(text)
    except QuerySyntaxError:
        if _is_update(text):
            raise RefusedQueryError(403, READ_ONLY) from None
        raise
    if any(
        getattr(part, "name", None) == "ServiceGraphPattern" for part in query_parts(query.algebra)
    ):
        raise RefusedQueryError(400, NO_SERVICE)
    if query.algebra.get("datasetClause"):
        raise RefusedQueryError(400, NO_DATASET.format(graph=GRAPH_NAME))
    return query


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _form(query) -> str:
    return query.algebra.name.removesuffix("Query").upper()  # SelectQuery -> SELECT
