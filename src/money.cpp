#include <breakeven/money.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

namespace breakeven {

std::optional<long long> apportioned_total(std::span<const double> amounts) {
  // Added in order, as Estimate adds its line items, so that the total is the one printed.
  double sum = 0;
  for (double amount : amounts) {
    sum += amount;
  }
  auto fits = [](double cents) { return std::isfinite(cents) && std::fabs(cents) < k_max_exact_cents; };
  double total = std::round(sum * 100.0);
  if (!fits(total)) {
    return std::nullopt;
  }
  long long rounded_sum = 0;
  for (double amount : amounts) {
    double rounded = std::round(amount * 100.0);
    if (!fits(rounded)) {
      return std::nullopt;
    }
    rounded_sum += static_cast<long long>(rounded);
    if (std::llabs(rounded_sum) > (1LL << 62)) { // thousands of amounts near 2^53 cents: no overflow
      return std::nullopt;
    }
  }
  // The rounded amounts miss the total by about the sum of the remainders, so by at most half a
  // cent per amount; more only when the figures have lost their cents to the double's precision.
  long long missing = static_cast<long long>(total) - rounded_sum;
  if (static_cast<unsigned long long>(std::llabs(missing)) > amounts.size()) {
    return std::nullopt;
  }
  return static_cast<long long>(total);
}

std::optional<std::vector<long long>> apportion_cents(std::span<const double> amounts) {
  auto total = apportioned_total(amounts); // also checks that every amount has cents to round
  if (!total) {
    return std::nullopt;
  }
  std::vector<long long> cents;
  std::vector<double> remainders; // amount minus its rounded cents, in cents: from -0.5 to 0.5
  cents.reserve(amounts.size());
  remainders.reserve(amounts.size());
  long long rounded_sum = 0;
  for (double amount : amounts) {
    double exact = amount * 100.0;
    double rounded = std::round(exact);
    cents.push_back(static_cast<long long>(rounded));
    remainders.push_back(exact - rounded);
    rounded_sum += cents.back();
  }
  long long missing = *total - rounded_sum;
  std::vector<std::size_t> order(amounts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Short of the total: the amounts rounded down the most go up a cent; over it: the amounts
  // rounded up the most go down a cent. stable_sort keeps equal remainders in item order.
  if (missing > 0) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  } else {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] < remainders[b]; });
  }
  long long step = missing > 0 ? 1 : -1;
  for (std::size_t i = 0; missing != 0; ++i) {
    cents[order[i]] += step;
    missing -= step;
  }
  return cents;
}

} // namespace breakeven
