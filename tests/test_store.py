import sqlite3
from pathlib import Path

import pytest

from detente import Article, Settings, Store, StoreError, ingest
from detente.errors import StoreLockedError
from detente.records import ActorRecord, ErrorRecord, MentionRecord, Span
from detente.store.migrations import Migration, available, current_version, latest, migrate
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
        assert [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")] == \
            sorted(m.version for m in available())


def test_store_migration_6_keeps_places_and_marks_their_usage_unknown(tmp_path: Path) -> None:
    """A store written before places had a usage: its places survive the
    migration with usage NULL (unknown, not "literal"), and new places
    store theirs."""
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(conn, [m for m in available() if m.version <= 5])
    conn.execute("INSERT INTO articles (id, ref, text, sha256, n_chars, ingested_at) VALUES ('a1', 'a.txt',"
                 " 'Fighting in Kharkiv.', 'x', 20, '2026-12-01')")
    conn.execute("INSERT INTO places (article_id, text, start, \"end\", name, geonameid, country, latitude,"
                 " longitude, feature, confidence) VALUES ('a1', 'Kharkiv', 12, 19, 'Kharkiv', 706483, 'UKR',"
                 " 49.98, 36.25, 'city', 0.9)")
    conn.close()
    with Store(tmp_path / "old.db") as store:
        (old,) = store.records("place")
        assert (old.name, old.usage) == ("Kharkiv", None)
        assert store.conn.execute("SELECT count(*) FROM places WHERE usage IS NULL").fetchone()[0] == 1


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


def test_store_known_keys_are_what_find_duplicate_finds() -> None:
    with Store(":memory:") as store:
        kept = _article(url="https://www.x.org/a/?utm_source=rss")
        slow = _article("Russia and NATO met again.")
        bare = _article("A third text, with no URL.")
        slow.errors.append(ErrorRecord(ref="ref", reason="too slow", code="too_slow", article_id=slow.id))
        for article in (kept, slow, bare):
            assert store.add_article(article)
        by_sha256, by_url = store.known_keys()
        # The one that failed on a pipeline limit is processed again: not known.
        assert by_sha256 == {kept.sha256: kept.id, bare.sha256: bare.id}
        assert by_url == {kept.canonical_url: kept.id}
        assert store.find_duplicate(slow) is None and store.find_duplicate(kept) == kept.id


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


# -- opening: newer stores, other programs' files, locks (issue 15) --------------------------


def test_store_written_by_a_newer_detente_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with Store(path) as store:
        store.conn.execute("INSERT INTO schema_migrations(version, name, applied_at)"
                           " VALUES (?, 'from_the_future', '2030-01-01')", (latest() + 1,))
    for create in (True, False):
        with pytest.raises(StoreError, match=(
                rf"written by a newer detente \(schema {latest() + 1}, this one knows up to {latest()}\):"
                " upgrade detente")):
            Store(path, create=create)


def _foreign_file(path: Path) -> bytes:
    """Another program's SQLite file (rollback journal, one table)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO notes(body) VALUES (?)", [("buy milk",), ("call Anna",)])
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("create", [False, True])
def test_store_leaves_another_programs_sqlite_file_untouched(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "notes.db"
    before = _foreign_file(path)
    with pytest.raises(StoreError, match="notes.db is an SQLite file but not a detente store "
                                         r"\(it has the tables notes and no schema_migrations\)"):
        Store(path, create=create)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_store_opened_for_reading_is_never_created(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="there is no store at .*missing.db: make one with detente ingest"):
        Store(missing, create=False)
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="empty.db is an empty SQLite file, not a detente store yet"):
        Store(empty, create=False)
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_store_opened_for_reading_upgrades_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, available()[:2])
    conn.close()
    with Store(path, create=False) as store:
        assert store.schema_version == latest()


def test_store_reading_the_version_writes_nothing(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "v.db", isolation_level=None)
    assert current_version(conn) == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_store_locked_by_another_writer_says_so_after_lock_timeout(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    with Store(path) as holder, Store(path, lock_timeout=0.2) as waiter:
        holder.conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreLockedError, match=(
                "the store .*locked.db is locked by another process \\(waited 0.2 s\\); "
                "wait for it to finish or raise lock_timeout")):
            waiter.add_article(_article())
        with pytest.raises(StoreLockedError):
            waiter.start_run("ingest", Settings.load(env={}), [])
        holder.conn.execute("ROLLBACK")
        # Once the lock is gone the same store writes.
        assert waiter.add_article(_article()) is True


def test_store_new_store_locked_while_created_says_so(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreLockedError, match="is locked by another process"):
            Store(path, lock_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as store:
        assert store.schema_version == latest()


# -- runs record their progress (issue 15, item 12) ----------------------------------------------


def test_store_run_counts_what_it_stored_as_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    with Store(path) as store:
        run = store.start_run("ingest", Settings.load(env={}), [])
        article = _article()
        article.errors.append(ErrorRecord(ref="ref", reason="too many records", code="too_many",
                                          article_id=article.id))
        store.add_article(article, run)
        store.add_error(ErrorRecord(ref="b.txt", reason="the input is empty (0 bytes)", code="empty"), run)
        # What another process (or the next run, after a kill -9) sees: the
        # counts so far, and no finish.
        other = sqlite3.connect(path)
        row = other.execute("SELECT finished_at, articles_added, errors FROM runs WHERE id=?",
                            (run,)).fetchone()
        assert row == (None, 1, 2)
        assert store.add_article(_article(), run) is False  # a duplicate adds nothing
        assert other.execute("SELECT articles_added FROM runs WHERE id=?", (run,)).fetchone() == (1,)
        store.finish_run(run, added=1, unchanged=1, errors=2)
        row = other.execute("SELECT finished_at IS NOT NULL, articles_added, articles_unchanged, errors"
                            " FROM runs WHERE id=?", (run,)).fetchone()
        assert row == (1, 1, 1, 2)
        other.close()


@pytest.mark.model
def test_ingest_counts_unchanged_inputs_as_it_goes(tmp_path: Path, settings: Settings) -> None:
    """A run killed half-way also says how many inputs it found already stored."""
    from detente import api

    path = tmp_path / "unchanged.db"
    inputs = [FIXTURES / "text" / "no-header.txt"]
    with Store(path) as store:
        api.ingest(inputs, store, settings)
        seen: list[tuple[int, int]] = []
        other = sqlite3.connect(path)

        def peek(outcome: object) -> None:
            seen.append(other.execute("SELECT articles_unchanged, finished_at IS NULL FROM runs"
                                      " ORDER BY id DESC LIMIT 1").fetchone())

        api.ingest(inputs, store, settings, on_outcome=peek)
        other.close()
    assert seen == [(1, 1)]


def test_store_alias_broken_over_two_lines_is_kept_on_one(tmp_path: Path) -> None:
    text = "Russian President Vladimir\nPutin met officials in Moscow."
    article = Article.create("wrapped.txt", text, title="T", published="2022-01-12", date_source="given")
    start = text.index("Vladimir")
    article.records.append(ActorRecord(id=f"{article.id}-a0", article_id=article.id, name="Vladimir Putin",
                                       type="person", code="RUS", sector=None, role="President",
                                       mentions=[Span(start, start + len("Vladimir\nPutin"))],
                                       identity="person:vladimir-putin"))
    assert "\n" in article.text[start:start + len("Vladimir\nPutin")]
    with Store(tmp_path / "a.db") as store:
        store.add_article(article)
        assert store.actors("Vladimir Putin")[0]["aliases"] == ["Vladimir Putin"]


def test_store_value_counts() -> None:
    with Store(":memory:") as store:
        store.add_article(_article())
        store.add_article(_article("Another text.", url="https://x.org/b"))
        assert store.value_counts("mention", "label") == {"ORG": 2}
        with pytest.raises(StoreError, match="no column"):
            store.value_counts("mention", "nope; DROP TABLE articles")
