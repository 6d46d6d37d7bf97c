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


# -- cut and damaged archives (issue 15, item 2) ---------------------------------

import io  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from detente import Settings  # noqa: E402
from detente.errors import InputError  # noqa: E402
from detente.readers import READERS, Source, read_source  # noqa: E402
from detente.records import ErrorRecord  # noqa: E402

sys.path.insert(0, str(FIXTURES / "warc"))
from make_warc import CITIES, four_pages  # noqa: E402

CITY_URLS = [f"https://capital-ledger.example.org/world/2022/01/1{n}/talks-in-{c.lower()}"
             for n, c in enumerate(CITIES)]


def test_cut_warc_gz_keeps_the_pages_before_and_names_the_cut_record() -> None:
    """Four pages, the file cut inside the third record's gzip member: was
    two pages and no error at all."""
    items = read_all(FIXTURES / "bad" / "cut-in-record-3.warc.gz")
    assert [i.url for i in items if isinstance(i, Article)] == CITY_URLS[:2]
    (error,) = errors_of(items)
    _, offsets = four_pages(gzip=True)
    assert error.code == "malformed"
    assert "cut off in record 3" in error.reason and f"at byte {offsets[2]:,}" in error.reason


def test_cut_plain_warc_is_a_clear_error_not_an_attribute_error() -> None:
    """Cut inside the third record's WARC-Target-URI line: was "AttributeError:
    'NoneType' object has no attribute 'startswith'"."""
    items = read_all(FIXTURES / "bad" / "cut-in-header.warc")
    assert [i.url for i in items if isinstance(i, Article)] == CITY_URLS[:2]
    (error,) = errors_of(items)
    assert "AttributeError" not in error.reason
    _, offsets = four_pages(gzip=False)
    assert f"cut off in record 3 (at byte {offsets[2]:,}), inside its WARC header" in error.reason


def _read_bytes(data: bytes, name: str) -> list:  # type: ignore[type-arg]
    """What the WARC reader gives for ``data`` (read_source would pick a
    reader by content for a source without a file name)."""
    items: list = []  # type: ignore[type-arg]
    try:
        items.extend(READERS["warc"](Source(name, data=data), Settings.load(env={})))
    except InputError as exc:
        items.append(ErrorRecord.from_error(exc))
    return items


@settings(max_examples=60, deadline=None)
@given(gzip=st.booleans(), where=st.floats(0, 1, exclude_max=True))
def test_every_cut_keeps_the_complete_records_and_reports_the_cut(gzip: bool, where: float) -> None:
    """Wherever a four-page archive is cut: every record that is complete
    before the cut is read, and unless the cut falls exactly between two
    records, one error names the record it fell in."""
    data, offsets = four_pages(gzip=gzip)
    cut = max(1, int(where * len(data)))
    items = _read_bytes(data[:cut], "cut.warc.gz" if gzip else "cut.warc")
    ends = [*offsets[1:], len(data)]
    # A record is complete when its content is: its closing line ends (plain)
    # or the end of its gzip member may be missing, which is reported too.
    body_ends = [end - 4 for end in ends] if not gzip else ends
    complete = [url for url, end in zip(CITY_URLS, body_ends, strict=True) if end <= cut]
    urls = [i.url for i in items if isinstance(i, Article)]
    assert urls[: len(complete)] == complete
    errors = errors_of(items)
    if cut in offsets:
        assert not errors and len(urls) == offsets.index(cut)
    else:
        (error,) = errors
        number = sum(1 for o in offsets if o < cut)
        assert f"record {number}" in error.reason, error.reason


def test_damaged_gzip_member_costs_only_its_record(tmp_path: Path) -> None:
    data, offsets = four_pages(gzip=True)
    damaged = bytearray(data)
    damaged[offsets[1] + 100] ^= 0xFF  # inside the second record's compressed data
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(damaged))
    items = read_all(path)
    assert [i.url for i in items if isinstance(i, Article)] == [CITY_URLS[0], *CITY_URLS[2:]]
    (error,) = errors_of(items)
    assert f"record 2 (in the gzip member at byte {offsets[1]:,})" in error.reason
    assert f"went on at the next gzip member (byte {offsets[2]:,})" in error.reason


def test_wrong_content_length_costs_only_its_record(tmp_path: Path) -> None:
    """A record that declares too few bytes: the rest of it is not a WARC
    header, so one error, and reading goes on at the next record."""
    data, offsets = four_pages(gzip=False)
    record = data[offsets[1] : offsets[2]]
    head, _, _ = record.partition(b"\r\n\r\n")
    length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    shorter = record.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 99))
    path = tmp_path / "short.warc"
    path.write_bytes(data[: offsets[1]] + shorter + data[offsets[2] :])
    items = read_all(path)
    assert [i.url for i in items if isinstance(i, Article)][-2:] == CITY_URLS[2:]
    assert any("does not start with a WARC header" in e.reason for e in errors_of(items))


def test_response_without_target_uri_is_an_error(tmp_path: Path) -> None:
    data, offsets = four_pages(gzip=False)
    second = data[offsets[1] : offsets[2]]
    without = b"\r\n".join(line for line in second.split(b"\r\n")
                           if not line.startswith(b"WARC-Target-URI"))
    path = tmp_path / "no-uri.warc"
    path.write_bytes(data[: offsets[1]] + without + data[offsets[2] :])
    items = read_all(path)
    assert [i.url for i in items if isinstance(i, Article)] == [CITY_URLS[0], *CITY_URLS[2:]]
    (error,) = errors_of(items)
    assert "record 2" in error.reason and "without the WARC-Target-URI" in error.reason


def test_warc_from_standard_input_as_it_comes() -> None:
    data, _ = four_pages(gzip=True)
    stream = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    items = list(read_source(Source("<stdin>", stream=stream), Settings.load(env={})))
    assert [i.url for i in items] == CITY_URLS


def test_arc_file(tmp_path: Path) -> None:
    """The older ARC format (one header line per record) is read too."""
    page = (b"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
            + b"".join(b"<p>Paragraph %d: diplomats from the United States and Russia met in "
                       b"Geneva on Monday and said the talks would go on.</p>" % k for k in range(4))
            + b"</article></body></html>")
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    info = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://x.arc 0.0.0.0 20220112100000 text/plain %d\n%s\n" % (len(info), info)
           + b"https://ex.org/talks 192.0.2.1 20220112100000 text/html %d\n%s\n" % (len(http), http))
    path = tmp_path / "x.arc"
    path.write_bytes(arc)
    (article,) = read_all(path)
    assert article.url == "https://ex.org/talks" and article.title == "Talks"


def test_oversize_html_record_is_an_error_and_others_go_on() -> None:
    data, _ = four_pages(gzip=True)
    items = list(READERS["warc"](Source("x.warc.gz", data=data),
                                 Settings.load(env={}, max_input_bytes=500)))
    assert [type(i).__name__ for i in items] == ["ErrorRecord"] * 4
    assert all(i.code == "too_large" and "max_input_bytes" in i.reason for i in items)


def test_content_length_that_is_no_number_is_an_error(tmp_path: Path) -> None:
    """"²" counts as a digit for str.isdigit but not for int(): a superscript
    in a damaged Content-Length must be an error record, not a ValueError."""
    data, offsets = four_pages(gzip=False)
    second = data[offsets[1] : offsets[2]]
    length = second.split(b"Content-Length: ")[1].split(b"\r\n")[0]
    damaged = second.replace(b"Content-Length: " + length, b"Content-Length: " + "1²".encode())
    items = _read_bytes(data[: offsets[1]] + damaged + data[offsets[2] :], "x.warc")
    assert [i.url for i in items if isinstance(i, Article)] == [CITY_URLS[0], *CITY_URLS[2:]]
    (error,) = errors_of(items)
    assert "record 2" in error.reason and "no valid Content-Length" in error.reason
