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
    the 1950s, los años cincuenta are not dated (a decade is not in the text's words as a year)

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


@dataclass(frozen=True)
class DateSuggestion:
    start: int
    end: int
    quote: str
    date: str  # the partial date, as annotations write it

    @property
    def partial(self) -> PartialDate:
        return PartialDate.parse(self.date)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateSuggestion]:
    """Every date phrase in text[start:end], longest first where two overlap."""
    end = len(text) if end is None else end
    found: list[DateSuggestion] = []
    taken: list[tuple[int, int]] = []
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
