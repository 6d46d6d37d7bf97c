"""Merging events across articles: how the cost grows with the corpus, and
what it adds per article beside spaCy's parse.

    python bench/happenings.py                      # 2,000 .. 16,000 articles, both streams
    python bench/happenings.py --sizes 1000 2000    # a quick check
    python bench/happenings.py --stream undated     # the undated stream only

Method. A synthetic corpus stands in for a news stream (the merge reads
only event records, so no parse is needed): ``happenings`` real-world
events, each with a type, 1-3 participants from 80 codes, a day in one
year and a place; each is reported by 1-8 articles from 40 outlets, every
report a little different (a week date instead of the day for 30% of them,
one participant missing for 20%, the actor/recipient split differing).
Every article carries 3 events.

Two streams (``--stream``): ``dated``, as above, and ``undated``: the
same events reported by articles with no publication date (the undated
JSON Lines a user feeds in most often), where 60% of the reports carry no
date either (nothing in the text dated them). An undated report may only
join a happening of its own article, so it is the merge's other path: it
was quadratic (every update looked through every member of every
happening it had touched) until issue 19 indexed happenings by article.

For each stream and size, in a fresh child process and a fresh store:

- ``one run``: all events stored, then one :func:`update_happenings`;
- ``incremental``: the same articles in 8 equal batches, an update after each
  (what ``detente ingest`` does); the last batch's time per event against the
  first's says whether updates slow down as the store grows;
- the baseline: spaCy's ``nlp.pipe`` over the bundled examples, as
  milliseconds per article, measured in the same run, so that the merge's
  cost per article reads as a ratio of the parse.

Growth is reported as the exponent b of time ∝ n^b between sizes (1.0:
linear). Because the truth is known, the merge's B-cubed precision and
recall are printed too: whether a bigger store (more look-alike candidates)
makes the merge worse.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["CONSULT", "REQUEST", "REJECT", "THREATEN", "MOBILIZE", "ASSAULT", "AGREE", "SANCTION"]


UNDATED_SHARE = 0.6  # of the reports in the undated stream


def corpus(articles: int, seed: int = 7, undated: bool = False) -> list[tuple[str, str | None, str, list[dict]]]:
    """(ref, published, source, events) per article; with ``undated``, no
    publication dates and most reports without a date."""
    import datetime as dt

    rng = random.Random(seed)
    codes = [f"C{n:02d}" for n in range(80)]
    places = [(2800866 + n, f"Place {n}", f"C{n:02d}") for n in range(60)]
    reports: list[tuple[str, dict]] = []
    real = 0
    while len(reports) < articles * 3:
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365))
        people = rng.sample(codes, rng.choice((1, 2, 2, 3)))
        type_ = rng.choice(TYPES)
        place = rng.choice(places)
        for _ in range(rng.randint(1, 8)):
            actors = list(people)
            if len(actors) > 1 and rng.random() < 0.2:
                actors.pop(rng.randrange(len(actors)))
            split = rng.randint(1, len(actors)) if type_ != "CONSULT" else len(actors)
            week = rng.random() < 0.3
            year, wk, _ = day.isocalendar()
            dateless = undated and rng.random() < UNDATED_SHARE
            reports.append((day.isoformat(), {
                "type": type_, "actor": actors[:split], "recipient": actors[split:],
                "date": None if dateless else f"{year}-W{wk:02d}" if week else day.isoformat(),
                "precision": None if dateless else "week" if week else "day",
                "place": {"geonameid": place[0], "name": place[1], "country": place[2], "feature": "city"},
                "real": real,
            }))
        real += 1
    rng.shuffle(reports)
    out = []
    for n in range(articles):
        chunk = reports[n * 3:(n + 1) * 3]
        published = max(day for day, _ in chunk)
        out.append((f"a{n}", published, f"outlet {rng.randrange(40)}", [e for _, e in chunk]))
    out.sort(key=lambda a: a[1] or "")
    if undated:
        out = [(ref, None, source, events) for ref, _, source, events in out]
    return out


def _store_articles(store, items) -> None:  # type: ignore[no-untyped-def]
    from detente.article import Article
    from detente.records import ActorRef, EventRecord, PlaceRecord

    for ref, published, source, events in items:
        article = Article.create(ref, f"Synthetic report {ref}.", published=published, date_source="given",
                                 source=source)
        records = []
        for n, e in enumerate(events):
            place = PlaceRecord(article_id=article.id, text="x", start=0, end=1, name=e["place"]["name"],
                                geonameid=e["place"]["geonameid"], country=e["place"]["country"],
                                latitude=0.0, longitude=0.0, feature="city", confidence=0.9)
            records.append(EventRecord(
                id=f"{article.id}-e{n}", article_id=article.id, type=e["type"], mode=None, context=[],
                actor=[ActorRef(c, c) for c in e["actor"]], recipient=[ActorRef(c, c) for c in e["recipient"]],
                date=e["date"], date_precision=e["precision"], status="occurred", location=place, trigger="x",
                text="x", start=n, end=n + 1, score=None, quad=None, confidence=0.7))
        article.records = records
        store.add_article(article)


def _bcubed(store, items) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """B-cubed precision and recall of the merge against the synthetic
    truth: per event, the share of its happening's events that report its
    real event, and the share of its real event's reports in its happening."""
    from collections import Counter

    truth = {}
    ids = {ref: aid for ref, aid in store.conn.execute("SELECT ref, id FROM articles")}
    for ref, _, _, events in items:
        for n, e in enumerate(events):
            truth[f"{ids[ref]}-e{n}"] = e["real"]
    found = dict(store.conn.execute("SELECT event_id, happening_id FROM happening_events"))
    pairs = Counter((found[e], truth[e]) for e in truth)
    size_h = Counter(found[e] for e in truth)
    size_r = Counter(truth.values())
    precision = sum(pairs[(found[e], truth[e])] / size_h[found[e]] for e in truth) / len(truth)
    recall = sum(pairs[(found[e], truth[e])] / size_r[truth[e]] for e in truth) / len(truth)
    return {"bcubed_precision": precision, "bcubed_recall": recall}


def child(articles: int, undated: bool) -> dict[str, float]:
    from detente.corpus.happenings import update_happenings
    from detente.store import Store

    items = corpus(articles, undated=undated)
    out: dict[str, float] = {"articles": articles, "events": articles * 3}
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "one.db") as store:
            _store_articles(store, items)
            t = time.perf_counter()
            report = update_happenings(store)
            out["one_run_s"] = time.perf_counter() - t
            out["happenings"] = report.created
            out.update(_bcubed(store, items))
        with Store(Path(folder) / "inc.db") as store:
            size = math.ceil(len(items) / 8)
            per_event = []
            for start in range(0, len(items), size):
                _store_articles(store, items[start:start + size])
                t = time.perf_counter()
                report = update_happenings(store)
                per_event.append((time.perf_counter() - t) / max(report.events, 1))
            out["incremental_s"] = sum(per_event) * size * 3
            out["first_batch_ms_per_event"] = per_event[0] * 1000
            out["last_batch_ms_per_event"] = per_event[-1] * 1000
    return out


def baseline() -> float:
    """spaCy's milliseconds per article over the bundled examples."""
    from detente import Settings
    from detente.nlp import load_model
    from detente.readers import read

    settings = Settings.load()
    nlp = load_model(settings.model)
    texts = [a.text for a in read([str(ROOT / "examples")], settings) if hasattr(a, "text")] * 10
    t = time.perf_counter()
    list(nlp.pipe(texts))
    return (time.perf_counter() - t) / len(texts) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    parser.add_argument("--stream", choices=("dated", "undated"), nargs="+", default=["dated", "undated"],
                        help="which synthetic streams (default: both)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--undated", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.undated)))
        return
    if args.baseline:
        print(json.dumps(baseline()))
        return
    run = lambda *a: json.loads(subprocess.run([sys.executable, __file__, *a], check=True,  # noqa: E731
                                               capture_output=True, text=True).stdout)
    spacy_ms = run("--baseline")
    print(f"baseline: spaCy nlp.pipe {spacy_ms:.1f} ms per article (bundled examples)")
    for stream in args.stream:
        print(f"\n{stream} stream")
        table(run, args.sizes, spacy_ms, ["--undated"] if stream == "undated" else [])


def table(run, sizes: list[int], spacy_ms: float, extra: list[str]) -> None:  # type: ignore[no-untyped-def]
    print(f"{'articles':>8} {'events':>7} {'happenings':>10} {'one run s':>9} {'ms/article':>10} "
          f"{'x spaCy':>7} {'incr. s':>7} {'1st/last batch ms/event':>24} {'B3 P/R':>11}")
    rows = []
    for size in sizes:
        r = run("--child", str(size), *extra)
        rows.append(r)
        per_article = r["one_run_s"] / size * 1000
        print(f"{size:>8} {int(r['events']):>7} {int(r['happenings']):>10} {r['one_run_s']:>9.2f} "
              f"{per_article:>10.2f} {per_article / spacy_ms:>7.3f} {r['incremental_s']:>7.2f} "
              f"{r['first_batch_ms_per_event']:>11.3f} / {r['last_batch_ms_per_event']:<10.3f} "
              f"{r['bcubed_precision']:.3f}/{r['bcubed_recall']:.3f}")
    for a, b in zip(rows, rows[1:], strict=False):
        exponent = math.log(b["one_run_s"] / a["one_run_s"]) / math.log(b["articles"] / a["articles"])
        print(f"growth {int(a['articles'])} -> {int(b['articles'])} articles: time ~ n^{exponent:.2f}")


if __name__ == "__main__":
    main()
