"""Pydantic models of the HTTP API's requests and responses.

The response models document the API in ``/openapi.json``; the routes
return their JSON directly (the records' own ``to_dict``), so a response
carries every field of the record contract, ``kind`` included, even where a
schema below leaves one out.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..records import (
    ActorRecord,
    ArticleRecord,
    ClaimRecord,
    EventRecord,
    MentionRecord,
    PlaceRecord,
    QuoteRecord,
    StanceRecord,
    TimeRecord,
)

T = TypeVar("T")

#: What the API shows as an article's ``ref`` (app.public_ref).
REF = ("The input the article came from: its own id (JSON Lines), or its file as given to "
       "ingest, with :line, [item] or #record after it. A file given by an absolute path shows "
       "its file name only: the API never shows the server's folders.")


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status code, repeated.", examples=[404])
    code: str = Field(description="A stable short name for the error: bad_request, bad_host, "
                      "bad_query, unauthorized, forbidden, not_found, method_not_allowed, "
                      "payload_too_large, invalid_request, query_too_costly (422: over the search "
                      "limits; 503: stopped after the time limit), request_too_large (431), an input "
                      "error's code (empty, language, malformed, ...), internal_error, store_error, "
                      "store_locked and unavailable (503).", examples=["not_found"])
    message: str = Field(description="A sentence a person can act on.",
                         examples=["there is no article with id 0123456789abcdef; list them "
                                   "with GET /api/articles"])


class ErrorEnvelope(BaseModel):
    """Every error response, whatever its status."""

    error: ErrorBody


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="How many items match the filters, over all pages.")
    limit: int
    offset: int


class ArticleListItem(BaseModel):
    """An article record without its text (``text`` is null), with how many
    records of each kind it has."""

    model_config = ConfigDict(extra="allow")
    id: str
    ref: str = Field(description=REF)
    title: str | None
    published: str | None
    date_source: str | None
    source: str | None
    url: str | None
    language: str | None
    sha256: str
    text: None = None
    counts: dict[str, int]


class ArticleRecords(BaseModel):
    actor: list[ActorRecord]
    quote: list[QuoteRecord]
    time: list[TimeRecord]
    place: list[PlaceRecord]
    event: list[EventRecord]
    claim: list[ClaimRecord]
    stance: list[StanceRecord]
    mention: list[MentionRecord]


class ArticleDetail(BaseModel):
    article: ArticleRecord = Field(description="The article record, with its text. `ref`: " + REF)
    records: ArticleRecords


class LastRun(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int
    command: str = Field(description="The command that ran, each absolute path in it shown by its "
                                     "file or folder name.", examples=["ingest examples"])
    started_at: str
    detente_version: str
    rules_version: str


class Stats(BaseModel):
    """What ``detente stats`` counts."""

    model_config = ConfigDict(extra="allow")
    store: str = Field(description="The store's file name (never its folder).", examples=["detente.db"])
    schema_version: int
    records: dict[str, int] = Field(description="Records per kind.")
    published: dict[str, str | None] = Field(description="The first and last publication dates.")
    languages: dict[str, int]
    errors: dict[str, int] = Field(description="Error records per code.")
    runs: int
    last_run: LastRun | None


class ArticleRef(BaseModel):
    id: str
    title: str | None
    published: str | None


class HappeningArticle(ArticleRef):
    event_id: str = Field(description="The happening's first event in this article (by its place "
                                      "in the text): its evidence.")


class HappeningItem(BaseModel):
    """A happening record, plus the articles that report its events, oldest first."""

    model_config = ConfigDict(extra="allow")
    id: str
    articles: list[HappeningArticle]


class QuoteItem(BaseModel):
    """A quote record, plus its article."""

    model_config = ConfigDict(extra="allow")
    id: str
    article_id: str
    article: ArticleRef | None


class PeriodCount(BaseModel):
    period: str = Field(description="The day (2022-01-12), ISO week (2022-W02) or month (2022-01).",
                        examples=["2022-W02"])
    q1: int
    q2: int
    q3: int
    q4: int
    n: int = Field(description="All of them, those without a quad class included.")


class PeriodCounts(BaseModel):
    period: str
    items: list[PeriodCount]
    too_coarse: int = Field(description="Those with no date or one coarser than the period.")


class Identity(BaseModel):
    key: str = Field(description="The corpus-wide key: country:RUS, person:sergei-lavrov, ...")
    name: str
    type: str
    code: str | None
    articles: int
    mentions: int
    first_published: str | None
    last_published: str | None
    aliases: list[str]


class DyadItem(BaseModel):
    source: str
    target: str
    period: str
    n: int
    q1: int
    q2: int
    q3: int
    q4: int
    score_sum: float
    score_mean: float | None


class DyadPage(Page[DyadItem]):
    too_coarse: int = Field(description="Happenings or events dated too coarsely for the period.")
    undated: int = Field(description="Happenings (or events) of the statuses counted that would make "
                                     "these pairs but have no date at all, so that no period and no "
                                     "date range holds them: their articles had no publication date "
                                     "(ingest such articles with --published).")


class IssueSummary(BaseModel):
    model_config = ConfigDict(extra="allow")
    issue: str
    label: str | None
    n: int
    positions: dict[str, list[dict[str, Any]]]
    timeline: list[dict[str, Any]]


class Node(BaseModel):
    id: str
    label: str
    type: str | None


class EdgeItem(BaseModel):
    source: str
    target: str
    weight: int
    q1: int
    q2: int
    q3: int
    q4: int
    score_mean: float | None


class NetworkGraph(BaseModel):
    nodes: list[Node]
    edges: list[EdgeItem]


class MapItem(BaseModel):
    id: str
    event_date: str | None
    latitude: float
    longitude: float
    type: str
    quad: int | None
    score: float | None
    status: str
    actors: str
    recipients: str
    place: str | None
    country: str | None
    num_articles: int
    num_mentions: int
    confidence: float
    articles: list[HappeningArticle]


class SearchHit(BaseModel):
    id: str
    title: str | None
    published: str | None
    snippet: str


class ArticleIn(BaseModel):
    """An article to ingest: the keys of detente's JSON Lines input."""

    text: str = Field(description="The article's text (required).")
    id: str | int | None = Field(None, description="Your own id for it (the record's ref).")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD or ISO 8601.")
    url: str | None = None
    source: str | None = None
    language: str | None = Field(None, description="The language it declares, if any.")


class Ingested(BaseModel):
    article: ArticleRecord
    records: dict[str, int] = Field(description="How many records of each kind were extracted.")


class Duplicate(BaseModel):
    duplicate_of: str = Field(description="The id of the stored article with the same text or URL.")


__all__ = [
    "ArticleDetail", "ArticleIn", "ArticleListItem", "ArticleRef", "DyadItem", "DyadPage", "Duplicate",
    "ErrorBody", "ErrorEnvelope", "HappeningArticle", "HappeningItem", "Identity", "Ingested",
    "IssueSummary", "LastRun", "MapItem", "NetworkGraph", "Page", "PeriodCount", "PeriodCounts", "QuoteItem",
    "SearchHit", "Stats",
]  # fmt: skip
