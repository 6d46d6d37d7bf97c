"""Where the time goes: each stage, the records' JSON and the happenings
merge, as a share of spaCy's own ``nlp.pipe`` over the same texts.

    python bench/stages.py                      # 400 undated real articles, extract and ingest
    python bench/stages.py --articles 100       # a quick check
    python bench/stages.py --dated              # keep the articles' publication dates

Method. The corpus is the blind real-news sets of the events fixtures
(``tests/fixtures/events/realnews*/articles.jsonl``, 156 articles) repeated
to ``--articles`` with each copy made unique (a last line "Copy n."), and,
unless ``--dated``, without their publication dates: the undated JSON Lines
a user feeds in most often, where the happenings merge had its quadratic
branch. In one process, with the model loaded first:

1. the baseline: spaCy's ``nlp.pipe`` over the stored texts (same model and
   batch size as detente), CPU time;
2. ``extract``: :func:`detente.api.process` with every stage of the default
   pipeline timed where it is called, then each outcome's records to JSON
   lines (as ``detente extract`` prints them), then the happenings merge of
   the extracted events (as ``detente extract`` ends);
3. ``ingest``: :func:`detente.api.ingest` into a fresh store, the stages
   timed again and the final happenings update timed on its own.

Printed: CPU seconds per part, each as a share of the baseline's, and the
throughput ratio (detente/spaCy by CPU time: 1.00 is spaCy's own speed).
``--json PATH`` also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted((ROOT / "tests" / "fixtures" / "events").glob("realnews*/articles.jsonl"))


def corpus(n: int, dated: bool) -> list[dict[str, Any]]:
    rows = [json.loads(line) for path in SETS for line in path.read_text("utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        row = dict(rows[i % len(rows)])
        row["id"] = f"{row['id']}-copy{i}"
        row["text"] = f"{row['text']}\n\nCopy {i}."
        if not dated:
            row.pop("published", None)
        out.append(row)
    return out


class Timed:
    """A stage, timed (CPU) where the pipeline calls it."""

    def __init__(self, stage: Any, spent: dict[str, float]) -> None:
        self.stage, self.spent = stage, spent
        self.name, self.requires, self.provides = stage.name, stage.requires, stage.provides

    def __call__(self, articles: list[Any]) -> None:
        t = time.process_time()
        try:
            self.stage(articles)
        finally:
            self.spent[self.name.split(".")[0]] += time.process_time() - t


def timed_pipeline(settings: Any, spent: dict[str, float]) -> Any:
    from detente.pipeline import Pipeline

    default = Pipeline.default(settings)
    return Pipeline([Timed(s, spent) for s in default.stages], max_records=default.max_records,
                    time_limit=default.time_limit)


def run(args: argparse.Namespace) -> dict[str, Any]:
    import detente.api as api
    from detente.nlp import load_model, unwrap
    from detente.settings import Settings
    from detente.stages.language import identify
    from detente.store import Store

    rows = corpus(args.articles, args.dated)
    settings = Settings.load(env={})
    nlp = load_model(settings.model)
    identify("A sentence to load the language identifier's model.")
    texts = [unwrap(r["text"]) for r in rows]
    list(nlp.pipe(texts[:20], batch_size=settings.batch_size))  # warm up
    t = time.process_time()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    spacy_s = time.process_time() - t

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")

        # -- extract
        spent: dict[str, float] = defaultdict(float)
        pipeline = timed_pipeline(settings, spent)
        merger = api._Happenings()
        started = time.process_time()
        json_s = 0.0
        merge_add_s = 0.0
        with open(Path(folder) / "out.jsonl", "w", encoding="utf-8") as out:
            for outcome in api.process([str(source)], settings, pipeline=pipeline):
                t = time.process_time()
                for record in outcome.records(with_text=True):
                    out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                json_s += time.process_time() - t
                if outcome.article is not None:
                    t = time.process_time()
                    merger.add(outcome.article)
                    merge_add_s += time.process_time() - t
        t = time.process_time()
        happenings = list(merger.finish())
        merge_s = time.process_time() - t
        extract_s = time.process_time() - started
        extract = {"total_s": extract_s, "stages_s": dict(spent), "json_s": json_s,
                   "happenings_store_s": merge_add_s, "happenings_merge_s": merge_s,
                   "happenings": len(happenings)}

        # -- ingest
        spent = defaultdict(float)
        pipeline = timed_pipeline(settings, spent)
        update = api.update_happenings
        merged = [0.0]

        def timed_update(*a: Any, **k: Any) -> Any:
            t = time.process_time()
            try:
                return update(*a, **k)
            finally:
                merged[0] += time.process_time() - t

        api.update_happenings = timed_update  # type: ignore[assignment]
        try:
            with Store(Path(folder) / "bench.db") as store:
                started = time.process_time()
                report = api.ingest([str(source)], store, settings, pipeline=pipeline)
                ingest_s = time.process_time() - started
        finally:
            api.update_happenings = update  # type: ignore[assignment]
        stages_total = sum(spent.values())
        ingest = {"total_s": ingest_s, "stages_s": dict(spent), "happenings_merge_s": merged[0],
                  "store_s": ingest_s - stages_total - merged[0], "added": report.added}
    return {"articles": len(rows), "dated": args.dated, "spacy_s": spacy_s, "extract": extract, "ingest": ingest}


def show(res: dict[str, Any]) -> None:
    base = res["spacy_s"]
    print(f"{res['articles']} {'dated' if res['dated'] else 'undated'} articles; spaCy nlp.pipe {base:.2f} s CPU "
          f"({res['articles'] / base:.1f} articles/s)")
    for side in ("extract", "ingest"):
        r = res[side]
        print(f"\n{side}: {r['total_s']:.2f} s CPU, throughput {base / r['total_s']:.3f}x spaCy's")
        parts = {**{f"stage {k}": v for k, v in r["stages_s"].items()},
                 **{k[:-2]: v for k, v in r.items() if k.endswith("_s") and k not in ("total_s", "stages_s")}}
        for name, value in sorted(parts.items(), key=lambda p: -p[1]):
            print(f"  {name:24} {value:8.2f} s  {value / base:7.3f}x spaCy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--dated", action="store_true", help="keep the publication dates")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    res = run(args)
    show(res)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
