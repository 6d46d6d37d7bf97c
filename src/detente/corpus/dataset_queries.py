"""The corpus read from a Parquet dataset instead of the store: what
``detente dyads``, ``detente happenings`` and ``detente export --dataset``
ask, answered with DuckDB over the dataset's files.

Reads a dataset folder that ``detente extract --output`` (or ``ingest
--engine dask``) wrote (:mod:`detente.scale.dataset`: ``DIR/<kind>/month=
.../part-*.parquet``, nested fields as JSON text, ``_detente.json``,
``_partitions/*.done``); adds :class:`DatasetSource`, the part of the
store's query surface those commands use, with the same answers:

- :meth:`DatasetSource.records`: one record kind, as typed records, in the
  order :meth:`detente.store.Store.records` gives them (articles by
  publication date, records by their place in their article, the rest by
  id; errors in input order, one per ref, code and reason as the store
  keeps them);
- :meth:`DatasetSource.happenings` and :meth:`DatasetSource.value_counts`:
  as :meth:`Store.happenings` and :meth:`Store.value_counts`;
- :meth:`DatasetSource.dyad_series`: :func:`detente.corpus.dyads.dyad_series`
  (same pairs, periods, counts, rounding and left-out counts).
- :class:`DatasetLookup`: the look-ups (actor records, articles, runs,
  a happening's members) that :mod:`detente.exports` makes for PLOVER,
  GDELT and the networks, so that every export format reads a dataset
  with :mod:`detente.exports`' own writers.

It lives in ``corpus/`` because it is the corpus layer's read side
(happening lists, dyad series, record streams) over another medium, not a
store: it never writes, and the dataset's layout stays defined in
:mod:`detente.scale.dataset`.

Nothing is loaded whole into Python: DuckDB filters, sorts and aggregates
(out of core when it must), records stream in batches, and a dyad series
comes back aggregated (only the distinct dates go through Python, to give
them the periods :func:`detente.dates.period_of` gives). Only finished
partitions (those with a marker) are read, as ``ingest`` does; a dataset
that is not complete is readable, and :attr:`DatasetSource.warnings` says
what it lacks. DuckDB is the ``duckdb`` extra.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from ..dates import overlaps, period_of
from ..errors import ConfigError
from ..exports import ActorInfo, ArticleInfo, Member, RunInfo, actor_info, member
from ..parquet import columns, record_from_row
from ..records import RECORD_TYPES, EventRecord, HappeningRecord, Record
from .dyads import HAPPENED, PERIODS, UNITS, DyadRow, DyadSeries

__all__ = ["BATCH", "DatasetLookup", "DatasetSource", "duckdb_module"]

#: Rows fetched from DuckDB at a time while records stream.
BATCH = 2000
# Kinds whose store ids are integers given in insertion order (the
# pipeline's order within an article): their order here is the files'.
_ROW_ORDERED = frozenset({"time", "place", "claim"})


def duckdb_module() -> Any:
    """The ``duckdb`` module, or a ConfigError naming the extra to install."""
    try:
        import duckdb
    except ImportError as exc:
        raise ConfigError("reading a Parquet dataset (--dataset) needs DuckDB: pip install 'detente[duckdb]'") from exc
    return duckdb


class DatasetSource:
    """A dataset folder opened for reading (a context manager). Each record
    kind is a DuckDB view of its finished partitions' rows."""

    def __init__(self, root: str | Path) -> None:
        from ..scale.dataset import Dataset, is_dataset

        self.root = Path(root)
        if not is_dataset(self.root):
            raise ConfigError(f"{self.root} is no detente Parquet dataset (it has no _detente.json); "
                              "give a folder that extract --output wrote")
        dataset = Dataset(self.root)
        self.meta = dataset.read_meta()
        markers = dataset.markers()
        self.partitions = len(markers)
        self.conn = duckdb_module().connect()
        self.conn.execute("CREATE TABLE finished (partition_id VARCHAR, plan_index BIGINT, finished_at VARCHAR)")
        if markers:
            self.conn.executemany("INSERT INTO finished VALUES (?, ?, ?)",
                                  [(m["id"], m["index"], m.get("finished")) for m in markers])
        self.kinds: set[str] = set()
        for kind in RECORD_TYPES:
            self._view(kind)

    def _view(self, kind: str) -> None:
        folder = self.root / kind
        if not any(folder.glob("month=*/*.parquet")):
            return
        files = str(folder / "month=*" / "*.parquet").replace("'", "''")
        # Happenings belong to no partition (merged over all of them at the
        # end); every other kind keeps only the rows of finished partitions:
        # an interrupted one's files may be there without all its kinds.
        keep = "" if kind == "happening" else " WHERE partition_id IN (SELECT partition_id FROM finished)"
        self.conn.execute(
            f"CREATE VIEW {kind}_rows AS SELECT * FROM read_parquet('{files}', hive_partitioning=true,"
            f" union_by_name=true, filename=true, file_row_number=true){keep}")
        self.kinds.add(kind)

    def __enter__(self) -> DatasetSource:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def complete(self) -> bool:
        return bool(self.meta.get("complete"))

    @property
    def warnings(self) -> list[str]:
        """What a reader of this dataset should know: it is unfinished, or
        it was written for a store (so it lacks that store's articles and
        every happening)."""
        out = []
        if not self.complete:
            out.append(f"{self.root} is not complete (its _detente.json says \"complete\": false: the run that "
                       f"writes it was interrupted, refused or is still going); reading its {self.partitions} "
                       "finished partition(s) and the happenings of its last merge, if any; rerun the same "
                       "command to finish it")
        if self.meta.get("store"):
            out.append(f"{self.root} was written by ingest --engine dask for the store {self.meta['store']}: it "
                       "leaves out the articles that store held before, and its happenings are in the store "
                       "only; read the store with --db for the whole corpus")
        return out

    # -- records ------------------------------------------------------------------------

    def records(self, kind: str, *, with_text: bool = True) -> Iterator[Record]:
        """The records of one kind in the store's order (see the module
        docstring), streamed."""
        if kind not in RECORD_TYPES:
            raise ConfigError(f"unknown record kind {kind!r}; kinds are {', '.join(RECORD_TYPES)}")
        if kind not in self.kinds:
            return
        names = [c.name for c in columns(kind)]
        select = ", ".join("NULL AS text" if kind == "article" and name == "text" and not with_text
                           else f'"{name}"' for name in names)
        where = ""
        if kind == "article":
            order = "published NULLS FIRST, id"
        elif kind == "error":
            # The store keeps one error per (ref, code, reason), the first
            # met, and lists them in the order it met them: input order.
            order = "plan_index, input_index, file_row_number"
            where = (" QUALIFY row_number() OVER (PARTITION BY ref, code, reason ORDER BY plan_index,"
                     " input_index, file_row_number) = 1")
        elif "start" in names:
            order = 'article_id, start, "end", ' + ("filename, file_row_number" if kind in _ROW_ORDERED else "id")
        else:
            order = "id"
        source = f"{kind}_rows"
        if kind == "error":
            source = "error_rows JOIN finished USING (partition_id)"
        yield from self._records(kind, f"SELECT {select} FROM {source}{where} ORDER BY {order}", [], names)

    def _records(self, kind: str, sql: str, params: Sequence[Any], names: list[str]) -> Iterator[Record]:
        cursor = self.conn.cursor()  # its own cursor: a consumer may query meanwhile
        try:
            cursor.execute(sql, list(params))
            while batch := cursor.fetchmany(BATCH):
                for row in batch:
                    yield record_from_row(kind, dict(zip(names, row, strict=True)))
        finally:
            cursor.close()

    def happenings(self, *, actor: str | None = None, type: str | None = None, min_articles: int = 1,
                   limit: int = 100) -> list[HappeningRecord]:
        """As :meth:`detente.store.Store.happenings`: the most widely reported
        first (then by date); ``actor`` matches a code among the actors or
        recipients."""
        if "happening" not in self.kinds:
            return []
        where = ["num_articles >= ?"]
        params: list[Any] = [min_articles]
        if actor:
            where.append("(" + " OR ".join(
                f"EXISTS (SELECT 1 FROM json_each(h.{side}) j"
                " WHERE upper(json_extract_string(j.value, '$.code')) = upper(?))" for side in ("actor", "recipient"))
                + ")")
            params += [actor, actor]
        if type:
            where.append("h.type = upper(?)")
            params.append(type)
        names = [c.name for c in columns("happening")]
        select = ", ".join(f'h."{name}"' for name in names)
        sql = (f"SELECT {select} FROM happening_rows h WHERE {' AND '.join(where)}"
               " ORDER BY h.num_articles DESC, h.num_mentions DESC, h.date NULLS FIRST, h.id LIMIT ?")
        found = list(self._records("happening", sql, [*params, limit], names))
        return [h for h in found if isinstance(h, HappeningRecord)]

    def value_counts(self, kind: str, column: str) -> Counter[str]:
        """How many records of ``kind`` have each value of ``column``."""
        if column not in {c.name for c in columns(kind)}:
            raise ConfigError(f"records of kind {kind!r} have no column {column!r}")
        if kind not in self.kinds:
            return Counter()
        rows = self.conn.execute(
            f'SELECT "{column}", count(*) FROM {kind}_rows WHERE "{column}" IS NOT NULL GROUP BY 1').fetchall()
        return Counter({str(value): int(n) for value, n in rows})

    # -- dyad series ----------------------------------------------------------------------

    def dyad_series(self, *, actor: str | None = None, period: str = "week", statuses: Sequence[str] = HAPPENED,
                    unit: str = "happening", date_from: str | None = None, date_to: str | None = None,
                    counterpart: str | None = None) -> DyadSeries:
        """:func:`detente.corpus.dyads.dyad_series` over the dataset, with
        the pairs, periods and sums computed by DuckDB."""
        if period not in PERIODS:
            raise ConfigError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
        if unit not in UNITS:
            raise ConfigError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
        series = DyadSeries()
        if unit not in self.kinds or not statuses:
            return series
        wanted = sorted({code.upper() for code in (actor, counterpart) if code})
        codes = ", ".join("'" + code.replace("'", "''") + "'" for code in wanted)
        if len(wanted) == 2:  # between the actor and its counterpart, both ways
            kept = f"AND p.source IN ({codes}) AND p.target IN ({codes})"
        elif wanted:
            kept = f"AND (p.source IN ({codes}) OR p.target IN ({codes}))"
        else:
            kept = ""
        # Each unit's distinct codes per side (dyads._codes: refs with a
        # code), its ordered pairs (dyads.actor_pairs) and those kept.
        # Views, not tables: DuckDB evaluates them in each query below, so
        # that no copy of the dataset's events is held.
        quoted = ", ".join("'" + s.replace("'", "''") + "'" for s in statuses)
        self.conn.execute(f"""
            CREATE OR REPLACE VIEW dyad_units AS
            SELECT id AS uid, actor, recipient, date, date_precision, score, quad
            FROM {unit}_rows WHERE status IN ({quoted})""")
        self.conn.execute(f"""
            CREATE OR REPLACE VIEW dyad_pairs AS
            WITH sides AS (
                SELECT DISTINCT u.uid, s.side, json_extract_string(j.value, '$.code') AS code
                FROM dyad_units u, (SELECT 'a' AS side UNION ALL SELECT 'r') s,
                     json_each(CASE s.side WHEN 'a' THEN u.actor ELSE u.recipient END) j
                WHERE coalesce(json_extract_string(j.value, '$.code'), '') <> ''
            ),
            a AS (SELECT uid, code FROM sides WHERE side = 'a'),
            r AS (SELECT uid, code FROM sides WHERE side = 'r'),
            pairs AS (
                SELECT a.uid, a.code AS source, r.code AS target FROM a JOIN r USING (uid) WHERE a.code <> r.code
                UNION ALL
                SELECT a.uid, a.code, b.code FROM a JOIN a b USING (uid)
                WHERE a.code <> b.code AND a.uid NOT IN (SELECT uid FROM r)
            )
            SELECT p.* FROM pairs p WHERE true {kept}""")
        # Only the distinct dates go through Python: their range test and
        # period are dates.overlaps and dates.period_of themselves.
        self.conn.execute("CREATE OR REPLACE TABLE dyad_dates (date VARCHAR, date_precision VARCHAR,"
                          " period VARCHAR, in_range BOOLEAN)")
        dates = self.conn.execute(
            "SELECT DISTINCT date, date_precision FROM dyad_units u WHERE coalesce(date, '') <> ''"
            " AND uid IN (SELECT uid FROM dyad_pairs)").fetchall()
        if dates:
            self.conn.executemany("INSERT INTO dyad_dates VALUES (?, ?, ?, ?)", [
                (date, precision, period_of(date, precision, period), overlaps(date, date_from, date_to))
                for date, precision in dates])
        # A unit left out for its date counts once, whatever its pairs.
        undated, too_coarse = self.conn.execute("""
            SELECT count(*) FILTER (WHERE coalesce(u.date, '') = ''),
                   count(*) FILTER (WHERE d.in_range AND d.period IS NULL)
            FROM dyad_units u LEFT JOIN dyad_dates d
              ON d.date = u.date AND d.date_precision IS NOT DISTINCT FROM u.date_precision
            WHERE u.uid IN (SELECT uid FROM dyad_pairs)""").fetchone()
        series.undated, series.too_coarse = int(undated), int(too_coarse)
        cells = self.conn.execute("""
            SELECT p.source, p.target, d.period, count(*),
                   count(*) FILTER (WHERE u.quad = 1), count(*) FILTER (WHERE u.quad = 2),
                   count(*) FILTER (WHERE u.quad = 3), count(*) FILTER (WHERE u.quad = 4),
                   sum(u.score), count(u.score)
            FROM dyad_pairs p JOIN dyad_units u USING (uid)
            JOIN dyad_dates d ON d.date = u.date AND d.date_precision IS NOT DISTINCT FROM u.date_precision
            WHERE d.in_range AND d.period IS NOT NULL
            GROUP BY 1, 2, 3""").fetchall()
        for source, target, key_period, n, q1, q2, q3, q4, total, scored in cells:
            # The rounding of dyads.dyad_series: the sum to 3 places, then
            # the mean of the rounded sum.
            score_sum = round(float(total or 0.0), 3)
            series.rows.append(DyadRow(source, target, key_period, int(n), int(q1), int(q2), int(q3), int(q4),
                                       score_sum, round(score_sum / scored, 3) if scored else None))
        series.rows.sort(key=lambda r: (r.source, r.target, r.period))
        self.conn.execute("DROP VIEW dyad_pairs; DROP VIEW dyad_units; DROP TABLE dyad_dates")
        return series


# -- look-ups for PLOVER, GDELT and the networks ---------------------------------------------


class DatasetLookup:
    """:class:`detente.exports.Lookup` over a dataset, so that
    :func:`detente.exports.write_plover`, :func:`~detente.exports.write_gdelt`
    and :func:`~detente.exports.write_network` read a dataset as they read a
    store.

    What a dataset has in place of a store's tables: an article's
    ``ingested_at`` is the time its partition finished (its marker's
    ``finished``), the run that made a record is its partition's (that time
    and the dataset's detente and rules versions), and the happenings' run
    is the last partition's (they are merged once every partition is done).
    The actor records, the articles' citation fields and the happenings'
    members become DuckDB tables indexed by id on first use (made from the
    files once; each look-up is then an index probe, not a scan), and a few
    thousand answers are cached in Python; article texts are read one
    article at a time from the one file that holds it."""

    #: Answers cached per table before the cache starts again.
    CACHE = 4096

    def __init__(self, source: DatasetSource) -> None:
        self.source = source
        self.conn = source.conn
        self._made: set[str] = set()
        self._actors: dict[str, ActorInfo | None] = {}
        self._articles: dict[str, tuple[ArticleInfo, str] | None] = {}
        self._text: tuple[str, str | None] = ("", None)
        meta = source.meta
        self._versions = (str(meta.get("detente_version")), str(meta.get("rules_version")))
        last = self.conn.execute("SELECT max(finished_at) FROM finished").fetchone()
        self._last = str(last[0]) if last and last[0] else None

    def _table(self, name: str) -> bool:
        """Make the look-up table ``name`` once; False when the dataset has
        none of the records it is made from."""
        if name in self._made:
            return True
        if name == "actor" and "actor" in self.source.kinds:
            self.conn.execute("CREATE TEMP TABLE lookup_actor AS SELECT id, article_id, name, type, sector, identity,"
                              " mentions FROM actor_rows")
        elif name == "article" and "article" in self.source.kinds:
            # One row per article id (a dataset whose partitions overlap may
            # hold one twice): the first in plan order, as ingest keeps it.
            self.conn.execute(
                "CREATE TEMP TABLE lookup_article AS SELECT a.id, a.url, a.title, a.language, a.source, a.published,"
                " f.finished_at AS ingested_at, a.filename FROM article_rows a JOIN finished f USING (partition_id)"
                " QUALIFY row_number() OVER (PARTITION BY a.id ORDER BY f.plan_index, a.input_index) = 1")
        elif name == "event" and "event" in self.source.kinds and self._table("article"):
            self.conn.execute(
                "CREATE TEMP TABLE lookup_event AS SELECT e.id, e.context, e.trigger, e.article_id, a.url, a.title,"
                " a.language, a.source, a.ingested_at, a.published, e.start FROM event_rows e"
                " JOIN lookup_article a ON a.id = e.article_id")
        else:
            return False
        self.conn.execute(f"CREATE INDEX lookup_{name}_id ON lookup_{name} (id)")
        self._made.add(name)
        return True

    def actor(self, actor_id: str | None) -> ActorInfo | None:
        if actor_id is None:
            return None
        if actor_id not in self._actors:
            if len(self._actors) >= self.CACHE:
                self._actors.clear()
            found = None
            if self._table("actor"):
                names = ["id", "article_id", "name", "type", "sector", "identity", "mentions"]
                row = self.conn.execute(f"SELECT {', '.join(names)} FROM lookup_actor WHERE id = ?",
                                        [actor_id]).fetchone()
                found = None if row is None else actor_info(dict(zip(names, row, strict=True)))
            self._actors[actor_id] = found
        return self._actors[actor_id]

    def _article(self, article_id: str) -> tuple[ArticleInfo, str] | None:
        if article_id not in self._articles:
            if len(self._articles) >= self.CACHE:
                self._articles.clear()
            found = None
            if self._table("article"):
                row = self.conn.execute("SELECT url, title, language, source, ingested_at, filename"
                                        " FROM lookup_article WHERE id = ?", [article_id]).fetchone()
                found = None if row is None else (ArticleInfo(*row[:5]), str(row[5]))
            self._articles[article_id] = found
        return self._articles[article_id]

    def article(self, article_id: str) -> ArticleInfo | None:
        found = self._article(article_id)
        return None if found is None else found[0]

    def run(self, record: EventRecord | HappeningRecord) -> RunInfo | None:
        if isinstance(record, HappeningRecord):
            started = self._last
        else:
            found = self._article(record.article_id)
            started = found[0].ingested_at if found else None
        return RunInfo(started, *self._versions) if started else None

    def text(self, article_id: str, start: int, end: int) -> str | None:
        # Events come in article order: the last article's text is the one
        # asked for again.
        if self._text[0] != article_id:
            found = self._article(article_id)
            text = None
            if found is not None:
                row = self.conn.execute("SELECT text FROM read_parquet(?) WHERE id = ?",
                                        [found[1], article_id]).fetchone()
                text = None if row is None else row[0]
            self._text = (article_id, text)
        text = self._text[1]
        return None if text is None else text[start:end]

    def members(self, happening: HappeningRecord) -> list[Member]:
        if not happening.event_ids or not self._table("event"):
            return []
        marks = ", ".join("?" for _ in happening.event_ids)
        # The store's order: SQLite puts NULLs first.
        rows = self.conn.execute(
            "SELECT id, context, trigger, article_id, url, title, language, source, ingested_at FROM lookup_event"
            f" WHERE id IN ({marks}) ORDER BY ingested_at NULLS FIRST, published NULLS FIRST, article_id,"
            " start, id", list(happening.event_ids)).fetchall()
        return [member(row) for row in rows]
