"""Every record kind survives to_dict/from_dict unchanged, and its field
names are the contract's (spec/records.md)."""

import dataclasses

import pytest

from detente.records import (
    RECORD_TYPES,
    ActorRecord,
    ActorRef,
    ClaimRecord,
    EventRecord,
    Party,
    PlaceRecord,
    QuoteRecord,
    Span,
    Speaker,
    record_from_dict,
)

CONTRACT = {
    "article": "id ref title published date_source source url language sha256 text",
    "actor": "id article_id name type code sector role mentions",
    "quote": "id article_id text start end direct speaker cue confidence",
    "time": "article_id text start end value granularity warning",
    "place": "article_id text start end name geonameid country latitude longitude feature confidence",
    "event": "id article_id type mode context actor recipient date date_precision status location "
    "trigger text start end score quad confidence",
    "claim": "article_id text start end quantity approximate unit claimant subject",
    "happening": "id type mode actor recipient date date_precision status location score quad "
    "event_ids num_mentions num_articles num_sources confidence",
    "stance": "id article_id actor issue position date text start end confidence",
    "error": "ref reason",
}


@pytest.mark.parametrize("kind", sorted(CONTRACT))
def test_records_have_every_contract_field(kind: str) -> None:
    names = {f.name for f in dataclasses.fields(RECORD_TYPES[kind])}
    assert set(CONTRACT[kind].split()) <= names


PLACE = PlaceRecord(article_id="a", text="Brussels", start=5, end=13, name="Brussels",
                    geonameid=2800866, country="BEL", latitude=50.85, longitude=4.35,
                    feature="city", confidence=0.9)
SAMPLES = [
    ActorRecord(id="a-1", article_id="a", name="Julianne Smith", type="person", code="USA",
                sector="DIP", role="US ambassador to NATO", mentions=[Span(1, 5), Span(9, 14)]),
    QuoteRecord(id="q", article_id="a", text="x", start=1, end=2, direct=True,
                speaker=Speaker("Julianne Smith", "USA", "US ambassador to NATO", "a-1"),
                cue="said", confidence=0.9),
    PLACE,
    EventRecord(id="e", article_id="a", type="CONSULT", mode=None, context=["military"],
                actor=[ActorRef("NATO", "NATO")], recipient=[ActorRef("Russia", "RUS", "a-2")],
                date="2022-01-12", date_precision="day", status="scheduled", location=PLACE,
                trigger="meet", text="...", start=0, end=3, score=1.0, quad=1, confidence=0.8),
    ClaimRecord(article_id="a", text="about 100,000 troops", start=0, end=20, quantity=100000,
                approximate=True, unit="troops", claimant=Party("NATO", "NATO"),
                subject=Party("Russia", "RUS")),
]


@pytest.mark.parametrize("record", SAMPLES, ids=lambda r: r.kind)
def test_records_round_trip(record) -> None:  # type: ignore[no-untyped-def]
    data = record.to_dict()
    assert next(iter(data)) == "kind"
    assert record_from_dict(data) == record
