"""index.html: what the graph holds and where it comes from, the lists of entities and
events, and what the page's search looks in (search_data.py: names, other names, years,
the text)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ..namespaces import ID
from ..source import Source
from .errata_page import claim_path
from .facet_data import Facets, item_id
from .index_split import split_list, split_search
from .pages import Links, readable_date, render
from .search_data import search_data
from .site_model import KIND_ORDER, KIND_TITLES, SiteData
from .timeline_page import TimelineEvent

BASE = str(ID)


def index_page_html(
    data: SiteData,
    links: Links | None = None,
    sources: list[Source] = (),
    events: list[TimelineEvent] = (),
    facets: Facets | None = None,
) -> str:
    """The index page; sources (their text) and events (their dates) feed its search, and
    facets (facet_data.py) filter its lists."""
    return index_pages(data, links, sources, events, facets)["index.html"]


def index_pages(
    data: SiteData,
    links: Links | None = None,
    sources: list[Source] = (),
    events: list[TimelineEvent] = (),
    facets: Facets | None = None,
) -> dict[str, str]:
    """index.html and, for a corpus of many sources, the list pages and search parts split
    off it (index_split.py), by path."""
    links = links or Links("", ".html")
    source = data.sources[0] if data.sources else None
    claims = Counter(c.subject for c in data.claims) + Counter(
        c.object for c in data.claims if c.object
    )
    mentions = Counter(m.entity for m in data.mentions)
    lists, more, files = [], {}, {}
    for kind in KIND_ORDER:
        rows = [
            {
                "item": item_id(e.iri),
                "label": e.label,
                "href": links.entity(e.iri, BASE),
                "type": e.type_label,
                "aliases": e.aliases,
                "claims": claims[e.iri],
                "mentions": mentions[e.iri],
                "when": _date(e) if kind == "event" else None,
            }
            for e in data.by_kind(kind)
        ]
        shown, more[kind], pages = split_list(kind, KIND_TITLES[kind], rows, links)
        files.update(pages)
        lists.append((kind, KIND_TITLES[kind], shown, len(rows)))
    claim_rows, more["claims"], pages = split_list(
        "claims", "Claims", _claims(data, links), links, by_claims=False
    )
    files.update(pages)
    if facets and files:  # the filters work on the rows the index shows
        shown = {row["item"] for _k, _t, rows, _n in lists for row in rows}
        shown |= {row["item"] for row in claim_rows}
        facets = Facets(facets.labels, {i: v for i, v in facets.items.items() if i in shown})
    search_index, parts = split_search(search_data(data, links, list(sources), list(events)), links)
    files.update(parts)
    files["index.html"] = render(
        "site_index.html",
        root="",
        links=links,
        title=source.title if source else "serge-graph",
        source=source,
        author=_person(data, source.creator if source else None, links),
        translator=_person(data, source.translator if source else None, links),
        counts=[(kind, title, total) for kind, title, _rows, total in lists],
        claims=len(data.claims),
        mentions=len(data.mentions),
        triples=data.triples,
        speakers=_speakers(data, links),
        sources=_sources(data, links),
        text_extent=data.sources[0].extent if data.sources else "The whole article",
        lists=[(kind, title, rows) for kind, title, rows, _total in lists],
        more=more,
        claim_rows=claim_rows,
        facets=facets.panel() if facets else [],
        facet_data=facets.page_data() if facets else None,
        search_index=search_index,
    )
    return files


def _date(event) -> tuple[str, str]:
    """An event's date as a reader reads it, and a key that sorts it in time (undated last).
    Without a date of its own, its bounds, at the precision they have, marked inferred."""
    key = event.earliest or event.latest or event.date or "9999"
    if event.date:
        return readable_date(event.date), key
    first, last = event.earliest, event.latest
    if not (first or last):
        return "undated", key
    if first and last:
        words = _span(first, last)
    else:
        words = f"not before {_span(first, first)}" if first else f"not after {_span(last, last)}"
    return f"{words} (inferred)", key


def _span(first: str, last: str) -> str:
    """Two bounds (xsd:date) in words: a day, a month, years, or between two days.

    >>> _span("1943-04-01", "1943-04-30"), _span("1942-01-01", "1944-12-31")
    ('April 1943', '1942–1944')
    >>> _span("1937-06-16", "1937-06-16"), _span("1941-06-22", "1941-06-22")
    ('16 June 1937', '22 June 1941')
    """
    begin, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if begin == end:
        return readable_date(first)
    if (begin.month, begin.day, end.month, end.day) == (1, 1, 12, 31):
        return readable_date(first[:4] if begin.year == end.year else f"{first[:4]}/{last[:4]}")
    if first[:7] == last[:7] and begin.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        return readable_date(first[:7])
    return f"between {readable_date(first)} and {readable_date(last)}"


def _claims(data: SiteData, links: Links) -> list[dict]:
    """The claims, in the order of the text, each with its speaker, certainty and rank."""
    return [
        {
            "item": item_id(c.iri),
            "label": c.label,
            "href": links.page(claim_path(c)),
            "speaker": data.label(c.speaker),
            "certainty": c.certainty or "",
            "rank": "corrected" if c.deprecated else c.rank,
        }
        for c in data.claims
    ]


def _person(data: SiteData, iri: str | None, links: Links) -> dict | None:
    if not iri or iri not in data.entities:
        return None
    return {"label": data.label(iri), "href": links.entity(iri, BASE)}


def _sources(data: SiteData, links: Links) -> list[dict]:
    """Every text of the graph with its author, language and what is annotated in it."""
    claims = Counter(c.evidence[0].source for c in data.claims if c.evidence)
    mentions = Counter(m.source for m in data.mentions)
    return [
        {
            "title": source.title,
            "href": links.page(source.page),
            "author": _person(data, source.creator, links),
            "language": source.language,
            "written": source.written,
            "claims": claims[source.id],
            "mentions": mentions[source.id],
            "excerpt": source.excerpt,
        }
        for source in data.sources
    ]


def _speakers(data: SiteData, links: Links) -> list[dict]:
    counts = Counter(c.speaker for c in data.claims)
    where: dict[str, set[str]] = defaultdict(set)
    for source in data.sources:
        for part in source.parts:  # a later source's parts are named with its title
            where[part.speaker].add(part.title if source.number == 1 else source.title)
    for claim in data.claims:
        if claim.reported_by:
            where[claim.speaker].add(f"quoted by {data.label(claim.reported_by)}")
    return [
        {
            "label": data.label(speaker),
            "href": links.entity(speaker, BASE) if speaker in data.entities else None,
            "claims": count,
            "parts": ", ".join(sorted(where[speaker])),
        }
        for speaker, count in sorted(counts.items(), key=lambda s: (-s[1], data.label(s[0])))
    ]
