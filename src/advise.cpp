#include <breakeven/advise.hpp>

#include <breakeven/capacity.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/curve.hpp>
#include <breakeven/money.hpp>
#include <breakeven/text.hpp>

#include "cost_model_parts.hpp"
#include "permute.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>

namespace breakeven {
namespace {

constexpr std::array<std::string_view, 4> k_skills{"vm", "containers", "kubernetes", "serverless"};
// The share of requests above which cold starts reach the 99th percentile.
constexpr double k_p99_share = 0.01;
// Peak over average from which traffic counts as spiky (a provisioned option then idles most
// of its capacity most of the time).
constexpr double k_spiky_peak = 3.0;

std::string_view skill_of(OfferingKind kind) {
  switch (kind) {
  case OfferingKind::function:
    return "serverless";
  case OfferingKind::container_service:
    return "containers";
  case OfferingKind::kubernetes:
    return "kubernetes";
  case OfferingKind::vm:
    return "vm";
  }
  return "";
}

bool provisioned(const Offering& offering) {
  return detail::is_provisioned(offering);
}

bool keeps_warm_with_min_instances(const Offering& offering) {
  if (detail::is_container_billed(offering)) {
    return true;
  }
  return detail::is_request_billed_container(offering) && detail::has_idle_rates(offering);
}

// Requests one instance of a serverless offering serves at once.
double concurrency_of(const Offering& offering, const Scenario& scenario) {
  if (detail::is_container_billed(offering) && offering.gpus > 0) {
    return scenario.batch_size.value_or(1);
  }
  if (detail::is_request_billed_container(offering)) {
    return scenario.concurrency.value_or(offering.default_concurrency.value_or(1.0));
  }
  return 1;
}

// The share of requests that meet a cold start: the function's own estimate, or for a
// request-billed container the same estimate with its keep-warm time (a container billed while
// up keeps one for its scale-down window); none for provisioned capacity.
double cold_start_share_of(const Offering& offering, const CostModel& model, const Scenario& scenario) {
  if (provisioned(offering)) {
    return 0;
  }
  if (offering.kind == OfferingKind::function && !detail::is_container_billed(offering)) {
    return model.cold_start_share.value_or(0.0);
  }
  double keep_warm = detail::is_container_billed(offering)
                         ? scenario.scale_down_window_s.value_or(*offering.billing.scale_down_window_s)
                         : scenario.keep_warm_minutes.value_or(k_default_keep_warm_minutes) * 60;
  if (scenario.min_instances.value_or(0) > 0) {
    return 0; // kept warm; bursts beyond them are not estimated
  }
  return scenario.cold_start_share.value_or(
      detail::estimated_cold_start_share(scenario, scenario.requests(), scenario.duration_ms / 1000.0, keep_warm));
}

// Environments that keep the requests that could meet a cold start (those beyond them in the
// busiest hour, E[(X - N)+] of the mean m in flight) under 1%.
long long warm_environments(double peak_in_flight) {
  if (!(peak_in_flight > 0)) {
    return 1;
  }
  auto n = static_cast<long long>(std::max(1.0, std::floor(peak_in_flight)));
  while (n < 1'000'000 &&
         (peak_in_flight - expected_capped_in_flight(peak_in_flight, n)) > k_p99_share * peak_in_flight) {
    ++n;
  }
  return n;
}

// "0.3x", "150x", "5,430x": how far a volume is from this traffic.
std::string times(double ratio) {
  return ratio < 100 ? fmt::format("{:.3g}x", ratio) : fmt::format("{}x", group_digits(fmt::format("{:.0f}", ratio)));
}

std::string money(double dollars) {
  return fmt::format("{}", Money{dollars});
}

// The nearest crossing of two options to the scenario's traffic, if any. The curves are built
// for their numbers only (the same costs, without notes and assumptions nothing here reads).
std::optional<double> nearest_flip(const Catalogue& catalogue, const AdvisedOption& a, const AdvisedOption& b,
                                   const Scenario& scenario) {
  const BuildOptions numbers{.describe = false};
  CostCurve ca(build_cost_model(catalogue, catalogue.get(a.estimate.offering_id), a.priced, numbers));
  CostCurve cb(build_cost_model(catalogue, catalogue.get(b.estimate.offering_id), b.priced, numbers));
  if (!ca.feasible() || !cb.feasible()) {
    return std::nullopt;
  }
  double requests = scenario.requests();
  double to = std::min(k_max_whole_requests, std::max(1e9, 100 * requests));
  CrossoverResult result = find_crossings(ca, cb, 0, to, scenario.running_hours());
  std::optional<double> best;
  auto distance = [requests](double r) { return std::fabs(std::log(std::max(r, 1.0) / std::max(requests, 1.0))); };
  for (const auto& crossing : result.crossings) {
    if (!best || distance(crossing.requests_per_month) < distance(*best)) {
      best = crossing.requests_per_month;
    }
  }
  return best;
}

void answer(AdvisedOption& option, Question question, Answer::Verdict verdict, std::string reason) {
  option.answers.push_back({question, verdict, std::move(reason)});
  if (verdict == Answer::Verdict::rule_out && !option.ruled_out_by) {
    option.ruled_out_by = question;
  }
}

std::string traffic_pattern(double peak) {
  if (peak >= k_spiky_peak) {
    return fmt::format("spiky (the busiest hour is {:.3g}x the average)", peak);
  }
  if (peak > 1.0) {
    return fmt::format("variable (the busiest hour is {:.3g}x the average)", peak);
  }
  return "steady (flat at its average rate)";
}

// One option through the framework; adds the prices its estimate uses to `prices`.
AdvisedOption advise_one(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario,
                         const Constraints& constraints, double peak, std::vector<PriceDate>& prices,
                         BuildOptions estimates) {
  AdvisedOption option;
  option.priced = scenario;
  CostModel model = build_cost_model(catalogue, offering, scenario, estimates);
  add_prices(prices, model.prices);
  double cold_start_share = cold_start_share_of(offering, model, scenario);
  option.estimate = evaluate(std::move(model), scenario.requests()); // the model is done with
  const Estimate& e = option.estimate;
  using V = Answer::Verdict;

  // 1. Traffic pattern.
  if (provisioned(offering)) {
    answer(option, Question::traffic, peak >= k_spiky_peak ? V::warn : V::pass,
           peak > 1 ? fmt::format("sized for the busiest hour: off-peak it runs {:.0f}% of that capacity on average",
                                  100 / peak)
                    : "sized for the steady rate");
  } else {
    answer(option, Question::traffic, V::pass, "pays for the requests it serves: spikes cost only their own requests");
  }

  // 2. Execution duration (and every other limit: memory, CPU time, task sizes).
  if (!e.feasible) {
    answer(option, Question::duration, V::rule_out, e.notes.empty() ? "infeasible" : e.notes.front());
  } else if (offering.limits.max_duration_ms) {
    answer(option, Question::duration, V::pass,
           fmt::format("{} a request, within its {} limit", format_duration_ms(scenario.duration_ms),
                       format_duration_ms(*offering.limits.max_duration_ms)));
  } else {
    answer(option, Question::duration, V::pass,
           fmt::format("{} a request; no limit on a request's duration", format_duration_ms(scenario.duration_ms)));
  }

  // 3. Latency: cold starts against the p99 target.
  option.cold_start_share = e.feasible ? cold_start_share : 0;
  option.cold_start_ms = constraints.cold_start_ms ? constraints.cold_start_ms : offering.cold_start_ms;
  option.ranked_cost = e.monthly_cost;
  if (!constraints.p99_ms) {
    answer(option, Question::latency, V::pass,
           option.cold_start_share > 0 ? fmt::format("no target (--p99-ms); {} of requests meet a cold start",
                                                     format_percent(option.cold_start_share))
                                       : "no target (--p99-ms); no cold starts");
  } else if (!e.feasible) {
    answer(option, Question::latency, V::pass, "not asked: infeasible");
  } else if (scenario.duration_ms > *constraints.p99_ms) {
    answer(option, Question::latency, V::warn,
           fmt::format("a request itself takes {}, above the {} target, on any option",
                       format_duration_ms(scenario.duration_ms), format_duration_ms(*constraints.p99_ms)));
  } else if (option.cold_start_share < k_p99_share) {
    answer(
        option, Question::latency, V::pass,
        option.cold_start_share > 0
            ? fmt::format("p99 about {}: {} of requests meet a cold start, under 1%",
                          format_duration_ms(scenario.duration_ms), format_percent(option.cold_start_share))
        : provisioned(offering)
            ? fmt::format("p99 about {}: capacity is running, no cold starts", format_duration_ms(scenario.duration_ms))
            : fmt::format("p99 about {}: traffic keeps environments warm, no cold start estimated (environments "
                          "are also recycled, which is not modelled)",
                          format_duration_ms(scenario.duration_ms)));
  } else if (!option.cold_start_ms) {
    answer(option, Question::latency, V::warn,
           fmt::format("{} of requests meet a cold start of unknown length (no published figure for {}): set "
                       "--cold-start-ms to check the {} target",
                       format_percent(option.cold_start_share), offering.id, format_duration_ms(*constraints.p99_ms)));
  } else if (scenario.duration_ms + *option.cold_start_ms <= *constraints.p99_ms) {
    answer(option, Question::latency, V::pass,
           fmt::format("p99 about {}: {} of requests meet a {} cold start, within the target",
                       format_duration_ms(scenario.duration_ms + *option.cold_start_ms),
                       format_percent(option.cold_start_share), format_duration_ms(*option.cold_start_ms)));
  } else {
    // Keep enough warm for the busiest hour: N environments (or N / C instances).
    double peak_in_flight = scenario.average_rps() * peak * scenario.duration_ms / 1000.0;
    long long environments = warm_environments(peak_in_flight);
    Scenario warm = scenario;
    WarmFix fix;
    bool possible = true;
    if (offering.kind == OfferingKind::function && offering.provisioned_concurrency) {
      warm.provisioned_concurrency = static_cast<int>(std::min(environments, 100'000LL));
      fix.how = "provisioned_concurrency";
      fix.count = *warm.provisioned_concurrency;
    } else if (keeps_warm_with_min_instances(offering)) {
      auto c = static_cast<long long>(concurrency_of(offering, scenario));
      warm.min_instances = static_cast<int>(std::min((environments + c - 1) / c, 1'000'000LL));
      fix.how = "min_instances";
      fix.count = *warm.min_instances;
    } else {
      possible = false;
    }
    std::string slow = fmt::format("{} of requests meet a {} cold start, so p99 is about {}, above {}",
                                   format_percent(option.cold_start_share), format_duration_ms(*option.cold_start_ms),
                                   format_duration_ms(scenario.duration_ms + *option.cold_start_ms),
                                   format_duration_ms(*constraints.p99_ms));
    Estimate fixed = possible ? estimate(catalogue, offering, warm, estimates) : Estimate{};
    if (possible && fixed.feasible && fixed.monthly_cost) {
      fix.monthly_cost = *fixed.monthly_cost;
      fix.extra_cost = *fixed.monthly_cost - e.monthly_cost.value_or(0);
      fix.estimate = std::move(fixed);
      option.warm_fix = fix;
      option.ranked_cost = fix.monthly_cost;
      option.priced = warm;
      answer(option, Question::latency, V::warn,
             fmt::format("{}; {} meet{} it for {} more, {} a month", slow, describe(fix), fix.count == 1 ? "s" : "",
                         money(fix.extra_cost), money(fix.monthly_cost)));
    } else {
      answer(option, Question::latency, V::rule_out,
             fmt::format("{}, and {} cannot keep instances warm", slow, offering.id));
    }
  }

  // 4. Team skills.
  std::string_view skill = skill_of(offering.kind);
  if (constraints.team.empty()) {
    answer(option, Question::team, V::pass, fmt::format("needs {} skills (--team not given)", skill));
  } else if (std::find(constraints.team.begin(), constraints.team.end(), skill) == constraints.team.end()) {
    answer(option, Question::team, V::rule_out, fmt::format("the team does not operate {} (--team)", skill));
  } else {
    answer(option, Question::team, V::pass, fmt::format("the team operates {}", skill));
  }

  // 5. Cost math (the flip to the next option is filled in once all are priced).
  if (!option.ranked_cost) {
    answer(option, Question::cost, V::pass, "no cost: infeasible");
  } else if (constraints.budget && *option.ranked_cost > *constraints.budget) {
    answer(option, Question::cost, V::rule_out,
           fmt::format("{} a month, over the {} budget", money(*option.ranked_cost), money(*constraints.budget)));
  } else {
    answer(option, Question::cost, V::pass, fmt::format("{} a month", money(*option.ranked_cost)));
  }

  // 6. Exit strategy.
  if (offering.portability == Portability::image) {
    answer(option, Question::exit, V::pass,
           offering.kind == OfferingKind::vm ? "a VM image runs on any cloud or server"
                                             : "an OCI image runs on any container platform");
  } else {
    V verdict = constraints.portability == ExitNeed::high
                    ? V::rule_out
                    : (constraints.portability == ExitNeed::medium ? V::warn : V::pass);
    answer(option, Question::exit, verdict,
           fmt::format("code written to {}'s triggers, SDK or runtime: an exit means porting it{}", offering.provider,
                       constraints.portability == ExitNeed::low ? " (--portability low)" : ""));
  }

  // 7. Compliance: isolation.
  if (!offering.isolation) {
    answer(option, Question::compliance, constraints.isolation == IsolationNeed::any ? V::pass : V::rule_out,
           "isolation not documented in its rate table (no published source found)");
  } else {
    IsolationLevel level = *offering.isolation;
    bool hardware = level == IsolationLevel::microvm || level == IsolationLevel::hypervisor;
    bool kernel = hardware || level == IsolationLevel::sandbox;
    bool enough = constraints.isolation == IsolationNeed::any ||
                  (constraints.isolation == IsolationNeed::kernel && kernel) ||
                  (constraints.isolation == IsolationNeed::hardware && hardware);
    std::string_view need = constraints.isolation == IsolationNeed::hardware ? "hardware (hypervisor) isolation"
                            : constraints.isolation == IsolationNeed::kernel ? "its own kernel boundary"
                                                                             : "";
    answer(option, Question::compliance, enough ? V::pass : V::rule_out,
           enough ? fmt::format("{} isolation ({})", to_string(level), offering.isolation_source)
                  : fmt::format("{} isolation, and the workload needs {} (--isolation)", to_string(level), need));
  }
  return option;
}

std::string question_counts(const std::vector<AdvisedOption>& options) {
  std::map<Question, int> counts;
  for (const auto& option : options) {
    if (option.ruled_out_by) {
      counts[*option.ruled_out_by] += 1;
    }
  }
  std::vector<std::string> parts;
  for (const auto& [question, count] : counts) {
    parts.push_back(fmt::format("{} by {}", count, to_string(question)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string recommend(const Advice& advice, const Scenario& scenario) {
  const auto& options = advice.options;
  std::size_t ruled_out = options.size() - advice.shortlisted;
  if (advice.shortlisted == 0) {
    return fmt::format("No option passes every question: {} of {} are ruled out ({}). Relax the constraint that "
                       "rules out the most, or add offerings.",
                       ruled_out, options.size(), question_counts(options));
  }
  const AdvisedOption& pick = options.front();
  std::string text = fmt::format("Pick {} ({}) at {} a month: the cheapest of the {} option{} that pass every question",
                                 pick.estimate.offering_id, to_string(pick.estimate.kind), money(*pick.ranked_cost),
                                 advice.shortlisted, advice.shortlisted == 1 ? "" : "s");
  text += ruled_out > 0 ? fmt::format(" ({} ruled out: {}).", ruled_out, question_counts(options)) : ".";
  std::vector<std::string> factors;
  if (advice.shortlisted > 1) {
    const AdvisedOption& next = options[1];
    double less = *next.ranked_cost - *pick.ranked_cost;
    std::string margin = less < 0.005 ? fmt::format("cost: the same to the cent as {}", next.estimate.offering_id)
                                      : fmt::format("cost: {} less than {}", money(less), next.estimate.offering_id);
    if (pick.flip_requests) {
      double ratio = *pick.flip_requests / std::max(scenario.requests(), 1.0);
      margin += fmt::format(", which becomes the cheaper one {} {} requests a month ({} this traffic)",
                            ratio > 1 ? "above" : "below", format_count(*pick.flip_requests), times(ratio));
    } else {
      margin += ", and never costs more at any traffic in the searched range";
    }
    factors.push_back(margin);
  }
  if (pick.warm_fix) {
    factors.push_back(fmt::format("latency: {} keep{} the p99 target for {} a month, included above",
                                  describe(*pick.warm_fix), pick.warm_fix->count == 1 ? "s" : "",
                                  money(pick.warm_fix->extra_cost)));
  }
  for (const auto& a : pick.answers) {
    if (a.verdict == Answer::Verdict::warn && a.question != Question::latency) {
      factors.push_back(fmt::format("{}: {}", to_string(a.question), a.reason));
    }
  }
  if (!factors.empty()) {
    text += fmt::format(" Deciding factors: {}.", fmt::join(factors, "; "));
  }
  return text;
}

} // namespace

std::optional<IsolationNeed> parse_isolation_need(std::string_view text) {
  for (auto need : {IsolationNeed::any, IsolationNeed::kernel, IsolationNeed::hardware}) {
    if (to_string(need) == text) {
      return need;
    }
  }
  return std::nullopt;
}

std::optional<ExitNeed> parse_exit_need(std::string_view text) {
  for (auto need : {ExitNeed::low, ExitNeed::medium, ExitNeed::high}) {
    if (to_string(need) == text) {
      return need;
    }
  }
  return std::nullopt;
}

std::string_view to_string(IsolationNeed need) {
  switch (need) {
  case IsolationNeed::any:
    return "any";
  case IsolationNeed::kernel:
    return "kernel";
  case IsolationNeed::hardware:
    return "hardware";
  }
  return "";
}

std::string_view to_string(ExitNeed need) {
  switch (need) {
  case ExitNeed::low:
    return "low";
  case ExitNeed::medium:
    return "medium";
  case ExitNeed::high:
    return "high";
  }
  return "";
}

std::span<const std::string_view> team_skills() {
  return k_skills;
}

std::string_view to_string(Question question) {
  switch (question) {
  case Question::traffic:
    return "traffic pattern";
  case Question::duration:
    return "execution duration";
  case Question::latency:
    return "latency";
  case Question::team:
    return "team skills";
  case Question::cost:
    return "cost";
  case Question::exit:
    return "exit strategy";
  case Question::compliance:
    return "compliance";
  }
  return "";
}

std::string_view to_string(Answer::Verdict verdict) {
  switch (verdict) {
  case Answer::Verdict::pass:
    return "pass";
  case Answer::Verdict::warn:
    return "warn";
  case Answer::Verdict::rule_out:
    return "ruled out";
  }
  return "";
}

std::string describe(const WarmFix& fix) {
  bool provisioned_concurrency = fix.how == "provisioned_concurrency";
  return fmt::format("{} {}{} ({} {})", fix.count,
                     provisioned_concurrency ? "provisioned environment" : "warm instance", fix.count == 1 ? "" : "s",
                     provisioned_concurrency ? "--provisioned-concurrency" : "--min-instances", fix.count);
}

Advice advise(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
              const Constraints& constraints, BuildOptions estimates) {
  Advice advice;
  advice.scenario = scenario;
  advice.constraints = constraints;
  advice.peak_to_average = scenario.peak_factor();
  advice.traffic_pattern = traffic_pattern(advice.peak_to_average);
  std::vector<OfferingAssumptions> by_offering;
  // Reserved: an option is nearly 2 KB, and over the catalogue the doublings up to 128 of them
  // touched some 300 KB of fresh memory, a page fault for each 4 KB (about 0.1 ms).
  advice.options.reserve(offerings.size());
  for (const Offering* offering : offerings) {
    advice.options.push_back(
        advise_one(catalogue, *offering, scenario, constraints, advice.peak_to_average, advice.prices, estimates));
  }
  for (const auto& option : advice.options) {
    by_offering.emplace_back(option.estimate.offering_id, &option.estimate.assumptions);
  }
  advice.assumptions = collect_assumptions(by_offering);
  // The shortlist: passed every question, cheapest first (with what latency needs); then the
  // ruled out, in the order of the question that ruled them out. Their positions are sorted,
  // then the options permuted in place, each moved once along its cycle (one is an estimate and
  // a list of answers, dozens of strings; a second vector of them would be as many fresh pages).
  std::vector<std::size_t> order(advice.options.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&options = advice.options](std::size_t i, std::size_t j) {
    const AdvisedOption& a = options[i];
    const AdvisedOption& b = options[j];
    if (a.ruled_out_by.has_value() != b.ruled_out_by.has_value()) {
      return !a.ruled_out_by;
    }
    if (a.ruled_out_by && *a.ruled_out_by != *b.ruled_out_by) {
      return *a.ruled_out_by < *b.ruled_out_by;
    }
    double ca = a.ranked_cost.value_or(std::numeric_limits<double>::infinity());
    double cb = b.ranked_cost.value_or(std::numeric_limits<double>::infinity());
    return ca != cb ? ca < cb : a.estimate.offering_id < b.estimate.offering_id;
  });
  detail::permute_in_place(advice.options, order);
  advice.shortlisted = static_cast<std::size_t>(std::count_if(advice.options.begin(), advice.options.end(),
                                                              [](const AdvisedOption& o) { return !o.ruled_out_by; }));
  // How far the traffic is from a flip: each shortlisted option against the cheapest (the
  // cheapest against the runner-up).
  for (std::size_t i = 0; i < advice.shortlisted && advice.shortlisted > 1; ++i) {
    const AdvisedOption& reference = advice.options[i == 0 ? 1 : 0];
    AdvisedOption& option = advice.options[i];
    option.flip_with = reference.estimate.offering_id;
    option.flip_requests = nearest_flip(catalogue, option, reference, scenario);
    for (auto& a : option.answers) {
      if (a.question == Question::cost && a.verdict == Answer::Verdict::pass) {
        if (option.flip_requests) {
          a.reason += fmt::format("; swaps places with {} at {} requests a month ({} this traffic)", option.flip_with,
                                  format_count(*option.flip_requests),
                                  times(*option.flip_requests / std::max(scenario.requests(), 1.0)));
        } else {
          a.reason += fmt::format("; never swaps places with {} in the searched range", option.flip_with);
        }
      }
    }
  }
  advice.recommendation = recommend(advice, scenario);
  return advice;
}

Portfolio portfolio(std::vector<Advice> workloads) {
  Portfolio result;
  double total = 0;
  bool complete = true;
  for (const auto& advice : workloads) {
    if (advice.shortlisted == 0 || !advice.options.front().ranked_cost) {
      complete = false;
    } else {
      total += *advice.options.front().ranked_cost;
    }
  }
  if (complete) {
    result.monthly_total = total;
  }
  for (const auto& advice : workloads) {
    add_prices(result.prices, advice.prices);
  }
  result.workloads = std::move(workloads);
  return result;
}

} // namespace breakeven
