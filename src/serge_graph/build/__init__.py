"""Model -> RDF: the ontology, the facts as plain triples, the claims with their evidence,
the sources with their parts and paragraphs, and every mention.

Every fact is asserted twice: as a plain triple for simple queries and as a
claim node naming the same subject, predicate and object with its evidence,
speaker and source. The project's class and property hierarchy is
materialised so that plain SPARQL needs no reasoner.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from ..annotations import load_annotations
from ..model import Annotations
from ..namespaces import ID, PREFIXES
from ..ntriples import NTriplesSink
from ..project import Paths, resolve_paths
from ..source import Source, load_sources
from ..vocabulary import Vocabulary
from .bounds import event_bounds, truthy_ranks
from .claims import ClaimWriter
from .entities import EntityWriter
from .terms import CERTAINTY, RANK, date_literal
from .text import TextWriter

__all__ = [
    "CERTAINTY",
    "RANK",
    "Corpus",
    "build_graph",
    "build_ntriples",
    "date_literal",
    "event_bounds",
    "load_corpus",
    "serialize",
    "truthy_ranks",
    "write_atomically",
]


@dataclass(frozen=True)
class Corpus:
    """The sources, the vocabulary and the validated annotations, ready to build."""

    paths: Paths
    sources: dict[str, Source]
    vocabulary: Vocabulary
    annotations: Annotations

    def iri(self, entity_id: str) -> URIRef:
        entity = self.annotations.entities[entity_id]
        return ID[f"{self.vocabulary.segment(entity.type)}/{entity_id}"]


def load_corpus(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    include_suggested: bool = False,
    pending: dict[Path, str] | None = None,
) -> Corpus:
    """Read and validate sources and annotations; raises AnnotationError with every problem.

    Items marked status: suggested are checked, counted and left out, unless
    include_suggested (the graph then marks them sg:status "suggested"); `pending` maps an
    annotation file to the text it is about to hold (see load_annotations)."""
    say = progress or (lambda _message: None)
    paths = resolve_paths(data)
    say(f"reading sources from {paths.sources}")
    sources = load_sources(paths.sources)
    vocabulary = Vocabulary.load(paths.ontology)
    say(f"reading and checking annotations in {paths.annotations}")
    annotations = load_annotations(
        paths.annotations, sources, vocabulary, include_suggested, pending
    )
    return Corpus(paths, sources, vocabulary, annotations)


def build_graph(corpus: Corpus, also: NTriplesSink | None = None) -> Graph:
    """The whole knowledge graph of the corpus; `also`, when given, receives every triple too
    (the graph kept as N-Triples without serializing it again)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph += corpus.vocabulary.graph
    add = graph.add
    if also is not None:
        also.add_all(corpus.vocabulary.graph)

        def add(triple: tuple) -> None:
            graph.add(triple)
            also.add(triple)

    write_corpus(corpus, add)
    return graph


def build_ntriples(corpus: Corpus) -> bytes:
    """The same graph as build_graph, as sorted N-Triples, built without an rdflib Graph
    (three times faster: what the graph cache and the synthetic corpora need)."""
    sink = NTriplesSink()
    sink.add_all(corpus.vocabulary.graph)
    write_corpus(corpus, sink.add)
    return sink.ntriples()


def write_corpus(corpus: Corpus, add: Callable[[tuple], object]) -> None:
    """Every triple of the corpus's graph but the vocabulary's, through `add`."""
    text = TextWriter(corpus, add)
    text.sources()
    EntityWriter(corpus, add).entities()
    ClaimWriter(corpus, add).claims()
    text.mentions()


def write_atomically(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def serialize(graph: Graph, format: str = "turtle") -> bytes:
    return graph.serialize(format=format, encoding="utf-8")


def turtle_of_ntriples(ntriples: bytes) -> bytes:
    """The same graph as Turtle with the project's prefixes, written by Oxigraph: rdflib's
    Turtle writer took 242 s for ten copies of the article (1.9 s for one), Oxigraph 0.7 s.
    The prefixes are declared in alphabetical order, so the bytes depend on the graph alone."""
    import pyoxigraph

    from ..prefixes import PREFIX_IRIS

    triples = pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    text = pyoxigraph.serialize(
        triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=dict(PREFIX_IRIS)
    ).decode("utf-8")
    lines = text.split("\n")
    declared = 0
    while declared < len(lines) and lines[declared].startswith("@prefix "):
        declared += 1
    return "\n".join(sorted(lines[:declared]) + lines[declared:]).encode("utf-8")
