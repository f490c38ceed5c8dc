"""Relations: patterns over a sentence's linked mentions and the words between them.

Each rule reads one sentence and returns :class:`RelationRecord`s with a confidence; a bare self-reference
(集团, 公司, 本公司, 我们) in a report stands for the document's publisher when the publisher is known.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rekg.ingest.english import english_relations
from rekg.ingest.lexicon import ORGANIZATION_KINDS
from rekg.ingest.model import Mention, Quantity, RelationRecord, Sentence
from rekg.ingest.patterns import post_pattern, stock_codes


@dataclass(frozen=True)
class Linked:
    start: int  # offsets in the sentence
    end: int
    text: str
    kind: str
    iri: str

    @property
    def is_org(self) -> bool:
        return self.kind in ORGANIZATION_KINDS


@dataclass(frozen=True)
class SentenceView:
    sentence: Sentence
    mentions: tuple[Linked, ...]
    publisher: str | None  # IRI of the document's publisher, for self-references
    document_policy: str | None  # IRI of the policy the document itself is, if it is one

    @property
    def text(self) -> str:
        return self.sentence.text

    def between(self, a: Linked, b: Linked) -> str:
        return self.text[a.end : b.start]


Rule = Callable[[SentenceView], Iterator[RelationRecord]]
_SELF = re.compile(r"(?:本集团|本公司|集团|公司|我们)")


def record(
    view: SentenceView,
    subject: str,
    predicate: str,
    obj: str | Quantity,
    confidence: float,
    rule: str,
    **extra: str | None,
) -> RelationRecord:
    return RelationRecord(subject, predicate, obj, view.sentence.index, confidence, rule, **extra)  # type: ignore[arg-type]


def _orgs(view: SentenceView) -> list[Linked]:
    return [m for m in view.mentions if m.is_org]


def subject_before(view: SentenceView, position: int) -> str | None:
    """The organisation a clause is about: the last one before ``position``, or the publisher."""
    before = [m for m in _orgs(view) if m.end <= position]
    if before:
        return before[-1].iri
    if view.publisher and _SELF.search(view.text[:position]):
        return view.publisher
    return None


_SUBSIDIARY_CUE = re.compile(
    r"(所属|下属|旗下|控股|托管|(?:非)?全资附属|附属|全资子公司|子公司)(?:的)?(?:企业|公司|单位|子公司|附属公司|成员企业|控股公司)?"
)
_SUBSIDIARY_STATEMENT = re.compile(
    r"(?:是|为|系|成为)(?:其)?[^,，。]{0,12}?(?:全资|控股|非全资)?(?:子公司|附属公司|所属企业|成员企业|下属企业|二级企业)"
)
_HOLDING = re.compile(r"(?:将)?持有(?:的)?")
_STAKE_AFTER = re.compile(r"\s*(?:约)?\d+(?:\.\d+)?\s*[%％](?:的)?(?:股权|股份)")


def shareholdings(view: SentenceView) -> Iterator[RelationRecord]:
    """X持有Y 51%股权, X持有的Y 70%股权 → X shareholderOf Y."""
    orgs = _orgs(view)
    for cue in _HOLDING.finditer(view.text):
        holder = subject_before(view, cue.start())
        held = next((m for m in orgs if 0 <= m.start - cue.end() <= 1), None)
        if (
            held is None and view.text.startswith("其", cue.end()) and orgs
        ):  # B持有其51%股权: 其 is the subject
            held = orgs[0] if _STAKE_AFTER.match(view.text, cue.end() + 1) else None
            if held is not None and held.iri != holder and holder is not None:
                yield record(view, holder, "shareholderOf", held.iri, 0.75, "shareholding")
            continue
        if holder is None or held is None or held.iri == holder:
            continue
        if _STAKE_AFTER.match(view.text, held.end):
            yield record(view, holder, "shareholderOf", held.iri, 0.8, "shareholding")


def subsidiaries(view: SentenceView) -> Iterator[RelationRecord]:
    """X所属/下属/旗下/控股 Y… → Y subsidiaryOf X; Y是X的全资子公司 → Y subsidiaryOf X."""
    orgs = _orgs(view)
    for cue in _SUBSIDIARY_CUE.finditer(view.text):
        parent = subject_before(view, cue.start())
        if parent is None:
            continue
        parent_mention = [m for m in orgs if m.end <= cue.start()]
        if parent_mention and cue.start() - parent_mention[-1].end > 2:
            parent = (
                view.publisher if _SELF.search(view.text[parent_mention[-1].end : cue.start()]) else parent
            )
        if parent is None:
            continue
        for child in _list_after(view, cue.end(), lambda m: m.is_org):
            if child.iri != parent:
                yield record(view, child.iri, "subsidiaryOf", parent, 0.85, "subsidiary-cue")
    for statement in _SUBSIDIARY_STATEMENT.finditer(view.text):
        before = [m for m in orgs if m.end <= statement.start()]
        inside = [m for m in orgs if statement.start() <= m.start < statement.end()]
        if before and inside and before[-1].iri != inside[0].iri:
            yield record(view, before[-1].iri, "subsidiaryOf", inside[0].iri, 0.8, "subsidiary-statement")


_MEMBERS_AFTER = re.compile(
    r"等(?:多家|\d+家|[一二三四五六七八九十]+家)?(?:下属|所属|成员)(?:企业|公司|单位)"
)


def listed_members(view: SentenceView) -> Iterator[RelationRecord]:
    """凉山稀土、富远公司等多家下属公司… → each listed company subsidiaryOf the publisher."""
    if view.publisher is None:
        return
    for cue in _MEMBERS_AFTER.finditer(view.text):
        members = [m for m in _orgs(view) if m.end <= cue.start()]
        chain: list[Linked] = []
        position = cue.start()
        for member in reversed(members):
            if re.fullmatch(r"[、,，和及与\s]*", view.text[member.end : position]) is None:
                break
            chain.append(member)
            position = member.start
        for member in chain:
            if member.iri != view.publisher:
                yield record(view, member.iri, "subsidiaryOf", view.publisher, 0.7, "members-before-cue")


def _list_after(view: SentenceView, position: int, accept: Callable[[Linked], bool]) -> list[Linked]:
    """The mentions of an enumeration that starts at ``position``: Y1、Y2和Y3 (separators only)."""
    out: list[Linked] = []
    cursor = position
    for mention in view.mentions:
        if mention.start < cursor:
            continue
        gap = view.text[cursor : mention.start]
        if len(gap) > 3 or (re.search(r"[,，。;；:：]", gap) and out):
            break
        if not accept(mention):
            break
        out.append(mention)
        cursor = mention.end
    return out


_FOUNDING = re.compile(
    r"由([^。;；]{2,200})(?:组建而成|组建|共同出资设立|发起设立|合资设立|共同设立|出资设立|重组整合而成|重组而成|整合而成)"
)


def founding(view: SentenceView) -> Iterator[RelationRecord]:
    """X由A、B…重组整合组建而成 → X foundedBy A; A shareholderOf X."""
    for match in _FOUNDING.finditer(view.text):
        founders = [m for m in _orgs(view) if match.start(1) <= m.start < match.end(1)]
        subject = subject_before(view, match.start())
        if not founders or subject is None:
            continue
        for founder in founders:
            if founder.iri == subject:
                continue
            yield record(view, subject, "foundedBy", founder.iri, 0.85, "founding")
            yield record(view, founder.iri, "shareholderOf", subject, 0.75, "founding")


_PARTNER = re.compile(
    r"与(.{1,80}?)(?:在[^,，。]{1,12})?(?:签署|签订|达成|共同签署|开展|深化|建立|举行)[^。]{0,24}?"
    r"(战略合作框架协议|战略合作协议|合作框架协议|框架协议|合作协议|协议|备忘录|伙伴关系|合作)"
)
_TRANSFER = re.compile(r"转让|收购|并购|出售|购买|买卖|认购")
_DATE = re.compile(r"(20\d{2}|19\d{2})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?")


_LIST_JOIN = re.compile(r"(?:\([^()]{0,40}\))?[”\"」』)]*\s*[、，,和及]\s*")


def _listed_before(view: SentenceView, position: int) -> list[Linked]:
    """The organisations listed right before ``position`` (A(以下简称"甲")、B和C与…): the last one and those
    joined to it by 、，和 or 及."""
    before = [m for m in _orgs(view) if m.end <= position]
    if not before or not re.fullmatch(r"(?:\([^()]{0,40}\))?\s*", view.text[before[-1].end : position]):
        return []
    listed = [before[-1]]
    for previous in reversed(before[:-1]):
        if not _LIST_JOIN.fullmatch(view.text[previous.end : listed[0].start]):
            break
        listed.insert(0, previous)
    return listed


def partnerships(view: SentenceView) -> Iterator[RelationRecord]:
    """X与Y(在Z)签署…协议 → X partnerOf Y, with an Agreement dated from the sentence."""
    earlier_partners: set[str] = set()
    subject: str | None = None
    for match in _PARTNER.finditer(view.text):
        candidates = [m for m in _orgs(view) if m.end <= match.start() and m.iri not in earlier_partners]
        if candidates:
            subject = candidates[-1].iri
        elif subject is None:  # …与A签署协议，多次与B合作: the subject of the first 与 goes on
            subject = (
                view.publisher
                if view.publisher
                and not any(m.end <= match.start() for m in view.mentions if m.kind == "person")
                else None
            )
        if _TRANSFER.search(view.text, match.end(1), match.end() + 4):
            continue  # 股权转让协议: a sale between buyer and seller, not a partnership
        partners = [m for m in _orgs(view) if match.start(1) <= m.start < match.end(1)]
        earlier_partners |= {m.iri for m in partners}
        if subject is None or not partners:
            continue
        date = _date(view.text)
        kind = "agreement" if match.group(2).endswith(("协议", "备忘录")) else "partnership"
        # A、B与C签署…协议: A and B are partners of each other and of C
        listed = list(dict.fromkeys(m.iri for m in _listed_before(view, match.start()))) or [subject]
        pairs = [*itertools.combinations(listed, 2), *((a, b.iri) for a in listed for b in partners)]
        for first, second in pairs:
            if first != second:
                yield record(view, first, "partnerOf", second, 0.85, f"partner-{kind}", date=date)


def _date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = match.groups()
    if month and day:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}" if month else year


def operations(view: SentenceView) -> Iterator[RelationRecord]:
    """凉山稀土牦牛坪稀土矿 (organisation right before a mine or facility), X所属/运营/开采 MINE."""
    for left, right in zip(view.mentions, view.mentions[1:], strict=False):
        if right.kind in {"mine", "facility"} and left.is_org and right.start - left.end <= 1:
            yield record(view, left.iri, "operates", right.iri, 0.8, "organisation-before-site")
    for match in re.finditer(r"(所属|旗下|运营|经营|开采|拥有|管理)(?:的)?", view.text):
        sites = [
            m for m in view.mentions if m.kind in {"mine", "facility"} and 0 <= m.start - match.end() <= 2
        ]
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


_LOCATION_CUE = re.compile(r"(?:位于|地处|坐落于|落户|总部设在|总部位于|地址[:：]?)")


def _place_chain(view: SentenceView, position: int) -> list[Linked]:
    """The places that follow ``position`` one after another: 广东省韶关市 → [广东省, 韶关市]."""
    places: list[Linked] = []
    for mention in view.mentions:
        if mention.start < position:
            continue
        if mention.kind != "place" or mention.start - position > 1:
            break
        places.append(mention)
        position = mention.end
    return places


_FOUNDED_IN = re.compile(r"在((?:[^,，。在]){2,20}?)(?:成立|注册|设立|挂牌|揭牌)")


def locations(view: SentenceView) -> Iterator[RelationRecord]:
    """PLACE PLACE (江西省赣州市), places right before a named thing (四川省冕宁县方兴稀土有限公司: in both),
    X位于 PLACE and X在 PLACE 成立 (the most specific place)."""
    mentions = view.mentions
    chain: list[Linked] = []
    for left, right in itertools.pairwise(mentions):
        adjacent = len(view.text[left.end : right.start].strip(" ·")) == 0
        chain = [*chain, left] if left.kind == "place" and adjacent else []
        if chain and left.iri != right.iri:
            predicate = "projectSite" if right.kind == "project" else "locatedIn"
            yield record(view, right.iri, predicate, left.iri, 0.75, "place-prefix")
            if right.kind != "place":
                for outer in chain[:-1]:
                    yield record(view, right.iri, "locatedIn", outer.iri, 0.7, "address")
    for cue in _LOCATION_CUE.finditer(view.text):
        places = _place_chain(view, cue.end())
        located = [m for m in mentions if m.kind not in {"place", "person"} and m.end <= cue.start()]
        subject = located[-1].iri if located else subject_before(view, cue.start())
        if places and subject:
            # a project is sited at a place (项目建设地点位于云南省蒙自市), anything else is in it
            predicate = "projectSite" if located and located[-1].kind == "project" else "locatedIn"
            yield record(view, subject, predicate, places[-1].iri, 0.8, "location-cue")
    for match in _FOUNDED_IN.finditer(view.text):
        places = _place_chain(view, match.start(1))
        subject = subject_before(view, match.start())
        if places and subject:
            yield record(view, subject, "locatedIn", places[-1].iri, 0.75, "founded-in-place")


_ISSUE_CUE = re.compile(r"(印发|发布|颁布|出台|制定|修订|发文|批准)")


def policies(view: SentenceView) -> Iterator[RelationRecord]:
    """ORG印发/发布《P》 → P issuedBy ORG; a policy document cites the policies it names."""
    for cue in _ISSUE_CUE.finditer(view.text):
        issuers = [m for m in _orgs(view) if m.end <= cue.start() and cue.start() - m.end <= 12]
        issued = [m for m in view.mentions if m.kind == "policy" and 0 <= m.start - cue.end() <= 6]
        for policy in issued[:1]:
            if issuers:
                yield record(view, policy.iri, "issuedBy", issuers[-1].iri, 0.8, "issue-cue")
    for left, right in zip(view.mentions, view.mentions[1:], strict=False):
        gap = view.between(left, right)
        if (
            left.is_org
            and right.kind == "policy"
            and re.fullmatch(r"\s*(?:发布的|印发的|制定的|的)?\s*《?", gap)
        ):
            yield record(view, right.iri, "issuedBy", left.iri, 0.75, "organisation-before-policy")
        if left.kind == "policy" and right.is_org and re.fullmatch(r"》?\s*[(（]", gap):
            yield record(view, left.iri, "issuedBy", right.iri, 0.75, "issuer-in-brackets")
    if view.document_policy:
        for policy in (m for m in view.mentions if m.kind == "policy"):
            if policy.iri != view.document_policy:
                yield record(view, view.document_policy, "cites", policy.iri, 0.8, "policy-document-cites")


_TITLE_AFTER = re.compile(r"院士|教授|研究员|博士|总工程师")


_APPOINTED = re.compile(r"\s*(?:将|已)?(?:出任|担任|兼任|接任|改任)")
_BUILDS_AT = re.compile(r"(?:将|拟|计划)?在")
_BUILD_VERB = re.compile(r"(?:投资)?(?:建设|新建|兴建|建成|筹建|扩建|投建)")


def appointments(view: SentenceView) -> Iterator[RelationRecord]:
    """PERSON出任/担任 ORG POST → PERSON holdsPostIn ORG (李承泽出任黔稀新材董事长)."""
    for person in (m for m in view.mentions if m.kind == "person"):
        cue = _APPOINTED.match(view.text, person.end)
        if cue is None:
            continue
        organisation = next((m for m in _orgs(view) if 0 <= m.start - cue.end() <= 1), None)
        post = re.match(f"(?:{post_pattern()})", view.text[organisation.end :]) if organisation else None
        if organisation is not None and post is not None:
            yield record(
                view, person.iri, "holdsPostIn", organisation.iri, 0.8, "appointment", role=post.group()
            )


_RUN_BY = re.compile(r"由(?:其)?")
_RUNS = re.compile(r"(?:负责)?(?:(?:建设|投资建设)(?:和|及|并))?(?:运营|营运|经营|管理)")


def run_by(view: SentenceView) -> Iterator[RelationRecord]:
    """SITE由ORG(负责建设和)运营 → ORG operates SITE; SITE(PLACE) → SITE locatedIn PLACE."""
    sites = [m for m in view.mentions if m.kind in {"mine", "facility"}]
    for cue in _RUN_BY.finditer(view.text):
        site = next((m for m in reversed(sites) if m.end <= cue.start()), None)
        if site is None or site.end < cue.start() - 12:
            continue
        clause_end = min(
            (view.text.find(c, cue.end()) for c in "，,。；" if c in view.text[cue.end() :]), default=None
        )
        operators = [
            m for m in _orgs(view) if cue.end() <= m.start and (clause_end is None or m.end <= clause_end)
        ]
        operator = next((m for m in operators if _RUNS.match(view.text, m.end)), None)
        if (
            operator is not None
        ):  # 由秦岭稀土全资子公司洛南秦稀选矿有限公司负责建设和运营: the one that runs it
            yield record(view, operator.iri, "operates", site.iri, 0.75, "run-by")
    for site in sites:
        place = next((m for m in view.mentions if m.kind == "place" and m.start == site.end + 1), None)
        if (
            place is not None
            and view.text[site.end : site.end + 1] == "("
            and view.text[place.end : place.end + 1] == ")"
        ):
            yield record(view, site.iri, "locatedIn", place.iri, 0.7, "place-in-brackets")


def builds_at(view: SentenceView) -> Iterator[RelationRecord]:
    """ORG在PLACE建设SITE → ORG operates (or leads) SITE, and SITE is in (or sited at) PLACE."""
    for cue in _BUILDS_AT.finditer(view.text):
        places = _place_chain(view, cue.end())
        if not places:
            continue
        verb = _BUILD_VERB.match(view.text, places[-1].end)
        site = next(
            (
                m
                for m in view.mentions
                if verb and m.kind in {"mine", "facility", "project"} and 0 <= m.start - verb.end() <= 1
            ),
            None,
        )
        if site is None:
            continue
        owner = subject_before(view, cue.start())
        if owner is not None:
            yield record(
                view, owner, "leads" if site.kind == "project" else "operates", site.iri, 0.75, "builds-at"
            )
        predicate = "projectSite" if site.kind == "project" else "locatedIn"
        yield record(view, site.iri, predicate, places[-1].iri, 0.75, "builds-at")


def posts(view: SentenceView) -> Iterator[RelationRecord]:
    """ORG+post, ORG+post … PERSON → PERSON holdsPostIn each ORG (post title kept as role); a post with no
    organisation in the sentence is a post in the publisher (a report's management)."""
    persons = [m for m in view.mentions if m.kind == "person"]
    previous_end = 0
    for person in persons:
        span_start = previous_end
        previous_end = person.end
        window = view.text[span_start : person.start]
        tail = re.search(f"({post_pattern()})[、,，:：]?\\s*$", window)
        title = _TITLE_AFTER.match(view.text, person.end)
        if tail is None and title:  # 中南大学桂卫华院士: the institution named right before a titled person
            for org in (m for m in view.mentions if m.is_org and 0 <= person.start - m.end <= 1):
                yield record(
                    view,
                    person.iri,
                    "holdsPostIn",
                    org.iri,
                    0.7,
                    "organisation-person-title",
                    role=title.group(),
                )
        if tail is None:
            continue
        found = False
        for org in (m for m in view.mentions if m.is_org and span_start <= m.start and m.end <= person.start):
            after = view.text[org.end : person.start]
            post = re.match(f"(?:[^、,，。]{{0,6}}?)({post_pattern()})", after)
            if post:
                found = True
                yield record(
                    view,
                    person.iri,
                    "holdsPostIn",
                    org.iri,
                    0.8,
                    "organisation-post-person",
                    role=post.group(1),
                )
        if (
            not found
            and view.publisher
            and not any(m.kind == "place" for m in view.mentions if span_start <= m.start < person.start)
        ):
            yield record(
                view, person.iri, "holdsPostIn", view.publisher, 0.6, "post-in-publisher", role=tail.group(1)
            )


_QUANTITY = re.compile(
    r"(年产|年处理|产能|规模)?\s*(\d+(?:\.\d+)?)\s*(万吨|吨|t/a|万t)(?:/年)?\s*(\(?REO\)?)?(产能|储量)?"
)
_RESERVES_BEFORE = re.compile(r"储量|资源量|增储|探明|保有")
_PREFERENCE = {"reserves": ("mine", "project", "place"), "capacity": ("project", "facility")}


def quantities(view: SentenceView) -> Iterator[RelationRecord]:
    """Capacities (年产4000吨, 6600吨产能, 4000吨…项目) of projects and facilities; reserves (储量496万吨,
    资源量增储不少于496万吨(REO)) of mines (else the project or place they are told of)."""
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
        year = _DATE.search(view.text)
        quantity = Quantity(value, unit + (" REO" if reo else ""), int(year.group(1)) if year else None)
        yield record(view, target.iri, kind, quantity, 0.7, f"quantity-{kind}")


RULES: tuple[Rule, ...] = (
    english_relations,
    subsidiaries,
    shareholdings,
    listed_members,
    founding,
    partnerships,
    operations,
    projects,
    locations,
    policies,
    posts,
    appointments,
    builds_at,
    run_by,
    quantities,
)


def extract(view: SentenceView, rules: Sequence[Rule] = RULES) -> list[RelationRecord]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for rule in rules:
        for record in rule(view):
            key = (record.subject, record.predicate, str(record.object))
            if key not in seen and record.subject != record.object:
                seen.add(key)
                out.append(record)
    return out


def stock_code_attributes(view: SentenceView) -> Iterator[tuple[str, str]]:
    """(organisation IRI, code) for 股票代码: 000831 after an organisation's name."""
    for position, code in stock_codes(view.text):
        subject = subject_before(view, position)
        if subject:
            yield subject, code


def sentence_views(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    assignment: dict[int, str],
    kinds: dict[str, str],
    publisher: str | None,
    document_policy: str | None,
) -> Iterator[SentenceView]:
    by_sentence: dict[int, list[Linked]] = {}
    for index, mention in enumerate(mentions):
        if index in assignment:
            sentence = sentences[mention.sentence]
            by_sentence.setdefault(mention.sentence, []).append(
                Linked(
                    mention.start - sentence.start,
                    mention.end - sentence.start,
                    mention.text,
                    kinds.get(assignment[index], mention.kind),
                    assignment[index],
                )
            )
    for sentence in sentences:
        linked = tuple(sorted(by_sentence.get(sentence.index, []), key=lambda m: m.start))
        yield SentenceView(sentence, linked, publisher, document_policy)
