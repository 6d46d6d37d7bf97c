"""The SQLite store: articles, records of every kind, errors and runs.

- WAL mode, so readers (exports, Datasette, the web app) run while one
  writer ingests. All writes go through a :class:`Store`; use one writer.
- The schema is created and upgraded by numbered migrations (migrations.py).
- An article and all its records are written in one transaction: an article
  is never half stored.
- Re-ingesting an article already stored (same SHA-256 of the stored text, or
  same canonical URL) adds nothing: :meth:`Store.find_duplicate` is asked
  before any NLP runs, and the unique indexes guard the write.
- Filtered, paginated lists (what the HTTP API serves) are in queries.py:
  :meth:`Store.page` and its siblings.
- Another process's write lock is waited for up to ``lock_timeout`` seconds
  (the setting); then :class:`StoreLockedError` says so, whatever statement
  was waiting.
- ``Store(path, create=False)`` is for commands that only read: the file must
  exist and be a detente store; nothing is created, and another program's
  SQLite file is refused untouched.
- A run's counters are updated in the transaction that stores each article,
  so a run that was killed still says how many articles it added
  (``finished_at`` stays null).
"""

from __future__ import annotations

import dataclasses
import json
import random
import sqlite3
import time
import types
import typing
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from ..about import RULES_VERSION, __version__
from ..article import Article
from ..errors import StoreError, StoreLockedError
from ..records import (
    RECORD_TYPES,
    ActorRecord,
    ArticleRecord,
    ErrorRecord,
    HappeningRecord,
    QuoteRecord,
    Record,
    fields_of,
)
from ..settings import Settings
from . import queries
from .migrations import check_store, current_version, latest, migrate
from .queries import Filters, Page, PeriodCounts

#: The largest whole number SQLite holds (a signed 64-bit integer): the
#: bound of the CLI's and the API's integer options that have no smaller
#: sensible one (past it sqlite3 fails with OverflowError).
MAX_INT = 2**63 - 1
# A mixed quote's "direct" in the quotes table (0 reported, 1 direct).
MIXED = 2

# Error codes of the pipeline's limits (pipeline.TOO_SLOW,
# pipeline.TOO_MANY_RECORDS, parallel.WORKER_DIED): an article stored with
# one is processed again by the next run (after raising the limit) instead
# of counting as already stored.
RETRYABLE = frozenset({"too_slow", "too_many_records", "worker_died"})

# Record kind -> table.
TABLES: dict[str, str] = {
    "article": "articles", "mention": "mentions", "actor": "actors", "quote": "quotes",
    "time": "times", "place": "places", "event": "events", "claim": "claims",
    "happening": "happenings", "stance": "stances", "error": "errors",
}  # fmt: skip

__all__ = ["TABLES", "Filters", "Page", "PeriodCounts", "Store", "record_row"]


# How long a command waits for another process's write lock: the
# lock_timeout setting's default (an article's transaction takes
# milliseconds; merging happenings or migrating a large store, seconds).
DEFAULT_LOCK_TIMEOUT: float = Settings.lock_timeout


class _Connection(sqlite3.Connection):
    """A connection that reports a lock wait that ran out (SQLITE_BUSY once
    the busy timeout has passed) as :class:`StoreLockedError`, whichever
    code ran the statement (the store, the happenings merge, the web app)."""

    store_name = "the store"
    lock_timeout = DEFAULT_LOCK_TIMEOUT

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            raise self._translated(exc) from exc

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.OperationalError as exc:
            raise self._translated(exc) from exc

    def _translated(self, exc: sqlite3.OperationalError) -> Exception:
        code = getattr(exc, "sqlite_errorcode", None)
        busy = (code & 0xFF) == sqlite3.SQLITE_BUSY if code is not None else "database is locked" in str(exc)
        if not busy:
            return exc
        return StoreLockedError(
            f"{self.store_name} is locked by another process (waited {self.lock_timeout:g} s); "
            "wait for it to finish or raise lock_timeout"
        )


class Store:
    """A detente store in one SQLite file (``":memory:"`` for a throwaway one).

    ``create=False`` opens an existing store only (for commands that read):
    a missing file is not created and an SQLite file that is not a detente
    store is left as it was. Either way a store of an older schema is
    upgraded and one of a newer schema refused. ``lock_timeout``: seconds to
    wait for another process's write lock."""

    def __init__(self, path: str | Path = "detente.db", *, create: bool = True,
                 lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = str(path)
        self._column_cache: dict[str, set[str]] = {}
        self.conn = self._connect(create, lock_timeout)
        try:
            self._prepare(create)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(
                f"cannot open the store {self.path}: {exc}; is it a detente SQLite file?"
            ) from exc
        except BaseException:
            self.conn.close()
            raise

    def _connect(self, create: bool, lock_timeout: float) -> _Connection:
        target, uri = self.path, False
        if not create:
            if self.path == ":memory:" or not Path(self.path).is_file():
                raise StoreError(f"there is no store at {self.path}: make one with "
                                 f"detente ingest FILES --db {self.path}, or give another path with --db")
            # mode=rw: SQLite opens the file as it is and never creates it.
            target, uri = Path(self.path).resolve().as_uri() + "?mode=rw", True
        try:
            conn = sqlite3.connect(target, timeout=lock_timeout, uri=uri, isolation_level=None,
                                   check_same_thread=False, factory=_Connection)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        conn.store_name = f"the store {self.path}"
        conn.lock_timeout = lock_timeout
        conn.row_factory = sqlite3.Row
        return conn

    def _prepare(self, create: bool) -> None:
        """Check what the file is before changing anything in it, then switch
        to WAL and migrate."""
        name = f"the store {self.path}"
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        if check_store(self.conn, latest(), name) == 0 and not create:
            raise StoreError(f"{self.path} is an empty SQLite file, not a detente store yet: fill it with "
                             f"detente ingest FILES --db {self.path}")
        # Switching a new file to WAL and migrating it upgrade a read lock to a
        # write lock within one statement; when several processes do it at
        # once SQLite answers "busy" at once to all but one (to avoid a
        # deadlock) without waiting, so those retry until the lock timeout.
        deadline = time.monotonic() + self.conn.lock_timeout
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                migrate(self.conn, name=name)
                break
            except StoreLockedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(random.uniform(0.01, 0.05))
        queries.register_functions(self.conn)

    # -- context manager ----------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def schema_version(self) -> int:
        return current_version(self.conn)

    # -- runs ------------------------------------------------------------------

    def start_run(self, command: str, settings: Settings, stages: Sequence[str],
                  model: dict[str, Any] | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs(started_at, command, detente_version, rules_version, stages, model,"
            " settings) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (_now(), command, __version__, RULES_VERSION, json.dumps(list(stages)),
             json.dumps(model) if model else None, json.dumps(settings.to_dict())),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, added: int, unchanged: int, errors: int) -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at=?, articles_added=?, articles_unchanged=?, errors=?"
            " WHERE id=?",
            (_now(), added, unchanged, errors, run_id),
        )

    # -- writes ----------------------------------------------------------------

    def find_duplicate(self, article: Article) -> str | None:
        """The id of a stored article with the same text or canonical URL,
        unless that one failed on a pipeline limit (:data:`RETRYABLE`): then
        a new run processes the article again and replaces it."""
        found = self._stored_as(article)
        return None if found is None or self._failed_on_a_limit(found) else found

    def known_keys(self) -> tuple[dict[str, str], dict[str, str]]:
        """Every stored article's keys for :meth:`find_duplicate`, read once
        (for workers that check without a store): ``(sha256 -> id, canonical
        URL -> id)``. Articles stored as an error of a pipeline limit
        (:data:`RETRYABLE`) are left out, since a new run processes them
        again."""
        marks = ", ".join("?" for _ in RETRYABLE)
        rows = self.conn.execute(
            "SELECT id, sha256, canonical_url FROM articles WHERE id NOT IN"
            f" (SELECT article_id FROM errors WHERE article_id IS NOT NULL AND code IN ({marks}))",
            sorted(RETRYABLE),
        ).fetchall()
        return ({r["sha256"]: r["id"] for r in rows},
                {r["canonical_url"]: r["id"] for r in rows if r["canonical_url"]})

    def _stored_as(self, article: Article) -> str | None:
        row = self.conn.execute("SELECT id FROM articles WHERE sha256=?", (article.sha256,)).fetchone()
        if row is None and article.canonical_url:
            row = self.conn.execute(
                "SELECT id FROM articles WHERE canonical_url=?", (article.canonical_url,)
            ).fetchone()
        return None if row is None else str(row["id"])

    def _failed_on_a_limit(self, article_id: str) -> bool:
        marks = ", ".join("?" for _ in RETRYABLE)
        return self.conn.execute(
            f"SELECT 1 FROM errors WHERE article_id=? AND code IN ({marks}) LIMIT 1",
            (article_id, *sorted(RETRYABLE)),
        ).fetchone() is not None

    def add_article(self, article: Article, run_id: int | None = None) -> bool:
        """Store an article, its records and its errors in one transaction.
        Returns False (and writes nothing) when it is already stored."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            stored = self._stored_as(article)
            if stored is not None and not self._failed_on_a_limit(stored):
                self.conn.execute("ROLLBACK")
                return False
            if stored is not None:
                # Stored before as an error of a pipeline limit (its records
                # were dropped): this run's result replaces it. Its error rows
                # and any records go with it (ON DELETE CASCADE).
                self.conn.execute("DELETE FROM articles WHERE id=?", (stored,))
            row = record_row(article.to_record())
            row.update(
                canonical_url=article.canonical_url,
                language_confidence=article.language_confidence,
                n_chars=len(article.text),
                run_id=run_id,
                ingested_at=_now(),
            )
            self._insert("articles", row)
            for record in article.records:
                self._insert_record(record, run_id)
            self._add_identities(article)
            for error in article.errors:
                self._insert_error(error, run_id)
            self._progress(run_id, added=1, errors=len(article.errors))
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return True

    def _rollback(self) -> None:
        if self.conn.in_transaction:  # some errors (a full disk) end it themselves
            self.conn.execute("ROLLBACK")

    def _add_identities(self, article: Article) -> None:
        """Fold the article's actors into the corpus identities: one row per
        key, with every name and surface form seen for it (pronouns and
        lower-case descriptions left out), and the articles and mentions
        that report it. Russia as a country and as its government (two
        actor records in one article) is one identity, counted once."""
        by_key: dict[str, list[ActorRecord]] = {}
        for record in article.records:
            if isinstance(record, ActorRecord) and record.identity:
                by_key.setdefault(record.identity, []).append(record)
        for key, records in by_key.items():
            first = records[0]
            mentions = [m for r in records for m in r.mentions]
            self.conn.execute(
                "INSERT INTO identities(key, name, type, code, articles, mentions,"
                " first_published, last_published) VALUES (?, ?, ?, ?, 1, ?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET articles = articles + 1,"
                " mentions = mentions + excluded.mentions,"
                " code = coalesce(code, excluded.code),"
                " first_published = min(coalesce(first_published, excluded.first_published),"
                "                       coalesce(excluded.first_published, first_published)),"
                " last_published = max(coalesce(last_published, excluded.last_published),"
                "                      coalesce(excluded.last_published, last_published))",
                (key, first.name, first.type, first.code, len(mentions),
                 article.published, article.published),
            )
            # A name the text breaks over two lines ("Vladimir\nPutin") is
            # one alias, on one line.
            surfaces = {" ".join(article.text[m.start:m.end].split()) for m in mentions}
            aliases = {r.name for r in records} | {
                text for text in surfaces
                if text[:1].isupper() and len(text) > 2 and text.lower() not in _PRONOUNS
            }
            self.conn.executemany(
                "INSERT OR IGNORE INTO identity_aliases(key, alias) VALUES (?, ?)",
                [(key, alias) for alias in sorted(aliases)],
            )

    def add_error(self, error: ErrorRecord, run_id: int | None = None) -> None:
        """Store an input's error record (once per input, code and reason),
        counted in its run in the same transaction."""
        if run_id is None:
            self._insert_error(error, None)
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._insert_error(error, run_id)
            self._progress(run_id, errors=1)
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _progress(self, run_id: int | None, *, added: int = 0, errors: int = 0) -> None:
        """Progress of a run, written with what it counts: a run killed
        half-way says how many articles it had added."""
        if run_id is not None:
            self.conn.execute(
                "UPDATE runs SET articles_added = articles_added + ?, errors = errors + ? WHERE id=?",
                (added, errors, run_id),
            )

    def count_unchanged(self, run_id: int) -> None:
        """One more input of a run that was already stored (written as it
        happens, like the run's other counters)."""
        self.conn.execute("UPDATE runs SET articles_unchanged = articles_unchanged + 1 WHERE id=?", (run_id,))

    def add_records(self, records: Sequence[Record], run_id: int | None = None) -> None:
        """Store records that belong to no single article (e.g. happenings)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for record in records:
                self._insert_record(record, run_id)
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _insert_record(self, record: Record, run_id: int | None) -> None:
        row = record_row(record)
        row["run_id"] = run_id
        self._insert(TABLES[record.kind], row)

    def _insert_error(self, error: ErrorRecord, run_id: int | None) -> None:
        self.conn.execute(
            "INSERT INTO errors(ref, reason, code, article_id, stage, run_id, last_run_id,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(ref, code, reason) DO UPDATE SET last_run_id=excluded.last_run_id",
            (error.ref, error.reason, error.code, error.article_id, error.stage, run_id, run_id,
             _now()),
        )

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        unknown = set(row) - self._columns(table)
        if unknown:
            raise StoreError(f"table {table} has no column(s) {sorted(unknown)}; a migration is missing")
        names = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))

    def _columns(self, table: str) -> set[str]:
        if table not in self._column_cache:
            self._column_cache[table] = {
                r["name"] for r in self.conn.execute(f"PRAGMA table_info({table})")
            }
        return self._column_cache[table]

    # -- reads -------------------------------------------------------------------

    def records(self, kind: str, *, article_id: str | None = None,
                with_text: bool = True) -> Iterator[Record]:
        """Stored records of one kind, as typed records, in a stable order."""
        if kind not in TABLES:
            raise StoreError(f"unknown record kind {kind!r}; kinds are {', '.join(TABLES)}")
        cls = RECORD_TYPES[kind]
        table = TABLES[kind]
        where, params = ("", [])
        if article_id is not None and "article_id" in self._columns(table):
            where, params = " WHERE article_id=?", [article_id]
        elif article_id is not None and kind == "article":
            where, params = " WHERE id=?", [article_id]
        # Articles by date; records by their place in their article; the rest
        # (errors, happenings) in the order they were stored.
        if kind == "article":
            order = "published, id"
        elif "start" in self._columns(table):
            order = 'article_id, start, "end", id'
        else:
            order = "id"
        for row in self.conn.execute(f"SELECT * FROM {table}{where} ORDER BY {order}", params):
            data = _unrow(cls, dict(row))
            if kind == "article" and not with_text:
                data["text"] = None
            yield cls.from_dict(data)

    def article(self, article_id: str) -> ArticleRecord | None:
        found = list(self.records("article", article_id=article_id))
        return typing.cast(ArticleRecord, found[0]) if found else None

    def actors(self, query: str | None = None, *, type: str | None = None,
               code: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Actor identities across the corpus, most reported first. ``query``
        matches a key, a name or any alias seen (case-insensitive; ``%`` is a
        wildcard), or a code exactly."""
        where, params = [], []
        if query:
            where.append(
                "(i.key = ? OR i.name LIKE ? OR upper(coalesce(i.code, '')) = upper(?) OR"
                " i.key IN (SELECT key FROM identity_aliases WHERE alias LIKE ?))"
            )
            params += [query, query, query, query]
        if type:
            where.append("i.type = ?")
            params.append(type)
        if code:
            where.append("i.code = ?")
            params.append(code.upper())
        sql = ("SELECT i.*, (SELECT json_group_array(alias) FROM identity_aliases a"
               " WHERE a.key = i.key) AS aliases FROM identities i"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY i.articles DESC, i.mentions DESC, i.name LIMIT ?")
        rows = self.conn.execute(sql, [*params, limit]).fetchall()
        return [{**dict(r), "aliases": json.loads(r["aliases"])} for r in rows]

    def appearances(self, query: str) -> list[dict[str, Any]]:
        """Every article an actor appears in (the actors matching ``query`` as
        in :meth:`actors`), with the actor record there, newest first."""
        keys = [a["key"] for a in self.actors(query, limit=1000)]
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        rows = self.conn.execute(
            "SELECT x.*, a.title, a.published FROM actors x JOIN articles a ON a.id = x.article_id"
            f" WHERE x.identity IN ({marks}) ORDER BY a.published DESC, a.id",
            keys,
        ).fetchall()
        out = []
        for row in rows:
            record = ActorRecord.from_dict(_unrow(ActorRecord, dict(row)))
            out.append({"article_id": row["article_id"], "title": row["title"],
                        "published": row["published"], "actor": record})
        return out

    def quotes(self, speaker: str | None = None, *, code: str | None = None,
               direct: bool | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Quotes across the store, newest article first. ``speaker`` matches
        the speaker's name (``%`` is a wildcard) or any identity that
        :meth:`actors` finds for it ("Smith" finds Julianne Smith's quotes,
        "she said" included); ``code`` the speaker's code."""
        where, params = [], []
        if speaker:
            keys = [a["key"] for a in self.actors(speaker, limit=1000)]
            marks = ", ".join("?" for _ in keys)
            where.append("(json_extract(q.speaker, '$.name') LIKE ?"
                         + (f" OR x.identity IN ({marks}))" if keys else ")"))
            params += [speaker, *keys]
        if code:
            where.append("upper(json_extract(q.speaker, '$.code')) = upper(?)")
            params.append(code)
        if direct is not None:
            where.append("q.direct = ?")
            params.append(int(direct))
        sql = ("SELECT q.*, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
               " LEFT JOIN actors x ON x.id = json_extract(q.speaker, '$.actor_id')"
               + (" WHERE " + " AND ".join(where) if where else "")
               + ' ORDER BY a.published DESC, q.article_id, q.start LIMIT ?')
        out = []
        for row in self.conn.execute(sql, [*params, limit]).fetchall():
            record = QuoteRecord.from_dict(_unrow(QuoteRecord, dict(row)))
            out.append({"article_id": row["article_id"], "title": row["title"],
                        "published": row["published"], "quote": record})
        return out

    def happenings(self, *, actor: str | None = None, type: str | None = None,
                   min_articles: int = 1, limit: int = 100) -> list[HappeningRecord]:
        """Happenings, the most widely reported first (then by date).
        ``actor`` matches a code among the actors or recipients."""
        where: list[str] = ["num_articles >= ?"]
        params: list[Any] = [min_articles]
        if actor:
            where.append("EXISTS (SELECT 1 FROM json_each(h.actor) j WHERE upper(json_extract(j.value, '$.code'))"
                         " = upper(?) UNION SELECT 1 FROM json_each(h.recipient) j"
                         " WHERE upper(json_extract(j.value, '$.code')) = upper(?))")
            params += [actor, actor]
        if type:
            where.append("h.type = upper(?)")
            params.append(type)
        sql = ("SELECT h.* FROM happenings h WHERE " + " AND ".join(where)
               + " ORDER BY h.num_articles DESC, h.num_mentions DESC, h.date, h.id LIMIT ?")
        rows = self.conn.execute(sql, [*params, limit]).fetchall()
        return [HappeningRecord.from_dict(_unrow(HappeningRecord, dict(r))) for r in rows]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and texts (SQLite FTS5 query syntax):
        the first page of :meth:`search_page`, whose snippets are bounded per
        article (FTS5's own snippet() grows with the square of the hits)."""
        return queries.search_page(self.conn, query, limit, 0).items

    # -- filtered pages (the HTTP API's lists; see queries.py) ------------------------

    def page(self, kind: str, filters: Filters | None = None, *, limit: int | None = 50,
             offset: int = 0) -> Page[Record]:
        """Records of ``kind`` (article, event, happening, quote, place,
        stance) that pass ``filters``, ``limit`` of them (None: all) from
        ``offset``, with the total that match. Articles come without text."""
        return queries.page(self.conn, kind, filters or Filters(), limit, offset)

    def counts(self, kind: str, filters: Filters | None = None, *, period: str = "week") -> PeriodCounts:
        """How many events or happenings that pass ``filters`` fall in each
        day, week or month, by quad class; those dated coarser than the
        period (or not at all) in ``too_coarse``."""
        return queries.counts(self.conn, kind, filters or Filters(), period)

    def identities_page(self, filters: Filters | None = None, *, limit: int | None = 50,
                        offset: int = 0) -> Page[dict[str, Any]]:
        """Actor identities (as :meth:`actors` gives them) that pass ``filters``."""
        return queries.identities_page(self.conn, filters or Filters(), limit, offset)

    def search_page(self, query: str, *, limit: int | None = 20, offset: int = 0) -> Page[dict[str, Any]]:
        """One page of :meth:`search` hits, with their total."""
        return queries.search_page(self.conn, query, limit, offset)

    def record_counts(self, article_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """Per article: how many actor, quote, time, place, event, claim,
        stance and mention records it has."""
        return queries.record_counts(self.conn, list(article_ids))

    def article_refs(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Per article id: its ``id``, ``title`` and ``published`` date."""
        return queries.article_refs(self.conn, list(article_ids))

    def happening_articles(self, happening_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Per happening: the articles (``id``, ``title``, ``published``) of its
        events, oldest first, each with ``event_id``, the happening's first
        event in it."""
        return queries.happening_articles(self.conn, list(happening_ids))

    def article_records(self, article_id: str) -> dict[str, list[Record]]:
        """Every record of one article by kind (actor, quote, time, place,
        event, claim, stance, mention), in the order of the text."""
        return {kind: list(self.records(kind, article_id=article_id)) for kind in queries.ARTICLE_KINDS}

    def stats(self) -> dict[str, Any]:
        """Counts for ``detente stats`` and the run summary."""
        count = {kind: self._count(table) for kind, table in TABLES.items()}
        one = self.conn.execute(
            "SELECT min(published) AS first, max(published) AS last FROM articles"
        ).fetchone()
        languages = dict(self.conn.execute(
            "SELECT coalesce(language, 'unknown'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall())
        errors = dict(self.conn.execute(
            "SELECT coalesce(code, 'other'), count(*) FROM errors GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall())
        run = self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return {
            "store": self.path,
            "schema_version": self.schema_version,
            "records": count,
            "published": {"first": one["first"], "last": one["last"]},
            "languages": languages,
            "errors": errors,
            "runs": self._count("runs"),
            "last_run": None if run is None else {
                "id": run["id"], "command": run["command"], "started_at": run["started_at"],
                "detente_version": run["detente_version"], "rules_version": run["rules_version"],
            },
        }

    def value_counts(self, kind: str, column: str) -> Counter[str]:
        """How many stored records of ``kind`` have each value of ``column``
        (e.g. happenings per type), for hints on what a store holds."""
        table = TABLES.get(kind)
        if table is None or column not in self._columns(table):
            raise StoreError(f"records of kind {kind!r} have no column {column!r}")
        rows = self.conn.execute(
            f'SELECT "{column}", count(*) FROM {table} WHERE "{column}" IS NOT NULL GROUP BY 1'
        ).fetchall()
        return Counter({str(value): int(n) for value, n in rows})

    def _count(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "his", "hers"})


# -- record <-> row -----------------------------------------------------------------


_FIELD_KINDS: dict[type[Record], dict[str, str]] = {}


def _kinds_of(cls: type[Record]) -> dict[str, str]:
    """Per field: 'json' for lists and nested records, 'bool', or 'plain'."""
    if cls in _FIELD_KINDS:
        return _FIELD_KINDS[cls]
    hints = typing.get_type_hints(cls)
    out = {}
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        # Unwrap "X | None" only: list[str] is a list, not its element type.
        optional = typing.get_origin(tp) in (typing.Union, types.UnionType)
        args = [a for a in typing.get_args(tp) if a is not type(None)] if optional else [tp]
        base = args[0] if args else tp
        if typing.get_origin(base) is list or dataclasses.is_dataclass(base):
            out[f.name] = "json"
        elif base is bool and any(typing.get_origin(a) is typing.Literal for a in args):
            out[f.name] = "tristate"  # a quote's direct: true, false or "mixed"
        elif base is bool:
            out[f.name] = "bool"
        else:
            out[f.name] = "plain"
    _FIELD_KINDS[cls] = out
    return out


def record_row(record: Record) -> dict[str, Any]:
    """A record as a row of its table: lists and nested records as JSON text,
    booleans as 0/1, a quote's "mixed" as 2."""
    data = fields_of(record)  # dataclasses.asdict's values, about three times faster
    kinds = _kinds_of(type(record))
    return {
        k: (json.dumps(v, ensure_ascii=False) if kinds[k] == "json" and v is not None
            else int(v) if kinds[k] == "bool" and v is not None
            else (MIXED if v == "mixed" else int(v)) if kinds[k] == "tristate" and v is not None else v)
        for k, v in data.items()
    }


def _unrow(cls: type[Record], row: dict[str, Any]) -> dict[str, Any]:
    kinds = _kinds_of(cls)
    out = {}
    for key, value in row.items():
        kind = kinds.get(key)
        if kind == "json" and value is not None:
            value = json.loads(value)
        elif kind == "bool" and value is not None:
            value = bool(value)
        elif kind == "tristate" and value is not None:
            value = "mixed" if value == MIXED else bool(value)
        out[key] = value
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
