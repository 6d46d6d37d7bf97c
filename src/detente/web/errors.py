"""One error envelope for every error the HTTP API answers.

::

    {"error": {"status": 404, "code": "not_found",
               "message": "there is no article with id 0123456789abcdef; ..."}}

``status`` repeats the HTTP status, ``code`` is a stable short name and
``message`` a sentence a person can act on. The handlers below turn every
exception into it: :class:`ApiError` (what the routes raise), Starlette's
HTTPException (unknown routes, wrong methods), FastAPI's
RequestValidationError (a bad query parameter or body), detente's own
exceptions, and anything else (500, logged with its traceback).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import DetenteError, InputError, QueryError, StoreLockedError
from ..store.queries import QueryTooCostly

log = logging.getLogger(__name__)

#: Sent with every response. The web page is served by the same app from
#: /static/ and uses no inline script, so 'self' is all it needs.
SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
}

#: The default ``code`` of each status.
CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "invalid_request", 431: "request_too_large",
    500: "internal_error", 503: "unavailable",
}  # fmt: skip


class ApiError(HTTPException):
    """An error a route answers with: status, code and message."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, message, dict(headers) if headers else None)
        self.code = code or CODES.get(status, "error")
        self.message = message


def envelope(status: int, code: str, message: str,
             headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The error response, with the security headers (a 500 is sent past
    the middleware that adds them to everything else)."""
    return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                        status_code=status, headers={**SECURITY_HEADERS, **(headers or {})})


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if isinstance(exc, ApiError):
        return envelope(exc.status_code, exc.code, exc.message, exc.headers)
    status = exc.status_code
    path = request.url.path
    if status == 404:
        message = (f"there is nothing at {path}; the API's endpoints are under /api/ and listed "
                   "in /openapi.json")
    elif status == 405:
        allowed = (exc.headers or {}).get("Allow") or (exc.headers or {}).get("allow")
        message = (f"{request.method} is not allowed on {path}"
                   + (f"; use {allowed}" if allowed else "") + " (see /openapi.json)")
    else:
        message = str(exc.detail)
    return envelope(status, CODES.get(status, "error"), message, exc.headers)


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "body"))
        message = error.get("msg", "is not valid")
        given = error.get("input")
        if error.get("type") == "value_error" and "error" in error.get("ctx", {}):
            message = str(error["ctx"]["error"])  # our own checks' sentence, without "Value error, "
        elif isinstance(given, str | int | float) and not isinstance(given, bool):
            message = f"{message}, not {repr(given)[:100]}"
        problems.append(f"{where or 'the request'}: {message}")
    return envelope(422, "invalid_request", "; ".join(problems) + " (see /openapi.json)")


def _detente_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DetenteError)
    if isinstance(exc, QueryTooCostly):
        return envelope(422, "query_too_costly", str(exc))
    if isinstance(exc, QueryError):
        return envelope(400, "bad_query", str(exc))
    if isinstance(exc, InputError):
        return envelope(422, exc.code, exc.reason)
    # The server's own failures name files: the client gets their names, the
    # log the whole paths.
    if isinstance(exc, StoreLockedError):  # another process holds the write lock: try again
        return envelope(503, "store_locked", hide_paths(str(exc)), {"Retry-After": "5"})
    code = {"ConfigError": "config_error", "PipelineError": "pipeline_error",
            "StoreError": "store_error"}.get(type(exc).__name__, "detente_error")
    log.error("%s %s: %s", request.method, request.url.path, exc)
    return envelope(500, code, hide_paths(str(exc)))


#: An absolute POSIX path of two or more parts, not inside a URL.
_PATH = re.compile(r"(?<![\w:/.])(?:/[^\s/'\"]+)+/([^\s/'\"]+)")


def hide_paths(message: str) -> str:
    """``message`` with each absolute path replaced by its last part
    (``cannot open the store /srv/data/detente.db`` -> ``... detente.db``)."""
    return _PATH.sub(r"\1", message)


def _any_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return envelope(500, "internal_error",
                    f"detente failed on this request ({type(exc).__name__}); this is a bug in "
                    "detente: please report it with the request and the server's log")


def install(app: FastAPI) -> None:
    """Register the handlers that answer every error with the envelope."""
    handlers: list[tuple[type[Exception], Any]] = [
        (HTTPException, _http_error),
        (RequestValidationError, _validation_error),
        (DetenteError, _detente_error),
        (Exception, _any_error),
    ]
    for exc_class, handler in handlers:
        app.add_exception_handler(exc_class, handler)


__all__ = ["CODES", "SECURITY_HEADERS", "ApiError", "envelope", "hide_paths", "install"]
