#!/usr/bin/env bash
# End-to-end tests of the breakeven CLI: golden outputs, JSON invariants, published pricing
# examples, bad input, output/colour/version/help behaviour and the embedded rate tables.
#
# Usage:
#   tests/cli/run.sh <path-to-breakeven> <repo-root>
#
# Prints one line per case (`ok - name` or `not ok - name` followed by the reason or a diff),
# then `N passed, M failed`; exits 1 if any case failed. Needs bash and jq; no network.
#
# Golden files live in tests/golden/. After a deliberate change to prices or output, regenerate
# them, read the diff (every changed number should be explainable) and commit them:
#
#   cmake --build --preset default
#   UPDATE_GOLDEN=1 tests/cli/run.sh build/default/breakeven .
#   git diff tests/golden/
#
# With UPDATE_GOLDEN=1 the golden cases rewrite their files instead of comparing; every other
# case still runs and checks as usual.

set -u
unset COLUMNS # tables fit COLUMNS when it is set; the goldens have whole lines
# Outputs that do not change with the calendar: "today" for the freshness checks (compare's
# warning about prices over a year old, pricing validate --max-age) is this day, on which no
# bundled price was over a year old.
export BREAKEVEN_TODAY=2025-07-01

NAME=cli
# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
GOLDEN="$ROOT/tests/golden"
SCENARIOS="$ROOT/examples/scenarios"
UPDATE="${UPDATE_GOLDEN:-0}"


have_jq=1
if ! command -v jq >/dev/null 2>&1; then
  have_jq=0
  fail "jq available" "jq is not installed (Debian: apt-get install jq); the JSON cases are not run"
fi

# ---------------------------------------------------------------------------------------------
# a. Golden files
# ---------------------------------------------------------------------------------------------

# golden NAME FILE args...: the command must succeed silently on stderr, and its stdout must
# equal tests/golden/FILE (or, with UPDATE_GOLDEN=1, becomes it).
golden() {
  local name="golden $1" file="$GOLDEN/$2"
  shift 2
  run "$@"
  if [[ $rc -ne 0 || -s $T/err ]]; then
    fail "$name" "command failed: breakeven $*" "$(show_run)"
    return
  fi
  if [[ $UPDATE == 1 ]]; then
    mkdir -p "$GOLDEN"
    cp "$T/out" "$file"
    pass "$name (golden file updated)"
    return
  fi
  if [[ ! -f $file ]]; then
    fail "$name" "missing golden file ${file#"$ROOT"/} (run with UPDATE_GOLDEN=1 to create it)"
    return
  fi
  if cmp -s "$file" "$T/out"; then
    pass "$name"
  else
    fail "$name" "output differs from ${file#"$ROOT"/} (breakeven $*)" \
      "$(diff -u --label expected --label actual "$file" "$T/out" | head -n 60)"
  fi
}

scenario_names=()
for path in "$SCENARIOS"/*.json; do
  scenario_names+=("$(basename "$path" .json)")
done
if [[ ${#scenario_names[@]} -eq 0 ]]; then
  fail "example scenarios" "no examples/scenarios/*.json found"
fi

for s in "${scenario_names[@]}"; do
  rel="examples/scenarios/$s.json"
  golden "compare $s table" "compare-$s.txt" compare --scenario "$rel" --color never
  golden "compare $s csv" "compare-$s.csv" compare --scenario "$rel" --format csv
  golden "compare $s json" "compare-$s.json" compare --scenario "$rel" --format json
  golden "compare $s markdown" "compare-$s.md" compare --scenario "$rel" --format markdown
  golden "compare $s breakdown" "compare-$s-breakdown.txt" compare --scenario "$rel" --breakdown --color never
done
# The GPU scenario against what it is meant to be compared with: serverless GPUs and GPU VMs.
golden "compare gpu-inference modal vs GPU VMs" "compare-gpu-inference-gpus.txt" \
  compare --scenario examples/scenarios/gpu-inference.json --offering 'modal.*' --offering 'aws.ec2.g*' \
  --offering 'aws.ec2.p*' --breakdown --color never
# advise: a latency target with cold starts and hardware isolation, a 20-minute batch job (every
# function ruled out by its limit), and a portfolio of three named workloads.
golden "advise latency and isolation" "advise-latency-isolation.txt" \
  advise --requests 20k --duration-ms 60 --memory-mb 512 --p99-ms 100 --cold-start-ms 300 --isolation hardware \
  --color never
golden "advise batch-20min json" "advise-batch-20min.json" advise --scenario examples/scenarios/batch-20min.json \
  --format json
RUN_STDIN=$SCENARIOS/portfolio.jsonl golden "advise portfolio markdown" "advise-portfolio.md" \
  advise --scenario - --team vm,containers,serverless --format markdown
# Traffic profiles: the breakdown starts with the profile (rates alone, a shape with --requests)
# and says under each offering what runs in which hours.
golden "compare daily-spike profile breakdown" "compare-profile-daily-spike-breakdown.txt" \
  compare --scenario examples/profiles/daily-spike.json --offering aws.lambda.arm --offering aws.fargate.arm \
  --offering aws.ec2.m7g.large --offering gcp.cloudrun --breakdown --color never
golden "compare relative profile, autoscaled, breakdown" "compare-profile-relative-breakdown.txt" \
  compare --requests 300M --profile 8h@1,10h@3,6h@1 --scaling autoscaled --offering aws.eks \
  --offering aws.ec2.m7g.large --offering azure.containerapps --breakdown --color never
# Time: AWS's provisioned-concurrency example ($32.26), a weekday schedule, the load model for
# provisioned concurrency with cold starts priced, kept-warm Cloud Run instances, and a
# crossover whose pair ends where --max-instances does.
golden "compare provisioned concurrency, AWS example" "compare-provisioned-concurrency-aws-example.txt" \
  compare --requests 2M --memory-mb 4096 --duration-ms 280 --provisioned-concurrency 7 --provisioned-hours 24 \
  --provisioned-share 1 --offering aws.lambda.x86 --breakdown --color never
golden "compare weekday schedule" "compare-weekday-schedule-breakdown.txt" \
  compare --rps 5 --hours-per-day 12 --days-per-week 5 --start-hour 8 --duration-ms 100 --memory-mb 512 \
  --offering aws.ec2.m7g.large --offering aws.fargate.arm --offering aws.lambda.arm --breakdown --color never
golden "compare provisioned concurrency load model json" "compare-provisioned-concurrency-load.json" \
  compare --profile 4h@50,20h@2 --duration-ms 200 --memory-mb 1024 --provisioned-concurrency 10 --init-ms 400 \
  --offering aws.lambda.x86 --offering aws.lambda.arm --format json
golden "compare kept-warm instances" "compare-min-instances-breakdown.txt" \
  compare --rps 0.5 --duration-ms 200 --min-instances 2 --offering gcp.cloudrun --offering azure.containerapps \
  --offering gcp.cloudrun.instance --breakdown --color never
golden "crossover limited by max_instances" "crossover-max-instances.txt" \
  crossover --profile 4h@500,20h@5 --duration-ms 100 --memory-mb 512 --max-instances 5 --offering aws.lambda.x86 \
  --offering aws.fargate.x86 --color never
# Purchase options: every way to buy one VM, with each option's source; where a commitment
# beats a function for steady traffic.
golden "compare purchase options" "compare-purchase-options-breakdown.txt" \
  compare --rps 30 --duration-ms 100 --memory-mb 512 --offering 'gcp.gce.e2-standard-2@*' --offering gcp.gce.e2-standard-2 \
  --interruptible --breakdown --color never
golden "crossover commitment vs function" "crossover-commitment.txt" \
  crossover --duration-ms 100 --memory-mb 512 --offering aws.lambda.arm --offering gcp.gce.e2-standard-2@1y --color never
# The report page (--format html) of each command that writes it, priced from the test tables
# (tests/fixtures/stale/dated.json) so that a bundled price update cannot rewrite them; the page
# in a browser is tests/browser/run.sh.
html_case=(--pricing tests/fixtures/stale/dated.json --offering dated.fn --offering dated.vm --duration-ms 100
  --memory-mb 512)
golden "compare html" "compare-dated.html" compare "${html_case[@]}" --requests 30M --format html
golden "curve html" "curve-dated.html" curve "${html_case[@]}" --points 5 --to 100M --format html
golden "crossover html" "crossover-dated.html" crossover "${html_case[@]}" --format html
golden "advise html" "advise-dated.html" advise "${html_case[@]}" --requests 30M --format html
# Ranges: bands and P(CHEAPEST) (exact ends, then from samples), where a break-even falls in a
# ranged traffic and how it moves with a ranged duration, and a check held to the band's high end.
golden "compare ranges table" "compare-ranges.txt" \
  compare --requests 10M..50M --duration-ms 80..150 --memory-mb 512 --offering aws.lambda.arm --offering aws.fargate.arm \
  --offering aws.ec2.m7g.large --offering cloudflare.workers --samples 2000 --seed 7 --color never
golden "compare ranges csv, sampled band, uniform" "compare-ranges-concurrency.csv" \
  compare --requests 10M..50M --concurrency 10..80 --offering gcp.cloudrun --offering azure.containerapps \
  --offering aws.fargate.arm --samples 500 --distribution uniform --format csv
golden "compare ranges markdown" "compare-ranges.md" \
  compare --rps 5..20 --memory-mb 64..256 --offering cloudflare.workers --offering aws.lambda.arm --samples 1000 \
  --format markdown
golden "crossover ranges" "crossover-ranges.txt" \
  crossover --requests 10M..100M --duration-ms 80..150 --cpu-ms 20 --offering aws.lambda.arm \
  --offering aws.ec2.m7g.large --color never
golden "crossover ranges json" "crossover-ranges.json" \
  crossover --rps 2..20 --cpu-ms 20 --offering aws.lambda.arm --offering aws.ec2.m7g.large --format json
golden "check ranges at the high end" "check-ranges-high.txt" \
  check --requests 10M..50M --offering aws.lambda.arm --offering aws.fargate.arm --max-monthly-cost 40 --at high \
  --color never
golden "pricing show a component" "pricing-show-aws.alb.txt" pricing show aws.alb --color never
golden "pricing list" "pricing-list.txt" pricing list --color never
golden "pricing show aws.lambda.arm" "pricing-show-aws.lambda.arm.txt" pricing show aws.lambda.arm --color never
golden "pricing show aws.eks" "pricing-show-aws.eks.txt" pricing show aws.eks --color never
golden "pricing show aws.ec2.t3.medium" "pricing-show-aws.ec2.t3.medium.txt" pricing show aws.ec2.t3.medium --color never
run pricing show aws.ec2.t3.medium --format json
if [[ $rc -eq 0 ]] && jq -e '.burstable.baseline == 0.2 and (.burstable.source | startswith("https://aws.amazon.com/ec2/"))
    and .root_volume.component == "aws.ebs.gp3" and .root_volume.gb == 8 and (.root_volume.source | length) > 0' \
    "$T/out" >/dev/null; then
  pass "pricing show aws.ec2.t3.medium --format json: burstable baseline and root volume"
else
  fail "pricing show aws.ec2.t3.medium --format json: burstable baseline and root volume" "$(show_run)"
fi

# pricing diff: a table that changes aws.lambda.arm's request price and drops a charge, against the
# bundled tables; markdown for a pull request. Exit 0 with or without differences. (Whole items
# added or removed: tests/test_pricing_review.cpp.)
changed=tests/fixtures/diff/aws-lambda-arm.json
golden "pricing diff, markdown" "pricing-diff.md" pricing diff bundled "$changed" --common --format markdown
golden "pricing diff, table" "pricing-diff.txt" pricing diff bundled "$changed" --common --color never
golden "pricing diff of a table with itself" "pricing-diff-none.txt" pricing diff bundled bundled
run pricing diff bundled "$changed" --common --format json
if [[ $rc -eq 0 ]] && jq -e '.command == "pricing diff" and (.changes | length) == 2
    and (.changes[0] | .id == "aws.lambda.arm" and .change == "changed" and (.before.tiers[0].unit_price * 1e9 | round) == 200
         and (.after.tiers[0].unit_price * 1e9 | round) == 250 and .after_as_of == "2026-11-28")' "$T/out" >/dev/null; then
  pass "pricing diff, json"
else
  fail "pricing diff, json" "expected 2 changes, the first the Arm request price" "$(show_run)"
fi
run pricing diff bundled "$changed" --format csv
[[ $rc -eq 0 && $(grep -c ',(whole item),removed,' "$T/out") -gt 50 ]] && pass "pricing diff without --common: the rest removed" ||
  fail "pricing diff without --common: the rest removed" "$(show_run)"
bad "pricing diff of a missing file" -f "$T/no-such-table.json" -- pricing diff bundled "$T/no-such-table.json"

# pricing import aws: the offer-file fixtures give a table that validates and agrees with the
# bundled one; what it left out is on stderr, one line each and a summary.
run pricing import aws "$ROOT"/tests/fixtures/import/*.json
cp "$T/out" "$T/imported.json"
if [[ $rc -eq 0 ]] && grep -q '^breakeven: skipped: aws.ec2.t3.small: not in these files (instance_hours)$' "$T/err" &&
  tail -n 1 "$T/err" | grep -qx 'breakeven: imported 10 offerings and components, skipped 27 items (above)' &&
  jq -e '.offerings | map(.id) | index("aws.lambda.arm") != null' "$T/imported.json" >/dev/null; then
  pass "pricing import aws: a table on stdout, what it skipped on stderr"
else
  fail "pricing import aws: a table on stdout, what it skipped on stderr" "$(show_run)"
fi
run pricing validate "$T/imported.json"
[[ $rc -eq 0 ]] && pass "pricing import aws: the table validates" || fail "pricing import aws: the table validates" "$(show_run)"
run pricing diff bundled "$T/imported.json" --common
if [[ $rc -eq 0 ]] && grep -qx "No price differences between bundled and $T/imported.json (10 items compared)." "$T/out"; then
  pass "pricing import aws: no price differs from the bundled table's"
else
  fail "pricing import aws: no price differs from the bundled table's" "$(show_run)"
fi
bad "pricing import of a missing file" -f "$T/no-such-offer.json" -- pricing import aws "$T/no-such-offer.json"
bad "pricing import of a rate table" -f "pricing/gcp.json" -f "offer file" -- pricing import aws pricing/gcp.json
bad "pricing import from an unknown provider" -f '"oracle" (one of: aws, azure, gcp)' -- pricing import oracle pricing/gcp.json

# pricing import azure and gcp: the constructed price lists (tests/fixtures/import/azure, gcp; see
# the README there) give a rate table (golden) and say on stderr what they left out (golden); the
# table validates, no price in it differs from the bundled one (--common), and the whole diff
# against the bundled tables is golden too. Every golden here follows the bundled tables: a price
# update moves them, and the diff shows which price.
golden_file() { # golden_file NAME FILE TEXT: TEXT (a file) must equal tests/golden/FILE
  local name="golden $1" file="$GOLDEN/$2"
  if [[ $UPDATE == 1 ]]; then
    cp "$3" "$file"
    pass "$name (golden file updated)"
  elif diff -u "$file" "$3" >"$T/golden.diff"; then
    pass "$name"
  else
    fail "$name" "$(head -n 40 "$T/golden.diff")"
  fi
}
for provider in azure gcp; do
  run pricing import "$provider" "$ROOT"/tests/fixtures/import/"$provider"/*.json
  cp "$T/out" "$T/imported-$provider.json"
  cp "$T/err" "$T/imported-$provider.err"
  if [[ $rc -eq 0 ]] && tail -n 1 "$T/err" | grep -q '^breakeven: imported [0-9]* offerings and components, skipped'; then
    pass "pricing import $provider: a table on stdout, what it skipped on stderr"
  else
    fail "pricing import $provider: a table on stdout, what it skipped on stderr" "$(show_run)"
  fi
  golden_file "pricing import $provider table" "import-$provider.json" "$T/imported-$provider.json"
  golden_file "pricing import $provider stderr" "import-$provider.err.txt" "$T/imported-$provider.err"
  run pricing validate "$T/imported-$provider.json"
  [[ $rc -eq 0 ]] && pass "pricing import $provider: the table validates" ||
    fail "pricing import $provider: the table validates" "$(show_run)"
  run pricing diff bundled "$T/imported-$provider.json" --common
  if [[ $rc -eq 0 ]] && grep -q "^No price differences between bundled and $T/imported-$provider.json (" "$T/out"; then
    pass "pricing import $provider: no price differs from the bundled table's"
  else
    fail "pricing import $provider: no price differs from the bundled table's" "$(show_run)"
  fi
  run pricing diff bundled "$T/imported-$provider.json" --format csv
  sed "s|$T/||g" "$T/out" >"$T/diff-$provider.csv"
  golden_file "pricing diff bundled (imported $provider)" "import-$provider-diff.csv" "$T/diff-$provider.csv"
done
bad "pricing import azure of a SKU list" -f "gcp/gke.json: \$.Items: not an Azure Retail Prices API page" -- \
  pricing import azure tests/fixtures/import/gcp/gke.json
bad "pricing import gcp of a Retail Prices page" -f "azure/aks.json: \$.skus: not a Cloud Billing Catalog API SKU list" -- \
  pricing import gcp tests/fixtures/import/azure/aks.json

# pricing validate --max-age and compare's warning: "today" from BREAKEVEN_TODAY.
run pricing validate bundled --max-age 365
[[ $rc -eq 0 && ! -s $T/err ]] && pass "pricing validate --max-age: fresh (exit 0)" ||
  fail "pricing validate --max-age: fresh (exit 0)" "$(show_run)"
BREAKEVEN_TODAY=2026-11-28 run pricing validate bundled --max-age 365
if [[ $rc -eq 1 ]] && grep -qx 'bundled: aws.cloudfront_functions: as_of 2024-12-23 is 705 days old (--max-age 365)' "$T/out"; then
  pass "pricing validate --max-age: stale prices named, exit 1"
else
  fail "pricing validate --max-age: stale prices named, exit 1" "$(show_run)"
fi
# A limit no long holds (or beyond any date) is refused, not read as no limit.
for days in 99999999999999999999 100001 -1 1.5; do
  run pricing validate bundled --max-age "$days"
  if [[ $rc -eq 2 && ! -s $T/out ]] &&
    grep -qx "breakeven: error: pricing validate: --max-age: \"$days\" is not a whole number of days from 0 to 100000 (see breakeven pricing validate --help)" "$T/err"; then
    pass "pricing validate --max-age $days: refused (exit 2)"
  else
    fail "pricing validate --max-age $days: refused (exit 2)" "$(show_run)"
  fi
done
BREAKEVEN_TODAY=2026-11-28 run compare --requests 1M --offering aws.cloudfront_functions --offering aws.ec2.m7g.large --format csv
if [[ $rc -eq 0 && $(wc -l <"$T/err") -eq 1 ]] &&
  grep -qx 'breakeven: warning: aws.cloudfront_functions: prices as of 2024-12-23, 705 days old (see pricing/README.md to refresh)' "$T/err" &&
  head -n 1 "$T/out" | grep -q '^scenario,offering'; then
  pass "compare: one warning line on stderr per price over a year old, stdout untouched"
else
  fail "compare: one warning line on stderr per price over a year old, stdout untouched" "$(show_run)"
fi
for command in compare curve crossover check advise; do
  limit=()
  [[ $command == check ]] && limit=(--max-monthly-cost 100)
  BREAKEVEN_TODAY=yesterday run "$command" --requests 1M "${limit[@]}"
  if [[ $rc -eq 2 && ! -s $T/out && $(wc -l <"$T/err") -eq 1 ]] && grep -q 'BREAKEVEN_TODAY' "$T/err"; then
    pass "$command: a bad BREAKEVEN_TODAY is bad input"
  else
    fail "$command: a bad BREAKEVEN_TODAY is bad input" "$(show_run)"
  fi
done

# Every command that prices a scenario warns, after its output, once for each offering and each
# component it used whose prices are over a year old: tests/fixtures/stale/dated.json (see its
# README) dates each part differently; on 2026-11-28 dated.vm and dated.k8s are fresh,
# dated.unused is stale but never used.
dated=(--pricing tests/fixtures/stale/dated.json)
warning() { printf 'breakeven: warning: %s: prices as of %s, %s days old (see pricing/README.md to refresh)\n' "$@"; }
w_lb="$(warning dated.lb 2024-01-10 1053)"
w_disk="$(warning dated.disk 2025-02-01 665)"
w_egress="$(warning dated.egress 2025-03-01 637)"
w_gateway="$(warning dated.gateway 2025-04-01 606)"
w_fn="$(warning dated.fn 2025-05-01 576)"
w_node="$(warning dated.node 2025-06-01 545)"
# stale_case NAME EXIT EXPECTED_STDERR [RECORDS] -- args...: on 2026-11-28, with the fixture,
# standard input RECORDS (JSON Lines) if given; the exit code, stderr exactly the warnings, and
# stdout written.
stale_case() {
  local name=$1 exit_code=$2 expected=$3 records=$4
  shift 5 # and the --
  printf '%s' "$records" >"$T/records.jsonl"
  BREAKEVEN_TODAY=2026-11-28 RUN_STDIN="$T/records.jsonl" run "${dated[@]}" "$@"
  if [[ $rc -eq $exit_code && -s $T/out ]] && diff <(printf '%s' "$expected") "$T/err" >"$T/diff"; then
    pass "$name"
  else
    fail "$name" "expected exit $exit_code and these warnings" "$(cat "$T/diff")" "$(show_run)"
  fi
}
all_six="$w_lb"$'\n'"$w_disk"$'\n'"$w_egress"$'\n'"$w_gateway"$'\n'"$w_fn"$'\n'"$w_node"$'\n'
used=(--response-kb 10 --addon dated.gateway)
stale_case "compare: a warning for each stale offering and component used, once each, oldest first" 0 "$all_six" "" -- \
  compare --requests 1M --offering 'dated.*' "${used[@]}" --format csv
stale_case "compare: nothing stale used, no warning" 0 "" "" -- compare --requests 1M --offering dated.vm
stale_case "compare: a component the scenario attaches is warned about" 0 "$w_lb"$'\n' "" -- \
  compare --requests 1M --offering dated.vm --component dated.lb=1
stale_case "compare: a component the scenario leaves out is not" 0 "$w_disk"$'\n'"$w_node"$'\n' "" -- \
  compare --requests 1M --offering dated.k8s --component dated.lb=0
stale_case "curve: warnings for the prices its curves use" 0 "$all_six" "" -- \
  curve --offering dated.fn --offering dated.k8s "${used[@]}" --points 3 --format csv
stale_case "curve --plot: the same warnings after the chart" 0 "$all_six" "" -- \
  curve --offering dated.fn --offering dated.k8s "${used[@]}" --plot --ascii
stale_case "crossover: warnings for the prices its curves use" 0 "$all_six" "" -- \
  crossover --offering dated.fn --offering dated.k8s "${used[@]}" --format csv
stale_case "check: warnings for the prices its checks use, a failed check too (exit 1)" 1 \
  "$w_lb"$'\n'"$w_disk"$'\n'"$w_node"$'\n' "" -- check --requests 1M --offering dated.k8s --max-monthly-cost 1
stale_case "advise: warnings for the prices its options use" 0 "$w_egress"$'\n'"$w_gateway"$'\n'"$w_fn"$'\n' "" -- \
  advise --requests 1M --offering dated.fn --offering dated.vm "${used[@]}"
records=$'{"requests_per_month": 1e6}\n{"requests_per_month": 2e6, "response_kb": 10}\n{"requests_per_month": 3e6}\n'
stale_case "compare --scenario -: each stale price once over the whole stream" 0 "$w_egress"$'\n'"$w_fn"$'\n' \
  "$records" -- compare --scenario - --offering dated.fn --offering dated.vm --format csv
[[ $(grep -c '^' "$T/out") -eq 7 ]] && pass "compare --scenario -: every record written" ||
  fail "compare --scenario -: every record written" "$(show_run)"
stale_case "crossover --scenario -: each stale price once over the whole stream" 0 "$w_egress"$'\n'"$w_fn"$'\n' \
  "$records" -- crossover --scenario - --offering dated.fn --offering dated.vm --format csv
stale_case "check --scenario -: each stale price once over every record" 1 "$w_egress"$'\n'"$w_fn"$'\n' \
  "$records" -- check --scenario - --offering dated.fn --max-monthly-cost 0.1
stale_case "advise --scenario -: each stale price once over every workload" 0 "$w_egress"$'\n'"$w_fn"$'\n' \
  "$records" -- advise --scenario - --offering dated.fn --offering dated.vm

# ---------------------------------------------------------------------------------------------
# b. Invariants of every JSON compare output
# ---------------------------------------------------------------------------------------------

# Each check prints the offending offerings (one per line); no output means it holds.
declare -A invariant_checks=(
  ["schema_version is 1"]='if .schema_version == 1 then empty else "schema_version is \(.schema_version)" end'
  ["results is a non-empty array"]='if (.results | type) == "array" and (.results | length) > 0 then empty else "no results" end'
  ["feasible iff monthly_cost is a number"]='.results[] | select(.feasible != (.monthly_cost | type == "number")) | "\(.offering): feasible \(.feasible), monthly_cost \(.monthly_cost)"'
  ["line items sum to monthly_cost"]='.results[] | select(.feasible) | ((.line_items | map(.cost) | add) // 0) as $sum | select((($sum - .monthly_cost) | fabs) > 1e-6) | "\(.offering): items sum to \($sum), monthly_cost \(.monthly_cost)"'
  ["cost is quantity x unit_price, within the cent that apportioning moves"]='.results[] | .offering as $o | .line_items[] | (.quantity * .unit_price) as $p | select(((.cost - $p) | fabs) > 0.01 + 1e-9 * ([(.cost | fabs), ($p | fabs)] | max)) | "\($o): \(.name): cost \(.cost), quantity x unit_price \($p)"'
  ["no negative figures"]='.results[] | .offering as $o | select((.monthly_cost // 0) < 0 or any(.line_items[]; .cost < 0 or .quantity < 0 or .unit_price < 0)) | $o'
  ["sorted by monthly_cost, infeasible last"]='[.results[] | .monthly_cost] as $c | range(1; $c | length) | select(($c[. - 1] == null and $c[.] != null) or ($c[. - 1] != null and $c[.] != null and $c[. - 1] > $c[.])) | "result \(. - 1) (\($c[. - 1])) before result \(.) (\($c[.]))"'
  ["infeasible results give a reason first"]='.results[] | select(.feasible | not) | select((.notes | type) != "array" or (.notes | length) == 0 or (.notes[0] | type) != "string" or (.notes[0] | length) == 0) | .offering'
  ["infeasible results have no line items"]='.results[] | select(.feasible | not) | select((.line_items | length) > 0) | .offering'
  ["capacity: whole provisioned counts, shares of the month from 0 to 1"]='.results[] | .offering as $o | .capacity[] | select((.kind == "provisioned" and .instances != (.instances | floor)) or .share_of_hours <= 0 or .share_of_hours > 1 or .instances < 0) | "\($o): \(.)"'
  ["capacity: one pool all month is the instances column"]='.results[] | select(.instances != null) | select((.capacity | length) != 1 or .capacity[0].instances != .instances or .capacity[0].share_of_hours != 1) | .offering'
)

# invariants NAME args...: runs a JSON compare and checks every invariant on its output.
invariants() {
  local name="invariants $1"
  shift
  run "$@" --format json
  if [[ $rc -ne 0 || -s $T/err ]]; then
    fail "$name" "command failed: breakeven $*" "$(show_run)"
    return
  fi
  if ! jq -e . "$T/out" >/dev/null 2>&1; then
    fail "$name" "output is not JSON" "$(head -n 5 "$T/out")"
    return
  fi
  local check problems reasons=()
  for check in "${!invariant_checks[@]}"; do
    if ! problems="$(jq -r "${invariant_checks[$check]}" "$T/out" 2>&1)"; then
      reasons+=("$check: jq failed: $problems")
    elif [[ -n $problems ]]; then
      reasons+=("$check:" "$(sed 's/^/  /' <<<"$problems")")
    fi
  done
  if [[ ${#reasons[@]} -eq 0 ]]; then
    pass "$name"
  else
    fail "$name" "invariants broken (breakeven $*)" "${reasons[@]}"
  fi
}

if [[ $have_jq == 1 ]]; then
  for s in "${scenario_names[@]}"; do
    invariants "$s (defaults)" compare --scenario "examples/scenarios/$s.json"
    invariants "$s (every offering)" compare --scenario "examples/scenarios/$s.json" --offering '*'
    invariants "$s (every offering, no free tier)" compare --scenario "examples/scenarios/$s.json" --offering '*' \
      --no-free-tier
  done
  invariants "50M requests with add-on and node type" compare --requests 50M --duration-ms 120 --memory-mb 512 \
    --addon aws.apigateway.http --node-type aws.ec2.m7g.large --offering 'aws.*'
  invariants "zero requests" compare --requests 0 --offering '*'
  invariants "a daily profile, autoscaled" compare --profile 4h@500,20h@5 --scaling autoscaled --offering '*'
  invariants "a weekly profile" compare --scenario examples/profiles/weekly-batch.json --offering '*'
  invariants "10B requests" compare --requests 10B --duration-ms 50 --memory-mb 128 --offering '*'
  invariants "ranges" compare --requests 10M..50M --duration-ms 80..150 --samples 1000
  # Bands hold their expected cost; with one offering feasible in every sample, the chances sum to 1.
  for args in "--requests 10M..50M --duration-ms 80..150" "--rps 1..50 --concurrency 1..100 --utilization 0.5..0.9"; do
    # shellcheck disable=SC2086
    run compare $args --samples 1000 --format json
    if [[ $rc -eq 0 ]] && jq -e '.ranges.none_feasible_share == 0
        and ([.results[].p_cheapest] | add | . - 1 | fabs) < 1e-9
        and all(.results[] | select(.feasible); .band.low <= .band.expected and .band.expected <= .band.high
          and .band.expected == .monthly_cost)' "$T/out" >/dev/null; then
      pass "compare json: bands and P(cheapest) ($args)"
    else
      fail "compare json: bands and P(cheapest) ($args)" "$(show_run)"
    fi
  done
  # The same seed, the same output; another seed, other samples.
  run compare --requests 10M..50M --duration-ms 80..150 --samples 500 --seed 9 --format json
  cp "$T/out" "$T/seed-a.json"
  run compare --requests 10M..50M --duration-ms 80..150 --samples 500 --seed 9 --format json
  if cmp -s "$T/out" "$T/seed-a.json"; then
    pass "compare ranges: the same seed gives the same output"
  else
    fail "compare ranges: the same seed gives the same output" "$(show_run)"
  fi
  # Autoscaled by the hour: 11 m7g.large for the 4 busy hours, 1 for the other 20.
  run compare --profile 4h@500,20h@5 --scaling autoscaled --offering aws.ec2.m7g.large --format json
  if [[ $rc -eq 0 ]] && jq -e '.results[0].capacity | length == 2
      and .[0].instances == 11 and ((.[0].share_of_hours * 24 - 4) | fabs) < 1e-9
      and .[1].instances == 1 and ((.[1].share_of_hours * 24 - 20) | fabs) < 1e-9' "$T/out" >/dev/null; then
    pass "compare json: capacity hour by hour"
  else
    fail "compare json: capacity hour by hour" "$(show_run)"
  fi
fi

# ---------------------------------------------------------------------------------------------
# c. Providers' published pricing examples, through the CLI
# ---------------------------------------------------------------------------------------------

# published NAME OFFERING CENTS args...: the one result is OFFERING and costs CENTS to the cent.
published() {
  local name="published example: $1" offering=$2 expected=$3
  shift 3
  run "$@" --format json
  if [[ $rc -ne 0 || -s $T/err ]]; then
    fail "$name" "command failed: breakeven $*" "$(show_run)"
    return
  fi
  local got_offering got_cost
  got_offering="$(jq -r '.results | if length == 1 then .[0].offering else "\(length) results" end' "$T/out" 2>&1)"
  got_cost="$(jq -r '.results[0].monthly_cost' "$T/out" 2>&1)"
  if [[ $got_offering != "$offering" ]]; then
    fail "$name" "expected one result for $offering, got $got_offering"
  elif [[ ! $got_cost =~ ^[0-9.eE+-]+$ ]]; then
    fail "$name" "monthly_cost is $got_cost, expected $expected"
  elif [[ "$(awk -v c="$got_cost" 'BEGIN { printf "%.2f", c + 1e-9 }')" != "$expected" ]]; then
    fail "$name" "monthly_cost is $got_cost, expected $expected to the cent"
  else
    pass "$name"
  fi
}

if [[ $have_jq == 1 ]]; then
  # https://aws.amazon.com/fargate/pricing/ example: 5 tasks, 1 vCPU, 2 GB, 30 GB storage, 5 hours.
  published "AWS Fargate, 5 tasks for 5 hours" aws.fargate.x86 1.26 \
    compare --scenario examples/scenarios/fargate-published-example.json --offering aws.fargate.x86
  # https://developers.cloudflare.com/workers/platform/pricing/ example: 15M requests, 7 ms CPU each.
  published "Cloudflare Workers, 15M requests at 7 ms CPU" cloudflare.workers 8.00 \
    compare --requests 15M --cpu-ms 7 --duration-ms 7 --memory-mb 128 --offering cloudflare.workers
fi

# ---------------------------------------------------------------------------------------------
# d. Bad input: exit code 2, nothing on stdout, one line on stderr naming what is wrong
# ---------------------------------------------------------------------------------------------

bad "--requests abc" -f "--requests" -f "abc" -- compare --requests abc
# The report page is for one scenario: a stream refuses it before reading a record.
bad "compare --scenario - --format html" -i "$SCENARIOS/portfolio.jsonl" -f "--format" -f "html is a page for one scenario" -- \
  compare --scenario - --format html
bad "crossover --scenario - --format html" -i "$SCENARIOS/portfolio.jsonl" -f "--format" -f "html is a page for one scenario" -- \
  crossover --scenario - --offering aws.lambda.arm --offering aws.ec2.m7g.large --format html
bad "--requests -5" -f "--requests" -f "negative" -- compare --requests -5
bad "--requests 1.5.3" -f "--requests" -- compare --requests 1.5.3
bad "--duration-ms nan" -f "--duration-ms" -- compare --requests 1M --duration-ms nan
bad "--utilization 0" -f "--utilization" -- compare --requests 1M --utilization 0
bad "a range out of order" -f "--requests" -f "low 50000000 is above high 10000000" -- compare --requests 50M..10M
bad "a range's end out of range" -f "--duration-ms" -f "low: must be at least 0.001" -- \
  compare --requests 1M --duration-ms 0..100
bad "a range that is not numbers" -f "--requests" -f "is not a range LOW..HIGH" -- compare --requests 10M..lots
bad "a whole field's range ends" -f "--min-instances" -f "whole" -- compare --requests 1M --min-instances 1.5..3
bad "--samples 0" -f "--samples" -f "from 1 to 10,000,000" -- compare --requests 1M..2M --samples 0
bad "--distribution normal" -f "--distribution" -f "triangular or uniform" -- compare --requests 1M..2M --distribution normal
bad "--at top" -f "--at" -f "low, expected or high" -- check --requests 1M..2M --max-monthly-cost 5 --at top
bad "ranges that break the schedule at their ends" -f "at the ends of the ranges" -- \
  compare --requests 1M --hours-per-month 100..740 --month-hours 672..744
bad "--component without a count" -f "--component" -f "ID=COUNT" -- compare --requests 1M --component aws.alb
bad "--component with a fractional count" -f "--component" -- compare --requests 1M --component aws.alb=1.5
bad "--component unknown id" -f "components" -f "did you mean aws.alb" -- compare --requests 1M --component aws.albb=1
bad "--concurrency 2.5" -f "--concurrency" -f "whole number" -- compare --requests 1M --concurrency 2.5
bad "components in a file: a negative count" -i <(echo '{"requests_per_month": 1e6, "components": {"aws.alb": -1}}') \
  -f "components" -- compare --scenario -
bad "--utilization 1.5" -f "--utilization" -f "1.5" -- compare --requests 1M --utilization 1.5
bad "--memory-mb 0" -f "--memory-mb" -- compare --requests 1M --memory-mb 0
bad "--peak-to-average 0.5" -f "--peak-to-average" -- compare --requests 1M --peak-to-average 0.5
bad "--hours-per-month 800" -f "--hours-per-month" -- compare --requests 1M --hours-per-month 800
bad "--min-instances 1.5" -f "--min-instances" -- compare --requests 1M --min-instances 1.5
bad "--offering aws.lamda.arm" -f "--offering" -f "did you mean aws.lambda.arm" -- \
  compare --requests 1M --offering aws.lamda.arm
bad "--offering nosuch.*" -f "--offering" -f "nosuch.*" -- compare --requests 1M --offering 'nosuch.*'
bad "--offering a,b (a list in one flag)" -f "--offering" -f "give each its own flag (--offering aws.lambda.arm --offering 'aws.ec2.*')" -- \
  compare --requests 1M --offering 'aws.lambda.arm,aws.ec2.*'
bad "--scenario /nonexistent.json" -f "/nonexistent.json" -- compare --scenario /nonexistent.json
mkdir -p "$T/a-directory.json"
bad "--scenario a directory" -f "$T/a-directory.json" -f "directory" -- compare --scenario "$T/a-directory.json"

printf '{\n  "requests_per_month": 5000000,\n  "duration_ms": \n}\n' >"$T/malformed-scenario.json"
bad "scenario with malformed JSON" -f "$T/malformed-scenario.json" -f "line" -- \
  compare --scenario "$T/malformed-scenario.json"
printf '{"requests_per_month": 5000000, "memory_gb": 2}\n' >"$T/unknown-key.json"
bad "scenario with unknown key memory_gb" -f "$T/unknown-key.json" -f '$.memory_gb' -f "did you mean" -f "memory_mb" -- \
  compare --scenario "$T/unknown-key.json"
printf '{"requests_per_month": 5000000, "rps": 2}\n' >"$T/both-traffic.json"
bad "scenario with both rps and requests_per_month" -f "$T/both-traffic.json" -f "rps" -f "requests_per_month" -- \
  compare --scenario "$T/both-traffic.json"
printf '{"requests_per_month": "5M"}\n' >"$T/string-requests.json"
bad "scenario with a string for a number" -f "$T/string-requests.json" -f '$.requests_per_month' -- \
  compare --scenario "$T/string-requests.json"
printf '[1, 2]\n' >"$T/array-scenario.json"
bad "scenario that is not an object" -f "$T/array-scenario.json" -- compare --scenario "$T/array-scenario.json"
printf '{"requests_per_month": 5000000, "duration_ms": -3}\n' >"$T/negative-duration.json"
bad "scenario from stdin with negative duration" -i "$T/negative-duration.json" -f "<stdin>" -f '$.duration_ms' -- \
  compare --scenario -
printf '{"requests_per_month": 5000000, "utilization": 0}\n' >"$T/zero-utilization.json"
bad "scenario with utilization 0" -f "$T/zero-utilization.json" -f '$.utilization' -- \
  compare --scenario "$T/zero-utilization.json"

# A minimal valid rate table; each bad one below has exactly one defect.
cat >"$T/good-table.json" <<'EOF'
{
  "schema_version": 1,
  "provider": "acme",
  "name": "Acme Cloud",
  "currency": "USD",
  "region": "test-1",
  "as_of": "2026-01-01",
  "sources": ["https://example.com/pricing"],
  "offerings": [
    {
      "id": "acme.fn",
      "name": "Acme Functions",
      "kind": "function",
      "source": "https://example.com/pricing",
      "charges": [
        {"name": "Requests", "meter": "requests", "unit_price": 0.20, "per": 1000000}
      ]
    }
  ]
}
EOF
# variant NAME JQ-EDIT: the good table with one defect, written to $T/NAME.json.
variant() {
  jq "$2" "$T/good-table.json" >"$T/$1.json"
}
variant negative-price '.offerings[0].charges[0].unit_price = -0.20'
variant tiers-out-of-order '.offerings[0].charges[0] |= (del(.unit_price)
  + {tiers: [{up_to: 2000000, unit_price: 0.30}, {up_to: 1000000, unit_price: 0.20}, {unit_price: 0.10}]})'
variant unknown-kind '.offerings[0].kind = "fucntion"'
variant duplicate-id '.offerings += [.offerings[0] | .name = "Acme Functions, again"]'
variant unknown-charge-key '.offerings[0].charges[0] |= (del(.unit_price) + {unit_prize: 0.20})'
printf '{"schema_version": 1, "provider": "acme",\n  "offerings": [\n' >"$T/malformed-table.json"

bad "--pricing with a negative unit_price" -f "$T/negative-price.json" -f '$.offerings[0].charges[0].unit_price' -- \
  --pricing "$T/negative-price.json" compare --requests 1M
bad "--pricing with tiers out of order" -f "$T/tiers-out-of-order.json" -f '$.offerings[0].charges[0].tiers[1]' -- \
  --pricing "$T/tiers-out-of-order.json" compare --requests 1M
bad "--pricing with an unknown kind" -f "$T/unknown-kind.json" -f '$.offerings[0].kind' -f "did you mean" -- \
  --pricing "$T/unknown-kind.json" compare --requests 1M
bad "--pricing with a duplicate id" -f "$T/duplicate-id.json" -f '$.offerings[1]' -f "acme.fn" -- \
  --pricing "$T/duplicate-id.json" compare --requests 1M
bad "--pricing with an unknown charge key" -f "$T/unknown-charge-key.json" -f '$.offerings[0].charges[0]' -f "unit_prize" -- \
  --pricing "$T/unknown-charge-key.json" compare --requests 1M
bad "--pricing with a missing file" -f "$T/no-such-table.json" -- --pricing "$T/no-such-table.json" compare --requests 1M
bad "pricing validate of a malformed file" -f "$T/malformed-table.json" -f "line" -- \
  pricing validate "$T/malformed-table.json"
bad "pricing validate of a negative price" -f "$T/negative-price.json" -f '$.offerings[0].charges[0].unit_price' -- \
  pricing validate "$T/negative-price.json"
bad "pricing show aws.lambda.armm" -f "aws.lambda.armm" -f "did you mean aws.lambda.arm" -- pricing show aws.lambda.armm
bad "--format yaml" -f "--format" -f "yaml" -- compare --requests 1M --format yaml
bad "--color sometimes" -f "--color" -f "sometimes" -- compare --requests 1M --color sometimes
bad "compare with no traffic" -f "no traffic" -- compare --duration-ms 100
bad "unknown flag --requets" -f 'compare: unknown option "--requets"' -f "(did you mean --requests?)" -- compare --requets 5
bad "no subcommand" -f "a command is required, one of: compare, curve, crossover, check, advise, pricing" -- --format json
# Mistyped commands and options (issue 13): one line naming the word, with the nearest name.
# --duration-ms is not on the command line, so the suggestion comes from every option, not only
# those the lazy first parse set up; a swap of two letters is one typo.
bad "unknown command compre" -f 'unknown command "compre" (did you mean compare?)' -- compre --requests 1M
bad "unknown command comapre (two letters swapped)" -f "(did you mean compare?)" -- comapre --requests 1M
bad "unknown command cross (the beginning of one)" -f "(did you mean crossover?)" -- cross --requests 1M
bad "unknown nested command pricing lst" -f 'pricing: unknown command "lst" (did you mean list?)' -- pricing lst
bad "unknown nested command pricing vaildate" -f "(did you mean validate?)" -- pricing vaildate bundled
bad "a command of a command: breakeven list" -f 'unknown command "list" (did you mean pricing list?)' -- list
bad "unknown command with nothing near" -f 'unknown command "frobnicate"' \
  -f "(one of: compare, curve, crossover, check, advise, pricing)" -- frobnicate
bad "unknown option --duraton-ms" -f 'compare: unknown option "--duraton-ms" (did you mean --duration-ms?)' -- \
  compare --requests 1M --duraton-ms 5
bad "unknown option --duraiton-ms=5" -f "(did you mean --duration-ms?)" -- compare --requests 1M --duraiton-ms=5
bad "unknown option of a nested command" -f 'pricing validate: unknown option "--max-aeg"' -f "(did you mean --max-age?)" -- \
  pricing validate bundled --max-aeg 3
bad "unknown global option before the command" -f 'unknown option "--formt" (did you mean --format?)' -- \
  --formt json compare --requests 1M
bad "a scenario flag before the command" -f 'unknown option "--requests"' -f "give it after the command" -- \
  --requests 1M compare
bad "a scenario flag to pricing list" -f 'pricing list: unknown option "--requests"' \
  -f "(an option of compare, curve, crossover, check and advise)" -- pricing list --requests 5
bad "an argument compare does not take" -f 'compare: unexpected argument "50M"' -- compare --requests 1M 50M
bad "pricing show without an id" -f "pricing show: missing ID" -- pricing show
bad "pricing validate --max-age -3" -f "pricing validate: --max-age" -f '"-3" is not a whole number of days' -- \
  pricing validate bundled --max-age -3
bad "pricing without a command" -f "pricing: a command is required, one of: list, show, validate, diff, import" -- pricing
# A flag a command would not use is an error, never dropped in silence (issue 13).
bad "--keep-going without --scenario -" -f "--keep-going" -f "--scenario -" -- compare --requests 1M --keep-going
bad "crossover --keep-going without --scenario -" -f "--keep-going" -- crossover --requests 1M --keep-going
bad "--samples without a range" -f "--samples" -f "has none" -- compare --requests 1M --samples 500
bad "--distribution without a range" -f "--distribution" -- compare --requests 1M --distribution uniform
bad "curve --ascii without --plot" -f "--ascii" -f "--plot" -- curve --duration-ms 100 --ascii
bad "curve --log-y on a table" -f "--log-y" -f "charts" -- curve --duration-ms 100 --log-y
bad "curve --plot with --format json" -f "--plot" -f "json" -- curve --duration-ms 100 --plot --format json
bad "check --budget with --purchase" -f "--purchase" -- check --budget examples/ci/budget.json --purchase 1y
bad "check --budget with --scenario" -f "--scenario" -f "budget file" -- \
  check --budget examples/ci/budget.json --scenario examples/scenarios/api.json
bad "check --at without a range" -f "--at" -f "no check has one" -- \
  check --requests 1M --max-monthly-cost 100 --at high
bad "pricing validate --format json" -f "--format" -f "plain text" -- pricing validate bundled --format json
bad "pricing validate bundled with --pricing" -f "--pricing" -- --pricing "$T/good-table.json" pricing validate bundled
bad "pricing diff with --pricing" -f "--pricing" -- --pricing "$T/good-table.json" pricing diff bundled bundled
bad "pricing import --format csv" -f "--format" -f "JSON" -- pricing import aws tests/fixtures/import/AWSLambda.json --format csv
bad "pricing show --format csv" -f "--format" -f "table or json" -- pricing show aws.alb --format csv
run pricing list --color always
if [[ $rc -eq 0 && -s $T/out ]] && ! grep -q "$ESC" "$T/out" &&
  [[ "$(cat "$T/err")" == "breakeven: warning: --color always: pricing list writes no colour" ]]; then
  pass "pricing list --color always: a warning, not silence"
else
  fail "pricing list --color always: a warning, not silence" "$(show_run)"
fi
run pricing validate "$T/good-table.json" --pricing "$T/good-table.json" --format table
[[ $rc -eq 0 ]] && pass "pricing validate FILE takes --pricing and --format table" ||
  fail "pricing validate FILE takes --pricing and --format table" "$(show_run)"
# --format and --color are read in any case.
run compare --requests 1M --format json
cp "$T/out" "$T/lower.json"
run compare --requests 1M --format JSON --color NEVER
if [[ $rc -eq 0 && -s $T/out ]] && cmp -s "$T/out" "$T/lower.json"; then
  pass "--format JSON --color NEVER read as json and never"
else
  fail "--format JSON --color NEVER read as json and never" "$(show_run)"
fi
run curve --duration-ms 100 --offering aws.lambda.arm --format Svg
[[ $rc -eq 0 ]] && grep -q '<svg' "$T/out" && pass "--format Svg draws SVG" || fail "--format Svg draws SVG" "$(show_run)"
bad "--format YAML keeps its case in the message" -f '"YAML"' -- compare --requests 1M --format YAML
bad "a numeric flag without its value" -f "--memory-mb" -- compare --requests 3M --memory-mb
# Tables fit COLUMNS (issue 13): notes wrap, under their column or below their row; nothing
# is lost (the notes read the same joined up), and without COLUMNS (a pipe) lines stay whole.
run compare --requests 5e9 --max-instances 2 --duration-ms 100
cp "$T/out" "$T/whole.txt"
COLUMNS=90 run compare --requests 5e9 --max-instances 2 --duration-ms 100
widest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/out")
if [[ $rc -eq 0 && $widest -le 90 ]] && [[ $(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/whole.txt") -gt 90 ]] &&
  [[ "$(tr -s ' \n' ' ' <"$T/out" | grep -o 'above 4.205B requests/month its requests in flight average more than 160 (2 instances x 80 each) at peak (max_instances)')" != "" ]]; then
  pass "COLUMNS=90: every line fits and the notes are whole"
else
  fail "COLUMNS=90: every line fits and the notes are whole" "widest line $widest" "$(show_run)"
fi
# The other tables for people fit COLUMNS too: every line of more than one word within 90
# columns (a URL alone may be wider), the same exit code and the same words as without COLUMNS
# (in the same order where one column wraps; pricing show wraps two side by side, so there the
# same words, sorted), and a file written with --output keeps whole lines.
widest_multiword() {
  awk 'NF > 1 { if (length($0) > m) m = length($0) } END { print m + 0 }' "$1"
}
fits_columns() {
  local order=$1
  shift
  local name="COLUMNS=90: $*"
  run "$@"
  cp "$T/out" "$T/whole.txt"
  local whole_rc=$rc
  COLUMNS=90 run "$@"
  local widest words_whole words_out
  widest=$(widest_multiword "$T/out")
  if [[ $order == ordered ]]; then
    words_whole=$(tr -s ' \n' '  ' <"$T/whole.txt")
    words_out=$(tr -s ' \n' '  ' <"$T/out")
  else
    words_whole=$(tr -s ' \n' '\n\n' <"$T/whole.txt" | sort)
    words_out=$(tr -s ' \n' '\n\n' <"$T/out" | sort)
  fi
  if [[ $rc -ne $whole_rc || $widest -gt 90 ]]; then
    fail "$name" "exit code $rc (without COLUMNS $whole_rc), widest line $widest" "$(show_run)"
  elif [[ $(widest_multiword "$T/whole.txt") -le 90 ]]; then
    fail "$name" "test bug: nothing to wrap without COLUMNS"
  elif [[ $words_out != "$words_whole" ]]; then
    fail "$name" "the words differ from the output without COLUMNS" "$(diff "$T/whole.txt" "$T/out" | head -20)"
  elif [[ $1 == pricing ]]; then
    pass "$name" # no --output
  else
    COLUMNS=90 run "$@" --output "$T/file.txt"
    if [[ $rc -eq $whole_rc ]] && cmp -s "$T/file.txt" "$T/whole.txt"; then
      pass "$name"
    else
      fail "$name" "--output under COLUMNS is not the whole-line text" "$(show_run)"
    fi
  fi
}
fits_columns ordered advise --requests 50M --duration-ms 120 --cpu-ms 20 --p99-ms 50
fits_columns ordered crossover --requests 50M --duration-ms 120 --cpu-ms 20 --max-instances 2 \
  --offering aws.lambda.arm --offering aws.ec2.m7g.large --offering aws.fargate.arm
fits_columns ordered check --requests 50M --duration-ms 120 --offering aws.lambda.arm --offering aws.eks \
  --max-monthly-cost 5
fits_columns sorted pricing show aws.eks
fits_columns sorted pricing show aws.ec2.t3.medium
# Only the numeric flags on the command line are set up (start-up, issue 12): each way of
# writing one must read as with every flag set up.
run compare --requests 3M --duration-ms 50 --memory-mb 1024 --format json
cp "$T/out" "$T/spaced.json"
run compare --requests=3M --duration-ms=50 --memory-mb=1024 --format=json
if [[ $rc -eq 0 ]] && cmp -s "$T/out" "$T/spaced.json" && [[ -s $T/out ]]; then
  pass "numeric flags as --flag=VALUE read as --flag VALUE"
else
  fail "numeric flags as --flag=VALUE read as --flag VALUE" "outputs differ" "$(show_run)"
fi
# And so is every other option of the chosen command: each kind written both ways.
same_both_ways() {
  local name=$1 spaced=$2 joined=$3
  # shellcheck disable=SC2086 # each is a list of arguments
  run $spaced
  cp "$T/out" "$T/spaced.out"
  # shellcheck disable=SC2086
  run $joined
  if [[ $rc -eq 0 ]] && cmp -s "$T/out" "$T/spaced.out" && [[ -s $T/out ]]; then
    pass "$name as --flag=VALUE read as --flag VALUE"
  else
    fail "$name as --flag=VALUE read as --flag VALUE" "outputs differ" "$(show_run)"
  fi
}
same_both_ways "compare's options and flags" \
  "compare --requests 3M --offering aws.lambda.arm --offering gcp.cloudrun --profile 4h@500,20h@5 --component aws.nat_gateway=1 --breakdown --format json" \
  "compare --requests=3M --offering=aws.lambda.arm --offering=gcp.cloudrun --profile=4h@500,20h@5 --component=aws.nat_gateway=1 --breakdown=true --format=json"
same_both_ways "curve's options and flags" \
  "curve --duration-ms 50 --offering aws.lambda.arm --offering aws.ec2.m7g.large --from 1M --to 300M --points 7 --log-x --format csv" \
  "curve --duration-ms=50 --offering=aws.lambda.arm --offering=aws.ec2.m7g.large --from=1M --to=300M --points=7 --log-x=true --format=csv"
same_both_ways "advise's options" \
  "advise --requests 10M --team serverless,containers --p99-ms 300 --budget 500 --format json" \
  "advise --requests=10M --team=serverless,containers --p99-ms=300 --budget=500 --format=json"
bad "--output into a missing directory" -f "/nonexistent-dir/out.json" -- \
  compare --requests 1M --output /nonexistent-dir/out.json
if [[ -e /nonexistent-dir/out.json ]]; then
  fail "bad input: --output into a missing directory creates no file" "/nonexistent-dir/out.json exists"
else
  pass "bad input: --output into a missing directory creates no file"
fi
bad "--output with bad input" -f "--requests" -- compare --requests abc --output "$T/not-written.json"
if [[ -e $T/not-written.json ]]; then
  fail "bad input: --output with bad input creates no file" "$T/not-written.json was written"
else
  pass "bad input: --output with bad input creates no file"
fi
bad "--node-type aws.ec2.nosuch" -f "aws.ec2.nosuch" -- compare --requests 1M --node-type aws.ec2.nosuch
bad "--addon aws.nosuch" -f "aws.nosuch" -- compare --requests 1M --addon aws.nosuch

# ---------------------------------------------------------------------------------------------
# e. --output, --version, --help, colour
# ---------------------------------------------------------------------------------------------

# same_as_stdout NAME args...: `--output FILE` writes exactly the bytes stdout gets.
same_as_stdout() {
  local name="--output writes what stdout gets: $1"
  shift
  run "$@"
  if [[ $rc -ne 0 ]]; then
    fail "$name" "command failed: breakeven $*" "$(show_run)"
    return
  fi
  cp "$T/out" "$T/expected-output"
  rm -rf "$T/same" && mkdir "$T/same"
  run "$@" --output "$T/same/written"
  if [[ $rc -ne 0 || -s $T/out || -s $T/err ]]; then
    fail "$name" "with --output: expected exit 0 and nothing on stdout or stderr" "$(show_run)"
  elif [[ ! -f $T/same/written ]]; then
    fail "$name" "no file written"
  elif ! cmp -s "$T/expected-output" "$T/same/written"; then
    fail "$name" "file differs from stdout" \
      "$(diff -u --label stdout --label file "$T/expected-output" "$T/same/written" | head -n 30)"
  elif [[ "$(ls -A "$T/same")" != written ]]; then
    fail "$name" "temporary file left behind: $(ls -A "$T/same")"
  else
    pass "$name"
  fi
}

same_as_stdout "json" compare --scenario examples/scenarios/api.json --format json
same_as_stdout "csv" compare --scenario examples/scenarios/api.json --format csv
same_as_stdout "table" compare --scenario examples/scenarios/webhooks.json --breakdown --color never

echo stale >"$T/overwritten.json"
run compare --requests 1M --format json --output "$T/overwritten.json"
if [[ $rc -eq 0 ]] && jq -e '.schema_version == 1' "$T/overwritten.json" >/dev/null 2>&1; then
  pass "--output replaces an existing file"
else
  fail "--output replaces an existing file" "exit code $rc; file: $(head -c 200 "$T/overwritten.json")"
fi

mkdir -p "$T/dir-parent/out-dir"
bad "--output onto a directory" -f "$T/dir-parent/out-dir" -f "directory" -- \
  compare --requests 1M --output "$T/dir-parent/out-dir"
if [[ "$(ls -A "$T/dir-parent")" != out-dir || -n "$(ls -A "$T/dir-parent/out-dir")" ]]; then
  fail "bad input: --output onto a directory leaves nothing behind" "$(ls -A "$T/dir-parent" "$T/dir-parent/out-dir")"
else
  pass "bad input: --output onto a directory leaves nothing behind"
fi

version="$(sed -n 's/^project(breakeven VERSION \([0-9][0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")"
run --version
if [[ $rc -eq 0 && "$(cat "$T/out")" == "breakeven $version" && ! -s $T/err ]]; then
  pass "--version"
else
  fail "--version" "expected \"breakeven $version\" and exit 0" "$(show_run)"
fi

# help_case NAME args...: exit 0, an example on stdout, nothing on stderr.
help_case() {
  local name=$1
  shift
  run "$@"
  if [[ $rc -ne 0 || -s $T/err ]]; then
    fail "$name" "expected exit 0 and nothing on stderr" "$(show_run)"
  elif ! grep -q 'Example' "$T/out" || ! grep -q 'breakeven compare --' "$T/out"; then
    fail "$name" "does not show an example" "$(head -n 20 "$T/out")"
  else
    pass "$name"
  fi
}
help_case "--help" --help
help_case "compare --help" compare --help
run --help
if [[ $rc -eq 0 ]] && head -n 3 "$T/out" | grep -q '^Exit codes: 0 success; 1 a check failed.*; 2 bad usage'; then
  pass "--help: exit codes at the top"
else
  fail "--help: exit codes at the top" "$(head -n 5 "$T/out")"
fi
# Every environment variable the tool reads is named in --help (not only in the man page):
# read off the sources, so a new one cannot be left out.
missing=()
for variable in $(grep -rhoE 'getenv\("[A-Z_]+"\)' "$ROOT/src" | sed -E 's/getenv\("([A-Z_]+)"\)/\1/' | sort -u); do
  grep -qE "^  .*\b$variable\b" "$T/out" || missing+=("$variable")
done
if [[ ${#missing[@]} -eq 0 ]] && grep -q '^Environment' "$T/out"; then
  pass "--help: every environment variable read is listed"
else
  fail "--help: every environment variable read is listed" "missing: ${missing[*]}"
fi
# Each command's --help (issue 13): its own examples (an example line running that very command,
# and none running another), the global options it takes, and for the commands that price, the
# offerings compared when none are named (the bundled defaults, as pricing list marks them).
defaults="$(cd "$ROOT" && "$BIN" pricing list --format json | jq -r '[.offerings[] | select(.default) | .id] | join(", ")')"
for command in compare curve crossover check advise pricing "pricing list" "pricing show" "pricing validate" \
  "pricing diff" "pricing import"; do
  name="$command --help: its own examples and global options"
  # shellcheck disable=SC2086
  run $command --help
  reasons=()
  [[ $rc -eq 0 && ! -s $T/err ]] || reasons+=("exit code $rc, stderr $(head -c 200 "$T/err")")
  runs="breakeven( --[a-z]+ [^ ]+)* $command( |\$)" # global options may come first
  grep -qE "^ +(.*\| )?$runs" "$T/out" || reasons+=("no example running breakeven $command")
  others="$(sed -n '/^Examples:/,/^$/p' "$T/out" | grep -E '^ +(.*\| )?breakeven ' | grep -vE "$runs" |
    grep -vE "^ +breakeven pricing diff bundled aws-imported" | head -n 3)"
  [[ -z $others ]] || reasons+=("examples of other commands: $others")
  if [[ $command != pricing ]]; then
    grep -qE '^(Global options|  --format F)' "$T/out" || reasons+=("no global options section")
  fi
  case $command in
  compare | curve | crossover | check | advise)
    [[ "$(sed -n '/^Offerings: /,/^$/p' "$T/out" | tail -n +3 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')" == "$defaults" ]] ||
      reasons+=("the default offerings are not listed as pricing list marks them: $defaults")
    ;;
  esac
  if [[ ${#reasons[@]} -eq 0 ]]; then
    pass "$name"
  else
    fail "$name" "${reasons[0]}" "${reasons[@]:1}"
  fi
done
# The --format values each command's --help lists are exactly those it accepts: the help cannot
# go stale. (pricing import's help has one, json; the others list theirs.)
format_case() { # format_case COMMAND... : runs COMMAND --format F for every format
  local command=("$@") path=("$1") listed f accepted=()
  [[ $1 == pricing ]] && path+=("$2")
  run "${path[@]}" --help
  listed=" $(sed -n 's/^  --format F  *//p' "$T/out" | sed 's/:.*//; s/ (default)//; s/,/ /g' | tr -s ' ') "
  for f in table csv tsv json jsonl markdown svg html; do
    run "${command[@]}" --format "$f"
    if [[ $rc -eq 0 || ($rc -eq 1 && ${command[0]} == check) ]]; then
      accepted+=("$f")
    elif [[ $rc -ne 2 ]] || ! grep -q -- '--format' "$T/err"; then
      fail "--format list in ${path[*]} --help" "--format $f: exit $rc" "$(show_run)"
      return
    fi
  done
  if [[ " ${accepted[*]} " == "$listed" ]]; then
    pass "--format list in ${path[*]} --help is what it accepts (${accepted[*]})"
  else
    fail "--format list in ${path[*]} --help" "help lists:$listed; accepted: ${accepted[*]}"
  fi
}
format_case compare --requests 1M --offering aws.lambda.arm
format_case curve --duration-ms 100 --offering aws.lambda.arm --points 3
format_case crossover --duration-ms 100 --offering aws.lambda.arm --offering aws.ec2.m7g.large
format_case check --requests 1M --offering aws.lambda.arm --max-monthly-cost 1000
format_case advise --requests 1M --offering aws.lambda.arm
format_case pricing list
format_case pricing show aws.alb
format_case pricing validate bundled
format_case pricing diff bundled bundled
format_case pricing import aws tests/fixtures/import/AWSLambda.json

# no_escape NAME [ENV=VALUE] -- args...: the output contains no ESC byte.
color_case() {
  local name="colour: $1" want=$2
  shift 2
  local envs=()
  while [[ $# -gt 0 && $1 != -- ]]; do
    envs+=("$1")
    shift
  done
  shift
  (cd "$ROOT" && env "${envs[@]}" "$BIN" "$@") </dev/null >"$T/out" 2>"$T/err"
  rc=$?
  if [[ $rc -ne 0 ]]; then
    fail "$name" "command failed: breakeven $*" "$(show_run)"
    return
  fi
  local has=0
  grep -q "$ESC" "$T/out" && has=1
  if [[ $want == none && $has == 1 ]]; then
    fail "$name" "output contains an ESC byte" "$(head -n 3 "$T/out" | cat -v)"
  elif [[ $want == some && $has == 0 ]]; then
    fail "$name" "output contains no ESC byte" "$(head -n 3 "$T/out")"
  else
    pass "$name"
  fi
}

color_case "NO_COLOR=1 with --color auto" none NO_COLOR=1 -- compare --requests 1M --color auto
color_case "NO_COLOR=1 with --color auto (breakdown)" none NO_COLOR=1 -- compare --requests 1M --color auto --breakdown
color_case "--color never" none -- compare --requests 1M --color never --breakdown
color_case "--color never before the subcommand" none -- --color never compare --requests 1M
color_case "--color auto when stdout is not a terminal" none -- compare --requests 1M --color auto
color_case "--color always" some -- compare --requests 1M --color always
color_case "--color always leaves JSON plain" none -- compare --requests 1M --color always --format json
color_case "--color always leaves CSV plain" none -- compare --requests 1M --color always --format csv

# ---------------------------------------------------------------------------------------------
# f. Embedded rate tables: runs from anywhere, with no files beside the binary
# ---------------------------------------------------------------------------------------------

mkdir -p "$T/lonely-bin" "$T/elsewhere"
cp "$BIN" "$T/lonely-bin/breakeven"
run compare --requests 5M --format json
cp "$T/out" "$T/from-repo.json"
(cd "$T/elsewhere" && "$T/lonely-bin/breakeven" compare --requests 5M --format json) </dev/null >"$T/out" 2>"$T/err"
rc=$?
if [[ $rc -ne 0 || -s $T/err ]]; then
  fail "embedded pricing: compare from another directory" "copied binary run in an empty directory failed" "$(show_run)"
elif ! grep -q '"aws.lambda.arm"' "$T/out"; then
  fail "embedded pricing: compare from another directory" "no aws.lambda.arm in the output" "$(head -n 10 "$T/out")"
elif ! cmp -s "$T/from-repo.json" "$T/out"; then
  fail "embedded pricing: compare from another directory" "output differs from a run in the repository" \
    "$(diff -u --label repo --label elsewhere "$T/from-repo.json" "$T/out" | head -n 30)"
else
  pass "embedded pricing: compare from another directory"
fi
(cd /tmp && "$BIN" pricing list --format csv) </dev/null >"$T/out" 2>"$T/err"
rc=$?
if [[ $rc -eq 0 && ! -s $T/err ]] && grep -q '^aws\.lambda\.arm,' "$T/out"; then
  pass "embedded pricing: pricing list from /tmp"
else
  fail "embedded pricing: pricing list from /tmp" "expected aws.lambda.arm in the list" "$(show_run)"
fi


# ---------------------------------------------------------------------------------------------
# g. Curves and crossovers
# ---------------------------------------------------------------------------------------------

pair=(--offering aws.lambda.arm --offering aws.ec2.m7g.large)
io_bound=(--duration-ms 120 --cpu-ms 20)
golden "crossover pair table" "crossover-pair.txt" crossover "${io_bound[@]}" "${pair[@]}" --color never
golden "crossover pair json" "crossover-pair.json" crossover "${io_bound[@]}" "${pair[@]}" --format json
golden "crossover api table" "crossover-api.txt" crossover --scenario examples/scenarios/api.json --color never
golden "crossover api csv" "crossover-api.csv" crossover --scenario examples/scenarios/api.json --format csv
golden "crossover api markdown" "crossover-api.md" crossover --scenario examples/scenarios/api.json --format markdown
golden "crossover api json" "crossover-api.json" crossover --scenario examples/scenarios/api.json --format json
golden "curve api table" "curve-api.txt" curve --scenario examples/scenarios/api.json "${pair[@]}" --to 200M \
  --points 11 --color never
golden "curve api csv (log)" "curve-api-log.csv" curve --scenario examples/scenarios/api.json --log --from 1M --to 10B \
  --points 9 --format csv
golden "curve api tsv" "curve-api.tsv" curve --scenario examples/scenarios/api.json "${pair[@]}" --points 5 --format tsv
golden "curve api json" "curve-api.json" curve --scenario examples/scenarios/api.json "${pair[@]}" --points 5 --format json
golden "curve plot" "curve-plot.txt" curve "${io_bound[@]}" "${pair[@]}" --offering aws.eks --to 400M --points 200 --plot
golden "curve plot ascii" "curve-plot-ascii.txt" curve "${io_bound[@]}" "${pair[@]}" --to 400M --points 200 --plot --ascii
golden "curve svg" "curve-api.svg" curve --scenario examples/scenarios/api.json "${pair[@]}" --offering gcp.cloudrun \
  --log --from 1M --to 10B --points 100 --format svg

# Every crossing the JSON reports holds when compare is asked at R - 1 and R.
run crossover "${io_bound[@]}" "${pair[@]}" --format json
if [[ $rc -ne 0 ]]; then
  fail "crossover agrees with compare" "crossover failed" "$(show_run)"
else
  cp "$T/out" "$T/crossover.json"
  bad_points=()
  while read -r r after; do
    for at in $((r - 1)) "$r"; do
      run compare "${io_bound[@]}" "${pair[@]}" --requests "$at" --format json
      cheapest="$(jq -r .cheapest "$T/out")"
      if [[ $at -eq $r && $cheapest != "$after" ]]; then
        bad_points+=("at $at the cheapest is $cheapest, crossover says $after")
      elif [[ $at -ne $r && $cheapest == "$after" ]]; then
        bad_points+=("at $at (just before the crossing) $after is already the cheapest")
      fi
    done
  done < <(jq -r '.pairs[].crossings[] | "\(.requests_per_month) \(.cheaper_after)"' "$T/crossover.json")
  count="$(jq '[.pairs[].crossings[]] | length' "$T/crossover.json")"
  if [[ $count -ge 1 && ${#bad_points[@]} -eq 0 ]]; then
    pass "crossover agrees with compare at R-1 and R ($count crossings)"
  else
    fail "crossover agrees with compare" "$count crossings" "${bad_points[@]}"
  fi
  jq -e '.schema_version == 1 and (.pairs[0] | has("a") and has("b") and has("crossings")
         and has("break_even_requests_per_month"))
         and (.pairs[0].crossings[0] | has("requests_per_month") and has("rps") and has("monthly_cost")
         and has("cheaper_after"))' "$T/crossover.json" >/dev/null &&
    pass "crossover json has the contract's keys" || fail "crossover json has the contract's keys" "$(head -c 600 "$T/crossover.json")"
  # A function against a VM: each crossing's duty cycle is its rate times the 120 ms duration.
  jq -e '[.pairs[].crossings[] | (.duty_cycle - .rps * 0.12) | fabs < 1e-9] | length > 0 and all' \
    "$T/crossover.json" >/dev/null &&
    pass "crossover json: duty_cycle is rps x duration" || fail "crossover json: duty_cycle is rps x duration" \
    "$(jq -c '[.pairs[].crossings[] | {rps, duty_cycle}]' "$T/crossover.json")"
fi

# The SVG parses, has one line per offering, and one marker per crossing the JSON reports.
svg_args=(curve --scenario examples/scenarios/api.json "${pair[@]}" --offering aws.eks --offering gcp.cloudrun
  --log --from 1M --to 10B --points 100)
run "${svg_args[@]}" --format json
expected_markers="$(jq '[.crossings[].crossings[]] | length' "$T/out")"
expected_series="$(jq '.series | length' "$T/out")"
run "${svg_args[@]}" --format svg --output "$T/chart.svg"
if [[ $rc -ne 0 || -s $T/out ]]; then
  fail "svg chart" "curve --format svg --output failed or wrote to stdout" "$(show_run)"
elif ! command -v xmllint >/dev/null; then
  fail "svg chart" "xmllint is not installed (Debian package libxml2-utils)"
elif ! xmllint --noout "$T/chart.svg" 2>"$T/xml-err"; then
  fail "svg chart" "not well-formed XML" "$(cat "$T/xml-err")"
else
  series="$(xmllint --xpath 'count(//*[local-name()="polyline"][@class="series"])' "$T/chart.svg")"
  markers="$(xmllint --xpath 'count(//*[local-name()="circle"][@class="crossover"])' "$T/chart.svg")"
  labels="$(xmllint --xpath 'count(//*[local-name()="text"][@class="crossover-label"])' "$T/chart.svg")"
  axes="$(xmllint --xpath 'count(//*[local-name()="text"][@class="x-label" or @class="y-label"])' "$T/chart.svg")"
  if [[ $series == "$expected_series" && $markers == "$expected_markers" && $markers -ge 1 && $labels -ge 1 && $axes == 2 ]]; then
    pass "svg chart: $series series, $markers crossing markers, $labels labels, both axis titles"
  else
    fail "svg chart" "series $series (want $expected_series), markers $markers (want $expected_markers), labels $labels, axis titles $axes"
  fi
fi

# Regressions from fuzzing (issue 7): a crossing missed through a tie two requests wide, and a
# range that ends in a tie read as "the same throughout".
run crossover --duration-ms 1 --offering modal.h100 --offering aws.ec2.p4d.24xlarge --from 630e9 --to 660e9 --format json
if [[ $rc -eq 0 ]] && [[ "$(jq '.pairs[0].crossings | length' "$T/out")" == 4 ]] &&
  [[ "$(jq -r '.pairs[0].crossings[-1].cheaper_after == .pairs[0].cheaper_at_end' "$T/out")" == true ]]; then
  pass "crossover through a tie two requests wide: all 4 crossings, the last agrees with the end"
else
  fail "crossover through a tie two requests wide" "$(show_run)"
fi
# Without their root volumes (one per instance), two large ones cost what one xlarge does.
run crossover --duration-ms 100 --offering aws.ec2.m7g.large --offering aws.ec2.m7g.xlarge --component aws.ebs.gp3=0 --color never
if [[ $rc -eq 0 ]] && grep -qx '  never cross in range: aws.ec2.m7g.large costs less than aws.ec2.m7g.xlarge or the same throughout' "$T/out"; then
  pass "crossover ending in a tie names the option that was cheaper"
else
  fail "crossover ending in a tie names the option that was cheaper" "$(show_run)"
fi
bad "--from above --to" -f "--from" -- crossover "${pair[@]}" --from 5M --to 1M
bad "negative --from" -f "--from" -f "negative" -- curve "${pair[@]}" --from -5
bad "--to 0" -f "--to" -- curve "${pair[@]}" --to 0
bad "--to beyond 1e13" -f "--to" -- crossover "${pair[@]}" --to 1e15
bad "--points 0" -f "--points" -- curve "${pair[@]}" --points 0
bad "--points 1" -f "--points" -- curve "${pair[@]}" --points 1
bad "--to abc" -f "--to" -f "abc" -- curve "${pair[@]}" --to abc
bad "log scale from 0" -f "--from" -- curve "${pair[@]}" --log --from 0
bad "crossover with an id that matches nothing" -f "--offering" -f "did you mean" -- \
  crossover --offering aws.lambda.arm --offering aws.ec2.m7g.lrge
bad "crossover with a glob that matches only one side" -f "--offering" -f "provisioned" -- \
  crossover --offering 'aws.lambda.*' --offering cloudflare.workers
bad "svg for compare" -f "--format" -f "curve" -- compare --requests 1M --format svg
run curve "${pair[@]}" --format svg --output /nonexistent-dir/chart.svg
if [[ $rc -eq 2 && ! -s $T/out && ! -e /nonexistent-dir/chart.svg ]]; then
  pass "bad input: svg --output into a missing directory writes nothing"
else
  fail "bad input: svg --output into a missing directory" "$(show_run)"
fi


# ---------------------------------------------------------------------------------------------
# h. Budgets: breakeven check
# ---------------------------------------------------------------------------------------------

budget=examples/ci/budget.json
golden "check example budget table" "check-budget.txt" check --budget "$budget" --color never
golden "check example budget markdown" "check-budget.md" check --budget "$budget" --format markdown
golden "check example budget json" "check-budget.json" check --budget "$budget" --format json
golden "check example budget csv" "check-budget.csv" check --budget "$budget" --format csv

# expect_exit NAME CODE args...: only the exit code (and a quiet stderr) matter here.
expect_exit() {
  local name=$1 code=$2
  shift 2
  run "$@"
  if [[ $rc -eq $code && ! -s $T/err ]]; then
    pass "$name"
  else
    fail "$name" "expected exit $code: breakeven $*" "$(show_run)"
  fi
}
expect_exit "check: the example budget holds (exit 0)" 0 check --budget "$budget"
expect_exit "check: a broken one-off budget exits 1" 1 check --requests 50M --offering aws.eks --max-monthly-cost 100
expect_exit "check: flags override every check's scenario (exit 1 at 200M)" 1 check --budget "$budget" --requests 200M
expect_exit "check: a glob checks each offering" 0 check --requests 1M --offering 'aws.lambda.*' --max-monthly-cost 5

# The CI examples fail their job when a budget breaks, and pass when it holds: their shell lines
# run as each CI system runs them (GitLab: the script lines in one sh, each checked as with
# `set -e`, no pipefail; GitHub: the step's lines in `bash -e`, its output file read by the next
# step's `if`). A budget in cost/budget.json with its scenarios beside it, as the examples expect.
ci_example() { # ci_example SYSTEM BUDGET_FILTER: prints the job's exit status
  local system=$1 filter=$2 dir="$T/ci-$1"
  rm -rf "$dir" && mkdir -p "$dir/cost" "$dir/scenarios" "$dir/bin"
  cp "$ROOT"/examples/scenarios/*.json "$dir/scenarios/"
  jq "$filter" "$ROOT/$budget" >"$dir/cost/budget.json"
  ln -s "$BIN" "$dir/bin/breakeven"
  if [[ $system == gitlab ]]; then
    # The lines from the check on: the build lines before it need the network.
    sed -n '/^  script:/,/^  [a-z]/p' "$ROOT/examples/ci/gitlab-ci.yml" | grep -E '^    - ' | sed 's/^    - //' |
      sed -n '/breakeven check/,$p' >"$dir/job.sh"
    (cd "$dir" && PATH="$dir/bin:$PATH" sh -e job.sh >/dev/null 2>&1)
    echo $?
  else
    sed -n '/- name: Check budgets/,/- name:/p' "$ROOT/examples/ci/github-actions.yml" | sed -n '/run: |/,/- name:/p' |
      sed '1d;$d' | sed 's/^          //' >"$dir/step.sh"
    local status
    status=$(cd "$dir" && GITHUB_OUTPUT="$dir/out" GITHUB_STEP_SUMMARY="$dir/summary" PATH="$dir/bin:$PATH" \
      bash -e step.sh >/dev/null 2>&1; sed -n 's/^status=//p' "$dir/out")
    # The last step: `if: steps.check.outputs.status != '0'` runs `exit "<status>"`.
    grep -q "if: steps.check.outputs.status != '0'" "$ROOT/examples/ci/github-actions.yml" || { echo "no fail step"; return; }
    if [[ $status != 0 ]]; then (exit "$status"); echo $?; else echo 0; fi
  fi
}
for system in gitlab github; do
  holds="$(ci_example "$system" '.checks |= map(select((.scenario | type) == "string" and (.scenario | test("api"))))')"
  breaks="$(ci_example "$system" '.checks |= map(select((.scenario | type) == "string" and (.scenario | test("api"))) | .max_monthly_cost = 1)')"
  if [[ $holds == 0 && $breaks == 1 ]]; then
    pass "ci example $system: the job passes when budgets hold and fails (1) when one breaks"
  else
    fail "ci example $system" "job status $holds with budgets that hold (want 0), $breaks with a broken one (want 1)"
  fi
done

run check --budget "$budget" --junit "$T/checks.xml"
if [[ $rc -eq 0 ]] && xmllint --noout "$T/checks.xml" 2>/dev/null &&
  [[ "$(xmllint --xpath 'count(//testcase)' "$T/checks.xml")" == "$(jq '.checks | length' "$ROOT/$budget")" ]]; then
  pass "check: --junit writes one test case per check"
else
  fail "check: --junit" "$(show_run)" "$(head -c 400 "$T/checks.xml" 2>/dev/null)"
fi
run check --requests 50M --offering aws.eks --offering aws.lambda.arm --max-monthly-cost 100 --junit "$T/failing.xml"
failures="$(xmllint --xpath 'count(//testcase/failure)' "$T/failing.xml" 2>/dev/null)"
[[ $rc -eq 1 && $failures == 1 ]] && pass "check: --junit marks the failing check" ||
  fail "check: --junit failures" "exit $rc, $failures failures"

run check --budget "$budget" --format json
cp "$T/out" "$T/baseline.json"
run check --budget "$budget" --baseline "$T/baseline.json" --requests 60M --format json
if [[ $rc -eq 1 ]] && jq -e '.ok == false and (.checks[0].increase > 0) and (.checks[0].reasons[0] | test("over the baseline"))' \
  "$T/out" >/dev/null; then
  pass "check: --baseline shows and limits the increase"
else
  fail "check: --baseline" "$(show_run)"
fi

printf '{"schema_version": 1, "checks": [{"name": "a", "offering": "aws.lambda.arm", "max_monthly_cost": 5, "scenario": "missing.json"}]}\n' >"$T/budget-missing-scenario.json"
bad "budget with a missing scenario file" -f "$T/budget-missing-scenario.json" -f '$.checks[0].scenario' -f "missing.json" -- \
  check --budget "$T/budget-missing-scenario.json"
printf '{"schema_version": 1, "checks": [{"name": "a", "offering": "aws.lambda.arm", "scenario": {"rps": 1}}]}\n' >"$T/budget-no-limit.json"
bad "budget check without a limit" -f "$T/budget-no-limit.json" -f '$.checks[0]' -f "max_monthly_cost" -- \
  check --budget "$T/budget-no-limit.json"
printf '{"schema_version": 2, "checks": []}\n' >"$T/old-baseline.json"
bad "baseline from another schema version" -f "$T/old-baseline.json" -f "schema_version" -- \
  check --budget "$budget" --baseline "$T/old-baseline.json"
bad "budget file that does not exist" -f "$T/no-budget.json" -- check --budget "$T/no-budget.json"
bad "check with no limit" -f "--max-monthly-cost" -- check --requests 1M
bad "check with both limits" -f "--max-monthly-cost" -- check --budget "$budget" --max-monthly-cost 5
bad "check with a bad amount" -f "--max-monthly-cost" -f "lots" -- check --requests 1M --max-monthly-cost lots
run check --budget "$budget" --junit /nonexistent-dir/checks.xml
if [[ $rc -eq 2 && ! -s $T/out && ! -e /nonexistent-dir/checks.xml ]] && [[ "$(wc -l <"$T/err")" -eq 1 ]]; then
  pass "bad input: unwritable --junit path exits 2 with nothing written"
else
  fail "bad input: unwritable --junit path" "$(show_run)"
fi


# ---------------------------------------------------------------------------------------------
# i. Pipelines: scenarios as JSON Lines on stdin, streamed out
# ---------------------------------------------------------------------------------------------

batch="$SCENARIOS/batch.jsonl"
two=(--offering aws.lambda.arm --offering aws.ec2.m7g.large)
RUN_STDIN=$batch golden "pipeline csv" "pipeline-batch.csv" compare --scenario - "${two[@]}" --format csv
RUN_STDIN=$batch golden "pipeline tsv breakdown" "pipeline-batch-breakdown.tsv" compare --scenario - "${two[@]}" \
  --format tsv --breakdown
RUN_STDIN=$batch golden "pipeline jsonl" "pipeline-batch.jsonl" compare --scenario - "${two[@]}" --format jsonl
RUN_STDIN=$batch run compare --scenario - "${two[@]}" --format jsonl
records="$(grep -c . "$batch")"
if [[ $rc -eq 0 ]] && [[ "$(wc -l <"$T/out")" -eq $((records * 2)) ]] && jq -e -s \
  'all(.[]; .schema_version == 1 and (.scenario | length > 0) and has("offering") and has("monthly_cost"))' \
  "$T/out" >/dev/null; then
  pass "pipeline jsonl: one valid object per scenario and offering"
else
  fail "pipeline jsonl" "$(show_run)"
fi
RUN_STDIN=$batch run compare --scenario - "${two[@]}" --format json
if [[ $rc -eq 0 ]] && jq -e --argjson n "$records" '.schema_version == 1 and (.reports | length == $n)' "$T/out" >/dev/null; then
  pass "pipeline json: one document with a report per scenario"
else
  fail "pipeline json" "$(show_run)"
fi
RUN_STDIN=$batch run compare --scenario - "${two[@]}" --format csv --duration-ms 500
if [[ $rc -eq 0 ]] && ! cmp -s "$T/out" "$GOLDEN/pipeline-batch.csv"; then
  pass "pipeline: flags override every record"
else
  fail "pipeline: flags override every record" "output unchanged by --duration-ms 500"
fi

printf '{"name": "a", "requests_per_month": 1000000}\n{"name": "b", "requests_per_month": -1}\n\n{"name": "c", "rps": 3}\n' >"$T/one-bad.jsonl"
RUN_STDIN=$T/one-bad.jsonl run compare --scenario - --offering aws.lambda.arm --format csv --keep-going
if [[ $rc -eq 2 && "$(wc -l <"$T/err")" -eq 1 ]] && grep -q "<stdin> line 2: \$.requests_per_month" "$T/err" &&
  [[ "$(cut -d, -f1 "$T/out" | tr '\n' ' ')" == "scenario a c " ]]; then
  pass "pipeline --keep-going: the bad record is named, skipped, and the run exits 2"
else
  fail "pipeline --keep-going" "$(show_run)"
fi
bad "pipeline without --keep-going stops at the bad record" -i "$T/one-bad.jsonl" -f "<stdin> line 2" -- \
  compare --scenario - --offering aws.lambda.arm --format csv --output "$T/never.csv"
[[ ! -e $T/never.csv ]] && pass "pipeline: --output is not written when a record is bad" ||
  fail "pipeline: --output" "$T/never.csv exists after a bad record"
printf '{"name": "a", "requests_per_month": 1000000}\n{"name": "b", oops}\n' >"$T/malformed.jsonl"
bad "pipeline with a malformed record names its line" -i "$T/malformed.jsonl" -f "<stdin> line 2" -f "malformed JSON" -- \
  compare --scenario - --format jsonl
RUN_STDIN=$batch golden "pipeline crossover csv" "pipeline-crossover.csv" crossover --scenario - "${two[@]}" --format csv
# crossover --scenario - streams as compare does: a bad record stops it before anything is
# written, or with --keep-going is named, skipped, and the run exits 2.
bad "pipeline crossover stops at the bad record" -i "$T/one-bad.jsonl" -f "<stdin> line 2" -- \
  crossover --scenario - "${two[@]}" --format json --output "$T/never.json"
[[ ! -e $T/never.json ]] && pass "pipeline crossover: --output is not written when a record is bad" ||
  fail "pipeline crossover: --output" "$T/never.json exists after a bad record"
RUN_STDIN=$T/one-bad.jsonl run crossover --scenario - "${two[@]}" --format csv --keep-going
if [[ $rc -eq 2 && "$(wc -l <"$T/err")" -eq 1 ]] && grep -q "<stdin> line 2: .*(skipped)" "$T/err" &&
  [[ "$(cut -d, -f1 "$T/out" | sort -u | tr '\n' ' ')" == "a c scenario " ]]; then
  pass "pipeline crossover --keep-going: the bad record is named, skipped, and the run exits 2"
else
  fail "pipeline crossover --keep-going" "$(show_run)"
fi
RUN_STDIN=$T/one-bad.jsonl run crossover --scenario - "${two[@]}" --format json --keep-going
[[ $rc -eq 2 ]] && jq -e '.reports | length == 2' "$T/out" >/dev/null &&
  pass "pipeline crossover --keep-going json: one document, the good reports" ||
  fail "pipeline crossover --keep-going json" "$(show_run)"
printf '' >"$T/empty.jsonl"
bad "pipeline crossover with nothing on standard input" -i "$T/empty.jsonl" -f "no scenario" -- \
  crossover --scenario - "${two[@]}" --keep-going
RUN_STDIN=$batch run crossover --scenario - "${two[@]}" --format json
[[ $rc -eq 0 ]] && jq -e --argjson n "$records" '.reports | length == $n' "$T/out" >/dev/null &&
  pass "pipeline crossover json: a report per scenario" || fail "pipeline crossover json" "$(show_run)"
RUN_STDIN=$batch run curve --scenario - "${two[@]}" --points 3 --format json
[[ $rc -eq 0 ]] && jq -e --argjson n "$records" '(.reports | length) == $n and (.reports[0].series | length) == 2' "$T/out" \
  >/dev/null && pass "pipeline curve json: a report per scenario" || fail "pipeline curve json" "$(show_run)"
bad "curve csv over several scenarios" -i "$batch" -f "--format" -f "one scenario" -- \
  curve --scenario - "${two[@]}" --format csv
bad "curve --plot over several scenarios" -i "$batch" -f "--plot" -- curve --scenario - "${two[@]}" --plot
printf '{\n  "name": "pretty",\n  "requests_per_month": 3000000\n}\n' >"$T/pretty.json"
RUN_STDIN=$T/pretty.json run compare --scenario - --offering aws.lambda.arm --format csv
[[ $rc -eq 0 ]] && grep -q '^pretty,aws.lambda.arm' "$T/out" && pass "pipeline: one pretty-printed object on stdin" ||
  fail "pipeline: one pretty-printed object" "$(show_run)"

# A long stream is priced on several threads (BREAKEVEN_THREADS, default one a core) in batches
# of 128 records: the output, the warnings and the errors are the same byte for byte whatever the
# number of threads. 1,000 varied records (every tenth named, some with a profile or a cold-start
# share) span eight batches.
awk 'BEGIN {
  split("3 12.5 40 100 250 800 2000 15000 120000", d, " "); split("128 256 512 1024 1769 2048 4096", m, " ")
  for (i = 0; i < 1000; i++) {
    h = (i * 2654435761) % 4294967296
    line = sprintf("{\"requests_per_month\": %d, \"duration_ms\": %s, \"memory_mb\": %s", 1000 * (1 + h % 9973) * (1 + i % 97), d[1 + h % 9], m[1 + int(h / 256) % 7])
    if (i % 10 == 0) line = line sprintf(", \"name\": \"svc-%d%s\"", i, i % 20 == 0 ? ", eu" : "")
    if (i % 37 == 0) line = line ", \"cold_start_share\": 0.01, \"init_ms\": 300"
    if (i % 53 == 0) line = line ", \"profile\": [9, 9, 9, 9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"
    print line "}"
  }
}' >"$T/long.jsonl"
threads_same() { # threads_same NAME ARGS...: stdout, stderr and exit code alike with 1, 2 and 3 threads
  local name=$1 reference=""
  shift
  for threads in 1 2 3; do
    BREAKEVEN_THREADS=$threads RUN_STDIN=$T/long.jsonl run "$@"
    local result
    result="$rc $(md5sum <"$T/out") $(md5sum <"$T/err") $(wc -l <"$T/out")"
    if [[ -z $reference ]]; then
      reference=$result
    elif [[ $result != "$reference" ]]; then
      fail "pipeline on $threads threads: $name" "1 thread: $reference; $threads: $result"
      return
    fi
  done
  [[ ${reference%% *} -eq 0 && ${reference##* } -gt 1000 ]] &&
    pass "pipeline on 1, 2 and 3 threads: $name, the same bytes ($(wc -l <"$T/out") lines)" ||
    fail "pipeline threads: $name" "$(show_run)"
}
threads_same "compare csv" compare --scenario - "${two[@]}" --format csv
threads_same "compare tsv, the default set (stale price warnings in order)" compare --scenario - --format tsv
threads_same "compare csv --breakdown" compare --scenario - "${two[@]}" --format csv --breakdown
threads_same "compare json" compare --scenario - "${two[@]}" --format json
threads_same "compare jsonl" compare --scenario - --offering 'gcp.*' --format jsonl
threads_same "compare table" compare --scenario - "${two[@]}" --format table
threads_same "compare markdown, ranged flags (samples on each record)" compare --scenario - "${two[@]}" \
  --format markdown --concurrency 1..8 --samples 200 --seed 7
threads_same "crossover csv" crossover --scenario - "${two[@]}" --format csv
grep -q '"name": "svc-0, eu"' "$T/long.jsonl" && pass "pipeline threads: the input names records with commas" ||
  fail "pipeline threads: input" "no named record"
# A bad record in the sixth batch: nothing written, the record named, whatever the threads.
awk 'NR == 700 { print "{\"requests_per_month\": -5}"; next } { print }' "$T/long.jsonl" >"$T/long-bad.jsonl"
for threads in 1 2 3; do
  BREAKEVEN_THREADS=$threads bad "pipeline on $threads threads stops at a bad record far in" -i "$T/long-bad.jsonl" \
    -f "<stdin> line 700" -f "requests_per_month" -- compare --scenario - "${two[@]}" --format csv --output "$T/never.csv"
done
[[ ! -e $T/never.csv ]] && pass "pipeline on threads: --output is not written when a record far in is bad" ||
  fail "pipeline on threads: --output" "$T/never.csv exists after a bad record"
# Two bad records: the first one is named, as one thread names it.
awk 'NR == 300 || NR == 900 { print "{\"duration_ms\": 0}"; next } { print }' "$T/long.jsonl" >"$T/long-two-bad.jsonl"
BREAKEVEN_THREADS=3 bad "pipeline on 3 threads names the first of two bad records" -i "$T/long-two-bad.jsonl" \
  -f "<stdin> line 300" -- compare --scenario - "${two[@]}" --format csv
# A long CSV or TSV curve is computed and formatted in blocks of 2,048 rows on every core: the
# same bytes on 1, 2 and 3 threads (10,000 points, five blocks, staircases that repeat a cost
# across a block's edge).
for format in csv tsv; do
  reference=""
  for threads in 1 2 3; do
    BREAKEVEN_THREADS=$threads run curve --offering aws.lambda.arm --offering aws.ec2.m7g.large --offering gcp.cloudrun \
      --points 10000 --to 5B --format "$format"
    result="$rc $(md5sum <"$T/out") $(wc -l <"$T/out")"
    [[ -z $reference ]] && reference=$result
    [[ $result == "$reference" ]] || break
  done
  [[ $result == "$reference" && $rc -eq 0 && ${result##* } -eq 10001 ]] &&
    pass "curve $format on 1, 2 and 3 threads: the same bytes" || fail "curve $format on threads" "$reference / $result"
done
BREAKEVEN_THREADS=x bad "curve with BREAKEVEN_THREADS=x" -f "BREAKEVEN_THREADS" -- curve --points 10 --format csv
for value in 0 257 1.5 many -1; do
  BREAKEVEN_THREADS=$value bad "BREAKEVEN_THREADS=$value" -i "$T/long.jsonl" -f "BREAKEVEN_THREADS" -f "\"$value\"" -- \
    compare --scenario - "${two[@]}" --format csv
done


# ---------------------------------------------------------------------------------------------
# j. Colour everywhere, and check over JSON Lines
# ---------------------------------------------------------------------------------------------

color_case "NO_COLOR=1: check" none NO_COLOR=1 -- check --requests 50M --offering aws.eks --max-monthly-cost 1000 --color auto
color_case "--color always: check" some -- check --requests 50M --offering aws.eks --max-monthly-cost 1000 --color always
color_case "--color always: crossover" some -- crossover --duration-ms 120 --offering aws.lambda.arm \
  --offering aws.ec2.m7g.large --color always
color_case "--color never: crossover" none -- crossover --duration-ms 120 --offering aws.lambda.arm \
  --offering aws.ec2.m7g.large --color never
color_case "NO_COLOR=1: curve" none NO_COLOR=1 -- curve --offering aws.lambda.arm --points 3 --color auto
RUN_STDIN=$batch run check --scenario - --offering aws.lambda.arm --max-monthly-cost 100 --format json
if [[ $rc -eq 1 ]] && jq -e '(.checks | length) == 3 and .checks[2].name == "busy api / aws.lambda.arm"
    and .checks[2].ok == false and .checks[0].ok' "$T/out" >/dev/null; then
  pass "check over JSON Lines: a check per scenario and offering"
else
  fail "check over JSON Lines" "$(show_run)"
fi

# ---------------------------------------------------------------------------------------------
# k. Writing safely: devices, FIFOs, links, modes, temporary files, write errors
# ---------------------------------------------------------------------------------------------

# only_entries NAME DIR [ENTRY]...: DIR holds exactly these entries (no temporary file left).
only_entries() {
  local name=$1 dir=$2
  shift 2
  local expected actual
  expected="$(printf '%s\n' "$@" | sort)"
  actual="$(ls -A "$dir" | sort)"
  if [[ $actual == "$expected" ]]; then
    pass "$name"
  else
    fail "$name" "$dir holds: $(tr '\n' ' ' <<<"$actual")" "expected: $(tr '\n' ' ' <<<"$expected")"
  fi
}

# Anything that exists and is not a regular file is written in place, never replaced. A private
# device node is tried first, so that a regression cannot take the machine's /dev/null with it.
mkdir "$T/dev"
if mknod "$T/dev/null" c 1 3 2>/dev/null && mknod "$T/dev/full" c 1 7 2>/dev/null; then
  run compare --requests 1M --output "$T/dev/null"
  if [[ $rc -eq 0 && ! -s $T/out && ! -s $T/err && -c $T/dev/null ]]; then
    pass "--output to a device node writes in place"
  else
    fail "--output to a device node writes in place" "$(ls -l "$T/dev/null")" "$(show_run)"
  fi
  bad "--output to a full device" -f "$T/dev/full" -f "No space left on device" -- \
    compare --requests 1M --output "$T/dev/full"
  [[ -c $T/dev/full ]] && pass "--output to a full device leaves the device as it was" ||
    fail "--output to a full device leaves the device as it was" "$(ls -l "$T/dev/full")"
  only_entries "--output to a device leaves no temporary file" "$T/dev" null full
else
  echo "ok - --output to a private device node # skip: mknod needs root"
fi
if [[ $EUID -ne 0 || (-c $T/dev/null && -c $T/dev/full) ]]; then
  run compare --requests 1M --output /dev/null
  if [[ $rc -eq 0 && ! -s $T/out && ! -s $T/err && -c /dev/null ]]; then
    pass "--output /dev/null"
  else
    fail "--output /dev/null" "$(ls -l /dev/null)" "$(show_run)"
  fi
  if [[ -c /dev/full ]]; then
    bad "--output /dev/full" -f "/dev/full" -f "No space left on device" -- compare --requests 1M --output /dev/full
  fi
else
  fail "--output /dev/null" "not tried: --output replaced a private device node with a file"
fi

mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/fifo-read" &
reader=$!
run compare --requests 1M --format csv --output "$T/fifo"
[[ -p $T/fifo ]] || kill "$reader" 2>/dev/null
wait "$reader"
(cd "$ROOT" && "$BIN" compare --requests 1M --format csv) </dev/null >"$T/fifo-expected" 2>/dev/null
if [[ $rc -eq 0 && -p $T/fifo ]] && cmp -s "$T/fifo-expected" "$T/fifo-read"; then
  pass "--output to a FIFO writes into it"
else
  fail "--output to a FIFO writes into it" "$(ls -l "$T/fifo")" "$(show_run)"
fi

# A replaced file keeps its mode and owner; a new one gets the usual 0666 less the umask.
mkdir "$T/modes"
echo secret >"$T/modes/private.json"
chmod 600 "$T/modes/private.json"
run compare --requests 1M --format json --output "$T/modes/private.json"
mode="$(stat -c %a "$T/modes/private.json")"
if [[ $rc -eq 0 && $mode == 600 ]] && jq -e '.schema_version == 1' "$T/modes/private.json" >/dev/null 2>&1; then
  pass "--output keeps a replaced file's mode (0600)"
else
  fail "--output keeps a replaced file's mode (0600)" "mode $mode" "$(show_run)"
fi
echo old >"$T/modes/owned.json"
if [[ $EUID -eq 0 ]]; then
  chown 65534:65534 "$T/modes/owned.json"
  run compare --requests 1M --format json --output "$T/modes/owned.json"
  owner="$(stat -c %u:%g "$T/modes/owned.json")"
  [[ $rc -eq 0 && $owner == 65534:65534 ]] && pass "--output keeps a replaced file's owner" ||
    fail "--output keeps a replaced file's owner" "owner $owner" "$(show_run)"
fi
(umask 027 && touch "$T/modes/touched" && cd "$ROOT" &&
  "$BIN" compare --requests 1M --output "$T/modes/new.txt") </dev/null >"$T/out" 2>"$T/err"
rc=$?
mode="$(stat -c %a "$T/modes/new.txt" 2>/dev/null)"
[[ $rc -eq 0 && $mode == "$(stat -c %a "$T/modes/touched")" ]] &&
  pass "--output creates a file with the mode touch would (umask 027)" ||
  fail "--output creates a file with the mode touch would (umask 027)" "mode $mode" "$(show_run)"
only_entries "--output leaves no temporary file beside what it replaced" "$T/modes" private.json owned.json touched new.txt

# Through a symbolic link the link's target is replaced and the link stays a link.
mkdir -p "$T/links/targets" "$T/links/here"
echo stale >"$T/links/targets/real.json"
ln -s ../targets/real.json "$T/links/here/link.json"
ln -s link.json "$T/links/here/chain.json"
ln -s ../targets/new.json "$T/links/here/dangling.json"
ln -s "$T/links/targets" "$T/links/here/dir-link"
ln -s loop-b "$T/links/here/loop-a"
ln -s loop-a "$T/links/here/loop-b"
run compare --requests 1M --format json --output "$T/links/here/link.json"
if [[ $rc -eq 0 && -L $T/links/here/link.json && "$(readlink "$T/links/here/link.json")" == ../targets/real.json ]] &&
  jq -e '.schema_version == 1' "$T/links/targets/real.json" >/dev/null 2>&1; then
  pass "--output through a symbolic link replaces its target and keeps the link"
else
  fail "--output through a symbolic link replaces its target and keeps the link" \
    "$(ls -l "$T/links/here/link.json" "$T/links/targets")" "$(show_run)"
fi
echo stale >"$T/links/targets/real.json"
run compare --requests 1M --format json --output "$T/links/here/chain.json"
[[ $rc -eq 0 && -L $T/links/here/chain.json ]] && jq -e '.schema_version == 1' "$T/links/targets/real.json" \
  >/dev/null 2>&1 && pass "--output through a chain of links replaces the last target" ||
  fail "--output through a chain of links replaces the last target" "$(ls -l "$T/links/here")" "$(show_run)"
run compare --requests 1M --format json --output "$T/links/here/dangling.json"
[[ $rc -eq 0 && -L $T/links/here/dangling.json && -f $T/links/targets/new.json ]] &&
  pass "--output through a dangling link creates its target" ||
  fail "--output through a dangling link creates its target" "$(ls -l "$T/links/here" "$T/links/targets")" "$(show_run)"
bad "--output onto a link to a directory" -f "$T/links/here/dir-link" -f "directory" -- \
  compare --requests 1M --output "$T/links/here/dir-link"
bad "--output onto a loop of links" -f "$T/links/here/loop-a" -f "symbolic links" -- \
  compare --requests 1M --output "$T/links/here/loop-a"
only_entries "--output through links leaves no temporary file (links)" "$T/links/here" \
  link.json chain.json dangling.json dir-link loop-a loop-b
only_entries "--output through links leaves no temporary file (targets)" "$T/links/targets" real.json new.json

# The temporary file is created afresh (O_EXCL), not at a name known in advance: a link planted
# at the old `<output>.tmp-<pid>` made the run write through it into another file.
mkdir "$T/planted"
echo precious >"$T/planted/victim"
(cd "$ROOT" && bash -c 'ln -s "$1/victim" "$1/out.json.tmp-$$" && exec "$2" "${@:3}"' _ "$T/planted" "$BIN" \
  compare --requests 1M --format json --output "$T/planted/out.json") </dev/null >"$T/out" 2>"$T/err"
rc=$?
if [[ $rc -eq 0 && "$(cat "$T/planted/victim")" == precious && -f $T/planted/out.json && ! -L $T/planted/out.json ]]; then
  pass "--output does not write through a link planted at a predictable temporary name"
else
  fail "--output does not write through a link planted at a predictable temporary name" \
    "victim: $(head -c 80 "$T/planted/victim")" "$(ls -l "$T/planted")" "$(show_run)"
fi

# A write that fails half-way (here: the file size limit) keeps the old file and leaves no temporary.
mkdir "$T/too-big"
echo precious >"$T/too-big/curve.csv"
(trap '' XFSZ && ulimit -f 64 && cd "$ROOT" &&
  exec "$BIN" curve --duration-ms 50 --points 20000 --format csv --output "$T/too-big/curve.csv") \
  </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_error "--output that fails half-way" "$T/too-big/curve.csv" "too large" -- curve --output "$T/too-big/curve.csv"
[[ "$(cat "$T/too-big/curve.csv")" == precious ]] && pass "--output that fails half-way keeps the old file" ||
  fail "--output that fails half-way keeps the old file" "$(head -c 80 "$T/too-big/curve.csv")"
only_entries "--output that fails half-way leaves no temporary file" "$T/too-big" curve.csv

# A run ended by a signal while its --output is being streamed leaves no temporary file.
mkdir "$T/signal-in" "$T/signal-out"
mkfifo "$T/signal-in/fifo"
(cd "$ROOT" && exec "$BIN" compare --scenario - --keep-going --format csv --output "$T/signal-out/out.csv") \
  <"$T/signal-in/fifo" >"$T/out" 2>"$T/err" &
streamer=$!
exec {feed}>"$T/signal-in/fifo"
printf '{"requests_per_month": 1000000}\n' >&"$feed"
for _ in $(seq 1 100); do
  [[ -n "$(ls -A "$T/signal-out")" ]] && break
  sleep 0.05
done
kill -TERM "$streamer"
wait "$streamer"
rc=$?
exec {feed}>&-
if [[ $rc -eq 143 && -z "$(ls -A "$T/signal-out")" ]]; then
  pass "--output interrupted by SIGTERM leaves no temporary file"
else
  fail "--output interrupted by SIGTERM leaves no temporary file" "exit code $rc; left: $(ls -A "$T/signal-out")"
fi

# Output files that name a directory, or sit in a missing one.
bad "--output onto a directory named with a slash" -f "directory" -- \
  compare --requests 1M --output "$T/dir-parent/out-dir/"
bad "--output to a new name ending in a slash" -f "$T/dir-parent/new-dir/" -- \
  compare --requests 1M --output "$T/dir-parent/new-dir/"
bad "--junit onto a directory" -f "$T/dir-parent/out-dir" -f "directory" -- \
  check --requests 1M --max-monthly-cost 5 --junit "$T/dir-parent/out-dir"
bad "--output /" -f "directory" -- compare --requests 1M --output /
bad "--output under a missing directory" -f "$T/dir-parent/missing/out.json" -- \
  compare --requests 1M --output "$T/dir-parent/missing/out.json"
bad "--output under a file" -f "$T/modes/new.txt/out.json" -- compare --requests 1M --output "$T/modes/new.txt/out.json"
only_entries "--output onto or under a directory leaves nothing behind" "$T/dir-parent" out-dir
only_entries "--output onto or under a directory leaves nothing behind (inside)" "$T/dir-parent/out-dir"

# check: --junit and --output are written together or not at all.
mkdir "$T/junit"
bad "check whose --output cannot be written" -f "/nonexistent-dir/report.md" -- \
  check --budget "$budget" --junit "$T/junit/checks.xml" --output /nonexistent-dir/report.md
[[ ! -e $T/junit/checks.xml ]] && pass "check: no --junit file when --output cannot be written" ||
  fail "check: no --junit file when --output cannot be written" "$T/junit/checks.xml was written"
echo precious >"$T/junit/old.xml"
(cd "$ROOT" && "$BIN" check --budget "$budget" --junit "$T/junit/old.xml") </dev/null >/dev/full 2>"$T/err"
rc=$?
: >"$T/out"
expect_error "check whose standard output is full" "<stdout>" "No space left on device" -- check --junit ... '>/dev/full'
[[ "$(cat "$T/junit/old.xml")" == precious ]] && pass "check: --junit is not written when the report is not" ||
  fail "check: --junit is not written when the report is not" "$(head -c 80 "$T/junit/old.xml")"
only_entries "check: --junit and --output failing leave no file" "$T/junit" old.xml

# Write errors on standard output: exit 2 and one line, not exit 0.
for i in $(seq 1 3000); do
  printf '{"name": "s%d", "requests_per_month": %d}\n' "$i" $((i * 1000))
done >"$T/many.jsonl"
(cd "$ROOT" && "$BIN" compare --requests 1M) </dev/null >/dev/full 2>"$T/err"
rc=$?
: >"$T/out"
expect_error "compare to a full standard output" "<stdout>" "No space left on device" -- compare '>/dev/full'
(cd "$ROOT" && "$BIN" compare --scenario - --keep-going --format csv) <"$T/many.jsonl" >/dev/full 2>"$T/err"
rc=$?
expect_error "compare --keep-going to a full standard output stops at once" "<stdout>" "No space left on device" -- \
  compare --scenario - --keep-going '>/dev/full'
(cd "$ROOT" && "$BIN" --help) </dev/null >/dev/full 2>"$T/err"
rc=$?
expect_error "--help to a full standard output" "<stdout>" "No space left on device" -- --help '>/dev/full'
# With SIGPIPE ignored a closed pipe is a write error like any other (EPIPE): exit 2, one line.
(trap '' PIPE && cd "$ROOT" && "$BIN" curve --duration-ms 50 --points 100000 --format csv </dev/null 2>"$T/err" |
  head -n 1 >/dev/null && exit "${PIPESTATUS[0]}")
rc=$?
expect_error "curve into a closed pipe, SIGPIPE ignored" "<stdout>" "Broken pipe" -- curve ... '|' head -n 1
# With SIGPIPE at its default the run just ends, as Unix tools do, and leaves nothing in TMPDIR.
sigpipe_default=()
if env --default-signal=PIPE true 2>/dev/null; then
  sigpipe_default=(env --default-signal=PIPE)
fi
mkdir "$T/spool-tmp"
(cd "$ROOT" && TMPDIR="$T/spool-tmp" "${sigpipe_default[@]}" "$BIN" compare --scenario - --format csv \
  <"$T/many.jsonl" 2>"$T/err" | head -n 1 >"$T/out" && exit "${PIPESTATUS[0]}")
rc=$?
if [[ $rc -eq 141 && ! -s $T/err && "$(cat "$T/out")" == scenario,* ]]; then
  pass "compare --scenario - into a closed pipe ends quietly (SIGPIPE)"
else
  fail "compare --scenario - into a closed pipe ends quietly (SIGPIPE)" "$(show_run)"
fi
only_entries "standard input spooled, killed by SIGPIPE: nothing left in TMPDIR" "$T/spool-tmp"
for format in csv json table; do
  (cd "$ROOT" && "${sigpipe_default[@]}" "$BIN" curve --points 200000 --format "$format" 2>"$T/err" |
    head -n 1 >"$T/out" && exit "${PIPESTATUS[0]}")
  rc=$?
  if [[ $rc -eq 141 && ! -s $T/err && -s $T/out ]]; then
    pass "curve --points 200000 --format $format into a closed pipe ends quietly (SIGPIPE)"
  else
    fail "curve --points 200000 --format $format into a closed pipe ends quietly (SIGPIPE)" "$(show_run)"
  fi
done

# The spool file for standard input is anonymous: no name to plant a link at, nothing left behind.
echo precious >"$T/spool-victim"
(cd "$ROOT" && TMPDIR="$T/spool-tmp" bash -c 'ln -s "$1" "$TMPDIR/breakeven-stdin-$$" && exec "$2" "${@:3}"' _ \
  "$T/spool-victim" "$BIN" compare --scenario - --format csv) <"$batch" >"$T/out" 2>"$T/err"
rc=$?
if [[ $rc -eq 0 && "$(cat "$T/spool-victim")" == precious && -s $T/out ]]; then
  pass "standard input is not spooled through a link planted at a predictable name"
else
  fail "standard input is not spooled through a link planted at a predictable name" \
    "victim: $(head -c 80 "$T/spool-victim")" "$(show_run)"
fi
rm -f "$T/spool-tmp"/breakeven-stdin-*
only_entries "standard input spooled: nothing left in TMPDIR" "$T/spool-tmp"
TMPDIR="$T/no-such-tmp" bad "standard input with TMPDIR missing" -i "$batch" -f "$T/no-such-tmp" -- \
  compare --scenario - --format csv

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
