#!/usr/bin/env bash
# The script part of this repository's GitHub Action (action.yml). It runs
# `publiccode validate` with the action's inputs, prints workflow annotations (or the
# chosen format), optionally writes SARIF, appends a Markdown job summary to
# $GITHUB_STEP_SUMMARY and writes the outputs to $GITHUB_OUTPUT. It can run anywhere
# with those variables set, which is how the test suite checks it.
#
# Environment:
#   PUBLICCODE                 the binary (default: publiccode on PATH)
#   INPUT_PATHS                files or folders, separated by spaces (default: ./publiccode.yml)
#   INPUT_PROFILES             profile ids or files, separated by spaces or commas
#   INPUT_FORMAT               output format for the log (default: github)
#   INPUT_WARNINGS_AS_ERRORS   true to fail on warnings
#   INPUT_SARIF                a file to write SARIF to (empty: none)
#   INPUT_CONFIG               a configuration file (empty: found by walking up)
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   provided by GitHub; skipped when unset
# Exit status: the validator's (0 valid, 1 invalid, 2 usage or I/O problem).
set -uo pipefail

bin="${PUBLICCODE:-publiccode}"
if ! command -v "$bin" >/dev/null 2>&1; then
  echo "::error title=publiccode::the publiccode binary was not found ($bin)"
  [ -z "${GITHUB_OUTPUT:-}" ] || echo "exit-code=2" >>"$GITHUB_OUTPUT"
  exit 2
fi
args=(validate)
profiles="${INPUT_PROFILES:-}"
for p in ${profiles//,/ }; do
  args+=(--profile "$p")
done
case "${INPUT_WARNINGS_AS_ERRORS:-false}" in
  true | TRUE | True | 1 | yes) args+=(--warnings-as-errors) ;;
esac
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
read -r -a paths <<<"${INPUT_PATHS:-}"
format="${INPUT_FORMAT:-github}"

"$bin" "${args[@]}" --format "$format" -- "${paths[@]}"
status=$?

sarif_file=""
if [ -n "${INPUT_SARIF:-}" ]; then
  sarif_file="$INPUT_SARIF"
  mkdir -p "$(dirname "$sarif_file")"
  "$bin" "${args[@]}" --format sarif -- "${paths[@]}" >"$sarif_file" 2>/dev/null
fi

# One line per diagnostic: PATH:LINE:COL: SEVERITY: [KEY: ]MESSAGE [CODE]
short=$("$bin" "${args[@]}" --format short -- "${paths[@]}" 2>/dev/null)
errors=0
warnings=0
rows=""
shown=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  loc="${line%%: *}"
  rest="${line#*: }"
  sev="${rest%%: *}"
  msg="${rest#*: }"
  code=""
  if [[ "$msg" =~ \ \[([A-Za-z0-9]+)\]$ ]]; then
    code="${BASH_REMATCH[1]}"
    msg="${msg% \[*\]}"
  fi
  case "$sev" in
    error) errors=$((errors + 1)); icon="❌" ;;
    warning) warnings=$((warnings + 1)); icon="⚠️" ;;
    *) icon="ℹ️" ;;
  esac
  if [ "$shown" -lt 200 ]; then
    msg="${msg//|/\\|}"
    rows+="| \`${loc}\` | ${icon} ${sev} | ${code} | ${msg} |"$'\n'
    shown=$((shown + 1))
  fi
done <<<"$short"

case "$status" in
  0) valid=true ;;
  *) valid=false ;;
esac

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "valid=$valid"
    echo "errors=$errors"
    echo "warnings=$warnings"
    echo "exit-code=$status"
    echo "sarif-file=$sarif_file"
  } >>"$GITHUB_OUTPUT"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    if [ "$status" -eq 2 ]; then
      echo "### publiccode.yml: could not be checked"
      echo
      echo "The validator stopped with a usage or I/O problem (exit code 2); see the job log."
    elif [ "$status" -eq 0 ]; then
      echo "### publiccode.yml: ✅ valid ($errors errors, $warnings warnings)"
    else
      echo "### publiccode.yml: ❌ invalid ($errors errors, $warnings warnings)"
    fi
    if [ -n "$rows" ]; then
      echo
      echo "| Location | Severity | Code | Message |"
      echo "| --- | --- | --- | --- |"
      printf '%s' "$rows"
      total=$((errors + warnings))
      if [ "$shown" -lt "$total" ]; then
        echo
        echo "… and $((total - shown)) more; see the job log."
      fi
    fi
    echo
    echo "Run \`publiccode explain CODE\` for what a code means and how to fix it."
  } >>"$GITHUB_STEP_SUMMARY"
fi

exit "$status"
