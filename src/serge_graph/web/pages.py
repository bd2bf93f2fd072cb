"""What every page of the reader's site shares: the template environment and relative links.

Templates are rendered with autoescaping on, so every text from the data
(names, descriptions, quotes, notes) reaches the page as text. Links are
relative to the page (`root` is the way back to the site's top folder), so
the site works from file:// and from any server path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = files("serge_graph.web") / "templates"
STATIC = files("serge_graph.web") / "static"
STATIC_FILES = ("site.css", "site.js")

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
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def readable_date(value: str | None) -> str:
    """A date as people read it; anything that is not a date comes back unchanged.

    >>> readable_date("1942-04"), readable_date("1947-11-17"), readable_date("1942/1944")
    ('April 1942', '17 November 1947', '1942–1944')
    """
    if value is None:
        return ""
    parts = [_one_date(p) for p in str(value).split("/")]
    if len(parts) in (1, 2) and all(parts):
        return "–".join(parts)
    return str(value)


def _one_date(text: str) -> str | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day:
        return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    return f"{_MONTHS[int(month) - 1]} {year}" if month else year


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

    def text(self, anchor: str) -> str:
        return f"{self.root}text.html#{anchor}"
