#include <breakeven/cost_model.hpp>

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include "cost_model_parts.hpp"
#include "tiers.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iterator>

namespace breakeven {

long long ceil_tolerant(double x) {
  double up = std::ceil(x);
  double down = up - 1;
  if (up != x && x - down <= 1e-9 * std::max(1.0, std::fabs(x))) {
    return static_cast<long long>(down);
  }
  return static_cast<long long>(up);
}

double round_up_to_step(double value, double step) {
  if (step <= 0) {
    return value;
  }
  return static_cast<double>(ceil_tolerant(value / step)) * step;
}

double CostModel::cost_at(double requests) const {
  return cost_at(requests, counts_at(requests));
}

double CostModel::cost_at(double requests, const Counts& counts) const {
  double total = 0;
  for (const auto& charge : charges) {
    detail::for_each_slice(charge, charge.quantity.at(requests, counts.instances, counts.idle),
                           [&total](detail::SliceKind, std::size_t, double, double, double amount, double unit_price) {
                             total += amount * unit_price;
                           });
  }
  return total;
}

std::vector<Assumption> collect_assumptions(std::span<const OfferingAssumptions> by_offering) {
  // One entry per field and rule; when offerings assume different values, the entry lists
  // each value with its offerings ("aws.ec2.m6i.large (aws.eks), ...") and has no number.
  // Views into `by_offering`, which outlives this: each entry is copied once, at the end.
  struct Group {
    const Assumption* first; // its field, rule and (when it is the only one) value
    std::vector<std::string_view> offerings;
    std::vector<std::pair<std::string_view, std::vector<std::string_view>>> values; // value -> offerings
  };
  std::vector<Group> groups;
  for (const auto& [offering, assumptions] : by_offering) {
    for (const auto& assumption : *assumptions) {
      auto group = std::find_if(groups.begin(), groups.end(), [&assumption](const Group& known) {
        return known.first->field == assumption.field && known.first->why == assumption.why;
      });
      if (group == groups.end()) {
        groups.push_back({&assumption, {}, {}});
        group = groups.end() - 1;
      }
      group->offerings.push_back(offering);
      auto value = std::find_if(group->values.begin(), group->values.end(),
                                [&assumption](const auto& known) { return known.first == assumption.value; });
      if (value == group->values.end()) {
        group->values.push_back({assumption.value, {offering}});
      } else {
        value->second.push_back(offering);
      }
    }
  }
  // In the order of the scenario's fields, so that the table reads the same every time.
  static const std::vector<std::string> order = scenario_keys();
  auto rank = [](const Group& group) {
    return std::find(order.begin(), order.end(), group.first->field) - order.begin();
  };
  std::stable_sort(groups.begin(), groups.end(), [&rank](const Group& a, const Group& b) { return rank(a) < rank(b); });
  std::vector<Assumption> merged;
  merged.reserve(groups.size());
  for (const auto& group : groups) {
    Assumption entry = *group.first;
    entry.offerings.assign(group.offerings.begin(), group.offerings.end());
    if (group.values.size() > 1) {
      std::vector<std::string> parts;
      for (const auto& [value, offerings] : group.values) {
        parts.push_back(fmt::format(FMT_COMPILE("{} ({})"), value, fmt::join(offerings, ", ")));
      }
      entry.value = fmt::format(FMT_COMPILE("{}"), fmt::join(parts, "; "));
      entry.number.reset();
      entry.per_offering = true;
    }
    merged.push_back(std::move(entry));
  }
  return merged;
}

double CostModel::provisioned_requests_at(double requests) const {
  if (!provisioned_concurrency) {
    return 0;
  }
  const ProvisionedUse& use = *provisioned_concurrency;
  if (use.fixed_share) {
    return *use.fixed_share * requests;
  }
  // Only capped pools exist alongside provisioned concurrency, so the instance count is B(R).
  return instances_at(requests) * use.period_seconds / use.seconds_per_request;
}

double CostModel::instances_at(double requests) const {
  double count = 0;
  for (const auto& pool : pools) {
    if (!pool.is_idle()) {
      count += pool.weight * pool.at(requests);
    }
  }
  return count;
}

double CostModel::idle_instances_at(double requests) const {
  double count = 0;
  for (const auto& pool : pools) {
    if (pool.is_idle()) {
      count += pool.weight * pool.at(requests);
    }
  }
  return count;
}

bool CostModel::provisioned() const {
  return std::any_of(pools.begin(), pools.end(), [](const CapacityPool& pool) { return pool.is_staircase(); });
}

const CapacityPool* CostModel::single_staircase() const {
  return pools.size() == 1 && pools.front().is_staircase() && pools.front().weight == 1 ? &pools.front() : nullptr;
}

bool CostModel::same_costs_as(const CostModel& other) const {
  auto same_pool = [](const CapacityPool& a, const CapacityPool& b) {
    return a.kind == b.kind && a.weight == b.weight && a.limit == b.limit &&
           (a.is_staircase() ? a.provisioned == b.provisioned : a.busy == b.busy);
  };
  auto same_charge = [](const BoundCharge& a, const BoundCharge& b) {
    return a.quantity == b.quantity && a.tiers == b.tiers && a.free_quantity == b.free_quantity &&
           a.included_quantity == b.included_quantity;
  };
  return max_requests == other.max_requests &&
         std::equal(pools.begin(), pools.end(), other.pools.begin(), other.pools.end(), same_pool) &&
         std::equal(charges.begin(), charges.end(), other.charges.begin(), other.charges.end(), same_charge);
}

bool CostModel::piecewise_linear() const {
  return std::all_of(pools.begin(), pools.end(), [](const CapacityPool& pool) { return pool.is_staircase(); });
}

namespace {

// build_cost_model, and the billed time per request it sized the model for.
CostModel build(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario, BuildOptions options,
                double& billed_seconds) {
  CostModel model;
  model.describe = options.describe;
  model.warn = options.describe || options.warnings;
  model.list_assumptions = options.describe || options.assumptions;
  if (model.list_assumptions) {
    // Most list 4 to 10 (76 of the 81 bundled offerings at the defaults, 14 at most): grown by
    // doubling from one, each of the four moves took every string along.
    model.assumptions.reserve(10);
  }
  model.offering = &offering;
  detail::Usage usage = detail::billed_usage(offering, scenario, model);
  billed_seconds = usage.billed_seconds;
  bool free_tier = scenario.free_tier;
  if (offering.kind == OfferingKind::function) {
    free_tier = detail::provision_function(offering, scenario, usage, model);
  }
  const Offering* node = detail::size_capacity(catalogue, offering, scenario, usage, model);
  detail::bind_all_charges(catalogue, offering, scenario, free_tier, usage, node, model);
  detail::bind_engineering_time(offering, scenario, model);
  if (std::any_of(model.pools.begin(), model.pools.end(), [](const CapacityPool& pool) { return pool.is_idle(); })) {
    // Kept-warm instances: a busy one bills at the active rate instead of the idle one. Were
    // that active time free (the free tier), the bill would fall as traffic grows, which
    // neither curves nor their crossings allow; the free tier is left off active time instead,
    // overstating the cost by at most its value.
    bool dropped = false;
    for (auto& charge : model.charges) {
      if ((charge.meter == Meter::vcpu_seconds || charge.meter == Meter::gb_seconds) && charge.free_quantity > 0) {
        charge.free_quantity = 0;
        dropped = true;
      }
    }
    if (dropped && model.describe) {
      model.notes.push_back("with kept-warm instances the free tier is not taken off active time (an upper bound by "
                            "at most the free tier's value): a busy kept-warm instance would otherwise cost less "
                            "than an idle one");
    }
  }
  if (model.describe) {
    model.notes.insert(model.notes.end(), offering.notes.begin(), offering.notes.end());
    model.notes.insert(model.notes.begin(), model.warnings.begin(), model.warnings.end());
  }
  if (model.feasible()) {
    // Costs never fall as traffic grows, so a finite cost at the most traffic a scenario can
    // have is a finite cost everywhere; a rate table's huge prices must not make infinities.
    if (!std::isfinite(model.cost_at(k_max_whole_requests))) {
      model.infeasible_reasons.push_back(fmt::format(
          FMT_COMPILE("its prices overflow a double at 2^53 requests a month ({})"), offering.origin.source));
    }
  }
  return model;
}

// What a model's reuse may not ignore: every field but the traffic and the name.
// The given keys a scenario's models do not depend on: its name and traffic.
bool is_traffic_key(const std::string& key) {
  return key == "name" || key == "requests_per_month" || key == "rps";
}

// True when `key` (kept without traffic keys) is `given` without its traffic keys.
bool same_given(const std::vector<std::string>& key, const std::vector<std::string>& given) {
  auto at = key.begin();
  for (const auto& name : given) {
    if (is_traffic_key(name)) {
      continue;
    }
    if (at == key.end() || *at != name) {
      return false;
    }
    ++at;
  }
  return at == key.end();
}

// A hash of a few fields that tell most scenarios apart; equality decides.
std::size_t key_hash(const Scenario& scenario) {
  std::uint64_t hash = static_cast<std::uint64_t>(std::count_if(scenario.given.begin(), scenario.given.end(),
                                                                [](const auto& key) { return !is_traffic_key(key); }));
  for (double value :
       {scenario.duration_ms, scenario.memory_mb, scenario.cpu_ms.value_or(-1), scenario.concurrency.value_or(-1),
        scenario.response_kb, static_cast<double>(scenario.profile.size())}) {
    hash = (hash ^ std::bit_cast<std::uint64_t>(value)) * 0x100000001b3ULL; // FNV-1a's prime, a word at a time
  }
  return static_cast<std::size_t>(hash ^ (hash >> 29U));
}

} // namespace

CostModel build_cost_model(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                           BuildOptions options) {
  double billed_seconds = 0;
  return build(catalogue, offering, scenario, options, billed_seconds);
}

void CostModelCache::note_prices(const CostModel& model) {
  for (const auto& price : model.prices) {
    if (m_priced_ids.insert(price.id).second) {
      m_prices.push_back(price);
    }
  }
}

std::span<const CostModel* const> CostModelCache::get(const Catalogue& catalogue,
                                                      std::span<const Offering* const> offerings,
                                                      const Scenario& scenario, BuildOptions options) {
  m_found.clear();
  // A function that bills INIT time at an estimated share has a model that varies with traffic.
  bool init_at_estimated_share = scenario.init_ms && !scenario.cold_start_share;
  if (options.describe || options.assumptions || !scenario.ranges.empty() || init_at_estimated_share) {
    m_built.clear();
    m_built.reserve(offerings.size());
    for (const Offering* offering : offerings) {
      double billed_seconds = 0;
      m_found.push_back(&m_built.emplace_back(build(catalogue, *offering, scenario, options, billed_seconds)));
      note_prices(m_built.back());
      ++m_builds;
    }
    return m_found;
  }
  // Looked up by the scenario's shape and given keys, without copying them.
  const ScenarioShape& shape = scenario;
  std::size_t hash = key_hash(scenario);
  Group* group = nullptr;
  for (auto [at, end] = m_index.equal_range(hash); at != end; ++at) {
    Group& candidate = m_groups[at->second];
    if (candidate.key == shape && same_given(candidate.given, scenario.given)) {
      group = &candidate;
      break;
    }
  }
  if (group == nullptr) {
    if (m_groups.size() >= m_max_scenarios || m_models + offerings.size() > k_max_models) {
      m_groups.clear();
      m_index.clear();
      m_models = 0;
    }
    m_index.emplace(hash, m_groups.size());
    std::vector<std::string> given;
    std::copy_if(scenario.given.begin(), scenario.given.end(), std::back_inserter(given),
                 [](const std::string& key) { return !is_traffic_key(key); });
    group = &m_groups.emplace_back(Group{shape, std::move(given), {}});
  }
  // Every model is found or built before any address is taken: a build may grow the entries.
  std::vector<Entry>& entries = group->entries;
  std::size_t first_new = entries.size();
  std::vector<std::size_t>& at = m_positions;
  at.clear();
  for (const Offering* offering : offerings) {
    auto entry = std::find_if(entries.begin(), entries.end(),
                              [&](const Entry& e) { return e.offering == offering && e.options == options; });
    if (entry != entries.end()) {
      at.push_back(static_cast<std::size_t>(entry - entries.begin()));
      continue;
    }
    double billed_seconds = 0;
    CostModel model = build(catalogue, *offering, scenario, options, billed_seconds);
    note_prices(model);
    ++m_builds;
    at.push_back(entries.size());
    entries.push_back({offering, options, billed_seconds, std::move(model)});
    ++m_models;
  }
  for (std::size_t i : at) {
    Entry& entry = entries[i];
    if (i < first_new) {
      ++m_reuses;
      if (entry.offering->kind == OfferingKind::function) {
        entry.model.cold_start_share = detail::cold_start_share_at(scenario, scenario.requests(), entry.billed_seconds);
      }
    }
    m_found.push_back(&entry.model);
  }
  return m_found;
}

} // namespace breakeven
