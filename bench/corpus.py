"""The shared corpus's plain-text cables, for the benchmarks that time work per cable."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.sources import SourceCable, read_paths


def corpus_and_rounds() -> tuple[list[SourceCable], int]:
    """The cables of `[CORPUS] [--rounds N]` on the command line (default ../shared/corpus,
    five rounds), read into memory so that no timing includes the disk. CORPUS may also be
    any folder of cables, such as a project's `content/cables`."""
    options = argparse.ArgumentParser()
    options.add_argument("corpus", nargs="?", default="../shared/corpus")
    options.add_argument("--rounds", type=int, default=5)
    args = options.parse_args()
    folder = Path(args.corpus)
    found = read_paths([folder / "cablegate" if (folder / "cablegate").is_dir() else folder])
    cables = [s for s in found if isinstance(s, SourceCable)]
    if not cables:
        options.error(f"{folder}: no cables there (give the corpus folder, or run from the root)")
    return cables, args.rounds
