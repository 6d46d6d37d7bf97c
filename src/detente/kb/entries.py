"""Knowledge-base entries and the user file formats (YAML and CSV).

An :class:`Entry` is one named actor as a dictionary knows it: a canonical
name, the aliases that mean it, its type, its code and sector, and the dates
between which that coding holds. A person who held two offices is two entries
with the same name and different dates, as in PETRARCH's dictionaries.

User files
----------
YAML: a list of mappings (or a mapping with an ``actors:`` list)::

    - name: Julianne Smith
      aliases: [Ambassador Smith]
      type: person            # person | country | organization | group
      code: USA               # ISO 3166-1 alpha-3, or an organisation's acronym
      sector: DIP             # GOV, MIL, DIP, LEG, JUD, ... or null
      role: US ambassador to NATO
      valid_from: 2021-08-31  # optional ISO dates; open-ended when missing
      valid_to: null
      context_aliases: []     # optional: descriptions ("the alliance") that mean
                              # this actor only once the article has named it

CSV: a header with the same column names; ``aliases`` and
``context_aliases`` are ``|``-separated; empty cells are null.

A user entry overrides every built-in entry that shares one of its names or
aliases (see :mod:`detente.kb`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError

TYPES = ("person", "country", "organization", "group")
SECTORS = frozenset({
    "GOV", "MIL", "DIP", "LEG", "JUD", "COP", "SPY", "OPP", "REB", "MED", "NGO", "BUS", "EDU",
    "REL", "CVL", "REF", "IGO", "PTY", "LAB", "ELI", "HLH", "AGR", "ENV", "CRM",
})
FIELDS = ("name", "aliases", "type", "code", "sector", "role", "valid_from", "valid_to",
          "context_aliases")


@dataclass(frozen=True)
class Entry:
    """One actor as a dictionary knows it."""

    name: str
    type: str
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    #: Where the entry came from: "builtin:people.yaml", a user file's path, ...
    source: str = field(default="builtin", compare=False)

    def valid_on(self, day: dt.date | None) -> bool:
        """True when the entry's coding holds on ``day`` (always, when the
        article's date is unknown or the entry has no dates)."""
        if day is None:
            return True
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def entry_from_mapping(data: Mapping[str, Any], where: str) -> Entry:
    """Build and check one entry; ``where`` names the file and line for errors."""
    unknown = set(data) - set(FIELDS) - {"cameo", "note"}
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; "
                          f"known fields are {', '.join(FIELDS)}")
    name = _text(data.get("name"))
    if not name:
        raise ConfigError(f"{where}: every entry needs a name")
    kind = _text(data.get("type")) or "person"
    if kind not in TYPES:
        raise ConfigError(f"{where}: type {kind!r} is not one of {', '.join(TYPES)}")
    sector = _text(data.get("sector"))
    if sector is not None:
        sector = sector.upper()
        if sector not in SECTORS:
            raise ConfigError(f"{where}: sector {sector!r} is not one of {', '.join(sorted(SECTORS))}")
    code = _text(data.get("code"))
    valid_from = _date(data.get("valid_from"), where, "valid_from")
    valid_to = _date(data.get("valid_to"), where, "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise ConfigError(f"{where}: valid_to {valid_to} is before valid_from {valid_from}")
    return Entry(
        name=name,
        type=kind,
        code=code.upper() if code else None,
        sector=sector,
        role=_text(data.get("role")),
        aliases=_names(data.get("aliases"), where),
        context_aliases=_names(data.get("context_aliases"), where),
        valid_from=valid_from,
        valid_to=valid_to,
        source=where.split(":")[0],
    )


def load_yaml(text: str) -> Any:
    """Parse YAML safely, with libyaml's C parser when PyYAML has it (the
    shipped people table parses ten times faster)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def read_yaml(text: str, where: str) -> list[Entry]:
    import yaml

    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where} is not valid YAML: {exc}") from exc
    if isinstance(data, Mapping):
        data = data.get("actors")
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(f"{where}: expected a list of actor entries (or 'actors:' with a list)")
    entries = []
    for n, item in enumerate(data, 1):
        if not isinstance(item, Mapping):
            raise ConfigError(f"{where}: entry {n} is not a mapping of fields")
        entries.append(entry_from_mapping(item, f"{where}: entry {n}"))
    return entries


def read_csv(text: str, where: str) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise ConfigError(f"{where}: a CSV actor file needs a header row with at least 'name'")
    entries = []
    for row in reader:
        values: dict[str, Any] = {k: (v.strip() or None) if v else None
                                  for k, v in row.items() if k is not None}
        for key in ("aliases", "context_aliases"):
            if values.get(key):
                values[key] = [part for part in values[key].split("|")]
        entries.append(entry_from_mapping(values, f"{where}: line {reader.line_num}"))
    return entries


def read_file(path: str | Path) -> list[Entry]:
    """Read a user knowledge file: ``.yaml``/``.yml``, ``.csv``, or a PETRARCH /
    TABARI actor dictionary (any other suffix, such as ``.txt`` or ``.actors``)."""
    from .petrarch import read_petrarch

    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read actor dictionary {path}: {exc}") from exc
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_yaml(text, str(path))
    if suffix == ".csv":
        return read_csv(text, str(path))
    return read_petrarch(text, str(path))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _names(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        raise ConfigError(f"{where}: aliases must be a list of names")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def _date(value: Any, where: str, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ConfigError(f"{where}: {name} {value!r} is not a date; use YYYY-MM-DD") from exc
