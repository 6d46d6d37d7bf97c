"""Happenings: events merged across articles.

The rules are checked on events written for the test (no model needed);
the whole path (extraction, then merging) on twelve articles written for
detente about the January 2022 talks (tests/fixtures/corpus), with a
pinned floor and against the usual exact-key de-duplication.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente import Settings, api
from detente.article import Article
from detente.cli import cli
from detente.corpus.happenings import rebuild_happenings, update_happenings, window_of
from detente.eval.happenings import DEFAULT, score_happenings
from detente.records import ActorRef, EventRecord, PlaceRecord
from detente.store import Store

BRUSSELS = PlaceRecord(article_id="", text="Brussels", start=0, end=8, name="Brussels", geonameid=2800866,
                       country="BEL", latitude=50.85, longitude=4.35, feature="city", confidence=0.9)
VIENNA = PlaceRecord(article_id="", text="Vienna", start=0, end=6, name="Vienna", geonameid=2761369,
                     country="AUT", latitude=48.21, longitude=16.37, feature="city", confidence=0.9)
BELGIUM = PlaceRecord(article_id="", text="Belgium", start=0, end=7, name="Belgium", geonameid=2802361,
                      country="BEL", latitude=50.75, longitude=4.5, feature="country", confidence=0.9)


def event(type_: str, actors: list[str], recipients: list[str], date: str, precision: str = "day",
          place: PlaceRecord | None = None, status: str = "occurred", confidence: float = 0.7,
          start: int = 0) -> EventRecord:
    return EventRecord(id="", article_id="", type=type_, mode=None, context=[],
                       actor=[ActorRef(c, c) for c in actors], recipient=[ActorRef(c, c) for c in recipients],
                       date=date, date_precision=precision, status=status, location=place, trigger="x",
                       text="x", start=start, end=start + 1, score=None, quad=None, confidence=confidence)


def article(store: Store, ref: str, published: str, source: str | None, *events: EventRecord) -> Article:
    item = Article.create(ref, f"Report {ref}, written for the test.", published=published, date_source="given",
                          source=source)
    for n, e in enumerate(events):
        e.id, e.article_id, e.start, e.end = f"{item.id}-e{n}", item.id, n, n + 1
    item.records = list(events)
    assert store.add_article(item)
    return item


def by_event(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT event_id, happening_id FROM happening_events").fetchall())


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "h.db") as db:
        yield db


def test_reports_of_one_meeting_merge_and_corroborate(store: Store) -> None:
    a = article(store, "a", "2022-01-12", "Outlet A", event("CONSULT", ["NATO", "RUS"], [], "2022-01-12",
                                                             place=BRUSSELS, confidence=0.7))
    b = article(store, "b", "2022-01-13", "Outlet B", event("CONSULT", ["NATO"], ["RUS"], "2022-01-12",
                                                             place=BELGIUM, confidence=0.7))
    report = update_happenings(store)
    assert (report.events, report.created, report.merged) == (2, 1, 1)
    [one] = store.happenings()
    assert one.event_ids == [f"{a.id}-e0", f"{b.id}-e0"]
    assert (one.num_mentions, one.num_articles, one.num_sources) == (2, 2, 2)
    assert one.confidence == pytest.approx(1 - 0.3 * 0.3)            # two outlets: 0.91
    assert one.location is not None and one.location.name == "Brussels"  # the more specific place
    assert [r.code for r in one.actor] == ["NATO", "RUS"] and one.recipient == []
    assert (one.date, one.date_precision, one.status, one.type) == ("2022-01-12", "day", "occurred", "CONSULT")
    assert (one.score, one.quad) == (2.5, 1)  # plover.tsv: CONSULT
    # The same outlet again: a mention and an article more, no corroboration.
    article(store, "c", "2022-01-13", "outlet a", event("CONSULT", ["RUS", "NATO"], [], "2022-W02", "week"))
    report = update_happenings(store)
    assert (report.created, report.updated) == (0, 1)
    [one] = store.happenings()
    assert (one.num_mentions, one.num_articles, one.num_sources) == (3, 3, 2)
    assert one.confidence == pytest.approx(0.91)
    assert one.date == "2022-01-12"  # the day beats the week


def test_what_stays_apart(store: Store) -> None:
    article(store, "a", "2022-01-14", "A",
            event("CONSULT", ["USA", "RUS"], [], "2022-01-10"),                      # Geneva talks
            event("CONSULT", ["NATO", "RUS"], [], "2022-01-12", place=BRUSSELS),     # the Council
            event("CONSULT", ["OSCE", "RUS", "USA"], [], "2022-01-13", place=VIENNA),
            event("REJECT", ["USA"], ["RUS"], "2022-01-10"),
            event("REJECT", ["RUS"], ["USA"], "2022-01-10"),                         # the other way round
            event("REQUEST", ["RUS"], [], "2022-01-10"),                             # Russia's demand...
            event("REQUEST", ["USA"], ["RUS"], "2022-01-10"),                        # ...is not the US's
            event("RETREAT", ["RUS"], [], "2022-01-10", status="negated"),           # no happening
            event("MOBILIZE", [], [], "2022-01-10"))                                 # nobody, nowhere
    article(store, "b", "2022-01-14", "B",
            event("CONSULT", ["NATO", "RUS"], [], "2022-01-12", place=VIENNA),       # wrong city: apart
            event("CONSULT", ["USA", "RUS"], [], "2022-01-21"),                      # Blinken and Lavrov
            event("MOBILIZE", [], [], "2022-01-10"))                                 # nobody: apart
    report = update_happenings(store)
    assert report.events == 11  # the negated retreat is left out
    assert report.created == 11 and report.merged == 0


def test_a_week_dated_report_joins_the_meeting_its_actors_fit(store: Store) -> None:
    a = article(store, "a", "2022-01-12", "A", event("CONSULT", ["USA", "RUS"], [], "2022-01-10"),
                event("CONSULT", ["NATO", "RUS"], [], "2022-01-12"))
    b = article(store, "b", "2022-01-14", "B", event("CONSULT", ["RUS", "NATO"], [], "2022-W02", "week"),
                event("CONSULT", ["POL"], [], "2022-W02", "week"),
                event("CONSULT", ["NATO", "RUS", "USA"], [], "2022-W02", "week"))
    update_happenings(store)
    happening = by_event(store)
    # {RUS, NATO} is the Council, not the Geneva talks ({USA, RUS}: Jaccard 1/3).
    assert happening[f"{b.id}-e0"] == happening[f"{a.id}-e1"] != happening[f"{a.id}-e0"]
    # POL shares nobody: a happening of its own.
    assert happening[f"{b.id}-e1"] not in {happening[f"{a.id}-e0"], happening[f"{a.id}-e1"]}
    # {NATO, RUS, USA} fits both equally (each side holds the other's): the
    # one reported most wins (the Council, now two reports).
    assert happening[f"{b.id}-e2"] == happening[f"{a.id}-e1"]


def test_merging_is_incremental_and_deterministic(tmp_path: Path) -> None:
    def fill(db: Store, step: bool) -> list[tuple[str, tuple[str, ...], int]]:
        reports = [
            ("a", "2022-01-10", "A", [event("CONSULT", ["USA", "RUS"], [], "2022-01-10"),
                                      event("REQUEST", ["RUS"], ["NATO"], "2022-01-10")]),
            ("b", "2022-01-11", "B", [event("CONSULT", ["RUS", "USA"], [], "2022-01-10"),
                                      event("REQUEST", ["RUS"], ["NATO", "USA"], "2022-W02", "week")]),
            ("c", "2022-01-13", "C", [event("CONSULT", ["USA"], ["RUS"], "2022-01-10"),
                                      event("CONSULT", ["NATO", "RUS"], [], "2022-01-12")]),
        ]
        for ref, published, source, events in reports:
            article(db, ref, published, source, *events)
            if step:
                update_happenings(db)
        if not step:
            update_happenings(db)
        return sorted((h.id, tuple(h.event_ids), h.num_articles) for h in db.happenings())

    with Store(tmp_path / "one.db") as one, Store(tmp_path / "many.db") as many:
        at_once, step_by_step = fill(one, False), fill(many, True)
        assert at_once == step_by_step
        assert sorted(n for _, _, n in at_once) == [1, 2, 3]
        rebuilt = rebuild_happenings(many)
        assert (rebuilt.events, rebuilt.created) == (6, 3)
        assert sorted((h.id, tuple(h.event_ids), h.num_articles) for h in many.happenings()) == at_once
        # Nothing new: nothing to do.
        assert update_happenings(many).events == 0


def test_windows() -> None:
    assert window_of("2022-01-12", "day") == ("2022-01-12", "2022-01-12")
    assert window_of("2022-W02", "week") == ("2022-01-10", "2022-01-16")
    assert window_of("2022-02", "month") == ("2022-02-01", "2022-02-28")
    assert window_of("2021", "year") == ("2021-01-01", "2021-12-31")
    assert window_of(None, None) is None


def test_happenings_cli_and_export(store: Store) -> None:
    article(store, "a", "2022-01-12", "A", event("CONSULT", ["NATO", "RUS"], [], "2022-01-12", place=BRUSSELS))
    article(store, "b", "2022-01-13", "B", event("CONSULT", ["NATO", "RUS"], [], "2022-01-12"))
    update_happenings(store)
    out = CliRunner().invoke(cli, ["happenings", "--db", store.path, "--min-articles", "2"])
    assert out.exit_code == 0 and "CONSULT" in out.output and "2 article(s), 2 source(s)" in out.output
    exported = CliRunner().invoke(cli, ["export", "--db", store.path, "--kind", "happening"])
    [line] = exported.output.splitlines()
    record = json.loads(line)
    assert record["kind"] == "happening" and record["num_articles"] == 2 and len(record["event_ids"]) == 2
    rebuilt = CliRunner().invoke(cli, ["happenings", "--db", store.path, "--rebuild", "--format", "json"])
    assert rebuilt.exit_code == 0 and json.loads(rebuilt.output.splitlines()[-1])["id"] == record["id"]


# -- the corpus written for detente ---------------------------------------------------


@pytest.mark.model
def test_corpus_merges_into_the_right_happenings(settings: Settings) -> None:
    """Floors pinned at the measurement (coverage 0.431, purity 0.808, 4
    fragments, no false merge); a score may rise, lowering one needs a
    reason in the commit. (Fragments went from 3 to 4 when the events stage
    stopped dating "met for the first time since 2019" by 2019: more reports
    found, coverage up from 0.414, one of them a happening of its own.
    When the events stage found more reports on real news (issue 14),
    coverage rose to 0.490, fragments went from 4 to 7 and purity from
    0.808 to 0.846 (0.923 midway): more reports of the same happenings
    became clusters of their own; the reconciliation that joins them is
    the happenings issue. 2026-12-06: the events stage's word-sense round
    ("since 2014" is no date, launched strikes, troops leaving) found more
    reports again: coverage 0.524, purity 0.923, fragments 8; checked to be
    the events stage's doing, not the indexed merge, which gives the same
    figures with the old merge code.)"""
    scores = score_happenings(DEFAULT, settings)
    summary = scores.summary()
    assert summary["false_merges"] == 0, scores.misses
    assert summary["coverage"] >= 0.52, summary
    assert summary["purity"] >= 0.90, summary
    assert summary["fragments"] <= 8, summary
    assert summary["found"] >= 7, summary
    baseline = score_happenings(DEFAULT, settings, baseline=True).summary()
    assert summary["coverage"] > baseline["coverage"] and summary["fragments"] < baseline["fragments"]


@pytest.mark.model
def test_corpus_ingested_in_two_runs_gives_the_same_happenings(settings: Settings, tmp_path: Path) -> None:
    lines = (DEFAULT / "jan2022.jsonl").read_text("utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:6]) + "\n", "utf-8")
    second.write_text("\n".join(lines[6:]) + "\n", "utf-8")
    with Store(tmp_path / "once.db") as once, Store(tmp_path / "twice.db") as twice:
        api.ingest([str(DEFAULT / "jan2022.jsonl")], once, settings)
        api.ingest([str(first)], twice, settings)
        report = api.ingest([str(second)], twice, settings)
        assert report.happenings is not None and report.happenings.updated > 0  # old happenings gained reports
        assert sorted(tuple(h.event_ids) for h in once.happenings(limit=10_000)) == \
            sorted(tuple(h.event_ids) for h in twice.happenings(limit=10_000))
        geneva = [h for h in once.happenings(type="CONSULT", actor="USA") if h.date == "2022-01-10"]
        # 4 articles since the event classifier (issue 14) drops two weaker
        # reports of the talks (was 6): the merge itself is unchanged.
        assert geneva and geneva[0].num_articles >= 4 and geneva[0].num_sources >= 3
        # extract (no store) ends with the same happenings, merged in memory.
        extracted = [r for r in api.extract([str(DEFAULT / "jan2022.jsonl")], settings, with_text=False)
                     if r.kind == "happening"]
        assert sorted(tuple(h.event_ids) for h in extracted) == \
            sorted(tuple(h.event_ids) for h in once.happenings(limit=10_000))
