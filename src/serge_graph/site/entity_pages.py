"""One page per entity and event: names, dates, every claim with its quote, speaker and
place in the text, participants, mentions, neighbours and the paths to key people."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph

from .. import network
from ..namespaces import ID, SG
from .entity_paging import (
    CLAIMS_PER_PAGE,
    LINES_PER_CLAIM,
    Paging,
    page_count,
    page_slice,
    paged_path,
    span,
)
from .entity_sections import Sections, by_rank, sections
from .errata_page import Erratum, erratum
from .pages import Links, paragraph_label, render
from .site_data import cached, site_data
from .site_model import Claim, Entity, SiteData
from .tellings import Telling, tellings

BASE = str(ID)
_DATE_PREDICATES = {str(SG.date): "date", str(SG.dateText): "date"}
_LIFE_PREDICATES = {str(SG.birthDate): "born", str(SG.deathDate): "died"}
_PLACE = str(SG.place)
_KEY_FACTS = {str(SG.nationality): "nationality", str(SG.occupation): "occupation"}


@dataclass
class Quote:
    text: str
    href: str
    where: str  # "¶ 36"


@dataclass
class ClaimRow:
    """A claim as one line of a page: the other end, the quotes and who says it."""

    claim: Claim
    other_label: str
    other_href: str | None
    value: str | None
    quotes: list[Quote]
    speaker: str
    speaker_href: str | None
    reported_by: str | None = None
    reported_by_href: str | None = None
    quoted_from: str | None = None
    quoted_from_href: str | None = None
    href: str = ""  # the claim's own page
    erratum: Erratum | None = None  # a deprecated claim: what corrects it
    corrected: Erratum | None = None  # a correction: the text's claim it corrects


@dataclass
class Hop:
    left: str
    left_href: str
    relation: str
    right: str
    right_href: str
    quote: str
    quote_href: str | None
    speaker: str


@dataclass
class EntityPage:
    entity: Entity
    outgoing: list[tuple[str, list[ClaimRow]]]
    incoming: list[tuple[str, list[ClaimRow]]]
    summary: list[tuple[str, list[ClaimRow]]]  # dates, place, participants by role
    mentions: list[tuple[str, str, int]]  # paragraph label, href, count
    neighbours: list[tuple[str, str, int, str]]  # label, href, claims, kind
    paths: list[tuple[str, str, list[list[Hop]]]] = field(default_factory=list)
    spoken: list[tuple[str, str, Claim]] = field(default_factory=list)  # claims it states
    each_mention: list[tuple[str, str]] = field(default_factory=list)  # words, its page
    sections: Sections | None = None  # the same claims, organised for a reader
    tellings: list[Telling] = field(default_factory=list)  # an event's, source by source
    paging: Paging | None = None  # one of several pages (entity_paging.py); None: the only one


def full_network(graph: Graph) -> nx.MultiDiGraph:
    return cached(graph, "full_network", network.full_projection)


def entity_page_html(
    graph: Graph, iri: str, root: str = "../../", suffix: str = ".html", query_page: str = ""
) -> str:
    """The HTML page of one entity or event of the graph (KeyError if the IRI is not one).

    root leads from the page back to the site's top folder; suffix ends links to other
    entity pages (".html" for the written site, "" for a server that answers /id/… itself);
    query_page, if given, is linked from the page's header (a server's "query").
    """
    data = site_data(graph)
    if iri not in data.entities:
        raise KeyError(iri)
    links = Links(root, suffix, query_page)
    page = entity_page(data, full_network(graph), iri, links)
    return render_entity_page(page, data, links)


def render_entity_page(page: EntityPage, data: SiteData, links: Links) -> str:
    return render(
        "site_entity.html",
        page=page,
        entity=page.entity,
        kind_title=page.entity.kind,
        root=links.root,
        links=links,
        title=f"{page.entity.label} ({page.entity.type_label})",
        data=data,
    )


def entity_page(data: SiteData, full: nx.MultiDiGraph, iri: str, links: Links) -> EntityPage:
    """The whole page of an entity or event, every claim on it."""
    claims_out = data.claims_by_subject.get(iri, [])
    claims_in = data.claims_by_object.get(iri, [])
    mentions = data.mentions_by_entity.get(iri, [])
    spoken = data.claims_by_speaker.get(iri, [])
    return _page(data, full, iri, links, claims_out, claims_in, mentions, spoken, first=True)


def entity_pages(
    data: SiteData, full: nx.MultiDiGraph, iri: str, links: Links, per_page: int = CLAIMS_PER_PAGE
) -> list[EntityPage]:
    """The pages of an entity or event: one, the whole page, unless it has more than per_page
    claims, or more than ten times as many claims it states or mentions; then per_page claims
    a page and ten times as many of the others (entity_paging.py)."""
    claims = [(c, True) for c in data.claims_by_subject.get(iri, [])]  # (claim, made by it)
    claims += [(c, False) for c in data.claims_by_object.get(iri, [])]
    mentions = data.mentions_by_entity.get(iri, [])
    spoken = data.claims_by_speaker.get(iri, [])
    lines = per_page * LINES_PER_CLAIM
    count = max(page_count(per_page, len(claims)), page_count(lines, len(mentions), len(spoken)))
    if count == 1:
        return [entity_page(data, full, iri, links)]
    first = links.entity(iri, BASE)
    hrefs = tuple(paged_path(first, number) for number in range(1, count + 1))
    pages = []
    for number in range(1, count + 1):
        shown = page_slice(claims, number, per_page)
        page = _page(
            data,
            full,
            iri,
            links,
            [c for c, made in shown if made],
            [c for c, made in shown if not made],
            page_slice(mentions, number, lines),
            page_slice(spoken, number, lines),
            first=number == 1,
        )
        page.paging = Paging(
            number,
            hrefs,
            claims=span(len(claims), number, per_page),
            spoken=span(len(spoken), number, lines),
            mentions=span(len(mentions), number, lines),
        )
        pages.append(page)
    return pages


def _page(
    data: SiteData,
    full: nx.MultiDiGraph,
    iri: str,
    links: Links,
    claims_out: list[Claim],
    claims_in: list[Claim],
    mentions: list,
    spoken: list[Claim],
    first: bool,
) -> EntityPage:
    """A page of these claims, mentions and stated claims; the summaries of the whole entity
    (mentions by paragraph, neighbours, paths) on the first page."""
    entity = data.entities[iri]
    rows_out = [_row(data, c, c.object, links) for c in claims_out]
    rows_in = [_row(data, c, c.subject, links) for c in claims_in]
    return EntityPage(
        entity=entity,
        sections=sections(data, entity, rows_out, rows_in),
        tellings=tellings(data, rows_out, links) if entity.kind == "event" else [],
        outgoing=_grouped(rows_out),
        incoming=_grouped(rows_in),
        summary=_summary(data, rows_out),
        mentions=_mentions(data, iri, links) if first else [],
        neighbours=_neighbours(data, iri, links) if first else [],
        paths=_paths(data, full, iri, links) if first else [],
        each_mention=[
            (f"“{m.exact}” ({_where(data, m.page, m.paragraph)})", links.entity(m.iri, BASE))
            for m in mentions
        ],
        spoken=[(c.label, links.entity(c.iri, BASE), c) for c in spoken],
    )


def _href(data: SiteData, iri: str | None, links: Links) -> str | None:
    return links.entity(iri, BASE) if iri and iri in data.entities else None


def _row(data: SiteData, claim: Claim, other: str | None, links: Links) -> ClaimRow:
    quotes = [
        Quote(e.exact, links.text(e.anchor, e.page), _where(data, e.page, e.paragraph))
        for e in claim.evidence
    ]
    return ClaimRow(
        claim=claim,
        other_label=data.label(other) if other else "",
        other_href=_href(data, other, links),
        value=claim.value,
        quotes=quotes,
        speaker=data.label(claim.speaker),
        speaker_href=_href(data, claim.speaker, links),
        reported_by=data.label(claim.reported_by) if claim.reported_by else None,
        reported_by_href=_href(data, claim.reported_by, links),
        quoted_from=data.label(claim.quoted_from) if claim.quoted_from else None,
        quoted_from_href=_href(data, claim.quoted_from, links),
        href=links.entity(claim.iri, BASE),
        erratum=erratum(data, claim, links) if claim.deprecated else None,
        corrected=(
            erratum(data, data.claims_by_iri[claim.corrects], links)
            if claim.corrects in data.claims_by_iri
            else None
        ),
    )


def _grouped(rows: list[ClaimRow]) -> list[tuple[str, list[ClaimRow]]]:
    groups: dict[str, list[ClaimRow]] = defaultdict(list)
    for row in rows:
        groups[row.claim.relation].append(row)
    return sorted(
        ((name, by_rank(group)) for name, group in groups.items()),
        key=lambda item: item[0].casefold(),
    )


def _summary(data: SiteData, rows: list[ClaimRow]) -> list[tuple[str, list[ClaimRow]]]:
    """The facts a reader looks for first: dates of life or of the event, place, participants."""
    groups: dict[str, list[ClaimRow]] = defaultdict(list)
    for row in rows:
        predicate = row.claim.predicate
        heading = _DATE_PREDICATES.get(predicate) or _LIFE_PREDICATES.get(predicate)
        if heading is None and predicate == _PLACE:
            heading = "place"
        heading = heading or _KEY_FACTS.get(predicate)
        if heading is None and predicate in data.role_predicates:
            heading = row.claim.relation
        if heading:
            groups[heading].append(row)
    order = ["born", "died", "date", "place"]
    return sorted(
        ((name, by_rank(group)) for name, group in groups.items()),
        key=lambda g: (order.index(g[0]) if g[0] in order else 9, g[0]),
    )


def _mentions(data: SiteData, iri: str, links: Links) -> list[tuple[str, str, int]]:
    """The paragraphs that name it, source by source (the first source first)."""
    mentions = data.mentions_by_entity.get(iri, [])
    counts = Counter((m.page, m.paragraph) for m in mentions)
    first = {}
    for order, mention in enumerate(mentions):  # mentions come in source and text order
        first.setdefault((mention.page, mention.paragraph), order)
    ordered = sorted(counts, key=first.__getitem__)
    return [(_where(data, page, p), links.text(p, page), counts[page, p]) for page, p in ordered]


def _where(data: SiteData, page: str, paragraph: str) -> str:
    """¶ 36, or, in a source other than the first, its title and ¶ 3."""
    if page == "text.html":
        return paragraph_label(paragraph)
    title = next((s.title for s in data.sources if s.page == page), page)
    return f"{title}, {paragraph_label(paragraph)}"


def _neighbours(data: SiteData, iri: str, links: Links) -> list[tuple[str, str, int, str]]:
    counts: Counter[str] = Counter()
    for claim in data.claims_by_subject.get(iri, []):
        if claim.object and claim.object != iri:
            counts[claim.object] += 1
    for claim in data.claims_by_object.get(iri, []):
        if claim.subject != iri:
            counts[claim.subject] += 1
    ordered = sorted(counts, key=lambda n: (-counts[n], data.label(n).casefold()))
    return [
        (data.label(n), links.entity(n, BASE), counts[n], data.entities[n].type_label)
        for n in ordered
        if n in data.entities
    ]


def _paths(
    data: SiteData, full: nx.MultiDiGraph, iri: str, links: Links
) -> list[tuple[str, str, list[list[Hop]]]]:
    """The shortest connections by hops from this entity to each key person (`serge-graph path`
    ranks them by evidence instead: serge_graph.evidence_paths)."""
    found = []
    simple = cached(full, "simple_view", network.simple_view)
    for target in data.key_people():
        if target == iri or iri not in full or target not in full:
            continue
        paths = network.shortest_paths(full, iri, target, max_paths=3, simple=simple)
        hops = [[_hop(data, full, hop, links) for hop in path] for path in paths]
        found.append((data.label(target), links.entity(target, BASE), hops))
    return found


def _hop(data: SiteData, full: nx.MultiDiGraph, hop: network.Hop, links: Links) -> Hop:
    left, right = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
    return Hop(
        left=data.label(left),
        left_href=links.entity(left, BASE),
        relation=hop.relation,
        right=data.label(right),
        right_href=links.entity(right, BASE),
        quote=hop.quote,
        quote_href=_hop_quote_href(data, full, left, right, hop, links),
        speaker=hop.speaker,
    )


def _hop_quote_href(
    data: SiteData, full: nx.MultiDiGraph, left: str, right: str, hop: network.Hop, links: Links
) -> str | None:
    """The anchor of the claim whose quote the hop shows (the edge key is the claim's IRI)."""
    claims = {c.iri: c for c in data.claims_by_subject.get(left, [])}
    for key, edge in (full.get_edge_data(left, right) or {}).items():
        if edge.get("quote") == hop.quote and edge.get("relation") == hop.relation:
            claim = claims.get(str(key))
            for evidence in claim.evidence if claim else []:
                if evidence.exact == hop.quote:
                    return links.text(evidence.anchor, evidence.page)
    return None
