"""JSON Lines (one article object per line) and JSON (an object or a list).

Fields: ``id``, ``text`` (required), ``title``, ``published``, ``url``,
``source``, and optionally ``language``. ``text`` must be a string; ``title``,
``published``, ``url``, ``source`` and ``language`` a string or null; ``id`` a
string or an integer. A value of another JSON type (``"title": ["x"]``) is an
error naming the field, never a silent ``str()`` of it.

Every line (every item of a JSON list) is read on its own: a broken one
becomes an error record that names it (``file.jsonl:17``, ``file.json[3]``)
and the others go on. Broken includes what Python's JSON parser refuses
beyond syntax: nesting deeper than its recursion limit, and an integer of
more than 4,300 digits (``sys.get_int_max_str_digits``). A JSON list cut off
or broken in the middle yields its items before the damage, then an error
saying where reading stopped. JSON Lines files are streamed, so a corpus of
any size can be read; each line must fit ``max_input_bytes``.
"""

from __future__ import annotations

import json
import re
import sys
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
_STRING_FIELDS = ("title", "published", "url", "source", "language")


def read_jsonl(source: Source, settings: Settings, *, first_line: int | None = None) -> Iterator[Article | ErrorRecord]:
    """The articles of a JSON Lines input, and an error record per broken
    line. Lines are numbered from ``first_line`` (default: the source's,
    1 for a whole file): a byte range of a file that starts at its line N
    names its lines as a read of the whole file does."""
    seen_any = False
    offset = (source.first_line if first_line is None else first_line) - 1
    with source.open() as stream:
        for n, raw in read_lines(stream, settings.max_input_bytes):
            lineno = n + offset
            if raw is not None and not raw.strip():
                continue
            seen_any = True
            where = f"{source.ref}:{lineno}"
            try:
                yield _read_line(raw, lineno, where, settings)
            except InputError as exc:
                yield ErrorRecord.from_error(exc)
    if not seen_any:
        raise EmptyInputError(source.ref, "the JSON Lines file has no lines with content")


def _read_line(raw: bytes | None, lineno: int, where: str, settings: Settings) -> Article:
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
    return from_object(loads(line, where, f"line {lineno}"), where)


def loads(text: str, where: str, what: str) -> Any:
    """``json.loads``, with every way it can refuse a text turned into a
    MalformedInputError that says what is wrong with ``what``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if exc.lineno == 1 else f"line {exc.lineno}, column {exc.colno}"
        raise MalformedInputError(
            where, f"{what} is not valid JSON ({exc.msg} at {at}); fix or remove it",
        ) from exc
    except RecursionError as exc:
        raise MalformedInputError(
            where, f"{what} nests lists or objects deeper than the JSON parser can follow "
            "(about 1,000 levels); no article needs that: fix or remove it",
        ) from exc
    except ValueError as exc:  # an integer over sys.get_int_max_str_digits()
        raise MalformedInputError(
            where, f"{what} holds an integer of more than {sys.get_int_max_str_digits():,} "
            "digits, longer than the JSON parser reads; remove it, or write it as a string",
        ) from exc


def read_json(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    text, _ = decode(source.read(settings.max_input_bytes), source.ref)
    if not text.lstrip().startswith("["):  # one article object: the file is the item
        try:
            obj = loads(text, source.ref, "the file")
        except MalformedInputError as exc:
            # A .json file may really be JSON Lines.
            cause = exc.__cause__
            if isinstance(cause, json.JSONDecodeError) and cause.msg == "Extra data" \
                    and text.lstrip().startswith("{"):
                yield from read_jsonl(source, settings)
                return
            raise
        yield _item(obj, source.ref)
        return
    try:
        items = json.loads(text)
    except (RecursionError, ValueError):  # ValueError includes JSONDecodeError
        yield from _read_items(text, source.ref)
        return
    for n, obj in enumerate(items):
        yield _item(obj, f"{source.ref}[{n}]")


def _item(obj: Any, where: str) -> Article | ErrorRecord:
    try:
        return from_object(obj, where)
    except InputError as exc:
        return ErrorRecord.from_error(exc)


def _read_items(text: str, ref: str) -> Iterator[Article | ErrorRecord]:
    """The items of a JSON list that does not parse as a whole, one by one:
    each becomes an article or its own error record, and a break in the
    list's structure ends reading with an error that says where."""
    count, line, counted = 0, 1, 0
    try:
        for n, (start, end) in enumerate(_list_items(text)):
            count = n + 1
            where = f"{ref}[{n}]"
            item = text[start:end]
            first = start + len(item) - len(item.lstrip())
            line, counted = line + text.count("\n", counted, first), first
            try:
                yield from_object(loads(item, where, f"item {n} (line {line})"), where)
            except InputError as exc:
                yield ErrorRecord.from_error(exc)
    except _Broken as broken:
        line = text.count("\n", 0, broken.at) + 1
        column = broken.at - (text.rfind("\n", 0, broken.at) + 1) + 1
        raise MalformedInputError(
            ref, f"the file is not valid JSON: {broken.what} at line {line}, column {column}, "
            f"so reading stopped at item {count}; the {count} item(s) before it were read; "
            "fix the file (was it cut off?), or give one article object per line as JSON Lines",
        ) from None


class _Broken(Exception):
    def __init__(self, at: int, what: str) -> None:
        super().__init__(what)
        self.at, self.what = at, what


# Outside strings only brackets, braces, commas and quotes shape a JSON list;
# a string runs to the first quote not escaped by a backslash.
_STRUCTURE = re.compile(r'["\[\]{},]')
_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def _list_items(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each item of the JSON list ``text``, found by one
    pass over its structure (no recursion, so any depth), without parsing
    the items themselves. Raises _Broken where the structure breaks."""
    pos = text.index("[") + 1
    start, depth = pos, 0
    while True:
        match = _STRUCTURE.search(text, pos)
        if match is None:
            raise _Broken(len(text), "the file ends inside the list")
        char, pos = match.group(), match.end()
        if char == '"':
            rest = _STRING_REST.match(text, pos)
            if rest is None:
                raise _Broken(match.start(), "a string is not closed")
            pos = rest.end()
        elif char in "[{":
            depth += 1
        elif depth:  # a comma inside an item, or a bracket closing one of its parts
            depth -= char != ","
        elif char in ",]":
            if text[start : match.start()].strip():
                yield start, match.start()
            elif char == ",":
                raise _Broken(match.start(), "an item is missing before a comma")
            if char == "]":
                if text[pos:].strip():
                    raise _Broken(pos, "there is more after the end of the list")
                return
            start = pos
        else:  # a "}" closing nothing
            raise _Broken(match.start(), f"'{char}' closes nothing")


def from_object(obj: Any, where: str) -> Article:
    """One JSON object to an article. ``ref`` is the object's own ``id`` when
    it has one (the contract's "the input's own id")."""
    if not isinstance(obj, dict):
        raise MalformedInputError(
            where, f"expected a JSON object with a 'text' field, found {_json_type(obj)}"
        )
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        raise MalformedInputError(
            where, f"'text' is {_json_type(text)}; it must be a string holding the article's text"
        )
    if not text or not text.strip():
        raise EmptyInputError(
            where, "the object has no 'text' (or it is empty); each article needs its text "
            f"in a 'text' field (fields read: {', '.join(FIELDS)})",
        )
    for name in _STRING_FIELDS:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise MalformedInputError(
                where, f"'{name}' is {_json_type(obj[name])}; it must be a string or null "
                f"(for example {_EXAMPLES[name]}), or left out",
            )
    published = None
    if obj.get("published"):
        published = parse_metadata_date(obj["published"])
        if published is None:
            raise MalformedInputError(
                where, f"'published' is {obj['published']!r}, which is not a date; "
                "use YYYY-MM-DD (or an ISO 8601 date-time), or leave it out",
            )
    return Article.create(
        _ref(obj.get("id"), where),
        text,
        title=obj.get("title"),
        published=published,
        date_source="metadata" if published else None,
        source=obj.get("source"),
        url=obj.get("url"),
        encoding="utf-8",
        declared_language=obj.get("language"),
    )


_EXAMPLES = {"title": '"NATO and Russia meet in Brussels"', "published": '"2022-01-12"',
             "url": '"https://example.org/news/1"', "source": '"Example News"',
             "language": '"en"'}


def _ref(value: Any, where: str) -> str:
    """The article's ref: its own ``id`` (a string or an integer), else
    where it was read."""
    if value is None or value == "":
        return where
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MalformedInputError(
            where, f"'id' is {_json_type(value)}; it must be a string or an integer, or left out"
        )
    return str(value)


def _json_type(value: Any) -> str:
    """The JSON name of a value's type, with a short preview of a string,
    a number or a short list of them (never the dump of a deep value)."""
    if value is None:
        return "null"
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)
    scalar = (str, int, float, bool, type(None))
    if isinstance(value, dict) or (
        isinstance(value, list) and (len(value) > 3 or not all(isinstance(v, scalar) for v in value))
    ):
        return kind
    preview = json.dumps(value, ensure_ascii=True)
    return f"{kind} ({preview[:40]}{'...' if len(preview) > 40 else ''})"
