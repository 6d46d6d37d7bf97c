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
