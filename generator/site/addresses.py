"""Every address of the site, decided once (docs/addresses.md).

    /cable/2007/12/07ULAANBAATAR693/          a cable (with 07ULAANBAATAR693.txt and .json)
    /cable/  /cable/2007/  /cable/2007/12/    the date index: years, months, a month's cables
    /tag/PGOV/  /country/mongolia/  /origin/embassy-ulaanbaatar/  /classification/secret/
    /released/2010/11/28/                     release dates
    .../2009/  .../2009/03/                   a long list split by year, then month

No folder grows with the collection beyond a month's cables or a taxonomy's terms.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from generator.cable import id_year

UNDATED = "undated"


# The longest slug: a folder name must stay far below the systems' 255 bytes, and an origin
# or country set by hand (or garbled) can be any length.
LONGEST_SLUG = 80


@lru_cache(maxsize=1 << 16)  # the same few thousand terms, in every row and term link
def slug(text: str) -> str:
    """`Embassy Rio De Janeiro` → `embassy-rio-de-janeiro`; stable, ASCII, lower case. A long
    one is cut, with a digest of the whole so that two long terms keep two addresses."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    made = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "unnamed"
    if len(made) <= LONGEST_SLUG:
        return made
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{made[: LONGEST_SLUG - 11].rstrip('-')}-{digest}"


def month_key(cable_id: str, created: str | None) -> tuple[str, str]:
    """(year, month) a cable is filed under: its created month, or its ID's year, undated."""
    if created:
        return created[:4], created[5:7]
    return f"{id_year(cable_id):04d}", UNDATED


def cable_url(cable_id: str, created: str | None) -> str:
    year, month = month_key(cable_id, created)
    return f"/cable/{year}/{month}/{cable_id}/"


def date_url(year: str | None = None, month: str | None = None) -> str:
    parts = [p for p in (year, month) if p]
    return "/cable/" + "".join(f"{p}/" for p in parts)


TAXONOMY_ROOTS = {
    "tag": "/tag/",
    "country": "/country/",
    "origin": "/origin/",
    "classification": "/classification/",
    "released": "/released/",
}


def term_url(taxonomy: str, term: str) -> str:
    """The page of one value of a taxonomy; tags keep their code, others are slugged."""
    key = term if taxonomy == "tag" else slug(term)
    return f"{TAXONOMY_ROOTS[taxonomy]}{key}/"


def file_for(url: str) -> str:
    """The file a URL is served from, relative to the site folder."""
    path = url.lstrip("/")
    return path + "index.html" if url.endswith("/") else path
