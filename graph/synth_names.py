"""The name parts synthetic graphs are made of (:mod:`rekg.graph.synth`): each in simplified and traditional
Chinese and in English, so every generated name exists in the three scripts rekg labels."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    """One name in zh-Hans, zh-Hant and en; ``a + b`` joins two names (English words with a space)."""

    hans: str
    hant: str
    en: str

    def __add__(self, other: Name) -> Name:
        return Name(
            self.hans + other.hans, self.hant + other.hant, " ".join(filter(None, (self.en, other.en)))
        )

    def short(self) -> Name:
        """A place's name without its administrative ending (赣州市 → 赣州)."""
        for ending in ("自治区", "自治區", "省", "市"):
            if self.hans.endswith(ending) and len(self.hans) > len(ending) + 1:
                return Name(self.hans.removesuffix(ending), self.hant.removesuffix(ending), self.en)
        return self


def _names(rows: str) -> tuple[Name, ...]:
    return tuple(Name(*(part.strip() for part in row.split("|"))) for row in rows.strip().splitlines())


PROVINCES = _names("""
江西省|江西省|Jiangxi
内蒙古自治区|內蒙古自治區|Inner Mongolia
四川省|四川省|Sichuan
广东省|廣東省|Guangdong
福建省|福建省|Fujian
湖南省|湖南省|Hunan
广西壮族自治区|廣西壯族自治區|Guangxi
山东省|山東省|Shandong
""")

CITIES = tuple(
    (city, PROVINCES[province])
    for city, province in zip(
        _names("""
赣州市|贛州市|Ganzhou
龙南市|龍南市|Longnan
包头市|包頭市|Baotou
赤峰市|赤峰市|Chifeng
凉山州|涼山州|Liangshan
乐山市|樂山市|Leshan
广州市|廣州市|Guangzhou
韶关市|韶關市|Shaoguan
厦门市|廈門市|Xiamen
龙岩市|龍巖市|Longyan
长沙市|長沙市|Changsha
郴州市|郴州市|Chenzhou
崇左市|崇左市|Chongzuo
梧州市|梧州市|Wuzhou
济南市|濟南市|Jinan
淄博市|淄博市|Zibo
"""),
        (0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7),
        strict=True,
    )
)

BRAND_SYLLABLES = _names("""
金|金|Jin
华|華|Hua
盛|盛|Sheng
宏|宏|Hong
鑫|鑫|Xin
泰|泰|Tai
源|源|Yuan
达|達|Da
龙|龍|Long
腾|騰|Teng
恒|恆|Heng
安|安|An
瑞|瑞|Rui
丰|豐|Feng
正|正|Zheng
科|科|Ke
力|力|Li
凯|凱|Kai
晨|晨|Chen
光|光|Guang
""")

COMPANY_INDUSTRIES = _names("""
稀土|稀土|Rare Earth
稀土新材料|稀土新材料|Rare Earth New Materials
磁材|磁材|Magnetic Materials
永磁科技|永磁科技|Permanent Magnet Technology
冶炼分离|冶煉分離|Smelting and Separation
矿业|礦業|Mining
稀土功能材料|稀土功能材料|Rare Earth Functional Materials
资源开发|資源開發|Resource Development
抛光材料|拋光材料|Polishing Materials
高科技|高科技|High-Tech
""")

GROUPS = tuple(
    zip(
        _names("""
中国稀土集团有限公司|中國稀土集團有限公司|China Rare Earth Group Co., Ltd.
北方稀土集团有限公司|北方稀土集團有限公司|Northern Rare Earth Group Co., Ltd.
南方稀土集团有限公司|南方稀土集團有限公司|Southern Rare Earth Group Co., Ltd.
华瑞稀土控股集团有限公司|華瑞稀土控股集團有限公司|Huarui Rare Earth Holding Group Co., Ltd.
东盛有色金属集团有限公司|東盛有色金屬集團有限公司|Dongsheng Nonferrous Metals Group Co., Ltd.
西岭矿业集团有限公司|西嶺礦業集團有限公司|Xiling Mining Group Co., Ltd.
海川新材料集团有限公司|海川新材料集團有限公司|Haichuan New Materials Group Co., Ltd.
天衡稀土产业集团有限公司|天衡稀土產業集團有限公司|Tianheng Rare Earth Industry Group Co., Ltd.
"""),
        _names("""
中国稀土|中國稀土|China Rare Earth
北方稀土|北方稀土|Northern Rare Earth
南方稀土|南方稀土|Southern Rare Earth
华瑞稀土|華瑞稀土|Huarui Rare Earth
东盛有色|東盛有色|Dongsheng Nonferrous
西岭矿业|西嶺礦業|Xiling Mining
海川新材|海川新材|Haichuan New Materials
天衡稀土|天衡稀土|Tianheng Rare Earth
"""),
        strict=True,
    )
)

GOVERNMENTS = _names("""
工业和信息化部|工業和信息化部|Ministry of Industry and Information Technology
自然资源部|自然資源部|Ministry of Natural Resources
国家发展和改革委员会|國家發展和改革委員會|National Development and Reform Commission
生态环境部|生態環境部|Ministry of Ecology and Environment
商务部|商務部|Ministry of Commerce
国务院|國務院|State Council
""")

FACILITY_KINDS = _names("""
冶炼分离厂|冶煉分離廠|Smelting and Separation Plant
钕铁硼磁材生产线|釹鐵硼磁材生產線|NdFeB Magnet Production Line
稀土金属冶炼厂|稀土金屬冶煉廠|Rare Earth Metal Smelter
尾矿库|尾礦庫|Tailings Facility
稀土抛光粉生产线|稀土拋光粉生產線|Rare Earth Polishing Powder Line
""")

PROJECT_KINDS = _names("""
年产5000吨高性能钕铁硼项目|年產5000噸高性能釹鐵硼項目|5,000 t/a High-Performance NdFeB Project
稀土绿色冶炼升级改造项目|稀土綠色冶煉升級改造項目|Green Rare Earth Smelting Upgrade Project
离子型稀土矿生态修复项目|離子型稀土礦生態修復項目|Ionic Rare Earth Mine Restoration Project
稀土永磁电机产业园项目|稀土永磁電機產業園項目|Rare Earth Permanent Magnet Motor Park Project
""")

POLICY_TOPICS = _names("""
稀土行业发展|稀土行業發展|Rare Earth Industry Development
稀土管理|稀土管理|Rare Earth Management
战略性矿产资源保护|戰略性礦產資源保護|Strategic Mineral Resources Protection
稀土开采总量控制|稀土開採總量控制|Rare Earth Mining Quota Control
稀土产品追溯|稀土產品追溯|Rare Earth Product Traceability
""")

POLICY_KINDS = _names("""
规划|規劃|Plan
条例|條例|Regulations
办法|辦法|Measures
通知|通知|Notice
""")

SURNAMES = _names("""
王|王|Wang
李|李|Li
张|張|Zhang
刘|劉|Liu
陈|陳|Chen
杨|楊|Yang
黄|黃|Huang
赵|趙|Zhao
吴|吳|Wu
周|周|Zhou
""")

GIVEN_NAMES = _names("""
建国|建國|Jianguo
志强|志強|Zhiqiang
海涛|海濤|Haitao
丽华|麗華|Lihua
明远|明遠|Mingyuan
红林|紅林|Honglin
伟|偉|Wei
静|靜|Jing
晓东|曉東|Xiaodong
国庆|國慶|Guoqing
""")

ROLES = _names("""
董事长|董事長|Chairman
总经理|總經理|General Manager
党委书记|黨委書記|Party Secretary
副总经理|副總經理|Deputy General Manager
""")

# Evidence sentences, one per kind of fact: {s} and {o} are the subject's and object's names in the
# document's script, the other fields the fact's details in it.
SENTENCES: dict[str, Name] = {
    "subsidiary": Name("{s}是{o}的控股子公司。", "{s}是{o}的控股子公司。", "{s} is a subsidiary of {o}."),
    "shareholding": Name(
        "{s}持有{o}{stake}%的股权。", "{s}持有{o}{stake}%的股權。", "{s} holds {stake}% of {o}."
    ),
    "operates": Name("{s}负责运营{o}。", "{s}負責運營{o}。", "{s} operates {o}."),
    "located": Name("{s}位于{o}。", "{s}位於{o}。", "{s} is located in {o}."),
    "based": Name("{s}位于{province}{o}。", "{s}位於{province}{o}。", "{s} is based in {o}, {province}."),
    "within": Name("{s}隶属{o}。", "{s}隸屬{o}。", "{s} is in {o}."),
    "capacity": Name(
        "{s}{year}年产能{value}{unit}。",
        "{s}{year}年產能{value}{unit}。",
        "In {year}, {s} had a capacity of {value} {unit}.",
    ),
    "reserves": Name(
        "{s}{year}年保有储量{value}{unit}。",
        "{s}{year}年保有儲量{value}{unit}。",
        "In {year}, {s} held reserves of {value} {unit}.",
    ),
    "leads": Name("{s}牵头建设{o}。", "{s}牽頭建設{o}。", "{s} leads {o}."),
    "site": Name("{s}选址于{o}。", "{s}選址於{o}。", "{s} is sited in {o}."),
    "participates": Name("{s}参与{o}。", "{s}參與{o}。", "{s} takes part in {o}."),
    "issued": Name("{o}印发《{s}》。", "{o}印發《{s}》。", "{o} issued {s}."),
    "cites": Name("《{s}》依据《{o}》制定。", "《{s}》依據《{o}》制定。", "{s} was drawn up under {o}."),
    "agreement": Name(
        "{s}与{o}签署战略合作协议。",
        "{s}與{o}簽署戰略合作協議。",
        "{s} signed a strategic cooperation agreement with {o}.",
    ),
    "post": Name(
        "{o}{role}{s}出席会议。", "{o}{role}{s}出席會議。", "{s}, {role} of {o}, attended the meeting."
    ),
}
