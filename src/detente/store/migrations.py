"""Numbered schema migrations, each applied in one transaction.

A migration is a file ``migrations/NNNN_name.sql`` shipped with the package.
``schema_migrations`` records which have run; :func:`migrate` applies the
missing ones in order. A failed migration rolls back whole and raises
:class:`StoreError`, leaving the store at the previous version.
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


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[int]:
    """Apply the migrations the store lacks; return the versions applied.
    ``conn`` must be in autocommit mode (``isolation_level=None``)."""
    done = current_version(conn)
    applied = []
    for migration in migrations if migrations is not None else available():
        if migration.version <= done:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in migration.statements():
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"migration {migration.version} ({migration.name}) failed and was rolled back: {exc}"
            ) from exc
        applied.append(migration.version)
    return applied
