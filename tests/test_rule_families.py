"""The relation rules, family by family, in the three scripts: each test feeds a few sentences (written for
these tests; no document of an evaluation set) through the whole pipeline and checks the facts it states."""

from __future__ import annotations

import pytest

from rekg.ingest.english_names import english_shape_candidates
from rekg.ingest.model import DocumentFacts, DocumentText
from rekg.ingest.pipeline import Extractor
from rekg.ingest.relation_rules import rules


def _triples(extractor: Extractor, text: str, name: str = "rules.zh.txt") -> set[tuple[str, str, str]]:
    facts: DocumentFacts = extractor.extract(DocumentText(name, text, "text/plain", "sha256:" + "0" * 64))
    names = {r.key: r.canonical for r in facts.entities}
    return {
        (names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object))
        for r in facts.relations
        if isinstance(r.object, str)
    }


def test_every_rule_of_the_table_compiles_and_names_a_known_predicate() -> None:
    from rekg.ontology.vocabulary import RELATION_PROPERTIES

    predicates = {str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for p in RELATION_PROPERTIES}
    table = rules()
    assert len(table) > 100 and len({r.name for r in table}) == len(table)
    for rule in table:
        assert rule.compiled.pattern
        assert rule.predicate in predicates, rule.name


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "衡岳磁材股份有限公司是湘江矿业集团有限公司持股65%的子公司。",
            "a.zh.txt",
            {
                ("衡岳磁材股份有限公司", "subsidiaryOf", "湘江矿业集团有限公司"),
                ("湘江矿业集团有限公司", "shareholderOf", "衡岳磁材股份有限公司"),
            },
        ),
        (
            "岷山稀土有限公司由蜀南资源控股集團有限公司全資擁有。",
            "b.zh-hant.txt",
            {("蜀南资源控股集团有限公司", "shareholderOf", "岷山稀土有限公司")},
        ),
        (
            "Tarrant Minerals Ltd is 60%-owned by Brisk Capital Partners Pty Ltd since 2024.",
            "c.en.txt",
            {("Brisk Capital Partners Pty Ltd", "shareholderOf", "Tarrant Minerals Ltd")},
        ),
    ],
)
def test_ownership(extractor: Extractor, text: str, name: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _triples(extractor, text, name)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "赣江稀土分离有限公司总部设在江西省吉安市,运营吉安稀土分离厂。",
            "a.zh.txt",
            {
                ("赣江稀土分离有限公司", "locatedIn", "吉安市"),
                ("赣江稀土分离有限公司", "operates", "吉安稀土分离厂"),
            },
        ),
        (
            "大林磁材股份有限公司與韓國東海精密電機株式會社簽署合資協議。",
            "b.zh-hant.txt",
            {
                ("东海精密电机株式会社", "locatedIn", "韩国"),
                ("大林磁材股份有限公司", "partnerOf", "东海精密电机株式会社"),
            },
        ),
        (
            "Corvina Metals Inc., a Reno, Nevada-based explorer, operates the Basin Creek rare earth deposit.",
            "c.en.txt",
            {
                ("Corvina Metals Inc.", "locatedIn", "Reno"),
                ("Corvina Metals Inc.", "operates", "Basin Creek rare earth deposit"),
            },
        ),
    ],
)
def test_places_and_sites(
    extractor: Extractor, text: str, name: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _triples(extractor, text, name)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "闽江稀土股份有限公司代表理事金成浩表示,合作进展顺利。",
            "a.zh.txt",
            {("金成浩", "holdsPostIn", "闽江稀土股份有限公司")},
        ),
        (
            "翠峰稀材股份有限公司董事長林志明先生出席記者會。",
            "b.zh-hant.txt",
            {("林志明", "holdsPostIn", "翠峰稀材股份有限公司")},
        ),
        (
            "Kestrel Magnetics Inc. said Marta Oyelaran, a senior analyst at Brandt Rare Metals Ltd, expects a deal.",
            "c.en.txt",
            {("Marta Oyelaran", "holdsPostIn", "Brandt Rare Metals Ltd")},
        ),
    ],
)
def test_posts(extractor: Extractor, text: str, name: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _triples(extractor, text, name)


def test_a_table_row_with_its_cells_apart_by_slashes(extractor: Extractor) -> None:
    text = "國家/礦山/營運商/進度\n越南/北河稀土礦(老街省)/北河稀土開發股份公司/試產中\n"
    triples = _triples(extractor, text, "table.zh-hant.txt")
    assert ("北河稀土开发股份公司", "operates", "北河稀土矿") in triples


def test_a_unit_named_after_its_parent(extractor: Extractor) -> None:
    text = "川西大学与川西大学材料科学与工程学院联合建设实验室。"
    assert ("川西大学材料科学与工程学院", "subsidiaryOf", "川西大学") in _triples(extractor, text)


def test_english_names_by_their_shape() -> None:
    text = (
        "Kazakhstan's state mining company Tau-Ken Samruk and Ida-Viru Metals OÜ signed with "
        "Vale do Sapucaí Terras Raras Ltda. under Regulation (EU) 2024/1252."
    )
    found = {(text[c.start : c.end], c.kind) for c in english_shape_candidates(text)}
    assert {
        ("Tau-Ken Samruk", "company"),
        ("Ida-Viru Metals OÜ", "company"),
        ("Vale do Sapucaí Terras Raras Ltda.", "company"),
        ("Regulation (EU) 2024/1252", "policy"),
    } <= found


def test_the_cue_fallback_reads_a_stake_no_rule_phrases(extractor: Extractor) -> None:
    # No table rule takes a holding verb this far from its stake; the cue between the two names does.
    text = "据了解,滇西矿业集团有限公司目前通过二级平台间接持有大理稀土新材料有限公司的相当部分权益。"
    facts = extractor.extract(DocumentText("cue.zh.txt", text, "text/plain", "sha256:" + "0" * 64))
    names = {r.key: r.canonical for r in facts.entities}
    found = {(names[r.subject], r.predicate, names[str(r.object)], r.rule) for r in facts.relations}
    assert ("滇西矿业集团有限公司", "shareholderOf", "大理稀土新材料有限公司", "cue:shareholderOf") in found


def test_english_appositives_say_what_a_name_is() -> None:
    text = (
        "Corbeau, the state investment bank, took a stake. Vessac, a village of 800 people in the Haute-Loire "
        "department, was chosen. Meanwhile, the company said it had raised funds at Nunivak Bay, AK, in June."
    )
    found = {(text[c.start : c.end], c.kind) for c in english_shape_candidates(text)}
    assert {
        ("Corbeau", "company"),
        ("Vessac", "place"),
        ("Haute-Loire", "place"),
        ("Nunivak Bay", "place"),
    } <= found
    assert not any(name == "Meanwhile" for name, _ in found)


def test_english_short_names_and_family_names_used_alone(extractor: Extractor) -> None:
    text = (
        "Brisou Aimants SAS runs a magnet recycling line in Lyon. Its chief executive is Hélène Varenne. "
        "Since last year Brisou has shipped alloy to Germany. Varenne, 52, founded the company in 2019. "
        "Brisou is talking to two banks."
    )
    facts = extractor.extract(DocumentText("alone.en.txt", text, "text/plain", "sha256:" + "0" * 64))
    by_text = {(m.text, m.kind) for m in facts.mentions}
    assert {("Brisou", "company"), ("Varenne", "person")} <= by_text
    assert {e.canonical for e in facts.entities} == {
        "Brisou Aimants SAS",
        "Hélène Varenne",
        "Lyon",
        "德国",  # Germany: the place lexicon's own name
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ostrava Cobalt s.r.o. is a unit of Czech state utility Valtice Energie AG.",
            ("Ostrava Cobalt s.r.o.", "subsidiaryOf", "Valtice Energie AG"),
        ),
        (
            "Corvin Partners Ltd, the equity arm of Norway's national bank Fjordhavn Bank ASA, bought shares.",
            ("Corvin Partners Ltd", "subsidiaryOf", "Fjordhavn Bank ASA"),
        ),
        (
            "Pierre Vautrin, an analyst at Lyon consultancy Rhodanie Conseil SAS, expects more supply.",
            ("Rhodanie Conseil SAS", "locatedIn", "Lyon"),
        ),
        (
            "Lacanau, a town of 5,000 people in the Gironde department, was chosen.",
            ("Lacanau", "locatedIn", "Gironde"),
        ),
    ],
)
def test_english_appositive_relations(
    extractor: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(extractor, text, "appositive.en.txt")


def test_a_slash_table_row_with_the_country_first_and_places_in_brackets(extractor: Extractor) -> None:
    text = "國家／項目或設施／營運商／狀態\n寮國／豐沙里離子黏土項目／寮北稀土開發有限公司／試產\n越南／班洪稀土礦（萊州省封土縣）／萊州稀土開發股份公司／環評中\n"
    triples = _triples(extractor, text, "table.zh-hant.txt")
    assert {
        ("寮北稀土开发有限公司", "leads", "丰沙里离子黏土项目"),
        ("丰沙里离子黏土项目", "projectSite", "老挝"),
        ("莱州稀土开发股份公司", "operates", "班洪稀土矿"),
        ("班洪稀土矿", "locatedIn", "封土县"),
        ("封土县", "locatedIn", "莱州省"),
        ("莱州省", "locatedIn", "越南"),
    } <= triples


def test_a_place_named_in_the_company_name_stays_a_place(extractor: Extractor) -> None:
    text = "Tallinn Metals AS has a plant. It is based in Tallinn, Estonia, and sells to Laos."
    facts = extractor.extract(DocumentText("place.en.txt", text, "text/plain", "sha256:" + "0" * 64))
    by_name = {e.canonical: e for e in facts.entities}
    assert by_name["Tallinn"].kind == "place" and by_name["Tallinn Metals AS"].kind == "company"
    assert "Estonia" in by_name["爱沙尼亚"].english_names  # one node for a place in every language
    assert ("Tallinn", "locatedIn", "爱沙尼亚") in _triples(extractor, text, "place.en.txt")


_PROJECT_LIST = """稀土材料联合研究成果公告

一、「低重稀土晶界扩散磁石制程开发」
执行机构：国立成功大学；国外合作机构：德国弗劳恩霍夫研究院。
二、「稀土回收湿法冶金技术」
执行机构：工业技术研究院，参与机构为中钢公司。
"""


@pytest.mark.parametrize(("script", "name"), [("s2s", "p.zh-hans.txt"), ("s2twp", "p.zh-hant.txt")])
def test_a_list_of_funded_projects(extractor: Extractor, script: str, name: str) -> None:
    """一、「…」 over 执行机构：X；国外合作机构：Y: a project's title line, who leads it and who takes part."""
    import opencc

    text = _PROJECT_LIST if script == "s2s" else opencc.OpenCC(script).convert(_PROJECT_LIST)
    triples = _triples(extractor, text, name)
    assert {
        ("国立成功大学", "leads", "低重稀土晶界扩散磁石制程开发"),
        ("弗劳恩霍夫研究院", "participatesIn", "低重稀土晶界扩散磁石制程开发"),
        ("工业技术研究院", "leads", "稀土回收湿法冶金技术"),
        ("中钢公司", "participatesIn", "稀土回收湿法冶金技术"),
    } <= triples
    # a project's entry ends at the next title: nobody of the first project joins the second
    assert ("国立成功大学", "leads", "稀土回收湿法冶金技术") not in triples


def test_a_quoted_plan_and_the_name_a_document_gives_it(extractor: Extractor) -> None:
    """「…推动方案」 in quotation marks is a policy (as Taiwan writes it); 下称本方案 names it, and 本方案 is it."""
    text = "國科會發布「重要礦物材料自主推動方案」（下稱本方案）。本方案由經濟部與國科會共同推動。"
    facts = extractor.extract(DocumentText("q.zh-hant.txt", text, "text/plain", "sha256:" + "0" * 64))
    policies = [e for e in facts.entities if e.kind == "policy"]
    assert [e.canonical for e in policies] == ["重要矿物材料自主推动方案"]
    assert not any(e.canonical.startswith("本") for e in facts.entities)
    linked = {m.text for m in facts.mentions if m.kind == "policy"}
    assert "本方案" in linked  # the self-reference is a mention of the plan, not a new entity


def test_a_name_the_tagger_cut_after_its_first_word(extractor: Extractor) -> None:
    """国立|成功大学 and 和|勤稀土…: the word the tagger split off belongs to the name."""
    names = {
        m.text
        for m in _mentions(extractor, "執行機構為國立成功大學；國內參與廠商為和勤稀土材料股份有限公司。")
    }
    assert {"国立成功大学", "和勤稀土材料股份有限公司"} <= names


def _mentions(extractor: Extractor, text: str, name: str = "m.zh-hant.txt") -> list:
    return list(extractor.extract(DocumentText(name, text, "text/plain", "sha256:" + "0" * 64)).mentions)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "「海岸稀土回收补助计划」系依据《循环经济促进条例》第9条，以及《关键原料韧性作业要点》办理，并呼应「重要材料自主推动方案」。",
            "c1.zh.txt",
            {
                ("海岸稀土回收补助计划", "cites", "循环经济促进条例"),
                ("海岸稀土回收补助计划", "cites", "关键原料韧性作业要点"),
                ("海岸稀土回收补助计划", "cites", "重要材料自主推动方案"),
            },
        ),
        (
            "國務院公布的《稀土物料管理條例》自明年起施行，工業和信息化部據此印發《稀土產品追蹤管理辦法》。",
            "c2.zh-hant.txt",
            {("稀土产品追踪管理办法", "cites", "稀土物料管理条例")},
        ),
        (
            "经济部去年推出「磁材循环补助计划」。该计划的主要依据是《产业创新条例》。",
            "c3.zh.txt",
            {("磁材循环补助计划", "cites", "产业创新条例")},
        ),
        (
            "COMMISSION IMPLEMENTING DECISION (EU) 2027/0415\nTHE EUROPEAN COMMISSION,\n"
            "Having regard to Regulation (EU) 2024/1252 of the European Parliament and of the Council of 11 April 2024,",
            "c4.en.txt",
            {("COMMISSION IMPLEMENTING DECISION (EU) 2027/0415", "cites", "Regulation (EU) 2024/1252")},
        ),
    ],
)
def test_a_policy_cites_what_it_rests_on(
    extractor: Extractor, text: str, name: str, expected: set[tuple[str, str, str]]
) -> None:
    """依据《A》…以及《B》…并呼应「C」, 《A》…据此印发《B》, 该计划 for a plan named before, "Having regard to" in an
    act whose title is the document's first line."""
    triples = _triples(extractor, text, name)
    assert expected <= triples
    assert not any("Council of" in s or "Council of" in o for s, _, o in triples)


def _entities(extractor: Extractor, text: str, name: str) -> dict[str, str]:
    facts = extractor.extract(DocumentText(name, text, "text/plain", "sha256:" + "0" * 64))
    return {e.canonical: e.kind for e in facts.entities}


@pytest.mark.parametrize(
    ("text", "name", "expected", "absent"),
    [
        (  # a site with its Latin name in brackets is one mine, whatever the Latin words look like
            "托恩加特金屬正在開發位於魁北克北部的斯特蘭奇湖稀土礦（Strange Lake）。",
            "s1.zh-hant.txt",
            {"斯特兰奇湖稀土矿": "mine"},
            {"Strange Lake"},
        ),
        (  # a plant the tagger reads as a place is a plant; one described by its country is no name
            "鑫創磁材美國俄亥俄州磁石廠動工，產品來自衡陽燒結釹鐵硼磁材廠。",
            "s2.zh-hant.txt",
            {"衡阳烧结钕铁硼磁材厂": "facility"},
            {"美国俄亥俄州磁石厂", "俄亥俄州磁石厂"},
        ),
        (  # words that describe a company are not part of its name
            "國營印度稀土公司與日商三井金屬礦業株式會社簽約，德國磁材廠真空熔煉公司亦參與。",
            "s3.zh-hant.txt",
            {"印度稀土有限公司": "company", "三井金属矿业株式会社": "company", "真空熔炼公司": "company"},
            {"国营印度稀土公司", "日商三井金属矿业株式会社", "德国磁材厂真空熔炼公司"},
        ),
        (
            "魁北克省稀土開發商托恩加特金屬公司今天宣布擴產。",
            "s4.zh-hant.txt",
            {"托恩加特金属公司": "company"},
            {"魁北克省稀土开发商托恩加特金属公司"},
        ),
    ],
)
def test_names_apart_from_what_describes_them(
    extractor: Extractor, text: str, name: str, expected: dict[str, str], absent: set[str]
) -> None:
    found = _entities(extractor, text, name)
    assert expected.items() <= found.items()
    assert not absent & found.keys()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Founded in 1961 and owned by Hesse Industrieholding AG, Hesse Magnetwerke GmbH supplies magnets "
            "from its Enzberg Magnet Works in Pforzheim.",
            {
                ("Hesse Industrieholding AG", "shareholderOf", "Hesse Magnetwerke GmbH"),
                ("Hesse Magnetwerke GmbH", "operates", "Enzberg Magnet Works"),
            },
        ),
        (
            "Brazos buys oxide under a contract with Energy Fuels Inc., which produces NdPr at its White Mesa Mill.",
            {
                ("能源燃料公司", "operates", "White Mesa Mill")
            },  # Energy Fuels Inc., by its listed Chinese name
        ),
        (
            "Serengeti Rare Metals plc signed the deal. Its largest shareholder, with 19.5%, is Orchid Bay "
            "Resources Ltd, a commodity trader. Serengeti Rare Metals plc also operates the small Ikungi graphite "
            "mine in Singida region. Its chairman, Elias Mollel, did not attend.",
            {
                ("Orchid Bay Resources Ltd", "shareholderOf", "Serengeti Rare Metals plc"),
                ("Serengeti Rare Metals plc", "operates", "Ikungi graphite mine"),
                ("Elias Mollel", "holdsPostIn", "Serengeti Rare Metals plc"),
            },
        ),
    ],
)
def test_english_its_and_fronted_clauses(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    """ "its" is the subject's — after a fronted participle clause, or the antecedent of a relative clause."""
    triples = _triples(extractor, text, "e.en.txt")
    assert expected <= triples
    assert ("Brazos", "operates", "White Mesa Mill") not in triples


def test_a_role_a_deal_defines_stands_for_its_company(extractor: Extractor) -> None:
    """「賣方」, 「目標公司」: the roles an announcement defines are its parties, never their names."""
    text = (
        "本公司全資附屬公司甲秀稀金投資有限公司（「買方」）與峨眉山礦業發展有限公司（「賣方」）訂立協議，收購樂山嘉瑞稀土分離有限公司"
        "（「目標公司」）60%股權。目標公司現由賣方及樂山市五通橋區國有資產經營有限公司分別持有60%及40%。"
    )
    facts = extractor.extract(DocumentText("r.zh-hant.txt", text, "text/plain", "sha256:" + "0" * 64))
    names = {e.canonical: e.names for e in facts.entities}
    triples = _triples(extractor, text, "r.zh-hant.txt")
    assert {
        ("峨眉山矿业发展有限公司", "shareholderOf", "乐山嘉瑞稀土分离有限公司"),
        ("乐山市五通桥区国有资产经营有限公司", "shareholderOf", "乐山嘉瑞稀土分离有限公司"),
    } <= triples
    assert not any(role in n for n in names.values() for role in ("卖方", "买方", "目标公司"))
    assert ("峨眉山矿业发展有限公司", "subsidiaryOf", "甲秀稀金投资有限公司") not in triples


def test_an_english_table_of_operators_sites_and_places(extractor: Extractor) -> None:
    """Company | site | place | status: a country in brackets is part of a company's name, Works ends a plant's,
    and "JV of" is not part of a partner's."""
    text = (
        "Company | Asset | Location | Status | Ownership\n"
        "Indus Rare Metals (India) Limited | Ganjam Sands Complex | Chatrapur, Odisha | operating | state-owned\n"
        "Deccan Magnetics Ltd | Talegaon Magnet Works | Chakan, Maharashtra | ramp-up | listed\n"
        "Konkan Minerals Pvt Ltd | Neendakara Tailings Project | Kollam, Kerala | pilot | JV of Deccan Magnetics Ltd (51%)\n"
    )
    triples = _triples(extractor, text, "t.en.txt")
    assert {
        ("Indus Rare Metals (India) Limited", "operates", "Ganjam Sands Complex"),
        ("Deccan Magnetics Ltd", "operates", "Talegaon Magnet Works"),
        ("Talegaon Magnet Works", "locatedIn", "Chakan"),
        ("Konkan Minerals Pvt Ltd", "leads", "Neendakara Tailings Project"),
        ("Neendakara Tailings Project", "projectSite", "Kollam"),
    } <= triples
    names = set(_entities(extractor, text, "t.en.txt"))
    assert "JV of Deccan Magnetics Ltd" not in names and "India" not in names


def test_a_project_keeps_its_phase(extractor: Extractor) -> None:
    names = _entities(
        extractor,
        "3　年产1.5万吨高性能钕铁硼磁材项目（二期）　金力永磁（包头）科技有限公司　稀土高新区",
        "p.zh.txt",
    )
    assert names.get("年产1.5万吨高性能钕铁硼磁材项目(二期)") == "project"


def test_a_parent_named_before_the_founders_is_not_one_of_them(extractor: Extractor) -> None:
    """麓山集团旗下的A与B共同出资设立C: A and B found C; the group is A's parent, and B is no child of it."""
    text = "根据协议，麓山集团旗下的麓山国际矿业（香港）有限公司与肯尼亚国家矿业公司共同出资设立肯湘稀土精炼有限公司。"
    triples = _triples(extractor, text, "f.zh.txt")
    assert {
        ("麓山国际矿业(香港)有限公司", "subsidiaryOf", "麓山集团"),
        ("肯湘稀土精炼有限公司", "foundedBy", "麓山国际矿业(香港)有限公司"),
        ("肯湘稀土精炼有限公司", "foundedBy", "肯尼亚国家矿业公司"),
    } <= triples
    assert ("肯湘稀土精炼有限公司", "foundedBy", "麓山集团") not in triples
    assert ("肯尼亚国家矿业公司", "subsidiaryOf", "麓山集团") not in triples


def test_a_short_name_defined_in_quotes_may_reorder_its_words(extractor: Extractor) -> None:
    """衡嶽稀土（湖南）有限公司（「湖南衡嶽」）: the defined name is the company's, not a place and a word."""
    text = "本公司附屬公司衡嶽稀土（湖南）有限公司（「湖南衡嶽」）訂立協議。湖南衡嶽有權提名兩名董事。"
    found = _entities(extractor, text, "q.zh-hant.txt")
    assert "衡岳" not in found and found.get("衡岳稀土(湖南)有限公司") == "company"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Pahang Strategic Minerals Berhad ("PSM") signed. PSM, formerly Kuantan Tin Dredging Berhad, is listed '
            "in Kuala Lumpur. Its chairman, Faizal Rahman, said the plant helps.",
            {("Faizal Rahman", "holdsPostIn", "Pahang Strategic Minerals Berhad")},
        ),
        (
            "Wanjiru Kamau, a mining analyst at Nairobi-based brokerage Rift Valley Securities Ltd, said it helps.",
            {("Wanjiru Kamau", "holdsPostIn", "Rift Valley Securities Ltd")},
        ),
        (
            "Media contact: Nattaya Boonmee, Head of Corporate Communications, Chao Phraya Industrial Holdings PCL",
            {("Nattaya Boonmee", "holdsPostIn", "Chao Phraya Industrial Holdings PCL")},
        ),
    ],
)
def test_english_posts_in_asides_and_contact_lines(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _triples(extractor, text, "p.en.txt")


def test_a_former_name_is_the_same_company(extractor: Extractor) -> None:
    text = 'Pahang Strategic Minerals Berhad ("PSM") signed. PSM, formerly Kuantan Tin Dredging Berhad, is listed.'
    found = _entities(extractor, text, "f.en.txt")
    assert "Kuantan Tin Dredging Berhad" not in found and "Pahang Strategic Minerals Berhad" in found


def test_a_place_is_not_merged_into_the_university_named_after_it(extractor: Extractor) -> None:
    text = (
        "He was a lecturer at Teesside University until 2023. Teesside has more old industrial sites than "
        "anywhere in the country, he said."
    )
    facts = extractor.extract(DocumentText("u.en.txt", text, "text/plain", "sha256:" + "0" * 64))
    university = next(e for e in facts.entities if e.canonical == "Teesside University")
    assert "Teesside" not in university.english_names


def test_a_quoted_plan_is_a_programme_or_a_companys_project(extractor: Extractor) -> None:
    """「…示範廠建置計畫」 after a company is its project; 「…數碼追溯先導計劃」 a public programme."""
    text = (
        "一、台灣磁循環材料股份有限公司（下稱台磁循環）「林園稀土磁石回收示範廠建置計畫」，核定補助1.9億元。"
        "創新科技署於9月推出「關鍵材料供應鏈數碼追溯先導計劃」。"
    )
    found = _entities(extractor, text, "q.zh-hant.txt")
    assert found.get("林园稀土磁石回收示范厂建置计划") == "project"
    assert found.get("关键材料供应链数码追溯先导计划") == "policy"
    assert ("台湾磁循环材料股份有限公司", "leads", "林园稀土磁石回收示范厂建置计划") in _triples(
        extractor, text, "q.zh-hant.txt"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Marlow Rare Earths Limited is a Perth-based developer. Its flagship Kurrajong Hill Project targets "
            "first production in 2028.",
            ("Marlow Rare Earths Limited", "leads", "Kurrajong Hill Project"),
        ),
        (
            "The mine and the plant form the Yarrabee Rare Earths Project, which Halcyon Rare Earths Limited is "
            "developing as one operation.",
            ("Halcyon Rare Earths Limited", "leads", "Yarrabee Rare Earths Project"),
        ),
    ],
)
def test_english_projects_a_company_leads(
    extractor: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(extractor, text, "l.en.txt")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("鑫創董事長賴宗翰表示：「北美客戶要的是在地生產。」", "赖宗翰"),
        ("盤志遠先生自2018年起擔任目標公司董事長。", "盘志远"),
        ("會長：區卓謙（研究委員會主席）", "区卓谦"),
    ],
)
def test_hong_kong_and_taiwan_family_names(extractor: Extractor, text: str, person: str) -> None:
    """赖, 盘, 区 (Lai, Pan, Au) are family names too; 党组成员 stays no one."""
    found = _entities(extractor, text + "党组成员出席。", "n.zh-hant.txt")
    assert found.get(person) == "person"
    assert "党组成员" not in found


def test_a_chamber_named_with_and_and_its_office_holders(extractor: Extractor) -> None:
    """香港稀土及磁性材料商會（Hong Kong Rare Earth and Magnetic Materials Chamber，下稱「本會」）: one association
    with both names; 會長：馮家駿（寶隆稀金貿易有限公司董事總經理）: the chair, and a post in the bracketed company."""
    text = (
        "香港稀土及磁性材料商會《2025年度市場回顧》\n"
        "香港稀土及磁性材料商會（Hong Kong Rare Earth and Magnetic Materials Chamber，下稱「本會」）研究委員會編製　"
        "主編：區卓謙（研究委員會主席）\n"
        "會長：馮家駿（寶隆稀金貿易有限公司董事總經理）\n"
    )
    found = _entities(extractor, text, "c.zh-hant.txt")
    assert found.get("香港稀土及磁性材料商会") == "association"
    assert "Hong Kong Rare Earth and Magnetic Materials Chamber" not in found  # a name of the one above
    assert found.get("区卓谦") == "person"
    triples = _triples(extractor, text, "c.zh-hant.txt")
    assert ("冯家骏", "holdsPostIn", "宝隆稀金贸易有限公司") in triples
    assert ("冯家骏", "holdsPostIn", "香港稀土及磁性材料商会") in triples


def test_a_notice_whose_issuers_stand_above_its_title(extractor: Extractor) -> None:
    """包头市工业和信息化局　包头市财政局 / 关于下达…的通知 / 包工信发〔2026〕38号: the notice is the document, both
    bureaus (named with their city) issued it, and it cites what it rests on — not its own number."""
    text = (
        "鹿城市工业和信息化局　鹿城市财政局\n"
        "关于下达2026年度鹿城市稀土产业发展专项资金项目计划的通知\n"
        "鹿工信发〔2026〕38号\n"
        "各旗县区工业和信息化主管部门：\n"
        "根据《鹿城市稀土产业发展专项资金管理暂行办法》，现将项目计划下达给你们。\n"
    )
    notice = "关于下达2026年度鹿城市稀土产业发展专项资金项目计划的通知"
    triples = _triples(extractor, text, "n.zh.txt")
    assert {
        (notice, "issuedBy", "鹿城市工业和信息化局"),
        (notice, "issuedBy", "鹿城市财政局"),
        (notice, "cites", "鹿城市稀土产业发展专项资金管理暂行办法"),
    } <= triples
    assert not any(s == notice and p == "cites" and "〔" in o for s, p, o in triples)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Koral Lanthanide Co Ltd was founded by Tessaro Metals Corporation, a subsidiary of Ardent "
            "Holdings Ltd, and Brightwater Chemicals Ltd in 2019.",
            {
                ("Koral Lanthanide Co Ltd", "foundedBy", "Tessaro Metals Corporation"),
                ("Koral Lanthanide Co Ltd", "foundedBy", "Brightwater Chemicals Ltd"),
            },
        ),
        (
            "Mbeya Rare Metals Ltd and Ruvuma Mining Corporation will form a joint venture company, Kilima "
            "Processing Company Ltd, to refine concentrate.",
            {
                ("Kilima Processing Company Ltd", "foundedBy", "Mbeya Rare Metals Ltd"),
                ("Kilima Processing Company Ltd", "foundedBy", "Ruvuma Mining Corporation"),
                ("Mbeya Rare Metals Ltd", "shareholderOf", "Kilima Processing Company Ltd"),
            },
        ),
        (
            "Under the deal Dunmore Resources Plc will keep 25% of Ostrava Chemical Holdings Ltd after the sale.",
            {("Dunmore Resources Plc", "shareholderOf", "Ostrava Chemical Holdings Ltd")},
        ),
    ],
)
def test_english_founders_and_joint_ventures_formed(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    """A company founded by A, a subsidiary of X, and B: both founders (not X); A and B will form a joint
    venture, C: C founded by both, each a shareholder; will keep 25% of: a stake held."""
    found = _triples(extractor, text, "jv.en.txt")
    assert expected <= found
    assert ("Koral Lanthanide Co Ltd", "foundedBy", "Ardent Holdings Ltd") not in found


def test_an_issuer_incorporated_abroad(extractor: Extractor) -> None:
    """The line under a Hong Kong issuer's name says where it was incorporated: it is located there."""
    zh = "衡川稀土控股有限公司\n（於開曼群島註冊成立之有限公司）\n（股份代號：9999）\n須予披露交易\n"
    assert ("衡川稀土控股有限公司", "locatedIn", "开曼群岛") in _triples(extractor, zh, "i.zh-hant.txt")
    en = (
        "Ardent Rare Earths Holdings Limited\n(incorporated in Bermuda with limited liability)\n"
        "(Stock Code: 9998)\nDISCLOSEABLE TRANSACTION\n"
    )
    assert ("Ardent Rare Earths Holdings Limited", "locatedIn", "百慕大") in _triples(
        extractor, en, "i.en.txt"
    )


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (  # a company and the county and town it is in, in brackets
            "申請業者：台昇磁材股份有限公司（彰化縣鹿港鎮）；核定額度100萬元。",
            "b.zh-hant.txt",
            {("台升磁材股份有限公司", "locatedIn", "鹿港镇"), ("鹿港镇", "locatedIn", "彰化县")},
        ),
        (  # a province in a country's west: the country, then the province
            "主要资产是位于安哥拉西部南宽札省塞莱市的萨纳稀土项目。",
            "w.zh.txt",
            {("南宽札省", "locatedIn", "安哥拉"), ("塞莱市", "locatedIn", "南宽札省")},
        ),
        (  # 德州 after 美国 is Texas, not the city in Shandong; a plant named with 稀土 is one plant
            "供應來源：美國德州佩科斯金屬公司（Pecos Metals Corp.）之奧德薩稀土金屬廠。",
            "t.zh-hant.txt",
            {
                ("佩科斯金属公司", "locatedIn", "德州"),
                ("德州", "locatedIn", "美国"),
                ("佩科斯金属公司", "operates", "奥德萨稀土金属厂"),
            },
        ),
    ],
)
def test_places_in_brackets_regions_and_places_abroad(
    extractor: Extractor, text: str, name: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _triples(extractor, text, name)


def test_names_freed_of_the_words_around_them(extractor: Extractor) -> None:
    """哈利玛·姆万吉认为: the person, not the verb; 分离商XYZ公司: the company after the describer; 年产5,000吨…项目:
    the whole project with its figure and its capacity."""
    found = _entities(extractor, "内罗毕大学地质系教授哈利玛·姆万吉认为，当地资源潜力可观。", "p.zh.txt")
    assert found.get("哈利玛·姆万吉") == "person"
    found = _entities(extractor, "供应来源：挪威稀土分离商Norsep公司，年供氧化镨钕300吨。", "d.zh.txt")
    assert "Norsep公司" in found and not any(n.startswith("商") for n in found)
    text = "宁波韵升在宁波启动年产5,000吨高性能烧结钕铁硼扩产项目，建设地点为鄞州经济开发区。"
    facts = extractor.extract(DocumentText("y.zh.txt", text, "text/plain", "sha256:" + "0" * 64))
    project = next(e for e in facts.entities if e.kind == "project")
    assert project.canonical == "年产5,000吨高性能烧结钕铁硼扩产项目"
    capacity = next(r.object for r in facts.relations if r.predicate == "capacity")
    assert capacity.value == "5000"


def test_an_english_announcement_of_an_acquisition_and_its_holders(extractor: Extractor) -> None:
    """The agreement a company defines (the "SSA") is no organisation; the company agreed to acquire a stake;
    the table of substantial holders after the header gives the issuer's shareholders; the contact line gives
    the issuer's officers; a name with its legal form after "Company" is whole."""
    text = (
        'Kalahari Coast Minerals Limited ("Kalahari Coast" or "the Company") is pleased to announce that it has '
        'entered into a binding share sale agreement (the "SSA") to acquire 65% of the issued capital of Omatako '
        'Holdings (Pty) Ltd ("OTH").\n'
        "On completion Brandberg Mining Company (Pty) Ltd will retain its free-carried 10% interest.\n"
        "Because the SSA is a related-party transaction, it needs the approval of shareholders.\n"
        "Substantial holders on completion (holder – shares – % of issued capital)\n"
        "Rhein Magnetwerke GmbH – 61,200,000 – 14.6%\n"
        "Swan Nominees Pty Ltd – 38,400,000 – 9.2%\n"
        "For further information: Craig Lindholm, Managing Director, +61 8 6555 0190 | Mel Rourkes, Company "
        "Secretary, +61 8 6555 0191\n"
    )
    found = _entities(extractor, text, "k.en.txt")
    assert "SSA" not in found
    assert found.get("Brandberg Mining Company (Pty) Ltd") == "company"
    issuer = "Kalahari Coast Minerals Limited"
    assert {
        (issuer, "shareholderOf", "Omatako Holdings (Pty) Ltd"),
        ("Rhein Magnetwerke GmbH", "shareholderOf", issuer),
        ("Swan Nominees Pty Ltd", "shareholderOf", issuer),
        ("Craig Lindholm", "holdsPostIn", issuer),
        ("Mel Rourkes", "holdsPostIn", issuer),
    } <= _triples(extractor, text, "k.en.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Founded in 1961 and owned by Rhein Industrieholding AG, Rhein Magnetwerke GmbH supplies magnets.",
            {
                ("Rhein Magnetwerke GmbH", "subsidiaryOf", "Rhein Industrieholding AG"),
                ("Rhein Industrieholding AG", "shareholderOf", "Rhein Magnetwerke GmbH"),
            },
        ),
        (
            "Kasai Trading Europe Ltd, the London unit of the Japanese trading house Kasai Corporation, bought 12%.",
            {("Kasai Trading Europe Ltd", "subsidiaryOf", "Kasai Corporation")},
        ),
        (
            "Tees Alloy Ventures Ltd, part of Northgate Holdings Plc, gave the company a grant.",
            {("Tees Alloy Ventures Ltd", "subsidiaryOf", "Northgate Holdings Plc")},
        ),
        (
            "Analysts: Rohan Deshkar, Research Analyst, Konkan Capital Securities Limited",
            {("Rohan Deshkar", "holdsPostIn", "Konkan Capital Securities Limited")},
        ),
    ],
)
def test_english_owners_units_and_posts(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _triples(extractor, text, "o.en.txt")


def test_english_wire_places_people_and_projects(extractor: Extractor) -> None:
    """A dateline's city in capitals is a place; "reporting by X" is a person; "in Singida region" names the
    region; "Separately," is no place; a project "in" a place has its site there; the project's name in a
    headline in lower case is the same project; "an African rare earth project" names nothing."""
    text = (
        "Kivu Metals to develop Tembo Hills rare earth project in Tanzania\n"
        "DODOMA, Tanzania, Sept 8 (Reuters) - Kivu Metals Plc said the Tembo Hills Rare Earth Project in "
        "Singida region would be built by 2029.\n"
        "Separately, India's state-run Khanij Bidesh India Ltd signed a memorandum with Kivu Metals Plc.\n"
        "It is the first investment by an Indian firm in an African rare earth project.\n"
        "(Reporting by Daniel Mwita; additional reporting by Aditi Venkatraman in New Delhi)\n"
    )
    found = _entities(extractor, text, "w.en.txt")
    assert found.get("DODOMA", found.get("Dodoma")) == "place"
    assert found.get("Aditi Venkatraman") == "person"
    assert found.get("Singida region") == "place"
    assert "Separately" not in found
    assert not any("African" in name for name in found)
    projects = [name for name, kind in found.items() if kind == "project"]
    assert len(projects) == 1, projects
    triples = _triples(extractor, text, "w.en.txt")
    assert (projects[0], "projectSite", "Singida region") in triples
    assert not any(p == "locatedIn" and s == projects[0] for s, p, _ in triples)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (  # the issuer's line with its stock code after it; 百慕達 is the Hong Kong form of 百慕大
            "金川稀有金屬控股有限公司\n（於百慕達註冊成立之有限公司）（股份代號：9997）\n須予披露交易\n",
            "h.zh-hant.txt",
            {("金川稀有金属控股有限公司", "locatedIn", "百慕大")},
        ),
        (  # each shareholder with its own share: 由A出资60%、B出资40%
            "日东稀土资源株式会社由双日株式会社出资60%、东洋金属株式会社出资40%，本月底在东京完成登记。",
            "s.zh.txt",
            {
                ("双日株式会社", "shareholderOf", "日东稀土资源株式会社"),
                ("东洋金属株式会社", "shareholderOf", "日东稀土资源株式会社"),
            },
        ),
        (  # a country, a describer, the name: 日本磁材大厂TDK; 与 before a place joins, it is not the place's
            "日本磁材大廠TDK則表示，將評估採購；格陵蘭南部與美國懷俄明州陸續冒出新礦。",
            "d.zh-hant.txt",
            {("TDK株式会社", "locatedIn", "日本"), ("怀俄明州", "locatedIn", "美国")},
        ),
    ],
)
def test_incorporation_stakes_each_and_described_makers(
    extractor: Extractor, text: str, name: str, expected: set[tuple[str, str, str]]
) -> None:
    found = _triples(extractor, text, name)
    assert expected <= found
    assert not any(s.startswith("与") for s, _, _ in found)


def test_foreign_names_in_chinese_news(extractor: Extractor) -> None:
    """研究机构X(Latin): an institute after its describer; 分析师 before a person: a post there; the person's
    Latin name in brackets is the same person, and so is the family name alone before a verb of saying;
    总部设于A北郊的B: B, the last of the chain; 德国磁材厂X: a maker in Germany."""
    text = (
        "倫敦研究機構北海礦物洞察（North Sea Minerals Insight）分析師艾瑪·卡爾森（Emma Carlsen）分析，海灣國家正大舉布局。"
        "卡爾森表示，沙烏地要的是礦。\n"
        "分離方面，公司已委託南非國營礦物技術研究機構Mintex進行中試，Mintex總部設於約翰尼斯堡北郊的蘭德堡。\n"
        "公司已與德國磁材廠真空熔煉公司簽署承購意向書。\n"
    )
    facts = extractor.extract(DocumentText("f.zh-hant.txt", text, "text/plain", "sha256:" + "0" * 64))
    kinds = {e.canonical: e.kind for e in facts.entities}
    assert kinds.get("北海矿物洞察") == "institute"
    carlsen = next(e for e in facts.entities if e.canonical == "艾玛·卡尔森")
    assert {"卡尔森"} <= set(carlsen.names)
    assert not any(e.canonical == "Emma Carlsen" for e in facts.entities)
    triples = _triples(extractor, text, "f.zh-hant.txt")
    assert {
        ("艾玛·卡尔森", "holdsPostIn", "北海矿物洞察"),
        ("真空熔炼公司", "locatedIn", "德国"),
    } <= triples
    assert any(s == "Mintex" and p == "locatedIn" and o in {"兰德堡", "Randburg"} for s, p, o in triples)
    assert not any(s == "Mintex" and o == "约翰尼斯堡" for s, _, o in triples)


def test_a_latin_name_after_its_describer(extractor: Extractor) -> None:
    """挪威分离商Norsep, 研究机构Mintex: organisations (an institute after a research body); 供应商ESG评级: an
    acronym that qualifies the words after it is no name."""
    found = _entities(extractor, "公司委託南非國營礦物技術研究機構Mintex進行中試。", "m.zh-hant.txt")
    assert found.get("Mintex") == "institute"
    found = _entities(extractor, "公司参与发起中国供应商ESG评级平台。", "e.zh.txt")
    assert "ESG" not in found


@pytest.mark.parametrize(
    ("text", "name", "unit", "parent", "person"),
    [
        (
            "工業技術研究院（工研院）與業者合作。工研院材料與化工研究所副所長林思妤表示，技術已成熟。",
            "u1.zh-hant.txt",
            "工研院材料与化工研究所",
            "工业技术研究院",
            "林思妤",
        ),
        (
            "經濟部產業發展署（產發署）今日公告。新聞聯絡人：產發署金屬機電產業組科長陳柏宏",
            "u2.zh-hant.txt",
            "产发署金属机电产业组",
            "经济部产业发展署",
            "陈柏宏",
        ),
    ],
)
def test_units_named_after_their_parent(
    extractor: Extractor, text: str, name: str, unit: str, parent: str, person: str
) -> None:
    """A research body's or an agency's unit written after its short name, before a post: one unit (材料与化工
    keeps its 与), of its parent, where the person holds the post."""
    triples = _triples(extractor, text, name)
    assert (unit, "subsidiaryOf", parent) in triples
    assert (person, "holdsPostIn", unit) in triples


def test_a_report_signed_by_its_analysts(extractor: Extractor) -> None:
    """A report's dated issuer line: its analysts hold posts there, but its 公司 is still the company named last;
    长江证券有色金属首席分析师: the securities firm, not 长江证券有色."""
    text = (
        "证券研究报告｜行业深度报告\n"
        "国泰磁材证券股份有限公司　2025年7月15日\n"
        "分析师：叶知远　执业证书编号：S1270523080002\n"
        "江西赣锋磁业科技股份有限公司总部位于江西省赣州市。公司近期由全资子公司赣锋磁业（宁波）科技有限公司牵头实施扩产。\n"
        "长江证券有色金属首席分析师王晟认为，周期较长。\n"
    )
    triples = _triples(extractor, text, "r.zh.txt")
    assert ("叶知远", "holdsPostIn", "国泰磁材证券股份有限公司") in triples
    assert ("王晟", "holdsPostIn", "长江证券") in triples
    assert not any(o == "国泰磁材证券股份有限公司" and p == "subsidiaryOf" for _, p, o in triples)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "由金屬工業研究發展中心發起成立的「臺灣稀土材料產業聯盟」目前已有會員23家。",
            ("台湾稀土材料产业联盟", "foundedBy", "金属工业研究发展中心"),
        ),
        (
            "董事長陳柏翰在台達電子工業股份有限公司服務近二十年，曾任馬達事業部協理。",
            ("陈柏翰", "holdsPostIn", "台达电子工业股份有限公司"),
        ),
    ],
)
def test_founded_by_before_and_worked_at(
    extractor: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(extractor, text, "f.zh-hant.txt")


def test_a_list_of_projects_in_dashed_rows(extractor: Extractor) -> None:
    """Project — promoter, a subsidiary of its parent — town, county, country — stage: the promoter leads the
    project, its parent does not; the town with its county is a place, and the project's site."""
    text = (
        "The Commission recognises the following projects:\n"
        "1. Vargbo REE Concentrate Project — Norrsten Mineral AB, a wholly owned subsidiary of Hedvik Holding AB "
        "— Lindesberg, Örebro County, Sweden — extraction\n"
        "2. Kallaste Rare Earth Metals Project — Peipsi Metals OÜ — Kohtla-Järve, Estonia — processing\n"
    )
    found = _triples(extractor, text, "l.en.txt")
    assert ("Norrsten Mineral AB", "leads", "Vargbo REE Concentrate Project") in found
    assert ("Hedvik Holding AB", "leads", "Vargbo REE Concentrate Project") not in found
    assert ("Norrsten Mineral AB", "subsidiaryOf", "Hedvik Holding AB") in found
    assert ("Vargbo REE Concentrate Project", "projectSite", "Lindesberg") in found


def test_a_fact_box_and_a_pronoun_for_a_person(extractor: Extractor) -> None:
    """A line that is one company's name, then 成立：/总部：/主要股东： — a fact box about it; 她 opening a clause
    is the person named last (王丽华表示…。她现任X副总裁)."""
    text = "楓林稀土材料公司\n成立：2022年\n總部：加拿大薩斯喀徹溫省薩斯卡通\n主要股東：東晟磁業股份有限公司（15%）\n"
    triples = _triples(extractor, text, "b.zh-hant.txt")
    assert ("枫林稀土材料公司", "locatedIn", "萨斯卡通") in triples
    assert ("东晟磁业股份有限公司", "shareholderOf", "枫林稀土材料公司") in triples
    text = "王丽华表示，产能将提升。她现任华锐稀材科技股份有限公司副总裁，负责海外业务。"
    assert ("王丽华", "holdsPostIn", "华锐稀材科技股份有限公司") in _triples(extractor, text, "p.zh.txt")


def test_an_ownership_structure_in_a_key_value_block(extractor: Extractor) -> None:
    """名称：X, then 股权结构： with holders on the line (A持有其90%股权) or in rows below it (A　出资…　持股55%):
    each holder a shareholder of X; a bureau's 办公室 is its unit."""
    text = (
        "名称：梧州桂岭稀土分离有限公司\n"
        "注册地址：广西壮族自治区梧州市岑溪市\n"
        "股权结构（本次交易前）：\n"
        "广西漓山投资控股集团有限公司　出资13,750万元　持股55.00%\n"
        "梧州市工业投资发展集团有限公司　出资7,500万元　持股45.00%\n"
        "名称：广西漓山投资控股集团有限公司\n"
        "股权结构：广西壮族自治区人民政府国有资产监督管理委员会持有其90%股权，广西壮族自治区财政厅持有其10%股权。\n"
        "包头市工业和信息化局办公室　2026年4月16日印发\n"
        "联系人：包头市工业和信息化局　郝建平\n"
    )
    triples = _triples(extractor, text, "k.zh.txt")
    assert {
        ("广西漓山投资控股集团有限公司", "shareholderOf", "梧州桂岭稀土分离有限公司"),
        ("梧州市工业投资发展集团有限公司", "shareholderOf", "梧州桂岭稀土分离有限公司"),
        ("广西壮族自治区财政厅", "shareholderOf", "广西漓山投资控股集团有限公司"),
        ("包头市工业和信息化局办公室", "subsidiaryOf", "包头市工业和信息化局"),
    } <= triples


def test_ownership_cells_of_a_table_row(extractor: Extractor) -> None:
    """company | asset | location | stage | ownership: a holder with its stake (the row's ";" inside its cell),
    "JV of A (51%) and B (49%)": founders and shareholders of the row's company."""
    text = (
        "Table 1: assets (company | asset | location | stage | ownership)\n"
        "Deccan Magnetics Ltd | Chakan Magnet Works | Chakan, Maharashtra | ramp-up | listed; promoter group 58%, "
        "Kitamura Denshi Co., Ltd. 14%\n"
        "Konkan Critical Minerals Pvt Ltd | Chavara Tailings Recovery Project | Kollam, Kerala | pilot | JV of "
        "Deccan Magnetics Ltd (51%) and Travancore Minerals Ltd (49%)\n"
    )
    triples = _triples(extractor, text, "t.en.txt")
    assert {
        ("Kitamura Denshi Co., Ltd.", "shareholderOf", "Deccan Magnetics Ltd"),
        ("Konkan Critical Minerals Pvt Ltd", "foundedBy", "Deccan Magnetics Ltd"),
        ("Travancore Minerals Ltd", "shareholderOf", "Konkan Critical Minerals Pvt Ltd"),
    } <= triples


def test_years_spent_at_a_company_are_a_post(extractor: Extractor) -> None:
    text = (
        "Helen Marsh, 46, spent nineteen years at British Steel's works in Scunthorpe before leaving in 2022."
    )
    assert ("Helen Marsh", "holdsPostIn", "British Steel") in _triples(extractor, text, "s.en.txt")


def test_a_place_and_de_before_a_company(extractor: Extractor) -> None:
    """江苏省宜兴市的太湖X有限公司: the company is in the city."""
    text = "據業者資訊，寮國精礦主要供應江蘇省宜興市的太湖稀土分離有限公司等分離廠。"
    triples = _triples(extractor, text, "d.zh-hant.txt")
    assert ("太湖稀土分离有限公司", "locatedIn", "宜兴市") in triples
