"""`cables build`: the pipeline from content/ to a complete site (docs/building.md).

    read + parse → collection → plan → render + write (search beside) → keep for next time

Each stage is a module of its own; this one calls them in order. Where the last build into
the same folder can be trusted, the stages read, plan, render and index only around what
changed (`incremental/rebuild.py` is the seam); the result is byte for byte a fresh build's.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from generator.files import remove_leftovers
from generator.incremental.cache_folder import CacheFolder
from generator.incremental.fingerprints import Fingerprints, template_digests
from generator.incremental.rebuild import Rebuild
from generator.incremental.records import ParseCache
from generator.reading import Reader, list_content_aside, read_content
from generator.report import BuildReport
from generator.search.indexer import SearchStage
from generator.search.shards import plan_shards, search_version
from generator.site.folders import crowded_folders
from generator.site.output import Output, OutputError, render_pages
from generator.site.plan import editorial_page, nav_links, site_files
from generator.site.render import Renderer
from generator.site.settings import load_config
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
    report, clock = BuildReport(), _Clock()
    started = time.perf_counter()
    jobs = jobs or default_jobs()
    settings = load_config(source / "content" / "site.yaml", base_url)
    leftovers = remove_leftovers(out)  # of builds killed before they finished
    kept = CacheFolder(source / ".cache" if cache else None)

    # Read + parse: every content file to its light entry, in workers; the collection.
    listing = list_content_aside(source / "content" / "cables", jobs)
    rebuild = Rebuild(kept, out, fresh)
    records = ParseCache(kept.records, reuse=not fresh)
    reader = Reader(records, kept, report, jobs, progress)
    inputs, changes = read_content(listing(), rebuild.last_inputs, reader)
    gc.freeze()  # a quarter of a million entries kept to the end: no collection walks them
    collection, where = inputs.collection, inputs.where()
    clock.lap(report, "read+parse")
    if strict and report.failed:
        raise BuildError(f"{len(report.failed)} cables could not be read (--strict)", report)
    if not where:
        raise BuildError(f"no cables in {source / 'content' / 'cables'}")

    # Plan: every page, and which of them this build must render.
    templates = source / "templates"
    editorial = [
        editorial_page(page.name, page.title, page.markdown)
        for page in read_editorial(source / "content" / "pages", report.warnings)
    ]
    shards = plan_shards(collection.months, settings.search_shard_size) if search else []
    nav = nav_links(collection)
    renderer = Renderer(templates, settings, nav)
    assets = {asset.name: asset.url for asset in renderer.assets.values()}
    prints = Fingerprints(
        (settings.every_page(), [link.url for link in nav]),
        template_digests(renderer.env, templates, assets),
        where,
        collection,
    )
    names = [shard.name for shard in shards]
    version = search_version() if search else None
    plan, manifest, changes = rebuild.plan(
        inputs, changes, prints, settings, editorial, names, version
    )
    report.changed = (
        None
        if changes is None
        else len({light.entry.id for light in (*changes.gone, *changes.new)})
    )
    for crowded in crowded_folders(url.strip("/") for url in manifest.pages if url != "/"):
        report.warnings.append(f"{crowded}: more than Netlify accepts in one folder")
    clock.lap(report, "index+plan")

    # Render + write, Pagefind indexing each search shard as soon as its pages are written.
    deadline = None if search_minutes is None else started + 60 * search_minutes
    with Output(out, rebuild.in_place) as output:
        if rebuild.in_place:
            rebuild.begin()  # a build stopped half way leaves no manifest to trust
        output.remove(rebuild.gone(manifest))  # before any shard is indexed
        touched = None if changes is None else changes.touched
        order = [i for shard in shards for i in shard.ids] if shards else sorted(where)
        if touched is not None:
            order = [i for i in order if i in touched]
        tasks = rebuild.to_render(manifest, plan, collection, where, order)
        with SearchStage(
            output.folder, prints, shards, manifest, rebuild.last, touched, collection, tasks,
            progress, search_jobs, deadline,
        ) as searching:  # fmt: skip
            for url, stamp, written in render_pages(
                output, tasks, plan, templates, settings, collection, records, nav, jobs, progress
            ):
                if isinstance(stamp, str):  # not made: the next build tries again
                    report.failed.append(stamp)
                else:
                    manifest.pages[url] = (manifest.pages[url][0], stamp)
                output.writer.count += written
                searching.written(url)
            report.rendered = len(tasks)
            for page in site_files(collection, manifest.pages, settings, assets.items()):
                output.writer.write(page.url.lstrip("/"), renderer.render(page))
                manifest.files.add(page.url.lstrip("/"))
            output.remove({f"/{name}" for name in rebuild.gone_files(manifest.files)})
            clock.lap(report, "render+write")
            searching.finish(report, kept.words, clock.lap)
        report.files = output.writer.count + searching.files
        if not rebuild.in_place:
            rebuild.begin()  # the site the last manifest describes is about to go
        output.finish()
    clock.lap(report, "swap")

    rebuild.save(manifest, changes)
    clock.lap(report, "save")
    leftovers.join()
    report.cables = len(where)
    report.pages = len(manifest.pages)
    return report


class _Clock:
    """The seconds each stage took, for the build's summary."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def lap(self, report: BuildReport, stage: str) -> None:
        now = time.perf_counter()
        report.seconds[stage] = now - self.last
        self.last = now
