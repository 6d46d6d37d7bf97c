"""The happenings merge finds its candidates through indexes (issue 19): the
result must be exactly what the straightforward merge gives.

The reference below is the merge as it was before the indexes by article:
an undated event looks through every member of every happening the update
has touched, and a happening works out its articles from its members each
time it is asked. Both run over generated streams (dated, undated, mixed;
in one update and in several), and over the events the pipeline finds in
real undated news; every happening row and the event map must be the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from detente import Settings, api
from detente.article import Article
from detente.corpus import happenings
from detente.corpus.happenings import Cluster, Member, rebuild_happenings, update_happenings
from detente.records import ActorRef, EventRecord, PlaceRecord
from detente.store import Store

from .conftest import FIXTURES

TYPES = ["CONSULT", "REQUEST", "REJECT", "THREATEN", "ASSAULT", "COERCE", "AGREE", "SANCTION"]


class _ReferenceCluster(Cluster):
    @property  # type: ignore[override]
    def article_ids(self) -> set[str]:
        return {m.article_id for m in self.members}


class _ReferencePool(happenings._Pool):
    def candidates(self, event: Member) -> list[Cluster]:
        if happenings.weeks_of(event.window):
            return super().candidates(event)
        ids = {r[0] for r in self.store.conn.execute(
            "SELECT DISTINCT he.happening_id FROM happening_events he JOIN events e ON e.id = he.event_id"
            " WHERE e.article_id = ?", (event.article_id,))}
        ids |= {cid for cid in self.touched
                if any(m.article_id == event.article_id for m in self.clusters[cid].members)}
        for cid in ids:
            if cid not in self.clusters:
                self.clusters[cid] = happenings._load(self.store, cid)
                self.stored.add(cid)
        return [self.clusters[cid] for cid in sorted(ids)]


@contextmanager
def reference() -> Iterator[None]:
    saved = happenings._Pool, happenings.Cluster
    happenings._Pool, happenings.Cluster = _ReferencePool, _ReferenceCluster  # type: ignore[misc]
    try:
        yield
    finally:
        happenings._Pool, happenings.Cluster = saved  # type: ignore[misc]


def stream(seed: int, articles: int, undated_share: float, dateless_share: float) -> list[dict[str, Any]]:
    """Articles reporting a few real events each, with the noise of real
    reports: a missing participant, another actor/recipient split, a week,
    month or no date instead of the day, another place, several events of
    one article reporting the same thing."""
    import datetime as dt

    rng = random.Random(seed)
    codes = [f"C{n:02d}" for n in range(25)]
    places = [{"geonameid": 100 + n, "name": f"P{n}", "country": codes[n % 10], "feature": "city"}
              for n in range(8)] + [{"geonameid": 900, "name": "C01", "country": "C01", "feature": "country"}]
    real = []
    for _ in range(articles):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(90))
        real.append((rng.choice(TYPES), rng.sample(codes, rng.choice((0, 1, 2, 2, 3))), day, rng.choice(places)))
    out = []
    for n in range(articles):
        undated = rng.random() < undated_share
        published = None if undated else (dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(100))).isoformat()
        events = []
        told = rng.sample(real[max(0, n - 40):n + 1], min(n + 1, rng.randint(1, 2)))
        for _ in range(rng.randint(1, 5)):
            type_, people, day, place = rng.choice(told)
            people = list(people)
            if len(people) > 1 and rng.random() < 0.2:
                people.pop(rng.randrange(len(people)))
            split = rng.randint(0, len(people))
            roll = rng.random()
            year, week, _ = day.isocalendar()
            date, precision = ((None, None) if roll < dateless_share else
                               (f"{year}-W{week:02d}", "week") if roll < dateless_share + 0.2 else
                               (day.isoformat()[:7], "month") if roll < dateless_share + 0.25 else
                               (day.isoformat(), "day"))
            events.append({"type": type_, "actor": people[:split], "recipient": people[split:], "date": date,
                           "precision": precision, "place": rng.choice((place, place, None)),
                           "status": rng.choice(("occurred", "occurred", "ongoing", "scheduled", "negated")),
                           "confidence": rng.choice((0.5, 0.7, 0.9))})
        out.append({"ref": f"a{n}", "published": published, "source": f"outlet {rng.randrange(12)}",
                    "events": events})
    return out


def store_articles(store: Store, items: list[dict[str, Any]]) -> None:
    for item in items:
        article = Article.create(item["ref"], f"Report {item['ref']}.", published=item["published"],
                                 date_source="given", source=item["source"])
        records = []
        for n, e in enumerate(item["events"]):
            place = e["place"]
            location = None if place is None else PlaceRecord(
                article_id=article.id, text=place["name"], start=0, end=1, name=place["name"],
                geonameid=place["geonameid"], country=place["country"], latitude=0.0, longitude=0.0,
                feature=place["feature"], confidence=0.9)
            records.append(EventRecord(
                id=f"{article.id}-e{n}", article_id=article.id, type=e["type"], mode=None, context=[],
                actor=[ActorRef(c, c) for c in e["actor"]], recipient=[ActorRef(c, c) for c in e["recipient"]],
                date=e["date"], date_precision=e["precision"], status=e["status"], location=location,
                trigger="x", text="x", start=n, end=n + 1, score=None, quad=None, confidence=e["confidence"]))
        article.records = records
        assert store.add_article(article)


def dump(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every happening row (all columns but the run), the event map and the
    candidate index, sorted."""
    conn = store.conn
    columns = [r[1] for r in conn.execute("PRAGMA table_info(happenings)") if r[1] != "run_id"]
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM happenings ORDER BY id").fetchall()
    mapping = conn.execute("SELECT event_id, happening_id FROM happening_events ORDER BY event_id").fetchall()
    keys = conn.execute("SELECT * FROM happening_keys ORDER BY 1, 2, 3, 4").fetchall()
    return [tuple(r) for r in rows], [tuple(r) for r in mapping], [tuple(r) for r in keys]


def merge(path: Path, items: list[dict[str, Any]], batches: int) -> Any:
    with Store(path) as store:
        size = -(-len(items) // batches)
        for start in range(0, len(items), size):
            store_articles(store, items[start:start + size])
            update_happenings(store)
        return dump(store)


@pytest.mark.parametrize(("seed", "undated_share", "dateless_share", "batches"), [
    (1, 0.0, 0.0, 1),    # dated articles, dated events
    (2, 1.0, 0.7, 1),    # undated articles, mostly undated events
    (3, 1.0, 0.7, 5),    # the same, over several updates (stored happenings gain reports)
    (4, 0.5, 0.4, 3),    # mixed
    (5, 0.3, 0.9, 1),    # nearly every event undated
])
def test_indexed_merge_equals_the_reference(tmp_path: Path, seed: int, undated_share: float,
                                            dateless_share: float, batches: int) -> None:
    items = stream(seed, 160, undated_share, dateless_share)
    indexed = merge(tmp_path / "indexed.db", items, batches)
    with reference():
        expected = merge(tmp_path / "reference.db", items, batches)
    assert indexed == expected
    happening_rows, mapping, _ = indexed
    # The streams exercise the merge: many happenings, many of several reports.
    assert len(mapping) > 1.3 * len(happening_rows) > 30


@pytest.mark.model
def test_indexed_merge_equals_the_reference_on_real_undated_news(settings: Settings, tmp_path: Path) -> None:
    """The events the pipeline finds in the realnews set, ingested without
    publication dates (most of their events undated), merged both ways."""
    import json

    source = FIXTURES / "events" / "realnews" / "articles.jsonl"
    rows = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line.strip()]
    undated = tmp_path / "undated.jsonl"
    # Each article twice (the copy made unique): the same events in two
    # articles, as syndicated copy gives.
    undated.write_text("".join(json.dumps({"id": f"{r['id']}-{k}", "title": r["title"],
                                           "text": r["text"] + ("" if k == 0 else "\n\nCopy.")}) + "\n"
                               for k in range(2) for r in rows), "utf-8")
    with Store(tmp_path / "real.db") as store:
        api.ingest([str(undated)], store, settings)
        indexed = dump(store)
        undated_events = store.conn.execute(
            "SELECT count(*) FROM events e JOIN happening_events he ON he.event_id = e.id WHERE e.date IS NULL"
        ).fetchone()[0]
        with reference():
            rebuild_happenings(store)
        assert dump(store) == indexed
        rebuild_happenings(store)
        assert dump(store) == indexed
    assert undated_events > 20
