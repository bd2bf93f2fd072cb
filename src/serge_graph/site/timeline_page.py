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

import datetime as dt
from dataclasses import dataclass
from html import escape

from rdflib import Graph

from ..model import PartialDate
from ..queries import run_query
from .links import claim_anchor, page_path, root_prefix, text_page
from .pages import readable_date

# An event's own date claims (sg:date or sg:dateText), each with its speaker and first words.
_EVENT_DATES = """
SELECT ?event ?label ?type ?claim ?value ?speaker ?quote ?start ?source ?number WHERE {
  ?event a sg:Event ; rdfs:label ?label ; a ?class .
  ?class rdfs:subClassOf+ sg:Event ; rdfs:label ?type .
  FILTER NOT EXISTS { ?event a ?narrower . ?narrower rdfs:subClassOf ?class . FILTER(?narrower != ?class) }
  ?claim rdf:subject ?event ; rdf:predicate ?p ; rdf:object ?value ; sg:speaker ?who ; sg:evidence ?evidence .
  FILTER(?p = sg:date || ?p = sg:dateText)
  ?who rdfs:label ?speaker .
  ?evidence oa:hasTarget ?target .
  ?target oa:hasSelector ?quote_selector , ?position .
  ?quote_selector oa:exact ?quote .
  ?position oa:start ?start .
  ?target oa:hasSource ?source . ?source sg:sourceNumber ?number .
}"""

# A death is dated by its victim's death dates too: where the text gives two, both show.
_DEATH_DATES = """
SELECT ?event ?claim ?value ?speaker ?quote ?start ?source ?number WHERE {
  ?event a sg:Death ; sg:victim ?person .
  ?claim rdf:subject ?person ; rdf:predicate sg:deathDate ; rdf:object ?value ; sg:speaker ?who ;
         sg:evidence ?evidence .
  ?who rdfs:label ?speaker .
  ?evidence oa:hasTarget ?target .
  ?target oa:hasSelector ?quote_selector , ?position .
  ?quote_selector oa:exact ?quote .
  ?position oa:start ?start .
  ?target oa:hasSource ?source . ?source sg:sourceNumber ?number .
}"""

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
    """Every event the text dates, with every date it gives and who gives it, earliest first."""
    labels: dict[str, tuple[str, set[str]]] = {}
    datings: dict[str, dict[tuple[str, str], Dating]] = {}
    for event, label, kind, claim, value, speaker, quote, start, *where in run_query(
        rdf, _EVENT_DATES
    ).rows:
        labels.setdefault(event, (label, set()))[1].add(kind)
        dating = _dating(claim, value, speaker, quote, start, *where)
        _add_dating(datings.setdefault(event, {}), dating)
    for event, claim, value, speaker, quote, start, *where in run_query(rdf, _DEATH_DATES).rows:
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


def _dating(claim, value, speaker, quote, start, source: str, number) -> Dating:
    page = text_page(source.rsplit("/", 1)[-1], int(number))
    return Dating(PartialDate.parse(value), speaker, quote, claim, int(start), page)


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


def timeline_page(events: list[TimelineEvent], title: str, site_root: str = "") -> str:
    """The page: an axis, one row per event (its marks, its dates and speakers, its links)."""
    root = root_prefix(site_root)
    if not events:
        return _page(title, "<p>No dated events.</p>", root)
    axis = Axis(events)
    first_core = next((e for e in events if e.earliest.year >= CORE[0]), None)
    rows = "".join(_row(event, axis, root, event is first_core) for event in events)
    body = (
        '<div class="timeline" role="table" aria-label="dated events">'
        f'<div class="row axis-row" role="row"><div class="cell" role="columnheader">Event and dates</div>'
        f'<div class="track axis" role="columnheader" aria-label="time axis">{_axis(axis)}</div></div>'
        f"{rows}</div>"
    )
    return _page(title, body, root)


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


def _row(event: TimelineEvent, axis: Axis, root: str, first_core: bool = False) -> str:
    page = page_path(event.iri)
    name = escape(event.label)
    heading = f'<a href="{escape(root + page)}">{name}</a>' if page else name
    twice = len({d.date.text for d in event.datings}) > 1
    dates = "".join(_dating_line(d, root) for d in event.datings)
    marks = "".join(_mark(d, axis, event.label, i) for i, d in enumerate(event.datings))
    return (
        f'<div class="row event{" twice" if twice else ""}" role="row" data-iri="{escape(event.iri)}"'
        f"{f' id=from-{CORE[0]}' if first_core else ''}>"
        f'<div class="cell" role="cell"><div class="name">{heading} '
        f'<span class="type">{escape(event.type)}</span></div>'
        f"{'<div class=note>The text dates this twice.</div>' if twice else ''}"
        f'<ul class="datings">{dates}</ul></div>'
        f'<div class="track" role="cell">{marks}</div></div>'
    )


def _dating_line(dating: Dating, root: str) -> str:
    words = claim_anchor(dating.claim, dating.page)
    link = f' · <a href="{escape(root + words)}">the words</a>' if words else ""
    return (
        f'<li class="dating" title="“{escape(dating.quote)}”"><span class="when">'
        f"{escape(dating.readable)}</span> — {escape(dating.speaker)}{link}</li>"
    )


def _mark(dating: Dating, axis: Axis, label: str, index: int) -> str:
    """A bar over the span the date covers; a day is a thin tick (the narrowest mark)."""
    date = dating.date
    begin, end = axis.at(date.earliest), axis.at(date.latest + dt.timedelta(days=1))
    tip = f"{label}: {readable_date(date)}, according to {dating.speaker}"
    return (
        f'<span class="mark {date.precision}{" second" if index else ""}" '
        f'data-precision="{date.precision}" data-speaker="{escape(dating.speaker)}" '
        f'style="left:{_pct(begin)};--span:{_pct(end - begin)}" title="{escape(tip)}"></span>'
    )


def _page(title: str, body: str, root: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 0 auto; padding: .5rem 1rem 2rem; max-width: 90rem; color: #222; }}
h1 {{ font-size: 1.25rem; margin: .3rem 0; }}
nav a {{ margin-right: .8rem; }}
.legend {{ color: #333; max-width: 60rem; }}
.legend .mark {{ position: static; display: inline-block; vertical-align: middle; margin: 0; }}
.timeline {{ margin-top: .5rem; }}
.row {{ display: grid; grid-template-columns: minmax(14rem, 27rem) minmax(0, 1fr); gap: 1rem;
        border-bottom: 1px solid #e3e3e3; padding: .15rem 0; align-items: center; }}
.axis-row {{ position: sticky; top: 0; background: #fff; z-index: 2; border-bottom: 1px solid #999;
             font-weight: 600; height: 2.6rem; }}
.track {{ position: relative; height: 1.6rem; }}
.axis {{ height: 2.4rem; font-weight: normal; }}
.band {{ position: absolute; top: 0; bottom: 0; }}
.band.context {{ background: repeating-linear-gradient(135deg, #eee 0 4px, #f8f8f8 4px 8px); }}
.band.core {{ background: #fff6d6; }}
.tick {{ position: absolute; bottom: 0; height: .5rem; border-left: 1px solid #666; }}
.tick span {{ position: absolute; bottom: .6rem; left: 0; transform: translateX(-50%); font-size: 12.5px; color: #333; white-space: nowrap; }}
.tick.context-label span {{ transform: none; }}
.tick.context-label.end span {{ transform: translateX(-100%); }}
.row.event {{ scroll-margin-top: 3rem; }}
.name {{ font-weight: 600; }}
.type, .note {{ font-weight: normal; color: #555; font-size: .9em; }}
.note {{ color: #8a4b00; }}
.datings {{ list-style: none; margin: 0; padding: 0; font-size: .92em; }}
.when {{ font-weight: 600; }}
.mark {{ position: absolute; top: .3rem; height: 1rem; border-radius: 2px; background: #1b7a5e; }}
.mark.year {{ width: max(var(--span), 6px); }}
.mark.month {{ width: max(var(--span), 4px); }}
.mark.day {{ width: 2px; margin-left: -1px; background: #b34700; }}
.mark.range {{ width: max(var(--span), 6px); background: repeating-linear-gradient(90deg, #d9a400 0 5px, #f0cf6a 5px 8px); }}
.mark.second {{ top: .65rem; height: .8rem; background: #7d3fa0; opacity: .85; }}
.row.twice .mark:not(.second) {{ height: .7rem; }}
@media (max-width: 760px) {{
  body {{ padding: .4rem .6rem; }}
  .row {{ grid-template-columns: 1fr; gap: .2rem; }}
  .axis-row .cell {{ display: none; }}
  .axis-row {{ height: 2.4rem; }}
  .tick.minor span {{ display: none; }}
}}
</style></head><body>
<header><h1>{escape(title)}</h1>
<nav aria-label="the site"><a href="{escape(root)}index.html">Index</a><a href="{escape(root)}network.html">Network</a><a href="{escape(root)}text.html">The text</a></nav></header>
<main>
<p class="legend">The article's years {CORE[0]}–{CORE[1] - 1} fill the pale yellow middle of the axis;
{FOCUS[0]}–{CORE[0] - 1} and {CORE[1]} are drawn narrower, earlier and later events squeezed into the striped bands.
Marks span what the text says: <span class="mark year" style="--span:2rem;width:2rem"></span> a year or a month,
<span class="mark range" style="--span:2rem;width:2rem"></span> a span (“between 1942 and 1944”),
<span class="mark day"></span> an exact day,
<span class="mark second" style="--span:2rem;width:2rem"></span> a second date the text gives for the same event.
Names lead to the event's page, “the words” to the sentence in the text. <a href="#from-{CORE[0]}">Go to {CORE[0]}</a>.</p>
{body}</main></body></html>
"""
