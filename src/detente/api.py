"""The Python API that the CLI and the web app call.

:func:`extract` yields records for inputs (no store); :func:`ingest` writes
them to a :class:`~detente.store.Store`. Both read inputs lazily, run the
pipeline a batch at a time and keep input order: for each article its
``article`` record, then its records, then its errors; an ``error`` record for
an input that could not be read.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

from .article import Article
from .corpus.happenings import NAME as HAPPENINGS
from .corpus.happenings import HappeningUpdate, update_happenings
from .nlp import load_model, model_info
from .parallel import BatchRunner
from .pipeline import Pipeline
from .readers import Input, read
from .records import ErrorRecord, Record
from .settings import Settings
from .store import Store

log = logging.getLogger(__name__)

Inputs = Iterable[Input]


@dataclass
class Outcome:
    """What became of one article or one failed input."""

    article: Article | None = None
    error: ErrorRecord | None = None
    duplicate_of: str | None = None  # set by ingest: the stored article's id

    def records(self, *, with_text: bool = True) -> list[Record]:
        if self.article is None:
            return [self.error] if self.error else []
        return [self.article.to_record(with_text=with_text), *self.article.records,
                *self.article.errors]

    @property
    def errors(self) -> list[ErrorRecord]:
        if self.article is not None:
            return list(self.article.errors)
        return [self.error] if self.error else []


def process(
    inputs: Inputs,
    settings: Settings | None = None,
    *,
    skip: Callable[[Article], str | None] | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Outcome]:
    """Read inputs and run the pipeline over them, a batch at a time, in
    input order, in ``settings.workers`` processes. ``skip`` may name a stored
    duplicate so that it is not processed."""
    settings = settings or Settings.load()
    pending: list[Outcome] = []
    todo: list[int] = []  # positions in pending of the articles to process

    def submit(runner: BatchRunner) -> None:
        batch = [pending[i].article for i in todo]
        runner.submit([a for a in batch if a is not None], (list(pending), list(todo)))
        pending.clear()
        todo.clear()

    def finished(batches: Iterator[tuple[object, list[Article]]]) -> Iterator[Outcome]:
        for tag, articles in batches:
            outcomes, positions = cast(tuple[list[Outcome], list[int]], tag)
            for position, article in zip(positions, articles, strict=True):
                outcomes[position].article = article
            yield from outcomes

    with BatchRunner(settings, pipeline) as runner:
        for item in read(inputs, settings):
            if isinstance(item, ErrorRecord):
                pending.append(Outcome(error=item))
                continue
            duplicate = skip(item) if skip else None
            pending.append(Outcome(article=item, duplicate_of=duplicate))
            if duplicate is None:
                todo.append(len(pending) - 1)
                if len(todo) >= settings.batch_size:
                    submit(runner)
                    yield from finished(runner.results())
        submit(runner)
        yield from finished(runner.drain())


def default_versions() -> list[str]:
    """The stage versions of :meth:`Pipeline.default`, read from the stage
    classes without building the stages (what a run records when its
    workers build the pipeline)."""
    from .pipeline import default_stages

    return [stage.name for stage in default_stages()]


def extract(inputs: Inputs, settings: Settings | None = None, *,
            with_text: bool = True, happenings: bool = True) -> Iterator[Record]:
    """Records for the inputs, per the record contract. Needs no store.
    With ``happenings``, the ``happening`` records that the inputs' events
    make together (reports of one event merged across the inputs) come last,
    once every input is read."""
    merger = _Happenings() if happenings else None
    for outcome in process(inputs, settings):
        yield from outcome.records(with_text=with_text)
        if merger is not None and outcome.article is not None:
            merger.add(outcome.article)
    if merger is not None:
        yield from merger.finish()


class _Happenings:
    """Merges the events of extracted articles in a throwaway in-memory
    store (articles without their texts, and their events only), the same
    way ingest merges them in the store."""

    def __init__(self) -> None:
        self.store = Store(":memory:")

    def add(self, article: Article) -> None:
        events = [r for r in article.records if r.kind == "event"]
        if events:
            light = dataclasses.replace(article, text="", doc=None, records=events, errors=[], sentences=[],
                                        scare_quotes=[])
            self.store.add_article(light)

    def finish(self) -> Iterator[Record]:
        try:
            update_happenings(self.store)
            yield from self.store.happenings(limit=-1)
        finally:
            self.store.close()


def run_stages(pipeline: Pipeline | None, settings: Settings) -> list[str]:
    """What a run records as its stages: the pipeline's stage versions (the
    default pipeline's when this process builds none), the knowledge base
    that coded its actors (a digest of the shipped tables and the user's
    dictionaries), the gazetteer that placed its toponyms, and the
    happenings merge."""
    from .kb import load_kb
    from .kb.gazetteer import version as gazetteer_version

    versions = pipeline.versions if pipeline is not None else default_versions()
    return [*versions, f"kb:{load_kb(settings.kb).digest}", f"gazetteer:{gazetteer_version()}", HAPPENINGS]


@dataclass
class IngestReport:
    run_id: int
    added: int = 0
    unchanged: int = 0
    records: Counter[str] = field(default_factory=Counter)
    errors: list[ErrorRecord] = field(default_factory=list)
    happenings: HappeningUpdate | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def ingest(
    inputs: Inputs,
    store: Store,
    settings: Settings | None = None,
    *,
    command: str = "ingest",
    on_outcome: Callable[[Outcome], None] | None = None,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Read, process and store the inputs; one transaction per article.
    Articles already stored (same text or canonical URL) are not processed.
    A long-lived caller (the web app) passes its ``pipeline`` so that it is
    built once."""
    settings = settings or Settings.load()
    if pipeline is None and settings.workers == 1:
        pipeline = Pipeline.default(settings)
    # With workers, each worker builds its own pipeline: this process builds
    # none (issue 19: it built one it never ran, some 300 MiB and 2 s).
    run_id = store.start_run(command, settings, run_stages(pipeline, settings), model_info(load_model(settings.model)))
    report = IngestReport(run_id=run_id)
    try:
        # With workers, each worker builds its own pipeline.
        local = pipeline if settings.workers == 1 else None
        for outcome in process(inputs, settings, skip=store.find_duplicate, pipeline=local):
            if outcome.article is not None and outcome.duplicate_of is None:
                if store.add_article(outcome.article, run_id):
                    report.added += 1
                    report.records.update(r.kind for r in outcome.article.records)
                else:
                    outcome.duplicate_of = store.find_duplicate(outcome.article)
            if outcome.duplicate_of is not None:
                report.unchanged += 1
                store.count_unchanged(run_id)
                log.info("%s: already stored as article %s", outcome.article.ref
                         if outcome.article else "?", outcome.duplicate_of)
            elif outcome.error is not None:
                store.add_error(outcome.error, run_id)
            if outcome.duplicate_of is None:
                report.errors.extend(outcome.errors)
            if on_outcome:
                on_outcome(outcome)
        # New events join the happenings (merged across articles) once the
        # articles are stored; events a crash left out join on the next run.
        report.happenings = update_happenings(store, run_id)
    finally:
        store.finish_run(run_id, added=report.added, unchanged=report.unchanged,
                         errors=len(report.errors))
    return report
