"""Shared fixtures. The spaCy model is loaded once per session (load_model is
cached per process); tests that need it use the ``settings`` fixture with the
``model`` marker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente import Settings
from detente.readers import Source, read
from detente.records import ErrorRecord, EventRecord, QuoteRecord

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "euractiv-2022-01-12-nato-russia.txt"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load(env={})


@pytest.fixture(scope="session", autouse=True)
def web_page_libraries() -> None:
    """The web page's libraries, built once from the pinned npm lock when a
    source checkout lacks them (the build step a wheel build runs;
    ``detente serve`` and the app never build them): the API tests make
    apps that serve the page."""
    from detente.web import assets

    if not assets.ready():
        assets.build()


@pytest.fixture(scope="session")
def nlp(settings: Settings):  # type: ignore[no-untyped-def]
    from detente.nlp import load_model

    return load_model(settings.model)


def read_all(*paths: Path | str, settings: Settings | None = None) -> list:  # type: ignore[type-arg]
    return list(read(paths, settings or Settings.load(env={})))


def read_one(path: Path | str, settings: Settings | None = None):  # type: ignore[no-untyped-def]
    items = read_all(path, settings=settings)
    assert len(items) == 1, items
    return items[0]


def errors_of(items: list) -> list[ErrorRecord]:  # type: ignore[type-arg]
    return [i for i in items if isinstance(i, ErrorRecord)]


def fixture_row(path: str, row_id: str) -> dict[str, str]:
    """One article (its JSON object) of a JSON-lines fixture under tests/fixtures, by id."""
    for line in (FIXTURES / path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == row_id:
            return dict(row)
    raise AssertionError(f"no {row_id} in {path}")


def events_of(text: str, settings: Settings, published: str = "2022-03-10") -> list[EventRecord]:
    """The event records detente makes for one text (rules and classifier)."""
    from detente.article import Article
    from detente.pipeline import process

    article = process(Article.create("t", text, published=published, date_source="given"), settings)
    return [r for r in article.records if isinstance(r, EventRecord)]


def rules_events(settings: Settings, text: str) -> list[EventRecord]:
    """The events the rules find in one sentence (no classifier: tests of the
    shapes the rules read, not of the classifier's verdict)."""
    return events_of(text, Settings.from_dict({**settings.to_dict(), "event_model": False}))


def quotes_in(text: str, settings: Settings, published: str = "2022-01-12") -> list[QuoteRecord]:
    """The quote records detente makes for one text (the article must not fail)."""
    from detente.article import Article
    from detente.pipeline import process

    article = process(Article.create("t", text, published=published, date_source="given"), settings)
    assert not article.errors, article.errors
    return [r for r in article.records if isinstance(r, QuoteRecord)]


def find_quote(quotes: list[QuoteRecord], words: str) -> QuoteRecord:
    """The one quote whose text holds ``words``."""
    hits = [q for q in quotes if words in q.text]
    assert len(hits) == 1, (words, [q.text for q in quotes])
    return hits[0]


__all__ = ["EXAMPLES", "FIXTURES", "ROOT", "SEED", "SHARED", "Source", "errors_of", "events_of", "find_quote",
           "fixture_row",
           "quotes_in", "read_all", "read_one", "rules_events"]
