"""The events stage's gates for nominal events: who does a nominal event
named by a light verb's object, a relative clause or a name the actors
stage made no record of; and dates that are bounds, not when an event
happened (a real sentence in, the event records out)."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.records import EventRecord

from .conftest import rules_events


def codes(refs: list) -> set[str | None]:  # type: ignore[type-arg]
    return {r.code for r in refs}


def with_trigger(settings: Settings, text: str, trigger: str) -> list[EventRecord]:
    return [e for e in rules_events(settings, text) if e.trigger == trigger]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_", "actors"), [
    # "file" names the act its object names: the complaint is Ukraine's
    ("Ukraine filed a complaint against Russia at the International Court of Justice on Monday.", "complaint",
     "ACCUSE", {"UKR"}),
    # a gerund's light verb: the subject of the clause it modifies declares it
    ("Ecuador's president responded by declaring a state of emergency on Tuesday.", "state", "COERCE", {"ECU"}),
    # a relative clause says who made the deal the noun names
    ("Egypt defended the truce it brokered between Israel and Hamas last month.", "truce", "AGREE", {"EGY"}),
    # a court the knowledge base names, of which the actors stage made no record
    ("Putin, who faces an International Criminal Court arrest warrant, did not attend the summit in Johannesburg.",
     "warrant", "COERCE", {"ICC"}),
])
def test_event_gates_nominal_actor_from_its_clause(settings: Settings, text: str, trigger: str, type_: str,
                                                   actors: set[str]) -> None:
    found = with_trigger(settings, text, trigger)
    assert found and (found[0].type, codes(found[0].actor)) == (type_, actors), \
        [(e.type, e.trigger, codes(e.actor)) for e in rules_events(settings, text)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger"), [
    # firms suing firms make no event, light verb or not
    ("Apple filed a lawsuit against Samsung in California on Monday.", "lawsuit"),
    # the sentence he served is not his act
    ("The activist, freed on Monday, spoke about the sentence he served in Evin prison.", "sentence"),
    # an adjective is no name: a feared offensive is no attack
    ("Residents fled their homes on Monday, fearing an Israeli ground offensive.", "offensive"),
])
def test_event_gates_nominal_hard_negatives(settings: Settings, text: str, trigger: str) -> None:
    found = [e for e in with_trigger(settings, text, trigger) if e.actor]
    assert not found, [(e.type, e.trigger, codes(e.actor)) for e in found]


@pytest.mark.model
def test_event_gates_a_since_clause_dates_nothing(settings: Settings) -> None:
    """A date inside a "since" clause is a bound, as "since 2016" is: the
    charge is news, not history of 2016. A record an act sets ("the first
    general strike since 1983") stays background."""
    text = "Since she took office in 2016, China has poached several of Taiwan's allies in what Taipei calls " \
        "a campaign of bullying."
    found = with_trigger(settings, text, "campaign")
    assert found and (found[0].type, codes(found[0].actor), found[0].date) == ("ACCUSE", {"TWN"}, "2022-W10"), \
        found
    assert not rules_events(settings, "It was the first general strike since the country returned to democracy "
                                      "in 1983.")
    met = with_trigger(settings, "The summit was Biden's first face-to-face meeting with Putin as president.",
                       "meeting")
    assert met and met[0].type == "CONSULT", met
