"""RSS and Atom feeds, with feedparser: every item that embeds its content.

An item's text is its ``content`` (Atom content, RSS ``content:encoded``) or,
failing that, a ``description``/``summary`` long enough to be the article
rather than a teaser. An item that only links to its article becomes an
error that says so: detente reads files and never fetches. Each item is read
on its own: one that cannot be read becomes an error record, and the others
go on.
"""

from __future__ import annotations

import codecs
import logging
import re
import traceback
from collections.abc import Iterator
from typing import Any
from xml.sax import SAXParseException

import feedparser

from ..article import Article
from ..errors import EmptyInputError, InputError, MalformedInputError
from ..records import ErrorRecord
from ..settings import Settings
from ..text import valid_unicode
from .dates import parse_metadata_date
from .decode import sniff_binary
from .html import fragment_text
from .source import LIBRARY_FAILED, Source

log = logging.getLogger(__name__)

# A summary shorter than this is a teaser, not the article. 400 characters is
# about three sentences; news teasers in feeds run to one or two.
_MIN_SUMMARY_CHARS = 400


def read_feed(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    data = source.read(settings.max_input_bytes)
    if not data.strip():
        raise EmptyInputError(source.ref, "the feed file is empty")
    sniff_binary(data, source.ref)
    parsed = feedparser.parse(_valid_char_refs(_usable_encoding(data, source.ref), source.ref))
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
        # Each item on its own: one that cannot be read never costs the others.
        ref = valid_unicode(f"{source.ref}#{entry.get('id') or entry.get('link') or n}")
        try:
            yield _item(entry, ref, feed_title, feed_lang, parsed.get("encoding"))
        except InputError as exc:
            yield ErrorRecord.from_error(exc)
        except Exception as exc:  # lxml choking on one item's HTML
            log.debug("%s:\n%s", ref, traceback.format_exc())
            yield ErrorRecord.from_error(MalformedInputError(
                ref, f"the feed item could not be read: {LIBRARY_FAILED} "
                f"({type(exc).__name__}: {exc}); the other items were read",
            ))
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


def _item(entry: Any, ref: str, feed_title: str | None, feed_lang: str | None,
          encoding: str | None) -> Article | ErrorRecord:
    html = _content(entry)
    if html is None:
        return ErrorRecord(
            ref=ref,
            reason="the feed item has no embedded article text, only a link or a short "
            "teaser; fetch the linked page and give detente its HTML",
            code="empty",
            stage="reader.v1",
        )
    published = parse_metadata_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    return Article.create(
        ref,
        fragment_text(html),
        title=entry.get("title"),
        published=published,
        date_source="metadata" if published else None,
        source=feed_title,
        url=entry.get("link"),
        encoding=encoding,
        declared_language=feed_lang,
    )


# The encoding an XML declaration names, found as feedparser finds it.
# feedparser decodes the feed with that name and handles an unknown one, but
# fails on the whole feed for a name that is not ASCII or holds a NUL, and
# for the two codecs whose decoding raises a bare UnicodeError.
_XML_ENCODING = re.compile(rb"""^<\?.*encoding=['"](.*?)['"].*\?>""")
_NOT_CHARSETS = ("punycode", "undefined")


def _usable_encoding(data: bytes, ref: str) -> bytes:
    """``data`` without the encoding its XML declaration names when that is
    no character set Python can decode with (feedparser then detects one)."""
    match = _XML_ENCODING.match(data)
    if match is None:
        return data
    name = match.group(1)
    try:
        usable = codecs.lookup(name.decode("ascii")).name not in _NOT_CHARSETS
        "x".encode(name.decode("ascii"))  # a LookupError for bytes-to-bytes codecs (zlib)
    except (UnicodeError, LookupError, ValueError):
        usable = False
    if usable:
        return data
    log.warning("%s: the feed declares the encoding %r, which is no character set; its "
                "encoding is detected instead", ref, name)
    return data[: match.start(1)] + data[match.end(1) :]


# A numeric character reference (&#55296; &#xD800;). XML allows only these
# code points; feedparser's fallback parser calls chr() on any other and
# fails on the whole feed (a surrogate cannot be encoded, a number past
# U+10FFFF is no character at all).
# (feedparser's fallback parser reads one without its ";" too).
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_XML_CHARS = ((0x9, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))
# Eight hex digits reach past U+10FFFF; a longer number is no character, and
# converting one of over 4,300 digits would itself fail.
_MAX_REF_DIGITS = 8
# Feeds in UTF-16 or UTF-32 (with a byte-order mark: without one, sniff_binary
# refuses them for their NUL bytes) are cleaned as text; any other encoding
# writes "&#...;" in ASCII bytes.
_WIDE = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _valid_char_refs(data: bytes, ref: str) -> bytes:
    """``data`` with each reference to a code point XML does not allow
    replaced by a reference to U+FFFD (logged), so one bad reference cannot
    cost the whole feed."""
    bad = 0

    def check(match: re.Match[str]) -> str:
        nonlocal bad
        hex_digits, digits = match.groups()
        number = hex_digits or digits
        if len(number.lstrip("0")) <= _MAX_REF_DIGITS:
            code = int(number, 16 if hex_digits else 10)
            if any(low <= code <= high for low, high in _XML_CHARS):
                return match.group()
        bad += 1
        return "&#xFFFD;"

    codec = next((codec for bom, codec in _WIDE if data.startswith(bom)), None)
    try:
        # Latin-1 maps bytes to characters one to one: ASCII-compatible bytes
        # come back exactly as they were, whatever their real encoding.
        text = data.decode(codec or "latin-1")
    except UnicodeDecodeError:
        return data  # broken UTF-16: feedparser reports what it can
    cleaned = _CHAR_REF.sub(check, text)
    if not bad:
        return data
    log.warning("%s: %d character reference(s) to no valid XML character (such as "
                "&#xD800;) replaced by U+FFFD", ref, bad)
    return cleaned.encode(codec or "latin-1")


def _content(entry: Any) -> str | None:
    for content in entry.get("content", []):
        value = content.get("value")
        if value and value.strip():
            return str(value)
    summary = entry.get("summary")
    if summary and len(fragment_text(summary)) >= _MIN_SUMMARY_CHARS:
        return str(summary)
    return None
