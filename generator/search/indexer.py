"""The search stage: which shards to index again, and Pagefind running on each in a thread
as soon as the pages of all its cables are written, so that indexing runs beside rendering."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from generator.incremental.fingerprints import Fingerprints
from generator.incremental.manifest import Manifest
from generator.report import BuildReport
from generator.search.shards import (
    Shard,
    index_site,
    remove_other_shards,
    remove_unfinished_shards,
)
from generator.search.words import update_directory
from generator.site.collection import Collection


@dataclass(frozen=True)
class LastShards:
    """What the last build into the same site kept of its shards: the fingerprint of each
    and a hash of its cables."""

    prints: dict[str, str]
    members: dict[str, str]


def shards_to_index(
    site: Path,
    prints: Fingerprints,
    shards: list[Shard],
    manifest: Manifest,
    last: LastShards | None,
    touched: set[str] | None = None,
) -> list[Shard]:
    """The shards whose cables' searchable content changed since the last build (all of
    them afresh); records every shard's fingerprint in the manifest. Given the cables a
    rebuild touched, a shard with the same cables as last time, none of them touched, keeps
    its fingerprint uncomputed."""
    for shard in shards:
        members = hashlib.sha256("\0".join(shard.ids).encode()).hexdigest()
        manifest.members[shard.name] = members
        if (
            touched is not None
            and last is not None
            and last.members.get(shard.name) == members
            and shard.name in last.prints
            and touched.isdisjoint(shard.ids)
        ):
            manifest.shards[shard.name] = last.prints[shard.name]
            continue
        digest = hashlib.sha256(f"{shard.name}\0{shard.glob}\0{manifest.search_version}".encode())
        for cable_id in shard.ids:
            digest.update(prints.search(cable_id).encode())
        manifest.shards[shard.name] = digest.hexdigest()
    return [
        shard
        for shard in shards
        if last is None
        or last.prints.get(shard.name) != manifest.shards[shard.name]
        or not (site / "pagefind" / shard.name).is_dir()
    ]


def leave_for_next_build(left: list[Shard], manifest: Manifest, report: BuildReport) -> None:
    """Shards not indexed in time (`search_minutes`): out of the site and the manifest, so
    that the search page does not open them and the next build indexes them."""
    if not left:
        return
    for shard in left:
        del manifest.shards[shard.name]
    pages = sum(shard.count for shard in left)
    report.warnings.append(
        f"search: {len(left)} shards ({pages} cable pages) not indexed in the time given;"
        " the next build indexes them"
    )


class Indexer:
    """Indexes shards with Pagefind in a background thread, each as soon as the pages of all
    its cables are written, so that search runs alongside rendering."""

    def __init__(
        self,
        site: Path,
        shards: list[Shard],
        collection: Collection,
        waiting: set[str],
        progress: bool,
        jobs: int = 1,
        deadline: float | None = None,
    ) -> None:
        """`waiting`: the addresses of the cable pages still to be written; `deadline`
        (a `time.perf_counter` value): no shard is started after it."""
        self.site = site
        self.deadline = deadline
        in_shard = {collection.entries[i].url: shard for shard in shards for i in shard.ids}
        self.shard_of = {url: in_shard[url] for url in waiting if url in in_shard}
        self.left = Counter(shard.name for shard in self.shard_of.values())
        self.ready = [shard for shard in shards if not self.left[shard.name]]
        self.pool = ThreadPoolExecutor(max(1, jobs), thread_name_prefix="search")
        self.futures: list[Future] = []
        total = sum(shard.count for shard in shards)
        self.bar = tqdm(total=total, desc="search", unit=" pages", disable=not progress)

    def written(self, url: str) -> None:
        """A page is written; once the first is, workers exist and a thread may start."""
        shard = self.shard_of.get(url)
        if shard is not None:
            self.left[shard.name] -= 1
            if not self.left[shard.name]:
                self.ready.append(shard)
        for shard in self.ready:
            self.futures.append(self.pool.submit(self._index, shard))
        self.ready.clear()

    def _index(self, shard: Shard) -> tuple[dict[str, int], float]:
        start = time.perf_counter()
        if self.deadline is not None and start > self.deadline:
            return {}, 0.0
        counts = index_site(self.site, [shard], self.bar)
        return counts, time.perf_counter() - start

    def stop(self) -> None:
        """Drop the shards not started and wait for the one running (the build failed)."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.bar.close()

    def finish(self) -> tuple[dict[str, int], float]:
        """Wait for every shard; pages indexed per shard, and the seconds spent indexing."""
        self.written("")
        counts: dict[str, int] = {}
        seconds = 0.0
        try:
            for future in self.futures:
                indexed, spent = future.result()
                counts |= indexed
                seconds += spent
        finally:
            self.stop()
        return counts, seconds


@dataclass(frozen=True)
class SearchOptions:
    """How a build indexes: whether it shows progress, how many shards at once, and the
    `time.perf_counter` value after which no shard is started (None: no limit)."""

    progress: bool = False
    jobs: int = 1
    deadline: float | None = None


class SearchStage:
    """The search index of one build: the shards whose content changed, each indexed as
    soon as its cable pages are written, then the word directory over every shard."""

    def __init__(
        self,
        site: Path,
        shards: list[Shard],
        manifest: Manifest,
        changed: tuple[Fingerprints, LastShards | None, set[str] | None],
        collection: Collection,
        waiting: set[str],
        options: SearchOptions,
    ) -> None:
        """`changed`: the pages' fingerprints, what the last build kept of its shards and
        the cables a rebuild touched; `waiting`: the addresses of the cable pages to be
        written."""
        self.site, self.shards, self.manifest = site, shards, manifest
        self.todo = shards_to_index(site, changed[0], shards, manifest, *changed[1:])
        self.files = 0
        self.indexer = None
        if self.todo:
            remove_unfinished_shards(site)  # of builds killed while Pagefind wrote them
            self.indexer = Indexer(
                site, self.todo, collection, waiting, options.progress, options.jobs,
                options.deadline,
            )  # fmt: skip

    def __enter__(self) -> SearchStage:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if error is not None and self.indexer is not None:
            self.indexer.stop()

    def written(self, url: str) -> None:
        """A page is written: its shard may be ready."""
        if self.indexer is not None:
            self.indexer.written(url)

    def finish(self, report: BuildReport, words: Path | None, lap: Callable[[str], None]) -> None:
        """Wait for the shards; keep out of the site those not indexed in time; the word
        directory. `lap(stage)` times the steps."""
        if not self.shards:
            return
        indexer = self.indexer
        indexed, report.indexing = indexer.finish() if indexer is not None else ({}, 0.0)
        done = [shard for shard in self.todo if shard.name in indexed]
        leave_for_next_build([s for s in self.todo if s.name not in indexed], self.manifest, report)
        remove_other_shards(self.site, self.manifest.shards)
        report.shards = len(done)
        folder = self.site / "pagefind"
        self.files = sum(1 for s in done for p in (folder / s.name).rglob("*") if p.is_file())
        missing = sum(shard.count for shard in done) - sum(indexed.values())
        if missing:
            report.warnings.append(f"search: {missing} cable pages were not indexed")
        lap("search (after rendering)")
        update_directory(self.site, self.manifest.shards, words)
        lap("word directory")
