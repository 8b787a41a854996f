#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing (apt-get, only
# when missing), builds, then runs.
#
#   scripts/dev.sh demo    build, then `breakeven compare` on examples/scenarios/api.json
#   scripts/dev.sh test    build and run the whole test suite: the default build, then the
#                          AddressSanitizer + UndefinedBehaviorSanitizer build
#   scripts/dev.sh build   build only (preset `default`; BREAKEVEN_PRESET=release to change)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly packages=(cmake make g++ libcli11-dev nlohmann-json3-dev libfmt-dev catch2 jq libxml2-utils nodejs node-ajv)
jobs=$(nproc 2>/dev/null || echo 2)

install_missing() {
  local missing=() p
  for p in "${packages[@]}"; do
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
*)
  echo "usage: scripts/dev.sh demo|test|build" >&2
  exit 2
  ;;
esac
