#!/usr/bin/env bash
# Builds the `publiccode` binary as it is meant to be shipped, into target/dist/publiccode.
#
#   tools/build-dist.sh [--print-path]
#
# On GNU/Linux hosts the binary is linked statically (`+crt-static`) at a fixed address
# (`relocation-model=static`): a one-file run then does not pay for the dynamic loader
# (mapping libc, libm and libgcc_s, resolving their symbols, relocating the static tables),
# which is about half of the start-up time of a `cargo build --release` binary (0.6 of
# 1.3 ms on the 2-core development machine; README, "Performance"). The same flags given
# as RUSTFLAGS without `--target` would also apply to proc-macro crates, which cannot be
# linked statically, so the host triple is passed explicitly and the flags go to that
# target only. Other hosts get the plain release build. Either way the binary is copied
# to target/dist/publiccode; `--print-path` prints that path and nothing else on stdout.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
print_path=false
case "${1:-}" in
  --print-path) print_path=true ;;
  "") ;;
  -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
  *) echo "build-dist: unknown argument: $1" >&2; exit 2 ;;
esac

host=$(rustc -vV | sed -n 's/^host: //p')
target_dir=${CARGO_TARGET_DIR:-$root/target}
cd "$root"
case "$host" in
  *-linux-gnu)
    cargo build --release --locked -q -p publiccode-cli --target "$host" \
      --config "target.$host.rustflags = ['-C', 'target-feature=+crt-static', '-C', 'relocation-model=static']" >&2
    built="$target_dir/$host/release/publiccode"
    ;;
  *)
    cargo build --release --locked -q -p publiccode-cli >&2
    built="$target_dir/release/publiccode"
    ;;
esac
mkdir -p "$target_dir/dist"
cp "$built" "$target_dir/dist/publiccode"
if $print_path; then
  echo "$target_dir/dist/publiccode"
else
  echo "build-dist: $target_dir/dist/publiccode ($host)" >&2
fi
