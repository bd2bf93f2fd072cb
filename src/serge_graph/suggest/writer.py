"""The draft annotation file, in the YAML format of data/annotations/, and the same
suggestions as rows for --format table|csv|json.

Every item is marked `status: suggested` and located like evidence: its `quote` and,
since a quote may occur more than once, its `occurrence` (1 = first) among the places the
loader finds that quote in the source (Source.find), so the validator can check it. The
file names its source at the top (`source: ID`), so quotes carry no source of their own.

    source: serge-gorkin-mexico-es
    aliases:     # new forms of entities the graph knows
      - {entity: victor-serge, name: Víctor Serge, language: es, status: suggested,
         evidence: {quote: Víctor Serge, occurrence: 1}}
    mentions:    # every occurrence of a known entity; an ambiguous one lists candidates
      - {entity: julian-gorkin, quote: Gorkin, occurrence: 2, status: suggested}
    entities:    # names the graph does not know, with a guessed type and their sentence
    events:      # names of events (Moscow Trials), with a guessed event type, and events
                 # the text tells that the graph does not know, with date, place, participants
    claims:      # tellings of events the graph knows: the known event as subject
      - {subject: death-of-victor-serge, relation: date, value: 1947-11-18,
         evidence: [{quote: murió el 18 de noviembre de 1947, occurrence: 1}],
         note: "the graph says 1947-11-17: the sources disagree", status: suggested}
    dates:       # date phrases, parsed, with their sentence
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from ..source import Source
from .suggester import EVENT_TYPE_NAMES, SuggestedEntity, Suggestions, slug
from .tellings import NewEvent, Telling

SUGGESTED = "suggested"
EVENT_FACTS = ("date", "place")  # the relations of a telling (an event's own fields)
_HEADER = """\
# Suggested annotations for the source {source} ({characters:,} characters), written by
# `serge-graph suggest`: {mentions} mentions of {known} known entities ({ambiguous} ambiguous,
# each with its candidates), {new_forms} new forms of known entities, {entities} candidate
# new entities and events, {tellings} tellings of known events ({disagreeing} disagreeing
# with the graph), {dates} dates. Nothing here is confirmed: every item has
# `status: suggested` and `serge-graph validate` counts them. To confirm an item, correct
# it if need be and delete its status line; delete an item that is wrong.
# - a candidate's type is a guess; a Person or Organisation needs a description, an event
#   its certainty and participants, once confirmed;
# - an ambiguous mention needs `entity:` (one of its candidates) before it is confirmed;
# - a date is confirmed by writing it into a claim (date: or value:), then deleting it here.
# Quotes are located like evidence: `occurrence` counts from 1 among the places the quote
# stands in the text.
"""


@dataclass(frozen=True)
class Row:
    kind: str  # mention | ambiguous | alias | entity | event | date
    quote: str
    start: int
    end: int
    value: str  # the entity id, the candidates, the guessed type or the date
    sentence: str


def draft_yaml(
    suggestions: Suggestions,
    source: Source,
    language: str = "",
    relations: Iterable[str] = EVENT_FACTS,
) -> str:
    """The draft annotation file for a source (its text is source.text). `relations`: the
    relations claims may use; a telling whose relation (date, place) is not among them is
    written as a comment, for the annotator, rather than as a claim the loader refuses."""
    locate = _Locator(source)
    new_forms = _new_forms(suggestions, locate, language)
    mentions = [_mention_item(m, locate) for m in suggestions.mentions]
    entities = [_entity_item(e, locate) for e in suggestions.entities if not _is_event(e)]
    events = [_entity_item(e, locate) for e in suggestions.entities if _is_event(e)]
    dates = [
        {
            "quote": d.date.quote,
            "occurrence": locate(d.date.start, d.date.end, d.date.quote),
            "date": d.date.date,
            "sentence": d.sentence,
            "status": SUGGESTED,
        }
        for d in suggestions.dates
    ]
    header = _HEADER.format(
        source=source.id,
        characters=len(source.text),
        mentions=len(mentions),
        known=len({m.entity for m in suggestions.mentions if m.entity}),
        ambiguous=len(suggestions.ambiguous),
        new_forms=len(new_forms),
        entities=len(entities) + len(events) + len(suggestions.new_events),
        tellings=len(suggestions.tellings),
        disagreeing=sum(1 for t in suggestions.tellings if t.disagrees),
        dates=len(dates),
    )
    taken = {e.id for e in suggestions.entities} | {t.event for t in suggestions.tellings}
    events += [_new_event_item(e, source, locate, taken) for e in suggestions.new_events]
    relations = set(relations)
    claims = [
        _telling_item(t, source, locate) for t in suggestions.tellings if t.relation in relations
    ]
    told = [t for t in suggestions.tellings if t.relation not in relations]
    body = [f"source: {_inline(source.id)}\n"]
    body += _section("aliases", new_forms, "new forms of entities the graph knows", inline=True)
    body += _section("mentions", mentions, "occurrences of entities the graph knows", inline=True)
    body += _section("entities", entities, "names the graph does not know; the type is a guess")
    body += _section("events", events, "events the graph does not know; the type is a guess")
    body += _section("claims", claims, "tellings of events the graph knows, by this source")
    body += _told_as_comments(told, source)
    body += _section("dates", dates, "date phrases, parsed to the annotations' date form")
    return header + "\n".join(body)


def rows(suggestions: Suggestions) -> list[Row]:
    """Every suggestion as a row, in the order of the text."""
    text = suggestions.text
    found = [
        Row(
            "ambiguous" if m.ambiguous else ("alias" if m.new_form else "mention"),
            m.quote,
            m.start,
            m.end,
            m.entity or " | ".join(m.candidates),
            "",
        )
        for m in suggestions.mentions
    ]
    for entity in suggestions.entities:
        kind = "event" if _is_event(entity) else "entity"
        for occurrence in entity.occurrences:
            start, end = occurrence.quote_span
            found.append(
                Row(
                    kind, text[start:end], start, end, f"{entity.type} {entity.id}", entity.sentence
                )
            )
    found += [
        Row("date", d.date.quote, d.date.start, d.date.end, d.date.date, d.sentence)
        for d in suggestions.dates
    ]
    return sorted(found, key=lambda r: (r.start, r.end, r.kind))


class _Locator:
    """The occurrence number of a span among the places its quote stands (Source.find)."""

    def __init__(self, source: Source):
        self.source = source
        self._hits: dict[str, list[int]] = {}

    def __call__(self, start: int, end: int, quote: str) -> int:
        if quote not in self._hits:
            self._hits[quote] = [o.start for o in self.source.find(quote)]
        hits = self._hits[quote]
        if start not in hits:  # never: every quote is cut from the same text
            raise ValueError(f"{quote!r} at {start}-{end} is not where Source.find puts it")
        return hits.index(start) + 1


def _mention_item(mention, locate: _Locator) -> dict:
    item: dict = {"entity": mention.entity} if mention.entity else {}
    if mention.ambiguous:
        item["candidates"] = list(mention.candidates)
    item["quote"] = mention.quote
    item["occurrence"] = locate(mention.start, mention.end, mention.quote)
    item["status"] = SUGGESTED
    return item


def _new_forms(suggestions: Suggestions, locate: _Locator, language: str) -> list[dict]:
    seen: dict[tuple[str, str], dict] = {}
    for mention in suggestions.mentions:
        key = (mention.entity or "", " ".join(mention.quote.split()))
        if not mention.new_form or mention.ambiguous or key in seen:
            continue
        item = {"entity": mention.entity, "name": key[1]}
        if language:
            item["language"] = language
        item["status"] = SUGGESTED
        item["evidence"] = {
            "quote": mention.quote,
            "occurrence": locate(mention.start, mention.end, mention.quote),
        }
        seen[key] = item
    return list(seen.values())


def _entity_item(entity: SuggestedEntity, locate: _Locator) -> dict:
    item: dict = {"id": entity.id, "type": entity.type, "name": entity.name}
    if entity.aliases:
        item["aliases"] = list(entity.aliases)
    item["status"] = SUGGESTED
    evidence = []
    for occurrence in entity.occurrences:
        start, end = occurrence.quote_span
        quote = locate.source.text[start:end]
        evidence.append({"quote": quote, "occurrence": locate(start, end, quote)})
    item["evidence"] = evidence
    item["sentence"] = entity.sentence
    if entity.reason:
        item["note"] = f"type guessed from {entity.reason}"
    return item


def _told_as_comments(tellings: list[Telling], source: Source) -> list[str]:
    if not tellings:
        return []
    lines = [
        "# tellings of known events (claims on an event of another file cannot be loaded yet):\n"
    ]
    for telling in tellings:
        quote = " ".join(source.text[telling.start : telling.end].split())
        said = f"; the graph says {telling.graph}" if telling.graph else ""
        verdict = " (the sources disagree)" if telling.disagrees else ""
        lines.append(
            f"#   {telling.event} {telling.relation} {telling.value}{said}{verdict}: “{quote}”\n"
        )
    return ["".join(lines)]


def _telling_item(telling: Telling, source: Source, locate: _Locator) -> dict:
    """A claim whose subject is the known event: its date or place as this source tells it."""
    quote = source.text[telling.start : telling.end]
    item: dict = {"subject": telling.event, "relation": telling.relation}
    item["value" if telling.relation == "date" else "object"] = telling.value
    item["evidence"] = [{"quote": quote, "occurrence": locate(telling.start, telling.end, quote)}]
    if telling.graph:
        verdict = "the sources disagree" if telling.disagrees else "the sources agree"
        item["note"] = f"the graph says {telling.graph}: {verdict}"
    item["certainty"] = "stated"
    item["status"] = SUGGESTED
    return item


def _new_event_item(event: NewEvent, source: Source, locate: _Locator, taken: set[str]) -> dict:
    """An event the text tells that no known event fits: its kind, date, place and who."""
    quote = source.text[event.start : event.end]
    base = slug(" ".join([event.type, event.participants[0], event.date]))
    event_id, number = base, 2
    while event_id in taken:
        event_id, number = f"{base}-{number}", number + 1
    taken.add(event_id)
    item: dict = {"id": event_id, "type": event.type, "name": " ".join(quote.split())}
    if event.date:
        item["date"] = event.date
    if event.place:
        item["place"] = event.place
    item["participants"] = [  # the words name them: what the validator asks of a participant
        {"entity": p, "role": "participant", "certainty": "stated"} for p in event.participants
    ]
    item["status"] = SUGGESTED
    item["evidence"] = [{"quote": quote, "occurrence": locate(event.start, event.end, quote)}]
    return item


def _is_event(entity: SuggestedEntity) -> bool:
    return entity.type in EVENT_TYPE_NAMES


def _section(name: str, items: list[dict], comment: str, inline: bool = False) -> list[str]:
    if not items:
        return []
    if inline:
        lines = "".join(f"  - {_inline(item)}\n" for item in items)
    else:
        dumped = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=10**6)
        lines = "".join(f"  {line}\n" for line in dumped.splitlines())
    return [f"{name}:  # {comment}\n{lines}"]


def _inline(value) -> str:
    return (
        yaml.safe_dump(
            value, allow_unicode=True, sort_keys=False, default_flow_style=True, width=10**6
        )
        .strip()
        .removesuffix("\n...")
        .removesuffix("...")
        .strip()
    )
