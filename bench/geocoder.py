"""The offline gazetteer: build and load time, memory, and microseconds per
lookup, for the SQLite gazetteer over cities500 against the former in-memory
one over cities15000; optionally the places stage's cost per article.

    python bench/geocoder.py                      # 3 runs of each, 20,000 lookups
    python bench/geocoder.py --repeat 1 --places  # also the places stage per article

Method. Each measurement runs in a fresh child process, so that memory and
load time are the process's own (resident memory, RSS, from /proc, after
importing detente, whose import cost is not the gazetteer's):

- ``sqlite cold``: an empty cache directory (``DETENTE_CACHE``), so the file is
  built (in a child process of its own; its peak RSS is reported apart);
- ``sqlite warm``: the file is there: open it;
- ``memory (old)``: the design before issue 16 (``git show REV:src/detente/kb/
  gazetteer.py``, REV ``--old-rev``), which builds its index at every start;
- lookups: ``lookup`` over a fixed mix of names (capitals, small towns,
  exonyms, regions, abbreviations, misses): ``first`` is each name's first
  lookup in the process (the SQLite query; the in-memory design has no such
  cost), ``repeat`` the same names again (the SQLite design's per-process
  memo). Medians of ``--repeat`` runs are printed.
- ``--places``: the places stage (``find_places``) over the bundled examples'
  spaCy docs with the SQLite gazetteer, as milliseconds per article beside
  spaCy's own time for the same docs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Vienna", "Paris", "Georgia", "Kyiv", "Kiev", "Bombay", "the Baltics", "Middle East", "Tripoli",
         "Springfield", "Odesa", "Washington", "Lagos", "Nowhereville", "Sahel", "Donetsk", "Geneva",
         "Brussels", "Santiago", "Victoria", "Yvoire", "Ky.", "Cook County", "Louisville", "Zzyzx Road"]


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _old_module(rev: str) -> Any:
    source = subprocess.run(["git", "show", f"{rev}:src/detente/kb/gazetteer.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "gazetteer_old.py"
    path.write_text(source)
    # A module of the detente.kb package, so that its relative imports work.
    spec = importlib.util.spec_from_file_location("detente.kb.gazetteer_old", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def child(design: str, lookups: int, rev: str, places: bool) -> dict[str, float]:
    import detente  # noqa: F401  (import cost is not the gazetteer's)
    from detente.kb import gazetteer as new

    old = _old_module(rev) if design == "old" else None
    before = _rss_mib()
    t = time.perf_counter()
    gaz = old.Gazetteer() if old else new.Gazetteer()
    load = time.perf_counter() - t
    grown = _rss_mib() - before
    builder = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    t = time.perf_counter()
    hits = sum(len(gaz.lookup(n)) for n in NAMES)
    first_us = (time.perf_counter() - t) / len(NAMES) * 1e6
    names = (NAMES * (lookups // len(NAMES) + 1))[:lookups]
    t = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    repeat_us = (time.perf_counter() - t) / lookups * 1e6
    out = {"load_s": load, "memory_mib": grown, "builder_peak_mib": builder, "first_us": first_us,
           "repeat_us": repeat_us, "hits": hits}
    if places:
        out.update(_places(gaz))
    return out


def _places(gaz: Any) -> dict[str, float]:
    from detente import Settings
    from detente.api import extract
    from detente.nlp import load_model
    from detente.records import ActorRecord, ArticleRecord
    from detente.stages.places import find_places

    settings = Settings.load()
    texts, actors = [], []
    current: list[ActorRecord] = []
    for record in extract([str(ROOT / "examples")], settings):
        if isinstance(record, ArticleRecord):
            texts.append(record.text or "")
            current = []
            actors.append(current)
        elif isinstance(record, ActorRecord):
            current.append(record)
    nlp = load_model(settings.model)
    t = time.perf_counter()
    docs = list(nlp.pipe(texts))
    spacy_ms = (time.perf_counter() - t) / len(docs) * 1000
    t = time.perf_counter()
    for _ in range(10):
        for doc, found in zip(docs, actors, strict=True):
            find_places(doc, found, gaz)
    places_ms = (time.perf_counter() - t) / (10 * len(docs)) * 1000
    return {"places_ms_per_article": places_ms, "spacy_ms_per_article": spacy_ms}


def _run(design: str, args: argparse.Namespace, cache: str, places: bool = False) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", design, "--lookups", str(args.lookups), "--old-rev",
               args.old_rev] + (["--places"] if places else [])
    out = subprocess.run(command, capture_output=True, text=True, check=True,
                         env={**os.environ, "DETENTE_CACHE": cache})
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--old-rev", default="66ae355", help="a commit with the in-memory gazetteer")
    parser.add_argument("--places", action="store_true", help="also time the places stage per article")
    parser.add_argument("--child", choices=("old", "sqlite"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.lookups, args.old_rev, args.places)))
        return
    runs: dict[str, list[dict[str, float]]] = {"sqlite cold": [], "sqlite warm": [], "memory (old)": []}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            runs["sqlite cold"].append(_run("sqlite", args, cache))
            runs["sqlite warm"].append(_run("sqlite", args, cache, places=args.places))
        runs["memory (old)"].append(_run("old", args, tempfile.gettempdir()))
    print(f"{'design':14} {'load s':>8} {'+RSS MiB':>9} {'builder MiB':>12} {'first µs':>9} {'repeat µs':>10}")
    for design, found in runs.items():
        med = {k: statistics.median(r[k] for r in found) for k in found[0]}
        builder = f"{med['builder_peak_mib']:.0f}" if design == "sqlite cold" else "-"
        print(f"{design:14} {med['load_s']:8.2f} {med['memory_mib']:9.0f} {builder:>12} {med['first_us']:9.1f} "
              f"{med['repeat_us']:10.2f}")
        if "places_ms_per_article" in med:
            print(f"  places stage {med['places_ms_per_article']:.2f} ms per article; spaCy "
                  f"{med['spacy_ms_per_article']:.1f} ms on the same texts")


if __name__ == "__main__":
    main()
