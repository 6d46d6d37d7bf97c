"""The command line, end to end, on real files and a real store."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import cli
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
