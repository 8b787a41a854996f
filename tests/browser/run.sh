#!/usr/bin/env bash
# The report page (--format html) in a real browser: for one small case of each command that
# writes it (compare, curve, crossover, advise), priced from the test tables
# (tests/fixtures/stale/dated.json), the page the binary writes is opened in headless Chromium:
#   - it loads with no console message (the page's Content-Security-Policy turns any attempt to
#     fetch something into one, and a broken page logs errors);
#   - screenshots at 390 px (a phone) and 1280 px wide are not blank;
#   - every figure in the DOM Chromium built (data-json / data-value) equals the number
#     --format json writes at that pointer;
#   - --print-to-pdf writes a PDF.
# Skipped (exit 77) when Chromium is not installed; Node (tests/browser/check.js) does the checks.
# With KEEP=DIR the pages, screenshots and PDFs are kept in DIR, to look at.
#
#   bash tests/browser/run.sh build/default/breakeven .

set -u
NAME=browser
# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"

chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z $chromium_bin ]]; then
  echo "SKIP: chromium is not installed (Debian: apt-get install chromium; scripts/dev.sh installs it)"
  exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "not ok - node available: tests/browser/check.js needs Node (Debian: nodejs)"
  exit 1
fi
CHECK="$ROOT/tests/browser/check.js"
OUT="${KEEP:-$T/pages}"
mkdir -p "$OUT"
export BREAKEVEN_TODAY=2026-11-28 # dated.fn is stale on this day: the page names it

# browser OUTPUT_FLAG... -- URL: headless Chromium, at most 60 s, its own profile, its log in
# $T/log (console messages are its ":CONSOLE" lines).
browser() {
  local flags=()
  while [[ $1 != -- ]]; do
    flags+=("$1")
    shift
  done
  shift
  rm -rf "$T/profile"
  timeout -k 5 60 "$chromium_bin" --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
    --disable-extensions --hide-scrollbars --user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
    "${flags[@]}" "$1" >"$T/stdout" 2>"$T/log"
}

console_messages() {
  grep -E ':CONSOLE' "$T/log" | head -n 5
}

# The harness can fail: a page that fetches a stylesheet against its own policy logs a message.
cat >"$T/bad.html" <<'HTML'
<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<link rel="stylesheet" href="https://example.invalid/x.css"></head><body><p>x</p></body></html>
HTML
browser --dump-dom -- "file://$T/bad.html"
if [[ -n "$(console_messages)" ]]; then
  pass "a page that breaks its policy logs a console message (the check below can fail)"
else
  fail "a page that breaks its policy logs a console message" "no :CONSOLE line in Chromium's log" \
    "$(grep -v dbus "$T/log" | tail -n 5)"
fi

dated=(--pricing tests/fixtures/stale/dated.json)
# page NAME MIN_FIGURES ARGS...: the command's page and its JSON, then every check.
page() {
  local name=$1 min=$2
  shift 2
  run "${dated[@]}" "$@" --format json
  if [[ $rc -ne 0 ]]; then
    fail "$name: --format json" "$(show_run)"
    return
  fi
  cp "$T/out" "$OUT/$name.json"
  run "${dated[@]}" "$@" --format html
  if [[ $rc -ne 0 ]]; then
    fail "$name: --format html" "$(show_run)"
    return
  fi
  cp "$T/out" "$OUT/$name.html"
  local url="file://$OUT/$name.html"

  browser --dump-dom -- "$url"
  local rc_browser=$?
  cp "$T/stdout" "$OUT/$name.dom.html"
  if [[ $rc_browser -ne 0 || ! -s $OUT/$name.dom.html ]]; then
    fail "$name: Chromium loads the page" "exit $rc_browser" "$(grep -v dbus "$T/log" | tail -n 5)"
    return
  fi
  local messages
  messages="$(console_messages)"
  [[ -z $messages ]] && pass "$name: the page loads with no console message" ||
    fail "$name: the page loads with no console message" "$messages"
  if grep -q '<section id="answer' "$OUT/$name.dom.html" && node "$CHECK" figures "$OUT/$name.dom.html" \
    "$OUT/$name.json" "$min" >"$T/check" 2>&1; then
    pass "$name: the DOM's figures are --format json's ($(cat "$T/check"))"
  else
    fail "$name: the DOM's figures are --format json's" "$(cat "$T/check")"
  fi

  local width
  for width in 390 1280; do
    browser --screenshot="$OUT/$name-$width.png" --window-size="$width,1800" -- "$url"
    if node "$CHECK" png "$OUT/$name-$width.png" >"$T/check" 2>&1; then
      pass "$name: a screenshot $width px wide is not blank ($(cat "$T/check"))"
    else
      fail "$name: a screenshot $width px wide is not blank" "$(cat "$T/check")" "$(grep -v dbus "$T/log" | tail -n 3)"
    fi
  done

  browser --print-to-pdf="$OUT/$name.pdf" --no-pdf-header-footer -- "$url"
  if node "$CHECK" pdf "$OUT/$name.pdf" >"$T/check" 2>&1; then
    pass "$name: prints to PDF ($(cat "$T/check"))"
  else
    fail "$name: prints to PDF" "$(cat "$T/check")" "$(grep -v dbus "$T/log" | tail -n 3)"
  fi
}

page compare 8 compare --offering dated.fn --offering dated.vm --offering dated.k8s --requests 30M \
  --duration-ms 100 --memory-mb 512
page curve 40 curve --offering dated.fn --offering dated.vm --requests 30M --duration-ms 100 --memory-mb 512 \
  --points 20 --to 100M
page crossover 4 crossover --offering dated.fn --offering dated.vm --duration-ms 100 --memory-mb 512
page advise 3 advise --offering dated.fn --offering dated.vm --offering dated.k8s --requests 30M \
  --duration-ms 100 --memory-mb 512

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
