"""The rekg ontology: Turtle file, SHACL shapes and the closed Python namespace."""

from rekg.ontology.files import ONTOLOGY_IRI, ONTOLOGY_TTL, REK_IRI, SHAPES_TTL
from rekg.ontology.namespace import REK
from rekg.ontology.vocabulary import (
    BUILT_KINDS,
    ENTITY_CLASSES,
    NAMESPACES,
    ORGANIZATION_KINDS,
    RELATION_PROPERTIES,
    SITE_KINDS,
    kind_of_class,
)

__all__ = [
    "BUILT_KINDS",
    "ENTITY_CLASSES",
    "NAMESPACES",
    "ONTOLOGY_IRI",
    "ONTOLOGY_TTL",
    "ORGANIZATION_KINDS",
    "REK",
    "REK_IRI",
    "RELATION_PROPERTIES",
    "SHAPES_TTL",
    "SITE_KINDS",
    "kind_of_class",
]
