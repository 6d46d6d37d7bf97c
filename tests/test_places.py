"""The places stage: every toponym mention with its usage, geocoded
offline, disambiguated by prominence, patterns, the article's countries and
states, the dateline and one sense per discourse."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from detente import Settings
from detente.article import Article
from detente.eval import locate
from detente.eval.places import score_places
from detente.kb.gazetteer import gazetteer
from detente.pipeline import process
from detente.records import PlaceRecord
from detente.stages.places import demonyms, is_demonym

from .conftest import FIXTURES, SEED, read_one

USAGE_SET = FIXTURES / "places" / "usage.jsonl"
CONTEXT_SET = FIXTURES / "places" / "context.jsonl"


def _items(path: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run(item: dict[str, Any], settings: Settings) -> dict[tuple[int, int], PlaceRecord]:
    article = process(Article.create(item["id"], item["text"], published="2024-01-12", date_source="given"),
                      settings)
    assert not article.errors
    out = {}
    for r in article.records:
        if isinstance(r, PlaceRecord):
            assert article.text[r.start:r.end] == r.text
            out[(r.start, r.end)] = r
    return out


def test_gazetteer_lookups() -> None:
    gaz = gazetteer()
    assert gaz.lookup("Kiev")[0].geonameid == gaz.lookup("Kyiv")[0].geonameid == 703448
    assert gaz.lookup("the Baltics")[0].feature == "region"
    assert {"EST", "LVA", "LTU"} <= set(gaz.lookup("Baltic states")[0].members)
    russia = gaz.countries["RUS"]
    # GeoNames' country point, not the capital (issue 16); the capital stays for maps.
    assert (russia.feature, round(russia.latitude or 0), round(russia.longitude or 0)) == ("country", 60, 100)
    assert (round(russia.capital_latitude or 0), round(russia.capital_longitude or 0)) == (56, 38)
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
    0.901); a score may rise, lowering a floor needs a reason in the commit.

    The set annotates neither demonyms nor names inside organisations' names
    (its README): the scorer scores a default run without the demonym
    places. 2026-12-06 (GeoNames country points, cities500): F1 0.996,
    resolution 0.943, ambiguous names 0.919, accuracy@161 km 0.944."""
    scores = score_places(FIXTURES / "places" / "ambiguous.jsonl", settings).summary()
    assert scores["gold"] >= 250 and scores["ambiguous_matched"] >= 50
    assert scores["detection"]["f1"] >= 0.97, scores
    assert scores["resolution_accuracy"] >= 0.92, scores
    assert scores["ambiguous_accuracy"] >= 0.87, scores
    assert scores["accuracy_161"] >= 0.92, scores


# After the first run, with county points, the physical-features table and
# a state's namesake city: F1 0.953, accuracy@161 0.964, recall@161 0.884,
# AUC 0.124, usage accuracy 0.862.
FLOORS = {"f1": 0.94, "accuracy_161": 0.945, "recall_161": 0.86, "auc": 0.14, "usage_accuracy": 0.84}


@pytest.mark.model
def test_places_geoparse_set_floor(settings: Settings) -> None:
    """tests/fixtures/places/geoparse: 38 articles of every kind, 553 toponym
    mentions with their usage, annotated blind (its README). The measures
    of Gritta et al. 2019 (see detente.eval.places). First run, before any
    change made from it (2026-12-06): detection F1 0.936, accuracy@161 km
    0.933, recall@161 km 0.834, AUC 0.151, usage accuracy 0.860. Floors
    pinned below; lowering one needs a reason in the commit."""
    scores = score_places(FIXTURES / "places" / "geoparse" / "articles.jsonl", settings).summary()
    assert scores["gold"] == 553, scores["gold"]
    assert scores["detection"]["f1"] >= FLOORS["f1"], scores
    assert scores["accuracy_161"] >= FLOORS["accuracy_161"], scores
    assert scores["recall_161"] >= FLOORS["recall_161"], scores
    assert scores["auc"] <= FLOORS["auc"], scores
    assert scores["usage_accuracy"] >= FLOORS["usage_accuracy"], scores
    # Every usage is found and told apart from the others.
    for usage, got in scores["by_usage"].items():
        assert got["detection_recall"] >= 0.75 and got["usage"]["f1"] >= 0.65, (usage, got)


def test_demonyms_table() -> None:
    table = demonyms()
    assert table["Russian"] == ("country", "RUS") and table["Canadians"] == ("country", "CAN")
    assert table["European"] == ("region", "Europe")
    # A country's own name is a name, not a demonym ("US officials").
    assert "US" not in table and not is_demonym("Paris") and is_demonym("Turkish")


@pytest.mark.model
@pytest.mark.parametrize("item", _items(USAGE_SET), ids=lambda item: item["id"])
def test_places_usage(settings: Settings, item: dict[str, Any]) -> None:
    """tests/fixtures/places/usage.jsonl: each kind of usage in a real
    sentence (metonymic subjects, modifiers, demonyms, embedded names,
    literal locations) and people whose names hold a place name."""
    found = _run(item, dataclasses.replace(settings, places_embedded=True))
    for gold in item["places"]:
        span = locate(item, gold["text"], gold["occurrence"])
        assert span in found, (gold, list(found.values()))
        record = found[span]
        assert (record.usage, record.country) == (gold["usage"], gold["country"]), record
    for name in item["not_places"]:
        assert not any(r.text.startswith(name) for r in found.values()), (name, list(found.values()))


@pytest.mark.model
def test_places_embedded_only_with_the_setting(settings: Settings) -> None:
    item = next(i for i in _items(USAGE_SET) if i["id"] == "u14")
    assert _run(item, settings) == {}
    on = _run(item, dataclasses.replace(settings, places_embedded=True))
    assert sorted(r.usage for r in on.values()) == ["embedded", "embedded"]


@pytest.mark.model
@pytest.mark.parametrize("item", _items(CONTEXT_SET), ids=lambda item: item["id"])
def test_places_context(settings: Settings, item: dict[str, Any]) -> None:
    """tests/fixtures/places/context.jsonl: Charleston (West Virginia or
    South Carolina) and Gainesville (Florida, Georgia or Virginia) by the
    dateline, "City, State", the article's other places, and one sense per
    discourse; small towns only with support."""
    found = _run(item, settings)
    for gold in item["places"]:
        span = locate(item, gold["text"], gold["occurrence"])
        assert span in found, (gold, list(found.values()))
        assert found[span].geonameid == gold["geonameid"], (item["note"], found[span])
    for name in item["absent"]:
        assert not any(name in r.text for r in found.values()), (item["note"], list(found.values()))
