#!/usr/bin/env bash
# Side by side in one run: Hugo and `cables build` on the same N synthetic cables.
#   [ALSO_UNDER="/usr/bin/python3.11 ..."] bench/hugo_compare.sh N [WORKDIR]
# Exports the collection with `cables export --markdown` into a Hugo project made from
# bench/hugo/ (templates comparable to ours: cable page, term pages, monthly archives, 500
# cables a list page), then measures (bench/measure.py): Hugo's cold build, our cold build
# without search (Hugo builds none) from an empty cache, then both again after adding one
# cable. Figures go to docs/benchmarks.md.
# ALSO_UNDER names other Python interpreters: each gets a venv in WORKDIR with this project
# installed (not timed) and a cold build of its own, after the one by `cables` on PATH; the
# build after one more cable then runs under the last of them (docs/building.md, "Which
# Python").
set -euo pipefail
n=$1; dir=${2:-/tmp/cables-bench-$n}
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$dir/content/cables" ]; then cables -q synth "$n" --to "$dir" >/dev/null; fi
rm -rf "$dir/templates" && cp -r "$repo/templates" "$dir/templates"   # today's templates
stamp=$(date +%s)
site="$dir/hugo-$stamp"
mkdir -p "$site" && cp -r "$repo/bench/hugo/." "$site/"
cables=(cables)
# The same package versions as the Python of `cables` on PATH: only the interpreter differs.
python -m pip freeze --exclude-editable >"$dir/versions.txt"
for python in ${ALSO_UNDER:-}; do
  venv="$dir/venv-$(basename "$python")"
  [ -x "$venv/bin/cables" ] || "$python" -m venv "$venv"
  "$venv/bin/pip" install -q -c "$dir/versions.txt" -e "$repo" >"$dir/pip.log" 2>&1 \
    || { cat "$dir/pip.log"; exit 1; }
  cables+=("$venv/bin/cables")
done
set_aside() {  # a cold build starts with no cache; deleting it would slow the next timing
  if [ -d "$dir/.cache" ]; then mv "$dir/.cache" "$dir/.cache-old-$stamp-$1"; fi
}
echo "== export to Markdown (Hugo's input; not part of either build)"
python -m bench.measure -- cables -q export --source "$dir" --markdown "$site/content"
echo "== Hugo, cold"
python -m bench.measure -- hugo --quiet --source "$site" --destination "$site/public"
for i in "${!cables[@]}"; do
  set_aside "$i"
  echo "== cables build --no-search, cold ($("${cables[$i]%cables}python" --version))"
  python -m bench.measure -- "${cables[$i]}" -q build --source "$dir" --out "$dir/site-$stamp-$i" --no-search
done
last=$(( ${#cables[@]} - 1 ))
echo "== add one cable: $(python -m bench.add_cables 1 "$dir" --hugo "$site/content")"
echo "== Hugo, again"
python -m bench.measure -- hugo --quiet --source "$site" --destination "$site/public"
echo "== cables build --no-search, again (as the last cold build)"
python -m bench.measure -- "${cables[$last]}" build --source "$dir" --out "$dir/site-$stamp-$last" --no-search
echo "(set aside, to delete: $dir/.cache-old-$stamp-*; sites: $dir/site-$stamp-*, $site)"
