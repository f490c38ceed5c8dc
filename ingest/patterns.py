"""Patterns that find names nobody listed: organisations by their endings, mines, facilities, projects,
policies and standards, document numbers, stock codes and people with posts.

They work on one sentence in matching form with its tagged tokens (word, tag, start, end) from the
statistical tagger (or the segmenter when no tagger runs), and return candidate spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rekg.ingest.lexicon import LEGAL_SUFFIXES, ORGANIZATION_SUFFIXES, kind_from_suffix

HAN = "\u3400-\u4dbf\u4e00-\u9fff"


@dataclass(frozen=True)
class Token:
    text: str
    tag: str  # LAC tag (n, v, ORG, LOC, PER …) or "x" when untagged
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    source: str
    priority: int  # higher wins ties between overlapping spans of equal length


POSTS = (
    "党委书记", "党组书记", "董事长", "副董事长", "总经理", "副总经理", "党委副书记", "党组副书记", "总裁", "副总裁",
    "总会计师", "总法律顾问", "董事会秘书", "监事会主席", "职工董事", "外部董事", "董事", "监事", "首席执行官",
    "院长", "所长", "校长", "会长", "副会长", "理事长", "秘书长", "主席", "副主席", "部长", "副部长", "局长",
    "厅长", "省长", "市长", "县长", "书记", "副书记", "主任", "副主任", "常委", "委员", "院士", "纪检监察组组长",
)
_POST_PATTERN = "|".join(sorted(POSTS, key=len, reverse=True))

# Words that end a name when walking left from a suffix.
_STOP_TAGS = {"v", "p", "c", "u", "w", "d", "r", "xc", "TIME", "q", "ad", "vd", "m"}
_NAME_TAGS = {"n", "nz", "nw", "ns", "nr", "nt", "LOC", "ORG", "PER", "j", "an", "a", "f", "s", "vn", "x"}
_STOP_WORDS = {
    "所属", "下属", "旗下", "控股", "与", "和", "及", "以及", "等", "由", "在", "于", "对", "向", "为", "是", "的",
    "集团所属", "公司所属", "其中", "包括", "推动", "推进", "建设", "建成", "实施", "完成", "启动", "开展", "参与",
    "我们", "本", "该", "各", "全", "成立", "组建", "设立", "收购", "签署", "合作", "牵头", "联合", "投资",
}

_BRACKETED_ORG = re.compile(
    rf"[{HAN}]{{1,8}}\([{HAN}]{{2,8}}\)[{HAN}A-Za-z]{{0,16}}?(?:{'|'.join((*LEGAL_SUFFIXES, '集团'))})"
)
_POLICY_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_DOCUMENT_NUMBER = re.compile(rf"[{HAN}]{{1,8}}[〔\[]\d{{4}}[〕\]]\d{{1,4}}号")
_STANDARD_CODE = re.compile(r"\b(?:GB|GB/T|GB/Z|YS/T|XB/T|HG/T|HJ|JB/T|T/[A-Z]{2,8})\s?\d{2,6}(?:\.\d+)?(?:\s?[—–-]\s?\d{4})?")
_STOCK_CODE = re.compile(r"(?:股票代码|证券代码|股份代码)\s*[:：]?\s*([0-9]{6})")
_ENGLISH_ORG = re.compile(
    r"\b((?:[A-Z][A-Za-z&'.-]+\s){1,6}(?:Co\.,\s?Ltd\.?|Company|Corporation|Group|University|Institute|Association))"
)
_FACILITY_SUFFIXES = ("冶炼分离厂", "冶炼厂", "分离厂", "加工厂", "热电厂", "电厂", "工厂", "产业园", "工业园", "生产线", "生产基地", "基地")
_PROJECT_SUFFIXES = ("项目", "工程")


def _walk_left(tokens: Sequence[Token], index: int, *, floor: int) -> int:
    """From token ``index`` (the one holding the suffix), walk left over name-like tokens; return the start."""
    start = tokens[index].start
    i = index - 1
    while i >= 0 and tokens[i].end > floor:
        token = tokens[i]
        if token.text in _STOP_WORDS or (token.tag in _STOP_TAGS and token.text not in "()"):
            break
        if token.tag not in _NAME_TAGS and token.text not in "()":
            break
        start = token.start
        i -= 1
    return start


def _token_at(tokens: Sequence[Token], position: int) -> int | None:
    for index, token in enumerate(tokens):
        if token.start <= position < token.end:
            return index
    return None


def suffix_names(text: str, tokens: Sequence[Token], suffixes: Sequence[str], kind: str, source: str) -> Iterator[Candidate]:
    """Names that end in one of ``suffixes``, their start found by walking left over name-like tokens."""
    pattern = re.compile("|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True)))
    for match in pattern.finditer(text):
        index = _token_at(tokens, match.start())
        if index is None:
            continue
        begin = _walk_left(tokens, index, floor=-1)
        if tokens[index].start < match.start():
            # the suffix starts inside a token: that token's head belongs to the name
            begin = min(begin, tokens[index].start)
        if match.end() - begin >= len(match.group()) + 2:
            yield Candidate(begin, match.end(), kind, source, 2)


def organisation_names(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    for match in _BRACKETED_ORG.finditer(text):
        kind = kind_from_suffix(match.group()) or "company"
        yield Candidate(match.start(), match.end(), kind, "pattern:bracketed-organisation", 3)
    for candidate in suffix_names(text, tokens, ORGANIZATION_SUFFIXES[:14], "company", "pattern:organisation"):
        name = text[candidate.start : candidate.end]
        kind = kind_from_suffix(name)
        if kind:
            yield Candidate(candidate.start, candidate.end, kind, candidate.source, 2)


def policy_names(text: str) -> Iterator[Candidate]:
    for match in _POLICY_TITLE.finditer(text):
        yield Candidate(match.start(1), match.end(1), "policy", "pattern:title", 4)
    for match in _DOCUMENT_NUMBER.finditer(text):
        yield Candidate(match.start(), match.end(), "policy", "pattern:document-number", 4)
    for match in _STANDARD_CODE.finditer(text):
        yield Candidate(match.start(), match.end(), "policy", "pattern:standard-code", 4)


def site_names(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    yield from suffix_names(text, tokens, _PROJECT_SUFFIXES, "project", "pattern:project")
    yield from suffix_names(text, tokens, _FACILITY_SUFFIXES, "facility", "pattern:facility")
    for candidate in suffix_names(
        text, tokens, ("稀土矿山", "稀土矿区", "稀土矿", "铜矿", "铝土矿", "铁矿", "尾矿库", "矿山", "矿区", "矿"),
        "mine", "pattern:mine",
    ):
        name = text[candidate.start : candidate.end]
        # 矿 alone ends many common words; a mine name needs a proper-name part before it
        if name.endswith("矿") and not any(t.tag in {"LOC", "ORG", "nz", "ns", "x"} for t in tokens
                                          if candidate.start <= t.start < candidate.end):
            continue
        yield candidate


def english_organisations(text: str) -> Iterator[Candidate]:
    for match in _ENGLISH_ORG.finditer(text):
        name = match.group(1)
        kind = "university" if name.endswith("University") else "institute" if name.endswith("Institute") else (
            "group" if name.endswith("Group") else "association" if name.endswith("Association") else "company"
        )
        yield Candidate(match.start(1), match.end(1), kind, "pattern:english-organisation", 3)


def stock_codes(text: str) -> Iterator[tuple[int, str]]:
    """(position, code) of stock codes: 股票代码: 000831."""
    for match in _STOCK_CODE.finditer(text):
        yield match.start(), match.group(1)


def post_pattern() -> str:
    return _POST_PATTERN
