"""RSS and Atom feeds, with feedparser: every item that embeds its content.

An item's text is its ``content`` (Atom content, RSS ``content:encoded``) or,
failing that, a ``description``/``summary`` long enough to be the article
rather than a teaser. An item that only links to its article becomes an
error that says so: detente reads files and never fetches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.sax import SAXParseException

import feedparser

from ..article import Article
from ..errors import EmptyInputError, MalformedInputError
from ..records import ErrorRecord
from ..settings import Settings
from .dates import parse_metadata_date
from .decode import sniff_binary
from .html import fragment_text
from .source import Source

# A summary shorter than this is a teaser, not the article. 400 characters is
# about three sentences; news teasers in feeds run to one or two.
_MIN_SUMMARY_CHARS = 400


def read_feed(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    data = source.read(settings.max_input_bytes)
    if not data.strip():
        raise EmptyInputError(source.ref, "the feed file is empty")
    sniff_binary(data, source.ref)
    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    if not entries:
        problem = parsed.get("bozo_exception")
        if problem is not None:
            raise MalformedInputError(
                source.ref, f"the feed is not well-formed XML and no items could be read "
                f"({problem}); check that the file is complete",
            )
        if parsed.get("version"):
            raise EmptyInputError(source.ref, "the feed has no items")
        raise MalformedInputError(
            source.ref, "this XML is not an RSS or Atom feed; detente reads RSS/Atom, HTML, "
            "text, JSON Lines and WARC",
        )
    feed_title = parsed.get("feed", {}).get("title")
    feed_lang = parsed.get("feed", {}).get("language")
    for n, entry in enumerate(entries):
        ref = f"{source.ref}#{entry.get('id') or entry.get('link') or n}"
        html = _content(entry)
        if html is None:
            yield ErrorRecord(
                ref=ref,
                reason="the feed item has no embedded article text, only a link or a short "
                "teaser; fetch the linked page and give detente its HTML",
                code="empty",
                stage="reader.v1",
            )
            continue
        published = parse_metadata_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield Article.create(
            ref,
            fragment_text(html),
            title=entry.get("title"),
            published=published,
            date_source="metadata" if published else None,
            source=feed_title,
            url=entry.get("link"),
            encoding=parsed.get("encoding"),
            declared_language=feed_lang,
        )
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXParseException):
        # Items were read, but the XML breaks somewhere: later items may be lost.
        yield ErrorRecord(
            ref=source.ref,
            reason=f"the feed is not well-formed XML ({problem}); {len(entries)} item(s) were "
            "read, but items after the damage may be missing; check that the file is complete",
            code="malformed",
            stage="reader.v1",
        )


def _content(entry: Any) -> str | None:
    for content in entry.get("content", []):
        value = content.get("value")
        if value and value.strip():
            return str(value)
    summary = entry.get("summary")
    if summary and len(fragment_text(summary)) >= _MIN_SUMMARY_CHARS:
        return str(summary)
    return None
