"""The command line, end to end, on real files and a real store."""

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente import Settings, Store
from detente.cli import EXIT_LOCKED, cli
from detente.stages.events import plover_types
from detente.stages.stances import issues as issue_lexicon
from detente.store.migrations import latest
from tests.conftest import EXAMPLES, FIXTURES, SEED

pytestmark = pytest.mark.model


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_cli_extract_jsonl_and_exit_code_for_bad_inputs() -> None:
    result = run("extract", FIXTURES / "bad" / "empty.txt", SEED, "--no-text")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0] == {"kind": "error", "stage": "reader.v1", "ref": str(FIXTURES / "bad" / "empty.txt"),
                          "reason": "the input is empty (0 bytes)", "code": "empty", "article_id": None}
    assert records[1]["kind"] == "article" and records[1]["text"] is None
    assert "error: " in result.stderr and "empty (0 bytes)" in result.stderr


def test_cli_extract_json_array_from_stdin_with_published() -> None:
    text = "Talks end\n\nRussian and US diplomats met in Geneva on Monday for eight hours of talks."
    result = run("extract", "-", "--format", "json", "--published", "2022-01-10", input=text)
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    article = records[0]
    assert (article["ref"], article["title"]) == ("<stdin>", "Talks end")
    assert (article["published"], article["date_source"]) == ("2022-01-10", "given")


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "x", "--format", "xml"], ["extract", "x", "--published", "soon"],
     ["export", "--format", "csv"], ["--config", "/no/such.toml", "extract", "x"]],
)
def test_cli_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    if args[0] == "export":
        run("ingest", EXAMPLES / "2022-01-10-geneva-strategic-stability.txt", "--db", db)
        args = [*args, "--db", str(db)]
    assert run(*args).exit_code == 2


def test_cli_ingest_summary_export_and_stats(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    result = run("ingest", EXAMPLES, "--db", db)
    assert result.exit_code == 0, result.output
    assert "4 new article(s), 0 already stored, 0 error(s)" in result.stdout
    assert "US and Russia end Geneva security talks" in result.stdout
    again = run("ingest", EXAMPLES, "--db", db)
    assert "0 new article(s), 4 already stored" in again.stdout

    out = run("export", "--db", db, "--format", "jsonl", "--kind", "article", "--no-text")
    articles = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a["published"] for a in articles] == ["2022-01-10", "2022-01-12", "2022-01-13", "2022-01-14"]

    csv_path = tmp_path / "mentions.csv"
    assert run("export", "--db", db, "--format", "csv", "--kind", "mention", "-o", csv_path).exit_code == 0
    import duckdb

    n, people = duckdb.connect().execute(
        f"SELECT count(*), count(*) FILTER (WHERE label = 'PERSON') FROM read_csv_auto('{csv_path}')"
    ).fetchone()
    assert n > 100 and people > 10

    parquet_path = tmp_path / "articles.parquet"
    assert run("export", "--db", db, "--format", "parquet", "--kind", "article",
               "-o", parquet_path).exit_code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet_path)
    assert table.num_rows == 4
    assert {"id", "title", "published", "date_source", "sha256", "text"} <= set(table.column_names)

    stats = run("stats", "--db", db, "--format", "json")
    data = json.loads(stats.stdout)
    assert data["records"]["article"] == 4 and data["runs"] == 2
    assert data["published"] == {"first": "2022-01-10", "last": "2022-01-14"}

    found = run("search", "Stoltenberg", "--db", db)
    assert "NATO and Russia meet in Brussels" in found.stdout


def test_cli_ingest_with_errors_exits_1_and_stores_them(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    result = run("ingest", FIXTURES / "bad" / "malformed.jsonl", "--db", db)
    assert result.exit_code == 1
    assert "2 new article(s), 0 already stored, 2 error(s)" in result.stdout
    errors = [json.loads(line) for line in
              run("export", "--db", db, "--kind", "error").stdout.splitlines()]
    assert [e["ref"].rsplit(":", 1)[1] for e in errors] == ["2", "3"]


def test_cli_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    result = run("--quiet", "ingest", SEED, "--db", tmp_path / "d.db")
    assert result.exit_code == 0 and result.stdout == ""


def test_cli_version() -> None:
    assert run("--version").stdout.startswith("detente ")


def test_cli_ingest_streams_json_lines_from_stdin(tmp_path: Path) -> None:
    corpus = (EXAMPLES / "2022-01-13-vienna-osce.jsonl").read_text("utf-8")
    result = run("ingest", "-", "--db", tmp_path / "d.db", input=corpus)
    assert result.exit_code == 0, result.output
    assert "2 new article(s)" in result.stdout


def test_cli_empty_stdin_is_an_error() -> None:
    result = run("extract", "-", input="")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["reason"] == "the input is empty (0 bytes)"


# -- issue 15: stores, locks, enumerated values, empty answers ---------------------------------


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the examples, for commands that only read."""
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    result = run("-q", "ingest", EXAMPLES, "--db", db)
    assert result.exit_code == 0, result.output
    return db


def _invoke(*args: object, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


@pytest.mark.parametrize("how", ["env", "config"])
def test_cli_locked_store_exits_5_with_a_message(tmp_path: Path, how: str) -> None:
    db = tmp_path / "locked.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's ingest, mid-article
    try:
        if how == "env":
            result = _invoke("ingest", SEED, "--db", db, env={"DETENTE_LOCK_TIMEOUT": "0.5"})
        else:
            config = tmp_path / "detente.toml"
            config.write_text("lock_timeout = 0.5\n", "utf-8")
            result = _invoke("--config", config, "ingest", SEED, "--db", db)
        rebuild = _invoke("happenings", "--rebuild", "--db", db, env={"DETENTE_LOCK_TIMEOUT": "0.5"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for done in (result, rebuild):
        assert done.exit_code == EXIT_LOCKED == 5, done.output
        assert isinstance(done.exception, SystemExit)
        assert f"detente: the store {db} is locked by another process (waited 0.5 s); wait for it to " \
               "finish or raise lock_timeout" in done.stderr
        assert "Traceback" not in done.output


def test_cli_store_from_a_newer_detente_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    with Store(db) as store:
        store.conn.execute("INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01')", (latest() + 1,))
    for args in (["stats"], ["ingest", SEED]):
        result = run(*args, "--db", db)
        assert result.exit_code == 2
        assert f"written by a newer detente (schema {latest() + 1}, this one knows up to {latest()}): " \
               "upgrade detente" in result.stderr


READERS = [["stats"], ["export"], ["actors"], ["quotes"], ["search", "NATO"], ["happenings"], ["dyads"],
           ["stances"]]


@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_cli_reading_leaves_another_programs_sqlite_file_as_it_was(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "notes.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('buy milk')")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = run(*args, "--db", db)
    assert result.exit_code == 2
    assert "is an SQLite file but not a detente store (it has the tables notes" in result.stderr
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["notes.db"]


@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_cli_reading_creates_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)  # the default store, detente.db, is in the working folder
    result = _invoke(*args)
    assert result.exit_code == 2
    assert "there is no store at detente.db: make one with detente ingest" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_ingest_of_a_missing_file_is_a_usage_error_and_makes_no_store(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    result = run("ingest", SEED, tmp_path / "no-such.jsonl", "--db", db)
    assert result.exit_code == 2
    assert "no such file or folder:" in result.stderr and "no-such.jsonl" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize(
    ("args", "listed"),
    [(["export", "--kind", "articles"], "article, mention, actor"),
     (["export", "--format", "xml"], "jsonl, csv, parquet"),
     (["extract", "x", "--format", "yaml"], "jsonl, json"),
     (["stats", "--format", "yaml"], "text, json"),
     (["actors", "--type", "people"], "person, country, organization, group"),
     (["quotes", "--format", "csv"], "text, json"),
     (["dyads", "--period", "year"], "day, week, month"),
     (["happenings", "--type", "CONSULTT"], "ACCUSE, AGREE, AID, ASSAULT"),
     (["happenings", "--type", "FOO"], "ACCUSE, AGREE, AID, ASSAULT"),
     (["stances", "--issue", "nato-enlargment"], "arms-control"),
     (["stances", "--period", "quarter"], "day, week, month"),
     (["eval", "nothing"], "actors, quotes, times"),
     (["train", "actors"], "events")],
    ids=lambda a: " ".join(a) if isinstance(a, list) else None,
)
def test_cli_unknown_enumerated_values_are_usage_errors_that_list_the_values(args: list[str],
                                                                              listed: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert listed in result.stderr


def test_cli_unknown_type_and_issue_suggest_the_closest(examples_db: Path) -> None:
    assert "Did you mean CONSULT?" in run("happenings", "--type", "consultt").stderr
    assert "Did you mean nato-enlargement" in run("stances", "--issue", "nato-enlargment").stderr


def test_cli_enumerated_values_in_any_case(examples_db: Path) -> None:
    lower = run("happenings", "--type", "consult", "--db", examples_db)
    upper = run("happenings", "--type", "CONSULT", "--db", examples_db)
    assert lower.exit_code == 0 and lower.stdout == upper.stdout and "CONSULT" in lower.stdout
    articles = run("export", "--kind", "ARTICLE", "--format", "JSONL", "--no-text", "--db", examples_db)
    assert articles.exit_code == 0 and len(articles.stdout.splitlines()) == 4


@pytest.mark.parametrize(
    "args",
    [["actors", "--limit", "9223372036854775808"], ["quotes", "--limit", "99999999999999999999"],
     ["happenings", "--min-articles", "99999999999999999999"], ["happenings", "--limit", "-1"],
     ["search", "NATO", "--limit", str(10**30)], ["ingest", "x", "--workers", "100000000000"]],
    ids=lambda a: " ".join(a),
)
def test_cli_huge_numbers_are_usage_errors(examples_db: Path, args: list[str]) -> None:
    result = run(*args, "--db", examples_db)
    assert result.exit_code == 2, result.output
    assert "is not in the range" in result.stderr
    assert isinstance(result.exception, SystemExit)


def test_cli_the_largest_sqlite_integer_still_works(examples_db: Path) -> None:
    result = run("happenings", "--limit", "9223372036854775807", "--min-articles", "2", "--db", examples_db)
    assert result.exit_code == 0, result.output
    assert "2 article(s)" in result.stdout


def test_cli_queries_that_match_nothing_say_so(examples_db: Path) -> None:
    with Store(examples_db) as store:
        types = store.value_counts("happening", "type")
        issues = store.value_counts("stance", "issue")
    absent_type = next(t for t in plover_types() if t not in types)
    absent_issue = next(i for i in sorted(issue_lexicon()) if i not in issues)
    found = run("happenings", "--type", absent_type, "--db", examples_db)
    assert found.exit_code == 0 and found.stdout == ""
    assert f"no happenings match --type {absent_type}; the store holds happenings of type " in found.stderr
    assert all(t in found.stderr for t, _ in types.most_common(3))
    found = run("stances", "--issue", absent_issue, "--db", examples_db)
    assert f"no stances match --issue {absent_issue}; the store holds stances on " in found.stderr
    assert "no actors match the query Nobody At All" in run("actors", "Nobody At All", "--db", examples_db).stderr
    assert "no quotes match --code XYZ" in run("quotes", "--code", "XYZ", "--db", examples_db).stderr
    assert "no articles match the search zanzibar" in run("search", "zanzibar", "--db", examples_db).stderr
    assert "no actor pairs match --actor XYZ" in run("dyads", "--actor", "XYZ", "--db", examples_db).stderr
    # JSON stays clean on stdout; -q keeps stderr quiet.
    assert run("actors", "Nobody", "--format", "json", "--db", examples_db).stdout == ""
    assert run("-q", "actors", "Nobody", "--db", examples_db).stderr == ""


def test_cli_actor_names_and_aliases_print_on_one_line(tmp_path: Path) -> None:
    db = tmp_path / "aliases.db"
    assert run("-q", "ingest", SEED, "--db", db).exit_code == 0
    # An alias stored with a line break (as earlier detente versions stored
    # a name the text breaks over two lines) and a terminal escape.
    with Store(db) as store:
        key = store.actors("NATO")[0]["key"]
        store.conn.execute("INSERT INTO identity_aliases(key, alias) VALUES (?, ?), (?, ?)",
                           (key, "North Atlantic\nAlliance", key, "Evil\x1b[2JName"))
    result = run("actors", "--db", db, "--articles")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all(line.strip() for line in lines)
    assert "North Atlantic\\nAlliance" in result.stdout and "Evil\\x1b[2JName" in result.stdout
    assert "\x1b" not in result.stdout


def test_cli_help_names_the_real_default_model() -> None:
    assert f"(default: {Settings.load(env={}).model})" in run("--help").stdout


def test_cli_summary_shows_undated_articles_and_how_to_date_them(tmp_path: Path) -> None:
    corpus = tmp_path / "undated.jsonl"
    corpus.write_text("".join(json.dumps({"title": f"Talks {i}", "text": f"NATO and Russia met in Brussels on "
                                          f"Wednesday for round {i} of talks, officials said."}) + "\n"
                              for i in range(2)), "utf-8")
    result = run("ingest", corpus, "--db", tmp_path / "d.db")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "Talks " in line]
    assert len(rows) == 2 and all(row.split()[0] == "undated" for row in rows)
    assert "????" not in result.stdout
    assert result.stdout.count("--published YYYY-MM-DD") == 1
    assert "2 article(s) undated" in result.stdout
    # Their happenings are shown as undated, and counted where a series
    # needs dates.
    shown = run("happenings", "--db", tmp_path / "d.db").stdout.splitlines()
    assert shown and all(line.startswith("undated ") for line in shown)
    series = run("dyads", "--db", tmp_path / "d.db")
    assert f"({len(shown)} happening(s) undated left out" in series.stdout
