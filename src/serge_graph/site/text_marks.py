"""A stretch of text as HTML with overlapping spans marked, built from code-point offsets.

Claim quotes may overlap one another in any way: each becomes one or more
`<mark>` pieces that nest properly (a span that crosses another's end is
closed and reopened), every piece carrying `data-ev` with the span's anchor
and the first piece its `id`. Links (a mention's entity, a note call) are
innermost and never nest: each piece of text gets the link of the narrowest
span around it. Every text is escaped.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class MarkSpan:
    """A span shown as <mark>: its anchor, CSS classes, a title and extra data attributes."""

    start: int
    end: int
    anchor: str
    classes: str
    title: str
    speaker: str = ""  # shown before the first piece of quoted speech
    page: str = ""  # the page of the claim's subject, for the reader's claim panel
    claim: str = ""  # the claim's slug, certainty and rank, for the certainty filter
    certainty: str = ""
    rank: str = ""

    def open_tag(self, first: bool) -> str:
        attributes = [f'class="{escape(self.classes)}{" first" if first else ""}"']
        if first:
            attributes.append(f'id="{escape(self.anchor)}"')
        attributes.append(f'data-ev="{escape(self.anchor)}"')
        attributes.append(f'title="{escape(self.title)}"')
        if first and self.speaker:
            attributes.append(f'data-speaker="{escape(self.speaker)}"')
        if self.page:
            attributes.append(f'data-page="{escape(self.page)}"')
        if self.certainty:  # every piece follows the filter; the first names the claim
            if first:
                attributes.append(f'data-claim="{escape(self.claim)}"')
            attributes.append(f'data-certainty="{escape(self.certainty)}"')
            attributes.append(f'data-rank="{escape(self.rank)}"')
        return f"<mark {' '.join(attributes)}>"


@dataclass(frozen=True)
class LinkSpan:
    """A span shown as a link: where it goes, its own id, CSS class and title."""

    start: int
    end: int
    href: str
    anchor: str
    classes: str
    title: str

    def tag(self, text: str, first: bool) -> str:
        own_id = f' id="{escape(self.anchor)}"' if first and self.anchor else ""
        return (
            f'<a class="{escape(self.classes)}"{own_id} href="{escape(self.href)}"'
            f' title="{escape(self.title)}">{escape(text)}</a>'
        )


def marked_html(
    text: str,
    start: int,
    end: int,
    marks: list[MarkSpan],
    links: list[LinkSpan],
    notes: dict[int, list[str]] | None = None,
) -> str:
    """The HTML of text[start:end] with marks nested or split and links innermost; notes are
    ready HTML put at their offsets (after the marks that end there, before any link)."""
    marks = [m for m in marks if start <= m.start < m.end <= end]
    links = [k for k in links if start <= k.start < k.end <= end]
    notes = {at: html for at, html in (notes or {}).items() if start < at <= end}
    cuts = sorted(
        {start, end, *(m.start for m in marks), *(m.end for m in marks), *notes} | _ends(links)
    )
    order = {id(m): i for i, m in enumerate(sorted(marks, key=lambda m: (m.start, -m.end)))}
    opened: set[int] = set()
    linked: set[int] = set()
    stack: list[MarkSpan] = []
    out: list[str] = []
    for left, right in itertools.pairwise(cuts):
        wanted = sorted(
            (m for m in marks if m.start <= left and right <= m.end), key=lambda m: order[id(m)]
        )
        keep = _common_prefix(stack, wanted)
        if left in notes:  # a note stands outside every mark: close them all, reopen after
            keep = 0
        out.extend("</mark>" for _ in stack[keep:])
        out.extend(notes.get(left, []))
        for mark in wanted[keep:]:
            out.append(mark.open_tag(first=id(mark) not in opened))
            opened.add(id(mark))
        stack = wanted
        out.append(_piece(text[left:right], left, right, links, linked))
    out.extend("</mark>" for _ in stack)
    out.extend(notes.get(end, []))
    return "".join(out)


def _ends(links: list[LinkSpan]) -> set[int]:
    return {k.start for k in links} | {k.end for k in links}


def _common_prefix(stack: list[MarkSpan], wanted: list[MarkSpan]) -> int:
    count = 0
    for have, want in zip(stack, wanted, strict=False):
        if have is not want:
            break
        count += 1
    return count


def _piece(piece: str, left: int, right: int, links: list[LinkSpan], linked: set[int]) -> str:
    around = [k for k in links if k.start <= left and right <= k.end]
    if not around:
        return escape(piece)
    link = min(around, key=lambda k: (k.end - k.start, k.href))
    first = id(link) not in linked
    linked.add(id(link))
    return link.tag(piece, first)
