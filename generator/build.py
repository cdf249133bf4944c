"""`cables build`: the pipeline from content/ to a complete site.

    read + parse → collection (indexes) → page plan → render + write → search → swap

Parsing and rendering run in worker processes, one per core; each cable's record is cached by
the hash of its file (`.cache/`), so a rebuild parses only what changed. The main process
holds only a light entry per cable, never every text or rendered page at once.

The site is written to a fresh folder beside the output and swapped in only when complete, so
a build that fails or is interrupted leaves the previous site as it was. Output is
deterministic: the same content gives byte-identical files.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from generator.cache import ParseCache, key_of
from generator.collection import Collection, light_of
from generator.config import SiteConfig, load_config
from generator.layout import crowded_folders
from generator.markdown import to_html
from generator.pages import HOME, Page, plan_site
from generator.parse import CableError, parse_cable
from generator.posts import origin_country
from generator.render import Renderer
from generator.search import index_site, plan_shards
from generator.sitemap import sitemap_files
from generator.sources import SourceCable, SourceError
from generator.sources.text import FrontMatterError, read_text_file, split_front_matter
from generator.urls import cable_url, file_for


class BuildError(RuntimeError):
    """A build that cannot go on, or that --strict refuses; the message says why."""


@dataclass
class BuildReport:
    """What a build did, for its closing summary."""

    cables: int = 0
    pages: int = 0
    files: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        timing = ", ".join(f"{stage} {sec:.1f}s" for stage, sec in self.seconds.items())
        lines = [
            f"{self.cables} cables, {self.pages} pages, {self.files} files written; "
            f"{len(self.failed)} cables left out, {len(self.warnings)} warnings ({timing})"
        ]
        lines += [f"  left out: {line}" for line in self.failed]
        lines += [f"  warning: {line}" for line in self.warnings]
        return "\n".join(lines)


# ---- running work in worker processes ---------------------------------------------------

_SHARED: dict[str, Any] = {}  # set before the workers fork; they read it, never write it


def _map(function: Callable, items: list, jobs: int) -> Iterator:
    """`function` over `items`, in order, in `jobs` forked workers (in-process when 1).

    A worker's error, interruption or death stops the build with that error: the executor
    sends exceptions back and notices a worker that died, where a bare pool would wait.
    """
    if jobs <= 1 or len(items) < 64:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(256, len(items) // (jobs * 8)))
    pool = ProcessPoolExecutor(jobs, mp_context=context)
    try:
        yield from pool.map(function, items, chunksize=chunk)
    except BaseException:
        # Drop the queued work and wait for the running chunks, so that no worker writes into
        # the staging folder after the build has removed it.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# ---- read + parse -------------------------------------------------------------------------


def _read_one(path: Path) -> tuple[str, Any]:
    """Parse one content file (in a worker): ("ok", (label, key, light)) or an error line."""
    cache: ParseCache = _SHARED["cache"]
    try:
        data = path.read_bytes()
    except OSError as error:
        return "failed", f"{path}: {error}"
    key = key_of(data)
    cable = cache.load(key)
    if cable is None:
        item = read_text_file(path)
        if isinstance(item, SourceError):
            return "failed", str(item)
        try:
            cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
        except CableError as error:
            return "failed", f"{path}: {error}"
        cache.store(key, cable)
    return "ok", (str(path), key, light_of(cable))


def read_collection(
    folder: Path, cache: ParseCache, report: BuildReport, jobs: int, progress: bool
) -> tuple[Collection, dict[str, tuple[str, str]]]:
    """Every cable of content/cables indexed, and where each one's record is (path, key)."""
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
        if path.name.startswith(".") or path.suffix.lower() not in (".txt", ""):
            report.warnings.append(
                f"{path}: skipped, not a cable file ({path.suffix or 'no extension'})"
            )
        else:
            files.append(path)
    _SHARED["cache"] = cache
    origin_country("Embassy Paris")  # load the place tables once, before the workers fork
    collection = Collection()
    where: dict[str, tuple[str, str]] = {}
    results = tqdm(
        _map(_read_one, files, jobs),
        total=len(files),
        desc="read",
        unit=" cables",
        disable=not progress,
    )
    for status, value in results:
        if status != "ok":
            report.failed.append(value)
            continue
        label, key, light = value
        cable_id = light.entry.id
        if cable_id in where:
            report.warnings.append(
                f"{label}: {cable_id} is also in {where[cable_id][0]}; the first is kept"
            )
            continue
        where[cable_id] = (label, key)
        collection.add_light(light)
    return collection.finish(), where


def read_editorial(folder: Path, report: BuildReport) -> list[Page]:
    """Editorial pages, `content/pages/<name>.md` → `/<name>/`, in the site's layout."""
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontMatterError) as error:
            report.warnings.append(f"{path}: {error}; page left out")
            continue
        title = str(meta.get("title") or path.stem.replace("-", " ").capitalize())
        context = {"title": title, "body": to_html(body), "crumbs": (HOME,), "description": None}
        pages.append(Page(f"/{path.stem}/", "page.html", context))
    return pages


# ---- render + write -----------------------------------------------------------------------


class Writer:
    """Writes files under one folder, creating each parent folder once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0
        self._made: set[Path] = set()

    def write(self, relative: str, data: bytes) -> None:
        path = self.root / relative
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        path.write_bytes(data)
        self.count += 1


def _worker() -> tuple[Renderer, Writer]:
    if "renderer" not in _SHARED:
        _SHARED["renderer"] = Renderer(
            _SHARED["templates"], _SHARED["config"], _SHARED["collection"]
        )
        _SHARED["writer"] = Writer(_SHARED["staging"])
    return _SHARED["renderer"], _SHARED["writer"]


def _render_one(task: tuple[str, Any]) -> int:
    """Render and write one cable (its page, text and record) or one planned page."""
    renderer, writer = _worker()
    before = writer.count
    kind, value = task
    if kind == "page":
        page = _SHARED["plan"][value]
        writer.write(file_for(page.url), renderer.page(page))
        return writer.count - before
    label, key = value
    cable = _SHARED["cache"].load(key)
    if cable is None:
        item = read_text_file(Path(label))
        if not isinstance(item, SourceCable):
            raise BuildError(f"{label}: changed while the site was being built ({item})")
        cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
    folder = file_for(cable_url(cable.id, cable.created)).removesuffix("index.html")
    writer.write(folder + "index.html", renderer.cable(cable))
    writer.write(f"{folder}{cable.id}.txt", cable.text.encode("utf-8"))
    writer.write(f"{folder}{cable.id}.json", renderer.record_json(cable))
    return writer.count - before


def render_all(
    staging: Path,
    where: dict[str, tuple[str, str]],
    plan: list[Page],
    jobs: int,
    progress: bool,
) -> int:
    """Render every cable and planned page into `staging`; the number of files written."""
    _SHARED.update(staging=staging, plan=plan)
    _SHARED.pop("renderer", None)
    tasks: list[tuple[str, Any]] = [("cable", where[i]) for i in sorted(where)]
    tasks += [("page", index) for index in range(len(plan))]
    counts = tqdm(
        _map(_render_one, tasks, jobs),
        total=len(tasks),
        desc="render",
        unit=" pages",
        disable=not progress,
    )
    return sum(counts)


def _write_site_files(
    writer: Writer, renderer: Renderer, plan: list[Page], collection: Collection, config: SiteConfig
) -> None:
    """Assets, 404, feed, sitemap and robots: the files around the pages."""
    for asset in renderer.assets.values():
        writer.write(asset.url.lstrip("/"), asset.data)
    writer.write("404.html", renderer.page(Page("/404.html", "404.html", {"title": "Not found"})))
    newest = [collection.entries[i] for i in collection.newest[: config.feed_size]]
    updated = next((e.created for e in newest if e.created), "1970-01-01T00:00:00Z")
    writer.write(
        "feed.xml",
        renderer.page(Page("/feed.xml", "feed.xml", {"entries": newest, "updated": updated})),
    )
    urls = [page.url for page in plan] + [e.url for e in collection.entries.values()]
    for name, data in sitemap_files(sorted(urls), config.root):
        writer.write(name, data)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {config.root}/sitemap.xml\n"
    writer.write("robots.txt", robots.encode())


# ---- the build ----------------------------------------------------------------------------


def build(
    source: Path,
    out: Path,
    *,
    strict: bool = False,
    base_url: str | None = None,
    progress: bool = False,
    search: bool = True,
    jobs: int | None = None,
    cache: bool = True,
) -> BuildReport:
    """Build the site of the project at `source` into `out`."""
    report = BuildReport()
    config = load_config(source / "content" / "site.yaml", base_url)
    jobs = jobs or default_jobs()
    clock = _Clock(report)

    parse_cache = ParseCache(source / ".cache" / "cables" if cache else None)
    collection, where = read_collection(
        source / "content" / "cables", parse_cache, report, jobs, progress
    )
    clock.lap("read+parse")
    if strict and report.failed:
        raise BuildError(
            f"{len(report.failed)} cables could not be read (--strict):\n"
            + "\n".join(report.failed)
        )
    if not where:
        raise BuildError(f"no cables in {source / 'content' / 'cables'}")

    editorial = read_editorial(source / "content" / "pages", report)
    shards = plan_shards(collection.months, config.search_shard_size) if search else []
    plan = plan_site(collection, config.list_limit, editorial, [s.name for s in shards])
    planned = [file_for(page.url) for page in plan]
    planned += [file_for(entry.url) for entry in collection.entries.values()]
    for folder in crowded_folders(planned):
        report.warnings.append(f"{folder}: more than Netlify accepts in one folder")
    clock.lap("index+plan")

    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        _SHARED.update(
            templates=source / "templates", config=config, collection=collection, cache=parse_cache
        )
        renderer = Renderer(source / "templates", config, collection)
        writer = Writer(staging)
        _write_site_files(writer, renderer, plan, collection, config)
        report.files += writer.count + render_all(staging, where, plan, jobs, progress)
        clock.lap("render+write")
        if shards:
            with tqdm(total=len(where), desc="search", unit=" pages", disable=not progress) as bar:
                indexed = index_site(staging, shards, bar)
            report.files += sum(1 for p in (staging / "pagefind").rglob("*") if p.is_file())
            missing = len(where) - sum(indexed.values())
            if missing:
                report.warnings.append(f"search: {missing} cable pages were not indexed")
            clock.lap("search")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for name in ("renderer", "writer", "plan", "collection"):
            _SHARED.pop(name, None)
    _swap(staging, out)
    clock.lap("swap")
    report.cables = len(where)
    report.pages = len(plan) + len(where)
    return report


def _swap(staging: Path, out: Path) -> None:
    """Put the new site in place of the old one; the old one is deleted afterwards."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


class _Clock:
    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.seconds[stage] = now - self.last
        self.last = now
