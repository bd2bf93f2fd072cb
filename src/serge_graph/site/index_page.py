"""index.html: what the graph holds and where it comes from, the lists of entities and
events, and the search index (names, aliases and corrected spellings) the page's script uses."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..namespaces import ID
from .pages import Links, render
from .site_data import KIND_ORDER, KIND_TITLES, SiteData

BASE = str(ID)


def index_page_html(data: SiteData, links: Links | None = None) -> str:
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
        lists=lists,
        search_index=search_index(data, links),
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


def search_index(data: SiteData, links: Links) -> list[dict]:
    """Every entity and event with the forms a reader may type: name, aliases, corrected forms."""
    index = []
    for entity in sorted(data.entities.values(), key=lambda e: e.label.casefold()):
        forms = [*entity.aliases, *(c.correct_form for c in entity.corrections)]
        index.append(
            {
                "n": entity.label,
                "f": sorted(set(forms) - {entity.label}),
                "h": links.entity(entity.iri, BASE),
                "t": entity.type_label,
                "k": entity.kind,
            }
        )
    return index
