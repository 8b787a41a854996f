# Shared by the end-to-end scripts in this folder: checks the arguments (the binary, the
# repository root), sets BIN, ROOT, ESC and a temporary folder T removed on exit, a predictable
# environment, the pass/fail counters, `run`, `show_run`, and `bad`/`expect_error` for bad
# input. Source it after `set -u`, with NAME set to a word for the temporary folder.

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

# What a failed command printed, for reasons (bounded: a runaway output stays readable).
show_run() {
  printf 'exit code %s\nstderr: %s\nstdout (first 5 lines):\n%s' "$rc" "$(head -c 2000 "$T/err")" \
    "$(head -n 5 "$T/out" | head -c 2000)"
}

# bad NAME [-i STDIN_FILE] [-f FRAGMENT]... -- args...: runs the binary and checks it failed as
# bad input must (expect_error).
bad() {
  local name="bad input: $1"
  shift
  local input=/dev/null fragments=()
  while [[ $# -gt 0 && $1 != -- ]]; do
    case $1 in
    -i) input=$2; shift 2 ;;
    -f) fragments+=("$2"); shift 2 ;;
    *) fail "$name" "test bug: unexpected option $1"; return ;;
    esac
  done
  shift
  RUN_STDIN=$input run "$@"
  expect_error "$name" "${fragments[@]}" -- "$@"
}

# expect_error NAME [FRAGMENT]... -- args...: the run just made (rc, $T/out, $T/err) failed as
# bad input must: exit code 2, nothing on stdout, one line on stderr mentioning every FRAGMENT.
expect_error() {
  local name=$1 fragments=()
  shift
  while [[ $# -gt 0 && $1 != -- ]]; do
    fragments+=("$1")
    shift
  done
  shift
  local err reasons=()
  err="$(head -c 2000 "$T/err")"
  [[ $rc -eq 2 ]] || reasons+=("exit code $rc, expected 2")
  [[ -s $T/out ]] && reasons+=("stdout is not empty: $(head -c 300 "$T/out")")
  local lines
  lines="$(wc -l <"$T/err")"
  if [[ $lines -ne 1 || -n "$(tail -c 1 "$T/err")" ]]; then
    reasons+=("stderr is not exactly one line ($lines newlines)")
  fi
  [[ $err == "breakeven: error: "* ]] || reasons+=("stderr does not start with \"breakeven: error: \"")
  local fragment
  for fragment in "${fragments[@]}"; do
    [[ $err == *"$fragment"* ]] || reasons+=("stderr does not mention \"$fragment\"")
  done
  if [[ ${#reasons[@]} -eq 0 ]]; then
    pass "$name"
  else
    fail "$name" "breakeven $*" "${reasons[@]}" "stderr: $err"
  fi
}
