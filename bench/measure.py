"""Run a command and report its wall time, CPU time and peak memory of the whole process tree.

    python -m bench.measure [--every SECONDS] [--record FILE --label NAME] -- COMMAND...
    python -m bench.measure -- cables -q build --source DIR --out DIR/site

Memory is sampled every 0.5 s as the sum of the proportional set size (PSS) of the command and
all its descendants, so forked workers sharing pages are not counted twice; the largest single
process (RSS) is reported too. `--every S` also prints, every S seconds, each process's PSS
and private memory (what it no longer shares: a forked worker's copies of its parent's pages).
`--record FILE --label NAME` also appends the figures as one JSON line to FILE, under NAME, for
`python -m bench.spread FILE` to give the median and range of repeated runs. Figures recorded
in docs/benchmarks.md come from this script.
"""

from __future__ import annotations

import contextlib
import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found += [int(c) for c in children.read_text().split()]
    return found


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        with contextlib.suppress(OSError):
            stack += _children(current)
    return pids


def _memory(pid: int) -> tuple[int, int, int]:
    """(PSS, RSS, private dirty) of a process in KiB, from one read of smaps_rollup (reading it
    walks the process's page tables: the sampler reads it once a process a sample)."""
    found = {"Pss": 0, "Rss": 0, "Private_Dirty": 0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name = line.split(":", 1)[0]
            if name in found:
                found[name] = int(line.split()[1])
    except OSError:
        pass
    return found["Pss"], found["Rss"], found["Private_Dirty"]


def main() -> None:
    head = sys.argv[1 : sys.argv.index("--")] if "--" in sys.argv else []
    every = float(head[head.index("--every") + 1]) if "--every" in head else None
    record = Path(head[head.index("--record") + 1]) if "--record" in head else None
    command = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else sys.argv[1:]
    label = head[head.index("--label") + 1] if "--label" in head else " ".join(command)
    start = time.perf_counter()
    process = subprocess.Popen(command)
    peak_total = peak_single = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_total, peak_single
        reported = 0.0
        while not done.is_set():
            pids = _tree(process.pid)
            memory = [_memory(p) for p in pids]
            peak_total = max(peak_total, sum(pss for pss, _, _ in memory))
            peak_single = max([peak_single, *(rss for _, rss, _ in memory)])
            elapsed = time.perf_counter() - start
            if every is not None and elapsed - reported >= every:
                reported = elapsed
                each = " ; ".join(
                    f"{pid} PSS {pss // 1024} private {private // 1024}"
                    for pid, (pss, _, private) in zip(pids, memory, strict=True)
                )
                print(f"{elapsed:7.1f} s, MB: {each}", file=sys.stderr, flush=True)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    status = process.wait()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"wall {wall:.1f} s, CPU {usage.ru_utime + usage.ru_stime:.1f} s "
        f"(user {usage.ru_utime:.1f}, system {usage.ru_stime:.1f}), peak memory of the whole "
        f"build {peak_total / 1024 / 1024:.2f} GB (PSS), largest process "
        f"{peak_single / 1024 / 1024:.2f} GB (RSS), exit {status}",
        file=sys.stderr,
    )
    if record is not None:
        figures = {
            "label": label,
            "wall": round(wall, 2),
            "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_gb": round(peak_total / 1024 / 1024, 3),
            "largest_gb": round(peak_single / 1024 / 1024, 3),
            "exit": status,
        }
        with record.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(figures) + "\n")
    sys.exit(status)


if __name__ == "__main__":
    main()
