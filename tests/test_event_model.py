"""The event classifier's features and training (``detente.stages.event_model``,
``detente.training.events``): what it sees of a real sentence, that the same
data fits the same model, and that the training reports honest figures
(folds by document, leave-one-source-out)."""

from __future__ import annotations

import numpy as np
import pytest

from detente import Settings
from detente.stages.event_model import NONE
from detente.training import events as training


def _rules(settings: Settings) -> Settings:
    return Settings.from_dict({**settings.to_dict(), "event_model": False})


@pytest.mark.model
def test_features_of_a_real_sentence(settings: Settings) -> None:
    """A training sentence's candidates: the rules' type, the trigger's word,
    what it governs, its head ("the regional governor said"), the acting
    side's kind, the sentence's words; the participle of the aside
    ("killing at least four civilians") is labelled no event, as its gold
    holds one event."""
    item = next(i for i in training.training_data() if i.article.ref == "W0001")
    assert item.article.text.startswith("Russian artillery shelled residential districts of Kharkiv")
    found = training.examples([item], _rules(settings))
    shelled = next(e for e in found if "lemma=shell" in e.features)
    assert shelled.label == "ASSAULT" and shelled.candidate_type == "ASSAULT"
    assert {"type=ASSAULT", "lemma_obj=shell|district", "head_dep=ccomp|say", "subj=artillery",
            "actor=kb:code", "recipient_n=0", "w=governor", "ent=NORP"} <= set(shelled.features)
    killing = next(e for e in found if "lemma=kill" in e.features)
    assert killing.label == NONE and "head=shell" in killing.features


def test_folds_never_split_a_document() -> None:
    groups = [f"articles:a{n // 7}" for n in range(70)] + [f"written:w{n}" for n in range(30)]
    folds = training.document_folds(groups)
    fold_of: dict[str, set[int]] = {}
    for g, k in zip(groups, folds, strict=True):
        fold_of.setdefault(g, set()).add(k)
    assert all(len(ks) == 1 for ks in fold_of.values())
    assert set(folds) == set(range(training.FOLDS))
    assert folds == training.document_folds(list(groups)), "the folds depend on the seed only"


def test_score_counts_candidates_and_sentences() -> None:
    """The held-back figures' arithmetic on four candidates of three sentences."""
    # Classes: NONE, AGREE, CONSULT (indices 0, 1, 2 of the training TYPES order do not matter here).
    probs = np.array([[0.1, 0.8, 0.1],    # an event, kept, typed right
                      [0.7, 0.1, 0.2],    # an event, dropped, typed right
                      [0.2, 0.1, 0.7],    # no event, kept: a false one
                      [0.3, 0.6, 0.1]])   # an event of type 2, kept, typed 1 (rules said 1)
    got = training.score(probs, [1, 2, 0, 2], [1, 2, 2, 1], ["s1", "s1", "s2", "s3"], 0.5)
    assert got["precision"] == round(2 / 3, 3) and got["recall"] == round(2 / 3, 3)
    assert got["type_accuracy"] == round(2 / 3, 3) and got["typed_recall"] == round(1 / 3, 3)
    # s2 has no event among its candidates: not judged; s1 right, s3 wrongly typed.
    assert got["sentences"] == 2 and got["sentence_type_accuracy"] == 0.5


@pytest.mark.model
def test_training_is_deterministic_and_reports_leave_source_out(settings: Settings,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Real sentences of two sources: two fits give the same model and the
    same figures, and each source is scored by a model that never saw it."""
    data = training.training_data()
    subset = ([i for i in data if i.source == "written"][:90] + [i for i in data if i.source == "plover"][:40])
    found = training.examples(subset, _rules(settings))
    monkeypatch.setattr(training, "MIN_DOCUMENTS", 2)
    assert {e.label for e in found} - {NONE} and NONE in {e.label for e in found}
    one, two = training.fit(found), training.fit(found)
    assert one["weights"] == two["weights"] and one["bias"] == two["bias"]
    assert (one["threshold"], one["temperature"]) == (two["threshold"], two["temperature"])
    assert one["meta"]["evaluation"] == two["meta"]["evaluation"]
    evaluation = one["meta"]["evaluation"]
    counts = {s: sum(1 for e in found if e.source == s) for s in ("written", "plover")}
    assert evaluation["cross_validation"]["all"]["candidates"] == len(found)
    for source, n in counts.items():
        assert evaluation["cross_validation"][source]["candidates"] == n
        held = evaluation["leave_source_out"][source]
        assert held["candidates"] == n
        assert 0.0 <= held["precision"] <= 1.0 and 0.0 <= held["sentence_type_accuracy"] <= 1.0
    # A feature seen in fewer than MIN_DOCUMENTS (here 2) sentences has no weight.
    seen: dict[str, set[str]] = {}
    for e in found:
        for name in e.features:
            seen.setdefault(name, set()).add(e.group)
    assert all(len(seen[name]) >= 2 for name in one["weights"])
    assert any(len(groups) == 1 for groups in seen.values()), "the subset has features to prune"
