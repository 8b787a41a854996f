#include "support.hpp"

#include <breakeven/analysis.hpp>
#include <breakeven/budget.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/ranges.hpp>
#include <breakeven/scenario.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

using namespace breakeven;
using breakeven::test::bundled;

namespace {

Scenario with_range(std::string_view key, double low, double high) {
  Scenario s;
  s.requests_per_month = 3e7;
  set_scenario_range(s, key, low, std::nullopt, high, "test");
  return s;
}

} // namespace

TEST_CASE("set_scenario_range, a field given as a range") {
  SECTION("the field is set to the expected value, the midpoint unless given") {
    Scenario s = with_range("duration_ms", 80, 150);
    CHECK(s.duration_ms == 115);
    REQUIRE(s.find_range("duration_ms"));
    CHECK(s.find_range("duration_ms")->low == 80);
    CHECK(s.find_range("duration_ms")->high == 150);
    set_scenario_range(s, "memory_mb", 128, 1024, 2048, "test");
    CHECK(s.memory_mb == 1024);
    CHECK(s.ranges.size() == 2);
  }
  SECTION("a count's midpoint is rounded to a whole number") {
    Scenario s = with_range("min_instances", 1, 4);
    CHECK(s.min_instances == 3);
  }
  SECTION("one number replaces a range, and requests replace an rps range") {
    Scenario s = with_range("rps", 5, 50);
    set_scenario_field(s, "requests_per_month", 1e6, "test");
    CHECK(s.ranges.empty());
    CHECK_FALSE(s.rps);
  }
  SECTION("each end is checked like one value, and the ends must be in order") {
    Scenario s;
    REQUIRE_THROWS_WITH(set_scenario_range(s, "duration_ms", 0, std::nullopt, 150, "--duration-ms"),
                        "--duration-ms: low: must be at least 0.001 (got 0)");
    REQUIRE_THROWS_WITH(set_scenario_range(s, "utilization", 0.5, std::nullopt, 1.5, "--utilization"),
                        "--utilization: high: must be from 0.01 to 1 (got 1.5; 0.7 means 70%)");
    REQUIRE_THROWS_WITH(set_scenario_range(s, "requests_per_month", 5e7, std::nullopt, 1e7, "--requests"),
                        "--requests: low 50000000 is above high 10000000: a range goes from low to high");
    REQUIRE_THROWS_WITH(set_scenario_range(s, "duration_ms", 80, 200, 150, "x.json"),
                        "x.json: expected 200 is outside the range 80 to 150");
    REQUIRE_THROWS_WITH(set_scenario_range(s, "batch_size", 1, 2.5, 4, "x.json"),
                        "x.json: expected: must be a whole number from 1 (got 2.5)");
  }
}

TEST_CASE("parse_scenario, ranges as objects") {
  Scenario s = parse_scenario(
      R"({"requests_per_month": {"low": 1e7, "high": 5e7}, "duration_ms": {"low": 80, "expected": 100, "high": 150}})",
      "r.json");
  CHECK(s.requests() == 3e7);
  CHECK(s.duration_ms == 100);
  REQUIRE(s.ranges.size() == 2);
  CHECK(s.ranges[1].key == "duration_ms");

  REQUIRE_THROWS_WITH(parse_scenario(R"({"duration_ms": {"low": 150, "high": 80}})", "r.json"),
                      "r.json: $.duration_ms: low 150 is above high 80: a range goes from low to high");
  REQUIRE_THROWS_WITH(parse_scenario(R"({"duration_ms": {"high": 80}})", "r.json"),
                      Catch::Contains("$.duration_ms") && Catch::Contains("low"));
  REQUIRE_THROWS_WITH(parse_scenario(R"({"duration_ms": {"low": 1, "high": 80, "mid": 3}})", "r.json"),
                      Catch::Contains("mid"));
  REQUIRE_THROWS_WITH(parse_scenario(R"({"memory_mb": {"low": 0, "high": 80}})", "r.json"),
                      "r.json: $.memory_mb: low: must be at least 1 (got 0)");
}

TEST_CASE("check_consistent, at every combination of the ends of the ranges") {
  Scenario s;
  s.requests_per_month = 1e6;
  set_scenario_range(s, "hours_per_month", 100, std::nullopt, 740, "test");
  set_scenario_range(s, "month_hours", 672, std::nullopt, 744, "test");
  REQUIRE_THROWS_WITH(check_consistent(s, "scenario"),
                      "scenario: at the ends of the ranges: hours_per_month is 740, more than the month's 672 hours "
                      "(month_hours)");
}

TEST_CASE("cost_direction: cost moves one way as each directed field rises, for every bundled offering") {
  // The claim behind exact band ends: for a field of direction +1 (-1), no offering's cost
  // falls (rises) as the field rises, whatever the rest of the scenario.
  struct Sweep {
    const char* key;
    std::vector<double> values;
  };
  const Sweep sweeps[] = {
      {"requests_per_month", {0, 1e3, 1e5, 1e6, 3e7, 1e9}},
      {"duration_ms", {1, 10, 80, 100, 250, 1000, 5000}},
      {"cpu_ms", {0.5, 5, 30, 120, 1000}},
      {"memory_mb", {64, 128, 500, 512, 1024, 1769, 3008, 10240}},
      {"peak_to_average", {1, 1.5, 3, 10}},
      {"min_instances", {0, 1, 2, 3, 10}},
      {"response_kb", {0, 1, 50, 1000}},
      {"request_kb", {0, 1, 50, 1000}},
      {"init_ms", {0, 100, 1000}},
      {"cold_start_share", {0, 0.01, 0.5, 1}},
      {"gpu_ms", {1, 50, 500}},
      {"hourly_rate", {0, 50, 200}},
      {"ephemeral_storage_gb", {0, 20, 21, 100}},
      {"task_memory_mb", {512, 2048, 4096, 8192}},
      {"scale_down_window_s", {0, 10, 60, 600}},
      {"egress_gb_per_month", {0, 4, 5, 100, 20000}},
      {"nat_gb_per_month", {0, 1, 100, 5000}},
      {"cpu_credit_hours", {0, 1, 100, 5000}},
      {"disk_gb", {1, 8, 20, 500}},
      {"utilization", {0.1, 0.5, 0.7, 0.9, 1}},
      {"rps_per_instance", {1, 10, 100, 1000}},
      {"requests_per_connection", {1, 2, 10, 100}},
      {"static_share", {0, 0.2, 0.9, 1}},
  };
  std::vector<Scenario> bases(3);
  bases[0].requests_per_month = 5e6;
  bases[1].requests_per_month = 2e8;
  set_scenario_field(bases[1], "peak_to_average", 3, "test");
  set_scenario_field(bases[1], "response_kb", 20, "test");
  bases[2].requests_per_month = 5e7;
  set_scenario_field(bases[2], "init_ms", 400, "test");
  set_scenario_field(bases[2], "cold_start_share", 0.05, "test");
  set_scenario_field(bases[2], "min_instances", 2, "test");
  set_ops_hours(bases[2], "kubernetes", 10, "test");
  set_scenario_field(bases[2], "hourly_rate", 100, "test");
  int compared = 0;
  for (const auto& sweep : sweeps) {
    for (const auto& base : bases) {
      int direction = cost_direction(sweep.key, base);
      REQUIRE(direction != 0);
      for (const Offering& offering : bundled().offerings()) {
        std::optional<double> previous;
        for (double value : sweep.values) {
          Scenario s = base;
          set_scenario_field(s, sweep.key, value, "test");
          Estimate e = estimate(bundled(), offering, s);
          if (!e.monthly_cost) {
            continue;
          }
          INFO(sweep.key << " = " << value << " on " << offering.id);
          if (previous) {
            if (direction > 0) {
              CHECK(*e.monthly_cost >= *previous * (1 - 1e-12));
            } else {
              CHECK(*e.monthly_cost <= *previous * (1 + 1e-12));
            }
            ++compared;
          }
          previous = e.monthly_cost;
        }
      }
    }
  }
  CHECK(compared > 5000);
}

TEST_CASE("cost_bands, band invariants and probabilities") {
  auto offerings = bundled().defaults();
  SECTION("exact ends: low <= expected <= high for every feasible offering, and P sums to 1") {
    Scenario s = with_range("requests_per_month", 1e7, 5e7);
    set_scenario_range(s, "duration_ms", 80, std::nullopt, 150, "test");
    set_scenario_range(s, "utilization", 0.5, std::nullopt, 0.8, "test");
    BandReport report = cost_bands(bundled(), offerings, s, {Distribution::triangular, 2000, 7});
    CHECK(report.summary.exact_ends);
    CHECK_FALSE(report.summary.models_reused);
    double total = 0;
    for (const auto& band : report.bands) {
      if (band.low && band.expected && band.high) {
        CHECK(*band.low <= *band.expected);
        CHECK(*band.expected <= *band.high);
      }
      total += band.p_cheapest;
    }
    CHECK(report.summary.none_feasible_share == 0);
    CHECK(total == Approx(1.0).epsilon(1e-12));
  }
  SECTION("traffic alone reuses the cost models, and the bands are the costs at the ends") {
    Scenario s = with_range("requests_per_month", 1e7, 5e7);
    BandReport report = cost_bands(bundled(), offerings, s, {Distribution::uniform, 5000, 3});
    CHECK(report.summary.models_reused);
    for (std::size_t i = 0; i < offerings.size(); ++i) {
      Scenario high = s;
      set_scenario_field(high, "requests_per_month", 5e7, "test");
      CHECK(report.bands[i].high == estimate(bundled(), *offerings[i], high).monthly_cost);
    }
    double total = 0;
    for (const auto& band : report.bands) {
      total += band.p_cheapest;
    }
    CHECK(total == Approx(1.0).epsilon(1e-12));
  }
  SECTION("a field of either direction: the band is from the samples and the ends, and still holds expected") {
    Scenario s = with_range("concurrency", 1, 100);
    BandReport report = cost_bands(bundled(), offerings, s, {Distribution::triangular, 300, 1});
    CHECK_FALSE(report.summary.exact_ends);
    for (const auto& band : report.bands) {
      if (band.expected) {
        REQUIRE(band.low);
        REQUIRE(band.high);
        CHECK(*band.low <= *band.expected);
        CHECK(*band.expected <= *band.high);
      }
    }
  }
  SECTION("infeasible samples are not cheapest; an offering infeasible at the high end says why") {
    Scenario s = with_range("memory_mb", 64, 256);
    std::vector<const Offering*> two{&bundled().get("cloudflare.workers"), &bundled().get("aws.lambda.arm")};
    BandReport report = cost_bands(bundled(), two, s, {Distribution::uniform, 4000, 1});
    const CostBand& workers = report.bands[0];
    CHECK_FALSE(workers.high);
    CHECK(workers.infeasible_share > 0.3);
    CHECK(workers.infeasible_share < 0.8);
    CHECK(workers.p_cheapest <= 1 - workers.infeasible_share);
    CHECK(workers.infeasible_reason.find("128 MB") != std::string::npos);
    CHECK(report.bands[0].p_cheapest + report.bands[1].p_cheapest == Approx(1.0));
  }
}

TEST_CASE("cost_bands, the same seed gives the same figures") {
  Scenario s = with_range("requests_per_month", 1e7, 8e7);
  set_scenario_range(s, "duration_ms", 50, std::nullopt, 200, "test");
  auto offerings = bundled().defaults();
  SamplingOptions sampling{Distribution::triangular, 500, 42};
  BandReport a = cost_bands(bundled(), offerings, s, sampling);
  BandReport b = cost_bands(bundled(), offerings, s, sampling);
  sampling.seed = 43;
  BandReport c = cost_bands(bundled(), offerings, s, sampling);
  bool differs = false;
  for (std::size_t i = 0; i < offerings.size(); ++i) {
    CHECK(a.bands[i].p_cheapest == b.bands[i].p_cheapest);
    CHECK(a.bands[i].low == b.bands[i].low);
    differs = differs || a.bands[i].p_cheapest != c.bands[i].p_cheapest;
  }
  CHECK(differs);
}

TEST_CASE("cost_bands, the same figures on any number of threads") {
  // More samples than one block (16,384), so that blocks and the threads' runs both split them;
  // memory crosses Workers' 128 MB limit, so that the first infeasible sample's reason counts.
  Scenario s = with_range("memory_mb", 64, 256);
  set_scenario_range(s, "duration_ms", 5, std::nullopt, 400, "test");
  std::vector<const Offering*> offerings{&bundled().get("cloudflare.workers"), &bundled().get("aws.lambda.arm"),
                                         &bundled().get("gcp.cloudrun"), &bundled().get("aws.ec2.m7g.large")};
  SamplingOptions sampling{Distribution::uniform, 20000, 5};
  sampling.threads = 1;
  BandReport one = cost_bands(bundled(), offerings, s, sampling);
  for (int threads : {2, 3, 7}) {
    sampling.threads = threads;
    BandReport many = cost_bands(bundled(), offerings, s, sampling);
    for (std::size_t i = 0; i < offerings.size(); ++i) {
      CAPTURE(threads, offerings[i]->id);
      CHECK(many.bands[i].p_cheapest == one.bands[i].p_cheapest);
      CHECK(many.bands[i].infeasible_share == one.bands[i].infeasible_share);
      CHECK(many.bands[i].low == one.bands[i].low);
      CHECK(many.bands[i].high == one.bands[i].high);
      CHECK(many.bands[i].infeasible_reason == one.bands[i].infeasible_reason);
    }
  }
  CHECK(one.bands[0].infeasible_share > 0);
  CHECK(one.bands[0].p_cheapest > 0);
  CHECK(one.bands[1].p_cheapest + one.bands[2].p_cheapest > 0);
}

TEST_CASE("compare with ranges: a band per result, in the results' order") {
  Scenario s = with_range("requests_per_month", 1e7, 5e7);
  CompareReport report = compare(bundled(), bundled().defaults(), s, {Distribution::triangular, 1000, 1});
  REQUIRE(report.ranges);
  REQUIRE(report.bands.size() == report.results.size());
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    CHECK(report.bands[i].expected == report.results[i].monthly_cost);
  }
  CHECK(compare(bundled(), bundled().defaults(), Scenario{with_range("rps", 1, 2)}).bands.size() ==
        report.results.size());
}

TEST_CASE("crossover with ranges: where the threshold falls, and the threshold at the ends") {
  std::vector<const Offering*> pair{&bundled().get("aws.lambda.arm"), &bundled().get("aws.ec2.m7g.large")};
  Scenario s;
  set_scenario_field(s, "cpu_ms", 20, "test");
  set_scenario_field(s, "duration_ms", 120, "test");
  set_scenario_range(s, "requests_per_month", 1e7, std::nullopt, 1e8, "test");
  CrossoverReport report = crossover(bundled(), pair, s, std::nullopt, std::nullopt);
  REQUIRE(report.ranges);
  REQUIRE(report.ranges->traffic);
  REQUIRE(report.pairs.size() == 1);
  REQUIRE(report.pairs[0].break_even_requests_per_month);
  double threshold = *report.pairs[0].break_even_requests_per_month; // 65.74M (README)
  RangePosition position = position_in(*report.ranges->traffic, threshold);
  CHECK(position.where == RangePosition::Where::inside);
  CHECK(position.share == Approx((threshold - 1e7) / 9e7));
  CHECK(position_in(*report.ranges->traffic, 5e6).where == RangePosition::Where::below);
  CHECK(position_in(*report.ranges->traffic, 2e8).where == RangePosition::Where::above);

  SECTION("a ranged duration moves the threshold: more time per request, sooner") {
    set_scenario_range(s, "duration_ms", 60, std::nullopt, 240, "test");
    CrossoverReport ranged = crossover(bundled(), pair, s, std::nullopt, std::nullopt);
    REQUIRE(ranged.ranges->thresholds.size() == 1);
    const ThresholdBand& t = ranged.ranges->thresholds[0];
    REQUIRE(t.at_low);
    REQUIRE(t.at_high);
    CHECK(*t.at_low > *t.at_expected);
    CHECK(*t.at_expected > *t.at_high);
  }
}

TEST_CASE("run_checks at the ends of the ranges") {
  Budget budget;
  BudgetCheck check;
  check.name = "api";
  check.offering = "aws.lambda.arm";
  check.scenario = with_range("requests_per_month", 1e7, 5e7);
  check.max_monthly_cost = 30;
  budget.checks.push_back(check);
  CHECK(run_checks(bundled(), budget, std::nullopt).ok); // $24.47 expected (at 120 ms less)
  CheckReport high = run_checks(bundled(), budget, std::nullopt, RangeEnd::high);
  CHECK_FALSE(high.ok);
  REQUIRE(high.checks[0].monthly_cost);
  CHECK(*high.checks[0].monthly_cost > 30);
  CHECK(high.checks[0].reasons[0].find("the high end of the ranges") != std::string::npos);
}

TEST_CASE("A model built without its text costs the same as the described one, everywhere") {
  const Catalogue& catalogue = test::bundled();
  std::vector<Scenario> scenarios(3);
  scenarios[0].duration_ms = 120;
  scenarios[1].duration_ms = 2000;
  scenarios[1].memory_mb = 16384;
  scenarios[1].gpu_ms = 500;
  scenarios[1].batch_size = 4;
  scenarios[2].duration_ms = 40;
  scenarios[2].profile = test::working_day();
  scenarios[2].min_instances = 2;
  for (const auto& scenario : scenarios) {
    for (const auto& offering : catalogue.offerings()) {
      CostModel described = build_cost_model(catalogue, offering, scenario);
      CostModel lean = build_cost_model(catalogue, offering, scenario, {.describe = false});
      INFO(offering.id);
      CHECK(lean.infeasible_reasons == described.infeasible_reasons);
      CHECK(lean.notes.empty());
      CHECK(lean.assumptions.empty());
      if (described.feasible()) {
        for (double r : {0.0, 1e3, 3e6, 1e9}) {
          CHECK(lean.cost_at(r) == described.cost_at(r));
        }
      }
    }
  }
}
