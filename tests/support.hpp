#pragma once
// Shared by the test files: the bundled catalogue, loaded once, and the crossing contract of
// crossover.hpp checked on a result.

#include <breakeven/advise.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/scenario.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace breakeven::test {

// Everything two estimates say, field by field (doubles compared exactly): the same offering,
// costs, line items, capacity, notes, assumptions and cold starts.
inline void check_same_estimate(const Estimate& a, const Estimate& b) {
  INFO(a.offering_id);
  CHECK(a.offering_id == b.offering_id);
  CHECK(a.offering_name == b.offering_name);
  CHECK(a.feasible == b.feasible);
  CHECK(a.monthly_cost == b.monthly_cost);
  CHECK(a.notes == b.notes);
  CHECK(a.infeasible_reasons == b.infeasible_reasons);
  CHECK(a.warnings == b.warnings);
  CHECK(a.instances == b.instances);
  REQUIRE(a.assumptions.size() == b.assumptions.size());
  for (std::size_t i = 0; i < a.assumptions.size(); ++i) {
    CHECK(a.assumptions[i].field == b.assumptions[i].field);
    CHECK(a.assumptions[i].value == b.assumptions[i].value);
    CHECK(a.assumptions[i].why == b.assumptions[i].why);
    CHECK(a.assumptions[i].number == b.assumptions[i].number);
  }
  REQUIRE(a.line_items.size() == b.line_items.size());
  for (std::size_t i = 0; i < a.line_items.size(); ++i) {
    CHECK(a.line_items[i].name == b.line_items[i].name);
    CHECK(a.line_items[i].quantity == b.line_items[i].quantity);
    CHECK(a.line_items[i].unit_price == b.line_items[i].unit_price);
    CHECK(a.line_items[i].cost == b.line_items[i].cost);
  }
  REQUIRE(a.capacity.size() == b.capacity.size());
  for (std::size_t i = 0; i < a.capacity.size(); ++i) {
    CHECK(a.capacity[i].weight == b.capacity[i].weight);
    CHECK(a.capacity[i].instances == b.capacity[i].instances);
  }
  REQUIRE(a.cold_starts.has_value() == b.cold_starts.has_value());
  if (a.cold_starts) {
    CHECK(a.cold_starts->per_month == b.cold_starts->per_month);
    CHECK(a.cold_starts->share == b.cold_starts->share);
    CHECK(a.cold_starts->init_ms == b.cold_starts->init_ms);
  }
  REQUIRE(a.provisioned_concurrency.has_value() == b.provisioned_concurrency.has_value());
  if (a.provisioned_concurrency) {
    CHECK(a.provisioned_concurrency->served_share == b.provisioned_concurrency->served_share);
    CHECK(a.provisioned_concurrency->utilization == b.provisioned_concurrency->utilization);
    CHECK(a.provisioned_concurrency->break_even_utilization == b.provisioned_concurrency->break_even_utilization);
  }
}

// A working day's traffic by hour (relative weights): quiet at night, busy from 7 to 18 h. The
// shape several tests give a profile to set off the load model's peak and idle hours.
inline std::vector<double> working_day() {
  return {5, 5, 5, 5, 5, 5, 50, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 50, 20, 10, 5, 5, 5};
}

// An I/O-bound API: 120 ms wall clock, 20 ms of CPU, 512 MB, on which Lambda and m7g.large cross.
inline Scenario io_bound() {
  Scenario s;
  s.duration_ms = 120;
  s.cpu_ms = 20;
  s.memory_mb = 512;
  return s;
}

// A request every 2 minutes (20k a month, 60 ms each) against a p99 target of 100 ms with a
// 300 ms cold start: above 1% of requests meet one, so advise prices warm capacity.
struct ColdLatency {
  Scenario scenario;
  Constraints constraints;
};
inline ColdLatency cold_latency() {
  ColdLatency c;
  c.scenario.requests_per_month = 20'000;
  c.scenario.duration_ms = 60;
  c.constraints.p99_ms = 100;
  c.constraints.cold_start_ms = 300;
  return c;
}

inline const Catalogue& bundled() {
  static const Catalogue catalogue = Catalogue::bundled();
  return catalogue;
}

// A made-up provider "t" with the offerings given (each a JSON object), for curves of a known
// shape: `test_catalogue({line_offering("t.a", 0, 1e-6, 0), stairs_offering("t.b", 0, 5, 1)})`.
inline Catalogue test_catalogue(const std::vector<std::string>& offerings) {
  Catalogue catalogue;
  catalogue.add(parse_rate_table(fmt::format(R"({{"schema_version": 1, "provider": "t", "currency": "USD",
                                                 "as_of": "2026-11-27", "offerings": [{}]}})",
                                             fmt::join(offerings, ", ")),
                                 "test.json"));
  return catalogue;
}

inline std::string line_offering(const char* id, double fee, double price, double free) {
  return fmt::format(R"({{"id": "{}", "name": "line", "kind": "function", "source": "test", "charges": [
      {{"name": "Fee", "meter": "months", "unit_price": {}}},
      {{"name": "Requests", "meter": "requests", "unit_price": {}, "free_tier": {}}}]}})",
                     id, fee, price, free);
}

// A VM of 1 vCPU: at 100% utilisation and `duration_ms` of CPU a request it serves
// 730 h x 3.6e6 ms / duration_ms requests a month.
inline std::string stairs_offering(const char* id, double fee, double instance_month, int min_instances) {
  return fmt::format(R"({{"id": "{}", "name": "stairs", "kind": "vm", "source": "test", "vcpu": 1, "memory_gb": 64,
      "min_instances": {}, "charges": [
      {{"name": "Fee", "meter": "months", "unit_price": {}}},
      {{"name": "Instance", "meter": "instance_hours", "unit_price": {}}}]}})",
                     id, min_instances, fee, instance_month / 730.0);
}

// uniform(low, high) reals and whole(low, high) integers drawn from `random`, for the random
// cases: `auto [uniform, whole] = draws(random);`.
inline auto draws(std::mt19937& random) {
  return std::pair{
      [&random](double low, double high) { return std::uniform_real_distribution<double>(low, high)(random); },
      [&random](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); }};
}

// tests/fixtures/stale/dated.json alone: a made-up provider whose offerings and components were
// each "read" on a different date, for the prices a report says it used and how old they are.
inline const Catalogue& dated() {
  static const Catalogue catalogue = [] {
    Catalogue c;
    c.add(load_rate_table_file(BREAKEVEN_SOURCE_DIR "/tests/fixtures/stale/dated.json"));
    c.check_references();
    return c;
  }();
  return catalogue;
}

// A function priced with a 10 KB response (internet egress) and the dated.gateway add-on.
inline Scenario dated_scenario() {
  Scenario s;
  s.requests_per_month = 1'000'000;
  s.duration_ms = 100;
  s.memory_mb = 512;
  s.response_kb = 10;
  s.addons = {"dated.gateway"};
  return s;
}

// The order of two curves at `r` as crossover.cpp decides it: -1 when a is cheaper, +1 when b
// is, 0 when they are within 1e-12 of the larger cost.
inline int order_of(const CostCurve& a, const CostCurve& b, double r) {
  double d = a.at(r) - b.at(r);
  return std::fabs(d) <= 1e-12 * std::max({1.0, std::fabs(a.at(r)), std::fabs(b.at(r))}) ? 0 : (d > 0 ? 1 : -1);
}

// The contract of a crossing R: it is the first whole request of the new order. The order at
// R - 1 differs from the order at R, where `cheaper_after` is cheaper (at a tie at R, the
// order before the run of ties that R ends and the order at R + 1 differ); unless the next crossing is at R + 1, the
// order at R + 1 is not the old one.
inline void check_crossing_invariants(const CostCurve& a, const CostCurve& b, const CrossoverResult& result) {
  auto order = [&](double r) { return order_of(a, b, r); };
  for (std::size_t i = 0; i < result.crossings.size(); ++i) {
    const auto& crossing = result.crossings[i];
    double r = crossing.requests_per_month;
    INFO("crossing at " << r);
    int new_order = crossing.cheaper_after == result.a ? -1 : 1;
    if (order(r) == 0) {
      // R ends a run of ties: before the run, the old order.
      double before = r - 1;
      while (order(before) == 0 && before > r - 1e6) {
        before -= 1;
      }
      CHECK(order(before) == -new_order);
      CHECK(order(r + 1) == new_order);
    } else {
      CHECK(order(r - 1) == -new_order);
      CHECK(order(r) == new_order);
      bool next_adjacent = i + 1 < result.crossings.size() && result.crossings[i + 1].requests_per_month == r + 1;
      if (!next_adjacent) {
        CHECK(order(r + 1) != -new_order); // the new order, or a tie where a step lands
      }
    }
    CHECK(crossing.a_monthly_cost == a.at(r));
    CHECK(crossing.b_monthly_cost == b.at(r));
  }
}

} // namespace breakeven::test
