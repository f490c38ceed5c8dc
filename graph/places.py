"""Places known by name (``seeds/places.tsv``): the world's countries, China's administrative divisions, the
states of a few mining countries and the world's cities of 50,000 people or more.

They are a lexicon, not curated entities: a place becomes an entity of the graph only when a document names
it. Countries carry their English names, which generated English names use (巴西矿业 → Brazil Mining).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekg.errors import ValidationError
from rekg.seeds import PLACES_TSV, PLACES_WORLD_TSV

LEVELS = frozenset({"country", "province", "prefecture", "county", "region", "city"})


@dataclass(frozen=True)
class Place:
    name: str  # zh-Hans (English for the regions of other countries: Western Australia)
    english: str  # empty when only pinyin is known
    level: str  # country, province, prefecture, county, region, city
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@cache
def places(path: Path = PLACES_TSV, world: Path | None = PLACES_WORLD_TSV) -> tuple[Place, ...]:
    """The places of the lexicon, in file order: the generated list, then the curated Chinese names of world
    places (``seeds/places_world.tsv``), whose other names join a place the first list already has."""
    out = {place.name: place for place in _read(path)}
    for place in _read(world) if world is not None and world.exists() else ():
        known = out.get(place.name)
        if known is None:
            out[place.name] = place
        else:
            more = tuple(a for a in place.aliases if a not in known.aliases)
            out[place.name] = Place(
                known.name, known.english or place.english, known.level, known.aliases + more
            )
    return tuple(out.values())


def _read(path: Path) -> list[Place]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ValidationError(f"cannot read the place lexicon {path}: {e}") from e
    out = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[0] or fields[2] not in LEVELS:
            raise ValidationError(f"{path.name}:{number}: expected name, English, level and other names")
        name, english, level, aliases = fields
        out.append(Place(name, english, level, tuple(a for a in aliases.split(",") if a)))
    return out


@cache
def place_english() -> dict[str, str]:
    """Chinese place name (and other names) → English, where the lexicon has one (the countries)."""
    return {
        name: place.english
        for place in places()
        if place.english
        for name in place.names
        if name != place.english
    }
