"""Patterns for site names: projects (…项目, …工程), facilities (…厂, …基地, …产业园) and mines (…矿, …矿山),
their start found by walking left from the suffix and trimmed of the verbs that build or hold them; a site
name needs a proper part, a figure, or enough words of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rekg.ingest.lexicon import reads_as_common_words
from rekg.ingest.patterns import Candidate, Token, organisation_head, suffix_names, suffix_pattern

_FACILITY_SUFFIXES = (
    "选矿厂",
    "再生厂",
    "回收厂",
    "工业邨",
    "产业园区",
    "冶炼分离厂",
    "冶炼厂",
    "分离厂",
    "加工厂",
    "热电厂",
    "金属厂",
    "合金厂",
    "磁材厂",
    "磁石厂",
    "磁体厂",
    "精炼厂",
    "电厂",
    "工厂",
    "产业园",
    "工业园",
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "开发区",
    "高新区",
    "工业区",
    "工业园区",
    "科技园",
    "科学园区",
    "生产线",
    "生产基地",
    "基地",
    "试验厂",
    "示范厂",
    "化工园区",
    "口岸",
    "机场",
    "储备仓",
    "仓库",
    "码头",
)
_PROJECT_SUFFIXES = ("项目", "工程")
#: Every facility suffix holds one of these.
_FACILITY_WORD = re.compile("厂|园|基地|邨|生产线|口岸|机场|仓|码头|区")
_FACILITY_SUFFIX = suffix_pattern(_FACILITY_SUFFIXES)
_PROJECT_SUFFIX = suffix_pattern(_PROJECT_SUFFIXES)


_PROJECT_TAGS = frozenset({"v", "vn", "m", "q", "a", "ad"})
_PROJECT_STOP = {
    "建成",
    "实施",
    "完成",
    "启动",
    "推进",
    "开展",
    "参与",
    "投产",
    "开工",
    "落地",
    "签约",
    "承建",
    "持有",
    "拥有",
    "负责",
    "收购",
    "控股",
    "运营",
    "经营",
    "开发",
    "投资",
    "建设",
    "主导",
    "牵头",
    "合资",
    "获批",
    "入选",
    "列入",
    "纳入",
    "成功",
    "全面",
    "加快",
    "有序",
    "积极",
    "稳步",
    "重点",
    "持续",
    "新",
    "等",
    "公司",  # 公司首个海外…项目: the company's first one, described
    "首个",
    "首批",
}
#: Verbs of a clause that a walk to the left of …项目 takes in: the name starts after them.
_CLAUSE_VERB = re.compile(
    r"公布|发布|支持|担保|布局|聚焦|涉及|包括|列入|纳入|承担|中标|签约|雇用|预计|身份|作为|成为|(?<![体学关派])系(?![统列])"
)
_COUNTED = re.compile(r"[\d一二三四五六七八九十两多几]+(?:个|项|批|大)[\u4e00-\u9fff]{0,8}?(?:项目|工程)")
#: Words for a region or a scope that a description of projects starts with (海外, 全省, 北美).
_SCOPE = re.compile(
    r"海外|境外|国内|国外|全省|全市|全国|全区|省内|省外|域外|北美|欧美|南美|欧洲|非洲|亚洲|东南亚"
)
_FIGURE = re.compile(r"\d|[一二三四五六七八九十百千万亿]+(?:吨|千瓦|瓦|平方米|亩|立方米)")
_SPECIFIC_TAGS = {"LOC", "ORG", "PER", "nz", "ns", "nr", "nw", "x"}


_BUILDING_VERB = re.compile(r"兴建|新建|筹建|投建|建成|扩建|收购|并购|开发|运营|营运|经营|拥有|控股")


def _after_building_verb(text: str, candidate: Candidate) -> Candidate:
    """在德克萨斯州兴建重稀土分离厂 → 重稀土分离厂: a site's name starts after the verb that builds or holds it."""
    verbs = list(_BUILDING_VERB.finditer(text, candidate.start, candidate.end))
    if not verbs or candidate.end - verbs[-1].end() < 3:
        return candidate
    return Candidate(verbs[-1].end(), candidate.end, candidate.kind, candidate.source, candidate.priority)


def has_proper_part(text: str, tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a proper name (a tagged name, a foreign word, the tail of one) or a
    figure (4000吨, 万吨)."""
    inside = [t for t in tokens if t.end > start and t.start < end]
    return any(t.tag in _SPECIFIC_TAGS for t in inside) or _FIGURE.search(text[start:end]) is not None


def _specific(text: str, tokens: Sequence[Token], candidate: Candidate, minimum: int) -> bool:
    """A site name needs a proper-name part, a figure, or enough words of its own (not 重点项目)."""
    if has_proper_part(text, tokens, candidate.start, candidate.end):
        return True
    return candidate.end - candidate.start >= minimum


_MINE_SUFFIXES = ("稀土矿山", "稀土矿区", "稀土矿", "铜矿", "铝土矿", "铁矿", "尾矿库", "矿山", "矿区", "矿")
_MINE_SUFFIX = re.compile(f"(?:{'|'.join(_MINE_SUFFIXES)})$")
_MINE_SUFFIX_ANYWHERE = suffix_pattern(_MINE_SUFFIXES)


def site_names(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    """Projects, facilities and mines, found by their endings."""
    if "项目" in text or "工程" in text:  # the project suffixes
        yield from _project_names(text, tokens)
    if _FACILITY_WORD.search(text):
        for candidate in suffix_names(text, tokens, _FACILITY_SUFFIX, "facility", "pattern:facility"):
            candidate = _after_building_verb(text, candidate)
            if _specific(text, tokens, candidate, 9):
                yield candidate
    if "矿" in text:  # every mine suffix holds 矿
        yield from _mine_names(text, tokens)


_BROKEN_NUMBER = re.compile(r"(?:年产|年处理|新增)?\d{1,3}(?:,\d{3})+(?!\d)")
_LIST_NUMBER = re.compile(r"\d{1,2}[.、．)）](?!\d)\s*")
_PHASE = re.compile(r"\((?:[一二三四五六七八九十\d]+期(?:工程)?|一阶段|二阶段)\)")


def after_leading_verbs(text: str, begin: int) -> int:
    """Where a project's name starts once the verbs of its clause (建成…, 推进…, 持有…) that a walk to the left
    took in are left off."""
    while head := next((w for w in _PROJECT_STOP if text.startswith(w, begin)), None):
        begin += len(head)
    return begin


#: A project named by its capacity first (年处理1.2万吨离子型稀土矿尾矿综合回收项目, 年产3000吨稀土金属及合金…项目):
#: the name runs from the figure to its ending, whatever words the walk from the ending would stop at.
_CAPACITY_PROJECT = re.compile(
    r"(?<![\u4e00-\u9fff])(?:年产|年处理|年加工|年回收|年新增|新增年产)\s*\d[\d.,]*\s*万?(?:公吨|吨|台|套|件|辆)"
    r"[\u4e00-\u9fff（）()]{2,40}?(?:项目|工程|计划|计画)(?![\u4e00-\u9fff])"
)


def _project_names(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    """Projects (…项目, …工程), without the verbs before them and the operator's name a tag ran on into."""
    for match in _CAPACITY_PROJECT.finditer(text):
        yield Candidate(match.start(), match.end(), "project", "pattern:project", 3)
    for candidate in suffix_names(text, tokens, _PROJECT_SUFFIX, "project", "pattern:project", _PROJECT_TAGS):
        begin = candidate.start
        for verb in _CLAUSE_VERB.finditer(text, begin, candidate.end):  # 季度公布|第二批战略项目
            if candidate.end - verb.end() >= 4:
                begin = verb.end()
        begin = after_leading_verbs(text, begin)
        before = next((t for t in tokens if t.end == begin and t.tag == "ORG"), None)
        head = organisation_head(before.text) if before is not None else None
        if before is not None and head is not None:
            begin = before.start + head  # 包头铝业|华云电解三期项目: the tagger's span ran on into the site
        # 年产5,000吨…项目: the walk stopped at the comma inside the figure
        begin = next(
            (n.start() for n in _BROKEN_NUMBER.finditer(text, 0, begin + 4) if n.end() > begin), begin
        )
        numbered = _LIST_NUMBER.match(text, begin)  # 4.年处理8000吨…项目: the item's number is no part of it
        begin = numbered.end() if numbered and numbered.end() < candidate.end else begin
        phase = _PHASE.match(text, candidate.end)  # 年产1.5万吨…磁材项目(二期): the phase is part of the name
        end = phase.end() if phase else candidate.end
        trimmed = Candidate(begin, end, candidate.kind, candidate.source, candidate.priority)
        scope = _SCOPE.match(text, begin, end)
        if scope and not _specific(text, tokens, Candidate(scope.end(), end, "project", "", 0), 99):
            continue  # 海外在建稀土分离项目, 北美项目, 全省…重点项目: projects of a region, no project's name
        if _COUNTED.fullmatch(text, trimmed.start, trimmed.end):
            continue  # 签约3个项目: a count of projects, none named
        if trimmed.end - trimmed.start >= 4 and _specific(text, tokens, trimmed, 8):
            yield trimmed


def _mine_names(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    """Mines (…矿, …矿山, …矿区) with a proper part or a name the dictionary does not know."""
    for candidate in suffix_names(text, tokens, _MINE_SUFFIX_ANYWHERE, "mine", "pattern:mine"):
        candidate = _after_building_verb(text, candidate)
        name = text[candidate.start : candidate.end]
        if name.endswith(
            (
                "精矿",
                "选矿",
                "原矿",
                "采矿",
                "找矿",
                "探矿",
                "绿色矿山",
                "智能矿山",
                "数字化矿山",
                "智慧矿山",
                "城市矿山",
            )
        ):
            continue  # a product (稀土精矿) or a designation (绿色矿山), not a mine's name
        if _specific(text, tokens, candidate, 99):
            yield candidate
            continue
        head = _MINE_SUFFIX.sub("", name)
        if len(head) >= 2 and not head.endswith("型") and not reads_as_common_words(head):  # not 岩矿型
            yield candidate  # 景村稀土矿: a mine named by a word the dictionary does not know


#: The keys of the lines under a project's title in a list of funded projects (执行机构：…；计划主持人：…).
PROJECT_KEYS = {
    "leads": re.compile(r"^\s*(?:执行|承担|主持|牵头|实施|申请)(?:机构|单位|学校|院校)\s*(?:[:：]|为|是)"),
    "participatesIn": re.compile(
        r"^\s*(?:国外|国内|境外|境内|海外)?(?:合作|参与|协作|协办|共同执行)(?:机构|单位|厂商|企业|院校|伙伴)\s*(?:[:：]|为|是)?"
    ),
}
_TITLE_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）]|[(（][一二三四五六七八九十\d]+[)）])\s*[「『“\"]([^「」『』“”\"]{4,40})[」』”\"]\s*$"
)


def project_title(line: str, following: str) -> tuple[int, int] | None:
    """一、「低重稀土晶界扩散磁石制程开发」 over 执行机构：…: the span of a project's name that stands as the title
    of its entry in a list of projects (the next line names who carries it out)."""
    title = _TITLE_LINE.match(line)
    if title is None or not any(key.match(following) for key in PROJECT_KEYS.values()):
        return None
    return title.span(1)
