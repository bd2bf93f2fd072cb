"""index.html: what the graph holds and where it comes from, the lists of entities and
events, and what the page's search looks in (search_data.py: names, other names, years,
the text)."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..namespaces import ID
from ..source import Source
from .pages import Links, render
from .search_data import search_data
from .site_model import KIND_ORDER, KIND_TITLES, SiteData
from .timeline_page import TimelineEvent

BASE = str(ID)


def index_page_html(
    data: SiteData,
    links: Links | None = None,
    sources: list[Source] = (),
    events: list[TimelineEvent] = (),
) -> str:
    """The index page; sources (their text) and events (their dates) feed its search."""
    links = links or Links("", ".html")
    source = data.sources[0] if data.sources else None
    claims = Counter(c.subject for c in data.claims) + Counter(
        c.object for c in data.claims if c.object
    )
    mentions = Counter(m.entity for m in data.mentions)
    lists = []
    for kind in KIND_ORDER:
        rows = [
            {
                "label": e.label,
                "href": links.entity(e.iri, BASE),
                "type": e.type_label,
                "aliases": e.aliases,
                "claims": claims[e.iri],
                "mentions": mentions[e.iri],
            }
            for e in data.by_kind(kind)
        ]
        lists.append((kind, KIND_TITLES[kind], rows))
    return render(
        "site_index.html",
        root="",
        links=links,
        title=source.title if source else "serge-graph",
        source=source,
        author=_person(data, source.creator if source else None, links),
        translator=_person(data, source.translator if source else None, links),
        counts=[(kind, title, len(rows)) for kind, title, rows in lists],
        claims=len(data.claims),
        mentions=len(data.mentions),
        triples=data.triples,
        speakers=_speakers(data, links),
        sources=_sources(data, links),
        text_extent=data.sources[0].extent if data.sources else "The whole article",
        lists=lists,
        search_index=search_data(data, links, list(sources), list(events)),
    )


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
