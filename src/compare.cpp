#include <breakeven/compare.hpp>

#include "permute.hpp"

#include <algorithm>
#include <numeric>

namespace breakeven {
namespace {

constexpr std::size_t k_insertion_sort_at_most = 32;

} // namespace

const Estimate* CompareReport::cheapest() const {
  if (!results.empty() && results.front().monthly_cost) {
    return &results.front();
  }
  return nullptr;
}

CompareReport compare(const Catalogue& catalogue, std::span<const Offering* const> offerings, Scenario scenario,
                      const SamplingOptions& sampling, BuildOptions build, CostModelCache* models) {
  CompareReport report;
  compare_into(report, catalogue, offerings, std::move(scenario), sampling, build, models);
  return report;
}

void compare_into(CompareReport& report, const Catalogue& catalogue, std::span<const Offering* const> offerings,
                  Scenario scenario_taken, const SamplingOptions& sampling, BuildOptions build,
                  CostModelCache* models) {
  report.scenario = std::move(scenario_taken);
  const Scenario& scenario = report.scenario;
  // The estimates the report holds are evaluated over (evaluate_into sets every field).
  report.results.resize(offerings.size());
  report.assumptions.clear();
  report.ranges.reset();
  report.bands.clear();
  report.prices.clear();
  if (models != nullptr) {
    std::size_t i = 0;
    for (const CostModel* model : models->get(catalogue, offerings, scenario, build)) {
      evaluate_into(report.results[i++], *model, scenario.requests());
    }
  } else {
    for (std::size_t i = 0; i < offerings.size(); ++i) {
      CostModel model = build_cost_model(catalogue, *offerings[i], scenario, build);
      add_prices(report.prices, model.prices);
      report.results[i] = evaluate(std::move(model), scenario.requests()); // its text moved in
    }
  }
  if (build.describe) {
    std::vector<OfferingAssumptions> by_offering;
    for (const auto& e : report.results) {
      by_offering.emplace_back(e.offering_id, &e.assumptions);
    }
    report.assumptions = collect_assumptions(by_offering);
  }
  // Sorted by position, each estimate then moved once: an Estimate is a dozen strings and vectors.
  auto before = [&results = report.results](std::size_t i, std::size_t j) {
    const Estimate& a = results[i];
    const Estimate& b = results[j];
    if (a.monthly_cost.has_value() != b.monthly_cost.has_value()) {
      return a.monthly_cost.has_value();
    }
    if (a.monthly_cost && *a.monthly_cost != *b.monthly_cost) {
      return *a.monthly_cost < *b.monthly_cost;
    }
    return a.offering_id < b.offering_id;
  };
  std::vector<std::size_t> order(report.results.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (order.size() <= k_insertion_sort_at_most) {
    // A stable insertion sort: a batch's few results each time, without stable_sort's buffer.
    for (std::size_t i = 1; i < order.size(); ++i) {
      std::size_t moving = order[i];
      std::size_t at = i;
      for (; at > 0 && before(moving, order[at - 1]); --at) {
        order[at] = order[at - 1];
      }
      order[at] = moving;
    }
  } else {
    std::stable_sort(order.begin(), order.end(), before);
  }
  detail::permute_in_place(report.results, order); // the estimates keep their storage
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
}

} // namespace breakeven
