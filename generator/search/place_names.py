"""The other names of the collection's places, for the search page: `/search/places/`.

A reader who types `Ulan Bator` or `Bombay` finds nothing where the cables write Ulaanbaatar
and Mumbai. The build writes, from `generator/reference/places.py`, every other name of the
collection's origins, countries and large cities, with the name the collection uses, in one
small file per first letter, a to z (`u.gz`, gzip JSON: {"ulan bator": "Ulaanbaatar"}), so
that a query reads only the files of its words' first letters. The page searches under the
collection's name a name no cable holds, and offers it beside the results of a name some
cables hold (docs/search.md, "Other names of places").
"""

from __future__ import annotations

import gzip
import hashlib
import json
import string
from pathlib import Path

from generator.files import write_if_changed
from generator.reference.places import big_cities, other_names

FOLDER = "search/places"
# Cities this large are searched for where no post is named after them (Bombay for Mumbai);
# the page uses a name only where the cables hold it.
BIG_CITY = 1_000_000
VERSION = 2  # of the table's making: a change writes the files again


def places_key(totals: dict[str, dict[str, int]]) -> str:
    """What the place names depend on: the collection's origins and countries."""
    places = (sorted(totals.get("origin", {})), sorted(totals.get("country", {})))
    made_of = (VERSION, BIG_CITY, places)
    return hashlib.sha256(repr(made_of).encode()).hexdigest()


def write_place_names(site: Path, totals: dict[str, dict[str, int]]) -> None:
    """The files of other names (by first letter) for the origins and countries in `totals`
    (the filter counts of every shard), replacing those there."""
    names = other_names(totals.get("origin", {}), totals.get("country", {}), big_cities(BIG_CITY))
    # A file for every letter, so that the page never asks for one that is not there.
    by_letter: dict[str, dict[str, str]] = {letter: {} for letter in string.ascii_lowercase}
    for key, place in names.items():
        by_letter[key[0]][key] = place
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for letter, table in by_letter.items():
        data = json.dumps(table, ensure_ascii=False).encode()
        write_if_changed(folder / f"{letter}.gz", gzip.compress(data, mtime=0))
    for old in folder.iterdir():
        if old.name not in {f"{letter}.gz" for letter in by_letter}:
            old.unlink()
