"""Running the pipeline in worker processes, for corpus-scale runs.

Reading and writing stay in the calling process (the store has one writer);
batches of articles go to ``workers`` processes, each of which builds the
pipeline once (over the model, knowledge base and lexicons the parent
loaded before forking them, :func:`_preload`) and sends the annotated
articles back without their spaCy ``Doc``, which later steps do not need and
which is costly to pickle. Results come back in input order; at most
``2 * workers`` batches are in flight, which bounds memory.

``workers = 1`` runs the pipeline in the calling process, with no pool.

The workers are this module's own processes, not a ``ProcessPoolExecutor``'s,
because the parent must be able to kill and replace one of them:

- **The per-article time limit** (``article_time_limit``). A batch has one
  article's time (as in :meth:`Pipeline.run_batch`); past it the parent kills
  the worker, starts another and sends the batch's articles again one by one,
  and the one that overruns alone becomes an error record. Killing works
  whatever the worker is stuck in, even C code that never returns to Python.
- **A worker that dies** (the OOM killer, a crash in C) costs only the
  article that killed it, found the same way, where an executor's pool
  breaks and fails every batch in flight.
- **Workers die with their parent.** A ``kill -9`` of ``detente ingest
  --workers 2`` left its workers running (about 340 MB each): they waited on
  a queue whose other end their siblings kept open. On Linux the kernel now
  kills them when the parent goes (``PR_SET_PDEATHSIG``); everywhere a
  watchdog thread in each worker ends it once its parent has gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import math
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from types import TracebackType
from typing import Any

from .article import Article
from .errors import DetenteError
from .pipeline import PIPELINE_STAGE, Pipeline, article_too_slow
from .records import ErrorRecord
from .settings import Settings

log = logging.getLogger(__name__)

# Error code of an article whose worker died under it.
WORKER_DIED = "worker_died"

# How often a worker's watchdog checks that its parent lives: getppid() costs
# about a microsecond, so twice a second is free, and where the kernel's
# parent-death signal is missing an orphan lives at most half a second.
_WATCH_EVERY = 0.5
# Linux's prctl option that sends a signal when the parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1
# How long a normal shutdown waits for an idle worker to exit before it is
# killed: an idle worker exits at once, so this only matters if one is stuck.
_STOP_WITHIN = 5.0
# The longest the parent waits in one go without looking at its deadlines
# (a safety net: every event it waits for also wakes it).
_POLL_AT_MOST = 1.0


class BatchRunner:
    """Runs batches in order, in this process or in a pool of workers.

    ``submit(batch, tag)`` queues a batch; ``results()`` yields ``(tag,
    articles)`` for batches that are done, in submission order, and
    ``drain()`` waits for all of them.
    """

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.workers = settings.workers
        self.pipeline: Pipeline | None = None
        self.pool: _Pool | None = None
        if self.workers > 1:
            self.pool = _Pool(settings)
        else:
            self.pipeline = pipeline or Pipeline.default(settings)
        self.inflight: deque[_Batch] = deque()

    def __enter__(self) -> BatchRunner:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.close(kill=exc_type is not None)

    def submit(self, articles: list[Article], tag: object) -> None:
        batch = _Batch(tag, list(articles))
        self.inflight.append(batch)
        if not articles:
            return
        if self.pool is None:
            assert self.pipeline is not None
            self.pipeline.run_batch(batch.articles)
            batch.left = 0
        else:
            self.pool.submit(batch)

    def results(self) -> Iterator[tuple[object, list[Article]]]:
        """Finished batches, oldest first; waits only while too many are in flight."""
        if self.pool is not None:
            self.pool.poll(0.0)
        while self.inflight and (self.inflight[0].done or len(self.inflight) > 2 * self.workers):
            yield self._pop()

    def drain(self) -> Iterator[tuple[object, list[Article]]]:
        while self.inflight:
            yield self._pop()

    def _pop(self) -> tuple[object, list[Article]]:
        head = self.inflight[0]
        while not head.done:
            assert self.pool is not None
            self.pool.poll(_POLL_AT_MOST)
        self.inflight.popleft()
        return head.tag, head.articles


@dataclass(eq=False)
class _Batch:
    """A submitted batch; ``articles`` fill in as its jobs come back."""

    tag: object
    articles: list[Article]
    left: int = -1  # articles not back yet

    def __post_init__(self) -> None:
        if self.left < 0:
            self.left = len(self.articles)

    @property
    def done(self) -> bool:
        return self.left == 0


@dataclass(eq=False)
class _Job:
    """Some articles of a batch (all of them, or one after a failure)."""

    batch: _Batch
    positions: list[int]

    def articles(self) -> list[Article]:
        return [self.batch.articles[i] for i in self.positions]

    def finish(self, articles: list[Article]) -> None:
        for position, article in zip(self.positions, articles, strict=True):
            self.batch.articles[position] = article
        self.batch.left -= len(self.positions)


class _Pool:
    """``settings.workers`` worker processes and the jobs waiting for one."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.limit = settings.article_time_limit
        self.context = multiprocessing.get_context()
        if self.context.get_start_method() == "fork":
            _preload(settings)
        self.waiting: deque[_Job] = deque()
        self.workers = [_Worker(self.context, settings) for _ in range(settings.workers)]

    def submit(self, batch: _Batch) -> None:
        self.waiting.append(_Job(batch, list(range(len(batch.articles)))))
        self._dispatch()

    def poll(self, timeout: float) -> None:
        """Take in what the workers sent and what befell them, waiting at
        most ``timeout`` seconds (less when a worker's deadline comes first),
        then give idle workers the waiting jobs."""
        soonest = min(w.deadline for w in self.workers)
        timeout = max(0.0, min(timeout, soonest - time.monotonic()))
        wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], timeout)
        for worker in list(self.workers):
            # Messages first: a worker that answered in time has answered,
            # even if the parent was busy storing when the deadline passed.
            if worker.conn.poll():
                try:
                    kind, payload = worker.conn.recv()
                except (EOFError, OSError):
                    self._lost(worker)
                    continue
                self._receive(worker, kind, payload)
            elif not worker.process.is_alive():
                self._lost(worker)
            elif worker.job is not None and time.monotonic() >= worker.deadline:
                self._overran(worker)
        self._dispatch()

    def close(self, *, kill: bool) -> None:
        for worker in self.workers:
            worker.stop(kill=kill)
        self.workers = []

    def _dispatch(self) -> None:
        for worker in self.workers:
            # A worker that died while idle takes no job; the next poll replaces it.
            if (self.waiting and worker.ready and worker.job is None
                    and worker.give(self.waiting[0], self.limit)):
                self.waiting.popleft()

    def _receive(self, worker: _Worker, kind: str, payload: Any) -> None:
        if kind == "ready":
            worker.ready = True
        elif kind == "done":
            job = worker.take()
            assert job is not None
            job.finish(payload)
        else:  # "failed": a bug (the stages' own crashes are error records)
            raise payload if isinstance(payload, BaseException) else DetenteError(str(payload))

    def _lost(self, worker: _Worker) -> None:
        """The worker died (the OOM killer, a crash in C, a kill by hand)."""
        worker.stop(kill=True)
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        if not worker.ready:
            raise DetenteError(f"a pipeline worker process ended while it was starting ({how}); "
                               f"run with --workers 1 to see the error")
        log.warning("a pipeline worker ended (%s); starting another", how)
        job = self._replace(worker)
        if job is not None:
            self._failed(job, lambda article: _worker_died(article, how))

    def _overran(self, worker: _Worker) -> None:
        """The worker's job ran past the time limit: kill the worker."""
        worker.stop(kill=True)
        job = self._replace(worker)
        assert job is not None
        self._failed(job, lambda article: article_too_slow(article, self.limit))

    def _replace(self, worker: _Worker) -> _Job | None:
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.settings)
        return worker.take()

    def _failed(self, job: _Job, mark: Any) -> None:
        """A job failed as a whole: run its articles again one by one (first
        in line, to keep results flowing in order); a single article that
        failed is an error record (``mark``), as the reader made it."""
        if len(job.positions) > 1:
            self.waiting.extendleft(_Job(job.batch, [p]) for p in reversed(job.positions))
            return
        (article,) = job.articles()
        mark(article)
        job.finish([article])


def _preload(settings: Settings) -> None:
    """Load, once and before the workers are forked, what every worker only
    reads: the spaCy model, the knowledge base, the event lexicon and
    classifier, the language identifier. Forked workers inherit them
    instead of each loading its own copy (issue 19: the parent used to
    build a whole pipeline it never ran, and each worker loaded the
    language identifier again). The gazetteer is not opened here: an SQLite
    connection must not cross a fork; each worker opens its own, and the
    file's pages are shared through the operating system's cache.

    ``gc.freeze()`` then moves everything loaded so far out of the garbage
    collector's reach, so that its passes do not write to those objects'
    pages and make the kernel copy them into every worker (the parent
    keeps them for its whole life anyway)."""
    from .kb import load_kb
    from .nlp import load_model
    from .stages import event_model, language
    from .stages.events import triggers

    load_model(settings.model)
    load_kb(settings.kb)
    triggers()
    if settings.event_model:
        event_model.load_model()
    language.identify("A sentence to load the language identifier.")
    gc.collect()
    gc.freeze()


def _worker_died(article: Article, how: str) -> None:
    log.warning("%s: the worker process died on it (%s)", article.ref, how)
    article.errors.append(ErrorRecord(
        ref=article.ref,
        reason=(f"the worker process running the pipeline on this article died ({how}), "
                f"perhaps out of memory; the article is stored as an error, try it alone "
                f"with --workers 1 or on a machine with more memory"),
        code=WORKER_DIED, article_id=article.id, stage=PIPELINE_STAGE,
    ))


class _Worker:
    """One worker process, the parent's end of its pipe, and its job."""

    def __init__(self, context: BaseContext, settings: Settings) -> None:
        here, there = context.Pipe()
        # With fork and spawn the worker is this process's child; with
        # forkserver it is the server's, which ends when this process does.
        parent = os.getpid() if context.get_start_method() in ("fork", "spawn") else None
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_work, args=(there, settings, parent), name="detente-worker", daemon=True)
        self.process.start()
        there.close()
        self.conn: Connection = here
        self.ready = False
        self.job: _Job | None = None
        self.deadline = math.inf

    def give(self, job: _Job, limit: float) -> bool:
        """Send the job; False if the worker is gone (the job is not its)."""
        try:
            self.conn.send(job.articles())
        except OSError:
            return False
        # The worker was idle in recv(), so its clock starts now.
        self.job = job
        self.deadline = time.monotonic() + limit
        return True

    def take(self) -> _Job | None:
        job, self.job, self.deadline = self.job, None, math.inf
        return job

    def stop(self, *, kill: bool) -> None:
        if self.process.is_alive() and not kill:
            with contextlib.suppress(OSError):  # it is just ending
                self.conn.send(None)
            self.process.join(_STOP_WITHIN)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


# -- in the worker -------------------------------------------------------------------------


def _work(conn: Connection, settings: Settings, parent: int | None) -> None:
    """A worker's life: build the pipeline, then run the batches it is sent
    until the parent sends ``None`` or goes away."""
    _die_with_parent(parent)
    # Ctrl-C reaches every process of the terminal's group; the parent
    # decides what happens and stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pipeline = Pipeline.default(settings)
    except BaseException as exc:
        conn.send(("failed", _sendable(exc)))
        return
    # The parent enforces the time limit by killing this process.
    pipeline.time_limit = None
    conn.send(("ready", None))
    while True:
        try:
            articles: list[Article] | None = conn.recv()
        except (EOFError, OSError):
            return
        if articles is None:
            return
        try:
            pipeline.run_batch(articles)
        except BaseException as exc:
            conn.send(("failed", _sendable(exc)))
            return
        for article in articles:
            article.doc = None
        conn.send(("done", articles))


def _die_with_parent(parent: int | None) -> None:
    """End this process when its parent ends, however the parent ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        except (OSError, AttributeError):
            pass  # the watchdog below still ends an orphan
    watched = os.getppid()
    if parent is not None and watched != parent:
        os._exit(1)  # the parent died before the death signal was set
    threading.Thread(target=_watch, args=(watched,), name="detente-watchdog", daemon=True).start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(_WATCH_EVERY)
        if os.getppid() != parent:
            os._exit(1)


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself when it can cross the pipe, else its text."""
    try:
        pickle.dumps(exc)
    except Exception:
        return DetenteError("".join(traceback.format_exception(exc)))
    return exc


__all__ = ["WORKER_DIED", "BatchRunner"]

