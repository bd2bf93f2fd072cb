"""The reader's site: every page and file, built in memory and written atomically.

`site_files` returns {relative path: bytes}; `write_site` writes them into a new
folder beside the target and swaps it in, so a reader never sees half a site.
A server can serve `site_files` from memory.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..source import Source
from ..void import void_graph
from .claim_pages import resource_pages
from .entity_pages import entity_pages, full_network, render_entity_page
from .entity_paging import CLAIMS_PER_PAGE, paged_path
from .errata_page import errata_pages_html
from .facet_data import facet_data
from .index_page import index_pages
from .map_page import map_page_html, map_static_files
from .pages import STATIC, STATIC_FILES, Links
from .site_data import site_data
from .text_page import text_page_html
from .timeline_page import timeline_events

Progress = Callable[[str], None]


def site_files(
    graph: Graph,
    source: Source | list[Source],
    extra: dict[str, bytes] | None = None,
    progress: Progress | None = None,
    full: nx.MultiDiGraph | None = None,
    query_page: str = "",
    per_page: int = CLAIMS_PER_PAGE,
) -> dict[str, bytes]:
    """Every file of the site: index, the text of each source (text.html for the first,
    text-<id>.html for the others), one page per entity and event, the map, static files, the VoID
    description; extra adds files made elsewhere (network.html, the dump, …).

    full is the graph's full network projection, if the caller has already made it;
    query_page, if given, is linked from every page (a server's "query"; a static site has none);
    an entity with more than per_page claims gets several pages (entity_paging.py).
    """
    say = progress or (lambda _message: None)
    data = site_data(graph)
    files: dict[str, bytes] = {}
    say("writing index.html and text.html")
    top = Links("", ".html", query_page)
    texts = source if isinstance(source, list) else [source]
    index = index_pages(data, top, texts, timeline_events(graph), facet_data(graph, data))
    files.update((path, html.encode("utf-8")) for path, html in index.items())
    files.update(
        (path, html.encode("utf-8")) for path, html in errata_pages_html(data, top).items()
    )
    pages = {info.id: info.page for info in data.sources}
    for text in texts:  # text.html: the first source
        files[pages.get(text.id, "text.html")] = text_page_html(text, data, top).encode("utf-8")
    say(f"writing {len(data.entities)} entity and event pages")
    full = full if full is not None else full_network(graph)
    for iri, entity in data.entities.items():
        links = Links("../../", ".html", query_page)
        for number, page in enumerate(entity_pages(data, full, iri, links, per_page), 1):
            html = render_entity_page(page, data, links)
            files[paged_path(entity.path, number)] = html.encode("utf-8")
    say("writing the claim, source, reference and mention pages")
    files.update((path, html.encode("utf-8")) for path, html in resource_pages(data).items())
    for name in STATIC_FILES:
        files[f"static/{name}"] = (STATIC / name).read_bytes()
    if any(path.startswith("search/") for path in index):  # the search index in parts
        files["static/search_parts.js"] = (STATIC / "search_parts.js").read_bytes()
    say("writing map.html")
    files["map.html"] = map_page_html(graph, top).encode("utf-8")
    files.update(map_static_files())
    files["void.ttl"] = void_graph(graph).serialize(format="turtle", encoding="utf-8")
    files.update(extra or {})
    return files


def write_site(out: Path, files: dict[str, bytes]) -> Path:
    """Write the files into a fresh folder beside out, then swap it in for out."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for relative, content in files.items():
            target = fresh / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        _swap(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return out


def _swap(fresh: Path, out: Path) -> None:
    """Put fresh where out is; the old folder is removed only once the new one is in place."""
    fresh.chmod(0o755)
    if not out.exists():
        os.replace(fresh, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    os.replace(out, old)
    try:
        os.replace(fresh, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
