"""What every page of the reader's site shares: the template environment and relative links.

Templates are rendered with autoescaping on, so every text from the data
(names, descriptions, quotes, notes) reaches the page as text. Links are
relative to the page (`root` is the way back to the site's top folder), so
the site works from file:// and from any server path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..model import PartialDate
from ..version import package_version

TEMPLATES = files("serge_graph.site") / "templates"
STATIC = files("serge_graph.site") / "static"
STATIC_FILES = ("site.css", "site.js", "certainty.js", "facets.js", "facets.css")

_environment: list[Environment] = []


def environment() -> Environment:
    if not _environment:
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=select_autoescape(["html"], default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["paragraph_label"] = paragraph_label
        env.filters["readable"] = readable_date
        env.globals["version"] = package_version()  # the footer names the release
        env.filters["dated"] = dated_phrase
        _environment.append(env)
    return _environment[0]


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def paragraph_label(paragraph: str) -> str:
    """How a reader names a paragraph id.

    >>> paragraph_label("p36"), paragraph_label("note-11")
    ('¶ 36', 'note 11')
    """
    if paragraph.startswith("note-"):
        return "note " + paragraph[len("note-") :]
    return "¶ " + paragraph.lstrip("p")


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def readable_date(value: PartialDate | str | None) -> str:
    """A date as people write it; anything that is not a date comes back unchanged.

    >>> readable_date("1942-04"), readable_date("1947-11-17"), readable_date("1942/1944")
    ('April 1942', '17 November 1947', '1942–1944')
    >>> readable_date("1942-04/1942-06"), readable_date("in the 1930s")
    ('April–June 1942', 'in the 1930s')
    """
    if value is None:
        return ""
    try:
        date = value if isinstance(value, PartialDate) else PartialDate.parse(str(value))
    except ValueError:
        return str(value)
    if date.precision != "range":
        return _single(date.precision, date.earliest)
    first, _, last = date.text.partition("/")
    begin, end = PartialDate.parse(first), PartialDate.parse(last)
    if begin.precision == end.precision == "month" and begin.earliest.year == end.earliest.year:
        return f"{_MONTHS[begin.earliest.month - 1]}–{_single('month', end.earliest)}"
    joiner = "–" if begin.precision == end.precision == "year" else " – "
    return _single(begin.precision, begin.earliest) + joiner + _single(end.precision, end.earliest)


def dated_phrase(value: PartialDate | str | None) -> str:
    """A date after a fact, with the preposition it takes: on a day, in a month or a year,
    between the ends of a range; anything that is not a date comes back unchanged.

    >>> dated_phrase("1941-09-05"), dated_phrase("1941-09"), dated_phrase("1941")
    ('on 5 September 1941', 'in September 1941', 'in 1941')
    >>> dated_phrase("1942/1944"), dated_phrase("in the 1930s")
    ('between 1942 and 1944', 'in the 1930s')
    """
    try:
        date = value if isinstance(value, PartialDate) else PartialDate.parse(str(value))
    except ValueError:
        return str(value or "")
    if date.precision == "range":
        first, _, last = date.text.partition("/")
        return f"between {readable_date(first)} and {readable_date(last)}"
    return ("on " if date.precision == "day" else "in ") + readable_date(date)


def _single(precision: str, day: dt.date) -> str:
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Links:
    """Relative links from one page: to the site's top folder and to entity pages.

    `suffix` is ".html" in the written site; a server that answers /id/person/x
    itself may render with suffix "" so links stay on its own IRIs. `query` is the
    path of a SPARQL query page from the site's top, linked from every page when a
    server offers one ("query"); the static site has none.
    """

    root: str = ""
    suffix: str = ".html"
    query: str = ""

    def entity(self, iri: str, base: str) -> str:
        """The link to an entity page; iri starts with base (the id/ namespace)."""
        return f"{self.root}id/{iri[len(base) :]}{self.suffix}"

    def page(self, name: str) -> str:
        return f"{self.root}{name}"

    def text(self, anchor: str, page: str = "text.html") -> str:
        """A place in a source's text page (text.html is the first source's)."""
        return f"{self.root}{page}#{anchor}"
