"""Corpus scale: ``extract --output`` on the serial engine and on Dask with
2 workers, against raw spaCy ``nlp.pipe`` over the same texts, in one run.

Method
------
1. The corpus: the bundled examples, the seed article and the fixture
   articles (tests/fixtures/corpus, the events inputs and the four realnews
   sets), read as detente reads them; their texts are cycled into one JSON
   Lines file of ``--articles`` articles in a temporary folder, each copy
   ending in "Copy n." so no two texts are equal.
2. spaCy: ``nlp.pipe`` over the corpus texts (detente's model and
   ``batch_size``), in this process: the baseline, in articles per second
   of wall time (one process with one BLAS thread: what one core does, as
   each Dask worker gets one).
3. Serial: ``extract_dataset(engine="serial")`` in this process, the
   pipeline built beforehand (not timed), the JSONL cut into
   ``--partitions`` byte ranges.
4. Dask: the same on a ``LocalCluster`` of 2 worker processes, started and
   warmed (the worker plugin loads the pipeline) before the clock starts.

Figures (JSON on stdout): articles/s of each, and each engine's ratio to
spaCy's articles/s (serial: detente's cost per article against spaCy's;
dask: the same with 2 workers, so 2.0 would be two cores fully used at
spaCy's own speed), and dask's speed-up over serial.

::

    .venv/bin/python bench/scale.py                  # 600 articles, 12 partitions
    .venv/bin/python bench/scale.py --articles 200   # a quick check
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

# One BLAS/OpenMP thread per process, as Dask's nanny gives each worker:
# otherwise spaCy's baseline and the serial engine use both cores for their
# matrix products and the comparison is not per core.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [ROOT / "examples", ROOT.parent / "shared" / "examples", FIXTURES / "corpus" / "jan2022.jsonl",
           FIXTURES / "events" / "inputs.jsonl",
           *sorted((FIXTURES / "events").glob("realnews*/articles.jsonl"))]


def corpus(folder: Path, n: int) -> tuple[Path, list[str]]:
    from detente import Settings
    from detente.article import Article
    from detente.readers import read

    texts = [item.text for item in read([s for s in SOURCES if s.exists()], Settings.load(env={}))
             if isinstance(item, Article)]
    out = [f"{texts[i % len(texts)]}\n\nCopy {i}." for i in range(n)]
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for i, text in enumerate(out):
            stream.write(json.dumps({"id": f"a{i}", "text": text, "published": "2022-01-12"}) + "\n")
    return path, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--partitions", type=int, default=12)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from detente import Settings
    from detente.nlp import load_model
    from detente.scale import extract_dataset
    from detente.scale.engine import loaded

    settings = Settings.load(env={})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, texts = corpus(folder, args.articles)
        every = path.stat().st_size // args.partitions + 1

        nlp = load_model(settings.model)
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        spacy_rate = len(texts) / (time.perf_counter() - started)

        loaded(settings)
        started = time.perf_counter()
        extract_dataset([path], folder / "serial", settings, partition_bytes=every, happenings=False)
        serial_rate = len(texts) / (time.perf_counter() - started)

        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster, Client(cluster):
            warm = folder / "warm.jsonl"
            warm.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
            extract_dataset([warm], folder / "warm", settings, engine="dask", scheduler=cluster.scheduler_address,
                            happenings=False)
            started = time.perf_counter()
            extract_dataset([path], folder / "dask", settings, engine="dask", scheduler=cluster.scheduler_address,
                            partition_bytes=every, happenings=False)
            dask_rate = len(texts) / (time.perf_counter() - started)

    print(json.dumps({
        "articles": len(texts), "partitions": args.partitions,
        "spacy_articles_per_s": round(spacy_rate, 1),
        "serial_articles_per_s": round(serial_rate, 1), "serial_vs_spacy": round(serial_rate / spacy_rate, 3),
        "dask2_articles_per_s": round(dask_rate, 1), "dask2_vs_spacy": round(dask_rate / spacy_rate, 3),
        "dask2_speedup_over_serial": round(dask_rate / serial_rate, 3),
    }, indent=2))


if __name__ == "__main__":
    main()
