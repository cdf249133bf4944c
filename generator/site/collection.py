"""Indexes over all records: what the page plan needs to know about the whole collection.

The collection holds a light `Entry` per cable (what a list row shows), not the full text, so
it stays small at a quarter of a million cables; the full records go to the pages one by one.
"""

from __future__ import annotations

import heapq
import sys
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from operator import attrgetter

from generator.cable import Cable
from generator.site.addresses import cable_url, month_key
from generator.site.indexes import INDEXES, values_of


@dataclass(frozen=True, slots=True)
class Entry:
    """One cable as lists show it. Slotted, its month and sort key made once: the main
    process holds a quarter of a million of these, and every render worker reads them."""

    id: str
    created: str | None
    released: str | None
    subject: str | None
    classification: str | None
    origin: str | None
    url: str
    synthetic: bool = False
    countries: tuple[str, ...] = ()  # what its page names, its origin's country included
    # Its tags that name no country (those lead onward as its countries): the rarest leads
    # to cables that share it.
    topic_tags: tuple[str, ...] = ()
    # When it was published on the site: its release date, else when it was added.
    published: str | None = None
    month: tuple[str, str] = field(init=False, compare=False, repr=False)
    # Newest first sorts on this descending: the date, then the ID for a stable order.
    sort_key: tuple[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        month = _shared_month(month_key(self.id, self.created))
        object.__setattr__(self, "month", month)
        object.__setattr__(self, "sort_key", (self.created or f"{month[0]}-00-00", self.id))

    def __reduce__(self) -> tuple[Callable[..., Entry], tuple[object, ...]]:
        """Pickled as its values, in slot order. The dataclass's own way sets each slot in a
        Python loop over its fields, much slower for the quarter of a million entries a
        rebuild loads with the manifest (docs/benchmarks.md)."""
        return _restore, _VALUES(self)


_MONTHS: dict[tuple[str, str], tuple[str, str]] = {}


def _shared_month(month: tuple[str, str]) -> tuple[str, str]:
    """One tuple a month, shared by its entries (and so pickled once)."""
    return _MONTHS.setdefault(month, month)


_VALUES = attrgetter(*Entry.__slots__)
_SETTERS = tuple(getattr(Entry, name).__set__ for name in Entry.__slots__)
_SET_MONTH = Entry.month.__set__  # type: ignore[attr-defined]
_SET_TOPIC_TAGS = Entry.topic_tags.__set__  # type: ignore[attr-defined]
_SET_PUBLISHED = Entry.published.__set__  # type: ignore[attr-defined]


def _restore(*values: object) -> Entry:
    """An entry from the values `__reduce__` gave, its month, tags and date of publication
    shared with the other entries that have them (each entry read from a worker, or from
    the manifest, comes with copies of its own)."""
    entry = object.__new__(Entry)
    for put, value in zip(_SETTERS, values, strict=True):
        put(entry, value)
    _SET_MONTH(entry, _shared_month(entry.month))
    tags = entry.topic_tags
    _SET_TOPIC_TAGS(entry, _TAGS.setdefault(tags, tags))
    if entry.published is not None:
        _SET_PUBLISHED(entry, sys.intern(entry.published))
    return entry


def entry_of(cable: Cable, countries: tuple[str, ...] = ()) -> Entry:
    named = {country.code for country in cable.countries}
    tags = tuple(sys.intern(tag) for tag in cable.tags if tag not in named)
    return Entry(
        id=cable.id,
        created=cable.created,
        released=cable.released,
        subject=cable.subject,
        classification=cable.classification,
        origin=cable.origin,
        url=cable_url(cable.id, cable.created),
        synthetic=cable.synthetic,
        countries=_COUNTRIES.setdefault(countries, countries),
        topic_tags=_TAGS.setdefault(tags, tags),
        published=_shared(cable.released or cable.added),
    )


def _shared(text: str | None) -> str | None:
    """One string for a value many entries hold (a release date, an import's moment)."""
    return None if text is None else sys.intern(text)


_COUNTRIES: dict[tuple[str, ...], tuple[str, ...]] = {}  # the same few thousand, shared
_TAGS: dict[tuple[str, ...], tuple[str, ...]] = {}  # many cables share their tags


@dataclass(frozen=True)
class Light:
    """What the indexes need of one cable, small enough to hold for a quarter million."""

    entry: Entry
    terms: dict[str, list[str]]
    references: tuple[str, ...]


def light_of(cable: Cable) -> Light:
    """What the collection keeps of a cable; its countries (places looked up) made here once,
    in the worker that parsed it, so that no later stage needs the place tables."""
    values = values_of(cable)
    entry = entry_of(cable, tuple(values.get("country", ())))
    return Light(entry, values, tuple(r.id for r in cable.references if r.id))


# Cables shown on each side of a cable in the lists that lead onward from its page: its
# rarest tag's, its country's (a broad one), its origin's (those of the same week).
EACH_SIDE = {"tag": 2, "country": 1, "week": 2}


@dataclass(frozen=True)
class Onward:
    """Where a cable's page leads: the cables before and after it by date in the whole
    collection, and a few that share its rarest tag, its country, its origin and week, as
    groups `(kind, value, entries)`: `("tag", "PREF", [...])`, `("country", "Mongolia",
    [...])`, `("week", "Embassy Ulaanbaatar", [...])`; newest first, no cable in two, nor
    one the page shows as before or after it.

    Every cable shown is a neighbour of the cable in a list the collection keeps sorted
    (by date, a tag's, a country's, an origin's), so adding a cable changes the pages of
    its neighbours only (`Collection.update`)."""

    older: Entry | None
    newer: Entry | None
    groups: list[tuple[str, str, list[Entry]]]
    older_from_origin: Entry | None = None  # as `Collection.neighbours` gives them
    newer_from_origin: Entry | None = None


def rarity(count: int) -> int:
    """How rare a tag of `count` cables counts as: by powers of two, so that a cable
    added changes which tag is another's rarest only when a count crosses one."""
    return count.bit_length()


@cache
def week_of(day: str) -> tuple[str, str]:
    """The first and last day (Monday, Sunday) of an ISO day's week: a date is in the week
    where `first <= date[:10] <= last`, compared as text. Kept: many cables share a day."""
    when = date.fromisoformat(day)
    monday = when - timedelta(days=when.weekday())
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


@dataclass
class Collection:
    """Every cable's entry, newest first, and the indexes built over them."""

    entries: dict[str, Entry] = field(default_factory=dict)
    terms: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {name: defaultdict(list) for name in INDEXES}
    )
    references: dict[str, list[str]] = field(default_factory=dict)
    # Per cable cited, in the collection or not, the cables citing it: a cable added later
    # finds the cables citing it without a pass over every reference.
    cited_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    months: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    newest: list[str] = field(default_factory=list)
    # Each cable's place in `newest`, so in every newest-first list: where a page's
    # neighbours are is found by a binary search in C (`_position`). Not kept with the
    # manifest: made again when loaded.
    _rank: dict[str, int] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        del state["_rank"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._rank = _ranks(self.newest)

    def add(self, cable: Cable) -> None:
        """Index one cable; call `finish` once all are added."""
        self.add_light(light_of(cable))

    def add_light(self, light: Light) -> None:
        """Index what the collection needs of one cable (no text: it stays small)."""
        entry = light.entry
        self.entries[entry.id] = entry
        for taxonomy, values in light.terms.items():
            for value in values:
                self.terms[taxonomy][value].append(entry.id)
        self.references[entry.id] = list(light.references)

    def finish(self) -> Collection:
        """Sort every list newest first and resolve references to cables in the collection."""
        key = {cable_id: entry.sort_key for cable_id, entry in self.entries.items()}.__getitem__
        self.newest = sorted(self.entries, key=key, reverse=True)
        self._rank = _ranks(self.newest)
        for taxonomy in self.terms.values():
            for ids in taxonomy.values():
                ids.sort(key=key, reverse=True)
        for cable_id in self.newest:
            self.months[self.entries[cable_id].month].append(cable_id)
        for citing, cited in self.references.items():
            for target in dict.fromkeys(cited):
                if target != citing:
                    self.cited_by[target].append(citing)
        for citing in self.cited_by.values():
            citing.sort(key=key, reverse=True)
        return self

    def update(self, gone: list[Light], new: list[Light]) -> set[str]:
        """Take out the cables of `gone` and put in those of `new` in a finished collection,
        leaving it as `finish` would have made it: a rebuild after a few cables changed
        does not sort a quarter of a million entries again. An edited cable is in both.

        Returns the cables whose pages may show a change: the changed ones, their neighbours
        before and after, the cables they cite and those citing them.
        """
        touched = self._around([light.entry.id for light in gone])
        tags = {tag for light in (*gone, *new) for tag in light.terms.get("tag", ())}
        counts = {tag: len(self.terms["tag"].get(tag, ())) for tag in tags}
        for light in gone:
            self._take_out(light)
        for light in new:
            entry = light.entry
            self.entries[entry.id] = entry
            self.references[entry.id] = list(light.references)
            for taxonomy, values in light.terms.items():
                for value in values:
                    self._insert(self.terms[taxonomy][value], entry.id)
            self._insert(self.newest, entry.id)
            self._insert(self.months[entry.month], entry.id)
        self._rank = _ranks(self.newest)
        for light in new:
            cable_id = light.entry.id
            for target in dict.fromkeys(light.references):
                if target != cable_id:
                    self._insert(self.cited_by[target], cable_id)
        touched |= self._around([light.entry.id for light in new])
        for tag in tags:  # all a tag's cables, when it may now be rarer or commoner than another
            if rarity(len(self.terms["tag"].get(tag, ()))) != rarity(counts[tag]):
                touched.update(self.terms["tag"].get(tag, ()))
        return touched & self.entries.keys()

    def _around(self, ids: list[str]) -> set[str]:
        """The cables in `ids` and those whose pages show them: before and after each in
        every sorted list a page leads onward from, the cables it cites and those citing
        it."""
        found = set(ids)
        terms, beside = self.terms, self._beside
        origin_side = max(1, EACH_SIDE["week"])  # its neighbours from the origin, its week
        for cable_id in ids:
            entry = self.entries[cable_id]
            found.update(beside(self.newest, cable_id, 1))
            if entry.origin:
                found.update(beside(terms["origin"][entry.origin], cable_id, origin_side))
            for tag in entry.topic_tags:
                if tag in terms["tag"]:
                    found.update(beside(terms["tag"][tag], cable_id, EACH_SIDE["tag"]))
            for country in entry.countries:
                found.update(beside(terms["country"][country], cable_id, EACH_SIDE["country"]))
            found.update(self.cited_by.get(cable_id, ()))
            found.update(self.references.get(cable_id, ()))
        return found

    def _take_out(self, light: Light) -> None:
        cable_id = light.entry.id
        entry = self.entries.pop(cable_id)
        for taxonomy, values in light.terms.items():
            for value in values:
                ids = self.terms[taxonomy][value]
                ids.remove(cable_id)
                if not ids:
                    del self.terms[taxonomy][value]
        self.newest.remove(cable_id)
        self.months[entry.month].remove(cable_id)
        if not self.months[entry.month]:
            del self.months[entry.month]
        for target in dict.fromkeys(self.references.pop(cable_id)):
            if cable_id in self.cited_by.get(target, ()):
                self.cited_by[target].remove(cable_id)
                if not self.cited_by[target]:
                    del self.cited_by[target]

    def _insert(self, ids: list[str], cable_id: str) -> None:
        """Into a newest-first list, where `finish` would have sorted it: by the cables'
        dates (their ranks change as cables come in)."""
        entries = self.entries
        target = entries[cable_id].sort_key
        low, high = 0, len(ids)
        while low < high:
            middle = (low + high) // 2
            if entries[ids[middle]].sort_key > target:
                low = middle + 1
            else:
                high = middle
        ids.insert(low, cable_id)

    def neighbours(self, cable_id: str) -> tuple[Entry | None, Entry | None]:
        """The previous (older) and next (newer) cable from the same origin."""
        origin = self.entries[cable_id].origin
        if not origin:
            return None, None
        return self._either_side(self.terms["origin"][origin], cable_id)

    def _either_side(self, ids: list[str], cable_id: str) -> tuple[Entry | None, Entry | None]:
        """The cables just older and just newer than `cable_id` in a newest-first list."""
        at = self._position(ids, cable_id)
        older = self.entries[ids[at + 1]] if at + 1 < len(ids) else None
        newer = self.entries[ids[at - 1]] if at > 0 else None
        return older, newer

    def _beside(self, ids: list[str], cable_id: str, each_side: int) -> list[str]:
        """The cables on either side of `cable_id` in a newest-first list holding it, up to
        `each_side` on each, newest first."""
        at = self._position(ids, cable_id)
        return ids[max(0, at - each_side) : at] + ids[at + 1 : at + 1 + each_side]

    def rarest_tag(self, cable_id: str) -> str | None:
        """The cable's tag, of those naming no country, that the fewest other cables share
        (by `rarity`; of two as rare, the first in its TAGS line); None if no other cable
        shares one."""
        tags = self.terms["tag"]
        best, best_rarity = None, 0
        for tag in self.entries[cable_id].topic_tags:
            count = len(tags.get(tag, ()))
            if count > 1 and (best is None or rarity(count) < best_rarity):
                best, best_rarity = tag, rarity(count)
        return best

    def newest_published(self, count: int) -> list[Entry]:
        """The `count` cables published last on the site (`Entry.published`), newest first;
        of those published at once, the newest written first; those with no date last."""
        return heapq.nlargest(count, self.entries.values(), key=_by_publication)

    def onward(self, cable_id: str) -> Onward:
        """Where the cable's page leads (`Onward`), chosen from its neighbours in the
        sorted lists: no pass over the collection."""
        entry, entries, terms = self.entries[cable_id], self.entries, self.terms
        older, newer = self._either_side(self.newest, cable_id)
        origin = terms["origin"][entry.origin] if entry.origin else []
        from_origin = self._either_side(origin, cable_id) if origin else (None, None)
        groups: list[tuple[str, str, list[Entry]]] = []
        # A cable the page already links to (just before or after it) is not offered again.
        shown = {cable_id} | {e.id for e in (older, newer, *from_origin) if e is not None}

        def group(kind: str, value: str, ids: list[str]) -> None:
            fresh = [i for i in ids if i not in shown]
            if fresh:
                shown.update(fresh)
                groups.append((kind, value, [entries[i] for i in fresh]))

        tag = self.rarest_tag(cable_id)
        if tag is not None:
            group("tag", tag, self._beside(terms["tag"][tag], cable_id, EACH_SIDE["tag"]))
        if entry.countries:
            country = entry.countries[0]
            ids = self._beside(terms["country"][country], cable_id, EACH_SIDE["country"])
            group("country", country, ids)
        if origin and entry.created:
            first, last = week_of(entry.created[:10])
            near = self._beside(origin, cable_id, EACH_SIDE["week"])
            same = [i for i in near if first <= (entries[i].created or "")[:10] <= last]
            group("week", entry.origin, same)
        return Onward(older, newer, groups, *from_origin)

    def _position(self, ids: list[str], cable_id: str) -> int:
        """Where a cable of the collection is in a newest-first list holding it."""
        rank = self._rank
        return bisect_left(ids, rank[cable_id], key=rank.__getitem__)


def _ranks(newest: list[str]) -> dict[str, int]:
    return {cable_id: place for place, cable_id in enumerate(newest)}


def _by_publication(entry: Entry) -> tuple[str, tuple[str, str]]:
    return entry.published or "", entry.sort_key


def build_collection(cables: Iterable[Cable]) -> Collection:
    collection = Collection()
    for cable in cables:
        collection.add(cable)
    return collection.finish()
