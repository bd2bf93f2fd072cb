"""errata.html, "What the text gets wrong": every claim the text makes that general knowledge
corrects (rank deprecated), with the text's words, who says them and where, the correction,
its reason and the reference consulted; then the names the text spells otherwise.

The same few lines (`Erratum`) are shown on the entity and event pages beside the claim they
correct, and beside the marked words in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..namespaces import ID
from .pages import Links, paragraph_label, readable_date, render
from .site_model import Claim, Reference, SiteData

BASE = str(ID)


@dataclass
class Fix:
    """One correction of a deprecated claim: the right value, by whom, and why."""

    claim: Claim
    says: str  # the corrected value in words ("1945", "born in Brussels")
    href: str  # the correction's claim page
    references: list[Reference]


@dataclass
class Erratum:
    """A deprecated claim in words, with its corrections."""

    claim: Claim
    subject: str
    subject_href: str | None
    relation: str
    says: str  # what the text says, in words
    speaker: str
    speaker_href: str | None
    where: str  # "¶ 36"
    quote_href: str  # its words in the text
    href: str  # its claim page
    reason: str
    fixes: list[Fix]


def value_words(data: SiteData, claim: Claim) -> str:
    """A claim's object as a reader says it: an entity's name or a readable value."""
    if claim.object:
        return data.label(claim.object)
    return readable_date(claim.value) if claim.value else ""


def claim_path(claim: Claim) -> str:
    """A claim's page in the site, mirroring its IRI: id/claim/<slug>.html."""
    return f"id/claim/{claim.slug}.html"


def correction_words(data: SiteData, claim: Claim, fix: Claim) -> str:
    """What a correction says instead of the claim: its value, or its relation and value when
    it corrects the relation ("before Spanish Civil War" for "during Spanish Civil War"), with
    its date where it corrects the claim's date ("Henryk Erlich, 15 May 1942")."""
    words = value_words(data, fix)
    if fix.predicate != claim.predicate:
        words = f"{fix.reading} {words}"
    return _with_date(words, fix) if _date_corrected(claim, fix) else words


def claim_words(data: SiteData, claim: Claim, fixes: list[Claim]) -> str:
    """What the text says, with its date where a correction puts that date right."""
    words = value_words(data, claim)
    return _with_date(words, claim) if any(_date_corrected(claim, f) for f in fixes) else words


def _date_corrected(claim: Claim, fix: Claim) -> bool:
    return bool(fix.date_text) and fix.date_text != claim.date_text


def _with_date(words: str, claim: Claim) -> str:
    return f"{words}, {readable_date(claim.date_text)}" if claim.date_text else words


def erratum(data: SiteData, claim: Claim, links: Links) -> Erratum:
    first = claim.evidence[0] if claim.evidence else None
    fixes = [
        Fix(
            fix,
            correction_words(data, claim, fix),
            links.entity(fix.iri, BASE),
            fix.references,
        )
        for fix in data.corrections_of.get(claim.iri, [])
    ]
    return Erratum(
        claim=claim,
        subject=data.label(claim.subject),
        subject_href=_href(data, claim.subject, links),
        relation=claim.reading,
        says=claim_words(data, claim, [fix.claim for fix in fixes]),
        speaker=data.label(claim.speaker),
        speaker_href=_href(data, claim.speaker, links),
        where=_where(data, first.page, first.paragraph) if first else "",
        quote_href=links.text(first.anchor, first.page) if first else "",
        href=links.entity(claim.iri, BASE),
        reason=claim.rank_reason or "",
        fixes=fixes,
    )


def errata(data: SiteData, links: Links) -> list[Erratum]:
    return [erratum(data, claim, links) for claim in data.deprecated()]


ERRATA_PER_PAGE = 200  # a corpus of many sources lists its errata over several pages


def errata_page_name(number: int) -> str:
    """errata.html, then errata-2.html, … for a corpus with more than ERRATA_PER_PAGE errata."""
    return "errata.html" if number == 1 else f"errata-{number}.html"


def errata_page_of(data: SiteData) -> dict[str, str]:
    """Each corrected claim's IRI -> the errata page that lists it."""
    return {
        claim.iri: errata_page_name(1 + index // ERRATA_PER_PAGE)
        for index, claim in enumerate(data.deprecated())
    }


def errata_page_html(data: SiteData, links: Links | None = None) -> str:
    return errata_pages_html(data, links)["errata.html"]


def errata_pages_html(data: SiteData, links: Links | None = None) -> dict[str, str]:
    """errata.html and, past ERRATA_PER_PAGE corrected claims, errata-2.html, …: each says
    which of them it lists and links the others; the names spelt otherwise stand on the first."""
    links = links or Links("", ".html")
    spellings = [
        (entity, links.entity(entity.iri, BASE))
        for entity in sorted(data.entities.values(), key=lambda e: e.label.casefold())
        if entity.corrections
    ]
    every = errata(data, links)
    count = max(1, -(-len(every) // ERRATA_PER_PAGE))
    hrefs = [links.page(errata_page_name(n)) for n in range(1, count + 1)]
    pages = {}
    for number in range(1, count + 1):
        first = (number - 1) * ERRATA_PER_PAGE
        shown = every[first : first + ERRATA_PER_PAGE]
        paging = None
        if count > 1:
            paging = {"number": number, "hrefs": hrefs, "first": first + 1, "total": len(every)}
            paging["last"] = first + len(shown)
        pages[errata_page_name(number)] = render(
            "site_errata.html",
            root=links.root,
            links=links,
            title="What the text gets wrong",
            errata=shown,
            total=len(every),
            paging=paging,
            spellings=spellings if number == 1 else [],
        )
    return pages


def _href(data: SiteData, iri: str | None, links: Links) -> str | None:
    return links.entity(iri, BASE) if iri and iri in data.entities else None


def _where(data: SiteData, page: str, paragraph: str) -> str:
    if page == "text.html":
        return paragraph_label(paragraph)
    title = next((s.title for s in data.sources if s.page == page), page)
    return f"{title}, {paragraph_label(paragraph)}"
