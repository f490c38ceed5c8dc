"""Point lookups, answered in the server's own process; every other query goes to a worker.

A query runs in a worker process so that the time limit can stop it: pyoxigraph cannot interrupt a query.
The hop costs some 0.2 ms, more than a point lookup takes (the labels of one entity: 0.2 ms). A query that
cannot run away needs no stopping, so :class:`PointLookupsInline` answers those in the server.

:func:`is_point_lookup` accepts only a SELECT or ASK of one triple pattern whose subject is a constant: its
whole work is one scan of an index over that subject's triples (a few dozen for an entity here), so it is
bounded by that subject's out-degree — no join, no path, no sorting, no aggregate. The recogniser is one regular
expression over a strict subset of the grammar; anything outside it (a comment, a literal, a second pattern, a
FILTER, a blank node) is simply not a point lookup and goes to a worker, so it can only err on the safe side.
"""

from __future__ import annotations

import re

from rekg.api.sparql_exec import QueryAnswer, QueryJob, execute
from rekg.api.sparql_pool import QueryRunner
from rekg.graph.store import QuadStore

#: Longer than any point lookup with its prefixes; a longer text is not looked at.
MAX_POINT_LOOKUP_LENGTH = 8_000
_IRI = r"<[^<>\"{}|^`\\\s]*>"
_PNAME = r"(?:[A-Za-z][A-Za-z0-9_-]*)?:(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?"
_VAR = r"[?$][A-Za-z_][A-Za-z0-9_]*"
_CONSTANT = rf"(?:{_IRI}|{_PNAME})"
#: The whole of a point lookup, from its first character to its last; keywords in any case, as SPARQL has them.
_POINT_LOOKUP = re.compile(
    rf"\s*(?:PREFIX\s+(?:[A-Za-z][A-Za-z0-9_-]*)?:\s*{_IRI}\s*)*"
    rf"(?:SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?(?:\*|{_VAR}(?:\s+{_VAR})*)|ASK)\s*"
    rf"(?:WHERE\s*)?\{{\s*{_CONSTANT}\s+(?:{_CONSTANT}|a|{_VAR})\s+(?:{_CONSTANT}|{_VAR})\s*(?:\.\s*)?\}}"
    rf"\s*(?:(?:LIMIT|OFFSET)\s+[0-9]+\s*)*",
    re.IGNORECASE | re.ASCII,
)


def is_point_lookup(query: str) -> bool:
    """Whether ``query`` is ``[PREFIX …]* SELECT [DISTINCT|REDUCED] (?v…|*) [WHERE] { S P O [.] }
    [LIMIT n] [OFFSET n]`` or ``ASK [WHERE] { S P O [.] }`` with S an IRI (written out or prefixed), P an
    IRI, ``a`` or a variable, and O an IRI or a variable (one regular expression over the whole text)."""
    return len(query) <= MAX_POINT_LOOKUP_LENGTH and _POINT_LOOKUP.fullmatch(query) is not None


class PointLookupsInline:
    """A :class:`~rekg.api.sparql_pool.QueryRunner` that answers point lookups from ``store`` in the calling
    thread and hands every other query to ``runner`` (the worker pool, with its time limit)."""

    def __init__(self, store: QuadStore, runner: QueryRunner) -> None:
        self._store = store
        self.runner = runner
        self.timeout_s = runner.timeout_s

    def run(self, job: QueryJob) -> QueryAnswer:
        if is_point_lookup(job.query):
            return execute(self._store, job)
        return self.runner.run(job)

    async def run_async(self, job: QueryJob) -> QueryAnswer:
        if is_point_lookup(job.query):
            return execute(self._store, job)  # bounded by one subject's triples: no need to leave the loop
        return await self.runner.run_async(job)

    def warm(self) -> None:
        self.runner.warm()

    def close(self) -> None:
        self.runner.close()
