#!/usr/bin/env bash
# compile_pricing (the build step for pricing/*.json) on bad tables: exit 1, the loader's message
# naming the file and JSON path, and no output file. Usage: tests/compile_pricing.sh TOOL SOURCE_DIR
set -eu
tool=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$tool" "$work/good.cpp" "$source_dir"/pricing/*.json || fail "the bundled tables are refused"
grep -q 'Offering{' "$work/good.cpp" || fail "no offerings written"

expect_refused() { # name, expected message, json
  printf '%s' "$3" >"$work/$1.json"
  status=0
  "$tool" "$work/$1.cpp" "$work/$1.json" 2>"$work/stderr" || status=$?
  [ "$status" -eq 1 ] || fail "$1: exit $status, not 1"
  [ ! -e "$work/$1.cpp" ] || fail "$1: wrote an output file"
  grep -qF -- "$2" "$work/stderr" || fail "$1: expected \"$2\", got: $(cat "$work/stderr")"
}
expect_refused bad_price "<bundled>/pricing/bad_price.json: \$.offerings[0].charges[0].unit_price:" \
  '{"schema_version": 1, "provider": "acme", "currency": "USD", "as_of": "2026-11-01",
    "offerings": [{"id": "acme.fn", "name": "F", "kind": "function", "source": "s",
                   "charges": [{"name": "Requests", "meter": "requests", "unit_price": -1}]}]}'
expect_refused bad_node "unknown offering \"acme.vm\"" \
  '{"schema_version": 1, "provider": "acme", "currency": "USD", "as_of": "2026-11-01",
    "offerings": [{"id": "acme.k8s", "name": "K", "kind": "kubernetes", "source": "s",
                   "nodes": {"offering": "acme.vm"},
                   "charges": [{"name": "Control plane", "meter": "hours", "unit_price": 0.1}]}]}'
echo "compile_pricing: bad tables refused"
