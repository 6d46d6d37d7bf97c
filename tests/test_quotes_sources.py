"""The quotes stage on ordinary news (issue 17, brief e17): organisations as
sources and descriptions that point back to them, people described by age
or nation, lead-ins and noun cues, roundup labels, and titles and names in
quote marks that are nobody's words. Each test puts real-style sentences in
and checks the quote records (and scare quotes) that come out."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.article import Article
from detente.eval.quotes import Quote, speaker_right
from detente.pipeline import process
from detente.records import QuoteRecord
from detente.stages.quotes import find_quote_marks, quoted_text


def quotes_of(text: str, settings: Settings) -> tuple[Article, list[QuoteRecord]]:
    article = process(Article.create("t", text, published="2024-03-01", date_source="given"), settings)
    assert not article.errors, article.errors
    return article, [r for r in article.records if isinstance(r, QuoteRecord)]


def find(quotes: list[QuoteRecord], words: str) -> QuoteRecord:
    hits = [q for q in quotes if words in q.text]
    assert len(hits) == 1, (words, [q.text for q in quotes])
    return hits[0]


def source(quote: QuoteRecord) -> tuple[str | None, str | None, str | None] | None:
    s = quote.speaker
    return (s.name, s.type, s.code) if s is not None else None


def scare(article: Article) -> list[str]:
    return [article.text[s.start:s.end] for s in article.scare_quotes]


# -- organisations ------------------------------------------------------------------


@pytest.mark.model
def test_quotes_company_and_club_descriptions_point_back(settings: Settings) -> None:
    """"the company", "the club", "the drugmaker" point back to the last
    named organisation, even one the actors stage made no actor of
    ("Shares in Rolls-Royce") or took for a person ("Pfizer", "Manchester
    United"); "the company" is never the regulator named in between."""
    _, quotes = quotes_of(
        "Shares in Rolls-Royce rose 5 percent on Monday after the engine maker raised its forecast. "
        "The company said profits would double by 2027.\n\n"
        "Manchester United sacked their manager on Sunday after a run of five defeats. "
        "“We thank him for his service,” the club said in a statement.\n\n"
        "Pfizer said its vaccine was 95 percent effective. The drugmaker said it would seek approval "
        "this month.\n\n"
        "Boeing shares fell after the Federal Aviation Administration grounded the jets. The company said "
        "it would work with regulators.", settings)
    assert source(find(quotes, "profits would double")) == ("Rolls-Royce", "organization", None)
    assert source(find(quotes, "We thank him")) == ("Manchester United", "organization", None)
    assert source(find(quotes, "seek approval")) == ("Pfizer", "organization", None)
    assert source(find(quotes, "work with regulators")) == ("Boeing", "organization", None)


@pytest.mark.model
def test_quotes_organisation_descriptions_do_not_take_places_or_state_bodies(settings: Settings) -> None:
    """Hard negatives: "the group" after the State Department is a new
    source, kept as written; "the party" after a name used as a place
    ("won in Clacton") is not that place."""
    _, quotes = quotes_of(
        "The State Department condemned the decree on Tuesday. The main labor umbrella group said "
        "it would call a general strike.\n\n"
        "Nigel Farage won in Clacton. The party said the voting system was broken.", settings)
    strike = find(quotes, "general strike")
    assert strike.speaker is not None and strike.speaker.name == "The main labor umbrella group"
    assert strike.speaker.type == "description"
    broken = find(quotes, "voting system")
    assert broken.speaker is None or broken.speaker.name != "Clacton"


@pytest.mark.model
def test_quotes_union_is_named_by_its_modifier(settings: Settings) -> None:
    """"The Unite union said" is Unite, an organisation, and "the union"
    later is Unite too; "The Trump campaign said" is not "Trump"."""
    _, quotes = quotes_of(
        "The Unite union said workers at the Port Talbot plant would strike in March. "
        "“This is a fight for jobs,” the union said.\n\n"
        "The Trump campaign said the poll was fake.", settings)
    assert source(find(quotes, "would strike")) == ("Unite", "organization", None)
    assert source(find(quotes, "fight for jobs")) == ("Unite", "organization", None)
    fake = find(quotes, "the poll was fake")
    assert fake.speaker is not None and fake.speaker.name != "Trump"


@pytest.mark.model
def test_quotes_police_force_keeps_its_name_with_its_country(settings: Settings) -> None:
    """A police force or an intelligence agency the knowledge base counts
    as its country's keeps its name as written, with the country's code;
    the White House is still the United States."""
    _, quotes = quotes_of(
        "The FBI said it was investigating the shooting. Scotland Yard said two men had been arrested. "
        "The White House said the talks would resume.", settings)
    assert source(find(quotes, "investigating")) == ("FBI", "organization", "USA")
    assert source(find(quotes, "two men")) == ("Scotland Yard", "organization", "GBR")
    assert source(find(quotes, "talks would resume")) == ("United States", "country", "USA")


def test_scorer_takes_an_organisations_name_for_its_acronym() -> None:
    """The guidelines code an organisation by its acronym, which detente
    knows only for the bodies in its knowledge base: the same name (without
    "The" or a legal form), or the acronym written as the name, is right; a
    different organisation is not."""
    gold = Quote(0, 10, True, "Human Rights Campaign", "HRC", "organization")
    assert speaker_right(gold, Quote(0, 10, True, "The Human Rights Campaign", None, "organization"))
    assert speaker_right(gold, Quote(0, 10, True, "HRC", None, "organization"))
    assert not speaker_right(gold, Quote(0, 10, True, "Human Rights Watch", "HRW", "organization"))
    tesla = Quote(0, 10, False, "Tesla", None, "organization")
    assert speaker_right(tesla, Quote(0, 10, False, "Tesla Inc.", None, "organization"))
    assert not speaker_right(tesla, Quote(0, 10, False, "SpaceX", None, "organization"))


# -- people described, pronouns and lead-ins --------------------------------------------


@pytest.mark.model
def test_quotes_people_described_by_age_nation_or_fame_point_back(settings: Settings) -> None:
    """"the 21-year-old", "the Spaniard", "the Norwegian", "the Briton", "the
    billionaire" are the person the story just named (as written when the
    actors stage made no actor of the name)."""
    for text, words_, name in [
        ("Carlos Alcaraz beat Novak Djokovic in straight sets on Sunday to win his second Wimbledon title. "
         "“It is a dream come true,” the 21-year-old said.", "dream come true", "Carlos Alcaraz"),
        ("Rafael Nadal announced his retirement on Thursday. “It has been a difficult decision,” the "
         "Spaniard said in a video.", "difficult decision", "Rafael Nadal"),
        ("Erling Haaland scored twice as Manchester City beat Chelsea 3-1. “We deserved the win,” the "
         "Norwegian told reporters.", "deserved the win", "Erling Haaland"),
        ("Emma Raducanu lost in the first round. “I will come back stronger,” the Briton said.",
         "come back stronger", "Emma Raducanu"),
        ("Elon Musk lost $20 billion in a single day. “I don't care about money,” the billionaire wrote.",
         "care about money", "Elon Musk"),
        # A new subject in the sentence before wins over the last speaker.
        ("Rafael Nadal said he was tired. Erling Haaland scored twice on Saturday. “We deserved the win,” "
         "the Norwegian told reporters.", "deserved the win", "Erling Haaland"),
    ]:
        _, quotes = quotes_of(text, settings)
        found = find(quotes, words_)
        assert found.speaker is not None and found.speaker.name == name, (text, found.speaker)
    # Hard negative: people of a nation are a group, not the person named before.
    _, quotes = quotes_of("Rafael Nadal lost in Madrid. The Russians said the talks had failed.", settings)
    talks = find(quotes, "talks had failed")
    assert talks.speaker is not None and talks.speaker.type == "group" and talks.speaker.code == "RUS"


@pytest.mark.model
def test_quotes_pronoun_after_a_described_subject(settings: Settings) -> None:
    """"The foreign minister arrived … He said …": with no person named, the
    described subject of the sentence before, kept as written; a pronoun
    after a sentence about a thing still has no source."""
    _, quotes = quotes_of(
        "A senior police officer visited the scene on Tuesday. She said the investigation would take "
        "months.\n\n"
        "The bridge collapsed on Tuesday. He said the repairs would take months.", settings)
    officer = find(quotes, "investigation would take")
    assert officer.speaker is not None and officer.speaker.name == "A senior police officer"
    assert find(quotes, "repairs").speaker is None


@pytest.mark.model
def test_quotes_lead_in_sentence_gives_the_source(settings: Settings) -> None:
    """"The coach did not hold back. “…”", "Chelsea's response was swift.
    “…”": the person the lead-in is about, or the owner of the response; a
    lead-in about prices names no source."""
    _, quotes = quotes_of(
        "Chelsea lost 4-0 at home on Saturday. The coach did not hold back. “That was the worst "
        "performance of the season.”\n\n"
        "Arsenal accused Chelsea of tapping up their captain. Chelsea's response was swift. "
        "“We categorically deny these allegations.”", settings)
    coach = find(quotes, "worst performance")
    assert coach.speaker is not None and coach.speaker.name == "The coach" and coach.attribution == "neighbour"
    assert find(quotes, "categorically deny").speaker.name == "Chelsea"  # type: ignore[union-attr]
    _, quotes = quotes_of("Prices rose again in March. “This cannot go on.”", settings)
    assert find(quotes, "cannot go on").speaker is None


@pytest.mark.model
def test_quotes_the_news_that_reports_its_clause(settings: Settings) -> None:
    """"on the news that …" reports the clause with no source the text
    names; "Amazon's announcement that …" is Amazon's; "greeted the news"
    reports nothing."""
    _, quotes = quotes_of(
        "Markets rallied on the news that the Federal Reserve would cut rates.\n\n"
        "Amazon's announcement that it would cut 18,000 jobs came on Wednesday.\n\n"
        "Fans greeted the news with dismay.", settings)
    fed = find(quotes, "would cut rates")
    assert (fed.text, fed.direct, fed.cue, fed.speaker) == ("the Federal Reserve would cut rates", False, "news", None)
    jobs = find(quotes, "18,000 jobs")
    assert jobs.speaker is not None and jobs.speaker.name == "Amazon" and jobs.cue == "announcement"
    assert not [q for q in quotes if "dismay" in q.text]


@pytest.mark.model
def test_quotes_roundup_label_with_a_name_particle(settings: Settings) -> None:
    """"Erik ten Hag, Manchester United: “…”" is a roundup line: its speaker
    is the label's name, not the speaker of the line before."""
    _, quotes = quotes_of(
        "Here is how the managers reacted.\n\n"
        "Mikel Arteta, Arsenal: “I am proud of the players.”\n\n"
        "Erik ten Hag, Manchester United: “We have to learn from this.”", settings)
    learn = find(quotes, "learn from this")
    assert learn.speaker is not None and learn.speaker.name == "Erik ten Hag" and learn.attribution == "label"


# -- quote marks ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # A roundup or a British paper's straight single marks after a colon.
    ("George Will, The Washington Post: 'This was a rout for the ages.'", ["This was a rout for the ages."]),
    ("The players' union said: 'We won't accept this deal,' adding it was unfair.", ["We won't accept this deal"]),
    # Apostrophes stay apostrophes.
    ("Result: 4-2 to the home side's team, the fans' favourite.", []),
    ("The players' union and the owners' club don't agree.", []),
])
def test_quote_marks_straight_single_after_a_colon(text: str, expected: list[str]) -> None:
    assert [quoted_text(text, p) for p in find_quote_marks(text)] == expected


@pytest.mark.model
def test_quotes_titles_and_names_are_not_quotes(settings: Settings) -> None:
    """Titles of works, what a sign reads and names given with "nicknamed",
    "known as", "who has been called" are scare quotes whatever their
    length or final period; the words of a memoir quoted as such, and a
    phrase called so by a named agent, are still quotes."""
    article, quotes = quotes_of(
        "Protesters outside parliament carried a banner reading “Hands off our NHS, it is not for sale.”\n\n"
        "The documentary “The Man Who Knew Too Much About Everything.” premiered on Sunday.\n\n"
        "The storm, nicknamed “the Beast from the East,” brought heavy snow to Britain.\n\n"
        "The striker, who has been called “the new Messi,” signed a five-year deal.\n\n"
        "Her book, “Becoming,” was the best-selling memoir of 2018.\n\n"
        "In his memoir, “the presidency changes everyone who holds it,” Obama wrote.\n\n"
        "Obama wrote in his memoir: “I was never sure I had made the right call.”", settings)
    assert scare(article) == ["Hands off our NHS, it is not for sale.", "The Man Who Knew Too Much About Everything.",
                              "the Beast from the East", "the new Messi", "Becoming"]
    assert [q.text for q in quotes] == ["the presidency changes everyone who holds it",
                                        "I was never sure I had made the right call."]
    assert all(q.speaker is not None and q.speaker.name == "Obama" for q in quotes)


@pytest.mark.model
def test_quotes_interview_answers_are_the_interviewees(settings: Settings) -> None:
    """An interview's "A:" turns (with "Q:" turns) are the words of the
    person the introduction names; "A:" without any "Q:" is no turn."""
    _, quotes = quotes_of(
        "Jamie Dimon, the chief executive of JPMorgan Chase, spoke to reporters on Tuesday about the "
        "economy. Dimon has led the bank since 2005.\n\n"
        "Q: Is a recession coming?\n\n"
        "A: I think there is a real chance of one next year.\n\n"
        "Q: What about rates?\n\n"
        "A: Rates will stay higher for longer than people expect.", settings)
    assert [(q.text, q.speaker.name if q.speaker else None, q.attribution) for q in quotes] == [
        ("Is a recession coming?", "a reporter", "label"),
        ("I think there is a real chance of one next year.", "Jamie Dimon", "label"),
        ("What about rates?", "a reporter", "label"),
        ("Rates will stay higher for longer than people expect.", "Jamie Dimon", "label"),
    ]
    _, quotes = quotes_of("The choice was stark.\n\nA: Leave the union now.\n\nB: Stay and fight.", settings)
    assert quotes == []
