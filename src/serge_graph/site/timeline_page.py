"""The dated events as one self-contained HTML page: a timeline focused on 1936–1948.

The axis is in pieces, each marked on the page: the years before 1936 and after
1948 are squeezed into grey context bands, 1936–1940 and 1948 are drawn at one
pace, and 1941–1947 (the years of the article) at more than twice that pace.
Every mark spans what the text says: a year is a bar over the year, a month over
the month, a range over its bounds, an exact day is a thin tick (never the widest
mark). Where the text dates one event twice (Umansky's death: 1943 in Gorkin's
narrative, 1945 in the editors' note 11) the row carries both dates and who gives
each. Each row links to the event's page and to the words that date it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from html import escape

from markupsafe import Markup
from rdflib import Graph

from ..model import PartialDate
from ..queries import run_query
from .links import claim_anchor, page_path, root_prefix, text_page
from .pages import STATIC, environment, readable_date
from .site_data import cached
from .timeline_facets import TimelineFacets

# Each event's name and most specific kinds.
_EVENT_TYPES = """
SELECT ?event ?label ?type WHERE {
  ?event a sg:Event ; rdfs:label ?label ; a ?class .
  ?class rdfs:subClassOf+ sg:Event ; rdfs:label ?type .
  FILTER NOT EXISTS { ?event a ?narrower . ?narrower rdfs:subClassOf ?class . FILTER(?narrower != ?class) }
}"""

# The date claims (sg:date or sg:dateText), each with its speaker and first words; joined to
# _EVENT_TYPES here (one query of both took rdflib 4.3 s at 10 copies of the article, these two
# 0.7 s: VALUES, not a FILTER over every claim's predicate).
_EVENT_DATES = """
SELECT ?event ?claim ?value ?speaker ?quote ?start ?source ?number ?certainty ?rank WHERE {
  VALUES ?p { sg:date sg:dateText }
  ?claim rdf:predicate ?p ; rdf:subject ?event ; rdf:object ?value ; sg:speaker ?who ;
         sg:evidence ?evidence .
  ?who rdfs:label ?speaker .
  ?evidence oa:hasTarget ?target .
  ?target oa:hasSelector ?quote_selector , ?position .
  ?quote_selector oa:exact ?quote .
  ?position oa:start ?start .
  ?target oa:hasSource ?source . ?source sg:sourceNumber ?number .
  OPTIONAL { ?claim sg:certainty ?certainty } OPTIONAL { ?claim sg:rank ?rank }
}"""

# A death is dated by its victim's death dates too: where the text gives two, both show.
# The victims apart from the dates, joined here (rdflib joined them in time growing with the
# square of the graph).
_VICTIMS = """
SELECT ?event ?person WHERE { ?event a sg:Death ; sg:victim ?person . }"""
_DEATH_DATES = """
SELECT ?person ?claim ?value ?speaker ?quote ?start ?source ?number ?certainty ?rank WHERE {
  ?claim rdf:predicate sg:deathDate ; rdf:subject ?person ; rdf:object ?value ; sg:speaker ?who ;
         sg:evidence ?evidence .
  ?who rdfs:label ?speaker .
  ?evidence oa:hasTarget ?target .
  ?target oa:hasSelector ?quote_selector , ?position .
  ?quote_selector oa:exact ?quote .
  ?position oa:start ?start .
  ?target oa:hasSource ?source . ?source sg:sourceNumber ?number .
  OPTIONAL { ?claim sg:certainty ?certainty } OPTIONAL { ?claim sg:rank ?rank }
}"""

PAGE_BYTES = 2_000_000  # a bigger page shows its most told events only (timeline_page)
FOCUS = (1936, 1949)  # 1 January 1936 to 1 January 1949
CORE = (1941, 1948)  # the article's years, drawn wider
# Where each boundary of the axis stands, as a fraction of the track's width.
_STOPS = (0.0, 0.10, 0.28, 0.86, 0.896, 1.0)


@dataclass(frozen=True)
class Dating:
    """One date the text gives an event, who gives it, and the claim that records it."""

    date: PartialDate
    speaker: str
    quote: str
    claim: str
    start: int
    page: str = "text.html"  # the text page of the claim's source
    source: str = ""  # the source's id
    certainty: str = "stated"  # stated, implied or inferred
    rank: str = "normal"  # preferred, normal or deprecated
    fixes: tuple[tuple[str, str], ...] = ()  # a deprecated date's corrections: (value, reference)

    @property
    def readable(self) -> str:
        return readable_date(self.date)


@dataclass(frozen=True)
class TimelineEvent:
    iri: str
    label: str
    type: str
    datings: tuple[Dating, ...]  # in the order of the text; the first places the row

    @property
    def earliest(self) -> dt.date:
        return self.datings[0].date.earliest

    @property
    def latest(self) -> dt.date:
        return self.datings[0].date.latest


def timeline_events(rdf: Graph) -> list[TimelineEvent]:
    """Every event the text dates, with every date it gives and who gives it, earliest first
    (read once per graph: the index's search and the timeline page both ask)."""
    return list(cached(rdf, "timeline_events", _timeline_events))


def _timeline_events(rdf: Graph) -> list[TimelineEvent]:
    labels: dict[str, tuple[str, set[str]]] = {}
    datings: dict[str, dict[tuple[str, str], Dating]] = {}
    kinds: dict[str, list[tuple[str, str]]] = {}
    for event, label, kind in run_query(rdf, _EVENT_TYPES).rows:
        kinds.setdefault(event, []).append((label, kind))
    for event, claim, value, speaker, quote, start, *where in run_query(rdf, _EVENT_DATES).rows:
        for label, kind in kinds.get(event, ()):
            labels.setdefault(event, (label, set()))[1].add(kind)
        if event in kinds:
            dating = _dating(claim, value, speaker, quote, start, *where)
            _add_dating(datings.setdefault(event, {}), dating)
    deaths: dict[str, list[str]] = {}
    for event, person in run_query(rdf, _VICTIMS).rows:
        deaths.setdefault(person, []).append(event)
    for person, claim, value, speaker, quote, start, *where in run_query(rdf, _DEATH_DATES).rows:
        for event in deaths.get(person, ()):
            if event in datings:  # a death the text dates itself; its victim's dates join it
                _add_dating(datings[event], _dating(claim, value, speaker, quote, start, *where))
    events = [
        TimelineEvent(
            event,
            labels[event][0],
            " · ".join(sorted(labels[event][1])),
            tuple(sorted(found.values(), key=lambda d: (d.start, d.claim))),
        )
        for event, found in datings.items()
    ]
    return sorted(events, key=lambda e: (e.earliest, e.latest, e.label))


def _dating(claim, value, speaker, quote, start, source: str, number, certainty, rank) -> Dating:
    page = text_page(source.rsplit("/", 1)[-1], int(number))
    return Dating(
        PartialDate.parse(value),
        speaker,
        quote,
        claim,
        int(start),
        page,
        source.rsplit("/", 1)[-1],
        _local(certainty, "") or "stated",
        _local(rank, "Rank") or "normal",
    )


def _local(node, suffix: str) -> str:
    """sg:DeprecatedRank -> "deprecated", sg:Stated -> "stated"."""
    return str(node).rsplit("#", 1)[-1].removesuffix(suffix).lower() if node else ""


def _add_dating(found: dict, dating: Dating) -> None:
    """Keep one dating per (date, speaker): the one whose words come first in the text."""
    key = (dating.date.text, dating.speaker)
    if key not in found or dating.start < found[key].start:
        found[key] = dating


class Axis:
    """Dates -> fractions of the track: context bands around a focus whose core is widest."""

    def __init__(self, events: list[TimelineEvent]):
        days = [d.date for e in events for d in e.datings]
        self.first = min([dt.date(FOCUS[0], 1, 1), *(d.earliest for d in days)])
        self.last = max([dt.date(FOCUS[1], 1, 1), *(d.latest + dt.timedelta(days=1) for d in days)])
        self.bounds = (
            self.first,
            dt.date(FOCUS[0], 1, 1),
            dt.date(CORE[0], 1, 1),
            dt.date(CORE[1], 1, 1),
            dt.date(FOCUS[1], 1, 1),
            self.last,
        )

    def at(self, day: dt.date) -> float:
        """Where a day stands, 0 (left) to 1 (right)."""
        for index in range(len(self.bounds) - 1):
            begin, end = self.bounds[index], self.bounds[index + 1]
            if day <= end or index == len(self.bounds) - 2:
                share = (day - begin).days / max((end - begin).days, 1)
                return _STOPS[index] + (_STOPS[index + 1] - _STOPS[index]) * share
        return 1.0


def timeline_page(
    events: list[TimelineEvent],
    title: str,
    site_root: str = "",
    facets: TimelineFacets | None = None,
) -> str:
    """The page: the filters (how sure, years, person, source), an axis that stays in view, one
    row per event (its marks, its dates and speakers, its links), then the undated events.

    A corpus of many sources whose page would pass PAGE_BYTES shows its most told events (most
    dates given first; as many undated ones), half as many until the page fits, and says so in
    its title."""
    facets = facets or TimelineFacets()
    page = _whole_page(events, title, site_root, facets)
    keep = len(events)
    while len(page.encode("utf-8")) > PAGE_BYTES and keep > 1:
        keep //= 2
        ranked = sorted(events, key=lambda e: (-len(e.datings), e.earliest, e.iri))
        told = {e.iri for e in ranked[:keep]}
        shown = [e for e in events if e.iri in told]  # in the order of time
        fewer = dataclasses.replace(facets, undated=facets.undated[:keep])
        words = f"{title}: the {keep:,} most told of {len(events):,} dated events"
        page = _whole_page(shown, words, site_root, fewer)
    return page


def _whole_page(
    events: list[TimelineEvent], title: str, site_root: str, facets: TimelineFacets
) -> str:
    root = root_prefix(site_root)
    if not events:
        return _page(title, "<p>No dated events.</p>", root, facets, [])
    axis = Axis(events)
    first_core = next((e for e in events if e.earliest.year >= CORE[0]), None)
    rows = "".join(_row(event, axis, root, facets, event is first_core) for event in events)
    body = (
        '<div class="timeline" role="table" aria-label="dated events">'
        '<div class="row axis-row" role="row"><div class="cell" role="columnheader">Event and dates</div>'
        f'<div class="track axis" role="columnheader" aria-label="time axis">{_axis(axis)}</div></div>'
        f"{rows}</div>{_undated(facets, root)}"
    )
    return _page(title, body, root, facets, events)


def _pct(value: float) -> str:
    return f"{100 * value:.3f}%"


def _axis(axis: Axis) -> str:
    """Bands and ticks: a tick for each year of the focus, the bounds of the context bands."""
    parts = [
        f'<span class="band context" style="left:0;width:{_pct(_STOPS[1])}" '
        f'title="{axis.first.year}–{FOCUS[0] - 1}, squeezed"></span>',
        f'<span class="band core" style="left:{_pct(_STOPS[2])};width:{_pct(_STOPS[3] - _STOPS[2])}" '
        f'title="{CORE[0]}–{CORE[1] - 1}, widened"></span>',
        f'<span class="band context" style="left:{_pct(_STOPS[4])};width:{_pct(1 - _STOPS[4])}" '
        f'title="{FOCUS[1]}–{axis.last.year - 1}, squeezed"></span>',
    ]
    if axis.first.year < FOCUS[0]:
        parts.append(_tick(0.0, str(axis.first.year), "context-label", axis.first.year))
    for year in range(FOCUS[0], FOCUS[1] + 1):
        label = str(year) if year in (FOCUS[0], FOCUS[1]) or CORE[0] <= year < CORE[1] else ""
        # on a phone only every third year of the core keeps its number
        kind = "year" if year in (CORE[0], CORE[0] + 3, CORE[0] + 6) else "year minor"
        parts.append(_tick(axis.at(dt.date(year, 1, 1)), label, kind, year))
    if axis.last.year - 1 > FOCUS[1]:
        parts.append(_tick(1.0, str(axis.last.year - 1), "context-label end", axis.last.year))
    return "".join(parts)


def _tick(at: float, label: str, kind: str, year: int) -> str:
    return (
        f'<span class="tick {kind}" data-year="{year}" style="left:{_pct(at)}">'
        f"<span>{escape(label)}</span></span>"
    )


def _row(
    event: TimelineEvent, axis: Axis, root: str, facets: TimelineFacets, first_core: bool = False
) -> str:
    page = page_path(event.iri)
    name = escape(event.label)
    heading = f'<a href="{escape(root + page)}">{name}</a>' if page else name
    twice = len({d.date.text for d in event.datings}) > 1
    dates = "".join(_dating_line(d, root, facets) for d in event.datings)
    marks = "".join(_mark(d, axis, event.label, i, facets) for i, d in enumerate(event.datings))
    marks += _joins(event, axis)
    people = " ".join(slug for slug, _name in facets.people.get(event.iri, []))
    sources = " ".join(sorted({d.source for d in event.datings}))
    years = f"{min(d.date.earliest.year for d in event.datings)} " + str(
        max(d.date.latest.year for d in event.datings)
    )
    return (
        f'<div class="row event{" twice" if twice else ""}" role="row" data-iri="{escape(event.iri)}"'
        f' data-claim-group data-years="{years}" data-people="{escape(people)}"'
        f' data-sources="{escape(sources)}"{f" id=from-{CORE[0]}" if first_core else ""}>'
        f'<div class="cell" role="cell"><div class="name">{heading} '
        f'<span class="type">{escape(event.type)}</span></div>'
        f"{'<div class=note>The text dates this twice.</div>' if twice else ''}"
        f'<ul class="datings">{dates}</ul></div>'
        f'<div class="track" role="cell">{marks}</div></div>'
    )


def _claim_data(dating: Dating) -> str:
    slug = dating.claim.rsplit("/", 1)[-1]
    return (
        f'data-claim="{escape(slug)}" data-certainty="{dating.certainty}" data-rank="{dating.rank}"'
    )


def _fix_words(dating: Dating, facets: TimelineFacets) -> str:
    """ "corrected: 1945 (reference)" for a deprecated date, else ""."""
    fixes = facets.fixes.get(dating.claim, [])
    return "; ".join(f"{value} ({ref})" if ref else value for value, ref in fixes)


def _dating_line(dating: Dating, root: str, facets: TimelineFacets) -> str:
    words = claim_anchor(dating.claim, dating.page)
    link = f' · <a href="{escape(root + words)}">the words</a>' if words else ""
    certainty = f" ({dating.certainty})" if dating.certainty != "stated" else ""
    when = f'<span class="when">{escape(dating.readable)}</span>'
    if dating.rank == "deprecated":  # the text's error, shown as such with its correction
        fixed = _fix_words(dating, facets)
        when = f'<s class="when wrong">{escape(dating.readable)}</s>'
        certainty += " — the text’s error" + (f", corrected: {escape(fixed)}" if fixed else "")
    return (
        f'<li class="dating rank-{dating.rank}" {_claim_data(dating)} title="“{escape(dating.quote)}”">'
        f"{when} — {escape(dating.speaker)}{certainty}{link}</li>"
    )


def _mark(dating: Dating, axis: Axis, label: str, index: int, facets: TimelineFacets) -> str:
    """A bar over the span the date covers; a day is a thin tick (the narrowest mark). A date the
    text gets wrong is a hollow, struck mark, joined to its correction (_joins)."""
    date = dating.date
    begin, end = axis.at(date.earliest), axis.at(date.latest + dt.timedelta(days=1))
    tip = f"{label}: {readable_date(date)}, according to {dating.speaker}"
    if dating.rank == "deprecated":
        fixed = _fix_words(dating, facets)
        tip = f"{label}: the text says {readable_date(date)} ({dating.speaker})" + (
            f" — corrected: {fixed}" if fixed else " — deprecated"
        )
    kind = f"{' second' if index else ''}{' deprecated' if dating.rank == 'deprecated' else ''}"
    return (
        f'<span class="mark {date.precision}{kind}" {_claim_data(dating)} '
        f'data-precision="{date.precision}" data-speaker="{escape(dating.speaker)}" '
        f'style="left:{_pct(begin)};--span:{_pct(end - begin)}" title="{escape(tip)}"></span>'
    )


def _joins(event: TimelineEvent, axis: Axis) -> str:
    """A line from each deprecated date to the dates of the same event that are not deprecated:
    the text's error joined to what corrects it. It follows the filter with the deprecated date."""
    joins = []
    right = [d for d in event.datings if d.rank != "deprecated"]
    for wrong in (d for d in event.datings if d.rank == "deprecated"):
        for fix in right:
            a = axis.at(wrong.date.earliest + (wrong.date.latest - wrong.date.earliest) / 2)
            b = axis.at(fix.date.earliest + (fix.date.latest - fix.date.earliest) / 2)
            joins.append(
                f'<span class="join" {_claim_data(wrong)} aria-hidden="true" '
                f'style="left:{_pct(min(a, b))};width:{_pct(abs(b - a))}"></span>'
            )
    return "".join(joins)


def _undated(facets: TimelineFacets, root: str) -> str:
    if not facets.undated:
        return ""
    items = []
    for u in facets.undated:
        page = page_path(u.iri)
        name = f'<a href="{escape(root + page)}">{escape(u.label)}</a>' if page else escape(u.label)
        when = f"{escape(u.bounds)} — " if u.bounds else "undated — "
        items.append(
            f'<li class="undated-event" data-iri="{escape(u.iri)}" data-people="'
            f'{escape(" ".join(u.people))}">{name}: {when}{escape(u.reason)}</li>'
        )
    return (
        '<section class="undated" aria-labelledby="undated-h"><h2 id="undated-h">Events the text '
        f"does not date <span class=count>{len(facets.undated)}</span></h2>"
        f'<ul class="undated-list">{"".join(items)}</ul></section>'
    )


def _page(
    title: str, body: str, root: str, facets: TimelineFacets, events: list[TimelineEvent]
) -> str:
    people = {slug: name for e in events for slug, name in facets.people.get(e.iri, [])}
    sources = sorted({d.source for e in events for d in e.datings})
    return (
        environment()
        .get_template("timeline.html")
        .render(
            title=title,
            body=Markup(body),
            root=root,
            core=CORE,
            focus=FOCUS,
            people=sorted(people.items(), key=lambda p: p[1]),
            sources=sources,
            years=(
                min((e.earliest.year for e in events), default=FOCUS[0]),
                max((e.latest.year for e in events), default=FOCUS[1]),
            ),
            css=Markup(STATIC.joinpath("timeline.css").read_text(encoding="utf-8")),
            scripts=Markup(
                "\n".join(
                    STATIC.joinpath(name).read_text(encoding="utf-8")  # holds no "</"
                    for name in ("certainty.js", "timeline.js")
                )
            ),
        )
    )
