"""Train the event classifier: ``detente train events``.

The classifier (``detente.stages.event_model``) sees every candidate the
events stage's rules find and decides event or no event and its PLOVER type.
This module builds its training examples and fits it reproducibly (fixed
seed, sorted inputs); the result is ``kb/data/event_model.json``.

**Data** (see ``training/events/README.md``), each sentence labelled by
annotators who never saw the rules, to ``training/events/GUIDELINES.md``:

- ``training/events/written.jsonl``: sentences written for detente, every
  type and status, and hard negatives (business, sport, accidents, crime
  with no authority acting, weather, opinion, plans and plots);
- ``training/events/meantime_*.jsonl``: labels, by character offsets, of
  80 of the 120 MEANTIME Wikinews articles (real news, CC BY 4.0), whose
  text is read from ``../shared/data/meantime_time_dev`` at training time
  and never copied into the repository; the other 40 are the blind test;
- ``../shared/data/plover_gsr_dev``: the PLOVER development half (161
  sentences, their gold type and trigger words);
- ``../shared/data/petrarch2/PETR.UnitTest.records.xml``: PETRARCH's
  validation sentences, their CAMEO code mapped to PLOVER through
  ``CAMEO2PLOVER-2021.txt``.

**Labels.** A candidate takes the type of the gold event of its sentence
whose trigger words cover its trigger token; else the type of a gold event
of the same type (or an accepted alternative) that no other candidate took;
else NONE (no event).

**Fitting.** A multinomial logistic regression (scikit-learn, L2) over the
binary features. Articles are cut into 5 folds (by article, so that a
sentence's neighbours never straddle a cut), and every candidate gets
out-of-fold logits from a model that did not see its article; on those:

- the regularisation strength is chosen among a few by log-loss;
- one temperature T is fitted that minimises the held-back negative
  log-likelihood of softmax(logits / T): temperature scaling, which keeps
  the ranking and makes P(event) and P(type) honest probabilities;
- the threshold on P(event) is the one with the best recall among those
  whose out-of-fold precision (event or not) is at least 0.80, the
  issue's precision target for events on real news (a false event on
  ordinary news is worse than a miss).

The model is then refitted on all the data with the chosen strength, and
the temperature and threshold from the out-of-fold run are stored with it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ..article import Article
from ..records import ActorRecord, EventRecord
from ..settings import Settings
from ..stages.event_model import MODEL_FILE, NONE, features

REPO = Path(__file__).resolve().parents[3]
TRAINING = REPO / "training" / "events"
SHARED = REPO.parent / "shared" / "data"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT")
SEED = 20261206
MIN_PRECISION = 0.85
FOLDS = 5


@dataclass
class GoldEvent:
    type: str
    trigger: str | None
    status: str = "occurred"
    actor_codes: list[str] = field(default_factory=list)
    recipient_codes: list[str] = field(default_factory=list)
    alt_types: list[str] = field(default_factory=list)

    @classmethod
    def from_label(cls, data: dict[str, Any]) -> GoldEvent:
        return cls(data["type"], data.get("trigger"), data.get("status") or "occurred",
                   [c for c in data.get("actor_codes") or [] if c], [c for c in data.get("recipient_codes") or [] if c],
                   list(data.get("alt_types") or []))


@dataclass
class Segment:
    """A labelled stretch of an article: one sentence (or one line)."""

    start: int
    end: int
    events: list[GoldEvent]
    category: str | None = None


@dataclass
class Labelled:
    article: Article
    segments: list[Segment]
    source: str


@dataclass
class Example:
    features: list[str]
    label: str
    candidate_type: str
    group: str
    source: str


# -- reading the data ----------------------------------------------------------


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _article(id_: str, text: str, published: str | None) -> Article:
    article = Article.create(id_, text, published=published, date_source="given" if published else None)
    if article.text != text:
        raise ValueError(f"{id_}: the text changes when normalised, so its offsets would not hold")
    return article


def written(path: Path) -> list[Labelled]:
    """Sentences written for detente, each its own article."""
    out = []
    for item in _jsonl(path):
        article = _article(item["id"], item["text"], item.get("published"))
        out.append(Labelled(article, [Segment(0, len(item["text"]),
                                              [GoldEvent.from_label(e) for e in item.get("events", [])],
                                              item.get("category"))], "written"))
    return out


def by_offsets(labels: Iterable[Path], texts: dict[str, dict[str, Any]], source: str) -> list[Labelled]:
    """Articles whose labels point into them by character offsets (MEANTIME,
    the blind real-news set)."""
    segments: dict[str, list[Segment]] = {}
    for path in labels:
        for row in _jsonl(path):
            segments.setdefault(row["doc"], []).append(
                Segment(row["start"], row["end"], [GoldEvent.from_label(e) for e in row.get("events", [])],
                        row.get("category")))
    out = []
    for doc in sorted(segments):
        item = texts[doc]
        out.append(Labelled(_article(doc, item["text"], item.get("published")), segments[doc], source))
    return out


def meantime_texts(shared: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in _jsonl(shared / "meantime_time_dev" / "inputs.jsonl")}


def plover_dev(shared: Path) -> list[Labelled]:
    folder = shared / "plover_gsr_dev"
    gold = {g["id"]: g for g in _jsonl(folder / "gold.jsonl")}
    out = []
    for item in _jsonl(folder / "inputs.jsonl"):
        g = gold[item["id"]]
        trigger = g.get("event_text") or None
        event = GoldEvent(g["type"], trigger, "occurred", [], [], list(g.get("alt_types") or []))
        article = _article(item["id"], item["text"], item.get("published"))
        out.append(Labelled(article, [Segment(0, len(item["text"]), [event], "politics")], "plover"))
    return out


def cameo_to_plover(path: Path) -> dict[str, str]:
    """CAMEO code → PLOVER type, from CAMEO2PLOVER-2021.txt."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m and m.group(2) in TYPES:
            out[m.group(1)] = m.group(2)
    return out


def petrarch(shared: Path) -> list[Labelled]:
    """PETRARCH's validation sentences with a CAMEO code PLOVER has a type for."""
    mapping = cameo_to_plover(shared / "CAMEO2PLOVER-2021.txt")
    root = ET.parse(shared / "petrarch2" / "PETR.UnitTest.records.xml").getroot()
    out = []
    for sentence in root.iter("Sentence"):
        text_node = sentence.find("Text")
        if text_node is None or not (text_node.text or "").strip():
            continue
        text = " ".join((text_node.text or "").split())
        events = []
        for coding in sentence.findall("EventCoding"):
            code = (coding.get("eventcode") or "").strip()
            type_ = next((mapping[code[:n]] for n in (4, 3, 2) if code[:n] in mapping), None)
            if type_ is not None:
                events.append(GoldEvent(type_, None))
        if not events and not any((c.get("noevents") or "").strip() == "True"
                                  for c in sentence.findall("EventCoding")):
            continue  # a code with no PLOVER type (a test code): no label either way
        date = sentence.get("date") or ""
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if re.fullmatch(r"\d{8}", date) else None
        article = _article(f"petr-{sentence.get('id')}", text, published)
        out.append(Labelled(article, [Segment(0, len(text), events, None)], "petrarch"))
    return out


def training_data(root: Path = TRAINING, shared: Path = SHARED) -> list[Labelled]:
    if not shared.exists():
        raise FileNotFoundError(f"{shared} is missing: training reads MEANTIME, PLOVER and PETRARCH from there")
    data = [item for path in sorted(root.glob("written*.jsonl")) for item in written(path)]
    data += by_offsets(sorted(root.glob("meantime_*.jsonl")), meantime_texts(shared), "meantime")
    for folder in sorted(p for p in root.glob("articles_*") if (p / "labels.jsonl").exists()):
        # Whole articles labelled sentence by sentence (the real-news sets'
        # format), written for training.
        texts = {item["id"]: item for item in _jsonl(folder / "articles.jsonl")}
        data += by_offsets([folder / "labels.jsonl"], texts, "articles")
    data += plover_dev(shared)
    data += petrarch(shared)
    return data


# -- candidates and their labels ----------------------------------------------------


def _pre_event_pipeline(settings: Settings) -> Any:
    from ..pipeline import Pipeline

    stages = []
    for stage in Pipeline.default(settings).stages:
        if stage.name.startswith("events"):
            break
        stages.append(stage)
    return Pipeline(stages)


def _covers(gold: GoldEvent, text: str, seg: Segment, start: int, end: int) -> bool:
    """The gold trigger's words, found in the segment, cover the token."""
    if not gold.trigger:
        return False
    body = text[seg.start:seg.end].lower()
    for word in re.findall(r"[\w'-]+", gold.trigger.lower()):
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body):
            a, b = seg.start + m.start(), seg.start + m.end()
            if a < end and start < b:
                return True
    return False


def label_candidates(item: Labelled, found: Sequence[tuple[Token, EventRecord, str]],
                     actors_by_id: dict[str, ActorRecord], in_quote: Callable[[Token], object]) -> list[Example]:
    """Each candidate in a labelled segment with its label: trigger matches
    first, then type matches, else NONE (see the module's docstring)."""
    text = item.article.text
    placed = [(token, event, source, next((s for s in item.segments if s.start <= token.idx < s.end), None))
              for token, event, source in sorted(found, key=lambda c: c[0].idx)]
    taken: set[int] = set()
    labels: dict[int, str] = {}
    for n, (token, event, _, seg) in enumerate(placed):
        if seg is None:
            continue
        for gold in seg.events:
            if id(gold) not in taken and _covers(gold, text, seg, token.idx, token.idx + len(token)):
                labels[n] = event.type if event.type in (gold.type, *gold.alt_types) else gold.type
                taken.add(id(gold))
                break
    for n, (_, event, _, seg) in enumerate(placed):
        if seg is None or n in labels:
            continue
        same = next((g for g in seg.events if id(g) not in taken and event.type in (g.type, *g.alt_types)), None)
        labels[n] = NONE if same is None else event.type
        if same is not None:
            taken.add(id(same))
    return [Example(features(token, event, source, actors_by_id, in_quote(token) is not None),
                    labels[n], event.type, f"{item.source}:{item.article.id}", item.source)
            for n, (token, event, source, _) in enumerate(placed) if n in labels]


def examples(data: Sequence[Labelled], settings: Settings) -> list[Example]:
    """Run the rules over every labelled article (without the classifier)
    and label their candidates."""
    from ..kb import load_kb
    from ..stages.events import Finder, triggers

    pipeline = _pre_event_pipeline(settings)
    kb = load_kb(settings.kb)
    lexicon = triggers()
    out: list[Example] = []
    articles = [item.article for item in data]
    for start in range(0, len(articles), 64):
        pipeline.run_batch(articles[start:start + 64])
    for item in data:
        if item.article.doc is None:
            continue
        finder = Finder(item.article, lexicon, kb, None)
        out += label_candidates(item, finder.candidates(), finder.actor_by_id, finder._in_quote)
        item.article.doc = None  # free the parse
    return out


# -- fitting -------------------------------------------------------------------------


def _temperature(logits: Any, y: Any) -> float:
    """The T that minimises the negative log-likelihood of softmax(logits/T)."""
    import numpy as np

    best, best_nll = 1.0, math.inf
    for t in np.arange(0.3, 4.01, 0.05):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -logp[np.arange(len(y)), y].mean()
        if nll < best_nll:
            best, best_nll = float(t), float(nll)
    return round(best, 2)


def _threshold(p_event: Sequence[float], is_event: Sequence[bool]) -> tuple[float, dict[str, float]]:
    """The threshold on P(event) with the best recall whose out-of-fold
    precision is at least ``MIN_PRECISION`` (the target for events on real
    news); the best F1 when no threshold reaches it."""
    rows = []
    for k in range(10, 91, 2):
        t = k / 100
        tp = sum(1 for p, e in zip(p_event, is_event, strict=True) if p >= t and e)
        fp = sum(1 for p, e in zip(p_event, is_event, strict=True) if p >= t and not e)
        fn = sum(1 for p, e in zip(p_event, is_event, strict=True) if p < t and e)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        rows.append((t, prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0))
    good = [r for r in rows if r[1] >= MIN_PRECISION]
    t, prec, rec, f1 = max(good, key=lambda r: (r[2], -r[0])) if good else max(rows, key=lambda r: r[3])
    return t, {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}


def fit(data: Sequence[Example], seed: int = SEED) -> dict[str, Any]:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    classes = [NONE, *TYPES]
    index = {c: k for k, c in enumerate(classes)}
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in data])
    y = np.array([index[e.label] for e in data])

    def model(c: float) -> Any:
        return LogisticRegression(C=c, max_iter=3000, random_state=seed)

    def full_logits(m: Any, rows: Any) -> Any:
        # Classes absent from a fit get a very low logit.
        out = np.full((rows.shape[0], len(classes)), -30.0)
        out[:, m.classes_] = m.decision_function(rows)
        return out

    # Out-of-fold logits: every article is held back once (5 folds by
    # article), so that the strength, the temperature and the threshold
    # are chosen on all the data, not on one small split.
    names = sorted(set(e.group for e in data))
    random.Random(seed).shuffle(names)
    fold_of = {name: k % FOLDS for k, name in enumerate(names)}
    folds = np.array([fold_of[e.group] for e in data])

    def out_of_fold(c: float) -> Any:
        logits = np.zeros((len(data), len(classes)))
        for k in range(FOLDS):
            train, held = np.where(folds != k)[0], np.where(folds == k)[0]
            logits[held] = full_logits(model(c).fit(X[train], y[train]), X[held])
        return logits

    def logloss(logits: Any) -> float:
        z = logits - logits.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    oof = {c: out_of_fold(c) for c in (0.1, 0.3, 1.0, 3.0)}
    scores = {c: logloss(v) for c, v in oof.items()}
    strength = min(scores, key=lambda c: scores[c])
    logits = oof[strength]
    temperature = _temperature(logits, y)
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    p_event = [1.0 - float(p[0]) for p in probs]
    threshold, held_scores = _threshold(p_event, [bool(v) for v in y != 0])
    held_type = sum(1 for p, v in zip(probs, y, strict=True) if v != 0 and int(np.argmax(p[1:])) + 1 == v)
    held = np.arange(len(y))

    final = model(strength).fit(X, y)
    coef = np.zeros((len(classes), X.shape[1]))
    coef[final.classes_] = final.coef_
    bias = np.full(len(classes), -30.0)
    bias[final.classes_] = final.intercept_
    weights = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        column = coef[:, j]
        if np.abs(column).max() >= 0.005:
            weights[str(name)] = [round(float(w), 4) for w in column]
    counts = Counter(e.label for e in data)
    return {
        "classes": classes,
        "bias": [round(float(b), 4) for b in bias],
        "weights": dict(sorted(weights.items())),
        "temperature": temperature,
        "threshold": threshold,
        "meta": {
            "trained": dt.date.today().isoformat(),
            "examples": len(data),
            "sentences_by_source": dict(Counter(e.source for e in data)),
            "labels": dict(sorted(counts.items())),
            "C": strength,
            "out_of_fold_logloss_by_C": {str(k): round(v, 4) for k, v in scores.items()},
            "candidates": len(held),
            "out_of_fold_event_vs_none_at_threshold": held_scores,
            "out_of_fold_type_accuracy_on_events": round(held_type / max(1, int((y != 0).sum())), 3),
            "seed": seed,
        },
    }


def train(settings: Settings, out: Path = MODEL_FILE, root: Path = TRAINING, shared: Path = SHARED) -> dict[str, Any]:
    """Build the examples, fit the model and write it to ``out``."""
    data = training_data(root, shared)
    found = examples(data, Settings.from_dict({**settings.to_dict(), "event_model": False}))
    model = fit(found)
    model["meta"]["sentences"] = sum(len(item.segments) for item in data)
    model["meta"]["sentences_without_event"] = sum(1 for item in data for s in item.segments if not s.events)
    out.write_text(json.dumps(model, separators=(",", ":"), sort_keys=False) + "\n", "utf-8")
    return model


__all__ = ["Example", "Labelled", "Segment", "by_offsets", "examples", "fit", "meantime_texts", "train",
           "training_data", "written"]
