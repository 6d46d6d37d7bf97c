"""The quotes stage on sources that are not named people (issue 17, brief
g17): an organisation named in apposition to a description or to its own
name ("Macron's movement, En Marche, said", "Livestrong, the cancer charity
he founded, said", "Nike, Armstrong's biggest sponsor, said"), names that
end in "'s" ("Moody's said"), and national state bodies that speak for
their country ("the National Hurricane Center", "NHS England"). Real-style
sentences in, quote records out; each test has its hard negatives."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.kb import load_kb
from detente.records import QuoteRecord
from detente.stages import speakers

from .conftest import find_quote as find
from .conftest import quotes_in


def quotes_of(text: str, settings: Settings) -> list[QuoteRecord]:
    return quotes_in(text, settings, published="2024-03-01")


def name_of(quote: QuoteRecord) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


@pytest.mark.model
def test_quotes_organisation_in_apposition_is_the_source(settings: Settings) -> None:
    """A description with an organisation's name in apposition is that
    organisation, not the owner the description names ("Macron's", "Israel's")."""
    quotes = quotes_of(
        "Emmanuel Macron won the French presidency on Sunday. Macron's movement, En Marche, said it would "
        "field candidates in all 577 constituencies.\n\n"
        "Protesters blocked Tel Aviv's main highway on Monday. Israel's largest labor federation, the "
        "Histadrut, said it would call a general strike.", settings)
    field = find(quotes, "field candidates")
    assert name_of(field) == "En Marche" and field.speaker is not None and field.speaker.type == "organization"
    strike = find(quotes, "general strike")
    assert name_of(strike) == "Histadrut" and strike.speaker is not None and strike.speaker.type == "organization"


@pytest.mark.model
def test_quotes_apposition_of_a_person_noun_stays_a_person(settings: Settings) -> None:
    """Hard negative: a person's noun with a name in apposition ("A
    spokesman for the party, Myo Nyunt, said") is that person, never an
    organisation of that name."""
    quotes = quotes_of(
        "The military seized power in Myanmar on Monday. A spokesman for the party, Myo Nyunt, said the "
        "leaders had been detained.", settings)
    detained = find(quotes, "had been detained")
    assert detained.speaker is not None and detained.speaker.type == "person"
    assert name_of(detained) == "Myo Nyunt"


@pytest.mark.model
def test_quotes_organisation_before_its_description_is_the_source(settings: Settings) -> None:
    """"Nike, Armstrong's biggest sponsor, said": Nike, not the owner its
    description names; "Livestrong, the cancer charity he founded, said",
    which the parser splits into two subjects: Livestrong, not the
    organisation named before ("the charity" pointing back to Nike)."""
    quotes = quotes_of(
        "Lance Armstrong was stripped of his seven Tour de France titles on Monday. Nike, Armstrong's "
        "biggest sponsor, said it \"does not condone the use of illegal performance-enhancing drugs\" but "
        "gave no sign it would drop him. Livestrong, the cancer charity he founded, said its work would go "
        "on.", settings)
    assert name_of(find(quotes, "does not condone")) == "Nike"
    assert name_of(find(quotes, "its work would go on")) == "Livestrong"


@pytest.mark.model
def test_quotes_person_before_a_role_description_keeps_the_person(settings: Settings) -> None:
    """Hard negative: "Ban Ki-moon, the UN secretary-general, said" stays
    the person; the split-subject rule is only for a description of
    something else."""
    quotes = quotes_of(
        "Ban Ki-moon, the UN secretary-general, said the ceasefire must hold.", settings)
    assert name_of(find(quotes, "ceasefire must hold")) == "Ban Ki-moon"


@pytest.mark.model
def test_quotes_name_that_ends_in_possessive_keeps_it(settings: Settings) -> None:
    """"Moody's said": the "'s" is part of the agency's name; a possessor
    ("Moody's analysts said") is a description as written."""
    quotes = quotes_of(
        "The other two big agencies held firm. Moody's said it saw no reason to follow S&P for now. "
        "Moody's analysts said the outlook was stable.", settings)
    assert name_of(find(quotes, "no reason to follow")) == "Moody's"
    assert name_of(find(quotes, "outlook was stable")) == "Moody's analysts"


@pytest.mark.model
def test_quotes_national_bodies_speak_for_their_country(settings: Settings) -> None:
    """The annotation guidelines count state agencies as their country:
    "the National Hurricane Center", "the National Science Foundation" and
    "NHS England" keep their names and take the country's code."""
    quotes = quotes_of(
        "NEW ORLEANS — Hurricane Katrina strengthened over the Gulf on Sunday. The National Hurricane Center "
        "said the storm could push a surge of 20 feet of water.\n\n"
        "LONDON — Nurses in England walked out on Monday. NHS England said about 70,000 appointments had "
        "been rescheduled.", settings)
    surge = find(quotes, "surge of 20 feet")
    assert surge.speaker is not None and surge.speaker.code == "USA"
    assert surge.speaker.name is not None and "National Hurricane Center" in surge.speaker.name
    nhs = find(quotes, "70,000 appointments")
    assert nhs.speaker is not None and (nhs.speaker.name, nhs.speaker.code) == ("NHS England", "GBR")


def test_institution_country_needs_a_national_name() -> None:
    """Hard negatives: "Foundation", "Center" and "Service" make a state
    body only in a name that says it is national or federal: the Gates
    Foundation and the Carter Center keep no code, whatever the article's
    country; "National Rifle Association" is no state body."""
    kb = load_kb()
    assert speakers.institution_country("National Weather Service", kb, "USA") == "USA"
    assert speakers.institution_country("National Science Foundation", kb, "USA") == "USA"
    assert speakers.institution_country("NHS Scotland", kb, None) == "GBR"
    assert speakers.institution_country("Gates Foundation", kb, "USA") is None
    assert speakers.institution_country("Carter Center", kb, "USA") is None
    assert speakers.institution_country("National Rifle Association", kb, "USA") is None


# -- groups: their country --------------------------------------------------------


@pytest.mark.model
def test_quotes_member_of_a_group_takes_the_groups_code(settings: Settings) -> None:
    """"one of them", "another" after a national political group ("Some
    senators who voted to convict", "Some Conservative MPs") speak with the
    group's country; after a group with no code ("Some fans") they have none."""
    quotes = quotes_of(
        "BRASILIA — Brazil's Senate removed President Dilma Rousseff from office on Wednesday. Some senators "
        "who voted to convict acknowledged privately that the charges were a pretext. \"The real crime was the "
        "economy,\" one of them told the Folha newspaper.", settings)
    crime = find(quotes, "The real crime")
    assert crime.speaker is not None and (crime.speaker.name, crime.speaker.code) == ("one of them", "BRA")
    quotes = quotes_of(
        "LONDON — Some Conservative MPs fear a caretaker prime minister will paralyse government. “He needs to "
        "go now,” said one former cabinet minister. Another told the BBC the party had been “too slow.”", settings)
    slow = find(quotes, "too slow")
    assert slow.speaker is not None and slow.speaker.code == "GBR"
    quotes = quotes_of("Some fans booed the team on Saturday. One of them said the coach should go.", settings)
    coach = find(quotes, "the coach should go")
    assert coach.speaker is not None and coach.speaker.code is None


@pytest.mark.model
def test_quotes_group_in_a_capital_or_a_legislature(settings: Settings) -> None:
    """"officials in Berlin" are German whatever the article's country;
    "hardliners in parliament" are national politics (the article's
    country); "shopkeepers in the bazaar" have no code."""
    quotes = quotes_of(
        "PARIS — Emmanuel Macron won the French presidency on Sunday. Germany said it was ready to work with "
        "Macron, though officials in Berlin cautioned that joint borrowing was not on the table.", settings)
    table = find(quotes, "joint borrowing")
    assert table.speaker is not None and table.speaker.code == "DEU"
    assert table.speaker.name is not None and table.speaker.name.startswith("officials")
    quotes = quotes_of(
        "TEHRAN — Iran's president welcomed the deal. Hardliners in parliament said they would examine the text "
        "line by line. Shopkeepers in the bazaar said prices would fall.", settings)
    line = find(quotes, "line by line")
    assert line.speaker is not None and line.speaker.code == "IRN"
    prices = find(quotes, "prices would fall")
    assert prices.speaker is not None and prices.speaker.code is None


@pytest.mark.model
def test_quotes_roundup_label_with_a_party_takes_its_country(settings: Settings) -> None:
    """A roundup line's description ("A Tory candidate who lost his seat, to
    the BBC:") takes its party's country; one that names no party has none."""
    quotes = quotes_of(
        "LONDON — Labour won a landslide on Friday. Here is what people said.\n\n"
        "A Tory candidate who lost his seat, to the BBC: “We deserved it, frankly.”\n\n"
        "A voter in Clacton, to Sky News: “I just wanted change.”", settings)
    deserved = find(quotes, "We deserved it")
    assert deserved.speaker is not None and deserved.speaker.code == "GBR"
    change = find(quotes, "wanted change")
    assert change.speaker is not None and change.speaker.code is None


# -- organisations named in a person's title ------------------------------------------


@pytest.mark.model
def test_quotes_description_points_to_organisation_in_a_title(settings: Settings) -> None:
    """"Ethiopian Airlines chief executive Tewolde GebreMariam told … “…,” the
    airline said": the airline named in the title, not Boeing named before;
    hard negative: when the title's organisation is the one named before
    ("Boeing chief executive …"), "the company" stays Boeing."""
    quotes = quotes_of(
        "Boeing said in a statement that it had full confidence in the safety of the 737 Max. Ethiopian "
        "Airlines chief executive Tewolde GebreMariam told reporters in Addis Ababa that the pilot had "
        "reported problems. \"Safety remains our highest priority,\" the airline said in a statement.\n\n"
        "Airbus said it would cooperate. Shares in Ryanair rose 3 percent. Airbus chief executive Guillaume "
        "Faury told reporters the plane was safe. \"We are confident,\" the company said.", settings)
    assert name_of(find(quotes, "Safety remains")) == "Ethiopian Airlines"
    assert name_of(find(quotes, "We are confident")) == "Airbus"


# -- what is called for ---------------------------------------------------------------


@pytest.mark.model
def test_quotes_called_for_and_demanded_report_their_object(settings: Settings) -> None:
    """"called for sanctions", "appealed for an immediate cease-fire",
    "demanded a full, independent investigation": the object is what the
    source said it wants (even one word), with the subject as source. Hard
    negatives: "called the decision shameful" is no demand of "the
    decision", "called on members to strike" is a request (its act, not
    its object), and "was called for" names no source."""
    quotes = quotes_of(
        "The senator has called for sanctions. Beirut appealed for an immediate cease-fire. The newspaper "
        "demanded a full, independent investigation. The union called on members to strike. Protesters "
        "called the decision shameful. A recount was called for by the losing side.", settings)
    sanctions = find(quotes, "sanctions")
    assert sanctions.direct is False and sanctions.act == "say" and sanctions.text == "sanctions"
    assert sanctions.speaker is not None
    truce = find(quotes, "cease-fire")
    assert truce.text == "an immediate cease-fire" and truce.speaker is not None and truce.speaker.code == "LBN"
    assert find(quotes, "independent investigation").text == "a full, independent investigation"
    assert find(quotes, "to strike").text == "members to strike"
    assert not any(q.text.startswith("the decision") and q.text == "the decision" for q in quotes)
    assert not any("recount" in q.text for q in quotes)


# -- a surname alone ------------------------------------------------------------------


@pytest.mark.model
def test_quotes_surname_alone_is_the_full_name_given_before(settings: Settings) -> None:
    """"… followers of Fethullah Gulen, a U.S.-based cleric. … Gulen, who
    lives in Pennsylvania, said": the full name given before (a person, for
    the "who" clause, though the actors stage took the name for an
    organisation's), and his next "he said" is his, not the prime
    minister's named in between."""
    quotes = quotes_of(
        "ISTANBUL — The government blamed the plot on followers of Fethullah Gulen, a U.S.-based cleric. Prime "
        "Minister Binali Yildirim called the plotters \"a terrorist organization.\"\n\n"
        "Gulen, who lives in Pennsylvania, said he had played no part in the attempt. \"I condemn, in the "
        "strongest terms, the attempted military coup in Turkey,\" he said in a statement.", settings)
    part = find(quotes, "no part in the attempt")
    assert part.speaker is not None and (part.speaker.name, part.speaker.type) == ("Fethullah Gulen", "person")
    assert name_of(find(quotes, "I condemn")) == "Fethullah Gulen"
    assert name_of(find(quotes, "terrorist organization")) == "Binali Yildirim"


@pytest.mark.model
def test_quotes_role_description_named_just_after(settings: Settings) -> None:
    """A definite role description no actor resolves ("the union's
    president") is the person named as a subject in the next sentences on
    first mention; not someone introduced with another role, and not when a
    person named before holds that role."""
    quotes = quotes_of(
        "Hollywood actors walked off film sets on Friday, bringing production to a halt.\n\n"
        "“We are being victimized by a very greedy entity,” the union’s president said at a news conference. "
        "Maria Lindqvist, a former television actress, had led the talks for four weeks.", settings)
    assert name_of(find(quotes, "greedy entity")) == "Maria Lindqvist"

    # Introduced with another role: a different person.
    quotes = quotes_of(
        "The Supreme Court annulled the presidential election on Friday.\n\n"
        "“The declared result is invalid, null and void,” the chief justice said. "
        "Opposition leader Raila Odinga told supporters outside the court that the ruling was historic.",
        settings)
    assert name_of(find(quotes, "null and void")) != "Raila Odinga"

    # The role's holder was named long before: no forward guess.
    quotes = quotes_of(
        "Union president Maria Lindqvist called the strike on Thursday. The studios said talks had failed. "
        "Pickets gathered outside the gates. Streaming services paused new shows. Cinemas reported "
        "empty release schedules. Analysts expected a long dispute.\n\n"
        "“We will not back down,” the president said. Tom Berger, who runs a props shop, said he was worried.",
        settings)
    assert name_of(find(quotes, "not back down")) != "Tom Berger"


@pytest.mark.model
def test_quotes_state_agencies_speak_for_their_country(settings: Settings) -> None:
    """The guidelines code a state's agency as its country: a named agency
    the knowledge base knows ("the Centers for Disease Control and
    Prevention", "ISRO"), and descriptions that say it is the state's ("the
    central bank", "the national disaster agency"); not a state-owned bank
    (a company)."""
    quotes = quotes_of(
        "MANILA — The typhoon flattened coastal towns on Friday.\n\n"
        "The national disaster agency said its confirmed toll stood at 151. "
        "The central bank said it was ready to act to keep markets orderly. "
        "A state-owned bank said it would defer loan payments for farmers.", settings)
    assert find(quotes, "toll stood").speaker.code == "PHL"  # type: ignore[union-attr]
    assert find(quotes, "keep markets orderly").speaker.code == "PHL"  # type: ignore[union-attr]
    assert find(quotes, "defer loan payments").speaker.code is None  # type: ignore[union-attr]
    quotes = quotes_of(
        "ATLANTA — The Centers for Disease Control and Prevention said travellers should postpone trips. "
        "India's space agency ISRO said the lander was healthy.", settings)
    assert find(quotes, "postpone trips").speaker.code == "USA"  # type: ignore[union-attr]
    assert find(quotes, "lander was healthy").speaker.code == "IND"  # type: ignore[union-attr]
