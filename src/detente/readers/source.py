"""Where an input's bytes come from: a file, bytes in memory (a WARC record),
or a stream read once (standard input). Size limits are checked before or
while reading, never after loading everything."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputTooLargeError

_SNIFF_BYTES = 2048

# Said in the reason of an error record made from an exception that no
# reader expected (a parsing library failing on strange input): reading went
# on, but the fuzzing tests treat it as a crash to fix.
LIBRARY_FAILED = "a parsing library failed on it"


@dataclass
class Source:
    ref: str
    path: Path | None = None
    data: bytes | None = None
    # A stream that can be read only once, such as standard input. Streaming
    # readers (JSON Lines, WARC) read it as it comes, so ``cat corpus.jsonl |
    # detente ingest -`` never holds the corpus in memory.
    stream: BinaryIO | None = None
    # For a byte range of a file cut at line starts (a scale run's
    # partition): the number, in the whole file, of its first line, so that
    # the JSON Lines reader names lines as a read of the whole file does.
    first_line: int = 1
    # The same for a range of a WARC file cut at record boundaries: where
    # in the file it starts (error messages name bytes of the whole file)
    # and the number of its first record (a record without a target URI is
    # named by its number).
    offset: int = 0
    first_record: int = 1
    # For such a range, the whole file's size: what only the whole file can
    # say (it holds no record, or no page) is not said of one of its ranges,
    # and damage at a range's end is followed by the next range.
    file_size: int | None = None

    @property
    def name(self) -> str:
        """The file name used to pick a reader ('' for anonymous bytes)."""
        return self.path.name.lower() if self.path else ""

    def size(self) -> int | None:
        """Size in bytes, or None for a stream."""
        if self.data is not None:
            return len(self.data)
        if self.path is not None:
            return self.path.stat().st_size
        return None

    def head(self) -> bytes:
        """The first bytes, without consuming a stream."""
        if self.stream is not None:
            peek = getattr(self.stream, "peek", None)
            if peek is None:  # not buffered: read it all into memory once
                self.data, self.stream = self.stream.read(), None
                return self.data[:_SNIFF_BYTES]
            return bytes(peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
        with self.open() as stream:
            return stream.read(_SNIFF_BYTES)

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        if self.data is not None:
            yield io.BytesIO(self.data)
        elif self.stream is not None:
            yield self.stream  # not closed: standard input belongs to the process
        else:
            assert self.path is not None
            with self.path.open("rb") as stream:
                yield stream

    def read(self, limit: int) -> bytes:
        """The whole input, refusing one larger than ``limit`` bytes."""
        size = self.size()
        if size is not None:
            check_size(self.ref, size, limit, "file")
            if self.data is not None:
                return self.data
            assert self.path is not None
            return self.path.read_bytes()
        with self.open() as stream:
            data = stream.read(limit + 1)
        if len(data) > limit:
            check_size(self.ref, None, limit, "input")
        return data


def check_size(ref: str, size: int | None, limit: int, what: str) -> None:
    """Refuse an input over ``limit`` bytes; ``size`` None means "more than
    the limit, exact size unknown" (a stream or an overlong line)."""
    if size is None or size > limit:
        how_big = f"larger than the {_mb(limit)} limit" if size is None else (
            f"{_mb(size)}, over the {_mb(limit)} limit")
        raise InputTooLargeError(
            ref, f"the {what} is {how_big}; split it into smaller files, or raise the "
            "max_input_bytes setting",
        )


def read_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line, reading at most ``limit + 1`` bytes
    of any line; an overlong line is skipped to its end and given as None."""
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MiB" if n >= 104_858 else f"{n:,} bytes"
