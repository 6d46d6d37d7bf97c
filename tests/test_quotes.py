"""The quotes stage: direct quotes in every layout, scare quotes, reported
speech, speakers resolved through the actors, the store and the CLI, and
the hand-annotated gold set against textacy's baseline."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from detente import Settings
from detente.article import Article
from detente.cli import cli
from detente.eval.quotes import same_person, score_quotes, score_textacy
from detente.pipeline import process
from detente.records import QuoteRecord
from detente.stages.quotes import find_quote_marks, quoted_text
from detente.store import Store

from .conftest import EXAMPLES, FIXTURES, SEED, read_one

GOLD = FIXTURES / "quotes" / "gold.jsonl"


def quotes_of(text: str, settings: Settings, published: str = "2022-01-12") -> tuple[Article, list[QuoteRecord]]:
    article = process(Article.create("t", text, published=published, date_source="given"), settings)
    assert not article.errors, article.errors
    return article, [r for r in article.records if isinstance(r, QuoteRecord)]


def who(quote: QuoteRecord) -> str | None:
    return quote.speaker.name if quote.speaker else None


def find(quotes: list[QuoteRecord], words: str) -> QuoteRecord:
    hits = [q for q in quotes if words in q.text]
    assert len(hits) == 1, (words, [q.text for q in quotes])
    return hits[0]


# -- quote marks (no model needed) ------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("“We will not budge,” she said.", ["We will not budge"]),
    # Wire-archive marks, with a nested `…' kept inside, and across paragraphs.
    ("``It's not elegantly stated,'' Romney said. ``I'm speaking off the cuff.''",
     ["It's not elegantly stated", "I'm speaking off the cuff."]),
    ("His job ``is not to worry about `those people.''' He left.", ["is not to worry about `those people.'"]),
    ("``We came to listen.\n\n``And we will come back,'' she said.", ["We came to listen.\n\nAnd we will come back"]),
    ("Don't read `rock 'n' roll' as a quote.", []),
    ('"We will not budge," she said, "not an inch."', ["We will not budge", "not an inch."]),
    ("«Nous verrons», a-t-il dit.", ["Nous verrons"]),
    # Nested single marks belong to the outer quote.
    ("“He told me ‘no deal’, and I believed him,” Liik said.",
     ["He told me ‘no deal’, and I believed him"]),
    # Single marks outside double ones are a quote; apostrophes are not.
    ("The minister called it ‘a betrayal’ of the allies’ trust; it’s over.", ["a betrayal"]),
    ("The allies’ view and Russia’s don’t match.", []),
    # A stray second opening mark restarts the quote.
    ("“ The “real” problem,” he said.", ["real"]),
])
def test_quote_marks(text: str, expected: list[str]) -> None:
    assert [quoted_text(text, p) for p in find_quote_marks(text)] == expected


def test_quote_marks_across_paragraphs_make_one_quote() -> None:
    text = ("“We came to listen.\n\n“And we will come back,” she said.\n\n"
            "“Unclosed words run to the paragraph's end\n\nNext paragraph.")
    pieces = find_quote_marks(text)
    assert [quoted_text(text, p) for p in pieces] == [
        "We came to listen.\n\nAnd we will come back", "Unclosed words run to the paragraph's end"]
    assert pieces[0].closed and not pieces[1].closed
    assert text[pieces[0].start:pieces[0].end].count("“") == 1  # the offsets keep the inner mark


# -- the seed article ----------------------------------------------------------------

# The seed's 14 direct quotes: (words in the quote, speaker's full name).
SEED_QUOTES = [
    ("a moment of truth", "Alexander Grushko"),
    ("keep the Russians honest", "NATO diplomats"),
    ("not a single ally inside the NATO alliance is willing", "Julianne Smith"),
    ("I cannot imagine any scenario", "Julianne Smith"),
    ("We will not allow anyone to slam", "Julianne Smith"),
    ("Russian actions have precipitated this crisis", "Julianne Smith"),
    ("Russia pulling back its forces", "Julianne Smith"),
    ("interested in going back in time", "Julianne Smith"),
    ("discussion of reciprocal restrictions on exercises", "Julianne Smith"),
    ("risk reduction, transparency, arms control", "Julianne Smith"),
    ("we see no significant reason for optimism", "Dmitry Peskov"),
    ("There are no clear deadlines here", "Dmitry Peskov"),
    ("arms control agreements should follow the logic", "Kadri Liik"),
    ("likely shape Europe’s strategic landscape", "Kadri Liik"),
]


@pytest.fixture(scope="module")
def seed(settings: Settings) -> tuple[Article, list[QuoteRecord]]:
    article = process(read_one(SEED), settings)
    return article, [r for r in article.records if isinstance(r, QuoteRecord)]


@pytest.mark.model
def test_quotes_seed_fourteen_direct_quotes_with_speakers(seed) -> None:  # type: ignore[no-untyped-def]
    article, quotes = seed
    direct = [q for q in quotes if q.direct]
    assert len(direct) == 14, [q.text[:30] for q in direct]
    right = [words for words, name in SEED_QUOTES if who(find(direct, words)) == name]
    assert len(right) == 14, set(w for w, _ in SEED_QUOTES) - set(right)
    for q in direct:
        assert article.text[q.start:q.end] == q.text  # offsets point at the words
        assert q.speaker is not None and q.cue != "" and 0 < q.confidence <= 1
    smith = find(direct, "risk reduction")
    assert (smith.speaker.code, smith.speaker.role) == ("USA", "US ambassador to NATO")  # type: ignore[union-attr]
    assert smith.attribution == "continuation" and smith.cue is None
    she = find(direct, "I cannot imagine")
    assert she.cue == "said" and article.text[she.speaker_span.start:she.speaker_span.end] == "she"  # type: ignore[union-attr]
    diplomats = find(direct, "keep the Russians honest").speaker
    assert diplomats is not None and (diplomats.code, diplomats.role) == ("NATO", None)
    assert find(direct, "a moment of truth").cue == "described"
    assert find(direct, "There are no clear deadlines").speaker.role == "Kremlin spokesman"  # type: ignore[union-attr]


@pytest.mark.model
def test_quotes_seed_scare_quote_left_out(seed) -> None:  # type: ignore[no-untyped-def]
    article, quotes = seed
    assert [article.text[s.start:s.end] for s in article.scare_quotes] == ["non-starters"]
    assert not [q for q in quotes if "non-starters" in q.text]


@pytest.mark.model
def test_quotes_seed_reported_speech(seed) -> None:  # type: ignore[no-untyped-def]
    _, quotes = seed
    reported = [q for q in quotes if not q.direct]
    ready = find(reported, "the military alliance is ready to negotiate")
    assert (who(ready), ready.speaker.code, ready.cue) == ("NATO diplomats", "NATO", "say")  # type: ignore[union-attr]
    # "they also stress that ...": "they" is the group that spoke just before.
    assert who(find(reported, "many of Russia’s demands")) == "NATO diplomats"
    assert who(find(reported, "the alliance won’t pull back")) == "Julianne Smith"
    assert who(find(reported, "Russia would receive the same response")) == "Julianne Smith"  # "saying"
    assert who(find(reported, "Russia was looking for quick results")) == "Dmitry Peskov"  # "adding that"
    assert who(find(reported, "fundamentally incompatible")) == "Kadri Liik"  # "told EURACTIV"
    officials = find(reported, "they do not know yet").speaker
    assert officials is not None and (officials.name, officials.code) == ("US officials", "USA")
    # A reported clause that holds quote marks is the direct quote's, not repeated.
    assert not [q for q in reported if "strategic landscape" in q.text or "honest" in q.text]
    assert all(not q.text.startswith("that ") for q in reported)


# -- layouts -----------------------------------------------------------------------


@pytest.mark.model
def test_quotes_layouts(settings: Settings) -> None:
    text = (
        "Brussels talks end without a deal\n\n"
        "German Chancellor Olaf Scholz met Ukrainian President Volodymyr Zelensky in Kyiv on Monday.\n\n"
        "“We stand by Ukraine,” said Scholz. “Nobody should doubt it.”\n\n"
        "Zelensky was blunt:\n\n"
        "“Words are not enough. We need weapons, and we need them now.”\n\n"
        "“Every day matters,” he said, “and every delay costs lives.”\n\n"
        "According to Scholz, the talks were “constructive”. In Scholz's own words, “We will not waver.”\n\n"
        "“The door remains open,” a senior EU diplomat said. “But the clock is ticking,” sources said.\n\n"
        "The Kremlin was quoted by RIA Novosti as saying that Moscow had no plans to attack.\n"
    )
    article, quotes = quotes_of(text, settings, "2022-02-14")
    q = find(quotes, "We stand by Ukraine")
    assert (who(q), q.cue, q.attribution) == ("Olaf Scholz", "said", "cue")
    assert who(find(quotes, "Nobody should doubt it")) == "Olaf Scholz"  # the sentence after
    words = find(quotes, "Words are not enough")
    assert (who(words), words.attribution, words.cue) == ("Volodymyr Zelensky", "neighbour", None)
    first, second = find(quotes, "Every day matters"), find(quotes, "every delay costs lives")
    assert who(first) == who(second) == "Volodymyr Zelensky"  # a split quote, both halves
    constructive = find(quotes, "constructive")  # a partial quote after "according to"
    assert (who(constructive), constructive.cue) == ("Olaf Scholz", "According to")
    waver = find(quotes, "We will not waver")
    assert (who(waver), waver.cue) == ("Olaf Scholz", "In Scholz's own words")
    diplomat = find(quotes, "The door remains open").speaker
    assert diplomat is not None and (diplomat.name, diplomat.code) == (None, "EU")
    assert diplomat.role is not None and "EU diplomat" in diplomat.role
    # "sources": kept as written, an unknown source, no actor guessed (issue 17)
    sources = find(quotes, "the clock is ticking").speaker
    assert sources is not None and (sources.name, sources.type, sources.code, sources.actor_id) == \
        ("sources", "unknown", None, None)


@pytest.mark.model
def test_quotes_multi_paragraph_nested_and_straight(settings: Settings) -> None:
    text = (
        "Envoy says no deal yet\n\n"
        "The UN envoy Martin Griffiths spoke after the meeting in Geneva on Tuesday.\n\n"
        "\"We are not there yet. The parties told me 'not this week', and I take them at their word.\n\n"
        "\"But I have not given up,\" Griffiths told reporters.\n\n"
        "He added that a ceasefire could hold if both sides kept their promises.\n"
    )
    article, quotes = quotes_of(text, settings, "2022-04-05")
    long = find(quotes, "We are not there yet")
    assert long.direct and who(long) == "Martin Griffiths"
    assert "not this week" in long.text and "But I have not given up" in long.text
    assert "\"" not in long.text  # the paragraph-opening mark is left out of the words
    reported = find(quotes, "a ceasefire could hold")
    assert not reported.direct and who(reported) == "Martin Griffiths" and reported.cue == "added"


@pytest.mark.model
def test_quotes_need_a_speaker_that_is_known(settings: Settings) -> None:
    text = ("Statement issued\n\nIt was announced on Friday that the embassy would close. "
            "The foreign ministry said it had not been consulted. "
            "“A sad day,” one observer said.\n")
    _, quotes = quotes_of(text, settings)
    assert find(quotes, "the embassy would close").speaker is None  # a passive names no source
    # An unnamed source is kept as written (issue 17), never resolved to an actor.
    observer = find(quotes, "A sad day").speaker
    assert observer is not None and (observer.name, observer.type, observer.actor_id) == \
        ("one observer", "description", None)


@pytest.mark.model
def test_quotes_reported_speech_needs_words_said(settings: Settings) -> None:
    text = ("Talks stall\n\nIt was too early to say whether the talks would resume. "
            "Officials will tell parliament next week that the plan is dead. "
            "Sergei Lavrov did not say whether Russia would attend. "
            "Antony Blinken was asked by reporters whether the talks had failed. "
            "Both sides agreed to write the “Steinmeier formula” into law. "
            "Dmitry Peskov was quoted by TASS as saying that Moscow “will not bow to pressure”.\n")
    article, quotes = quotes_of(text, settings)
    # A reported clause that holds quoted words is one mixed attribution. An
    # indirect question is reported speech (issue 17's guidelines): the
    # reporters' question, not Blinken's.
    assert [(q.text, who(q), q.direct) for q in quotes] == [
        ("whether the talks had failed", "reporters", False),
        ("Moscow “will not bow to pressure”", "Dmitry Peskov", "mixed")]
    assert [article.text[s.start:s.end] for s in quotes[1].quoted] == ["will not bow to pressure"]
    assert [article.text[s.start:s.end] for s in article.scare_quotes] == ["Steinmeier formula"]


@pytest.mark.model
def test_quotes_bad_marks_do_not_break_the_article(settings: Settings) -> None:
    text = "Odd marks\n\n“ ” ‘ ’ \" “ He said. ” « ‘x\n\n“\n"
    article, quotes = quotes_of(text, settings)
    assert all(article.text[q.start:q.end] for q in quotes)


# -- attribution types (issue 17) --------------------------------------------------


@pytest.mark.model
def test_quotes_mixed_attributions(settings: Settings) -> None:
    text = (
        "Budget row deepens\n\n"
        "Finance Minister Anna Berg called the plan “a disaster” on Monday. "
        "Berg said the bill was “dead on arrival” in the Senate.\n\n"
        "Opposition leader Tom Reyes vowed to “fight like hell.”\n\n"
        "“We will not back down,” Reyes said.\n"
    )
    article, quotes = quotes_of(text, settings)
    disaster = find(quotes, "a disaster")
    assert (disaster.direct, disaster.text, disaster.cue) == ("mixed", "the plan “a disaster”", "called")
    assert [article.text[s.start:s.end] for s in disaster.quoted] == ["a disaster"]
    assert disaster.verb_class == "description" and disaster.act == "say"
    dead = find(quotes, "dead on arrival")
    assert (dead.direct, dead.text) == ("mixed", "the bill was “dead on arrival” in the Senate")
    fight = find(quotes, "fight like hell")
    assert (fight.direct, fight.text, fight.act, fight.verb_class) == (
        "mixed", "to “fight like hell.”", "intention", "promise")
    # A whole sentence in marks stays direct; no quoted words make two records.
    whole = find(quotes, "We will not back down")
    assert whole.direct is True and whole.quoted == []
    assert sum("dead on arrival" in q.text for q in quotes) == 1


@pytest.mark.model
def test_quotes_fragments_and_clause_ends(settings: Settings) -> None:
    text = (
        "Greek vote\n\n"
        "Economists described the decision as “a slow squeeze.” Rajoy praised the police for acting "
        "with “firmness and serenity.” Trump warned of “death & destruction” if he were charged.\n\n"
        "Mubarak had told the nation that he would stay in office until elections in September, a speech "
        "that turned the mood to fury. Boris Johnson announced on Thursday that he would resign as leader, "
        "bowing to a revolt by his ministers.\n\n"
        "With nearly all ballots counted, 61 percent had voted No, according to the Interior Ministry.\n\n"
        "The minister said the deal was dead and that talks would resume next year.\n\n"
        "The White House announced a settlement with the union on Monday. Pashinyan announced the "
        "agreement on Facebook. Biden promised a swift response.\n\n"
        "Varoufakis announced his resignation in a blog post titled “Minister No More!” Supporters "
        "wept. “Fora Temer!” they chanted, meaning “Temer out!”\n"
    )
    _, quotes = quotes_of(text, settings)
    # a short quoted fragment in a complement: one mixed attribution, no direct quote
    for words, clause in (("a slow squeeze", "the decision as “a slow squeeze.”"),
                          ("firmness and serenity", "the police for acting with “firmness and serenity.”"),
                          ("death & destruction", "of “death & destruction” if he were charged")):
        found = find(quotes, words)
        assert (found.direct, found.text) == ("mixed", clause)
    # a phrase about the whole sentence after the clause's comma is not the source's
    assert find(quotes, "stay in office").text == "he would stay in office until elections in September"
    assert find(quotes, "resign as leader").text == "he would resign as leader"
    assert find(quotes, "61 percent").text == "61 percent had voted No"
    # two that-clauses after one cue: two attributions, one cue and source
    dead, resume = find(quotes, "the deal was dead"), find(quotes, "talks would resume")
    assert (dead.text, resume.text) == ("the deal was dead", "talks would resume next year")
    assert dead.cue == resume.cue == "said" and dead.speaker == resume.speaker
    # speech verbs with a noun-phrase object that is the message, not one that points back
    settlement = find(quotes, "a settlement")
    assert (settlement.text, settlement.act, settlement.direct) == ("a settlement with the union", "say", False)
    assert find(quotes, "a swift response").act == "intention"
    assert not any("agreement on Facebook" in q.text for q in quotes)
    # a name word before the marks makes a short exclamation a title or a gloss
    assert not any("Minister No More" in q.text or "Temer out" in q.text for q in quotes)
    assert find(quotes, "Fora Temer").direct is True


@pytest.mark.model
def test_quotes_acts_from_the_cue_and_the_source(settings: Settings) -> None:
    text = (
        "Vote looms\n\n"
        "Senator Mark Hale claimed the vote was rigged. "
        "Governor Lisa Park believes the deal must change. "
        "Mayor Tom Reyes plans to raise taxes next year. "
        "A Gallup poll shows that most voters oppose the war. "
        "Judge Ann Lee said in a statement that the court would rule in May. "
        "Lee added that the hearing had been fair.\n"
    )
    _, quotes = quotes_of(text, settings)
    acts = {q.text: (q.direct, q.act, q.verb_class) for q in quotes}
    assert acts == {
        "the vote was rigged": (False, "claim", "assertion"),
        "the deal must change": (False, "belief", "cognition"),
        "to raise taxes next year": (False, "intention", "intention"),
        "most voters oppose the war": (False, "document", "finding"),
        "the court would rule in May": (False, "document", "speech"),
        "the hearing had been fair": (False, "say", "speech"),
    }


@pytest.mark.model
def test_quotes_new_lexicon_verbs_and_non_cues(settings: Settings) -> None:
    text = (
        "Hearing ends\n\n"
        "“That is simply not true,” Senator Mark Hale interjected. "
        "“We have been here before,” Hale sighed. "
        "Governor Lisa Park fumed that the hearing had been a farce. "
        "The chaos had shown the world that nobody was in charge. "
        "Protesters held signs reading “Believe Survivors.” "
        "“We want our country back,” said one man, borrowing the campaign’s own slogan, “Take back control.” "
        "The treaty follows Sunday's hastily organized \"referendum.\"\n"
    )
    article, quotes = quotes_of(text, settings)
    assert find(quotes, "simply not true").cue == "interjected"
    assert find(quotes, "been here before").cue == "sighed"
    fumed = find(quotes, "a farce")
    assert (fumed.direct, fumed.cue, fumed.verb_class) == (False, "fumed", "criticism")
    # "shown" reports only a document's findings; a slogan and a scare quote
    # with the period inside the marks are nobody's words.
    assert not [q for q in quotes if "nobody was in charge" in q.text or "Survivors" in q.text
                or "referendum" in q.text or "Take back" in q.text]
    assert {article.text[s.start:s.end] for s in article.scare_quotes} >= {
        "Believe Survivors.", "Take back control.", "referendum."}


# -- store and CLI -------------------------------------------------------------------


@pytest.mark.model
def test_quotes_in_store_and_cli(tmp_path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from detente.api import ingest

    db = tmp_path / "d.db"
    with Store(str(db)) as store:
        ingest([str(EXAMPLES), str(SEED)], store, settings)
        smith = store.quotes("Smith")
        assert len(smith) >= 10
        assert {h["quote"].speaker.name for h in smith} == {"Julianne Smith"}
        stored = smith[0]["quote"]
        assert stored.attribution is not None and stored.speaker_span is not None
        assert store.quotes("Smith", direct=False) and all(not h["quote"].direct
                                                           for h in store.quotes("Smith", direct=False))
        assert {h["quote"].speaker.name for h in store.quotes(code="NATO")} >= {"NATO diplomats"}
    result = CliRunner().invoke(cli, ["quotes", "--db", str(db), "Peskov", "--direct"])
    assert result.exit_code == 0, result.output
    assert "Dmitry Peskov (Kremlin spokesman, RUS)" in result.output and "“" in result.output
    result = CliRunner().invoke(cli, ["quotes", "--db", str(db), "--code", "RUS", "--format", "json"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and all(r["quote"]["speaker"]["code"] == "RUS" for r in rows)
    assert all(r["quote"]["kind"] == "quote" for r in rows)


# -- gold set --------------------------------------------------------------------------


# Floors pinned below the values measured on 2026-11-29 (README, "Quotes");
# a score may rise, lowering a floor needs a reason in the commit.
# gold.jsonl is the development set (14 articles, 141 direct and 63 reported
# quotes) the rules were written against; heldout.jsonl (8 articles, 78 and
# 37) was written later by another session and first scored blind (speaker
# 0.851 then; 0.912 after the fixes its errors showed), so it is the fairer
# guide to new text.
FLOORS = {
    "gold.jsonl": {"direct": 0.97, "reported": 0.94, "speaker": 0.93, "scare": 1},
    "heldout.jsonl": {"direct": 0.96, "reported": 0.95, "speaker": 0.88, "scare": 2},
}
# The attribution sets (issue 17; attribution/README.md, README_b.md), written
# and annotated blind to the rules, every attribution kind. articles.jsonl
# (23 articles, 344 attributions) is the development set: first run all F1
# 0.670, speaker 0.692; after issue 17's rules 0.934 / 0.975 (direct-quote
# speaker 0.979). articles_b.jsonl (20 articles, 402) was held apart: first
# run 0.711 / 0.609; after the first round of rules 0.898 / 0.756; at the end
# of the first sessions 0.922 / 0.801 (direct-quote speaker 0.822),
# its misses never read. Then its misses were read (it became a development
# set; articles_c.jsonl is the held-out set): speaker 0.890, direct-quote
# speaker 0.921. articles_c.jsonl (24 articles, 448 attributions, 10 of them
# ordinary news, many organisation and country sources) is held apart: first
# run all F1 0.892, speaker 0.796, direct-quote speaker 0.885; after the
# rounds made from set B (C's misses unread) 0.914 / 0.820 / 0.885. The scorer
# then took an organisation's name for the acronym the guidelines code it by
# (C speaker 0.835 -> 0.892 with the same records); brief e17's rules for
# ordinary news (organisations, described people, titles; C unread) brought
# C to 0.916 / 0.895 / 0.892 and B's speaker to 0.899.
# articles_d.jsonl (24 articles, 463 attributions, 10 of them ordinary news,
# 76 organisation and 96 country sources), written blind on 2026-12-06: first
# run (code of bba9c26, the old scorer) all F1 0.922, speaker 0.790,
# direct-quote speaker 0.804, organisation sources 0.457; its misses were
# read after that run. Brief f17 (pronouns that skip a mere mention,
# unnamed individuals as sources, datelines) brought its speaker to 0.879,
# direct-quote speaker 0.920. Brief g17 (sources that are not named people:
# organisations in apposition, national bodies, groups' codes, "called for
# X"; C unread) brought B to all F1 0.956, speaker 0.913, direct-quote
# speaker 0.933 and D to 0.932 / 0.926 / 0.949 (C: 0.921 / 0.899 / 0.892).
# articles_e.jsonl (24 articles, 397 attributions, 10 of them ordinary news,
# 65 organisation and 67 country sources, mostly Africa, Latin America, Asia
# and the Gulf), written blind on 2026-12-07: first run (code of dc1902a) all
# F1 0.944, speaker 0.825, direct-quote speaker 0.812; with brief g17's rules
# (written without it) 0.946 / 0.826 / 0.812. Its misses were read after that:
# a role description named just after ("the union's president said. … Fran
# Drescher, …, had led the talks") brought it to 0.946 / 0.837 / 0.844.
# Brief h17 (a role description named later by title or as the next new
# subject, sports bodies named after a country, names that lost or gained a
# word, two people sharing a surname, descriptions that point back to a mere
# object; C unread) brought E to 0.946 / 0.916 / 0.938 and D to 0.932 /
# 0.931 / 0.949 (C: 0.921 / 0.901 / 0.892; A and B unchanged but for B's
# speaker 0.913 -> 0.916).
# articles_f.jsonl (24 articles, 408 attributions, 10 of them ordinary news,
# 84 organisation and 72 country sources, events of 1997-2019 mostly in
# Africa, Latin America, South and Southeast Asia and the Gulf), written blind
# on 2026-12-07: first run (code of e3372b4) all F1 0.939, speaker 0.853,
# direct-quote speaker 0.843, act 0.939; held apart since (aggregates only).
# Brief q32q (organisations spaCy takes for people and the descriptions that
# point back to them, possessives inside names, foundations named after a
# person, officials of the country a story is told from or of a group named
# before; C and F unread) brought speaker to A 0.991, B 0.926 (direct 0.945),
# D 0.936, E 0.938 (C 0.906 -> 0.908, F unchanged at 0.853).
# Floors pinned below; lowering one needs a reason in the commit.
ATTRIBUTION_FLOORS = {
    "articles.jsonl": {"all": 0.92, "direct": 0.95, "mixed": 0.92, "speaker": 0.98, "speaker_direct": 0.95,
                       "act": 0.85},
    "articles_b.jsonl": {"all": 0.94, "direct": 0.95, "mixed": 0.90, "speaker": 0.92, "speaker_direct": 0.94,
                         "act": 0.80},
    "articles_c.jsonl": {"all": 0.90, "direct": 0.94, "mixed": 0.89, "speaker": 0.87, "speaker_direct": 0.87,
                         "act": 0.82},
    "articles_d.jsonl": {"all": 0.92, "direct": 0.92, "mixed": 0.88, "speaker": 0.93, "speaker_direct": 0.93,
                         "act": 0.88},
    "articles_e.jsonl": {"all": 0.93, "direct": 0.96, "mixed": 0.90, "speaker": 0.93, "speaker_direct": 0.92,
                         "act": 0.87},
    "articles_f.jsonl": {"all": 0.92, "direct": 0.95, "mixed": 0.90, "speaker": 0.83, "speaker_direct": 0.82,
                         "act": 0.92},
}


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(ATTRIBUTION_FLOORS))
def test_quotes_attribution_set_floor(settings: Settings, name: str) -> None:
    scores = score_quotes(FIXTURES / "quotes" / "attribution" / name, settings).summary()
    floor = ATTRIBUTION_FLOORS[name]
    assert scores["all"]["gold"] >= 300 and scores["mixed"]["gold"] >= 70, scores["all"]
    for kind in ("all", "direct", "mixed"):
        assert scores[kind]["f1"] >= floor[kind], (kind, scores[kind])
    assert scores["speaker"] >= floor["speaker"] and scores["speaker_direct"] >= floor["speaker_direct"], scores
    assert scores["act"] >= floor["act"], scores


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quotes_gold_set_floor(settings: Settings, name: str) -> None:
    """Hand-annotated news articles with varied quote layouts, written and
    annotated without looking at the implementation (tests/fixtures/quotes)."""
    scores = score_quotes(FIXTURES / "quotes" / name, settings).summary()
    floor = FLOORS[name]
    assert scores["direct"]["gold"] >= 70 and scores["reported"]["gold"] >= 30
    assert scores["direct"]["f1"] >= floor["direct"], scores
    assert scores["reported"]["f1"] >= floor["reported"], scores
    assert scores["speaker"] >= floor["speaker"], scores
    assert int(scores["scare_as_quote"].split("/")[0]) <= floor["scare"], scores


@pytest.mark.model
def test_quotes_beat_textacy_baseline(settings: Settings) -> None:
    """textacy's direct_quotations over the same texts with the same scorer."""
    pytest.importorskip("textacy")
    ours = score_quotes(GOLD, settings).summary()
    theirs = score_textacy(GOLD, settings).summary()
    assert ours["direct"]["f1"] > theirs["direct"]["f1"], (ours["direct"], theirs["direct"])
    # Even counting a bare surname as right for textacy (which resolves no
    # pronoun and no name), detente attributes more direct quotes correctly.
    assert ours["speaker_direct"] > theirs["speaker_lenient"], (ours["speaker_direct"], theirs)


# -- attribution kinds without a verb of their own (issue 17) ------------------


@pytest.mark.model
def test_quotes_transcript_turns_without_marks(settings: Settings) -> None:
    """A paragraph that opens with a speaker label holds that speaker's
    words; a stage direction splits a turn and is nobody's words; "Q:" is an
    unnamed reporter; a verb inside a turn reports nothing of its own."""
    text = ("DENVER (AP) - President Barack Obama and Mitt Romney clashed over taxes on Wednesday. "
            "An excerpt of the debate follows.\n\n"
            "OBAMA: Governor Romney wants to cut taxes for the wealthy. (CROSSTALK) That is not a plan.\n\n"
            "ROMNEY: I think the president is wrong about my plan.\n\n"
            "Q: Will either of you raise the retirement age?\n\n"
            "OBAMA: No.")
    _, quotes = quotes_of(text, settings)
    assert [(q.text, who(q), q.direct, q.attribution) for q in quotes] == [
        ("Governor Romney wants to cut taxes for the wealthy.", "Barack Obama", True, "label"),
        ("That is not a plan.", "Barack Obama", True, "label"),
        ("I think the president is wrong about my plan.", "Mitt Romney", True, "label"),
        ("Will either of you raise the retirement age?", "a reporter", True, "label"),
        ("No.", "Barack Obama", True, "label"),
    ]
    assert all(q.act == "say" and q.cue is None for q in quotes)
    assert "CROSSTALK" not in "".join(q.text for q in quotes)


@pytest.mark.model
def test_quotes_one_label_is_no_transcript(settings: Settings) -> None:
    """A single capitalised label ("UPDATE:") is a heading, not a turn."""
    _, quotes = quotes_of("UPDATE: The vote has been moved to Thursday.\n\nLawmakers left the capital.", settings)
    assert quotes == []


@pytest.mark.model
def test_quotes_headline_attribution(settings: Settings) -> None:
    """"X says Y" on a short first line with no period is a reported
    attribution; a first line without a reporting verb is not."""
    text = ("Merkel says Europe must take its fate into its own hands\n\n"
            "BERLIN - German Chancellor Angela Merkel spoke at a beer tent rally in Munich on Sunday.")
    _, quotes = quotes_of(text, settings)
    q = find(quotes, "Europe must")
    assert (q.text, who(q), q.direct, q.cue, q.act) == (
        "Europe must take its fate into its own hands", "Angela Merkel", False, "says", "say")
    _, quotes = quotes_of("Storm hits the coast overnight\n\nRain fell across the region on Sunday.", settings)
    assert quotes == []


@pytest.mark.model
def test_quotes_indirect_questions(settings: Settings) -> None:
    """"asked whether/why …" reports the question; a passive or participial
    "asked" with no asker named has no speaker (the text gives none)."""
    text = ("Senator Elizabeth Warren asked why the bank had not disclosed the losses. "
            "Jamie Dimon was asked whether he would resign. He did not answer.")
    _, quotes = quotes_of(text, settings)
    why = find(quotes, "why the bank")
    assert (why.text, who(why), why.direct, why.act) == (
        "why the bank had not disclosed the losses", "Elizabeth Warren", False, "say")
    whether = find(quotes, "whether he would")
    assert (whether.text, whether.speaker) == ("whether he would resign", None)
    # "asked for calm" and "asked him to stay" are no questions.
    _, quotes = quotes_of("The mayor asked for calm after the verdict was read.", settings)
    assert quotes == []


@pytest.mark.model
def test_quotes_requests_with_an_object(settings: Settings) -> None:
    """"urged X to …", "called on X to …" report the requested act with its
    object; after "told", the addressee is part of the cue; a request
    reported inside another cue's clause is that cue's."""
    text = ("Governor Andrew Cuomo closed the schools and urged residents to avoid all travel. "
            "Mayor Bill de Blasio called on landlords to freeze rents. "
            "Police Commissioner Dermot Shea told the crowd to leave the square.")
    _, quotes = quotes_of(text, settings)
    assert [(q.text, who(q), q.direct, q.act) for q in quotes] == [
        ("residents to avoid all travel", "Andrew Cuomo", False, "say"),
        ("landlords to freeze rents", "Bill de Blasio", False, "say"),
        ("to leave the square", "Dermot Shea", False, "say"),
    ]
    _, quotes = quotes_of("The Kremlin said Putin had urged Kyiv to talk to the rebels.", settings)
    assert [q.text for q in quotes] == ["Putin had urged Kyiv to talk to the rebels"]


def test_quotes_noun_cues_with_a_possessor(settings: Settings) -> None:
    """"X's claim that …", "his promise that …", "In her view, …" report
    their clause for the possessor; "insurance claims" and an owner-less
    "the claim that …" report nothing."""
    _, quotes = quotes_of(
        "The Kremlin’s claim that the drones had come from Ukraine was disputed on Monday. "
        "Insurance claims rose sharply after the storm.\n\n"
        "Angela Rayner, the deputy leader, spoke to supporters in Leeds. In her view, the party "
        "had “lost its nerve” on housing.\n\n"
        "Nobody has checked the claim that the bridge was closed.", settings)
    claim = find(quotes, "the drones had come from Ukraine")
    assert claim.text == "the drones had come from Ukraine" and claim.direct is False
    assert (claim.cue, claim.act) == ("claim", "claim")
    assert claim.speaker is not None and claim.speaker.code == "RUS"
    view = find(quotes, "lost its nerve")
    assert view.text == "the party had “lost its nerve” on housing" and view.direct == "mixed"
    assert (view.cue, view.act, who(view)) == ("view", "belief", "Angela Rayner")
    assert not [q for q in quotes if "rose sharply" in q.text or "bridge" in q.text]


def test_quotes_findings_with_an_object_complement(settings: Settings) -> None:
    """A poll that "showed her leading", "put Labour ahead", "found voters
    split, with …": the whole complement is the document's."""
    _, quotes = quotes_of(
        "A Savanta poll for the Telegraph put the Conservatives 12 points behind, the worst "
        "showing since 1997.\n\n"
        "A Marist poll released Friday showed voters deeply divided, with 48 percent backing "
        "the bill.\n\n"
        "The chaos had put the city on edge.", settings)
    put = find(quotes, "Conservatives")
    assert put.text == "the Conservatives 12 points behind, the worst showing since 1997"
    assert (put.cue, put.act, put.direct) == ("put", "document", False)
    assert put.speaker is not None and put.speaker.type == "document"
    showed = find(quotes, "divided")
    assert showed.text == "voters deeply divided, with 48 percent backing the bill"
    assert not [q for q in quotes if "city" in q.text]


def test_quotes_speech_verbs_with_a_noun_phrase_object(settings: Settings) -> None:
    """"blamed the opposition's tactics" is a claim with its object as the
    content; "blamed him" and "did not blame …" report nothing."""
    _, quotes = quotes_of(
        "Senator Maria Cantwell blamed the airlines’ staffing cuts. Her aides blamed him. "
        "The minister did not blame the unions’ leaders.", settings)
    blamed = find(quotes, "staffing cuts")
    assert blamed.text == "the airlines’ staffing cuts" and blamed.direct is False
    assert (blamed.cue, blamed.act, who(blamed)) == ("blamed", "claim", "Maria Cantwell")
    assert len(quotes) == 1


def test_quotes_finding_in_an_adverbial_clause_is_its_own(settings: Settings) -> None:
    """"X told reporters that …, though a poll found that …": the poll's
    finding is an attribution of its own, not part of what X said."""
    _, quotes = quotes_of(
        "Trump told reporters that the moderator had been unfair to him, though a CNN poll "
        "found that 60 percent of viewers thought Biden had won.", settings)
    poll = find(quotes, "60 percent of viewers")
    assert poll.text == "60 percent of viewers thought Biden had won"
    assert (poll.cue, poll.act) == ("found", "document")


def test_scorer_takes_the_fuller_name() -> None:
    """A speaker named with a middle name the gold leaves out is the same
    person; another person with the same surname is not."""
    assert same_person("Mohammed Hosni Mubarak", "Hosni Mubarak")
    assert same_person("Joseph R. Biden", "Joseph Biden")
    assert not same_person("Gamal Mubarak", "Hosni Mubarak")
    assert not same_person("Mubarak", "Hosni Mubarak")
