"""The reader's site over HTTP, and its IRIs dereferenceable: a page for a person, triples for a program.

`GET /id/person/victor-serge` answers the entity's HTML page to a browser and
its description (its triples, and its claims with their evidence) as Turtle,
N-Triples or JSON-LD to a client that asks for one by `Accept`, with
`Vary: Accept`. Every IRI under /id/ answers so: claims, sources, references and
mentions with their own pages; a part of one (a claim's evidence, a source's
paragraph, an entity's spelling correction) with the page of the IRI it extends.
The ontology answers at `/ontology` the same way, and the dataset at `/dataset`
and `/.well-known/void` (its page, or its VoID description). Nothing acceptable
is a 406, an unknown IRI a 404, a withdrawn claim's IRI a 410 Gone with its tombstone page. Every other path is a file of the site (`/` its
index). Descriptions are made once per IRI and kept.
"""

from __future__ import annotations

import mimetypes
import threading
from dataclasses import dataclass, field

from rdflib import Graph
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..namespaces import ID, PREFIXES
from ..void import resource_description, void_graph
from . import results

RESOURCE_FORMATS = {
    "html": "text/html",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}
_TYPES = {".ttl": "text/turtle", ".js": "text/javascript", ".html": "text/html"}


@dataclass
class LinkedSite:
    """The site's files and the graph they were made from, served by path and by IRI."""

    files: dict[str, bytes]
    graph: Graph
    ontology: Graph
    retired: frozenset[str] = frozenset()  # claim/<id> of the withdrawn claims: 410 Gone
    _described: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def file(self, path: str) -> Response:
        path = path.strip("/") or "index.html"
        if path not in self.files:
            return PlainTextResponse(f"nothing at /{path}", status_code=404)
        suffix = "." + path.rsplit(".", 1)[-1] if "." in path else ""
        media = _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
        return Response(self.files[path], media_type=media)

    def entity(self, request: Request, path: str) -> Response:
        """/id/<path>: its page or its description, by Accept."""
        if path.endswith(".html"):
            return self.file(f"id/{path}")
        page = self._page_of(path)
        if path.strip("/") in self.retired and (ID[path], None, None) not in self.graph:
            return self._gone(path)
        if page is None or (ID[path], None, None) not in self.graph:
            return PlainTextResponse(f"nothing is described at /id/{path}", status_code=404)
        fmt = _negotiate(request)
        if fmt is None:
            return _not_acceptable()
        if fmt == "html":
            return _varied(self.file(page))
        return self._data(fmt, str(ID[path]), lambda: resource_description(self.graph, ID[path]))

    def _gone(self, path: str) -> Response:
        """A withdrawn claim: 410 Gone, with the page that says when and why, whatever the
        client accepts (the claim has no triples left to describe)."""
        page = f"id/{path.strip('/')}.html"
        body = self.files.get(page, f"the claim /id/{path} was withdrawn".encode())
        media = "text/html" if page in self.files else "text/plain"
        return Response(body, status_code=410, media_type=media, headers={"Vary": "Accept"})

    def _page_of(self, path: str) -> str | None:
        """The page of an IRI's path: its own, or that of the IRI it extends (a claim's
        evidence/…, a source's paragraph, an entity's correction)."""
        parts = path.strip("/").split("/")
        while parts:
            page = "id/" + "/".join(parts) + ".html"
            if page in self.files:
                return page
            parts.pop()
        return None

    def ontology_document(self, request: Request) -> Response:
        fmt = _negotiate(request)
        if fmt is None:
            return _not_acceptable()
        if fmt == "html":
            return _varied(self.file("ontology.html"))
        return self._data(fmt, "ontology", lambda: self.ontology)

    def void(self, request: Request) -> Response:
        """The dataset: its page to a browser, its VoID description (with this server's own
        addresses for the endpoint and dump) to a program, by Accept."""
        fmt = _negotiate(request)
        if fmt is None:
            return _not_acceptable()
        well_known = request.url.path.startswith("/.well-known/")
        if fmt == "html" and well_known and "html" not in request.headers.get("accept", ""):
            fmt = (
                "turtle"  # the well-known address is for programs: one that names nothing gets RDF
            )
        if fmt == "html":
            return _varied(self.file("dataset.html"))
        base = str(request.base_url)
        return self._data(fmt, f"void {base}", lambda: void_graph(self.graph, base))

    def _data(self, fmt: str, key: str, describe) -> Response:
        with self._lock:
            if (key, fmt) not in self._described:
                graph = describe()
                for prefix, namespace in PREFIXES.items():
                    graph.bind(prefix, namespace)
                self._described[(key, fmt)] = graph.serialize(format=fmt, encoding="utf-8")
            body = self._described[(key, fmt)]
        return Response(body, media_type=RESOURCE_FORMATS[fmt], headers={"Vary": "Accept"})


def _negotiate(request: Request) -> str | None:
    """html, turtle, nt or json-ld by Accept; a browser and a client that names nothing get html."""
    accept = results.parse_accept(request.headers.get("accept"))
    try:
        return results.choose_from(RESOURCE_FORMATS, accept)
    except results.NotAcceptableError:
        return None


def _varied(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response


def _not_acceptable() -> Response:
    offered = ", ".join(RESOURCE_FORMATS.values())
    return PlainTextResponse(
        f"none of this resource's formats is acceptable: it comes as {offered}",
        status_code=406,
        headers={"Vary": "Accept"},
    )
