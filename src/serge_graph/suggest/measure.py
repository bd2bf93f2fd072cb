"""How good the suggestions are on a text the graph has never seen, against its gold: a YAML
file beside the text that says, as a historian would, which forms name which known
entities, which names are new (with their type), which names are aliases of one entity,
which date phrases give which dates and which facts the text tells about known events.

    text: serge-exilio-es.txt            # beside the gold file
    language: es
    known: {Víctor Serge: victor-serge, Umanski: konstantin-umansky, …}
    events: {murder of Andrés Nin: murder-of-andres-nin}   # names of known events
    new: [{name: Marsella, type: Place}, …]
    aliases: [{of: julian-gorkin, name: Julián Gómez García}, {of: Paul Chevalier, name: Leo Valiani}]
    dates: [{quote: el 18 de noviembre de 1947, date: 1947-11-18}, …]
    tellings: [{event: death-of-victor-serge, relation: date, value: 1947-11-18, planted: …}]

The figures (see `Figures`): known entities found, wrong links, new names found with the
right type, aliases, noise, dates, tellings. A known form counts at every whole-word place
it stands, except inside a longer form the gold lists (Serge inside Víctor Serge).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import SourceError
from .suggester import Suggestions
from .text import fold_name

# The suggester's types, as coarse as the gold's.
_COARSE = {
    **dict.fromkeys(["City", "Country", "Region", "Place", "Building", "Town"], "Place"),
    **dict.fromkeys(["Work", "Book", "Novel", "Pamphlet", "Document", "Poem"], "Work"),
}
_GOLD_KEYS = ("text", "language", "known", "events", "new", "aliases", "dates", "tellings")


@dataclass(frozen=True)
class Gold:
    path: Path
    text: str
    language: str
    known: dict[str, str]
    events: dict[str, str]  # names of known events: the entities inside are mentioned too
    new: list[dict]
    aliases: list[dict]
    dates: list[dict]
    tellings: list[dict]

    @property
    def planted(self) -> list[dict]:
        return [t for t in self.tellings if t.get("planted")]


def read_gold(path: Path) -> Gold:
    """A gold file and the text it names (beside it)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SourceError(f"{path}: cannot read the gold file: {error}") from error
    unknown = sorted(set(data) - set(_GOLD_KEYS))
    if unknown or "text" not in data:
        raise SourceError(
            f"{path}:1: a gold file has the keys {', '.join(_GOLD_KEYS)}"
            + (f"; unknown: {', '.join(unknown)}" if unknown else "; text: is missing")
        )
    text = (path.parent / data["text"]).read_text(encoding="utf-8")
    return Gold(
        path,
        text,
        str(data.get("language") or ""),
        {str(k): str(v) for k, v in (data.get("known") or {}).items()},
        {str(k): str(v) for k, v in (data.get("events") or {}).items()},
        list(data.get("new") or []),
        list(data.get("aliases") or []),
        list(data.get("dates") or []),
        list(data.get("tellings") or []),
    )


@dataclass
class Figures:
    """The measured figures of one text, with what was missed, for the messages."""

    language: str
    known: tuple[int, int]  # (found, gold)
    wrong_links: tuple[int, int]  # (wrong, links suggested)
    new_typed: tuple[int, int]  # (found with the right type, gold)
    aliases: tuple[int, int]
    noise: tuple[int, int]  # (proposals no gold name matches, proposals)
    dates: tuple[int, int]
    tellings: tuple[int, int]
    planted: tuple[int, int]  # planted disagreements proposed, and flagged as disagreeing
    missed: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def ratio(pair: tuple[int, int], empty: float = 1.0) -> float:
        return pair[0] / pair[1] if pair[1] else empty

    def row(self) -> dict:
        r = self.ratio
        return {
            "language": self.language,
            "known": f"{r(self.known):.2f} ({self.known[0]}/{self.known[1]})",
            "wrong links": f"{r(self.wrong_links, 0.0):.1%} ({self.wrong_links[0]}/{self.wrong_links[1]})",
            "new names, right type": f"{r(self.new_typed):.2f} ({self.new_typed[0]}/{self.new_typed[1]})",
            "aliases": f"{r(self.aliases):.2f} ({self.aliases[0]}/{self.aliases[1]})",
            "noise": f"{r(self.noise, 0.0):.0%} ({self.noise[0]}/{self.noise[1]})",
            "dates": f"{r(self.dates):.2f} ({self.dates[0]}/{self.dates[1]})",
            "tellings": f"{self.tellings[0]}/{self.tellings[1]}",
            "planted disagreements": f"{self.planted[0]}/{self.planted[1]}",
        }


def measure(suggestions: Suggestions, gold: Gold) -> Figures:
    """Compare one text's suggestions with its gold."""
    text = gold.text
    missed: dict[str, list[str]] = {}
    spans = _gold_spans(text, gold)
    links = [m for m in suggestions.mentions if not m.ambiguous]
    found_known = 0
    for (start, end), entity in spans.items():
        if any(
            (m.start, m.end) == (start, end) and entity in (m.candidates or (m.entity,))
            for m in suggestions.mentions
        ):
            found_known += 1
        else:
            missed.setdefault("known", []).append(f"{text[start:end]} → {entity}")
    wrong = [m for m in links if spans.get((m.start, m.end)) != m.entity]
    missed["wrong links"] = [f"{m.quote} → {m.entity}" for m in wrong]

    proposals = {fold_name(e.name): e for e in suggestions.entities}
    names_of = {key: {key, *map(fold_name, e.aliases)} for key, e in proposals.items()}
    typed = 0
    gold_names = set()
    for item in gold.new:
        key = fold_name(item["name"])
        gold_names.add(key)
        owner = next((k for k, names in names_of.items() if key in names), None)
        kind = proposals[owner].type if owner else ""
        if owner and _COARSE.get(kind, kind) == item["type"]:
            typed += 1
        else:
            missed.setdefault("new", []).append(
                f"{item['name']} ({item['type']}; got {kind or '-'})"
            )
    noise = [e.name for key, e in proposals.items() if not names_of[key] & gold_names]
    missed["noise"] = noise

    aliases = sum(1 for a in gold.aliases if _alias_found(a, suggestions, names_of))
    missed["aliases"] = [
        f"{a['name']} of {a['of']}"
        for a in gold.aliases
        if not _alias_found(a, suggestions, names_of)
    ]
    dates = 0
    for item in gold.dates:
        if _date_found(text, item, suggestions):
            dates += 1
        else:
            missed.setdefault("dates", []).append(f"{item['quote']} → {item['date']}")
    told = {(t.event, t.relation, t.value): t for t in suggestions.tellings}
    tellings = [(t, told.get((t["event"], t["relation"], str(t["value"])))) for t in gold.tellings]
    missed["tellings"] = [
        f"{t['event']} {t['relation']} {t['value']}" for t, found in tellings if found is None
    ]
    planted = [found for t, found in tellings if t.get("planted")]
    return Figures(
        gold.language,
        (found_known, len(spans)),
        (len(wrong), len(links)),
        (typed, len(gold.new)),
        (aliases, len(gold.aliases)),
        (len(noise), len(proposals)),
        (dates, len(gold.dates)),
        (sum(1 for _t, found in tellings if found), len(tellings)),
        (sum(1 for found in planted if found and found.disagrees), len(planted)),
        {k: v for k, v in missed.items() if v},
    )


def _gold_spans(text: str, gold: Gold) -> dict[tuple[int, int], str]:
    """Every place a known form stands, outside the longer forms and new names of the gold."""
    forms = {**{item["name"]: "" for item in gold.new}, **gold.known}
    events = dict(gold.events)  # an event's name hides no entity in it
    taken: list[tuple[int, int]] = []
    spans: dict[tuple[int, int], str] = {}
    for form, event in events.items():
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            spans[(match.start(), match.end())] = event
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            span = (match.start(), match.end())
            if any(s <= span[0] and span[1] <= e for s, e in taken):
                continue
            taken.append(span)
            if forms[form]:
                spans[span] = forms[form]
    return spans


def _alias_found(alias: dict, suggestions: Suggestions, names_of: dict[str, set[str]]) -> bool:
    name = fold_name(alias["name"])
    owner = str(alias["of"])
    if any(
        m.entity == owner and m.new_form and fold_name(m.quote) == name
        for m in suggestions.mentions
    ):
        return True
    return any({fold_name(owner), name} <= names for names in names_of.values())


def _date_found(text: str, item: dict, suggestions: Suggestions) -> bool:
    """Whether a suggested date overlaps one place of the quote and gives its date."""
    quote = re.escape(str(item["quote"]))
    return any(
        d.date.start < match.end()
        and match.start() < d.date.end
        and d.date.date == str(item["date"])
        for match in re.finditer(rf"(?<!\w){quote}(?!\w)", text)
        for d in suggestions.dates
    )
