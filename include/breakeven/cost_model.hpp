#pragma once

#include <breakeven/capacity.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/scenario.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace breakeven {

/// A meter's quantity as an exact function of monthly requests R:
/// `q(R) = fixed + per_request * R + per_instance * N(R) + per_idle_instance * I(R)`, where N(R)
/// is the model's instance count (CostModel::instances_at) and I(R) its idle kept-warm
/// instances (CostModel::idle_instances_at).
struct QuantityModel {
  double fixed = 0;
  double per_request = 0;
  double per_instance = 0;
  double per_idle_instance = 0;

  double at(double requests, double instances, double idle = 0) const {
    return fixed + per_request * requests + per_instance * instances + per_idle_instance * idle;
  }

  bool operator==(const QuantityModel&) const = default;
};

/// A value an estimate rests on that the user did not give: a default, or a figure derived
/// from what they gave. Every one that can change a cost is listed with the rule behind it,
/// so that a reader sees what decided a verdict.
struct Assumption {
  std::string field;                  ///< the scenario key that sets it ("cpu_ms")
  std::optional<double> number;       ///< its value when it is one number (34.7), in the key's unit
  std::string value;                  ///< its value as shown ("34.7 ms")
  std::string why;                    ///< the rule and its source, and the flag that changes it
  std::vector<std::string> offerings; ///< the offerings it applies to (set by collect_assumptions)
  bool per_offering = false;          ///< `value` lists each offering's own value ("80 (gcp.cloudrun); 10 (...)")
};

/// An offering's id and the assumptions of its model or estimate (both outlive the call).
using OfferingAssumptions = std::pair<std::string_view, const std::vector<Assumption>*>;

/// The assumptions of several offerings, merged: one entry per field and rule (`why`), listing
/// the offerings it applies to, in the order of the scenario's keys; where they assume different
/// values, the entry's value lists each with its offerings and it has no number.
std::vector<Assumption> collect_assumptions(std::span<const OfferingAssumptions> by_offering);

/// One charge of an offering, bound to a scenario: its quantity model and its price tiers.
struct BoundCharge {
  std::string name;
  Meter meter = Meter::requests;
  std::string_view unit; ///< the meter's unit (unit_of: static text; empty like `name` without the text)
  QuantityModel quantity;
  std::vector<Tier> tiers;
  double free_quantity = 0;     ///< free tier (0 when the scenario switched it off)
  double included_quantity = 0; ///< included in a plan fee
};

/// Provisioned concurrency as a model binds it: N environments configured for a time, serving
/// either a fixed share of the requests or what the load model gives (the capped pools).
struct ProvisionedUse {
  long long environments = 0;
  double hours = 0;                  ///< a month, as configured
  double configured_seconds = 0;     ///< billed: hours rounded up to the offering's step
  std::optional<double> fixed_share; ///< the user's provisioned_share
  double seconds_per_request = 0;    ///< billed duration of one request
  double period_seconds = 0;         ///< what the capped pools' counts are per (see BusyModel)
};

/// An offering bound to a scenario with everything fixed except the monthly requests: the
/// shared base of single estimates and (exact) cost curves.
struct CostModel {
  const Offering* offering = nullptr;
  /// The capacity billed by the instance (none for purely per-request billing).
  std::vector<CapacityPool> pools;
  std::vector<BoundCharge> charges;
  std::vector<std::string> infeasible_reasons; ///< empty when the scenario fits the limits
  std::vector<std::string> notes;              ///< caveats and the sizing applied (warnings first)
  /// Notes that can change a ranking (an add-on that does not apply, egress left unpriced):
  /// shown on the offering's row, not only under it.
  std::vector<std::string> warnings;
  std::vector<Assumption> assumptions; ///< what the model assumed (offerings left empty)
  /// The offerings and components whose prices the model binds, each once: the offering, a
  /// cluster's node offering, the components it includes or the scenario attaches, internet
  /// egress. Kept with or without the text (BuildOptions::describe).
  std::vector<PriceDate> prices;
  /// The most requests a month the offering serves as configured (a --max-instances cap, the
  /// provisioned environments a fixed share needs); above it an estimate is infeasible.
  std::optional<double> max_requests;
  std::string max_requests_reason; ///< why, with the limit in it
  std::optional<ProvisionedUse> provisioned_concurrency;
  /// Functions: the share of (on-demand) requests meeting a cold start, and the INIT time
  /// each one bills (0 when the offering does not bill INIT or init_ms is not set).
  std::optional<double> cold_start_share;
  double init_ms_billed = 0;
  /// False when built for its numbers only (BuildOptions::describe): notes, warnings,
  /// assumptions and line-item names are left empty; costs, limits and reasons for
  /// infeasibility are the same.
  bool describe = true;
  /// True when the assumptions are listed: described, or asked for (BuildOptions::assumptions).
  bool list_assumptions = true;
  /// True when the warnings are written: described, or asked for (BuildOptions::warnings).
  bool warn = true;

  bool feasible() const { return infeasible_reasons.empty(); }
  /// The instances every per-instance charge bills at `requests`: the pools' counts, each
  /// weighted by the share of the month it runs. 0 without pools.
  double instances_at(double requests) const;
  /// Kept-warm minimum instances idle at `requests`, weighted like instances_at (idle pools).
  double idle_instances_at(double requests) const;
  /// Both counts at `requests`: what cost_at and the curve's bounds need, worked out once (a
  /// busy pool's count is a series, most of a curve's arithmetic).
  struct Counts {
    double instances = 0;
    double idle = 0;
  };
  Counts counts_at(double requests) const { return {instances_at(requests), idle_instances_at(requests)}; }
  /// True when some pool is provisioned capacity (a staircase), as VMs, clusters and tasks are.
  bool provisioned() const;
  /// The one provisioned pool running all month, whose whole instance count an estimate shows;
  /// nullptr when the model has another shape.
  const CapacityPool* single_staircase() const;
  /// True when the cost is piecewise linear in requests (no busy pool with concurrency above
  /// 1), so that CostCurve::next_breakpoint bounds its lines.
  bool piecewise_linear() const;
  /// True when `other` costs the same at every request: the same capacity and the same priced
  /// quantities, whatever their names (two offerings with one price list are one curve).
  bool same_costs_as(const CostModel& other) const;
  /// Monthly cost at `requests`: the sum of the line items an estimate would show, without
  /// building them.
  double cost_at(double requests) const;
  /// cost_at with the counts at `requests` already worked out (counts_at(requests)).
  double cost_at(double requests, const Counts& counts) const;
  /// Requests a month that provisioned environments serve at `requests` (0 without them).
  double provisioned_requests_at(double requests) const;
};

/// How to build a cost model: `describe = false` skips the text (notes, warnings,
/// assumptions, line-item names) for callers that only evaluate costs many times over, such as
/// sampling a range, where formatting the text would be most of the work.
struct BuildOptions {
  bool describe = true;
  /// Without the text, still write the warnings: they are few and can change a ranking, so a
  /// one-line summary of an estimate (CSV's notes column) shows them.
  bool warnings = false;
  /// Without the text, still list the assumptions: curves and crossovers print them (the
  /// scenario's defaults each offering took) but none of the notes or line-item names.
  bool assumptions = false;

  bool operator==(const BuildOptions&) const = default;
};

/// Binds an offering to a scenario: rounds duration and memory as the offering bills them,
/// checks its limits, sizes provisioned capacity and expands components.
/// Example: `auto model = build_cost_model(catalogue, catalogue.get("aws.eks"), scenario);`
CostModel build_cost_model(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                           BuildOptions options = {});

/// The cost models of a stream of scenarios, each built once for the scenarios that differ only
/// in their traffic (requests_per_month, rps) and name: a model fixes everything but the
/// traffic, and the one figure it takes from it, a function's estimated cold-start share, is
/// estimated again at each scenario's traffic. Only lean models (BuildOptions::describe and
/// assumptions false: their text would quote the traffic) of scenarios without ranges are kept;
/// a function that bills INIT time at an estimated share is rebuilt every time. Holds the
/// models of at most `max_scenarios` scenarios, and at most 8,192 models (about 9 MB), and
/// forgets them all when full, so memory stays bounded.
/// Example: `CostModelCache models; evaluate(models.get(catalogue, offering, s, {.describe = false}), s.requests());`
class CostModelCache {
public:
  explicit CostModelCache(std::size_t max_scenarios = 256) : m_max_scenarios(max_scenarios) {}

  /// The models build_cost_model would build for each of `offerings` at `scenario`, in their
  /// order; valid until the next call.
  std::span<const CostModel* const> get(const Catalogue& catalogue, std::span<const Offering* const> offerings,
                                        const Scenario& scenario, BuildOptions options);

  /// How many models were built, and how many times one was reused.
  std::size_t builds() const noexcept { return m_builds; }
  std::size_t reuses() const noexcept { return m_reuses; }
  /// The prices of every model built so far (CostModel::prices), each once, in first-use order:
  /// what a stream of scenarios used, worked out when a model is built rather than for each
  /// scenario, and kept when the models are forgotten (at most one entry per offering and
  /// component of the catalogue).
  const std::vector<PriceDate>& prices() const noexcept { return m_prices; }

private:
  struct Entry {
    const Offering* offering;
    BuildOptions options;
    double billed_seconds; ///< what the cold-start share is estimated from
    CostModel model;
  };
  struct Group {
    ScenarioShape key;              ///< the scenario but for its name, traffic and given keys
    std::vector<std::string> given; ///< its given keys but for name and traffic
    std::vector<Entry> entries;
  };
  static constexpr std::size_t k_max_models = 8192;
  void note_prices(const CostModel& model);
  std::size_t m_max_scenarios;
  std::size_t m_models = 0;                                  ///< held in every group
  std::unordered_multimap<std::size_t, std::size_t> m_index; ///< key hash -> group
  std::vector<Group> m_groups;
  std::vector<CostModel> m_built;        ///< models that are not kept
  std::vector<const CostModel*> m_found; ///< what get returns
  std::vector<std::size_t> m_positions;  ///< where get found each model in its group
  std::size_t m_builds = 0;
  std::size_t m_reuses = 0;
  std::vector<PriceDate> m_prices;
  std::unordered_set<std::string> m_priced_ids; ///< the ids in m_prices
};

/// Rounds `value` up to a whole multiple of `step` (a step of 0 leaves it as it is), with a
/// tolerance for binary floating point so that 0.3 / 0.1 stays 3.
double round_up_to_step(double value, double step);

/// `ceil(x)`, tolerant of binary floating point: a value within 1e-9 relative of an integer
/// counts as that integer.
long long ceil_tolerant(double x);

} // namespace breakeven
