"""Score the merging of events across articles against a hand-made corpus.

The corpus (``tests/fixtures/corpus``) is a JSON Lines file of articles and
``expected.json``: the real-world happenings they report (type, participants,
date, and every article that reports each) and pairs of happenings that
must stay apart. The articles are ingested into a throwaway store; then, per
expected happening:

- the detente happenings that *match* it are those of its type family,
  sharing a participant code, whose date window overlaps its date;
- its *main* happening is the matching one holding most of its articles;
- ``coverage``: the share of its articles whose reports the main happening
  merged (1.0: every report of the Geneva talks is in one happening);
- ``purity``: the share of the main happening's articles that do report it
  (1.0: nothing else was merged in);
- ``fragments``: other matching happenings holding some of its articles
  (the same event counted twice).

A ``distinct`` pair whose two happenings have the same main happening is a
*false merge*. ``found`` counts expected happenings whose main happening
merges at least two articles.

``baseline=True`` scores an exact-key merge instead (one happening per
distinct type, actor codes, recipient codes and date, the way event data is
usually de-duplicated), over the same extracted events.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus.happenings import family_of, window_of
from ..settings import Settings

DEFAULT = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "corpus"


@dataclass
class _Merged:
    """A produced happening, as the scorer sees it."""

    id: str
    family: str
    codes: set[str]
    window: tuple[str, str] | None
    articles: set[str]


@dataclass
class HappeningScores:
    expected: int = 0
    found: int = 0
    coverage: float = 0.0
    purity: float = 0.0
    fragments: int = 0
    false_merges: int = 0
    happenings: int = 0
    multi_article: int = 0
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"expected": self.expected, "found": self.found, "coverage": self.coverage,
                "purity": self.purity, "fragments": self.fragments, "false_merges": self.false_merges,
                "happenings": self.happenings, "multi_article": self.multi_article}


def score_happenings(folder: str | Path = DEFAULT, settings: Settings | None = None, *,
                     baseline: bool = False) -> HappeningScores:
    from .. import api
    from ..store import Store

    folder = Path(folder)
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    inputs = sorted(str(p) for p in folder.glob("*.jsonl"))
    settings = dataclasses.replace(settings or Settings.load(), workers=1)
    with Store(":memory:") as store:
        api.ingest(inputs, store, settings, command="eval happenings")
        refs = {row["id"]: row["ref"] for row in store.conn.execute("SELECT id, ref FROM articles")}
        merged = _baseline(store, refs) if baseline else _happenings(store, refs)
    return _score(expected, merged)


def _happenings(store: Any, refs: dict[str, str]) -> list[_Merged]:
    out = []
    for record in store.happenings(limit=1_000_000):
        articles = {refs[row[0]] for row in store.conn.execute(
            "SELECT DISTINCT e.article_id FROM happening_events he JOIN events e ON e.id = he.event_id"
            " WHERE he.happening_id = ?", (record.id,))}
        out.append(_Merged(record.id, family_of(record.type), _codes(record.actor + record.recipient),
                           window_of(record.date, record.date_precision), articles))
    return out


def _baseline(store: Any, refs: dict[str, str]) -> list[_Merged]:
    groups: dict[tuple[Any, ...], _Merged] = {}
    for row in store.conn.execute("SELECT * FROM events WHERE status IN ('occurred', 'ongoing', 'scheduled')"):
        actors = sorted(_codes(_refs(row["actor"])))
        recipients = sorted(_codes(_refs(row["recipient"])))
        key = (row["type"], tuple(actors), tuple(recipients), row["date"])
        item = groups.setdefault(key, _Merged(str(key), family_of(row["type"]), set(actors) | set(recipients),
                                              window_of(row["date"], row["date_precision"]), set()))
        item.articles.add(refs[row["article_id"]])
    return list(groups.values())


def _score(expected: dict[str, Any], merged: list[_Merged]) -> HappeningScores:
    scores = HappeningScores(expected=len(expected["happenings"]), happenings=len(merged),
                             multi_article=sum(len(m.articles) > 1 for m in merged))
    main: dict[str, str | None] = {}
    coverage, purity = [], []
    for gold in expected["happenings"]:
        wanted = set(gold["articles"])
        window = window_of(gold["date"], None)
        matching = [m for m in merged if m.family == family_of(gold["type"]) and m.codes & set(gold["participants"])
                    and (m.window is None or window is None or not (m.window[0] > window[1] or window[0] > m.window[1]))
                    and m.articles & wanted]
        if not matching:
            main[gold["label"]] = None
            coverage.append(0.0)
            purity.append(0.0)
            scores.misses.append(f"not found: {gold['label']}")
            continue
        best = max(matching, key=lambda m: (len(m.articles & wanted), -len(m.articles - wanted), m.id))
        main[gold["label"]] = best.id
        covered = best.articles & wanted
        coverage.append(len(covered) / len(wanted))
        purity.append(len(covered) / len(best.articles))
        scores.found += len(covered) >= 2
        scores.fragments += len(matching) - 1
        if covered != wanted:
            scores.misses.append(f"{gold['label']}: not merged from {sorted(wanted - covered)}")
        if best.articles - wanted:
            scores.misses.append(f"{gold['label']}: also merged {sorted(best.articles - wanted)}")
    for a, b in expected.get("distinct", []):
        if main.get(a) is not None and main.get(a) == main.get(b):
            scores.false_merges += 1
            scores.misses.append(f"false merge: {a} / {b}")
    scores.coverage = round(sum(coverage) / len(coverage), 3) if coverage else 0.0
    scores.purity = round(sum(purity) / len(purity), 3) if purity else 0.0
    return scores


def _refs(cell: str | None) -> list[Any]:
    from ..records import ActorRef

    return [ActorRef(name=r.get("name"), code=r.get("code"), actor_id=r.get("actor_id"))
            for r in (json.loads(cell) if cell else [])]


def _codes(refs: list[Any]) -> set[str]:
    return {r.code for r in refs if r.code}


__all__ = ["DEFAULT", "HappeningScores", "score_happenings"]
