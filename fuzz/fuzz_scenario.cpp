// Scenarios as `compare --scenario FILE` and `compare --scenario -` read them: one object, then
// the same text as a stream (one object or JSON Lines). `Error` is the expected rejection. The
// first few scenarios that have traffic are priced on the default offerings (the first also
// written as JSON); every estimate must hold its invariants (costs finite and not negative, line
// items sum to the total).

#include "fuzz_support.hpp"

#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/render.hpp>
#include <breakeven/scenario.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

using namespace breakeven;

namespace {

// Records read from one input, good or bad, and records priced: enough for the stream's
// line handling, few enough that an input stays fast.
constexpr std::size_t k_max_records = 64;
constexpr std::size_t k_max_priced = 4;

// The offerings `compare` prices when none are named: one or two of each kind per provider.
const std::vector<const Offering*>& default_offerings() {
  static const std::vector<const Offering*> offerings = fuzz::bundled().defaults();
  return offerings;
}

// Prices a scenario that has traffic on the default offerings, and writes the report as JSON
// when `render` (the writer costs more than the pricing); false when the scenario has no
// traffic or names an unknown add-on or node type (rejected as the CLI would reject it).
bool price(const Scenario& scenario, const std::string& source, bool render) {
  try {
    check_complete(scenario, source);
  } catch (const Error&) {
    return false;
  }
  CompareReport report;
  try {
    report = compare(fuzz::bundled(), default_offerings(), scenario);
  } catch (const Error&) {
    return false;
  }
  for (const auto& result : report.results) {
    fuzz::check_estimate(result, source);
  }
  if (render) {
    render_compare(report, Format::json, {});
  }
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t priced = 0;
  try {
    priced += price(parse_scenario(text, "fuzz.json"), "fuzz.json", true) ? 1 : 0;
  } catch (const Error&) {
  }

  std::istringstream in(text);
  ScenarioStream stream(in, "<stdin>");
  for (std::size_t records = 0; records < k_max_records; ++records) {
    std::optional<Scenario> scenario;
    try {
      scenario = stream.next();
    } catch (const Error&) {
      continue; // a bad record; the stream goes on past it (--keep-going)
    }
    if (!scenario) {
      break;
    }
    if (priced < k_max_priced) {
      priced += price(*scenario, "<stdin>", priced == 0) ? 1 : 0;
    }
  }
  return 0;
}
