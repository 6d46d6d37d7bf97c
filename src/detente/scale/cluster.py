"""The Dask side of a scale run: the cluster, the worker plugin, and the
partitions as Dask tasks.

Reads partitions (:mod:`.partitions`); runs :func:`.engine.process_partition`
on each as a ``distributed`` task and yields each partition's marker as it
finishes (or the ``KilledWorker`` of one that kept killing its workers).
:class:`PipelinePlugin` builds the pipeline (the spaCy model, the knowledge
base, the gazetteer) once per worker process, when the worker starts; the
tasks find it there (:func:`.engine.loaded`). Imported only for
``engine="dask"``, so that the serial engine needs no Dask.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import DetenteError
from ..settings import Settings
from .engine import Known, loaded, process_partition
from .partitions import Partition

try:
    from distributed import Client, LocalCluster, WorkerPlugin, as_completed
    from distributed.scheduler import KilledWorker
except ImportError as exc:  # pragma: no cover - the scale extra is missing
    from ..errors import ConfigError

    raise ConfigError("--engine dask needs Dask's distributed scheduler: pip install 'detente[scale]'") from exc

__all__ = ["PipelinePlugin", "client", "dashboard", "on_dask"]

PLUGIN_NAME = "detente-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline for ``settings`` when a worker starts (and on
    every worker that joins later)."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        loaded(self.settings)


def on_dask(client: Any, todo: Sequence[Partition], root: str, settings: Settings, with_text: bool,
             known: Known | None) -> Iterator[tuple[Partition, dict[str, Any] | BaseException]]:
    """Run the partitions as tasks; each one's marker (or KilledWorker) as
    it finishes. Leaving early cancels what has not run."""
    client.register_plugin(PipelinePlugin(settings), name=PLUGIN_NAME)
    # The stored articles go to each worker once, not with every task.
    shared = client.scatter(known, broadcast=True) if known is not None else None
    futures = {
        client.submit(process_partition, p, root, settings, with_text, shared,
                      key=f"detente-partition-{p.id}", retries=0): p
        for p in todo
    }
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            partition = futures[future]
            try:
                yield partition, future.result()
            except KilledWorker as exc:
                yield partition, exc
    finally:
        client.cancel(list(futures))


@contextmanager
def client(workers: int, scheduler: str | None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, else of a new local
    cluster of ``workers`` processes (closed on the way out)."""
    # distributed logs every worker's start and stop at INFO on its own
    # handler; detente's -v decides what the user sees.
    logging.getLogger("distributed").setLevel(max(logging.getLogger().getEffectiveLevel(), logging.WARNING))
    if scheduler:
        try:
            dask_client = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise DetenteError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with dask_client:
            yield dask_client
        return
    # One thread per worker process: the pipeline is Python, held by the GIL.
    # Any free port for the scheduler's web server (the dashboard, with
    # bokeh installed): 8787 may be another cluster's.
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                           dashboard_address=":0", silence_logs=logging.ERROR)
    with cluster, Client(cluster) as dask_client:  # type: ignore[no-untyped-call]
        yield dask_client


def dashboard(dask_client: Any) -> str | None:
    """The dashboard's address, when the scheduler serves one."""
    services = dask_client.scheduler_info().get("services", {})
    return str(dask_client.dashboard_link) if "dashboard" in services else None
