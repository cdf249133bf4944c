#!/usr/bin/env bash
# A cold build of N synthetic cables, measured: python -m ... figures go to docs/benchmarks.md.
#   bench/build_benchmark.sh N [WORKDIR] [extra cables build options]
# Makes the collection (not timed), builds it into a fresh folder with an empty cache, prints
# the build's own summary (time by stage), wall/CPU time and peak memory, and the site figures.
set -euo pipefail
n=$1; dir=${2:-/tmp/cables-bench-$n}; shift $(( $# > 1 ? 2 : 1 ))
if [ ! -d "$dir/content/cables" ]; then cables synth "$n" --to "$dir" >/dev/null; fi
rm -rf "$dir/templates" && cp -r "$(dirname "$0")/../templates" "$dir/templates"  # today's
out="$dir/site-$(date +%s)"          # a fresh output folder: deletions stay off the timing
rm -rf "$dir/.cache"
python -m bench.measure -- cables -q build --source "$dir" --out "$out" "$@"
python -m bench.site_figures "$out"
