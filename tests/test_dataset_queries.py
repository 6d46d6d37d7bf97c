"""detente.corpus.dataset_queries: ``dyads``, ``happenings`` and ``export``
read a Parquet dataset (``--dataset``) and answer what they answer from a
store holding the same corpus."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from detente.cli import cli
from detente.corpus.dataset_queries import DatasetSource
from detente.corpus.dyads import dyad_series
from detente.errors import ConfigError
from detente.store import TABLES, Store
from tests.conftest import EXAMPLES, FIXTURES

pytestmark = pytest.mark.model

CORPUS = FIXTURES / "corpus" / "jan2022.jsonl"
# Two articles without a publication date: their events have no date, or
# only one the text names, so the dyads' "undated" count is exercised.
UNDATED = [
    {"title": "Talks in Geneva", "text": "Russian and American diplomats met in Geneva on Monday. Russia "
     "rejected the American proposal, and the United States threatened new sanctions against Russia."},
    {"title": "Ministers meet", "text": "Ukraine's foreign minister met his German counterpart in Berlin on "
     "12 January 2022. Germany pledged aid to Ukraine, and the two ministers criticised Russia."},
]


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


#: The clock of both runs. A store's ingestion time is each article's own
#: (to the second), a dataset's its partition's finishing time, and a run's
#: day is PLOVER's ``coded_date``: on one clock, the two orders of a
#: happening's members (earliest ingested first) and GDELT's DATEADDED agree,
#: so the outputs can be compared byte for byte.
CLOCK = "2024-05-06T07:08:09+00:00"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same inputs (dated and undated articles, an empty file, bad JSON
    Lines) stored by ``ingest`` and written by ``extract --output`` in small
    partitions, on one clock (:data:`CLOCK`): (store, dataset)."""
    import detente.scale.dataset
    import detente.store

    folder = tmp_path_factory.mktemp("dataset_queries")
    undated = folder / "undated.jsonl"
    undated.write_text("".join(json.dumps(a) + "\n" for a in UNDATED), encoding="utf-8")
    inputs = [EXAMPLES, CORPUS, undated, FIXTURES / "bad" / "empty.txt", FIXTURES / "bad" / "malformed.jsonl"]
    store, dataset = folder / "corpus.db", folder / "corpus.parquet"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(detente.store, "_now", lambda: CLOCK)
        patch.setattr(detente.scale.dataset, "_now", lambda: CLOCK)
        stored = run("-q", "ingest", *inputs, "--db", store)
        written = run("-q", "extract", *inputs, "--output", dataset, "--partition-kb", 4)
    assert stored.exit_code == written.exit_code == 1, (stored.output, written.output)  # the bad inputs
    assert len(list((dataset / "_partitions").glob("*.done"))) > 3
    return store, dataset


QUERIES = [
    ["dyads"],
    ["dyads", "--period", "month", "--format", "csv"],
    ["dyads", "--period", "day", "--events", "--all-statuses", "--format", "json"],
    ["dyads", "--events", "--actor", "rus"],
    ["dyads", "--actor", "RUS", "--counterpart", "USA", "--period", "month", "--events"],
    ["dyads", "--actor", "XXX"],
    ["happenings"],
    ["happenings", "--format", "json", "--limit", "500"],
    ["happenings", "--actor", "usa", "--min-articles", "2"],
    ["happenings", "--type", "consult", "--format", "json"],
    ["happenings", "--type", "sanction"],
    ["export"],
    ["export", "--no-text"],
    ["export", "--kind", "error"],
    ["export", "--kind", "time", "--format", "csv"],
    ["export", "--kind", "place", "--format", "csv"],
    ["export", "--kind", "event", "--format", "csv"],
    ["export", "--kind", "article", "--format", "csv", "--no-text"],
    ["export", "--format", "kepler"],
    ["export", "--format", "plover"],
    ["export", "--format", "plover", "--no-text"],
    ["export", "--format", "plover", "--kind", "happening"],
    ["export", "--format", "gdelt"],
    ["export", "--format", "gexf"],
    ["export", "--format", "graphml"],
]


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_dataset_queries_cli_output_is_the_stores_byte_for_byte(corpus: tuple[Path, Path], args: list[str]) -> None:
    store, dataset = corpus
    from_store = run(*args, "--db", store)
    from_dataset = run(*args, "--dataset", dataset)
    assert from_store.exit_code == from_dataset.exit_code == 0, (from_store.output, from_dataset.output)
    assert from_dataset.stdout == from_store.stdout
    assert from_dataset.stderr == from_store.stderr  # the same "nothing matched" hints
    if args == ["export"]:
        kinds = {json.loads(line)["kind"] for line in from_store.stdout.splitlines()}
        assert kinds == set(TABLES)  # every kind was compared, errors and happenings included
    if args[1:3] == ["--format", "plover"]:
        lines = [json.loads(line) for line in from_store.stdout.splitlines()]
        assert len(lines) > 20
        # The look-ups were exercised, not compared empty: actor records,
        # articles, runs (and for events, the actors' own words in the text).
        assert any(a["identifier_text"] and a["sector"] for line in lines for a in line["source"])
        assert any(line["cite_info"]["url"] for line in lines if line["cite_info"]) and lines[0]["coded_date"]
        assert all(line["coder"].startswith("detente ") and line["coder"] != "detente" for line in lines)
        if "--kind" not in args:
            assert sum(a["actor_text"] != a["identifier_text"] for line in lines for a in line["source"]) > 0
    if args[1:3] == ["--format", "gdelt"]:
        assert from_store.stdout.count("\n") > 10 and CLOCK[:4] + CLOCK[5:7] in from_store.stdout
    if args[1:3] == ["--format", "gexf"] or args[1:3] == ["--format", "graphml"]:
        assert from_store.stdout.count("<edge ") > 3


def test_dataset_queries_dyad_series_match_the_stores_with_undated_and_ranges(corpus: tuple[Path, Path]) -> None:
    store_path, dataset = corpus
    seen_undated = seen_coarse = 0
    with Store(store_path, create=False) as store, DatasetSource(dataset) as source:
        for unit in ("happening", "event"):
            for period in ("day", "week", "month"):
                for actor in (None, "RUS", "UKR"):
                    for dates in ((None, None), ("2022-01-10", "2022-01-12"), ("2022-01-14", None)):
                        asked = {"unit": unit, "period": period, "actor": actor, "date_from": dates[0],
                                 "date_to": dates[1]}
                        want = dyad_series(store, **asked)  # type: ignore[arg-type]
                        got = source.dyad_series(**asked)  # type: ignore[arg-type]
                        assert got.to_dicts() == want.to_dicts(), asked
                        assert (got.undated, got.too_coarse) == (want.undated, want.too_coarse), asked
                        seen_undated += want.undated
                        seen_coarse += want.too_coarse
        assert source.dyad_series(period="week").rows  # not a comparison of two empty series
    assert seen_undated and seen_coarse


def test_dataset_queries_parquet_export_holds_the_stores_table(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    store, dataset = corpus
    for kind in ("event", "quote", "happening"):
        assert run("export", "--kind", kind, "--format", "parquet", "-o", tmp_path / "s.parquet", "--db",
                   store).exit_code == 0
        assert run("export", "--kind", kind, "--format", "parquet", "-o", tmp_path / "d.parquet", "--dataset",
                   dataset).exit_code == 0
        want, got = pq.read_table(tmp_path / "s.parquet"), pq.read_table(tmp_path / "d.parquet")
        assert got.schema == want.schema and got.num_rows == want.num_rows > 0
        assert got.equals(want), kind


def test_dataset_queries_unfinished_dataset_is_read_with_a_warning(corpus: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    _, dataset = corpus
    copy = tmp_path / "unfinished"
    shutil.copytree(dataset, copy)
    meta = json.loads((copy / "_detente.json").read_text("utf-8"))
    (copy / "_detente.json").write_text(json.dumps({**meta, "complete": False}), encoding="utf-8")
    # A partition whose marker is missing (killed before it was written):
    # its files are there but are not read, as ingest would not read them.
    marker = max((copy / "_partitions").glob("*.done"),
                 key=lambda p: json.loads(p.read_text("utf-8"))["counts"].get("article", 0))
    lost = json.loads(marker.read_text("utf-8"))
    marker.unlink()
    result = run("export", "--kind", "article", "--no-text", "--dataset", copy)
    assert result.exit_code == 0
    assert "warning:" in result.stderr and '"complete": false' in result.stderr
    full = run("export", "--kind", "article", "--no-text", "--dataset", dataset)
    assert "warning" not in full.stderr
    assert len(full.stdout.splitlines()) - len(result.stdout.splitlines()) == lost["counts"]["article"] > 0
    assert run("-q", "dyads", "--dataset", copy).stderr == ""


def test_dataset_queries_usage_errors(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    store, dataset = corpus
    both = run("dyads", "--db", store, "--dataset", dataset)
    assert both.exit_code == 2 and "give one" in both.output
    rebuild = run("happenings", "--rebuild", "--dataset", dataset)
    assert rebuild.exit_code == 2 and "extract --output" in rebuild.output
    plain = tmp_path / "plain"
    plain.mkdir()
    not_one = run("happenings", "--dataset", plain)
    assert not_one.exit_code == 2 and "no detente Parquet dataset" in not_one.output


def test_dataset_queries_without_duckdb_names_the_extra(corpus: tuple[Path, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now raises ImportError
    with pytest.raises(ConfigError, match=r"detente\[duckdb\]"):
        DatasetSource(corpus[1])
    result = run("dyads", "--dataset", corpus[1])
    assert result.exit_code == 2 and "pip install 'detente[duckdb]'" in result.output


def test_dataset_queries_lookup_times_are_the_partitions(corpus: tuple[Path, Path]) -> None:
    """A dataset's ingestion time and run are its partition's: the marker's
    ``finished``, with the dataset's versions; happenings take the last
    partition's."""
    from detente.about import RULES_VERSION, __version__
    from detente.corpus.dataset_queries import DatasetLookup
    from detente.records import EventRecord, HappeningRecord

    _, dataset = corpus
    with DatasetSource(dataset) as source:
        lookup = DatasetLookup(source)
        event = next(e for e in source.records("event") if isinstance(e, EventRecord))
        article = lookup.article(event.article_id)
        run_info = lookup.run(event)
        assert article is not None and article.ingested_at == CLOCK and article.url
        assert run_info is not None and (run_info.started_at, run_info.detente_version,
                                         run_info.rules_version) == (CLOCK, __version__, RULES_VERSION)
        happening = next(h for h in source.records("happening") if isinstance(h, HappeningRecord)
                         and h.num_articles > 1)
        members = lookup.members(happening)
        assert sorted(m.event_id for m in members) == sorted(happening.event_ids)
        assert len({m.article_id for m in members}) == happening.num_articles
        assert lookup.actor("no-such-actor") is None and lookup.article("no-such-article") is None
