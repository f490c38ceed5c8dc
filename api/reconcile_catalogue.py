"""What the reconciliation service (:mod:`rekg.api.routes_reconcile`) offers, read from the app's state: its
types (the ontology's entity classes), its properties, entity identifiers, and the facts it compares and
returns (stock codes, owners, places, names).

Identifiers are entity IRIs with the identifier space (``<base>id/``) taken off — ``company/liangshan-rare-earth``
— and type identifiers are class IRIs with the schema space (the ontology's namespace) taken off: ``Company``.
A :class:`Catalogue` is built once for each opened store (the name index, projection and describer of one
:class:`~rekg.api.state.AppState`) and holds the one thing those lack: stock codes by entity and by code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rekg.api.entities import Describer
from rekg.api.network import label_in
from rekg.api.problems import BadRequestError
from rekg.graph.lookup import KIND_ORDER, NameIndex
from rekg.graph.projection import EntityGraph
from rekg.graph.store import QuadStore
from rekg.ontology import ENTITY_CLASSES, ORGANIZATION_KINDS, REK, REK_IRI

_STOCK_CODES = f"SELECT DISTINCT ?e ?code WHERE {{ ?e <{REK.stockCode}> ?code }}"
#: A stock code as people write it: 000831, 000831.SZ, SZ000831, sh.600259, 0700.HK; else a ticker (MP).
_CODE = re.compile(r"^(?:[A-Z]{2}\.?)?(\d{4,6})(?:\.[A-Z]{1,4})?$")
#: How far up an ownership chain (subsidiaryOf, shareholderOf) a parent company given in a query is sought.
OWNER_DEPTH = 6
#: How far up a chain of places (locatedIn) a place given in a query is sought.
PLACE_DEPTH = 6
_LOCATED_IN = str(REK.locatedIn)
_PROJECT_SITE = str(REK.projectSite)


@dataclass(frozen=True)
class ReconType:
    """A type of the service: an entity class of the ontology."""

    id: str  # the class IRI without the schema space: Company
    kind: str  # the IRI path segment of its entities: company
    labels: Mapping[str, str]
    broader: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.labels.get('en', self.id)} {self.labels.get('zh-Hans', '')}".strip()

    def as_json(self, types: Mapping[str, ReconType]) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.broader:
            out["broader"] = [types[b].as_json(types) for b in self.broader]
        return out


@dataclass(frozen=True)
class ReconProperty:
    """A property of the service: compared in queries (``query``), returned by data extension, or both."""

    id: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    kinds: frozenset[str] | None = None  # the kinds it applies to; None: every kind
    query: bool = False  # usable in a reconciliation query's ``properties``
    entity_type: str | None = None  # the type of its values when they are entities

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "description": self.description}


#: The properties, in the order they are proposed.
PROPERTIES: tuple[ReconProperty, ...] = (
    ReconProperty(
        "stockCode",
        "Stock code 股票代码",
        "Code of the listed company (000831, also 000831.SZ or SZ000831)",
        ("stock", "stock_code", "stockcode", "ticker", "tickerSymbol", "code"),
        ORGANIZATION_KINDS,
        query=True,
    ),
    ReconProperty(
        "subsidiaryOf",
        "Parent company 母公司",
        "Parent or shareholder, at any level up (a name in any script, or an identifier)",
        ("parent", "parentCompany", "parent_company", "owner", "shareholder"),
        ORGANIZATION_KINDS | {"mine", "facility", "project"},
        query=True,
        entity_type="Organization",
    ),
    ReconProperty(
        "locatedIn",
        "Location 所在地",
        "Place, at any level up (a county, city, province or country; a name in any script)",
        ("location", "place", "city", "province", "country", "site"),
        query=True,
        entity_type="Place",
    ),
    ReconProperty(
        "name_zh", "Chinese name 中文名", "Preferred name in simplified Chinese", ("zh", "zh-Hans")
    ),
    ReconProperty(
        "name_zh_hant",
        "Traditional Chinese name 繁体名",
        "Preferred name in traditional Chinese",
        ("zh-Hant",),
    ),
    ReconProperty("name_en", "English name 英文名", "Preferred name in English", ("en",)),
    ReconProperty(
        "type", "Type 类型", "The entity's class in the rekg ontology (Company, Mine …)", ("kind",)
    ),
)
_PROPERTY_KEYS = {
    key.casefold(): prop for prop in PROPERTIES for key in (prop.id, *prop.aliases, REK_IRI + prop.id)
}


def find_property(pid: str) -> ReconProperty | None:
    """A property by its identifier, an alias (``parent``, ``ticker`` …) or the ontology IRI; else None."""
    return _PROPERTY_KEYS.get(pid.strip().casefold())


def normalise_code(value: str) -> str:
    """A stock code without its exchange: ``SZ000831``, ``000831.SZ`` → ``000831``; digits padded to six (a
    spreadsheet's number 831 is 000831); a ticker upper-cased."""
    text = value.strip().upper()
    found = _CODE.match(text)
    if found:
        return found.group(1).zfill(6)
    return text.zfill(6) if text.isdigit() else text


@dataclass(frozen=True)
class Catalogue:
    """The service's view of one opened store."""

    index: NameIndex
    projection: EntityGraph
    describer: Describer
    types: Mapping[str, ReconType]  # by id, in the order of the ontology's kinds
    codes: Mapping[str, tuple[str, ...]]  # entity IRI → its stock codes
    by_code: Mapping[str, tuple[str, ...]]  # normalised stock code → entity IRIs

    @classmethod
    def build(
        cls, store: QuadStore, index: NameIndex, projection: EntityGraph, describer: Describer
    ) -> Catalogue:
        codes: dict[str, list[str]] = {}
        by_code: dict[str, list[str]] = {}
        for row in store.query(_STOCK_CODES):
            entity, code = (str(term) for term in row)  # type: ignore[union-attr]
            if code not in codes.setdefault(entity, []):
                codes[entity].append(code)
                by_code.setdefault(normalise_code(code), []).append(entity)
        return cls(
            index=index,
            projection=projection,
            describer=describer,
            types=_types(describer),
            codes={iri: tuple(found) for iri, found in codes.items()},
            by_code={code: tuple(sorted(set(found))) for code, found in by_code.items()},
        )

    # -- identifiers ---------------------------------------------------------------------------------------------

    @property
    def identifier_space(self) -> str:
        return f"{self.describer.minter.base}id/"

    def entity_id(self, iri: str) -> str:
        """The service's identifier of an entity: its IRI without the identifier space."""
        return iri.removeprefix(self.identifier_space) if self.describer.minter.parse(iri) else iri

    def entity_iri(self, identifier: str) -> str | None:
        """The IRI of an identifier (``company/slug``, or the whole IRI) of an entity the index knows."""
        text = identifier.strip()
        kind, _, slug = text.partition("/")
        if Describer.valid_path(kind, slug):
            text = self.identifier_space + text
        return text if self.index.entry(text) is not None else None

    def kinds_of(self, type_ids: Iterable[str]) -> frozenset[str]:
        """The kinds of entities that types name (a type names its own kind and those of narrower types):
        a type's identifier (Company), its kind (company) or its class IRI. BadRequestError for an unknown
        one."""
        kinds: set[str] = set()
        for given in type_ids:
            key = given.strip().removeprefix(REK_IRI).casefold()
            found = next((t for t in self.types.values() if key in (t.id.casefold(), t.kind)), None)
            if found is None:
                known = ", ".join(self.types)
                raise BadRequestError(f"unknown type {given[:100]!r}; use one of {known}")
            kinds.add(found.kind)
            kinds.update(t.kind for t in self.types.values() if found.id in t.broader)
        return frozenset(kinds)

    def type_of(self, iri: str) -> ReconType:
        kind = self.index.entry(iri).kind
        return next(t for t in self.types.values() if t.kind == kind)

    # -- facts ---------------------------------------------------------------------------------------------------

    def labels(self, iri: str) -> dict[str, str]:
        return dict(self.index.entry(iri).labels)

    def name(self, iri: str) -> str:
        """The name a candidate is shown by: simplified Chinese, else English, else any."""
        return label_in(self.labels(iri), "zh", self.entity_id(iri))

    def description(self, iri: str) -> str:
        """The English name (when it is not the name shown) and the type."""
        labels = self.labels(iri)
        english = labels.get("en", "")
        kind = self.type_of(iri).name
        return f"{english} · {kind}" if english and english != self.name(iri) else kind

    def owners(self, iri: str, depth: int = 1) -> list[str]:
        """Parents and shareholders, up to ``depth`` levels up, nearest first."""
        found: list[str] = []
        level = [iri]
        for _ in range(depth):
            level = [
                o for node in level for o in self.projection.owners_of(node) if o not in found and o != iri
            ]
            found.extend(dict.fromkeys(level))
            if not level:
                break
        return found

    def places(self, iri: str, depth: int = 1) -> list[str]:
        """Places (locatedIn, or a project's site), up to ``depth`` levels up, nearest first."""
        found: list[str] = []
        level = [iri]
        for _ in range(depth):
            level = [
                edge.target
                for node in level
                for edge in self.projection.outgoing(node)
                if edge.relation in (_LOCATED_IN, _PROJECT_SITE) and edge.target not in found
            ]
            found.extend(dict.fromkeys(level))
            if not level:
                break
        return found


def _types(describer: Describer) -> dict[str, ReconType]:
    by_kind = {kind: cls for cls, kind in ENTITY_CLASSES.items()}
    organisation = str(REK.Organization).removeprefix(REK_IRI)
    types = {}
    for kind in KIND_ORDER:
        iri = str(by_kind[kind])
        identifier = iri.removeprefix(REK_IRI)
        broader = (organisation,) if kind in ORGANIZATION_KINDS and identifier != organisation else ()
        types[identifier] = ReconType(identifier, kind, describer.vocabulary.term(iri), broader)
    return types
