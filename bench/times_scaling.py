"""The times stage on one long sentence: how its cost grows with the number
of dates in the sentence.

    python bench/times_scaling.py                        # 250 .. 4,000 dates
    python bench/times_scaling.py --sizes 250 500 --repeat 1
    python bench/times_scaling.py --shape dates          # "1 January 2000, ..."

Method. One article whose body is a single verbless sentence listing N
dates: "Elections in 1901, 1902, ..." (``--shape years``, the default) or
"Meeting dates: 1 January 2000, 2 January 2000, ..." (``--shape dates``). A verbless
sentence is the worst case of the tense rule (a root that is no verb takes
the tense of the whole sentence's verbs); before issue 15 every date walked
the whole sentence again (1,000 dates: 8 s, 10,000: 164 s and 1 GB). The
article is parsed once (spaCy's time is printed beside, for scale, but not
counted); then the times stage alone runs ``--repeat`` times and the median
is printed, with the number of time records and the ratio to the previous
size. With sizes doubling, a ratio near 2 is linear growth, near 4
quadratic.

Measured on 2 cores (2026-12-06), ``--shape years``, seconds of the times
stage (ratio per doubling) for 250, 500, 1,000, 2,000 and 4,000 dates:
before the fix 0.069, 0.224 (3.3), 0.814 (3.6), 3.55 (4.4), 17.1 (4.8);
after it 0.011, 0.022 (2.0), 0.043 (1.9), 0.080 (1.9), 0.163 (2.0), and
0.356 (2.2) for 8,000. spaCy's parse of the same sentence takes 0.07 to
1.1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from detente import Settings  # noqa: E402
from detente.article import Article  # noqa: E402
from detente.records import TimeRecord  # noqa: E402
from detente.stages.annotate import Annotate  # noqa: E402
from detente.stages.times import Times  # noqa: E402

FIRST = dt.date(2000, 1, 1)


def sentence(n: int, shape: str) -> str:
    if shape == "years":
        return "Elections in " + ", ".join(str(1901 + i % 120) for i in range(n)) + "."
    days = (FIRST + dt.timedelta(days=i) for i in range(n))
    return "Meeting dates: " + ", ".join(f"{d.day} {d:%B} {d.year}" for d in days) + "."


def measure(n: int, shape: str, repeat: int, settings: Settings, annotate: Annotate) -> tuple[float, float, int]:
    """(parse seconds, median times-stage seconds, time records) for N dates."""
    article = Article.create("bench", "Dates\n\n" + sentence(n, shape), published="2022-01-12", date_source="given")
    start = time.perf_counter()
    annotate([article])
    parse = time.perf_counter() - start
    stage = Times(settings)
    runs = []
    for _ in range(repeat):
        article.records = []
        start = time.perf_counter()
        stage([article])
        runs.append(time.perf_counter() - start)
    found = sum(isinstance(r, TimeRecord) for r in article.records)
    return parse, statistics.median(runs), found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000])
    parser.add_argument("--shape", choices=["years", "dates"], default="years")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    settings = Settings.load(env={})
    annotate = Annotate(settings)
    print(f"{'dates':>6} {'records':>8} {'parse s':>8} {'times s':>8} {'ratio':>6}")
    previous: float | None = None
    for n in args.sizes:
        parse, seconds, found = measure(n, args.shape, args.repeat, settings, annotate)
        ratio = f"{seconds / previous:6.2f}" if previous else f"{'-':>6}"
        print(f"{n:>6} {found:>8} {parse:>8.2f} {seconds:>8.3f} {ratio}", flush=True)
        previous = seconds


if __name__ == "__main__":
    main()
