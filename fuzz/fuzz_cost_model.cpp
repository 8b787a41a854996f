// Cost models, curves and crossovers on a scenario and a pair of bundled offerings derived from
// the input bytes. Fields go through set_scenario_field, so a value the CLI would reject is
// skipped, never priced. Invariants (a broken one aborts with a message on stderr):
//   - every estimate: costs finite and not negative, line items sum to the total, and the
//     curve gives the same total at the same traffic;
//   - cost never falls as traffic grows;
//   - every crossing find_crossings reports is a real change of order, as crossover.hpp's
//     Crossing defines it (ties within 1e-12 relative), and cheaper_at_end, cheaper_last,
//     ties and the break-even agree with the curves;
//   - over a range of at most 20,000 requests, the crossings reported are exactly the strict
//     order flips a request-by-request scan finds (a flip through a tie counts once), each
//     where Crossing puts it;
//   - a model built without its text (BuildOptions::describe) costs the same.

#include "fuzz_support.hpp"

#include <breakeven/cost_model.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/curve.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/scenario.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace breakeven;

namespace {

// Whole requests up to 2^53 are exact in a double; find_crossings takes ranges within it.
constexpr double k_max_requests = 9007199254740992.0;
// crossover.cpp's tie: a difference within this share of the costs is no order.
constexpr double k_relative_tie = 1e-12;
// Ranges up to this long are also scanned request by request.
constexpr double k_brute_force_span = 20000;
// How far back a check looks for the start of a run of ties, per crossing and per input (the
// scan sees all of a short range).
constexpr double k_max_tie_walk = 64;
constexpr int k_tie_walk_budget = 4096;
// A searched range holds at most this many instance steps of either curve, so an input stays
// fast (a line against a staircase can cross twice a step).
constexpr double k_max_steps = 2000;

// A numeric scenario field the curves depend on (traffic is what they vary), with a range of
// usual values. The fuzzer also tries any double; set_scenario_field has the last word.
struct Field {
  const char* key;
  double low;
  double high;
};

constexpr std::array k_fields{
    Field{"duration_ms", 1e-3, 1e7},       Field{"memory_mb", 1, 1e6},    Field{"cpu_ms", 1e-3, 1e10},
    Field{"peak_to_average", 1, 1e3},      Field{"utilization", 1e-3, 1}, Field{"min_instances", 0, 100},
    Field{"hours_per_month", 1e-3, 744},   Field{"task_vcpu", 0.125, 64}, Field{"task_memory_mb", 128, 262144},
    Field{"ephemeral_storage_gb", 0, 1e4}, Field{"concurrency", 1, 1e3},  Field{"response_kb", 0, 1e6},
    Field{"rps_per_instance", 1e-3, 1e6},  Field{"request_kb", 0, 1e6},   Field{"requests_per_connection", 1, 1e4},
};

double log_uniform(FuzzedDataProvider& in, double low, double high) {
  low = std::max(low, 1e-6);
  double t = in.ConsumeProbability<double>();
  return std::exp(std::log(low) + t * (std::log(high) - std::log(low)));
}

double fuzzed_value(FuzzedDataProvider& in, const Field& field) {
  switch (in.ConsumeIntegralInRange(0, 3)) {
  case 0:
    return in.ConsumeFloatingPoint<double>(); // anything, the edges of double included
  case 1:
    return in.ConsumeFloatingPointInRange(field.low, field.high);
  case 2:
    return log_uniform(in, field.low, field.high);
  default:
    return static_cast<double>(
        in.ConsumeIntegralInRange(static_cast<long long>(field.low), static_cast<long long>(field.high)));
  }
}

// A whole request count in [low, high], spread over the orders of magnitude.
double fuzzed_requests(FuzzedDataProvider& in, double low, double high) {
  if (high <= low) {
    return low;
  }
  double span = high - low;
  double offset = in.ConsumeBool() ? std::floor(log_uniform(in, 1, span + 1)) - 1
                                   : std::floor(in.ConsumeProbability<double>() * span);
  return low + std::clamp(offset, 0.0, span);
}

template <typename T>
std::string optional_text(const std::optional<T>& value) {
  return value ? fmt::format("{}", *value) : std::string("-");
}

std::string describe(const Scenario& s) {
  return fmt::format(
      "duration_ms={} memory_mb={} cpu_ms={} peak_to_average={} utilization={} min_instances={} "
      "hours_per_month={} task_vcpu={} task_memory_mb={} ephemeral_storage_gb={} concurrency={} "
      "response_kb={} free_tier={} node_type={} addons=[{}] rps_per_instance={} request_kb={} "
      "requests_per_connection={} profile=[{}] scaling={} month_hours={} hours_per_day={} days_per_week={} "
      "start_hour={} max_instances={} provisioned_concurrency={} provisioned_hours={} provisioned_share={} "
      "cold_start_share={} init_ms={} keep_warm_minutes={} static_share={} interruptible={} gpu_ms={} batch_size={} "
      "scale_down_window_s={}",
      s.duration_ms, s.memory_mb, s.effective_cpu_ms(), s.peak_to_average, s.utilization,
      s.min_instances ? std::to_string(*s.min_instances) : "-", s.running_hours(),
      s.task_vcpu ? fmt::format("{}", *s.task_vcpu) : "-",
      s.task_memory_mb ? fmt::format("{}", *s.task_memory_mb) : "-",
      s.ephemeral_storage_gb ? fmt::format("{}", *s.ephemeral_storage_gb) : "-",
      s.concurrency ? fmt::format("{}", *s.concurrency) : "-", s.response_kb, s.free_tier, s.node_type.value_or("-"),
      fmt::join(s.addons, ","), s.rps_per_instance ? fmt::format("{}", *s.rps_per_instance) : "-", s.request_kb,
      s.requests_per_connection, fmt::join(s.profile, ","), s.scaling ? std::string(to_string(*s.scaling)) : "-",
      s.month_hours, optional_text(s.hours_per_day), optional_text(s.days_per_week), s.start_hour,
      optional_text(s.max_instances), optional_text(s.provisioned_concurrency), optional_text(s.provisioned_hours),
      optional_text(s.provisioned_share), optional_text(s.cold_start_share), optional_text(s.init_ms),
      optional_text(s.keep_warm_minutes), s.static_share, s.interruptible, optional_text(s.gpu_ms),
      optional_text(s.batch_size), optional_text(s.scale_down_window_s));
}

// Two curves at one scenario, and the checks on them.
struct Pair {
  const Scenario& scenario;
  const CostCurve& a;
  const CostCurve& b;

  std::string context() const {
    return fmt::format("{} vs {} at {}", a.offering().id, b.offering().id, describe(scenario));
  }

  // -1 when a is cheaper at r, +1 when b is, 0 at a tie (as crossover.cpp decides).
  int order(double r) const {
    double cost_a = a.at(r);
    double cost_b = b.at(r);
    double tie = k_relative_tie * std::max({1.0, std::fabs(cost_a), std::fabs(cost_b)});
    return cost_a - cost_b > tie ? 1 : (cost_b - cost_a > tie ? -1 : 0);
  }

  // True where |a - b| sits at the tie tolerance to within the rounding of the costs (1e-3 of
  // the tolerance, about 1e-15 of the cost): the computed order there can read either way from
  // one request to the next, so the crossing contract promises nothing about those requests
  // (crossover.hpp).
  bool ambiguous(double r) const {
    double cost_a = a.at(r);
    double cost_b = b.at(r);
    double tie = k_relative_tie * std::max({1.0, std::fabs(cost_a), std::fabs(cost_b)});
    return std::fabs(std::fabs(cost_a - cost_b) - tie) <= tie * 1e-3;
  }

  // The first whole request above `from` that a range of `to - from` requests may reach with
  // at most k_max_steps instance steps of either curve.
  double capped_end(double from, double to) const {
    // Every staircase counts: an autoscaled curve is one per group of profile hours.
    for (const CostCurve* curve : {&a, &b}) {
      for (const CapacityPool& pool : curve->model().pools) {
        if (pool.is_staircase() && pool.provisioned.requests_per_instance > 0) {
          to = std::min(to, std::floor(from + k_max_steps * pool.provisioned.requests_per_instance));
        }
      }
    }
    return std::max(to, from + 1);
  }

  void check_crossings(const CrossoverResult& result, double from, double to) const {
    const auto& crossings = result.crossings;
    int tie_walk_budget = k_tie_walk_budget;
    if (a.offering().id == b.offering().id && !crossings.empty()) {
      fail_at(crossings.front().requests_per_month, "a curve crosses itself");
    }
    for (std::size_t i = 0; i < crossings.size(); ++i) {
      const Crossing& crossing = crossings[i];
      double r = crossing.requests_per_month;
      if (r != std::floor(r) || r <= from || r > to) {
        fail_at(r, fmt::format("crossing outside ({}, {}] or not a whole request", from, to));
      }
      if (i > 0 && r <= crossings[i - 1].requests_per_month) {
        fail_at(r, "crossings out of order");
      }
      if (crossing.cheaper_after != a.offering().id && crossing.cheaper_after != b.offering().id) {
        fail_at(r, fmt::format("cheaper_after is \"{}\"", crossing.cheaper_after));
      }
      if (i > 0 && crossing.cheaper_after == crossings[i - 1].cheaper_after) {
        fail_at(r, "two crossings in a row to the same order");
      }
      int after = crossing.cheaper_after == a.offering().id ? -1 : 1;
      if (ambiguous(r - 1) || ambiguous(r) || ambiguous(r + 1)) {
        continue; // where the order can flicker, nothing is promised
      }
      if (order(r) == 0 && !result.ties()) {
        fail_at(r, "a crossing at a tie, but `ties` is false");
      }
      int before_r = order(r - 1);
      int at_r = order(r);
      int after_r = order(r + 1);
      if (at_r == 0) {
        // R ends a run of ties: the request before the run has the old order, R + 1 the new.
        double before = r - 1;
        bool flicker = false;
        while (before > from && before > r - k_max_tie_walk && tie_walk_budget > 0 && order(before) == 0) {
          flicker = flicker || ambiguous(before);
          before -= 1;
          --tie_walk_budget;
        }
        if (flicker || ambiguous(before)) {
          continue;
        }
        int before_run = order(before);
        bool run_start_seen = before_run != 0;
        if ((run_start_seen && before_run != -after) || after_r != after) {
          fail_at(r,
                  fmt::format("a tie at R, but order {} before the run of ties (at {}) and {} at R+1 (want {} and {})",
                              before_run, before, after_r, -after, after));
        }
      } else {
        // R + 1 may start the next crossing, or lie past the range, where nothing is promised.
        bool next_adjacent = i + 1 < crossings.size() && crossings[i + 1].requests_per_month == r + 1;
        bool last_of_range = r + 1 > result.to;
        // R + 1 may also tie (a step of one staircase can land there): then the next crossing,
        // if the old order returns, is at the end of that run of ties.
        if (before_r != -after || at_r != after || (!next_adjacent && !last_of_range && after_r == -after)) {
          fail_at(r, fmt::format("orders {}, {}, {} at R-1, R, R+1 (want {}, {}, {} or a tie)", before_r, at_r, after_r,
                                 -after, after, after));
        }
      }
      if (crossing.a_monthly_cost != a.at(r) || crossing.b_monthly_cost != b.at(r)) {
        fail_at(r, fmt::format("reported costs {} and {}, but the curves give {} and {}", crossing.a_monthly_cost,
                               crossing.b_monthly_cost, a.at(r), b.at(r)));
      }
    }
    std::optional<double> last;
    if (!crossings.empty()) {
      last = crossings.back().requests_per_month;
    }
    if (result.break_even_requests_per_month != last) {
      fuzz::fail("{}: break-even is not the last crossing", context());
    }
    if (ambiguous(to) || ambiguous(from)) {
      return;
    }
    int at_end = order(to);
    if (result.cheaper_at_end != id_of(at_end)) {
      fuzz::fail("{}: cheaper at the end ({}) is \"{}\", but the order there is {}", context(), to,
                 result.cheaper_at_end, at_end);
    }
    if (at_end != 0 && result.cheaper_last != result.cheaper_at_end) {
      fuzz::fail("{}: cheaper last is \"{}\" but cheaper at the end is \"{}\"", context(), result.cheaper_last,
                 result.cheaper_at_end);
    }
    if ((at_end == 0 || order(from) == 0) && !result.ties()) {
      fuzz::fail("{}: a tie at an end of [{}, {}], but `ties` is false", context(), from, to);
    }
  }

  // The offering an order says is cheaper: a for -1, b for +1, none for a tie.
  std::string id_of(int order) const {
    return order < 0 ? a.offering().id : (order > 0 ? b.offering().id : std::string{});
  }

  // Every strict flip of order in [from, to], request by request, against what was reported:
  // as many crossings, each where Crossing puts it (the first request of the new order, or the
  // last of a run of ties the order changes through); and `ties` and `cheaper_last`.
  void check_against_scan(const CrossoverResult& result, double from, double to) const {
    std::vector<double> flips;
    int last = 0;
    int previous = 0;
    bool ties = false;
    // Counted in integers: at 2^53, r + 1 rounds back to r.
    auto span = static_cast<long long>(to - from);
    for (long long i = 0; i <= span; ++i) {
      double r = from + static_cast<double>(i);
      if (ambiguous(r)) {
        return; // the order can flicker here: a scan proves nothing
      }
      int now = order(r);
      ties = ties || now == 0;
      if (now != 0) {
        if (last != 0 && now != last) {
          flips.push_back(previous == 0 ? r - 1 : r);
        }
        last = now;
      }
      previous = now;
    }
    std::vector<double> reported;
    for (const auto& crossing : result.crossings) {
      reported.push_back(crossing.requests_per_month);
    }
    if (flips.size() != reported.size()) {
      fuzz::fail("{}: over [{}, {}] the order changes {} times, at [{}], but find_crossings reports {}: [{}]",
                 context(), from, to, flips.size(), fmt::join(flips, ", "), reported.size(), fmt::join(reported, ", "));
    }
    if (flips != reported) {
      fuzz::fail("{}: over [{}, {}] the order changes at [{}] but find_crossings reports [{}]", context(), from, to,
                 fmt::join(flips, ", "), fmt::join(reported, ", "));
    }
    if (result.ties() != ties) {
      fuzz::fail("{}: over [{}, {}] `ties` is {} but a scan says {}", context(), from, to, result.ties(), ties);
    }
    if (result.cheaper_last != id_of(last)) {
      fuzz::fail("{}: over [{}, {}] cheaper last is \"{}\" but a scan says \"{}\"", context(), from, to,
                 result.cheaper_last, id_of(last));
    }
  }

  [[noreturn]] void fail_at(double r, const std::string& what) const {
    fuzz::fail("{}: crossing at {}: {} (a {} / {}, b {} / {}, {} / {})", context(), r, what, a.at(r - 1), a.at(r),
               b.at(r - 1), b.at(r), a.at(r + 1), b.at(r + 1));
  }
};

void check_curve(const Scenario& scenario, const CostCurve& curve, double r) {
  Estimate estimate = evaluate(curve.model(), r);
  std::string context = fmt::format("{} at {} requests, {}", curve.offering().id, r, describe(scenario));
  fuzz::check_estimate(estimate, context);
  if (estimate.monthly_cost && !fuzz::close(curve.at(r), *estimate.monthly_cost, fuzz::k_sum_tolerance)) {
    fuzz::fail("{}: the curve gives {} but the estimate {}", context, curve.at(r), *estimate.monthly_cost);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Catalogue& catalogue = fuzz::bundled();
  static const std::vector<std::string> vm_ids = [&catalogue] {
    std::vector<std::string> ids;
    for (const auto& offering : catalogue.offerings()) {
      if (offering.kind == OfferingKind::vm) {
        ids.push_back(offering.id);
      }
    }
    return ids;
  }();
  const auto& offerings = catalogue.offerings();
  const auto& components = catalogue.components();

  FuzzedDataProvider in(data, size);
  const Offering& offering_a = offerings[in.ConsumeIntegralInRange<std::size_t>(0, offerings.size() - 1)];
  const Offering& offering_b = offerings[in.ConsumeIntegralInRange<std::size_t>(0, offerings.size() - 1)];
  Scenario scenario;
  for (const Field& field : k_fields) {
    if (in.ConsumeBool()) {
      try {
        set_scenario_field(scenario, field.key, fuzzed_value(in, field), "--fuzz");
      } catch (const Error&) {
        return 0; // out of range: the CLI rejects it too
      }
    }
  }
  scenario.free_tier = in.ConsumeBool();
  if (in.ConsumeBool()) {
    scenario.node_type = vm_ids[in.ConsumeIntegralInRange<std::size_t>(0, vm_ids.size() - 1)];
  }
  if (!components.empty() && in.ConsumeBool()) {
    scenario.addons.push_back(components[in.ConsumeIntegralInRange<std::size_t>(0, components.size() - 1)].id);
  }
  if (in.ConsumeBool() && scenario.peak_to_average == 1 && !scenario.hours_per_month) {
    // A day's profile of a few distinct rates, and how provisioned options follow it.
    std::vector<double> rates(24);
    for (double& rate : rates) {
      rate = static_cast<double>(in.ConsumeIntegralInRange(0, 3)) * log_uniform(in, 1e-3, 1e3);
    }
    try {
      check_profile(rates, "--fuzz");
    } catch (const Error&) {
      return 0; // all zero: the CLI rejects it too
    }
    scenario.profile = rates;
    if (in.ConsumeBool()) {
      scenario.scaling = in.ConsumeBool() ? Scaling::fixed : Scaling::autoscaled;
    }
  }
  // Time: the month, a weekly schedule, provisioned concurrency, cold starts, a cap on instances.
  constexpr std::array k_time_fields{
      Field{"month_hours", 672, 744},        Field{"hours_per_day", 1, 24},
      Field{"days_per_week", 1, 7},          Field{"start_hour", 0, 23},
      Field{"max_instances", 1, 1000},       Field{"provisioned_concurrency", 0, 200},
      Field{"provisioned_hours", 0.01, 744}, Field{"provisioned_share", 0, 1},
      Field{"cold_start_share", 0, 1},       Field{"init_ms", 0, 1e4},
      Field{"keep_warm_minutes", 0, 1440},   Field{"static_share", 0, 1},
  };
  if (in.ConsumeBool()) {
    for (const Field& field : k_time_fields) {
      if (in.ConsumeBool()) {
        try {
          set_scenario_field(scenario, field.key, fuzzed_value(in, field), "--fuzz");
        } catch (const Error&) {
          return 0; // out of range: the CLI rejects it too
        }
      }
    }
    scenario.interruptible = in.ConsumeBool();
    try {
      check_consistent(scenario, "--fuzz");
    } catch (const Error&) {
      return 0; // the CLI rejects it too
    }
  }

  // GPU batching and the scale-down window of serverless containers.
  constexpr std::array k_gpu_fields{
      Field{"gpu_ms", 1e-3, 1e6},
      Field{"batch_size", 1, 256},
      Field{"scale_down_window_s", 0, 1200},
  };
  if (in.ConsumeBool()) {
    for (const Field& field : k_gpu_fields) {
      if (in.ConsumeBool()) {
        try {
          set_scenario_field(scenario, field.key, fuzzed_value(in, field), "--fuzz");
        } catch (const Error&) {
          return 0; // out of range: the CLI rejects it too
        }
      }
    }
  }

  // BREAKEVEN_FUZZ_DEBUG=1 says what an input stands for, to turn a finding into a test.
  static const bool debug = std::getenv("BREAKEVEN_FUZZ_DEBUG") != nullptr;
  if (debug) {
    std::fprintf(stderr, "fuzz_cost_model: %s vs %s at %s\n", offering_a.id.c_str(), offering_b.id.c_str(),
                 describe(scenario).c_str());
  }
  CostCurve a(build_cost_model(catalogue, offering_a, scenario));
  CostCurve b(build_cost_model(catalogue, offering_b, scenario));
  Pair pair{scenario, a, b};

  // Estimates at three traffic levels, and cost never falling between them.
  std::array<double, 3> levels{};
  for (double& level : levels) {
    level = fuzzed_requests(in, 0, k_max_requests);
  }
  std::sort(levels.begin(), levels.end());
  // A model built without its text costs the same (ranges sample with it).
  CostModel lean = build_cost_model(catalogue, offering_a, scenario, {.describe = false});
  if (lean.infeasible_reasons != a.model().infeasible_reasons) {
    fuzz::fail("{} at {}: the lean model's feasibility differs", offering_a.id, describe(scenario));
  }
  for (double r : levels) {
    if (lean.feasible() && !(lean.cost_at(r) == a.model().cost_at(r))) {
      fuzz::fail("{} at {}: the lean model costs {} at {}, the described one {}", offering_a.id, describe(scenario),
                 lean.cost_at(r), r, a.model().cost_at(r));
    }
  }
  for (const CostCurve* curve : {&a, &b}) {
    for (double r : levels) {
      check_curve(scenario, *curve, r);
    }
    if (curve->feasible() &&
        !(curve->at(levels[0]) <= curve->at(levels[1]) && curve->at(levels[1]) <= curve->at(levels[2]))) {
      fuzz::fail("{} at {}: cost falls as traffic grows: {} at {}, {} at {}, {} at {}", curve->offering().id,
                 describe(scenario), curve->at(levels[0]), levels[0], curve->at(levels[1]), levels[1],
                 curve->at(levels[2]), levels[2]);
    }
  }
  if (!a.feasible() || !b.feasible()) {
    return 0; // find_crossings takes feasible curves
  }

  // A wide range: every crossing reported must be a real change of order.
  double from = 0;
  double to = k_max_requests;
  switch (in.ConsumeIntegralInRange(0, 2)) {
  case 0:
    break;
  case 1:
    to = k_widest_range;
    break;
  default:
    from = fuzzed_requests(in, 0, k_max_requests - 1);
    to = fuzzed_requests(in, from + 1, k_max_requests);
    break;
  }
  to = pair.capped_end(from, to);
  if (debug) {
    std::fprintf(stderr, "fuzz_cost_model: find_crossings over [%.17g, %.17g]\n", from, to);
  }
  CrossoverResult wide = find_crossings(a, b, from, to, scenario.running_hours());
  pair.check_crossings(wide, from, to);

  // A short range, around a crossing found or anywhere: also scanned request by request.
  double span = std::floor(log_uniform(in, 1, k_brute_force_span));
  double start = 0;
  if (!wide.crossings.empty() && in.ConsumeBool()) {
    const Crossing& near = wide.crossings[in.ConsumeIntegralInRange<std::size_t>(0, wide.crossings.size() - 1)];
    start = std::max(0.0, near.requests_per_month - std::floor(in.ConsumeProbability<double>() * span));
  } else {
    start = fuzzed_requests(in, 0, k_max_requests - span);
  }
  double end = std::min(k_max_requests, start + span);
  if (debug) {
    std::fprintf(stderr, "fuzz_cost_model: find_crossings and a scan over [%.17g, %.17g]\n", start, end);
  }
  CrossoverResult narrow = find_crossings(a, b, start, end, scenario.running_hours());
  pair.check_crossings(narrow, start, end);
  pair.check_against_scan(narrow, start, end);

  // Each result read off over a narrower range (narrow_crossings, as crossover's default range
  // is): the short one against the scan, the wide one against a search of that range.
  if (narrow.to - narrow.from >= 2) {
    double shorter = narrow.from + 1 + std::floor(in.ConsumeProbability<double>() * (narrow.to - narrow.from - 1));
    if (auto read = narrow_crossings(narrow, a, b, shorter)) {
      pair.check_crossings(*read, narrow.from, shorter);
      pair.check_against_scan(*read, narrow.from, shorter);
    }
  }
  if (wide.to - wide.from >= 2) {
    double last = wide.crossings.empty() ? wide.from : wide.crossings.back().requests_per_month;
    double shorter = std::min(wide.to, std::floor(last + 1 + log_uniform(in, 1, std::max(2.0, wide.to - last))));
    // Where the order can flicker (at the end, or around the last crossing) the two searches
    // may look at different requests of the flicker: nothing is promised there.
    bool flickers =
        pair.ambiguous(shorter) ||
        (!wide.crossings.empty() && (pair.ambiguous(last - 1) || pair.ambiguous(last) || pair.ambiguous(last + 1)));
    auto read = flickers ? std::nullopt : narrow_crossings(wide, a, b, shorter);
    if (read) {
      if (debug) {
        std::fprintf(stderr, "fuzz_cost_model: a wide search read off over [%.17g, %.17g]\n", wide.from, shorter);
      }
      CrossoverResult searched = find_crossings(a, b, wide.from, shorter, scenario.running_hours());
      auto at = [](const CrossoverResult& r) {
        std::vector<double> out;
        for (const auto& c : r.crossings) {
          out.push_back(c.requests_per_month);
        }
        return out;
      };
      if (at(*read) != at(searched) || read->cheaper_at_end != searched.cheaper_at_end ||
          read->cheaper_last != searched.cheaper_last || read->ties() != searched.ties() || read->to != searched.to) {
        fuzz::fail("{}: over [{}, {}] read off the wide search: crossings [{}], at the end \"{}\", last \"{}\", "
                   "ties {}; searched: [{}], \"{}\", \"{}\", {}",
                   pair.context(), wide.from, shorter, fmt::join(at(*read), ", "), read->cheaper_at_end,
                   read->cheaper_last, read->ties(), fmt::join(at(searched), ", "), searched.cheaper_at_end,
                   searched.cheaper_last, searched.ties());
      }
    }
  }
  return 0;
}
