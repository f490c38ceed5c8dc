"""Person names: which tagged names read as a person's (a surname first, a post or a verb of speech around
them), name lines above post lines on a management page, and the English spellings of the document's
Chinese personal names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rekg.ingest.lexicon import kind_from_suffix
from rekg.ingest.model import Mention, Sentence
from rekg.ingest.patterns import Token
from rekg.ingest.posts import post_pattern, post_regex

# Words before a person's name that are no post in an organisation: a byline, an academic title.
PERSON_TITLES = (
    "记者|通讯员|编辑|责任编辑|主编|执笔|撰稿|撰文|联系人|承办人|教授|副教授|研究员|博士|律师|分析师"
)
_PERSON_CONTEXT = re.compile(
    r"^(?:[、,，和与及]|同志|先生|女士|院士|教授|博士|出席|表示|指出|介绍|讲话|致辞|主持|调研|会见|一行|等|"
    r"出任|担任|兼任|接任|称|说|透露|强调|坦言|直言|认为|告诉|回忆|接受(?:采访|专访|记者|本报|媒体|访问)|\s*(?:联系|联络)?(?:电话|手机|邮箱|Tel|E-?mail)"
    r"|\s+(?:摄影|文|图|编辑|校对)[:：])"
)
#: A contact or byline key before a name, with the unit the person is in between (联系人：执法监察支队　谭晓峰,
#: 媒体联系：鲁中工程院品牌与市场部　宋雨涵, 报导：黄慧珊).
_KEY_BEFORE = re.compile(
    r"(?:联系人|联络人|联系|联络|媒体联系|新闻联系|报导|报道|摄影|撰文|作者|记者)[:：\s]\s*"
    r"(?:[\u4e00-\u9fff]{0,16}?(?:部|处|科|队|组|中心|室|院|所|局)\s+)?$"
)
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤敖葛关常耿"
    "聂柯岳齐康伍庞樊兰殷施翟倪安颜牛温芦季俞章鲁葛管祝左涂谷时包焦欧单洪靳邢骆滕宁裴桂"
    "阮朴裴邓吕卓蓝凌柴麦游简童詹巫卜阎艾尤易甘喻辛连毕苗霍文凤钮"  # Vietnamese, Korean, Taiwanese and rarer names
    # more of the Hundred Family Surnames, and the Cantonese and Hakka ones of Hong Kong and Taiwan papers (区, 邝,
    # 冼, 岑, 赖); characters that are common words or begin transliterations (和, 国, 巴, 印, 沙 …) are left out
    "赖区盘邝冼岑练植谌翁傅汤冉戚芮穆应储屠匡蒲邬阙柏幸洪危苟伏诸景房项祖仲鲍米谈封厉郁符"
    "卞解栾宣晋池闵邰闻蒙敬郎贝窦萧湛祁禹狄臧戴茅舒屈席麻娄梅盛刁虞昝缪干贲杭嵇滑荀羊惠甄"
    "羿靳汲邴糜弓牧隗宓蓬郗班仰仇暴钭戎束郜蓟鄂咸籍蔺阴胥苍莘谭贡劳逄姬申扶堵裘乔纪饶"
    "宰郦雍璩桑濮寿扈冀郏浦庄晏瞿慕茹宦容慎庾暨衡耿弘寇禄殳沃蔚夔隆巩厍晁勾融訾"
    "阚饶毋乜鞠巢蒯荆竺权逯桓"
)
_COMPOUND_SURNAMES = (
    "皇甫", "欧阳", "司马", "上官", "诸葛", "东方", "慕容", "令狐", "尉迟", "公孙",
    # Japanese family names, written in Chinese characters (佐藤健一, 佐佐木理惠)
    "佐佐木", "长谷川", "佐藤", "铃木", "高桥", "田中", "渡边", "伊藤", "山本", "中村", "小林", "加藤", "吉田", "山田",
    "山口", "松本", "井上", "木村", "清水", "山崎", "池田", "桥本", "阿部", "石川", "山下", "中岛", "石井", "小川",
    "前田", "冈田", "藤田", "后藤", "近藤", "村上", "远藤", "青木", "坂本", "齐藤", "斋藤", "福田", "西村", "藤井",
    "冈本", "藤原", "三浦", "中野", "原田", "松田", "竹内", "小野", "田村", "中山", "和田", "石田", "森田", "上田",
    "酒井", "横山", "宫崎", "宫本", "内田", "高木", "安藤", "谷口", "大野", "今井", "武田", "村田", "野村", "新井",
)  # fmt: skip


_POST_ONLY = re.compile(f"^(?:(?:{post_pattern()}|党组成员|党委成员)[、,，\\s]*)+$")


def name_line_before_post(line: str, following: str) -> bool:
    """段向东 / 党组书记、董事长: a line that is only a name, above a line that is only posts."""
    name = line.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) or not _POST_ONLY.match(following.strip()):
        return False
    return name[0] in _SURNAMES or name.startswith(_COMPOUND_SURNAMES)


@cache
def _honorific_pattern() -> re.Pattern[str]:
    return re.compile(f"(?:[、,，及和与:：]|以及|{post_pattern()})([\u4e00-\u9fff]{{2,3}}?)(?:先生|女士)")


def people_before_honorifics(text: str) -> list[tuple[int, int]]:
    """何以诚先生、曾淑仪女士: a name between a post or a list mark and 先生/女士, where the tagger may split
    it into words (何以 is a word) — the spans of those that begin with a surname."""
    if "先生" not in text and "女士" not in text:
        return []
    spans = []
    for match in _honorific_pattern().finditer(text):
        name = match.group(1)
        if name[0] in _SURNAMES or name.startswith(_COMPOUND_SURNAMES):
            spans.append((match.start(1), match.end(1)))
    return spans


def _after_organisation(text: str, tokens: Sequence[Token], index: int) -> bool:
    """Whether the word before the name, set apart from it by a space, names an organisation by its ending."""
    before = next((t for t in reversed(tokens[:index]) if t.text.strip()), None)
    gap = text[before.end : tokens[index].start] if before is not None else ""
    return before is not None and bool(gap) and not gap.strip() and kind_from_suffix(before.text) is not None


def plausible_person(text: str, tokens: Sequence[Token], index: int) -> bool:
    """A tagged person name is kept when it looks like one and stands where names stand (a post before it,
    a list, a verb of speech after it)."""
    token = tokens[index]
    name = token.text
    if not (2 <= len(name) <= 4) or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return False
    if name[0] not in _SURNAMES and not name.startswith(_COMPOUND_SURNAMES):
        return False
    before = text[max(0, token.start - 12) : token.start]
    if _KEY_BEFORE.search(text, max(0, token.start - 24), token.start):
        return True
    if _after_organisation(text, tokens, index):
        return True  # 单位名称及人员姓名：…；华夏基金管理有限公司　柏子谦: a person after the firm, set apart by a space
    after = text[token.end : token.end + 4]
    if re.search(f"(?:{post_pattern()}|{PERSON_TITLES})[、,，:：]?\\s*$", before) or _PERSON_CONTEXT.match(
        after
    ):
        return True
    post = post_regex().match(text, token.end)
    if post is not None and not re.match(r"[\u4e00-\u9fff]", text[post.end() : post.end() + 1]):
        return True  # 林宜蓁科长: the post written after the name, then the phrase ends (not 科长室)
    if text.strip() == name:
        return True  # a line holding only a name (a management page, an author line)
    # in a list of names (张三、李四) only where the sentence speaks of posts or people
    listed = before.endswith(("、", "，", ",")) or after.startswith(("、", "，", ","))
    return listed and re.search(f"{post_pattern()}|出席|参会|与会|人员|姓名|同志|先生|女士", text) is not None


def english_person_names(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[Mention]:
    """English spellings of the document's Chinese personal names (罗皓 → Hao Luo / Luo Hao) where printed."""
    from rekg.graph.naming import person_name_english

    found: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for name in sorted({m.text for m in mentions if m.kind == "person"}):
        family, _, given = person_name_english(name).partition(" ")
        if not given or not _may_occur(text, family, given):
            continue
        pattern = re.compile(rf"\b(?:{family} {given}|{given} {family}|{family.upper()} {given})\b")
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            sentence = next((s for s in sentences if s.start <= match.start() < s.end), None)
            if sentence is not None:
                found.append(
                    Mention(
                        match.start(),
                        match.end(),
                        match.group(),
                        "person",
                        "pattern:english-person",
                        sentence.index,
                    )
                )
    return found


def _may_occur(text: str, family: str, given: str) -> bool:
    """False when no spelling of the name can be in ``text``: each holds the given name and the family name
    (as written or in capitals), and names of letters only are matched as they are written."""
    if not (family.isalpha() and given.isalpha()):
        return True
    return given in text and (family in text or family.upper() in text)


_SPEECH_AFTER = r"(?:\s+(?:said|says|told|added|noted|explained|wrote|estimated|expects|expected|believes|argued|stressed|declined|did not))"
_HONORIFIC_BEFORE = r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)"
#: 卡特表示, 沃尔许坦言: a transliterated family name alone, then a verb of saying or the clause it leads.
_SPEECH_AFTER_HAN = (
    r"(?:表示|说|指出|认为|强调|坦言|直言|透露|分析|介绍|称|补充|预计|提到|说明|也说|则说|则表示|还说)"
)


_HAN = re.compile(r"[\u3400-\u9fff]")


def family_names(mentions: Sequence[Mention]) -> set[str]:
    """The family names of the people named in full in Latin letters: the last word (Sarah Penhall), or the
    first where the given name is written with a hyphen (Hwang Sung-ho, Lee Min-seo)."""
    names = set()
    for mention in mentions:
        words = mention.text.split()
        if mention.kind == "person" and "·" in mention.text:  # 艾玛·卡特 → 卡特
            family = mention.text.rsplit("·", 1)[1]
            if len(family) >= 2:
                names.add(family)
            continue
        if mention.kind != "person" or len(words) < 2 or _HAN.search(mention.text):
            continue
        family = words[0] if re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]) else words[-1]
        if family[:1].isupper() and len(family) > 1:
            names.add(family)
    return names


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+(?:[A-Z]|&)|[-'’](?!s\b)\w")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a family name stands in a sentence on its own (Laborde, 49, spent …; Laborde sees …), not as
    a word of a longer name (Laborde Group, Rue Laborde)."""
    return not (
        _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
        or _CAPITALISED_AFTER.match(text, end)
        or re.search(r"\b[Tt]he\s+$", text[max(0, start - 5) : start])  # in the Bajío: a place, no person
    )


def family_name_owners(mentions: Sequence[Mention]) -> dict[str, str]:
    """Each family name that one person named in full bears (Varenne → Hélène Varenne): the name the family
    name stands for when it is used alone."""
    owners: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.kind == "person" and (len(mention.text.split()) >= 2 or "·" in mention.text):
            for family in family_names([mention]):
                owners.setdefault(family, set()).add(mention.text)
    return {family: next(iter(full)) for family, full in owners.items() if len(full) == 1}


def surname_mentions(text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Mention]:
    """ "Penhall said", "Ms Penhall": a person named in full before (Sarah Penhall), by the family name alone —
    where a verb of speech follows it or an honorific comes before it."""
    found: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions if m.kind == "person"]
    for surname in sorted(family_names(mentions)):
        pattern = re.compile(
            rf"(?<![\u4e00-\u9fff·])(?P<name>{re.escape(surname)})(?P<speech>{_SPEECH_AFTER_HAN})"
            if _HAN.search(surname)
            else rf"(?P<honorific>{_HONORIFIC_BEFORE})?\b(?P<name>{re.escape(surname)})\b(?P<speech>{_SPEECH_AFTER})?"
        )
        for match in pattern.finditer(text):
            start, end = match.span("name")
            if not (
                match.groupdict().get("honorific") or match.group("speech") or _stands_alone(text, start, end)
            ):
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            sentence = next((s for s in sentences if s.start <= start < s.end), None)
            if sentence is not None:
                found.append(Mention(start, end, surname, "person", "pattern:surname", sentence.index))
    return found


#: What follows a person's name in a sentence that speaks of them: a verb of speech, perhaps after 则/也.
_SPEAKS = re.compile(
    r"(?:则|也|亦|还|更|随即|同时|先生|女士)?(?:表示|指出|认为|强调|透露|坦言|直言|介绍|回应|解释|补充|提到|告诉|说|称|在)"
)
#: Characters that end no given name: words the segmenter rightly left out of it.
_NOT_GIVEN = set("的了是在与和及等则也亦还就都均曾已将对向从今昨称说为以于并而又")


def given_name_cut_short(text: str, token: Token) -> Token | None:
    """简慧|如表示, 森田健|一则表示: a name the tagger cut one character short — the family name and one
    character of the given name after a post, then one more character and a verb of speech — made whole."""
    name = token.text
    compound = next((s for s in _COMPOUND_SURNAMES if name.startswith(s)), None)
    family = compound or (name[0] if name[0] in _SURNAMES else None)
    if family is None or len(name) != len(family) + 1:
        return None
    following = text[token.end : token.end + 1]
    if not re.fullmatch(r"[\u4e00-\u9fff]", following) or following in _NOT_GIVEN:
        return None
    if not _SPEAKS.match(text, token.end + 1):
        return None
    if not re.search(
        f"(?:{post_pattern()}|{PERSON_TITLES})[、,，:：]?\\s*$", text[max(0, token.start - 12) : token.start]
    ):
        return None
    return Token(name + following, token.tag, token.start, token.end + 1)


def is_family_name(text: str) -> bool:
    """One of the single-character family names the recogniser knows (王, 陈, 区, 赖 …)."""
    return len(text) == 1 and text in _SURNAMES
