#!/usr/bin/env bash
# End-to-end benchmark of the release `publiccode` binary (issue 9).
#
#   tools/bench-cli.sh [--sizes "10000 50000"] [--runs N] [--single-runs N] [--bin PATH]
#                      [--keep DIR]
#
# 1. Batch: copies the real descriptors of testdata/corpus/publiccode/ round-robin into
#    N folders (one publiccode.yml each) and times
#    `publiccode validate --format json --no-local-checks TREE > /dev/null`
#    with /usr/bin/time -v: wall time, CPU time, files/s and peak RSS. Median of --runs
#    runs (the highest peak RSS).
# 2. Single file: `publiccode validate --format json publiccode.yml` in a folder with no
#    licence text, and with the canonical MIT, Apache-2.0, GPL-3.0 and EUPL-1.2 texts
#    (testdata/licences/, a copyright line added) as LICENSE beside it: --runs rounds of
#    --single-runs runs each, started from a bash loop; the median round's mean wall and
#    CPU time per run, and the peak RSS of one run.
# 3. The floor of a single-file run on this machine, measured the same way: starting
#    /bin/true from the same loop, and `publiccode --version`.
#
# Prints the load average, then a Markdown table. Needs bash and GNU time (/usr/bin/time).
# Without --bin it builds and times the binary as shipped (tools/build-dist.sh: statically
# linked on GNU/Linux); `--bin target/release/publiccode` times a plain release build.
# Figures depend on the machine; the README states where they were measured.
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
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "bench-cli: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
  exit 1
fi
if [ -z "$bin" ]; then
  # The binary as shipped: statically linked on GNU/Linux (tools/build-dist.sh).
  bin=$("$root/tools/build-dist.sh" --print-path)
fi
# The single-file runs change folder: the binary's path must not be relative.
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
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

# median FILE: the median line (by its first field) of FILE's lines.
median() {
  sort -g "$1" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| case | wall time | CPU time (user + sys) | throughput | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
for n in $sizes; do
  tree="$work/tree-$n"
  make_tree "$n" "$tree"
  : > "$work/runs.txt"
  for ((r = 0; r < runs; r++)); do
    measure "$bin" validate --format json --no-local-checks "$tree" >> "$work/runs.txt"
  done
  best_rss=$(awk '$3 > m { m = $3 } END { print m }' "$work/runs.txt")
  read -r wall cpu _ < <(median "$work/runs.txt")
  awk -v n="$n" -v w="$wall" -v c="$cpu" -v rss="$best_rss" 'BEGIN {
    printf "| %d-file batch, `--format json --no-local-checks` | %.2f s | %.2f s | %.0f files/s | %.1f MB |\n",
      n, w, c, (w > 0 ? n / w : 0), rss / 1024 }'
done

# single LABEL DIR CMD...: the median of --runs rounds of --single-runs runs of CMD in DIR.
single() {
  local label=$1 dir=$2
  shift 2
  : > "$work/rounds.txt"
  # Wall time from bash's clock and the children's CPU time from `times`, to the
  # millisecond (GNU time rounds to 10 ms).
  for ((r = 0; r < runs; r++)); do
    (cd "$dir" && bash -c '
      n=$1; shift
      s=$EPOCHREALTIME
      for ((i = 0; i < n; i++)); do "$@" > /dev/null 2>&1; done
      e=$EPOCHREALTIME
      echo "$s $e"
      times
    ' loop "$single_runs" "$@") | awk '
      NR == 1 { wall = $2 - $1 }
      NR == 3 { gsub(/s/, ""); split($1, u, "m"); split($2, y, "m"); cpu = u[1] * 60 + u[2] + y[1] * 60 + y[2] }
      END { print wall, cpu, 0 }' >> "$work/rounds.txt"
  done
  read -r wall cpu _ < <(median "$work/rounds.txt")
  read -r _ _ rss < <(cd "$dir" && measure "$@")
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v n="$single_runs" -v rss="$rss" 'BEGIN {
    printf "| %s | %.2f ms | %.2f ms | — | %.1f MB |\n", l, w * 1000 / n, c * 1000 / n, rss / 1024 }'
}

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
  label="one file, no licence text"
  [ "$case" != none ] && label="one file, $case \`LICENSE\` beside it"
  single "$label" "$dir" "$bin" validate --format json publiccode.yml
done
single "floor: \`/bin/true\` from the same loop" "$single/none" /bin/true
single "floor: \`publiccode --version\`" "$single/none" "$bin" --version
