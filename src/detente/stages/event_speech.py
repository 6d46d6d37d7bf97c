"""Evaluative speech: what a political actor calls, brands or describes
something as, or says of it.

Reads: tokens of the spaCy parse and the judgement lexicon
``kb/data/judgements.tsv`` (condemning, disparaging and praising words,
standards whose denial is a charge, cited misconduct, what pins an attack on
someone). Adds nothing itself: the events stage asks :func:`judgement` of a
token and makes the speaker's ACCUSE (mode ``disapprove``) or SUPPORT of
what is judged.

Shapes, each read from the parse around the judging word:

- a judging verb's predicate: "called the ruling a threat to democracy",
  "called the move unprecedented and illegal", "described the verdicts as
  chilling and draconian", "branded them terrorists", "in what Taipei calls
  a campaign of bullying", "a move his opponents called a coup", "calling
  the vote a betrayal" (the speaker of a trailing participle is its main
  clause's subject); condemning and disparaging words make an ACCUSE,
  praise a SUPPORT, a judgement in quote marks right around it an ACCUSE;
- a reported clause's predicate, condemning words only: "said the measures
  were unjustified", "said the strikes were an act of aggression", "said the
  ruling amounted to illegal state aid", "said the conduct was tantamount to
  murder"; a standard denied: "said the vote was not free and fair", "said
  the government could not be considered legitimate";
- blame for an attack: "said Russia was responsible for the attack",
  "concluding that Russian agents were behind the explosion", "said the
  attack bore the hallmarks of Russian involvement", "said the disorder was
  the fault of the organisers";
- misconduct cited or evidenced: "rejected the results, citing
  irregularities", "said it had evidence of ballot stuffing";
- doubts raised: "said the arrest raised serious questions about …";
- what a prosecutor says someone did: "Prosecutors say the captain steered
  the ship too close to the island";
- wrongdoing reported of someone: "said the drone had violated Iranian
  airspace", "said the defendants had corrupted world soccer", "said Israel
  had committed a crime" (the doer is the target).

Judgements of the weather, disease and nature accuse no one ("officials
called the storm dangerous"); a denial that clears ("said the strikes were
not illegal") and what does not exist ("said there was no evidence of
terrorism") are none.

A judgement is the speaker's only: who says it is the subject of the
judging or saying verb (a relative pronoun stands for its antecedent: "the
Constitutional Court, which called it a coup"). Whether the speaker is a
political actor is the events stage's check, as for every event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..kb import _tsv
from ..kb.roles import words

#: Verbs that judge their object by a predicate: "called the move illegal".
JUDGING = words("call describe label brand term deem denounce dub declare condemn decry slam criticise criticize "
                "hail praise characterise characterize")
#: Verbs whose complement clause is what their subject says or holds.
SAYING = words("""say announce warn vow swear pledge promise threaten declare insist state tell add conclude believe
    think consider argue claim allege charge contend maintain complain write find""")
#: Judging verbs whose quoted predicate is the speaker's own charge even in
#: words the lexicon lacks ("called the decision a 'tsunami'"); "described
#: it as a 'mid-cycle adjustment'" quotes a term, and praise verbs praise.
NAMING = words("call brand label dub")
#: What a relative clause may hang on that speaks for whoever issued it ("in
#: a statement that called Paris …"): the issuer is the speaker.
DOCUMENTS = words("""statement statements letter letters communique communiqué report post posts tweet tweets video
    message messages resolution declaration speech address interview""")
#: Verbs that link a reported subject to its judgement like "be" does: "the
#: ruling amounted to illegal state aid", "the results remain unacceptable".
LINKING = words("be amount constitute represent remain seem appear become look")
#: Who alleges by reporting: what a prosecutor says someone did is a charge
#: ("Prosecutors say the captain steered the ship too close to the island").
ACCUSERS = words("prosecutor prosecutors prosecution investigator investigators attorney")
#: Who may be said to have done wrong when no name says so.
DOERS = words("""suspect suspects man men woman women pilot co-pilot captain driver company firm bank officials
    official officer officers defendant defendants accused gunman gunmen attacker attackers group""")
#: Who rules rather than accuses: what a court finds someone did is its
#: ruling ("the judge found that Microsoft had violated antitrust laws").
BENCH = words("court courts tribunal tribunals judge judges justice justices jury juries")
#: Verbs a prosecutor reports with.
REPORTING = words("say allege charge claim state")
#: Verbs of a wrong suffered: "saying they faced persecution".
SUFFERING = words("face suffer endure experience")
#: Verbs that show a fault of their subject: "the move showed contempt".
SHOWING = words("show display demonstrate betray")
#: Verbs of evidence whose "evidence of …" is a charge: "said it had evidence
#: of ballot stuffing", "found proof of fraud".
EVIDENCING = words("have find gather present produce show")
EVIDENCE = words("evidence proof")
#: Violent acts: what a group claims ("claimed responsibility for the
#: bombing", the events stage's ``CLAIMED_ACTS``) ...
VIOLENT_ACTS = words("""attack attacks bombing bombings killing killings shooting shootings death deaths massacre
    assassination poisoning explosion blast violence crash downing abduction kidnapping""")
#: ... and, wider, what is blamed when someone is "behind" or "responsible
#: for" it.
BLAMED = VIOLENT_ACTS | words("""explosions blasts unrest riots fires wildfires hack hacking cyberattack cyberattacks
    murder murders sabotage""")
#: Doubts that, raised about an act, are a charge: "raised serious questions".
DOUBTS = words("question questions doubt doubts")
#: Auxiliaries of what may or will be, not what was done.
MODALS = words("will would could may might should must can shall")
#: Weather, disease and nature: judged, they accuse no one.
NATURAL = words("""weather storm storms hurricane hurricanes typhoon typhoons cyclone flood floods flooding rain snow
    ice heat heatwave cold wind winds fire fires wildfire wildfires blaze earthquake quake drought virus outbreak
    disease pandemic epidemic conditions road roads traffic sea seas""")
#: Pronouns that, said of themselves, stand for their reporter.
PRONOUNS = words("it they he she we")
#: Relative pronouns, which stand for the noun their clause modifies.
RELATIVE = words("who which that")
#: Dependents that start a new clause: their words are not the predicate's
#: ("called the settlement a gift that would not change …").
CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})

ACCUSE, SUPPORT = "ACCUSE", "SUPPORT"


@dataclass(frozen=True)
class Judgement:
    """A judgement said: the token naming who says it, the token naming
    what (or whom) it judges, None when the sentence does not say, and its
    type: ACCUSE or SUPPORT."""
    speaker: Token
    target: Token | None
    type: str


@dataclass(frozen=True)
class Lexicon:
    """The phrases of ``judgements.tsv`` by kind; ``longest`` is the most
    words any phrase has; ``lengths`` gives, per kind and first word, the
    word counts of the multiword phrases that start with it (the stage asks
    of every token whether a phrase starts there: this keeps that to a
    dictionary lookup for most tokens)."""
    kinds: dict[str, frozenset[str]]
    longest: int
    lengths: dict[str, dict[str, tuple[int, ...]]]

    def of(self, kind: str) -> frozenset[str]:
        return self.kinds.get(kind, frozenset())


@cache
def lexicon() -> Lexicon:
    kinds: dict[str, set[str]] = {}
    for row in _tsv("judgements.tsv"):
        kinds.setdefault(row["kind"], set()).add(row["phrase"])
    longest = max(len(p.split()) for group in kinds.values() for p in group)
    lengths: dict[str, dict[str, set[int]]] = {}
    for kind, phrases in kinds.items():
        for phrase in phrases:
            words_ = phrase.split()
            if len(words_) > 1:
                lengths.setdefault(kind, {}).setdefault(words_[0], set()).add(len(words_))
    return Lexicon({k: frozenset(v) for k, v in kinds.items()}, longest,
                   {k: {w: tuple(sorted(n)) for w, n in firsts.items()} for k, firsts in lengths.items()})


SubjectOf = Callable[[Token], "Token | None"]


def judgement(token: Token, subject_of: SubjectOf) -> Judgement | None:
    """The judgement ``token`` voices, if it is the judging word of one of
    the shapes in the module's docstring. ``subject_of`` finds a verb's
    subject as the events stage reads it (through "xcomp", "conj" …)."""
    if token.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB", "X", "ADP"):
        return None
    judged = predicate_of(token)
    if judged is not None:
        verb, target = judged
        type_ = _verdict(token, quoted_charge=_lemma(verb) in NAMING)
        if type_ is None:
            return None
        speaker = speaker_of(verb, subject_of)
        if speaker is None or _natural(target):
            return None
        return Judgement(speaker, target, type_)
    for shape in (_reported, _wrongdone, _blamed, _cited, _doubted, _alleged):
        found = shape(token, subject_of)
        if found is not None:
            return found if not _natural(found.target) else None
    return None


def _natural(target: Token | None) -> bool:
    """What nobody is to blame for: officials call a storm dangerous and
    say the heat was unbearable, which accuses no one."""
    return target is not None and (_lemma(target) in NATURAL or target.lower_ in NATURAL)


def predicate_of(token: Token) -> tuple[Token, Token | None] | None:
    """The judging verb and its object when ``token`` heads what the verb
    calls its object ("called the expulsions a flagrant provocation":
    (called, expulsions)); the parser's other readings of the shape are
    read too: the predicate as an apposition of the object ("called the
    attack 'organised crime …'"), a predicate the parser hung on the object
    ("called the move unprecedented and illegal"), the predicate of "as"
    ("described the strikes as illegal"), the object of a relative clause
    whose gap is its noun ("a move his opponents called a coup")."""
    node = token
    while node.dep_ == "conj" and node.head != node and node.head.i < node.i:
        node = node.head  # "usurpation and blackmail", "'wakora', or crooks"
    dep, head = node.dep_, node.head
    if dep == "oprd" and _judging(head):
        return head, _object(head)
    if dep == "appos" and head.dep_ == "dobj" and _judging(head.head) and head.i < node.i:
        return head.head, head
    if dep in ("amod", "conj") and node.pos_ in ("ADJ", "VERB") and node.i > head.i:
        obj = head if dep == "amod" else head.head
        if obj.dep_ == "dobj" and _judging(obj.head) and obj.i < node.i:
            return obj.head, obj
    if dep in ("pobj", "amod") and head.lower_ == "as":  # the parser may make "as 'chilling and draconian'" amod
        verb = head.head.head if head.head.dep_ == "dobj" else head.head
        if _judging(verb):
            return verb, _object(verb)
    if dep == "dobj" and _judging(head):
        if head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ in ("oprd", "prt") or c.dep_ == "nsubj" and c.lower_ in RELATIVE for c in head.children):
            return head, head.head  # "in a move his opponents called a coup"
        quoted = _quoted_object(node)
        if quoted is not None:
            return head, quoted
    return None


def judged(token: Token) -> bool:
    """Whether a noun is what a judging verb calls its object, so that the
    judgement is the event and the noun is none ("called the ruling 'a
    threat to democracy'": no THREATEN; "described the strikes as an attack
    on the country": no ASSAULT; "a move his opponents called a coup"). The
    parser's looser readings of the shape count only when the words judge:
    "the day the union called a strike" keeps its strike."""
    found = predicate_of(token)
    if found is None:
        return False
    node = token
    while node.dep_ == "conj" and node.head != node and node.head.i < node.i:
        node = node.head
    return node.dep_ == "oprd" or node.dep_ == "pobj" and node.head.lower_ == "as" or _verdict(token) is not None


def speaker_of(verb: Token, subject_of: SubjectOf) -> Token | None:
    """Who says what ``verb`` says: its subject; the antecedent of a
    relative pronoun ("the court, which called it a coup"); for a participle
    with no subject of its own ("…, calling the vote a betrayal", "after
    concluding that …"), the subject of the clause it hangs on, up to the
    sentence's main clause; for a verb conjoined to a reported clause
    ("said the raid was lawful but expressed concern"), the reporter; for a
    pronoun that reports itself ("Baku said it had responded to
    provocations"), the reporter."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject: Token | None = own[0] if own else None
    if subject is None and verb.tag_ == "VBG" and verb.dep_ == "advcl":
        # A trailing participle speaks for the sentence's main clause: the
        # parser may hang it on a clause inside ("said the Kurds would be
        # left hungry if their trucks stopped …, calling the vote a betrayal").
        node = verb
        while node.head != node and node.dep_ in ("advcl", "ccomp", "conj", "xcomp"):
            node = node.head
        subject = subject_of(node)
    elif subject is None and verb.tag_ == "VBG" and verb.dep_ == "pcomp":
        node = verb  # "after concluding that …": the clause the phrase hangs on
        for _ in range(4):
            if node.head == node:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                break
        subject = subject_of(node) if node.pos_ in ("VERB", "AUX") else None
    if subject is None and verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and _lemma(verb.head.head) in SAYING:
        subject = subject_of(verb.head.head)
    if subject is None:
        subject = subject_of(verb)
    if subject is None:
        return None
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        antecedent = subject.head.head
        if _lemma(antecedent) in DOCUMENTS:
            # "claimed responsibility in a statement that …": the issuer speaks
            issuer = next((a for a in antecedent.ancestors if a.pos_ in ("VERB", "AUX")), None)
            return subject_of(issuer) if issuer is not None else None
        return antecedent
    clause = subject.head
    if subject.lower_ in PRONOUNS and clause.dep_ == "ccomp" and _lemma(clause.head) in SAYING:
        reporter = subject_of(clause.head)
        if reporter is not None and reporter.lower_ not in PRONOUNS:
            return reporter
    return subject


# -- the judging verb's predicate -------------------------------------------


def _judging(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and _lemma(verb) in JUDGING


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _quoted_object(token: Token) -> Token | None:
    """The object the parser made a modifier of a quoted predicate: in
    'called the ruling "usurpation and blackmail"' the parse has "ruling"
    modify "usurpation" (and "the prisoners 'mercenaries'" makes "prisoners"
    a possessive); a quote mark between them says where the object ends."""
    for child in token.lefts:
        # "called the prisoners 'mercenaries'": the parser reads the opening
        # single quote as a possessive's, so the object is a "poss".
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.pos_ in ("NOUN", "PROPN") and any(
                t.is_quote for t in token.doc[child.i + 1:token.i]):
            return child
    return None


def _verdict(token: Token, quoted_charge: bool = True) -> str | None:
    """ACCUSE, SUPPORT or None for a predicate: its head phrase first
    (head, modifiers, "of" phrases, conjuncts), then its whole phrase; praise
    only with no charge; a predicate in quote marks after a naming verb is
    the speaker's own charge ("called the arrest a 'political
    persecution'")."""
    lex = lexicon()
    charges = lex.of("condemn") | lex.of("disparage")
    for found in (_head_words(token), _span_words(token)):
        if found & charges:
            return ACCUSE
        if found & lex.of("praise"):
            return SUPPORT
    return ACCUSE if quoted_charge and _scare_quoted(token) else None


def _head_words(token: Token) -> set[str]:
    """The words and lemmas of the predicate's head phrase and its
    conjuncts, with their modifiers and "of" phrases ("an act of oppression
    and persecution")."""
    out: set[str] = set()
    for head in (token, *token.conjuncts):
        out |= {head.lower_, _lemma(head)}
        if head.i >= 2 and head.doc[head.i - 1].text == "-" and not head.doc[head.i - 2].whitespace_:
            out.add(f"{head.doc[head.i - 2].lower_}-{head.lower_}")  # "ill-informed", split by the tokenizer
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nmod", "advmod", "appos", "conj"):
                out |= {child.lower_, _lemma(child)}
            elif child.dep_ == "prep" and child.lower_ == "of":
                for g in child.children:
                    if g.dep_ == "pobj":
                        out |= {w for t in (g, *g.conjuncts) for w in (t.lower_, _lemma(t))}
    return out


def _span_words(token: Token) -> set[str]:
    """The single words and the lexicon's multiword phrases in the
    predicate's phrase, without the clauses it governs ("the darkest day in
    Indian democracy"; not "a gift that would not change …")."""
    tokens, stack = [], [token]
    while stack:
        node = stack.pop()
        tokens.append(node)
        stack += [c for c in node.children if c.dep_ not in CLAUSES]
    tokens.sort(key=lambda t: t.i)
    forms = _joined([t.lower_ for t in tokens if not t.is_quote], tokens)
    lemmas = _joined([_lemma(t) for t in tokens if not t.is_quote], tokens)
    out = set(forms) | set(lemmas)
    for seq in (forms, lemmas):
        for n in range(2, lexicon().longest + 1):
            out |= {" ".join(seq[k:k + n]) for k in range(len(seq) - n + 1)}
    return out


def _joined(forms: list[str], tokens: list[Token]) -> list[str]:
    """Words with the hyphens the tokenizer split joined again ("ill -
    informed" is "ill-informed") and other punctuation dropped."""
    kept = [t for t in tokens if not t.is_quote]
    out: list[str] = []
    for n, (form, t) in enumerate(zip(forms, kept, strict=True)):
        if t.text == "-" and out and n + 1 < len(kept) and not t.whitespace_ and not kept[n - 1].whitespace_:
            out[-1] += "-"
        elif out and out[-1].endswith("-"):
            out[-1] += form
        elif not t.is_punct:
            out.append(form)
    return out


def _scare_quoted(token: Token) -> bool:
    """A predicate in quote marks right around it ("called the arrest a
    'political persecution'"): the speaker's own words, mostly a charge."""
    doc = token.doc
    first, last = token.left_edge.i, token.right_edge.i
    while first < token.i and doc[first].dep_ == "det":
        first += 1  # 'a "tragic error"': the marks may come after the article
    return first > 0 and last + 1 < len(doc) and doc[first - 1].is_quote and doc[last + 1].is_quote \
        or doc[first].is_quote


# -- reported clauses -----------------------------------------------------------


def _reported(token: Token, subject_of: SubjectOf) -> Judgement | None:
    """A condemning predicate, or a standard denied, in a clause a speaker
    reports: "said the measures were unjustified", "said the strikes were an
    act of aggression", "said the attack was in violation of international
    law", "said the vote was not free and fair"; after "amount to" or
    "tantamount to", which judge by themselves, disparaging words too ("said
    the fine amounted to a slap on the wrist"); wrongs suffered ("saying they
    faced persecution")."""
    lex = lexicon()
    condemning = _said_in(token, "condemn")
    unmet = token.lower_ in lex.of("unmet") and token.pos_ == "ADJ" and (
        token.dep_ in ("acomp", "oprd") or token.dep_ == "conj" and token.head.dep_ in ("acomp", "oprd"))
    disparaging = condemning or _said_in(token, "disparage")
    if not (disparaging or unmet):
        return None
    node = token
    # Up to the predicate's head: "an act of aggression", "illegal state aid".
    for _ in range(3):
        if node.dep_ in ("amod", "conj", "advmod", "compound") and node.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
        else:
            break
    if any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
        return None  # "said there was no evidence of terrorism"
    verb, victim = node.head, False
    if node.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "to" and (
            _lemma(verb.head) == "amount" or verb.head.lower_ == "tantamount"):
        verb = verb.head.head if verb.head.dep_ == "acomp" else verb.head  # "amounted to", "was tantamount to"
    elif node.lower_ == "tantamount" and node.dep_ == "acomp":
        pass  # "was 'tantamount to murder'": the phrase starts at the predicate
    elif not condemning and not unmet:
        return None  # disparaging words judge only after "amount to"
    elif node.dep_ == "pobj" and verb.dep_ == "prep" and verb.head.pos_ in ("VERB", "AUX") \
            and _lemma(verb.head) in LINKING:
        verb = verb.head  # "was in violation of", "were on the wrong side of history"
    elif node.dep_ == "dobj" and _lemma(verb) in SUFFERING and condemning:
        victim = True  # "saying they faced persecution"
    elif node.dep_ == "dobj" and _lemma(verb) in SHOWING and condemning:
        pass  # "said the move showed contempt for workers"
    elif node.dep_ not in ("acomp", "attr", "oprd"):
        return None
    if not victim and _lemma(verb) not in LINKING | SHOWING and not (
            verb.dep_ == "auxpass" or _lemma(verb) == "consider"):
        return None
    if any(c.dep_ == "expl" for c in verb.children):
        return None  # "there was …": what exists, not what the subject is
    if unmet and not condemning and not _denied(verb) or condemning and _denied(verb):
        return None  # "was not free and fair" charges; "was not illegal" clears
    if verb.dep_ != "ccomp" and verb.head.dep_ == "ccomp" and _lemma(verb) == "consider":
        verb = verb.head
    clause = verb
    if clause.dep_ == "conj" and clause.head.dep_ == "ccomp":
        clause = clause.head  # "said the vote was peaceful but that the count was flawed"
    saying = clause.head
    if clause.dep_ not in ("ccomp", "advcl") or _lemma(saying) not in SAYING:
        return None
    speaker = speaker_of(saying, subject_of)
    target = None if victim else next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    return Judgement(speaker, target, ACCUSE) if speaker is not None else None


def _said_in(token: Token, kind: str) -> bool:
    """Whether ``token`` is a word of ``kind`` or starts one of its phrases."""
    found = lexicon().of(kind)
    return token.lower_ in found or _lemma(token) in found or _phrase_from(token, kind)


def denial(token: Token) -> bool:
    """Whether ``token`` voices a charge by denying a standard ("was not free
    and fair", "could not be considered legitimate"): the negation is the
    charge's, not the saying's."""
    lex = lexicon()
    return token.lower_ in lex.of("unmet") and token.lower_ not in lex.of("condemn")


def _phrase_from(token: Token, kind: str) -> bool:
    """Whether a multiword phrase of ``kind`` starts at ``token``
    ("tantamount to murder", "an act of war")."""
    lex = lexicon()
    sizes = lex.lengths.get(kind, {}).get(token.lower_)
    if not sizes:
        return False
    doc, found = token.doc, lex.of(kind)
    return any(token.i + n <= len(doc) and " ".join(t.lower_ for t in doc[token.i:token.i + n]) in found
               for n in sizes)


def _denied(verb: Token) -> bool:
    """A linking verb negated: "was not free and fair", "could not be
    considered legitimate"."""
    nodes = [verb, verb.head] if verb.dep_ in ("xcomp", "auxpass") else [verb]
    return any(c.dep_ == "neg" for n in nodes for c in n.children)


# -- blame --------------------------------------------------------------------


def _blamed(token: Token, subject_of: SubjectOf) -> Judgement | None:
    """Blame for an attack said of someone: "said Russia was responsible for
    the attack", "concluding that Russian agents were behind the blast"
    (the one blamed is the target); "said the attack bore the hallmarks of
    Russian involvement", "was the work of Lashkar" (the one named after
    "of" is)."""
    word = token.lower_
    verb, target = token.head, None
    if word == "responsible" and token.dep_ in ("acomp", "amod") and _for_attack(token, "for"):
        if token.dep_ == "amod":
            verb = token.head.head
        target = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    elif word == "behind" and token.dep_ == "prep" and _lemma(verb) == "be" and _for_attack(token, None):
        target = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif word == "fault" and token.dep_ == "attr" and _lemma(verb) == "be":
        # "said the disorder was the fault of French organisers"
        target = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), None)
        if target is None:
            return None
    elif word in lexicon().of("authorship") and token.dep_ in ("attr", "dobj") \
            and _lemma(verb) in ("be", "bear", "have", "carry"):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or _lemma(subject) not in BLAMED:
            return None
        target = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), None)
        if target is None:
            return None
    else:
        return None
    if verb.dep_ not in ("ccomp", "conj") or _lemma(verb.head) not in SAYING:
        return None
    speaker = speaker_of(verb.head, subject_of)
    return Judgement(speaker, target, ACCUSE) if speaker is not None else None


def _for_attack(token: Token, prep: str | None) -> bool:
    """"responsible for the attack", "behind a deadly explosion": blame,
    not duty or place."""
    if prep is None:
        return any(g.dep_ == "pobj" and _lemma(g) in BLAMED for g in token.children)
    return any(c.dep_ == "prep" and c.lower_ == prep and any(
        g.dep_ == "pobj" and _lemma(g) in BLAMED for g in c.children) for c in token.children)


# -- misconduct cited, doubts raised ---------------------------------------------


def _cited(token: Token, subject_of: SubjectOf) -> Judgement | None:
    """Misconduct cited as a reason or evidenced: "rejected the results,
    citing irregularities", "citing bias in state media and intimidation of
    voters", "said it had evidence of ballot stuffing"."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    node = token
    while node.dep_ == "conj" and node.head.i < node.i:
        node = node.head
    if not _misconduct(node):
        return None
    head = node.head
    if node.dep_ == "dobj" and _lemma(head) == "cite" and head.dep_ in ("advcl", "conj", "xcomp"):
        speaker = speaker_of(head, subject_of)
        return Judgement(speaker, None, ACCUSE) if speaker is not None else None
    if node.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) in EVIDENCE \
            and head.head.dep_ == "dobj" and _lemma(head.head.head) in EVIDENCING:
        verb = head.head.head
        speaker = speaker_of(verb, subject_of)
        if speaker is not None and speaker.pos_ == "PRON" and verb.dep_ == "ccomp" and _lemma(verb.head) in SAYING:
            speaker = speaker_of(verb.head, subject_of) or speaker  # "said it had evidence of …"
        return Judgement(speaker, None, ACCUSE) if speaker is not None else None
    return None


def _misconduct(token: Token) -> bool:
    found = lexicon().of("wrongdoing")
    phrase = " ".join(t.lower_ for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "amod")
                      or t.i == token.i)
    return token.lower_ in found or _lemma(token) in found or phrase in found or " ".join(
        t.lower_ for t in token.lefts if t.dep_ == "compound") + f" {token.lower_}" in found


def _doubted(token: Token, subject_of: SubjectOf) -> Judgement | None:
    """Doubts raised about an act by a speaker, or reported by one: "said the
    arrest raised serious questions about …", "raised doubts about the
    count"."""
    if token.pos_ != "NOUN" or token.lower_ not in DOUBTS or token.dep_ != "dobj" or _lemma(token.head) != "raise":
        return None
    verb = token.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ in ("NOUN", "PROPN") and subject.ent_type_ not in (
            "GPE", "ORG", "NORP", "PERSON") and verb.dep_ == "ccomp" and _lemma(verb.head) in SAYING:
        # "the EU said the arrest raised serious questions": the reporter doubts the arrest
        speaker = speaker_of(verb.head, subject_of)
        return Judgement(speaker, subject, ACCUSE) if speaker is not None else None
    target = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("about", "over")
                   for g in c.children if g.dep_ == "pobj"), None)
    if target is None and not any(c.dep_ == "amod" and c.lower_ in ("serious", "grave") for c in token.children):
        return None  # "raised questions" of nothing said: a speaker's own question, not a charge
    speaker = speaker_of(verb, subject_of)
    return Judgement(speaker, target, ACCUSE) if speaker is not None else None


def _wrongdone(token: Token, subject_of: SubjectOf) -> Judgement | None:
    """Wrongdoing a speaker reports of someone: "said the RQ-4 had violated
    Iranian airspace", "said the defendants had corrupted world soccer",
    "said Argentina had committed an act of unprovoked aggression" (an
    ACCUSE of the doer). Only an act said to have been done: not asked
    about ("whether the deal breached competition law"), negated, modal or
    passive; "commit" only with a condemning object ("remained committed to
    the deal" is none); a doer that is a pronoun other than "he" or "she"
    mostly stands for the speaker ("the company said it had breached …"),
    who admits rather than accuses; what a court or judge finds is its
    ruling."""
    if token.pos_ != "VERB" or _lemma(token) not in lexicon().of("wrongdo"):
        return None
    clause = token.head if token.dep_ == "conj" and token.head.dep_ == "ccomp" else token
    if clause.dep_ != "ccomp" or _lemma(clause.head) not in SAYING:
        return None
    if any(c.dep_ in ("auxpass", "neg", "expl") or c.dep_ == "aux" and c.lower_ in MODALS
           or c.dep_ == "mark" and c.lower_ in ("whether", "if") for n in {token, clause} for c in n.children):
        return None
    doer = next((c for n in (token, clause) for c in n.children if c.dep_ == "nsubj"), None)
    if doer is None or doer.pos_ == "PRON" and doer.lower_ not in ("he", "she") or _natural(doer):
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children) or _natural(obj):
        return None  # "said it had violated no rule"
    if _lemma(token) in ("commit", "perpetrate") and not (
            _span_words(obj) & (lexicon().of("condemn") | lexicon().of("wrongdoing"))):
        return None  # "committed a further 600,000 barrels"
    speaker = speaker_of(clause.head, subject_of)
    if speaker is None or _lemma(speaker) in BENCH or speaker.lower_ in BENCH:
        return None  # "the judge found that Microsoft had violated antitrust laws": a ruling, not a charge
    return Judgement(speaker, doer, ACCUSE)


def wrongdone(token: Token) -> bool:
    """Whether a verb is wrongdoing a speaker reports of someone (see
    :func:`_wrongdone`), so that the charge is the event and the verb's own
    reading is none ("said Israel had committed a crime": no AGREE; "said
    the drone had violated Iranian airspace": no REJECT)."""
    return _wrongdone(token, lambda verb: next((c for c in verb.children if c.dep_ == "nsubj"), None)) is not None


def _alleged(token: Token, subject_of: SubjectOf) -> Judgement | None:
    """What a prosecutor or investigator says someone did: "Prosecutors say
    Schettino steered the ship too close to the island", "the prosecutor
    said the co-pilot had deliberately flown the plane into a mountain"
    (an ACCUSE of the one said to have done it). Only an act
    done (past, active, not negated, no modal) by someone other than the
    speaker."""
    if token.pos_ != "VERB" or token.dep_ != "ccomp" or _lemma(token.head) not in REPORTING:
        return None
    if token.tag_ not in ("VBD", "VBN") or token.tag_ == "VBN" and not any(
            c.dep_ == "aux" and _lemma(c) == "have" for c in token.children):
        return None
    if any(c.dep_ in ("auxpass", "neg", "expl") or c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
        return None
    doer = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if doer is None or not (doer.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or _lemma(doer) in DOERS):
        return None  # "said recordings showed that …": evidence, not whom it accuses
    speaker = speaker_of(token.head, subject_of)
    if speaker is None or not ({_lemma(t) for t in speaker.subtree} & ACCUSERS):
        return None
    return Judgement(speaker, doer, ACCUSE)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
