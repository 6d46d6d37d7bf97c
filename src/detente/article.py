"""The one document object that the pipeline's stages annotate.

A reader creates an :class:`Article` from an input (its stored text plus the
metadata it found). Each stage then reads what earlier stages added and adds
its own: the language, the spaCy ``Doc`` and sentences, and typed records.
A stage never edits what an earlier stage wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .records import ArticleRecord, ErrorRecord, Record, Span
from .text import lone_surrogates, normalize_text, valid_unicode

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Where an article's publication date came from (the contract's date_source).
DATE_SOURCES = ("given", "metadata", "url", "text")


@dataclass
class Article:
    """An article: stored text, metadata, and what the stages add.

    ``id`` is the first 16 hex digits of the stored text's SHA-256, so the same
    text always gets the same id, on any machine and in any run.
    """

    id: str
    ref: str
    text: str
    sha256: str
    title: str | None = None
    published: str | None = None
    date_source: str | None = None
    source: str | None = None
    url: str | None = None
    encoding: str | None = None
    # The language the input declares (HTML lang, a JSONL field); a hint the
    # language stage uses when the text is too short to identify.
    declared_language: str | None = None

    # -- added by stages ---------------------------------------------------
    language: str | None = None
    language_confidence: float | None = None
    doc: Doc | None = field(default=None, repr=False)
    sentences: list[Span] = field(default_factory=list, repr=False)
    records: list[Record] = field(default_factory=list, repr=False)
    # Quote marks around nobody's words ("non-starters"), found by the quotes
    # stage and left out of the quote records.
    scare_quotes: list[Span] = field(default_factory=list, repr=False)
    errors: list[ErrorRecord] = field(default_factory=list)
    # Names of the stages that have run, in order.
    stages: list[str] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        ref: str,
        text: str,
        *,
        title: str | None = None,
        published: str | None = None,
        date_source: str | None = None,
        source: str | None = None,
        url: str | None = None,
        encoding: str | None = None,
        declared_language: str | None = None,
    ) -> Article:
        """Normalise ``text`` (stage 0) and build the article around it."""
        halves = sum(lone_surrogates(v) for v in (ref, text, title, source, url) if v)
        if halves:
            log.warning("%s: %d lone surrogate(s) (half of a UTF-16 pair, such as a JSON "
                        "\\ud800 escape) replaced by U+FFFD", valid_unicode(ref), halves)
        stored = normalize_text(text)
        digest = hashlib.sha256(stored.encode("utf-8")).hexdigest()
        if published is None:
            date_source = None
        elif date_source not in DATE_SOURCES:
            raise ValueError(f"date_source must be one of {DATE_SOURCES}, not {date_source!r}")
        return cls(
            id=digest[:16],
            ref=valid_unicode(ref),
            text=stored,
            sha256=digest,
            title=_clean(title),
            published=published,
            date_source=date_source,
            source=_clean(source),
            url=_clean(url),
            encoding=encoding,
            declared_language=_clean(declared_language),
        )

    @property
    def published_day(self) -> dt.date | None:
        """The publication date as a day ("2022-01" is taken as its first day,
        "2022" as its middle): the anchor the stages resolve dates against."""
        if not self.published:
            return None
        for size, suffix in ((10, ""), (7, "-01"), (4, "-07-01")):
            try:
                return dt.date.fromisoformat(self.published[:size] + suffix)
            except ValueError:
                continue
        return None

    @property
    def skipped(self) -> bool:
        """True when the English pipeline must not run (e.g. another language)."""
        return bool(self.errors)

    @property
    def canonical_url(self) -> str | None:
        """The URL in a form that two copies of one page share."""
        return canonical_url(self.url)

    def to_record(self, *, with_text: bool = True) -> ArticleRecord:
        return ArticleRecord(
            id=self.id,
            ref=self.ref,
            title=self.title,
            published=self.published,
            date_source=self.date_source,
            source=self.source,
            url=self.url,
            language=self.language,
            sha256=self.sha256,
            text=self.text if with_text else None,
            encoding=self.encoding,
            stage="reader.v1",
        )

    def evidence(self, span: Span) -> str:
        """The stored text a span points at."""
        return self.text[span.start : span.end]


# Query parameters that track a click rather than name a page.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_medium", "at_campaign")


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no ``www.``, no fragment, no tracking
    parameters, no trailing slash: two copies of one page's URL compare equal."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    query = "&".join(
        sorted(p for p in parts.query.split("&") if p and not p.lower().startswith(_TRACKING))
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, query, ""))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalize_text(value).replace("\n", " ")
    return value or None
