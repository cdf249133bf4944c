"""No folder of the site grows with the collection beyond what Netlify accepts (54,000 files)."""

from __future__ import annotations

import random

from generator.cable import Cable, Country
from generator.site.addresses import file_for, old_address
from generator.site.collection import build_collection
from generator.site.folders import NETLIFY_FOLDER_LIMIT, crowded_folders, entries_per_folder
from generator.site.plan import plan_site
from generator.site.settings import SiteConfig

TAGS = ["PREL", "PGOV", "PTER", "PHUM", "ECON", "MARR", "KNNP", "ETRD", "SNAR", "EFIN"]
COUNTRIES = [
    ("IZ", "Iraq"),
    ("AF", "Afghanistan"),
    ("PK", "Pakistan"),
    ("IR", "Iran"),
    ("TU", "Turkey"),
    ("CH", "China"),
    ("RS", "Russia"),
    ("FR", "France"),
]
POSTS = [
    "BAGHDAD",
    "KABUL",
    "ISLAMABAD",
    "ANKARA",
    "BEIJING",
    "MOSCOW",
    "PARIS",
    "STATE",
    "TOKYO",
    "LONDON",
    "MADRID",
    "CAIRO",
]


def synthetic_cables(count: int, seed: int = 7):
    """Light records spread over 2004-2010 like the release, the densest month included."""
    rng = random.Random(seed)
    for serial in range(count):
        year = rng.choice([2004, 2005, 2006, 2007, 2008, 2009, 2009, 2009, 2010])
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        post = rng.choice(POSTS)
        country = rng.choice(COUNTRIES)
        tags = (*rng.sample(TAGS, 3), country[0])
        yield Cable(
            id=f"{year % 100:02d}{post}{serial + 1}",
            created=f"{year}-{month:02d}-{day:02d}T12:00:00Z",
            released=f"2011-0{rng.randint(1, 8)}-{rng.randint(10, 28)}T00:00:00Z",
            origin=f"Embassy {post.capitalize()}",
            classification=rng.choice(["SECRET", "CONFIDENTIAL", "UNCLASSIFIED"]),
            tags=tags,
            countries=(Country(*country),),
            subject=f"Subject {serial}",
        )


def test_layout_bound_at_full_scale() -> None:
    collection = build_collection(synthetic_cables(251_287))
    plan, _ = plan_site(collection, SiteConfig(), [])
    files = [file_for(page.url) for page in plan]
    for entry in collection.entries.values():
        folder = file_for(entry.url).removesuffix("index.html")
        files += [f"{folder}index.html", f"{folder}{entry.id}.txt", f"{folder}{entry.id}.json"]
    # Each page the 2010 site had is also at its old address: a cable beside its folder.
    urls = [page.url for page in plan] + [entry.url for entry in collection.entries.values()]
    files += [file_for(old) for url in urls if (old := old_address(url))]
    counts = entries_per_folder(files)
    biggest, size = counts.most_common(1)[0]
    assert crowded_folders(files) == []
    assert size < NETLIFY_FOLDER_LIMIT / 3, (biggest, size)
    # The biggest folders are months of cables: bounded by a month, not by the collection.
    assert biggest.startswith("cable/2009/")


def test_crowded_folder_is_reported() -> None:
    files = [f"cable/2009/01/{n}/index.html" for n in range(NETLIFY_FOLDER_LIMIT + 1)]
    assert crowded_folders(files) == ["/cable/2009/01/ holds 54,001 entries"]
