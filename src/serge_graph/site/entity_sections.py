"""An entity page organised for a reader: the claims of a page sorted into a dated chronology
of the events it takes part in, its relations to people, groups and places, its writings, and
what is said of it; every claim stays reachable, folded under its group.

A claim row here is already built (entity_pages.ClaimRow): this module only orders and groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .pages import readable_date
from .site_model import Entity, SiteData


@dataclass
class Occasion:
    """One event in a chronology: when, what, the roles the page's entity plays in it, each
    quote once, and the claims (folded)."""

    event: Entity
    href: str
    when: str  # "April 1942", "between 1942 and 1944", "undated"
    dated: bool
    sort_key: tuple
    roles: list[str] = field(default_factory=list)
    quotes: list = field(default_factory=list)  # Quote, each text once
    rows: list = field(default_factory=list)  # ClaimRow


@dataclass
class Group:
    """Claims read the same way from the page's entity ("friend of", "wrote"): the other ends
    named in one line, the claims folded."""

    reading: str
    names: list[tuple[str, str | None]]  # label, href (each once)
    rows: list  # ClaimRow


@dataclass
class QuoteGroup:
    """On an event page, one quote with every role and participant it states."""

    quote: object  # Quote, or None for claims without words (general knowledge)
    roles: list[tuple[str, str, str | None]]  # reading, label, href
    rows: list


@dataclass
class Outside:
    """A link out (general knowledge): the page or identifier, and the claim that says it with
    the page consulted where it was read."""

    label: str  # "Wikipedia (English): Victor Serge"
    url: str
    row: object  # ClaimRow: its references, its page


# the relations of a link out (data/links.yaml): never the text's, shown apart
OUTSIDE = ("http://xmlns.com/foaf/0.1/isPrimaryTopicOf", "http://www.w3.org/2002/07/owl#sameAs")


@dataclass
class Sections:
    chronology: list[Occasion]
    relations: list[Group]
    writings: list[Group]
    said: list[Group]  # values: descriptions, dates, occupations… by reading
    participants: list[QuoteGroup]  # an event's roles, grouped by quote
    time: list[Group]  # an event's place in time: during, before, after other events
    elsewhere: list[Outside] = field(default_factory=list)  # links out, general knowledge


_RANK_ORDER = {"preferred": 0, "normal": 1, "deprecated": 2}


def by_rank(rows: list) -> list:
    """The best-ranked value first, a deprecated one last (a stable sort: text order kept)."""
    return sorted(rows, key=lambda row: _RANK_ORDER.get(row.claim.rank, 1))


def when(entity: Entity) -> tuple[str, bool, tuple]:
    """How a reader reads an event's date, whether the text dates it, and a sort key."""
    if entity.date:
        return readable_date(entity.date), True, (0, entity.earliest or entity.date, entity.label)
    if entity.earliest or entity.latest:
        first = readable_date(entity.earliest[:4]) if entity.earliest else "?"
        last = readable_date(entity.latest[:4]) if entity.latest else "?"
        span = first if first == last else f"between {first} and {last}"
        return f"{span} (inferred)", False, (1, entity.earliest or "9999")
    return "undated", False, (2, entity.label.casefold())


def sections(data: SiteData, entity: Entity, rows_out: list, rows_in: list) -> Sections:
    occasions: dict[str, Occasion] = {}
    relations, writings, said = defaultdict(list), defaultdict(list), defaultdict(list)
    time: dict[str, list] = defaultdict(list)
    participants: list = []
    elsewhere = [
        Outside(r.value or r.claim.outside, r.claim.outside, r)
        for r in rows_out
        if r.claim.predicate in OUTSIDE and r.claim.outside
    ]
    rows_out = [r for r in rows_out if r.claim.predicate not in OUTSIDE]
    is_event = entity.kind == "event"
    for row, other, reading in [
        *((r, r.claim.object, r.claim.reading) for r in rows_out),
        *((r, r.claim.subject, r.claim.inverse_reading) for r in rows_in),
    ]:
        other_entity = data.entities.get(other or "")
        if is_event and row in rows_out and row.claim.predicate in data.role_predicates:
            participants.append(row)
        elif other_entity is None:
            said[reading].append(row)
        elif other_entity.kind == "event":
            if is_event:
                time[reading].append(row)
            else:
                _occasion(occasions, other_entity, row, reading)
        elif other_entity.kind == "work":
            writings[reading].append(row)
        else:
            relations[reading].append(row)
    chronology = sorted(occasions.values(), key=lambda o: o.sort_key)
    return Sections(
        chronology=chronology,
        relations=_groups(relations),
        writings=_groups(writings),
        said=_groups(said, names=False),
        participants=_by_quote(participants),
        time=_groups(time),
        elsewhere=sorted(elsewhere, key=lambda o: o.label),
    )


def _occasion(occasions: dict[str, Occasion], event: Entity, row, reading: str) -> None:
    if event.iri not in occasions:
        text, dated, key = when(event)
        occasions[event.iri] = Occasion(event, row.other_href, text, dated, key)
    occasion = occasions[event.iri]
    if reading not in occasion.roles:
        occasion.roles.append(reading)
    seen = {q.text for q in occasion.quotes}
    occasion.quotes += [q for q in row.quotes if q.text not in seen and not seen.add(q.text)]
    occasion.rows.append(row)


def _groups(groups: dict[str, list], names: bool = True) -> list[Group]:
    found = []
    for reading, unranked in groups.items():
        rows = by_rank(unranked)
        labels: dict[str, str | None] = {}
        for row in rows:
            label = row.other_label if names else _short(readable_date(row.value or ""))
            labels.setdefault(label, row.other_href)
        found.append(Group(reading, list(labels.items()), rows))
    return sorted(found, key=lambda g: (-len(g.rows), g.reading.casefold()))


def _short(text: str, limit: int = 70) -> str:
    """A value cut at a word for a one-line list (the claim itself, folded, has it whole)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _by_quote(rows: list) -> list[QuoteGroup]:
    """The participants of an event, one block per quote: the quote once, its roles under it."""
    groups: dict[str, QuoteGroup] = {}
    for row in rows:
        quote = row.quotes[0] if row.quotes else None
        key = quote.text if quote else f"no words: {row.claim.speaker}"
        if key not in groups:
            groups[key] = QuoteGroup(quote, [], [])
        group = groups[key]
        group.roles.append((row.claim.reading, row.other_label, row.other_href))
        group.rows.append(row)
    return list(groups.values())
