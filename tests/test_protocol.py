"""Reading a SPARQL Protocol request (server/protocol.py), directly: a real starlette Request built
from an ASGI scope and a body, so that each answer (the operation, or the status and the exact
message of the refusal) is checked in this process, without a server or a worker."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pytest
from starlette.requests import Request

from serge_graph.project import project_root
from serge_graph.server.protocol import (
    ProtocolError,
    QueryOperation,
    read_body,
    read_operation,
    short_message,
)
from serge_graph.server.workers import READ_ONLY
from serge_graph.stores import GRAPH_IRI

# A real saved query, with its comments, curly quotes and line breaks
ENEMIES = (project_root() / "queries" / "enemies.rq").read_text(encoding="utf-8")
DIRECT = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"


def request(
    method: str = "GET",
    query_string: str = "",
    headers: dict[str, str] | None = None,
    chunks: list[bytes] | None = None,
    endless: bool = False,
) -> Request:
    """A starlette Request whose body arrives in the given chunks (or never ends)."""
    pending = list(chunks or [])

    async def receive() -> dict:
        if endless:
            await asyncio.Event().wait()  # a client that never sends the rest
        body = pending.pop(0) if pending else b""
        return {"type": "http.request", "body": body, "more_body": bool(pending)}

    scope = {
        "type": "http",
        "method": method,
        "path": "/sparql",
        "query_string": query_string.encode("latin-1"),
        "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in (headers or {}).items()],
    }
    return Request(scope, receive)


def read(req: Request, max_body: int = 100_000, seconds: float = 30.0) -> QueryOperation:
    return asyncio.run(read_operation(req, max_body, seconds))


def refusal(req: Request, max_body: int = 100_000, seconds: float = 30.0) -> tuple[int, str]:
    with pytest.raises(ProtocolError) as raised:
        read(req, max_body, seconds)
    return raised.value.status, str(raised.value)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_get_or_head_query_is_read_from_the_url_with_its_last_format(method):
    url = f"query={quote(ENEMIES)}&format=csv&format=tsv"
    assert read(request(method, url)) == QueryOperation(ENEMIES, "tsv")
    assert read(request(method, f"query={quote(ENEMIES)}")) == QueryOperation(ENEMIES, None)
    # a blank format is kept as given (blank values are not dropped)
    assert read(request(method, f"query={quote(ENEMIES)}&format=")) == QueryOperation(ENEMIES, "")


def test_a_get_ignores_a_body_and_its_content_type():
    got = request("GET", f"query={quote(ENEMIES)}", {"content-type": "text/plain"}, [b"\xff"])
    assert read(got) == QueryOperation(ENEMIES, None)


@pytest.mark.parametrize(
    "content_type",
    [
        DIRECT,
        f"{DIRECT}; charset=utf-8",
        f"{DIRECT};charset=UTF8",
        'Application/SPARQL-Query ; Charset="UTF-8"',
        f"{DIRECT}; version=1; charset=utf-8",
    ],
)
def test_a_post_body_is_the_query_whatever_the_case_and_quoting_of_its_type(content_type):
    body = ENEMIES.encode("utf-8")
    got = request("POST", "format=json", {"content-type": content_type}, [body[:100], body[100:]])
    assert read(got) == QueryOperation(ENEMIES, "json")


def test_a_form_post_merges_the_form_and_the_url_parameters():
    form = f"query={quote(ENEMIES)}&format=xml".encode("ascii")
    got = request("POST", "format=csv", {"content-type": f"{FORM}; charset=utf-8"}, [form])
    assert read(got) == QueryOperation(ENEMIES, "csv")  # the URL's comes after the form's
    alone = request("POST", "", {"content-type": FORM.upper()}, [form])
    assert read(alone) == QueryOperation(ENEMIES, "xml")


@pytest.mark.parametrize(
    ("content_type", "status", "message"),
    [
        (f"{DIRECT}; charset=latin-1", 400, "the body must be UTF-8, not latin-1"),
        (f'{FORM}; charset="ISO-8859-1"', 400, "the body must be UTF-8, not iso-8859-1"),
        ("application/sparql-update", 403, READ_ONLY),
        ("Application/SPARQL-Update; charset=utf-8", 403, READ_ONLY),
        (
            "text/plain",
            400,
            "a POST with Content-Type text/plain is not a SPARQL query; send "
            "application/sparql-query (the query as the body) or "
            "application/x-www-form-urlencoded (query=…)",
        ),
        (
            None,
            400,
            "a POST with no Content-Type is not a SPARQL query; send "
            "application/sparql-query (the query as the body) or "
            "application/x-www-form-urlencoded (query=…)",
        ),
        (
            "",
            400,
            "a POST with no Content-Type is not a SPARQL query; send "
            "application/sparql-query (the query as the body) or "
            "application/x-www-form-urlencoded (query=…)",
        ),
    ],
)
def test_a_post_of_another_kind_is_refused_with_why(content_type, status, message):
    headers = {} if content_type is None else {"content-type": content_type}
    assert refusal(request("POST", "", headers, [ENEMIES.encode()])) == (status, message)


def test_a_query_in_both_the_body_and_the_url_is_refused():
    got = request("POST", f"query={quote(ENEMIES)}", {"content-type": DIRECT}, [b"ASK {}"])
    assert refusal(got) == (400, "give the query once: in the body or as ?query=, not both")


def test_a_body_that_is_not_utf8_is_refused_with_the_first_bad_byte():
    body = "SELECT ?é".encode()  # é's two bytes, the second one lost
    got = request("POST", "", {"content-type": DIRECT}, [body[:-1] + b" }"])
    assert refusal(got) == (400, "the body is not UTF-8 (byte 8 cannot be read)")


@pytest.mark.parametrize(
    ("method", "query_string", "form"),
    [
        ("GET", "query=SELECT%20%3Fx%20%7B%7D&x=%FF", None),  # percent-encoded, not UTF-8
        ("GET", "query=SELECT\xe9", None),  # a raw byte over 127
        ("POST", "", b"query=ASK%20%7B%7D&x=%C3"),  # a form body cut inside a character
        ("POST", "", "query=ASK {é}".encode()),  # a form body with raw UTF-8
    ],
)
def test_parameters_that_are_not_percent_encoded_utf8_are_refused(method, query_string, form):
    headers = {"content-type": FORM} if form is not None else {}
    got = request(method, query_string, headers, [form] if form is not None else None)
    assert refusal(got) == (400, "the parameters are not UTF-8 (percent-encoded)")


def test_update_and_dataset_parameters_are_refused_by_name():
    assert refusal(request("GET", "update=CLEAR%20ALL")) == (403, READ_ONLY)
    query = f"query={quote(ENEMIES)}"
    expected = (
        "{given} are refused: this endpoint serves one dataset and never loads a graph from an "
        f"IRI; the data is the default graph and also the named graph <{GRAPH_IRI}>"
    )
    one = refusal(request("GET", f"{query}&named-graph-uri=urn:x"))
    assert one == (400, expected.format(given="named-graph-uri"))
    every = "&".join(
        f"{name}=urn:x"
        for name in (
            "using-named-graph-uri",
            "using-graph-uri",
            "named-graph-uri",
            "default-graph-uri",
        )
    )
    given = "default-graph-uri and named-graph-uri and using-graph-uri and using-named-graph-uri"
    assert refusal(request("GET", f"{query}&{every}")) == (400, expected.format(given=given))


@pytest.mark.parametrize(
    ("query_string", "message"),
    [
        ("", "give a query: ?query=… or a POST body"),
        ("format=json", "give a query: ?query=… or a POST body"),
        ("query=", "give a query: ?query=… or a POST body"),
        ("query=%20%0A%09", "give a query: ?query=… or a POST body"),
        ("query=ASK%7B%7D&query=ASK%7B%7D", "give one query, not 2 (the query parameter repeats)"),
        ("query=&query=&query=", "give one query, not 3 (the query parameter repeats)"),
    ],
)
def test_no_query_or_more_than_one_is_refused(query_string, message):
    assert refusal(request("GET", query_string)) == (400, message)


def test_an_empty_post_body_is_no_query():
    got = request("POST", "", {"content-type": DIRECT}, [])
    assert refusal(got) == (400, "give a query: ?query=… or a POST body")


TOO_LARGE = (413, "the request body is larger than this endpoint takes (1,000 bytes)")


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read():
    got = request("POST", "", {"content-type": DIRECT, "content-length": "1001"}, endless=True)
    assert refusal(got, max_body=1000) == TOO_LARGE


def test_a_body_at_the_limit_is_read_and_one_byte_more_is_refused():
    body = (ENEMIES * 3).encode("utf-8")[:1000]
    assert len(body) == 1000
    chunks = [body[:400], body[400:]]
    assert asyncio.run(read_body(request("POST", chunks=chunks), 1000, 30.0)) == body
    declared = {"content-length": "1000"}
    assert asyncio.run(read_body(request("POST", "", declared, chunks), 1000, 30.0)) == body
    # a body longer than it declared is stopped all the same, while it streams
    longer = request("POST", "", declared, [body[:600], body[600:] + b"x"])
    with pytest.raises(ProtocolError) as raised:
        asyncio.run(read_body(longer, 1000, 30.0))
    assert (raised.value.status, str(raised.value)) == TOO_LARGE


def test_a_malformed_declared_length_is_ignored_and_the_stream_decides():
    body = b"x" * 50
    for declared in ("-5", "abc", ""):
        got = request("POST", "", {"content-length": declared}, [body])
        assert asyncio.run(read_body(got, 50, 30.0)) == body


def test_a_body_that_does_not_arrive_in_time_is_408():
    got = request("POST", "", {"content-type": DIRECT}, endless=True)
    assert refusal(got, seconds=0.05) == (
        408,
        "the request body did not arrive within the time limit",
    )
    # no time left at all: refused at once, even for a body that is there
    there = request("POST", "", {"content-type": DIRECT}, [b"ASK {}"])
    assert refusal(there, seconds=-3.0)[0] == 408


def test_a_protocol_error_carries_its_headers():
    assert ProtocolError(405, "no", {"Allow": "GET"}).headers == {"Allow": "GET"}
    assert ProtocolError(400, "no").headers == {}


def test_a_long_source_line_is_cut_around_its_caret():
    source = "".join(f"{n:04d}" for n in range(100))  # 400 characters, each place unique
    caret_at = 2 + 250  # the caret line is indented by two, as in a syntax error
    message = f"bad query at line 1\n  {source}\n{' ' * caret_at}^\nhint"
    lines = short_message(message).split("\n")
    start = caret_at - 80
    assert lines[0] == "bad query at line 1" and lines[3] == "hint"
    assert lines[1] == "  …" + f"  {source}"[start : caret_at + 80] + "…"
    assert lines[2] == "  " + " " * (caret_at - start + 1) + "^"
    # the character the caret points at stays under it
    assert lines[1][lines[2].index("^")] == f"  {source}"[caret_at]


def test_a_caret_near_either_end_of_a_long_line():
    source = "".join(f"{n:04d}" for n in range(50))  # 200 characters
    line = f"  {source}"
    near_start = short_message(f"e\n{line}\n{' ' * 10}^").split("\n")
    assert near_start[1] == "  …" + line[2:90] + "…"
    assert near_start[2] == "  " + " " * 9 + "^"
    assert near_start[1][near_start[2].index("^")] == line[10]
    near_end = short_message(f"e\n{line}\n{' ' * 150}^").split("\n")
    assert near_end[1] == "  …" + line[70:]  # nothing cut after it: no second ellipsis
    assert near_end[1][near_end[2].index("^")] == line[150]
    ends_at = short_message(f"e\n{line}\n{' ' * 122}^").split("\n")
    assert ends_at[1] == "  …" + line[42:202]  # the line ends exactly 80 after the caret


def test_short_lines_and_lines_that_are_not_a_caret_stay_whole():
    line = "  " + "y" * 158  # 160 characters, at the limit: not cut
    assert short_message(f"e\n{line}\n{' ' * 100}^") == f"e\n{line}\n{' ' * 100}^"
    long = "  " + "y" * 300
    kept = f"e\n{long}\n{' ' * 100}^ here"  # not a caret line alone
    assert short_message(kept) == kept
    assert short_message(f"{long}") == long
    first = f"{' ' * 100}^\n{long}"  # a caret on the first line has no line above it
    assert short_message(first) == first


def test_a_message_over_the_limit_is_cut_and_says_its_length():
    message = "".join(f"{n:05d}" for n in range(1000))  # 5,000 characters
    assert short_message(message) == message[:2000] + "… (cut: the message had 5,000 characters)"
    assert short_message(message, limit=4999) == (
        message[:4999] + "… (cut: the message had 5,000 characters)"
    )
    assert short_message(message, limit=5000) == message
    assert short_message(message[:2000]) == message[:2000]


def test_the_first_line_may_be_the_long_one_and_161_characters_are_cut():
    line = "  " + "".join(f"{n:04d}" for n in range(50))  # 202 characters
    cut = short_message(f"{line}\n{' ' * 121}^").split("\n")  # ends 81 after the caret
    assert cut[0] == "  …" + line[41:201] + "…"
    assert cut[0][cut[1].index("^")] == line[121]
    just_over = "  " + "z" * 159  # 161 characters
    assert short_message(f"e\n{just_over}\n{' ' * 100}^").split("\n")[1] == "  …" + "z" * 141


def test_a_charset_is_read_whole_and_unquoted():
    body = [ENEMIES.encode()]
    quoted = request("POST", "", {"content-type": f'{DIRECT}; charset="X-MAC-ROMAN"'}, body)
    assert refusal(quoted) == (400, "the body must be UTF-8, not x-mac-roman")
    two_equals = request("POST", "", {"content-type": f"{DIRECT}; charset=utf-8=x"}, body)
    assert refusal(two_equals) == (400, "the body must be UTF-8, not utf-8=x")


def test_a_url_parameter_the_form_lacks_is_added_to_it():
    form = f"query={quote(ENEMIES)}".encode("ascii")
    got = request("POST", "format=tsv", {"content-type": FORM}, [form])
    assert read(got) == QueryOperation(ENEMIES, "tsv")


def test_a_scope_without_a_query_string_has_no_parameters():
    """ASGI lets a server leave query_string out (it then means b"")."""

    async def receive() -> dict:
        return {"type": "http.request", "body": ENEMIES.encode(), "more_body": False}

    headers = [(b"content-type", DIRECT.encode())]
    scope = {"type": "http", "method": "POST", "path": "/sparql", "headers": headers}
    assert read(Request(scope, receive)) == QueryOperation(ENEMIES, None)
