"""Crash safety of `detente ingest`, as a user meets it: the command is
killed with SIGKILL (a power cut, the OOM killer, `kill -9`) and run again.

Figures (issue 15): articles lost and duplicated against a clean run (0 and
0), every article's rows, the actor identities and the happenings as in the
clean run, ``PRAGMA integrity_check`` "ok", and no process left behind. The
default run kills each mode (serial, ``--workers 2``) at 3 moments; the
``slow`` test at 20 (``python -m pytest -s -m slow tests/test_crash.py``
prints the figures). Also here: workers die with their parent (issue 15,
item 11).

Everything runs the real command in a subprocess on a fresh copy of a small
corpus of real article files, with the store in ``tmp_path``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, FIXTURES

pytestmark = pytest.mark.model

DETENTE = str(Path(sys.executable).with_name("detente"))

# Generous deadlines that only tell "never" from "eventually": a process
# killed with SIGKILL is gone in milliseconds, a rerun of the corpus takes
# about 5 s on one core.
GONE_WITHIN = 30.0
RUN_WITHIN = 600.0


# -- processes ----------------------------------------------------------------------


def _stat(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a live process; None once it is gone. A zombie
    (killed, not yet reaped by a container's init) counts as gone: it holds
    no memory and runs nothing."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after it.
    fields = raw[raw.rindex(")") + 2:].split()
    state, started = fields[0], fields[19]
    return None if state in ("Z", "X") else (state, started)


def descendants(pid: int) -> dict[int, str]:
    """Every live process below ``pid``, with its start time (so that a
    reused pid is not taken for the same process)."""
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                pids = [int(p) for p in children.read_text().split()]
            except OSError:
                continue
            for child in pids:
                stat = _stat(child)
                if stat is not None and child not in found:
                    found[child] = stat[1]
                    todo.append(child)
    return found


def still_alive(processes: dict[int, str]) -> list[int]:
    alive = []
    for pid, started in processes.items():
        stat = _stat(pid)
        if stat is not None and stat[1] == started:
            alive.append(pid)
    return alive


def wait_gone(processes: dict[int, str]) -> list[int]:
    """Poll until every process is gone; the ones still alive at the deadline."""
    deadline = time.monotonic() + GONE_WITHIN
    while (alive := still_alive(processes)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def _env() -> dict[str, str]:
    # The user's DETENTE_* settings must not leak into the runs. Batches of 4
    # (32 by default) make the small corpus behave like a long one: reading,
    # the pipeline (and the workers) and storing take turns many times.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETENTE_")}
    return {**env, "DETENTE_BATCH_SIZE": "4"}


def start_ingest(db: Path, inputs: list[Path], *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([DETENTE, "--quiet", "ingest", "--db", str(db), *extra, *map(str, inputs)],
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ingest(db: Path, inputs: list[Path], *extra: str) -> None:
    process = start_ingest(db, inputs, *extra)
    _, err = process.communicate(timeout=RUN_WITHIN)
    # 1: some inputs are error records (the German article, on its first run).
    assert process.returncode in (0, 1), err.decode("utf-8", "replace")


def kill_hard(process: subprocess.Popen[bytes]) -> dict[int, str]:
    """SIGKILL the command (not its children: a user's `kill -9 <pid>`); the
    processes it had started, to check that none lives on."""
    children = descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    # wait(), not communicate(): an orphan that inherited stderr would keep
    # the pipe open for ever.
    process.wait()
    assert process.stderr is not None
    process.stderr.close()
    return children


def wait_gone_or_kill(processes: dict[int, str]) -> list[int]:
    """The processes that outlived the deadline, which are then killed so
    that a failing test leaves nothing running."""
    alive = wait_gone(processes)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    return alive


# -- the corpus and the store ---------------------------------------------------------------


def corpus(tmp_path: Path) -> list[Path]:
    """A fresh copy of 14 real article files: about 30 articles in plain
    text (one in German: stored with an error record), HTML, JSON Lines, Atom
    and WARC."""
    here = tmp_path / "corpus"
    here.mkdir()
    # Named one by one: other tests add fixtures to these folders.
    files = [EXAMPLES / "2022-01-10-geneva-strategic-stability.txt",
             EXAMPLES / "2022-01-12-brussels-nato-russia-council.html",
             EXAMPLES / "2022-01-13-vienna-osce.jsonl",
             *(FIXTURES / "text" / name for name in ("cp1252.txt", "dateline-us.txt", "no-header.txt",
                                                     "utf8-bom-crlf.txt")),
             FIXTURES / "html" / "article.html", FIXTURES / "html" / "url-date.html",
             FIXTURES / "jsonl" / "articles.jsonl", FIXTURES / "corpus" / "jan2022.jsonl",
             FIXTURES / "lang" / "german.txt", FIXTURES / "feeds" / "atom.xml",
             FIXTURES / "warc" / "pages.warc"]
    copies = []
    for n, path in enumerate(files):
        copy = here / f"{n:02d}-{path.name}"
        shutil.copyfile(path, copy)
        copies.append(copy)
    return copies


def contents(db: Path) -> dict[str, tuple[int, ...]]:
    """Per stored article (by id): how many ``articles`` rows it has, then
    its rows in every table that has an ``article_id`` (records, errors); per
    actor identity (``identity:<key>``) its article and mention counts, which
    every stored article adds to; per happening (``happening:<id>``) its
    events. What a clean run and a crashed and rerun one must share."""
    conn = sqlite3.connect(db)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'articles'"
            " AND sql LIKE '%article_id%' ORDER BY name")]
        out: dict[str, list[int]] = {}
        for (article_id,) in conn.execute("SELECT id FROM articles"):
            out.setdefault(article_id, [0] * (1 + len(tables)))[0] += 1
        for n, table in enumerate(tables, start=1):
            for article_id, count in conn.execute(
                    f"SELECT article_id, count(*) FROM {table} WHERE article_id IS NOT NULL"
                    " GROUP BY article_id"):
                out.setdefault(article_id, [0] * (1 + len(tables)))[n] = count
        for key, articles, mentions in conn.execute("SELECT key, articles, mentions FROM identities"):
            out[f"identity:{key}"] = [articles, mentions]
        for happening, events in conn.execute(
                "SELECT happening_id, group_concat(event_id) FROM"
                " (SELECT * FROM happening_events ORDER BY event_id) GROUP BY happening_id"):
            out[f"happening:{happening}"] = [len(events.split(",")), zlib.crc32(events.encode())]
        return {k: tuple(v) for k, v in out.items()}
    finally:
        conn.close()


def compare(expected: dict[str, tuple[int, ...]], got: dict[str, tuple[int, ...]]) -> dict[str, list[str]]:
    """Articles lost and duplicated; identities and happenings missing; and
    what differs from the clean run's rows."""
    return {
        "lost": sorted(k for k in set(expected) - set(got) if ":" not in k),
        "duplicated": sorted(k for k, v in got.items() if ":" not in k and v[0] > 1),
        "missing": sorted(k for k in set(expected) - set(got) if ":" in k),
        "unexpected": sorted(set(got) - set(expected)),
        "rows differ": sorted(k for k in set(expected) & set(got) if got[k] != expected[k]),
    }


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


# -- orphaned workers (issue 15, item 11) --------------------------------------------------------


def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    """`kill -9` of `detente ingest --workers 2` used to leave both workers
    running (about 340 MB each) for ever."""
    inputs = [*corpus(tmp_path), *sorted((FIXTURES / "events").glob("realnews*/articles.jsonl"))]
    process = start_ingest(tmp_path / "d.db", inputs, "--workers", "2")
    try:
        workers: dict[int, str] = {}
        deadline = time.monotonic() + RUN_WITHIN
        while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = descendants(process.pid)
        assert len(workers) >= 2, "the workers never started (or the run ended first)"
    finally:
        children = kill_hard(process)
    assert wait_gone_or_kill(children) == []


# A process that starts a worker pool as `detente ingest --workers 2` does,
# on a system without prctl (the C library call fails), then waits.
WITHOUT_PRCTL = """
import ctypes, sys, time

def missing(*args, **kwargs):
    raise OSError("no prctl on this system")

ctypes.CDLL = missing
from detente import Settings
from detente.parallel import BatchRunner

with BatchRunner(Settings.load(env={}, workers=2)):
    print("started", flush=True)
    time.sleep(600)
"""


def test_workers_without_the_death_signal_end_by_their_watchdog(tmp_path: Path) -> None:
    """Where the kernel does not kill them (no PR_SET_PDEATHSIG), each
    worker's watchdog thread ends it once its parent is gone."""
    process = subprocess.Popen([sys.executable, "-c", WITHOUT_PRCTL], env=_env(), cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"started\n"
        workers = descendants(process.pid)
        assert len(workers) == 2
    finally:
        children = kill_hard(process)
        process.stdout.close()
    assert wait_gone_or_kill(children) == []


# -- crash safety -----------------------------------------------------------------------------


def clean_run(tmp_path: Path, inputs: list[Path]) -> dict[str, tuple[int, ...]]:
    db = tmp_path / "clean.db"
    ingest(db, inputs)
    expected = contents(db)
    assert sum(":" not in k for k in expected) > 25
    assert any(k.startswith("happening:") for k in expected)
    return expected


def count(db: Path) -> int:
    """Articles stored so far, read while the run writes (WAL lets a reader
    in); 0 while there is no store yet."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # the schema is not there yet, or being written
        return 0
    finally:
        conn.close()


class Moment:
    """When to kill: once the store holds ``articles`` articles, after
    ``delay`` more seconds. Random over the articles (0 to all of them: 0 is
    the start-up, all of them the happenings and the run's end) and over a
    delay, which puts the kill anywhere within reading, the pipeline, a
    store transaction or between them. Drawn by progress rather than time,
    so that the moments land in the writing whatever the machine's load."""

    def __init__(self, rng: random.Random, first: int, last: int) -> None:
        self.articles = rng.randint(first, last)
        self.delay = round(rng.uniform(0.0, 0.5), 2)

    def __repr__(self) -> str:
        return f"{self.articles} articles + {self.delay} s"


def crash(db: Path, inputs: list[Path], mode: tuple[str, ...], moment: Moment) -> tuple[bool, list[int]]:
    """Start an ingest and SIGKILL it at ``moment``: whether it was still
    running, and the processes it had started that outlived it."""
    process = start_ingest(db, inputs, *mode)
    deadline = time.monotonic() + RUN_WITHIN
    while process.poll() is None and count(db) < moment.articles and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        process.wait(moment.delay)
        return False, []  # it had finished: nothing to kill
    except subprocess.TimeoutExpired:
        pass
    return True, wait_gone_or_kill(kill_hard(process))


MODES = ((), ("--workers", "2"))


def check(figures: list[dict[str, object]]) -> None:
    print("", *figures, sep="\n")  # the figures for the README (pytest -s)
    bad = [f for f in figures if any(f[k] for k in ("lost", "duplicated", "missing", "unexpected",
                                                       "rows differ", "orphans"))
           or f["integrity"] != "ok"]
    assert bad == [], bad


def test_crash_safety(tmp_path: Path) -> None:
    """Per mode, one store is killed at 3 random moments in a row (each
    rerun is killed again later on, as a user retrying on a flaky machine
    would see it), then run to completion. The moments are drawn from the
    first, second and last third of the articles."""
    inputs = corpus(tmp_path)
    expected = clean_run(tmp_path, inputs)
    total = sum(":" not in k for k in expected)
    rng = random.Random(15)  # a fixed seed, so that a failure can be replayed
    figures: list[dict[str, object]] = []
    for mode in MODES:
        db = tmp_path / f"crash{len(mode)}.db"
        orphans: list[int] = []
        moments, killed, left = [], [], []
        for third in range(3):
            first = max(count(db), third * total // 3)
            moments.append(Moment(rng, first, max(first, (third + 1) * total // 3)))
            was_running, outlived = crash(db, inputs, mode, moments[-1])
            killed.append(was_running)
            orphans += outlived
            left.append(count(db))
        ingest(db, inputs, *mode)
        figures.append({"mode": " ".join(mode) or "serial", "moments": moments, "killed": killed,
                        "articles left": left, **compare(expected, contents(db)),
                        "integrity": integrity(db), "orphans": orphans})
    check(figures)


@pytest.mark.slow
def test_crash_safety_at_many_moments(tmp_path: Path) -> None:
    """Per mode, 20 stores each killed once at a random moment, then rerun
    to completion."""
    inputs = corpus(tmp_path)
    expected = clean_run(tmp_path, inputs)
    total = sum(":" not in k for k in expected)
    rng = random.Random(1511)
    figures: list[dict[str, object]] = []
    for mode in MODES:
        for n in range(20):
            db = tmp_path / f"crash{len(mode)}-{n}.db"
            moment = Moment(rng, 0, total)
            killed, orphans = crash(db, inputs, mode, moment)
            left = count(db)
            ingest(db, inputs, *mode)
            figures.append({"mode": " ".join(mode) or "serial", "moment": moment, "killed": killed,
                            "articles left": left, **compare(expected, contents(db)),
                            "integrity": integrity(db), "orphans": orphans})
    check(figures)
