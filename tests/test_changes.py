"""A rebuild after a few cables changed updates the collection in place and plans only the
pages that differ: the collection it gets equals one made afresh, the pages it plans equal
those of a full plan, and every page it does not plan is as the last build planned it."""

from __future__ import annotations

import dataclasses
import pickle
import random
from datetime import date
from itertools import groupby

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cable import Cable
from generator.site.collection import EACH_SIDE, Collection, Light, light_of
from generator.site.plan import _runs, changed_periods, plan_site
from generator.site.settings import SiteConfig
from tests.test_layout import synthetic_cables

LIMIT = 8  # small lists split down to days, so every level of the plan is exercised
SETTINGS = SiteConfig(list_limit=LIMIT)


def _lights(count: int, seed: int) -> list[Light]:
    rng = random.Random(seed)
    cables: list[Cable] = list(synthetic_cables(count, seed))
    ids = [cable.id for cable in cables] + ["99NOWHERE1"]  # a reference to no cable
    lights = []
    for cable in cables:
        if rng.random() < 0.03:
            cable = dataclasses.replace(cable, created=None)  # undated
        cites = tuple(rng.sample(ids, rng.randint(0, 3)))
        light = light_of(cable)
        lights.append(Light(light.entry, light.terms, cites))
    return lights


def _edit(light: Light, rng: random.Random) -> Light:
    """The same cable under another subject, date or set of tags."""
    entry = dataclasses.replace(light.entry, subject="Edited")
    terms = dict(light.terms)
    if rng.random() < 0.5:
        created = f"2003-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T00:00:00Z"
        entry = dataclasses.replace(entry, created=created, url=f"/cable/2003/{light.entry.id}/")
    if rng.random() < 0.5:
        terms["tag"] = ["EDITED", *terms["tag"][1:]]
        kept = [tag for tag in terms["tag"] if tag in entry.topic_tags or tag == "EDITED"]
        entry = dataclasses.replace(entry, topic_tags=tuple(kept))
    return Light(entry, terms, light.references)


def _collection(lights: list[Light]) -> Collection:
    collection = Collection()
    for light in lights:
        collection.add_light(light)
    return collection.finish()


def _state(collection: Collection) -> dict:
    """Everything `finish` decides, with list order and without empty lists."""
    return {
        "entries": collection.entries,
        "terms": {t: {k: v for k, v in ts.items() if v} for t, ts in collection.terms.items()},
        "references": collection.references,
        "cited_by": {k: v for k, v in collection.cited_by.items() if v},
        "months": {k: v for k, v in collection.months.items() if v},
        "newest": collection.newest,
    }


def _cable_page(collection: Collection, cable_id: str) -> tuple:
    """What a cable's page shows of other cables."""
    older, newer = collection.neighbours(cable_id)
    references = collection.references[cable_id]
    return (
        collection.entries[cable_id],
        older,
        newer,
        collection.onward(cable_id),
        collection.cited_by.get(cable_id, []),
        [collection.entries.get(i) for i in references],
    )


@pytest.mark.parametrize("seed", range(6))
def test_a_rebuild_plans_what_a_full_plan_would_and_nothing_else(seed: int) -> None:
    rng = random.Random(seed)
    pool = _lights(700, seed)
    before = rng.sample(pool, 600)
    changed = rng.sample(before, 12)
    edited = changed[6:]  # and the first six deleted
    added = [light for light in pool if light not in before][: rng.randint(1, 20)]
    new = added + [_edit(light, rng) for light in edited]
    after = [light for light in before if light not in changed] + new

    last = _collection(before)
    last_pages, last_lists = plan_site(last, SETTINGS, [])
    collection = _collection(before)
    touched = collection.update(changed, new)
    fresh = _collection(after)
    assert _state(collection) == _state(fresh)

    periods = changed_periods(new + changed)
    planned, lists = plan_site(collection, SETTINGS, [], [], last_lists, periods)
    full, full_lists = plan_site(fresh, SETTINGS, [], [])
    assert {url: list(periods.items()) for url, periods in lists.items()} == {
        url: list(periods.items()) for url, periods in full_lists.items()
    }
    full_pages = {page.url: page for page in full}
    assert all(page == full_pages[page.url] for page in planned)
    left = {page.url: page for page in last_pages}
    unplanned = full_pages.keys() - {page.url for page in planned}
    assert all(full_pages[url] == left[url] for url in unplanned)
    assert len(planned) < len(full) / 2

    for cable_id in fresh.entries:
        if cable_id not in last.entries or _cable_page(last, cable_id) != _cable_page(
            fresh, cable_id
        ):
            assert cable_id in touched, cable_id


@given(st.lists(st.integers(0, 6), max_size=300))
def test_runs_found_by_galloping_are_those_of_a_pass_over_every_item(values: list[int]) -> None:
    ids = [str(value) for value in sorted(values, reverse=True)]
    runs = [(key, end - start) for key, start, end in _runs(ids, str)]
    assert runs == [(key, len(list(group))) for key, group in groupby(ids)]


def test_a_collection_comes_back_from_a_pickle_as_it_was() -> None:
    """The manifest keeps the collection pickled, and entries pickle their own way
    (`Entry.__reduce__`): every field, month and sort key must come back."""
    collection = _collection(_lights(300, 1))
    copy = pickle.loads(pickle.dumps(collection, pickle.HIGHEST_PROTOCOL))
    assert _state(copy) == _state(collection)
    for cable_id, entry in collection.entries.items():
        kept = copy.entries[cable_id]
        assert (kept.month, kept.sort_key, kept.synthetic) == (
            entry.month,
            entry.sort_key,
            entry.synthetic,
        )
    assert copy._rank == collection._rank  # where each cable stands, kept up to date


def _small_lights(count: int, seed: int) -> list[Light]:
    """Cables over a few weeks from two origins, with tags drawn unevenly from a small set:
    tags of two, three, five cables, whose counts cross powers of two as cables come and go
    (which tag is a cable's rarest then changes)."""
    rng = random.Random(seed)
    lights = []
    for serial, cable in enumerate(synthetic_cables(count, seed)):
        day = rng.randint(1, 21)
        tags = tuple(rng.sample(["A", "B", "C", "D", "E", "F"], rng.randint(1, 3)))
        tags += tuple(rng.choices(["R1", "R2", "R3", "R4"], k=rng.randint(0, 1)))
        cable = dataclasses.replace(
            cable,
            created=f"2009-03-{day:02d}T{serial % 24:02d}:00:00Z",
            origin=rng.choice(["Embassy Paris", "Embassy Rome"]),
            tags=tags,
        )
        lights.append(light_of(cable))
    return lights


@pytest.mark.parametrize("seed", range(40))
def test_every_page_showing_a_change_is_touched(seed: int) -> None:
    """A page leads onward to its neighbours in the date list, its rarest tag's, its
    country's and its origin's: after any change, every cable whose page shows another
    cable, or another group, is among those `update` says were touched."""
    rng = random.Random(seed)
    pool = _small_lights(40, seed)
    before = rng.sample(pool, 30)
    changed = rng.sample(before, rng.randint(1, 3))
    added = [light for light in pool if light not in before][: rng.randint(0, 3)]
    new = added + [_edit(light, rng) for light in changed[1:]]
    after = [light for light in before if light not in changed] + new

    last = _collection(before)
    collection = _collection(before)
    touched = collection.update(changed, new)
    fresh = _collection(after)
    assert _state(collection) == _state(fresh)
    for cable_id in fresh.entries:
        if cable_id not in last.entries or _cable_page(last, cable_id) != _cable_page(
            fresh, cable_id
        ):
            assert cable_id in touched, cable_id


def test_onward_groups_are_neighbours_in_sorted_lists() -> None:
    collection = _collection(_small_lights(40, 3))
    for cable_id, entry in collection.entries.items():
        onward = collection.onward(cable_id)
        ids = collection.newest
        at = ids.index(cable_id)
        assert onward.newer == (collection.entries[ids[at - 1]] if at else None)
        assert onward.older == (collection.entries[ids[at + 1]] if at + 1 < len(ids) else None)
        shown = [e.id for _, _, group in onward.groups for e in group]
        assert len(shown) == len(set(shown)) and cable_id not in shown
        for kind, value, group in onward.groups:
            assert 0 < len(group) <= 2 * EACH_SIDE[kind]
            listed = collection.terms["origin" if kind == "week" else kind][value]
            assert all(e.id in listed for e in group)
            assert [e.id for e in group] == sorted((e.id for e in group), key=listed.index)
            if kind == "tag":
                assert value in entry.topic_tags
                counts = {t: len(collection.terms["tag"][t]) for t in entry.topic_tags}
                assert counts[value] > 1
                assert all(
                    c < 2 or c.bit_length() >= counts[value].bit_length() for c in counts.values()
                )
            if kind == "week":
                assert value == entry.origin
                week = date.fromisoformat(entry.created[:10]).isocalendar()[:2]
                assert all(
                    date.fromisoformat(e.created[:10]).isocalendar()[:2] == week for e in group
                )
