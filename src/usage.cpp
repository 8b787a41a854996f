#include "cost_model_parts.hpp"

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace breakeven::detail {
namespace {

constexpr double k_kb_per_gb = 1024.0 * 1024.0; // AWS counts data transfer in binary GB
// An Application Load Balancer bills, each hour, the largest of its LCU dimensions (AWS,
// aws.amazon.com/elasticloadbalancing/pricing): 25 new connections a second, 3,000 active
// connections a minute, 1 GB processed an hour (EC2, IP and container targets) and 1,000 rule
// evaluations a second (the first 10 rules free; rules are assumed within them).
constexpr double k_lcu_new_connections_per_second = 25.0;
constexpr double k_lcu_active_connections = 3000.0;
constexpr double k_lcu_gb_per_hour = 1.0;

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
        options.push_back(fmt::format(FMT_COMPILE("{:g} MB"), size.min_memory_mb));
      } else {
        options.push_back(fmt::format(FMT_COMPILE("{:g}-{:g} MB in steps of {:g} MB"), size.min_memory_mb,
                                      size.max_memory_mb, size.memory_step_mb));
      }
    }
  }
  if (options.empty()) {
    std::vector<std::string> cpus;
    for (const auto& size : sizes) {
      std::string text = fmt::format(FMT_COMPILE("{:g}"), size.vcpu);
      if (std::find(cpus.begin(), cpus.end(), text) == cpus.end()) {
        cpus.push_back(text);
      }
    }
    return fmt::format(FMT_COMPILE("valid vCPU counts: {}"), fmt::join(cpus, ", "));
  }
  return fmt::format(FMT_COMPILE("{:g} vCPU takes {}"), vcpu, fmt::join(options, " or "));
}

} // namespace

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
  case Meter::processed_gb:
    q.fixed = u.nat_gb;
    break;
  case Meter::surplus_vcpu_hours:
    // The CPU the month's requests use, less what the instances' baselines include:
    // R x cpu_ms - baseline x vCPUs x hours x N, billed where positive (the charge prices no
    // negative quantity).
    if (u.cpu_credit_hours) {
      q.fixed = *u.cpu_credit_hours;
    } else {
      q.per_request = u.cpu_ms / 1000.0 / k_seconds_per_hour;
      q.per_instance = -u.baseline_vcpu * u.hours;
    }
    break;
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

std::string short_name(const Offering& vm) {
  // "aws.ec2.m7g.large" -> "m7g.large": drop "<provider>.<service>.".
  auto first = vm.id.find('.');
  auto second = vm.id.find('.', first + 1);
  return second == std::string::npos ? vm.id : vm.id.substr(second + 1);
}

void assume(CostModel& model, std::string field, std::optional<double> number, std::string value, std::string why) {
  model.assumptions.push_back({std::move(field), number, std::move(value), std::move(why), {}});
}

bool is_request_billed_container(const Offering& offering) {
  return offering.kind == OfferingKind::container_service && !is_task_billed(offering);
}

bool is_container_billed(const Offering& offering) {
  return offering.billing.scale_down_window_s.has_value() &&
         (offering.kind == OfferingKind::function || offering.kind == OfferingKind::container_service);
}

bool has_idle_rates(const Offering& offering) {
  return std::any_of(offering.charges.begin(), offering.charges.end(), [](const Charge& charge) {
    return charge.meter == Meter::idle_vcpu_seconds || charge.meter == Meter::idle_gb_seconds;
  });
}

bool is_provisioned(const Offering& offering) {
  return offering.kind == OfferingKind::vm || offering.kind == OfferingKind::kubernetes ||
         (offering.kind == OfferingKind::container_service && is_task_billed(offering));
}

// The CPU time per request the model uses, as an assumption when the user gave none: the
// derivation from the function measurement (Scenario::effective_cpu_ms).
void assume_cpu_ms(const Scenario& scenario, CostModel& model) {
  if (scenario.cpu_ms || !model.list_assumptions) {
    return;
  }
  double cpu = scenario.effective_cpu_ms();
  std::string rule =
      scenario.memory_mb >= k_memory_mb_per_vcpu
          ? fmt::format(FMT_COMPILE("the whole duration: a {:g} MB function has a full vCPU"), scenario.memory_mb)
          : fmt::format(FMT_COMPILE("{} x {:g}/{:g}, the vCPU share of a {:g} MB function"),
                        format_duration_ms(scenario.duration_ms), scenario.memory_mb, k_memory_mb_per_vcpu,
                        scenario.memory_mb);
  assume(
      model, "cpu_ms", cpu, format_duration_ms(cpu),
      fmt::format(FMT_COMPILE("{} (AWS Lambda: 1 vCPU at 1,769 MB); sizes VMs, nodes and tasks and prices CPU-billed "
                              "functions; set --cpu-ms (or --rps-per-instance)"),
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
  usage.nat_gb = scenario.nat_gb_per_month;
  usage.cpu_credit_hours = scenario.cpu_credit_hours;
  usage.disk_gb = scenario.disk_gb.value_or(0.0); // a cluster's nodes: its own size unless given (sizing)
  usage.requests_per_connection = scenario.requests_per_connection;
  usage.gpus = std::max(1, offering.gpus);
  if (billing.free_static_assets) {
    usage.billed_share = 1 - scenario.static_share;
    if (!scenario.is_given("static_share")) {
      if (model.list_assumptions) {
        assume(model, "static_share", 0.0, "0%",
               "no request is for a static asset, which this offering serves free; set --static-share");
      }
    }
  } else if (scenario.static_share > 0) {
    if (model.describe) {
      model.notes.push_back(
          fmt::format(FMT_COMPILE("static_share {}: every request is billed here (static assets would need a "
                                  "bucket or CDN, not modelled)"),
                      format_percent(scenario.static_share)));
    }
  }

  if (const auto& purchase = offering.purchase) {
    if (purchase->interruptible && !scenario.interruptible) {
      model.infeasible_reasons.push_back(
          "spot capacity can be reclaimed at short notice, and the workload is not interruptible (set "
          "--interruptible if it tolerates that)");
    }
    if (purchase->interruptible && !scenario.is_given("interruptible")) {
      if (model.list_assumptions) {
        assume(model, "interruptible", 0.0, "false",
               "a request-serving workload cannot lose its capacity at short notice, so spot options are infeasible; "
               "set --interruptible");
      }
    }
  }
  if (offering.billed_all_month) {
    usage.hours = scenario.month_hours;
    if (model.describe) {
      model.notes.push_back(fmt::format(
          FMT_COMPILE("{}: paid every hour of the month whether used or not ({:g} h, whatever the "
                      "schedule), at the size of the busiest hour"),
          offering.purchase ? offering.purchase->name : std::string("owned hardware"), scenario.month_hours));
    }
  }
  if (!scenario.is_given("duration_ms")) {
    if (model.list_assumptions) {
      assume(model, "duration_ms", scenario.duration_ms, format_duration_ms(scenario.duration_ms),
             "a placeholder, not a measurement; set --duration-ms");
    }
  }
  if (!scenario.is_given("memory_mb")) {
    if (model.list_assumptions) {
      assume(model, "memory_mb", scenario.memory_mb, fmt::format(FMT_COMPILE("{:g} MB"), scenario.memory_mb),
             "a placeholder, not a measurement; set --memory-mb");
    }
  }
  if (limits.max_duration_ms && scenario.duration_ms > *limits.max_duration_ms) {
    infeasible(fmt::format(FMT_COMPILE("a request runs {}; the limit is {}"), format_duration_ms(scenario.duration_ms),
                           format_duration_ms(*limits.max_duration_ms)));
  }
  if (limits.max_cpu_ms && usage.cpu_ms > *limits.max_cpu_ms) {
    infeasible(fmt::format(FMT_COMPILE("a request uses {} of CPU; the limit is {}"), format_duration_ms(usage.cpu_ms),
                           format_duration_ms(*limits.max_cpu_ms)));
  }
  if (std::any_of(offering.charges.begin(), offering.charges.end(),
                  [](const Charge& charge) { return charge.meter == Meter::cpu_ms; })) {
    if (model.list_assumptions) {
      assume_cpu_ms(scenario, model);
    }
  }
  // GPU offerings: a request holds one of a GPU's batch_size slots for gpu_ms, which is the time
  // a serverless GPU bills (the rest of the request is taken to overlap it).
  double held_ms = scenario.duration_ms;
  if (offering.gpus > 0) {
    held_ms = scenario.gpu_ms.value_or(scenario.duration_ms);
    usage.gpu_seconds = held_ms / 1000.0;
    usage.batch_size = scenario.batch_size.value_or(1);
    if (!scenario.gpu_ms) {
      if (model.list_assumptions) {
        assume(model, "gpu_ms", held_ms, format_duration_ms(held_ms),
               "the whole request holds a GPU (duration_ms); set --gpu-ms");
      }
    }
    if (!scenario.batch_size) {
      if (model.list_assumptions) {
        assume(model, "batch_size", 1.0, "1", "a GPU serves one request at a time, no batching; set --batch-size");
      }
    }
  }
  double billed_ms = std::max(round_up_to_step(held_ms, billing.duration_step_ms), billing.min_duration_ms);
  usage.billed_seconds = billed_ms / 1000.0;
  if (billed_ms != held_ms) {
    if (model.describe) {
      model.notes.push_back(
          billing.duration_step_ms > 1
              ? fmt::format(
                    FMT_COMPILE("duration billed as {} per request: each request is rounded up to a multiple of {}; "
                                "duration_ms is an average, so when durations vary the bill can differ from this by up "
                                "to {} per request"),
                    format_duration_ms(billed_ms), format_duration_ms(billing.duration_step_ms),
                    format_duration_ms(billing.duration_step_ms))
              : fmt::format(FMT_COMPILE("duration billed as {} per request"), format_duration_ms(billed_ms)));
    }
  }

  if (offering.kind == OfferingKind::function) {
    double memory_mb = scenario.memory_mb;
    if (limits.max_memory_mb && memory_mb > *limits.max_memory_mb) {
      infeasible(
          fmt::format(FMT_COMPILE("needs {:g} MB of memory; the limit is {:g} MB"), memory_mb, *limits.max_memory_mb));
    }
    double billed_mb = std::max({round_up_to_step(memory_mb, billing.memory_step_mb), billing.min_memory_mb,
                                 limits.min_memory_mb.value_or(0.0)});
    if (!billing.memory_sizes.empty()) {
      auto size = std::find_if(billing.memory_sizes.begin(), billing.memory_sizes.end(),
                               [billed_mb](const MemorySize& s) { return s.memory_mb >= billed_mb; });
      if (size == billing.memory_sizes.end()) {
        infeasible(fmt::format(FMT_COMPILE("needs {:g} MB of memory; the largest size is {:g} MB"), memory_mb,
                               billing.memory_sizes.back().memory_mb));
      } else {
        billed_mb = size->memory_mb;
        usage.cpu_ghz = size->cpu_ghz.value_or(0.0);
      }
    }
    if (billed_mb != memory_mb && model.feasible()) {
      if (model.describe) {
        model.notes.push_back(fmt::format(FMT_COMPILE("memory billed as {:g} MB"), billed_mb));
      }
    }
    usage.memory_gb = billed_mb / k_mb_per_gb;
    usage.vcpu = offering.vcpu.value_or(0.0);
  }

  if (offering.kind == OfferingKind::container_service) {
    usage.vcpu = scenario.task_vcpu.value_or(*offering.default_task_vcpu);
    double memory_mb = scenario.task_memory_mb.value_or(*offering.default_task_memory_mb);
    usage.memory_gb = memory_mb / k_mb_per_gb;
    if (!scenario.task_vcpu || !scenario.task_memory_mb) {
      if (model.list_assumptions) {
        assume(model, "task_vcpu", usage.vcpu, fmt::format(FMT_COMPILE("{:g} vCPU, {:g} MB"), usage.vcpu, memory_mb),
               "each offering's default size (rate table); set --task-vcpu and --task-memory-mb");
      }
    }
    if (scenario.memory_mb > memory_mb) {
      infeasible(fmt::format(FMT_COMPILE("needs {:g} MB of memory; the task has {:g} MB (set --task-memory-mb)"),
                             scenario.memory_mb, memory_mb));
    }
    bool valid = offering.task_sizes.empty() ||
                 std::any_of(offering.task_sizes.begin(), offering.task_sizes.end(),
                             [&](const TaskSize& size) { return fits_task_size(size, usage.vcpu, memory_mb); });
    if (!valid) {
      infeasible(fmt::format(FMT_COMPILE("{:g} vCPU with {:g} MB is not a valid task size ({})"), usage.vcpu, memory_mb,
                             describe_task_sizes(offering.task_sizes, usage.vcpu)));
    }
  }

  double storage_gb = scenario.ephemeral_storage_gb.value_or(billing.included_ephemeral_storage_gb);
  if (limits.max_ephemeral_storage_gb && storage_gb > *limits.max_ephemeral_storage_gb) {
    infeasible(fmt::format(FMT_COMPILE("needs {:g} GB of ephemeral storage; the limit is {:g} GB"), storage_gb,
                           *limits.max_ephemeral_storage_gb));
  }
  usage.extra_storage_gb = std::max(0.0, storage_gb - billing.included_ephemeral_storage_gb);

  // Only request-billed containers pack several requests into one billed instance; a function
  // bills each request's own time, unless billed by the container (a GPU's batch).
  if (is_container_billed(offering) && offering.gpus > 0) {
    usage.concurrency = static_cast<double>(usage.batch_size);
  } else if (is_request_billed_container(offering)) {
    double wanted = scenario.concurrency.value_or(offering.default_concurrency.value_or(1.0));
    double max_concurrency = limits.max_concurrency.value_or(wanted);
    usage.concurrency = std::min(wanted, max_concurrency);
    if (wanted > max_concurrency) {
      if (model.describe) {
        model.notes.push_back(
            fmt::format(FMT_COMPILE("concurrency capped at {:g} requests per instance"), max_concurrency));
      }
    }
    if (!scenario.concurrency) {
      if (model.list_assumptions) {
        assume(model, "concurrency", usage.concurrency, fmt::format(FMT_COMPILE("{:g}"), usage.concurrency),
               offering.default_concurrency
                   ? "requests an instance serves at once: each provider's documented default (rate table); set "
                     "--concurrency"
                   : "one request per instance: the rate table gives no default; set --concurrency");
      }
    }
  }

  return usage;
}

} // namespace breakeven::detail
