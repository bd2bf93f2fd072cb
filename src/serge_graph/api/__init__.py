"""The Python API: what the CLI and the notebooks call. Each function is one step a user names.

One module per concern: graph (build, keep, load), questions (SPARQL, saved questions,
facts, coverage), pictures (network, paths, timeline), sources (add, list, suggest) and
pages (the site, linked data); the names are all here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..queries import Rows, parse_query
from ..tables import show_rows
from .exports import diff_graphs, diff_revisions, export_tables, release_check
from .graph import (
    _fingerprint as _fingerprint,  # the tests look at the cache
)
from .graph import (
    _stores as _stores,
)
from .graph import (
    build,
    built_graph_file,
    check_graph,
    load_graph,
    load_store,
    serialize_graph,
    write_graph,
)
from .pages import (
    entity_description,
    entity_page_html,
    site_files,
    void_graph,
    write_site,
)
from .pictures import (
    network_graph,
    network_html,
    network_metrics,
    path_rows,
    paths_between,
    show_network,
    timeline_html,
    write_network_page,
    write_text,
)
from .questions import (
    coverage,
    highlight_mentions,
    lint_query,
    list_saved_queries,
    query,
    run_saved,
    saved_query_text,
    show_entity,
    source_node,
    vocabulary_terms,
)
from .serving import reconcile
from .sources import (
    add_source,
    confirm,
    list_sources,
    reject,
    suggest_draft,
    suggest_evaluation,
    suggest_rows,
    suggested_items,
)

if TYPE_CHECKING:
    from ..build import Corpus, build_graph, load_corpus
    from ..explore import (
        claims_by_speaker,
        entity_facts,
        find_entity,
        links_by_kind,
        relation_readings,
        type_counts,
    )
    from ..source_registry import AddedSource, NewSource

# names of the API that live in modules which load rdflib: looked up when first asked for
_ELSEWHERE = {
    "Corpus": "build",
    "build_graph": "build",
    "load_corpus": "build",
    "claims_by_speaker": "explore",
    "entity_facts": "explore",
    "find_entity": "explore",
    "links_by_kind": "explore",
    "relation_readings": "explore",
    "type_counts": "explore",
    "AddedSource": "source_registry",
    "NewSource": "source_registry",
}


def __getattr__(name: str):
    if name in _ELSEWHERE:
        import importlib

        return getattr(importlib.import_module(f"serge_graph.{_ELSEWHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AddedSource",
    "Corpus",
    "NewSource",
    "Rows",
    "add_source",
    "build",
    "build_graph",
    "built_graph_file",
    "check_graph",
    "claims_by_speaker",
    "confirm",
    "coverage",
    "diff_graphs",
    "diff_revisions",
    "entity_description",
    "entity_facts",
    "entity_page_html",
    "export_tables",
    "find_entity",
    "highlight_mentions",
    "links_by_kind",
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
    "reconcile",
    "reject",
    "relation_readings",
    "release_check",
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
    "write_text",
]
