"""The parse cache: each cable's record, kept by the hash of its file and the generator's
version, so a rebuild parses only what changed. Lives under `.cache/` in the project, a
folder Netlify keeps between builds (netlify.toml)."""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import lz4.frame

from generator import __version__
from generator.cable import Cable
from generator.files import Stamp, load_pickle, make_folder, write_file
from generator.site.collection import Light


def key_of(data: bytes, name: str) -> str:
    """The cache key of a content file: its bytes, its name (which may give the cable's ID)
    and the generator version that parsed it."""
    head = f"{__version__}\0{name}\0".encode("utf-8", "surrogateescape")
    return hashlib.sha256(head + data).hexdigest()


class ParseCache:
    """Records by key, one small compressed file each, in 256 folders.

    LZ4 rather than zlib: a record is mostly the cable's text three times over (as sent, as
    Markdown, as paragraphs); LZ4 keeps and reads one about three and two times as fast as
    zlib's fastest level, for a fifth more bytes (`python -m bench.record_speed`)."""

    def __init__(self, folder: Path | None, reuse: bool = True) -> None:
        self.folder = folder
        self.reuse = reuse  # False: parse everything again, still keeping the new records
        self._root = str(folder)
        self._made: set[str] = set()

    def _path(self, key: str) -> str:
        """As a string: Path objects cost a cold build, which asks for every record in
        vain, about a second per 100,000 cables (timed by hand)."""
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
        # Not through a temporary file (about a quarter of the time, timed by hand): a record
        # cut short fails to decompress, and `load` then answers None: parsed again.
        write_file(path, data)


@dataclass
class LightIndex:
    """Per content file, its stamp when last read, its key and its light entry: a rebuild
    reads again only the files whose stamp changed."""

    version: str = __version__
    by_path: dict[str, tuple[Stamp, str, Light]] = field(default_factory=dict)

    def by_key(self) -> dict[str, Light]:
        return {key: light for _, key, light in self.by_path.values()}

    @staticmethod
    def load(path: Path | None) -> LightIndex:
        index = load_pickle(path) if path else None
        if isinstance(index, LightIndex) and index.version == __version__:
            return index
        return LightIndex()
