#include <breakeven/estimate.hpp>

#include "tiers.hpp"

#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <type_traits>
#include <utility>

namespace breakeven {

namespace {

// Appends a line per tier slice of `charge` at `quantity`; without `named`, only the figures
// (a model built without its text has no charge names to extend).
void add_line_items(std::vector<LineItem>& items, const BoundCharge& charge, double quantity, bool named) {
  detail::for_each_slice(
      charge, quantity,
      [&](detail::SliceKind kind, std::size_t tier, double lower, double upper, double amount, double unit_price) {
        if (!named) {
          items.push_back({{}, amount, {}, unit_price, amount * unit_price});
          return;
        }
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
        items.push_back({std::move(name), amount, std::string(charge.unit), unit_price, amount * unit_price});
      });
}

} // namespace

std::vector<LineItem> price_charge(const BoundCharge& charge, double quantity) {
  std::vector<LineItem> items;
  add_line_items(items, charge, quantity, true);
  return items;
}

namespace {

// The price a charge pays for its next unit at `quantity` (past free and included usage).
double marginal_price(const BoundCharge& charge, double quantity) {
  for (const auto& tier : charge.tiers) {
    if (!tier.up_to || *tier.up_to > quantity) {
      return tier.unit_price;
    }
  }
  return charge.tiers.back().unit_price;
}

// Provisioned concurrency pays off above utilisation u when, for the same served time T,
// configured x price_configured < T x (price_on_demand - price_provisioned_duration), with
// T = u x configured: u* = price_configured / (price_on_demand - price_provisioned_duration),
// at the on-demand tier the function is in.
std::optional<double> provisioned_break_even(const CostModel& model, double requests, double instances) {
  std::optional<double> configured;
  std::optional<double> duration;
  std::optional<double> on_demand;
  for (const auto& charge : model.charges) {
    if (charge.meter == Meter::provisioned_gb_seconds) {
      configured = charge.tiers.front().unit_price;
    } else if (charge.meter == Meter::provisioned_duration_gb_seconds) {
      duration = charge.tiers.front().unit_price;
    } else if (charge.meter == Meter::gb_seconds && !on_demand) {
      on_demand = marginal_price(charge, charge.quantity.at(requests, instances, model.idle_instances_at(requests)));
    }
  }
  if (!configured || !duration || !on_demand || !(*on_demand > *duration)) {
    return std::nullopt;
  }
  return *configured / (*on_demand - *duration);
}

// evaluate_into, for a model given (`const CostModel&`: its text copied) or given up
// (`CostModel`, an rvalue: its reasons, assumptions, warnings and notes moved in, each member
// once; its numbers are only read).
template <class Model>
void fill(Estimate& estimate, Model&& model, double requests_per_month) {
  constexpr bool take = !std::is_lvalue_reference_v<Model>; // given up: deduced as CostModel
  // Every field is set, each string and vector assigned over what `estimate` held, keeping its
  // storage: a stream's report reuses its estimates from record to record.
  const Offering& offering = *model.offering;
  estimate.offering_id = offering.id;
  estimate.provider = offering.provider;
  estimate.kind = offering.kind;
  if (model.describe) { // a summary row names the offering by its id alone
    estimate.offering_name = offering.name;
    estimate.source = offering.source;
    estimate.as_of = offering.as_of;
  } else {
    estimate.offering_name.clear();
    estimate.source.clear();
    estimate.as_of.clear();
  }
  estimate.feasible = model.feasible();
  estimate.monthly_cost.reset();
  estimate.line_items.clear();
  estimate.instances.reset();
  estimate.capacity.clear();
  estimate.provisioned_concurrency.reset();
  estimate.cold_starts.reset();
  estimate.infeasible_reasons = std::forward<Model>(model).infeasible_reasons; // each member once
  estimate.assumptions = std::forward<Model>(model).assumptions;
  estimate.warnings = std::forward<Model>(model).warnings;
  if (estimate.feasible && model.max_requests && requests_per_month > *model.max_requests) {
    estimate.feasible = false;
    estimate.infeasible_reasons.insert(estimate.infeasible_reasons.begin(), model.max_requests_reason);
  }
  estimate.notes = estimate.infeasible_reasons;
  if constexpr (take) {
    estimate.notes.insert(estimate.notes.end(), std::make_move_iterator(model.notes.begin()),
                          std::make_move_iterator(model.notes.end()));
  } else {
    estimate.notes.insert(estimate.notes.end(), model.notes.begin(), model.notes.end());
  }
  if (!estimate.feasible) {
    return;
  }
  double instances = model.instances_at(requests_per_month);
  double idle = model.idle_instances_at(requests_per_month);
  if (const CapacityPool* pool = model.single_staircase()) {
    estimate.instances = pool->provisioned.at(requests_per_month);
  }
  for (const auto& pool : model.pools) {
    estimate.capacity.push_back({pool.label, pool.kind, pool.weight, pool.at(requests_per_month)});
  }
  estimate.line_items.reserve(2 * model.charges.size()); // a tier or two each, most often
  for (const auto& charge : model.charges) {
    add_line_items(estimate.line_items, charge, charge.quantity.at(requests_per_month, instances, idle),
                   model.describe);
  }
  double total = 0;
  for (const auto& item : estimate.line_items) {
    total += item.cost;
  }
  estimate.monthly_cost = total;
  double provisioned_requests = model.provisioned_requests_at(requests_per_month);
  if (const auto& use = model.provisioned_concurrency) {
    ProvisionedConcurrencyUse reported;
    reported.count = use->environments;
    reported.hours = use->hours;
    reported.served_share = requests_per_month > 0 ? provisioned_requests / requests_per_month : 0;
    reported.utilization = provisioned_requests * use->seconds_per_request /
                           (static_cast<double>(use->environments) * use->configured_seconds);
    reported.break_even_utilization = provisioned_break_even(model, requests_per_month, instances);
    estimate.provisioned_concurrency = reported;
  }
  if (model.cold_start_share) {
    double on_demand = requests_per_month - provisioned_requests;
    estimate.cold_starts =
        ColdStarts{*model.cold_start_share * on_demand, *model.cold_start_share, model.init_ms_billed};
  }
}

} // namespace

Estimate evaluate(const CostModel& model, double requests_per_month) {
  Estimate estimate;
  fill(estimate, model, requests_per_month);
  return estimate;
}

Estimate evaluate(CostModel&& model, double requests_per_month) {
  Estimate estimate;
  fill(estimate, std::move(model), requests_per_month);
  return estimate;
}

void evaluate_into(Estimate& estimate, const CostModel& model, double requests_per_month) {
  fill(estimate, model, requests_per_month);
}

Estimate estimate(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                  BuildOptions options) {
  return evaluate(build_cost_model(catalogue, offering, scenario, options), scenario.requests());
}

} // namespace breakeven
