"""Per-article limits (issue 15): records per article and pipeline time per
article, in the serial path and with workers; and a worker that dies.

Past a limit an article becomes an error record that says which limit and
how to raise it, and the other articles go on as if it were not there.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from detente import Article, Pipeline, Settings, extract
from detente.parallel import WORKER_DIED
from detente.pipeline import TOO_MANY_RECORDS, TOO_SLOW
from detente.records import ErrorRecord
from tests.conftest import EXAMPLES, FIXTURES, SEED, read_one

pytestmark = pytest.mark.model

# Refs of the articles the stages below act on; every other article passes.
HANG, DIE, SLOW = "hang-here", "die-here", "slow-here"

fork_only = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the workers must inherit the patched pipeline (fork start method)")


class Hang:
    """A stage that never returns on one article: an endless loop in Python,
    which only the time limit can end."""

    name = "hang.v1"
    requires = frozenset({"text"})
    provides: frozenset[str] = frozenset()

    def __call__(self, articles: list[Article]) -> None:
        if any(a.ref == HANG for a in articles):
            while True:
                pass


class Slow:
    """A stage that takes 1 s on one article (finite, for the thread path,
    where the work cannot be cut short)."""

    name = "slow.v1"
    requires = frozenset({"text"})
    provides: frozenset[str] = frozenset()

    def __call__(self, articles: list[Article]) -> None:
        if any(a.ref == SLOW for a in articles):
            time.sleep(1.0)


class Die:
    """A stage whose process is killed on one article, as the OOM killer
    would kill it."""

    name = "die.v1"
    requires = frozenset({"text"})
    provides: frozenset[str] = frozenset()

    def __call__(self, articles: list[Article]) -> None:
        if any(a.ref == DIE for a in articles):
            os.kill(os.getpid(), signal.SIGKILL)


def real(ref: str, path: Path = SEED) -> Article:
    """A real article under another ref."""
    article = read_one(path)
    article.ref = ref
    return article


def with_stage(settings: Settings, stage: object) -> Pipeline:
    pipeline = Pipeline.default(settings)
    pipeline.stages.append(stage)  # type: ignore[arg-type]
    return pipeline


def only_error(article: Article) -> ErrorRecord:
    (error,) = article.errors
    return error


def records_of(article: Article) -> list[dict[str, object]]:
    return [r.to_dict() for r in article.records]


# -- records per article ----------------------------------------------------------------------


def test_an_article_over_max_records_is_an_error_and_the_next_goes_on() -> None:
    # The Geneva, Brussels and Vienna example articles make 131, 108 and 90
    # records; the Vienna JSON Lines file holds a second article (111).
    settings = Settings.load(env={}, max_records_per_article=100)
    records = list(extract([EXAMPLES], settings, happenings=False))
    articles = [r for r in records if r.kind == "article"]
    errors = {e.article_id: e for e in records if isinstance(e, ErrorRecord)}
    assert len(articles) == 4
    over = [a for a in articles if a.id in errors]
    assert len(over) == 3
    for article in over:
        error = errors[article.id]
        assert error.code == TOO_MANY_RECORDS and error.ref == article.ref
        count = int(error.reason.split(" records")[0].split()[-1].replace(",", ""))
        assert count > 100
        assert "more than max_records_per_article (100)" in error.reason
        assert "raise max_records_per_article" in error.reason
        # Its records are not kept: the article is stored as an error.
        assert not [r for r in records if getattr(r, "article_id", None) == article.id
                    and r.kind != "error"]
    (vienna,) = [a for a in articles if a.id not in errors]
    kept = [r for r in records if getattr(r, "article_id", None) == vienna.id]
    assert 0 < len(kept) <= 100


def test_an_article_stored_over_a_limit_is_processed_again_after_raising_it(tmp_path: Path) -> None:
    """The error's advice ("raise max_records_per_article") works on the same
    store: a later run processes such articles again and replaces them;
    articles stored whole still count as already stored."""
    from detente import api
    from detente.parallel import WORKER_DIED as died
    from detente.store import RETRYABLE, Store

    assert {TOO_SLOW, TOO_MANY_RECORDS, died} == RETRYABLE
    db = tmp_path / "limits.db"
    with Store(db) as store:
        first = api.ingest([EXAMPLES], store, Settings.load(env={}, max_records_per_article=100))
        assert first.added == 4
        assert store.conn.execute("SELECT count(*) FROM errors WHERE code=?", (TOO_MANY_RECORDS,)).fetchone()[0] == 3
        again = api.ingest([EXAMPLES], store, Settings.load(env={}))
        assert again.added == 3 and again.unchanged == 1
        assert store.conn.execute("SELECT count(*) FROM errors WHERE code=?", (TOO_MANY_RECORDS,)).fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
        # Every article now has its records (the Geneva one 131).
        per_article = dict(store.conn.execute("SELECT article_id, count(*) FROM actors GROUP BY 1").fetchall())
        assert len(per_article) == 4
        third = api.ingest([EXAMPLES], store, Settings.load(env={}))
        assert third.added == 0 and third.unchanged == 4
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_max_records_is_the_same_with_workers() -> None:
    inputs = [EXAMPLES, FIXTURES / "text" / "no-header.txt"]
    serial = [r.to_dict() for r in extract(inputs, Settings.load(env={}, max_records_per_article=100,
                                                                  batch_size=2))]
    parallel = [r.to_dict() for r in extract(inputs, Settings.load(env={}, max_records_per_article=100,
                                                                    batch_size=2, workers=2))]
    assert parallel == serial
    assert [r.get("code") for r in serial].count(TOO_MANY_RECORDS) == 3


# -- time per article, serial --------------------------------------------------------------------


def test_a_hanging_article_is_cut_at_the_time_limit_and_the_others_go_on(settings: Settings) -> None:
    """On the main thread the limit is a SIGALRM timer: an endless loop is
    cut. The batch first overruns as a whole; then every article runs again
    on its own, and the one before the hang keeps exactly the records of a
    normal run (none twice)."""
    reference = real("before")
    Pipeline.default(settings).run_batch([reference])
    limit = 2.0
    pipeline = with_stage(Settings.load(env={}, article_time_limit=limit), Hang())
    before, hang, after = real("before"), real(HANG), real("after", FIXTURES / "text" / "dateline-us.txt")
    pipeline.run_batch([before, hang, after])

    error = only_error(hang)
    assert error.code == TOO_SLOW and error.article_id == hang.id and error.ref == HANG
    assert error.reason == ("the pipeline took longer than 2 s on this article; the article is stored "
                            "as an error, raise article_time_limit to allow more")
    assert hang.records == [] and hang.doc is None
    assert before.errors == [] and after.errors == []
    assert records_of(before) == records_of(reference)
    assert before.stages == [*reference.stages, "hang.v1"]
    assert after.records and after.stages == before.stages
    # The timer is off and the previous handler back.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_the_time_limit_off_the_main_thread_is_checked_after_the_work() -> None:
    """The web app runs the pipeline in a request thread, where no alarm can
    reach the work: the slow article still becomes an error record. (Only
    the slow stage runs, so that the other article is far inside the limit
    however loaded the machine.)"""
    pipeline = Pipeline([Slow()], time_limit=0.5)
    slow, other = real(SLOW), real("other")
    thread = threading.Thread(target=pipeline.run_batch, args=([slow, other],))
    thread.start()
    thread.join()
    error = only_error(slow)
    assert error.code == TOO_SLOW and "longer than 0.5 s" in error.reason
    assert slow.stages == [] and other.errors == [] and other.stages == ["slow.v1"]


# -- time per article and dying workers, with workers ------------------------------------------------


def _patched_default(monkeypatch: pytest.MonkeyPatch, stage: object) -> None:
    """Every pipeline the workers build gets ``stage`` (inherited through fork)."""
    original = Pipeline.default.__func__  # type: ignore[attr-defined]

    def default(cls: type[Pipeline], settings: Settings) -> Pipeline:
        pipeline = original(cls, settings)
        pipeline.stages.append(stage)
        return pipeline

    monkeypatch.setattr(Pipeline, "default", classmethod(default))


def _outcome(inputs: list[Article], settings: Settings) -> dict[str, Article]:
    from detente.parallel import BatchRunner

    with BatchRunner(settings) as runner:
        runner.submit(inputs, "batch")
        ((tag, articles),) = list(runner.drain())
    assert tag == "batch"
    return {a.ref: a for a in articles}


@fork_only
def test_with_workers_the_parent_kills_a_hanging_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    _patched_default(monkeypatch, Hang())
    settings = Settings.load(env={}, workers=2, article_time_limit=3.0)
    refs = ["a", HANG, "b", "c"]
    done = _outcome([real(ref) for ref in refs], settings)
    assert list(done) == refs
    assert only_error(done[HANG]).code == TOO_SLOW
    assert "longer than 3 s" in only_error(done[HANG]).reason
    for ref in ("a", "b", "c"):
        assert done[ref].errors == [] and done[ref].records and done[ref].stages[-1] == "hang.v1"
    assert records_of(done["a"]) == records_of(done["c"])


@fork_only
def test_a_worker_that_dies_costs_only_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    _patched_default(monkeypatch, Die())
    settings = Settings.load(env={}, workers=2)
    refs = ["a", "b", DIE, "c"]
    done = _outcome([real(ref) for ref in refs], settings)
    assert list(done) == refs
    error = only_error(done[DIE])
    assert error.code == WORKER_DIED and "killed by signal 9" in error.reason
    assert done[DIE].records == []
    for ref in ("a", "b", "c"):
        assert done[ref].errors == [] and done[ref].records
