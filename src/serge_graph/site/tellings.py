"""One event, many tellings: what each source says of an event (its type, date, place and
participants, with the words and the speaker), side by side; and which claims two sources
give differently, the same pairs `query --saved sources-disagree` lists (a test holds them
equal), so that a claim's page can link the claim that disagrees with it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..namespaces import ID, SG
from .pages import readable_date
from .site_model import Claim, SiteData

BASE = str(ID)

# the relations sources-disagree compares: dates, places, numbers, an event's participants
COMPARED = frozenset(
    str(SG[name])
    for name in (
        *("birthDate", "deathDate", "foundingDate", "publicationDate", "diedIn", "buriedIn"),
        *("memberCount", "date", "place"),
        *("attendee", "author", "chair", "defender", "founder", "injured", "ordered"),
        *("organiser", "participant", "perpetrator", "publisher", "recipient"),
        *("seriouslyInjured", "signatory", "slightlyInjured", "speakerAt", "subjectOfEvent"),
        *("victim", "witness"),
    )
)


@dataclass
class Telling:
    """What one source says of an event: its rows (the page's claim rows) in reading order."""

    source: str  # the source's title
    href: str  # its text page
    rows: list[tuple]  # (ClaimRow, [(what the other source says, its claim's page, source)])


def tellings(data: SiteData, rows: list, links) -> list[Telling]:
    """The event's claims grouped by the source of their words, in the order of the sources;
    empty unless at least two sources tell it."""
    by_source: dict[str, list] = defaultdict(list)
    for row in rows:
        for source in dict.fromkeys(e.source for e in row.claim.evidence):
            by_source[source].append(row)
    if len(by_source) < 2:
        return []
    titles = {s.id: s.title for s in data.sources}
    differ = disagreeing(data)

    def marked(row) -> tuple:
        others = differ.get(row.claim.iri, [])
        return row, [(_said(data, o), links.entity(o.iri, BASE), titles[_first(o)]) for o in others]

    return [
        Telling(
            source.title,
            links.page(source.page),
            [marked(r) for r in sorted(by_source[source.id], key=lambda r: r.claim.first_start)],
        )
        for source in data.sources
        if source.id in by_source
    ]


def told_differently(data: SiteData, claim: Claim, links) -> list[tuple[str, str, str]]:
    """The claims of other sources that disagree with a claim: (how, label, page)."""
    titles = {s.id: s.title for s in data.sources}
    return [
        (f"told differently in {titles[_first(o)]}", o.label, links.entity(o.iri, BASE))
        for o in disagreeing(data).get(claim.iri, [])
    ]


def _said(data: SiteData, claim: Claim) -> str:
    return data.label(claim.object) if claim.object else readable_date(claim.value or "")


def _first(claim: Claim) -> str:
    return claim.evidence[0].source


def disagreeing(data: SiteData) -> dict[str, list[Claim]]:
    """For each claim, the claims of other sources that state the same fact differently."""
    held = data.__dict__.get("_disagreeing")
    if held is None:
        held = data.__dict__["_disagreeing"] = _disagreeing(data)
    return held


def _disagreeing(data: SiteData) -> dict[str, list[Claim]]:
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in data.claims:
        if claim.predicate in COMPARED and claim.evidence:
            groups[claim.subject, claim.predicate].append(claim)
    found: dict[str, list[Claim]] = defaultdict(list)
    for group in groups.values():
        said: dict[str, set] = defaultdict(set)  # what each source says, for participants
        for claim in group:
            for source in _sources(claim):
                said[source].add(claim.object)
        for a in group:
            for b in group:
                if a is not b and _disagree(a, b, said, data.located_in):
                    found[a.iri].append(b)
    return dict(found)


def _sources(claim: Claim) -> set[str]:
    return {e.source for e in claim.evidence}


def _disagree(a: Claim, b: Claim, said: dict[str, set], inside: set) -> bool:
    """Two claims of two sources that cannot both hold: two dates neither of which contains
    the other, two different numbers, or two places or participants neither inside the other,
    each named by one source and not by the other."""
    pairs = [(sa, sb) for sa in _sources(a) for sb in _sources(b) if sa != sb]
    if not pairs:
        return False
    if a.object is None or b.object is None:
        x, y = a.value or "", b.value or ""
        return x != y and not x.startswith(y + "-") and not y.startswith(x + "-")
    if a.object == b.object or (a.object, b.object) in inside or (b.object, a.object) in inside:
        return False
    return any(a.object not in said[sb] and b.object not in said[sa] for sa, sb in pairs)
