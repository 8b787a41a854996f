#!/usr/bin/env bash
# End-to-end tests of the limits the CLI keeps whatever the input: deeply nested JSON, input
# files that never end, whole numbers that only narrow to a valid value, numbers at the edge of
# a double, control characters in names, and charts at extreme ranges. Each case once crashed,
# hung, grew without bound or printed nonsense.
#
# Usage:
#   tests/cli/limits.sh <path-to-breakeven> <repo-root>
#
# Prints one line per case (`ok - name` or `not ok - name` and why), then `N passed, M failed`;
# exits 1 if any case failed. Needs bash, jq, xmllint and timeout; no network.

set -u
# Outputs that do not change with the calendar: "today" for the freshness checks (compare's
# warning about prices over a year old, pricing validate --max-age) is this day, on which no
# bundled price was over a year old.
export BREAKEVEN_TODAY=2025-07-01

NAME=limits
# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

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

# ---------------------------------------------------------------------------------------------
# d. Numbers at the edge of a double: never an internal error, never "inf" or "nan" as a price
# ---------------------------------------------------------------------------------------------

# no_nonsense NAME -- args...: exit 0 with no inf/nan anywhere in the output, or one clear
# error (exit 2); never an internal error or a crash.
no_nonsense() {
  local name=$1
  shift 2
  run "$@"
  local refused=0 clean=0
  [[ $rc -eq 2 && "$(wc -l <"$T/err")" -eq 1 && ! -s $T/out ]] && refused=1
  # "inf" or "nan" as a word of its own ($inf, inf.-nan, -nan), not inside "infeasible".
  [[ $rc -eq 0 && ! -s $T/err ]] && ! grep -qiE '(^|[^a-z])-?(inf|nan)([^a-z]|$)' "$T/out" && clean=1
  if [[ $refused -eq 1 || $clean -eq 1 ]]; then
    pass "$name"
  else
    fail "$name" "breakeven $*" "$(show_run)"
  fi
}
table 1 5e-324 Acme >"$T/subnormal.json"
for format in json csv table; do
  no_nonsense "a subnormal price, --format $format" -- \
    --pricing "$T/subnormal.json" compare --requests 1 --offering acme.fn --offering aws.lambda.arm --format "$format"
done
run --pricing "$T/subnormal.json" compare --requests 1 --offering acme.fn --format json
if [[ $rc -eq 2 ]] || { [[ $rc -eq 0 ]] && jq -e '.results[0].monthly_cost | numbers' "$T/out" >/dev/null; }; then
  pass "a subnormal price is a number in JSON (or refused)"
else
  fail "a subnormal price is a number in JSON (or refused)" "$(show_run)"
fi
table 1 1e308 Acme >"$T/huge.json"
for format in table markdown csv json; do
  no_nonsense "a price that overflows a cost, --format $format" -- \
    --pricing "$T/huge.json" compare --requests 1M --offering acme.fn --offering aws.lambda.arm --format "$format"
done
no_nonsense "a price that overflows a cost, pricing show" -- --pricing "$T/huge.json" pricing show acme.fn
run curve --from -0 --to 10 --points 3 --offering aws.lambda.arm --offering aws.ec2.m7g.large
if [[ $rc -eq 0 ]] && ! grep -qE '(^| )-0( |$)' "$T/out"; then
  pass "--from -0 is 0 in a table"
else
  fail "--from -0 is 0 in a table" "$(show_run)"
fi
run curve --from -0 --to 10 --points 3 --offering aws.lambda.arm --offering aws.ec2.m7g.large --format json
if [[ $rc -eq 0 ]] && ! grep -q -- '-0\.0' "$T/out"; then
  pass "--from -0 is 0 in JSON"
else
  fail "--from -0 is 0 in JSON" "$(show_run)"
fi

# ---------------------------------------------------------------------------------------------
# e. Control characters in names: escaped for people, exact for programs
# ---------------------------------------------------------------------------------------------

printf '{"name": "evil\\u001b[2J\\u0007\\nline\\u009b31m", "requests_per_month": 1000000}\n' >"$T/evil.json"
table 1 0.2 'Acme \u001b]0;pwned\u0007' >"$T/evil-table.json"
for format in table markdown; do
  run --pricing "$T/evil-table.json" compare --scenario "$T/evil.json" --offering acme.fn --offering aws.lambda.arm \
    --format "$format" --breakdown
  if [[ $rc -eq 0 ]] && ! grep -q "$ESC" "$T/out" && ! grep -q $'\x07' "$T/out" && ! grep -q $'\xc2\x9b' "$T/out" &&
    grep -qF 'evil\x1b[2J\x07' "$T/out" && grep -qF 'Acme \x1b]0;pwned\x07' "$T/out"; then
    pass "control characters are escaped: compare --format $format"
  else
    fail "control characters are escaped: compare --format $format" "$(show_run)"
  fi
done
run --pricing "$T/evil-table.json" pricing show acme.fn
if [[ $rc -eq 0 ]] && ! grep -q "$ESC" "$T/out" && grep -qF 'Acme \x1b]0;pwned\x07' "$T/out"; then
  pass "control characters are escaped: pricing show"
else
  fail "control characters are escaped: pricing show" "$(show_run)"
fi
run curve --scenario "$T/evil.json" --offering aws.lambda.arm --offering aws.ec2.m7g.large --points 3
if [[ $rc -eq 0 ]] && ! grep -q "$ESC" "$T/out"; then
  pass "control characters are escaped: curve"
else
  fail "control characters are escaped: curve" "$(show_run)"
fi
run compare --scenario "$T/evil.json" --offering aws.lambda.arm --offering aws.eks --format tsv
if [[ $rc -eq 0 && "$(wc -l <"$T/out")" -eq 3 ]] && [[ "$(awk -F'\t' '{print NF}' "$T/out" | sort -u)" == 8 ]]; then
  pass "TSV: a newline in a name cannot add a row"
else
  fail "TSV: a newline in a name cannot add a row" "$(show_run)"
fi
run compare --scenario "$T/evil.json" --offering aws.lambda.arm --format json
if [[ $rc -eq 0 ]] && jq -e '.scenario.name == "evil\u001b[2J\u0007\nline\u009b31m"' "$T/out" >/dev/null; then
  pass "JSON keeps a name with control characters exact"
else
  fail "JSON keeps a name with control characters exact" "$(show_run)"
fi
run curve --scenario "$T/evil.json" --offering aws.lambda.arm --offering aws.ec2.m7g.large --points 3 --format svg
if [[ $rc -eq 0 ]] && xmllint --noout "$T/out" 2>"$T/xml-err"; then
  pass "SVG: a name with control characters is still XML"
else
  fail "SVG: a name with control characters is still XML" "$(show_run)" "$(head -n 3 "$T/xml-err")"
fi

# ---------------------------------------------------------------------------------------------
# f. Charts at extreme ranges: bounded, finite, inside the grid
# ---------------------------------------------------------------------------------------------

# The tick step (0.0002) is below half an ulp of 10^13: adding it never moved the tick.
run curve --requests 1 --from 9999999999999.999 --to 1e13 --offering aws.lambda.arm --offering aws.eks --format svg
ticks="$(grep -c 'class="x-tick"' "$T/out")"
if [[ $rc -eq 0 ]] && xmllint --noout "$T/out" 2>/dev/null && [[ $ticks -ge 1 && $ticks -le 16 ]]; then
  pass "svg: a range narrower than an ulp of its ends has a few ticks"
else
  fail "svg: a range narrower than an ulp of its ends has a few ticks" "$ticks ticks" "$(show_run)"
fi
# Requests are whole: 0.3 to 0.7 samples 0 and 1, outside the plot's columns.
ok "plot: a range whose samples round to outside it" -- \
  curve --from 0.3 --to 0.7 --points 3 --offering aws.lambda.arm --offering aws.eks --plot
ok "plot: the same on a log scale" -- \
  curve --log --from 1.4 --to 1.6 --points 3 --offering aws.lambda.arm --offering aws.eks --plot

# ---------------------------------------------------------------------------------------------
# Issue 8: the least CPU a request can use against a three-instance minimum once looped forever
# in crossover and curve (breakpoints that stopped advancing). Within the time limit now.
# ---------------------------------------------------------------------------------------------
for command in crossover curve; do
  ok "$command: 1 us of CPU a request, at least 3 instances" -- \
    $command --duration-ms 1 --cpu-ms 0.001 --min-instances 3 --offering aws.lambda.arm --offering aws.ec2.m7g.large
done
ok "crossover: busy instances at the largest concurrency over the widest range" -- \
  crossover --duration-ms 0.001 --concurrency 1000 --offering gcp.cloudrun --offering aws.ec2.m7g.large --to 1e13

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
