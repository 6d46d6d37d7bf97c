"""Stage: actors — the people, countries, organisations and groups of an article.

Reads: ``doc`` (tokens, parse, named entities), ``published``. Adds:
``actors`` — one ``actor`` record per entity, with every mention's offsets.

How an article's actors are found, in order:

1. **Knowledge-base phrases** (:mod:`detente.kb`): country names, adjectives
   and nationals, capitals and seats of power, organisations, well-known
   office holders, and the user's dictionaries, matched on tokens.
2. **People**: spaCy's PERSON entities and known office holders. Full names
   make one cluster per person; a later surname or first name joins it
   (the most recent one when two people share it).
3. **Titles**, from the article's own words: a title in front of the name
   ("NATO Secretary-General Jens Stoltenberg"), an appositive before it ("the
   Kremlin spokesman, Dmitry Peskov") or after it ("Kadri Liik, a senior
   policy fellow at the European Council on Foreign Relations"). The title
   gives the role (as written), the sector (from its head word) and the
   code: the first country or organisation in it, except one after "to" or
   "for" ("US ambassador to NATO" represents the USA). With no code in the
   title, a governing phrase gives it ("the Russian delegation led by Deputy
   Foreign Minister Alexander Grushko" → RUS). A known office holder valid
   on the publication date fills what the text leaves open.
4. **Coreference**: title-only phrases ("the secretary-general") join the
   most recent person whose title has that head and agrees in code;
   "he"/"she" as the subject of a reporting verb joins the most recent
   person mentioned before it in the last three sentences (skipping anyone
   already referred to by the other pronoun).
5. **Countries and organisations** as actors: names, metonyms (the
   government sector: "Moscow said", "the Kremlin") and descriptions that
   point back to an organisation already named ("the alliance"). A name used
   as a place ("talks in Geneva", "near Ukraine", "Ukraine's border") or as a
   modifier ("Russia-NATO relations") is not an actor.
6. **Groups**: a country or organisation followed by a plural role noun
   ("Russian troops", "NATO diplomats": type group, the noun's sector); a
   singular body noun makes the country actor with that sector ("the Russian
   government"); nationals ("the Russians") are a group with no sector.
7. **Other organisations**: spaCy ORG entities not in the knowledge base,
   when they act, are acted upon or are a person's affiliation; code null.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..article import Article
from ..kb import KnowledgeBase, Match, Target, load_kb, reporting_verbs, tokenize
from ..kb import name_key as _norm
from ..kb.roles import INSTITUTION_WORDS, MODIFIERS, Role, words
from ..records import ActorRecord, Span
from ..settings import Settings

NAME = "actors.v1"

# Prepositions after which a country or city is a place, not an actor.
LOCATIVE = words("""in at near to into from across along inside outside around toward towards
    through throughout within via onto off beyond past over about regarding behind beside""")
# Nouns that make their possessor or object a territory ("Ukraine's border").
GEO_NOUNS = words("""border borders frontier territory territories soil region regions capital
    city cities coast coastline east west north south airspace waters streets parts part map
    outskirts countryside province provinces side population people economy headquarters
    premises compound building offices""")
# Particles inside personal names ("Ursula von der Leyen", "Abu Mohammed al-Jolani").
NAME_PARTICLES = words("von van der den de del della di da dos das du la le al el bin ibn ter ten")
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
CONNECTORS = frozenset({"of", "to", "for", "at", "and", "-", "on", "the", "’s", "'s"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
PRONOUN_GENDER = {"he": "m", "she": "f"}


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
        self.matches = [m for m in kb.match(self.words, self.lowers) if not self._inside_name(m)]
        self.match_at: dict[int, Match] = {}
        for m in self.matches:
            for i in range(m.start, m.end):
                self.match_at[i] = m
        self.taken = [False] * len(doc)  # tokens already part of some mention or title
        self.people: list[_Actor] = []
        self.others: dict[tuple[str | None, ...], _Actor] = {}

    def _inside_name(self, m: Match) -> bool:
        """A known name at the start of a longer institution's name: "European
        Council" in "European Council on Foreign Relations"."""
        ent = self.ent_at.get(m.start)
        if not ent or ent.label_ not in ("ORG", "FAC", "WORK_OF_ART") or ent.end <= m.end + 1:
            return False
        return self.lowers[m.end] in ("on", "for", "of", "and") and self.words[m.end + 1][:1].isupper()

    # -- driver -------------------------------------------------------------

    def run(self) -> list[_Actor]:
        self._find_people()
        self._find_titles()
        self._drop_weak()
        self._find_title_only()
        self._find_pronouns()
        self._find_kb_actors()
        self._find_other_orgs()
        actors = [a for a in (*self.people, *self.others.values()) if a.mentions]
        for actor in actors:
            actor.identity = _identity(actor)
        return sorted(actors, key=lambda a: min(a.mentions))

    # -- people -------------------------------------------------------------

    def _person_target(self, start: int, end: int) -> Target | None:
        m = self.match_at.get(start)
        if m is None or m.start != start or m.end != end:
            return None
        persons = [t for t in m.targets if t.entry.type == "person"]
        return self.kb.pick(persons, self.day) if persons else None

    def _find_people(self) -> None:
        spans: list[tuple[int, int]] = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start, ent.end
            # spaCy sometimes takes a title into the name ("President Joe Biden").
            while start < end and (self.lowers[start] in MODIFIERS
                                   or self.lowers[start] in self.kb.roles.words
                                   or self.lowers[start] in DETERMINERS):
                start += 1
            while end > start and self.lowers[end - 1] in ("'s", "’s", "'", "’"):
                end -= 1
            # "Ursula von der" + "Leyen": a name particle never ends a name.
            while end < len(self.doc) and self.lowers[end - 1] in NAME_PARTICLES \
                    and self.words[end][:1].isupper():
                end += 1
            if start == end or not self.words[start][:1].isupper():
                continue
            if any(self._is_nonperson_kb(i) for i in range(start, end)):
                continue
            if any(w in INSTITUTION_WORDS for w in self.lowers[start:end]):
                continue  # "Tigray People's Liberation Front" is not a person
            spans.append((start, end))
        for m in self.matches:
            if any(t.entry.type == "person" for t in m.targets):
                # A known office holder's name as the dictionary spells it
                # out beats the model's (shorter or longer) span.
                spans = [(s, e) for s, e in spans if not (s < m.end and m.start < e)]
                spans.append((m.start, m.end))
        spans.sort()
        # Full names first, so that surnames anywhere can join them.
        for start, end in (s for s in spans if s[1] - s[0] > 1):
            target = self._person_target(start, end)
            name = target.entry.name if target else _clean_name(self.doc[start:end].text)
            actor = self._person_named(name)
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
                    joined.weak = True
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

    def _join_surname(self, i: int, exact_only: bool = False) -> _Actor | None:
        """The person whose full name ends (or, failing that, starts) with
        token ``i``; the most recently mentioned when several do."""
        word = _norm(self.words[i])
        if len(word) < 2:
            return None
        multi = [a for a in self.people if len(a.name.split()) > 1]
        for part in (-1, 0):
            found = [a for a in multi if _norm(a.name.split()[part]) == word]
            if exact_only and part == 0:
                break
            if found:
                def last_before(a: _Actor) -> tuple[bool, int]:
                    before = [s for s, _ in a.mentions if s < i]
                    return (bool(before), max(before) if before else -min(s for s, _ in a.mentions))

                return max(found, key=last_before)
        return None

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
            if not actor.role_words:
                target = self._kb_person(actor.name)
                if target is not None and target.entry.role and target.entry.code == actor.code:
                    actor.kb_role_words = tuple(w.lower() for w in tokenize(target.entry.role))
            if actor.code and actor.code not in self.kb.countries and actor.sector in ("GOV", "DIP"):
                # A person of an international organisation: the organisation
                # is the code, and its staff have no national sector.
                actor.sector = None

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
            stop = k
            while stop < sent.end and stop - k < 14:
                token = self.doc[stop]
                if token.text in (",", ";", "(", ")", ":", "—", "–") or token.is_sent_end and token.is_punct:
                    break
                if token.pos_ in ("VERB", "AUX") or self.lowers[stop] in ("who", "which", "that"):
                    return None
                stop += 1
            if stop > k and self._has_head(k, stop):
                return k, stop
        return None

    def _apply_title(self, actor: _Actor, span: tuple[int, int], start: int, end: int) -> None:
        s, e = span
        while e > s and self.lowers[e - 1] in ("'s", "’s", ",", "the"):
            e -= 1
        text = self.doc[s:e].text
        actor.role = text
        actor.role_words = tuple(self.lowers[s:e])
        sector, _ = self.kb.roles.sector_of(list(actor.role_words))
        if sector == "*":  # "her Russian counterpart": the sector of the other side
            other = [a for a in self.people if a is not actor and a.sector and any(
                m[0] < s and self.doc[m[0]].sent == self.doc[s].sent for m in a.mentions)]
            sector = other[-1].sector if other else "GOV"
        actor.sector = sector
        code, affiliation = self._title_code(s, e)
        actor.code = code
        if affiliation is not None:
            org = self._other(("org", _norm(self.doc[affiliation[0]:affiliation[1]].text)),
                              _clean_name(self.doc[affiliation[0]:affiliation[1]].text),
                              "organization", None, None)
            org.mentions.append(affiliation)
        for i in range(s, e):
            self.taken[i] = True

    def _title_code(self, s: int, e: int) -> tuple[str | None, tuple[int, int] | None]:
        """The code a title gives (and an unknown organisation it names as
        the person's affiliation, for the caller to add)."""
        inside = dict.fromkeys(self.match_at[i] for i in range(s, e) if i in self.match_at)
        for m in inside:
            if m.start < s or m.end > e:
                continue
            before = self.lowers[m.start - 1] if m.start > s else ""
            if before == "the" and m.start - 2 >= s:
                before = self.lowers[m.start - 2]
            if before in ("to", "for"):
                continue
            # A description such as "the office" (a context alias) names no
            # body inside a title: "the office of Belarusian President …".
            target = self.kb.pick([t for t in m.targets if t.entry.type != "person"
                                   and t.how != "context"], self.day)
            if target is not None:
                return target.entry.code, None
        # "a senior fellow at the European Council on Foreign Relations"
        for ent in dict.fromkeys(self.ent_at[i] for i in range(s, e) if i in self.ent_at):
            if ent.label_ == "ORG" and s <= ent.start and ent.end <= e and ent.start > s:
                if self._all_role_words(ent.start, ent.end):
                    continue  # "Secretary of State": State is part of the title
                start = ent.start + (self.lowers[ent.start] == "the")
                if self.lowers[ent.start - 1] in ("at", "of", "with", "from") or start > ent.start:
                    return None, (start, ent.end)
        return None, None

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
        return best

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
            if ent.label_ != "ORG" and not (ent.label_ == "PERSON" and any(
                    w in INSTITUTION_WORDS for w in self.lowers[ent.start:ent.end])):
                continue
            start = ent.start + (self.lowers[ent.start] == "the")
            end = ent.end
            while end > start and self.lowers[end - 1] in ("'s", "’s"):
                end -= 1
            if end <= start or any(self.taken[i] or i in self.match_at for i in range(start, end)):
                continue
            if ent.start > 0 and end < len(self.doc) and self.words[ent.start - 1] == "(" \
                    and self.words[end] == ")":
                continue  # a dateline's agency, "BRUSSELS (Reuters) -", or an acronym aside
            if self._all_role_words(start, end):
                continue
            if not any(self.words[i][:1].isupper() and self.doc[i].is_alpha and len(self.words[i]) > 1
                       for i in range(start, end)):
                continue
            root = self.doc[start:end].root
            token = root
            while token.dep_ == "conj" and token.head != token:
                token = token.head
            if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "pobj", "appos", "agent"):
                continue
            if self._is_place(token, Match(start, end, ())):
                continue
            name = _clean_name(self.doc[start:end].text)
            actor = self._other(("org", _norm(name)), name, "organization", None, None)
            actor.mentions.append((start, end))
            self._take(start, end)

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
