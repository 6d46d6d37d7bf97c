"""``/api/network``: the actor network aggregated in SQL against every
happening read into Python, as the store grows.

    python bench/network.py                      # 1,000 .. 8,000 articles
    python bench/network.py --sizes 1000 2000    # a quick check

Method. bench/happenings.py's dated synthetic stream (3 events per
article, 1-3 participants from 80 codes) is stored and merged into
happenings; then, per size, the graph the endpoint answers is made both
ways, median of ``--repeat``: ``python``, the endpoint before issue 19
(``Store.page`` of every happening, then
:func:`detente.exports.actor_network`), and ``sql``
(:func:`detente.store.queries.network`). The two answers must be equal.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from happenings import _store_articles, corpus  # noqa: E402


def measure(size: int, repeat: int) -> dict[str, Any]:
    from detente.corpus.happenings import update_happenings
    from detente.exports import actor_network
    from detente.records import HappeningRecord
    from detente.store import Filters, Store
    from detente.store.queries import network

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "n.db") as store:
        _store_articles(store, corpus(size))
        update_happenings(store)
        happenings = store.conn.execute("SELECT count(*) FROM happenings").fetchone()[0]

        def old() -> dict[str, Any]:
            items = store.page("happening", Filters(), limit=None).items
            return actor_network(store, cast(list[HappeningRecord], items)).to_dict()

        def new() -> dict[str, Any]:
            return network(store.conn, Filters()).to_dict()

        times: dict[str, list[float]] = {"python": [], "sql": []}
        answers = {}
        for _ in range(repeat):
            for name, make in (("python", old), ("sql", new)):
                t = time.perf_counter()
                answers[name] = make()
                times[name].append(time.perf_counter() - t)
        if answers["python"] != answers["sql"]:
            raise SystemExit(f"the two answers differ at {size} articles")
        return {"articles": size, "happenings": happenings, "edges": len(answers["sql"]["edges"]),
                **{f"{k}_s": statistics.median(v) for k, v in times.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'articles':>8} {'happenings':>10} {'edges':>6} {'python s':>9} {'sql s':>7} {'ratio':>6}")
    for size in args.sizes:
        r = measure(size, args.repeat)
        print(f"{r['articles']:>8} {r['happenings']:>10} {r['edges']:>6} {r['python_s']:>9.3f} {r['sql_s']:>7.3f} "
              f"{r['python_s'] / r['sql_s']:>5.1f}x", flush=True)


if __name__ == "__main__":
    main()
