#include <breakeven/analysis.hpp>

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include "recent_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <exception>
#include <limits>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

namespace breakeven {
namespace {

constexpr double k_max_range = 1e13; // 10 trillion requests a month (about 3.8M req/s)
constexpr double k_default_curve_to = 1e9;
// 10^6 points: a 177 MB CSV or 270 MB table, streamed in a few MB; more is not a table or chart
// anyone reads.
constexpr int k_max_points = 1'000'000;

void check_range(double from, double to) {
  if (from < 0) {
    throw Error("--from", "", fmt::format("must not be negative (got {})", format_count(from)));
  }
  if (to <= 0) {
    throw Error("--to", "", fmt::format("must be greater than 0 (got {})", format_count(to)));
  }
  if (to > k_max_range) {
    throw Error("--to", "", fmt::format("must be at most 10T requests/month (got {})", format_count(to)));
  }
  if (from >= to) {
    throw Error("--from", "",
                fmt::format("must be below --to ({} is not below {})", format_count(from), format_count(to)));
  }
}

// Every offering bound to the scenario once; the feasible ones become curves.
struct Curves {
  std::vector<CostCurve> all;
  std::vector<Skipped> skipped;
  std::vector<Assumption> assumptions; // of the feasible curves
  std::vector<PriceDate> prices;       // of every curve, each once

  // Feasible curves with a request limit below `to`, with the reason.
  std::vector<Skipped> limited_below(double to) const {
    std::vector<Skipped> limited;
    for (const auto& c : all) {
      if (c.feasible() && c.model().max_requests && *c.model().max_requests < to) {
        limited.push_back({c.offering().id, c.model().max_requests_reason});
      }
    }
    return limited;
  }

  std::vector<const CostCurve*> feasible() const {
    std::vector<const CostCurve*> out;
    for (const auto& c : all) {
      if (c.feasible()) {
        out.push_back(&c);
      }
    }
    return out;
  }

  const CostCurve& of(const Offering* offering) const {
    for (const auto& c : all) {
      if (&c.offering() == offering) {
        return c;
      }
    }
    throw std::logic_error("Curves::of: no curve");
  }
};

Curves build_curves(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario) {
  Curves curves;
  curves.all.reserve(offerings.size()); // each a model: grown by doubling, every move a fresh block
  for (const Offering* offering : offerings) {
    curves.all.emplace_back(build_cost_model(catalogue, *offering, scenario, {.describe = false, .assumptions = true}));
    add_prices(curves.prices, curves.all.back().model().prices);
    if (!curves.all.back().feasible()) {
      curves.skipped.push_back({offering->id, curves.all.back().model().infeasible_reasons.front()});
    }
  }
  std::vector<OfferingAssumptions> by_offering;
  for (const auto& c : curves.all) {
    if (c.feasible()) {
      by_offering.emplace_back(c.offering().id, &c.model().assumptions);
    }
  }
  curves.assumptions = collect_assumptions(by_offering);
  return curves;
}

std::vector<std::pair<const Offering*, const Offering*>> pairs_of(const Curves& curves) {
  if (curves.all.size() == 2) {
    return {{&curves.all[0].offering(), &curves.all[1].offering()}};
  }
  std::vector<const Offering*> request_billed;
  std::vector<const Offering*> provisioned;
  for (const auto& c : curves.all) {
    (c.model().provisioned() ? provisioned : request_billed).push_back(&c.offering());
  }
  if (request_billed.empty() || provisioned.empty()) {
    throw Error("--offering", "",
                fmt::format("the selection has no {} offering to compare against (it has {} {}); name two offerings, "
                            "or include both request-billed ones (functions, Cloud Run) and provisioned ones (VMs, "
                            "clusters, Fargate)",
                            request_billed.empty() ? "request-billed" : "provisioned", curves.all.size(),
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

// Helpers start once the work has run this long on one thread: a thread's start (its stack and
// malloc arena, 0.1-0.2 ms on a small VM) would cost a short run more than it saves, and most runs
// (a default curve) are short; a long one loses at most this much of its parallel start. 1 ms
// against 2 ms (bench/ab.py, interleaved): the default crossover +0.13 ms, over the catalogue
// -0.85 ms.
constexpr auto k_helpers_after = std::chrono::milliseconds(1);

// work(i) for every i below n on up to `threads` threads (this one among them), each taking the
// next index as it frees up; this thread starts alone, and the others join when the work
// outlasts k_helpers_after. Each index's error is kept, and the lowest index's rethrown once
// all have finished: the one a loop in order would have thrown.
template <class Work>
void for_each_index(std::size_t n, unsigned threads, const Work& work) {
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  auto one = [&](std::size_t i) {
    try {
      work(i);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  };
  auto helper = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      one(i);
    }
  };
  {
    auto started = std::chrono::steady_clock::now();
    std::vector<std::jthread> helpers; // joined as this block ends, before the errors are read
    for (std::size_t i = next++; i < n; i = next++) {
      one(i);
      if (helpers.empty() && threads > 1 && next < n && std::chrono::steady_clock::now() - started >= k_helpers_after) {
        for (std::size_t t = 1; t < std::min<std::size_t>(threads, n - next + 1); ++t) {
          helpers.emplace_back(helper);
        }
      }
    }
  }
  for (const auto& error : errors) {
    if (error) {
      std::rethrow_exception(error);
    }
  }
}

// The end of a pair's range: above an offering's request limit it is infeasible, so its pairs
// end there.
double pair_end(const CostCurve& a, const CostCurve& b, double from, double to) {
  for (const CostCurve* c : {&a, &b}) {
    if (c->model().max_requests) {
      to = std::max(from + 1, std::min(to, *c->model().max_requests));
    }
  }
  return to;
}

// The crossings of two curves in [from, to]; between a function and provisioned capacity each
// also says the function's duty cycle there (Crossing::duty_cycle): its rate, over the same hours
// as Crossing::rps, times the time each request runs, one request at a time (for a GPU
// function, the GPU time per request, gpu_ms / batch_size).
CrossoverResult crossings_of(const CostCurve& a, const CostCurve& b, double from, double to, const Scenario& scenario) {
  CrossoverResult result = find_crossings(a, b, from, pair_end(a, b, from, to), scenario.running_hours());
  auto is_function = [](const CostCurve& c) { return c.offering().kind == OfferingKind::function; };
  const CostCurve& other = is_function(a) ? b : a;
  if (is_function(a) != is_function(b) && other.model().provisioned()) {
    // A GPU function's time is a GPU's: gpu_ms per request, shared by a batch.
    const Offering& function = is_function(a) ? a.offering() : b.offering();
    double seconds_per_request =
        function.gpus > 0 ? scenario.gpu_ms.value_or(scenario.duration_ms) / 1000.0 / scenario.batch_size.value_or(1)
                          : scenario.duration_ms / 1000.0;
    for (auto& crossing : result.crossings) {
      crossing.duty_cycle = crossing.rps * seconds_per_request;
    }
  }
  return result;
}

// The lower envelope of the feasible curves over [from, to] (CrossoverReport::cheapest), read off
// the pairs' exact crossings rather than sampled. Between two events the cheapest curve stays
// the cheapest, since no other crosses below it; an event is the first crossing after which
// another curve is the cheaper of its pair with the cheapest, or the end of the cheapest's
// request limit. At an event the cheapest is chosen again from every curve that can serve there.
// Pairs are searched only when an envelope curve needs them, from the last event on where the
// two are in a strict order there, and only as far as the next event can be (no further than
// where a probe already sees another curve cheaper); those already searched far enough (the
// report's own, `searched`, which must outlive it) are read where they are.
class Envelope {
public:
  Envelope(std::vector<const CostCurve*> curves, double from, double to, const Scenario& scenario,
           std::span<const CrossoverResult> searched)
      : m_curves(std::move(curves)), m_from(from), m_to(to), m_scenario(scenario) {
    for (const auto& result : searched) {
      auto i = index_of(result.a);
      auto j = index_of(result.b);
      if (i && j && result.from == from) {
        m_pairs.emplace(key(*i, *j), Searched{&result, to});
      }
    }
  }

  std::vector<CheapestRange> ranges() {
    std::vector<CheapestRange> out;
    std::optional<std::size_t> current = cheapest_at(m_from);
    if (!current) {
      return out;
    }
    out.push_back({m_from, std::nullopt, id(*current)});
    double x = m_from;
    while (x < m_to) {
      double event = std::numeric_limits<double>::infinity();
      if (limit(*current) < m_to) {
        event = std::floor(limit(*current)) + 1; // the first request it cannot serve
      }
      // Looked for first no further than where some curve already costs less than the current
      // one (a crossing lies before it), then, when there is none before it, to the end.
      double cheaper = first_cheaper(*current, x);
      event = first_event(*current, x, event, cheaper);
      if (event > cheaper) {
        event = first_event(*current, x, event, m_to);
      }
      for (std::size_t o : m_unsettled) {
        if (auto below = first_strictly_cheaper(*current, o, x, std::min(event, m_to))) {
          event = *below;
        }
      }
      if (!(event <= m_to)) {
        return out;
      }
      std::optional<std::size_t> next = cheapest_at(event);
      if (next != current) {
        out.back().to_requests = event;
        if (!next) {
          return out; // nothing can serve from here on
        }
        out.push_back({event, std::nullopt, id(*next)});
        current = next;
      }
      x = event; // every event is past the one before, so this ends
    }
    return out;
  }

private:
  const std::string& id(std::size_t i) const { return m_curves[i]->offering().id; }

  // The first crossing after x at which a curve becomes cheaper than `current`, if before
  // `event` and `reach`; else `event`. Only a crossing before the earliest event so far can be
  // the next one, so each pair is searched only up to it; pairs already searched that far go
  // first, to bring it in.
  double first_event(std::size_t current, double x, double event, double reach) {
    for (bool searched : {true, false}) {
      for (std::size_t o = 0; o < m_curves.size(); ++o) {
        double to = std::min({event, reach, m_to});
        if (o == current || limit(o) <= x || is_searched(current, o, x, to) != searched) {
          continue;
        }
        if (!searched && cost_of(o, x) >= cost_of(current, to)) {
          continue; // never below the current one on [x, to]: both never fall, so no crossing to o
        }
        for (const auto& crossing : pair(current, o, x, to).crossings) {
          if (crossing.requests_per_month > x && crossing.cheaper_after == id(o)) {
            event = std::min(event, crossing.requests_per_month);
            break;
          }
        }
      }
    }
    return event;
  }

  // The first request in (x, to] where `o`, which ties `current` at x, is strictly cheaper, if
  // any. Whether there is one up to t is whether a search from x (from a tie: its first strict
  // order is no crossing) sees a crossing or ends with `o` cheaper, which holds from the first
  // such request on; so halving (x, to] on it finds the first, to the request.
  std::optional<double> first_strictly_cheaper(std::size_t current, std::size_t o, double x, double to) {
    auto seen_by = [&](double t) {
      CrossoverResult r = crossings_of(*m_curves[current], *m_curves[o], x, t, m_scenario);
      return !r.crossings.empty() || r.cheaper_last == id(o);
    };
    to = std::min(to, limit(o));
    if (!(to > x) || !seen_by(to)) {
      return std::nullopt;
    }
    double low = x;
    double high = std::floor(to) == to ? to : std::floor(to) + 1;
    while (high - low > 1) {
      double middle = std::floor(low + (high - low) / 2);
      (seen_by(middle) ? high : low) = middle;
    }
    return high;
  }

  // The first of a few requests past x, each twice as far on as the last (from an eighth of x,
  // or of 1,000), where `seen(n)` holds; the end of the range if it holds at none of them.
  template <class Seen>
  double first_probe(double x, const Seen& seen) const {
    for (double step = std::max(x, 1e3) / 8, n = std::floor(x + step); n < m_to; step *= 2, n = std::floor(x + step)) {
      if (seen(n)) {
        return n;
      }
    }
    return m_to;
  }

  // The first probe (first_probe) where `current` can no longer serve, or another curve that
  // can serve it costs less. A curve that costs at least what `current` costs at n already at x
  // does at n too (both never fall): it needs no look there.
  double first_cheaper(std::size_t current, double x) {
    std::vector<double> at_x(m_curves.size(), std::numeric_limits<double>::infinity());
    for (std::size_t o = 0; o < m_curves.size(); ++o) {
      if (o != current && limit(o) >= x) {
        at_x[o] = cost_of(o, x);
      }
    }
    return first_probe(x, [&](double n) {
      if (limit(current) < n) {
        return true; // its limit is an event before n
      }
      double cost = cost_of(current, n);
      for (std::size_t o = 0; o < m_curves.size(); ++o) {
        if (o != current && limit(o) >= n && at_x[o] < cost) {
          double other = cost_of(o, n);
          if (cost - other > tie_tolerance(cost, other)) {
            return true;
          }
        }
      }
      return false;
    });
  }

  // A curve's cost at n: an event's requests are priced by cheapest_at, the pairs' searches and
  // the probes after it, each curve at each a few times; the last few are kept, per curve.
  double cost_of(std::size_t i, double n) {
    return m_recent[i].at(n, [this, i](double r) { return m_curves[i]->at(r); });
  }

  // The most requests a curve serves: its request limit, if it has one.
  double limit(std::size_t i) const {
    return m_curves[i]->model().max_requests.value_or(std::numeric_limits<double>::infinity());
  }

  std::optional<std::size_t> index_of(const std::string& offering) const {
    for (std::size_t i = 0; i < m_curves.size(); ++i) {
      if (id(i) == offering) {
        return i;
      }
    }
    return std::nullopt;
  }

  static std::pair<std::size_t, std::size_t> key(std::size_t i, std::size_t j) {
    return {std::min(i, j), std::max(i, j)};
  }

  // Whether the pair was searched over [x, to] already (from x or before it).
  bool is_searched(std::size_t i, std::size_t j, double x, double to) const {
    auto found = m_pairs.find(key(i, j));
    return found != m_pairs.end() && found->second.result->from <= x && found->second.to >= to;
  }

  // The pair's crossings past x, up to at least `to`. Each crossing is where the order changes
  // between neighbouring requests, and the costs there do not depend on the range searched, so a
  // search that ends at `to` finds the same ones before it, and where the two are in a strict
  // order at x, one from x finds the same ones after it. Where they tie at x, the order before
  // the tie says whether the next order is a crossing, so the search starts from the range's.
  const CrossoverResult& pair(std::size_t i, std::size_t j, double x, double to) {
    auto k = key(i, j);
    if (!is_searched(k.first, k.second, x, to)) {
      const CostCurve& a = *m_curves[k.first];
      const CostCurve& b = *m_curves[k.second];
      double from = x;
      if (same_cost(cost_of(k.first, x), cost_of(k.second, x))) {
        // Every search starts at the range's start or where the two are in a strict order.
        auto before = m_pairs.find(k);
        from = before != m_pairs.end() && before->second.result->from <= x ? before->second.result->from : m_from;
      }
      m_made.push_back(crossings_of(a, b, from, to, m_scenario));
      m_pairs.insert_or_assign(k, Searched{&m_made.back(), to});
    }
    return *m_pairs.find(k)->second.result;
  }

  // Of two curves that cost the same at x, the one no dearer just after it: the one the pair's
  // next crossing leaves behind, or with no crossing after x, the one cheaper at the end. The
  // search reaches only the first of a few requests on, each twice as far, where one is strictly
  // cheaper: with no crossing after x before it, that one is cheaper up to the next crossing.
  std::size_t preferred(std::size_t i, std::size_t j, double x) {
    double to = first_probe(x, [&](double n) { return !same_cost(cost_of(i, n), cost_of(j, n)); });
    const CrossoverResult& r = pair(i, j, x, to);
    for (const auto& crossing : r.crossings) {
      if (crossing.requests_per_month > x) {
        return crossing.cheaper_after == id(i) ? j : i;
      }
    }
    return r.cheaper_last == id(j) ? j : i;
  }

  // The cheapest curve that can serve x requests. Of curves that cost the same at x it is one
  // preferred (no dearer just after x, see preferred) to every curve that ties it there: then no
  // curve is strictly cheaper before a crossing past x. Costs within the tie tolerance of each
  // other need not tie in a chain (a ties b, b ties c, c is strictly below a), so there may be
  // none such: then the curves that tie the choice without preferring it (m_unsettled) can be
  // strictly cheaper with no crossing (back in the order they had before the tie), and the
  // next event is also the first request where one is (first_strictly_cheaper).
  std::optional<std::size_t> cheapest_at(double x) {
    std::vector<std::pair<std::size_t, double>> costs;
    for (std::size_t i = 0; i < m_curves.size(); ++i) {
      if (limit(i) >= x) {
        costs.emplace_back(i, cost_of(i, x));
      }
    }
    m_unsettled.clear();
    if (costs.empty()) {
      return std::nullopt;
    }
    double least =
        std::min_element(costs.begin(), costs.end(), [](auto& l, auto& r) { return l.second < r.second; })->second;
    std::vector<std::size_t> tied;
    for (const auto& [i, cost] : costs) {
      if (same_cost(cost, least)) {
        tied.push_back(i);
      }
    }
    std::size_t best = tied.front();
    for (std::size_t i : tied) {
      if (i != best) {
        best = preferred(best, i, x);
      }
    }
    // The curves that tie i at x (one that ties i need not tie the least) but do not prefer it.
    auto unsettled = [&](std::size_t i) {
      std::vector<std::size_t> out;
      double cost = std::find_if(costs.begin(), costs.end(), [i](const auto& c) { return c.first == i; })->second;
      for (const auto& [other, other_cost] : costs) {
        if (other != i && same_cost(cost, other_cost) && preferred(i, other, x) != i) {
          out.push_back(other);
        }
      }
      return out;
    };
    m_unsettled = unsettled(best);
    for (std::size_t i : tied) {
      if (m_unsettled.empty()) {
        break;
      }
      if (i != best) {
        if (auto others = unsettled(i); others.empty()) {
          m_unsettled.clear();
          return i;
        }
      }
    }
    return best;
  }

  std::vector<const CostCurve*> m_curves;
  std::vector<detail::RecentValues<double, 4>> m_recent =
      std::vector<detail::RecentValues<double, 4>>(m_curves.size()); // cost_of's, a curve each
  std::vector<std::size_t> m_unsettled;                              // the last cheapest_at's (see there)
  double m_from;
  double m_to;
  const Scenario& m_scenario;
  struct Searched {
    const CrossoverResult* result; // the report's own (`searched`, which outlives this), or in m_made
    double to;                     // how far the pair was searched
  };
  std::map<std::pair<std::size_t, std::size_t>, Searched> m_pairs;
  std::deque<CrossoverResult> m_made; // the searches made here, where m_pairs points (never moved)
};

// A ranged traffic in requests a month (an rps range over the expected scenario's hours).
std::optional<ScenarioRange> traffic_range(const Scenario& scenario) {
  if (const ScenarioRange* requests = scenario.find_range("requests_per_month")) {
    return *requests;
  }
  if (const ScenarioRange* rps = scenario.find_range("rps")) {
    double seconds = scenario.running_hours() * 3600.0;
    return ScenarioRange{"requests_per_month", rps->low * seconds, rps->expected * seconds, rps->high * seconds};
  }
  return std::nullopt;
}

// Each pair's break-even threshold with the ranged fields other than the traffic at their low
// and high values, over the report's range.
CrossoverRanges crossover_ranges(const Catalogue& catalogue, std::span<const Offering* const> offerings,
                                 const Scenario& scenario, const CrossoverReport& report, unsigned threads) {
  CrossoverRanges ranges;
  ranges.traffic = traffic_range(scenario);
  for (const auto& range : scenario.ranges) {
    if (range.key != "requests_per_month" && range.key != "rps") {
      ranges.others.push_back(range);
    }
  }
  if (ranges.others.empty()) {
    return ranges;
  }
  auto at = [&](RangeEnd end) {
    return crossover(catalogue, offerings, fields_at(scenario, end, true), report.range.from, report.range.to, threads);
  };
  CrossoverReport low = at(RangeEnd::low);
  CrossoverReport high = at(RangeEnd::high);
  auto threshold_in = [](const CrossoverReport& r, const CrossoverResult& pair) -> std::optional<double> {
    for (const auto& other : r.pairs) {
      if (other.a == pair.a && other.b == pair.b) {
        return other.break_even_requests_per_month;
      }
    }
    return std::nullopt; // a side is infeasible there
  };
  for (const auto& pair : report.pairs) {
    ranges.thresholds.push_back(
        {pair.a, pair.b, threshold_in(low, pair), pair.break_even_requests_per_month, threshold_in(high, pair)});
  }
  return ranges;
}

} // namespace

CrossoverReport crossover(const Catalogue& catalogue, std::span<const Offering* const> offerings,
                          const Scenario& scenario, std::optional<double> from, std::optional<double> to,
                          unsigned threads) {
  CrossoverReport report;
  report.scenario = scenario;
  Curves curves = build_curves(catalogue, offerings, scenario);
  auto pairs = pairs_of(curves);
  report.skipped = curves.skipped;
  report.assumptions = curves.assumptions;
  report.prices = curves.prices;
  report.range.from = from.value_or(0.0);
  report.range.to = to.value_or(k_widest_range);
  report.range.default_end = !to;
  check_range(report.range.from, report.range.to);
  std::vector<std::pair<const CostCurve*, const CostCurve*>> searched;
  for (const auto& [a, b] : pairs) {
    if (curves.of(a).feasible() && curves.of(b).feasible()) {
      searched.emplace_back(&curves.of(a), &curves.of(b));
    }
  }
  report.pairs.resize(searched.size());
  for_each_index(searched.size(), threads, [&](std::size_t i) {
    report.pairs[i] =
        crossings_of(*searched[i].first, *searched[i].second, report.range.from, report.range.to, scenario);
  });
  if (report.range.default_end) {
    // One search over the widest range serves both choosing the end and the answer.
    double end = std::max(1e9, report.range.from * 10);
    for (const auto& wide : report.pairs) {
      end = std::max(end, range_end_showing(wide));
    }
    if (auto traffic = traffic_range(scenario)) {
      end = std::max(end, std::ceil(traffic->high));
    }
    report.range.to = std::min(end, k_widest_range);
    // The answer over the chosen range: its crossings are the wide search's, but which one is
    // cheaper at its end, and whether they tie in it, depend on the range. Read off the wide
    // search where it shows them (narrow_crossings), else searched again.
    for_each_index(searched.size(), threads, [&](std::size_t i) {
      const auto& [a, b] = searched[i];
      CrossoverResult& pair = report.pairs[i];
      if (auto narrow =
              narrow_crossings(std::move(pair), *a, *b, pair_end(*a, *b, report.range.from, report.range.to))) {
        pair = std::move(*narrow);
      } else {
        pair = crossings_of(*a, *b, report.range.from, report.range.to, scenario);
      }
    });
  }
  report.limited = curves.limited_below(report.range.to);
  report.cheapest = Envelope(curves.feasible(), report.range.from, report.range.to, scenario, report.pairs).ranges();
  if (!scenario.ranges.empty()) {
    report.ranges = crossover_ranges(catalogue, offerings, scenario, report, threads);
  }
  return report;
}

CurveSamples curve_samples(const Catalogue& catalogue, std::span<const Offering* const> offerings,
                           const Scenario& scenario, std::optional<double> from, std::optional<double> to, int points,
                           bool log_scale, CurveCrossings crossings, unsigned threads) {
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
  SampleGrid grid(report.range.from, report.range.to, points, log_scale);
  Curves curves = build_curves(catalogue, offerings, scenario);
  report.skipped = curves.skipped;
  report.assumptions = curves.assumptions;
  report.prices = curves.prices;
  report.limited = curves.limited_below(report.range.to);
  std::vector<const CostCurve*> feasible;
  for (const auto& c : curves.all) {
    if (c.feasible()) {
      feasible.push_back(&c);
      report.series.push_back({c.offering().id, c.offering().kind, {}});
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> every;
  for (std::size_t i = 0; crossings == CurveCrossings::every && i < feasible.size(); ++i) {
    for (std::size_t j = i + 1; j < feasible.size(); ++j) {
      every.emplace_back(i, j);
    }
  }
  std::vector<CrossoverResult> pairs(every.size());
  for_each_index(every.size(), threads, [&](std::size_t k) {
    pairs[k] = crossings_of(*feasible[every[k].first], *feasible[every[k].second], report.range.from, report.range.to,
                            scenario);
  });
  report.cheapest = Envelope(feasible, report.range.from, report.range.to, scenario, pairs).ranges();
  for (auto& result : pairs) {
    if (!result.crossings.empty()) {
      report.crossings.push_back(std::move(result));
    }
  }
  std::vector<CostCurve> series_curves;
  series_curves.reserve(feasible.size());
  for (auto& c : curves.all) {
    if (c.feasible()) {
      series_curves.push_back(std::move(c));
    }
  }
  return {std::move(report), grid, std::move(series_curves)};
}

CurveSamples::CurveSamples(CurveReport report, SampleGrid grid, std::vector<CostCurve> curves)
    : m_report(std::move(report)), m_grid(grid), m_curves(std::move(curves)) {
  if (m_curves.size() != m_report.series.size()) {
    throw std::logic_error("CurveSamples: one curve for each series");
  }
}

void CurveSamples::monthly_costs(std::size_t index, std::span<double> costs) const {
  double requests = m_grid[index];
  for (std::size_t s = 0; s < m_curves.size() && s < costs.size(); ++s) {
    costs[s] = m_curves[s].at(requests);
  }
}

CurveReport CurveSamples::materialize() const {
  CurveReport report = m_report;
  report.requests.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) {
    report.requests.push_back(requests(i));
  }
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    auto& costs = report.series[s].monthly_costs;
    costs.reserve(size());
    for (double r : report.requests) {
      costs.push_back(m_curves[s].at(r));
    }
  }
  return report;
}

CurveReport curve(const Catalogue& catalogue, std::span<const Offering* const> offerings, const Scenario& scenario,
                  std::optional<double> from, std::optional<double> to, int points, bool log_scale) {
  return curve_samples(catalogue, offerings, scenario, from, to, points, log_scale).materialize();
}

} // namespace breakeven
