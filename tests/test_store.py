import sqlite3
from pathlib import Path

import pytest

from detente import Article, Settings, Store, StoreError, ingest
from detente.records import ErrorRecord, MentionRecord
from detente.store.migrations import Migration, available, migrate
from tests.conftest import EXAMPLES, FIXTURES, SEED


def test_store_schema_is_migrated_and_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.schema_version == max(m.version for m in available())
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "articles_fts", "mentions", "actors", "quotes", "times", "places",
                "events", "claims", "happenings", "stances", "errors", "runs", "identities",
                "identity_aliases"} <= tables
    # Opening again applies nothing twice.
    with Store(tmp_path / "s.db") as store:
        assert [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")] == [1, 2, 3, 4, 5]


def test_store_failed_migration_rolls_back_whole(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    broken = Migration(1, "broken", "CREATE TABLE a (x INTEGER);\nCREATE TABLE a (y INTEGER);\n")
    with pytest.raises(StoreError, match="migration 1 \\(broken\\) failed and was rolled back"):
        migrate(conn, [broken])
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='a'").fetchone()[0] == 0


def test_store_rejects_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_text("hello, this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)


def _article(text: str = "NATO and Russia met in Brussels.", url: str | None = None) -> Article:
    article = Article.create("ref", text, title="T", published="2022-01-12", date_source="given", url=url)
    article.language = "en"
    article.records.append(MentionRecord(id=f"{article.id}-m0", article_id=article.id, text="NATO",
                                         start=0, end=4, label="ORG", sentence=0, stage="entities.v1"))
    return article


def test_store_same_text_or_canonical_url_is_stored_once() -> None:
    with Store(":memory:") as store:
        assert store.add_article(_article(url="https://www.x.org/a/?utm_source=rss")) is True
        assert store.add_article(_article(url="https://www.x.org/a/?utm_source=rss")) is False
        # Same page, different text (an update) and a messier URL: still one.
        assert store.add_article(_article("Other text.", url="http://x.org/a#top")) is False
        assert store.stats()["records"]["article"] == 1
        assert store.stats()["records"]["mention"] == 1


def test_store_an_article_is_never_half_stored() -> None:
    with Store(":memory:") as store:
        article = _article()
        # A record the schema cannot hold makes the whole article roll back.
        article.records.append(MentionRecord(id=article.records[0].id, article_id=article.id,
                                             text="x", start=0, end=1, label="ORG", sentence=0))
        with pytest.raises(sqlite3.IntegrityError):
            store.add_article(article)
        assert store.stats()["records"]["article"] == 0
        assert store.stats()["records"]["mention"] == 0


def test_store_errors_are_kept_once_per_problem() -> None:
    with Store(":memory:") as store:
        error = ErrorRecord(ref="a.txt", reason="the input is empty (0 bytes)", code="empty")
        store.add_error(error, None)
        store.add_error(error, None)
        assert [e.ref for e in store.records("error")] == ["a.txt"]


@pytest.mark.model
def test_store_ingest_is_idempotent_and_keeps_provenance(tmp_path: Path, settings: Settings) -> None:
    inputs = [EXAMPLES, SEED, FIXTURES / "lang" / "german.txt", FIXTURES / "bad" / "empty.txt"]
    with Store(tmp_path / "d.db") as store:
        first = ingest(inputs, store, settings)
        counts = store.stats()["records"]
        second = ingest(inputs, store, settings)
        assert store.stats()["records"] == counts
        assert (first.added, first.unchanged) == (6, 0)
        assert (second.added, second.unchanged) == (0, 6)
        assert counts["article"] == 6 and counts["mention"] > 100
        # The German article is stored with its language and its error; the
        # empty file's error is stored once across both runs.
        assert counts["error"] == 2
        german = [a for a in store.records("article") if a.language == "de"]
        assert len(german) == 1
        # Provenance: every mention row names its run, whose versions are stored.
        row = store.conn.execute(
            "SELECT r.detente_version, r.rules_version, r.stages, r.model, m.stage"
            " FROM mentions m JOIN runs r ON r.id = m.run_id LIMIT 1").fetchone()
        assert row["detente_version"] and row["rules_version"] and row["stage"] == "entities.v1"
        assert "annotate.v1" in row["stages"] and "3.8.0" in row["model"]


@pytest.mark.model
def test_store_records_read_back_as_they_were_extracted(tmp_path: Path, settings: Settings) -> None:
    from detente import extract

    extracted = [r for r in extract([SEED], settings) if r.kind == "mention"]
    with Store(tmp_path / "d.db") as store:
        ingest([SEED], store, settings)
        assert list(store.records("mention")) == extracted


@pytest.mark.model
def test_store_full_text_search(tmp_path: Path, settings: Settings) -> None:
    with Store(tmp_path / "d.db") as store:
        ingest([EXAMPLES, SEED], store, settings)
        hits = store.search("Stoltenberg AND Grushko")
        assert any(h["title"] == "NATO meets with Russia amid tug-of-war over Ukraine" for h in hits)
        assert "[" in hits[0]["snippet"]
        assert store.search("Genève") == store.search("Geneve")  # diacritics folded
        with pytest.raises(StoreError, match="bad search query"):
            store.search('"unbalanced')
