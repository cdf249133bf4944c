"""Read + parse: content/cables → the collection, in worker processes.

Each content file's record is kept in the parse cache by a key of its bytes, its name and
the parser's code (`incremental/records.py`), so a rebuild parses only what changed. A build
keeps what it read (`Inputs`, with the manifest): the next one stats every content file,
reads only those whose stamp changed (`read_changes`) and brings the collection it loaded up
to date (`apply_changes`), instead of reading a light entry for each of a quarter of a
million cables and sorting every list again.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tqdm import tqdm

from generator.clean import one_line
from generator.files import Stamp, collector_paused, read_ahead, read_regular, reason, too_large
from generator.incremental.cache_folder import CacheFolder
from generator.incremental.records import LightIndex, ParseCache, key_of, record_of
from generator.reference.posts import load_places
from generator.report import BuildReport
from generator.site.collection import Collection, Light, light_of
from generator.sources import LARGEST_CABLE
from generator.workers import SHARED, in_workers

# Above this share of the collection changed, a build reads everything again: one pass
# over every light entry is then cheaper than updating the collection cable by cable.
MOST_CHANGED = 0.05


@dataclass
class Inputs:
    """What a build read: per content file its stamp, key and cable ID, and the collection
    it made."""

    files: dict[str, tuple[Stamp, str, str]]
    collection: Collection
    duplicates: bool = False  # two files gave one ID: the next build reads all again

    def where(self) -> dict[str, tuple[str, str]]:
        """Per cable, its file and key (of two files with one ID, the first by path)."""
        found: dict[str, tuple[str, str]] = {}
        for label, (_, key, cable_id) in self.files.items():
            found.setdefault(cable_id, (label, key))
        return found


@dataclass
class Changes:
    """The cables a rebuild found changed: their entries before and after (an edited cable is
    in both), the content files read (None: gone) and, once applied, every cable whose page
    may show one of them."""

    gone: list[Light] = field(default_factory=list)
    new: list[Light] = field(default_factory=list)
    files: dict[str, tuple[Stamp, str, str] | None] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Reader:
    """How a build reads: the parse cache, the `.cache/` folder, the report it tells what
    failed, its worker processes, whether it shows progress."""

    cache: ParseCache
    kept: CacheFolder
    report: BuildReport
    jobs: int = 1
    progress: bool = False


def read_content(
    content: ContentFiles, last: Inputs | None, reader: Reader
) -> tuple[Inputs, Changes | None]:
    """The collection of content/cables: `last` (what the last build read, loaded for this
    one) brought up to date where only a few files changed, with what changed; else read
    afresh, with None."""
    if last is not None:
        changes = read_changes(content, last, reader)
        if changes is not None:
            apply_changes(last, changes)
            return last, changes
    return read_collection(content, reader), None


def _read_one(path: Path) -> tuple[str, Any]:
    """Parse one content file (in a worker): ("ok", (label, key, light)) or an error line."""
    try:
        data = read_regular(str(path), LARGEST_CABLE)
    except OSError as error:
        return "failed", f"{one_line(str(path))}: {reason(error)}"
    key = key_of(data, path.name)
    light = SHARED["lights"].get(key)
    if light is not None:
        return "ok", (str(path), key, light)
    cable = record_of(SHARED["cache"], str(path), key, data)
    if isinstance(cable, str):
        return "failed", cable
    return "ok", (str(path), key, light_of(cable))


@dataclass
class ContentFiles:
    """Every cable file under a folder with its stamp, in no order; a warning for each other
    file skipped and each folder that could not be listed; a line for each file refused
    (a link, not a regular file, too large), which counts as a cable left out."""

    stamps: dict[str, Stamp]
    warnings: list[str]
    refused: list[str] = field(default_factory=list)


def list_content(folder: Path) -> ContentFiles:
    """The cable files under `folder`: regular files only, none through a symbolic link
    (a link could publish any file of the machine that builds the site). Paths as strings:
    a rebuild lists a quarter of a million files, and Path objects (or sorting them) cost
    seconds."""
    found: dict[str, Stamp] = {}
    warnings, skipped, refused = [], [], []
    folders = [str(folder)]
    while folders:
        try:
            listing = os.scandir(folders.pop())
        except OSError as error:
            warnings.append(f"{one_line(str(error.filename))}: cannot be listed ({reason(error)})")
            continue
        with listing:
            for item in listing:
                if item.is_symlink():
                    refused.append(f"{one_line(item.path)}: a symbolic link, not read")
                    continue
                if item.is_dir(follow_symlinks=False):
                    if not item.name.startswith("."):  # as version control's own folders
                        folders.append(item.path)
                    continue
                _, dot, extension = item.name.rpartition(".")
                suffix = dot + extension if dot else ""
                if item.name.startswith(".") or suffix.lower() not in (".txt", ""):
                    skipped.append((item.path, suffix or "no extension"))
                    continue
                try:
                    status = item.stat(follow_symlinks=False)
                except OSError:
                    found[item.path] = (-1, -1)  # gone since listed: reading it will say so
                    continue
                if not stat.S_ISREG(status.st_mode):
                    refused.append(f"{one_line(item.path)}: not a regular file, not read")
                elif status.st_size > LARGEST_CABLE:
                    refused.append(
                        f"{one_line(item.path)}: {too_large(status.st_size, LARGEST_CABLE)}"
                    )
                else:
                    found[item.path] = (status.st_size, status.st_mtime_ns)
    for where, suffix in sorted(skipped):
        warnings.append(f"{one_line(where)}: skipped, not a cable file ({one_line(suffix)})")
    return ContentFiles(found, warnings, sorted(refused))


def list_content_aside(folder: Path, jobs: int) -> Callable[[], ContentFiles]:
    """`list_content` in a process forked now, when there are cores to spare: a rebuild
    lists and stats every content file while it loads the manifest. Call what it returns
    to wait for the files."""
    if jobs <= 1:
        return lambda: list_content(folder)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_send_content, args=(folder, sending), daemon=True)
    process.start()
    sending.close()

    def result() -> ContentFiles:
        try:
            with collector_paused():
                return receiving.recv()
        except EOFError:  # the process died: list here
            return list_content(folder)
        finally:
            receiving.close()
            process.join()

    return result


def _send_content(folder: Path, sending: Connection) -> None:
    sending.send(list_content(folder))
    sending.close()


def preload_places(kept: CacheFolder) -> None:
    """Load the place tables (a cable's origin → its country) from `.cache/` if an earlier
    build kept them there; before workers fork, so that they share one copy (each worker
    would otherwise make its own: docs/benchmarks.md)."""
    load_places(kept.places)


def _read(files: list[str], lights: dict[str, Light], reader: Reader) -> list:
    """`_read_one` over `files` in workers: its answer for each."""
    SHARED.update(lights=lights, cache=reader.cache)
    if files:
        preload_places(reader.kept)
        read_ahead(files)
    try:
        read = in_workers(_read_one, [Path(label) for label in files], reader.jobs)
        hidden = not reader.progress
        return list(tqdm(read, total=len(files), desc="read", unit=" cables", disable=hidden))
    finally:
        SHARED.pop("lights")


def read_collection(content: ContentFiles, reader: Reader) -> Inputs:
    """Every cable of content/cables indexed, and where each one's record is.

    A file whose size and modification time are those of the last build is not read again:
    its key and light entry come from the light index (`.cache/lights.pickle`); a file read
    again whose bytes are known (a fresh clone) is not parsed again.

    What is kept is copied through pickle into fresh memory once everything else read is
    gone: reading leaves about half the heap free in small gaps between what it keeps (the
    light entries it drops), which the process would hold to the end and which the render
    workers, forked later, could fill and so copy the pages they share with it
    (`python -m bench.heap`, docs/benchmarks.md).
    """
    inputs = read_inputs(content, reader)
    copy = pickle.dumps(inputs, pickle.HIGHEST_PROTOCOL)
    del inputs  # freed before the copy is made: the memory it leaves empty is given back
    return pickle.loads(copy)


def read_inputs(content: ContentFiles, reader: Reader) -> Inputs:
    """What `read_collection` returns, in the memory reading left it in."""
    report = reader.report
    stamps = content.stamps
    report.warnings += content.warnings
    report.failed += content.refused
    files = sorted(stamps)
    index = LightIndex.load(reader.kept.lights if reader.cache.reuse else None)
    known: dict[int, tuple[str, Any]] = {}
    to_read = []
    for number, label in enumerate(files):
        hit = index.by_path.get(label)
        if hit is not None and hit[0] == stamps[label]:
            known[number] = ("ok", (label, hit[1], hit[2]))
        else:
            to_read.append(number)
    answers = _read([files[n] for n in to_read], index.by_key(), reader)
    known.update(zip(to_read, answers, strict=True))
    inputs = Inputs({}, Collection())
    first: dict[str, str] = {}  # the file each ID is read from
    fresh = LightIndex()
    for number in range(len(files)):
        status, value = known[number]
        if status != "ok":
            report.failed.append(value)
            continue
        label, key, light = value
        fresh.by_path[label] = (stamps[label], key, light)
        cable_id = light.entry.id
        inputs.files[label] = (stamps[label], key, cable_id)
        if cable_id in first:
            report.failed.append(
                f"{one_line(label)}: {cable_id} is also in {one_line(first[cable_id])}, which is"
                " kept (the first by path); this file is left out"
            )
            inputs.duplicates = True
            continue
        first[cable_id] = label
        inputs.collection.add_light(light)
    if to_read:
        fresh.save(reader.kept.lights)
    inputs.collection.finish()
    return inputs


def read_changes(content: ContentFiles, last: Inputs, reader: Reader) -> Changes | None:
    """What changed in content/cables since `last`, reading only the files whose stamp
    changed; `last` is left as it is. None when reading everything again is the better
    way: too much changed, an ID is in two files, or an old record is missing from the
    parse cache."""
    cache = reader.cache
    if last.duplicates or not cache.reuse:
        return None
    found = BuildReport()  # told only if this way works out
    stamps = content.stamps
    files = last.files
    changed = sorted(label for label, stamp in stamps.items() if files.get(label, (0,))[0] != stamp)
    removed = sorted(files.keys() - stamps.keys())
    if len(changed) + len(removed) > MOST_CHANGED * max(len(stamps), 1000):
        return None
    answers = _read(changed, {}, reader)
    gone_files, new = [], []
    for label, (status, value) in zip(changed, answers, strict=True):
        if status != "ok":
            found.failed.append(value)
            if label in files:
                gone_files.append(label)
        elif files.get(label, (None, None))[1] != value[1]:  # else only touched
            new.append(value)
            if label in files:
                gone_files.append(label)
    gone_files += removed
    changes = Changes()
    if gone_files:
        preload_places(reader.kept)
    for label in gone_files:
        cable = cache.load(files[label][1])
        if cable is None:
            return None
        changes.gone.append(light_of(cable))
    leaving = {light.entry.id for light in changes.gone}
    arriving = Counter(light.entry.id for _, _, light in new)
    for cable_id, count in arriving.items():
        if count > 1 or (cable_id in last.collection.entries and cable_id not in leaving):
            return None  # an ID in two files: the full read says which is kept, and warns
    changes.new = [light for _, _, light in new]
    changes.files = dict.fromkeys(gone_files)
    for label in changed:  # touched only: the same bytes under a new stamp
        if label in files and label not in changes.files:
            changes.files[label] = (stamps[label], *files[label][1:])
    for label, key, light in new:
        changes.files[label] = (stamps[label], key, light.entry.id)
    reader.report.failed += content.refused + found.failed
    reader.report.warnings += content.warnings
    return changes


def apply_changes(inputs: Inputs, changes: Changes) -> None:
    """Bring `inputs` (loaded from the last build's manifest for this build to keep) up to
    date with `changes`, and note in them every cable whose page may show a change."""
    changes.touched = inputs.collection.update(changes.gone, changes.new)
    for label, now in changes.files.items():
        if now is None:
            del inputs.files[label]
        else:
            inputs.files[label] = now
