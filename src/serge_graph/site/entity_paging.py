"""An entity or event with more claims than one page holds: its claims over several pages.

The first page stands at the entity's own path (id/person/victor-serge.html), the next ones
beside it (victor-serge--2.html, victor-serge--3.html, …: an entity's id never has a
doubled hyphen, so no other page can stand there). Each page shows CLAIMS_PER_PAGE of its
claims, in the order of a single page (the claims it makes, then those made about it, each
in the order of the text), organised into the same sections; the claims it states and its
mentions one by one, one line each, are paged alongside, ten times as many a page. Its summary of mentions, neighbours and paths stands
on the first page only. Every page says which claims it holds and links to every other.
"""

from __future__ import annotations

from dataclasses import dataclass

CLAIMS_PER_PAGE = 200  # a page of an entity with thousands of claims stays well under 2 MB
# the claims it states and its mentions are one short line each: ten times as many a page
LINES_PER_CLAIM = 10


@dataclass(frozen=True)
class Span:
    """Which items of a list a page shows: first and last (from 1) of total."""

    first: int
    last: int
    total: int

    @property
    def words(self) -> str:
        """ "201–400 of 15,600"; "none of 12" when the page shows none of them."""
        if self.last < self.first:
            return f"none of {self.total:,}"
        return f"{self.first:,}–{self.last:,} of {self.total:,}"


@dataclass(frozen=True)
class Paging:
    number: int  # this page, from 1
    hrefs: tuple[str, ...]  # every page of the entity, in order
    claims: Span
    spoken: Span
    mentions: Span

    @property
    def count(self) -> int:
        return len(self.hrefs)

    @property
    def previous(self) -> str | None:
        return self.hrefs[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.hrefs[self.number] if self.number < self.count else None


def page_count(per_page: int, *lengths: int) -> int:
    """How many pages hold lists of these lengths, per_page items of each a page (at least one)."""
    return max(1, *(-(-n // per_page) for n in lengths))


def page_slice(items: list, number: int, per_page: int) -> list:
    """The items page `number` (from 1) shows."""
    return items[(number - 1) * per_page : number * per_page]


def span(total: int, number: int, per_page: int) -> Span:
    first = (number - 1) * per_page + 1
    return Span(first, min(total, number * per_page), total)


def paged_path(path: str, number: int) -> str:
    """The path of page `number` of an entity page: the page itself for 1, …--2.html after.

    >>> paged_path("id/person/victor-serge.html", 1), paged_path("id/person/victor-serge.html", 3)
    ('id/person/victor-serge.html', 'id/person/victor-serge--3.html')
    """
    if number == 1:
        return path
    if path.endswith(".html"):
        return f"{path.removesuffix('.html')}--{number}.html"
    return f"{path}--{number}"  # a server's own IRI, without suffix
