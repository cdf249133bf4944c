"""The benchmark tools report what they measured: every run recorded, the median and range."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.spread import spread, table

ROOT = Path(__file__).resolve().parent.parent


def test_measure_records_each_run_and_spread_gives_median_and_range(tmp_path: Path) -> None:
    log = tmp_path / "runs.jsonl"
    for code in ("pass", "pass", "raise SystemExit(3)"):
        command = [sys.executable, "-m", "bench.measure", "--record", str(log), "--label"]
        command += ["a command", "--", sys.executable, "-c", code]
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False, timeout=60)
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(r["label"], r["exit"]) for r in runs] == [("a command", 0)] * 2 + [("a command", 3)]
    assert all(r["wall"] > 0 and r["cpu"] >= 0 for r in runs)
    done = subprocess.run(
        [sys.executable, "-m", "bench.spread", str(log)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "| a command | 2, 1 failed and left out |" in done.stdout  # figures of the two


def test_spread_is_the_median_and_the_range() -> None:
    assert spread([9.0, 2.5, 3.0], "s") == "3.0 s (2.5 to 9.0)"
    rows = table(
        [
            {"label": "x", "wall": w, "cpu": 1.0, "peak_gb": 0.5, "exit": 0}
            for w in (3.0, 1.0, 2.0, 10.0)
        ]
    ).splitlines()
    assert rows[2] == (
        "| x | 4 | 2.5 s (1.0 to 10.0) | 1.0 s (1.0 to 1.0) | 0.50 GB (0.50 to 0.50) |"
    )
