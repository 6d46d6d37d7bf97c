"""Scorers that measure detente against hand-annotated gold files.

Each scorer reads a gold file, runs the pipeline over its texts and returns
typed scores; the tests pin floors on them, and the numbers in the closing
notes of each issue come from here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..article import Article
    from ..settings import Settings


class _Spanned(Protocol):
    start: int
    end: int


class Scored(Protocol):
    misses: list[str]

    def summary(self) -> dict[str, Any]: ...


@dataclass
class SetReport:
    """Several gold sets of one kind, each scored: ``detente eval KIND``
    with no file."""

    sets: dict[str, Scored]

    def summary(self) -> dict[str, Any]:
        return {name: scores.summary() for name, scores in self.sets.items()}

    @property
    def misses(self) -> list[str]:
        return [f"{name} {line}" for name, scores in self.sets.items() for line in scores.misses]


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """A gold file: one JSON object per non-empty line."""
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]


def locate(item: dict[str, Any], text: str, occurrence: int = 0) -> tuple[int, int]:
    """The offsets of the ``occurrence``-th (0-based) ``text`` in the item's text."""
    start = -1
    for _ in range(occurrence + 1):
        start = item["text"].find(text, start + 1)
        if start < 0:
            raise ValueError(f"{item['id']}: {text[:40]!r} occurrence {occurrence} is not in the text")
    return start, start + len(text)


def prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1, rounded to three places."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def match_spans(gold: Sequence[_Spanned], predicted: Sequence[_Spanned],
                min_overlap: float = 0.0) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans,
    largest overlap first. ``min_overlap`` is the share of the longer span
    the overlap must cover (0: any overlap)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0 and overlap >= min_overlap * max(g.end - g.start, p.end - p.start):
                pairs.append((overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def gold_articles(items: Sequence[dict[str, Any]]) -> list[Article]:
    """An article per gold item, whose stored text must be the item's text
    exactly (else the gold offsets would point elsewhere)."""
    from ..article import Article

    articles = [Article.create(item["id"], item["text"], published=item.get("published"),
                               date_source="given" if item.get("published") else None) for item in items]
    for item, article in zip(items, articles, strict=True):
        if article.text != item["text"]:
            raise ValueError(f"{item['id']}: the gold text changes when normalised; fix the file")
    return articles


def run_gold(items: Sequence[dict[str, Any]], settings: Settings) -> list[Article]:
    """The gold items' articles, run through the default pipeline."""
    from ..pipeline import Pipeline

    articles = gold_articles(items)
    Pipeline.default(settings).run_batch(articles)
    return articles
