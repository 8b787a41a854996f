#pragma once
// Private to the library: a vector rearranged in place by a permutation, each item moved once.

#include <cstddef>
#include <utility>
#include <vector>

namespace breakeven::detail {

/// Puts at each position k the item that was at order[k] (`order` a permutation of the
/// positions), walking each cycle of it once with its first item held aside: each item moved
/// once, no second vector (the items keep their storage). Leaves `order` the identity. For
/// vectors of large items, such as estimates and advised options, sorted by position.
template <class T>
void permute_in_place(std::vector<T>& items, std::vector<std::size_t>& order) {
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) {
      continue;
    }
    T held = std::move(items[start]);
    std::size_t at = start;
    while (order[at] != start) {
      std::size_t from = order[at];
      items[at] = std::move(items[from]);
      order[at] = at;
      at = from;
    }
    items[at] = std::move(held);
    order[at] = at;
  }
}

} // namespace breakeven::detail
