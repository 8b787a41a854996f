#pragma once

#include <breakeven/cost_model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace breakeven {

/// One priced line: `cost == quantity * unit_price` (unit price per one unit).
struct LineItem {
  std::string name;
  double quantity = 0;
  std::string unit;
  double unit_price = 0;
  double cost = 0;
};

/// How provisioned concurrency is used at an estimate's traffic.
struct ProvisionedConcurrencyUse {
  long long count = 0;     ///< environments configured
  double hours = 0;        ///< a month
  double served_share = 0; ///< of the month's requests, served by them
  /// The share of their configured time spent serving requests.
  double utilization = 0;
  /// The utilisation above which they cost less than on-demand duration for the same requests:
  /// configured price / (on-demand duration price - provisioned duration price); nothing when
  /// provisioned duration is not cheaper.
  std::optional<double> break_even_utilization;
};

/// Cold starts of a function at an estimate's traffic.
struct ColdStarts {
  double per_month = 0; ///< requests meeting a cold start
  double share = 0;     ///< of the requests served on demand
  double init_ms = 0;   ///< INIT time billed for each (0: not priced)
};

/// One capacity pool at an estimate's traffic (see CostModel::pools): what runs, for what share
/// of the month, and how many. With a profile, autoscaled capacity and busy instances are a pool
/// per group of hours with the same traffic.
struct CapacityEntry {
  std::string label; ///< what one instance is ("m7g.large", "task", "m6i.large node", "instance")
  CapacityPool::Kind kind = CapacityPool::Kind::provisioned;
  double weight = 1;    ///< the share of the month it runs (CapacityPool::weight)
  double instances = 0; ///< a whole count when provisioned; the expected busy count when busy
};

/// An offering's monthly cost at one scenario, itemised.
struct Estimate {
  std::string offering_id;
  std::string offering_name;
  std::string provider;
  std::string source; ///< the pricing page the offering's prices come from
  std::string as_of;  ///< when they were read
  OfferingKind kind = OfferingKind::function;
  bool feasible = true;
  /// The sum of the line items; unknown (nullopt) when the scenario is infeasible here.
  std::optional<double> monthly_cost;
  std::vector<LineItem> line_items;
  std::vector<std::string> notes; ///< infeasibility reasons first, then caveats
  /// Why the scenario is infeasible here (empty when feasible): the first notes, on their own.
  std::vector<std::string> infeasible_reasons;
  std::optional<long long> instances; ///< provisioned instances, where one pool runs all month
  /// The capacity billed by the instance, a pool each (empty for purely per-request billing or
  /// when infeasible); `weight x instances` summed is what per-instance charges bill.
  std::vector<CapacityEntry> capacity;
  std::vector<Assumption> assumptions; ///< what the estimate assumed (see CostModel)
  std::vector<std::string> warnings;   ///< notes that can change a ranking, shown on the row
  std::optional<ProvisionedConcurrencyUse> provisioned_concurrency;
  std::optional<ColdStarts> cold_starts; ///< functions
};

/// Prices one charge at quantity `quantity`: a line per tier slice used (free tier and
/// included usage as zero-price lines). Slices with zero quantity are left out.
std::vector<LineItem> price_charge(const BoundCharge& charge, double quantity);

/// The estimate of a cost model at `requests_per_month`. A model built without its text
/// (BuildOptions::describe) gives line items with the same amounts and no names or units, and
/// leaves the offering's name, source and as_of empty (the id, provider and kind are set).
Estimate evaluate(const CostModel& model, double requests_per_month);
/// evaluate, taking the model's text (reasons, notes, warnings, assumptions) instead of copying
/// it, for a model built for this one estimate.
Estimate evaluate(CostModel&& model, double requests_per_month);
/// evaluate, into `estimate`: every field is set, over whatever it held (its strings and vectors
/// keep their storage), for building a report's results in place and reusing them.
void evaluate_into(Estimate& estimate, const CostModel& model, double requests_per_month);

/// The estimate of `offering` at `scenario` (whose requests must be set), from a model built
/// with `options`.
/// Example: `estimate(catalogue, catalogue.get("aws.lambda.arm"), scenario).monthly_cost`.
Estimate estimate(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                  BuildOptions options = {});

} // namespace breakeven
