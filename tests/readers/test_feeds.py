import pytest

from detente.article import Article
from tests.conftest import FIXTURES, errors_of, read_all


def test_rss_items_with_embedded_content() -> None:
    items = read_all(FIXTURES / "feeds" / "rss.xml")
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == [
        "US and Russia end Geneva security talks with no breakthrough",
        "NATO says 'significant differences' remain after Russia council meeting",
    ]
    assert [a.published for a in articles] == ["2022-01-10", "2022-01-12"]
    assert all(a.date_source == "metadata" for a in articles)
    assert articles[0].source == "Example News – Europe security"
    assert "<p>" not in articles[0].text and "\n\n" in articles[0].text
    # The item with only a link and a teaser is reported, not silently dropped.
    (error,) = errors_of(items)
    assert error.code == "empty" and "only a link" in error.reason


def test_atom_entries() -> None:
    items = read_all(FIXTURES / "feeds" / "atom.xml")
    assert [i.title for i in items] == [
        "OSCE meeting in Vienna closes week of crisis talks",
        "Lavrov says Russia awaits written reply on security proposals",
    ]
    assert [i.published for i in items] == ["2022-01-13", "2022-01-14"]
    assert items[0].source == "World Desk: Diplomacy"
    assert items[0].url and items[0].url.startswith("https://world-desk.example.com/")


def test_feed_cut_off_after_an_item_keeps_it_and_reports_the_damage(tmp_path) -> None:  # type: ignore[no-untyped-def]
    xml = (FIXTURES / "feeds" / "atom.xml").read_text("utf-8")
    cut = xml[: xml.index("</entry>") + len("</entry>")] + "\n<entry><title>Half"
    path = tmp_path / "cut.atom"
    path.write_text(cut, "utf-8")
    items = read_all(path)
    assert [i.title for i in items if isinstance(i, Article)] == [
        "OSCE meeting in Vienna closes week of crisis talks"]
    half, damage = errors_of(items)
    assert half.code == "empty"  # the entry cut in half has no content
    assert damage.code == "malformed" and "not well-formed XML" in damage.reason
    assert "items after the damage may be missing" in damage.reason


def test_a_bad_character_reference_costs_nothing(caplog) -> None:  # type: ignore[no-untyped-def]
    """&#xD800; (a surrogate) and &#1114112; (past U+10FFFF) made feedparser
    fail on the whole feed ("surrogates not allowed", "chr() arg not in
    range"): no item was read. Now each becomes U+FFFD, with a warning."""
    items = read_all(FIXTURES / "bad" / "bad-char-refs.rss")
    assert [i.title for i in items] == ["Geneva talks end \ufffdwithout breakthrough",
                                        "NATO-Russia Council meets in Brussels \ufffd"]
    assert all(isinstance(i, Article) for i in items)
    assert "2 character reference(s) to no valid XML character" in caplog.text


@pytest.mark.parametrize("name", [b"punycode", b"undefined", b"utf-8\x00", b"\x80"])
def test_an_encoding_that_is_no_character_set_costs_nothing(tmp_path, name: bytes) -> None:  # type: ignore[no-untyped-def]
    """feedparser failed on the whole feed (UnicodeError, "embedded null
    character", UnicodeDecodeError) for such a declaration; now the
    declaration is set aside and the encoding detected."""
    rss = (FIXTURES / "feeds" / "rss.xml").read_bytes()
    path = tmp_path / "feed.rss"
    path.write_bytes(rss.replace(b'encoding="UTF-8"', b'encoding="' + name + b'"', 1))
    items = read_all(path)
    assert [i.title for i in items if isinstance(i, Article)] == [
        "US and Russia end Geneva security talks with no breakthrough",
        "NATO says 'significant differences' remain after Russia council meeting",
    ]
