"""Dyad series: the tug-of-war between two actors over time.

For every directed pair of actor codes (source → target) and every period
(``day``, ``week`` or ``month``), the events of the store give:

- ``n``: how many events;
- ``q1`` … ``q4``: how many in each quad class (1 verbal cooperation, 2
  material cooperation, 3 verbal conflict, 4 material conflict);
- ``score_sum`` and ``score_mean``: the conflict-cooperation score (-10..10).

How events become pairs:

- each code in an event's ``actor`` list with each code in its
  ``recipient`` list (codes, not names: the Kremlin and Moscow are both
  RUS; an actor with no code is left out);
- an event with several actors and no recipient (a multilateral meeting, a
  joint agreement) gives every ordered pair of its actors: both sides did
  it with each other;
- only events that happened count by default (status ``occurred`` or
  ``ongoing``): a scheduled meeting or a negated withdrawal is not yet, or
  not, part of the relationship. ``statuses`` changes that.

Periods come from the event's date at its own precision: a day-dated event
falls in its day, ISO week and month; a week-dated one in its week and the
month of the week's Thursday (ISO's rule for which month a week belongs
to); a month-dated one only in monthly series. An event too coarse for the
asked period is left out and counted in :attr:`DyadSeries.too_coarse`.
``date_from``/``date_to`` (ISO days) keep the events whose date overlaps
the range (:func:`detente.dates.overlaps`).

An event with no date at all (its article had no publication date and the
text names no absolute date for it) is in no period and no date range: it
is left out and counted in :attr:`DyadSeries.undated`, whatever the range,
so that a corpus without dates does not just look quiet. Dating such
articles (``--published``, or a ``published`` field) brings them in.

What is counted: by default happenings (``unit="happening"``), the events
merged across articles (:mod:`detente.corpus.happenings`), so that a meeting
reported by ten articles counts once, not ten times (the double counting
GDELT's users complain of). ``unit="event"`` counts every reported event
instead, as a mention-weighted series does; it is also the only unit that
holds ``hypothetical`` and ``negated`` statuses, which are no happenings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..dates import overlaps, period_of
from ..errors import ConfigError
from ..store import Store

PERIODS = ("day", "week", "month")
UNITS = {"happening": "happenings", "event": "events"}
HAPPENED = ("occurred", "ongoing")


@dataclass
class DyadRow:
    source: str
    target: str
    period: str
    n: int = 0
    q1: int = 0
    q2: int = 0
    q3: int = 0
    q4: int = 0
    score_sum: float = 0.0
    score_mean: float | None = None


@dataclass
class DyadSeries:
    rows: list[DyadRow] = field(default_factory=list)
    too_coarse: int = 0  # events whose date is coarser than the period
    undated: int = 0  # events with no date at all (articles with no publication date)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [asdict(r) for r in self.rows]


def actor_pairs(actors: list[str], recipients: list[str]) -> Iterable[tuple[str, str]]:
    if recipients:
        return ((a, r) for a in actors for r in recipients if a != r)
    return ((a, b) for a in actors for b in actors if a != b)


def dyad_series(store: Store, *, actor: str | None = None, period: str = "week",
                statuses: Sequence[str] = HAPPENED, unit: str = "happening",
                date_from: str | None = None, date_to: str | None = None,
                counterpart: str | None = None) -> DyadSeries:
    """The series for every pair (or only pairs with ``actor`` on either
    side; with ``counterpart`` too, only the pairs between the two, both
    directions), sorted by pair and period, counting happenings or events
    (only those dated within ``date_from``..``date_to`` when given). A
    ``counterpart`` without an ``actor`` acts as ``actor``. Those left out
    for their date are counted: ``too_coarse`` and ``undated``."""
    if period not in PERIODS:
        raise ConfigError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if unit not in UNITS:
        raise ConfigError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    marks = ", ".join("?" for _ in statuses)
    rows = store.conn.execute(
        f"SELECT actor, recipient, date, date_precision, score, quad FROM {UNITS[unit]}"
        f" WHERE status IN ({marks})",
        list(statuses),
    ).fetchall()
    cells: dict[tuple[str, str, str], DyadRow] = {}
    scored: dict[tuple[str, str, str], int] = defaultdict(int)
    series = DyadSeries()
    wanted = {code.upper() for code in (actor, counterpart) if code}

    def kept(source: str, target: str) -> bool:
        if len(wanted) == 2:  # between the actor and its counterpart
            return {source, target} == wanted
        return not wanted or bool(wanted & {source, target})

    for row in rows:
        actors = _codes(row["actor"])
        recipients = _codes(row["recipient"])
        pairs = [(a, r) for a, r in actor_pairs(actors, recipients) if kept(a, r)]
        if not pairs:
            continue
        if not row["date"]:
            series.undated += 1
            continue
        if not overlaps(row["date"], date_from, date_to):
            continue
        key_period = period_of(row["date"], row["date_precision"], period)
        if key_period is None:
            series.too_coarse += 1
            continue
        for source, target in pairs:
            key = (source, target, key_period)
            cell = cells.setdefault(key, DyadRow(source, target, key_period))
            cell.n += 1
            if row["quad"] in (1, 2, 3, 4):
                setattr(cell, f"q{row['quad']}", getattr(cell, f"q{row['quad']}") + 1)
            if row["score"] is not None:
                cell.score_sum += float(row["score"])
                scored[key] += 1
    for key, cell in cells.items():
        cell.score_sum = round(cell.score_sum, 3)
        cell.score_mean = round(cell.score_sum / scored[key], 3) if scored[key] else None
    series.rows = sorted(cells.values(), key=lambda r: (r.source, r.target, r.period))
    return series


def dyad_frame(store: Store, **kwargs: Any) -> Any:
    """The series as a pandas DataFrame (``pip install 'detente[analysis]'``)."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ConfigError("dyad_frame needs pandas: pip install 'detente[analysis]'") from exc
    series = dyad_series(store, **kwargs)
    columns = [f.name for f in DyadRow.__dataclass_fields__.values()]
    return pd.DataFrame(series.to_dicts(), columns=columns)


def _codes(cell: str | None) -> list[str]:
    refs = json.loads(cell) if cell else []
    return list(dict.fromkeys(r["code"] for r in refs if r.get("code")))


__all__ = ["HAPPENED", "PERIODS", "UNITS", "DyadRow", "DyadSeries", "actor_pairs", "dyad_frame", "dyad_series",
           "period_of"]
