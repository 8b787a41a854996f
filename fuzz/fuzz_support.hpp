#pragma once
// Shared by the libFuzzer harnesses: the bundled catalogue, parsed once, and the invariants
// every estimate must hold. A broken invariant prints what broke on stderr and aborts, which
// libFuzzer reports as a crash and saves the input for.

#include <breakeven/catalogue.hpp>
#include <breakeven/estimate.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace breakeven::fuzz {

/// The bundled rate tables, parsed on first use and shared by every input.
inline const Catalogue& bundled() {
  static const Catalogue catalogue = Catalogue::bundled();
  return catalogue;
}

/// Reports a broken invariant and aborts (a finding).
template <typename... Args>
[[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) {
  std::string message = fmt::format(format, std::forward<Args>(args)...);
  std::fprintf(stderr, "fuzz invariant broken: %s\n", message.c_str());
  std::fflush(stderr);
  std::abort();
}

/// Line items may sum to the total in a different order than it was added up in.
inline constexpr double k_sum_tolerance = 1e-9;

/// True when `cost` is a real amount of dollars: finite and not negative.
inline bool is_cost(double cost) {
  return std::isfinite(cost) && cost >= 0;
}

/// `a` and `b` agree within `relative` of the larger of them.
inline bool close(double a, double b, double relative) {
  return std::fabs(a - b) <= relative * std::max(std::fabs(a), std::fabs(b));
}

/// An estimate's invariants: a feasible estimate has a total, every cost is finite and not
/// negative, and the line items sum to the total; an infeasible one has no total and says why.
/// `context` names the input in the message.
inline void check_estimate(const Estimate& estimate, std::string_view context) {
  if (!estimate.feasible) {
    if (estimate.monthly_cost) {
      fail("{}: {} is infeasible but has a monthly cost", context, estimate.offering_id);
    }
    if (estimate.notes.empty()) {
      fail("{}: {} is infeasible without a reason", context, estimate.offering_id);
    }
    return;
  }
  if (!estimate.monthly_cost) {
    fail("{}: {} is feasible but has no monthly cost", context, estimate.offering_id);
  }
  double total = *estimate.monthly_cost;
  if (!is_cost(total)) {
    fail("{}: {} monthly cost is {}", context, estimate.offering_id, total);
  }
  double sum = 0;
  for (const auto& item : estimate.line_items) {
    if (!is_cost(item.cost)) {
      fail("{}: {} line item \"{}\" costs {} ({} {} at {})", context, estimate.offering_id, item.name, item.cost,
           item.quantity, item.unit, item.unit_price);
    }
    sum += item.cost;
  }
  if (!close(sum, total, k_sum_tolerance)) {
    fail("{}: {} line items sum to {} but the total is {}", context, estimate.offering_id, sum, total);
  }
}

} // namespace breakeven::fuzz
