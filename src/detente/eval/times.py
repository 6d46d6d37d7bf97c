"""Score time expressions: detente's own set and the MEANTIME development set.

``score_expressions(path)`` reads detente's hand-made set (JSON Lines:
``{"id", "published", "text", "expressions": [{"text", "occurrence",
"value", "granularity", "warning"}]}``) and reports detection (overlap)
precision/recall/F1, value accuracy over matched expressions, value F1
(a match counts only with the right value), and warning accuracy.

``score_meantime(folder)`` reads ``inputs.jsonl`` and ``gold.jsonl`` of the
MEANTIME English development set (120 Wikinews articles, CC BY 4.0; see its
README) and applies its rules: only predictions inside the annotated spans
count; detection by overlap against the DATE/TIME gold expressions;
TempEval-3 value F1, which counts a match as correct only when its value
is. detente's TIMEX3 value (``timex``) is compared with the gold value.
Predictions that overlap the gold durations and sets ("other_timexes")
count neither way: they are time expressions, just not dates.

``detente eval times|meantime [PATH] [--misses] [--baseline]`` prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article
from ..records import TimeRecord
from ..settings import Settings
from . import locate, match_spans, prf, read_gold, run_gold

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SET = ROOT / "tests" / "fixtures" / "times" / "expressions.jsonl"
DEFAULT_MEANTIME = ROOT.parent / "shared" / "data" / "meantime_time_dev"


@dataclass
class Expr:
    start: int
    end: int
    value: str | None
    warning: bool = False


@dataclass
class TimeScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: int = 0  # matched with the right value
    warnings: list[int] = field(default_factory=lambda: [0, 0])  # right, matched
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "predicted": self.predicted,
            "detection": prf(self.matched, self.predicted, self.gold),
            "value_accuracy": round(self.right / self.matched, 3) if self.matched else 0.0,
            "value": prf(self.right, self.predicted, self.gold),
            "warning_accuracy": round(self.warnings[0] / self.warnings[1], 3) if self.warnings[1] else None,
        }


def _score(item_id: str, text: str, gold: list[Expr], predicted: list[Expr], scores: TimeScores,
           *, warnings: bool = False) -> None:
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    pairs = match_spans(gold, predicted)
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        scores.matched += 1
        if g.value == p.value:
            scores.right += 1
        else:
            scores.misses.append(f"{item_id}: {text[g.start:g.end]!r}: {p.value} (gold {g.value})")
        if warnings:
            scores.warnings[0] += g.warning == p.warning
            scores.warnings[1] += 1
            if g.warning != p.warning:
                scores.misses.append(f"{item_id}: {text[g.start:g.end]!r}: warning {p.warning} (gold {g.warning})")
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            scores.misses.append(f"{item_id}: missed {text[g.start:g.end]!r} ({g.value})")
    for pi, p in enumerate(predicted):
        if pi not in matched_p:
            scores.misses.append(f"{item_id}: extra {text[p.start:p.end]!r} ({p.value})")


def _times(article: Article, *, timex: bool) -> list[TimeRecord]:
    return [r for r in article.records if isinstance(r, TimeRecord)]


def score_expressions(path: str | Path, settings: Settings) -> TimeScores:
    items = read_gold(path)
    scores = TimeScores()
    for item, article in zip(items, run_gold(items, settings), strict=True):
        gold = [Expr(*locate(item, e["text"], e.get("occurrence", 0)), e["value"], bool(e.get("warning")))
                for e in item["expressions"]]
        predicted = [Expr(r.start, r.end, r.value, r.warning is not None) for r in _times(article, timex=False)]
        _score(item["id"], article.text, gold, predicted, scores, warnings=True)
    return scores


def score_meantime(folder: str | Path, settings: Settings) -> TimeScores:
    folder = Path(folder)
    inputs = read_gold(folder / "inputs.jsonl")
    gold_by_id = {g["id"]: g for g in read_gold(folder / "gold.jsonl")}
    scores = TimeScores()
    for item, article in zip(inputs, run_gold(inputs, settings), strict=True):
        gold = gold_by_id[item["id"]]
        spans = [tuple(s) for s in gold["annotated_spans"]]
        others = gold.get("other_timexes", [])

        def counts(start: int, end: int, spans: Sequence[tuple[int, int]] = spans,
                   others: list[dict[str, Any]] = others) -> bool:
            inside = any(s <= start and end <= e for s, e in spans)
            duration = any(o["start"] < end and start < o["end"] for o in others)
            return inside and not duration

        expected = [Expr(t["start"], t["end"], t["value"]) for t in gold["timexes"]]
        predicted = [Expr(r.start, r.end, r.timex or r.value) for r in _times(article, timex=True)
                     if counts(r.start, r.end)]
        _score(item["id"], article.text, expected, predicted, scores)
    return scores


def dateparser_baseline(folder: str | Path, settings: Settings) -> TimeScores:
    """The baseline the issue names: spaCy's DATE/TIME entities, each given
    to dateparser with the publication date as its relative base, the value
    cut to the precision the text shows (a year, a month and year, or a
    day)."""
    import datetime as dt
    import re

    import dateparser

    from ..nlp import load_model

    folder = Path(folder)
    inputs = read_gold(folder / "inputs.jsonl")
    gold_by_id = {g["id"]: g for g in read_gold(folder / "gold.jsonl")}
    nlp = load_model(settings.model)
    scores = TimeScores()
    for item, doc in zip(inputs, nlp.pipe(i["text"] for i in inputs), strict=True):
        gold = gold_by_id[item["id"]]
        base = dt.datetime.fromisoformat(item["published"][:10])
        predicted = []
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            if not any(s <= ent.start_char and ent.end_char <= e for s, e in gold["annotated_spans"]):
                continue
            if any(o["start"] < ent.end_char and ent.start_char < o["end"] for o in gold.get("other_timexes", [])):
                continue
            parsed = dateparser.parse(ent.text, settings={"RELATIVE_BASE": base})
            value = None
            if parsed is not None:
                if re.fullmatch(r"\D*\d{4}\D*", ent.text) and not re.search(r"\d{1,2}\D+\d{4}", ent.text):
                    value = f"{parsed.year:04d}"
                elif not re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", ent.text) and re.search(r"\d{4}", ent.text):
                    value = f"{parsed.year:04d}-{parsed.month:02d}"
                else:
                    value = parsed.date().isoformat()
            predicted.append(Expr(ent.start_char, ent.end_char, value))
        expected = [Expr(t["start"], t["end"], t["value"]) for t in gold["timexes"]]
        _score(item["id"], doc.text, expected, predicted, scores)
    return scores
