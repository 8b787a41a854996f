#include <breakeven/curve.hpp>

#include "tiers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace breakeven {

CostCurve::CostCurve(CostModel model) : m_model(std::move(model)) {
  m_breakpoints_use_counts = std::any_of(m_model.charges.begin(), m_model.charges.end(), [](const BoundCharge& charge) {
    const QuantityModel& q = charge.quantity;
    return q.per_request > 0 && (q.per_instance != 0 || q.per_idle_instance != 0);
  });
}

double CostCurve::at(double requests) const {
  return m_model.cost_at(requests);
}

double CostCurve::at(double requests, const CostModel::Counts& counts) const {
  return m_model.cost_at(requests, counts);
}

double CostCurve::next_breakpoint(double requests) const {
  // Without counts in any boundary, next_breakpoint reads none of them (each is multiplied
  // by a zero part); zeros stand in for them.
  return next_breakpoint(requests, m_breakpoints_use_counts ? m_model.counts_at(requests) : CostModel::Counts{});
}

double CostCurve::next_breakpoint(double requests, const CostModel::Counts& counts) const {
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
  double instances = counts.instances;
  double idle = counts.idle;
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

namespace {

// The least a charge can price a further unit at, once its quantity has reached `quantity`
// (quantities never fall, so every later unit is priced by the tier holding it or a later
// one); 0 while some of it is still free or included, or with no tier left.
double lowest_price_from(const BoundCharge& charge, double quantity) {
  if (quantity < charge.included_quantity + charge.free_quantity) {
    return 0;
  }
  double lowest = std::numeric_limits<double>::infinity();
  for (const auto& tier : charge.tiers) {
    if (!tier.up_to || *tier.up_to > quantity) {
      lowest = std::min(lowest, tier.unit_price);
    }
  }
  return std::isfinite(lowest) && lowest > 0 ? lowest : 0;
}

} // namespace

double CostCurve::min_slope_from(double requests) const {
  return min_slope_from(requests, m_model.counts_at(requests));
}

double CostCurve::min_slope_from(double requests, const CostModel::Counts& counts) const {
  double instances = counts.instances;
  double idle = counts.idle;
  // The fastest the smooth pools' count can grow per request: each expected count rises at
  // most as fast as the requests in flight, seconds_per_request / period per request.
  double smooth_growth = 0;
  for (const auto& pool : m_model.pools) {
    if (!pool.is_staircase() && !pool.is_idle()) {
      smooth_growth += pool.weight * pool.busy.max_growth_per_request();
    }
  }
  bool steps = std::any_of(m_model.pools.begin(), m_model.pools.end(),
                           [](const CapacityPool& pool) { return pool.is_staircase(); });
  double slope = 0;
  for (const auto& charge : m_model.charges) {
    const QuantityModel& q = charge.quantity;
    if (q.per_instance < 0 && steps) {
      // A burstable's surplus credits fall by an instance's baseline at each step (less than the
      // instance costs, so the bill still never falls), and then may be free for a while: no
      // slope to count on.
      continue;
    }
    // A negative per-instance part (on-demand time less what provisioned environments serve)
    // takes off at most per_instance x smooth_growth per request.
    double per_request = q.per_request + std::min(0.0, q.per_instance) * smooth_growth;
    if (per_request <= 0) {
      continue; // per-instance parts never fall, and bound nothing from below
    }
    slope += per_request * lowest_price_from(charge, q.at(requests, instances, idle));
  }
  return slope;
}

double CostCurve::min_instance_price_from(double requests, const CostModel::Counts& counts) const {
  double price = 0;
  for (const auto& charge : m_model.charges) {
    const QuantityModel& q = charge.quantity;
    if (q.per_instance < 0) {
      return 0; // a part that falls at each step (a burstable's surplus credits): no bound
    }
    if (q.per_instance > 0) {
      price += q.per_instance * lowest_price_from(charge, q.at(requests, counts.instances, counts.idle));
    }
  }
  return price;
}

std::optional<CostCurve::LinearBounds> CostCurve::linear_bounds(double from, double to) const {
  if (!(from <= to)) {
    return std::nullopt;
  }
  // Instances. A staircase's count is max(min_instances, K(n)), K(n) the fewest whole
  // instances of capacity c serving n, so n / c <= K(n) < n / c + 1; the minimum either holds
  // all through [from, to] or not at all, else no lines. Busy instances of a request-billed
  // service are E[ceil(X / C)] for X requests in flight, mean m(n), within r / C of
  // m / C + (C - 1) / 2C, r the residue's bound at the least mean (busy_residue_bound).
  // Each allows for the rounding of the computed count (relative, 1e-14 of a whole count and
  // 1e-11 of the series that sum the expectation).
  struct Line {
    double from = 0;
    double to = 0;
  };
  Line low_instances;
  Line high_instances;
  for (const auto& pool : m_model.pools) {
    Line low;
    Line high;
    if (pool.is_staircase()) {
      const InstanceModel& steps = pool.provisioned;
      double at_from = static_cast<double>(steps.at(from));
      double at_to = static_cast<double>(steps.at(to));
      low = high = {at_from, at_to};
      if (at_from != at_to) {
        if (at_from <= static_cast<double>(steps.min_instances) || to / steps.capacity() > 1e15) {
          return std::nullopt; // the minimum ends inside, or counts beyond exact doubles
        }
        constexpr double k_slack = 1e-14;
        double c = steps.capacity();
        low = {from / c * (1 - k_slack), to / c * (1 - k_slack)};
        high = {from / c * (1 + k_slack) + 1, to / c * (1 + k_slack) + 1};
      }
    } else if (pool.kind == CapacityPool::Kind::busy && pool.busy.concurrency >= 1) {
      constexpr double k_slack = 1e-11;
      const BusyModel& busy = pool.busy;
      auto c = static_cast<double>(busy.concurrency);
      double m_from = busy.mean_in_flight(from);
      double m_to = busy.mean_in_flight(to);
      // (m + (C - 1) / 2 -+ r) / C, r the residue's bound from m_from on (busy_residue_bound):
      // between m / C and one above at light load, a hair either side of a line under heavy load.
      double r = busy_residue_bound(m_from, busy.concurrency);
      double below = ((c - 1) / 2 - r) / c;
      double above = ((c - 1) / 2 + r) / c;
      // What kept-warm or lingering instances add to E[ceil(X / C)] (BusyModel::at), never below
      // 0 and falling as the load grows, so at most its value at m_from: N kept up add the idle
      // ones among them, E[(N - ceil(X / C))+]; the first one lingering W after its last
      // request adds e^(-m) (1 - e^(-rate W)), at most e^(-m).
      double extra = 0;
      if (busy.min_instances > 0) {
        extra = expected_idle_instances(m_from, busy.concurrency, busy.min_instances);
      } else if (busy.linger_seconds > 0) {
        extra = std::exp(-m_from);
      }
      low = {(m_from / c + below) * (1 - k_slack), (m_to / c + below) * (1 - k_slack)};
      high = {(m_from / c + above + extra) * (1 + k_slack), (m_to / c + above + extra) * (1 + k_slack)};
    } else {
      return std::nullopt; // capped or idle instances
    }
    low_instances = {low_instances.from + pool.weight * low.from, low_instances.to + pool.weight * low.to};
    high_instances = {high_instances.from + pool.weight * high.from, high_instances.to + pool.weight * high.to};
  }
  // Charges: the quantity lies between the quantities of those instance counts; where no
  // included, free or volume tier ends between its least and most, the charge's cost is
  // affine in its quantity and never falls, so it lies between the costs of those quantities.
  LinearBounds bounds;
  for (const auto& charge : m_model.charges) {
    const QuantityModel& q = charge.quantity;
    bool rising = q.per_instance >= 0;
    Line low{q.at(from, rising ? low_instances.from : high_instances.from),
             q.at(to, rising ? low_instances.to : high_instances.to)};
    Line high{q.at(from, rising ? high_instances.from : low_instances.from),
              q.at(to, rising ? high_instances.to : low_instances.to)};
    double least = std::min({low.from, low.to, high.from, high.to});
    double most = std::max({low.from, low.to, high.from, high.to});
    double paid_from = charge.included_quantity + charge.free_quantity;
    auto inside = [least, most](double edge) { return edge > least && edge < most; };
    if (inside(charge.included_quantity) || inside(paid_from)) {
      return std::nullopt;
    }
    double price = 0; // per unit of quantity between least and most
    if (most > paid_from) {
      for (const auto& tier : charge.tiers) {
        if (tier.up_to && inside(*tier.up_to)) {
          return std::nullopt;
        }
      }
      for (const auto& tier : charge.tiers) {
        price = tier.unit_price;
        if (!tier.up_to || *tier.up_to >= most) {
          break;
        }
      }
    }
    if (price < 0) {
      return std::nullopt;
    }
    double base = 0; // the charge's cost at `least`
    detail::for_each_slice(charge, least,
                           [&base](detail::SliceKind, std::size_t, double, double, double amount, double unit_price) {
                             base += amount * unit_price;
                           });
    auto cost = [&](double quantity) { return base + price * (quantity - least); };
    bounds.low_from += cost(low.from);
    bounds.low_to += cost(low.to);
    bounds.high_from += cost(high.from);
    bounds.high_to += cost(high.to);
  }
  return bounds;
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
