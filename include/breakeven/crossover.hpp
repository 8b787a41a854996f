#pragma once

#include <breakeven/curve.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace breakeven {

/// A point where two curves swap order, exact to the request. Either R = `requests_per_month`
/// is the first whole request at which `cheaper_after` is the cheaper option (R - 1 had the
/// other order), or the two cost the same at R (within 1e-12 of the larger cost): then R is
/// the last request of a run of ties, the last request before the run had the other order and
/// R + 1 has the new one. R + 1 does not have the old order (it has the new one, or the two
/// tie there, where a step of one staircase can land), unless the next crossing is at R + 1 (a
/// staircase can put two crossings a request apart) or R ends the range.
/// Where the difference sits at the tie tolerance to within the rounding of the costs (about
/// 1e-15 of them), the computed order can read either way from one request to the next; the
/// search places a crossing through such a flicker at the earliest request of the new order it
/// sees within 4,096 requests, and promises nothing finer there.
struct Crossing {
  double requests_per_month = 0;
  double rps = 0;            ///< the same traffic as an average rate over the scenario's hours
  double a_monthly_cost = 0; ///< cost of the first curve at R
  double b_monthly_cost = 0; ///< cost of the second curve at R
  std::string cheaper_after; ///< offering id
  /// Between a function and provisioned capacity (a VM, a cluster, task-billed containers), how
  /// busy the function is at R: the share of one instance's time it would run,
  /// `rps x duration_ms / 1000` (concurrency 1; above 1, more than one instance's worth). Below
  /// it one option is cheaper, above it the other ("above 44% duty cycle the VM wins"). Set by
  /// crossover() and curve(), which know the offerings' kinds; nothing for any other pair.
  std::optional<double> duty_cycle;
};

/// Two monthly costs the crossover search counts as the same: within 1e-12 of the larger (and of
/// $1, so that costs near $0 tie rather than differ by rounding).
/// The tie tolerance at two costs: 1e-12 x max(1, |a|, |b|) (the solver's, see find_crossings).
inline double tie_tolerance(double a, double b) {
  return 1e-12 * std::max({1.0, a < 0 ? -a : a, b < 0 ? -b : b});
}

inline bool same_cost(double a, double b) {
  return (a < b ? b - a : a - b) <= tie_tolerance(a, b);
}

/// The work a crossover search may do by default (see find_crossings).
inline constexpr long long k_max_crossover_evaluations = 20'000'000;

/// Every crossing of two curves in a range, in order.
struct CrossoverResult {
  std::string a;
  std::string b;
  double from = 0;
  double to = 0;
  std::vector<Crossing> crossings;
  /// The last crossing in the range: beyond it the order never changes again (in the range).
  std::optional<double> break_even_requests_per_month;
  /// Which one is cheaper at the end of the range (empty when they cost the same there).
  std::string cheaper_at_end;
  /// Which one was cheaper last in the range: `cheaper_at_end`, or when the range ends in a
  /// tie, the one cheaper before it. Empty only when they cost the same throughout the range.
  std::string cheaper_last;
  /// The first request in the range where the search saw the two cost the same (within 1e-12),
  /// if any. The search looks at every change of order, so a tie between two strict orders is
  /// seen; within an interval the monotone bound proves holds one strict order, a difference
  /// inside the tolerance there can go unseen.
  std::optional<double> first_tie;

  const Crossing* first() const { return crossings.empty() ? nullptr : &crossings.front(); }
  /// True when the two cost the same at some request in the range.
  bool ties() const { return first_tie.has_value(); }
};

/// Finds every request count in [from, to] (whole requests, 0 <= from < to <= 2^53) where the
/// cheaper of `a` and `b` changes. Precondition: both curves are feasible and never fall as
/// traffic grows (true of every charge model here). "Never cross" is an empty result.
///
/// Works on the pieces, never by sampling: an interval is skipped when the curves' values at
/// its ends already rule a sign change out (both curves are non-decreasing), solved
/// analytically when neither curve has a breakpoint inside it, and split otherwise; every
/// crossing is then confirmed by evaluating both curves at the neighbouring whole requests.
/// A line against any staircase takes a few hundred evaluations of both curves; two staircases
/// of the same slope that tie at every other step take about four a step. Past
/// `max_evaluations` (2e7 is a few seconds) the search throws `Error` asking for a narrower
/// range, rather than run for hours.
/// Example: `find_crossings(lambda_curve, vm_curve, 0, 1e10).break_even_requests_per_month`.
CrossoverResult find_crossings(const CostCurve& a, const CostCurve& b, double from, double to, double hours_per_month,
                               long long max_evaluations = k_max_crossover_evaluations);

/// The result of a search over a narrower range [wide.from, to] read off `wide` (a search of
/// the same curves over [wide.from, wide.to], wide.from < to <= wide.to) without searching
/// again, as `crossover` does for its default range. When every crossing lies below `to`, the
/// narrower search finds the same ones (each is exact) and the same last strict order; the
/// order at `to` is one evaluation, and the first tie is the wide search's when it lies in the
/// range. Nothing when a crossing lies at or past `to`, when a range without crossings ties
/// at both ends (whether they differ in between takes a search), or when the order at `to` is
/// not the wide search's last strict one (only where their difference sits within rounding of
/// the tie tolerance, a flicker no search promises to read alike): search that range instead.
/// Takes `wide` by value: a caller done with it moves it in, and it becomes the answer.
std::optional<CrossoverResult> narrow_crossings(CrossoverResult wide, const CostCurve& a, const CostCurve& b,
                                                double to);

/// The searched range for a default: 10 trillion requests a month (about 3.8M req/s).
inline constexpr double k_widest_range = 1e13;

/// A round range end (1, 2 or 5 x 10^k) that shows every crossing of a search over the widest
/// range: four times its last crossing, and at least `minimum_to`.
double range_end_showing(const CrossoverResult& wide, double minimum_to = 1e9);

} // namespace breakeven
