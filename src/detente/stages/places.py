"""Stage: places — the toponyms of an article, geocoded offline.

Reads: ``doc`` (entities, parse) and the ``actor`` records. Adds: ``place``
records with ``latitude``/``longitude``, ``geonameid``, ISO alpha-3
``country``, ``feature`` (``city``, ``country``, ``state``, ``region``) and
a ``confidence``.

**Which names.** Every toponym: spaCy's GPE, LOC and FAC entities, and the
gazetteer's country, state and region names and located city names the
model missed or took for people ("Mali", "Kyiv"). A toponym that stands for
a government ("Moscow said") is still a place name; whether it is where
something happened is the events stage's question ("talks in Geneva"). A
name inside a longer name ("Israel Katz", "the Washington Post", "the
Minsk Protocol") and a person the actors stage found are not places.

**Which place** (``detente.kb.gazetteer`` lists the candidates), by score:

- prominence: log10 of the population; a country or region outranks a town
  of its name, a city outranks a US state of its name ("Washington", "New
  York"), a national capital and the place's own name (not an alternate
  name) gain;
- "City, Country" and "City, State" ("Paris, Texas", "Athens, Georgia",
  "London, Ontario"): the pair that agrees wins outright;
- the article's countries: weakly those of its actors and country names;
  more those of places that are clear without context; a US city's own
  state named in the article settles it.

A country-level place is shown at its **capital** (see the gazetteer). The
confidence is the winner's margin over the runner-up, squashed to 0.5–0.99;
a name with one candidate gets 0.9.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..article import Article
from ..kb.gazetteer import Gazetteer, Place, gazetteer, key
from ..kb.roles import words
from ..nlp import actor_tokens, stored, text_of
from ..records import ActorRecord, PlaceRecord
from ..settings import Settings

NAME = "places.v1"

# Scores (added to log10 population, about 4–7 for cities). Calibrated on
# tests/fixtures/places/ambiguous.jsonl (122 snippets, 2026-11-29): a
# country mentioned in the article must outweigh a 100-fold population gap
# ("Tripoli" in an article about Lebanon), and a "City, State" pattern must
# settle the matter whatever the populations.
# A state is an area: when news says "Washington" or "New York" on its own,
# it means the city more often than the state of that name.
FEATURE_BONUS = {"country": 4.0, "region": 3.5, "state": -1.0, "city": 0.0}
CAPITAL_BONUS = 1.0
# The name as the place's own name, not one of its alternate names
# ("Bethlehem" is the West Bank town before it is an old name of Belém).
NAME_BONUS = 0.75
# A country the article's actors or country names mention is weak evidence:
# most international news mentions the United States, and that must not
# move Geneva to Illinois. A city or state named unambiguously is stronger,
# and the city's own state named in the article is stronger still.
CONTEXT_BONUS = 0.75
PLACE_CONTEXT_BONUS = 1.5
STATE_BONUS = 4.0
PATTERN_BONUS = 20.0
# A name whose most prominent reading leads the next by this much is clear
# without context, and lends its country to the others.
CLEAR_MARGIN = 2.0
# spaCy's labels for toponyms.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A capitalised noun after the name that makes it part of a title ("the
# Paris Agreement", "the Minsk Protocol", "the Washington Post").
NON_PLACE_HEADS = words("""agreement accord accords club convention treaty protocol format summit
    process declaration times post journal herald""")


class Places:
    name = NAME
    requires = frozenset({"doc", "actors"})
    provides = frozenset({"places"})

    def __init__(self, settings: Settings) -> None:
        self.gazetteer = gazetteer()

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if article.doc is None:
                continue
            actors = [r for r in article.records if isinstance(r, ActorRecord)]
            for record in find_places(article.doc, actors, self.gazetteer):
                record.article_id = article.id
                article.records.append(record)


def _mentions(doc: Doc, people: set[int], gaz: Gazetteer) -> list[SpacySpan]:
    spans: list[SpacySpan] = []
    ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    taken = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start = ent.start + (doc[ent.start].lower_ == "the")
        end = ent.end
        while end > start and doc[end - 1].lower_ in ("'s", "’s"):
            end -= 1
        if end <= start:
            continue
        if end < len(doc) and doc[end].lower_ in NON_PLACE_HEADS and doc[end].text[:1].isupper():
            continue
        spans.append(doc[start:end])
        for i in range(start, end):
            taken[i] = True
    # Names the model missed or mislabelled ("Mali" as PERSON, "Kyiv" as
    # nothing): countries, states and regions anywhere; cities after a
    # locative word or in a list of places. A name inside a longer entity
    # ("Israel Katz", "the Washington Post") or a person the actors stage
    # found is not a place.
    for n, token in enumerate(doc):
        if taken[n] or not token.text[:1].isupper() or n in people:
            continue
        for size in (4, 3, 2, 1):
            span = doc[n:n + size]
            if len(span) < size or any(taken[i] or i in people for i in range(span.start, span.end)):
                continue
            if span[-1].is_punct or not _own_entity(span, ent_of):
                continue
            found = gaz.lookup(span.text)
            if any(p.feature in ("country", "state", "region") for p in found) or (
                    found and _located(doc, span)):
                spans.append(span)
                for i in range(span.start, span.end):
                    taken[i] = True
                break
    return sorted(spans, key=lambda s: s.start)


LOCATIVE = words("""in at near from to into outside inside via through across toward towards around and
    or central northern southern eastern western downtown""")


def _own_entity(span: SpacySpan, ent_of: dict[int, SpacySpan]) -> bool:
    """The span is not part of a longer named entity of another kind."""
    for token in span:
        if not token.ent_type_ or token.ent_type_ in PLACE_LABELS:
            continue
        if token.ent_type_ == "NORP":
            return False
        ent = ent_of.get(token.i)
        if ent is not None and (ent.start < span.start or ent.end > span.end):
            return False
    return True


def _located(doc: Doc, span: SpacySpan) -> bool:
    """A city name used as a place: after a locative word, or in a list."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None:
        return False
    if before.lower_ in LOCATIVE:
        return True
    return before.text == "," and span.start > 1 and doc[span.start - 2].ent_type_ in PLACE_LABELS


def find_places(doc: Doc, actors: list[ActorRecord], gaz: Gazetteer) -> list[PlaceRecord]:
    """The geocoded toponyms of ``doc`` (see the module doc)."""
    people = set(actor_tokens(doc, [a for a in actors if a.type == "person"]))
    spans = _mentions(doc, people, gaz)
    candidates = [(span, gaz.lookup(span.text)) for span in spans]
    candidates = [(span, found) for span, found in candidates if found]
    # The article's countries: its actors' codes and its country names
    # (weak); the countries and US states of the places it names that are
    # clear without context: one candidate, or a winner by CLEAR_MARGIN on
    # prominence alone ("Madrid", "Atlanta") (strong).
    context: set[str | None] = {a.code for a in actors if a.code and len(a.code) == 3}
    strong: set[str | None] = set()
    states: set[str | None] = set()
    patterns = [_pattern(doc, span, gaz) for span, _ in candidates]
    for (span, found), pattern in zip(candidates, patterns, strict=True):
        prior = sorted(((_score(p, set(), set(), set(), pattern, span.text), p) for p in found),
                       key=lambda x: -x[0])
        best = prior[0][1]
        if best.feature == "country":
            context.add(best.country)
        elif len(prior) == 1 or prior[0][0] - prior[1][0] >= CLEAR_MARGIN:
            strong.add(best.country)
            if best.country == "USA":
                states.add(best.admin1)
    chosen = _pairs(doc, candidates, context, strong, states, patterns)
    out = []
    for n, (span, found) in enumerate(candidates):
        scored = sorted(((_score(p, context, strong, states, patterns[n], span.text), p) for p in found),
                        key=lambda x: -x[0])
        best_score, best = scored[0]
        if n in chosen:
            best = chosen[n]
        if len(scored) == 1:
            confidence = 0.9
        else:
            runner = max(score for score, p in scored if p is not best)
            margin = max(best_score - runner, 0.0) if n not in chosen else PATTERN_BONUS
            confidence = round(min(0.99, 0.5 + 0.49 * (1 - math.exp(-margin))), 2)
        out.append(PlaceRecord(
            article_id="", text=stored(span), start=span.start_char, end=span.end_char, name=best.name,
            geonameid=best.geonameid, country=best.country, latitude=best.latitude,
            longitude=best.longitude, feature=best.feature, confidence=confidence, stage=NAME,
        ))
    return out


def _pairs(doc: Doc, candidates: list[tuple[SpacySpan, list[Place]]], context: set[str | None],
           strong: set[str | None], states: set[str | None], patterns: list[set[str]]) -> dict[int, Place]:
    """"Athens, Georgia", "London, Ontario", "Toledo, Spain": two names joined
    by a comma are read together, the pair that agrees (same country; same
    US state) winning."""
    chosen: dict[int, Place] = {}
    for n in range(len(candidates) - 1):
        (a, found_a), (b, found_b) = candidates[n], candidates[n + 1]
        if text_of(doc)[a.end_char:b.start_char].strip() != "," or b.start_char - a.end_char > 3:
            continue
        best: tuple[float, Place, Place] | None = None
        for pa in found_a:
            for pb in found_b:
                if pa.feature == "city" and pb.feature in ("country", "state") and pa.country == pb.country and (
                        pa.country != "USA" or pb.feature == "country" or pa.admin1 == pb.admin1):
                    total = (_score(pa, context, strong, states, patterns[n], a.text)
                             + _score(pb, context, strong, states, set(), b.text))
                    if best is None or total > best[0]:
                        best = (total, pa, pb)
        if best is not None:
            chosen[n], chosen[n + 1] = best[1], best[2]
    return chosen


def _pattern(doc: Doc, span: SpacySpan, gaz: Gazetteer) -> set[str]:
    """Countries (alpha-3) and US states (codes) named right after ", " in
    "Paris, Texas", "Vienna, Virginia", "Valencia, Venezuela"."""
    m = re.match(r",\s+((?:[A-Z][\w.]+\s?){1,3})", text_of(doc)[span.end_char:span.end_char + 40])
    if not m:
        return set()
    out = set()
    name = m.group(1).strip()
    for size in range(len(name.split()), 0, -1):
        part = " ".join(name.split()[:size])
        for p in gaz.lookup(part):
            if p.feature == "country" and p.country:
                out.add(p.country)
            elif p.feature == "state" and p.admin1:
                out.add("US-" + p.admin1)
        if out:
            break
    return out


def _score(place: Place, context: set[str | None], strong: set[str | None], states: set[str | None],
           pattern: set[str], name: str) -> float:
    score = place.weight + FEATURE_BONUS[place.feature] + NAME_BONUS * (key(place.name) == key(name))
    if place.capital:
        score += CAPITAL_BONUS
    if pattern and (place.country in pattern or f"US-{place.admin1}" in pattern):
        score += PATTERN_BONUS
    if place.feature in ("city", "state"):
        score += CONTEXT_BONUS * (place.country in context) + PLACE_CONTEXT_BONUS * (place.country in strong)
    if place.country == "USA" and place.feature in ("city", "state") and place.admin1 in states:
        score += STATE_BONUS  # "Atlanta" makes "Georgia" the state
    if place.feature == "region" and place.members and context & set(place.members):
        score += CONTEXT_BONUS / 2
    return score


__all__ = ["NAME", "Places", "find_places"]
