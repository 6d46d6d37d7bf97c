"""WARC and ARC web archives, plain or gzipped: every HTTP response that
carries an HTML page (status 200) becomes an article (its URL is the record's
target URI, unless the page names a canonical URL).

Other records (requests, metadata, images, scripts) are skipped and counted
in the log.

Each record is read on its own, and a damaged one never costs the others.
detente frames the records itself rather than trusting warcio's iterator,
which stops without a word when a file is cut inside a gzip member or a
record's headers, and fails with an ``AttributeError`` on some cuts of a plain
file. Framing here means: inflate each gzip member in turn (noticing one
that has no end, or damaged compressed data), read each record's header
block and its ``Content-Length`` bytes (noticing a block that comes up
short), and only then hand the complete record to warcio to read its HTTP
headers and decode its body. So:

- a record cut off by the end of the file gives an error record naming the
  record (its number and the byte where it starts), and the records before
  it are kept;
- a record whose header cannot be read gives an error record, and reading
  resumes at the next record (the next line that starts a WARC header, or
  the next gzip member after damaged compressed data);
- a page that cannot be parsed gives an error record, and the next goes on.
"""

from __future__ import annotations

import io
import logging
import re
import traceback
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from ..article import Article
from ..errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from ..records import ErrorRecord
from ..settings import Settings
from .html import parse_html
from .source import LIBRARY_FAILED, Source

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"
# Raw bytes read, and inflated bytes produced, per step.
_CHUNK = 1 << 16
# A WARC header block is a few hundred bytes; real ones stay under 8 KiB even
# with long URLs. 1 MiB per line and per block is far above that and still
# bounds what a damaged file can make detente hold.
_MAX_HEADER_LINE = 1 << 20
_MAX_HEADER_BYTES = 1 << 20
# The HTTP headers of an oversize response are looked at (to tell an HTML
# page, worth an error, from a video, skipped) within its first bytes.
_HTTP_HEAD_BYTES = 1 << 16


def read_warc(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    """The pages of a WARC or ARC input, and an error record per damaged
    record or unreadable page. A range of a file (``source.offset``,
    ``source.first_record``: see :func:`warc_ranges`) names records and
    bytes as a read of the whole file does."""
    counts = {"records": 0, "pages": 0, "skipped": 0, "errors": 0}
    with source.open() as stream:
        archive = _Archive(stream, source.offset)
        # A range of a file ends where the next range's first record starts.
        ends = source.offset + (source.size() or 0) if source.file_size is not None else None
        following = ends if ends is not None and ends < (source.file_size or 0) else None
        for item in _records(archive, source.ref, settings.max_input_bytes, source.first_record, following):
            if isinstance(item, InputError):
                counts["errors"] += 1
                yield ErrorRecord.from_error(item)
                continue
            counts["records"] += 1
            page = _page(item, source.ref, settings)
            if page is None:
                counts["skipped"] += 1
            else:
                counts["pages" if isinstance(page, Article) else "errors"] += 1
                yield page
    log.info("%s: %d WARC records, %d HTML pages, %d other records skipped, %d errors",
             source.ref, counts["records"], counts["pages"], counts["skipped"], counts["errors"])
    if counts["errors"] or source.file_size is not None:
        return
    if counts["records"] == 0:
        raise MalformedInputError(source.ref, "the file holds no WARC records")
    if counts["pages"] == 0:
        raise EmptyInputError(
            source.ref, f"the WARC file has {counts['records']} record(s) but no HTML response "
            "with status 200; nothing to read",
        )


# -- framing -------------------------------------------------------------------


class _Damaged(Exception):
    """Compressed data that cannot be inflated (see _Archive.resync)."""


class _CutOff(Exception):
    """The file ends inside a record."""

    def __init__(self, error: MalformedInputError) -> None:
        super().__init__(error.reason)
        self.error = error


class _Archive:
    """The bytes of a WARC or ARC file, its gzip members inflated one after
    another as they are read, and where in the file each record starts (for
    a gzipped file, the start of its gzip member, as a CDX index gives it).
    Reads only forward, so standard input works."""

    def __init__(self, raw: BinaryIO, base: int = 0) -> None:
        self._raw = raw
        self._raw_buf = raw.read(_CHUNK)  # raw bytes not yet inflated
        self._base = base  # where ``raw`` starts in the file (a range of it)
        self._raw_at = base  # where _raw_buf starts in the file
        self.gzipped = self._raw_buf.startswith(_GZIP_MAGIC)
        self._inflater: zlib._Decompress | None = None
        self.member_at = base  # where the gzip member being inflated starts
        # (inflated position, file offset) where each gzip member starts.
        self._members: deque[tuple[int, int]] = deque()
        self.cut_member_at: int | None = None  # the member the file ends inside
        self._buf = bytearray()  # inflated (or plain) bytes not yet read
        self._pos = 0  # read position in _buf
        self._out = 0  # bytes produced before _buf's end

    @property
    def position(self) -> int:
        """Bytes read so far (inflated bytes, for a gzipped file)."""
        return self._out - (len(self._buf) - self._pos)

    def offset(self, position: int) -> int:
        """Where in the file the byte read at ``position`` comes from: its own
        offset in a plain file, the start of its gzip member in a gzipped one
        (asked in increasing order of position)."""
        if not self.gzipped:
            return self._base + position
        while len(self._members) > 1 and self._members[1][0] <= position:
            self._members.popleft()
        return self._members[0][1] if self._members else self._base

    # -- reading -----------------------------------------------------------------

    def readline(self, limit: int) -> bytes:
        """A line (with its line end) of at most ``limit`` bytes; b"" at the end."""
        while True:
            end = self._buf.find(b"\n", self._pos, self._pos + limit)
            if end >= 0:
                return self._take(end + 1 - self._pos)
            if len(self._buf) - self._pos >= limit or not self._more():
                return self._take(min(limit, len(self._buf) - self._pos))

    def read(self, size: int) -> bytes:
        """``size`` bytes, or fewer at the end of the file."""
        while len(self._buf) - self._pos < size and self._more():
            pass
        return self._take(min(size, len(self._buf) - self._pos))

    def skip(self, size: int) -> int:
        """Pass over up to ``size`` bytes without keeping them; how many."""
        skipped = 0
        while skipped < size and (self._pos < len(self._buf) or self._more()):
            step = min(size - skipped, len(self._buf) - self._pos)
            self._pos += step
            skipped += step
        return skipped

    def unread(self, data: bytes) -> None:
        """Put back what the last readline gave (still in the buffer)."""
        self._pos -= len(data)

    def _take(self, size: int) -> bytes:
        data = bytes(self._buf[self._pos : self._pos + size])
        self._pos += size
        return data

    def _more(self) -> bool:
        """Add the next bytes to the buffer; False at the end of the file."""
        if self._pos >= _CHUNK:
            del self._buf[: self._pos]
            self._pos = 0
        if self.gzipped:
            data = self._inflate()
        else:
            data, self._raw_buf = self._raw_buf or self._raw.read(_CHUNK), b""
        self._buf += data
        self._out += len(data)
        return bool(data)

    def _fill_raw(self, at_least: int) -> bool:
        while len(self._raw_buf) < at_least:
            more = self._raw.read(_CHUNK)
            if not more:
                return False
            self._raw_buf += more
        return True

    def _inflate(self) -> bytes:
        while True:
            inflater = self._inflater
            if inflater is None or inflater.eof:
                if not self._fill_raw(1):
                    return b""  # the last member ends where the file does
                if not self._fill_raw(2) or not self._raw_buf.startswith(_GZIP_MAGIC):
                    self.member_at = self._raw_at
                    raise _Damaged(f"the bytes at byte {self._raw_at:,} are not gzip data")
                self._inflater = inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self.member_at = self._raw_at
                self._members.append((self._out, self._raw_at))
            elif not self._fill_raw(1):  # the file ends inside a member
                out = inflater.flush()
                if not inflater.eof:
                    self.cut_member_at = self.member_at
                self._inflater = None
                return out
            try:
                out = inflater.decompress(self._raw_buf, _CHUNK)
            except zlib.error as exc:
                raise _Damaged(f"its gzip data is damaged ({exc})") from exc
            rest = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
            self._raw_at += len(self._raw_buf) - len(rest)
            self._raw_buf = rest
            if out:
                return out

    def resync(self) -> int | None:
        """After damaged gzip data, go on at the next place in the file where
        a gzip member starts and inflates; its offset, or None if none does."""
        self._out -= len(self._buf) - self._pos  # drop what was inflated from the damage
        self._buf, self._pos, self._inflater = bytearray(), 0, None
        skip = 1 if self._raw_at == self.member_at else 0
        self._raw_buf, self._raw_at = self._raw_buf[skip:], self._raw_at + skip
        while True:
            found = self._raw_buf.find(_GZIP_MAGIC + b"\x08")
            if found < 0:
                keep = self._raw_buf[-2:]
                self._raw_at += len(self._raw_buf) - len(keep)
                self._raw_buf = keep
                if not self._fill_raw(len(keep) + 1):
                    self._raw_at, self._raw_buf = self._raw_at + len(self._raw_buf), b""
                    return None
                continue
            self._raw_buf, self._raw_at = self._raw_buf[found:], self._raw_at + found
            self._fill_raw(_CHUNK)
            try:
                zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(self._raw_buf[:_CHUNK], 1)
                return self._raw_at
            except zlib.error:
                self._raw_buf, self._raw_at = self._raw_buf[1:], self._raw_at + 1


@dataclass
class _Record:
    number: int
    offset: int
    kind: str  # WARC-Type ("response" for an ARC record)
    uri: str | None
    length: int
    raw: bytes = b""  # the whole record, for a response of a size worth reading
    too_large: bool = False
    http_head: bytes = field(default=b"", repr=False)  # an oversize response's first bytes
    unterminated: bool = False  # the file ends before the record's closing line ends

    @property
    def where(self) -> str:
        return f"record {self.number} ({self.uri or 'no target URI'}, at byte {self.offset:,})"


def _records(archive: _Archive, ref: str, limit: int, first: int = 1,
             following: int | None = None) -> Iterator[_Record | InputError]:
    """Each record of the archive (numbered from ``first``), or the error
    that stands for it. ``following``: where the next range of the file
    starts (with a record), for a range that ends before the file does."""
    number, last = first - 1, None
    in_record = resync = False
    while True:
        try:
            if resync:  # after a record whose header was broken
                resync = False
                if not _resync_to_header(archive):
                    break
            line, offset = _next_header_line(archive)
            if not line:
                break
            number, in_record = number + 1, True
            last = _frame(archive, line, number, offset, ref, limit)
            in_record = False
            yield last
        except _Damaged as exc:
            number += 0 if in_record else 1
            in_record, member_at = False, archive.member_at
            at = archive.resync()
            if at is None and following is not None:
                at = following  # the next range reads on from there
            yield MalformedInputError(
                ref, f"record {number} (in the gzip member at byte {member_at:,}) cannot "
                f"be read: {exc}; " + (f"reading went on at the next gzip member (byte {at:,})"
                                       if at is not None else "no readable data follows it")
                + "; re-download the archive or check it with 'warcio check'",
            )
            if at is None:
                return
        except _CutOff as exc:
            yield exc.error
            return
        except MalformedInputError as exc:
            in_record, resync = False, True
            yield exc
    end = _unseen_cut(archive, last, number)
    if end is not None:
        yield MalformedInputError(ref, end + "; re-download the archive")


def _unseen_cut(archive: _Archive, last: _Record | None, number: int) -> str | None:
    """How the file was cut where no record was found short: in a gzip member
    after its record's content, or before the next record's first line
    could be inflated, or (plain) between a record and its closing line ends."""
    if archive.cut_member_at is not None:
        if last is not None and archive.cut_member_at == last.offset:
            return (f"the file ends inside the gzip member of {last.where}, after the record's "
                    "content, which was read; the archive was cut off there, so any records "
                    "after it are missing")
        return (f"the file is cut off in record {number + 1} (the gzip member at byte "
                f"{archive.cut_member_at:,}) before any of it could be read; the records "
                "before it were read")
    if last is not None and last.unterminated and not archive.gzipped:
        return (f"the file ends right after the content of {last.where}, without the line "
                "ends that close a record: it was read, but the archive was probably cut off "
                "there, so any records after it are missing")
    return None


def _next_header_line(archive: _Archive) -> tuple[bytes, int]:
    """The first line of the next record (blank lines between records are
    passed over), and the byte where the record starts."""
    while True:
        line = archive.readline(_MAX_HEADER_LINE)
        if not line or line.strip():
            return line, archive.offset(archive.position - len(line))


# An ARC header line: URL, IP address, 14-digit date, content type, (v2: five
# more fields), and the length of what follows last.
_ARC_HEADER = re.compile(rb"^\S+ \S+ \d{14} \S+ (?:\S+ ){0,5}\d+\s*$")


def _frame(archive: _Archive, first: bytes, number: int, offset: int, ref: str,
           limit: int) -> _Record:
    """One record's header and block. Raises _CutOff when the file ends in
    the record, MalformedInputError when its header cannot be read."""
    where = f"record {number} (at byte {offset:,})"
    if not first.endswith(b"\n") and len(first) < _MAX_HEADER_LINE:  # the file ended
        raise _CutOff(_cut(ref, where, "inside its first line"))
    if first.startswith(b"WARC/"):
        head = _header_block(archive, first, ref, where)
        fields = _header_fields(head)
        uri = fields.get("warc-target-uri", "").strip("<>") or None
        kind = fields.get("warc-type", "")
        length = fields.get("content-length", "")
    elif _ARC_HEADER.match(first):
        head = first
        uri = first.split()[0].decode("utf-8", "replace")
        kind = "warcinfo" if uri.startswith("filedesc:") else "response"
        length = first.split()[-1].decode("ascii")
    else:
        what = (f"{where} does not start with a WARC or ARC header, so the file is not a "
                "WARC file, or its start is damaged" if number == 1 else
                f"{where} does not start with a WARC header, so the archive is damaged here "
                "(or the record before it declared a wrong Content-Length)")
        raise MalformedInputError(
            ref, f"{what} (it starts {first[:40]!r}); reading goes on at the next record",
        )
    # More digits than any file can have (10^18 bytes) is damage, and would
    # not even convert: Python refuses integers of over 4,300 digits.
    if not (length.isascii() and length.isdigit()) or len(length) > 18:
        raise MalformedInputError(
            ref, f"{where} has no valid Content-Length ({length[:40]!r}), so where it ends is "
            "unknown; reading goes on at the next record",
        )
    record = _Record(number, offset, kind, uri, int(length))
    _read_block(archive, record, head, ref, limit)
    # A WARC record ends with two line ends, an ARC record with one.
    record.unterminated = not _end_of_record(archive, 2 if first.startswith(b"WARC/") else 1)
    return record


def _header_block(archive: _Archive, first: bytes, ref: str, where: str) -> bytes:
    """A WARC header block, up to its blank line."""
    lines, size = [first], len(first)
    while size <= _MAX_HEADER_BYTES:
        line = archive.readline(_MAX_HEADER_LINE)
        if not line.endswith(b"\n"):
            raise _CutOff(_cut(ref, where, "inside its WARC header"))
        lines.append(line)
        size += len(line)
        if not line.strip():
            return b"".join(lines)
    raise MalformedInputError(
        ref, f"{where} has a WARC header of over {_MAX_HEADER_BYTES:,} bytes, so it is "
        "damaged; reading goes on at the next record",
    )


def _header_fields(head: bytes) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in head.decode("utf-8", "replace").splitlines()[1:]:
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _read_block(archive: _Archive, record: _Record, head: bytes, ref: str, limit: int) -> None:
    """Read the record's content (a response's, when it fits the limit) or
    pass over it; raises _CutOff when it comes up short."""
    wanted = record.kind == "response"
    if wanted and record.length <= limit:
        block = archive.read(record.length)
        got = len(block)
        record.raw = head + block + b"\r\n\r\n"
    else:
        head_bytes = archive.read(min(record.length, _HTTP_HEAD_BYTES)) if wanted else b""
        got = len(head_bytes) + archive.skip(record.length - len(head_bytes))
        record.too_large, record.http_head = wanted, head_bytes
    if got < record.length:
        raise _CutOff(_cut(ref, record.where, f"after {got:,} of its {record.length:,} bytes "
                                              f"({record.length - got:,} bytes are missing)"))


def _cut(ref: str, where: str, how: str) -> MalformedInputError:
    return MalformedInputError(
        ref, f"the file is cut off in {where}, {how}; the records before it were read; "
        "re-download the archive",
    )


def _end_of_record(archive: _Archive, ends: int) -> bool:
    """Pass over the line ends that close a record; False when the file
    ends before them. A record followed by something else is accepted (as
    warcio accepts it): that is read as the next record's header, and refused
    there if it is not one."""
    for _ in range(ends):
        line = archive.readline(2)
        if line in (b"\r\n", b"\n"):
            continue
        archive.unread(line)
        return len(line) == 2  # shorter without a line end: the file ended
    return True


def _resync_to_header(archive: _Archive) -> bool:
    """Pass over lines up to the next one that starts a record; False at the
    end of the file."""
    while line := archive.readline(_MAX_HEADER_LINE):
        if line.startswith(b"WARC/") or _ARC_HEADER.match(line):
            archive.unread(line)
            return True
    return False


# -- pages ----------------------------------------------------------------------

_STATUS = re.compile(rb"^HTTP/\S+\s+(\d{3})")
_CONTENT_TYPE = re.compile(rb"(?im)^content-type:[ \t]*([^\r\n]*)")


def _page(record: _Record, ref: str, settings: Settings) -> Article | ErrorRecord | None:
    """The article of an HTML response with status 200, the error that
    stands for it, or None for any other record."""
    if record.kind != "response":
        return None
    page_ref = f"{ref}#{record.uri or f'record-{record.number}'}"
    if record.too_large:
        status, ctype = _http_head(record.http_head)
        if status != "200" or not ctype.startswith(_HTML_TYPES):
            return None
        return ErrorRecord.from_error(InputTooLargeError(
            page_ref, f"{record.where} holds a page of {record.length:,} bytes, over the "
            f"{settings.max_input_bytes:,} bytes limit; raise the max_input_bytes setting to read it",
        ))
    if record.uri is None:  # warcio would fail on it ('NoneType' has no 'startswith')
        return ErrorRecord.from_error(MalformedInputError(
            page_ref, f"{record.where} is a response without the WARC-Target-URI header every "
            "response must have, so the archive is damaged here; the record is skipped",
        ))
    try:
        try:
            parsed = next(iter(ArchiveIterator(io.BytesIO(record.raw), arc2warc=True)))
        except (ArchiveLoadFailed, StatusAndHeadersParserException) as exc:
            raise MalformedInputError(
                page_ref, f"the headers of {record.where} cannot be read ({exc}), so the "
                "archive is damaged here; the record is skipped",
            ) from exc
        if parsed.http_headers is None:
            return None
        ctype = (parsed.http_headers.get_header("Content-Type") or "").lower()
        if parsed.http_headers.get_statuscode() != "200" or not ctype.startswith(_HTML_TYPES):
            return None
        body = parsed.content_stream().read(settings.max_input_bytes + 1)
        if len(body) > settings.max_input_bytes:  # a compressed body expands
            raise InputTooLargeError(
                page_ref, f"{record.where} holds a page of more than "
                f"{settings.max_input_bytes:,} bytes once decompressed; raise the "
                "max_input_bytes setting to read it",
            )
        return parse_html(body, page_ref, url=record.uri, charset=_charset(ctype))
    except InputError as exc:
        return ErrorRecord.from_error(exc)
    except Exception as exc:  # warcio, lxml or trafilatura choking on one record
        log.debug("%s, %s:\n%s", ref, record.where, traceback.format_exc())
        return ErrorRecord.from_error(MalformedInputError(
            page_ref, f"{record.where} could not be read: {LIBRARY_FAILED} "
            f"({type(exc).__name__}: {exc}); the other records were read",
        ))


def _http_head(head: bytes) -> tuple[str, str]:
    """Status code and lower-case content type from an HTTP response's start."""
    status = _STATUS.match(head)
    ctype = _CONTENT_TYPE.search(head.split(b"\r\n\r\n", 1)[0])
    return (status.group(1).decode() if status else "",
            ctype.group(1).decode("latin-1").strip().lower() if ctype else "")


def _charset(ctype: str) -> str | None:
    if "charset=" not in ctype:
        return None
    return ctype.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None


# -- ranges ---------------------------------------------------------------------

# What must start a gzip member of a WARC file (a gzip header with deflate),
# and how much of a candidate is inflated to check that it is one.
_MEMBER_MAGIC = _GZIP_MAGIC + b"\x08"
_MEMBER_HEAD = 1 << 12
# Bytes read first for a record's header when walking a plain file.
_HEADER_GUESS = 1 << 13


def warc_ranges(path: Path, every: int) -> list[tuple[int, int, int]]:
    """``(start, end, first record number)`` of the byte ranges of a WARC
    file cut about every ``every`` bytes at record boundaries, so that each
    range reads on its own (:class:`Source` ``offset`` and
    ``first_record``) as its part of the whole file reads. Together the
    ranges cover the file exactly; a file that cannot be cut (not a WARC, or
    damaged before the first cut) is one range.

    A plain WARC file is walked record by record (each header's
    ``Content-Length`` says where the next record starts, so a ``WARC/1.``
    line inside a page is never taken for a record), and a range starts at
    the first record at or after its nominal offset. Where the walk meets a
    record it cannot frame, cutting stops: the rest of the file is one range
    whose reader reports the damage as a read of the whole file does. A
    gzipped WARC (one gzip member per record, as the WARC standard
    recommends) is cut at member starts: every place the gzip magic bytes
    occur is a candidate, kept when its head inflates to a ``WARC/``
    header; members are counted on the way for the record numbers."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(8)
        if head.startswith(_GZIP_MAGIC):
            starts = _member_starts(stream, size)
        elif head.startswith(b"WARC/"):
            starts = _record_starts(stream, size)
        else:
            starts = []
    cuts: list[tuple[int, int]] = [(0, 1)]
    target = every
    for number, at in enumerate(starts, 1):
        if at >= target and cuts[-1][0] < at < size:
            cuts.append((at, number))
            target = max(target + every, (at // every + 1) * every)  # the next nominal offset past it
    ends = [offset for offset, _ in cuts[1:]] + [size]
    return [(start, end, number) for (start, number), end in zip(cuts, ends, strict=True)]


def _record_starts(stream: BinaryIO, size: int) -> list[int]:
    """Where each record of a plain WARC file starts, in order, up to the
    first one that cannot be framed."""
    starts: list[int] = []
    at = 0
    while at < size:
        stream.seek(at)
        head = stream.read(_HEADER_GUESS)  # most headers fit: read more only when not
        end = head.find(b"\r\n\r\n", len(head) - len(head.lstrip(b"\r\n")))
        if end < 0:
            head += stream.read(_MAX_HEADER_BYTES)
        skipped = len(head) - len(head.lstrip(b"\r\n"))  # blank lines between records
        head = head[skipped:]
        end = head.find(b"\r\n\r\n")
        if not head.startswith(b"WARC/1.") or end < 0:
            break
        length = _header_fields(head[:end + 2]).get("content-length", "")
        if not length.isdigit():
            break
        starts.append(at + skipped)
        at += skipped + end + 4 + int(length)
    return starts


def _member_starts(stream: BinaryIO, size: int) -> list[int]:
    """Where each gzip member that starts a WARC record begins, in order."""
    starts: list[int] = []
    stream.seek(0)
    buf, buf_at, done = b"", 0, False  # buf: the file's bytes from buf_at on
    while not done:
        more = stream.read(_CHUNK)
        done = not more
        buf += more
        # Candidates before ``decided`` have their head in buf (or the file
        # ends before it); the others wait for more bytes.
        decided = len(buf) if done else max(len(buf) - _MEMBER_HEAD, 0)
        search = 0
        while 0 <= (found := buf.find(_MEMBER_MAGIC, search)) < decided:
            if _starts_record(buf[found:found + _MEMBER_HEAD]):
                starts.append(buf_at + found)
            search = found + 1
        buf, buf_at = buf[decided:], buf_at + decided
    return starts


def _starts_record(data: bytes) -> bool:
    """True when ``data`` begins a gzip member whose content begins with a
    WARC header line."""
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 16)
    except zlib.error:
        return False
    return out.startswith(b"WARC/")
