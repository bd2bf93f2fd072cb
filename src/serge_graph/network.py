"""RDF graph -> networkx: three projections, their metrics, and paths with evidence.

- full: every entity and event, one edge per claim between two of them, each
  edge with its relation, quote and speaker;
- actors: people, groups and organisations; two actors are linked by a claim
  between them, or by sharing an event or a work (the edge says which);
- comention: entities mentioned in the same paragraph, weighted by how often.
"""

from __future__ import annotations

import difflib
import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph

from .choices import PROJECTIONS
from .errors import SergeGraphError
from .explore import normalise_name
from .namespaces import OA, SG
from .queries import run_query

KINDS = ("person", "group", "organisation", "place", "work", "event")
ACTOR_KINDS = ("person", "group", "organisation")
_KIND_CLASS = {
    "person": SG.Person,
    "group": SG.Group,
    "organisation": SG.Organisation,
    "place": SG.Place,
    "work": SG.Work,
    "event": SG.Event,
}
COMMUNITY_SEED = 1947

_NODES = """
SELECT ?node ?label ?class ?description WHERE {
  { ?node a sg:Entity } UNION { ?node a sg:Event }
  ?node rdfs:label ?label ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(sg:)))
  OPTIONAL { ?node dcterms:description ?description }
}"""

_SUBCLASSES = """
SELECT ?class ?parent WHERE { ?class rdfs:subClassOf ?parent . FILTER(STRSTARTS(STR(?class), STR(sg:))) }
"""

_ALIASES = "SELECT ?node ?alias WHERE { ?node skos:altLabel ?alias }"

_DATES = """
SELECT ?node ?kind ?date WHERE {
  VALUES (?p ?kind) { (sg:birthDate "born") (sg:deathDate "died") (sg:dateText "date") }
  ?node ?p ?date .
}"""

_CLAIMS = """
SELECT ?claim ?s ?p ?o ?relation ?speaker ?quote ?start ?certainty ?source ?rank ?paragraph WHERE {
  ?claim a sg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
         sg:speaker ?who ; sg:evidence ?evidence ; sg:certainty ?level .
  ?evidence oa:hasTarget/oa:hasSource ?source .
  ?who rdfs:label ?speaker .
  ?level rdfs:label ?certainty .
  ?p rdfs:label ?relation .
  ?evidence oa:hasTarget ?target .
  ?target oa:hasSelector ?quote_selector , ?position_selector .
  ?quote_selector oa:exact ?quote .
  ?position_selector oa:start ?start .
  OPTIONAL { ?claim sg:rank/skos:notation ?rank }
  OPTIONAL { ?evidence sg:inParagraph ?paragraph }
}"""

# What corrects a deprecated claim: the correction's relation (when it differs), its value in
# words and the reference it names.
_CORRECTIONS = """
SELECT ?claim ?relation ?value ?label ?reference WHERE {
  ?fix sg:corrects ?claim ; rdf:object ?value ; rdf:predicate ?p .
  ?claim rdf:predicate ?q .
  OPTIONAL { ?p rdfs:label ?relation . FILTER(?p != ?q) }
  OPTIONAL { ?value rdfs:label ?label }
  OPTIONAL { ?fix sg:reference/rdfs:label ?reference }
}"""

_MEMBERSHIPS = "SELECT ?p WHERE { ?p rdfs:subPropertyOf* sg:memberOf }"

_EVENT_SPANS = (
    "SELECT ?node ?earliest ?latest WHERE { ?node sg:earliest ?earliest ; sg:latest ?latest . }"
)

_MENTIONS = """
SELECT ?node ?paragraph WHERE { ?mention a sg:Mention ; oa:hasBody ?node ; sg:inParagraph ?paragraph . }
"""

_SOURCES = """
SELECT ?source ?number ?title WHERE { ?source a sg:Source ; sg:sourceNumber ?number ; rdfs:label ?title . }
"""


class NetworkError(SergeGraphError):
    """A name, type or projection that the network does not know."""


@dataclass(frozen=True)
class Hop:
    """One step of a path: from one node to the next, and the claim that links them."""

    source: str
    target: str
    relation: str
    quote: str
    speaker: str
    forward: bool  # the claim reads source -> target (False: target -> source)
    certainty: str = ""  # stated, implied or inferred
    claim: str = ""  # the claim's IRI
    cost: int = 0  # how weak the hop is as evidence (evidence_paths; 0: not weighed)


def _node_table(rdf: Graph) -> dict[str, dict]:
    parents = defaultdict(set)
    for row in run_query(rdf, _SUBCLASSES).rows:
        parents[row[0]].add(row[1])
    classes: dict[str, set[str]] = defaultdict(set)
    nodes: dict[str, dict] = {}
    for node, label, cls, description in run_query(rdf, _NODES).rows:
        classes[node].add(cls)
        nodes.setdefault(node, {"label": label, "description": description or ""})
    for node, data in nodes.items():
        specific = [c for c in classes[node] if not any(c in parents[o] for o in classes[node])]
        data["type"] = sorted(c.rsplit("#", 1)[-1] for c in specific)[0]
        data["kind"] = next(k for k in KINDS if str(_KIND_CLASS[k]) in classes[node])
        data.update(aliases=[], dates={}, quotes=[], mentions=0, sources=set())
    for node, alias in run_query(rdf, _ALIASES).rows:
        if node in nodes:
            nodes[node]["aliases"].append(alias)
    for node, kind, date in sorted(run_query(rdf, _DATES).rows):
        if node in nodes:  # where the text conflicts (Umansky died 1943 or 1945) keep both
            known = nodes[node]["dates"].get(kind)
            nodes[node]["dates"][kind] = f"{known} or {date}" if known and known != date else date
    for node, earliest, latest in run_query(rdf, _EVENT_SPANS).rows:
        if node in nodes:  # the years a date filter compares (a range: its bounds)
            nodes[node]["years"] = [int(earliest[:4]), int(latest[:4])]
    for data in nodes.values():
        data["aliases"].sort()
    return nodes


def _claims(rdf: Graph) -> list[dict]:
    """One row per claim, with its first quote in text order."""
    first: dict[str, dict] = {}
    for claim, s, p, o, relation, speaker, quote, start, certainty, source, *more in _claim_rows(
        rdf
    ):
        rank, paragraph = more
        row = {
            "source": source.rsplit("/", 1)[-1],
            "claim": claim,
            "s": s,
            "p": p,
            "o": o,
            "relation": relation,
            "speaker": speaker,
            "quote": quote,
            "start": int(start),
            "certainty": str(certainty),
            "predicate": p,
            "rank": str(rank or "normal"),
            "paragraph": paragraph.rsplit("/", 1)[-1] if paragraph else "",
        }
        # two quotes at one place: the shorter (a prefix sorts first), whatever the engine's order
        if claim not in first or _place(row) < _place(first[claim]):
            first[claim] = row
    return sorted(first.values(), key=lambda r: (r["start"], r["claim"]))


def _claim_rows(rdf: Graph) -> Iterator[tuple]:
    """The rows of _CLAIMS, read by the graph's own lookups: rdflib's evaluator took a minute
    and a half for them at a hundred sources (a join per claim, evidence and selector)."""
    label = _labels(rdf)
    for claim in rdf.subjects(RDF.type, SG.Claim):
        relation = label.get(rdf.value(claim, RDF.predicate))
        certainty = label.get(rdf.value(claim, SG.certainty))
        speaker = label.get(rdf.value(claim, SG.speaker))
        s, p, o = (rdf.value(claim, term) for term in (RDF.subject, RDF.predicate, RDF.object))
        if None in (relation, certainty, speaker, s, p, o):
            continue
        rank_node = rdf.value(claim, SG.rank)
        rank = None if rank_node is None else rdf.value(rank_node, SKOS.notation)
        head = (claim, s, p, o, relation, speaker)
        for evidence in rdf.objects(claim, SG.evidence):
            paragraph = rdf.value(evidence, SG.inParagraph)
            for target in rdf.objects(evidence, OA.hasTarget):
                yield from _evidence_rows(rdf, head, target, certainty, rank, paragraph)


def _evidence_rows(rdf: Graph, head, target, certainty, rank, paragraph) -> Iterator[tuple]:
    selectors = list(rdf.objects(target, OA.hasSelector))
    quotes = [q for selector in selectors for q in rdf.objects(selector, OA.exact)]
    starts = [n for selector in selectors for n in rdf.objects(selector, OA.start)]
    for source in rdf.objects(target, OA.hasSource):
        for quote in quotes:
            for start in starts:
                yield tuple(
                    None if v is None else str(v)
                    for v in (*head[:6], quote, start, certainty, source, rank, paragraph)
                )


def _labels(rdf: Graph) -> dict:
    return {node: label for node, label in rdf.subject_objects(RDFS.label)}


def _place(row: dict) -> tuple[int, str]:
    return row["start"], row["quote"]


def corrections(rdf: Graph) -> dict[str, list[dict]]:
    """Each deprecated claim's corrections, in order: the correction's relation where it differs
    from the claim's, its value (an IRI or a literal), the value's label, the reference's title."""
    found: dict[str, list[dict]] = defaultdict(list)
    for claim, relation, value, label, reference in sorted(
        run_query(rdf, _CORRECTIONS).rows, key=lambda row: [str(v or "") for v in row]
    ):
        found[claim].append(
            {
                "relation": relation or "",
                "value": str(value),
                "label": label or "",
                "reference": reference or "",
            }
        )
    return dict(found)


def full_projection(rdf: Graph) -> nx.MultiDiGraph:
    """Entities and events, one edge per claim between two of them."""
    nodes = _node_table(rdf)
    fixes = corrections(rdf)
    memberships = {row[0] for row in run_query(rdf, _MEMBERSHIPS).rows}
    graph = nx.MultiDiGraph(projection="full")
    for node, data in sorted(nodes.items()):
        graph.add_node(node, **data)
    for row in _claims(rdf):
        if row["s"] in nodes and row["o"] in nodes:
            graph.add_edge(
                row["s"],
                row["o"],
                key=row["claim"],
                claim=row["claim"],  # the IRI again, for the page's link to the text
                relation=row["relation"],
                quote=row["quote"],
                speaker=row["speaker"],
                start=row["start"],
                certainty=row["certainty"],
                # belonging to a group (member of, leader of, held position in): a weaker
                # link between two people than a relation between them (evidence_paths)
                membership=row["predicate"] in memberships,
                source=row["source"],
                rank=row["rank"],
                paragraph=row["paragraph"],
                fixes=fixes.get(row["claim"], []),
            )
        for end in (row["s"], row["o"]):
            _keep_quote(nodes.get(end), row["quote"], row["speaker"])
    for paragraph, paragraph_nodes in _mentions_by_paragraph(rdf).items():
        for node in paragraph_nodes:
            if node in graph:
                graph.nodes[node]["mentions"] += paragraph_nodes[node]
                graph.nodes[node]["sources"].add(source_of_paragraph(paragraph))
    for s, o, data in graph.edges(data=True):
        graph.nodes[s]["sources"].add(data["source"])
        graph.nodes[o]["sources"].add(data["source"])
    for _node, data in graph.nodes(data=True):
        data["sources"] = sorted(data["sources"])
    return graph


def source_of_paragraph(paragraph: str) -> str:
    """The source id in a paragraph's IRI (…/id/source/gorkin-1957/p36)."""
    return paragraph.rsplit("/", 2)[-2]


def source_table(rdf: Graph) -> dict[str, dict]:
    """Each source by id: its place in sources.yaml and its title."""
    return {
        iri.rsplit("/", 1)[-1]: {"number": int(number), "title": title}
        for iri, number, title in run_query(rdf, _SOURCES).rows
    }


def _keep_quote(node: dict | None, quote: str, speaker: str) -> None:
    """Up to three different quotes per node, the first in text order."""
    if node is None or len(node["quotes"]) >= 3:
        return
    if all(q["quote"] != quote for q in node["quotes"]):
        node["quotes"].append({"quote": quote, "speaker": speaker})


def _mentions_by_paragraph(rdf: Graph) -> dict[str, dict[str, int]]:
    by_paragraph: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for node, paragraph in run_query(rdf, _MENTIONS).rows:
        by_paragraph[paragraph][node] += 1
    return by_paragraph


def actors_projection(rdf: Graph, full: nx.MultiDiGraph | None = None) -> nx.Graph:
    """People, groups and organisations, linked by claims, shared events and shared works."""
    full = full if full is not None else full_projection(rdf)
    actors = [n for n, d in full.nodes(data=True) if d["kind"] in ACTOR_KINDS]
    graph = nx.Graph(projection="actors")
    graph.add_nodes_from((n, full.nodes[n]) for n in actors)
    for s, o, data in full.edges(data=True):
        if s in graph and o in graph and s != o:
            _link(graph, s, o, data, via="")
    for hub, data in full.nodes(data=True):
        if data["kind"] not in ("event", "work"):
            continue
        touching = _actors_touching(full, hub)
        for (a, qa), (b, _qb) in itertools.combinations(sorted(touching.items()), 2):
            relation = ("both in " if data["kind"] == "event" else "both linked to ") + data[
                "label"
            ]
            _link(graph, a, b, {**qa, "relation": relation}, via=hub)
    return graph


def _actors_touching(full: nx.MultiDiGraph, hub: str) -> dict[str, dict]:
    touching = {}
    for s, o, data in itertools.chain(
        full.in_edges(hub, data=True), full.out_edges(hub, data=True)
    ):
        other = s if o == hub else o
        if full.nodes[other]["kind"] in ACTOR_KINDS and other not in touching:
            touching[other] = data
    return touching


def _link(graph: nx.Graph, a: str, b: str, claim: dict, via: str):
    """One more link between two actors: a claim between them, or one that ties each to `via`."""
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, links=[], weight=0)
    edge = graph.edges[a, b]
    fields = ("relation", "quote", "speaker", "claim", "certainty", "start", "source", "rank")
    fields += ("paragraph", "fixes")
    edge["links"].append({**{f: claim.get(f, "") for f in fields}, "via": via})
    edge["weight"] += 1


def comention_projection(rdf: Graph, full: nx.MultiDiGraph | None = None) -> nx.Graph:
    """Entities and events mentioned in the same paragraph; weight = shared paragraphs."""
    full = full if full is not None else full_projection(rdf)
    graph = nx.Graph(projection="comention")
    graph.add_nodes_from((n, d) for n, d in full.nodes(data=True) if d["mentions"])
    for paragraph, counts in sorted(_mentions_by_paragraph(rdf).items()):
        present = sorted(n for n in counts if n in graph)
        for a, b in itertools.combinations(present, 2):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, weight=0, paragraphs=[])
            graph.edges[a, b]["weight"] += 1
            graph.edges[a, b]["paragraphs"].append(paragraph)
    return graph


def projection(rdf: Graph, name: str = "full") -> nx.Graph:
    """A projection by name; graph.graph["sources"] holds the sources (source_table)."""
    makers = {"full": full_projection, "actors": actors_projection}
    makers["comention"] = comention_projection
    if name not in makers:
        raise NetworkError(f"unknown projection {name!r}; choose one of {', '.join(PROJECTIONS)}")
    graph = makers[name](rdf)
    graph.graph["sources"] = source_table(rdf)
    return graph


def filter_source(graph: nx.Graph, source_id: str) -> nx.Graph:
    """What one source says: the claims quoting it (for a co-mention, its paragraphs) and the
    nodes they link or that the source names."""
    if source_id not in graph.graph.get("sources", {}):
        sources = graph.graph.get("sources", {})
        known = ", ".join(sorted(sources, key=lambda s: sources[s]["number"]))
        raise NetworkError(f"no source {source_id!r}; sources: {known}")
    kept = nx.MultiDiGraph() if graph.is_multigraph() else nx.Graph()
    kept.graph.update(graph.graph)
    named = [n for n, d in graph.nodes(data=True) if source_id in d.get("sources", ())]
    kept.add_nodes_from((n, graph.nodes[n]) for n in named)
    if graph.is_multigraph():  # the full projection: one edge per claim
        chosen = [
            (a, b, {"key": key, **data})
            for a, b, key, data in graph.edges(keys=True, data=True)
            if data.get("source") == source_id
        ]
    else:
        chosen = [(a, b, _edge_in_source(data, source_id)) for a, b, data in graph.edges(data=True)]
    for a, b, data in chosen:
        if data is not None:
            kept.add_node(a, **graph.nodes[a])
            kept.add_node(b, **graph.nodes[b])
            kept.add_edge(a, b, **data)
    return kept


def _edge_in_source(data: dict, source_id: str) -> dict | None:
    """An actors or co-mention edge cut down to one source, or None if nothing is left."""
    if "paragraphs" in data:
        paragraphs = [p for p in data["paragraphs"] if source_of_paragraph(p) == source_id]
        return {**data, "paragraphs": paragraphs, "weight": len(paragraphs)} if paragraphs else None
    links = [link for link in data.get("links", []) if link.get("source") == source_id]
    return {**data, "links": links, "weight": len(links)} if links else None


def simple_view(graph: nx.Graph) -> nx.Graph:
    """Undirected, one edge per pair, weight = number of links; what the metrics run on."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for a, b, data in graph.edges(data=True):
        if a == b:
            continue
        weight = data.get("weight", 1) if not graph.is_multigraph() else 1
        if simple.has_edge(a, b):
            simple.edges[a, b]["weight"] += weight
        else:
            simple.add_edge(a, b, weight=weight)
    return simple


@dataclass(frozen=True)
class NodeMetrics:
    node: str
    label: str
    kind: str
    degree: int
    betweenness: float
    pagerank: float
    community: int


def pageranks(simple: nx.Graph) -> dict[str, float]:
    """PageRank of each node of a simple view, weighted by its links (what metrics gives)."""
    return nx.pagerank(simple, weight="weight")


def metrics(graph: nx.Graph) -> list[NodeMetrics]:
    """Degree, betweenness, PageRank and Louvain community (fixed seed), by PageRank."""
    simple = simple_view(graph)
    betweenness = nx.betweenness_centrality(simple)
    pagerank = pageranks(simple)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=COMMUNITY_SEED)
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community_of = {node: index for index, members in enumerate(ordered, 1) for node in members}
    rows = [
        NodeMetrics(
            node,
            data["label"],
            data["kind"],
            simple.degree(node),
            betweenness[node],
            pagerank[node],
            community_of[node],
        )
        for node, data in simple.nodes(data=True)
    ]
    return sorted(rows, key=lambda m: (-m.pagerank, m.label))


def find_node(graph: nx.Graph, name: str) -> str:
    """The node whose label, alias or IRI slug is `name` (case and accents ignored)."""
    wanted = normalise_name(name)
    matches = sorted(
        node
        for node, data in graph.nodes(data=True)
        if wanted
        in {normalise_name(f) for f in (data["label"], *data["aliases"], node.rsplit("/", 1)[-1])}
    )
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NetworkError(f"{name!r} names several nodes: {', '.join(matches)}")
    raise NetworkError(f"no node in this network is called {name!r}{_nearest(graph, wanted)}")


def _nearest(graph: nx.Graph, wanted: str) -> str:
    """ "; did you mean …?" with the labels of the nodes whose names come closest, or ""."""
    labels: dict[str, set[str]] = {}
    for _node, data in graph.nodes(data=True):
        for form in (data["label"], *data["aliases"]):
            labels.setdefault(normalise_name(form), set()).add(data["label"])
    close = difflib.get_close_matches(wanted, list(labels), n=5, cutoff=0.6)
    found = list(dict.fromkeys(label for form in close for label in sorted(labels[form])))
    return f"; did you mean {', '.join(found)}?" if found else ""


def shortest_paths(
    graph: nx.Graph,
    source: str,
    target: str,
    max_paths: int = 3,
    simple: nx.Graph | None = None,
) -> list[list[Hop]]:
    """Up to max_paths shortest connections, each hop with its relation, quote and speaker.

    simple is simple_view(graph), for a caller that asks for many paths in one graph.
    """
    simple = simple if simple is not None else simple_view(graph)
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(simple, source, target), max_paths))
    except nx.NetworkXNoPath:
        return []
    return [[_hop(graph, a, b) for a, b in itertools.pairwise(path)] for path in paths]


def _hop(graph: nx.Graph, a: str, b: str) -> Hop:
    candidates = []
    for s, t in ((a, b), (b, a)):
        if not graph.has_edge(s, t):
            continue
        data = graph.get_edge_data(s, t)
        edges = data.values() if graph.is_multigraph() else data.get("links", [data])
        for edge in edges:
            candidates.append((edge.get("start", 0), s == a, edge))
    _start, forward, edge = min(
        candidates, key=lambda c: (c[0], not c[1], c[2].get("relation", ""))
    )
    return Hop(
        a,
        b,
        edge.get("relation", "co-mentioned"),
        edge.get("quote", ""),
        edge.get("speaker", ""),
        forward,
        edge.get("certainty", ""),
    )


def focus(graph: nx.Graph, center: str, depth: int = 1) -> nx.Graph:
    """The ego network of a node to a depth."""
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    keep = nx.single_source_shortest_path_length(undirected, center, cutoff=depth)
    return graph.subgraph(keep).copy()


def filter_kinds(graph: nx.Graph, kinds: list[str]) -> nx.Graph:
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise NetworkError(f"unknown type {', '.join(unknown)}; types: {', '.join(KINDS)}")
    return graph.subgraph(n for n, d in graph.nodes(data=True) if d["kind"] in kinds).copy()
