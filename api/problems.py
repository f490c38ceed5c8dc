"""The API's own error types (all :class:`rekg.errors.RekgError`) and their HTTP status codes.

Routes and helpers raise these; :mod:`rekg.api.errors` turns every RekgError into a 4xx/5xx answer at the edge.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from rekg.errors import (
    QueryError,
    QueryTimeoutError,
    RekgError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    UnsupportedOperationError,
)


class NotFoundError(RekgError):
    """No such entity, resource or page."""


class NameNotFoundError(NotFoundError):
    """No entity has this name — a 404 that carries the candidates below the lookup floor, so that a client
    can offer them ("did you mean"), but never picks one."""

    def __init__(self, query: str, suggestions: list[dict[str, Any]]) -> None:
        super().__init__(f"no entity is named {query!r}")
        self.query = query
        self.suggestions = suggestions

    def details(self) -> dict[str, Any]:
        """What the error's JSON body adds to ``status`` and ``message``."""
        return {"query": self.query, "suggestions": self.suggestions}


class BadRequestError(RekgError):
    """A request parameter is missing or malformed."""


class NotAcceptableError(RekgError):
    """None of the formats the client accepts can represent the answer."""


class UnsupportedMediaTypeError(RekgError):
    """The request body has a content type the endpoint does not read."""


class ForbiddenQueryError(QueryError):
    """A SPARQL request the endpoint refuses on principle: updates, SERVICE calls to other hosts."""


class BusyError(RekgError):
    """Every query worker is busy; the client may try again shortly."""


#: Status codes, most specific class first (the first ``isinstance`` match wins).
STATUS: tuple[tuple[type[RekgError], int], ...] = (
    (NotFoundError, 404),
    (BadRequestError, 400),
    (NotAcceptableError, 406),
    (UnsupportedMediaTypeError, 415),
    (ForbiddenQueryError, 403),
    (QueryTimeoutError, 503),
    (BusyError, 503),
    (QueryError, 400),
    (UnsupportedOperationError, 403),
    (StoreNotFoundError, 503),
    (StoreLockedError, 503),
    (StoreError, 503),
)


#: Seconds a client is asked to wait before trying again, when the server is busy.
RETRY_AFTER_S = 2


def retry_after(error: RekgError) -> dict[str, str] | None:
    """The Retry-After header of a busy server's answer; None for any other error."""
    return {"Retry-After": str(RETRY_AFTER_S)} if isinstance(error, BusyError) else None


def status_of(error: RekgError) -> int:
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 500


class ErrorDetail(BaseModel):
    status: int
    message: str


class ErrorBody(BaseModel):
    """Every error's JSON body (a browser gets an HTML page instead)."""

    error: ErrorDetail


#: What each error status means, for the API description.
MEANINGS = {
    400: "A parameter is malformed, is not UTF-8 or holds a NUL, or names nothing the API knows",
    403: "Refused on principle: SPARQL Update, SERVICE",
    404: "No such entity, resource or page",
    406: "None of the formats the client accepts can represent the answer",
    415: "The request body has a content type the endpoint does not read",
    422: "A parameter is missing, or out of its range",
    503: "The query ran past the time limit, every query worker is busy, or the store is unavailable; "
    "a busy server says when to try again (Retry-After)",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route for these error statuses: each with the error body's schema (and
    Retry-After for 503)."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {"model": ErrorBody, "description": MEANINGS[status]}
        if status == 503:
            entry["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before trying again",
                    "schema": {"type": "integer"},
                }
            }
        out[status] = entry
    return out
