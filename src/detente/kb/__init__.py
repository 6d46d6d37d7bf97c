"""The knowledge base: countries, seats of power, organisations, people and
role words, shipped as detente's own data files, plus the user's.

Shipped files (``data/``):

- ``countries.tsv``: every ISO 3166-1 country (alpha-3) with its usual name,
  other names, adjectives, nationals and capitals;
- ``seats.tsv``: seats of power used as metonyms ("the Kremlin" → RUS GOV);
- ``organizations.yaml``: international organisations and armed groups, with
  aliases and the generic descriptions ("the alliance") that mean them once
  an article has named them;
- ``people.yaml``: well-known office holders, one entry per office, with dates;
- ``roles.tsv``: role words and their sectors (see :mod:`detente.kb.roles`);
- ``reporting_verbs.tsv``: the verbs that attribute speech, with the kind of
  speech act each reports (used by the quotes stage).

User files (the ``kb`` setting, ``--kb``) are YAML, CSV or PETRARCH/TABARI
dictionaries (:mod:`detente.kb.entries`, :mod:`detente.kb.petrarch`). A user
entry overrides every built-in entry that shares one of its names: the
phrase then means only what the user's files say.

Matching works on spaCy tokens. A phrase's case matters where it carries
meaning: an all-capital word ("US", "WHO") must appear in capitals, a
capitalised word must start with a capital, so "us" and "who" never match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .entries import Entry, load_yaml, read_file, read_yaml
from .roles import RoleLexicon, read_roles

#: How a phrase names its actor. ``name`` and ``alias`` are names proper;
#: ``context`` a description that needs the actor named earlier in the
#: article; ``adjective`` ("Russian") and ``people`` ("the Russians") a
#: country's derived forms; ``capital`` and ``seat`` metonyms for its
#: government.
HOWS = ("name", "alias", "context", "adjective", "people", "capital", "seat")


@dataclass(frozen=True)
class Target:
    """What a matched phrase stands for."""

    entry: Entry
    how: str
    sector: str | None = None  # a seat's own sector (the Pentagon: MIL)
    user: bool = False


@dataclass(frozen=True)
class Pattern:
    tokens: tuple[str, ...]  # lower case
    case: tuple[str, ...]  # per token: "exact", "title" or "any"
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Match:
    start: int  # token offsets in the doc
    end: int
    targets: tuple[Target, ...]


@cache
def _tokenizer():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank("en").tokenizer


def tokenize(text: str) -> tuple[str, ...]:
    """Lower-case spaCy tokens of a phrase, a leading "the" dropped."""
    words = tuple(t.text for t in _tokenizer()(text.strip()))
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return tuple(w.lower() for w in words)


def _case(text: str) -> tuple[str, ...]:
    words = [t.text for t in _tokenizer()(text.strip())]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    out = []
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            out.append("exact")
        elif letters and word[0].isupper():
            out.append("title")
        else:
            out.append("any")
    return tuple(out)


# Letters that Unicode does not decompose into a base letter and an accent,
# so that NFKD alone would cut the word at them ("Yıldırım" would key as
# "y ld m", not "yildirim"): Turkish dotless i, Polish ł, Nordic ø, æ and
# å's neighbours, South Slavic đ, German ß, Icelandic þ and ð.
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                               "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})


def name_key(text: str) -> str:
    """A name's matching key: no accents, case or punctuation; middle
    initials dropped ("Joseph R. Biden" → "joseph biden"; "Binali
    Yıldırım" → "binali yildirim")."""
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text.replace("'", "").replace("’", ""))
    if len(words) > 2:
        words = [w for i, w in enumerate(words) if not (len(w) == 1 and 0 < i < len(words) - 1)]
    return " ".join(words)


def _data(name: str) -> str:
    return resources.files("detente.kb").joinpath("data", name).read_text("utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data(name).splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


@cache
def builtin_countries() -> dict[str, str]:
    """ISO alpha-3 code → the country's usual name."""
    return {row["code"]: row["name"] for row in _tsv("countries.tsv")}


@cache
def cameo_organizations() -> dict[str, tuple[str, str | None]]:
    """CAMEO organisation code (IGOWSTNAT) → (detente code, sector)."""
    out = {}
    for item in load_yaml(_data("organizations.yaml")) or []:
        if item.get("cameo") and item.get("code"):
            out[str(item["cameo"]).upper()] = (str(item["code"]), item.get("sector"))
    return out


@cache
def role_lexicon() -> RoleLexicon:
    return RoleLexicon(read_roles(_data("roles.tsv"), tokenize))


class KnowledgeBase:
    """Every phrase detente knows as an actor, indexed for token matching."""

    def __init__(self, builtin: Iterable[tuple[str, Target]], user: Iterable[Entry] = (),
                 digest: str = "") -> None:
        self.roles = role_lexicon()
        self.countries = builtin_countries()
        self.digest = digest
        table: dict[tuple[str, ...], list[tuple[tuple[str, ...], Target]]] = {}
        overridden: set[tuple[str, ...]] = set()
        for phrase, target in builtin:
            self._add(table, phrase, target)
        for entry in user:
            for phrase, how in _phrases(entry):
                key = tokenize(phrase)
                if key not in overridden:
                    table[key] = []  # the user's entries replace the built-in ones
                    overridden.add(key)
                self._add(table, phrase, Target(entry, how, user=True))
        self._index: dict[str, list[Pattern]] = {}
        for key, items in table.items():
            by_case: dict[tuple[str, ...], list[Target]] = {}
            for case, target in items:
                by_case.setdefault(case, []).append(target)
            for case, targets in by_case.items():
                self._index.setdefault(key[0], []).append(Pattern(key, case, tuple(targets)))
        for patterns in self._index.values():
            patterns.sort(key=lambda p: -len(p.tokens))

    @staticmethod
    def _add(table: dict[tuple[str, ...], list[tuple[tuple[str, ...], Target]]],
             phrase: str, target: Target) -> None:
        key = tokenize(phrase)
        if key:
            table.setdefault(key, []).append((_case(phrase), target))

    def match(self, words: Sequence[str], lowers: Sequence[str], start: int = 0,
              end: int | None = None) -> list[Match]:
        """Longest-first, left-to-right, non-overlapping matches over a token
        sequence (``words`` as written, ``lowers`` lower case)."""
        end = len(words) if end is None else end
        out = []
        i = start
        while i < end:
            found = None
            for pattern in self._index.get(lowers[i], ()):
                n = len(pattern.tokens)
                if i + n <= end and tuple(lowers[i:i + n]) == pattern.tokens and all(
                    _case_ok(words[i + k], pattern.case[k]) for k in range(n)
                ):
                    found = Match(i, i + n, pattern.targets)
                    break
            if found is None:
                i += 1
            else:
                out.append(found)
                i = found.end
        return out

    def lookup(self, phrase: str) -> tuple[Target, ...]:
        """The targets of an exact phrase (any case policy), for tests and tools."""
        key = tokenize(phrase)
        for pattern in self._index.get(key[0] if key else "", ()):
            if pattern.tokens == key:
                return pattern.targets
        return ()

    @staticmethod
    def pick(targets: Sequence[Target], day: dt.date | None) -> Target | None:
        """The target valid on ``day``: a dated entry that holds beats an
        undated default; among several, the latest to start wins."""
        valid = [t for t in targets if t.entry.valid_on(day)]
        if not valid:
            return None
        dated = [t for t in valid if t.entry.valid_from or t.entry.valid_to]
        pool = dated or valid
        return max(pool, key=lambda t: (t.user, t.entry.valid_from or dt.date.min))

    def country_name(self, code: str | None) -> str | None:
        return self.countries.get(code or "")


def _case_ok(word: str, policy: str) -> bool:
    if policy == "exact":
        letters = [c for c in word if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)
    if policy == "title":
        return word[:1].isupper()
    return True


def _phrases(entry: Entry) -> list[tuple[str, str]]:
    out = [(entry.name, "name")]
    out += [(a, "alias") for a in entry.aliases]
    out += [(a, "context") for a in entry.context_aliases]
    return out


def _builtin_targets() -> list[tuple[str, Target]]:
    out: list[tuple[str, Target]] = []
    countries: dict[str, Entry] = {}
    for row in _tsv("countries.tsv"):
        entry = Entry(name=row["name"], type="country", code=row["code"],
                      aliases=tuple(_split(row.get("aliases"))), source="builtin:countries.tsv")
        countries[row["code"]] = entry
        out += [(p, Target(entry, how)) for p, how in _phrases(entry)]
        out += [(p, Target(entry, "adjective")) for p in _split(row.get("adjectives"))]
        out += [(p, Target(entry, "people")) for p in _split(row.get("people"))]
        out += [(p, Target(entry, "capital", sector="GOV")) for p in _split(row.get("capitals"))]
    for row in _tsv("seats.tsv"):
        country = countries.get(row["code"])
        if country is not None:
            out.append((row["phrase"], Target(country, "seat", sector=row["sector"] or None)))
    for name in ("organizations.yaml", "people.yaml"):
        for entry in read_yaml(_data(name), f"builtin:{name}"):
            out += [(p, Target(entry, how)) for p, how in _phrases(entry)]
    return out


@dataclass(frozen=True)
class ReportingVerb:
    """A verb that attributes words to a speaker (``data/reporting_verbs.tsv``)."""

    lemma: str
    act: str  # the speech act (the finer class): "speech", "warning", "denial", "demand", ...
    reported: bool  # "X <verb> that CLAUSE" is reported speech
    #: what the attribution is (QuoteRecord.act): "say", "claim", "belief", "intention".
    kind: str = "say"


@cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    """Lemma → reporting verb."""
    return {row["lemma"]: ReportingVerb(row["lemma"], row["class"], row["reported"] == "yes",
                                        row.get("act") or "say")
            for row in _tsv("reporting_verbs.tsv")}


DATA_FILES = ("countries.tsv", "seats.tsv", "organizations.yaml", "people.yaml", "roles.tsv",
              "reporting_verbs.tsv")


@cache
def _load(paths: tuple[tuple[str, float], ...]) -> KnowledgeBase:
    user: list[Entry] = []
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(_data(name).encode("utf-8"))
    for path, _mtime in paths:
        user.extend(read_file(path))
        digest.update(Path(path).read_bytes())
    return KnowledgeBase(_builtin_targets(), user, digest=digest.hexdigest()[:16])


def load_kb(paths: Sequence[str] = ()) -> KnowledgeBase:
    """The built-in knowledge base with the user's files layered on top
    (cached per set of files and their modification times)."""
    from ..errors import ConfigError

    keyed = []
    for path in paths:
        try:
            keyed.append((str(Path(path).resolve()), Path(path).stat().st_mtime))
        except OSError as exc:
            raise ConfigError(f"cannot read actor dictionary {path}: {exc.strerror}") from exc
    return _load(tuple(keyed))


__all__ = ["Entry", "KnowledgeBase", "Match", "ReportingVerb", "Target", "load_kb", "name_key",
           "reporting_verbs", "tokenize"]
