"""Fuzzing the whole pipeline with arbitrary Unicode (issue 15): no text
makes it crash, and every record's offsets reproduce its text in the stored
article. 500 cases by default; ``-m slow`` runs 10,000."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from detente import Settings
from detente.article import Article
from detente.pipeline import Pipeline
from detente.records import ErrorRecord, QuoteRecord

# Pieces of news-like text, so that the stages' rules fire (quotes, dates,
# actors, events, numbers), mixed with arbitrary Unicode and white space.
PIECES = [
    "Russia", "NATO", "the United States", "President Joe Biden", "Sergei Lavrov", "Geneva", "Kyiv",
    " said ", " told reporters ", " met ", " demanded ", " rejected ", " threatened ", " on Monday",
    " (12 January)", " 21 January 2022", " last week", " about 100,000 troops", " 3.5 per cent",
    '"', "“", "”", "‘", "’", "''", "``", "'", " — ", "-", ",", ".", ":", ";", "(", ")", "\n", "\n\n", " ",
    "\t", "\u00a0", "\u200b", "\u2028", "\r\n", "é", "İ", "ß", "ǅ", "ﬁ", "𝔘", "😀", "\u0301", "\ufeff",
    "Russia rejected NATO's demands on Monday. ", '"We will not back down," Lavrov said. ',
    "Police arrested 12 protesters in Paris on Saturday, officials said.\n",
    "The talks in Geneva ended without a deal, she said on 10 January.\n\n",
]
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=12)),
    min_size=1, max_size=60,
).map("".join)


MARKS = str.maketrans("", "", "\"“”‘’'`«»")


def _unmarked(text: str) -> str:
    return text.translate(MARKS)


@pytest.fixture(scope="module")
def pipeline(settings: Settings) -> Pipeline:
    # The classifier and every stage as in production.
    return Pipeline.default(settings)


def _check(pipeline: Pipeline, text: str, published: str | None) -> None:
    article = Article.create("fuzz", text, published=published, date_source="given" if published else None)
    pipeline.run_batch([article])
    stored = article.text
    for record in article.records:
        if isinstance(record, ErrorRecord):
            continue
        for start_name, end_name, text_name in (("start", "end", "text"),):
            start: Any = getattr(record, start_name, None)
            end: Any = getattr(record, end_name, None)
            if isinstance(start, int) and isinstance(end, int):
                assert 0 <= start <= end <= len(stored), (record, len(stored))
                words = getattr(record, text_name, None)
                if isinstance(words, str):
                    evidence = stored[start:end]
                    if isinstance(record, QuoteRecord):
                        # A quote's text leaves out the marks that reopen it in
                        # each paragraph it continues into (the record contract:
                        # "the quoted words, without the quote marks").
                        evidence, words = _unmarked(evidence), _unmarked(words)
                    assert evidence == words, (record, stored[start:end])


FAST = hsettings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SLOW = hsettings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.mark.model
@FAST
@given(text=texts, dated=st.booleans())
def test_pipeline_survives_arbitrary_text(pipeline: Pipeline, text: str, dated: bool) -> None:
    _check(pipeline, text, "2022-01-12" if dated else None)


@pytest.mark.model
@pytest.mark.slow
@SLOW
@given(text=texts, dated=st.booleans())
def test_pipeline_survives_arbitrary_text_long_run(pipeline: Pipeline, text: str, dated: bool) -> None:
    _check(pipeline, text, "2022-01-12" if dated else None)
