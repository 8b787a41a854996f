// Budget files as `check --budget FILE` reads them, from a directory that does not exist (so a
// relative scenario path is "not found"). `Error` is the expected rejection. A budget that
// loads is checked against the bundled catalogue and written as JSON.

#include "fuzz_support.hpp"

#include <breakeven/budget.hpp>
#include <breakeven/error.hpp>
#include <breakeven/render.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

using namespace breakeven;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Budget budget;
  try {
    budget = parse_budget(text, "fuzz-budget.json", "/nonexistent/breakeven-fuzz");
  } catch (const Error&) {
    return 0;
  }
  CheckReport report;
  try {
    report = run_checks(fuzz::bundled(), budget, std::nullopt);
  } catch (const Error&) {
    return 0; // an unknown offering, add-on or node type
  }
  for (const auto& result : report.checks) {
    if (result.monthly_cost && !fuzz::is_cost(*result.monthly_cost)) {
      fuzz::fail("check \"{}\" on {}: monthly cost is {}", result.name, result.offering, *result.monthly_cost);
    }
  }
  render_check(report, Format::json, {});
  return 0;
}
