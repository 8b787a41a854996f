#!/usr/bin/env bash
# Times compare with ranges over the default offering set (hyperfine): 10^5 samples of a ranged
# traffic (cost models built once) and of a ranged traffic and duration (cost models built per
# sample), against the same compare without ranges.
# Usage: bench/ranges.sh [path-to-breakeven]   (default build/release/breakeven)
set -eu
BIN=${1:-build/release/breakeven}
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
hyperfine -N --warmup 3 --runs 20 \
  "$BIN compare --requests 30M --duration-ms 120" \
  "$BIN compare --requests 10M..50M --duration-ms 120 --samples 100000" \
  "$BIN compare --requests 10M..50M --duration-ms 80..150 --samples 10000" \
  "$BIN compare --requests 10M..50M --duration-ms 80..150 --samples 100000"
