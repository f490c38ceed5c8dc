"""Relations stated in the shapes any metal's filings and news take: a relative clause's stake, a description
that says who controls a company, a body and its town in a list of addresses, a body in a place. Sentences written
for these tests (no document of an evaluation set) go through the whole pipeline."""

from __future__ import annotations

from rule_facts import facts, pairs, triples

from rekg.ingest.pipeline import Extractor


def test_a_stake_stated_in_a_relative_clause_is_the_antecedents(extractor: Extractor) -> None:
    text = (
        "Brennan brought the claim through its Dutch subsidiary, Brennan Netherlands B.V., which owned 100% of "
        "Talas Copper LLC, the company that held the licence."
    )
    assert ("Brennan Netherlands B.V.", "Talas Copper LLC") in pairs(
        extractor, text, "rel.en.txt", "shareholderOf"
    )


def test_a_description_that_says_who_controls_the_company(extractor: Extractor) -> None:
    text = (
        "Hunan Xiangyun Cobalt Co., Ltd., a Changsha-based refiner controlled by Xiangtan Nonferrous Investment "
        "Group, co-filed 34 patents."
    )
    assert ("Hunan Xiangyun Cobalt Co., Ltd.", "Xiangtan Nonferrous Investment Group") in pairs(
        extractor, text, "ctl.en.txt", "subsidiaryOf"
    )
    assert ("Xiangtan Nonferrous Investment Group", "Hunan Xiangyun Cobalt Co., Ltd.") in pairs(
        extractor, text, "ctl.en.txt", "shareholderOf"
    )
    # the place says where the company is, not where the group that controls it is
    assert ("Xiangtan Nonferrous Investment Group", "Changsha") not in pairs(
        extractor, text, "ctl.en.txt", "locatedIn"
    )


def test_a_body_and_its_town_in_a_list_of_addresses(extractor: Extractor) -> None:
    text = "Copy to: (2) Director General, Geological Survey of India, Kolkata; (4) Controller General, Indian Bureau of Mines, Nagpur"
    located = pairs(extractor, text, "copy.en.txt", "locatedIn")
    assert ("Geological Survey of India", "Kolkata") in located
    assert ("Indian Bureau of Mines", "Nagpur") in located


def test_a_body_in_a_place(extractor: Extractor) -> None:
    text = "Most of the patents were filed jointly with the Korea Institute of Materials Science (KIMS) in Changwon under a research agreement."
    assert ("Korea Institute of Materials Science", "Changwon") in pairs(
        extractor, text, "kims.en.txt", "locatedIn"
    )


def test_a_table_of_subsidiaries_under_its_header(extractor: Extractor) -> None:
    text = (
        "宏钴精材股份有限公司（以下简称“本公司”）2026年可持续发展报告\n"
        "表2-1　子公司名称｜所在地｜持股比例｜主要业务\n"
        "宏钴精材（越南）有限公司｜越南岘港市｜100%｜钴盐加工\n"
        "宏钴资源循环股份有限公司｜新北市八里区｜55%｜废料回收\n"
    )
    held = pairs(extractor, text, "subs.zh.txt", "subsidiaryOf")
    assert ("宏钴资源循环股份有限公司", "宏钴精材股份有限公司") in held
    assert ("宏钴精材股份有限公司", "宏钴资源循环股份有限公司") in pairs(
        extractor, text, "subs.zh.txt", "shareholderOf"
    )


def test_a_plant_and_its_operator_in_brackets(extractor: Extractor) -> None:
    for text, name in (
        ("岘港厂（宏钴精材（越南）有限公司营运）｜14,720吨｜占35.7%。", "op.zh.txt"),
        ("峴港廠（宏鈷精材（越南）有限公司營運）｜14,720噸｜占35.7%。", "op.zh-hant.txt"),
    ):
        assert ("宏钴精材(越南)有限公司", "岘港厂") in pairs(extractor, text, name, "operates")


def test_the_clause_after_naming_an_owner_goes_on_about_the_owner(extractor: Extractor) -> None:
    for text, name in (
        ("闽粤钨材控股有限公司的控股股东为泉州清河产业投资集团有限公司，持有约38%股权。", "own.zh.txt"),
        ("閩粵鎢材控股有限公司的控股股東為泉州清河產業投資集團有限公司，持有約38%股權。", "own.zh-hant.txt"),
    ):
        held = pairs(extractor, text, name, "shareholderOf")
        assert ("泉州清河产业投资集团有限公司", "闽粤钨材控股有限公司") in held
        assert ("闽粤钨材控股有限公司", "泉州清河产业投资集团有限公司") not in held


def test_a_company_wholly_owned_by_a_state_assets_body(extractor: Extractor) -> None:
    for text, name in (
        ("绿林集团为思茅市人民政府国有资产监督管理委员会全资拥有之国有企业。", "sasac.zh.txt"),
        ("綠林集團為思茅市人民政府國有資產監督管理委員會全資擁有之國有企業。", "sasac.zh-hant.txt"),
    ):
        assert ("思茅市人民政府国有资产监督管理委员会", "绿林集团") in pairs(
            extractor, text, name, "shareholderOf"
        )
        assert not pairs(extractor, text, name, "subsidiaryOf")  # a government body has no subsidiaries


def test_investors_who_lead_or_follow_a_round(extractor: Extractor) -> None:
    text = "多瑙钴材回收有限公司今年初完成B轮融资，由慕尼黑创投基金Isar Kobalt Ventures领投，嘉茂建材贸易有限公司跟投。"
    held = pairs(extractor, text, "round.zh.txt", "shareholderOf")
    assert ("Isar Kobalt Ventures", "多瑙钴材回收有限公司") in held
    assert ("嘉茂建材贸易有限公司", "多瑙钴材回收有限公司") in held
    english = "Piedmont Cobalt Recovery Inc said its $40 million Series B round was led by Oak City Ventures."
    assert ("Oak City Ventures", "Piedmont Cobalt Recovery Inc") in pairs(
        extractor, english, "round.en.txt", "shareholderOf"
    )


def test_a_former_name_in_a_table_row_does_not_hide_the_company(extractor: Extractor) -> None:
    text = "1 — Proterial Cobalt, Ltd. (formerly Hitachi Cobalt, Ltd.) — Japan — 412 — 71%"
    assert ("Proterial Cobalt, Ltd.", "日本") in pairs(extractor, text, "row.en.txt", "locatedIn")


def test_a_board_listed_one_director_a_line(extractor: Extractor) -> None:
    text = (
        'Kafue Copper Limited ("Kafue" or "the Company") is an explorer listed on the ASX.\n'
        "Board of Directors\n"
        "Graham Pettifer, Non-Executive Chair: a chartered accountant who chairs the Audit and Risk Committee.\n"
        "Priya Raghunathan, Chief Financial Officer and Company Secretary.\n"
    )
    held = pairs(extractor, text, "board.en.txt", "holdsPostIn")
    assert ("Graham Pettifer", "Kafue Copper Limited") in held
    assert ("Priya Raghunathan", "Kafue Copper Limited") in held
    # a post is no organisation
    assert all("Chair" not in body for _, body in held)


def test_contact_lines_name_the_person_and_the_body(extractor: Extractor) -> None:
    for text, name in (
        ("联络窗口：经济部产业发展署　林宜蓁科长　电话：(02)2754-1255分机3217", "contact.zh.txt"),
        ("聯絡窗口：經濟部產業發展署　林宜蓁科長　電話：(02)2754-1255分機3217", "contact.zh-hant.txt"),
    ):
        assert ("林宜蓁", "经济部产业发展署") in pairs(extractor, text, name, "holdsPostIn")
    english = "TU Bergakademie Halden: Luise Brandner, Press Officer, +49 3731 39-0000"
    assert ("Luise Brandner", "TU Bergakademie Halden") in pairs(
        extractor, english, "contact.en.txt", "holdsPostIn"
    )


def test_a_state_and_its_district_in_a_table_cell(extractor: Extractor) -> None:
    text = "(ii) Sonpur Graphite Block – Odisha / Bolangir – graphite – Composite licence – Kalinga Minerals Limited – 8.10%"
    located = pairs(extractor, text, "cell.en.txt", "locatedIn")
    assert ("Sonpur Graphite Block", "Bolangir") in located
    assert ("Bolangir", "Odisha") in located


def test_a_joint_centre_named_with_its_founders(extractor: Extractor) -> None:
    for text, name in (
        (
            "湖南湘钴再生资源科技有限公司（以下简称“湘钴再生”）与中南大学签约。"
            "“中南大学—湘钴再生钴二次资源循环联合研发中心”今日揭牌。",
            "joint.zh.txt",
        ),
        (
            "湖南湘鈷再生資源科技有限公司（以下簡稱「湘鈷再生」）與中南大學簽約。"
            "「中南大學—湘鈷再生鈷二次資源循環聯合研發中心」今日揭牌。",
            "joint.zh-hant.txt",
        ),
    ):
        founded = pairs(extractor, text, name, "foundedBy")
        centre = "中南大学—湘钴再生钴二次资源循环联合研发中心"
        assert (centre, "中南大学") in founded
        assert (centre, "湖南湘钴再生资源科技有限公司") in founded


def test_a_company_in_a_public_industrial_zone_of_a_table_row_is_located_there(extractor: Extractor) -> None:
    text = "3　湖南永晟钴循环科技有限公司　湖南衡阳松木经济开发区　废钴料回收"
    assert ("湖南永晟钴循环科技有限公司", "松木经济开发区") not in pairs(
        extractor, text, "zone.zh.txt", "operates"
    )


def test_a_company_spun_off_from_a_university(extractor: Extractor) -> None:
    text = "The cells are licensed from Baltic Cobalt OÜ, a Tallinn-based company spun off from Tallinn University of Technology in 2019."
    assert ("Baltic Cobalt OÜ", "Tallinn University of Technology") in pairs(
        extractor, text, "spun.en.txt", "foundedBy"
    )


def test_the_authors_of_a_report_hold_posts_in_its_publisher(extractor: Extractor) -> None:
    text = (
        'Pacifica Metals Consulting SAC ("Pacifica" or "the Company") — Andean battery metals review\n'
        "Prepared by Lucía Ferreyra, Principal (Lima), and Tomás Achával, Analyst (Buenos Aires). Distributed to clients only.\n"
    )
    held = pairs(extractor, text, "authors.en.txt", "holdsPostIn")
    assert ("Lucía Ferreyra", "Pacifica Metals Consulting SAC") in held
    assert ("Tomás Achával", "Pacifica Metals Consulting SAC") in held


def test_a_post_held_by_someone_named_after_it(extractor: Extractor) -> None:
    for text, name in (
        (
            "莱茵钴环资源有限公司董事长由钰升钴材料股份有限公司副总经理黄振宇兼任，"
            "总经理则由莱茵马达服务有限公司指派的克劳斯·韦伯出任。",
            "held.zh.txt",
        ),
        (
            "萊茵鈷環資源有限公司董事長由鈺昇鈷材料股份有限公司副總經理黃振宇兼任，"
            "總經理則由萊茵馬達服務有限公司指派的克勞斯·韋伯出任。",
            "held.zh-hant.txt",
        ),
    ):
        held = pairs(extractor, text, name, "holdsPostIn")
        assert ("黄振宇", "莱茵钴环资源有限公司") in held
        assert ("克劳斯·韦伯", "莱茵钴环资源有限公司") in held


def test_a_post_quoted_with_no_organisation_is_in_the_one_the_story_was_about(extractor: Extractor) -> None:
    text = (
        "Piedmont Cobalt Recovery Inc said it would appeal the ruling. "
        '"We will prove that," chief executive Erin Kowalski said in a statement.'
    )
    assert ("Erin Kowalski", "Piedmont Cobalt Recovery Inc") in pairs(
        extractor, text, "said.en.txt", "holdsPostIn"
    )
    chinese = "鼎丰钴材股份有限公司昨日宣布扩产。董事长陈志明表示，新厂明年投产。"
    assert ("陈志明", "鼎丰钴材股份有限公司") in pairs(extractor, chinese, "said.zh.txt", "holdsPostIn")


def test_a_body_that_issued_a_policy_in_a_phrasing_no_rule_has(extractor: Extractor) -> None:
    for text, name in (
        ("近日，湖南省工业和信息化厅正式对外印发了修订后的《湖南省钴产业发展规划》。", "cue.zh.txt"),
        ("近日，湖南省工業和信息化廳正式對外印發了修訂後的《湖南省鈷產業發展規劃》。", "cue.zh-hant.txt"),
    ):
        issued = pairs(extractor, text, name, "issuedBy")
        assert ("湖南省钴产业发展规划", "湖南省工业和信息化厅") in issued


def test_places_of_a_table_cell_and_a_site_in_part_of_a_country(extractor: Extractor) -> None:
    text = "Inírida Cobalt Project | Guainía department, Colombia | Orinoco Metals SAS | pre-feasibility"
    assert ("Guainía", "哥伦比亚") in pairs(extractor, text, "chain.en.txt", "locatedIn")
    site = "Ngozi Minerals SA produces carbonate at the Kayanza Cobalt Mine in northern Burundi."
    assert ("Kayanza Cobalt Mine", "布隆迪") in pairs(extractor, site, "north.en.txt", "locatedIn")


def test_a_company_of_a_town(extractor: Extractor) -> None:
    text = "The centre brings together magnet maker Erzgebirge Kobalttechnik GmbH (EKT) of Chemnitz and two others."
    assert ("Erzgebirge Kobalttechnik GmbH", "Chemnitz") in pairs(extractor, text, "of.en.txt", "locatedIn")


def test_a_plant_in_the_port_area_of_a_city(extractor: Extractor) -> None:
    for text, name in (
        ("多瑙钴材的主力厂房是位于雷根斯堡港区的东港工厂，设有拆解线。", "port.zh.txt"),
        ("多瑙鈷材的主力廠房是位於雷根斯堡港區的東港工廠，設有拆解線。", "port.zh-hant.txt"),
    ):
        assert ("东港工厂", "雷根斯堡") in pairs(extractor, text, name, "locatedIn")


def test_a_company_that_is_another_s_controlled_enterprise(extractor: Extractor) -> None:
    text = "淄博鲁中钴业工程设计研究院有限公司成立于1998年，2016年完成改制，现为山东鲁中冶金矿业集团有限公司控股的科技型企业。"
    assert ("山东鲁中冶金矿业集团有限公司", "淄博鲁中钴业工程设计研究院有限公司") in pairs(
        extractor, text, "ctl.zh.txt", "shareholderOf"
    )


def test_a_contact_person_with_a_title_cased_post_and_a_body(extractor: Extractor) -> None:
    text = "Written comments should be sent to Lauren Whitaker, Permit Section Manager, Air Quality Division, 707 N Robinson Ave."
    assert ("Lauren Whitaker", "Air Quality Division") in pairs(extractor, text, "post.en.txt", "holdsPostIn")


def test_a_described_company_that_is_a_subsidiary(extractor: Extractor) -> None:
    text = "The oxide goes to Sanyo Cobalt Magnet Co., a sintered magnet maker in Okayama that is a subsidiary of Setouchi Electric Industries."
    assert ("Sanyo Cobalt Magnet Co.", "Setouchi Electric Industries") in pairs(
        extractor, text, "desc.en.txt", "subsidiaryOf"
    )


def test_shareholding_chains_and_stakes_told_in_the_next_sentence(extractor: Extractor) -> None:
    text = (
        "Vohibola Cobalt Plc owns 85% of Ankaboka Minerals SARL through Vohibola Holdings (Mauritius) Ltd.\n"
        "Jilin Songhua Cobalt Co., Ltd. is controlled by Jilin Nonferrous Investment Group Co., Ltd., which holds "
        "58.3% of its shares. Northeast Strategic Minerals Fund owns a further 11.2%."
    )
    held = pairs(extractor, text, "chain.en.txt", "shareholderOf")
    assert ("Vohibola Holdings (Mauritius) Ltd.", "Ankaboka Minerals SARL") in held
    assert ("Northeast Strategic Minerals Fund", "Jilin Songhua Cobalt Co., Ltd.") in held
    assert ("Jilin Songhua Cobalt Co., Ltd.", "Jilin Nonferrous Investment Group Co., Ltd.") in pairs(
        extractor, text, "chain.en.txt", "subsidiaryOf"
    )


def test_a_supplier_line_with_its_town_and_country(extractor: Extractor) -> None:
    text = (
        "Tier 1 – magnet manufacture: Celjski Kobalt d.o.o., Celje, Slovenia. About 640 t delivered in 2025."
    )
    assert ("Celjski Kobalt d.o.o.", "Celje") in pairs(extractor, text, "tier.en.txt", "locatedIn")


def test_a_unit_described_by_its_owner_s_possessive_and_a_based_conglomerate(extractor: Extractor) -> None:
    text = (
        "The ruling restores the permit held by Ankaboka Cobalt SARL, Vohibola Resources Plc's local unit. "
        "MEB, a unit of the Monterrey-based industrial conglomerate Grupo Cordoba Industrial, makes motors."
    )
    units = pairs(extractor, text, "unit.en.txt", "subsidiaryOf")
    assert ("Ankaboka Cobalt SARL", "Vohibola Resources Plc") in units
    assert ("MEB", "Grupo Cordoba Industrial") in units


def test_a_venture_introduced_by_the_name_it_is_to_bear_is_a_company(extractor: Extractor) -> None:
    from rule_facts import kinds

    text = "The proposed company, provisionally named Imanes Avanzados del Bajío, would make magnets in the Bajío."
    found = kinds(extractor, text, "venture.en.txt")
    assert found.get("Imanes Avanzados del Bajío") == "company"
    assert found.get("Bajío") != "person"


def test_a_site_and_its_county_in_one_cell_of_a_row(extractor: Extractor) -> None:
    text = "1. NEV2026103 – Tonopah Basin Cobalt LLC – Goldfield Hills Cobalt Project, Esmeralda County – new water pollution control permit – ISSUED."
    assert ("Goldfield Hills Cobalt Project", "Esmeralda County") in pairs(
        extractor, text, "cell.en.txt", "projectSite"
    )


def test_a_company_described_as_one_of_a_district_and_another_shareholder(extractor: Extractor) -> None:
    for text, name in (
        ("鲁中钴材股份有限公司是淄博市张店区的一家钴材生产商，年产能约8000吨。", "described.zh.txt"),
        ("魯中鈷材股份有限公司是淄博市張店區的一家鈷材生產商，年產能約8000噸。", "described.zh-hant.txt"),
    ):
        assert ("鲁中钴材股份有限公司", "张店区") in pairs(extractor, text, name, "locatedIn")
    other = "皖钴新材料股份有限公司参股安徽滁稀再生资源有限公司，后者的另一股东为安徽省投资集团控股有限公司。"
    assert ("安徽省投资集团控股有限公司", "安徽滁稀再生资源有限公司") in pairs(
        extractor, other, "other.zh.txt", "shareholderOf"
    )


def test_whose_unit_and_whose_post(extractor: Extractor) -> None:
    text = (
        "The company signed an agreement with the Innu Nation, whose development arm, Innu Cobalt Limited "
        "Partnership, will own 10% of the operating company. Talks continue with the NunatuKavut Community "
        "Council, whose lands negotiator, Marlene Pottle, told a meeting in October that communities had waited."
    )
    assert ("Innu Cobalt Limited Partnership", "Innu Nation") in pairs(
        extractor, text, "whose.en.txt", "subsidiaryOf"
    )
    assert ("Marlene Pottle", "NunatuKavut Community Council") in pairs(
        extractor, text, "whose.en.txt", "holdsPostIn"
    )


def test_a_professor_with_a_second_title_and_a_subsidiary_named_with_its_parent(extractor: Extractor) -> None:
    for text, name in (
        ("“这是第一起案件。”山东大学法学院教授、国际商事仲裁研究者冯立群接受采访时说。", "prof.zh.txt"),
        (
            "「這是第一起案件。」山東大學法學院教授、國際商事仲裁研究者馮立群接受採訪時說。",
            "prof.zh-hant.txt",
        ),
    ):
        assert ("冯立群", "山东大学法学院") in pairs(extractor, text, name, "holdsPostIn")
    english = (
        "6. Reclamation Permit 0433 – Carlin Cobalt Inc., operator of the Maggie Creek Cobalt Project on behalf "
        "of its parent Great Basin Strategic Metals Holdings Ltd – Eureka County – ISSUED."
    )
    assert ("Carlin Cobalt Inc.", "Great Basin Strategic Metals Holdings Ltd") in pairs(
        extractor, english, "parent.en.txt", "subsidiaryOf"
    )


def test_supplier_lines_with_a_label_an_owner_and_an_operator(extractor: Extractor) -> None:
    text = (
        "Tier 4 – separation: Harlan Basin Cobalt LLC, Gillette, Wyoming, United States. Separates cobalt "
        "from mixed hydroxide; owned by Powder River Critical Minerals Inc.\n"
        "Tier 5 – mine: Bear Lodge Cobalt Project, Crook County, Wyoming, operated by Rare Element Resources Ltd. "
        "Supplies part of the feed.\n"
    )
    assert ("Harlan Basin Cobalt LLC", "Powder River Critical Minerals Inc.") in pairs(
        extractor, text, "tiers.en.txt", "subsidiaryOf"
    )
    led = pairs(extractor, text, "tiers.en.txt", "leads")
    assert any(
        subject.startswith("Rare Element Resources Ltd") and "Supplies" not in subject for subject, _ in led
    )


def test_a_share_of_a_company_s_output_is_no_stake_but_one_of_its_capital_is(extractor: Extractor) -> None:
    output = "Under the agreement, Sanyo Cobalt Co. will buy 60% of Halden Cobalt Ltd's output."
    assert not pairs(extractor, output, "output.en.txt", "shareholderOf")
    capital = "On completion Sanyo Cobalt Co. will hold 14.9% of Halden Cobalt Ltd's issued capital."
    assert ("Sanyo Cobalt Co.", "Halden Cobalt Ltd") in pairs(
        extractor, capital, "capital.en.txt", "shareholderOf"
    )
    joint = "Halden Cobalt Ltd and Sanyo Cobalt Co. have agreed to jointly develop a refinery."
    assert ("Halden Cobalt Ltd", "Sanyo Cobalt Co.") in pairs(extractor, joint, "joint.en.txt", "partnerOf")


def test_a_company_that_has_a_plant_runs_it(extractor: Extractor) -> None:
    for text, name in (
        ("赣南钴业有限公司位于江西省赣州市龙南市，拥有龙南钴冶炼厂。", "has.zh.txt"),
        ("贛南鈷業有限公司位於江西省贛州市龍南市，擁有龍南鈷冶煉廠。", "has.zh-hant.txt"),
    ):
        assert ("赣南钴业有限公司", "龙南钴冶炼厂") in pairs(extractor, text, name, "operates")


def test_a_company_that_owns_a_project_leads_it(extractor: Extractor) -> None:
    text = (
        "Halden Cobalt Ltd, a Perth-based explorer, owns the Mount Sable cobalt project in Western Australia."
    )
    assert ("Halden Cobalt Ltd", "Mount Sable cobalt project") in pairs(
        extractor, text, "owns.en.txt", "leads"
    )
    owned = "The Mount Sable project is 100% owned by Halden Cobalt Ltd."
    assert any(
        project == "Mount Sable project" for _, project in pairs(extractor, owned, "owned.en.txt", "leads")
    )


def test_partners_who_set_up_a_venture_together(extractor: Extractor) -> None:
    for text, name in (
        ("台湾钴材公司宣布，将与日本信越化学工业株式会社合资成立新公司，双方各持股50%。", "jv.zh.txt"),
        ("臺灣鈷材公司宣布，將與日本信越化學工業株式會社合資成立新公司，雙方各持股50%。", "jv.zh-hant.txt"),
    ):
        partners = pairs(extractor, text, name, "partnerOf")
        assert ("台湾钴材公司", "信越化学工业株式会社") in partners or (
            "信越化学工业株式会社",
            "台湾钴材公司",
        ) in partners


def test_a_company_that_appoints_someone_to_a_post(extractor: Extractor) -> None:
    text = "Halden Cobalt Ltd has appointed Sarah Penhall as chief financial officer, effective January 1."
    assert ("Sarah Penhall", "Halden Cobalt Ltd") in pairs(extractor, text, "appoint.en.txt", "holdsPostIn")


def test_a_bracket_that_says_where_after_a_name(extractor: Extractor) -> None:
    text = "白云钨矿（位于赣州市崇义县）今年恢复生产。国家铜材料研究院（下称铜材院，位于洛阳市涧西区）承担检测工作。"
    located = pairs(extractor, text, "where.zh.txt", "locatedIn")
    assert ("白云钨矿", "崇义县") in located
    assert ("国家铜材料研究院", "涧西区") in located
    assert ("涧西区", "洛阳市") in located


def test_a_site_described_after_its_name_as_being_in_a_place(extractor: Extractor) -> None:
    text = "The Red Hill deposit, a sediment-hosted copper deposit in Pima County, is owned by Sonoran Copper Corp."
    assert ("Red Hill deposit", "Pima County") in pairs(extractor, text, "site.en.txt", "locatedIn")


def test_a_recipient_and_its_town_and_state_in_brackets(extractor: Extractor) -> None:
    text = "Keystone Lithium Inc. (Kings Mountain, North Carolina) — $40 million for a hydroxide refinery."
    located = pairs(extractor, text, "grant.en.txt", "locatedIn")
    assert ("Keystone Lithium Inc.", "Kings Mountain") in located
    assert ("Keystone Lithium Inc.", "North Carolina") not in located


def test_the_holders_of_a_joint_venture_are_its_shareholders_and_partners(extractor: Extractor) -> None:
    text = "Konkan Copper Private Limited is a joint venture company in which Deccan Alloys Limited holds 60% and Nagoya Metals Co., Ltd. holds 40%."
    assert ("Deccan Alloys Limited", "Nagoya Metals Co., Ltd.") in pairs(
        extractor, text, "jv.en.txt", "partnerOf"
    ) | {(o, s) for s, o in pairs(extractor, text, "jv.en.txt", "partnerOf")}
    held = pairs(extractor, text, "jv.en.txt", "shareholderOf")
    assert ("Nagoya Metals Co., Ltd.", "Konkan Copper Private Limited") in held


def test_the_owners_in_a_table_rows_ownership_cell(extractor: Extractor) -> None:
    text = "Kalumbila Copper Project | North-Western Province, Zambia | Kalumbila Mining Ltd | feasibility | 80% Lusaka Copper plc, 20% ZCCM Investments Holdings Plc"
    held = pairs(extractor, text, "table.en.txt", "shareholderOf")
    assert ("Lusaka Copper plc", "Kalumbila Mining Ltd") in held
    assert ("ZCCM Investments Holdings Plc", "Kalumbila Mining Ltd") in held


def test_a_notices_list_of_projects_with_their_undertakers_and_sites(extractor: Extractor) -> None:
    text = (
        "一、重点项目\n"
        "1.年产2万吨磷酸铁锂正极材料及配套前驱体项目，承担单位：湖南湘锂新能源有限公司，建设地点：湘潭市岳塘区。\n"
        "2.年处理1.5万吨废旧电池综合回收项目，承担单位：湖南有色金属控股集团有限公司所属湘乡锂电循环科技有限公司，建设地点：湘乡市。\n"
    )
    led = pairs(extractor, text, "list.zh.txt", "leads")
    assert ("湖南湘锂新能源有限公司", "年产2万吨磷酸铁锂正极材料及配套前驱体项目") in led
    assert ("湘乡锂电循环科技有限公司", "年处理1.5万吨废旧电池综合回收项目") in led
    sites = pairs(extractor, text, "list.zh.txt", "projectSite")
    assert ("年产2万吨磷酸铁锂正极材料及配套前驱体项目", "岳塘区") in sites


def test_an_applicant_and_its_quoted_plan_in_a_list_of_grants(extractor: Extractor) -> None:
    text = "（一）鈷新材料股份有限公司：「廢鋰電池正極粉回收示範線計畫」，場址位於桃園市觀音區觀音工業區。"
    assert ("钴新材料股份有限公司", "废锂电池正极粉回收示范线计划") in pairs(
        extractor, text, "grant.zh-hant.txt", "leads"
    )


def test_a_table_rows_mine_and_plant_cells_are_its_organisations(extractor: Extractor) -> None:
    text = "企業｜主要股東｜礦山｜冶煉廠｜所在地\n嘉銅礦業公司（Kalu Copper）｜無單一股東｜卡盧銅礦｜恩多拉冶煉廠｜尚比亞銅帶省\n"
    operated = pairs(extractor, text, "table.zh-hant.txt", "operates")
    assert ("嘉铜矿业公司", "卡卢铜矿") in operated
    assert ("嘉铜矿业公司", "恩多拉冶炼厂") in operated


def test_an_hk_announcements_company_is_the_issuer_above_its_stock_code(extractor: Extractor) -> None:
    text = (
        "香港交易及結算所有限公司及香港聯合交易所有限公司對本公告之內容概不負責。\n"
        "嶺南鋰業控股有限公司\n"
        "LINGNAN LITHIUM HOLDINGS LIMITED\n"
        "（於百慕達註冊成立之有限公司）\n"
        "（股份代號：8123）\n"
        "須予披露交易——收購寮國沙灣拿吉鋰礦有限公司60%股權\n"
        "董事會欣然宣佈，本公司之直接全資附屬公司嶺南鋰業（香港）有限公司已訂立買賣協議。\n"
    )
    assert ("岭南锂业(香港)有限公司", "岭南锂业控股有限公司") in pairs(
        extractor, text, "hk.zh-hant.txt", "subsidiaryOf"
    )


def test_a_research_unit_under_a_ministry(extractor: Extractor) -> None:
    text = "越南工貿部轄下之礦業冶金研究院將參與該項目之萃取工藝設計。"
    assert ("矿业冶金研究院", "越南工贸部") in pairs(extractor, text, "unit.zh-hant.txt", "subsidiaryOf")


def test_a_grants_partner_unit_takes_part_and_partners_the_applicant(extractor: Extractor) -> None:
    text = "（二）鋰源科技股份有限公司：「廢鋰電池拆解及正極材料萃取示範計畫」，場址位於高雄市仁武區，合作單位為國立成功大學，核定補助新臺幣6,000萬元。"
    read = pairs(extractor, text, "grant2.zh-hant.txt", "participatesIn")
    assert ("国立成功大学", "废锂电池拆解及正极材料萃取示范计划") in read
    partners = pairs(extractor, text, "grant2.zh-hant.txt", "partnerOf")
    assert {("锂源科技股份有限公司", "国立成功大学"), ("国立成功大学", "锂源科技股份有限公司")} & partners
    assert ("锂源科技股份有限公司", "废锂电池拆解及正极材料萃取示范计划") in pairs(
        extractor, text, "grant2.zh-hant.txt", "leads"
    )


def test_a_venture_with_its_town_in_brackets_and_its_owners(extractor: Extractor) -> None:
    text = "Ohio Valley Nickel LLC (Marietta, Ohio), a joint venture of Buckeye Metals Corp. and Ohio University — $30 million for a refinery."
    founded = pairs(extractor, text, "jv2.en.txt", "foundedBy")
    assert ("Ohio Valley Nickel LLC", "Buckeye Metals Corp.") in founded
    assert ("Ohio Valley Nickel LLC", "Ohio University") in founded


def test_a_us_unit_of_a_foreign_parent_and_an_owner_described_by_trade(extractor: Extractor) -> None:
    text = (
        "Cobalt Blue Nevada LLC, the U.S. subsidiary of Australia's Cobalt Ridge Ltd, will build the plant. "
        "Hai Long Minerals, majority-owned by businessman Tran Van Minh, bought a stake in 2023."
    )
    assert ("Cobalt Blue Nevada LLC", "Cobalt Ridge Ltd") in pairs(
        extractor, text, "us.en.txt", "subsidiaryOf"
    )
    assert ("Tran Van Minh", "Hai Long Minerals") in pairs(extractor, text, "us.en.txt", "shareholderOf")


def test_a_place_before_a_company_after_a_copula_and_a_mine_after_its_place(extractor: Extractor) -> None:
    text = "目前南美洲以外的主要鋰生產商，主要是澳洲天湖鋰業公司。該公司開採西澳的岡古拉鋰礦，並在中國營運加工廠。"
    located = pairs(extractor, text, "lithium.zh-hant.txt", "locatedIn")
    assert ("天湖锂业公司", "澳大利亚") in located
    assert any(s.startswith("冈古拉") and o.startswith("西澳") for s, o in located)


def test_the_parties_blocks_of_an_announcement(extractor: Extractor) -> None:
    text = (
        "二、交易各方介绍\n"
        "（一）关联方：江西铜业集团有限公司\n"
        "注册地址：江西省贵溪市；法定代表人：王建新；注册资本：67亿元。江西省人民政府国有资产监督管理委员会（以下简称“江西省国资委”）持有其90%股权。\n"
        "（二）标的公司原股东：鹰潭市铜材投资有限公司\n"
        "注册地址：江西省鹰潭市月湖区；系鹰潭市国有资本运营有限公司的全资子公司。\n"
    )
    facts = triples(extractor, text, "parties.zh.txt")
    assert ("江西铜业集团有限公司", "locatedIn", "贵溪市") in facts
    assert ("王建新", "holdsPostIn", "江西铜业集团有限公司") in facts
    assert ("江西省人民政府国有资产监督管理委员会", "shareholderOf", "江西铜业集团有限公司") in facts
    assert ("鹰潭市铜材投资有限公司", "subsidiaryOf", "鹰潭市国有资本运营有限公司") in facts
    assert ("鹰潭市铜材投资有限公司", "locatedIn", "月湖区") in facts


def test_partners_that_each_fund_a_venture_founded_it(extractor: Extractor) -> None:
    text = (
        "此外，华友钴业与浦项控股株式会社同意各出资50%，在光阳经济自由区设立合资公司“光阳正极材料株式会社”。"
    )
    founded = pairs(extractor, text, "fund.zh.txt", "foundedBy")
    assert any(s == "光阳正极材料株式会社" and o.startswith("浦项控股") for s, o in founded)


def test_a_post_named_with_the_project_or_place_after_the_company(extractor: Extractor) -> None:
    text = "力拓集团格陵兰项目经理尼尔斯·汉森告诉记者，项目计划分两期建设。"
    assert ("尼尔斯·汉森", "力拓集团") in pairs(extractor, text, "pm.zh.txt", "holdsPostIn")


def test_a_company_at_its_plant_and_a_holder_of_a_deposit(extractor: Extractor) -> None:
    text = (
        "Umicore Korea Ltd., which makes cathode powders at its Cheonan plant in South Chungcheong, agreed to buy the output. "
        "Ridgeline Nickel Ltd holds the Sudbury Basin nickel deposit in northern Ontario."
    )
    operated = pairs(extractor, text, "ops.en.txt", "operates")
    assert ("Umicore Korea Ltd.", "Cheonan plant") in operated
    assert ("Ridgeline Nickel Ltd", "Sudbury Basin nickel deposit") in operated


def test_a_company_and_its_plant_at_a_place(extractor: Extractor) -> None:
    text = "金川科技董事長吳志明指出，公司位於南投市南崗工業區的南崗鎳鈷材料廠目前年產能1,500公噸。"
    assert any(
        s == "金川科技" or s.startswith("金川")
        for s, o in pairs(extractor, text, "site.zh-hant.txt", "operates")
        if o.startswith("南岗")
    )


def test_a_notices_title_with_two_issuers_its_number_and_what_it_rests_on(extractor: Extractor) -> None:
    text = (
        "湖南省工业和信息化厅 湖南省自然资源厅关于公布2026年度全省锂资源综合利用重点项目名单的通知\n"
        "湘工信原材料〔2026〕21号\n"
        "各市州工业和信息化局：\n"
        "为贯彻落实《矿产资源法》和《湖南省锂电产业发展规划》，现将名单公布如下。\n"
    )
    read = facts(extractor, text, "notice.zh.txt")
    title = next(e for e in read.entities if e.kind == "policy" and e.canonical.endswith("名单的通知"))
    assert "湘工信原材料〔2026〕21号" in title.names
    cited = pairs(extractor, text, "notice.zh.txt", "cites")
    assert (title.canonical, "矿产资源法") in cited


def test_a_public_bodys_announcement_is_the_document_that_cites(extractor: Extractor) -> None:
    text = (
        "江西省自然资源厅关于江西省宜春市某锂矿采矿权挂牌出让的公告\n"
        "赣自然资矿出告〔2026〕5号\n"
        "根据《中华人民共和国矿产资源法》和《矿业权出让交易规则》等有关规定，现将有关事项公告如下：\n"
    )
    cited = pairs(extractor, text, "gd.zh.txt", "cites")
    assert any(s.endswith("挂牌出让的公告") and o == "矿业权出让交易规则" for s, o in cited)


def test_a_developer_an_engineering_award_and_what_a_project_comprises(extractor: Extractor) -> None:
    text = (
        "Kasama Copper plc, the developer of the Mkushi Copper Project, said on Monday it was on schedule. "
        "The Mkushi Copper Project comprises the Mkushi open-pit mine and the Mkushi Concentrator. "
        "Kasama Copper plc has awarded the engineering contract for the concentrator to Perth-based Lycopodium Limited."
    )
    read = triples(extractor, text, "dev.en.txt")
    assert ("Kasama Copper plc", "leads", "Mkushi Copper Project") in read
    assert ("Mkushi Copper Project", "projectSite", "Mkushi Concentrator") in read
    assert {
        ("Kasama Copper plc", "partnerOf", "Lycopodium Limited"),
        ("Lycopodium Limited", "partnerOf", "Kasama Copper plc"),
    } & read


def test_its_plant_is_the_sentence_subjects(extractor: Extractor) -> None:
    text = "Under a separate agreement, Antwerp-based Umicore will buy 60% of Kamoto Copper's cobalt hydroxide for refining at its Olen plant."
    operated = pairs(extractor, text, "its.en.txt", "operates")
    assert {("Umicore", "Olen plant"), ("优美科", "Olen plant")} & operated
    assert not any(s.startswith("Kamoto") for s, _ in operated)


def test_a_mine_and_its_state_after_a_comma_and_owners_through_funds(extractor: Extractor) -> None:
    text = (
        "Albemarle Corp. mined 12,000 t of spodumene at Greenbushes mine, Western Australia, and expanded output at its Kemerton plant. "
        "Serra Azul Mineração Ltda, owned by funds managed by Orion Resource Partners, raised output."
    )
    read = triples(extractor, text, "funds.en.txt")
    assert any(
        s.startswith("Greenbushes") and p == "locatedIn" and o == "Western Australia" for s, p, o in read
    ) or any(s.startswith("Greenbushes") and p == "locatedIn" and o.startswith("西澳") for s, p, o in read)
    assert ("Orion Resource Partners", "shareholderOf", "Serra Azul Mineração Ltda") in read


def test_a_legislature_passes_a_law(extractor: Extractor) -> None:
    text = "2023年，智利國會通過《鋰礦國家戰略法》，把鹽湖開發權交給國營企業。"
    assert ("锂矿国家战略法", "智利国会") in pairs(extractor, text, "law.zh-hant.txt", "issuedBy")
