"""Caches that say which code made them: a cache made by another version is not read.

Each kept file is a pickle of (version, value). `load` answers None for a missing, damaged
or other version's file, and the caller makes the value afresh: no cache migrates its own
way, and a parse, index or layout change only needs its version changed (the parse cache's
key changes by itself with the parser's code: `records.PARSER_DIGEST`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.files import load_pickle, save_pickle


def load(path: Path | None, version: object) -> Any | None:
    """The value kept at `path` by `version`, or None."""
    kept = load_pickle(path) if path is not None else None
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version:
        return kept[1]
    return None


def save(path: Path | None, value: object, version: object) -> None:
    """Keep `value`, made by `version`, at `path` (nothing when None)."""
    if path is not None:
        save_pickle(path, (version, value))
