"""Cables parsed per second on one core, over the shared corpus.

    python -m bench.parse_speed [../shared/corpus] [--rounds 5]

Reads every plain-text cable into memory first, then times `parse_cable` alone, several
rounds, and prints the best and median rate: the figure recorded in docs/parser.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from generator.parse import parse_cable
from generator.sources import SourceCable, read_paths


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("corpus", nargs="?", default="../shared/corpus")
    options.add_argument("--rounds", type=int, default=5)
    args = options.parse_args()
    sources = [
        s for s in read_paths([Path(args.corpus) / "cablegate"]) if isinstance(s, SourceCable)
    ]
    size = sum(len(s.text) for s in sources)
    rates = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for source in sources:
            parse_cable(source.text, facts=source.facts, overrides=source.overrides)
        rates.append(len(sources) / (time.perf_counter() - start))
    print(f"{len(sources)} cables, {size / 1e6:.1f} MB of text, {args.rounds} rounds, one core")
    print(f"best   {max(rates):8.0f} cables/s")
    print(f"median {statistics.median(rates):8.0f} cables/s")


if __name__ == "__main__":
    main()
