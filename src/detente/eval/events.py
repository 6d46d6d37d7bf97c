"""Score events against the PLOVER development set.

``../shared/data/plover_gsr_dev/`` (161 sentences from the CAMEO manual,
each with one gold PLOVER event; CC BY-SA 4.0, not copied here):
``inputs.jsonl`` are detente inputs, ``gold.jsonl`` holds ``type``,
``alt_types`` (other types the current manual accepts), ``source_alts`` and
``target_alts`` (acceptable codes per actor).

Per sentence, detente's most confident event is compared with the gold one:

- ``type_accuracy``: its type is the gold type or an accepted alternative
  (a sentence with no event counts as wrong);
- ``full_match``: the type is right, every gold source has an accepted code
  among the event's actor codes, and every gold target among its
  recipient codes (an event's actors and recipients may also be swapped
  for types with no direction: CONSULT, COOPERATE, AGREE);
- ``events_per_sentence``: all events over all sentences (precision over
  volume: the issue's target is at most 1.5).

``detente eval events [FOLDER] [--misses]`` prints the scores.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import EventRecord
from ..settings import Settings
from . import read_gold, run_gold

DEFAULT = Path(__file__).resolve().parents[4] / "shared" / "data" / "plover_gsr_dev"
UNDIRECTED = frozenset({"CONSULT", "COOPERATE", "AGREE"})


@dataclass
class EventScores:
    sentences: int = 0
    events: int = 0
    typed: int = 0
    full: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        n = self.sentences or 1
        return {"sentences": self.sentences, "type_accuracy": round(self.typed / n, 3),
                "full_match": round(self.full / n, 3), "events_per_sentence": round(self.events / n, 3),
                "top_confusions": [f"{g}->{p}: {c}" for (g, p), c in self.confusion.most_common(8)]}


def _covers(gold_alts: list[list[str]], codes: set[str | None]) -> bool:
    return all(any(code in codes for code in alts) for alts in gold_alts)


def score_events(folder: str | Path, settings: Settings) -> EventScores:
    folder = Path(folder)
    inputs = read_gold(folder / "inputs.jsonl")
    gold = {g["id"]: g for g in read_gold(folder / "gold.jsonl")}
    scores = EventScores()
    for item, article in zip(inputs, run_gold(inputs, settings), strict=True):
        g = gold[item["id"]]
        events = [r for r in article.records if isinstance(r, EventRecord)]
        scores.sentences += 1
        scores.events += len(events)
        if not events:
            scores.confusion[(g["type"], "none")] += 1
            scores.misses.append(f"{item['id']}: no event (gold {g['type']}): {item['text'][:90]}")
            continue
        best = max(events, key=lambda e: e.confidence)
        accepted = {g["type"], *g.get("alt_types", [])}
        if best.type not in accepted:
            scores.confusion[(g["type"], best.type)] += 1
            scores.misses.append(f"{item['id']}: {best.type} via {best.trigger!r} (gold {g['type']}): "
                                 f"{item['text'][:90]}")
            continue
        scores.typed += 1
        actors = {a.code for a in best.actor}
        recipients = {a.code for a in best.recipient}
        sources, targets = g.get("source_alts", []), g.get("target_alts", [])
        ok = _covers(sources, actors) and _covers(targets, recipients)
        if not ok and best.type in UNDIRECTED:
            ok = _covers(sources + targets, actors | recipients)
        if ok:
            scores.full += 1
        else:
            scores.misses.append(f"{item['id']}: {best.type} actors {sorted(map(str, actors))} -> "
                                 f"{sorted(map(str, recipients))} (gold {g.get('source')} -> {g.get('target')})")
    return scores
