#!/usr/bin/env bash
# End-to-end tests of the limits the CLI keeps whatever the input: deeply nested JSON, input
# files that never end, and whole numbers that only narrow to a valid value. Each case once
# crashed, grew without bound or was misread.
#
# Usage:
#   tests/cli/limits.sh <path-to-breakeven> <repo-root>
#
# Prints one line per case (`ok - name` or `not ok - name` and why), then `N passed, M failed`;
# exits 1 if any case failed. Needs bash, jq, xmllint and timeout; no network.

set -u

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <path-to-breakeven> <repo-root>" >&2
  exit 2
fi
if [[ ! -x $1 || -d $1 ]]; then
  echo "$0: $1 is not an executable file" >&2
  exit 2
fi

BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$2" && pwd)"
ESC=$'\x1b'

T="$(mktemp -d "${TMPDIR:-/tmp}/breakeven-limits-tests.XXXXXX")" || exit 2
trap 'rm -rf "$T"' EXIT

unset NO_COLOR
export TERM=xterm
export LC_ALL=C

passed=0
failed=0

pass() {
  passed=$((passed + 1))
  echo "ok - $1"
}

fail() {
  failed=$((failed + 1))
  echo "not ok - $1: $2"
  shift 2
  local detail
  for detail in "$@"; do
    sed 's/^/    /' <<<"$detail"
  done
}

# run [args...]: the binary from the repository root, at most 60 s, stdin from $RUN_STDIN or
# /dev/null; stdout in $T/out, stderr in $T/err, exit code in $rc (124 for a timeout).
rc=0
run() {
  (cd "$ROOT" && timeout 60 "$BIN" "$@") <"${RUN_STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
  rc=$?
}

show_run() {
  printf 'exit code %s\nstderr: %s\nstdout (first 5 lines):\n%s' "$rc" "$(head -c 500 "$T/err")" \
    "$(head -n 5 "$T/out" | head -c 500)"
}

# bad NAME [-i STDIN] [-f FRAGMENT]... -- args...: exit 2, nothing on stdout, one line on
# stderr starting "breakeven: error: " and mentioning every fragment.
bad() {
  local name="bad input: $1"
  shift
  local input=/dev/null fragments=()
  while [[ $# -gt 0 && $1 != -- ]]; do
    case $1 in
    -i) input=$2; shift 2 ;;
    -f) fragments+=("$2"); shift 2 ;;
    *) fail "$name" "test bug: unexpected option $1"; return ;;
    esac
  done
  shift
  RUN_STDIN=$input run "$@"
  local err reasons=()
  err="$(head -c 2000 "$T/err")"
  [[ $rc -eq 2 ]] || reasons+=("exit code $rc, expected 2")
  [[ -s $T/out ]] && reasons+=("stdout is not empty")
  if [[ "$(wc -l <"$T/err")" -ne 1 || -n "$(tail -c 1 "$T/err")" ]]; then
    reasons+=("stderr is not exactly one line")
  fi
  [[ $err == "breakeven: error: "* ]] || reasons+=("stderr does not start with \"breakeven: error: \"")
  local fragment
  for fragment in "${fragments[@]}"; do
    [[ $err == *"$fragment"* ]] || reasons+=("stderr does not mention \"$fragment\"")
  done
  if [[ ${#reasons[@]} -eq 0 ]]; then
    pass "$name"
  else
    fail "$name" "breakeven $*" "${reasons[@]}" "stderr: $err"
  fi
}

# ok NAME -- args...: exit 0 within the time limit, nothing on stderr.
ok() {
  local name=$1
  shift 2
  run "$@"
  if [[ $rc -eq 0 && ! -s $T/err ]]; then
    pass "$name"
    return 0
  fi
  fail "$name" "breakeven $*" "$(show_run)"
  return 1
}

# ---------------------------------------------------------------------------------------------
# a. JSON nested deeper than 64 levels: refused with a location, never a stack overflow
# ---------------------------------------------------------------------------------------------

deep="$(printf '%*s' 25000 '' | tr ' ' '[')$(printf '%*s' 25000 '' | tr ' ' ']')"
# The nesting comes before the bad value, so that finding the bad value's path walked it.
printf '{"$schema": %s, "requests_per_month": "x"}\n' "$deep" >"$T/deep-scenario.json"
printf '{"$schema": %s, "schema_version": 1, "checks": 7}\n' "$deep" >"$T/deep-budget.json"
printf '{"schema_version": 1, "checks": [{"budget": %s, "name": "a", "monthly_cost": "x"}]}\n' "$deep" \
  >"$T/deep-baseline.json"
printf '{"$schema": %s, "schema_version": 1, "provider": "acme", "currency": "USD", "as_of": "2026-01-01"}\n' \
  "$deep" >"$T/deep-table.json"
nested="nested more than 64 deep"
bad "scenario nested 25,000 deep" -f "$T/deep-scenario.json" -f "line 1, column 76" -f "$nested" -- \
  compare --scenario "$T/deep-scenario.json"
bad "scenario on stdin nested 25,000 deep" -i "$T/deep-scenario.json" -f "<stdin>" -f "$nested" -- \
  compare --scenario -
bad "budget nested 25,000 deep" -f "$T/deep-budget.json" -f "line 1, column 76" -f "$nested" -- \
  check --budget "$T/deep-budget.json"
bad "baseline nested 25,000 deep" -f "$T/deep-baseline.json" -f "line 1, column 106" -f "$nested" -- \
  check --requests 1M --offering aws.lambda.arm --max-monthly-cost 100 --baseline "$T/deep-baseline.json"
bad "rate table nested 25,000 deep" -f "$T/deep-table.json" -f "line 1, column 76" -f "$nested" -- \
  --pricing "$T/deep-table.json" pricing list

# ---------------------------------------------------------------------------------------------
# b. Input files larger than 16 MiB, or that never end: refused after reading 16 MiB
# ---------------------------------------------------------------------------------------------

larger="is larger than 16 MiB"
bad "--pricing /dev/zero" -f "/dev/zero" -f "$larger" -- --pricing /dev/zero pricing list
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$T/large-budget.json"
bad "a budget of 16 MiB + 1 byte" -f "$T/large-budget.json" -f "$larger" -- check --budget "$T/large-budget.json"
mkfifo "$T/endless.json"
(yes '{' >"$T/endless.json" 2>/dev/null &)
bad "a scenario FIFO that never ends" -f "$T/endless.json" -f "$larger" -- compare --scenario "$T/endless.json"
# A reader that gave up leaves `yes` blocked on opening the FIFO, or killed by SIGPIPE.
exec 3<>"$T/endless.json" && exec 3<&-

# ---------------------------------------------------------------------------------------------
# c. Whole numbers compared as written: 4294967297 is not 1
# ---------------------------------------------------------------------------------------------

printf '{"schema_version": 4294967297, "checks": []}\n' >"$T/baseline-v2p32.json"
bad "baseline schema_version 2^32 + 1" -f "$T/baseline-v2p32.json" -f '$.schema_version' -f "4294967297" -- \
  check --requests 1M --offering aws.lambda.arm --max-monthly-cost 100 --baseline "$T/baseline-v2p32.json"
table() { # table SCHEMA_VERSION UNIT_PRICE NAME: a one-offering rate table; NAME is also the charge's
  printf '{"schema_version": %s, "provider": "acme", "currency": "USD", "as_of": "2026-01-01",
  "offerings": [{"id": "acme.fn", "name": "%s", "kind": "function", "source": "https://example.com",
  "charges": [{"name": "%s", "meter": "requests", "unit_price": %s, "per": 1}]}]}\n' "$1" "$3" "$3" "$2"
}
table 4294967297 0.2 Acme >"$T/table-v2p32.json"
bad "rate table schema_version 2^32 + 1" -f "$T/table-v2p32.json" -f "unsupported schema_version 4294967297" -- \
  --pricing "$T/table-v2p32.json" pricing list

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
