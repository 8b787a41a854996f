#include "cost_model_parts.hpp"

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace breakeven::detail {
namespace {

// The VM type a cluster's nodes run: the scenario's node_type when it names one of this
// provider's VMs, else the offering's own default.
const Offering& node_offering(const Catalogue& catalogue, const Offering& cluster, const Scenario& scenario) {
  if (scenario.node_type) {
    const Offering* node = catalogue.find(*scenario.node_type);
    if (!node) {
      catalogue.get(*scenario.node_type, "node_type"); // throws with a did-you-mean
    }
    if (node->kind != OfferingKind::vm) {
      throw Error("node_type", "",
                  fmt::format(FMT_COMPILE("\"{}\" is a {}, not a vm"), node->id, to_string(node->kind)));
    }
    if (node->provider == cluster.provider) {
      return *node;
    }
  }
  return catalogue.get(cluster.nodes->offering_id, cluster.origin.source);
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

// "at peak", or the busiest hour of the profile.
std::string peak_name(const Scenario& scenario) {
  if (scenario.profile.empty()) {
    return "at peak";
  }
  std::vector<double> shares = scheduled_profile(scenario);
  auto peak = std::max_element(shares.begin(), shares.end()) - shares.begin();
  return fmt::format(FMT_COMPILE("in the busiest hour ({})"), hour_name(static_cast<std::size_t>(peak), shares.size()));
}

void set_max_requests(CostModel& model, double last, std::string reason) {
  if (!model.max_requests || last < *model.max_requests) {
    model.max_requests = last;
    model.max_requests_reason = std::move(reason);
  }
}

// max_instances for provisioned capacity: the busiest pool (the first) may not need more; above
// the requests that `max_instances` instances serve there (at the target utilisation), the
// option cannot serve the traffic.
void limit_instances(const Scenario& scenario, CostModel& model) {
  if (!scenario.max_instances || model.pools.empty()) {
    return;
  }
  const CapacityPool& busiest = model.pools.front();
  long long cap = *scenario.max_instances;
  if (busiest.provisioned.min_instances > cap) {
    model.infeasible_reasons.push_back(fmt::format(
        FMT_COMPILE("runs at least {} instances, more than max_instances {}"), busiest.provisioned.min_instances, cap));
    return;
  }
  if (busiest.provisioned.requests_per_instance <= 0) {
    return;
  }
  double last = busiest.provisioned.last_request_of(cap);
  set_max_requests(
      model, last,
      fmt::format(FMT_COMPILE("above {} requests/month it needs more than {} {} instances {} (max_instances)"),
                  format_count(last), cap, busiest.label, peak_name(scenario)));
}

// max_instances for what scales by the request (functions, request-billed containers): an
// instance serves `concurrency` requests at once, so past the traffic at which the requests in
// flight at peak average max_instances x concurrency it cannot keep up (bursts above the
// average are throttled before that). `label` names an instance ("instance", "container").
void limit_in_flight(const Scenario& scenario, CostModel& model, const Usage& usage, long long min_instances,
                     std::string_view label) {
  if (!scenario.max_instances) {
    return;
  }
  long long cap = *scenario.max_instances;
  if (min_instances > cap) {
    model.infeasible_reasons.push_back(
        fmt::format(FMT_COMPILE("runs at least {} instances, more than max_instances {}"), min_instances, cap));
    return;
  }
  if (!(usage.billed_seconds > 0 && usage.period_seconds > 0)) {
    return;
  }
  double in_flight = static_cast<double>(cap) * std::max(usage.concurrency, 1.0);
  // The rate at peak: the profile's busiest hour, or peak_to_average times the average.
  double peak = std::max(scenario.peak_to_average, 1.0);
  if (!scenario.profile.empty()) {
    std::vector<double> shares = scheduled_profile(scenario);
    peak = *std::max_element(shares.begin(), shares.end()) * static_cast<double>(shares.size());
  }
  // Whole requests, the quotient's rounding forgiven (2 x 2,628,000 s / (0.1 s x 3) is 17,520,000).
  double last =
      static_cast<double>(-ceil_tolerant(-(in_flight * usage.period_seconds / (usage.billed_seconds * peak))));
  set_max_requests(
      model, last,
      fmt::format(FMT_COMPILE("above {} requests/month its requests in flight average more than {} ({} {}{} x {:g} "
                              "each) {} (max_instances)"),
                  format_count(last), format_count(in_flight), cap, label, cap == 1 ? "" : "s",
                  std::max(usage.concurrency, 1.0), peak_name(scenario)));
}

// True when every day the schedule runs has the same share of the requests: the day's profile
// repeated, or a week's whose running days are alike.
bool days_alike(const Scenario& scenario) {
  std::vector<double> shares = scheduled_profile(scenario);
  if (shares.size() <= 24) {
    return true;
  }
  std::optional<double> first;
  for (std::size_t day = 0; day * 24 < shares.size(); ++day) {
    double total = 0;
    bool runs = false;
    for (std::size_t hour = day * 24; hour < (day + 1) * 24 && hour < shares.size(); ++hour) {
      total += shares[hour];
      runs |= scenario.runs_in_hour(hour);
    }
    if (!runs) {
      continue;
    }
    if (first && std::fabs(total - *first) > 1e-12 * std::max(total, *first)) {
      return false;
    }
    first = total;
  }
  return true;
}

// Burstable instances: the hourly price includes `baseline` of each vCPU. In unlimited mode (the
// offering bills surplus credits) the load above it is billed; else the instance is throttled to
// it once its credits are spent, so each instance may serve on average only what the baseline
// does: the requests one serves at `served_rps` (the target utilisation) x baseline / utilisation.
void size_burstable(const Offering& instance, const Scenario& scenario, double served_rps, InstanceModel& instances,
                    Usage& usage, CostModel& model) {
  double baseline = *instance.burstable_baseline;
  double vcpu = instance.vcpu.value_or(0.0);
  bool unlimited = std::any_of(instance.charges.begin(), instance.charges.end(),
                               [](const Charge& charge) { return charge.meter == Meter::surplus_vcpu_hours; });
  std::string what = fmt::format(FMT_COMPILE("{} is burstable: its price includes {:g}% of each vCPU ({})"),
                                 short_name(instance), baseline * 100, instance.burstable_source);
  if (unlimited) {
    usage.baseline_vcpu = baseline * vcpu;
    if (usage.cpu_credit_hours) {
      return;
    }
    if (model.list_assumptions) {
      assume(
          model, "cpu_credit_hours", std::nullopt, "the CPU above the baselines",
          fmt::format(
              FMT_COMPILE("{}; in unlimited mode, the default, the month's CPU above it is billed as surplus credits: "
                          "requests x cpu_ms - {:g} vCPU x hours x instances; set --cpu-credit-hours"),
              what, baseline * vcpu));
      if (!days_alike(scenario)) {
        model.notes.push_back(
            "surplus credits are reckoned over the month, but a burstable's balance holds at most a day's earnings: "
            "with busier and quieter days, the busy days' surplus is billed more than this (a lower bound)");
      }
    }
    return;
  }
  double utilization = scenario.rps_per_instance ? 1.0 : scenario.utilization;
  double sustained = served_rps * baseline / utilization * scenario.running_hours() * k_seconds_per_hour;
  bool binds = sustained < instances.requests_per_instance;
  if (!(sustained >= 1)) {
    model.infeasible_reasons.push_back(
        fmt::format(FMT_COMPILE("at its baseline one {} serves {:.3g} requests a month, less than one"),
                    short_name(instance), sustained));
    return;
  }
  if (binds) {
    instances.requests_per_instance = sustained;
  }
  if (model.describe) {
    model.notes.push_back(fmt::format(
        FMT_COMPILE(
            "{}; without surplus credits (standard mode) it is throttled to that once its credits are spent, so one "
            "serves at most {:.3g} req/s on average{}"),
        what, sustained / (scenario.running_hours() * k_seconds_per_hour),
        binds ? ", which sizes it rather than the peak" : ""));
  }
}

} // namespace

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
    return fmt::format(FMT_COMPILE("{:02}:00"), hour);
  }
  return fmt::format(FMT_COMPILE("{} {:02}:00"), k_days[hour / 24 % 7], hour % 24);
}

// Sizing: the capacity pools an offering bills by the instance (model.pools), and the node
// offering of a cluster, whose charges come with it; nullptr for anything else.
const Offering* size_capacity(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                              Usage& usage, CostModel& model) {
  auto infeasible = [&model](std::string reason) { model.infeasible_reasons.push_back(std::move(reason)); };
  // Request-billed containers scale to zero unless told to keep instances warm.
  bool container_billed = is_container_billed(offering);
  long long kept_warm =
      is_request_billed_container(offering) || container_billed ? scenario.min_instances.value_or(0) : 0;
  bool idle_priced = has_idle_rates(offering);
  if (kept_warm > 0 && !idle_priced && !container_billed) {
    if (model.warn) {
      model.warnings.push_back(
          fmt::format(FMT_COMPILE("min_instances not priced: the rate table has no idle rates for {}"), offering.id));
    }
    kept_warm = 0;
  }
  if ((is_request_billed_container(offering) && (usage.concurrency > 1 || kept_warm > 0)) || container_billed) {
    // Busy instances: requests in flight share instances, which bill only while busy.
    CapacityPool pool;
    pool.kind = CapacityPool::Kind::busy;
    pool.label = container_billed ? "container" : "instance";
    pool.busy.seconds_per_request = usage.billed_seconds;
    pool.busy.concurrency = static_cast<long long>(usage.concurrency);
    pool.busy.period_seconds = usage.period_seconds;
    if (container_billed) {
      double window = scenario.scale_down_window_s.value_or(*offering.billing.scale_down_window_s);
      // A container billed while up bills a kept-warm one like a busy one (Modal's
      // min_containers): max(N, ceil(X / C)) are up. It never scales down, so no idle tail.
      pool.busy.linger_seconds = kept_warm > 0 ? 0.0 : window;
      pool.busy.min_instances = kept_warm;
      if (!scenario.scale_down_window_s) {
        if (model.list_assumptions) {
          assume(model, "scale_down_window_s", window, fmt::format(FMT_COMPILE("{:g} s"), window),
                 "a container stays up, billed, this long after its last request (each offering's default, rate "
                 "table); set --scale-down-window");
        }
      }
      if (window > 0 && kept_warm > 0) {
        if (model.describe) {
          model.notes.push_back(
              fmt::format(FMT_COMPILE("containers above the {} kept warm stay up {:g} s past their last request, "
                                      "which is not counted (a lower bound)"),
                          kept_warm, window));
        }
      } else if (window > 0) {
        if (model.describe) {
          model.notes.push_back(fmt::format(
              FMT_COMPILE(
                  "billed while a container is up, {:g} s past its last request: the first container's idle tail "
                  "e^(-m)(1 - e^(-rate x {:g} s)) is added to the busy ones (exact for one container, a lower bound "
                  "when "
                  "several scale up and down)"),
              window, window));
        }
      }
    }
    usage.busy_instances = true;
    // Kept-warm instances not busy bill at the idle rate: E[(N - ceil(X / C))+] of them.
    auto add = [&model, kept_warm, container_billed](CapacityPool busy) {
      if (busy.busy.period_seconds < std::numeric_limits<double>::infinity()) {
        model.pools.push_back(busy);
      }
      if (kept_warm > 0 && !container_billed) {
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
    if (kept_warm > 0 && container_billed) {
      if (model.describe) {
        model.notes.push_back(
            fmt::format(FMT_COMPILE("{} container{} kept warm (min_instances): billed like busy ones, so "
                                    "E[max({}, ceil(X/{:g}))] are up"),
                        kept_warm, kept_warm == 1 ? "" : "s", kept_warm, usage.concurrency));
      }
    } else if (kept_warm > 0) {
      if (model.describe) {
        model.notes.push_back(
            fmt::format(FMT_COMPILE("{} instance{} kept warm (min_instances): those not busy bill at the idle rate, "
                                    "E[({} - ceil(X/{:g}))+] of them on average"),
                        kept_warm, kept_warm == 1 ? "" : "s", kept_warm, usage.concurrency));
      }
    }
    if (model.describe) {
      model.notes.push_back(fmt::format(
          FMT_COMPILE(
              "billed for the instances busy on average: E[ceil(X/{:g})] with X, the requests in flight, Poisson with "
              "mean "
              "rate x {} (each request's billed time; an upper bound when requests overlap, as the provider rounds an "
              "instance's busy time, not each request's){}"),
          usage.concurrency, format_duration_ms(usage.billed_seconds * 1000.0),
          scenario.peak_to_average > 1 ? "; traffic is taken as flat at its average rate: peaks put more requests in "
                                         "flight at once, which this flat model does not see"
                                       : ""));
    }
    limit_in_flight(scenario, model, usage, kept_warm, pool.label);
    return nullptr;
  }
  if (offering.kind == OfferingKind::function) {
    limit_in_flight(scenario, model, usage, 0, "environment");
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
    infeasible(fmt::format(FMT_COMPILE("needs {:g} MB of memory; one {} has {:g} MB"), scenario.memory_mb,
                           short_name(instance), *instance.memory_gb * k_mb_per_gb));
  }
  bool gpu = offering.kind == OfferingKind::vm && offering.gpus > 0;
  if (offering.kind == OfferingKind::kubernetes) {
    node = &instance;
    capacity_rps = node->vcpu.value_or(0.0) * 1000.0 / usage.cpu_ms;
    pool.label = fmt::format(FMT_COMPILE("{} node"), short_name(*node));
    if (model.describe) {
      capacity_basis = fmt::format(FMT_COMPILE("{:g} vCPU, {} CPU per request"), node->vcpu.value_or(0.0),
                                   format_duration_ms(usage.cpu_ms));
    }
    usage.disk_gb = scenario.disk_gb.value_or(offering.nodes->disk_gb);
    if (!scenario.disk_gb && usage.disk_gb > 0) {
      if (model.list_assumptions) {
        assume(model, "disk_gb", usage.disk_gb, fmt::format(FMT_COMPILE("{:g} GB"), usage.disk_gb),
               "the volume of each node, each cluster's own default (rate table); set --disk-gb");
      }
    }
    if (!scenario.node_type) {
      if (model.list_assumptions) {
        assume(model, "node_type", std::nullopt, node->id,
               "each cluster's default node type (rate table); set --node-type");
      }
    } else if (*scenario.node_type != node->id) {
      if (model.warn) {
        model.warnings.push_back(fmt::format(FMT_COMPILE("nodes are {}: node_type {} is not a {} VM"),
                                             short_name(*node), *scenario.node_type, offering.provider));
      }
    }
  } else if (gpu) {
    // Each GPU serves batch_size requests at once, each holding it for gpu_ms.
    capacity_rps = static_cast<double>(offering.gpus * usage.batch_size) / usage.gpu_seconds;
    pool.label = short_name(offering);
    if (model.describe) {
      capacity_basis =
          fmt::format(FMT_COMPILE("{} GPU{}, {} GPU time per request"), offering.gpus,
                      usage.batch_size > 1 ? fmt::format(FMT_COMPILE(" x batches of {}"), usage.batch_size) : "",
                      format_duration_ms(usage.gpu_seconds * 1000));
    }
  } else if (offering.kind == OfferingKind::vm) {
    if (!offering.root_volume_component.empty()) {
      usage.disk_gb = scenario.disk_gb.value_or(offering.root_volume_gb); // each instance's root volume
    }
    capacity_rps = offering.vcpu.value_or(0.0) * 1000.0 / usage.cpu_ms;
    pool.label = short_name(offering);
    if (model.describe) {
      capacity_basis = fmt::format(FMT_COMPILE("{:g} vCPU, {} CPU per request"), offering.vcpu.value_or(0.0),
                                   format_duration_ms(usage.cpu_ms));
    }
  } else {
    capacity_rps = usage.vcpu * 1000.0 / usage.cpu_ms;
    pool.label = "task";
    if (model.describe) {
      capacity_basis =
          fmt::format(FMT_COMPILE("{:g} vCPU, {} CPU per request"), usage.vcpu, format_duration_ms(usage.cpu_ms));
    }
  }
  // Requests one instance serves per second at the target utilisation: measured, or from CPU.
  double served_rps = capacity_rps * scenario.utilization;
  if (scenario.rps_per_instance) {
    served_rps = *scenario.rps_per_instance;
    if (model.describe) {
      capacity_basis = "measured, rps_per_instance";
    }
  } else {
    if (!gpu) {
      if (model.list_assumptions) {
        assume_cpu_ms(scenario, model);
      }
    }
    if (!scenario.is_given("utilization")) {
      if (model.list_assumptions) {
        assume(model, "utilization", scenario.utilization,
               fmt::format(FMT_COMPILE("{:g}%"), scenario.utilization * 100),
               "capacity runs at most this CPU share at peak, headroom for bursts (provisioned capacity pays off at "
               "70-80%); set --utilization");
      }
    }
  }
  if (!scenario.is_given("peak_to_average") && scenario.profile.empty()) {
    if (model.list_assumptions) {
      assume(model, "peak_to_average", scenario.peak_to_average, "1 (flat traffic)",
             "capacity sized for the average rate, as if traffic never peaked; set --peak-to-average");
    }
  }
  if (!scenario.min_instances) {
    if (model.list_assumptions) {
      assume(model, "min_instances", static_cast<double>(instances.min_instances),
             fmt::format(FMT_COMPILE("{}"), instances.min_instances),
             "each offering's minimum count of instances, tasks or nodes (rate table; 1 is no redundancy); set "
             "--min-instances");
    }
  }
  // With a profile, the busiest hour decides a fixed size; autoscaled capacity follows each
  // hour the schedule runs, and traffic in an hour it does not is traffic nobody serves.
  std::vector<HourGroup> groups = hour_groups(scenario, true);
  if (auto hour = traffic_off_schedule(scenario)) {
    infeasible(fmt::format(
        FMT_COMPILE("the profile has traffic at {} (hour {}), when the schedule switches it off (hours_per_day, "
                    "days_per_week, start_hour)"),
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
    if (model.list_assumptions) {
      assume(model, "scaling", std::nullopt, std::string(to_string(scaling)),
             "with a profile, VMs and cluster nodes run a fixed size for the busiest hour, container services scale "
             "hour by hour; set --scaling");
    }
  }
  instances.requests_per_instance = served_rps * scenario.running_hours() * k_seconds_per_hour / peak;
  if (!(instances.requests_per_instance >= 1)) {
    infeasible(
        fmt::format(FMT_COMPILE("one {} serves {:.3g} requests a month, less than one (see cpu_ms, rps_per_instance, "
                                "utilization, hours_per_month and peak_to_average)"),
                    pool.label, instances.requests_per_instance));
    instances.requests_per_instance = 1;
  }
  // One instance that serves more than any scenario has is one step that never ends.
  instances.requests_per_instance = std::min(instances.requests_per_instance, 2 * k_max_whole_requests);
  if (model.describe) {
    model.notes.push_back(
        scenario.rps_per_instance
            ? fmt::format(
                  FMT_COMPILE(
                      "sized for the peak: one {} serves {:.3g} req/s (measured, --rps-per-instance); at least {}"),
                  pool.label, served_rps, instances.min_instances)
            : fmt::format(
                  FMT_COMPILE("sized for the peak: one {} serves {:.3g} req/s at {:g}% utilisation ({}); at least {}"),
                  pool.label, served_rps, scenario.utilization * 100, capacity_basis, instances.min_instances));
  }
  // After the peak's sizing, which a throttled burstable's baseline may override.
  if (!gpu && instance.burstable_baseline) {
    size_burstable(instance, scenario, served_rps, instances, usage, model);
  }
  // One instance that serves more than any scenario has is one step that never ends.
  instances.requests_per_instance = std::min(instances.requests_per_instance, 2 * k_max_whole_requests);
  if (groups.empty() || scaling == Scaling::fixed) {
    model.pools.push_back(std::move(pool));
  } else {
    // Autoscaled: each group of hours runs the instances its own rate needs, weighted by its hours.
    double busiest = instances.requests_per_instance;
    if (model.describe) {
      model.notes.push_back(
          fmt::format(FMT_COMPILE("autoscaled hour by hour over a {}-hour profile"), scenario.profile.size()));
    }
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

} // namespace breakeven::detail
