"""Records to JSON without ``dataclasses.asdict`` (issue 19): the same
values, for every kind of record the pipeline makes."""

from __future__ import annotations

import dataclasses
import json

import pytest

from detente import Settings, api
from detente.records import fields_of

from .conftest import EXAMPLES, SEED


@pytest.mark.model
def test_fields_of_is_asdict(settings: Settings) -> None:
    records = list(api.extract([EXAMPLES, SEED], settings))
    kinds = {r.kind for r in records}
    assert {"article", "actor", "quote", "time", "place", "event", "claim", "happening", "mention"} <= kinds
    for record in records:
        plain = fields_of(record)
        assert plain == dataclasses.asdict(record)
        assert json.dumps(record.to_dict(), ensure_ascii=False) == json.dumps(
            {"kind": record.kind, **dataclasses.asdict(record)}, ensure_ascii=False)
