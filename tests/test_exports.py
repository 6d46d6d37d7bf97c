"""Exports, checked by hand on a store written for the test (no spaCy).

Two articles, six events, five happenings:

- h1 REQUEST RUS -> NATO, 2022-01-10 (day), Geneva; events e1 (article a1:
  "Lavrov demanded ...") and e4 (article a2); occurred.
- h2 REJECT NATO, USA -> RUS, 2022-01-12 (day), no place; occurred.
- h3 CONSULT RUS, NATO (no recipient), 2022-01 (month), Brussels; occurred.
- h4 MOBILIZE RUS -> UKR, 2022-W02 (week), Kyiv; scheduled.
- h5 ASSAULT RUS (no recipient), 2022 (year), Ukraine (the country); occurred.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from detente import exports
from detente.about import RULES_VERSION, __version__
from detente.article import Article
from detente.cli import cli
from detente.errors import ConfigError
from detente.records import ActorRecord, ActorRef, EventRecord, HappeningRecord, PlaceRecord, Span
from detente.settings import Settings
from detente.store import Store

RUS, NATO, USA, UKR = (ActorRef("Russia", "RUS"), ActorRef("North Atlantic Treaty Organization", "NATO"),
                       ActorRef("United States", "USA"), ActorRef("Ukraine", "UKR"))
LAVROV = ActorRef("Sergei Lavrov", "RUS", "act-lavrov")


def place(name: str, geonameid: int, country: str, lat: float, lon: float, feature: str) -> PlaceRecord:
    return PlaceRecord(article_id="", text=name, start=0, end=0, name=name, geonameid=geonameid,
                       country=country, latitude=lat, longitude=lon, feature=feature, confidence=0.9)


GENEVA = place("Geneva", 2660646, "CHE", 46.20222, 6.14569, "city")
BRUSSELS = place("Brussels", 2800866, "BEL", 50.85045, 4.34878, "city")
KYIV = place("Kyiv", 703448, "UKR", 50.45466, 30.5238, "city")
UKRAINE = place("Ukraine", 690791, "UKR", 49.0, 32.0, "country")


def event(id_: str, article: Article, sentence: str, trigger: str, type_: str,
          actors: list[ActorRef], recipients: list[ActorRef], date: str, precision: str,
          location: PlaceRecord | None, score: float, quad: int, status: str = "occurred",
          context: list[str] | None = None) -> EventRecord:
    start = article.text.index(sentence)
    return EventRecord(id=id_, article_id=article.id, type=type_, mode=None, context=context or [],
                       actor=actors, recipient=recipients, date=date, date_precision=precision,
                       status=status, location=location, trigger=trigger, text=sentence, start=start,
                       end=start + len(sentence), score=score, quad=quad, confidence=0.8)


def happening(id_: str, type_: str, actors: list[ActorRef], recipients: list[ActorRef], date: str,
              precision: str, location: PlaceRecord | None, score: float, quad: int,
              event_ids: list[str], articles: int, status: str = "occurred") -> HappeningRecord:
    return HappeningRecord(id=id_, type=type_, mode=None, actor=actors, recipient=recipients, date=date,
                           date_precision=precision, status=status, location=location, score=score,
                           quad=quad, event_ids=event_ids, num_mentions=len(event_ids),
                           num_articles=articles, num_sources=articles, confidence=0.9)


S1 = "Lavrov demanded guarantees from NATO in Geneva on Monday."
S2 = "NATO and the United States rejected the demands."
S3 = "Russia and NATO met in Brussels in January."
T1 = "\n\n".join([S1, S2, S3])
S4 = "Russia demanded security guarantees from NATO."
S5 = "Russia will move troops towards Ukraine next week."
S6 = "Russia shelled Ukraine this year."
T2 = "\n\n".join([S4, S5, S6])


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = Store(tmp_path / "d.db")
    run_id = db.start_run("test", Settings(), ["events.v1"])
    a1 = Article.create("a1.txt", T1, title="Talks", published="2022-01-12", date_source="given",
                        source="Euractiv", url="https://example.org/a1")
    a1.language = "en"
    lavrov_at = a1.text.index("Lavrov")
    a1.records = [
        ActorRecord(id="act-lavrov", article_id=a1.id, name="Sergei Lavrov", type="person", code="RUS",
                    sector="GOV", role="foreign minister", mentions=[Span(lavrov_at, lavrov_at + 6)],
                    identity="person:sergei-lavrov"),
        event("e1", a1, S1, "demanded", "REQUEST", [LAVROV], [NATO], "2022-01-10", "day", GENEVA, 0.0, 3),
        event("e2", a1, S2, "rejected", "REJECT", [NATO, USA], [RUS], "2022-01-12", "day", None, -2.0, 3),
        event("e3", a1, S3, "met", "CONSULT", [RUS, NATO], [], "2022-01", "month", BRUSSELS, 2.5, 1,
              context=["military"]),
    ]
    a2 = Article.create("a2.txt", T2, title="Guarantees", published="2022-01-13", date_source="given",
                        source="Reuters", url="https://example.org/a2")
    a2.records = [
        event("e4", a2, S4, "demanded", "REQUEST", [RUS], [NATO], "2022-01-10", "day", GENEVA, 0.0, 3),
        event("e5", a2, S5, "move troops", "MOBILIZE", [RUS], [UKR], "2022-W02", "week", KYIV, -6.5, 4,
              status="scheduled"),
        event("e6", a2, S6, "shelled", "ASSAULT", [RUS], [], "2022", "year", UKRAINE, -9.0, 4),
    ]
    assert db.add_article(a1, run_id) and db.add_article(a2, run_id)
    db.conn.execute("UPDATE articles SET ingested_at = '2022-01-12T08:30:00+00:00' WHERE id = ?", (a1.id,))
    db.conn.execute("UPDATE articles SET ingested_at = '2022-01-13T09:00:00+00:00' WHERE id = ?", (a2.id,))
    db.add_records([
        happening("h1", "REQUEST", [LAVROV, RUS], [NATO], "2022-01-10", "day", GENEVA, 0.0, 3, ["e1", "e4"], 2),
        happening("h2", "REJECT", [NATO, USA], [RUS], "2022-01-12", "day", None, -2.0, 3, ["e2"], 1),
        happening("h3", "CONSULT", [RUS, NATO], [], "2022-01", "month", BRUSSELS, 2.5, 1, ["e3"], 1),
        happening("h4", "MOBILIZE", [RUS], [UKR], "2022-W02", "week", KYIV, -6.5, 4, ["e5"], 1,
                  status="scheduled"),
        happening("h5", "ASSAULT", [RUS], [], "2022", "year", UKRAINE, -9.0, 4, ["e6"], 1),
    ])
    yield db
    db.close()


def test_exports_plover_events(store: Store) -> None:
    out = io.StringIO()
    assert exports.write_plover(store, out) == 6
    lines = {d["id"]: d for d in map(json.loads, out.getvalue().splitlines())}
    e1 = lines["e1"]
    a1 = Article.create("a1.txt", T1)
    assert (e1["date"], e1["date_precision"], e1["event"], e1["quad_code"], e1["event_scale"]) == (
        "2022-01-10", "day", ["REQUEST"], 3, 0.0)
    assert e1["source"] == [{"code": "RUS", "actor_text": "Lavrov", "identifier_id": "act-lavrov",
                             "identifier_text": "Sergei Lavrov", "sector": "GOV",
                             "identity": "person:sergei-lavrov"}]
    assert e1["recipient"] == [{"code": "NATO", "actor_text": "North Atlantic Treaty Organization",
                                "identifier_id": None, "identifier_text": "North Atlantic Treaty Organization",
                                "sector": None, "identity": None}]
    assert e1["event_loc"] == {"geonameid": 2660646, "name": "Geneva", "latitude": 46.20222,
                               "longitude": 6.14569, "cc3": "CHE", "feature": "city"}
    assert (e1["event_text"], e1["link"], e1["text"]) == (["demanded"], "h1", S1)
    assert e1["text_info"] == {"start": 0, "end": len(S1)}
    assert a1.text[e1["text_info"]["start"]:e1["text_info"]["end"]] == S1
    coder = f"detente {__version__} (rules {RULES_VERSION})"
    assert e1["cite_info"] == {"corpus": None, "citation": a1.id, "url": "https://example.org/a1",
                               "title": "Talks", "language": "en", "publication": "Euractiv",
                               "coder": coder, "codebook": "PLOVER 0.7b1 + detente extensions"}
    assert e1["coder"] == coder and len(e1["coded_date"]) == 10
    assert (e1["status"], e1["confidence"], e1["article_id"]) == ("occurred", 0.8, a1.id)
    # A coarse date keeps its precision; a missing place is null, not "".
    e3 = lines["e3"]
    assert (e3["date"], e3["date_precision"], e3["recipient"], e3["context"]) == (
        "2022-01", "month", [], ["military"])
    assert lines["e2"]["event_loc"] is None and lines["e2"]["mode"] is None
    assert lines["e4"]["cite_info"]["language"] is None
    # --no-text: the evidence sentence goes, its offsets stay.
    out = io.StringIO()
    exports.write_plover(store, out, with_text=False)
    first = json.loads(out.getvalue().splitlines()[0])
    assert "text" not in first and "text_info" in first


def test_exports_plover_happenings(store: Store) -> None:
    out = io.StringIO()
    assert exports.write_plover(store, out, kind="happening") == 5
    lines = {d["id"]: d for d in map(json.loads, out.getvalue().splitlines())}
    h1 = lines["h1"]
    assert (h1["link"], h1["event"], h1["date"], h1["event_text"]) == ("h1", ["REQUEST"], "2022-01-10",
                                                                        ["demanded"])
    assert [s["code"] for s in h1["source"]] == ["RUS", "RUS"] and h1["source"][0]["sector"] == "GOV"
    assert (h1["num_mentions"], h1["num_articles"], h1["num_sources"], h1["event_ids"]) == (
        2, 2, 2, ["e1", "e4"])
    assert h1["cite_info"]["citation"] == Article.create("a1.txt", T1).id
    assert "text" not in h1 and "text_info" not in h1
    assert (lines["h4"]["date"], lines["h4"]["date_precision"], lines["h4"]["status"]) == (
        "2022-W02", "week", "scheduled")
    assert lines["h3"]["context"] == ["military"]
    with pytest.raises(ConfigError):
        exports.write_plover(store, io.StringIO(), kind="actor")


def test_exports_gdelt(store: Store) -> None:
    out = io.StringIO()
    # h1: RUS->NATO; h2: NATO->RUS, USA->RUS; h3: RUS->NATO, NATO->RUS; h5: RUS alone;
    # h4 is only scheduled.
    assert exports.write_gdelt(store, out) == 6
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and all(len(line.split("\t")) == 61 for line in lines[:-1])
    header = lines[0].split("\t")
    assert header[:5] == ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    assert header[25:35] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                             "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    assert header[51:] == ["ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
                           "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long",
                           "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:-1]]

    def row(h: str, a1: str, a2: str) -> dict[str, str]:
        gid = str(int(hashlib.sha1(f"{h}|{a1}|{a2}".encode()).hexdigest()[:15], 16))
        (found,) = [r for r in rows if r["GlobalEventID"] == gid]
        return found

    r = row("h1", "RUS", "NATO")
    assert (r["Day"], r["MonthYear"], r["Year"], r["FractionDate"]) == ("20220110", "202201", "2022", "2022.0274")
    assert (r["Actor1Code"], r["Actor1Name"], r["Actor1CountryCode"], r["Actor1KnownGroupCode"],
            r["Actor1Type1Code"]) == ("RUS", "SERGEI LAVROV", "RUS", "", "GOV")
    assert (r["Actor2Code"], r["Actor2Name"], r["Actor2CountryCode"], r["Actor2KnownGroupCode"],
            r["Actor2Type1Code"]) == ("NATO", "NORTH ATLANTIC TREATY ORGANIZATION", "", "NATO", "")
    assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"], r["QuadClass"], r["GoldsteinScale"]) == (
        "100", "100", "10", "3", "0")
    assert (r["NumMentions"], r["NumSources"], r["NumArticles"]) == ("2", "2", "2")
    assert (r["ActionGeo_Type"], r["ActionGeo_FullName"], r["ActionGeo_CountryCode"], r["ActionGeo_Lat"],
            r["ActionGeo_Long"], r["ActionGeo_FeatureID"]) == ("4", "Geneva", "CHE", "46.20222", "6.14569",
                                                                "2660646")
    assert (r["DATEADDED"], r["SOURCEURL"]) == ("20220112083000", "https://example.org/a1")
    unknown = ["IsRootEvent", "AvgTone", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Type2Code",
               "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
               *(c for c in header if c.startswith(("Actor1Geo_", "Actor2Geo_")))]
    assert all(x[c] == "" for x in rows for c in unknown)
    # A month-precise happening: no Day, no FractionDate.
    r = row("h3", "NATO", "RUS")
    assert (r["Day"], r["MonthYear"], r["Year"], r["FractionDate"], r["EventCode"], r["QuadClass"]) == (
        "", "202201", "2022", "", "040", "1")
    assert r["GoldsteinScale"] == "2.5" and r["ActionGeo_FullName"] == "Brussels"
    # No place: the whole ActionGeo block is empty; two actors give two rows.
    r = row("h2", "USA", "RUS")
    assert (r["Actor1Name"], r["Actor2Code"], r["GoldsteinScale"], r["ActionGeo_Type"], r["ActionGeo_Lat"]) == (
        "UNITED STATES", "RUS", "-2", "", "")
    assert row("h2", "NATO", "RUS")["EventRootCode"] == "12"
    # One actor, no recipient: one row, Actor2 empty; a year-precise date gives only Year.
    r = row("h5", "RUS", "")
    assert (r["Actor2Code"], r["Actor2Name"], r["Day"], r["MonthYear"], r["Year"]) == ("", "", "", "", "2022")
    assert (r["EventCode"], r["ActionGeo_Type"], r["ActionGeo_CountryCode"], r["ActionGeo_FeatureID"]) == (
        "180", "1", "UKR", "690791")
    assert r["DATEADDED"] == "20220113090000" and r["SOURCEURL"] == "https://example.org/a2"
    # Every status: the scheduled mobilisation joins (a week date: its Thursday's month).
    out = io.StringIO()
    assert exports.write_gdelt(store, out, statuses=("occurred", "scheduled")) == 7
    assert "\t202201\t2022\t\tRUS\t" in out.getvalue()


def test_exports_parquet_read_back_with_duckdb_and_pyarrow(store: Store, tmp_path: Path) -> None:
    events, happenings = tmp_path / "events.parquet", tmp_path / "happenings.parquet"
    assert exports.write_parquet(store, events, "event") == 6
    assert exports.write_parquet(store, happenings, "happening") == 5
    con = duckdb.connect()
    # 0 - 2 + 2.5 + 0 - 6.5 - 9
    assert con.execute("SELECT count(*), sum(score) FROM read_parquet(?)", [str(events)]).fetchall() == [
        (6, -15.0)]
    assert con.execute("SELECT type, json_extract_string(location, '$.name') FROM read_parquet(?)"
                       " WHERE id = 'e1'", [str(events)]).fetchall() == [("REQUEST", "Geneva")]
    assert con.execute("SELECT num_articles, status FROM read_parquet(?) WHERE id = 'h1'",
                       [str(happenings)]).fetchall() == [(2, "occurred")]
    table = pq.read_table(happenings)
    assert table.num_rows == 5 and table.column_names[0] == "kind"
    assert str(table.schema.field("num_articles").type) == "int64"
    assert str(table.schema.field("score").type) == "double"
    # An all-null column keeps its type.
    assert str(pq.read_table(events).schema.field("mode").type) == "string"
    assert json.loads(table.to_pylist()[0]["event_ids"]) == ["e1", "e4"]


def test_exports_network_gexf_and_graphml(store: Store) -> None:
    # Happened happenings h1, h2, h3, h5: nodes RUS, NATO, USA (UKR is only in
    # the scheduled h4); edges RUS->NATO (h1, h3), NATO->RUS (h2, h3), USA->RUS (h2).
    out = io.StringIO()
    assert exports.write_network(store, out, "gexf") == 3
    root = ET.fromstring(out.getvalue())
    ns = {"g": exports.GEXF_NS}
    assert root.tag == f"{{{exports.GEXF_NS}}}gexf" and root.get("version") == "1.3"
    nodes = {n.get("id"): n for n in root.iterfind(".//g:node", ns)}
    assert set(nodes) == {"RUS", "NATO", "USA"}
    assert nodes["RUS"].get("label") == "Russia"  # not Sergei Lavrov: a person names a country last
    assert nodes["NATO"].find(".//g:attvalue", ns).get("value") == "organization"  # type: ignore[union-attr]
    edges = {(e.get("source"), e.get("target")): e for e in root.iterfind(".//g:edge", ns)}
    assert set(edges) == {("RUS", "NATO"), ("NATO", "RUS"), ("USA", "RUS")}
    values = {v.get("for"): v.get("value") for v in edges[("NATO", "RUS")].iterfind(".//g:attvalue", ns)}
    assert edges[("NATO", "RUS")].get("weight") == "2"
    assert values == {"q1": "1", "q2": "0", "q3": "1", "q4": "0", "score_mean": "0.25"}

    out = io.StringIO()
    assert exports.write_network(store, out, "graphml") == 3
    root = ET.fromstring(out.getvalue())
    ns = {"g": exports.GRAPHML_NS}
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.iterfind("g:key", ns)}
    assert keys["weight"] == ("edge", "double") and keys["label"] == ("node", "string")
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("edgedefault") == "directed"
    assert len(graph.findall("g:node", ns)) == 3
    data = {(e.get("source"), e.get("target")): {d.get("key"): d.text for d in e.findall("g:data", ns)}
            for e in graph.findall("g:edge", ns)}
    assert len(data) == 3
    assert data[("RUS", "NATO")] == {"weight": "2", "q1": "1", "q2": "0", "q3": "1", "q4": "0",
                                     "score_mean": "1.25"}
    assert data[("USA", "RUS")]["score_mean"] == "-2.0"
    with pytest.raises(ConfigError):
        exports.write_network(store, io.StringIO(), "dot")


def test_exports_kepler(store: Store) -> None:
    out = io.StringIO()
    assert exports.write_kepler(store, out) == 4  # h2 has no place
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {"latitude", "longitude", "event_date"} <= set(rows[0])
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"h1", "h3", "h4", "h5"}
    assert (by_id["h1"]["event_date"], by_id["h1"]["latitude"], by_id["h1"]["actors"],
            by_id["h1"]["recipients"], by_id["h1"]["num_articles"]) == ("2022-01-10", "46.20222", "RUS", "NATO", "2")
    assert (by_id["h3"]["event_date"], by_id["h3"]["actors"], by_id["h3"]["recipients"]) == (
        "", "RUS; NATO", "")
    assert (by_id["h4"]["status"], by_id["h5"]["country"], by_id["h5"]["place"]) == ("scheduled", "UKR", "Ukraine")


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize(
    ("fmt", "kind", "check"),
    [
        ("jsonl", "happening", lambda text: len(text.splitlines()) == 5),
        ("csv", "event", lambda text: text.startswith("kind,stage,id,article_id,type,")),
        ("plover", None, lambda text: json.loads(text.splitlines()[0])["event"]),
        ("plover", "happening", lambda text: json.loads(text.splitlines()[0])["num_articles"]),
        ("gdelt", None, lambda text: len(text.splitlines()) == 7 and text.startswith("GlobalEventID\tDay")),
        ("gdelt", "happening", lambda text: len(text.splitlines()) == 7),
        ("gexf", None, lambda text: len(ET.fromstring(text).findall(f".//{{{exports.GEXF_NS}}}edge")) == 3),
        ("graphml", None, lambda text: len(ET.fromstring(text).findall(f".//{{{exports.GRAPHML_NS}}}edge")) == 3),
        ("kepler", None, lambda text: len(text.splitlines()) == 5),
    ],
)
def test_exports_cli_round_trip(store: Store, tmp_path: Path, fmt: str, kind: str | None, check) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"out.{fmt}"
    result = run("export", "--db", store.path, "--format", fmt, *(["--kind", kind] if kind else []),
                 "-o", target)
    assert result.exit_code == 0, result.output
    assert check(target.read_text("utf-8"))
    # And to standard output.
    result = run("export", "--db", store.path, "--format", fmt, *(["--kind", kind] if kind else []))
    assert result.exit_code == 0 and check(result.stdout)


def test_exports_cli_parquet_and_usage_errors(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "h.parquet"
    assert run("export", "--db", store.path, "--format", "parquet", "--kind", "happening",
               "-o", target).exit_code == 0
    assert pq.read_table(target).num_rows == 5
    for args in (["--format", "parquet", "--kind", "event"], ["--format", "csv"],
                 ["--format", "gdelt", "--kind", "event"], ["--format", "kepler", "--kind", "article"],
                 ["--format", "plover", "--kind", "actor"], ["--format", "xml"]):
        result = run("export", "--db", store.path, *args)
        assert result.exit_code == 2, (args, result.output)
