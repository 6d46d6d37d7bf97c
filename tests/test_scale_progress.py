"""detente.scale.engine.Progress: a bar redrawn in place on a terminal,
the Dask dashboard's address once, and only a final summary elsewhere
(no model needed)."""

from __future__ import annotations

import io
from collections import Counter

from detente.scale.engine import Progress, RunReport, render_bar
from detente.scale.partitions import plan
from tests.conftest import EXAMPLES


def test_scale_progress_bar_renders_share_counts_rate_and_eta() -> None:
    # 3 of 10 MB done in 6 s with 120 articles: 30 %, ~400 articles in all,
    # 20/s, 14 s to go.
    line = render_bar(done=3, total=10, done_bytes=3_000_000, total_bytes=10_000_000, articles=120, elapsed=6.0)
    assert line == ("[######..............]  30% 3/10 partitions, 120/~400 articles, 20.0 articles/s, "
                    "ETA 0:00:14")


def test_scale_progress_bar_before_the_first_partition_and_at_the_end() -> None:
    start = render_bar(done=0, total=4, done_bytes=0, total_bytes=800, articles=0, elapsed=0.0, width=10)
    assert start == "[..........]   0% 0/4 partitions, 0 articles, 0.0 articles/s, ETA ?"
    end = render_bar(done=4, total=4, done_bytes=800, total_bytes=800, articles=37, elapsed=10.0, width=10)
    assert end == "[##########] 100% 4/4 partitions, 37 articles, 3.7 articles/s, ETA 0:00:00"


def test_scale_progress_bar_counts_failures_and_long_etas() -> None:
    line = render_bar(done=2, total=9, done_bytes=1, total_bytes=1000, articles=5, elapsed=100.0, failures=1,
                      width=4)
    # 1 byte of 1000 in 100 s: 99,900 s (27 h 45 min) to go.
    assert line == "[....]   0% 2/9 partitions (1 failed), 5/~5000 articles, 0.1 articles/s, ETA 27:45:00"


def _run(live: bool) -> str:
    stream = io.StringIO()
    partitions = plan([EXAMPLES], 1000)
    assert len(partitions) == 4
    progress = Progress(stream, live=live)
    progress.start(partitions, {partitions[0].id: {}})  # one done by an earlier run
    progress.dashboard("http://127.0.0.1:8787/status")
    progress.dashboard("http://127.0.0.1:8787/status")
    for partition in partitions[1:]:
        progress.finished(partition, {"counts": {"article": 2}})
    report = RunReport(partitions=len(partitions), skipped=1, counts=Counter(article=2 * len(partitions)))
    progress.close(report)
    return stream.getvalue()


def test_scale_progress_on_a_terminal_redraws_the_bar_and_shows_the_dashboard_once() -> None:
    shown = _run(live=True)
    assert shown.count("Dask dashboard: http://127.0.0.1:8787/status\n") == 1
    assert "were finished by an earlier run: skipped" in shown
    bars = [part for part in shown.split("\r") if part.startswith("[")]
    assert len(bars) >= 3 and all(bar.endswith("\x1b[K") or "\n" in bar for bar in bars)
    assert bars[-1].startswith("[####################] 100%")
    assert shown.endswith("article(s), 0 error(s), 0 already stored, in 0.0 s\n")


def test_scale_progress_elsewhere_prints_only_the_summary() -> None:
    shown = _run(live=False)
    assert shown.count("\n") == 1 and "\r" not in shown and "dashboard" not in shown
    assert shown.startswith("4 partition(s): 3 run now, 1 done before; ")
