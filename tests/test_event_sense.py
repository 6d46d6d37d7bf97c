"""Events on ordinary news: political relevance, word sense, the shapes the
rules must read (passives, nominal attacks, police acts, trade measures),
plans and plots, and the trained classifier over the candidates."""

from __future__ import annotations

import json

import pytest

from detente import Settings
from detente.stages.event_model import NONE, EventModel, load_model
from detente.training import events as training

from .conftest import FIXTURES, SHARED, events_of

# Sentences of ordinary news that report no political event: companies,
# clubs, products, pundits, accidents, weather, crime with no authority
# acting. Each once made an event.
NO_EVENT = [
    "A 7-year-old boy was killed by a car in Kingston, Queensland on Tuesday.",
    "The company offers privacy controls to its users.",
    "Employers offer incentives to workers who return to the office.",
    "The football club offers support to its manager after the defeat.",
    "A wave-energy prototype was deployed off Denmark last month.",
    "The report reinforced the sense of unease among investors.",
    "A professor warned of the costs of new tariffs.",
    "The airline warned of delays at Heathrow.",
    "Apple launched a new iPhone on Tuesday.",
    "The striker was sent off in the second half as Arsenal beat Chelsea 2-1.",
    "Storms hit the coast of Florida, killing three people.",
    "The singer died of an overdose at her home in Los Angeles.",
    "Shares in the carmaker fell 4 per cent after it warned of weaker demand.",
    # "the club" is a G7 description only after the G7 is named; a possessive
    # sport word ("club's") still marks a sport story
    "Fans staged protests against the club's owners before the match.",
    "The striker sparked a comeback with two late goals.",
    "Apple launched a new iPhone on Tuesday.",
    "Let me be clear about the figures, the chief executive said.",
]


@pytest.mark.model
@pytest.mark.parametrize("text", NO_EVENT)
def test_no_event_on_ordinary_news(settings: Settings, text: str) -> None:
    found = events_of(text, settings)
    assert not found, [(e.type, e.trigger, e.status) for e in found]


# (text, type, actor codes, recipient codes, status)
SHAPES = [
    ("Sixty Russian diplomats were expelled from the United States.", "SANCTION", {"USA"}, {"RUS"}, "occurred"),
    ("Beijing imposed import duties on US goods in response to American steel duties.",
     "SANCTION", {"CHN"}, {"USA"}, "occurred"),
    ("The European Union imposed sanctions on Russian banks.", "SANCTION", {"EU"}, {"RUS"}, "occurred"),
    ("Police arrested 12 protesters in Paris on Saturday.", "COERCE", {"FRA"}, {"FRA"}, "occurred"),
    ("Russian troops massed near the Ukrainian border.", "MOBILIZE", {"RUS"}, None, "occurred"),
    ("The candidate attacked his rival's proposal on healthcare.", None, None, None, None),
    ("Officials discussed the plan to mobilize the National Guard.", "MOBILIZE", None, None, "hypothetical"),
    # "between" hung on the place by the parser
    ("The deal followed four days of talks in the Chinese capital between Iranian and Saudi officials.",
     "CONSULT", {"IRN", "SAU"}, None, "occurred"),
    ("Thousands of protesters gathered outside parliament in Tbilisi on Sunday.", "PROTEST", {"GEO"}, None,
     "occurred"),
    ("Generals from both armies held talks on Wednesday to defuse the standoff.", "CONSULT", None, None,
     "occurred"),
    ("Police arrested a 28-year-old man, who was later charged with murder.", "COERCE", None, None, "occurred"),
    ('President Joe Biden called the ruling a "tragic error".', "ACCUSE", {"USA"}, None, "occurred"),
    ("Prime Minister Jacinda Ardern described the attack as terrorism.", "ACCUSE", {"NZL"}, None, "occurred"),
    # what a clause says was caused or joined took place
    ("The police shooting of a teenager set off a week of protests across France.", "PROTEST", None, None,
     "occurred"),
    ("Thousands took part in rallies in central Seoul on Saturday.", "PROTEST", None, None, "occurred"),
    # what is sent, imposed or ordered decides the type
    ("The United States sent warships close to Chinese-held reefs on Monday.", "MOBILIZE", {"USA"}, None,
     "occurred"),
    ("Leaders around the world sent messages of sympathy to New Zealand.", "SUPPORT", None, None, "occurred"),
    ("Japan tightened controls on exports to South Korea on Thursday.", "SANCTION", {"JPN"}, None, "occurred"),
    ("India ordered a senior Canadian diplomat to leave the country on Tuesday.", "SANCTION", {"IND"}, None,
     "occurred"),
    ("President Donald Trump attacked the Fed for raising rates.", "ACCUSE", None, None, "occurred"),
    # "since 2014" is a bound, not the event's date (which would make it history)
    ("Russian troops have massed near the border in the largest build-up since 2014, officials said.",
     "MOBILIZE", {"RUS"}, None, "occurred"),
    ("U.S. and British warplanes launched strikes on Houthi targets across Yemen on Friday.", "ASSAULT",
     {"USA", "GBR"}, None, "occurred"),
    ("Hundreds of thousands of French workers went on strike on Thursday.", "PROTEST", None, None, "occurred"),
    ("Pakistan expelled tens of thousands of undocumented Afghan migrants on Wednesday.", "COERCE", {"PAK"},
     None, "occurred"),
    ("North Korea expelled inspectors of the International Atomic Energy Agency on Monday.", "SANCTION",
     {"PRK"}, None, "occurred"),
    ("India dispatched search-and-rescue teams and relief supplies to Turkey on Tuesday.", "AID", {"IND"},
     None, "occurred"),
    ("Hundreds of drones and missiles were launched at Israel by Iran on Saturday night.", "ASSAULT", {"IRN"},
     None, "occurred"),
    ("Russian forces let a team of IAEA inspectors into the occupied plant on Thursday.", "RETREAT", {"RUS"},
     None, "occurred"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,type_,actors,recipients,status", SHAPES)
def test_event_shapes(settings: Settings, text: str, type_: str | None, actors: set[str] | None,
                      recipients: set[str] | None, status: str | None) -> None:
    found = events_of(text, Settings.from_dict({**settings.to_dict(), "event_model": False}))
    if type_ is None:
        # "attacked a proposal" is an accusation or nothing, never violence
        assert all(e.type != "ASSAULT" for e in found), [(e.type, e.trigger) for e in found]
        return
    hits = [e for e in found if e.type == type_]
    assert hits, [(e.type, e.trigger, e.status) for e in found]
    event = hits[0]
    assert event.status == status
    if actors is not None:
        assert {a.code for a in event.actor} == actors
    if recipients is not None:
        assert {r.code for r in event.recipient} == recipients


@pytest.mark.model
def test_nominal_and_weapon_attacks(settings: Settings) -> None:
    rules = Settings.from_dict({**settings.to_dict(), "event_model": False})
    fire = events_of("A Ukrainian army convoy came under fire near Kharkiv on Monday.", rules)
    assert [(e.type, e.trigger) for e in fire] == [("ASSAULT", "came under fire")]
    assert {r.code for r in fire[0].recipient} == {"UKR"} and not fire[0].actor
    shells = events_of("Volleys of shells rained down on the town overnight.", rules)
    assert [e.type for e in shells] == ["ASSAULT"]


@pytest.mark.model
def test_plots_are_not_occurred(settings: Settings) -> None:
    rules = Settings.from_dict({**settings.to_dict(), "event_model": False})
    for text in ("Islamist militants plotted to attack a police station in Manchester.",
                 "The rebels' planned offensive on the capital was called off."):
        assert all(e.status != "occurred" for e in events_of(text, rules) if e.type == "ASSAULT"), text


# Political actors the relevance gate once missed (issue 14: 296 of the 2,631
# gold events of the training articles were lost there): named by what they
# are, through a relative or a reported pronoun, as a crowd in a protest, as a
# target after "at", or as the victims or weapons of political violence.
# (text, type, trigger, actor codes or None when unchecked)
POLITICAL = [
    ("Protesters clashed with riot police, who fired tear gas at the crowd.", "COERCE", "fired", None),
    ("Police in Lagos said they had seized a cache of rifles and ammunition.", "COERCE", "seized", {"NGA"}),
    ("Young men threw stones at police in the capital on Friday.", "PROTEST", "threw", None),  # a riot, as the training labels code stone-throwing crowds
    ("Human rights groups condemned the verdict.", "ACCUSE", "condemned", None),
    ("Several presidential candidates criticised the ruling on Tuesday.", "ACCUSE", "criticised", None),
    # party members of the dateline's country
    ("WASHINGTON — Republicans argued that the impeachment process was unfair.", "ACCUSE", "argued", {"USA"}),
    ("The law was challenged by 200 members of parliament.", "ACCUSE", "challenged", None),
    ("Maria Lopez, the opposition candidate, rejected the results.", "REJECT", "rejected", None),
    ("Members of the United Auto Workers voted to reject the contract offer.", "REJECT", "reject", None),
    ("Writers have been on strike since May, demanding higher pay.", "REQUEST", "demanding", None),
    ("Protesters called for a boycott of French goods.", "REQUEST", "called", None),
    ("At least 40 civilians were killed in the town on Sunday.", "ASSAULT", "killed", None),
    ("Nearly 100 people were killed on Sunday, including 14 police officers.", "ASSAULT", "killed", None),
    ("The election was the bloodiest yet, with more than 100 candidates killed since September.", "ASSAULT",
     "killed", None),
    ("A car packed with explosives blew up outside a hotel in Mogadishu on Saturday.", "ASSAULT", "blew up", None),
    ("Fighting between Armenia and Azerbaijan continued for a third day.", "ASSAULT", "Fighting", None),
    ("The decree banned all public gatherings.", "COERCE", "banned", None),
]

# Their hard negatives: the same shapes with private actors, things or
# accidents.
NOT_POLITICAL = [
    "The company said it would appeal the ruling.",
    "General Motors said it would stop advertising on the site.",  # "General" is no title here
    "The firm is bidding on government contracts worth $2 billion.",
    "Industry groups welcomed the lower interest rates.",
    "Business groups criticised the move, saying it risked provoking retaliation.",
    "Many liberals criticised the film for its violence.",
    "Maria Lopez, the singer, rejected the offer.",
    "Members of the golf club criticised the new fees.",
    "The campaign spent more than the other three candidates combined.",
    "The report criticised the bank's lending practices.",
    "Ticket holders gathered outside the arena, demanding refunds.",
    "Fans gathered outside the stadium to celebrate the title.",
    "Water poured into streets that had been protected by flood defences.",
    "The rocket maker fired its new engine in a test on Thursday.",
    "Three people were killed in a car crash on the motorway.",
    # markets and companies named with a place or in a dateline
    "Bank stocks rallied after the results on Tuesday.",
    "The Tokyo stock exchange suspended trading for an hour after a glitch.",
    "HOUSTON — Exxon Mobil Corp said on Monday it would buy Pioneer Natural Resources for $60 billion.",
    # drawing on troops asks no one anything
    "The country can call on about 200,000 reservists in wartime.",
]


@pytest.mark.model
@pytest.mark.parametrize("text,type_,trigger,actors", POLITICAL)
def test_political_actors_by_what_they_are(settings: Settings, text: str, type_: str, trigger: str,
                                           actors: set[str] | None) -> None:
    found = events_of(text, Settings.from_dict({**settings.to_dict(), "event_model": False}))
    hits = [e for e in found if e.type == type_ and e.trigger == trigger]
    assert hits, [(e.type, e.trigger, e.status) for e in found]
    assert hits[0].status == "occurred"
    if actors is not None:
        assert {a.code for a in hits[0].actor} == actors


@pytest.mark.model
@pytest.mark.parametrize("text", NOT_POLITICAL)
def test_private_actors_make_no_event(settings: Settings, text: str) -> None:
    found = events_of(text, Settings.from_dict({**settings.to_dict(), "event_model": False}))
    assert not found, [(e.type, e.trigger, e.status) for e in found]

def test_model_decides_from_weights() -> None:
    """A hand-made two-feature model: the arithmetic of decide()."""
    classes = [NONE, "ASSAULT", "ACCUSE"]
    model = EventModel({"classes": classes, "bias": [0.0, 0.0, 0.0], "temperature": 1.0, "threshold": 0.5,
                        "weights": {"lemma=attack": [0.0, 2.0, 0.0], "obj=proposal": [0.0, -2.0, 2.5],
                                    "w=match": [3.0, 0.0, 0.0]}})
    assert model.decide(["lemma=attack"], "ASSAULT").type == "ASSAULT"
    retyped = model.decide(["lemma=attack", "obj=proposal"], "ASSAULT")
    assert retyped.keep and retyped.type == "ACCUSE"
    assert not model.decide(["lemma=attack", "w=match", "w=unknown"], "ASSAULT").keep
    probs = model.probabilities(["lemma=attack"])
    assert abs(sum(probs) - 1) < 1e-9


def test_shipped_model_is_calibrated_and_documented() -> None:
    model = load_model()
    assert model is not None, "kb/data/event_model.json is missing: run `detente train events`"
    assert model.classes[0] == NONE and len(model.classes) == 17
    assert 0.3 <= model.temperature <= 4 and 0.1 <= model.threshold <= 0.9
    meta = model.meta
    assert meta["sentences"] >= 2000 and meta["sentences_without_event"] * 2 >= meta["sentences"]


def test_training_data_reads_and_labels(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The labelled files parse, their offsets hold and every label is a
    PLOVER type; the blind test articles are not among the training ones."""
    data = training.training_data()
    sources = {item.source for item in data}
    assert {"written", "meantime", "articles", "plover", "petrarch"} <= sources
    for item in data:
        for seg in item.segments:
            assert 0 <= seg.start < seg.end <= len(item.article.text)
            for event in seg.events:
                assert event.type in training.TYPES
    blind = {json.loads(line)["doc"] for line in
             (FIXTURES / "events" / "realnews" / "meantime.jsonl").read_text("utf-8").splitlines() if line.strip()}
    trained = {item.article.ref for item in data if item.source == "meantime"}
    assert trained and not blind & trained
    # No sentence of a written test article is a training sentence.
    tested = set()
    for folder in ("realnews", "realnews_b", "realnews_c", "realnews_d", "realnews_e", "realnews_f"):
        texts = {a["id"]: a["text"] for a in map(json.loads, (FIXTURES / "events" / folder / "articles.jsonl")
                                                 .read_text("utf-8").splitlines())}
        for row in map(json.loads, (FIXTURES / "events" / folder / "labels.jsonl").read_text("utf-8").splitlines()):
            tested.add(texts[row["doc"]][row["start"]:row["end"]].strip())
    seen = {item.article.text[seg.start:seg.end].strip() for item in data for seg in item.segments}
    assert len(tested) > 1000 and not tested & seen


@pytest.mark.model
def test_training_is_reproducible(settings: Settings) -> None:
    """The same examples and seed fit the same model."""
    data = [item for item in training.training_data() if item.source == "written"][:150]
    rules = Settings.from_dict({**settings.to_dict(), "event_model": False})
    found = training.examples(data, rules)
    assert {e.label for e in found} - {NONE}
    one, two = training.fit(found), training.fit(found)
    assert one["weights"] == two["weights"] and one["threshold"] == two["threshold"]


def test_shared_data_is_there() -> None:
    assert (SHARED / "data" / "meantime_time_dev" / "inputs.jsonl").exists()


def test_parties_and_unions_are_political_sectors() -> None:
    """The issue counts parties and unions as political actors: a record the
    actors stage gives sector PTY (a candidate, the Workers' Party) or LAB (a
    union officer) is political; a company's (BUS) is not."""
    from detente.records import ActorRecord
    from detente.stages import event_sense

    def person(sector: str) -> ActorRecord:
        return ActorRecord(id="a1", article_id="t", name="Maria Lopez", type="person", code=None, sector=sector,
                           role="candidate")

    assert event_sense.political(person("PTY"), None, "ACCUSE")
    assert event_sense.political(person("LAB"), None, "REQUEST")
    assert not event_sense.political(person("BUS"), None, "ACCUSE")


# -- warnings that announce a response; police at a match ----------------------------

RESPONSE_WARNINGS = [
    "President Lee Myung-bak warned that further provocations would be met with enormous retaliation.",
    "Turkish Defence Minister Hulusi Akar warned that any attack on Turkish ships would be answered.",
]
FORECAST_WARNINGS = [
    "The airline warned that flights would be delayed.",
    "Economists warned that consumers would pay higher prices.",
]


@pytest.mark.model
@pytest.mark.parametrize("text", RESPONSE_WARNINGS)
def test_a_warning_of_a_response_to_come_is_a_threat(settings: Settings, text: str) -> None:
    """"Warned that any attack would be answered": a response announced,
    whoever the clause's subject is."""
    found = events_of(text, settings)
    assert any(e.type == "THREATEN" and e.trigger == "warned" for e in found), [(e.type, e.trigger) for e in found]


@pytest.mark.model
@pytest.mark.parametrize("text", FORECAST_WARNINGS)
def test_a_warning_that_forecasts_is_no_threat(settings: Settings, text: str) -> None:
    found = events_of(text, settings)
    assert not found, [(e.type, e.trigger) for e in found]


@pytest.mark.model
def test_police_in_a_stadium_act_but_players_do_not(settings: Settings) -> None:
    """A sports report is no politics unless state force acts in it: police
    firing tear gas into the stands is a COERCE; a striker firing the ball
    into the stands is nothing."""
    found = events_of("At least 125 people were killed when police fired tear gas into packed stands at the end "
                      "of a football match in Malang.", settings)
    assert any(e.type == "COERCE" and e.trigger == "fired" for e in found), [(e.type, e.trigger) for e in found]
    found = events_of("The striker fired the ball into the stands as the team lost the match 2-1.", settings)
    assert not found, [(e.type, e.trigger) for e in found]


# -- trade retaliation, delegations (issue 14: missing and mistyped triggers) --

# The rules' events (no classifier: the shapes read, not its verdict).
from .conftest import rules_events as _rules  # noqa: E402


@pytest.mark.model
def test_retaliating_with_tariffs_is_a_sanction(settings: Settings) -> None:
    """"Retaliated with higher tariffs": trade war news's retaliation is a
    measure (SANCTION); one with air strikes stays an ASSAULT."""
    found = _rules(settings, "China retaliated with higher tariffs on $60 billion of US goods.")
    assert [(e.type, e.trigger) for e in found] == [("SANCTION", "retaliated")], found
    assert {a.code for a in found[0].actor} == {"CHN"}
    found = _rules(settings, "Israel retaliated with air strikes on Gaza.")
    assert not any(e.type == "SANCTION" for e in found) and any(e.type == "ASSAULT" for e in found), \
        [(e.type, e.trigger) for e in found]


@pytest.mark.model
def test_sending_a_delegation_is_consultation(settings: Settings) -> None:
    """A delegation or envoy sent is a visit to talk (CONSULT), not aid; relief
    sent stays AID."""
    found = _rules(settings, "Eritrea responded by sending a delegation to Addis Ababa, the first such visit "
                                   "in two decades.")
    assert any(e.type == "CONSULT" and e.trigger == "sending" for e in found), [(e.type, e.trigger) for e in found]
    found = _rules(settings, "India dispatched military aircraft carrying relief supplies to Turkey.")
    assert any(e.type == "AID" and e.trigger == "dispatched" for e in found), [(e.type, e.trigger) for e in found]


@pytest.mark.model
@pytest.mark.parametrize(("text", "found"), [
    ("Hamas launched rockets at Tel Aviv on Saturday.", True),
    ("Militants launched a rocket into southern Israel overnight.", True),
    ("Russia launched missiles on Kyiv.", True),
    # a space agency's launch is no attack, whoever launches it
    ("NASA launched the Artemis rocket from Florida on Wednesday.", False),
    ("China launched a satellite to study the sun.", False),
    ("India launched a probe to the moon in July.", False),
])
def test_event_sense_launches_are_attacks_only_when_aimed(settings: Settings, text: str, found: bool) -> None:
    hits = [e for e in _rules(settings, text) if e.type == "ASSAULT"]
    assert bool(hits) == found, hits


# -- word sense rejecting real uses (issue 14, helper q30n): forces deployed,
# -- security stepped up, warnings of the warner's own acts, envoys given hours to leave

@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ("Defence Minister Aden Duale said the military had been deployed to support police.", "deployed", None),
    ("Police in several countries had stepped up security around armoured vans carrying the new money.",
     "stepped", None),
    ("Officials in Vilnius said they had stepped up security on the border.", "stepped", "LTU"),
])
def test_event_sense_forces_deployed_and_security_stepped_up(settings: Settings, text: str, trigger: str,
                                                             actor: str | None) -> None:
    """"The military" deployed is a force (a word that qualifies aid too, so
    not among the military nouns); security stepped up by police or
    officials is police power raised (CAMEO 15)."""
    found = [e for e in _rules(settings, text) if e.type == "MOBILIZE" and e.trigger == trigger]
    assert found, [(e.type, e.trigger) for e in _rules(settings, text)]
    if actor is not None:
        assert actor in {a.code for a in found[0].actor}, found[0].actor


@pytest.mark.model
@pytest.mark.parametrize("text", [
    # a standing task, not news
    "A UN peacekeeping force has patrolled the buffer zone between the two sides for more than five decades.",
    # firms and charities step up security or their presence: no police power
    "The company stepped up security at its data centres in Dublin.",
    "The charity stepped up its presence in the camps.",
])
def test_event_sense_no_mobilisation_without_forces_or_news(settings: Settings, text: str) -> None:
    found = [e for e in _rules(settings, text) if e.type == "MOBILIZE"]
    assert not found, [(e.type, e.trigger) for e in found]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Rwanda warned that its troops would move to protect civilians if the killing did not stop.",
    "President Ronald Reagan warned that the United States would act again if necessary.",
    "State television said the army had crushed a rebellion and warned that anyone who resisted would be dealt "
    "with severely.",
    "The army warned that anyone involved would face severe consequences under the law.",
    "Iran's Supreme Leader Ayatollah Ali Khamenei warned that harsh revenge awaits the criminals behind the attack.",
])
def test_event_sense_warnings_of_the_warners_own_acts_are_threats(settings: Settings, text: str) -> None:
    """A warning is a threat when it says what the warner's side will do (its
    troops, its country, if need be) or what retribution awaits."""
    found = [e for e in _rules(settings, text) if e.type == "THREATEN" and e.trigger == "warned"]
    assert found, [(e.type, e.trigger) for e in _rules(settings, text)]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The central bank warned that its reserves would fall if oil prices did not recover.",
    "The finance minister warned that the United States would fall into recession if rates rose.",
    "The airline warned that passengers would face long delays at Heathrow.",
])
def test_event_sense_warnings_that_forecast_stay_no_threat(settings: Settings, text: str) -> None:
    found = [e for e in _rules(settings, text) if e.type == "THREATEN"]
    assert not found, [(e.type, e.trigger) for e in found]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Saudi Arabia gave Iranian diplomats 48 hours to leave the kingdom on Sunday.",
    "The kingdom gave the Canadian envoy, Dennis Horak, 24 hours to leave.",
])
def test_event_sense_envoys_given_hours_to_leave_are_expelled(settings: Settings, text: str) -> None:
    """However the parser hangs the hours, envoys given them to leave are
    expelled (SANCTION), not given aid."""
    found = _rules(settings, text)
    assert any(e.type == "SANCTION" and e.trigger == "gave" for e in found), [(e.type, e.trigger) for e in found]
    assert not any(e.type == "AID" for e in found), [(e.type, e.trigger) for e in found]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Russian officials declined to comment on the talks.",
    "The Foreign Office refused to comment.",
    "The ministry declined to confirm the report.",
])
def test_event_sense_declining_to_comment_is_no_rejection(settings: Settings, text: str) -> None:
    """CAMEO 011 "decline comment" is a public statement, which PLOVER does not code."""
    found = [e for e in _rules(settings, text) if e.type == "REJECT"]
    assert not found, [(e.type, e.trigger) for e in found]


@pytest.mark.model
def test_event_sense_what_is_refused_stays_a_rejection(settings: Settings) -> None:
    found = [e for e in _rules(settings, "Iran refused to allow inspectors into the site.") if e.type == "REJECT"]
    assert [e.trigger for e in found] == ["refused"], found


@pytest.mark.model
def test_event_sense_shots_into_the_air_are_no_attack(settings: Settings) -> None:
    text = "In Baghdad soldiers fired their rifles into the air as President Saddam Hussein declared victory."
    assert not [e for e in _rules(settings, text) if e.type == "ASSAULT"]
    # Hard negative: firing on people is still an attack.
    found = [e for e in _rules(settings, "Soldiers fired on the crowd, killing 12 people.") if e.trigger == "fired"]
    assert [e.type for e in found] == ["ASSAULT"], found
