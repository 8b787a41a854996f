#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/curve.hpp>
#include <breakeven/ranges.hpp>
#include <breakeven/scenario.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace breakeven {

/// An offering left out of a curve or crossover because the scenario is beyond its limits.
struct Skipped {
  std::string offering;
  std::string reason;
};

/// The range of monthly requests a report covers.
struct RequestRange {
  double from = 0;
  double to = 0;
  bool default_end = false; ///< `to` was chosen to show every crossing (4x the last one)
};

/// A range of traffic and the offering cheapest over it: one piece of the lower envelope of the
/// curves. Ranges follow each other without gaps, each starting at the crossing that ends the
/// one before.
struct CheapestRange {
  double from_requests = 0;
  /// The first request of the next range (the crossing where another offering becomes cheaper),
  /// or, when no offering can serve past this range, the first request none can. Nothing for the
  /// last range: it runs to the end of the report's range.
  std::optional<double> to_requests;
  std::string offering;
};

/// The report behind `breakeven crossover`.
struct CrossoverReport {
  Scenario scenario;
  RequestRange range;
  std::vector<CrossoverResult> pairs;
  /// The cheapest offering over each range of traffic in `range`, of every feasible offering
  /// (not only the paired ones), the first from `range.from`.
  std::vector<CheapestRange> cheapest;
  std::vector<Skipped> skipped;
  /// Offerings that cannot serve the whole range (max_instances, provisioned concurrency with a
  /// fixed share): infeasible above a volume the reason names; their pairs are searched up to it.
  std::vector<Skipped> limited;
  /// What the curves assumed that the user did not give (see Assumption).
  std::vector<Assumption> assumptions;
  /// The offerings and components whose prices the curves use, each once (see
  /// CostModel::prices), skipped offerings' too.
  std::vector<PriceDate> prices;
  /// With ranges in the scenario: the traffic's range, and each pair's threshold with the
  /// other ranged fields at their low, expected and high values (`thresholds` in the order of
  /// `pairs`).
  std::optional<CrossoverRanges> ranges;
};

/// Every crossing of each pair in [from, to]; without `to`, up to a range that shows every
/// crossing and the whole of a ranged traffic. The curves are at the scenario's expected values.
/// Exactly two offerings are one pair; otherwise every request-billed offering (functions, Cloud
/// Run, ...) is paired with every provisioned one (VMs, clusters, Fargate tasks). Throws `Error`
/// for a bad range, or when one side of the pairing is empty. The pairs are searched on up to
/// `threads` threads (the same report on any number).
/// Example: `crossover(catalogue, catalogue.select(ids), scenario, 0, std::nullopt)`.
CrossoverReport crossover(const Catalogue& catalogue, std::span<const Offering* const> offerings,
                          const Scenario& scenario, std::optional<double> from, std::optional<double> to,
                          unsigned threads = 1);

/// One offering's cost at each sampled request count.
struct CurveSeries {
  std::string offering;
  OfferingKind kind = OfferingKind::function;
  std::vector<double> monthly_costs;
};

/// The report behind `breakeven curve`: costs at `points` request counts, and every crossing
/// between the plotted curves in the range (for chart markers).
struct CurveReport {
  Scenario scenario;
  RequestRange range;
  bool log_scale = false;
  std::vector<double> requests;
  std::vector<CurveSeries> series;
  std::vector<CrossoverResult> crossings;
  /// The cheapest series over each range of traffic in `range` (see CrossoverReport::cheapest).
  std::vector<CheapestRange> cheapest;
  std::vector<Skipped> skipped;
  /// Offerings infeasible above a volume in the range (see CrossoverReport::limited): their
  /// costs past it are what the model would bill, not a feasible option.
  std::vector<Skipped> limited;
  /// What the curves assumed that the user did not give (see Assumption).
  std::vector<Assumption> assumptions;
  /// The offerings and components whose prices the curves use, each once (see
  /// CostModel::prices), skipped offerings' too.
  std::vector<PriceDate> prices;
};

/// Samples each offering's exact curve at `points` request counts from `from` to `to`
/// (default 0, or 1 on a log scale, to 1e9). Throws `Error` for a bad range or point count.
CurveReport curve(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
                  std::optional<double> from, std::optional<double> to, int points, bool log_scale);

/// A curve report whose costs are worked out as they are read rather than held, for writing a
/// long curve in memory that does not grow with it: `report()` is what curve() returns without
/// `requests` and `series[].monthly_costs`, and requests(i) and monthly_cost(s, i) are those
/// figures, the same to the bit.
class CurveSamples {
public:
  CurveSamples(CurveReport report, SampleGrid grid, std::vector<CostCurve> curves);

  /// The report, its `requests` and `monthly_costs` empty.
  const CurveReport& report() const noexcept { return m_report; }
  /// How many request counts the curve is sampled at.
  std::size_t size() const noexcept { return m_grid.size(); }
  /// The `index`th request count.
  double requests(std::size_t index) const { return m_grid[index]; }
  /// The cost of `report().series[series]` at the `index`th request count.
  double monthly_cost(std::size_t series, std::size_t index) const { return m_curves[series].at(m_grid[index]); }
  /// The cost of every series at the `index`th request count, into `costs` (one per series).
  void monthly_costs(std::size_t index, std::span<double> costs) const;
  /// The report with every figure filled in, as curve() returns it.
  CurveReport materialize() const;

private:
  CurveReport m_report;
  SampleGrid m_grid;
  std::vector<CostCurve> m_curves; // one for each series, in the same order
};

/// Which pairs of curves a curve report searches for crossings.
enum class CurveCrossings {
  every,   ///< every pair (CurveReport::crossings, for a chart's markers)
  cheapest ///< only those the cheapest ranges need; CurveReport::crossings stays empty
};

/// curve() without computing the costs: the checks, the series, crossings, skipped and limited
/// offerings are all there, and the costs come from the result one at a time. With
/// `CurveCrossings::cheapest` only the pairs the cheapest ranges need are searched (over the
/// whole catalogue a small share of them), for output that shows no other crossing. The pairs
/// are searched on up to `threads` threads (the same report on any number).
/// Example: `auto samples = curve_samples(catalogue, offerings, scenario, 0, 1e9, 1'000'000, false);`
CurveSamples curve_samples(const Catalogue& catalogue, std::span<const Offering* const> offerings,
                           const Scenario& scenario, std::optional<double> from, std::optional<double> to, int points,
                           bool log_scale, CurveCrossings crossings = CurveCrossings::every, unsigned threads = 1);

} // namespace breakeven
