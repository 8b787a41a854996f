#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/scenario.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// How a ranged field is sampled: triangular on (low, expected, high), or uniform on [low, high].
enum class Distribution { triangular, uniform };

/// "triangular" or "uniform".
std::string_view to_string(Distribution distribution);
std::optional<Distribution> parse_distribution(std::string_view text);

inline constexpr int k_default_samples = 10'000;
inline constexpr int k_max_samples = 10'000'000;
/// The seed unless told: the same scenario gives the same probabilities on every run.
inline constexpr std::uint64_t k_default_seed = 1;

/// How scenarios are drawn from the ranges: each ranged field independently, whole-number fields
/// rounded to the nearest whole number, with std::mt19937_64 (the same sequence everywhere).
struct SamplingOptions {
  Distribution distribution = Distribution::triangular;
  int samples = k_default_samples;
  std::uint64_t seed = k_default_seed;
  /// Threads that evaluate the samples: 0 for one per core. The result does not depend on it.
  int threads = 0;
};

/// Checks `samples` (1 to 10,000,000). Throws `Error` naming `source`.
void check_samples(double samples, const std::string& source);

/// How every offering's monthly cost moves as field `key` rises with the rest held: +1 never
/// falls (requests, duration, CPU, memory, sizes, ...), -1 never rises (utilisation, measured
/// capacity, requests per connection, static share), 0 either way or not known (concurrency,
/// batch size, task size, schedules, provisioned concurrency, ...). Requests and rps are 0 when
/// the scenario estimates cold starts from the traffic (init_ms without cold_start_share).
int cost_direction(std::string_view key, const Scenario& scenario);

/// Where in its range each field is set.
enum class RangeEnd { low, expected, high };

/// `scenario` with no ranges left and every ranged field at the end where its cost is lowest
/// (RangeEnd::low) or highest (RangeEnd::high) by cost_direction; fields of direction 0 stay at
/// their expected value.
/// Example: `estimate(catalogue, offering, cost_end(scenario, RangeEnd::high)).monthly_cost`.
Scenario cost_end(const Scenario& scenario, RangeEnd end);

/// `scenario` with no ranges left and every ranged field at its own low, expected or high value,
/// except requests and rps when `keep_traffic` (they keep their expected value).
Scenario fields_at(const Scenario& scenario, RangeEnd end, bool keep_traffic);

/// One offering's monthly cost over the ranges.
struct CostBand {
  std::optional<double> low; ///< nothing where the offering is infeasible at that end
  std::optional<double> expected;
  std::optional<double> high;
  /// The share of samples in which it is the cheapest feasible offering (a tie goes to the
  /// offering listed first); an infeasible sample is not cheapest.
  double p_cheapest = 0;
  double infeasible_share = 0;   ///< of the samples
  std::string infeasible_reason; ///< the first reason it was infeasible at an end or a sample
};

/// What the bands rest on.
struct RangeSummary {
  std::vector<ScenarioRange> fields;
  std::vector<int> directions; ///< each field's cost_direction at the scenario
  SamplingOptions sampling;
  /// True when every ranged field has a known cost direction: each band's low and high are then
  /// exact estimates at cost_end(). Otherwise they are the least and most cost over the samples
  /// and the three points cost_end(low), the expected scenario and cost_end(high).
  bool exact_ends = true;
  /// True when the traffic was the only ranged field: cost models were built once, not once
  /// per sample.
  bool models_reused = false;
  double none_feasible_share = 0; ///< samples in which no offering is feasible
};

/// The bands of `offerings` (in their order) at a scenario with ranges.
struct BandReport {
  RangeSummary summary;
  std::vector<CostBand> bands;
};

/// Bands and the probability of being cheapest for each offering, from the scenario's ranges.
/// Builds each sample's cost models only when a field other than the traffic is ranged (cost
/// models evaluate any traffic). Throws `Error` for bad options.
/// Example: `cost_bands(catalogue, offerings, scenario, {}).bands[0].p_cheapest`.
BandReport cost_bands(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
                      const SamplingOptions& sampling);

/// Where a break-even threshold falls in a range of traffic.
struct RangePosition {
  enum class Where { below, inside, above } where = Where::inside;
  double share = 0; ///< inside: (threshold - low) / (high - low)
};

RangePosition position_in(const ScenarioRange& traffic, double threshold);

/// One pair's break-even threshold with the ranged fields (other than traffic) at their low,
/// expected and high values; nothing where they never cross or a side is infeasible.
struct ThresholdBand {
  std::string a;
  std::string b;
  std::optional<double> at_low;
  std::optional<double> at_expected;
  std::optional<double> at_high;
};

/// What `crossover` adds for a scenario with ranges.
struct CrossoverRanges {
  /// The traffic's range in requests a month (an rps range converted over the running hours).
  std::optional<ScenarioRange> traffic;
  /// The other ranged fields, and each pair's thresholds at their ends (empty without them).
  std::vector<ScenarioRange> others;
  std::vector<ThresholdBand> thresholds;
};

} // namespace breakeven
