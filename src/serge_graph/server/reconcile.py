"""The W3C Entity Reconciliation API (0.2) over HTTP, beside the SPARQL endpoint.

- `GET /reconcile`: the service manifest (JSON; JSONP with `callback`);
- `GET /reconcile?queries=…`, `POST /reconcile` with `queries=…` form-encoded (what OpenRefine
  sends) or the batch as an `application/json` body: the candidates of each query;
- `GET /reconcile/suggest/entity|type|property?prefix=…&cursor=…`: auto-completion;
- `GET /reconcile/preview?id=…`: a small HTML page about an entity (nothing loaded from outside).

Batches and suggest queries are matched in the query workers, like every SPARQL query, within
the same time budget and lanes: a slow batch cannot stall the server. The server itself only
reads the request (a body of at most `--max-body` bytes, else 413) and answers the manifest and
the preview, each a dictionary lookup. Errors are JSON, `{"error": "…"}`, with a 4xx status.
"""

from __future__ import annotations

import json
import re
import time

import anyio
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..reconcile import ReconcileInputError, ReconcileRequest, manifest, preview_html
from ..reconcile.service import read_suggest
from .pool import QueryTimeoutError, UnavailableError
from .protocol import ProtocolError, form_parameters, read_body, utf8_body

FORM = "application/x-www-form-urlencoded"
JSON_BODY = "application/json"
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
SUGGEST_KINDS = ("entity", "type", "property")


def reconcile_routes(endpoint, limiter, served_site: bool) -> list[Route]:
    """The routes of the reconciliation service, answered with `endpoint`'s pool and limits
    (app._Endpoint); with the site served, the manifest's view links to the entity pages."""
    index = getattr(endpoint.pool, "source", None)
    index = getattr(index, "reconcile", None)
    config = endpoint.config

    async def service(request: Request) -> Response:
        deadline = request.scope["state"]["arrived"] + config.timeout
        try:
            parameters = _parameters(request.scope.get("query_string", b""))
            callback = _callback(parameters)
            batch = (parameters.get("queries") or [None])[-1]
            if request.method == "POST":
                batch = await _posted_batch(request, deadline) or batch
                if batch is None:
                    raise ReconcileInputError(
                        400, "a POST to /reconcile sends queries=…; GET it for the manifest"
                    )
            if batch is None:
                if index is None:
                    raise ReconcileInputError(404, _NO_SERVICE)
                described = manifest(index, str(request.base_url), served_site)
                return _json(described, callback=callback)
            return await _in_worker(ReconcileRequest("queries", batch), deadline, callback)
        except (ReconcileInputError, ProtocolError) as error:
            return _error(error.status, str(error))

    async def suggest(request: Request) -> Response:
        kind = request.path_params["kind"]
        deadline = request.scope["state"]["arrived"] + config.timeout
        try:
            if kind not in SUGGEST_KINDS:
                raise ReconcileInputError(
                    404, f"no suggest service {kind!r}; there are {', '.join(SUGGEST_KINDS)}"
                )
            parameters = _parameters(request.scope.get("query_string", b""))
            prefix, cursor = read_suggest(parameters)
            job = ReconcileRequest(kind, prefix, cursor)
            return await _in_worker(job, deadline, _callback(parameters))
        except (ReconcileInputError, ProtocolError) as error:
            return _error(error.status, str(error))

    async def preview(request: Request) -> Response:
        try:
            if index is None:
                raise ReconcileInputError(404, _NO_SERVICE)
            parameters = _parameters(request.scope.get("query_string", b""))
            entity = (parameters.get("id") or [""])[-1]
            if not entity:
                raise ReconcileInputError(400, "give the entity: /reconcile/preview?id=person/…")
            page = f"{request.base_url}id/{entity}" if served_site else None
            return HTMLResponse(preview_html(index, entity, page))
        except (ReconcileInputError, ProtocolError) as error:
            return _error(error.status, str(error))

    async def _in_worker(job: ReconcileRequest, deadline: float, callback: str | None):
        if endpoint.pending >= config.max_pending:
            waiting = f"{config.max_pending} requests are already waiting; try again"
            return _error(503, waiting, {"Retry-After": "1"})
        endpoint.pending += 1
        try:
            answer = await anyio.to_thread.run_sync(
                endpoint.pool.run, job, deadline, limiter=limiter
            )
        except UnavailableError as error:
            return _error(503, f"{error}; try again", {"Retry-After": "1"})
        except QueryTimeoutError:
            return _error(
                503, f"the request ran longer than the time limit of {config.timeout:g} s"
            )
        finally:
            endpoint.pending -= 1
        if answer[0] == "error":
            return _error(answer[1], answer[2])
        return _json(None, answer[2], callback)

    async def _posted_batch(request: Request, deadline: float) -> str | None:
        kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if kind not in (FORM, JSON_BODY):
            raise ReconcileInputError(
                400,
                f"a POST to /reconcile sends {FORM} (queries=…, as OpenRefine does) or the "
                f"batch as {JSON_BODY}, not {kind or 'no Content-Type'}",
            )
        body = await read_body(request, config.max_body, deadline - time.monotonic())
        if kind == JSON_BODY:
            return _utf8(body)
        form = _parameters(body)
        return (form.get("queries") or [None])[-1]

    return [
        Route("/reconcile", service, methods=["GET", "POST"]),
        Route("/reconcile/preview", preview),
        Route("/reconcile/suggest/{kind}", suggest),
    ]


_NO_SERVICE = "this server has no reconciliation service (it serves a graph file, not the project)"


def _parameters(raw: bytes) -> dict[str, list[str]]:
    return _as_input_error(form_parameters, raw)


def _utf8(body: bytes) -> str:
    return _as_input_error(utf8_body, body)


def _as_input_error(read, raw: bytes):
    """The SPARQL protocol's strict readers, their 400 said as the service's JSON error."""
    try:
        return read(raw)
    except ProtocolError as error:
        raise ReconcileInputError(error.status, str(error)) from None


def _callback(parameters: dict[str, list[str]]) -> str | None:
    """The JSONP callback asked for, if any: a JavaScript name (a.b.c), else a 400."""
    callback = (parameters.get("callback") or [None])[-1]
    if callback is not None and (len(callback) > 100 or not _CALLBACK.match(callback)):
        raise ReconcileInputError(400, "callback must be a JavaScript function name, as handle")
    return callback


def _json(value, body: bytes | None = None, callback: str | None = None) -> Response:
    if body is None:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    if callback:
        script = b"/**/" + callback.encode("ascii") + b"(" + body + b");"
        return Response(script, media_type="application/javascript")
    return Response(body, media_type="application/json")


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)
