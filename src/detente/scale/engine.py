"""Running partitions: serially in this process, or on Dask workers.

Reads a plan (:mod:`.partitions`) and a dataset folder (:mod:`.dataset`);
adds each partition's Parquet files and marker, and a :class:`RunReport`.

:func:`process_partition` is the unit of work: read the partition's inputs,
run the pipeline over them (:func:`detente.api.process`, the function a
serial ``extract`` runs), write the records. It does nothing for a
partition that has its marker, so a partition that Dask runs twice (a
worker lost after finishing) or a rerun costs nothing.

With ``engine="dask"`` the partitions run on a ``distributed`` cluster: a
``LocalCluster`` of ``workers`` processes (one thread each: the pipeline is
CPU-bound Python), or the scheduler at ``scheduler``. A
worker plugin (:mod:`.cluster`) loads the model, the knowledge base and the
gazetteer once per worker process, when the worker starts, not once per
task. Every worker must read the inputs and write the dataset at the same
paths (a shared file system) and have the same detente and model.

A worker that dies mid-partition (the OOM killer, a kill by hand) costs
nothing: Dask runs the partition again on another worker. A partition that
kills ``distributed.scheduler.allowed-failures`` workers in turn is
reported as failed (each of its inputs an error record with code
``worker_died``) and has no marker, so a rerun tries it again.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..api import process, run_stages
from ..article import Article
from ..errors import ConfigError
from ..nlp import load_model, model_info
from ..parallel import WORKER_DIED
from ..pipeline import Pipeline
from ..records import ErrorRecord
from ..settings import Settings
from .dataset import Dataset
from .partitions import Partition

log = logging.getLogger(__name__)

__all__ = ["ENGINES", "Known", "Loaded", "Progress", "RunReport", "loaded", "process_partition", "render_bar", "run"]

ENGINES = ("serial", "dask")


@dataclass(frozen=True)
class Known:
    """Articles a store already holds (their SHA-256 and canonical URLs,
    each to the stored id): a worker reads them but does not process them,
    as a serial ingest asks :meth:`Store.find_duplicate`."""

    sha256: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)

    def find(self, article: Article) -> str | None:
        found = self.sha256.get(article.sha256)
        if found is None and article.canonical_url:
            found = self.urls.get(article.canonical_url)
        return found


@dataclass
class Loaded:
    """A worker's pipeline and what a run records about it."""

    pipeline: Pipeline
    stages: list[str]
    model: dict[str, Any]


# One pipeline per process and settings: what the plugin loads at worker
# start, and what process_partition uses.
_LOADED: dict[str, Loaded] = {}
_LOCK = threading.Lock()


def loaded(settings: Settings) -> Loaded:
    """This process's pipeline for ``settings``, built on first use (the
    same for any ``workers``: one process never runs a pool of its own)."""
    settings = dataclasses.replace(settings, workers=1)
    key = repr(sorted(settings.to_dict().items()))
    with _LOCK:
        if key not in _LOADED:
            pipeline = Pipeline.default(settings)
            _LOADED[key] = Loaded(pipeline, run_stages(pipeline, settings), model_info(load_model(settings.model)))
        return _LOADED[key]


def process_partition(partition: Partition, root: str, settings: Settings, with_text: bool,
                      known: Known | None) -> dict[str, Any]:
    """Run one partition and write its records; its marker (the existing
    one when it was already done)."""
    dataset = Dataset(Path(root))
    done = dataset.marker(partition.id)
    if done is not None:
        return done
    # One process per worker: the pool of --workers is not used inside one.
    settings = dataclasses.replace(settings, workers=1)
    this = loaded(settings)
    outcomes = process(partition.sources(), settings, skip=known.find if known else None, pipeline=this.pipeline)
    return dataset.write_partition(partition, outcomes, with_text=with_text, stages=this.stages, model=this.model)


@dataclass
class RunReport:
    """What a run did: partitions run now or found done, and what they hold."""

    partitions: int = 0
    skipped: int = 0  # finished by an earlier run
    counts: Counter[str] = field(default_factory=Counter)
    failed: list[ErrorRecord] = field(default_factory=list)  # inputs of partitions that kept killing workers
    failed_partitions: int = 0
    markers: list[dict[str, Any]] = field(default_factory=list)  # in plan order, finished ones
    dashboard: str | None = None
    seconds: float = 0.0


def run(partitions: Sequence[Partition], dataset: Dataset, settings: Settings, *, engine: str = "serial",
        workers: int = 1, scheduler: str | None = None, with_text: bool = True, known: Known | None = None,
        progress: Progress | None = None) -> RunReport:
    """Run every partition that has no marker; the report lists every
    finished partition's marker in plan order."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; engines are {', '.join(ENGINES)}")
    started = time.perf_counter()
    report = RunReport(partitions=len(partitions))
    done: dict[str, dict[str, Any]] = {}
    todo = []
    for partition in partitions:
        found = dataset.marker(partition.id)
        if found is None:
            todo.append(partition)
        else:
            done[partition.id] = found
    report.skipped = len(done)
    progress = progress or Progress(None)
    progress.start(partitions, done)
    root = str(dataset.root)
    if todo and engine == "serial":
        for partition in todo:
            done[partition.id] = process_partition(partition, root, settings, with_text, known)
            progress.finished(partition, done[partition.id])
    elif todo:
        from .cluster import client, dashboard, on_dask

        with client(workers, scheduler) as dask_client:
            report.dashboard = dashboard(dask_client)
            progress.dashboard(report.dashboard)
            for partition, outcome in on_dask(dask_client, todo, root, settings, with_text, known):
                if isinstance(outcome, BaseException):
                    report.failed.extend(_died(partition, outcome))
                    report.failed_partitions += 1
                    progress.failed(partition)
                else:
                    done[partition.id] = outcome
                    progress.finished(partition, outcome)
    report.markers = [done[p.id] for p in partitions if p.id in done]
    for marker in report.markers:
        report.counts.update(marker["counts"])
    report.seconds = time.perf_counter() - started
    progress.close(report)
    return report


def _died(partition: Partition, exc: BaseException) -> list[ErrorRecord]:
    reason = (f"the Dask workers running this input's partition died several times ({exc}), perhaps out "
              f"of memory; nothing of the partition was kept: run again (it is retried), or run "
              f"{partition.describe()} alone with --engine serial to find the article")
    log.warning("partition %s (%s) failed: %s", partition.id, partition.describe(), exc)
    refs = [p.ref for p in partition.pieces] or [e.ref for e in partition.errors]
    return [ErrorRecord(ref=ref, reason=reason, code=WORKER_DIED, stage="scale.v1") for ref in refs]


class Progress:
    """The progress of a run on ``stream``. On a terminal: a bar redrawn in
    place as partitions finish (:func:`render_bar`), the Dask dashboard's
    address once, and a final summary. Elsewhere (a log file, a pipe):
    only the final summary. Nothing when ``stream`` is None."""

    def __init__(self, stream: IO[str] | None, *, live: bool | None = None) -> None:
        self.stream = stream
        self.live = bool(stream is not None and (stream.isatty() if live is None else live))
        self.total = self.total_bytes = self.done = self.done_bytes = self.articles = self.failures = 0
        self.started = time.perf_counter()
        self.shown_dashboard = False

    def start(self, partitions: Sequence[Partition], done: dict[str, dict[str, Any]]) -> None:
        self.total = len(partitions)
        self.total_bytes = sum(p.bytes for p in partitions if p.id not in done) or 1
        self.done = len(done)
        self.started = time.perf_counter()
        if not self.live:
            return
        if self.done:
            self._say(f"{self.done} of {self.total} partition(s) were finished by an earlier run: skipped\n")
        self._line()

    def dashboard(self, link: str | None) -> None:
        if link and self.live and not self.shown_dashboard:
            self.shown_dashboard = True
            self._say(f"\r\x1b[KDask dashboard: {link}\n")
            self._line()

    def finished(self, partition: Partition, marker: dict[str, Any]) -> None:
        self.done += 1
        self.done_bytes += partition.bytes
        self.articles += int(marker["counts"].get("article", 0))
        self._line()

    def failed(self, partition: Partition) -> None:
        self.done += 1
        self.failures += 1
        self.done_bytes += partition.bytes
        self._line()

    def _line(self) -> None:
        if not self.live:
            return
        bar = render_bar(done=self.done, total=self.total, done_bytes=self.done_bytes, total_bytes=self.total_bytes,
                         articles=self.articles, failures=self.failures,
                         elapsed=time.perf_counter() - self.started)
        # Back to the line's start, the bar, then erase what a longer
        # earlier bar left on the right.
        self._say(f"\r{bar}\x1b[K")

    def close(self, report: RunReport) -> None:
        if self.stream is None:
            return
        if self.live:
            self._say("\n")
        articles = report.counts.get("article", 0)
        ran = report.partitions - report.skipped - report.failed_partitions
        failed = f", {report.failed_partitions} failed" if report.failed_partitions else ""
        self._say(f"{report.partitions} partition(s): {ran} run now, {report.skipped} done before{failed}; "
                  f"{articles} article(s), "
                  f"{report.counts.get('error', 0)} error(s), {report.counts.get('unchanged', 0)} already stored, "
                  f"in {report.seconds:.1f} s\n")

    def _say(self, text: str) -> None:
        assert self.stream is not None
        self.stream.write(text)
        self.stream.flush()


def render_bar(*, done: int, total: int, done_bytes: int, total_bytes: int, articles: int, elapsed: float,
               failures: int = 0, width: int = 20) -> str:
    """One line of the live display, e.g. ``[######..............]  30%
    3/10 partitions, 120/~400 articles, 21.3 articles/s, ETA 0:00:13``.

    The share done is by input bytes of this run's partitions (partitions
    differ in size; the articles in those not yet read are unknown), and
    so are the ETA and the estimated total of articles (``~``); both are
    ``?`` until a partition has finished. Finished partitions count from
    ``done`` (those of an earlier run included); the rate counts this
    run's articles over ``elapsed`` seconds."""
    share = min(1.0, done_bytes / total_bytes) if total_bytes > 0 else 0.0
    filled = int(share * width)
    rate = articles / elapsed if elapsed > 0 else 0.0
    if done_bytes and share < 1.0:
        eta = _clock(elapsed * (total_bytes - done_bytes) / done_bytes)
        count = f"{articles}/~{round(articles * total_bytes / done_bytes)}"
    elif share >= 1.0:
        eta, count = _clock(0), str(articles)
    else:
        eta, count = "?", str(articles)
    failed = f" ({failures} failed)" if failures else ""
    return (f"[{'#' * filled}{'.' * (width - filled)}] {share:4.0%} {done}/{total} partitions{failed}, "
            f"{count} articles, {rate:.1f} articles/s, ETA {eta}")


def _clock(seconds: float) -> str:
    """H:MM:SS, hours past 24 included."""
    whole = int(round(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def stderr_progress(quiet: bool) -> Progress:
    return Progress(None if quiet else sys.stderr)
