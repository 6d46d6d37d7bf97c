"""Filtered, paginated reads of the store: what the HTTP API lists.

:class:`Filters` holds every filter a list can take; :func:`page` applies
those that a record kind has and returns one :class:`Page` of typed records
with the total that match; :func:`counts` counts the events or happenings
that pass them per day, week or month and quad class. The
:class:`~detente.store.Store` methods ``page``, ``counts``,
``identities_page``, ``search_page``, ``record_counts``, ``article_refs``,
``happening_articles`` and ``article_records`` call these functions.

What the filters mean (all given must hold):

- ``actor``: a code (``RUS``, case-insensitive) or a name (``%`` is a
  wildcard). It matches a record whose actor, recipient, speaker or stance
  holder has that code or name, or is an actor whose corpus identity has that
  name or alias ("Kremlin" finds Russia's records). Articles and places match
  when such an actor appears in their article.
- ``date_from``/``date_to`` (ISO days, inclusive): the record's date (an
  event's, a stance's, a happening's) or, for a record without one, its
  article's ``published`` date (a happening's: its first report). A date at a
  coarser precision (a week, a month) matches when its period overlaps the
  range (:mod:`detente.dates`).
- ``q``: a case-insensitive substring of the record's text and name fields.
- ``type``, ``status``, ``speaker``, ``direct``, ``code``, ``country``,
  ``feature``, ``issue``, ``position``, ``min_articles``, ``located``: as
  named, on the kinds that have them; a kind ignores a filter it lacks.

Costly queries: :func:`check_search` refuses a full-text query over the
length and term limits (FTS5's work grows with the square of the number of
terms), and a :class:`Budget` on a connection stops any statement that runs
past a time limit or whose asker has gone (SQLite's progress handler).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ..dates import date_first, date_last, period_of
from ..errors import QueryError
from ..records import RECORD_TYPES, ArticleRecord, Record

if TYPE_CHECKING:
    from ..exports import Network

T = TypeVar("T")

#: The kinds :func:`page` lists, and the record kinds an article's page holds.
PAGED_KINDS = ("article", "event", "happening", "quote", "place", "stance")
ARTICLE_KINDS = ("actor", "quote", "time", "place", "event", "claim", "stance", "mention")
#: The kinds :func:`counts` counts, and the periods it counts them by.
COUNTED_KINDS = ("event", "happening")
PERIODS = ("day", "week", "month")

__all__ = ["ARTICLE_KINDS", "COUNTED_KINDS", "PAGED_KINDS", "PERIODS", "Budget", "Filters", "Page",
           "PeriodCounts", "QueryTooCostly", "check_search", "interrupted", "register_functions",
           "search_terms", "snippet"]


@dataclass(frozen=True)
class Filters:
    """Filters of a list; ``None`` (or False) leaves one out."""

    actor: str | None = None
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    status: str | None = None
    speaker: str | None = None
    direct: bool | None = None
    code: str | None = None
    country: str | None = None
    feature: str | None = None
    usage: str | None = None  # a place's usage (literal, metonymic, modifier, embedded)
    issue: str | None = None
    position: str | None = None
    min_articles: int | None = None
    located: bool = False  # happenings whose place has a latitude and longitude

    @property
    def dated(self) -> bool:
        return self.date_from is not None or self.date_to is not None


@dataclass
class Page(Generic[T]):
    """One page of a list: ``items`` from ``offset``, ``total`` that match."""

    items: list[T] = field(default_factory=list)
    total: int = 0
    limit: int | None = None
    offset: int = 0


@dataclass
class PeriodCounts:
    """Records per period: ``items`` are ``{"period", "q1".."q4", "n"}``,
    oldest period first (``n`` counts those without a quad class too);
    ``too_coarse`` counts the records with no date or one coarser than the
    period, which no period holds."""

    period: str
    items: list[dict[str, Any]] = field(default_factory=list)
    too_coarse: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "items": self.items, "too_coarse": self.too_coarse}


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the filters use: the first and last day of a date
    at its precision, a case-insensitive (Unicode) substring test, the
    period a date at its precision falls in (:func:`detente.dates.period_of`),
    and a search hit's snippet (:func:`snippet`)."""
    conn.create_function("detente_date_first", 1, date_first, deterministic=True)
    conn.create_function("detente_date_last", 1, date_last, deterministic=True)
    conn.create_function("detente_contains", 2, _contains, deterministic=True)
    conn.create_function("detente_period", 3, _period, deterministic=True)
    conn.create_function("detente_snippet", 2, snippet, deterministic=True)


def _contains(haystack: Any, needle: Any) -> int:
    if haystack is None or needle is None:
        return 0
    return int(str(needle).casefold() in str(haystack).casefold())


def _period(date: Any, precision: Any, period: Any) -> str | None:
    try:
        return period_of(date, precision, period)
    except ValueError:  # a malformed date is in no period
        return None


# -- the SQL pieces the kinds share ------------------------------------------------------

#: Identity keys whose canonical name or an alias seen for them matches :actor.
_KEYS_BY_NAME = ("SELECT i.key FROM identities i WHERE i.key = :actor OR i.name LIKE :actor"
                 " OR i.key IN (SELECT key FROM identity_aliases WHERE alias LIKE :actor)")


def _ref_matches(ref: str, param: str = "actor", codes: bool = True) -> str:
    """An actor reference (JSON ``{name, code, actor_id}``) that matches
    :param by code, by name, or through its actor record's identity."""
    keys = _KEYS_BY_NAME.replace(":actor", f":{param}")
    code = (f"upper(coalesce(json_extract({ref}, '$.code'), '')) = upper(:{param}) OR "
            if codes else "")
    return (f"({code}json_extract({ref}, '$.name') LIKE :{param}"
            f" OR json_extract({ref}, '$.actor_id') IN"
            f" (SELECT x.id FROM actors x WHERE x.identity IN ({keys})))")


def _refs_match(*columns: str) -> str:
    """Some reference in the JSON lists ``columns`` matches :actor."""
    parts = [f"SELECT 1 FROM json_each({c}) j WHERE {_ref_matches('j.value')}" for c in columns]
    return "EXISTS (" + " UNION ALL ".join(parts) + ")"


def _article_has_actor(article_id: str) -> str:
    return (f"EXISTS (SELECT 1 FROM actors x WHERE x.article_id = {article_id} AND"
            " (upper(coalesce(x.code, '')) = upper(:actor) OR x.name LIKE :actor"
            f" OR x.identity IN ({_KEYS_BY_NAME})))")


def _in_range(date: str) -> str:
    return (f"(detente_date_last({date}) >= coalesce(:date_from, '0000')"
            f" AND detente_date_first({date}) <= coalesce(:date_to, '9999'))")


def _contains_any(*columns: str) -> str:
    return "(" + " OR ".join(f"detente_contains({c}, :q)" for c in columns) + ")"


@dataclass
class _Query:
    """FROM, WHERE and ORDER BY of one list."""

    source: str
    order: str
    where: list[str] = field(default_factory=list)
    select: str = ""


def _query(kind: str, f: Filters) -> _Query:
    if kind == "article":
        cols = ", ".join(f'a."{fl.name}"' for fl in fields(ArticleRecord) if fl.name != "text")
        query = _Query("articles a", "a.published DESC, a.id", select=f"{cols}, NULL AS text")
        if f.actor:
            query.where.append(_article_has_actor("a.id"))
        if f.dated:
            query.where.append(_in_range("a.published"))
        if f.q:
            query.where.append(_contains_any("a.title", "a.text"))
        return query
    if kind == "happening":
        query = _Query("happenings h", "h.num_articles DESC, h.num_mentions DESC, h.date, h.id")
        if f.actor:
            query.where.append(_refs_match("h.actor", "h.recipient"))
        if f.type:
            query.where.append("h.type = upper(:type)")
        if f.status:
            query.where.append("h.status = lower(:status)")
        if f.min_articles:
            query.where.append("h.num_articles >= :min_articles")
        if f.dated:
            query.where.append(_in_range("coalesce(h.date, h.first_reported)"))
        if f.located:
            query.where.append("json_extract(h.location, '$.latitude') IS NOT NULL"
                               " AND json_extract(h.location, '$.longitude') IS NOT NULL")
        if f.q:
            names = " UNION ALL ".join(
                f"SELECT 1 FROM json_each({c}) j WHERE detente_contains(json_extract(j.value, '$.name'), :q)"
                for c in ("h.actor", "h.recipient"))
            query.where.append(
                f"(EXISTS ({names}) OR detente_contains(json_extract(h.location, '$.name'), :q)"
                " OR EXISTS (SELECT 1 FROM happening_events he JOIN events e ON e.id = he.event_id"
                " WHERE he.happening_id = h.id AND (detente_contains(e.text, :q)"
                " OR detente_contains(e.trigger, :q))))")
        return query
    # The kinds read from one article each: newest article first, then in
    # the order of the text.
    alias = {"event": "e", "quote": "q", "place": "p", "stance": "s"}[kind]
    table = {"event": "events", "quote": "quotes", "place": "places", "stance": "stances"}[kind]
    query = _Query(f"{table} {alias} JOIN articles a ON a.id = {alias}.article_id",
                   f"a.published DESC, {alias}.article_id, {alias}.start, {alias}.id")
    date = "a.published"
    if kind == "event":
        date = "coalesce(e.date, a.published)"
        if f.actor:
            query.where.append(_refs_match("e.actor", "e.recipient"))
        if f.type:
            query.where.append("e.type = upper(:type)")
        if f.status:
            query.where.append("e.status = lower(:status)")
        if f.q:
            query.where.append(_contains_any("e.text", "e.trigger"))
    elif kind == "quote":
        if f.actor:
            query.where.append(_ref_matches("q.speaker"))
        if f.speaker:
            query.where.append(_ref_matches("q.speaker", "speaker", codes=False))
        if f.direct is not None:
            query.where.append("q.direct = :direct")
        if f.q:
            query.where.append(_contains_any("q.text", "json_extract(q.speaker, '$.name')", "q.cue"))
    elif kind == "place":
        if f.actor:
            query.where.append(_article_has_actor("p.article_id"))
        if f.country:
            query.where.append("upper(p.country) = upper(:country)")
        if f.feature:
            query.where.append("p.feature = lower(:feature)")
        if f.usage:
            query.where.append("p.usage = lower(:usage)")
        if f.q:
            query.where.append(_contains_any("p.text", "p.name"))
    else:  # stance
        date = "coalesce(s.date, a.published)"
        if f.actor:
            query.where.append(_ref_matches("s.actor"))
        if f.issue:
            query.where.append("s.issue = lower(:issue)")
        if f.position:
            query.where.append("s.position = lower(:position)")
        if f.q:
            query.where.append(_contains_any("s.text", "s.issue"))
    if f.dated:
        query.where.append(_in_range(date))
    return query


def _params(f: Filters) -> dict[str, Any]:
    params = {fl.name: getattr(f, fl.name) for fl in fields(Filters)}
    if f.direct is not None:
        params["direct"] = int(f.direct)
    return params


def _where(query: _Query) -> str:
    return (" WHERE " + " AND ".join(query.where)) if query.where else ""


def _run(conn: sqlite3.Connection, select: str, query: _Query, params: dict[str, Any],
         limit: int | None, offset: int) -> tuple[list[sqlite3.Row], int]:
    where = _where(query)
    total = int(conn.execute(f"SELECT count(*) FROM {query.source}{where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT {select} FROM {query.source}{where} ORDER BY {query.order} LIMIT :limit OFFSET :offset",
        {**params, "limit": -1 if limit is None else limit, "offset": offset},
    ).fetchall()
    return rows, total


def page(conn: sqlite3.Connection, kind: str, filters: Filters, limit: int | None,
         offset: int) -> Page[Record]:
    """Records of ``kind`` that pass ``filters``, ``limit`` (None: all) from
    ``offset``; articles without their text."""
    from . import _unrow  # the row -> record conversion the store uses

    if kind not in PAGED_KINDS:
        raise QueryError(f"cannot list {kind!r} records; lists are {', '.join(PAGED_KINDS)}")
    query = _query(kind, filters)
    alias = query.source.split()[1]
    rows, total = _run(conn, query.select or f"{alias}.*", query, _params(filters), limit, offset)
    cls = RECORD_TYPES[kind]
    return Page([cls.from_dict(_unrow(cls, dict(r))) for r in rows], total, limit, offset)


def network(conn: sqlite3.Connection, filters: Filters) -> Network:
    """The directed actor network of the happenings that pass ``filters``
    (as :func:`page` lists them) and happened: what
    :func:`detente.exports.actor_network` makes of those happenings,
    aggregated in SQL (issue 19: ``/api/network`` read every happening into
    Python on each request). The rows read are one per pair of codes and
    one per (code, name, actor type), not one per happening.

    Edges: per happening, its distinct actor codes against its distinct
    recipient codes (or against each other when it names no recipient),
    counted with their quad classes and scores. Nodes: every code named,
    labelled with its most frequent name (non-person actors' names first),
    typed by the code itself or else by its actor records' most frequent
    type, the first seen (in :func:`page`'s order) on a tie. Scores are the
    PLOVER table's multiples of 0.5, so their sums are exact in any order."""
    from ..corpus.dyads import HAPPENED

    # The exports' own node types and classes: the same answer as theirs.
    from ..exports import Edge, _code_type
    from ..exports import Network as Graph

    query = _query("happening", filters)
    params = _params(filters)
    statuses = {f"happened_{n}": status for n, status in enumerate(HAPPENED)}
    where = _where(_with_condition(query, f"h.status IN ({', '.join(':' + k for k in statuses)})"))
    refs = " UNION ALL ".join(
        f"SELECT h.id, h.rank, {side} AS side, j.key AS k, json_extract(j.value, '$.code') AS code,"
        f" json_extract(j.value, '$.name') AS name, json_extract(j.value, '$.actor_id') AS actor_id"
        f" FROM h, json_each(h.{column}) j"
        for side, column in ((0, "actor"), (1, "recipient")))
    cte = (f"WITH h AS (SELECT h.id, h.actor, h.recipient, h.quad, h.score, row_number() OVER"
           f" (ORDER BY {query.order}) AS rank FROM {query.source}{where}),"
           # Where a reference stands in page order (happening, side, index): for first-seen ties.
           f" refs AS (SELECT *, (rank * 2 + side) * 1048576 + k AS pos FROM ({refs})"
           f" WHERE code IS NOT NULL AND code != ''),"
           " codes AS (SELECT DISTINCT id, side, code FROM refs)")
    args = {**params, **statuses}
    names: dict[str, dict[str, int]] = {}
    person_names: dict[str, dict[str, int]] = {}
    record_types: dict[str, dict[str, tuple[int, int]]] = {}  # code -> type -> (count, first seen)
    for code, name, type_, n, first in conn.execute(
            f"{cte} SELECT r.code, r.name, x.type, count(*), min(r.pos) FROM refs r"
            " LEFT JOIN actors x ON x.id = r.actor_id GROUP BY r.code, r.name, x.type", args):
        names.setdefault(code, {})
        if name:
            counter = (person_names if type_ == "person" else names).setdefault(code, {})
            counter[name] = counter.get(name, 0) + n
        if type_ in ("country", "organization"):
            count, seen = record_types.setdefault(code, {}).get(type_, (0, first))
            record_types[code][type_] = (count + n, min(seen, first))
    edges: dict[tuple[str, str], Edge] = {}
    for source, target, weight, q1, q2, q3, q4, score_sum, scored in conn.execute(
            f"{cte}, pairs AS ("
            " SELECT a.id, a.code AS source, r.code AS target FROM codes a"
            " JOIN codes r ON r.id = a.id AND r.side = 1 AND r.code != a.code WHERE a.side = 0"
            " UNION ALL"
            " SELECT a.id, a.code, b.code FROM codes a"
            " JOIN codes b ON b.id = a.id AND b.side = 0 AND b.code != a.code WHERE a.side = 0"
            " AND NOT EXISTS (SELECT 1 FROM codes r WHERE r.id = a.id AND r.side = 1))"
            " SELECT p.source, p.target, count(*), count(CASE WHEN h.quad = 1 THEN 1 END),"
            " count(CASE WHEN h.quad = 2 THEN 1 END), count(CASE WHEN h.quad = 3 THEN 1 END),"
            " count(CASE WHEN h.quad = 4 THEN 1 END), sum(h.score), count(h.score)"
            " FROM pairs p JOIN h ON h.id = p.id GROUP BY p.source, p.target", args):
        quads = Counter({q: n for q, n in ((1, q1), (2, q2), (3, q3), (4, q4)) if n})
        edges[(source, target)] = Edge(weight=weight, quads=quads, score_sum=float(score_sum or 0.0),
                                       scored=scored)
    labels: dict[str, str] = {}
    kinds: dict[str, str | None] = {}
    for code in sorted(names):
        counts = names[code] or person_names.get(code) or {code: 1}
        labels[code] = min(counts, key=lambda name: (-counts[name], name))
        seen = record_types.get(code)
        kinds[code] = _code_type(code) or (min(seen, key=lambda t: (-seen[t][0], seen[t][1])) if seen else None)
    return Graph(labels, kinds, dict(sorted(edges.items())))


def _with_condition(query: _Query, condition: str) -> _Query:
    return _Query(query.source, query.order, [*query.where, condition], query.select)


def counts(conn: sqlite3.Connection, kind: str, filters: Filters, period: str) -> PeriodCounts:
    """How many events or happenings that pass ``filters`` (as :func:`page`
    lists them) fall in each ``period`` (day, week or month), by quad class.
    A record's period comes from its own date at its precision, as in dyad
    series (:func:`detente.dates.period_of`); one with no date, or a date
    coarser than the period, is counted in ``too_coarse``. So the ``n`` of
    the items and ``too_coarse`` add up to :func:`page`'s ``total``."""
    if kind not in COUNTED_KINDS:
        raise QueryError(f"cannot count {kind!r} records per period; counted are {', '.join(COUNTED_KINDS)}")
    if period not in PERIODS:
        raise QueryError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    query = _query(kind, filters)
    alias = query.source.split()[1]
    rows = conn.execute(
        f"SELECT detente_period({alias}.date, {alias}.date_precision, :period) AS period,"
        f" {alias}.quad AS quad, count(*) AS n FROM {query.source}{_where(query)}"
        " GROUP BY 1, 2 ORDER BY 1",
        {**_params(filters), "period": period},
    ).fetchall()
    out = PeriodCounts(period)
    cells: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["period"] is None:
            out.too_coarse += int(row["n"])
            continue
        cell = cells.setdefault(row["period"], {"period": row["period"], "q1": 0, "q2": 0, "q3": 0,
                                                "q4": 0, "n": 0})
        cell["n"] += int(row["n"])
        if row["quad"] in (1, 2, 3, 4):
            cell[f"q{row['quad']}"] += int(row["n"])
    out.items = list(cells.values())
    return out


def identities_page(conn: sqlite3.Connection, filters: Filters, limit: int | None,
                    offset: int) -> Page[dict[str, Any]]:
    """Actor identities as :meth:`Store.actors` gives them, filtered:
    ``actor`` as Store.actors' query (a key, name, alias or code), ``type``,
    ``code``, ``q`` a substring of the name or an alias, and dates: the
    identity appears in an article published in the range."""
    query = _Query("identities i", "i.articles DESC, i.mentions DESC, i.name, i.key")
    if filters.actor:
        query.where.append(f"(upper(coalesce(i.code, '')) = upper(:actor) OR i.key IN ({_KEYS_BY_NAME}))")
    if filters.type:
        query.where.append("i.type = lower(:type)")
    if filters.code:
        query.where.append("upper(i.code) = upper(:code)")
    if filters.q:
        query.where.append("(detente_contains(i.name, :q) OR EXISTS (SELECT 1 FROM identity_aliases"
                           " ia WHERE ia.key = i.key AND detente_contains(ia.alias, :q)))")
    if filters.dated:
        query.where.append("EXISTS (SELECT 1 FROM actors x JOIN articles a ON a.id = x.article_id"
                           f" WHERE x.identity = i.key AND {_in_range('a.published')})")
    select = ("i.*, (SELECT json_group_array(alias) FROM (SELECT alias FROM identity_aliases a"
              " WHERE a.key = i.key ORDER BY alias)) AS aliases")
    rows, total = _run(conn, select, query, _params(filters), limit, offset)
    return Page([{**dict(r), "aliases": json.loads(r["aliases"])} for r in rows], total, limit, offset)


# -- full-text search and what it may cost ---------------------------------------------------

#: FTS5's operators, which are no terms (in capitals only, as FTS5 reads them).
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
#: A term as FTS5's default tokenizer (unicode61) cuts one: a run of letters
#: and digits.
_TERM = re.compile(r"[^\W_]+")


class QueryTooCostly(QueryError):
    """A search query over the length or term limits (the HTTP API answers
    422): refused before any work is done."""


def search_terms(query: str) -> int:
    """How many terms an FTS5 query has: every word, in a phrase or not
    (``"a b"`` is two), a prefix (``nat*``) one, the operators AND, OR, NOT
    and NEAR none. A column filter's name (``title:``) counts as one: the
    count is an upper bound on the terms FTS5 matches."""
    return sum(1 for term in _TERM.findall(query) if term not in _OPERATORS)


def check_search(query: str, max_chars: int, max_terms: int) -> None:
    """Refuse a query longer than ``max_chars`` characters or with more than
    ``max_terms`` terms. FTS5's work grows with the square of the query's
    terms ('a OR ' repeated 2,000 times held a core for minutes), much of it
    in single steps that SQLite's progress handler cannot interrupt, so no
    time budget alone can bound it."""
    if len(query) > max_chars:
        raise QueryTooCostly(
            f"the search query has {len(query):,} characters, more than the {max_chars:,} the server "
            "allows (the search_max_chars setting): query too costly; search for fewer words"
        )
    terms = search_terms(query)
    if terms > max_terms:
        raise QueryTooCostly(
            f"the search query has {terms:,} terms, more than the {max_terms:,} the server allows "
            "(the search_max_terms setting): query too costly, as a search's work grows with the "
            "square of its terms; search for fewer, more specific words"
        )


def search_page(conn: sqlite3.Connection, query: str, limit: int | None, offset: int) -> Page[dict[str, Any]]:
    """Full-text search over titles and texts (SQLite FTS5 query syntax),
    best match first; a query FTS5 cannot parse raises :class:`QueryError`.
    The page's hits are ranked first (FTS5's bm25), then read with their
    snippet (:func:`snippet`) from the articles table: looking each hit up
    in the full-text index again would evaluate the whole query once more
    per hit (seconds each for 32 prefix terms)."""
    try:
        total = int(conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                 (query,)).fetchone()[0])
        ranked = [int(row[0]) for row in conn.execute(
            "SELECT h.rowid FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH :q) h"
            " JOIN articles a ON a.rowid = h.rowid ORDER BY h.rank, a.id LIMIT :limit OFFSET :offset",
            {"q": query, "limit": -1 if limit is None else limit, "offset": offset},
        )]
        found = {int(row["rowid"]): row for row in conn.execute(
            "SELECT rowid, id, title, published, detente_snippet(text, ?) AS snippet FROM articles"
            " WHERE rowid IN (SELECT value FROM json_each(?))", (query, json.dumps(ranked)),
        )}
    except sqlite3.OperationalError as exc:
        if interrupted(exc):  # stopped by a Budget: not the query's syntax
            raise
        raise QueryError(
            f"bad search query {query[:200]!r}{' (cut)' if len(query) > 200 else ''}: {exc}; use SQLite "
            "FTS5 syntax (words, \"a phrase\", "
            "AND, OR, NOT, prefix*), or quote the whole query as a phrase"
        ) from exc
    items = [{key: found[rowid][key] for key in ("id", "title", "published", "snippet")}
             for rowid in ranked if rowid in found]
    return Page(items, total, limit, offset)


#: Words in a snippet, and what marks the query's words and a cut (as
#: FTS5's ``snippet(articles_fts, 1, '[', ']', ' … ', 12)`` gave them).
SNIPPET_WORDS = 12
_OPEN, _CLOSE, _CUT = "[", "]", " … "
#: The matches of the query's words a snippet looks at, and the windows it
#: weighs (each starting two words before one of the first matches): enough
#: for a good window, and a bound on the work one article can cost.
SNIPPET_MATCHES = 256
SNIPPET_WINDOWS = 8
#: A column filter (``title:``) names no word.
_COLUMN = re.compile(r"[^\W_]+\s*:")


class _Fold(dict[int, str]):
    """A str.translate table that folds a letter with diacritics to its
    base letter ("ö" -> "o"), one character for one, so that offsets into
    the folded text are offsets into the text (FTS5's tokenizer folds them
    too: "Niinisto" finds "Niinistö")."""

    def __missing__(self, code: int) -> str:
        parts = unicodedata.normalize("NFKD", chr(code))
        folded = parts[0] if len(parts) > 1 and all(unicodedata.combining(c) for c in parts[1:]) else chr(code)
        self[code] = folded
        return folded


_FOLD = _Fold()


def _fold(text: str) -> str:
    return text if text.isascii() else text.translate(_FOLD)


@functools.lru_cache(maxsize=64)  # a page's snippets share their query
def _query_pattern(query: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern of the query's words and prefixes
    (``nat*``) as whole words of the folded text; None when it has none."""
    query = _COLUMN.sub(" ", query)
    words: set[str] = set()
    prefixes: set[str] = set()
    for found in _TERM.finditer(query):
        if found.group() in _OPERATORS:
            continue
        target = prefixes if query[found.end():found.end() + 1] == "*" else words
        target.add(re.escape(_fold(found.group()).lower()))
    if not words and not prefixes:
        return None
    alternatives = [f"{p}[^\\W_]*" for p in sorted(prefixes)] + sorted(words, key=len, reverse=True)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)


def snippet(text: Any, query: Any) -> str:
    """About :data:`SNIPPET_WORDS` words of ``text`` around the query's
    words, each of them in brackets: of the windows that start two words
    before one of the first matches, the one that holds the most different
    words of the query (the first such). The work is bounded per article
    (a regular expression, then :data:`SNIPPET_WINDOWS` small windows):
    FTS5's own snippet() grows with the square of the query's matches in an
    article (32 prefix terms over one 100,000-character article: 34 s), in
    one step that the progress handler cannot interrupt."""
    text = str(text or "")
    pattern = _query_pattern(str(query or ""))
    folded = _fold(text)
    matches = list(itertools.islice(pattern.finditer(folded), SNIPPET_MATCHES)) if pattern else []
    starts = [m.start() for m in matches]
    best: tuple[tuple[int, int], int, list[re.Match[str]]] | None = None
    anchors: list[int] = [m.start() for m in matches[:SNIPPET_WINDOWS]] or [-1]
    for anchor in anchors:  # -1: no match, the text's first words
        begin = _words_before(text, anchor, 2) if anchor >= 0 else 0
        words = list(itertools.islice(_TERM.finditer(text, begin), SNIPPET_WORDS))
        if not words:
            return ""
        if len(words) < SNIPPET_WORDS and begin > 0:  # near the end: a whole window, ending there
            begin = _words_before(text, begin, SNIPPET_WORDS - len(words))
            words = list(itertools.islice(_TERM.finditer(text, begin), SNIPPET_WORDS))
        end = words[-1].end()
        inside = matches[bisect.bisect_left(starts, begin):bisect.bisect_left(starts, end)]
        score = (len({m.group().lower() for m in inside}), len(inside))
        if best is None or score > best[0]:
            best = (score, begin, words)
    assert best is not None
    _, begin, words = best
    marked = set(starts)
    parts, at = [], words[0].start()
    for word in words:
        parts.append(text[at:word.start()])
        parts.append(f"{_OPEN}{word.group()}{_CLOSE}" if word.start() in marked else word.group())
        at = word.end()
    more = _TERM.search(text, at) is not None
    return (_CUT if _TERM.search(text[:words[0].start()]) else "") + "".join(parts) + (_CUT if more else "")


def _words_before(text: str, at: int, n: int) -> int:
    """Where the word ``n`` words before offset ``at`` starts: the text's
    start when it has fewer; ``at`` when they are not within 100 characters
    a word (no words there, only a very long run of punctuation)."""
    reach = max(0, at - 100 * n)
    before = list(_TERM.finditer(text, reach, at))
    if len(before) >= n:
        return before[-n].start()
    return 0 if reach == 0 else (before[0].start() if before else at)


# -- stopping a statement: the time budget, a client gone, a server shutting down --------------

#: SQLite virtual-machine steps between two checks of a :class:`Budget`. A
#: step is a fraction of a microsecond, so 1,000 of them are tens of
#: microseconds of work: checking costs about 1 %, and a statement stops
#: within milliseconds of being told to, except in a step that does much
#: work by itself: ranking one hit (bm25) for the costliest query the term
#: limit allows, 32 prefix terms, takes about 20 ms; a snippet of a
#: 1,000,000-character article, 0.05 s (:func:`snippet`). Past the term
#: limit, FTS5's own steps grow to seconds ('a OR ' x 2000 over 400
#: articles: 4.5 s), which is why that limit comes first.
PROGRESS_STEPS = 1000


class Flag(Protocol):
    """A flag another thread sets (a :class:`threading.Event`)."""

    def is_set(self) -> bool: ...


class Budget:
    """When the statements on one connection must stop: when one of its
    ``stops`` (flag, reason) is set, or past the deadline of
    :meth:`time_limit` (reason ``"time"``). Checked by SQLite's progress
    handler every :data:`PROGRESS_STEPS` steps; the stopped statement raises
    ``sqlite3.OperationalError("interrupted")`` and :attr:`stopped` says why."""

    def __init__(self, stops: Sequence[tuple[Flag, str]] = ()) -> None:
        self.stops = list(stops)
        self.deadline: float | None = None
        self.seconds: float | None = None
        self.stopped: str | None = None

    def install(self, conn: sqlite3.Connection) -> None:
        conn.set_progress_handler(self._check, PROGRESS_STEPS)

    def _check(self) -> int:
        for flag, reason in self.stops:
            if flag.is_set():
                self.stopped = reason
                return 1
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.stopped = "time"
            return 1
        return 0

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Stop the statements run inside after ``seconds`` (wall clock)."""
        self.deadline, self.seconds = time.monotonic() + seconds, seconds
        try:
            yield
        finally:
            self.deadline = None

    def reason(self, exc: BaseException) -> str | None:
        """Why ``exc`` happened, when this budget stopped its statement."""
        return self.stopped if isinstance(exc, sqlite3.OperationalError) and interrupted(exc) else None


def interrupted(exc: sqlite3.OperationalError) -> bool:
    """True when SQLite stopped the statement (progress handler or
    interrupt()), not when the statement itself was wrong."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code == sqlite3.SQLITE_INTERRUPT if code is not None else str(exc) == "interrupted"


def record_counts(conn: sqlite3.Connection, article_ids: list[str]) -> dict[str, dict[str, int]]:
    """Per article id: how many records of each kind it has (zeros included)."""
    from . import TABLES

    out = {article_id: dict.fromkeys(ARTICLE_KINDS, 0) for article_id in article_ids}
    if not article_ids:
        return out
    marks = ", ".join("?" for _ in article_ids)
    for kind in ARTICLE_KINDS:
        for row in conn.execute(f"SELECT article_id, count(*) FROM {TABLES[kind]}"
                                f" WHERE article_id IN ({marks}) GROUP BY article_id", article_ids):
            out[row[0]][kind] = int(row[1])
    return out


def article_refs(conn: sqlite3.Connection, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per article id: ``{id, title, published}``, in one query (ids not
    stored are left out)."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = conn.execute(f"SELECT id, title, published FROM articles WHERE id IN ({marks})", ids).fetchall()
    return {row["id"]: {"id": row["id"], "title": row["title"], "published": row["published"]} for row in rows}


def happening_articles(conn: sqlite3.Connection, happening_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Per happening id: the distinct articles that report its events
    (``id``, ``title``, ``published``, and ``event_id``: the happening's
    first event in that article's text), oldest first."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not happening_ids:
        return {}
    marks = ", ".join("?" for _ in happening_ids)
    # SQLite takes the bare column e.id from the row that has min(e.start).
    rows = conn.execute(
        "SELECT he.happening_id, a.id, a.title, a.published, e.id, min(e.start) FROM happening_events he"
        " JOIN events e ON e.id = he.event_id JOIN articles a ON a.id = e.article_id"
        f" WHERE he.happening_id IN ({marks}) GROUP BY he.happening_id, a.id"
        " ORDER BY he.happening_id, a.published, a.id",
        happening_ids,
    ).fetchall()
    for row in rows:
        out[row[0]].append({"id": row[1], "title": row[2], "published": row[3], "event_id": row[4]})
    return {h: out.get(h, []) for h in happening_ids}
