#!/usr/bin/env bash
# Times compare with ranges over the default offering set (hyperfine): 10^5 samples of a ranged
# traffic (cost models built once), of a ranged traffic and duration, and of four ranged fields
# (cost models built per sample), against the same compare without ranges. Given a second
# binary (say, a build of the previous commit), runs each command on both, side by side.
# Usage: bench/ranges.sh [path-to-breakeven [baseline-breakeven]]   (default build/release/breakeven)
set -eu
BIN=${1:-build/release/breakeven}
BASE=${2:-}
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
commands=(
  "compare --requests 30M --duration-ms 120"
  "compare --requests 10M..50M --duration-ms 120 --samples 100000"
  "compare --requests 10M..50M --duration-ms 80..150 --samples 10000"
  "compare --requests 10M..50M --duration-ms 80..150 --samples 100000"
  "compare --requests 10M..50M --duration-ms 80..150 --memory-mb 256..2048 --concurrency 1..80 --samples 100000"
)
runs=()
for command in "${commands[@]}"; do
  [ -n "$BASE" ] && runs+=("$BASE $command")
  runs+=("$BIN $command")
done
hyperfine -N --warmup 3 --runs 20 "${runs[@]}"
