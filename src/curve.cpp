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
  long long instances = 0;
  if (m_model.instances && m_model.instances->requests_per_instance > 0) {
    // The instance count holds up to the last whole request it serves; one request more
    // starts a new instance.
    instances = m_model.instances->at(requests);
    double edge = m_model.instances->last_request_of(instances);
    if (edge <= requests) {
      edge = m_model.instances->last_request_of(m_model.instances->at(edge + 1));
    }
    next = edge;
  } else if (m_model.instances) {
    instances = m_model.instances->min_instances;
  }
  for (const auto& charge : m_model.charges) {
    const QuantityModel& q = charge.quantity;
    if (q.per_request <= 0) {
      continue; // changes only when the instance count does
    }
    double base = q.fixed + q.per_instance * static_cast<double>(instances);
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

double CostCurve::asymptotic_slope() const {
  double slope = 0;
  for (const auto& charge : m_model.charges) {
    double price = charge.tiers.back().unit_price;
    slope += charge.quantity.per_request * price;
    if (m_model.instances && m_model.instances->requests_per_instance > 0) {
      slope += charge.quantity.per_instance * price / m_model.instances->requests_per_instance;
    }
  }
  return slope;
}

std::vector<double> sample_points(double from, double to, int points, bool log_scale) {
  points = std::max(points, 2);
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(points));
  double log_from = std::log(std::max(from, 1.0));
  double log_to = std::log(std::max(to, 1.0));
  for (int i = 0; i < points; ++i) {
    double t = static_cast<double>(i) / (points - 1);
    double value = log_scale ? std::exp(log_from + t * (log_to - log_from)) : from + t * (to - from);
    if (i == 0) {
      value = log_scale ? std::max(from, 1.0) : from;
    } else if (i == points - 1) {
      value = to;
    }
    samples.push_back(std::round(value));
  }
  return samples;
}

} // namespace breakeven
