"""The parse cache: each cable's record, kept by a key of its file and of the code that
parsed it, so a rebuild parses only what changed; and the light index, each content file's
light entry by its stamp, so a rebuild reads only the files whose stamp changed."""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import lz4.frame

from generator.cable import Cable
from generator.clean import one_line
from generator.files import Stamp, collector_paused, make_folder, read_regular, reason, write_file
from generator.incremental import versioned
from generator.parse import CableError, parse_cable
from generator.site.collection import Light
from generator.sources import LARGEST_CABLE, SourceCable, unexpected
from generator.sources.text import read_text_file

# The code a record and a light entry are made by: a change to any of it is a new parser,
# whatever the version says, so records made by the old code are never served.
PARSER_DIGEST = versioned.code_digest(
    "cable.py", "clean.py", "dates.py", "parse", "sources", "reference",
    "site/collection.py", "site/indexes.py", "site/addresses.py",
)  # fmt: skip


def key_of(data: bytes, name: str) -> str:
    """The cache key of a content file: its bytes, its name (which may give the cable's ID)
    and the code that parses it."""
    head = f"{PARSER_DIGEST}\0{name}\0".encode("utf-8", "surrogateescape")
    return hashlib.sha256(head + data).hexdigest()


class ParseCache:
    """Records by key, one small compressed file each, in 256 folders.

    LZ4 rather than zlib: a record is mostly the cable's text three times over (as sent, as
    Markdown, as paragraphs), and LZ4 keeps and reads one several times as fast as zlib's
    fastest level, for a few more bytes (`python -m bench.record_speed`, docs/benchmarks.md)."""

    def __init__(self, folder: Path | None, reuse: bool = True) -> None:
        self.folder = folder
        self.reuse = reuse  # False: parse everything again, still keeping the new records
        self._root = str(folder)
        self._made: set[str] = set()

    def _path(self, key: str) -> str:
        """As a string: a cold build asks for every record in vain, and Path objects would
        cost it (docs/benchmarks.md, "Figures behind the code")."""
        return f"{self._root}/{key[:2]}/{key}.pickle.lz4"

    def load(self, key: str) -> Cable | None:
        if self.folder is None or not self.reuse:
            return None
        try:
            with open(self._path(key), "rb") as file:
                return pickle.loads(lz4.frame.decompress(file.read()))
        except (OSError, RuntimeError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def store(self, key: str, cable: Cable) -> None:
        if self.folder is None:
            return
        record = pickle.dumps(cable, pickle.HIGHEST_PROTOCOL)
        data = lz4.frame.compress(record, content_checksum=True)  # a damaged record reads as None
        path = self._path(key)
        make_folder(os.path.dirname(path), self._made)
        # Not through a temporary file (docs/benchmarks.md): a record cut short fails to
        # decompress, and `load` then answers None: parsed again.
        write_file(path, data)


def record_of(cache: ParseCache, path: str, key: str, data: bytes | None = None) -> Cable | str:
    """The record of a content file whose bytes had `key`: kept, or parsed (and kept); else
    the one-line reason it cannot be had (the file changed or went bad since it was read).
    `data`: its bytes, when the caller has just read them."""
    cable = cache.load(key)
    if cable is not None:
        return cable
    if data is None:
        try:
            data = read_regular(path, LARGEST_CABLE)
        except OSError as error:
            return one_line(f"{path}: {reason(error)}")
        if key_of(data, Path(path).name) != key:
            return one_line(f"{path}: changed since it was read")
    item = read_text_file(Path(path), data)
    if not isinstance(item, SourceCable):
        return str(item)
    try:
        cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
    except CableError as error:
        return one_line(f"{item.label}: {error}")
    except Exception as error:  # a fault of the parser's: this cable's, not the build's
        return one_line(f"{item.label}: {unexpected(error)}")
    cache.store(key, cable)
    return cable


@dataclass
class LightIndex:
    """Per content file, its stamp when last read, its key and its light entry: a rebuild
    reads again only the files whose stamp changed."""

    by_path: dict[str, tuple[Stamp, str, Light]] = field(default_factory=dict)

    def by_key(self) -> dict[str, Light]:
        return {key: light for _, key, light in self.by_path.values()}

    @staticmethod
    def load(path: Path | None) -> LightIndex:
        with collector_paused():  # an entry for each of a quarter of a million cables
            return versioned.load(path, PARSER_DIGEST) or LightIndex()

    def save(self, path: Path | None) -> None:
        versioned.save(path, self, PARSER_DIGEST)
