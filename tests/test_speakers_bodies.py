"""Organisations and descriptions as speakers (issue 17, brief q32q): bodies
spaCy takes for people, names with a possessive or a person's name inside,
the country of unnamed officials."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.records import QuoteRecord, Speaker

from .conftest import find_quote as find
from .conftest import fixture_row
from .conftest import quotes_in as quotes_of


def _speaker(quotes: list[QuoteRecord], words: str) -> Speaker:
    speaker = find(quotes, words).speaker
    assert speaker is not None, words
    return speaker


def _article(name: str, item: str) -> str:
    return fixture_row(f"quotes/attribution/{name}", item)["text"]


@pytest.mark.model
def test_officials_take_the_country_the_story_is_told_from(settings: Settings) -> None:
    # Set E's El Chapo story: no country dominates (the United States is
    # named often), but it is told from the country it names most, whose
    # government and security officials speak.
    text = _article("articles_e.jsonl", "e21")
    assert text.startswith("MEXICO CITY - ")
    quotes = quotes_of(text, settings)
    assert _speaker(quotes, "new sensors").code == "MEX"
    assert _speaker(quotes, "had been returned to the Altiplano").code == "MEX"
    # Hard negative: told from a third country the text does not name, the
    # officials keep no country.
    quotes = quotes_of(text.replace("MEXICO CITY - ", "VIENNA - ", 1), settings)
    assert _speaker(quotes, "new sensors").code is None


@pytest.mark.model
def test_a_body_spacy_took_for_a_person_is_pointed_back_to(settings: Settings) -> None:
    # spaCy tags both names PERSON; "which" and "his employer" say they are bodies.
    quotes = quotes_of("SAG-AFTRA, which represents about 160,000 performers, said the strike would begin at "
                       "midnight. It accused the studios of refusing to address pay.\n", settings)
    assert _speaker(quotes, "the studios of refusing").name == "SAG-AFTRA"
    quotes = quotes_of("Booz Allen Hamilton, his employer, said in a statement that the reports were “shocking.” "
                       "The company said it would cooperate with the authorities.\n", settings)
    company = _speaker(quotes, "it would cooperate")
    assert (company.name, company.type) == ("Booz Allen Hamilton", "organization")
    # Hard negatives: a person described by a role or a "who" clause stays a
    # person, and neither "the union" nor "it" is them.
    quotes = quotes_of("John Smith, a union leader, said the strike would begin at midnight. The union said it "
                       "would not talk to the studios.\n", settings)
    assert _speaker(quotes, "the strike would begin").type == "person"
    assert _speaker(quotes, "would not talk").name == "The union"
    quotes = quotes_of("Fran Drescher, who leads the actors, said the strike would begin at midnight. It accused "
                       "the studios of refusing to address pay.\n", settings)
    assert _speaker(quotes, "the strike would begin").type == "person"
    assert _speaker(quotes, "the studios of refusing").name != "Fran Drescher"


@pytest.mark.model
def test_a_possessive_inside_an_organisations_name(settings: Settings) -> None:
    # Set E's Pistorius story, where the parser hangs "ANC Women’s" on "League" as its owner.
    quotes = quotes_of(_article("articles_e.jsonl", "e20"), settings)
    assert _speaker(quotes, "the verdict sent").name == "ANC Women’s League"
    assert _speaker(quotes, "an appeal").name == "ANC Women’s League"
    # Hard negative: an owner named before the organisation is not part of its name.
    quotes = quotes_of("Rupert Murdoch's News International said the paper would close on Sunday.\n", settings)
    assert _speaker(quotes, "the paper would close").name == "News International"


@pytest.mark.model
def test_a_possessor_is_named_without_its_possessive(settings: Settings) -> None:
    quotes = quotes_of("In S&P's view, only a deal of at least $4 trillion would have kept the rating intact.\n",
                       settings)
    assert _speaker(quotes, "only a deal").name == "S&P"
    # Hard negative: a name that ends in "'s" keeps it.
    quotes = quotes_of("McDonald's said it would close 200 restaurants in Russia.\n", settings)
    assert _speaker(quotes, "it would close").name == "McDonald's"


@pytest.mark.model
def test_a_foundation_named_after_a_person_is_not_the_person(settings: Settings) -> None:
    quotes = quotes_of("Augusto Pinochet was arrested in London. Amnesty International called the arrest “a "
                       "historic step.” The Pinochet Foundation said in a statement that the arrest amounted to "
                       "“a kidnapping” of a sick man.\n", settings)
    foundation = _speaker(quotes, "the arrest amounted")
    assert (foundation.name, foundation.type) == ("Pinochet Foundation", "organization")
    # Hard negative: "the foundation" as a description still points back.
    quotes = quotes_of("Bill Gates spoke on Monday. The Gates Foundation pledged $1 billion. The foundation said "
                       "the money would go to vaccines.\n", settings)
    assert _speaker(quotes, "the money would go").name == "Gates Foundation"


@pytest.mark.model
def test_one_of_a_group_named_before_speaks_with_its_country(settings: Settings) -> None:
    text = ("RIYADH, Saudi Arabia (AP) - Saudi Arabia said the journalist died in a fight. The royal court said "
            "five senior officials had been dismissed. {group} officials have said for days that a team flown in "
            "from Riyadh killed the writer. Investigators believe the operation was planned, one senior official "
            "told reporters. “We know what happened,” he said.\n")
    quotes = quotes_of(text.format(group="Turkish"), settings)
    assert _speaker(quotes, "the operation was planned").code == "TUR"
    assert _speaker(quotes, "We know what happened").code == "TUR"
    # Hard negative: a group of no named country leaves the article's.
    quotes = quotes_of(text.format(group="Senior"), settings)
    assert _speaker(quotes, "the operation was planned").code == "SAU"
