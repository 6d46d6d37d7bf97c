"""Stage: places — every toponym mention of an article, geocoded offline,
with how the text uses it.

Reads: ``doc`` (entities, parse) and the ``actor`` records. Adds: ``place``
records with ``latitude``/``longitude``, ``geonameid``, ISO alpha-3
``country``, ``feature`` (``city``, ``country``, ``state``, ``region``,
``continent``, ``county``), a ``confidence`` and a ``usage``.

**Which mentions.** Every toponym, as geoparsing standards count them:

- spaCy's GPE, LOC and FAC entities;
- gazetteer names the model missed or labelled ORG, PERSON or NORP
  ("Canada" as ORG, "Aleppo" as NORP, "Kyiv" as nothing): country, state,
  region and continent names anywhere; a city name after a locative word,
  in a list of places, or, for a city of at least ``BIG_CITY`` people, as a
  proper noun of its own ("Edmonton approved the budget");
- the dateline's city ("GAINESVILLE, Fla. —");
- demonyms and adjectives ("Russian", "Canadians", "European"): places of
  their country (``countries.tsv``'s ``adjectives`` and ``people``) or
  region (``REGION_ADJECTIVES``), always ``modifier``.

A person whose name holds a place name ("Israel Katz", "Jordan Henderson",
"Paris Hilton") is no toponym: a PERSON entity, a person the actors stage
found, or a place name compounded with a following capitalised word that
names nothing ("Paris Hilton" as ORG).

**Usage** (``usage``), per mention, from the parse:

- ``embedded``: inside a longer name of something else (an ORG,
  WORK_OF_ART, EVENT, LAW or PRODUCT entity, "the Washington Post", "the
  Paris Agreement", "University of Texas"); dropped unless
  ``places_embedded``. A name that opens the name of a state body ("the
  US Army", "the Russian Foreign Ministry") is a ``modifier`` instead;
- ``metonymic``: the active subject of a verb ("Moscow said", "Canada
  imposed", "France beat Brazil"; conjuncts too: "Washington and Beijing
  agreed") other than the verbs a location can be the subject of
  (``LOCATION_VERBS``: "Texas has had floods", "Kharkiv lies"); the passive
  subject or object of a verb that takes a people or team
  (``AGENT_OBJECT_VERBS``: "accused Russia", "beat Brazil"); the object of
  "against";
- ``modifier``: a noun's compound, adjective or possessive ("US officials",
  "a Paris court", "Russia's foreign minister"), and "of" after an
  official or body ("the president of Russia"), unless the noun is a
  geographic one ("the Kharkiv region", "Ukraine's east": literal);
- ``literal``: everything else: after locative prepositions, datelines,
  "City, State", objects of movement verbs, passive subjects.

**Which place** (``detente.kb.gazetteer`` lists the candidates), by score:

- prominence: log10 of the population; a country, continent or region
  outranks a town of its name, a city outranks a US state or county of its
  name ("Washington", "New York"), a national capital and the place's own
  name (not an alternate name) gain;
- "City, Country" and "City, State" ("Paris, Texas", "GAINESVILLE, Fla.",
  "Charleston, W.Va.": AP abbreviations and postal codes too): the pair
  that agrees wins outright;
- the article's countries and US states: weakly those of its actors and
  country names; more those of places that are clear without context; a US
  city's own state named in the article (or in its dateline) settles it;
- one sense per discourse: every mention of a name takes the reading its
  best-supported mention gets;
- a town of fewer than ``SMALL_TOWN`` people is a candidate only with
  support: a "City, State" pattern, the dateline, or a locative word before
  it and its country (or US state) among the article's places.

Points are GeoNames' points of the place (a country's, not its capital's;
see the gazetteer); a physical feature or named area from the gazetteer's
features table ranks as a small town unless its name says what it is
("the Potomac River"). The
confidence is the winner's margin over the runner-up, squashed to 0.5–0.99;
a name with one candidate gets 0.9.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..article import Article
from ..kb import _split, _tsv
from ..kb.gazetteer import Gazetteer, Place, gazetteer, key
from ..kb.roles import words
from ..nlp import actor_tokens, stored, text_of
from ..records import ActorRecord, PlaceRecord
from ..settings import Settings

NAME = "places.v2"

# Scores (added to log10 population, about 4–7 for cities). Calibrated on
# tests/fixtures/places/ambiguous.jsonl (122 snippets, 2026-11-29): a
# country mentioned in the article must outweigh a 100-fold population gap
# ("Tripoli" in an article about Lebanon), and a "City, State" pattern must
# settle the matter whatever the populations.
# A state is an area: when news says "Washington" or "New York" on its own,
# it means the city more often than the state of that name; a county named
# like a city ("Orange") is rarer still. A continent ranks with a country
# ("Europe" the continent before any town of that name).
FEATURE_BONUS = {"country": 4.0, "continent": 4.0, "region": 3.5, "state": -1.0, "county": -1.5, "city": 0.0}
# A physical feature or named area (the gazetteer's features table: seas,
# rivers, "West Texas") has no population: it ranks as a town of 1,000
# people before context, so any city of its name wins ("Potomac" the
# Maryland town), unless the name says what it is ("the Potomac River",
# "Lake Mead", "the Red Sea"), which settles it.
PHYSICAL_BONUS = 3.0
# A US state named like its own big city ("New York"): the city, by this
# much (see _namesake).
NAMESAKE_COST = 2.0
NAMED_FEATURE_BONUS = 6.0
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
# Towns below this population are candidates only with support (see
# _supported). GeoNames lists tens of thousands of towns of 500-15,000
# people named like common words and other places ("Police", "Best",
# "March", a Charleston in every other state); precision over volume. 15,000
# is GeoNames' own cut for its "cities15000" list, which the gazetteer held
# before the small towns came, and at which every town in
# tests/fixtures/places resolved: the small ones there all come with a
# state or a dateline.
SMALL_TOWN = 15_000
# A city name the model did not tag as a place is taken on its own (without
# a locative word before it) from this population: "Aleppo", "Edmonton",
# but not the towns named like words or surnames ("Best", "Lincoln, NE" is
# above it but is a PERSON entity when it is one).
BIG_CITY = 100_000
# spaCy's labels for toponyms, for longer names that may hold one, and for
# what is never a place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC"})
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY",
                              "LANGUAGE"})
# A capitalised noun after the name that makes it part of a title ("the
# Paris Agreement", "the Minsk Protocol", "the Washington Post", "Manchester
# United", "Texas Instruments" is not here: it would read as a person).
NAME_HEADS = words("""agreement accord accords club convention treaty protocol format summit process declaration
    times post journal herald tribune gazette telegraph chronicle news review university college institute
    school academy bank airlines airways airport station united city fc rovers wanderers athletic stock
    exchange group corporation company museum orchestra declaration conference talks""")
# A name at the head of one of these is the state's own body: "the US Army",
# "the Russian Foreign Ministry" (modifier, not embedded).
STATE_BODIES = words("""army navy ministry government embassy parliament police military forces force guard
    senate congress treasury cabinet administration department office presidency court courts authorities
    authority marines command coast""")
# "of" in a capitalised name: "University of Texas", "Bank of England",
# "Organization for Security and Co-operation in Europe".
NAME_LINKS = words("of for de")
# Nouns of place: a name that qualifies them is a location ("the Kharkiv
# region", "Ukraine's east", "the Gaza border").
GEO_NOUNS = words("""region province oblast district state county city town village capital area border
    borders frontier coast coastline outskirts suburb suburbs north south east west northeast northwest
    southeast southwest centre center heartland territory territories soil airspace waters port island
    islands mountains valley countryside side interior mainland enclave exclave countryside municipality
    neighbourhood neighborhood streets""")
# Verbs whose subject can be a location as such ("Texas has had floods",
# "Kharkiv lies near the border", "Florida braced for the storm").
LOCATION_VERBS = words("""be have see experience suffer record lie sit border stretch remain flood burn shake
    swelter bake freeze brace endure get""")
# Verbs whose object (or passive subject) is a people, government or team
# ("accused Russia", "Brazil was beaten", "urged Israel").
AGENT_OBJECT_VERBS = words("""accuse urge warn beat defeat sanction criticise criticize condemn thank blame
    support back recognise recognize ask tell persuade pressure punish invite help call press lobby
    congratulate praise join oppose threaten trust fine sue ban expel""")
# Nouns for officials and bodies: "the president of Russia" (modifier).
OFFICIALS = words("""president prime minister minister government ambassador embassy leader leaders king
    queen people citizens army navy parliament foreign secretary mayor governor official officials envoy
    delegation team squad chief authorities""")
# Capitalised words after a place name that do not make it a person's
# ("Kyiv Mayor", "Moscow Region", "the Washington Post").
TITLE_WORDS = NAME_HEADS | STATE_BODIES | OFFICIALS | GEO_NOUNS
# The last word of a natural feature's name.
NATURAL_FEATURES = words("""river lake sea ocean creek bay gulf strait straits mountain mountains mount peninsula
    island islands canal channel desert valley falls""")
# Words after which a city name is a location.
LOCATIVE = words("""in at near from to into outside inside via through across toward towards around and
    or central northern southern eastern western downtown""")
# Locative prepositions (the object is a location).
LOCATIVE_PREPS = words("""in at near from to into outside inside via through across toward towards around
    throughout within beyond between along off over under onto across""")
# Adjectives and people nouns of regions, written for detente (the regions
# table has no such column): the word → the region's name in regions.tsv.
REGION_ADJECTIVES = {
    "European": "Europe", "Europeans": "Europe", "African": "Africa", "Africans": "Africa", "Asian": "Asia",
    "Asians": "Asia", "Middle Eastern": "Middle East", "Latin American": "Latin America",
    "Latin Americans": "Latin America", "Scandinavian": "Scandinavia", "Scandinavians": "Scandinavia",
    "Balkan": "Balkans", "Baltic": "Baltic states", "Central Asian": "Central Asia",
    "Southeast Asian": "Southeast Asia", "South Asian": "South Asia", "East Asian": "East Asia",
    "West African": "West Africa", "East African": "East Africa", "North African": "North Africa",
    "Central American": "Central America", "South American": "South America", "Nordic": "Nordic countries",
    "Caucasian": "Caucasus", "Sahelian": "Sahel", "Arctic": "Arctic",
}
# A dateline: an upper-case city at the start of the text or of a line,
# perhaps a state or country, perhaps the agency, then a dash.
DATELINE = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Z.'’\- ]{1,40}?[A-Z.])(?:,[ \t]*([A-Z][\w.' ]{0,30}?))?"
                      r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?(?:—|–|--?)[ \t]")


@dataclass
class Mention:
    span: SpacySpan
    usage: str
    found: list[Place]
    demonym: bool = False
    dateline: bool = False


class Places:
    name = NAME
    requires = frozenset({"doc", "actors"})
    provides = frozenset({"places"})

    def __init__(self, settings: Settings) -> None:
        self.gazetteer = gazetteer()
        self.embedded = settings.places_embedded

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if article.doc is None:
                continue
            actors = [r for r in article.records if isinstance(r, ActorRecord)]
            for record in find_places(article.doc, actors, self.gazetteer, embedded=self.embedded):
                record.article_id = article.id
                article.records.append(record)


class _Lookup:
    """The gazetteer's candidates for a name, cached for the article: the
    mention scan asks for the same words again and again, and the gazetteer
    may answer from SQLite."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.cache: dict[str, list[Place]] = {}

    def __call__(self, name: str) -> list[Place]:
        k = key(name)
        found = self.cache.get(k)
        if found is None:
            found = self.cache[k] = self.gaz.lookup(name) if k else []
        return found

    def state(self, abbreviation: str) -> Place | None:
        """The US state an abbreviation ("Fla.", "W.Va.", "FL") names after
        "City, " (the gazetteer's abbreviation table; read here, not by
        name: GeoNames lists "Fla" as a name of Florencia, Colombia)."""
        return self.gaz.us_state(abbreviation)


@cache
def demonyms() -> dict[str, tuple[str, str]]:
    """A demonym or adjective as written → ("country", alpha-3) or
    ("region", region name): ``countries.tsv``'s ``adjectives`` and
    ``people`` and ``REGION_ADJECTIVES``. A word that is also a name of
    its country ("US", "UK") is left to the names."""
    out: dict[str, tuple[str, str]] = {}
    names: set[str] = set()
    for row in _tsv("countries.tsv"):
        names.update(key(n) for n in [row["name"], *_split(row.get("aliases"))])
    for row in _tsv("countries.tsv"):
        for word in [*_split(row.get("adjectives")), *_split(row.get("people"))]:
            if key(word) not in names:
                out.setdefault(word, ("country", row["code"]))
    for word, region in REGION_ADJECTIVES.items():
        out.setdefault(word, ("region", region))
    return out


def is_demonym(text: str) -> bool:
    """Whether a place record's text is a demonym or adjective ("Russian",
    "Canadians") rather than a name (for gold sets that do not annotate
    them)."""
    return text in demonyms()


def _demonym_place(word: str, lookup: _Lookup, gaz: Gazetteer) -> list[Place]:
    kind, value = demonyms()[word]
    if kind == "country":
        countries = getattr(gaz, "countries", None)
        if isinstance(countries, dict) and value in countries:
            return [countries[value]]
        from ..kb import builtin_countries
        return [p for p in lookup(builtin_countries().get(value, value)) if p.feature == "country"
                and p.country == value][:1]
    return [p for p in lookup(value) if p.feature in ("region", "continent")][:1]


# -- finding the mentions ----------------------------------------------------


def _mentions(doc: Doc, people: set[int], orgs: list[tuple[int, int]], lookup: _Lookup,
              gaz: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    taken = [False] * len(doc)

    def take(m: Mention) -> None:
        out.append(m)
        for i in range(m.span.start, m.span.end):
            taken[i] = True

    for span in _datelines(doc):
        found = lookup(span.text)
        if found:
            take(Mention(span, "literal", found, dateline=True))
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start = ent.start + (doc[ent.start].lower_ == "the")
        end = ent.end
        while end > start and doc[end - 1].lower_ in ("'s", "’s"):
            end -= 1
        if end <= start or any(taken[i] for i in range(start, end)) or any(i in people for i in range(start, end)):
            continue
        span = doc[start:end]
        if not span.text[:1].isupper():
            continue  # "metro", "downtown": a proper name is capitalised
        found = lookup(span.text) or _after_comma_state(doc, span, lookup)
        if doc[ent.start].lower_ == "the" and span[-1].lower_ in NATURAL_FEATURES:
            # "the Elk River", "the Black Sea": the river or sea, not a town
            # that bears its name ("in Elk River").
            found = [p for p in found if p.feature not in ("city", "county")]
        if not found:
            continue
        if _personal(doc, span, people):
            continue
        take(Mention(span, _usage(doc, span, ent_of, orgs), found))
    # Names the model missed or labelled otherwise, and demonyms.
    for n, token in enumerate(doc):
        if taken[n] or not token.text[:1].isupper() or n in people:
            continue
        for size in (4, 3, 2, 1):
            span = doc[n:n + size]
            if len(span) < size or any(taken[i] or i in people for i in range(span.start, span.end)):
                continue
            if not span[-1].text[:1].isupper() or any(t.ent_type_ in NOT_PLACE_LABELS for t in span) \
                    or token.is_stop:
                continue
            text = stored(span)
            if text in demonyms():
                if _inside_person(span, ent_of):
                    break
                found = _demonym_place(text, lookup, gaz)
                if found:
                    usage = _name_usage(span, ent_of, orgs) or "modifier"
                    take(Mention(span, usage, found, demonym=True))
                break
            # A city by one of its alternate names only when the name is
            # more than a code and the model saw no other kind of name
            # there: GeoNames' alternate names include airport codes and
            # translations ("CUP" is Carúpano, "White House" Casablanca,
            # "Hamas" Hamm); exonyms ("Kiev", "Kharkov", which the model
            # often takes for people) pass.
            foreign = len(key(span.text)) <= 3 or any(t.ent_type_ in NAME_LABELS | {"NORP"} for t in span)
            found = [p for p in lookup(span.text)
                     if p.feature != "city" or not foreign or key(p.name) == key(span.text)]
            if not found or _inside_person(span, ent_of) or _personal(doc, span, people):
                continue
            name_usage = _name_usage(span, ent_of, orgs)
            areal = any(p.feature in ("country", "state", "region", "continent") for p in found)
            big = any(p.feature == "city" and p.population >= BIG_CITY for p in found)
            if name_usage == "embedded":
                ok = areal or big
            else:
                ok = areal or _located(doc, span) or big and _proper(span, ent_of)
            if ok:
                take(Mention(span, name_usage or _usage(doc, span, ent_of, orgs), found))
                break
    return sorted(out, key=lambda m: m.span.start)


def _datelines(doc: Doc) -> list[SpacySpan]:
    """The dateline's city: "KYIV —", "GAINESVILLE, Fla. —", "CHARLESTON,
    W.Va. (AP) —", at the start of the text or of a line."""
    out = []
    for m in DATELINE.finditer(text_of(doc)[:2000]):
        if m.start(1) > 600:
            break
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is not None and len(span) <= 4:
            out.append(span)
    return out


def _after_comma_state(doc: Doc, span: SpacySpan, lookup: _Lookup) -> list[Place]:
    """An abbreviated US state right after "City, " ("Fla.", "W.Va.", "FL")."""
    text = text_of(doc)
    before = text[max(0, span.start_char - 3):span.start_char]
    if "," not in before:
        return []
    state = lookup.state(stored(span))
    return [state] if state else []


def _inside_person(span: SpacySpan, ent_of: dict[int, SpacySpan]) -> bool:
    """Part of a longer PERSON entity ("Israel Katz"), or a NORP entity that
    is a people's name rather than a place's."""
    for token in span:
        ent = ent_of.get(token.i)
        if ent is not None and ent.label_ == "PERSON" and (ent.start < span.start or ent.end > span.end):
            return True
    return False


def _personal(doc: Doc, span: SpacySpan, people: set[int]) -> bool:
    """A name compounded with the capitalised word after it that is a
    person, or no name we know ("Paris Hilton", "Jordan Henderson" when the
    model calls them ORG or splits them)."""
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if not after.text[:1].isupper() or after.pos_ != "PROPN" or after.lower_ in TITLE_WORDS:
        return False
    if after.i in people or after.ent_type_ == "PERSON":
        return True
    if span.root.dep_ != "compound" or span.root.head.i != after.i:
        return False
    # "Paris Hilton": a two-word name whose second word is no place and no
    # word of a title.
    return after.ent_type_ not in PLACE_LABELS and (
        after.i + 1 >= len(doc) or not doc[after.i + 1].text[:1].isupper())


def _proper(span: SpacySpan, ent_of: dict[int, SpacySpan]) -> bool:
    """A proper noun of its own: the whole of an ORG or NORP entity
    ("Edmonton", "Aleppo" as the model mislabels them) or untagged."""
    if not all(t.pos_ == "PROPN" for t in span):
        return False
    ent = ent_of.get(span.start)
    return ent is None or (ent.start == span.start and ent.end == span.end and ent.label_ in ("ORG", "NORP"))


def _located(doc: Doc, span: SpacySpan) -> bool:
    """A city name used as a place: after a locative word, or in a list."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None:
        return False
    if before.lower_ in LOCATIVE:
        return True
    return before.text == "," and span.start > 1 and doc[span.start - 2].ent_type_ in PLACE_LABELS


# -- usage ---------------------------------------------------------------------


def _name_usage(span: SpacySpan, ent_of: dict[int, SpacySpan], orgs: list[tuple[int, int]]) -> str | None:
    """"embedded" or "modifier" when the span is inside a longer name of
    another kind (an ORG entity, a treaty, a newspaper, an organisation the
    actors stage found: "the Organization for Security and Co-operation in
    Europe", which the model cuts before "in Europe"), else None."""
    for start, end in orgs:
        if start <= span.start_char and span.end_char <= end and (start, end) != (span.start_char, span.end_char):
            words_ = text_of(span.doc)[start:end].split()
            if start == span.start_char and words_ and words_[-1].lower() in STATE_BODIES:
                return "modifier"
            return "embedded"
    ent = ent_of.get(span.start)
    if ent is None or ent.label_ not in NAME_LABELS or (ent.start >= span.start and ent.end <= span.end):
        return None
    first = ent.start + (ent.doc[ent.start].lower_ == "the")
    if first == span.start and ent[-1].lower_ in STATE_BODIES:
        return "modifier"  # "the US Army", "the Russian Foreign Ministry"
    return "embedded"


def _usage(doc: Doc, span: SpacySpan, ent_of: dict[int, SpacySpan], orgs: list[tuple[int, int]]) -> str:
    """How the text uses the toponym (see the module doc). The rules read
    the parse only: the dependency of the name, its head's lemma."""
    named = _name_usage(span, ent_of, orgs)
    if named:
        return named
    # A capitalised title word after the name ("the Paris Agreement" when
    # the model tags only "Paris").
    if span.end < len(doc) and doc[span.end].lower_ in NAME_HEADS and doc[span.end].text[:1].isupper():
        return "embedded"
    # "University of Texas", "Bank of England": a link word inside a
    # capitalised name ("in" is not one: "NATO in Brussels").
    if span.start >= 2 and doc[span.start - 1].lower_ in NAME_LINKS:
        before = doc[span.start - 2]
        if before.lower_ in OFFICIALS:
            return "modifier"  # "the President of Russia"
        if before.lower_ in GEO_NOUNS:
            return "literal"  # "the Province of Quebec"
        if before.pos_ == "PROPN" and before.text[:1].isupper() and not before.is_sent_start \
                and before.ent_type_ not in PLACE_LABELS and before.ent_type_ != "PERSON":
            return "embedded"
    root = span.root
    # "Paris, Texas": the state of a "City, State" pair is a location.
    if root.dep_ in ("appos", "npadvmod") and root.head.ent_type_ in PLACE_LABELS and root.head.i < span.start:
        return "literal"
    # "Washington and Beijing agreed": a conjunct takes the first one's role.
    top = root
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    dep, head = top.dep_, top.head
    if dep == "nsubj":
        return "literal" if _lemma(head) in LOCATION_VERBS or head.pos_ not in ("VERB", "AUX") else "metonymic"
    if dep == "nsubjpass":
        return "metonymic" if _lemma(head) in AGENT_OBJECT_VERBS else "literal"
    if dep in ("dobj", "dative") or dep == "npadvmod" and head.pos_ == "VERB":
        return "metonymic" if _lemma(head) in AGENT_OBJECT_VERBS else "literal"
    if dep == "poss" or dep in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") \
            and head.i >= span.end:
        return "literal" if head.lemma_.lower() in GEO_NOUNS else "modifier"
    if dep == "pobj":
        prep = head.lower_
        if prep == "against":
            return "metonymic"
        if prep == "by" and head.dep_ == "agent":
            return "metonymic"
        if prep == "of" and head.head.lemma_.lower() in OFFICIALS:
            return "modifier"
    return "literal"


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


# -- which place ---------------------------------------------------------------


def find_places(doc: Doc, actors: list[ActorRecord], gaz: Gazetteer, *,
                embedded: bool = False) -> list[PlaceRecord]:
    """The geocoded toponyms of ``doc`` with their usage (see the module
    doc); ``embedded`` places only when asked."""
    people = set(actor_tokens(doc, [a for a in actors if a.type == "person"]))
    lookup = _Lookup(gaz)
    orgs = [(m.start, m.end) for a in actors if a.type == "organization" for m in a.mentions]
    mentions = _mentions(doc, people, orgs, lookup, gaz)
    # The article's countries: its actors' codes and its country names
    # (weak); the countries and US states of the places it names that are
    # clear without context: one candidate, or a winner by CLEAR_MARGIN on
    # prominence alone ("Madrid", "Atlanta") (strong).
    context: set[str | None] = {a.code for a in actors if a.code and len(a.code) == 3}
    strong: set[str | None] = set()
    states: set[str | None] = set()
    patterns = [_pattern(doc, m.span, lookup) for m in mentions]
    located = [m.dateline or _located(doc, m.span) for m in mentions]
    for m, pattern in zip(mentions, patterns, strict=True):
        # A small town lends its country only when a pattern names it.
        found = [p for p in m.found if _supported(p, pattern, False, set(), set())]
        if m.demonym or m.usage == "embedded" or not found:
            continue
        prior = sorted(((_score(p, set(), set(), set(), pattern, m.span.text), p) for p in found),
                       key=lambda x: -x[0])
        best = prior[0][1]
        if best.feature == "country":
            context.add(best.country)
        elif len(prior) == 1 or prior[0][0] - prior[1][0] >= CLEAR_MARGIN:
            strong.add(best.country)
            if best.country == "USA":
                states.add(best.admin1)
    # Small towns only with support (SMALL_TOWN): a pattern, or the
    # dateline or a locative word and the town's country or US state among
    # the article's places.
    # One sense per discourse here too: a town supported in one mention of
    # its name ("Gainesville, Virginia") is a candidate in all of them.
    allowed: dict[str, set[Place]] = {}
    for n, m in enumerate(mentions):
        allowed.setdefault(key(m.span.text), set()).update(
            p for p in m.found if _supported(p, patterns[n], located[n], strong | context, states))
    for m in mentions:
        m.found = [p for p in m.found if p in allowed[key(m.span.text)]]
    chosen = _pairs(doc, mentions, context, strong, states, patterns)
    scored: list[list[tuple[float, Place]]] = []
    for n, m in enumerate(mentions):
        scored.append(sorted(((_score(p, context, strong, states, patterns[n], m.span.text)
                               - NAMESAKE_COST * _namesake(p, m.found, doc, m.span), p) for p in m.found),
                             key=lambda x: -x[0]))
    # One sense per discourse: the mentions of one name take the reading
    # with the best score any of them gives it (a pattern or the dateline
    # in one mention settles the others).
    sense: dict[str, tuple[float, Place]] = {}
    for n, m in enumerate(mentions):
        if m.demonym or not scored[n]:
            continue
        k = key(m.span.text)
        top = (PATTERN_BONUS * 2, chosen[n]) if n in chosen else scored[n][0]
        if k not in sense or top[0] > sense[k][0]:
            sense[k] = top
    out = []
    for n, m in enumerate(mentions):
        if not scored[n] or m.usage == "embedded" and not embedded:
            continue
        best_score, best = scored[n][0]
        k = key(m.span.text)
        if n in chosen:
            best = chosen[n]
        elif not m.demonym and k in sense and any(p is sense[k][1] or p == sense[k][1] for _, p in scored[n]):
            best = sense[k][1]
            best_score = next(s for s, p in scored[n] if p == best)
        if len(scored[n]) == 1:
            confidence = 0.9
        else:
            runner = max(score for score, p in scored[n] if p is not best)
            margin = max(best_score - runner, 0.0) if n not in chosen else PATTERN_BONUS
            if k in sense and n not in chosen and sense[k][1] == best:
                margin = max(margin, sense[k][0] - runner)
            confidence = round(min(0.99, 0.5 + 0.49 * (1 - math.exp(-margin))), 2)
        span = m.span
        out.append(PlaceRecord(
            article_id="", text=stored(span), start=span.start_char, end=span.end_char, name=best.name,
            geonameid=best.geonameid, country=best.country, latitude=best.latitude,
            longitude=best.longitude, feature=best.feature, confidence=confidence, usage=m.usage, stage=NAME,
        ))
    return out


def _namesake(place: Place, found: list[Place], doc: Doc, span: SpacySpan) -> bool:
    """A US state read under the name of its own big city ("New York"):
    news means the city unless it says "state" ("New York state", "the
    state of New York")."""
    if place.feature != "state" or place.country != "USA":
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2:span.start].text.lower() if span.start >= 2 else ""
    if after == "state" or before == "state of" or (span.start > 0 and doc[span.start - 1].lower_ == "upstate"):
        return False
    return any(p.feature == "city" and p.admin1 == place.admin1 and p.population >= BIG_CITY for p in found)


def _supported(place: Place, pattern: set[str], located: bool, countries: set[str | None],
               states: set[str | None]) -> bool:
    """A town below SMALL_TOWN is a candidate only with support."""
    if place.feature != "city" or place.population >= SMALL_TOWN:
        return True
    if pattern and (place.country in pattern or f"US-{place.admin1}" in pattern):
        return True
    if not located:
        return False
    if place.country == "USA":
        return place.admin1 in states
    return place.country in countries


def _pairs(doc: Doc, mentions: list[Mention], context: set[str | None],
           strong: set[str | None], states: set[str | None], patterns: list[set[str]]) -> dict[int, Place]:
    """"Athens, Georgia", "London, Ontario", "Toledo, Spain": two names joined
    by a comma are read together, the pair that agrees (same country; same
    US state) winning."""
    chosen: dict[int, Place] = {}
    for n in range(len(mentions) - 1):
        a, b = mentions[n], mentions[n + 1]
        if a.demonym or b.demonym:
            continue
        if text_of(doc)[a.span.end_char:b.span.start_char].strip() != "," \
                or b.span.start_char - a.span.end_char > 3:
            continue
        best: tuple[float, Place, Place] | None = None
        for pa in a.found:
            for pb in b.found:
                if pa.feature == "city" and pb.feature in ("country", "state") and pa.country == pb.country and (
                        pa.country != "USA" or pb.feature == "country" or pa.admin1 == pb.admin1):
                    total = (_score(pa, context, strong, states, patterns[n], a.span.text)
                             + _score(pb, context, strong, states, set(), b.span.text))
                    if best is None or total > best[0]:
                        best = (total, pa, pb)
        if best is not None:
            chosen[n], chosen[n + 1] = best[1], best[2]
    return chosen


def _pattern(doc: Doc, span: SpacySpan, lookup: _Lookup) -> set[str]:
    """Countries (alpha-3) and US states ("US-" and the code) named right
    after ", " in "Paris, Texas", "Vienna, Virginia", "Valencia,
    Venezuela", "GAINESVILLE, Fla.", "Charleston, W.Va."."""
    m = re.match(r",\s+((?:[A-Z][\w.]*\s?){1,3})", text_of(doc)[span.end_char:span.end_char + 40])
    if not m:
        return set()
    out = set()
    name = m.group(1).strip()
    parts = name.split()
    state = lookup.state(parts[0])
    if state is not None:
        return {"US-" + (state.admin1 or "")}
    for size in range(len(parts), 0, -1):
        for p in lookup(" ".join(parts[:size])):
            if p.feature == "country" and p.country:
                out.add(p.country)
            elif p.feature == "state" and p.admin1:
                out.add("US-" + p.admin1)
        if out:
            break
    return out


def _score(place: Place, context: set[str | None], strong: set[str | None], states: set[str | None],
           pattern: set[str], name: str) -> float:
    if place.kind is not None:
        words_ = key(name).split()
        score = place.weight + PHYSICAL_BONUS + NAMED_FEATURE_BONUS * bool(set(words_) & NATURAL_FEATURES)
    else:
        score = place.weight + FEATURE_BONUS.get(place.feature, 0.0)
    score += NAME_BONUS * (key(place.name) == key(name))
    if place.capital:
        score += CAPITAL_BONUS
    if pattern and (place.country in pattern or f"US-{place.admin1}" in pattern):
        score += PATTERN_BONUS
    if place.feature in ("city", "state", "county"):
        score += CONTEXT_BONUS * (place.country in context) + PLACE_CONTEXT_BONUS * (place.country in strong)
    if place.country == "USA" and (place.feature in ("city", "state", "county") or place.kind is not None) \
            and place.admin1 in states:
        score += STATE_BONUS  # "Atlanta" makes "Georgia" the state
    if place.feature == "region" and place.members and context & set(place.members):
        score += CONTEXT_BONUS / 2
    return score


__all__ = ["NAME", "Places", "demonyms", "find_places", "is_demonym"]
