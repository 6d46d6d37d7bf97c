"""Stage: claims — numbers stated in an article, as claims someone makes.

Reads: ``doc``, the ``actor`` and ``quote`` records and ``times`` (so that
dates are not counted). Adds: ``claim`` records: ``quantity``,
``approximate``, ``unit``, ``claimant`` (who states or estimates the
number) and ``subject`` (whose it is).

**Which numbers.** spaCy's CARDINAL, QUANTITY, MONEY and PERCENT entities,
and vague counts ("thousands of troops", "tens of thousands of people",
"dozens of"), with the noun they count as the unit ("troops",
"ambassadors", "hours"); money takes its currency (``USD``) and percentages
``percent``. A number that counts nothing (no noun, no currency) is left
out: it cannot be read as a claim. Numbers inside dates and names are not
claims.

**Approximate** when a hedge comes before the number ("about", "around",
"roughly", "some", "nearly", "up to", "more than", "an estimated", …) or
the count is vague ("thousands of": the quantity is its lower bound).

**Claimant**: the speaker of the quote or reported speech that holds the
number ("NATO estimates Russia has massed about 100,000 troops" → NATO;
"according to X" works the same way), else ``null``: the outlet itself.

**Subject**: whose the counted things are: a country or organisation that
modifies the unit ("Russian troops"), else the subject of the clause that
has the number as its object ("Russia has massed … troops" → RUS), else
the agent of a passive; ``null`` when the text does not say.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..article import Article
from ..kb import KnowledgeBase, load_kb
from ..kb.roles import words
from ..nlp import actor_tokens, stored, text_of
from ..records import ActorRecord, ClaimRecord, Party, QuoteRecord, TimeRecord
from ..settings import Settings

NAME = "claims.v1"

HEDGES = words("""about around roughly some nearly almost approximately estimated over more less
    fewer than up to least as many much close upwards circa approx. ~ an""")
# Multi-word hedges, lower case.
HEDGE_PHRASES = ("more than", "less than", "fewer than", "up to", "at least", "as many as", "close to",
                 "an estimated", "some", "about", "around", "roughly", "nearly", "almost",
                 "approximately", "over", "upwards of", "at most", "no more than")
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
         "billions": 1_000_000_000, "tens of thousands": 10_000, "hundreds of thousands": 100_000}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "m": 1_000_000,
          "k": 1000}
WORD_NUMBERS = {w: n for n, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1000, "half a million": 500_000}
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollars": "USD", "dollar": "USD",
              "euros": "EUR", "euro": "EUR", "pounds": "GBP", "yuan": "CNY", "roubles": "RUB",
              "rubles": "RUB", "hryvnia": "UAH", "yen": "JPY", "rupees": "INR"}
_DURATION = r"^(about |around |roughly |some |nearly |almost |more than |over |up to |at least )?" \
    r"(\d[\d,.]*|[a-z]+)\s+(minutes|hours|days|weeks|months|years|decades)$"
_VAGUE = re.compile(r"\b(tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions|"
                    r"billions)\s+of\b", re.IGNORECASE)


class Claims:
    name = NAME
    requires = frozenset({"doc", "actors", "quotes", "times"})
    provides = frozenset({"claims"})

    def __init__(self, settings: Settings) -> None:
        self.kb = load_kb(settings.kb)

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if article.doc is None:
                continue
            article.records.extend(find_claims(article, self.kb))


def find_claims(article: Article, kb: KnowledgeBase) -> list[ClaimRecord]:
    doc = article.doc
    assert doc is not None
    actors = [r for r in article.records if isinstance(r, ActorRecord)]
    quotes = [r for r in article.records if isinstance(r, QuoteRecord)]
    times = [r for r in article.records if isinstance(r, TimeRecord)]
    actor_at = actor_tokens(doc, actors)
    out: list[ClaimRecord] = []
    seen: set[int] = set()
    for span, quantity, vague in _numbers(doc):
        if any(t.start < span.end_char and span.start_char < t.end for t in times):
            continue
        unit, head = _unit(span)
        if unit is None or span.start in seen:
            continue
        seen.add(span.start)
        hedge = _hedge(doc, span)
        start = hedge.start if hedge is not None else span.start
        end = max(span.end, head.i + 1) if head is not None and head.i >= span.start else span.end
        text_span = doc[start:end]
        out.append(ClaimRecord(
            article_id=article.id, text=stored(text_span), start=text_span.start_char, end=text_span.end_char,
            quantity=quantity, approximate=vague or hedge is not None, unit=unit,
            claimant=_claimant(span, quotes), subject=_subject(span, head, actor_at, kb),
            stage=NAME,
        ))
    return out


def _numbers(doc: Doc) -> list[tuple[SpacySpan, float | None, bool]]:
    """(span, quantity, vague) for each number entity and vague count."""
    out = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and re.search(_DURATION, ent.text.lower()):
            pass  # "roughly eight hours" of talks: a duration is a count too
        elif ent.label_ not in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            continue
        quantity = parse_quantity(ent.text)
        if quantity is None:
            continue
        # A number that is part of a name or an ordinal ("G7", "No 10") is not a count.
        out.append((ent, quantity, False))
    for m in _VAGUE.finditer(text_of(doc)):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is not None and not any(s.start <= span.start < s.end for s, _, _ in out):
            out.append((span, float(VAGUE[m.group(1).lower()]), True))
    return sorted(out, key=lambda x: x[0].start)


def parse_quantity(text: str) -> float | None:
    """"100,000" → 100000; "2 billion" → 2e9; "$1.5bn" → 1.5e9; "thirty" → 30;
    "50%" → 50; None when the text holds no number."""
    low = text.lower().replace(",", "").replace("\u00a0", " ")
    low = re.sub(r"^(about|around|roughly|some|nearly|almost|approximately|more than|over|up to|at least|"
                 r"less than|fewer than|an estimated|as many as)\s+", "", low)
    for phrase in sorted(WORD_NUMBERS, key=len, reverse=True):
        if re.fullmatch(rf"{phrase}(\s+\w+)?", low) and not re.search(r"\d", low):
            scale = low[len(phrase):].strip()
            return float(WORD_NUMBERS[phrase] * SCALES.get(scale, 1))
    m = re.search(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|trillion|mln|bn|m|k)?\b", low)
    if not m:
        return None
    value = float(m.group(1))
    if m.group(2):
        value *= SCALES[m.group(2)]
    return value


def _unit(span: SpacySpan) -> tuple[str | None, Token | None]:
    """The unit and the noun that carries it."""
    low = span.text.lower()
    if span.label_ in ("DATE", "TIME"):
        return span[-1].lower_, span[-1]  # "eight hours"
    if span.label_ == "PERCENT" or "%" in low or "percent" in low or "per cent" in low:
        return "percent", None
    if span.label_ == "MONEY" or any(sym in span.text for sym in "$€£¥"):
        for sym, code in CURRENCIES.items():
            if sym in low:
                return code, None
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_ in CURRENCIES:
            return CURRENCIES[after.lower_], after
        return None, None
    if span.label_ == "QUANTITY":
        return span[-1].lower_, None  # "500 kilometres", "2,000 tonnes"
    # The noun the number counts: its head ("100,000 troops"), or the noun
    # after "of" ("thousands of troops").
    root = span.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod") and head.pos_ in ("NOUN", "PROPN") \
            and head.i >= span.end:
        return head.text.lower(), head
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ == "of" and span.end + 1 < len(span.doc):
        noun = span.doc[span.end + 1]
        for child in list(after.children):
            if child.dep_ == "pobj":
                noun = child
        if noun.pos_ in ("NOUN", "PROPN"):
            return noun.text.lower(), noun
    return None, None


def _hedge(doc: Doc, span: SpacySpan) -> SpacySpan | None:
    text = text_of(doc)[max(span.start_char - 25, 0):span.start_char].lower()
    for phrase in HEDGE_PHRASES:
        if re.search(rf"\b{re.escape(phrase)}\s+$", text):
            start = span.start_char - len(re.search(rf"{re.escape(phrase)}\s+$", text).group())  # type: ignore[union-attr]
            found = doc.char_span(start, span.start_char, alignment_mode="expand")
            if found is not None and found.text.split()[0].lower() in HEDGES | {"as", "at", "up", "no",
                                                                                 "close", "upwards"}:
                return found
    inside = span.text.lower()
    for phrase in HEDGE_PHRASES:
        if inside.startswith(phrase + " "):
            return span[:len(phrase.split())]  # spaCy took the hedge into the number
    return None


def _claimant(span: SpacySpan, quotes: list[QuoteRecord]) -> Party | None:
    holding = [q for q in quotes if q.start <= span.start_char and span.end_char <= q.end and q.speaker]
    if not holding:
        return None
    speaker = min(holding, key=lambda q: q.end - q.start).speaker
    assert speaker is not None
    return Party(name=speaker.name, code=speaker.code)


def _subject(span: SpacySpan, head: Token | None, actor_at: dict[int, ActorRecord],
             kb: KnowledgeBase) -> Party | None:
    noun = head if head is not None else span.root
    # "Russian troops", "Russia's troops", "NATO's forces"
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i not in range(span.start, span.end):
            party = _party(child, actor_at, kb)
            if party is not None:
                return party
    # The clause: "Russia has massed … troops" (object), "… troops were deployed
    # by Russia"; for "thousands of troops" the clause holds "thousands".
    token = span.root if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    for _ in range(4):
        if token.dep_ in ("dobj", "attr", "pobj", "conj", "appos", "npadvmod") and token.head != token:
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                break
        else:
            break
    if token.pos_ in ("VERB", "AUX"):
        for child in token.children:
            if child.dep_ in ("nsubj",) and child.i not in range(span.start, span.end):
                party = _party(child, actor_at, kb)
                if party is not None:
                    return party
            if child.dep_ == "agent":
                for g in child.children:
                    party = _party(g, actor_at, kb)
                    if party is not None:
                        return party
    return None


def _party(token: Token, actor_at: dict[int, ActorRecord], kb: KnowledgeBase) -> Party | None:
    for t in (token, *token.children):
        actor = actor_at.get(t.i)
        if actor is not None and actor.code:
            name = actor.name
            if actor.type == "group":
                name = kb.country_name(actor.code) or actor.name
            return Party(name=name, code=actor.code)
    found = kb.match([token.text], [token.lower_])
    for m in found:
        for target in m.targets:
            if target.entry.type != "person" and target.entry.code:
                return Party(name=kb.country_name(target.entry.code) or target.entry.name, code=target.entry.code)
    return None


__all__ = ["NAME", "Claims", "find_claims", "parse_quantity"]
