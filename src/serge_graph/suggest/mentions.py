"""Occurrences of the entities the graph already knows, by name or alias, accent- and
case-insensitively, with the ambiguous ones flagged rather than guessed.

Beside the names and aliases the annotations give, a person is also looked for by the
last word of their name ("Alemán" for Miguel Alemán), but only where that word stands
alone (not inside a longer run of capitalised words, which is another name) and only
when no other entity has it as an explicit name. A form that two entities share after
folding ("Alemán" for two people of that surname) is suggested with both as candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Entity
from ..source import fold as fold_punctuation
from .lexicon import FUNCTION_WORDS, HONORIFICS
from .text import WORD, FoldedText, fold_name, is_acronym, is_capitalised

PERSON_TYPES = frozenset({"Person"})
_SEPARATING = ".,:;!?)]»”’'"  # after these the word before belongs to another phrase


@dataclass(frozen=True)
class KnownForm:
    """A folded form and who it may name; `derived` when only a person's surname gives it."""

    folded: str
    entities: tuple[str, ...]
    derived: str  # "" for a name or alias; "surname" or "acronym" when derived from a name
    first_upper: bool  # the form begins with a capital: the text's form must too


@dataclass(frozen=True)
class MentionSuggestion:
    """An occurrence of a known entity (or, when ambiguous, of one of several)."""

    start: int
    end: int
    quote: str
    entity: str | None  # None when ambiguous
    candidates: tuple[str, ...] = ()
    new_form: bool = False  # the text's form is not yet a name or alias of the entity
    is_event: bool = False

    @property
    def ambiguous(self) -> bool:
        return self.entity is None


@dataclass
class NameIndex:
    """The forms of the known entities, folded, each with the entities it may name."""

    forms: dict[str, KnownForm] = field(default_factory=dict)
    exact_forms: dict[str, set[str]] = field(default_factory=dict)  # entity -> fold() of names
    event_ids: set[str] = field(default_factory=set)
    frames: list[tuple[str, str, str]] = field(default_factory=list)  # (first, last, person)

    @classmethod
    def from_entities(
        cls, entities: Iterable[Entity], extra_forms: dict[str, Iterable[str]] | None = None
    ) -> NameIndex:
        """extra_forms: more names by entity id (aliases in other languages, for example)."""
        index = cls()
        explicit: dict[str, set[str]] = {}
        derived: dict[str, tuple[str, set[str]]] = {}
        upper: dict[str, bool] = {}
        for entity in entities:
            names = [*entity.names, *((extra_forms or {}).get(entity.id, ()))]
            index.exact_forms[entity.id] = {fold_punctuation(n).strip() for n in names}
            if entity.is_event:
                index.event_ids.add(entity.id)
            for name in names:
                key = fold_name(name)
                if key:
                    explicit.setdefault(key, set()).add(entity.id)
                    upper[key] = upper.get(key, False) or is_capitalised(name.strip())
            for kind, form in _derived_forms(entity):
                derived.setdefault(fold_name(form), (kind, set()))[1].add(entity.id)
            if entity.type in PERSON_TYPES:
                index.frames.extend(_frames(entity))
        for key, owners in explicit.items():
            index.forms[key] = KnownForm(key, tuple(sorted(owners)), "", upper[key])
        for key, (kind, owners) in derived.items():
            if key not in index.forms:
                index.forms[key] = KnownForm(key, tuple(sorted(owners)), kind, True)
        return index

    def is_event(self, entity_id: str) -> bool:
        return entity_id in self.event_ids


def _derived_forms(entity: Entity) -> Iterable[tuple[str, str]]:
    """Forms a text may use that the annotations do not list: a person's surname, or two
    for a three-word name (Alemán; Lombardo Toledano), and an organisation's acronym made
    of the initials of its capitalised words (POUM, CNT, ETOL)."""
    if entity.is_event:
        return
    for name in entity.names:
        words = WORD.findall(name)
        if entity.type in PERSON_TYPES:
            if len(words) >= 2 and is_capitalised(words[-1]) and len(words[-1]) >= 3:
                yield "surname", words[-1]
            if len(words) >= 3 and all(is_capitalised(w) for w in words[-2:]):
                yield "surname", " ".join(words[-2:])
        else:
            parts = [p for w in words for p in w.split("-") if p]
            initials = "".join(p[0] for p in parts if is_capitalised(p))
            if len(initials) >= 3 and not is_acronym(name):
                yield "acronym", initials


def _frames(entity: Entity) -> Iterable[tuple[str, str, str]]:
    """A person's first and last names, for fuller forms between them: Julián Gómez García
    Gorkin for Julián Gorkin, Dmitri Z. Manuilsky for Dmitri Manuilsky."""
    words = WORD.findall(entity.name)
    if len(words) >= 2 and all(is_capitalised(w) for w in (words[0], words[-1])):
        yield fold_name(words[0]), fold_name(words[-1]), entity.id


class MentionFinder:
    """Finds the known forms in a text, longest first, entities then events (as the loader
    finds mentions: an event's name must not hide the entities in it)."""

    def __init__(self, index: NameIndex):
        self.index = index
        self._patterns = {
            events: _pattern(
                key
                for key, form in index.forms.items()
                if any(index.is_event(e) == events for e in form.entities)
            )
            for events in (False, True)
        }

    def find(
        self, text: FoldedText, start: int = 0, end: int | None = None
    ) -> list[MentionSuggestion]:
        """Every suggestion whose span lies within [start, end) of the original text."""
        end = len(text.text) if end is None else end
        found = self._fuller_forms(text, start, end)
        taken = [(m.start, m.end) for m in found]
        for events, pattern in self._patterns.items():
            if pattern is None:
                continue
            folded_start, folded_end = text.folded_index(start), text.folded_index(end)
            for match in pattern.finditer(text.folded, folded_start, folded_end):
                suggestion = self._suggestion(text, match, events)
                if suggestion is not None and not (
                    not events
                    and any(s < suggestion.end and suggestion.start < e for s, e in taken)
                ):
                    found.append(suggestion)
        return sorted(found, key=lambda s: (s.start, s.end, s.is_event))

    def _fuller_forms(self, text: FoldedText, start: int, end: int) -> list[MentionSuggestion]:
        found = []
        for first, last, person in self.index.frames:
            pattern = re.compile(
                rf"(?<!\w){re.escape(first)}(?: [^\W\d_][\w'.-]*){{1,3}} {re.escape(last)}(?!\w)"
            )
            for match in pattern.finditer(
                text.folded, text.folded_index(start), text.folded_index(end)
            ):
                begin, finish = text.original(match.start(), match.end())
                quote = text.text[begin:finish]
                if all(is_capitalised(w) for w in quote.split()):
                    new_form = fold_punctuation(quote) not in self.index.exact_forms[person]
                    found.append(MentionSuggestion(begin, finish, quote, person, (), new_form))
        return found

    def _suggestion(self, text: FoldedText, match: re.Match, events: bool):
        form = self.index.forms[match.group(0)]
        start, end = text.original(match.start(), match.end())
        quote = text.text[start:end]
        if form.first_upper and not is_capitalised(quote):
            return None  # "socialists" in running text is not the group Socialists
        if form.derived == "surname" and not _stands_alone(text.text, start, end):
            return None
        if form.derived == "acronym" and not is_acronym(quote):
            return None
        owners = tuple(e for e in form.entities if self.index.is_event(e) == events)
        exact = fold_punctuation(quote).strip()
        if len(owners) > 1:
            return MentionSuggestion(start, end, quote, None, owners, False, events)
        owner = owners[0]
        new_form = exact not in self.index.exact_forms.get(owner, set())
        return MentionSuggestion(start, end, quote, owner, (), new_form, events)


def _pattern(keys: Iterable[str]) -> re.Pattern | None:
    ordered = sorted(set(keys), key=lambda k: (-len(k), k))
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in ordered) + r")(?!\w)")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a surname is not part of a longer run of capitalised words: "Alemán" alone,
    or after an honorific, but not in "Partido Comunista Alemán"."""
    before = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    after = re.match(r"\s+(\S+)", text[end : end + 40])
    if before and is_capitalised(before.group(1)) and before.group(1)[-1:] not in _SEPARATING:
        word = fold_name(before.group(1).strip("‘“\"'(«").rstrip("."))
        if word not in HONORIFICS and word not in FUNCTION_WORDS:
            return False
    if text[start - 1 : start] in "-’'" and start > 0:
        return False
    return not (after and is_capitalised(after.group(1)) and text[end : end + 1] == " ")
