from detente.article import Article
from detente.readers.text import parse_text
from tests.conftest import EXAMPLES, FIXTURES, SEED, read_one


def test_text_seed_article_header() -> None:
    article = read_one(SEED)
    assert isinstance(article, Article)
    assert article.title == "NATO meets with Russia amid tug-of-war over Ukraine"
    assert article.published == "2022-01-12"
    assert article.date_source == "text"
    # The header (title, "Feature 12 January 2022", the repeated headline) is
    # not part of the stored text; the body starts with the first paragraph.
    assert article.text.startswith("NATO and Russian officials are set to meet")
    assert "Feature 12 January" not in article.text
    assert article.ref.endswith("euractiv-2022-01-12-nato-russia.txt")


def test_text_bundled_example() -> None:
    article = read_one(EXAMPLES / "2022-01-10-geneva-strategic-stability.txt")
    assert article.title == "US and Russia end Geneva security talks with no breakthrough"
    assert article.published == "2022-01-10"
    assert article.date_source == "text"
    assert not article.text.startswith("Published")


def test_text_us_style_dateline() -> None:
    article = read_one(FIXTURES / "text" / "dateline-us.txt")
    assert article.title == "Blinken plays down hopes of quick progress before Geneva talks"
    assert article.published == "2022-01-09"


def test_text_without_header_keeps_everything() -> None:
    path = FIXTURES / "text" / "no-header.txt"
    article = read_one(path)
    assert article.title is None
    assert article.published is None and article.date_source is None
    assert article.text == path.read_text("utf-8").strip()


def test_text_cp1252_is_detected_and_decoded() -> None:
    article = read_one(FIXTURES / "text" / "cp1252.txt")
    assert article.encoding not in ("utf-8", None)
    assert "José Manuel Albares" in article.text
    assert "“" in article.text and "–" in article.text
    assert article.published == "2022-01-14"


def test_text_bom_and_crlf_are_normalised() -> None:
    article = read_one(FIXTURES / "text" / "utf8-bom-crlf.txt")
    assert article.title == "Ryabkov sees no grounds for new talks soon"
    assert article.published == "2022-01-13"
    assert "\r" not in article.text and "\ufeff" not in article.text


def test_text_header_rules() -> None:
    # A long first line is a paragraph, not a title.
    long_line = "word " * 60
    assert parse_text(long_line + "\n\nSecond paragraph.", "x").title is None
    # A date line up to three lines under the title counts; a repeated
    # headline after it is dropped.
    art = parse_text("Title here\n\nBy A. Writer\nUpdated: Jan. 5, 2022 10:31 CET\nTitle here\n\nBody.", "x")
    assert (art.title, art.published, art.text) == ("Title here", "2022-01-05", "Body.")


def test_a_stray_nul_byte_does_not_make_a_text_binary(caplog) -> None:  # type: ignore[no-untyped-def]
    """One NUL and one SUB byte in a wire story made the whole .txt "binary";
    now a share of NUL and control bytes over 5% does, and a few stray ones
    are dropped with a warning."""
    article = read_one(FIXTURES / "text" / "stray-nul.txt")
    assert article.title == "Talks in Geneva end without breakthrough"
    assert "eight hours. Both delegations" in article.text and "Moscow needed" in article.text
    assert "\x00" not in article.text and "\x1a" not in article.text
    assert "2 NUL or control character(s) in the text are dropped" in caplog.text


def test_text_full_of_nul_bytes_is_still_binary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "utf16-without-bom.txt"
    path.write_bytes("NATO and Russia met in Brussels on Wednesday.".encode("utf-16-le"))
    error = read_one(path)
    assert error.code == "binary" and "binary file" in error.reason
