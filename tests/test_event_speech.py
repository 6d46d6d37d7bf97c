"""Evaluative speech (``detente.stages.event_speech``): what a political actor
calls, brands or describes something as, or says of it, is its ACCUSE or
SUPPORT; judgements of the weather, of sport and business, and the other
senses of "call" are none."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.stages import event_speech

from .conftest import ROOT, rules_events


def test_judgement_lexicon_file() -> None:
    """The lexicon says what it is and how it was made, and every row has a
    known kind and a lower-case phrase."""
    path = ROOT / "src" / "detente" / "kb" / "data" / "judgements.tsv"
    text = path.read_text(encoding="utf-8")
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert any("How it was made" in ln for ln in header)
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")][1:]
    assert len(rows) > 200
    kinds = {"condemn", "disparage", "praise", "unmet", "wrongdoing", "authorship", "wrongdo"}
    for phrase, kind in rows:
        assert kind in kinds and phrase == phrase.lower() and phrase.strip() == phrase, (phrase, kind)
    lexicon = event_speech.lexicon()
    assert set(lexicon.kinds) == kinds
    assert "tantamount to murder" in lexicon.of("condemn") and lexicon.longest >= 4
    # relationships are no praise of an act
    assert not {"friend", "partner", "ally"} & lexicon.of("praise")


# (sentence, type, trigger, actor codes or None, recipient codes or None)
SPEECH = [
    # a judging verb's predicate, in the parser's several readings of it
    ("Foreign Minister Sergei Lavrov called the expulsions a flagrant provocation.", "ACCUSE", "provocation",
     {"RUS"}, None),
    ('Polish Justice Minister Zbigniew Ziobro called the ruling "usurpation and blackmail".', "ACCUSE",
     "usurpation", {"POL"}, None),
    ("Kremlin spokesman Dmitry Peskov called the seizure unprecedented and illegal.", "ACCUSE", "unprecedented",
     {"RUS"}, None),
    ('US Secretary of State John Kerry described the verdicts as "chilling and draconian".', "ACCUSE", "chilling",
     {"USA"}, None),
    ("China has poached six of Taiwan's allies in what Taipei calls a campaign of bullying.", "ACCUSE",
     "campaign", {"TWN"}, None),
    ("The plan was rejected by Colombia's Constitutional Court, which called it a coup.", "ACCUSE", "coup", None,
     None),
    ("Turkish President Tayyip Erdogan threatened to close the border, calling the referendum a betrayal.",
     "ACCUSE", "betrayal", {"TUR"}, None),
    # praise
    ("Greek Prime Minister Alexis Tsipras called the agreement historic.", "SUPPORT", "historic", {"GRC"}, None),
    # (one SUPPORT: the verb's own and its predicate's merge)
    ("German Chancellor Olaf Scholz hailed the accord as a breakthrough.", "SUPPORT", "hailed", {"DEU"}, None),
    # a reported clause's predicate
    ("The Houthis said the air strikes were an act of aggression.", "ACCUSE", "aggression", {"HOUTHI"}, None),
    ("Seoul said the export curbs amounted to economic retaliation.", "ACCUSE", "retaliation", {"KOR"}, None),
    ('President Park Geun-hye said the conduct of the crew was "tantamount to murder".', "ACCUSE", "tantamount",
     {"KOR"}, None),
    ("German Chancellor Angela Merkel said the explanations offered so far were inadequate.", "ACCUSE",
     "inadequate", {"DEU"}, None),
    # a standard denied is a charge that was made
    ("US Secretary of State Condoleezza Rice said Mugabe's government could not be considered legitimate.",
     "ACCUSE", "legitimate", {"USA"}, None),
    # blame
    ("The Czech government said Russian agents were behind the explosion at the depot.", "ACCUSE", "behind",
     {"CZE"}, {"RUS"}),
    ("Ukraine's security council said the attack bore the hallmarks of Russian involvement.", "ACCUSE",
     "hallmarks", {"UKR"}, {"RUS"}),
    ("Russia's sports minister Vitaly Mutko said the violence was the fault of French organisers.", "ACCUSE",
     "fault", {"RUS"}, None),
    # misconduct cited, doubts raised, dismay after a reported clause
    ("The European Union's observer mission said the count had been orderly, citing bias in state media.",
     "ACCUSE", "bias", {"EU"}, None),
    ("The European Union said the arrest raised serious questions about Turkey's commitment to democracy.",
     "ACCUSE", "questions", {"EU"}, None),
    ("Pakistan's foreign ministry said the raid was lawful but expressed deep concern about the operation.",
     "ACCUSE", "concern", {"PAK"}, None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "trigger", "actors", "recipients"), SPEECH)
def test_event_speech_shapes(settings: Settings, text: str, type_: str, trigger: str, actors: set[str] | None,
                             recipients: set[str] | None) -> None:
    found = rules_events(settings, text)
    hits = [e for e in found if e.type == type_ and e.trigger == trigger and e.status == "occurred"]
    assert hits, [(e.type, e.trigger, e.status) for e in found]
    if actors is not None:
        assert {r.code for r in hits[0].actor} == actors, hits[0].actor
    if recipients is not None:
        assert {r.code for r in hits[0].recipient} == recipients, hits[0].recipient


# Sentences that judge nothing political, or use "call" in another sense:
# no ACCUSE or SUPPORT may come of them.
NOT_SPEECH = [
    "The coach called the defeat a disaster for the club.",
    "The chief executive called the quarterly results disappointing.",
    "The critic called the film a triumph of style.",
    "Officials called the storm dangerous and told residents to stay indoors.",
    "The mayor said the heat was unbearable.",
    "The foreign minister called his French counterpart a friend.",
    "The prime minister called a snap election for June.",
    "The minister called off her visit to Paris.",
    "The so-called reform package was published on Monday.",
    "A charity called Hope for Children opened a school in Leeds.",
    "The union called a strike for Monday.",
    "Police said the strikes were not illegal.",
    "US officials said there was no evidence of terrorism.",
    "Al-Shabaab said the attack was retaliation for Kenya's intervention in Somalia.",
    'Fed Chair Jerome Powell described the cut as a "mid-cycle adjustment".',
    "Analysts described the merger as a mistake.",
    "Historians have long called the famine a crime.",
    "Prosecutors said the trial would begin in May.",
    "Prosecutors said recordings showed that the pilot had locked the door.",
]


@pytest.mark.model
@pytest.mark.parametrize("text", NOT_SPEECH)
def test_event_speech_hard_negatives(settings: Settings, text: str) -> None:
    found = rules_events(settings, text)
    assert not [e for e in found if e.type in ("ACCUSE", "SUPPORT")], [(e.type, e.trigger, e.status) for e in found]


@pytest.mark.model
def test_event_speech_calls_for_stay_requests(settings: Settings) -> None:
    """"called for" is a REQUEST, not a judgement, even of something judged."""
    found = rules_events(settings, "The French president called for an end to the illegal blockade.")
    assert [e.type for e in found if e.trigger == "called"] == ["REQUEST"], [(e.type, e.trigger) for e in found]
    assert not [e for e in found if e.type == "ACCUSE" and e.trigger == "illegal"]


@pytest.mark.model
def test_event_speech_judged_nouns_are_no_acts(settings: Settings) -> None:
    """What a judging verb calls its object is the judgement, not an event of
    its own: "a move his opponents called a coup" is no coup by anyone."""
    found = rules_events(settings, "Tunisia's president suspended parliament, in a move his opponents called a coup.")
    assert not [e for e in found if e.trigger == "coup" and e.type != "ACCUSE"], [(e.type, e.trigger) for e in found]


@pytest.mark.model
def test_event_speech_single_quoted_predicate(settings: Settings) -> None:
    """"called the prisoners 'mercenaries'": the parser reads the opening
    single quote as a possessive's; the quoted name is still the speaker's
    charge. A real possessive before a predicate is no such shape."""
    found = rules_events(settings, "Russia's defence ministry called the prisoners 'mercenaries'.")
    assert [(e.type, e.trigger) for e in found] == [("ACCUSE", "mercenaries")], found
    assert not rules_events(settings, "The coach called the players' attitude a problem.")
