"""Every address of the site, decided once (docs/addresses.md).

    /cable/2007/12/07ULAANBAATAR693/          a cable (with 07ULAANBAATAR693.txt and .json)
    /cable/  /cable/2007/  /cable/2007/12/    the date index: years, months, a month's cables
    /tag/PGOV/  /country/mongolia/  /origin/embassy-ulaanbaatar/  /classification/secret/
    /released/2010-11-28/                     release dates
    .../2009/  .../2009/03/                   a long list split by year, then month

No folder grows with the collection beyond a month's cables or a taxonomy's terms. A page the
2010 site had is published at its old address too (`old_address`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Link:
    """A labelled address, for breadcrumbs, neighbours, term lists and group lists."""

    label: str
    url: str
    count: int | None = None
    note: str | None = None


_CABLE_FOLDER = re.compile(r"\d\d[A-Z]")


def old_address(url: str) -> str | None:
    """Where the 2010 site had the page at `url`, if it had it: a cable
    (`/cable/2007/12/07ULAANBAATAR693.html`), a month of cables (`/date/2007-12_0.html`), a
    tag (`/tag/PGOV_0.html`), a release date (`/reldate/2010-11-28_0.html`). The page is
    written there too, byte for byte, so that an old link, its `#par5` included, lands on it
    with no redirect and no script (docs/addresses.md)."""
    if not url.endswith("/"):
        return None
    parts = url[1:-1].split("/")
    root = parts[0]
    if root == "cable" and len(parts) in (3, 4) and parts[2].isdigit():  # not undated
        if len(parts) == 4 and _CABLE_FOLDER.match(parts[3]):
            return f"/cable/{parts[1]}/{parts[2]}/{parts[3]}.html"
        if len(parts) == 3:
            return f"/date/{parts[1]}-{parts[2]}_0.html"
    elif root == "tag" and len(parts) == 2:
        return f"/tag/{parts[1]}_0.html"
    elif root == "released" and len(parts) == 2:
        return f"/reldate/{parts[1]}_0.html"
    return None


def file_for(url: str) -> str:
    """The file a URL is served from, relative to the site folder."""
    path = url.lstrip("/")
    return path + "index.html" if url.endswith("/") else path
