#!/usr/bin/env bash
# Regenerates crates/publiccode/src/data/{languages,countries,oembed}.rs from the
# npm packages pinned in gen.mjs: `npm pack` each into a temporary directory,
# unpack it, run gen.mjs, then rustfmt the output. Needs node, npm and rustfmt.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/crates/publiccode/src/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
for spec in $(node "$here/gen.mjs" --packages); do
  name="${spec%@*}"
  tgz="$(npm pack --silent "$spec" | tail -n 1)"
  mkdir -p "src/$name"
  tar -xzf "$tgz" -C "src/$name"
done

node "$here/gen.mjs" "$work/src" "$out"
rustfmt --edition 2024 "$out/languages.rs" "$out/countries.rs" "$out/oembed.rs"
echo "regenerated $out/{languages,countries,oembed}.rs"
