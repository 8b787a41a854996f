// The parts build_cost_model is made of, private to the library: billed usage (usage.cpp),
// the scenario's profile hours and the sizing of capacity (sizing.cpp), functions'
// provisioned concurrency and cold starts (functions.cpp), and charge binding (charges.cpp).
#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/cost_model.hpp>
#include <breakeven/scenario.hpp>

#include <optional>
#include <string>
#include <vector>

namespace breakeven::detail {

inline constexpr double k_mb_per_gb = 1024.0;
inline constexpr double k_seconds_per_hour = 3600.0;

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
  double nat_gb = 0; // data processed by NAT gateways a month, in total
  // Burstable instances: the month's surplus vCPU-hours when the scenario gives them, else they
  // follow from the CPU the requests use less what the instances' baselines include.
  std::optional<double> cpu_credit_hours;
  double baseline_vcpu = 0; // vCPUs of one instance the hourly price includes (baseline x vCPUs)
  double requests_per_connection = 1;
  int gpus = 1;
  double gpu_seconds = 0;   // GPU offerings: the time one request holds a slot of a GPU
  long long batch_size = 1; // GPU offerings: slots of a GPU (requests it serves at once)
  double billed_share = 1;  // of the requests, those the offering bills (not free static assets)
  // Functions whose on-demand duration is not simply every request's billed time: provisioned
  // environments serve part of the requests, and cold starts add INIT time to the rest.
  bool function_time = false;
  double configured_gb_seconds = 0;    // provisioned environments x memory x configured time
  double served_share = 0;             // of the requests, served by them (a fixed share)
  bool served_by_pools = false;        // or as the load model says (capped pools)
  double init_seconds_per_request = 0; // cold-start share x INIT time, per on-demand request
};

// --- usage.cpp ---------------------------------------------------------------------------

// Billed usage: what one request and one instance use, after the offering's rounding rules,
// and the limits that make the scenario infeasible. Sizing and charges start from it.
Usage billed_usage(const Offering& offering, const Scenario& scenario, CostModel& model);
// How much of `meter` the scenario uses: per request, per instance, per idle instance, fixed.
QuantityModel quantity_of(Meter meter, const Usage& usage);
void assume(CostModel& model, std::string field, std::optional<double> number, std::string value, std::string why);
// The CPU time per request the model uses, as an assumption when the user gave none.
void assume_cpu_ms(const Scenario& scenario, CostModel& model);
bool is_task_billed(const Offering& offering);
bool is_request_billed_container(const Offering& offering);
bool is_provisioned(const Offering& offering);
// Billed by the container while it is up (a scale-down window), not by the request.
bool is_container_billed(const Offering& offering);
// Prices idle kept-warm instances (idle_vcpu_seconds or idle_gb_seconds).
bool has_idle_rates(const Offering& offering);
// "aws.ec2.m7g.large" -> "m7g.large".
std::string short_name(const Offering& vm);

// --- sizing.cpp --------------------------------------------------------------------------

// The profile over the hours it repeats in: a day's profile with a schedule of fewer than 7
// days a week is spread over the week, so that the days the schedule skips are hours too.
std::vector<double> scheduled_profile(const Scenario& scenario);
// The hours of a profile grouped by their share of the month's requests, busiest first.
struct HourGroup {
  double share = 0; // of the month's requests, per profile hour
  int hours = 0;    // profile hours with this share
};
std::vector<HourGroup> hour_groups(const Scenario& scenario, bool running_only);
// "Tue 20:00" or "20:00".
std::string hour_name(std::size_t hour, std::size_t length);
// Sizing: the capacity pools an offering bills by the instance (model.pools), and the node
// offering of a cluster, whose charges come with it; nullptr for anything else.
const Offering* size_capacity(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                              Usage& usage, CostModel& model);

// --- functions.cpp -----------------------------------------------------------------------

// The share of requests that meet a cold start at `requests` a month, when environments are
// reclaimed after `keep_warm_seconds` idle (hour by hour over the profile).
double estimated_cold_start_share(const Scenario& scenario, double requests, double seconds_per_request,
                                  double keep_warm_seconds);

// A function's cold-start share at `requests`: the scenario's own, or estimated with its
// keep-warm time (default 10 minutes) for requests billed `billed_seconds` each.
double cold_start_share_at(const Scenario& scenario, double requests, double billed_seconds);

// Functions: provisioned concurrency and cold starts. Returns false when the free tier no
// longer applies to the function.
bool provision_function(const Offering& offering, const Scenario& scenario, Usage& usage, CostModel& model);

// --- charges.cpp -------------------------------------------------------------------------

// The offering's own charges, its nodes', its components', internet egress and add-ons;
// `free_tier` is whether free quantities apply (the scenario's, unless the function lost it).
void bind_all_charges(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario, bool free_tier,
                      const Usage& usage, const Offering* node, CostModel& model);
// The scenario's engineer-hours for this offering's kind, or an assumption when none.
void bind_engineering_time(const Offering& offering, const Scenario& scenario, CostModel& model);

} // namespace breakeven::detail
