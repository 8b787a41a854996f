#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/ranges.hpp>
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
  /// With ranges in the scenario: what the bands rest on, and each result's band (in the order
  /// of `results`). Without, nothing and empty.
  std::optional<RangeSummary> ranges;
  std::vector<CostBand> bands;
  /// The offerings and components whose prices the estimates use, each once, with the date each
  /// was read (see CostModel::prices): for telling how old the figures' prices are. Empty when
  /// the models came from a CostModelCache: a stream's prices are the cache's
  /// (CostModelCache::prices), gathered once per model rather than once per scenario.
  std::vector<PriceDate> prices;

  /// The cheapest feasible result, or nullptr when none is feasible.
  const Estimate* cheapest() const;
};

/// Estimates each offering at the scenario (at the expected values of its ranges) and orders
/// them; with ranges, adds each one's band and probability of being cheapest (cost_bands).
/// `build` says how much text the estimates carry: without `describe`, no notes but the reasons
/// for infeasibility, no assumptions and no line-item names (a summary row needs none of them).
/// With `models`, the cost models come from it (see CostModelCache): for a stream of scenarios;
/// `prices` is then left empty (the cache has them).
/// The report keeps the scenario: pass it with std::move when it is not needed after (a stream
/// of scenarios saves a copy per record).
/// Example: `auto report = compare(catalogue, catalogue.defaults(), scenario);`
CompareReport compare(const Catalogue& catalogue, std::span<const Offering* const> offerings, Scenario scenario,
                      const SamplingOptions& sampling = {}, BuildOptions build = {}, CostModelCache* models = nullptr);
/// compare, into `report`, every field of which it replaces: the estimates already there are
/// evaluated over (their strings and vectors keep their storage), so a stream that prices its
/// records into one report allocates little from one record to the next.
/// Example: `compare_into(report, catalogue, offerings, std::move(next), {}, build, &models);`
void compare_into(CompareReport& report, const Catalogue& catalogue, std::span<const Offering* const> offerings,
                  Scenario scenario, const SamplingOptions& sampling = {}, BuildOptions build = {},
                  CostModelCache* models = nullptr);

} // namespace breakeven
