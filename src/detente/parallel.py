"""Running the pipeline in worker processes, for corpus-scale runs.

Reading and writing stay in the calling process (the store has one writer);
batches of articles go to ``workers`` processes, each of which builds the
pipeline once (its own copy of the spaCy model) and sends the annotated
articles back without their spaCy ``Doc``, which later steps do not need and
which is costly to pickle. Results come back in input order; at most
``2 * workers`` batches are in flight, which bounds memory.

``workers = 1`` runs the pipeline in the calling process, with no pool.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from .article import Article
from .pipeline import Pipeline
from .settings import Settings

_PIPELINE: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _PIPELINE
    _PIPELINE = Pipeline.default(settings)


def _run_batch(articles: list[Article]) -> list[Article]:
    assert _PIPELINE is not None, "worker not initialised"
    _PIPELINE.run_batch(articles)
    for article in articles:
        article.doc = None
    return articles


class BatchRunner:
    """Runs batches in order, in this process or in a pool of workers.

    ``submit(batch, tag)`` queues a batch; ``results()`` yields ``(tag,
    articles)`` for batches that are done, in submission order, and
    ``drain()`` waits for all of them.
    """

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.workers = settings.workers
        self.pool: ProcessPoolExecutor | None = None
        self.pipeline: Pipeline | None = None
        if self.workers > 1:
            self.pool = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                            initargs=(settings,))
        else:
            self.pipeline = pipeline or Pipeline.default(settings)
        self.inflight: deque[tuple[object, list[Article] | Future[list[Article]]]] = deque()

    def __enter__(self) -> BatchRunner:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)

    def submit(self, articles: list[Article], tag: object) -> None:
        if self.pool is None:
            assert self.pipeline is not None
            if articles:
                self.pipeline.run_batch(articles)
            self.inflight.append((tag, articles))
        else:
            self.inflight.append((tag, self.pool.submit(_run_batch, articles)))

    def results(self) -> Iterator[tuple[object, list[Article]]]:
        """Finished batches, oldest first; waits only while too many are in flight."""
        while self.inflight and (
            isinstance(self.inflight[0][1], list) or len(self.inflight) > 2 * self.workers
        ):
            yield self._pop()

    def drain(self) -> Iterator[tuple[object, list[Article]]]:
        while self.inflight:
            yield self._pop()

    def _pop(self) -> tuple[object, list[Article]]:
        tag, done = self.inflight.popleft()
        return tag, done if isinstance(done, list) else done.result()
