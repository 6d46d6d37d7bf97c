"""The event classifier: for each candidate the rules find, event or not,
and which PLOVER type.

Reads: a candidate (its trigger token in the spaCy parse and the event the
rules built: type, actors, recipients, status) and the article's actor
records. Adds: nothing itself; the events stage keeps or drops the candidate
by :meth:`EventModel.decide` and takes its type and confidence from it.

The model is a multinomial logistic regression over sparse binary features
(lexical, parse, actor-sector, lexicon and sentence words), trained by
``detente train events`` (``detente.training.events``) on the labelled
sentences in the repository's ``training/events/`` and shipped as JSON in
``kb/data/event_model.json``: a weight vector per feature, so that
prediction needs no scikit-learn, only a sum of the active features'
weights and a softmax. Its probabilities are calibrated by one temperature
fitted on held-back data (see the training module); the threshold on
P(event) is stored with the weights, with how it was chosen.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ..records import ActorRecord, EventRecord

MODEL_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "event_model.json"
NONE = "NONE"
# Sentence words that are features: content words only (nouns, verbs,
# adjectives, proper nouns by their entity label), lower-case lemmas.
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})
NUMBERISH = re.compile(r"\d")


@dataclass(frozen=True)
class Decision:
    keep: bool
    type: str
    probability: float  # calibrated P(type) for the chosen type
    p_event: float  # calibrated 1 - P(no event)


def _sector(actor: ActorRecord | None) -> str:
    if actor is None:
        return "none"
    return f"{actor.type}:{actor.sector or '-'}:{'code' if actor.code else 'nocode'}"


def features(token: Token, event: EventRecord, source: str, actors_by_id: dict[str, ActorRecord],
             in_quote: bool) -> list[str]:
    """The candidate's features: names of the binary features that are on."""
    lemma = token.lemma_.lower()
    type_ = event.type
    out = [f"type={type_}", f"lemma={lemma}", f"lemma_type={lemma}|{type_}", f"pos={token.pos_}",
           f"dep={token.dep_}", f"tag={token.tag_}", f"source={source}", f"status={event.status}",
           f"type_status={type_}|{event.status}", f"quote={in_quote}", "bias"]
    head = token.head
    out.append(f"head={head.lemma_.lower()}")
    out.append(f"head_dep={token.dep_}|{head.lemma_.lower()}")
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
            out += [f"obj={child.lemma_.lower()}", f"lemma_obj={lemma}|{child.lemma_.lower()}"]
            if child.ent_type_:
                out.append(f"obj_ent={child.ent_type_}")
        elif child.dep_ in ("nsubj", "csubj"):
            out.append(f"subj={child.lemma_.lower()}")
            out.append(f"subj_ent={child.ent_type_ or '-'}")
        elif child.dep_ == "prep":
            out.append(f"prep={child.lower_}")
            out.append(f"lemma_prep={lemma}|{child.lower_}")
            for g in child.children:
                if g.dep_ == "pobj":
                    out.append(f"prep_obj={child.lower_}|{g.lemma_.lower()}")
        elif child.dep_ in ("aux", "neg") and child.lower_ in ("not", "n't", "will", "would", "could", "may",
                                                               "might", "must", "should"):
            out.append(f"aux={child.lower_}")
        elif child.dep_ == "prt":
            out.append(f"prt={lemma}|{child.lower_}")
        elif child.dep_ in ("compound", "amod"):
            out.append(f"mod={child.lemma_.lower()}")
    for side, refs in (("actor", event.actor), ("recipient", event.recipient)):
        out.append(f"{side}_n={min(len(refs), 2)}")
        out.append(f"{side}_type={type_}|{min(len(refs), 1)}")
        for ref in refs[:3]:
            record = actors_by_id.get(ref.actor_id or "")
            out.append(f"{side}={_sector(record) if record is not None else 'kb:' + ('code' if ref.code else '-')}")
            if record is not None:
                out.append(f"{side}_type_sector={type_}|{record.type}:{record.sector or '-'}")
    sent = token.sent
    seen: set[str] = set()
    for t in sent:
        if t.ent_type_ and t.ent_iob_ == "B":
            seen.add(f"ent={t.ent_type_}")
        elif t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha:
            seen.add(f"w={t.lemma_.lower()}")
    if any(NUMBERISH.search(t.text) and t.ent_type_ in ("MONEY", "PERCENT") for t in sent):
        seen.add("money")
    out += sorted(seen)
    return out


class EventModel:
    """Weights per feature and class, a temperature and a threshold."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: list[str] = data["classes"]
        self.bias: list[float] = data["bias"]
        self.weights: dict[str, list[float]] = data["weights"]
        self.temperature: float = data["temperature"]
        self.threshold: float = data["threshold"]
        self.meta: dict[str, Any] = data.get("meta", {})
        self.none = self.classes.index(NONE)

    def probabilities(self, active: Iterable[str]) -> list[float]:
        logits = list(self.bias)
        for name in active:
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    logits[k] += w
        top = max(logits)
        exps = [math.exp((x - top) / self.temperature) for x in logits]
        total = sum(exps)
        return [x / total for x in exps]

    def decide(self, active: Sequence[str], candidate_type: str) -> Decision:
        probs = self.probabilities(active)
        p_event = 1.0 - probs[self.none]
        best = max((k for k in range(len(self.classes)) if k != self.none), key=lambda k: probs[k])
        type_ = self.classes[best]
        # The rules' type stands unless the model is surer of another one.
        if candidate_type in self.classes and probs[self.classes.index(candidate_type)] >= probs[best] * 0.8:
            type_ = candidate_type
        return Decision(p_event >= self.threshold, type_, probs[self.classes.index(type_)], p_event)


@cache
def load_model(path: str | None = None) -> EventModel | None:
    """The shipped model (None when it has not been trained yet)."""
    file = Path(path) if path else MODEL_FILE
    if not file.exists():
        return None
    return EventModel(json.loads(file.read_text("utf-8")))


__all__ = ["NONE", "Decision", "EventModel", "features", "load_model"]
