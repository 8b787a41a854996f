// Crossovers between exact cost curves: hand-computed cases and a brute-force cross-check.

#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>

using namespace breakeven;

namespace {

// A line: $`price_per_request` a request. A staircase: VMs of 1 vCPU at $`instance_month` a
// month, at least three, each serving `requests_per_instance` requests a month (CPU-bound at
// 100% utilisation: cpu_ms = 730 h x 3.6e6 ms / requests_per_instance).
struct LineAndStairs {
  Catalogue catalogue;
  Scenario scenario;

  LineAndStairs(double price_per_request, double instance_month, double requests_per_instance, int min_instances = 3) {
    catalogue.add(parse_rate_table(
        fmt::format(R"({{"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-26",
          "offerings": [
            {{"id": "t.fn", "name": "line", "kind": "function", "source": "test",
              "charges": [{{"name": "Requests", "meter": "requests", "unit_price": {}}}]}},
            {{"id": "t.vm", "name": "stairs", "kind": "vm", "source": "test", "vcpu": 1, "memory_gb": 64,
              "min_instances": {},
              "charges": [{{"name": "Instance", "meter": "instance_hours", "unit_price": {}}}]}}]}})",
                    price_per_request, min_instances, instance_month / 730.0),
        "test.json"));
    scenario.utilization = 1;
    scenario.duration_ms = 730.0 * 3600.0 * 1000.0 / requests_per_instance;
    scenario.memory_mb = 128;
  }

  CostCurve curve(const char* id) const { return CostCurve(build_cost_model(catalogue, catalogue.get(id), scenario)); }
};

// The contract of a crossing R: it is the first whole request of the new order. The order at
// R - 1 differs from the order at R, where `cheaper_after` is cheaper (at a tie at R, the
// orders at R - 1 and R + 1 differ); unless the next crossing is at R + 1, the order at R + 1
// is the new one too.
void check_invariants(const CostCurve& a, const CostCurve& b, const CrossoverResult& result) {
  auto order = [&](double r) {
    double d = a.at(r) - b.at(r);
    return std::fabs(d) <= 1e-12 * std::max({1.0, std::fabs(a.at(r)), std::fabs(b.at(r))}) ? 0 : (d > 0 ? 1 : -1);
  };
  for (std::size_t i = 0; i < result.crossings.size(); ++i) {
    const auto& crossing = result.crossings[i];
    double r = crossing.requests_per_month;
    INFO("crossing at " << r);
    int new_order = crossing.cheaper_after == result.a ? -1 : 1;
    if (order(r) == 0) {
      CHECK(order(r - 1) == -new_order);
      CHECK(order(r + 1) == new_order);
    } else {
      CHECK(order(r - 1) == -new_order);
      CHECK(order(r) == new_order);
      bool next_adjacent = i + 1 < result.crossings.size() && result.crossings[i + 1].requests_per_month == r + 1;
      if (!next_adjacent) {
        CHECK(order(r + 1) == new_order);
      }
    }
    CHECK(crossing.a_monthly_cost == a.at(r));
    CHECK(crossing.b_monthly_cost == b.at(r));
  }
}

} // namespace

TEST_CASE("Crossover::find, a line against a staircase with an HA minimum of three") {
  // Line $0.00013 a request; stairs $100 an instance-month, 1M requests an instance, at least 3.
  // By hand:
  //  - the line passes the 3-instance floor ($300) at 300 / 0.00013 = 2,307,692.3 requests:
  //    from 2,307,693 the VMs are cheaper;
  //  - at 3,000,001 requests a fourth instance starts ($400) while the line is at $390.00013:
  //    the line is cheaper again;
  //  - the line passes $400 at 3,076,923.08: from 3,076,924 the VMs are cheaper for good
  //    (at 4,000,001 the line is at $520 against $500, and it rises faster than the stairs).
  LineAndStairs t(0.00013, 100, 1e6);
  CostCurve line = t.curve("t.fn");
  CostCurve stairs = t.curve("t.vm");
  CrossoverResult result = find_crossings(line, stairs, 0, 1e8, 730);

  REQUIRE(result.crossings.size() == 3);
  CHECK(result.crossings[0].requests_per_month == 2'307'693);
  CHECK(result.crossings[0].cheaper_after == "t.vm");
  CHECK(result.crossings[1].requests_per_month == 3'000'001);
  CHECK(result.crossings[1].cheaper_after == "t.fn");
  CHECK(result.crossings[2].requests_per_month == 3'076'924);
  CHECK(result.crossings[2].cheaper_after == "t.vm");
  CHECK(result.break_even_requests_per_month == 3'076'924);
  CHECK(result.first()->requests_per_month == 2'307'693);
  CHECK(result.cheaper_at_end == "t.vm");
  CHECK(result.crossings[2].rps == Approx(3'076'924 / (730 * 3600.0)));
  CHECK(stairs.at(3'000'000) == Approx(300));
  CHECK(stairs.at(3'000'001) == Approx(400));
  check_invariants(line, stairs, result);

  SECTION("the same pair the other way round") {
    CrossoverResult reversed = find_crossings(stairs, line, 0, 1e8, 730);
    REQUIRE(reversed.crossings.size() == 3);
    CHECK(reversed.crossings[1].requests_per_month == 3'000'001);
    CHECK(reversed.crossings[1].cheaper_after == "t.fn");
  }
  SECTION("a range that starts between crossings sees only the later ones") {
    CrossoverResult later = find_crossings(line, stairs, 2'500'000, 1e8, 730);
    REQUIRE(later.crossings.size() == 2);
    CHECK(later.crossings[0].requests_per_month == 3'000'001);
  }
}

TEST_CASE("Crossover::find, curves that never cross are a normal, empty result") {
  LineAndStairs t(0.00001, 100, 1e6); // the line stays below the stairs everywhere
  CrossoverResult result = find_crossings(t.curve("t.fn"), t.curve("t.vm"), 0, 1e12, 730);
  CHECK(result.crossings.empty());
  CHECK_FALSE(result.break_even_requests_per_month);
  CHECK(result.cheaper_at_end == "t.fn");
}

TEST_CASE("Crossover::find, a curve against itself has no crossing") {
  LineAndStairs t(0.00013, 100, 1e6);
  CrossoverResult result = find_crossings(t.curve("t.vm"), t.curve("t.vm"), 0, 1e9, 730);
  CHECK(result.crossings.empty());
  CHECK(result.cheaper_at_end.empty());
}

TEST_CASE("Crossover::find agrees with a request-by-request scan") {
  // Small steps and a line almost parallel to the stairs: many crossings, each checked
  // against the order at every whole request.
  struct Case {
    double price_per_request;
    double instance_month;
    double requests_per_instance;
    int min_instances;
  };
  const Case cases[] = {{1.02, 10, 10, 3}, {0.99, 10, 10, 1}, {0.5, 7, 13, 5}, {3.3, 10, 3, 2}, {1.0, 10, 10, 3}};
  for (const auto& c : cases) {
    LineAndStairs t(c.price_per_request, c.instance_month, c.requests_per_instance, c.min_instances);
    CostCurve line = t.curve("t.fn");
    CostCurve stairs = t.curve("t.vm");
    constexpr double k_to = 20'000;
    CrossoverResult result = find_crossings(line, stairs, 0, k_to, 730);
    std::vector<double> expected;
    int last = 0;
    auto order = [&](double r) {
      double d = line.at(r) - stairs.at(r);
      return std::fabs(d) <= 1e-12 * std::max(1.0, std::fabs(line.at(r))) ? 0 : (d > 0 ? 1 : -1);
    };
    for (double r = 0; r <= k_to; ++r) {
      int now = order(r);
      if (now != 0) {
        if (last != 0 && now != last) {
          expected.push_back(order(r - 1) == 0 ? r - 1 : r);
        }
        last = now;
      }
    }
    INFO("line " << c.price_per_request << " against stairs " << c.instance_month << "/" << c.requests_per_instance);
    REQUIRE(result.crossings.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(result.crossings[i].requests_per_month == expected[i]);
    }
    check_invariants(line, stairs, result);
  }
}

TEST_CASE("Crossover::find, bundled offerings: Lambda against a VM") {
  Catalogue catalogue = Catalogue::bundled();
  // An I/O-bound API: 120 ms wall clock, 20 ms of CPU. (CPU-bound at 120 ms, Lambda stays
  // cheaper than m7g.large at any traffic.)
  Scenario s;
  s.duration_ms = 120;
  s.cpu_ms = 20;
  s.memory_mb = 512;
  CostCurve lambda(build_cost_model(catalogue, catalogue.get("aws.lambda.arm"), s));
  CostCurve vm(build_cost_model(catalogue, catalogue.get("aws.ec2.m7g.large"), s));
  CrossoverResult result = find_crossings(lambda, vm, 0, 1e10, s.hours_per_month);
  REQUIRE(result.break_even_requests_per_month);
  CHECK(result.cheaper_at_end == "aws.ec2.m7g.large");
  CHECK(result.crossings.front().cheaper_after == "aws.ec2.m7g.large");
  check_invariants(lambda, vm, result);
  // The curve and the estimate are the same function.
  for (double r : {0.0, 1e6, 4.1e7, 3e9}) {
    Scenario at = s;
    at.requests_per_month = r;
    CHECK(lambda.at(r) == Approx(*estimate(catalogue, catalogue.get("aws.lambda.arm"), at).monthly_cost));
    CHECK(vm.at(r) == Approx(*estimate(catalogue, catalogue.get("aws.ec2.m7g.large"), at).monthly_cost));
  }
}

TEST_CASE("CostCurve::next_breakpoint, steps and tier ends") {
  LineAndStairs t(0.00013, 100, 1e6);
  CostCurve stairs = t.curve("t.vm");
  CHECK(stairs.next_breakpoint(0) == 3'000'000);
  CHECK(stairs.next_breakpoint(3'000'000) == 4'000'000);
  CHECK(stairs.next_breakpoint(3'500'000) == 4'000'000);
  CHECK(t.curve("t.fn").next_breakpoint(0) == std::numeric_limits<double>::infinity());

  Catalogue catalogue = Catalogue::bundled();
  Scenario s;
  s.duration_ms = 1000;
  s.memory_mb = 1024; // 1 GB-s a request
  CostCurve lambda(build_cost_model(catalogue, catalogue.get("aws.lambda.x86"), s));
  CHECK(lambda.next_breakpoint(0) == Approx(400'000));   // the GB-s free tier ends
  CHECK(lambda.next_breakpoint(400'000) == Approx(1e6)); // the request free tier ends
  CHECK(lambda.next_breakpoint(1e6) == Approx(6e9));     // the first volume tier ends
}

TEST_CASE("sample_points, linear and logarithmic") {
  CHECK(sample_points(0, 100, 5, false) == std::vector<double>{0, 25, 50, 75, 100});
  CHECK(sample_points(1, 1000, 4, true) == std::vector<double>{1, 10, 100, 1000});
}
