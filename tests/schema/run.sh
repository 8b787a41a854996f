#!/usr/bin/env bash
# Keeps the JSON Schemas in schema/ and the C++ loaders in step:
#  - every bundled rate table, example scenario (JSON and JSON Lines) and example budget file
#    validates against its schema (and the loaders accept them: the other tests run them all);
#  - every file in tests/schema/rejected/ is rejected by the schema AND by the loader (exit 2).
# Usage: tests/schema/run.sh <path-to-breakeven> <repo-root>. Needs node and Debian's node-ajv.
set -u
BIN=$1
ROOT=$2
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
passed=0
failed=0
check() { # check NAME EXPECTED(valid|invalid) KIND FILE
  local out
  out="$(node "$ROOT/tests/schema/validate.js" "$ROOT/schema" "$3" "$4" 2>&1)"
  local rc=$?
  if { [[ $2 == valid && $rc -eq 0 ]] || [[ $2 == invalid && $rc -eq 1 ]]; }; then
    passed=$((passed + 1)); echo "ok - $1"
  else
    failed=$((failed + 1)); echo "not ok - $1: schema says: $out"
  fi
}
loader_rejects() { # loader_rejects NAME args...
  local name=$1; shift
  "$BIN" "$@" </dev/null >/dev/null 2>&1
  local rc=$?
  if [[ $rc -eq 2 ]]; then
    passed=$((passed + 1)); echo "ok - loader rejects $name"
  else
    failed=$((failed + 1)); echo "not ok - loader rejects $name: exit $rc, expected 2 (breakeven $*)"
  fi
}
if ! node -e "require('ajv')" 2>/dev/null; then
  echo "not ok - node and node-ajv are needed (apt-get install nodejs node-ajv)"
  echo "0 passed, 1 failed"
  exit 1
fi
for f in "$ROOT"/pricing/*.json; do check "schema accepts ${f#"$ROOT"/}" valid rate-table "$f"; done
for f in "$ROOT"/examples/scenarios/*.json "$ROOT"/examples/scenarios/*.jsonl "$ROOT"/examples/profiles/*.json; do
  check "schema accepts ${f#"$ROOT"/}" valid scenario "$f"
done
check "schema accepts examples/ci/budget.json" valid budget "$ROOT/examples/ci/budget.json"
for f in "$ROOT"/tests/schema/rejected/*.json; do
  name="$(basename "$f" .json)"
  kind=${name%%-*}
  [[ $name == rate-table-* ]] && kind=rate-table
  check "schema rejects $name" invalid "$kind" "$f"
  case $kind in
  scenario) loader_rejects "$name" compare --scenario "$f" ;;
  rate-table) loader_rejects "$name" pricing validate "$f" ;;
  budget) loader_rejects "$name" check --budget "$f" ;;
  esac
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
