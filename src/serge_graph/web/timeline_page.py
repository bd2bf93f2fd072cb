"""The dated events as one self-contained HTML page: an SVG timeline, ranges as spans,
each event labelled and linked to the words of the text that date it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from rdflib import Graph

from ..queries import run_query

_EVENTS = """
SELECT ?event ?label ?when ?earliest ?latest ?type ?quote ?speaker ?start WHERE {
  ?event a sg:Event ; rdfs:label ?label ; sg:dateText ?when ; sg:earliest ?earliest ; sg:latest ?latest ;
         a ?class .
  ?class rdfs:subClassOf+ sg:Event ; rdfs:label ?type .
  FILTER NOT EXISTS { ?event a ?narrower . ?narrower rdfs:subClassOf ?class . FILTER(?narrower != ?class) }
  ?claim rdf:subject ?event ; rdf:predicate ?p ; sg:speaker/rdfs:label ?speaker ; sg:evidence ?evidence .
  FILTER(?p = sg:date || ?p = sg:dateText)
  ?evidence oa:hasTarget/oa:hasSelector ?q , ?position .
  ?q oa:exact ?quote . ?position oa:start ?start .
}"""

_ROW = 26
_LEFT = 560
_WIDTH = 1000


@dataclass(frozen=True)
class TimelineEvent:
    iri: str
    label: str
    when: str
    earliest: dt.date
    latest: dt.date
    type: str
    quote: str
    speaker: str

    @property
    def is_range(self) -> bool:
        return "/" in self.when


def timeline_events(rdf: Graph) -> list[TimelineEvent]:
    """Every event the text dates, earliest first, with the first quote that dates it."""
    best: dict[str, tuple[int, TimelineEvent]] = {}
    for iri, label, when, earliest, latest, kind, quote, speaker, start in run_query(
        rdf, _EVENTS
    ).rows:
        event = TimelineEvent(
            iri,
            label,
            when,
            dt.date.fromisoformat(earliest),
            dt.date.fromisoformat(latest),
            kind,
            quote,
            speaker,
        )
        if iri not in best or int(start) < best[iri][0]:
            best[iri] = (int(start), event)
    return sorted((e for _, e in best.values()), key=lambda e: (e.earliest, e.latest, e.label))


def timeline_page(events: list[TimelineEvent], title: str) -> str:
    """HTML with an inline SVG: one row per event, a dot for a day, a bar for a month, year or range."""
    if not events:
        return _page(title, "<p>No dated events.</p>")
    first = min(e.earliest.year for e in events)
    last = max(e.latest.year for e in events) + 1
    span = (dt.date(last, 1, 1) - dt.date(first, 1, 1)).days

    def x(day: dt.date) -> float:
        return _LEFT + _WIDTH * (day - dt.date(first, 1, 1)).days / span

    height = _ROW * (len(events) + 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_LEFT + _WIDTH + 40}" '
        f'height="{height}" role="img" aria-label="{escape(title)}">'
    ]
    for year in range(first, last + 1, max(1, (last - first) // 20)):
        parts.append(
            f'<line x1="{x(dt.date(year, 1, 1)):.1f}" y1="0" x2="{x(dt.date(year, 1, 1)):.1f}" '
            f'y2="{height}" class="grid"/><text x="{x(dt.date(year, 1, 1)) + 2:.1f}" '
            f'y="{height - 6}" class="year">{year}</text>'
        )
    for index, event in enumerate(events):
        parts.append(_row(event, index, x))
    parts.append("</svg>")
    table = "".join(
        f"<tr id='e{i}'><td>{escape(e.when)}</td><td>{escape(e.label)}</td><td>{escape(e.type)}</td>"
        f"<td>“{escape(e.quote)}” — {escape(e.speaker)}</td></tr>"
        for i, e in enumerate(events)
    )
    body = "".join(parts) + (
        "<table><thead><tr><th>when</th><th>event</th><th>type</th><th>the text</th></tr></thead>"
        f"<tbody>{table}</tbody></table>"
    )
    return _page(title, body)


def _row(event: TimelineEvent, index: int, x) -> str:
    """One event: its label, a dot or a bar, a tooltip with the quote, a link to its table row."""
    y = _ROW * (index + 1)
    begin, end = x(event.earliest), x(event.latest + dt.timedelta(days=1))
    tip = escape(f"{event.label} ({event.when})\n“{event.quote}” — {event.speaker}")
    mark = (
        f'<circle cx="{begin:.1f}" cy="{y - 5}" r="5" class="{event.type.replace(" ", "-")}"/>'
        if event.latest == event.earliest
        else f'<rect x="{begin:.1f}" y="{y - 10}" width="{max(end - begin, 3):.1f}" height="10" '
        f'class="{"range" if event.is_range else "period"}"/>'
    )
    return (
        f'<a href="#e{index}"><g class="event"><title>{tip}</title><text x="{_LEFT - 8}" y="{y}" '
        f'class="label">{escape(event.label)} · {escape(event.when)}</text>{mark}</g></a>'
    )


def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
body {{ font: 13px/1.4 system-ui, sans-serif; margin: 1rem; color: #222; }}
.label {{ text-anchor: end; font-size: 12px; }} .year {{ font-size: 11px; fill: #666; }}
.grid {{ stroke: #eee; }} rect.range {{ fill: #e6ab02; opacity: .7; }} rect.period {{ fill: #1b9e77; }}
circle {{ fill: #d95f02; }} table {{ border-collapse: collapse; margin-top: 1rem; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }}
</style></head><body><h1>{escape(title)}</h1>
<p>Dots are days; bars are a month or a year; yellow bars are ranges the text gives (“between 1942 and 1944”).
Hover a row for the words that date it.</p>
{body}</body></html>
"""
