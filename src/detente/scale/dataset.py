"""The Parquet dataset a scale run writes: the records of each partition,
one folder per record kind, Hive-partitioned by publication month.

Reads the outcomes of a partition (:class:`detente.api.Outcome`); adds the
dataset's files, a completion marker per partition, and the way back from
the files to articles, their records and errors (for the store merge)::

    DIR/_detente.json                      what made the dataset (versions, settings)
    DIR/article/month=2022-01/part-<id>.parquet
    DIR/event/month=undated/part-<id>.parquet
    DIR/error/month=undated/part-<id>.parquet
    DIR/happening/month=2022-01/part-happenings-<digest>.parquet   (extract only)
    DIR/_partitions/<id>.done              a partition's marker, written last

Each kind's columns and types are :mod:`detente.parquet`'s (those of
``detente export --format parquet``), plus :data:`PROVENANCE`: the
partition (``partition_id``), the row's input's place in it
(``input_index``), the detente and rules versions; article rows add ``language_confidence``. The
month is the article's publication month (``2022-01``; ``2022`` for a
year-precise date; ``undated``), a happening's its own date's.

A partition's files are written under hidden temporary names and renamed,
then its marker (JSON: counts, files, the pipeline's stage versions and
model) is written the same way, last. A partition without a marker is
incomplete: a rerun writes it again over the same file names. Readers of a
dataset still being written (DuckDB, pyarrow) may see an incomplete
partition's files; a dataset is complete when ``_detente.json`` says
``"complete": true``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..about import RULES_VERSION, __version__
from ..api import Outcome
from ..article import Article
from ..errors import ConfigError
from ..parquet import arrow, record_from_row, record_row, schema
from ..records import ArticleRecord, ErrorRecord, HappeningRecord, Record
from ..settings import Settings
from .partitions import Partition

__all__ = ["DATASET_FILE", "PROVENANCE", "Dataset", "Item", "is_dataset", "month_of"]

DATASET_FILE = "_detente.json"
MARKERS = "_partitions"
FORMAT = "detente-dataset/1"
UNDATED = "undated"
PROVENANCE = (("partition_id", "string"), ("input_index", "int64"), ("detente_version", "string"),
              ("rules_version", "string"))
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])(?!\d)")
_WEEK = re.compile(r"(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])(?!\d)")
_ARTICLE_EXTRA = (("language_confidence", "float64"),)
# Settings that change no record (where the store is, how many processes,
# the web server's limits): a rerun may change them and keep the dataset.
_RUN_ONLY = frozenset({"db", "workers", "batch_size", "lock_timeout", "allowed_hosts", "max_request_bytes",
                       "search_max_chars", "search_max_terms", "search_time_limit"})


def month_of(date: str | None) -> str:
    """The Hive partition value of a date: its month (``2022-01``; a week's
    is the month of its Thursday, ISO's rule), else its year, else
    ``undated``."""
    if not date:
        return UNDATED
    if _MONTH.match(date):
        return date[:7]
    week = _WEEK.match(date)
    if week:
        thursday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 4)
        return f"{thursday:%Y-%m}"
    return date[:4] if date[:4].isdigit() else UNDATED


def is_dataset(path: str | Path) -> bool:
    """True for a folder that a scale run wrote (ingest reads it as records)."""
    return (Path(path) / DATASET_FILE).is_file()


@dataclass
class Item:
    """What one input of a partition became, read back from the dataset:
    an article with its records and errors, or an input's error."""

    position: int
    article: Article | None = None
    error: ErrorRecord | None = None


@dataclass
class Dataset:
    """A dataset folder. :meth:`create` makes or checks its
    ``_detente.json``; workers use the bare constructor."""

    root: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, root: str | Path, settings: Settings, *, with_text: bool, store: str | None = None) -> Dataset:
        """Open ``root`` for a run, creating it; refuse one made with other
        settings, another detente or rules version, or for another store,
        whose records would not match the new ones."""
        root = Path(root)
        wanted = {
            "format": FORMAT, "detente_version": __version__, "rules_version": RULES_VERSION,
            "settings": {k: v for k, v in settings.to_dict().items() if k not in _RUN_ONLY},
            "with_text": with_text,
            # A dataset made for a store leaves out the articles that store
            # already held: it is that store's, not a corpus's.
            "store": str(Path(store).resolve()) if store else None,
        }
        if root.exists() and not root.is_dir():
            raise ConfigError(f"{root} is a file; give a folder for the Parquet dataset")
        dataset = cls(root)
        if is_dataset(root):
            dataset.meta = dataset.read_meta()
            differ = sorted(k for k, v in wanted.items() if dataset.meta.get(k) != v)
            if differ:
                raise ConfigError(
                    f"{root} holds a dataset made with another {', '.join(differ)}; its records would not "
                    f"match this run's: give a new --output folder, or delete this one to start over")
            return dataset
        if root.is_dir() and any(p.name != DATASET_FILE for p in root.iterdir()):
            raise ConfigError(f"{root} is a folder with other files in it; give an empty or new folder "
                              "for the Parquet dataset")
        root.mkdir(parents=True, exist_ok=True)
        dataset.meta = {**wanted, "created": _now(), "complete": False}
        dataset.write_meta()
        return dataset

    def read_meta(self) -> dict[str, Any]:
        path = self.root / DATASET_FILE
        try:
            meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from exc
        if meta.get("format") != FORMAT:
            raise ConfigError(f"{path} is not a detente dataset of format {FORMAT} "
                              f"(it says {meta.get('format')!r})")
        return meta

    def write_meta(self) -> None:
        _write_atomic(self.root / DATASET_FILE, json.dumps(self.meta, indent=2).encode("utf-8"))

    # -- markers --------------------------------------------------------------------

    def marker(self, partition_id: str) -> dict[str, Any] | None:
        """A finished partition's marker, or None."""
        path = self.root / MARKERS / f"{partition_id}.done"
        try:
            found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return found

    def markers(self) -> list[dict[str, Any]]:
        """Every finished partition's marker, in plan order."""
        folder = self.root / MARKERS
        found = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.done")] if folder.is_dir() else []
        return sorted(found, key=lambda m: (m["index"], m["id"]))

    # -- writing a partition ---------------------------------------------------------

    def write_partition(self, partition: Partition, outcomes: Iterable[Outcome], *, with_text: bool,
                        stages: list[str], model: dict[str, Any] | None) -> dict[str, Any]:
        """Write a partition's records, then its marker; returns the marker."""
        pa = arrow()
        rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
        counts: Counter[str] = Counter()
        for position, outcome in enumerate(outcomes):
            if outcome.duplicate_of is not None:
                counts["unchanged"] += 1
                continue
            article = outcome.article
            month = month_of(article.published if article else None)
            for record in outcome.records(with_text=with_text):
                row = {**record_row(record), "partition_id": partition.id, "input_index": position,
                       "detente_version": __version__, "rules_version": RULES_VERSION}
                if isinstance(record, ArticleRecord):
                    assert article is not None
                    row["language_confidence"] = article.language_confidence
                rows.setdefault((record.kind, month), []).append(row)
                counts[record.kind] += 1
        files = []
        for (kind, month), kind_rows in sorted(rows.items()):
            extra = PROVENANCE + (_ARTICLE_EXTRA if kind == "article" else ())
            table = pa.Table.from_pylist(kind_rows, schema=schema(kind, extra))
            name = f"{kind}/month={month}/part-{partition.id}.parquet"
            _write_table(pa, table, self.root / name)
            files.append(name)
        marker = {"id": partition.id, "index": partition.index, "inputs": partition.describe(),
                  "counts": dict(sorted(counts.items())), "files": files, "stages": stages, "model": model,
                  "finished": _now()}
        _write_atomic(self.root / MARKERS / f"{partition.id}.done", json.dumps(marker, indent=1).encode("utf-8"))
        return marker

    # -- reading back ---------------------------------------------------------------

    def items(self, marker: dict[str, Any]) -> Iterator[Item]:
        """A finished partition's articles (with their records and errors)
        and input errors, in input order."""
        pq = arrow().parquet
        by_position: dict[int, Item] = {}
        loose: list[tuple[int, dict[str, Any]]] = []
        records: list[tuple[str, dict[str, Any]]] = []
        for name in marker["files"]:
            kind = name.split("/", 1)[0]
            for row in pq.read_table(self.root / name).to_pylist():
                if kind == "article":
                    by_position[row["input_index"]] = Item(row["input_index"], article=_article(row))
                elif kind == "error":
                    loose.append((row["input_index"], row))
                else:
                    records.append((kind, row))
        for kind, row in records:
            article = by_position[row["input_index"]].article
            assert article is not None
            article.records.append(record_from_row(kind, row))
        for position, row in loose:
            error = record_from_row("error", row)
            assert isinstance(error, ErrorRecord)
            if position in by_position and by_position[position].article is not None:
                article = by_position[position].article
                assert article is not None
                article.errors.append(error)
            else:
                by_position[position] = Item(position, error=error)
        for position in sorted(by_position):
            yield by_position[position]

    # -- happenings (extract's output) ------------------------------------------------

    def write_happenings(self, happenings: list[HappeningRecord]) -> list[str]:
        """Replace the dataset's happenings (merged over every partition)."""
        pa = arrow()
        digest = hashlib.sha256("".join(h.id for h in happenings).encode("utf-8")).hexdigest()[:16]
        by_month: dict[str, list[dict[str, Any]]] = {}
        for happening in happenings:
            row = {**record_row(happening), "partition_id": None, "input_index": None,
                   "detente_version": __version__, "rules_version": RULES_VERSION}
            by_month.setdefault(month_of(happening.date), []).append(row)
        files = []
        for month, rows in sorted(by_month.items()):
            name = f"happening/month={month}/part-happenings-{digest}.parquet"
            _write_table(pa, pa.Table.from_pylist(rows, schema=schema("happening", PROVENANCE)), self.root / name)
            files.append(name)
        # Older happenings files go once the new ones are in place.
        for old in (self.root / "happening").glob("month=*/part-happenings-*.parquet"):
            if str(old.relative_to(self.root)) not in files:
                old.unlink()
        return files

    def event_records(self) -> Iterator[tuple[Article, list[Record]]]:
        """Each finished partition's articles with events (texts left out)."""
        for marker in self.markers():
            for item in self.items({**marker, "files": [f for f in marker["files"]
                                                         if f.startswith(("article/", "event/"))]}):
                if item.article is not None:
                    events = [r for r in item.article.records if r.kind == "event"]
                    if events:
                        yield item.article, events


def _article(row: dict[str, Any]) -> Article:
    record = record_from_row("article", row)
    assert isinstance(record, ArticleRecord)
    return Article(
        id=record.id, ref=record.ref, text=record.text or "", sha256=record.sha256, title=record.title,
        published=record.published, date_source=record.date_source, source=record.source, url=record.url,
        encoding=record.encoding, language=record.language, language_confidence=row.get("language_confidence"),
    )


def _write_table(pa: Any, table: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A hidden name (readers pass over names starting with "." or "_")
    # until the file is whole.
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temp, "wb") as stream:
        pa.parquet.write_table(table, stream)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temp, path)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
