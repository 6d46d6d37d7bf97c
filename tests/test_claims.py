"""The claims stage: numbers with units, hedges, claimants and subjects."""

from __future__ import annotations

import pytest

from detente import Settings
from detente.article import Article
from detente.pipeline import process
from detente.records import ClaimRecord
from detente.stages.claims import parse_quantity

from .conftest import SEED, read_one


@pytest.mark.parametrize(("text", "value"), [
    ("100,000", 100_000), ("2 billion", 2e9), ("$1.5bn", 1.5e9), ("thirty", 30), ("50%", 50),
    ("more than 150,000", 150_000), ("eight", 8), ("a dozen", 12), ("no number", None),
])
def test_claims_parse_quantity(text: str, value: float | None) -> None:
    assert parse_quantity(text) == value


def claims_of(text: str, settings: Settings) -> dict[str, ClaimRecord]:
    article = process(Article.create("t", text, published="2022-01-12", date_source="given"), settings)
    assert not article.errors
    found = {r.text: r for r in article.records if isinstance(r, ClaimRecord)}
    for r in found.values():
        assert article.text[r.start:r.end] == r.text
    return found


@pytest.mark.model
def test_claims_seed_troop_build_up(settings: Settings) -> None:
    article = process(read_one(SEED), settings)
    claims = {r.text: r for r in article.records if isinstance(r, ClaimRecord)}
    troops = claims["about 100,000 troops"]
    assert (troops.quantity, troops.approximate, troops.unit) == (100_000, True, "troops")
    assert troops.claimant is not None and troops.claimant.code == "NATO"
    assert troops.subject is not None and troops.subject.code == "RUS"
    assert claims["30 ambassadors"].approximate is False
    assert claims["thousands of troops"].approximate and claims["thousands of troops"].subject.code == "RUS"  # type: ignore[union-attr]
    hours = claims["roughly eight hours"]
    assert (hours.quantity, hours.unit, hours.approximate) == (8, "hours", True)


@pytest.mark.model
def test_claims_units_hedges_and_parties(settings: Settings) -> None:
    claims = claims_of("Aid pledged\n\nKyiv says Russia has deployed more than 150,000 soldiers near the "
                       "border. The EU pledged €2 billion in aid, and 12% of voters abstained. Ukrainian "
                       "forces lost dozens of tanks, according to the Pentagon. It was the 3rd round.", settings)
    soldiers = claims["more than 150,000 soldiers"]
    assert soldiers.approximate and soldiers.unit == "soldiers"
    assert soldiers.claimant is not None and soldiers.claimant.code == "UKR"
    assert soldiers.subject is not None and soldiers.subject.code == "RUS"
    money = claims["€2 billion"]
    assert (money.quantity, money.unit, money.approximate) == (2e9, "EUR", False)
    assert money.subject is not None and money.subject.code == "EU"
    assert claims["12%"].unit == "percent"
    tanks = claims["dozens of tanks"]
    assert tanks.approximate and tanks.subject is not None and tanks.subject.code == "UKR"
    assert tanks.claimant is not None and tanks.claimant.code == "USA"  # "according to the Pentagon"
    assert not [c for c in claims if "3rd" in c]
