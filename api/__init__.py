"""The FastAPI app: SPARQL protocol, REST lookups, entity pages and the network page."""
