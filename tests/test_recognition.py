"""Recognition rules one by one: the place lexicon, which names travel between documents, tagger spans that
read as ordinary words, name heads, project names, policy titles, short names defined by stock codes and by
Latin names in brackets."""

from __future__ import annotations

import pytest

from rekg.graph.naming import english_name
from rekg.graph.places import places
from rekg.ingest.lexicon import NameBook, is_generic_name, kind_from_suffix, reads_as_common_words
from rekg.ingest.linking import travels
from rekg.ingest.model import DocumentFacts, DocumentText, Mention
from rekg.ingest.normalize import start
from rekg.ingest.patterns import (
    Token,
    is_policy_title,
    organisation_head,
    split_joined_names,
)
from rekg.ingest.pipeline import Extractor
from rekg.ingest.short_names import learn_short_names
from rekg.ingest.site_patterns import has_proper_part


def test_the_place_lexicon_holds_countries_with_english_names_and_chinas_divisions() -> None:
    by_name = {place.name: place for place in places()}
    assert by_name["巴西"].level == "country" and by_name["巴西"].english == "Brazil"
    assert by_name["镇雄县"].level == "county"
    assert "凉山" in by_name["凉山彝族自治州"].aliases
    assert "城区" not in by_name and "矿区" not in by_name  # generic division names are left out
    assert not [
        p for p in places() if len(p.name) <= 2 and p.name.endswith("县")
    ]  # 和县 would read into 和县级
    assert by_name["将军澳"].level == "county" and "高雄" in by_name["高雄市"].aliases  # Hong Kong, Taiwan
    assert by_name["Saskatoon"].level == "city" and "Independence" not in by_name  # a word, not a city


def test_countries_render_in_english_inside_generated_names() -> None:
    assert english_name("巴西") == "Brazil"
    assert english_name("巴西稀土矿业有限公司").startswith("Brazil Rare Earth")


def test_the_curated_name_book_knows_the_lexicon_places() -> None:
    book = NameBook.curated()
    assert book.matcher.kind("格陵兰") == "place"
    assert book.matcher.kind("镇雄县") == "place"


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("凉山稀土", "company", True),  # a short name with its industry word
        ("中铝秘鲁矿业", "company", True),
        ("有研科技集团有限公司", "group", True),
        ("利益相关方", "company", False),  # a tagger's mistake stays in its document
        ("合规", "company", False),  # too short to identify anything elsewhere
        ("锡林郭勒盟", "place", True),
        ("清真寺", "place", False),
        ("罗皓", "person", False),
        ("Mountain Pass", "mine", False),
        ("牦牛坪稀土矿", "mine", True),
    ],
)
def test_which_learnt_names_travel_to_other_documents(name: str, kind: str, expected: bool) -> None:
    assert travels(name, kind) is expected


@pytest.mark.parametrize(
    "text", ["核心竞争力", "利益相关方", "马来西亚分离", "产业集聚区", "合规", "新能源汽车"]
)
def test_phrases_a_tagger_calls_names_read_as_common_words(text: str) -> None:
    assert reads_as_common_words(text)


@pytest.mark.parametrize("text", ["凉山稀土", "中铝秘鲁矿业", "比亚迪", "东风汽车", "金源", "包铝"])
def test_names_do_not_read_as_common_words(text: str) -> None:
    assert not reads_as_common_words(text)


def test_kinds_from_endings_include_institutes_and_branches() -> None:
    assert kind_from_suffix("长沙有色院") == "institute"
    assert kind_from_suffix("国务院") == "government"
    assert kind_from_suffix("中铝材料应用研究院有限公司苏州分公司") == "institute"
    assert kind_from_suffix("某某公司北京分公司") == "company"
    assert kind_from_suffix("医院") is None


@pytest.mark.parametrize("name", ["国家工程技术研究中心", "国家重点实验室", "行业组织", "中介组织"])
def test_type_designations_are_generic(name: str) -> None:
    assert is_generic_name(name)


def test_the_state_council_is_a_name_not_a_type() -> None:
    assert not is_generic_name("国务院")
    assert not is_generic_name("国家能源局")


def test_a_tagged_company_name_ends_at_its_industry_word() -> None:
    assert organisation_head("包头铝业华云电解") == 4
    assert organisation_head("包头铝业达茂旗") == 4
    assert organisation_head("包头铝业") is None  # nothing follows
    assert organisation_head("有研稀土新材料股份有限公司") is None  # a legal name is whole


def test_two_names_read_as_one_span_are_split() -> None:
    text = "中铝财务有限责任公司中铝招标有限公司"
    tokens = split_joined_names([Token(text, "ORG", 10, 10 + len(text))])
    assert [t.text for t in tokens] == ["中铝财务有限责任公司", "中铝招标有限公司"]
    assert (tokens[1].start, tokens[1].end) == (20, 28)
    branch = "中铝材料应用研究院有限公司苏州分公司"
    assert [t.text for t in split_joined_names([Token(branch, "ORG", 0, len(branch))])] == [branch]


def test_a_project_needs_a_proper_part_or_a_figure() -> None:
    text = "超大规格挤压材项目和万吨稀土冶炼分离项目"
    words = [("超大", "a"), ("规格", "n"), ("挤压材", "v"), ("项目", "n")]
    tokens, position = [], 0
    for word, tag in words:
        tokens.append(Token(word, tag, position, position + len(word)))
        position += len(word)
    assert not has_proper_part(text, tokens, 0, 9)
    assert has_proper_part(text, tokens, 10, 20)  # 万吨 is a capacity figure


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("中国制造2025", True),
        ("稀土管理条例", True),
        ("中国铝业集团有限公司“十四五”发展规划纲要(调整版)", True),
        ("矿产资源合作框架协议", False),  # an agreement: read as a fact between its parties
        ("中央企业上市公司环境、社会及治理(ESG)蓝皮书", False),  # a book
        ("“碳”索高质量发展新“绿”径", False),  # an article's title
    ],
)
def test_which_titles_name_policies(title: str, expected: bool) -> None:
    assert is_policy_title(title) is expected


def _mention(text: str, full_text: str, kind: str) -> Mention:
    begin = full_text.index(text)
    return Mention(begin, begin + len(text), text, kind, "test", 0)


def test_a_stock_code_makes_a_name_the_short_name_of_the_listed_company() -> None:
    text = "控股中稀科技(股票代码: 000831)、广晟有色(股票代码: 600259)2家上市公司。"
    book = NameBook()
    pairs = learn_short_names(start(text), [_mention("中稀科技", text, "group")], book)
    assert pairs["中稀科技"] == "中国稀土集团资源科技股份有限公司"
    assert book.short_names["中稀科技"] == "中国稀土集团资源科技股份有限公司"


def test_latin_names_in_brackets_are_other_names_of_the_same_thing() -> None:
    text = "全球报告倡议组织《可持续发展报告指南》(GRI Standards);联合国2030可持续发展目标(SDGs)"
    mentions = [
        _mention("可持续发展报告指南", text, "policy"),
        _mention("联合国2030可持续发展目标", text, "policy"),
    ]
    book = NameBook()
    pairs = learn_short_names(start(text), mentions, book)
    assert pairs["GRI Standards"] == "可持续发展报告指南"
    assert pairs["SDGs"] == "联合国2030可持续发展目标"
    assert book.matcher.kind("SDGs") == "policy"


# ---- rules on small texts, through the whole extractor ---------------------------------------------------


def _facts(extractor: Extractor, text: str, name: str = "snippet.txt") -> DocumentFacts:
    document = DocumentText(name, text, "text/plain", "sha256:" + "0" * 64)
    return extractor.extract(document)


def _triples(facts: DocumentFacts) -> set[tuple[str, str, str]]:
    names = {r.key: r.canonical for r in facts.entities}
    return {
        (names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object))
        for r in facts.relations
        if isinstance(r.object, str)
    }


def test_names_start_after_words_that_relate_them(extractor: Extractor) -> None:
    facts = _facts(extractor, "滇川新材全资子公司滇川稀土(会理)冶炼分离有限公司运营会理稀土冶炼分离厂。")
    texts = {m.text for m in facts.mentions}
    assert "滇川稀土(会理)冶炼分离有限公司" in texts
    assert not any(t.startswith("滇川新材全资子公司") for t in texts)


def test_shareholding_with_a_stake_is_read(extractor: Extractor) -> None:
    facts = _facts(extractor, "交易完成后，鄂北矿业集团有限公司将持有青峰稀土矿业有限公司51%股权。")
    assert ("鄂北矿业集团有限公司", "shareholderOf", "青峰稀土矿业有限公司") in _triples(facts)


def test_a_share_transfer_agreement_is_no_partnership(extractor: Extractor) -> None:
    facts = _facts(extractor, "2025年6月，鄂北矿业集团有限公司与青峰稀土矿业有限公司签署股权转让协议。")
    assert not [t for t in _triples(facts) if t[1] == "partnerOf"]


def test_names_in_quotation_marks_are_typed_by_their_ending(extractor: Extractor) -> None:
    facts = _facts(extractor, "雙方將共建「稀土二次資源聯合實驗室」，廠房命名為「將軍澳稀土再生廠」。")
    kinds = {m.text: m.kind for m in facts.mentions}
    assert kinds.get("稀土二次资源联合实验室") == "institute"
    assert kinds.get("将军澳稀土再生厂") == "facility"


def test_a_project_located_at_a_place_is_sited_there(extractor: Extractor) -> None:
    facts = _facts(
        extractor, "青峰稀土矿业有限公司正在实施年产3000吨高性能钕铁硼磁材项目，项目位于云南省蒙自市。"
    )
    triples = _triples(facts)
    assert ("年产3000吨高性能钕铁硼磁材项目", "projectSite", "蒙自市") in triples
    assert ("年产3000吨高性能钕铁硼磁材项目", "locatedIn", "蒙自市") not in triples


def test_english_quoted_short_names_and_posts_before_the_company(extractor: Extractor) -> None:
    text = (
        'Perth, Western Australia - Kestrel Rare Earths Limited ("Kestrel" or "the Company") announced that '
        "its wholly-owned subsidiary, Kestrel Mining Pty Ltd, has executed an offtake agreement with "
        "Orion Magnetics Inc. Managing Director of Kestrel, Ms Dana Reyes, said the deal was a milestone. "
        "Kestrel's largest shareholder, Boreal Capital Pty Ltd, holds 12% of the Company."
    )
    facts = _facts(extractor, text, "kestrel.en.txt")
    triples = _triples(facts)
    assert ("Kestrel Mining Pty Ltd", "subsidiaryOf", "Kestrel Rare Earths Limited") in triples
    assert ("Kestrel Mining Pty Ltd", "partnerOf", "Orion Magnetics Inc.") in triples
    assert ("Dana Reyes", "holdsPostIn", "Kestrel Rare Earths Limited") in triples
    assert ("Boreal Capital Pty Ltd", "shareholderOf", "Kestrel Rare Earths Limited") in triples
    assert ("Perth", "locatedIn", "Western Australia") in triples


def test_english_sentences_end_at_full_stops_but_not_after_abbreviations() -> None:
    from rekg.ingest.sentences import split_sentences

    text = "Harrow Corp. signed it on 9 Dec. 2021. Mr. Smith left. The U.S. Department of Energy agreed."
    assert [s.text for s in split_sentences(text)] == [
        "Harrow Corp. signed it on 9 Dec. 2021.",
        "Mr. Smith left.",
        "The U.S. Department of Energy agreed.",
    ]


def test_partners_appointments_and_sites_built_at_places(extractor: Extractor) -> None:
    text = (
        "华源磁材科技股份有限公司(以下简称“华源磁材”)、黔北磷化集团有限责任公司与纳雍县国有资本运营有限公司在贵阳签署合资协议。"
        "华源磁材副总裁李承远出任黔北新材料有限公司董事长。"
        "黔北新材料有限公司将在纳雍县猫场镇建设黔北纳雍稀土分离厂。"
    )
    facts = _facts(extractor, text)
    triples = _triples(facts)
    partners = {frozenset((s, o)) for s, p, o in triples if p == "partnerOf"}
    assert frozenset(("华源磁材科技股份有限公司", "纳雍县国有资本运营有限公司")) in partners
    assert frozenset(("华源磁材科技股份有限公司", "黔北磷化集团有限责任公司")) in partners
    assert ("李承远", "holdsPostIn", "黔北新材料有限公司") in triples
    assert ("黔北新材料有限公司", "operates", "黔北纳雍稀土分离厂") in triples
    assert ("黔北纳雍稀土分离厂", "locatedIn", "猫场镇") in triples


def test_holdings_of_its_subject_sites_run_by_and_places_in_brackets(extractor: Extractor) -> None:
    text = (
        "秦峰稀土系秦川矿业控股集团有限公司控股子公司，秦川矿业控股集团有限公司持有其51%股权。"
        "项目配套的洛南稀土原矿选矿厂由秦峰稀土全资子公司洛南秦峰选矿有限公司负责建设和运营。"
        "石门沟稀土矿将与相邻的景村稀土矿（洛南县）整合。"
    )
    facts = _facts(extractor, "秦峰稀土矿业有限公司(以下简称秦峰稀土)竞得该采矿权。" + text)
    triples = _triples(facts)
    assert ("秦川矿业控股集团有限公司", "shareholderOf", "秦峰稀土矿业有限公司") in triples
    assert ("洛南秦峰选矿有限公司", "subsidiaryOf", "秦峰稀土矿业有限公司") in triples
    assert ("洛南秦峰选矿有限公司", "operates", "洛南稀土原矿选矿厂") in triples
    assert ("景村稀土矿", "locatedIn", "洛南县") in triples


def test_english_posts_operators_and_bases(extractor: Extractor) -> None:
    text = (
        "TBRE general director Tran Quoc Hung said commissioning would start soon. "
        "Saskatoon-based Orion Magnetics Inc. holds a stake. "
        "Athabasca Critical Metals Ltd., the operator of the Wollaston Ridge deposit, agreed. "
        "The plant will process carbonate from Orion Magnetics Inc.'s Khe Cam mine."
    )
    facts = _facts(extractor, "Tay Bac Rare Earth JSC (TBRE) opened a plant. " + text, "tbre.en.txt")
    triples = _triples(facts)
    assert ("Tran Quoc Hung", "holdsPostIn", "Tay Bac Rare Earth JSC") in triples
    assert ("Athabasca Critical Metals Ltd.", "operates", "Wollaston Ridge deposit") in triples
    assert ("Orion Magnetics Inc.", "operates", "Khe Cam mine") in triples


def test_stakes_held_by_and_towns_after_a_locative(extractor: Extractor) -> None:
    text = (
        "港湾绿色金属控股有限公司持有东莞港湾稀土再生资源有限公司(以下简称“东莞港湾”)70%股权，"
        "其余30%股权由岭南稀有金属研究院持有。秦峰稀土矿业有限公司将在石门镇建设石门沟稀土综合回收项目。"
    )
    triples = _triples(_facts(extractor, text))
    assert ("港湾绿色金属控股有限公司", "shareholderOf", "东莞港湾稀土再生资源有限公司") in triples
    assert ("岭南稀有金属研究院", "shareholderOf", "东莞港湾稀土再生资源有限公司") in triples
    assert ("石门沟稀土综合回收项目", "projectSite", "石门镇") in triples


def test_the_project_and_the_mine_refer_to_the_last_one_named(extractor: Extractor) -> None:
    zh = "青峰稀土矿业有限公司拟投资建设年产2万吨稀土功能材料项目。该项目由华峰磁材科技有限公司承建。"
    assert ("华峰磁材科技有限公司", "leads", "年产2万吨稀土功能材料项目") in _triples(_facts(extractor, zh))
    en = "Halcyon Rare Earths Limited owns the Yarrabee Rare Earths Mine. Yarrabee Mining Pty Ltd operates the mine."
    triples = _triples(_facts(extractor, en, "yarrabee.en.txt"))
    assert ("Yarrabee Mining Pty Ltd", "operates", "Yarrabee Rare Earths Mine") in triples


def test_co_founders_and_divisions_after_a_country_or_a_city(extractor: Extractor) -> None:
    text = (
        "蓝岭磁材股份有限公司、赤松矿业集团有限公司与和田县国有资产投资有限公司签署合资协议，"
        "三方将共同出资设立新疆蓝岭稀土新材料有限公司。"
        "蓝岭磁材股份有限公司在越南广宁省、台中市大雅区和日本经济产业省所在地东京设有办事处。"
    )
    facts = _facts(extractor, text)
    triples = _triples(facts)
    for founder in ("蓝岭磁材股份有限公司", "赤松矿业集团有限公司", "和田县国有资产投资有限公司"):
        assert ("新疆蓝岭稀土新材料有限公司", "foundedBy", founder) in triples
        assert (founder, "shareholderOf", "新疆蓝岭稀土新材料有限公司") in triples
    places = {m.text for m in facts.mentions if m.kind == "place"}
    assert {"越南", "广宁省", "台中市", "大雅区"} <= places
    assert "经济产业省" not in places  # a ministry, not a province
