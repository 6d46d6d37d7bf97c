"""The offline geocoder: gazetteer build time and memory, lookups per second,
and the places stage's cost per article, against spaCy on the same texts.

    python bench/geocoder.py                 # defaults: 200,000 lookups, 3 runs
    python bench/geocoder.py --lookups 50000 --repeat 1

Method. Each measurement runs in a fresh child process so that memory is the
process's own:

- build: time and resident-memory growth (RSS, from /proc) of building the
  gazetteer (``detente.kb.gazetteer.Gazetteer``) after importing detente;
- lookups: ``Gazetteer.lookup`` over a fixed mix of names (capitals, small
  towns, exonyms, regions, misses), as many as ``--lookups``;
- resolution: the places stage (``find_places``) over the bundled examples'
  spaCy docs, as milliseconds per article, beside spaCy's own time for the
  same docs (the baseline), so the stage's cost reads as a ratio.
Medians of ``--repeat`` runs are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Vienna", "Paris", "Georgia", "Kyiv", "Kiev", "Bombay", "the Baltics", "Middle East", "Tripoli",
         "Springfield", "Odesa", "Washington", "Lagos", "Nowhereville", "Sahel", "Donetsk", "Geneva",
         "Brussels", "Santiago", "Victoria"]


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(lookups: int) -> dict[str, float]:
    import detente  # noqa: F401  (import cost is not the gazetteer's)
    from detente.kb.gazetteer import Gazetteer

    before = _rss_mib()
    t = time.perf_counter()
    gaz = Gazetteer()
    build = time.perf_counter() - t
    grown = _rss_mib() - before
    names = (NAMES * (lookups // len(NAMES) + 1))[:lookups]
    t = time.perf_counter()
    hits = sum(len(gaz.lookup(n)) for n in names)
    per_second = lookups / (time.perf_counter() - t)

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
    return {"build_s": build, "memory_mib": grown, "lookups_per_s": per_second, "hits": hits,
            "places_ms_per_article": places_ms, "spacy_ms_per_article": spacy_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.lookups)))
        return
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, __file__, "--child", "--lookups", str(args.lookups)],
                             capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"gazetteer build      {med['build_s']:.2f} s, +{med['memory_mib']:.0f} MiB resident")
    print(f"lookups              {med['lookups_per_s']:,.0f} per second ({args.lookups:,} names)")
    print(f"places stage         {med['places_ms_per_article']:.2f} ms per article; spaCy "
          f"{med['spacy_ms_per_article']:.1f} ms on the same texts "
          f"(ratio {med['places_ms_per_article'] / med['spacy_ms_per_article']:.3f})")


if __name__ == "__main__":
    main()
