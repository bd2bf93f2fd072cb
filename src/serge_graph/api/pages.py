"""The reader's site and the linked-data descriptions of the graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import graph_cache
from ..prefixes import BASE
from ..project import resolve_paths

if TYPE_CHECKING:
    from rdflib import Graph


from .graph import (
    _corpus,
    build,
    built_graph_file,
)
from .modules import (
    building,
    network,
    site,
)
from .pictures import (
    network_html,
    timeline_html,
)


def site_files(
    data: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    query_page: str = "",
) -> dict[str, bytes]:
    """Every file of the reader's site, by path: index, text, entity and event pages, the
    network and timeline pages, the dump (serge.ttl), the ontology and the VoID description.

    query_page ("query" on a server) is linked from every page; the static site has none.
    The files are kept in the graph cache, keyed by the inputs and the code like the graph."""
    archive = graph_cache.cached_site_file(resolve_paths(data), query_page)
    kept = graph_cache.kept_site(archive)
    if kept is not None:
        if progress:
            progress(f"the site's {len(kept)} files from the cache ({archive})")
        return kept
    files = _written_site_files(data, progress, query_page)
    graph_cache.keep_site(archive, files)
    return files


def _written_site_files(
    data: Path | str | None, progress: Callable[[str], None] | None, query_page: str
) -> dict[str, bytes]:
    graph = build(data, progress)
    sources = list(_corpus(data).sources.values())
    if progress:
        progress("drawing network.html and timeline.html")
    full = network.projection(graph, "full")
    extra = {
        "network.html": network_html(full).encode("utf-8"),
        "timeline.html": timeline_html(data).encode("utf-8"),
        "serge.ttl": building.turtle_of_ntriples(built_graph_file(data).read_bytes()),
        "ontology.ttl": resolve_paths(data).ontology.read_bytes(),
        "ontology.html": _ontology_page(_parsed(resolve_paths(data).ontology), query_page).encode(
            "utf-8"
        ),
        **_tombstones(graph, data),
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


def _tombstones(graph: Graph, data: Path | str | None) -> dict[str, bytes]:
    """A page for each withdrawn claim (data/retired-claims.yaml) whose IRI names no claim
    today (one that does is an error the release test reports; the claim's own page wins)."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    from ..retired import read_retired
    from ..site.retired_pages import retired_pages

    retired = [
        r
        for r in read_retired(resolve_paths(data).data)
        if (URIRef(r.iri), None, None) not in graph
    ]
    labels = {
        r.replaced_by: str(graph.value(URIRef(r.replaced_by), RDFS.label) or r.replaced_by)
        for r in retired
        if r.replaced_by
    }
    return {path: html.encode("utf-8") for path, html in retired_pages(retired, labels).items()}


def retired_paths(data: Path | str | None = None) -> frozenset[str]:
    """The IRI paths under id/ of the withdrawn claims (claim/<id>), which the server answers
    410 Gone with their page."""
    from ..retired import read_retired

    return frozenset(f"claim/{r.claim_id}" for r in read_retired(resolve_paths(data).data))


def _parsed(file: Path) -> Graph:
    from rdflib import Graph

    return Graph().parse(file)


def _ontology_page(ontology: Graph, query_page: str) -> str:
    from ..site.ontology_page import ontology_page_html
    from ..site.pages import Links

    return ontology_page_html(ontology, Links("", ".html", query_page))


def entity_description(graph: Graph, iri: str) -> Graph:
    """An entity's triples and every claim about it with its evidence (KeyError if unknown)."""
    from ..void import entity_description as describe

    return describe(graph, iri)


def void_graph(graph: Graph, base: str = BASE) -> Graph:
    """The VoID description of the dataset; base is where the site and endpoint are served."""
    from ..void import void_graph as describe_dataset

    return describe_dataset(graph, base)


def entity_page_html(
    graph: Graph, iri: str, root: str = "../../", suffix: str = ".html", query_page: str = ""
) -> str:
    """The HTML page of one entity or event (KeyError if the IRI is not one)."""
    from ..site.entity_pages import entity_page_html as page

    return page(graph, iri, root, suffix, query_page)
