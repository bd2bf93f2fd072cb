"""The model between the YAML and the RDF: plain frozen dataclasses, standard library only."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

_DATE_FORMS = (
    (re.compile(r"^([0-9]{4})$"), "year"),  # ASCII digits only: \d takes any script's digits
    (re.compile(r"^([0-9]{4})-([0-9]{2})$"), "month"),
    (re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"), "day"),
)


@dataclass(frozen=True)
class Where:
    """A place in an annotation file, for error messages and provenance."""

    file: str
    line: int


class ReversedRangeError(ValueError):
    """A date range whose end comes before its beginning (1944/1942)."""


@dataclass(frozen=True)
class PartialDate:
    """A date at the text's precision: a year, a month, a day, or a range of two of them."""

    text: str
    precision: str  # year | month | day | range
    earliest: dt.date
    latest: dt.date

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse 1942, 1942-04, 1947-11-17 or a range 1942/1944.

        >>> PartialDate.parse("1942-04").latest
        datetime.date(1942, 4, 30)
        >>> PartialDate.parse("1942/1944").precision
        'range'
        """
        text = str(text).strip()
        if "/" in text:
            if text.count("/") > 1:
                raise ValueError(f"{text!r} is not a date: a range has two ends, as in 1942/1944")
            first, _, last = text.partition("/")
            begin, end = cls.parse(first), cls.parse(last)
            if end.latest < begin.earliest:
                raise ReversedRangeError(f"range {text!r} ends before it begins")
            return cls(text, "range", begin.earliest, end.latest)
        for pattern, precision in _DATE_FORMS:
            match = pattern.match(text)
            if match:
                return cls._from_parts(text, precision, [int(g) for g in match.groups()])
        raise ValueError(f"{text!r} is not a date")

    @classmethod
    def _from_parts(cls, text: str, precision: str, parts: list[int]) -> PartialDate:
        year = parts[0]
        if precision == "year":
            return cls(text, precision, dt.date(year, 1, 1), dt.date(year, 12, 31))
        month = parts[1]
        first = dt.date(year, month, 1)
        if precision == "month":
            last_day = calendar.monthrange(year, month)[1]  # no next month to step back from
            return cls(text, precision, first, dt.date(year, month, last_day))
        day = dt.date(year, month, parts[2])
        return cls(text, precision, day, day)


@dataclass(frozen=True)
class Span:
    """An exact stretch of a source text, with what stands around it."""

    source: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    paragraph: str  # paragraph id, e.g. "p7" or "note-11"
    part: str  # part id, e.g. "narrative"


@dataclass(frozen=True)
class Evidence:
    """A quote that states a claim, located in its source."""

    quote: str
    span: Span
    where: Where


@dataclass(frozen=True)
class Reference:
    """A work or page consulted for general knowledge: its title and, where public, its address."""

    title: str
    url: str = ""


@dataclass(frozen=True)
class Correction:
    """A spelling the text gets wrong, corrected from general knowledge (never the text's claim)."""

    text_form: str
    correct_form: str
    origin: str
    note: str
    reference: Reference | None = None
    speaker: str = "general-knowledge"  # who says the correct form


RANKS = ("preferred", "normal", "deprecated")
GENERAL_KNOWLEDGE = "general-knowledge"  # the speaker of corrections and of outside dates


@dataclass(frozen=True)
class FactCorrection:
    """The right value of a deprecated claim, from a consulted reference."""

    object: str | None
    value: str | PartialDate | int | None
    reference: Reference
    note: str = ""
    relation: str | None = None  # where the text got the relation wrong (before for after)
    # where the text got the claim's date qualifier wrong: the right date(s), one correction
    # claim each (two terms of office for one "from 1877 to 1911")
    dates: tuple[PartialDate, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A person, group, organisation, place, work or event named in the text."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    description: str
    where: Where
    corrections: tuple[Correction, ...] = ()
    implicit: str = ""
    note: str = ""
    is_event: bool = False
    alias_languages: tuple[tuple[str, str], ...] = ()  # (alias, "es"): the language it is in
    status: str = ""  # "suggested" until an annotator confirms it (see SUGGESTED)
    # words that stand for it only in context ("the war" for the Second World War): (words, why)
    implied_names: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The forms the text uses for it: name, aliases and implied names."""
        return (self.name, *self.aliases, *(words for words, _why in self.implied_names))

    def language_of(self, alias: str) -> str:
        """The language an alias is written in ("es"), or "" where none is given."""
        return dict(self.alias_languages).get(alias, "")


CERTAINTY_LEVELS = ("stated", "implied", "inferred")
SUGGESTED = "suggested"  # the status of an item a program proposed and no annotator confirmed


@dataclass(frozen=True)
class Certainty:
    """How directly the quoted words say a claim: stated (they say it), implied (they imply
    it and the annotator reads it) or inferred (the annotator draws it from several places
    or from general knowledge); a reason for the last two."""

    level: str
    reason: str = ""


@dataclass(frozen=True)
class Participant:
    entity: str
    role: str
    evidence: tuple[Evidence, ...]
    where: Where
    certainty: Certainty | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened; its facts become claims like any other."""

    entity: Entity
    date: PartialDate | None
    place: str | None
    participants: tuple[Participant, ...]
    evidence: tuple[Evidence, ...]
    certainty: Certainty | None = None
    date_certainty: Certainty | None = None
    place_certainty: Certainty | None = None
    date_ranking: dict = field(default_factory=dict)  # rank, rank_reason, correction
    # where the text gives no date: the date from general knowledge, with the work consulted
    date_reference: Reference | None = None

    @property
    def id(self) -> str:
        return self.entity.id


@dataclass(frozen=True)
class Claim:
    """One fact as the text states it, with its evidence and its speaker.

    `relation` is an ontology local name, or "type", "date" or "place" for an
    event's own facts. Exactly one of `object` (an entity id, or a class name
    for "type") and `value` is set.
    """

    id: str
    subject: str
    relation: str
    object: str | None
    value: str | PartialDate | int | None
    evidence: tuple[Evidence, ...]
    speaker: str
    where: Where
    reported_by: str | None = None
    quoted_from: str | None = None
    date: PartialDate | None = None
    as_: str | None = None
    note: str = ""
    certainty: Certainty | None = None
    rank: str = "normal"
    rank_reason: str = ""
    correction: FactCorrection | None = None  # on a deprecated claim: what is right
    corrects: str | None = None  # on a correction claim: the id of the claim it puts right
    reference: Reference | None = None  # on a correction claim: where the right value is found
    about: tuple[tuple[str, str], ...] = ()  # (supports | disputes | reports, claim id)
    spoken_at: str | None = None  # the event at which the words were spoken or written
    status: str = ""  # "suggested" until an annotator confirms it (see SUGGESTED)

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources its quotes stand in, in order of first quote."""
        return tuple(dict.fromkeys(e.span.source for e in self.evidence))

    @property
    def general_knowledge_date(self) -> bool:
        """A date the text does not give, said by general knowledge with its reference (an
        anchor for the text's relative times), not a correction of the text."""
        return self.relation == "date" and self.speaker == GENERAL_KNOWLEDGE and not self.corrects


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity's name or alias in a source; implied where the words stand
    for it only in context (an implied name)."""

    entity: str
    span: Span
    status: str = ""  # "suggested" where the entity or the alias found is still suggested
    certainty: Certainty | None = None


@dataclass(frozen=True)
class IgnoredName:
    name: str
    reason: str
    where: Where


@dataclass(frozen=True)
class IgnoredPhrase:
    """A phrase that looks like an event's name but names none (a prediction, a slogan),
    reviewed with the reason; `paragraph` limits it to one paragraph or note."""

    phrase: str
    reason: str
    where: Where
    paragraph: str = ""


@dataclass(frozen=True)
class Annotations:
    """Everything curated about the sources, validated and located."""

    entities: dict[str, Entity]
    events: dict[str, Event]
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]
    ignored: tuple[IgnoredName, ...] = field(default=())
    ignored_phrases: tuple[IgnoredPhrase, ...] = field(default=())
    # items still marked status: suggested, as (file, its source, count); they are left out
    # of the graph unless included
    suggested_by_file: tuple[tuple[str, str, int], ...] = ()

    @property
    def suggested(self) -> int:
        """How many items remain to confirm."""
        return sum(count for _file, _source, count in self.suggested_by_file)
