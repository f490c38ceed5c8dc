"""Relations stated by the layout of a document rather than by a sentence: key–value blocks (名称：X /
注册地址：… / 法定代表人：…), shareholding tables under a header (股东名称 … 持股比例) and tables flattened to
text, one row a line, cells apart by dashes, bars, tabs or wide spaces (company — asset — location).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from rekg.ingest.model import RelationRecord
from rekg.ingest.sentence_view import Linked, SentenceView, record
from rekg.ingest.site_patterns import PROJECT_KEYS
from rekg.ontology import BUILT_KINDS

_ITEM = (
    r"^\s*(?:[一二三四五六七八九十\d]+[、.．)）]\s*|[(（][一二三四五六七八九十\d]+[)）]\s*)?"  # 1. 2、 (三)
)
_NAME_KEY = re.compile(
    _ITEM
    + r"(?:公司名称|企业名称|单位名称|名称|标的公司|交易对方|发行人|当事人|被处罚人|被处罚单位|申请人|得标厂商|中标人|中标单位"
    r"|中标供应商|成交供应商|投标人|承包商"
    # （一）关联方：X, （二）非关联方：X, （三）标的公司原股东：X — the parties of an announcement, one block each
    r"|(?:非)?关联方|交易对手方|[\u4e00-\u9fff]{0,6}(?:原股东|投资方|增资方|受让方|转让方|出让方|认购方|合作方))\s*[:：]"
)
_KEYS = {
    "located": re.compile(
        _ITEM
        + r"(?:[\u4e00-\u9fff]{0,4}地址|注册地|住所|总部|registered (?:office|address)|address)\s*[:：]",
        re.I,
    ),
    "post": re.compile(
        _ITEM
        + r"(?P<role>法定代表人|董事长|总经理|负责人|执行董事|总裁|chief executive officer|managing director|chairman)\s*[:：]",
        re.I,
    ),
    "controller": re.compile(_ITEM + r"控股股东\s*[:：]"),
    "holders": re.compile(_ITEM + r"(?:主要股东|股东|股东名称)\s*[:：]"),
}
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|#)")
_HOLDING_HEADER = re.compile(
    r"股东(?:名称)?.{0,40}(?:持股比例|出资比例|比例|持股数)"
    r"|(?i:\b(?:substantial |major |top |largest )?(?:share)?holders?\b.{0,60}(?:%|per ?cent|percentage|shareholding))"
)
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*[%％]")
_WIDE_BREAK = re.compile(
    r"\s+[—–-]{1,2}\s+|\s*[|｜／]\s*|\t+|\u3000+| {2,}|(?:(?<=[^\x00-\x7f])|(?<=\)))/(?=[^\x00-\x7f]|\()"
)
#: In a Chinese line with no punctuation of prose, one space is a break between cells (a full-width space
#: the text was normalised to): 宁波韵升 鄞州磁材基地 浙江宁波 15,000.
_CELL_BREAK = re.compile(
    _WIDE_BREAK.pattern
    + r"|(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=\d) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=\d)"
)
_SITE_WORD = re.compile(
    r"(?i)\b(?:mine|refinery|plant|facility|project|deposit|mill)\b|矿|厂|廠|项目|項目|基地|计划|計畫"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PROSE = re.compile(r"[，。；;：:、！？]|,(?!\d{3})")  # not the comma of 40,000
_BLOCK_REACH = 12  # lines a key–value block runs for at most


def key_value_blocks(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """名称：X, then 注册地址：P (X locatedIn the last place), 法定代表人：H (H holdsPostIn X), 控股股东：Y
    (Y shareholderOf X, X subsidiaryOf Y unless Y is a government body), 股东：Y… — until the next name,
    a heading, or twelve lines."""
    subject: Linked | None = None
    left, rows = 0, False
    for index, view in enumerate(views):
        if _NAME_KEY.match(view.text) or _name_line_before_keys(view, views[index + 1 : index + 3]):
            subject = next((m for m in view.mentions if m.is_org and m.text), None)
            left, rows = _BLOCK_REACH, False
            if subject is not None:
                yield from _address_cell(view, subject)
            continue
        if subject is None or left <= 0 or _HEADING.match(view.text):
            subject = None
            continue
        left -= 1
        first = next((m for m in view.mentions if m.text and (m.is_org or m.kind == "person")), None)
        if rows and first is not None and _starts_line(view, first):
            if _PERCENT.search(view.text) and first.iri != subject.iri:  # Org　出资13,750万元　持股55.00%
                yield record(view, first.iri, "shareholderOf", subject.iri, 0.8, "record-holding-row")
            continue
        structure = _STRUCTURE_KEY.match(view.text)
        rows = structure is not None and not view.text[structure.end() :].strip()
        if structure is not None:  # 股权结构：自治区国资委持有其90%股权，…厅持有其10%股权
            for holder in (m for m in view.mentions if (m.is_org or m.kind == "person") and m.text):
                if _HOLDS_IT.match(view.text, holder.end) and holder.iri != subject.iri:
                    yield record(view, holder.iri, "shareholderOf", subject.iri, 0.8, "record-holding")
            continue
        yield from _key_value(view, subject)


_STRUCTURE_KEY = re.compile(
    _ITEM + r"(?:股权结构|股东情况|出资情况|股东及持股情况)(?:[(（][^)）]{0,12}[)）])?\s*[:：]"
)
_HOLDS_IT = re.compile(r"(?:先生|女士)?(?:持有其|持有|持股|出资)")
_HOLDS_IT_AFTER_ASIDE = re.compile(r"(?:\s*[(（][^()（）]{0,40}[)）])?" + _HOLDS_IT.pattern)
_ANY_KEY = re.compile(
    _ITEM
    + r"(?:成立(?:时间|日期)?|创立|总部|注册地址|注册地|主要股东|股东|控股股东|董事长|总经理|员工)\s*[:：]"
)


def _starts_line(view: SentenceView, mention: Linked) -> bool:
    """Whether only places (the 广西 of 广西漓江投资…) and blanks stand before a mention on its line."""
    before = view.text[: mention.start]
    for place in (m for m in view.mentions if m.kind == "place" and m.end <= mention.start):
        before = before.replace(place.text, "")
    return not before.strip()


def _name_line_before_keys(view: SentenceView, following: Sequence[SentenceView]) -> bool:
    """枫原稀土材料公司 / 成立：2022年 / 总部：…: a line that is one organisation's name alone, then keys — a
    fact box about it."""
    named = [m for m in view.mentions if m.text]
    return (
        len(named) == 1
        and named[0].is_org
        and view.text.strip() == named[0].text
        and any(_ANY_KEY.match(f.text) for f in following)
    )


#: A block's clause that says whose unit its organisation is: 系龙岩市国有资产投资经营有限公司的全资子公司.
_UNIT_OF_CLAUSE = re.compile(r"^\s*(?:系|为|是)\s*$")
_UNIT_AFTER_OWNER = re.compile(r"(?:的|之)?(?:全资|控股|直属)?(?:子公司|附属公司|下属企业|下属公司)")


def _key_value(view: SentenceView, subject: Linked) -> Iterator[RelationRecord]:
    for owner in (m for m in view.mentions if (m.is_org or m.kind == "person") and m.text):
        if owner.iri == subject.iri:
            continue
        holds = _HOLDS_IT_AFTER_ASIDE.match(view.text, owner.end)
        if holds and "其" in holds.group():
            # …国资委（以下简称“福建省国资委”）持有其100%股权: the block's organisation is held
            yield record(view, owner.iri, "shareholderOf", subject.iri, 0.8, "record-holding")
        if (
            owner.is_org
            and _UNIT_OF_CLAUSE.match(view.text[: owner.start])
            and _UNIT_AFTER_OWNER.match(view.text, owner.end)
        ):
            yield record(view, subject.iri, "subsidiaryOf", owner.iri, 0.8, "record-unit-of")
            yield record(view, owner.iri, "shareholderOf", subject.iri, 0.8, "record-unit-of")
    places = [m for m in view.mentions if m.kind == "place"]
    if _KEYS["located"].match(view.text) and places:
        yield record(view, subject.iri, "locatedIn", places[-1].iri, 0.8, "record-address")
    post = _KEYS["post"].match(view.text)
    if post:
        for person in (m for m in view.mentions if m.kind == "person"):
            yield record(
                view, person.iri, "holdsPostIn", subject.iri, 0.8, "record-post", role=post.group("role")
            )
    controller = _KEYS["controller"].match(view.text)
    holders = _KEYS["holders"].match(view.text)
    for owner in (m for m in view.mentions if (m.is_org or m.kind == "person") and (controller or holders)):
        if owner.iri == subject.iri:
            continue
        yield record(view, owner.iri, "shareholderOf", subject.iri, 0.8, "record-shareholder")
        if controller and owner.is_org and owner.kind != "government":
            yield record(view, subject.iri, "subsidiaryOf", owner.iri, 0.75, "record-controller")


_ADDRESS_CELL = re.compile(r"(?:\u3000+| {2,}|\t+)[\u4e00-\u9fff]{0,4}地址\s*[:：]")


def _address_cell(view: SentenceView, subject: Linked) -> Iterator[RelationRecord]:
    """得标厂商：X　　厂商地址：806高雄市前镇区　　…: a row whose name is followed by its address in a cell of the
    same line — X is at the last place of that cell."""
    cell = _ADDRESS_CELL.search(view.text, subject.end)
    if cell is None:
        return
    stop = _WIDE_BREAK.search(view.text, cell.end())
    end = stop.start() if stop else len(view.text)
    places = [m for m in view.mentions if m.kind == "place" and cell.end() <= m.start and m.end <= end]
    if places:
        yield record(view, subject.iri, "locatedIn", places[-1].iri, 0.8, "record-address")


_CLAUSE_END = re.compile(r"[；;。，,]")
_PROJECT_REACH = 8  # lines a project's entry runs for at most


def project_blocks(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """A list of funded projects: under a line that names only a project (一、「…」), 执行机构：X leads it and
    国外合作机构：Y, 参与机构为Z… take part in it — until the next project, a heading, or eight lines."""
    project: Linked | None = None
    left = 0
    for view in views:
        named = [m for m in view.mentions if m.text]
        if len(named) == 1 and named[0].kind == "project" and _ITEM_LINE.match(view.text):
            project, left = named[0], _PROJECT_REACH
            continue
        if project is None or left <= 0 or _HEADING.match(view.text):
            project = None
            continue
        left -= 1
        yield from _project_clauses(view, project)


_ITEM_LINE = re.compile(_ITEM + r"[「『“\"]")


def _project_clauses(view: SentenceView, project: Linked) -> Iterator[RelationRecord]:
    start = 0
    for end in [*(m.end() for m in _CLAUSE_END.finditer(view.text)), len(view.text)]:
        clause = view.text[start:end]
        for predicate, key in PROJECT_KEYS.items():
            if key.match(clause):
                for member in (m for m in view.mentions if m.is_org and start <= m.start < end):
                    yield record(view, member.iri, predicate, project.iri, 0.75, "project-entry")
        start = end


def shareholding_tables(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """Under a header 股东名称 … 持股比例, each row that begins with an organisation or a person and holds a
    percentage: a shareholder of the company the block names (名称：X), else of the issuer."""
    subject: str | None = None
    for index, view in enumerate(views):
        if _NAME_KEY.match(view.text):
            subject = next((m.iri for m in view.mentions if m.is_org and m.text), subject)
        if not _HOLDING_HEADER.search(view.text):
            continue
        owned = subject or view.publisher
        if owned is None:
            continue
        for row in views[index + 1 : index + 40]:
            first = row.mentions[0] if row.mentions else None
            if first is None or first.start > 2 or not _PERCENT.search(row.text):
                break
            if (first.is_org or first.kind == "person") and first.iri != owned:
                yield record(row, first.iri, "shareholderOf", owned, 0.8, "table-shareholder")


#: A table's header whose first column lists the issuer's subsidiaries (子公司名称｜所在地｜持股比例).
_SUBSIDIARY_HEADER = re.compile(
    r"(?:子公司|附属公司|控股公司|(?i:\bsubsidiar(?:y|ies)\b|\bcontrolled entit(?:y|ies)\b))"
    r"(?:名称|(?i:\s+name))?\s*(?:[|｜\t\u3000]|\s{2,}|\s+[—–]\s+)"
)


def subsidiary_tables(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """Under a header whose first column is the subsidiaries (子公司名称｜所在地｜持股比例), each row that begins
    with an organisation is a subsidiary of the issuer — and, where the row gives a percentage, one it holds."""
    for index, view in enumerate(views):
        if view.publisher is None or not _SUBSIDIARY_HEADER.search(view.text):
            continue
        for row in views[index + 1 : index + 40]:
            first = row.mentions[0] if row.mentions else None
            if (
                first is None
                or first.start > 2
                or not first.is_org
                or _PROSE.search(row.text[: first.end + 2])
            ):
                break
            if first.iri == view.publisher:
                continue
            yield record(row, first.iri, "subsidiaryOf", view.publisher, 0.75, "table-subsidiary")
            if _PERCENT.search(row.text):
                yield record(row, view.publisher, "shareholderOf", first.iri, 0.75, "table-subsidiary")


_UNIT_END = re.compile(
    r"(?:学院|系|研究所|研究院|实验室|研究中心|中心|分院|事业部|办公室|办公厅|处|科|(?<!公)司|局|署|组)$"
)


def named_units(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """四川大学材料科学与工程学院, 经济部产业发展署: a unit named with its parent's name first is the parent's
    sub-unit, where the document names the parent on its own too."""
    parents = {m.text: m.iri for v in views for m in v.mentions if m.is_org and len(m.text) >= 3}
    for view in views:
        for unit in (m for m in view.mentions if m.is_org and _UNIT_END.search(m.text)):
            parent = max(
                (name for name in parents if unit.text.startswith(name) and name != unit.text),
                key=len,
                default=None,
            )
            if parent is not None and len(unit.text) - len(parent) >= 2 and parents[parent] != unit.iri:
                yield record(view, unit.iri, "subsidiaryOf", parents[parent], 0.75, "named-unit")


#: A joint unit named with its founders' names joined by a dash: 中南大学—湘磁再生…联合研发中心, 暨大—山城…研究中心.
_JOINT_UNIT = re.compile(
    r"([\u4e00-\u9fff]{2,12})[—–\-－·]([\u4e00-\u9fff]{2,}(?:中心|实验室|研究院|研究所|平台))"
)


def joint_units(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """A research centre or lab named A—B…中心 was founded by A and B, where the document names both (the
    second by a name the rest of the unit's name begins with, or one that begins like it)."""
    names = {m.text: m.iri for v in views for m in v.mentions if m.is_org and len(m.text) >= 2}
    for view in views:
        for unit in (m for m in view.mentions if m.is_org):
            joined = _JOINT_UNIT.fullmatch(unit.text)
            if joined is None:
                continue
            first, rest = joined.groups()
            second = max((n for n in names if rest.startswith(n) and n != rest), key=len, default=None)
            if second is None:
                alike = [n for n in names if n.startswith(rest[:2]) and names[n] != unit.iri]
                second = alike[0] if len({names[n] for n in alike}) == 1 else None
            for founder in (first, second):
                if founder in names and names[founder] != unit.iri:
                    yield record(view, unit.iri, "foundedBy", names[founder], 0.7, "joint-unit")


def table_rows(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """A line cut into cells (company — mine — place — status; 序号 — project — companies — place — years): the
    organisations of the first cell that holds only organisations run (or lead) the site of another cell, and
    a cell of places locates the site before it, else those organisations (the first place of "Laverton,
    Western Australia", the last of 江西赣州)."""
    for view in views:
        cells = _cells(view)
        if len(cells) < 3:
            continue
        owners = _heads(view.text, next((c for _, c in cells if c and all(m.is_org for m in c)), []))
        owners = list({m.iri: m for m in reversed(owners)}.values())[::-1]  # 柔佛稀土冶金…（Johor …）: one
        site = next((m for _, c in cells for m in c if m.kind in BUILT_KINDS and not _is_zone(m)), None)
        if len(owners) == 1:
            yield from _cell_phrases(view, owners[0], cells)
        if site is not None:
            for owner in owners:
                predicate = "leads" if site.kind == "project" else "operates"
                yield record(view, owner.iri, predicate, site.iri, 0.75, "table-operates")
        # A cell of places locates the site, else the owner — unless a cell names a site the text does not
        # (Eneabba rare earths refinery).
        located = site or (owners[0] if len(owners) == 1 and not _SITE_WORD.search(view.text) else None)
        if located is not None:
            yield from _located_by_cell(view, located, cells)


_TIED_ON = re.compile(
    r"\b(?:subsidiary|unit|division|affiliate|arm|joint venture|owned by|part) of\b|\bin (?:cooperation|partnership|collaboration) with\b"
    r"|\bowned by\b|旗下|子公司|附属|合资|\b(?:formerly|previously)\b|原名|原为"
)


#: A public industrial zone: a place companies are in, not a site one of them runs (a company's own 磁材产业园 is one).
_ZONE_END = re.compile(
    r"(?:开发区|工业区|工业园区|高新区|经济区|保税区|(?i:industrial (?:estate|zone|area)|economic zone))$"
)


def _is_zone(mention: Linked) -> bool:
    return mention.kind == "facility" and _ZONE_END.search(mention.text) is not None


def _heads(text: str, cell: list[Linked]) -> list[Linked]:
    """The organisations a cell names as its subject: those before a phrase that ties the rest on to them
    (Malmfält Mineral AB, a wholly owned subsidiary of Norrbrand Holding AB: Malmfält only)."""
    for index in range(1, len(cell)):
        if _TIED_ON.search(text, cell[index - 1].end, cell[index].start):
            return cell[:index]
    return cell


def _located_by_cell(
    view: SentenceView, located: Linked, cells: list[tuple[str, list[Linked]]]
) -> Iterator[RelationRecord]:
    """The cell of places after the site (else the one before it: 越南／海防稀土分离厂／…) locates it — or, where
    the site's own cell already names its places (班洪稀土矿（莱州省封土县）), the first of those."""
    if "发自" in view.text or "记者" in view.text:  # (the text is read in simplified script)
        return  # 《…周刊》记者 X　发自赣州: a byline, where the reporter wrote from
    place_cells = [
        (text, cell) for text, cell in cells if cell and all(m.kind == "place" or _is_zone(m) for m in cell)
    ]  # 湖南衡阳松木经济开发区: a zone is where a row's company is, as a town is
    after = [(text, cell) for text, cell in place_cells if cell[0].start > located.start]
    before = [(text, cell) for text, cell in place_cells if cell[-1].end <= located.start]
    chosen = after[:1] or before[-1:]
    own = next((cell for _, cell in cells if located in cell), [])
    inner = [m for m in own if m.kind == "place" and m.start > located.start]
    if not chosen:
        if inner:  # Goldfield Hills Project, Esmeralda County: the site's own cell says where it is
            predicate = "projectSite" if located.kind == "project" else "locatedIn"
            yield record(view, located.iri, predicate, inner[0].iri, 0.7, "table-located")
        return
    text, places = chosen[0]
    latin = _HAN.search(view.text) is None
    broader_first = len(places) > 1 and "/" in view.text[places[0].end : places[1].start]
    if latin and broader_first:  # Andhra Pradesh / Anantapur: a state, then its district
        for broader, narrower in itertools.pairwise(places):
            yield record(view, narrower.iri, "locatedIn", broader.iri, 0.7, "table-located")
    place = (
        (places[0] if text.startswith(places[0].text) else None)
        if latin and not broader_first
        else places[-1]
    )
    if place is None:
        return
    if inner and not after:
        yield record(view, inner[0].iri, "locatedIn", place.iri, 0.7, "table-located")
        return
    predicate = "projectSite" if located.kind == "project" else "locatedIn"
    yield record(view, located.iri, predicate, place.iri, 0.75, "table-located")


#: What a cell says of the row's company, and which way: "wholly owned subsidiary of X", "19.9% held by X",
#: "joint venture of X and Y", "owned by X".
_CELL_PHRASES = (
    (re.compile(r"(?i)\bsubsidiary of\b"), "subsidiaryOf", False),
    (re.compile(r"(?i)\b(?:held|owned) by\b"), "shareholderOf", True),
    (re.compile(r"(?i)\b(?:joint venture|JV) (?:of|between)\b"), "foundedBy", False),
    (re.compile(r"(?i)\b(?:joint venture|JV) (?:of|between)\b"), "shareholderOf", True),
)


_STAKE_AFTER = re.compile(r"\s*[(（]?\s*\d+(?:\.\d+)?\s*[%％]")


def _cell_phrases(
    view: SentenceView, owner: Linked, cells: list[tuple[str, list[Linked]]]
) -> Iterator[RelationRecord]:
    for text, cell in cells:
        others = [m for m in cell if m.is_org and m.iri != owner.iri]
        for other in others:  # promoter group 58%, Kitano Denshi Co., Ltd. 14%: a holder and its stake
            if _STAKE_AFTER.match(view.text, other.end):
                yield record(view, other.iri, "shareholderOf", owner.iri, 0.7, "table-cell")
        for phrase, predicate, reverse in _CELL_PHRASES:
            if others and phrase.search(text):
                for other in others:
                    subject, obj = (other.iri, owner.iri) if reverse else (owner.iri, other.iri)
                    yield record(view, subject, predicate, obj, 0.7, "table-cell")


def _cells(view: SentenceView) -> list[tuple[str, list[Linked]]]:
    """The text and the mentions of each cell of a table row (no cells if the line is not one)."""
    breaks = _CELL_BREAK if not _PROSE.search(view.text) and _HAN.search(view.text) else _WIDE_BREAK
    bounds = [0, *[p for m in breaks.finditer(view.text) for p in (m.start(), m.end())], len(view.text)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=False))
    if len(spans) < 3:
        return []
    return [
        (view.text[start:end], [m for m in view.mentions if start <= m.start and m.end <= end and m.text])
        for start, end in spans
    ]
