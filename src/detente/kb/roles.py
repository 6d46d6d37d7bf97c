"""Role words: offices, ranks and group nouns, and the sector each implies.

The table is ``data/roles.tsv`` (its header explains the columns). Phrases
are kept as token tuples so that the actors stage can match them on spaCy
tokens ("secretary-general" is three tokens there). :func:`body_by_name`
reads what an organisation's name says it is (a state body, a party, a
trade union) for names the knowledge base does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and edit)."""
    return frozenset(text.split())


# Words that sit inside a title without heading it: "Deputy Foreign Minister",
# "senior policy fellow", "Special Representative". A title is a run of
# these, role phrases, country/organisation names and capitalised words.
MODIFIERS = words("""deputy vice first second chief senior junior acting former interim outgoing incoming new
    then current top high special permanent principal assistant associate executive general
    foreign defence defense interior home finance economy economic trade energy justice health
    foreign-policy security national homeland affairs external internal state prime supreme joint
    presidential military army naval political policy press lead leading veteran visiting
    research managing regional international european western eastern under undersecretary
    under-secretary secretary director head chair chairman chairwoman chairperson commander
    spokesman spokeswoman spokesperson minister ambassador envoy representative officer
    strategic intelligence nuclear arms control climate human rights humanitarian development
    cooperation relations programme program division department ministry office service""")

# Sports by name, which the actors and events stages read in names of
# sport bodies ("Cricket Australia", "Spain's tennis federation").
SPORTS = words("""football soccer rugby cricket tennis athletics cycling golf hockey basketball baseball boxing
    swimming skiing motorsport""")

# Words that make a name an institution, not a person ("Tigray People's
# Liberation Front", "Russian Defence Ministry").
INSTITUTION_WORDS = words("""ministry ministries party army forces force government council committee front movement
    union bank agency organization organisation police court parliament assembly league brigade
    brigades group guard guards commission office service services company corporation
    department authority authorities navy republic federation alliance coalition militia
    militias rebels news media radio television tv university institute center centre fund
    foundation command headquarters staff corps division regiment battalion brigade fleet
    district directorate bureau""")

# Modifiers that set the sector of a non-ministerial head ("military
# spokesman" is MIL; "defence minister" stays GOV, as CAMEO codes ministers).
SECTOR_MODIFIERS = {
    "military": "MIL", "army": "MIL", "naval": "MIL", "navy": "MIL",
    "opposition": "OPP", "rebel": "REB", "separatist": "REB", "intelligence": "SPY",
    "police": "COP",
}
_MINISTERIAL = frozenset({"minister", "secretary", "ministry", "president", "prime", "chancellor"})
# Heads that are always the state's, whatever body or owner the title names.
STATE_HEADS = frozenset({"minister", "ministry", "prime", "chancellor"})


@dataclass(frozen=True)
class Role:
    phrase: tuple[str, ...]
    sector: str | None  # "*" means: the sector of the person it is the counterpart of
    plural: tuple[str, ...] | None
    uses: frozenset[str]


class RoleLexicon:
    """Role phrases keyed by their lower-case token tuples."""

    def __init__(self, roles: Iterable[Role]) -> None:
        self.titles: dict[tuple[str, ...], Role] = {}
        self.groups: dict[tuple[str, ...], Role] = {}
        self.bodies: dict[tuple[str, ...], Role] = {}
        words: set[str] = set()
        for role in roles:
            words.update(role.phrase)
            if "title" in role.uses:
                self.titles[role.phrase] = role
            if "body" in role.uses:
                self.bodies[role.phrase] = role
            if "group" in role.uses:
                plural = role.plural or role.phrase
                self.groups[plural] = role
                words.update(plural)
        self.words = frozenset(words)
        self.max_len = max((len(k) for k in (*self.titles, *self.groups, *self.bodies)), default=1)

    def longest(self, table: dict[tuple[str, ...], Role], tokens: list[str],
                end: int) -> tuple[int, Role] | None:
        """The longest phrase of ``table`` ending at ``tokens[end - 1]``:
        (its start index, the role), or None."""
        for size in range(min(self.max_len, end), 0, -1):
            role = table.get(tuple(tokens[end - size:end]))
            if role is not None:
                return end - size, role
        return None

    def sector_of(self, tokens: list[str]) -> tuple[str | None, bool]:
        """The sector a title's words imply, and whether a role head was
        found at all. The head is the last role phrase before "of", "to",
        "for" or "at" ("Secretary of State": secretary → GOV)."""
        cut = next((i for i, t in enumerate(tokens) if i and t in ("of", "to", "for", "at")),
                   len(tokens))
        head: Role | None = None
        for end in range(cut, 0, -1):
            found = self.longest(self.titles, tokens, end)
            if found is not None:
                head = found[1]
                break
        if head is None:
            # "Minister of Foreign Affairs" cuts before "of"; so does a title
            # whose only role phrase comes after it ("head of the agency").
            for end in range(len(tokens), 0, -1):
                found = self.longest(self.titles, tokens, end)
                if found is not None:
                    head = found[1]
                    break
        if head is None:
            return None, False
        sector = head.sector
        if sector is None:
            # A head that says nothing of its own ("chairman", "head",
            # "director") takes the sector of the body the title names:
            # "the commission's chairman" GOV, "head of the news agency" MED.
            bodies = [found[1] for end in range(len(tokens), 0, -1)
                      if (found := self.longest(self.bodies, tokens, end)) is not None]
            if bodies and bodies[0].sector not in (None, "*"):
                sector = bodies[0].sector
        elif sector == "GOV" and not STATE_HEADS & set(head.phrase):
            # An officer's title takes the sector of the body it names: "the
            # union's president" LAB, "a company spokesman" BUS, "the court's
            # president" JUD, "leader of the gang" CRM.
            other = [found[1].sector for end in range(len(tokens), 0, -1)
                     if (found := self.longest(self.bodies, tokens, end)) is not None
                     and found[1].sector not in (None, "*", "GOV")]
            if other:
                sector = other[0]
        if not _MINISTERIAL & set(head.phrase):
            for word in tokens[:cut]:
                if word in SECTOR_MODIFIERS:
                    sector = SECTOR_MODIFIERS[word]
                    break
        return sector, True


def read_roles(text: str, tokenize: Callable[[str], tuple[str, ...]]) -> list[Role]:
    roles = []
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        phrase, sector, plural, uses = (cells + ["", "", "", ""])[:4]
        roles.append(
            Role(
                phrase=tokenize(phrase),
                sector=None if sector == "-" else sector,
                plural=(tokenize(phrase + "s") if plural == "" else
                        None if plural == "-" else tokenize(plural)),
                uses=frozenset(u.strip() for u in uses.split(",") if u.strip()),
            )
        )
    return roles


# -- bodies by their names ---------------------------------------------------
# State bodies by the head of their name, and their sector (a word before
# the head may say more: "Police Department" COP, "Supreme Court" JUD).
STATE_BODY_HEADS = {
    **dict.fromkeys(words("""commission board agency authority office bureau administration directorate
        inspectorate department ministry council treasury service regulator"""), "GOV"),
    **dict.fromkeys(words("court tribunal judiciary"), "JUD"),
    "police": "COP", "guard": "MIL",
    **dict.fromkeys(words("parliament senate assembly legislature"), "LEG"),
    "party": "PTY",
}
_BODY_SECTORS = {"police": "COP", "court": "JUD", "prosecutor": "JUD", "prosecutors": "JUD", "army": "MIL",
                 "military": "MIL", "intelligence": "SPY"}
# Heads that are the state's (or, for a party, a national political body)
# whatever qualifies them: "the Commerce Ministry", "the Metropolitan
# Police", "the Workers' Party".
_ALWAYS_STATE = words("""ministry department treasury directorate inspectorate police court tribunal judiciary
    parliament senate legislature party guard""")
# Words that make a commission, board, agency or office a national body
# ("the National Transportation Safety Board", "the Federal Trade
# Commission"); without one it may be anything ("the Council on Foreign
# Relations" is a think tank).
_NATIONAL_QUALIFIERS = words("""national federal state central supreme constitutional electoral election
    independent public provincial presidential civil securities competition""")
# Names with these words are international, not one country's.
_INTERNATIONAL_WORDS = words("international world global european african asian arab nations islamic")
# A trade union: one of these words and a word of labour ("Nigeria Labour
# Congress", "Korean Confederation of Trade Unions"), or a name ending in
# "Workers" ("United Auto Workers").
_LABOUR_BODIES = words("union unions confederation federation congress")
_LABOUR_WORDS = re.compile(r"(?:labou?r|(?:mine)?workers?'?|trade|employees|teachers|miners|nurses)$")


def body_by_name(tokens: list[str]) -> tuple[str, bool] | None:
    """What the lower-case words of an organisation's name say it is: a
    state body, a party or a trade union, as (sector, national), where
    ``national`` is whether the name alone makes it one country's ("the
    Supreme Court", "the Federal Trade Commission": yes; "the Fair Trade
    Commission": only with a country named with it). None for any other
    name, and for an international one."""
    if any(w in _INTERNATIONAL_WORDS for w in tokens) or not tokens:
        return None
    cut = next((k for k, w in enumerate(tokens) if k and w in ("of", "on", "for")), len(tokens))
    head = tokens[cut - 1]
    if head in ("workers", "workers'") or any(w in _LABOUR_BODIES for w in tokens) and any(
            _LABOUR_WORDS.match(w) for w in tokens):
        return "LAB", True
    if head not in STATE_BODY_HEADS:
        return None
    sector = next((_BODY_SECTORS[w] for w in tokens[:cut] if w in _BODY_SECTORS), STATE_BODY_HEADS[head])
    return sector, head in _ALWAYS_STATE or any(w in _NATIONAL_QUALIFIERS for w in tokens[:cut])
