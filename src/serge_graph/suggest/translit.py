"""Names written in another alphabet's transcription, or spelt out letter by letter: one key
for the forms a Russian name takes in English, Spanish and French (Umansky, Umanski,
Oumansky; Tulayev, Tuláyev, Toulaév; Stalin, Staline), and the acronym a French or
Spanish text spells as a word (Guépéou for GPU).

The key folds what the transcriptions of one sound differ by, and nothing else: accents
and case; French "ou" for "u"; "y", "j" and "i" as one letter, dropped between vowels
(Tulayev, Toulaév); "k", "ck", "c" before a, o, u and "q" as "k"; "w" as "v"; "kh", "ch",
"tch", "sch" as their English values; "ff" at the end as "v" (Romanoff); doubled letters
as one; a final mute "e" after a consonant (Staline). Two names with one key are taken for
one name in two transcriptions; the rules are those of the usual English, French, Spanish
and German transcriptions of Russian, and the suggester applies them only to names of five
letters or more and only towards names the graph knows (a person's name or surname, a
work's distinctive word), so a shared surname stays flagged as ambiguous.
"""

from __future__ import annotations

import re

from .text import fold_name

_VOWELS = "aeiou"
_REPLACEMENTS = [
    (r"tsch|tch", "ch"),
    (r"sch", "sh"),
    (r"ou", "u"),
    (r"ck|q", "k"),
    (r"kh", "h"),
    (r"c(?=[aou]|$)", "k"),
    (r"w", "v"),
    (r"ff$", "v"),
    (r"[yj]", "i"),
    (r"tz", "ts"),
]
_COMPILED = [(re.compile(pattern), value) for pattern, value in _REPLACEMENTS]
_BETWEEN_VOWELS = re.compile(rf"(?<=[{_VOWELS}])i(?=[{_VOWELS}])")
_DOUBLE = re.compile(r"(\w)\1+")
_MUTE_E = re.compile(rf"(?<=[^{_VOWELS}])e$")

# The names of letters, as French and Spanish spell them in a spelt-out acronym.
_LETTER_NAMES = {
    "a": "a",
    "be": "b",
    "bé": "b",
    "ce": "c",
    "cé": "c",
    "de": "d",
    "dé": "d",
    "e": "e",
    "ef": "f",
    "efe": "f",
    "ge": "g",
    "gue": "g",
    "gué": "g",
    "ka": "k",
    "el": "l",
    "ele": "l",
    "em": "m",
    "eme": "m",
    "en": "n",
    "ene": "n",
    "o": "o",
    "pe": "p",
    "pé": "p",
    "er": "r",
    "ere": "r",
    "es": "s",
    "ese": "s",
    "te": "t",
    "té": "t",
    "ou": "u",
    "u": "u",
    "ú": "u",
    "ve": "v",
    "vé": "v",
}
_SPELT = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _LETTER_NAMES), key=len, reverse=True)) + ")"
)


def translit_key(name: str) -> str:
    """One key for the transcriptions of a name (each word keyed, joined by spaces).

    >>> translit_key("Oumansky") == translit_key("Umanski") == translit_key("Umansky")
    True
    >>> translit_key("Toulaév") == translit_key("Tulayev")
    True
    """
    return " ".join(_word_key(w) for w in re.findall(r"[^\W\d_]+", fold_name(name)))


def _word_key(word: str) -> str:
    for pattern, value in _COMPILED:
        word = pattern.sub(value, word)
    word = _BETWEEN_VOWELS.sub("", word)
    word = _DOUBLE.sub(r"\1", word)
    return _MUTE_E.sub("", word) if len(word) > 4 else word


def spelt_acronym(word: str) -> str | None:
    """The acronym a word spells letter by letter, as French writes GPU "Guépéou", or None.

    >>> spelt_acronym("Guépéou")
    'GPU'
    >>> spelt_acronym("Gorkin") is None
    True
    """
    lowered = word.lower()
    letters, position = [], 0
    while position < len(lowered):
        match = _SPELT.match(lowered, position)
        if match is None:
            return None
        letters.append(_LETTER_NAMES[match.group(0)])
        position = match.end()
    if len(letters) < 2 or not any(c in "éèú" for c in lowered):
        return None  # a spelt-out acronym writes its letters' names with accents (Guépéou, Guepeú)
    return "".join(letters).upper()
