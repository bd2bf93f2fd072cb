"""How much of the text the annotations cover, and what they leave unnoticed.

Every capitalised word of the text must fall inside a mention of some entity
or inside a name listed in ignore.yaml with a reason; every paragraph of the
narrative and every note must carry a claim; every entity must take part in a
claim. What fails these is listed so a curator knows what to annotate next.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .build import Corpus
from .model import Claim
from .source import Source

_CAPITALISED = re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][\w-]*")
# A noun that names an event, with what stands before it ("Hitler's invasion", "the Cold
# War") and an "of …" after it ("the defeat of France"): phrases a curator should see
_EVENT_NOUNS = (
    "war|victory|defeat|invasion|pact|revolution|assassination|murder|massacre|purge|trials?"
    "|arrests?|uprising|insurrection|strike|coup|congress|conference|occupation|liberation"
    "|armistice|treaty|execution|deportation|resistance|funeral|burial|attack|campaign"
)
_EVENT_PHRASE = re.compile(
    rf"(?:(?:[A-ZÀ-Þ][\w-]*(?:’s|'s)?|(?i:the|a|an|this|that|his|their|its))\s+){{0,3}}"
    rf"\b(?i:{_EVENT_NOUNS})\b(?:\s+(?:of|against|in)\s+(?:the\s+)?[A-ZÀ-Þ][\w-]*(?:\s+[A-ZÀ-Þ][\w-]*)?)?"
)
_CLAIMED_PARTS = ("narrative", "notes")


@dataclass(frozen=True)
class UncoveredName:
    word: str
    count: int
    first_paragraph: str
    context: str


@dataclass(frozen=True)
class NestedName:
    """A known name standing inside a longer known name ("Left Opposition" in "the Spanish
    section of the Left Opposition"): counted once, as a mention of the longer name's entity,
    and noted here for the shorter one's."""

    name: str  # the shorter name, as the text writes it
    entity: str  # the entity it is a name of
    inside: str  # the entity of the longer name, whose mention it counts for
    count: int
    first_paragraph: str
    context: str


@dataclass
class Coverage:
    entities_by_type: Counter = field(default_factory=Counter)
    mentions_by_entity: Counter = field(default_factory=Counter)
    claims_by_speaker: Counter = field(default_factory=Counter)
    claims_by_part: Counter = field(default_factory=Counter)
    uncovered_names: list[UncoveredName] = field(default_factory=list)
    paragraphs_without_claims: list[str] = field(default_factory=list)
    entities_without_claims: list[str] = field(default_factory=list)
    unused_ignores: list[str] = field(default_factory=list)
    unannotated_event_phrases: list[UncoveredName] = field(default_factory=list)
    nested_names: list[NestedName] = field(default_factory=list)  # noted, not a gap

    @property
    def complete(self) -> bool:
        return not (
            self.uncovered_names
            or self.paragraphs_without_claims
            or self.entities_without_claims
            or self.unannotated_event_phrases
        )


def measure_coverage(corpus: Corpus, source_id: str | None = None) -> Coverage:
    """Count what is annotated and list every gap, in every source or in one."""
    annotations = corpus.annotations
    sources = [corpus.sources[source_id]] if source_id else list(corpus.sources.values())
    chosen = {s.id for s in sources}
    mentions = [m for m in annotations.mentions if m.span.source in chosen]
    by_id = {c.id: c for c in annotations.claims}
    claims = [
        c  # a correction belongs with the claim it corrects; a date general knowledge
        # gives an event (an anchor for the text's relative times) stands in no source
        for c in annotations.claims
        if not source_id
        or source_id in (c.sources or (by_id[c.corrects].sources if c.corrects else ()))
    ]
    coverage = Coverage()
    present = _entities_in(mentions, claims) if source_id else set(annotations.entities)
    for entity_id in present:
        coverage.entities_by_type[annotations.entities[entity_id].type] += 1
    for mention in mentions:
        coverage.mentions_by_entity[annotations.entities[mention.entity].name] += 1
    for claim in claims:
        coverage.claims_by_speaker[annotations.entities[claim.speaker].name] += 1
        if claim.evidence:  # a correction by general knowledge stands in no part
            coverage.claims_by_part[claim.evidence[0].span.part] += 1
    unused_in_each = []
    used_phrases: set = set()
    for source in sources:
        uncovered, unused = _uncovered_names(corpus, source)
        coverage.uncovered_names.extend(uncovered)
        unused_in_each.append(set(unused))
        coverage.paragraphs_without_claims.extend(_unclaimed_paragraphs(source, annotations.claims))
        coverage.nested_names.extend(_nested_names(corpus, source))
        phrases, reviewed = _unannotated_event_phrases(corpus, source)
        coverage.unannotated_event_phrases.extend(phrases)
        used_phrases |= reviewed
    # an ignored name is unused when no source uses it (ignore.yaml serves every source): with
    # --source, the other sources count too, so that one text's report does not list every
    # entry only the others need
    for source in corpus.sources.values():
        if source.id not in chosen:
            unused_in_each.append(set(_uncovered_names(corpus, source)[1]))
    coverage.unused_ignores = sorted(set.intersection(*unused_in_each)) if unused_in_each else []
    if not source_id:  # a phrase reviewed in one source is not unused in another
        coverage.unused_ignores.extend(
            f"not an event: {item.phrase}"
            for item in annotations.ignored_phrases
            if item not in used_phrases
        )
    isolated = _isolated_entities(corpus)
    coverage.entities_without_claims = [e for e in isolated if e in present]
    return coverage


def _entities_in(mentions, claims) -> set[str]:
    """The entities a source speaks of: those it names, and those its claims link."""
    found = {m.entity for m in mentions}
    found |= {c.subject for c in claims}
    found |= {c.object for c in claims if c.object and c.relation != "type"}  # not a class
    return found


def _uncovered_names(corpus: Corpus, source: Source) -> tuple[list[UncoveredName], list[str]]:
    covered = [False] * len(source.text)
    for mention in corpus.annotations.mentions:
        if mention.span.source == source.id:
            covered[mention.span.start : mention.span.end] = [True] * (
                mention.span.end - mention.span.start
            )
    ignored = {item.name for item in corpus.annotations.ignored}
    used = set()
    for name, occurrence in source.find_names(ignored):
        used.add(name)
        covered[occurrence.start : occurrence.end] = [True] * (occurrence.end - occurrence.start)
    found: dict[str, list[int]] = {}
    for match in _CAPITALISED.finditer(source.text):
        if not all(covered[match.start() : match.end()]):
            found.setdefault(match.group(0), []).append(match.start())
    uncovered = [
        UncoveredName(
            word, len(starts), source.paragraph_at(starts[0]).id, _context(source, starts[0])
        )
        for word, starts in sorted(found.items())
    ]
    unused = sorted(name for name in ignored if name not in used)
    return uncovered, unused


def _nested_names(corpus: Corpus, source: Source) -> list[NestedName]:
    """Each entity's own name (its label, not an alias: "Victor" in "Victor Alter" names
    someone else) where it stands inside the mention of another, longer name."""
    annotations = corpus.annotations
    mentions = [m for m in annotations.mentions if m.span.source == source.id]
    found: dict[tuple[str, str, str], list[int]] = {}
    for entity in annotations.entities.values():
        for _words, occurrence in source.find_names([entity.name]):
            outer = next(
                (
                    m
                    for m in mentions
                    if m.entity != entity.id
                    and annotations.entities[m.entity].is_event == entity.is_event
                    and m.span.start <= occurrence.start
                    and occurrence.end <= m.span.end
                ),
                None,
            )
            if outer is not None:
                text = source.text[occurrence.start : occurrence.end]
                found.setdefault((text, entity.id, outer.entity), []).append(occurrence.start)
    return [
        NestedName(
            text,
            entity,
            inside,
            len(starts),
            source.paragraph_at(starts[0]).id,
            _context(source, starts[0]),
        )
        for (text, entity, inside), starts in sorted(found.items())
    ]


def _context(source: Source, offset: int, width: int = 30) -> str:
    paragraph = source.paragraph_at(offset)
    start, end = max(paragraph.start, offset - width), min(paragraph.end, offset + width)
    return " ".join(source.text[start:end].split())


def _unclaimed_paragraphs(source: Source, claims: tuple[Claim, ...]) -> list[str]:
    claimed = {e.span.paragraph for c in claims for e in c.evidence if e.span.source == source.id}
    return [p.id for p in source.paragraphs if p.part in _CLAIMED_PARTS and p.id not in claimed]


def _isolated_entities(corpus: Corpus) -> list[str]:
    annotations = corpus.annotations
    linked = {c.subject for c in annotations.claims} | {c.object for c in annotations.claims}
    linked |= {c.speaker for c in annotations.claims if c.corrects}  # general knowledge
    return sorted(e for e in annotations.entities if e not in linked)


def _unannotated_event_phrases(corpus: Corpus, source: Source) -> tuple[list[UncoveredName], set]:
    """Phrases that name an event (a war, a victory, an invasion, …) where no event is annotated:
    neither a mention of an event nor the words of a claim about or naming one cover the noun,
    and no
    entry of not_events (ignore.yaml) says, with a reason, that the phrase names no event.
    Also returns the not_events entries that were used."""
    annotations = corpus.annotations
    spans = [m.span for m in annotations.mentions if annotations.entities[m.entity].is_event]
    spans += [  # a claim about an event, or one that names it ("a novel about the trials")
        e.span
        for c in annotations.claims
        if annotations.entities[c.subject].is_event
        or (c.object in annotations.entities and annotations.entities[c.object].is_event)
        for e in c.evidence
    ]
    covered = [False] * len(source.text)
    for span in spans:
        if span.source == source.id:
            covered[span.start : span.end] = [True] * (span.end - span.start)
    found: dict[str, list[int]] = {}
    reviewed = set()
    for match in _EVENT_PHRASE.finditer(source.text):
        phrase = " ".join(match.group(0).split())
        if any(covered[match.start() : match.end()]):
            continue
        paragraph = source.paragraph_at(match.start()).id
        review = _review_of(annotations.ignored_phrases, phrase, paragraph)
        if review is not None:
            reviewed.add(review)
        else:
            found.setdefault(phrase, []).append(match.start())
    return [
        UncoveredName(
            phrase, len(starts), source.paragraph_at(starts[0]).id, _context(source, starts[0])
        )
        for phrase, starts in sorted(found.items(), key=lambda item: item[1][0])
    ], reviewed


def _review_of(ignored_phrases, phrase: str, paragraph: str):
    """The not_events entry whose phrase stands in this one (in its paragraph, if it names one)."""
    for item in ignored_phrases:
        if item.phrase.lower() in phrase.lower() and item.paragraph in ("", paragraph):
            return item
    return None
