"""The exports other tools read, on the real graph: GEXF and GraphML read back by networkx
equal to the network projection, the CSV node and edge tables, the W3C Web Annotations (every
selector exact against the text, one per piece of evidence), the RDF 1.2 reifications."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyoxigraph
import pytest
from click.testing import CliRunner

from serge_graph import network, network_files, rdf_star, web_annotations
from serge_graph.cli import main
from serge_graph.queries import run_query

NODE_ATTRIBUTES = ("label", "type", "kind", "iri", "pagerank", "mentions", "aliases", "description")
EDGE_ATTRIBUTES = ("relation", "relation_iri", "certainty", "speaker", "claim", "quote")


@pytest.fixture(scope="module")
def full(graph):
    return network.full_projection(graph)


@pytest.fixture(scope="module")
def flat(graph, full):
    return network_files.tool_network(graph, full)


def expected_nodes(graph, full) -> dict[str, dict]:
    """Each node's attributes as the projection and the metrics give them."""
    pagerank = {m.node: m.pagerank for m in network.metrics(full)}
    return {
        node: {
            "label": data["label"],
            "type": data["type"],
            "kind": data["kind"],
            "iri": node,
            "pagerank": pagerank[node],
            "mentions": data["mentions"],
            "aliases": " | ".join(data["aliases"]),
            "description": data["description"],
        }
        for node, data in full.nodes(data=True)
    }


def expected_edges(graph, full) -> dict[str, dict]:
    """Each claim edge, by claim IRI: its ends and attributes, the relation's IRI from SPARQL."""
    predicates = dict(
        run_query(graph, "SELECT ?c ?p WHERE { ?c a sg:Claim ; rdf:predicate ?p }").rows
    )
    return {
        key: {
            "ends": (s, o),
            "relation": data["relation"],
            "relation_iri": predicates[key],
            "certainty": data["certainty"],
            "speaker": data["speaker"],
            "claim": data["claim"],
            "quote": data["quote"],
        }
        for s, o, key, data in full.edges(keys=True, data=True)
    }


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gexf_and_graphml_read_back_with_every_node_edge_and_attribute(graph, full, flat, fmt):
    content = (network_files.gexf_bytes if fmt == "gexf" else network_files.graphml_bytes)(flat)
    read = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(io.BytesIO(content))
    nodes, edges = expected_nodes(graph, full), expected_edges(graph, full)
    assert set(read.nodes) == set(nodes) and len(nodes) > 150
    for node, wanted in nodes.items():
        got = {name: read.nodes[node][name] for name in NODE_ATTRIBUTES}
        assert got == wanted, node
    assert read.is_directed() and read.number_of_edges() == len(edges) > 400
    seen = {}
    for s, o, data in read.edges(data=True):
        seen[data["claim"]] = {"ends": (s, o), **{name: data[name] for name in EDGE_ATTRIBUTES}}
    assert seen == edges
    assert any(e["certainty"] == "inferred" for e in seen.values())  # not all one value
    assert any(" | " in nodes[n]["aliases"] for n in nodes)  # a list joined


def test_csv_tables_are_the_projections_nodes_and_edges(graph, full, flat):
    """(`export --format csv --out DIR` writes these two files: the docs' Palladio example.)"""
    tables = network_files.csv_tables(flat)
    nodes_csv = tables["nodes.csv"].decode("utf-8")
    nodes = {row["id"]: row for row in csv.DictReader(io.StringIO(nodes_csv))}
    edges = list(csv.DictReader(io.StringIO(tables["edges.csv"].decode("utf-8"))))
    wanted_nodes, wanted_edges = expected_nodes(graph, full), expected_edges(graph, full)
    assert set(nodes) == set(wanted_nodes)
    for node, wanted in wanted_nodes.items():
        row = nodes[node]
        assert float(row.pop("pagerank")) == pytest.approx(wanted.pop("pagerank"), rel=1e-12)
        assert int(row.pop("mentions")) == wanted.pop("mentions")
        wanted.pop("iri")
        assert {k: v for k, v in row.items() if k != "id"} == wanted, node
    assert len(edges) == len(wanted_edges)
    for row in edges:
        wanted = wanted_edges[row["claim"]]
        assert (row.pop("source"), row.pop("target")) == wanted.pop("ends")
        assert row == wanted, row["claim"]


def test_csv_needs_a_folder_and_a_file_format_needs_a_file(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "csv"])
    assert result.exit_code == 2 and "--out DIR" in result.output
    result = runner.invoke(main, ["export", "--format", "gexf", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "a folder" in result.output


def test_every_web_annotation_is_exact_against_the_text(graph, corpus):
    collection = json.loads(web_annotations.annotations_bytes(graph))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    evidence = run_query(graph, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sg:Evidence }")
    assert collection["total"] == len(items) == int(evidence.rows[0][0]) > 800
    assert len({item["id"] for item in items}) == len(items)
    claims = {row[0] for row in run_query(graph, "SELECT ?c WHERE { ?c a sg:Claim }").rows}
    texts = {
        f"https://w3id.org/serge-graph/id/source/{k}": s.text for k, s in corpus.sources.items()
    }
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] == "describing"
        claim, words = item["body"]
        assert claim["id"] in claims and item["id"].startswith(claim["id"] + "/evidence-")
        assert words["type"] == "TextualBody" and " (said by " in words["value"]
        text = texts[item["target"]["source"]]
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"], item["id"]
        assert text[:start].endswith(quote["prefix"]), item["id"]
        assert text[end:].startswith(quote["suffix"]), item["id"]
    assert sum(1 for item in items if item["target"]["selector"][0]["prefix"]) > len(items) / 2


def test_rdf_star_reifies_each_claims_triple_beside_the_statement(graph):
    turtle = rdf_star.rdf_star_bytes(graph)
    assert b"rdf:reifies <<( " in turtle
    quads = list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))
    reified = {q.subject.value: q.object for q in quads if q.predicate == rdf_star.REIFIES}
    statements = run_query(
        graph,
        "SELECT ?c ?s ?p ?o WHERE { ?c a sg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }",
    ).rows
    assert len(reified) == len(statements) > 700
    for claim, s, p, o in statements:
        triple = reified[claim]
        assert (triple.subject.value, triple.predicate.value, triple.object.value) == (s, p, o)
    assert len(quads) == len(graph) + len(statements)  # the whole graph, and the reifications
