#include <breakeven/crossover.hpp>

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include "recent_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

namespace breakeven {
namespace {

// An evaluation of a curve that bends (busy instances: a Poisson sum or a Fourier series) costs
// about ten of a line or staircase, so such a search gets a tenth of the evaluations, to stay
// within the same few seconds.
constexpr long long k_bent_evaluation_cost = 10;
// Rounding in a computed cost, relative to the tie tolerance: 1e-12 x 1e-3 = 1e-15 of the cost,
// several ulps (a cost is a short sum of products).
constexpr double k_rounding_room = 1e-3;
// What a shared increase (proof, 2' and 2''') holds back for the rounding of its products:
// 1e-13 of it, hundreds of ulps, yet a tenth of the tie tolerance, so that two curves tied at
// one price are seen to tie across a wide interval (1e-9 held back more than the tolerance
// itself once the increase passed a thousandth of the cost: halved down to ~4,000 requests).
constexpr double k_shared_margin = 1e-13;

// Why the solver finds every crossing.
//
// Let order(n) be the sign of a(n) - b(n) at a whole request n, where a difference within
// tie_tolerance (1e-12) of the larger cost is a tie (0). A crossing is a change of the *strict* order
// (-1 to +1 or back), possibly through a run of ties of any length. Every crossing is
// therefore located by a pair (n, n + 1) whose orders differ and where order(n + 1) != 0.
// The solver records such pairs; it may record others (into or out of ties) as well.
//
// 1. Lines. Between breakpoints (next_breakpoint) both curves are affine in n, so d = a - b is
//    affine, and so is each of d, -d, a and b. A tie is |d| <= t * max(1, a, b), the union of
//    {|d| <= t}, {|d| <= t a} and {|d| <= t b}; each is an interval (an intersection of two
//    half-lines), and when d has a root in the piece all three contain it, else all three are
//    half-lines reaching towards it. So on the whole requests of a piece the order is
//    s1...s1 0...0 s2...s2 (any block may be empty). Given the orders at both ends of the
//    piece, two bisections find both changes: the first request whose order is not s1, and
//    (when that is a tie and the piece ends strict) the first one after it whose order is not 0.
//    When both ends have the same order the piece has no change at all.
// 2. Pruning. Both curves never fall as traffic grows, so for x <= n <= y,
//    a(x) - b(y) <= d(n) <= a(y) - b(x), and the tie tolerance at n is at least the one at x.
//    An interval is skipped only when this bound proves it holds no change of the strict
//    order: both ends strictly -1 and a(y) < b(x) (no n in it can be +1), the mirror case, or
//    both ends tied and |d| within the tolerance at x throughout (every n is a tie). A pair
//    that locates a crossing cannot lie inside a skipped interval: its second request would
//    be the first of a new strict order, yet the interval's first request already has the
//    order the interval keeps.
//    (2') When both curves pay at least s more for every request from x on (their per-request
//    prices past free tiers: CostCurve::min_slope_from), a - s n and b - s n never fall either
//    and have the same difference, so the bounds above tighten by s (y - x): a shared price
//    (egress billed to both) no longer hides the order.
//    (2'') Between the ends of an interval with both ends strictly in one order, each curve
//    lies between two lines (CostCurve::linear_bounds: a staircase between its trend and one
//    instance above it, busy instances within busy_residue_bound of m / C + (C - 1) / 2C, a
//    hair apart under heavy load, kept-warm and lingering ones above them by at most what
//    those add at x); when the lines keep the ends' order at both ends, every request in
//    between does. A curve running close to a staircase without crossing it no
//    longer needs a look at every step to prove so.
//    (2''') When each curve is one staircase and both step at the same requests (the same
//    capacity an instance), both add the same instances past the larger minimum, and each
//    pays at least p for each (their per-instance prices past free tiers, the smaller:
//    CostCurve::min_instance_price_from); a - p g(n) and b - p g(n), g the shared count, never
//    fall either, so the bounds tighten by p (g(y) - g(x)), with the slope of (2'). Used only
//    between ends strictly in one order and with the tie tolerance at y as a margin, so that a
//    skipped interval holds no tie either (the first tie stays exact there).
// 3. Everything else is split (at a breakpoint near the middle, or the geometric middle of an
//    interval spanning more than a factor of 4, so that each piece is reached in O(1)
//    evaluations) until it is a line or a pair of neighbouring requests.
// 4. Curves that are not piecewise linear (busy instances of request-billed containers, smooth
//    and increasing) skip (1): their intervals are split until (2) or (2'') settles them or they
//    are a pair of neighbouring requests, which is read directly. Where the split falls does not
//    matter to the argument (the parts cover the interval and share their ends), only to the
//    number of evaluations: at the end of a piece of the other curve near the middle, or, where
//    the ends' strict orders differ inside one piece, at the root of the chord through the ends
//    (false position). The argument of (2) needs only that both curves never fall, so every
//    crossing is still found to the request.
// Hence the recorded pairs contain every pair that locates a crossing, and find_crossings
// reads the crossings off them in order. The claim is about the costs as computed (the
// values the estimates show); each crossing is confirmed at R - 1, R and R + 1 by the tests.
constexpr double k_no_tie = std::numeric_limits<double>::infinity();

class Solver {
public:
  struct Point {
    double n;
    double a;
    double b;
    int sign; // of a - b: -1 a cheaper, +1 b cheaper, 0 tie
  };

  // What the changes of order found so far say.
  struct Reading {
    int order = 0;                                // the last strict order: -1 a cheaper, +1 b cheaper, 0 none yet
    double first_tie_n = k_no_tie;                // the first request where the two cost the same
    double last_n = -1;                           // the last request a change reached
    double last_strict_n = 0;                     // where the last strict order was entered
    std::vector<std::pair<Point, int>> crossings; // where, and the new order
  };

  Solver(const CostCurve& a, const CostCurve& b, long long max_evaluations)
      : m_a(a), m_b(b), m_lines(a.piecewise_linear() && b.piecewise_linear()), m_shared_steps(shared_steps(a, b)),
        m_max_evaluations(m_lines ? max_evaluations : max_evaluations / k_bent_evaluation_cost) {}

  // Finds every crossing in [start, end] (see above) and reads them off.
  void solve_range(const Point& start, const Point& end) {
    m_reading.order = start.sign;
    for (const Point* p : {&start, &end}) {
      note_tie(*p);
    }
    solve(start, end);
  }

  const Reading& reading() const { return m_reading; }

  static double tolerance(double a, double b) { return tie_tolerance(a, b); }

  Point point(double n) {
    if (++m_evaluations > m_max_evaluations) {
      throw Error(fmt::format("{} vs {}", m_a.offering().id, m_b.offering().id), "",
                  fmt::format("{}: more than {} evaluations in this range; narrow it with --from and --to",
                              m_lines ? "their steps keep tying" : "their costs run too close together",
                              format_count(static_cast<double>(m_max_evaluations))));
    }
    double a = m_a.at(n, m_counts_a.at(m_a, n));
    double b = m_b.at(n, m_counts_b.at(m_b, n));
    double tie = tolerance(a, b);
    int sign = a - b > tie ? 1 : (b - a > tie ? -1 : 0);
    return {n, a, b, sign};
  }

  // Records every pair of neighbouring whole requests in [x, y] whose order differs and that
  // can locate a crossing (see above).
  void solve(const Point& x, const Point& y) {
    if (y.n - x.n <= 1) {
      if (x.sign != y.sign) {
        record(x, y);
      }
      return;
    }
    if (holds_one_order(x, y)) {
      return;
    }
    if (!m_lines) {
      solve_bent(x, y);
      return;
    }
    double breakpoint = next_breakpoint(x.n);
    if (breakpoint >= y.n) {
      solve_line(x, y);
      return;
    }
    // Split at the end of the piece holding the middle, so that pieces are never cut.
    double middle = middle_of(x, y);
    double split = std::floor(next_breakpoint(middle)); // a tier can end between two requests
    if (split >= y.n) {
      split = middle; // (middle, y] is one line
    }
    Point at = point(split);
    solve(x, at);
    solve(at, y);
  }

private:
  // Where [x, y] is split: the middle, or when y is more than four times x, the geometric
  // middle. A default search runs from 0 to 10^13 and its crossings lie at any scale, most
  // often in the lowest few decades: halving takes a look for each factor of 2 between the
  // range and the first crossing's piece (some twenty), the geometric middle a look for each
  // factor of 2 in the number of decades, then halving as before.
  static double middle_of(const Point& x, const Point& y) {
    double low = std::max(x.n, 1.0);
    if (y.n > 4 * low) {
      return std::floor(std::sqrt(low * y.n));
    }
    return std::floor(x.n + (y.n - x.n) / 2);
  }

  double next_breakpoint(double n) const {
    return std::min(breakpoint_of(m_a, m_counts_a, n), breakpoint_of(m_b, m_counts_b, n));
  }

  // The pruning rules of the proof (2).
  bool holds_one_order(const Point& x, const Point& y) const {
    if (x.sign == y.sign && x.a == y.a && x.b == y.b) {
      return true; // both flat
    }
    if (x.sign != y.sign) {
      return false;
    }
    if (bound_holds(x, y, 0)) {
      return true;
    }
    // A slope both curves keep on [x, y] (proof, 2'): taken off both, they still never fall,
    // and their difference is the same; it tightens the bound by shared * (y - x). A hair
    // less (k_shared_margin), so that rounding in the product cannot overstate it.
    double slope =
        std::min(m_a.min_slope_from(x.n, m_counts_a.at(m_a, x.n)), m_b.min_slope_from(x.n, m_counts_b.at(m_b, x.n)));
    double shared = slope > 0 ? slope * (1 - k_shared_margin) * (y.n - x.n) : 0;
    if (shared > 0 && bound_holds(x, y, shared)) {
      return true;
    }
    if (x.sign != 0 && steps_hold(x, y, shared)) {
      return true;
    }
    return x.sign != 0 && lines_hold(x, y);
  }

  // (2''') With the steps both take off both as well: the ends strictly in one order, and the
  // bound keeps the difference beyond the tie tolerance at y (the largest on [x, y]), so that
  // no request in between is the other order or a tie. It skips long runs of near-parallel
  // steps, where a tie the search did not see would be a tie it fails to report.
  bool steps_hold(const Point& x, const Point& y, double shared) const {
    if (!m_shared_steps) {
      return false;
    }
    auto steps = static_cast<double>(m_shared_steps->at(y.n) - m_shared_steps->at(x.n));
    if (!(steps > 0)) {
      return false;
    }
    double price = std::min(m_a.min_instance_price_from(x.n, m_counts_a.at(m_a, x.n)),
                            m_b.min_instance_price_from(x.n, m_counts_b.at(m_b, x.n)));
    if (!(price > 0)) {
      return false;
    }
    double margin = tolerance(y.a, y.b) * (1 + k_rounding_room);
    return bound_holds(x, y, shared + price * (1 - k_shared_margin) * steps - margin);
  }

  // (2''') Two curves whose one staircase each steps at the same requests (the same capacity a
  // step, weight 1): past both minimums they add the same instances at the same requests, so
  // each pays at least the smaller per-instance price (CostCurve::min_instance_price_from) at
  // each step of max(both minimums, the count); taken off both, they never fall, and their
  // difference is the same. Two VMs of one size from different providers, whose costs run
  // within a step of each other for many steps, are then told apart without a look at each.
  static std::optional<InstanceModel> shared_steps(const CostCurve& a, const CostCurve& b) {
    const CapacityPool* pa = a.model().single_staircase();
    const CapacityPool* pb = b.model().single_staircase();
    if (pa == nullptr || pb == nullptr || !(pa->provisioned.requests_per_instance > 0) ||
        pa->provisioned.requests_per_instance != pb->provisioned.requests_per_instance) {
      return std::nullopt;
    }
    return InstanceModel{std::max(pa->provisioned.min_instances, pb->provisioned.min_instances),
                         pa->provisioned.requests_per_instance};
  }

  // (2'') Each curve between two lines on [x, y] (CostCurve::linear_bounds: a staircase
  // between its trend and one step above it): when the one's upper line stays below the
  // other's lower line at both ends, it does throughout, so no request in [x, y] has the
  // other order. The computed costs differ from the lines' by a few ulps, far inside the tie
  // tolerance (1e-12 of the cost), so a request strictly inside the lines cannot compute as
  // the other strict order.
  bool lines_hold(const Point& x, const Point& y) const {
    auto a = m_a.linear_bounds(x.n, y.n);
    if (!a) {
      return false;
    }
    auto b = m_b.linear_bounds(x.n, y.n);
    if (!b) {
      return false;
    }
    if (x.sign < 0) {
      return a->high_from < b->low_from && a->high_to < b->low_to;
    }
    return a->low_from > b->high_from && a->low_to > b->high_to;
  }

  // The bounds of (2) on [x, y], both ends in the same order, tightened by `shared` (2').
  static bool bound_holds(const Point& x, const Point& y, double shared) {
    if (x.sign < 0) {
      return y.a - shared < x.b;
    }
    if (x.sign > 0) {
      return x.a > y.b - shared;
    }
    // Every request a tie: the bound must hold with room for the rounding in each computed
    // cost (a few ulps of the larger), or a request whose difference sits at the tolerance
    // could compute as strict inside an interval skipped as tied.
    double room = tolerance(y.a, y.b) * k_rounding_room;
    double tie = tolerance(x.a, x.b) - room;
    return y.a - x.b - shared <= tie && y.b - x.a - shared <= tie;
  }

  // A curve that bends everywhere (busy instances): no line to solve, so split until the
  // monotone bound or the lines settle each part or it is a pair of neighbouring requests
  // (proof, 4). Where the strict order differs at the ends of an interval within one piece of
  // the other curve, false position finds the change (false_position); elsewhere the split is
  // at the end of a piece of the other curve, with the request after it, so that the parts are
  // whole pieces: the piece holding the middle, or when that one runs on to y, the first piece
  // (an interval ending just past a step would otherwise be halved down to the step, twenty
  // looks where two do); else at the middle.
  void solve_bent(const Point& x, const Point& y) {
    double width = y.n - x.n;
    if (x.sign * y.sign < 0 && width >= 3 && next_breakpoint(x.n) >= y.n) {
      false_position(x, y);
      return;
    }
    double middle = middle_of(x, y);
    double split = std::floor(next_breakpoint(middle));
    if (!(split > x.n && split < y.n)) {
      split = std::floor(next_breakpoint(x.n));
    }
    if (split > x.n && split < y.n) {
      Point at = point(split);
      solve(x, at);
      if (split + 1 < y.n) {
        Point after = point(split + 1);
        solve(at, after);
        solve(after, y);
      } else {
        solve(at, y);
      }
      return;
    }
    Point at = point(middle);
    solve(x, at);
    solve(at, y);
  }

  // Strict orders that differ at low and high: the Illinois variant of false position, each
  // look at the root of the chord (the value kept at an end twice in a row halved, so that a
  // curve bending one way cannot hold an end in place), a smooth curve against a flat step in a
  // handful of looks where halving takes the logarithm of the width. Every part it steps over
  // has one strict order at both ends and is solved as any other interval, in order.
  void false_position(Point low, Point high) {
    // The parts after `high` go on m_beyond above `base`, the outermost first; a search nested
    // in this one pushes and pops above them.
    std::size_t base = m_beyond.size();
    double d_low = low.a - low.b;
    double d_high = high.a - high.b;
    int kept = 0; // the end the last look kept: -1 low, +1 high
    while (high.n - low.n > 1) {
      double root = low.n + d_low / (d_low - d_high) * (high.n - low.n);
      double n = std::isfinite(root) ? std::clamp(std::floor(root), low.n + 1, high.n - 1)
                                     : std::floor(low.n + (high.n - low.n) / 2);
      Point at = point(n);
      if (at.sign == 0) {
        // A tie at the chord's root, most often one request wide: the requests either side
        // first (halving from each end down to it takes some fifty looks), then whatever lies
        // around them is for the general search.
        if (at.n - 1 > low.n) {
          Point before = point(at.n - 1);
          solve(low, before);
          low = before;
        }
        solve(low, at);
        low = at;
        if (at.n + 1 < high.n) {
          Point after = point(at.n + 1);
          solve(at, after);
          low = after;
        }
        break;
      }
      if (at.sign == low.sign) {
        solve(low, at);
        low = at;
        d_low = at.a - at.b;
        if (kept == 1) {
          d_high /= 2;
        }
        kept = 1;
      } else {
        m_beyond.emplace_back(at, high);
        high = at;
        d_high = at.a - at.b;
        if (kept == -1) {
          d_low /= 2;
        }
        kept = -1;
      }
    }
    solve(low, high);
    while (m_beyond.size() > base) { // the innermost first, in order
      auto [from, to] = m_beyond.back();
      m_beyond.pop_back();
      solve(from, to);
    }
  }

  // (x, y] is one piece of both curves: x itself may sit just before a step, so the pair
  // (x, x + 1) is checked on its own, then [x + 1, y] is a line.
  void solve_line(const Point& x, const Point& y) {
    Point first = point(x.n + 1);
    if (x.sign != first.sign) {
      record(x, first);
    }
    if (first.sign == y.sign || first.n >= y.n) {
      return;
    }
    // Near the root of the line through (first, y) first: usually a handful of evaluations.
    double d_first = first.a - first.b;
    double d_last = y.a - y.b;
    if (d_first != d_last) {
      double root = first.n + d_first * (y.n - first.n) / (d_first - d_last);
      if (std::isfinite(root)) {
        Point low = point(std::clamp(std::floor(root) - 2, first.n, y.n));
        Point high = point(std::clamp(std::floor(root) + 3, first.n, y.n));
        if (low.sign == first.sign && high.sign == y.sign) {
          scan_line(low, high);
          return;
        }
      }
    }
    scan_line(first, y); // a tie wider than the window, or rounding: the whole line
  }

  // On a line whose ends differ in order: s1...s1 0...0 s2...s2 (proof, 1). Each bisection
  // finds a change; until the order of `high` is reached, go on from there. In exact arithmetic
  // that takes at most two; where |a - b| is within a rounding error of the tie tolerance the
  // computed order can flicker ("+1 0 +1 0 0 -1 0 -1") and a bisection can land past a flicker,
  // so each crossing is settled by looking back (record, settle_entry).
  void scan_line(Point low, const Point& high) {
    while (low.sign != high.sign && low.n < high.n) {
      auto [before, after] = first_change(low, high);
      record(before, after);
      low = after;
    }
  }

  // A change from a tie into strict order s at `after`: the crossing contract wants the first
  // request of s after the last request of another strict order. Rounding noise near the tie
  // tolerance can put requests of s early in the ties (the flicker is as wide as the rounding
  // error over the slope of a - b: a handful of requests). Looks back up to k_flicker_window
  // requests, stopping at the other order or where it began, and moves the pair to the
  // earliest request of s seen, with the request before it.
  void settle_entry(Point& before, Point& after) {
    constexpr double k_flicker_window = 4096;
    double stop = std::max(after.n - k_flicker_window, m_reading.last_strict_n);
    Point earliest = after;
    for (double n = after.n - 1; n >= stop; --n) {
      Point p = n == before.n ? before : point(n);
      if (p.sign == after.sign) {
        earliest = p;
      } else if (p.sign != 0) {
        break; // the other order: the ties begin after it
      }
    }
    if (earliest.n != after.n) {
      after = earliest;
      before = point(earliest.n - 1);
    }
  }

  // The neighbouring pair where the order first differs from low's, by bisection; the order
  // is low's up to some request and different from there to `high` (a block of a line).
  std::pair<Point, Point> first_change(Point low, Point high) {
    int start = low.sign;
    while (high.n - low.n > 1) {
      Point middle = point(std::floor(low.n + (high.n - low.n) / 2));
      if (middle.sign == start) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return {low, high};
  }

  // Changes arrive in increasing order (the recursion goes left to right), so crossings are
  // read off as they come: memory stays flat however many steps tie.
  void record(Point before, Point after) {
    if (before.sign == 0 && after.sign != 0 && m_reading.order != 0 && after.sign != m_reading.order) {
      // Out of ties into a new order: a crossing. The ties may have hidden a flicker of the new
      // order that a bisection or the bound of (2) stepped over; find its first request.
      settle_entry(before, after);
    }
    // A settled change (settle_entry) may move back into ties already read, never before the
    // last strict order was entered.
    if (before.n < (after.sign != 0 && before.sign == 0 ? m_reading.last_strict_n : m_reading.last_n)) {
      throw std::logic_error("find_crossings: changes out of order");
    }
    m_reading.last_n = std::max(m_reading.last_n, after.n);
    note_tie(before);
    note_tie(after);
    if (after.sign == 0) {
      return;
    }
    if (m_reading.order != 0 && after.sign != m_reading.order) {
      // The first request of the new order, or the last of the ties before it.
      m_reading.crossings.push_back({before.sign == 0 ? before : after, after.sign});
    }
    if (after.sign != m_reading.order) {
      m_reading.last_strict_n = after.n;
    }
    m_reading.order = after.sign;
  }

  void note_tie(const Point& p) {
    if (p.sign == 0) {
      m_reading.first_tie_n = std::min(m_reading.first_tie_n, p.n);
    }
  }

  // A curve's counts at the last few requests looked at. A point, the breakpoint and slope
  // bounds at it, and a split next to it ask for the same ones, and a busy pool's count is a
  // series (most of a bent curve's arithmetic); the values are the same either way.
  struct RecentCounts {
    detail::RecentValues<CostModel::Counts, 8> kept;
    CostModel::Counts at(const CostCurve& curve, double n) {
      return kept.at(n, [&curve](double r) { return curve.model().counts_at(r); });
    }
  };

  // A curve's next breakpoint, with the counts of the recent points when it reads them; most
  // do not, and a split need not sum a busy pool's series at a request it never evaluates.
  static double breakpoint_of(const CostCurve& curve, RecentCounts& counts, double n) {
    return curve.breakpoints_use_counts() ? curve.next_breakpoint(n, counts.at(curve, n)) : curve.next_breakpoint(n);
  }

  const CostCurve& m_a;
  const CostCurve& m_b;
  mutable RecentCounts m_counts_a;
  mutable RecentCounts m_counts_b;
  bool m_lines;                                // both curves piecewise linear (proof, 1); else only (2) and (3) apply
  std::optional<InstanceModel> m_shared_steps; // the steps both take (proof, 2''')
  Reading m_reading;
  std::vector<std::pair<Point, Point>> m_beyond; // false_position's parts still to solve, in all its calls
  long long m_evaluations = 0;
  long long m_max_evaluations;
};

} // namespace

CrossoverResult find_crossings(const CostCurve& a, const CostCurve& b, double from, double to, double hours_per_month,
                               long long max_evaluations) {
  if (!(from >= 0) || !(to > from) || to > k_max_whole_requests) {
    throw std::invalid_argument("find_crossings: need 0 <= from < to <= 2^53");
  }
  CrossoverResult result;
  result.a = a.offering().id;
  result.b = b.offering().id;
  result.from = std::ceil(from);
  result.to = std::floor(to);
  if (a.model().same_costs_as(b.model())) {
    // One curve twice (an offering against itself): tied throughout, nothing to search.
    result.first_tie = result.from;
    return result;
  }
  Solver solver(a, b, max_evaluations);
  Solver::Point start = solver.point(result.from);
  Solver::Point end = solver.point(result.to);
  solver.solve_range(start, end);
  const Solver::Reading& reading = solver.reading();
  auto id_of = [&result](int order) { return order > 0 ? result.b : (order < 0 ? result.a : std::string{}); };
  for (const auto& [at, order] : reading.crossings) {
    Crossing crossing;
    crossing.requests_per_month = at.n;
    crossing.rps = at.n / (hours_per_month * 3600.0);
    crossing.a_monthly_cost = at.a;
    crossing.b_monthly_cost = at.b;
    crossing.cheaper_after = id_of(order);
    result.crossings.push_back(crossing);
  }
  if (!result.crossings.empty()) {
    result.break_even_requests_per_month = result.crossings.back().requests_per_month;
  }
  result.cheaper_at_end = id_of(end.sign);
  result.cheaper_last = id_of(reading.order);
  if (reading.first_tie_n != k_no_tie) {
    result.first_tie = reading.first_tie_n;
  }
  return result;
}

std::optional<CrossoverResult> narrow_crossings(CrossoverResult wide, const CostCurve& a, const CostCurve& b,
                                                double to) {
  double end = std::floor(to);
  if (!(end <= wide.to) || !(end > wide.from) ||
      (!wide.crossings.empty() && !(wide.crossings.back().requests_per_month < end))) {
    return std::nullopt;
  }
  // The order at the end as the search reads it (Solver::point).
  double cost_a = a.at(end);
  double cost_b = b.at(end);
  std::string cheaper = same_cost(cost_a, cost_b) ? std::string{} : (cost_a < cost_b ? wide.a : wide.b);
  bool tied_from_start = wide.first_tie == wide.from;
  // The last strict order in the narrower range: the last crossing's (it lies inside), or
  // without crossings the one order the wider range has, when the narrower one holds a request
  // of it (at either end). Past the last crossing the order never changes again, only ties.
  if (wide.crossings.empty() && cheaper.empty() && tied_from_start) {
    return std::nullopt; // tied at both ends: whether they differ in between takes a search
  }
  if (!cheaper.empty() && cheaper != wide.cheaper_last) {
    // Past the last crossing the order never changes again, except that a request whose
    // difference sits at the tie tolerance can compute as either (found by fuzz_cost_model: a
    // range the search proved tied throughout, with a request inside it strict by a rounding
    // error): a search of the narrower range settles what it reports.
    return std::nullopt;
  }
  // The wide result, narrowed in place.
  wide.to = end;
  wide.cheaper_at_end = std::move(cheaper);
  if (wide.first_tie && *wide.first_tie > end) {
    wide.first_tie.reset();
  }
  if (wide.cheaper_at_end.empty() && !wide.first_tie) {
    wide.first_tie = end;
  }
  return wide;
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

} // namespace breakeven
