"""Readers: bytes to :class:`~detente.article.Article` (or an error record).

:func:`read` takes file paths, folders (read recursively) and ``-`` for
standard input, picks a reader by file name or, failing that, by content, and
yields articles and error records in input order. A bad input yields an
``error`` record and the next input goes on.

| reader      | files                                  |
|-------------|----------------------------------------|
| text        | .txt .text (and unknown text)          |
| html        | .html .htm .xhtml                      |
| jsonl/json  | .jsonl .ndjson / .json                 |
| feeds       | .rss .atom .xml                        |
| warc        | .warc .warc.gz .arc .arc.gz            |
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..article import Article
from ..errors import BinaryInputError, InputError, InputTooLargeError
from ..records import ErrorRecord
from ..settings import Settings
from .feeds import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl
from .source import LIBRARY_FAILED, Source
from .text import read_text
from .warc import read_warc

log = logging.getLogger(__name__)

# Share of U+FFFD characters above which a text counts as damaged.
_MAX_REPLACEMENT_SHARE = 0.05

Reader = Callable[[Source, Settings], Iterator[Article | ErrorRecord]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "json": read_json,
    "feed": read_feed,
    "warc": read_warc,
}

_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
}  # fmt: skip

__all__ = ["READERS", "Input", "Source", "detect_format", "expand", "read", "read_source"]


def detect_format(source: Source) -> str:
    """The reader for an input: by its name, else by its first bytes."""
    name = source.name
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    head = source.head()
    if head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/"):
        return "warc"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and (
        b"<rss" in lowered or b"<feed" in lowered or b"<rdf" in lowered
    ):
        return "feed"
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<!--")):
        return "html"
    if lowered.startswith(b"{"):
        return "jsonl"
    if lowered.startswith(b"["):
        return "json"
    return "text"


Input = str | Path | Source | ErrorRecord


def expand(inputs: Iterable[Input]) -> Iterator[Source | ErrorRecord]:
    """Inputs as single sources: folders walked, ``-`` read from stdin, and a
    missing path turned into an error record."""
    for item in inputs:
        if isinstance(item, Source | ErrorRecord):
            yield item
        elif str(item) == "-":
            yield Source("<stdin>", stream=sys.stdin.buffer)
        elif Path(item).is_dir():
            for file in _walk(Path(item)):
                yield Source(str(file), path=file)
        elif Path(item).is_file():
            yield Source(str(item), path=Path(item))
        else:
            yield ErrorRecord(
                ref=str(item),
                reason="no such file or folder; check the path",
                code="not_found",
                stage="reader.v1",
            )


def read(inputs: Iterable[Input], settings: Settings) -> Iterator[Article | ErrorRecord]:
    """Articles and error records from files, folders and ``-`` (stdin)."""
    for source in expand(inputs):
        if isinstance(source, ErrorRecord):
            yield source
        else:
            yield from read_source(source, settings)


def _walk(folder: Path) -> Iterator[Path]:
    """Files of known formats below ``folder``, in a stable order. Hidden
    files and folders, and files of other types, are passed over (logged)."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if any(path.name.lower().endswith(s) for s in _SUFFIXES):
            yield path
        else:
            log.info("skipping %s: not a known article format", path)


def read_source(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    """Run the right reader over one input, turning failures into error
    records, and finish each article (default date, size limit)."""
    try:
        if source.size() == 0 or (source.stream is not None and not source.head()):
            yield ErrorRecord(ref=source.ref, reason="the input is empty (0 bytes)",
                              code="empty", stage="reader.v1")
            return
        fmt = detect_format(source)
        for item in READERS[fmt](source, settings):
            if isinstance(item, Article):
                yield _finish(item, settings)
            else:
                yield item
    except InputError as exc:
        yield ErrorRecord.from_error(exc)
    except OSError as exc:
        yield ErrorRecord(ref=source.ref, reason=f"cannot read the file ({exc.strerror or exc})",
                          code="io", stage="reader.v1")
    except Exception as exc:  # a library choking on strange input
        log.debug("reader failed on %s:\n%s", source.ref, traceback.format_exc())
        yield ErrorRecord(
            ref=source.ref,
            reason=f"the input could not be read: {LIBRARY_FAILED} ({type(exc).__name__}: "
            f"{exc}); check that it is a complete text, HTML, JSON Lines, RSS/Atom or WARC file",
            code="malformed",
            stage="reader.v1",
        )


def _finish(article: Article, settings: Settings) -> Article | ErrorRecord:
    if len(article.text) > settings.max_text_chars:
        return ErrorRecord.from_error(InputTooLargeError(
            article.ref,
            f"the article text has {len(article.text):,} characters, over the "
            f"{settings.max_text_chars:,} limit (max_text_chars); split it into articles",
        ))
    # Replacement characters come from text that was already mis-decoded
    # upstream; a few are harmless, a text full of them is not worth reading.
    damaged = article.text.count("\ufffd")
    if damaged > len(article.text) * _MAX_REPLACEMENT_SHARE:
        return ErrorRecord.from_error(BinaryInputError(
            article.ref,
            f"{damaged:,} characters of the text are U+FFFD replacement characters, so it was "
            "damaged by a wrong decoding before it reached detente; re-export it as UTF-8",
        ))
    if article.published is None and settings.published is not None:
        article.published = settings.published.isoformat()
        article.date_source = "given"
    return article
