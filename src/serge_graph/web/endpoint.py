"""A read-only SPARQL 1.1 Protocol endpoint with a query page that works offline.

rdflib evaluates SPARQL in Python generators that cannot be interrupted, so
queries run in worker processes: a query that passes the time limit has its
worker killed and replaced. The endpoint parses every request itself first,
so a syntax error is a 400 with the parser's message and an update a 403,
before any worker is involved.
"""

from __future__ import annotations

import html
import json
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from rdflib import Graph
from rdflib.plugins.sparql.parser import parseUpdate
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import stores
from ..errors import QuerySyntaxError

LOG = logging.getLogger("serge_graph.serve")

RESULT_TYPES = {  # SELECT and ASK
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {  # CONSTRUCT and DESCRIBE
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}
_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml"}


@dataclass(frozen=True)
class EndpointConfig:
    data: str | None = None
    store: str = "memory"
    store_path: str | None = None
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    graph_file: str | None = None  # serve a built graph (Turtle or N-Triples) instead of the data


# --- workers -------------------------------------------------------------------


def _worker_main(connection, config: EndpointConfig) -> None:
    """Runs in a child process: open the graph once, then answer queries until told to stop."""
    from .. import api

    if config.store == "oxigraph" and config.store_path:
        # filled by the server before it started us; many workers may read one folder
        graph = stores.open_read_only(config.store_path)
    elif config.graph_file:
        graph = stores.load_graph_file(config.graph_file, config.store)
    else:
        graph = api.load_store(config.store, config.store_path, config.data)
    connection.send(("ready",))  # the triple count is the server's, made once at start
    while True:
        try:
            message = connection.recv()
        except (EOFError, KeyboardInterrupt):  # the server has gone: stop quietly
            return
        if message is None:
            return
        text, fmt = message
        try:
            connection.send(("ok", *_evaluate(graph, text, fmt, config.max_rows)))
        except Exception as error:  # a query that fails while running: report, keep serving
            connection.send(("error", 400, f"the query failed while running: {error}"))


def _evaluate(graph: Graph, text: str, fmt: str, max_rows: int) -> tuple[str, bytes, int]:
    from ..queries import PREFIXES, on_oxigraph, with_prefixes

    if on_oxigraph(graph):
        result = graph.query(with_prefixes(text))
    else:
        result = graph.query(text, initNs=dict(PREFIXES))
    total = 0
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph)
        total = len(triples)
        out = Graph()
        for prefix, namespace in PREFIXES.items():
            out.bind(prefix, namespace)
        for triple in triples[:max_rows]:
            out.add(triple)
        fmt = fmt if fmt in GRAPH_TYPES else "turtle"
        return GRAPH_TYPES[fmt], out.serialize(format=fmt, encoding="utf-8"), total
    fmt = fmt if fmt in RESULT_TYPES else "json"
    if result.type == "SELECT":
        bindings = list(result.bindings)
        total = len(bindings)
        result.bindings = bindings[:max_rows]
    body = _tsv(result) if fmt == "tsv" else result.serialize(format=fmt, encoding="utf-8")
    return RESULT_TYPES[fmt], body, total


def _tsv(result) -> bytes:
    """SPARQL 1.1 TSV: a header of ?variables, then values in Turtle syntax."""
    if result.type == "ASK":
        return b"?_askResult\n" + (b"true\n" if result.askAnswer else b"false\n")
    names = [str(v) for v in result.vars]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result.bindings:
        lines.append("\t".join(_tsv_term(row.get(v)) for v in result.vars))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_term(term) -> str:
    return "" if term is None else term.n3().replace("\t", "\\t").replace("\n", "\\n")


class QueryTimeoutError(Exception):
    pass


class _Worker:
    def __init__(self, config: EndpointConfig):
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, config), daemon=True)
        self.process.start()

    def wait_ready(self, timeout: float = 300) -> None:
        if not self.connection.poll(timeout):
            raise RuntimeError("a query worker did not start")
        self.connection.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class WorkerPool:
    """Worker processes that each hold the graph; a slow query costs its worker, not the server."""

    def __init__(self, config: EndpointConfig):
        self.config = config
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: list[_Worker] = []
        for worker in [_Worker(config) for _ in range(config.workers)]:
            worker.wait_ready()
            self._add(worker)

    def _add(self, worker: _Worker) -> None:
        self.all.append(worker)
        self.idle.put(worker)

    def run(self, text: str, fmt: str) -> tuple:
        worker = self.idle.get()
        worker.connection.send((text, fmt))
        if worker.connection.poll(self.config.timeout):
            answer = worker.connection.recv()
            self.idle.put(worker)
            return answer
        worker.stop()
        self.all.remove(worker)
        threading.Thread(target=self._replace, daemon=True).start()
        raise QueryTimeoutError(
            f"the query ran longer than the time limit of {self.config.timeout:g} s"
        )

    def _replace(self) -> None:
        worker = _Worker(self.config)
        worker.wait_ready()
        self._add(worker)

    def close(self) -> None:
        for worker in self.all:
            worker.stop()


# --- HTTP ------------------------------------------------------------------------


def _negotiate(request: Request, graph_result: bool) -> str:
    wanted = request.query_params.get("format")
    types = GRAPH_TYPES if graph_result else RESULT_TYPES
    if wanted in types:
        return wanted
    by_type = {v: k for k, v in types.items()} | {k: v for k, v in _ALIASES.items() if v in types}
    for item in request.headers.get("accept", "").split(","):
        media = item.split(";")[0].strip().lower()
        if media in by_type:
            return by_type[media]
    return next(iter(types))


async def _read_request(request: Request) -> tuple[str | None, str | None]:
    """(query, update) from GET parameters, a form, or a raw SPARQL body."""
    if request.method == "GET":
        return request.query_params.get("query"), request.query_params.get("update")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/sparql-query":
        return (await request.body()).decode("utf-8"), None
    if kind == "application/sparql-update":
        return None, (await request.body()).decode("utf-8")
    # application/x-www-form-urlencoded, read here: no multipart parser needed for two fields
    form = parse_qs((await request.body()).decode("utf-8"))
    return _first(form.get("query")), _first(form.get("update"))


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _query_kind(text: str) -> str:
    from ..queries import parse_query

    return parse_query(text).algebra.name  # SelectQuery, AskQuery, ConstructQuery, DescribeQuery


READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is refused; the graph cannot be changed over HTTP"
)


def create_app(pool: WorkerPool, saved: Iterable[tuple[str, str, str]], triples: int) -> Starlette:
    """The ASGI app: /sparql (the protocol) and / (the query page)."""
    page = _query_page(list(saved), triples)

    async def sparql(request: Request) -> Response:
        text, update = await _read_request(request)
        if update is not None:
            return PlainTextResponse(READ_ONLY, status_code=403)
        if not text:
            return PlainTextResponse("give a query: ?query=… or a POST body", status_code=400)
        try:
            kind = _query_kind(text)
        except QuerySyntaxError as error:
            if _is_update(text):
                return PlainTextResponse(READ_ONLY, status_code=403)
            return PlainTextResponse(str(error), status_code=400)
        fmt = _negotiate(request, kind in ("ConstructQuery", "DescribeQuery"))
        try:
            answer = await run_in_threadpool(pool.run, text, fmt)
        except QueryTimeoutError as error:
            return PlainTextResponse(str(error), status_code=503)
        if answer[0] == "error":
            return PlainTextResponse(answer[2], status_code=answer[1])
        _status, media, body, total = answer
        headers = {}
        if total > pool.config.max_rows:
            headers["X-Result-Truncated"] = f"{pool.config.max_rows} of {total}"
        return Response(body, media_type=media, headers=headers)

    async def home(_request: Request) -> Response:
        return HTMLResponse(page)

    app = Starlette(
        routes=[Route("/sparql", sparql, methods=["GET", "POST"]), Route("/", home)],
    )
    app.add_middleware(_AccessLog)
    return app


class _AccessLog:
    """One line per request: client, method, path, status, milliseconds."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.perf_counter(), [0]

        async def record(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            client = scope.get("client") or ("-", 0)
            LOG.info(
                "%s %s %s %d %.1fms",
                client[0],
                scope["method"],
                scope["path"],
                status[0],
                (time.perf_counter() - started) * 1000,
            )


def _query_page(saved: list[tuple[str, str, str]], triples: int) -> str:
    examples = json.dumps([{"name": n, "question": q, "text": t} for n, q, t in saved])
    examples = examples.replace("</", "<\\/")  # cannot close the script element
    template = (Path(__file__).parent / "templates" / "query.html").read_text(encoding="utf-8")
    return template.replace("__EXAMPLES__", examples).replace(
        "__TRIPLES__", html.escape(str(triples))
    )


def serve(config: EndpointConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Start the workers, then the endpoint; blocks until interrupted."""
    import uvicorn

    from .. import api

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if config.graph_file:
        graph = stores.load_graph_file(config.graph_file, config.store, config.store_path)
    else:
        graph = api.load_store(config.store, config.store_path, config.data)  # build or load once
    saved = [
        (q[0], q[1], api.saved_query_text(q[0], config.data))
        for q in api.list_saved_queries(config.data).rows
    ]
    triples = stores.triple_count(graph)
    LOG.info(
        "starting %d query workers (%s store, %d triples)", config.workers, config.store, triples
    )
    pool = WorkerPool(config)
    try:
        LOG.info(
            "SPARQL endpoint at http://%s:%d/sparql, query page at http://%s:%d/",
            host,
            port,
            host,
            port,
        )
        uvicorn.run(
            create_app(pool, saved, triples),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=5,  # a slow query must not hold up a stop
        )
    finally:
        pool.close()
