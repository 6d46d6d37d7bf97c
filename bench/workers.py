"""``detente ingest --workers N``: wall time, speed-up and the memory of each
process, as the kernel counts it (Linux).

    python bench/workers.py                     # 240 articles, 1 and 2 workers, 2 runs each
    python bench/workers.py --articles 80 --repeat 1
    python bench/workers.py --growth 1000       # ingest RSS over 1,000 articles, one worker

Method. The corpus is bench/stages.py's (the blind real-news sets, undated,
copies made unique). Each run is the real CLI in a fresh process, ``detente
-q ingest CORPUS --db NEW --workers N``, its process tree sampled every
0.2 s from ``/proc``: per process its peak RSS (what ``ru_maxrss`` and
``top`` show: shared pages are counted in every process that maps them) and
its peak PSS (each shared page divided between the processes sharing it:
the per-process figures add up to the machine's memory use). Printed per
worker count: median wall time, speed-up over one worker, the parent's and
each worker's peak RSS and PSS, and the peak of the tree's summed PSS.

``--growth N`` runs one worker over N articles and prints the process's
RSS every N/10 articles read (the store's article count, polled), and the
growth per article between the first and the last tenth: whether memory
stays flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from stages import corpus  # noqa: E402


def _kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def run(source: Path, workers: int, db: Path) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "detente.cli", "-q", "ingest", str(source), "--db", str(db),
           "--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, dict[str, int]] = {}
    total_pss = 0
    while proc.poll() is None:
        tree = [proc.pid, *_children(proc.pid)]
        pss_now = 0
        for pid in tree:
            rss, pss = _kib(pid, "Rss"), _kib(pid, "Pss")
            peak = peaks.setdefault(pid, {"rss": 0, "pss": 0})
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            pss_now += pss
        total_pss = max(total_pss, pss_now)
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"ingest failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    parent = peaks.pop(proc.pid, {"rss": 0, "pss": 0})
    return {"wall_s": wall, "parent_rss_mib": parent["rss"] / 1024, "parent_pss_mib": parent["pss"] / 1024,
            "worker_rss_mib": [p["rss"] / 1024 for p in peaks.values()],
            "worker_pss_mib": [p["pss"] / 1024 for p in peaks.values()], "total_pss_mib": total_pss / 1024}


def growth(source: Path, db: Path, articles: int) -> None:
    cmd = [sys.executable, "-m", "detente.cli", "-q", "ingest", str(source), "--db", str(db), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    step = max(articles // 10, 1)
    marks: list[tuple[int, float]] = []
    next_mark = step
    while proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= next_mark:
            rss = _kib(proc.pid, "Rss") / 1024
            marks.append((stored, rss))
            print(f"  {stored:>6} articles stored: RSS {rss:7.1f} MiB", flush=True)
            next_mark = (stored // step + 1) * step
    if len(marks) >= 2:
        (a0, r0), (a1, r1) = marks[0], marks[-1]
        print(f"growth {a0} -> {a1} articles: {(r1 - r0) * 1024 / max(a1 - a0, 1):.1f} KiB per article")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--growth", type=int, metavar="N", help="RSS over N articles, one worker")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="detente-bench-") as folder:
        source = Path(folder) / "corpus.jsonl"
        rows = corpus(args.growth or args.articles, dated=False)
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        if args.growth:
            growth(source, Path(folder) / "growth.db", args.growth)
            return
        results: dict[int, list[dict[str, Any]]] = {n: [] for n in args.workers}
        for k in range(args.repeat):
            for n in args.workers:  # alternate, so drift hits every count alike
                results[n].append(run(source, n, Path(folder) / f"w{n}-{k}.db"))
    base = statistics.median(r["wall_s"] for r in results[args.workers[0]])
    print(f"{args.articles} undated articles, median of {args.repeat}; MiB are peaks over the run")
    print(f"{'workers':>7} {'wall s':>7} {'speed-up':>8} {'parent RSS/PSS':>15} {'worker RSS/PSS':>22} "
          f"{'total PSS':>10}")
    for n, runs in results.items():
        wall = statistics.median(r["wall_s"] for r in runs)
        last = runs[-1]
        workers = ", ".join(f"{r:.0f}/{p:.0f}" for r, p in zip(last["worker_rss_mib"], last["worker_pss_mib"],
                                                                 strict=True)) or "-"
        print(f"{n:>7} {wall:>7.2f} {base / wall:>7.2f}x {last['parent_rss_mib']:>7.0f}/{last['parent_pss_mib']:<7.0f}"
              f" {workers:>22} {max(r['total_pss_mib'] for r in runs):>10.0f}")
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
