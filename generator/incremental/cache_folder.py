"""The project's `.cache/` folder: every file a build keeps for the next, named in one place.

Netlify keeps the folder between builds (netlify.toml). Each file is a versioned pickle
(`incremental/versioned.py`) but the parse cache, a compressed record per content file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CacheFolder:
    """Where each kept thing lives; `root` None: a build that keeps nothing."""

    root: Path | None

    def _at(self, name: str) -> Path | None:
        return self.root / name if self.root is not None else None

    @property
    def records(self) -> Path | None:
        """The parse cache: each content file's record, by its key (`records.ParseCache`)."""
        return self._at("cables")

    @property
    def lights(self) -> Path | None:
        """Each content file's stamp, key and light entry when last read."""
        return self._at("lights.pickle")

    @property
    def places(self) -> Path | None:
        """The place tables that give an origin its country."""
        return self._at("places.pickle")

    @property
    def words(self) -> Path | None:
        """The search word directory as last written."""
        return self._at("words.pickle")

    @property
    def manifest(self) -> Path | None:
        """The folder of the manifest of the last build: `site.pickle`, its changes after it
        (`site.N.pickle`) and the marker of a build at work (`site.building`)."""
        return self.root
