"""The median and range of repeated measurements, from the lines `bench/measure.py --record`
wrote: one row per label, in the order the labels first appear.

    python -m bench.spread FILE

A figure stated from these runs is the median, with the lowest and highest beside it; two
contenders whose ranges overlap were not told apart by the runs (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path


def spread(values: list[float], unit: str, digits: int = 1) -> str:
    """`12.3 s (11.9 to 12.8)`: the median, then the range."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid:.{digits}f} {unit} ({low:.{digits}f} to {high:.{digits}f})"


def table(lines: list[dict]) -> str:
    """One row per label: runs, wall, CPU and peak memory as median (range)."""
    labels: dict[str, list[dict]] = {}
    for line in lines:
        labels.setdefault(line["label"], []).append(line)
    rows = [
        "| measured | runs | wall, median (range) | CPU | peak memory, whole process tree |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, everything in labels.items():
        runs = [run for run in everything if run["exit"] == 0]  # a failed run is no figure
        failed = len(everything) - len(runs)
        note = f", {failed} failed and left out" if failed else ""
        if not runs:
            rows.append(f"| {label} | {len(everything)}{note} | | | |")
            continue
        rows.append(
            f"| {label} | {len(runs)}{note} | {spread([r['wall'] for r in runs], 's')} | "
            f"{spread([r['cpu'] for r in runs], 's')} | "
            f"{spread([r['peak_gb'] for r in runs], 'GB', 2)} |"
        )
    return "\n".join(rows)


def main() -> None:
    path = Path(sys.argv[1])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if not lines:
        raise SystemExit(f"{path}: no measurements")
    print(table(lines))


if __name__ == "__main__":
    main()
