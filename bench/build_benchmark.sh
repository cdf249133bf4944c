#!/usr/bin/env bash
# Cold builds of N synthetic cables, search included, each timed RUNS times.
#   [RUNS=3] [ALSO_UNDER="/usr/bin/python3.11 ..."] bench/build_benchmark.sh N [WORKDIR] [extra cables build options]
# Makes the collection (not timed) and, in each of RUNS rounds, builds it into a fresh folder
# from an empty cache with the page cache dropped first (bench/lib.sh): once by `cables` on
# PATH and once under each Python in ALSO_UNDER, in an order turned by one each round. Prints
# each build's own summary (time by stage), its wall and CPU time and peak memory
# (bench/measure.py), the median and range of each (bench/spread.py), and the figures of the
# last site built (bench/site_figures.py). Figures go to docs/benchmarks.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=$1; dir=$(realpath -m "${2:-/tmp/cables-bench-$n}"); shift $(($# > 1 ? 2 : 1))
runs=${RUNS:-3}
cd "$repo"
source bench/lib.sh
make_collection "$n" "$dir"
interpreters "$dir"
stamp=$(date +%s)
log="$dir/runs-$stamp.jsonl"
for ((run = 1; run <= runs; run++)); do
  for ((k = 0; k < ${#cables[@]}; k++)); do
    i=$(((run - 1 + k) % ${#cables[@]}))
    out="$dir/site-$stamp-$i"
    rm -rf "$dir/.cache" "$out"  # an empty cache, a fresh folder, deleted before the timing
    cold_start
    echo "== run $run of $runs: cables build, cold (${names[$i]})"
    python -m bench.measure --record "$log" --label "cold build (${names[$i]})" -- \
      "${cables[$i]}" -q build --source "$dir" --out "$out" "$@"
  done
done
report "$log"
python -m bench.site_figures "$out"
