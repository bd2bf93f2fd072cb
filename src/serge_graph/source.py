"""Source texts: their metadata, parts and paragraphs, and finding words in them.

Quotes and names are matched on a folded copy of the text (curly and straight
quotes, dashes, the ellipsis and white space made equal) and reported with
their offsets in the original, so every span keeps the text's own characters.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import SourceError
from .model import Span

_FOLDS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u2026": "...",
}
_CONTEXT = 32  # characters of prefix and suffix kept with a span
_NOTE_NUMBER = re.compile(r"^(\d+)\.\s")
_NOTE_MARKER = re.compile(r"\[(\d+)\]")


_FOLD_TABLE = str.maketrans(_FOLDS)
_SPACES = re.compile(r"\s+")  # the characters str.isspace() calls white space


def _fold_quote_char(char: str) -> str:
    return _FOLDS.get(char, char)


def fold(text: str) -> str:
    """The form in which quotes are compared (as fold_with_offsets folds, without offsets).

    >>> fold("Serge’s  ‘Permanent War’ – …")
    "Serge's 'Permanent War' - ..."
    """
    return _SPACES.sub(" ", text).translate(_FOLD_TABLE)


def fold_with_offsets(
    text: str, fold_char: Callable[[str], str] | None = None
) -> tuple[str, list[int]]:
    """Fold text (white space runs to one space, each other character by fold_char: by
    default the quotes' folding), and give for each folded character the offset it came from."""
    fold_char = fold_char or _fold_quote_char
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space:
                out.append(" ")
                offsets.append(index)
            in_space = True
            continue
        in_space = False
        replacement = fold_char(char)
        out.extend(replacement)
        offsets.extend([index] * len(replacement))
    offsets.append(len(text))
    return "".join(out), offsets


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    speaker: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    id: str  # "p7", or "note-11" for a note
    number: int  # position among all paragraphs, from 1
    start: int
    end: int
    part: str
    note_number: int | None
    calls_notes: tuple[int, ...]


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int


class Source:
    """One text with its parts and paragraphs, able to locate quotes and names."""

    def __init__(self, source_id: str, text: str, metadata: dict, path: Path, number: int = 1):
        self.id = source_id
        self.number = number  # its place in sources.yaml, from 1
        self.text = text
        self.metadata = metadata
        self.path = path
        self.folded, self._offsets = fold_with_offsets(text)
        self.paragraphs = _split_paragraphs(text)
        self.parts = _assign_parts(self, metadata.get("parts") or _whole_text_part(metadata))
        self.paragraphs = [
            _with_part(paragraph, self.parts, self.text) for paragraph in self.paragraphs
        ]
        self._paragraph_starts = [p.start for p in self.paragraphs]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def find(self, words: str) -> list[Occurrence]:
        """Every occurrence of `words` (folded), as offsets in the original text."""
        needle = fold(words).strip()
        if not needle:
            return []
        found = []
        position = self.folded.find(needle)
        while position != -1:
            if self._on_whole_characters(position, position + len(needle)):
                found.append(self._original(position, position + len(needle)))
            position = self.folded.find(needle, position + 1)
        return found

    def _on_whole_characters(self, folded_start: int, folded_end: int) -> bool:
        """Whether a folded stretch begins and ends on whole original characters: "a." must
        not match the start of "a…", whose ellipsis folds to three dots."""
        offsets = self._offsets
        starts_whole = folded_start == 0 or offsets[folded_start - 1] != offsets[folded_start]
        return starts_whole and offsets[folded_end] != offsets[folded_end - 1]

    def find_names(self, names: Iterable[str]) -> list[tuple[str, Occurrence]]:
        """Whole-word occurrences of names, longest name first where two overlap."""
        return list(self._name_matches(names))

    def has_name(self, name: str) -> bool:
        """Whether the name occurs as whole words (stops at the first occurrence)."""
        return next(self._name_matches([name]), None) is not None

    def _name_matches(self, names: Iterable[str]) -> Iterator[tuple[str, Occurrence]]:
        ordered = sorted({fold(n).strip() for n in names if n.strip()}, key=lambda n: (-len(n), n))
        if not ordered:
            return
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")
        for match in pattern.finditer(self.folded):
            if self._on_whole_characters(match.start(), match.end()):
                yield match.group(0), self._original(match.start(), match.end())

    def _original(self, folded_start: int, folded_end: int) -> Occurrence:
        start = self._offsets[folded_start]
        end = self._offsets[folded_end - 1] + 1
        return Occurrence(start, end)

    def span(self, occurrence: Occurrence) -> Span:
        paragraph = self.paragraph_at(occurrence.start)
        return Span(
            source=self.id,
            start=occurrence.start,
            end=occurrence.end,
            exact=self.text[occurrence.start : occurrence.end],
            prefix=self.text[max(paragraph.start, occurrence.start - _CONTEXT) : occurrence.start],
            suffix=self.text[occurrence.end : min(paragraph.end, occurrence.end + _CONTEXT)],
            paragraph=paragraph.id,
            part=paragraph.part,
        )

    def paragraph_at(self, offset: int) -> Paragraph:
        index = bisect.bisect_right(self._paragraph_starts, offset) - 1
        return self.paragraphs[max(index, 0)]

    def paragraph(self, paragraph_id: str) -> Paragraph:
        for paragraph in self.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        raise KeyError(paragraph_id)

    def part(self, part_id: str) -> Part:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)

    def paragraph_text(self, paragraph: Paragraph) -> str:
        return self.text[paragraph.start : paragraph.end]

    def nearest_passage(self, quote: str, width: int = 90) -> str:
        """The passage that looks most like a quote that is not in the text, for hints."""
        needle = fold(quote).strip()  # as find() compares it
        best = (0, 0, 0)
        for paragraph in self.paragraphs:
            folded = fold(self.paragraph_text(paragraph))
            matcher = difflib.SequenceMatcher(None, needle, folded, autojunk=False)
            block = matcher.find_longest_match(0, len(needle), 0, len(folded))
            if block.size > best[0]:
                start_in_para = max(0, block.b - block.a)
                best = (block.size, paragraph.number, start_in_para)
        if best[0] == 0:
            return ""
        paragraph = self.paragraphs[best[1] - 1]
        folded = fold(self.paragraph_text(paragraph))
        passage = folded[best[2] : best[2] + max(width, len(needle) + 20)]
        return f"{paragraph.id}: “{passage}”"


def _split_paragraphs(text: str) -> list[Paragraph]:
    paragraphs = []
    for number, match in enumerate(re.finditer(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*", text), 1):
        paragraphs.append(Paragraph(f"p{number}", number, match.start(), match.end(), "", None, ()))
    return paragraphs


WHOLE_TEXT_PART = "text"


def _whole_text_part(metadata: dict) -> list[dict]:
    """A source that declares no parts is one part, spoken by its `speaker:`, else its
    author (as `serge-graph source add` records it)."""
    speaker = metadata.get("speaker") or metadata.get("author")
    if not speaker:
        return []
    return [{"id": WHOLE_TEXT_PART, "title": "text", "speaker": str(speaker), "whole_text": True}]


def _assign_parts(source: Source, declared: list[dict]) -> list[Part]:
    starts = []
    for entry in declared:
        if entry.get("whole_text") is True:  # from the first character, not a marker
            starts.append((0, entry))
            continue
        marker = str(entry.get("starts", ""))
        hits = [p for p in source.paragraphs if source.text[p.start :].startswith(marker)]
        if not marker or len(hits) != 1:
            raise SourceError(
                f"{source.path.parent / 'sources.yaml'}: part {entry.get('id')!r} of source "
                f"{source.id!r}: 'starts: {marker}' must begin exactly one paragraph "
                f"(it begins {len(hits)})"
            )
        starts.append((hits[0].start, entry))
    starts.sort(key=lambda item: item[0])
    parts = []
    for index, (start, entry) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(source.text)
        parts.append(
            Part(
                str(entry["id"]),
                str(entry.get("title", entry["id"])),
                str(entry.get("speaker", "")),
                start,
                end,
            )
        )
    return parts


def _with_part(paragraph: Paragraph, parts: list[Part], text: str) -> Paragraph:
    part = next((p for p in parts if p.start <= paragraph.start < p.end), None)
    part_id = part.id if part else ""
    body = text[paragraph.start : paragraph.end]
    note_number = None
    paragraph_id = paragraph.id
    if part_id == "notes":
        match = _NOTE_NUMBER.match(body)
        if match:
            note_number = int(match.group(1))
            paragraph_id = f"note-{note_number}"
    calls = tuple(int(n) for n in _NOTE_MARKER.findall(body)) if part_id != "notes" else ()
    return Paragraph(
        paragraph_id,
        paragraph.number,
        paragraph.start,
        paragraph.end,
        part_id,
        note_number,
        calls,
    )


def load_sources(sources_dir: Path) -> dict[str, Source]:
    """Read sources.yaml and every text it names, checking each checksum."""
    listing = sources_dir / "sources.yaml"
    if not listing.is_file():
        raise SourceError(f"{listing}: not found; a data folder needs sources/sources.yaml")
    try:
        metadata = yaml.safe_load(listing.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise SourceError(f"{listing}: not valid YAML: {error}") from error
    sources = {}
    for number, entry in enumerate(metadata.get("sources") or [], 1):
        sources[str(entry["id"])] = _load_source(sources_dir, entry, number)
    if not sources:
        raise SourceError(f"{listing}: lists no sources")
    return sources


def _load_source(sources_dir: Path, entry: dict, number: int = 1) -> Source:
    path = sources_dir / str(entry["file"])
    if not path.is_file():
        raise SourceError(f"{path}: source text not found (named in sources.yaml)")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    expected = str(entry.get("sha256", ""))
    if expected and digest != expected:
        raise SourceError(
            f"{path}: SHA-256 is {digest}, sources.yaml expects {expected}; "
            "the text must stay byte-exact (restore it from shared/sources)"
        )
    return Source(str(entry["id"]), data.decode("utf-8"), entry, path, number)
