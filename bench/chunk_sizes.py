"""What Pagefind's index chunk size costs a query: one shard indexed with several sizes.

    python -m bench.chunk_sizes SITE GLOB [--sizes 20000,8000,5000,3000,2000]

Indexes the cable pages of SITE matching GLOB (a shard's glob, e.g.
'cable/2009/05/[0-9][0-9][F-J]*/index.html') once per chunk size into a temporary folder and
prints the shard's metadata (read by every query that opens the shard) and the sizes of its
word index chunks (a query fetches, per word, the chunk that holds the word). The figures go
to docs/search.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("site")
    options.add_argument("glob")
    options.add_argument("--sizes", default="20000,8000,5000,3000,2000")
    args = options.parse_args()
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as out:
            command = [sys.executable, "-m", "pagefind", "--site", args.site, "--glob", args.glob]
            command += ["--output-path", out, "--force-language", "en", "--silent"]
            settings = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(size)}
            subprocess.run(command, check=True, env=settings)
            meta = sum(p.stat().st_size for p in Path(out).glob("*.pf_meta"))
            chunks = sorted(p.stat().st_size for p in Path(out, "index").iterdir())
            pages = sum(1 for _ in Path(out, "fragment").iterdir())
            print(
                f"chunk size {size:6,}: {pages:,} pages, metadata {meta / 1024:.1f} KB, "
                f"{len(chunks)} chunks: median {statistics.median(chunks) / 1024:.1f} KB, "
                f"90th percentile {chunks[int(len(chunks) * 0.9)] / 1024:.1f} KB, "
                f"largest {chunks[-1] / 1024:.1f} KB"
            )


if __name__ == "__main__":
    main()
