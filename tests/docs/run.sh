#!/usr/bin/env bash
# Keeps the man page (man/breakeven.1) and the bash completion (completions/breakeven.bash)
# in step with `--help`: every option a command's help lists must be in both, and every option
# they mention must exist. Also drives the completion function as bash would, and runs every
# command README.md shows in a console block against the output README shows.
# Usage: tests/docs/run.sh <path-to-breakeven> <repo-root>
# With UPDATE_README=1, README.md's console blocks are rewritten with the real output instead
# (after a deliberate change to output; review with `git diff README.md`).
set -u
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT=$2
MAN="$ROOT/man/breakeven.1"
COMPLETION="$ROOT/completions/breakeven.bash"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

# Options as --help lists them (option lines only, not the examples in the footer).
options_of() { "$BIN" "$@" --help | grep -oE '^ +(-[a-z],)?--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }
man_text="$(sed 's/\\-/-/g' "$MAN")"
all_help=""
for command in "" compare curve crossover check advise "pricing" "pricing list" "pricing show" "pricing validate"; do
  # shellcheck disable=SC2086
  for option in $(options_of $command); do
    all_help+="$option"$'\n'
    label="${command:-breakeven} $option"
    grep -q -- "$option\b" <<<"$man_text" && ok "man page documents $label" || not_ok "man page lacks $label"
    grep -q -- "$option\b" "$COMPLETION" && ok "completion offers $label" || not_ok "completion lacks $label"
  done
done
for option in $(grep -oE -- '--[a-z][a-z0-9-]+' <<<"$man_text" | sort -u) $(grep -oE -- '--[a-z][a-z0-9-]+' "$COMPLETION" | sort -u); do
  grep -qx -- "$option" <<<"$all_help" || not_ok "$option is documented or completed but no --help lists it"
done
for command in compare curve crossover check advise pricing; do
  grep -q "^\.B $command\b\|^\.B pricing" "$MAN" && ok "man page has a section for $command" || not_ok "man page lacks $command"
done

# Drive the completion function.
complete_line() { # complete_line WORDS...: prints the candidates for the last word
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
    breakeven() { "$BREAKEVEN_BIN" "$@"; }
    _breakeven
    printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETION" "$@"
}
export BREAKEVEN_BIN=$BIN
[[ "$(complete_line breakeven cro | tr '\n' ' ')" == "crossover " ]] && ok "completes a command" || not_ok "completes a command"
complete_line breakeven compare --offering aws.lambda. | grep -qx aws.lambda.arm && ok "completes offering ids" ||
  not_ok "completes offering ids"
[[ "$(complete_line breakeven curve --format s | tr '\n' ' ')" == "svg " ]] && ok "completes formats" || not_ok "completes formats"
complete_line breakeven check --max | grep -qx -- --max-monthly-cost && ok "completes command options" ||
  not_ok "completes command options"
# Every command README shows in a ```console block prints exactly what README says it prints
# (stdout and stderr, from the repository root): the README cannot fall behind the binary.
readme_check() {
  local command=$1 expected=$2 actual
  actual="$(cd "$ROOT" && eval "\"$BIN\" ${command#breakeven }" 2>&1)"
  if [[ ${UPDATE_README:-} == 1 ]]; then
    [[ -n $actual ]] && readme+=("$actual")
    ok "README output updated for: $command"
  elif [[ $actual == "$expected" ]]; then
    ok "README shows the real output of: $command"
  else
    not_ok "README shows the real output of: $command"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | sed 's/^/    /' | head -n 20
  fi
}
in_console=0
command=""
expected=""
readme=() # the README as it would be with real output (UPDATE_README=1)
while IFS= read -r line; do
  if [[ $in_console == 0 ]]; then
    readme+=("$line")
    [[ $line == '```console' ]] && in_console=1
    continue
  fi
  if [[ $line == '```' || $line == '$ '* ]]; then
    [[ -n $command ]] && readme_check "$command" "$expected"
    readme+=("$line")
    command=""
    expected=""
    if [[ $line == '```' ]]; then
      in_console=0
    else
      command=${line#'$ '}
    fi
    continue
  fi
  expected+="${expected:+$'\n'}$line"
done <"$ROOT/README.md"
if [[ ${UPDATE_README:-} == 1 ]]; then
  printf '%s\n' "${readme[@]}" >"$ROOT/README.md.new" && mv "$ROOT/README.md.new" "$ROOT/README.md"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
