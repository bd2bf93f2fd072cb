"""One pass over a text: the known entities' mentions, the candidate new entities and the
dates, put together (a longer name of an organisation wins over the known names inside it;
an acronym in parentheses after a known name is a new form of that entity)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Entity, Event
from .candidates import Candidate, find_candidates
from .crosslingual import BagIndex
from .dates import DateSuggestion, find_dates, find_relative
from .lexicon import EVENT_TYPES
from .mentions import MentionFinder, MentionSuggestion, NameIndex
from .othernames import OtherNames
from .tellings import EventMatcher, NewEvent, Telling, things_of
from .text import FoldedText, Sentences, fold_name, is_acronym

EVENT_TYPE_NAMES = frozenset(EVENT_TYPES.values())  # an event's name hides no entity in it
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-ZÀ-Þ][A-ZÀ-Þ0-9\-]{1,9})\s*\)")


@dataclass(frozen=True)
class SuggestedEntity:
    """A name the graph does not know, with every occurrence found in the text."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    occurrences: tuple[Candidate, ...]
    sentence: str  # the sentence of its first occurrence

    @property
    def reason(self) -> str:
        """Why the type was guessed (that of the occurrence the name and type come from)."""
        return next((o.reason for o in self.occurrences if o.type == self.type), "")


@dataclass(frozen=True)
class DatedSentence:
    date: DateSuggestion
    sentence: str


@dataclass
class Suggestions:
    """What `suggest` proposes for one source (or one stretch of it)."""

    source_id: str
    text: str
    mentions: list[MentionSuggestion] = field(default_factory=list)
    entities: list[SuggestedEntity] = field(default_factory=list)
    dates: list[DatedSentence] = field(default_factory=list)
    tellings: list[Telling] = field(default_factory=list)  # of the events the graph knows
    new_events: list[NewEvent] = field(default_factory=list)

    @property
    def ambiguous(self) -> list[MentionSuggestion]:
        return [m for m in self.mentions if m.ambiguous]


class Suggester:
    """Suggests annotations from what the graph knows: built once, run on any text."""

    def __init__(
        self,
        entities: Iterable[Entity],
        ignored: Iterable[str] = (),
        extra_forms: dict[str, Iterable[str]] | None = None,
        events: Iterable[Event] = (),
        groups: dict[str, frozenset[str]] | None = None,
    ):
        self.entities = list(entities)
        self.events = EventMatcher(events, groups)
        self.types = {e.id: e.type for e in self.entities}
        self.index = NameIndex.from_entities(self.entities, extra_forms)
        self.finder = MentionFinder(self.index)
        self.bags = BagIndex(self.entities)
        self.other_names = OtherNames(self.entities)
        self.ignored = tuple(ignored)
        self.known_ids = {e.id for e in self.entities}

    def suggest(
        self, source_id: str, text: str, start: int = 0, end: int | None = None
    ) -> Suggestions:
        """Suggestions for text[start:end] (the whole text by default); offsets are the text's."""
        end = len(text) if end is None else end
        folded = FoldedText(text)
        sentences = Sentences(text)
        mentions = self.finder.find(folded, start, end)
        candidates = find_candidates(
            text, [(m.start, m.end) for m in mentions], self.ignored, start, end
        )
        candidates, extended = self.bags.extend(text, candidates)
        candidates, expanded = _expansions_of_known(text, candidates, self.index)
        candidates, translated = self.bags.translate(candidates)
        candidates, bracketed = _brackets_of_known(text, candidates, mentions, self.index)
        candidates, linked = self.other_names.link(text, candidates)
        new_forms = [*expanded, *translated, *extended, *bracketed, *linked]
        mentions = _outside(mentions, [*candidates, *new_forms]) + new_forms
        mentions = self.other_names.ambiguate(mentions)
        mentions = sorted(
            {
                (m.start, m.end, m.is_event): m
                for m in [*_acronyms_of_known(text, mentions, self.index), *mentions]
            }.values(),
            key=lambda m: (m.start, m.end, m.is_event),
        )
        entities = _group(candidates, sentences, self.known_ids)
        things = things_of(mentions, entities, self.types)
        relative = self.events.resolve(find_relative(text, start, end), things, sentences)
        dates = sorted([*find_dates(text, start, end), *relative], key=lambda d: d.start)
        tellings, new_events = self.events.tell(text, things, dates, start, end)
        return Suggestions(
            source_id,
            text,
            mentions=mentions,
            entities=entities,
            dates=[DatedSentence(d, sentences.text_at(d.start)) for d in dates],
            tellings=tellings,
            new_events=new_events,
        )


def _outside(mentions: list[MentionSuggestion], winners: list) -> list[MentionSuggestion]:
    """The mentions no candidate (or expansion of a known acronym) encloses: a candidate
    only encloses one when it wins; an event's name hides no entity in it."""
    spans = [
        w.quote_span if isinstance(w, Candidate) else (w.start, w.end)
        for w in winners
        if not isinstance(w, Candidate) or w.type not in EVENT_TYPE_NAMES
    ]
    events = [  # but an event's name hides a shorter event's (Civil War in Russian Civil War)
        w.quote_span for w in winners if isinstance(w, Candidate) and w.type in EVENT_TYPE_NAMES
    ]
    return [
        m
        for m in mentions
        if not any(s <= m.start and m.end <= e for s, e in spans)
        and not (m.is_event and any(s <= m.start and m.end <= e for s, e in events))
    ]


def _expansions_of_known(text: str, candidates: list[Candidate], index: NameIndex):
    """ "Confederación de Trabajadores de México (CTM)" where CTM is a known entity's: the
    expansion is a new form of that entity (often its name in another language)."""
    kept, mentions = [], []
    for candidate in candidates:
        form = index.forms.get(fold_name(candidate.aliases[0])) if candidate.aliases else None
        owners = [e for e in form.entities if not index.is_event(e)] if form else []
        if len(owners) != 1:
            kept.append(candidate)
            continue
        acronym_start = text.index(candidate.aliases[0], candidate.end)
        mentions.append(
            MentionSuggestion(candidate.start, candidate.end, candidate.name, owners[0], (), True)
        )
        mentions.append(
            MentionSuggestion(
                acronym_start,
                acronym_start + len(candidate.aliases[0]),
                candidate.aliases[0],
                owners[0],
                (),
                False,
            )
        )
    return kept, mentions


def _brackets_of_known(
    text: str, candidates: list[Candidate], mentions: list[MentionSuggestion], index: NameIndex
):
    """ "Julián Gorkin (Julián Gómez García)", "Victor Serge (Victor Lvovitch Kibaltchitch)":
    a name in brackets right after a known entity's is another name of it (a birth name, a
    pseudonym, a name in another language); and a new name with a known one in brackets
    after it, "Ciudad Trujillo (Santo Domingo)", is the known entity's too."""
    known = {m.end: m for m in mentions if not m.ambiguous and not m.is_event}
    starts = {m.start: m for m in mentions if not m.ambiguous and not m.is_event}
    kept, found = [], []
    for candidate in candidates:
        before = re.search(r"(?:^|[^\s(])([ \u00a0]\(\s*)$", text[: candidate.start])
        owner = known.get(before.start(1)) if before else None
        after = re.match(r"[ \u00a0]\(\s*", text[candidate.end :])
        inside = starts.get(candidate.end + after.end()) if after else None
        if inside and text[inside.end : inside.end + 2].strip().startswith(")"):
            owner = owner or inside
        if owner is None or fold_name(candidate.name) in index.forms:
            kept.append(candidate)
            continue
        found.append(
            MentionSuggestion(
                candidate.start, candidate.end, candidate.name, owner.entity, (), True, False
            )
        )
    return kept, found


def _acronyms_of_known(text: str, mentions: list[MentionSuggestion], index: NameIndex):
    """ "Partido Comunista Mexicano (PCM)": PCM, unknown, is a new form of the known party."""
    for mention in mentions:
        if mention.ambiguous or mention.is_event:
            continue
        match = _ACRONYM_AFTER.match(text, mention.end)
        if match and is_acronym(match.group(1)) and fold_name(match.group(1)) not in index.forms:
            yield MentionSuggestion(
                match.start(1), match.end(1), match.group(1), mention.entity, (), True, False
            )


def _group(
    candidates: list[Candidate], sentences: Sentences, known_ids: set[str]
) -> list[SuggestedEntity]:
    """One suggested entity per name: an acronym or a lone surname seen beside a longer
    name is an alias of it, not an entity of its own."""
    groups: dict[str, list[Candidate]] = {}
    alias_owner: dict[str, str] = {}
    for candidate in sorted(candidates, key=lambda c: (-len(c.name.split()), c.start)):
        key = fold_name(candidate.name)
        key = alias_owner.get(key, key)  # longer names come first: their aliases are known
        groups.setdefault(key, []).append(candidate)
        for alias in _aliases_of(candidate):
            alias_owner.setdefault(fold_name(alias), key)
    taken = set(known_ids)
    entities = []
    for members in groups.values():
        members.sort(key=lambda c: c.start)
        first = max(members, key=lambda c: (len(c.name.split()), -c.start))
        aliases = sorted(
            {a for c in members for a in (*c.aliases, c.name)} - {first.name},
            key=lambda a: (len(a), a),
        )
        entity_id = _unique_id(slug(first.name), taken)
        entities.append(
            SuggestedEntity(
                entity_id,
                first.name,
                first.type,
                tuple(aliases),
                tuple(members),
                sentences.text_at(members[0].start),
            )
        )
    return sorted(entities, key=lambda e: e.occurrences[0].start)


def _aliases_of(candidate: Candidate) -> list[str]:
    """The acronym given beside a name, and a person's surname (Regler for Gustav Regler)."""
    words = candidate.name.split()
    surname = [words[-1]] if candidate.type == "Person" and len(words) >= 2 else []
    return [*candidate.aliases, *surname]


def slug(name: str) -> str:
    """An id from a name: ASCII lower-case words joined by hyphens.

    >>> slug("Partido Comunista Alemán")
    'partido-comunista-aleman'
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower())) or "unnamed"


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate
