"""The generation mark of an embedded store: a small file in the store's directory that every write moves on.

A reader (the server) cannot see a writer's changes without reopening the store, and it must not reopen one
part of itself (a query worker replaced after a kill) while the rest still shows the old data. So the writer
marks every write: ``writing`` before its transaction, the next generation after it. The server reads the
mark when it opens the store and watches it; when it changes, the server reopens the store and every view
built from it together (:mod:`rekg.api.state`), and starts no worker on newer data meanwhile.

The mark is written whole or not at all (a new file renamed over the old one). Oxigraph leaves files it does
not know alone, so the mark lives beside its own files and is copied with the directory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MARK_FILE = "rekg-generation.json"


@dataclass(frozen=True)
class Generation:
    """How many writes the store has had, and whether one is under way."""

    number: int = 0
    writing: bool = False


def read_generation(directory: Path) -> Generation:
    """The store's mark; generation 0 for a store that has none (never written by rekg, or unreadable)."""
    try:
        data = json.loads((directory / MARK_FILE).read_text(encoding="utf-8"))
        return Generation(int(data["generation"]), bool(data["writing"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Generation()


def _write(directory: Path, generation: Generation) -> None:
    temporary = directory / f".{MARK_FILE}.{os.getpid()}"
    temporary.write_text(
        json.dumps({"generation": generation.number, "writing": generation.writing}), encoding="utf-8"
    )
    os.replace(temporary, directory / MARK_FILE)


@contextmanager
def marked_write(directory: Path) -> Iterator[None]:
    """Mark a write: ``writing`` before it, the next generation once it is done (the same one if it failed,
    as nothing was written)."""
    number = read_generation(directory).number
    _write(directory, Generation(number, writing=True))
    done = False
    try:
        yield
        done = True
    finally:
        _write(directory, Generation(number + 1 if done else number))
