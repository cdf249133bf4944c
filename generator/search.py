"""Pagefind: the search index, in shards.

One Pagefind index of a whole large collection is impossible here: Pagefind writes one
fragment file per page into one folder (Netlify refuses more than 54,000 files in a folder),
and its memory grows with the pages of an index (about 0.6 MB a page measured here). So the
cable pages are indexed in shards by period, each under `search_shard_size` pages, and the
search page merges them in the browser (`mergeIndex`): one search over the whole collection.

Shards follow the calendar: whole years packed together, a year too big split into runs of
consecutive months, a month too big split by the first letter of the station; adding a few
cables changes the shard of their period.
The files every shard would carry alike (pagefind.js, its worker and WebAssembly) are kept
once under /pagefind/; netlify.toml redirects the shards' requests for them there.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import string
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CABLE_FOLDER = "[0-9][0-9][A-Z]*"
SHARED_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")
# Files of Pagefind's own interfaces; the search page uses the JavaScript API only.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)  # fmt: skip


class SearchError(RuntimeError):
    """Pagefind could not be run or did not write what the site needs."""


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: its name (the folder under /pagefind/), its file globs, its size."""

    name: str
    glob: str
    count: int


def _months_glob(year: str, months: Iterable[str]) -> str:
    months = sorted(months)
    folder = months[0] if len(months) == 1 else "{" + ",".join(months) + "}"
    return f"cable/{year}/{folder}/{CABLE_FOLDER}/index.html"


def _pack(units: list[tuple[str, int]], size: int) -> list[tuple[list[str], int]]:
    """Consecutive units grouped while their total fits `size`; a unit bigger than `size` is a
    group of its own, for the caller to split further."""
    groups: list[tuple[list[str], int]] = []
    names: list[str] = []
    total = 0
    for name, count in units:
        if names and (total + count > size or count > size):
            groups.append((names, total))
            names, total = [], 0
        names.append(name)
        total += count
        if count > size:
            groups.append((names, total))
            names, total = [], 0
    if names:
        groups.append((names, total))
    return groups


def _span(names: list[str]) -> str:
    """`2010`, or `2008-2010` for a run listed newest first."""
    return names[0] if len(names) == 1 else f"{names[-1]}-{names[0]}"


def plan_shards(months: dict[tuple[str, str], list[str]], size: int) -> list[Shard]:
    """Shards newest first, each under `size` cables, along calendar lines: consecutive whole
    years packed together, a year too big for one shard split into runs of months, a month too
    big split by the first letter of the station."""
    years: dict[str, dict[str, list[str]]] = {}
    for (year, month), ids in months.items():
        years.setdefault(year, {})[month] = ids
    units = [(y, sum(map(len, years[y].values()))) for y in sorted(years, reverse=True)]
    shards: list[Shard] = []
    for names, total in _pack(units, size):
        if total > size:
            shards.extend(_year_shards(names[0], years[names[0]], size))
            continue
        folders = names[0] if len(names) == 1 else "{" + ",".join(sorted(names)) + "}"
        shards.append(Shard(_span(names), f"cable/{folders}/*/{CABLE_FOLDER}/index.html", total))
    return shards


def _year_shards(year: str, by_month: dict[str, list[str]], size: int) -> list[Shard]:
    order = sorted(by_month, key=_month_order, reverse=True)
    shards: list[Shard] = []
    for names, total in _pack([(m, len(by_month[m])) for m in order], size):
        if total > size:
            shards.extend(_letter_shards(year, names[0], by_month[names[0]], size))
        else:
            shards.append(Shard(f"{year}-{_span(names)}", _months_glob(year, names), total))
    return shards


def _month_order(month: str) -> int:
    return int(month) if month.isdigit() else 13  # undated after December


def _letter_shards(year: str, month: str, ids: list[str], size: int) -> list[Shard]:
    """A month too big for one shard, split by the first letter of the station in the ID."""
    by_letter = dict.fromkeys(string.ascii_uppercase, 0)
    for cable_id in ids:
        by_letter[cable_id[2]] += 1
    shards = []
    for letters, total in reversed(_pack(list(by_letter.items()), size)):
        if total:
            span = f"{letters[0]}-{letters[-1]}"
            glob = f"cable/{year}/{month}/[0-9][0-9][{span}]*/index.html"
            shards.append(Shard(f"{year}-{month}-{span.lower()}", glob, total))
    return shards


async def _index_shard(site: Path, shard: Shard, output: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(output), force_language="en")
    async with PagefindIndex(config) as index:
        result = await index.add_directory(str(site), glob=shard.glob)
    return int(result.get("page_count", 0))


def index_site(site: Path, shards: list[Shard], progress=None) -> dict[str, int]:
    """Index every shard of the site at `site` into site/pagefind/<shard>/; pages per shard."""
    root = (site / "pagefind").resolve()
    counts: dict[str, int] = {}
    try:
        for shard in shards:
            counts[shard.name] = _in_own_loop(
                _index_shard, site.resolve(), shard, root / shard.name
            )
            if progress is not None:
                progress.update(shard.count)
    except FileNotFoundError as error:
        raise SearchError(
            f"Pagefind is not installed ({error}); pip install 'pagefind[bin]'"
        ) from None
    _share_common_files(root, [s.name for s in shards])
    return counts


def _in_own_loop(function, *args):
    """Run an async function to the end in a thread with its own event loop, so indexing works
    whether or not the caller already runs one (a test driving a browser does)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(function(*args))
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    thread = threading.Thread(target=run, name="pagefind")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _share_common_files(root: Path, names: list[str]) -> None:
    """Keep one copy of the files all shards carry alike; drop what the site does not use."""
    for name in SHARED_FILES:
        copies = [root / shard / name for shard in names]
        digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in copies if p.exists()}
        if len(digests) != 1:
            raise SearchError(f"Pagefind wrote differing copies of {name}: cannot share it")
        shutil.copyfile(copies[0], root / name)
        for copy in copies:
            copy.unlink(missing_ok=True)
    for shard in names:
        for name in UNUSED_FILES:
            (root / shard / name).unlink(missing_ok=True)
