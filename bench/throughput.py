"""Throughput and peak memory of ``detente extract`` against raw spaCy ``nlp.pipe``.

Method
------
1. A child process runs ``detente.extract`` once over the bundled examples and
   takes the article texts exactly as detente stores them. Cycling through those
   texts, it writes a corpus of N articles (``--articles``) to one JSONL file in
   a temporary folder; each copy ends in "Copy n." so no two texts are equal.
2. Each side runs in its own fresh child process, ``--repeat`` times, the sides
   alternating. A worker first imports and loads what it needs ("load s"), then
   times the processing alone ("processing s"):

   - baseline: ``spacy.load(model)`` (a fresh pipeline, not detente's loader),
     then ``nlp.pipe`` over the corpus texts with detente's ``batch_size``;
   - detente: ``detente.nlp.load_model`` plus the language identifier, then the
     CLI in-process, ``extract CORPUS --format jsonl --no-text``, stdout to
     /dev/null: reading, language identification, spaCy, records and JSON.

   Peak memory is the worker's ``ru_maxrss``. On Linux a child inherits its
   parent's high-water mark across fork and exec, so this parent process never
   imports spaCy or detente: its own few MiB stay below every worker's peak.
3. With ``--e2e`` (the default) the real CLI also runs as a subprocess,
   ``python -m detente.cli extract CORPUS --no-text``: wall time with start-up
   and model load, as a user sees it.

Reading the numbers
-------------------
Times are medians over the repeats. Tokens are the baseline's ``len(doc)`` sum;
both sides use that count, so tokens/s ratios equal articles/s ratios. A
throughput ratio (detente/baseline) below 1.00 is detente's overhead over bare
spaCy: 0.80 means detente processes 80% as many articles per second. A memory
ratio above 1.00 is what detente holds beyond the model and spaCy's working set
(its modules, the language model, a batch of docs and records).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The bundled examples, and the founding article from the shared folder that
# lies beside the repository (when it is there).
INPUTS = [ROOT / "examples", ROOT.parent / "shared" / "examples" / "euractiv-2022-01-12-nato-russia.txt"]
Result = dict[str, Any]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child_peak_mib() -> float:
    """Peak of the largest finished child (the worker processes of a run with
    workers > 1); 0 when there were none."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# -- workers: each runs in a fresh child process and prints one JSON line --------------


def build_corpus(corpus: Path, n: int) -> Result:
    import detente

    settings = detente.Settings.load()
    inputs = [str(p) for p in INPUTS if p.exists()]
    records = [r.to_dict() for r in detente.extract(inputs, settings)]
    errors = [r for r in records if r["kind"] == "error"]
    if errors:
        raise SystemExit(f"the inputs gave error records: {errors}")
    sources = [r for r in records if r["kind"] == "article"]
    with corpus.open("w", encoding="utf-8") as out:
        for i in range(n):
            src = sources[i % len(sources)]
            line = {"id": f"{src['id']}-copy{i}", "title": src["title"],
                    "published": src["published"], "text": f"{src['text']}\n\nCopy {i}."}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return {"inputs": inputs, "distinct_texts": len(sources), "model": settings.model,
            "batch_size": settings.batch_size, "detente": detente.__version__}


def run_baseline(corpus: Path, model: str, batch_size: int, workers: int = 1) -> Result:
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    started = time.perf_counter()
    import spacy
    from spacy import about

    nlp = spacy.load(model)
    loaded = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
    done = time.perf_counter()
    return {"load_s": loaded - started, "processing_s": done - loaded, "peak_mib": _peak_mib(),
            "child_peak_mib": _child_peak_mib(), "tokens": tokens, "chars": sum(map(len, texts)), "spacy": about.__version__,
            "model_version": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
            "pipes": nlp.pipe_names}


def run_detente(corpus: Path, workers: int = 1) -> Result:
    started = time.perf_counter()
    import detente
    import detente.cli
    from detente.nlp import load_model
    from detente.stages import event_model
    from detente.stages.language import identify

    nlp = load_model(detente.Settings.load().model)  # cached: the CLI gets this one
    identify("A sentence to load the language identifier's model.")  # loads on first use
    # The event classifier's own cost (features and prediction), timed where
    # the events stage calls it (in this process: --workers 1 only).
    spent = [0.0]

    def timed(f: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t
        return wrapped

    event_model.features = timed(event_model.features)  # type: ignore[assignment]
    event_model.EventModel.decide = timed(event_model.EventModel.decide)  # type: ignore[method-assign]
    loaded = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink, redirect_stdout(sink):
        try:
            detente.cli.cli.main(["extract", str(corpus), "--format", "jsonl", "--no-text",
                                  "--workers", str(workers)], standalone_mode=False)
            code: Any = 0
        except SystemExit as exc:
            code = exc.code
    done = time.perf_counter()
    if code not in (0, 1, None):
        raise SystemExit(f"detente extract exited with {code}")
    return {"load_s": loaded - started, "processing_s": done - loaded, "peak_mib": _peak_mib(),
            "child_peak_mib": _child_peak_mib(), "exit": code, "pipes": nlp.pipe_names,
            "classifier_s": spent[0] if workers == 1 else None}


# -- the parent: spawns workers, never imports spaCy or detente itself -----------------


def worker(kind: str, corpus: Path, *extra: str) -> Result:
    cmd = [sys.executable, __file__, "--worker", kind, "--corpus", str(corpus), *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{kind} worker failed ({proc.returncode}):\n{proc.stderr}")
    result: Result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def end_to_end(corpus: Path) -> Result:
    cmd = [sys.executable, "-m", "detente.cli", "extract", str(corpus), "--no-text"]
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            sys.exit(f"detente CLI failed ({code}):\n{err.read()}")
    return {"wall_s": wall, "peak_mib": usage.ru_maxrss / 1024, "exit": code}


def summarise(runs: list[Result], articles: int, tokens: int) -> Result:
    median = {k: statistics.median(r[k] for r in runs) for k in ("load_s", "processing_s", "peak_mib")}
    return {**median, "articles_per_s": articles / median["processing_s"],
            "tokens_per_s": tokens / median["processing_s"], "runs": runs}


def report(res: Result) -> None:
    base, det = res["baseline"], res["detente"]
    print(f"detente {res['detente_version']} vs spaCy {res['spacy']} nlp.pipe | model {res['model']} "
          f"({res['model_version']}) | batch {res['batch_size']} | {res['cpu_count']} CPUs | "
          f"Python {res['python']} | median of {res['repeat']}")
    print(f"corpus: {res['articles']:,} articles ({res['distinct_texts']} distinct texts), "
          f"{res['tokens']:,} tokens, {res['chars']:,} characters\n")
    print(f"{'':18}{'load s':>8}{'processing s':>14}{'articles/s':>12}{'tokens/s':>11}{'peak RSS MiB':>14}")
    for name, side in (("spaCy nlp.pipe", base), ("detente extract", det)):
        print(f"{name:18}{side['load_s']:>8.2f}{side['processing_s']:>14.2f}"
              f"{side['articles_per_s']:>12.1f}{side['tokens_per_s']:>11,.0f}{side['peak_mib']:>14.0f}")
    ratios = res["ratios"]
    print(f"{'detente/baseline':18}{'':22}{ratios['throughput']:>11.2f}x{'':11}"
          f"{ratios['peak_memory']:>13.2f}x")
    if res.get("classifier_share") is not None:
        print(f"event classifier (features + prediction): {res['classifier_share']:.3f}x spaCy's "
              f"nlp.pipe time on the same texts")
    if "e2e" in res:
        e2e = res["e2e"]
        print(f"\nend to end (python -m detente.cli extract, start-up and model load included): "
              f"{e2e['wall_s']:.2f} s, {res['articles'] / e2e['wall_s']:.1f} articles/s, "
              f"peak RSS {e2e['peak_mib']:.0f} MiB")


def scaling(args: argparse.Namespace) -> None:
    """Both sides at 1..CPU-count processes: throughput and speed-up over one
    process, and detente's throughput as a ratio of the baseline's at the same
    count. Peak memory is the parent's plus the largest worker's."""
    counts = list(range(1, (os.cpu_count() or 1) + 1))
    rows = []
    with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        info = worker("corpus", corpus, "--articles", str(args.articles))
        for n in counts:
            base, det = [], []
            for _ in range(args.repeat):
                base.append(worker("baseline", corpus, "--model", info["model"],
                                   "--batch-size", str(info["batch_size"]), "--workers", str(n)))
                det.append(worker("detente", corpus, "--workers", str(n)))
            rows.append((n, statistics.median(r["processing_s"] for r in base),
                         statistics.median(r["processing_s"] for r in det),
                         max(r["peak_mib"] + r["child_peak_mib"] for r in base),
                         max(r["peak_mib"] + r["child_peak_mib"] for r in det)))
    print(f"scaling over {args.articles} articles, median of {args.repeat}, "
          f"{os.cpu_count()} CPUs (model load excluded)\n")
    print(f"{'workers':>7}{'spaCy art/s':>13}{'speed-up':>10}{'detente art/s':>15}{'speed-up':>10}"
          f"{'detente/spaCy':>15}{'spaCy MiB':>11}{'detente MiB':>13}")
    for n, base_s, det_s, base_mib, det_mib in rows:
        print(f"{n:>7}{args.articles / base_s:>13.1f}{rows[0][1] / base_s:>9.2f}x"
              f"{args.articles / det_s:>15.1f}{rows[0][2] / det_s:>9.2f}x{base_s / det_s:>14.2f}x"
              f"{base_mib:>11.0f}{det_mib:>13.0f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        keys = ("workers", "baseline_s", "detente_s", "baseline_peak_mib", "detente_peak_mib")
        args.json.write_text(json.dumps([dict(zip(keys, row, strict=True)) for row in rows],
                                        indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="corpus size (default: 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; medians (default: 3)")
    parser.add_argument("--e2e", action=argparse.BooleanOptionalAction, default=True,
                        help="also time the CLI as a subprocess (default: on)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes per side: nlp.pipe(n_process=N) and extract --workers N")
    parser.add_argument("--scaling", action="store_true",
                        help="run both sides with 1..CPU-count workers and print speed-ups")
    for hidden in ("--worker", "--corpus", "--model"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        corpus = Path(args.corpus)
        result = (build_corpus(corpus, args.articles) if args.worker == "corpus"
                  else run_baseline(corpus, args.model, args.batch_size, args.workers)
                  if args.worker == "baseline" else run_detente(corpus, args.workers))
        print(json.dumps(result))
        return
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")

    if args.scaling:
        scaling(args)
        return

    with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        info = worker("corpus", corpus, "--articles", str(args.articles))
        runs: dict[str, list[Result]] = {"baseline": [], "detente": []}
        n = str(args.workers)
        for _ in range(args.repeat):  # alternate, so drift hits both sides alike
            runs["baseline"].append(worker("baseline", corpus, "--model", info["model"],
                                           "--batch-size", str(info["batch_size"]), "--workers", n))
            runs["detente"].append(worker("detente", corpus, "--workers", n))
        e2e = [end_to_end(corpus) for _ in range(args.repeat)] if args.e2e else []

    first = runs["baseline"][0]
    if len({r["tokens"] for r in runs["baseline"]}) != 1:
        print("warning: token counts differ between baseline runs", file=sys.stderr)
    base = summarise(runs["baseline"], args.articles, first["tokens"])
    det = summarise(runs["detente"], args.articles, first["tokens"])
    res: Result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "spacy": first["spacy"],
        "detente_version": info["detente"], "model": info["model"],
        "model_version": first["model_version"], "batch_size": info["batch_size"],
        "cpu_count": os.cpu_count(), "platform": platform.platform(), "repeat": args.repeat,
        "inputs": info["inputs"], "articles": args.articles,
        "distinct_texts": info["distinct_texts"], "tokens": first["tokens"], "chars": first["chars"],
        "baseline": base, "detente": det,
        "ratios": {"throughput": det["articles_per_s"] / base["articles_per_s"],
                   "peak_memory": det["peak_mib"] / base["peak_mib"]},
        "classifier_share": (statistics.median(r["classifier_s"] for r in runs["detente"]) / base["processing_s"]
                             if all(r.get("classifier_s") is not None for r in runs["detente"]) else None),
    }
    if e2e:
        res["e2e"] = {"wall_s": statistics.median(r["wall_s"] for r in e2e),
                      "peak_mib": statistics.median(r["peak_mib"] for r in e2e), "runs": e2e}
    report(res)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        print(f"\nresults written to {args.json}")


if __name__ == "__main__":
    main()
