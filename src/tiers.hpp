#pragma once
// Private to the library: the one walk over a charge's included usage, free tier and volume
// tiers. Line items (estimate.cpp) and the fast total (CostModel::cost_at) both go through it,
// so they can never disagree (a test holds the two equal to the bit).

#include <breakeven/cost_model.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>

namespace breakeven::detail {

enum class SliceKind { included, free_tier, tier };

/// Calls `visit(kind, tier_index, lower, upper, amount, unit_price)` for each slice of
/// `quantity` with a positive amount, lowest first. Included and free usage come off the
/// bottom; volume tiers are counted on the total.
template <typename Visit>
void for_each_slice(const BoundCharge& charge, double quantity, Visit&& visit) {
  if (quantity >= 0 && charge.tiers.size() == 1 && !charge.tiers.front().up_to && charge.included_quantity == 0 &&
      charge.free_quantity == 0) {
    // One price from the first unit, as most charges are: the one slice the walk below visits
    // (min(inf, quantity) - max(0, 0), the same double), at once. A curve prices thousands.
    if (quantity > 0) {
      visit(SliceKind::tier, std::size_t{0}, 0.0, std::numeric_limits<double>::infinity(), quantity,
            charge.tiers.front().unit_price);
    }
    return;
  }
  double used = std::min(quantity, charge.included_quantity);
  if (used > 0) {
    visit(SliceKind::included, std::size_t{0}, 0.0, used, used, 0.0);
  }
  double free = std::min(quantity - used, charge.free_quantity);
  if (free > 0) {
    visit(SliceKind::free_tier, std::size_t{0}, used, used + free, free, 0.0);
  }
  used += free;
  double lower = 0;
  for (std::size_t i = 0; i < charge.tiers.size(); ++i) {
    double upper = charge.tiers[i].up_to.value_or(std::numeric_limits<double>::infinity());
    double amount = std::min(upper, quantity) - std::max(lower, used);
    if (amount > 0) {
      visit(SliceKind::tier, i, lower, upper, amount, charge.tiers[i].unit_price);
    }
    if (upper >= quantity) {
      break;
    }
    lower = upper;
  }
}

} // namespace breakeven::detail
