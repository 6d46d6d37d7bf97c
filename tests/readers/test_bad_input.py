"""Every kind of bad input gets an error record with an actionable reason,
and the inputs after it are still read."""

from pathlib import Path

import pytest

from detente import Settings
from detente.article import Article
from detente.readers import Source, detect_format
from tests.conftest import FIXTURES, SEED, errors_of, read_all

BAD = FIXTURES / "bad"


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("empty.txt", "empty", "empty (0 bytes)"),
        ("whitespace.txt", "empty", "only white space"),
        ("image.png", "binary", "PNG image"),
        ("document.pdf", "binary", "pdftotext"),
        ("binary.dat", "binary", "binary file"),
        ("malformed.html", "empty", "no article text was found"),
        ("script-only.html", "empty", "script-only"),
        ("malformed-rss.xml", "malformed", "not well-formed XML"),
        ("malformed.json", "malformed", "not valid JSON"),
        ("not-a-warc.warc", "malformed", "not a WARC file"),
    ],
)
def test_bad_input_gives_an_error_and_the_next_input_goes_on(name: str, code: str, words: str) -> None:
    items = read_all(BAD / name, SEED)
    (error,) = errors_of(items)
    assert error.kind == "error"
    assert error.ref == str(BAD / name)
    assert error.code == code
    assert words in error.reason
    assert isinstance(items[-1], Article) and items[-1].title  # the seed, after it


def test_missing_path_is_an_error() -> None:
    (error,) = read_all("/no/such/file.txt")
    assert error.code == "not_found" and "no such file" in error.reason


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Talks in Geneva went on. " * 400)
    small = Settings.load(env={}, max_input_bytes=1000)
    (error,) = read_all(big, settings=small)
    assert error.code == "too_large"
    assert "over the 1,000 bytes limit" in error.reason and "max_input_bytes" in error.reason


def test_huge_jsonl_line_is_refused_and_others_go_on(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "big", "text": "%s"}\n{"id": "ok", "text": "Short text."}\n' % ("x" * 2000))
    items = read_all(path, settings=Settings.load(env={}, max_input_bytes=1000))
    assert [type(i).__name__ for i in items] == ["ErrorRecord", "Article"]
    assert items[0].code == "too_large" and items[1].ref == "ok"


def test_too_long_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Word and word. " * 100)
    (error,) = read_all(path, settings=Settings.load(env={}, max_text_chars=500))
    assert error.code == "too_large" and "max_text_chars" in error.reason


def test_undecodable_bytes_never_crash(tmp_path: Path) -> None:
    # Latin-1 text with no UTF-8 structure is decoded by detection.
    path = tmp_path / "latin1.txt"
    path.write_bytes("Réunion à Genève: les négociateurs ont parlé pendant huit heures. ".encode("latin-1") * 10)
    items = read_all(path)
    assert isinstance(items[0], Article) and "Genève" in items[0].text


def test_format_is_sniffed_for_unknown_names(tmp_path: Path) -> None:
    cases = {
        "a": b"<!DOCTYPE html><html><body><p>x</p></body></html>",
        "b": b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
        "c": b'{"id": 1, "text": "x"}\n',
        "d": b"WARC/1.0\r\n",
        "e": b"Plain words.",
    }
    found = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        found[name] = detect_format(Source(name, path=tmp_path / name))
    assert found == {"a": "html", "b": "feed", "c": "jsonl", "d": "warc", "e": "text"}


def test_folders_are_read_recursively_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Title\n\n12 January 2022\n\nNATO met Russia in Brussels.")
    (tmp_path / ".hidden" / "b.txt").write_text("Hidden.")
    (tmp_path / "notes.md").write_text("Not an article.")
    items = read_all(tmp_path)
    assert [i.ref for i in items] == [str(tmp_path / "sub" / "a.txt")]


def test_overlong_jsonl_line_is_never_read_whole(tmp_path: Path) -> None:
    """A single 5 MB line against a 1,000-byte limit: refused by reading at
    most limit + 1 bytes of it, and the next line is still read."""
    import io

    from detente.readers.source import read_lines

    stream = io.BytesIO(b"x" * 5_000_000 + b"\n" + b'{"text": "ok"}\n')
    lines = list(read_lines(stream, 1000))
    assert lines == [(1, None), (2, b'{"text": "ok"}\n')]


def test_stream_input_over_the_limit(tmp_path: Path) -> None:
    import io

    source = Source("<stdin>", stream=io.BufferedReader(io.BytesIO(b"Words. " * 1000)))
    items = list(__import__("detente.readers", fromlist=["read_source"]).read_source(
        source, Settings.load(env={}, max_input_bytes=500)))
    (error,) = items
    assert error.code == "too_large" and "larger than the 500 bytes limit" in error.reason


def test_text_damaged_by_an_earlier_wrong_decoding(tmp_path: Path) -> None:
    path = tmp_path / "damaged.jsonl"
    path.write_text('{"id": "d", "text": "%s"}\n' % ("Talks \ufffd\ufffd\ufffd in Gen\ufffdve. " * 20), "utf-8")
    (error,) = read_all(path)
    assert error.code == "binary" and "replacement characters" in error.reason
