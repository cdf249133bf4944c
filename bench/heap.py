"""The main process's memory after reading a collection, before and after the copy that
`read_collection` makes of what it keeps.

    python -m bench.heap DIR     # a project folder: DIR/content/cables (and DIR/.cache)

Reads the collection as a build does (the parse cache under DIR/.cache is used and filled),
then prints the process's resident memory (RSS) and what Python's small-object allocator
holds: in use, and free in the gaps between what is in use. Figures are in
docs/benchmarks.md.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

from generator.incremental.records import ParseCache
from generator.reading import Inputs, list_content, read_inputs
from generator.report import BuildReport
from generator.workers import default_jobs


def _rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def _allocator_mb() -> tuple[int, int]:
    """(in use, free) MB in pymalloc's arenas, from `sys._debugmallocstats`, which writes
    to the standard error's file descriptor."""
    with tempfile.TemporaryFile("w+") as report:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(report.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        report.seek(0)
        found = {}
        for line in report:
            if line.startswith("# bytes in allocated blocks"):
                found["used"] = int(line.split("=")[1].replace(",", ""))
            elif line.startswith("# bytes in available blocks"):
                found["free"] = int(line.split("=")[1].replace(",", ""))
    return found["used"] // 2**20, found["free"] // 2**20


def _show(stage: str, inputs: Inputs) -> None:
    gc.collect()
    used, free = _allocator_mb()
    print(
        f"{stage} ({len(inputs.collection.entries):,} cables): RSS {_rss_mb()} MB;"
        f" allocator {used} MB in use, {free} MB free in gaps"
    )


def main() -> None:
    project = Path(sys.argv[1])
    content = list_content(project / "content" / "cables")
    cache = ParseCache(project / ".cache" / "cables")
    inputs = read_inputs(content, cache, BuildReport(), default_jobs(), progress=False)
    _show("read", inputs)
    start = time.perf_counter()
    kept = pickle.dumps(inputs, pickle.HIGHEST_PROTOCOL)
    del inputs
    inputs = pickle.loads(kept)
    del kept
    print(f"copied through pickle in {time.perf_counter() - start:.2f} s")
    _show("copied", inputs)


if __name__ == "__main__":
    main()
