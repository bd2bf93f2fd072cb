"""What the timeline filters and lists besides its dated rows: each event's people (the person
filter), the corrections of the dates the text gets wrong, and the events the text leaves undated,
with the bounds the graph derives for them or the reason there are none."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from ..model import PartialDate
from ..queries import run_query
from .pages import readable_date

# The people who take part in each event (every role is also sg:participant, materialised):
# the participants and the people's names apart, joined here (rdflib joined them in time that
# grows with the square of the graph: 0.8 s at 5 copies of the article, 10.5 s at 20).
_PARTICIPANTS = """
SELECT ?event ?person WHERE { ?event a sg:Event ; sg:participant ?person . }"""
_PEOPLE = """
SELECT ?person ?name WHERE { ?person a sg:Person ; rdfs:label ?name . }"""

# A correction of a deprecated claim: its value and the reference it names.
_FIXES = """
SELECT ?claim ?value ?reference WHERE {
  ?fix sg:corrects ?claim ; rdf:object ?value .
  OPTIONAL { ?fix sg:reference/rdfs:label ?reference }
}"""

# Every event with the bounds the graph derives where the text gives no date.
_EVENTS = """
SELECT ?event ?label ?earliest ?latest WHERE {
  ?event a sg:Event ; rdfs:label ?label .
  OPTIONAL { ?event sg:earliest ?earliest }
  OPTIONAL { ?event sg:latest ?latest }
}"""

# The events whose dates bound another's. Apart from _EVENTS: rdflib evaluates a third OPTIONAL
# of that query once per row over the whole graph (0.2 s for the article, 20 s at 10 copies).
_BOUNDED_BY = """
SELECT ?event ?from WHERE {
  ?event sg:boundsInferredFrom ?claim . ?claim rdf:object ?other . ?other a sg:Event ;
  rdfs:label ?from .
}"""


@dataclass(frozen=True)
class Undated:
    """An event the text gives no date: its bounds in words, or why it has none."""

    iri: str
    label: str
    bounds: str  # "not before 22 June 1941, not after 31 December 1944", or ""
    reason: str  # where the bounds come from, or why there are none
    people: tuple[str, ...] = ()


@dataclass
class TimelineFacets:
    people: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # event -> (slug, name)
    fixes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # claim -> (value, ref)
    undated: list[Undated] = field(default_factory=list)


def timeline_facets(rdf: Graph, dated: set[str]) -> TimelineFacets:
    """People by event, corrections by claim, and the undated events (those not in dated)."""
    names: dict[str, list[str]] = {}
    for person, name in run_query(rdf, _PEOPLE).rows:
        names.setdefault(person, []).append(name)
    people: dict[str, dict[str, str]] = {}
    for event, person in run_query(rdf, _PARTICIPANTS).rows:
        for name in names.get(person, ()):
            people.setdefault(event, {})[person.rsplit("/", 1)[-1]] = name
    fixes: dict[str, list[tuple[str, str]]] = {}
    for claim, value, reference in sorted(
        run_query(rdf, _FIXES).rows, key=lambda r: [*map(str, r)]
    ):
        fixes.setdefault(claim, []).append((_words(value), reference or ""))
    origins: dict[str, set[str]] = {}
    for event, origin in run_query(rdf, _BOUNDED_BY).rows:
        origins.setdefault(event, set()).add(origin)
    found: dict[str, dict] = {}
    for event, label, earliest, latest in run_query(rdf, _EVENTS).rows:
        if event in dated:
            continue
        item = found.setdefault(event, {"label": label, "earliest": earliest, "latest": latest})
        item["from"] = origins.get(event, set())
    undated = [
        Undated(
            event,
            item["label"],
            _bounds(item["earliest"], item["latest"]),
            _reason(item),
            tuple(sorted(people.get(event, {}))),
        )
        for event, item in found.items()
    ]
    undated.sort(key=lambda u: (not u.bounds, u.label.casefold()))
    return TimelineFacets(
        {event: sorted(names.items(), key=lambda p: p[1]) for event, names in people.items()},
        fixes,
        undated,
    )


def _words(value: str) -> str:
    try:
        return readable_date(PartialDate.parse(value))
    except ValueError:
        return value


def _bounds(earliest: str | None, latest: str | None) -> str:
    if earliest and latest and earliest[:10] == latest[:10]:
        return "on " + _words(earliest[:10])
    parts = []
    if earliest:
        parts.append("not before " + _words(earliest[:10]))
    if latest:
        parts.append("not after " + _words(latest[:10]))
    return ", ".join(parts)


def _reason(item: dict) -> str:
    if not item["earliest"] and not item["latest"]:
        return "the text gives no date, and no other event bounds it"
    origins = sorted(item["from"])
    if origins:
        return "the text gives no date; bounds inferred from " + "; ".join(origins)
    return "the text gives no date; bounds inferred (general knowledge or the events around it)"
