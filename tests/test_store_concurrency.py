"""Several processes on one store (issue 15, items 4 and 12): real
processes, real files.

- Processes that open one new store at the same moment all succeed, and the
  schema is made once (it used to fail with "table runs already exists" or
  "duplicate column name" in 24 of 60 opens).
- Two ``detente ingest`` runs into one new store lose no article.
- A run killed with SIGKILL says how many articles it had stored.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from detente import Store
from detente.store.migrations import available, latest

# Enough rounds that the old race (about 2 failed opens in 5) cannot pass by
# luck, few enough to take a couple of seconds on two cores.
ROUNDS = 12
PROCESSES = 6
DETENTE = [sys.executable, "-c", "from detente.cli import main; main()"]


def _open(path: str, barrier: Any, results: Any) -> None:
    """One process: wait for the others, then open the store at once."""
    try:
        barrier.wait(timeout=60)
        with Store(path) as store:
            mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
            results.put(("ok", store.schema_version, mode))
    except Exception as exc:  # reported to the test, which shows it
        results.put(("error", repr(exc), None))


def test_processes_opening_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    outcomes = []
    for round_ in range(ROUNDS):
        path = str(tmp_path / f"new-{round_}.db")
        barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
        workers = [ctx.Process(target=_open, args=(path, barrier, results)) for _ in range(PROCESSES)]
        for worker in workers:
            worker.start()
        outcomes += [results.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
        conn = sqlite3.connect(path)
        # Each migration ran once.
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [m.version for m in available()]
        conn.close()
    assert [o for o in outcomes if o != ("ok", latest(), "wal")] == []
    assert len(outcomes) == ROUNDS * PROCESSES


def _articles(path: Path, first: int, n: int) -> Path:
    """``n`` short, distinct news articles as JSON Lines."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(first, first + n):
            out.write(json.dumps({
                "title": f"Trade talks, round {i}",
                "published": "2022-03-01",
                "text": f"Delegations from France and Germany met in Paris on Monday for round {i} of talks "
                        f"on trade. The French minister said meeting number {i} had been useful.",
            }) + "\n")
    return path


@pytest.mark.model
def test_two_ingests_into_one_new_store_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    sets = [_articles(tmp_path / "a.jsonl", 0, 6), _articles(tmp_path / "b.jsonl", 100, 6)]
    # Both open (and so create) the store as they start, then write
    # article by article while the other does.
    runs = [subprocess.Popen([*DETENTE, "-q", "ingest", str(s), "--db", str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for s in sets]
    done = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], done
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 12
    assert conn.execute("SELECT articles_added, finished_at IS NOT NULL FROM runs ORDER BY id").fetchall() \
        == [(6, 1), (6, 1)]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def _stored(db: Path) -> int:
    """Articles stored so far, read without creating or changing anything."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is still being made
        return 0


@pytest.mark.model
def test_a_killed_run_says_how_many_articles_it_stored(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    # Many articles, stored one at a time (batch size 1), so that the run is
    # surely still going when the test has seen two of them stored.
    inputs = _articles(tmp_path / "many.jsonl", 0, 400)
    env = {**os.environ, "DETENTE_BATCH_SIZE": "1"}
    run = subprocess.Popen([*DETENTE, "-q", "ingest", str(inputs), "--db", str(db)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300  # a guard against a hang, not a measurement
        while _stored(db) < 2 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert run.poll() is None, "the run ended before it could be killed"
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        assert run.stderr is not None
        run.stderr.close()
    with Store(db, create=False) as store:
        stored = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        row = store.conn.execute("SELECT finished_at, articles_added FROM runs").fetchone()
        assert stored >= 2
        assert (row["finished_at"], row["articles_added"]) == (None, stored)
