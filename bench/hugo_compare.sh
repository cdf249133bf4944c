#!/usr/bin/env bash
# Side by side in one run: Hugo and `cables build` on the same N synthetic cables.
#   bench/hugo_compare.sh N [WORKDIR]
# Exports the collection with `cables export --markdown` into a Hugo project made from
# bench/hugo/ (templates comparable to ours: cable page, term pages, monthly archives, 500
# cables a list page), then measures (bench/measure.py): Hugo's cold build, our cold build
# without search (Hugo builds none) from an empty cache, then both again after adding one
# cable. Figures go to docs/benchmarks.md.
set -euo pipefail
n=$1; dir=${2:-/tmp/cables-bench-$n}
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$dir/content/cables" ]; then cables -q synth "$n" --to "$dir" >/dev/null; fi
rm -rf "$dir/templates" && cp -r "$repo/templates" "$dir/templates"   # today's templates
stamp=$(date +%s)
site="$dir/hugo-$stamp"
mkdir -p "$site" && cp -r "$repo/bench/hugo/." "$site/"
echo "== export to Markdown (Hugo's input; not part of either build)"
python -m bench.measure -- cables -q export --source "$dir" --markdown "$site/content"
rm -rf "$dir/.cache"                                # our cold build starts with no cache
echo "== Hugo, cold"
python -m bench.measure -- hugo --quiet --source "$site" --destination "$site/public"
echo "== cables build --no-search, cold"
python -m bench.measure -- cables -q build --source "$dir" --out "$dir/site-$stamp" --no-search
echo "== add one cable: $(python -m bench.add_cables 1 "$dir" --hugo "$site/content")"
echo "== Hugo, again"
python -m bench.measure -- hugo --quiet --source "$site" --destination "$site/public"
echo "== cables build --no-search, again"
python -m bench.measure -- cables build --source "$dir" --out "$dir/site-$stamp" --no-search
