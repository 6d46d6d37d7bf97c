"""Stage: actors — the people, countries, organisations and groups of an article.

Reads: ``doc`` (tokens, parse, named entities), ``published``. Adds:
``actors`` — one ``actor`` record per entity, with every mention's offsets.

How an article's actors are found, in order:

1. **Knowledge-base phrases** (:mod:`detente.kb`): country names, adjectives
   and nationals, capitals and seats of power, organisations (national
   bodies, parties and unions among them), well-known office holders, and
   the user's dictionaries, matched on tokens.
2. **People**: spaCy's PERSON entities (two that touch are one name:
   "Karl-Theodor" + "zu Guttenberg"; titles and honorifics in front are
   left out: "Ms Le Pen"; a nation's word alone, "the Briton", is no
   name) and known office holders; and names spaCy missed,
   found by their context: two to four capitalised proper nouns right
   after a title with a role head ("Lagos Governor Babajide Sanwo-Olu") or
   after an honorific ("Mr Anaya"), or starting with a known first name
   and in apposition ("his vice-president, Emmerson Mnangagwa", tagged
   ORG). Full names make one cluster per person; a later shorter form
   joins it: the last words ("López Obrador", "Le Pen"), the surname or
   first name (the most recent one when two people share it), or a word
   inside a name of three words or more ("Fernández" of "Cristina
   Fernández de Kirchner").
3. **Titles**, from the article's own words: a title in front of the name
   ("NATO Secretary-General Jens Stoltenberg"), an appositive before it ("the
   Kremlin spokesman, Dmitry Peskov") or after it ("Kadri Liik, a senior
   policy fellow at the European Council on Foreign Relations"), or an "as"
   phrase of the person's clause ("Robert Mugabe resigned as president of
   Zimbabwe"). The title gives the role (as written), the sector (from its
   head word, or from the body it names: "the union's president" LAB, "the
   court's president" JUD; an unknown organisation's or "its" president is
   no state's) and the code: the first country or organisation in it,
   except one after "to" or "for" ("US ambassador to NATO" represents the
   USA), else a city or state in it ("Lagos Governor" → NGA). With no code
   in the title, a governing phrase gives it ("the Russian delegation led by
   Deputy Foreign Minister Alexander Grushko" → RUS). A known office holder
   valid on the publication date fills what the text leaves open (after the
   term, the built-in dictionary still gives the country). "Chief
   Executive" is Hong Kong's (or Macau's) head of government when the
   article names the territory and the title names no company.
4. **Coreference**: title-only phrases ("the secretary-general") join the
   most recent person whose title has that head and agrees in code;
   "he"/"she" as the subject of a reporting verb joins the most recent
   person mentioned before it in the last three sentences (skipping anyone
   already referred to by the other pronoun). An office no one named holds
   ("the ethics commissioner opened an investigation") is the country's
   (step 8).
5. **Countries and organisations** as actors: names, metonyms (the
   government sector: "Moscow said", "the Kremlin") and descriptions that
   point back to an organisation already named ("the alliance"). A name used
   as a place ("talks in Geneva", "near Ukraine", "Ukraine's border") or as a
   modifier ("Russia-NATO relations") is not an actor.
6. **Groups**: a country or organisation followed by a plural role noun
   ("Russian troops", "NATO diplomats": type group, the noun's sector); a
   singular body noun makes the country actor with that sector ("the Russian
   government"); nationals ("the Russians") are a group with no sector;
   "human rights groups", "aid groups" are groups of sector NGO.
7. **Other organisations**: spaCy ORG entities not in the knowledge base
   (and PERSON entities with an institution word or ending with a club's or
   company's word, ORG_NAME_WORDS: "Manchester United", "Tesla Inc."),
   when they act, are acted upon or are a person's affiliation; code null,
   except for a state body, party or trade union its name shows
   (:func:`detente.kb.roles.body_by_name`: "the National Accountability
   Bureau", "Japan's Fair Trade Commission", "the Workers' Party"), whose
   code is the country it names or the article's own; a name of role words
   only ("the Supreme Court") is the country with that sector. A name is
   taken whole: proper nouns before spaCy's entity and a "for" + name after
   it ("Covid-19 Bereaved Families for Justice"), never a dateline before
   it ("BENGALURU - Walmart"); a name after "the" with an organisation's
   noun in apposition is a body even when tagged PERSON ("The Swadeshi
   Jagran Manch, an economic group"). A sport's body named after its
   country ("Cricket Australia", "Rugby Australia") is an organisation,
   never the state, and a double-barrelled surname ("Crabtree-Ireland")
   names no country. Among people, a sentence adverb is no first name
   ("Afterwards Stefanik"), a known holder's surname inside a longer name
   with another first name is someone else ("Oscar Pistorius"), and "April",
   "May" and "June" may open a name ("June Steenkamp, Reeva's mother").
8. **The article's own country** (:func:`speakers.article_country`) for
   office holders of a state sector, state bodies and unnamed offices the
   text gives no country ("Governor Babajide Sanwo-Olu"), unless their
   sentence opens in another country ("In Washington, the Treasury …") or
   another country acts in it.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..article import Article
from ..kb import KnowledgeBase, Match, Target, load_kb, reporting_verbs, tokenize
from ..kb import name_key as _norm
from ..kb.roles import INSTITUTION_WORDS, MODIFIERS, SPORTS, STATE_HEADS, Role, body_by_name, words
from ..records import ActorRecord, Span
from ..settings import Settings
from .speakers import DEMONYMS, PERSON_NOUNS, article_country, dateline_end, first_names

NAME = "actors.v1"

# Prepositions after which a country or city is a place, not an actor.
LOCATIVE = words("""in at near to into from across along inside outside around toward towards
    through throughout within via onto off beyond past over about regarding behind beside""")
# Nouns that make their possessor or object a territory ("Ukraine's border",
# "Baghdad's international airport": not the Iraqi government).
GEO_NOUNS = words("""border borders frontier territory territories soil region regions capital
    city cities coast coastline east west north south airspace waters streets parts part map
    outskirts countryside province provinces side population people economy headquarters
    premises compound building offices
    airport airports port ports harbour harbor station stations square squares street neighbourhood
    neighbourhoods neighborhood neighborhoods suburb suburbs district districts centre center downtown
    hospital hospitals market markets bridge bridges residents skies skyline mosque mosques stadium""")
# Particles inside personal names ("Ursula von der Leyen", "Abu Mohammed al-Jolani").
NAME_PARTICLES = words("von van der den de del della di da dos das du la le al el bin ibn ter ten zu")
# Honorifics in front of a name: never part of it, and proof that a
# capitalised word after them is a person's name ("Ms Le Pen", "Mr Anaya").
HONORIFICS = words("mr mr. mrs mrs. ms ms. dr dr. sir dame miss")
# Reporting verbs (detente's lexicon, kb/data/reporting_verbs.tsv, and a
# few more): a pronoun subject of one of these is resolved to a person.
REPORTING = frozenset(reporting_verbs()) | words("welcome")
# Title heads so general that they fit any top office holder of the same
# code: "the Russian leader" (Putin), "the UN chief" (Guterres).
GENERIC_HEADS = words("leader chief head")
TOP_OFFICES = words("""president prime premier chancellor king queen emir sultan monarch
    secretary-general secretary leader chief head chairman chairwoman chair""")
# Nouns that carry a person's side when the title does not ("the Russian
# delegation led by ...").
SIDE_NOUNS = words("""delegation team side government administration counterpart
    negotiators officials ministry embassy mission""")

#: A person's staff and kin: "adviser to Prime Minister Abiy Ahmed", "the
#: sister of leader Kim Jong Un" are of the known person's country when the
#: title names none (``Extractor._title_code``). Not "critic of President
#: Putin" or "lawyer for Mr Navalny": critics and lawyers may be anyone's.
STAFF_HEADS = words("""adviser advisor aide spokesman spokeswoman spokesperson secretary deputy envoy
                     representative emissary son daughter wife husband sister brother widow mother father
                     nephew niece cousin""")
CONNECTORS = frozenset({"of", "to", "for", "at", "and", "-", "on", "the", "’s", "'s"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
PRONOUN_GENDER = {"he": "m", "she": "f"}
# An office that is a business title elsewhere but a territory's head of
# government there: Hong Kong's and Macau's chief executives.
TERRITORY_OFFICE = ("chief", "executive")
TERRITORIES = frozenset({"HKG", "MAC"})
# A city named in a title gives its country when it is this big: "Lagos
# Governor", "Marseille prosecutor"; a small namesake abroad does not.
TITLE_PLACE_POPULATION = 100_000
# Sectors of offices that belong to the article's own country when the text
# names no other ("Governor Babajide Sanwo-Olu" in a Nigerian story).
# Diplomats are left out: as often as not they are foreign.
HOME_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "LAB"})
# Verbs of plain speech (no event of their own): an unnamed office or body
# that only speaks stays a quote's source as written.
SPEECH_VERBS = words("say tell add state note explain write")
# Plural nouns and what they campaign for, that name non-governmental
# groups: "human rights groups", "aid agencies", "environmental campaigners".
NGO_HEADS = words("""groups organisations organizations campaigners charities agencies activists advocates
    watchdogs""")
NGO_MODIFIERS = words("""rights human-rights humanitarian aid relief environmental green advocacy
    pro-democracy anti-corruption anti-war civil society civil-society""")
# Last words of names of places spaCy may take for organisations.
PLACE_HEADS = words("district state province region city county territory republic island islands")
# Sectors of the offices an unnamed holder of stands for the country.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# Last words of a club's or company's name that spaCy tags PERSON
# ("Manchester United", "Aston Villa" aside): such a name is an
# organisation's, as one with an institution word is.
ORG_NAME_WORDS = words("""united city fc afc rovers athletic wanderers hotspur albion inc inc. corp corp. ltd
    ltd. plc llc co. holdings airlines airways motors pharmaceuticals technologies industries
    entertainment partners bancorp ventures""")
# Words that alone name no one organisation: "National" after "the National
# Hurricane Center" is not that centre.
GENERIC_ORG_WORDS = words("""national federal international european american british world global general
    royal central state new first great""")
# Words of a union's, a party's or a movement's name, which a company's name
# has not ("the Nigeria Labour Congress", "Kenya Human Rights Commission").
CIVIC_WORDS = words("""congress labour labor workers trades democratic socialist liberal conservative human rights
    people's peoples patriotic unity freedom liberation""")
# A name as written that starts with one of these ("her National Front") is
# a phrase, not a longer name.
POSSESSIVE_WORDS = words("her his its their our my your")
# Heads of descriptions too personal to stand for the country ("the
# spokesman", "the senator" are someone the text has named or will).
PERSONAL_HEADS = words("""spokesman spokeswoman spokesperson official aide adviser advisor leader officer lawmaker
    legislator mp senator congressman congresswoman detective constable sergeant colonel counterpart minister
    taoiseach premier""")
#: Sports whose national governing bodies are named after their country
#: ("Cricket Australia", "Rugby Australia", "Athletics Kenya", "USA
#: Swimming"): a country name in one organisation's name with one of these
#: words is that body, never the state (issue 17).
SPORT_WORDS = SPORTS | words("""netball volleyball rowing badminton gymnastics sailing triathlon handball judo
    wrestling softball squash archery equestrian surfing""")
#: Adverbs that open a sentence and that spaCy sometimes takes into the
#: name after them ("Afterwards Stefanik told reporters"): never a name's
#: first word there.
SENTENCE_ADVERBS = words("""afterwards afterward later earlier meanwhile separately still instead however
    yesterday today tonight now then also subsequently previously eventually finally initially originally
    nevertheless nonetheless moreover furthermore likewise similarly elsewhere overnight recently""")
#: Nouns for an organisation in apposition to a name: "The Swadeshi Jagran
#: Manch, an economic group linked to …" names a body, whatever spaCy's tag.
ORG_APPOSITION_NOUNS = words("""group organisation organization movement party union association campaign charity
    alliance coalition body network foundation forum front federation council committee confederation
    lobby trust society institute""")
# spaCy's labels a person's name it missed may carry ("Emmerson Mnangagwa"
# as ORG, "Ricardo Anaya" as FAC), or none at all.
UNTAGGED_NAME_ENTS = frozenset({"", "PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART"})
# Capitalised words that are never part of a person's name: places,
# buildings and the like ("Madison Square Garden", "Victoria Station").
NOT_NAME_WORDS = words("""airport station square garden gardens street road avenue bridge hotel hospital stadium
    park center centre building tower hall palace house river lake island islands mountain mountains bay sea
    ocean valley college school church cathedral mosque temple museum gallery theatre theater club inc corp
    co ltd plc llc group holdings airlines airways motors prize award cup league championship games olympics
    festival day week monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december""")
#: Months that are also women's first names: one is a name's first word when
#: a capitalised name follows it ("June Steenkamp", not "June 5").
MONTH_NAMES = words("april may june")


@dataclass
class _Actor:
    name: str
    type: str
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    role_words: tuple[str, ...] = ()
    # The office the knowledge base knows the person by, when the text gives
    # no title ("Putin" → "president of russia"); for title-only coreference.
    kb_role_words: tuple[str, ...] = ()
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    gender: str | None = None
    identity: str = ""
    # A one-word name that joined no full name and no known office holder:
    # kept only with a title or as the subject of a clause ("Lula said").
    weak: bool = False
    # A state body, party or union whose code is the article's own country,
    # once the article's actors say which that is.
    home: bool = False


class Actors:
    name = NAME
    requires = frozenset({"doc", "mentions"})
    provides = frozenset({"actors"})

    def __init__(self, settings: Settings) -> None:
        self.kb = load_kb(settings.kb)

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if article.doc is None:
                continue
            actors = _Resolver(article.doc, self.kb, article.published_day).run()
            for n, actor in enumerate(actors):
                doc = article.doc
                article.records.append(
                    ActorRecord(
                        id=f"{article.id}-a{n}",
                        article_id=article.id,
                        name=actor.name,
                        type=actor.type,
                        code=actor.code,
                        sector=actor.sector,
                        role=actor.role,
                        mentions=[Span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
                                  for s, e in sorted(set(actor.mentions))],
                        identity=actor.identity,
                        stage=NAME,
                    )
                )


class _Resolver:
    """Resolves one document's actors (a fresh object per article)."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, day: dt.date | None) -> None:
        self.doc = doc
        self.kb = kb
        self.day = day
        self.words = [t.text for t in doc]
        self.lowers = [t.lower_ for t in doc]
        # Per token, the entity it is in; and sentence starts, for bisecting.
        self.ent_at: dict[int, SpacySpan] = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self.sent_starts = [sent.start for sent in doc.sents]
        self.raw_matches = kb.match(self.words, self.lowers)
        self.matches = [m for m in self.raw_matches if not self._inside_name(m)]
        self.match_at: dict[int, Match] = {}
        for m in self.matches:
            for i in range(m.start, m.end):
                self.match_at[i] = m
        self.taken = [False] * len(doc)  # tokens already part of some mention or title
        # The first token after the dateline ("SAN JOSE - President George W.
        # Bush urged …"): no title or name reaches back into it.
        self.dateline = dateline_end(doc)
        self.title_words = frozenset(w for phrase in kb.roles.titles for w in phrase)
        self.people: list[_Actor] = []
        # Descriptions of a state office or body that name no country ("the
        # ethics commissioner", "the Supreme Court"): token span and sector,
        # for the article's own country once it is known.
        self.pending: list[tuple[int, int, str]] = []
        self.others: dict[tuple[str | None, ...], _Actor] = {}
        self.named_codes: frozenset[str] | None = None  # see _named_codes

    def _inside_name(self, m: Match) -> bool:
        """A known name at the start of a longer institution's name: "European
        Council" in "European Council on Foreign Relations"; or a country's
        name in its sport's body ("Cricket Australia")."""
        if self._sport_body(m.start) is not None:
            return True
        if m.start >= 2 and self.words[m.start - 1] == "-" and not self.doc[m.start - 2].whitespace_ \
                and not self.doc[m.start - 1].whitespace_ and self.words[m.start - 2][:1].isupper() \
                and not any(k.start <= m.start - 2 < k.end for k in self.raw_matches):
            return True  # "Duncan Crabtree-Ireland": a double-barrelled name, not the country ("Russia-Ukraine" is two)
        ent = self.ent_at.get(m.start)
        if ent is not None and self._company_of(ent, m):
            return True
        if not ent or ent.label_ not in ("ORG", "FAC", "WORK_OF_ART") or ent.end <= m.end + 1:
            return False
        return self.lowers[m.end] in ("on", "for", "of", "and") and self.words[m.end + 1][:1].isupper()

    def _company_of(self, ent: SpacySpan, m: Match) -> bool:
        """"Air India agreed to buy 470 jets", "America Online agreed to
        buy Time Warner": a country's name joined in one ORG entity to a word
        that is no institution's ("Air", "Online", "Airlines") names a
        company, not the state. Not a state body ("the Ukraine Defence
        Ministry", "Pakistan Army": INSTITUTION_WORDS), a name with "of"
        ("Bank of England" may be the state's), or an adjective ("Russian")."""
        if ent.label_ != "ORG" or m.start < ent.start or m.end > ent.end or (m.start, m.end) == (ent.start, ent.end):
            return False
        if not any(t.entry.type == "country" and t.how in ("name", "alias") for t in m.targets):
            return False
        rest = [k for k in range(ent.start, ent.end) if not m.start <= k < m.end and self.lowers[k] != "the"]
        return bool(rest) and all(self.words[k][:1].isupper() and self.words[k].isalpha()
                                  and self.lowers[k] not in INSTITUTION_WORDS | GENERIC_ORG_WORDS | CIVIC_WORDS
                                  for k in rest)

    # -- driver -------------------------------------------------------------

    def run(self) -> list[_Actor]:
        self._find_people()
        self._find_titles()
        self._drop_weak()
        self._find_title_only()
        self._find_pronouns()
        self._find_kb_actors()
        self._find_ngo_groups()
        self._find_other_orgs()
        self._fill_home()
        actors = [a for a in (*self.people, *self.others.values()) if a.mentions]
        for actor in actors:
            actor.identity = _identity(actor)
        return sorted(actors, key=lambda a: min(a.mentions))

    def _fill_home(self) -> None:
        """The country of office holders, state bodies and descriptions the
        text gives no country: the one a sentence opens with ("In
        Washington, the Treasury accused …"), else the article's own
        (:func:`speakers.article_country`: its dateline and the codes its
        actors are named with, when one country dominates)."""
        actors = [a for a in (*self.people, *self.others.values()) if a.mentions]
        wanting = [a for a in actors if a.code is None and (
            a.home or a.type == "person" and a.role is not None and a.sector in HOME_SECTORS)]
        if not self.pending and not wanting:
            return
        doc = self.doc
        records = [ActorRecord(id="", article_id="", name=a.name, type=a.type, code=a.code, sector=a.sector,
                               role=a.role, mentions=[Span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
                                                      for s, e in a.mentions]) for a in actors]
        home = article_country(doc, records, self.kb)[0]
        for actor in wanting:
            first = min(actor.mentions)[0]
            actor.code = self._local_code(first) or self._home_here(home, first)
        for start, end, sector in self.pending:
            root = self._root(start, end)
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS:
                # "The public prosecutor said …": a source the quotes stage
                # keeps as written (with its country), not a country's voice.
                continue
            code = self._local_code(start) or self._home_here(home, start)
            if code is not None and not any(self.taken[k] for k in range(start, end)):
                self._kb_actor_for_code(code, sector, (start, end))

    def _home_here(self, home: str | None, i: int) -> str | None:
        """The article's country for a mention at token ``i``, unless another
        country acts in its sentence, as a subject or by its capital or seat
        ("Foreign ministry spokesman Zhao Lijian said Beijing had lodged
        protests" in an Indian story)."""
        if home is None:
            return None
        sent = self.doc[i].sent
        for m in self.matches:
            if not sent.start <= m.start < sent.end:
                continue
            subject = self._root(m.start, m.end).dep_ in ("nsubj", "nsubjpass")
            if any(t.entry.type != "person" and t.how != "context" and t.entry.code != home
                   and self.kb.country_name(t.entry.code) and (subject or t.how in ("capital", "seat"))
                   for t in m.targets):
                return None
        return home

    def _local_code(self, i: int) -> str | None:
        """The country a sentence opens with as its setting: "In Washington,",
        "In the United States,"."""
        sent = self.doc[i].sent
        if self.lowers[sent.start] != "in" or sent.start + 2 >= sent.end:
            return None
        k = sent.start + 1 + (self.lowers[sent.start + 1] == "the")
        m = self.match_at.get(k)
        if m is None or m.start != k or m.end >= i or m.end >= sent.end or self.words[m.end] != ",":
            return None
        target = self.kb.pick([t for t in m.targets if t.entry.type == "country"
                               or t.how in ("capital", "seat")], self.day)
        return target.entry.code if target is not None and self.kb.country_name(target.entry.code) else None

    # -- people -------------------------------------------------------------

    def _person_target(self, start: int, end: int) -> Target | None:
        m = self.match_at.get(start)
        if m is None or m.start != start or m.end != end:
            return None
        persons = [t for t in m.targets if t.entry.type == "person"]
        return self.kb.pick(persons, self.day) if persons else None

    def _person_ents(self) -> list[tuple[int, int]]:
        """spaCy's PERSON entities, two that touch made one ("Karl-Theodor"
        + "zu Guttenberg")."""
        out: list[tuple[int, int]] = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            if out and out[-1][1] == ent.start:
                out[-1] = (out[-1][0], ent.end)
            else:
                out.append((ent.start, ent.end))
        return out

    def _find_people(self) -> None:
        spans: list[tuple[int, int]] = []
        for start, end in self._person_ents():
            # spaCy sometimes takes a title into the name ("President Joe
            # Biden", "Ms Le Pen"); a word that only names groups is a first
            # name there ("Marine Le Pen").
            while start < end and (self.lowers[start] in MODIFIERS
                                   or self.lowers[start] in self.title_words
                                   or self.lowers[start] in HONORIFICS
                                   or self.lowers[start] in DETERMINERS
                                   or self.lowers[start] in SENTENCE_ADVERBS and self.doc[start].is_sent_start):
                start += 1
            while end > start and self.lowers[end - 1] in ("'s", "’s", "'", "’"):
                end -= 1
            # "Ursula von der" + "Leyen": a name particle never ends a name.
            while end < len(self.doc) and self.lowers[end - 1] in NAME_PARTICLES \
                    and self.words[end][:1].isupper():
                end += 1
            if start == end or not self.words[start][:1].isupper():
                continue
            if any(self._is_nonperson_kb(i) for i in range(start, end)) \
                    or end - start == 1 and self.lowers[start] in DEMONYMS:
                continue  # "the Briton said": a nation's word, not a name
            if any(w in INSTITUTION_WORDS for w in self.lowers[start:end]) \
                    or end - start > 1 and self.lowers[end - 1] in ORG_NAME_WORDS:
                continue  # "Tigray People's Liberation Front", "Manchester United" are not people
            if self._body_by_apposition(start, end):
                continue  # "The Swadeshi Jagran Manch, an economic group": found with the organisations
            spans.append((start, end))
        spans += self._untagged_names(spans)
        for m in self.matches:
            if any(t.entry.type == "person" for t in m.targets):
                if any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) and self._other_given_name(s, e, m)
                       for s, e in spans):
                    # "Oscar Pistorius" is not the minister the dictionary calls
                    # "Pistorius", nor "Anwar Hassan" the "Anwar" of Malaysia.
                    continue
                # A known office holder's name as the dictionary spells it
                # out beats the model's (shorter or longer) span.
                spans = [(s, e) for s, e in spans if not (s < m.end and m.start < e)]
                spans.append((m.start, m.end))
        spans.sort()
        # Full names first, so that surnames anywhere can join them; the
        # longest first, so that a shorter form joins the full one ("Le Pen"
        # and "Marine Le Pen", "López Obrador" and "Andrés Manuel López Obrador").
        for start, end in sorted((s for s in spans if s[1] - s[0] > 1), key=lambda s: (s[0] - s[1], s[0])):
            target = self._person_target(start, end)
            name = target.entry.name if target else _clean_name(self.doc[start:end].text)
            actor = self._person_named(name) if target else (self._join_tail(name) or self._person_named(name))
            if target and not actor.code:
                actor.code, actor.sector = target.entry.code, target.entry.sector
            actor.mentions.append((start, end))
        for start, end in (s for s in spans if s[1] - s[0] == 1):
            joined = self._join_surname(start)
            if joined is None:
                target = self._person_target(start, end)
                if target is not None:
                    joined = self._person_named(target.entry.name)
                    joined.code, joined.sector = target.entry.code, target.entry.sector
                else:
                    joined = self._person_named(self.words[start])
                    # "Mr Anaya": an honorific says it is a person's name.
                    joined.weak = joined.weak or start == 0 or self.lowers[start - 1] not in HONORIFICS
            joined.mentions.append((start, end))
        # Surnames the model did not tag ("Smith" as ORG, or nothing at all).
        for i, word in enumerate(self.words):
            if not word[:1].isupper() or self.doc[i].pos_ not in ("PROPN", "NOUN", "ADJ"):
                continue
            if any(s <= i < e for a in self.people for s, e in a.mentions):
                continue
            if self._is_nonperson_kb(i) and not self._bare_metonym(i):
                continue
            surname = self._join_surname(i, exact_only=True)
            if surname is not None:
                surname.mentions.append((i, i + 1))
        for actor in self.people:
            for s, e in actor.mentions:
                self._take(s, e)

    def _other_given_name(self, start: int, end: int, m: Match) -> bool:
        """A model's name span ``start``-``end`` holds, around the known
        person's name ``m`` inside it, a word none of that person's names
        holds: another first name ("Oscar" before the alias "Pistorius") or
        another surname ("Hassan" after the alias "Anwar"), so another
        person."""
        known = {w for t in m.targets if t.entry.type == "person"
                 for name in (t.entry.name, *t.entry.aliases) for w in _norm(name).split()}
        return any(self.words[k][:1].isupper() and _norm(self.words[k]) not in known
                   for k in (*range(start, m.start), *range(m.end, end)))

    def _name_word(self, i: int) -> bool:
        """A word that may be part of a person's name spaCy did not tag."""
        text, low = self.words[i], self.lowers[i]
        month_name = low in MONTH_NAMES and self.doc[i].dep_ == "compound" and i + 1 < len(self.doc) \
            and self.words[i + 1][:1].isupper() and self.words[i + 1].isalpha() and self.doc[i].ent_type_ != "DATE"
        if not text[:1].isupper() or text == low.upper() or self.taken[i] or low in MODIFIERS \
                or low in self.kb.roles.words or low in INSTITUTION_WORDS or low in NOT_NAME_WORDS and not month_name \
                or low in HONORIFICS or low in DETERMINERS or self._is_nonperson_kb(i):
            return False
        token = self.doc[i]
        return token.pos_ == "PROPN" and token.ent_type_ in UNTAGGED_NAME_ENTS

    def _untagged_names(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """People's names spaCy did not tag as people (issue 17): a run of
        two to four capitalised proper nouns (hyphens and name particles
        inside: "Babajide Sanwo-Olu", "Ursula von der Leyen")

        - right after a title with a role head ("Lagos Governor Babajide
          Sanwo-Olu", not "Coach Pep Guardiola": a coach holds no office
          the role lexicon knows), or after an honorific ("Ms Le Pen": one
          word is enough there);
        - or starting with a known first name (``kb/data/first_names.tsv``)
          and standing in apposition, with a title on either side or to a
          noun ("his vice-president, Emmerson Mnangagwa", "his nearest
          rival, Ricardo Anaya", "Wafula Chebukati, the commission's
          chairman").

        A run that an organisation's or a facility's entity goes beyond is
        that body's name ("the John Smith Foundation")."""
        covered = {i for s, e in spans for i in range(s, e)}
        n = len(self.doc)
        out: list[tuple[int, int]] = []
        i = 0
        while i < n:
            if i in covered or not self._name_word(i):
                i += 1
                continue
            j = i + 1
            while j < n and j not in covered:
                if self._name_word(j):
                    j += 1
                elif j + 1 < n and self.words[j] == "-" and not self.doc[j - 1].whitespace_ \
                        and not self.doc[j].whitespace_ and self._name_word(j + 1):
                    j += 2  # "Sanwo-Olu"
                elif j + 1 < n and self.lowers[j] in NAME_PARTICLES and self._name_word(j + 1):
                    j += 2  # "von der Leyen" (one particle at a time)
                else:
                    break
            if self._untagged_ok(i, j):
                out.append((i, j))
            i = j
        return out

    def _untagged_ok(self, start: int, end: int) -> bool:
        names = [k for k in range(start, end) if self.words[k] != "-" and self.lowers[k] not in NAME_PARTICLES]
        for k in range(start, end):
            ent = self.ent_at.get(k)
            if ent is not None and (ent.start < start or ent.end > end):
                return False
        sent = self.doc[start].sent
        before = self.lowers[start - 1] if start > sent.start else ""
        if before in HONORIFICS:
            return 1 <= len(names) <= 4
        if not 2 <= len(names) <= 4:
            return False
        if before in self.title_words or before in MODIFIERS:
            left = self._walk_left(start - 1, sent.start)
            if left < start and self._has_head(left, start) and not any(
                    self.lowers[k] in INSTITUTION_WORDS for k in range(left, start)):
                return True
        root = self.doc[start:end].root
        appos = root.dep_ == "appos"
        if appos and self._title_span(start, end) is not None:
            return True
        # "manager Sandra Holt", "resident Jane Okafor": a person's noun in
        # lower case right before a name that opens with a first name.
        noun = before in PERSON_NOUNS and self.words[start - 1].islower()
        # "June Steenkamp, Reeva's mother, told": a person's noun in
        # apposition after the name.
        described = any(c.dep_ == "appos" and c.i >= end and c.lemma_.lower() in PERSON_NOUNS for c in root.children)
        return self.lowers[start] in first_names() and (
            appos or noun or described or self._title_span(start, end) is not None)

    def _bare_metonym(self, i: int) -> bool:
        """A one-word capital or seat without "the" ("Hague said"): the
        surname of a person the article has named beats it."""
        m = self.match_at[i]
        return (m.end - m.start == 1 and (i == 0 or self.lowers[i - 1] != "the")
                and all(t.how in ("capital", "seat") for t in m.targets))

    def _is_nonperson_kb(self, i: int) -> bool:
        m = self.match_at.get(i)
        return m is not None and not any(t.entry.type == "person" for t in m.targets)

    def _person_named(self, name: str) -> _Actor:
        key = _norm(name)
        for actor in self.people:
            if _norm(actor.name) == key:
                return actor
        actor = _Actor(name=name, type="person")
        self.people.append(actor)
        return actor

    def _join_tail(self, name: str) -> _Actor | None:
        """The one person whose longer name ends with the words of ``name``
        ("Le Pen" of "Marine Le Pen")."""
        tail = _norm(name).split()
        found = [a for a in self.people if len(_norm(a.name).split()) > len(tail)
                 and _norm(a.name).split()[-len(tail):] == tail]
        return found[0] if len(found) == 1 else None

    def _join_surname(self, i: int, exact_only: bool = False) -> _Actor | None:
        """The person whose full name ends (or, failing that, starts) with
        token ``i``; the most recently mentioned when several do. Failing
        both, the one person whose name of three words or more has it
        inside ("Fernández" of "Cristina Fernández de Kirchner", "Lula" of
        "Luiz Inácio Lula da Silva")."""
        word = _norm(self.words[i])
        if len(word) < 2:
            return None
        multi = [(a, _name_words(a.name)) for a in self.people if len(a.name.split()) > 1]
        for part in (-1, 0):
            found = [a for a, parts in multi if parts[part] == word]
            if exact_only and part == 0:
                if any(parts[0] == word for _, parts in multi):
                    return None
                break
            if found:
                def last_before(a: _Actor) -> tuple[bool, int]:
                    before = [s for s, _ in a.mentions if s < i]
                    return (bool(before), max(before) if before else -min(s for s, _ in a.mentions))

                return max(found, key=last_before)
        inner = [a for a, parts in multi if len(parts) > 2 and word in parts[1:-1] and word not in NAME_PARTICLES]
        return inner[0] if len(inner) == 1 else None

    # -- titles -------------------------------------------------------------

    def _find_titles(self) -> None:
        for actor in self.people:
            for start, end in sorted(actor.mentions):
                if end - start < 2 and len(actor.name.split()) > 1:
                    continue  # titles come with the full name
                span = self._title_span(start, end)
                if span is not None:
                    self._apply_title(actor, span, start, end)
                    break
            if actor.role is None:
                span = self._role_as(actor)
                if span is not None:
                    self._apply_title(actor, span, *min(actor.mentions))
            if actor.role is None:
                self._affiliation_after(actor)
            if actor.code is None:
                first = min(actor.mentions)
                actor.code = self._side_code(first[1] - 1)
            if actor.code is None or actor.sector is None:
                # A known office holder fills what the text leaves open, when
                # the office agrees with what the text says of the person.
                target = None
                m = self.match_at.get(actor.mentions[0][0])
                if m is not None:
                    target = self._person_target(m.start, m.end)
                if target is None:
                    target = self._kb_person(actor.name)
                if target is not None:
                    actor.code = actor.code or target.entry.code
                    if actor.sector is None and target.entry.code == actor.code:
                        actor.sector = target.entry.sector
                elif actor.code is None:
                    # A known office holder out of office on the day (an ousted
                    # president) still belongs to the country the built-in
                    # dictionary knows; a user's entry holds only while valid.
                    # A bare surname before its holder ever took office names
                    # someone else: "Pistorius" in 2014 is the sprinter, not
                    # Germany's defence minister (in office from 2023).
                    codes = {t.entry.code for t in self.kb.lookup(actor.name)
                             if t.entry.type == "person" and not t.user and not (
                                 len(actor.name.split()) == 1 and self.day is not None
                                 and t.entry.valid_from is not None and self.day < t.entry.valid_from)}
                    if len(codes) == 1:
                        actor.code = codes.pop()
            if not actor.role_words:
                target = self._kb_person(actor.name)
                if target is not None and target.entry.role and target.entry.code == actor.code:
                    actor.kb_role_words = tuple(w.lower() for w in tokenize(target.entry.role))
            if actor.code and actor.code not in self.kb.countries and actor.sector in ("GOV", "DIP"):
                # A person of an international organisation: the organisation
                # is the code, and its staff have no national sector.
                actor.sector = None

    def _role_as(self, actor: _Actor) -> tuple[int, int] | None:
        """A title in an "as" phrase of the person's clause: "Robert Mugabe
        resigned as president of Zimbabwe", "Hasina resigned as
        Bangladesh's prime minister"; the object's when the verb has one
        ("named Smith as ambassador")."""
        for start, end in sorted(actor.mentions):
            root = self.doc[start:end].root
            if root.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            verb = root.head
            if root.dep_ != "dobj" and any(c.dep_ == "dobj" for c in verb.children):
                continue
            for prep in verb.children:
                if prep.dep_ != "prep" or prep.lower_ != "as":
                    continue
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None or pobj.lower_ not in self.title_words:
                    continue
                s, e = pobj.left_edge.i, pobj.i + 1
                while e < len(self.doc) and e - s < 10 and self.doc[e].i <= pobj.right_edge.i \
                        and (self.lowers[e] in ("of", "the", "-", "'s", "’s") or self._titleish(e)):
                    e += 1  # "president of Zimbabwe", not "president at Gambia's embassy"
                while e > s and self.lowers[e - 1] in CONNECTORS:
                    e -= 1
                while s < e and self.lowers[s] in DETERMINERS:
                    s += 1
                if not any(self.taken[k] for k in range(s, e)) and self._has_head(s, e):
                    return s, e
        return None

    def _drop_weak(self) -> None:
        keep = []
        for actor in self.people:
            if actor.weak and actor.role is None and not any(
                    self.doc[s].dep_ in ("nsubj", "nsubjpass") for s, _ in actor.mentions):
                continue
            keep.append(actor)
        self.people = keep

    def _affiliation_after(self, actor: _Actor) -> None:
        """"Samuel Charap of the RAND Corporation": an organisation right
        after the name gives the person's code (a known one) or becomes an
        organisation actor with code null (an unknown one)."""
        for _start, end in sorted(actor.mentions):
            if end + 1 >= len(self.doc) or self.lowers[end] not in ("of", "at", "from"):
                continue
            k = end + 1 + (self.lowers[end + 1] == "the")
            m = self.match_at.get(k)
            if m is not None and m.start == k:
                target = self.kb.pick([t for t in m.targets if t.entry.type != "person"
                                       and t.how in ("name", "alias", "seat")], self.day)
                if target is not None:  # "John Kirby of the Pentagon": USA, MIL
                    actor.code = target.entry.code
                    actor.sector = actor.sector or target.sector or target.entry.sector
                    self._take(m.start, m.end)
                    return
            ent = next((e for e in (self.ent_at.get(k), self.ent_at.get(end + 1))
                        if e is not None and e.label_ == "ORG" and e.start in (k, end + 1)), None)
            if ent is not None and not any(self.taken[i] for i in range(k, ent.end)):
                name = _clean_name(self.doc[k:ent.end].text)
                org = self._other(("org", _norm(name)), name, "organization", None, None)
                org.mentions.append((k, ent.end))
                self._take(k, ent.end)
                return

    def _kb_person(self, name: str) -> Target | None:
        persons = [t for t in self.kb.lookup(name) if t.entry.type == "person"]
        return self.kb.pick(persons, self.day) if persons else None

    def _titleish(self, i: int) -> bool:
        token = self.doc[i]
        low = self.lowers[i]
        if low in MODIFIERS or low in self.kb.roles.words:
            return True
        if i in self.match_at and not any(t.entry.type == "person" for t in self.match_at[i].targets):
            return True
        if low in ("'s", "’s") and i - 1 in self.match_at:
            return True
        return (token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ")
                and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "PERSON", "GPE", "LOC")
                and not self.taken[i])

    def _walk_left(self, j: int, floor: int) -> int:
        """The leftmost token of a title run ending at ``j`` (inclusive)."""
        start = j + 1
        if j >= self.dateline:
            floor = max(floor, self.dateline)
        while j >= floor and not self.taken[j] and (self._titleish(j) or self.lowers[j] in CONNECTORS):
            if self.lowers[j] == "the" and (j == floor or self.lowers[j - 1] not in ("of", "at", "to", "for", "on")):
                break
            j -= 1
            start = j + 1
        while start <= j + 1 and start < len(self.doc) and self.lowers[start] in CONNECTORS:
            start += 1
        return start

    def _has_head(self, start: int, end: int) -> bool:
        return end > start and self.kb.roles.sector_of(self.lowers[start:end])[1]

    def _title_span(self, start: int, end: int) -> tuple[int, int] | None:
        sent = self.doc[start].sent
        # 1. A title right before the name.
        left = self._walk_left(start - 1, sent.start)
        if left < start and self._has_head(left, start):
            return left, start
        # 2. "the Kremlin spokesman, Dmitry Peskov"
        if start - 2 >= sent.start and self.words[start - 1] == ",":
            left = self._walk_left(start - 2, sent.start)
            if left < start - 1 and self._has_head(left, start - 1) and (
                left == sent.start or self.lowers[left - 1] in DETERMINERS
                or self.words[left - 1] in ",(" or not self.doc[left - 1].is_alpha
                or self.doc[left - 1].pos_ in ("ADP", "VERB", "CCONJ")
            ):
                return left, start - 1
        # 3. "Kadri Liik, a senior policy fellow at the ECFR,"
        if end < sent.end - 1 and self.words[end] == ",":
            k = end + 1
            if self.lowers[k] in ("a", "an", "the"):
                k += 1
            if self.doc[k].pos_ == "ADP":
                return None  # ", from the post of …": no apposition
            stop = k
            while stop < sent.end and stop - k < 14:
                token = self.doc[stop]
                if token.text in (",", ";", "(", ")", ":", "—", "–", ".", "!", "?") or token.is_space \
                        or token.is_sent_end and token.is_punct:
                    break
                if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound") \
                        or self.lowers[stop] in ("who", "which", "that"):
                    return None  # a clause, not a title ("the ruling party" is one)
                stop += 1
            if stop > k and self._has_head(k, stop):
                return k, stop
        return None

    def _apply_title(self, actor: _Actor, span: tuple[int, int], start: int, end: int) -> None:
        s, e = span
        while e > s and self.lowers[e - 1] in ("'s", "’s", ",", "the"):
            e -= 1
        while s < e - 1 and self.doc[s].pos_ == "ADP":
            s += 1  # "under President Alejandro Giammattei"
        text = self.doc[s:e].text
        actor.role = text
        actor.role_words = tuple(self.lowers[s:e])
        sector, _ = self.kb.roles.sector_of(list(actor.role_words))
        if sector == "*":  # "her Russian counterpart": the sector of the other side
            other = [a for a in self.people if a is not actor and a.sector and any(
                m[0] < s and self.doc[m[0]].sent == self.doc[s].sent for m in a.mentions)]
            sector = other[-1].sector if other else "GOV"
        if sector == "GOV" and (self._private_body_in(s, e) or s > 0 and self.lowers[s - 1] == "its"
                                and not STATE_HEADS & set(actor.role_words)):
            # "La Liga president", "UEFA president", "its president": an
            # organisation's officer, not a state's.
            sector = None
        if sector == "GOV" and not STATE_HEADS & set(actor.role_words):
            # "UAW President Shawn Fain", "the UAW's president": the officer
            # of a known union, party or company takes its sector.
            body = self._known_body_sector(s, e)
            if body is not None:
                sector = body
        code, affiliation = self._title_code(s, e, sector in HOME_SECTORS)
        before = self.ent_at.get(s - 1)
        if code is None and before is not None and before.label_ == "GPE" and before.end == s \
                and self.doc[s - 1].dep_ == "compound" and not any(self.taken[k] for k in range(before.start, s)):
            # "Lagos Governor Babajide Sanwo-Olu": the place in front of the title.
            code = self._place_code(before.start, s)
            if code is not None:
                s = before.start
                actor.role = self.doc[s:e].text
                actor.role_words = tuple(self.lowers[s:e])
        if sector == "BUS" and _contains(actor.role_words, TERRITORY_OFFICE) and affiliation is None:
            # "Chief Executive Carrie Lam": Hong Kong's (or Macau's) head of
            # government when the title names the territory, or when the
            # title is written as a formal one (capitalised) with no company
            # in it and the article names the territory.
            formal = all(self.words[k][:1].isupper() for k in range(s, e) if self.lowers[k] in TERRITORY_OFFICE)
            named = set(self._named_codes() & TERRITORIES) if code is None and formal and not any(
                self.words[k][:1].isupper() and self.lowers[k] not in TERRITORY_OFFICE for k in range(s, e)) \
                else set()
            if code in TERRITORIES or len(named) == 1:
                code = code or named.pop()
                sector = "GOV"
        if code is None and sector == "GOV" and actor.role_words[-1:] == ("commissioner",) \
                and "EU" in self._named_codes():
            # "Competition Commissioner Margrethe Vestager": a European
            # commissioner in an article that names the EU.
            code = "EU"
        actor.sector = sector
        actor.code = code
        if affiliation is not None:
            org = self._other(("org", _norm(self.doc[affiliation[0]:affiliation[1]].text)),
                              _clean_name(self.doc[affiliation[0]:affiliation[1]].text),
                              "organization", None, None)
            org.mentions.append(affiliation)
        for i in range(s, e):
            self.taken[i] = True

    def _title_code(self, s: int, e: int, state: bool = False) -> tuple[str | None, tuple[int, int] | None]:
        """The code a title gives (and an unknown organisation it names as
        the person's affiliation, for the caller to add). A city or state in
        it gives its country; so does a name spaCy took for an organisation
        in a state office's title (``state``: "Marseille prosecutor", not
        "Orange chief executive")."""
        inside = dict.fromkeys(self.match_at[i] for i in range(s, e) if i in self.match_at)
        principal: str | None = None
        for m in inside:
            if m.start < s or m.end > e:
                continue
            before = self.lowers[m.start - 1] if m.start > s else ""
            if before == "the" and m.start - 2 >= s:
                before = self.lowers[m.start - 2]
            if principal is None:
                # "national security adviser to Prime Minister Abiy Ahmed", "the sister of
                # leader Kim Jong Un": a known person's staff or kin are of the person's
                # country (a fallback: a country in the title itself comes first). The
                # person's own title may stand between ("to Prime Minister").
                k = m.start - 1
                while k > s and self.lowers[k] not in ("to", "for", "of") and m.start - k <= 4:
                    k -= 1
                if k > s and self.lowers[k] in ("to", "for", "of") and self.lowers[k - 1] in STAFF_HEADS:
                    person = self.kb.pick([t for t in m.targets if t.entry.type == "person"], self.day)
                    principal = person.entry.code if person is not None else None
            if before in ("to", "for"):
                continue
            ent = self.ent_at.get(m.start)
            if ent is not None and ent.start + (self.lowers[ent.start] == "the") < m.start \
                    and ent.label_ in ("ORG", "EVENT", "FAC", "WORK_OF_ART"):
                continue  # the end of a longer name: "Tour de France director"
            # A description such as "the office" (a context alias) names no
            # body inside a title: "the office of Belarusian President …".
            target = self.kb.pick([t for t in m.targets if t.entry.type != "person"
                                   and t.how != "context"], self.day)
            if target is not None:
                return target.entry.code, None
        for ent in dict.fromkeys(self.ent_at[i] for i in range(s, e) if i in self.ent_at):
            if (ent.label_ == "GPE" or state and ent.label_ == "ORG") and s <= ent.start and ent.end <= e \
                    and (ent.start == s or self.lowers[ent.start - 1] not in ("to", "for", "in")):
                place = self._place_code(ent.start, ent.end)
                if place is not None:
                    return place, None
        # "a senior fellow at the European Council on Foreign Relations"
        for ent in dict.fromkeys(self.ent_at[i] for i in range(s, e) if i in self.ent_at):
            if ent.label_ == "ORG" and s <= ent.start and ent.end <= e and ent.start > s:
                if self._all_role_words(ent.start, ent.end):
                    continue  # "Secretary of State": State is part of the title
                start = ent.start + (self.lowers[ent.start] == "the")
                if self.lowers[ent.start - 1] in ("at", "of", "with", "from") or start > ent.start:
                    return None, (start, ent.end)
        return principal, None

    def _private_body_in(self, s: int, e: int) -> bool:
        """The title names an organisation that is no state body, party or
        known organisation (spaCy's ORG entity: "La Liga", "UEFA", "Boeing"),
        so that its "president" or "chairman" is that body's officer."""
        from .speakers import PARTIES

        for ent in dict.fromkeys(self.ent_at[i] for i in range(s, e) if i in self.ent_at):
            if ent.label_ != "ORG" or ent.start < s or ent.end > e or self._all_role_words(ent.start, ent.end) \
                    or self.lowers[ent.end - 1] in PLACE_HEADS:
                continue  # "governor of the Federal District" governs a place
            if any(i in self.match_at and any(t.how != "context" for t in self.match_at[i].targets)
                   for i in range(ent.start, ent.end)):
                continue
            if self._state_body(ent.start, ent.end) is not None or any(
                    (w,) in PARTIES for w in self.lowers[ent.start:ent.end]):
                continue
            return True
        return False

    def _known_body_sector(self, s: int, e: int) -> str | None:
        """The sector of a known organisation named in the title, when it is
        not a state's (a union, party, company or NGO in the dictionary)."""
        for i in range(s, e):
            match = self.match_at.get(i)
            if match is None:
                continue
            for target in match.targets:
                entry = target.entry
                if target.how != "context" and entry.type == "organization" and entry.sector \
                        and entry.sector not in STATE_SECTORS and entry.sector != "DIP":
                    return entry.sector
        return None

    def _named_codes(self) -> frozenset[str]:
        """The codes of the countries and organisations the article names."""
        if self.named_codes is None:
            self.named_codes = frozenset(t.entry.code for m in self.matches for t in m.targets
                                         if t.entry.type != "person" and t.entry.code and t.how != "context")
        return self.named_codes

    def _place_code(self, start: int, end: int) -> str | None:
        """The country of a city or state named in a title ("Lagos Governor",
        "Manhattan District Attorney"): the gazetteer's most prominent place
        of the name, when it is a state or a city of 100,000 people or more."""
        from ..kb.gazetteer import gazetteer

        places = gazetteer().lookup(self.doc[start:end].text)
        if not places:
            return None
        top = places[0]
        if top.feature == "state" or top.feature == "city" and top.population >= TITLE_PLACE_POPULATION:
            return top.country
        return None

    def _all_role_words(self, start: int, end: int) -> bool:
        return all(w in self.kb.roles.words or w in MODIFIERS or w in CONNECTORS
                   for w in self.lowers[start:end])

    def _side_code(self, i: int) -> str | None:
        """The code of a side noun governing token ``i``: "the Russian
        delegation led by ... Grushko"."""
        token: Token = self.doc[i]
        for _ in range(5):
            if token.head == token:
                break
            token = token.head
            if token.lower_ in SIDE_NOUNS:
                for child in token.children:
                    if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i in self.match_at:
                        target = self.kb.pick(self.match_at[child.i].targets, self.day)
                        if target is not None and target.entry.type != "person":
                            return target.entry.code
        return None

    # -- coreference --------------------------------------------------------

    def _find_title_only(self) -> None:
        """"the secretary-general", "the Kremlin spokesman" without a name."""
        for i in range(len(self.doc)):
            found = self.kb.roles.longest(self.kb.roles.titles, self.lowers, i + 1)
            if found is None or self.taken[i]:
                continue
            head_start, role = found
            if i + 1 < len(self.doc) and (self.doc[i + 1].ent_type_ == "PERSON" or self.words[i + 1] == ","
                                          and i + 2 < len(self.doc) and self.doc[i + 2].ent_type_ == "PERSON"):
                continue
            if i + 1 < len(self.doc) and self.lowers[i + 1] in ("of", "to", "for", "at"):
                continue  # "the head of the agency": too open to resolve
            if i + 1 < len(self.doc) and (self.lowers[i + 1] in self.kb.roles.words
                                          or self.lowers[i + 1] in MODIFIERS):
                continue  # the title goes on: "chief negotiator"
            if self.doc[i].tag_ in ("NNS", "NNPS"):
                continue
            left = self._walk_left(head_start - 1, self.doc[i].sent.start)
            left = min(left, head_start)
            while left > self.doc[i].sent.start and self.doc[left - 1].is_lower and self.doc[left - 1].is_alpha \
                    and self.doc[left - 1].dep_ in ("amod", "compound") and left - 1 < self.doc[left - 1].head.i <= i:
                left -= 1  # "the ethics commissioner", "the federal prosecutor"
            if left == 0 or self.lowers[left - 1] not in ("the",) and not (
                left < head_start and self.lowers[left] in ("'s", "’s")) and not any(
                    self.lowers[k] in ("'s", "’s") for k in range(left, head_start)):
                continue
            if any(self.taken[k] for k in range(left, i + 1)):
                continue
            words = tuple(self.lowers[left:i + 1])
            code = self._title_code(left, i + 1)[0]
            actor = self._recent_holder(role.phrase, code, left)
            if actor is not None:
                actor.mentions.append((left, i + 1))
                self._take(left, i + 1)
            elif code is not None:
                sector, _ = self.kb.roles.sector_of(list(words))
                self._kb_actor_for_code(code, None if sector == "*" else sector, (left, i + 1))
            else:
                # "the ethics commissioner", "the federal prosecutor": an office
                # of the article's own country, when one dominates it.
                sector, _ = self.kb.roles.sector_of(list(words))
                if sector in STATE_SECTORS and not set(role.phrase) & (PERSONAL_HEADS | TOP_OFFICES) \
                        and not any(w[:1].isupper() for w in self.words[left:head_start]
                                    if w.lower() not in MODIFIERS and w.lower() not in self.kb.roles.words):
                    self.pending.append((left, i + 1, sector))

    def _recent_holder(self, head: tuple[str, ...], code: str | None, before: int) -> _Actor | None:
        best: tuple[int, _Actor] | None = None
        generic = len(head) == 1 and head[0] in GENERIC_HEADS
        for actor in self.people:
            office = actor.role_words or actor.kb_role_words
            if not _contains(office, head) and not (
                    generic and code is not None and any(w in TOP_OFFICES for w in office)):
                continue
            if code is not None and actor.code != code:
                continue
            starts = [s for s, _ in actor.mentions if s < before]
            if starts and (best is None or max(starts) > best[0]):
                best = (max(starts), actor)
        return best[1] if best else None

    def _find_pronouns(self) -> None:
        for token in self.doc:
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None or token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if token.head.lemma_.lower() not in REPORTING:
                continue
            here = bisect_right(self.sent_starts, token.i)
            floor = self.sent_starts[max(here - 3, 0)] if here else 0
            # The most recent person who was a subject wins, then the most
            # recently mentioned: "“…,” Biden said at a news conference with
            # the Polish prime minister, Donald Tusk. He said …" is Biden.
            best: tuple[tuple[int, int], _Actor] | None = None
            for actor in self.people:
                if actor.gender not in (None, gender):
                    continue
                within = [(s, e) for s, e in actor.mentions if floor <= s < token.i]
                if not within:
                    continue
                subject = max((s for s, e in within if self._is_subject(s, e)), default=-1)
                key = (subject, max(s for s, _ in within))
                if best is None or key > best[0]:
                    best = (key, actor)
            if best is not None:
                best[1].gender = gender
                best[1].mentions.append((token.i, token.i + 1))
                self.taken[token.i] = True

    def _is_subject(self, start: int, end: int) -> bool:
        root = self.doc[start:end].root
        if root.dep_ == "appos":  # "Turkey's foreign minister, Mevlüt Çavuşoğlu, …"
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass")

    # -- countries, organisations, groups ------------------------------------

    def _find_ngo_groups(self) -> None:
        """Non-governmental groups named by what they campaign for: "human
        rights groups", "aid groups", "environmental groups including
        Greenpeace" (type group, sector NGO; a country before them gives the
        code: "Kenyan rights groups")."""
        for i, low in enumerate(self.lowers):
            if low not in NGO_HEADS or self.taken[i]:
                continue
            token = self.doc[i]
            mods = [c for c in token.lefts if c.dep_ in ("amod", "compound") and c.lower_ in NGO_MODIFIERS]
            if not mods:
                continue
            start = min(c.left_edge.i for c in mods)
            country = None
            for c in token.lefts:
                if c.dep_ in ("amod", "compound", "nmod") and c.i < start and c.i in self.match_at:
                    target = self.kb.pick([t for t in self.match_at[c.i].targets if t.entry.type == "country"],
                                          self.day)
                    if target is not None:
                        country, start = target.entry.code, min(start, self.match_at[c.i].start)
            if any(self.taken[k] for k in range(start, token.i + 1)):
                continue
            name = self.doc[start:token.i + 1].text
            actor = self._other(("group", country, "NGO", _norm(name)), name, "group", country, "NGO")
            actor.mentions.append((start, token.i + 1))
            self._take(start, token.i + 1)

    def _find_kb_actors(self) -> None:
        named: dict[str, int] = {}  # code or name → last token where named
        for m in self.matches:
            for target in m.targets:
                if target.how in ("name", "alias") and target.entry.type != "person":
                    named[_key(target)] = m.start
            if any(self.taken[i] for i in range(m.start, m.end)):
                continue
            targets = [t for t in m.targets if t.entry.type != "person"]
            if not targets:
                continue
            context = [t for t in targets if t.how == "context"]
            if context and len(context) == len(targets):
                if m.end < len(self.doc) and self.lowers[m.end] in ("of", "for"):
                    continue  # "the council of the OSCE" describes another body
                if self._continues_name(m.start):
                    continue  # "the European Community" is not ECOWAS's "the community"
                seen = [(named[_key(t)], t) for t in context
                        if _key(t) in named and named[_key(t)] < m.start]
                if not seen:
                    continue
                target = max(seen, key=lambda x: x[0])[1]
            else:
                picked = self.kb.pick([t for t in targets if t.how != "context"], self.day)
                if picked is None:
                    continue
                target = picked
            self._kb_match(m, target)

    def _kb_match(self, m: Match, target: Target) -> None:
        entry = target.entry
        code = entry.code
        root = self._root(m.start, m.end)
        # "Russian troops", "NATO diplomats", "US officials"
        group = self._group_after(m.end)
        if group is not None and target.how != "people":
            end, role, table = group
            sector = role.sector if role.sector != "*" else None
            if target.how == "seat" and sector == "GOV":
                sector = target.sector  # "Pentagon officials" are MIL
            if table == "groups":
                name = self.doc[m.start:end].text
                actor = self._other(("group", code, sector), name, "group", code, sector)
                actor.mentions.append((m.start, end))
                self._take(m.start, end)
            else:
                self._kb_actor(target, sector, (m.start, end))
            return
        if target.how == "adjective":
            return
        if target.how == "people":
            actor = self._other(("group", code, None), self.doc[m.start:m.end].text, "group", code, None)
            actor.mentions.append((m.start, m.end))
            self._take(m.start, m.end)
            return
        if self._is_place(root, m) or self._is_modifier(root, m):
            return
        if target.how == "capital" and not self._is_metonym(root):
            return
        if target.how in ("capital", "seat") and self.doc[m.start].ent_iob_ == "I" and (
                self.doc[m.start].ent_type_ == "PERSON" or m.start > 0 and self.doc[m.start - 1].pos_ == "PROPN"):
            return  # the end of a longer name: "Booz Allen Hamilton" is no Bermuda, "Lewis Hamilton" no city
        self._kb_actor(target, target.sector if target.how in ("capital", "seat") else entry.sector,
                       (m.start, m.end))

    def _kb_actor(self, target: Target, sector: str | None, span: tuple[int, int]) -> None:
        entry = target.entry
        if entry.type == "country" or target.how in ("capital", "seat", "adjective", "people"):
            name = self.kb.country_name(entry.code) or entry.name
            kind = "country"
        else:
            name, kind = entry.name, entry.type
        actor = self._other((kind, entry.code or _norm(name), sector), name, kind, entry.code, sector)
        actor.mentions.append(span)
        self._take(*span)

    def _kb_actor_for_code(self, code: str, sector: str | None, span: tuple[int, int]) -> None:
        name = self.kb.country_name(code)
        if name is not None:
            actor = self._other(("country", code, sector), name, "country", code, sector)
        else:
            org = next((a for a in self.others.values() if a.code == code and a.type == "organization"), None)
            actor = self._other(("organization", code, sector), org.name if org else code,
                                "organization", code, sector)
        actor.mentions.append(span)
        self._take(*span)

    def _group_after(self, i: int) -> tuple[int, Role, str] | None:
        """A role noun heading the phrase right after a country or
        organisation, with a few modifiers allowed ("Russian military
        officials"): its end, the role, and "groups" (a plural: "Russian
        troops") or "bodies" (a collective: "the Russian government")."""
        best: tuple[int, Role, str] | None = None
        for end in range(i + 1, min(i + 4, len(self.doc)) + 1):
            low = self.lowers[end - 1]
            last = self.doc[end - 1]
            heads = not (last.dep_ in ("compound", "amod", "nmod") and last.head.i >= end)
            for name, table in (("groups", self.kb.roles.groups), ("bodies", self.kb.roles.bodies)):
                found = self.kb.roles.longest(table, self.lowers, end)
                if found is not None and heads and found[0] >= i and all(
                        self.lowers[k] in MODIFIERS or self.lowers[k] in self.kb.roles.words
                        for k in range(i, found[0])):
                    best = (end, found[1], name)
                    break
            if low not in MODIFIERS and low not in self.kb.roles.words:
                break
        if best is not None and best[0] + 1 < len(self.doc) and self.lowers[best[0]] in ("on", "for", "of", "and") \
                and self.words[best[0] + 1][:1].isupper() and self.doc[best[0] - 1].ent_type_ == "ORG":
            return None  # "Kenya National Commission on Human Rights": a longer name
        return best

    def _sport_body(self, i: int) -> SpacySpan | None:
        """The organisation entity around token ``i`` that names a sport's
        body after a country ("Cricket South Africa", "Football Federation
        Australia"), or None."""
        ent = self.ent_at.get(i)
        if ent is None or ent.label_ != "ORG":
            return None
        return ent if any(w in SPORT_WORDS for w in self.lowers[ent.start:ent.end]) else None

    def _root(self, start: int, end: int) -> Token:
        span = self.doc[start:end]
        return span.root

    def _continues_name(self, start: int) -> bool:
        """The token at ``start`` continues a longer proper name: a named
        entity that begins before it, or a capitalised word right before it
        ("European Community", "Caribbean Development Community")."""
        token = self.doc[start]
        if token.ent_iob_ == "I":
            return True
        if start == 0:
            return False
        before = self.doc[start - 1]
        return (before.is_title or before.is_upper) and before.pos_ in ("PROPN", "ADJ") \
            and not before.is_sent_start

    def _is_place(self, root: Token, m: Match) -> bool:
        token = root
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
            return False  # "according to Downing Street": a source, not a place
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE:
            # "warnings from Beijing" is an actor; "flew from Beijing" a place.
            prep = token.head
            return not (prep.lower_ == "from" and prep.head.pos_ == "NOUN"
                        and prep.head.lower_ not in GEO_NOUNS)
        if token.dep_ == "pobj" and token.head.head.lower_ in GEO_NOUNS:
            return True
        if token.dep_ == "poss" and token.head.lower_ in GEO_NOUNS:
            return True
        if token.dep_ == "npadvmod" and token.head.pos_ == "ADV":
            return True
        # A dateline: "MOSCOW (Reuters) -", "KYIV, Jan 12 -"
        nxt = self.words[m.end] if m.end < len(self.doc) else ""
        return self.words[m.start].isupper() and len(self.words[m.start]) > 3 and nxt in ("(", "—", "-", ",")

    def _is_modifier(self, root: Token, m: Match) -> bool:
        # "Russia-NATO relations", "the Ukraine crisis": the name modifies a
        # noun that is not an actor.
        return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= m.end

    def _is_metonym(self, root: Token) -> bool:
        token = root
        while token.dep_ in ("conj", "appos") and token.head != token:
            token = token.head
        if token.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "agent"):
            return True
        return token.dep_ == "pobj" and token.head.lower_ in ("with", "between", "by", "against", "on",
                                                               "for", "than", "of")

    def _find_other_orgs(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "ORG" and not (ent.label_ == "PERSON" and (
                    any(w in INSTITUTION_WORDS for w in self.lowers[ent.start:ent.end])
                    or ent.end - ent.start > 1 and self.lowers[ent.end - 1] in ORG_NAME_WORDS
                    or self._body_by_apposition(ent.start, ent.end))):
                continue
            start = ent.start + (self.lowers[ent.start] == "the")
            if start < self.dateline < ent.end:
                start = self.dateline  # "BENGALURU - Walmart agreed": the name after the dateline
            end = ent.end
            while end > start and self.lowers[end - 1] in ("'s", "’s"):
                end -= 1
            start, end = self._org_extent(start, end)
            if end <= start or any(self.taken[i] for i in range(start, end)):
                continue
            body = self._state_body(start, end)
            if any(i in self.match_at and any(t.how != "context" for t in self.match_at[i].targets)
                   for i in range(start, end)) and (body is None or body[0] is None):
                continue  # a known name inside: only a state body named after its country is new
            if ent.start > 0 and end < len(self.doc) and self.words[ent.start - 1] == "(" \
                    and self.words[end] == ")":
                continue  # a dateline's agency, "BRUSSELS (Reuters) -", or an acronym aside
            if self._all_role_words(start, end):
                if body is not None and self._acts(start, end):
                    # "the Supreme Court", "the Interior Ministry": the country's
                    # institution, as "the Russian government" is.
                    if body[0] is not None:
                        self._kb_actor_for_code(body[0], body[1], (start, end))
                    else:
                        self.pending.append((start, end, body[1]))
                continue
            if not any(self.words[i][:1].isupper() and self.doc[i].is_alpha and len(self.words[i]) > 1
                       for i in range(start, end)):
                continue
            if not self._acts(start, end):
                continue
            name = _clean_name(self.doc[start:end].text)
            code, sector = body if body is not None else (None, None)
            fuller = self._fuller_org(name) if body is None else None
            actor = fuller or self._other(("org", _norm(name)), name, "organization", code, sector)
            actor.home = body is not None and code is None
            actor.mentions.append((start, end))
            self._take(start, end)

    def _left_name_words(self, start: int, end: int) -> int:
        """Where a name starts once the capitalised proper nouns right before
        spaCy's entity, modifying its head, are taken in ("Covid-19" of
        "Covid-19 Bereaved Families for Justice", "Swadeshi" of "Swadeshi
        Jagran Manch")."""
        sent_start = self.doc[start].sent.start
        while start - 1 >= max(sent_start, self.dateline):
            t = self.doc[start - 1]
            if not (t.tag_ == "NNP" and t.dep_ == "compound" and start <= t.head.i < end and t.text[:1].isupper()
                    and not self.taken[t.i] and t.ent_type_ == "" and self.lowers[t.i] not in self.title_words
                    and self.lowers[t.i] not in HONORIFICS):
                break
            start -= 1
        return start

    def _org_extent(self, start: int, end: int) -> tuple[int, int]:
        """An organisation's whole name around spaCy's entity: the proper
        nouns before it (_left_name_words) and a "for" + organisation's
        name after it ("Bereaved Families" + "for Justice")."""
        start = self._left_name_words(start, end)
        if end + 1 < len(self.doc) and self.lowers[end] == "for" and not self.taken[end + 1]:
            after = self.ent_at.get(end + 1)
            if after is not None and after.label_ == "ORG" and after.start == end + 1 \
                    and self.lowers[end + 1] != "the":
                end = after.end
        return start, end

    def _body_by_apposition(self, start: int, end: int) -> bool:
        """A name (with the proper nouns before it) after "the" with an
        organisation's noun in apposition: "The Swadeshi Jagran Manch, an
        economic group linked to …". People take no article."""
        first = self._left_name_words(start, end)
        if first == 0 or self.lowers[first - 1] != "the":
            return False
        root = self.doc[start:end].root
        return any(c.dep_ == "appos" and c.i >= end and c.lemma_.lower() in ORG_APPOSITION_NOUNS
                   for c in root.children)

    def _fuller_org(self, name: str) -> _Actor | None:
        """An organisation named before by a longer name this one begins or
        ends ("Lehman" after "Lehman Brothers", "Harvard" after "Harvard
        University", "Super League" after "the European Super League"): the
        same body, as a surname is its person. Only one such body, and not
        when the short form is a single generic word ("National", "United")."""
        key = _norm(name).split()
        if not key or len(key) == 1 and key[0] in ORG_NAME_WORDS | GENERIC_ORG_WORDS:
            return None
        found = [a for k, a in self.others.items() if k[0] == "org" and a.type == "organization"
                 and len(long := _norm(a.name).split()) > len(key) and long[0] not in POSSESSIVE_WORDS
                 and (long[:len(key)] == key or long[-len(key):] == key)]
        return found[0] if len(found) == 1 else None

    def _acts(self, start: int, end: int) -> bool:
        """An organisation's name that acts, is acted upon or owns something,
        not one used as a place."""
        token = self.doc[start:end].root
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "pobj", "appos", "agent"):
            return False
        return not self._is_place(token, Match(start, end, ()))

    def _state_body(self, start: int, end: int) -> tuple[str | None, str] | None:
        """(code, sector) of a state body, party or trade union the knowledge
        base does not know, by its name: "the National Transportation Safety
        Board", "the Kenya National Commission on Human Rights", "the
        Workers' Party", "the Nigeria Labour Congress". The code is the
        country the name (or a country right before it: "Japan's Fair Trade
        Commission") holds; None means the article's own country, filled in
        at the end. A commission, board, agency and the like count only
        with a national qualifier ("National", "Federal", "Electoral"...):
        a "Council on Foreign Relations" is a think tank. None for any other
        name, and for an international one."""
        body = body_by_name(self.lowers[start:end])
        if body is None:
            return None
        sector, national = body
        code = None
        for k in [*range(start, end), start - 1 - (start > 0 and self.lowers[start - 1] in ("'s", "’s"))]:
            m = self.match_at.get(k)
            if m is None:
                continue
            target = self.kb.pick([t for t in m.targets if t.entry.type == "country"
                                   and t.how in ("name", "alias", "adjective")], self.day)
            if target is not None:
                code = target.entry.code
                break
        if code is None and not national:
            return None
        return code, sector

    # -- helpers ------------------------------------------------------------

    def _other(self, key: tuple[str | None, ...], name: str, kind: str, code: str | None,
               sector: str | None) -> _Actor:
        actor = self.others.get(key)
        if actor is None:
            actor = self.others[key] = _Actor(name=name, type=kind, code=code, sector=sector)
        return actor

    def _take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True


def _key(target: Target) -> str:
    return target.entry.code or _norm(target.entry.name)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """A person's name as normalised words (``name_key`` of each)."""
    return tuple(_norm(w) for w in name.split())


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == tuple(phrase) for i in range(len(words) - n + 1))


def _clean_name(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _identity(actor: _Actor) -> str:
    """The key that gives an actor one identity across a corpus: a
    country's code; a person's or organisation's normalised canonical name
    (the European Parliament is not the EU, though both carry code EU); a
    group's code and sector."""
    if actor.type == "country" and actor.code:
        return f"country:{actor.code}"
    if actor.type == "group":
        return f"group:{actor.code or '-'}:{actor.sector or '-'}"
    return f"{actor.type}:{_norm(actor.name).replace(' ', '-')}"
