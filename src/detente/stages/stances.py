"""Stage: stances — the positions actors take on issues.

Reads: ``doc`` and the ``actor``, ``quote`` and ``time`` records. Adds:
``stance`` records: an actor, a normalised ``issue``, a ``position``
(``demand``, ``reject``, ``offer``, ``support``, ``oppose``), a date and
the evidence span.

**Issues** are the rows of ``kb/data/issues.tsv``: a slug (the issue's name,
the same in every article) and the phrases that name it ("NATO's open-door
policy", "NATO enlargement", "joining NATO" are all ``nato-enlargement``).

**Positions** come from the cue words of ``kb/data/stance_cues.tsv``
("demand", "reject", "rule out", "ready to", "propose", "back",
"condemn"). A stance is a cue that *governs* an issue phrase in the parse:
the issue sits in the cue's object, complement or prepositional phrase.
Every cue on the way from the issue up to the clause counts, each with its
own actor, so one sentence can hold both sides of a tug-of-war: "The US and
its allies rejected the Russian demands on NATO enlargement" is Russia's
*demand* and the United States' *reject* on ``nato-enlargement``.

**The actor** of a verb cue is its subject (a person counts as their
country or organisation, as for events; "we" and "I" inside a direct quote
are the quote's speaker); of an adjective cue ("ready to negotiate") the
subject of its clause; of a noun cue ("Russia's demands", "the Russian
proposal") its possessor or modifier. A cue with no actor makes no stance:
precision over volume.

**Negation** turns an offer into a reject ("not a single ally is willing
to negotiate anything as it relates to NATO's open-door policy") and
support into oppose; a negated demand or reject says nothing sure and makes
no stance. A cue under a modal ("could", "might") makes no stance, except an
offer, which is conditional by nature.

**Date**: the clause's time expression, else the article's publication day
(the day the position was reported).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..article import Article
from ..kb import _tsv
from ..kb.roles import words
from ..nlp import load_model
from ..records import ActorRef, EventRecord, StanceRecord
from ..settings import Settings
from .events import ANNOUNCING, PRONOUNS, SHARED_FINDER, Finder, _unique, first_person, triggers

NAME = "stances.v1"

POSITIONS = ("demand", "reject", "offer", "support", "oppose")
# How far up the parse an issue phrase may sit below its cue: "rejected (1)
# the demands (2) on (3) enlargement" is 3; "willing to talk about where
# missiles could be deployed and about limits on military exercises" is 7.
# The clause boundary stops the walk before this in all but run-on
# sentences.
MAX_DEPTH = 10
# Verbs of wanting: a demand when someone else is to act ("we want to see
# Russia pull back"), the actor's own intent when the wish is its own
# infinitive ("Moscow wanted to de-escalate").
OWN_WISH = frozenset({"want", "seek"})
# Prepositions of a clause's setting (where, when, why), not its content:
# an issue named there is not what the cue is about.
SETTING_PREPS = frozenset({"at", "in", "during", "after", "before", "since", "amid", "ahead", "following", "despite"})
# Dependencies that leave a clause.
CLAUSES = frozenset({"ccomp", "advcl", "relcl", "parataxis"})
# Light verbs whose subject owns a noun cue: "Russia laid out its demands",
# "NATO put forward a proposal".
VOICING = words("make issue present put lay voice table submit send deliver repeat reiterate renew")
# Confidence by the cue's shape, set by reading the seed article's and the
# example corpus's output (there is no stance gold set yet): a verb with its
# subject is the surest; an adjective ("ready to") leans on its clause; a
# noun on a possessor; a position read through negation is less sure.
CONFIDENCE = {"VERB": 0.75, "ADJ": 0.7, "NOUN": 0.65}
NEGATION_COST = 0.1


@dataclass(frozen=True)
class Cue:
    position: str | None  # None: a position only when negated
    negated: str | None


@dataclass(frozen=True)
class Issue:
    slug: str
    label: str
    terms: tuple[str, ...]


@cache
def issues() -> dict[str, Issue]:
    """The issue lexicon: slug → issue."""
    out = {}
    for row in _tsv("issues.tsv"):
        terms = tuple(t.strip() for t in row["terms"].split("|") if t.strip())
        out[row["issue"]] = Issue(row["issue"], row["label"], terms)
    return out


@cache
def cues() -> dict[tuple[str, str], Cue]:
    out = {}
    for row in _tsv("stance_cues.tsv"):
        out[(row["lemma"], row["pos"])] = Cue(None if row["position"] == "-" else row["position"],
                                              None if row["negated"] == "-" else row["negated"])
    return out


class Stances:
    name = NAME
    requires = frozenset({"doc", "actors", "quotes", "times"})
    provides = frozenset({"stances"})

    def __init__(self, settings: Settings) -> None:
        nlp = load_model(settings.model)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for issue in issues().values():
            self.matcher.add(issue.slug, [nlp.make_doc(term) for term in issue.terms])
        self.cues = cues()
        self.triggers = triggers()
        from ..kb import load_kb

        self.kb = load_kb(settings.kb)

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if article.doc is None:
                continue
            reader = _Reader.shared(article, self) or _Reader(article, self)
            for n, stance in enumerate(reader.stances()):
                stance.id = f"{article.id}-s{n}"
                article.records.append(stance)


class _Reader(Finder):
    """The events stage's reader of actors, quotes and times, asked about
    cues and issues instead of triggers."""

    def __init__(self, article: Article, stage: Stances) -> None:
        super().__init__(article, stage.triggers, stage.kb)
        self.stage = stage

    @classmethod
    def shared(cls, article: Article, stage: Stances) -> _Reader | None:
        """The events stage's reader of this article, taken over (issue 19:
        it was built twice per article), or None when there is none or the
        article has gained other records than events since it was built
        (then a reader of its own is built)."""
        assert article.doc is not None
        left = article.doc.user_data.pop(SHARED_FINDER, None)
        if left is None:
            return None
        finder, count = left
        if (not isinstance(finder, Finder) or finder.article is not article or finder.kb is not stage.kb
                or finder.lexicon is not stage.triggers
                or not all(isinstance(r, EventRecord) for r in article.records[count:])):
            return None
        reader = cls.__new__(cls)
        reader.__dict__.update(finder.__dict__)
        reader.model = None  # the events stage's classifier: no business of the stances
        reader.stage = stage
        return reader

    def stances(self) -> list[StanceRecord]:
        doc: Doc = self.doc
        out: dict[tuple[str, str, str, int], StanceRecord] = {}
        for match_id, start, end in self._issue_spans():
            slug = doc.vocab.strings[match_id]
            span = doc[start:end]
            node = span.root
            for _ in range(MAX_DEPTH):
                if node.head == node:
                    break
                if node.dep_ in CLAUSES and self._cue(node.head) is None:
                    break  # a position reaches no further than its clause…
                if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and self._cue(node) is not None:
                    break  # "refused X but offered to discuss Y": two predicates
                if node.dep_ == "prep" and node.lower_ in SETTING_PREPS and node.head.pos_ in ("VERB", "AUX", "ADJ"):
                    break  # "At the strategic stability dialogue, the US offered …": where, not what
                node = node.head  # …unless the clause is what a cue says ("demanded that NATO …")
                cue = self._cue(node)
                if cue is None:
                    continue
                if node.lemma_.lower() in OWN_WISH and span.root.head == node and span.root.dep_ == "xcomp":
                    continue  # "Moscow wanted to de-escalate": its own intent, not a demand on anyone
                for stance in self._stances(node, cue, slug):
                    # One stance per actor, issue and position in a sentence.
                    key = (stance.actor.code or stance.actor.name or "", slug, stance.position,
                           self._sent(node).start)
                    out.setdefault(key, stance)
        return sorted(out.values(), key=lambda s: (s.start, s.end, s.issue, s.position))

    def _issue_spans(self) -> list[tuple[int, int, int]]:
        """Issue phrases, longest first where they overlap."""
        found = sorted(self.stage.matcher(self.doc), key=lambda m: (m[1], -(m[2] - m[1])))
        out, last_end = [], -1
        for match_id, start, end in found:
            if start >= last_end:
                out.append((match_id, start, end))
                last_end = end
        return out

    def _cue(self, token: Token) -> Cue | None:
        pos = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}.get(token.pos_)
        if pos is None:
            return None
        lemma = token.lemma_.lower()
        if pos == "VERB":
            for child in token.children:
                if child.dep_ in ("prt", "prep") and (f"{lemma}_{child.lower_}", pos) in self.stage.cues:
                    return self.stage.cues[(f"{lemma}_{child.lower_}", pos)]
        found = self.stage.cues.get((lemma, pos)) or self.stage.cues.get((token.lower_, pos))
        if found is None and token.dep_ == "acomp":
            found = self.stage.cues.get((token.lower_, "ADJ"))  # "was prepared to", tagged a participle
        if found is None and token.pos_ == "AUX":
            # "were ready to hold meetings …, on transparency …": a phrase the
            # parser hangs on the copula belongs to its adjective's offer.
            found = next((self.stage.cues.get((c.lower_, "ADJ")) for c in token.children
                          if c.dep_ == "acomp" and (c.lower_, "ADJ") in self.stage.cues), None)
        return found

    def _stances(self, cue_token: Token, cue: Cue, slug: str) -> list[StanceRecord]:
        """The stance of each actor the cue has ("France, Germany and Italy
        said … could not be renegotiated": three)."""
        pos = "ADJ" if cue_token.pos_ == "ADJ" or cue_token.dep_ == "acomp" else \
            "NOUN" if cue_token.pos_ in ("NOUN", "PROPN") else "VERB"
        actors, subject = self._actor(cue_token, pos)
        if not actors:
            return []
        negated = self._negated(cue_token, subject)
        position = cue.negated if negated else cue.position
        if position is None:
            return []
        if self._open_question(cue_token):
            return []  # "do not know whether Moscow is prepared to de-escalate"
        if pos != "NOUN" and not negated and cue.position != "offer":
            status = self._status(cue_token)
            if status in ("hypothetical", None):
                return []
        sent = self._sent(cue_token)
        tokens = list(cue_token.subtree)
        if subject is not None and sent.start <= subject.i < sent.end:
            tokens += list(subject.subtree)
        first = max(min(t.i for t in tokens), sent.start)
        last = min(max(t.i for t in tokens), sent.end - 1)
        # End at the clause's last word, not its full stop.
        while last > first and self.doc[last].is_punct and not self.doc[last].is_quote:
            last -= 1
        date, _ = self._date(cue_token)
        if date is None and self.published:
            date = self.published.isoformat()
        start, end = self.doc[first].idx, self.doc[last].idx + len(self.doc[last])
        confidence = CONFIDENCE[pos] - NEGATION_COST * negated
        return [StanceRecord(
            id="", article_id=self.article.id, actor=actor, issue=slug, position=position, date=date,
            text=self.article.text[start:end], start=start, end=end, confidence=round(confidence, 2),
            stage=NAME,
        ) for actor in actors]

    def _actor(self, cue_token: Token, pos: str) -> tuple[list[ActorRef], Token | None]:
        """Who takes the position, and the token that names them."""
        if pos == "NOUN":
            refs = _unique(self._modifier_refs(cue_token))
            if refs:
                return refs, None
            head = cue_token.head
            if cue_token.dep_ == "dobj" and head.lemma_.lower() in VOICING:
                subject = self._subject_token(head)
                return (self._all(subject), subject) if subject is not None else ([], None)
            return [], None
        anchor = cue_token.head if pos == "ADJ" and cue_token.dep_ in ("acomp", "amod", "attr") else cue_token
        agents = [g for c in anchor.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subject = agents[0] if agents else self._subject_token(anchor)
        if subject is None:
            return [], None
        found = self._all(subject)
        if not found and not first_person(subject) and subject.pos_ != "PRON":
            # "Stoltenberg said the allies were ready to …": a group no
            # record codes, reported by one who speaks for it.
            speaker = self._reporter(anchor)
            if speaker is not None and speaker != subject:
                found, subject = self._all(speaker), speaker
        return found, subject

    def _reporter(self, anchor: Token) -> Token | None:
        """The subject of the reporting verb whose clause holds ``anchor``."""
        node = anchor
        for _ in range(3):
            if node.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or node.head == node:
                return None
            node = node.head
            if node.lemma_.lower() in ANNOUNCING:
                return next((c for c in node.children if c.dep_ == "nsubj"), None)
        return None

    def _all(self, subject: Token) -> list[ActorRef]:
        """The actors a subject names, each once by code ("the US and its
        allies": the United States; "France, Germany and Italy": three)."""
        in_quote = self._in_quote(subject)
        if first_person(subject):
            if in_quote is not None and in_quote.speaker is not None:
                said = in_quote.speaker
                return [ActorRef(name=said.name, code=said.code, actor_id=said.actor_id)]
            return []
        refs = _unique(self._refs(subject) + self._modifier_refs(subject)) or self._kb_refs(subject)
        if not refs and subject.lower_ in PRONOUNS:
            # "Syria says it will not accept …": the one who says it.
            speaker = self._speaker_of(subject.head)
            if speaker is not None:
                refs = _unique(self._refs(speaker) + self._modifier_refs(speaker))
        by_code: dict[str, ActorRef] = {}
        for ref in refs:
            by_code.setdefault(ref.code or ref.name or "", ref)
        return list(by_code.values())

    def _open_question(self, cue_token: Token) -> bool:
        """The cue's clause is an open question or a condition ("whether",
        "if")."""
        node = cue_token
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if", "unless") for c in node.children):
                return True
            if node.head == node or node.dep_ not in ("xcomp", "acomp", "attr", "dobj", "pobj", "prep", "conj"):
                return False
            node = node.head
        return False

    def _negated(self, cue_token: Token, subject: Token | None) -> bool:
        nodes = [cue_token]
        if cue_token.dep_ in ("acomp", "xcomp", "attr") or cue_token.pos_ == "ADJ":
            nodes.append(cue_token.head)
        if any(c.dep_ == "neg" for n in nodes for c in n.children):
            return True
        if cue_token.dep_ == "xcomp" and cue_token.head.lemma_.lower() in ("refuse", "decline", "fail"):
            return True
        if subject is not None:
            # "No ally is willing", "not a single ally is willing".
            head_words = [t.lower_ for t in subject.subtree][:2]
            if head_words and (head_words[0] in ("no", "none", "neither") or head_words[0] == "not"):
                return True
        return False


__all__ = ["NAME", "POSITIONS", "Issue", "Stances", "cues", "issues"]
