#include <breakeven/crossover.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace breakeven {
namespace {

// Whole requests up to 2^53 are exact in a double.
constexpr double k_max_requests = 9007199254740992.0;

// A difference of costs smaller than this share of them is a tie, not an order.
constexpr double k_relative_tie = 1e-12;

class Solver {
public:
  Solver(const CostCurve& a, const CostCurve& b) : m_a(a), m_b(b) {}

  struct Point {
    double n;
    double a;
    double b;
    int sign; // of a - b: -1 a cheaper, +1 b cheaper, 0 tie
  };

  Point point(double n) const {
    double a = m_a.at(n);
    double b = m_b.at(n);
    double tie = k_relative_tie * std::max({1.0, std::fabs(a), std::fabs(b)});
    int sign = a - b > tie ? 1 : (b - a > tie ? -1 : 0);
    return {n, a, b, sign};
  }

  // Records every pair of neighbouring whole requests in [x, y] whose order differs.
  void solve(const Point& x, const Point& y) {
    if (y.n - x.n <= 1) {
      if (x.sign != y.sign) {
        m_changes.push_back({x, y});
      }
      return;
    }
    // Both curves are non-decreasing: on [x, y] a - b lies within [a(x) - b(y), a(y) - b(x)].
    if (y.a < x.b && x.sign < 0 && y.sign < 0) {
      return;
    }
    if (x.a > y.b && x.sign > 0 && y.sign > 0) {
      return;
    }
    if (x.a == y.a && x.b == y.b) {
      return; // both flat here, so the order cannot change
    }
    double breakpoint = std::min(m_a.next_breakpoint(x.n), m_b.next_breakpoint(x.n));
    if (breakpoint >= y.n) {
      solve_linear(x, y);
      return;
    }
    Point middle = point(std::floor(x.n + (y.n - x.n) / 2));
    solve(x, middle);
    solve(middle, y);
  }

  std::vector<std::pair<Point, Point>> take_changes() { return std::move(m_changes); }

private:
  // Neither curve has a breakpoint in (x, y]: a - b is one line there (x itself may sit just
  // before a step, so it is checked on its own).
  void solve_linear(const Point& x, const Point& y) {
    Point first = point(x.n + 1);
    if (x.sign != first.sign) {
      m_changes.push_back({x, first});
    }
    if (first.sign == y.sign || first.n >= y.n) {
      return;
    }
    // The root of the line through (first, y), then the exact whole request around it.
    double d_first = first.a - first.b;
    double d_last = y.a - y.b;
    double root = first.n + d_first * (y.n - first.n) / (d_first - d_last);
    double lo = std::clamp(std::floor(root) - 2, first.n, y.n);
    double hi = std::clamp(std::floor(root) + 3, first.n, y.n);
    Point low = point(lo);
    Point high = point(hi);
    if (low.sign != first.sign || high.sign != y.sign) {
      low = first; // rounding put the root outside the window: search the whole line
      high = y;
    }
    scan_monotone(low, high);
  }

  // On a line the order changes at most once (through at most one tie): bisect to it.
  void scan_monotone(Point low, Point high) {
    int start = low.sign;
    while (high.n - low.n > 1) {
      Point middle = point(std::floor(low.n + (high.n - low.n) / 2));
      if (middle.sign == start) {
        low = middle;
      } else {
        high = middle;
      }
    }
    m_changes.push_back({low, high});
    if (high.sign == 0) {
      Point after = point(high.n + 1);
      if (after.sign != 0) {
        m_changes.push_back({high, after});
      }
    }
  }

  const CostCurve& m_a;
  const CostCurve& m_b;
  std::vector<std::pair<Point, Point>> m_changes;
};

} // namespace

CrossoverResult find_crossings(const CostCurve& a, const CostCurve& b, double from, double to, double hours_per_month) {
  if (!(from >= 0) || !(to > from) || to > k_max_requests) {
    throw std::invalid_argument("find_crossings: need 0 <= from < to <= 2^53");
  }
  CrossoverResult result;
  result.a = a.offering().id;
  result.b = b.offering().id;
  result.from = std::ceil(from);
  result.to = std::floor(to);
  Solver solver(a, b);
  Solver::Point start = solver.point(result.from);
  Solver::Point end = solver.point(result.to);
  solver.solve(start, end);

  // Turn order changes into crossings: a crossing is where one option stops being cheaper and
  // the other starts; touching (a tie and back) is not one.
  int last_order = start.sign;
  auto changes = solver.take_changes();
  std::sort(changes.begin(), changes.end(), [](const auto& l, const auto& r) { return l.first.n < r.first.n; });
  changes.erase(
      std::unique(changes.begin(), changes.end(), [](const auto& l, const auto& r) { return l.first.n == r.first.n; }),
      changes.end());
  for (const auto& [before, after] : changes) {
    if (after.sign == 0) {
      continue;
    }
    if (last_order != 0 && after.sign != last_order) {
      const auto& at = before.sign == 0 ? before : after;
      Crossing crossing;
      crossing.requests_per_month = at.n;
      crossing.rps = at.n / (hours_per_month * 3600.0);
      crossing.a_monthly_cost = at.a;
      crossing.b_monthly_cost = at.b;
      crossing.cheaper_after = after.sign > 0 ? result.b : result.a;
      result.crossings.push_back(crossing);
    }
    last_order = after.sign;
  }
  if (!result.crossings.empty()) {
    result.break_even_requests_per_month = result.crossings.back().requests_per_month;
  }
  result.cheaper_at_end = end.sign > 0 ? result.b : (end.sign < 0 ? result.a : std::string{});
  return result;
}

double range_end_showing(const CrossoverResult& wide, double minimum_to) {
  double end = minimum_to;
  if (wide.break_even_requests_per_month) {
    end = std::max(end, 4 * *wide.break_even_requests_per_month);
  }
  // A round number people can read: 1, 2 or 5 times a power of ten.
  double power = std::pow(10.0, std::floor(std::log10(end)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * power >= end) {
      return std::min(factor * power, k_widest_range);
    }
  }
  return k_widest_range;
}

CrossoverResult restrict_to(const CrossoverResult& wide, const CostCurve& a, const CostCurve& b, double to) {
  CrossoverResult result = wide;
  result.to = std::floor(to);
  std::erase_if(result.crossings, [&result](const Crossing& c) { return c.requests_per_month > result.to; });
  result.break_even_requests_per_month.reset();
  if (!result.crossings.empty()) {
    result.break_even_requests_per_month = result.crossings.back().requests_per_month;
  }
  Solver solver(a, b);
  int order = solver.point(result.to).sign;
  result.cheaper_at_end = order > 0 ? result.b : (order < 0 ? result.a : std::string{});
  return result;
}

} // namespace breakeven
