"""The actors stage on sources of ordinary news (brief e17): a club's or a
company's name spaCy tags PERSON is an organisation, and a nation's word
("the Briton") is nobody's name."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.article import Article
from detente.pipeline import process
from detente.records import ActorRecord

pytestmark = pytest.mark.model


def actors_of(text: str, settings: Settings) -> dict[str, ActorRecord]:
    article = process(Article.create("t", text, published="2024-03-01", date_source="given"), settings)
    assert not article.errors, article.errors
    return {r.name: r for r in article.records if isinstance(r, ActorRecord)}


def test_actors_club_named_like_a_person_is_an_organisation(settings: Settings) -> None:
    """"Manchester United" (tagged PERSON by the model) ends with a club's
    word: an organisation; a person's name with a first name stays a person."""
    actors = actors_of("Manchester United sacked their manager on Sunday. Erik ten Hag left the club.", settings)
    assert actors["Manchester United"].type == "organization"
    assert all(a.type == "person" for name, a in actors.items() if "Hag" in name)


def test_actors_a_nations_word_is_no_person(settings: Settings) -> None:
    """"the Briton said": no person actor named "Briton"; the woman named
    before stays the only person."""
    actors = actors_of("Emma Raducanu lost in the first round. “I will come back,” the Briton said.", settings)
    assert "Briton" not in actors
    assert actors["Emma Raducanu"].type == "person"


def test_actors_short_form_of_an_organisation_joins_its_full_name(settings: Settings) -> None:
    """"Lehman" after "Lehman Brothers", "Harvard" after "Harvard University":
    one organisation, as a surname joins its person; a generic word alone
    ("National") and a phrase with a possessive ("her National Front") join
    nothing."""
    actors = actors_of("Lehman Brothers filed for bankruptcy on Monday. Lehman said its broker-dealer "
                       "subsidiaries were not part of the filing.", settings)
    assert "Lehman" not in actors and len(actors["Lehman Brothers"].mentions) == 2
    actors = actors_of("Harvard University said it would comply. Later Harvard said it was reviewing the ruling, "
                       "and Yale University said it agreed.", settings)
    assert "Harvard" not in actors and len(actors["Harvard University"].mentions) == 2
    assert "Yale University" in actors


def test_actors_dateline_city_the_kb_does_not_know_gives_the_article_country(settings: Settings) -> None:
    """"NEW ORLEANS —" and "COLORADO SPRINGS, Colo. —" are American (the
    gazetteer's large city, a US state abbreviation), so the president the
    story names unqualified is the United States'; "BIRMINGHAM —" (England's
    and Alabama's) says nothing, and the president stays uncoded. (A made-up
    president: a known office holder is coded by the knowledge base.)"""
    story = " - President Daniel Harwood urged residents to leave before the storm."
    assert actors_of("NEW ORLEANS" + story, settings)["Daniel Harwood"].code == "USA"
    assert actors_of("COLORADO SPRINGS, Colo." + story, settings)["Daniel Harwood"].code == "USA"
    assert actors_of("BIRMINGHAM" + story, settings)["Daniel Harwood"].code is None
