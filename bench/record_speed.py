"""What a cable's record costs to keep and to publish, per cable, over the shared corpus.

    python -m bench.record_speed [../shared/corpus] [--rounds 5]

Parses every plain-text cable first, then times, best of several rounds on one core: the
`.json` record as the build writes it (orjson) and as the standard library would (indented,
as before 0.4.0), and the parse cache's record kept and read back with LZ4 (as the build
does) and with zlib level 1 (as before 0.4.0), with the mean size of each.
"""

from __future__ import annotations

import json
import pickle
import time
import zlib
from collections.abc import Callable

import lz4.frame

from bench.corpus import corpus_and_rounds
from generator.cable import Cable
from generator.parse import parse_cable
from generator.site.render import record_json


def _best(rounds: int, items: list, work: Callable) -> tuple[float, float]:
    """(best mean milliseconds an item, mean size of what `work` returned, in KB)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        out = [work(item) for item in items]
        best = min(best, time.perf_counter() - start)
    sizes = [len(o) for o in out if isinstance(o, bytes)]
    return best / len(items) * 1e3, (sum(sizes) / len(sizes) / 1024 if sizes else 0.0)


def main() -> None:
    sources, rounds = corpus_and_rounds()
    cables: list[Cable] = [
        parse_cable(s.text, facts=s.facts, overrides=s.overrides) for s in sources
    ]
    records = [pickle.dumps(c, pickle.HIGHEST_PROTOCOL) for c in cables]
    with_lz4 = [lz4.frame.compress(r, content_checksum=True) for r in records]
    with_zlib = [zlib.compress(r, 1) for r in records]
    rows = {
        ".json record, orjson (the build)": (cables, record_json),
        ".json record, json indent=1 (before)": (
            cables,
            lambda c: (json.dumps(c.to_json(), ensure_ascii=False, indent=1) + "\n").encode(),
        ),
        "cache record kept, LZ4 (the build)": (
            cables,
            lambda c: lz4.frame.compress(
                pickle.dumps(c, pickle.HIGHEST_PROTOCOL), content_checksum=True
            ),
        ),
        "cache record kept, zlib 1 (before)": (
            cables,
            lambda c: zlib.compress(pickle.dumps(c, pickle.HIGHEST_PROTOCOL), 1),
        ),
        "cache record read, LZ4 (the build)": (
            with_lz4,
            lambda d: pickle.loads(lz4.frame.decompress(d)),
        ),
        "cache record read, zlib (before)": (with_zlib, lambda d: pickle.loads(zlib.decompress(d))),
    }
    print(f"{len(cables)} cables, best of {rounds} rounds, one core")
    for name, (items, work) in rows.items():
        ms, kb = _best(rounds, items, work)
        size = f", {kb:.1f} KB" if kb else ""
        print(f"{name:40} {ms:.3f} ms a cable{size}")


if __name__ == "__main__":
    main()
