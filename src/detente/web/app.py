"""The HTTP API (FastAPI): a thin layer over the store, like the CLI.

Every route opens a :class:`~detente.store.Store` for its request (SQLite in
WAL mode lets readers work while a writer ingests), asks it one question
(:meth:`Store.page` and its siblings, :mod:`detente.corpus`,
:mod:`detente.exports`) and answers JSON, or CSV with ``?format=csv`` or
``Accept: text/csv``. Errors are answered with one envelope (errors.py).

Read-only unless the app has a token: then ``POST /api/articles`` ingests
one article per request, one at a time, with the app's settings and
pipeline (the spaCy model loads on the first one). Every request passes the
guards of guards.py first: the Host header, HEAD, body limits, security
headers, and a flag that is set when the client disconnects.

No request may hold the server: a search is refused past the
``search_max_chars`` and ``search_max_terms`` settings (422) and stopped
after ``search_time_limit`` seconds (503), and any query stops when its
client disconnects or the server shuts down (a :class:`Budget` on the
request's store connection; see ``get_store``).
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import datetime as dt
import hmac
import io
import json
import logging
import re
import sqlite3
import threading
import weakref
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Annotated, Any, Literal, cast, get_args

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, ValidationError
from starlette.staticfiles import StaticFiles

from .. import api
from ..about import __version__
from ..corpus.dyads import UNITS, DyadRow, dyad_series
from ..corpus.stances import tug_of_war
from ..exports import KEPLER_COLUMNS, kepler_rows, record_columns
from ..kb.entries import TYPES as ENTRY_TYPES
from ..kb.gazetteer import FEATURES
from ..pipeline import Pipeline
from ..readers import Source
from ..records import (
    PLACE_USAGES,
    ArticleRecord,
    EventRecord,
    HappeningRecord,
    PlaceRecord,
    QuoteRecord,
    Record,
    StanceRecord,
)
from ..settings import Settings
from ..stages.events import plover_types
from ..stages.stances import POSITIONS, issues
from ..store import MAX_INT, Filters, Page, PeriodCounts, Store
from ..store.queries import Budget, check_search
from ..store.queries import network as network_of
from . import assets, errors, guards, models
from .errors import ApiError, envelope

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
MAX_LIMIT = 500
STATUSES = Literal["occurred", "ongoing", "scheduled", "hypothetical", "negated"]
ALL_STATUSES = get_args(STATUSES)
#: The values the free-text-looking parameters may take: PLOVER types (the
#: event scores table), stance issues (the issue lexicon), place features.
PLOVER_TYPES = plover_types()
ISSUES = tuple(sorted(issues()))
ACTOR_TYPES = tuple(ENTRY_TYPES)


def _one_of(allowed: tuple[str, ...], what: str, *, upper: bool = False) -> AfterValidator:
    """A parameter's check: one of ``allowed`` (in any case; empty is no
    filter), else a 422 that lists them."""

    def check(value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        normal = value.strip().upper() if upper else value.strip().lower()
        if normal not in allowed:
            raise ValueError(f"{value[:100]!r} is not {what}; use one of {', '.join(allowed)}")
        return normal

    return AfterValidator(check)


def _country(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError(f"{value[:100]!r} is not an ISO 3166-1 alpha-3 country code; use three "
                         "letters such as CHE or UKR")
    return value.strip().upper()


# Query parameters several routes share.
PloverType = Annotated[str | None, _one_of(PLOVER_TYPES, "a PLOVER type", upper=True),
                       Query(alias="type", description="A PLOVER type (any case): "
                                                       + ", ".join(PLOVER_TYPES) + ".")]
EventStatus = Annotated[STATUSES | None, Query(description="The event's status.")]
HappeningStatus = Annotated[STATUSES | None, Query(description="The happening's status.")]
MinArticles = Annotated[int | None, Query(ge=1, le=MAX_INT,
                                          description="Reported by at least this many articles.")]
Issue = Annotated[str | None, _one_of(ISSUES, "an issue of the stance lexicon"),
                  Query(description="An issue slug: " + ", ".join(ISSUES) + ".")]
Period = Literal["day", "week", "month"]
Position = Literal["demand", "reject", "offer", "support", "oppose"]
assert get_args(Position) == tuple(POSITIONS), "the stance positions changed: update Position"
Unit = Literal["happening", "event"]
assert get_args(Unit) == tuple(UNITS), "the dyad units changed: update Unit"

DESCRIPTION = """\
The records detente extracted from news, read from its SQLite store: articles
with every record and its evidence offsets, events, happenings (events merged
across articles), quotes, actors, places, stances, actor-pair series, the actor
network and located happenings for a map. The records carry the field names of
detente's record contract.

**Lists** take `limit` (default 50, at most 500) and `offset`, and answer
`{"items": [...], "total": N, "limit": L, "offset": O}`. They filter by `actor`
(a code such as RUS, or a name), `date_from`/`date_to` (ISO days, inclusive; a
week- or month-dated record matches when its period overlaps the range) and `q`
(a case-insensitive substring of the record's text and names), and by the
fields each names. `?format=csv` (or `Accept: text/csv`) answers CSV instead:
one row per item, nested fields as JSON text.

**Counts per period** (`/api/events/counts`, `/api/happenings/counts`) take their
list's filters and `period` (day, week, month) and count every match:
`{"period": "week", "items": [{"period": "2022-W02", "q1": 45, "q2": 6, "q3": 33,
"q4": 9, "n": 93}], "too_coarse": 9}`; the `n`s and `too_coarse` (no date, or one
coarser than the period) add up to the list's `total`.

Integer parameters are bounded (`limit` by 500, the others by SQLite's
largest integer, 2^63-1), and a parameter with a fixed set of values (`type`,
`status`, `issue`, `position`, `feature`, `period`, `unit`, `format`) answers
422 naming them when given another.

**Search** (`/api/search`) takes an FTS5 query of at most `search_max_chars`
characters and `search_max_terms` terms (settings; 512 and 32 by default;
422 `query_too_costly` beyond), and stops one that runs longer than
`search_time_limit` seconds (503 `query_too_costly`). Any query stops when
its client disconnects or the server shuts down.

**Errors** all have one shape, whatever the status (400, 401, 403, 404, 405, 413,
422, 431, 500, 503):
`{"error": {"status": 404, "code": "not_found", "message": "a sentence you can act on"}}`.

**Every request** needs a Host header naming an allowed host (the
`allowed_hosts` setting: loopback names by default; 400 `bad_host`
otherwise), and every GET also answers HEAD. Article `ref`s and the store's
path in `/api/stats` show file names, never absolute paths.

**Ingestion** (`POST /api/articles`) is off unless the server was started with a
token (`detente serve --token`, or `DETENTE_TOKEN`); then it needs
`Authorization: Bearer <token>`.
"""

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorEnvelope, "description": "A bad query (the message says what to fix)."},
    404: {"model": models.ErrorEnvelope, "description": "No such record or endpoint."},
    422: {"model": models.ErrorEnvelope, "description": "A query parameter or body is not valid."},
    500: {"model": models.ErrorEnvelope, "description": "detente failed; the message says why."},
    503: {"model": models.ErrorEnvelope, "description": "The query was stopped (too costly, or the "
                                                        "server is shutting down), or the store is "
                                                        "locked; the message says which."},
}
_CSV = {"text/csv": {"schema": {"type": "string"}}}


def _ok(model: Any, description: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model, "description": description, "content": _CSV}, **_ERRORS}


# -- app state and ingestion -------------------------------------------------------------------


class _Ingester:
    """Ingests one article at a time (the store has one writer), with the
    app's settings and a pipeline built on first use."""

    def __init__(self, db: str, settings: Settings) -> None:
        self.db = db
        self.settings = dataclasses.replace(settings, workers=1)
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def ingest(self, article: dict[str, Any]) -> api.Outcome | None:
        data = (json.dumps(article, ensure_ascii=False) + "\n").encode("utf-8")
        outcomes: list[api.Outcome] = []
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline.default(self.settings)
            with Store(self.db) as store:
                api.ingest([Source("request", data=data)], store, self.settings,
                           command="serve: POST /api/articles", on_outcome=outcomes.append,
                           pipeline=self._pipeline)
        return outcomes[0] if outcomes else None


@dataclasses.dataclass
class _State:
    db: str
    token: str | None
    max_body: int
    ingester: _Ingester
    settings: Settings
    #: Set when the server starts to shut down (server.py): every running
    #: query stops at its next progress check.
    stopping: threading.Event = dataclasses.field(default_factory=threading.Event)
    #: Per event loop: the slots of the searches that may run at once.
    search_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = \
        dataclasses.field(default_factory=weakref.WeakKeyDictionary)


def _state(request: Request) -> _State:
    return cast(_State, request.app.state.detente)


# -- shared parameters ---------------------------------------------------------------------------


def get_budget(request: Request) -> Budget:
    """What stops the request's queries: its client disconnecting (the flag
    set by guards.DisconnectWatch) and the server shutting down; a route
    adds a time limit (the search)."""
    stops: list[tuple[threading.Event, str]] = [(_state(request).stopping, "shutdown")]
    cancelled = request.scope.get(guards.CANCELLED)
    if isinstance(cancelled, threading.Event):
        stops.append((cancelled, "disconnected"))
    return Budget(stops)


BudgetDep = Annotated[Budget, Depends(get_budget)]


def get_store(request: Request, budget: BudgetDep) -> Iterator[Store]:
    """One store connection per request, whose statements stop when the
    request's budget says so (answered 503 ``query_too_costly`` for a time
    limit, 503 ``unavailable`` otherwise)."""
    state = _state(request)
    # The store exists (create_app made it): a request never creates one.
    store = Store(state.db, create=False, lock_timeout=state.settings.lock_timeout)
    budget.install(store.conn)
    try:
        yield store
    except sqlite3.OperationalError as exc:
        reason = budget.reason(exc)
        if reason is None:
            raise
        log.info("%s %s stopped: %s", request.method, request.url.path, _STOPPED[reason])
        raise _stopped(reason, budget) from exc
    finally:
        store.close()


_STOPPED = {"time": "out of time", "disconnected": "the client disconnected",
            "shutdown": "the server is shutting down"}


def _stopped(reason: str, budget: Budget) -> ApiError:
    if reason == "time":
        return ApiError(503, f"the query was stopped after {budget.seconds or 0:g} s (the search_time_limit "
                             "setting): query too costly; search for fewer or more specific words "
                             "(a short prefix* matches many)", "query_too_costly")
    return ApiError(503, f"the query was stopped: {_STOPPED[reason]}; try again", "unavailable")


StoreDep = Annotated[Store, Depends(get_store)]


@dataclasses.dataclass
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (at most 500).")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_INT, description="Items to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]


def wants_csv(
    request: Request,
    format: Annotated[Literal["json", "csv"] | None,
                      Query(description="json (the default) or csv; `Accept: text/csv` also "
                                        "asks for CSV.")] = None,
) -> bool:
    if format is not None:
        return format == "csv"
    return "text/csv" in request.headers.get("accept", "")


CsvDep = Annotated[bool, Depends(wants_csv)]

ActorQuery = Annotated[str | None, Query(description=(
    "A code (RUS, NATO; case-insensitive) or a name (`%` is a wildcard): the record's actor, "
    "recipient, speaker or stance holder, or an actor whose identity has that name or alias."))]
DateFrom = Annotated[dt.date | None, Query(description="First day (YYYY-MM-DD), inclusive.")]
DateTo = Annotated[dt.date | None, Query(description="Last day (YYYY-MM-DD), inclusive.")]


def _dates(date_from: dt.date | None, date_to: dt.date | None) -> tuple[str | None, str | None]:
    if date_from and date_to and date_from > date_to:
        raise ApiError(400, f"date_from ({date_from}) is after date_to ({date_to}); swap them")
    return (date_from.isoformat() if date_from else None, date_to.isoformat() if date_to else None)


def common_filters(
    actor: ActorQuery = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: Annotated[str | None, Query(description="A case-insensitive substring of the record's "
                                               "text and names.")] = None,
) -> Filters:
    first, last = _dates(date_from, date_to)
    return Filters(actor=actor or None, date_from=first, date_to=last, q=q or None)


FiltersDep = Annotated[Filters, Depends(common_filters)]


# -- local paths -------------------------------------------------------------------------------

#: A ref that starts with an absolute path (POSIX, a Windows drive or share).
_ABSOLUTE = re.compile(r"^(?:/|[A-Za-z]:[\\/]|\\\\)")
#: The path and what readers add after it: a JSON Lines line (``:12``), a
#: JSON array item (``[3]``), a feed item or WARC record (``#...``).
_REF = re.compile(r"^(?P<path>.+?)(?P<rest>(?::\d+|\[\d+\])?(?:#.*)?)$", re.DOTALL)


def public_ref(ref: str | None) -> str | None:
    """A ref as the API shows it: one that starts with an absolute path
    shows the file's name instead (``/home/me/news/a.jsonl:3`` ->
    ``a.jsonl:3``), so that a page served to anyone on the network learns
    nothing of the server's folders; any other ref (an input's own id, a
    relative path as given to ``ingest``) as stored."""
    if not ref or not _ABSOLUTE.match(ref):
        return ref
    found = _REF.match(ref)
    assert found is not None  # .+? matches any non-empty ref
    path = found["path"]
    name = (PureWindowsPath(path) if "\\" in path else PurePosixPath(path)).name
    return (name or path[:1]) + found["rest"]


def _article_dict(record: ArticleRecord) -> dict[str, Any]:
    item = record.to_dict()
    item["ref"] = public_ref(item.get("ref"))
    return item


# -- answers -------------------------------------------------------------------------------------


def _flat(item: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
            for k, v in item.items()}


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], name: str) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(_flat(row) for row in rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="detente-{name}.csv"'})


def _list(items: list[dict[str, Any]], total: int, page: Paging, as_csv: bool,
          columns: Sequence[str], name: str, **extra: Any) -> Response:
    if as_csv:
        return _csv(items, columns, name)
    return JSONResponse({"items": items, "total": total, "limit": page.limit,
                         "offset": page.offset, **extra})


def _records(store: Store, kind: str, filters: Filters, page: Paging) -> Page[Record]:
    return store.page(kind, filters, limit=page.limit, offset=page.offset)


def _record_list(found: Page[Record], page: Paging, as_csv: bool, kind: str, name: str) -> Response:
    return _list([r.to_dict() for r in found.items], found.total, page, as_csv,
                 record_columns(kind), name)


COUNT_COLUMNS = ("period", "q1", "q2", "q3", "q4", "n")


def _counts(found: PeriodCounts, as_csv: bool, name: str) -> Response:
    if as_csv:
        return _csv(found.items, COUNT_COLUMNS, name)
    return JSONResponse(found.to_dict())


CountPeriod = Annotated[Period, Query(description="Count per day, ISO week (2022-W02) or month.")]


# -- routes --------------------------------------------------------------------------------------

router = APIRouter(prefix="/api")
bearer = HTTPBearer(auto_error=False, description="The token detente serve was started with.")


@router.get("/articles", tags=["articles"], response_model=None,
            responses=_ok(models.Page[models.ArticleListItem], "Articles, newest first."))
def list_articles(store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep) -> Response:
    """Stored articles without their text, newest first, with how many
    records of each kind each has (`counts`). `actor`: an actor in the
    article; `q`: a substring of the title or text (see also /api/search)."""
    found = _records(store, "article", filters, page)
    counts = store.record_counts([cast(ArticleRecord, r).id for r in found.items])
    items = []
    for record in found.items:
        item = _article_dict(cast(ArticleRecord, record))
        del item["text"]
        items.append({**item, "counts": counts[item["id"]]})
    columns = [c for c in record_columns("article") if c != "text"] + ["counts"]
    return _list(items, found.total, page, as_csv, columns, "articles")


@router.get("/articles/{article_id}", tags=["articles"], response_model=None,
            responses={200: {"model": models.ArticleDetail, "description": "The article and its records."},
                       **_ERRORS})
def get_article(article_id: str, store: StoreDep, as_csv: CsvDep) -> Response:
    """One article with its text and every record extracted from it, by
    kind; `text[start:end]` of the article is each record's evidence (an
    actor's: each of its `mentions`)."""
    if as_csv:
        raise ApiError(400, "an article's records are of several kinds, which one CSV cannot hold; "
                            "ask for JSON, or list one kind as CSV (/api/events?format=csv ...)")
    article = store.article(article_id)
    if article is None:
        raise ApiError(404, f"there is no article with id {article_id!r}; list the articles with "
                            "GET /api/articles or search them with GET /api/search?q=...")
    records = store.article_records(article_id)
    return JSONResponse({"article": _article_dict(article),
                         "records": {kind: [r.to_dict() for r in found] for kind, found in records.items()}})


@router.post("/articles", tags=["articles"], status_code=201, response_model=None,
             responses={
                 201: {"model": models.Ingested, "description": "Stored: the article and its record counts."},
                 200: {"model": models.Duplicate, "description": "Already stored: the stored article's id."},
                 401: {"model": models.ErrorEnvelope, "description": "No token, or the wrong one."},
                 403: {"model": models.ErrorEnvelope, "description": "Ingestion is disabled."},
                 413: {"model": models.ErrorEnvelope, "description": "The body is too large."},
                 422: {"model": models.ErrorEnvelope,
                       "description": "Not an article detente can process; `code` is detente's "
                                      "error code (empty, language, malformed, ...)."},
                 500: _ERRORS[500],
             },
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": models.ArticleIn.model_json_schema()}}}})
async def post_article(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Response:
    """Ingest one article: a JSON object with the keys of detente's JSON
    Lines input (`text` required; `id`, `title`, `published`, `url`,
    `source`, `language`). Needs `Authorization: Bearer <token>`."""
    state = _state(request)
    if state.token is None:
        raise ApiError(403, "ingestion is disabled: start detente serve with --token (or set "
                            "DETENTE_TOKEN) to accept articles over HTTP")
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8"), state.token.encode("utf-8")):
        raise ApiError(401, "send the token detente serve was started with, as "
                            "'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    body = await request.body()
    try:
        article = models.ArticleIn.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from exc
    outcome = await run_in_threadpool(state.ingester.ingest, article.model_dump(exclude_none=True))
    if outcome is None:  # pragma: no cover - one input always gives one outcome
        raise ApiError(500, "the article gave no result; this is a bug in detente")
    if outcome.duplicate_of is not None:
        return JSONResponse({"duplicate_of": outcome.duplicate_of}, status_code=200)
    if outcome.article is None:
        assert outcome.error is not None
        raise ApiError(422, outcome.error.reason, outcome.error.code or "input")
    if outcome.article.errors:
        error = outcome.article.errors[0]
        raise ApiError(500 if error.code == "internal" else 422, error.reason, error.code or "input")
    record = _article_dict(outcome.article.to_record(with_text=False))
    del record["text"]
    counts = Counter(r.kind for r in outcome.article.records)
    return JSONResponse({"article": record, "records": dict(sorted(counts.items()))}, status_code=201,
                        headers={"Location": f"/api/articles/{record['id']}"})


@router.get("/events", tags=["records"], response_model=None,
            responses=_ok(models.Page[EventRecord], "Events, newest article first."))
def list_events(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    type_: PloverType = None,
    status: EventStatus = None,
) -> Response:
    """Events as reported in each article (PLOVER-coded), newest article
    first, in the order of the text. `q`: the sentence or the trigger."""
    found = _records(store, "event", dataclasses.replace(filters, type=type_, status=status), page)
    return _record_list(found, page, as_csv, "event", "events")


@router.get("/events/counts", tags=["records"], response_model=None,
            responses=_ok(models.PeriodCounts, "Events per period and quad class, oldest period first."))
def count_events(
    store: StoreDep, filters: FiltersDep, as_csv: CsvDep,
    period: CountPeriod = "week",
    type_: PloverType = None,
    status: EventStatus = None,
) -> Response:
    """How many of the events /api/events lists for the same filters fall
    in each period, by quad class (`q1`..`q4`; `n` counts all of them). An
    event's period is that of its own date at its precision, as in
    /api/dyads; one with no date or a coarser one is counted in
    `too_coarse`, so the `n`s and `too_coarse` add up to the list's `total`.
    CSV: one row per period."""
    found = store.counts("event", dataclasses.replace(filters, type=type_, status=status), period=period)
    return _counts(found, as_csv, "events-counts")


@router.get("/happenings", tags=["records"], response_model=None,
            responses=_ok(models.Page[models.HappeningItem], "Happenings, most widely reported first."))
def list_happenings(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    type_: PloverType = None,
    status: HappeningStatus = None,
    min_articles: MinArticles = None,
) -> Response:
    """Happenings: events merged across the articles that report them, most
    widely reported first, each with `articles` (the articles of its
    events). `q`: an actor's or the place's name, or a member event's
    sentence or trigger."""
    found = _records(store, "happening",
                     dataclasses.replace(filters, type=type_, status=status, min_articles=min_articles), page)
    articles = store.happening_articles([cast(HappeningRecord, r).id for r in found.items])
    items = [{**r.to_dict(), "articles": articles[r.to_dict()["id"]]} for r in found.items]
    return _list(items, found.total, page, as_csv, [*record_columns("happening"), "articles"], "happenings")


@router.get("/happenings/counts", tags=["records"], response_model=None,
            responses=_ok(models.PeriodCounts, "Happenings per period and quad class, oldest period first."))
def count_happenings(
    store: StoreDep, filters: FiltersDep, as_csv: CsvDep,
    period: CountPeriod = "week",
    type_: PloverType = None,
    status: HappeningStatus = None,
    min_articles: MinArticles = None,
) -> Response:
    """How many of the happenings /api/happenings lists for the same
    filters fall in each period, by quad class, as /api/events/counts
    counts events."""
    found = store.counts("happening", dataclasses.replace(filters, type=type_, status=status,
                                                          min_articles=min_articles), period=period)
    return _counts(found, as_csv, "happenings-counts")


@router.get("/quotes", tags=["records"], response_model=None,
            responses=_ok(models.Page[models.QuoteItem], "Quotes, newest article first."))
def list_quotes(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    speaker: Annotated[str | None, Query(description="The speaker's name or any name seen for the "
                                                     "same actor (`%` is a wildcard).")] = None,
    direct: Annotated[bool | None, Query(description="true: words in quote marks; false: "
                                                     "reported speech.")] = None,
) -> Response:
    """Who said what, newest article first, each with its `article` (`id`,
    `title`, `published`). `actor`: the speaker's code or name; `q`: the
    quoted words, the speaker's name or the cue."""
    found = _records(store, "quote", dataclasses.replace(filters, speaker=speaker or None, direct=direct), page)
    quotes = cast(list[QuoteRecord], found.items)
    articles = store.article_refs([q.article_id for q in quotes])
    items = [{**q.to_dict(), "article": articles.get(q.article_id)} for q in quotes]
    return _list(items, found.total, page, as_csv, [*record_columns("quote"), "article"], "quotes")


IDENTITY_COLUMNS = ("key", "name", "type", "code", "articles", "mentions", "first_published",
                    "last_published", "aliases")


@router.get("/actors", tags=["records"], response_model=None,
            responses=_ok(models.Page[models.Identity], "Actor identities, most reported first."))
def list_actors(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    type_: Annotated[str | None, _one_of(ACTOR_TYPES, "an actor type"),
                     Query(alias="type", description="The actor's type: " + ", ".join(ACTOR_TYPES)
                                                     + ".")] = None,
    code: Annotated[str | None, Query(description="The actor's code (RUS, NATO, ...).")] = None,
) -> Response:
    """Actors across the store, one identity each (a country and its
    government are one), with every name and alias seen, most reported
    first. `actor`: a key, name, alias or code; `q`: a substring of the name
    or an alias; dates: seen in an article published in the range."""
    found = store.identities_page(dataclasses.replace(filters, type=type_, code=code or None),
                                  limit=page.limit, offset=page.offset)
    return _list(found.items, found.total, page, as_csv, IDENTITY_COLUMNS, "actors")


@router.get("/places", tags=["records"], response_model=None,
            responses=_ok(models.Page[PlaceRecord], "Places, newest article first."))
def list_places(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    country: Annotated[str | None, AfterValidator(_country),
                       Query(description="ISO alpha-3 code of the place's country.")] = None,
    feature: Annotated[str | None, _one_of(FEATURES, "a place feature"),
                       Query(description="The place's feature: " + ", ".join(FEATURES) + ".")] = None,
    usage: Annotated[str | None, _one_of(PLACE_USAGES, "a place usage"),
                     Query(description="How the text uses the toponym: " + ", ".join(PLACE_USAGES)
                           + " (only literal places locate events and fill the map).")] = None,
) -> Response:
    """Toponyms with their GeoNames id and coordinates, newest article
    first. `actor`: an actor in the place's article; `q`: the text or name."""
    found = _records(store, "place", dataclasses.replace(filters, country=country or None,
                                                         feature=feature or None, usage=usage or None), page)
    return _record_list(found, page, as_csv, "place", "places")


@router.get("/stances", tags=["records"], response_model=None,
            responses=_ok(models.Page[StanceRecord], "Stances, newest article first."))
def list_stances(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    issue: Issue = None,
    position: Annotated[Position | None, Query(description="The position.")] = None,
) -> Response:
    """Positions actors take on issues, newest article first. `q`: the
    sentence or the issue."""
    found = _records(store, "stance", dataclasses.replace(filters, issue=issue or None,
                                                          position=position), page)
    return _record_list(found, page, as_csv, "stance", "stances")


SIDE_COLUMNS = ("issue", "label", "position", "actor", "name", "n", "articles", "first", "last")


@router.get("/stances/summary", tags=["corpus"], response_model=None,
            responses=_ok(models.Page[models.IssueSummary], "The tug-of-war, most discussed issue first."))
def stances_summary(
    store: StoreDep, page: PagingDep, as_csv: CsvDep,
    issue: Issue = None,
    actor: Annotated[str | None, Query(description="Only stances of this actor (a code or name).")] = None,
    period: Annotated[Period, Query(description="The timeline's period.")] = "month",
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Response:
    """The tug-of-war per issue: who demands, rejects, offers, supports or
    opposes it, and per period who took which position. CSV: one row per
    issue, position and actor."""
    first, last = _dates(date_from, date_to)
    summaries = tug_of_war(store, issue=issue or None, actor=actor or None, period=period,
                           date_from=first, date_to=last)
    shown = [s.to_dict() for s in summaries[page.offset:page.offset + page.limit]]
    if as_csv:
        rows = [{"issue": s["issue"], "label": s["label"], "position": position, **side}
                for s in shown for position, sides in s["positions"].items() for side in sides]
        return _csv(rows, SIDE_COLUMNS, "stances-summary")
    return _list(shown, len(summaries), page, False, (), "stances-summary")


@router.get("/dyads", tags=["corpus"], response_model=None,
            responses=_ok(models.DyadPage, "Actor-pair series, by pair and period."))
def dyads(
    store: StoreDep, page: PagingDep, as_csv: CsvDep,
    actor: Annotated[str | None, Query(description="Only pairs with this code on either side.")] = None,
    counterpart: Annotated[str | None, Query(description="With `actor`: only the pairs between the "
                                                         "two codes, both directions.")] = None,
    period: Annotated[Period, Query(description="The series' period.")] = "week",
    unit: Annotated[Unit,
                    Query(description="Count happenings (merged events) or every reported event.")] = "happening",
    all_statuses: Annotated[bool, Query(description="Count scheduled (and for events hypothetical "
                                                    "and negated) ones too.")] = False,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Response:
    """Per directed pair of actor codes and period: how many happenings (or
    events), per quad class, and the sum and mean of their score. With
    `actor` and `counterpart`: only the two pairs between them."""
    first, last = _dates(date_from, date_to)
    series = dyad_series(store, actor=actor or None, counterpart=counterpart or None, period=period, unit=unit,
                         statuses=ALL_STATUSES if all_statuses else ("occurred", "ongoing"),
                         date_from=first, date_to=last)
    rows = series.to_dicts()
    columns = [f.name for f in dataclasses.fields(DyadRow)]
    # too_coarse keeps its documented meaning (no date, or one coarser than
    # the period); undated says how many of them have no date at all.
    return _list(rows[page.offset:page.offset + page.limit], len(rows), page, as_csv, columns, "dyads",
                 too_coarse=series.too_coarse + series.undated, undated=series.undated)


EDGE_COLUMNS = ("source", "target", "weight", "q1", "q2", "q3", "q4", "score_mean")


@router.get("/network", tags=["corpus"], response_model=None,
            responses={200: {"model": models.NetworkGraph, "content": _CSV,
                             "description": "Nodes and directed edges (CSV: the edges)."}, **_ERRORS})
def network(
    store: StoreDep, filters: FiltersDep, as_csv: CsvDep,
    type_: PloverType = None,
) -> Response:
    """The directed actor network of the happenings that happened (occurred
    or ongoing) and pass the filters: nodes are actor codes, edges actor
    pairs with `weight` (happenings), `q1`..`q4` and `score_mean`."""
    # Aggregated in SQL: the answer's size grows with the actors, not the store.
    graph = network_of(store.conn, dataclasses.replace(filters, type=type_)).to_dict()
    if as_csv:
        return _csv(graph["edges"], EDGE_COLUMNS, "network")
    return JSONResponse(graph)


@router.get("/map", tags=["corpus"], response_model=None,
            responses=_ok(models.Page[models.MapItem], "Located happenings, most widely reported first."))
def map_rows(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    type_: PloverType = None,
    status: HappeningStatus = None,
    min_articles: MinArticles = None,
) -> Response:
    """Happenings whose place has coordinates, one row each as in the
    kepler.gl export: id, event_date (day-precise dates only), latitude,
    longitude, type, quad, score, status, actors, recipients, place,
    country, num_articles, num_mentions, confidence; and `articles`, as
    /api/happenings gives them."""
    found = _records(store, "happening", dataclasses.replace(
        filters, type=type_, status=status, min_articles=min_articles, located=True), page)
    rows = list(kepler_rows(cast(list[HappeningRecord], found.items)))
    articles = store.happening_articles([row["id"] for row in rows])
    items = [{**row, "articles": articles[row["id"]]} for row in rows]
    return _list(items, found.total, page, as_csv, [*KEPLER_COLUMNS, "articles"], "map")


@router.get("/search", tags=["articles"], response_model=None,
            responses=_ok(models.Page[models.SearchHit], "Articles, best match first."))
async def search(
    request: Request, store: StoreDep, budget: BudgetDep, page: PagingDep, as_csv: CsvDep,
    q: Annotated[str, Query(min_length=1, description="An SQLite FTS5 query: words, \"a phrase\", "
                                                      "AND, OR, NOT, prefix*.")],
) -> Response:
    """Full-text search over article titles and texts, with a snippet; a
    query FTS5 cannot parse is a 400. A query over `search_max_chars`
    characters or `search_max_terms` terms (settings) is a 422
    `query_too_costly`; one still running after `search_time_limit`
    seconds is stopped, a 503 `query_too_costly`. A few searches run at
    once; one that finds no free slot within `search_time_limit` seconds
    is a 503 `busy`."""
    settings = _state(request).settings
    check_search(q, settings.search_max_chars, settings.search_max_terms)

    def run() -> Page[dict[str, Any]]:
        with budget.time_limit(settings.search_time_limit):
            return store.search_page(q, limit=page.limit, offset=page.offset)

    slots = _search_slots(_state(request))
    acquired = False
    try:
        slots.acquire_nowait()
        acquired = True
    except anyio.WouldBlock:
        with anyio.move_on_after(settings.search_time_limit):
            await slots.acquire()
            acquired = True
    if not acquired:
        raise ApiError(503, f"{SEARCH_SLOTS} searches are running and this one waited "
                            f"{settings.search_time_limit:g} s (the search_time_limit setting) for one "
                            "of them to end; try again", "busy")
    try:
        found = await anyio.to_thread.run_sync(run)
    finally:
        slots.release()
    return _list(found.items, found.total, page, as_csv, ("id", "title", "published", "snippet"), "search")


#: Searches that run at once; the others wait for a slot. Ranking and
#: snippets are CPU work, partly under Python's GIL: with 8 clients sending
#: the costliest search the limits allow without a pause, /api/stats took
#: 420-440 ms p95 with every search running; with 2 at a time (the cores of
#: the machine measured) it stays under 200 ms (bench/concurrency.py).
SEARCH_SLOTS = 2


def _search_slots(state: _State) -> anyio.CapacityLimiter:
    """The search slots of the running event loop (a limiter belongs to
    one loop; a test client starts one per client)."""
    loop = asyncio.get_running_loop()
    slots = state.search_slots.get(loop)
    if slots is None:
        slots = state.search_slots[loop] = anyio.CapacityLimiter(SEARCH_SLOTS)
    return slots


@router.get("/stats", tags=["corpus"], response_model=None,
            responses={200: {"model": models.Stats, "content": _CSV,
                             "description": "Counts of what the store holds (CSV: kind, records)."},
                       **_ERRORS})
def stats(store: StoreDep, as_csv: CsvDep) -> Response:
    """How many records of each kind the store holds, the publication
    dates it spans, languages, errors and the last run. The store is
    named by its file name, and paths in the last run's command by theirs."""
    data = store.stats()
    data["store"] = Path(data["store"]).name or data["store"]
    if data.get("last_run") and data["last_run"].get("command"):
        data["last_run"]["command"] = " ".join(public_ref(part) or part
                                               for part in data["last_run"]["command"].split(" "))
    if as_csv:
        return _csv([{"kind": k, "records": n} for k, n in data["records"].items()], ("kind", "records"),
                    "stats")
    return JSONResponse(data)


# -- the app -------------------------------------------------------------------------------------


def create_app(db: str, *, token: str | None = None, settings: Settings | None = None,
               max_body: int | None = None, page: bool = True) -> FastAPI:
    """The web app over the store ``db`` (created when missing). With a
    ``token``, ``POST /api/articles`` ingests; ``max_body`` (default: the
    ``max_input_bytes`` setting) limits its bodies, the ``max_request_bytes``
    setting those of GETs. The page's built libraries (static/vendor/,
    shipped in the wheel and the sdist) must be there unless ``page`` is
    False: nothing is ever downloaded when the server starts."""
    settings = settings or Settings.load()
    if page:
        assets.require()
    with Store(db, lock_timeout=settings.lock_timeout):  # create or upgrade the store now, not on the first request
        pass
    app = FastAPI(title="detente", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None)
    limit = max_body if max_body is not None else settings.max_input_bytes
    app.state.detente = _State(db=str(db), token=token or None, max_body=limit,
                               ingester=_Ingester(str(db), settings), settings=settings)
    errors.install(app)
    guards.install(app, allowed_hosts=settings.allowed_hosts, max_body=limit,
                   max_read=settings.max_request_bytes)
    app.include_router(router)

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> Response:
        index_page = STATIC / "index.html"
        if index_page.is_file():
            return FileResponse(index_page)
        return envelope(503, "not_installed", "the web page is not installed (no index.html in "
                                              "the package's web/static/); the API answers under /api/")

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


__all__ = ["create_app"]
