#include <breakeven/estimate.hpp>

#include "tiers.hpp"

#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace breakeven {

std::vector<LineItem> price_charge(const BoundCharge& charge, double quantity) {
  std::vector<LineItem> items;
  detail::for_each_slice(
      charge, quantity,
      [&](detail::SliceKind kind, std::size_t tier, double lower, double upper, double amount, double unit_price) {
        std::string name = charge.name;
        if (kind == detail::SliceKind::included) {
          name += " (included)";
        } else if (kind == detail::SliceKind::free_tier) {
          name += " (free tier)";
        } else if (charge.tiers.size() > 1) {
          if (tier == 0) {
            name += fmt::format(" (first {} {})", format_count(upper), charge.unit);
          } else if (charge.tiers[tier].up_to) {
            name += fmt::format(" (next {} {})", format_count(upper - lower), charge.unit);
          } else {
            name += fmt::format(" (over {} {})", format_count(lower), charge.unit);
          }
        }
        items.push_back({std::move(name), amount, charge.unit, unit_price, amount * unit_price});
      });
  return items;
}

Estimate evaluate(const CostModel& model, double requests_per_month) {
  const Offering& offering = *model.offering;
  Estimate estimate;
  estimate.offering_id = offering.id;
  estimate.offering_name = offering.name;
  estimate.provider = offering.provider;
  estimate.kind = offering.kind;
  estimate.feasible = model.feasible();
  estimate.notes = model.infeasible_reasons;
  estimate.notes.insert(estimate.notes.end(), model.notes.begin(), model.notes.end());
  estimate.assumptions = model.assumptions;
  estimate.warnings = model.warnings;
  if (!estimate.feasible) {
    return estimate;
  }
  double instances = model.instances_at(requests_per_month);
  if (const CapacityPool* pool = model.single_staircase()) {
    estimate.instances = pool->provisioned.at(requests_per_month);
  }
  for (const auto& pool : model.pools) {
    estimate.capacity.push_back({pool.label, pool.kind, pool.weight, pool.at(requests_per_month)});
  }
  double total = 0;
  for (const auto& charge : model.charges) {
    for (auto& item : price_charge(charge, charge.quantity.at(requests_per_month, instances))) {
      total += item.cost;
      estimate.line_items.push_back(std::move(item));
    }
  }
  estimate.monthly_cost = total;
  return estimate;
}

Estimate estimate(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario) {
  return evaluate(build_cost_model(catalogue, offering, scenario), scenario.requests());
}

} // namespace breakeven
