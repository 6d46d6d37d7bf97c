import pytest

from detente import Article, Pipeline, PipelineError, Settings
from detente.pipeline import process
from detente.stages.annotate import Annotate
from detente.stages.entities import Entities
from detente.stages.language import DetectLanguage, identify
from tests.conftest import FIXTURES, SEED, read_one


def test_pipeline_out_of_order_fails_when_built(settings: Settings) -> None:
    with pytest.raises(PipelineError, match="entities.v1 needs doc, sentences"):
        Pipeline([DetectLanguage(settings), Entities()])


class Broken:
    name = "broken.v1"
    requires = frozenset({"text"})
    provides = frozenset({"nothing"})

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if "boom" in article.text:
                raise RuntimeError("boom")


def test_pipeline_a_crashing_stage_fails_one_article_not_the_batch() -> None:
    good = Article.create("good", "A quiet day in Brussels.")
    bad = Article.create("bad", "Something goes boom here.")
    Pipeline([Broken()]).run_batch([good, bad])
    assert good.errors == []
    (error,) = bad.errors
    assert error.code == "internal" and "broken.v1" in error.reason and "RuntimeError" in error.reason
    assert good.stages == bad.stages == ["broken.v1"]


def test_language_identification_on_fixtures() -> None:
    assert identify(SEED.read_text("utf-8"))[0] == "en"
    lang, prob = identify(read_one(FIXTURES / "lang" / "german.txt").text)
    assert lang == "de" and prob > 0.99


@pytest.mark.model
def test_pipeline_non_english_is_recorded_and_not_parsed(settings: Settings) -> None:
    article = process(read_one(FIXTURES / "lang" / "german.txt"), settings)
    assert article.language == "de"
    assert article.doc is None and article.records == []
    (error,) = article.errors
    assert error.code == "language" and "German (de)" in error.reason
    assert error.article_id == article.id


@pytest.mark.model
def test_pipeline_short_text_language_unknown_still_runs(settings: Settings) -> None:
    article = process(Article.create("t", "NATO met Russia."), settings)
    assert article.language is None and article.errors == []
    assert article.doc is not None


@pytest.mark.model
def test_pipeline_seed_sentences_and_mentions(settings: Settings) -> None:
    article = process(read_one(SEED), settings)
    assert article.stages == ["language.v1", "annotate.v1", "entities.v1", "actors.v1", "quotes.v1",
                              "times.v1", "places.v2", "claims.v1", "events.v1", "stances.v1"]
    assert article.language == "en"
    # Sentences never cross a paragraph break, and their spans are trimmed.
    for span in article.sentences:
        sentence = article.evidence(span)
        assert "\n\n" not in sentence and sentence == sentence.strip()
    assert article.evidence(article.sentences[0]).startswith("NATO and Russian officials")
    people = {m.text for m in article.records if m.kind == "mention" and m.label == "PERSON"}
    assert {"Jens Stoltenberg", "Alexander Grushko", "Julianne Smith", "Dmitry Peskov"} <= people
    for mention in (r for r in article.records if r.kind == "mention"):
        assert article.text[mention.start : mention.end] == mention.text
        assert mention.stage == "entities.v1"


@pytest.mark.model
def test_annotate_uses_the_configured_model(settings: Settings) -> None:
    stage = Annotate(settings)
    assert "detente_paragraphs" in stage.nlp.pipe_names
    assert stage.nlp.pipe_names.index("detente_paragraphs") < stage.nlp.pipe_names.index("parser")


def test_missing_model_is_a_config_error() -> None:
    from detente import ConfigError
    from detente.nlp import load_model

    with pytest.raises(ConfigError, match="not installed.*never downloads"):
        load_model("en_core_web_nonexistent")


@pytest.mark.model
def test_pipeline_processing_is_a_pure_function(settings: Settings) -> None:
    first = process(read_one(SEED), settings)
    second = process(read_one(SEED), settings)
    assert first.id == second.id
    assert [r.to_dict() for r in first.records] == [r.to_dict() for r in second.records]


@pytest.mark.model
def test_pipeline_workers_give_the_same_records_in_the_same_order(settings: Settings) -> None:
    from detente import extract
    from tests.conftest import EXAMPLES

    small = Settings.load(env={}, batch_size=2)
    inputs = [EXAMPLES, FIXTURES / "bad" / "empty.txt", SEED, FIXTURES / "lang" / "german.txt"]
    serial = [r.to_dict() for r in extract(inputs, small)]
    parallel = [r.to_dict() for r in extract(inputs, Settings.load(env={}, batch_size=2, workers=2))]
    assert parallel == serial
    assert [r["kind"] for r in serial].count("article") == 6


def test_language_identification_never_calls_english_news_foreign() -> None:
    """Calibration of language_min_confidence: on the 120 English Wikinews
    articles of the MEANTIME set no text, nor its first 60 characters, is
    called another language with the default confidence (lowest English
    probability seen: 0.9995)."""
    import json

    from tests.conftest import SHARED

    lines = (SHARED / "data" / "meantime_time_dev" / "inputs.jsonl").read_text("utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    threshold = Settings.load(env={}).language_min_confidence
    for text in texts:
        for sample in (text, text[:60]):
            lang, prob = identify(sample)
            assert lang == "en" or prob < threshold, (lang, prob, sample[:60])
