#include <breakeven/estimate.hpp>

#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace breakeven {

std::vector<LineItem> price_charge(const BoundCharge& charge, double quantity) {
  std::vector<LineItem> items;
  auto add = [&](std::string name, double amount, double unit_price) {
    if (amount > 0) {
      items.push_back({std::move(name), amount, charge.unit, unit_price, amount * unit_price});
    }
  };
  // Included and free usage come off the bottom; volume tiers are counted on the total.
  double used = std::min(quantity, charge.included_quantity);
  add(fmt::format("{} (included)", charge.name), used, 0.0);
  double free = std::min(quantity - used, charge.free_quantity);
  add(fmt::format("{} (free tier)", charge.name), free, 0.0);
  used += free;

  double lower = 0;
  for (std::size_t i = 0; i < charge.tiers.size(); ++i) {
    const Tier& tier = charge.tiers[i];
    double upper = tier.up_to.value_or(std::numeric_limits<double>::infinity());
    double amount = std::min(upper, quantity) - std::max(lower, used);
    std::string name = charge.name;
    if (charge.tiers.size() > 1) {
      if (i == 0) {
        name += fmt::format(" (first {} {})", format_count(upper), charge.unit);
      } else if (tier.up_to) {
        name += fmt::format(" (next {} {})", format_count(upper - lower), charge.unit);
      } else {
        name += fmt::format(" (over {} {})", format_count(lower), charge.unit);
      }
    }
    add(std::move(name), amount, tier.unit_price);
    lower = upper;
  }
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
  if (!estimate.feasible) {
    return estimate;
  }
  long long instances = 0;
  if (model.instances) {
    instances = model.instances->at(requests_per_month);
    estimate.instances = instances;
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
