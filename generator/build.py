"""`cables build`: the pipeline from content/ to a complete site (docs/building.md).

    read + parse → collection → plan → render + write (search beside) → keep for next time

Each stage is a module of its own; this one calls them in order. Where the last build into
the same folder can be trusted, the stages read, plan, render and index only around what
changed (`incremental/rebuild.py` is the seam); the result is byte for byte a fresh build's.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError

from generator.files import remove_leftovers
from generator.incremental.cache_folder import CacheFolder
from generator.incremental.fingerprints import Fingerprints, template_digests
from generator.incremental.manifest import Manifest
from generator.incremental.rebuild import Rebuild
from generator.incremental.records import ParseCache
from generator.reading import Changes, Inputs, Reader, list_content_aside, read_content
from generator.report import BuildReport
from generator.search.indexer import SearchOptions, SearchStage
from generator.search.shards import Shard, plan_shards, search_version
from generator.site.addresses import old_address
from generator.site.folders import crowded_folders
from generator.site.output import Output, OutputError, RenderJob, render_pages
from generator.site.plan import Page, editorial_page, nav_links, site_files, taken_names
from generator.site.render import Renderer
from generator.site.settings import SiteConfig, load_config
from generator.sources.editorial import read_editorial
from generator.workers import default_jobs


class BuildError(RuntimeError):
    """A build that cannot go on, or that --strict refuses; the message says why, and the
    report (if any) which cables were left out."""

    def __init__(self, message: str, report: BuildReport | None = None) -> None:
        super().__init__(message)
        self.report = report


def build(source: Path, out: Path, **options) -> BuildReport:
    """Build the site of the project at `source` into `out`. Options: those of `_build`."""
    try:
        return _build(source, out, **options)
    except OutputError as error:
        raise BuildError(str(error)) from None
    except TemplateSyntaxError as error:  # found while the templates are fingerprinted
        raise BuildError(f"templates/{error.name}, line {error.lineno}: {error.message}") from None
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
    """`cache` False: keep nothing for the next build; `fresh`: trust nothing the last kept."""
    report = BuildReport()
    clock = _Clock(report)
    deadline = None if search_minutes is None else time.perf_counter() + 60 * search_minutes
    jobs = jobs or default_jobs()
    settings = load_config(source / "content" / "site.yaml", base_url)
    leftovers = remove_leftovers(out)  # of builds killed before they finished
    kept = CacheFolder(source / ".cache" if cache else None)

    # Read + parse: every content file to its light entry, in workers; the collection.
    listing = list_content_aside(source / "content" / "cables", jobs)
    rebuild = Rebuild(kept, out, fresh)
    reader = Reader(ParseCache(kept.records, reuse=not fresh), kept, report, jobs, progress)
    inputs, changes = read_content(listing(), rebuild.last_inputs, reader)
    gc.freeze()  # a quarter of a million entries kept to the end: no collection walks them
    clock.lap("read+parse")
    if strict and report.failed:
        raise BuildError(f"{len(report.failed)} cables or files left out (--strict)", report)
    if not inputs.collection.entries:
        raise BuildError(f"no cables in {source / 'content' / 'cables'}", report)
    unpublished = sum(
        1 for e in inputs.collection.entries.values() if not e.published and not e.synthetic
    )
    if unpublished:
        report.warnings.append(
            f"{unpublished} cables have no date of publication (neither `released` nor `added` "
            "in front matter): the feed and the home page list them after all others; "
            "`cables import` records `added`, or write it in their front matter"
        )

    # Plan: every page, and which of them this build must render.
    site = _plan(source, settings, inputs, changes, rebuild, report, search)
    clock.lap("index+plan")

    # Render + write, Pagefind indexing each search shard as soon as its pages are written.
    with Output(out, rebuild.in_place) as output:
        job = RenderJob(
            source / "templates",
            settings,
            inputs.collection,
            ParseCache(kept.records),
            site.nav,
            None if rebuild.in_place else site.prints,
        )
        options = SearchOptions(progress, search_jobs, deadline)
        _make(output, site, job, rebuild, report, options, jobs, progress)
        clock.lap("render+write")
        site.search.finish(report, kept.words, clock.lap)
        report.files = output.writer.count + site.search.files
        if not rebuild.in_place:
            rebuild.begin()  # the site the last manifest describes is about to go
        output.finish()
    clock.lap("swap")

    # Keep what the next build needs.
    rebuild.save(site.manifest, site.changes)
    clock.lap("save")
    leftovers.join()
    report.cables = len(inputs.collection.entries)
    report.pages = len(site.manifest.pages)
    return report


@dataclass
class _Site:
    """The planned site: its pages, its manifest (every page's fingerprint), what changed
    (None: planned in full), and what rendering and search need of the plan."""

    pages: list[Page]
    where: dict[str, tuple[str, str]]  # per cable, its content file and key
    manifest: Manifest
    changes: Changes | None
    prints: Fingerprints
    shards: list[Shard]
    renderer: Renderer
    nav: list
    search: SearchStage | None = None


def _plan(
    source: Path,
    settings: SiteConfig,
    inputs: Inputs,
    changes: Changes | None,
    rebuild: Rebuild,
    report: BuildReport,
    search: bool,
) -> _Site:
    collection = inputs.collection
    pages = source / "content" / "pages"
    editorial = [
        editorial_page(page.name, page.title, page.markdown)
        for page in read_editorial(pages, taken_names(), report.warnings)
    ]
    shards = plan_shards(collection.months, settings.search_shard_size) if search else []
    nav = nav_links(collection)
    renderer = Renderer(source / "templates", settings, nav)
    assets = {asset.name: asset.url for asset in renderer.assets.values()}
    where = inputs.where()
    prints = Fingerprints(
        (settings.every_page(), [link.url for link in nav]),
        template_digests(renderer.env, source / "templates", assets),
        where,
        collection,
    )
    names = [shard.name for shard in shards]
    version = search_version() if search else None
    plan, manifest, changes = rebuild.plan(
        inputs, changes, prints, settings, editorial, names, version
    )
    if changes is not None:
        report.changed = len({light.entry.id for light in (*changes.gone, *changes.new)})
    published = (address for url in manifest.pages for address in (url, old_address(url)))
    for crowded in crowded_folders(a.strip("/") for a in published if a and a != "/"):
        report.warnings.append(f"{crowded}: more than Netlify accepts in one folder")
    return _Site(plan, where, manifest, changes, prints, shards, renderer, nav)


def _make(
    output: Output,
    site: _Site,
    job: RenderJob,
    rebuild: Rebuild,
    report: BuildReport,
    options: SearchOptions,
    jobs: int,
    progress: bool,
) -> None:
    """Render and write the pages this build must, with the search stage beside; then the
    files made from the whole site (feed, sitemaps, assets)."""
    collection, manifest = job.collection, site.manifest
    if rebuild.in_place:
        rebuild.begin()  # a build stopped half way leaves no manifest to trust
    output.remove(rebuild.gone(manifest))  # before any shard is indexed
    touched = None if site.changes is None else site.changes.touched
    where = site.where
    order = [i for shard in site.shards for i in shard.ids] if site.shards else sorted(where)
    if touched is not None:
        order = [i for i in order if i in touched]
    tasks = rebuild.to_render(manifest, site.pages, collection, where, order)
    waiting = {collection.entries[v[0]].url for kind, v in tasks if kind == "cable"}
    changed = (site.prints, rebuild.last_shards(), touched)
    site.search = SearchStage(
        output.folder, site.shards, manifest, changed, collection, waiting, options
    )
    with site.search:
        for url, stamp, written, fingerprint in render_pages(
            output, tasks, site.pages, job, jobs, progress
        ):
            if isinstance(stamp, str):  # not made: the next build tries again
                report.failed.append(stamp)
            else:
                manifest.pages[url] = (fingerprint or manifest.pages[url][0], stamp)
            output.writer.count += written
            site.search.written(url)
        report.rendered = len(tasks)
        assets = {asset.name: asset.url for asset in site.renderer.assets.values()}
        for page in site_files(collection, manifest.pages, job.settings, assets.items()):
            output.writer.write(page.url.lstrip("/"), site.renderer.render(page))
            manifest.files.add(page.url.lstrip("/"))
        output.remove({f"/{name}" for name in rebuild.gone_files(manifest.files)})


class _Clock:
    """The seconds each stage took, for the build's summary."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.seconds[stage] = now - self.last
        self.last = now
