"""Plain text files.

The convention (spec/records.md): a first line followed by a blank line is the
title; a date line near the top is the publication date. The stored text is
the body after that header, so a headline and its dateline are not mistaken
for the article's first sentences; a headline repeated under the date line
(as web-page copies have it) is dropped too.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..article import Article
from ..errors import EmptyInputError
from ..settings import Settings
from ..text import normalize_text
from .dates import parse_date_line
from .decode import decode
from .source import Source

# A title is a line, not a paragraph: headlines run to about 15 words and
# rarely past 150 characters; 200 leaves room for long ones.
_TITLE_MAX_CHARS = 200
# How many non-empty lines under the title may hold the date line.
_DATE_LINE_WINDOW = 3


def read_text(source: Source, settings: Settings) -> Iterator[Article]:
    text, encoding = decode(source.read(settings.max_input_bytes), source.ref)
    yield parse_text(text, source.ref, encoding=encoding)


def parse_text(text: str, ref: str, *, encoding: str | None = "utf-8") -> Article:
    """Split the header (title, date line) from the body, and build the article."""
    lines = normalize_text(text).split("\n")
    title = None
    i = 0
    if len(lines) > 2 and lines[1] == "" and 0 < len(lines[0]) <= _TITLE_MAX_CHARS:
        title, i = lines[0].strip(), 2

    published = None
    seen = 0
    j = i
    while j < len(lines) and seen < _DATE_LINE_WINDOW:
        if lines[j].strip():
            seen += 1
            published = parse_date_line(lines[j])
            if published:
                # The header ends at the date line; a repeated headline after
                # it belongs to the header as well.
                i = j + 1
                while i < len(lines) and not lines[i].strip():
                    i += 1
                if title and i < len(lines) and lines[i].strip() == title:
                    i += 1
                break
        j += 1

    body = "\n".join(lines[i:])
    if not body.strip():
        raise EmptyInputError(ref, "the file has a header but no article text under it")
    return Article.create(
        ref,
        body,
        title=title,
        published=published,
        date_source="text" if published else None,
        encoding=encoding,
    )
