"""Dyad series, checked by hand on events written for the test."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from detente.article import Article
from detente.cli import cli
from detente.corpus.dyads import dyad_frame, dyad_series, period_of
from detente.corpus.happenings import update_happenings
from detente.records import ActorRef, EventRecord
from detente.store import Store


def event(n: int, type_: str, actors: list[str], recipients: list[str], date: str | None, precision: str | None,
          score: float, quad: int, status: str = "occurred") -> EventRecord:
    return EventRecord(id=f"e{n}", article_id="", type=type_, mode=None, context=[],
                       actor=[ActorRef(c, c) for c in actors], recipient=[ActorRef(c, c) for c in recipients],
                       date=date, date_precision=precision, status=status, location=None, trigger="x",
                       text="x", start=0, end=1, score=score, quad=quad, confidence=0.9)


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    db = Store(str(tmp_path / "d.db"))
    article = Article.create("a", "Test article for dyads.", published="2022-01-14", date_source="given")
    events = [
        event(1, "REQUEST", ["RUS"], ["NATO"], "2022-01-10", "day", 0.0, 3),     # Monday, week 2
        event(2, "REJECT", ["NATO", "USA"], ["RUS"], "2022-01-12", "day", -2.0, 3),
        event(3, "CONSULT", ["NATO", "RUS"], [], "2022-01-12", "day", 2.5, 1),  # multilateral: both ways
        event(4, "MOBILIZE", ["RUS"], ["UKR"], "2022-W02", "week", -6.5, 4),
        event(5, "REQUEST", ["RUS"], ["NATO"], "2021-12", "month", 0.0, 3),     # too coarse for weeks
        event(6, "RETREAT", ["NATO"], ["RUS"], "2022-01-12", "day", 6.5, 2, status="negated"),
        event(7, "THREATEN", ["RUS"], ["NATO"], "2022-01-17", "day", -3.5, 3),  # week 3
    ]
    for e in events:
        e.article_id = article.id
    article.records = list(events)
    db.add_article(article)
    update_happenings(db)
    yield db
    db.close()


def test_period_of() -> None:
    assert period_of("2022-01-12", "day", "week") == "2022-W02"
    assert period_of("2022-01-02", "day", "week") == "2021-W52"
    assert period_of("2022-W52", "week", "month") == "2022-12"  # the week's Thursday is 29 December
    assert period_of("2022-01", "month", "week") is None


def test_dyads_by_hand(store: Store) -> None:
    series = dyad_series(store, period="week")
    rows = {(r.source, r.target, r.period): r for r in series.rows}
    # RUS -> NATO in week 2: the request (0.0, quad 3) and the joint meeting (2.5, quad 1).
    r = rows[("RUS", "NATO", "2022-W02")]
    assert (r.n, r.q1, r.q3, r.score_sum, r.score_mean) == (2, 1, 1, 2.5, 1.25)
    # NATO -> RUS: the rejection (-2) and the meeting (+2.5); the negated retreat does not count.
    r = rows[("NATO", "RUS", "2022-W02")]
    assert (r.n, r.q1, r.q2, r.q3, r.score_sum, r.score_mean) == (2, 1, 0, 1, 0.5, 0.25)
    r = rows[("USA", "RUS", "2022-W02")]
    assert (r.n, r.score_sum) == (1, -2.0)
    assert rows[("RUS", "UKR", "2022-W02")].q4 == 1
    assert rows[("RUS", "NATO", "2022-W03")].score_mean == -3.5
    assert series.too_coarse == 1
    # Monthly: the December request is back; January holds the rest.
    monthly = {(r.source, r.target, r.period): r for r in dyad_series(store, period="month").rows}
    assert monthly[("RUS", "NATO", "2021-12")].n == 1
    assert monthly[("RUS", "NATO", "2022-01")].n == 3
    # All statuses, counting events: the negated retreat joins NATO -> RUS
    # (a negated event is no happening).
    every = dyad_series(store, period="week", statuses=("occurred", "negated"), unit="event")
    nato = next(r for r in every.rows if (r.source, r.target, r.period) == ("NATO", "RUS", "2022-W02"))
    assert (nato.n, nato.q2, nato.score_sum) == (3, 1, 7.0)
    # One actor: every pair with UKR.
    assert [(r.source, r.target) for r in dyad_series(store, actor="ukr").rows] == [("RUS", "UKR")]


def test_dyads_dataframe_and_cli(store: Store) -> None:
    frame = dyad_frame(store, actor="USA", period="week")
    assert list(frame.columns[:4]) == ["source", "target", "period", "n"]
    assert frame.to_dict("records")[0]["score_sum"] == -2.0
    result = CliRunner().invoke(cli, ["dyads", "--db", store.path, "--actor", "RUS", "--period", "week",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {(r["source"], r["target"]) for r in rows} >= {("RUS", "NATO"), ("NATO", "RUS"), ("RUS", "UKR")}
    text = CliRunner().invoke(cli, ["dyads", "--db", store.path]).output
    assert "RUS -> NATO" in text and "too coarsely" in text


def test_dyads_count_a_happening_once(store: Store) -> None:
    """A second outlet reporting the 12 January meeting adds an event, not a
    happening: happening series stay, event series grow."""
    other = Article.create("b", "Another report of the meeting.", published="2022-01-13", date_source="given",
                           source="Other Outlet")
    report = event(8, "CONSULT", ["RUS", "NATO"], [], "2022-01-12", "day", 2.5, 1)
    report.article_id = other.id
    other.records = [report]
    store.add_article(other)
    assert update_happenings(store).merged == 1
    by_happening = {(r.source, r.target, r.period): r for r in dyad_series(store, period="week").rows}
    by_event = {(r.source, r.target, r.period): r for r in dyad_series(store, period="week", unit="event").rows}
    assert by_happening[("NATO", "RUS", "2022-W02")].n == 2      # the rejection and the meeting
    assert by_event[("NATO", "RUS", "2022-W02")].n == 3          # the meeting twice
    assert by_event[("NATO", "RUS", "2022-W02")].score_sum == 3.0
    result = CliRunner().invoke(cli, ["dyads", "--db", store.path, "--events", "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("source,target,period,n,")


def test_dyads_counterpart_cli(store: Store) -> None:
    result = CliRunner().invoke(cli, ["dyads", "--db", store.path, "--actor", "RUS", "--counterpart", "nato",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = {(r["source"], r["target"]) for r in map(json.loads, result.output.splitlines())}
    assert pairs == {("RUS", "NATO"), ("NATO", "RUS")}


def test_dyads_count_undated_events(store: Store) -> None:
    """Events of an article with no publication date have no date: they are
    in no period and no date range, and were dropped without a word (or
    counted as "too coarse"). They are counted as undated, whatever the
    range, and only for the pairs asked for."""
    before = {(r.source, r.target, r.period): r.n for r in dyad_series(store, period="week").rows}
    undated = Article.create("c", "An undated report.")
    events = [event(9, "CONSULT", ["RUS"], ["NATO"], None, None, 1.0, 1),
              event(10, "ASSAULT", ["RUS"], ["UKR"], None, None, -10.0, 4)]
    for e in events:
        e.article_id = undated.id
    undated.records = list(events)
    store.add_article(undated)
    update_happenings(store)
    series = dyad_series(store, period="week")
    assert (series.undated, series.too_coarse) == (2, 1)
    assert {(r.source, r.target, r.period): r.n for r in series.rows} == before
    assert dyad_series(store, period="week", unit="event").undated == 2
    assert dyad_series(store, actor="UKR").undated == 1
    assert dyad_series(store, actor="USA").undated == 0
    ranged = dyad_series(store, period="day", date_from="2022-01-12", date_to="2022-01-12")
    assert ranged.undated == 2 and {r.period for r in ranged.rows} == {"2022-01-12"}
