"""Numbered schema migrations, applied in one write transaction.

A migration is a file ``migrations/NNNN_name.sql`` shipped with the package.
``schema_migrations`` records which have run; :func:`migrate` applies the
missing ones in order. A failed migration rolls back whole and raises
:class:`StoreError`, leaving the store at the version it had.

Several processes may open one new store at once (two ``detente ingest``
runs, a server and an ingest). The version is therefore read again *inside*
the write transaction (``BEGIN IMMEDIATE``, then the version, then the
migrations, then ``COMMIT``): exactly one process migrates and the others,
waiting on the lock, find the store already at the version they know.
A store written by a newer detente (a version above the newest migration
shipped here) is refused, never downgraded or half understood.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from ..errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """The file split into whole statements (triggers keep their bodies)."""
        out: list[str] = []
        current = ""
        for line in self.sql.splitlines(keepends=True):
            if not current and (not line.strip() or line.lstrip().startswith("--")):
                continue
            current += line
            if sqlite3.complete_statement(current):
                out.append(current.strip())
                current = ""
        if current.strip():
            raise StoreError(f"migration {self.version} ends in an unfinished statement")
        return out


def available() -> list[Migration]:
    folder = resources.files("detente.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)


def latest(migrations: list[Migration] | None = None) -> int:
    """The schema version this detente writes: its newest migration."""
    return max((m.version for m in (available() if migrations is None else migrations)), default=0)


def current_version(conn: sqlite3.Connection) -> int:
    """The store's schema version, 0 when no migration has run. Reads only:
    the version table is made by the first migration, not here."""
    if not _has_table(conn, "schema_migrations"):
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def _foreign_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables in a file without a version table: not a detente store's (an
    empty SQLite file has none)."""
    if _has_table(conn, "schema_migrations"):
        return []
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
        " ORDER BY name")]


def check_store(conn: sqlite3.Connection, newest: int, name: str = "the store") -> int:
    """The store's schema version, after refusing (with :class:`StoreError`)
    a store written by a newer detente and an SQLite file that holds another
    program's tables. Reads only."""
    version = current_version(conn)
    if version > newest:
        raise StoreError(
            f"{name} was written by a newer detente (schema {version}, this one knows up to {newest}): "
            "upgrade detente"
        )
    if version == 0 and (tables := _foreign_tables(conn)):
        shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
        raise StoreError(
            f"{name} is an SQLite file but not a detente store (it has the tables {shown} and no "
            "schema_migrations); give another path with --db (detente never adds its tables to "
            "another program's database)"
        )
    return version


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None, *,
            name: str = "the store") -> list[int]:
    """Apply the migrations the store lacks, all in one transaction; return
    the versions applied. ``conn`` must be in autocommit mode
    (``isolation_level=None``); ``name`` names the store in errors."""
    migrations = available() if migrations is None else migrations
    newest = latest(migrations)
    # Most opens find the store up to date: that is settled by a read, with
    # no write lock, so readers never queue behind a writer here.
    if check_store(conn, newest, name) == newest:
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the lock: another process may have migrated (or
        # created the store) while this one waited.
        done = check_store(conn, newest, name)
        applied = _apply(conn, [m for m in migrations if m.version > done])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # some errors (a full disk) end it themselves
            conn.execute("ROLLBACK")
        raise
    return applied


def _apply(conn: sqlite3.Connection, pending: list[Migration]) -> list[int]:
    """Run the pending migrations inside the caller's transaction."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for migration in pending:
        try:
            for statement in migration.statements():
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"migration {migration.version} ({migration.name}) failed and was rolled back: {exc}"
            ) from exc
    return [m.version for m in pending]


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
    return row is not None
