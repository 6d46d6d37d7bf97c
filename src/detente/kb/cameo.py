"""CAMEO verb senses: which PLOVER event a verb means, given its objects.

``kb/data/cameo_verbs.tsv`` is generated from PETRARCH2's CAMEO verb
dictionary by :mod:`detente.kb.build_cameo` (its docstring documents the
columns and the pattern grammar). :func:`table` loads it once;
:meth:`CameoTable.match` picks the sense of one verb::

    table().match("call", ["off"], ["talk"], [])     # call_off: SANCTION
    table().match("crash", [], ["car"], [])          # not an event

Matching is pure Python and uses dict lookups only: every verb of every
article goes through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

# Words whose final "s" is no plural ending.
_KEEP_S = frozenset(
    {"news", "series", "species", "means", "politics", "economics", "physics", "headquarters", "whereabouts"}
)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A noun's singular by English spelling rules, for matching lemmas.

    Both the table and the matcher's input go through it, so a plural the
    tagger left alone ("talks") meets the dictionary's singular ("talk").
    """
    word = word.lower()
    if len(word) <= 3 or word in _KEEP_S or word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class CameoMatch:
    """One sense of a verb: its PLOVER event and the CAMEO row it came from.

    ``type`` is None when the sense is no event ("crashed the car": CAMEO
    ``---``, or a code PLOVER does not code, such as 010 statements).
    """

    type: str | None
    mode: str | None
    context: str | None
    cameo: str  # "190", "042:043", ":173" (see reverse) or "---"
    pattern: str  # "-" for the verb's default, else the table's pattern

    @property
    def reverse(self) -> bool:
        """True when the act runs from the verb's object (or the actor of
        its prepositional phrase) to its subject ("X appeared before the
        court": the court acts on X)."""
        return self.cameo.startswith(":")


Term = tuple[frozenset[str], ...]  # alternatives; each a set of lemmas that must all be present


@dataclass(frozen=True)
class _Pattern:
    subj: tuple[Term, ...]
    obj: tuple[Term, ...]
    preps: tuple[tuple[str, Term], ...]  # () as the term: any object
    score: int  # lemmas plus prepositions: the more, the more specific
    order: int  # file order breaks ties
    sense: CameoMatch

    def fits(self, subj: set[str], obj: set[str], preps: dict[str, set[str]]) -> bool:
        return (
            all(_has(term, subj) for term in self.subj)
            and all(_has(term, obj) for term in self.obj)
            and all(prep in preps and _has(term, preps[prep]) for prep, term in self.preps)
        )

    def anchors(self) -> set[str]:
        """Keys the verb's arguments produce whenever this pattern fits
        (one per alternative of one clause), so that a call only checks
        patterns that can fit (see CameoTable.match)."""
        if self.obj:
            return {"o:" + min(option) for option in self.obj[0]}
        if self.subj:
            return {"s:" + min(option) for option in self.subj[0]}
        prep, term = self.preps[0]
        return {f"p:{prep}={min(option)}" for option in term} if term else {f"p:{prep}"}


def _has(term: Term, words: set[str]) -> bool:
    """Some alternative of the term is all there (an empty term: anything is)."""
    return not term or any(option <= words for option in term)


@dataclass
class _Entry:
    """One verb with one particle (or none): its default and its patterns."""

    default: CameoMatch | None = None
    patterns: dict[str, list[_Pattern]] = field(default_factory=dict)  # by anchor

    def best(self, keys: Iterable[str], subj: set[str], obj: set[str], preps: dict[str, set[str]]) -> _Pattern | None:
        found: _Pattern | None = None
        for key in keys:
            for pattern in self.patterns.get(key, ()):
                better = found is None or (pattern.score, -pattern.order) > (found.score, -found.order)
                if better and pattern.fits(subj, obj, preps):
                    found = pattern
        return found


def _none(value: str) -> str | None:
    return None if value == "-" else value


def _term(text: str) -> Term:
    return tuple(frozenset(option.split("_")) for option in text.split("|") if option)


def _parse_pattern(text: str) -> tuple[tuple[Term, ...], tuple[Term, ...], tuple[tuple[str, Term], ...], int]:
    """A pattern (grammar in :mod:`detente.kb.build_cameo`) → its clauses and
    specificity: its lemmas (an alternation counts its shortest option) plus
    one per preposition."""
    subj: list[Term] = []
    obj: list[Term] = []
    preps: list[tuple[str, Term]] = []
    for clause in text.split():
        kind, _, rest = clause.partition(":")
        if kind == "prep":
            prep, _, term = rest.partition("=")
            preps.append((prep, _term(term)))
        elif kind in ("obj", "subj"):
            (obj if kind == "obj" else subj).append(_term(rest))
        else:
            raise ValueError(f"cameo_verbs.tsv: unknown clause {clause!r}")
    terms = [*subj, *obj, *(term for _, term in preps if term)]
    score = sum(min(len(option) for option in term) for term in terms) + len(preps)
    return tuple(subj), tuple(obj), tuple(preps), score


class CameoTable:
    """The verb senses of ``cameo_verbs.tsv``, indexed for :meth:`match`."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        # verb lemma → particle ("" for none) → entry
        self._verbs: dict[str, dict[str, _Entry]] = {}
        self.rows = 0
        for order, row in enumerate(rows):
            self._add(row, order)
            self.rows += 1

    def _add(self, row: dict[str, str], order: int) -> None:
        particle = "" if row["particle"] == "-" else row["particle"]
        head = row["lemma"][: -len(particle) - 1] if particle else row["lemma"]
        entry = self._verbs.setdefault(head, {}).setdefault(particle, _Entry())
        sense = CameoMatch(_none(row["type"]), _none(row["mode"]), _none(row["context"]), row["cameo"], row["pattern"])
        if row["pattern"] == "-":
            entry.default = sense
            return
        subj, obj, preps, score = _parse_pattern(row["pattern"])
        pattern = _Pattern(subj, obj, preps, score, order, sense)
        for anchor in pattern.anchors():
            entry.patterns.setdefault(anchor, []).append(pattern)

    @property
    def lemmas(self) -> frozenset[str]:
        """Every verb the table knows, phrasal ones as ``verb_particle``."""
        return frozenset(
            f"{head}_{particle}" if particle else head
            for head, entries in self._verbs.items()
            for particle in entries
        )

    def match(
        self,
        lemma: str,
        particles: Sequence[str],
        objects: Sequence[str],
        preps: Sequence[tuple[str, str]],
        *,
        subjects: Sequence[str] = (),
    ) -> CameoMatch | None:
        """The sense of a verb, or None when the table does not know it.

        ``particles`` are the verb's particles ("off" in "called off");
        ``objects`` the lemmas of its direct object's head and of that head's
        compounds and modifiers; ``preps`` one (preposition, lemma) pair per
        lemma of each prepositional object (head and modifiers, like
        ``objects``; "" for none); ``subjects`` likewise for its subject.

        The most specific fitting pattern wins (most lemmas and
        prepositions); a phrasal verb's patterns and default count one more
        than the bare verb's. With no fitting pattern the verb's default
        applies. A particle the table lists as phrasal ("call off") replaces
        the bare verb's senses (if none of its patterns fits and it has no
        default, the answer is None); a preposition listed as one ("ask
        for") competes with them. A lemma may carry its particle
        ("call_off").
        """
        lemma = lemma.lower()
        entries = self._verbs.get(lemma)
        if entries is None and "_" in lemma:
            head, particle = lemma.split("_", 1)
            return self.match(head, [*particles, particle], objects, preps, subjects=subjects)
        if entries is None:
            return None
        obj = {singular(w) for w in objects if w}
        subj = {singular(w) for w in subjects if w}
        by_prep: dict[str, set[str]] = {}
        for prep, word in preps:
            words = by_prep.setdefault(prep.lower(), set())
            if word:
                words.add(singular(word))
        keys = [f"o:{w}" for w in obj] + [f"s:{w}" for w in subj] + [f"p:{p}" for p in by_prep]
        keys += [f"p:{p}={w}" for p, words in by_prep.items() for w in words]

        phrasal = [entries[p.lower()] for p in particles if p.lower() in entries and p]
        prep_keyed = [entries[p] for p in by_prep if p in entries and p]
        # A listed particle replaces the bare verb: "call off" is not "call".
        pool = [(entry, 1) for entry in phrasal + prep_keyed]
        if not phrasal and "" in entries:
            pool.append((entries[""], 0))
        # Rank by score, then by the pool's order (phrasal first), then by
        # file order; a default scores its bonus, any pattern more.
        best: tuple[tuple[int, int, int], CameoMatch] | None = None
        for rank, (entry, bonus) in enumerate(pool):
            found = entry.best(keys, subj, obj, by_prep)
            if found is not None:
                ranked = ((found.score + bonus, -rank, -found.order), found.sense)
            elif entry.default is not None:
                ranked = ((bonus, -rank, 0), entry.default)
            else:
                continue
            if best is None or ranked[0] > best[0]:
                best = ranked
        return best[1] if best else None


def read_table(text: str) -> CameoTable:
    """A table from the TSV's text (comment lines start with ``#``)."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return CameoTable(dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:])


@cache
def table() -> CameoTable:
    """The shipped table, loaded once."""
    text = resources.files("detente.kb").joinpath("data", "cameo_verbs.tsv").read_text("utf-8")
    return read_table(text)
