import pytest

from detente.article import Article
from tests.conftest import FIXTURES, errors_of, read_all

GENEVA = "https://capital-ledger.example.org/world/2022/01/10/geneva-talks-end-without-breakthrough"
VIENNA = "https://capital-ledger.example.org/world/2022/01/13/osce-vienna-war-risk-warning"


@pytest.mark.parametrize("name", ["pages.warc", "pages.warc.gz"])
def test_warc_html_responses_become_articles(name: str) -> None:
    items = read_all(FIXTURES / "warc" / name)
    # The warcinfo, request and image/png records are skipped.
    assert all(isinstance(i, Article) for i in items)
    assert [a.url for a in items] == [GENEVA, VIENNA]
    assert [a.title for a in items] == [
        "Geneva talks end without breakthrough on NATO expansion",
        "OSCE chair says risk of war in Europe highest in 30 years",
    ]
    assert [a.published for a in items] == ["2022-01-10", "2022-01-13"]
    assert items[0].ref.endswith(f"{name}#{GENEVA}")


def test_warc_truncated_keeps_earlier_pages_and_reports_the_cut() -> None:
    items = read_all(FIXTURES / "bad" / "truncated.warc.gz")
    assert [i.url for i in items if isinstance(i, Article)] == [GENEVA]
    (error,) = errors_of(items)
    assert error.code == "malformed"
    assert "cut off" in error.reason and "bytes are missing" in error.reason


def test_warc_that_is_not_a_warc() -> None:
    (error,) = read_all(FIXTURES / "bad" / "not-a-warc.warc")
    assert error.code == "malformed" and "not a WARC file" in error.reason
