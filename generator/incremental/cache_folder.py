"""The project's `.cache/` folder: every file a build keeps for the next, named in one place.

Netlify keeps the folder between builds (netlify.toml). Each file is a versioned pickle
(`incremental/versioned.py`) but the parse cache, a compressed record per content file.
"""

from __future__ import annotations

from pathlib import Path


class CacheFolder:
    """Where each kept thing lives; `root` None: a build that keeps nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        at = (lambda name: root / name) if root is not None else (lambda name: None)
        self.records = at("cables")  # the parse cache: a record per content file, by its key
        self.lights = at("lights.pickle")  # each content file's stamp, key and light entry
        self.places = at("places.pickle")  # the place tables that give an origin its country
        self.words = at("words.pickle")  # the search word directory as last written
        # The last build's manifest: `site.pickle`, its changes after it (`site.N.pickle`)
        # and the marker of a build at work (`site.building`).
        self.manifest = root
