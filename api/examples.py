"""Worked example queries for the query page, titled in English and Chinese. Each one runs as it stands
(the prefixes are prepended); entities are found by name, so the examples survive re-ingestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rekg.ontology.vocabulary import sparql_prefixes


@dataclass(frozen=True)
class Example:
    id: str
    en: str
    zh: str
    body: str

    @property
    def query(self) -> str:
        return sparql_prefixes() + "\n" + self.body.strip() + "\n"

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "en": self.en, "zh": self.zh, "query": self.query}


def _labels(var: str) -> str:
    """OPTIONAL blocks binding ``?<var>Zh`` and ``?<var>En`` to the preferred labels of ``?<var>``."""
    return (
        f'  OPTIONAL {{ ?{var} skos:prefLabel ?{var}Zh . FILTER(langMatches(lang(?{var}Zh), "zh-Hans")) }}\n'
        f'  OPTIONAL {{ ?{var} skos:prefLabel ?{var}En . FILTER(langMatches(lang(?{var}En), "en")) }}\n'
    )


def _named(var: str, name: str) -> str:
    """Find ``?<var>`` by one of its Chinese names, preferred or alternative."""
    return f'  ?{var} skos:prefLabel|skos:altLabel "{name}"@zh-Hans .\n'


@cache
def examples() -> tuple[Example, ...]:
    return (
        Example("ownership-chain", "Ownership chain of 凉山稀土, up to the ultimate parent", "凉山稀土的股权链（直至最终控股方）",
                "SELECT DISTINCT ?owner ?ownerZh ?ownerEn WHERE {\n" + _named("company", "凉山稀土")
                + "  ?company (rek:subsidiaryOf|^rek:hasSubsidiary|^rek:shareholderOf)+ ?owner .\n"
                + _labels("owner") + "}"),
        Example("mines-operators", "Mines and their operators", "矿山及其运营方",
                "SELECT DISTINCT ?mine ?mineZh ?mineEn ?operator ?operatorZh WHERE {\n  ?mine a rek:Mine .\n"
                + _labels("mine")
                + "  OPTIONAL { { ?operator rek:operates ?mine } UNION { ?mine rek:operatedBy ?operator }\n"
                + '    ?operator skos:prefLabel ?operatorZh . FILTER(langMatches(lang(?operatorZh), "zh-Hans")) }\n'
                + "} ORDER BY DESC(BOUND(?operator)) ?mineZh"),
        Example("capacities", "Projects and facilities with their capacities", "项目、设施及其产能",
                "SELECT DISTINCT ?site ?siteZh ?siteEn ?value ?unit ?year WHERE {\n"
                + "  VALUES ?class { rek:Project rek:Facility }\n  ?site a ?class ; rek:capacity ?q .\n"
                + "  ?q rek:quantityValue ?value .\n  OPTIONAL { ?q rek:unit ?unit }\n  OPTIONAL { ?q rek:year ?year }\n"
                + _labels("site") + "} ORDER BY DESC(?value)"),
        Example("plan-cites", "Policies the 2016-2020 rare-earth plan cites, with their issuers", "《稀土行业发展规划（2016-2020年）》引用的政策及发布机关",
                "SELECT DISTINCT ?policy ?policyZh ?policyEn ?number ?issuerZh WHERE {\n  ?plan a rek:Policy ;\n"
                + '        skos:prefLabel|skos:altLabel ?planName . FILTER(STRSTARTS(STR(?planName), "稀土行业发展规划"))\n'
                + "  ?plan rek:cites ?policy .\n" + _labels("policy")
                + "  OPTIONAL { ?policy rek:documentNumber ?number }\n"
                + '  OPTIONAL { ?policy rek:issuedBy/skos:prefLabel ?issuerZh . FILTER(langMatches(lang(?issuerZh), "zh-Hans")) }\n'
                + "} ORDER BY ?policyZh"),
        Example("creg-partners", "Partners of 中国稀土集团", "中国稀土集团的合作伙伴",
                "SELECT DISTINCT ?partner ?partnerZh ?partnerEn WHERE {\n" + _named("group", "中国稀土集团")
                + "  { ?group rek:partnerOf ?partner } UNION { ?partner rek:partnerOf ?group }\n"
                + _labels("partner") + "} ORDER BY ?partnerZh"),
        Example("evidence-liangshan", "Every fact about 凉山稀土, with the sentence it was read from", "凉山稀土的每条事实及其原文出处",
                "SELECT ?relation ?otherZh ?sentence ?document WHERE {\n" + _named("company", "凉山稀土")
                + "  { ?a rdf:subject ?company ; rdf:object ?other } UNION { ?a rdf:object ?company ; rdf:subject ?other }\n"
                + "  ?a rdf:predicate ?p ; rek:evidence ?sentence ; rek:sourceDocument ?doc .\n"
                + '  BIND(STRAFTER(STR(?p), "#") AS ?relation)\n'
                + '  OPTIONAL { ?other skos:prefLabel ?otherZh . FILTER(langMatches(lang(?otherZh), "zh-Hans")) }\n'
                + "  OPTIONAL { ?doc dcterms:title ?document }\n} ORDER BY ?relation"),
        Example("evidence-ownership", "Evidence sentences for ownership facts", "股权关系的证据句",
                "SELECT ?subjectZh ?relation ?objectZh ?sentence ?confidence ?document WHERE {\n"
                + "  VALUES ?p { rek:subsidiaryOf rek:hasSubsidiary rek:shareholderOf }\n"
                + "  ?a a rek:Assertion ; rdf:subject ?subject ; rdf:predicate ?p ; rdf:object ?object ;\n"
                + "     rek:evidence ?sentence ; rek:sourceDocument ?doc .\n  OPTIONAL { ?a rek:confidence ?confidence }\n"
                + '  BIND(STRAFTER(STR(?p), "#") AS ?relation)\n'
                + '  OPTIONAL { ?subject skos:prefLabel ?subjectZh . FILTER(langMatches(lang(?subjectZh), "zh-Hans")) }\n'
                + '  OPTIONAL { ?object skos:prefLabel ?objectZh . FILTER(langMatches(lang(?objectZh), "zh-Hans")) }\n'
                + "  OPTIONAL { ?doc dcterms:title ?document }\n} ORDER BY ?objectZh ?subjectZh"),
        Example("chinalco-subsidiaries", "Subsidiaries of 中铝集团 (Chinalco), at any depth", "中铝集团的各级下属企业",
                "SELECT DISTINCT ?company ?companyZh ?companyEn WHERE {\n" + _named("group", "中铝集团")
                + "  ?company (rek:subsidiaryOf|^rek:hasSubsidiary)+ ?group .\n" + _labels("company")
                + "} ORDER BY ?companyZh"),
        Example("creg-shareholders", "Shareholders and founders of 中国稀土集团", "中国稀土集团的股东与发起方",
                "SELECT DISTINCT ?holder ?holderZh ?holderEn ?how WHERE {\n" + _named("group", "中国稀土集团")
                + '  { ?holder rek:shareholderOf ?group . BIND("shareholder 股东" AS ?how) }\n'
                + '  UNION { ?group rek:foundedBy ?holder . BIND("founder 发起方" AS ?how) }\n'
                + _labels("holder") + "} ORDER BY ?holderZh"),
        Example("policy-issuers", "Policies, regulations and plans with the bodies that issued them", "政策法规及其发布机关",
                "SELECT DISTINCT ?policy ?policyZh ?issuer ?issuerZh WHERE {\n  ?policy a rek:Policy ; rek:issuedBy ?issuer .\n"
                + _labels("policy") + _labels("issuer") + "} ORDER BY ?issuerZh ?policyZh"),
        Example("project-leads", "Who leads which project", "项目牵头单位",
                "SELECT DISTINCT ?leader ?leaderZh ?project ?projectZh ?siteZh WHERE {\n  ?leader rek:leads ?project .\n"
                + _labels("leader") + _labels("project")
                + '  OPTIONAL { ?project rek:projectSite/skos:prefLabel ?siteZh . FILTER(langMatches(lang(?siteZh), "zh-Hans")) }\n'
                + "} ORDER BY ?leaderZh"),
        Example("people-posts", "People and the posts they hold", "人物及其任职",
                "SELECT DISTINCT ?personZh ?personEn ?role ?orgZh WHERE {\n  ?person rek:holdsPostIn ?org .\n"
                + "  OPTIONAL { ?a rdf:subject ?person ; rdf:predicate rek:holdsPostIn ; rdf:object ?org ; rek:role ?role }\n"
                + _labels("person") + _labels("org") + "} ORDER BY ?orgZh"),
        Example("listed-companies", "Listed companies and their stock codes", "上市公司及股票代码",
                "SELECT DISTINCT ?company ?companyZh ?companyEn ?code WHERE {\n  ?company rek:stockCode ?code .\n"
                + _labels("company") + "} ORDER BY ?code"),
        Example("entity-counts", "How many entities of each type", "各类实体的数量",
                "SELECT ?class (COUNT(DISTINCT ?entity) AS ?entities) WHERE {\n  ?entity a ?class .\n"
                + "  FILTER(STRSTARTS(STR(?class), STR(rek:)))\n} GROUP BY ?class ORDER BY DESC(?entities)"),
        Example("documents", "Source documents and how many facts each gave", "来源文献及其贡献的事实数",
                "SELECT ?document ?title ?publisher (COUNT(DISTINCT ?a) AS ?facts) WHERE {\n"
                + "  ?document a rek:SourceDocument .\n  OPTIONAL { ?document dcterms:title ?title }\n"
                + "  OPTIONAL { ?document dcterms:publisher ?publisher }\n  OPTIONAL { ?a rek:sourceDocument ?document }\n"
                + "} GROUP BY ?document ?title ?publisher ORDER BY DESC(?facts)"),
        Example("ownership-graph", "The ownership network as RDF (CONSTRUCT)", "股权网络（以 RDF 图返回）",
                "CONSTRUCT {\n  ?child rek:subsidiaryOf ?parent .\n  ?child rdfs:label ?childLabel .\n  ?parent rdfs:label ?parentLabel .\n"
                + "} WHERE {\n  { ?child rek:subsidiaryOf ?parent } UNION { ?parent rek:hasSubsidiary ?child }\n"
                + "  OPTIONAL { ?child rdfs:label ?childLabel }\n  OPTIONAL { ?parent rdfs:label ?parentLabel }\n}"),
        Example("ask-operates", "Does 凉山稀土 operate the 牦牛坪 mine? (ASK)", "凉山稀土是否运营牦牛坪稀土矿？",
                "ASK {\n" + _named("company", "凉山稀土") + _named("mine", "牦牛坪稀土矿")
                + "  { ?company rek:operates ?mine } UNION { ?mine rek:operatedBy ?company }\n}"),
    )  # fmt: skip


def example_queries() -> list[dict[str, str]]:
    return [example.as_json() for example in examples()]
