"""Crash safety of ``detente ingest --engine dask`` (issue 19, item 2): a
Dask worker, or the client (the ``detente`` command itself), is killed with
SIGKILL mid-run, the same command is run again, and the store must equal a
clean run's: every article once, with the same records, identities and
happenings (run ids and timestamps aside), and ``PRAGMA integrity_check``
"ok".

The real command runs in a subprocess over copies of real article files
(those of ``tests/test_crash.py`` and the four real-news samples), cut into
partitions of 16 KiB so that the run has about twenty partitions and the
kills land between the first and the last. Slow (two clean runs of a
2-worker cluster, then two killed runs and their reruns): ``python -m
pytest -s -m slow tests/test_scale_crash.py`` prints the figures.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from detente.scale import plan
from tests.conftest import FIXTURES
from tests.test_crash import (
    DETENTE,
    RUN_WITHIN,
    _env,
    check,
    compare,
    contents,
    corpus,
    descendants,
    integrity,
    kill_hard,
    wait_gone_or_kill,
)

pytestmark = [pytest.mark.model, pytest.mark.slow]

PARTITION_KB = 16
DASK = ("--engine", "dask", "--workers", "2", "--partition-kb", str(PARTITION_KB))


def inputs_of(tmp_path: Path) -> list[Path]:
    return [*corpus(tmp_path), *sorted((FIXTURES / "events").glob("realnews*/articles.jsonl"))]


def start(db: Path, inputs: list[Path]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([DETENTE, "--quiet", "ingest", "--db", str(db), *DASK, *map(str, inputs)],
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def run(db: Path, inputs: list[Path]) -> int:
    process = start(db, inputs)
    _, err = process.communicate(timeout=RUN_WITHIN)
    # 1: some inputs are error records (the German article).
    assert process.returncode in (0, 1), err.decode("utf-8", "replace")
    return process.returncode


def finished(db: Path) -> int:
    """Partitions whose Parquet output is complete (their markers)."""
    return len(list((db.with_suffix(".parquet") / "_partitions").glob("*.done")))


def workers_of(pid: int) -> list[int]:
    """The Dask worker processes below the command: the spawned children
    that loaded a model (the nannies run inside the command)."""
    found = []
    for child in descendants(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            rss = int(Path(f"/proc/{child}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
        if b"spawn_main" in cmdline and rss > 150 << 20:
            found.append(child)
    return found


def kill_at_half(db: Path, inputs: list[Path], total: int, victim: str) -> dict[str, object]:
    """Start the command, and once between a quarter and three quarters of
    the partitions are finished SIGKILL a worker (``victim="worker"``) or
    the command (``"client"``); the command's exit and what outlived it."""
    process = start(db, inputs)
    deadline = time.monotonic() + RUN_WITHIN
    while process.poll() is None and finished(db) < max(1, total // 4) and time.monotonic() < deadline:
        time.sleep(0.05)
    at = finished(db)
    assert process.poll() is None and at < total * 3 // 4, "the run ended before the kill"
    if victim == "worker":
        workers = workers_of(process.pid)
        assert len(workers) == 2, workers
        children = descendants(process.pid)
        os.kill(workers[0], signal.SIGKILL)
        # The nanny starts a new worker and the scheduler hands the lost
        # partition out again: the run may well finish on its own.
        process.communicate(timeout=RUN_WITHIN)
        return {"victim": victim, "killed at": f"{at}/{total} partitions", "exit": process.returncode,
                "orphans": wait_gone_or_kill(children)}
    return {"victim": victim, "killed at": f"{at}/{total} partitions", "exit": "killed",
            "orphans": wait_gone_or_kill(kill_hard(process))}


def test_scale_crash_a_killed_worker_or_client_loses_nothing_after_the_rerun(tmp_path: Path) -> None:
    inputs = inputs_of(tmp_path)
    total = len(plan(inputs, PARTITION_KB << 10))
    assert total >= 12
    clean = tmp_path / "clean.db"
    run(clean, inputs)
    expected = contents(clean)
    assert sum(":" not in k for k in expected) > 100 and any(k.startswith("happening:") for k in expected)
    figures: list[dict[str, object]] = []
    for victim in ("worker", "client"):
        db = tmp_path / f"{victim}.db"
        figure = kill_at_half(db, inputs, total, victim)
        run(db, inputs)
        got = contents(db)
        # The rerun processed only what was missing: every partition has one marker.
        figures.append({**figure, "partitions": f"{finished(db)}/{total}", **compare(expected, got),
                        "integrity": integrity(db)})
        assert finished(db) == total
    check(figures)
