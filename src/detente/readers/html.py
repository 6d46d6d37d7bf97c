"""HTML pages: main text, title, date and URL, with trafilatura.

trafilatura finds the article's main text and drops navigation, related
links and footers. The publication date comes, in this order, from the page's
metadata (``article:published_time``, ``datePublished`` in JSON-LD or
microdata, ``<meta name="date">`` and kin), from a date in the URL, or from a
date line at the top of the extracted text, and ``date_source`` says which.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from ..article import Article
from ..errors import EmptyInputError, MalformedInputError
from ..settings import Settings
from .dates import date_from_url, parse_date_line, parse_metadata_date
from .decode import decode
from .source import Source

# <meta> names and properties that carry the publication date, most
# specific first (Open Graph, schema.org, Dublin Core, common CMS names).
_META_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "date", "pubdate", "publishdate",
    "publish-date", "publication_date", "parsely-pub-date", "sailthru.date",
    "cxenseparse:recs:publishtime", "article.published",
)  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def read_html(source: Source, settings: Settings) -> Iterator[Article]:
    data = source.read(settings.max_input_bytes)
    yield parse_html(data, source.ref)


def parse_html(data: bytes, ref: str, *, url: str | None = None,
               charset: str | None = None) -> Article:
    """One HTML page to an article. ``url`` is where it was fetched from (a
    WARC record's target); the page's canonical link wins over it."""
    match = _CHARSET.search(data[:4096])
    declared = charset or (match.group(1).decode("ascii", "replace") if match else None)
    html, encoding = decode(data, ref, declared)
    tree = _parse(_NOT_XML.sub("", html), ref)
    canonical = _canonical_url(tree) or url
    metadata_date = _metadata_date(tree)  # before scripts go: JSON-LD is a script
    _drop_code(tree)
    doc = trafilatura.bare_extraction(
        tree, url=canonical, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_NO_DATE_SEARCH,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise EmptyInputError(
            ref,
            "no article text was found in the HTML (the page may be cut off, an index or "
            "a script-only app shell); save the article page itself, or give its text as .txt",
        )
    # trafilatura puts one paragraph per line; detente separates paragraphs
    # with a blank line, as in the text convention.
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    body = "\n\n".join(_drop_header(paragraphs, getattr(doc, "title", None)))

    published, date_source = metadata_date, "metadata"
    if published is None:
        published, date_source = date_from_url(canonical or getattr(doc, "url", None)), "url"
    if published is None:
        for line in body.split("\n\n")[:3]:
            published = parse_date_line(line)
            if published:
                date_source = "text"
                break
    lang = tree.get("lang") or tree.get("xml:lang")
    return Article.create(
        ref,
        body,
        title=getattr(doc, "title", None),
        published=published,
        date_source=date_source if published else None,
        source=getattr(doc, "sitename", None),
        url=canonical or getattr(doc, "url", None),
        encoding=encoding,
        declared_language=lang,
    )


# Characters XML does not allow (C0 controls other than tab and line ends,
# U+FFFE, U+FFFF): libxml2 parses them into text, but lxml then refuses any
# text holding one (when a <script> is dropped and the text around it is
# joined). Normalisation drops them from the stored text anyway.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# trafilatura's own date (htmldate) is not used: the date comes from
# _metadata_date, the URL or a date line. Its "extensive search" regex-scans
# the whole serialised page (4 of the 5 s a page with a 15 MB attribute took).
_NO_DATE_SEARCH = {"original_date": True, "extensive_search": False}


def _parser() -> etree.HTMLParser:
    """libxml2's HTML parser as trafilatura configures it, with one change:
    ``huge_tree``. Without it libxml2 stops at any single text or attribute
    value over 10,000,000 bytes of UTF-8 (5 million Chinese characters are
    15 MB) or at elements nested 256 deep, drops the rest of the page and
    reports success, so the article was silently cut short. The input is
    already bounded by ``max_input_bytes``, so lifting libxml2's own limits
    costs nothing in safety."""
    return lxml.html.HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False,
                                remove_comments=True, remove_pis=True, encoding="utf-8")


def _parse(html: str, ref: str) -> Any:
    """The page's tree, or a MalformedInputError; never a silently cut tree."""
    parser = _parser()
    try:
        # Bytes with the encoding given: the text is decoded already, and
        # lxml refuses a str that carries an XML encoding declaration.
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInputError(
            ref, f"the HTML cannot be parsed ({exc}); check that the file is a whole web page"
        ) from exc
    fatal = [e for e in parser.error_log if e.level >= etree.ErrorLevels.FATAL]
    if fatal:
        # Such as elements nested over 2,048 deep, libxml2's limit even with
        # huge_tree: what follows would be lost without a word.
        raise MalformedInputError(
            ref, f"the HTML parser stopped at line {fatal[0].line}, before the end of the page "
            f"({fatal[0].message.strip()}), so the article would be cut short; give its text "
            "as a .txt file instead",
        )
    return tree


# Elements whose text is code or markup for other agents, never page text:
# left in, their text joins titles and paragraphs ("Summit opens" + a
# script's source in an <h1>). JSON-LD data blocks outside headings stay,
# because trafilatura reads the page's metadata from them.
_CODE = ("//script[not(@type='application/ld+json') or ancestor::*[self::h1 or self::h2 or "
         "self::h3 or self::h4 or self::h5 or self::h6]]|//style|//noscript|//template")


def _drop_code(tree: Any) -> None:
    for node in tree.xpath(_CODE):
        node.drop_tree()


# A kicker or section label above a headline is short; 80 characters is
# well above any seen in the fixtures and news sites sampled (20-40).
_KICKER_MAX_CHARS = 80


def _drop_header(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop the headline that pages repeat at the top of the main text, with
    a kicker line above it, so that the stored text starts with the article."""
    if not title:
        return paragraphs
    wanted = " ".join(title.split()).casefold()
    for i, paragraph in enumerate(paragraphs[:3]):
        if " ".join(paragraph.split()).casefold() == wanted:
            if all(len(p) <= _KICKER_MAX_CHARS for p in paragraphs[:i]) and i + 1 < len(paragraphs):
                return paragraphs[i + 1 :]
            break
    return paragraphs


def _canonical_url(tree: Any) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xpath)
        if found and str(found[0]).strip().startswith("http"):
            return str(found[0]).strip()
    return None


def _metadata_date(tree: Any) -> str | None:
    """The publication date the page's metadata states, if any."""
    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and key not in metas:
            metas[key] = meta.get("content")
    for key in _META_DATE_KEYS:
        value = parse_metadata_date(metas.get(key))
        if value:
            return value
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        value = _json_ld_date(script)
        if value:
            return value
    for node in tree.xpath('//*[@itemprop="datePublished"]'):
        value = parse_metadata_date(node.get("datetime") or node.get("content"))
        if value:
            return value
    for stamp in tree.xpath("//time[@pubdate]/@datetime"):
        value = parse_metadata_date(stamp)
        if value:
            return value
    return None


def _json_ld_date(script: str) -> str | None:
    try:
        data = json.loads(script)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "datePublished" in item:
                return parse_metadata_date(item["datePublished"])
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return None


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's content), one paragraph per
    block element, paragraphs separated by blank lines."""
    html = _NOT_XML.sub("", html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    _drop_code(root)
    for block in root.xpath(
        "//p|//div|//br|//li|//h1|//h2|//h3|//h4|//h5|//h6|//blockquote|//tr|//figcaption"
    ):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
