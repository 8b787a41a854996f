// Scenarios as `compare --scenario FILE` and `compare --scenario -` read them: one object, then
// the same text as a stream (one object or JSON Lines). `Error` is the expected rejection. The
// first few scenarios that have traffic are priced on the default offerings (the first also
// written as JSON); every estimate must hold its invariants (costs finite and not negative, line
// items sum to the total). A flat record, which parse_scenario reads without a JSON document,
// must read the same as through the full parser (forced by a "$schema" key only it takes).

#include "fuzz_support.hpp"

#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/render.hpp>
#include <breakeven/scenario.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
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

// The same object with a "$schema" key first, which sends it through the full JSON parser; empty
// when the text is not an object with a member.
std::string with_schema_key(const std::string& text) {
  std::size_t open = text.find_first_not_of(" \t\r\n");
  if (open == std::string::npos || text[open] != '{') {
    return {};
  }
  std::size_t first = text.find_first_not_of(" \t\r\n", open + 1);
  if (first == std::string::npos || text[first] == '}') {
    return {};
  }
  return text.substr(0, open + 1) + R"("$schema": "x", )" + text.substr(open + 1);
}

std::optional<Scenario> try_parse(const std::string& text) {
  try {
    return parse_scenario(text, "fuzz.json");
  } catch (const Error&) {
    return std::nullopt;
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t priced = 0;
  try {
    priced += price(parse_scenario(text, "fuzz.json"), "fuzz.json", true) ? 1 : 0;
  } catch (const Error&) {
  }

  if (std::string forced = with_schema_key(text); !forced.empty()) {
    std::optional<Scenario> read = try_parse(text);
    std::optional<Scenario> full = try_parse(forced);
    if (read.has_value() != full.has_value() || (read && !(*read == *full))) {
      fuzz::fail("the record reads {} alone and {} through the full parser: {}", read ? "as a scenario" : "as an error",
                 full ? "as a scenario" : "as an error", text);
    }
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
