"""Corpus scale: the pipeline over partitions of the inputs, serially or on
a Dask cluster, writing a Parquet dataset, resumable (the ``scale`` extra
for Dask: ``pip install 'detente[scale]'``; Parquet needs pyarrow).

Entry points (the CLI's ``extract --output`` and ``ingest --engine``):

- :func:`extract_dataset`: inputs to a Parquet dataset folder (one folder
  per record kind, Hive-partitioned by publication month; see
  :mod:`.dataset`), with the happenings merged over the whole corpus;
- :func:`ingest`: inputs to the SQLite store by way of a dataset: the
  workers skip the articles the store holds, write Parquet, and the
  calling process merges it into the store (one writer, :mod:`.merge`);
- :func:`ingest_dataset`: a dataset that ``extract --output`` made, into the
  store, as records (never read again as articles);
- :func:`record_bag`: a lazy Dask Bag of the inputs' record dicts, for
  analyses in Dask itself.

Inputs are split by :func:`.partitions.plan`; a partition whose marker is in
the dataset is skipped, so rerunning the same command after a crash, a kill
or Ctrl-C finishes the work and gives the same dataset and store as one
clean run. Runs are :func:`.engine.run`'s: ``engine="serial"`` in this
process, ``engine="dask"`` on a ``LocalCluster`` of ``workers`` processes
or the scheduler at ``scheduler``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..api import Inputs, Outcome, extract
from ..corpus.happenings import update_happenings
from ..errors import ConfigError
from ..readers import expand
from ..records import HappeningRecord
from ..settings import Settings
from ..store import Store
from .dataset import DATASET_FILE, Dataset, is_dataset
from .engine import ENGINES, Progress, RunReport, run
from .merge import known_articles, merge
from .partitions import DEFAULT_PARTITION_BYTES, Partition, plan

if TYPE_CHECKING:
    from collections.abc import Callable

    import dask.bag

    from ..api import IngestReport

__all__ = [
    "DATASET_FILE", "DEFAULT_PARTITION_BYTES", "ENGINES", "Dataset", "Partition", "Progress", "RunReport",
    "extract_dataset", "ingest", "ingest_dataset", "is_dataset", "plan", "record_bag",
]  # fmt: skip


def extract_dataset(inputs: Inputs, output: str | Path, settings: Settings | None = None, *,
                    engine: str = "serial", workers: int = 1, scheduler: str | None = None,
                    with_text: bool = True, happenings: bool = True,
                    partition_bytes: int = DEFAULT_PARTITION_BYTES, progress: Progress | None = None) -> RunReport:
    """Write the inputs' records to the Parquet dataset ``output``; with
    ``happenings``, the events of every finished partition merged into
    happenings (the ``happening`` folder) once all have run."""
    settings = settings or Settings.load()
    dataset = Dataset.create(output, settings, with_text=with_text)
    report = run(plan(inputs, partition_bytes), dataset, settings, engine=engine, workers=workers,
                 scheduler=scheduler, with_text=with_text, progress=progress)
    if happenings:
        made = _happenings(dataset)
        report.counts["happening"] = len(made)
        dataset.write_happenings(made)
    _finish(dataset, report)
    return report


def ingest(inputs: Inputs, store: Store, settings: Settings | None = None, *, output: str | Path | None = None,
           engine: str = "dask", workers: int = 1, scheduler: str | None = None,
           partition_bytes: int = DEFAULT_PARTITION_BYTES, progress: Progress | None = None,
           command: str = "ingest", on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Process the inputs into the dataset ``output`` (default: beside the
    store, ``<store>.parquet``), skipping the articles the store holds, then
    merge the dataset's new partitions into the store."""
    settings = settings or Settings.load()
    if output is None:
        if store.path == ":memory:":
            raise ConfigError("an in-memory store needs an output folder for the Parquet dataset")
        output = Path(store.path).with_suffix(".parquet")
    dataset = Dataset.create(output, settings, with_text=True, store=store.path)
    report = run(plan(inputs, partition_bytes), dataset, settings, engine=engine, workers=workers,
                 scheduler=scheduler, with_text=True, known=known_articles(store), progress=progress)
    ingested = merge(dataset, store, settings, markers=report.markers, command=command, failed=report.failed,
                     on_outcome=on_outcome)
    _finish(dataset, report)
    return ingested


def ingest_dataset(path: str | Path, store: Store, settings: Settings | None = None, *, command: str = "ingest",
                   on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Store the records of a dataset that :func:`extract_dataset` wrote."""
    if not is_dataset(path):
        raise ConfigError(f"{path} is not a detente Parquet dataset (it has no {DATASET_FILE})")
    dataset = Dataset(Path(path))
    dataset.meta = dataset.read_meta()
    return merge(dataset, store, settings or Settings.load(), command=command, on_outcome=on_outcome)


def _happenings(dataset: Dataset) -> list[HappeningRecord]:
    """The dataset's events merged across articles, the way the store
    merges them, in a throwaway in-memory store of articles without their
    texts and with their events only."""
    with Store(":memory:") as store:
        for article, events in dataset.event_records():
            store.add_article(dataclasses.replace(article, text="", records=list(events)))
        update_happenings(store)
        return list(store.happenings(limit=-1))


def _finish(dataset: Dataset, report: RunReport) -> None:
    """Say in ``_detente.json`` whether every partition of the run is done."""
    dataset.meta["complete"] = not report.failed and len(report.markers) == report.partitions
    dataset.write_meta()


def record_bag(
    inputs: Inputs,
    settings: Settings | None = None,
    *,
    partition_size: int = 20,
    with_text: bool = True,
) -> dask.bag.Bag:
    """A lazy Dask Bag of the inputs' records, as contract dicts (without
    happenings, which need every article). Folders are listed here on the
    client; each partition holds ``partition_size`` inputs. Every worker
    must read the inputs and have detente and its model."""
    try:
        import dask.bag as db
    except ImportError as exc:
        raise ConfigError("record_bag needs Dask: pip install 'detente[scale]'") from exc
    settings = settings or Settings.load()
    sources = list(expand(inputs))
    bag = db.from_sequence(sources, partition_size=max(partition_size, 1))  # type: ignore[no-untyped-call]
    return cast("dask.bag.Bag", bag.map_partitions(_extract_partition, settings, with_text))


def _extract_partition(sources: list[Any], settings: Settings, with_text: bool) -> list[dict[str, Any]]:
    return [record.to_dict() for record in extract(sources, settings, with_text=with_text, happenings=False)]
