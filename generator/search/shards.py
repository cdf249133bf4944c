"""Pagefind: the search index, in shards.

One Pagefind index of a whole large collection is impossible here: Pagefind writes one
fragment file per page into one folder (Netlify refuses more than 54,000 files in a folder),
and its memory grows with the pages of an index (docs/benchmarks.md). So the
cable pages are indexed in shards by period, each under `search_shard_size` pages, and the
search page merges them in the browser (`mergeIndex`): one search over the whole collection.

Shards follow fixed calendar lines (decades, years, quarters, months, station letters), so
adding a few cables changes the shard of their period and no other.
The files every shard would carry alike (pagefind.js, its worker and WebAssembly) are kept
once under /pagefind/; netlify.toml redirects the shards' requests for them there.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import string
import subprocess
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import replace_folder, write_whole

CABLE_FOLDER = "[0-9][0-9][A-Z]*"
# Pagefind cuts each shard's word index into chunks of about this many bytes (its default is
# 20,000); a query fetches, per shard and word, the chunk holding the word. Smaller chunks
# cost each query less and the shard's metadata a little more (docs/search.md measures it).
INDEX_CHUNK_SIZE = 5000
# What a reader searches is the cable's own words: its subject, reference ID, references and
# paragraphs. Left out of the index (and so of excerpts): the lines before the first
# paragraph (classification banner, section counters, routing, SIPDIS, E.O. and TAGS lines),
# which the body's HTML wraps in `.preamble`; the headings the page adds ("Text",
# "References"); each paragraph's pilcrow link; the subjects of the cables cited, shown
# beside each reference; the note that a synthetic cable is not real. Tags, origin and
# countries are indexed from the page's `#search-terms` (`site/plan.search_terms`).
EXCLUDED = (".preamble", ".permalink", "#text", "#references", ".references .note", ".synthetic")
SHARED_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")
# Files of Pagefind's own interfaces; the search page uses the JavaScript API only.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)  # fmt: skip


_SHARING = threading.Lock()


class SearchError(RuntimeError):
    """Pagefind could not be run or did not write what the site needs."""


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: its name (the folder under /pagefind/), its file globs, its size."""

    name: str
    glob: str
    count: int
    ids: tuple[str, ...] = field(default=(), compare=False, repr=False)


def _cable_glob(years: str, months: str = "*", letters: str = "A-Z") -> str:
    return f"cable/{years}/{months}/[0-9][0-9][{letters}]*/index.html"


def _choice(names: Iterable[str]) -> str:
    """A glob alternative: `2009`, or `{2008,2009}`."""
    names = sorted(names)
    return names[0] if len(names) == 1 else "{" + ",".join(names) + "}"


QUARTERS = {f"{m:02d}": f"q{(m - 1) // 3 + 1}" for m in range(1, 13)}
LETTER_GROUPS = ("A-E", "F-J", "K-O", "P-T", "U-Z")


def plan_shards(months: dict[tuple[str, str], list[str]], size: int) -> list[Shard]:
    """Shards newest first, each under `size` cables, cut along fixed calendar lines: a decade
    that fits is one shard, else its years; a year that does not fit splits into quarters,
    a quarter into months, a month into five ranges of station letters, a range into letters.

    The lines do not depend on neighbouring periods, so adding cables changes the shard of
    their period only (and splits it in two when it outgrows `size`): the other shards keep
    their pages and need no indexing again.
    """
    decades: dict[str, dict[str, dict[str, list[str]]]] = {}
    for (year, month), ids in months.items():
        decades.setdefault(year[:3], {}).setdefault(year, {})[month] = ids
    shards: list[Shard] = []
    for decade in sorted(decades, reverse=True):
        years = decades[decade]
        ids = [i for y in sorted(years, reverse=True) for i in _all(years[y])]
        if len(ids) <= size:
            shards.append(_shard(f"{decade}0s", _cable_glob(_choice(years)), ids))
            continue
        for year in sorted(years, reverse=True):
            shards.extend(_year_shards(year, years[year], size))
    return shards


def _all(by_month: dict[str, list[str]]) -> list[str]:
    return [i for month in sorted(by_month, reverse=True) for i in by_month[month]]


def _shard(name: str, glob: str, ids: list[str]) -> Shard:
    return Shard(name, glob, len(ids), tuple(ids))


def _year_shards(year: str, by_month: dict[str, list[str]], size: int) -> list[Shard]:
    ids = _all(by_month)
    if len(ids) <= size:
        return [_shard(year, _cable_glob(year), ids)]
    quarters: dict[str, dict[str, list[str]]] = {}
    for month, month_ids in by_month.items():
        quarters.setdefault(QUARTERS.get(month, month), {})[month] = month_ids
    shards = []
    for quarter in sorted(quarters, key=lambda q: (q.startswith("q"), q), reverse=True):
        in_quarter = quarters[quarter]
        ids = _all(in_quarter)
        if len(ids) <= size and len(in_quarter) > 1:
            shards.append(_shard(f"{year}-{quarter}", _cable_glob(year, _choice(in_quarter)), ids))
            continue
        for month in sorted(in_quarter, reverse=True):
            shards.extend(_month_shards(year, month, in_quarter[month], size))
    return shards


def _month_shards(year: str, month: str, ids: list[str], size: int) -> list[Shard]:
    name = f"{year}-{month}"
    if len(ids) <= size:
        return [_shard(name, _cable_glob(year, month), ids)]
    by_letter: dict[str, list[str]] = {letter: [] for letter in string.ascii_uppercase}
    for cable_id in ids:
        by_letter[cable_id[2]].append(cable_id)
    shards = []
    for group in reversed(LETTER_GROUPS):
        letters = [chr(c) for c in range(ord(group[0]), ord(group[-1]) + 1)]
        in_group = [i for letter in letters for i in by_letter[letter]]
        if len(in_group) > size:
            parts = [(letter, by_letter[letter]) for letter in reversed(letters)]
        else:
            parts = [(group, in_group)]
        for span, part in parts:
            if part:
                glob = _cable_glob(year, month, span)
                shards.append(_shard(f"{name}-{span.lower()}", glob, part))
    return shards


def search_version() -> str:
    """The version of Pagefind indexing: shards written by another version are not reused."""
    try:
        pagefind = importlib.metadata.version("pagefind")
        return f"{pagefind}, chunks of {INDEX_CHUNK_SIZE}, without {', '.join(EXCLUDED)}"
    except importlib.metadata.PackageNotFoundError:
        return "none"


def _index_shard(site: Path, shard: Shard, output: Path) -> int:
    """Run Pagefind (the command of the Python package, with its bundled binary) over one
    shard; the number of pages it indexed, one fragment file each.

    The command and not the package's service API: the service answers "written" before
    its files are on disk and is then terminated, which left truncated files when the
    machine was busy (found when shards began to be indexed while pages were rendered).
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", shard.glob]
    command += ["--output-path", str(output), "--force-language", "en", "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    settings = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=settings)
    if done.returncode != 0:
        problem = (done.stderr or done.stdout).strip().splitlines()
        raise SearchError(f"Pagefind failed on shard {shard.name}: {' '.join(problem[-3:])}")
    fragments = output / "fragment"
    return sum(1 for _ in fragments.iterdir()) if fragments.is_dir() else 0


def index_site(site: Path, shards: list[Shard], progress=None) -> dict[str, int]:
    """Index each shard of the site at `site` into site/pagefind/<shard>/, replacing what was
    there only once the new index is complete; pages indexed per shard."""
    root = (site / "pagefind").resolve()
    counts: dict[str, int] = {}
    for shard in shards:
        fresh = root / f".{shard.name}.new"
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            counts[shard.name] = _index_shard(site.resolve(), shard, fresh)
            with _SHARING:  # shards may be indexed side by side (--search-jobs)
                _share_common_files(root, fresh)
            replace_folder(fresh, root / shard.name)
        except BaseException as error:
            full = isinstance(error, SearchError) and _disk_full(root)  # before freeing it
            shutil.rmtree(fresh, ignore_errors=True)
            if full:
                raise SearchError(f"{error} (the disk holding {root} is full)") from None
            raise
        if progress is not None:
            progress.update(shard.count)
    return counts


def _disk_full(folder: Path) -> bool:
    """Whether the disk is (nearly) full: Pagefind then writes files cut short and says so
    only in what it wrote."""
    try:
        return shutil.disk_usage(folder).free < 2**20
    except OSError:
        return False


def remove_unfinished_shards(site: Path) -> None:
    """Delete the shards a killed build left half written (`pagefind/.<shard>.new`)."""
    for folder in (site / "pagefind").glob(".*.new"):
        shutil.rmtree(folder, ignore_errors=True)


def remove_other_shards(site: Path, keep: Iterable[str]) -> None:
    """Delete the shard folders of periods the plan no longer has."""
    keep = set(keep)
    for folder in (site / "pagefind").glob("*/"):
        if folder.is_dir() and folder.name not in keep:
            shutil.rmtree(folder)


def _share_common_files(root: Path, shard: Path) -> None:
    """Keep one copy of the files all shards carry alike; drop what the site does not use."""
    for name in SHARED_FILES:
        copy = shard / name
        if not copy.is_file():
            raise SearchError(f"Pagefind wrote no {name} in {shard}")
        data = copy.read_bytes()
        shared = root / name
        if shared.exists() and shared.read_bytes() != data:
            raise SearchError(f"Pagefind wrote a {name} unlike the other shards': cannot share it")
        if not shared.exists():
            write_whole(shared, data)  # the served site's: whole or not at all
        copy.unlink()
    for name in UNUSED_FILES:
        (shard / name).unlink(missing_ok=True)
