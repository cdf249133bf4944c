"""The parse cache: each cable's record, kept by the hash of its file and the generator's
version, so a rebuild parses only what changed. Lives under `.cache/` in the project, a
folder Netlify keeps between builds (netlify.toml)."""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from pathlib import Path

from generator import __version__
from generator.cable import Cable


def key_of(data: bytes) -> str:
    """The cache key of a content file: its bytes and the generator version that parsed it."""
    return hashlib.sha256(__version__.encode() + b"\0" + data).hexdigest()


class ParseCache:
    """Records by key, one small compressed file each, in 256 folders."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle.z"

    def load(self, key: str) -> Cable | None:
        if self.folder is None:
            return None
        try:
            return pickle.loads(zlib.decompress(self._path(key).read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def store(self, key: str, cable: Cable) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.part")
        temporary.write_bytes(zlib.compress(pickle.dumps(cable, pickle.HIGHEST_PROTOCOL), 1))
        temporary.replace(path)
