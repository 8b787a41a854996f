#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing (apt-get, only
# when missing), builds, then runs.
#
#   scripts/dev.sh demo    build, then `breakeven compare` on examples/scenarios/api.json
#   scripts/dev.sh test    build and run the whole test suite: the default build, then the
#                          AddressSanitizer + UndefinedBehaviorSanitizer build
#   scripts/dev.sh build   build only (preset `default`; BREAKEVEN_PRESET=release to change)
#   scripts/dev.sh fuzz [SECONDS]
#                          build the libFuzzer harnesses (preset `fuzz`, clang) and run each for
#                          SECONDS (default 60) on a copy of its corpus; fails on any finding
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The tests also build the Debian packages (dpkg-dev: dpkg-shlibdeps; file: CPack finds the ELF
# files with it) and drive the zsh and fish completions.
# chromium: the html_in_browser test opens the report page (--format html) headless.
readonly packages=(cmake make g++ libcli11-dev nlohmann-json3-dev libfmt-dev catch2 jq libxml2-utils nodejs node-ajv
  dpkg-dev file zsh fish chromium)
# Only for `fuzz`: clang, its libFuzzer/sanitizer runtimes (and FuzzedDataProvider.h), and
# llvm-symbolizer for readable stacks.
readonly fuzz_packages=(clang libclang-rt-14-dev llvm-14)
readonly fuzzers=(fuzz_rate_table fuzz_scenario fuzz_budget fuzz_baseline fuzz_cost_model fuzz_import fuzz_json)
jobs=$(nproc 2>/dev/null || echo 2)

# Installs whichever of the packages (and any given as arguments) are missing.
install_missing() {
  local missing=() p
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} > 0)); then
    echo "dev.sh: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

build() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
}

# Runs each harness for $1 seconds, one at a time, on a copy of its committed corpus under
# build/fuzz/run/ (the copy keeps what earlier runs found; fuzz/corpus/ is never written).
# Crashes, leaks, timeouts and OOMs are saved to build/fuzz/run/findings/<harness>/.
run_fuzzers() {
  local seconds=$1 run=build/fuzz/run harness failed=()
  [ -d /usr/lib/llvm-14/bin ] && export PATH="/usr/lib/llvm-14/bin:$PATH" # llvm-symbolizer
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
  for harness in "${fuzzers[@]}"; do
    local corpus="$run/corpus/$harness" findings="$run/findings/$harness" log="$run/$harness.log"
    mkdir -p "$corpus" "$findings"
    cp -R "fuzz/corpus/$harness/." "$corpus/"
    local options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
      -artifact_prefix="$findings/")
    [ "$harness" = fuzz_cost_model ] || options+=(-dict=fuzz/json.dict) # its input is not JSON
    # In CI a fixed seed makes a run repeatable (as far as a time limit allows): a finding there
    # is a regression to look at, not a dice roll. Locally each run explores afresh.
    [ -z "${CI:-}" ] || options+=(-seed=1)
    local marker="$run/.started-$harness"
    touch "$marker"
    echo "== fuzz: $harness for ${seconds}s (log: $log)" >&2
    if "build/fuzz/fuzz/$harness" "${options[@]}" "$corpus" >"$log" 2>&1; then
      grep -E '^stat::(number_of_executed_units|average_exec_per_sec)|^#[0-9]+.*DONE' "$log" >&2 || true
      continue
    fi
    failed+=("$harness")
    # The report: from the first sanitizer, libFuzzer or invariant message on.
    { sed -n '/^==[0-9]*== *ERROR\|^fuzz invariant broken\|runtime error:\|^terminate called\|^ERROR: libFuzzer/,$p' "$log" |
      grep -vE ' in (fuzzer::|__sanitizer_print_stack_trace|__libc_start|_start |main )' | head -n 50 >&2; } || true
    local artifact found=0
    while IFS= read -r artifact; do
      found=1
      echo "dev.sh: $harness: finding saved to $artifact" >&2
      echo "dev.sh:   reproduce: build/fuzz/fuzz/$harness $artifact" >&2
      if [ "$(stat -c %s "$artifact")" -le 4096 ]; then
        echo "dev.sh:   base64: $(base64 -w0 "$artifact")" >&2
      fi
    done < <(find "$findings" -type f -newer "$marker" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
      -o -name 'oom-*' \) | sort)
    ((found)) || tail -n 20 "$log" >&2
  done
  if ((${#failed[@]} > 0)); then
    echo "dev.sh: fuzz: findings in ${failed[*]} (see above; README.md, Fuzzing)" >&2
    return 1
  fi
}

case "${1:-}" in
demo)
  install_missing
  build "${BREAKEVEN_PRESET:-default}" >/dev/null
  "build/${BREAKEVEN_PRESET:-default}/breakeven" compare --scenario examples/scenarios/api.json
  ;;
test)
  install_missing
  for preset in default asan-ubsan; do
    echo "== $preset: build" >&2
    build "$preset"
    echo "== $preset: test" >&2
    ctest --preset "$preset" -j "$jobs"
  done
  ;;
build)
  install_missing
  build "${BREAKEVEN_PRESET:-default}"
  ;;
fuzz)
  seconds=${2:-60}
  if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: scripts/dev.sh fuzz [SECONDS]   (seconds per harness, default 60)" >&2
    exit 2
  fi
  install_missing "${fuzz_packages[@]}"
  echo "== fuzz: build" >&2
  build fuzz
  echo "== fuzz: built in ${SECONDS}s" >&2
  run_fuzzers "$seconds"
  echo "== fuzz: done in ${SECONDS}s" >&2
  ;;
*)
  echo "usage: scripts/dev.sh demo|test|build|fuzz [SECONDS]" >&2
  exit 2
  ;;
esac
