# Shared by the end-to-end scripts in this folder: checks the arguments (the binary, the
# repository root), sets BIN, ROOT, ESC and a temporary folder T removed on exit, a predictable
# environment, the pass/fail counters and `run`. Source it after `set -u`, with NAME set to a
# word for the temporary folder.

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <path-to-breakeven> <repo-root>" >&2
  exit 2
fi
if [[ ! -x $1 || -d $1 ]]; then
  echo "$0: $1 is not an executable file" >&2
  exit 2
fi
if [[ ! -d $2/examples/scenarios ]]; then
  echo "$0: $2 does not look like the breakeven repository (no examples/scenarios)" >&2
  exit 2
fi

BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$2" && pwd)"
ESC=$'\x1b'

T="$(mktemp -d "${TMPDIR:-/tmp}/breakeven-$NAME-tests.XXXXXX")" || exit 2
trap 'rm -rf "$T"' EXIT

# Run with a predictable environment: no colour preference, no terminal type inherited.
unset NO_COLOR
export TERM=xterm
export LC_ALL=C

passed=0
failed=0

pass() {
  passed=$((passed + 1))
  echo "ok - $1"
}

# fail NAME REASON [DETAIL...]: the reason on the same line, details indented below it.
fail() {
  failed=$((failed + 1))
  echo "not ok - $1: $2"
  shift 2
  local detail
  for detail in "$@"; do
    sed 's/^/    /' <<<"$detail"
  done
}

# run [args...]: the binary from the repository root, at most 60 s, stdin from $RUN_STDIN or
# /dev/null; stdout in $T/out, stderr in $T/err, exit code in $rc (124 for a timeout).
rc=0
run() {
  (cd "$ROOT" && timeout 60 "$BIN" "$@") <"${RUN_STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
  rc=$?
}
