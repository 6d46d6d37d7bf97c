"""detente's exceptions.

The hierarchy, drawn::

    DetenteError                 base of everything detente raises on purpose
    ├── ConfigError              a setting is unknown, malformed or out of range,
    │                            or the spaCy model it names is not installed
    ├── PipelineError            stages are out of order: a stage needs what no
    │                            earlier stage provides (raised when building)
    ├── StoreError               the SQLite store cannot be opened or migrated
    │   ├── StoreLockedError     another process held the store's write lock
    │   │                        longer than ``lock_timeout`` (the CLI exits 5)
    │   └── QueryError           a search query or filter the store cannot run
    │                            (bad FTS5 syntax)
    └── InputError               one input cannot be turned into an article;
        │                        it becomes an ``error`` record and the other
        │                        inputs go on
        ├── EmptyInputError      nothing to read (0 bytes, only white space,
        │                        no extractable main text)
        ├── BinaryInputError     not text (an image, a PDF, random bytes)
        ├── EncodingError        the text encoding cannot be determined
        ├── InputTooLargeError   over ``max_input_bytes`` / ``max_text_chars``
        ├── MalformedInputError  broken JSON, XML, HTML or WARC
        └── LanguageError        not in a language the pipeline handles

Three more error-record codes come from running the pipeline, not from
reading (constants in ``pipeline.py`` and ``parallel.py``): ``too_slow`` (an
article took longer than ``article_time_limit``), ``too_many_records`` (it
made more than ``max_records_per_article``) and ``worker_died`` (its worker
process died, e.g. killed for memory). The article is stored with the error,
and the other articles go on.

Every ``InputError`` carries ``ref`` (which input) and a ``reason`` that says
what is wrong and what the user can do about it. Readers raise them; the
code that drives readers turns them into :class:`detente.records.ErrorRecord`
so that one bad input never stops the others. Nothing is swallowed: every
failure ends up as an error record in the output and the store.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class of detente's own exceptions."""


class ConfigError(DetenteError):
    """A setting is invalid, or names something that is not installed."""


class PipelineError(DetenteError):
    """The pipeline's stages cannot run in the order given."""


class StoreError(DetenteError):
    """The store cannot be opened, migrated or written."""


class StoreLockedError(StoreError):
    """Another process kept the store locked for longer than the
    ``lock_timeout`` setting: nothing is wrong with the store or the input,
    so trying again later works."""


class QueryError(StoreError):
    """A query the store cannot run as given: the asker's mistake (the HTTP
    API answers 400), not the store's."""


class InputError(DetenteError):
    """One input could not be read into an article.

    ``code`` is a stable short name for the failure (stored with the error
    record, handy for ``GROUP BY``); ``reason`` is a sentence a person can act on.
    """

    code = "input"

    def __init__(self, ref: str, reason: str) -> None:
        super().__init__(f"{ref}: {reason}")
        self.ref = ref
        self.reason = reason


class EmptyInputError(InputError):
    code = "empty"


class BinaryInputError(InputError):
    code = "binary"


class EncodingError(InputError):
    code = "encoding"


class InputTooLargeError(InputError):
    code = "too_large"


class MalformedInputError(InputError):
    code = "malformed"


class LanguageError(InputError):
    code = "language"


__all__ = [
    "BinaryInputError",
    "ConfigError",
    "DetenteError",
    "EmptyInputError",
    "EncodingError",
    "InputError",
    "InputTooLargeError",
    "LanguageError",
    "MalformedInputError",
    "PipelineError",
    "QueryError",
    "StoreError",
    "StoreLockedError",
]
