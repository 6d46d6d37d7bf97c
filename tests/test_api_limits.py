"""The HTTP API's limits (issue 15): no request may stall the server or read
the store from another site, every parameter is checked, HEAD works, and
the page's libraries ship with the package.

The stores here hold real articles (the bundled examples, read by detente's
readers) stored without running the pipeline, so no test needs the spaCy
model: search, paths and limits need articles, not records. Some tests run
the app under a real uvicorn server, in a thread or in a child process, on
a free loopback port.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from detente.article import Article
from detente.cli import cli
from detente.errors import ConfigError
from detente.readers import read
from detente.settings import Settings
from detente.store import Store
from detente.store.queries import Budget, check_search, search_page, search_terms, snippet
from detente.web import assets, create_app
from detente.web.app import ISSUES, PLOVER_TYPES, SEARCH_SLOTS, _search_slots
from detente.web.guards import host_name
from detente.web.server import server
from tests.conftest import EXAMPLES, ROOT
from tests.test_api import CSP, TestClient, local

# 32 prefix terms: within the default search_max_terms, and the costliest
# search the limits allow (each term matches a good part of the words).
COSTLY = " OR ".join(["t*"] * 32)
HOSTILE = "a OR " * 2000 + "a"  # the issue's query: held a core for 6 minutes
# Settings that let the hostile query through, so that only a disconnect or
# a shutdown can stop it (over the `large` store it runs for tens of
# seconds, in steps of up to a few seconds that SQLite cannot interrupt:
# why the term limit matters most).
UNLIMITED = {"search_max_terms": 10_000, "search_max_chars": 100_000, "search_time_limit": 600.0}
MAX_INT64 = 2**63 - 1


# -- stores --------------------------------------------------------------------------------------


def _originals() -> list[Article]:
    return [a for a in read([EXAMPLES], Settings.load(env={})) if isinstance(a, Article)]


def make_store(db: Path, copies: int = 0, *, ref: str | None = None) -> Path:
    """The four bundled examples (their refs as read, e.g. absolute paths),
    and ``copies`` unique copies of their texts."""
    originals = _originals()
    with Store(db) as store:
        for article in originals:
            store.add_article(article)
        for n in range(copies):
            source = originals[n % len(originals)]
            store.add_article(Article.create(ref or f"copy-{n}", f"{source.text}\n\nCopy {n}.",
                                             title=source.title, published=source.published,
                                             date_source=source.date_source))
    return db


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("limits") / "small.db", 8)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough articles that the hostile query runs for tens of seconds
    unless something stops it."""
    return make_store(tmp_path_factory.mktemp("limits") / "large.db", 400)


def app_for(db: Path, **settings: Any) -> Any:
    return create_app(str(db), settings=Settings.load(env={}, **settings))


def _error(response: Any, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status, body
    if code:
        assert body["error"]["code"] == code, body
    assert response.headers["content-security-policy"] == CSP
    return str(body["error"]["message"])


# -- servers -------------------------------------------------------------------------------------


@contextmanager
def serving(app: Any) -> Iterator[int]:
    """The app under detente's uvicorn server (server.py) in a thread, on a
    free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    running = server(app, log_level="warning")
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield int(sock.getsockname()[1])
    finally:
        running.should_exit = True
        thread.join(30)
        sock.close()


def raw(port: int, data: bytes, pieces: int = 1) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are (in ``pieces`` writes) and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        step = -(-len(data) // pieces)
        try:
            for i in range(0, len(data), step):
                conn.sendall(data[i:i + step])
                time.sleep(0.01)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before reading everything
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- search: length, terms, time ---------------------------------------------------------------


def test_limits_search_terms_are_counted_as_fts5_reads_them() -> None:
    assert search_terms("NATO") == 1
    assert search_terms('"security guarantees" OR nato* AND NOT russia') == 4
    assert search_terms("NEAR(Lavrov Blinken, 5)") == 3  # the distance counts: an upper bound
    assert search_terms(HOSTILE) == 2001
    assert search_terms("and or not") == 3  # lower case: words, not operators


def test_limits_too_long_or_too_many_terms_is_a_422(small: Path) -> None:
    client = local(app_for(small))
    message = _error(client.get("/api/search", params={"q": HOSTILE}), 422, "query_too_costly")
    assert "10,001 characters" in message and "search_max_chars" in message
    many = " OR ".join(f"w{n}" for n in range(40))  # 40 terms in 199 characters
    message = _error(client.get("/api/search", params={"q": many}), 422, "query_too_costly")
    assert "40 terms" in message and "search_max_terms" in message
    assert client.get("/api/search", params={"q": COSTLY, "limit": 1}).status_code == 200
    # The limits are settings.
    tight = local(app_for(small, search_max_terms=2, search_max_chars=20))
    _error(tight.get("/api/search", params={"q": "Lavrov OR Blinken OR Stoltenberg"}), 422, "query_too_costly")
    assert tight.get("/api/search", params={"q": "Lavrov OR Blinken"}).json()["total"] >= 1
    with pytest.raises(Exception, match="search_max_terms"):
        check_search("a b c", 100, 2)


def test_limits_a_search_past_its_time_budget_is_stopped(small: Path) -> None:
    # A microsecond: the first progress check finds the budget spent.
    client = local(app_for(small, search_time_limit=1e-6))
    message = _error(client.get("/api/search", params={"q": COSTLY}), 503, "query_too_costly")
    assert "search_time_limit" in message and "query too costly" in message
    # The other routes have no time limit.
    assert client.get("/api/articles").status_code == 200


def test_limits_searches_wait_for_a_free_slot_then_say_busy(small: Path) -> None:
    app = app_for(small, search_time_limit=0.2)  # also how long one waits for a slot
    holders = [f"holder-{n}" for n in range(SEARCH_SLOTS)]
    with TestClient(app, base_url="http://localhost") as client:

        def hold() -> Any:  # in the app's event loop, as running searches would
            slots = _search_slots(app.state.detente)
            for holder in holders:
                slots.acquire_on_behalf_of_nowait(holder)
            return slots

        slots = client.portal.call(hold)
        message = _error(client.get("/api/search", params={"q": "NATO"}), 503, "busy")
        assert f"{SEARCH_SLOTS} searches are running" in message
        assert client.get("/api/stats").status_code == 200  # the other routes are not held up
        client.portal.call(lambda: [slots.release_on_behalf_of(h) for h in holders])
        assert client.get("/api/search", params={"q": "NATO"}).json()["total"] >= 1


def test_limits_a_budget_stops_a_statement_and_says_why(small: Path) -> None:
    flag = threading.Event()
    budget = Budget([(flag, "disconnected")])
    store = Store(small)
    conn = store.conn
    budget.install(conn)
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"
    flag.set()
    with pytest.raises(sqlite3.OperationalError) as stopped:
        conn.execute(endless).fetchone()
    assert budget.reason(stopped.value) == "disconnected"
    # A stopped search is not taken for bad FTS5 syntax (a QueryError).
    with pytest.raises(sqlite3.OperationalError):
        search_page(conn, COSTLY, 10, 0)
    flag.clear()
    assert search_page(conn, COSTLY, 10, 0).total >= 1
    with budget.time_limit(1e-6), pytest.raises(sqlite3.OperationalError) as late:
        conn.execute(endless).fetchone()
    assert budget.reason(late.value) == "time"
    assert budget.reason(sqlite3.OperationalError("no such table: x")) is None
    store.close()


def test_limits_search_snippets_only_the_page(small: Path) -> None:
    """The page's hits and their order are those of ranking every hit (the
    snippets come after the page is chosen)."""
    with Store(small) as store:
        everything = search_page(store.conn, "NATO OR Russia", None, 0)
        page = search_page(store.conn, "NATO OR Russia", 3, 2)
    assert everything.total == page.total == len(everything.items) >= 6
    assert page.items == everything.items[2:5]
    assert all("[" in hit["snippet"] for hit in page.items)


def test_limits_snippets_mark_the_query_words_in_context() -> None:
    text = ("HELSINKI — Finnish President Sauli Niinistö met NATO Secretary-General Jens Stoltenberg in "
            "Helsinki on Friday to discuss European security, and the two leaders then met the press.")
    # Two words before the first match, case and diacritics folded, as FTS5 matched it.
    assert snippet(text, "niinisto") == (" … President Sauli [Niinistö] met NATO Secretary-General Jens "
                                         "Stoltenberg in Helsinki on … ")
    # The window with the most different words of the query; prefixes; no operators or column names.
    assert snippet(text, "title:press OR leader* OR NATO") == (
        " … to discuss European security, and the two [leaders] then met the [press]")
    assert snippet(text, "nothing") == ("HELSINKI — Finnish President Sauli Niinistö met NATO "
                                        "Secretary-General Jens Stoltenberg in … ")
    assert snippet("", "NATO") == "" and snippet(None, "NATO") == ""


def test_limits_a_costly_search_over_a_long_article_answers(tmp_path: Path) -> None:
    """FTS5's snippet() over one 100,000-character article and the costliest
    query the limits allow took 34 s in one step SQLite cannot interrupt: the
    search answered 503 after it. Detente's snippet is linear."""
    base = _originals()[0]
    long_text = "\n\n".join(f"{base.text} (Part {n}.)" for n in range(45))
    assert len(long_text) > 100_000
    db = tmp_path / "long.db"
    with Store(db) as store:
        store.add_article(Article.create("long", long_text, title="A long article"))
    client = local(app_for(db))  # the default limits: 32 terms, 2 s
    hits = client.get("/api/search", params={"q": COSTLY}).json()
    assert hits["total"] == 1 and hits["items"][0]["snippet"].count("[") >= 3


def test_limits_a_disconnected_client_stops_its_query(large: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="detente.web.app")
    app = app_for(large, **UNLIMITED)  # only the disconnect can stop it
    query = urllib.parse.quote(HOSTILE)
    with serving(app) as port:
        conn = socket.create_connection(("127.0.0.1", port))
        conn.sendall(f"GET /api/search?limit=500&q={query} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        time.sleep(0.5)  # the query is running (unstopped, it takes tens of seconds)
        conn.close()
        deadline = time.monotonic() + 120
        while not any("stopped: the client disconnected" in r.getMessage() for r in caplog.records):
            assert time.monotonic() < deadline, "the query went on after its client left"
            time.sleep(0.1)


def test_limits_sigterm_during_a_hostile_search_exits_promptly(large: Path) -> None:
    """A real server process (``detente.web.run``, what ``detente serve``
    runs) with no time limit on searches: SIGTERM stops the search that is
    running, which answers 503, and the process exits."""
    port = _free_port()
    env = {**os.environ, **{f"DETENTE_{k.upper()}": str(v) for k, v in UNLIMITED.items()}}
    code = ("import sys; from detente.settings import Settings; from detente.web import create_app, run; "
            "run(create_app(sys.argv[1], settings=Settings.load()), port=int(sys.argv[2]), log_level='warning')")
    process = subprocess.Popen([sys.executable, "-c", code, str(large), str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        answer: dict[str, httpx.Response] = {}

        def search() -> None:
            answer["search"] = httpx.get(f"{base}/api/search", params={"q": HOSTILE, "limit": 500}, timeout=300)

        thread = threading.Thread(target=search)
        thread.start()
        time.sleep(1.0)  # the search is running (unstopped, it takes tens of seconds)
        process.terminate()
        process.wait(timeout=30)  # it waited for the search before: as long as it took
        thread.join(30)
        # uvicorn ends by raising the signal it caught again: killed by SIGTERM.
        assert process.returncode in (0, -signal.SIGTERM)
        assert "shutting down" in _error(answer["search"], 503, "unavailable")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


# -- parameters ----------------------------------------------------------------------------------

LISTS = ("/api/articles", "/api/events", "/api/happenings", "/api/quotes", "/api/actors", "/api/places",
         "/api/stances", "/api/stances/summary", "/api/dyads", "/api/map", "/api/search?q=NATO")


def test_limits_huge_integers_are_422_not_500(small: Path) -> None:
    client = local(app_for(small))
    for url in LISTS:
        sep = "&" if "?" in url else "?"
        for bad in ("offset=9223372036854775808", "offset=99999999999999999999", "limit=501", "limit=0",
                    "offset=-1", "limit=1e3"):
            _error(client.get(f"{url}{sep}{bad}"), 422, "invalid_request")
        assert client.get(f"{url}{sep}offset={MAX_INT64}").json()["items"] == []
    for url in ("/api/happenings", "/api/happenings/counts", "/api/map"):
        _error(client.get(f"{url}?min_articles=99999999999999999999"), 422, "invalid_request")
        _error(client.get(f"{url}?min_articles=9223372036854775808"), 422, "invalid_request")
        assert client.get(f"{url}?min_articles={MAX_INT64}").status_code == 200


# Every parameter with a fixed set of values, where it is taken, with one
# of the values the 422 must name.
ENUMERATED = [
    ("/api/events", "type", "CONSULT"), ("/api/events", "status", "occurred"),
    ("/api/events/counts", "type", "CONSULT"), ("/api/events/counts", "status", "occurred"),
    ("/api/events/counts", "period", "week"),
    ("/api/happenings", "type", "CONSULT"), ("/api/happenings", "status", "occurred"),
    ("/api/happenings/counts", "type", "CONSULT"), ("/api/happenings/counts", "status", "occurred"),
    ("/api/happenings/counts", "period", "week"),
    ("/api/actors", "type", "person"), ("/api/places", "feature", "city"),
    ("/api/stances", "issue", "arms-control"), ("/api/stances", "position", "demand"),
    ("/api/stances/summary", "issue", "arms-control"), ("/api/stances/summary", "period", "month"),
    ("/api/dyads", "period", "week"), ("/api/dyads", "unit", "happening"),
    ("/api/network", "type", "CONSULT"),
    ("/api/map", "type", "CONSULT"), ("/api/map", "status", "occurred"),
    ("/api/articles", "format", "csv"), ("/api/events", "format", "csv"),
]


@pytest.mark.parametrize(("url", "name", "named"), ENUMERATED)
def test_limits_unknown_enumerated_values_are_422_naming_the_allowed(small: Path, url: str, name: str,
                                                                     named: str) -> None:
    client = local(app_for(small))
    message = _error(client.get(url, params={name: "FOO"}), 422, "invalid_request")
    assert name in message and named in message and "FOO" in message


def test_limits_enumerated_values_in_any_case_and_checked_free_ones(small: Path) -> None:
    client = local(app_for(small))
    for url, name, value in (("/api/events", "type", "consult"), ("/api/stances", "issue", "ARMS-CONTROL"),
                             ("/api/places", "feature", "City"), ("/api/actors", "type", "Person"),
                             ("/api/events", "type", "")):
        assert client.get(url, params={name: value}).status_code == 200, (url, name, value)
    assert "ISO 3166-1" in _error(client.get("/api/places", params={"country": "Switzerland"}), 422)
    assert client.get("/api/places", params={"country": "che"}).status_code == 200
    assert {"CONSULT", "ASSAULT", "REQUEST"} <= set(PLOVER_TYPES) and "arms-control" in ISSUES
    spec = client.get("/openapi.json").json()
    described = {p["name"]: p.get("description", "") for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert all(t in described["type"] for t in PLOVER_TYPES)


# -- the Host header -----------------------------------------------------------------------------


def test_limits_host_names_are_read_without_port() -> None:
    assert host_name("localhost:8000") == "localhost"
    assert host_name("LocalHost.") == "localhost"
    assert host_name("[::1]:8000") == "::1" and host_name("[::1]") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("127.0.0.1") == "127.0.0.1"


def test_limits_host_header_must_name_an_allowed_host(small: Path) -> None:
    app = app_for(small)
    for base in ("http://localhost", "http://localhost:8000", "http://127.0.0.1:1234", "http://[::1]:8000",
                 "http://LOCALHOST"):
        assert TestClient(app, base_url=base).get("/api/stats").status_code == 200, base
    for base in ("http://evil.example", "http://127.0.0.1.evil.example", "http://localhost.evil.example:8000"):
        response = TestClient(app, base_url=base).get("/api/stats")
        message = _error(response, 400, "bad_host")
        assert "allowed_hosts" in message and "evil.example" in message
        # No store content in the refusal, for any method or path.
        _error(TestClient(app, base_url=base).get("/"), 400, "bad_host")
        assert TestClient(app, base_url=base).head("/api/articles").status_code == 400
    named = app_for(small, allowed_hosts=["detente.example"])
    assert TestClient(named, base_url="http://detente.example:8000").get("/api/stats").status_code == 200
    _error(TestClient(named, base_url="http://localhost").get("/api/stats"), 400, "bad_host")
    anyone = app_for(small, allowed_hosts=["*"])
    assert TestClient(anyone, base_url="http://anything.example").get("/api/stats").status_code == 200


# -- HEAD, request sizes, protocol errors ------------------------------------------------------


def test_limits_head_answers_wherever_get_does(small: Path) -> None:
    client = local(app_for(small))
    article = client.get("/api/articles?limit=1").json()["items"][0]["id"]
    spec = client.get("/openapi.json").json()
    urls = ["/", "/openapi.json", "/static/app.js", "/static/vendor/d3.min.js", "/api/nothing-here"]
    urls += [path.replace("{article_id}", article) + ("?q=NATO" if path == "/api/search" else "")
             for path, methods in spec["paths"].items() if "get" in methods]
    assert len(urls) > 18
    for url in urls:
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code, (url, head.status_code)
        assert head.content == b""
        for name in ("content-type", "content-length", "content-security-policy"):
            assert head.headers.get(name) == got.headers.get(name), (url, name)
    assert client.get("/api/nothing-here").status_code == 404
    _error(client.delete("/api/events"), 405, "method_not_allowed")


def test_limits_request_head_and_read_bodies_are_bounded(small: Path) -> None:
    client = local(app_for(small, max_request_bytes=4096))
    message = _error(client.get("/api/stats", headers={"X-Padding": "a" * 5000}), 431, "request_too_large")
    assert "max_request_bytes" in message
    _error(client.get("/api/search", params={"q": "a" * 5000}), 431, "request_too_large")
    message = _error(client.request("GET", "/api/stats", content=b"x" * 5000), 413, "payload_too_large")
    assert "max_request_bytes" in message
    assert client.get("/api/stats", headers={"X-Padding": "a" * 1000}).status_code == 200


def test_limits_protocol_errors_carry_the_envelope_and_headers(small: Path) -> None:
    with serving(app_for(small, max_request_bytes=8192)) as port:
        for data, pieces, status in (
            (b"GARBAGE\r\n\r\n", 1, 400),
            (b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n", 1, 400),
            # Headers over the bound, arriving in pieces (h11's bound) ...
            (b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n", 8, 431),
            # ... or at once (the app's).
            (b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 1, 431),
            # HTTP/1.0 has no Host header to check.
            (b"GET /api/stats HTTP/1.0\r\n\r\n", 1, 400),
        ):
            got, headers, body = raw(port, data, pieces)
            assert got == status, (data[:60], got, body)
            assert headers["content-type"] == "application/json"
            assert headers["content-security-policy"] == CSP and headers["x-content-type-options"] == "nosniff"
            error = json.loads(body)["error"]
            assert error["status"] == status and len(error["message"]) > 20
        got, headers, body = raw(port, b"HEAD /api/stats HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert got == 200 and body == b"" and int(headers["content-length"]) > 100
        # A GET's body is never read past the bound (nor given to the app).
        chunk = b"2000\r\n" + b"x" * 0x2000 + b"\r\n"
        got, headers, body = raw(port, b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                 b"Transfer-Encoding: chunked\r\n\r\n" + chunk * 4 + b"0\r\n\r\n")
        assert got == 200 and json.loads(body)["records"]["article"] == 12


# -- local paths ---------------------------------------------------------------------------------


def test_limits_stats_and_refs_show_no_absolute_paths(tmp_path: Path) -> None:
    db = make_store(tmp_path / "paths.db", 1, ref=str(tmp_path / "archive" / "wire.jsonl") + ":7")
    with Store(db) as store:
        store.start_run(f"ingest {EXAMPLES} {tmp_path}/archive/wire.jsonl", Settings.load(env={}), [])
    client = local(app_for(db))
    stats = client.get("/api/stats").json()
    assert stats["store"] == "paths.db"
    assert stats["last_run"]["command"] == "ingest examples wire.jsonl"
    articles = client.get("/api/articles?limit=500").json()["items"]
    refs = {a["ref"] for a in articles}
    assert "wire.jsonl:7" in refs and "2022-01-10-geneva-strategic-stability.txt" in refs
    assert "vienna-osce-2022-01-13" in refs  # an input's own id, as it was
    detail = client.get(f"/api/articles/{articles[0]['id']}").json()
    assert detail["article"]["ref"] == articles[0]["ref"]
    everything = json.dumps([stats, articles, detail])
    assert str(tmp_path) not in everything and str(ROOT) not in everything
    # The server's own failures name the file, not its folder.
    broken = tmp_path / "broken.db"
    app = app_for(make_store(broken))
    for suffix in ("-wal", "-shm"):
        Path(f"{broken}{suffix}").unlink(missing_ok=True)
    broken.write_bytes(b"this is not an SQLite file " * 100)
    message = _error(local(app, raise_server_exceptions=False).get("/api/stats"), 500, "store_error")
    assert "broken.db" in message and str(tmp_path) not in message


# -- the page's libraries ----------------------------------------------------------------------


def test_limits_serve_never_runs_npm_and_says_what_is_missing(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[Any] = []
    monkeypatch.setattr(assets, "VENDOR", tmp_path / "vendor")  # nothing built there
    monkeypatch.setattr(assets.subprocess, "run", lambda *a, **k: calls.append(("subprocess", a)))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *a, **k: calls.append(("serve", self)))
    with pytest.raises(ConfigError, match="python -m detente.web.assets"):
        create_app(str(tmp_path / "x.db"), settings=Settings.load(env={}))
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "y.db")], env={"DETENTE_TOKEN": ""})
    assert result.exit_code != 0
    assert "libraries are missing" in result.output and "reinstall" in result.output
    assert calls == []  # no npm, no server
    # Without the page, the API alone can still be made.
    assert local(create_app(str(tmp_path / "z.db"), settings=Settings.load(env={}), page=False)).get(
        "/api/stats").status_code == 200


def test_limits_page_libraries_ship_in_the_package() -> None:
    if not assets.ready():
        assets.build()  # the build step (npm), as a release runs it before building the package
    assets.require()
    lock = json.loads((assets.WEB / "package-lock.json").read_text("utf-8"))["packages"]
    versions = json.loads((assets.VENDOR / "VERSIONS.json").read_text("utf-8"))
    for package in ("d3", "topojson-client", "world-atlas"):
        assert versions[package] == lock[f"node_modules/{package}"]["version"], package
        assert (assets.VENDOR / f"{package}.LICENSE").read_text("utf-8").startswith("Copyright")
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"web/static/**/*"' in pyproject
    assert "graft src/detente/web/static" in (ROOT / "MANIFEST.in").read_text("utf-8")
    git = subprocess.run(["git", "check-ignore", "-q", "src/detente/web/static/vendor/d3.min.js"], cwd=ROOT,
                         check=False)
    assert git.returncode == 0, "the vendor files are built, not committed (third-party code)"


# -- concurrency -------------------------------------------------------------------------------


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_concurrency", ROOT / "bench" / "concurrency.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_concurrency"] = module
    spec.loader.exec_module(module)
    return module


def test_limits_concurrent_reads_with_a_writer_and_hostile_searches_have_no_errors(tmp_path: Path) -> None:
    """A small run of bench/concurrency.py: 50 reads over every GET endpoint
    at once, while articles are written and 4 hostile searches run, against
    ``detente serve`` in a child process. Errors only: latencies are the
    benchmark's."""
    bench = _bench()
    db = make_store(tmp_path / "busy.db", 40)
    server_ = bench.Server(db)
    try:
        result = bench.run(server_.base, bench.StoreWriter(db, articles=30), requests=50, hostile=4, probes=5)
    finally:
        server_.stop()
    assert result["errors"] == 0, result["error_list"]
    assert sum(v["n"] for v in result["burst"]["latency_ms"].values()) == 50
    assert result["burst"]["hostile"]["or_chain: 422"] == 1 and result["writer"]["articles_added"] == 30
