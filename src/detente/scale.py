"""Scale-out over a Dask cluster (the ``scale`` extra: ``pip install 'detente[scale]'``).

For runs across machines. (On one machine, ``--workers N`` does the same job with
no extra dependency.) :func:`record_bag` makes a Dask Bag of record dicts
(the record contract's JSON objects). Each partition of inputs is read and
processed by :func:`detente.extract`, the same pure function of (article,
settings) that the CLI runs. Every Dask worker must be able to read the input
paths (a shared file system) and have detente and its model installed.

    import dask, json
    from detente.scale import record_bag

    bag = record_bag(["corpus/"], partition_size=50)
    bag.map(json.dumps).to_textfiles("out/records-*.jsonl")
    mentions = bag.filter(lambda r: r["kind"] == "mention").to_dataframe()

Storing stays with one writer: load the JSONL output with ``detente ingest``,
or iterate ``bag`` on the client and write through a :class:`~detente.Store`.
The bag holds each article's records; the happenings (events merged across
articles) are made by the store (``update_happenings``), which sees them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from .api import Inputs, extract
from .errors import ConfigError
from .readers import expand
from .settings import Settings

if TYPE_CHECKING:
    import dask.bag


def record_bag(
    inputs: Inputs,
    settings: Settings | None = None,
    *,
    partition_size: int = 20,
    with_text: bool = True,
) -> dask.bag.Bag:
    """A lazy Dask Bag of the inputs' records, as contract dicts. Folders are
    listed here on the client; each partition holds ``partition_size`` inputs."""
    try:
        import dask.bag as db
    except ImportError as exc:
        raise ConfigError("record_bag needs Dask: pip install 'detente[scale]'") from exc
    settings = settings or Settings.load()
    sources = list(expand(inputs))
    bag = db.from_sequence(sources, partition_size=max(partition_size, 1))  # type: ignore[no-untyped-call]
    return cast("dask.bag.Bag", bag.map_partitions(_extract_partition, settings, with_text))


def _extract_partition(sources: list[Any], settings: Settings, with_text: bool) -> list[dict[str, Any]]:
    # Per-article records only: a partition sees part of the corpus, so the
    # happenings (events merged across articles) come from the store.
    return [record.to_dict() for record in extract(sources, settings, with_text=with_text, happenings=False)]
