#!/usr/bin/env bash
# Two checkouts' builds of the same collection, cold and after one cable added, in rounds.
#   [RUNS=3] bench/before_after.sh BEFORE_CHECKOUT AFTER_CHECKOUT BEFORE_DIR AFTER_DIR
# BEFORE_DIR and AFTER_DIR hold the same collection (copies of one `cables synth N` folder);
# each gets its checkout's templates. In each round both sides build cold (the cache and the
# site removed, the page cache dropped: bench/lib.sh) and again after one cable is added
# (bench/add_cables.py), the order turned each round; each build runs from its checkout
# (`python -m generator.cli`, so that its own code is imported) and is measured by
# bench/measure.py; the end prints the median and range of each (bench/spread.py).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
declare -A tree=([before]=$(realpath "$1") [after]=$(realpath "$2"))
declare -A dir=([before]=$(realpath "$3") [after]=$(realpath "$4"))
runs=${RUNS:-3}
cd "$repo"
source bench/lib.sh
log="${dir[after]}/before-after-$(date +%s).jsonl"
for side in before after; do
  rm -rf "${dir[$side]}/templates" && cp -r "${tree[$side]}/templates" "${dir[$side]}/templates"
done
for ((run = 1; run <= runs; run++)); do
  order=$( ((run % 2)) && echo "before after" || echo "after before")
  for side in $order; do
    out="${dir[$side]}/site-$run"
    rm -rf "${dir[$side]}/.cache" "$out"
    cold_start
    echo "== run $run of $runs: $side, cold"
    (cd "${tree[$side]}" && python -m bench.measure --record "$log" --label "cold ($side)" -- \
      python -m generator.cli -q build --source "${dir[$side]}" --out "$out" --no-search)
    (cd "${tree[$side]}" && python -m bench.add_cables 1 "${dir[$side]}" >/dev/null)
    echo "== run $run of $runs: $side, one cable added"
    (cd "${tree[$side]}" && python -m bench.measure --record "$log" --label "one cable added ($side)" -- \
      python -m generator.cli -q build --source "${dir[$side]}" --out "$out" --no-search)
  done
done
report "$log"
