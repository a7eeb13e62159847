#!/usr/bin/env bash
# Regenerates crates/publiccode/src/data/ipa_codes.txt, the iPA code table compiled
# into the validator, from a list with one code a line (the IndicePA "Enti" dataset's
# Codice_IPA column, or italia/publiccode-parser-go's data/it/ipa_codes.txt).
#
# The table is the list lowercased, deduplicated and sorted bytewise, one code a line,
# so that `checks::ipa` can binary-search it in place: nothing is parsed or allocated
# at start-up. A CSV line keeps its first field; blank lines and `#` comments are
# dropped; a code that is not [a-z0-9_.-]{1,32} stops the generator.
#
# Usage: tools/gen-ipa/gen.sh path/to/ipa_codes.txt
set -euo pipefail

src="${1:?usage: $0 path/to/ipa_codes.txt}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/crates/publiccode/src/data/ipa_codes.txt"

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
sed -e 's/\r$//' -e 's/[,;\t].*//' -e 's/^"//' -e 's/"$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$src" \
  | grep -v -e '^$' -e '^#' \
  | tr 'A-Z' 'a-z' \
  | LC_ALL=C sort -u >"$tmp"
if bad="$(grep -n -v -E '^[a-z0-9_.-]{1,32}$' "$tmp")"; then
  echo "not an iPA code:" >&2
  echo "$bad" | head >&2
  exit 1
fi
mv "$tmp" "$out"
trap - EXIT
echo "wrote $(wc -l <"$out") codes to $out"
