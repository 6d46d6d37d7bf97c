"""``/api/network`` aggregated in SQL (issue 19): the same graph as the
exports' :func:`~detente.exports.actor_network` over the happenings the
filters list, on a generated store (names, actor types with ties,
recipients or none, every quad, scores and none) and on the corpus written
for detente, for each filter the endpoint takes; and the endpoint answers
with exactly that JSON."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path
from typing import cast

import pytest
from fastapi.testclient import TestClient

from detente import Settings, api
from detente.article import Article
from detente.corpus.happenings import update_happenings
from detente.exports import actor_network
from detente.records import ActorRecord, ActorRef, EventRecord, HappeningRecord
from detente.store import Filters, Store
from detente.store.queries import network

from .conftest import FIXTURES

TYPES = ["CONSULT", "REQUEST", "REJECT", "ASSAULT", "AGREE", "SANCTION", "AID", "COERCE"]
FILTERS = [Filters(), Filters(actor="C01"), Filters(type="CONSULT"), Filters(actor="rus"),
           Filters(date_from="2022-01-10", date_to="2022-01-31"), Filters(min_articles=2),
           Filters(q="Name"), Filters(status="occurred"), Filters(type="ASSAULT", actor="C02")]


def reference(store: Store, filters: Filters) -> dict[str, object]:
    """What the endpoint answered before: every happening read, then the exports' network."""
    happenings = store.page("happening", filters, limit=None).items
    return actor_network(store, cast(list[HappeningRecord], happenings)).to_dict()


def generated(path: Path, seed: int) -> Store:
    rng = random.Random(seed)
    codes = [f"C{n:02d}" for n in range(12)] + ["RUS", "NATO", ""]
    store = Store(path)
    for n in range(120):
        article = Article.create(f"a{n}", f"Report {n}.", published=f"2022-01-{rng.randint(1, 31):02d}",
                                 date_source="given", source=f"outlet {rng.randrange(5)}")
        actors = []
        for k, code in enumerate(rng.sample(codes, 4)):
            # Two names per code, and a type that ties for some codes.
            type_ = rng.choice(("person", "country", "organization", "group"))
            actors.append(ActorRecord(id=f"{article.id}-a{k}", article_id=article.id,
                                      name=rng.choice((f"Name {code}", f"Other {code}", "")), type=type_,
                                      code=code or None, sector=None, role=None))

        def refs(m: int, actors: list[ActorRecord] = actors) -> list[ActorRef]:
            picked = rng.sample(actors, m)
            return [ActorRef(a.name or None, a.code, a.id if rng.random() < 0.8 else None) for a in picked]

        events = []
        for k in range(rng.randint(1, 3)):
            type_ = rng.choice(TYPES)
            events.append(EventRecord(
                id=f"{article.id}-e{k}", article_id=article.id, type=type_, mode=None, context=[],
                actor=refs(rng.randint(1, 2)), recipient=refs(rng.choice((0, 0, 1, 2))),
                date=f"2022-01-{rng.randint(8, 20):02d}", date_precision="day",
                status=rng.choice(("occurred", "ongoing", "scheduled")), location=None, trigger="x", text="x",
                start=k, end=k + 1, score=None, quad=None, confidence=0.7))
        article.records = [*actors, *events]
        assert store.add_article(article)
    update_happenings(store)
    return store


def test_network_in_sql_equals_the_exports_network(tmp_path: Path) -> None:
    for seed in (1, 2):
        with generated(tmp_path / f"g{seed}.db", seed) as store:
            graphs = 0
            for filters in FILTERS:
                expected = reference(store, filters)
                assert network(store.conn, filters).to_dict() == expected, filters
                graphs += bool(expected["edges"])
            assert graphs >= 6
            # Nodes typed by their actor records (no KB code), and labels
            # chosen among several names: the generated store has both.
            full = reference(store, Filters())
            assert any(n["type"] in ("country", "organization") for n in full["nodes"]  # type: ignore[attr-defined]
                       if str(n["id"]).startswith("C"))


@pytest.mark.model
def test_network_endpoint_answers_the_same_json_on_the_corpus(settings: Settings, tmp_path: Path) -> None:
    from detente.web.app import create_app

    db = tmp_path / "corpus.db"
    with Store(db) as store:
        api.ingest([str(FIXTURES / "corpus" / "jan2022.jsonl")], store, settings)
        # The filters the endpoint takes (the common ones and its type).
        expected = {f: reference(store, f) for f in FILTERS if not (f.min_articles or f.status)}
        assert sum(bool(g["edges"]) for g in expected.values()) >= 3
        for f in FILTERS:  # and the others, through the query function
            assert network(store.conn, f).to_dict() == reference(store, f), f
    with TestClient(create_app(str(db), settings=settings), base_url="http://127.0.0.1") as client:
        for filters, graph in expected.items():
            params = {k: v for k, v in dataclasses.asdict(filters).items() if v not in (None, False)}
            if "type" in params:
                continue  # the endpoint's type filter is checked below
            response = client.get("/api/network", params=params)
            assert response.status_code == 200, response.text
            assert response.content == json.dumps(graph, ensure_ascii=False, allow_nan=False, indent=None,
                                                  separators=(",", ":")).encode("utf-8"), filters
        consult = client.get("/api/network", params={"type": "CONSULT"}).json()
        assert consult == expected[Filters(type="CONSULT")]
