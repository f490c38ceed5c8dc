"""Synthetic rekg-shaped graphs, for benchmarks and tests: ``rekg synth --quads N --seed S --out FILE``.

The shape is the one ``rekg build`` writes: a curated graph (groups, government bodies and places with
preferred labels in zh-Hans, zh-Hant and en, aliases, stock codes) and one named graph per source document,
each holding the document's description, the entities it mentions (type, ``mentionedIn``, the names it uses
as ``skos:altLabel`` in its script), the facts it states and, for every fact, an assertion with the evidence
sentence, character offsets, confidence and rule, as the ingest pipeline emits them; agreements with their
parties and quantities (capacities, reserves) too. Companies hang under groups several levels deep
(``subsidiaryOf``, parents' ``shareholderOf`` with the stake in the evidence: the ontology has no stake
property). The labels graph is not written: ``rekg load`` derives it.

Terms are written as N-Triples text directly (no RDF library in the loop), so a million quads take seconds.
The same quads, count and seed give the same file byte for byte.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from rekg.errors import RekgError
from rekg.graph.iri import DEFAULT_BASE
from rekg.graph.synth_names import (
    BRAND_SYLLABLES,
    CITIES,
    COMPANY_INDUSTRIES,
    FACILITY_KINDS,
    GIVEN_NAMES,
    GOVERNMENTS,
    GROUPS,
    POLICY_KINDS,
    POLICY_TOPICS,
    PROJECT_KINDS,
    ROLES,
    SENTENCES,
    SURNAMES,
    Name,
)
from rekg.ontology import REK

ID = f"{DEFAULT_BASE}id/"
CURATED_GRAPH = f"<{DEFAULT_BASE}graph/synthetic-seeds>"
OUTPUT_FORMATS = {".nq": "nquads", ".trig": "trig"}


def _iri(term: object) -> str:
    return f"<{term}>"


TYPE, ALT, PREF, LABEL_SOURCE = (
    _iri(RDF.type),
    _iri(SKOS.altLabel),
    _iri(SKOS.prefLabel),
    _iri(REK.labelSource),
)
MENTIONED, EVIDENCE, CONFIDENCE = _iri(REK.mentionedIn), _iri(REK.evidence), _iri(REK.confidence)
DECIMAL, INTEGER, GYEAR = _iri(XSD.decimal), _iri(XSD.integer), _iri(XSD.gYear)
LANGUAGES = ("zh-Hans", "zh-Hans", "zh-Hant", "en")


def _literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if language:
        return f'"{escaped}"@{language}'
    return f'"{escaped}"^^{datatype}' if datatype else f'"{escaped}"'


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


@dataclass
class Entity:
    iri: str
    cls: str
    name: Name
    short: Name | None = None
    brand: Name | None = None
    place: Entity | None = None
    parent: Entity | None = None
    operator: Entity | None = None


@dataclass
class Universe:
    provinces: list[Entity]
    cities: list[Entity]
    governments: list[Entity]
    groups: list[Entity]
    companies: list[Entity]
    members: dict[str, list[Entity]]
    mines: list[Entity]
    facilities: list[Entity]
    projects: list[Entity]
    policies: list[Entity]
    persons: list[Entity]


def _entity(kind: str, cls: object, name: Name, **more: Entity | Name | None) -> Entity:
    return Entity(f"<{ID}{kind}/{_slug(name.en)}>", _iri(cls), name, **more)  # type: ignore[arg-type]


def build_universe(rng: random.Random, quads: int) -> Universe:
    """The entities a graph of about ``quads`` quads talks about, in numbers in proportion to it."""
    provinces = {p.en: _entity("place", REK.Place, p) for _, p in CITIES}
    cities = [_entity("place", REK.Place, c, parent=provinces[p.en]) for c, p in CITIES]
    groups = [
        _entity("group", REK.EnterpriseGroup, full, short=short)
        for full, short in GROUPS[: max(2, min(len(GROUPS), quads // 40_000))]
    ]
    companies, members = _companies(rng, max(8, quads // 400), groups, cities)
    return Universe(
        provinces=list(provinces.values()),
        cities=cities,
        governments=[_entity("government", REK.GovernmentBody, name) for name in GOVERNMENTS],
        groups=groups,
        companies=companies,
        members=members,
        mines=_sites(rng, "mine", max(2, quads // 4_000), companies),
        facilities=_sites(rng, "facility", max(2, quads // 3_000), companies),
        projects=_sites(rng, "project", max(2, quads // 3_000), companies),
        policies=_policies(rng, max(3, quads // 5_000)),
        persons=_persons(rng, max(3, quads // 3_000)),
    )


def _companies(
    rng: random.Random, count: int, groups: list[Entity], cities: list[Entity]
) -> tuple[list[Entity], dict[str, list[Entity]]]:
    """Distinct companies (city + two brand syllables + industry + legal form), each under a group or an
    earlier company, down to five levels below a group."""
    syllables, industries = len(BRAND_SYLLABLES), len(COMPANY_INDUSTRIES)
    space = len(cities) * syllables * syllables * industries
    codes = rng.sample(range(space), min(count, space))
    companies: list[Entity] = []
    members: dict[str, list[Entity]] = {g.iri: [] for g in groups}
    depth: dict[str, int] = {g.iri: 0 for g in groups}
    root: dict[str, str] = {g.iri: g.iri for g in groups}
    for n in range(count):
        code, industry = divmod(codes[n % len(codes)], industries)
        code, second = divmod(code, syllables)
        city, first = divmod(code, syllables)
        place = cities[city]
        again = f"{n // len(codes) + 1}" if n >= len(codes) else ""
        brand = BRAND_SYLLABLES[first] + BRAND_SYLLABLES[second]
        brand = Name(
            brand.hans + again, brand.hant + again, brand.en.replace(" ", "").lower().title() + again
        )
        short = brand + COMPANY_INDUSTRIES[industry]
        name = place.name.short() + short + Name("有限公司", "有限公司", "Co., Ltd.")
        candidates = [e for e in (*groups, *companies[-40:]) if depth[e.iri] < 5]
        parent = rng.choice(candidates) if rng.random() < 0.85 else rng.choice(groups)
        company = _entity("company", REK.Company, name, short=short, brand=brand, place=place, parent=parent)
        depth[company.iri], root[company.iri] = depth[parent.iri] + 1, root[parent.iri]
        members[root[company.iri]].append(company)
        companies.append(company)
    return companies, members


def _sites(rng: random.Random, kind: str, count: int, companies: list[Entity]) -> list[Entity]:
    """Mines, facilities or projects, named after their place and operator (or lead)."""
    out = []
    for n in range(count):
        operator = rng.choice(companies)
        place, brand = operator.place, operator.brand
        assert place is not None and brand is not None
        number = Name(f"{n + 1}号", f"{n + 1}號", f"No. {n + 1}")
        if kind == "mine":
            name, cls = (
                place.name.short() + brand + Name("稀土矿", "稀土礦", "Rare Earth Mine") + number,
                REK.Mine,
            )
        elif kind == "facility":
            name, cls = brand + FACILITY_KINDS[n % len(FACILITY_KINDS)] + number, REK.Facility
        else:
            name, cls = (
                place.name.short() + brand + PROJECT_KINDS[n % len(PROJECT_KINDS)] + number,
                REK.Project,
            )
        out.append(_entity(kind, cls, name, place=place, operator=operator))
    return out


def _policies(rng: random.Random, count: int) -> list[Entity]:
    out = []
    for n in range(count):
        topic = POLICY_TOPICS[n % len(POLICY_TOPICS)]
        kind = POLICY_KINDS[(n // len(POLICY_TOPICS)) % len(POLICY_KINDS)]
        year = 2010 + n % 15
        edition = n // (len(POLICY_TOPICS) * len(POLICY_KINDS)) + 1
        suffix = Name(
            f"（{year}年第{edition}版）", f"（{year}年第{edition}版）", f"({year}, Edition {edition})"
        )
        out.append(_entity("policy", REK.Policy, topic + kind + suffix))
    rng.shuffle(out)
    return out


def _persons(rng: random.Random, count: int) -> list[Entity]:
    out = []
    pairs = len(SURNAMES) * len(GIVEN_NAMES)
    for n, code in enumerate(rng.sample(range(pairs), pairs) * (count // pairs + 1)):
        if n >= count:
            break
        surname, given = SURNAMES[code // len(GIVEN_NAMES)], GIVEN_NAMES[code % len(GIVEN_NAMES)]
        again = f"{n // pairs + 1}" if n >= pairs else ""
        name = Name(surname.hans + given.hans + again, surname.hant + given.hant + again, "")
        out.append(
            _entity("person", REK.Person, Name(name.hans, name.hant, f"{surname.en} {given.en}{again}"))
        )
    return out


@dataclass
class Document:
    """One source document's named graph while it is written: its triples (ordered, without repeats)."""

    iri: str
    language: str
    rng: random.Random
    triples: dict[str, None] = field(default_factory=dict)
    mentioned: set[str] = field(default_factory=set)
    text: list[str] = field(default_factory=list)

    def add(self, s: str, p: str, o: str) -> None:
        self.triples[f"{s} {p} {o}"] = None

    def name(self, name: Name) -> str:
        return {"zh-Hans": name.hans, "zh-Hant": name.hant}.get(self.language, name.en)

    def mention(self, entity: Entity) -> None:
        """The entity as the ingest pipeline records a mention: type, mentionedIn, the names used."""
        if entity.iri in self.mentioned:
            return
        self.mentioned.add(entity.iri)
        self.add(entity.iri, TYPE, entity.cls)
        self.add(entity.iri, MENTIONED, self.iri)
        for name in (entity.name, entity.short):
            if name is not None:
                self.add(entity.iri, ALT, _literal(self.name(name), self.language))
                if self.language == "zh-Hant":  # the normalised (simplified) form is recorded too
                    self.add(entity.iri, ALT, _literal(name.hans, "zh-Hans"))

    def say(self, key: str, **words: str) -> str:
        """The evidence sentence for a kind of fact, in the document's script."""
        return self.name(SENTENCES[key]).format(**words)

    def fact(self, s: Entity, predicate: object, o: Entity | str, key: str, **words: str) -> str:
        """A statement and its assertion (evidence sentence, offsets, confidence, rule); the sentence. ``words``:
        the sentence's other fields, and ``role`` / ``date`` for the assertion."""
        self.mention(s)
        if isinstance(o, Entity):
            self.mention(o)
            words["o"] = self.name(o.name)
        obj = o.iri if isinstance(o, Entity) else o
        self.add(s.iri, _iri(predicate), obj)
        evidence = self.say(key, s=self.name(s.name), **words)
        start = sum(len(t) + 1 for t in self.text)
        self.text.append(evidence)
        node = f"<{ID}assertion/{self.rng.getrandbits(64):016x}>"
        for p, value in (
            (RDF.type, _iri(REK.Assertion)),
            (RDF.subject, s.iri),
            (RDF.predicate, _iri(predicate)),
            (RDF.object, obj),
            (REK.sourceDocument, self.iri),
            (PROV.wasDerivedFrom, self.iri),
            (REK.evidence, _literal(evidence)),
            (REK.startOffset, _literal(str(start), datatype=INTEGER)),
            (REK.endOffset, _literal(str(start + len(evidence)), datatype=INTEGER)),
            (REK.confidence, _literal(self.rng.choice(("0.7", "0.8", "0.9", "0.95")), datatype=DECIMAL)),
            (REK.extractedBy, _literal(f"synthetic:{key}")),
        ):
            self.add(node, _iri(p), value)
        if "role" in words:
            self.add(node, _iri(REK.role), _literal(words["role"], self.language))
        if "date" in words:
            self.add(node, _iri(REK.date), _literal(words["date"]))
        return evidence

    def describe(self, number: int) -> None:
        """The document itself, as ingest describes a source file."""
        body = "\n".join(self.text)
        name = f"synthetic-{number:06d}.{self.language.lower()}.txt"
        title = f"Synthetic document {number}: rare-earth industry news"
        for p, value in (
            (RDF.type, _iri(REK.SourceDocument)),
            (DCTERMS.title, _literal(title)),
            (REK.fileName, _literal(name)),
            (REK.sourcePath, _literal(name)),
            (REK.checksum, _literal("sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest())),
            (DCTERMS["format"], _literal("text/plain")),
            (DCTERMS.language, _literal(self.language)),
            (DCTERMS.issued, _literal(str(2015 + number % 10), datatype=GYEAR)),
        ):
            self.add(self.iri, _iri(p), value)


def _subsidiary(doc: Document, world: Universe, company: Entity) -> None:
    assert company.parent is not None
    doc.fact(company, REK.subsidiaryOf, company.parent, "subsidiary")
    if doc.rng.random() < 0.4:
        stake = doc.rng.choice(("51", "60", "70.5", "100"))
        doc.fact(company.parent, REK.shareholderOf, company, "shareholding", stake=stake)


def _operates(doc: Document, world: Universe, company: Entity) -> None:
    """A mine or facility: its operator, its place, its reserves or capacity."""
    site = doc.rng.choice(world.mines if doc.rng.random() < 0.5 else world.facilities)
    assert site.operator is not None and site.place is not None
    doc.fact(site.operator, REK.operates, site, "operates")
    doc.fact(site, REK.locatedIn, site.place, "located")
    quantity = f"<{ID}quantity/{doc.rng.getrandbits(64):016x}>"
    value, year = str(doc.rng.randrange(5, 500) * 100), str(doc.rng.randrange(2015, 2025))
    mine = site.cls == _iri(REK.Mine)
    unit = "万吨 REO" if mine else "吨"
    doc.add(quantity, TYPE, _iri(REK.Quantity))
    doc.add(quantity, _iri(REK.quantityValue), _literal(value, datatype=DECIMAL))
    doc.add(quantity, _iri(REK.unit), _literal(unit))
    doc.add(quantity, _iri(REK.year), _literal(year, datatype=GYEAR))
    predicate, key = (REK.reserves, "reserves") if mine else (REK.capacity, "capacity")
    doc.fact(site, predicate, quantity, key, year=year, value=value, unit=unit)


def _located(doc: Document, world: Universe, company: Entity) -> None:
    place = company.place
    assert place is not None and place.parent is not None
    doc.fact(company, REK.locatedIn, place, "based", province=doc.name(place.parent.name))
    doc.fact(place, REK.locatedIn, place.parent, "within")


def _project(doc: Document, world: Universe, company: Entity) -> None:
    project = doc.rng.choice(world.projects)
    assert project.operator is not None and project.place is not None
    doc.fact(project.operator, REK.leads, project, "leads")
    doc.fact(project, REK.projectSite, project.place, "site")
    if company is not project.operator:
        doc.fact(company, REK.participatesIn, project, "participates")


def _policy(doc: Document, world: Universe, company: Entity) -> None:
    policy, cited = doc.rng.sample(world.policies, 2)
    doc.fact(policy, REK.issuedBy, doc.rng.choice(world.governments), "issued")
    doc.fact(policy, REK.cites, cited, "cites")


def _partner(doc: Document, world: Universe, company: Entity) -> None:
    """A cooperation agreement: partnerOf, and the agreement with its parties, as ingest writes them."""
    other = doc.rng.choice(world.companies + world.groups)
    if other is company:
        return
    date = f"{doc.rng.randrange(2018, 2026)}-{doc.rng.randrange(1, 13):02d}"
    evidence = doc.fact(company, REK.partnerOf, other, "agreement", date=date)
    agreement = f"<{ID}agreement/{doc.rng.getrandbits(64):016x}>"
    for p, value in (
        (RDF.type, _iri(REK.Agreement)),
        (REK.party, company.iri),
        (REK.party, other.iri),
        (PROV.wasDerivedFrom, doc.iri),
        (RDFS.comment, _literal(evidence)),
        (REK.date, _literal(date)),
    ):
        doc.add(agreement, _iri(p), value)


def _post(doc: Document, world: Universe, company: Entity) -> None:
    person, role = doc.rng.choice(world.persons), doc.rng.choice(ROLES)
    doc.fact(person, REK.holdsPostIn, company, "post", role=doc.name(role))


FACTS = (_subsidiary, _operates, _located, _project, _policy, _partner, _post)
WEIGHTS = (5, 2, 2, 2, 1, 1, 1)


def _curated(world: Universe) -> list[str]:
    """The curated graph: groups, government bodies and places with their preferred names in three scripts."""
    lines: list[str] = []
    entities = [*world.groups, *world.governments, *world.provinces, *world.cities]
    for entity in entities:
        lines.append(f"{entity.iri} {TYPE} {entity.cls}")
        for text, language in (
            (entity.name.hans, "zh-Hans"),
            (entity.name.hant, "zh-Hant"),
            (entity.name.en, "en"),
        ):
            lines.append(f"{entity.iri} {PREF} {_literal(text, language)}")
        if entity.short is not None:
            lines.append(f"{entity.iri} {ALT} {_literal(entity.short.hans, 'zh-Hans')}")
            lines.append(f"{entity.iri} {ALT} {_literal(entity.short.en, 'en')}")
        lines.append(f"{entity.iri} {LABEL_SOURCE} {_literal('curated')}")
    for number, group in enumerate(world.groups):
        lines.append(f"{group.iri} {_iri(REK.stockCode)} {_literal(f'{600100 + number * 11}')}")
    return lines


def _document(rng: random.Random, world: Universe, number: int, room: int) -> Document:
    """A document about one group's companies, of a few hundred quads (at most ``room`` where it can)."""
    iri = f"<{ID}document/synthetic-{number:06d}-txt>"
    doc = Document(iri, rng.choice(LANGUAGES), rng)
    group = rng.choice(world.groups)
    companies = world.members[group.iri] or world.companies
    target = min(room - 8, rng.randrange(150, 900))
    while len(doc.triples) < target:
        fact = rng.choices(FACTS, WEIGHTS)[0]
        fact(doc, world, rng.choice(companies))
    doc.describe(number)
    return doc


def synthesize(quads: int, seed: int = 0) -> Iterator[tuple[str, list[str]]]:
    """(graph, triples in N-Triples syntax) of a synthetic graph of ``quads`` quads (±5%; a few dozen over at
    most), the same for the same arguments."""
    if quads < 500:
        raise RekgError("a synthetic graph needs at least 500 quads")
    rng = random.Random(seed)
    world = build_universe(rng, quads)
    curated = _curated(world)
    yield CURATED_GRAPH, curated
    total, number = len(curated), 0
    while total < quads:
        doc = _document(rng, world, number, quads - total)
        total += len(doc.triples)
        number += 1
        yield doc.iri, list(doc.triples)


def write_synthetic(path: Path, quads: int, seed: int = 0) -> int:
    """Write :func:`synthesize`'s graph to ``path`` (N-Quads for .nq, TriG for .trig); the number of quads."""
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RekgError(f"{path}: write .nq (N-Quads) or .trig (TriG)")
    written = 0
    try:
        with path.open("w", encoding="utf-8") as out:
            for graph, triples in synthesize(quads, seed):
                _write_graph(out, fmt, graph, triples)
                written += len(triples)
    except OSError as e:
        raise RekgError(f"cannot write {path}: {e}") from e
    return written


def _write_graph(out: TextIO, fmt: str, graph: str, triples: list[str]) -> None:
    if fmt == "nquads":
        out.write("".join(f"{t} {graph} .\n" for t in triples))
    else:
        out.write(f"{graph} {{\n" + "".join(f"{t} .\n" for t in triples) + "}\n")
