"""Questions to the graph: SPARQL (linted), saved questions, an entity's facts, coverage."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import graph_cache
from ..errors import QueryWarning
from ..project import resolve_paths
from ..queries import Rows, parse_query, run_on_oxigraph, run_query, saved_queries, saved_query

if TYPE_CHECKING:
    from rdflib import URIRef

    from ..coverage import Coverage

from .graph import (
    _oxigraph_store,
    build,
    built_graph_file,
    load_store,
)
from .modules import (
    building,
    explore,
)

# the linter's own code: its findings are remembered only as long as it is unchanged
_LINTER = Path(__file__).parent.parent / "lint.py"


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
    graph = load_store(store, store_path, data, progress)
    if store == "oxigraph" and not bindings:
        kept = kept_answer(store_path, text, data, progress)
        if kept is not None:
            return kept
    return run_query(graph, text, bindings, typed=True)


def kept_answer(store_path, text: str, data=None, progress=None) -> Rows | None:
    """The answer an Oxigraph folder keeps for this text (summaries.py), made first if the
    folder lacks it; None when the text is not a whole-graph saved question."""
    from .. import summaries
    from ..queries import oxigraph_rows

    whole_graph = _summarised(data)
    if summaries.key_of(text) not in {summaries.key_of(q.text) for q in whole_graph}:
        return None
    try:
        summaries.ensure(store_path, whole_graph, progress, built_graph_file(data))
    except OSError as error:  # a folder on a read-only disk: the question runs live
        if progress:
            progress(f"the answer cannot be kept beside {store_path} ({error}); running it live")
        return None
    summary = summaries.answer_for(store_path, text)
    return None if summary is None else oxigraph_rows(summaries.solutions(summary), typed=True)


def _summarised(data) -> list:
    from ..summaries import summarised

    return summarised(saved_queries(resolve_paths(data).queries).values())


def lint_query(text: str, data: Path | str | None = None) -> list[str]:
    """What the query asks that the ontology says cannot be there, one sentence a finding
    (a misspelt sg: term with the nearest one, a pattern that can never match); [] if none.
    A query that does not parse raises QuerySyntaxError.

    The findings are kept on disk by the query's text, the ontology and the linter's code:
    a query run again is neither parsed nor linted again (no rdflib on the warm path)."""
    ontology = resolve_paths(data).ontology

    def findings() -> list[str]:
        from ..lint import lint, load_ontology

        return lint(parse_query(text), load_ontology(ontology))

    return graph_cache.remembered("lint", [text, ontology, _LINTER], findings)


def _caller_level() -> int:
    """The stacklevel of the first frame outside this package: a warning names the caller's line."""
    import sys

    package = str(Path(__file__).parent.parent)
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return level


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


def coverage(data: Path | str | None = None, progress=None, source: str | None = None) -> Coverage:
    """What the annotations cover and every gap (uncovered names, unclaimed paragraphs), in
    every source or in one."""
    from ..coverage import measure_coverage

    corpus = building.load_corpus(data, progress)
    if source:
        source_node(source, data)
    return measure_coverage(corpus, source)


def source_node(source_id: str, data: Path | str | None = None) -> URIRef:
    """The IRI of a source of the data folder, by id; SourceError (with the ids) if none."""
    import difflib

    from ..errors import SourceError
    from ..namespaces import source_iri
    from ..source import load_sources

    ids = list(load_sources(resolve_paths(data).sources))
    if source_id not in ids:
        close = difflib.get_close_matches(source_id, ids, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise SourceError(
            f"no source {source_id!r}; {hint}sources: {', '.join(ids)} (serge-graph source list)"
        )
    return source_iri(source_id)


def vocabulary_terms(data: Path | str | None = None) -> Rows:
    from rdflib import RDFS

    from ..vocabulary import Vocabulary

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
