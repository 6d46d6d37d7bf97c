"""Generate detente's CAMEO verb table, ``kb/data/cameo_verbs.tsv``.

``python -m detente.kb.build_cameo [--cameo PATH] [--plover PATH] [--out
PATH]`` reads PETRARCH2's CAMEO verb dictionary (``../shared/data/petrarch2/
CAMEO.2.0.txt``, MIT, Open Event Data Alliance) and the CAMEO → PLOVER table
(``../shared/data/CAMEO2PLOVER-2021.txt``), never copying them, and writes one
row per verb sense. The output depends only on the two files and this module:
a rerun gives the same bytes (``tests/test_cameo.py`` checks it).
:mod:`detente.kb.cameo` loads the table and matches verbs against it.

Columns
-------
``lemma``     the verb's lemma, lower case; a phrasal verb joins verb and
              particle with ``_`` (``call_off``, ``ask_for``)
``particle``  that particle or preposition, or ``-``
``pattern``   ``-`` for the verb's default sense, else a pattern (below)
``cameo``     the CAMEO code as the dictionary writes it, ``---`` for "not an
              event". ``SRC:TGT`` is TABARI's pair: the subject's act, then
              the object's act back; the row's PLOVER columns describe the
              first. An empty first half (``:173``, "appear before court")
              means the act runs from the other party to the subject, and the
              PLOVER columns describe that act (``CameoMatch.reverse``).
``type``      the PLOVER type, or ``-``: not an event (``---``, or a code
              PLOVER does not code, such as 01x statements)
``mode``      the PLOVER mode, or ``-``
``context``   the PLOVER context(s), joined by ``;``, or ``-``

Pattern grammar
---------------
::

    pattern := "-" | clause (" " clause)*
    clause  := "subj:" term              a noun before the verb (its subject)
             | "obj:" term               a noun after the verb outside a
                                         prepositional phrase (its object)
             | "prep:" WORD              a prepositional phrase, any object
             | "prep:" WORD "=" term     ... whose object is term
    term    := option ("|" option)*      alternatives: a synonym set
    option  := LEMMA ("_" LEMMA)*        lemmas that must all be present: a
                                         head and its compounds/modifiers

``- * {ARMS SHIPMENT} [072]`` is ``obj:arm_shipment``; ``- * POLICE (TO
BORDER)`` is ``obj:police prep:to=border``; ``- * &CEASEFIRE`` is
``obj:truce|armistice|...``. Lemmas are lower case and singular
(:func:`detente.kb.cameo.singular`, which the matcher applies to its input
too, so "talks" meets "talk" whatever the tagger did). Clauses are written
subj, obj, prep, each kind in dictionary order.

From dictionary to rows
-----------------------
- Member verbs give the defaults, with their own ``[code]`` or the block's.
  ``+CALL_OFF`` is ``call_off``/``off``. A multiword member whose tail is no
  particle is its head verb with a pattern (``+WAGE_WAR``: ``wage``,
  ``obj:war``; ``+LIVE_UP_TO``: ``live_up``, ``prep:to``). A member that is
  an inflected form of an earlier member of its block (``LOSING``) is folded
  into it; TABARI's string-matching forms (``+KILLED_AND``,
  ``+IS_DETERMINED``) are dropped.
- A verb listed in several blocks takes its default from the block named
  after it (``---  OVERRULE``), else from its first listing, as PETRARCH.
- A pattern belongs to the verb its comment names, the verb it was written
  for (``- * (INTO CHARGES) [090] # LOOK`` is "look into", not "appear
  into"; ``# URGE`` gives "urge" patterns although no block lists "urge").
  With no verb named it belongs to every single-word verb of its block, as
  PETRARCH applies it.
- A particle right after ``*`` (``OUT``, ``OFF``, ``UP``, ...), bare or
  parenthesised (``(OUT) (OF COALITION)``), goes to the lemma and particle
  columns: ``pull_out``, ``prep:of=coalition``. A bare preposition left from
  TABARI (``- * CALL FOR AID``) opens a prepositional phrase. Actor marks
  (``$ + ^ %``) and articles are dropped.
- Skipped: patterns that hinge on tense or negation (``- WILL NOT *``) or
  use an undefined synonym set (PETRARCH skips those too), and particle
  patterns that name no verb.
- Two rows with the same lemma, particle and pattern: the first in the file
  wins (the dictionary's duplicates are sorted by code, so neither is a
  judgement; the build reports how many disagree).

PLOVER mapping and overrides
----------------------------
A code goes through CAMEO2PLOVER; a code missing there falls back to its
parent (``0231`` → ``023`` → ``02``). :data:`OVERRIDES` is consulted first:
rules narrowed to lemmas or nouns (re-mapping only those rows; some only
the verbs' defaults), then code rules at each level of the fallback. The
build's tests check that every rule re-maps some row. The decisions:

- 01 → not an event: PLOVER has no statement type (the quote records them).
- 02 → as 10 (``0231`` maps as ``1031``): PLOVER merges CAMEO appeals into
  REQUEST; CAMEO2PLOVER lists only the parallel demand codes.
- 057 → AGREE: signing an agreement is agreeing, as detente's event
  triggers have it (the 2021 table: SUPPORT).
- talk (010) → as 040 CONSULT; agree (050) → AGREE; reject, refuse (``---``)
  → as 120 REJECT: PLOVER types named by the verbs themselves that CAMEO
  files elsewhere or leaves to their objects.
- 08 "yield" split: withdraw, retreat, pull back/out, draw back, disengage,
  get out (080; pull_out also 040) → RETREAT withdraw; free, set free (080) →
  RETREAT release; surrender, capitulate (080) → RETREAT disarm; resign, step
  down (083) → RETREAT resign (PLOVER v2); negotiate (080) → as 046 CONSULT;
  mediate, arbitrate, intercede (080) → as 045 CONSULT; lift/ease sanctions
  (035x) → as 085 RETREAT ease (the first such pattern says intent).
- prevent, hamper, hinder, impede, obstruct, ... (120) → not an event:
  stopping something is no rejection; their object patterns still code.
- veto (172) → as 129 REJECT: a veto, not an administrative ban.
- 163 (sanctions, embargo, boycott) → SANCTION, as detente's event triggers
  have it (the 2021 table: COERCE restrict, which blockades, 191, keep).
- 17x legal acts: indict, charge, prosecute, sue → ACCUSE allege legal;
  convict, sentence → SANCTION convict (PLOVER v2); 173 patterns naming a
  charge, trial, lawsuit → ACCUSE allege, a sentence, verdict → SANCTION
  convict; 116 (find guilty) → SANCTION convict. Arrest and detention stay
  COERCE arrest.
- pressure (170) → as 100 REQUEST: pressing for an act is a demand, not
  material coercion. contain, enclose, reinforce (170) → not an event.
- PLOVER v2 modes the 2021 table lacks: withhold (170) → COERCE withhold;
  1721 → COERCE censor; 176 (cyber attack) → COERCE cyber.
- Light and mental verbs (think, hear, consider, mean, expect, want, hope,
  go, leave, take, give, pay, pull, catch, lead, rule, control, serve,
  increase, pass, allow, die, ...): their default only → not an event.
  CAMEO's synonym blocks give them a default they rarely mean ("think" 040
  consult, "take" 171 seize, "die" 190); their object patterns still code
  ("take hostages" 181, "pay a visit" 042).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from .cameo import singular

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
DEFAULT_CAMEO = SHARED / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_PLOVER = SHARED / "CAMEO2PLOVER-2021.txt"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "cameo_verbs.tsv"

NOT_AN_EVENT = "---"
COLUMNS = ("lemma", "particle", "pattern", "cameo", "type", "mode", "context")

def _words(text: str) -> frozenset[str]:
    """A set of words written as one string."""
    return frozenset(text.split())


# Adverbial particles: after the verb they make a phrasal verb ("set off",
# "pull out"), never a prepositional phrase of their own.
PARTICLES = _words("up down out off away back aside forward ahead apart together forth")
# Words that open a prepositional phrase when TABARI wrote one without
# parentheses ("- * CALL FOR AID").
PREPOSITIONS = _words(
    """about above across after against along amid amidst among around as at
    before behind below beneath beside besides between beyond by despite
    during for from in inside into near of on onto outside over past since
    through throughout to toward towards under until upon via with within
    without"""
)
# Function words carry nothing a lemma match could use.
STOPWORDS = _words("a an the that whether when of")
# Tense, mood and negation: a pattern that needs them cannot be told apart by
# lemmas ("- WILL NOT * ..."), so it is skipped.
GRAMMAR_WORDS = _words("will would shall should not no been be is are was were has have had")
# TABARI's actor slots: the source, the target and friends. Not lemmas.
ACTOR_MARKS = frozenset("$+^%")
# Synonym sets of auxiliaries and prepositions, kept for TABARI's string
# matching; a pattern using them is about grammar, not about objects.
GRAMMAR_SETS = frozenset({"&AUXVERB1_", "&AUXVERB2_", "&AUXVERB3_", "&TOBEVERB_", "&PREPOSIT1_"})

_CODE = re.compile(r"\[([^\]]*)\]")
_COMMENT = re.compile(r"\s#|;|^#")


# --------------------------------------------------------------------------
# PLOVER mapping and the overrides


@dataclass(frozen=True)
class Plover:
    """A PLOVER event: type (None: not an event), mode and context."""

    type: str | None
    mode: str = "-"
    context: str = "-"


@dataclass(frozen=True)
class Override:
    """One reviewed departure from CAMEO2PLOVER.

    ``code`` covers the CAMEO code and every code below it (``02`` covers
    ``0231``). ``lemmas`` and ``nouns`` narrow a rule to the rows of those
    verbs, or to patterns naming one of those nouns. A rule either names the
    PLOVER event or maps the code ``as_code`` would be, its prefix ``code``
    replaced (``02`` as ``10``: ``0231`` maps as ``1031``).
    """

    code: str
    type: str | None = None
    mode: str = "-"
    context: str = "-"
    reason: str = ""
    lemmas: frozenset[str] = field(default_factory=frozenset)
    nouns: frozenset[str] = field(default_factory=frozenset)
    as_code: str | None = None
    default_only: bool = False  # re-map the verbs' defaults, not their patterns

    def covers(self, code: str, lemma: str, nouns: frozenset[str], default: bool = True) -> bool:
        return (
            code.startswith(self.code)
            and (default or not self.default_only)
            and (not self.lemmas or lemma in self.lemmas)
            and (not self.nouns or not self.nouns.isdisjoint(nouns))
        )


LIGHT_VERBS = _words(
    """think hear learn consider face mean expect decide want hope go leave take catch
    pull give pay lead rule control serve increase pass allow die"""
)
LEGAL_ACCUSATION = _words("charge lawsuit suit indictment trial hearing legal_action")
LEGAL_JUDGEMENT = _words("sentence verdict guilty penalty death_penalty death_sentence gallows")

#: The reviewed overrides. Rules narrowed to lemmas or nouns are tried first
#: (the longest code wins), then code rules level by level (:func:`to_plover`).
OVERRIDES: tuple[Override, ...] = (
    # CAMEO 01/02: verbal codes PLOVER has no type for, or merged.
    Override("01", None,
             reason="public statements are no PLOVER event (the quote records them)"),
    Override("02", as_code="10",
             reason="PLOVER merges CAMEO appeals (02) into REQUEST: map as the parallel demand (10)"),
    Override("010", as_code="040", lemmas=_words("talk"),
             reason="'X and Y talked' is PLOVER CONSULT; CAMEO files bare 'talk' as a statement"),
    Override("050", "AGREE", "-", "diplomatic", lemmas=_words("agree"),
             reason="agreeing is PLOVER AGREE itself; CAMEO files bare 'agree' as 050 cooperation"),
    Override("057", "AGREE", "-", "diplomatic",
             reason="signing an agreement is PLOVER AGREE (as detente's triggers); the 2021 table says SUPPORT"),
    Override("040", "RETREAT", "withdraw", "military", lemmas=_words("pull_out"),
             reason="'pull out' is listed under GO_SOMEWHERE (040) before RETREAT; it means withdraw"),
    Override("035", as_code="085", lemmas=_words("lift ease"), nouns=_words("sanction embargo boycott"),
             reason="lifting sanctions is the act, RETREAT ease (085); the first such pattern says intent (0351)"),
    # CAMEO 08 "yield": CONCEDE is a political concession, RETREAT a material one.
    Override("080", "RETREAT", "withdraw", "military",
             lemmas=_words("withdraw retreat pull_back pull_out draw_back disengage get_out"),
             reason="withdrawing is PLOVER RETREAT withdraw; CAMEO files it under 080 yield (CONCEDE)"),
    Override("080", "RETREAT", "release", "legal", lemmas=_words("free set_free unloose"),
             reason="freeing people is RETREAT release (0841); only 'release' itself carries 084"),
    Override("080", "RETREAT", "disarm", "military", lemmas=_words("surrender capitulate"),
             reason="surrendering is RETREAT disarm (0874 surrender militarily), not a concession"),
    Override("080", as_code="046", lemmas=_words("negotiate talk_over hash_out"),
             reason="negotiating is CONSULT (046); CAMEO's COMPROMISE block codes it as yielding"),
    Override("080", as_code="045", lemmas=_words("mediate arbitrate intercede intermediate conciliate"),
             reason="mediating is CONSULT (045 engage in mediation), not yielding"),
    Override("083", "RETREAT", "resign", "political_institutions", lemmas=_words("resign step_down"),
             reason="resigning is PLOVER v2's RETREAT resign; CAMEO codes it 083 accede (CONCEDE)"),
    # CAMEO 12 "reject": PLOVER REJECT is refusing a proposal or demand.
    Override("---", as_code="120", lemmas=_words("reject refuse"), default_only=True,
             reason="rejecting is PLOVER REJECT itself; CAMEO codes only the verbs' objects"),
    Override("120", None,
             lemmas=_words("prevent hamper hinder impede inhibit forestall retard stymie obstruct"),
             reason="preventing or hindering is no rejection; object patterns still code"),
    Override("172", as_code="129", lemmas=_words("veto"),
             reason="a veto is CAMEO 129 (REJECT); the PROHIBIT block files it as a ban (172)"),
    # CAMEO 16 "reduce relations".
    Override("163", "SANCTION", "-", "economic",
             reason="sanctions, embargoes, boycotts are PLOVER SANCTION (as detente's triggers); "
             "the 2021 table's COERCE restrict stays for blockades (191)"),
    # CAMEO 17 "coerce": legal acts PLOVER codes as accusations or sanctions.
    Override("17", "ACCUSE", "allege", "legal", lemmas=_words("indict charge prosecute sue"),
             reason="a charge, indictment or lawsuit is ACCUSE allege (as CAMEO 115), not arrest"),
    Override("17", "SANCTION", "convict", "legal", lemmas=_words("convict sentence"),
             reason="convicting and sentencing are PLOVER v2's SANCTION convict"),
    Override("173", "ACCUSE", "allege", "legal", nouns=LEGAL_ACCUSATION,
             reason="filing charges, bringing a case, putting on trial is ACCUSE allege, not arrest"),
    Override("173", "SANCTION", "convict", "legal", nouns=LEGAL_JUDGEMENT,
             reason="passing sentence or a verdict is PLOVER v2's SANCTION convict"),
    Override("116", "SANCTION", "convict", "legal",
             reason="finding guilty is PLOVER v2's SANCTION convict (the 2021 table: ACCUSE)"),
    Override("170", as_code="100", lemmas=_words("pressure"),
             reason="pressuring is a demand (REQUEST); CAMEO 170 coerce is material repression"),
    Override("170", None, lemmas=_words("contain enclose reinforce"),
             reason="'the report contains', 'reinforce ties': a coercion default they rarely mean"),
    Override("170", "COERCE", "withhold", lemmas=_words("withhold"),
             reason="PLOVER v2 has a COERCE withhold mode"),
    Override("1721", "COERCE", "censor", "rights_freedoms",
             reason="PLOVER v2 has a COERCE censor mode for restricting speech"),
    Override("176", "COERCE", "cyber",
             reason="cyber attacks are PLOVER v2's COERCE cyber; the 2021 table predates CAMEO 176"),
    # Light and mental verbs: CAMEO's synonym blocks give them a default
    # ("think" 040 consult, "take" 171 seize, "die" 190) they rarely mean.
    Override("", None, lemmas=LIGHT_VERBS, default_only=True,
             reason="a light or mental verb's block default is rarely its sense; its object patterns still code"),
)


def read_plover_table(text: str) -> dict[str, Plover]:
    """CAMEO2PLOVER: ``CODE: TYPE, mode, context # description`` per line.

    Root lines (``08: RETREAT``, no commas) give the parent a code falls back
    to; the first line for a code wins (the file heads two lists with 08).
    """
    table: dict[str, Plover] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        head, sep, rest = line.partition(":")
        if not sep or not head.isdigit():
            continue
        parts = [part.strip() for part in rest.split(",")]
        mode = parts[1] if len(parts) > 1 else ""
        context = ";".join(c.strip() for c in parts[2].split(";")) if len(parts) > 2 else ""
        table.setdefault(head, Plover(parts[0], mode or "-", context or "-"))
    return table


def _narrowed_rule(code: str, lemma: str, nouns: frozenset[str], default: bool) -> Override | None:
    """The most specific lemma or noun rule covering the code, if any."""
    rules = [o for o in OVERRIDES if (o.lemmas or o.nouns) and o.covers(code, lemma, nouns, default)]
    return max(rules, key=lambda o: len(o.code), default=None)


def _code_rule(level: str) -> Override | None:
    return next((o for o in OVERRIDES if not o.lemmas and not o.nouns and o.code == level), None)


def to_plover(
    code: str, lemma: str, nouns: frozenset[str], table: dict[str, Plover], default: bool = False, hops: int = 0
) -> Plover:
    """The PLOVER event of one CAMEO code (or ``---``) on one row.

    Lemma and noun rules come first; then, from the code up to its root, a
    code rule at that level before CAMEO2PLOVER's entry.
    """
    rule = _narrowed_rule(code, lemma, nouns, default)
    if rule is None and code == NOT_AN_EVENT:
        return Plover(None)
    levels = iter(_ancestors(code))
    while rule is None:
        level = next(levels, None)
        if level is None:
            raise ValueError(f"CAMEO code {code} has no PLOVER mapping and no override")
        rule = _code_rule(level)
        if rule is None and level in table:
            return table[level]
    if rule.as_code is None:
        return Plover(rule.type, rule.mode, rule.context)
    if hops > 3:
        raise ValueError(f"override loop at CAMEO code {code}")
    return to_plover(rule.as_code + code[len(rule.code) :], lemma, nouns, table, default, hops + 1)


def _ancestors(code: str) -> Iterator[str]:
    """0231, 023, 02: the code, then its parents down to the root."""
    for end in range(len(code), 1, -1):
        yield code[:end]


# --------------------------------------------------------------------------
# Reading the dictionary


@dataclass
class Member:
    """A verb line of a block: ``+CALL_OFF {forms} [160]``."""

    words: tuple[str, ...]  # lower case, verb first
    forms: tuple[str, ...]  # irregular forms as written, lower case
    code: str | None
    line: int


@dataclass
class RawPattern:
    left: str
    right: str
    code: str
    comment: str
    line: int


@dataclass
class Block:
    name: str
    code: str
    line: int
    members: list[Member] = field(default_factory=list)
    patterns: list[RawPattern] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    match = _COMMENT.search(line)
    return line[: match.start()] if match else line


def _clean_code(raw: str) -> str:
    # "[080!]" and "[120]---" are typing slips; the code is the digits.
    return raw.strip().rstrip("!") or NOT_AN_EVENT


def read_synsets(lines: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """``&NAME`` → its ``+MEMBER`` words, lower case, ``_`` kept between words."""
    sets: dict[str, list[str]] = {}
    name: str | None = None
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("&"):
            name = line.split()[0]
            sets[name] = []
        elif line.startswith("+") and name is not None:
            # A trailing "_" only stops TABARI from adding a plural.
            sets[name].append(line[1:].split()[0].strip("_").lower())
        elif line.startswith("---"):
            break
    return {key: tuple(words) for key, words in sets.items()}


def read_blocks(lines: Sequence[str]) -> list[Block]:
    """The verb blocks between ``VERB PATTERNS`` and ``TRANSFORMATIONS``."""
    blocks: list[Block] = []
    started = False
    for number, raw in enumerate(lines, 1):
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not started or not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("---"):
            codes = _CODE.findall(raw)
            blocks.append(Block(raw.split()[1], _clean_code(codes[0]) if codes else NOT_AN_EVENT, number))
        elif raw.startswith("-"):
            blocks[-1].patterns.append(_raw_pattern(raw, number))
        else:
            member = _member(raw, number)
            if member is not None:
                blocks[-1].members.append(member)
    return blocks


def _member(raw: str, number: int) -> Member | None:
    line = _strip_comment(raw)
    codes = _CODE.findall(line)
    forms_text = " ".join(re.findall(r"\{([^}]*)\}", line))
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()
    if not head:
        return None
    words = tuple(w for w in head[0].lstrip("+").lower().split("_") if w)
    forms = tuple(f.lstrip("+").lower() for f in forms_text.replace(",", " ").split())
    return Member(words, forms, _clean_code(codes[0]) if codes else None, number)


def _raw_pattern(raw: str, number: int) -> RawPattern:
    body, _, comment = raw[1:].partition("#")
    codes = list(_CODE.finditer(body))
    code = _clean_code(codes[-1].group(1)) if codes else ""
    body = body[: codes[-1].start()] if codes else body
    left, _, right = body.partition("*")
    return RawPattern(left.strip(), right.strip(), code, comment.strip(), number)


# --------------------------------------------------------------------------
# Verb forms: which member a comment or an inflected member line means


def regular_forms(verb: str) -> set[str]:
    """The regular -s, -ed, -ing forms of an English verb (and the base)."""
    forms = {verb, verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(verb + "es")
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # "stopped"
    return forms


def _artefact(member: Member) -> bool:
    """"+KILLED_AND", "+IS_DETERMINED": forms kept for TABARI's string
    matcher (a coordination, a copula), not verbs."""
    head, *tail = member.words
    return head in GRAMMAR_WORDS or any(w in ("and", "or") for w in tail)


def _form_index(members: Iterable[Member]) -> dict[str, str]:
    """Every written or regular form of the block's verbs → its base form."""
    index: dict[str, str] = {}
    for member in members:
        if _artefact(member):
            continue  # "+KILLED_AND" must not make "killed" a base form
        head = member.words[0]
        for form in [head, *sorted(regular_forms(head))]:
            index.setdefault(form, head)
        for form in member.forms:
            index.setdefault(form.split("_")[0], head)
    return index


# --------------------------------------------------------------------------
# Patterns: tokens, synonym expansion and the compact form


Option = tuple[str, ...]  # lemmas that must all be present
Term = tuple[Option, ...]  # alternatives (a synonym set); () for any object


@dataclass(frozen=True)
class Clause:
    kind: str  # "subj", "obj" or "prep"
    term: Term = ()
    prep: str = ""

    def render(self) -> str:
        text = "|".join("_".join(option) for option in self.term)
        if self.kind == "prep":
            return f"prep:{self.prep}={text}" if text else f"prep:{self.prep}"
        return f"{self.kind}:{text}"


@dataclass(frozen=True)
class Compiled:
    particle: str | None
    clauses: tuple[Clause, ...]

    def render(self) -> str:
        order = {"subj": 0, "obj": 1, "prep": 2}
        ranked = sorted(self.clauses, key=lambda c: order[c.kind])
        return " ".join(c.render() for c in ranked) or "-"

    def nouns(self) -> frozenset[str]:
        """Every lemma and every whole option, for the noun overrides."""
        options = [option for clause in self.clauses for option in clause.term]
        return frozenset([w for option in options for w in option] + ["_".join(o) for o in options])


class Skip(Exception):
    """A pattern that cannot be stated in lemmas; the message says why."""


def _groups(text: str) -> list[tuple[str, list[str]]]:
    """Split one side of a pattern into ("word"|"compound"|"prep", words)."""
    groups: list[tuple[str, list[str]]] = []
    for token in re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", text):
        if token.startswith("("):
            groups.append(("prep", token[1:-1].replace("{", " ").replace("}", " ").split()))
        elif token.startswith("{"):
            groups.append(("compound", token[1:-1].split()))
        else:
            groups.append(("word", [token]))
    return groups


def _lemmas(word: str) -> Option:
    """A dictionary word (or ``_`` phrase) → its lemmas, function words out."""
    out: list[str] = []
    for part in word.lower().split("_"):
        part = part.strip(".,'")
        if part and part not in STOPWORDS and part not in ACTOR_MARKS:
            out.append(singular(part))
    return tuple(out)


def _term(words: Sequence[str], synsets: dict[str, tuple[str, ...]]) -> Term:
    """The words of one noun group → its alternatives, one per reading of
    the synonym sets among them (``{&MILITARY AID}``: "military_aid|army_aid|...")."""
    slots: list[list[Option]] = []
    for word in words:
        if not word.startswith("&"):
            slots.append([_lemmas(word)])
        elif word in GRAMMAR_SETS:
            raise Skip("grammar synonym set")
        elif word not in synsets:
            raise Skip("undefined synonym set")
        else:
            slots.append([_lemmas(member) for member in synsets[word]])
    options: list[Option] = []
    for combo in product(*slots):
        option = tuple(w for part in combo for w in part)
        if option and option not in options:
            options.append(option)
    return tuple(options)


def _joined(first: Term, second: Term) -> Term:
    """Both terms' lemmas together: "FOR" then "AID", or "CALL" then "FOR AID"."""
    if not first:
        return second
    return tuple(a + b for a in first for b in second)


def compile_side(text: str, kind: str, synsets: dict[str, tuple[str, ...]]) -> Compiled:
    """One side of ``*`` → its particle (after the verb only) and clauses."""
    particle: str | None = None
    clauses: list[Clause] = []
    open_prep: int | None = None  # index of a bare TABARI preposition's clause
    for group, words in _groups(text):
        lowered = [w.lower() for w in words]
        if any(w in GRAMMAR_WORDS for w in lowered):
            raise Skip("tense or negation")
        at_verb = kind == "obj" and particle is None and not clauses
        if group == "prep" and lowered:
            if at_verb and lowered[0] in PARTICLES:
                particle = lowered[0]  # "(OUT) (OF COALITION)", "(ASIDE RIFT)"
                term = _term(words[1:], synsets)
                clauses.extend([Clause("obj", term)] if term else [])
                continue
            if lowered[0] in PREPOSITIONS:
                open_prep = None
                clauses.append(Clause("prep", _term(words[1:], synsets), lowered[0]))
                continue
            group = "compound"  # "(THE STAKES)": no preposition after all
        if group == "word" and lowered[0] in ACTOR_MARKS:
            continue
        if group == "word" and at_verb and lowered[0] in PARTICLES:
            particle = lowered[0]
            continue
        if group == "word" and lowered[0] in PREPOSITIONS:
            open_prep = len(clauses)
            clauses.append(Clause("prep", (), lowered[0]))
            continue
        term = _term(words, synsets)
        if not term:
            continue
        if open_prep is not None:
            # "FOR AID": the noun belongs to the open preposition.
            clause = clauses[open_prep]
            clauses[open_prep] = Clause("prep", _joined(clause.term, term), clause.prep)
        else:
            clauses.append(Clause(kind, term))
    return Compiled(particle, tuple(clauses))


def compile_pattern(pattern: RawPattern, synsets: dict[str, tuple[str, ...]]) -> Compiled:
    """A dictionary pattern → its particle and clauses (subject side first)."""
    before = compile_side(pattern.left, "subj", synsets)
    after = compile_side(pattern.right, "obj", synsets)
    return Compiled(after.particle, before.clauses + after.clauses)


# --------------------------------------------------------------------------
# Verbs and rows


@dataclass(frozen=True)
class Verb:
    """A verb key: head lemma, particle, and a pattern for non-particle tails."""

    head: str
    particle: str | None
    clauses: tuple[Clause, ...] = ()

    @property
    def lemma(self) -> str:
        return f"{self.head}_{self.particle}" if self.particle else self.head


def member_verb(member: Member, index: dict[str, str]) -> Verb | None:
    """A member line's verb, or None for TABARI string-matching artefacts."""
    if _artefact(member):
        return None
    head, *tail = member.words
    base = index.get(head, head)
    if not tail:
        return Verb(base, None)
    if tail[0] in PARTICLES or (len(tail) == 1 and tail[0] in PREPOSITIONS):
        particle, rest = tail[0], tail[1:]
    else:
        particle, rest = None, tail
    return Verb(base, particle, compile_side(" ".join(rest), "obj", {}).clauses if rest else ())


@dataclass(frozen=True)
class Row:
    lemma: str
    particle: str
    pattern: str
    cameo: str
    plover: Plover
    line: int

    def cells(self) -> tuple[str, ...]:
        p = self.plover
        return (self.lemma, self.particle, self.pattern, self.cameo, p.type or "-", p.mode, p.context)


@dataclass
class Stats:
    skipped: dict[str, int] = field(default_factory=dict)
    conflicts: list[tuple[tuple[str, str, str], str, str, int]] = field(default_factory=list)
    merged_members: list[str] = field(default_factory=list)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def _primary(cameo: str) -> str:
    """The code whose PLOVER event a row carries: the subject's act, or the
    reverse act when the first half of a pair is empty (``:173``)."""
    first, _, second = cameo.partition(":")
    return first or second


def block_rows(
    block: Block, synsets: dict[str, tuple[str, ...]], everywhere: dict[str, str], stats: Stats
) -> Iterator[tuple[Verb, Compiled | None, str, int]]:
    """(verb, pattern or None for a default, code, line) for one block.

    A pattern belongs to the verb its comment names; with no name, to every
    single-word verb of the block, as PETRARCH applies it.
    """
    index = _form_index(block.members)
    verbs: list[Verb] = []
    for member in block.members:
        if len(member.words) == 1 and index.get(member.words[0], member.words[0]) != member.words[0]:
            stats.merged_members.append(member.words[0])  # "LOSING" under "LOSE"
            continue
        verb = member_verb(member, index)
        if verb is None:
            stats.skip("string-matching artefact member")
            continue
        verbs.append(verb)
        yield verb, None, member.code or block.code, member.line
    for raw in block.patterns:
        try:
            pattern = compile_pattern(raw, synsets)
        except Skip as why:
            stats.skip(str(why))
            continue
        named = _named_verb(raw.comment, index, everywhere)
        if named is None and pattern.particle:
            # "altercate down": a particle pattern for no verb in particular
            # would invent a phrasal verb for every verb of the block.
            stats.skip("particle pattern naming no verb")
            continue
        plain = [v for v in verbs if not v.particle and not v.clauses]
        for target in [named] if named else plain:
            if pattern.particle and target.particle:
                stats.skip("particle on a phrasal verb")
                continue
            verb = Verb(target.head, target.particle or pattern.particle, target.clauses)
            yield verb, pattern, raw.code, raw.line


def _named_verb(comment: str, local: dict[str, str], everywhere: dict[str, str]) -> Verb | None:
    """The verb a pattern's comment names ("# RULED_OUT" is rule_out), if any.

    The name is looked up among the block's verbs, then the whole
    dictionary's ("# CONCLUDE" in the CANCEL block); a verb the dictionary
    never lists ("# URGE") is still the verb the pattern was written for.
    """
    named = re.split(r"[<,]", comment)[0].split()
    if not named:
        return None
    # "KILLED_AND": TABARI's coordination forms name their first verb.
    word = re.split(r"_(?:and|or)(?:_|$)", named[0].lower())[0]
    if not re.fullmatch(r"[a-z][a-z_-]+", word):
        return None
    head, *tail = word.split("_")
    particle = tail[0] if tail else None
    glued = [p for p in PARTICLES if head.endswith(p) and head[: -len(p)] in local]
    if particle is None and head not in local and glued:
        head, particle = head[: -len(glued[0])], glued[0]  # "# PULLBACK"
    return Verb(local.get(head) or everywhere.get(head) or head, particle)


def _recoded(lemma: str, nouns: frozenset[str]) -> str:
    """The code an override gives a ``---`` row (such rules name an as_code)."""
    rule = _narrowed_rule(NOT_AN_EVENT, lemma, nouns, True)
    if rule is None or rule.as_code is None:
        raise ValueError(f"an override codes {lemma} --- without naming its CAMEO code")
    return rule.as_code


def _own_block(block: Block, verb: Verb) -> bool:
    """True for a verb in the block named after it (``---  OVERRULE  [120]``)."""
    return block.name.lower().replace("-", "_").rstrip("_") == verb.lemma.replace("-", "_")


def build_rows(cameo_text: str, plover_text: str, stats: Stats | None = None) -> list[Row]:
    """Every row of the table, duplicates resolved, sorted by lemma (each
    verb's default first, then its patterns in dictionary order)."""
    stats = stats or Stats()
    lines = cameo_text.splitlines()
    synsets = read_synsets(lines)
    table = read_plover_table(plover_text)
    blocks = read_blocks(lines)
    everywhere: dict[str, str] = {}
    for block in blocks:
        for form, base in _form_index(block.members).items():
            everywhere.setdefault(form, base)
    rows: dict[tuple[str, str, str], Row] = {}
    owned: set[tuple[str, str, str]] = set()  # defaults from the verb's own block
    for block in blocks:
        for verb, pattern, code, line in block_rows(block, synsets, everywhere, stats):
            compiled = Compiled(verb.particle, verb.clauses + (pattern.clauses if pattern else ()))
            key = (verb.lemma, verb.particle or "-", compiled.render())
            # A verb listed in two blocks means what its own block says,
            # else what it says first (PETRARCH keeps the first).
            own = pattern is None and _own_block(block, verb)
            if key in rows and not (own and key not in owned):
                if rows[key].cameo != code:
                    stats.conflicts.append((key, rows[key].cameo, code, line))
                continue
            if own:
                owned.add(key)
            default = pattern is None and not verb.clauses
            plover = to_plover(_primary(code), verb.lemma, compiled.nouns(), table, default)
            if code == NOT_AN_EVENT and plover.type is not None:
                code = _recoded(verb.lemma, compiled.nouns())  # "---" would say "no event"
            rows[key] = Row(*key, code, plover, line)
    return sorted(rows.values(), key=lambda r: (r.lemma, r.pattern != "-", r.line, r.pattern))


# --------------------------------------------------------------------------
# Writing


def license_notice(cameo_text: str) -> list[str]:
    """The dictionary's MIT notice, from its header, as comment lines."""
    lines = cameo_text.splitlines()
    start = next(i for i, line in enumerate(lines) if "The MIT License" in line)
    end = next(i for i in range(start, len(lines)) if "OTHER DEALINGS IN THE SOFTWARE" in lines[i])
    return [line.rstrip() for line in lines[start : end + 1]]


def render(rows: Sequence[Row], cameo_text: str) -> str:
    header = [
        "# detente's CAMEO verb table: verb lemmas and verb + object patterns with",
        "# their CAMEO code and PLOVER event. GENERATED by detente.kb.build_cameo",
        "# (python -m detente.kb.build_cameo) from ../shared/data/petrarch2/",
        "# CAMEO.2.0.txt (PETRARCH2's CAMEO verb dictionary) and ../shared/data/",
        "# CAMEO2PLOVER-2021.txt. Do not edit by hand: change the script and rerun it.",
        "# Columns, pattern grammar and the reviewed CAMEO→PLOVER overrides are",
        "# documented in src/detente/kb/build_cameo.py.",
        "#",
        "# The verb dictionary carries this notice:",
        "#",
        *license_notice(cameo_text),
    ]
    body = ["\t".join(COLUMNS), *("\t".join(row.cells()) for row in rows)]
    return "\n".join(header + body) + "\n"


def build(cameo: Path, plover: Path, out: Path) -> Stats:
    cameo_text = cameo.read_text(encoding="utf-8")
    stats = Stats()
    rows = build_rows(cameo_text, plover.read_text(encoding="utf-8"), stats)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(rows, cameo_text), encoding="utf-8", newline="\n")
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detente.kb.build_cameo", description="Generate kb/data/cameo_verbs.tsv from PETRARCH2's CAMEO dictionary.")
    parser.add_argument("--cameo", type=Path, default=DEFAULT_CAMEO, help="PETRARCH2's CAMEO.2.0.txt")
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the TSV to write")
    args = parser.parse_args(argv)
    stats = build(args.cameo, args.plover, args.out)
    skipped = ", ".join(f"{why}: {n}" for why, n in sorted(stats.skipped.items()))
    print(f"wrote {args.out} (skipped {skipped}; {len(stats.conflicts)} duplicate patterns with another code)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
