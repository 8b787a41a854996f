// AWS's published Lambda example (3M requests a month, 1 s each at 512 MB) at the bundled x86
// price, through the installed library: prints the offering and its monthly cost.
#include <breakeven/catalogue.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/money.hpp>

#include <fmt/format.h>

int main() {
  const auto catalogue = breakeven::Catalogue::bundled();
  breakeven::Scenario scenario;
  scenario.requests_per_month = 3e6;
  scenario.duration_ms = 1000;
  scenario.memory_mb = 512;
  const auto estimate = breakeven::estimate(catalogue, catalogue.get("aws.lambda.x86"), scenario);
  if (!estimate.monthly_cost) {
    return 1;
  }
  fmt::print("{}: {}\n", estimate.offering_id, breakeven::Money{*estimate.monthly_cost});
  return 0;
}
