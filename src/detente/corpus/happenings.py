"""Happenings: one record per real-world event, however many articles report it.

Reads: the ``event`` records of the store and their articles. Adds:
``happening`` records (``happenings`` table) and the event → happening map
(``happening_events``). :func:`update_happenings` runs at the end of every
ingest and takes only the events no happening holds yet, so new articles
update the clusters without reprocessing the corpus; :func:`rebuild_happenings`
starts over (after a rules change).

**Which events.** Events whose status is ``occurred``, ``ongoing`` or
``scheduled``. A ``negated`` or ``hypothetical`` event did not happen, so it
is no happening; it stays an event.

**The same happening** means, between a new event and a happening:

1. *The same type family.* PLOVER types, with the pairs CAMEO made from one
   root kept together: CONCEDE and RETREAT (CAMEO 08 "yield"), COOPERATE
   and AID (material help), COERCE and ASSAULT (force). One report's
   "attack" is another's "strike"; one's "met" is not another's "agreed".
2. *Overlapping actors*, compared by code (a person counts for their
   country: Lavrov and the Kremlin are both RUS), or by name when there is
   no code. A meeting (CONSULT, or any event without recipients) compares
   everyone taking part: they must share at least half of the union
   (Jaccard ≥ 0.5) or one side must hold the other: "NATO and Russia met"
   is the NATO–Russia Council, "the US and Russia met" is not. A directed
   event must share an actor, and a recipient when both name one: Russia
   rejecting NATO's offer is not NATO rejecting Russia's demands.
   An event that names nobody joins only a happening that names nobody, of
   the same type on the same day at the same place.
3. *Compatible dates*: their date windows overlap. A day is its own
   window; a week (the publication week, when the text gives no date), a
   month or a year spans its days. So "the talks on 10 January" and "the
   talks on 12 January" stay apart, and "talks this week" joins whichever one
   its actors fit. An undated event joins only a happening of its own article.
4. *Compatible places*: the same GeoNames place, or one inside the other's
   country (Brussels and Belgium), or either unknown or a region.

When several happenings fit, the event joins the one most like it (shared
actors, same type, same exact date, same place); among equals, the one most
reported, then the oldest. (Starting a new happening on a tie was tried: on
the example corpus one misplaced report then split the NATO–Russia Council
into four.)

**What a happening says.** Its type is its members' most frequent one; its
date the most frequent among its most precise members' dates; its place
the most frequent among its most specific members' places; actors and
recipients are the union of its members', most frequent first; its status
``occurred`` when any report says it happened, else ``ongoing``, else
``scheduled``; its score and quad come from its type and mode
(``kb/data/plover.tsv``). ``num_mentions`` counts its events (two mentions
in one article count twice, as GDELT's NumMentions does), ``num_articles``
its articles, ``num_sources`` its distinct sources: an article's ``source``,
else its URL's host, else the article itself.

**Confidence grows with corroboration**: 1 − Π(1 − cₛ) over the sources,
where cₛ is the best member confidence among a source's reports. Two
independent outlets at 0.7 give 0.91; the same outlet twice stays at 0.7
(a syndicated copy is no corroboration). Capped at 0.99.

**Determinism.** Events are taken in the order of their article's
publication day, then article id, then position; the happening id is a
digest of its first event's id. The same articles ingested in the same order
give the same happenings; a rebuild gives what ingesting in publication order
would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from ..dates import date_span
from ..records import ActorRef, HappeningRecord, PlaceRecord
from ..stages.events import score_of
from ..store import Store, record_row

log = logging.getLogger(__name__)

NAME = "happenings.v1"
HAPPENING_STATUSES = ("occurred", "ongoing", "scheduled")
# The type families (see the module doc): types outside these pairs are
# their own family.
FAMILIES = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "COOPERATE": "HELP", "AID": "HELP",
            "COERCE": "FORCE", "ASSAULT": "FORCE"}
# A meeting's participants must overlap by this much (Jaccard) unless one
# side holds the other. 0.5: {NATO, RUS} vs {NATO, RUS, USA} fits (0.67),
# {NATO, RUS} vs {USA, RUS} does not (0.33).
MIN_PARTICIPANT_OVERLAP = 0.5
MAX_CONFIDENCE = 0.99
_STATUS_RANK = {"occurred": 0, "ongoing": 1, "scheduled": 2}
# Place features, coarse to fine, for choosing a happening's place.
_COARSE_FEATURES = frozenset({"country", "region", "continent"})


def family_of(type_: str) -> str:
    return FAMILIES.get(type_, type_)


@dataclass
class Member:
    """An event as the merger sees it."""

    id: str
    article_id: str
    published: str | None
    source: str
    type: str
    mode: str | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: str | None
    precision: str | None
    status: str
    location: dict[str, Any] | None
    confidence: float
    start: int

    @property
    def actor_keys(self) -> set[str]:
        return {_key(r) for r in self.actor}

    @property
    def recipient_keys(self) -> set[str]:
        return {_key(r) for r in self.recipient}

    @property
    def window(self) -> tuple[str, str] | None:
        return window_of(self.date, self.precision)


@dataclass
class Cluster:
    """A happening being built: its members, in the order they joined."""

    id: str
    members: list[Member] = field(default_factory=list)

    def add(self, member: Member) -> None:
        """A new report joins: what the happening says is worked out again
        (each profile value is computed once per change, not per question)."""
        self.members.append(member)
        for name in _PROFILE:
            self.__dict__.pop(name, None)
        if "article_ids" in self.__dict__:
            self.article_ids.add(member.article_id)

    @cached_property
    def article_ids(self) -> set[str]:
        """The articles reporting it: kept up to date as reports join (see
        :meth:`add`), not worked out again, since every undated event asks."""
        return {m.article_id for m in self.members}

    @cached_property
    def order(self) -> tuple[str, str, int, str]:
        """Where its first event stands in the merge order."""
        first = self.members[0]
        return (first.published or "9999", first.article_id, first.start, first.id)

    # -- the happening's profile -------------------------------------------

    @cached_property
    def type(self) -> str:
        counts = Counter(m.type for m in self.members)
        top = max(counts.values())
        return next(m.type for m in self.members if counts[m.type] == top)

    @cached_property
    def family(self) -> str:
        return family_of(self.members[0].type)

    @cached_property
    def mode(self) -> str | None:
        modes = Counter(m.mode for m in self.members if m.type == self.type and m.mode)
        return modes.most_common(1)[0][0] if modes else None

    @cached_property
    def date(self) -> tuple[str | None, str | None]:
        dated = [m for m in self.members if m.date]
        if not dated:
            return None, None
        finest = min(_precision_rank(m.precision) for m in dated)
        pool = [m for m in dated if _precision_rank(m.precision) == finest]
        counts = Counter(m.date for m in pool)
        top = max(counts.values())
        best = next(m for m in pool if counts[m.date] == top)
        return best.date, best.precision

    @cached_property
    def window(self) -> tuple[str, str] | None:
        return window_of(*self.date)

    @cached_property
    def location(self) -> dict[str, Any] | None:
        located = [m.location for m in self.members if m.location]
        if not located:
            return None
        counts = Counter(_place_key(p) for p in located)
        return max(located, key=lambda p: (_place_rank(p), counts[_place_key(p)]))  # first wins ties

    @cached_property
    def actors(self) -> list[ActorRef]:
        return _union(m.actor for m in self.members)

    @cached_property
    def recipients(self) -> list[ActorRef]:
        actors = {_key(r) for r in self.actors}
        return [r for r in _union(m.recipient for m in self.members) if _key(r) not in actors]

    @cached_property
    def actor_keys(self) -> set[str]:
        return {k for m in self.members for k in m.actor_keys}

    @cached_property
    def recipient_keys(self) -> set[str]:
        return {k for m in self.members for k in m.recipient_keys} - self.actor_keys

    @cached_property
    def status(self) -> str:
        return min((m.status for m in self.members), key=lambda s: _STATUS_RANK[s])

    @cached_property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.members})

    @cached_property
    def confidence(self) -> float:
        best: dict[str, float] = {}
        for m in self.members:
            best[m.source] = max(best.get(m.source, 0.0), m.confidence)
        doubt = 1.0
        for value in best.values():
            doubt *= 1.0 - value
        return round(min(1.0 - doubt, MAX_CONFIDENCE), 3)

    def record(self) -> HappeningRecord:
        date, precision = self.date
        type_ = self.type
        mode = self.mode
        score, quad = score_of(type_, mode)
        location = self.location
        return HappeningRecord(
            id=self.id, type=type_, mode=mode, actor=self.actors, recipient=self.recipients,
            date=date, date_precision=precision, status=self.status,
            location=PlaceRecord.from_dict(location) if location else None,
            score=score, quad=quad, event_ids=[m.id for m in self.members],
            num_mentions=len(self.members), num_articles=len({m.article_id for m in self.members}),
            num_sources=len(self.sources), confidence=self.confidence, stage=NAME,
        )

    # -- does an event belong here? ---------------------------------------------

    def fits(self, event: Member) -> float | None:
        """How well the event fits (higher is closer), or None when it is
        another happening."""
        if family_of(event.type) != self.family:
            return None
        window, mine = event.window, self.window
        if window is None or mine is None:
            if event.article_id not in self.article_ids:
                return None
        elif window[0] > mine[1] or mine[0] > window[1]:
            return None
        if not _places_fit(event.location, self.location):
            return None
        overlap = _parties_fit(event, self)
        if overlap is None:
            return None
        date, precision = self.date
        same_place = bool(event.location and self.location
                          and event.location.get("geonameid") == self.location.get("geonameid"))
        return (overlap + 0.5 * (event.type == self.type)
                + 0.5 * (event.date == date and event.precision == precision)
                + 0.5 * same_place)


# The cached profile values of a Cluster, forgotten when a report joins
# (its articles are kept up to date instead).
_PROFILE = tuple(name for name, value in vars(Cluster).items()
                 if isinstance(value, cached_property) and name != "article_ids")


@dataclass
class HappeningUpdate:
    """What an update did."""

    events: int = 0     # events taken
    created: int = 0    # new happenings
    updated: int = 0    # stored happenings that gained a report
    merged: int = 0     # events that joined an existing happening


def update_happenings(store: Store, run_id: int | None = None) -> HappeningUpdate:
    """Merge the events no happening holds yet into happenings (new or
    stored), in one transaction. The events are read inside it: two
    concurrent ingests must not both merge the same unmerged events."""
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        report = _merge(store, run_id)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    log.info("happenings: %d event(s), %d new, %d updated", report.events, report.created, report.updated)
    return report


def _merge(store: Store, run_id: int | None) -> HappeningUpdate:
    conn = store.conn
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN happening_events he ON he.event_id = e.id"
        f" WHERE he.event_id IS NULL AND e.status IN ({', '.join('?' for _ in HAPPENING_STATUSES)})"
        " ORDER BY coalesce(a.published, '9999'), e.article_id, e.start, e.id",
        HAPPENING_STATUSES,
    ).fetchall()
    report = HappeningUpdate(events=len(rows))
    if not rows:
        return report
    pool = _Pool(store)
    for row in rows:
        event = _member(row)
        fitting = [(score, c) for c in pool.candidates(event) if (score := c.fits(event)) is not None]
        if fitting:
            # The closest; among equals the most reported, then the oldest.
            cluster = min(fitting, key=lambda p: (-p[0], -len(p[1].members), p[1].order))[1]
            report.merged += 1
            if cluster.id in pool.stored and cluster.id not in pool.touched:
                report.updated += 1
        else:
            cluster = Cluster(id=happening_id(event.id))
            report.created += 1
        pool.add(cluster, event)
    for cid in pool.touched:
        _save(store, pool.clusters[cid], run_id)
    return report


class _Pool:
    """The happenings an update works with: those loaded from the store and
    those it builds, found by what an event must share with them (a
    participant, the type family and a week of its date window; for an event
    that names nobody, its day; for an undated event, its article), so that
    an update reads only the happenings a new event could join, however
    large the store, and never looks through whole clusters."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.clusters: dict[str, Cluster] = {}
        self.stored: set[str] = set()
        self.touched: dict[str, None] = {}  # insertion-ordered set
        self.index: dict[tuple[str, str, str], set[str]] = {}  # (key, family, week) -> ids built here
        # article id -> the happenings its events joined in this update (the
        # store answers for the events merged before it).
        self.by_article: dict[str, set[str]] = {}

    def candidates(self, event: Member) -> list[Cluster]:
        family = family_of(event.type)
        keys = sorted(event.actor_keys | event.recipient_keys)
        weeks = weeks_of(event.window)
        conn = self.store.conn
        if not weeks:
            # Undated: only a happening of its own article: those its stored
            # events are in, and those its events joined in this update (a
            # loaded happening's other members are stored events, which the
            # query finds).
            ids = {r[0] for r in conn.execute(
                "SELECT DISTINCT he.happening_id FROM happening_events he JOIN events e ON e.id = he.event_id"
                " WHERE e.article_id = ?", (event.article_id,))}
            ids |= self.by_article.get(event.article_id, set())
        else:
            keys = keys or [NOBODY]
            # "key IN … AND week IN …", not a row-value IN: SQLite searches
            # the primary key with the first and scans the table with the second.
            ids = {r[0] for r in conn.execute(
                f"SELECT DISTINCT happening_id FROM happening_keys WHERE key IN ({', '.join('?' for _ in keys)})"
                f" AND family = ? AND week IN ({', '.join('?' for _ in weeks)})", [*keys, family, *weeks])}
            for key in keys:
                for week in weeks:
                    ids |= self.index.get((key, family, week), set())
        for cid in ids:
            if cid not in self.clusters:
                self.clusters[cid] = _load(self.store, cid)
                self.stored.add(cid)
        return [self.clusters[cid] for cid in sorted(ids)]

    def add(self, cluster: Cluster, event: Member) -> None:
        cluster.add(event)
        self.clusters[cluster.id] = cluster
        self.touched[cluster.id] = None
        self.by_article.setdefault(event.article_id, set()).add(cluster.id)
        for entry in _index_entries(cluster):
            self.index.setdefault(entry, set()).add(cluster.id)


# The participant key of events and happenings that name nobody (they are
# found by their week and checked for the same day and place).
NOBODY = "-"
# A window longer than this many weeks (a year-dated event) is indexed by
# its first weeks only: such an event is found by the specific reports that
# share them, which is enough to merge with its own kind.
MAX_WEEKS = 60


def weeks_of(window: tuple[str, str] | None) -> list[str]:
    """The ISO weeks ("2022-W02") a date window touches."""
    if window is None:
        return []
    first, last = dt.date.fromisoformat(window[0]), dt.date.fromisoformat(window[1])
    monday = first - dt.timedelta(days=first.weekday())
    out: list[str] = []
    while monday <= last and len(out) < MAX_WEEKS:
        year, week, _ = monday.isocalendar()
        out.append(f"{year}-W{week:02d}")
        monday += dt.timedelta(days=7)
    return out


def _index_entries(cluster: Cluster) -> set[tuple[str, str, str]]:
    keys = (cluster.actor_keys | cluster.recipient_keys) or {NOBODY}
    family = cluster.family
    return {(key, family, week) for key in keys for week in weeks_of(cluster.window)}


def rebuild_happenings(store: Store, run_id: int | None = None) -> HappeningUpdate:
    """Forget every happening and merge all events again, in publication order."""
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        store.conn.execute("DELETE FROM happening_keys")
        store.conn.execute("DELETE FROM happening_events")
        store.conn.execute("DELETE FROM happenings")
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise
    return update_happenings(store, run_id)


def happening_id(event_id: str) -> str:
    return "h-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:16]


def window_of(date: str | None, precision: str | None = None) -> tuple[str, str] | None:
    """The first and last day (ISO) a date may mean; the value's own form
    says its precision (``2022-01-12``, ``2022-W02``, ``2022-01``, ``2022``)."""
    return date_span(date)


# -- internals ------------------------------------------------------------------


def _key(ref: ActorRef) -> str:
    return ref.code.upper() if ref.code else "name:" + (ref.name or "").lower()


def _union(lists: Iterable[list[ActorRef]]) -> list[ActorRef]:
    """Actors by key, most frequent first (first seen wins ties); each key
    under its most frequent name."""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    first: dict[str, ActorRef] = {}
    for refs in lists:
        for ref in refs:
            key = _key(ref)
            counts[key] += 1
            names.setdefault(key, Counter())[ref.name or ""] += 1
            first.setdefault(key, ref)
    order = sorted(first, key=lambda k: -counts[k])  # stable: first seen wins ties
    out = []
    for key in order:
        ref = first[key]
        name = names[key].most_common(1)[0][0] or ref.name
        out.append(ActorRef(name=name, code=ref.code, actor_id=ref.actor_id))
    return out


def _parties_fit(event: Member, cluster: Cluster) -> float | None:
    """The participant overlap (Jaccard) when the parties fit, else None."""
    e_actors, e_recipients = event.actor_keys, event.recipient_keys
    c_actors, c_recipients = cluster.actor_keys, cluster.recipient_keys
    e_all, c_all = e_actors | e_recipients, c_actors | c_recipients
    if not e_all:
        # Nobody named: the same type, day and place only.
        date, precision = cluster.date
        same_place = bool(event.location and cluster.location
                          and event.location.get("geonameid") == cluster.location.get("geonameid"))
        return 0.0 if (event.type == cluster.type and event.precision == "day" == precision
                       and event.date == date and same_place) else None
    if not c_all:
        return None
    shared = e_all & c_all
    if not shared:
        return None
    jaccard = len(shared) / len(e_all | c_all)
    if family_of(event.type) == "CONSULT" or not (e_recipients or c_recipients):
        # A meeting, or a joint act: everyone taking part.
        if jaccard >= MIN_PARTICIPANT_OVERLAP or e_all <= c_all or c_all <= e_all:
            return jaccard
        return None
    # Directed: the same side acts ("Russia's demands" is not "the US urged
    # Russia"), and the same side receives when both reports name one.
    if e_actors and c_actors and not e_actors & c_actors:
        return None
    if not e_actors and not e_recipients & c_recipients:
        return None
    if e_recipients and c_recipients and not e_recipients & c_recipients:
        return None
    if not e_actors & c_actors and not (e_recipients & c_recipients):
        return None
    return jaccard


def _places_fit(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return True
    if a.get("geonameid") is not None and a.get("geonameid") == b.get("geonameid"):
        return True
    if a.get("feature") in ("region", "continent") or b.get("feature") in ("region", "continent"):
        return True
    if not a.get("country") or not b.get("country"):
        return True
    if a.get("country") != b.get("country"):
        return False
    # The same country: one must be the country itself (Brussels in Belgium).
    return a.get("feature") == "country" or b.get("feature") == "country"


def _place_key(place: dict[str, Any]) -> str:
    return str(place.get("geonameid") or place.get("name"))


def _place_rank(place: dict[str, Any]) -> int:
    return 0 if place.get("feature") in _COARSE_FEATURES else 1


def _precision_rank(precision: str | None) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}.get(precision or "", 5)


def _source_key(source: str | None, url: str | None, article_id: str) -> str:
    if source and source.strip():
        return source.strip().lower()
    if url:
        host = urlsplit(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return "article:" + article_id


# What the merger reads of an event and its article (see :func:`_member`).
_EVENT_COLUMNS = "e.*, a.published AS published, a.source AS article_source, a.url AS article_url"


def _member(row: Any) -> Member:
    def refs(cell: str | None) -> list[ActorRef]:
        return [ActorRef(name=r.get("name"), code=r.get("code"), actor_id=r.get("actor_id"))
                for r in (json.loads(cell) if cell else [])]

    return Member(
        id=row["id"], article_id=row["article_id"], published=row["published"],
        source=_source_key(row["article_source"], row["article_url"], row["article_id"]),
        type=row["type"], mode=row["mode"], actor=refs(row["actor"]), recipient=refs(row["recipient"]),
        date=row["date"], precision=row["date_precision"], status=row["status"],
        location=json.loads(row["location"]) if row["location"] else None,
        confidence=float(row["confidence"]), start=int(row["start"]),
    )


def _load(store: Store, happening: str) -> Cluster:
    rows = store.conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM happening_events he JOIN events e ON e.id = he.event_id"
        " JOIN articles a ON a.id = e.article_id"
        " WHERE he.happening_id = ? ORDER BY coalesce(a.published, '9999'), e.article_id, e.start, e.id",
        (happening,),
    ).fetchall()
    return Cluster(id=happening, members=[_member(r) for r in rows])


def _save(store: Store, cluster: Cluster, run_id: int | None) -> None:
    record = cluster.record()
    row = record_row(record)
    window = cluster.window
    published = sorted(m.published for m in cluster.members if m.published)
    row.update(run_id=run_id, family=cluster.family,
               window_start=window[0] if window else None, window_end=window[1] if window else None,
               first_reported=published[0][:10] if published else None,
               last_reported=published[-1][:10] if published else None,
               sources=json.dumps(cluster.sources, ensure_ascii=False))
    names = ", ".join(f'"{k}"' for k in row)
    marks = ", ".join("?" for _ in row)
    # An upsert, not INSERT OR REPLACE: a replace deletes the row first, and
    # the delete would cascade to the happening's event map.
    updates = ", ".join(f'"{k}" = excluded."{k}"' for k in row if k != "id")
    store.conn.execute(f"INSERT INTO happenings ({names}) VALUES ({marks})"
                       f" ON CONFLICT(id) DO UPDATE SET {updates}", list(row.values()))
    store.conn.executemany(
        "INSERT OR REPLACE INTO happening_events(event_id, happening_id) VALUES (?, ?)",
        [(m.id, cluster.id) for m in cluster.members],
    )
    # The index follows the happening's current window (it narrows when a
    # day-dated report joins week-dated ones).
    store.conn.execute("DELETE FROM happening_keys WHERE happening_id = ?", (cluster.id,))
    store.conn.executemany(
        "INSERT OR IGNORE INTO happening_keys(key, family, week, happening_id) VALUES (?, ?, ?, ?)",
        [(*entry, cluster.id) for entry in sorted(_index_entries(cluster))],
    )


__all__ = ["FAMILIES", "HAPPENING_STATUSES", "Cluster", "HappeningUpdate", "Member", "family_of",
           "happening_id", "rebuild_happenings", "update_happenings", "weeks_of", "window_of"]
