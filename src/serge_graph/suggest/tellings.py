"""What a text says happened, matched first to the events the graph knows: a sentence that
says someone arrived, left, died, was buried, murdered, tried or arrested, that a meeting was
held or attacked, that a work was published, with a date or a place, is a telling of the
known event of that kind whose participants and place the sentence names best (a place
counts three, a participant two, one of the sentence before one, a date within a year of
the graph's one); the telling is
a claim whose subject is the known event ("death-of-victor-serge, date 1947-11-18, said by
this source"), whether it agrees with what the graph says or not. A telling no known event
fits, with a person and a date or place, is a new event. Dates that count from an event
("cinq ans après sa mort") are resolved here, from the event's date in the graph.

Which date and place: those of the trigger's clause (between commas and semicolons), the
first after the trigger, else the last before it; a date that opens the sentence ("En
marzo de 1943, …") serves every clause that has none. An event whose graph date lies more
than three years from the sentence's is another event of the same kind. Plain rules: a
sentence with two triggers of one kind, or a date given for a subordinate clause, can
mislead them; every telling is a suggestion an annotator confirms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Event, PartialDate
from .dates import DateSuggestion, RelativeDate
from .mentions import MentionSuggestion
from .othernames import PLACE_TYPES
from .text import WORD, Sentences, fold_name

_KINDS = {  # kind: (event types it may be, words that say it happened)
    "Arrival": (
        ("Arrival",),
        "llego llegaron llegada arribo desembarco arriva arriverent arrivee arrive arrived "
        "arrives arrival reached",
    ),
    "Death": (
        ("Death", "Accident"),
        "murio muere muerte fallecio fallecimiento mourut meurt mort deces died dies death",
    ),
    "Burial": (
        ("Burial",),
        "enterrado enterrada enterraron entierro sepultado sepultada sepelio inhume inhumee "
        "inhumation enterre enterree obseques buried burial funeral",
    ),
    "Murder": (
        ("Murder",),
        "asesinado asesinada asesinaron asesinato assassine assassinee assassinat murdered murder",
    ),
    "Attack": (
        ("Attack",),
        "asalto asaltaron atacaron atacado atacada ataque attaque attaquee attaquerent assaut "
        "attacked attack stormed",
    ),
    "Departure": (
        ("Departure",),
        "salio salieron partio expulsado expulsada expulsados quitta quitte partit expulse "
        "expulsee departure expelled",
    ),
    "Trial": (("Trial",), "juzgado juzgados juzgada juicio juge juges jugee tried trial"),
    "Arrest": (
        ("Arrest",),
        "detuvo detenido detenidos detencion secuestrado secuestrada arrete arretes "
        "arrestation enleve enlevee arrested arrest kidnapped",
    ),
    "Publication": (
        ("Publication",),
        "publico publicado publicada publicaron publia publie publiee publierent parut "
        "published publication",
    ),
    "Meeting": (
        ("Meeting", "ProtestMeeting", "Lecture"),
        "mitin reunion reunio reunieron meeting conferencia conference lecture",
    ),
}
_TRIGGERS = {word: kind for kind, (_types, words) in _KINDS.items() for word in words.split()}
_YEARS_APART = 3  # a graph date further than this from the sentence's is another event
_WINDOW = 5  # sentences back a relative date's "his death" may point
_CLAUSE = re.compile(r"[^,;:()]+")


@dataclass(frozen=True)
class Telling:
    """One fact a text gives about an event the graph knows."""

    event: str
    relation: str  # date | place
    value: str  # a partial date, or an entity id (a suggested one for a new place)
    start: int  # the quote: from the trigger to the value, or the other way round
    end: int
    graph: str = ""  # what the graph says (its first date or place), "" when nothing

    @property
    def disagrees(self) -> bool:
        if not self.graph or self.graph == self.value:
            return False
        if self.relation != "date":
            return True
        told, known = PartialDate.parse(self.value), PartialDate.parse(self.graph)
        return told.latest < known.earliest or known.latest < told.earliest


@dataclass(frozen=True)
class NewEvent:
    """Something the text says happened that no known event fits."""

    type: str
    participants: tuple[str, ...]
    date: str
    place: str
    start: int
    end: int


@dataclass(frozen=True)
class _Thing:
    """An entity, known or suggested, standing at a span of the text."""

    start: int
    end: int
    entity: str
    type: str


_GROUP_RELATIONS = ("memberOf", "leaderOf")


def groups_of(claims: Iterable) -> dict[str, frozenset[str]]:
    """The groups each person belongs to or leads, from the graph's claims (a telling may
    name the group, "the trial of the POUM leaders", where the graph names the person)."""
    found: dict[str, set[str]] = {}
    for claim in claims:
        if claim.relation in _GROUP_RELATIONS and claim.object:
            found.setdefault(claim.subject, set()).add(claim.object)
    return {person: frozenset(groups) for person, groups in found.items()}


class EventMatcher:
    """The known events by kind, with their participants, date and place."""

    def __init__(self, events: Iterable[Event], groups: dict[str, frozenset[str]] | None = None):
        self.events = list(events)
        self.groups = groups or {}
        self.by_type: dict[str, list[Event]] = {}
        for event in self.events:
            self.by_type.setdefault(event.entity.type, []).append(event)

    def tell(
        self,
        text: str,
        things: list[_Thing],
        dates: list[DateSuggestion],
        start: int = 0,
        end: int | None = None,
    ) -> tuple[list[Telling], list[NewEvent]]:
        """The tellings of known events, and the new events, in text[start:end]."""
        end = len(text) if end is None else end
        sentences = Sentences(text)
        tellings, new = [], []
        previous: list[_Thing] = []
        for sentence in sentences.spans:
            if sentence.end <= start or sentence.start >= end:
                continue
            inside = [t for t in things if sentence.start <= t.start < sentence.end]
            opening = _opening_date(text, sentence.start, dates)
            for trigger in _triggers(text, sentence.start, sentence.end, dates):
                clause = _clause(text, trigger, sentence.start, sentence.end)
                date = _nearest(trigger, [d for d in dates if _within(d, clause)]) or opening
                in_clause = [t for t in inside if _within(t, clause)]
                found = self._best(trigger[2], inside, previous, date)
                places = [t for t in in_clause if _is_place(t) or _is_place_of(t, found)]
                place = _nearest(trigger, places)
                if found is not None:
                    tellings += _tellings(found, trigger, date, place)
                elif date or place:
                    who = sorted({t.entity for t in in_clause if not _is_place(t)})
                    if who:
                        new.append(_new_event(trigger, who, date, place))
            previous = inside or previous
        return _unique(tellings), new

    def _best(self, kind: str, inside: list[_Thing], previous: list[_Thing], date):
        """The known event of that kind the sentence names most of: a participant or its
        place named in the sentence counts two, a participant of the sentence before one
        (a subject left implicit: "Fue enterrado …"), and so does a group a participant
        belongs to or leads, named in the sentence ("the trial of the POUM leaders")."""
        here = {t.entity for t in inside}
        before = {t.entity for t in previous} - here
        scored = []
        for event_type in _KINDS[kind][0]:
            for event in self.by_type.get(event_type, []):
                if date is not None and event.date is not None and _apart(event.date, date):
                    continue
                taking = {p.entity for p in event.participants}
                score = 2 * len(taking & here) + len(taking & before)
                groups = frozenset().union(*(self.groups.get(p, ()) for p in taking))
                score += len(groups & here)
                score += 3 if event.place in here else 0  # a place is rarer than people
                near = date is not None and event.date is not None
                if score and near and not _apart(event.date, date, 1):
                    score += 1  # a date within a year of the graph's, for one named already
                if score:
                    scored.append((score, event.id, event))
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], s[1]))
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None  # two events fit as well: no guess
        return scored[0][2]

    def resolve(
        self, relatives: list[RelativeDate], things: list[_Thing], sentences: Sentences
    ) -> list[DateSuggestion]:
        """Dates counted from an event: the known event of that kind whose participant the
        sentence or the two before it name (the one named last wins)."""
        resolved = []
        for relative in relatives:
            here = sentences.at(relative.start)
            window = [s for s in sentences.spans if s.end <= here.end][-_WINDOW:]
            named = [t for t in things if window[0].start <= t.start < relative.start]
            events = [e for t in _KINDS[relative.kind][0] for e in self.by_type.get(t, [])]
            for thing in reversed(named):
                fits = [
                    e
                    for e in events
                    if e.date and thing.entity in {p.entity for p in e.participants}
                ]
                if len(fits) == 1:
                    year = fits[0].date.earliest.year + relative.years
                    resolved.append(
                        DateSuggestion(
                            relative.start, relative.end, relative.quote, f"{year}", fits[0].id
                        )
                    )
                    break
        return resolved


def things_of(mentions: list[MentionSuggestion], suggested, types: dict[str, str]) -> list[_Thing]:
    """The known entities' mentions and the suggested entities' occurrences, as things."""
    found = [
        _Thing(m.start, m.end, m.entity, types.get(m.entity, ""))
        for m in mentions
        if m.entity and not m.is_event
    ]
    found += [
        _Thing(o.start, o.end, entity.id, entity.type)
        for entity in suggested
        for o in entity.occurrences
    ]
    return sorted(found, key=lambda t: t.start)


def _triggers(text: str, start: int, end: int, dates) -> Iterable[tuple[int, int, str]]:
    relative = [d for d in dates if d.relative_to]
    for match in WORD.finditer(text, start, end):
        kind = _TRIGGERS.get(fold_name(match.group(0)))
        if kind and not any(d.start <= match.start() < d.end for d in relative):
            yield match.start(), match.end(), kind


def _clause(text: str, trigger, start: int, end: int) -> tuple[int, int]:
    for match in _CLAUSE.finditer(text, start, end):
        if match.start() <= trigger[0] < match.end():
            return match.start(), match.end()
    return start, end


def _opening_date(text: str, start: int, dates) -> DateSuggestion | None:
    """A date that opens a sentence before a comma ("En marzo de 1943, …")."""
    for date in dates:
        opens = start <= date.start <= start + 1 and not date.relative_to
        if opens and text[date.end : date.end + 1] == ",":
            return date
    return None


def _within(item, clause: tuple[int, int]) -> bool:
    return (
        clause[0] <= item.start and item.end <= clause[1] and not getattr(item, "relative_to", "")
    )


def _nearest(trigger, items: list):
    after = [i for i in items if i.start >= trigger[1]]
    before = [i for i in items if i.end <= trigger[0]]
    return after[0] if after else (before[-1] if before else None)


def _is_place_of(thing: _Thing, event: Event | None) -> bool:
    return event is not None and thing.entity == event.place


def _is_place(thing: _Thing) -> bool:
    return thing.type in PLACE_TYPES or thing.type in ("Building", "City", "Country", "Region")


def _apart(known: PartialDate, told: DateSuggestion, years: int = _YEARS_APART) -> bool:
    other = PartialDate.parse(told.date)
    gap = max(other.earliest.year - known.latest.year, known.earliest.year - other.latest.year)
    return gap > years


def _tellings(event: Event, trigger, date, place) -> list[Telling]:
    found = []
    if date is not None:
        graph = event.date.text if event.date else ""
        span = (min(trigger[0], date.start), max(trigger[1], date.end))
        found.append(Telling(event.id, "date", date.date, *span, graph))
    if place is not None:
        span = (min(trigger[0], place.start), max(trigger[1], place.end))
        found.append(Telling(event.id, "place", place.entity, *span, event.place or ""))
    return found


def _new_event(trigger, persons, date, place) -> NewEvent:
    spans = [trigger[:2], *((d.start, d.end) for d in (date, place) if d is not None)]
    return NewEvent(
        _KINDS[trigger[2]][0][0],
        tuple(persons),
        date.date if date else "",
        place.entity if place else "",
        min(s for s, _ in spans),
        max(e for _, e in spans),
    )


def _unique(tellings: list[Telling]) -> list[Telling]:
    return list({(t.event, t.relation, t.value): t for t in tellings}.values())
