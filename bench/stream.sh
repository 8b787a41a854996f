#!/usr/bin/env bash
# Streaming output (issue 12): how fast a long curve is written, and how much memory a long curve
# and a long stream of scenarios take.
#
# - hyperfine, in one run side by side: `curve --points 1000000 --format csv` (default offering
#   set), `seq 1 N` with N chosen so that seq writes as many bytes as the curve (within a line),
#   and, given one, the baseline binary's curve. Both write to /dev/null (hyperfine's default).
# - peak RSS (`/usr/bin/time -f %M`) of curve at 10^3 and 10^6 points, and of
#   `crossover --scenario -` (JSON Lines on stdin, two offerings) at 10^3 and 10^5 scenarios, in
#   each format, for this binary and the baseline.
# - with a baseline, that both write the same bytes for every command measured (cmp).
#
# Usage: bench/stream.sh [path-to-breakeven [baseline-breakeven]]   (default build/release/breakeven)
# Environment: RUNS (hyperfine runs, default 5), FORMATS (default "csv tsv json table markdown").
set -eu
BIN=${1:-build/release/breakeven}
BASE=${2:-}
RUNS=${RUNS:-5}
FORMATS=${FORMATS:-csv tsv json table markdown}
for tool in hyperfine python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/stream.sh: $tool is needed" >&2; exit 2; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# Scenarios as the issue generates them: seeded, so every run prices the same ones.
python3 - "$T" <<'EOF'
import random, sys
random.seed(1)
lines = ['{"requests_per_month": %d, "duration_ms": %d, "memory_mb": %d}'
         % (random.randint(1, 200) * 100000, random.randint(10, 900), random.choice([128, 256, 512, 1024, 2048]))
         for _ in range(100000)]
for n in (1000, 100000):
    with open(f"{sys.argv[1]}/s{n}.jsonl", "w") as f:
        f.write("\n".join(lines[:n]) + "\n")
EOF

failed=0
# same NAME FILE FILE: the two outputs must be byte for byte the same.
same() {
  if cmp -s "$2" "$3"; then
    echo "same bytes: $1"
  else
    echo "DIFFERENT: $1" >&2
    failed=1
  fi
}

# peak KIND N FORMAT BINARY OUT: runs one measured command, prints its peak RSS in KB.
peak() {
  local kind=$1 n=$2 format=$3 bin=$4 out=$5
  if [[ $kind == curve ]]; then
    /usr/bin/time -f %M -o "$T/rss" "$bin" curve --points "$n" --format "$format" >"$out"
  else
    /usr/bin/time -f %M -o "$T/rss" "$bin" crossover --scenario - --offering aws.lambda.arm \
      --offering aws.ec2.m7g.large --format "$format" <"$T/s$n.jsonl" >"$out"
  fi
  tail -n 1 "$T/rss"
}

echo "== curve --points 1000000 --format csv against seq of the same bytes"
"$BIN" curve --points 1000000 --format csv >"$T/curve.csv"
bytes=$(stat -c %s "$T/curve.csv")
# seq 1 N writes (digits + newline) per number: the smallest N reaching the curve's size.
n=$(python3 -c "
target = $bytes
total, n, digits = 0, 0, 1
while True:
    first, last = 10 ** (digits - 1), 10 ** digits - 1
    block = (last - first + 1) * (digits + 1)
    if total + block >= target:
        n = first - 1 + -(-(target - total) // (digits + 1))
        break
    total += block
    digits += 1
print(n)")
seq_bytes=$(seq 1 "$n" | wc -c)
echo "curve: $bytes bytes; seq 1 $n: $seq_bytes bytes"
commands=("$BIN curve --points 1000000 --format csv" "seq 1 $n")
[[ -n $BASE ]] && commands+=("$BASE curve --points 1000000 --format csv")
hyperfine -N --warmup 1 --runs "$RUNS" "${commands[@]}"
if [[ -n $BASE ]]; then
  "$BASE" curve --points 1000000 --format csv >"$T/base.csv"
  same "curve --points 1000000 --format csv" "$T/curve.csv" "$T/base.csv"
fi

echo
echo "== peak RSS (KB, /usr/bin/time -f %M)"
printf '%-44s %12s %12s\n' "command" "this" "baseline"
for kind in curve crossover; do
  if [[ $kind == curve ]]; then sizes=(1000 1000000); else sizes=(1000 100000); fi
  for format in $FORMATS; do
    for size in "${sizes[@]}"; do
      if [[ $kind == curve ]]; then
        what="curve --points $size --format $format"
      else
        what="crossover --scenario - ($size) --format $format"
      fi
      ours=$(peak "$kind" "$size" "$format" "$BIN" "$T/ours.out")
      theirs=-
      if [[ -n $BASE ]]; then
        theirs=$(peak "$kind" "$size" "$format" "$BASE" "$T/base.out")
        same "$what" "$T/ours.out" "$T/base.out" >/dev/null
      fi
      printf '%-44s %12s %12s\n' "$what" "$ours" "$theirs"
    done
  done
done
if [[ -n $BASE ]]; then
  [[ $failed -eq 0 ]] && echo "every output above: the same bytes from both binaries"
fi
exit "$failed"
