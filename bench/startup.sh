#!/usr/bin/env bash
# Start-up (issue 12): every command on the default offering set and over the whole catalogue
# (--offering '*'), with --version, against a fmt hello world (bench/hello.cpp, built here with
# shared libstdc++ and libfmt) and, given one, a baseline binary: one hyperfine run, every
# command on both binaries side by side. Prints each mean as a multiple of the hello world's,
# wall time and CPU (user + system). Goal: 1.5x on the default set, 2x over the catalogue.
# Usage: bench/startup.sh [path-to-breakeven [baseline-breakeven]]   (default build/release/breakeven)
#        HELLO=path/to/hello, RUNS=40 to override.
set -euf # -f: the * of --offering * is an argument, never a glob
BIN=${1:-build/release/breakeven}
BASE=${2:-}
RUNS=${RUNS:-40}
here=$(cd "$(dirname "$0")" && pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
HELLO=${HELLO:-}
if [ -z "$HELLO" ]; then
  HELLO=$work/hello
  ${CXX:-c++} -O2 -std=c++20 "$here/hello.cpp" -o "$HELLO" -lfmt
fi
pricing=$here/../pricing/aws.json
commands=(
  "--version"
  "compare --requests 10M"
  "curve"
  "crossover"
  "check --requests 10M --max-monthly-cost 1e9"
  "advise --requests 10M"
  "pricing list"
  "pricing show aws.lambda.arm"
  "pricing validate $pricing"
  "compare --requests 10M --offering *"
  "curve --offering *"
  "crossover --offering *"
  "check --requests 10M --max-monthly-cost 1e9 --offering *"
  "advise --requests 10M --offering *"
)
# The commands read as the default set up to the first with --offering *, the catalogue after.
# check exits 1 when a budget check fails (some do, at 10M requests: an offering's limits), so
# hyperfine ignores exit codes; each command is run once here first and must exit 0 or 1.
for command in "${commands[@]}"; do
  for program in $BASE $BIN; do
    status=0
    $program $command >/dev/null 2>"$work/stderr" || status=$?
    if [ "$status" -gt 1 ]; then
      echo "$program $command: exit $status" >&2
      cat "$work/stderr" >&2
      exit 1
    fi
  done
done
runs=("$HELLO")
for command in "${commands[@]}"; do
  [ -n "$BASE" ] && runs+=("$BASE $command")
  runs+=("$BIN $command")
done
# hyperfine -N runs no shell, so the * of --offering * reaches the binary as it is.
hyperfine -N --ignore-failure --warmup 5 --runs "$RUNS" --export-json "$work/times.json" "${runs[@]}" >"$work/hyperfine.txt" 2>&1 || {
  cat "$work/hyperfine.txt" >&2
  exit 1
}
python3 - "$work/times.json" "$BIN" "$BASE" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
binary, base = sys.argv[2], sys.argv[3]
hello = results[0]
def cpu(r):
    return r["user"] + r["system"]
print(f"hello world: {hello['mean'] * 1e3:.2f} ms wall, {cpu(hello) * 1e3:.2f} ms CPU ({hello['command']})")
width = max(len(r["command"].split(" ", 1)[1]) for r in results[1:])
header = f"{'command':<{width}}  {'wall ms':>8} {'x hello':>7}  {'CPU ms':>7} {'x hello':>7}"
print(header + ("   baseline: wall ms  x hello  CPU ms  x hello" if base else ""))
rows = {}
for r in results[1:]:
    program, command = r["command"].split(" ", 1)
    rows.setdefault(command, {})["base" if base and program == base else "new"] = r
for command, pair in rows.items():
    n = pair["new"]
    line = (f"{command:<{width}}  {n['mean'] * 1e3:8.2f} {n['mean'] / hello['mean']:7.2f}"
            f"  {cpu(n) * 1e3:7.2f} {cpu(n) / cpu(hello):7.2f}")
    if "base" in pair:
        b = pair["base"]
        line += (f"   {b['mean'] * 1e3:16.2f} {b['mean'] / hello['mean']:8.2f}"
                 f"  {cpu(b) * 1e3:6.2f} {cpu(b) / cpu(hello):8.2f}")
    print(line)
PY
