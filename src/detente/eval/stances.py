"""Score stances against detente's hand-annotated stance set.

Gold format (JSON Lines): ``{"id", "published", "text", "stances": [{"actor",
"issue", "position"}]}`` (``tests/fixtures/stances/gold.jsonl``, written by
a session that did not see the stage's rules). Items with an empty list
mention an issue but take no position (a question, a condition, a negated
demand): every stance found there is a false positive.

A stance is scored as the triple (actor code, issue, position), per item:
**full** precision/recall/F1 on the triples; **position** on (issue,
position) only, which shows how much of the error is the actor; and
**issue** on the issue alone.

``detente eval stances [FILE] [--misses]`` prints the scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import StanceRecord
from ..settings import Settings
from . import prf, read_gold, run_gold

DEFAULT_SET = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "stances" / "gold.jsonl"
_LEVELS = ("full", "position", "issue")


@dataclass
class StanceScores:
    items: int = 0
    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in _LEVELS})  # tp, pred, gold
    no_stance_items: int = 0
    no_stance_right: int = 0  # items with no gold stance where none was found
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"items": self.items}
        for level, (tp, predicted, gold) in self.counts.items():
            out[level] = {"gold": gold, "predicted": predicted, **prf(tp, predicted, gold)}
        out["no_stance_accuracy"] = round(self.no_stance_right / self.no_stance_items, 3) \
            if self.no_stance_items else None
        return out


def _keys(triples: set[tuple[str, str, str]], level: str) -> set[tuple[str, ...]]:
    if level == "full":
        return set(triples)
    if level == "position":
        return {(issue, position) for _, issue, position in triples}
    return {(issue,) for _, issue, _ in triples}


def score_stances(path: str | Path = DEFAULT_SET, settings: Settings | None = None) -> StanceScores:
    items = read_gold(path)
    articles = run_gold(items, settings or Settings.load())
    scores = StanceScores(items=len(items))
    for item, article in zip(items, articles, strict=True):
        gold = {(s["actor"].upper(), s["issue"], s["position"]) for s in item["stances"]}
        found = {((r.actor.code or r.actor.name or "?").upper(), r.issue, r.position)
                 for r in article.records if isinstance(r, StanceRecord)}
        for level in _LEVELS:
            g, p = _keys(gold, level), _keys(found, level)
            counts = scores.counts[level]
            counts[0] += len(g & p)
            counts[1] += len(p)
            counts[2] += len(g)
        if not gold:
            scores.no_stance_items += 1
            scores.no_stance_right += not found
        for triple in sorted(gold - found):
            scores.misses.append(f"{item['id']}: missed {triple}: {item['text'][:120]}")
        for triple in sorted(found - gold):
            scores.misses.append(f"{item['id']}: wrong {triple}: {item['text'][:120]}")
    return scores


__all__ = ["DEFAULT_SET", "StanceScores", "score_stances"]
