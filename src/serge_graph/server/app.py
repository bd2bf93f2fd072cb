"""A read-only SPARQL 1.1 Protocol endpoint with a query page that works offline.

The server process only reads requests and writes answers: every query is
parsed, checked and evaluated by a worker process (`workers.py`) from a
supervised pool in two lanes (`pool.py`), inside one time budget that runs
from the request's arrival to its answer. What a query may not do (change
the graph, make the server fetch anything, name another dataset) is refused
on the parsed query with a status and a message that says why.

Guards in front of every route: a server bound to loopback answers only
requests addressed to a loopback name (no DNS rebinding), refuses requests
from another origin unless `--cors ORIGIN` allows it, and takes a body of at
most `--max-body` bytes.
"""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from . import results
from .linked_data import LinkedSite
from .pool import PoolConfig, QueryTimeoutError, UnavailableError, WorkerPool
from .protocol import ProtocolError, read_operation, short_message
from .reconcile import reconcile_routes
from .workers import GraphSource, QueryRequest

LOG = logging.getLogger("serge_graph.server")
RETRY_AFTER = "1"
WARNING_HEADER = "X-SPARQL-Warning"  # what the query linter finds (lint.py), one a header
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class EndpointConfig:
    data: str | None = None
    store: str = "oxigraph"
    store_path: str | None = None
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2  # fast-lane workers
    graph_file: str | None = None  # serve a built graph (Turtle or N-Triples) instead of the data
    slow_workers: int = 1
    fast_limit: float = 1.0
    max_body: int = 1_000_000
    max_pending: int = 64  # requests waiting for a worker at once; more get 503 at once
    cors: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    site: bool = True  # serve the reader's site and dereferenceable IRIs (needs the project's data)


@dataclass
class _Endpoint:
    pool: WorkerPool
    config: EndpointConfig
    page: str
    pending: int = 0


def create_app(
    pool: WorkerPool,
    saved: Iterable[tuple[str, str, str]],
    triples: int,
    config: EndpointConfig,
    host: str = "127.0.0.1",
    site: LinkedSite | None = None,
):
    """The ASGI app: /sparql (the protocol), /query (the query page), /status, /reconcile (the
    reconciliation service, reconcile.py); with a site,
    / and its files, /id/… and /ontology by Accept, /.well-known/void. Without, / is the
    query page."""
    endpoint = _Endpoint(pool, config, _query_page(list(saved), triples, site is not None))
    limiter = anyio.CapacityLimiter(config.max_pending)

    async def sparql(request: Request) -> Response:
        arrived = request.scope["state"]["arrived"]
        deadline = arrived + config.timeout
        try:
            operation = await read_operation(request, config.max_body, deadline - time.monotonic())
            if endpoint.pending >= config.max_pending:
                raise UnavailableError(f"{config.max_pending} requests are already waiting")
            endpoint.pending += 1
            try:
                answer = await anyio.to_thread.run_sync(
                    pool.run,
                    QueryRequest(
                        operation.text,
                        results.parse_accept(request.headers.get("accept")),
                        operation.fmt,
                        config.max_rows,
                    ),
                    deadline,
                    limiter=limiter,
                )
            finally:
                endpoint.pending -= 1
        except ProtocolError as error:
            return _text(error.status, str(error), error.headers)
        except UnavailableError as error:
            return _text(503, f"{error}; try again", {"Retry-After": RETRY_AFTER})
        except QueryTimeoutError:
            return _text(503, f"the query ran longer than the time limit of {config.timeout:g} s")
        if answer[0] == "error":
            return _text(answer[1], answer[2])
        _ok, media, body, cut, findings = answer
        headers = {"Vary": "Accept"}
        if cut:
            headers["X-Result-Truncated"] = str(config.max_rows)
        response = Response(body, media_type=media, headers=headers)
        for finding in findings:  # one header a finding, as HTTP allows a header to repeat
            response.raw_headers.append((WARNING_HEADER.encode(), header_text(finding)))
        return response

    async def query_page(_request: Request) -> Response:
        return HTMLResponse(endpoint.page)

    async def status(_request: Request) -> Response:
        return JSONResponse(pool.status())

    routes = [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_page),
        Route("/status", status),
        *reconcile_routes(endpoint, limiter, site is not None),
    ]
    if site is None:
        routes.append(Route("/", query_page))
    else:
        routes += [
            Route("/.well-known/void", site.void),
            Route("/dataset", site.void),
            Route("/ontology", site.ontology_document),
            Route("/id/{path:path}", lambda r: site.entity(r, r.path_params["path"])),
            Route("/{path:path}", lambda r: site.file(r.path_params["path"])),
        ]
    app = Starlette(routes=routes)
    return AccessLog(Guard(app, config, host))


def header_text(message: str) -> bytes:
    """A message as a header value: ASCII, every other character, control and comma
    percent-encoded (read it back with urllib.parse.unquote). The comma too, because HTTP
    lets a client or proxy join repeated headers into one, separated by commas."""
    from urllib.parse import quote

    return quote(message, safe=" !\"#$&'()*+/:;<=>?@[]^`{|}~").encode("ascii")


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(
        short_message(message), status_code=status, headers={"Vary": "Accept", **(headers or {})}
    )


class Guard:
    """Host, origin and CORS rules in front of every route."""

    def __init__(self, app, config: EndpointConfig, host: str):
        self.app, self.cors = app, set(config.cors)
        self.hosts = set(config.allowed_hosts)
        if _is_loopback(host) and not self.hosts:
            self.hosts = set(LOOPBACK_NAMES)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if self.hosts and _host_name(host) not in self.hosts:
            return await _refuse(
                send,
                403,
                f"this server answers requests addressed to {', '.join(sorted(self.hosts))}, "
                f"not {host or 'no Host'} (a guard against DNS rebinding; see serve --allow-host)",
            )
        origin = headers.get("origin")
        allowed = (
            origin is None or origin in (f"http://{host}", f"https://{host}") or origin in self.cors
        )
        if not allowed:
            return await _refuse(
                send,
                403,
                f"requests from the origin {origin} are refused; "
                "start the server with --cors ORIGIN to let a page there query it",
            )
        if origin in self.cors and scope["method"] == "OPTIONS":
            return await _preflight(send, origin)
        if origin in self.cors:
            send = _with_cors(send, origin)
        return await self.app(scope, receive, send)


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def _refuse(send, status: int, message: str) -> None:
    body = message.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _preflight(send, origin: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 204,
            "headers": [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"access-control-allow-methods", b"GET, POST"),
                (b"access-control-allow-headers", b"Accept, Content-Type"),
                (b"access-control-max-age", b"600"),
                (b"vary", b"Origin"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def _with_cors(send, origin: str):
    async def send_with_cors(message):
        if message["type"] == "http.response.start":
            message = {
                **message,
                "headers": [
                    *message.get("headers", []),
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (
                        b"access-control-expose-headers",
                        b"X-Result-Truncated, Retry-After, X-SPARQL-Warning",
                    ),
                    (b"vary", b"Origin"),
                ],
            }
        await send(message)

    return send_with_cors


class AccessLog:
    """One line per request: client, method, path, status, milliseconds; and its arrival time."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.monotonic()
        scope.setdefault("state", {})["arrived"] = started
        status = [500]  # what the client gets if the app fails before answering

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
                (time.monotonic() - started) * 1000,
            )


def _query_page(saved: list[tuple[str, str, str]], triples: int, served: bool = False) -> str:
    """The query page; with the site served beside it (served), the graph's IRIs in its
    results link to their pages here, else to the IRIs themselves."""
    from ..prefixes import BASE

    examples = json.dumps([{"name": n, "question": q, "text": t} for n, q, t in saved])
    examples = examples.replace("</", "<\\/")  # cannot close the script element
    links = json.dumps({"base": BASE, "here": "/" if served else BASE})
    template = (Path(__file__).parent / "templates" / "query.html").read_text(encoding="utf-8")
    return (
        template.replace("__EXAMPLES__", examples)
        .replace("__LINKS__", links)
        .replace("__TRIPLES__", html.escape(str(triples)))
    )


# --- running ---------------------------------------------------------------------------


def run(
    config: EndpointConfig,
    source: GraphSource,
    triples: int,
    saved: list[tuple[str, str, str]],
    site: LinkedSite | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Start the workers on `source`, then the endpoint; blocks until interrupted, then stops
    every worker. `saved` are the query page's examples (name, question, text)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    pool_config = PoolConfig(config.workers, config.slow_workers, 1, config.fast_limit)
    LOG.info(
        "starting query workers: %d fast, %d slow, 1 spare (%s store, %d triples)",
        config.workers,
        config.slow_workers,
        config.store,
        triples,
    )
    pool = WorkerPool(source, pool_config)
    try:
        pool.wait_ready()
        LOG.info(
            "SPARQL endpoint at http://%s:%d/sparql, query page at http://%s:%d/query%s",
            host,
            port,
            host,
            port,
            f", the site at http://{host}:{port}/" if site else "",
        )
        server = _Server(
            uvicorn.Config(
                create_app(pool, saved, triples, config, host, site),
                host=host,
                port=port,
                log_level="warning",
                access_log=False,
                timeout_graceful_shutdown=3,
            ),
            pool,
        )
        server.run()
    finally:
        pool.close()


class _Server(uvicorn.Server):
    """uvicorn's server, but a stop signal first stops the workers, so in-flight requests end now."""

    def __init__(self, config: uvicorn.Config, pool: WorkerPool):
        super().__init__(config)
        self.pool = pool

    def handle_exit(self, sig, frame) -> None:
        self.pool.close()  # waiting and running requests are answered 503 at once
        super().handle_exit(sig, frame)
