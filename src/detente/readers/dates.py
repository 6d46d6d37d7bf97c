"""Publication dates: from a date line, a URL, or a metadata value.

Only whole dates count (day, month and year): a publication date at month
precision is not worth more than no date, and a guessed day is worse. Numeric
dates with slashes (01/02/2022) are ambiguous between day-first and
month-first conventions; they are read only when one number is above 12.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_to_datetime

MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

_PATTERNS = [
    re.compile(_WEEKDAY + _DAY + r"\.?\s+" + _MONTH + r",?\s+" + _YEAR, re.I),  # 12 January 2022
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),  # January 12, 2022
    re.compile(_YEAR + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),  # 2022-01-12
    re.compile(r"(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)"),  # 12.01.2022
    re.compile(r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)"),  # 01/12/2022
]

# A date line is short: the date plus a few words such as "Published",
# "Updated:", "Feature" or a byline. Calibrated on datelines from news sites:
# none had more than 8 words besides the date; body paragraphs have far more.
_DATE_LINE_MAX_CHARS = 80
_DATE_LINE_MAX_OTHER_WORDS = 8

_URL_DATE = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$|[-_])"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:/|$|[-_])"),
    re.compile(r"[/_-](?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:/|$|[-_.])"),
]


def _make(year: str, month: str, day: str) -> str | None:
    m = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
    try:
        return dt.date(int(year), int(m or 0), int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first whole date in ``text``, as (ISO date, match)."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if "a" in groups:
                a, b = int(groups["a"]), int(groups["b"])
                if a > 12 >= b:
                    value = _make(groups["year"], str(b), str(a))
                elif b > 12 >= a:
                    value = _make(groups["year"], str(a), str(b))
                else:
                    continue  # ambiguous: 01/02/2022
            else:
                value = _make(groups["year"], groups["month"], groups["day"])
            if value:
                return value, match
    return None


def parse_date_line(line: str) -> str | None:
    """The date of a dateline ("Feature 12 January 2022", "Updated: Jan 12, 2022
    10:31 CET"), or None when the line is not a dateline."""
    line = line.strip()
    if not line or len(line) > _DATE_LINE_MAX_CHARS:
        return None
    found = find_date(line)
    if found is None:
        return None
    value, match = found
    rest = line[: match.start()] + " " + line[match.end() :]
    words = re.findall(r"[A-Za-z]{2,}", rest)
    if len(words) > _DATE_LINE_MAX_OTHER_WORDS:
        return None
    return value


def date_from_url(url: str | None) -> str | None:
    """A date written into a URL's path (/2022/01/12/, /2022-01-12-, /20220112)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            value = _make(match["year"], match["month"], match["day"])
            if value:
                return value
    return None


def parse_metadata_date(value: object) -> str | None:
    """A date from metadata: ISO 8601 (date or datetime), RFC 2822 (feeds),
    a ``time.struct_time``, or a written date. The date part as published,
    without converting time zones (news sites give local publication dates)."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    iso = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", text)
    if iso:
        return _make(*iso.groups())
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(text)
    return found[0] if found else None
