#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/scenario.hpp>

#include <optional>
#include <string>
#include <vector>

namespace breakeven {

/// A meter's quantity as an exact function of monthly requests R:
/// `q(R) = fixed + per_request * R + per_instance * N(R)`, where N(R) is the instance count.
struct QuantityModel {
  double fixed = 0;
  double per_request = 0;
  double per_instance = 0;

  double at(double requests, long long instances) const {
    return fixed + per_request * requests + per_instance * static_cast<double>(instances);
  }
};

/// How many instances provisioned capacity needs:
/// `N(R) = max(min_instances, ceil(R / capacity))`, where `capacity` is the monthly traffic one
/// instance serves at the target utilisation and peak (`requests_per_instance`, taken
/// `k_capacity_tolerance` larger so that rounding in its formula cannot add an instance to a
/// workload of exactly three instances' worth).
struct InstanceModel {
  long long min_instances = 1;
  double requests_per_instance = 0; ///< 0: one step that never ends (min_instances)
  std::string instance_label;       ///< what one instance is, for line items ("m7g.large", "task")

  long long at(double requests) const;
  /// The largest whole request count `instances` instances serve: `floor(instances x capacity)`.
  double last_request_of(long long instances) const;
  /// `requests_per_instance x (1 + k_capacity_tolerance)`.
  double capacity() const;
};

/// Whole numbers of requests are exact up to 2^53 in a double; scenarios stay below it.
inline constexpr double k_max_whole_requests = 9007199254740992.0;

/// Relative slack on an instance's capacity against rounding in its formula (0.7 x 730 x 3600
/// x ...). Relative, not absolute in requests or instances, so that two offerings whose
/// capacities are in a ratio of 2 keep their steps in exactly the same places.
inline constexpr double k_capacity_tolerance = 1e-12;

/// One charge of an offering, bound to a scenario: its quantity model and its price tiers.
struct BoundCharge {
  std::string name;
  Meter meter = Meter::requests;
  std::string unit;
  QuantityModel quantity;
  std::vector<Tier> tiers;
  double free_quantity = 0;     ///< free tier (0 when the scenario switched it off)
  double included_quantity = 0; ///< included in a plan fee
};

/// An offering bound to a scenario with everything fixed except the monthly requests: the
/// shared base of single estimates and (exact) cost curves.
struct CostModel {
  const Offering* offering = nullptr;
  std::optional<InstanceModel> instances; ///< set for provisioned capacity
  std::vector<BoundCharge> charges;
  std::vector<std::string> infeasible_reasons; ///< empty when the scenario fits the limits
  std::vector<std::string> notes;              ///< caveats and the sizing applied

  bool feasible() const { return infeasible_reasons.empty(); }
  /// Monthly cost at `requests`: the sum of the line items an estimate would show, without
  /// building them.
  double cost_at(double requests) const;
};

/// Binds an offering to a scenario: rounds duration and memory as the offering bills them,
/// checks its limits, sizes provisioned capacity and expands components.
/// Example: `auto model = build_cost_model(catalogue, catalogue.get("aws.eks"), scenario);`
CostModel build_cost_model(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario);

/// Rounds `value` up to a whole multiple of `step` (a step of 0 leaves it as it is), with a
/// tolerance for binary floating point so that 0.3 / 0.1 stays 3.
double round_up_to_step(double value, double step);

/// `ceil(x)`, tolerant of binary floating point: a value within 1e-9 relative of an integer
/// counts as that integer.
long long ceil_tolerant(double x);

} // namespace breakeven
