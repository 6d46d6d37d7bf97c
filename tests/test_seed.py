"""The founding article, read from ../shared/examples/ (never copied)."""

import json

import pytest
from click.testing import CliRunner

from detente.cli import cli
from tests.conftest import SEED


@pytest.mark.model
def test_seed_article_record_via_extract() -> None:
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    article = records[0]
    assert article["kind"] == "article"
    assert article["title"] == "NATO meets with Russia amid tug-of-war over Ukraine"
    assert article["published"] == "2022-01-12"
    assert article["date_source"] == "text"
    assert article["language"] == "en"
    assert len(article["sha256"]) == 64
    # Every record points into the stored text.
    text = article["text"]
    happenings = [r for r in records if r["kind"] == "happening"]
    assert happenings and records[-len(happenings):] == happenings  # merged across the inputs, printed last
    event_ids = {r["id"] for r in records if r["kind"] == "event"}
    assert {e for h in happenings for e in h["event_ids"]} <= event_ids
    for record in records[1:len(records) - len(happenings)]:
        assert record["article_id"] == article["id"]
        if record["kind"] == "actor":
            for mention in record["mentions"]:
                assert text[mention["start"] : mention["end"]].strip() == text[mention["start"] : mention["end"]]
        else:
            assert text[record["start"] : record["end"]] == record["text"]
