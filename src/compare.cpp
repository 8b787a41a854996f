#include <breakeven/compare.hpp>

#include <algorithm>

namespace breakeven {

const Estimate* CompareReport::cheapest() const {
  if (!results.empty() && results.front().monthly_cost) {
    return &results.front();
  }
  return nullptr;
}

CompareReport compare(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
                      const SamplingOptions& sampling, BuildOptions build) {
  CompareReport report;
  report.scenario = scenario;
  report.results.reserve(offerings.size());
  for (const Offering* offering : offerings) {
    report.results.push_back(estimate(catalogue, *offering, scenario, build));
  }
  if (build.describe) {
    std::vector<std::pair<std::string, const std::vector<Assumption>*>> by_offering;
    for (const auto& e : report.results) {
      by_offering.emplace_back(e.offering_id, &e.assumptions);
    }
    report.assumptions = collect_assumptions(by_offering);
  }
  std::stable_sort(report.results.begin(), report.results.end(), [](const Estimate& a, const Estimate& b) {
    if (a.monthly_cost.has_value() != b.monthly_cost.has_value()) {
      return a.monthly_cost.has_value();
    }
    if (a.monthly_cost && *a.monthly_cost != *b.monthly_cost) {
      return *a.monthly_cost < *b.monthly_cost;
    }
    return a.offering_id < b.offering_id;
  });
  if (!scenario.ranges.empty()) {
    // In the order of the results, so that a tie in a sample goes to the one listed first.
    std::vector<const Offering*> ordered;
    for (const auto& e : report.results) {
      auto same =
          std::find_if(offerings.begin(), offerings.end(), [&e](const Offering* o) { return o->id == e.offering_id; });
      ordered.push_back(*same);
    }
    BandReport bands = cost_bands(catalogue, ordered, scenario, sampling);
    report.ranges = std::move(bands.summary);
    report.bands = std::move(bands.bands);
  }
  return report;
}

} // namespace breakeven
