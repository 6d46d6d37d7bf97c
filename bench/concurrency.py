"""Concurrent reads of the HTTP API while an ingest writes and hostile searches run.

Method
------
1. A store is built in a temporary folder as a user builds one: ``detente
   ingest examples/`` (the CLI, the real pipeline). ``--copies N`` then adds
   N unique copies of those articles' texts (articles only, no records) so
   that full-text search has some hundreds of articles to work through, as a
   real store has; ``--copies 0`` keeps the four examples.
2. The real server runs on a free loopback port: ``detente serve --db
   STORE --port P`` in a child process (uvicorn), asked until ``/api/stats``
   answers.
3. The writer starts: ``detente ingest tests/fixtures/corpus/jan2022.jsonl``
   into the same store (12 new articles through the whole pipeline). The
   burst waits until the writer's run is recorded (its model is loaded and
   it is about to write), so that reads and writes overlap.
4. The burst: one ``httpx.AsyncClient`` sends ``--requests`` read requests at
   once, round robin over every GET endpoint of ``/openapi.json`` (an
   article id filled in, ``q=NATO`` for the search) and the page, and with
   them ``--hostile`` hostile searches, in turn: ``'a OR ' * 2000`` (refused
   by the term and length limits, 422), a 5,000-character query (422), 32
   prefix terms (within the limits, the costliest search allowed: answered,
   or stopped after ``search_time_limit``, 503) and the same one from a
   client that gives up after 0.3 s and disconnects (its query is stopped).
5. ``/api/stats`` under hostile load: while ``--hostile`` clients keep
   sending the costly search, ``/api/stats`` is asked ``--probes`` times,
   one at a time.

Figures (JSON on stdout): ``errors`` (target 0): a read not answered 200, a
hostile search answered with anything but its expected status and the
API's error envelope, and any transport error (refused, reset, timeout);
per endpoint ``n``, ``p50_ms`` and ``p95_ms`` of the burst; the hostile
searches' statuses; ``stats_p95_ms_under_hostile_load`` (target < 200 ms);
``writer``: whether it was still writing when the burst ended and how many
articles it added.

::

    .venv/bin/python bench/concurrency.py                   # 200 requests, 8 hostile, 400 copies
    .venv/bin/python bench/concurrency.py --requests 50 --hostile 2 --copies 0   # a quick check

``run()`` is the measurement alone, over any store and writer: the test
suite runs a small one (tests/test_api_limits.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
WRITER_INPUT = ROOT / "tests" / "fixtures" / "corpus" / "jan2022.jsonl"
COSTLY = " OR ".join(["t*"] * 32)  # 32 terms: the default search_max_terms
HOSTILE: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    # (name, query, the statuses that are a correct answer)
    ("or_chain", "a OR " * 2000, (422,)),
    ("long", "x" * 5000, (422,)),
    ("costly", COSTLY, (200, 503)),
    ("abandoned", COSTLY, ()),  # the client leaves after ABANDON_AFTER seconds
)
ABANDON_AFTER = 0.3
Result = dict[str, Any]


class Writer(Protocol):
    def started(self) -> bool: ...
    def running(self) -> bool: ...
    def finish(self) -> Result: ...


# -- the store, the server and the writer -------------------------------------------------------


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "detente.cli", *args]


def build_store(db: Path, copies: int) -> None:
    """``detente ingest examples/``, then ``copies`` unique copies of the
    examples' texts as articles (no records: they only feed the search)."""
    subprocess.run(cli("-q", "ingest", str(EXAMPLES), "--db", str(db)), check=True)
    if copies:
        add_copies(db, copies)


def add_copies(db: Path, copies: int, *, label: str = "Copy", pause: float = 0.0,
               stop: threading.Event | None = None) -> int:
    """Add up to ``copies`` copies of the examples' articles to the store,
    each made unique by a last line "``label`` n." (one transaction each, as
    ingest writes them); returns how many were added."""
    from detente.article import Article
    from detente.readers import read
    from detente.settings import Settings
    from detente.store import Store

    originals = [a for a in read([EXAMPLES], Settings.load(env={})) if isinstance(a, Article)]
    added = 0
    with Store(db) as store:
        for n in range(copies):
            if stop is not None and stop.is_set():
                break
            source = originals[n % len(originals)]
            copy = Article.create(f"{label.lower()}-{n}", f"{source.text}\n\n{label} {n}.", title=source.title,
                                  published=source.published, date_source=source.date_source)
            added += int(store.add_article(copy))
            if pause:
                time.sleep(pause)
    return added


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``detente serve`` in a child process."""

    def __init__(self, db: Path, *, env: dict[str, str] | None = None,
                 command: Sequence[str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the server runs
        args = command or cli("-q", "serve", "--db", str(db), "--port", str(self.port))
        self.process = subprocess.Popen([*args], stdout=self.log, stderr=subprocess.STDOUT,
                                        env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.base}/api/stats", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not start:\n{self.output()}")
            time.sleep(0.1)

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class IngestWriter:
    """``detente ingest INPUT`` into the store, in a child process."""

    def __init__(self, db: Path, source: Path = WRITER_INPUT) -> None:
        self.db = db
        self.runs = self._runs()
        self.process = subprocess.Popen(cli("-q", "ingest", str(source), "--db", str(db)),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _runs(self) -> int:
        import sqlite3

        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM runs").fetchone()[0])

    def started(self) -> bool:
        return self._runs() > self.runs or self.process.poll() is not None

    def running(self) -> bool:
        return self.process.poll() is None

    def finish(self) -> Result:
        _, err = self.process.communicate(timeout=600)
        import sqlite3

        with sqlite3.connect(self.db) as conn:
            added = conn.execute("SELECT articles_added FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        return {"exit": self.process.returncode, "articles_added": added,
                "stderr": err.decode("utf-8", "replace")[-2000:] if self.process.returncode else ""}


class StoreWriter:
    """Articles written straight into the store from a thread, one
    transaction each, a little apart (the test suite's writer: no model)."""

    def __init__(self, db: Path, articles: int = 40, pause: float = 0.02) -> None:
        self.stop = threading.Event()
        self.added = 0
        self.thread = threading.Thread(target=self._write, args=(db, articles, pause), daemon=True)
        self.thread.start()

    def _write(self, db: Path, articles: int, pause: float) -> None:
        self.added = add_copies(db, articles, label="Written", pause=pause, stop=self.stop)

    def started(self) -> bool:
        return True

    def running(self) -> bool:
        return self.thread.is_alive()

    def finish(self) -> Result:
        self.thread.join(600)
        return {"exit": 0, "articles_added": self.added}


# -- the measurement ---------------------------------------------------------------------------


def _envelope(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and set(body) == {"error"} and body["error"].get("status") == response.status_code


def _percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return round(ordered[rank - 1], 1)


async def _endpoints(client: httpx.AsyncClient) -> list[str]:
    """Every GET endpoint of the API (an article id filled in) and the page."""
    spec = (await client.get("/openapi.json")).json()
    first = (await client.get("/api/articles", params={"limit": 1})).json()["items"]
    urls = ["/"]
    for path, methods in sorted(spec["paths"].items()):
        if "get" not in methods:
            continue
        if "{article_id}" in path:
            if not first:
                continue
            path = path.replace("{article_id}", first[0]["id"])
        urls.append(path + ("?q=NATO" if path == "/api/search" else ""))
    return urls


async def _timed(client: httpx.AsyncClient, url: str, params: dict[str, str] | None = None,
                 timeout: float | None = 120) -> tuple[httpx.Response | None, float, str | None]:
    start = time.perf_counter()
    try:
        response = await client.get(url, params=params, timeout=timeout)
    except httpx.TransportError as exc:
        return None, (time.perf_counter() - start) * 1000, type(exc).__name__
    return response, (time.perf_counter() - start) * 1000, None


async def _burst(base: str, requests: int, hostile: int) -> Result:
    limits = httpx.Limits(max_connections=requests + hostile + 10, max_keepalive_connections=20)
    async with httpx.AsyncClient(base_url=base, limits=limits) as client:
        urls = await _endpoints(client)
        reads = [_timed(client, urls[i % len(urls)]) for i in range(requests)]
        kinds = [HOSTILE[i % len(HOSTILE)] for i in range(hostile)]
        searches = [_timed(client, "/api/search", {"q": query, "limit": "500"},
                           timeout=ABANDON_AFTER if name == "abandoned" else 120)
                    for name, query, _ in kinds]
        started = time.perf_counter()
        done = await asyncio.gather(*reads, *searches)
        wall = time.perf_counter() - started
    errors: list[str] = []
    latencies: dict[str, list[float]] = defaultdict(list)
    for i, (response, ms, failure) in enumerate(done[:requests]):
        url = urls[i % len(urls)]
        latencies[url.split("?")[0]].append(ms)
        if failure or response is None or response.status_code != 200:
            errors.append(f"GET {url}: {failure or (response.status_code if response else '?')}")
    outcomes: Counter[str] = Counter()
    for (name, _, expected), (response, _, failure) in zip(kinds, done[requests:], strict=True):
        if name == "abandoned":
            outcomes[f"{name}: {'left' if failure else response.status_code if response else '?'}"] += 1
            continue
        status = response.status_code if response is not None else None
        outcomes[f"{name}: {status or failure}"] += 1
        if status not in expected or (status != 200 and response is not None and not _envelope(response)):
            errors.append(f"hostile search {name}: {status or failure}")
    return {"wall_s": round(wall, 2), "errors": errors, "hostile": dict(sorted(outcomes.items())),
            "latency_ms": {url: {"n": len(ms), "p50": _percentile(ms, 50), "p95": _percentile(ms, 95)}
                           for url, ms in sorted(latencies.items())}}


async def _stats_under_load(base: str, probes: int, hostile: int) -> Result:
    """``/api/stats``, one request at a time, while ``hostile`` clients keep
    sending the costly search."""
    stop = asyncio.Event()
    statuses: Counter[int] = Counter()
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:

        async def pound() -> None:
            while not stop.is_set():
                response = await client.get("/api/search", params={"q": COSTLY, "limit": "500"})
                statuses[response.status_code] += 1

        pounders = [asyncio.create_task(pound()) for _ in range(hostile)]
        await asyncio.sleep(0.5)  # let the searches get going
        times, errors = [], []
        for _ in range(probes):
            response, ms, failure = await _timed(client, "/api/stats")
            times.append(ms)
            if failure or response is None or response.status_code != 200:
                errors.append(f"GET /api/stats: {failure or (response.status_code if response else '?')}")
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.gather(*pounders)
    return {"errors": errors, "stats_p50_ms": _percentile(times, 50) if times else None,
            "stats_p95_ms": _percentile(times, 95) if times else None,
            "hostile_statuses": {str(k): v for k, v in sorted(statuses.items())}}


def _run_async(make: Callable[[], Coroutine[Any, Any, Result]]) -> Result:
    """``asyncio.run`` in a thread of its own: the caller may be running an
    event loop already (a test session with Playwright's)."""
    out: dict[str, Any] = {}

    def target() -> None:
        try:
            out["result"] = asyncio.run(make())
        except BaseException as exc:  # handed to the caller
            out["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return cast(Result, out["result"])


def run(base: str, writer: Writer | None, *, requests: int = 200, hostile: int = 8,
        probes: int = 40) -> Result:
    """The burst and the stats probes against the server at ``base``, while
    ``writer`` writes (the burst waits until it has started)."""
    if writer is not None:
        deadline = time.monotonic() + 300
        while not writer.started() and time.monotonic() < deadline:
            time.sleep(0.1)
    burst = _run_async(lambda: _burst(base, requests, hostile))
    overlapped = writer.running() if writer is not None else None
    under_load = _run_async(lambda: _stats_under_load(base, probes, hostile)) if probes and hostile else None
    written = writer.finish() if writer is not None else None
    errors = burst["errors"] + (under_load["errors"] if under_load else [])
    return {
        "errors": len(errors),
        "error_list": errors[:20],
        "requests": requests,
        "hostile": hostile,
        "burst": burst,
        "stats_p95_ms_under_hostile_load": under_load["stats_p95_ms"] if under_load else None,
        "under_hostile_load": under_load,
        "writer": {"still_writing_after_burst": overlapped, **(written or {})},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="read requests sent at once")
    parser.add_argument("--hostile", type=int, default=8, help="hostile searches (and hostile clients)")
    parser.add_argument("--probes", type=int, default=40, help="/api/stats requests under hostile load")
    parser.add_argument("--copies", type=int, default=400, help="copies of the examples added to the store")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="detente-bench-") as folder:
        db = Path(folder) / "bench.db"
        build_store(db, args.copies)
        server = Server(db)
        try:
            result = run(server.base, IngestWriter(db), requests=args.requests, hostile=args.hostile,
                         probes=args.probes)
        finally:
            server.stop()
        result["store"] = {"examples": str(EXAMPLES.relative_to(ROOT)), "copies": args.copies}
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", "utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
