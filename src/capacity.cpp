#include <breakeven/capacity.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace breakeven {

double InstanceModel::capacity() const {
  return requests_per_instance * (1 + k_capacity_tolerance);
}

long long InstanceModel::at(double requests) const {
  if (requests_per_instance <= 0) {
    return min_instances;
  }
  // The fewest k with k x capacity >= requests, the product rounded as last_request_of()
  // rounds it, so the two always agree. Offerings whose capacities are in a ratio of 2 then
  // step at exactly the same requests (scaling by 2 is exact in binary), and a pair such as
  // m7g.large and m7g.xlarge never differs by a step that rounding moved.
  double capacity = this->capacity();
  double k = std::min(std::ceil(requests / capacity), k_max_whole_requests);
  while (k > 0 && (k - 1) * capacity >= requests) {
    k -= 1;
  }
  while (k < k_max_whole_requests && k * capacity < requests) {
    k += 1;
  }
  return std::max(min_instances, static_cast<long long>(k));
}

double InstanceModel::last_request_of(long long instances) const {
  // Every whole request up to k x capacity fits k instances (see at()).
  return std::floor(static_cast<double>(instances) * capacity());
}

namespace {

// Below this mean the Poisson probabilities can be summed directly (exp(-m) stays a normal
// double); above it the Fourier series needs few terms.
constexpr double k_direct_sum_limit = 700.0;
// What a term of the Fourier series costs in terms of the direct sum: three transcendentals
// against a multiply-add (measured on x86-64 with glibc: about 40 ns a term against 1.8 ns).
constexpr double k_fourier_term_cost = 24;

// E[ceil(X / C)] = sum over k of P(X = k) ceil(k / C), from P(0) = exp(-m) upwards until the
// probabilities past the mean are negligible; less `offset` instances of each nonzero count
// (offset 1: E[ceil(X / C)] - P(X >= 1), the instances beyond the first).
//
// ceil(k / C) is counted rather than divided for (the same whole numbers): one division a term
// instead of two, along a long curve the most of its arithmetic.
double busy_by_direct_sum(double m, long long c, double offset = 0) {
  double p = std::exp(-m);
  double sum = 0;
  double instances = 1;                              // ceil(k / C)
  double weight = std::max(0.0, instances - offset); // instances less the offset, never below 0
  long long left = c;                                // terms before ceil(k / C) goes up
  for (double k = 1;; k += 1) {
    p *= m / k;
    sum += p * weight;
    if (k > m && p < 1e-22 * std::max(sum, 1e-300)) {
      return sum;
    }
    if (--left == 0) {
      left = c;
      instances += 1;
      weight = std::max(0.0, instances - offset);
    }
  }
}

// E[(ceil(X / C) - N)+] for a mean m at most N C: the terms from k = N C + 1 upwards, the first
// from log P(X = k) (exp(-m) alone would underflow), until they are negligible.
double busy_tail_beyond(double m, long long c, double n) {
  double cd = static_cast<double>(c);
  double k = n * cd + 1;
  double p = std::exp(-m + k * std::log(m) - std::lgamma(k + 1));
  double sum = 0;
  for (; p > 0; k += 1) {
    sum += p * (std::ceil(k / cd) - n);
    p *= m / (k + 1);
    if (p < 1e-22 * std::max(sum, 1e-300)) {
      break;
    }
  }
  return sum;
}

// ceil(X / C) = (X + ((-X) mod C)) / C, so E[ceil(X / C)] = (m + E[(-X) mod C]) / C. The
// distribution of X mod C follows from the characteristic function exp(m (e^{i theta} - 1)) at
// theta_t = 2 pi t / C, and summing (C - r) mod C against it in closed form gives
//   E[(-X) mod C] = (C - 1) / 2 + sum_{t=1}^{C-1} e^{-m (1 - cos theta_t)}
//                   sin(m sin theta_t - theta_t / 2) / (2 sin(theta_t / 2)).
// Terms t and C - t are equal; they shrink like e^{-2 m sin^2(theta_t / 2)}, so under heavy
// load only the first few count (none once m > 2 C^2, where X mod C is uniform to 1e-17).
double busy_by_fourier(double m, long long c) {
  double cd = static_cast<double>(c);
  double residue = (cd - 1) / 2;
  for (long long t = 1; 2 * t <= c; ++t) {
    double theta = 2 * std::numbers::pi * static_cast<double>(t) / cd;
    double half_sin = std::sin(theta / 2);
    double decay = std::exp(-2 * m * half_sin * half_sin); // 1 - cos = 2 sin^2(theta / 2)
    if (decay < 1e-20) {
      break; // later terms are smaller still
    }
    double term = decay * std::sin(m * std::sin(theta) - theta / 2) / (2 * half_sin);
    residue += 2 * t == c ? term : 2 * term;
  }
  return (m + residue) / cd;
}

// The series for E[ceil(X / C)] that takes less work at mean m: the direct sum runs over about
// m + 10 sqrt(m) terms (from 0 to ten standard deviations past the mean), the Fourier series
// over the t whose decay e^{-2 m sin^2(pi t / C)} is at least 1e-20, at most C / 2 of them. Both
// are exact to about 1e-15 relative; the Fourier series is cheaper only from m of about 7 up
// (one term costs k_fourier_term_cost of the sum's), so the cancellation in its (m + residue)
// / C, which grows as the count falls towards 0 at light load, never matters.
bool fourier_is_cheaper(double m, long long c) {
  double direct_terms = m + 10 * std::sqrt(m);
  double reach = std::sqrt(std::log(1e20) / (2 * m)); // the largest sin(pi t / C) that counts
  double terms = static_cast<double>(c / 2);
  if (reach < 1) {
    terms = std::min(terms, std::floor(std::asin(reach) * static_cast<double>(c) / std::numbers::pi) + 1);
  }
  return k_fourier_term_cost * (terms + 1) < direct_terms;
}

// fourier_is_cheaper takes an arcsine, a logarithm and two square roots, as much as a busy
// count's whole series at light load, and a curve asks for thousands of counts of one pool. Its
// answer is a threshold in m (the direct sum's terms grow with m, the series' never do), so the
// least mean at which it holds is found once for each concurrency, by bisection over the doubles
// below k_direct_sum_limit (their bit patterns are ordered as they are), and kept: the same
// answer at every m, with one comparison.
double fourier_from(long long c) {
  struct Known {
    long long concurrency = 0;
    double from = 0;
  };
  thread_local std::array<Known, 8> known{};
  thread_local std::size_t next = 0;
  for (const Known& k : known) {
    if (k.concurrency == c) {
      return k.from;
    }
  }
  // Invariant: not cheaper at `low`; cheaper at `high`, or `high` past k_direct_sum_limit, where
  // the series is taken anyway.
  auto low = std::bit_cast<std::uint64_t>(0.0);
  auto high = std::bit_cast<std::uint64_t>(k_direct_sum_limit) + 1;
  while (high - low > 1) {
    std::uint64_t middle = low + (high - low) / 2;
    (fourier_is_cheaper(std::bit_cast<double>(middle), c) ? high : low) = middle;
  }
  known[next] = {c, std::bit_cast<double>(high)};
  next = (next + 1) % known.size();
  return std::bit_cast<double>(high);
}

} // namespace

double fourier_series_from(long long concurrency) {
  return fourier_from(std::max(concurrency, 2LL));
}

double expected_busy_instances(double mean_in_flight, long long concurrency) {
  double m = mean_in_flight;
  if (!(m > 0)) {
    return 0;
  }
  if (concurrency <= 1) {
    return m;
  }
  return m > k_direct_sum_limit || m >= fourier_from(concurrency) ? busy_by_fourier(m, concurrency)
                                                                  : busy_by_direct_sum(m, concurrency);
}

double busy_residue_bound(double mean_in_flight, long long concurrency) {
  double m = mean_in_flight;
  if (concurrency <= 1) {
    return 0; // ceil(X / 1) = X
  }
  auto cd = static_cast<double>(concurrency);
  double most = (cd - 1) / 2;
  if (!(m > 0)) {
    return most;
  }
  // Terms t and C - t are equal; up to t = C / 2 each is smaller than the one before (sin(pi t /
  // C) grows), so once one is negligible the rest are at most as many times it.
  double sum = 0;
  for (long long t = 1; 2 * t <= concurrency; ++t) {
    double half_sin = std::sin(std::numbers::pi * static_cast<double>(t) / cd);
    double term = std::exp(-2 * m * half_sin * half_sin) / (2 * half_sin);
    double count = 2 * t == concurrency ? 1 : 2;
    if (term < 1e-20) {
      sum += term * static_cast<double>(concurrency - 2 * t + 1);
      break;
    }
    sum += count * term;
    if (sum >= most) {
      return most;
    }
  }
  return std::min(sum, most);
}

double expected_capped_in_flight(double mean_in_flight, long long limit) {
  double m = mean_in_flight;
  if (!(m > 0) || limit <= 0) {
    return 0;
  }
  // min(X, N) = X - (X - N)+ = N - (N - X)+: the tail on the far side of the mean from N is
  // summed, from the term next to N outwards, so that it is small and the subtraction exact.
  auto n = static_cast<double>(limit);
  double log_m = std::log(m);
  if (m <= n) {
    // E[(X - N)+] = sum over k > N of (k - N) P(X = k).
    double log_p = -m + (n + 1) * log_m - std::lgamma(n + 2);
    if (log_p < -745) {
      return m; // the tail is below the smallest double
    }
    double p = std::exp(log_p);
    double excess = 0;
    for (double k = n + 1;; k += 1) {
      double term = (k - n) * p;
      excess += term;
      if (term < 1e-20 * excess || p == 0) {
        break;
      }
      p *= m / (k + 1);
    }
    return m - excess;
  }
  // E[(N - X)+] = sum over k < N of (N - k) P(X = k).
  double log_p = -m + (n - 1) * log_m - std::lgamma(n);
  if (log_p < -745) {
    return n;
  }
  double p = std::exp(log_p);
  double shortfall = 0;
  for (double k = n - 1; k >= 0; k -= 1) {
    double term = (n - k) * p;
    shortfall += term;
    if (term < 1e-20 * shortfall || p == 0) {
      break;
    }
    p *= k / m;
  }
  return n - shortfall;
}

double expected_idle_instances(double mean_in_flight, long long concurrency, long long minimum) {
  if (minimum <= 0) {
    return 0;
  }
  double m = mean_in_flight;
  auto n = static_cast<double>(minimum);
  if (!(m > 0)) {
    return n;
  }
  // E[(N - ceil(X / C))+] = sum over k < N C of P(X = k) (N - ceil(k / C)): summed from the
  // term nearest the mean outwards, each way until the probabilities are negligible.
  double c = static_cast<double>(std::max(concurrency, 1LL));
  double last = n * c - 1;
  double start = std::min(last, std::floor(m));
  double log_m = std::log(m);
  double log_p = -m + start * log_m - std::lgamma(start + 1);
  if (log_p < -745) {
    return 0; // every k below N C is beyond the smallest double
  }
  double p_start = std::exp(log_p);
  auto idle_at = [n, c](double k) { return n - std::ceil(k / c); };
  double sum = p_start * idle_at(start);
  double p = p_start;
  for (double k = start; k > 0;) { // downwards: P(k - 1) = P(k) k / m
    p *= k / m;
    k -= 1;
    double term = p * idle_at(k);
    sum += term;
    if (k < m && p < 1e-22 * std::max(sum, 1e-300)) {
      break;
    }
  }
  p = p_start;
  for (double k = start + 1; k <= last; k += 1) { // upwards: P(k) = P(k - 1) m / k
    p *= m / k;
    sum += p * idle_at(k);
    if (k > m && p < 1e-22 * std::max(sum, 1e-300)) {
      break;
    }
  }
  return sum;
}

double BusyModel::at(double requests) const {
  double m = mean_in_flight(requests);
  if (!(linger_seconds > 0) && min_instances <= 0) {
    return expected_busy_instances(m, concurrency);
  }
  auto floor = static_cast<double>(std::max(min_instances, 0LL));
  if (!(m > 0)) {
    return floor;
  }
  // A base and the instances beyond it, each never falling (a busy part and a tail or idle
  // part that falls as it rises would not add up monotonically in doubles): N kept up and
  // E[(ceil(X / C) - N)+] beyond them; or the first instance, up 1 - e^(-rate (s + W)) of the
  // time, and E[(ceil(X / C) - 1)+] beyond it.
  double base = floor;
  double offset = floor;
  if (min_instances <= 0) {
    base = -std::expm1(-requests / period_seconds * (seconds_per_request + linger_seconds));
    offset = 1;
  }
  long long c = std::max(concurrency, 1LL);
  double beyond = 0;
  bool within_base = m <= offset * static_cast<double>(c);
  if (m <= k_direct_sum_limit && (within_base || m < fourier_from(c))) {
    beyond = busy_by_direct_sum(m, c, offset);
  } else if (within_base) {
    // Mostly within the base: the tail beyond it, summed from its first term outwards (a
    // difference of large expectations would be noise next to its small growth).
    beyond = busy_tail_beyond(m, c, offset);
  } else {
    beyond = expected_busy_instances(m, c) - offset + expected_idle_instances(m, c, static_cast<long long>(offset));
  }
  return base + beyond;
}

double CapacityPool::at(double requests) const {
  switch (kind) {
  case Kind::provisioned:
    return static_cast<double>(provisioned.at(requests));
  case Kind::busy:
    return busy.at(requests);
  case Kind::capped:
    return expected_capped_in_flight(busy.mean_in_flight(requests), limit);
  case Kind::idle:
    return expected_idle_instances(busy.mean_in_flight(requests), busy.concurrency, limit);
  }
  return 0;
}

} // namespace breakeven
