"""Ordered stages over a batch of articles.

Each stage declares what it ``requires`` and what it ``provides`` (names such
as ``"text"``, ``"language"``, ``"doc"``, ``"mentions"``). Building a
:class:`Pipeline` whose stages are out of order raises :class:`PipelineError`
at once, not halfway through a corpus.

Processing is a pure function of (article, settings): stages keep no state
between articles other than loaded models and tables, so a distributed engine
can run :func:`process` on any worker and get the same records.

Two limits keep one pathological article from stalling or swamping a run
(issue 15); past either, the article is stored as an error record and the
others go on:

- ``article_time_limit``: seconds of pipeline work per article
  (:data:`TOO_SLOW`);
- ``max_records_per_article``: records one article may produce
  (:data:`TOO_MANY_RECORDS`).
"""

from __future__ import annotations

import dataclasses
import logging
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from types import FrameType
from typing import Any, Protocol, runtime_checkable

from .article import Article
from .errors import PipelineError
from .records import ErrorRecord
from .settings import Settings

log = logging.getLogger(__name__)

# What a reader's Article already carries before any stage runs.
READER_PROVIDES = frozenset({"text", "metadata"})

# Codes of the error records the limits give (stored with the record, handy
# for GROUP BY, like the InputError codes).
TOO_SLOW = "too_slow"
TOO_MANY_RECORDS = "too_many_records"
# The stage named by a time-limit error: the time is the whole pipeline's.
PIPELINE_STAGE = "pipeline"


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage. ``name`` carries its version (``"entities.v1"``)."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, articles: list[Article]) -> None:
        """Annotate each article of the batch in place. Articles whose
        ``skipped`` is true are left alone by stages that need English."""


def default_stages() -> list[Any]:
    """The default pipeline's stage classes, in order (each is built from
    the settings). One list: a run that builds no pipeline (its workers
    do) records their names from here."""
    from .stages.actors import Actors
    from .stages.annotate import Annotate
    from .stages.claims import Claims
    from .stages.entities import Entities
    from .stages.events import Events
    from .stages.language import DetectLanguage
    from .stages.places import Places
    from .stages.quotes import Quotes
    from .stages.stances import Stances
    from .stages.times import Times

    return [DetectLanguage, Annotate, Entities, Actors, Quotes, Times, Places, Claims, Events, Stances]


class Pipeline:
    """Stages in order, and the per-article limits (``None``: no limit).

    ``time_limit`` is enforced here when the pipeline runs in its own
    process (the serial path); the worker pool (:mod:`detente.parallel`)
    sets it to ``None`` in its workers and enforces it from the parent.
    """

    def __init__(self, stages: Sequence[Stage], *, max_records: int | None = None,
                 time_limit: float | None = None) -> None:
        have = set(READER_PROVIDES)
        for stage in stages:
            missing = stage.requires - have
            if missing:
                raise PipelineError(
                    f"stage {stage.name} needs {', '.join(sorted(missing))}, which no "
                    f"earlier stage provides; put a stage that provides it first"
                )
            have |= stage.provides
        self.stages = list(stages)
        self.max_records = max_records
        self.time_limit = time_limit

    @classmethod
    def default(cls, settings: Settings) -> Pipeline:
        return cls([stage(settings) for stage in default_stages()],
                   max_records=settings.max_records_per_article,
                   time_limit=settings.article_time_limit)

    @property
    def versions(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def run(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        """Run every stage over the articles, ``batch_size`` at a time, and
        yield each article once all stages are done with it."""
        iterator = iter(articles)
        while batch := list(islice(iterator, batch_size)):
            self.run_batch(batch)
            yield from batch

    def run_batch(self, batch: list[Article]) -> None:
        """Run every stage over the batch, in place, within the limits."""
        if self.time_limit is None:
            self._run_stages(batch)
        else:
            self._run_in_time(batch, self.time_limit)

    def _run_in_time(self, batch: list[Article], limit: float) -> None:
        """The batch as a whole gets one article's time. Past it, every
        article starts again on its own with the full limit, and the one that
        takes too long alone becomes an error record. A batch of normal
        articles is far inside one article's limit (a batch of 32 real news
        articles of the realnews fixture takes 2.6 s on one core; the default
        limit is 300 s), so work is done twice only around an article that
        really is too slow."""
        saved = [_save(article) for article in batch]
        if _within(limit, lambda: self._run_stages(batch)):
            return
        for article, state in zip(batch, saved, strict=True):
            _restore(article, state)
        if len(batch) == 1:
            article_too_slow(batch[0], limit)
            return
        for article in batch:
            self._run_in_time([article], limit)

    def _run_stages(self, batch: list[Article]) -> None:
        for stage in self.stages:
            try:
                stage(batch)
            except Exception:
                if len(batch) == 1:
                    _fail(batch[0], stage)
                    continue
                # Find the article that broke the stage; the others go on. The
                # stage starts again on each, so drop what it already added.
                for article in batch:
                    article.records = [r for r in article.records if r.stage != stage.name]
                    try:
                        stage([article])
                    except Exception:
                        _fail(article, stage)
            for article in batch:
                article.stages.append(stage.name)
                # Checked after every stage, so that the later stages skip
                # an article that is already past the limit.
                if (self.max_records is not None and not article.skipped
                        and len(article.records) > self.max_records):
                    _too_many_records(article, stage, self.max_records)


def _fail(article: Article, stage: Stage) -> None:
    """A stage crashed on one article: a bug in detente, not in the input.
    Record it with enough detail to report, and keep going."""
    detail = traceback.format_exc(limit=-3)
    log.error("stage %s failed on %s:\n%s", stage.name, article.ref, detail)
    last = detail.strip().splitlines()[-1]
    article.errors.append(
        ErrorRecord(
            ref=article.ref,
            reason=(
                f"detente's {stage.name} stage failed on this article ({last}); "
                f"this is a bug in detente, please report it with the input"
            ),
            code="internal",
            article_id=article.id,
            stage=stage.name,
        )
    )


def article_too_slow(article: Article, limit: float) -> None:
    """Make the article an error record: its pipeline work took longer than
    ``limit`` seconds. Whatever the stages had added is dropped (the caller
    hands over the article as the reader made it)."""
    log.warning("%s: the pipeline took longer than %g s; stored as an error", article.ref, limit)
    article.errors.append(ErrorRecord(
        ref=article.ref,
        reason=(f"the pipeline took longer than {limit:g} s on this article; the article is "
                f"stored as an error, raise article_time_limit to allow more"),
        code=TOO_SLOW, article_id=article.id, stage=PIPELINE_STAGE,
    ))


def _too_many_records(article: Article, stage: Stage, limit: int) -> None:
    count = len(article.records)
    log.warning("%s: %d records after stage %s, over %d; stored as an error",
                article.ref, count, stage.name, limit)
    article.records = []
    article.doc = None
    article.errors.append(ErrorRecord(
        ref=article.ref,
        reason=(f"this article produced {count:,} records (by the {stage.name} stage), more than "
                f"max_records_per_article ({limit:,}); the article is stored as an error without "
                f"them, raise max_records_per_article to keep them"),
        code=TOO_MANY_RECORDS, article_id=article.id, stage=stage.name,
    ))


# -- the time limit in this process --------------------------------------------------------
#
# A stage is Python (and spaCy's Cython) running on this thread; the only
# portable way to stop it part-way is to have an exception raised in it.
# On the main thread of a POSIX process a SIGALRM timer (signal.setitimer)
# does that: its handler runs between two bytecodes of the stage, so an
# endless loop is cut at the limit, not after it. We chose it over running
# each article under a watchdog thread because a thread cannot stop another
# one in Python: a watchdog could only report the overrun once the work
# was done, which is no limit at all on a hang. Where SIGALRM is not ours
# to use (Windows, a thread other than the main one such as the web app's
# request threads, or a timer someone else has set) the limit is checked
# after the work: the article still becomes an error record when it took
# too long, but the work is not cut short. The worker pool does not depend
# on either: its parent kills a worker that overruns (detente.parallel).


class _OutOfTime(BaseException):
    """Raised by the SIGALRM handler. A BaseException, so that the stages'
    and run_batch's own ``except Exception`` do not take it for a crash."""


def _within(seconds: float, work: Callable[[], None]) -> bool:
    """Run ``work``; False when it took longer than ``seconds`` (cut short
    where an alarm can be used). The clock is read afterwards in both cases:
    the alarm's exception could be swallowed on its way out (Cython code
    that ignores a callback's exception), and the limit must hold then too."""
    started = time.monotonic()
    try:
        if _alarm_usable():
            with _alarm(seconds):
                work()
        else:
            work()
    except _OutOfTime:
        return False
    return time.monotonic() - started <= seconds


def _alarm_usable() -> bool:
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise :class:`_OutOfTime` in this block after ``seconds``. A signal
    that arrives once the block is left does nothing (``armed``), and the
    previous SIGALRM handler is back in place however the block ends."""
    armed = [True]

    def ring(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            armed[0] = False
            raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


def _save(article: Article) -> dict[str, object]:
    """What the stages may change in an article (every field; lists copied)."""
    return {f.name: _copy(getattr(article, f.name)) for f in dataclasses.fields(article)}


def _restore(article: Article, saved: dict[str, object]) -> None:
    for name, value in saved.items():
        setattr(article, name, _copy(value))


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list) else value


def process(article: Article, settings: Settings) -> Article:
    """Run the default pipeline over one article (a pure function of the
    article and the settings) and return it annotated."""
    Pipeline.default(settings).run_batch([article])
    return article
