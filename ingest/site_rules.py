"""Relation rules about sites: who operates a mine or facility (ORG before it, 运营/开采, 由…运营), who
leads or takes part in a project, a site's place in brackets (SITE(PLACE)), and the capacities and reserves
quantities give. Where things are otherwise is read by the rule table (:mod:`rekg.ingest.relation_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rekg.ingest.model import Quantity, RelationRecord
from rekg.ingest.sentence_view import DATE, SentenceView, organisations, record, subject_before
from rekg.ontology import BUILT_KINDS, SITE_KINDS

_SITE_KINDS = SITE_KINDS  # what is operated
_BUILT_KINDS = BUILT_KINDS  # what is built, run or led
_OPERATION_CUE = re.compile(r"(所属|旗下|运营|经营|开采|拥有|管理)(?:的)?")


def operations(view: SentenceView) -> Iterator[RelationRecord]:
    """凉山稀土牦牛坪稀土矿 (organisation right before a mine or facility), X所属/运营/开采 MINE."""
    if view.kinds.isdisjoint(_SITE_KINDS):
        return
    for left, right in zip(view.mentions, view.mentions[1:], strict=False):
        if right.kind in _SITE_KINDS and left.is_org and right.start - left.end <= 1:
            yield record(view, left.iri, "operates", right.iri, 0.8, "organisation-before-site")
    for match in _OPERATION_CUE.finditer(view.text):
        sites = [m for m in view.mentions if m.kind in _SITE_KINDS and 0 <= m.start - match.end() <= 2]
        owner = subject_before(view, match.start())
        for site in sites:
            if owner:
                yield record(view, owner, "operates", site.iri, 0.7, "operation-cue")


_LEAD_CUE = re.compile(r"(建成|建设|实施|牵头|承担|启动|推进|完成|投产|开工|主导|负责|收购|打造|新建)")
_PARTICIPATE_CUE = re.compile(r"(参与|参加|加入|协助)")


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found


def projects(view: SentenceView) -> Iterator[RelationRecord]:
    """X建成/实施/牵头…PROJECT → X leads P; X参与 PROJECT → X participatesIn P; place before P → projectSite."""
    if "project" not in view.kinds:
        return
    mentions = view.mentions
    for index, project in enumerate(mentions):
        if project.kind != "project":
            continue
        # 包头铝业达茂旗新能源项目, 中铝国际印尼曼帕瓦…项目: the organisation named right before the project
        before = [m for m in mentions[max(0, index - 2) : index]]
        if before and before[-1].kind == "place" and len(before) == 2:
            before = (
                [before[0], before[1]] if view.between(before[0], before[1]).strip() == "" else [before[1]]
            )
        if before and before[0].is_org and view.text[before[-1].end : project.start].strip() in {"", "的"}:
            yield record(view, before[0].iri, "leads", project.iri, 0.7, "organisation-before-project")
        clause_start = max(view.text.rfind(c, 0, project.start) for c in "。;；,，") + 1
        clause = view.text[clause_start : project.start]
        cue = _last(_PARTICIPATE_CUE.finditer(clause))
        lead = _last(_LEAD_CUE.finditer(clause))
        if cue or lead:
            position = clause_start + (cue or lead).start()  # type: ignore[union-attr]
            owner = subject_before(view, position)
            if owner:
                predicate = "participatesIn" if cue else "leads"
                yield record(view, owner, predicate, project.iri, 0.75, f"project-{predicate}")
        sites = [
            m
            for m in view.mentions
            if m.kind in {"place", "mine", "facility"}
            and m.end <= project.start
            and project.start - m.end <= 8
            and m.start >= clause_start
        ]
        if sites:
            yield record(view, project.iri, "projectSite", sites[-1].iri, 0.7, "place-before-project")


_RUN_BY = re.compile(r"由(?:其)?")
_BUILDS = re.compile(r"(?:负责|牵头)?(?:承建|建设|实施|投资建设|开发|承担)")
_RUNS = re.compile(r"(?:负责)?(?:(?:建设|投资建设)(?:和|及|并))?(?:运营|营运|经营|管理)")


def run_by(view: SentenceView) -> Iterator[RelationRecord]:
    """SITE由ORG(负责建设和)运营 → ORG operates SITE; PROJECT由ORG承建/实施 → ORG leads PROJECT;
    SITE(PLACE) → SITE locatedIn PLACE."""
    if view.kinds.isdisjoint(_BUILT_KINDS):
        return
    sites = [m for m in view.mentions if m.kind in _BUILT_KINDS]
    for cue in _RUN_BY.finditer(view.text):
        site = next((m for m in reversed(sites) if m.end <= cue.start()), None)
        if site is None or site.end < cue.start() - 12:
            continue
        clause_end = min(
            (view.text.find(c, cue.end()) for c in "，,。；" if c in view.text[cue.end() :]), default=None
        )
        operators = [
            m
            for m in organisations(view)
            if cue.end() <= m.start and (clause_end is None or m.end <= clause_end)
        ]
        # 由秦岭稀土全资子公司洛南秦稀选矿有限公司负责建设和运营: the one that runs it
        cue_words = _BUILDS if site.kind == "project" else _RUNS
        operator = next((m for m in operators if cue_words.match(view.text, m.end)), None)
        if operator is not None:
            predicate = "leads" if site.kind == "project" else "operates"
            yield record(view, operator.iri, predicate, site.iri, 0.75, "run-by")
    for site in (m for m in sites if m.kind != "project"):
        place = next((m for m in view.mentions if m.kind == "place" and m.start == site.end + 1), None)
        if (
            place is not None
            and view.text[site.end : site.end + 1] == "("
            and view.text[place.end : place.end + 1] == ")"
        ):
            yield record(view, site.iri, "locatedIn", place.iri, 0.7, "place-in-brackets")


_QUANTITY = re.compile(
    r"(年产|年处理|产能|规模)?\s*(\d+(?:\.\d+)?)\s*(万吨|吨|t/a|万t)(?:/年)?\s*(\(?REO\)?)?(产能|储量)?"
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
        quantity = Quantity(value, unit + (" REO" if reo else ""), int(year.group(1)) if year else None)
        yield record(view, target.iri, kind, quantity, 0.7, f"quantity-{kind}")
