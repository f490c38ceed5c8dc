"""How the ontology's terms are used by the rest of rekg: entity kinds, relation properties, prefixes."""

from __future__ import annotations

from types import MappingProxyType

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV

from rekg.ontology.files import REK_IRI
from rekg.ontology.namespace import REK

SCHEMA = Namespace("https://schema.org/")

#: The entity classes and the ``<kind>`` path segment of their IRIs (``/id/<kind>/<slug>``).
ENTITY_CLASSES: MappingProxyType[URIRef, str] = MappingProxyType(
    {
        REK.Organization: "organization",
        REK.EnterpriseGroup: "group",
        REK.Company: "company",
        REK.GovernmentBody: "government",
        REK.ResearchInstitution: "institute",
        REK.University: "university",
        REK.Association: "association",
        REK.Mine: "mine",
        REK.Facility: "facility",
        REK.Project: "project",
        REK.Policy: "policy",
        REK.Agreement: "agreement",
        REK.Place: "place",
        REK.Person: "person",
    }
)

#: Classes of the organisation family (an Organization or one of its subclasses).
ORGANIZATION_CLASSES = frozenset(
    {
        REK.Organization,
        REK.EnterpriseGroup,
        REK.Company,
        REK.GovernmentBody,
        REK.ResearchInstitution,
        REK.University,
        REK.Association,
    }
)

#: The kinds (IRI path segments) of those classes; of the places an organisation works (mines and
#: facilities), and of what is built, run or led (those and projects). Defined once, here.
ORGANIZATION_KINDS = frozenset(ENTITY_CLASSES[cls] for cls in ORGANIZATION_CLASSES)
SITE_KINDS = frozenset({ENTITY_CLASSES[REK.Mine], ENTITY_CLASSES[REK.Facility]})
BUILT_KINDS = SITE_KINDS | {ENTITY_CLASSES[REK.Project]}

#: Properties that link two entities; each extracted one also has a rek:Assertion.
RELATION_PROPERTIES = frozenset(
    {
        REK.subsidiaryOf,
        REK.hasSubsidiary,
        REK.shareholderOf,
        REK.foundedBy,
        REK.partnerOf,
        REK.operates,
        REK.operatedBy,
        REK.locatedIn,
        REK.leads,
        REK.participatesIn,
        REK.projectSite,
        REK.issuedBy,
        REK.cites,
        REK.party,
        REK.holdsPostIn,
    }
)

NAMESPACES: MappingProxyType[str, str] = MappingProxyType(
    {
        "rek": REK_IRI,
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "owl": str(OWL),
        "xsd": str(XSD),
        "skos": str(SKOS),
        "dcterms": str(DCTERMS),
        "prov": str(PROV),
        "org": str(ORG),
        "schema": str(SCHEMA),
    }
)

_KIND_TO_CLASS = {kind: cls for cls, kind in ENTITY_CLASSES.items()}


def kind_of_class(cls: URIRef) -> str:
    """The IRI path segment for an entity class; KeyError for a class that is not an entity class."""
    return ENTITY_CLASSES[cls]


def class_of_kind(kind: str) -> URIRef:
    """The entity class for an IRI path segment; KeyError for an unknown kind."""
    return _KIND_TO_CLASS[kind]


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace rekg uses, for query editors and examples."""
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in NAMESPACES.items())
