"""text.html: the whole source text, paragraphs and notes numbered as in the graph, every
mention a link to its entity's page and every claim's quote marked and addressable.

Anchors (the network and timeline pages and the entity pages rely on them):
a paragraph is `#p36` or `#note-11`; a claim's first evidence `#claim-<slug>`,
its later ones `#claim-<slug>--e2`, …; a mention `#mention-<start>-<end>`;
a note call `#call-11` (a second call of the same note `#call-11-2`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html import escape

from ..errors import SergeGraphError
from ..namespaces import ID
from ..source import Source
from .errata_page import correction_words, errata_page_of
from .pages import Links, paragraph_label, render
from .site_model import SiteData
from .text_marks import LinkSpan, MarkSpan, marked_html

BASE = str(ID)
_NOTE_CALL = re.compile(r"\[(\d+)\]")
_NOTE_NUMBER = re.compile(r"^(\d+)\.")


class TextMismatchError(SergeGraphError):
    """A quote's offsets do not cut its exact words out of the text."""


@dataclass
class ParagraphView:
    id: str
    number: int
    label: str
    html: str
    is_note: bool


@dataclass
class PartView:
    id: str
    title: str
    speaker: str
    speaker_href: str | None
    paragraphs: list[ParagraphView]


def text_page_html(source: Source, data: SiteData, links: Links | None = None) -> str:
    """The text page of one source (written at the site's top folder)."""
    links = links or Links("", ".html")
    marks = _claim_marks(source, data)
    spans = _mention_links(source, data, links) + _note_links(source)
    notes = _correction_notes(source, data, links)
    parts = []
    info = next((s for s in data.sources if s.iri == str(ID[f"source/{source.id}"])), None)
    default_speaker = {part.id: part.speaker for part in info.parts} if info else {}
    for part in source.parts:
        speaker = default_speaker.get(part.id, "")
        paragraphs = [
            ParagraphView(
                id=p.id,
                number=p.note_number if p.note_number is not None else p.number,
                label=paragraph_label(p.id),
                html=marked_html(source.text, p.start, p.end, marks, spans, notes),
                is_note=p.note_number is not None,
            )
            for p in source.paragraphs
            if p.part == part.id
        ]
        parts.append(
            PartView(
                part.id,
                part.title,
                data.label(speaker),
                links.entity(speaker, BASE) if speaker in data.entities else None,
                paragraphs,
            )
        )
    title = str(source.metadata.get("title", source.id))
    info = next((s for s in data.sources if s.id == source.id), None)
    extent = info.extent if info else "The whole text"
    return render(
        "site_text.html",
        parts=parts,
        source={"title": title, "extent": extent},
        root="",
        title=title,
        links=links,
    )


def _claim_marks(source: Source, data: SiteData) -> list[MarkSpan]:
    """One mark per claim evidence in this source, checked against the text.

    Quoted speech (a claim reported by someone else) names its speaker on the page.
    """
    marks = []
    for claim in data.claims:
        for evidence in claim.evidence:
            if evidence.source != source.id:
                continue  # another source's quote
            if source.text[evidence.start : evidence.end] != evidence.exact:
                raise TextMismatchError(
                    f"claim {claim.iri}: offsets {evidence.start}-{evidence.end} cut "
                    f"{source.text[evidence.start : evidence.end]!r}, not {evidence.exact!r}"
                )
            quoted = claim.reported_by is not None
            speaker = data.label(claim.speaker)
            title = f"{speaker}: {claim.label}"
            if claim.reported_by:
                title += f" (reported by {data.label(claim.reported_by)})"
            classes = "claim quoted" if quoted else "claim"
            if claim.deprecated:
                classes += " deprecated"
                title += " (deprecated: general knowledge corrects it)"
            marks.append(
                MarkSpan(
                    evidence.start,
                    evidence.end,
                    evidence.anchor,
                    classes,
                    title,
                    speaker if quoted else "",
                    _page(data, claim.subject),
                    claim.slug,
                    claim.certainty or "stated",
                    claim.rank,
                )
            )
    return _name_each_run_once(source, marks)


def _correction_notes(source: Source, data: SiteData, links: Links) -> dict[int, list[str]]:
    """After the words of each deprecated claim, the correction and a link to the errata."""
    notes: dict[int, list[str]] = {}
    pages = errata_page_of(data)  # errata.html, or errata-2.html… for a corpus of many sources
    for claim in data.deprecated():
        fixes = [
            f"{claim.reading} {words}" if fix.predicate == claim.predicate else words
            for fix in data.corrections_of.get(claim.iri, [])
            if (words := correction_words(data, claim, fix))
        ]
        text = "corrected: " + "; ".join(fixes) if fixes else "deprecated"
        for evidence in claim.evidence:
            if evidence.source != source.id:
                continue
            notes.setdefault(evidence.end, []).append(
                f'<a class="erratum-note" href="{escape(links.page(pages[claim.iri]))}'
                f'#{escape(claim.slug)}" title="{escape(claim.rank_reason or "")}" '
                f'data-certainty="{escape(claim.certainty or "stated")}" data-rank="deprecated">'
                f"{escape(text)}</a>"
            )
    return notes


def _page(data: SiteData, iri: str) -> str:
    return Links("", ".html").entity(iri, BASE) if iri in data.entities else ""


def _name_each_run_once(source: Source, marks: list[MarkSpan]) -> list[MarkSpan]:
    """Show a quoted speaker's name once per run of their words, not on every nested quote."""
    named, run_end = [], {}
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.speaker:
            paragraph = source.paragraph_at(mark.start).id
            key = (paragraph, mark.speaker)
            if mark.start <= run_end.get(key, -10) + 3:
                run_end[key] = max(run_end[key], mark.end)
                mark = replace(mark, speaker="")
            else:
                run_end[key] = mark.end
        named.append(mark)
    return named


def _mention_links(source: Source, data: SiteData, links: Links) -> list[LinkSpan]:
    spans = []
    for mention in data.mentions:
        if mention.entity not in data.entities:
            continue
        if mention.source != source.id:
            continue  # a mention of another source
        entity = data.entities[mention.entity]
        spans.append(
            LinkSpan(
                mention.start,
                mention.end,
                links.entity(entity.iri, BASE),
                mention.anchor,
                f"mention {entity.kind}",
                f"{entity.label} ({entity.type_label})",
            )
        )
    return spans


def _note_links(source: Source) -> list[LinkSpan]:
    """Note calls link to their notes, and each note's number back to its first call."""
    spans, seen = [], {}
    for paragraph in source.paragraphs:
        body = source.paragraph_text(paragraph)
        if paragraph.note_number is None:
            for match in _NOTE_CALL.finditer(body):
                number = int(match.group(1))
                seen[number] = seen.get(number, 0) + 1
                anchor = f"call-{number}" + (f"-{seen[number]}" if seen[number] > 1 else "")
                start = paragraph.start + match.start()
                spans.append(
                    LinkSpan(
                        start,
                        start + len(match.group(0)),
                        f"#note-{number}",
                        anchor,
                        "call",
                        f"note {number}",
                    )
                )
    for paragraph in source.paragraphs:
        if paragraph.note_number is not None and paragraph.note_number in seen:
            match = _NOTE_NUMBER.match(source.paragraph_text(paragraph))
            if match:
                start = paragraph.start
                spans.append(
                    LinkSpan(
                        start,
                        start + len(match.group(0)),
                        f"#call-{paragraph.note_number}",
                        "",
                        "back",
                        "back to where the note is called",
                    )
                )
    return spans
