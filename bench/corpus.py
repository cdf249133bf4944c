"""The shared corpus's plain-text cables, for the benchmarks that time work per cable."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.sources import SourceCable, read_paths


def corpus_and_rounds() -> tuple[list[SourceCable], int]:
    """The cables of `[CORPUS] [--rounds N]` on the command line (default ../shared/corpus,
    five rounds), read into memory so that no timing includes the disk."""
    options = argparse.ArgumentParser()
    options.add_argument("corpus", nargs="?", default="../shared/corpus")
    options.add_argument("--rounds", type=int, default=5)
    args = options.parse_args()
    found = read_paths([Path(args.corpus) / "cablegate"])
    return [s for s in found if isinstance(s, SourceCable)], args.rounds
