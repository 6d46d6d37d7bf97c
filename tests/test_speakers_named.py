"""Speakers on unseen news (brief h17, issue 17): sports bodies named after a
country, names that gain or lose a word, two people who share a surname, a
role description the article names later, and descriptions that point back."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.article import Article
from detente.pipeline import process
from detente.records import ActorRecord, QuoteRecord, Speaker

pytestmark = pytest.mark.model


def run(text: str, settings: Settings) -> tuple[list[QuoteRecord], dict[str, ActorRecord]]:
    article = process(Article.create("t", text, published="2022-01-12", date_source="given"), settings)
    assert not article.errors, article.errors
    quotes = [r for r in article.records if isinstance(r, QuoteRecord)]
    actors = {r.name: r for r in article.records if isinstance(r, ActorRecord)}
    return quotes, actors


def speaker(quotes: list[QuoteRecord], words: str) -> Speaker:
    hits = [q for q in quotes if words in q.text]
    assert len(hits) == 1, (words, [q.text for q in quotes])
    found = hits[0].speaker
    assert found is not None, words
    return found


def test_a_sports_body_named_after_its_country_is_no_state(settings: Settings) -> None:
    quotes, actors = run(
        "Cricket Australia says Smith will be sent home\n\nJOHANNESBURG - Cricket Australia said Steve Smith "
        "would be flown home. The International Cricket Council said it had banned him for one Test. Cricket "
        "South Africa said it respected the decision. Australia said it would review funding for the sport.\n",
        settings)
    body = speaker(quotes, "would be flown home")
    assert (body.name, body.type, body.code) == ("Cricket Australia", "organization", None)
    south = speaker(quotes, "respected the decision")
    assert (south.name, south.type, south.code) == ("Cricket South Africa", "organization", None)
    # The country itself, named alone, is still the state.
    state = speaker(quotes, "review funding")
    assert (state.name, state.type, state.code) == ("Australia", "country", "AUS")
    assert actors["Cricket Australia"].type == "organization" and "South Africa" not in actors


def test_a_sentence_adverb_is_no_first_name(settings: Settings) -> None:
    quotes, actors = run(
        "Hearing\n\nWASHINGTON — Representative Elise Stefanik questioned the three university presidents "
        "for hours. Afterwards Stefanik told reporters the answers had been “pathetic”. Meanwhile Joe Biden "
        "said antisemitism had no place on campus.\n", settings)
    assert speaker(quotes, "pathetic").name == "Elise Stefanik"
    assert speaker(quotes, "no place on campus").name == "Joe Biden"
    assert not any(name.startswith(("Afterwards", "Meanwhile")) for name in actors)


def test_an_organisations_whole_name(settings: Settings) -> None:
    quotes, actors = run(
        "Fines\n\nLONDON — The Liberal Democrats demanded that Parliament be recalled. Covid-19 Bereaved "
        "Families for Justice said the fines were “a slap in the face” for families.\n\nThe Swadeshi Jagran "
        "Manch, an economic group linked to Prime Minister Narendra Modi's movement, called the deal "
        "\"against the national interest.\" Jane Okafor, an activist with the group, said it would protest.\n",
        settings)
    bereaved = speaker(quotes, "a slap in the face")
    assert (bereaved.name, bereaved.type) == ("Covid-19 Bereaved Families for Justice", "organization")
    manch = speaker(quotes, "against the national interest")
    assert (manch.name, manch.type) == ("Swadeshi Jagran Manch", "organization")
    # A person with a group in apposition stays a person: no "the" before her name.
    okafor = speaker(quotes, "would protest")
    assert (okafor.name, okafor.type) == ("Jane Okafor", "person")
    assert actors["Narendra Modi"].type == "person"


def test_two_people_who_share_a_surname(settings: Settings) -> None:
    quotes, actors = run(
        "Verdict\n\nPRETORIA — Oscar Pistorius was found guilty of culpable homicide on Friday for shooting "
        "dead his girlfriend, Reeva Steenkamp.\n\n“We are relieved that the court has accepted he did not "
        "intend to kill,” said Arnold Pistorius, his uncle.\n\nJune Steenkamp, Reeva’s mother, told a "
        "television interviewer that she did not believe his account. “I just want the truth,” she said.\n",
        settings)
    assert speaker(quotes, "We are relieved").name == "Arnold Pistorius"
    assert speaker(quotes, "did not believe his account").name == "June Steenkamp"
    assert speaker(quotes, "I just want the truth").name == "June Steenkamp"
    assert {"Oscar Pistorius", "Arnold Pistorius", "Reeva Steenkamp", "June Steenkamp"} <= set(actors)
    # The dictionary's minister of that surname is not in this article.
    assert "Boris Pistorius" not in actors


def test_a_known_surname_and_a_month_still_resolve(settings: Settings) -> None:
    """Hard negatives: the dictionary's "Pistorius" with his own first name
    is the German minister; "June" before a body's name is the month."""
    quotes, actors = run(
        "Tanks\n\nBERLIN — German Defence Minister Boris Pistorius said the tanks would be sent. Pistorius "
        "added that the decision had been made jointly. In June Parliament said the budget would pass.\n",
        settings)
    minister = speaker(quotes, "made jointly")
    assert (minister.name, minister.code) == ("Boris Pistorius", "DEU")
    assert not any(name.startswith("June") for name in actors)


def test_a_role_description_named_later(settings: Settings) -> None:
    quotes, _ = run(
        "Kenya\n\nNAIROBI — Kenya's Supreme Court annulled the presidential election on Friday.\n\n“The "
        "election was not conducted in accordance with the constitution,” the chief justice said. The court "
        "found that the electoral commission had failed. It said it would publish its reasons within 21 "
        "days. Lawyers for the opposition welcomed the ruling.\n\nChief Justice David Maraga, who led the "
        "four-judge majority, spoke for barely ten minutes.\n", settings)
    assert speaker(quotes, "not conducted in accordance").name == "David Maraga"


def test_a_description_named_by_the_next_new_subject(settings: Settings) -> None:
    quotes, _ = run(
        "Armband\n\nDOHA — The Football Association said it had been ready to pay fines.\n\n“We are a team "
        "that stands for inclusivity,” the England manager said after his side beat Iran 6-2.\n\nGareth "
        "Southgate, in his third tournament in charge, added that the players had been “disappointed”.\n",
        settings)
    assert speaker(quotes, "stands for inclusivity").name == "Gareth Southgate"


def test_a_description_of_another_country_is_not_a_later_title_holder(settings: Settings) -> None:
    """Hard negative: "Britain's business secretary" is not the US Treasury
    Secretary the article names later."""
    quotes, _ = run(
        "Tariffs\n\nLONDON — Britain's business secretary said the government would keep a “cool head.”\n\n"
        "Markets fell. Exporters warned of job losses.\n\nU.S. Treasury Secretary Scott Bessent said the tariffs "
        "would stay.\n", settings)
    assert speaker(quotes, "cool head").name != "Scott Bessent"


def test_an_office_is_not_a_person_only_mentioned_as_an_object(settings: Settings) -> None:
    quotes, _ = run(
        "PRETORIA — Oscar Pistorius, the double-amputee sprinter known as the “Blade Runner,” was "
        "found guilty of culpable homicide on Friday for shooting dead his girlfriend, Reeva Steenkamp, but was "
        "cleared of murder.\n\n“The accused acted too hastily,” the judge said, reading "
        "the verdict. She said the state had not proved that he meant to kill anyone.\n\nThokozile Masipa, "
        "one of the first black women appointed to the High Court, had described Pistorius as “a very poor "
        "witness.”\n", settings)
    assert speaker(quotes, "acted too hastily").name == "Thokozile Masipa"
    assert speaker(quotes, "had not proved").name == "Thokozile Masipa"


def test_the_company_is_the_buyer_after_a_dateline(settings: Settings) -> None:
    quotes, actors = run(
        "BENGALURU - Walmart agreed on Wednesday to buy a 77 percent stake in Flipkart, India's largest "
        "online retailer.\n\n\"India is one of the most attractive retail markets in the world,\" Walmart chief "
        "executive Doug McMillon said. \"Flipkart is leading the transformation of e-commerce there.\"\n\nThe "
        "company said it expected the deal to cut its earnings this year.\n", settings)
    assert speaker(quotes, "it expected the deal").name == "Walmart"
    assert "Walmart" in actors and not any("BENGALURU" in name for name in actors)


def test_a_double_barrelled_name_is_no_country(settings: Settings) -> None:
    quotes, actors = run(
        "Strike\n\nLOS ANGELES — Duncan Crabtree-Ireland, the union’s chief negotiator, said the studios "
        "wanted to scan background performers. Ukraine said the Russia-Ukraine talks had failed.\n", settings)
    negotiator = speaker(quotes, "scan background performers")
    assert (negotiator.name, negotiator.type) == ("Duncan Crabtree-Ireland", "person")
    assert "Ireland" not in actors
    # Two countries joined by a hyphen are still two countries.
    assert speaker(quotes, "talks had failed").code == "UKR"
