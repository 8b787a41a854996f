#include <breakeven/analysis.hpp>

#include <breakeven/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace breakeven {
namespace {

constexpr double k_max_range = 1e13; // 10 trillion requests a month (about 3.8M req/s)
constexpr double k_default_curve_to = 1e9;
constexpr int k_max_points = 10'000'000;

void check_range(double from, double to) {
  if (from < 0) {
    throw Error("--from", "", fmt::format("must not be negative (got {:g})", from));
  }
  if (to <= 0) {
    throw Error("--to", "", fmt::format("must be greater than 0 (got {:g})", to));
  }
  if (to > k_max_range) {
    throw Error("--to", "", fmt::format("must be at most 1e13 requests/month (got {:g})", to));
  }
  if (from >= to) {
    throw Error("--from", "", fmt::format("must be below --to ({:g} is not below {:g})", from, to));
  }
}

struct Curves {
  std::vector<CostCurve> feasible;
  std::vector<Skipped> skipped;
};

Curves build_curves(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario) {
  Curves curves;
  for (const Offering* offering : offerings) {
    CostModel model = build_cost_model(catalogue, *offering, scenario);
    if (model.feasible()) {
      curves.feasible.emplace_back(std::move(model));
    } else {
      curves.skipped.push_back({offering->id, model.infeasible_reasons.front()});
    }
  }
  return curves;
}

const CostCurve& curve_of(const Curves& curves, const Offering* offering) {
  for (const auto& c : curves.feasible) {
    if (&c.offering() == offering) {
      return c;
    }
  }
  throw std::logic_error("curve_of: no curve");
}

} // namespace

std::vector<std::pair<const Offering*, const Offering*>>
crossover_pairs(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario) {
  if (offerings.size() == 2) {
    return {{offerings[0], offerings[1]}};
  }
  std::vector<const Offering*> request_billed;
  std::vector<const Offering*> provisioned;
  for (const Offering* offering : offerings) {
    bool has_instances = build_cost_model(catalogue, *offering, scenario).instances.has_value();
    (has_instances ? provisioned : request_billed).push_back(offering);
  }
  if (request_billed.empty() || provisioned.empty()) {
    throw Error("--offering", "",
                fmt::format("the selection has no {} offering to compare against (it has {} {}); name two offerings, "
                            "or include both request-billed ones (functions, Cloud Run) and provisioned ones (VMs, "
                            "clusters, Fargate)",
                            request_billed.empty() ? "request-billed" : "provisioned", offerings.size(),
                            request_billed.empty() ? "provisioned" : "request-billed"));
  }
  std::vector<std::pair<const Offering*, const Offering*>> pairs;
  for (const Offering* a : request_billed) {
    for (const Offering* b : provisioned) {
      pairs.emplace_back(a, b);
    }
  }
  return pairs;
}

CrossoverReport crossover(const Catalogue& catalogue, std::span<const Offering* const> offerings,
                          const Scenario& scenario, std::optional<double> from, std::optional<double> to) {
  CrossoverReport report;
  report.scenario = scenario;
  auto pairs = crossover_pairs(catalogue, offerings, scenario);
  Curves curves = build_curves(catalogue, offerings, scenario);
  report.skipped = curves.skipped;
  auto feasible = [&curves](const Offering* o) {
    return std::none_of(curves.skipped.begin(), curves.skipped.end(),
                        [o](const Skipped& s) { return s.offering == o->id; });
  };
  report.range.from = from.value_or(0.0);
  if (to) {
    report.range.to = *to;
  } else {
    report.range.default_end = true;
    report.range.to = 1e9;
    for (const auto& [a, b] : pairs) {
      if (feasible(a) && feasible(b)) {
        report.range.to = std::max(
            report.range.to, default_range_end(curve_of(curves, a), curve_of(curves, b), scenario.hours_per_month));
      }
    }
  }
  check_range(report.range.from, report.range.to);
  for (const auto& [a, b] : pairs) {
    if (feasible(a) && feasible(b)) {
      report.pairs.push_back(find_crossings(curve_of(curves, a), curve_of(curves, b), report.range.from,
                                            report.range.to, scenario.hours_per_month));
    }
  }
  return report;
}

CurveReport curve(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
                  std::optional<double> from, std::optional<double> to, int points, bool log_scale) {
  if (points < 2 || points > k_max_points) {
    throw Error("--points", "", fmt::format("must be from 2 to {} (got {})", k_max_points, points));
  }
  CurveReport report;
  report.scenario = scenario;
  report.log_scale = log_scale;
  report.range.from = from.value_or(log_scale ? 1.0 : 0.0);
  report.range.to = to.value_or(k_default_curve_to);
  check_range(report.range.from, report.range.to);
  if (log_scale && report.range.from < 1) {
    throw Error("--from", "", "must be at least 1 on a log scale");
  }
  report.requests = sample_points(report.range.from, report.range.to, points, log_scale);
  Curves curves = build_curves(catalogue, offerings, scenario);
  report.skipped = curves.skipped;
  for (const auto& c : curves.feasible) {
    CurveSeries series{c.offering().id, c.offering().kind, {}};
    series.monthly_costs.reserve(report.requests.size());
    for (double r : report.requests) {
      series.monthly_costs.push_back(c.at(r));
    }
    report.series.push_back(std::move(series));
  }
  for (std::size_t i = 0; i < curves.feasible.size(); ++i) {
    for (std::size_t j = i + 1; j < curves.feasible.size(); ++j) {
      auto result = find_crossings(curves.feasible[i], curves.feasible[j], report.range.from, report.range.to,
                                   scenario.hours_per_month);
      if (!result.crossings.empty()) {
        report.crossings.push_back(std::move(result));
      }
    }
  }
  return report;
}

} // namespace breakeven
