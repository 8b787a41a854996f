#!/usr/bin/env bash
# Start-up (issue 12): every command on the default offering set and over the whole catalogue
# (--offering '*'), with --version, against a fmt hello world (bench/hello.cpp, built here with
# shared libstdc++ and libfmt) and, given one, a baseline binary. bench/interleave.cpp runs them
# in rounds, each round every command on both binaries and the hello world once, in a shuffled
# order, so that all meet the same drift of this VM (a fifth over a minute); hyperfine, one
# command after another, let the hello world's own time move a ratio by 0.2. Each binary is a
# fresh copy in a temporary directory (a binary whose page cache was reclaimed pays major faults
# for a while: 0.2 ms a run for one of two identical files here). Prints each median as a
# multiple of the hello world's, wall time and CPU (user + system), with the wall time's
# quartiles. Goal: 1.5x on the default set, 2x over the catalogue.
# Usage: bench/startup.sh [path-to-breakeven [baseline-breakeven]]   (default build/release/breakeven)
#        HELLO=path/to/hello, RUNS=100 (rounds) to override; ORDER=sequential runs each command
#        RUNS times in a row instead, as hyperfine does (the hello world then runs warm).
set -euf # -f: the * of --offering * is an argument, never a glob
BIN=${1:-build/release/breakeven}
BASE=${2:-}
RUNS=${RUNS:-100}
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
${CXX:-c++} -O2 -std=c++20 "$here/interleave.cpp" -o "$work/interleave"
if [ -n "${HELLO:-}" ]; then
  cp "$HELLO" "$work/hello"
else
  ${CXX:-c++} -O2 -std=c++20 "$here/hello.cpp" -o "$work/hello" -lfmt
fi
HELLO=$work/hello
cp "$BIN" "$work/new"
BIN=$work/new
if [ -n "$BASE" ]; then
  cp "$BASE" "$work/base"
  BASE=$work/base
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
# the timing ignores exit codes; each command is run once here first and must exit 0 or 1.
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
order=()
[ "${ORDER:-}" = sequential ] && order=(--sequential)
"$work/interleave" "${order[@]}" "$RUNS" 3 "${runs[@]}" >"$work/times.tsv"
python3 - "$work/times.tsv" "$BIN" "$BASE" "$RUNS" "${ORDER:-interleaved}" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
binary, base, rounds, order = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
results = [{"command": r[0], "wall": float(r[1]), "q1": float(r[2]), "q3": float(r[3]), "cpu": float(r[4])} for r in rows]
hello = results[0]
print(f"hello world: {hello['wall']:.2f} ms wall ({hello['q1']:.2f}-{hello['q3']:.2f}), {hello['cpu']:.2f} ms CPU; "
      f"medians of {rounds} runs each, {order}")
width = max(len(r["command"].split(" ", 1)[1]) for r in results[1:])
header = f"{'command':<{width}}  {'wall ms':>8} {'x hello':>7} {'quartiles':>11}  {'CPU ms':>7} {'x hello':>7}"
print(header + ("   baseline: wall ms  x hello  CPU ms  x hello" if base else ""))
pairs = {}
for r in results[1:]:
    program, command = r["command"].split(" ", 1)
    pairs.setdefault(command, {})["base" if base and program == base else "new"] = r
for command, pair in pairs.items():
    n = pair["new"]
    line = (f"{command:<{width}}  {n['wall']:8.2f} {n['wall'] / hello['wall']:7.2f} {n['q1']:5.2f}-{n['q3']:5.2f}"
            f"  {n['cpu']:7.2f} {n['cpu'] / hello['cpu']:7.2f}")
    if "base" in pair:
        b = pair["base"]
        line += (f"   {b['wall']:16.2f} {b['wall'] / hello['wall']:8.2f}"
                 f"  {b['cpu']:6.2f} {b['cpu'] / hello['cpu']:8.2f}")
    print(line)
PY
