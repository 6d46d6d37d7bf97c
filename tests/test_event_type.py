"""The event's type and which event a sentence reports: the main clause's
event ranks above one told in an aside (a participial or adverbial clause,
"after …", "following …"), which stays; lexicon types that follow the
guidelines (a boycott is a PROTEST, an ultimatum a THREATEN)."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.stages.events import _embedding, triggers

from .conftest import events_of


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "depth"), [
    # Reported speech, what a verb governs and coordination are no asides.
    ("Turkey said it would suspend diplomatic relations with the UAE.", "suspend", 0),
    ("Russia agreed to withdraw its troops from the border.", "withdraw", 0),
    ("Police arrested the leader and seized weapons.", "seized", 0),
    # A participial clause, "after …" and a relative clause are.
    ("Brazil expelled two diplomats, accusing them of spying.", "accusing", 1),
    ("Egypt reopened the crossing following talks with Hamas.", "talks", 1),
    ("The minister, who visited Kyiv in May, resigned.", "visited", 1),
])
def test_embedding_of_a_trigger(nlp, text: str, word: str, depth: int) -> None:  # type: ignore[no-untyped-def]
    assert _embedding(next(t for t in nlp(text) if t.text == word)) == depth


@pytest.mark.model
@pytest.mark.parametrize(("text", "main", "aside"), [
    ("Niger's junta expelled the French ambassador on Friday, accusing Paris of interference.",
     ("SANCTION", "expelled"), ("ACCUSE", "accusing")),
    ("Poland closed its border with Belarus on Tuesday, accusing Minsk of sending migrants across it.",
     ("COERCE", "closed"), ("ACCUSE", "accusing")),
    ("Egypt reopened the Rafah crossing on Saturday following talks between Egyptian and Hamas officials in Cairo.",
     ("CONCEDE", "reopened"), ("CONSULT", "talks")),
    ("Pakistani police arrested dozens of opposition supporters in Lahore on Tuesday after protests over the "
     "election result.", ("COERCE", "arrested"), ("PROTEST", "protests")),
])
def test_the_main_event_ranks_first_and_the_aside_stays(settings: Settings, text: str, main: tuple[str, str],
                                                        aside: tuple[str, str]) -> None:
    """The sentence's most confident event is the one its main clause
    reports; the event in the aside is still reported (real news codes
    both), with a lower confidence."""
    events = events_of(text, settings)
    found = {(e.type, e.trigger): e for e in events}
    assert main in found and aside in found, [(e.type, e.trigger, e.confidence) for e in events]
    best = max(events, key=lambda e: e.confidence)
    assert (best.type, best.trigger) == main
    assert found[aside].confidence < found[main].confidence
    assert found[aside].status == "occurred"


@pytest.mark.model
def test_an_aside_alone_keeps_its_confidence(settings: Settings) -> None:
    """With no event in the main clause, the aside's event is the sentence's
    (its confidence is the classifier's, not lowered)."""
    text = "The shares rose on Monday after talks between Chinese and American trade officials in Geneva."
    events = events_of(text, settings)
    assert [(e.type, e.trigger) for e in events] == [("CONSULT", "talks")]
    assert events[0].confidence >= 0.5


def test_lexicon_types_follow_the_guidelines() -> None:
    lexicon = triggers()
    assert (lexicon[("boycott", "VERB")].type, lexicon[("boycott", "VERB")].mode) == ("PROTEST", "boycott")
    assert (lexicon[("boycott", "NOUN")].type, lexicon[("boycott", "NOUN")].mode) == ("PROTEST", "boycott")
    assert lexicon[("ultimatum", "NOUN")].type == lexicon[("ultimatum", "VERB")].type == "THREATEN"


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("The opposition boycotted the parliamentary election in Bangladesh on Sunday.", ("PROTEST", "occurred")),
    # Said of the future, a boycott is a threat uttered (the guidelines' THREATEN).
    ("China said it would boycott the summit.", ("THREATEN", "occurred")),
])
def test_a_boycott_is_a_protest(settings: Settings, text: str, expected: tuple[str, str]) -> None:
    events = events_of(text, settings)
    assert expected in [(e.type, e.status) for e in events], [(e.type, e.status, e.trigger) for e in events]


@pytest.mark.model
def test_a_consumer_boycott_is_no_event(settings: Settings) -> None:
    """Hard negative: shoppers boycotting a brand make no political event."""
    assert events_of("Shoppers boycotted the coffee chain after it raised its prices.", settings) == []
