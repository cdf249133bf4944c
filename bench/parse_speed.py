"""Cables parsed per second on one core, over the shared corpus or another folder of cables.

    python -m bench.parse_speed [../shared/corpus or a folder of cables] [--rounds 5]

Reads every plain-text cable into memory first, then times `parse_cable` alone, several
rounds, and prints the best and median rate: the figure recorded in docs/parser.md.
"""

from __future__ import annotations

import statistics
import time

from bench.corpus import corpus_and_rounds
from generator.parse import parse_cable


def main() -> None:
    sources, rounds = corpus_and_rounds()
    size = sum(len(s.text) for s in sources)
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for source in sources:
            parse_cable(source.text, facts=source.facts, overrides=source.overrides)
        rates.append(len(sources) / (time.perf_counter() - start))
    print(f"{len(sources)} cables, {size / 1e6:.1f} MB of text, {rounds} rounds, one core")
    print(f"best   {max(rates):8.0f} cables/s")
    print(f"median {statistics.median(rates):8.0f} cables/s")


if __name__ == "__main__":
    main()
