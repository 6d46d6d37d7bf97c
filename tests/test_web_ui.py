"""The web page in a real browser: Playwright drives Debian's chromium
(never a downloaded browser) against the real app, served by uvicorn on a
free localhost port, over a store ingested from examples/, the January 2022
corpus and one hostile article whose text and title carry markup.

Every view waits for ``main#view[data-rendered]`` to equal the hash: the
page sets it when a route has been drawn. One browser per session; each test
opens a fresh page that records console errors and every request (and
aborts any that leaves localhost)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from detente import ConfigError, Settings, Store, ingest
from detente.web import assets
from tests.conftest import EXAMPLES, FIXTURES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL = {"127.0.0.1", "localhost"}

HOSTILE = {
    "id": "hostile-markup",
    "title": "Talks in Brussels <script>window.__pwned = 3</script>",
    "published": "2022-01-21",
    "source": "hostile test",
    "url": "javascript:window.__pwned=4",
    "text": (
        "Russia and NATO met in Brussels on Friday, January 21, 2022, to discuss European security. "
        "<script>window.__pwned = 1</script> The Kremlin rejected the proposal on troop withdrawals. "
        '<img src=x onerror="window.__pwned=2"> "We will not accept <b>this</b> ultimatum," Foreign '
        "Minister Sergei Lavrov said in Moscow. NATO Secretary General Jens Stoltenberg said the "
        "alliance was ready to talk."
    ),
}


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free localhost port."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def web_assets() -> None:
    # Built from npm (web/package-lock.json) by the build step the tests run
    # once when the files are missing; never by `detente serve`.
    if not assets.ready():
        assets.build()
    assets.require()


@pytest.fixture(scope="session")
def ui_store(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    folder = tmp_path_factory.mktemp("web-ui")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", "utf-8")
    db = folder / "ui.db"
    with Store(db) as store:
        report = ingest([EXAMPLES, FIXTURES / "corpus" / "jan2022.jsonl", hostile], store, settings)
    assert report.added >= 16 and not report.errors, report
    return db


@pytest.fixture(scope="session")
def base_url(web_assets: None, ui_store: Path, settings: Settings) -> Iterator[str]:
    from detente.web import create_app

    with serving(create_app(str(ui_store), settings=settings)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@dataclass
class Tab:
    """One page, with what it logged and asked for."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, route: str) -> None:
        self.page.goto(f"{self.base}/{route}")
        self.wait_rendered()

    def wait_rendered(self, hash_has: str = "") -> None:
        self.page.wait_for_function(
            "want => document.getElementById('view').dataset.rendered === location.hash"
            " && location.hash.includes(want)", arg=hash_has, timeout=10_000)

    def apply(self, view: str, values: dict[str, str], expect: str) -> None:
        """Fill the view's filter form, apply it, and wait for the route
        whose hash holds ``expect``."""
        for name, value in values.items():
            control = self.page.locator(f"#f-{view}-{name}")
            if control.evaluate("e => e.tagName") == "SELECT":
                control.select_option(value)
            else:
                control.fill(value)
        self.page.locator("form.filters button[type=submit]").click()
        self.wait_rendered(expect)

    def api(self, path: str, **params: Any) -> Any:
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen(f"{self.base}/api/{path}{'?' + query if query else ''}") as answer:
            return json.load(answer)

    def outside(self) -> list[str]:
        return [u for u in self.requests
                if urllib.parse.urlsplit(u).scheme != "data" and urllib.parse.urlsplit(u).hostname not in LOCAL]

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.outside() == []

    def bars(self) -> dict[str, int]:
        """The timeline chart's records per period: its bars' heights in records."""
        bars = self.page.locator("#timeline-chart rect.bar").evaluate_all(
            "bs => bs.map(b => [b.dataset.period, +b.dataset.n])")
        total: Counter[str] = Counter()
        for period, n in bars:
            total[period] += n
        return {period: n for period, n in total.items() if n}

    def rows(self, selector: str = "#timeline-table tbody tr") -> list[dict[str, Any]]:
        return self.page.locator(selector).evaluate_all(
            "rows => rows.map(r => ({id: r.dataset.id, type: r.dataset.type,"
            " actors: (r.querySelector('.c-actors') || {}).textContent}))")


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = Tab(page, base_url)

    def on_route(route: Any) -> None:
        if urllib.parse.urlsplit(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", on_route)
    page.on("console", lambda m: found.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.errors.append(f"page error: {e}"))
    page.on("request", lambda r: found.requests.append(r.url))
    yield found
    context.close()


@pytest.mark.model
def test_web_ui_loads_clean_and_the_timeline_shows_the_api_rows(tab: Tab) -> None:
    tab.open("#/timeline")
    expected = tab.api("events", limit=50)
    rows = tab.rows()
    assert [r["id"] for r in rows] == [e["id"] for e in expected["items"]]
    assert len(rows) == min(50, expected["total"]) > 10
    assert tab.page.locator("#timeline-chart svg rect.bar").count() > 0
    # The chart draws the API's counts per week: every event, not a page of them.
    counts = tab.api("events/counts", period="week")
    assert tab.bars() == {i["period"]: i["n"] for i in counts["items"]}
    assert sum(tab.bars().values()) + counts["too_coarse"] == expected["total"]
    caption = tab.page.locator("#timeline-chart figcaption").text_content()
    assert f"{counts['too_coarse']} with no date or one coarser than a week" in caption
    assert any("/api/events/counts?period=week" in u for u in tab.requests)
    # No fetching of pages to count them: the table's one page only.
    assert [u.split("/api/", 1)[1] for u in tab.requests if "/api/events?" in u] == ["events?limit=50&offset=0"]
    assert tab.page.locator(".pager .count").text_content() == f"1–50 of {expected['total']}"
    articles = tab.api("stats")["records"]["article"]
    assert f"{articles} articles" in tab.page.locator("#stats").text_content()
    assert tab.page.locator("#empty").is_hidden()
    assert any(u.endswith("/static/vendor/d3.min.js") for u in tab.requests)
    tab.assert_clean()


@pytest.mark.model
@pytest.mark.parametrize(("values", "path", "params"), [
    ({"actor": "RUS"}, "events", {"actor": "RUS"}),
    ({"type": "CONSULT"}, "events", {"type": "CONSULT"}),
    ({"unit": "happening", "actor": "RUS"}, "happenings", {"actor": "RUS"}),
], ids=["actor", "type", "happenings"])
def test_web_ui_timeline_filters_change_the_rows_and_every_row_matches(
        tab: Tab, values: dict[str, str], path: str, params: dict[str, str]) -> None:
    tab.open("#/timeline")
    before = [r["id"] for r in tab.rows()]
    tab.apply("timeline", values, "actor=RUS" if "actor" in values else "type=CONSULT")
    rows = tab.rows()
    expected = tab.api(path, limit=50, **params)
    assert [r["id"] for r in rows] == [e["id"] for e in expected["items"]]
    assert rows and [r["id"] for r in rows] != before
    for row in rows:
        if "actor" in values:
            assert "RUS" in row["actors"]
        if "type" in values:
            assert row["type"] == "CONSULT"
    counts = tab.api(f"{path}/counts", period="week", **params)
    assert tab.bars() == {i["period"]: i["n"] for i in counts["items"]}
    assert sum(tab.bars().values()) + counts["too_coarse"] == expected["total"]
    tab.apply("timeline", {"period": "day"}, "period=day")
    by_day = tab.api(f"{path}/counts", period="day", **params)
    assert tab.bars() == {i["period"]: i["n"] for i in by_day["items"]} and by_day["items"]
    tab.assert_clean()


def _marks(tab: Tab) -> list[dict[str, Any]]:
    return tab.page.locator("#article-text mark").evaluate_all(
        "ms => ms.map(m => ({kind: m.dataset.kind, id: m.dataset.id, start: +m.dataset.start,"
        " end: +m.dataset.end, text: m.textContent, focus: m.classList.contains('is-focus'),"
        " split: m.dataset.split === 'true'}))")


def _check_evidence(tab: Tab, detail: dict[str, Any]) -> list[dict[str, Any]]:
    """Every highlight's text is text[data-start:data-end]; every record's
    highlights (a span split where it crosses another's end comes in pieces)
    join to its evidence, text[start:end]; an actor's cover its mentions."""
    text, records = detail["article"]["text"], detail["records"]
    assert tab.page.locator("#article-text").text_content() == text
    marks = _marks(tab)
    for mark in marks:
        assert mark["text"] == text[mark["start"]:mark["end"]], mark
    for kind in ("quote", "time", "place", "event", "claim", "stance"):
        for index, record in enumerate(records[kind]):
            key = record.get("id") or f"{kind}-{index}"
            pieces = [m for m in marks if m["kind"] == kind and m["id"] == key]
            assert pieces, (kind, record)
            assert "".join(m["text"] for m in pieces) == text[record["start"]:record["end"]]
            assert (pieces[0]["start"], pieces[-1]["end"]) == (record["start"], record["end"])
    for actor in records["actor"]:
        covered = {i for m in marks if m["kind"] == "actor" and m["id"] == actor["id"]
                   for i in range(m["start"], m["end"])}
        assert covered == {i for s in actor["mentions"] for i in range(s["start"], s["end"])}
    return marks


@pytest.mark.model
def test_web_ui_article_highlights_are_the_evidence_of_the_api_records(tab: Tab) -> None:
    tab.open("#/timeline")
    # The first row whose article has quotes.
    rows = tab.rows()
    events = {e["id"]: e for e in tab.api("events", limit=50)["items"]}
    article_id = next(events[r["id"]]["article_id"] for r in rows
                      if tab.api(f"articles/{events[r['id']]['article_id']}")["records"]["quote"])
    row = next(r for r in rows if events[r["id"]]["article_id"] == article_id)
    tab.page.locator(f"#timeline-table tr[data-id='{row['id']}'] .c-link a").click()
    tab.wait_rendered(f"#/article/{article_id}")

    detail = tab.api(f"articles/{article_id}")
    records = detail["records"]
    marks = _check_evidence(tab, detail)
    assert len([m for m in marks if m["kind"] == "quote"]) >= len(records["quote"]) > 0

    # The row's event is emphasised; clicking a quote in the side list emphasises its span.
    assert {m["id"] for m in marks if m["focus"]} == {row["id"]}
    quote = records["quote"][-1]
    tab.page.locator(f"#article-records button[data-kind=quote][data-id='{quote['id']}']").click()
    focused = [m for m in _marks(tab) if m["focus"]]
    assert focused and {m["id"] for m in focused} == {quote["id"]}
    assert tab.page.locator("#article-text mark.is-focus").first.is_visible()

    # Every other article too: the corpus has spans that cross (a place
    # across a quote's end, an actor across a time's), drawn in pieces.
    split = 0
    for other in tab.api("articles", limit=500)["items"]:
        tab.page.evaluate("id => { location.hash = '#/article/' + encodeURIComponent(id) }", other["id"])
        tab.wait_rendered(f"#/article/{other['id']}")
        split += sum(1 for m in _check_evidence(tab, tab.api(f"articles/{other['id']}")) if m["split"])
    assert split > 0
    tab.assert_clean()


@pytest.mark.model
def test_web_ui_map_draws_countries_and_happenings(tab: Tab) -> None:
    tab.open("#/map")
    located = tab.api("map", limit=500)
    assert tab.page.locator("#map-chart path.country").count() > 150
    circles = tab.page.locator("#map-chart circle.point")
    assert circles.count() == located["total"] > 0
    first = circles.first
    happening = first.get_attribute("data-id")
    first.dispatch_event("click")
    assert tab.page.locator(f"#map-details .map-detail[data-id='{happening}']").is_visible()
    # The detail links the first report, its event highlighted.
    article = next(p for p in located["items"] if p["id"] == happening)["articles"][0]
    link = tab.page.locator("#map-details a.article-link")
    assert link.text_content() == article["title"]
    assert f"({article['published']})" in tab.page.locator("#map-details .first-report").text_content()
    link.click()
    tab.wait_rendered(f"#/article/{article['id']}")
    assert {m["id"] for m in _marks(tab) if m["focus"]} == {article["event_id"]}
    assert any(m["kind"] == "event" and m["id"] == article["event_id"] for m in _marks(tab))
    tab.assert_clean()


@pytest.mark.model
def test_web_ui_pairs_ask_the_api_for_the_counterpart(tab: Tab) -> None:
    tab.open("#/pairs")
    tab.apply("pairs", {"actor": "RUS", "counterpart": "USA", "period": "month"}, "counterpart=USA")
    expected = tab.api("dyads", actor="RUS", counterpart="USA", period="month", unit="happening", limit=500)
    cells = tab.page.locator("#pairs-table tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('td')].slice(0, 4).map(td => td.textContent))")
    assert cells == [[r["source"], r["target"], r["period"], str(r["n"])] for r in expected["items"]]
    assert {(c[0], c[1]) for c in cells} == {("RUS", "USA"), ("USA", "RUS")}
    legend = tab.page.locator("#pairs-legend li").evaluate_all("ls => ls.map(l => l.dataset.pair)")
    assert sorted(legend) == ["RUS → USA", "USA → RUS"]
    assert any("/api/dyads?" in u and "counterpart=USA" in u for u in tab.requests)
    tab.assert_clean()


@pytest.mark.model
def test_web_ui_pairs_say_when_happenings_have_no_date(browser: Any, web_assets: None, tmp_path: Path,
                                                      settings: Settings) -> None:
    """Happenings of articles without a publication date are in no series:
    the page says how many and what to do, not that the actors lack codes."""
    from detente.web import create_app

    db = tmp_path / "undated.db"
    with Store(db) as store:
        report = ingest([FIXTURES / "web" / "undated.jsonl"], store, settings)
    assert report.added == 2 and not report.errors
    with serving(create_app(str(db), settings=settings)) as url:
        page = browser.new_page()
        tab = Tab(page, url)
        page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: tab.requests.append(r.url))
        try:
            tab.open("#/pairs?actor=RUS")
            expected = tab.api("dyads", actor="RUS", period="week", unit="happening", limit=500)
            assert expected["items"] == [] and expected["undated"] >= 2
            note = page.locator("#pairs-chart .none").text_content()
            assert f"{expected['undated']} happenings of these actors have no date" in note
            assert "--published" in note and "coded actors" not in note
            tab.assert_clean()
        finally:
            page.close()


@pytest.mark.model
def test_web_ui_network_draws_the_api_nodes(tab: Tab) -> None:
    tab.open("#/network")
    graph = tab.api("network")
    assert tab.page.locator("#network-chart g.node").count() == len(graph["nodes"]) > 0
    assert tab.page.locator("#network-chart path.edge").count() == len(graph["edges"])
    labels = tab.page.locator("#network-chart g.node text.label").all_text_contents()
    assert "RUS" in {n["id"] for n in graph["nodes"]} and "Russia" in labels
    tab.assert_clean()


@pytest.mark.model
@pytest.mark.parametrize("speaker", ["Sherman", "Lavrov"])
def test_web_ui_quotes_filter_by_speaker(tab: Tab, speaker: str) -> None:
    tab.open("#/quotes")
    tab.apply("quotes", {"speaker": speaker}, f"speaker={speaker}")
    expected = tab.api("quotes", speaker=speaker, limit=50)
    items = tab.page.locator("#quotes-list li.quote")
    assert items.evaluate_all("qs => qs.map(q => q.dataset.id)") == [q["id"] for q in expected["items"]]
    names = tab.page.locator("#quotes-list .speaker-name").all_text_contents()
    assert names and all(speaker in name for name in names)
    # Each quote links its article by title and date, the quote highlighted there.
    links = tab.page.locator("#quotes-list a.article-link")
    assert links.all_text_contents() == [f"{q['article']['title']} ({q['article']['published']})"
                                         for q in expected["items"]]
    quote = expected["items"][0]
    links.first.click()
    tab.wait_rendered(f"#/article/{quote['article_id']}")
    assert {m["id"] for m in _marks(tab) if m["focus"]} == {quote["id"]}
    tab.assert_clean()


@pytest.mark.model
def test_web_ui_hostile_text_is_shown_as_text_and_never_runs(tab: Tab) -> None:
    found = tab.api("articles", q="__pwned")["items"]
    assert len(found) == 1
    article_id = found[0]["id"]
    tab.open(f"#/article/{article_id}")
    shown = tab.page.locator("#article-text").text_content()
    assert "<script>window.__pwned = 1</script>" in shown
    assert '<img src=x onerror="window.__pwned=2">' in shown
    assert "<script>" in tab.page.locator("h2.article-title").text_content()
    assert tab.page.locator("#view script, #view img, #view b").count() == 0
    assert tab.page.locator("a[href^='javascript']").count() == 0  # the article's url is not linked

    tab.page.goto(f"{tab.base}/#/quotes?q=ultimatum")
    tab.wait_rendered("q=ultimatum")
    assert "<b>this</b>" in tab.page.locator("#quotes-list blockquote").first.text_content()
    tab.page.goto(f"{tab.base}/#/articles?q=__pwned")
    tab.wait_rendered("q=__pwned")
    assert "<script>" in tab.page.locator("#articles-table tbody a").first.text_content()
    assert tab.page.locator("#view script, #view img").count() == 0
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    tab.assert_clean()


@pytest.mark.model
def test_web_ui_shows_api_errors_from_the_envelope(tab: Tab) -> None:
    tab.open("#/article/no-such-article")
    banner = tab.page.locator("#error")
    assert banner.is_visible()
    assert "404 (not_found)" in banner.text_content()
    assert "no-such-article" in banner.text_content()
    assert all("404" in e for e in tab.errors)  # only the browser's note of the 404 itself
    assert tab.outside() == []


def test_web_ui_says_when_the_store_is_empty(browser: Any, web_assets: None, tmp_path: Path,
                                             settings: Settings) -> None:
    from detente.web import create_app

    with serving(create_app(str(tmp_path / "empty.db"), settings=settings)) as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            tab = Tab(page, url)
            tab.open("#/timeline")
            page.locator("#empty").wait_for(state="visible")
            assert "detente ingest" in page.locator("#empty").text_content()
            assert page.locator("#timeline-results .none").is_visible()
            assert errors == []
        finally:
            page.close()


def test_web_ui_vendor_files_are_built_not_committed(web_assets: None) -> None:
    assert assets.ready() and assets.missing() == []
    versions = json.loads((assets.VENDOR / "VERSIONS.json").read_text("utf-8"))
    assert versions["d3"].startswith("7.") and versions["topojson-client"].startswith("3.")
    assert versions["world-atlas"].startswith("2.")
    ignored = (Path(assets.__file__).parents[3] / ".gitignore").read_text("utf-8")
    assert "/src/detente/web/static/vendor/" in ignored and "/web/node_modules/" in ignored
    if shutil.which("git"):
        import subprocess

        root = Path(assets.__file__).parents[3]
        tracked = subprocess.run(["git", "ls-files", "src/detente/web/static/vendor", "web/node_modules"],
                                 cwd=root, capture_output=True, text=True, check=False).stdout
        assert tracked == ""


def test_web_ui_assets_without_npm_say_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vendor = tmp_path / "vendor"
    assert not assets.ready(vendor) and "d3.min.js" in assets.missing(vendor)
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm on it
    with pytest.raises(ConfigError, match="install Node.js and npm, then run python -m detente.web.assets"):
        assets.build(web=assets.WEB, vendor=vendor)
    with pytest.raises(ConfigError, match="source checkout"):
        assets.build(web=tmp_path / "no-web", vendor=vendor)
    assert not vendor.exists()


def test_web_ui_assets_license_every_package_d3_is_built_from() -> None:
    lock = json.loads((assets.WEB / "package-lock.json").read_text("utf-8"))
    needs = assets._dependencies(lock, "d3")
    assert {"d3-array", "d3-geo", "d3-force", "delaunator", "internmap", "robust-predicates"} <= needs
    assert not needs & {"d3", "topojson-client", "world-atlas"}
    declared = json.loads((assets.WEB / "package.json").read_text("utf-8"))["dependencies"]
    assert set(declared) == {"d3", "topojson-client", "world-atlas"}
    assert all("<" in bound for bound in declared.values())  # bounded versions
