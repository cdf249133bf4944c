"""The manifest: what the last build wrote and from which inputs, kept for the next build.

Per page its fingerprint and its file's stamp, per search shard the fingerprint of its
pages, what the build read (the content files and the collection) and planned (every list's
periods). The next build into the same folder renders only the pages whose fingerprint
changed, writes a file only when its bytes changed (untouched files keep their modification
time, so Netlify uploads only what changed), deletes the pages that are gone, and indexes
again only the search shards whose cables' searchable content changed. Anything the manifest
cannot vouch for (another output folder, a page file missing or touched since) is rendered
again (docs/building.md).

On disk, a whole copy, and after it the changes of each rebuild since.

At a quarter of a million cables the whole manifest takes longer to write than the rest of
a rebuild after one new cable (docs/benchmarks.md). So a rebuild that read and
planned only around a few changed cables appends what it changed (pages, lists, content
files, the cables taken out and put in) as a small numbered file beside the whole copy; the
next build loads the copy and replays the changes in order. Once the changes add up to an
eighth of the copy's size, or to 64 files, a rebuild writes a whole copy again and drops
them.

While a build writes into the site in place, a marker file says so: a build stopped half
way leaves pages no manifest describes, and the next build trusts none (it plans every page
and checks every file).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from generator import __version__
from generator.files import Stamp, collector_paused, write_whole
from generator.incremental import versioned
from generator.incremental.records import PARSER_DIGEST
from generator.reading import Changes, Inputs
from generator.site.collection import Light
from generator.site.plan import Period

FORMAT = 1  # of the manifest itself: another, and the next build trusts none of it
# How the collection keeps its indexes: where it or the parser or generator differs from
# what made a manifest, the next build reads and plans everything again (its pages' stamps
# and fingerprints still spare it rendering what did not change).
LAYOUT = 4  # 3: the entries carry their countries; 4: their topic tags, publication


def made_by() -> tuple[str, str, int]:
    return (__version__, PARSER_DIGEST, LAYOUT)


@dataclass
class Manifest:
    """The output of one build: per page address its fingerprint and its file's stamp; per
    search shard the fingerprint of its pages; the site-wide files by name; and what the
    build read and planned."""

    out: str
    search_version: str | None = None
    pages: dict[str, tuple[str, Stamp]] = field(default_factory=dict)
    shards: dict[str, str] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    # What a rebuild after a few changed cables needs, to read and plan only around them:
    basis: str = ""  # the hash of what every page depends on (version, settings, templates)
    inputs: Inputs | None = None  # the content files read and the collection made of them
    lists: dict[str, dict[str, Period]] = field(default_factory=dict)  # periods by list
    members: dict[str, str] = field(default_factory=dict)  # per shard, a hash of its cables
    made_by: tuple[str, str, int] = field(default_factory=made_by)  # of inputs and lists


_WHOLE = ("pages", "inputs", "lists")  # a rebuild records only what changed in these
_MOST = 1 / 8  # changes kept beside the copy, as a share of its size
_MOST_FILES = 64  # and as a number of files


@dataclass
class _Rebuild:
    """What one rebuild changed in the manifest; None for what it took away."""

    rest: dict[str, Any]  # every other field, whole (they are small)
    pages: dict[str, tuple[str, Stamp] | None] = field(default_factory=dict)
    lists: dict[str, dict[str, Period | None] | None] = field(default_factory=dict)
    files: dict[str, tuple[Stamp, str, str] | None] = field(default_factory=dict)
    gone: list[Light] = field(default_factory=list)
    new: list[Light] = field(default_factory=list)


class ManifestFile:
    """The manifest of the builds into one site, under `.cache/`."""

    def __init__(self, folder: Path) -> None:
        self.whole = folder / "site.pickle"
        self.marker = folder / "site.building"
        self.folder = folder
        self.kept = 0  # bytes of changes beside the whole copy

    def _change(self, number: int) -> Path:
        return self.folder / f"site.{number}.pickle"

    def load(self, out: Path) -> Manifest | None:
        """The manifest of the last build into `out`, or None when there is none to trust."""
        if self.marker.exists() or not out.is_dir():
            return None
        with collector_paused():  # replaying allocates, with millions of objects loaded
            manifest = versioned.load(self.whole, FORMAT)
            if not isinstance(manifest, Manifest) or manifest.out != str(out.resolve()):
                return None
            number = 1
            while self._change(number).exists():
                change = versioned.load(self._change(number), FORMAT)
                if not isinstance(change, _Rebuild):
                    return None
                _replay(manifest, change)
                self.kept += self._change(number).stat().st_size
                number += 1
        if manifest.made_by != made_by():
            manifest.inputs, manifest.lists = None, {}
        return manifest

    def begin(self) -> None:
        """A build is about to write into the site of the loaded manifest."""
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.touch()

    def save(self, manifest: Manifest, previous: Manifest | None, changes: Changes | None) -> None:
        """Keep `manifest`: as its changes from `previous` when the build read and planned
        only around `changes` and the changes kept stay small; else whole."""
        number = 1
        while self._change(number).exists():
            number += 1
        if previous is not None and changes is not None and self.whole.exists():
            change = _changes(manifest, previous, changes)
            if change == _Rebuild(_head(previous)):  # nothing changed
                self.marker.unlink(missing_ok=True)
                return
            data = pickle.dumps((FORMAT, change), pickle.HIGHEST_PROTOCOL)
            if number <= _MOST_FILES and self.kept + len(data) <= _MOST * self.whole.stat().st_size:
                write_whole(self._change(number), data)
                self.kept += len(data)
                self.marker.unlink(missing_ok=True)
                return
        versioned.save(self.whole, manifest, FORMAT)
        for older in self.folder.glob("site.*.pickle"):  # all: a stopped clean-up leaves gaps
            older.unlink()
        self.kept = 0
        self.marker.unlink(missing_ok=True)


def _changes(manifest: Manifest, previous: Manifest, changes: Changes) -> _Rebuild:
    """What a rebuild changed. `previous.inputs` is already brought up to date (the same
    object as `manifest.inputs`): its changes are those `changes` records."""
    change = _Rebuild(_head(manifest))
    change.pages = _differences(previous.pages, manifest.pages)
    change.lists = {
        url: _differences(previous.lists.get(url, {}), periods)
        for url, periods in manifest.lists.items()
        if previous.lists.get(url) is not periods
    }
    change.lists |= {url: None for url in previous.lists.keys() - manifest.lists.keys()}
    change.files = changes.files
    change.gone, change.new = changes.gone, changes.new
    return change


def _differences(before: dict, after: dict) -> dict:
    found = {key: value for key, value in after.items() if before.get(key) != value}
    return found | {key: None for key in before.keys() - after.keys()}


def _replay(manifest: Manifest, change: _Rebuild) -> None:
    for name, value in change.rest.items():
        setattr(manifest, name, value)
    _apply(manifest.pages, change.pages)
    for url, periods in change.lists.items():
        if periods is None:
            manifest.lists.pop(url, None)
        else:
            _apply(manifest.lists.setdefault(url, {}), periods)
    if manifest.inputs is not None:
        _apply(manifest.inputs.files, change.files)
        manifest.inputs.collection.update(change.gone, change.new)


def _apply(kept: dict, changed: dict) -> None:
    for key, value in changed.items():
        if value is None:
            kept.pop(key, None)
        else:
            kept[key] = value


def _head(manifest: Manifest) -> dict[str, Any]:
    """The fields kept whole in each change."""
    return {f.name: getattr(manifest, f.name) for f in fields(Manifest) if f.name not in _WHOLE}
