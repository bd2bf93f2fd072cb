"""A known entity under its name in another language, or with its words in another order:
"Partido Comunista Mexicano" is the Mexican Communist Party, "Palacio de Bellas Artes" the
Palace of Fine Arts, "Mexican Confederation of Workers" the Confederation of Mexican Workers.

A name of two words or more is reduced to a bag of word stems: connectors and articles
dropped, Spanish and French words that names are made of put into English by a small
word list (partido → party, bellas → fine), and every word cut to its first five letters
(mexicano, mexican and México all give "mexic"). A candidate whose bag is the bag of one
known entity's name is a new form of that entity; of two, an ambiguous mention. Single
words are left alone: Bruselas is not Brussels by any rule that would not also make
false friends, so it stays a candidate for the annotator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Entity
from .candidates import Candidate
from .lexicon import CONNECTORS
from .mentions import MentionSuggestion
from .text import WORD, fold_name

_STEM = 5
# Spanish and French words of names, in English (folded, no accents).
_IN_ENGLISH = {
    fold_name(word): english
    for english, words in {
        "party": "partido parti",
        "communist": "comunista communiste",
        "socialist": "socialista socialiste",
        "workers": "trabajadores obreros ouvriers travailleurs",
        "worker": "obrero obrera ouvrier",
        "palace": "palacio palais",
        "fine": "bellas beaux",
        "arts": "artes arts",
        "city": "ciudad ville",
        "centre": "centro centre",
        "left": "izquierda gauche",
        "right": "derecha droite",
        "opposition": "oposición",
        "union": "unión",
        "confederation": "confederación confédération",
        "federation": "federación fédération",
        "committee": "comité",
        "french": "francés francesa français française",
        "spanish": "español española espagnol espagnole",
        "german": "alemán alemana allemand allemande",
        "soviet": "soviético soviética soviétique",
        "cemetery": "panteón cementerio cimetière",
        "war": "guerra guerre",
        "civil": "civil",
        "revolution": "revolución révolution",
        "international": "internacional internationale",
        "second": "segunda segundo seconde second",
        "popular": "popular populaire",
        "front": "frente",
        "red": "rojo roja rouge",
        "army": "ejército armée",
        "brigades": "brigadas",
        "trials": "procesos juicios procès",
        "government": "gobierno gouvernement",
        "provisional": "provisional provisoire",
        "institute": "instituto institut",
        "latin": "latino latina",
        "iberian": "ibero ibérico ibérica ibérique",
        "american": "americano americana américain américaine",
        "national": "nacional national",
        "commission": "comisión",
        "council": "consejo conseil",
        "militias": "milicias milices",
        "antifascist": "antifascista antifasciste",
        "university": "universidad université",
        "islands": "islas îles",
        "world": "mundial mondiale",
        "new": "nuevo nueva nouveau nouvelle",
        "mexico": "mexique méjico",
        "peasant": "campesino campesina campesinos paysan paysanne paysans",
        "memoirs": "memorias mémoires",
    }.items()
    for word in words.split()
}
_ELIDED = re.compile(r"^[ld]'")  # d'un, l'homme: the word after the elided article
_EXTEND = 5  # lower-case words a sentence-case name may run on by (Parti communiste mexicain)
_LOWER_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w'’\-]*)")
_ARTICLES = frozenset(
    fold_name(w)
    for w in ["the", "a", "an", "el", "la", "los", "las", "le", "les", "un", "una", "une"]
)


def name_bag(name: str) -> frozenset[str]:
    """The stems a name is made of, in English where the word list knows them.

    >>> sorted(name_bag("Partido Comunista Mexicano")) == sorted(name_bag("Mexican Communist Party"))
    True
    """
    stems = []
    for word in WORD.findall(name):
        for part in word.split("-"):
            key = _ELIDED.sub("", fold_name(part).rstrip("'’"))
            if not key or key in CONNECTORS or key in _ARTICLES:
                continue
            english = _IN_ENGLISH.get(key, key)
            stems.append(english[:_STEM])
    return frozenset(stems)


class BagIndex:
    """The bags of the known names of two words or more, with the entities they name."""

    def __init__(self, entities: Iterable[Entity]):
        self.owners: dict[frozenset[str], set[str]] = {}
        self.events: set[str] = set()
        for entity in entities:
            if entity.is_event:
                self.events.add(entity.id)
            for name in entity.names:
                bag = name_bag(name)
                if len(bag) >= 2:
                    self.owners.setdefault(bag, set()).add(entity.id)

    def extend(
        self, text: str, candidates: list[Candidate]
    ) -> tuple[list[Candidate], list[MentionSuggestion]]:
        """Names written in sentence case, as French and Spanish write them (Parti communiste
        mexicain, Centre culturel ibéro-mexicain, Mémoires d'un révolutionnaire): a
        candidate run on by up to five lower-case words is a known entity's name when
        its words are that name's; the longest such reading wins, and the candidates it
        covers go with it."""
        mentions = []
        for candidate in candidates:
            end, owners = candidate.end, set()
            position = candidate.end
            for _ in range(_EXTEND):
                match = _LOWER_WORD.match(text, position)
                if match is None:
                    break
                position = match.end()
                if fold_name(match.group(1)) in CONNECTORS | _ARTICLES:
                    continue  # a name ends on a word of its own, not on "y la"
                found = self.owners.get(name_bag(text[candidate.start : position]), set())
                if found:
                    end, owners = position, found
            if owners:
                mentions.append(_mention(text, candidate.start, end, owners, self.events))
        spans = [(m.start, m.end) for m in mentions]
        kept = [c for c in candidates if not any(s <= c.start and c.end <= e for s, e in spans)]
        return kept, mentions

    def translate(
        self, candidates: list[Candidate]
    ) -> tuple[list[Candidate], list[MentionSuggestion]]:
        """The candidates that stay new, and the mentions the others are of known entities."""
        kept, mentions = [], []
        for candidate in candidates:
            owners = sorted(self.owners.get(name_bag(candidate.name), ()))
            if not owners:
                kept.append(candidate)
                continue
            mentions.append(
                _mention(candidate.name, 0, len(candidate.name), owners, self.events, candidate)
            )
        return kept, mentions


def _mention(text, start, end, owners, events, candidate=None) -> MentionSuggestion:
    owners = sorted(owners)
    ambiguous = len(owners) > 1
    offset = candidate.start if candidate else 0
    return MentionSuggestion(
        start + offset,
        end + offset,
        text[start:end],
        None if ambiguous else owners[0],
        tuple(owners) if ambiguous else (),
        new_form=not ambiguous,
        is_event=all(o in events for o in owners),
    )
