#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/scenario.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// What the isolation of a workload must be, at least (compliance): `kernel` needs its own
/// kernel boundary (a sandbox, microVM or VM), `hardware` hardware virtualisation (a microVM
/// or VM), as PCI-DSS, HIPAA or FedRAMP-style controls often ask.
enum class IsolationNeed { any, kernel, hardware };
/// How much an exit in three years matters: `high` rules out provider-specific code, `medium`
/// flags it.
enum class ExitNeed { low, medium, high };

/// The constraints of `breakeven advise` besides the scenario. Unset: not asked.
struct Constraints {
  std::optional<double> p99_ms; ///< latency target for the 99th percentile
  IsolationNeed isolation = IsolationNeed::any;
  std::vector<std::string> team; ///< what the team operates: vm, containers, kubernetes, serverless
  ExitNeed portability = ExitNeed::low;
  std::optional<double> budget;        ///< USD a month
  std::optional<double> cold_start_ms; ///< a measured cold start, for every offering
};

/// `any`, `kernel`, `hardware`; nothing for anything else.
std::optional<IsolationNeed> parse_isolation_need(std::string_view text);
/// `low`, `medium`, `high`; nothing for anything else.
std::optional<ExitNeed> parse_exit_need(std::string_view text);
/// The names the two parse, and print.
std::string_view to_string(IsolationNeed need);
std::string_view to_string(ExitNeed need);
/// The skills `--team` takes, in order.
std::span<const std::string_view> team_skills();

/// The questions of the article's decision framework, in its order.
enum class Question { traffic, duration, latency, team, cost, exit, compliance };
std::string_view to_string(Question question);

/// One answer: whether the option passes the question, needs a look (a warning), or is ruled
/// out by it, and why, in one line.
struct Answer {
  enum class Verdict { pass, warn, rule_out };
  Question question = Question::traffic;
  Verdict verdict = Verdict::pass;
  std::string reason;
};
std::string_view to_string(Answer::Verdict verdict);

/// Meeting a latency target despite cold starts: how many environments (provisioned
/// concurrency) or instances (minimum instances) keep the requests that could meet a cold
/// start under 1%, and what that adds to the month.
struct WarmFix {
  std::string how; ///< "provisioned_concurrency" or "min_instances"
  long long count = 0;
  double monthly_cost = 0; ///< the option's whole cost with them
  double extra_cost = 0;   ///< over its cost without
  /// The option with them: the line items monthly_cost adds up from.
  Estimate estimate;
};

/// The fix for people: "2 provisioned environments (--provisioned-concurrency 2)".
std::string describe(const WarmFix& fix);

/// One offering, every question answered.
struct AdvisedOption {
  Estimate estimate;
  std::vector<Answer> answers; ///< in Question order
  /// The first question that ruled it out, if any.
  std::optional<Question> ruled_out_by;
  /// Latency: the share of requests meeting a cold start, the cold start's length when known,
  /// and the fix that meets the target when one is needed and exists.
  double cold_start_share = 0;
  std::optional<double> cold_start_ms;
  std::optional<WarmFix> warm_fix;
  /// Cost: the nearest traffic (requests a month) at which this option and the reference
  /// option (the cheapest for the others, the runner-up for the cheapest) swap places.
  std::optional<double> flip_requests;
  std::string flip_with;
  /// Its monthly cost for the ranking: with the warm fix when latency needs one.
  std::optional<double> ranked_cost;
  /// The scenario it is priced at: the one given, with the warm fix when there is one.
  Scenario priced;
};

/// `breakeven advise`: every option through the framework, then a ranked shortlist (the
/// options no question ruled out, cheapest first) and a recommendation naming the deciding
/// factors.
struct Advice {
  Scenario scenario;
  Constraints constraints;
  std::vector<Assumption> assumptions;
  double peak_to_average = 1;         ///< the busiest hour's rate over the average
  std::string traffic_pattern;        ///< "steady", "variable" or "spiky", with the figure
  std::vector<AdvisedOption> options; ///< shortlist first (cheapest first), then the ruled out
  std::size_t shortlisted = 0;
  std::string recommendation;
  /// The offerings and components whose prices the options' estimates use, each once (see
  /// CostModel::prices).
  std::vector<PriceDate> prices;
};

/// `estimates`: how each option's estimate is built. Described by default (line items by name,
/// notes: the HTML page shows them); the advice itself reads only their costs, reasons for
/// infeasibility and assumptions, so a report without the estimates can build them lean with
/// those (k_advice_estimates_lean), the same answers and ranking.
Advice advise(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
              const Constraints& constraints, BuildOptions estimates = {});

/// Lean estimates that still list assumptions and warnings, for advise() without a page.
inline constexpr BuildOptions k_advice_estimates_lean{.describe = false, .warnings = true, .assumptions = true};

/// Several named workloads, each with its pick: the article's "each workload where it belongs".
struct Portfolio {
  std::vector<Advice> workloads;
  /// The sum of each workload's pick; unset when a workload has none.
  std::optional<double> monthly_total;
  /// Every workload's prices (Advice::prices), each once.
  std::vector<PriceDate> prices;
};

Portfolio portfolio(std::vector<Advice> workloads);

} // namespace breakeven
