"""The HTTP API (detente.web), against real stores.

Most tests read one store built once for the module by ``detente.api.ingest``
over the bundled examples and the January 2022 corpus (real extraction: the
spaCy model); the write tests ingest over HTTP into a copy of it. The tests
of the API's shape (errors, limits, headers, OpenAPI) use an empty store and
need no model.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from detente import api
from detente.about import __version__
from detente.cli import cli
from detente.corpus.dyads import period_of
from detente.dates import date_span
from detente.exports import write_kepler, write_network
from detente.settings import Settings
from detente.store import Store
from detente.web import create_app
from detente.web.app import STATIC
from tests.conftest import EXAMPLES, FIXTURES

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 (a UserWarning) and still works with httpx.
    warnings.filterwarnings("ignore", message=".*httpx2", category=UserWarning)
    from fastapi.testclient import TestClient

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

# The record contract's fields (spec/records.md), which every CSV must carry.
CONTRACT = {
    "article": ["id", "ref", "title", "published", "date_source", "source", "url", "language", "sha256"],
    "event": ["id", "article_id", "type", "mode", "context", "actor", "recipient", "date",
              "date_precision", "status", "location", "trigger", "text", "start", "end", "score",
              "quad", "confidence"],
    "happening": ["id", "type", "mode", "actor", "recipient", "date", "date_precision", "status",
                  "location", "score", "quad", "event_ids", "num_mentions", "num_articles",
                  "num_sources", "confidence"],
    "quote": ["id", "article_id", "text", "start", "end", "direct", "speaker", "cue", "confidence"],
    "place": ["article_id", "text", "start", "end", "name", "geonameid", "country", "latitude",
              "longitude", "feature", "confidence"],
    "stance": ["id", "article_id", "actor", "issue", "position", "date", "text", "start", "end",
               "confidence"],
}
LISTS = {"article": "/api/articles", "event": "/api/events", "happening": "/api/happenings",
         "quote": "/api/quotes", "place": "/api/places", "stance": "/api/stances"}
TOKEN = "correct horse battery staple"


def local(app: Any, **options: Any) -> TestClient:
    """A test client that reaches the app as http://localhost (TestClient's
    own 'testserver' is no allowed host)."""
    return TestClient(app, base_url="http://localhost", **options)


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    path = tmp_path_factory.mktemp("api") / "detente.db"
    with Store(path) as store:
        report = api.ingest([str(EXAMPLES), str(FIXTURES / "corpus" / "jan2022.jsonl")], store, settings)
    assert report.added == 16 and report.ok
    return path


@pytest.fixture(scope="module")
def client(db: Path, settings: Settings) -> TestClient:
    return local(create_app(str(db), settings=settings))


@pytest.fixture(scope="module")
def stats(db: Path) -> dict[str, Any]:
    with Store(db) as store:
        return store.stats()


@pytest.fixture()
def empty(tmp_path: Path) -> TestClient:
    """An app over an empty store, with no token."""
    return local(create_app(str(tmp_path / "empty.db"), settings=Settings.load(env={})))


def _copy(db: Path, to: Path) -> Path:
    with sqlite3.connect(db) as source, sqlite3.connect(to) as target:
        source.backup(target)
    return to


def _all(client: TestClient, url: str) -> list[dict[str, Any]]:
    sep = "&" if "?" in url else "?"
    body = client.get(f"{url}{sep}limit=500").json()
    assert len(body["items"]) == body["total"] <= 500
    return body["items"]


def _codes(refs: list[dict[str, Any]] | dict[str, Any] | None) -> set[str]:
    refs = [refs] if isinstance(refs, dict) else refs or []
    return {r["code"] for r in refs if r.get("code")}


def _error(response: Any, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    if code:
        assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert isinstance(message, str) and len(message) > 20
    return str(message)


def _rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


# -- lists: pagination ---------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("kind", list(LISTS))
def test_api_lists_paginate_with_consistent_totals(client: TestClient, stats: dict[str, Any], kind: str) -> None:
    url = LISTS[kind]
    first = client.get(url, params={"limit": 5}).json()
    second = client.get(url, params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] == stats["records"][kind]
    assert (first["limit"], first["offset"], second["offset"]) == (5, 0, 5)
    assert len(first["items"]) == len(second["items"]) == 5
    key = "id" if kind != "place" else "start"
    if kind != "place":  # places have no id in the contract
        assert not {i[key] for i in first["items"]} & {i[key] for i in second["items"]}
    everything = _all(client, url)
    assert len(everything) == stats["records"][kind]
    assert everything[:5] == first["items"] and everything[5:10] == second["items"]
    assert all(item["kind"] == kind for item in everything)
    past = client.get(url, params={"offset": 10_000}).json()
    assert past["items"] == [] and past["total"] == stats["records"][kind]


@pytest.mark.model
def test_api_default_and_maximum_limit(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["limit"] == 50 and len(body["items"]) == 50 and body["total"] > 50
    places = client.get("/api/places?limit=500").json()
    assert 300 < places["total"] <= 500 and len(places["items"]) == places["total"]
    for bad in ("limit=501", "limit=0", "offset=-1", "limit=ten"):
        _error(client.get(f"/api/places?{bad}"), 422, "invalid_request")


@pytest.mark.model
def test_api_articles_list_has_counts_and_no_text(client: TestClient, stats: dict[str, Any]) -> None:
    items = _all(client, "/api/articles")
    assert all("text" not in item for item in items)
    published = [item["published"] for item in items]
    assert published == sorted(published, reverse=True)
    assert sum(item["counts"]["event"] for item in items) == stats["records"]["event"]
    assert sum(item["counts"]["quote"] for item in items) == stats["records"]["quote"]
    assert sum(item["counts"]["mention"] for item in items) == stats["records"]["mention"]


# -- lists: filters ------------------------------------------------------------------------------


@pytest.mark.model
def test_api_actor_code_filter_keeps_records_of_that_actor(client: TestClient, stats: dict[str, Any]) -> None:
    events = _all(client, "/api/events?actor=RUS")
    assert 0 < len(events) < stats["records"]["event"]
    assert all("RUS" in _codes(e["actor"]) | _codes(e["recipient"]) for e in events)
    assert len(_all(client, "/api/events?actor=rus")) == len(events)  # codes are case-insensitive
    happenings = _all(client, "/api/happenings?actor=RUS")
    assert 0 < len(happenings) < stats["records"]["happening"]
    assert all("RUS" in _codes(h["actor"]) | _codes(h["recipient"]) for h in happenings)
    quotes = _all(client, "/api/quotes?actor=RUS")
    assert 0 < len(quotes) < stats["records"]["quote"]
    assert all(q["speaker"]["code"] == "RUS" for q in quotes)
    stances = _all(client, "/api/stances?actor=RUS")
    assert 0 < len(stances) < stats["records"]["stance"]
    assert all(s["actor"]["code"] == "RUS" for s in stances)
    actors = _all(client, "/api/actors?actor=RUS")
    assert actors[0]["key"] == "country:RUS" and all(a["code"] == "RUS" for a in actors)


@pytest.mark.model
def test_api_actor_name_filter_goes_through_identities(client: TestClient) -> None:
    lavrov = _all(client, "/api/quotes?actor=Lavrov")
    assert lavrov and all(q["speaker"]["name"] == "Sergei Lavrov" for q in lavrov)
    assert _all(client, "/api/quotes?speaker=Lavrov") == lavrov
    # "Kremlin" is a name seen for Russia: its events are Russia's.
    kremlin = _all(client, "/api/events?actor=Kremlin")
    assert kremlin and all("RUS" in _codes(e["actor"]) | _codes(e["recipient"]) for e in kremlin)
    # Articles and places: an actor in their article.
    articles = _all(client, "/api/articles?actor=Blinken")
    assert 0 < len(articles) < 16
    for article in articles:
        records = client.get(f"/api/articles/{article['id']}").json()["records"]
        assert any("Blinken" in a["name"] for a in records["actor"])


@pytest.mark.model
def test_api_date_range_uses_the_record_date_at_its_precision(client: TestClient, stats: dict[str, Any]) -> None:
    events = _all(client, "/api/events?date_from=2022-01-12&date_to=2022-01-13")
    assert 0 < len(events) < stats["records"]["event"]
    assert any(e["date"] == "2022-01-12" for e in events)
    assert any(e["date_precision"] == "week" for e in events)  # 2022-W02 holds both days
    articles = {a["id"]: a["published"] for a in _all(client, "/api/articles")}
    for event in events:
        span = date_span(event["date"] or articles[event["article_id"]])
        assert span and span[1] >= "2022-01-12" and span[0] <= "2022-01-13", event["date"]
    all_events = _all(client, "/api/events")
    outside = [e for e in all_events if e["date_precision"] == "day" and not "2022-01-12" <= e["date"] <= "2022-01-13"]
    assert outside and not {e["id"] for e in outside} & {e["id"] for e in events}
    # Records without a date of their own: their article's publication date.
    quotes = _all(client, "/api/quotes?date_from=2022-01-20")
    assert quotes and all(articles[q["article_id"]] >= "2022-01-20" for q in quotes)
    assert [a["published"] for a in _all(client, "/api/articles?date_to=2022-01-10")] == \
        ["2022-01-10", "2022-01-10", "2022-01-09"]
    _error(client.get("/api/events?date_from=2022-01-13&date_to=2022-01-12"), 400, "bad_request")
    _error(client.get("/api/events?date_from=12/01/2022"), 422, "invalid_request")


@pytest.mark.model
def test_api_type_status_and_kind_filters(client: TestClient) -> None:
    consult = _all(client, "/api/events?type=CONSULT")
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    assert len(_all(client, "/api/events?type=consult")) == len(consult)
    scheduled = _all(client, "/api/events?status=scheduled")
    assert scheduled and all(e["status"] == "scheduled" for e in scheduled)
    _error(client.get("/api/events?status=maybe"), 422, "invalid_request")
    widely = _all(client, "/api/happenings?min_articles=3")
    assert widely and all(h["num_articles"] >= 3 for h in widely)
    for happening in widely:
        assert len(happening["articles"]) == happening["num_articles"]
        assert {a["id"] for a in happening["articles"]} <= {a["id"] for a in _all(client, "/api/articles")}
    people = _all(client, "/api/actors?type=person")
    assert people and all(a["type"] == "person" for a in people)
    assert all(a["code"] == "NATO" for a in _all(client, "/api/actors?code=nato"))
    swiss = _all(client, "/api/places?country=CHE")
    assert swiss and all(p["country"] == "CHE" for p in swiss)
    cities = _all(client, "/api/places?feature=city")
    assert cities and all(p["feature"] == "city" for p in cities)
    by_usage = {u: _all(client, f"/api/places?usage={u}") for u in ("literal", "metonymic", "modifier")}
    assert by_usage["literal"] and by_usage["modifier"], {u: len(v) for u, v in by_usage.items()}
    assert all(p["usage"] == u for u, found in by_usage.items() for p in found)
    _error(client.get("/api/places?usage=figurative"), 422, "invalid_request")
    offers = _all(client, "/api/stances?issue=arms-control&position=offer")
    assert offers and all(s["issue"] == "arms-control" and s["position"] == "offer" for s in offers)
    direct = _all(client, "/api/quotes?direct=true")
    reported = _all(client, "/api/quotes?direct=false")
    assert direct and reported and all(q["direct"] for q in direct) and not any(q["direct"] for q in reported)


@pytest.mark.model
def test_api_q_is_a_case_insensitive_substring(client: TestClient) -> None:
    events = _all(client, "/api/events?q=GENEVA")
    assert events and all("geneva" in (e["text"] + e["trigger"]).lower() for e in events)
    quotes = _all(client, "/api/quotes?q=written")
    assert quotes and all("written" in (q["text"] + (q["cue"] or "") + (q["speaker"] or {}).get("name", "")).lower()
                          for q in quotes)
    places = _all(client, "/api/places?q=vienna")
    assert places and all("vienna" in (p["text"] + (p["name"] or "")).lower() for p in places)
    articles = _all(client, "/api/articles?q=Normandy")
    assert 0 < len(articles) < 16
    for article in articles:
        detail = client.get(f"/api/articles/{article['id']}").json()["article"]
        assert "normandy" in (detail["title"] + detail["text"]).lower()
    assert {a["key"] for a in _all(client, "/api/actors?q=kreml")} == {"country:RUS"}
    assert _all(client, "/api/happenings?q=Brussels")


# -- one article and its evidence ----------------------------------------------------------------


@pytest.mark.model
def test_api_article_records_point_at_their_evidence(client: TestClient) -> None:
    checked = 0
    for item in _all(client, "/api/articles"):
        body = client.get(f"/api/articles/{item['id']}").json()
        article, records = body["article"], body["records"]
        assert article["id"] == item["id"] and article["text"]
        assert set(records) == {"actor", "quote", "time", "place", "event", "claim", "stance", "mention"}
        assert {k: len(v) for k, v in records.items()} == item["counts"]
        text = article["text"]
        for kind, found in records.items():
            for record in found:
                assert record["kind"] == kind and record["article_id"] == article["id"]
                if kind == "actor":
                    assert record["mentions"]
                    assert all(text[m["start"]:m["end"]].strip() for m in record["mentions"])
                    continue
                assert text[record["start"]:record["end"]] == record["text"], (kind, record)
                checked += 1
    assert checked > 1000


@pytest.mark.model
def test_api_unknown_article_is_a_404_envelope(client: TestClient) -> None:
    assert "0000000000000000" in _error(client.get("/api/articles/0000000000000000"), 404, "not_found")


# -- CSV -----------------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("kind", list(LISTS))
def test_api_csv_has_the_contract_columns(client: TestClient, kind: str) -> None:
    response = client.get(LISTS[kind], params={"format": "csv", "limit": 7})
    rows = _rows(response)
    assert len(rows) == 7
    assert set(CONTRACT[kind]) <= set(rows[0])
    assert all(row["kind"] == kind for row in rows)
    assert rows[0] == {k: ("" if v is None else v) for k, v in rows[0].items()}
    json_rows = client.get(LISTS[kind], params={"limit": 7}).json()["items"]
    for row, item in zip(rows, json_rows, strict=True):
        for field in CONTRACT[kind]:
            value = item[field]
            if isinstance(value, list | dict):
                assert json.loads(row[field]) == value  # nested fields as JSON text
            elif value is None:
                assert row[field] == ""
            elif not isinstance(value, bool):
                assert row[field] == str(value)


@pytest.mark.model
def test_api_csv_by_accept_header_and_for_the_corpus_lists(client: TestClient) -> None:
    rows = _rows(client.get("/api/events?actor=RUS&limit=500", headers={"Accept": "text/csv"}))
    assert len(rows) == client.get("/api/events?actor=RUS").json()["total"]
    assert all("RUS" in _codes(json.loads(r["actor"])) | _codes(json.loads(r["recipient"])) for r in rows)
    actors = _rows(client.get("/api/actors?format=csv&limit=3"))
    assert actors[0]["key"] == "country:RUS" and "Kremlin" in json.loads(actors[0]["aliases"])
    dyads = _rows(client.get("/api/dyads?format=csv&limit=500"))
    assert dyads and set(dyads[0]) == {"source", "target", "period", "n", "q1", "q2", "q3", "q4",
                                       "score_sum", "score_mean"}
    sides = _rows(client.get("/api/stances/summary?format=csv&issue=arms-control"))
    assert sides and {s["issue"] for s in sides} == {"arms-control"}
    edges = _rows(client.get("/api/network?format=csv"))
    assert edges and set(edges[0]) == {"source", "target", "weight", "q1", "q2", "q3", "q4", "score_mean"}
    _error(client.get("/api/events?format=xml"), 422, "invalid_request")


# -- the corpus endpoints ------------------------------------------------------------------------


@pytest.mark.model
def test_api_dyads_stances_summary_network_map(client: TestClient, db: Path) -> None:
    dyads = client.get("/api/dyads", params={"actor": "RUS", "period": "month", "limit": 500}).json()
    assert dyads["items"] and len(dyads["items"]) == dyads["total"]
    assert all("RUS" in (r["source"], r["target"]) and len(r["period"]) == 7 for r in dyads["items"])
    assert all(r["n"] == r["q1"] + r["q2"] + r["q3"] + r["q4"] for r in dyads["items"])
    events = client.get("/api/dyads", params={"unit": "event", "limit": 500}).json()
    assert sum(r["n"] for r in events["items"]) > sum(
        r["n"] for r in client.get("/api/dyads?limit=500").json()["items"])
    _error(client.get("/api/dyads?period=year"), 422, "invalid_request")

    summary = client.get("/api/stances/summary", params={"issue": "arms-control"}).json()
    assert summary["total"] == 1 and summary["items"][0]["issue"] == "arms-control"
    offers = summary["items"][0]["positions"]["offer"]
    assert {"USA", "NATO"} <= {side["actor"] for side in offers}
    assert [side["n"] for side in offers] == sorted((side["n"] for side in offers), reverse=True)

    graph = client.get("/api/network").json()
    ids = [n["id"] for n in graph["nodes"]]
    assert len(ids) == len(set(ids)) and {"RUS", "USA", "NATO"} <= set(ids)
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert all(e["weight"] == e["q1"] + e["q2"] + e["q3"] + e["q4"] for e in graph["edges"])
    with Store(db) as store:
        assert len(graph["edges"]) == write_network(store, io.StringIO(), "gexf")
        kepler = io.StringIO()
        located = write_kepler(store, kepler)
    russian = client.get("/api/network?actor=RUS").json()
    assert 0 < len(russian["edges"]) <= len(graph["edges"])

    points = client.get("/api/map?limit=500").json()
    assert points["total"] == located == len(points["items"]) > 0
    kepler_ids = [row["id"] for row in csv.DictReader(io.StringIO(kepler.getvalue()))]
    assert sorted(p["id"] for p in points["items"]) == sorted(kepler_ids)
    assert all(-90 <= p["latitude"] <= 90 and -180 <= p["longitude"] <= 180 for p in points["items"])
    brussels = client.get("/api/map?q=Brussels&limit=500").json()["items"]
    assert brussels and len(brussels) < len(points["items"])


@pytest.mark.model
def test_api_dyads_counterpart_keeps_the_pairs_between_two_actors(client: TestClient) -> None:
    russia = client.get("/api/dyads", params={"actor": "RUS", "limit": 500}).json()["items"]
    between = client.get("/api/dyads", params={"actor": "RUS", "counterpart": "USA", "limit": 500}).json()
    assert between["total"] == len(between["items"]) > 0
    assert {(r["source"], r["target"]) for r in between["items"]} == {("RUS", "USA"), ("USA", "RUS")}
    # The same rows as the actor's, only those with the counterpart on the other side.
    assert between["items"] == [r for r in russia if {r["source"], r["target"]} == {"RUS", "USA"}]
    assert len(between["items"]) < len(russia)
    assert client.get("/api/dyads", params={"actor": "usa", "counterpart": "rus", "limit": 500}).json() == between
    events = client.get("/api/dyads", params={"actor": "RUS", "counterpart": "USA", "unit": "event",
                                              "period": "month", "limit": 500}).json()["items"]
    assert events and all({r["source"], r["target"]} == {"RUS", "USA"} for r in events)
    assert sum(r["n"] for r in events) > sum(r["n"] for r in between["items"])
    # Alone, a counterpart is an actor.
    assert client.get("/api/dyads", params={"counterpart": "RUS", "limit": 500}).json()["items"] == russia
    nobody = client.get("/api/dyads", params={"actor": "RUS", "counterpart": "XXX"}).json()
    assert nobody["items"] == [] and nobody["total"] == 0
    rows = _rows(client.get("/api/dyads", params={"actor": "RUS", "counterpart": "USA", "format": "csv",
                                                  "limit": 500}))
    assert [(r["source"], r["target"], r["period"], int(r["n"])) for r in rows] == \
        [(r["source"], r["target"], r["period"], r["n"]) for r in between["items"]]


# -- counts per period ---------------------------------------------------------------------------


def _pairs_with(happening: dict[str, Any], codes: set[str]) -> bool:
    """Whether a happening makes an actor pair kept for ``codes`` (one code:
    on either side; two: between them), as the dyad series pair them."""
    actors, recipients = _codes(happening["actor"]), _codes(happening["recipient"])
    pairs = {(a, r) for a in actors for r in recipients if a != r} if recipients else \
        {(a, b) for a in actors for b in actors if a != b}
    return any(set(p) == codes if len(codes) == 2 else bool(codes & set(p)) for p in pairs)


@pytest.mark.model
def test_api_dyads_count_the_happenings_that_have_no_date(client: TestClient, tmp_path: Path,
                                                          settings: Settings) -> None:
    db = tmp_path / "undated.db"
    with Store(db) as store:
        report = api.ingest([str(FIXTURES / "web" / "undated.jsonl")], store, settings)
    assert report.added == 2 and report.ok
    undated = local(create_app(str(db), settings=settings))
    happenings = _all(undated, "/api/happenings")
    assert happenings and all(h["date"] is None for h in happenings)
    for codes in ({"RUS"}, {"RUS", "USA"}, {"NATO"}):
        params = dict(zip(("actor", "counterpart"), sorted(codes), strict=False))
        body = undated.get("/api/dyads", params=params).json()
        expected = [h for h in happenings if h["status"] in ("occurred", "ongoing") and _pairs_with(h, codes)]
        assert body["items"] == [] and body["undated"] == len(expected) > 0, (codes, body)
    # A dated store: only its happenings without a date (none here) are counted.
    dated = client.get("/api/dyads", params={"actor": "RUS"}).json()
    assert dated["items"] and dated["undated"] == len(
        [h for h in _all(client, "/api/happenings") if h["date"] is None and h["status"] in ("occurred", "ongoing")
         and _pairs_with(h, {"RUS"})])


def _expected_counts(records: list[dict[str, Any]], period: str) -> tuple[list[dict[str, Any]], int]:
    """The counts per period of listed records, by detente's period rule."""
    cells: dict[str, dict[str, Any]] = {}
    coarse = 0
    for record in records:
        key = period_of(record["date"], record["date_precision"], period)
        if key is None:
            coarse += 1
            continue
        cell = cells.setdefault(key, {"period": key, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "n": 0})
        cell["n"] += 1
        if record["quad"] in (1, 2, 3, 4):
            cell[f"q{record['quad']}"] += 1
    return [cells[k] for k in sorted(cells)], coarse


COUNT_FILTERS = {"none": {}, "actor": {"actor": "RUS"}, "type": {"type": "CONSULT"},
                 "status": {"status": "occurred"}, "q": {"q": "Geneva"},
                 "dates": {"date_from": "2022-01-10", "date_to": "2022-01-16"}}


@pytest.mark.model
@pytest.mark.parametrize(("path", "filters"), [
    *[("events", f) for f in COUNT_FILTERS.values()],
    *[("happenings", f) for f in COUNT_FILTERS.values()],
    ("happenings", {"min_articles": "2"}), ("happenings", {"actor": "Kremlin", "min_articles": "2"}),
], ids=[*[f"events-{k}" for k in COUNT_FILTERS], *[f"happenings-{k}" for k in COUNT_FILTERS],
        "happenings-min_articles", "happenings-name-min_articles"])
def test_api_counts_per_period_add_up_to_the_list_total(client: TestClient, path: str,
                                                        filters: dict[str, str]) -> None:
    listed = client.get(f"/api/{path}", params={**filters, "limit": 500}).json()
    assert 0 < listed["total"] == len(listed["items"])
    everything = client.get(f"/api/{path}", params={"limit": 1}).json()["total"]
    for period in ("day", "week", "month"):
        counts = client.get(f"/api/{path}/counts", params={**filters, "period": period}).json()
        assert set(counts) == {"period", "items", "too_coarse"} and counts["period"] == period
        assert sum(i["n"] for i in counts["items"]) + counts["too_coarse"] == listed["total"]
        # Exactly the listed records, counted per period and quad class.
        assert (counts["items"], counts["too_coarse"]) == _expected_counts(listed["items"], period)
        if filters:  # a filter narrows the counts
            assert sum(i["n"] for i in counts["items"]) + counts["too_coarse"] < everything
    week = client.get(f"/api/{path}/counts", params=filters).json()  # the default period
    assert week["period"] == "week" and all(i["period"][4:6] == "-W" for i in week["items"])


@pytest.mark.model
def test_api_counts_per_period_values_csv_and_errors(client: TestClient) -> None:
    week = client.get("/api/events/counts", params={"period": "week"}).json()
    by_week = {i["period"]: i for i in week["items"]}
    assert by_week["2022-W02"]["n"] > by_week["2022-W01"]["n"] > 0  # the week of Geneva, Brussels, Vienna
    assert all(i["n"] >= i["q1"] + i["q2"] + i["q3"] + i["q4"] for i in week["items"])
    day = client.get("/api/events/counts", params={"period": "day"}).json()
    month = client.get("/api/events/counts", params={"period": "month"}).json()
    # Coarser periods hold more of the records: week- and month-dated ones.
    assert day["too_coarse"] > week["too_coarse"] > month["too_coarse"]
    assert [i["period"] for i in day["items"]] == sorted(i["period"] for i in day["items"])
    consult = client.get("/api/events/counts", params={"type": "CONSULT", "period": "month"}).json()
    assert all(i["q1"] == i["n"] for i in consult["items"])  # CONSULT is verbal cooperation
    rows = _rows(client.get("/api/happenings/counts?format=csv&period=month&actor=RUS"))
    json_items = client.get("/api/happenings/counts?period=month&actor=RUS").json()["items"]
    assert rows and [{k: int(v) if k != "period" else v for k, v in r.items()} for r in rows] == json_items
    assert _rows(client.get("/api/events/counts", headers={"Accept": "text/csv"}))[0].keys() == \
        {"period", "q1", "q2", "q3", "q4", "n"}
    _error(client.get("/api/events/counts?period=year"), 422, "invalid_request")
    _error(client.get("/api/happenings/counts?min_articles=0"), 422, "invalid_request")
    _error(client.get("/api/events/counts?date_from=2022-01-13&date_to=2022-01-12"), 400, "bad_request")


# -- articles of quotes and map rows -------------------------------------------------------------


@pytest.mark.model
def test_api_quotes_carry_their_article(client: TestClient, stats: dict[str, Any]) -> None:
    articles = {a["id"]: a for a in _all(client, "/api/articles")}
    quotes = _all(client, "/api/quotes")
    assert len(quotes) == stats["records"]["quote"]
    for quote in quotes:
        article = articles[quote["article_id"]]
        assert quote["article"] == {"id": article["id"], "title": article["title"],
                                    "published": article["published"]}
    assert len({q["article"]["id"] for q in quotes}) > 5
    lavrov = client.get("/api/quotes", params={"speaker": "Lavrov", "limit": 3}).json()["items"]
    assert lavrov and all(q["article"]["title"] == articles[q["article_id"]]["title"] for q in lavrov)
    rows = _rows(client.get("/api/quotes", params={"format": "csv", "limit": 5}))
    assert [json.loads(r["article"]) for r in rows] == [q["article"] for q in quotes[:5]]


@pytest.mark.model
def test_api_map_rows_carry_their_articles_and_first_events(client: TestClient) -> None:
    happenings = {h["id"]: h for h in _all(client, "/api/happenings")}
    events = {e["id"]: e for e in _all(client, "/api/events")}
    points = _all(client, "/api/map")
    assert points
    for point in points:
        happening = happenings[point["id"]]
        assert point["articles"] == happening["articles"]  # as /api/happenings gives them
        assert len(point["articles"]) == point["num_articles"] > 0
        published = [a["published"] for a in point["articles"]]
        assert published == sorted(published)  # oldest first
        for article in point["articles"]:
            # The happening's first event in that article's text.
            mine = [events[e] for e in happening["event_ids"] if events[e]["article_id"] == article["id"]]
            assert mine and article["event_id"] == min(mine, key=lambda e: e["start"])["id"]
    assert any(p["num_articles"] > 2 for p in points)
    rows = _rows(client.get("/api/map?format=csv&limit=3"))
    assert [json.loads(r["articles"]) for r in rows] == [p["articles"] for p in points[:3]]


@pytest.mark.model
def test_api_search_and_stats(client: TestClient, stats: dict[str, Any]) -> None:
    hits = client.get("/api/search", params={"q": "Stoltenberg", "limit": 2}).json()
    assert hits["total"] >= 3 and len(hits["items"]) == 2
    assert all("[Stoltenberg]" in h["snippet"] for h in hits["items"])
    more = client.get("/api/search", params={"q": "Stoltenberg", "limit": 2, "offset": 2}).json()
    assert not {h["id"] for h in hits["items"]} & {h["id"] for h in more["items"]}
    assert "unterminated" in _error(client.get("/api/search", params={"q": '"NATO'}), 400, "bad_query")
    _error(client.get("/api/search"), 422, "invalid_request")
    body = client.get("/api/stats").json()
    assert body["records"] == stats["records"] and body["published"]["first"] == "2022-01-09"


# -- ingestion over HTTP -------------------------------------------------------------------------

ARTICLE = {
    "id": "api-test-1",
    "title": "Finland and Sweden discuss security with NATO in Helsinki",
    "published": "2022-01-28",
    "source": "Test Wire",
    "text": ("HELSINKI — Finnish President Sauli Niinistö met NATO Secretary-General Jens Stoltenberg "
             "in Helsinki on Friday to discuss European security. \"We keep our options open,\" "
             "Niinistö said after the meeting. Sweden's foreign minister said Stockholm would also "
             "consult its partners in the coming weeks."),
}


@pytest.mark.model
def test_api_post_article_with_the_token_ingests_it(db: Path, tmp_path: Path, settings: Settings) -> None:
    copy = _copy(db, tmp_path / "copy.db")
    writer = local(create_app(str(copy), token=TOKEN, settings=settings))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _error(writer.post("/api/articles", json=ARTICLE), 401, "unauthorized")
    wrong = writer.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    _error(wrong, 401, "unauthorized")
    assert wrong.headers["www-authenticate"] == "Bearer"

    created = writer.post("/api/articles", json=ARTICLE, headers=auth)
    assert created.status_code == 201, created.text
    body = created.json()
    article_id = body["article"]["id"]
    assert body["article"]["ref"] == "api-test-1" and body["article"]["published"] == "2022-01-28"
    assert body["records"]["actor"] >= 3 and body["records"]["quote"] >= 1
    assert created.headers["location"] == f"/api/articles/{article_id}"
    listed = writer.get("/api/articles", params={"q": "Niinistö"}).json()
    assert [a["id"] for a in listed["items"]] == [article_id] and listed["items"][0]["counts"]["quote"] >= 1
    assert writer.get("/api/articles").json()["total"] == 17
    detail = writer.get(f"/api/articles/{article_id}").json()
    assert any(q["speaker"] and q["speaker"]["name"] == "Sauli Niinistö" for q in detail["records"]["quote"])

    again = writer.post("/api/articles", json={**ARTICLE, "id": "another"}, headers=auth)
    assert again.status_code == 200 and again.json() == {"duplicate_of": article_id}

    assert "empty" in _error(writer.post("/api/articles", json={"text": "   "}, headers=auth), 422, "empty")
    french = {"text": "Les ministres des affaires étrangères se sont réunis à Paris lundi pour discuter "
                      "de la sécurité européenne et des demandes de la Russie."}
    assert "French" in _error(writer.post("/api/articles", json=french, headers=auth), 422, "language")
    bad_date = {"text": ARTICLE["text"] + " More.", "published": "last Tuesday"}
    _error(writer.post("/api/articles", json=bad_date, headers=auth), 422, "malformed")
    assert "text" in _error(writer.post("/api/articles", json={"title": "no text"}, headers=auth), 422,
                            "invalid_request")
    _error(writer.post("/api/articles", content=b"{not json", headers=auth), 422, "invalid_request")
    _error(writer.post("/api/articles", json=[ARTICLE], headers=auth), 422, "invalid_request")
    # The module's store is untouched.
    with Store(db) as store:
        assert store.stats()["records"]["article"] == 16


# -- the API's shape (no model) ------------------------------------------------------------------


def test_api_post_without_a_token_configured_is_forbidden(empty: TestClient) -> None:
    message = _error(empty.post("/api/articles", json=ARTICLE,
                                headers={"Authorization": f"Bearer {TOKEN}"}), 403, "forbidden")
    assert message.startswith("ingestion is disabled: start detente serve with --token")


def test_api_oversized_bodies_are_refused(tmp_path: Path) -> None:
    small = local(create_app(str(tmp_path / "s.db"), token=TOKEN, max_body=1000,
                                  settings=Settings.load(env={})))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "word " * 400}
    assert "1,000 bytes" in _error(small.post("/api/articles", json=big, headers=auth), 413,
                                   "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it comes
        yield b'{"text": "'
        for _ in range(50):
            yield b"word " * 10
        yield b'"}'

    chunked = small.post("/api/articles", content=chunks(), headers=auth)
    assert "content-length" not in chunked.request.headers
    _error(chunked, 413, "payload_too_large")
    assert chunked.headers["x-content-type-options"] == "nosniff"
    # The default limit is the max_input_bytes setting.
    tight = local(create_app(str(tmp_path / "t.db"), token=TOKEN,
                                  settings=Settings.load(env={}, max_input_bytes=100)))
    _error(tight.post("/api/articles", json=big, headers=auth), 413, "payload_too_large")


def test_api_error_envelopes_and_security_headers(empty: TestClient) -> None:
    for response, status in ((empty.get("/api/nothing-here"), 404), (empty.get("/docs"), 404),
                             (empty.get("/redoc"), 404), (empty.delete("/api/events"), 405),
                             (empty.get("/api/events?limit=0"), 422), (empty.get("/api/stats"), 200),
                             (empty.get("/api/events?format=csv"), 200), (empty.get("/static/nothing.js"), 404)):
        assert response.status_code == status
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["content-security-policy"] == CSP
        if status != 200:
            _error(response, status)
    assert "DELETE" in _error(empty.delete("/api/events"), 405, "method_not_allowed")
    assert empty.get("/api/events").json() == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert _rows(empty.get("/api/events?format=csv")) == []


def test_api_unexpected_failures_are_a_500_envelope(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "x.db"), settings=Settings.load(env={}))

    @app.get("/api/broken")
    def broken() -> None:
        raise RuntimeError("boom")

    response = local(app, raise_server_exceptions=False).get("/api/broken")
    assert "bug in detente" in _error(response, 500, "internal_error")
    assert response.headers["content-security-policy"] == CSP


def test_api_openapi_documents_the_endpoints(empty: TestClient) -> None:
    spec = empty.get("/openapi.json").json()
    assert spec["info"]["title"] == "detente" and spec["info"]["version"] == __version__
    assert '"error"' in spec["info"]["description"]
    paths = spec["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/happenings",
                 "/api/quotes", "/api/actors", "/api/places", "/api/stances", "/api/stances/summary",
                 "/api/dyads", "/api/network", "/api/map", "/api/search", "/api/stats",
                 "/api/events/counts", "/api/happenings/counts"):
        assert "get" in paths[path], path
        assert paths[path]["get"]["description"] or paths[path]["get"]["summary"]
    assert "post" in paths["/api/articles"]
    assert "ErrorEnvelope" in spec["components"]["schemas"]
    assert paths["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"] == \
        {"$ref": "#/components/schemas/ErrorEnvelope"}
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"actor", "type", "status", "date_from", "date_to", "q", "limit", "offset", "format"} <= names
    counted = {p["name"] for p in paths["/api/happenings/counts"]["get"]["parameters"]}
    assert counted == {"actor", "type", "status", "date_from", "date_to", "q", "min_articles", "period", "format"}
    assert "counterpart" in {p["name"] for p in paths["/api/dyads"]["get"]["parameters"]}


def test_api_index_serves_the_web_page_or_says_it_is_missing(empty: TestClient) -> None:
    response = empty.get("/")
    if (STATIC / "index.html").is_file():
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    else:
        assert "not installed" in _error(response, 503, "not_installed")
    assert response.headers["content-security-policy"] == CSP


def test_api_serve_command_runs_uvicorn_on_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    def run(self: uvicorn.Server, *args: Any, **kwargs: Any) -> None:
        self.started = True  # uvicorn.run exits 3 after a server that never started
        calls.append({"app": self.config.app, "host": self.config.host, "port": self.config.port})

    # Whether serve calls uvicorn.run or detente.web.run, a uvicorn.Server runs.
    monkeypatch.setattr(uvicorn.Server, "run", run)
    db = str(tmp_path / "serve.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--db", db, "--port", "8123"], env={"DETENTE_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output and "read-only" in result.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8123
    result = runner.invoke(cli, ["serve", "--db", db, "--host", "0.0.0.0", "--max-body", "100"],
                           env={"DETENTE_TOKEN": TOKEN})
    assert result.exit_code == 0, result.output
    assert "ingestion is on" in result.output and "warning: 0.0.0.0 is not a loopback" in result.output
    app = calls[-1]["app"]
    assert app.state.detente.token == TOKEN and app.state.detente.max_body == 100
