#include <breakeven/cost_model.hpp>

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include "tiers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace breakeven {
namespace {

constexpr double k_mb_per_gb = 1024.0;
constexpr double k_seconds_per_hour = 3600.0;
// An ALB LCU is 25 new connections per second; at one connection per request an hour of
// LCU usage serves 25 * 3600 requests.
constexpr double k_requests_per_lcu_hour = 25.0 * 3600.0;
constexpr double k_kb_per_gb = 1024.0 * 1024.0; // AWS counts data transfer in binary GB

// Everything about one request and one instance that the meters need, after rounding.
struct Usage {
  double billed_seconds = 0;   // per request
  double memory_gb = 0;        // function memory or task memory
  double vcpu = 0;             // task or function vCPUs
  double cpu_ghz = 0;          // clock of the billed memory size
  double extra_storage_gb = 0; // ephemeral storage above the included amount
  double concurrency = 1;      // requests sharing one active instance
  double disk_gb = 0;          // per provisioned instance
  double hours = 0;            // per month
  double cpu_ms = 0;
  double response_kb = 0;
  int gpus = 1;
};

QuantityModel quantity_of(Meter meter, const Usage& u) {
  QuantityModel q;
  double active_seconds = u.billed_seconds / u.concurrency;
  switch (meter) {
  case Meter::requests:
    q.per_request = 1;
    break;
  case Meter::gb_seconds:
    q.per_request = active_seconds * u.memory_gb;
    break;
  case Meter::vcpu_seconds:
    q.per_request = active_seconds * u.vcpu;
    break;
  case Meter::ghz_seconds:
    q.per_request = u.billed_seconds * u.cpu_ghz;
    break;
  case Meter::cpu_ms:
    q.per_request = u.cpu_ms;
    break;
  case Meter::gpu_seconds:
    q.per_request = active_seconds * u.gpus;
    break;
  case Meter::ephemeral_gb_seconds:
    q.per_request = active_seconds * u.extra_storage_gb;
    break;
  case Meter::lcu_hours:
    q.per_request = 1.0 / k_requests_per_lcu_hour;
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
  double total = 0;
  for (const auto& charge : charges) {
    detail::for_each_slice(charge, charge.quantity.at(requests, count),
                           [&total](detail::SliceKind, std::size_t, double, double, double amount, double unit_price) {
                             total += amount * unit_price;
                           });
  }
  return total;
}

double CostModel::instances_at(double requests) const {
  double count = 0;
  for (const auto& pool : pools) {
    count += pool.weight * pool.at(requests);
  }
  return count;
}

bool CostModel::provisioned() const {
  return std::any_of(pools.begin(), pools.end(), [](const CapacityPool& pool) { return pool.is_staircase(); });
}

const CapacityPool* CostModel::single_staircase() const {
  return pools.size() == 1 && pools.front().is_staircase() && pools.front().weight == 1 ? &pools.front() : nullptr;
}

bool CostModel::piecewise_linear() const {
  return std::all_of(pools.begin(), pools.end(), [](const CapacityPool& pool) { return pool.is_staircase(); });
}

namespace {

// Billed usage: what one request and one instance use, after the offering's rounding rules,
// and the limits that make the scenario infeasible. Sizing and charges start from it.
Usage billed_usage(const Offering& offering, const Scenario& scenario, CostModel& model) {
  const Billing& billing = offering.billing;
  const Limits& limits = offering.limits;
  auto infeasible = [&model](std::string reason) { model.infeasible_reasons.push_back(std::move(reason)); };

  Usage usage;
  usage.hours = scenario.hours_per_month;
  usage.cpu_ms = scenario.effective_cpu_ms();
  usage.response_kb = scenario.response_kb;
  usage.gpus = std::max(1, offering.gpus);

  if (limits.max_duration_ms && scenario.duration_ms > *limits.max_duration_ms) {
    infeasible(fmt::format("a request runs {}; the limit is {}", format_duration_ms(scenario.duration_ms),
                           format_duration_ms(*limits.max_duration_ms)));
  }
  if (limits.max_cpu_ms && usage.cpu_ms > *limits.max_cpu_ms) {
    infeasible(fmt::format("a request uses {} of CPU; the limit is {}", format_duration_ms(usage.cpu_ms),
                           format_duration_ms(*limits.max_cpu_ms)));
  }
  double billed_ms =
      std::max(round_up_to_step(scenario.duration_ms, billing.duration_step_ms), billing.min_duration_ms);
  usage.billed_seconds = billed_ms / 1000.0;
  if (billed_ms != scenario.duration_ms) {
    model.notes.push_back(fmt::format("duration billed as {} per request", format_duration_ms(billed_ms)));
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

  double max_concurrency = limits.max_concurrency.value_or(1.0);
  usage.concurrency = std::min(scenario.concurrency, max_concurrency);
  if (scenario.concurrency > max_concurrency && max_concurrency > 1) {
    model.notes.push_back(fmt::format("concurrency capped at {:g} requests per instance", max_concurrency));
  }

  return usage;
}

// Sizing: the capacity pools an offering bills by the instance (model.pools), and the node
// offering of a cluster, whose charges come with it; nullptr for anything else.
const Offering* size_capacity(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                              Usage& usage, CostModel& model) {
  auto infeasible = [&model](std::string reason) { model.infeasible_reasons.push_back(std::move(reason)); };
  // Provisioned capacity: whole instances, sized for the peak at the target utilisation.
  const Offering* node = nullptr;
  bool provisioned = offering.kind == OfferingKind::vm || offering.kind == OfferingKind::kubernetes ||
                     (offering.kind == OfferingKind::container_service && is_task_billed(offering));
  if (provisioned) {
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
    if (offering.kind == OfferingKind::kubernetes) {
      node = &instance;
      capacity_rps = node->vcpu.value_or(0.0) * 1000.0 / usage.cpu_ms;
      pool.label = fmt::format("{} node", short_name(*node));
      capacity_basis =
          fmt::format("{:g} vCPU, {} CPU per request", node->vcpu.value_or(0.0), format_duration_ms(usage.cpu_ms));
      usage.disk_gb = offering.nodes->disk_gb;
    } else if (offering.kind == OfferingKind::vm && offering.gpus > 0) {
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
    instances.requests_per_instance =
        capacity_rps * scenario.utilization * scenario.hours_per_month * k_seconds_per_hour / scenario.peak_to_average;
    if (!(instances.requests_per_instance >= 1)) {
      infeasible(fmt::format("one {} serves {:.3g} requests a month, less than one (see cpu_ms, utilization, "
                             "hours_per_month and peak_to_average)",
                             pool.label, instances.requests_per_instance));
      instances.requests_per_instance = 1;
    }
    // One instance that serves more than any scenario has is one step that never ends.
    instances.requests_per_instance = std::min(instances.requests_per_instance, 2 * k_max_whole_requests);
    model.notes.push_back(fmt::format(
        "sized for the peak: one {} serves {:.3g} req/s at {:g}% utilisation ({}); at least {}", pool.label,
        capacity_rps * scenario.utilization, scenario.utilization * 100, capacity_basis, instances.min_instances));
    model.pools.push_back(std::move(pool));
  }

  return node;
}

// Charge binding: the offering's own charges, its nodes', its components' and the scenario's
// add-ons, each with its quantity model.
void bind_all_charges(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                      const Usage& usage, const Offering* node, CostModel& model) {
  bind_charges(model, offering.charges, usage, 1, "", scenario.free_tier);
  if (node) {
    bind_charges(model, node->charges, usage, 1, fmt::format("Nodes ({})", short_name(*node)), scenario.free_tier);
  }
  for (const auto& ref : offering.components) {
    const Component* component = catalogue.find_component(ref.id);
    if (!component) {
      throw Error(offering.origin.source, offering.origin.path + ".components",
                  fmt::format("unknown component \"{}\"", ref.id));
    }
    std::string prefix = ref.count == 1 ? component->name : fmt::format("{} x{}", component->name, ref.count);
    bind_charges(model, component->charges, usage, ref.count, prefix, scenario.free_tier);
  }
  for (const auto& id : scenario.addons) {
    const Component* component = catalogue.find_component(id);
    if (!component) {
      std::vector<std::string> ids;
      for (const auto& known : catalogue.components()) {
        ids.push_back(known.id);
      }
      auto suggestion = closest_match(id, ids);
      throw Error("addons", "",
                  fmt::format("unknown component \"{}\"{}", id,
                              suggestion ? fmt::format(" (did you mean {}?)", *suggestion) : std::string{}));
    }
    bool same_provider = id.starts_with(offering.provider + ".");
    bool kind_fits = component->applies_to.empty() ||
                     std::find(component->applies_to.begin(), component->applies_to.end(), offering.kind) !=
                         component->applies_to.end();
    if (same_provider && kind_fits) {
      bind_charges(model, component->charges, usage, 1, component->name, scenario.free_tier);
    }
  }
}

} // namespace

CostModel build_cost_model(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario) {
  CostModel model;
  model.offering = &offering;
  Usage usage = billed_usage(offering, scenario, model);
  const Offering* node = size_capacity(catalogue, offering, scenario, usage, model);
  bind_all_charges(catalogue, offering, scenario, usage, node, model);
  model.notes.insert(model.notes.end(), offering.notes.begin(), offering.notes.end());
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
