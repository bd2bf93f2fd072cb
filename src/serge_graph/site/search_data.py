"""What the index page's search looks in, written into the page (the site works offline):

- names: every entity and event with the forms the text uses (name, aliases, corrected
  spellings) and, apart, the names the text never uses (other_names.yaml: birth names, names
  in other languages; general knowledge, each with its reference);
- events: every dated event with the years it spans, each date with who gives it, so that
  typing a year lists what happened then (an event the text dates twice is listed under both);
- paragraphs: the whole text of every source, paragraph by paragraph, each with its address
  in the text page (text.html#p36), so that a phrase leads to its paragraph.
"""

from __future__ import annotations

from collections.abc import Container
from importlib.resources import files
from pathlib import Path

from ..annotations.yaml_lines import read_yaml
from ..errors import Problem, SergeGraphError
from ..namespaces import ID
from ..source import Source
from .pages import Links, paragraph_label
from .site_model import SiteData
from .timeline_page import TimelineEvent

BASE = str(ID)
OTHER_NAMES = Path(str(files("serge_graph.site") / "other_names.yaml"))
_KEYS = {"entity", "names", "what", "reference"}


class OtherNamesError(SergeGraphError):
    """other_names.yaml names an entity the graph does not hold, or lacks a reference."""


def other_names(
    data: SiteData, path: Path = OTHER_NAMES, strict: bool = False
) -> dict[str, list[dict]]:
    """entity IRI -> [{name, what, title, url}] from other_names.yaml; every problem found is
    reported at once, with its file and line. An entry for an entity the graph does not hold
    is left out (a site built from another data folder), or is a problem if strict (the
    project's own graph, in its tests)."""
    return other_names_of(data.entities, path, strict)


def other_names_of(
    known: Container[str], path: Path = OTHER_NAMES, strict: bool = False
) -> dict[str, list[dict]]:
    """other_names.yaml for the entities whose IRIs are `known` (see other_names)."""
    display = path.name
    root, problems = read_yaml(path, display)
    found: dict[str, list[dict]] = {}
    for item in root or []:
        line = getattr(item, "line", 1)
        if not isinstance(item, dict):
            problems.append(Problem(display, line, "an entry must be a mapping", _EXAMPLE))
            continue
        unknown = sorted(set(item) - _KEYS)
        if unknown:
            problems.append(Problem(display, line, f"unknown key {', '.join(unknown)}", _EXAMPLE))
        iri = BASE + str(item.get("entity", ""))
        reference = item.get("reference") or {}
        names = item.get("names") or []
        if iri not in known:
            if not strict:
                continue
            problems.append(
                Problem(
                    display,
                    line,
                    f"no entity {item.get('entity')!r} in the graph",
                    "write its IRI after id/, as in person/victor-serge",
                )
            )
        elif not names or not isinstance(names, list):
            problems.append(Problem(display, line, "names must be a list of names", _EXAMPLE))
        elif (
            not isinstance(reference, dict)
            or not reference.get("title")
            or not reference.get("url")
        ):
            problems.append(
                Problem(
                    display,
                    line,
                    "every other name needs the reference consulted",
                    "reference: {title: …, url: …}: general knowledge is never unsourced",
                )
            )
        else:
            found.setdefault(iri, []).extend(
                {
                    "name": str(name),
                    "what": str(item.get("what", "other name")),
                    "title": str(reference["title"]),
                    "url": str(reference["url"]),
                }
                for name in names
            )
    if problems:
        raise OtherNamesError("\n".join(str(p) for p in problems))
    return found


_EXAMPLE = (
    "write - {entity: person/victor-serge, names: [Kibalchich], what: birth name, "
    "reference: {title: …, url: …}}"
)


def name_entries(data: SiteData, links: Links, others: dict[str, list[dict]]) -> list[dict]:
    """Every entity and event with the forms a reader may type: name, aliases, corrected
    forms (f), and the names the text never uses, with their references (o)."""
    index = []
    for entity in sorted(data.entities.values(), key=lambda e: e.label.casefold()):
        forms = [*entity.aliases, *(c.correct_form for c in entity.corrections)]
        entry = {
            "n": entity.label,
            "f": sorted(set(forms) - {entity.label}),
            "h": links.entity(entity.iri, BASE),
            "t": entity.type_label,
            "k": entity.kind,
        }
        if entity.iri in others:
            entry["o"] = others[entity.iri]
        index.append(entry)
    return index


def event_entries(events: list[TimelineEvent], links: Links) -> list[dict]:
    """Each dated event once, with every date the text gives it: its years and who gives it."""
    return [
        {
            "n": event.label,
            "h": links.entity(event.iri, BASE),
            "d": [
                {
                    "y": [dating.date.earliest.year, dating.date.latest.year],
                    "w": dating.readable,
                    "s": dating.speaker,
                }
                for dating in event.datings
            ],
        }
        for event in events
    ]


def paragraph_entries(sources: list[Source], data: SiteData, links: Links) -> list[dict]:
    """Every paragraph of every source: its text, its label and its address in the text page."""
    pages = {info.id: (info.page, info.title) for info in data.sources}
    entries = []
    for source in sources:
        page, title = pages.get(source.id, ("text.html", source.id))
        for paragraph in source.paragraphs:
            entries.append(
                {
                    "x": " ".join(source.paragraph_text(paragraph).split()),
                    "l": paragraph_label(paragraph.id),
                    "h": links.text(paragraph.id, page),
                    "s": title if len(sources) > 1 else "",
                }
            )
    return entries


def search_data(
    data: SiteData,
    links: Links,
    sources: list[Source] = (),
    events: list[TimelineEvent] = (),
    others: dict[str, list[dict]] | None = None,
) -> dict:
    """Everything the index page's search looks in (see the module's docstring)."""
    others = other_names(data) if others is None else others
    return {
        "names": name_entries(data, links, others),
        "events": event_entries(list(events), links),
        "paragraphs": paragraph_entries(list(sources), data, links),
    }
