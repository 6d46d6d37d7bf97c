from detente.readers.html import fragment_text
from tests.conftest import EXAMPLES, FIXTURES, read_one


def test_html_bundled_example_metadata_and_main_text() -> None:
    article = read_one(EXAMPLES / "2022-01-12-brussels-nato-russia-council.html")
    assert article.title == "NATO and Russia meet in Brussels as allies reject Moscow's demands"
    assert article.published == "2022-01-12"
    assert article.date_source == "metadata"
    assert article.url == "https://example-news.org/europe/2022/01/12/nato-russia-council-brussels"
    assert article.declared_language == "en"
    # Boilerplate (navigation, related links, newsletter box, footer) is gone.
    html = (EXAMPLES / "2022-01-12-brussels-nato-russia-council.html").read_text("utf-8")
    assert "Stoltenberg" in article.text
    assert "<" not in article.text
    assert len(article.text) < len(html) / 2
    assert "\n\n" in article.text  # paragraphs kept
    # The kicker and the repeated headline are not part of the stored text.
    assert article.text.startswith("BRUSSELS — NATO and Russia held")


def test_html_meta_name_date() -> None:
    article = read_one(FIXTURES / "html" / "article.html")
    assert article.published == "2022-01-14"
    assert article.date_source == "metadata"
    assert article.url == "https://world-desk.example.com/news/lavrov-annual-press-conference-written-answers"


def test_html_date_from_url_when_metadata_has_none() -> None:
    article = read_one(FIXTURES / "html" / "url-date.html")
    assert article.published == "2022-01-10"
    assert article.date_source == "url"


def test_html_fragment_text_splits_blocks() -> None:
    text = fragment_text("<p>One <b>bold</b> line.</p><p>Two.</p><script>x()</script><ul><li>Three</li></ul>")
    assert text == "One bold line.\n\nTwo.\n\nThree"


def test_html_in_a_declared_legacy_encoding_is_decoded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A Russian page in windows-1251 (common on Russian news sites): decoded
    by its <meta charset>, then stored as Russian rather than parsed as English."""
    from detente import Settings
    from detente.pipeline import process

    body = ("Переговоры России и НАТО в Брюсселе завершились без прорыва. "
            "Заместитель министра иностранных дел Александр Грушко заявил, что "
            "стороны остались при своих позициях по вопросу расширения альянса. ") * 3
    html = (f'<html><head><meta charset="windows-1251"><title>Переговоры в Брюсселе</title></head>'
            f"<body><article><h1>Переговоры в Брюсселе</h1><p>{body}</p><p>{body}</p></article></body></html>")
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    article = read_one(path)
    assert article.encoding == "cp1251"
    assert "Александр Грушко" in article.text
    process(article, Settings.load(env={}))
    assert article.language == "ru"
    assert article.errors[0].code == "language" and "Russian (ru)" in article.errors[0].reason


# -- issue 15, item 9 -------------------------------------------------------------


def test_script_style_noscript_template_never_reach_the_title_or_text() -> None:
    """A <script> inside the <h1> was read into the title ("...Brussels
    window.dataLayer = ..."), and <template> text into the stored text."""
    article = read_one(FIXTURES / "html" / "script-in-heading.html")
    assert article.title == "NATO and Russia meet in Brussels"
    assert article.text.startswith("BRUSSELS — NATO and Russia held")
    for code in ("dataLayer", "trackParagraph", "JavaScript", "Live updates", "display"):
        assert code not in article.text and code not in (article.title or "")
    # The JSON-LD script is read for the date before scripts go.
    assert (article.published, article.date_source) == ("2022-01-12", "metadata")


def _page_with_attribute(attribute: str) -> str:
    paragraphs = [f"<p>Paragraph {n}: diplomats from the United States and Russia met in Geneva "
                  "on Monday and said the talks would go on later this week.</p>" for n in range(20)]
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks</title></head><body>'
            f'<article><h1>Talks</h1>{"".join(paragraphs[:10])}<div data-state="{attribute}">'
            f'</div>{"".join(paragraphs[10:])}</article></body></html>')


def test_a_huge_attribute_does_not_cut_the_article_short(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """5,000,000 characters in one attribute (15 MB as UTF-8, within the
    16 MiB input limit): libxml2 stopped at it without a word, and the
    article ended at paragraph 9 with exit 0."""
    path = tmp_path / "huge-attribute.html"
    path.write_text(_page_with_attribute("中" * 5_000_000), encoding="utf-8")
    article = read_one(path)
    assert [f"Paragraph {n}:" in article.text for n in range(20)] == [True] * 20


def test_html_with_an_xml_declaration_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """XHTML pages start with <?xml ... encoding="utf-8"?>, which lxml refuses
    in a decoded string ("cannot be parsed")."""
    path = tmp_path / "page.xhtml"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + _page_with_attribute("x"),
                    encoding="utf-8")
    article = read_one(path)
    assert "Paragraph 19:" in article.text


def test_nesting_past_the_parser_limit_is_an_error_not_a_cut_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """3,000 nested <div>s: libxml2 stopped there and the article silently
    lost everything after them; now it is an error that says so."""
    paragraphs = "".join(f"<p>Paragraph {n}: diplomats met in Geneva on Monday and said the "
                         "talks would go on.</p>" for n in range(10))
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body><article>{paragraphs[:300]}{'<div>' * 3000}<p>Deep.</p>"
                    f"{'</div>' * 3000}{paragraphs}</article></body></html>")
    error = read_one(path)
    assert error.code == "malformed" and "stopped at line 1, before the end" in error.reason
