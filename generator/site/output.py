"""Render + write: the planned pages made into files, in worker processes.

A first build writes the site into a fresh folder beside the output (`.site.building-<pid>`)
and swaps it in only when complete, so a failed build leaves the previous site as it was.
Later builds write into the site in place, each file only if its bytes changed, through a
temporary file renamed into place. Workers are forked from the main process and share its
memory until they write to it, and reading an object writes to it (its reference count):
so a cable's file and cache key travel with its task rather than being looked up in a
shared table.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from tqdm import tqdm

from generator.files import (
    Stamp,
    make_folder,
    replace_folder,
    stamp_of,
    write_file,
    write_if_changed,
)
from generator.incremental.fingerprints import Fingerprints
from generator.incremental.records import ParseCache, record_of
from generator.site.addresses import Link, file_for, old_address
from generator.site.collection import Collection
from generator.site.plan import Page, cable_page
from generator.site.render import Renderer, record_json
from generator.site.settings import SiteConfig
from generator.sources import unexpected
from generator.workers import SHARED, in_workers

# Render workers are replaced after this many pages, giving back the copies they made of the
# main process's memory by reading it (`workers.in_workers`; docs/benchmarks.md).
RENEW_WORKERS = 30_000
# A task: ("page", index in the plan) or ("cable", (cable ID, its content file, its key)).
Task = tuple[str, Any]


class OutputError(RuntimeError):
    """A page that cannot be made for a reason that stops the build; the message says why."""


class _Unmade(Exception):
    """One page that cannot be made (its content file went bad since it was read)."""


class Writer:
    """Writes files under one folder, creating each parent folder once. Into a folder that
    holds the last build, it writes only files whose bytes changed."""

    def __init__(self, root: Path, in_place: bool = False, scratch: Path | None = None) -> None:
        """`scratch`: where files written into the served site are made before they are
        renamed into place: a folder beside the site, so that a killed build's leftovers
        are one folder the next removes (`files.remove_leftovers`), not files among pages."""
        self.root = root
        self.in_place = in_place
        self.scratch = scratch
        self.count = 0
        self._made: set[str] = set()

    def path(self, relative: str) -> str:
        """Paths as strings: a build writes a million files (docs/benchmarks.md)."""
        return f"{self.root}/{relative}"

    def write(self, relative: str, data: bytes) -> None:
        path = self.path(relative)
        if self.in_place:
            self.count += write_if_changed(Path(path), data, self.scratch)
            return
        make_folder(os.path.dirname(path), self._made)
        write_file(path, data)
        self.count += 1

    def write_page(self, url: str, data: bytes) -> None:
        """A page's file, and the same bytes at its old address, if it has one
        (`addresses.old_address`): in a fresh folder a second name for the same file,
        which costs no second copy; in place a file of its own, written if it changed."""
        self.write(file_for(url), data)
        old = old_address(url)
        if old is None:
            return
        if self.in_place:
            self.write(file_for(old), data)
            return
        path = self.path(file_for(old))
        make_folder(os.path.dirname(path), self._made)
        try:
            os.link(self.path(file_for(url)), path)
        except OSError:  # a file system without hard links
            write_file(path, data)
        self.count += 1


class Output:
    """Where a build writes: the site itself (`in_place`), or a fresh folder beside it that
    `finish` swaps in. Leaving the `with` block by an error removes a fresh folder."""

    def __init__(self, out: Path, in_place: bool) -> None:
        self.out = out
        self.in_place = in_place
        self.folder = out if in_place else out.parent / f".{out.name}.building-{os.getpid()}"
        self.scratch = out.parent / f".{out.name}.writing-{os.getpid()}"
        self.writer = Writer(self.folder, in_place, self.scratch)

    def __enter__(self) -> Output:
        if not self.in_place and self.folder.exists():
            shutil.rmtree(self.folder)
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, trace: object) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        if error is not None and not self.in_place:
            shutil.rmtree(self.folder, ignore_errors=True)

    def finish(self) -> None:
        """Put a fresh folder in place of the site."""
        if not self.in_place:
            replace_folder(self.folder, self.out)

    def remove(self, urls: set[str]) -> None:
        """Delete the pages at `urls` (a cable page with its text and record) and the folders
        they leave empty."""
        folders = set()
        for url in urls:
            page = self.out / file_for(url)
            files = [page]
            if url.startswith("/cable/") and url.count("/") == 5:
                cable_id = url.split("/")[4]
                files += [page.with_name(f"{cable_id}.txt"), page.with_name(f"{cable_id}.json")]
            if old := old_address(url):
                files.append(self.out / file_for(old))
            for path in files:
                if path.exists():
                    path.unlink()
                    self.writer.count += 1
            folders.add(page.parent)
        for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
            while folder != self.out and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


@dataclass(frozen=True)
class RenderJob:
    """What the render workers need of a build: its templates, settings, collection,
    navigation and the parse cache its records are kept in; in a fresh build, the
    fingerprints, to take each cable page's where it is drawn (`Rebuild.plan`)."""

    templates: Path
    settings: SiteConfig
    collection: Collection
    records: ParseCache
    nav: list[Link]
    prints: Fingerprints | None = None


def render_pages(
    output: Output, tasks: list[Task], plan: list[Page], job: RenderJob, jobs: int, progress: bool
) -> Iterator[tuple[str, Stamp | str, int, str | None]]:
    """Make each task's page (a cable's with its text and record) in `jobs` workers: per
    page its address, the stamp of its file (or why it could not be made), the number of
    files written and, if the job asks, the cable page's fingerprint."""
    SHARED.update(output=output, plan=plan, job=job)
    SHARED.pop("renderer", None)
    try:
        yield from tqdm(
            in_workers(_make_one, tasks, jobs, RENEW_WORKERS),
            total=len(tasks),
            desc="render",
            unit=" pages",
            disable=not progress,
        )
    finally:
        for name in ("renderer", "writer", "plan", "job"):
            SHARED.pop(name, None)


def _worker() -> tuple[Renderer, Writer]:
    if "renderer" not in SHARED:
        job: RenderJob = SHARED["job"]
        SHARED["renderer"] = Renderer(job.templates, job.settings, job.nav)
        output: Output = SHARED["output"]
        SHARED["writer"] = Writer(output.folder, output.in_place, output.scratch)
    return SHARED["renderer"], SHARED["writer"]


def _make_one(task: Task) -> tuple[str, Stamp | str, int, str | None]:
    """Render and write one task's page. A page that fails is that page's failure; a file
    that cannot be written (a full disk) is the build's."""
    renderer, writer = _worker()
    before = writer.count
    kind, value = task
    try:
        url, fingerprint = _make(renderer, writer, kind, value)
    except (OSError, OutputError):
        raise
    except _Unmade as error:
        return _cable_address(value[0]), str(error), writer.count - before, None
    except TemplateError as error:  # the templates' fault, on every page alike
        where = getattr(error, "name", None) or (
            SHARED["plan"][value].template if kind == "page" else "cable.html"
        )
        raise OutputError(f"templates/{where}: {error}") from None
    except Exception as error:
        url = SHARED["plan"][value].url if kind == "page" else _cable_address(value[0])
        return url, f"{url}: {unexpected(error, 'rendered')}", writer.count - before, None
    stamp = stamp_of(writer.path(file_for(url)))
    assert stamp is not None, url
    return url, stamp, writer.count - before, fingerprint


def _cable_address(cable_id: str) -> str:
    return SHARED["job"].collection.entries[cable_id].url


def _make(renderer: Renderer, writer: Writer, kind: str, value: Any) -> tuple[str, str | None]:
    """The page's address and, for a cable page in a fresh build, its fingerprint."""
    if kind == "page":
        page = SHARED["plan"][value]
        writer.write_page(page.url, renderer.render(page))
        return page.url, None
    _, label, key = value
    job: RenderJob = SHARED["job"]
    cable = record_of(job.records, label, key)
    if isinstance(cable, str):
        raise _Unmade(f"{cable} (while the site was being built); the next build tries again")
    onward = job.collection.onward(cable.id)
    page = cable_page(cable, job.collection, onward)
    html = renderer.render(page)  # first: a page that fails leaves its files as they were
    folder = file_for(page.url).removesuffix("index.html")
    writer.write(f"{folder}{cable.id}.txt", cable.text.encode("utf-8"))
    writer.write(f"{folder}{cable.id}.json", record_json(cable))
    writer.write_page(page.url, html)
    return page.url, job.prints.cable(cable.id, onward) if job.prints else None
