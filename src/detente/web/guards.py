"""The ASGI middleware around the API: what every request goes through
before a route sees it. :func:`install` adds them, outermost first:

1. :class:`SecurityHeaders`: the headers of
   :data:`~detente.web.errors.SECURITY_HEADERS` on every response.
2. :class:`HostCheck`: the ``Host`` header must name an allowed host (the
   ``allowed_hosts`` setting; loopback names by default), else 400. A web
   page elsewhere could otherwise read the store through the
   unauthenticated GETs by rebinding its own DNS name to 127.0.0.1.
3. :class:`HeadAsGet`: HEAD is answered wherever GET is, with GET's status
   and headers and no body.
4. :class:`SizeLimit`: a request line and headers over
   ``max_request_bytes`` are refused with 431 (server.py bounds them too
   while they arrive), a body over its limit with 413, from its
   ``Content-Length`` or while it is read (a chunked body too).
5. :class:`DisconnectWatch`: a GET's cancellation flag is set when the
   client goes away, so that the store stops working for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterable

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import SECURITY_HEADERS, ApiError, envelope

#: Sent with a refusal of a request that is too large: its unread rest
#: would be taken for the next request on the connection.
CLOSE = {"Connection": "close"}
#: The scope key of a GET request's cancellation flag (a threading.Event).
CANCELLED = "detente.cancelled"
#: Methods whose requests carry no body that means anything (RFC 9110):
#: a read's body is left unread and bounded by ``max_request_bytes``.
READS = frozenset({"GET", "HEAD"})


class SecurityHeaders:
    """Adds the security headers to every response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(header: str) -> str:
    """The host of a Host header, lower case, without its port or a
    trailing dot: ``[::1]:8000`` -> ``::1``, ``LocalHost.:80`` -> ``localhost``."""
    value = header.strip().lower()
    if value.startswith("["):  # an IPv6 literal: [::1] or [::1]:8000
        end = value.find("]")
        return value[1:end] if end > 0 else value
    if value.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        value = value.partition(":")[0]
    return value.rstrip(".")


class HostCheck:
    """Answers 400 (the API's envelope) to a request whose Host header is
    missing or names a host not in ``allowed`` ("*" allows any)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(host_name(h) for h in allowed)
        self.any = "*" in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any:
            await self.app(scope, receive, send)
            return
        header = Headers(scope=scope).get("host")
        if header is not None and host_name(header) in self.allowed:
            await self.app(scope, receive, send)
            return
        named = "no Host header" if header is None else f"the Host header {header[:100]!r}"
        message = (f"this server does not answer to {named}; it answers to "
                   f"{', '.join(sorted(self.allowed))} (the allowed_hosts setting: add the name "
                   "you reach it by, or '*' for any)")
        await envelope(400, "bad_host", message)(scope, receive, send)


class HeadAsGet:
    """Runs a HEAD request as a GET and sends its status and headers
    (Content-Length included) without the body. FastAPI routes answer the
    methods they are declared with only, so HEAD was a 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        ended = False

        async def send_head(message: Message) -> None:
            nonlocal ended
            if message["type"] != "http.response.body":
                await send(message)
            elif not ended and not message.get("more_body", False):
                ended = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_head)


def head_size(scope: Scope) -> int:
    """The bytes of a request's target and headers, about as sent."""
    target = len(scope.get("raw_path") or scope["path"].encode("utf-8")) + len(scope.get("query_string", b""))
    return target + sum(len(name) + len(value) + 4 for name, value in scope["headers"])


class SizeLimit:
    """Refuses a request line and headers over ``max_read`` bytes (431:
    h11 bounds only what arrives in pieces, not a whole request read at
    once), and a body over its limit (413): ``max_body`` for a write (an
    article to ingest), ``max_read`` for a GET or HEAD."""

    def __init__(self, app: ASGIApp, max_body: int, max_read: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_read = max_read

    def _too_large(self, method: str) -> str:
        if method in READS:
            return (f"the request body is larger than {self.max_read:,} bytes, the server's limit for a "
                    f"{method} (the max_request_bytes setting); a {method} needs no body")
        return (f"the request body is larger than {self.max_body:,} bytes, the server's limit "
                "(detente serve --max-body, default the max_input_bytes setting); send a smaller "
                "article")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if head_size(scope) > self.max_read:
            await envelope(431, "request_too_large", (
                f"the request line and headers are larger than {self.max_read:,} bytes, the server's "
                "limit (the max_request_bytes setting); send a shorter URL or fewer headers"), CLOSE)(
                scope, receive, send)
            return
        limit = self.max_read if method in READS else self.max_body
        length = Headers(scope=scope).get("content-length")
        if length is not None:
            if not length.strip().isdigit():
                await envelope(400, "bad_request", "the Content-Length header is not a number")(
                    scope, receive, send)
                return
            if int(length) > limit:
                await envelope(413, "payload_too_large", self._too_large(method), CLOSE)(scope, receive, send)
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise ApiError(413, self._too_large(method))
            return message

        await self.app(scope, limited_receive, send)


class DisconnectWatch:
    """Gives every GET a cancellation flag (``scope[CANCELLED]``, a
    threading.Event that the route's store connection checks: see
    ``get_store`` in app.py) and sets it when the client disconnects, so that
    a query nobody waits for any more stops.

    A route that runs in a thread never reads the request again, so the
    server would not notice the client leaving: this middleware owns the
    request's ``receive`` instead. It reads (and drops, up to ``max_read``
    bytes) the body a GET should not have, then waits for the disconnect;
    the app sees an empty body."""

    def __init__(self, app: ASGIApp, max_read: int) -> None:
        self.app = app
        self.max_read = max_read

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in READS:
            await self.app(scope, receive, send)
            return
        cancelled = threading.Event()
        gone = asyncio.Event()

        async def watch() -> None:
            read = 0
            while read <= self.max_read:
                try:
                    message = await receive()
                except ApiError:  # a chunked body over SizeLimit's bound: left unread
                    return
                if message["type"] == "http.disconnect":
                    cancelled.set()
                    gone.set()
                    return
                read += len(message.get("body", b""))

        first = True

        async def app_receive() -> Message:
            nonlocal first
            if first:
                first = False
                return {"type": "http.request", "body": b"", "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        watcher = asyncio.ensure_future(watch())
        try:
            await self.app({**scope, CANCELLED: cancelled}, app_receive, send)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


def install(app: Starlette, *, allowed_hosts: Iterable[str], max_body: int, max_read: int) -> None:
    """Add the guards to ``app``, in the order the module's docstring gives
    (Starlette runs the middleware added last first)."""
    app.add_middleware(DisconnectWatch, max_read=max_read)
    app.add_middleware(SizeLimit, max_body=max_body, max_read=max_read)
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostCheck, allowed=tuple(allowed_hosts))
    app.add_middleware(SecurityHeaders)


__all__ = ["CANCELLED", "DisconnectWatch", "HeadAsGet", "HostCheck", "SecurityHeaders", "SizeLimit",
           "head_size", "host_name", "install"]
