// The reports behind crossover and curve: what they add to the crossings find_crossings gives.

#include <breakeven/analysis.hpp>
#include <breakeven/catalogue.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <vector>

using namespace breakeven;
using breakeven::test::bundled;
using breakeven::test::io_bound;

namespace {

std::vector<const Offering*> offerings(std::initializer_list<const char*> ids) {
  std::vector<const Offering*> list;
  for (const char* id : ids) {
    list.push_back(&bundled().get(id));
  }
  return list;
}

// Two searches of the same pairs (on different numbers of threads): the same crossings, each to
// the request, and the same verdicts.
void check_same_pairs(const std::vector<CrossoverResult>& one, const std::vector<CrossoverResult>& other) {
  REQUIRE(other.size() == one.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(other[i].a == one[i].a);
    CHECK(other[i].b == one[i].b);
    CHECK(other[i].break_even_requests_per_month == one[i].break_even_requests_per_month);
    REQUIRE(other[i].crossings.size() == one[i].crossings.size());
    for (std::size_t k = 0; k < one[i].crossings.size(); ++k) {
      CHECK(other[i].crossings[k].requests_per_month == one[i].crossings[k].requests_per_month);
    }
    CHECK(other[i].cheaper_at_end == one[i].cheaper_at_end);
    CHECK(other[i].first_tie == one[i].first_tie);
  }
}

// Two crossover reports of the same request: the same range, pairs and cheapest ranges.
void check_same_report(const CrossoverReport& one, const CrossoverReport& other) {
  CHECK(other.range.to == one.range.to);
  check_same_pairs(one.pairs, other.pairs);
  REQUIRE(other.cheapest.size() == one.cheapest.size());
  for (std::size_t i = 0; i < one.cheapest.size(); ++i) {
    CHECK(other.cheapest[i].offering == one.cheapest[i].offering);
    CHECK(other.cheapest[i].from_requests == one.cheapest[i].from_requests);
  }
}

} // namespace

TEST_CASE("crossover, a function against provisioned capacity: the duty cycle at each crossing") {
  Scenario s = io_bound();
  SECTION("all month") {}
  SECTION("part-time: the same hours as the rate") {
    s.hours_per_month = 200;
  }
  for (const auto& ids :
       {offerings({"aws.lambda.arm", "aws.ec2.m7g.large"}), offerings({"aws.ec2.m7g.large", "aws.lambda.arm"})}) {
    CrossoverReport report = crossover(bundled(), ids, s, std::nullopt, std::nullopt);
    REQUIRE(report.pairs.size() == 1);
    REQUIRE_FALSE(report.pairs[0].crossings.empty());
    for (const Crossing& c : report.pairs[0].crossings) {
      INFO("crossing at " << c.requests_per_month);
      // Busy share of one function instance: requests a second over the hours, 0.12 s each.
      double requests_per_second = c.requests_per_month / (s.running_hours() * 3600.0);
      REQUIRE(c.duty_cycle);
      CHECK(*c.duty_cycle == Approx(requests_per_second * 0.120).epsilon(1e-12));
    }
  }
}

TEST_CASE("crossover, the README's break-even: 65.74M requests, 25.0 req/s of 120 ms, 300% duty cycle") {
  CrossoverReport report =
      crossover(bundled(), offerings({"aws.lambda.arm", "aws.ec2.m7g.large"}), io_bound(), std::nullopt, std::nullopt);
  REQUIRE(report.pairs.size() == 1);
  REQUIRE(report.pairs[0].break_even_requests_per_month);
  const Crossing& last = report.pairs[0].crossings.back();
  CHECK(last.requests_per_month == Approx(65.74e6).epsilon(1e-3));
  // 730 h x 3600 s = 2,628,000 s; 25.0 req/s x 0.12 s: three requests in flight on average.
  REQUIRE(last.duty_cycle);
  CHECK(*last.duty_cycle == Approx(last.requests_per_month / 2'628'000.0 * 0.12).epsilon(1e-12));
  CHECK(*last.duty_cycle == Approx(3.00).epsilon(0.01));
}

TEST_CASE("crossover, the duty cycle is only for a function against provisioned capacity") {
  Scenario s = io_bound();
  s.memory_mb = 128;
  SECTION("two functions") {
    CrossoverReport report =
        crossover(bundled(), offerings({"aws.lambda.arm", "gcp.functions.gen1"}), s, std::nullopt, std::nullopt);
    REQUIRE(report.pairs.size() == 1);
    REQUIRE_FALSE(report.pairs[0].crossings.empty());
    for (const Crossing& c : report.pairs[0].crossings) {
      CHECK_FALSE(c.duty_cycle);
    }
  }
  SECTION("a request-billed container against a VM") {
    CrossoverReport report =
        crossover(bundled(), offerings({"gcp.cloudrun", "aws.ec2.m7g.large"}), s, std::nullopt, std::nullopt);
    REQUIRE(report.pairs.size() == 1);
    REQUIRE_FALSE(report.pairs[0].crossings.empty());
    for (const Crossing& c : report.pairs[0].crossings) {
      CHECK_FALSE(c.duty_cycle);
    }
  }
}

TEST_CASE("curve, crossings between plotted curves carry the duty cycle too") {
  Scenario s = io_bound();
  CurveReport report = curve(bundled(), offerings({"aws.lambda.arm", "aws.fargate.arm", "gcp.functions.gen1"}), s,
                             std::nullopt, 1e9, 5, false);
  bool saw_function_vs_task = false;
  for (const auto& pair : report.crossings) {
    bool function_vs_task = pair.a == "aws.fargate.arm" || pair.b == "aws.fargate.arm";
    saw_function_vs_task = saw_function_vs_task || function_vs_task;
    for (const Crossing& c : pair.crossings) {
      INFO(pair.a << " vs " << pair.b << " at " << c.requests_per_month);
      CHECK(c.duty_cycle.has_value() == function_vs_task);
      if (function_vs_task) {
        CHECK(*c.duty_cycle == Approx(c.rps * 0.120));
      }
    }
  }
  CHECK(saw_function_vs_task);
}

TEST_CASE("crossover and curve: prices, every curve's offering and the components it uses, once") {
  const Catalogue& catalogue = test::dated();
  std::vector<const Offering*> pair{&catalogue.get("dated.fn"), &catalogue.get("dated.k8s")};
  Scenario s = test::dated_scenario();
  std::vector<PriceDate> expected{{"dated.fn", "2025-05-01"},      {"dated.egress", "2025-03-01"},
                                  {"dated.gateway", "2025-04-01"}, {"dated.k8s", "2026-06-01"},
                                  {"dated.node", "2025-06-01"},    {"dated.lb", "2024-01-10"},
                                  {"dated.disk", "2025-02-01"}};
  CHECK(crossover(catalogue, pair, s, std::nullopt, std::nullopt).prices == expected);
  CHECK(curve(catalogue, pair, s, std::nullopt, 1e9, 5, false).prices == expected);
  CHECK(curve_samples(catalogue, pair, s, std::nullopt, 1e9, 5, false).report().prices == expected);

  SECTION("a skipped offering's prices are listed too: it was priced, and found infeasible") {
    Scenario long_jobs = s;
    long_jobs.duration_ms = 1'000'000; // beyond the function's 900 s
    CurveReport report = curve(catalogue, pair, long_jobs, std::nullopt, 1e9, 5, false);
    REQUIRE(report.skipped.size() == 1);
    CHECK(report.prices == expected);
  }
}

TEST_CASE("curve_samples, only the pairs the cheapest ranges need: the same ranges, no other crossing") {
  Scenario s = io_bound();
  std::vector<const Offering*> all = bundled().defaults();
  for (bool log_scale : {false, true}) {
    CurveReport every = curve_samples(bundled(), all, s, 1, 3e9, 5, log_scale, CurveCrossings::every).report();
    CurveReport cheapest = curve_samples(bundled(), all, s, 1, 3e9, 5, log_scale, CurveCrossings::cheapest).report();
    REQUIRE(every.cheapest.size() > 3);
    REQUIRE(cheapest.cheapest.size() == every.cheapest.size());
    for (std::size_t i = 0; i < every.cheapest.size(); ++i) {
      CHECK(cheapest.cheapest[i].offering == every.cheapest[i].offering);
      CHECK(cheapest.cheapest[i].from_requests == every.cheapest[i].from_requests);
      CHECK(cheapest.cheapest[i].to_requests == every.cheapest[i].to_requests);
    }
    CHECK_FALSE(every.crossings.empty());
    CHECK(cheapest.crossings.empty());
  }
}

TEST_CASE("crossover, the pairs searched on several threads: the same report") {
  Scenario s = io_bound();
  std::vector<const Offering*> all = bundled().defaults();
  CrossoverReport one = crossover(bundled(), all, s, std::nullopt, std::nullopt, 1);
  REQUIRE(one.pairs.size() > 20);
  for (unsigned threads : {2U, 3U, 64U}) {
    INFO(threads << " threads");
    CrossoverReport many = crossover(bundled(), all, s, std::nullopt, std::nullopt, threads);
    check_same_report(one, many);
  }
}

TEST_CASE("crossover over the whole catalogue, long enough for helper threads to start: the same report") {
  // for_each_index starts its helpers only once the work has run 1 ms alone; the catalogue's
  // hundreds of pairs take several times that in any build, so helpers share them.
  Scenario s = io_bound();
  std::vector<std::string> every{"*"};
  std::vector<const Offering*> all = bundled().select(every);
  REQUIRE(all.size() > 50);
  CrossoverReport one = crossover(bundled(), all, s, std::nullopt, std::nullopt, 1);
  REQUIRE(one.pairs.size() > 500);
  CrossoverReport two = crossover(bundled(), all, s, std::nullopt, std::nullopt, 2);
  check_same_report(one, two);
}

TEST_CASE("curve_samples, every pair searched on several threads: the same crossings") {
  Scenario s = io_bound();
  std::vector<const Offering*> all = bundled().defaults();
  CurveReport one = curve_samples(bundled(), all, s, 0, 2e9, 5, false, CurveCrossings::every, 1).report();
  CurveReport three = curve_samples(bundled(), all, s, 0, 2e9, 5, false, CurveCrossings::every, 3).report();
  REQUIRE(one.crossings.size() > 10);
  check_same_pairs(one.crossings, three.crossings);
}
