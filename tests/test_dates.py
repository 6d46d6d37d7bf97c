"""The days an ISO date names at its precision (detente.dates), which the
date filters of the store and the HTTP API compare."""

import pytest

from detente.dates import date_span, overlaps


@pytest.mark.parametrize(("value", "span"), [
    ("2022-01-12", ("2022-01-12", "2022-01-12")),
    ("2022-01-12T09:30:00+01:00", ("2022-01-12", "2022-01-12")),
    ("2022-W02", ("2022-01-10", "2022-01-16")),
    ("2021-W52", ("2021-12-27", "2022-01-02")),
    ("2022-02", ("2022-02-01", "2022-02-28")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2021", ("2021-01-01", "2021-12-31")),
    ("199", ("1990-01-01", "1999-12-31")),
])
def test_dates_span_of_each_precision(value: str, span: tuple[str, str]) -> None:
    assert date_span(value) == span


@pytest.mark.parametrize("value", [None, "", "soon", "2022-13", "2022-W60", "2022-02-30"])
def test_dates_no_span_for_what_is_no_date(value: str | None) -> None:
    assert date_span(value) is None


def test_dates_overlap_is_inclusive_and_open_ended() -> None:
    assert overlaps("2022-W02", "2022-01-16", "2022-01-20")
    assert not overlaps("2022-W02", "2022-01-17", None)
    assert overlaps("2022-01", None, "2022-01-01")
    assert overlaps(None, None, None) and not overlaps(None, "2022-01-01", None)


def test_precision_of() -> None:
    from detente.dates import precision_of

    assert [precision_of(v) for v in ("2022-01-12", "2022-W02", "2022-01", "2022", "199", "", None, "2022-13")] == \
        ["day", "week", "month", "year", "decade", None, None, None]
