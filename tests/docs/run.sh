#!/usr/bin/env bash
# Keeps the man page (man/breakeven.1) and the bash, zsh and fish completions (completions/)
# in step with `--help`: every option a command's help lists must be in each, and every option
# they mention must exist. Also drives the completion functions as each shell would (zsh's
# with its completion builtins stubbed: zsh cannot complete without a terminal), and runs every
# command README.md shows in a console block against the output README shows.
# Usage: tests/docs/run.sh <path-to-breakeven> <repo-root>
# With UPDATE_README=1, README.md's console blocks are rewritten with the real output instead
# (after a deliberate change to output; review with `git diff README.md`).
set -u
# The blocks show what the commands print as written, run by a script (a pipe or a file, no
# COLUMNS): whole lines. A terminal, or COLUMNS when set, wraps the tables to its width instead,
# so a command whose lines are long sets COLUMNS=80 itself in README.md ("$ COLUMNS=80
# breakeven ..."): its block is the same wherever it is run.
unset COLUMNS
# "Today" is the day README's blocks were last run, so that they show what a user saw that day,
# stale-price warnings included (every pricing command warns about each offering and component it
# used whose prices are over a year old, "N days old"), and stay true the day after. Move it
# forward when refreshing the blocks (UPDATE_README=1). The freshness gate itself is
# `breakeven pricing validate bundled --max-age 365`, which exits 1 naming each stale price.
export BREAKEVEN_TODAY=2026-11-29
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT=$2
MAN="$ROOT/man/breakeven.1"
COMPLETION="$ROOT/completions/breakeven.bash"
ZSH_COMPLETION="$ROOT/completions/_breakeven"
FISH_COMPLETION="$ROOT/completions/breakeven.fish"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

# Options as --help lists them (option lines only, not the examples in the footer).
options_of() { "$BIN" "$@" --help | grep -oE '^ +(-[a-z],)?--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }
man_text="$(sed 's/\\-/-/g' "$MAN")"
# The options the zsh and fish completions declare (not those their descriptions mention).
zsh_options="$(grep -oE -- "--[a-z][a-z0-9-]*(\[|\})" "$ZSH_COMPLETION" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)"
fish_options="$(grep '^complete ' "$FISH_COMPLETION" | grep -oE -- " -l [a-z][a-z0-9-]*" | sed 's/ -l /--/' | sort -u)"
all_help=""
for command in "" compare curve crossover check advise "pricing" "pricing list" "pricing show" "pricing validate" "pricing diff" "pricing import"; do
  # shellcheck disable=SC2086
  for option in $(options_of $command); do
    all_help+="$option"$'\n'
    label="${command:-breakeven} $option"
    grep -q -- "$option\b" <<<"$man_text" && ok "man page documents $label" || not_ok "man page lacks $label"
    grep -q -- "$option\b" "$COMPLETION" && ok "completion offers $label" || not_ok "completion lacks $label"
    grep -qx -- "$option" <<<"$zsh_options" && ok "zsh completion offers $label" || not_ok "zsh completion lacks $label"
    grep -qx -- "$option" <<<"$fish_options" && ok "fish completion offers $label" || not_ok "fish completion lacks $label"
  done
done
for option in $(grep -oE -- '--[a-z][a-z0-9-]+' <<<"$man_text" | sort -u) $(grep -oE -- '--[a-z][a-z0-9-]+' "$COMPLETION" | sort -u) \
  $(grep -oE -- '--[a-z][a-z0-9-]+' "$ZSH_COMPLETION" "$FISH_COMPLETION" | cut -d: -f2 | sort -u) $fish_options; do
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
# Drive the zsh completion: for each command, the options _breakeven hands _arguments are the
# ones its --help lists plus the global ones (--pricing, --format, ...), no more, no fewer.
zsh_specs() { # zsh_specs WORDS...: the specs _breakeven gives _arguments completing the last word
  zsh -f -c '
    compdef() { :; }
    _arguments() { printf "%s\n" "$@"; }
    source "$1"; shift
    words=("$@"); CURRENT=$#
    _breakeven' _ "$ZSH_COMPLETION" "$@"
}
fish_complete() { # fish_complete LINE: the candidates fish offers at the end of LINE
  fish --no-config -c 'function breakeven; $BREAKEVEN_BIN $argv; end; source $argv[1]; complete -C $argv[2]' \
    "$FISH_COMPLETION" "$1" | cut -f1
}
zsh -n "$ZSH_COMPLETION" && ok "zsh reads the zsh completion" || not_ok "zsh reads the zsh completion"
fish -n "$FISH_COMPLETION" && ok "fish reads the fish completion" || not_ok "fish reads the fish completion"
global_options="$(options_of)"
for command in compare curve crossover check advise; do
  expected="$(sort -u <(options_of "$command") <(echo "$global_options"))"
  actual="$(zsh_specs breakeven "$command" -- | sed -E 's/^\([^)]*\)//; s/^\*//' | grep -oE -- '^--[a-z][a-z0-9-]*' | sort -u)"
  [[ $actual == "$expected" ]] && ok "zsh completes exactly the options of $command" || {
    not_ok "zsh completes exactly the options of $command (< --help, > completion)"
    diff <(echo "$expected") <(echo "$actual") | grep '^[<>]' | sed 's/^/    /'
  }
  actual="$(fish_complete "breakeven $command --" | sort -u)"
  [[ $actual == "$expected" ]] && ok "fish completes exactly the options of $command" || {
    not_ok "fish completes exactly the options of $command (< --help, > completion)"
    diff <(echo "$expected") <(echo "$actual") | grep '^[<>]' | sed 's/^/    /'
  }
done
zsh_specs breakeven "" | grep -qx '1:command:_breakeven_commands' && ok "zsh completes a command" ||
  not_ok "zsh completes a command"
zsh_specs breakeven pricing show "" | grep -qx '3:offering or component id:_breakeven_offerings' &&
  ok "zsh completes pricing show's id" || not_ok "zsh completes pricing show's id"
zsh_specs breakeven curve --format "" | grep -q -- '^--format\[.*:(table csv tsv json jsonl markdown svg html)$' &&
  ok "zsh completes formats" || not_ok "zsh completes formats"
[[ "$(fish_complete "breakeven cro" | tr '\n' ' ')" == "crossover " ]] && ok "fish completes a command" ||
  not_ok "fish completes a command"
[[ "$(fish_complete "breakeven pricing " | tr '\n' ' ')" == "diff import list show validate " ]] && ok "fish completes pricing's commands" ||
  not_ok "fish completes pricing's commands"
fish_complete "breakeven compare --offering aws.lambda." | grep -qx aws.lambda.arm && ok "fish completes offering ids" ||
  not_ok "fish completes offering ids"
fish_complete "breakeven pricing show aws.lambda." | grep -qx aws.lambda.arm && ok "fish completes pricing show's id" ||
  not_ok "fish completes pricing show's id"
[[ "$(fish_complete "breakeven curve --format s" | tr '\n' ' ')" == "svg " ]] && ok "fish completes formats" ||
  not_ok "fish completes formats"
[[ "$(fish_complete "breakeven advise --team vm,k" | tr '\n' ' ')" == "vm,kubernetes " ]] && ok "fish completes a --team list" ||
  not_ok "fish completes a --team list"
# Every command README.md and examples/*.md show in a ```console block prints exactly what they
# say it prints (stdout and stderr, from the repository root, `breakeven` being the binary under
# test; a command may run over several lines ending in \ and pipe into other tools): the docs
# cannot fall behind the binary.
breakeven() { "$BIN" "$@"; }
console_check() { # console_check FILE COMMAND EXPECTED
  local file=$1 command=$2 expected=$3 actual
  actual="$(cd "$ROOT" && eval "$command" 2>&1)"
  if [[ ${UPDATE_README:-} == 1 ]]; then
    [[ -n $actual ]] && updated+=("$actual")
    ok "$file output updated for: $command"
  elif [[ $actual == "$expected" ]]; then
    ok "$file shows the real output of: $command"
    # The same wherever it is run: a reader's COLUMNS must not change it (a command whose
    # lines are long sets its own).
    [[ "$(cd "$ROOT" && export COLUMNS=61 && eval "$command" 2>&1)" == "$actual" ]] &&
      ok "$file shows output independent of COLUMNS for: $command" ||
      not_ok "$file shows output that COLUMNS changes for: $command (set COLUMNS=80 in the command)"
  else
    not_ok "$file shows the real output of: $command"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | sed 's/^/    /' | head -n 20
  fi
}
check_console_blocks() { # check_console_blocks FILE (relative to the repository root)
  local file=$1 line in_console=0 command="" expected="" continued=0
  updated=() # the file as it would be with real output (UPDATE_README=1)
  while IFS= read -r line; do
    if [[ $in_console == 0 ]]; then
      updated+=("$line")
      [[ $line == '```console' ]] && in_console=1
      continue
    fi
    if [[ $continued == 1 ]]; then # a line of the command, after a \
      updated+=("$line")
      command+=$'\n'"$line"
      [[ $line == *\\ ]] || continued=0
      continue
    fi
    if [[ $line == '```' || $line == '$ '* ]]; then
      [[ -n $command ]] && console_check "$file" "$command" "$expected"
      updated+=("$line")
      command=""
      expected=""
      if [[ $line == '```' ]]; then
        in_console=0
      else
        command=${line#'$ '}
        [[ $line == *\\ ]] && continued=1
      fi
      continue
    fi
    expected+="${expected:+$'\n'}$line"
  done <"$ROOT/$file"
  if [[ ${UPDATE_README:-} == 1 ]]; then
    printf '%s\n' "${updated[@]}" >"$ROOT/$file.new" && mv "$ROOT/$file.new" "$ROOT/$file"
  fi
}
check_console_blocks README.md
for example in "$ROOT"/examples/*.md; do
  check_console_blocks "examples/$(basename "$example")"
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
