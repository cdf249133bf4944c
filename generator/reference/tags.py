"""What a tag means and which group it belongs to, for the site to show beside each tag."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from generator.reference.countries import country_name
from generator.reference.data import read_table

GROUPS = ("subject", "country", "organisation", "region", "other")


@dataclass(frozen=True)
class TagInfo:
    """A tag, its group and its description (None where none is known)."""

    tag: str
    group: str
    description: str | None


@cache
def _table() -> dict[str, tuple[str, str]]:
    return {tag: (group, description) for tag, group, description in read_table("tags.tsv")}


@cache
def tag_info(tag: str) -> TagInfo:
    """Country tags are named from the FIPS table, the rest from data/tags.tsv."""
    if len(tag) == 2 and (name := country_name(tag)):
        return TagInfo(tag, "country", name)
    if tag in _table():
        group, description = _table()[tag]
        return TagInfo(tag, group, description)
    return TagInfo(tag, "other", None)
