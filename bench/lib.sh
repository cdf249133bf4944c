# Shared by the benchmark scripts (sourced, not run): the collection, the interpreters, a cold
# start, and the spread of repeated runs. The caller sets `repo` and runs from it.

# make_collection N DIR: N synthetic cables in DIR (not timed), with today's templates.
make_collection() {
  if [ ! -d "$2/content/cables" ]; then cables -q synth "$1" --to "$2" >/dev/null; fi
  rm -rf "$2/templates" && cp -r "$repo/templates" "$2/templates"
}

# interpreters DIR: fills `cables` (the commands) and `names` (their `python --version`): the
# `cables` on PATH, then one venv in DIR for each Python named in ALSO_UNDER, with this project
# and the same package versions as the Python on PATH installed (not timed), so that only the
# interpreter differs (docs/building.md, "Which Python").
interpreters() {
  cables=(cables)
  python -m pip freeze --exclude-editable >"$1/versions.txt"
  for python in ${ALSO_UNDER:-}; do
    local venv="$1/venv-$(basename "$python")"
    [ -x "$venv/bin/cables" ] || "$python" -m venv "$venv"
    "$venv/bin/pip" install -q -c "$1/versions.txt" -e "$repo" >"$1/pip.log" 2>&1 \
      || { cat "$1/pip.log"; exit 1; }
    cables+=("$venv/bin/cables")
  done
  names=()
  local command
  for command in "${cables[@]}"; do
    names+=("$("$(dirname "$(command -v "$command")")/python" --version 2>&1)")
  done
}

# cold_start: write out what is pending and drop the page cache, so that a cold run reads from
# the disk (needs root). Says so, loudly, where it cannot: the run is then a warm one.
warm_runs=0
cold_start() {
  sync
  if ! (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
    warm_runs=$((warm_runs + 1))
    echo "!! could not drop the page cache (needs root): this cold run starts warm" >&2
  fi
}

# report LOG: the median and range of every label in LOG, and whether the caches were dropped.
report() {
  echo "== median and range of the runs (python -m bench.spread $1)"
  python -m bench.spread "$1"
  if [ "$warm_runs" -gt 0 ]; then
    echo "!! the page cache could not be dropped before $warm_runs cold runs: they ran warm" >&2
  fi
}
