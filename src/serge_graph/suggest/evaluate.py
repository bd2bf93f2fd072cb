"""How good the suggestions are, measured against hand annotations.

Leave one part out, on a source already annotated: for each part, suggest with only the
entities the other parts (and the other sources) mention known, under their name and the
aliases used there (an alias seen only in the held-out part is not known: the annotator of the other
parts would not have written it). Then compare with the hand annotations of that part:

- mentions of known entities: a suggestion is right when a hand mention has the same
  offsets and the same entity; an ambiguous suggestion is right when that entity is among
  its candidates (the annotator then picks it). Recall is over the hand mentions of known
  entities in the part; precision over the suggestions.
- new names: an entity mentioned only in the held-out part is found when a candidate
  covers one of its mentions (the candidate's span contains it or lies within it, with at
  least one word in common), or a mention suggestion of a new form covers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Annotations, Entity, Mention
from ..source import Source
from ..source import fold as fold_punctuation
from .suggester import Suggester, Suggestions
from .text import WORD, fold_name


@dataclass(frozen=True)
class Score:
    """The figures for one part (or one whole text)."""

    part: str
    characters: int
    gold_mentions: int  # hand mentions of known entities
    suggested_mentions: int
    right_mentions: int
    ambiguous: int
    new_names: int  # entities only this part mentions
    new_names_found: int
    candidates: int  # suggested new entities
    dates: int

    @property
    def recall(self) -> float:
        return self.right_mentions / self.gold_mentions if self.gold_mentions else 1.0

    @property
    def precision(self) -> float:
        return self.right_mentions / self.suggested_mentions if self.suggested_mentions else 1.0

    @property
    def new_name_recall(self) -> float:
        return self.new_names_found / self.new_names if self.new_names else 1.0

    def row(self) -> dict:
        return {
            "part": self.part,
            "characters": self.characters,
            "known mentions": self.gold_mentions,
            "suggested": self.suggested_mentions,
            "right": self.right_mentions,
            "ambiguous": self.ambiguous,
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "new names": self.new_names,
            "found": self.new_names_found,
            "new-name recall": round(self.new_name_recall, 3),
            "candidates": self.candidates,
            "dates": self.dates,
        }


def leave_one_part_out(
    source: Source,
    annotations: Annotations,
    ignored: Iterable[str] = (),
    other_sources: Iterable[Source] = (),
) -> list[Score]:
    """One score per part of the source that has hand mentions, then the total. What the
    other parts of this source and every other source mention is known: for a second
    source, that is the graph as it stood before it (and its own other parts)."""
    others_texts = list(other_sources)
    # an implied mention ("the war" for the Second World War) is the annotator's reading of
    # words that name nothing: no name rule can suggest it, and it teaches no name
    named = [m for m in annotations.mentions if m.certainty is None]
    scores = []
    for part in source.parts:
        held_out = [m for m in named if m.span.source == source.id and m.span.part == part.id]
        if not held_out:
            continue
        others = [m for m in named if not (m.span.source == source.id and m.span.part == part.id)]
        known = _known_entities(annotations.entities, others)
        ignored_elsewhere = _used_elsewhere(ignored, source, part.start, part.end, others_texts)
        suggester = Suggester(known, ignored_elsewhere)
        suggestions = suggester.suggest(source.id, source.text, part.start, part.end)
        known_ids = {e.id for e in known}
        scores.append(score(part.id, part.end - part.start, suggestions, held_out, known_ids))
    return [*scores, total(scores)]


def _known_entities(entities: dict[str, Entity], others: list[Mention]) -> list[Entity]:
    """The entities the other parts mention, with their name and the aliases used there."""
    used: dict[str, set[str]] = {}
    for mention in others:
        used.setdefault(mention.entity, set()).add(fold_punctuation(mention.span.exact).strip())
    known = []
    for entity_id, forms in used.items():
        entity = entities[entity_id]
        aliases = tuple(a for a in entity.aliases if fold_punctuation(a).strip() in forms)
        known.append(
            Entity(
                entity.id,
                entity.type,
                entity.name,
                aliases,
                "",
                entity.where,
                is_event=entity.is_event,
            )
        )
    return known


def _used_elsewhere(
    ignored: Iterable[str], source: Source, start: int, end: int, others: list[Source]
) -> list[str]:
    """The ignored words that occur outside [start, end) or in another source: what the
    rest of the corpus taught."""
    return [
        word
        for word in ignored
        if any(not start <= o.start < end for _name, o in source.find_names([word]))
        or any(other.find_names([word]) for other in others)
    ]


def score(
    part: str,
    characters: int,
    suggestions: Suggestions,
    gold: list[Mention],
    known_ids: set[str],
) -> Score:
    """Compare suggestions with the hand mentions of one stretch of text."""
    gold_known = {(m.span.start, m.span.end): m.entity for m in gold if m.entity in known_ids}
    right = sum(
        1
        for s in suggestions.mentions
        if gold_known.get((s.start, s.end)) in ((s.entity,) if s.entity else s.candidates)
    )
    new_ids = sorted({m.entity for m in gold if m.entity not in known_ids})
    found = sum(1 for entity_id in new_ids if _found(entity_id, gold, suggestions))
    return Score(
        part,
        characters,
        len(gold_known),
        len(suggestions.mentions),
        right,
        len(suggestions.ambiguous),
        len(new_ids),
        found,
        len(suggestions.entities),
        len(suggestions.dates),
    )


def _found(entity_id: str, gold: list[Mention], suggestions: Suggestions) -> bool:
    spans = [(c.start, c.end, c.name) for e in suggestions.entities for c in e.occurrences]
    spans += [(a.start, a.end, a.quote) for a in suggestions.mentions if a.new_form]
    for mention in gold:
        if mention.entity != entity_id:
            continue
        words = {fold_name(w) for w in WORD.findall(mention.span.exact)}
        for start, end, name in spans:
            inside = mention.span.start <= start and end <= mention.span.end
            around = start <= mention.span.start and mention.span.end <= end
            if (inside or around) and words & {fold_name(w) for w in WORD.findall(name)}:
                return True
    return False


def total(scores: list[Score]) -> Score:
    return Score(
        "all parts",
        sum(s.characters for s in scores),
        *(sum(getattr(s, f) for s in scores) for f in _SUMMED),
    )


_SUMMED = (
    "gold_mentions",
    "suggested_mentions",
    "right_mentions",
    "ambiguous",
    "new_names",
    "new_names_found",
    "candidates",
    "dates",
)
