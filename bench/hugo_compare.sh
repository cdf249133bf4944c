#!/usr/bin/env bash
# Side by side: Hugo and `cables build` on the same N synthetic cables, each timed RUNS times.
#   [RUNS=3] [ALSO_UNDER="/usr/bin/python3.11 ..."] bench/hugo_compare.sh N [WORKDIR]
# Exports the collection with `cables export --markdown` into a Hugo project made from
# bench/hugo/ (templates comparable to ours: cable page, term pages, monthly archives, 500
# cables a list page). Then RUNS rounds of cold builds: in each, Hugo's cold build and ours
# without search (Hugo builds none) from an empty cache, once by `cables` on PATH and once under
# each Python in ALSO_UNDER (a venv in WORKDIR), the page cache dropped before each
# (bench/lib.sh) and the order turned by one each round, so that none always runs first or
# right after another. Then RUNS rounds of adding one cable and building again, Hugo and ours
# (under whichever interpreter built last: its cache and site are the ones kept), in turns.
# Every run is measured by bench/measure.py; the end prints the median and range of each
# (bench/spread.py). Figures go to docs/benchmarks.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=$1; dir=$(realpath -m "${2:-/tmp/cables-bench-$n}"); runs=${RUNS:-3}
cd "$repo"
source bench/lib.sh
make_collection "$n" "$dir"
interpreters "$dir"
stamp=$(date +%s)
log="$dir/runs-$stamp.jsonl"
site="$dir/hugo-$stamp"
mkdir -p "$site" && cp -r "$repo/bench/hugo/." "$site/"
echo "== export to Markdown (Hugo's input; not part of either build)"
python -m bench.measure -- cables -q export --source "$dir" --markdown "$site/content"

hugo_build() {  # LABEL
  python -m bench.measure --record "$log" --label "$1" -- \
    hugo --quiet --source "$site" --destination "$site/public"
}
our_build() {  # INTERPRETER LABEL [cables build options]
  local i=$1 label=$2
  shift 2
  python -m bench.measure --record "$log" --label "$label" -- \
    "${cables[$i]}" -q build --source "$dir" --out "$dir/site-$stamp-$i" --no-search "$@"
}

contenders=(hugo "${!cables[@]}")
last=0
for ((run = 1; run <= runs; run++)); do
  for ((k = 0; k < ${#contenders[@]}; k++)); do
    who=${contenders[$(((run - 1 + k) % ${#contenders[@]}))]}
    if [ "$who" = hugo ]; then
      rm -rf "$site/public" "$site/resources"
      cold_start
      echo "== run $run of $runs: Hugo, cold"
      hugo_build "Hugo, cold"
    else
      rm -rf "$dir/.cache" "$dir/site-$stamp-$who"
      cold_start
      echo "== run $run of $runs: cables build --no-search, cold (${names[$who]})"
      our_build "$who" "ours, cold, no search (${names[$who]})"
      last=$who
    fi
  done
done

for ((run = 1; run <= runs; run++)); do
  echo "== add one cable: $(python -m bench.add_cables 1 "$dir" --hugo "$site/content")"
  for who in $( ((run % 2)) && echo "hugo ours" || echo "ours hugo"); do
    if [ "$who" = hugo ]; then
      echo "== run $run of $runs: Hugo, after adding one cable"
      hugo_build "Hugo, after adding one cable"
    else
      echo "== run $run of $runs: cables build --no-search, after adding one cable (${names[$last]})"
      our_build "$last" "ours, after adding one cable (${names[$last]})"
    fi
  done
done
report "$log"
echo "(runs: $log; sites: $dir/site-$stamp-*, $site)"
