"""Known entities under a name the graph does not list: a place under its name in another
language (Bruselas, Leningrado, Francia: the gazetteer's alternate names), a person in
another transcription (Oumansky, Staline), an acronym spelt out (Guépéou) or in another
language's word order (URSS, USSR), a work by its title in another language that shares
its one distinctive word (L'Affaire Toulaév, The Case of Comrade Tulayev). A candidate
such a rule links is a new form of the known entity; one it links to two entities is an
ambiguous mention, with both as candidates. A candidate no rule links but the gazetteer
knows is typed by it (City, Country, Region), with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..model import Entity
from .candidates import Candidate
from .gazetteer import Place, gazetteer
from .lexicon import CONNECTORS
from .mentions import PERSON_TYPES, MentionSuggestion
from .text import WORD, fold_name, is_acronym, is_capitalised
from .translit import spelt_acronym, translit_key

PLACE_TYPES = frozenset({"City", "Country", "Region", "Place", "Town", "Village", "Island"})
WORK_TYPES = frozenset({"Work", "Book", "Novel", "Pamphlet", "Document", "Periodical", "Poem"})
_MIN_TRANSLIT = 5  # shorter words are too easily another word's transcription
_MIN_CITY = 100_000  # a smaller town's name alone is no evidence (Aalter is also a surname)
_ARTICLES = ("La ", "Le ", "El ", "Los ", "Las ", "Les ", "L'", "L’")
_WEAK_REASONS = ("no other evidence", "a first name and a surname", "after '")


class OtherNames:
    """The known entities by the other names a text may give them."""

    def __init__(self, entities: Iterable[Entity]):
        self.places: dict[str, set[str]] = {}  # folded name -> place entities
        self.translit: dict[str, set[str]] = {}  # key -> people (names and surnames)
        self.acronyms: dict[str, set[str]] = {}  # sorted letters -> entities
        self.title_words: dict[str, set[str]] = {}  # key -> works having that word
        self.types: dict[str, str] = {}
        word_owners: dict[str, set[str]] = {}
        for entity in entities:
            if entity.is_event:
                continue
            self.types[entity.id] = entity.type
            for name in entity.names:
                self._add(entity, name, word_owners)
        self.title_words = {  # a word of one work's title and of no other entity's name
            key: owners
            for key, owners in self.title_words.items()
            if word_owners.get(key) == owners and len(owners) == 1
        }

    def _add(self, entity: Entity, name: str, word_owners: dict[str, set[str]]) -> None:
        words = WORD.findall(name)
        for word in words:
            word_owners.setdefault(translit_key(word), set()).add(entity.id)
        if entity.type in PLACE_TYPES:
            self.places.setdefault(fold_name(name), set()).add(entity.id)
        if is_acronym(name) and len(name) >= 3:
            self.acronyms.setdefault("".join(sorted(name.upper())), set()).add(entity.id)
        if entity.type in PERSON_TYPES:
            keys = [translit_key(name)]
            if len(words) >= 2 and is_capitalised(words[-1]):
                keys.append(translit_key(words[-1]))
            for key in keys:
                if len(key.replace(" ", "")) >= _MIN_TRANSLIT:
                    self.translit.setdefault(key, set()).add(entity.id)
        if entity.type in WORK_TYPES:
            for word in words:
                key = translit_key(word)
                if (
                    is_capitalised(word)
                    and fold_name(word) not in CONNECTORS
                    and len(key) >= _MIN_TRANSLIT
                ):
                    self.title_words.setdefault(key, set()).add(entity.id)

    def link(
        self, text: str, candidates: list[Candidate]
    ) -> tuple[list[Candidate], list[MentionSuggestion]]:
        """The candidates that stay new (typed by the gazetteer where it knows them), and
        the mentions of known entities the others are."""
        places = gazetteer()
        aliased = [replace(c, name=a) for c in candidates for a in c.aliases]
        places.prefetch(n for c in [*candidates, *aliased] for n in _place_forms(text, c))
        kept, mentions = [], []
        for candidate in candidates:
            place, start = self._place(text, candidate)
            owners = self._owners(candidate, place)
            alias = None
            for alias in () if owners else candidate.aliases:  # the URSS of "Unión … (URSS)"
                aliased = replace(candidate, name=alias, type="Organisation")
                owners = self._owners(aliased, self._place(text, aliased)[0])
                if owners:
                    break
            if owners:
                mentions.append(_mention(text, candidate, start, sorted(owners)))
                if alias and candidate.quote_end:
                    at = text.index(alias, candidate.end, candidate.quote_end)
                    mentions.append(
                        _mention(text, replace(candidate, end=at + len(alias)), at, sorted(owners))
                    )
            elif place is not None and _typed_by(place, candidate, text):
                name = text[start : candidate.end]
                kept.append(
                    replace(
                        candidate,
                        start=start,
                        name=name,
                        type=place.kind,
                        reason=_place_reason(place),
                        sentence_start=False,
                    )
                )
            elif not candidate.sentence_start:
                kept.append(candidate)
        return kept, mentions

    def _place(self, text: str, candidate: Candidate) -> tuple[Place | None, int]:
        """The gazetteer's place for a candidate, with the article it may take (La Habana)."""
        for form in _place_forms(text, candidate):
            place = gazetteer().lookup(form)
            if place is not None:
                if len(form) > len(candidate.name) and form.endswith(candidate.name):
                    return place, candidate.start - (len(form) - len(candidate.name))
                return place, candidate.start
        return None, candidate.start

    def _owners(self, candidate: Candidate, place: Place | None) -> set[str]:
        name = candidate.name
        if is_acronym(name) and len(name) >= 3:
            owners = self.acronyms.get("".join(sorted(name.upper())), set())
            if owners:
                return owners
        spelt = spelt_acronym(name) if len(WORD.findall(name)) == 1 else None
        if spelt and self.acronyms.get("".join(sorted(spelt))):
            return self.acronyms["".join(sorted(spelt))]
        if place is not None:
            english = self.places.get(fold_name(place.name), set())
            owners = english or {e for n in place.names for e in self.places.get(n, set())}
            owners = {e for e in owners if _same_kind(self.types[e], place)}
            if owners:
                return owners
        key = translit_key(name)
        if candidate.type == "Person" and len(key.replace(" ", "")) >= _MIN_TRANSLIT:
            owners = self.translit.get(key, set())
            if owners:
                return owners
        if candidate.type in WORK_TYPES and len(WORD.findall(name)) >= 2:
            titled = {
                e for w in WORD.findall(name) for e in self.title_words.get(translit_key(w), ())
            }
            if len(titled) == 1:
                return titled
        return set()

    def ambiguate(self, mentions: list[MentionSuggestion]) -> list[MentionSuggestion]:
        """A person's one-word form that another person's name has in another transcription
        (Umansky; Dmitri Umanski) names either: flagged with both, not guessed."""
        flagged = []
        for mention in mentions:
            key = translit_key(mention.quote)
            owners = self.translit.get(key, set()) if " " not in key else set()
            if mention.entity in owners and len(owners) > 1:
                mention = replace(mention, entity=None, candidates=tuple(sorted(owners)))
                mention = replace(mention, new_form=False)
            flagged.append(mention)
        return flagged


def _place_forms(text: str, candidate: Candidate) -> list[str]:
    """The candidate's name, with the capitalised article before it, and with spaces for
    hyphens (Saint-Domingue, Saint Domingue), as a gazetteer may list it."""
    forms = []
    before = text[max(0, candidate.start - 4) : candidate.start]
    for article in _ARTICLES:
        if before.endswith(article):
            forms.append(article + candidate.name)
    forms += [candidate.name, candidate.name.replace("-", " ")]
    return list(dict.fromkeys(forms))


def _same_kind(entity_type: str, place: Place) -> bool:
    if place.kind == "City":
        return entity_type in ("City", "Place", "Town", "Village")
    return entity_type in ("Country", "Region", "Place")


def _typed_by(place: Place, candidate: Candidate, text: str) -> bool:
    """Whether the gazetteer's word beats the rules': the rules had only weak evidence, and
    the place is a country, a continent, a city of some size, or stands after in/en/à."""
    if not candidate.reason.startswith(_WEAK_REASONS) and candidate.type != "Place":
        return False
    if candidate.reason.startswith("after '") and candidate.type not in ("Place", "Person"):
        return False
    return place.kind != "City" or place.population >= _MIN_CITY or candidate.type == "Place"


def _place_reason(place: Place) -> str:
    if place.kind == "City":
        return f"GeoNames: the city of {place.name} ({place.population:,} people)"
    return f"GeoNames: {place.name}, a {place.kind.lower()}"


def _mention(text: str, candidate: Candidate, start: int, owners: list[str]) -> MentionSuggestion:
    ambiguous = len(owners) > 1
    return MentionSuggestion(
        start,
        candidate.end,
        text[start : candidate.end],
        None if ambiguous else owners[0],
        tuple(owners) if ambiguous else (),
        new_form=not ambiguous,
    )
