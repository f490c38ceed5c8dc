"""The store (backends), loading and export, names and lookups, and graph algorithms."""
