"""The events stage: PLOVER events with actors, status, date, place and
score; the reconciled score table; the PLOVER development set."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.article import Article
from detente.eval import read_gold, run_gold
from detente.eval.events import realnews_sets, score_events, score_realnews
from detente.pipeline import process
from detente.records import EventRecord
from detente.stages.events import score_of, scores, triggers
from detente.training import events as training

from .conftest import FIXTURES, SEED, SHARED, events_of, read_one, rules_events


def test_events_score_table() -> None:
    table = scores()
    assert score_of("ACCUSE", None) == (-3.0, 3)  # the draft's +3 is a sign slip
    assert score_of("ACCUSE", "allege")[0] == -3.5
    assert score_of("REQUEST", None) == (0.0, 3)
    assert score_of("CONSULT", "made-up-mode") == score_of("CONSULT", None)
    assert {quad for _, quad in table.values()} == {1, 2, 3, 4}
    assert all(-10 <= s <= 10 for s, _ in table.values())
    types = {t for t, _ in table}
    assert len(types) == 16 and {t.type for t in triggers().values()} <= types


def codes(refs: list) -> set[str | None]:  # type: ignore[type-arg]
    return {r.code for r in refs}


@pytest.fixture(scope="module")
def seed(settings: Settings) -> list[EventRecord]:
    article = process(read_one(SEED), settings)
    events = [r for r in article.records if isinstance(r, EventRecord)]
    for e in events:
        assert article.text[e.start:e.end] == e.text and e.trigger in e.text
    return events


def find(events: list[EventRecord], type_: str, trigger: str) -> EventRecord:
    hits = [e for e in events if e.type == type_ and e.trigger == trigger]
    assert hits, [(e.type, e.trigger) for e in events]
    return hits[0]


@pytest.mark.model
def test_events_seed_meetings(seed: list[EventRecord]) -> None:
    brussels = find(seed, "CONSULT", "meet")
    assert codes(brussels.actor) >= {"NATO", "RUS"} and brussels.status == "scheduled"
    assert (brussels.date, brussels.location.name if brussels.location else None) == ("2022-01-12", "Brussels")
    geneva = find(seed, "CONSULT", "discussion")
    assert codes(geneva.actor) == {"USA", "RUS"} and geneva.date == "2022-01-12"
    assert geneva.location is not None and geneva.location.name == "Geneva"
    vienna = find(seed, "CONSULT", "meeting")
    assert vienna.date == "2022-01-13" and vienna.status == "scheduled"
    assert vienna.location is not None and vienna.location.name == "Vienna"
    for e in (brussels, geneva, vienna):
        assert (e.score, e.quad) == (2.5, 1)


@pytest.mark.model
def test_events_seed_demands_rejection_build_up_and_call(seed: list[EventRecord]) -> None:
    demands = find(seed, "REQUEST", "demands")
    assert codes(demands.actor) == {"RUS"} and (demands.date, demands.date_precision) == ("2021-12", "month")
    rejected = find(seed, "REJECT", "rejected")
    assert "USA" in codes(rejected.actor) and codes(rejected.recipient) == {"RUS"}
    massed = find(seed, "MOBILIZE", "massed")
    assert codes(massed.actor) == {"RUS"} and massed.mode == "troops" and massed.quad == 4
    call = find(seed, "REQUEST", "want")  # “We want to see … Russia pulling back its forces,” Smith said
    assert codes(call.actor) == {"USA"} and codes(call.recipient) == {"RUS"}
    assert call.actor[0].name == "Julianne Smith"
    pull = find(seed, "RETREAT", "pull back")  # "the alliance won't pull back"
    assert pull.status == "negated" and codes(pull.actor) == {"NATO"}


@pytest.mark.model
def test_events_seed_precision(seed: list[EventRecord]) -> None:
    # "the first talks in the NATO-Russia Council since 2019" is background.
    assert not [e for e in seed if "since 2019" in e.text and e.trigger == "talks"]
    # Nothing dated more than a year before publication.
    assert not [e for e in seed if e.date and e.date[:4].isdigit() and e.date[:4] < "2021"]
    sentences = {e.start for e in seed}
    assert len(seed) / len(sentences) <= 1.5


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "status"), [
    ("Russia will hold talks with Ukraine next week.", "CONSULT", "scheduled"),
    ("Moscow could sanction the Baltic states.", "SANCTION", "hypothetical"),
    ("Turkey did not attack the Kurdish militia.", "ASSAULT", "negated"),
    # A threat uttered, and a refusal, have occurred (training/events/GUIDELINES.md).
    ("China said it would boycott the summit.", "THREATEN", "occurred"),
    ("Israel will not accept the proposal.", "REJECT", "occurred"),
    ("Germany said it would send emergency aid to Turkey.", "AGREE", "occurred"),
    ("France said Iran must release the detained diplomats.", "REQUEST", "occurred"),
])
def test_events_status_and_intentions(settings: Settings, text: str, type_: str, status: str) -> None:
    article = process(Article.create("t", "News\n\n" + text, published="2022-03-01", date_source="given"), settings)
    events = [r for r in article.records if isinstance(r, EventRecord)]
    assert events, text
    best = max(events, key=lambda e: e.confidence)
    assert (best.type, best.status) == (type_, status), [(e.type, e.status, e.trigger) for e in events]


@pytest.mark.model
def test_events_plover_dev_floor(settings: Settings) -> None:
    """../shared/data/plover_gsr_dev: 161 CAMEO-manual sentences with PLOVER
    gold (not copied here). Measured on 2026-11-29: type accuracy 0.758,
    full match 0.292, 1.19 events per sentence. Floors pinned below; a score
    may rise, lowering a floor needs a reason in the commit."""
    folder = SHARED / "data" / "plover_gsr_dev"
    if not folder.exists():
        pytest.fail(f"{folder} is missing: CI must run with ../shared beside the checkout")
    scores_ = score_events(folder, settings).summary()
    assert scores_["sentences"] == 161
    # 2026-12-06: 0.901 / 0.323 with the classifier, which is trained on
    # this set (so these floors guard the pipeline, not generalisation).
    # Then 0.870: the classifier's threshold targets out-of-fold precision
    # 0.85 and its training data grew fourfold with real-news articles (this
    # set is 6% of it), which costs this set's recall; the floor follows.
    assert scores_["type_accuracy"] >= 0.85, scores_
    assert scores_["full_match"] >= 0.30, scores_
    assert scores_["events_per_sentence"] <= 1.5, scores_


@pytest.mark.model
def test_events_heldout_floor(settings: Settings) -> None:
    """tests/fixtures/events: 80 sentences, 5 per PLOVER type, written by a
    session that never saw the rules or the development set. Scored blind
    first (type accuracy 0.537); 0.675 after adding the vocabulary its misses
    showed was missing (full match 0.412, 0.99 events per sentence).
    Floors pinned below; lowering one needs a reason in the commit."""
    scores_ = score_events(FIXTURES / "events", settings).summary()
    assert scores_["sentences"] == 80
    # 2026-12-06: 0.725 / 0.450 with relevance, word sense, the CAMEO
    # vocabulary and the classifier (0.875 events per sentence); 0.800 on
    # 2026-12-07 with the main-clause event ranked first.
    assert scores_["type_accuracy"] >= 0.78, scores_
    assert scores_["full_match"] >= 0.42, scores_
    assert scores_["events_per_sentence"] <= 1.5, scores_


@pytest.mark.model
def test_events_heldout_b_floor(settings: Settings) -> None:
    """tests/fixtures/events/heldout_b: 96 sentences, 6 per PLOVER type, events
    of 1997-2014 with distractor events in subordinate clauses, written blind
    (README there). First run 2026-12-06, before any change made from it:
    type accuracy 0.552, full match 0.281, 0.98 events per sentence (the code
    of the session's start scored the same 0.552); 0.646 on 2026-12-07
    (misses still unread). Floors pinned below."""
    scores_ = score_events(FIXTURES / "events" / "heldout_b", settings).summary()
    assert scores_["sentences"] == 96
    assert scores_["type_accuracy"] >= 0.60, scores_
    assert scores_["full_match"] >= 0.25, scores_
    assert scores_["events_per_sentence"] <= 1.5, scores_


@pytest.mark.model
def test_events_heldout_c_floor(settings: Settings) -> None:
    """tests/fixtures/events/heldout_c: 128 sentences, 8 per PLOVER type, half
    in short CAMEO-manual wire style, of 1968-2002 and of Africa, Latin
    America, Central Asia and the Pacific, written blind (README there).
    First run 2026-12-07 on commit efb61e4, before any change made from it:
    type accuracy 0.656, full match 0.266, 0.83 events per sentence (the
    code of the session's start, ba4bb78: 0.641). Misses unread. Floors
    pinned below."""
    scores_ = score_events(FIXTURES / "events" / "heldout_c", settings).summary()
    assert scores_["sentences"] == 128
    assert scores_["type_accuracy"] >= 0.62, scores_
    assert scores_["full_match"] >= 0.23, scores_
    assert scores_["events_per_sentence"] <= 1.5, scores_


@pytest.mark.model
def test_events_realnews_floor(settings: Settings) -> None:
    """The real-news sets (tests/fixtures/events/realnews, realnews_b,
    realnews_c): whole articles labelled sentence by sentence by sessions
    that never saw the rules. First runs (rules + classifier): written
    articles P 0.800 R 0.196, false events 0.014; MEANTIME P 0.667 R 0.158,
    false events 0.002; realnews_b (40 articles) P 0.829 R 0.305, false
    events 0.010, actor country 0.659; realnews_c (40 articles, events of
    1990-2004) P 0.808 R 0.414, false events 0.027, actor country 0.687;
    realnews_d (40 articles, events of 1975-1989, more ordinary news) P
    0.757 R 0.419, false events 0.045, actor country 0.708; realnews_e
    (40 articles, events of 2008-2025 on topics no other set covers, half
    of them ordinary news) P 0.767 R 0.411, false events 0.036, actor
    country 0.791; realnews_f (40 articles, 2010-2025, topics of every other
    set avoided, 22 of 40 ordinary news; first run on the code of bba9c26)
    P 0.768 R 0.454, false events 0.082, actor country 0.829; realnews_g
    (40 articles, 2000-2025, 33 of 40 set in Africa, Latin America, Asia,
    the Middle East or Eastern Europe; first run on 3c66ed4, which scores
    the same as the code of dc1902a) P 0.799 R 0.510, false events 0.074,
    actor country 0.846; realnews_h (40 articles, 2005-2022, 35 of 40 in
    those regions, topics of every other set avoided; first run on e3372b4)
    P 0.790 R 0.482, false events 0.032, actor country 0.886. Sets C and D
    are development sets since 2026-12-07's fourth session (their misses
    were read; floors raised to below their figures then, C P 0.824 R
    0.539, D P 0.805 R 0.522).
    Floors pinned below the figures in the README; lowering one needs a
    reason in the commit."""
    sets = realnews_sets()
    assert set(sets) == {"written", "written_b", "written_c", "written_d", "written_e", "written_f",
                         "written_g", "written_h", "meantime"}, \
        "the MEANTIME text must be in ../shared/data"
    floors = {  # sentences, precision, recall, false-event rate, actor country
        "written": (395, 0.81, 0.60, 0.02, 0.90),
        "written_b": (444, 0.86, 0.55, 0.02, 0.86),
        "written_c": (480, 0.80, 0.51, 0.03, 0.78),
        "written_d": (445, 0.78, 0.50, 0.05, 0.76),
        "written_e": (454, 0.78, 0.43, 0.04, 0.83),
        "written_f": (472, 0.76, 0.46, 0.085, 0.83),
        "written_g": (443, 0.78, 0.49, 0.08, 0.82),
        "written_h": (443, 0.77, 0.46, 0.04, 0.86),
        "meantime": (518, 0.62, 0.30, 0.01, 0.0),
    }
    for name, (sentences, precision, recall, false_rate, actor) in floors.items():
        got = score_realnews(sets[name], settings).summary()
        assert got["sentences"] == sentences, (name, got)
        assert got["precision"] >= precision and got["recall"] >= recall, (name, got)
        assert got["false_event_rate"] <= false_rate and got["actor_country"] >= actor, (name, got)


# -- Issue 14: events with no trigger, and nominal events with no parties ------------------


# (sentence, type, trigger, actor codes or None): judgements voiced, threats
# stated as measures, courts and governments acting on people and offices,
# truces that take effect, hand-overs, violence named by nouns, and parties
# of nominal events read from their clause.
NEW_SHAPES = [
    ("Japan, Australia and the European Union also voiced concern.", "ACCUSE", "concern", {"JPN", "AUS", "EU"}),
    ("The United States said it was deeply disappointed by the verdict.", "ACCUSE", "disappointed", {"USA"}),
    # a predicate of "called" is the judgement, not a threat
    ("Justice Antonin Scalia called the ruling a threat to American democracy.", "ACCUSE", "threat", None),
    ("Venezuela's opposition said the vote had been rigged.", "ACCUSE", "rigged", {"VEN"}),
    ("Turkish President Tayyip Erdogan questioned the agreement's credibility.", "ACCUSE", "questioned", {"TUR"}),
    ("China's commerce ministry said Beijing would take all necessary measures to protect the rights of "
     "Chinese companies.", "THREATEN", "take", {"CHN"}),
    ("President Joe Biden said he would not hesitate to take further action.", "THREATEN", "hesitate", {"USA"}),
    ("Yemen's Houthi rebels claimed responsibility for the attack.", "ASSAULT", "claimed", None),
    ("Kenya's Supreme Court on Friday annulled the result of last month's presidential election.", "REJECT",
     "annulled", {"KEN"}),
    ("The Supreme Court ruled that the suspension of parliament was unconstitutional.", "REJECT", "ruled", None),
    ("A federal judge in Washington ruled on Monday that Google illegally maintained a monopoly.", "COERCE",
     "ruled", None),
    ("Nicaragua stripped 94 political opponents of their citizenship on Wednesday.", "COERCE", "stripped", {"NIC"}),
    ("Sirisena dissolved the legislature weeks after he sacked Prime Minister Ranil Wickremesinghe.", "COERCE",
     "sacked", None),
    ("Prosecutors said he was being held on charges of rebellion.", "COERCE", "held", None),
    ("Nigeria has declared a national emergency.", "COERCE", "emergency", {"NGA"}),
    ("A ceasefire between Israel and Hamas took effect at 2 a.m. on Friday.", "RETREAT", "took", {"ISR", "HAMAS"}),
    ("Pakistan on Friday handed over a captured Indian Air Force pilot.", "CONCEDE", "handed over", {"PAK"}),
    ("Brazil moved armoured vehicles and extra troops to its northern border.", "MOBILIZE", "moved", {"BRA"}),
    ("Protesters threw stones at police in Nairobi.", "PROTEST", "threw", None),
    ("French President Emmanuel Macron called for Europe to regain control of its borders.", "REQUEST", "called",
     {"FRA"}),
    # nominal events: who responded, whose talks, where the protests were
    ("The army responded with air strikes on rebel bases in Khartoum.", "ASSAULT", "strikes", {"SDN"}),
    ("Evo Morales resigned on Sunday after three weeks of protests in La Paz.", "PROTEST", "protests", {"BOL"}),
    ("Xi Jinping told Ma Ying-jeou at the start of their talks that no force could pull the two sides apart.",
     "CONSULT", "talks", None),
    # what a noun governs decides its type
    ("Ukraine welcomed calls by France for a ceasefire.", "REQUEST", "calls", {"FRA"}),
    ("China imposed a ban on imports of Australian coal.", "SANCTION", "ban", {"CHN"}),
    ("Germany announced military support for Ukraine.", "AID", "support", {"DEU"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "trigger", "actors"), NEW_SHAPES)
def test_events_new_shapes(settings: Settings, text: str, type_: str, trigger: str, actors: set[str] | None) -> None:
    _assert_occurred(settings, text, type_, trigger, actors)


def _assert_occurred(settings: Settings, text: str, type_: str, trigger: str, actors: set[str] | None) -> None:
    """The rules make an occurred event of this type on this trigger, with
    these actor codes (None: any)."""
    found = rules_events(settings, text)
    hits = [e for e in found if e.type == type_ and e.trigger == trigger and e.status == "occurred"]
    assert hits, [(e.type, e.trigger, e.status) for e in found]
    if actors is not None:
        assert codes(hits[0].actor) == actors, hits[0].actor


# Sentences whose new trigger words are in a sense that is no event: business,
# sport, crime, weather and science, and acts asked for, alleged or denied.
# (sentence, the trigger that must not make an occurred event; None: no event at all)
NEW_SHAPES_NEGATIVE = [
    ("The company's resignation from the trade body surprised analysts.", None),
    ("The champion was stripped of the title after failing a drug test.", None),
    ("The club sacked its manager after a run of defeats.", None),
    ("Investors expressed concern about inflation.", None),
    ("Health officials said they were concerned about the spread of the virus.", None),
    ("Police questioned two men about the robbery.", None),
    ("The striker handed over the captain's armband to his teammate.", None),
    ("The election was held on Sunday.", None),
    ("The central bank said it would take all necessary measures to stabilise the currency.", None),
    ("The government will take further steps to support farmers.", None),
    ("The app uses facial recognition to unlock the phone.", None),
    ("She won recognition for her work on climate science.", None),
    ("The referee ruled that the goal was offside.", None),
    ("The new tax law took effect on January 1.", None),
    ("Tokyo's transport network shut down after the earthquake.", None),
    ("She worked with UNICEF for ten years.", None),
    ("Fans threw bottles at the referee.", None),
    ("England's bowlers launched a ferocious assault on the Australian batting line-up.", None),
    ("Talks with investors continued on Monday.", None),
    ("The World Health Organization declared the outbreak a public health emergency.", None),
    ("The company took control of its rival.", None),
    ("At a news conference in Paris, the minister said prices would fall.", None),
    ("Analysts questioned whether the merger would create value.", None),
    ("The bank's chief executive said the company would go to court to challenge the fine.", None),
    ("A gas explosion at a chemical plant killed three workers, police said.", "explosion"),
    # what is asked for, alleged or denied is not done
    ("Protesters demanded the prime minister's resignation.", "resignation"),
    ("Beijing denied imposing any ban on Japanese goods.", "ban"),
    ("Kyiv accused Moscow of massing troops on the border.", "massing"),
    ("President Donald Trump has dropped his threat to impose tariffs on Mexican imports.", "threat"),
    ("The United States and Japan agreed to hold joint military exercises next year.", "exercises"),
    ("China's envoy said Washington and Seoul should halt their military exercises.", "exercises"),
    ("UN Secretary-General Ban Ki-moon arrived in Kabul on Monday.", "Ban"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger"), NEW_SHAPES_NEGATIVE)
def test_events_new_shapes_hard_negatives(settings: Settings, text: str, trigger: str | None) -> None:
    _assert_not_occurred(settings, text, trigger)


def _assert_not_occurred(settings: Settings, text: str, trigger: str | None) -> None:
    """The rules make no event (``trigger`` None), or none occurred on ``trigger``."""
    found = rules_events(settings, text)
    if trigger is None:
        assert not found, [(e.type, e.trigger, e.status) for e in found]
    else:
        assert not [e for e in found if e.trigger == trigger and e.status == "occurred"], \
            [(e.type, e.trigger, e.status) for e in found]


@pytest.mark.model
def test_an_apology_is_a_concession(settings: Settings) -> None:
    """The guidelines (and PLOVER) put apologising under CONCEDE, giving in;
    a company's apology to its customers is no political event."""
    def found(text: str) -> list[tuple[str, str]]:
        article = process(Article.create("t", text, published="2022-03-10", date_source="given"), settings)
        return [(r.type, r.status) for r in article.records if isinstance(r, EventRecord)]

    assert ("CONCEDE", "occurred") in found(
        "Japan's prime minister apologised to South Korea for the wartime abuses on Monday.")
    assert found("The airline apologised to passengers for the delays.") == []


# -- Issue 14 (gates): nominal events' parties and political sides the gate missed ----------------

# (sentence, type, trigger, actor codes or None): a subject pronoun that stands
# for the previous sentence's subject, a gerund done by its clause's subject,
# words voiced "from" someone, an act whose doer is the clause's subject, talks
# that something followed or that collapsed, an attack that took place in a
# war, one of a group named before, a ruler named as such earlier, voters in
# a referendum.
GATE_SHAPES = [
    # the subject before "It", not the last organisation named (YouTube)
    ("The government had blocked Facebook and YouTube in Nepal last week. It lifted the ban late on Monday.",
     "CONCEDE", "lifted", {"NPL"}),
    ("North Korea blew up a liaison office on Tuesday, days after threatening to cut ties with the South.",
     "THREATEN", "threatening", {"PRK"}),
    ("Serbia declared a day of mourning, a move that drew criticism from the European Union.", "ACCUSE",
     "criticism", {"EU"}),
    ("The government has refused calls from Western countries for a ceasefire.", "REQUEST", "calls", None),
    ("In Nanterre, youths threw fireworks at police, who responded with tear gas.", "COERCE", "gas", {"FRA"}),
    ("The army placed him under house arrest.", "COERCE", "arrest", None),
    ("The Nigeria Labour Congress called off the strike after talks with the government.", "CONSULT", "talks",
     {"NGA"}),
    ("Talks aimed at reunifying Cyprus collapsed early on Friday.", "CONSULT", "Talks", None),
    ("Thailand and Cambodia agreed to a ceasefire after five days of fighting along their border.", "ASSAULT",
     "fighting", None),
    ("Several government ministers dismissed the protests, with one accusing the students of being manipulated "
     "by the opposition.", "ACCUSE", "accusing", None),
    ("Gambia's longtime ruler Yahya Jammeh flew into exile on Saturday. Jammeh initially conceded defeat in a "
     "phone call to his rival.", "CONCEDE", "conceded", None),
    ("Italian Prime Minister Matteo Renzi said he would resign after voters rejected his plan in a referendum "
     "on Sunday.", "REJECT", "rejected", None),
    ("India's foreign minister threatened to recall the ambassador.", "THREATEN", "threatened", {"IND"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "trigger", "actors"), GATE_SHAPES)
def test_events_gate_shapes(settings: Settings, text: str, type_: str, trigger: str, actors: set[str] | None) -> None:
    _assert_occurred(settings, text, type_, trigger, actors)


# The same shapes in business, sport and crime, and where the text leaves the
# reference unclear: no event (None) or none from that trigger.
GATE_NEGATIVES = [
    ("The striker's move drew criticism from fans.", None),
    ("The club signed the striker after talks with his agent.", None),
    ("Talks between the club and the player collapsed on Friday.", None),
    ("Three people were killed in an attack on a bar, police said.", "attack"),
    ("Police launched a manhunt and found his body several hours after the attack.", "attack"),
    ("The company said it had blocked the accounts. It lifted the ban late on Monday.", "lifted"),
    ("The government said the company broke the rules. It denied wrongdoing.", None),
    ("Five men dressed as police officers forced their way into the residence. They threatened the concierge "
     "with a gun.", "threatened"),
    ("Voters rejected the new phone design in an online poll.", None),
    ("Mark Smith, the company's founder, rejected the offer.", None),
    ("He chaired an emergency meeting of the board on Thursday.", None),
    ("The prime minister said after the meeting that taxes would fall.", None),
    # a national team's people are sport, not their country
    ("India's captain threatened to quit if the board did not back him.", None),
    ("England's coach accused the referee of bias after the defeat.", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger"), GATE_NEGATIVES)
def test_events_gate_hard_negatives(settings: Settings, text: str, trigger: str | None) -> None:
    _assert_not_occurred(settings, text, trigger)


# (sentence, trigger, actor codes, recipient codes): an action noun's "of X" is
# what the act is done to ("the invasion of Ukraine"), unless the noun's "of X"
# is its doer ("the withdrawal of Russian troops").
PATIENT_OF = [
    ("Russian forces launched a full-scale invasion of Ukraine before dawn on Thursday.", "invasion",
     {"RUS"}, {"UKR"}),
    ("The condemnation of Russia by the G7 was swift.", "condemnation", {"G7"}, {"RUS"}),
    ("China's expulsion of the Canadian diplomat drew protests.", "expulsion", {"CHN"}, {"CAN"}),
    # the doer's "of"
    ("The withdrawal of Russian troops from Kherson began on Wednesday.", "withdrawal", {"RUS"}, set()),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actors", "recipients"), PATIENT_OF)
def test_events_patient_of_action_nouns(settings: Settings, text: str, trigger: str, actors: set[str],
                                        recipients: set[str] | None) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found, [(e.type, e.trigger) for e in rules_events(settings, text)]
    assert codes(found[0].actor) == actors, found[0].actor
    if recipients is not None:
        assert codes(found[0].recipient) == recipients, found[0].recipient


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actors"), [
    # politicians named by their party are of the party's country, not of the dateline's
    ("SINGAPORE — Trump and Kim met on Tuesday. Senate Democrats accused Trump of giving away too much.",
     "accused", {"USA"}),
    ("BRUSSELS — Tories accused the prime minister of betraying the referendum result.", "accused", {"GBR"}),
    # no party named: the place's country, as before
    ("NAIROBI — Protesters accused the police of brutality.", "accused", {"KEN"}),
])
def test_events_party_politicians_country(settings: Settings, text: str, trigger: str, actors: set[str]) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and codes(found[0].actor) == actors, [(e.trigger, e.actor) for e in found]


@pytest.mark.model
def test_events_official_of_no_country_when_another_state_acts(settings: Settings) -> None:
    """An official the text gives no country takes the place's, unless another
    state acts in the sentence (then he may be that state's: left uncoded)."""
    text = ("NEW DELHI — Twenty Indian soldiers were killed in a clash with Chinese troops, the Indian army said. "
            "Foreign ministry spokesman Zhao Lijian said Beijing had lodged strong protests with New Delhi and "
            "urged India to restrain its frontline troops.")
    urged = [e for e in rules_events(settings, text) if e.trigger == "urged"]
    assert urged and "IND" not in codes(urged[0].actor), urged
    text = "LAGOS — Police spokesman Benjamin Hundeyin said officers had arrested 12 people."
    arrested = [e for e in rules_events(settings, text) if e.trigger == "arrested"]
    assert arrested and codes(arrested[0].actor) == {"NGA"}, arrested


@pytest.mark.model
@pytest.mark.parametrize(("text", "actors"), [
    # forces deployed are their state's, which mobilises them
    ("Russian troops were deployed to Belarus for the exercises.", {"RUS"}),
    ("YANGON — Soldiers were deployed in the streets of Yangon on Monday.", {"MMR"}),
])
def test_events_passive_mobilisation_actor(settings: Settings, text: str, actors: set[str]) -> None:
    found = [e for e in rules_events(settings, text) if e.type == "MOBILIZE"]
    assert found and codes(found[0].actor) == actors and not codes(found[0].recipient) & actors, found


@pytest.mark.model
def test_events_dateline_is_never_the_subject(settings: Settings) -> None:
    """The parser makes "BAGHDAD" the subject and hangs the real one on it;
    the city's possessive before a facility is a place, not its government."""
    text = ("BAGHDAD — A U.S. drone strike at Baghdad's international airport early on Friday killed Major "
            "General Qassem Soleimani, the commander of Iran's elite Quds Force.")
    killed = [e for e in rules_events(settings, text) if e.trigger == "killed"]
    assert killed and codes(killed[0].actor) == {"USA"} and codes(killed[0].recipient) == {"IRN"}, killed


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actors"), [
    # crowds named by no actor record protest in their own country
    ("Tens of thousands of people marched to Congress in Buenos Aires on Wednesday.", "marched", {"ARG"}),
    ("Thousands of tenants marched through Berlin on Thursday evening to protest against the decision.",
     "marched", {"DEU"}),
    # members of a legislature are of the country they sit in
    ("SANTIAGO — Opposition lawmakers criticised the deployment of troops.", "criticised", {"CHL"}),
    # "each side" blamed the other: the pair named before
    ("Fighting broke out between Kyrgyzstan and Tajikistan along their border on Wednesday. Each side blamed the "
     "other for starting the clashes.", "blamed", {"KGZ", "TJK"}),
    # a crowd that a country's adjective names keeps it
    ("Ukrainian protesters rallied outside the Russian embassy in Berlin.", "rallied", {"UKR"}),
])
def test_events_unnamed_domestic_actors(settings: Settings, text: str, trigger: str, actors: set[str]) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and codes(found[0].actor) == actors, [(e.trigger, e.actor) for e in found]


# -- Issue 14 (precision): sport bodies, business groups, market demand, no-shows ----------------

# (sentence, type, trigger, actor codes or None): the same surface shapes as
# PRECISION_NEGATIVES below, but a political actor acts: the state's office
# for sport, a government (not a company) rejecting claims, money released as
# aid (and captives released), an attack made in words, troops attacking
# military positions, a response with force.
PRECISION_SHAPES = [
    ("Sports Minister Laura Flessel criticised the federation's handling of the abuse allegations.", "ACCUSE",
     "criticised", None),
    ("The German government rejected claims by the opposition that it had misled parliament.", "REJECT",
     "rejected", {"DEU"}),
    ("The European Union released 10 million euros in humanitarian aid for victims of the cyclone.", "AID",
     "released", {"EU"}),
    ("Boko Haram has released 82 of the schoolgirls it abducted from the town of Chibok three years ago.",
     "CONCEDE", "released", {"BOKOHARAM"}),
    ("The president attacked the media in a late-night post, calling reporters enemies of the people.", "ACCUSE",
     "attacked", None),
    ("Gunmen attacked a police station on Monday, killing four officers.", "ASSAULT", "attacked", None),
    ("Coalition troops attacked rebel positions near the border at dawn.", "ASSAULT", "attacked", None),
    ("Israel responded with air strikes on Gaza.", "ASSAULT", "strikes", {"ISR"}),
    ("Putin met Xi in Beijing on Friday.", "CONSULT", "met", {"RUS"}),
    ("Police arrested 23 fans after fighting broke out at the end of the match in Marseille.", "COERCE",
     "arrested", {"FRA"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "trigger", "actors"), PRECISION_SHAPES)
def test_events_precision_shapes(settings: Settings, text: str, type_: str, trigger: str,
                                 actors: set[str] | None) -> None:
    _assert_occurred(settings, text, type_, trigger, actors)


# Sport bodies and their competitions (whatever country owns them or they
# ban), clubs signing foreign players, business groups and trades with a
# nationality, a market's demand, a jury sent home, a resignation for health
# reasons, who sanctioned people are ("accused of"), national teams meeting in
# a final or after a match report, and no reply at all: no event (None) or
# none from that trigger.
PRECISION_NEGATIVES = [
    ("The World Anti-Doping Agency banned the sprinter for four years after she tested positive for a banned "
     "steroid.", None),
    ("Spain's La Liga had refused to accept the payment on Wednesday.", None),
    ("Russia was banned from the Olympics by the IOC over state-sponsored doping.", None),
    ("Italy's Serie A agreed a new broadcasting deal with the streaming service worth 900 million euros a "
     "season.", None),
    ("The Boston Red Sox signed the Japanese pitcher to a five-year deal worth $90 million.", None),
    ("The German engineering group rejected claims by an activist investor that its board had failed "
     "shareholders.", None),
    ("Oil prices rose 3 percent on hopes of stronger demand from China.", None),
    ("The jury was sent home for the day and will continue its deliberations on Wednesday.", None),
    ("The interior minister resigned on Friday, citing health reasons.", None),
    ("The United States imposed sanctions on three Iranian officials accused of human rights abuses.", "accused"),
    ("England will meet Spain in the final at Wembley on Sunday.", None),
    ("The crowd of more than 62,000 was the largest to watch a rugby match in the United States. The two sides "
     "meet again in Dublin on November 19.", None),
    ("Algeria did not respond to the overture.", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger"), PRECISION_NEGATIVES)
def test_events_precision_hard_negatives(settings: Settings, text: str, trigger: str | None) -> None:
    _assert_not_occurred(settings, text, trigger)


@pytest.mark.model
def test_a_negation_with_no_recipient_does_not_stand(settings: Settings) -> None:
    """A negated act the classifier drops stands only with an actor and a
    recipient named ("Turkey did not attack the Kurdish militia", kept by
    test_events_status_and_intentions); "Minsk did not respond" is no event,
    while the sentence's offer stays."""
    text = "Poland offered to mediate between the authorities and the opposition, but Minsk did not respond."
    article = process(Article.create("t", text, published="2022-03-10", date_source="given"), settings)
    found = [(r.type, r.trigger, r.status) for r in article.records if isinstance(r, EventRecord)]
    assert ("AGREE", "offered", "occurred") in found and not [f for f in found if f[1] == "respond"], found


@pytest.mark.model
def test_events_negatives_dev_floor(settings: Settings) -> None:
    """tests/fixtures/events/negatives_dev.jsonl: 224 sentences written for
    issue 14's precision work (164 with no political event in the categories
    where false events appear on real news: sport, politics that reports no
    PLOVER event, business, crime and courts, weather and disasters,
    opinion; 60 events of the same surface shapes). First run, before the
    rules it led to (commit ba4bb78): false events on 7 of 164 sentences
    (0.043), precision 0.815, recall 0.688 (44 of 64). The rules were then
    written from it, so these floors guard the rules, not generalisation."""
    data = training.written(FIXTURES / "events" / "negatives_dev.jsonl")
    assert len(data) == 224 and sum(not item.segments[0].events for item in data) == 164
    got = score_realnews(data, settings).summary()
    assert got["false_event_rate"] <= 0.007, got  # at most 1 of 164
    assert got["precision"] >= 0.95 and got["recall"] >= 0.70, got


# -- Issue 14 (PLOVER-style sentences): the long tail of wire verbs ----------------------------

def plover_style_scores(name: str, settings: Settings) -> tuple[int, int, int, int, float]:
    """A PLOVER-style sentence file's figures: sentences whose most
    confident event has the right type, sentences with a gold type,
    event-free sentences that got an event, event-free sentences, and
    events per sentence."""
    items = read_gold(FIXTURES / "events" / name)
    typed = positives = false = negatives = events = 0
    for item, article in zip(items, run_gold(items, settings), strict=True):
        found = [r for r in article.records if isinstance(r, EventRecord)]
        events += len(found)
        if item["type"] is None:
            negatives += 1
            false += bool(found)
            continue
        positives += 1
        best = max(found, key=lambda e: e.confidence) if found else None
        typed += best is not None and best.type in {item["type"], *item["alt_types"]}
    return typed, positives, false, negatives, events / len(items)


@pytest.mark.model
def test_events_plover_style_dev_floor(settings: Settings) -> None:
    """tests/fixtures/events/plover_style_dev.jsonl: 193 short wire sentences
    about real events, 12 or 13 per PLOVER type, and 42 event-free ones
    (business, sport, weather, accidents), written for detente (README there).
    First run 2026-12-07, before any change made from it: type accuracy 0.756,
    false events on 1 of 42 event-free sentences, 0.715 events per sentence;
    0.824 after the long tail of wire verbs (lexicon rows and word senses);
    0.865 after the later rules of that day (duties, searches, warnings of
    war, joint work, disarmament, titles of leaders-elect).
    Floors pinned below; lowering one needs a reason in the commit."""
    typed, positives, false, negatives, per_sentence = plover_style_scores("plover_style_dev.jsonl", settings)
    assert (positives, negatives) == (193, 42)
    assert typed / positives >= 0.84, typed / positives
    assert false / negatives <= 0.05, false / negatives
    assert per_sentence <= 1.5, per_sentence


# (sentence, type, trigger, actor codes or None): verbs of criticism, pledges
# reaffirmed, commitments undertaken, a visitor welcomed, trade bans, demands
# told, hand-overs of arms and wanted people, sit-ins, access granted, bases
# overrun, pardons, extraditions.
WIRE_VERBS = [
    ("Hungary's president lambasted the European Commission over frozen funds.", "ACCUSE", "lambasted", {"HUN"}),
    ("Seoul reaffirmed its pledge to send humanitarian aid to Ukraine.", "AGREE", "reaffirmed", {"KOR"}),
    ("Germany reaffirmed its support for Moldova's bid to join the EU.", "SUPPORT", "reaffirmed", {"DEU"}),
    ("Syria undertook to hand over its chemical weapons stockpile.", "AGREE", "undertook", {"SYR"}),
    ("Putin welcomed Kim Jong Un at a space launch centre in Russia's far east.", "CONSULT", "welcomed", {"RUS"}),
    ("Russia banned imports of Georgian wine and mineral water.", "SANCTION", "banned", {"RUS"}),
    ("Turkey told Sweden to stop supporting Kurdish militants.", "REQUEST", "told", {"TUR"}),
    ("Poland has handed over MiG-29 fighter jets to Ukraine.", "AID", "handed over", {"POL"}),
    ("Colombia handed over a wanted drug lord to the United States.", "COOPERATE", "handed over", {"COL"}),
    ("Protesters occupied the main square in Kyiv.", "PROTEST", "occupied", None),
    ("Iran granted IAEA inspectors access to the Fordow site.", "RETREAT", "granted", {"IRN"}),
    ("Rebel fighters overran an army base in northern Mali.", "ASSAULT", "overran", None),
    ("The president pardoned 20 opposition activists on Independence Day.", "CONCEDE", "pardoned", None),
    ("Spain extradited a Russian hacker to the United States.", "COOPERATE", "extradited", {"ESP"}),
    # one's own weapons handed over are a disarmament, not military aid
    ("Armenian separatists handed over their weapons to Azerbaijan.", "RETREAT", "handed over", None),
    ("King Charles received Japanese Emperor Naruhito at Buckingham Palace.", "CONSULT", "received", None),
    ("A court in Minsk handed down prison sentences to six opposition activists.", "COERCE", "handed", None),
    ("Germany shipped air-defence systems and ammunition to Ukraine.", "AID", "shipped", {"DEU"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "trigger", "actors"), WIRE_VERBS)
def test_events_wire_verbs(settings: Settings, text: str, type_: str, trigger: str, actors: set[str] | None) -> None:
    _assert_occurred(settings, text, type_, trigger, actors)


# The same verbs with no political event: storms, sport, business, staff,
# a ban on a player, an undertaking that is a task.
WIRE_VERBS_NEGATIVE = [
    ("Hurricane Milton slammed into Florida's Gulf coast on Wednesday.", None),
    ("The coach slammed the referee after the defeat.", None),
    ("The company reaffirmed its full-year guidance.", None),
    ("The ministry undertook a review of school funding.", "undertook"),
    ("The league banned the striker for three matches.", None),
    ("The teacher told the students to read the book.", None),
    ("The government told its employees to work from home.", "told"),
    ("The museum welcomed Taylor Swift on Friday.", None),
    ("The app gave users access to their medical records.", None),
    ("China shipped record volumes of steel to Vietnam last month.", None),
    ("The referee handed the striker a yellow card.", None),
    ("The band received a standing ovation in Berlin.", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger"), WIRE_VERBS_NEGATIVE)
def test_events_wire_verbs_hard_negatives(settings: Settings, text: str, trigger: str | None) -> None:
    _assert_not_occurred(settings, text, trigger)


# -- Issue 14: recall on real news (retribution promised, refusals said, unrest set off) --------

# (sentence, type, trigger, actor codes or None)
RECALL_SHAPES = [
    # retribution promised to wrongdoers: the speaker's threat, which was made
    ("President Emmanuel Macron condemned the violence and said those responsible would be brought to justice.",
     "THREATEN", "brought", {"FRA"}),
    ("Iran's foreign minister said the United States would pay a heavy price for the killing.", "THREATEN", "pay",
     {"IRN"}),
    ("Chile's president said the mine's owners would be held responsible.", "THREATEN", "held", {"CHL"}),
    # a yielding act its actor says they will not do, or a pressure they will not bow to: a refusal said
    ("Kenya's election chief said he would not resign.", "REJECT", "resign", {"KEN"}),
    ("Ethiopian officials said the country would not be pressured into a deal.", "REJECT", "pressured", {"ETH"}),
    # unrest that news says was set off or put down
    ("The fuel price rise triggered the worst unrest Kazakhstan had seen in years.", "PROTEST", "unrest", None),
    # an appeal voiced as a hope of another party's act
    ("Chinese state media said that Beijing hoped the US would treat Chinese companies fairly.", "REQUEST", "hoped",
     {"CHN"}),
    # authorities charging someone with a crime coerce (the guidelines)
    ("Prosecutors in Paris charged a former intelligence officer with passing classified documents to a foreign "
     "power.", "COERCE", "charged", None),
    # ... a state charging a state accuses it
    # (the lodged protest is itself the ACCUSE, and the one event of the sentence)
    ("Serbia lodged an official protest with Albania, charging its neighbour with supporting dissidents.", "ACCUSE",
     "protest", {"SRB"}),
    # a denial said now, in a relative clause
    ("Bangkok has accused Cambodian troops of laying the mines, which Phnom Penh denies.", "REJECT", "denies",
     {"KHM"}),
    # a deal brokered by a third party: mediation
    ("Armenia and Azerbaijan agreed to end six weeks of fighting in a deal brokered by Russia.", "CONSULT",
     "brokered", {"RUS"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "trigger", "actors"), RECALL_SHAPES)
def test_events_recall_shapes(settings: Settings, text: str, type_: str, trigger: str,
                              actors: set[str] | None) -> None:
    _assert_occurred(settings, text, type_, trigger, actors)


# (sentence, the trigger that must not make an occurred event; None: no event at all)
RECALL_NEGATIVES = [
    ("Amazon will pay $42 a share, a premium of about 27 percent to Whole Foods' closing price.", None),
    ("The former dictator was brought to justice in 2012.", "brought"),
    ("The government urged the opposition to pursue reforms.", "pursue"),
    ("Russian troops will not withdraw from the city before May.", "withdraw"),
    ("Turkey did not attack the Kurdish forces.", "attack"),
    ("The unrest comes five months before Beijing hosts the Olympic Games.", "unrest"),
    ("Tourism has been badly hit by the unrest.", "unrest"),
    ("The government was considering a state of emergency to prevent further unrest.", "unrest"),
    ("He said he hoped the deal would advance peace between Israelis and Palestinians.", "hoped"),
    ("Congo's health minister said the country hoped to begin vaccinating in the coming weeks.", "hoped"),
    ("House Speaker Nancy Pelosi said she hoped the president had learned his lesson.", "hoped"),
    # a charge still to come is no coercion done
    ("Police said they expected to charge some of the suspects within days.", "charge"),
    # a present tense in a relative clause is still a standing state for other verbs
    ("Parliament repealed a law that bans most abortions.", "bans"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger"), RECALL_NEGATIVES)
def test_events_recall_hard_negatives(settings: Settings, text: str, trigger: str | None) -> None:
    _assert_not_occurred(settings, text, trigger)


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_"), [
    # warships dispatched somewhere are a deployment, relief dispatched is aid
    ("The United States dispatched a second aircraft carrier to the eastern Mediterranean on Sunday.",
     "dispatched", "MOBILIZE"),
    ("India dispatched military aircraft carrying relief supplies to Turkey.", "dispatched", "AID"),
])
def test_events_dispatched_forces_or_relief(settings: Settings, text: str, trigger: str, type_: str) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == type_, [(e.type, e.trigger) for e in rules_events(settings, text)]


@pytest.mark.model
def test_events_a_lodged_protest_is_disapproval(settings: Settings) -> None:
    """A state lodging a protest disapproves (ACCUSE); people holding protests demonstrate."""
    lodged = [e for e in rules_events(settings, "Beijing lodged strong protests with New Delhi on Tuesday.")
              if e.trigger == "protests"]
    assert lodged and (lodged[0].type, codes(lodged[0].actor)) == ("ACCUSE", {"CHN"}), lodged
    held = [e for e in rules_events(settings, "Students held protests in Dhaka on Monday.") if e.trigger == "protests"]
    assert held and held[0].type == "PROTEST", held


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_"), [
    ("China imposed anti-dumping duties of up to 218% on Australian wine.", "duties", "SANCTION"),
    ("FBI agents searched former President Donald Trump's Mar-a-Lago estate in Florida.", "searched", "COERCE"),
    ("Pakistan warned that any attempt by India to divert the waters of the Indus would be treated as an act of "
     "war.", "warned", "THREATEN"),
    # forecasts, rescues and duties of care are no events
    ("The company warned that profits would be destroyed by the new tax.", "warned", None),
    ("Officials warned that the dam could be destroyed by the floods.", "warned", None),
    ("Volunteers searched the collapsed building for survivors.", "searched", None),
    ("The nurse was on duty when the storm hit.", "duty", None),
])
def test_events_trade_duties_searches_and_warnings_of_war(settings: Settings, text: str, trigger: str,
                                                          type_: str | None) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger and e.status == "occurred"]
    if type_ is None:
        assert not found, found
    else:
        assert found and found[0].type == type_, [(e.type, e.trigger) for e in rules_events(settings, text)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_", "actors"), [
    ("Russian and Chinese bombers flew a joint patrol near Alaska on Wednesday.", "patrol", "COOPERATE",
     {"RUS", "CHN"}),
    ("British and French police dismantled a smuggling network in a joint investigation.", "investigation",
     "COOPERATE", None),
    # an inquiry into someone stays an investigation (ACCUSE)
    ("Prosecutors opened an investigation into the minister.", "investigation", "ACCUSE", None),
])
def test_events_joint_work_is_cooperation(settings: Settings, text: str, trigger: str, type_: str,
                                          actors: set[str] | None) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == type_, [(e.type, e.trigger) for e in rules_events(settings, text)]
    if actors is not None:
        assert codes(found[0].actor) == actors, found[0].actor


@pytest.mark.model
@pytest.mark.parametrize(("text", "found"), [
    ("North Korea dismantled its nuclear test site at Punggye-ri in front of foreign journalists.", True),
    ("Syria dismantled its chemical weapons under international supervision.", True),
    # police dismantle networks: no disarmament
    ("Police dismantled a people-smuggling network on Tuesday.", False),
])
def test_events_dismantling_weapons_is_disarmament(settings: Settings, text: str, found: bool) -> None:
    hits = [e for e in rules_events(settings, text) if e.type == "RETREAT" and e.trigger == "dismantled"]
    assert bool(hits) == found, hits


# -- Issue 14 (PLOVER types on unseen sentences): aid handed over, restrictions ended ----------

@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_", "actor"), [
    # arms, relief or money carried or handed to a state: AID
    ("Norway handed Ukraine two NASAMS air defence systems on Friday.", "handed", "AID", "NOR"),
    ("Jordan flew medical supplies to Lebanon on Tuesday.", "flew", "AID", "JOR"),
    ("Slovakia transferred its MiG-29 fighter jets to Ukraine.", "transferred", "AID", "SVK"),
    ("The Asian Development Bank lent Sri Lanka $350 million.", "lent", "AID", None),
    # troops rushed to a border stay a deployment (CAMEO's MOBILIZE)
    ("Turkey rushed troops to the Syrian border.", "rushed", "MOBILIZE", "TUR"),
    # people handed over: a wanted man to a court (COOPERATE), hostages (a release, CONCEDE)
    ("Philippine authorities handed former president Rodrigo Duterte to the International Criminal Court.",
     "handed", "COOPERATE", "PHL"),
    ("Hamas handed four Israeli hostages to the Red Cross in Gaza.", "handed", "CONCEDE", "HAMAS"),
    # restrictions ended, and measures dropped under the pressure named: CONCEDE
    ("Peru's government revoked the state of emergency in Lima.", "revoked", "CONCEDE", "PER"),
    ("Mongolia's government scrapped the nationwide curfew on Monday.", "scrapped", "CONCEDE", "MNG"),
    ("Chile's government scrapped a planned fare increase after weeks of protests.", "scrapped", "CONCEDE", "CHL"),
])
def test_events_transfers_and_ended_restrictions(settings: Settings, text: str, trigger: str, type_: str,
                                                 actor: str | None) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == type_, [(e.type, e.trigger) for e in rules_events(settings, text)]
    if actor is not None:
        assert actor in codes(found[0].actor), found[0].actor


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Juventus transferred the striker to Chelsea for 40 million euros.",
    "The airline flew 300 passengers to Mallorca on Saturday.",
    "Paramedics rushed to the scene of the crash.",
    "The bank lent the developer $50 million to build the tower.",
    "The carmaker scrapped its dividend after a slump in sales.",
    "The government scrapped the navy's old frigates.",
    # a measure dropped with no pressure named is a policy change, not a concession
    "Thailand's government scrapped a planned fare increase on Monday.",
])
def test_events_transfers_and_scrapping_hard_negatives(settings: Settings, text: str) -> None:
    assert not rules_events(settings, text), [(e.type, e.trigger) for e in rules_events(settings, text)]


@pytest.mark.model
def test_events_plover_style_dev_b_floor(settings: Settings) -> None:
    """tests/fixtures/events/plover_style_dev_b.jsonl: 135 short wire sentences
    about real events (32 AID, 33 COOPERATE, 32 CONCEDE, 30 REJECT, 8 REQUEST)
    and 46 event-free ones (business, sport, weather with the same verbs:
    "released its results", "rejected a bid", "hearing aid maker"), written
    for detente. First run 2026-12-07, before any change made from it: type
    accuracy 0.667 (90 of 135), no false event on the 46 event-free
    sentences, 0.602 events per sentence; 0.748 after the round made from
    it, 0.778 after the recall leads (allow, free goods, joint acts). Floors pinned below; lowering one
    needs a reason in the commit."""
    typed, positives, false, negatives, per_sentence = plover_style_scores("plover_style_dev_b.jsonl", settings)
    assert (positives, negatives) == (135, 46)
    assert typed / positives >= 0.77, typed / positives
    assert false / negatives <= 0.0, false / negatives
    assert per_sentence <= 1.5, per_sentence


# -- expulsions, broken ties and deadlines (issue 14: missing and mistyped triggers) --


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_"), [
    ("CARACAS — Venezuelan President Nicolás Maduro broke off diplomatic relations with the United States on "
     "Wednesday.", "broke off", "SANCTION"),
    ("The diplomats were given 48 hours to leave the country, Acting Foreign Minister Jan Hamáček told a news "
     "conference.", "given", "SANCTION"),
    ("On Sunday the ruling ZANU-PF party expelled Mugabe as its leader and gave him a deadline to quit or face "
     "impeachment.", "gave", "THREATEN"),
])
def test_events_expulsions_broken_ties_and_deadlines(settings: Settings, text: str, trigger: str,
                                                     type_: str) -> None:
    """Wire copy's ways of reporting an expulsion of envoys ("given 48 hours to
    leave"), broken relations (SANCTION, not CAMEO's threat) and an ultimatum
    ("gave him a deadline")."""
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == type_, [(e.type, e.trigger) for e in rules_events(settings, text)]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The singer broke off her engagement to the actor last year.",
    "Shoppers were given two hours to leave the mall after a fire alarm.",
    # others given time to leave are most often evacuated
    "Residents were given 24 hours to leave their homes as the wildfire spread.",
    "The band broke off its tour with the label.",
])
def test_events_no_expulsion_or_broken_ties_without_them(settings: Settings, text: str) -> None:
    found = rules_events(settings, text)
    assert not found, [(e.type, e.trigger) for e in found]


# -- leads left by the last round (helper q14s): access let in, threats warned,
# -- joint acts of two states' forces, gifts shipped, payments agreed to a state

@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_", "actor", "recipient"), [
    # access let in is the guidelines' RETREAT; the allower acts
    ("Iran allowed international inspectors into the Fordow enrichment site for the first time in months.",
     "allowed", "RETREAT", "IRN", None),
    ("Egypt allowed 200 aid trucks to enter Gaza through the Rafah crossing.", "allowed", "RETREAT", "EGY", None),
    # a stand against what others may do is a threat
    ("Hungary will not allow migrants to enter its territory, Orban said.", "allow", "THREATEN", "HUN", None),
    # a warning of what the warner's state will do
    ("Prime Minister Manmohan Singh warned that India would not tolerate the use of its neighbours' territory "
     "to launch attacks.", "warned", "THREATEN", "IND", None),
    ("Beijing had warned for weeks that Pelosi's visit would be a grave provocation and that the United States "
     "would “pay the price”.", "warned", "THREATEN", "CHN", None),
    # joint acts of two states' forces are their cooperation
    ("Norwegian and British navies jointly tracked a Russian submarine in the North Sea.", "tracked", "COOPERATE",
     "GBR", None),
    ("Ukrainian and Polish border guards jointly inspected trucks at the Dorohusk crossing.", "inspected",
     "COOPERATE", "POL", None),
    # goods given free to a state are aid
    ("Russia shipped 25,000 tonnes of free wheat to Somalia, the agriculture minister said.", "shipped", "AID",
     "RUS", None),
    # a payment agreed to a state: the state is the recipient, which makes it political
    ("Goldman Sachs agreed to pay Malaysia $3.9 billion to settle criminal charges against the bank.", "agreed",
     "AGREE", None, "MYS"),
])
def test_events_leads_positive(settings: Settings, text: str, trigger: str, type_: str, actor: str | None,
                               recipient: str | None) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == type_ and found[0].status == "occurred", \
        [(e.type, e.trigger, e.status) for e in rules_events(settings, text)]
    if actor is not None:
        assert actor in codes(found[0].actor), found[0].actor
    if recipient is not None:
        assert recipient in codes(found[0].recipient), found[0].recipient


@pytest.mark.model
@pytest.mark.parametrize("text", [
    # leave given, not access let in by a state
    "The workers were allowed to leave the plant.",
    "The court allowed him to remain free on bail pending the appeal.",
    "The company will not allow employees to work from home.",
    # forecasts, not threats
    "The minister warned that consumers would not accept higher prices.",
    "Officials warned of possible attacks over the holidays.",
    "The airline warned for weeks that flights would be delayed.",
    # done jointly, but by firms, or by states that run a thing
    "The two companies jointly developed the new phone.",
    "Kazakhstan and Russia are jointly operating the checkpoint.",
    "The complex is run jointly by BP, Statoil and Algeria's state oil company.",
    # trade, and payments between private parties
    "Japan shipped duty-free cars to the United States.",
    "Microsoft agreed to pay Activision shareholders $95 a share.",
    "The insurer agreed to pay the victims' families $2 million.",
])
def test_events_leads_hard_negatives(settings: Settings, text: str) -> None:
    assert not rules_events(settings, text), [(e.type, e.trigger) for e in rules_events(settings, text)]


@pytest.mark.model
def test_events_joint_act_stands_with_the_classifier(settings: Settings) -> None:
    """The classifier has almost no joint acts to learn from: one of two
    named states' forces stands (``Finder.run``)."""
    from .conftest import events_of

    found = events_of("Spanish and Moroccan police jointly arrested 12 suspected Islamic State recruiters.", settings)
    assert [(e.type, e.trigger) for e in found] == [("COOPERATE", "arrested")], found
    assert {"ESP", "MAR"} <= codes(found[0].actor), found[0].actor


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, type_, actor", [
    # an act given up: a demand, a threat or a strike is a concession; talks called off halt negotiations
    ("Iraq dropped its demand that face-to-face negotiations begin before any ceasefire.", "dropped", "CONCEDE",
     "IRQ"),
    ("President Donald Trump has dropped his threat to impose tariffs on all Mexican imports.", "dropped", "CONCEDE",
     "USA"),
    ("The Nigeria Labour Congress called off the strike after talks with the government.", "called", "CONCEDE",
     "NGA"),
    ("Moscow condemned the attack and called off a planned meeting between the two foreign ministers.", "called",
     "SANCTION", None),
    ("President Trump called off a retaliatory military strike on Iran minutes before it was due.", "called",
     "RETREAT", "USA"),
    # forces that arrive: a mission from abroad is aid, troops alone a deployment
    ("The first troops from a Russian-led military alliance arrived in Kazakhstan on Thursday.", "arrived", "AID",
     None),
    ("Soldiers, some carrying rifles, arrived at the parliament building by helicopter and tried to enter through "
     "smashed windows.", "arrived", "MOBILIZE", None),
    # protesters throwing things, with no target named; crowds chanting
    ("Mounted police charged into crowds, while protesters hurled bricks, bottles and scaffolding poles.", "hurled",
     "PROTEST", None),
    ('Outside, thousands of protesters chanted "Arrest Yoon Suk Yeol" and scuffled with police.', "chanted",
     "PROTEST", None),
    ("Outside the court, several hundred supporters of Najib's party chanted slogans.", "chanted", "PROTEST", None),
    # event nouns: a release of people, a strike's stoppage
    ("Prime Minister Imran Khan announced the pilot's release in a speech to parliament.", "release", "CONCEDE",
     "PAK"),
    ("Miners at the Kolubara coalfield had refused to end their stoppage despite police threats.", "refused",
     "REJECT", None),
    # people held hostage: the parser conjoins "hostage" with the people held
    ("Rebels were holding more than 350 deputies and the entire cabinet hostage, the army said.", "holding",
     "ASSAULT", None),
])
def test_events_no_trigger_classes(settings: Settings, text: str, trigger: str, type_: str,
                                   actor: str | None) -> None:
    """Gold events the development sets (A-D, the training articles) lost
    for want of a candidate trigger, by class (q30v)."""
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == type_ and found[0].status == "occurred", \
        [(e.type, e.trigger, e.status) for e in rules_events(settings, text)]
    if actor is not None:
        assert actor in codes(found[0].actor), found[0].actor


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    # fans and football supporters chanting
    ("Supporters at Anfield on Sunday had chanted against the manager.", "chanted"),
    ("Fans chanted the striker's name throughout the second half.", "chanted"),
    # things given up that are no event of this kind
    ("The league called off the match because of the snow.", "called"),
    ("The company dropped its claim against the supplier.", None),
    # police at a scene, an arrival that dates another act, missiles that land
    ("Police officers arrived at the scene shortly after midnight.", "arrived"),
    ("Witnesses said the lights were switched off shortly before the soldiers arrived.", "arrived"),
    # releases that free no one; a roadblock in a figure of speech
    ("Apple announced the release of its new iPhone in September.", "release"),
    ("The film's release was delayed by a month.", "release"),
    ("The match went into stoppage time.", None),
    # things thrown at a match
    ("Fans threw bottles onto the pitch after the final whistle.", "threw"),
])
def test_events_no_trigger_classes_hard_negatives(settings: Settings, text: str, trigger: str | None) -> None:
    found = rules_events(settings, text)
    assert not [e for e in found if trigger is None or e.trigger == trigger], [(e.type, e.trigger) for e in found]


# -- nominal events with no one named (issue 14, helper q30n): curfews and martial
# -- law imposed, protests that took place, talks held for weeks

@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ("A curfew was imposed in Moscow from 11 pm to 5 am, and several opposition newspapers were closed.",
     "curfew", "RUS"),
    ("Martial law was declared in parts of Beijing on May 20.", "law", "CHN"),
    ("Despite a curfew, crowds set fire to the parliament building in Kathmandu.", "curfew", "NPL"),
    ("More than 500 people died in riots that swept Jakarta last week.", "riots", "IDN"),
    ("Crowds filled the Plaza de Mayo in Buenos Aires, only days after police had broken up a labour protest in "
     "the same square.", "protest", "ARG"),
    ("President Suharto resigned in Jakarta on Thursday, bowing to weeks of student protests.", "protests", "IDN"),
    ("The presidents of Bosnia, Serbia and Croatia initialled a peace agreement in Dayton, ending three weeks of "
     "intensive talks.", "talks", "HRV"),
])
def test_events_nominal_events_with_no_one_named(settings: Settings, text: str, trigger: str, actor: str) -> None:
    """A curfew or martial law only a state imposes, a protest its modifier or
    clause says took place, talks a clause ends: events, the first two by
    the country where they happen (the guidelines leave the actor empty;
    the authority of the place is the one it can be)."""
    found = [e for e in rules_events(settings, text) if e.trigger == trigger and e.status == "occurred"]
    assert found, [(e.type, e.trigger, e.status) for e in rules_events(settings, text)]
    assert actor in codes(found[0].actor), found[0].actor


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The curfew at the boarding school in Kent ends at ten.",
    "Shares in Tokyo rose in a rally that swept Asian markets on Monday.",
    "Fans held protests against the club's owners in Manchester before the match.",
    "The two companies signed a merger agreement in London, ending three weeks of talks.",
])
def test_events_nominal_events_hard_negatives(settings: Settings, text: str) -> None:
    found = rules_events(settings, text)
    assert not found, [(e.type, e.trigger) for e in found]


@pytest.mark.model
@pytest.mark.parametrize(("text", "found"), [
    ("Iran and six world powers reached a deal in Vienna after more than two weeks of talks.", True),
    ("Peru's President Alberto Fujimori said talks with the rebels had stalled.", True),
    ("The two companies reached a deal after two weeks of talks with creditors.", False),
])
def test_events_talks_held_for_weeks(settings: Settings, text: str, found: bool) -> None:
    """Talks a clause says lasted weeks, or had stalled, were held: a CONSULT
    when states or officials are named nearby (no one named for them)."""
    hits = [e for e in rules_events(settings, text) if e.type == "CONSULT" and e.trigger == "talks"
            and e.status == "occurred"]
    assert bool(hits) == found, [(e.type, e.trigger, e.status) for e in rules_events(settings, text)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_", "mode"), [
    # blocked by authorities: a restriction of movement, not a protest
    ("Some tried to march toward the presidential Blue House in Seoul on Sunday but were blocked by police.",
     "blocked", "COERCE", "restrict"),
    ("Hours later, the army surrounded the parliament building in Tunis and blocked its speaker, Rached Ghannouchi, "
     "from entering.", "blocked", "COERCE", "restrict"),
    # taken by protesters: a sit-in; by an armed group: an attack; a hijacking: an abduction
    ("Chinese troops cleared Tiananmen Square of student protesters who had occupied it for seven weeks.",
     "occupied", "PROTEST", "obstruct"),
    ("Hezbollah guerrillas captured two Israeli soldiers in a cross-border raid on Wednesday.", "captured",
     "ASSAULT", "abduct"),
    ("Gunmen hijacked an Air France airliner flying from Tel Aviv to Paris on Sunday.", "hijacked", "ASSAULT",
     "abduct"),
])
def test_events_type_by_who_acts(settings: Settings, text: str, trigger: str, type_: str, mode: str) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and (found[0].type, found[0].mode) == (type_, mode), \
        [(e.type, e.mode, e.trigger) for e in rules_events(settings, text)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_"), [
    # seized by authorities stays a seizure (hard negatives of the rule above)
    ("Police in Medellin seized nearly two tonnes of cocaine hidden in a shipment of bananas.", "seized", "COERCE"),
    ("Mexican marines captured Joaquin Guzman in the Pacific resort of Mazatlan on Saturday.", "captured",
     "COERCE"),
    # protesters who block roads protest
    ("Protesters blocked roads in the capital on Monday.", "blocked", "PROTEST"),
])
def test_events_type_by_who_acts_stays(settings: Settings, text: str, trigger: str, type_: str) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == type_, [(e.type, e.mode, e.trigger) for e in rules_events(settings, text)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "type_", "status"), [
    # a past tense after an infinitive asked for is the caller's own act
    ("Tedros called on pharmaceutical companies to share vaccines and urged wealthy countries to help fund a "
     "$15 million emergency appeal.", "urged", "REQUEST", "occurred"),
    # the other side's denial does not undo a charge made
    ("Bangkok accused Cambodian troops of laying new mines, a charge Phnom Penh denied, and downgraded "
     "diplomatic ties.", "accused", "ACCUSE", "occurred"),
    # hard negatives: the act asked for, and a denial of one's own act
    ("Tedros called on Russia to withdraw its troops and urged Ukraine to hold talks.", "withdraw", "AGREE",
     "hypothetical"),
    ("Beijing denied imposing any ban on Australian coal.", "ban", "SANCTION", "negated"),
])
def test_events_status_of_reported_acts(settings: Settings, text: str, trigger: str, type_: str,
                                        status: str) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and (found[0].type, found[0].status) == (type_, status), \
        [(e.type, e.status, e.trigger) for e in rules_events(settings, text)]


def test_event_trigger_modes_belong_to_their_type() -> None:
    """Every mode the lexicon gives is one of its PLOVER type's modes
    (``kb/data/plover.tsv``): "release" is RETREAT's, not CONCEDE's."""
    table = scores()
    wrong = [(key, t.type, t.mode) for key, t in triggers().items() if t.mode and (t.type, t.mode) not in table]
    assert not wrong, wrong


@pytest.mark.model
def test_events_commandos_and_paratroopers_are_soldiers(settings: Settings) -> None:
    # Soldiers who storm a building attack it (ASSAULT); protesters who storm one protest.
    found = events_of("Peruvian commandos stormed the Japanese ambassador's residence in Lima on Tuesday, ending a "
                      "four-month hostage crisis.", settings)
    assert [(e.type, e.trigger) for e in found] == [("ASSAULT", "stormed")], found
    # Hard negative: fans who storm a pitch make no event.
    assert events_of("Fans stormed the pitch after the final whistle.", settings) == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actor", "recipient"), [
    # wrongdoing a political speaker reports of someone is the speaker's ACCUSE of the doer
    ("Attorney General Loretta Lynch said the defendants had corrupted world soccer to enrich themselves.",
     "corrupted", None, None),
    ("Iran's Revolutionary Guards said the RQ-4 Global Hawk had violated Iranian airspace and was brought down "
     "by a surface-to-air missile near the port of Jask.", "violated", "IRN", None),
    ("UN investigators said Myanmar's military had committed war crimes in Rakhine state and should face "
     "prosecution.", "committed", "UN", "MMR"),
])
def test_events_wrongdoing_reported(settings: Settings, text: str, trigger: str, actor: str | None,
                                    recipient: str | None) -> None:
    found = [e for e in rules_events(settings, text) if e.trigger == trigger]
    assert found and found[0].type == "ACCUSE" and found[0].status == "occurred", \
        [(e.type, e.status, e.trigger) for e in rules_events(settings, text)]
    assert found[0].mode == "disapprove"
    if actor is not None:
        assert actor in [a.code for a in found[0].actor]
    if recipient is not None:
        assert recipient in [a.code for a in found[0].recipient]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger"), [
    # committed to a deal: no charge
    ("OPEC said Russia and other producers outside the group had committed to cutting a further 600,000 "
     "barrels a day.", "committed"),
    # a private person's charge, a court's finding, a question asked, a company's admission
    ("His lawyer, Jacques Vergès, had argued that France had committed similar crimes in its colonies.",
     "committed"),
    ("In April the judge found that Microsoft had violated antitrust laws by using its Windows monopoly to crush "
     "competitors such as Netscape.", "violated"),
    ("Singapore's competition watchdog said it would investigate whether the deal breached competition law.",
     "breached"),
    ("The company said it had breached its contract with the supplier.", "breached"),
])
def test_events_wrongdoing_reported_negatives(settings: Settings, text: str, trigger: str) -> None:
    events = rules_events(settings, text)
    assert not [e for e in events if e.trigger == trigger and e.type == "ACCUSE"], \
        [(e.type, e.status, e.trigger) for e in events]
