"""Score actor mentions against a hand-annotated gold file.

Gold format (JSON Lines): one item per line, ``{"id", "published", "text",
"actors": [{"mention", "occurrence", "name", "type", "code", "sector",
"role"}]}``, where ``mention`` is the exact surface string and
``occurrence`` which of its occurrences in ``text`` is meant (0-based).

A predicted mention and a gold mention *match* when their spans overlap
(one-to-one, largest overlap first). Reported:

- ``detection``: precision, recall and F1 of matched spans;
- ``type``, ``code``, ``sector``, ``name``: accuracy of each attribute over
  matched pairs (names compared without case, accents or punctuation;
  ``null`` equals only ``null``);
- ``strict``: precision, recall and F1 counting a match only when type,
  code and (for people) name are all right: the figure that says whether
  an analyst can trust an actor mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..kb import name_key
from ..records import ActorRecord
from ..settings import Settings
from . import locate, match_spans, prf, read_gold, run_gold


@dataclass
class Mention:
    start: int
    end: int
    name: str | None
    type: str
    code: str | None
    sector: str | None


@dataclass
class ActorScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    strict: int = 0
    attributes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("type", "code", "sector", "name"), 0))
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "predicted": self.predicted,
            "detection": prf(self.matched, self.predicted, self.gold),
            "strict": prf(self.strict, self.predicted, self.gold),
            **{k: round(v / self.matched, 3) if self.matched else 0.0
               for k, v in self.attributes.items()},
        }


def gold_mentions(item: dict[str, Any]) -> list[Mention]:
    out = []
    for a in item["actors"]:
        start, end = locate(item, a["mention"], a.get("occurrence", 0))
        out.append(Mention(start, end, a.get("name"), a["type"],
                           a.get("code"), a.get("sector")))
    return out


def predicted_mentions(records: Iterable[ActorRecord]) -> list[Mention]:
    return [Mention(m.start, m.end, r.name, r.type, r.code, r.sector)
            for r in records for m in r.mentions]


def score_actors(gold_path: str | Path, settings: Settings) -> ActorScores:
    """Run the default pipeline over every gold item and score its actors."""
    items = read_gold(gold_path)
    scores = ActorScores()
    for item, article in zip(items, run_gold(items, settings), strict=True):
        gold = gold_mentions(item)
        predicted = predicted_mentions(r for r in article.records if isinstance(r, ActorRecord))
        _score_item(item["id"], article.text, gold, predicted, scores)
    return scores


def _score_item(item_id: str, text: str, gold: list[Mention], predicted: list[Mention],
                scores: ActorScores) -> None:
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    pairs = match_spans(gold, predicted)
    matched_g = {g for g, _ in pairs}
    matched_p = {q for _, q in pairs}
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        scores.matched += 1
        same = {
            "type": g.type == p.type,
            "code": g.code == p.code,
            "sector": g.sector == p.sector,
            "name": g.type not in ("person",) or name_key(g.name or "") == name_key(p.name or ""),
        }
        for key, ok in same.items():
            scores.attributes[key] += ok
        if same["type"] and same["code"] and same["name"]:
            scores.strict += 1
        else:
            wrong = ", ".join(f"{k} {getattr(p, k)!r} (gold {getattr(g, k)!r})"
                              for k in ("type", "code", "name") if not same[k])
            scores.misses.append(f"{item_id}: {text[g.start:g.end]!r}: {wrong}")
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            scores.misses.append(f"{item_id}: missed {text[g.start:g.end]!r} ({g.type} {g.code})")
    for pi, p in enumerate(predicted):
        if pi not in matched_p:
            scores.misses.append(f"{item_id}: extra {text[p.start:p.end]!r} ({p.type} {p.code})")
