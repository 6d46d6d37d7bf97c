"""Serving the app with uvicorn, as ``detente serve`` does:
``run(create_app(db, settings=...), host=..., port=...)``.

What it adds to ``uvicorn.run``:

- The request line and headers are bounded by the ``max_request_bytes``
  setting (h11's ``max_incomplete_event_size``), and the body by the app
  (see :mod:`detente.web.guards`).
- uvicorn's own error answers (a request h11 cannot parse, headers over the
  bound) carry the API's error envelope and security headers:
  :class:`Protocol`. Those that stay uvicorn's own, because no app runs for
  them: the 503 of ``limit_concurrency`` (which detente does not set) and a
  500 when the app fails before it starts its response (the app's own
  handlers answer every exception first).
- A shutdown (SIGTERM, SIGINT) first sets the app's ``stopping`` flag, so
  that running queries stop at their next progress check and their requests
  end, instead of uvicorn waiting for them for as long as they take.
"""

from __future__ import annotations

import http
import json
import socket
import threading
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import SECURITY_HEADERS

#: Seconds uvicorn waits for requests to end after a shutdown signal before
#: it cancels them. Queries stop within milliseconds of the stopping flag;
#: this bounds the rest (an article being ingested over HTTP, whose store
#: transaction is rolled back when cancelled).
GRACE = 10


class Protocol(H11Protocol):
    """uvicorn's h11 protocol, whose answer to a request it cannot parse is
    the API's error envelope with the security headers: 431 when the
    request line and headers exceed the bound, else 400."""

    def send_400_response(self, msg: str) -> None:
        # uvicorn has logged ``msg`` ("Invalid HTTP request received.") already.
        limit = self.config.h11_max_incomplete_event_size
        pending = len(self.conn.trailing_data[0])
        if limit is not None and pending > limit:
            status, code = 431, "request_too_large"
            message = (f"the request line and headers are larger than {limit:,} bytes, the server's "
                       "limit (the max_request_bytes setting); send a shorter URL or fewer headers")
        else:
            status, code = 400, "bad_request"
            message = ("the request is not valid HTTP/1.1 (its request line or headers could not be "
                       "parsed); check the client that sent it")
        body = json.dumps({"error": {"status": status, "code": code, "message": message}}).encode("utf-8")
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"),
                   *((name.lower().encode("latin-1"), value.encode("latin-1"))
                     for name, value in SECURITY_HEADERS.items())]
        reason = http.HTTPStatus(status).phrase.encode("latin-1")
        for event in (h11.Response(status_code=status, headers=headers, reason=reason), h11.Data(data=body),
                      h11.EndOfMessage()):
            output = self.conn.send(event)
            if output:
                self.transport.write(output)
        self.transport.close()


class Server(uvicorn.Server):
    """uvicorn's server, which sets ``stopping`` when it starts to shut down."""

    def __init__(self, config: uvicorn.Config, stopping: threading.Event | None = None) -> None:
        super().__init__(config)
        self.stopping = stopping

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.stopping is not None:
            self.stopping.set()
        await super().shutdown(sockets=sockets)


def config(app: Any, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info",
           **options: Any) -> uvicorn.Config:
    """The uvicorn configuration for the app made by ``create_app``."""
    settings = app.state.detente.settings
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, http=Protocol,
                          h11_max_incomplete_event_size=settings.max_request_bytes,
                          timeout_graceful_shutdown=GRACE, **options)


def server(app: Any, **options: Any) -> Server:
    """A server for the app made by ``create_app`` (options: :func:`config`'s)."""
    return Server(config(app, **options), stopping=app.state.detente.stopping)


def run(app: Any, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Serve the app made by ``create_app`` until SIGTERM or SIGINT."""
    server(app, host=host, port=port, log_level=log_level).run()


__all__ = ["GRACE", "Protocol", "Server", "config", "run", "server"]
