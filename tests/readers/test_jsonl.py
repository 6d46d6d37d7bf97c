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


def test_json_truncated_array_keeps_the_items_before_the_cut() -> None:
    """The list is cut inside its second item: the first is read (it was
    lost with the rest before), and the error says where reading stopped."""
    article, error = read_all(FIXTURES / "bad" / "malformed.json")
    assert isinstance(article, Article) and article.ref == "j1"
    assert error.kind == "error" and error.code == "malformed"
    assert "not valid JSON" in error.reason and "line 3" in error.reason
    assert "stopped at item 1; the 1 item(s) before it were read" in error.reason


def test_jsonl_reads_a_real_corpus_without_errors() -> None:
    """The MEANTIME development set (120 Wikinews articles, read from the
    shared folder): every line is an article with its date and title."""
    from tests.conftest import SHARED

    items = read_all(SHARED / "data" / "meantime_time_dev" / "inputs.jsonl")
    assert len(items) == 120 and not errors_of(items)
    assert all(a.published and a.date_source == "metadata" and a.title for a in items)


# -- one bad line never costs the others (issue 15, items 1 and 15) --------------

HOSTILE_ERRORS = {
    3: "nests lists or objects deeper than the JSON parser can follow",
    5: "holds an integer of more than 4,300 digits",
    6: "'published' is a list ([\"2022-01-01\"]); it must be a string or null",
    7: "'title' is a list ([\"x\"]); it must be a string or null",
    8: "'text' is an object; it must be a string",
    9: "'id' is a list ([\"h9\"]); it must be a string or an integer",
}


def test_jsonl_each_bad_line_is_its_own_error_naming_its_line() -> None:
    """A 50,000-deep nesting and a 5,000-digit number stopped the reader (one
    file-level error, every later line lost); a list in 'published' was
    accepted, and 'title': ["x"] stored as "['x']"."""
    path = FIXTURES / "jsonl" / "hostile.jsonl"
    items = read_all(path)
    assert [i.ref for i in items if isinstance(i, Article)] == ["h1", "h2", "h4", "h10"]
    errors = errors_of(items)
    assert [e.ref for e in errors] == [f"{path}:{n}" for n in HOSTILE_ERRORS]
    for error, (n, words) in zip(errors, HOSTILE_ERRORS.items(), strict=True):
        assert words in error.reason, (n, error.reason)
        assert error.code == "malformed"


def test_json_list_each_bad_item_is_its_own_error() -> None:
    path = FIXTURES / "jsonl" / "hostile.json"
    items = read_all(path)
    assert [i.ref for i in items if isinstance(i, Article)] == ["h1", "h2", "h4", "h10"]
    errors = errors_of(items)
    assert [e.ref for e in errors] == [f"{path}[{n - 1}]" for n in HOSTILE_ERRORS]
    assert "item 2 (line 4) nests lists" in errors[0].reason
    for error, words in zip(errors, HOSTILE_ERRORS.values(), strict=True):
        assert words in error.reason


def test_lone_surrogate_becomes_a_replacement_character_and_is_logged(caplog) -> None:  # type: ignore[no-untyped-def]
    """A lone surrogate ("\\ud83d", half an emoji) used to fail when the
    article was hashed, and took the rest of the file with it."""
    items = read_all(FIXTURES / "jsonl" / "hostile.jsonl")
    (article,) = [i for i in items if isinstance(i, Article) and i.ref == "h2"]
    assert "European s\ufffdecurity" in article.text
    article.text.encode("utf-8")  # storable
    assert "h2: 1 lone surrogate(s)" in caplog.text and "U+FFFD" in caplog.text


def test_jsonl_values_of_the_right_type_still_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ok.jsonl"
    path.write_text('{"id": 17, "text": "NATO met Russia.", "title": null, "url": null}\n'
                    '{"id": "", "text": "Talks went on.", "language": "en", "source": "X"}\n')
    first, second = read_all(path)
    assert first.ref == "17" and first.title is None
    assert second.ref == f"{path}:2" and second.declared_language == "en" and second.source == "X"


def test_jsonl_range_keeps_the_whole_files_line_numbers() -> None:
    """A byte range of a JSON Lines file that starts at its line 2 names its
    lines (refs and reasons) as a read of the whole file does, given
    ``first_line`` or a source's own ``first_line``."""
    from detente import Settings
    from detente.readers.jsonl import read_jsonl
    from detente.readers.source import Source

    path = FIXTURES / "bad" / "malformed.jsonl"
    data = path.read_bytes()
    tail = data[data.index(b"\n") + 1:]  # lines 2 to 4
    whole = [(i.ref, getattr(i, "reason", None)) for i in read_all(path)][1:]
    settings = Settings.load(env={})
    given = list(read_jsonl(Source(str(path), data=tail), settings, first_line=2))
    own = list(read_jsonl(Source(str(path), data=tail, first_line=2), settings))
    plain = list(read_jsonl(Source(str(path), data=tail), settings))
    assert [(i.ref, getattr(i, "reason", None)) for i in given] == whole
    assert [(i.ref, getattr(i, "reason", None)) for i in own] == whole
    assert errors_of(plain)[0].ref == f"{path}:1"  # without it, the range's own numbers
