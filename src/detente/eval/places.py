"""Score geoparsing against detente's gold sets.

Two sets, one format (JSON Lines): ``{"id", "published", "text", "places":
[{"text", "occurrence", "name", "country", "feature", "geonameid",
"latitude", "longitude", "usage"}]}``:

- ``tests/fixtures/places/ambiguous.jsonl``: 122 snippets whose names have
  several readings (no ``usage``: every toponym there is treated as
  literal);
- ``tests/fixtures/places/geoparse/articles.jsonl``: whole articles of every
  kind with every toponym mention and its ``usage`` (literal, metonymic,
  modifier, embedded), annotated blind.

A predicted place matches a gold one when their spans overlap (one to one).
Reported:

- detection precision/recall/F1;
- **resolution accuracy** over matched places: right when the GeoNames id
  agrees, or, where the gold has none (regions, divisions outside the US),
  when feature and country agree; ``ambiguous`` restricts it to names with
  more than one candidate in the gazetteer;
- the measures of Gritta et al. 2019 ("A Pragmatic Guide to Geoparsing
  Evaluation", Language Resources and Evaluation 54): the error of a
  matched place is the great-circle distance between its point and the
  gold point (20,039 km, half the Earth's circumference, when detente
  gives no point; a gold toponym with no point, such as the ambiguous
  set's states and regions, is left out of these measures); **accuracy@161** is the share of matched places within 161 km
  (100 miles) of gold; **end-to-end recall@161** the share of all gold
  toponyms found and placed within 161 km; **AUC** the area under the
  curve of the sorted errors on a log scale, ln(1 + error) / ln(1 +
  20,039), over the matched places (0 is perfect, 1 the worst); the mean
  and median error in km;
- with ``usage`` in the gold: the same per usage, and how often the
  predicted usage agrees. The embedded places detente leaves out by default
  are scored with ``places_embedded`` on; the ``default`` block leaves
  embedded toponyms out of gold and prediction, as a default run does.

``detente eval places [FILE] [--misses]`` prints the scores (both sets
when no file is given).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..kb.gazetteer import gazetteer
from ..records import PlaceRecord
from ..settings import Settings
from ..stages.places import is_demonym
from . import SetReport, locate, match_spans, prf, read_gold, run_gold

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "places"
DEFAULT_SET = FIXTURES / "ambiguous.jsonl"
GEOPARSE_SET = FIXTURES / "geoparse" / "articles.jsonl"
# Half the Earth's circumference: the error of a place with no point.
MAX_ERROR_KM = 20_039.0
# 100 miles, the usual tolerance of geoparsing evaluation.
WITHIN_KM = 161.0
USAGES = ("literal", "metonymic", "modifier", "embedded")


@dataclass
class Loc:
    start: int
    end: int
    geonameid: int | None
    country: str | None
    feature: str | None
    latitude: float | None = None
    longitude: float | None = None
    usage: str | None = None


def distance_km(a: Loc, b: Loc) -> float:
    """Great-circle distance between two points (haversine, mean Earth
    radius 6,371 km); MAX_ERROR_KM when either has no point."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return MAX_ERROR_KM
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return min(2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))), MAX_ERROR_KM)


@dataclass
class Errors:
    """Distance errors of matched places, and how many gold toponyms there were."""

    gold: int = 0
    predicted: int = 0
    km: list[float] = field(default_factory=list)  # of the matched gold toponyms that have a point
    matched: int = 0
    unplaced: int = 0  # gold toponyms with no point (not in the distance measures)
    usage_right: int = 0
    #: per usage: detente's places of that usage matched to any gold
    #: toponym, and those whose gold has that usage (the usage's precision)
    said: int = 0
    said_right: int = 0

    def summary(self) -> dict[str, Any]:
        n = len(self.km)
        placed = self.gold - self.unplaced
        within = sum(1 for e in self.km if e <= WITHIN_KM)
        ordered = sorted(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in self.km)
        # The trapezoid rule over the sorted, scaled errors on [0, 1].
        auc = (sum((a + b) / 2 for a, b in zip(ordered, ordered[1:], strict=False)) / (n - 1) if n > 1
               else ordered[0] if n else 0.0)
        median = sorted(self.km)[n // 2] if n else 0.0
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "detection": prf(self.matched, self.predicted, self.gold),
            "accuracy_161": round(within / n, 3) if n else 0.0,
            "recall_161": round(within / placed, 3) if placed else 0.0,
            "auc": round(auc, 3),
            "mean_error_km": round(sum(self.km) / n, 1) if n else 0.0,
            "median_error_km": round(median, 1),
            "usage_accuracy": round(self.usage_right / self.matched, 3) if self.matched else 0.0,
        }

    def usage_summary(self) -> dict[str, Any]:
        """For one usage: detection recall whatever usage detente gave,
        the distance measures, and the usage's own precision and recall."""
        out = self.summary()
        out["detection_recall"] = out.pop("detection")["recall"]
        del out["usage_accuracy"], out["predicted"]
        out["usage"] = prf(self.said_right, self.said, self.gold)
        return out


@dataclass
class PlaceScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: int = 0
    ambiguous: list[int] = field(default_factory=lambda: [0, 0])  # right, matched
    misses: list[str] = field(default_factory=list)
    errors: Errors = field(default_factory=Errors)
    #: without the embedded toponyms (gold and predicted), as a default run
    default: Errors = field(default_factory=Errors)
    by_usage: dict[str, Errors] = field(default_factory=dict)
    with_usage: bool = False

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "gold": self.gold, "predicted": self.predicted,
            "detection": prf(self.matched, self.predicted, self.gold),
            "resolution_accuracy": round(self.right / self.matched, 3) if self.matched else 0.0,
            "ambiguous_accuracy": round(self.ambiguous[0] / self.ambiguous[1], 3) if self.ambiguous[1] else 0.0,
            "ambiguous_matched": self.ambiguous[1],
        }
        errors = self.errors.summary()
        out.update({k: errors[k] for k in ("accuracy_161", "recall_161", "auc", "mean_error_km",
                                            "median_error_km")})
        if self.with_usage:
            out["usage_accuracy"] = errors["usage_accuracy"]
            out["default"] = self.default.summary()
            out["by_usage"] = {u: self.by_usage[u].usage_summary() for u in USAGES if u in self.by_usage}
        return out


def _right(g: Loc, p: Loc) -> bool:
    if g.geonameid is not None:
        return g.geonameid == p.geonameid
    return g.feature == p.feature and g.country == p.country


def score_places(path: str | Path, settings: Settings) -> PlaceScores:
    """Run the pipeline over a gold file and score its places (see the
    module doc). Embedded toponyms are output for the scoring."""
    items = read_gold(path)
    gaz = gazetteer()
    scores = PlaceScores()
    scores.with_usage = any("usage" in g for item in items for g in item["places"])
    # A set with usage is scored on every toponym (embedded ones too); one
    # without (the ambiguous names) annotates what a default run outputs
    # less the demonyms.
    if scores.with_usage:
        settings = dataclasses.replace(settings, places_embedded=True)
    for item, article in zip(items, run_gold(items, settings), strict=True):
        gold = [Loc(*locate(item, g["text"], g.get("occurrence", 0)), g.get("geonameid"), g.get("country"),
                    g.get("feature"), g.get("latitude"), g.get("longitude"), g.get("usage", "literal"))
                for g in item["places"]]
        predicted = [Loc(r.start, r.end, r.geonameid, r.country, r.feature, r.latitude, r.longitude, r.usage)
                     for r in article.records if isinstance(r, PlaceRecord)
                     and (scores.with_usage or not is_demonym(r.text))]
        scores.gold += len(gold)
        scores.predicted += len(predicted)
        _errors(scores.errors, gold, predicted)
        _errors(scores.default, [g for g in gold if g.usage != "embedded"],
                [p for p in predicted if p.usage != "embedded"])
        pairs = match_spans(gold, predicted)
        for usage in USAGES:
            # Per usage: the gold of that usage matched against every
            # prediction; the usage's precision from what detente says has it.
            errors = scores.by_usage.setdefault(usage, Errors())
            _errors(errors, [g for g in gold if g.usage == usage], [p for p in predicted if p.usage == usage],
                    match_from=predicted)
            said = [(gold[gi], predicted[pi]) for gi, pi in pairs if predicted[pi].usage == usage]
            errors.said += len(said)
            errors.said_right += sum(1 for g, _ in said if g.usage == usage)
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            scores.matched += 1
            right = _right(g, p)
            scores.right += right
            text = article.text[g.start:g.end]
            if len(gaz.lookup(text)) > 1:
                scores.ambiguous[0] += right
                scores.ambiguous[1] += 1
            km = distance_km(g, p)
            if not right or km > WITHIN_KM or scores.with_usage and g.usage != p.usage:
                scores.misses.append(f"{item['id']}: {text!r}: {p.feature} {p.country} {p.geonameid} {p.usage} "
                                     f"(gold {g.feature} {g.country} {g.geonameid} {g.usage}; {km:.0f} km)")
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        scores.misses += [f"{item['id']}: missed {article.text[g.start:g.end]!r} ({g.usage})"
                          for gi, g in enumerate(gold) if gi not in matched_g]
        scores.misses += [f"{item['id']}: extra {article.text[p.start:p.end]!r} ({p.feature} {p.country} {p.usage})"
                          for pi, p in enumerate(predicted) if pi not in matched_p]
    return scores


def _errors(errors: Errors, gold: list[Loc], predicted: list[Loc], match_from: list[Loc] | None = None) -> None:
    """Add one article's gold and predicted places to ``errors``. With
    ``match_from``, gold places are matched against all of those (whatever
    usage detente gave them) and ``predicted`` only counts for precision."""
    errors.gold += len(gold)
    errors.predicted += len(predicted)
    pool = predicted if match_from is None else match_from
    errors.unplaced += sum(1 for g in gold if g.latitude is None)
    for gi, pi in match_spans(gold, pool):
        if gold[gi].latitude is not None:
            errors.km.append(distance_km(gold[gi], pool[pi]))
        errors.matched += 1
        errors.usage_right += gold[gi].usage == pool[pi].usage


def score_default_sets(settings: Settings) -> SetReport:
    """Both of detente's sets (the geoparsing set when it is there)."""
    sets = {"ambiguous": score_places(DEFAULT_SET, settings)}
    if GEOPARSE_SET.exists():
        sets["geoparse"] = score_places(GEOPARSE_SET, settings)
    return SetReport(dict(sets))
