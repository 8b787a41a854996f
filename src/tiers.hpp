#pragma once
// Private to the library: the one walk over a charge's included usage, free tier and volume
// tiers. Line items (estimate.cpp) and the fast total (CostModel::cost_at) both go through it,
// so they can never disagree; cost_at prices a one-price charge's single slice itself, with the
// same arithmetic, and a test holds the two equal to the bit.

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
