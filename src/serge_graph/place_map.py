"""The places of the graph on a map: the located places with their mentions, the places no
point stands for, the movements of the exiles as the graph tells them, and the GeoJSON export.

Everything is read from the built graph with SPARQL, so the map, the export and a query
on the endpoint say the same. A movement is a person's steps: each event the person takes
part in whose place has a point, in the order of its date or bounds. A leg between two
steps is `dated` when the text dates both ends (sg:date) and `implied` when one end is only
bounded (sg:earliest/sg:latest, derived from "after", "before", "during"): the order is then
what the text implies, not what it says. What the graph says of a person and a place without
any date ("lived in Mexico", "left Barcelona") is listed as undated, never put on a route.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from itertools import pairwise

from rdflib import Graph

from .queries import run_query

# Whose movements the map draws: the exiles the text follows.
TRAVELLERS = ("victor-serge", "julian-gorkin", "vlady")
# The roles that put a person where the event took place (an author of a book published in
# Canada was not in Canada): the rest (author, publisher, recipient, …) draw no step.
PRESENT = frozenset(
    {
        "subjectOfEvent",
        "participant",
        "speakerAt",
        "organiser",
        "chair",
        "attendee",
        "defender",
        "victim",
        "injured",
        "seriouslyInjured",
        "witness",
        "perpetrator",
    }
)


_LOCATED = """
SELECT ?place ?label ?lat ?long ?wkt ?claim ?certainty ?reference ?title ?url WHERE {
  ?place wgs84_pos:lat ?lat ; wgs84_pos:long ?long ; rdfs:label ?label ;
         geo:hasGeometry/geo:asWKT ?wkt .
  ?claim rdf:subject ?place ; rdf:predicate geo:hasGeometry ; sg:certainty ?certainty ;
         sg:reference ?reference .
  ?reference rdfs:label ?title .
  OPTIONAL { ?reference schema:url ?url }
} ORDER BY ?label"""

# Each located place's most specific kind (City, Country, …): the class with no subclass
# among the place's own classes under sg:Place.
_KINDS = """
SELECT ?place ?type WHERE {
  ?place wgs84_pos:lat ?lat ; a ?class .
  ?class rdfs:subClassOf sg:Place ; rdfs:label ?type .
}"""

_MENTIONS = """
SELECT ?place (COUNT(?mention) AS ?mentions) WHERE {
  ?place wgs84_pos:lat ?lat .
  ?mention oa:hasBody ?place ; a sg:Mention .
} GROUP BY ?place"""

_UNLOCATED = """
SELECT ?place ?label ?reason WHERE {
  ?place sg:unlocatedReason ?reason ; rdfs:label ?label .
} ORDER BY ?label"""

# Each event a person takes part in, at a place, with its date or bounds and how sure.
_STEPS = """
SELECT ?event ?label ?place ?role ?certainty ?date ?earliest ?latest ?rank WHERE {
  ?claim rdf:subject ?event ; rdf:object ?person ; rdf:predicate ?role ; sg:certainty ?c .
  ?event a sg:Event ; rdfs:label ?label ; sg:place ?place .
  ?place wgs84_pos:lat ?lat .
  ?c rdfs:label ?certainty .
  OPTIONAL { ?event sg:date ?date }
  OPTIONAL { ?event sg:earliest ?earliest }
  OPTIONAL { ?event sg:latest ?latest }
  OPTIONAL { ?claim sg:rank/skos:notation ?rank }
}"""

# What the graph says of a person and a place without a date: lived in, left, arrived in …
_UNDATED = """
SELECT ?claim ?place ?name ?relation ?certainty ?rank WHERE {
  ?claim rdf:subject ?person ; rdf:predicate ?p ; rdf:object ?place ; sg:certainty ?c .
  ?place a sg:Place ; rdfs:label ?name .
  ?p rdfs:label ?relation .
  ?c rdfs:label ?certainty .
  FILTER(?p != sg:associatedWith)
  OPTIONAL { ?claim sg:rank/skos:notation ?rank }
}"""


@dataclass(frozen=True)
class MapPlace:
    iri: str
    name: str
    type: str
    lat: float
    long: float
    wkt: str
    mentions: int
    claim: str
    certainty: str
    reference: str
    reference_title: str
    reference_url: str


@dataclass(frozen=True)
class Step:
    event: str
    label: str
    place: str
    role: str
    certainty: str
    date: str  # the text's own date of the event, or ""
    earliest: str  # the first day it may have been (the date's, or the derived bound)
    latest: str
    rank: str = "normal"  # of the claim that puts the person there


@dataclass
class Movement:
    person: str
    name: str
    steps: list[Step] = field(default_factory=list)
    legs: list[str] = field(default_factory=list)  # "dated" or "implied", one per pair of steps
    undated: list[dict] = field(default_factory=list)


def located_places(graph: Graph) -> list[MapPlace]:
    """Every place with a point, with its kind, mention count and the point's claim."""
    kinds: dict[str, str] = {}
    for place, kind in sorted(run_query(graph, _KINDS).rows):
        kinds.setdefault(place, kind)  # the first in order, on every store
    mentions = {place: int(n) for place, n in run_query(graph, _MENTIONS).rows}
    places = []
    for row in run_query(graph, _LOCATED).rows:
        iri, name, lat, long, wkt, claim, certainty, ref, title, url = row
        places.append(
            MapPlace(
                iri,
                name,
                kinds.get(iri, "place"),
                float(lat),
                float(long),
                wkt,
                mentions.get(iri, 0),
                claim,
                certainty.rsplit("#", 1)[-1].lower(),
                ref,
                title,
                url or "",
            )
        )
    return places


def unlocated_places(graph: Graph) -> list[dict]:
    """The places no point stands for, each with why."""
    return [
        {"iri": iri, "name": name, "reason": reason}
        for iri, name, reason in run_query(graph, _UNLOCATED).rows
    ]


def movements(graph: Graph, people: tuple[str, ...] = TRAVELLERS) -> list[Movement]:
    """Each traveller's steps in time order, the kind of each leg, and the undated facts."""
    from rdflib import URIRef

    from .namespaces import ID

    found = []
    for slug in people:
        person = URIRef(ID[f"person/{slug}"])
        name = graph.value(person, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        if name is None:
            continue
        # the IRI written into the text: Oxigraph takes no bindings for an unprojected variable
        rows = sorted(  # in one order on every store: the first role at an event is kept
            run_query(graph, _STEPS.replace("?person", f"<{person}>")).rows,
            key=lambda row: [value or "" for value in row],
        )
        steps: dict[tuple[str, str], Step] = {}
        for event, label, place, role, certainty, date, earliest, latest, rank in rows:
            start = (date and _first_day(date)) or earliest or ""
            end = (date and _last_day(date)) or latest or ""
            if not start or role.rsplit("#", 1)[-1] not in PRESENT:
                continue  # no date nor bound (its order is unknown), or not there in person
            step = Step(
                event,
                label,
                place,
                role.rsplit("#", 1)[-1],
                certainty,
                date or "",
                start,
                end,
                str(rank or "normal"),
            )
            steps.setdefault((event, place), step)
        ordered = sorted(steps.values(), key=lambda s: (s.earliest, s.latest or "9999", s.label))
        movement = Movement(slug, str(name), ordered)
        movement.legs = ["dated" if a.date and b.date else "implied" for a, b in pairwise(ordered)]
        movement.undated = [
            {
                "claim": c,
                "place": p,
                "name": n,
                "relation": r,
                "certainty": k,
                "rank": rk or "normal",
            }
            for c, p, n, r, k, rk in sorted(
                run_query(graph, _UNDATED.replace("?person", f"<{person}>")).rows,
                key=lambda row: (row[2], row[3], row[0]),
            )
        ]
        found.append(movement)
    return found


def _first_day(date: str) -> str:
    """The first day of a date at its precision ("1943-04" -> "1943-04-01")."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def _last_day(date: str) -> str:
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:7])
        import calendar

        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date[:10]


# The events at each located place, with their bounds and the people who took part.
_PLACE_EVENTS = """
SELECT ?place ?event ?earliest ?latest ?person WHERE {
  ?event a sg:Event ; sg:place ?place . ?place wgs84_pos:lat ?lat .
  OPTIONAL { ?event sg:earliest ?earliest }
  OPTIONAL { ?event sg:latest ?latest }
  OPTIONAL { ?event sg:participant ?person . ?person a sg:Person }
}"""

# A person tied to a located place without an event (lived in, born in, arrived in, …).
_PLACE_PEOPLE = """
SELECT ?place ?person WHERE {
  ?person a sg:Person ; ?p ?place . ?place wgs84_pos:lat ?lat .
  FILTER(?p != sg:associatedWith)
}"""


def place_spans(graph: Graph) -> dict[str, dict]:
    """Each located place's events as year spans [first, last] (the years filter of the map)
    and the slugs of the people the graph puts there (the person filter)."""
    found: dict[str, dict] = {}
    for place, event, earliest, latest, person in run_query(graph, _PLACE_EVENTS).rows:
        item = found.setdefault(place, {"years": {}, "people": set()})
        if earliest and latest:  # an open bound ("not before 1936") places it in no span
            item["years"][event] = [int(earliest[:4]), int(latest[:4])]
        if person:
            item["people"].add(person.rsplit("/", 1)[-1])
    for place, person in run_query(graph, _PLACE_PEOPLE).rows:
        found.setdefault(place, {"years": {}, "people": set()})["people"].add(
            person.rsplit("/", 1)[-1]
        )
    return {
        place: {"years": sorted(item["years"].values()), "people": sorted(item["people"])}
        for place, item in found.items()
    }


def map_data(graph: Graph) -> dict:
    """What the map page draws, as plain JSON-ready data."""
    spans = place_spans(graph)
    return {
        "places": [
            {**asdict(p), **spans.get(p.iri, {"years": [], "people": []})}
            for p in located_places(graph)
        ],
        "unlocated": unlocated_places(graph),
        "movements": [asdict(m) for m in movements(graph)],
    }


def geojson(graph: Graph, page: callable | None = None) -> dict:
    """The located places as a GeoJSON FeatureCollection: one Point each (longitude first),
    with name, type, mention count, the IRI, the site page and the reference of the point."""
    from .namespaces import ID

    def page_of(iri: str) -> str:
        return "id/" + iri.removeprefix(str(ID)) + ".html"

    features = [
        {
            "type": "Feature",
            "id": place.iri,
            "geometry": {"type": "Point", "coordinates": [place.long, place.lat]},
            "properties": {
                "name": place.name,
                "type": place.type,
                "mentions": place.mentions,
                "iri": place.iri,
                "page": (page or page_of)(place.iri),
                "claim": place.claim,
                "certainty": place.certainty,
                "speaker": "general knowledge",
                "reference": place.reference_title,
                "reference_url": place.reference_url,
            },
        }
        for place in located_places(graph)
    ]
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(graph: Graph) -> bytes:
    return (json.dumps(geojson(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
