// Rate tables as `--pricing FILE` reads them. `Error` is the expected rejection; any other
// exception, a crash or a sanitizer report is a finding. A table that loads is added to the
// bundled catalogue, and each of its offerings is estimated and shown as `pricing show` would.

#include "fuzz_support.hpp"

#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/render.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace breakeven;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  RateTable table;
  try {
    table = parse_rate_table(text, "fuzz.json");
  } catch (const Error&) {
    return 0;
  }
  std::vector<std::string> ids;
  for (const auto& offering : table.offerings) {
    ids.push_back(offering.id);
  }
  Catalogue catalogue = fuzz::bundled();
  try {
    catalogue.add(std::move(table));
    catalogue.check_references();
  } catch (const Error&) {
    return 0; // a duplicate id, an unknown node type or component: rejected as the CLI would
  }
  Scenario scenario;
  scenario.requests_per_month = 3e6;
  for (const auto& id : ids) {
    const Offering& offering = catalogue.get(id);
    Estimate result = estimate(catalogue, offering, scenario);
    // The prices are the input here: a price near the top of the doubles can overflow a
    // cost, so only the structure is checked (the scenario harnesses check the amounts).
    if (result.feasible != result.monthly_cost.has_value()) {
      fuzz::fail("{}: feasible is {} but the monthly cost is {}", id, result.feasible,
                 result.monthly_cost ? "set" : "unset");
    }
    render_offering(catalogue, offering, Format::table);
    render_offering(catalogue, offering, Format::json);
  }
  return 0;
}
