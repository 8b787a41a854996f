#include "scenario_flags.hpp"

#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <iterator>

namespace breakeven::cli {

namespace {

// "aws.nat_gateway=1" -> ("aws.nat_gateway", 1): a key, and a count after the last '=' (3M, 1e9
// and the like); no count when the text is not KEY=COUNT.
std::pair<std::string, std::optional<double>> split_key_count(const std::string& text) {
  auto equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0) {
    return {text, std::nullopt};
  }
  return {text.substr(0, equals), parse_count(text.substr(equals + 1))};
}

} // namespace

void ScenarioFlags::add_to(CLI::App& command, const OnCommandLine& on_command_line) {
  // A flag not on the command line is not set up: its option would only stay unused.
  WantedOptions options(command, on_command_line, "Scenario");
  m_scenario_option =
      options.option("--scenario", m_scenario_file,
                     "Scenario JSON file, or - for standard input; flags override its fields", "FILE|-");
  struct Spec {
    const char* flag;
    const char* key;
    const char* help;
    const char* type;
  };
  static constexpr Spec k_specs[] = {
      {"--requests", "requests_per_month",
       "Requests per month: 3M, 2.5B, 1e9, 1_000_000; any numeric flag also takes a range LOW..HIGH (10M..50M)", "N"},
      {"--rps", "rps", "Average requests per second (instead of --requests)", "X"},
      {"--duration-ms", "duration_ms", "Average wall-clock time per request (default 100)", "MS"},
      {"--memory-mb", "memory_mb", "Function memory (default 512)", "MB"},
      {"--cpu-ms", "cpu_ms", "CPU time per request (default: duration x min(1, memory / 1769 MB))", "MS"},
      {"--rps-per-instance", "rps_per_instance",
       "Measured req/s one VM, task or node serves at the target utilisation (sizes instead of CPU time)", "X"},
      {"--peak-to-average", "peak_to_average", "Peak request rate over the average (default 1)", "X"},
      {"--utilization", "utilization", "Target CPU share of provisioned capacity at peak (default 0.7)", "0-1"},
      {"--min-instances", "min_instances", "Instances/tasks/nodes kept running at least (default: each offering's)",
       "N"},
      {"--max-instances", "max_instances", "Most instances an option may run; above it, it is infeasible", "N"},
      {"--month-hours", "month_hours", "Hours in the month (default 730; 720 for 30 days)", "H"},
      {"--hours-per-month", "hours_per_month", "Hours provisioned capacity runs (default: the whole month)", "H"},
      {"--hours-per-day", "hours_per_day", "Schedule: hours a day provisioned capacity runs, from --start-hour", "H"},
      {"--days-per-week", "days_per_week", "Schedule: days a week it runs, Monday first", "D"},
      {"--start-hour", "start_hour", "Schedule: the hour of the day it starts, 0-23 (default 0)", "H"},
      {"--task-vcpu", "task_vcpu", "Container task vCPUs (default: each offering's)", "N"},
      {"--task-memory-mb", "task_memory_mb", "Container task memory (default: each offering's)", "MB"},
      {"--ephemeral-storage-gb", "ephemeral_storage_gb",
       "Ephemeral storage per instance (default: the included amount)", "GB"},
      {"--concurrency", "concurrency",
       "Requests one request-billed container instance serves at once (default: each offering's)", "N"},
      {"--response-kb", "response_kb", "Average response size sent to the internet, priced as egress (default 0)",
       "KB"},
      {"--request-kb", "request_kb", "Average request size, for load-balancer processed bytes (default 0)", "KB"},
      {"--egress-gb", "egress_gb_per_month",
       "Data sent to the internet a month besides the responses, priced as egress (default 0)", "GB"},
      {"--nat-gb", "nat_gb_per_month", "Data processed by NAT gateways a month, in total (default 0)", "GB"},
      {"--cpu-credit-hours", "cpu_credit_hours",
       "Burstable instances: vCPU-hours a month above the baseline, in total, billed as surplus credits (default: from "
       "the load)",
       "H"},
      {"--disk-gb", "disk_gb", "Volume of each node (default: each cluster's) or VM (priced with a disk component)",
       "GB"},
      {"--requests-per-connection", "requests_per_connection",
       "Requests per client connection (keep-alive), for load-balancer capacity units (default 1)", "N"},
      {"--provisioned-concurrency", "provisioned_concurrency",
       "Function environments kept initialised (Lambda provisioned concurrency)", "N"},
      {"--provisioned-hours", "provisioned_hours", "Hours a month they are configured (default: the schedule's)", "H"},
      {"--provisioned-share", "provisioned_share",
       "Share of requests they serve (default: the load model, E[min(X, N)])", "0-1"},
      {"--cold-start-share", "cold_start_share",
       "Share of function requests meeting a cold start (default: estimated from --keep-warm-minutes)", "0-1"},
      {"--init-ms", "init_ms", "INIT time of a cold start, billed as duration where the provider bills it", "MS"},
      {"--hourly-rate", "hourly_rate", "Dollars per engineer-hour, for --ops-hours", "USD"},
      {"--static-share", "static_share", "Share of requests that are static assets, free where served free (Workers)",
       "0-1"},
      {"--gpu-ms", "gpu_ms", "GPU time one request (or one batch) holds a GPU (default: --duration-ms)", "MS"},
      {"--batch-size", "batch_size", "Requests one GPU serves at once, batched (default 1)", "N"},
      {"--scale-down-window", "scale_down_window_s",
       "Seconds a serverless container stays up, billed, after its last request (default: the offering's)", "S"},
      {"--keep-warm-minutes", "keep_warm_minutes", "Idle time before a function environment is reclaimed (default 10)",
       "MIN"},
  };
  m_numeric.reserve(std::size(k_specs));
  for (const auto& spec : k_specs) {
    m_numeric.push_back({spec.flag, spec.key, "", nullptr});
    m_numeric.back().option = options.option(spec.flag, m_numeric.back().value, spec.help, spec.type);
  }
  options.flag("--no-free-tier", m_no_free_tier, "Leave out free tiers");
  options.flag("--interruptible", m_interruptible,
               "The workload tolerates capacity reclaimed at short notice (makes spot options feasible)");
  m_profile_option = options.option("--profile", m_profile,
                                    "Traffic by hour of a day or week, HOURSh@RPS in order: 4h@500,20h@5 (scaled to "
                                    "--requests/--rps when given)",
                                    "SPEC");
  m_scaling_option = options.option("--scaling", m_scaling,
                                    "How provisioned options follow a profile: fixed (sized for the busiest hour) or "
                                    "autoscaled (default: VMs and clusters fixed, container services autoscaled)",
                                    "MODE");
  m_node_type_option =
      options.option("--node-type", m_node_type, "VM offering for Kubernetes nodes, e.g. aws.ec2.m7g.large", "ID");
  m_disk_type_option =
      options.option("--disk-type", m_disk_type,
                     "Volume type of each VM and node, e.g. gp2 (default: as each offering has it)", "TYPE");
  options.option("--addon", m_addons, "Attach a component, e.g. aws.apigateway.http (repeatable)", "ID");
  options.option("--component", m_components,
                 "Count a component offerings include or add one, e.g. aws.nat_gateway=1; 0 removes (repeatable)",
                 "ID=COUNT");
  options.option("--ops-hours", m_ops_hours,
                 "Engineer-hours a month to operate each offering of a kind, e.g. kubernetes=20 (repeatable; needs "
                 "--hourly-rate)",
                 "KIND=HOURS");
}

std::vector<Scenario> ScenarioFlags::scenarios(bool traffic_required) const {
  if (reads_stdin()) {
    std::vector<Scenario> scenarios;
    ScenarioStream stream(std::cin, "<stdin>");
    while (auto scenario = stream.next()) {
      apply(*scenario);
      if (traffic_required) {
        check_complete(*scenario, fmt::format("<stdin> record {}", stream.records()));
      } else {
        check_consistent(*scenario, fmt::format("<stdin> record {}", stream.records()));
      }
      scenarios.push_back(std::move(*scenario));
    }
    if (scenarios.empty()) {
      throw Error("<stdin>", "", "no scenario on standard input");
    }
    return scenarios;
  }
  Scenario scenario;
  if (cli::given(m_scenario_option)) {
    scenario = parse_scenario(read_text_file(m_scenario_file), m_scenario_file);
  }
  apply(scenario);
  if (traffic_required) {
    check_complete(scenario, !cli::given(m_scenario_option) ? "scenario" : m_scenario_file);
  } else {
    check_consistent(scenario, !cli::given(m_scenario_option) ? "scenario" : m_scenario_file);
  }
  return {std::move(scenario)};
}

Scenario ScenarioFlags::resolve(bool traffic_required) const {
  auto all = scenarios(traffic_required);
  if (all.size() > 1) {
    throw Error("<stdin>", "",
                "holds several scenarios (JSON Lines); this command takes one (`breakeven compare` takes many)");
  }
  return std::move(all.front());
}

void ScenarioFlags::prepare() const {
  if (!m_given_numeric) {
    m_given_numeric.emplace();
    for (std::size_t i = 0; i < m_numeric.size(); ++i) {
      if (m_numeric[i].given()) {
        m_given_numeric->push_back(i);
      }
    }
  }
}

void ScenarioFlags::apply(Scenario& scenario) const {
  prepare();
  auto given = [this](std::string_view name) {
    return std::any_of(m_given_numeric->begin(), m_given_numeric->end(),
                       [this, name](std::size_t i) { return m_numeric[i].flag == name; });
  };
  if (given("--requests") && given("--rps")) {
    throw Error("--rps", "", "give either --requests or --rps, not both");
  }
  for (std::size_t i : *m_given_numeric) {
    const NumericFlag& flag = m_numeric[i];
    if (auto dots = flag.value.find(".."); dots != std::string::npos) {
      // A range, LOW..HIGH, each end as a single value is written (10M..50M).
      auto low = parse_count(std::string_view(flag.value).substr(0, dots));
      auto high = parse_count(std::string_view(flag.value).substr(dots + 2));
      if (!low || !high) {
        throw Error(
            flag.flag, "",
            fmt::format("\"{}\" is not a range LOW..HIGH of numbers (examples: 10M..50M, 80..150)", flag.value));
      }
      set_scenario_range(scenario, flag.key, *low, std::nullopt, *high, flag.flag);
      continue;
    }
    auto value = parse_count(flag.value);
    if (!value) {
      throw Error(flag.flag, "",
                  fmt::format("\"{}\" is not a number (examples: 120, 0.5, 3M, 2.5B, 1e9, 1_000_000)", flag.value));
    }
    set_scenario_field(scenario, flag.key, *value, flag.flag);
  }
  if (m_interruptible) {
    scenario.interruptible = true;
    scenario.given.emplace_back("interruptible");
  }
  if (m_no_free_tier) {
    scenario.free_tier = false;
  }
  if (cli::given(m_profile_option)) {
    scenario.profile = parse_profile(m_profile, "--profile");
    scenario.given.emplace_back("profile");
  }
  if (cli::given(m_scaling_option)) {
    scenario.scaling = parse_scaling(m_scaling);
    if (!scenario.scaling) {
      throw Error("--scaling", "", fmt::format("\"{}\" is not fixed or autoscaled", m_scaling));
    }
    scenario.given.emplace_back("scaling");
  }
  if (cli::given(m_node_type_option)) {
    scenario.node_type = m_node_type;
  }
  if (cli::given(m_disk_type_option)) {
    scenario.disk_type = m_disk_type;
    scenario.given.emplace_back("disk_type");
  }
  scenario.addons.insert(scenario.addons.end(), m_addons.begin(), m_addons.end());
  for (const auto& text : m_components) {
    auto [id, count] = split_key_count(text);
    if (!count || *count != std::floor(*count) || *count < 0 || *count > k_max_component_count) {
      throw Error("--component", "",
                  fmt::format("\"{}\" is not ID=COUNT with a whole COUNT from 0 to {} (example: aws.nat_gateway=1)",
                              text, k_max_component_count));
    }
    set_component_count(scenario, id, static_cast<int>(*count));
  }
  for (const auto& text : m_ops_hours) {
    auto [kind, hours] = split_key_count(text);
    if (!hours) {
      throw Error("--ops-hours", "", fmt::format("\"{}\" is not KIND=HOURS (example: kubernetes=20)", text));
    }
    set_ops_hours(scenario, kind, *hours, "--ops-hours");
  }
}

bool ScenarioFlags::any_given() const {
  bool numeric = std::any_of(m_numeric.begin(), m_numeric.end(), [](const NumericFlag& flag) { return flag.given(); });
  return numeric || cli::given(m_scenario_option) || m_no_free_tier || m_interruptible ||
         cli::given(m_node_type_option) || cli::given(m_disk_type_option) || !m_addons.empty() ||
         !m_components.empty() || !m_ops_hours.empty() || cli::given(m_profile_option) || cli::given(m_scaling_option);
}

} // namespace breakeven::cli
