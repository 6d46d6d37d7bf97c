"""The store merge: a Parquet dataset's records into the SQLite store, by
one writer (the calling process).

Reads a dataset's finished partitions (:meth:`Dataset.items`, in plan
order, each in input order); adds their articles (with their records and
errors, one transaction each, as a serial ingest stores them) and their
inputs' errors to a :class:`~detente.store.Store`, under one run, then
merges the new events into happenings once, at the end. An article the
store already holds (same text or canonical URL) is not stored again, so
merging a dataset twice, or a dataset whose partitions overlap, adds
nothing the second time. The dataset's own ``happening`` files are not
read: the store makes its happenings from every event it holds.

Also :func:`known_articles`: what the store holds, for the workers to skip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from ..api import IngestReport, Outcome
from ..corpus.happenings import update_happenings
from ..errors import ConfigError
from ..records import ErrorRecord
from ..settings import Settings
from ..store import Store
from .dataset import Dataset
from .engine import Known

log = logging.getLogger(__name__)

__all__ = ["known_articles", "merge"]


def known_articles(store: Store) -> Known:
    """The store's articles by SHA-256 and canonical URL
    (:meth:`Store.known_keys`), for the workers to skip."""
    by_sha256, by_url = store.known_keys()
    return Known(by_sha256, by_url)


def merge(dataset: Dataset, store: Store, settings: Settings, *, markers: Sequence[dict[str, Any]] | None = None,
          command: str = "ingest", failed: Sequence[ErrorRecord] = (),
          on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Store the records of ``markers`` (default: every finished partition
    of the dataset), then the ``failed`` inputs' errors, then merge
    happenings."""
    meta = dataset.meta or dataset.read_meta()
    if not meta.get("with_text"):
        raise ConfigError(f"{dataset.root} was written without article texts (--no-text); the store keeps "
                          "every article's text, so it cannot be ingested: extract it again without --no-text")
    markers = list(dataset.markers() if markers is None else markers)
    first = next((m for m in markers if m.get("stages")), None)
    run_id = store.start_run(command, settings, first["stages"] if first else [], first["model"] if first else None)
    report = IngestReport(run_id=run_id)
    try:
        for marker in markers:
            for _ in range(int(marker["counts"].get("unchanged", 0))):
                report.unchanged += 1
                store.count_unchanged(run_id)
            for item in dataset.items(marker):
                outcome = Outcome(article=item.article, error=item.error)
                if item.article is not None:
                    if store.add_article(item.article, run_id):
                        report.added += 1
                        report.records.update(r.kind for r in item.article.records)
                        report.errors.extend(item.article.errors)
                    else:
                        outcome.duplicate_of = store.find_duplicate(item.article) or item.article.id
                        report.unchanged += 1
                        store.count_unchanged(run_id)
                elif item.error is not None:
                    store.add_error(item.error, run_id)
                    report.errors.append(item.error)
                if on_outcome:
                    on_outcome(outcome)
        for error in failed:
            store.add_error(error, run_id)
            report.errors.append(error)
            if on_outcome:
                on_outcome(Outcome(error=error))
        report.happenings = update_happenings(store, run_id)
    finally:
        store.finish_run(run_id, added=report.added, unchanged=report.unchanged, errors=len(report.errors))
    return report
