"""The Python API: what the CLI and the notebooks call. Each function is one step a user names."""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import graph_cache, stores
from .errors import QueryWarning
from .lazy import OnFirstUse
from .prefixes import BASE
from .project import resolve_paths
from .queries import Rows, parse_query, run_on_oxigraph, run_query, saved_queries, saved_query
from .tables import show_rows

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph
    from rdflib import Dataset, Graph, URIRef

    from .build import Corpus, build_graph, load_corpus
    from .coverage import Coverage
    from .explore import (
        claims_by_speaker,
        entity_facts,
        find_entity,
        type_counts,
    )
    from .shapes import Violation
    from .source_registry import AddedSource, NewSource

# imported when first used: a query on Oxigraph loads neither rdflib nor networkx nor the pages
building = OnFirstUse("serge_graph.build")
explore = OnFirstUse("serge_graph.explore")
network = OnFirstUse("serge_graph.network")
network_page = OnFirstUse("serge_graph.web.network_page")
site = OnFirstUse("serge_graph.web.site")
source_registry = OnFirstUse("serge_graph.source_registry")
suggest = OnFirstUse("serge_graph.suggest")
timeline_page = OnFirstUse("serge_graph.web.timeline_page")

# names of the API that live in modules which load rdflib: looked up when first asked for
_ELSEWHERE = {
    "Corpus": "build",
    "build_graph": "build",
    "load_corpus": "build",
    "claims_by_speaker": "explore",
    "entity_facts": "explore",
    "find_entity": "explore",
    "type_counts": "explore",
    "AddedSource": "source_registry",
    "NewSource": "source_registry",
}


def __getattr__(name: str):
    if name in _ELSEWHERE:
        import importlib

        return getattr(importlib.import_module(f"{__package__}.{_ELSEWHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AddedSource",
    "Corpus",
    "NewSource",
    "Rows",
    "add_source",
    "build",
    "build_graph",
    "check_graph",
    "claims_by_speaker",
    "coverage",
    "entity_description",
    "entity_facts",
    "entity_page_html",
    "find_entity",
    "highlight_mentions",
    "lint_query",
    "list_saved_queries",
    "list_sources",
    "load_corpus",
    "load_graph",
    "load_store",
    "network_graph",
    "network_html",
    "network_metrics",
    "parse_query",
    "path_rows",
    "paths_between",
    "query",
    "run_saved",
    "saved_query_text",
    "serialize_graph",
    "show_entity",
    "show_network",
    "show_rows",
    "site_files",
    "source_node",
    "suggest_draft",
    "suggest_evaluation",
    "suggest_rows",
    "suggested_items",
    "timeline_html",
    "type_counts",
    "vocabulary_terms",
    "void_graph",
    "write_graph",
    "write_network_page",
    "write_site",
]

SOURCE_LINE = "Julián Gorkin, “The Last Years of Victor Serge, 1941–1947” (1957)"
_graphs: dict[tuple, Graph] = {}
_stores: dict[tuple, Graph] = {}
_oxigraph_stores: dict[tuple, pyoxigraph.Store] = {}
# the linter's own code: its findings are remembered only as long as it is unchanged
_LINTER = Path(__file__).with_name("lint.py")
_corpora: dict[tuple, Corpus] = {}


def _fingerprint(data: Path | str | None) -> tuple:
    """What a built graph depends on: the data and ontology files and their modification times."""
    paths = resolve_paths(data)
    files = [*paths.data.rglob("*"), paths.ontology]
    return (
        str(paths.data),
        tuple(sorted((str(f), f.stat().st_mtime_ns) for f in files if f.is_file())),
    )


def build(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    cached: bool = True,
    include_suggested: bool = False,
) -> Graph:
    """Validate the annotations and build the graph.

    The graph is kept while the files are unchanged: in this process, and on disk
    (graph_cache), so the next command reads it instead of validating and building
    again. cached=False validates and builds whatever is kept. Items marked
    status: suggested are left out unless include_suggested, which marks them
    sg:status "suggested".
    """
    key = (*_fingerprint(data), include_suggested)
    if not cached or key not in _graphs:
        _graphs.clear()
        _graphs[key] = _built_or_kept(data, progress, cached, include_suggested)
    return _graphs[key]


def _built_or_kept(data, progress, cached: bool, include_suggested: bool = False) -> Graph:
    kept = graph_cache.cached_graph_file(resolve_paths(data), include_suggested)
    if cached and kept.is_file():
        if progress:
            progress(f"reading the graph built earlier from the same files ({kept})")
        from rdflib import Graph

        from .namespaces import PREFIXES

        graph = Graph().parse(kept, format="nt")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return graph
    corpus = _corpus(data, progress, include_suggested)
    if progress:
        progress("building the graph")
    ntriples = building.NTriplesSink()
    graph = building.build_graph(corpus, also=ntriples)
    graph_cache.keep(kept, ntriples.ntriples())
    return graph


def built_graph_file(
    data: Path | str | None = None, progress: Callable[[str], None] | None = None
) -> Path:
    """The built graph as an N-Triples file, built and kept first if need be (straight to
    N-Triples: no rdflib Graph is made for a file Oxigraph loads)."""
    kept = graph_cache.cached_graph_file(resolve_paths(data))
    if not kept.is_file():
        corpus = _corpus(data, progress)
        if progress:
            progress("building the graph")
        ntriples = building.build_ntriples(corpus)
        graph_cache.keep(kept, ntriples)
        if not kept.is_file():  # the cache folder cannot be written: a file of our own
            kept = Path(tempfile.mkdtemp(prefix="serge-graph-")) / "graph.nt"
            kept.write_bytes(ntriples)
    return kept


load_graph = build


def _corpus(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    include_suggested: bool = False,
) -> Corpus:
    """The validated corpus, cached while the files are unchanged (the site needs it beside the
    graph; reading and checking it twice would double the site's build time)."""
    key = (*_fingerprint(data), include_suggested)
    if key not in _corpora:
        _corpora.clear()
        _corpora[key] = building.load_corpus(data, progress, include_suggested)
    return _corpora[key]


def add_source(new: NewSource, data: Path | str | None = None) -> AddedSource:
    """Copy a text into the data folder's sources/, record it in sources.yaml and start its
    annotation file (see source_registry.add_source)."""
    return source_registry.add_source(resolve_paths(data).data, new)


def list_sources(
    data: Path | str | None = None, progress: Callable[[str], None] | None = None
) -> tuple[Rows, str]:
    """Each source with its counts, and the reason the annotation counts are missing
    ("" when the annotations validate)."""
    return source_registry.source_listing(resolve_paths(data), progress)


def suggested_items(data: Path | str | None = None) -> tuple[tuple[str, str, int], ...]:
    """The items still marked status: suggested, as (file, source, count)."""
    return _corpus(data).annotations.suggested_by_file


def write_graph(graph: Graph, path: Path, format: str = "turtle") -> None:
    building.write_atomically(Path(path), building.serialize(graph, format))


def serialize_graph(graph: Graph, format: str = "turtle") -> bytes:
    if format == "trig":
        return _as_dataset(graph).serialize(format="trig", encoding="utf-8")
    return building.serialize(graph, format)


def _as_dataset(graph: Graph) -> Dataset:
    """The graph as one named graph, for TriG."""
    from rdflib import Dataset

    from .namespaces import ID

    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace)
    named = dataset.graph(ID["graph/serge"])
    for triple in graph:
        named.add(triple)
    return dataset


def check_graph(graph: Graph, data: Path | str | None = None) -> list[Violation]:
    from .shapes import check_shapes

    return check_shapes(graph, resolve_paths(data).shapes)


def list_saved_queries(data: Path | str | None = None) -> Rows:
    queries = saved_queries(resolve_paths(data).queries)
    return Rows(["name", "question"], [[q.name, q.question] for q in queries.values()])


def saved_query_text(name: str, data: Path | str | None = None) -> str:
    return saved_query(resolve_paths(data).queries, name).text


def query(
    text: str,
    bindings: dict | None = None,
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    store: str = "oxigraph",
    store_path: Path | str | None = None,
) -> Rows:
    """Run SPARQL on the (built or kept) graph in the chosen store and return rows.

    Oxigraph evaluates by default (SPARQL in Rust); store="memory" runs rdflib's evaluator.
    A query with bindings runs on rdflib's evaluator: Oxigraph substitutes only variables
    the query returns, and a binding must bind wherever the variable stands.

    A query that names a term the ontology lacks, or has a pattern that can never
    match, runs all the same, with a QueryWarning for each finding (lint_query)."""
    for finding in lint_query(text, data):  # a syntax error comes before the graph is loaded
        warnings.warn(QueryWarning(finding), stacklevel=_caller_level())
    if bindings and store == "oxigraph" and store_path is None:
        store = "memory"
    if store == "oxigraph" and store_path is None:  # the kept graph straight into pyoxigraph
        return run_on_oxigraph(_oxigraph_store(data, progress), text, typed=True)
    return run_query(load_store(store, store_path, data, progress), text, bindings, typed=True)


def lint_query(text: str, data: Path | str | None = None) -> list[str]:
    """What the query asks that the ontology says cannot be there, one sentence a finding
    (a misspelt sg: term with the nearest one, a pattern that can never match); [] if none.
    A query that does not parse raises QuerySyntaxError.

    The findings are kept on disk by the query's text, the ontology and the linter's code:
    a query run again is neither parsed nor linted again (no rdflib on the warm path)."""
    ontology = resolve_paths(data).ontology

    def findings() -> list[str]:
        from .lint import lint, load_ontology

        return lint(parse_query(text), load_ontology(ontology))

    return graph_cache.remembered("lint", [text, ontology, _LINTER], findings)


def _caller_level() -> int:
    """The stacklevel of the first frame outside this package: a warning names the caller's line."""
    import sys

    package = str(Path(__file__).parent)
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _oxigraph_store(
    data: Path | str | None, progress: Callable[[str], None] | None
) -> pyoxigraph.Store:
    """The kept graph bulk-loaded into a bare pyoxigraph Store: no rdflib graph, no rdflib."""
    key = _fingerprint(data)
    if key not in _oxigraph_stores:
        if progress:
            progress("opening the oxigraph store")
        _oxigraph_stores.clear()
        _oxigraph_stores[key] = stores.oxigraph_store(built_graph_file(data, progress))
    return _oxigraph_stores[key]


def load_store(
    store: str = "memory",
    store_path: Path | str | None = None,
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Graph:
    """The graph in rdflib's memory store or in Oxigraph (persistent when store_path is given)."""
    key = (_fingerprint(data), store, str(store_path))
    if key not in _stores:
        if progress and store != "memory":
            progress(f"opening the {store} store" + (f" at {store_path}" if store_path else ""))
        path = Path(store_path) if store_path else None
        _stores.clear()
        if store == "oxigraph" and path is None:  # a bulk load of the kept graph, no rdflib graph
            _stores[key] = stores.load_graph_file(built_graph_file(data, progress), store)
        else:
            _stores[key] = stores.open_store(lambda: build(data, progress), store, path, key[0])
    return _stores[key]


def run_saved(
    name: str, bindings: dict | None = None, data: Path | str | None = None, store: str = "oxigraph"
) -> Rows:
    """Run a saved question from queries/ by name (see list_saved_queries)."""
    return query(saved_query_text(name, data), bindings, data, store=store)


def show_entity(name: str, data: Path | str | None = None, source: str | None = None) -> Rows:
    """Every fact about an entity (found by name or alias, any case or accents), with quote and
    speaker; with a source id, only the facts that source states."""
    corpus = building.load_corpus(data)
    entity = explore.find_entity(corpus, name)
    node = source_node(source, data) if source else None
    return explore.entity_facts(build(data), corpus.iri(entity.id), node)


def highlight_mentions(paragraph: str, data: Path | str | None = None) -> str:
    """The HTML of one paragraph ("p36", "note-11") with every mention marked and titled."""
    corpus = building.load_corpus(data)
    return explore.highlight_paragraph(corpus, paragraph)


def show_network(graph: nx.Graph, size_by: str = "pagerank", height: int = 650):
    """The network page inline in Jupyter: the same offline page as the CLI, in an iframe."""
    from html import escape

    from IPython.display import HTML

    page = network_html(graph, size_by)
    frame = f'<iframe srcdoc="{escape(page, quote=True)}" style="width:100%;height:{height}px;border:0"></iframe>'
    return HTML(
        f"<div>{frame}</div>"
    )  # a bare <iframe> makes IPython suggest IFrame, which needs a URL


def coverage(data: Path | str | None = None, progress=None, source: str | None = None) -> Coverage:
    """What the annotations cover and every gap (uncovered names, unclaimed paragraphs), in
    every source or in one."""
    from .coverage import measure_coverage

    corpus = building.load_corpus(data, progress)
    if source:
        source_node(source, data)
    return measure_coverage(corpus, source)


def source_node(source_id: str, data: Path | str | None = None) -> URIRef:
    """The IRI of a source of the data folder, by id; SourceError (with the ids) if none."""
    import difflib

    from .errors import SourceError
    from .namespaces import source_iri
    from .source import load_sources

    ids = list(load_sources(resolve_paths(data).sources))
    if source_id not in ids:
        close = difflib.get_close_matches(source_id, ids, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise SourceError(
            f"no source {source_id!r}; {hint}sources: {', '.join(ids)} (serge-graph source list)"
        )
    return source_iri(source_id)


def network_graph(
    projection_name: str = "full",
    focus: str | None = None,
    depth: int = 1,
    types: list[str] | None = None,
    data: Path | str | None = None,
    source: str | None = None,
) -> nx.Graph:
    """A networkx projection (full, actors, comention), optionally an ego network, by type,
    and what one source says."""
    graph = network.projection(build(data), projection_name)
    if source:
        graph = network.filter_source(graph, source)
    if types:
        graph = network.filter_kinds(graph, types)
    if focus:
        graph = network.focus(graph, network.find_node(graph, focus), depth)
    return graph


def network_metrics(graph: nx.Graph) -> Rows:
    """Degree, betweenness, PageRank and community for every node, by PageRank: numbers as
    numbers (the measures rounded to four places), so a DataFrame's columns are numeric."""
    from .values import Measure

    rows = [
        [m.label, m.kind, m.degree, Measure(m.betweenness), Measure(m.pagerank), m.community]
        for m in network.metrics(graph)
    ]
    return Rows(["name", "type", "degree", "betweenness", "pagerank", "community"], rows)


def network_html(graph: nx.Graph, size_by: str = "pagerank", site_root: str = "") -> str:
    """The offline HTML page of a projection; nodes sized by PageRank or mention count.

    Its links lead to the entity pages and text.html of the static site at site_root
    ("" when the page stands at the site's root, as `serge-graph site` writes it).
    """
    if size_by == "mentions":
        sizes = {n: float(d.get("mentions", 0)) for n, d in graph.nodes(data=True)}
    else:
        sizes = {m.node: m.pagerank for m in network.metrics(graph)} if len(graph) else {}
    title = {
        "full": "Who and what the text connects: people, groups, organisations, places, works, events",
        "actors": "People, groups and organisations, linked by claims and by shared events and works",
        "comention": "Entities mentioned in the same paragraph",
    }[graph.graph.get("projection", "full")]
    return network_page.network_page(graph, title, SOURCE_LINE, sizes, size_by, site_root)


def write_network_page(
    graph: nx.Graph, out: Path, size_by: str = "pagerank", site_root: str = ""
) -> None:
    write_text(out, network_html(graph, size_by, site_root))


def write_text(path: Path, text: str) -> None:
    """Write a whole text file or nothing."""
    building.write_atomically(Path(path), text.encode("utf-8"))


def paths_between(
    name_a: str,
    name_b: str,
    k: int = 3,
    max_length: int | None = None,
    via_types: list[str] | None = None,
    certainty: str | None = None,
    data: Path | str | None = None,
    *,
    max_paths: int | None = None,
) -> tuple[nx.Graph, list[list[network.Hop]]]:
    """The k strongest simple paths between two entities in the full projection, hop by hop.

    Strongest first: stated claims before implied or inferred ones, direct relations before
    memberships of a group, fewer hops before more (the weight: serge_graph.evidence_paths).
    max_length caps the hops, via_types keeps the nodes between the two ends to some types
    (person, group, organisation, place, work, event), certainty keeps the claims at least
    that sure (stated, implied, inferred). Each hop has its relation, direction (forward:
    the claim reads source -> target), quote, speaker, certainty and cost.
    max_paths is the older name of k."""
    from .evidence_paths import strongest_paths

    graph = network.projection(build(data), "full")
    a, b = network.find_node(graph, name_a), network.find_node(graph, name_b)
    paths = strongest_paths(
        graph, a, b, max_paths or k, max_length, via_types, certainty or "inferred"
    )
    return graph, paths


def path_rows(graph: nx.Graph, paths: list[list[network.Hop]]) -> Rows:
    """Paths as rows, one a hop, each claim read in its own direction (from -> relation -> to):
    path, cost, hop, from, relation, to, quote, speaker, certainty."""
    label = lambda node: graph.nodes[node]["label"]  # noqa: E731
    rows = []
    for number, hops in enumerate(paths, 1):
        cost = str(sum(hop.cost for hop in hops))
        for step, hop in enumerate(hops, 1):
            left, right = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
            rows.append(
                [
                    str(number),
                    cost,
                    str(step),
                    label(left),
                    hop.relation,
                    label(right),
                    hop.quote,
                    hop.speaker,
                    hop.certainty,
                ]
            )
    columns = ["path", "cost", "hop", "from", "relation", "to", "quote", "speaker", "certainty"]
    return Rows(columns, rows)


def timeline_html(data: Path | str | None = None, site_root: str = "") -> str:
    """The offline timeline page: every dated event, focused on 1936–1948, linked into the site."""
    events = timeline_page.timeline_events(build(data))
    return timeline_page.timeline_page(events, f"Dated events in {SOURCE_LINE}", site_root)


def suggest_draft(source_id: str, data: Path | str | None = None, progress=None) -> str:
    """The draft annotation file (YAML) of suggestions for a source, every item suggested."""
    return suggest.draft_for(_corpus(data, progress), source_id)


def suggest_rows(source_id: str, data: Path | str | None = None, progress=None) -> Rows:
    """The suggestions for a source as rows: kind, quote, offsets, entity/type/date, sentence."""
    return Rows(*suggest.suggestion_table(_corpus(data, progress), source_id))


def suggest_evaluation(source_id=None, data: Path | str | None = None, progress=None) -> Rows:
    """Leave one part out on an annotated source: the suggestions' figures per part."""
    return Rows(*suggest.evaluation_table(_corpus(data, progress), source_id))


def vocabulary_terms(data: Path | str | None = None) -> Rows:
    from rdflib import RDFS

    from .vocabulary import Vocabulary

    vocabulary = Vocabulary.load(resolve_paths(data).ontology)
    rows = []
    for kind, terms in (
        ("entity type", vocabulary.entity_types),
        ("event type", vocabulary.event_types),
        ("relation", vocabulary.relations),
        ("role", vocabulary.roles),
    ):
        for name, term in sorted(terms.items()):
            value = vocabulary.value_kind(name) if kind == "relation" else ""
            comment = vocabulary.graph.value(term, RDFS.comment)
            rows.append([kind, name, value, str(comment or "")])
    return Rows(["kind", "name", "takes", "meaning"], rows)


def site_files(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    query_page: str = "",
) -> dict[str, bytes]:
    """Every file of the reader's site, by path: index, text, entity and event pages, the
    network and timeline pages, the dump (serge.ttl), the ontology and the VoID description.

    query_page ("query" on a server) is linked from every page; the static site has none."""
    graph = build(data, progress)
    sources = list(_corpus(data).sources.values())
    if progress:
        progress("drawing network.html and timeline.html")
    full = network.projection(graph, "full")
    extra = {
        "network.html": network_html(full).encode("utf-8"),
        "timeline.html": timeline_html(data).encode("utf-8"),
        "serge.ttl": building.serialize(graph, "turtle"),
        "ontology.ttl": resolve_paths(data).ontology.read_bytes(),
        "ontology.html": _ontology_page(_parsed(resolve_paths(data).ontology), query_page).encode(
            "utf-8"
        ),
    }
    return site.site_files(graph, sources, extra, progress, full=full.copy(), query_page=query_page)


def write_site(
    out: Path | str = Path("build/site"),
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write the reader's site into out (atomically: a new folder beside it, then a swap);
    returns the path of its index.html."""
    files = site_files(data, progress)
    if progress:
        progress(f"writing {len(files)} files into {out}")
    return site.write_site(Path(out), files) / "index.html"


def _parsed(file: Path) -> Graph:
    from rdflib import Graph

    return Graph().parse(file)


def _ontology_page(ontology: Graph, query_page: str) -> str:
    from .web.ontology_page import ontology_page_html
    from .web.pages import Links

    return ontology_page_html(ontology, Links("", ".html", query_page))


def entity_description(graph: Graph, iri: str) -> Graph:
    """An entity's triples and every claim about it with its evidence (KeyError if unknown)."""
    from .web.void import entity_description as describe

    return describe(graph, iri)


def void_graph(graph: Graph, base: str = BASE) -> Graph:
    """The VoID description of the dataset; base is where the site and endpoint are served."""
    from .web.void import void_graph as describe_dataset

    return describe_dataset(graph, base)


def entity_page_html(
    graph: Graph, iri: str, root: str = "../../", suffix: str = ".html", query_page: str = ""
) -> str:
    """The HTML page of one entity or event (KeyError if the IRI is not one)."""
    from .web.entity_pages import entity_page_html as page

    return page(graph, iri, root, suffix, query_page)
