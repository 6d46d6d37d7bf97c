"""Inputs split into partitions: the units of work a scale run hands out,
skips when done, and redoes when interrupted.

Reads the inputs as :func:`detente.readers.expand` lists them (files,
folders walked in a stable order); adds :func:`plan`, a list of
:class:`Partition` in input order:

- small files are grouped, several to a partition, up to
  ``partition_bytes`` (and :data:`MAX_FILES` files);
- a JSON Lines file larger than ``partition_bytes`` is cut into byte ranges
  of about that size, so that one big file still runs on every worker. A
  range starts at the first full line at or after its nominal start offset
  (the rule Hadoop's line reader uses): every line belongs to exactly one
  range, whatever the cut points, and the planner counts lines on the way so
  that a line without an ``id`` keeps the ref a serial run gives it
  (``corpus.jsonl:1234``);
- a WARC file larger than ``partition_bytes`` is cut into byte ranges at
  record boundaries (:func:`detente.readers.warc.warc_ranges`: a plain
  file walked record by record, a gzipped one at the gzip members that
  start records), each read with the record numbers and byte offsets of
  the whole file, so that its refs and error messages are a serial run's;
- any other file (an ARC file, HTML, a feed, a JSON list) is one piece;
- a path that does not exist is a partition of its own holding its error
  record, so the run reports it in order.

A partition's ``id`` is a digest of its pieces (absolute path, byte range,
size and modification time): a rerun over unchanged inputs makes the same
ids and finds the partitions it already finished. :meth:`Partition.sources`
gives the readers' :class:`~detente.readers.Source` objects of the pieces.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ConfigError
from ..readers import Input, Source, detect_format, expand
from ..readers.warc import warc_ranges
from ..records import ErrorRecord

__all__ = ["DEFAULT_PARTITION_BYTES", "MAX_FILES", "Partition", "Piece", "line_ranges", "plan"]

#: 8 MiB of JSON Lines is about 1,500 news articles: a minute or two of one
#: worker's time, small enough that an interrupted run loses little and
#: large enough that per-partition costs (a task, a few Parquet files) stay
#: under 1% of the work.
DEFAULT_PARTITION_BYTES = 8 << 20
#: Files per partition at most: HTML pages and text files are a few KiB of
#: text each, so a partition of small files is bounded by count too.
MAX_FILES = 200
# Bytes read at a time when counting lines.
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Piece:
    """A file, or a byte range ``[start, end)`` of a JSON Lines file whose
    first line is line number ``line`` of the file, or of a WARC file whose
    first record is record number ``record``."""

    ref: str  # the input's ref as a serial run gives it (the path as given)
    path: str  # absolute, so that workers in another folder find it
    size: int
    mtime_ns: int
    start: int = 0
    end: int | None = None  # None: the whole file
    line: int = 1
    record: int = 1

    def source(self) -> Source:
        if self.end is None:
            return Source(self.ref, path=Path(self.path))
        with open(self.path, "rb") as stream:
            stream.seek(self.start)
            data = stream.read(self.end - self.start)
        # The JSON Lines reader names a line without an id by its number,
        # the WARC reader a record without a URI by its number and damage by
        # its byte: from the range's start on, they keep the whole file's.
        return Source(self.ref, path=Path(self.path), data=data, first_line=self.line, offset=self.start,
                      first_record=self.record, file_size=self.size)

    def blank(self) -> bool:
        """True for a range that holds no line with content (nothing to read)."""
        if self.end is None:
            return False
        with open(self.path, "rb") as stream:
            stream.seek(self.start)
            return not stream.read(self.end - self.start).strip()


@dataclass(frozen=True)
class Partition:
    """Pieces read and processed together, or the error of a missing input."""

    index: int  # its place in the plan (the order results are merged in)
    pieces: tuple[Piece, ...] = ()
    errors: tuple[ErrorRecord, ...] = ()
    id: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", _digest(self))

    @property
    def bytes(self) -> int:
        return sum((p.end if p.end is not None else p.size) - p.start for p in self.pieces)

    def sources(self) -> Iterator[Source | ErrorRecord]:
        yield from self.errors
        for piece in self.pieces:
            if not piece.blank():
                yield piece.source()

    def describe(self) -> str:
        if self.errors:
            return self.errors[0].ref
        first = self.pieces[0]
        what = first.ref if first.end is None else f"{first.ref} bytes {first.start}-{first.end}"
        return what + (f" and {len(self.pieces) - 1} more file(s)" if len(self.pieces) > 1 else "")


def _digest(partition: Partition) -> str:
    parts = [[p.path, p.start, p.end, p.size, p.mtime_ns] for p in partition.pieces]
    parts += [["missing", e.ref, e.code] for e in partition.errors]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:20]


def plan(inputs: Iterable[Input], partition_bytes: int = DEFAULT_PARTITION_BYTES) -> list[Partition]:
    """The inputs as partitions, in input order."""
    if partition_bytes < 1:
        raise ConfigError(f"the partition size must be at least 1 byte, not {partition_bytes}")
    partitions: list[Partition] = []
    group: list[Piece] = []

    def flush() -> None:
        if group:
            partitions.append(Partition(len(partitions), tuple(group)))
            group.clear()

    for source in expand(inputs):
        if isinstance(source, ErrorRecord):
            flush()
            partitions.append(Partition(len(partitions), errors=(source,)))
            continue
        if source.path is None:
            raise ConfigError("standard input cannot be split into partitions: save it to a file "
                              "first, or use --engine serial without --output")
        stat = source.path.stat()
        whole = Piece(source.ref, str(source.path.resolve()), stat.st_size, stat.st_mtime_ns)
        ranges = _ranges(source, partition_bytes) if stat.st_size > partition_bytes else []
        if len(ranges) > 1:
            flush()
            for piece in ranges:
                partitions.append(Partition(len(partitions), (piece,)))
            continue
        if group and (sum(p.size for p in group) + stat.st_size > partition_bytes or len(group) >= MAX_FILES):
            flush()
        group.append(whole)
    flush()
    return partitions


def _ranges(source: Source, every: int) -> list[Piece]:
    """The byte ranges of a large JSON Lines file (named so: a ``.json``
    file may be a list, never cut) or WARC file; [] for another file."""
    assert source.path is not None
    stat = source.path.stat()
    fmt = detect_format(source)
    whole = Piece(source.ref, str(source.path.resolve()), stat.st_size, stat.st_mtime_ns)
    if fmt == "jsonl" and source.name.endswith((".jsonl", ".ndjson")):
        return [replace(whole, start=start, end=end, line=line) for start, end, line in line_ranges(source.path, every)]
    if fmt == "warc":
        return [replace(whole, start=start, end=end, record=record)
                for start, end, record in warc_ranges(source.path, every)]
    return []


def line_ranges(path: Path, every: int) -> list[tuple[int, int, int]]:
    """``(start, end, first line number)`` of the byte ranges of a file cut
    about every ``every`` bytes: the range of nominal offset ``k * every``
    starts at the first line that starts at or after it. Ranges with no
    line are dropped; together the ranges cover the file exactly."""
    size = path.stat().st_size
    cuts: list[tuple[int, int]] = [(0, 1)]  # (offset, line number)
    target = every
    pos = 0  # offset of chunk[0]
    newlines = 0  # newlines before pos
    with path.open("rb") as stream:
        while target < size and (chunk := stream.read(_CHUNK)):
            # A line starts at ``target`` when the byte before it ends a line.
            while target < size and target - 1 < pos + len(chunk):
                at = chunk.find(b"\n", max(target - 1 - pos, 0))
                if at < 0:
                    break  # the line goes on into the next chunk
                start = pos + at + 1
                if cuts[-1][0] < start < size:
                    cuts.append((start, newlines + chunk.count(b"\n", 0, at + 1) + 1))
                # The next nominal offset past this line's start.
                target = max(target + every, (start // every + 1) * every)
            newlines += chunk.count(b"\n")
            pos += len(chunk)
    ends = [offset for offset, _ in cuts[1:]] + [size]
    return [(start, end, line) for (start, line), end in zip(cuts, ends, strict=True)]
