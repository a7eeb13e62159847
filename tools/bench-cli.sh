#!/usr/bin/env bash
# End-to-end benchmark of the release `publiccode` binary (issue 9).
#
#   tools/bench-cli.sh [--sizes "10000 50000"] [--runs N] [--bin PATH] [--keep DIR]
#
# 1. Batch: copies the real descriptors of testdata/corpus/publiccode/ round-robin into
#    N folders (one publiccode.yml each) and times
#    `publiccode validate --format json --no-local-checks TREE > /dev/null`
#    with /usr/bin/time -v: wall time, files/s and peak RSS. Best of --runs.
# 2. Single file: `publiccode validate --format json publiccode.yml` in a folder with no
#    licence text, and with the canonical MIT, Apache-2.0, GPL-3.0 and EUPL-1.2 texts
#    (testdata/licences/, a copyright line added) as LICENSE beside it; mean wall and CPU
#    time of --single-runs runs and the peak RSS of one run.
#
# Prints a Markdown table. Needs bash, GNU time (/usr/bin/time) and a built release
# binary (built here with `cargo build --release -p publiccode-cli` unless --bin is
# given). Figures depend on the machine; the README states where they were measured.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes="10000 50000"
runs=3
single_runs=200
bin=""
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --single-runs) single_runs=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "bench-cli: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
  exit 1
fi
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --release -q -p publiccode-cli)
  bin="$root/target/release/publiccode"
fi
corpus="$root/testdata/corpus/publiccode"
licences="$root/testdata/licences"
for d in "$corpus" "$licences"; do
  [ -d "$d" ] || { echo "bench-cli: $d is missing" >&2; exit 1; }
done

work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

mapfile -t files < <(find "$corpus" -name '*.yml' | sort)
[ "${#files[@]}" -gt 0 ] || { echo "bench-cli: no descriptors in $corpus" >&2; exit 1; }

# make_tree N DIR: N folders, each with one corpus descriptor (round robin).
make_tree() {
  local n=$1 dir=$2 i
  [ -d "$dir" ] && [ "$(find "$dir" -name publiccode.yml | wc -l)" -eq "$n" ] && return
  rm -rf "$dir"
  mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    mkdir -p "$dir/$((i / 1000))/$i"
    cp "${files[$((i % ${#files[@]}))]}" "$dir/$((i / 1000))/$i/publiccode.yml"
  done
}

# measure CMD...: prints "wall_seconds cpu_seconds max_rss_kb" (exit status 1 = invalid
# files is fine). CPU time (user + system) is what the run costs on a busy machine.
measure() {
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" "$@" > /dev/null 2> "$work/stderr.log" || true
  local wall cpu rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" |
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  cpu=$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  echo "$wall $cpu $rss"
}

echo "| case | wall time | CPU time (user + sys) | throughput | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
for n in $sizes; do
  tree="$work/tree-$n"
  make_tree "$n" "$tree"
  best=""
  best_cpu=""
  best_rss=0
  for ((r = 0; r < runs; r++)); do
    read -r wall cpu rss < <(measure "$bin" validate --format json --no-local-checks "$tree")
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      best_cpu=$cpu
    fi
    [ "$rss" -gt "$best_rss" ] && best_rss=$rss
  done
  awk -v n="$n" -v w="$best" -v c="$best_cpu" -v rss="$best_rss" 'BEGIN {
    printf "| %d-file batch, `--format json --no-local-checks` | %.2f s | %.2f s | %.0f files/s | %.1f MB |\n",
      n, w, c, (w > 0 ? n / w : 0), rss / 1024 }'
done

# Single-file runs: one descriptor declaring the licence, with and without its text.
single="$work/single"
rm -rf "$single"
for case in none MIT Apache-2.0 GPL-3.0-or-later EUPL-1.2; do
  dir="$single/$case"
  mkdir -p "$dir"
  lic=$case
  [ "$case" = none ] && lic=EUPL-1.2
  sed "s/^\(  license: \).*/\1$lic/" "$root/testdata/examples/valid/publiccode.yml" > "$dir/publiccode.yml" ||
    sed "s/^\(  license: \).*/\1$lic/" "${files[0]}" > "$dir/publiccode.yml"
  if [ "$case" != none ]; then
    file=$case
    [ "$case" = GPL-3.0-or-later ] && file=GPL-3.0
    { echo "Copyright (c) 2026 Comune di Esempio"; echo; cat "$licences/$file.txt"; } > "$dir/LICENSE"
  fi
  (cd "$dir" && "$bin" validate --format json publiccode.yml > /dev/null 2>&1) || true
  # The loop runs under GNU time: wall and CPU time of single_runs runs.
  read -r wall cpu _ < <(cd "$dir" && measure bash -c \
    'for ((r = 0; r < $1; r++)); do "$0" validate --format json publiccode.yml > /dev/null 2>&1; done' \
    "$bin" "$single_runs")
  read -r _ _ rss < <(cd "$dir" && measure "$bin" validate --format json publiccode.yml)
  label="one file, no licence text"
  [ "$case" != none ] && label="one file, $case \`LICENSE\` beside it"
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v n="$single_runs" -v rss="$rss" 'BEGIN {
    printf "| %s | %.2f ms | %.2f ms | — | %.1f MB |\n", l, w * 1000 / n, c * 1000 / n, rss / 1024 }'
done
