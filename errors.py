"""The project's own exception types. Layers raise these; the CLI and the API translate them at the edges."""

from __future__ import annotations


class RekgError(Exception):
    """Base of every error rekg reports to a user: its message is one clear sentence."""


class StoreError(RekgError):
    """The store cannot do what was asked."""


class StoreNotFoundError(StoreError):
    """There is no store at the given location."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class UnsupportedOperationError(StoreError):
    """The backend does not support this operation."""


class QueryError(RekgError):
    """A SPARQL query is malformed, not allowed, or failed."""


class QueryTimeoutError(QueryError):
    """A SPARQL query ran past its time limit and was stopped."""


class DocumentError(RekgError):
    """A document cannot be read or ingested; it is skipped and the graph keeps what it had."""


class ValidationError(RekgError):
    """Input data (seeds, annotations) does not have the expected form."""
