"""What a run holds on to (issue 19): ``detente ingest`` keeps counts for its
summary, not the articles; with workers, the parent builds no pipeline and
the workers still store what one process stores."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente import Settings, api
from detente.article import Article
from detente.cli import _Summary, cli
from detente.pipeline import Pipeline
from detente.records import ActorRecord, MentionRecord, QuoteRecord, Speaker
from detente.store import Store

from .conftest import FIXTURES

CORPUS = FIXTURES / "corpus" / "jan2022.jsonl"


@pytest.mark.model
def test_default_versions_follow_the_default_pipeline(settings: Settings) -> None:
    assert api.default_versions() == Pipeline.default(settings).versions


def _article(n: int, people: list[str]) -> Article:
    article = Article.create(f"a{n}", f"Text {n}.", title=f"Title {n}", published=None if n % 3 else "2022-01-12",
                             date_source="given")
    article.language = "en"
    article.records = [MentionRecord(id=f"{article.id}-m0", article_id=article.id, text="NATO", start=0, end=4,
                                     label="ORG", sentence=0)]
    for k, name in enumerate(people):
        article.records.append(ActorRecord(id=f"{article.id}-a{k}", article_id=article.id, name=name,
                                           type="person", code=f"C{n}", sector=None, role=None))
        article.records.append(QuoteRecord(
            id=f"{article.id}-q{k}", article_id=article.id, text="x", start=0, end=1, direct=True,
            speaker=Speaker(name=name, code=None, role=None), cue=None, confidence=0.9))
    return article


def test_the_ingest_summary_keeps_counts_not_articles() -> None:
    summary = _Summary()
    refs = []
    for n in range(30):
        article = _article(n, [f"Person {n % 11}", "Same Name"])
        refs.append(weakref.ref(article))
        summary.add(article)
    del article
    gc.collect()
    assert all(ref() is None for ref in refs)  # nothing of the articles is kept
    assert summary.count == 30 and len(summary.lines) == 20
    assert summary.undated == 20  # n % 3 != 0
    assert summary.labels == {"ORG": 30}
    # The first eight names, each with its latest record's role and code.
    assert list(summary.people) == ["Person 0", "Same Name", *[f"Person {n}" for n in range(1, 7)]]
    assert summary.people["Same Name"] == (None, "C29") and summary.more_people
    assert summary.said["Same Name"] == 30 and summary.said["Person 0"] == 3


@pytest.mark.model
def test_ingest_with_workers_builds_no_pipeline_in_the_parent_and_stores_the_same(
        settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def dump(store: Store) -> list[tuple[object, ...]]:
        conn = store.conn
        rows: list[tuple[object, ...]] = []
        for table in ("articles", "actors", "quotes", "times", "places", "events", "claims", "stances",
                      "happenings", "happening_events"):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                       if r[1] not in ("run_id", "ingested_at")]
            rows += [(table, *r) for r in conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1")]
        return rows

    with Store(tmp_path / "one.db") as one:
        api.ingest([str(CORPUS)], one, settings)
        serial = dump(one)
        stages_one = one.conn.execute("SELECT stages FROM runs").fetchone()[0]
    built: list[int] = []
    default = Pipeline.default.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Pipeline], s: Settings) -> Pipeline:
        built.append(1)  # in this process only: a forked worker counts in its own copy
        return default(cls, s)  # type: ignore[no-any-return]

    monkeypatch.setattr(Pipeline, "default", classmethod(counted))
    with Store(tmp_path / "two.db") as two:
        api.ingest([str(CORPUS)], two, Settings.load(env={}, workers=2, batch_size=4))
        assert dump(two) == serial
        assert json.loads(two.conn.execute("SELECT stages FROM runs").fetchone()[0]) == json.loads(stages_one)
    assert built == []


def test_cli_ingest_summary_lists_twenty_articles_and_counts_the_rest(tmp_path: Path) -> None:
    """The summary over more articles than it lists (two copies of the
    corpus: 24 articles)."""
    lines = CORPUS.read_text("utf-8").splitlines()
    many = tmp_path / "many.jsonl"
    rows = [json.loads(line) for line in lines]
    # Copies made unique: another text, id and URL.
    many.write_text("".join(json.dumps({**row, "id": f"{row['id']}-{k}", "url": f"{row['url']}?copy={k}",
                                        "text": f"{row['text']}\n\nCopy {k}."}) + "\n"
                            for k in range(2) for row in rows), "utf-8")
    out = CliRunner().invoke(cli, ["ingest", str(many), "--db", str(tmp_path / "s.db")])
    assert out.exit_code == 0, out.output
    assert f"{2 * len(lines)} new article(s)" in out.output
    assert f"... and {2 * len(lines) - 20} more" in out.output
    assert "people: " in out.output and "quotes by speaker: " in out.output
