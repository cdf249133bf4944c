"""`cables build`: the pipeline from content/ to a complete site.

    read + parse → collection (indexes) → page plan → render → write → swap into place

The site is written to a fresh folder beside the output and swapped in only when complete, so
a build that fails or is interrupted leaves the previous site as it was. Output is
deterministic: the same content gives byte-identical files.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from generator.cable import Cable
from generator.collection import Collection, build_collection
from generator.config import SiteConfig, load_config
from generator.layout import crowded_folders
from generator.markdown import to_html
from generator.pages import HOME, Page, plan_site
from generator.parse import CableError, parse_cable
from generator.render import Renderer
from generator.search import index_site, plan_shards
from generator.sitemap import sitemap_files
from generator.sources import SourceError, SourceNote, read_paths
from generator.sources.text import FrontMatterError, split_front_matter
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


def read_cables(folder: Path, report: BuildReport, progress: bool) -> dict[str, Cable]:
    """Parse every cable in content/cables; a cable that fails is reported and left out."""
    cables: dict[str, Cable] = {}
    sources: dict[str, str] = {}
    items = tqdm(read_paths([folder]), desc="read", unit=" cables", disable=not progress)
    for item in items:
        if isinstance(item, SourceNote):
            report.warnings.append(str(item))
            continue
        if isinstance(item, SourceError):
            report.failed.append(str(item))
            continue
        try:
            cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
        except CableError as error:
            report.failed.append(f"{item.label}: {error}")
            continue
        if cable.id in cables:
            report.warnings.append(
                f"{item.label}: {cable.id} is also in {sources[cable.id]}; the first is kept"
            )
            continue
        cables[cable.id] = cable
        sources[cable.id] = item.label
    return cables


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
        pages.append(
            Page(
                f"/{path.stem}/",
                "page.html",
                {"title": title, "body": to_html(body), "crumbs": (HOME,), "description": None},
            )
        )
    return pages


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


def build(
    source: Path,
    out: Path,
    *,
    strict: bool = False,
    base_url: str | None = None,
    progress: bool = False,
    search: bool = True,
) -> BuildReport:
    """Build the site of the project at `source` into `out`."""
    report = BuildReport()
    config = load_config(source / "content" / "site.yaml", base_url)
    clock = _Clock(report)

    cables = read_cables(source / "content" / "cables", report, progress)
    clock.lap("read+parse")
    if strict and report.failed:
        raise BuildError(
            f"{len(report.failed)} cables could not be read (--strict):\n"
            + "\n".join(report.failed)
        )
    if not cables:
        raise BuildError(f"no cables in {source / 'content' / 'cables'}")
    collection = build_collection(cables.values())
    clock.lap("index")
    editorial = read_editorial(source / "content" / "pages", report)
    shards = plan_shards(collection.months, config.search_shard_size) if search else []
    plan = plan_site(collection, config.list_limit, editorial, [s.name for s in shards])
    planned = [file_for(page.url) for page in plan] + [
        file_for(entry.url) for entry in collection.entries.values()
    ]
    for folder in crowded_folders(planned):
        report.warnings.append(f"{folder}: more than Netlify accepts in one folder")
    clock.lap("plan")

    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    writer = Writer(staging)
    try:
        renderer = Renderer(source / "templates", config, collection)
        _write_all(writer, renderer, cables.values(), plan, collection, config, progress)
        clock.lap("render+write")
        if shards:
            with tqdm(total=len(cables), desc="search", unit=" pages", disable=not progress) as bar:
                indexed = index_site(staging, shards, bar)
            report.files += sum(1 for _ in (staging / "pagefind").rglob("*"))
            missing = len(cables) - sum(indexed.values())
            if missing:
                report.warnings.append(f"search: {missing} cable pages were not indexed")
            clock.lap("search")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, out)
    clock.lap("swap")
    report.cables = len(cables)
    report.pages = len(plan) + len(cables)
    report.files += writer.count
    return report


def _write_all(
    writer: Writer,
    renderer: Renderer,
    cables: Iterable[Cable],
    plan: list[Page],
    collection: Collection,
    config: SiteConfig,
    progress: bool,
) -> None:
    for asset in renderer.assets.values():
        writer.write(asset.url.lstrip("/"), asset.data)
    for cable in tqdm(list(cables), desc="cables", unit=" pages", disable=not progress):
        folder = file_for(cable_url(cable.id, cable.created)).removesuffix("index.html")
        writer.write(folder + "index.html", renderer.cable(cable))
        writer.write(f"{folder}{cable.id}.txt", cable.text.encode("utf-8"))
        writer.write(f"{folder}{cable.id}.json", renderer.record_json(cable))
    for page in tqdm(plan, desc="pages", unit=" pages", disable=not progress):
        writer.write(file_for(page.url), renderer.page(page))
    writer.write("404.html", renderer.page(Page("/404.html", "404.html", {"title": "Not found"})))
    newest = [collection.entries[i] for i in collection.newest[: config.feed_size]]
    updated = next((e.created for e in newest if e.created), "1970-01-01T00:00:00Z")
    feed = Page("/feed.xml", "feed.xml", {"entries": newest, "updated": updated})
    writer.write("feed.xml", renderer.page(feed))
    urls = [page.url for page in plan] + [e.url for e in collection.entries.values()]
    for name, data in sitemap_files(sorted(urls), config.root):
        writer.write(name, data)
    writer.write(
        "robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {config.root}/sitemap.xml\n".encode()
    )


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
