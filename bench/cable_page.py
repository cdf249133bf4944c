"""What a cable's page costs beyond its build's reading: planning it, drawing it, and the
fingerprint the main process takes of it, in processor microseconds a cable.

    python -m bench.cable_page DIR [--cables 2000] [--rounds 3]

DIR is a project built once before (its `.cache/` holds the records: `cables build --source
DIR --no-search`, such as a `cables synth` collection). Best of the rounds, one process, no
disk: the figures in docs/benchmarks.md ("The cable page's onward lists"). To weigh another
checkout's code on the same project, run this file with that checkout first on the path
(`PYTHONPATH=../other python bench/cable_page.py DIR`); it uses only what every version since
0.8.0 has.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.incremental.cache_folder import CacheFolder
from generator.incremental.fingerprints import Fingerprints
from generator.incremental.records import ParseCache, record_of
from generator.reading import Reader, list_content, read_collection
from generator.report import BuildReport
from generator.site.plan import cable_page, nav_links
from generator.site.render import Renderer
from generator.site.settings import load_config


def best_of(rounds: int, work: Callable[[object], object], items: Iterable[object]) -> float:
    """The fewest processor microseconds `work` took an item, over `rounds` passes."""
    items = list(items)
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - start)
    return best / len(items) * 1e6


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("project", type=Path)
    options.add_argument("--cables", type=int, default=2000)
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    kept = CacheFolder(args.project / ".cache")
    records = ParseCache(kept.records)
    content = list_content(args.project / "content" / "cables")
    inputs = read_collection(content, Reader(records, kept, BuildReport(), 2))
    collection, where = inputs.collection, inputs.where()
    cables = [record_of(records, *where[i]) for i in sorted(collection.entries)[: args.cables]]
    settings = load_config(args.project / "content" / "site.yaml", None)
    renderer = Renderer(args.project / "templates", settings, nav_links(collection))
    pages = [cable_page(cable, collection) for cable in cables]
    prints = Fingerprints((), {}, where, collection)
    print(f"{len(cables)} cable pages of {len(collection.entries):,} cables, {args.rounds} rounds")
    plan = best_of(args.rounds, lambda cable: cable_page(cable, collection), cables)
    print(f"plan         {plan:6.1f} us a cable")
    print(f"render       {best_of(args.rounds, renderer.render, pages):6.1f} us a cable")
    every = sorted(collection.entries)
    print(f"fingerprint  {best_of(args.rounds, prints.cable, every):6.1f} us a cable")


if __name__ == "__main__":
    main()
