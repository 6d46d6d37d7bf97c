from detente.article import Article
from tests.conftest import EXAMPLES, FIXTURES, errors_of, read_all


def test_jsonl_bundled_example() -> None:
    items = read_all(EXAMPLES / "2022-01-13-vienna-osce.jsonl")
    assert [i.ref for i in items] == ["vienna-osce-2022-01-13", "week-of-talks-wrapup-2022-01-14"]
    first = items[0]
    assert first.published == "2022-01-13" and first.date_source == "metadata"
    assert first.title == "OSCE chair warns of highest war risk in decades as Vienna talks end"
    assert first.source == "Example News"
    assert first.url == "https://example-news.org/europe/2022/01/13/osce-vienna-permanent-council"


def test_jsonl_missing_fields_are_null() -> None:
    a1, a2, a3 = read_all(FIXTURES / "jsonl" / "articles.jsonl")
    assert a1.published == "2022-01-09"
    assert a2.published is None and a2.date_source is None
    assert a2.title == "Kremlin says it will judge the talks by their results"
    assert a3.title is None


def test_jsonl_published_option_fills_only_missing_dates(settings) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from detente import Settings

    given = Settings.load(env={}, published=dt.date(2022, 1, 11))
    a1, a2, _ = read_all(FIXTURES / "jsonl" / "articles.jsonl", settings=given)
    assert (a1.published, a1.date_source) == ("2022-01-09", "metadata")
    assert (a2.published, a2.date_source) == ("2022-01-11", "given")


def test_jsonl_bad_lines_are_errors_and_good_lines_go_on() -> None:
    items = read_all(FIXTURES / "bad" / "malformed.jsonl")
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.ref for a in articles] == ["m1", "m4"]
    errors = errors_of(items)
    assert [e.ref for e in errors] == [f"{FIXTURES / 'bad' / 'malformed.jsonl'}:2",
                                       f"{FIXTURES / 'bad' / 'malformed.jsonl'}:3"]
    assert "line 2 is not valid JSON" in errors[0].reason
    assert errors[0].code == "malformed"
    assert "'text'" in errors[1].reason and errors[1].code == "empty"


def test_json_truncated_array_is_an_error() -> None:
    (error,) = read_all(FIXTURES / "bad" / "malformed.json")
    assert error.kind == "error" and error.code == "malformed"
    assert "not valid JSON" in error.reason and "line" in error.reason


def test_jsonl_reads_a_real_corpus_without_errors() -> None:
    """The MEANTIME development set (120 Wikinews articles, read from the
    shared folder): every line is an article with its date and title."""
    from tests.conftest import SHARED

    items = read_all(SHARED / "data" / "meantime_time_dev" / "inputs.jsonl")
    assert len(items) == 120 and not errors_of(items)
    assert all(a.published and a.date_source == "metadata" and a.title for a in items)
