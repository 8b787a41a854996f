#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/scenario.hpp>

#include <span>
#include <vector>

namespace breakeven {

/// The report behind `breakeven compare`: every selected offering's estimate at one scenario,
/// cheapest first, infeasible ones last (never dropped).
struct CompareReport {
  Scenario scenario;
  std::vector<Estimate> results;
  /// What the estimates assumed that the user did not give (see Assumption).
  std::vector<Assumption> assumptions;

  /// The cheapest feasible result, or nullptr when none is feasible.
  const Estimate* cheapest() const;
};

/// Estimates each offering at the scenario and orders them.
/// Example: `auto report = compare(catalogue, catalogue.defaults(), scenario);`
CompareReport compare(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario);

} // namespace breakeven
