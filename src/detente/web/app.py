"""The HTTP API (FastAPI): a thin layer over the store, like the CLI.

Every route opens a :class:`~detente.store.Store` for its request (SQLite in
WAL mode lets readers work while a writer ingests), asks it one question
(:meth:`Store.page` and its siblings, :mod:`detente.corpus`,
:mod:`detente.exports`) and answers JSON, or CSV with ``?format=csv`` or
``Accept: text/csv``. Errors are answered with one envelope (errors.py).

Read-only unless the app has a token: then ``POST /api/articles`` ingests
one article per request, one at a time, with the app's settings and
pipeline (the spaCy model loads on the first one). Request bodies are
limited to ``max_body`` bytes, checked from Content-Length and while the
body is read. Every response carries the security headers of
:data:`~detente.web.errors.SECURITY_HEADERS`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hmac
import io
import json
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, cast, get_args

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.datastructures import Headers, MutableHeaders
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import api
from ..about import __version__
from ..corpus.dyads import DyadRow, dyad_series
from ..corpus.stances import tug_of_war
from ..exports import KEPLER_COLUMNS, actor_network, kepler_rows, record_columns
from ..pipeline import Pipeline
from ..readers import Source
from ..records import (
    ArticleRecord,
    EventRecord,
    HappeningRecord,
    PlaceRecord,
    QuoteRecord,
    Record,
    StanceRecord,
)
from ..settings import Settings
from ..stages.stances import POSITIONS
from ..store import Filters, Page, PeriodCounts, Store
from . import errors, models
from .errors import SECURITY_HEADERS, ApiError, envelope

STATIC = Path(__file__).resolve().parent / "static"
MAX_LIMIT = 500
STATUSES = Literal["occurred", "ongoing", "scheduled", "hypothetical", "negated"]
ALL_STATUSES = get_args(STATUSES)
# Query parameters several routes share.
PloverType = Annotated[str | None, Query(alias="type", description="A PLOVER type.")]
EventStatus = Annotated[STATUSES | None, Query(description="The event's status.")]
HappeningStatus = Annotated[STATUSES | None, Query(description="The happening's status.")]
MinArticles = Annotated[int | None, Query(ge=1, description="Reported by at least this many articles.")]
Period = Literal["day", "week", "month"]
Position = Literal["demand", "reject", "offer", "support", "oppose"]
assert get_args(Position) == tuple(POSITIONS), "the stance positions changed: update Position"

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

**Errors** all have one shape, whatever the status (400, 401, 403, 404, 405, 413,
422, 500):
`{"error": {"status": 404, "code": "not_found", "message": "a sentence you can act on"}}`.

**Ingestion** (`POST /api/articles`) is off unless the server was started with a
token (`detente serve --token`, or `DETENTE_TOKEN`); then it needs
`Authorization: Bearer <token>`.
"""

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorEnvelope, "description": "A bad query (the message says what to fix)."},
    404: {"model": models.ErrorEnvelope, "description": "No such record or endpoint."},
    422: {"model": models.ErrorEnvelope, "description": "A query parameter or body is not valid."},
    500: {"model": models.ErrorEnvelope, "description": "detente failed; the message says why."},
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


def _state(request: Request) -> _State:
    return cast(_State, request.app.state.detente)


# -- request size and security headers -------------------------------------------------------


class _Guard:
    """ASGI middleware: refuses a body over ``max_body`` bytes (from its
    Content-Length, or while it is read: a chunked body too) and adds the
    security headers to every response."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    def _too_large(self) -> str:
        return (f"the request body is larger than {self.max_body:,} bytes, the server's limit "
                "(detente serve --max-body, default the max_input_bytes setting); send a smaller "
                "article")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        length = Headers(scope=scope).get("content-length")
        if length is not None:
            if not length.strip().isdigit():
                await envelope(400, "bad_request", "the Content-Length header is not a number")(
                    scope, receive, send_with_headers)
                return
            if int(length) > self.max_body:
                await envelope(413, "payload_too_large", self._too_large())(
                    scope, receive, send_with_headers)
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise ApiError(413, self._too_large())
            return message

        await self.app(scope, limited_receive, send_with_headers)


# -- shared parameters ---------------------------------------------------------------------------


def get_store(request: Request) -> Iterator[Store]:
    """One store connection per request."""
    store = Store(_state(request).db)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


@dataclasses.dataclass
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (at most 500).")] = 50,
    offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
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
        item = record.to_dict()
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
    return JSONResponse({"article": article.to_dict(),
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
    record = outcome.article.to_record(with_text=False).to_dict()
    del record["text"]
    counts = Counter(r.kind for r in outcome.article.records)
    return JSONResponse({"article": record, "records": dict(sorted(counts.items()))}, status_code=201,
                        headers={"Location": f"/api/articles/{record['id']}"})


@router.get("/events", tags=["records"], response_model=None,
            responses=_ok(models.Page[EventRecord], "Events, newest article first."))
def list_events(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    type_: Annotated[str | None, Query(alias="type", description="A PLOVER type (CONSULT, REJECT, ...).")] = None,
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
    type_: Annotated[str | None, Query(alias="type", description="A PLOVER type (CONSULT, REJECT, ...).")] = None,
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
    type_: Annotated[Literal["person", "country", "organization", "group"] | None,
                     Query(alias="type", description="The actor's type.")] = None,
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
    country: Annotated[str | None, Query(description="ISO alpha-3 code of the place's country.")] = None,
    feature: Annotated[str | None, Query(description="city, country, region, state, ...")] = None,
) -> Response:
    """Toponyms with their GeoNames id and coordinates, newest article
    first. `actor`: an actor in the place's article; `q`: the text or name."""
    found = _records(store, "place", dataclasses.replace(filters, country=country or None,
                                                         feature=feature or None), page)
    return _record_list(found, page, as_csv, "place", "places")


@router.get("/stances", tags=["records"], response_model=None,
            responses=_ok(models.Page[StanceRecord], "Stances, newest article first."))
def list_stances(
    store: StoreDep, filters: FiltersDep, page: PagingDep, as_csv: CsvDep,
    issue: Annotated[str | None, Query(description="An issue slug (nato-enlargement, ...).")] = None,
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
    issue: Annotated[str | None, Query(description="Only this issue (a slug).")] = None,
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
    unit: Annotated[Literal["happening", "event"],
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
    return _list(rows[page.offset:page.offset + page.limit], len(rows), page, as_csv, columns, "dyads",
                 too_coarse=series.too_coarse)


EDGE_COLUMNS = ("source", "target", "weight", "q1", "q2", "q3", "q4", "score_mean")


@router.get("/network", tags=["corpus"], response_model=None,
            responses={200: {"model": models.NetworkGraph, "content": _CSV,
                             "description": "Nodes and directed edges (CSV: the edges)."}, **_ERRORS})
def network(
    store: StoreDep, filters: FiltersDep, as_csv: CsvDep,
    type_: Annotated[str | None, Query(alias="type", description="Only happenings of this PLOVER "
                                                                 "type.")] = None,
) -> Response:
    """The directed actor network of the happenings that happened (occurred
    or ongoing) and pass the filters: nodes are actor codes, edges actor
    pairs with `weight` (happenings), `q1`..`q4` and `score_mean`."""
    happenings = store.page("happening", dataclasses.replace(filters, type=type_), limit=None).items
    graph = actor_network(store, cast(list[HappeningRecord], happenings)).to_dict()
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
def search(
    store: StoreDep, page: PagingDep, as_csv: CsvDep,
    q: Annotated[str, Query(min_length=1, description="An SQLite FTS5 query: words, \"a phrase\", "
                                                      "AND, OR, NOT, prefix*.")],
) -> Response:
    """Full-text search over article titles and texts, with a snippet; a
    query FTS5 cannot parse is a 400."""
    found = store.search_page(q, limit=page.limit, offset=page.offset)
    return _list(found.items, found.total, page, as_csv, ("id", "title", "published", "snippet"), "search")


@router.get("/stats", tags=["corpus"], response_model=None,
            responses={200: {"description": "Counts of what the store holds (CSV: kind, records).",
                             "content": _CSV}, **_ERRORS})
def stats(store: StoreDep, as_csv: CsvDep) -> Response:
    """How many records of each kind the store holds, the publication
    dates it spans, languages, errors and the last run."""
    data = store.stats()
    if as_csv:
        return _csv([{"kind": k, "records": n} for k, n in data["records"].items()], ("kind", "records"),
                    "stats")
    return JSONResponse(data)


# -- the app -------------------------------------------------------------------------------------


def create_app(db: str, *, token: str | None = None, settings: Settings | None = None,
               max_body: int | None = None) -> FastAPI:
    """The web app over the store ``db`` (created when missing). With a
    ``token``, ``POST /api/articles`` ingests; ``max_body`` (default: the
    ``max_input_bytes`` setting) limits request bodies."""
    settings = settings or Settings.load()
    with Store(db):  # create or upgrade the store now, not on the first request
        pass
    app = FastAPI(title="detente", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None)
    limit = max_body if max_body is not None else settings.max_input_bytes
    app.state.detente = _State(db=str(db), token=token or None, max_body=limit,
                               ingester=_Ingester(str(db), settings))
    errors.install(app)
    app.add_middleware(_Guard, max_body=limit)
    app.include_router(router)

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return FileResponse(page)
        return envelope(503, "not_installed", "the web page is not installed (no index.html in "
                                              f"{STATIC}); the API answers under /api/")

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


__all__ = ["create_app"]
