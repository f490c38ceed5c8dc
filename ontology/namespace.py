"""The rekg vocabulary as a closed namespace: a typo is an AttributeError, not a new IRI.

Generated from rekg.ttl by ``python -m rekg.ontology.generate``; do not edit by hand.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class REK(DefinedNamespace):
    """https://w3id.org/rekg/ontology"""

    _fail = True
    _NS = Namespace("https://w3id.org/rekg/ontology#")

    # classes
    Agreement: URIRef
    Assertion: URIRef
    Association: URIRef
    Company: URIRef
    EnterpriseGroup: URIRef
    Facility: URIRef
    GovernmentBody: URIRef
    Mine: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Policy: URIRef
    Project: URIRef
    Quantity: URIRef
    ResearchInstitution: URIRef
    SourceDocument: URIRef
    University: URIRef

    # object properties
    capacity: URIRef
    cites: URIRef
    foundedBy: URIRef
    hasSubsidiary: URIRef
    holdsPostIn: URIRef
    issuedBy: URIRef
    labelsPending: URIRef
    leads: URIRef
    locatedIn: URIRef
    mentionedIn: URIRef
    operatedBy: URIRef
    operates: URIRef
    participatesIn: URIRef
    partnerOf: URIRef
    party: URIRef
    projectSite: URIRef
    reserves: URIRef
    shareholderOf: URIRef
    sourceDocument: URIRef
    subsidiaryOf: URIRef

    # datatype properties
    checksum: URIRef
    confidence: URIRef
    date: URIRef
    documentNumber: URIRef
    endOffset: URIRef
    evidence: URIRef
    extractedBy: URIRef
    fileName: URIRef
    labelSource: URIRef
    quantityValue: URIRef
    role: URIRef
    sourcePath: URIRef
    standardCode: URIRef
    startOffset: URIRef
    stockCode: URIRef
    unit: URIRef
    year: URIRef
