"""The kinds of index a reader browses by: tag, country, origin, classification, release date.

One entry per kind says everything the site does with it: its address, its titles, a cable's
values in it, how its overview page groups them, whether the search page filters by it and
what the exported Markdown calls it. The collection, the plan, the navigation, the home page,
the search filters and the export all read this table, so a new kind of index is one entry
here (and, to show it on the cable page, a row in cable.html).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.cable import Cable
from generator.reference.posts import origin_country
from generator.reference.tags import GROUPS, tag_info
from generator.site.addresses import Link, slug

Sections = list[tuple[str, list[Link]]]


def _alphabetical(links: list[Link]) -> Sections:
    return [("", sorted(links, key=lambda link: link.label))]


@dataclass(frozen=True)
class IndexKind:
    """One kind of index: `name` is its key in the collection and the templates."""

    name: str
    root: str  # its address: the overview, with one page per value under it
    title: str  # the overview's heading and the navigation's label: `Tags`
    counted: str  # what the home page counts: `tags`
    values: Callable[[Cable], list[str]]  # a cable's values, in the order the page shows them
    term_title: Callable[[str], tuple[str, str | None]] = lambda term: (term, None)
    overview: Callable[[list[Link]], Sections] = _alphabetical
    address: Callable[[str], str] = slug  # a value's part of its page's address
    search_filter: str | None = None  # the search page's label for the filter, if any
    exported_as: str | None = None  # the taxonomy's name in exported front matter
    shown_when_empty: bool = True  # counted on the home page when no cable has a value

    def url(self, term: str) -> str:
        """The page of one value."""
        return f"{self.root}{self.address(term)}/"


INDEXES: dict[str, IndexKind] = {}


def register(kind: IndexKind) -> IndexKind:
    """Add a kind of index; the site has its pages from the next build on."""
    INDEXES[kind.name] = kind
    return kind


def term_url(name: str, term: str) -> str:
    """The page of one value of the index `name`."""
    return INDEXES[name].url(term)


def values_of(cable: Cable) -> dict[str, list[str]]:
    """A cable's values in every index."""
    return {name: kind.values(cable) for name, kind in INDEXES.items()}


# ---- the five kinds of the site ---------------------------------------------------------


def countries(cable: Cable) -> list[str]:
    """The countries a cable is about (its country tags) and the country it was sent from."""
    names = [country.name for country in cable.countries]
    if cable.origin and (home := origin_country(cable.origin)) and home not in names:
        names.append(home)
    return names


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
    """Which kind of post an origin is, for the origins' overview."""
    if origin.startswith("Embassy "):
        return "Embassies"
    if origin.startswith("Consulate "):
        return "Consulates"
    if origin.startswith("Mission ") or origin in ("UNVIE", "USEU Brussels"):
        return "Missions"
    if origin == "Secretary of State":
        return "The Department"
    return "Other posts"


def _tags_by_group(links: list[Link]) -> Sections:
    grouped: dict[str, list[Link]] = {group: [] for group in GROUPS}
    for link in sorted(links, key=lambda x: x.label):
        grouped[tag_info(link.label).group].append(link)
    return [(GROUP_TITLES[g], items) for g, items in grouped.items() if items]


def _origins_by_kind(links: list[Link]) -> Sections:
    kinds: dict[str, list[Link]] = {}
    for link in sorted(links, key=lambda x: x.label):
        kinds.setdefault(origin_kind(link.label), []).append(link)
    return sorted(kinds.items(), key=lambda kv: ORIGIN_KINDS.index(kv[0]))


def _by_level(links: list[Link]) -> Sections:
    order = {level: i for i, level in enumerate(CLASSIFICATION_ORDER)}
    return [("", sorted(links, key=lambda x: order.get(x.label, 99)))]


def _newest_first(links: list[Link]) -> Sections:
    return [("", sorted(links, key=lambda x: x.label, reverse=True))]


register(
    IndexKind(
        "tag",
        "/tag/",
        "Tags",
        "tags",
        values=lambda cable: list(cable.tags),
        term_title=lambda tag: (f"Tag {tag}", tag_info(tag).description),
        overview=_tags_by_group,
        address=lambda tag: tag,  # tags keep their code: /tag/PGOV/
        search_filter="Tag",
        exported_as="tags",
    )
)
register(
    IndexKind(
        "country",
        "/country/",
        "Countries",
        "countries",
        values=countries,
        search_filter="Country",
        exported_as="countries",
    )
)
register(
    IndexKind(
        "origin",
        "/origin/",
        "Origins",
        "origins",
        values=lambda cable: [cable.origin] if cable.origin else [],
        overview=_origins_by_kind,
        search_filter="Origin",
        exported_as="origins",
    )
)
register(
    IndexKind(
        "classification",
        "/classification/",
        "Classifications",
        "classifications",
        values=lambda cable: [cable.classification] if cable.classification else [],
        term_title=lambda level: (level.title().replace("//", " // "), None),
        overview=_by_level,
        search_filter="Classification",
        exported_as="classifications",
    )
)
register(
    IndexKind(
        "released",
        "/released/",
        "Release dates",
        "release dates",
        values=lambda cable: [cable.released[:10]] if cable.released else [],
        term_title=lambda day: (f"Released on {day}", None),
        overview=_newest_first,
        shown_when_empty=False,
    )
)
