"""The places stage: toponyms geocoded offline, disambiguated by
prominence, patterns and the article's countries."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.article import Article
from detente.eval.places import score_places
from detente.kb.gazetteer import gazetteer
from detente.pipeline import process
from detente.records import PlaceRecord

from .conftest import FIXTURES, SEED, read_one


def test_gazetteer_lookups() -> None:
    gaz = gazetteer()
    assert gaz.lookup("Kiev")[0].geonameid == gaz.lookup("Kyiv")[0].geonameid == 703448
    assert gaz.lookup("the Baltics")[0].feature == "region"
    assert {"EST", "LVA", "LTU"} <= set(gaz.lookup("Baltic states")[0].members)
    russia = gaz.countries["RUS"]
    assert (russia.feature, round(russia.latitude or 0), round(russia.longitude or 0)) == ("country", 56, 38)
    assert gaz.lookup("Nowhereville") == []


def places_of(text: str, settings: Settings) -> dict[str, PlaceRecord]:
    article = process(Article.create("t", text, published="2022-01-12", date_source="given"), settings)
    assert not article.errors
    found = {}
    for r in article.records:
        if isinstance(r, PlaceRecord):
            assert article.text[r.start:r.end] == r.text
            found.setdefault(r.text, r)
    return found


@pytest.mark.model
def test_places_seed(settings: Settings) -> None:
    article = process(read_one(SEED), settings)
    places = {r.text: r for r in article.records if isinstance(r, PlaceRecord)}
    for name, country, lat, lon in (("Brussels", "BEL", 50.85, 4.35), ("Geneva", "CHE", 46.2, 6.15),
                                    ("Vienna", "AUT", 48.21, 16.37)):
        place = places[name]
        assert (place.country, place.feature) == (country, "city")
        assert abs((place.latitude or 0) - lat) < 0.05 and abs((place.longitude or 0) - lon) < 0.05
        assert place.geonameid is not None and 0.5 <= place.confidence <= 1
    ukraine = places["Ukraine"]
    assert (ukraine.feature, ukraine.country, ukraine.geonameid) == ("country", "UKR", 690791)


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "country", "feature"), [
    ("A tornado hit Paris, Texas, on Sunday.", "Paris", "USA", "city"),
    ("The talks moved to Paris on Monday.", "Paris", "FRA", "city"),
    ("The CIA headquarters is near Vienna, Virginia, officials said.", "Vienna", "USA", "city"),
    ("Voters in Atlanta turned out as Georgia counted its ballots.", "Georgia", "USA", "state"),
    ("Protesters in Tbilisi said Georgia must stay on its path to the EU.", "Georgia", "GEO", "country"),
    ("Fighting spread from the Baltics to the Black Sea.", "Baltics", None, "region"),
    ("Police in Athens, Georgia, arrested a man.", "Georgia", "USA", "state"),
    ("Firefighters battled a blaze in London, Ontario.", "London", "CAN", "city"),
    ("French troops arrived in Gao, in northern Mali.", "Mali", "MLI", "country"),
])
def test_places_disambiguation(settings: Settings, text: str, name: str, country: str | None,
                               feature: str) -> None:
    place = places_of(text, settings)[name]
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.model
def test_places_people_are_not_places(settings: Settings) -> None:
    places = places_of("Victoria Nuland and Jordan Bardella spoke to the Washington Post in Berlin.", settings)
    assert list(places) == ["Berlin"]


@pytest.mark.model
def test_places_ambiguous_set_floor(settings: Settings) -> None:
    """tests/fixtures/places/ambiguous.jsonl: 122 snippets, 263 toponyms, of
    which 131 have more than one candidate in the gazetteer; written
    without looking at the rules. Floors pinned below the values measured
    on 2026-11-29 (detection F1 0.990, resolution 0.946, ambiguous names
    0.901); a score may rise, lowering a floor needs a reason in the commit."""
    scores = score_places(FIXTURES / "places" / "ambiguous.jsonl", settings).summary()
    assert scores["gold"] >= 250 and scores["ambiguous_matched"] >= 50
    assert scores["detection"]["f1"] >= 0.97, scores
    assert scores["resolution_accuracy"] >= 0.92, scores
    assert scores["ambiguous_accuracy"] >= 0.87, scores
