"""WARC and WARC.gz web archives, with warcio: every HTTP response that
carries an HTML page becomes an article (its URL is the record's target URI,
unless the page names a canonical URL).

Other records (requests, metadata, images, scripts) are skipped and counted
in the log. A damaged archive yields the articles read before the damage and
an error record that says where reading stopped.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..article import Article
from ..errors import EmptyInputError, InputError, MalformedInputError
from ..records import ErrorRecord
from ..settings import Settings
from .html import parse_html
from .source import Source, check_size

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: Source, settings: Settings) -> Iterator[Article | ErrorRecord]:
    pages = skipped = records = 0
    with source.open() as stream:
        try:
            for record in ArchiveIterator(stream):
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    skipped += 1
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode()
                if status != "200" or not ctype.startswith(_HTML_TYPES):
                    skipped += 1
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                ref = f"{source.ref}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
                try:
                    length = int(record.rec_headers.get_header("Content-Length") or 0)
                    check_size(ref, length, settings.max_input_bytes, "WARC record")
                    body = record.content_stream().read()
                    # warcio does not notice a file cut off inside a record: the
                    # record's reader just runs dry before its declared length.
                    missing = getattr(record.raw_stream, "limit", 0) or 0
                    if missing > 0:
                        raise MalformedInputError(
                            source.ref,
                            f"the WARC file is cut off inside record {records} ({uri}): "
                            f"{missing:,} of its {length:,} bytes are missing; the {pages} "
                            f"page(s) before it were read; re-download the archive",
                        )
                    charset = ctype.split("charset=")[1].split(";")[0] if "charset=" in ctype else None
                    pages += 1
                    yield parse_html(body, ref, url=uri, charset=charset)
                except MalformedInputError:
                    raise
                except InputError as exc:
                    yield ErrorRecord.from_error(exc)
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            raise MalformedInputError(
                source.ref,
                f"the WARC file is damaged or is not a WARC file: reading stopped after "
                f"{records} record(s) ({type(exc).__name__}: {exc}); the {pages} page(s) before "
                f"that were read; re-download the archive or check it with 'warcio check'",
            ) from exc
    log.info("%s: %d WARC records, %d HTML pages, %d other records skipped",
             source.ref, records, pages, skipped)
    if records == 0:
        raise MalformedInputError(source.ref, "the file holds no WARC records")
    if pages == 0:
        raise EmptyInputError(
            source.ref, f"the WARC file has {records} record(s) but no HTML response with "
            "status 200; nothing to read",
        )
