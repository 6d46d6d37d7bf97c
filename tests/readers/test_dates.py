import pytest

from detente.readers.dates import date_from_url, parse_date_line, parse_metadata_date


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Feature 12 January 2022", "2022-01-12"),
        ("Published 10 January 2022", "2022-01-10"),
        ("January 9, 2022", "2022-01-09"),
        ("Updated: Jan. 12, 2022 10:31 CET", "2022-01-12"),
        ("Wednesday, 12th January 2022", "2022-01-12"),
        ("2022-01-12T18:30:00Z", "2022-01-12"),
        ("12.01.2022", "2022-01-12"),
        ("01/13/2022", "2022-01-13"),
        ("01/02/2022", None),  # day-first or month-first: ambiguous
        ("31 February 2022", None),
        ("NATO and Russian officials are set to meet for talks in Brussels on 12 January 2022 to discuss the build-up", None),
        ("Talks", None),
    ],
)
def test_parse_date_line(line: str, value: str | None) -> None:
    assert parse_date_line(line) == value


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://x.org/europe/2022/01/12/nato-russia", "2022-01-12"),
        ("https://x.org/2022-01-10-geneva", "2022-01-10"),
        ("https://x.org/news/20220113-osce.html", "2022-01-13"),
        ("https://x.org/news/lavrov-press", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, value: str | None) -> None:
    assert date_from_url(url) == value


def test_parse_metadata_date_forms() -> None:
    assert parse_metadata_date("2022-01-13T17:00:00+01:00") == "2022-01-13"
    assert parse_metadata_date("Mon, 10 Jan 2022 19:45:00 +0000") == "2022-01-10"
    assert parse_metadata_date("13 January 2022") == "2022-01-13"
    assert parse_metadata_date("soon") is None
