"""Names read from what stands around them, and what 其 stands for, in any metal's story: two places written as
one word, a name after the words that describe it, a name after a copula or a dateline, a parallel 其. Sentences
written for these tests (no document of an evaluation set) go through the whole pipeline."""

from __future__ import annotations

from rule_facts import facts, kinds, pairs

from rekg.ingest.pipeline import Extractor


def test_two_places_written_as_one_word_are_two_places_one_in_the_other(extractor: Extractor) -> None:
    for text, name in (
        ("旗下卡维拉钴矿位于马维拉郡沃特斯市，属沉积型铜钴矿床。", "cobalt.zh.txt"),
        ("旗下卡維拉鈷礦位於馬維拉郡沃特斯市，屬沉積型銅鈷礦床。", "cobalt.zh-hant.txt"),
    ):
        located = pairs(extractor, text, name, "locatedIn")
        assert ("沃特斯市", "马维拉郡") in located
        assert ("卡维拉钴矿", "沃特斯市") in located


def test_a_city_name_with_one_character_before_its_ending_stays_whole(extractor: Extractor) -> None:
    found = kinds(extractor, "该厂位于苏州市，生产锂电池隔膜。", "suzhou.zh.txt")
    assert "苏州市" in found or "苏州" in found
    assert "州市" not in found


def test_a_name_after_the_words_that_describe_it(extractor: Extractor) -> None:
    for text, name in (
        (
            "瓦伦矿业有限公司成立于2011年。加拿大投资机构北辰岭资源资本持有该公司约18%的股份。",
            "copper.zh.txt",
        ),
        (
            "瓦倫礦業有限公司成立於2011年。加拿大投資機構北辰嶺資源資本持有該公司約18%的股份。",
            "copper.zh-hant.txt",
        ),
    ):
        assert kinds(extractor, text, name).get("北辰岭资源资本") == "company"
        assert ("北辰岭资源资本", "瓦伦矿业有限公司") in pairs(extractor, text, name, "shareholderOf")


def test_a_copula_is_not_part_of_the_name_before_a_latin_one(extractor: Extractor) -> None:
    text = "瑞泽商事总部设于东京，是丸井物产（Marui & Co.）持股约三成的专门商社。"
    found = kinds(extractor, text, "marui.zh.txt")
    assert not any(name.startswith("是") for name in found)
    assert ("瑞泽商事", "东京") in pairs(extractor, text, "marui.zh.txt", "locatedIn")


def test_a_dateline_word_is_not_part_of_the_place(extractor: Extractor) -> None:
    for text, name in (
        ("台北讯——电池材料厂商宏锂科技股份有限公司今日宣布扩产。", "datel.zh.txt"),
        ("臺北訊——電池材料廠商宏鋰科技股份有限公司今日宣布擴產。", "datel.zh-hant.txt"),
    ):
        found = kinds(extractor, text, name)
        assert "台北讯" not in found and "臺北訊" not in found
        assert found.get("台北市") == "place"  # the curated name of 台北


def test_a_builder_described_before_its_name_is_not_part_of_it(extractor: Extractor) -> None:
    text = "土建工程则分包予越南营建商红河工程有限公司执行。"
    assert "红河工程有限公司" in kinds(extractor, text, "builder.zh.txt")


def test_parallel_clauses_with_qi_speak_of_the_same_company(extractor: Extractor) -> None:
    for text, name in (
        (
            "泰安钨业有限公司成立于2003年。股权结构：泰安市国有资本运营有限公司持有其90%股权，鲁岳投资有限公司持有其10%股权。",
            "qi.zh.txt",
        ),
        (
            "泰安鎢業有限公司成立於2003年。股權結構：泰安市國有資本運營有限公司持有其90%股權，魯岳投資有限公司持有其10%股權。",
            "qi.zh-hant.txt",
        ),
    ):
        held = pairs(extractor, text, name, "shareholderOf")
        assert ("鲁岳投资有限公司", "泰安钨业有限公司") in held
        assert ("鲁岳投资有限公司", "泰安市国有资本运营有限公司") not in held


def test_the_largest_shareholder_after_qi_is_the_clause_subject_of_the_company_before(
    extractor: Extractor,
) -> None:
    text = "阿尔金镍业有限公司成立于2021年，总部位于利雅得，是一家镍矿开发商，海湾矿业投资有限公司为其第一大股东。"
    assert ("海湾矿业投资有限公司", "阿尔金镍业有限公司") in pairs(
        extractor, text, "nickel.zh.txt", "shareholderOf"
    )


def test_a_university_named_head_first_runs_on_to_its_place(extractor: Extractor) -> None:
    text = "The lithium pilot line opened on the campus of TU Bergakademie Halden, the university said."
    found = kinds(extractor, text, "tu.en.txt")
    assert found.get("TU Bergakademie Halden") == "university"
    assert "Halden" not in found


def test_a_town_named_like_the_company_is_not_the_company(extractor: Extractor) -> None:
    text = (
        "The licences are held by Kalomo Copper Mines Limited, a company incorporated in Zambia. "
        "The target lies 40 km east of Kalomo town, where Kalomo Copper Mines Limited runs a core yard."
    )
    found = kinds(extractor, text, "kalomo.en.txt")
    assert found.get("Kalomo") == "place"
    assert found.get("Kalomo Copper Mines Limited") == "company"


def test_a_country_in_brackets_after_a_name_is_where_it_is_not_its_short_name(extractor: Extractor) -> None:
    for text, name in (
        ("第7名，华东钴材研究所（中国），121项；第8名，北方铜业研究总院（中国），96项。", "rank.zh.txt"),
        ("第7名，華東鈷材研究所（中國），121項；第8名，北方銅業研究總院（中國），96項。", "rank.zh-hant.txt"),
    ):
        found = kinds(extractor, text, name)
        assert found.get("中国") == "place"
        assert found.get("北方铜业研究总院") == "institute"
        assert ("华东钴材研究所", "中国") in pairs(extractor, text, name, "locatedIn")


def test_a_mining_block_by_its_name(extractor: Extractor) -> None:
    text = "(iii) Sonpur Graphite-Vanadium Block – Odisha / Bolangir – Composite licence – Kalinga Minerals Limited – 8.10%"
    found = kinds(extractor, text, "block.en.txt")
    assert found.get("Sonpur Graphite-Vanadium Block") == "mine"
    assert ("Kalinga Minerals Limited", "Sonpur Graphite-Vanadium Block") in pairs(
        extractor, text, "block.en.txt", "operates"
    )


def test_a_first_level_division_of_a_mining_country_is_a_place(extractor: Extractor) -> None:
    text = (
        "Copperbelt Cobalt Refining said its plant in Gujarat would start in May; a second site is in Pahang."
    )
    found = kinds(extractor, text, "regions.en.txt")
    assert found.get("Gujarat") == "place"
    assert found.get("Pahang") == "place"


def test_an_agreement_among_several_parties_makes_each_a_partner_of_each(extractor: Extractor) -> None:
    text = (
        "(b) Shareholders' Agreement dated 18 August 2025 between Kafue Holdings Ltd, "
        "Lunga Investments Plc and Nkana Copper Limited."
    )
    partners = {frozenset(p) for p in pairs(extractor, text, "among.en.txt", "partnerOf")}
    assert partners == {
        frozenset({"Kafue Holdings Ltd", "Lunga Investments Plc"}),
        frozenset({"Kafue Holdings Ltd", "Nkana Copper Limited"}),
        frozenset({"Lunga Investments Plc", "Nkana Copper Limited"}),
    }


def test_a_letter_of_intent_is_an_agreement(extractor: Extractor) -> None:
    text = "Ústí Metal Recycling a.s. has signed a letter of intent with Bohemia Scrap Holdings s.r.o. to supply scrap."
    assert ("Ústí Metal Recycling a.s.", "Bohemia Scrap Holdings s.r.o.") in pairs(
        extractor, text, "loi.en.txt", "partnerOf"
    ) or ("Bohemia Scrap Holdings s.r.o.", "Ústí Metal Recycling a.s.") in pairs(
        extractor, text, "loi.en.txt", "partnerOf"
    )


def test_a_place_after_a_legal_form_is_where_the_body_is(extractor: Extractor) -> None:
    text = "A Testwork Agreement was signed with Copperbelt Metallurgical Laboratories Limited of Kitwe."
    found = kinds(extractor, text, "kitwe.en.txt")
    assert "Copperbelt Metallurgical Laboratories Limited" in found
    assert found.get("Kitwe") == "place"


def test_posts_of_local_government_research_and_company_secretaries(extractor: Extractor) -> None:
    for text, name in (
        ("出席仪式的还有渌湾区人民政府区长黄文辉，以及恒汇证券研究主管萧志德。", "posts.zh.txt"),
        ("出席儀式的還有渌灣區人民政府區長黃文輝，以及恒匯證券研究主管蕭志德。", "posts.zh-hant.txt"),
    ):
        held = pairs(extractor, text, name, "holdsPostIn")
        assert ("黄文辉", "渌湾区人民政府") in held
        assert ("萧志德", "恒汇证券") in held


def test_a_counted_set_of_projects_names_none(extractor: Extractor) -> None:
    found = kinds(extractor, "近两年，得州已有至少三个锂电池回收项目宣布落地。", "counted.zh.txt")
    assert not any(name.endswith("项目") for name in found)


def test_a_law_firm_and_a_listing_place(extractor: Extractor) -> None:
    for text, name in (
        ("代表安达曼矿砂的柏思德律师行合伙人麦咏诗指出，闽粤钨材控股有限公司在港上市。", "law.zh.txt"),
        ("代表安達曼礦砂的柏思德律師行合夥人麥詠詩指出，閩粵鎢材控股有限公司在港上市。", "law.zh-hant.txt"),
    ):
        found = kinds(extractor, text, name)
        assert found.get("柏思德律师行") == "company"
        assert "港上市" not in found


def test_a_particle_between_the_places_and_the_plant_is_not_the_plants(extractor: Extractor) -> None:
    for text, name in (
        ("本集团的冶炼业务集中于玉溪市易门县之易门钨冶炼厂，该厂年产能为2,000吨。", "zhi.zh.txt"),
        ("本集團之冶煉業務集中於玉溪市易門縣之易門鎢冶煉廠，該廠年產能為2,000噸。", "zhi.zh-hant.txt"),
    ):
        found = kinds(extractor, text, name)
        assert found.get("易门钨冶炼厂") == "facility"
        assert not any(n.startswith("之") for n in found)


def test_a_company_named_after_a_town_the_segmenter_cut_in(extractor: Extractor) -> None:
    text = "双方拟共同出资设立普洱整董钨资源开发有限公司，注册资本拟为人民币8亿元。"
    assert kinds(extractor, text, "glued.zh.txt").get("普洱整董钨资源开发有限公司") == "company"


def test_an_industrial_zone_named_in_a_sentence_with_no_plant(extractor: Extractor) -> None:
    for text, name in (
        ("由北港资源再生股份有限公司承办，于基隆市大武仑工业区建置自动化拆解线。", "zone.zh.txt"),
        ("由北港資源再生股份有限公司承辦，於基隆市大武崙工業區建置自動化拆解線。", "zone.zh-hant.txt"),
    ):
        assert kinds(extractor, text, name).get("大武仑工业区") == "facility"


def test_a_description_by_a_name_is_no_name(extractor: Extractor) -> None:
    text = "Halden university, Rossendorf institute and Saxon recyclers open a cobalt research centre."
    found = kinds(extractor, text, "descr.en.txt")
    assert "Halden university" not in found and "Rossendorf institute" not in found


def test_a_list_of_governments_is_so_many_bodies(extractor: Extractor) -> None:
    text = "Copy to: Government of Odisha, Government of Jharkhand and Government of Karnataka."
    found = kinds(extractor, text, "govs.en.txt")
    assert {"Government of Odisha", "Government of Jharkhand", "Government of Karnataka"} <= set(found)


def test_a_distributor_described_before_its_name(extractor: Extractor) -> None:
    for text, name in (
        ("国内钴材通路商鼎丰钴材股份有限公司表示，订单已排到明年。", "dist.zh.txt"),
        ("國內鈷材通路商鼎豐鈷材股份有限公司表示，訂單已排到明年。", "dist.zh-hant.txt"),
    ):
        assert "鼎丰钴材股份有限公司" in kinds(extractor, text, name)


def test_a_transliterated_surname_after_a_post_with_the_latin_name_in_brackets(extractor: Extractor) -> None:
    for text, name in (
        ("安班贾可可农合作社主席拉克托（Joseph Rakoto）担心，选矿废水会流入下游。", "post.zh.txt"),
        ("安班賈可可農合作社主席拉克托（Joseph Rakoto）擔心，選礦廢水會流入下游。", "post.zh-hant.txt"),
    ):
        people = [e for e in facts(extractor, text, name).entities if e.kind == "person"]
        assert [p.canonical for p in people] == ["拉克托"]
        assert ("拉克托", "安班贾可可农合作社") in pairs(extractor, text, name, "holdsPostIn")


def test_a_village_written_after_its_town(extractor: Extractor) -> None:
    for text, name in (
        ("清晨六点，码市镇冲尾村的山坳里已经传来水泵的嗡鸣。", "village.zh.txt"),
        ("清晨六點，碼市鎮沖尾村的山坳裡已經傳來水泵的嗡鳴。", "village.zh-hant.txt"),
    ):
        assert ("冲尾村", "码市镇") in pairs(extractor, text, name, "locatedIn")


def test_a_parts_maker_described_before_its_name(extractor: Extractor) -> None:
    for text, name in (
        ("嘉晟钴材与韩国汽车零组件商东海精工株式会社合资设立蔚山工厂。", "parts.zh.txt"),
        ("嘉晟鈷材與韓國汽車零組件商東海精工株式會社合資設立蔚山工廠。", "parts.zh-hant.txt"),
    ):
        assert "东海精工株式会社" in kinds(extractor, text, name)


def test_a_firm_described_before_its_chinese_and_latin_names_is_no_person(extractor: Extractor) -> None:
    for text, name in (
        (
            "客户端方面，韩国车用零件大厂现代摩比斯（Hyundai Mobis）已与嘉东钴材股份有限公司签订包销协议。",
            "firm.zh.txt",
        ),
        (
            "客戶端方面，韓國車用零件大廠現代摩比斯（Hyundai Mobis）已與嘉東鈷材股份有限公司簽訂包銷協議。",
            "firm.zh-hant.txt",
        ),
    ):
        assert kinds(extractor, text, name).get("现代摩比斯") == "company"
    person = "该公司总经理阮文雄（Nguyen Van Hung）通过视频出席签约。"
    assert kinds(extractor, person, "person.zh.txt").get("阮文雄") == "person"


def test_a_given_name_the_segmenter_cut_short_before_a_verb_of_speech(extractor: Extractor) -> None:
    text = "鋰寶材料董事長兼總經理簡慧如表示，今年碳酸鋰報價波動加劇。大和商事常務執行董事森田健一則表示，客戶首先詢問產地。"
    read = kinds(extractor, text, "given.zh-hant.txt")
    assert read.get("简慧如") == "person" and "简慧" not in read
    assert read.get("森田健一") == "person"


def test_a_transliterated_name_keeps_its_first_character_after_a_post(extractor: Extractor) -> None:
    text = "铜业公司首席执行官法伊萨尔·奥泰比表示，冶炼厂将于明年投产。莱茵电机执行董事汉斯－约阿希姆·费舍尔指出，订单已排满。"
    read = kinds(extractor, text, "translit.zh.txt")
    assert read.get("法伊萨尔·奥泰比") == "person"
    assert read.get("汉斯-约阿希姆·费舍尔") == "person"


def test_a_sentence_that_ends_on_a_legal_form_is_not_run_into_the_next_name(extractor: Extractor) -> None:
    text = "The Kalgoorlie nickel refinery is owned by Goldfields Nickel Inc. Minetec, the state's testing laboratory in Perth, will audit it."
    read = kinds(extractor, text, "legal.en.txt")
    assert "Goldfields Nickel Inc." in read
    assert not any(name.endswith("Minetec") and name != "Minetec" for name in read)


def test_a_profession_before_a_name_with_its_latin_spelling_is_not_part_of_it(extractor: Extractor) -> None:
    text = "今年68歲的地質學家韓森（Peter Hansen）回憶當年勘探的情形。銅礦公司董事總經理歐布萊恩（Sean O'Brien）表示，選礦廠將於年底投產。"
    read = kinds(extractor, text, "profession.zh-hant.txt")
    assert read.get("韩森") == "person" and read.get("欧布莱恩") == "person"
    assert not any("学家" in name or "董事" in name for name in read)


def test_an_airline_named_in_two_scripts_is_no_person(extractor: Extractor) -> None:
    read = kinds(extractor, "考察團搭乘冰島航空（Icelandair Air）的班機抵達雷克雅維克。", "air.zh-hant.txt")
    assert read.get("冰岛航空") != "person"


def test_a_company_described_after_a_copula_is_no_foreign_body(extractor: Extractor) -> None:
    text = "加拿大镍钴材料公司是一家总部位于安大略省萨德伯里的电池材料企业。"
    read = kinds(extractor, text, "copula.zh.txt")
    assert not any(name.endswith("总部") for name in read)
    assert ("加拿大镍钴材料公司", "萨德伯里") in pairs(extractor, text, "copula.zh.txt", "locatedIn")


def test_korean_given_names_romanised_with_a_hyphen(extractor: Extractor) -> None:
    text = '"Buyers have been paying up," said Kim Ji-hoon, a battery analyst at Mirae Asset Securities in Seoul. Perth-based IGO agreed.'
    read = kinds(extractor, text, "korean.en.txt")
    assert read.get("Kim Ji-hoon") == "person"
    assert ("Kim Ji-hoon", "Mirae Asset Securities") in pairs(extractor, text, "korean.en.txt", "holdsPostIn")
    zh = kinds(
        extractor,
        "浦項化學代表理事金俊亨（Kim Joon-hyung）則指出，新廠已聘用120名員工。",
        "korean.zh-hant.txt",
    )
    assert zh.get("Kim Joon-hyung") == "person" or zh.get("金俊亨") == "person"


def test_a_documents_headings_and_defined_terms_are_no_companies(extractor: Extractor) -> None:
    text = "Press Release | 4 March 2026\nMedia Contact: Jane Wu, +61 8 9200 1000\nThe Placement and the Consideration Shares were approved by Boreal Nickel Ltd shareholders."
    read = kinds(extractor, text, "furniture.en.txt")
    assert not {"Press Release", "Media Contact", "Consideration Shares"} & set(read)
    assert read.get("Boreal Nickel Ltd") == "company"
