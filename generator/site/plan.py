"""The page plan: which pages exist, at which address, with which template and data.

Pure: it reads the collection and decides; it renders nothing, so a test can inspect the plan.
Long lists are split by time (year, then month, then day) rather than by page number, so a
list page's address keeps pointing at the same cables and adding one cable changes few pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

from markupsafe import Markup

from generator.cable import Cable
from generator.reference.tags import TagInfo, tag_info
from generator.site.addresses import UNDATED, Link, cable_url, date_url
from generator.site.collection import Collection, Entry, Light, Onward
from generator.site.indexes import INDEXES, IndexKind, term_url
from generator.site.markdown import contents_of
from generator.site.page import Page
from generator.site.settings import SiteConfig
from generator.site.sitemap import sitemap_parts
from generator.site.summary import summary_apart

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def period_label(key: str, level: int) -> str:
    """`2009` / `03` / `14` as a reader reads them at the year, month and day level."""
    if key == UNDATED:
        return "Undated"
    if level == 1:
        return MONTH_NAMES[int(key) - 1]
    return key.lstrip("0") if level == 2 else key


def _period(entry: Entry, level: int) -> str:
    """The year, month or day (level 0, 1, 2) of an entry: the periods a list splits into."""
    if level == 0:
        return entry.month[0]
    at = 5 if level == 1 else 8
    return entry.created[at : at + 2] if entry.created else UNDATED


def _runs(ids: list[str], key: Callable[[str], str]) -> Iterator[tuple[str, int, int]]:
    """(key, start, end) of each run of one key in `ids`. Each run's end is found by
    galloping, not by looking at every cable: a list of the whole release has a quarter of
    a million cables and a few dozen years."""
    start, count = 0, len(ids)
    while start < count:
        run = key(ids[start])
        step = 1
        while start + step < count and key(ids[start + step]) == run:
            step *= 2
        low, high = start + step // 2, min(start + step, count)  # low in the run, high not
        while high - low > 1:
            middle = (low + high) // 2
            if key(ids[middle]) == run:
                low = middle
            else:
                high = middle
        yield run, start, high
        start = high


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


@dataclass(frozen=True)
class Period:
    """One page of a list as its parent and its neighbours show it. The build keeps every
    list's periods, so that a rebuild plans again only the periods whose cables changed and
    the pages whose links to their neighbours did."""

    url: str
    depth: int  # 0 for the list's first page, then year, month, day
    name: str  # as its parent lists it: `2009`, `March`, `14`
    period: str  # in full: `March 2009` (empty on the first page)
    title: str
    count: int
    children: tuple[str, ...] = ()  # addresses of its periods; none when not split
    older: Link | None = None
    newer: Link | None = None


def period_path(listing_url: str, entry: Entry) -> list[str]:
    """The addresses of the periods `entry` falls in under a list at `listing_url`, from
    the list's first page down to its day, whether or not the list splits that far."""
    month, day = _period(entry, 1), _period(entry, 2)
    year = f"{listing_url}{entry.month[0]}/"
    return [listing_url, year, f"{year}{month}/", f"{year}{month}/{day}/"]


def changed_periods(lights: Iterable[Light]) -> set[str]:
    """The addresses of the periods, in every list, that hold one of these cables."""
    urls: set[str] = set()
    for light in lights:
        urls.update(period_path(date_url(), light.entry))
        for name, values in light.terms.items():
            if name in INDEXES:
                for value in values:
                    urls.update(period_path(INDEXES[name].url(value), light.entry))
    return urls


def plan_listing(
    listing: Listing,
    collection: Collection,
    limit: int,
    last: dict[str, Period] | None = None,
    changed: set[str] | frozenset[str] = frozenset(),
) -> tuple[list[Page], dict[str, Period]]:
    """The pages of one list, split by year, month, day while longer than `limit`; every
    period page links to the periods before and after it, across years. Also the list's
    periods, to keep for the next build.

    Given `last`, the periods of the last build, and `changed`, the addresses of the periods
    whose cables changed since (`period_path`), only the pages that differ are planned: the
    changed periods and those whose neighbours changed; the rest come from `last` unread.
    """
    tree = _ListTree(listing, collection, limit, last, changed)
    tree.visit(listing.url, 0, "", "", listing.title)
    pages = [tree.page(period) for period in tree.link_neighbours()]
    return pages, tree.periods


class _ListTree:
    """The periods of one list, computed where its cables changed and read from the last
    build elsewhere; the cables of a period are grouped only when a page needs them."""

    def __init__(
        self,
        listing: Listing,
        collection: Collection,
        limit: int,
        last: dict[str, Period] | None,
        changed: set[str] | frozenset[str],
    ) -> None:
        self.listing = listing
        self.entries = collection.entries
        self.limit = limit
        self.last = last
        self.changed = changed
        self.ids: dict[str, list[str]] = {listing.url: listing.ids}
        self.periods: dict[str, Period] = {}  # in page order: a period before its own
        self.fresh: set[str] = set()

    def visit(self, url: str, depth: int, name: str, period: str, title: str) -> None:
        last = self.last
        if last is not None and url not in self.changed and url in last:
            self._keep(url)
            return
        ids = self.ids_of(url)
        split = depth < 3 and (depth < self.listing.force_levels or len(ids) > self.limit)
        groups = self._group(url, depth) if split else {}
        children = tuple(f"{url}{key}/" for key in groups)
        self.periods[url] = Period(url, depth, name, period, title, len(ids), children)
        self.fresh.add(url)
        for key, child in zip(groups, children, strict=True):
            label = period_label(key, depth)
            full = f"{label} {period}".strip()
            self.visit(child, depth + 1, label, full, self._child_title(title, full))

    def _keep(self, url: str) -> None:
        """A period none of whose cables changed, and all below it, as the last build left
        them."""
        assert self.last is not None
        period = self.last[url]
        self.periods[url] = period
        for child in period.children:
            self._keep(child)

    def _child_title(self, parent_title: str, period: str) -> str:
        """`Tag PGOV: March 2009`, `Cables of March 2009`."""
        base = self.listing.extra.get("base_title", parent_title)
        return f"{base} {period}" if base.endswith(" of") else f"{base}: {period}"

    def ids_of(self, url: str) -> list[str]:
        """The cables of one period, newest first, grouped out of its parent's."""
        if url not in self.ids:
            parent = url[: url.rstrip("/").rindex("/") + 1]
            self._group(parent, self.periods[url].depth - 1)
        return self.ids[url]

    def _group(self, url: str, depth: int) -> dict[str, list[str]]:
        ids = self.ids_of(url)
        entries = self.entries
        groups: dict[str, list[str]] = {}
        # Newest first, a period's cables are side by side.
        for key, start, end in _runs(ids, lambda cable_id: _period(entries[cable_id], depth)):
            if key in groups:
                raise AssertionError(f"{url}: cables of {key} not side by side")
            groups[key] = ids[start:end]
        for key, members in groups.items():
            self.ids[f"{url}{key}/"] = members
        return groups

    def link_neighbours(self) -> list[Period]:
        """Link each period to the one before and after it at its depth; the periods whose
        page must be planned: the new and changed ones and those whose links changed."""
        by_depth: dict[int, list[str]] = {}
        for url, period in self.periods.items():
            if period.depth:
                by_depth.setdefault(period.depth, []).append(url)
        for urls in by_depth.values():
            links = [Link(self.periods[u].period, u, self.periods[u].count) for u in urls]
            for index, url in enumerate(urls):
                older = links[index + 1] if index + 1 < len(urls) else None
                newer = links[index - 1] if index > 0 else None
                period = self.periods[url]
                if (period.older, period.newer) != (older, newer):
                    self.periods[url] = replace(period, older=older, newer=newer)
                    self.fresh.add(url)
        return [period for url, period in self.periods.items() if url in self.fresh]

    def page(self, period: Period) -> Page:
        listing = self.listing
        ids = self.ids_of(period.url)
        anchors = period.depth == 2 and listing.extra.get("directory_anchors")
        shown = ids if anchors or not period.children else ids[:LATEST]
        entries = list(map(self.entries.__getitem__, shown))
        context: dict[str, Any] = {
            "title": period.title,
            "description": listing.description if period.depth == 0 else None,
            "crumbs": self._crumbs(period.url),
            "count": period.count,
            "older": period.older,
            "newer": period.newer,
            "depth": period.depth,
            "period": period.period,
            **listing.extra,
        }
        if not period.children:
            return Page(period.url, "list.html", {**context, "rows": entries, "groups": []})
        children = [self.periods[url] for url in period.children]
        context |= {
            "rows": [],
            "latest": entries[:LATEST],
            "groups": [Link(child.name, child.url, child.count) for child in children],
            "directory": entries if anchors else [],
            "unit": ("year", "month", "day")[period.depth],
        }
        return Page(period.url, "list.html", context)

    def _crumbs(self, url: str) -> tuple[Link, ...]:
        if url == self.listing.url:
            return self.listing.crumbs
        parent = self.periods[url[: url.rstrip("/").rindex("/") + 1]]
        return (*self._crumbs(parent.url), Link(parent.title, parent.url))


HOME = Link("Home", "/")
DATES = Link("Cables by date", date_url())
LATEST = 10  # newest cables shown on a list page that is split by period


def search_filters() -> list[tuple[str, str]]:
    """(name, label) of the search page's filters: the indexes that filter, and the year."""
    kinds = [(kind.name, kind.search_filter) for kind in INDEXES.values() if kind.search_filter]
    return [*kinds, ("year", "Year")]


def plan_site(
    collection: Collection,
    settings: SiteConfig,
    editorial: list[Page],
    shards: list[str] = (),
    last: dict[str, dict[str, Period]] | None = None,
    changed: set[str] | frozenset[str] = frozenset(),
) -> tuple[list[Page], dict[str, dict[str, Period]]]:
    """The site's pages but the cables' own (`cable_page`) and the files made from the
    whole site at the end (`site_files`), and every list's periods by the list's address.

    Given the periods of the last build (`last`) and the addresses of the periods whose
    cables changed since (`changed`), the list pages planned are only those that differ
    (`plan_listing`): a list with no changed period is taken from `last` as it is. The
    search page gets the names of the search shards and its budget (KB, docs/search.md).
    """
    limit = settings.list_limit
    pages: list[Page] = [*editorial]
    pages.append(_home(collection, settings.latest))
    pages.append(
        Page(
            "/search/",
            "search.html",
            {
                "title": "Search",
                "crumbs": (HOME,),
                "shards": list(shards),
                "budget": settings.search_budget_kb,
                "filters": search_filters(),
                "open_filters": False,
            },
        )
    )
    lists: dict[str, dict[str, Period]] = {}

    def unchanged(url: str) -> bool:
        return last is not None and url in last and url not in changed

    def plan(listing: Listing) -> None:
        before = last.get(listing.url) if last is not None else None
        planned, lists[listing.url] = plan_listing(listing, collection, limit, before, changed)
        pages.extend(planned)

    dates = date_url()
    if unchanged(dates):
        lists[dates] = last[dates]
    else:
        plan(
            Listing(
                url=dates,
                title=DATES.label,
                ids=collection.newest,
                crumbs=(HOME,),
                force_levels=2,
                extra={"base_title": "Cables of", "directory_anchors": True},
            )
        )
    for kind in INDEXES.values():
        terms = collection.terms[kind.name]
        pages.append(_overview(kind, collection))
        root = Link(kind.title, kind.root)
        for term, ids in sorted(terms.items()):
            url = kind.url(term)
            if unchanged(url):
                lists[url] = last[url]
                continue
            title, description = kind.term_title(term)
            plan(
                Listing(
                    url=url,
                    title=title,
                    ids=ids,
                    crumbs=(HOME, root),
                    description=description,
                    extra={"base_title": title, "taxonomy": kind.name, "term": term},
                )
            )
    return pages, lists


def _overview(kind: IndexKind, collection: Collection) -> Page:
    terms = collection.terms[kind.name]
    links = [
        Link(term, kind.url(term), len(ids), kind.term_title(term)[1])
        for term, ids in terms.items()
    ]
    return Page(
        kind.root,
        "overview.html",
        {
            "title": kind.title,
            "crumbs": (HOME,),
            "sections": kind.overview(links),
            "taxonomy": kind.name,
            "total_terms": len(links),
        },
    )


def _home(collection: Collection, latest: int) -> Page:
    counts = [
        (kind, len(collection.terms[kind.name]))
        for kind in INDEXES.values()
        if kind.shown_when_empty or collection.terms[kind.name]
    ]
    years = sorted({year for year, _ in collection.months})
    return Page(
        "/",
        "home.html",
        {
            "title": None,
            "total": len(collection.entries),
            "counts": counts,
            "years": (years[0], years[-1]) if years else None,
            "latest": (newest := collection.newest_published(latest)),
            "latest_days": published_days(newest),
            "synthetic": any(e.synthetic for e in collection.entries.values()),
        },
    )


def published_days(entries: list[Entry]) -> list[tuple[str | None, list[Entry]]]:
    """Entries in the order given, grouped by the day they were published (None: unknown),
    each group under the moment its first was published."""
    days: list[tuple[str | None, list[Entry]]] = []
    for entry in entries:
        day = entry.published[:10] if entry.published else None
        if days and (days[-1][0] or "")[:10] == (day or ""):
            days[-1][1].append(entry)
        else:
            days.append((entry.published, [entry]))
    return days


def nav_links(collection: Collection) -> list[Link]:
    """The navigation's links: the overview of each index that has a value."""
    return [Link(kind.title, kind.root) for kind in INDEXES.values() if collection.terms[kind.name]]


def cable_page(cable: Cable, collection: Collection, onward: Onward | None = None) -> Page:
    """A cable's page: its record, its contents (for a body of several sections), the cables
    it cites and those citing it, its neighbours from the same origin and by date, the
    groups of cables leading onward (`Collection.onward`, unless given), its tags and
    countries; its `.txt` and `.json` go beside it."""
    entries = collection.entries
    onward = onward or collection.onward(cable.id)
    url = cable_url(cable.id, cable.created)
    year, month = url.split("/")[2:4]
    countries = entries[cable.id].countries if cable.id in entries else ()
    tags = [tag_info(tag) for tag in cable.tags]
    context = {
        "title": cable.subject or cable.id,
        "cable": cable,
        "contents": contents_of(cable.body_markdown),
        "references": [(ref, entries.get(ref.id) if ref.id else None) for ref in cable.references],
        "cited_by": [entries[i] for i in collection.cited_by.get(cable.id, [])],
        "older": onward.older_from_origin,
        "newer": onward.newer_from_origin,
        "older_by_date": onward.older,
        "newer_by_date": onward.newer,
        "onward": [(onward_heading(kind, value), group) for kind, value, group in onward.groups],
        "month_url": date_url(year, month),
        "tags": tags,
        "countries": [Link(name, term_url("country", name)) for name in countries],
        "search_terms": search_terms(cable, tags, countries),
        "summary": summary_apart(cable),
        "crumbs": (
            HOME,
            DATES,
            Link(year, date_url(year)),
            Link(period_label(month, 1), date_url(year, month)),
        ),
    }
    return Page(url, "cable.html", context)


def search_terms(cable: Cable, tags: list[TagInfo], countries: Iterable[str]) -> Markup:
    """What the search index takes of a cable besides its own words: its origin, countries
    (but those a tag's description names already), each tag with what it means, the people
    named in its tags; escaped, apart by dots (written here: a template loop of filters
    costs several times as much on every cable page)."""
    described = {info.description for info in tags}
    words = [cable.origin or ""]
    words += [name for name in countries if name not in described]
    words += [f"{i.tag} {i.description}" if i.description else i.tag for i in tags]
    words += [person.name for person in cable.people if person.role == "tagged"]
    return Markup(" &middot; ".join([escape(word) for word in words]))


def taken_names() -> set[str]:
    """The first parts of the site's own addresses, which no editorial page may take."""
    own = {"search", "cable", "assets", "pagefind", "sitemaps", "404"}
    return own | {kind.root.strip("/") for kind in INDEXES.values()}


def onward_heading(kind: str, value: str) -> str:
    """The heading over a group of cables leading onward from a cable's page."""
    if kind == "tag":
        description = tag_info(value).description
        return f"Also tagged {value}" + (f": {description}" if description else "")
    if kind == "country":
        return f"More on {value}"
    return f"From {value} the same week"


def editorial_page(name: str, title: str, markdown: str) -> Page:
    """An editorial page of `content/pages/`, at `/<name>/`."""
    return Page(
        f"/{name}/",
        "page.html",
        {"title": title, "body": markdown, "crumbs": (HOME,), "description": None},
    )


def site_files(
    collection: Collection, urls: Iterable[str], settings: SiteConfig, assets: Iterable[str]
) -> list[Page]:
    """What is made from the whole site at the end: the stylesheet and scripts (by their
    addresses), the 404 page, the feed of the cables published last, the sitemaps of every
    page's address, robots.txt."""
    files = [Page(url, "asset", {"name": name}) for name, url in assets]
    files.append(Page("/404.html", "404.html", {"title": "Not found"}))
    newest = collection.newest_published(settings.feed_size)
    moments = [e.published or e.created for e in newest]
    updated = max(filter(None, moments), default="1970-01-01T00:00:00Z")
    files.append(Page("/feed.xml", "feed.xml", {"entries": newest, "updated": updated}))
    files += [Page(url, "sitemap", listed) for url, listed in sitemap_parts(sorted(urls))]
    files.append(Page("/robots.txt", "robots", {}))
    return files
