"""detente.scale: partitions, the Parquet dataset, the serial and Dask
engines, resuming, and the store merge."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detente import Settings, Store, extract
from detente.api import ingest as serial_ingest
from detente.parquet import record_from_row
from detente.scale import Dataset, extract_dataset, ingest, ingest_dataset, plan
from detente.scale.partitions import line_ranges
from tests.conftest import EXAMPLES, FIXTURES, SEED

CORPUS = FIXTURES / "corpus" / "jan2022.jsonl"
# Small partitions, so that the fixtures make many (jan2022.jsonl is cut
# into seven ranges, examples/ into three partitions).
SMALL = 4000
INPUTS = [EXAMPLES, SEED, CORPUS, FIXTURES / "bad" / "empty.txt"]


# -- partitions (no model) ------------------------------------------------------------


def _lines(data: bytes) -> list[tuple[int, int]]:
    """(start offset, line number) of every line of ``data``."""
    out, at = [], 0
    for n, line in enumerate(data.splitlines(keepends=True), 1):
        out.append((at, n))
        at += len(line)
    return out


def test_scale_line_ranges_cover_every_line_once_for_any_cut(tmp_path: Path) -> None:
    # Lines of very different lengths, blank lines, a line longer than
    # many cut sizes, and no newline at the end.
    rows = [json.dumps({"id": i, "text": "x" * (i * 37 % 300)}) for i in range(40)]
    rows[7] = ""
    rows[20] = json.dumps({"text": "long " * 400})
    data = ("\n".join(rows)).encode("utf-8")
    path = tmp_path / "big.jsonl"
    path.write_bytes(data)
    lines = _lines(data)
    starts = {at: n for at, n in lines}
    for every in [*range(1, 200, 7), 500, 1999, 2000, 2001, len(data) - 1, len(data), len(data) + 5]:
        ranges = line_ranges(path, every)
        assert ranges[0][0] == 0 and ranges[-1][1] == len(data), every
        for (start, end, line), (following, _, _) in zip(ranges, [*ranges[1:], (len(data), 0, 0)], strict=True):
            assert end == following and start < end, every  # contiguous, none empty
            assert starts[start] == line, (every, start)  # starts a line, numbered right
        # Every line lands in exactly one range: the one holding its start.
        owners = [sum(start <= at < end for start, end, _ in ranges) for at, _ in lines]
        assert owners == [1] * len(lines), every
        # No range starts later than the first line start at or after its
        # nominal offset (the Hadoop rule): at most one range per cut point.
        assert len(ranges) <= len(data) // every + 1


def test_scale_range_sources_read_as_the_whole_file_does(tmp_path: Path, settings: Settings) -> None:
    from detente.readers import read

    rows = [json.dumps({"text": f"Article number {i} says that Russia and NATO met."}) for i in range(30)]
    rows.insert(5, "{broken")
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    partitions = plan([path], 200)
    assert len(partitions) == 9
    pieces = [item for p in partitions for item in read(p.sources(), settings)]
    whole = list(read([path], settings))
    # The same articles and errors, with the same refs (line numbers of the
    # whole file), whatever range each line fell in.
    assert [(type(i).__name__, i.ref) for i in pieces] == [(type(i).__name__, i.ref) for i in whole]
    assert pieces[5].ref == f"{path}:6" and pieces[5].kind == "error"  # type: ignore[union-attr]
    # A range is read as it is (no padding in front): its first line's number comes with it.
    for piece in (piece for p in partitions for piece in p.pieces):
        source = piece.source()
        assert source.data is not None and len(source.data) == (piece.end or 0) - piece.start
        assert source.first_line == piece.line


def _items(items: list[object]) -> list[tuple[str, str, str | None]]:
    return [(type(i).__name__, str(getattr(i, "ref", "")), getattr(i, "reason", None)) for i in items]


@pytest.mark.parametrize("name", ["pages.warc", "pages.warc.gz"])
def test_scale_warc_ranges_read_as_the_whole_file_does(tmp_path: Path, settings: Settings, name: str) -> None:
    """A big WARC file (the fixture's records six times over, with a
    response that lost its target URI and, gzipped, a damaged member) is cut
    at record boundaries into ranges whose articles and errors, refs and
    reasons (record numbers, byte offsets) are the whole file's."""
    from detente.readers import read
    from detente.readers.warc import warc_ranges

    data = (FIXTURES / "warc" / name).read_bytes()
    copies = [data] * 6
    if name.endswith(".gz"):
        # Copy 4's second member (the first page) with its deflate data damaged.
        members = [m for m in range(len(data)) if data.startswith(b"\x1f\x8b\x08", m)]
        bad = bytearray(data)
        bad[members[1] + 40: members[1] + 60] = b"\xff" * 20
        copies[3] = bytes(bad)
    else:
        # Copy 3's first page lost its WARC-Target-URI: it is named by its number.
        copies[2] = re.sub(rb"WARC-Target-URI: [^\r]*geneva[^\r]*\r\n", b"", data, count=1)
        assert copies[2] != data
    path = tmp_path / f"big-{name}"
    path.write_bytes(b"".join(copies))
    whole = _items(list(read([path], settings)))
    assert sum(kind == "ErrorRecord" for kind, _, _ in whole) >= 1 and len(whole) > 10
    if not name.endswith(".gz"):
        assert any(ref.endswith("#record-12") for _, ref, _ in whole)
    for every in (1, 700, 2000, 5000):
        partitions = plan([path], every)
        assert len(partitions) > 2, every
        assert [_items(list(read(p.sources(), settings))) for p in partitions] != [], every
        assert [i for p in partitions for i in _items(list(read(p.sources(), settings)))] == whole, every
    ranges = warc_ranges(path, 1)
    assert ranges[0][0] == 0 and ranges[-1][1] == path.stat().st_size
    assert all(end == following for (_, end, _), (following, _, _) in zip(ranges, ranges[1:], strict=False))
    # Gzipped: every member that starts a record is a cut; damaged, one is missed.
    assert len(ranges) == (29 if name.endswith(".gz") else 30)


def test_scale_warc_that_is_no_warc_is_one_range(tmp_path: Path) -> None:
    from detente.readers.warc import warc_ranges

    path = tmp_path / "x.warc"
    path.write_bytes(b"not a warc\n" * 1000)
    assert warc_ranges(path, 100) == [(0, path.stat().st_size, 1)]


def test_scale_plan_is_stable_groups_small_files_and_sees_changes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Text {i}. " * 50, encoding="utf-8")
    first = plan([folder, tmp_path / "missing.txt"], 1000)
    assert [len(p.pieces) for p in first] == [2, 2, 1, 0]
    assert first[-1].errors[0].code == "not_found"
    assert [p.id for p in plan([folder, tmp_path / "missing.txt"], 1000)] == [p.id for p in first]
    stat = (folder / "3.txt").stat()
    os.utime(folder / "3.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    again = plan([folder, tmp_path / "missing.txt"], 1000)
    assert [p.id == q.id for p, q in zip(first, again, strict=True)] == [True, False, True, True]


# -- engines, dataset, resume, merge (the model) ------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A LocalCluster of 2 workers shared by this module's tests (its
    address, given as --scheduler)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=40) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def serial_dataset(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    out = tmp_path_factory.mktemp("scale") / "serial"
    extract_dataset(INPUTS, out, settings, engine="serial", partition_bytes=SMALL)
    return out


def _rows(root: Path) -> dict[str, list[dict[str, Any]]]:
    """Every finished partition's records as contract dicts, per kind, in
    input order (the happenings: as written)."""
    import pyarrow.parquet as pq

    dataset = Dataset(root)
    keyed: dict[str, list[tuple[tuple[int, int], dict[str, Any]]]] = {}
    for marker in dataset.markers():
        for name in marker["files"]:
            kind = name.split("/", 1)[0]
            for row in pq.read_table(root / name).to_pylist():
                keyed.setdefault(kind, []).append(((marker["index"], row["input_index"]),
                                                   record_from_row(kind, row).to_dict()))
    out = {kind: [d for _, d in sorted(rows, key=lambda r: r[0])] for kind, rows in keyed.items()}
    out["happening"] = [record_from_row("happening", row).to_dict()
                        for path in sorted(root.glob("happening/*/*.parquet"))
                        for row in pq.read_table(path).to_pylist()]
    return out


def _by_kind(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        out.setdefault(record["kind"], []).append(record)
    return out


pytestmark = pytest.mark.model


def test_scale_serial_and_dask_engines_give_the_records_of_extract(
        serial_dataset: Path, cluster: str, tmp_path: Path, settings: Settings) -> None:
    report = extract_dataset(INPUTS, tmp_path / "dask", settings, engine="dask", scheduler=cluster,
                             partition_bytes=SMALL)
    assert report.partitions == 12 and report.skipped == 0 and not report.failed
    want = _by_kind([r.to_dict() for r in extract(INPUTS, settings)])
    for root in (serial_dataset, tmp_path / "dask"):
        got = _rows(root)
        assert set(got) == set(want)
        for kind in want:
            if kind == "happening":  # written by month: same records, another order
                assert sorted(got[kind], key=lambda h: h["id"]) == sorted(want[kind], key=lambda h: h["id"])
            else:
                assert got[kind] == want[kind], kind  # ids, offsets and order included
    assert want["article"] and want["event"] and [e["ref"] for e in want["error"]] == [str(INPUTS[-1])]


def test_scale_dataset_reads_back_with_the_contract_types(serial_dataset: Path) -> None:
    import duckdb
    import pyarrow.dataset as pds

    events = pds.dataset(serial_dataset / "event", format="parquet", partitioning="hive").to_table()
    assert events.schema.field("start").type == "int64" and events.schema.field("score").type == "double"
    assert set(events.column("month").to_pylist()) == {"2022-01"}
    quotes = pds.dataset(serial_dataset / "quote", format="parquet", partitioning="hive").to_table()
    assert quotes.schema.field("direct").type == "string"
    assert set(quotes.column("direct").to_pylist()) <= {"true", "false", "mixed"}
    con = duckdb.connect()
    n, versions = con.execute(
        f"SELECT count(*), list(DISTINCT rules_version) FROM read_parquet('{serial_dataset}/article/*/*.parquet',"
        " hive_partitioning = true)").fetchone()
    assert n == 17 and len(versions) == 1
    types = {name: kind for name, kind, *_ in con.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{serial_dataset}/place/*/*.parquet', hive_partitioning = true)"
    ).fetchall()}
    assert (types["start"], types["latitude"], types["geonameid"], types["month"]) == (
        "BIGINT", "DOUBLE", "BIGINT", "VARCHAR")


def test_scale_rerun_skips_done_partitions_and_finishes_an_interrupted_one(
        serial_dataset: Path, tmp_path: Path, settings: Settings) -> None:
    resumed = tmp_path / "resumed"
    shutil.copytree(serial_dataset, resumed)
    markers = sorted((resumed / "_partitions").glob("*.done"))
    # A partition killed after writing some files (one of them half
    # written) and before its marker; another killed before any file.
    cut, lost = json.loads(markers[2].read_text()), json.loads(markers[5].read_text())
    markers[2].unlink()
    markers[5].unlink()
    half = resumed / cut["files"][0]
    half.write_bytes(half.read_bytes()[: half.stat().st_size // 2])
    for name in lost["files"]:
        (resumed / name).unlink()
    report = extract_dataset(INPUTS, resumed, settings, engine="serial", partition_bytes=SMALL)
    assert (report.partitions, report.skipped) == (12, 10)
    written = sorted(p.relative_to(serial_dataset) for p in serial_dataset.rglob("*.parquet"))
    assert sorted(p.relative_to(resumed) for p in resumed.rglob("*.parquet")) == written
    for name in written:
        assert (resumed / name).read_bytes() == (serial_dataset / name).read_bytes(), name
    assert json.loads((resumed / "_detente.json").read_text())["complete"] is True


def test_scale_refuses_a_dataset_made_with_other_settings(serial_dataset: Path, tmp_path: Path) -> None:
    from detente.errors import ConfigError

    copy = tmp_path / "copy"
    shutil.copytree(serial_dataset, copy)
    with pytest.raises(ConfigError, match="another settings"):
        extract_dataset(INPUTS, copy, Settings.load(env={}, event_model=False), partition_bytes=SMALL)


def _store_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows but the run bookkeeping (run ids, times)."""
    skip = {"run_id", "ingested_at", "created_at", "last_run_id", "applied_at"}
    con = sqlite3.connect(path)
    out = {}
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'"
                                        " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'"
                                        " AND name NOT IN ('runs', 'schema_migrations')")]
    for table in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in skip]
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[table] = sorted(con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
    con.close()
    return out


def test_scale_ingest_of_extract_output_stores_records_not_bogus_articles(
        serial_dataset: Path, tmp_path: Path, settings: Settings) -> None:
    with Store(tmp_path / "serial.db") as store:
        serial_ingest(INPUTS, store, settings)
    with Store(tmp_path / "merged.db") as store:
        report = ingest_dataset(serial_dataset, store, settings)
        assert (report.added, report.unchanged, len(report.errors)) == (17, 0, 1)
        assert store.stats()["records"]["article"] == 17
        again = ingest_dataset(serial_dataset, store, settings)
        assert (again.added, again.unchanged) == (0, 17)
        assert store.stats()["records"]["article"] == 17
    assert _store_rows(tmp_path / "merged.db") == _store_rows(tmp_path / "serial.db")


def test_scale_dask_ingest_equals_a_serial_ingest_and_never_processes_twice(
        cluster: str, tmp_path: Path, settings: Settings) -> None:
    with Store(tmp_path / "serial.db") as store:
        serial_ingest(INPUTS, store, settings)
    with Store(tmp_path / "dask.db") as store:
        report = ingest(INPUTS, store, settings, engine="dask", scheduler=cluster, partition_bytes=SMALL)
        assert (report.added, report.unchanged, len(report.errors)) == (17, 0, 1)
        again = ingest(INPUTS, store, settings, engine="dask", scheduler=cluster, partition_bytes=SMALL)
        assert (again.added, again.unchanged) == (0, 17)
    assert _store_rows(tmp_path / "dask.db") == _store_rows(tmp_path / "serial.db")
    # A store that already holds the corpus: its articles are read on the
    # workers but not processed, and the dataset holds no row of them.
    with Store(tmp_path / "some.db") as store:
        serial_ingest([CORPUS], store, settings)
        report = ingest(INPUTS, store, settings, engine="dask", scheduler=cluster, partition_bytes=SMALL)
        assert (report.added, report.unchanged) == (5, 12)
    counts = [m["counts"] for m in Dataset(tmp_path / "some.parquet").markers()]
    assert sum(c.get("article", 0) for c in counts) == 5 and sum(c.get("unchanged", 0) for c in counts) == 12


def test_scale_dask_bag_gives_the_contract_records_of_extract(settings: Settings) -> None:
    import dask

    from detente.scale import record_bag

    inputs = [EXAMPLES, SEED, FIXTURES / "bad" / "empty.txt"]
    bag = record_bag(inputs, settings, partition_size=2, with_text=False)
    assert bag.npartitions == 3
    with dask.config.set(scheduler="synchronous"):
        records = bag.compute()
    assert records == [r.to_dict() for r in extract(inputs, settings, with_text=False, happenings=False)]
    assert sum(r["kind"] == "article" for r in records) == 4 + 1
    assert [r["ref"] for r in records if r["kind"] == "error"] == [str(FIXTURES / "bad" / "empty.txt")]
