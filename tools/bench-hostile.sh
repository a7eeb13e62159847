#!/usr/bin/env bash
# Real figures for the hostile input shapes of issue 10: wall time and peak memory of
# the release binary on each shape. Usage (from the repository root):
#   cargo build --release -p publiccode-cli && tools/bench-hostile.sh [BINARY]
# Needs python3 (to generate the inputs) and GNU time (/usr/bin/time).
set -euo pipefail
BIN=${1:-target/release/publiccode}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ -x "$BIN" ] || { echo "no binary at $BIN; run cargo build --release -p publiccode-cli" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
mkdir repo && mkdir repo/.git
python3 - <<'PY'
import os
v = 'publiccodeYmlVersion: "0"\n'
open("aliases.yml", "w").write(v + "x: &s " + "x" * 200_000 + "\ny: [" + "*s, " * 190_000 + "]\n")
# One line of about 1 MB (under the 1 MiB limit), 120,000 items, non-ASCII or not.
open("nonascii.yml", "w").write(v + "name: [" + ", ".join(["é🦀"] * 120_000) + "]\n")
open("ascii.yml", "w").write(v + "name: [" + ", ".join(["abcdef"] * 120_000) + "]\n")
open("dups.yml", "w").write(v + "".join("k: %d\n" % i for i in range(40_000)))
open("lonecr.yml", "w").write((v + "name: é\nlocalisation:\n  localisationReady: yes\n  availableLanguages: [en]\n" * 1).replace("\n", "\r"))
PY
truncate -s 40M big.yml
truncate -s 2G repo/LICENSE
mkfifo repo/AUTHORS
printf 'publiccodeYmlVersion: "0"\nlegal:\n  license: EUPL-1.2\n  authorsFile: AUTHORS\n' > repo/publiccode.yml
cp lonecr.yml fixme.yml

row() {
  local label=$1; shift
  /usr/bin/time -o "$W/t" -f '%e %M' "$@" >/dev/null 2>&1 || true
  read -r secs kb <<<"$(tail -1 "$W/t")"
  printf '| %-58s | %8s s | %6s MB |\n' "$label" "$secs" "$((kb / 1024))"
}

echo "| shape (file size) | time | peak memory |"
echo "| --- | ---: | ---: |"
row "200 KB string aliased 190,000 times ($(stat -c %s aliases.yml) B), json" "$BIN" validate -f json aliases.yml
row "one non-ASCII line ($(stat -c %s nonascii.yml) B), json" "$BIN" validate -f json nonascii.yml
row "one ASCII line ($(stat -c %s ascii.yml) B, reference), json" "$BIN" validate -f json ascii.yml
row "40,000 duplicate keys ($(stat -c %s dups.yml) B), human" "$BIN" validate dups.yml
row "40,000 duplicate keys, json" "$BIN" validate -f json dups.yml
row "40,000 duplicate keys, short" "$BIN" validate -f short dups.yml
row "sparse 40 MiB descriptor, validate (refused, not read)" "$BIN" validate -f json big.yml
row "sparse 40 MiB descriptor, upgrade (refused, not read)" "$BIN" upgrade big.yml
row "2 GB sparse LICENSE + FIFO authorsFile in the repository" "$BIN" validate -f json repo/publiccode.yml
row "--fix on a lone-CR, non-ASCII file" "$BIN" validate --fix -f json fixme.yml
