"""Dates and date phrases in English, Spanish and French, parsed to the project's partial
dates (model.PartialDate: 1942, 1942-04, 1947-11-17, or a range 1941/1947).

What is found, with the words before it that belong to the phrase:

    17 November 1947, November 17, 1947, on 17 November 1947     -> 1947-11-17
    el 17 de noviembre de 1947, 1.º de mayo de 1942              -> 1947-11-17, 1942-05-01
    le 17 novembre 1947, le 1er mai 1942                          -> 1947-11-17, 1942-05-01
    April 1942, abril de 1942, avril 1942, in April 1942          -> 1942-04
    in 1943, en 1943, 1943                                        -> 1943
    1941–1947, 1941-47, between 1942 and 1944, entre 1942 y 1944,
    de 1941 a 1947, from 1941 to 1947, de 1941 à 1947             -> 1941/1947
    the 1940s, the forties, los años cuarenta, los años 40,
    les années quarante, les années 1940                          -> 1940/1949

A decade named without its century (los años cuarenta, the forties) is read in the century
of most of the text's own years (1900 when it gives none). A date relative to an event,
"cinq ans après sa mort", "diez años después de su muerte", "five years after his death",
is found by `find_relative`: its year is a bound on another event's date, resolved where
the events are known (tellings.py).

A day that does not exist (31 de febrero de 1942) is not a day: only its month is
suggested. A month or day without a year is left out: the year would be a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import PartialDate
from .text import fold_name

MONTHS = {
    "en": "january february march april may june july august september october november december",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "fr": "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
}
_MONTH_NUMBER = {
    name: number for names in MONTHS.values() for number, name in enumerate(names.split(), 1)
}
_MONTH_NUMBER["setiembre"] = 9
_MONTH_NUMBER["sept"] = 9
for _name in MONTHS["en"].split():
    _MONTH_NUMBER.setdefault(_name[:3], _MONTH_NUMBER[_name])  # Nov., Sept.

_ACCENTED = {"fevrier": "f[eé]vrier", "aout": "ao[uû]t"}
_MONTH = (
    "(?P<month>"
    + "|".join(sorted((_ACCENTED.get(m, m) for m in _MONTH_NUMBER), key=len, reverse=True))
    + r")\.?"
)
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th|er|\.?º|\.?°|o)?"
_DASH = r"\s*[-–—]\s*"
_LEAD = r"(?:(?:on|in|el|le|en|the|since|desde|depuis)\s+)?"
_NO_DIGIT_BEFORE = r"(?<![\w,.])"
_NO_DIGIT_AFTER = r"(?![\w]|[.,][0-9])"

_PATTERNS = [
    # 17 November 1947; el 17 de noviembre de 1947; le 17 novembre 1947; the 17th of November, 1947
    ("day", rf"{_LEAD}{_DAY}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?{_YEAR}"),
    # November 17, 1947
    ("day", rf"{_LEAD}{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    # 1941–1947, 1941-47
    ("range", rf"{_LEAD}(?P<year>1[0-9]{{3}}|20[0-9]{{2}}){_DASH}(?P<end>[0-9]{{4}}|[0-9]{{2}})"),
    # between 1942 and 1944; entre 1942 y 1944; entre 1942 et 1944; from 1941 to 1947
    (
        "range",
        r"(?:between|entre|from|de|desde|du)\s+(?P<year>1[0-9]{3}|20[0-9]{2})\s+"
        r"(?:and|y|et|to|a|al|hasta|à|au)\s+(?P<end>1[0-9]{3}|20[0-9]{2})",
    ),
    # April 1942; abril de 1942; avril 1942; in April 1942; en abril de 1942
    ("month", rf"{_LEAD}{_MONTH},?\s+(?:de\s+|del\s+|of\s+)?{_YEAR}"),
    # in 1943; en 1943; 1943
    ("year", rf"{_LEAD}{_YEAR}"),
]
_COMPILED = [
    (kind, re.compile(_NO_DIGIT_BEFORE + pattern + _NO_DIGIT_AFTER, re.IGNORECASE))
    for kind, pattern in _PATTERNS
]


_DECADE_WORDS = {
    fold_name(word): tens
    for tens, words in {
        2: "veinte vingt twenties",
        3: "treinta trente thirties",
        4: "cuarenta quarante forties",
        5: "cincuenta cinquante fifties",
        6: "sesenta soixante sixties",
        7: "setenta soixante-dix seventies",
        8: "ochenta quatre-vingt eighties",
        9: "noventa quatre-vingt-dix nineties",
    }.items()
    for word in words.split()
}
_DECADE = re.compile(
    r"(?<!\w)(?:(?:los|las)\s+años|(?:les|des)\s+années|the)\s+(?:(?P<word>"
    + "|".join(sorted(_DECADE_WORDS, key=len, reverse=True))
    + r")|(?P<year>1[0-9]{2}0|20[0-9]0)(?:s|’s|'s)?|’?'?(?P<short>[0-9]0)(?:s|’s|'s)?)(?!\w)",
    re.IGNORECASE,
)
_NUMBERS = {
    fold_name(word): number
    for number, words in enumerate(
        [
            "",
            "un una uno one",
            "dos deux two",
            "tres trois three",
            "cuatro quatre four",
            "cinco cinq five",
            "seis six",
            "siete sept seven",
            "ocho huit eight",
            "nueve neuf nine",
            "diez dix ten",
            "once onze eleven",
            "doce douze twelve",
            "quince quinze fifteen",
            "veinte vingt twenty",
        ]
    )
    for word in words.split()
}
_RELATIVE = re.compile(
    r"(?<!\w)(?P<n>[0-9]{1,2}|"
    + "|".join(sorted(_NUMBERS, key=len, reverse=True))
    + r")\s+(?:años|año|ans|an|années|years|year)\s+(?P<direction>después|antes|après|avant"
    r"|after|before|later)(?:\s+(?:de|d’|d'|of))?\s*(?P<whose>su|sa|son|his|her|their|la|el|le|the)"
    r"\s+(?P<noun>muerte|mort|death|llegada|arrivée|arrival|entierro|enterrement|burial|"
    r"asesinato|assassinat|murder)(?!\w)",
    re.IGNORECASE,
)
# The event a relative date counts from, by the noun that names it.
RELATIVE_NOUNS = {
    **dict.fromkeys(["muerte", "mort", "death"], "Death"),
    **dict.fromkeys(["llegada", "arrivee", "arrival"], "Arrival"),
    **dict.fromkeys(["entierro", "enterrement", "burial"], "Burial"),
    **dict.fromkeys(["asesinato", "assassinat", "murder"], "Murder"),
}


@dataclass(frozen=True)
class DateSuggestion:
    start: int
    end: int
    quote: str
    date: str  # the partial date, as annotations write it
    relative_to: str = ""  # the event a relative date counts from ("cinq ans après sa mort")

    @property
    def partial(self) -> PartialDate:
        return PartialDate.parse(self.date)


@dataclass(frozen=True)
class RelativeDate:
    """ "cinq ans après sa mort": so many years after (or before) an event of one kind."""

    start: int
    end: int
    quote: str
    years: int  # negative before the event
    kind: str  # the kind of event counted from (Death, Arrival, Burial, Murder)


def find_relative(text: str, start: int = 0, end: int | None = None) -> list[RelativeDate]:
    """Every date phrase that counts years from an event ("diez años después de su muerte").

    >>> [(r.years, r.kind) for r in find_relative("cinq ans après sa mort")]
    [(5, 'Death')]
    """
    end = len(text) if end is None else end
    found = []
    for match in _RELATIVE.finditer(text, start, end):
        count = match.group("n")
        years = int(count) if count.isdigit() else _NUMBERS[fold_name(count)]
        if fold_name(match.group("direction")) in ("antes", "avant", "before"):
            years = -years
        kind = RELATIVE_NOUNS[fold_name(match.group("noun"))]
        found.append(RelativeDate(match.start(), match.end(), match.group(0), years, kind))
    return found


def _decades(text: str, start: int, end: int, century: int) -> Iterable[DateSuggestion]:
    for match in _DECADE.finditer(text, start, end):
        english = match.group(0)[:3].lower() == "the"
        if english and not match.group("word") and not match.group(0).endswith("s"):
            continue  # the 1940 congress: a year, not a decade
        if match.group("word"):
            first = century + 10 * _DECADE_WORDS[fold_name(match.group("word"))]
        elif match.group("year"):
            first = int(match.group("year"))
        else:
            first = century + int(match.group("short"))
        yield DateSuggestion(
            match.start(), match.end(), match.group(0), f"{first:04d}/{first + 9:04d}"
        )


def _century(text: str) -> int:
    """The century most of a text's years fall in (1900 when it gives none)."""
    centuries = [int(y) // 100 * 100 for y in re.findall(r"(?<![\w.,])1[0-9]{3}(?!\w)", text)]
    return max(set(centuries), key=centuries.count) if centuries else 1900


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateSuggestion]:
    """Every date phrase in text[start:end], longest first where two overlap."""
    end = len(text) if end is None else end
    found: list[DateSuggestion] = list(_decades(text, start, end, _century(text)))
    taken: list[tuple[int, int]] = [(d.start, d.end) for d in found]
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text, start, end):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            date = _parse(kind, match)
            if date is None:
                continue
            found.append(DateSuggestion(match.start(), match.end(), match.group(0), date))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date_phrase(phrase: str) -> str | None:
    """The partial date a whole phrase gives, or None.

    >>> parse_date_phrase("el 17 de noviembre de 1947")
    '1947-11-17'
    >>> parse_date_phrase("1941–1947")
    '1941/1947'
    """
    found = find_dates(phrase)
    if len(found) == 1 and found[0].quote == phrase.strip():
        return found[0].date
    return None


def _parse(kind: str, match: re.Match) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if kind == "year":
        return f"{year:04d}"
    if kind == "range":
        return _range(year, groups["end"])
    month = _MONTH_NUMBER[fold_name(groups["month"]).rstrip(".")]
    if kind == "month":
        return f"{year:04d}-{month:02d}"
    day = int(groups["day"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None  # no such day: the month alone is suggested by the next pattern
    return dt.date(year, month, day).isoformat()


def _range(first: int, end: str) -> str | None:
    last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
    if last <= first:
        return None  # 1947-41 is no range; a page span, or a typo
    return f"{first:04d}/{last:04d}"


def date_phrases(suggestions: Iterable[DateSuggestion]) -> list[str]:
    return [s.quote for s in suggestions]
