#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/cost_model.hpp>
#include <breakeven/estimate.hpp>

#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

namespace breakeven {

/// An offering's monthly cost as an exact function of monthly requests, everything else in the
/// scenario held fixed, never falling as traffic grows. Functions are lines with kinks where
/// free tiers and volume tiers end; provisioned options are staircases whose steps are whole
/// instances; request-billed containers that share an instance between requests bill the
/// instances busy on average, a smooth curve (see expected_busy_instances).
/// Example: `CostCurve curve(build_cost_model(catalogue, offering, scenario)); curve.at(41e6);`
class CostCurve {
public:
  explicit CostCurve(CostModel model);

  const CostModel& model() const noexcept { return m_model; }
  const Offering& offering() const noexcept { return *m_model.offering; }
  bool feasible() const noexcept { return m_model.feasible(); }

  /// Monthly cost at `requests` (the sum of the estimate's line items).
  double at(double requests) const;
  /// at(), next_breakpoint() and min_slope_from() with the model's counts at `requests`
  /// (model().counts_at(requests)) worked out once for all three: the same values.
  double at(double requests, const CostModel::Counts& counts) const;
  double next_breakpoint(double requests, const CostModel::Counts& counts) const;
  double min_slope_from(double requests, const CostModel::Counts& counts) const;

  /// True when the curve is made of lines (next_breakpoint bounds them); false for a curve
  /// with busy instances, which bends everywhere.
  bool piecewise_linear() const noexcept { return m_model.piecewise_linear(); }

  /// The smallest request count above `requests` where the curve changes slope or steps
  /// (a new instance, the end of a free or volume tier); +infinity when there is none.
  /// On the interval (requests, next_breakpoint(requests)] a piecewise linear curve is one line.
  /// Works out the model's counts only when breakpoints_use_counts().
  double next_breakpoint(double requests) const;
  /// True when some charge's breakpoints move with the instance counts (a charge billed per
  /// request and per instance, whose tier ends are reached sooner with more instances); else
  /// next_breakpoint never reads the counts, and a busy pool's series need not be summed for it.
  bool breakpoints_use_counts() const noexcept { return m_breakpoints_use_counts; }

  /// A lower bound on the curve's slope (dollars per request) anywhere above `requests`: the
  /// per-request prices it pays from there on whatever happens (a charge past its free and
  /// included usage pays at least its cheapest remaining tier). The crossover search takes it
  /// off both curves so that a large price they share (egress, say) does not hide their order.
  double min_slope_from(double requests) const;

  /// A lower bound on what each further instance adds to the curve anywhere above `requests`
  /// (dollars per unit of the model's instance count): the per-instance parts of its charges
  /// at their cheapest remaining tiers, 0 while free or when some part falls as instances are
  /// added. Two staircases that step at the same requests both pay at least the smaller of
  /// theirs at each step, so the crossover search takes it off both (as min_slope_from).
  double min_instance_price_from(double requests, const CostModel::Counts& counts) const;

  /// Two lines that hold the curve between them on [from, to]: `low_from <= at(n) <= high_from`
  /// at n = from, the same at `to`, and the lines through those values at every whole n in
  /// between (see linear_bounds). A staircase lies between its trend (requests / capacity
  /// instances) and one instance above it, so a line running close to its steps for a million
  /// of them is told apart in one look instead of a million.
  struct LinearBounds {
    double low_from = 0;
    double low_to = 0;
    double high_from = 0;
    double high_to = 0;
  };

  /// The lines of LinearBounds on [from, to], or nothing when, inside the interval, a minimum
  /// instance count ends or a charge crosses the end of its included, free or volume tier (the
  /// search splits there instead), or the curve has capped or idle instances. Busy instances
  /// (E[ceil(X / C)]) lie within busy_residue_bound of m / C + (C - 1) / 2C: between m / C and
  /// nearly one above at light load, a hair apart under heavy load; kept-warm or lingering
  /// ones add at most what they add at `from` (the idle share of the minimum, or e^(-m)). The
  /// lines allow for the rounding of instance counts; a caller comparing them needs room for
  /// the rounding of costs.
  std::optional<LinearBounds> linear_bounds(double from, double to) const;

  /// The slope the curve tends to at very high traffic (dollars per request), for choosing a
  /// range in which every crossing shows.
  double asymptotic_slope() const;

private:
  CostModel m_model;
  bool m_breakpoints_use_counts = false;
};

/// Evenly spaced (or, with `log_scale`, geometrically spaced) request counts from `from` to
/// `to`, `points` of them (at least 2), each rounded to a whole request.
std::vector<double> sample_points(double from, double to, int points, bool log_scale);

/// The request counts of sample_points, each worked out when asked for rather than held:
/// `SampleGrid(from, to, points, log_scale)[i] == sample_points(from, to, points, log_scale)[i]`.
/// Example: `SampleGrid grid(0, 1e9, 1'000'000, false); double last = grid[grid.size() - 1];`
class SampleGrid {
public:
  SampleGrid(double from, double to, int points, bool log_scale);

  std::size_t size() const noexcept { return static_cast<std::size_t>(m_points); }
  /// The `index`th request count (index below size()).
  double operator[](std::size_t index) const;

private:
  double m_from;
  double m_to;
  int m_points;
  bool m_log_scale;
  double m_log_from;
  double m_log_to;
};

} // namespace breakeven
