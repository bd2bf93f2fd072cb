"""The facets of the index's lists, computed from the graph and written into the page (the
site works offline; nothing is queried when the page runs).

Every row of the index (a person, group, organisation, place, work, event or claim) is an
item with values for seven facets:

- type: an entity's most specific class ("person", "city", "murder"); a claim's relation,
  as "claim: died" (its narrowest relation, read from the claim's rdf:predicate);
- speaker, source, certainty, rank: those of the claim; for an entity, those of every claim
  it is the subject or the object of (the rank "corrected" is a deprecated claim: the text's
  words, corrected by general knowledge);
- decade: the years a claim is about, its own date value (a birth, a death, an event's date)
  and the bounds (sg:earliest to sg:latest) of the events it names; for an entity, the decades
  of its claims, and an event's own bounds;
- place: the places a claim names, and the places (sg:place) of the events it names; for an
  entity, the places of its claims (and a place is its own place).

Within a facet the chosen values are alternatives (any of them); across facets, all must hold.
A value's count is the number of items that match every other facet's choice and have that
value: the usual rule of faceted search, so that counts stay true as choices combine.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from ..model import PartialDate
from ..namespaces import ID, SG
from .site_model import KIND_ORDER, Claim, Entity, SiteData

BASE = str(ID)
FACETS = (
    ("type", "Type"),
    ("speaker", "Speaker"),
    ("source", "Source"),
    ("certainty", "Certainty"),
    ("rank", "Rank"),
    ("decade", "Decade"),
    ("place", "Place"),
)
CERTAINTIES = {"stated": "stated", "implied": "implied", "inferred": "inferred"}
RANKS = {
    "preferred": "preferred",
    "normal": "normal",
    "corrected": "corrected (the text's error)",
}
_RANK_KEY = {"preferred": "preferred", "normal": "normal", "deprecated": "corrected"}
CLAIM_TYPE = "claim: "  # a claim's type is its relation: "claim: died"
_OWN_DATES = (SG.date, SG.dateText)  # an event's own date claims
Values = dict[str, set[str]]  # facet name -> the keys of its values


@dataclass
class Facets:
    """Every facet's values (key -> label, in the order shown) and every item's keys."""

    labels: dict[str, dict[str, str]]
    items: dict[str, Values] = field(default_factory=dict)  # item id -> facet -> keys

    def matches(self, item: str, chosen: Values, leave_out: str = "") -> bool:
        """Whether the item has, for every facet with a choice (but leave_out), one of them."""
        have = self.items[item]
        return all(
            have.get(name, set()) & keys
            for name, keys in chosen.items()
            if keys and name != leave_out
        )

    def count(self, chosen: Values, name: str, key: str) -> int:
        """How many items match every other facet's choice and have this value."""
        return sum(
            1
            for item, have in self.items.items()
            if key in have.get(name, ()) and self.matches(item, chosen, leave_out=name)
        )

    def shown(self, chosen: Values) -> list[str]:
        """The items that match every choice."""
        return [item for item in self.items if self.matches(item, chosen)]

    def page_data(self) -> dict:
        """The facets as the page reads them: each item's values as indexes into its facet's
        list of values (a compact JSON script element)."""
        keys = {name: list(labels) for name, labels in self.labels.items()}
        where = {name: {key: i for i, key in enumerate(k)} for name, k in keys.items()}
        return {
            "facets": [
                {"name": name, "values": keys[name]} for name, _title in FACETS if name in keys
            ],
            "items": {
                item: [sorted(where[name][k] for k in have.get(name, ())) for name, _ in FACETS]
                for item, have in self.items.items()
            },
        }

    def panel(self) -> list[dict]:
        """The facets for the template: name, title and each value with its count."""
        counts = {name: Counter() for name, _ in FACETS}
        for have in self.items.values():
            for name, keys in have.items():
                counts[name].update(keys)
        return [
            {
                "name": name,
                "title": title,
                "options": [
                    {"key": key, "label": label, "count": counts[name][key]}
                    for key, label in self.labels[name].items()
                ],
            }
            for name, title in FACETS
        ]


def item_id(iri: str) -> str:
    """An item's id in the page: its IRI after the id/ namespace ("person/victor-serge")."""
    return iri[len(BASE) :] if iri.startswith(BASE) else iri


def facet_data(graph: Graph, data: SiteData) -> Facets:
    """The facets of every entity, event and claim of the graph (see the module's docstring)."""
    dated = {str(p) for p in graph.subjects(SG.valueKind, Literal("date"))}
    dated |= {str(p) for p in _OWN_DATES}
    places = {
        iri: {item_id(str(p)) for p in graph.objects(URIRef(iri), SG.place)}
        for iri, entity in data.entities.items()
        if entity.kind == "event"
    }
    items: dict[str, Values] = {}
    for claim in data.claims:
        items[item_id(claim.iri)] = _claim_values(data, claim, dated, places)
    for kind in KIND_ORDER:
        for entity in data.by_kind(kind):
            items[item_id(entity.iri)] = _entity_values(data, entity, items, places)
    return Facets(_labels(data, items), items)


def _claim_values(data: SiteData, claim: Claim, dated: set[str], places: dict) -> Values:
    years: set[int] = set()
    if claim.value and claim.predicate in dated:
        years |= _years_of(claim.value)
    where: set[str] = set()
    for end in (claim.subject, claim.object):
        entity = data.entities.get(end or "")
        if entity is None:
            continue
        if entity.kind == "event":
            years |= _bounds(entity)
            where |= places.get(entity.iri, set())
        elif entity.kind == "place":
            where.add(item_id(entity.iri))
    return {
        "type": {CLAIM_TYPE + claim.relation},
        "speaker": {item_id(claim.speaker)},
        "source": {e.source for e in claim.evidence if e.source},
        "certainty": {claim.certainty} if claim.certainty else set(),
        "rank": {_RANK_KEY.get(claim.rank, claim.rank)},
        "decade": {f"{year // 10 * 10}s" for year in years},
        "place": where,
    }


def _entity_values(data: SiteData, entity: Entity, items: dict, places: dict) -> Values:
    values: Values = {name: set() for name, _ in FACETS}
    about = data.claims_by_subject.get(entity.iri, []) + data.claims_by_object.get(entity.iri, [])
    for claim in about:
        for name, keys in items[item_id(claim.iri)].items():
            if name != "type":
                values[name] |= keys
    values["type"] = {entity.type_label}
    if entity.kind == "event":
        values["decade"] |= {f"{year // 10 * 10}s" for year in _bounds(entity)}
        values["place"] |= places.get(entity.iri, set())
    if entity.kind == "place":
        values["place"].add(item_id(entity.iri))
    return values


def _years_of(value: str) -> set[int]:
    try:
        date = PartialDate.parse(value)
    except ValueError:
        return set()
    return set(range(date.earliest.year, date.latest.year + 1))


def _bounds(event: Entity) -> set[int]:
    """The years from an event's earliest to its latest bound (one bound: its year)."""
    first = event.earliest or event.latest
    last = event.latest or event.earliest
    if not first:
        return set()
    return set(range(int(first[:4]), int(last[:4]) + 1))


def _labels(data: SiteData, items: dict[str, Values]) -> dict[str, dict[str, str]]:
    """Each facet's values in the order shown: certainty and rank in their own order,
    decades in time, the rest by how many items have them (then by name)."""
    counts = {name: Counter() for name, _ in FACETS}
    for have in items.values():
        for name, keys in have.items():
            counts[name].update(keys)

    def by_count(name: str, label) -> dict[str, str]:
        # an entity's type before a claim's relation, then the most frequent first
        keys = sorted(
            counts[name],
            key=lambda k: (k.startswith(CLAIM_TYPE), -counts[name][k], label(k).casefold()),
        )
        return {k: label(k) for k in keys}

    titles = {s.id: s.title for s in data.sources}
    return {
        "type": by_count("type", lambda k: k),
        "speaker": by_count("speaker", lambda k: data.label(BASE + k)),
        "source": by_count("source", lambda k: titles.get(k, k)),
        "certainty": {k: v for k, v in CERTAINTIES.items() if counts["certainty"][k]},
        "rank": {k: v for k, v in RANKS.items() if counts["rank"][k]},
        "decade": {k: k for k in sorted(counts["decade"])},
        "place": by_count("place", lambda k: data.label(BASE + k)),
    }
