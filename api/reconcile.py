"""Reconciliation queries of the W3C Entity Reconciliation API 0.2: a batch of queries read and checked, each
answered with candidates from the name index (:mod:`rekg.graph.lookup`), re-scored by the properties given,
and at most one of them marked as a match.

**Scores** (0–100, candidates sorted by them, best first). A candidate's *name score* is its lookup score:
100 an exact name, 95 an alias, 90 pinyin or the leading words of an English name, 88 another legal form,
86 inner English words, 85 initials, 50–84 a Latin spelling with slips, 66–74 a longer name beginning with
the query, 50–65 a look-alike; 100 for an entity's own identifier and 95 for its stock code. Each property of
the query then counts: **+10** when the candidate's value agrees (its stock code; an owner at any level up;
a place at any level up), **−30** for a different stock code, **−15** when the candidate's owners are known
and the parent given is none of them; a place that differs counts nothing (places are many and partly
known). The score shown is that sum held within 0–100; the ranking and the decision use the sum itself.

**Match** (``match: true``) only on the top candidate, and only when all of these hold: its name score is at
least the lookup floor (:data:`~rekg.graph.lookup.HIT_FLOOR`, 75 — the query is one of its names, not a
longer name, a look-alike or a near neighbour); no property of the query contradicts it; and no other
candidate at or above the floor comes within :data:`MARGIN` (5) of it. A name the graph lacks has no
candidate at or above the floor, so it is never a match.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from rekg.api.problems import BadRequestError
from rekg.api.reconcile_catalogue import (
    OWNER_DEPTH,
    PLACE_DEPTH,
    Catalogue,
    ReconProperty,
    find_property,
    normalise_code,
)
from rekg.graph.lookup import HIT_FLOOR, KIND_ORDER, LookupHit
from rekg.graph.text import fold

#: The batch size the manifest advertises, and the most queries a batch may hold (beyond: a 413).
BATCH_SIZE = 50
MAX_BATCH = 500
#: Candidates a query gets without ``limit``, and at most.
DEFAULT_LIMIT = 5
MAX_LIMIT = 100
#: How many candidates are weighed before the limit is applied (so that a property can lift a lower one, and
#: a rival beyond the limit still makes the top one ambiguous).
WEIGHED = 10
#: A query longer than this is no entity's name: it has no candidates.
MAX_NAME = 200
#: What a property adds when it agrees, and takes away when it contradicts (see the module's docstring).
AGREE = 10.0
DISAGREE = {"stockCode": 30.0, "subsidiaryOf": 15.0, "locatedIn": 0.0}
#: The top candidate is a match only when no other candidate at or above the floor is this close to it.
MARGIN = 5.0
#: Scores of an entity found by its own identifier or by its stock code.
IDENTIFIER_SCORE = 100.0
STOCK_CODE_SCORE = 95.0
_FIELDS = frozenset({"query", "type", "limit", "properties", "type_strict"})
_STRICTNESS = frozenset({"any", "should", "all"})


class BatchTooLargeError(BadRequestError):
    """A batch of more queries than :data:`MAX_BATCH` (answered with 413)."""


@dataclass(frozen=True)
class Value:
    """A property value of a query: text, or an entity's identifier (a value reconciled before)."""

    text: str = ""
    identifier: str = ""


@dataclass(frozen=True)
class Constraint:
    prop: ReconProperty
    values: tuple[Value, ...]


@dataclass(frozen=True)
class ReconQuery:
    text: str
    kinds: frozenset[str] | None  # None: every kind
    limit: int
    constraints: tuple[Constraint, ...]


@dataclass(frozen=True)
class Candidate:
    iri: str
    name_score: float
    how: str
    weight: float  # the name score plus what the properties add and take away
    verdicts: tuple[tuple[str, int], ...]  # (property, 1 agrees / 0 unknown / -1 contradicts)

    @property
    def score(self) -> float:
        return round(min(100.0, max(0.0, self.weight)), 1)

    @property
    def contradicted(self) -> bool:
        return any(verdict < 0 and DISAGREE[pid] > 0 for pid, verdict in self.verdicts)


# -- reading ---------------------------------------------------------------------------------------------------


def parse_batch(text: str, catalogue: Catalogue) -> dict[str, ReconQuery]:
    """A ``queries=`` parameter: a JSON object of queries by key. BadRequestError saying what is wrong."""
    raw = read_json(text, "queries")
    if not isinstance(raw, dict):
        raise BadRequestError(
            'queries must be a JSON object of queries by key, e.g. {"q0": {"query": "凉山稀土"}}'
        )
    if len(raw) > MAX_BATCH:
        raise BatchTooLargeError(
            f"the batch holds {len(raw)} queries; at most {MAX_BATCH} are answered at once "
            f"(send batches of {BATCH_SIZE}, as the manifest's batchSize says)"
        )
    return {key: parse_query(key, query, catalogue) for key, query in raw.items()}


def read_json(text: str, name: str) -> Any:
    """A JSON parameter; BadRequestError for one that does not parse, holds NaN or Infinity, or escapes a lone
    surrogate (text that is no Unicode, which no answer could carry)."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as e:
        raise BadRequestError(f"{name} is not valid JSON: {str(e)[:200]}") from e
    if "\\u" in text:
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as e:
            raise BadRequestError(
                f"{name} escapes a lone surrogate (\\u{ord(e.object[e.start]):04x}): not text"
            ) from e
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_query(key: str, raw: Any, catalogue: Catalogue) -> ReconQuery:
    where = f"queries[{json.dumps(key, ensure_ascii=False)[:60]}]"
    if not isinstance(raw, dict):
        raise BadRequestError(f"{where} must be an object with a query (and type, limit, properties)")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise BadRequestError(f"{where} has unknown fields {unknown[:5]}; a query has {sorted(_FIELDS)}")
    text = raw.get("query", "")
    if not isinstance(text, str):
        raise BadRequestError(f"{where}.query must be a string")
    strictness = raw.get("type_strict")
    if strictness is not None and (not isinstance(strictness, str) or strictness not in _STRICTNESS):
        raise BadRequestError(f"{where}.type_strict must be one of {sorted(_STRICTNESS)}")
    constraints = _constraints(where, raw.get("properties"))
    if "query" not in raw and not constraints:
        raise BadRequestError(f"{where} needs a query, or properties to find entities by")
    return ReconQuery(
        text, _kinds(where, raw.get("type"), catalogue), _limit(where, raw.get("limit")), constraints
    )


def _kinds(where: str, raw: Any, catalogue: Catalogue) -> frozenset[str] | None:
    if raw is None:
        return None
    types = [raw] if isinstance(raw, str) else raw
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise BadRequestError(f"{where}.type must be a type identifier or a list of them")
    return catalogue.kinds_of(types) if types else None


def _limit(where: str, raw: Any) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw) or raw != int(raw):
        raise BadRequestError(f"{where}.limit must be a positive integer")
    if raw < 1:
        raise BadRequestError(f"{where}.limit must be a positive integer")
    return min(int(raw), MAX_LIMIT)


def _constraints(where: str, raw: Any) -> tuple[Constraint, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise BadRequestError(f'{where}.properties must be a list of {{"pid": …, "v": …}}')
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
            raise BadRequestError(f"{where}.properties[{i}] must be an object with pid (a string) and v")
        values = item["v"] if isinstance(item["v"], list) else [item["v"]]
        parsed = tuple(_value(f"{where}.properties[{i}].v", v) for v in values)
        prop = find_property(item["pid"])
        given = tuple(v for v in parsed if v.text or v.identifier)
        if prop is not None and prop.query and given:  # other properties, and empty values, change nothing
            out.append(Constraint(prop, given))
    return tuple(out)


def _value(where: str, raw: Any) -> Value:
    if isinstance(raw, dict):
        if not isinstance(raw.get("id"), str):
            raise BadRequestError(f"{where}: an entity value needs an id (a string)")
        return Value(text=str(raw.get("name") or ""), identifier=raw["id"])
    if isinstance(raw, bool):
        return Value(text=str(raw).lower())
    if isinstance(raw, int):
        return Value(text=str(raw))
    if isinstance(raw, float) and math.isfinite(raw):
        return Value(text=str(int(raw)) if raw == int(raw) else str(raw))
    if isinstance(raw, str):
        return Value(text=raw.strip())
    raise BadRequestError(f'{where}: a value is a string, a number, a boolean or {{"id": …}}')


# -- answering -------------------------------------------------------------------------------------------------


#: How many more candidates of every kind are looked up at once when a query asks for several kinds.
WIDEN = 4


def lookup_kinds(
    catalogue: Catalogue, text: str, kinds: frozenset[str] | None, limit: int
) -> list[LookupHit]:
    """The name index's best candidates among these kinds (every kind when None), best first. Several kinds
    (Organization) are first sought in one wider lookup; only when that leaves fewer than ``limit`` of them is
    each kind looked up on its own (the index searches look-alikes only while it has too few candidates)."""
    index = catalogue.index
    if kinds is None or len(kinds) == 1:
        return index.lookup(text, kind=next(iter(kinds)) if kinds else None, limit=limit)
    found = [hit for hit in index.lookup(text, limit=limit * WIDEN) if hit.kind in kinds]
    if len(found) < limit:
        found = [
            hit for kind in KIND_ORDER if kind in kinds for hit in index.lookup(text, kind=kind, limit=limit)
        ]
    return sorted(found, key=lambda hit: -round(hit.score, 1))[:limit]


def reconcile_batch(catalogue: Catalogue, batch: dict[str, ReconQuery]) -> dict[str, dict[str, Any]]:
    """The result batch: each key's candidates, as the API's JSON."""
    return {
        key: {"result": [candidate_json(catalogue, c, m) for c, m in answer(catalogue, q)]}
        for key, q in batch.items()
    }


def answer(catalogue: Catalogue, query: ReconQuery) -> list[tuple[Candidate, bool]]:
    """The candidates of one query, best first, each with its match decision."""
    found: dict[str, tuple[float, str]] = {}

    def offer(iri: str, score: float, how: str) -> None:
        if query.kinds is not None and catalogue.index.entry(iri).kind not in query.kinds:
            return
        if iri not in found or score > found[iri][0]:
            found[iri] = (score, how)

    text = query.text.strip()
    weighed = max(query.limit, WEIGHED)
    if text and len(text) <= MAX_NAME:
        iri = catalogue.entity_iri(text)
        if iri is not None:
            offer(iri, IDENTIFIER_SCORE, "identifier")
        if any(ch.isdigit() for ch in text):
            for iri in catalogue.by_code.get(normalise_code(text), ()):
                offer(iri, STOCK_CODE_SCORE, "stockCode")
        for hit in lookup_kinds(catalogue, text, query.kinds, weighed):
            offer(hit.iri, hit.score, hit.match)
    elif not text:
        for constraint in query.constraints:
            if constraint.prop.id == "stockCode":
                for value in constraint.values:
                    for iri in catalogue.by_code.get(normalise_code(value.text), ()):
                        offer(iri, STOCK_CODE_SCORE, "stockCode")
    resolved = [(c.prop.id, _resolve(catalogue, c)) for c in query.constraints]
    weighed_candidates = [
        _weigh(catalogue, iri, score, how, resolved) for iri, (score, how) in list(found.items())[:weighed]
    ]
    ranked = sorted(
        enumerate(weighed_candidates), key=lambda ic: (-round(ic[1].weight, 1), -ic[1].name_score, ic[0])
    )
    candidates = [c for _, c in ranked]
    return [(c, i == 0 and _unambiguous(candidates)) for i, c in enumerate(candidates[: query.limit])]


def _unambiguous(ranked: list[Candidate]) -> bool:
    top = ranked[0]
    if top.name_score < HIT_FLOOR or top.contradicted:
        return False
    return all(c.name_score < HIT_FLOOR or top.weight - c.weight >= MARGIN for c in ranked[1:])


@dataclass(frozen=True)
class _Resolved:
    iris: frozenset[str]  # the entities the values name (hits only)
    texts: tuple[str, ...]  # the values as text, folded
    codes: frozenset[str]  # the values as stock codes


def _resolve(catalogue: Catalogue, constraint: Constraint) -> _Resolved:
    iris: set[str] = set()
    for value in constraint.values:
        if value.identifier:
            iri = catalogue.entity_iri(value.identifier)
            if iri is not None:
                iris.add(iri)
        if value.text and constraint.prop.id != "stockCode" and len(value.text) <= MAX_NAME:
            iris.update(hit.iri for hit in catalogue.index.find(value.text, limit=5).hits)
    return _Resolved(
        iris=frozenset(iris),
        texts=tuple(fold(v.text) for v in constraint.values if v.text),
        codes=frozenset(normalise_code(v.text) for v in constraint.values if v.text),
    )


def _weigh(
    catalogue: Catalogue, iri: str, score: float, how: str, resolved: list[tuple[str, _Resolved]]
) -> Candidate:
    weight = score
    verdicts = []
    for pid, given in resolved:
        verdict = _compare(catalogue, iri, pid, given)
        weight += AGREE if verdict > 0 else -DISAGREE[pid] if verdict < 0 else 0.0
        verdicts.append((pid, verdict))
    return Candidate(iri, score, how, weight, tuple(verdicts))


def _compare(catalogue: Catalogue, iri: str, pid: str, given: _Resolved) -> int:
    """1 when the candidate's value agrees with the one given, -1 when it has values and none agrees, 0 when
    it has none."""
    if pid == "stockCode":
        codes = {normalise_code(code) for code in catalogue.codes.get(iri, ())}
        return 0 if not codes else 1 if codes & given.codes else -1
    known = (
        catalogue.owners(iri, OWNER_DEPTH) if pid == "subsidiaryOf" else catalogue.places(iri, PLACE_DEPTH)
    )
    if not known:
        return 0
    if given.iris.intersection(known):
        return 1
    names = {fold(label) for other in known for label in catalogue.labels(other).values()}
    if any(_overlap(text, names) for text in given.texts):
        return 1
    return -1


#: The shortest name that counts when one name holds the other (四川 in 四川省冕宁县).
_OVERLAP = 3


def _overlap(text: str, names: set[str]) -> bool:
    return len(text) >= _OVERLAP and any(
        len(name) >= _OVERLAP and (text in name or name in text) for name in names
    )


def candidate_json(catalogue: Catalogue, candidate: Candidate, match: bool) -> dict[str, Any]:
    kind = catalogue.type_of(candidate.iri)
    features: list[dict[str, Any]] = [{"id": "name", "value": round(candidate.name_score, 1)}]
    features += [{"id": pid, "value": verdict} for pid, verdict in candidate.verdicts]
    return {
        "id": catalogue.entity_id(candidate.iri),
        "name": catalogue.name(candidate.iri),
        "description": catalogue.description(candidate.iri),
        "score": candidate.score,
        "match": match,
        "type": [{"id": kind.id, "name": kind.name}],
        "features": features,
    }
