"""The index of a corpus of many sources: what would make index.html pass a few megabytes is
split off, and the article's index (a list of at most a thousand rows, a search index under a
megabyte) is left whole.

- A list longer than LIST_ROWS rows (the people of a hundred sources, their claims) stands in
  list pages of LIST_ROWS rows each (list-person.html, list-person-2.html, …; list-claims.html
  for the claims); the index shows SHOWN_ROWS of it, the most claimed first (the claims: the
  first in the order of the texts), says how many there are and links every list page. The
  index's filters work on the rows it shows.
- A search index bigger than SEARCH_BYTES is written into scripts of at most that size
  (search/part-1.js, …) that the index loads when the reader first types into the search box
  (fetch cannot read a file:// site; a script can).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .pages import Links, render

LIST_ROWS = 1000  # rows a list page holds; a longer list is split
SHOWN_ROWS = 100  # rows of a split list the index shows
SEARCH_BYTES = 1_000_000  # the most of the search index in the page, and in each part


@dataclass(frozen=True)
class More:
    """A split list: how many rows it has and the href of each of its list pages."""

    total: int
    pages: tuple[str, ...]
    per_page: int


def list_path(kind: str, number: int) -> str:
    """list-person.html, list-person-2.html, …"""
    return f"list-{kind}.html" if number == 1 else f"list-{kind}-{number}.html"


def split_list(
    kind: str, title: str, rows: list[dict], links: Links, by_claims: bool = True
) -> tuple[list[dict], More | None, dict[str, str]]:
    """The rows the index shows, the list's pages (None if it is not split), and their HTML."""
    if len(rows) <= LIST_ROWS:
        return rows, None, {}
    count = -(-len(rows) // LIST_ROWS)
    hrefs = tuple(links.page(list_path(kind, n)) for n in range(1, count + 1))
    more = More(len(rows), hrefs, LIST_ROWS)
    pages = {
        list_path(kind, n): render(
            "site_list.html",
            root=links.root,
            links=links,
            title=f"{title}, page {n} of {count}",
            kind=kind,
            heading=title,
            rows=rows[(n - 1) * LIST_ROWS : n * LIST_ROWS],
            first=(n - 1) * LIST_ROWS + 1,
            number=n,
            more=more,
        )
        for n in range(1, count + 1)
    }
    shown = sorted(rows, key=lambda r: -r["claims"]) if by_claims else rows
    return shown[:SHOWN_ROWS], more, pages


def split_search(index: dict, links: Links) -> tuple[dict, dict[str, str]]:
    """The search index the page carries and the part scripts (none if it fits the page)."""
    if len(json.dumps(index, ensure_ascii=False).encode("utf-8")) <= SEARCH_BYTES:
        return index, {}
    parts: list[dict] = []
    size = SEARCH_BYTES  # start a new part at once
    for key in ("names", "events", "paragraphs"):
        for entry in index[key]:
            length = len(json.dumps(entry, ensure_ascii=False).encode("utf-8")) + 2
            if size + length > SEARCH_BYTES - 100:
                parts.append({"names": [], "events": [], "paragraphs": []})
                size = 0
            parts[-1][key].append(entry)
            size += length
    files = {
        f"search/part-{n}.js": "window.sergeSearchPart("
        + json.dumps(part, ensure_ascii=False).replace("</", "<\\/")
        + ");\n"
        for n, part in enumerate(parts, 1)
    }
    page = {**{key: [] for key in index}, "parts": [links.page(path) for path in files]}
    return page, files
