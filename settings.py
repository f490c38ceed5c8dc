"""Run-time settings, from the environment, behind one cached getter."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

from rekg.graph.iri import DEFAULT_BASE, IriMinter


@dataclass(frozen=True)
class Settings:
    store: str = "data/store"
    base: str = DEFAULT_BASE
    query_timeout_s: float = 10.0
    result_limit: int = 10_000
    long_query_s: float = 1.0  # a query running longer leaves the worker pool's count
    long_queries: int = 2  # at most this many run long at a time
    queue_wait_s: float = 3.0  # the longest a request waits for a free query worker
    host: str = "127.0.0.1"
    port: int = 8000


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@cache
def get_settings() -> Settings:
    """Settings from ``REKG_STORE``, ``REKG_BASE``, ``REKG_QUERY_TIMEOUT``, ``REKG_RESULT_LIMIT``,
    ``REKG_LONG_QUERY``, ``REKG_LONG_QUERIES``, ``REKG_QUEUE_WAIT``."""
    return Settings(
        store=os.environ.get("REKG_STORE", Settings.store),
        base=IriMinter.from_environment().base,
        query_timeout_s=_float("REKG_QUERY_TIMEOUT", Settings.query_timeout_s),
        result_limit=_int("REKG_RESULT_LIMIT", Settings.result_limit),
        long_query_s=_float("REKG_LONG_QUERY", Settings.long_query_s),
        long_queries=_int("REKG_LONG_QUERIES", Settings.long_queries),
        queue_wait_s=_float("REKG_QUEUE_WAIT", Settings.queue_wait_s),
    )
