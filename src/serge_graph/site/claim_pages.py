"""The pages of the graph's other addresses: one per claim (its triple in words, its quotes in
context, speaker, certainty, rank, and the claims it corrects, supports or disputes), per
source, per reference consulted, per mention, and one for the dataset.

Each page stands at the path of its IRI under id/ (…/id/claim/x is id/claim/x.html), so the
server answers an IRI with its page and the static site links them as files. Pages are small:
the site has a thousand claims and thousands of mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..namespaces import ID
from .errata_page import Erratum, claim_path, erratum, value_words
from .pages import Links, paragraph_label, render
from .site_model import Claim, Evidence, Mention, Reference, SiteData, SourceInfo
from .tellings import told_differently

BASE = str(ID)
_CERTAINTY = {
    "stated": "stated in so many words",
    "implied": "implied by the words",
    "inferred": "inferred (not the text's words)",
}
_RANK = {
    "preferred": "preferred: the value to believe where claims differ",
    "normal": "normal",
    "deprecated": "deprecated: the text says it, general knowledge corrects it",
}
_ABOUT_WORDS = {"supports": "supports", "disputes": "disputes", "reports": "reports"}
_ABOUT_BACK = {"supports": "supported by", "disputes": "disputed by", "reports": "reported by"}


@dataclass
class QuoteInContext:
    before: str
    exact: str
    after: str
    href: str  # its place in the text page
    where: str


@dataclass
class Link:
    label: str
    href: str | None


@dataclass
class ClaimPage:
    claim: Claim
    subject: Link
    other: Link | None  # the object when it is an entity or event
    value: str | None  # the object when it is a value
    speaker: Link
    reported_by: Link | None
    quoted_from: Link | None
    quotes: list[QuoteInContext]
    certainty: str
    rank: str
    erratum: Erratum | None  # a deprecated claim and its corrections
    corrects: Erratum | None  # a correction: the claim it corrects
    related: list[tuple[str, Link]]  # (supports|disputed by|…, the other claim)
    sources: list[Link]


def page_path(iri: str) -> str:
    """The site path of a page for an IRI under id/ ("" for any other).

    >>> page_path("https://w3id.org/serge-graph/id/claim/x--deathDate--1943")
    'id/claim/x--deathDate--1943.html'
    """
    return f"id/{iri[len(BASE) :]}.html" if iri.startswith(BASE) else ""


def _link(data: SiteData, iri: str | None, links: Links) -> Link | None:
    if not iri:
        return None
    href = links.entity(iri, BASE) if iri in data.entities else None
    return Link(data.label(iri), href)


def quote_in_context(data: SiteData, evidence: Evidence, links: Links) -> QuoteInContext:
    return QuoteInContext(
        evidence.prefix,
        evidence.exact,
        evidence.suffix,
        links.text(evidence.anchor, evidence.page),
        _where(data, evidence.page, evidence.paragraph),
    )


def claim_page(data: SiteData, claim: Claim, links: Links) -> ClaimPage:
    related = [
        (_ABOUT_WORDS[link], _claim_link(data, target, links)) for link, target in claim.about
    ] + [
        (_ABOUT_BACK[link], _claim_link(data, other.iri, links))
        for link, other in data.related.get(claim.iri, [])
    ]
    related += [
        ("corrected by", Link(fix.label, links.entity(fix.iri, BASE)))
        for fix in data.corrections_of.get(claim.iri, [])
    ]
    related += [
        (how, Link(label, href)) for how, label, href in told_differently(data, claim, links)
    ]
    sources = {e.source: e.page for e in claim.evidence}
    corrected = data.claims_by_iri.get(claim.corrects or "")
    return ClaimPage(
        claim=claim,
        subject=_link(data, claim.subject, links),
        other=_link(data, claim.object, links),
        value=value_words(data, claim) if not claim.object else None,
        speaker=_link(data, claim.speaker, links),
        reported_by=_link(data, claim.reported_by, links),
        quoted_from=_link(data, claim.quoted_from, links),
        quotes=[quote_in_context(data, e, links) for e in claim.evidence],
        certainty=_CERTAINTY.get(claim.certainty or "", claim.certainty or "not given"),
        rank=_RANK.get(claim.rank, claim.rank),
        erratum=erratum(data, claim, links) if claim.deprecated else None,
        corrects=erratum(data, corrected, links) if corrected else None,
        related=related,
        sources=[
            Link(_source_title(data, source), links.page(page))
            for source, page in sorted(sources.items())
        ],
    )


def _claim_link(data: SiteData, iri: str, links: Links) -> Link:
    claim = data.claims_by_iri.get(iri)
    if claim is None:
        return Link(iri.rsplit("/", 1)[-1], None)
    return Link(claim.label, links.entity(claim.iri, BASE))


def _source_title(data: SiteData, source_id: str) -> str:
    return next((s.title for s in data.sources if s.id == source_id), source_id)


def _where(data: SiteData, page: str, paragraph: str) -> str:
    if page == "text.html":
        return paragraph_label(paragraph)
    title = next((s.title for s in data.sources if s.page == page), page)
    return f"{title}, {paragraph_label(paragraph)}"


def claim_page_html(data: SiteData, claim: Claim, links: Links) -> str:
    page = claim_page(data, claim, links)
    return render(
        "site_claim.html",
        page=page,
        claim=claim,
        root=links.root,
        links=links,
        title=claim.label,
        base=BASE,
    )


def source_page_html(data: SiteData, source: SourceInfo, links: Links) -> str:
    claims = [c for c in data.claims if any(e.source == source.id for e in c.evidence)]
    speakers = Counter(c.speaker for c in claims)
    return render(
        "site_resource.html",
        kind="source",
        root=links.root,
        links=links,
        title=source.title,
        source=source,
        text_href=links.page(source.page),
        creator=_link(data, source.creator, links),
        translator=_link(data, source.translator, links),
        parts=[(p.title, _link(data, p.speaker, links)) for p in source.parts],
        claims=len(claims),
        mentions=sum(1 for m in data.mentions if m.source == source.id),
        speakers=[
            (_link(data, s, links), n)
            for s, n in sorted(speakers.items(), key=lambda x: (-x[1], data.label(x[0])))
        ],
    )


def reference_page_html(data: SiteData, reference: Reference, links: Links) -> str:
    claims = [c for c in data.claims if reference in c.references]
    spellings = [
        (entity, fix)
        for entity in data.entities.values()
        for fix in entity.corrections
        if reference in fix.references
    ]
    return render(
        "site_resource.html",
        kind="reference",
        root=links.root,
        links=links,
        title=reference.title,
        reference=reference,
        claims=[Link(c.label, links.entity(c.iri, BASE)) for c in claims],
        spellings=[
            (Link(e.label, links.entity(e.iri, BASE)), fix)
            for e, fix in sorted(spellings, key=lambda x: x[0].label.casefold())
        ],
    )


def mention_page_html(data: SiteData, mention: Mention, links: Links) -> str:
    entity = data.entities.get(mention.entity)
    return render(
        "site_resource.html",
        kind="mention",
        root=links.root,
        links=links,
        title=f"“{mention.exact}” ({paragraph_label(mention.paragraph)})",
        mention=mention,
        iri=mention.iri,
        entity=_link(data, mention.entity, links) if entity else None,
        text_href=links.text(mention.anchor, mention.page),
        where=_where(data, mention.page, mention.paragraph),
        source=_source_title(data, mention.source),
    )


def mention_path(mention: Mention) -> str:
    return f"id/mention/{mention.source}/{mention.start}-{mention.end}.html"


def dataset_page_html(data: SiteData, links: Links) -> str:
    kinds = Counter(e.kind for e in data.entities.values())
    return render(
        "site_resource.html",
        kind="dataset",
        root=links.root,
        links=links,
        title="The dataset",
        triples=data.triples,
        kinds=sorted(kinds.items()),
        claims=len(data.claims),
        deprecated=len(data.deprecated()),
        mentions=len(data.mentions),
        sources=[(s, links.page(page_path(s.iri))) for s in data.sources],
        references=len(data.references()),
    )


def resource_pages(data: SiteData) -> dict[str, str]:
    """Every claim, source, reference and mention page, and the dataset's, by site path."""
    pages: dict[str, str] = {}
    for claim in data.claims:
        path = claim_path(claim)
        pages[path] = claim_page_html(data, claim, _links_for(path))
    for source in data.sources:
        path = page_path(source.iri)
        pages[path] = source_page_html(data, source, _links_for(path))
    for reference in data.references():
        path = page_path(reference.iri)
        pages[path] = reference_page_html(data, reference, _links_for(path))
    for mention in data.mentions:
        path = mention_path(mention)
        pages[path] = mention_page_html(data, mention, _links_for(path))
    pages["dataset.html"] = dataset_page_html(data, Links("", ".html"))
    return pages


def _links_for(path: str) -> Links:
    """Links from a page at path back to the site's top folder."""
    return Links("../" * path.count("/"), ".html")
