"""What every suggester needs from a text: a copy folded for accents and case that keeps its
offsets, the sentences, and the words.

Names are compared accent- and case-insensitively ("VÍCTOR SERGE" is "Victor Serge",
"Cardeñas" is "Cárdenas"), with the source's own folding of quotes, dashes and white
space on top, and every match is reported with its offsets in the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..source import fold as fold_punctuation
from ..source import fold_with_offsets

# A word: letters (any script), with inner apostrophes and hyphens (Anarcho-Syndicalists,
# Workers’, l’Homme). Digits are not words here: dates are found on their own.
WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*\w)?[’']?")
_SENTENCE_END = re.compile(r"[.!?…]+[’'”\")»\]]*(?=\s+[\"“‘'«(\[¿¡]*[^\W\d_])")
# Abbreviations after which a full stop ends no sentence (lower-cased, without the stop).
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "mt",
        "no",
        "vol",
        "vols",
        "pp",
        "p",
        "ed",
        "eds",
        "sr",
        "sra",
        "srta",
        "dña",
        "d",
        "m",
        "mme",
        "mlle",
        "gen",
        "col",
        "capt",
        "lt",
        "prof",
        "jr",
        "ca",
        "cf",
        "vs",
        "etc",
        "núm",
        "art",
    ]
)


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character as names are compared: no accents, case-folded, quotes and dashes
    as the source folds them ("É" → "e", "’" → "'", "ß" → "ss")."""
    plain = fold_punctuation(char) if not char.isspace() else " "
    decomposed = unicodedata.normalize("NFD", plain)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def fold_name(text: str) -> str:
    """A name as it is compared.

    >>> fold_name("  Víctor   SERGE’s ")
    "victor serge's"
    """
    return FoldedText(text).folded.strip()


class FoldedText:
    """A text folded for comparison, with the original offset of every folded character."""

    def __init__(self, text: str):
        folded, offsets = fold_with_offsets(text, fold_char)
        self.text = text
        self.folded = folded
        self.offsets = offsets

    def original(self, folded_start: int, folded_end: int) -> tuple[int, int]:
        """The original span of a folded stretch."""
        return self.offsets[folded_start], self.offsets[folded_end - 1] + 1

    def folded_index(self, original_offset: int) -> int:
        """The first folded character at or after an original offset."""
        return bisect.bisect_left(self.offsets, original_offset)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


class Sentences:
    """The sentences of a text: split at a full stop, question or exclamation mark before
    a capital, and at paragraph breaks; never after a known abbreviation or an initial."""

    def __init__(self, text: str):
        self.text = text
        self.spans = list(_sentence_spans(text))
        self._starts = [s.start for s in self.spans]

    def at(self, offset: int) -> Sentence:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.spans[max(index, 0)]

    def text_at(self, offset: int) -> str:
        sentence = self.at(offset)
        return " ".join(self.text[sentence.start : sentence.end].split())


def _sentence_spans(text: str):
    for block in re.finditer(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*", text):  # paragraphs
        start = block.start()
        for end_mark in _SENTENCE_END.finditer(text, block.start(), block.end()):
            if _is_abbreviation(text, end_mark.start()):
                continue
            yield Sentence(start, end_mark.end())
            start = _next_non_space(text, end_mark.end())
        if start < block.end():
            yield Sentence(start, block.end())


def _is_abbreviation(text: str, stop: int) -> bool:
    if text[stop] != ".":
        return False
    word = re.search(r"(\w+)$", text[max(0, stop - 12) : stop])
    if word is None:
        return False
    token = word.group(1)
    return token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper())


def _next_non_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_acronym(word: str) -> bool:
    """KPD, POUM, CTM, NKVD: two or more capitals and no lower-case letter."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
