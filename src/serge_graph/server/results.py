"""Result formats of the SPARQL 1.1 Protocol, and choosing one from a request's Accept header.

Negotiation follows RFC 9110: q-values rank the client's media ranges, a
more specific range beats a wider one (`text/csv` over `text/*` over `*/*`),
`q=0` refuses a type, and nothing acceptable is a 406. The `format`
parameter, a convenience for links and curl, names a format directly.

The writers take rows already capped at the row limit, so a result is never
larger in memory than the cap allows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, URIRef

# Formats by query form: name -> media type. The first is the default.
SELECT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
# SPARQL 1.1 CSV and TSV cover SELECT results only: an ASK answer has no table
ASK_FORMATS = {name: SELECT_FORMATS[name] for name in ("json", "xml")}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
}
FORMATS_BY_FORM = {
    "SELECT": SELECT_FORMATS,
    "ASK": ASK_FORMATS,
    "CONSTRUCT": GRAPH_FORMATS,
    "DESCRIBE": GRAPH_FORMATS,
}
# Media types clients send for the same formats
_SYNONYMS = {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/plain": "nt",
    "application/x-turtle": "turtle",
    "application/json-ld": "json-ld",
}


class NotAcceptableError(Exception):
    """No format this query form has is acceptable to the client."""

    def __init__(self, form: str, offered: Sequence[str]):
        self.offered = list(offered)
        super().__init__(
            f"no result format of a {form} query is acceptable to this request's Accept header; "
            f"a {form} result comes as {', '.join(self.offered)}"
        )


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values, in the header's order.

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0)]
    >>> parse_accept(None)
    []
    """
    ranges = []
    for item in (header or "").split(","):
        media, *params = [part.strip() for part in item.split(";")]
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0  # a malformed weight is taken as a refusal, never a preference
        ranges.append((media.lower(), quality))
    return ranges


def choose_format(form: str, accept: list[tuple[str, float]], wanted: str | None = None) -> str:
    """The format name for a query form, by the `format` parameter or by Accept.

    >>> choose_format("SELECT", parse_accept("text/csv;q=0.4, application/sparql-results+xml"))
    'xml'
    >>> choose_format("ASK", parse_accept("text/csv, */*;q=0.1"))
    'json'
    >>> choose_format("CONSTRUCT", [])
    'turtle'
    """
    formats = FORMATS_BY_FORM[form]
    if wanted:
        if wanted in formats:
            return wanted
        raise NotAcceptableError(form, list(formats))
    return choose_from(formats, accept, form)


def choose_from(
    formats: dict[str, str], accept: list[tuple[str, float]], what: str = "this resource"
) -> str:
    """The name of the format (name -> media type, the first the default) the client likes best."""
    if not accept:
        return next(iter(formats))
    best, best_rank = None, (0.0, -1)
    for name, media in formats.items():
        rank = _quality(media, name, accept)
        # higher q wins; then the more specific range; on a tie, the server's order
        if rank[0] > 0 and rank > best_rank:
            best, best_rank = name, rank
    if best is None:
        raise NotAcceptableError(what, list(formats.values()))
    return best


def _quality(media: str, name: str, accept: list[tuple[str, float]]) -> tuple[float, int]:
    """The q-value the client gives this format: from its most specific matching range."""
    kind = media.split("/")[0]
    found: tuple[int, float] | None = None
    for offered, quality in accept:
        if offered == media or _SYNONYMS.get(offered) == name:
            specificity = 2
        elif offered == f"{kind}/*":
            specificity = 1
        elif offered == "*/*":
            specificity = 0
        else:
            continue
        if found is None or specificity > found[0]:
            found = (specificity, quality)
    return (0.0, -1) if found is None else (found[1], found[0])


# --- writers -------------------------------------------------------------------------


def write_select(fmt: str, names: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """SELECT rows (rdflib terms or None) in one of SELECT_FORMATS."""
    rows = list(rows)
    if fmt == "json":
        return _select_json(names, rows)
    if fmt == "xml":
        return _select_xml(names, rows)
    if fmt == "csv":
        return _select_csv(names, rows)
    return _select_tsv(names, rows)


def write_ask(fmt: str, answer: bool) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode("utf-8")
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head/><boolean>{'true' if answer else 'false'}</boolean></sparql>\n"
    ).encode()


def write_graph(fmt: str, triples: Iterable[tuple], prefixes: dict[str, str]) -> bytes:
    out = Graph()
    for prefix, namespace in prefixes.items():
        out.bind(prefix, namespace)
    for triple in triples:
        out.add(triple)
    return out.serialize(format=fmt, encoding="utf-8")


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def _select_json(names: Sequence[str], rows: list) -> bytes:
    bindings = [
        {name: _json_term(term) for name, term in zip(names, row, strict=True) if term is not None}
        for row in rows
    ]
    return json.dumps(
        {"head": {"vars": list(names)}, "results": {"bindings": bindings}}, ensure_ascii=False
    ).encode("utf-8")


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attributes = ""
    if term.language:
        attributes = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attributes = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attributes}>{escape(str(term))}</literal>"


def _select_xml(names: Sequence[str], rows: list) -> bytes:
    parts = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
        *(f"<variable name={quoteattr(name)}/>" for name in names),
        "</head><results>",
    ]
    for row in rows:
        parts.append("<result>")
        parts.extend(
            f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
            for name, term in zip(names, row, strict=True)
            if term is not None
        )
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


def _select_csv(names: Sequence[str], rows: list) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if term is None else _csv_value(term) for term in row])
    return out.getvalue().encode("utf-8")


def _csv_value(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _select_tsv(names: Sequence[str], rows: list) -> bytes:
    """SPARQL 1.1 TSV: a header of ?variables, then values in Turtle syntax."""
    lines = ["\t".join(f"?{name}" for name in names)]
    for row in rows:
        lines.append("\t".join(_tsv_value(term) for term in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_value(term) -> str:
    if term is None:
        return ""
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")
