"""Score geocoding against detente's ambiguous-place-names set.

Gold format (JSON Lines): ``{"id", "published", "text", "places": [{"text",
"occurrence", "name", "country", "feature", "geonameid", "latitude",
"longitude"}]}`` (``tests/fixtures/places/ambiguous.jsonl``).

A predicted place matches a gold one when their spans overlap (one to one).
Reported: detection precision/recall/F1, and **resolution accuracy** over
matched places: right when the GeoNames id agrees, or, where the gold has
none (regions, divisions outside the US), when feature and country agree.
``ambiguous`` restricts the accuracy to names with more than one
candidate in the gazetteer.

``detente eval places [FILE] [--misses]`` prints the scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..kb.gazetteer import gazetteer
from ..records import PlaceRecord
from ..settings import Settings
from . import locate, match_spans, prf, read_gold, run_gold

DEFAULT_SET = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "places" / "ambiguous.jsonl"


@dataclass
class Loc:
    start: int
    end: int
    geonameid: int | None
    country: str | None
    feature: str | None


@dataclass
class PlaceScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: int = 0
    ambiguous: list[int] = field(default_factory=lambda: [0, 0])  # right, matched
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "predicted": self.predicted,
            "detection": prf(self.matched, self.predicted, self.gold),
            "resolution_accuracy": round(self.right / self.matched, 3) if self.matched else 0.0,
            "ambiguous_accuracy": round(self.ambiguous[0] / self.ambiguous[1], 3) if self.ambiguous[1] else 0.0,
            "ambiguous_matched": self.ambiguous[1],
        }


def _right(g: Loc, p: Loc) -> bool:
    if g.geonameid is not None:
        return g.geonameid == p.geonameid
    return g.feature == p.feature and g.country == p.country


def score_places(path: str | Path, settings: Settings) -> PlaceScores:
    items = read_gold(path)
    gaz = gazetteer()
    scores = PlaceScores()
    for item, article in zip(items, run_gold(items, settings), strict=True):
        gold = [Loc(*locate(item, g["text"], g.get("occurrence", 0)), g.get("geonameid"), g.get("country"),
                    g.get("feature")) for g in item["places"]]
        predicted = [Loc(r.start, r.end, r.geonameid, r.country, r.feature)
                     for r in article.records if isinstance(r, PlaceRecord)]
        scores.gold += len(gold)
        scores.predicted += len(predicted)
        pairs = match_spans(gold, predicted)
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            scores.matched += 1
            right = _right(g, p)
            scores.right += right
            text = article.text[g.start:g.end]
            if len(gaz.lookup(text)) > 1:
                scores.ambiguous[0] += right
                scores.ambiguous[1] += 1
            if not right:
                scores.misses.append(f"{item['id']}: {text!r}: {p.feature} {p.country} {p.geonameid} "
                                     f"(gold {g.feature} {g.country} {g.geonameid})")
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        scores.misses += [f"{item['id']}: missed {article.text[g.start:g.end]!r}"
                          for gi, g in enumerate(gold) if gi not in matched_g]
        scores.misses += [f"{item['id']}: extra {article.text[p.start:p.end]!r} ({p.feature} {p.country})"
                          for pi, p in enumerate(predicted) if pi not in matched_p]
    return scores
