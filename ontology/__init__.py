"""The rekg ontology: Turtle file, SHACL shapes and the closed Python namespace."""

from rekg.ontology.files import ONTOLOGY_IRI, ONTOLOGY_TTL, REK_IRI, SHAPES_TTL
from rekg.ontology.namespace import REK
from rekg.ontology.vocabulary import ENTITY_CLASSES, NAMESPACES, RELATION_PROPERTIES, kind_of_class

__all__ = [
    "ENTITY_CLASSES",
    "NAMESPACES",
    "ONTOLOGY_IRI",
    "ONTOLOGY_TTL",
    "REK",
    "REK_IRI",
    "RELATION_PROPERTIES",
    "SHAPES_TTL",
    "kind_of_class",
]
