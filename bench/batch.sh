#!/usr/bin/env bash
# Batch pricing: `compare --scenario -` over JSON Lines, against the plain Python script a user
# might write instead (bench/batch_compare.py) and, when given, a baseline build.
#
#   bench/batch.sh [BIN [BASELINE_BIN]]     (default BIN: build/release/breakeven)
#
# Generates deterministic input (10^3, 10^5 and 10^6 lines: traffic from 10^3 to 3x10^9
# requests a month, 3 ms to 2 min, 100 MB to 8 GB, every tenth line named), checks that our CSV
# is byte for byte the Python script's, times both (and the baseline) side by side with
# hyperfine, and measures peak RSS with /usr/bin/time for 10^3 and 10^6 lines. Ours runs on one
# thread a core (its default) and on one thread (BREAKEVEN_THREADS=1), both timed; the script
# runs on one. The whole
# catalogue (`--offering '*'`) has no Python script: its Python time is estimated from the
# 2-offering script, a lower bound (whole_catalogue below). Needs python3, hyperfine and GNU
# time; writes its files to a temporary directory it removes.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:-$root/build/release/breakeven}")"
baseline="${2:-}"
[[ -n "$baseline" ]] && baseline="$(realpath "$baseline")"
script="$root/bench/batch_compare.py"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

two=(--offering aws.lambda.x86 --offering aws.ec2.m7g.large)

generate() { # generate LINES > FILE
  python3 - "$1" <<'EOF'
import sys
n = int(sys.argv[1])
durations = [3, 12.5, 40, 100, 250, 800, 2000, 15000, 120000]
memories = [100, 128, 256, 512, 1000, 1024, 1769, 2048, 4096, 8192]
out = []
for i in range(n):
    h = (i * 2654435761) % 4294967296  # a fixed scramble of the line number
    requests = int(10 ** (3 + 6.5 * (h % 1000003) / 1000003))
    line = '{"requests_per_month": %d, "duration_ms": %s, "memory_mb": %d' % (
        requests, durations[h % 9], memories[(h >> 8) % 10])
    if i % 10 == 0:
        line += ', "name": "svc-%d%s"' % (i, ", eu" if i % 20 == 0 else "")
    out.append(line + "}\n")
sys.stdout.write("".join(out))
EOF
}

for lines in 1000 100000 1000000; do
  generate "$lines" >"$work/in-$lines.jsonl"
done

echo "== same rows: breakeven vs bench/batch_compare.py (2 offerings)"
for lines in 1000 100000; do
  "$bin" compare --scenario - "${two[@]}" --format csv <"$work/in-$lines.jsonl" >"$work/ours.csv"
  python3 "$script" <"$work/in-$lines.jsonl" >"$work/python.csv"
  cmp "$work/ours.csv" "$work/python.csv"
  BREAKEVEN_THREADS=1 "$bin" compare --scenario - "${two[@]}" --format csv <"$work/in-$lines.jsonl" | cmp - "$work/ours.csv"
  echo "$lines lines: identical ($(wc -l <"$work/ours.csv") rows, $(wc -c <"$work/ours.csv") bytes)"
done

for lines in 100000 1000000; do
  input="$work/in-$lines.jsonl"
  echo "== $lines lines, 2 offerings: Python vs ours${baseline:+ vs baseline}"
  commands=("python3 $script < $input > /dev/null"
    "$bin compare --scenario - ${two[*]} --format csv < $input > /dev/null"
    "BREAKEVEN_THREADS=1 $bin compare --scenario - ${two[*]} --format csv < $input > /dev/null")
  [[ -n "$baseline" ]] && commands+=("$baseline compare --scenario - ${two[*]} --format csv < $input > /dev/null")
  runs=5 warmup=1
  [[ "$lines" == 1000000 ]] && runs=2 warmup=0
  hyperfine --warmup "$warmup" --runs "$runs" "${commands[@]}"
  echo "== $lines lines, the default offering set: ours${baseline:+ vs baseline}"
  commands=("$bin compare --scenario - --format csv < $input > /dev/null"
    "BREAKEVEN_THREADS=1 $bin compare --scenario - --format csv < $input > /dev/null")
  [[ -n "$baseline" ]] && commands+=("$baseline compare --scenario - --format csv < $input > /dev/null")
  hyperfine --warmup "$warmup" --runs "$runs" "${commands[@]}"
done

# The whole catalogue, 10^5 lines. No Python script prices every offering (Cloud Run's busy
# instances alone are Poisson sums), so its time is estimated from bench/batch_compare.py: the
# script's CPU less a parse-only pass (json.loads of every line) is its cost of 2 rows a line;
# the estimate is the parse-only CPU plus that per-row cost times the rows ours writes. Every
# other offering costing Python no less than Lambda or one EC2 type makes it a lower bound.
whole_catalogue() {
  local input="$work/in-100000.jsonl" lines=100000 per_line
  per_line=$(echo '{"requests_per_month": 1000000}' | "$bin" compare --scenario - --offering '*' --format csv | wc -l)
  per_line=$((per_line - 1))
  echo "== $lines lines, the whole catalogue ($per_line rows a line): ours${baseline:+ vs baseline}; Python estimated"
  local commands=("$bin compare --scenario - --offering '*' --format csv < $input > /dev/null"
    "BREAKEVEN_THREADS=1 $bin compare --scenario - --offering '*' --format csv < $input > /dev/null")
  [[ -n "$baseline" ]] && commands+=("$baseline compare --scenario - --offering '*' --format csv < $input > /dev/null")
  hyperfine --warmup 1 --runs 3 --export-json "$work/whole.json" "${commands[@]}"
  hyperfine --warmup 1 --runs 5 --export-json "$work/python.json" \
    "python3 $script < $input > /dev/null" \
    "python3 -c 'import json, sys; [json.loads(l) for l in sys.stdin if l.strip()]' < $input"
  python3 - "$work/whole.json" "$work/python.json" "$lines" "$per_line" <<'EOF'
import json, sys
cpu = lambda r: r["user"] + r["system"]
ours = [(r["mean"], cpu(r)) for r in json.load(open(sys.argv[1]))["results"]]
script, parse = (cpu(r) for r in json.load(open(sys.argv[2]))["results"])
lines, rows = int(sys.argv[3]), int(sys.argv[4])
per_row = (script - parse) / (2 * lines)
estimate = parse + per_row * rows * lines
print(f"Python: 2 offerings {script:.2f} s CPU, parse only {parse:.2f} s, {per_row * 1e6:.2f} us a row")
print(f"Python estimated for {rows} rows a line: at least {estimate:.1f} s CPU")
for name, (wall, t) in zip(["ours", "ours on one thread", "baseline"], ours):
    print(f"{name}: {wall:.2f} s wall, {t:.2f} s CPU; the estimate over ours: {estimate / wall:.1f}x wall, "
          f"{estimate / t:.1f}x CPU")
EOF
}
whole_catalogue

echo "== peak RSS (KB), 2 offerings"
for lines in 1000 1000000; do
  for b in "$bin" ${baseline:+"$baseline"}; do
    rss=$(/usr/bin/time -f %M "$b" compare --scenario - "${two[@]}" --format csv \
      <"$work/in-$lines.jsonl" 2>&1 >/dev/null | tail -1)
    echo "$lines lines: $rss KB ($b)"
  done
  rss=$(BREAKEVEN_THREADS=1 /usr/bin/time -f %M "$bin" compare --scenario - "${two[@]}" --format csv \
    <"$work/in-$lines.jsonl" 2>&1 >/dev/null | tail -1)
  echo "$lines lines: $rss KB ($bin, one thread)"
done
