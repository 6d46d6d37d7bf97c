"""Exports: the store's records in the formats other tools read.

One entry point per format; each reads records from a
:class:`~detente.store.Store` or a Parquet dataset
(:class:`~detente.corpus.dataset_queries.DatasetSource`; anything with
:meth:`records`, :class:`Records`) and writes to a text stream (Parquet, a
binary format, to a path). Each returns the number of rows (records, lines
or graph edges) it wrote. PLOVER, GDELT and the networks also look up actor
records, articles, runs and a happening's members through a
:class:`Lookup`: :class:`StoreLookup` for a store (the default), or
:class:`~detente.corpus.dataset_queries.DatasetLookup` for a dataset.

- :func:`write_jsonl`: the contract's records, one JSON object a line.
- :func:`write_csv`, :func:`write_parquet`: one record kind, one row per
  record, nested fields (lists, actors, places) as JSON text. Parquet needs
  the ``parquet`` extra (pyarrow); its columns and types are
  :mod:`detente.parquet`'s (one schema for every Parquet detente writes).
- :func:`write_plover`: PLOVER JSON Lines, the field names of the PLOVER
  manual's "JSON Data Fields" chapter (Open Event Data Alliance, PLOVER
  manual v0.7b1), one event (or happening) a line. See below.
- :func:`write_gdelt`: a GDELT 2.0-style event table (tab-separated, the 61
  GDELT 2.0 event columns, with a header row). See below.
- :func:`write_network`: the directed actor network as GEXF 1.3 (Gephi) or
  GraphML (:func:`actor_network` builds it, for the HTTP API too).
- :func:`write_kepler`: a CSV of located happenings that kepler.gl (or any
  map tool reading ``latitude``/``longitude`` columns) draws
  (:func:`kepler_rows` gives its rows).

Unknown values are JSON ``null`` in JSON and empty cells in CSV and TSV:
never ``""`` in JSON, never 0 or a made-up default.

**PLOVER** (``kind="event"``, the default): ``id``; ``date`` at the
precision we have (``2022-01-12``, or ``2022-01`` with our extra field
``date_precision`` saying so); ``source`` and ``recipient``: lists of actor
objects ``{code, actor_text, identifier_id, identifier_text, sector}`` where
``actor_text`` is the actor's words in the event's sentence (else its name),
``identifier_id`` the actor record's id, ``identifier_text`` its canonical
name, ``sector`` the actor record's (``GOV``, ``MIL``, ...) or null, plus our
``identity`` (the corpus-wide key, ``country:RUS``, when known); ``event``:
``[type]``; ``mode``; ``context`` (list); ``event_loc``: a GeoNames-style
location ``{geonameid, name, latitude, longitude, cc3, feature}`` (``cc3``
is PLOVER's ISO alpha-3 field; ``feature`` ours: city, state, country,
region); ``event_text``: ``[trigger]``; ``quad_code``; ``event_scale``
(detente's -10..10 score); ``link``: the happening that holds the event, or
null; ``text`` (the sentence; left out with ``with_text=False``, as PLOVER
asks of texts one has no rights to) and ``text_info`` ``{start, end}``;
``cite_info`` ``{corpus, citation (article id), url, title, language,
publication (the article's source), coder, codebook}``; ``coder``
(``detente VERSION (rules VERSION)`` of the run that stored the record, or
``detente`` when the run is unknown); ``coded_date`` (the run's day, or
null); and our ``status``, ``confidence``, ``article_id``.

``kind="happening"``: the same core fields for the merged events, with
``link`` = ``id`` = the happening id, ``context`` and ``event_text`` the
union of the members' contexts and triggers, ``cite_info`` the earliest
member article's (by ingestion), no ``text``/``text_info``, and our
``num_mentions``, ``num_articles``, ``num_sources``, ``event_ids``,
``status``, ``confidence``.

**GDELT** rows are happenings (merged events, as GDELT's rows are) that
happened (status ``occurred`` or ``ongoing``: the table has no status
column, so a scheduled meeting would read as held; ``statuses`` changes
that), one row per directed actor pair as in :mod:`detente.corpus.dyads`
(each actor code with each recipient code; a multilateral happening with no
recipient, every ordered pair of its actors). A happening with one coded
actor and no recipient gives one row with Actor2 empty; one that names only
recipients one row per recipient with Actor1 empty; one whose only pairs
are an actor with itself (RUS acting on RUS) keeps that pair; one with no
coded actor at all gives no row.

========================  =====================================================
GDELT column              detente
========================  =====================================================
GlobalEventID             int of the first 15 hex digits of
                          sha1("happening id|Actor1Code|Actor2Code"): stable
Day                       YYYYMMDD, only for a day-precise date
MonthYear                 YYYYMM when the date is at least month-precise (a
                          week: the month of its Thursday, ISO's rule)
Year                      YYYY when the date has a year
FractionDate              Year + day of year / 365, 4 decimals (day-precise)
ActorNCode                our actor code (RUS, NATO), not a CAMEO code
ActorNName                the actor's canonical name, upper-cased
ActorNCountryCode         the code when it is an ISO alpha-3 country code
ActorNKnownGroupCode      the code when it is an organisation's (NATO, EU, UN)
ActorNEthnicCode,         empty: not coded
ActorNReligion1/2Code
ActorNType1Code           the actor's sector (GOV, MIL, ...) when known
ActorNType2/3Code         empty
IsRootEvent               empty: not computed
EventCode, EventBaseCode  the "not specified below" code of the CAMEO root the
                          PLOVER type comes from (AGREE 030, CONSULT 040,
                          SUPPORT 050, COOPERATE 060, AID 070, CONCEDE and
                          RETREAT 080, REQUEST 100, ACCUSE 110, REJECT 120,
                          THREATEN 130, PROTEST 140, MOBILIZE 150, SANCTION
                          160, COERCE 170, ASSAULT 180): the crosswalk of the
                          PLOVER manual's CAMEO table, not a CAMEO coding
EventRootCode             the two-digit root ("03")
QuadClass                 our quad (1..4)
GoldsteinScale            detente's PLOVER-based -10..10 score
                          (kb/data/plover.tsv), not Goldstein's CAMEO table
NumMentions, NumSources,  the happening's
NumArticles
AvgTone                   empty: not computed
ActorNGeo_*               empty: actors are not geolocated
ActionGeo_Type            from the place's feature: 1 country, 2 US state,
                          3 US city or county, 4 city elsewhere, 5 division
                          elsewhere; empty for a region or a continent (no
                          GDELT type)
ActionGeo_FullName        the place's name
ActionGeo_CountryCode     ISO alpha-3 (GDELT uses FIPS 10-4)
ActionGeo_ADM1Code/ADM2   empty
ActionGeo_Lat, _Long      the place's
ActionGeo_FeatureID       the GeoNames id
DATEADDED                 YYYYMMDDHHMMSS (UTC) when the earliest member article
                          was ingested
SOURCEURL                 the URL of the earliest member article that has one
========================  =====================================================

**Network**: nodes are the actor codes of the happenings that happened
(``occurred``, ``ongoing``), labelled with the most frequent canonical name
given for the code (a person's name only when nothing else names it), with
``type`` country or organization when known; directed edges are the actor
pairs of :mod:`detente.corpus.dyads`, with ``weight`` (happenings), ``q1``
.. ``q4`` (happenings per quad class) and ``score_mean`` (absent when no
happening has a score). GEXF 1.3 carries the weight as the edge's own
``weight``; GraphML declares every attribute with a ``<key>``.

**kepler.gl**: one row per happening whose place has a latitude and a
longitude, every status (``status`` is a column): ``id, event_date,
latitude, longitude, type, quad, score, status, actors, recipients, place,
country, num_articles, num_mentions, confidence``; ``event_date`` only for a
day-precise date; actors and recipients "; "-joined codes (a name where
there is no code).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any, Protocol

from . import parquet
from .about import RULES_VERSION, __version__
from .corpus.dyads import HAPPENED, actor_pairs, period_of
from .errors import ConfigError
from .records import RECORD_TYPES, ActorRef, EventRecord, HappeningRecord, PlaceRecord, Record
from .store import TABLES, Store

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt", "gexf", "graphml", "kepler")
#: The formats made from happenings only (``--kind`` does not apply).
HAPPENING_FORMATS = ("gdelt", "gexf", "graphml", "kepler")
PLOVER_CODEBOOK = "PLOVER 0.7b1 + detente extensions"
#: Rows per row group of a Parquet export.
PARQUET_ROWS = 2000

#: PLOVER type -> the CAMEO root it was made from (the PLOVER manual's table
#: of CAMEO cue categories, read backwards; CAMEO 02 "appeal" and 10
#: "demand" both became REQUEST, 09 and 11 ACCUSE, 18-20 ASSAULT: the first
#: root named for each type's core meaning is given).
CAMEO_ROOTS = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}  # fmt: skip

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: The GDELT 2.0 event table's 61 columns, in GDELT's order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

KEPLER_COLUMNS = ("id", "event_date", "latitude", "longitude", "type", "quad", "score", "status",
                  "actors", "recipients", "place", "country", "num_articles", "num_mentions",
                  "confidence")

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

__all__ = [
    "CAMEO_ROOTS", "FORMATS", "GDELT_COLUMNS", "GEXF_NS", "GRAPHML_NS", "HAPPENING_FORMATS",
    "KEPLER_COLUMNS", "PARQUET_ROWS", "PLOVER_CODEBOOK", "ActorInfo", "ArticleInfo", "Edge", "Lookup",
    "Member", "Network", "Records", "RunInfo", "StoreLookup", "actor_info", "actor_network", "flat_record",
    "kepler_rows", "member", "record_columns", "write_csv", "write_gdelt", "write_jsonl", "write_kepler",
    "write_network", "write_parquet", "write_plover",
]  # fmt: skip


# -- records as they are: JSON Lines, CSV, Parquet ------------------------------------


def write_jsonl(source: Records, out: IO[str], kinds: Sequence[str] | None = None,
                with_text: bool = True) -> int:
    """Every record of ``kinds`` (default: all), one JSON object a line."""
    n = 0
    for kind in kinds or list(TABLES):
        for record in source.records(kind, with_text=with_text):
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(source: Records, out: IO[str], kind: str, with_text: bool = True) -> int:
    """One record kind as CSV: a header, one row per record."""
    writer = csv.DictWriter(out, fieldnames=record_columns(kind), lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in source.records(kind, with_text=with_text):
        writer.writerow(flat_record(record))
        n += 1
    return n


def write_parquet(source: Records, path: str | Path, kind: str, with_text: bool = True) -> int:
    """One record kind as a Parquet file (``pip install 'detente[parquet]'``),
    in the columns and types of :mod:`detente.parquet`, written a row group
    of :data:`PARQUET_ROWS` rows at a time (so memory stays flat)."""
    pa = parquet.arrow()
    kind_schema = parquet.schema(kind)
    n = 0
    with pa.parquet.ParquetWriter(str(path), kind_schema) as writer:
        rows: list[dict[str, Any]] = []
        for record in source.records(kind, with_text=with_text):
            rows.append(parquet.record_row(record))
            if len(rows) == PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(rows, schema=kind_schema))
                n, rows = n + len(rows), []
        if rows or not n:  # an empty kind still gets its schema
            writer.write_table(pa.Table.from_pylist(rows, schema=kind_schema))
            n += len(rows)
    return n


def flat_record(record: Record) -> dict[str, Any]:
    """One row per record; nested fields (lists, speakers, ...) as JSON text."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
            for k, v in record.to_dict().items()}


def record_columns(kind: str) -> list[str]:
    """The CSV columns of a record kind: ``kind``, then the record's fields."""
    if kind not in RECORD_TYPES:
        raise ConfigError(f"unknown record kind {kind!r}; kinds are {', '.join(TABLES)}")
    return ["kind", *(f.name for f in dataclasses.fields(RECORD_TYPES[kind]))]


# -- shared look-ups -----------------------------------------------------------------------


class Records(Protocol):
    """Where the writers read records: a :class:`~detente.store.Store`, or a
    Parquet dataset (:class:`detente.corpus.dataset_queries.DatasetSource`)."""

    def records(self, kind: str, *, with_text: bool = True) -> Iterator[Record]: ...


@dataclass(frozen=True)
class RunInfo:
    """The run that made a record: when it started and what coded it."""

    started_at: str
    detente_version: str
    rules_version: str


@dataclass(frozen=True)
class ArticleInfo:
    """What a citation needs of an article (no text)."""

    url: str | None
    title: str | None
    language: str | None
    source: str | None
    ingested_at: str | None


@dataclass(frozen=True)
class ActorInfo:
    """What PLOVER, GDELT and the network need of an actor record."""

    id: str
    article_id: str
    name: str
    type: str
    sector: str | None
    identity: str | None
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass
class Member:
    """What an export needs from one event of a happening and its article."""

    event_id: str
    context: list[str]
    trigger: str
    article_id: str
    url: str | None
    title: str | None
    language: str | None
    source: str | None
    ingested_at: str | None


class Lookup(Protocol):
    """The reads beyond the records that PLOVER, GDELT and the networks
    make: :class:`StoreLookup` over a store, and
    :class:`detente.corpus.dataset_queries.DatasetLookup` over a dataset."""

    def actor(self, actor_id: str | None) -> ActorInfo | None:
        """The actor record of this id, if any."""
        ...

    def article(self, article_id: str) -> ArticleInfo | None:
        """An article's citation fields, if it is known."""
        ...

    def run(self, record: EventRecord | HappeningRecord) -> RunInfo | None:
        """The run that made the record, if it is known."""
        ...

    def text(self, article_id: str, start: int, end: int) -> str | None:
        """The characters [start, end) of an article's text, if it is held."""
        ...

    def members(self, happening: HappeningRecord) -> list[Member]:
        """The happening's events with their articles, earliest ingested
        first (then by publication date, article id, place, event id)."""
        ...


class StoreLookup:
    """The look-ups over a store's tables, cached."""

    def __init__(self, store: Store) -> None:
        self.conn = store.conn
        self._actors: dict[str, ActorInfo | None] = {}
        self._runs = {r["id"]: RunInfo(r["started_at"], r["detente_version"], r["rules_version"])
                      for r in self.conn.execute("SELECT id, started_at, detente_version, rules_version FROM runs")}
        self._articles = {r["id"]: ArticleInfo(r["url"], r["title"], r["language"], r["source"], r["ingested_at"])
                          for r in self.conn.execute(
                              "SELECT id, url, title, language, source, ingested_at FROM articles")}

    def actor(self, actor_id: str | None) -> ActorInfo | None:
        if actor_id is None:
            return None
        if actor_id not in self._actors:
            row = self.conn.execute(
                "SELECT id, article_id, name, type, sector, identity, mentions FROM actors WHERE id=?",
                (actor_id,)).fetchone()
            self._actors[actor_id] = None if row is None else actor_info(dict(row))
        return self._actors[actor_id]

    def article(self, article_id: str) -> ArticleInfo | None:
        return self._articles.get(article_id)

    def run(self, record: EventRecord | HappeningRecord) -> RunInfo | None:
        row = self.conn.execute(f"SELECT run_id FROM {TABLES[record.kind]} WHERE id=?", (record.id,)).fetchone()
        return None if row is None or row["run_id"] is None else self._runs.get(row["run_id"])

    def text(self, article_id: str, start: int, end: int) -> str | None:
        row = self.conn.execute("SELECT substr(text, ?, ?) FROM articles WHERE id=?",
                                (start + 1, end - start, article_id)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def members(self, happening: HappeningRecord) -> list[Member]:
        rows = self.conn.execute(
            "SELECT e.id, e.context, e.trigger, a.id AS article_id, a.url, a.title, a.language,"
            " a.source, a.ingested_at FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.id IN (SELECT value FROM json_each(?))"
            ' ORDER BY a.ingested_at, a.published, a.id, e.start, e.id',
            (json.dumps(happening.event_ids),)).fetchall()
        return [member(tuple(r)) for r in rows]


def actor_info(row: dict[str, Any]) -> ActorInfo:
    """An :class:`ActorInfo` from a row of the actor columns (``mentions``
    as JSON text)."""
    spans = tuple((int(m["start"]), int(m["end"])) for m in json.loads(row["mentions"] or "[]"))
    return ActorInfo(row["id"], row["article_id"], row["name"], row["type"], row["sector"], row["identity"], spans)


def member(row: Sequence[Any]) -> Member:
    """A :class:`Member` from a row of (event id, context as JSON text,
    trigger, article id, url, title, language, source, ingested_at)."""
    event_id, context, trigger, article_id, url, title, language, source, ingested_at = row
    return Member(event_id, json.loads(context or "[]"), trigger, article_id, url, title, language, source,
                  ingested_at)


def _lookup(source: Records, lookup: Lookup | None) -> Lookup:
    if lookup is not None:
        return lookup
    if isinstance(source, Store):
        return StoreLookup(source)
    raise ConfigError("this export looks up actors, articles and runs: give a lookup with the records")


def _surface(lookup: Lookup, actor: ActorInfo | None, article_id: str, start: int, end: int) -> str | None:
    """The actor's words inside [start, end) of its article, if it has any there."""
    if actor is None or actor.article_id != article_id:
        return None
    for m_start, m_end in actor.mentions:
        if start <= m_start and m_end <= end:
            return lookup.text(article_id, m_start, m_end)
    return None


def _coder(run: RunInfo | None) -> str:
    if run is None:
        return "detente"
    return f"detente {run.detente_version} (rules {run.rules_version})"


@cache
def _country_codes() -> frozenset[str]:
    from .kb import builtin_countries

    return frozenset(builtin_countries())


@cache
def _group_codes() -> frozenset[str]:
    from importlib import resources

    from .kb.entries import load_yaml

    text = resources.files("detente.kb").joinpath("data", "organizations.yaml").read_text("utf-8")
    return frozenset(str(item["code"]) for item in load_yaml(text) or [] if item.get("code"))


def _code_type(code: str | None) -> str | None:
    """``country`` for an ISO alpha-3 country code, ``organization`` for the
    code of an organisation in the knowledge base, else None."""
    if code in _country_codes():
        return "country"
    if code in _group_codes():
        return "organization"
    return None


def _precision(date: str | None, precision: str | None) -> str | None:
    if precision or not date:
        return precision
    for pattern, name in ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-W\d{2}", "week"),
                          (r"\d{4}-\d{2}", "month"), (r"\d{4}", "year")):
        if re.fullmatch(pattern, date):
            return name
    return None


def _day(date: str | None, precision: str | None) -> dt.date | None:
    if date and _precision(date, precision) == "day":
        try:
            return dt.date.fromisoformat(date[:10])
        except ValueError:
            return None
    return None


def _month(date: str | None, precision: str | None) -> str | None:
    """YYYY-MM when the date is at least month-precise (a week: its Thursday's month)."""
    try:
        return period_of(date, _precision(date, precision), "month")
    except ValueError:
        return None


def _year(date: str | None, precision: str | None) -> str | None:
    month = _month(date, precision)
    if month:
        return month[:4]
    if date and _precision(date, precision) == "year" and re.match(r"\d{4}", date):
        return date[:4]
    return None


def _codes(refs: list[ActorRef]) -> list[str]:
    return list(dict.fromkeys(r.code for r in refs if r.code))


def _place(place: PlaceRecord | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"geonameid": place.geonameid, "name": place.name, "latitude": place.latitude,
            "longitude": place.longitude, "cc3": place.country, "feature": place.feature}


# -- PLOVER ------------------------------------------------------------------------------


def write_plover(source: Records, out: IO[str], kind: str = "event", with_text: bool = True,
                 lookup: Lookup | None = None) -> int:
    """PLOVER JSON Lines of the events (``kind="event"``) or happenings
    (``kind="happening"``) of a store, or of another source with its
    ``lookup``; see the module docstring."""
    if kind not in ("event", "happening"):
        raise ConfigError(f"PLOVER exports events or happenings, not {kind!r}")
    lookup = _lookup(source, lookup)
    n = 0
    if kind == "event":
        links = {event_id: h.id for h in _happenings(source) for event_id in h.event_ids}
        for record in source.records("event"):
            assert isinstance(record, EventRecord)
            line = _plover_event(record, lookup, links.get(record.id), with_text)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    else:
        for happening in _happenings(source):
            out.write(json.dumps(_plover_happening(happening, lookup), ensure_ascii=False) + "\n")
            n += 1
    return n


def _happenings(source: Records) -> Iterator[HappeningRecord]:
    for record in source.records("happening"):
        assert isinstance(record, HappeningRecord)
        yield record


def _plover_actor(ref: ActorRef, lookup: Lookup, article_id: str | None = None,
                  span: tuple[int, int] | None = None) -> dict[str, Any]:
    actor = lookup.actor(ref.actor_id)
    text = _surface(lookup, actor, article_id, *span) if article_id and span else None
    return {
        "code": ref.code,
        "actor_text": text or ref.name,
        "identifier_id": ref.actor_id,
        "identifier_text": actor.name if actor is not None else ref.name,
        "sector": actor.sector if actor is not None else None,
        "identity": actor.identity if actor is not None else None,
    }


def _cite(article_id: str, url: str | None, title: str | None, language: str | None,
          source: str | None, run: RunInfo | None) -> dict[str, Any]:
    return {"corpus": None, "citation": article_id, "url": url, "title": title,
            "language": language, "publication": source, "coder": _coder(run),
            "codebook": PLOVER_CODEBOOK}


def _article_fields(info: ArticleInfo | None) -> tuple[str | None, str | None, str | None, str | None]:
    if info is None:
        return (None, None, None, None)
    return (info.url, info.title, info.language, info.source)


def _plover_event(event: EventRecord, lookup: Lookup, link: str | None,
                  with_text: bool) -> dict[str, Any]:
    run = lookup.run(event)
    span = (event.start, event.end)
    line: dict[str, Any] = {
        "id": event.id,
        "date": event.date,
        "date_precision": _precision(event.date, event.date_precision),
        "source": [_plover_actor(r, lookup, event.article_id, span) for r in event.actor],
        "recipient": [_plover_actor(r, lookup, event.article_id, span) for r in event.recipient],
        "event": [event.type],
        "mode": event.mode,
        "context": list(event.context),
        "event_loc": _place(event.location),
        "event_text": [event.trigger],
        "quad_code": event.quad,
        "event_scale": event.score,
        "link": link,
        "text": event.text,
        "text_info": {"start": event.start, "end": event.end},
        "cite_info": _cite(event.article_id, *_article_fields(lookup.article(event.article_id)), run),
        "coder": _coder(run),
        "coded_date": run.started_at[:10] if run is not None else None,
        "status": event.status,
        "confidence": event.confidence,
        "article_id": event.article_id,
    }
    if not with_text:
        del line["text"]
    return line


def _plover_happening(happening: HappeningRecord, lookup: Lookup) -> dict[str, Any]:
    run = lookup.run(happening)
    members = lookup.members(happening)
    first = members[0] if members else None
    return {
        "id": happening.id,
        "date": happening.date,
        "date_precision": _precision(happening.date, happening.date_precision),
        "source": [_plover_actor(r, lookup) for r in happening.actor],
        "recipient": [_plover_actor(r, lookup) for r in happening.recipient],
        "event": [happening.type],
        "mode": happening.mode,
        "context": list(dict.fromkeys(c for m in members for c in m.context)),
        "event_loc": _place(happening.location),
        "event_text": list(dict.fromkeys(m.trigger for m in members)),
        "quad_code": happening.quad,
        "event_scale": happening.score,
        "link": happening.id,
        "cite_info": _cite(first.article_id, first.url, first.title, first.language, first.source,
                           run) if first else None,
        "coder": _coder(run),
        "coded_date": run.started_at[:10] if run is not None else None,
        "num_mentions": happening.num_mentions,
        "num_articles": happening.num_articles,
        "num_sources": happening.num_sources,
        "event_ids": list(happening.event_ids),
        "status": happening.status,
        "confidence": happening.confidence,
    }


# -- GDELT ----------------------------------------------------------------------------------


def write_gdelt(source: Records, out: IO[str], statuses: Sequence[str] = HAPPENED,
                lookup: Lookup | None = None) -> int:
    """A GDELT 2.0-style event table of the happenings (see the module
    docstring for the column mapping). Returns the number of data rows."""
    lookup = _lookup(source, lookup)
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for happening in _happenings(source):
        if happening.status not in statuses:
            continue
        members = lookup.members(happening)
        for actor1, actor2 in _gdelt_pairs(_codes(happening.actor), _codes(happening.recipient)):
            row = _gdelt_row(happening, actor1, actor2, members, lookup)
            out.write("\t".join(_tsv(row.get(c)) for c in GDELT_COLUMNS) + "\n")
            n += 1
    return n


def _gdelt_pairs(actors: list[str], recipients: list[str]) -> list[tuple[str | None, str | None]]:
    pairs: list[tuple[str | None, str | None]] = list(actor_pairs(actors, recipients))
    if pairs:
        return pairs
    if actors and recipients:  # only self-pairs: RUS acting on RUS
        return [(a, r) for a in actors for r in recipients]
    if actors:
        return [(a, None) for a in actors]
    return [(None, r) for r in recipients]


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    return re.sub(r"[\t\r\n]+", " ", str(value))


def _number(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def _gdelt_row(h: HappeningRecord, actor1: str | None, actor2: str | None,
               members: list[Member], lookup: Lookup) -> dict[str, Any]:
    day = _day(h.date, h.date_precision)
    month = _month(h.date, h.date_precision)
    root = CAMEO_ROOTS.get(h.type)
    digest = hashlib.sha1(f"{h.id}|{actor1 or ''}|{actor2 or ''}".encode()).hexdigest()
    row: dict[str, Any] = {
        "GlobalEventID": int(digest[:15], 16),
        "Day": day.strftime("%Y%m%d") if day else None,
        "MonthYear": month.replace("-", "") if month else None,
        "Year": _year(h.date, h.date_precision),
        "FractionDate": f"{day.year + day.timetuple().tm_yday / 365:.4f}" if day else None,
        "EventCode": root + "0" if root else None,
        "EventBaseCode": root + "0" if root else None,
        "EventRootCode": root,
        "QuadClass": h.quad,
        "GoldsteinScale": _number(h.score),
        "NumMentions": h.num_mentions,
        "NumSources": h.num_sources,
        "NumArticles": h.num_articles,
    }
    for prefix, code in (("Actor1", actor1), ("Actor2", actor2)):
        if code is not None:
            row.update(_gdelt_actor(prefix, code, [*h.actor, *h.recipient], lookup))
    place = h.location
    if place is not None:
        us = place.country == "USA"
        row.update({
            "ActionGeo_Type": {"country": 1, "state": 2 if us else 5, "county": 3 if us else 5,
                               "city": 3 if us else 4}.get(place.feature or ""),
            "ActionGeo_FullName": place.name,
            "ActionGeo_CountryCode": place.country,
            "ActionGeo_Lat": place.latitude,
            "ActionGeo_Long": place.longitude,
            "ActionGeo_FeatureID": place.geonameid,
        })
    if members:
        row["DATEADDED"] = _stamp(members[0].ingested_at)
        row["SOURCEURL"] = next((m.url for m in members if m.url), None)
    return row


def _gdelt_actor(prefix: str, code: str, refs: list[ActorRef], lookup: Lookup) -> dict[str, Any]:
    mine = [r for r in refs if r.code == code]
    name = next((r.name for r in mine if r.name), None)
    sectors = {a.sector for r in mine if (a := lookup.actor(r.actor_id)) is not None and a.sector}
    kind = _code_type(code)
    return {
        f"{prefix}Code": code,
        f"{prefix}Name": name.upper() if name else None,
        f"{prefix}CountryCode": code if kind == "country" else None,
        f"{prefix}KnownGroupCode": code if kind == "organization" else None,
        f"{prefix}Type1Code": sectors.pop() if len(sectors) == 1 else None,
    }


def _stamp(iso: str | None) -> str | None:
    if not iso:
        return None
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.strftime("%Y%m%d%H%M%S")


# -- the actor network --------------------------------------------------------------------


@dataclass
class Edge:
    """A directed actor pair: happenings (``weight``), per quad, and scores."""

    weight: int = 0
    quads: Counter[int] = field(default_factory=Counter)
    score_sum: float = 0.0
    scored: int = 0

    @property
    def score_mean(self) -> float | None:
        return round(self.score_sum / self.scored, 3) if self.scored else None


@dataclass
class Network:
    """Nodes (actor codes, with a label and a type) and directed edges."""

    labels: dict[str, str]
    types: dict[str, str | None]
    edges: dict[tuple[str, str], Edge]

    def to_dict(self) -> dict[str, Any]:
        """``{"nodes": [{id, label, type}], "edges": [{source, target,
        weight, q1..q4, score_mean}]}``, as the HTTP API serves it."""
        return {
            "nodes": [{"id": code, "label": label, "type": self.types.get(code)}
                      for code, label in self.labels.items()],
            "edges": [{"source": source, "target": target, "weight": edge.weight,
                       **{f"q{q}": edge.quads[q] for q in (1, 2, 3, 4)},
                       "score_mean": edge.score_mean}
                      for (source, target), edge in self.edges.items()],
        }


def actor_network(source: Records, happenings: Iterable[HappeningRecord] | None = None,
                  lookup: Lookup | None = None) -> Network:
    """The directed actor network of the happenings that happened (of
    ``happenings``, default every one of ``source``); see the module
    docstring."""
    lookup = _lookup(source, lookup)
    names: dict[str, Counter[str]] = {}
    person_names: dict[str, Counter[str]] = {}
    record_types: dict[str, Counter[str]] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for h in _happenings(source) if happenings is None else happenings:
        if h.status not in HAPPENED:
            continue
        for ref in [*h.actor, *h.recipient]:
            if not ref.code:
                continue
            actor = lookup.actor(ref.actor_id)
            person = actor is not None and actor.type == "person"
            if ref.name:
                (person_names if person else names).setdefault(ref.code, Counter())[ref.name] += 1
            names.setdefault(ref.code, Counter())
            if actor is not None and actor.type in ("country", "organization"):
                record_types.setdefault(ref.code, Counter())[actor.type] += 1
        for pair in actor_pairs(_codes(h.actor), _codes(h.recipient)):
            edge = edges.setdefault(pair, Edge())
            edge.weight += 1
            if h.quad in (1, 2, 3, 4):
                edge.quads[h.quad] += 1
            if h.score is not None:
                edge.score_sum += h.score
                edge.scored += 1
    labels, kinds = {}, {}
    for code in sorted(names):
        counts = names[code] or person_names.get(code) or Counter({code: 1})
        labels[code] = min(counts, key=lambda name: (-counts[name], name))
        seen = record_types.get(code)
        kinds[code] = _code_type(code) or (seen.most_common(1)[0][0] if seen else None)
    return Network(labels, kinds, dict(sorted(edges.items())))


def write_network(source: Records, out: IO[str], fmt: str = "gexf", lookup: Lookup | None = None) -> int:
    """The directed actor network of the happenings that happened, as GEXF
    1.3 (``fmt="gexf"``) or GraphML (``fmt="graphml"``). Returns the number
    of edges."""
    if fmt not in ("gexf", "graphml"):
        raise ConfigError(f"the network formats are gexf and graphml, not {fmt!r}")
    net = actor_network(source, lookup=lookup)
    root = _gexf(net) if fmt == "gexf" else _graphml(net)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
    return len(net.edges)


_EDGE_ATTRIBUTES = (("q1", "integer", "int"), ("q2", "integer", "int"), ("q3", "integer", "int"),
                    ("q4", "integer", "int"), ("score_mean", "double", "double"))


def _edge_values(edge: Edge) -> Iterable[tuple[str, str]]:
    for q in (1, 2, 3, 4):
        yield f"q{q}", str(edge.quads[q])
    if edge.score_mean is not None:
        yield "score_mean", repr(edge.score_mean)


def _gexf(net: Network) -> ET.Element:
    root = ET.Element("gexf", {
        "xmlns": GEXF_NS, "xmlns:xsi": _XSI, "version": "1.3",
        "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
    })
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"detente {__version__} (rules {RULES_VERSION})"
    ET.SubElement(meta, "description").text = (
        "Actor network of detente happenings (occurred or ongoing): edge weight = happenings")
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(node_attrs, "attribute", {"id": "type", "title": "type", "type": "string"})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    for name, gexf_type, _ in _EDGE_ATTRIBUTES:
        ET.SubElement(edge_attrs, "attribute", {"id": name, "title": name, "type": gexf_type})
    nodes = ET.SubElement(graph, "nodes")
    for code, label in net.labels.items():
        node = ET.SubElement(nodes, "node", {"id": code, "label": label})
        if net.types.get(code):
            values = ET.SubElement(node, "attvalues")
            ET.SubElement(values, "attvalue", {"for": "type", "value": str(net.types[code])})
    edges = ET.SubElement(graph, "edges")
    for i, ((source, target), edge) in enumerate(net.edges.items()):
        element = ET.SubElement(edges, "edge", {"id": str(i), "source": source, "target": target,
                                                "weight": str(edge.weight)})
        values = ET.SubElement(element, "attvalues")
        for name, value in _edge_values(edge):
            ET.SubElement(values, "attvalue", {"for": name, "value": value})
    return root


def _graphml(net: Network) -> ET.Element:
    root = ET.Element("graphml", {
        "xmlns": GRAPHML_NS, "xmlns:xsi": _XSI,
        "xsi:schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd",
    })
    keys = [("label", "node", "string"), ("type", "node", "string"), ("weight", "edge", "double"),
            *((name, "edge", graphml_type) for name, _, graphml_type in _EDGE_ATTRIBUTES)]
    for name, where, graphml_type in keys:
        ET.SubElement(root, "key", {"id": name, "for": where, "attr.name": name,
                                    "attr.type": graphml_type})
    graph = ET.SubElement(root, "graph", {"id": "detente", "edgedefault": "directed"})
    for code, label in net.labels.items():
        node = ET.SubElement(graph, "node", {"id": code})
        ET.SubElement(node, "data", {"key": "label"}).text = label
        if net.types.get(code):
            ET.SubElement(node, "data", {"key": "type"}).text = net.types[code]
    for i, ((source, target), edge) in enumerate(net.edges.items()):
        element = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": source, "target": target})
        ET.SubElement(element, "data", {"key": "weight"}).text = str(edge.weight)
        for name, value in _edge_values(edge):
            ET.SubElement(element, "data", {"key": name}).text = value
    return root


# -- kepler.gl ---------------------------------------------------------------------------


def write_kepler(source: Records, out: IO[str]) -> int:
    """A CSV of the happenings with a located place, for kepler.gl."""
    writer = csv.DictWriter(out, fieldnames=KEPLER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in kepler_rows(_happenings(source)):
        writer.writerow(row)
        n += 1
    return n


def kepler_rows(happenings: Iterable[HappeningRecord]) -> Iterator[dict[str, Any]]:
    """One row (:data:`KEPLER_COLUMNS`) per happening whose place has a
    latitude and a longitude; the others are passed over."""
    for h in happenings:
        place = h.location
        if place is None or place.latitude is None or place.longitude is None:
            continue
        day = _day(h.date, h.date_precision)
        yield {
            "id": h.id, "event_date": day.isoformat() if day else None,
            "latitude": place.latitude, "longitude": place.longitude,
            "type": h.type, "quad": h.quad, "score": h.score, "status": h.status,
            "actors": _joined(h.actor), "recipients": _joined(h.recipient),
            "place": place.name, "country": place.country, "num_articles": h.num_articles,
            "num_mentions": h.num_mentions, "confidence": h.confidence,
        }


def _joined(refs: list[ActorRef]) -> str:
    return "; ".join(dict.fromkeys(str(r.code or r.name) for r in refs if r.code or r.name))
