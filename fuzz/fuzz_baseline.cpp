// Baselines as `check --baseline FILE` reads them: the JSON output of an earlier check run.
// `Error` is the expected rejection; anything else is a finding. A baseline that loads is
// compared with a fixed budget (the checks of examples/ci/budget.json, scenarios inline) and
// the report written as JSON.

#include "fuzz_support.hpp"

#include <breakeven/budget.hpp>
#include <breakeven/error.hpp>
#include <breakeven/render.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace breakeven;

namespace {

const Budget& fixed_budget() {
  static const Budget budget = parse_budget(R"json({"schema_version": 1, "checks": [
    {"name": "api on Lambda (Arm)", "offering": "aws.lambda.arm", "max_monthly_cost": 60, "max_increase_percent": 10,
     "scenario": {"requests_per_month": 5e7, "duration_ms": 120, "memory_mb": 512, "cpu_ms": 40, "peak_to_average": 3}},
    {"name": "api on Fargate (Arm)", "offering": "aws.fargate.arm", "max_monthly_cost": 150, "max_increase_percent": 0,
     "scenario": {"requests_per_month": 5e7, "duration_ms": 120, "memory_mb": 512, "cpu_ms": 40, "peak_to_average": 3}},
    {"name": "nightly batch on a VM", "offering": "aws.ec2.m7g.large", "max_monthly_cost": 200,
     "scenario": {"requests_per_month": 9000, "duration_ms": 1200000, "memory_mb": 2048}}]})json",
                                            "fixed-budget.json", ".");
  return budget;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Baseline baseline;
  try {
    baseline = parse_baseline(text, "fuzz-baseline.json");
  } catch (const Error&) {
    return 0;
  }
  for (const auto& [name, cost] : baseline.costs) {
    if (cost && !fuzz::is_cost(*cost)) {
      fuzz::fail("baseline \"{}\" has cost {}", name, *cost);
    }
  }
  CheckReport report = run_checks(fuzz::bundled(), fixed_budget(), baseline);
  render_check(report, Format::json, {});
  return 0;
}
