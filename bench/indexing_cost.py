"""Where Pagefind spends its time indexing a built site, shard by shard.

    python -m bench.indexing_cost SITE [--shard-size 4000] [--shards N] [--unexcluded]
                                       [--api]

Indexes each shard a build would plan for SITE (its cable pages, read from its folders) into
a temporary folder, as the build does (`generator/search/shards.py`: the Pagefind command,
our excluded selectors, 5,000-byte chunks), and times Pagefind's stages from the lines it
prints as it goes (`--verbose`): finding the files, reading and parsing them, the languages,
building the index, and writing its files (fragments, chunks, metadata). Prints each
shard's seconds by stage, the CPU seconds, the pages and words indexed, and the sums; also
how long reading the same files takes on its own (from the page cache, as after a build has
just written them).

`--unexcluded` indexes each shard again without the excluded selectors (the cable pages as
indexed before issue 21: banner, routing and TAGS lines, headings, pilcrows), to show what
less text saves. `--api` indexes each shard again through Pagefind's Python API, each page's
HTML handed over as text (`add_html_file`, all pages of a shard at once) instead of the
command reading the files. `--shards N` stops after N shards (newest first). The figures go
to docs/benchmarks.md and docs/search.md.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.search_figures import months_of
from generator.search.shards import EXCLUDED, INDEX_CHUNK_SIZE, Shard, plan_shards

# The lines Pagefind prints as it enters each stage, and the stage each one begins.
STAGES = (
    ("[Walking source directory]", "find"),
    ("[Parsing files]", "read and parse"),
    ("[Reading languages]", "languages"),
    ("[Building search indexes]", "index"),
    ("Total:", "write"),
    ("Finished in", "end"),
)


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def index_timed(site: Path, shard: Shard, output: Path, excluded: bool) -> dict[str, float]:
    """Seconds by stage, CPU seconds and the words of one Pagefind run over a shard."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", shard.glob]
    command += ["--output-path", str(output), "--force-language", "en", "--verbose"]
    for selector in EXCLUDED if excluded else ():
        command += ["--exclude-selectors", selector]
    settings = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}
    cpu = cpu_of_children()
    start = time.perf_counter()
    marks: list[tuple[str, float]] = []
    words = 0.0
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=settings
    ) as run:
        for line in run.stdout:
            for opening, stage in STAGES:
                if line.strip().startswith(opening):
                    marks.append((stage, time.perf_counter()))
            if "Indexed" in line and "words" in line and not words:
                words = float(line.split()[1])
    marks.append(("end", time.perf_counter()))
    if run.returncode:
        raise SystemExit(f"Pagefind failed on shard {shard.name}")
    took = {stage: 0.0 for _, stage in STAGES[:-1]}
    for (stage, at), (_, then) in itertools.pairwise(marks):
        if stage in took:
            took[stage] += then - at
    took["wall"] = time.perf_counter() - start
    took["cpu"] = cpu_of_children() - cpu
    took["words"] = words
    return took


def pages_of(site: Path, shard: Shard) -> list[Path]:
    """The pages a shard's glob names (`{2008,2009}` expanded: pathlib knows no braces)."""
    head, brace, rest = shard.glob.partition("{")
    if not brace:
        return sorted(site.glob(shard.glob))
    choices, _, tail = rest.partition("}")
    return sorted(page for c in choices.split(",") for page in site.glob(head + c + tail))


def read_alone(site: Path, shard: Shard) -> float:
    """Seconds to read the shard's pages (each file whole, as Pagefind does)."""
    start = time.perf_counter()
    for page in pages_of(site, shard):
        page.read_bytes()
    return time.perf_counter() - start


def index_through_api(site: Path, shard: Shard, output: Path) -> float:
    """Seconds to index a shard with Pagefind's Python API, each page handed over as text."""
    from pagefind.index import IndexConfig, PagefindIndex

    os.environ["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(INDEX_CHUNK_SIZE)
    pages = [(page, page.read_text()) for page in pages_of(site, shard)]

    async def run() -> None:
        config = IndexConfig(
            force_language="en", exclude_selectors=list(EXCLUDED), output_path=str(output)
        )
        async with PagefindIndex(config=config) as index:  # writes its files on leaving
            await asyncio.gather(
                *(
                    index.add_html_file(content=html, source_path=str(page.relative_to(site)))
                    for page, html in pages
                )
            )

    start = time.perf_counter()
    asyncio.run(run())
    return time.perf_counter() - start


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("site", type=Path)
    options.add_argument("--shard-size", type=int, default=4000)
    options.add_argument("--shards", type=int, help="only the N newest shards")
    options.add_argument("--unexcluded", action="store_true")
    options.add_argument("--api", action="store_true")
    args = options.parse_args()
    site = args.site.resolve()
    shards = plan_shards(months_of(site), args.shard_size)[: args.shards]
    pages = sum(shard.count for shard in shards)
    print(f"{site}: {pages:,} cable pages in {len(shards)} shards of at most {args.shard_size:,}")
    columns = [stage for _, stage in STAGES[:-1]] + ["wall", "cpu"]
    print(f"  {'shard':12} {'pages':>6} " + " ".join(f"{c:>14}" for c in columns) + "  words")
    totals: dict[str, dict[str, float]] = {}
    extra: dict[str, float] = {"read alone": 0.0, "api": 0.0}
    with tempfile.TemporaryDirectory() as scratch:
        for shard in shards:
            runs = [("ours", True)] + ([("unexcluded", False)] if args.unexcluded else [])
            for label, excluded in runs:
                output = Path(scratch) / f"{shard.name}-{label}"
                took = index_timed(site, shard, output, excluded)
                total = totals.setdefault(label, {})
                for key, value in took.items():
                    total[key] = total.get(key, 0.0) + value
                name = shard.name if label == "ours" else f"  {label}"
                print(
                    f"  {name:12} {shard.count:6,} "
                    + " ".join(f"{took[c]:13.2f}s" for c in columns)
                    + f"  {took['words']:,.0f}"
                )
                shutil.rmtree(output)
            extra["read alone"] += read_alone(site, shard)
            if args.api:
                output = Path(scratch) / f"{shard.name}-api"
                seconds = index_through_api(site, shard, output)
                extra["api"] += seconds
                print(
                    f"  {'  api':12} {shard.count:6,} {seconds:13.2f}s wall, pages handed as text"
                )
                shutil.rmtree(output)
    for label, total in totals.items():
        print(
            f"  {label + ', all':12} {pages:6,} "
            + " ".join(f"{total[c]:13.2f}s" for c in columns)
            + f"  {total['words']:,.0f}"
        )
    print(f"  reading the pages alone: {extra['read alone']:.2f} s")
    if args.api:
        print(f"  through the Python API: {extra['api']:.2f} s wall")


if __name__ == "__main__":
    main()
