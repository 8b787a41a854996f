#include <breakeven/ranges.hpp>

#include <breakeven/cost_model.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/threads.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <random>
#include <span>
#include <thread>

namespace breakeven {

std::string_view to_string(Distribution distribution) {
  return distribution == Distribution::uniform ? "uniform" : "triangular";
}

std::optional<Distribution> parse_distribution(std::string_view text) {
  if (text == "triangular") {
    return Distribution::triangular;
  }
  if (text == "uniform") {
    return Distribution::uniform;
  }
  return std::nullopt;
}

void check_samples(double samples, const std::string& source) {
  if (!(samples >= 1 && samples <= k_max_samples) || samples != std::floor(samples)) {
    throw Error(source, "", fmt::format("must be a whole number from 1 to 10,000,000 (got {:g})", samples));
  }
}

namespace {

bool is_traffic(std::string_view key) {
  return key == "requests_per_month" || key == "rps";
}

// The fields every offering's cost never falls in as they rise (README, "Ranges"; checked for
// every bundled offering by tests/test_ranges.cpp), and those it never rises in.
constexpr std::string_view k_rising[] = {
    "requests_per_month",  "rps",
    "duration_ms",         "cpu_ms",
    "memory_mb",           "peak_to_average",
    "min_instances",       "response_kb",
    "request_kb",          "init_ms",
    "cold_start_share",    "gpu_ms",
    "hourly_rate",         "ephemeral_storage_gb",
    "task_memory_mb",      "scale_down_window_s",
    "egress_gb_per_month", "nat_gb_per_month",
    "cpu_credit_hours",    "disk_gb",
};
constexpr std::string_view k_falling[] = {"utilization", "rps_per_instance", "requests_per_connection", "static_share"};

} // namespace

int cost_direction(std::string_view key, const Scenario& scenario) {
  if (is_traffic(key) && scenario.init_ms && !scenario.cold_start_share) {
    return 0; // the cold-start share is estimated from the traffic, and can fall faster than it rises
  }
  if (std::find(std::begin(k_rising), std::end(k_rising), key) != std::end(k_rising)) {
    return 1;
  }
  if (std::find(std::begin(k_falling), std::end(k_falling), key) != std::end(k_falling)) {
    return -1;
  }
  return 0;
}

namespace {

Scenario without_ranges(const Scenario& scenario) {
  Scenario plain = scenario;
  plain.ranges.clear();
  return plain;
}

double end_value(const ScenarioRange& range, RangeEnd end) {
  switch (end) {
  case RangeEnd::low:
    return range.low;
  case RangeEnd::high:
    return range.high;
  case RangeEnd::expected:
    break;
  }
  return range.expected;
}

// A draw from a range: the inverse of its distribution function at u in [0, 1).
double draw(const ScenarioRange& range, Distribution distribution, double u, bool whole) {
  double a = range.low;
  double b = range.high;
  double c = range.expected;
  double value = a;
  if (b > a) {
    if (distribution == Distribution::uniform) {
      value = a + u * (b - a);
    } else if (u < (c - a) / (b - a)) {
      value = a + std::sqrt(u * (b - a) * (c - a));
    } else {
      value = b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
  }
  value = std::clamp(value, a, b);
  return whole ? std::clamp(std::round(value), a, b) : value;
}

// One offering's cost at `requests` on a model, or nothing when infeasible there (as evaluate()
// decides: the model's limits, then the most requests it serves).
std::optional<double> cost_on(const CostModel& model, double requests, std::string& reason) {
  if (!model.feasible()) {
    reason = model.infeasible_reasons.front();
    return std::nullopt;
  }
  if (model.max_requests && requests > *model.max_requests) {
    reason = model.max_requests_reason;
    return std::nullopt;
  }
  return model.cost_at(requests);
}

std::optional<double> cost_of(const Estimate& e, std::string& reason) {
  if (!e.monthly_cost && reason.empty()) {
    reason = e.notes.empty() ? "beyond the offering's limits" : e.notes.front();
  }
  return e.monthly_cost;
}

// What the samples of a run found for each offering, added up one sample at a time.
struct Tally {
  std::vector<long long> wins;
  std::vector<long long> infeasible;
  std::vector<double> least;
  std::vector<double> most;
  std::vector<std::string> first_reason; ///< why the first infeasible sample was
  long long none_feasible = 0;

  explicit Tally(std::size_t offerings)
      : wins(offerings, 0), infeasible(offerings, 0), least(offerings, std::numeric_limits<double>::infinity()),
        most(offerings, -std::numeric_limits<double>::infinity()), first_reason(offerings) {}

  // One sample: each offering's cost on its model (built once when only traffic varies), the
  // cheapest's win; a tie goes to the offering listed first.
  void add(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& sample,
           const std::vector<CostModel>* models) {
    double requests = sample.requests();
    std::optional<std::size_t> cheapest;
    double cheapest_cost = 0;
    std::string reason;
    for (std::size_t i = 0; i < offerings.size(); ++i) {
      std::optional<double> cost =
          models ? cost_on((*models)[i], requests, reason)
                 : cost_on(build_cost_model(catalogue, *offerings[i], sample, {.describe = false}), requests, reason);
      if (!cost) {
        if (infeasible[i]++ == 0) {
          first_reason[i] = reason;
        }
        continue;
      }
      least[i] = std::min(least[i], *cost);
      most[i] = std::max(most[i], *cost);
      if (!cheapest || *cost < cheapest_cost) {
        cheapest = i;
        cheapest_cost = *cost;
      }
    }
    if (cheapest) {
      ++wins[*cheapest];
    } else {
      ++none_feasible;
    }
  }

  // Adds a later run's tally: its first reasons count only where this run had none.
  void merge(const Tally& later) {
    for (std::size_t i = 0; i < wins.size(); ++i) {
      if (infeasible[i] == 0) {
        first_reason[i] = later.first_reason[i];
      }
      wins[i] += later.wins[i];
      infeasible[i] += later.infeasible[i];
      least[i] = std::min(least[i], later.least[i]);
      most[i] = std::max(most[i], later.most[i]);
    }
    none_feasible += later.none_feasible;
  }
};

// Threads for a run: one when the models are built once (evaluating them is quicker than
// starting a thread) or the samples are few, else SamplingOptions::threads, or default_thread_count().
std::size_t sampling_threads(const SamplingOptions& sampling, bool models_reused) {
  if (models_reused || sampling.samples < 1000) {
    return 1;
  }
  std::size_t wanted =
      sampling.threads > 0 ? static_cast<std::size_t>(sampling.threads) : std::size_t{default_thread_count()};
  return std::clamp<std::size_t>(wanted, 1, 16);
}

} // namespace

Scenario cost_end(const Scenario& scenario, RangeEnd end) {
  Scenario at = without_ranges(scenario);
  for (const auto& range : scenario.ranges) {
    int direction = cost_direction(range.key, scenario);
    RangeEnd field_end = end;
    if (direction == 0) {
      field_end = RangeEnd::expected;
    } else if (direction < 0 && end != RangeEnd::expected) {
      field_end = end == RangeEnd::low ? RangeEnd::high : RangeEnd::low;
    }
    set_scenario_field(at, range.key, end_value(range, field_end), "range");
  }
  return at;
}

Scenario fields_at(const Scenario& scenario, RangeEnd end, bool keep_traffic) {
  Scenario at = without_ranges(scenario);
  for (const auto& range : scenario.ranges) {
    if (!(keep_traffic && is_traffic(range.key))) {
      set_scenario_field(at, range.key, end_value(range, end), "range");
    }
  }
  return at;
}

BandReport cost_bands(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
                      const SamplingOptions& sampling) {
  check_samples(sampling.samples, "--samples");
  BandReport report;
  report.summary.fields = scenario.ranges;
  for (const auto& range : scenario.ranges) {
    report.summary.directions.push_back(cost_direction(range.key, scenario));
  }
  report.summary.sampling = sampling;
  report.bands.resize(offerings.size());
  if (scenario.ranges.empty()) {
    return report;
  }
  const auto& fields = scenario.ranges;
  report.summary.exact_ends = std::all_of(fields.begin(), fields.end(), [&scenario](const ScenarioRange& r) {
    return cost_direction(r.key, scenario) != 0;
  });
  bool traffic_only =
      std::all_of(fields.begin(), fields.end(), [](const ScenarioRange& r) { return is_traffic(r.key); }) &&
      !(scenario.init_ms && !scenario.cold_start_share);
  report.summary.models_reused = traffic_only;

  // The three points every band holds: both ends by cost, and the expected scenario.
  Scenario plain = without_ranges(scenario);
  Scenario low_end = cost_end(scenario, RangeEnd::low);
  Scenario high_end = cost_end(scenario, RangeEnd::high);
  for (std::size_t i = 0; i < offerings.size(); ++i) {
    CostBand& band = report.bands[i];
    band.expected = cost_of(estimate(catalogue, *offerings[i], plain), band.infeasible_reason);
    band.low = cost_of(estimate(catalogue, *offerings[i], low_end), band.infeasible_reason);
    band.high = cost_of(estimate(catalogue, *offerings[i], high_end), band.infeasible_reason);
  }

  std::vector<CostModel> models;
  if (traffic_only) {
    models.reserve(offerings.size());
    for (const Offering* offering : offerings) {
      models.push_back(build_cost_model(catalogue, *offering, plain));
    }
  }
  std::vector<bool> whole;
  for (const auto& range : fields) {
    whole.push_back(scenario_field_is_whole(range.key));
  }
  // Samples are drawn in one sequence, a block at a time; each block's samples are shared out
  // over the threads in contiguous runs, whose tallies are added in sample order: the result
  // is the same whatever the number of threads.
  std::mt19937_64 generator(sampling.seed);
  auto uniform = [&generator] { return static_cast<double>(generator() >> 11) * 0x1.0p-53; };
  std::size_t threads = sampling_threads(sampling, traffic_only);
  Tally tally(offerings.size());
  constexpr int k_block = 16384;
  std::vector<double> draws;
  for (int first = 0; first < sampling.samples; first += k_block) {
    int count = std::min(k_block, sampling.samples - first);
    draws.resize(static_cast<std::size_t>(count) * fields.size());
    for (std::size_t k = 0; k < draws.size(); ++k) {
      std::size_t f = k % fields.size();
      draws[k] = draw(fields[f], sampling.distribution, uniform(), whole[f]);
    }
    std::vector<Tally> tallies(threads, Tally(offerings.size()));
    auto run = [&](std::size_t t) {
      std::size_t from = static_cast<std::size_t>(count) * t / threads;
      std::size_t to = static_cast<std::size_t>(count) * (t + 1) / threads;
      Scenario sample = plain;
      for (std::size_t s = from; s < to; ++s) {
        for (std::size_t f = 0; f < fields.size(); ++f) {
          set_scenario_field(sample, fields[f].key, draws[s * fields.size() + f], "range");
        }
        tallies[t].add(catalogue, offerings, sample, traffic_only ? &models : nullptr);
      }
    };
    std::vector<std::exception_ptr> errors(threads);
    if (threads == 1) {
      run(0);
    } else {
      std::vector<std::jthread> workers;
      for (std::size_t t = 0; t < threads; ++t) {
        workers.emplace_back([&run, &errors, t] {
          try {
            run(t);
          } catch (...) {
            errors[t] = std::current_exception();
          }
        });
      }
    }
    for (const auto& error : errors) {
      if (error) {
        std::rethrow_exception(error);
      }
    }
    for (const Tally& part : tallies) {
      tally.merge(part);
    }
  }
  const auto& [wins, infeasible, least, most, first_reason, none_feasible] = tally;
  for (std::size_t i = 0; i < offerings.size(); ++i) {
    if (report.bands[i].infeasible_reason.empty()) {
      report.bands[i].infeasible_reason = first_reason[i];
    }
  }
  std::vector<double> lowest = least;
  std::vector<double> highest = most;
  auto samples = static_cast<double>(sampling.samples);
  report.summary.none_feasible_share = static_cast<double>(none_feasible) / samples;
  for (std::size_t i = 0; i < offerings.size(); ++i) {
    CostBand& band = report.bands[i];
    band.p_cheapest = static_cast<double>(wins[i]) / samples;
    band.infeasible_share = static_cast<double>(infeasible[i]) / samples;
    if (!report.summary.exact_ends) {
      // From the samples and the three points, so that low <= expected <= high.
      for (const auto& point : {band.low, band.expected, band.high}) {
        if (point) {
          lowest[i] = std::min(lowest[i], *point);
          highest[i] = std::max(highest[i], *point);
        }
      }
      band.low = std::isfinite(lowest[i]) ? std::optional(lowest[i]) : std::nullopt;
      band.high = std::isfinite(highest[i]) ? std::optional(highest[i]) : std::nullopt;
    }
  }
  return report;
}

RangePosition position_in(const ScenarioRange& traffic, double threshold) {
  if (threshold < traffic.low) {
    return {RangePosition::Where::below, 0};
  }
  if (threshold > traffic.high) {
    return {RangePosition::Where::above, 1};
  }
  double width = traffic.high - traffic.low;
  return {RangePosition::Where::inside, width > 0 ? (threshold - traffic.low) / width : 0};
}

} // namespace breakeven
