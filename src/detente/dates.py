"""The days an ISO date names, at its own precision.

Records carry dates at the precision the text supports: a day
(``2022-01-12``), an ISO week (``2022-W02``), a month (``2022-01``), a year
(``2022``) or a decade (``199``). :func:`date_span` gives the first and last
day of that period, so that a date filter can ask whether a record's date
overlaps a range of days: a week-dated meeting falls in a range that holds
any day of its week. The store registers both ends as SQL functions
(``detente_date_first``, ``detente_date_last``). :func:`period_of` gives the
day, ISO week or month a date falls in, or None when it is coarser (dyad
series and the HTTP API's counts per period; SQL ``detente_period``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_WEEK = re.compile(r"(\d{4})-W(\d{2})")

__all__ = ["date_first", "date_last", "date_span", "overlaps", "period_of", "precision_of"]


def date_span(value: str | None) -> tuple[str, str] | None:
    """First and last day (ISO) of the period ``value`` names, or None when
    it names none (an empty or malformed date). A date-time counts as its day."""
    if not value:
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = dt.date.fromisoformat(value[:10]).isoformat()
            return day, day
        week = _WEEK.fullmatch(value)
        if week:
            year, number = int(week[1]), int(week[2])
            return (dt.date.fromisocalendar(year, number, 1).isoformat(),
                    dt.date.fromisocalendar(year, number, 7).isoformat())
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        if len(value) == 4 and value.isdigit():
            return f"{value}-01-01", f"{value}-12-31"
        if len(value) == 3 and value.isdigit():  # a decade: "199" is the 1990s
            return f"{value}0-01-01", f"{value}9-12-31"
    except ValueError:
        return None
    return None


def date_first(value: str | None) -> str | None:
    span = date_span(value)
    return span[0] if span else None


def date_last(value: str | None) -> str | None:
    span = date_span(value)
    return span[1] if span else None


def overlaps(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether the period ``value`` names shares a day with the range
    (inclusive; an open end is unbounded). No date never overlaps a range."""
    if date_from is None and date_to is None:
        return True
    span = date_span(value)
    if span is None:
        return False
    return (date_from is None or span[1] >= date_from) and (date_to is None or span[0] <= date_to)


def precision_of(value: str | None) -> str | None:
    """The precision an ISO date's form says: ``day``, ``week``, ``month``,
    ``year`` or ``decade``; None for no date or a malformed one."""
    if date_span(value) is None:
        return None
    assert value is not None
    if len(value) >= 10:
        return "day"
    if _WEEK.fullmatch(value):
        return "week"
    return {7: "month", 4: "year", 3: "decade"}.get(len(value))


def period_of(date: str | None, precision: str | None, period: str) -> str | None:
    """The period key ("2022-01-12", "2022-W02", "2022-01") of an event date,
    or None when the date is too coarse for the period."""
    if not date:
        return None
    if precision == "day" or (precision is None and len(date) == 10):
        day = dt.date.fromisoformat(date[:10])
        if period == "day":
            return day.isoformat()
        if period == "week":
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"
        return day.isoformat()[:7]
    if precision == "week" and "-W" in date:
        if period == "week":
            return date[:8]
        if period == "month":
            year, week = int(date[:4]), int(date[6:8])
            return dt.date.fromisocalendar(year, week, 4).isoformat()[:7]
        return None
    if precision == "month" and period == "month":
        return date[:7]
    return None
