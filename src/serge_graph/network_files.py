"""The full network as files other tools read: GEXF and GraphML (Gephi), node and edge CSV
tables (Palladio, spreadsheets).

One node per entity and event, one edge per claim between two of them (network.py's full
projection), with the attributes a reader of the network needs:

- a node: ``label``, ``type`` (its narrowest class, e.g. ``Person``, ``Arrest``), ``kind``
  (person, group, organisation, place, work or event), ``iri``, ``pagerank`` (on the
  projection's simple view, network.metrics), ``mentions`` (how often the text names it),
  ``aliases``, ``description``;
- an edge: ``relation`` (the relation's reading label), ``relation_iri``, ``certainty``,
  ``speaker`` (a label), ``claim`` (the claim's IRI), ``quote`` (its first quote in text order).

GEXF and GraphML hold neither lists nor a missing value: a list (``aliases``) is written as
its items joined by " | " (no alias contains one), and a missing value as the empty string,
so that every node and every edge has every attribute, with one type.
"""

from __future__ import annotations

import csv
import io

import networkx as nx
from rdflib import Graph

from . import network
from .queries import run_query

LIST_SEPARATOR = " | "
NODE_COLUMNS = ("id", "label", "type", "kind", "pagerank", "mentions", "aliases", "description")
EDGE_COLUMNS = (
    "source",
    "target",
    "relation",
    "relation_iri",
    "certainty",
    "speaker",
    "claim",
    "quote",
)
_PREDICATES = "SELECT ?claim ?p WHERE { ?claim a sg:Claim ; rdf:predicate ?p . }"


def tool_network(rdf: Graph, full: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The full projection with only flat attributes (strings, numbers): what GEXF, GraphML
    and the CSV tables are written from. Edges are keyed by claim IRI."""
    full = full if full is not None else network.full_projection(rdf)
    pagerank = network.pageranks(network.simple_view(full))
    predicates = dict(run_query(rdf, _PREDICATES).rows)
    flat = nx.MultiDiGraph()
    for node, data in sorted(full.nodes(data=True)):
        flat.add_node(
            node,
            label=data["label"],
            type=data["type"],
            kind=data["kind"],
            iri=node,
            pagerank=float(pagerank[node]),
            mentions=int(data["mentions"]),
            aliases=LIST_SEPARATOR.join(data["aliases"]),
            description=data["description"] or "",
        )
    for s, o, key, data in sorted(full.edges(keys=True, data=True), key=lambda e: e[2]):
        flat.add_edge(
            s,
            o,
            key=key,
            relation=data["relation"],
            relation_iri=str(predicates[data["claim"]]),
            certainty=data["certainty"],
            speaker=data["speaker"],
            claim=data["claim"],
            quote=data["quote"],
        )
    return flat


def gexf_bytes(flat: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def graphml_bytes(flat: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def csv_tables(flat: nx.MultiDiGraph) -> dict[str, bytes]:
    """{"nodes.csv": …, "edges.csv": …}: one row per node (id is its IRI) and per edge
    (source and target are node ids), UTF-8 with a header row."""
    nodes = [[node, *(data[c] for c in NODE_COLUMNS[1:])] for node, data in flat.nodes(data=True)]
    edges = [[s, o, *(data[c] for c in EDGE_COLUMNS[2:])] for s, o, data in flat.edges(data=True)]
    return {
        "nodes.csv": _csv(NODE_COLUMNS, nodes),
        "edges.csv": _csv(EDGE_COLUMNS, edges),
    }


def _csv(columns: tuple[str, ...], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
