"""The capacities and reserves a sentence gives a site or a place (年产能5000吨, 储量300万吨). Who operates,
leads or locates a site is read by the rule table (:mod:`rekg.ingest.relation_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rekg.ingest.model import Quantity, RelationRecord
from rekg.ingest.sentence_view import DATE, SentenceView, record

_QUANTITY = re.compile(
    r"(年产|年处理|产能|规模)?\s*(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)\s*(万吨|吨|t/a|万t)(?:/年)?\s*(\(?REO\)?)?(产能|储量)?"
)
_RESERVES_BEFORE = re.compile(r"储量|资源量|增储|探明|保有")
_PREFERENCE = {"reserves": ("mine", "project", "place"), "capacity": ("project", "facility")}
_QUANTIFIED_KINDS = frozenset(kind for kinds in _PREFERENCE.values() for kind in kinds)


def quantities(view: SentenceView) -> Iterator[RelationRecord]:
    """Capacities (年产4000吨, 6600吨产能, 4000吨…项目) of projects and facilities; reserves (储量496万吨,
    资源量增储不少于496万吨(REO)) of mines (else the project or place they are told of)."""
    if view.kinds.isdisjoint(_QUANTIFIED_KINDS):
        return
    for match in _QUANTITY.finditer(view.text):
        lead, value, unit, reo, tail = match.groups()
        inside = [
            m for m in view.mentions if m.kind in {"project", "facility"} and m.start <= match.start() < m.end
        ]
        if tail == "储量" or _RESERVES_BEFORE.search(view.text[max(0, match.start() - 10) : match.start()]):
            kind = "reserves"
        elif lead or tail == "产能" or inside:
            kind = "capacity"
        else:
            continue
        candidates = inside or [m for m in view.mentions if m.kind in _PREFERENCE[kind]]
        if not candidates:
            continue
        target = min(
            candidates,
            key=lambda m: (_PREFERENCE[kind].index(m.kind), abs(m.start - match.start())),
        )
        year = DATE.search(view.text)
        quantity = Quantity(
            value.replace(",", ""), unit + (" REO" if reo else ""), int(year.group(1)) if year else None
        )
        yield record(view, target.iri, kind, quantity, 0.7, f"quantity-{kind}")
