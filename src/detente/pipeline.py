"""Ordered stages over a batch of articles.

Each stage declares what it ``requires`` and what it ``provides`` (names such
as ``"text"``, ``"language"``, ``"doc"``, ``"mentions"``). Building a
:class:`Pipeline` whose stages are out of order raises :class:`PipelineError`
at once, not halfway through a corpus.

Processing is a pure function of (article, settings): stages keep no state
between articles other than loaded models and tables, so a distributed engine
can run :func:`process` on any worker and get the same records.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol, runtime_checkable

from .article import Article
from .errors import PipelineError
from .records import ErrorRecord
from .settings import Settings

log = logging.getLogger(__name__)

# What a reader's Article already carries before any stage runs.
READER_PROVIDES = frozenset({"text", "metadata"})


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage. ``name`` carries its version (``"entities.v1"``)."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, articles: list[Article]) -> None:
        """Annotate each article of the batch in place. Articles whose
        ``skipped`` is true are left alone by stages that need English."""


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
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

    @classmethod
    def default(cls, settings: Settings) -> Pipeline:
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

        return cls([DetectLanguage(settings), Annotate(settings), Entities(), Actors(settings),
                    Quotes(settings), Times(settings), Places(settings), Claims(settings),
                    Events(settings), Stances(settings)])

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


def process(article: Article, settings: Settings) -> Article:
    """Run the default pipeline over one article (a pure function of the
    article and the settings) and return it annotated."""
    Pipeline.default(settings).run_batch([article])
    return article
