#include <breakeven/curve.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace breakeven {

CostCurve::CostCurve(CostModel model) : m_model(std::move(model)) {}

double CostCurve::at(double requests) const {
  return m_model.cost_at(requests);
}

double CostCurve::next_breakpoint(double requests) const {
  constexpr double k_none = std::numeric_limits<double>::infinity();
  double next = k_none;
  for (const auto& pool : m_model.pools) {
    const InstanceModel& steps = pool.provisioned;
    if (pool.is_staircase() && steps.requests_per_instance > 0) {
      // The instance count holds up to the last whole request it serves; one request more
      // starts a new instance.
      double edge = steps.last_request_of(steps.at(requests));
      if (edge <= requests) {
        edge = steps.last_request_of(steps.at(edge + 1));
      }
      next = std::min(next, edge);
    }
  }
  double instances = m_model.instances_at(requests);
  double idle = m_model.idle_instances_at(requests);
  for (const auto& charge : m_model.charges) {
    const QuantityModel& q = charge.quantity;
    if (q.per_request <= 0) {
      continue; // changes only when the instance count does
    }
    double base = q.fixed + q.per_instance * instances + q.per_idle_instance * idle;
    auto consider = [&](double boundary) {
      double at = (boundary - base) / q.per_request;
      if (at > requests && at < next) {
        next = at;
      }
    };
    consider(charge.included_quantity);
    consider(charge.included_quantity + charge.free_quantity);
    for (const auto& tier : charge.tiers) {
      if (tier.up_to) {
        consider(*tier.up_to);
      }
    }
  }
  return next;
}

double CostCurve::min_slope_from(double requests) const {
  double instances = m_model.instances_at(requests);
  double idle = m_model.idle_instances_at(requests);
  // The fastest the smooth pools' count can grow per request: each expected count rises at
  // most as fast as the requests in flight, seconds_per_request / period per request.
  double smooth_growth = 0;
  for (const auto& pool : m_model.pools) {
    if (!pool.is_staircase() && !pool.is_idle()) {
      smooth_growth += pool.weight * pool.busy.max_growth_per_request();
    }
  }
  double slope = 0;
  for (const auto& charge : m_model.charges) {
    const QuantityModel& q = charge.quantity;
    // A negative per-instance part (on-demand time less what provisioned environments serve)
    // takes off at most per_instance x smooth_growth per request.
    double per_request = q.per_request + std::min(0.0, q.per_instance) * smooth_growth;
    if (per_request <= 0) {
      continue; // per-instance parts never fall, and bound nothing from below
    }
    double quantity = q.at(requests, instances, idle);
    if (quantity < charge.included_quantity + charge.free_quantity) {
      continue; // still (partly) free
    }
    // Quantities never fall, so every later unit is priced by this tier or a later one.
    double lowest = std::numeric_limits<double>::infinity();
    for (const auto& tier : charge.tiers) {
      if (!tier.up_to || *tier.up_to > quantity) {
        lowest = std::min(lowest, tier.unit_price);
      }
    }
    if (std::isfinite(lowest)) {
      slope += per_request * lowest;
    }
  }
  return slope;
}

double CostCurve::asymptotic_slope() const {
  // Instances per request at very high traffic: 1 / capacity for a staircase, and for busy
  // instances m / C per request, that is seconds_per_request / (period x C).
  double instances_per_request = 0;
  for (const auto& pool : m_model.pools) {
    if (pool.is_staircase()) {
      if (pool.provisioned.requests_per_instance > 0) {
        instances_per_request += pool.weight / pool.provisioned.requests_per_instance;
      }
    } else if (pool.kind == CapacityPool::Kind::busy) {
      instances_per_request += pool.weight * pool.busy.seconds_per_request /
                               (pool.busy.period_seconds * static_cast<double>(pool.busy.concurrency));
    } // a capped pool stops growing at its limit, and idle instances fall to none
  }
  double slope = 0;
  for (const auto& charge : m_model.charges) {
    double price = charge.tiers.back().unit_price;
    slope += (charge.quantity.per_request + charge.quantity.per_instance * instances_per_request) * price;
  }
  return slope;
}

std::vector<double> sample_points(double from, double to, int points, bool log_scale) {
  SampleGrid grid(from, to, points, log_scale);
  std::vector<double> samples;
  samples.reserve(grid.size());
  for (std::size_t i = 0; i < grid.size(); ++i) {
    samples.push_back(grid[i]);
  }
  return samples;
}

SampleGrid::SampleGrid(double from, double to, int points, bool log_scale)
    : m_from(from), m_to(to), m_points(std::max(points, 2)), m_log_scale(log_scale),
      m_log_from(std::log(std::max(from, 1.0))), m_log_to(std::log(std::max(to, 1.0))) {}

double SampleGrid::operator[](std::size_t index) const {
  int i = static_cast<int>(index);
  if (i == 0) {
    return std::round(m_log_scale ? std::max(m_from, 1.0) : m_from);
  }
  if (i == m_points - 1) {
    return std::round(m_to);
  }
  double t = static_cast<double>(i) / (m_points - 1);
  return std::round(m_log_scale ? std::exp(m_log_from + t * (m_log_to - m_log_from)) : m_from + t * (m_to - m_from));
}

} // namespace breakeven
