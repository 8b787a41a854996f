#pragma once
// Private to the library: the last few values of something computed at a request count, for
// searches that ask for the same request several times in a row (a point, then the bounds and
// the split next to it).

#include <algorithm>
#include <array>
#include <cstddef>

namespace breakeven::detail {

/// The last `Size` values computed, each by the request count it was computed at; the oldest
/// makes room for a new one. A value found here is the one compute() gave.
template <class Value, std::size_t Size>
class RecentValues {
public:
  /// The value at n: the one kept, else compute(n), kept.
  template <class Compute>
  Value at(double n, const Compute& compute) {
    for (std::size_t k = 0; k < m_used; ++k) {
      if (m_n[k] == n) {
        return m_values[k];
      }
    }
    Value value = compute(n);
    m_n[m_next] = n;
    m_values[m_next] = value;
    m_next = (m_next + 1) % Size;
    m_used = std::min(m_used + 1, Size);
    return value;
  }

private:
  std::array<double, Size> m_n{};
  std::array<Value, Size> m_values{};
  std::size_t m_next = 0;
  std::size_t m_used = 0;
};

} // namespace breakeven::detail
