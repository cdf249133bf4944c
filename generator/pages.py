"""The page plan: which pages exist, at which address, with which template and data.

Pure: it reads the collection and decides; it renders nothing, so a test can inspect the plan.
Long lists are split by time (year, then month, then day) rather than by page number, so a
list page's address keeps pointing at the same cables and adding one cable changes few pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.collection import Collection, Entry
from generator.tags import GROUPS, tag_info
from generator.urls import TAXONOMY_ROOTS, UNDATED, date_url, term_url

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Link:
    """A labelled address, for breadcrumbs, neighbours and group lists."""

    label: str
    url: str
    count: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Page:
    """One page to render: its address, template and the data the template reads."""

    url: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, hash=False)


def period_label(key: str, level: int) -> str:
    """`2009` / `03` / `14` as a reader reads them at the year, month and day level."""
    if key == UNDATED:
        return "Undated"
    if level == 1:
        return MONTH_NAMES[int(key) - 1]
    return key.lstrip("0") if level == 2 else key


def _periods(entries: list[Entry], level: int) -> list[str]:
    """The year, month or day (level 0, 1, 2) of each entry: the periods a list splits into.
    (Computed a list at a time: a full-release build asks for millions.)"""
    if level == 0:
        return [entry.month[0] for entry in entries]
    at = 5 if level == 1 else 8
    return [entry.created[at : at + 2] if entry.created else UNDATED for entry in entries]


@dataclass(frozen=True)
class Listing:
    """A list of cables to lay out over pages: where, under what title, how far to split."""

    url: str
    title: str
    ids: list[str]
    crumbs: tuple[Link, ...]
    description: str | None = None
    force_levels: int = 0  # levels split whatever the count (the date index: years, months)
    extra: dict[str, Any] = field(default_factory=dict, hash=False)


def plan_listing(listing: Listing, collection: Collection, limit: int) -> list[Page]:
    """The pages of one list, split by year, month, day while longer than `limit`; every
    period page links to the periods before and after it, across years."""
    pages = list(_plan_level(listing, collection, limit, level=0, label=""))
    by_depth: dict[int, list[Page]] = {}
    for page in pages:
        by_depth.setdefault(page.context["depth"], []).append(page)
    for depth, same in by_depth.items():
        if depth == 0:
            continue
        for index, page in enumerate(same):
            if index + 1 < len(same):
                page.context["older"] = _link_to(same[index + 1])
            if index > 0:
                page.context["newer"] = _link_to(same[index - 1])
    return pages


def _link_to(page: Page) -> Link:
    return Link(page.context["period"], page.url, page.context["count"])


def _plan_level(
    listing: Listing, collection: Collection, limit: int, level: int, label: str
) -> Iterator[Page]:
    entries = list(map(collection.entries.__getitem__, listing.ids))
    context: dict[str, Any] = {
        "title": listing.title,
        "description": listing.description,
        "crumbs": listing.crumbs,
        "count": len(entries),
        "older": None,
        "newer": None,
        "depth": level,
        "period": label,
        **listing.extra,
    }
    split = level < 3 and (level < listing.force_levels or len(entries) > limit)
    if not split:
        yield Page(listing.url, "list.html", {**context, "rows": entries, "groups": []})
        return
    groups: dict[str, list[str]] = {}
    for key, entry in zip(_periods(entries, level), entries, strict=True):
        groups.setdefault(key, []).append(entry.id)
    links = [
        Link(period_label(key, level), f"{listing.url}{key}/", len(ids))
        for key, ids in groups.items()
    ]
    directory = entries if level == 2 and listing.extra.get("directory_anchors") else []
    yield Page(
        listing.url,
        "list.html",
        {
            **context,
            "rows": [],
            "latest": entries[:LATEST],
            "groups": links,
            "directory": directory,
            "unit": ("year", "month", "day")[level],
        },
    )
    crumbs = (*listing.crumbs, Link(listing.title, listing.url))
    for key, ids in groups.items():
        period = f"{period_label(key, level)} {label}".strip()
        child = Listing(
            url=f"{listing.url}{key}/",
            title=_child_title(listing, period),
            ids=ids,
            crumbs=crumbs,
            description=None,
            force_levels=listing.force_levels,
            extra=listing.extra,
        )
        yield from _plan_level(child, collection, limit, level + 1, period)


def _child_title(parent: Listing, period: str) -> str:
    """`Tag PGOV: March 2009`, `Cables of March 2009`."""
    base = parent.extra.get("base_title", parent.title)
    return f"{base} {period}" if base.endswith(" of") else f"{base}: {period}"


HOME = Link("Home", "/")
LATEST = 10  # newest cables shown on a list page that is split by period


SEARCH_FILTERS = (
    ("tag", "Tag"),
    ("country", "Country"),
    ("origin", "Origin"),
    ("classification", "Classification"),
    ("year", "Year"),
)


def plan_site(
    collection: Collection, limit: int, editorial: list[Page], shards: list[str] = ()
) -> list[Page]:
    """Every page of the site except the cable pages themselves."""
    pages: list[Page] = [*editorial]
    pages.append(_home(collection))
    pages.append(
        Page(
            "/search/",
            "search.html",
            {
                "title": "Search",
                "crumbs": (HOME,),
                "shards": list(shards),
                "filters": SEARCH_FILTERS,
                "open_filters": False,
            },
        )
    )
    dates = Listing(
        url=date_url(),
        title="Cables by date",
        ids=collection.newest,
        crumbs=(HOME,),
        force_levels=2,
        extra={"base_title": "Cables of", "directory_anchors": True},
    )
    pages.extend(plan_listing(dates, collection, limit))
    for taxonomy in TAXONOMY_ROOTS:
        terms = collection.terms[taxonomy]
        pages.append(_overview(taxonomy, collection))
        root = Link(OVERVIEW_TITLES[taxonomy], TAXONOMY_ROOTS[taxonomy])
        for term, ids in sorted(terms.items()):
            title, description = term_title(taxonomy, term)
            listing = Listing(
                url=term_url(taxonomy, term),
                title=title,
                ids=ids,
                crumbs=(HOME, root),
                description=description,
                extra={"base_title": title, "taxonomy": taxonomy, "term": term},
            )
            pages.extend(plan_listing(listing, collection, limit))
    return pages


OVERVIEW_TITLES = {
    "tag": "Tags",
    "country": "Countries",
    "origin": "Origins",
    "classification": "Classifications",
    "released": "Release dates",
}


def term_title(taxonomy: str, term: str) -> tuple[str, str | None]:
    """A term page's heading and the line that explains it."""
    if taxonomy == "tag":
        info = tag_info(term)
        return f"Tag {term}", info.description
    if taxonomy == "released":
        return f"Released on {term}", None
    if taxonomy == "classification":
        return term.title().replace("//", " // "), None
    return term, None


def _overview(taxonomy: str, collection: Collection) -> Page:
    terms = collection.terms[taxonomy]
    links = [
        Link(term, term_url(taxonomy, term), len(ids), term_title(taxonomy, term)[1])
        for term, ids in terms.items()
    ]
    if taxonomy == "tag":
        grouped: dict[str, list[Link]] = {group: [] for group in GROUPS}
        for link in sorted(links, key=lambda x: x.label):
            grouped[tag_info(link.label).group].append(link)
        sections = [(GROUP_TITLES[g], items) for g, items in grouped.items() if items]
    elif taxonomy == "released":
        sections = [("", sorted(links, key=lambda x: x.label, reverse=True))]
    elif taxonomy == "classification":
        order = {level: i for i, level in enumerate(CLASSIFICATION_ORDER)}
        sections = [("", sorted(links, key=lambda x: order.get(x.label, 99)))]
    elif taxonomy == "origin":
        kinds: dict[str, list[Link]] = {}
        for link in sorted(links, key=lambda x: x.label):
            kinds.setdefault(origin_kind(link.label), []).append(link)
        sections = sorted(kinds.items(), key=lambda kv: ORIGIN_KINDS.index(kv[0]))
    else:
        sections = [("", sorted(links, key=lambda x: x.label))]
    return Page(
        TAXONOMY_ROOTS[taxonomy],
        "overview.html",
        {
            "title": OVERVIEW_TITLES[taxonomy],
            "crumbs": (HOME,),
            "sections": sections,
            "taxonomy": taxonomy,
            "total_terms": len(links),
        },
    )


GROUP_TITLES = {
    "subject": "Subjects",
    "country": "Countries",
    "organisation": "Organisations",
    "region": "Regions",
    "other": "Other tags",
}
CLASSIFICATION_ORDER = (
    "TOP SECRET",
    "SECRET",
    "CONFIDENTIAL",
    "LIMITED OFFICIAL USE",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "UNCLASSIFIED",
)
ORIGIN_KINDS = ["Embassies", "Consulates", "Missions", "The Department", "Other posts"]


def origin_kind(origin: str) -> str:
    if origin.startswith("Embassy "):
        return "Embassies"
    if origin.startswith("Consulate "):
        return "Consulates"
    if origin.startswith("Mission ") or origin in ("UNVIE", "USEU Brussels"):
        return "Missions"
    if origin == "Secretary of State":
        return "The Department"
    return "Other posts"


def _home(collection: Collection) -> Page:
    counts = {name: len(terms) for name, terms in collection.terms.items()}
    years = sorted({e.month[0] for e in collection.entries.values()})
    return Page(
        "/",
        "home.html",
        {
            "title": None,
            "total": len(collection.entries),
            "counts": counts,
            "years": (years[0], years[-1]) if years else None,
            "latest": [collection.entries[i] for i in collection.newest[:20]],
            "synthetic": any(e.synthetic for e in collection.entries.values()),
        },
    )
