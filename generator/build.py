"""`cables build`: the pipeline from content/ to a complete site.

    read + parse → collection (indexes) → page plan → render + write → search → swap

Parsing and rendering run in worker processes, one per core; each cable's record is cached by
the hash of its file (`.cache/`), so a rebuild parses only what changed. The main process
holds only a light entry per cable, never every text or rendered page at once.

A first build writes the site to a fresh folder beside the output and swaps it in only when
complete, so a failed build leaves the previous site as it was. Later builds into the same
folder work in place (generator/incremental.py): they render only the pages whose inputs
changed and rewrite only files whose bytes changed; one interrupted leaves no manifest, and
the build after it starts afresh. Output is deterministic: the same content gives
byte-identical files, however it was reached.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tqdm import tqdm

from generator.clean import clean_text
from generator.files import (
    Stamp,
    make_folder,
    remove_leftovers,
    replace_folder,
    stamp_of,
    write_file,
    write_if_changed,
)
from generator.incremental.fingerprints import Fingerprints, Manifest, template_digests
from generator.incremental.journal import ManifestFile
from generator.incremental.records import ParseCache
from generator.parse import parse_cable
from generator.reading import (
    Changes,
    list_content_aside,
    preload_places,
    read_changes,
    read_collection,
)
from generator.report import BuildReport
from generator.search.shards import (
    Shard,
    index_site,
    plan_shards,
    remove_other_shards,
    remove_unfinished_shards,
    search_version,
)
from generator.search.words import update_directory
from generator.site.addresses import cable_url, file_for
from generator.site.collection import Collection, Entry
from generator.site.folders import crowded_folders
from generator.site.markdown import to_html
from generator.site.plan import HOME, Page, changed_periods, plan_site
from generator.site.render import Renderer, record_json
from generator.site.settings import SiteConfig, load_config
from generator.site.sitemap import sitemap_files
from generator.sources import SourceCable, unexpected
from generator.sources.front_matter import FrontMatterError, split_front_matter
from generator.sources.text import read_text_file
from generator.workers import SHARED, default_jobs, in_workers


class BuildError(RuntimeError):
    """A build that cannot go on, or that --strict refuses; the message says why."""


# ---- pages around the cables ------------------------------------------------------------


def read_editorial(folder: Path, report: BuildReport) -> list[Page]:
    """Editorial pages, `content/pages/<name>.md` → `/<name>/`, in the site's layout."""
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            meta, body = split_front_matter(clean_text(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, FrontMatterError) as error:
            report.warnings.append(f"{path}: {error}; page left out")
            continue
        title = clean_text(str(meta.get("title") or path.stem.replace("-", " ").capitalize()))
        context = {"title": title, "body": to_html(body), "crumbs": (HOME,), "description": None}
        pages.append(Page(f"/{path.stem}/", "page.html", context))
    return pages


# ---- render + write -----------------------------------------------------------------------


class Writer:
    """Writes files under one folder, creating each parent folder once. Into a folder that
    holds the last build, it writes only files whose bytes changed."""

    def __init__(self, root: Path, in_place: bool = False) -> None:
        self.root = root
        self.in_place = in_place
        self.count = 0
        self._made: set[str] = set()

    def path(self, relative: str) -> str:
        """Paths as strings: Path objects cost microseconds each, for a million files."""
        return f"{self.root}/{relative}"

    def write(self, relative: str, data: bytes) -> None:
        path = self.path(relative)
        if self.in_place:
            self.count += write_if_changed(Path(path), data)
            return
        make_folder(os.path.dirname(path), self._made)
        write_file(path, data)
        self.count += 1


def _worker() -> tuple[Renderer, Writer]:
    if "renderer" not in SHARED:
        SHARED["renderer"] = Renderer(SHARED["templates"], SHARED["config"], SHARED["collection"])
        SHARED["writer"] = Writer(SHARED["staging"], SHARED["in_place"])
    return SHARED["renderer"], SHARED["writer"]


def _render_one(task: tuple[str, Any]) -> tuple[str, Stamp | str, int]:
    """Render and write one cable (its page, text and record) or one planned page: its
    address, the stamp of its page file (or why it could not be made) and the number of
    files written. A page that fails is that page's failure; a file that cannot be written
    (a full disk) is the build's."""
    renderer, writer = _worker()
    before = writer.count
    kind, value = task
    try:
        url = _render_page(renderer, writer, kind, value)
    except (OSError, BuildError):
        raise
    except Exception as error:
        url = SHARED["plan"][value].url if kind == "page" else _cable_address(value[0])
        return url, f"{url}: {unexpected(error, 'rendered')}", writer.count - before
    return url, _stamp(writer, url), writer.count - before


def _cable_address(cable_id: str) -> str:
    return SHARED["collection"].entries[cable_id].url


def _render_page(renderer: Renderer, writer: Writer, kind: str, value: Any) -> str:
    if kind == "page":
        page = SHARED["plan"][value]
        writer.write(file_for(page.url), renderer.page(page))
        return page.url
    _, label, key = value
    cable = SHARED["cache"].load(key)
    if cable is None:
        item = read_text_file(Path(label))
        if not isinstance(item, SourceCable):
            raise BuildError(f"{label}: changed while the site was being built ({item})")
        cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
    url = cable_url(cable.id, cable.created)
    folder = file_for(url).removesuffix("index.html")
    writer.write(f"{folder}{cable.id}.txt", cable.text.encode("utf-8"))
    writer.write(f"{folder}{cable.id}.json", record_json(cable))
    writer.write(folder + "index.html", renderer.cable(cable))
    return url


def _stamp(writer: Writer, url: str) -> Stamp:
    stamp = stamp_of(writer.path(file_for(url)))
    assert stamp is not None, url
    return stamp


def render_pages(
    staging: Path,
    tasks: list[tuple[str, Any]],
    plan: list[Page],
    jobs: int,
    progress: bool,
    in_place: bool = False,
) -> Iterator[tuple[str, Stamp | str, int]]:
    """Render cables (`("cable", (cable_id, file, key))`) and planned pages
    (`("page", index)`) into `staging`: per page its address, file stamp and the number of
    files written. A cable's file and key travel with it rather than being looked up in the
    worker: what a worker reads of the objects it shares with the main process, it copies
    (reference counts)."""
    SHARED.update(staging=staging, plan=plan, in_place=in_place)
    SHARED.pop("renderer", None)
    yield from tqdm(
        in_workers(_render_one, tasks, jobs),
        total=len(tasks),
        desc="render",
        unit=" pages",
        disable=not progress,
    )


def _site_files(
    renderer: Renderer, urls: list[str], collection: Collection, config: SiteConfig
) -> Iterator[tuple[str, bytes]]:
    """Assets, 404, feed, sitemap and robots: the files around the pages."""
    for asset in renderer.assets.values():
        yield asset.url.lstrip("/"), asset.data
    yield "404.html", renderer.page(Page("/404.html", "404.html", {"title": "Not found"}))
    newest = [collection.entries[i] for i in collection.newest[: config.feed_size]]
    updated = next((e.created for e in newest if e.created), "1970-01-01T00:00:00Z")
    feed = Page("/feed.xml", "feed.xml", {"entries": newest, "updated": updated})
    yield "feed.xml", renderer.page(feed)
    yield from sitemap_files(sorted(urls), config.root)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {config.root}/sitemap.xml\n"
    yield "robots.txt", robots.encode()


# ---- the build ----------------------------------------------------------------------------


def build(source: Path, out: Path, **options: Any) -> BuildReport:
    """Build the site of the project at `source` into `out`: in place, rendering only what
    changed, when `.cache/` holds the manifest of the last build into `out`; else afresh.
    Options: those of `_build`."""
    try:
        return _build(source, out, **options)
    finally:
        gc.unfreeze()  # what the build froze goes back to the collector (`cables serve`)


def _build(
    source: Path,
    out: Path,
    *,
    strict: bool = False,
    base_url: str | None = None,
    progress: bool = False,
    search: bool = True,
    jobs: int | None = None,
    cache: bool = True,
    fresh: bool = False,
    search_jobs: int = 1,
    search_minutes: float | None = None,
) -> BuildReport:
    report = BuildReport()
    # No shard is started after this: the shards left are indexed by the next build.
    deadline = None if search_minutes is None else time.perf_counter() + 60 * search_minutes
    config = load_config(source / "content" / "site.yaml", base_url)
    jobs = jobs or default_jobs()
    clock = _Clock(report)
    leftovers = remove_leftovers(out)  # of builds killed before they finished

    folder = source / "content" / "cables"
    listing = list_content_aside(folder, jobs)
    kept = ManifestFile(source / ".cache")
    previous = kept.load(out) if cache and not fresh else None
    parse_cache = ParseCache(source / ".cache" / "cables" if cache else None, reuse=not fresh)
    content = listing()
    changes = inputs = None
    if previous is not None and previous.inputs is not None:
        changes = read_changes(content, previous.inputs, parse_cache, report, jobs, progress)
        inputs = previous.inputs if changes is not None else None
    if inputs is None:
        inputs = read_collection(content, parse_cache, report, jobs, progress)
    gc.freeze()  # a quarter of a million entries kept to the end: no collection walks them
    collection, where = inputs.collection, inputs.where()
    clock.lap("read+parse")
    if strict and report.failed:
        raise BuildError(
            f"{len(report.failed)} cables could not be read (--strict):\n"
            + "\n".join(report.failed)
        )
    if not where:
        raise BuildError(f"no cables in {folder}")

    editorial = read_editorial(source / "content" / "pages", report)
    shards = plan_shards(collection.months, config.search_shard_size) if search else []
    renderer = Renderer(source / "templates", config, collection)
    prints = Fingerprints(
        (config.every_page(), [link.url for link in renderer.env.globals["nav"]]),
        template_digests(
            renderer.env, source / "templates", {a.name: a.url for a in renderer.assets.values()}
        ),
        where,
        collection,
    )
    manifest = Manifest(str(out.resolve()), search_version() if search else None)
    manifest.basis = prints.basis(manifest.search_version)
    manifest.inputs = None if inputs.duplicates or not cache else inputs
    if changes is not None and previous is not None and previous.basis == manifest.basis:
        plan = _plan_changes(
            previous, manifest, changes, collection, prints, config, editorial, shards
        )
        report.changed = len({light.entry.id for light in (*changes.gone, *changes.new)})
    else:
        changes = None  # every page planned and checked
        names = [s.name for s in shards]
        plan, manifest.lists = plan_site(
            collection, config.list_limit, editorial, names, budget=config.search_budget_kb
        )
        manifest.pages = {page.url: (prints.page(page), (0, 0)) for page in plan}
        manifest.pages |= {e.url: (prints.cable(i), (0, 0)) for i, e in _by_id(collection)}
    folders = (url.strip("/") for url in manifest.pages if url != "/")  # a page is a folder
    for crowded in crowded_folders(folders):
        report.warnings.append(f"{crowded}: more than Netlify accepts in one folder")
    clock.lap("index+plan")

    if previous is not None and previous.search_version != manifest.search_version:
        shutil.rmtree(out / "pagefind", ignore_errors=True)
        previous.shards.clear()
    target = out if previous else out.parent / f".{out.name}.building-{os.getpid()}"
    if previous:
        kept.begin()  # a build interrupted in place leaves no manifest to trust
    elif target.exists():
        shutil.rmtree(target)
    indexer = None
    try:
        SHARED.update(
            templates=source / "templates",
            config=config,
            collection=collection,
            cache=parse_cache,
        )
        writer = Writer(target, in_place=previous is not None)
        if previous:  # before any shard is indexed: a deleted cable's page must be gone
            writer.count += _remove_gone(out, previous, manifest)
        touched = None if changes is None else changes.touched
        todo = shards_to_index(target, prints, shards, manifest, previous, touched)
        order = [i for shard in shards for i in shard.ids] if shards else sorted(where)
        if touched is not None:
            order = [i for i in order if i in touched]
        tasks = _tasks_to_render(manifest, previous, out, collection, where, plan, order)
        if any(kind == "cable" for kind, _ in tasks):
            preload_places(parse_cache)  # a cable page names its origin's country
        waiting = {collection.entries[v[0]].url for kind, v in tasks if kind == "cable"}
        if todo:
            remove_unfinished_shards(target)  # of builds killed while Pagefind wrote them
        indexer = (
            Indexer(target, todo, collection, waiting, progress, search_jobs, deadline)
            if todo
            else None
        )
        for url, stamp, written in render_pages(
            target, tasks, plan, jobs, progress, in_place=previous is not None
        ):
            if isinstance(stamp, str):  # not made: the next build tries again
                report.failed.append(stamp)
            else:
                manifest.pages[url] = (manifest.pages[url][0], stamp)
            writer.count += written
            if indexer is not None:
                indexer.written(url)
        report.rendered = len(tasks)
        # The files around the pages, while Pagefind indexes: it reads cable pages only.
        for name, data in _site_files(renderer, list(manifest.pages), collection, config):
            writer.write(name, data)
            manifest.files.add(name)
        for name in previous.files - manifest.files if previous else ():
            (out / name).unlink(missing_ok=True)
            writer.count += 1
        clock.lap("render+write")
        if shards:
            indexed, report.indexing = indexer.finish() if indexer is not None else ({}, 0.0)
            done = [shard for shard in todo if shard.name in indexed]
            _leave_for_next_build([s for s in todo if s.name not in indexed], manifest, report)
            remove_other_shards(target, manifest.shards)
            report.shards = len(done)
            writer.count += sum(
                1 for s in done for p in (target / "pagefind" / s.name).rglob("*") if p.is_file()
            )
            missing = sum(shard.count for shard in done) - sum(indexed.values())
            if missing:
                report.warnings.append(f"search: {missing} cable pages were not indexed")
            clock.lap("search (after rendering)")
            words_cache = source / ".cache" / "words.pickle" if cache else None
            update_directory(target, manifest.shards, words_cache)
            clock.lap("word directory")
        report.files = writer.count
    except BaseException:
        if indexer is not None:
            indexer.stop()
        if not previous:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        for name in ("renderer", "writer", "plan", "collection"):
            SHARED.pop(name, None)
    if not previous:
        if cache:
            kept.begin()  # the site the last manifest describes is about to go
        replace_folder(target, out)
        clock.lap("swap")
    if cache:
        kept.save(manifest, previous, changes)
        clock.lap("save")
    leftovers.join()
    report.cables = len(where)
    report.pages = len(manifest.pages)
    return report


def _leave_for_next_build(left: list[Shard], manifest: Manifest, report: BuildReport) -> None:
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


def _plan_changes(
    previous: Manifest,
    manifest: Manifest,
    changes: Changes,
    collection: Collection,
    prints: Fingerprints,
    config: SiteConfig,
    editorial: list[Page],
    shards: list[Shard],
) -> list[Page]:
    """After a few cables changed: the pages to plan again (the list pages that differ and
    the pages around the lists); the fingerprints of those and of the cable pages that may
    differ. Every other page keeps its fingerprint and stamp from the last build."""
    plan, manifest.lists = plan_site(
        collection,
        config.list_limit,
        editorial,
        [s.name for s in shards],
        previous.lists,
        changed_periods([*changes.gone, *changes.new]),
        budget=config.search_budget_kb,
    )
    manifest.pages = dict(previous.pages)
    for url, periods in previous.lists.items():
        if manifest.lists.get(url) is not periods:
            for gone in periods.keys() - manifest.lists.get(url, {}).keys():
                del manifest.pages[gone]
    for light in changes.gone:
        now = collection.entries.get(light.entry.id)
        if now is None or now.url != light.entry.url:  # deleted, or dated otherwise
            manifest.pages.pop(light.entry.url, None)
    for page in plan:
        manifest.pages[page.url] = (prints.page(page), (0, 0))
    for cable_id in changes.touched:
        manifest.pages[collection.entries[cable_id].url] = (prints.cable(cable_id), (0, 0))
    return plan


def _by_id(collection: Collection) -> Iterator[tuple[str, Entry]]:
    return ((cable_id, collection.entries[cable_id]) for cable_id in sorted(collection.entries))


def _tasks_to_render(
    manifest: Manifest,
    previous: Manifest | None,
    out: Path,
    collection: Collection,
    where: dict[str, tuple[str, str]],
    plan: list[Page],
    order: list[str],
) -> list[tuple[str, Any]]:
    """Every page of a fresh build; in place, the pages whose fingerprint changed or whose
    file is not as the last build left it. Cables come in `order` (shard by shard)."""

    root = str(out)

    def stale(url: str) -> bool:
        if previous is None:
            return True
        last = previous.pages.get(url)
        if last is None or last[0] != manifest.pages[url][0]:
            return True
        if stamp_of(os.path.join(root, file_for(url))) != last[1]:
            return True
        manifest.pages[url] = last
        return False

    entries = collection.entries
    tasks: list[tuple[str, Any]] = [
        ("cable", (i, *where[i])) for i in order if stale(entries[i].url)
    ]
    tasks += [("page", n) for n, page in enumerate(plan) if stale(page.url)]
    return tasks


def _remove_gone(out: Path, previous: Manifest, manifest: Manifest) -> int:
    """Delete the pages the last build wrote and this one does not: a cable page goes with
    its text and record. The number of files deleted."""
    removed = 0
    folders = set()
    for url in previous.pages.keys() - manifest.pages.keys():
        page = out / file_for(url)
        files = [page]
        if url.startswith("/cable/") and url.count("/") == 5:
            cable_id = url.split("/")[4]
            files += [page.with_name(f"{cable_id}.txt"), page.with_name(f"{cable_id}.json")]
        for path in files:
            if path.exists():
                path.unlink()
                removed += 1
        folders.add(page.parent)
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


def shards_to_index(
    site: Path,
    prints: Fingerprints,
    shards: list[Shard],
    manifest: Manifest,
    previous: Manifest | None,
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
            and previous is not None
            and previous.members.get(shard.name) == members
            and shard.name in previous.shards
            and touched.isdisjoint(shard.ids)
        ):
            manifest.shards[shard.name] = previous.shards[shard.name]
            continue
        digest = hashlib.sha256(f"{shard.name}\0{shard.glob}\0{manifest.search_version}".encode())
        for cable_id in shard.ids:
            digest.update(prints.search(cable_id).encode())
        manifest.shards[shard.name] = digest.hexdigest()
    return [
        shard
        for shard in shards
        if previous is None
        or previous.shards.get(shard.name) != manifest.shards[shard.name]
        or not (site / "pagefind" / shard.name).is_dir()
    ]


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


class _Clock:
    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.seconds[stage] = now - self.last
        self.last = now
