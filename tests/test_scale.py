import pytest

from detente import Settings, extract
from tests.conftest import EXAMPLES, FIXTURES, SEED

pytestmark = pytest.mark.model


def test_scale_dask_bag_gives_the_contract_records_of_extract(settings: Settings) -> None:
    import dask

    from detente.scale import record_bag

    inputs = [EXAMPLES, SEED, FIXTURES / "bad" / "empty.txt"]
    bag = record_bag(inputs, settings, partition_size=2, with_text=False)
    assert bag.npartitions == 3
    with dask.config.set(scheduler="synchronous"):
        records = bag.compute()
    assert records == [r.to_dict() for r in extract(inputs, settings, with_text=False, happenings=False)]
    assert sum(r["kind"] == "article" for r in records) == 4 + 1
    assert [r["ref"] for r in records if r["kind"] == "error"] == [str(FIXTURES / "bad" / "empty.txt")]
