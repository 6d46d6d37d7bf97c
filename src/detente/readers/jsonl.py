"""JSON Lines (one article object per line) and JSON (an object or a list).

Fields: ``id``, ``text`` (required), ``title``, ``published``, ``url``,
``source``, and optionally ``language``. A broken line becomes an error record
that names its line number; the other lines go on. The file is streamed, so a
corpus of any size can be read; each line must fit ``max_input_bytes``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..article import Article
from ..errors import EmptyInputError, InputError, MalformedInputError
from ..records import ErrorRecord
from ..settings import Settings
from .dates import parse_metadata_date
from .decode import decode
from .source import Source, check_size, read_lines

FIELDS = ("id", "text", "title", "published", "url", "source", "language")


def read_jsonl(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    seen_any = False
    with source.open() as stream:
        for lineno, raw in read_lines(stream, settings.max_input_bytes):
            if raw is not None and not raw.strip():
                continue
            seen_any = True
            where = f"{source.ref}:{lineno}"
            try:
                if raw is None:  # longer than the limit: read_lines skipped it
                    check_size(where, None, settings.max_input_bytes, "line")
                assert raw is not None
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise MalformedInputError(
                        where, f"line {lineno} is not UTF-8 ({exc.reason} at byte {exc.start}); "
                        "JSON Lines files must be UTF-8",
                    ) from exc
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise MalformedInputError(
                        where, f"line {lineno} is not valid JSON ({exc.msg} at column "
                        f"{exc.colno}); fix or remove the line",
                    ) from exc
                yield from_object(obj, where, source.ref)
            except InputError as exc:
                yield ErrorRecord.from_error(exc)
    if not seen_any:
        raise EmptyInputError(source.ref, "the JSON Lines file has no lines with content")


def read_json(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    text, _ = decode(source.read(settings.max_input_bytes), source.ref)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # A .json file may really be JSON Lines.
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(source, settings)
            return
        raise MalformedInputError(
            source.ref, f"the file is not valid JSON ({exc.msg} at line {exc.lineno}, column "
            f"{exc.colno}); fix it, or give one article object per line as JSON Lines",
        ) from exc
    items = data if isinstance(data, list) else [data]
    for n, obj in enumerate(items):
        where = f"{source.ref}[{n}]" if isinstance(data, list) else source.ref
        try:
            yield from_object(obj, where, source.ref)
        except InputError as exc:
            yield ErrorRecord.from_error(exc)


def from_object(obj: Any, where: str, file_ref: str) -> Article:
    """One JSON object to an article. ``ref`` is the object's own ``id`` when
    it has one (the contract's "the input's own id")."""
    if not isinstance(obj, dict):
        raise MalformedInputError(
            where, f"expected a JSON object with a 'text' field, found a {type(obj).__name__}"
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EmptyInputError(
            where, "the object has no 'text' (or it is empty); each article needs its text "
            f"in a 'text' field (fields read: {', '.join(FIELDS)})",
        )
    published = None
    if obj.get("published") not in (None, ""):
        published = parse_metadata_date(obj["published"])
        if published is None:
            raise MalformedInputError(
                where, f"'published' is {obj['published']!r}, which is not a date; "
                "use YYYY-MM-DD (or an ISO 8601 date-time), or leave it out",
            )
    ref = str(obj["id"]) if obj.get("id") not in (None, "") else where
    return Article.create(
        ref,
        text,
        title=_str(obj.get("title")),
        published=published,
        date_source="metadata" if published else None,
        source=_str(obj.get("source")),
        url=_str(obj.get("url")),
        encoding="utf-8",
        declared_language=_str(obj.get("language")),
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
