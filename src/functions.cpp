#include "cost_model_parts.hpp"

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

namespace breakeven::detail {
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
  std::vector<double> profile = scheduled_profile(scenario);
  double hours = scenario.profile.empty() ? scenario.running_hours() : scenario.month_hours;
  constexpr std::array<double, 1> k_flat{1.0}; // flat: one hour repeated over the running hours
  std::span<const double> shares = profile.empty() ? std::span<const double>(k_flat) : profile;
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

double cold_start_share_at(const Scenario& scenario, double requests, double billed_seconds) {
  if (scenario.cold_start_share) {
    return *scenario.cold_start_share;
  }
  double keep_warm_minutes = scenario.keep_warm_minutes.value_or(k_default_keep_warm_minutes);
  return estimated_cold_start_share(scenario, requests, billed_seconds, keep_warm_minutes * 60);
}

// Functions: provisioned concurrency (configured environments serving part of the requests)
// and cold starts (INIT time billed for the rest). Returns false when the free tier no longer
// applies to the function.
bool provision_function(const Offering& offering, const Scenario& scenario, Usage& usage, CostModel& model) {
  bool free_tier = scenario.free_tier;
  if (scenario.provisioned_concurrency && *scenario.provisioned_concurrency > 0) {
    if (!offering.provisioned_concurrency) {
      if (model.warn) {
        model.warnings.push_back(
            fmt::format("provisioned concurrency not priced: the rate table sells none for {}", offering.id));
      }
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
        if (model.describe) {
          model.notes.push_back(fmt::format("provisioned environments serve E[min(X, {})] of the X requests in flight "
                                            "(Poisson, mean rate x {}), hour "
                                            "by hour; the rest run on demand; set --provisioned-share to say the share",
                                            use.environments, format_duration_ms(usage.billed_seconds * 1000)));
        }
      }
      if (!sold.free_tier && free_tier) {
        free_tier = false;
        if (model.describe) {
          model.notes.push_back("the free tier does not apply to a function with provisioned concurrency");
        }
      }
      model.provisioned_concurrency = use;
    }
  }
  // Cold starts: given, or estimated at the scenario's traffic and held as a share along curves.
  double keep_warm_minutes = scenario.keep_warm_minutes.value_or(k_default_keep_warm_minutes);
  double share = cold_start_share_at(scenario, scenario.requests(), usage.billed_seconds);
  model.cold_start_share = share;
  if (offering.billing.init_billed) {
    if (!scenario.init_ms) {
      if (share >= 1e-4) { // below 0.01%, INIT time cannot change a verdict
        if (model.list_assumptions) {
          assume(model, "init_ms", 0.0, "0 ms",
                 fmt::format("INIT time of cold starts not priced ({} bills it as on-demand duration; {} of requests "
                             "meet a cold start here); set --init-ms",
                             offering.provider, format_percent(share)));
        }
      }
    } else {
      model.init_ms_billed = *scenario.init_ms;
      usage.init_seconds_per_request = share * *scenario.init_ms / 1000;
      usage.function_time = usage.function_time || usage.init_seconds_per_request > 0;
      if (!scenario.cold_start_share) {
        if (model.list_assumptions) {
          assume(model, "cold_start_share", share, format_percent(share),
                 fmt::format("estimated at {} requests/month from idle gaps longer than the keep-warm time ({:g} min) "
                             "and rises in requests in flight, hour by hour (a lower bound: environments are also "
                             "recycled); curves hold the share fixed; set --cold-start-share",
                             format_count(scenario.requests()), keep_warm_minutes));
        }
      }
    }
  }
  return free_tier;
}

} // namespace breakeven::detail
