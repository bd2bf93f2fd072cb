"""The W3C Entity Reconciliation API (version 0.2) over the index, without HTTP.

What a request says is read strictly here (`read_batch`, `read_suggest`), so that a bad one gets a
400 or 413 that says what is wrong and where; then `answer` (run in a query worker) matches it.
The manifest and the preview (`manifest`, `preview_html`) cost a dictionary lookup.

Limits, in the manifest as `batchSize` where the API has a name for one: at most
MAX_QUERIES queries in a batch (more: 413), a query of at most MAX_QUERY_CHARACTERS
characters and MAX_QUERY_WORDS words, a `limit` of at most MAX_LIMIT candidates (default DEFAULT_LIMIT), at most
MAX_PROPERTIES properties with at most MAX_VALUES values each.
"""

from __future__ import annotations

import difflib
import html
import json
from dataclasses import dataclass

from ..errors import SergeGraphError
from ..namespaces import ID, SG
from .index import DEFAULT_TYPES, ReconcileIndex, fold_name
from .matching import Query, candidates_of, lifetime

MAX_QUERIES = 100
MAX_QUERY_CHARACTERS = 500
MAX_QUERY_WORDS = 16
MAX_LIMIT = 100
DEFAULT_LIMIT = 5
MAX_PROPERTIES = 20
MAX_VALUES = 20
SUGGEST_SIZE = 10
TYPE_STRICT = ("any", "should", "all")
VERSIONS = ["0.2"]
PREVIEW_SIZE = (420, 180)


class ReconcileInputError(SergeGraphError):
    """A request the service cannot answer as given: its status (400, 404, 413) and why."""

    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class ReconcileRequest:
    """A job for a query worker: a batch of queries (kind "queries", its JSON as `payload`), or a
    suggest query (kind "entity", "type" or "property", the prefix as `payload`)."""

    kind: str
    payload: str
    cursor: int = 0

    @property
    def text(self) -> str:  # what the pool remembers as quick or slow
        return f"reconcile {self.kind} {self.cursor} {self.payload}"


def answer(index: ReconcileIndex | None, request: ReconcileRequest) -> tuple:
    """The worker's answer: ("ok", media type, JSON bytes, False, []) or ("error", status, text)."""
    if index is None:
        return ("error", 404, "this server has no reconciliation service (a graph file is served)")
    try:
        if request.kind == "queries":
            body = {
                key: {"result": candidates_of(index, query)}
                for key, query in read_batch(index, request.payload).items()
            }
        else:
            body = {"result": suggest(index, request.kind, request.payload, request.cursor)}
    except ReconcileInputError as error:
        return ("error", error.status, str(error))
    except Exception as error:  # a fault here must not stop the worker: say it, keep serving
        return ("error", 500, f"the reconciliation failed: {type(error).__name__}: {error}")
    return (
        "ok",
        "application/json",
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
        False,
        [],
    )


# --- reading a batch ----------------------------------------------------------------------


def read_batch(index: ReconcileIndex, text: str) -> dict[str, Query]:
    """The queries of a batch (JSON: {key: {query, type, limit, properties, type_strict}})."""
    try:
        batch = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReconcileInputError(
            400,
            f"queries is not JSON: {error.msg} at line {error.lineno}, column {error.colno}; "
            'send {"q0": {"query": "Victor Serge"}}',
        ) from None
    except RecursionError:
        raise ReconcileInputError(400, "queries is JSON nested too deeply to be a batch") from None
    if isinstance(batch, dict) and isinstance(batch.get("queries"), list):
        raise ReconcileInputError(
            400,
            "this is a batch of the 1.0 draft (a list of queries); this service speaks the "
            'API\'s version 0.2: send an object of queries by key, as {"q0": {"query": "…"}}',
        )
    if not isinstance(batch, dict):
        raise ReconcileInputError(
            400, 'queries must be a JSON object of queries by key, as {"q0": {"query": "…"}}'
        )
    if len(batch) > MAX_QUERIES:
        raise ReconcileInputError(
            413,
            f"a batch may hold at most {MAX_QUERIES} queries (the manifest's batchSize), "
            f"not {len(batch):,}; send it in smaller batches",
        )
    return {key: read_query(index, key, query) for key, query in batch.items()}


def read_query(index: ReconcileIndex, key: str, given) -> Query:
    if not isinstance(given, dict):
        raise ReconcileInputError(400, f'{key}: a query must be an object, as {{"query": "…"}}')
    text = given.get("query", "")
    if not isinstance(text, str):
        raise ReconcileInputError(400, f"{key}: query must be a string")
    if len(text) > MAX_QUERY_CHARACTERS:
        raise ReconcileInputError(
            400,
            f"{key}: a query may have at most {MAX_QUERY_CHARACTERS} characters, not {len(text):,}",
        )
    if len(text.split()) > MAX_QUERY_WORDS:
        raise ReconcileInputError(
            400, f"{key}: a query may have at most {MAX_QUERY_WORDS} words (a name, not a text)"
        )
    properties = _properties(index, key, given.get("properties", []))
    if not text.strip() and not properties:
        raise ReconcileInputError(400, f"{key}: give a query (a name), properties, or both")
    limit = given.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= MAX_LIMIT:
        raise ReconcileInputError(400, f"{key}: limit must be a whole number from 1 to {MAX_LIMIT}")
    strict = given.get("type_strict", "any")
    if strict not in TYPE_STRICT:
        raise ReconcileInputError(
            400, f"{key}: type_strict must be one of {', '.join(TYPE_STRICT)}"
        )
    return Query(text.strip(), _types(index, key, given.get("type")), strict, limit, properties)


def type_id(index: ReconcileIndex, given: str) -> str | None:
    """A type's id from its id, its IRI, its sg: name or its label (any case); None if none."""
    name = given.strip().removeprefix(str(SG)).removeprefix("sg:")
    if name in index.types:
        return name
    folded = fold_name(name)
    for term in index.types.values():
        if folded in (fold_name(term.id), fold_name(term.name)):
            return term.id
    return None


def _types(index: ReconcileIndex, key: str, given) -> tuple[str, ...]:
    if given is None or given == []:
        return ()
    names = [given] if isinstance(given, str) else given
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ReconcileInputError(400, f"{key}: type must be a type id or a list of them")
    found = []
    for name in names:
        known = type_id(index, name)
        if known is None:
            close = difflib.get_close_matches(name, list(index.types), n=3, cutoff=0.6)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            raise ReconcileInputError(
                400,
                f"{key}: no type {name!r}; {hint}the types are {', '.join(DEFAULT_TYPES)} "
                "and their subclasses (the type suggest service lists them)",
            )
        found.append(known)
    return tuple(found)


def _properties(index: ReconcileIndex, key: str, given) -> tuple:
    if not isinstance(given, list):
        raise ReconcileInputError(400, f"{key}: properties must be a list of {{pid, v}}")
    if len(given) > MAX_PROPERTIES:
        raise ReconcileInputError(
            400, f"{key}: at most {MAX_PROPERTIES} properties, not {len(given)}"
        )
    found = []
    for item in given:
        if not isinstance(item, dict) or "pid" not in item or "v" not in item:
            raise ReconcileInputError(400, f"{key}: each property must be an object {{pid, v}}")
        pid = item["pid"]
        pid = pid.removeprefix(str(SG)).removeprefix("sg:") if isinstance(pid, str) else pid
        if pid not in index.properties:
            raise ReconcileInputError(
                400,
                f"{key}: no property {item['pid']!r}; the properties are {', '.join(index.properties)}",
            )
        values = item["v"] if isinstance(item["v"], list) else [item["v"]]
        if not values or len(values) > MAX_VALUES or not all(_is_value(v) for v in values):
            raise ReconcileInputError(
                400,
                f"{key}: the value of {pid} must be a string, a number, a boolean or "
                f'{{"id": …}}, or a list of 1 to {MAX_VALUES} of them',
            )
        found.append((pid, tuple(values)))
    return tuple(found)


def _is_value(value) -> bool:
    if isinstance(value, dict):
        return isinstance(value.get("id"), str) or isinstance(value.get("name"), str)
    return isinstance(value, (str, int, float, bool))


# --- suggest, preview, manifest ----------------------------------------------------------


def read_suggest(parameters: dict[str, list[str]]) -> tuple[str, int]:
    """The prefix and cursor of a suggest query's parameters."""
    prefix = (parameters.get("prefix") or [""])[-1]
    if len(prefix) > MAX_QUERY_CHARACTERS:
        raise ReconcileInputError(
            400, f"a prefix may have at most {MAX_QUERY_CHARACTERS} characters"
        )
    cursor = (parameters.get("cursor") or ["0"])[-1]
    if not cursor.isdigit():
        raise ReconcileInputError(
            400, f"cursor must be a whole number of suggestions to skip, not {cursor!r}"
        )
    return prefix, int(cursor)


def suggest(index: ReconcileIndex, kind: str, prefix: str, cursor: int = 0) -> list[dict]:
    """Entities, types or properties whose name (or a word of it, or its id) starts with prefix."""
    wanted = fold_name(prefix)
    if kind == "entity":
        found = []
        for candidate in index.candidates.values():
            names = [f.folded for f in candidate.forms]
            first = any(n.startswith(wanted) for n in names) or candidate.id.startswith(prefix)
            if first or any(w.startswith(wanted) for n in names for w in n.split()):
                found.append((not first, candidate.name.casefold(), candidate))
        return [
            {
                "id": c.id,
                "name": c.name,
                "description": c.description,
                "notable": [{"id": t, "name": index.types[t].name} for t in index.narrowest(c)],
            }
            for _later, _name, c in sorted(found, key=lambda f: f[:2])[
                cursor : cursor + SUGGEST_SIZE
            ]
        ]
    terms = index.types if kind == "type" else index.properties
    found = [
        t
        for t in terms.values()
        if fold_name(t.name).startswith(wanted)
        or fold_name(t.id).startswith(wanted)
        or any(w.startswith(wanted) for w in fold_name(t.name).split())
    ]
    found.sort(key=lambda t: (t.id not in DEFAULT_TYPES, t.name.casefold()))
    return [
        {"id": t.id, "name": t.name, "description": t.description}
        for t in found[cursor : cursor + SUGGEST_SIZE]
    ]


def manifest(index: ReconcileIndex, base: str, view: bool = True) -> dict:
    """The service manifest; `base` is the server's address (ends with /). With view, the
    entity pages are served at base/id/{{id}} and the view template leads there; else to the
    entity's IRI itself (the identifier space's)."""
    service = base + "reconcile"
    described = {
        "versions": VERSIONS,
        "name": "serge-graph: people, organisations, places, works and events in Gorkin's "
        "“The Last Years of Victor Serge”",
        "identifierSpace": str(ID),
        "schemaSpace": str(SG),
        "defaultTypes": [
            {"id": t, "name": index.types[t].name} for t in DEFAULT_TYPES if t in index.types
        ],
        "batchSize": MAX_QUERIES,
        "preview": {
            "url": service + "/preview?id={{id}}",
            "width": PREVIEW_SIZE[0],
            "height": PREVIEW_SIZE[1],
        },
        "suggest": {
            kind: {"service_url": base.rstrip("/"), "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
    }
    described["view"] = {"url": (base if view else str(ID).removesuffix("id/")) + "id/{{id}}"}
    return described


def preview_html(index: ReconcileIndex, entity_id: str, page: str | None = None) -> str:
    """A small page about an entity for the client's iframe: its name, types, dates,
    description and every name it is matched by; it loads nothing from anywhere."""
    candidate = index.candidates.get(entity_id)
    if candidate is None:
        raise ReconcileInputError(404, f"no entity {entity_id!r}; ids are as person/victor-serge")
    types = ", ".join(index.types[t].name for t in index.narrowest(candidate))
    names = []
    for form in candidate.forms:
        if form.kind in ("label", "hidden") or form.folded == fold_name(candidate.name):
            continue
        note = (
            f" ({form.what}; general knowledge: {form.reference})" if form.kind == "other" else ""
        )
        note = " (corrected spelling)" if form.kind == "corrected" else note
        names.append(f"<li>{html.escape(form.text)}{html.escape(note)}</li>")
    lived = f"<p>{html.escape(lifetime(candidate))}</p>" if lifetime(candidate) else ""
    link = (
        f'<p><a href="{html.escape(page)}" target="_blank">Its page, with every claim and quote</a></p>'
        if page
        else ""
    )
    other = f"<p>Also called:</p><ul>{''.join(names)}</ul>" if names else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(candidate.name)}</title>"
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:8px}h1{font-size:16px;margin:0}"
        "p,ul{margin:4px 0}.t{color:#555}</style></head><body>"
        f'<h1>{html.escape(candidate.name)}</h1><p class="t">{html.escape(types)}</p>'
        f"{lived}<p>{html.escape(candidate.description)}</p>{other}{link}</body></html>\n"
    )
