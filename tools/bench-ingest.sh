#!/usr/bin/env bash
# Ingestion benchmark: replicates the vendored corpus (testdata/corpus/publiccode) into
# N folders, one descriptor each (as many checkouts side by side), and times
# `publiccode ingest` of the release binary end to end, with its peak memory.
#
#   tools/bench-ingest.sh [N] [DB]     N defaults to 10000; DB to a fresh SQLite file,
#                                      or a postgres:// URL (its tables are emptied first)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
db=${2:-}
cargo build --release -q -p publiccode-cli
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/publiccode
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every copy gets its own `url`, so that each descriptor is one piece of software.
python3 - "$n" "$work/tree" <<'PY'
import pathlib, re, sys
n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
files = sorted(pathlib.Path("testdata/corpus/publiccode").glob("*.yml"))
texts = [f.read_bytes() for f in files]
for i in range(n):
    d = out / f"{i:05d}"
    d.mkdir(parents=True)
    t = texts[i % len(texts)]
    url = f'url: "https://example.org/bench/{i:05d}"'.encode()
    t2, k = re.subn(rb"(?m)^url:.*$", url, t, count=1)
    (d / "publiccode.yml").write_bytes(t2 if k else t + b"\n" + url + b"\n")
PY
if [ -z "$db" ]; then
  db=$work/catalogue.sqlite
elif [[ $db == postgres* ]]; then
  psql -q "$db" -c 'DROP TABLE IF EXISTS software, runs, queue, history, publiccode_schema' >/dev/null
fi
for run in first second; do
  /usr/bin/time -f '%e s, %M KB peak RSS' -o "$work/time" "$bin" ingest --quiet --db "$db" "$work/tree"
  read -r secs _ kb _ < "$work/time"
  echo "$run run: $n descriptors in $secs s = $(awk -v n="$n" -v s="$secs" 'BEGIN{printf "%.0f", n/s}') descriptors/s, peak RSS $((kb / 1024)) MB"
done
