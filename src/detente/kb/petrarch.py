"""Import PETRARCH / TABARI actor dictionaries.

Analysts have kept actor dictionaries in this format for decades (the
``Phoenix.Countries.actors.txt`` and ``.actors`` files of TABARI and
PETRARCH). A record is a primary phrase, optional ``+`` synonym lines, and
optional date restrictions, each on its own line starting with a tab (the
PETRARCH form) or inline after the phrase (the older TABARI form)::

    VLADIMIR_PUTIN_  [RUSELI]        # the default code
    +PUTIN_
    \t[RUSGOV 20000507-20080507]
    \t[RUSGOV >20120507]

Phrases are words joined by ``_`` or blanks; a trailing ``_`` (no plural) is
dropped. Comments are ``#`` or ``;`` to the end of a line, or ``<!-- -->``.
Restrictions are ``<date`` (until), ``>date`` (from) or ``date-date``, with
dates as ``YYYYMMDD`` or ``YYMMDD`` (two-digit years below 30 are 20xx, as
dictionaries written since the 1990s use them).

CAMEO codes become detente's code and sector: ``RUSGOV`` is ``RUS``/``GOV``;
an organisation code (``IGOWSTNAT``) maps to the acronym detente's built-in
organisations carry (``NATO``), or to ``code: null`` when unknown. The type:
a bare country code makes the phrases names of that country; an ``IGO``/
``NGO``/``MNC`` code an organisation; a phrase that looks like a person's name
(two to four words, none an institution or role word) with any dated or
sector code a person; anything else a group.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import ConfigError
from .entries import SECTORS, Entry
from .roles import INSTITUTION_WORDS

_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")
_ORG_PREFIXES = ("IGO", "NGO", "NGM", "MNC", "INT", "UNO")


def read_petrarch(text: str, where: str) -> list[Entry]:
    """Parse a PETRARCH/TABARI actor dictionary into entries."""
    from . import builtin_countries, cameo_organizations, role_lexicon

    countries = builtin_countries()
    orgs = cameo_organizations()
    role_words = role_lexicon().words
    text = _COMMENT_BLOCK.sub(" ", text)
    entries: list[Entry] = []
    block: _Block | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = re.split(r"[#;]", raw, maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        here = f"{where}: line {number}"
        stripped = line.strip()
        if stripped.startswith("+"):
            if block is None:
                raise ConfigError(f"{here}: a '+' synonym line comes before any actor phrase")
            block.phrases.append(_phrase(stripped[1:]))
            block.codes.extend(_codes(stripped, here))
        elif line[0] in " \t" and stripped.startswith("["):
            if block is None:
                raise ConfigError(f"{here}: a date restriction comes before any actor phrase")
            block.codes.extend(_codes(stripped, here))
        else:
            if block is not None:
                entries.extend(block.entries(countries, orgs, role_words, where))
            phrase = _CODE.split(stripped)[0].strip()
            if not phrase:
                raise ConfigError(f"{here}: expected an actor phrase such as VLADIMIR_PUTIN_ [RUSGOV]")
            block = _Block(phrases=[_phrase(phrase)], codes=_codes(stripped, here), line=number)
    if block is not None:
        entries.extend(block.entries(countries, orgs, role_words, where))
    return entries


class _Block:
    def __init__(self, phrases: list[str], codes: list[tuple[str, dt.date | None, dt.date | None]],
                 line: int) -> None:
        self.phrases = phrases
        self.codes = codes
        self.line = line

    def entries(self, countries: dict[str, str], orgs: dict[str, tuple[str, str | None]],
                role_words: frozenset[str], where: str) -> list[Entry]:
        phrases = [p for p in dict.fromkeys(self.phrases) if p]
        if not phrases or not self.codes:
            return []  # a phrase without a code is a "null" actor: nothing to know
        name, aliases = phrases[0], tuple(phrases[1:])
        source = where
        dated = any(start or end for _, start, end in self.codes)
        out = []
        for raw, start, end in self.codes:
            code, sector, kind = _split_code(raw, countries, orgs)
            if kind == "country" and code and not dated and not sector:
                # A country block: every phrase is another name for the country.
                out.append(Entry(name=countries[code], type="country", code=code,
                                 aliases=tuple(phrases), source=source))
                continue
            if kind is None:
                kind = "person" if _looks_like_person(name, role_words) else "group"
            out.append(Entry(name=name, type=kind, code=code, sector=sector, aliases=aliases,
                             valid_from=start, valid_to=end, source=source))
        return out


def _phrase(raw: str) -> str:
    words = raw.strip().rstrip("_").replace("_", " ").split()
    return " ".join(_word_case(w) for w in words)


def _word_case(word: str) -> str:
    # Dictionaries are upper case; acronyms (no vowel, or dotted) stay upper case.
    if "." in word or not re.search(r"[AEIOUY]", word) or len(word) <= 2:
        return word
    return "-".join(part.capitalize() for part in word.lower().split("-"))


def _codes(line: str, where: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    out = []
    for body in _CODE.findall(line):
        parts = body.split()
        if not parts:
            continue
        code = parts[0].upper()
        start = end = None
        if len(parts) > 1:
            restriction = parts[1]
            if restriction.startswith("<"):
                end = _date(restriction[1:], where)
            elif restriction.startswith(">"):
                start = _date(restriction[1:], where)
            elif "-" in restriction:
                first, last = restriction.split("-", 1)
                start, end = _date(first, where), _date(last, where)
            else:
                raise ConfigError(f"{where}: cannot read the date restriction {restriction!r}; "
                                  f"use <date, >date or date-date")
        out.append((code, start, end))
    return out


def _date(raw: str, where: str) -> dt.date:
    raw = raw.strip()
    try:
        if len(raw) == 8:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        if len(raw) == 6:
            year = int(raw[:2])
            return dt.date(2000 + year if year < 30 else 1900 + year, int(raw[2:4]), int(raw[4:]))
    except ValueError:
        pass
    raise ConfigError(f"{where}: {raw!r} is not a date; use YYYYMMDD or YYMMDD")


def _split_code(raw: str, countries: dict[str, str],
                orgs: dict[str, tuple[str, str | None]]) -> tuple[str | None, str | None, str | None]:
    """CAMEO code → (detente code, sector, type or None when undecided)."""
    if raw.startswith(_ORG_PREFIXES):
        for length in range(len(raw), 2, -3):
            if raw[:length] in orgs:
                code, sector = orgs[raw[:length]]
                return code, sector, "organization"
        return None, None, "organization"
    head = raw[:3]
    sector = next((raw[i:i + 3] for i in range(3, len(raw), 3) if raw[i:i + 3] in SECTORS), None)
    if head in countries:
        return head, sector, "country" if len(raw) == 3 else None
    return None, sector, None


def _looks_like_person(name: str, role_words: frozenset[str]) -> bool:
    words = name.lower().replace("-", " ").split()
    return 2 <= len(words) <= 4 and not any(
        w in INSTITUTION_WORDS or w in role_words for w in words
    )
