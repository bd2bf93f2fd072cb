"""The Python API: what the CLI and the notebooks call. Each function is one step a user names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from .build import Corpus, build_graph, load_corpus, serialize, write_atomically
from .coverage import Coverage, measure_coverage
from .explore import claims_by_speaker, entity_facts, find_entity, type_counts
from .project import resolve_paths
from .queries import Rows, parse_query, run_query, saved_queries, saved_query
from .shapes import Violation, check_shapes
from .vocabulary import Vocabulary

__all__ = [
    "Corpus",
    "build",
    "build_graph",
    "check_graph",
    "claims_by_speaker",
    "coverage",
    "entity_facts",
    "find_entity",
    "list_saved_queries",
    "load_corpus",
    "load_graph",
    "parse_query",
    "query",
    "saved_query_text",
    "serialize_graph",
    "type_counts",
    "vocabulary_terms",
    "write_graph",
]

_graphs: dict[tuple, Graph] = {}


def _fingerprint(data: Path | str | None) -> tuple:
    """What a built graph depends on: the data and ontology files and their modification times."""
    paths = resolve_paths(data)
    files = [*paths.data.rglob("*"), paths.ontology]
    return (
        str(paths.data),
        tuple(sorted((str(f), f.stat().st_mtime_ns) for f in files if f.is_file())),
    )


def build(data: Path | str | None = None, progress: Callable[[str], None] | None = None) -> Graph:
    """Validate the annotations and build the graph (cached while the files are unchanged)."""
    key = _fingerprint(data)
    if key not in _graphs:
        corpus = load_corpus(data, progress)
        if progress:
            progress("building the graph")
        _graphs.clear()
        _graphs[key] = build_graph(corpus)
    return _graphs[key]


load_graph = build


def write_graph(graph: Graph, path: Path, format: str = "turtle") -> None:
    write_atomically(Path(path), serialize(graph, format))


def serialize_graph(graph: Graph, format: str = "turtle") -> bytes:
    if format == "trig":
        return _as_dataset(graph).serialize(format="trig", encoding="utf-8")
    return serialize(graph, format)


def _as_dataset(graph: Graph):
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
) -> Rows:
    """Run SPARQL on the (built or cached) graph and return rows."""
    return run_query(build(data, progress), text, bindings)


def coverage(data: Path | str | None = None, progress=None) -> Coverage:
    """What the annotations cover and every gap (uncovered names, unclaimed paragraphs)."""
    return measure_coverage(load_corpus(data, progress))


def vocabulary_terms(data: Path | str | None = None) -> Rows:
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
            comment = vocabulary.graph.value(term, __import__("rdflib").RDFS.comment)
            rows.append([kind, name, value, str(comment or "")])
    return Rows(["kind", "name", "takes", "meaning"], rows)
