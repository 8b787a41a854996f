#include <breakeven/cost_model.hpp>

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include "tiers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace breakeven {
namespace {

constexpr double k_mb_per_gb = 1024.0;
constexpr double k_seconds_per_hour = 3600.0;
constexpr double k_kb_per_gb = 1024.0 * 1024.0; // AWS counts data transfer in binary GB
// An Application Load Balancer bills, each hour, the largest of its LCU dimensions (AWS,
// aws.amazon.com/elasticloadbalancing/pricing): 25 new connections a second, 3,000 active
// connections a minute, 1 GB processed an hour (EC2, IP and container targets) and 1,000 rule
// evaluations a second (the first 10 rules free; rules are assumed within them).
constexpr double k_lcu_new_connections_per_second = 25.0;
constexpr double k_lcu_active_connections = 3000.0;
constexpr double k_lcu_gb_per_hour = 1.0;

// Everything about one request and one instance that the meters need, after rounding.
struct Usage {
  double billed_seconds = 0;   // per request
  double duration_seconds = 0; // per request, as measured
  double memory_gb = 0;        // function memory or task memory
  double vcpu = 0;             // task or function vCPUs
  double cpu_ghz = 0;          // clock of the billed memory size
  double extra_storage_gb = 0; // ephemeral storage above the included amount
  double concurrency = 1;      // requests sharing one active instance
  bool busy_instances = false; // active meters bill busy instances (a busy capacity pool)
  double period_seconds = 0;   // the time the month's requests arrive over
  double disk_gb = 0;          // per provisioned instance
  double hours = 0;            // per month
  double cpu_ms = 0;
  double response_kb = 0;
  double request_kb = 0;
  double requests_per_connection = 1;
  int gpus = 1;
  double billed_share = 1; // of the requests, those the offering bills (not free static assets)
  // Functions whose on-demand duration is not simply every request's billed time: provisioned
  // environments serve part of the requests, and cold starts add INIT time to the rest.
  bool function_time = false;
  double configured_gb_seconds = 0;    // provisioned environments x memory x configured time
  double served_share = 0;             // of the requests, served by them (a fixed share)
  bool served_by_pools = false;        // or as the load model says (capped pools)
  double init_seconds_per_request = 0; // cold-start share x INIT time, per on-demand request
};

// Active time of `amount_per_second` (GB, vCPU, GPUs): per request while requests run alone,
// or per busy instance (the model's instance count) when requests share instances.
void active_time(QuantityModel& q, const Usage& u, double amount_per_second) {
  if (u.busy_instances) {
    q.per_instance = amount_per_second * u.period_seconds;
  } else {
    q.per_request = amount_per_second * u.billed_seconds;
  }
}

// Function time billed on demand: every request's billed time plus its share of INIT, less
// the requests provisioned environments serve (a fixed share, or B(R) x period / seconds per
// request with B the capped pools' expected busy environments).
void on_demand_time(QuantityModel& q, const Usage& u) {
  double per_request = u.memory_gb * (u.billed_seconds + u.init_seconds_per_request);
  q.per_request = per_request * (1 - u.served_share);
  if (u.served_by_pools) {
    q.per_instance = -per_request * u.period_seconds / u.billed_seconds;
  }
}

// LCU-hours per request: the largest dimension. Each is proportional to the traffic, so the
// largest is one line: new connections (1 per requests_per_connection requests), active
// connections (requests in flight: rate x duration), processed bytes (request + response).
double lcu_hours_per_request(const Usage& u) {
  double new_connections = 1.0 / (u.requests_per_connection * k_lcu_new_connections_per_second * k_seconds_per_hour);
  double active_connections = u.duration_seconds / (k_lcu_active_connections * k_seconds_per_hour);
  double processed = (u.request_kb + u.response_kb) / k_kb_per_gb / k_lcu_gb_per_hour;
  return std::max({new_connections, active_connections, processed});
}

QuantityModel quantity_of(Meter meter, const Usage& u) {
  QuantityModel q;
  switch (meter) {
  case Meter::requests:
    q.per_request = u.billed_share;
    break;
  case Meter::gb_seconds:
    if (u.function_time) {
      on_demand_time(q, u);
    } else {
      active_time(q, u, u.memory_gb);
    }
    break;
  case Meter::engineering_hours:
    break; // bound from the scenario's ops_hours (bind_engineering_time)
  case Meter::idle_vcpu_seconds:
    q.per_idle_instance = u.vcpu * u.period_seconds;
    break;
  case Meter::idle_gb_seconds:
    q.per_idle_instance = u.memory_gb * u.period_seconds;
    break;
  case Meter::provisioned_gb_seconds:
    q.fixed = u.configured_gb_seconds;
    break;
  case Meter::provisioned_duration_gb_seconds:
    q.per_request = u.memory_gb * u.billed_seconds * u.served_share;
    if (u.served_by_pools) {
      q.per_instance = u.memory_gb * u.period_seconds;
    }
    break;
  case Meter::vcpu_seconds:
    active_time(q, u, u.vcpu);
    break;
  case Meter::ghz_seconds:
    q.per_request = u.billed_seconds * u.cpu_ghz;
    break;
  case Meter::cpu_ms:
    q.per_request = u.cpu_ms * u.billed_share;
    break;
  case Meter::gpu_seconds:
    active_time(q, u, u.gpus);
    break;
  case Meter::ephemeral_gb_seconds:
    active_time(q, u, u.extra_storage_gb);
    break;
  case Meter::lcu_hours:
    q.per_request = lcu_hours_per_request(u);
    break;
  case Meter::egress_gb:
    q.per_request = u.response_kb / k_kb_per_gb;
    break;
  case Meter::hours:
    q.fixed = u.hours;
    break;
  case Meter::months:
    q.fixed = 1;
    break;
  case Meter::instance_hours:
    q.per_instance = u.hours;
    break;
  case Meter::vcpu_hours:
    q.per_instance = u.vcpu * u.hours;
    break;
  case Meter::gb_hours:
    q.per_instance = u.memory_gb * u.hours;
    break;
  case Meter::ephemeral_gb_hours:
    q.per_instance = u.extra_storage_gb * u.hours;
    break;
  case Meter::gb_months:
    q.per_instance = u.disk_gb;
    break;
  }
  return q;
}

bool is_task_billed(const Offering& offering) {
  return std::any_of(offering.charges.begin(), offering.charges.end(), [](const Charge& charge) {
    return charge.meter == Meter::vcpu_hours || charge.meter == Meter::gb_hours;
  });
}

bool fits_task_size(const TaskSize& size, double vcpu, double memory_mb) {
  constexpr double k_tolerance = 1e-9;
  if (std::fabs(size.vcpu - vcpu) > k_tolerance || memory_mb < size.min_memory_mb - k_tolerance ||
      memory_mb > size.max_memory_mb + k_tolerance) {
    return false;
  }
  double steps = (memory_mb - size.min_memory_mb) / size.memory_step_mb;
  return std::fabs(steps - std::round(steps)) < 1e-6;
}

std::string describe_task_sizes(const std::vector<TaskSize>& sizes, double vcpu) {
  std::vector<std::string> options;
  for (const auto& size : sizes) {
    if (std::fabs(size.vcpu - vcpu) < 1e-9) {
      if (size.min_memory_mb == size.max_memory_mb) {
        options.push_back(fmt::format("{:g} MB", size.min_memory_mb));
      } else {
        options.push_back(fmt::format("{:g}-{:g} MB in steps of {:g} MB", size.min_memory_mb, size.max_memory_mb,
                                      size.memory_step_mb));
      }
    }
  }
  if (options.empty()) {
    std::vector<std::string> cpus;
    for (const auto& size : sizes) {
      std::string text = fmt::format("{:g}", size.vcpu);
      if (std::find(cpus.begin(), cpus.end(), text) == cpus.end()) {
        cpus.push_back(text);
      }
    }
    return fmt::format("valid vCPU counts: {}", fmt::join(cpus, ", "));
  }
  return fmt::format("{:g} vCPU takes {}", vcpu, fmt::join(options, " or "));
}

// The VM type a cluster's nodes run: the scenario's node_type when it names one of this
// provider's VMs, else the offering's own default.
const Offering& node_offering(const Catalogue& catalogue, const Offering& cluster, const Scenario& scenario) {
  if (scenario.node_type) {
    const Offering* node = catalogue.find(*scenario.node_type);
    if (!node) {
      catalogue.get(*scenario.node_type, "node_type"); // throws with a did-you-mean
    }
    if (node->kind != OfferingKind::vm) {
      throw Error("node_type", "", fmt::format("\"{}\" is a {}, not a vm", node->id, to_string(node->kind)));
    }
    if (node->provider == cluster.provider) {
      return *node;
    }
  }
  return catalogue.get(cluster.nodes->offering_id, cluster.origin.source);
}

std::string short_name(const Offering& vm) {
  // "aws.ec2.m7g.large" -> "m7g.large": drop "<provider>.<service>.".
  auto first = vm.id.find('.');
  auto second = vm.id.find('.', first + 1);
  return second == std::string::npos ? vm.id : vm.id.substr(second + 1);
}

void bind_charges(CostModel& model, const std::vector<Charge>& charges, const Usage& usage, int count,
                  const std::string& prefix, bool free_tier) {
  for (const auto& charge : charges) {
    BoundCharge bound;
    bound.name = prefix.empty() ? charge.name : fmt::format("{}: {}", prefix, charge.name);
    bound.meter = charge.meter;
    bound.unit = std::string(unit_of(charge.meter));
    bound.quantity = quantity_of(charge.meter, usage);
    bound.quantity.fixed *= count;
    bound.quantity.per_request *= count;
    bound.quantity.per_instance *= count;
    bound.quantity.per_idle_instance *= count;
    bound.tiers = charge.tiers;
    bound.free_quantity = free_tier ? charge.free_tier_quantity : 0.0;
    bound.included_quantity = charge.included_quantity;
    model.charges.push_back(std::move(bound));
  }
}

} // namespace

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
  double count = instances_at(requests);
  double idle = idle_instances_at(requests);
  double total = 0;
  for (const auto& charge : charges) {
    detail::for_each_slice(charge, charge.quantity.at(requests, count, idle),
                           [&total](detail::SliceKind, std::size_t, double, double, double amount, double unit_price) {
                             total += amount * unit_price;
                           });
  }
  return total;
}

std::vector<Assumption>
collect_assumptions(const std::vector<std::pair<std::string, const std::vector<Assumption>*>>& by_offering) {
  // One entry per field and rule; when offerings assume different values, the entry lists
  // each value with its offerings ("aws.ec2.m6i.large (aws.eks), ...") and has no number.
  struct Group {
    Assumption merged;
    std::vector<std::pair<std::string, std::vector<std::string>>> values; // value -> offerings
    std::optional<double> number;
  };
  std::vector<Group> groups;
  for (const auto& [offering, assumptions] : by_offering) {
    for (const auto& assumption : *assumptions) {
      auto group = std::find_if(groups.begin(), groups.end(), [&assumption](const Group& known) {
        return known.merged.field == assumption.field && known.merged.why == assumption.why;
      });
      if (group == groups.end()) {
        groups.push_back({assumption, {}, assumption.number});
        groups.back().merged.offerings.clear();
        group = groups.end() - 1;
      }
      group->merged.offerings.push_back(offering);
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
  std::vector<std::string> order = scenario_keys();
  auto rank = [&order](const Group& group) {
    return std::find(order.begin(), order.end(), group.merged.field) - order.begin();
  };
  std::stable_sort(groups.begin(), groups.end(), [&rank](const Group& a, const Group& b) { return rank(a) < rank(b); });
  std::vector<Assumption> merged;
  for (auto& group : groups) {
    if (group.values.size() > 1) {
      std::vector<std::string> parts;
      for (const auto& [value, offerings] : group.values) {
        parts.push_back(fmt::format("{} ({})", value, fmt::join(offerings, ", ")));
      }
      group.merged.value = fmt::format("{}", fmt::join(parts, "; "));
      group.merged.number.reset();
      group.merged.per_offering = true;
    }
    merged.push_back(std::move(group.merged));
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

// The profile over the hours it repeats in: a day's profile with a schedule of fewer than 7
// days a week is spread over the week, so that the days the schedule skips are hours too.
std::vector<double> scheduled_profile(const Scenario& scenario) {
  std::vector<double> shares = scenario.profile_shares();
  if (shares.size() == 24 && scenario.days_per_week.value_or(7) < 7) {
    std::vector<double> week;
    week.reserve(168);
    for (int day = 0; day < 7; ++day) {
      for (double share : shares) {
        week.push_back(share / 7);
      }
    }
    return week;
  }
  return shares;
}

// The hours of a profile grouped by their share of the month's requests: (share, hours of
// the profile with it), busiest first; with `running_only`, only the hours the schedule runs.
// None without a profile (traffic is flat).
struct HourGroup {
  double share = 0; // of the month's requests, per profile hour
  int hours = 0;    // profile hours with this share
};

std::vector<HourGroup> hour_groups(const Scenario& scenario, bool running_only) {
  std::vector<HourGroup> groups;
  std::vector<double> shares = scheduled_profile(scenario);
  for (std::size_t hour = 0; hour < shares.size(); ++hour) {
    if (running_only && !scenario.runs_in_hour(hour)) {
      continue;
    }
    double share = shares[hour];
    auto same = std::find_if(groups.begin(), groups.end(), [share](const HourGroup& g) { return g.share == share; });
    if (same == groups.end()) {
      groups.push_back({share, 1});
    } else {
      same->hours += 1;
    }
  }
  std::sort(groups.begin(), groups.end(), [](const HourGroup& a, const HourGroup& b) { return a.share > b.share; });
  return groups;
}

// "Tue 20:00": hour `hour` of a profile of `length` hours, a week from Monday 00:00 or a day
// ("20:00").
std::string hour_name(std::size_t hour, std::size_t length) {
  constexpr std::array<std::string_view, 7> k_days{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  if (length == 24) {
    return fmt::format("{:02}:00", hour);
  }
  return fmt::format("{} {:02}:00", k_days[hour / 24 % 7], hour % 24);
}

// The first hour of the profile with traffic that the schedule switches capacity off in.
std::optional<std::size_t> traffic_off_schedule(const Scenario& scenario) {
  std::vector<double> shares = scheduled_profile(scenario);
  for (std::size_t hour = 0; hour < shares.size(); ++hour) {
    if (shares[hour] > 0 && !scenario.runs_in_hour(hour)) {
      return hour;
    }
  }
  return std::nullopt;
}

void assume(CostModel& model, std::string field, std::optional<double> number, std::string value, std::string why) {
  model.assumptions.push_back({std::move(field), number, std::move(value), std::move(why), {}});
}

bool is_request_billed_container(const Offering& offering) {
  return offering.kind == OfferingKind::container_service && !is_task_billed(offering);
}

bool is_provisioned(const Offering& offering) {
  return offering.kind == OfferingKind::vm || offering.kind == OfferingKind::kubernetes ||
         (offering.kind == OfferingKind::container_service && is_task_billed(offering));
}

// The CPU time per request the model uses, as an assumption when the user gave none: the
// derivation from the function measurement (Scenario::effective_cpu_ms).
void assume_cpu_ms(const Scenario& scenario, CostModel& model) {
  if (scenario.cpu_ms) {
    return;
  }
  double cpu = scenario.effective_cpu_ms();
  std::string rule = scenario.memory_mb >= k_memory_mb_per_vcpu
                         ? fmt::format("the whole duration: a {:g} MB function has a full vCPU", scenario.memory_mb)
                         : fmt::format("{} x {:g}/{:g}, the vCPU share of a {:g} MB function",
                                       format_duration_ms(scenario.duration_ms), scenario.memory_mb,
                                       k_memory_mb_per_vcpu, scenario.memory_mb);
  assume(model, "cpu_ms", cpu, format_duration_ms(cpu),
         fmt::format("{} (AWS Lambda: 1 vCPU at 1,769 MB); sizes VMs, nodes and tasks and prices CPU-billed "
                     "functions; set --cpu-ms (or --rps-per-instance)",
                     rule));
}

// Billed usage: what one request and one instance use, after the offering's rounding rules,
// and the limits that make the scenario infeasible. Sizing and charges start from it.
Usage billed_usage(const Offering& offering, const Scenario& scenario, CostModel& model) {
  const Billing& billing = offering.billing;
  const Limits& limits = offering.limits;
  auto infeasible = [&model](std::string reason) { model.infeasible_reasons.push_back(std::move(reason)); };

  Usage usage;
  usage.hours = scenario.running_hours();
  // Requests arrive over the running hours, or with a profile over the month (hour by hour).
  usage.period_seconds =
      (scenario.profile.empty() ? scenario.running_hours() : scenario.month_hours) * k_seconds_per_hour;
  usage.cpu_ms = scenario.effective_cpu_ms();
  usage.duration_seconds = scenario.duration_ms / 1000.0;
  usage.response_kb = scenario.response_kb;
  usage.request_kb = scenario.request_kb;
  usage.requests_per_connection = scenario.requests_per_connection;
  usage.gpus = std::max(1, offering.gpus);
  if (billing.free_static_assets) {
    usage.billed_share = 1 - scenario.static_share;
    if (!scenario.is_given("static_share")) {
      assume(model, "static_share", 0.0, "0%",
             "no request is for a static asset, which this offering serves free; set --static-share");
    }
  } else if (scenario.static_share > 0) {
    model.notes.push_back(fmt::format("static_share {}: every request is billed here (static assets would need a "
                                      "bucket or CDN, not modelled)",
                                      format_percent(scenario.static_share)));
  }

  if (const auto& purchase = offering.purchase) {
    if (purchase->interruptible && !scenario.interruptible) {
      model.infeasible_reasons.push_back(
          "spot capacity can be reclaimed at short notice, and the workload is not interruptible (set "
          "--interruptible if it tolerates that)");
    }
    if (purchase->interruptible && !scenario.is_given("interruptible")) {
      assume(model, "interruptible", 0.0, "false",
             "a request-serving workload cannot lose its capacity at short notice, so spot options are infeasible; "
             "set --interruptible");
    }
  }
  if (offering.billed_all_month) {
    usage.hours = scenario.month_hours;
    model.notes.push_back(fmt::format("{}: paid every hour of the month whether used or not ({:g} h, whatever the "
                                      "schedule), at the size of the busiest hour",
                                      offering.purchase ? offering.purchase->name : std::string("owned hardware"),
                                      scenario.month_hours));
  }
  if (!scenario.is_given("duration_ms")) {
    assume(model, "duration_ms", scenario.duration_ms, format_duration_ms(scenario.duration_ms),
           "a placeholder, not a measurement; set --duration-ms");
  }
  if (!scenario.is_given("memory_mb")) {
    assume(model, "memory_mb", scenario.memory_mb, fmt::format("{:g} MB", scenario.memory_mb),
           "a placeholder, not a measurement; set --memory-mb");
  }
  if (limits.max_duration_ms && scenario.duration_ms > *limits.max_duration_ms) {
    infeasible(fmt::format("a request runs {}; the limit is {}", format_duration_ms(scenario.duration_ms),
                           format_duration_ms(*limits.max_duration_ms)));
  }
  if (limits.max_cpu_ms && usage.cpu_ms > *limits.max_cpu_ms) {
    infeasible(fmt::format("a request uses {} of CPU; the limit is {}", format_duration_ms(usage.cpu_ms),
                           format_duration_ms(*limits.max_cpu_ms)));
  }
  if (std::any_of(offering.charges.begin(), offering.charges.end(),
                  [](const Charge& charge) { return charge.meter == Meter::cpu_ms; })) {
    assume_cpu_ms(scenario, model);
  }
  double billed_ms =
      std::max(round_up_to_step(scenario.duration_ms, billing.duration_step_ms), billing.min_duration_ms);
  usage.billed_seconds = billed_ms / 1000.0;
  if (billed_ms != scenario.duration_ms) {
    model.notes.push_back(
        billing.duration_step_ms > 1
            ? fmt::format("duration billed as {} per request: each request is rounded up to a multiple of {}; "
                          "duration_ms is an average, so when durations vary the bill can differ from this by up "
                          "to {} per request",
                          format_duration_ms(billed_ms), format_duration_ms(billing.duration_step_ms),
                          format_duration_ms(billing.duration_step_ms))
            : fmt::format("duration billed as {} per request", format_duration_ms(billed_ms)));
  }

  if (offering.kind == OfferingKind::function) {
    double memory_mb = scenario.memory_mb;
    if (limits.max_memory_mb && memory_mb > *limits.max_memory_mb) {
      infeasible(fmt::format("needs {:g} MB of memory; the limit is {:g} MB", memory_mb, *limits.max_memory_mb));
    }
    double billed_mb = std::max({round_up_to_step(memory_mb, billing.memory_step_mb), billing.min_memory_mb,
                                 limits.min_memory_mb.value_or(0.0)});
    if (!billing.memory_sizes.empty()) {
      auto size = std::find_if(billing.memory_sizes.begin(), billing.memory_sizes.end(),
                               [billed_mb](const MemorySize& s) { return s.memory_mb >= billed_mb; });
      if (size == billing.memory_sizes.end()) {
        infeasible(fmt::format("needs {:g} MB of memory; the largest size is {:g} MB", memory_mb,
                               billing.memory_sizes.back().memory_mb));
      } else {
        billed_mb = size->memory_mb;
        usage.cpu_ghz = size->cpu_ghz.value_or(0.0);
      }
    }
    if (billed_mb != memory_mb && model.feasible()) {
      model.notes.push_back(fmt::format("memory billed as {:g} MB", billed_mb));
    }
    usage.memory_gb = billed_mb / k_mb_per_gb;
    usage.vcpu = offering.vcpu.value_or(0.0);
  }

  if (offering.kind == OfferingKind::container_service) {
    usage.vcpu = scenario.task_vcpu.value_or(*offering.default_task_vcpu);
    double memory_mb = scenario.task_memory_mb.value_or(*offering.default_task_memory_mb);
    usage.memory_gb = memory_mb / k_mb_per_gb;
    if (!scenario.task_vcpu || !scenario.task_memory_mb) {
      assume(model, "task_vcpu", usage.vcpu, fmt::format("{:g} vCPU, {:g} MB", usage.vcpu, memory_mb),
             "each offering's default size (rate table); set --task-vcpu and --task-memory-mb");
    }
    if (scenario.memory_mb > memory_mb) {
      infeasible(fmt::format("needs {:g} MB of memory; the task has {:g} MB (set --task-memory-mb)", scenario.memory_mb,
                             memory_mb));
    }
    bool valid = offering.task_sizes.empty() ||
                 std::any_of(offering.task_sizes.begin(), offering.task_sizes.end(),
                             [&](const TaskSize& size) { return fits_task_size(size, usage.vcpu, memory_mb); });
    if (!valid) {
      infeasible(fmt::format("{:g} vCPU with {:g} MB is not a valid task size ({})", usage.vcpu, memory_mb,
                             describe_task_sizes(offering.task_sizes, usage.vcpu)));
    }
  }

  double storage_gb = scenario.ephemeral_storage_gb.value_or(billing.included_ephemeral_storage_gb);
  if (limits.max_ephemeral_storage_gb && storage_gb > *limits.max_ephemeral_storage_gb) {
    infeasible(fmt::format("needs {:g} GB of ephemeral storage; the limit is {:g} GB", storage_gb,
                           *limits.max_ephemeral_storage_gb));
  }
  usage.extra_storage_gb = std::max(0.0, storage_gb - billing.included_ephemeral_storage_gb);

  // Only request-billed containers pack several requests into one billed instance; a function
  // bills each request's own time.
  if (is_request_billed_container(offering)) {
    double wanted = scenario.concurrency.value_or(offering.default_concurrency.value_or(1.0));
    double max_concurrency = limits.max_concurrency.value_or(wanted);
    usage.concurrency = std::min(wanted, max_concurrency);
    if (wanted > max_concurrency) {
      model.notes.push_back(fmt::format("concurrency capped at {:g} requests per instance", max_concurrency));
    }
    if (!scenario.concurrency) {
      assume(model, "concurrency", usage.concurrency, fmt::format("{:g}", usage.concurrency),
             offering.default_concurrency
                 ? "requests an instance serves at once: each provider's documented default (rate table); set "
                   "--concurrency"
                 : "one request per instance: the rate table gives no default; set --concurrency");
    }
  }

  return usage;
}

// The share of requests that meet a cold start, estimated at `requests` a month: hour by hour
// (or flat over the running hours), requests arriving at rate lambda as a Poisson stream find
// every environment reclaimed after an idle gap longer than the keep-warm time K with
// probability e^(-lambda K), and each rise of the mean requests in flight from one hour to the
// next, ceil(m_h) - ceil(m_{h-1}), starts as many new environments:
//   cold starts = sum over hours of (3600 lambda_h e^(-lambda_h K) + max(0, ceil(m_h) - ceil(m_{h-1}))).
double estimated_cold_start_share(const Scenario& scenario, double requests, double seconds_per_request,
                                  double keep_warm_seconds) {
  if (!(requests > 0)) {
    return 0;
  }
  std::vector<double> shares = scheduled_profile(scenario);
  double hours = scenario.profile.empty() ? scenario.running_hours() : scenario.month_hours;
  if (shares.empty()) {
    shares = {1.0}; // flat: one hour repeated over the running hours
  }
  double repeats = hours / static_cast<double>(shares.size());
  double cold = 0;
  for (std::size_t h = 0; h < shares.size(); ++h) {
    double lambda = requests * shares[h] / (repeats * k_seconds_per_hour);
    double previous_lambda =
        requests * shares[(h + shares.size() - 1) % shares.size()] / (repeats * k_seconds_per_hour);
    double rise =
        std::max(0.0, std::ceil(lambda * seconds_per_request) - std::ceil(previous_lambda * seconds_per_request));
    cold += repeats * (k_seconds_per_hour * lambda * std::exp(-lambda * keep_warm_seconds) + rise);
  }
  return std::min(1.0, cold / requests);
}

// Functions: provisioned concurrency (configured environments serving part of the requests)
// and cold starts (INIT time billed for the rest). Returns false when the free tier no longer
// applies to the function.
bool provision_function(const Offering& offering, const Scenario& scenario, Usage& usage, CostModel& model) {
  bool free_tier = scenario.free_tier;
  if (scenario.provisioned_concurrency && *scenario.provisioned_concurrency > 0) {
    if (!offering.provisioned_concurrency) {
      model.warnings.push_back(
          fmt::format("provisioned concurrency not priced: the rate table sells none for {}", offering.id));
    } else {
      const ProvisionedConcurrency& sold = *offering.provisioned_concurrency;
      ProvisionedUse use;
      use.environments = *scenario.provisioned_concurrency;
      use.hours = scenario.provisioned_hours.value_or(scenario.running_hours());
      use.configured_seconds = round_up_to_step(use.hours * k_seconds_per_hour, sold.step_minutes * 60);
      use.fixed_share = scenario.provisioned_share;
      use.seconds_per_request = usage.billed_seconds;
      use.period_seconds = usage.period_seconds;
      auto n = static_cast<double>(use.environments);
      usage.configured_gb_seconds = n * usage.memory_gb * use.configured_seconds;
      usage.function_time = true;
      if (use.fixed_share) {
        usage.served_share = *use.fixed_share;
        // The served requests' time must fit in the environments' configured time.
        if (*use.fixed_share > 0) {
          model.max_requests = std::floor(n * use.configured_seconds / (*use.fixed_share * usage.billed_seconds));
          model.max_requests_reason = fmt::format(
              "{} environments for {:g} h serve at most {} requests of {} a month; provisioned_share {:g} needs more",
              use.environments, use.hours, format_count(*model.max_requests / *use.fixed_share),
              format_duration_ms(usage.billed_seconds * 1000), *use.fixed_share);
        }
      } else {
        // The load model: in each hour they run, the environments serve E[min(X, N)] of the X
        // requests in flight, X ~ Poisson(rate x billed duration); the rest run on demand.
        usage.served_by_pools = true;
        CapacityPool pool;
        pool.kind = CapacityPool::Kind::capped;
        pool.label = "provisioned environment";
        pool.limit = use.environments;
        pool.busy.seconds_per_request = usage.billed_seconds;
        pool.busy.period_seconds = usage.period_seconds;
        if (scenario.profile.empty()) {
          pool.weight = use.hours / scenario.running_hours();
          model.pools.push_back(pool);
        } else {
          auto len = static_cast<double>(scheduled_profile(scenario).size());
          for (const HourGroup& group : hour_groups(scenario, true)) {
            if (group.share > 0) {
              CapacityPool hour = pool;
              hour.weight = group.hours / len;
              hour.busy.period_seconds = usage.period_seconds / (group.share * len);
              model.pools.push_back(hour);
            }
          }
        }
        model.notes.push_back(fmt::format(
            "provisioned environments serve E[min(X, {})] of the X requests in flight (Poisson, mean rate x {}), hour "
            "by hour; the rest run on demand; set --provisioned-share to say the share",
            use.environments, format_duration_ms(usage.billed_seconds * 1000)));
      }
      if (!sold.free_tier && free_tier) {
        free_tier = false;
        model.notes.push_back("the free tier does not apply to a function with provisioned concurrency");
      }
      model.provisioned_concurrency = use;
    }
  }
  // Cold starts: given, or estimated at the scenario's traffic and held as a share along curves.
  double keep_warm_minutes = scenario.keep_warm_minutes.value_or(k_default_keep_warm_minutes);
  double share = scenario.cold_start_share.value_or(
      estimated_cold_start_share(scenario, scenario.requests(), usage.billed_seconds, keep_warm_minutes * 60));
  model.cold_start_share = share;
  if (offering.billing.init_billed) {
    if (!scenario.init_ms) {
      if (share >= 1e-4) { // below 0.01%, INIT time cannot change a verdict
        assume(model, "init_ms", 0.0, "0 ms",
               fmt::format("INIT time of cold starts not priced ({} bills it as on-demand duration; {} of requests "
                           "meet a cold start here); set --init-ms",
                           offering.provider, format_percent(share)));
      }
    } else {
      model.init_ms_billed = *scenario.init_ms;
      usage.init_seconds_per_request = share * *scenario.init_ms / 1000;
      usage.function_time = usage.function_time || usage.init_seconds_per_request > 0;
      if (!scenario.cold_start_share) {
        assume(model, "cold_start_share", share, format_percent(share),
               fmt::format("estimated at {} requests/month from idle gaps longer than the keep-warm time ({:g} min) "
                           "and rises in requests in flight, hour by hour (a lower bound: environments are also "
                           "recycled); curves hold the share fixed; set --cold-start-share",
                           format_count(scenario.requests()), keep_warm_minutes));
      }
    }
  }
  return free_tier;
}

// max_instances: the busiest pool (the first) may not need more; above the requests that
// `max_instances` instances serve there, the option cannot serve the traffic.
void limit_instances(const Scenario& scenario, CostModel& model) {
  if (!scenario.max_instances || model.pools.empty()) {
    return;
  }
  const CapacityPool& busiest = model.pools.front();
  long long cap = *scenario.max_instances;
  if (busiest.provisioned.min_instances > cap) {
    model.infeasible_reasons.push_back(
        fmt::format("runs at least {} instances, more than max_instances {}", busiest.provisioned.min_instances, cap));
    return;
  }
  if (busiest.provisioned.requests_per_instance <= 0) {
    return;
  }
  std::string when = "at peak";
  if (!scenario.profile.empty()) {
    std::vector<double> shares = scheduled_profile(scenario);
    auto peak = std::max_element(shares.begin(), shares.end()) - shares.begin();
    when = fmt::format("in the busiest hour ({})", hour_name(static_cast<std::size_t>(peak), shares.size()));
  }
  double last = busiest.provisioned.last_request_of(cap);
  if (!model.max_requests || last < *model.max_requests) {
    model.max_requests = last;
    model.max_requests_reason =
        fmt::format("above {} requests/month it needs more than {} {} instances {} (max_instances)", format_count(last),
                    cap, busiest.label, when);
  }
}

// Sizing: the capacity pools an offering bills by the instance (model.pools), and the node
// offering of a cluster, whose charges come with it; nullptr for anything else.
const Offering* size_capacity(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                              Usage& usage, CostModel& model) {
  auto infeasible = [&model](std::string reason) { model.infeasible_reasons.push_back(std::move(reason)); };
  // Request-billed containers scale to zero unless told to keep instances warm.
  long long kept_warm = is_request_billed_container(offering) ? scenario.min_instances.value_or(0) : 0;
  bool idle_priced = std::any_of(offering.charges.begin(), offering.charges.end(), [](const Charge& charge) {
    return charge.meter == Meter::idle_vcpu_seconds || charge.meter == Meter::idle_gb_seconds;
  });
  if (kept_warm > 0 && !idle_priced) {
    model.warnings.push_back(
        fmt::format("min_instances not priced: the rate table has no idle rates for {}", offering.id));
    kept_warm = 0;
  }
  if (is_request_billed_container(offering) && (usage.concurrency > 1 || kept_warm > 0)) {
    // Busy instances: requests in flight share instances, which bill only while busy.
    CapacityPool pool;
    pool.kind = CapacityPool::Kind::busy;
    pool.label = "instance";
    pool.busy.seconds_per_request = usage.billed_seconds;
    pool.busy.concurrency = static_cast<long long>(usage.concurrency);
    pool.busy.period_seconds = usage.period_seconds;
    usage.busy_instances = true;
    // Kept-warm instances not busy bill at the idle rate: E[(N - ceil(X / C))+] of them.
    auto add = [&model, kept_warm](CapacityPool busy) {
      if (busy.busy.period_seconds < std::numeric_limits<double>::infinity()) {
        model.pools.push_back(busy);
      }
      if (kept_warm > 0) {
        busy.kind = CapacityPool::Kind::idle;
        busy.label = "idle kept-warm instance";
        busy.limit = kept_warm;
        model.pools.push_back(busy);
      }
    };
    if (scenario.profile.empty()) {
      add(pool);
    } else {
      // Hour by hour: an hour with share s of the month's requests, repeated month / len times,
      // has the rate R s len / period, as if its requests arrived over period / (s len); an hour
      // without traffic has no busy instances, only idle kept-warm ones.
      auto len = static_cast<double>(scheduled_profile(scenario).size());
      for (const HourGroup& group : hour_groups(scenario, false)) {
        pool.weight = group.hours / len;
        pool.busy.period_seconds =
            group.share > 0 ? usage.period_seconds / (group.share * len) : std::numeric_limits<double>::infinity();
        add(pool);
      }
    }
    if (kept_warm > 0) {
      model.notes.push_back(fmt::format("{} instances kept warm (min_instances): those not busy bill at the idle rate, "
                                        "E[({} - ceil(X/{:g}))+] of them on average",
                                        kept_warm, kept_warm, usage.concurrency));
    }
    model.notes.push_back(fmt::format(
        "billed for the instances busy on average: E[ceil(X/{:g})] with X, the requests in flight, Poisson with mean "
        "rate x {} (each request's billed time; an upper bound when requests overlap, as the provider rounds an "
        "instance's busy time, not each request's){}",
        usage.concurrency, format_duration_ms(usage.billed_seconds * 1000.0),
        scenario.peak_to_average > 1 ? "; traffic is taken as flat at its average rate: peaks put more requests in "
                                       "flight at once, which this flat model does not see"
                                     : ""));
    return nullptr;
  }
  if (!is_provisioned(offering)) {
    return nullptr;
  }
  // Provisioned capacity: whole instances, sized for the peak at the target utilisation.
  const Offering* node = nullptr;
  double capacity_rps = 0;
  CapacityPool pool;
  InstanceModel& instances = pool.provisioned;
  instances.min_instances = scenario.min_instances.value_or(offering.default_min_instances);
  std::string capacity_basis;
  const Offering& instance =
      offering.kind == OfferingKind::kubernetes ? node_offering(catalogue, offering, scenario) : offering;
  if (instance.memory_gb && scenario.memory_mb > *instance.memory_gb * k_mb_per_gb) {
    infeasible(fmt::format("needs {:g} MB of memory; one {} has {:g} MB", scenario.memory_mb, short_name(instance),
                           *instance.memory_gb * k_mb_per_gb));
  }
  bool gpu = offering.kind == OfferingKind::vm && offering.gpus > 0;
  if (offering.kind == OfferingKind::kubernetes) {
    node = &instance;
    capacity_rps = node->vcpu.value_or(0.0) * 1000.0 / usage.cpu_ms;
    pool.label = fmt::format("{} node", short_name(*node));
    capacity_basis =
        fmt::format("{:g} vCPU, {} CPU per request", node->vcpu.value_or(0.0), format_duration_ms(usage.cpu_ms));
    usage.disk_gb = offering.nodes->disk_gb;
    if (!scenario.node_type) {
      assume(model, "node_type", std::nullopt, node->id,
             "each cluster's default node type (rate table); set --node-type");
    } else if (*scenario.node_type != node->id) {
      model.warnings.push_back(fmt::format("nodes are {}: node_type {} is not a {} VM", short_name(*node),
                                           *scenario.node_type, offering.provider));
    }
  } else if (gpu) {
    capacity_rps = offering.gpus * 1000.0 / scenario.duration_ms;
    pool.label = short_name(offering);
    capacity_basis =
        fmt::format("{} GPU, {} GPU time per request", offering.gpus, format_duration_ms(scenario.duration_ms));
  } else if (offering.kind == OfferingKind::vm) {
    capacity_rps = offering.vcpu.value_or(0.0) * 1000.0 / usage.cpu_ms;
    pool.label = short_name(offering);
    capacity_basis =
        fmt::format("{:g} vCPU, {} CPU per request", offering.vcpu.value_or(0.0), format_duration_ms(usage.cpu_ms));
  } else {
    capacity_rps = usage.vcpu * 1000.0 / usage.cpu_ms;
    pool.label = "task";
    capacity_basis = fmt::format("{:g} vCPU, {} CPU per request", usage.vcpu, format_duration_ms(usage.cpu_ms));
  }
  // Requests one instance serves per second at the target utilisation: measured, or from CPU.
  double served_rps = capacity_rps * scenario.utilization;
  if (scenario.rps_per_instance) {
    served_rps = *scenario.rps_per_instance;
    capacity_basis = "measured, rps_per_instance";
  } else {
    if (!gpu) {
      assume_cpu_ms(scenario, model);
    }
    if (!scenario.is_given("utilization")) {
      assume(model, "utilization", scenario.utilization, fmt::format("{:g}%", scenario.utilization * 100),
             "capacity runs at most this CPU share at peak, headroom for bursts (provisioned capacity pays off at "
             "70-80%); set --utilization");
    }
  }
  if (!scenario.is_given("peak_to_average") && scenario.profile.empty()) {
    assume(model, "peak_to_average", scenario.peak_to_average, "1 (flat traffic)",
           "capacity sized for the average rate, as if traffic never peaked; set --peak-to-average");
  }
  if (!scenario.min_instances) {
    assume(model, "min_instances", static_cast<double>(instances.min_instances),
           fmt::format("{}", instances.min_instances),
           "each offering's minimum count of instances, tasks or nodes (rate table; 1 is no redundancy); set "
           "--min-instances");
  }
  // With a profile, the busiest hour decides a fixed size; autoscaled capacity follows each
  // hour the schedule runs, and traffic in an hour it does not is traffic nobody serves.
  std::vector<HourGroup> groups = hour_groups(scenario, true);
  if (auto hour = traffic_off_schedule(scenario)) {
    infeasible(fmt::format("the profile has traffic at {} (hour {}), when the schedule switches it off (hours_per_day, "
                           "days_per_week, start_hour)",
                           hour_name(*hour, scheduled_profile(scenario).size()), *hour));
  }
  double running_count = 0; // profile hours the schedule runs
  for (const HourGroup& group : groups) {
    running_count += group.hours;
  }
  double peak = scenario.peak_factor();
  Scaling default_scaling = offering.kind == OfferingKind::container_service ? Scaling::autoscaled : Scaling::fixed;
  Scaling scaling = scenario.scaling.value_or(default_scaling);
  if (offering.billed_all_month) {
    scaling = Scaling::fixed; // a count bought for the term (or owned), not one per hour
  }
  if (!groups.empty() && !scenario.scaling) {
    assume(model, "scaling", std::nullopt, std::string(to_string(scaling)),
           "with a profile, VMs and cluster nodes run a fixed size for the busiest hour, container services scale "
           "hour by hour; set --scaling");
  }
  instances.requests_per_instance = served_rps * scenario.running_hours() * k_seconds_per_hour / peak;
  if (!(instances.requests_per_instance >= 1)) {
    infeasible(fmt::format("one {} serves {:.3g} requests a month, less than one (see cpu_ms, rps_per_instance, "
                           "utilization, hours_per_month and peak_to_average)",
                           pool.label, instances.requests_per_instance));
    instances.requests_per_instance = 1;
  }
  // One instance that serves more than any scenario has is one step that never ends.
  instances.requests_per_instance = std::min(instances.requests_per_instance, 2 * k_max_whole_requests);
  model.notes.push_back(
      scenario.rps_per_instance
          ? fmt::format("sized for the peak: one {} serves {:.3g} req/s (measured, --rps-per-instance); at least {}",
                        pool.label, served_rps, instances.min_instances)
          : fmt::format("sized for the peak: one {} serves {:.3g} req/s at {:g}% utilisation ({}); at least {}",
                        pool.label, served_rps, scenario.utilization * 100, capacity_basis, instances.min_instances));
  if (groups.empty() || scaling == Scaling::fixed) {
    model.pools.push_back(std::move(pool));
  } else {
    // Autoscaled: each group of hours runs the instances its own rate needs, weighted by its hours.
    double busiest = instances.requests_per_instance;
    model.notes.push_back(fmt::format("autoscaled hour by hour over a {}-hour profile", scenario.profile.size()));
    for (const HourGroup& group : groups) {
      CapacityPool hour = pool;
      hour.weight = group.hours / running_count;
      hour.provisioned.requests_per_instance =
          group.share > 0 ? std::min(busiest * groups.front().share / group.share, 2 * k_max_whole_requests) : 0;
      model.pools.push_back(std::move(hour));
    }
  }
  limit_instances(scenario, model);
  return node;
}

const Component& find_component(const Catalogue& catalogue, const std::string& id, const char* field) {
  const Component* component = catalogue.find_component(id);
  if (!component) {
    std::vector<std::string> ids;
    for (const auto& known : catalogue.components()) {
      ids.push_back(known.id);
    }
    auto suggestion = closest_match(id, ids);
    throw Error(field, "",
                fmt::format("unknown component \"{}\"{}", id,
                            suggestion ? fmt::format(" (did you mean {}?)", *suggestion) : std::string{}));
  }
  return *component;
}

// Why `component` cannot be attached to `offering`, or nothing when it can.
std::optional<std::string> misfit(const Component& component, const Offering& offering) {
  if (!component.id.starts_with(offering.provider + ".")) {
    return fmt::format("{} is not a {} component", component.id, offering.provider);
  }
  bool kind_fits = component.applies_to.empty() || std::find(component.applies_to.begin(), component.applies_to.end(),
                                                             offering.kind) != component.applies_to.end();
  if (!kind_fits) {
    return fmt::format("{} does not apply to a {}", component.id, to_string(offering.kind));
  }
  return std::nullopt;
}

// Engineering time: the scenario's engineer-hours for this offering's kind at its hourly
// rate, a line item on every provider's offerings of that kind; an assumption when none.
void bind_engineering_time(const Offering& offering, const Scenario& scenario, CostModel& model) {
  std::string kind(to_string(offering.kind));
  auto hours = std::find_if(scenario.ops_hours.begin(), scenario.ops_hours.end(),
                            [&kind](const auto& entry) { return entry.first == kind; });
  if (hours == scenario.ops_hours.end() || !scenario.hourly_rate) {
    assume(model, "ops_hours", 0.0, "0 h",
           "engineering time to operate each kind is not included; set --ops-hours KIND=HOURS (a month) and "
           "--hourly-rate");
    return;
  }
  if (hours->second <= 0) {
    return;
  }
  BoundCharge charge;
  charge.name = "Engineering time";
  charge.meter = Meter::engineering_hours;
  charge.unit = std::string(unit_of(Meter::engineering_hours));
  charge.quantity.fixed = hours->second;
  charge.tiers = {Tier{std::nullopt, *scenario.hourly_rate}};
  model.charges.push_back(std::move(charge));
}

// Charge binding: the offering's own charges, its nodes', its components' (as the scenario
// counts them), internet egress, and the scenario's add-ons, each with its quantity model.
void bind_all_charges(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                      const Usage& usage, const Offering* node, CostModel& model) {
  bind_charges(model, offering.charges, usage, 1, "", scenario.free_tier);
  if (model.provisioned_concurrency) {
    bind_charges(model, offering.provisioned_concurrency->charges, usage, 1, "", false);
  }
  if (node) {
    bind_charges(model, node->charges, usage, 1, fmt::format("Nodes ({})", short_name(*node)), scenario.free_tier);
  }
  auto counted = [&scenario](const std::string& id) -> std::optional<int> {
    for (const auto& [known, count] : scenario.components) {
      if (known == id) {
        return count;
      }
    }
    return std::nullopt;
  };
  auto attach = [&](const Component& component, int count) {
    std::string prefix = count == 1 ? component.name : fmt::format("{} x{}", component.name, count);
    bind_charges(model, component.charges, usage, count, prefix, scenario.free_tier);
    bool monthly = std::any_of(component.charges.begin(), component.charges.end(),
                               [](const Charge& charge) { return charge.meter == Meter::gb_months; });
    if (monthly && scenario.running_hours() != scenario.month_hours) {
      model.notes.push_back(fmt::format("{}: billed by the month whether instances run or not, so "
                                        "the schedule does not scale it",
                                        component.name));
    }
  };
  std::vector<std::string> included;
  std::vector<std::string> attached; // component ids with charges bound
  for (const auto& ref : offering.components) {
    const Component* component = catalogue.find_component(ref.id);
    if (!component) {
      throw Error(offering.origin.source, offering.origin.path + ".components",
                  fmt::format("unknown component \"{}\"", ref.id));
    }
    auto count = counted(ref.id);
    if (!count) {
      included.push_back(ref.count == 1 ? ref.id : fmt::format("{} x{}", ref.id, ref.count));
    }
    if (count.value_or(ref.count) > 0) {
      attach(*component, count.value_or(ref.count));
      attached.push_back(ref.id);
    }
  }
  if (!included.empty()) {
    assume(model, "components", std::nullopt, fmt::format("{}", fmt::join(included, ", ")),
           "parts each cluster includes (rate table); set --component ID=COUNT (0 removes one)");
  }
  for (const auto& entry : scenario.components) {
    const std::string& id = entry.first;
    int count = entry.second;
    const Component& component = find_component(catalogue, id, "components");
    bool own = std::any_of(offering.components.begin(), offering.components.end(),
                           [&id](const ComponentRef& ref) { return ref.id == id; });
    if (own || count == 0) {
      continue;
    }
    if (auto why = misfit(component, offering)) {
      model.warnings.push_back(fmt::format("component not added: {}", *why));
    } else {
      attach(component, count);
      attached.push_back(id);
    }
  }
  // Internet egress is the workload's: every offering pays its own provider's rate.
  const std::string& egress = offering.internet_egress;
  bool egress_priced = !egress.empty() && egress != "none";
  if (scenario.response_kb > 0) {
    if (egress == "none") {
      model.notes.push_back(fmt::format("{} charges nothing for internet egress", offering.provider));
    } else if (egress.empty()) {
      model.warnings.push_back(
          fmt::format("internet egress not priced: the {} rate table has no egress rates", offering.provider));
    } else if (std::find(attached.begin(), attached.end(), egress) == attached.end() && counted(egress) != 0) {
      attach(find_component(catalogue, egress, "internet_egress"), 1);
      attached.push_back(egress);
    }
  } else if (egress_priced) {
    assume(model, "response_kb", 0.0, "0 KB",
           "no data sent to the internet is priced; set --response-kb to price each provider's egress");
  }
  for (const auto& id : scenario.addons) {
    const Component& component = find_component(catalogue, id, "addons");
    if (id == egress) {
      model.warnings.push_back(fmt::format("add-on {} not added: egress is priced from response_kb", id));
    } else if (auto why = misfit(component, offering)) {
      model.warnings.push_back(fmt::format("add-on not added: {}", *why));
    } else {
      attach(component, 1);
      attached.push_back(id);
    }
  }
  bool load_balancer = std::any_of(model.charges.begin(), model.charges.end(),
                                   [](const BoundCharge& charge) { return charge.meter == Meter::lcu_hours; });
  if (load_balancer && !scenario.is_given("requests_per_connection")) {
    assume(model, "requests_per_connection", scenario.requests_per_connection, "1",
           "every request opens a new connection, the most load-balancer capacity units; set "
           "--requests-per-connection");
  }
  if (load_balancer && !scenario.is_given("request_kb")) {
    assume(model, "request_kb", 0.0, "0 KB",
           "request bodies add nothing to the load balancer's processed bytes; set --request-kb");
  }
}

} // namespace

CostModel build_cost_model(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario) {
  CostModel model;
  model.offering = &offering;
  Usage usage = billed_usage(offering, scenario, model);
  Scenario bound = scenario;
  if (offering.kind == OfferingKind::function) {
    bound.free_tier = provision_function(offering, scenario, usage, model);
  }
  const Offering* node = size_capacity(catalogue, offering, bound, usage, model);
  bind_all_charges(catalogue, offering, bound, usage, node, model);
  bind_engineering_time(offering, scenario, model);
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
    if (dropped) {
      model.notes.push_back("with kept-warm instances the free tier is not taken off active time (an upper bound by "
                            "at most the free tier's value): a busy kept-warm instance would otherwise cost less "
                            "than an idle one");
    }
  }
  model.notes.insert(model.notes.end(), offering.notes.begin(), offering.notes.end());
  model.notes.insert(model.notes.begin(), model.warnings.begin(), model.warnings.end());
  if (model.feasible()) {
    // Costs never fall as traffic grows, so a finite cost at the most traffic a scenario can
    // have is a finite cost everywhere; a rate table's huge prices must not make infinities.
    if (!std::isfinite(model.cost_at(k_max_whole_requests))) {
      model.infeasible_reasons.push_back(
          fmt::format("its prices overflow a double at 2^53 requests a month ({})", offering.origin.source));
    }
  }
  return model;
}

} // namespace breakeven
