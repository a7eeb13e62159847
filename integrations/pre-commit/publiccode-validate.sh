#!/usr/bin/env bash
# The `publiccode-validate` pre-commit hook: builds the validator from the hook
# repository's own source on first use (pre-commit keeps that clone, so later runs start
# at once), then validates the files pre-commit passes. PUBLICCODE_BIN names an already
# built binary instead (used by the test suite).
set -euo pipefail
bin="${PUBLICCODE_BIN:-}"
if [ -z "$bin" ]; then
  repo="$(cd "$(dirname "$0")/../.." && pwd)"
  bin="$repo/target/release/publiccode"
  if [ ! -x "$bin" ] || [ "$repo/Cargo.lock" -nt "$bin" ]; then
    if ! command -v cargo >/dev/null 2>&1; then
      echo "publiccode-validate: cargo is needed to build the validator (https://rustup.rs)," >&2
      echo "or use the publiccode-validate-system hook with publiccode on PATH" >&2
      exit 2
    fi
    echo "publiccode-validate: building the validator (first run only)…" >&2
    cargo build --release --locked --quiet -p publiccode-cli --manifest-path "$repo/Cargo.toml" >&2
  fi
fi
exec "$bin" validate "$@"
