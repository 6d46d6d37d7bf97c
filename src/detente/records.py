"""The record contract in code: one dataclass per record kind.

The field names follow ``spec/records.md`` exactly; detente may add fields
but never renames or drops one named there. Unknown values are ``None``
(JSON ``null``), never ``""`` or an invented default. Dates are ISO 8601
strings at the precision the text supports (``2022-01-12``, ``2021-12``).

Every record also carries ``stage``: the name and version of the stage that
made it (``"entities.v1"``). With the run's detente and rules versions in the
store, that is the record's provenance.
"""

from __future__ import annotations

import copy
import dataclasses
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, Union

if TYPE_CHECKING:
    from .errors import InputError

R = TypeVar("R", bound="Record")


@dataclass
class Record:
    """Base of every record kind. ``kind`` is the class's, not a field."""

    kind: ClassVar[str] = ""
    stage: str | None = field(default=None, kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        """The record as the contract's JSON object, ``kind`` first."""
        return {"kind": self.kind, **fields_of(self)}

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Rebuild a record from its JSON object (``kind`` and unknown keys ignored)."""
        return typing.cast(R, _build(cls, data))


# What dataclasses.asdict gives, without its per-call field lookups and
# its deep copy of every string and number (issue 19: records to JSON were
# 1.9% of spaCy's time, most of it in asdict).
_ATOMIC = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for another type), looked up once per type."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = _FIELD_NAMES[cls] = (tuple(f.name for f in dataclasses.fields(cls))
                                     if dataclasses.is_dataclass(cls) else None)
        return names


def fields_of(obj: Any) -> dict[str, Any]:
    """A record's (or any dataclass instance's) fields as plain values:
    what ``dataclasses.asdict`` gives, about three times faster."""
    names = _field_names(type(obj))
    assert names is not None
    return {name: _plain(getattr(obj, name)) for name in names}


def _plain(value: Any) -> Any:
    cls = type(value)
    if cls in _ATOMIC:
        return value
    if _field_names(cls) is not None:
        return fields_of(value)
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return cls(_plain(v) for v in value)
    if isinstance(value, dict):
        return cls((_plain(k), _plain(v)) for k, v in value.items())
    return copy.deepcopy(value)  # a namedtuple or anything else, as asdict copies it


# -- small value types used inside records ---------------------------------


@dataclass
class Span:
    """Character offsets into the article's stored text."""

    start: int
    end: int


@dataclass
class ActorRef:
    """An actor as an event or stance names it."""

    name: str | None
    code: str | None
    actor_id: str | None = None


@dataclass
class Speaker:
    name: str | None
    code: str | None
    role: str | None
    actor_id: str | None = None
    #: what kind of source: an actor's type ("person", "country",
    #: "organization", "group"), "document" (a poll, a report, a
    #: statement), "description" (a phrase no actor resolves, kept as
    #: written: "another student", "officials") or "unknown".
    type: str | None = None


@dataclass
class Party:
    """Who states a number, or what it counts."""

    name: str | None
    code: str | None


# -- the kinds --------------------------------------------------------------


@dataclass
class ArticleRecord(Record):
    kind: ClassVar[str] = "article"
    id: str
    ref: str
    title: str | None
    published: str | None
    date_source: str | None
    source: str | None
    url: str | None
    language: str | None
    sha256: str
    text: str | None
    # Extensions to the contract:
    encoding: str | None = None  # what the input bytes were decoded from


@dataclass
class MentionRecord(Record):
    """A named-entity mention as the spaCy model tags it (an extension kind):
    the raw material the actors, places and time stages build on."""

    kind: ClassVar[str] = "mention"
    id: str
    article_id: str
    text: str
    start: int
    end: int
    label: str
    sentence: int


@dataclass
class ActorRecord(Record):
    kind: ClassVar[str] = "actor"
    id: str
    article_id: str
    name: str
    type: str
    code: str | None
    sector: str | None
    role: str | None
    mentions: list[Span] = field(default_factory=list)
    #: An extension field: the key that gives this actor one identity across
    #: a corpus ("person:julianne-smith", "country:RUS", "organization:NATO").
    identity: str | None = None


@dataclass
class QuoteRecord(Record):
    kind: ClassVar[str] = "quote"
    id: str
    article_id: str
    text: str
    start: int
    end: int
    #: True inside quote marks, False for reported speech, "mixed" for a
    #: reported clause that holds quoted words.
    direct: bool | Literal["mixed"]
    speaker: Speaker | None
    cue: str | None
    confidence: float
    # Extensions to the contract:
    #: how the speaker was found: "cue" (a reporting verb or "according to"
    #: in the quote's sentence), "according_to", "neighbour" (the sentence
    #: before), "continuation" (the previous quote's speaker), "label" (a
    #: roundup line or a transcript turn: "Jake Tapper, CNN: ..."); null
    #: with no speaker.
    attribution: str | None = None
    #: where the text names the speaker (the evidence for ``speaker``).
    speaker_span: Span | None = None
    #: what kind of attribution: "say" (speech, statements, posts),
    #: "claim" (an assertion presented as contested: "claimed", "alleged"),
    #: "belief" ("believes", "thinks"), "intention" ("plans to", "vowed
    #: to") or "document" (a poll, a report, a filing).
    act: str | None = None
    #: a mixed quote's quoted words, inside its text (offsets in the article).
    quoted: list[Span] = field(default_factory=list)
    #: the reporting word's finer class ("speech", "warning", "demand",
    #: "denial", ...: kb/data/reporting_verbs.tsv).
    verb_class: str | None = None


@dataclass
class TimeRecord(Record):
    kind: ClassVar[str] = "time"
    article_id: str
    text: str
    start: int
    end: int
    value: str | None
    granularity: str | None
    warning: str | None = None
    #: An extension to the contract: the TIMEX3 value, which also says what an
    #: ISO date cannot ("2022-01-11TEV" for Tuesday evening, "2006-Q4").
    timex: str | None = None


#: How a text uses a toponym (PlaceRecord.usage).
PLACE_USAGES = ("literal", "metonymic", "modifier", "embedded")


@dataclass
class PlaceRecord(Record):
    kind: ClassVar[str] = "place"
    article_id: str
    text: str
    start: int
    end: int
    name: str | None
    geonameid: int | None
    country: str | None
    latitude: float | None
    longitude: float | None
    feature: str | None
    confidence: float
    #: How the text uses the toponym: "literal" (a location), "metonymic"
    #: (the place for its government, people or team: "Moscow said"),
    #: "modifier" ("Russian troops", "a Paris court") or "embedded" (inside
    #: another name: "the Washington Post"). Only literal places locate
    #: events and fill maps. None for a place stored before detente
    #: classified usage.
    usage: str | None = "literal"


@dataclass
class EventRecord(Record):
    kind: ClassVar[str] = "event"
    id: str
    article_id: str
    type: str
    mode: str | None
    context: list[str]
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: str | None
    date_precision: str | None
    status: str
    location: PlaceRecord | None
    trigger: str
    text: str
    start: int
    end: int
    score: float | None
    quad: int | None
    confidence: float


@dataclass
class ClaimRecord(Record):
    kind: ClassVar[str] = "claim"
    article_id: str
    text: str
    start: int
    end: int
    quantity: float | None
    approximate: bool
    unit: str | None
    claimant: Party | None
    subject: Party | None


@dataclass
class HappeningRecord(Record):
    kind: ClassVar[str] = "happening"
    id: str
    type: str
    mode: str | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: str | None
    date_precision: str | None
    status: str
    location: PlaceRecord | None
    score: float | None
    quad: int | None
    event_ids: list[str]
    num_mentions: int
    num_articles: int
    num_sources: int
    confidence: float


@dataclass
class StanceRecord(Record):
    kind: ClassVar[str] = "stance"
    id: str
    article_id: str
    actor: ActorRef
    issue: str
    position: str
    date: str | None
    text: str
    start: int
    end: int
    confidence: float


@dataclass
class ErrorRecord(Record):
    """An input that could not be processed, and why."""

    kind: ClassVar[str] = "error"
    ref: str
    reason: str
    # Extensions: a stable failure code (see errors.py), and the article id
    # when the article itself was read and stored (e.g. a non-English text).
    code: str | None = None
    article_id: str | None = None

    @classmethod
    def from_error(cls, exc: InputError, *, stage: str = "reader.v1",
                   article_id: str | None = None) -> ErrorRecord:
        """The record of an input error, with its code."""
        return cls(ref=exc.ref, reason=exc.reason, code=exc.code, article_id=article_id,
                   stage=stage)


RECORD_TYPES: dict[str, type[Record]] = {
    cls.kind: cls
    for cls in (
        ArticleRecord,
        MentionRecord,
        ActorRecord,
        QuoteRecord,
        TimeRecord,
        PlaceRecord,
        EventRecord,
        ClaimRecord,
        HappeningRecord,
        StanceRecord,
        ErrorRecord,
    )
}


def record_from_dict(data: dict[str, Any]) -> Record:
    """Rebuild any record from its JSON object, dispatching on ``kind``."""
    try:
        cls = RECORD_TYPES[data["kind"]]
    except KeyError as exc:
        raise ValueError(f"unknown record kind {data.get('kind')!r}") from exc
    return cls.from_dict(data)


# -- rebuilding nested dataclasses from JSON --------------------------------


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    kwargs = {
        f.name: _convert(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)
        if f.name in data
    }
    return cls(**kwargs)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_convert(item, v) for v in value]
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return _build(typing.cast(type, tp), value)
    return value
