"""The API's own error types (all :class:`rekg.errors.RekgError`) and their HTTP status codes.

Routes and helpers raise these; :mod:`rekg.api.errors` turns every RekgError into a 4xx/5xx answer at the edge.
"""

from __future__ import annotations

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
