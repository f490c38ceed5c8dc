"""Ways news names things and states facts that hold in any metal's story: a person called by the family name
after the full name, a description with a possessive, an owner named after "a unit of", a place fronted before
the company, a body that adopts a policy, a stake bought from a seller. Sentences written for these tests (no
document of an evaluation set) go through the whole pipeline."""

from __future__ import annotations

from rule_facts import facts, pairs, triples
from rule_facts import kinds as kinds_of

from rekg.ingest.model import DocumentFacts
from rekg.ingest.pipeline import Extractor


def test_a_family_name_alone_is_the_person_named_in_full_before(extractor: Extractor) -> None:
    text = (
        "Brackwater Nickel Ltd said its managing director, Oskar Lindqvale, would retire in May. "
        "Mr Lindqvale has led the company since 2019. Lindqvale, 61, joined from a Swedish smelter."
    )
    read = facts(extractor, text, "lindqvale.en.txt")
    people = [e for e in read.entities if e.kind == "person"]
    assert [p.canonical for p in people] == ["Oskar Lindqvale"]
    assert ("Oskar Lindqvale", "Brackwater Nickel Ltd") in pairs(
        extractor, text, "lindqvale.en.txt", "holdsPostIn"
    )


def test_a_courtesy_title_makes_a_person_of_a_name_a_model_takes_for_a_place(extractor: Extractor) -> None:
    kinds = kinds_of(extractor, "Mr Tarrowby told the meeting the smelter would reopen.", "tarrowby.en.txt")
    assert kinds.get("Tarrowby") == "person"


def test_a_description_with_a_possessive_types_the_name_before_it(extractor: Extractor) -> None:
    text = "Quelvana, Chile's state copper miner, will own 51% of the new venture."
    assert kinds_of(extractor, text, "quelvana.en.txt").get("Quelvana") == "company"


def test_the_owner_after_a_unit_of_is_an_organisation(extractor: Extractor) -> None:
    text = "The Ostrava mine is run by Dunmore Copper Company, a unit of Harvanek."
    kinds = kinds_of(extractor, text, "harvanek.en.txt")
    assert kinds.get("Harvanek") == "company"
    assert ("Dunmore Copper Company", "Harvanek") in pairs(extractor, text, "harvanek.en.txt", "subsidiaryOf")


def test_a_place_fronted_before_the_company(extractor: Extractor) -> None:
    text = "Based in Perth, Yelwarra Lithium Ltd is developing the Coonabar lithium project."
    assert ("Yelwarra Lithium Ltd", "Perth") in pairs(extractor, text, "yelwarra.en.txt", "locatedIn")


def test_a_body_that_adopts_a_policy_issued_it(extractor: Extractor) -> None:
    text = "The European Commission adopted the Strategic Cobalt Stockpiling Act in March."
    issued = pairs(extractor, text, "stockpile.en.txt", "issuedBy")
    assert any(policy.startswith("Strategic Cobalt Stockpiling Act") for policy, _ in issued)


def test_a_stake_bought_from_a_seller_is_not_a_stake_in_the_seller(extractor: Extractor) -> None:
    text = (
        "Marrow Nickel Industries said it had acquired a 70% stake in the Vellan project from Tarsk Holdings."
    )
    assert ("Marrow Nickel Industries", "Tarsk Holdings") not in pairs(
        extractor, text, "tarsk.en.txt", "shareholderOf"
    )


def test_its_owner_after_becomes_is_the_other_party(extractor: Extractor) -> None:
    text = "岚峰矿业股份有限公司以约10亿元收购泊川环保科技有限公司15%股权，成为其控股股东。"
    owned = pairs(extractor, text, "lanfeng.zh.txt", "subsidiaryOf")
    assert ("泊川环保科技有限公司", "岚峰矿业股份有限公司") in owned
    assert ("岚峰矿业股份有限公司", "泊川环保科技有限公司") not in owned


def test_a_project_name_starts_after_the_verb_of_its_clause(extractor: Extractor) -> None:
    read = facts(extractor, "澄岭锂业负责萨尔塔省卡查锂盐湖项目的开发。", "chengling.zh.txt")
    projects = {e.canonical for e in read.entities if e.kind == "project"}
    assert projects == {"萨尔塔省卡查锂盐湖项目"}


def test_the_name_after_a_subsidiary_is_the_unit(extractor: Extractor) -> None:
    text = "瀚海新能源科技股份有限公司旗下子公司邦瑞循環在印尼投資建設電池回收工廠。"
    assert ("邦瑞循环", "瀚海新能源科技股份有限公司") in pairs(
        extractor, text, "bangrui.zh-hant.txt", "subsidiaryOf"
    )


def test_an_address_places_what_is_at_it(extractor: Extractor) -> None:
    text = (
        "APPLICANT: Cimarron Rare Elements LLC, 301 NW 63rd Street, Suite 500, Oklahoma City, Oklahoma 73116."
    )
    read = facts(extractor, text, "cimarron.en.txt")
    places = {e.canonical for e in read.entities if e.kind == "place"}
    assert "Oklahoma 73116" not in places and "63rd Street" not in places
    assert ("Cimarron Rare Elements LLC", "Oklahoma City") in pairs(
        extractor, text, "cimarron.en.txt", "locatedIn"
    )


def test_a_latin_name_then_a_place_in_brackets_places_the_company(extractor: Extractor) -> None:
    text = "1. 海防安越磁材有限責任公司（Hai Phong An Viet Magnetics Co., Ltd.，海防市）"
    located = pairs(extractor, text, "anviet.zh-hant.txt", "locatedIn")
    assert {place for company, place in located if company == "海防安越磁材有限责任公司"} & {
        "海防市",
        "Haiphong",
    }


def test_stakes_written_as_owned_by_and_with_taking(extractor: Extractor) -> None:
    text = (
        "Tarnby and Osuka have incorporated Kelvane Alloy Co., Ltd., owned 65% by Tarnby Magnetics Co., Ltd. and "
        "35% by Osuka Special Alloys Co., Ltd. The venture, to be named Dong Van Rare Earth Joint Stock Company, "
        "would be 51% owned by Bac Ha Minerals Holding Corp, with Ryoden Trading Corporation taking 30% and "
        "Coralie Rare Earths Ltd the remaining 19%."
    )
    held = pairs(extractor, text, "kelvane.en.txt", "shareholderOf")
    assert {
        ("Tarnby Magnetics Co., Ltd.", "Kelvane Alloy Co., Ltd."),
        ("Osuka Special Alloys Co., Ltd.", "Kelvane Alloy Co., Ltd."),
        ("Bac Ha Minerals Holding Corp", "Dong Van Rare Earth Joint Stock Company"),
        ("Ryoden Trading Corporation", "Dong Van Rare Earth Joint Stock Company"),
        ("Coralie Rare Earths Ltd", "Dong Van Rare Earth Joint Stock Company"),
    } <= held
    assert ("Osuka Special Alloys Co., Ltd.", "Tarnby Magnetics Co., Ltd.") not in held


def test_a_shareholder_in_a_relative_clause(extractor: Extractor) -> None:
    text = (
        "Tolvane Metals Ltd, whose largest shareholder is Singapore-based trader Ferrobay Trading Pte Ltd with 17.4%, "
        "tested the ore. Kansei Urban Metals Co., Ltd., an Osaka recycler in which Nakaumi Resources Corporation "
        "holds a minority stake, opened a line."
    )
    held = pairs(extractor, text, "tolvane.en.txt", "shareholderOf")
    assert ("Ferrobay Trading Pte Ltd", "Tolvane Metals Ltd") in held
    assert ("Nakaumi Resources Corporation", "Kansei Urban Metals Co., Ltd.") in held


def test_chinese_stakes_the_rest_and_wholly_owned(extractor: Extractor) -> None:
    text = (
        "华岚磁材股份有限公司持有朱岭先进磁材有限公司60%的股权，阿拉伯湾稀有金属公司持有其余40%。"
        "青山县城乡发展投资有限公司系青山县财政局全资企业。"
    )
    held = pairs(extractor, text, "hualan.zh.txt", "shareholderOf")
    assert ("阿拉伯湾稀有金属公司", "朱岭先进磁材有限公司") in held
    assert ("青山县财政局", "青山县城乡发展投资有限公司") in held


def test_a_stake_with_no_object_is_not_in_another_holder(extractor: Extractor) -> None:
    text = "增资完成后，托岚河矿业集团持股将由72%降至61%，诺岚资本有限公司持股约24%。"
    held = pairs(extractor, text, "tolan.zh.txt", "shareholderOf")
    assert ("诺岚资本有限公司", "托岚河矿业集团") not in held
    assert ("托岚河矿业集团", "诺岚资本有限公司") not in held


def test_board_members_named_with_honorifics_serve_the_issuer(extractor: Extractor) -> None:
    text = "於本公告日期，董事會成員包括執行董事江嵐生先生（主席）；以及獨立非執行董事何以誠先生、曾淑儀女士及馮錦堂教授。"
    read = facts(extractor, text, "board.zh-hant.txt")
    people = {e.canonical for e in read.entities if e.kind == "person"}
    assert {"何以诚", "曾淑仪", "冯锦堂"} <= people


def test_a_post_that_runs_into_a_transliterated_name_is_left_off(extractor: Extractor) -> None:
    read = facts(extractor, "諾德馬克稀土執行長布雷維克（Olaf Brevik）在記者會上說。", "brevik.zh-hant.txt")
    names = {name for e in read.entities if e.kind == "person" for name in e.names}
    assert "长布雷维克" not in names and "布雷维克" in names


def test_a_legal_representative_in_a_company_profile(extractor: Extractor) -> None:
    text = "济宁鲁峰矿业集团有限公司，注册地址为山东省济宁市微山县，法定代表人孔德明，主营稀土。"
    assert ("孔德明", "济宁鲁峰矿业集团有限公司") in pairs(extractor, text, "lufeng.zh.txt", "holdsPostIn")


def test_partners_of_a_joint_venture_and_of_a_shared_deal(extractor: Extractor) -> None:
    english = (
        "Vinaphos Mining Corp has agreed to form a joint venture with Japan's Kurobe Trading Corp and Australian "
        "miner Tamarind Rare Earths Ltd to develop the deposit."
    )
    partners = pairs(extractor, english, "vinaphos.en.txt", "partnerOf")
    assert {
        ("Vinaphos Mining Corp", "Kurobe Trading Corp"),
        ("Vinaphos Mining Corp", "Tamarind Rare Earths Ltd"),
    } <= {tuple(sorted(p)) for p in partners} | partners
    chinese = "金峤永磁材料有限公司与准噶稀磁新材料有限公司均已与內蒙古绿能集团有限公司签订绿电直供协议。"
    partners = {frozenset(p) for p in pairs(extractor, chinese, "lvneng.zh.txt", "partnerOf")}
    assert frozenset({"金峤永磁材料有限公司", "内蒙古绿能集团有限公司"}) in partners
    assert frozenset({"准噶稀磁新材料有限公司", "内蒙古绿能集团有限公司"}) in partners


def _entities_with(read: DocumentFacts, name: str) -> list[str]:
    return [e.canonical for e in read.entities if name in e.names | e.english_names | {e.canonical}]


def test_a_city_in_brackets_after_a_latin_name_is_no_other_name(extractor: Extractor) -> None:
    text = "The Chamber admitted Índigo Sands SA (Nacala) and Zambeze Critical Minerals Ltd (Lusaka)."
    read = facts(extractor, text, "indigo.en.txt")
    kinds = {e.canonical: e.kind for e in read.entities}
    assert kinds.get("Nacala") == "place" and kinds.get("Índigo Sands SA") == "company"


def test_a_brokers_research_unit_stays_apart_from_the_broker(extractor: Extractor) -> None:
    text = "华峤证券研究所｜行业月报｜有色金属·稀土\n数据来源：华峤证券研究所整理。\n华峤证券股份有限公司具备证券投资咨询业务资格。"
    read = facts(extractor, text, "huaqiao.zh.txt")
    assert len(_entities_with(read, "华峤证券研究所")) == 1
    assert _entities_with(read, "华峤证券研究所") != _entities_with(read, "华峤证券股份有限公司")
    assert not [e for e in read.entities if e.kind == "person"]  # 有色金属·稀土 is a sector, not a name


def test_a_word_that_names_a_project_and_a_company_links_to_neither(extractor: Extractor) -> None:
    text = (
        "Lake Mbawa Rare Earths Ltd holds the licence. Mbawa Carbonatite Project | Zomba District | "
        "Mbawa Rare Earths Ltd | licensed. Lakeshore signed an offtake for Mbawa concentrate."
    )
    read = facts(extractor, text, "mbawa.en.txt")
    company = [e for e in read.entities if e.canonical == "Mbawa Rare Earths Ltd"]
    assert company and "Mbawa" not in company[0].english_names


def test_industrial_zones_are_facilities_and_hold_the_plants_in_them(extractor: Extractor) -> None:
    text = "衡峤磁业经营位于湖南省衡阳市松木经济开发区之衡阳烧结钕铁硼磁材厂，年产能约5,000吨。"
    read = facts(extractor, text, "songmu.zh.txt")
    kinds = {e.canonical: e.kind for e in read.entities}
    assert kinds.get("松木经济开发区") == "facility" and kinds.get("湖南省") == "place"
    located = pairs(extractor, text, "songmu.zh.txt", "locatedIn")
    assert ("衡阳烧结钕铁硼磁材厂", "松木经济开发区") in located
    english = "The refinery is in the Saldanha Bay Industrial Development Zone, near the Tang Loong industrial park."
    kinds = kinds_of(extractor, english, "zones.en.txt")
    assert kinds.get("Saldanha Bay Industrial Development Zone") == "facility"
    assert kinds.get("Tang Loong industrial park") == "facility"


def test_descriptions_and_particles_before_a_name_are_left_off(extractor: Extractor) -> None:
    cases = {
        "加拿大矿业投资公司诺峰资本有限公司持有该公司18%的股份。": "诺峰资本有限公司",
        "托峤稀土是瑞典矿业集团托峤河矿业集团旗下企业。": "托峤河矿业集团",
        "申请书应面向财政部关务署提出。": "财政部关务署",
        "中國大陸之寧波東岳湖磁業有限公司持有其55%股權。": "宁波东岳湖磁业有限公司",
    }
    for number, (text, name) in enumerate(cases.items()):
        script = "zh-hant" if "國" in text else "zh"
        canonical = {e.canonical for e in facts(extractor, text, f"lead{number}.{script}.txt").entities}
        assert name in canonical, (text, canonical)
    kinds = {
        e.canonical: e.kind
        for e in facts(
            extractor, "The Department of Mineral and Petroleum Resources issued it.", "dmpr.en.txt"
        ).entities
    }
    assert kinds == {"Department of Mineral and Petroleum Resources": "government"}


def test_units_named_in_brackets_by_stake_and_by_its(extractor: Extractor) -> None:
    row = "2　内蒙古　通辽华峤稀土新材料有限公司（北方稀土集团所属企业）　内蒙古自治区通辽市科尔沁区"
    owned = pairs(extractor, row, "row.zh.txt", "subsidiaryOf")
    assert any(unit == "通辽华峤稀土新材料有限公司" and "北方稀土" in owner for unit, owner in owned), owned
    text = "赤峰红峤磁材科技有限公司为浙江甬峤新材料集团股份有限公司持股65%之控股子公司。"
    assert ("赤峰红峤磁材科技有限公司", "浙江甬峤新材料集团股份有限公司") in pairs(
        extractor, text, "hongqiao.zh.txt", "subsidiaryOf"
    )
    text = "宁化县翠峤稀土冶炼有限公司主要从事冶炼分离，其经营之宁化湖峤稀土冶炼厂位于该县湖村镇。"
    assert ("宁化县翠峤稀土冶炼有限公司", "宁化湖峤稀土冶炼厂") in pairs(
        extractor, text, "cuiqiao.zh.txt", "operates"
    )


def test_divisions_and_datelines_name_places(extractor: Extractor) -> None:
    text = (
        "HANOI/SEOUL, Nov 24 (Reuters) - The deposit lies in the mountainous northern province of Muong Lay. "
        "Muong Lay, which borders China's Yunnan province, is poor. The plant will rise in neighbouring Bao Yen province."
    )
    kinds = kinds_of(extractor, text, "muonglay.en.txt")
    assert kinds.get("Muong Lay") == "place" and kinds.get("Bao Yen") == "place"
    assert kinds.get("HANOI") == "place" and kinds.get("SEOUL") == "place" and "HANOI/SEOUL" not in kinds


def test_posts_written_as_news_writes_them(extractor: Extractor) -> None:
    text = (
        "Kelvane Alloy Co., Ltd.'s first managing director will be Park Ji-hoon, currently vice president of "
        "materials procurement at Tarnby Magnetics Co., Ltd. Rhein Motorenwerk GmbH, an Osaka recycler, agreed."
    )
    posts = pairs(extractor, text, "park.en.txt", "holdsPostIn")
    assert {
        ("Park Ji-hoon", "Kelvane Alloy Co., Ltd."),
        ("Park Ji-hoon", "Tarnby Magnetics Co., Ltd."),
    } <= posts
    assert ("Rhein Motorenwerk GmbH", "Osaka") in pairs(extractor, text, "park.en.txt", "locatedIn")
    chinese = "萊茵馬峤服務有限公司為德國工業馬達及發電機維修服務業者，總部位於杜伊斯堡。"
    assert any(
        company == "莱茵马峤服务有限公司" and place in {"德国", "Germany"}
        for company, place in pairs(extractor, chinese, "rhein.zh-hant.txt", "locatedIn")
    )


def test_laws_subsidies_and_plans_and_who_issues_them(extractor: Extractor) -> None:
    text = (
        "Laos's National Assembly passed a new Law on Mining and Minerals in 2024. The Saga Prefectural "
        "Government's Clean Metals Investment Subsidy covers a fifth of the cost."
    )
    issued = pairs(extractor, text, "laos.en.txt", "issuedBy")
    assert ("Law on Mining and Minerals", "National Assembly") in issued
    assert ("Clean Metals Investment Subsidy", "Saga Prefectural Government") in issued
    chinese = "县里正在编制《宁峤县稀土循环产业发展规划（2026—2030年）》，计划由宁峤县人民政府年内印发。"
    assert any(
        issuer == "宁峤县人民政府" for _, issuer in pairs(extractor, chinese, "ningqiao.zh.txt", "issuedBy")
    )


def test_founders_and_leads_as_news_and_tables_write_them(extractor: Extractor) -> None:
    chinese = (
        "泰勒峤稀土公司由挪威礦業投資公司諾峤資本有限公司與當地家族企業伯峤集團共同創立，2019年取得探礦權。"
    )
    founded = pairs(extractor, chinese, "tele.zh-hant.txt", "foundedBy")
    assert {("泰勒峤稀土公司", "诺峤资本有限公司"), ("泰勒峤稀土公司", "伯峤集团")} <= founded
    row = "鄂爾多斯准峤稀磁新材料有限公司｜年產3,000噸晶界擴散磁體項目｜鄂爾多斯市准格爾旗｜3,000噸｜環評公示"
    assert ("鄂尔多斯准峤稀磁新材料有限公司", "年产3,000吨晶界扩散磁体项目") in pairs(
        extractor, row, "row2.zh-hant.txt", "leads"
    )
    english = (
        "Geraldine Rare Earths Ltd, headquartered in Perth, is developing the Mullion rare earths project. "
        "Tarnby Magnetics Co., Ltd. and Osuka Special Alloys Co., Ltd. have incorporated Kelpie Alloy Co., Ltd."
    )
    assert ("Geraldine Rare Earths Ltd", "Mullion rare earths project") in pairs(
        extractor, english, "geraldine.en.txt", "leads"
    )
    assert ("Kelpie Alloy Co., Ltd.", "Osuka Special Alloys Co., Ltd.") in pairs(
        extractor, english, "geraldine.en.txt", "foundedBy"
    )


def test_addresses_rows_and_zones_in_chinese(extractor: Extractor) -> None:
    row = "2　内蒙古　通辽华峤稀磁新材料有限公司（北方稀土集团所属企业）　内蒙古自治区通辽市科尔沁区"
    assert any(
        company == "通辽华峤稀磁新材料有限公司" and "科尔沁" in place
        for company, place in pairs(extractor, row, "row3.zh.txt", "locatedIn")
    )
    zone = "和峤精密址設臺南市安南區，於臺南科技工業區內經營安平燒結磁石廠。"
    assert ("安平烧结磁石厂", "台南科技工业区") in pairs(extractor, zone, "anqiao.zh-hant.txt", "locatedIn")
    address = "應以書面向財政部關務署提出（地址：臺北市大同區塔城街13號）。"
    read = facts(extractor, address, "address.zh-hant.txt")
    assert not {e.canonical for e in read.entities if e.kind == "place"} & {"塔城", "塔城街13号"}
    assert any(
        body == "财政部关务署" for body, _ in pairs(extractor, address, "address.zh-hant.txt", "locatedIn")
    )


def test_a_bare_post_in_an_announcement_is_at_the_issuer_even_after_its_own_name(
    extractor: Extractor,
) -> None:
    text = (
        "证券代码：300999　证券简称：峤磁科技　公告编号：2026-088\n"
        "江西峤磁科技股份有限公司关于全资子公司收购股权的公告\n"
        "公司于2026年11月24日召开第四届董事会第十九次会议，会议由董事长吴彦森主持。\n"
    )
    posts = pairs(extractor, text, "qiaoci.zh.txt", "holdsPostIn")
    assert any(person == "吴彦森" and "峤磁科技" in issuer for person, issuer in posts), posts
    names = {e.canonical for e in facts(extractor, text, "qiaoci.zh.txt").entities}
    assert "公告公司" not in names  # the title's last word and the next line's first are not one name


def test_operators_suppliers_and_former_officials(extractor: Extractor) -> None:
    text = (
        "Tarnby Refining Co., Ltd. will be the Rayong Rare Earth Refinery's owner and operator. "
        "Tarnby Refining Co., Ltd.'s oxide comes from Norsep Metals AS. "
        "Kivu Rare Metals Ltd's chairman, former Tanzanian energy permanent secretary Elias Mkapa, did not attend."
    )
    assert ("Tarnby Refining Co., Ltd.", "Rayong Rare Earth Refinery") in pairs(
        extractor, text, "tarnby.en.txt", "operates"
    )
    partners = {frozenset(p) for p in pairs(extractor, text, "tarnby.en.txt", "partnerOf")}
    assert frozenset({"Tarnby Refining Co., Ltd.", "Norsep Metals AS"}) in partners
    assert ("Elias Mkapa", "Kivu Rare Metals Ltd") in pairs(extractor, text, "tarnby.en.txt", "holdsPostIn")


def test_a_places_possessive_and_a_source_line_are_no_part_of_a_name(extractor: Extractor) -> None:
    text = (
        "Japan's Home Appliance Salvage Act applies. Kitakyushu's Harbour Bureau agreed. "
        "SOURCE Tarnby Magnetics Co., Ltd."
    )
    names = {e.canonical for e in facts(extractor, text, "possessive.en.txt").entities}
    assert {"Home Appliance Salvage Act", "Harbour Bureau", "Tarnby Magnetics Co., Ltd."} <= names
    assert not {n for n in names if n.startswith(("Japan's", "Kitakyushu's", "SOURCE"))}
    read = facts(extractor, "长峤县工业和信息化局局长黄振华介绍，园区已有企业23家。", "gongxin.zh.txt")
    assert "长峤县工业和信息化局" in {e.canonical for e in read.entities}


def test_a_person_of_a_firm_is_two_names_and_a_post(extractor: Extractor) -> None:
    text = "Lithium lawyer Benjamin Ochoa of Hargrove Salas LLP said his client took nothing."
    kinds = kinds_of(extractor, text, "ochoa.en.txt")
    assert kinds.get("Benjamin Ochoa") == "person"
    assert kinds.get("Hargrove Salas LLP") == "company"
    assert pairs(extractor, text, "ochoa.en.txt", "holdsPostIn") == {("Benjamin Ochoa", "Hargrove Salas LLP")}


def test_a_director_general_at_a_possessed_ministry(extractor: Extractor) -> None:
    text = (
        "Rosa Quispe, director general of mining promotion at Peru's Ministry of Energy and Mines, said the "
        "guidelines would be final in March."
    )
    assert ("Rosa Quispe", "Ministry of Energy and Mines") in pairs(
        extractor, text, "quispe.en.txt", "holdsPostIn"
    )
    assert kinds_of(extractor, text, "quispe.en.txt").get("Ministry of Energy and Mines") == "government"


def test_where_a_firm_is_from_its_address_cell_and_its_registration(extractor: Extractor) -> None:
    row = "得標廠商：鼎豐鈷材股份有限公司　　廠商地址：806高雄市前鎮區　　決標金額：新臺幣3億1,280萬元"
    assert pairs(extractor, row, "tender.zh-hant.txt", "locatedIn") >= {("鼎丰钴材股份有限公司", "前镇区")}
    block = "当事人：汝城县金沙钨矿有限公司\n住所：湖南省郴州市汝城县热水镇大坪村\n法定代表人：钟卫东"
    assert ("汝城县金沙钨矿有限公司", "大坪村") in pairs(extractor, block, "penalty.zh.txt", "locatedIn")
    registered = "项目业主由纳沃伊矿冶联合体与香港注册的中亚钴业投资有限公司于2025年合资组建。"
    assert ("中亚钴业投资有限公司", "香港特别行政区") in pairs(
        extractor, registered, "navoi.zh.txt", "locatedIn"
    )


def test_branches_place_the_company_and_a_place_can_describe_a_firm(extractor: Extractor) -> None:
    text = "鼎瀚工程股份有限公司總部位於臺北市內湖區，在高雄市及臺南市設有分公司。"
    located = pairs(extractor, text, "dinghan.zh-hant.txt", "locatedIn")
    assert {("鼎瀚工程股份有限公司", "高雄市"), ("鼎瀚工程股份有限公司", "台南市")} <= located
    english = "Its other backers include Raleigh venture firm Oak City Ventures, which owns about 20%."
    assert ("Oak City Ventures", "Raleigh") in pairs(extractor, english, "oakcity.en.txt", "locatedIn")


def test_a_known_place_and_a_place_after_it_are_two_places(extractor: Extractor) -> None:
    text = "鼎瀚工程將於孟加拉吉大港興建工廠，另在高雄大社設有倉庫。"
    kinds = kinds_of(extractor, text, "chittagong.zh-hant.txt")
    assert kinds.get("吉大港") == "place"
    assert not any(name.startswith("孟加拉吉") for name in kinds)
    assert kinds_of(extractor, "他在台南五金行工作了十年。", "hardware.zh-hant.txt").get("五金行") is None


def test_where_an_organisation_is_based_does_not_hide_it_from_a_rule(extractor: Extractor) -> None:
    text = (
        "Borneo Nickel Sdn Bhd, a unit of Kuala Lumpur-based Tanjung Industries Berhad, awarded the contract."
    )
    read = triples(extractor, text, "borneo.en.txt")
    assert ("Borneo Nickel Sdn Bhd", "subsidiaryOf", "Tanjung Industries Berhad") in read
    assert ("Tanjung Industries Berhad", "locatedIn", "Kuala Lumpur") in read
    assert ("Borneo Nickel Sdn Bhd", "locatedIn", "Kuala Lumpur") not in read
    text = (
        "A judge granted an injunction sought by Catawba Cobalt LLC, the Gastonia, North Carolina-based unit "
        "of Japan's Hokuetsu Metals Co, which sued in August."
    )
    assert ("Catawba Cobalt LLC", "Hokuetsu Metals Co") in pairs(
        extractor, text, "catawba.en.txt", "subsidiaryOf"
    )


def test_a_latin_name_inside_a_chinese_sentence(extractor: Extractor) -> None:
    text = "鼎瀚工程股份有限公司已與Tanjung Nickel Resources Limited（下稱「TNR」）簽訂統包合約。"
    assert ("鼎瀚工程股份有限公司", "Tanjung Nickel Resources Limited") in pairs(
        extractor, text, "tnr.zh-hant.txt", "partnerOf"
    )
    text = "鑫創持股100%的美國子公司Sinchuang Cobalt USA, Inc.（下稱鑫創美國）位於俄亥俄州。"
    assert kinds_of(extractor, text, "sinchuang.zh-hant.txt").get("Sinchuang Cobalt USA, Inc.") == "company"
    text = "新加坡子公司Dinghan Holdings (Singapore) Pte. Ltd.持股5%。"
    assert any(name.startswith("Dinghan Holdings") for name in kinds_of(extractor, text, "dh.zh-hant.txt"))


def test_a_legal_form_with_a_full_stop_does_not_end_an_english_sentence(extractor: Extractor) -> None:
    text = "Dinghan signed a contract with Straits Cobalt Pte. Ltd. last week."
    assert "Straits Cobalt Pte. Ltd." in kinds_of(extractor, text, "straits.en.txt")


def test_a_government_body_keeps_the_place_it_governs(extractor: Extractor) -> None:
    text = "臺灣高雄地方法院今天判處該公司負責人有期徒刑。"
    assert kinds_of(extractor, text, "court.zh-hant.txt").get("台湾高雄地方法院") == "government"
    line = "郴州市自然资源和规划局\n行政处罚决定书"
    assert kinds_of(extractor, line, "penalty-head.zh.txt").get("郴州市自然资源和规划局") == "government"
    assert kinds_of(extractor, "项目位于格陵兰南部。", "south.zh.txt").get("格陵兰南部") != "government"


def test_board_changes_in_an_announcement_are_posts_at_the_issuer(extractor: Extractor) -> None:
    chinese = (
        "岭峰钴业控股有限公司\n董事会变更公告\n"
        "董事会宣布，何志恒先生因拟投放更多时间于个人事务，已辞任执行董事及行政总裁，自2026年12月7日起生效。\n"
        "董事会欣然宣布，谭颖欣女士已获委任为执行董事兼行政总裁。\n"
        "董事会亦宣布委任陆国梁教授为独立非执行董事。"
    )
    people = {p for p, _ in pairs(extractor, chinese, "lingfeng.zh.txt", "holdsPostIn")}
    assert people == {"何志恒", "谭颖欣", "陆国梁"}
    english = (
        "Yilgarn Cobalt Limited (ASX: YCL) provides its quarterly report.\n"
        "Mr Hiroshi Tanabe joined the Board as a non-executive director on 1 September 2026.\n"
        "Ms Leanne Kowalczyk resigned as Company Secretary on 30 September.\n"
        "The Board announced the appointment of Dr Priya Raman as Chief Financial Officer."
    )
    assert pairs(extractor, english, "yilgarn.en.txt", "holdsPostIn") == {
        ("Hiroshi Tanabe", "Yilgarn Cobalt Limited"),
        ("Leanne Kowalczyk", "Yilgarn Cobalt Limited"),
        ("Priya Raman", "Yilgarn Cobalt Limited"),
    }


def test_people_in_contact_lines_bylines_and_visitor_lists(extractor: Extractor) -> None:
    lines = [
        ("（联系人：执法监察支队　谭晓峰　联系电话：0735-2887315）", "谭晓峰"),
        ("媒体联系：鲁中工程院品牌与市场部　宋雨涵", "宋雨涵"),
        ("技术中心主任裘铭介绍，公司已与中国科学院签署协议。", "裘铭"),
        ("报导：黄慧珊　摄影：颜志豪", "颜志豪"),
        ("单位名称及人员姓名：华夏基金管理有限公司　柏子谦", "柏子谦"),
    ]
    for index, (line, person) in enumerate(lines):
        assert kinds_of(extractor, line, f"people-{index}.zh.txt").get(person) == "person", line


def test_a_name_before_any_post_or_after_a_title_of_office_is_a_person(extractor: Extractor) -> None:
    cases = [
        (
            "Carolina Vélez, senior investment officer at Andes Copper Fund, said the fund would wait.",
            "Carolina Vélez",
        ),
        ("Sheeba Rahim, a member of the Chavara Grama Panchayat, tries to hold both views.", "Sheeba Rahim"),
        (
            "U.S. District Judge Marisol Trevino-Hart granted a preliminary injunction.",
            "Marisol Trevino-Hart",
        ),
    ]
    for index, (text, person) in enumerate(cases):
        assert kinds_of(extractor, text, f"post-{index}.en.txt").get(person) == "person", text
    text = "Lynas Rare Earths, a member of the Minerals Council of Australia, welcomed the plan."
    assert kinds_of(extractor, text, "member.en.txt").get("Lynas Rare Earths") != "person"


def test_a_chinese_name_before_its_latin_name_does_not_take_in_the_verb(extractor: Extractor) -> None:
    text = "今年起則改為優先供應霹靂鈷材精煉私人有限公司（Perak Cobalt Refining Sdn Bhd），雙方已簽下備忘錄。"
    names = kinds_of(extractor, text, "perak.zh-hant.txt")
    assert "霹雳钴材精炼私人有限公司" in names
    assert not any(name.startswith("改为") for name in names)


def test_a_count_or_a_description_of_projects_names_no_project(extractor: Extractor) -> None:
    for index, text in enumerate(
        [
            "会上共签约3个项目，总投资12亿元。",
            "该项目系公司首个海外钴冶炼工程总承包项目。",
            "韶关市工业和信息化局将该项目列入重点项目。",
        ]
    ):
        kinds = kinds_of(extractor, text, f"projects-{index}.zh.txt")
        assert "project" not in kinds.values(), (text, kinds)
    named = "公司承建的年处理5000吨钴精矿冶炼厂EPC总承包项目已开工。"
    assert "project" in kinds_of(extractor, named, "named-project.zh.txt").values()


def test_a_controlling_shareholder_named_after_the_company_does_not_turn_the_stake_round(
    extractor: Extractor,
) -> None:
    text = "桂林漓钴新材料股份有限公司的控股股东为广西漓江投资控股集团有限公司，持有其51%股份。"
    held = pairs(extractor, text, "lijiang.zh.txt", "shareholderOf")
    assert held == {("广西漓江投资控股集团有限公司", "桂林漓钴新材料股份有限公司")}


def test_what_an_organisation_is_written_before_its_name_leaves_it_to_the_rules(extractor: Extractor) -> None:
    text = (
        "鈺昇鈷材股份有限公司成立於2008年，為台灣中部精密機械集團鈺豐集團之成員企業，總部位於台中市大肚區。"
    )
    assert ("钰升钴材股份有限公司", "钰丰集团") in pairs(
        extractor, text, "yusheng.zh-hant.txt", "subsidiaryOf"
    )
    text = (
        "林志成在打巴經營宏利礦產私人有限公司（Wang Lee Minerals Sdn Bhd），去年與新加坡礦產貿易商"
        "東方金屬資源（Oriental Metal Resources）簽下年度包銷合約。"
    )
    partners = pairs(extractor, text, "wanglee.zh-hant.txt", "partnerOf")
    assert {frozenset(p) for p in partners} == {frozenset({"宏利矿产私人有限公司", "东方金属资源"})}


def test_founders_with_the_year_between(extractor: Extractor) -> None:
    text = (
        "明诚钴业有限公司由孟加拉石油公司与新加坡海峡矿物私人有限公司于2025年合资成立，双方分别持股60%及40%。"
    )
    founders = {o for _, o in pairs(extractor, text, "mingcheng.zh.txt", "foundedBy")}
    assert len(founders) == 2


def test_an_adviser_on_a_board_and_an_analyst_at_a_firms_office(extractor: Extractor) -> None:
    text = (
        '"Ten years ago it was too small," says Kenji Tachibana, a professor of resource engineering at Kyushu '
        "University in Fukuoka, who sits on Hibiki Cobalt Recovery's technical advisory board."
    )
    assert ("Kenji Tachibana", "Hibiki Cobalt Recovery") in pairs(
        extractor, text, "hibiki.en.txt", "holdsPostIn"
    )
    text = (
        "Masahiro Ueda, a senior analyst at the Tokyo office of research firm Kanto Materials Research, says "
        "small recyclers will struggle."
    )
    assert ("Masahiro Ueda", "Kanto Materials Research") in pairs(
        extractor, text, "kanto.en.txt", "holdsPostIn"
    )


def test_a_titled_family_name_an_inline_address_and_a_contact_person(extractor: Extractor) -> None:
    text = "董事會亦宣佈委任陸國樑教授為獨立非執行董事。陸教授現為香港理工大學工業及系統工程學系教授。"
    assert ("陆国梁", "香港理工大学工业及系统工程学系") in pairs(
        extractor, text, "lu.zh-hant.txt", "holdsPostIn"
    )
    text = "財團法人金屬工業研究發展中心（以下簡稱金屬中心），地址：811高雄市楠梓區，聯絡人：儲備物料管理組 侯建宏組長"
    read = triples(extractor, text, "mirdc.zh-hant.txt")
    assert ("侯建宏", "holdsPostIn", "财团法人金属工业研究发展中心") in read
    assert ("财团法人金属工业研究发展中心", "locatedIn", "楠梓区") in read


def test_each_holder_of_a_list_of_stakes(extractor: Extractor) -> None:
    text = (
        "Ngozi Cobalt SA operates a mine. Ngozi Cobalt SA is owned 65% by Port Louis-based Tanganyika Minerals "
        "Holdings Ltd, 20% by Tanjung Industries Berhad and 15% by the Government of Burundi."
    )
    holders = pairs(extractor, text, "ngozi.en.txt", "shareholderOf")
    assert {o for _, o in holders} == {"Ngozi Cobalt SA"}
    assert len(holders) == 3


def test_the_party_to_a_deal_is_the_unit_not_its_owner_named_before_it(extractor: Extractor) -> None:
    text = "赣磁钴材股份有限公司与中国钴业集团有限公司所属中钴江西钴业有限公司签署为期五年的长期采购协议。"
    partners = {frozenset(p) for p in pairs(extractor, text, "ganci.zh.txt", "partnerOf")}
    assert frozenset({"赣磁钴材股份有限公司", "中钴江西钴业有限公司"}) in partners
    assert not any("中国钴业集团有限公司" in p for p in partners)


def test_ports_of_entry_airports_and_stores_are_facilities(extractor: Extractor) -> None:
    for index, (text, name) in enumerate(
        [
            ("货品存放于楠梓关键材料储备仓。", "楠梓关键材料储备仓"),
            ("经桃园国际机场空运进口。", "桃园国际机场"),
            ("原料经瑞丽口岸进口。", "瑞丽口岸"),
        ]
    ):
        assert kinds_of(extractor, text, f"facility-{index}.zh.txt").get(name) == "facility", text
    assert kinds_of(extractor, "工厂位于高雄市林园区。", "linyuan.zh.txt").get("林园区") == "place"
