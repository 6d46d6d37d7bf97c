"""detente: news in, a verifiable record of international politics out.

The public API::

    import detente
    settings = detente.Settings.load(model="en_core_web_sm")
    for record in detente.extract(["examples/"], settings):
        print(record.to_dict())

    with detente.Store("detente.db") as store:
        report = detente.ingest(["examples/"], store, settings)

Everything not named in ``__all__`` is private and may change.
"""

from .about import RULES_VERSION, __version__
from .api import IngestReport, Outcome, extract, ingest, process
from .article import Article
from .errors import (
    ConfigError,
    DetenteError,
    InputError,
    PipelineError,
    StoreError,
)
from .pipeline import Pipeline, Stage
from .records import (
    RECORD_TYPES,
    ActorRecord,
    ArticleRecord,
    ClaimRecord,
    ErrorRecord,
    EventRecord,
    HappeningRecord,
    MentionRecord,
    PlaceRecord,
    QuoteRecord,
    Record,
    StanceRecord,
    TimeRecord,
    record_from_dict,
)
from .settings import Settings
from .store import Store

__all__ = [
    "RECORD_TYPES",
    "RULES_VERSION",
    "ActorRecord",
    "Article",
    "ArticleRecord",
    "ClaimRecord",
    "ConfigError",
    "DetenteError",
    "ErrorRecord",
    "EventRecord",
    "HappeningRecord",
    "IngestReport",
    "InputError",
    "MentionRecord",
    "Outcome",
    "Pipeline",
    "PipelineError",
    "PlaceRecord",
    "QuoteRecord",
    "Record",
    "StanceRecord",
    "Settings",
    "Stage",
    "Store",
    "StoreError",
    "TimeRecord",
    "__version__",
    "extract",
    "ingest",
    "process",
    "record_from_dict",
]
