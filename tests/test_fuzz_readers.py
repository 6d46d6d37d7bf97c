"""Fuzzing every reader (text, HTML, JSON, JSON Lines, RSS/Atom, WARC).

Inputs are arbitrary bytes and structured-but-broken documents: valid
structure filled with random Unicode, random cuts, flipped bytes, deep
nesting, huge numbers, lone surrogates, NUL and control bytes, and stray
encodings. The property, for every input:

- the reader raises nothing but :class:`~detente.errors.InputError`
  subclasses (``read_source`` turns those into error records; anything else
  would be a crash that its catch-all hides);
- it never hangs (a watchdog far above any real reading time turns an
  endless loop into a failure instead of a stuck test run);
- every article it yields has a ``str`` text (and title, source, url) that is
  valid Unicode without lone surrogates, already normalised, so it can be
  hashed and stored; every error record has a ref and a reason.

The default run tries 500 inputs over all readers (about 10 s here);
``pytest -m slow tests/test_fuzz_readers.py`` tries 10,000 (about 10 min).

To count crashes instead of stopping at the first one (the figure the
README reports):  ``python -m tests.test_fuzz_readers --count 500``.
"""

from __future__ import annotations

import io
import json
import signal
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente import Settings
from detente.article import Article
from detente.errors import InputError
from detente.readers import READERS, Source
from detente.readers.source import LIBRARY_FAILED
from detente.records import ErrorRecord
from detente.text import normalize_text

SETTINGS = Settings.load(env={})

# Far above the slowest input here (well under a second each); only an
# endless loop reaches it. Not a performance assertion.
WATCHDOG_SECONDS = 60


class Hang(Exception):
    """A reader ran past the watchdog: an endless loop, not slowness."""


@contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"the reader ran for over {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# -- the property ------------------------------------------------------------

NAMES = {"text": "fuzz.txt", "html": "fuzz.html", "json": "fuzz.json", "jsonl": "fuzz.jsonl",
         "feed": "fuzz.xml", "warc": "fuzz.warc"}


def _valid_text(value: str | None, what: str) -> None:
    if value is None:
        return
    assert isinstance(value, str), f"{what} is a {type(value).__name__}"
    value.encode("utf-8")  # raises on a lone surrogate: it could not be stored


def check_reader(reader: str, data: bytes, as_stream: bool = False) -> list[Article | ErrorRecord]:
    """Run one reader over ``data`` and check the property; return what it gave."""
    if as_stream:
        source = Source("<stdin>", stream=io.BufferedReader(io.BytesIO(data)))  # type: ignore[arg-type]
    else:
        source = Source(NAMES[reader], data=data)
    items: list[Article | ErrorRecord] = []
    with watchdog(WATCHDOG_SECONDS):
        try:
            for item in READERS[reader](source, SETTINGS):
                items.append(item)
        except InputError as exc:  # one error record for the whole input
            assert exc.reason and exc.ref
            _valid_text(exc.ref, "error ref")
            _valid_text(exc.reason, "error reason")
    for item in items:
        if isinstance(item, ErrorRecord):
            assert item.reason and item.ref and item.code
            # A library's exception caught per item keeps reading going, but
            # it is still a crash to fix.
            assert LIBRARY_FAILED not in item.reason, item.reason
            _valid_text(item.ref, "error ref")
            _valid_text(item.reason, "error reason")
            continue
        assert isinstance(item, Article), type(item)
        _valid_text(item.text, "text")
        assert item.text == normalize_text(item.text)
        for field in ("title", "source", "url", "ref", "published", "declared_language"):
            _valid_text(getattr(item, field), field)
    return items


# -- strategies ----------------------------------------------------------------

WORDS = ("NATO", "Russia", "talks", "Geneva", "said", "the", "minister", "on", "Monday",
         "Ukraine", "and", "security", "<", "&", ">", "\"", "'", "]]>", "\\", "\n", "\r\n",
         "\t", "\x00", "\x0b", "\u200b", "\ufeff", "\u2028", "é", "中文", "😀", "—")
CONTROL_BYTES = [bytes([b]) for b in (*range(0, 32), 127)]

# Unicode, surrogates excluded (a str with one cannot be written as bytes).
unicode_text = st.text(max_size=300)
words = st.lists(st.sampled_from(WORDS) | unicode_text.filter(lambda s: len(s) < 20),
                 min_size=1, max_size=60).map(" ".join)
prose = st.lists(words, min_size=1, max_size=8).map("\n\n".join)
text_value = prose | unicode_text
binary = st.binary(max_size=3000)
codec = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252",
                         "cp1251", "shift_jis", "gb18030", "koi8_r", "utf-16-be"])


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str]) -> bytes:
    return draw(text).encode(draw(codec), errors="replace")


@st.composite
def cut(draw: st.DrawFn, whole: st.SearchStrategy[bytes]) -> bytes:
    """A document cut at a random byte, as an interrupted download leaves it."""
    data = draw(whole)
    return data[: draw(st.integers(0, len(data)))]


@st.composite
def flipped(draw: st.DrawFn, whole: st.SearchStrategy[bytes]) -> bytes:
    """A document with a few random bytes overwritten (disk or transfer damage)."""
    data = bytearray(draw(whole))
    for _ in range(draw(st.integers(1, 4))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def sprinkled(draw: st.DrawFn, whole: st.SearchStrategy[bytes]) -> bytes:
    """Valid bytes with NUL and control bytes inserted at random places."""
    data = draw(whole)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(CONTROL_BYTES)) + data[at:]
    return data


def damaged(whole: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return whole | cut(whole) | flipped(whole) | sprinkled(whole)


# Text files.
text_doc = st.tuples(words, st.sampled_from(["", "12 January 2022", "Published: Jan 12, 2022"]),
                     prose).map(lambda t: f"{t[0]}\n\n{t[1]}\n\n{t[2]}")
TEXT = damaged(text_doc.map(str.encode) | encoded(text_doc)) | binary


# HTML pages.
@st.composite
def html_page(draw: st.DrawFn) -> str:
    esc = draw(st.booleans())

    def txt(s: str) -> str:
        return escape(s) if esc else s

    title = txt(draw(words))
    h1 = txt(draw(words))
    if draw(st.booleans()):
        h1 += f"<script>{draw(words)}</script>"
    paragraphs = "".join(f"<p>{txt(p)}</p>" for p in draw(st.lists(words, max_size=12)))
    attr = draw(st.sampled_from(["", "x" * 100, "\u00e9" * 1000])) + txt(draw(unicode_text))
    depth = draw(st.sampled_from([0, 0, 0, 50, 300, 3000]))
    nested = "<div>" * depth + txt(draw(words)) + "</div>" * depth
    meta = draw(st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="windows-1252">',
                                 '<meta charset="no-such-charset">',
                                 '<meta property="article:published_time" content="2022-01-12">',
                                 '<script type="application/ld+json">{"datePublished": [[[[</script>']))
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><article>"
            f'<h1>{h1}</h1><div data-x="{attr}">{paragraphs}</div>{nested}</article></body></html>')


HTML = damaged(html_page().map(str.encode) | encoded(html_page())) | binary


# JSON values and article objects.
json_leaf = st.none() | st.booleans() | st.integers() | st.floats() | unicode_text
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
field_value = text_value | json_value
article_obj = st.fixed_dictionaries(
    {"text": text_value | json_value},
    optional={"id": st.text(max_size=20) | st.integers() | json_value, "title": field_value,
              "published": st.sampled_from(["2022-01-12", "12 January 2022", "2022-13-45", "",
                                            "Mon, 10 Jan 2022 19:45:00 +0000"]) | field_value,
              "url": field_value, "source": field_value, "language": field_value},
)


@st.composite
def json_line(draw: st.DrawFn) -> str:
    """One JSON text: an article, with something broken in it at times."""
    line = json.dumps(draw(article_obj), ensure_ascii=draw(st.booleans()))
    trouble = draw(st.sampled_from(["none", "none", "surrogate", "deep", "number", "cut", "value"]))
    if trouble == "surrogate":  # a lone surrogate escape inside the text's string
        sur = draw(st.sampled_from(["\\ud800", "\\udfff", "\\udc00x", "\\ud83d"]))
        return line.replace('"text": "', f'"text": "{sur}', 1)
    if trouble == "deep":
        n = draw(st.sampled_from([100, 1000, 5000, 50_000]))
        return line[:-1] + ', "x": ' + "[" * n + "]" * n + "}"
    if trouble == "number":
        return line[:-1] + ', "n": ' + "9" * draw(st.sampled_from([4300, 4301, 5000])) + "}"
    if trouble == "cut":
        return line[: draw(st.integers(0, len(line)))]
    if trouble == "value":
        return json.dumps(draw(json_value))
    return line


JSONL = damaged(st.lists(json_line(), min_size=1, max_size=8).map(lambda ls: "\n".join(ls).encode())
                | st.lists(json_line(), max_size=4).map(lambda ls: "\r\n\n".join(ls).encode("utf-8-sig"))
                ) | binary
JSON = damaged(st.lists(json_line(), max_size=6).map(lambda ls: ("[" + ",\n".join(ls) + "]").encode())
               | json_line().map(str.encode)) | binary


# RSS and Atom feeds.
@st.composite
def feed(draw: st.DrawFn) -> str:
    def item_text() -> str:
        body = "".join(f"<p>{p}</p>" for p in draw(st.lists(words, min_size=1, max_size=6)))
        return (f"<![CDATA[{body}]]>" if draw(st.booleans()) else escape(body))

    ref = draw(st.sampled_from(["", "&#xD800;", "&#55296;", "&#x110000;", "&#0;", "&#1;", "&#9;",
                                "&#99999999999999999999;", "&#xD800 x", "&#55296x", "&amp;", "&nbsp;",
                                "&e;"]))
    entity = '<!DOCTYPE x [<!ENTITY e "eee">]>' if draw(st.booleans()) else ""
    depth = draw(st.sampled_from([0, 0, 100, 5000]))
    deep = "<x>" * depth + "</x>" * depth
    if draw(st.booleans()):
        items = "".join(
            f"<item><title>{escape(draw(words))}{ref}</title><link>https://ex.org/{n}</link>"
            f"<pubDate>{draw(st.sampled_from(['Mon, 10 Jan 2022 19:45:00 +0000', 'yesterday', '']))}"
            f"</pubDate><description>{item_text()}</description>{deep}</item>"
            for n in range(draw(st.integers(0, 4))))
        return (f'<?xml version="1.0" encoding="UTF-8"?>{entity}<rss version="2.0"><channel>'
                f"<title>{escape(draw(words))}</title>{items}</channel></rss>")
    entries = "".join(
        f"<entry><title>{escape(draw(words))}{ref}</title><id>urn:{n}</id>"
        f"<updated>2022-01-12T10:00:00Z</updated><content type=\"html\">{item_text()}</content>"
        f"{deep}</entry>" for n in range(draw(st.integers(0, 4))))
    return (f'<?xml version="1.0" encoding="utf-8"?>{entity}<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(draw(words))}</title>{entries}</feed>")


FEED = damaged(feed().map(str.encode) | encoded(feed())) | binary


# WARC archives.
@st.composite
def warc(draw: st.DrawFn) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=draw(st.booleans()))
    for n in range(draw(st.integers(1, 4))):
        body = draw(html_page().map(str.encode) | binary)
        ctype = draw(st.sampled_from(["text/html; charset=utf-8", "text/html", "image/png",
                                      "application/xhtml+xml; charset=latin-1"]))
        kind = draw(st.sampled_from(["response", "response", "response", "resource", "metadata"]))
        http = StatusAndHeaders(draw(st.sampled_from(["200 OK", "404 Not Found"])),
                                [("Content-Type", ctype)], protocol="HTTP/1.1")
        # Fixed ids and dates: the same draw must give the same bytes.
        writer.write_record(writer.create_warc_record(
            f"https://ex.org/{n}", kind, payload=io.BytesIO(body), length=len(body),
            http_headers=http if kind == "response" else None,
            warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
                               "WARC-Date": "2022-01-12T10:00:00Z"}))
    return out.getvalue()


WARC = damaged(warc()) | binary.map(lambda b: b"WARC/1.0\r\n" + b) | binary

STRATEGIES: dict[str, st.SearchStrategy[bytes]] = {
    "text": TEXT, "html": HTML, "json": JSON, "jsonl": JSONL, "feed": FEED, "warc": WARC,
}
# Examples per reader in the default run: 500 in all, weighted towards the
# readers that parse structure themselves (JSON, JSON Lines, WARC) and kept
# low for the slowest (HTML goes through trafilatura).
EXAMPLES = {"text": 80, "html": 70, "json": 90, "jsonl": 100, "feed": 70, "warc": 90}
SLOW_FACTOR = 20  # 10,000 in the slow run
STREAMED = ("jsonl", "warc")  # readers that also read standard input as it comes

HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def _fuzz(reader: str, examples: int) -> Callable[[], None]:
    strategy = STRATEGIES[reader]
    stream = st.booleans() if reader in STREAMED else st.just(False)

    @settings(max_examples=examples, deadline=None, suppress_health_check=HEALTH)
    @given(data=strategy, as_stream=stream)
    def run(data: bytes, as_stream: bool) -> None:
        check_reader(reader, data, as_stream)

    return run  # type: ignore[no-any-return]


@pytest.mark.parametrize("reader", list(STRATEGIES))
def test_reader_survives_fuzzing(reader: str) -> None:
    _fuzz(reader, EXAMPLES[reader])()


@pytest.mark.slow
@pytest.mark.parametrize("reader", list(STRATEGIES))
def test_reader_survives_fuzzing_slow(reader: str) -> None:
    _fuzz(reader, EXAMPLES[reader] * SLOW_FACTOR)()


def test_strategies_reach_the_hard_cases() -> None:
    """The generators do produce what the fuzzing claims to try (a guard
    against a strategy that silently stopped generating its hard cases)."""
    found: Counter[str] = Counter()

    @settings(max_examples=300, deadline=None, suppress_health_check=HEALTH)
    @given(line=json_line())
    def run(line: str) -> None:
        found["surrogate"] += "\\ud8" in line or "\\udc" in line or "\\udf" in line
        found["deep"] += "[" * 1000 in line
        found["number"] += "9" * 4301 in line

    run()
    assert all(found[k] for k in ("surrogate", "deep", "number")), found


# -- counting (not a test) -------------------------------------------------------


def count_crashes(examples_per_reader: dict[str, int]) -> dict[str, Counter[str]]:
    """Run every strategy without stopping at a failure; count failures by
    where they happened (exception type and the innermost detente frame)."""
    crashes: dict[str, Counter[str]] = {}
    for reader, n in examples_per_reader.items():
        seen: Counter[str] = Counter()
        stream = st.booleans() if reader in STREAMED else st.just(False)

        @settings(max_examples=n, deadline=None, suppress_health_check=HEALTH, database=None,
                  derandomize=True)  # the same inputs on every run: comparable counts
        @given(data=STRATEGIES[reader], as_stream=stream)
        def run(data: bytes, as_stream: bool) -> None:
            try:
                check_reader(reader, data, as_stream)  # noqa: B023
            except Exception as exc:  # counting every kind of failure is the point
                frames = [f for f in traceback.extract_tb(exc.__traceback__) if "detente" in f.filename]
                where = f"{frames[-1].filename.split('src/')[-1]}:{frames[-1].lineno}" if frames else "?"
                seen[f"{type(exc).__name__} at {where}: {str(exc)[:80]}"] += 1  # noqa: B023

        run()
        crashes[reader] = seen
    return crashes


def main(argv: list[str]) -> int:
    import logging

    logging.disable(logging.WARNING)  # the readers' warnings about what they dropped
    total = int(argv[argv.index("--count") + 1]) if "--count" in argv else 500
    scale = total / sum(EXAMPLES.values())
    crashes = count_crashes({r: max(1, round(n * scale)) for r, n in EXAMPLES.items()})
    for reader, seen in crashes.items():
        print(f"{reader:6} {sum(seen.values()):5} crash(es)")
        for what, n in seen.most_common():
            print(f"         {n:4} x {what}")
    print(f"total  {sum(sum(s.values()) for s in crashes.values()):5} crash(es)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
