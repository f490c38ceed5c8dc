"""Patterns that find names nobody listed: organisations by their endings, policies and standards, document
numbers, stock codes and people with posts (mines, facilities and projects: :mod:`rekg.ingest.site_patterns`).

They work on one sentence in matching form with its tagged tokens (word, tag, start, end) from the
statistical tagger (or the segmenter when no tagger runs), and return candidate spans.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import NamedTuple

from rekg.ingest.lexicon import (
    LEGAL_SUFFIXES,
    ORGANIZATION_SUFFIXES,
    is_generic_name,
    kind_from_suffix,
    matching_form,
    place_names,
)

HAN = "\u3400-\u4dbf\u4e00-\u9fff"


class Token(NamedTuple):
    """A word of a sentence with its tag and offsets (a named tuple: tens of thousands are made per document)."""

    text: str
    tag: str  # LAC tag (n, v, ORG, LOC, PER …) or "x" when untagged
    start: int
    end: int


# A token's tag, start and end, read by C code (map) over a sentence's tokens.
_TAG, _START, _END = itemgetter(1), itemgetter(2), itemgetter(3)


class Candidate(NamedTuple):
    """A span that may be a name, with the kind it would be and what found it."""

    start: int
    end: int
    kind: str
    source: str
    priority: int  # higher wins ties between overlapping spans of equal length


# Words that end a name when walking left from a suffix.
_STOP_TAGS = {"v", "p", "c", "u", "w", "d", "r", "xc", "TIME", "q", "ad", "vd", "m"}
_NAME_TAGS = {"n", "nz", "nw", "ns", "nr", "nt", "LOC", "ORG", "PER", "j", "an", "a", "f", "s", "vn", "x"}
_STOP_WORDS = {
    "所属",
    "下属",
    "旗下",
    "控股",
    "与",
    "和",
    "及",
    "以及",
    "等",
    "由",
    "在",
    "于",
    "对",
    "向",
    "为",
    "是",
    "的",
    "集团所属",
    "公司所属",
    "其中",
    "包括",
    "推动",
    "推进",
    "建设",
    "建成",
    "实施",
    "完成",
    "启动",
    "开展",
    "参与",
    "我们",
    "本",
    "该",
    "各",
    "全",
    "成立",
    "组建",
    "设立",
    "收购",
    "签署",
    "合作",
    "牵头",
    "联合",
    "投资建设",
    "投资设立",
    "入选",
    "荣获",
    "获评",
    "获得",
    "成为",
    "列为",
    "入围",
    "实现",
    "并网",
    "发电",
    "案例",
    "助力",
    "服务",
}

#: 中铝(上海)有限公司, 金沙江稀金(四川)投资有限公司 — not a site and its place in brackets, with no joining word
#: before it (该公司与|博世汽车部件(苏州)有限公司), then a company after a preposition (班洪稀土矿(莱州省封土县)由莱州稀土开发股份公司).
_BRACKETED_ORG = re.compile(
    rf"(?<![公集])(?:(?![与及在由的为将对从向被把])[{HAN}]){{1,10}}(?<![矿厂目])\([{HAN}]{{2,8}}\)"
    rf"(?:(?![由与和及将向在为的对从持拥是系])[{HAN}A-Za-z]){{0,16}}?"
    rf"(?:{'|'.join((*LEGAL_SUFFIXES, '集团'))})"
)
_POLICY_TITLE = re.compile(r"《([^《》\n]{3,80})》")
_EMISSION_STANDARD = re.compile(r"国[IVX]{1,4}(?:排放)?标准")
DOCUMENT_NUMBER = re.compile(rf"[{HAN}]{{1,8}}[〔\[]\d{{4}}[〕\]]\d{{1,4}}号")
_STANDARD_CODE = re.compile(
    r"(?<![A-Za-z])(?:(?:GB/T|GB/Z|GB|YS/T|XB/T|HG/T|HJ|JB/T|T/[A-Z]{2,8}|ISO|IEC)\s?\d{2,6}(?:\.\d+)?"
    r"(?:\s?[—–-]{1,2}\s?\d{4})?|[A-Z]{2,6}[—–-]{1,2}[A-Z]{2,6}\s?\d+(?:\.\d+)?)"
)
#: 经贸字第11504612870号, 台关业字第1151013567号: a Taiwan document's number, its office's word then 字第.
_LETTER_NUMBER = re.compile(rf"(?![日月年])[{HAN}]{{1,6}}字第\d{{6,13}}号")
STOCK_CODE = re.compile(r"(?:股票代码|证券代码|股份代码)\s*[:：]?\s*([0-9]{6})")


def _walk_left(
    tokens: Sequence[Token], index: int, *, floor: int, extra_tags: frozenset[str] = frozenset()
) -> int:
    """From token ``index`` (the one holding the suffix), walk left over name-like tokens; return the start."""
    start = tokens[index].start
    i = index - 1
    while i >= 0 and tokens[i].end > floor:
        token = tokens[i]
        holding_form = (
            token.text == "控股" and i == index - 1
        )  # 秦川矿业控股集团有限公司: part of the legal form
        if (token.text in _STOP_WORDS and not holding_form) or token.end != start:  # a gap ends a name
            break
        if token.text.endswith(ORGANIZATION_SUFFIXES) and len(token.text) > 3:
            break  # a whole organisation name of its own
        allowed = token.tag in _NAME_TAGS or token.tag in extra_tags or token.text in "()"
        if not allowed or (
            token.tag in _STOP_TAGS and token.tag not in extra_tags and token.text not in "()"
        ):
            break
        start = token.start
        i -= 1
    return start


def _token_at(tokens: Sequence[Token], position: int, starts: Sequence[int]) -> int | None:
    """The index of the token holding ``position`` (tokens are in order and do not overlap; ``starts`` are
    their start offsets)."""
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and tokens[index].start <= position < tokens[index].end:
        return index
    return None


_INNER_LEGAL_FORM = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司)(?=[\u4e00-\u9fff()]{2,}(?:公司|集团)$)"
)
_LEGAL_FORM_INSIDE = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团)(?=[\u4e00-\u9fff])")
_COPULA_INSIDE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:系|是|为)(?=[\u4e00-\u9fff()]{4,}(?:公司|集团))")


def split_joined_names(tokens: Sequence[Token]) -> list[Token]:
    """A tagged span holding more than a name becomes its parts: two names one after the other
    (中铝财务有限责任公司中铝招标有限公司, a chart's two boxes read as one line), or a clause
    (秦岭稀土系秦川矿业控股集团有限公司控股: a name, 系, a name, and the word after it)."""
    organisations = [index for index, tag in enumerate(map(_TAG, tokens)) if tag == "ORG"]
    if not organisations:
        return list(tokens)
    out: list[Token] = []
    done = 0  # tokens before this index are in ``out``
    for index in organisations:
        out.extend(tokens[done:index])
        out.extend(_joined_parts(tokens[index]))
        done = index + 1
    out.extend(tokens[done:])
    return out


def _joined_parts(token: Token) -> list[Token]:
    """The names (and the words between them) an organisation's tagged span holds; the token itself when one."""
    text = token.text
    if text.endswith("分公司") or ("公司" not in text and "集团" not in text):
        # a branch is one name; and each of the three patterns below needs 公司 or 集团 to match
        return [token]
    cuts = {m.end() for m in _INNER_LEGAL_FORM.finditer(text)}
    for copula in _COPULA_INSIDE.finditer(text):
        cuts |= {copula.start(), copula.end()}
    legal = [m.end() for m in _LEGAL_FORM_INSIDE.finditer(text)]
    if legal and not re.search("公司|集团", text[legal[-1] :]):
        cuts.add(legal[-1])  # …集团有限公司控股: the name ends with its legal form
    out: list[Token] = []
    start = 0
    for cut in sorted(c for c in cuts if 0 < c < len(text)):
        tag = token.tag if text[start:cut] not in {"系", "是", "为"} else "v"
        out.append(Token(text[start:cut], tag, token.start + start, token.start + cut))
        start = cut
    tag = token.tag if start == 0 or kind_from_suffix(text[start:]) else "x"
    out.append(Token(text[start:], tag, token.start + start, token.end))
    return out


def suffix_pattern(suffixes: Sequence[str]) -> re.Pattern[str]:
    """A pattern for any of ``suffixes``, longest first (compiled once per family, at import)."""
    return re.compile("|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True)))


#: Words the tagger cuts off the name they begin: 国立|清华大学, 和|勤稀土材料股份有限公司.
_NAME_START_WORDS = frozenset({"国立", "私立", "公立", "市立", "县立", "省立", "州立", "和"})


def _place_glued_to_name(place: Token, name: Token) -> bool:
    """Whether a token the tagger read as a place is a known place with the name's first character or two
    glued on (普洱整 before 董稀土…有限公司: 普洱 + 整董稀土…)."""
    if place.tag != "LOC" or place.end != name.start or len(place.text) < 3:
        return False
    known = place_names()
    folded = matching_form(place.text)
    return folded not in known and any(folded[:cut] in known for cut in (len(folded) - 1, len(folded) - 2))


def suffix_names(
    text: str,
    tokens: Sequence[Token],
    pattern: re.Pattern[str],
    kind: str,
    source: str,
    extra_tags: frozenset[str] = frozenset(),
) -> Iterator[Candidate]:
    """Names that end in a suffix ``pattern`` (from :func:`suffix_pattern`) finds, their start found by walking
    left over name-like tokens."""
    ends: set[int] | None = None  # made at the first match: most sentences have none
    starts: list[int] = []
    for match in pattern.finditer(text):
        if ends is None:
            ends = set(map(_END, tokens))
            starts = list(map(_START, tokens))
        if match.end() not in ends:
            continue  # the suffix must end a word: 五矿 in 中国五矿集团 is no mine
        index = _token_at(tokens, match.start(), starts)
        if index is None:
            continue
        if tokens[index].tag == "ORG" and kind != "project":
            begin = tokens[index].start  # the tagger already delimited this organisation
            if index > 0 and tokens[index - 1].tag == "ORG" and tokens[index - 1].text in _NAME_START_WORDS:
                begin = tokens[index - 1].start  # 国立|清华大学, 和|勤稀土材料…: a name the tagger cut in two
            elif index > 0 and _place_glued_to_name(tokens[index - 1], tokens[index]):
                begin = tokens[
                    index - 1
                ].start  # 普洱整|董稀土资源开发有限公司: the tagger cut inside the name
        else:
            begin = _walk_left(tokens, index, floor=-1, extra_tags=extra_tags)
        if tokens[index].start < match.start():
            # the suffix starts inside a token: that token's head belongs to the name
            begin = min(begin, tokens[index].start)
        if match.end() - begin >= len(match.group()) + 2:
            yield Candidate(begin, match.end(), kind, source, 2)


_QUOTED_NAME = re.compile(
    r"[「『“\"]([^「」『』“”\"\n，,。；;！？!?]{3,30})[」』”\"]"
)  # a quote with a comma is speech
_QUOTED_SITE_SUFFIXES = {
    "厂": "facility",
    "基地": "facility",
    "园": "facility",
    "邨": "facility",
    "仓": "facility",  # 「青衣稀土保税仓」: a warehouse
    "仓库": "facility",
    "码头": "facility",
    "中心": "facility",
    "矿": "mine",
}


#: A programme, plan or rule in quotation marks, as Taiwan and Hong Kong write them where the mainland uses
#: 《》: 「重要矿物材料自主推动方案」, 「稀土永磁与分离技术国际合作研究计划」.
_QUOTED_POLICY_END = re.compile(
    r"(?:计划|计画|方案|规划|办法|纲要|战略|策略|政策|条例|要点|措施|指引|行动|倡议)$"
)


#: What makes a quoted plan a company's project (a plant, a line, a build) rather than a public programme.
_PLANT_WORK = re.compile(
    r"厂|矿|线|基地|园区|建置|建设|扩产|年产|吨|再制|制程|废[\u4e00-\u9fff]{0,10}回收|污泥|拆解|萃取|纯化|量产|验证|自动化|提炼"
)
_PROGRAMME = re.compile(
    r"补助|补贴|奖励|推动|政策|方案|战略|国际合作|研究计划|作业|措施|纲要|倡议|资助|基金|专项|行动|年度"
)


def quoted_names(text: str) -> Iterator[Candidate]:
    """Names a text puts in quotation marks: 「将军澳稀土再生厂」, “稀土二次资源联合实验室”, 「…推动方案」, typed by
    their ending."""
    for match in _QUOTED_NAME.finditer(text):
        name = match.group(1)
        kind = kind_from_suffix(name) or next(
            (k for suffix, k in _QUOTED_SITE_SUFFIXES.items() if name.endswith(suffix)), None
        )
        if kind is None and len(name) >= 6 and _QUOTED_POLICY_END.search(name):
            # 「…补助计划」 is a programme; 「林园…示范厂建置计划」, 「…氢碎再制计划」 a company's project
            planned = (
                name.endswith(("计划", "计画")) and _PLANT_WORK.search(name) and not _PROGRAMME.search(name)
            )
            kind = "project" if planned else "policy"
        if kind is not None and not is_generic_name(name):
            yield Candidate(match.start(1), match.end(1), kind, "pattern:quoted-name", 3)


_NAME_SUFFIXES = tuple(s for s in ORGANIZATION_SUFFIXES if len(s) >= 2 and not s.endswith("委"))
_NAME_SUFFIX = suffix_pattern(_NAME_SUFFIXES)
_NAME_SUFFIX_END = re.compile(f"[{''.join(sorted({s[-1] for s in _NAME_SUFFIXES}))}]")  # 司, 团, 院 …


#: What follows a publication's title in a byline or a citation: its reporter, its report.
_REPORTED_BY = re.compile(r"\s*(?:记者|特约记者|报道|讯|消息|援引|报导|引述|首席记者)")
#: News agencies, named in datelines and citations (新华社内罗毕9月22日电, 据中新社报道).
_NEWS_AGENCY = re.compile(
    r"新华社|中新社|中央社|路透社|法新社|美联社|彭博社|共同社|韩联社|塔斯社|德新社|安莎社|埃菲社|俄新社|日本共同社"
)


def organisation_names(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    """Organisations in quotation marks, with a bracketed part (中铝(上海)有限公司) and by their endings; news
    agencies."""
    if "社" in text:  # every agency's name ends in 社
        for match in _NEWS_AGENCY.finditer(text):
            yield Candidate(match.start(), match.end(), "organization", "pattern:news-agency", 3)
    if "「" in text or "『" in text or "“" in text or '"' in text:  # the marks _QUOTED_NAME opens with
        yield from quoted_names(text)
    if "(" in text:  # _BRACKETED_ORG holds a literal (
        for match in _BRACKETED_ORG.finditer(text):
            kind = kind_from_suffix(match.group()) or "company"
            yield Candidate(match.start(), match.end(), kind, "pattern:bracketed-organisation", 3)
    if _NAME_SUFFIX_END.search(text) is None:  # every suffix ends in one of these characters
        return
    for candidate in suffix_names(text, tokens, _NAME_SUFFIX, "company", "pattern:organisation"):
        for piece in joined_names(text, candidate):
            name = text[piece.start : piece.end]
            kind = kind_from_suffix(name)
            if kind and not is_generic_name(name):
                yield Candidate(piece.start, piece.end, kind, candidate.source, 2)


_JOINING = re.compile("[及与和暨]")


def joined_names(text: str, candidate: Candidate) -> list[Candidate]:
    """国家发展基金管理会及工业技术研究院: two names a left walk read as one, where the part before 及 (与, 和)
    is a name by its own ending (香港稀土及磁性材料商会 and 工业和信息化部 stay whole)."""
    for join in _JOINING.finditer(text, candidate.start + 4, candidate.end - 4):
        if kind_from_suffix(text[candidate.start : join.start()]) is not None:
            return [
                Candidate(
                    candidate.start, join.start(), candidate.kind, candidate.source, candidate.priority
                ),
                Candidate(join.end(), candidate.end, candidate.kind, candidate.source, candidate.priority),
            ]
    return [candidate]


_POLICY_WORD = re.compile(
    r"法|条例|规定|办法|规划|计划|纲要|方案|意见|通知|决定|指南|标准|规范|细则|目录|名录|公告|批复|制度|准则|"
    r"指引|措施|政策|战略|目标|倡议|共识|公约|宣言|议程|决议|令"
)
_NOT_A_POLICY = re.compile(r"(?:协议|合同|备忘录|协定|蓝皮书|白皮书|年鉴|杂志|日报|期刊|论文|画册|一书)$")


def is_policy_title(title: str) -> bool:
    """Whether a 《title》 names a policy or standard, not an agreement, a book or an article.

    《矿产资源合作框架协议》 is an agreement between parties (its facts are read as such), 《…蓝皮书》 a book,
    and a title in quotation marks with no word of policy in it (《“碳”索高质量发展新“绿”径》) an article.
    """
    if _NOT_A_POLICY.search(title):
        return False
    return not (re.search('[“”"]', title) and _POLICY_WORD.search(title) is None)


_CAPITAL = re.compile("[A-Z]")


#: 关于印发X的通知: the plan a notice circulates, named without brackets in the notice's own title.
CIRCULATED = re.compile(
    r"关于(?:印发|发布|下达|转发|公布)([^《》，。；的]{4,60}?(?:方案|规划|计划|办法|规定|条例|意见|细则|指南|目录|纲要|要点)"
    r"(?:\(\d{4}[—–-]\d{4}年\))?)的(?:通知|公告|函)"
)


def policy_names(text: str) -> Iterator[Candidate]:
    """Policies and standards: 《titles》, 国六标准, document numbers (国发〔2021〕23号) and standard codes; the plan
    a notice circulates (关于印发X的通知)."""
    if "关于" in text:
        for match in CIRCULATED.finditer(text):
            yield Candidate(match.start(1), match.end(1), "policy", "pattern:circulated", 4)
    if "《" in text:  # each title opens with 《
        for match in _POLICY_TITLE.finditer(text):
            if _REPORTED_BY.match(text, match.end()):  # 《国际矿业观察》记者: a publication, and who it is
                yield Candidate(match.start(1), match.end(1), "organization", "pattern:publication", 4)
            elif is_policy_title(match.group(1)):
                yield from _title_parts(text, match.start(1), match.end(1))
    if "标准" in text:  # _EMISSION_STANDARD ends in 标准
        for match in _EMISSION_STANDARD.finditer(text):
            yield Candidate(match.start(), match.end(), "policy", "pattern:emission-standard", 4)
    if "号" in text:  # DOCUMENT_NUMBER and _LETTER_NUMBER end in 号
        for finder in (DOCUMENT_NUMBER, _LETTER_NUMBER):
            for match in finder.finditer(text):
                yield Candidate(match.start(), match.end(), "policy", "pattern:document-number", 4)
    if _CAPITAL.search(text):  # every alternative of _STANDARD_CODE starts with a capital letter
        for match in _STANDARD_CODE.finditer(text):
            yield Candidate(match.start(), match.end(), "policy", "pattern:standard-code", 4)


_TITLE_NOISE = re.compile(r"^[\s:：()（）]+|[\s:：()（）]+$")


def _title_parts(text: str, begin: int, end: int) -> Iterator[Candidate]:
    """A title, split from the codes and years inside it: 《ISO 26000: 社会责任指南(2010)》 → ISO 26000 ·
    社会责任指南; 《社会责任报告编写指南(GB/T 36001—2015)》 → 社会责任报告编写指南 · GB/T 36001—2015."""
    title = text[begin:end]
    codes = list(_STANDARD_CODE.finditer(title))
    if not codes:
        year = re.search(r"\((?:\d{4}|\d{4}-\d{4}年?)\)$", title)
        if year and re.search(r"[\u4e00-\u9fff]{2}", title[: year.start()]) and "-" not in year.group():
            end = begin + year.start()
        yield Candidate(begin, end, "policy", "pattern:title", 4)
        return
    cursor = begin
    for code in codes:
        yield from _title_rest(text, cursor, begin + code.start())
        yield Candidate(begin + code.start(), begin + code.end(), "policy", "pattern:standard-code", 4)
        cursor = begin + code.end()
    yield from _title_rest(text, cursor, end)


def _title_rest(text: str, begin: int, end: int) -> Iterator[Candidate]:
    piece = text[begin:end]
    year = re.search(r"\(\d{4}\)\s*$", piece)
    if year:
        end, piece = begin + year.start(), piece[: year.start()]
    lead = len(piece) - len(_TITLE_NOISE.sub("", piece, count=1)) if _TITLE_NOISE.match(piece) else 0
    trail = _TITLE_NOISE.search(piece[lead:])
    stop = end - (len(trail.group()) if trail else 0)
    if stop - (begin + lead) >= 3 and re.search(r"[\u4e00-\u9fff]", text[begin + lead : stop]):
        yield Candidate(begin + lead, stop, "policy", "pattern:title", 4)


_INDUSTRY_WORD = re.compile(r"稀土|有色|铝业|铜业|锌业|钨业|锂业|钼业|矿业|钢铁|化工|电力|股份|控股|实业")


def organisation_head(name: str) -> int | None:
    """Where a company's short name ends inside a longer tagged span: 包头铝业华云电解 → 4 (包头铝业).

    A short name ends with its industry word; what a tagger read on into (a plant, a project, a place) is
    not part of it. None when the span has a legal ending or nothing follows the industry word.
    """
    if kind_from_suffix(name) is not None:
        return None
    match = _INDUSTRY_WORD.search(name)
    if match is None or match.start() < 2 or len(name) - match.end() < 2:
        return None
    return match.end()


_TRUNCATED_ORG = re.compile(rf"(?:^|(?<=\n))[{HAN}()]{{2,24}}(?:有限责任公|有限公|股份有限公)(?=\n|$)")


def truncated_organisations(text: str) -> Iterator[Candidate]:
    """Names cut short by PDF extraction on a line of their own: 中国铜业有限公 (the 司 lost)."""
    if "有限" not in text:  # each of the three endings holds 有限
        return
    for match in _TRUNCATED_ORG.finditer(text):
        yield Candidate(match.start(), match.end(), "company", "pattern:truncated-organisation", 2)


def stock_codes(text: str) -> Iterator[tuple[int, str]]:
    """(position, code) of stock codes: 股票代码: 000831."""
    for match in STOCK_CODE.finditer(text):
        yield match.start(), match.group(1)
