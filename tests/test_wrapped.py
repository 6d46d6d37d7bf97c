"""Hard-wrapped text (issue 15, item 14): a line break inside a paragraph is
read as a space by every stage, while offsets and record texts stay those of
the stored text."""

from __future__ import annotations

import re

import pytest

from detente import Settings
from detente.article import Article
from detente.nlp import unwrap
from detente.pipeline import process
from detente.records import EventRecord, QuoteRecord, TimeRecord

from .conftest import FIXTURES

WRAPPED = FIXTURES / "wrapped"


def test_unwrap_keeps_length_headlines_and_paragraphs() -> None:
    text = (WRAPPED / "finland-nato-2022-05-15.txt").read_text("utf-8")
    out = unwrap(text)
    assert len(out) == len(text)
    assert [k for k, (a, b) in enumerate(zip(text, out, strict=True)) if a != b] == [
        m.start() for m in re.finditer(r"(?<=\S)\n(?=\S)", text)]  # the headline has a blank line after it
    assert out.rstrip("\n").split("\n\n") == [" ".join(p.split("\n")) for p in text.rstrip("\n").split("\n\n")]


def test_unwrap_leaves_unwrapped_text_alone() -> None:
    text = (WRAPPED / "unwrapped" / "finland-nato-2022-05-15.txt").read_text("utf-8")
    assert unwrap(text) == text
    # One short paragraph per line (no full lines, each ends a sentence).
    lines = "Headline of the day\nMOSCOW — Talks ended.\nThey will resume.\nNo date was set."
    assert unwrap(lines) == lines
    # Headlines one per line, unpunctuated and of every length: not wrapped.
    digest = ("Russia and NATO fail to agree on security\nOSCE meets in Vienna\n"
              "Blinken to visit Kyiv next week amid fears of an invasion\nGas prices rise again\n"
              "Biden warns of consequences")
    assert unwrap(digest) == digest
    # A line that goes on in lower case is a cut line, wrapped text or not.
    assert unwrap("the minister said the\ntalks would go on") == "the minister said the talks would go on"


def _records(path, settings: Settings):  # type: ignore[no-untyped-def]
    article = process(Article.create(path.name, path.read_text("utf-8"), published="2022-05-15",
                                     date_source="given"), settings)
    return article


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.model
def test_wrapped_article_reads_like_the_unwrapped_one(settings: Settings) -> None:
    wrapped = _records(WRAPPED / "finland-nato-2022-05-15.txt", settings)
    plain = _records(WRAPPED / "unwrapped" / "finland-nato-2022-05-15.txt", settings)

    def summary(article: Article) -> dict[str, list[tuple[str, ...]]]:
        return {
            "quotes": sorted((_words(r.text), r.speaker.name if r.speaker else "")
                             for r in article.records if isinstance(r, QuoteRecord)),
            "events": sorted((r.type, r.status, _words(r.trigger or "")) for r in article.records
                             if isinstance(r, EventRecord)),
            "times": sorted((_words(r.text), str(r.value)) for r in article.records if isinstance(r, TimeRecord)),
        }

    got, want = summary(wrapped), summary(plain)
    assert got == want
    # The quote that runs over a line break is whole, with its speaker.
    assert any(q[0].startswith("We hope that parliament will confirm") and q[0].endswith("strong mandate")
               and q[1] == "Sanna Marin" for q in got["quotes"]), got["quotes"]
    # Every record's text is the stored text at its offsets, line breaks included.
    for r in wrapped.records:
        if all(hasattr(r, k) for k in ("text", "start", "end")) and isinstance(r.start, int):
            assert wrapped.text[r.start:r.end] == r.text, r
