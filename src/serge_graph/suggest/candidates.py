"""Names the graph does not know yet: runs of capitalised words (with the connectors names
use inside, as in Partido Obrero de Unificación Marxista), two single words joined by y, e,
et, and (Giustizia e Libertà), an acronym or another name in brackets beside a name
(Partido Comunista Alemán (KPD), Paul Chevalier (Leo Valiani)), and titles in quotes or
italics; each with a guessed type, the reason for it, and the sentence it stands in.

The type is guessed by plain rules, in this order: a name after or in apposition to a word
for a periodical (revista, revue, "Politics, the review") is a Periodical; a title in
quotes or italics, or a name after a word for a work (novel, libro), a Work; an acronym,
or a name with a word for an organisation (Party, Partido, Comité, Union), an
Organisation; a word for an event in it, an event; a word for a place (City, Calle), a
Place; a name after or before a word for an organisation (el grupo X, the X group), an
Organisation; after a word for a person (poeta, compagne) or an honorific, a Person; a lone
word after a place preposition (in, en, à), a Place; a lone word ending like a people's
plural (Trotskyists, poumistas), a Group; anything else, a Person (most unknown names in a
memoir are people). The gazetteer may then retype a name with weak evidence (othernames.py).
A lone word only ever capitalised first in a sentence or in a heading is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import is_country
from .lexicon import (
    CALENDAR_WORDS,
    CONNECTORS,
    EVENT_TYPES,
    EVENT_WORDS,
    FUNCTION_WORDS,
    GROUP_ENDINGS,
    HONORIFICS,
    JOINING_CONNECTORS,
    ORGANISATION_WORDS,
    PERIODICAL_WORDS,
    PERSON_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    WORK_WORDS,
)
from .text import WORD, fold_name, is_acronym, is_capitalised

_QUOTED = re.compile(
    r"[‘“\"«]\s*([^‘’“”\"«»\n]{2,80}?)\s*[’”\"»]|(?<![\w*])[*_]([^*_\n]{2,80})[*_](?![\w*])"
)
_PARENTHESISED_ACRONYM = re.compile(r"\s*\(\s*([A-ZÀ-Þ][A-ZÀ-Þ0-9\-]{1,9})\s*\)")
# "Julián Gorkin (Julián Gómez García)", "Santo Domingo (Ciudad Trujillo)": another name of
# the same thing in brackets, capitalised word by word (connectors allowed inside)
_PARENTHESISED_NAME = re.compile(
    r"[ \u00a0]\(\s*((?:[A-ZÀ-Þ][\w’'.\-]*)(?:[ \u00a0]+(?:[A-ZÀ-Þ][\w’'.\-]*|"
    r"de|del|la|los|las|y|e|et|du|des|von|van|der))*)\s*\)"
)
_MAX_TITLE_WORDS = 8
_CONTRACTION = re.compile(r"[’'](?:ll|m|re|ve|d|t)$|n[’']t$", re.IGNORECASE)  # You’ll, I’m
_POSSESSIVE = re.compile(r"[’']s$")
_ELIDED = re.compile(r"^[ldLD][’'](\w.*)$")
_ARTICLES = frozenset({"the", "a", "an", "el", "la", "los", "las", "le", "les", "un", "una", "une"})
_AFTER_WORK_WORD = re.compile(
    r"(?<!\w)([^\W\d_]+)(?=(?:(?:\s+[a-zà-ÿ][\w’']*){1,6},)?\s+([A-ZÀ-Þ][^\s,.;:!?()\[\]]*"
    r"(?:\s+(?!(?:y|and|et)\b)[^\s,.;:!?()\[\]]+){0,7}))"  # a lookahead: titles may follow titles
)
_HEADING = re.compile(r"^[^\n.!?]{3,120}$")
_MAX_HEADING = 120  # characters: a longer line is a paragraph
# A follower's noun before a person's name is no part of it (the Marxist Otto Rühle).
_FOLLOWER_ENDINGS = ("ist", "ista", "iste")


@dataclass(frozen=True)
class Candidate:
    """One occurrence of a name the graph does not know."""

    start: int  # of the name (its quote covers the acronym too, when one follows)
    end: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    quote_end: int | None = None  # end of "Name (ACRONYM)" when an acronym follows
    reason: str = ""  # why the type was guessed
    sentence_start: bool = False  # a lone word only ever capitalised first in a sentence or heading

    @property
    def quote_span(self) -> tuple[int, int]:
        return self.start, self.quote_end or self.end


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return fold_name(self.text)


def find_candidates(
    text: str,
    covered: Iterable[tuple[int, int]],
    ignored: Iterable[str] = (),
    start: int = 0,
    end: int | None = None,
) -> list[Candidate]:
    """The unknown names in text[start:end]; `covered` are the spans of known mentions,
    `ignored` capitalised words known not to be names (ignore.yaml)."""
    end = len(text) if end is None else end
    covered = sorted(covered)
    ignored_keys = {fold_name(word) for word in ignored}
    headings = [
        h
        for h in _headings(text, start, end)
        if not any(s <= h.start and h.end <= e for s, e in covered)  # known already
    ]
    titles = [
        *headings,
        *_titles(text, start, end, covered),
        *_titles_after_work_words(text, start, end, covered),
    ]
    taken = [(c.start, c.end) for c in titles]
    common = _common_words(text)
    runs = []
    for run in _capitalised_runs(text, start, end):
        if _common_head(run, common, text):
            run = run[1:]  # Director of the Musée…, Secretary of the …: a common noun first
        for piece in _split_run(run, text, ignored_keys, covered):
            span = (piece[0].start, piece[-1].end)
            if _overlaps(*span, taken):
                continue
            if (
                not _overlaps(*span, covered)
                or _encloses_known(piece, span, covered)
                or _bracketed_after_known(text, span, covered)
            ):
                runs.append(_candidate(piece, text))
    expanded = [c for c in runs if c.quote_end]  # KPD inside "Partido Comunista Alemán (KPD)"
    runs = [
        c
        for c in runs
        if not any(e is not c and e.start <= c.start and c.end <= e.quote_end for e in expanded)
    ]
    return sorted([*titles, *runs], key=lambda c: (c.start, c.end))


def _titles(text: str, start: int, end: int, covered) -> Iterable[Candidate]:
    for match in _QUOTED.finditer(text, start, end):
        group = 1 if match.group(1) is not None else 2
        title, title_start = match.group(group), match.start(group)
        words = WORD.findall(title)
        if (
            words
            and is_capitalised(title)
            and len(words) <= _MAX_TITLE_WORDS
            and not re.search(r"[.!?;:,]\s*\S", title)  # a sentence, not a title
            and not title.rstrip().endswith((".", "!", "?", ","))
            and not _overlaps(title_start, title_start + len(title), covered)
            and fold_name(words[0]) not in FUNCTION_WORDS - CONNECTORS
        ):
            yield Candidate(
                title_start, title_start + len(title), title, "Work", reason="a title in quotes"
            )


def _titles_after_work_words(text: str, start: int, end: int, covered) -> Iterable[Candidate]:
    """A title in running text after a word for a work (su novela El caso Tuláyev, the
    pamphlet The GPU Prepares a New Crime), or after it and a short clause in apposition
    (la biografía que ambos firmaron, Vida y muerte de León Trotsky): from its first
    capital to the last capitalised word before punctuation or "y"/"and"/"et", at most
    eight words; known names inside it are the title's, a known name around it wins."""
    for match in _AFTER_WORK_WORD.finditer(text, start, end):
        if fold_name(match.group(1)) not in WORK_WORDS:
            continue
        title = match.group(2)
        if "," in text[match.end(1) : match.start(2)]:  # in apposition: up to the stop
            title = re.match(r"[^,.;:!?()\[\]\n]*", text[match.start(2) : match.start(2) + 120])
            title = title.group(0) if len(WORD.findall(title.group(0))) <= 10 else ""
        words = list(WORD.finditer(title))
        while words and not is_capitalised(words[-1].group(0)):
            words.pop()
        if len(words) < 2:
            continue  # one word: the capitalised runs find it, with a better type guess
        begin = match.start(2)
        title_end = begin + words[-1].end()
        if _subject_of_a_clause(text, title_end):
            continue  # the review Dwight Macdonald edited: a person, not a title
        inside = [(s, e) for s, e in covered if s < title_end and begin < e]
        if all(begin <= s and e <= title_end and (s, e) != (begin, title_end) for s, e in inside):
            kind = "Periodical" if fold_name(match.group(1)) in PERIODICAL_WORDS else "Work"
            reason = f"a title after {match.group(1)!r}"
            yield Candidate(begin, title_end, text[begin:title_end], kind, reason=reason)


def _headings(text: str, start: int, end: int) -> Iterable[Candidate]:
    """A heading line that begins with an article and is in title case is a title (The Last
    Years of Victor Serge, 1941–1947), known names inside it included."""
    for line in re.finditer(r"(?m)^[^\S\n]*(\S[^\n]*?)[^\S\n]*$", text[start:end]):
        heading = line.group(1)
        words = WORD.findall(heading)
        if not (_HEADING.match(heading) and words and fold_name(words[0]) in _ARTICLES):
            continue
        alone = text[max(0, start + line.start() - 2) : start + line.start()].strip() == "" and (
            text[start + line.end() : start + line.end() + 2].strip() == ""
        )
        content = [w for w in words if fold_name(w) not in CONNECTORS | _ARTICLES]
        if alone and content and all(is_capitalised(w) for w in content) and len(words) <= 12:
            begin = start + line.start(1)
            yield Candidate(begin, begin + len(heading), heading, "Work", reason="a heading")


def _capitalised_runs(text: str, start: int, end: int) -> Iterable[list[_Word]]:
    """Maximal runs of capitalised words joined by single spaces and lower-case connectors."""
    run: list[_Word] = []
    pending: list[_Word] = []  # connectors seen since the last capitalised word
    last_end = None
    for match in WORD.finditer(text, start, end):
        word = _Word(match.start(), match.end(), match.group(0))
        if _POSSESSIVE.search(word.text):  # Franco’s: the name is Franco
            word = _Word(word.start, word.end - 2, word.text[:-2])
        capitalised = _is_name_word(word.text)
        gap = text[last_end : word.start] if last_end is not None else ""
        joined = last_end is not None and re.fullmatch(r"[ \u00a0]", gap) is not None
        if capitalised and word.key not in CONNECTORS - {"the"}:
            if run and joined:
                run.extend(pending)
                run.append(word)
            else:
                if run:
                    yield run
                run = [word]
            pending = []
        elif run and joined and word.key in CONNECTORS and len(pending) < 2:
            pending.append(word)
        else:
            if run:
                yield run
            run, pending = [], []
        last_end = word.end
    if run:
        yield run


def _common_words(text: str) -> set[str]:
    """Words the text also writes in lower case: at the head of a run they are a sentence's
    first word (Director of the Musée), not a name's."""
    return {fold_name(w) for w in WORD.findall(text) if not _is_name_word(w)}


def _common_head(run: list[_Word], common: set[str], text: str) -> bool:
    """Whether a run begins with a word the text also writes in lower case, at the start of
    a sentence or before "of"/"de" (a title: Secretary of the …), that names no kind of
    organisation, place or event (Palace of Fine Arts keeps its Palace)."""
    head = run[0].key
    if head not in common or head in ORGANISATION_WORDS | PLACE_WORDS | EVENT_WORDS:
        return False
    before_connector = len(run) > 1 and run[1].key in CONNECTORS
    return before_connector or _starts_sentence(text, run[0].start)


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[max(0, offset - 4) : offset].rstrip(" ‘“\"'«(¿¡")
    return before == "" or before.endswith(("\n", ".", "!", "?", ":", "…"))


def _is_name_word(word: str) -> bool:
    """A capitalised word, or an elided article before one (l’Homme, d’Orsay)."""
    elided = _ELIDED.match(word)
    return is_capitalised(elided.group(1) if elided else word)


def _split_run(run: list[_Word], text: str, ignored: set[str], covered=()) -> Iterable[list[_Word]]:
    """Cut a run at joining connectors (Spain and France) unless it names an organisation
    (Bloque Obrero y Campesino); drop leading function words, articles and honorifics."""
    pieces = [run]
    if run and run[0].key not in ORGANISATION_WORDS and not _one_joined_name(run, covered):
        pieces = _cut(run, lambda w: w.key in JOINING_CONNECTORS)
    for piece in filter(None, pieces):
        before_kind = _word_after(text, piece[-1].end) in ORGANISATION_WORDS  # the X group
        piece = _trim(piece, set() if before_kind and len(piece) > 1 else ignored)
        if piece:
            yield piece


def _one_joined_name(run: list[_Word], covered=()) -> bool:
    """Two single capitalised words joined by y/e/et/and name one thing (Giustizia e
    Libertà, Socialisme et Liberté, Tierra y Libertad) unless either is a known name
    (Hitler et Staline), a country or a calendar word (España y Francia): two names of
    people have two words each."""
    keys = [w.key for w in run]
    if len(run) != 3 or keys[1] not in JOINING_CONNECTORS:
        return False
    if _overlaps(run[0].start, run[-1].end, covered):
        return False
    return not any(k in CALENDAR_WORDS or is_country(k) for k in (keys[0], keys[2]))


def _cut(run: list[_Word], at) -> list[list[_Word]]:
    pieces, current = [], []
    for word in run:
        if at(word):
            pieces.append(current)
            current = []
        else:
            current.append(word)
    pieces.append(current)
    return [p for p in pieces if p]


def _trim(piece: list[_Word], ignored: set[str]) -> list[_Word]:
    # "Mexican" alone is no name (ignore.yaml), but it is part of "Mexican Communist Party"
    named = {w.key for w in piece} & (ORGANISATION_WORDS | PLACE_WORDS | EVENT_WORDS)
    ignored = set() if named and len(piece) > 1 else ignored

    def droppable_first(word: _Word) -> bool:
        return (
            (len(piece) >= 3 and word.key.endswith(_FOLLOWER_ENDINGS))  # Marxist Otto Rühle
            or word.key in FUNCTION_WORDS
            or word.key in CONNECTORS
            or word.key in HONORIFICS
            or word.key in CALENDAR_WORDS
            or word.key in ignored
            or word.text == "I"
            or _CONTRACTION.search(word.text) is not None
        )

    while piece and droppable_first(piece[0]):
        piece = piece[1:]
    if piece and re.match(r"[ld][’']", piece[0].text):  # l’Espagne, d’Alcalá: the name
        first = piece[0]
        piece = [_Word(first.start + 2, first.end, first.text[2:]), *piece[1:]]
    while piece and (piece[-1].key in CONNECTORS or not _is_name_word(piece[-1].text)):
        piece = piece[:-1]
    if len(piece) == 1 and (piece[0].key in ignored or piece[0].key in CALENDAR_WORDS):
        return []
    return piece


def _candidate(piece: list[_Word], text: str) -> Candidate:
    start, end = piece[0].start, piece[-1].end
    name = text[start:end]
    acronym = _PARENTHESISED_ACRONYM.match(text, end)
    bracketed = _PARENTHESISED_NAME.match(text, end)
    aliases, quote_end = (), None
    if acronym and not is_acronym(name):
        aliases, quote_end = (acronym.group(1),), acronym.end()
    elif bracketed and _is_name_word(bracketed.group(1)):
        aliases, quote_end = (bracketed.group(1),), bracketed.end()
    kind, reason = guess_type(piece, text)
    lone_start = (
        len(piece) == 1
        and (_starts_sentence(text, start) or _in_heading(text, start))
        and not is_acronym(name)
        and not quote_end
        and piece[0].key not in _capitalised_inside(text)
    )
    return Candidate(start, end, name, kind, aliases, quote_end, reason, lone_start)


def guess_type(piece: list[_Word], text: str) -> tuple[str, str]:
    """The type a name's words and the word before it give, and why."""
    keys = [w.key for w in piece]
    before = _word_before(text, piece[0].start)
    after = _word_after(text, piece[-1].end)
    apposed = _apposition(text, piece[-1].end)
    if _subject_of_a_clause(text, piece[-1].end) and len(piece) >= 2:
        return "Person", f"the subject of {after!r}"  # the review Dwight Macdonald edited
    if apposed in PERIODICAL_WORDS:
        return "Periodical", f"before ', the {apposed}'"  # Politics, the review …
    if before in PERIODICAL_WORDS:
        return "Periodical", f"after {before!r}"  # la revista X, the journal X
    if before in WORK_WORDS or (len(piece) == 1 and keys[0] in WORK_WORDS):
        return "Work", f"after {before!r}" if before in WORK_WORDS else "a word for a work"
    if len(piece) == 1 and is_acronym(piece[0].text):
        return "Organisation", "an acronym"
    ends = {keys[0], keys[-1]}  # the head noun: last in English, first in Spanish and French
    event = [EVENT_TYPES[k] for k in keys if k in EVENT_TYPES and k in ends]
    if event:  # Moscow Trials, Guerra Civil; not Cold War Socialist
        return event[-1], "a word for an event in the name"
    organisation = set(keys) & ORGANISATION_WORDS
    if organisation:
        return "Organisation", f"{sorted(organisation)[0]!r} in the name"
    if set(keys) & PLACE_WORDS:
        return "Place", f"{sorted(set(keys) & PLACE_WORDS)[0]!r} in the name"
    if before in ORGANISATION_WORDS:
        return "Organisation", f"after {before!r}"  # el grupo X, le mouvement X
    if after in ORGANISATION_WORDS or apposed in ORGANISATION_WORDS:
        return "Organisation", f"before {after if after in ORGANISATION_WORDS else apposed!r}"
    if before in HONORIFICS or before in PERSON_WORDS:
        return "Person", f"after {before!r}"
    if before in PLACE_PREPOSITIONS:
        return "Place", f"after {before!r}"
    if len(piece) == 1 and keys[0].endswith(GROUP_ENDINGS):
        return "Group", "a word for a people's plural"
    if len(piece) >= 2:
        return "Person", "a first name and a surname, no word of another kind"
    return "Person", "no other evidence (most unknown names are people's)"


@lru_cache(maxsize=4)
def _capitalised_inside(text: str) -> frozenset[str]:
    """The words the text writes capitalised somewhere other than a sentence's start or a
    heading: a lone word seen only there is no name by its capital alone."""
    return frozenset(
        fold_name(m.group(0))
        for m in WORD.finditer(text)
        if is_capitalised(m.group(0))
        and not _starts_sentence(text, m.start())
        and not _in_heading(text, m.start())
    )


def _word_after(text: str, offset: int) -> str:
    """The lower-case word right after a name (the Socialism and Liberty group)."""
    match = re.match(r"[ \u00a0]+([a-zà-ÿ][\w’']*)", text[offset : offset + 40])
    return fold_name(match.group(1)) if match else ""


_PAST_TENSE = re.compile(r"[ \u00a0]+[a-z]+ed\b(?![ \u00a0]+by\b)")


def _subject_of_a_clause(text: str, offset: int) -> bool:
    """Whether an English past tense follows a name at once, as in a relative clause without
    "that" ("the review Dwight Macdonald edited"): the name is its subject, a person's."""
    return _PAST_TENSE.match(text, offset) is not None


def _apposition(text: str, offset: int) -> str:
    """The noun of an apposition after a name: "Politics, the review …" gives review."""
    match = re.match(
        r",\s+(?:the|a|an|la|el|le|una?|une)\s+(?:\w+\s+)?([a-zà-ÿ][\w’']*)",
        text[offset : offset + 60],
    )
    return fold_name(match.group(1)) if match else ""


def _in_heading(text: str, offset: int) -> bool:
    """Whether a word stands in a heading: a line alone, without a full stop at its end."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].strip()
    alone = text[max(0, line_start - 2) : line_start].strip() == "" and (
        text[line_end : line_end + 2].strip() == ""
    )
    short = len(line) <= _MAX_HEADING and not re.search(r"[.!?;]\s", line)
    return alone and short and bool(line) and not line.endswith((".", "!", "?", ":", ";"))


def _word_before(text: str, offset: int) -> str:
    """The word before a name, past an article (en el Palacio, in the Kremlin)."""
    words = re.findall(r"[^\W\d_][\w’'.]*", text[max(0, offset - 40) : offset])
    words = [fold_name(w.rstrip(".")) for w in words]
    while len(words) > 1 and words[-1] in _ARTICLES:
        words.pop()
    return words[-1] if words else ""


def _encloses_known(piece: list[_Word], span: tuple[int, int], covered) -> bool:
    """A longer name of an organisation or place around known names (Victor Serge Centenary
    Committee, Comité Mexicano) is a name of its own: it wins over the names inside it."""
    keys = {w.key for w in piece}
    if not keys & (ORGANISATION_WORDS | PLACE_WORDS | EVENT_WORDS):
        return False
    inside = [(s, e) for s, e in covered if s < span[1] and span[0] < e]
    uncovered = {  # words no known name covers: one must make the name an organisation's
        w.key for w in piece if not any(s <= w.start < e for s, e in inside)
    }  # (Centenary Committee), not a title before it (Secretary of the …)
    # a qualifier before a known event's name names another event: the Russian Civil War
    qualified = piece[-1].key in EVENT_WORDS and inside and inside[-1][1] == span[1]
    return bool(qualified or uncovered & (ORGANISATION_WORDS | PLACE_WORDS | EVENT_WORDS)) and all(
        span[0] <= s and e <= span[1] and (s, e) != span for s, e in inside
    )


def _bracketed_after_known(text: str, span: tuple[int, int], covered) -> bool:
    """A name alone in brackets right after a known one, "Victor Serge (Victor Lvovitch
    Kibaltchitch)", is another name of it even where a known form (Victor) begins it."""
    before = re.search(r"(\S)[ \u00a0]\(\s*$", text[max(0, span[0] - 6) : span[0]])
    after = re.match(r"\s*\)", text[span[1] :])
    if before is None or after is None or span in covered:
        return False
    known_end = span[0] - (len(text[max(0, span[0] - 6) : span[0]]) - before.end(1))
    return any(e == known_end for _s, e in covered)


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)
