"""The Parquet form of the records: one schema definition for every Parquet
detente writes (``detente export --format parquet`` and the Parquet dataset
of ``extract --output`` and ``ingest --engine dask``).

Reads the record dataclasses (:data:`detente.records.RECORD_TYPES`); adds
each kind's columns and their Arrow types, and the conversion of a record to
a row and back:

- ``kind`` first, then the record's fields in their order;
- ``str`` is ``string``, ``int`` ``int64``, ``float`` ``float64``, ``bool``
  ``bool``, whether or not the field may be null, so an empty or all-null
  column keeps its type;
- lists and nested records (actors, speakers, places, spans) are ``string``
  columns holding their JSON text;
- a field of several types (a quote's ``direct``: true, false or
  ``"mixed"``) is a ``string`` column of its value as text (``true``,
  ``false``, ``mixed``): Arrow has no union column that every reader
  (DuckDB, pandas, Spark) takes.

:func:`record_from_row` undoes :func:`record_row`, so records read back from
Parquet equal the records written.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .records import RECORD_TYPES, Record

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["Column", "arrow", "columns", "record_from_row", "record_row", "schema"]

_SCALARS: dict[type, str] = {str: "string", int: "int64", float: "float64", bool: "bool_"}


@dataclass(frozen=True)
class Column:
    """One column: its name, its Arrow type (a ``pyarrow`` factory name such
    as ``"int64"``) and how its values are held (``plain``, ``json``: JSON
    text, ``text``: a value of several types as text)."""

    name: str
    arrow: str
    how: str = "plain"


def arrow() -> Any:
    """The ``pyarrow`` module, or a ConfigError naming the extra to install."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (the submodule is used through the package)
    except ImportError as exc:
        raise ConfigError("Parquet needs pyarrow: pip install 'detente[parquet]'") from exc
    return pyarrow


@cache
def columns(kind: str) -> tuple[Column, ...]:
    """The columns of a record kind: ``kind``, then the record's fields."""
    if kind not in RECORD_TYPES:
        raise ConfigError(f"unknown record kind {kind!r}; kinds are {', '.join(RECORD_TYPES)}")
    cls = RECORD_TYPES[kind]
    hints = typing.get_type_hints(cls)
    out = [Column("kind", "string")]
    for f in dataclasses.fields(cls):
        out.append(_column(f.name, hints[f.name]))
    return tuple(out)


def _column(name: str, tp: Any) -> Column:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(inner) > 1:
            return Column(name, "string", "text")
        tp = inner[0]
    if tp in _SCALARS:
        return Column(name, _SCALARS[tp])
    return Column(name, "string", "json")


def schema(kind: str, extra: Sequence[tuple[str, str]] = ()) -> pa.Schema:
    """The Arrow schema of a record kind, with ``extra`` (name, Arrow type
    name) columns after the record's own."""
    pa = arrow()
    fields = [(c.name, getattr(pa, c.arrow)()) for c in columns(kind)]
    clash = {c.name for c in columns(kind)} & {name for name, _ in extra}
    if clash:
        raise ValueError(f"extra column(s) {sorted(clash)} clash with the {kind} record's own")
    fields += [(name, getattr(pa, type_name)()) for name, type_name in extra]
    return pa.schema(fields)


def record_row(record: Record) -> dict[str, Any]:
    """A record as one row of its kind's schema."""
    data = record.to_dict()
    return {c.name: _encode(c, data[c.name]) for c in columns(record.kind)}


def record_from_row(kind: str, row: dict[str, Any]) -> Record:
    """The record a row holds (extra columns are ignored)."""
    data = {c.name: _decode(c, row.get(c.name)) for c in columns(kind)}
    return RECORD_TYPES[kind].from_dict(data)


def _encode(column: Column, value: Any) -> Any:
    if value is None or column.how == "plain":
        return value
    if column.how == "json":
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _decode(column: Column, value: Any) -> Any:
    if value is None or column.how == "plain":
        return value
    if column.how == "json":
        return json.loads(value)
    return {"true": True, "false": False}.get(value, value)
