"""The HTTP API and web page of a detente store (``detente serve``; needs
the ``web`` extra: ``pip install 'detente[web]'``).

``create_app(db, token=..., settings=..., max_body=...)`` returns the FastAPI
app: JSON (or CSV) lists of the store's records under ``/api/``, one error
envelope, ingestion over HTTP only with a token, and the web page from
``static/``. ``run(app, host=..., port=...)`` serves it with uvicorn
(server.py: bounded requests, enveloped protocol errors, a prompt shutdown).
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "run"]


def __getattr__(name: str) -> Any:
    # FastAPI and uvicorn are imported on first use, so that ``python -m
    # detente.web.assets`` (the page's build step) needs no web extra.
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "run":
        from .server import run

        return run
    raise AttributeError(name)
