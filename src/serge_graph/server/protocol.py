"""Reading a SPARQL 1.1 Protocol request, strictly: what it asks, or a 4xx that says why not.

The server only reads parameters and the body here; it never parses the
query (the worker does, within the request's time budget).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.requests import Request

from ..stores import GRAPH_NAME
from .workers import NO_DATASET, READ_ONLY

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
DATASET_PARAMETERS = (
    "default-graph-uri",
    "named-graph-uri",
    "using-graph-uri",
    "using-named-graph-uri",
)
MESSAGE_LIMIT = 2_000  # characters of an error message a client gets back


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        self.status, self.headers = status, headers or {}
        super().__init__(message)


@dataclass(frozen=True)
class QueryOperation:
    text: str
    fmt: str | None  # the `format` parameter, if any


async def read_operation(request: Request, max_body: int, seconds: float) -> QueryOperation:
    """The query of a GET, HEAD or POST request, or a ProtocolError (400, 403, 413)."""
    parameters = form_parameters(request.scope.get("query_string", b""))
    if request.method in ("GET", "HEAD"):
        return _operation(parameters)
    kind, charset = _content_type(request.headers.get("content-type"))
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(400, f"the body must be UTF-8, not {charset}")
    if kind == UPDATE:
        raise ProtocolError(403, READ_ONLY)
    if kind not in (FORM, DIRECT):
        given = f"Content-Type {kind}" if kind else "no Content-Type"
        raise ProtocolError(
            400,
            f"a POST with {given} is not a SPARQL query; send {DIRECT} "
            f"(the query as the body) or {FORM} (query=…)",
        )
    body = await read_body(request, max_body, seconds)
    if kind == DIRECT:
        if "query" in parameters:
            raise ProtocolError(400, "give the query once: in the body or as ?query=, not both")
        return _operation({**parameters, "query": [utf8_body(body)]})
    form = form_parameters(body)
    for name, values in parameters.items():
        form.setdefault(name, []).extend(values)
    return _operation(form)


async def read_body(request: Request, max_body: int, seconds: float) -> bytes:
    """The body, refused with 413 as soon as it passes max_body (before it is read whole)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_body:
        raise _too_large(max_body)
    body = bytearray()

    async def collect() -> None:
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > max_body:
                raise _too_large(max_body)

    try:
        await asyncio.wait_for(collect(), timeout=max(0.0, seconds))
    except asyncio.TimeoutError:
        raise ProtocolError(408, "the request body did not arrive within the time limit") from None
    return bytes(body)


def _too_large(max_body: int) -> ProtocolError:
    return ProtocolError(
        413, f"the request body is larger than this endpoint takes ({max_body:,} bytes)"
    )


def _operation(parameters: dict[str, list[str]]) -> QueryOperation:
    if "update" in parameters:
        raise ProtocolError(403, READ_ONLY)
    given = [name for name in DATASET_PARAMETERS if name in parameters]
    if given:
        raise ProtocolError(
            400,
            NO_DATASET.format(graph=GRAPH_NAME).replace("FROM and FROM NAMED", " and ".join(given)),
        )
    queries = parameters.get("query", [])
    if len(queries) > 1:
        raise ProtocolError(
            400, f"give one query, not {len(queries)} (the query parameter repeats)"
        )
    if not queries or not queries[0].strip():
        raise ProtocolError(400, "give a query: ?query=… or a POST body")
    formats = parameters.get("format", [])
    return QueryOperation(queries[0], formats[-1] if formats else None)


def form_parameters(raw: bytes) -> dict[str, list[str]]:
    """A query string or form body, read strictly (ProtocolError 400 when it is not UTF-8)."""
    try:
        text = raw.decode("ascii")  # percent-encoded: non-ASCII bytes are not a form
        return parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the parameters are not UTF-8 (percent-encoded)") from None


def utf8_body(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(
            400, f"the body is not UTF-8 (byte {error.start} cannot be read)"
        ) from None


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    kind, *params = [part.strip() for part in header.split(";")]
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.lower(), charset


def short_message(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A message cut to a sane length; a long source line is cut around its caret.

    >>> print(short_message("bad\\n  " + "x" * 300 + "y\\n  " + " " * 300 + "^"))
    bad
      …xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy
                                                                                       ^
    """
    lines = message.split("\n")
    for index in range(1, len(lines)):
        caret = lines[index]
        if caret.strip() == "^" and len(lines[index - 1]) > 160:
            column = caret.index("^")
            start = max(2, column - 80)
            source = lines[index - 1]
            lines[index - 1] = (
                "  …" + source[start : column + 80] + ("…" if column + 80 < len(source) else "")
            )
            lines[index] = "  " + " " * (column - start + 1) + "^"
    text = "\n".join(lines)
    if len(text) > limit:
        text = text[:limit] + f"… (cut: the message had {len(text):,} characters)"
    return text
