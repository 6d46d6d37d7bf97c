"""The tug-of-war over an issue: who demands, who rejects, who offers, and
how that changes over time.

Reads the ``stance`` records of the store (stage ``stances``). Per issue
(the normalised slug of ``kb/data/issues.tsv``, the same across articles)
and position, :func:`tug_of_war` lists the actors who took it, with how
many stances, in how many articles, and their first and last date; and a
timeline: per period, the positions each actor took. Actors are grouped by
code (a country's or organisation's people speak for it), by name when
there is no code. ``date_from``/``date_to`` (ISO days) keep the stances
whose date (else their article's publication date) overlaps the range.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from ..dates import overlaps, precision_of
from ..errors import ConfigError
from ..stages.stances import POSITIONS
from ..stages.stances import issues as lexicon
from ..store import Store
from .dyads import PERIODS, period_of


@dataclass
class Side:
    """One actor's record on one position of one issue."""

    actor: str          # a code, or a name when the actor has none
    name: str | None    # the most common name seen for it
    n: int = 0          # stances
    articles: int = 0   # articles that report them
    first: str | None = None
    last: str | None = None


@dataclass
class Moment:
    """What an actor said on the issue in one period."""

    period: str
    actor: str
    position: str
    n: int


@dataclass
class IssueSummary:
    issue: str
    label: str | None
    n: int = 0
    positions: dict[str, list[Side]] = field(default_factory=dict)
    timeline: list[Moment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def tug_of_war(store: Store, *, issue: str | None = None, actor: str | None = None,
               period: str = "month", date_from: str | None = None,
               date_to: str | None = None) -> list[IssueSummary]:
    """Per issue (or only ``issue``; only stances of ``actor``, a code or
    name, when given), the sides and the timeline, most discussed issue
    first."""
    if period not in PERIODS:
        raise ConfigError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    labels = {slug: item.label for slug, item in lexicon().items()}
    where, params = [], []
    if issue:
        where.append("s.issue = ?")
        params.append(issue)
    rows = store.conn.execute(
        "SELECT s.issue, s.actor, s.position, s.date, s.article_id, a.published FROM stances s"
        " LEFT JOIN articles a ON a.id = s.article_id"
        + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY s.date, s.article_id, s.start",
        params,
    ).fetchall()
    wanted = actor.upper() if actor else None
    sides: dict[tuple[str, str, str], Side] = {}
    side_articles: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    moments: dict[tuple[str, str, str, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        if not overlaps(row["date"] or row["published"], date_from, date_to):
            continue
        ref = json.loads(row["actor"]) if row["actor"] else {}
        key = (ref.get("code") or ref.get("name") or "?")
        if wanted and wanted not in (key.upper(), (ref.get("name") or "").upper()):
            continue
        names[key][ref.get("name") or key] += 1
        slot = (row["issue"], row["position"], key)
        side = sides.setdefault(slot, Side(actor=key, name=None))
        side.n += 1
        side_articles[slot].add(row["article_id"])
        if row["date"]:
            side.first = min(side.first or row["date"], row["date"])
            side.last = max(side.last or row["date"], row["date"])
            when = period_of(row["date"], precision_of(row["date"]), period)
            if when:
                moments[(row["issue"], when, key, row["position"])] += 1
        totals[row["issue"]] += 1
    out: dict[str, IssueSummary] = {}
    for (slug, position, key), side in sides.items():
        side.articles = len(side_articles[(slug, position, key)])
        side.name = max(names[key].items(), key=lambda kv: kv[1])[0]
        summary = out.setdefault(slug, IssueSummary(issue=slug, label=labels.get(slug), n=totals[slug]))
        summary.positions.setdefault(position, []).append(side)
    for summary in out.values():
        summary.positions = {p: sorted(summary.positions[p], key=lambda s: (-s.n, s.actor))
                             for p in POSITIONS if p in summary.positions}
    for (slug, when, key, position), n in sorted(moments.items()):
        out[slug].timeline.append(Moment(period=when, actor=key, position=position, n=n))
    return sorted(out.values(), key=lambda s: (-s.n, s.issue))


__all__ = ["POSITIONS", "IssueSummary", "Moment", "Side", "tug_of_war"]
