// Traffic profiles: the month's requests spread by hour, capacity fixed for the busiest hour or
// autoscaled hour by hour, and busy instances hour by hour.

#include <breakeven/capacity.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <cmath>

using namespace breakeven;
using breakeven::test::bundled;
using breakeven::test::check_crossing_invariants;

namespace {

// "500 req/s for 4 hours a day and 5 req/s the rest": the issue's spiky workload.
Scenario spiky() {
  Scenario s;
  s.profile = parse_profile("4h@500,20h@5", "test");
  s.duration_ms = 100;
  s.memory_mb = 512;
  return s;
}

} // namespace

TEST_CASE("parse_profile: hours at a rate, adding up to a day or a week") {
  auto day = parse_profile("4h@500,20h@5", "--profile");
  REQUIRE(day.size() == 24);
  CHECK(day[0] == 500);
  CHECK(day[3] == 500);
  CHECK(day[4] == 5);
  CHECK(parse_profile("40h@1,128h@0", "--profile").size() == 168);
  CHECK_THROWS_WITH(parse_profile("4h@500,19h@5", "--profile"), Catch::Contains("add up to 23"));
  CHECK_THROWS_WITH(parse_profile("4x@500", "--profile"), Catch::Contains("HOURSh@RATE"));
  CHECK_THROWS_WITH(parse_profile("24h@0", "--profile"), Catch::Contains("every hour is 0"));
  CHECK_THROWS_WITH(parse_profile("24h@-1", "--profile"), Catch::Contains("from 0 to 3e9"));
  CHECK_THROWS_WITH(parse_profile("200h@1", "--profile"), Catch::Contains("HOURSh@RATE"));
}

TEST_CASE("A profile alone gives the month's requests; with --requests it gives the shape") {
  Scenario s = spiky();
  // (4 x 500 + 20 x 5) / 24 = 87.5 req/s on average over 730 hours.
  CHECK(s.requests() == Approx(87.5 * 730 * 3600).epsilon(1e-15));
  s.requests_per_month = 1e6;
  CHECK(s.requests() == 1e6);
  auto shares = s.profile_shares();
  CHECK(shares[0] == Approx(500.0 / 2100));
  CHECK(shares[23] == Approx(5.0 / 2100));
  Scenario both = spiky();
  both.peak_to_average = 2;
  CHECK_THROWS_WITH(check_complete(both, "test"), Catch::Contains("not both"));
}

TEST_CASE("The spiky workload in one command: functions by totals, containers autoscaled, VMs fixed") {
  Scenario s = spiky();
  double total = s.requests();
  Scenario flat;
  flat.requests_per_month = total;
  flat.duration_ms = 100;
  flat.memory_mb = 512;
  // Lambda's cost depends only on the month's totals, free tier counted once.
  const Offering& lambda = bundled().get("aws.lambda.x86");
  CHECK(*estimate(bundled(), lambda, s).monthly_cost == Approx(*estimate(bundled(), lambda, flat).monthly_cost));
  // Fargate autoscaled: each hour runs ceil(rate / (1 vCPU x 1000 / cpu_ms x 0.7)) tasks.
  const Offering& fargate = bundled().get("aws.fargate.x86");
  double served = 1000.0 / (100.0 * 512 / 1769) * 0.7; // req/s one task serves at 70%
  double busy_tasks = std::ceil(500 / served);
  double quiet_tasks = std::max(1.0, std::ceil(5 / served));
  CostModel autoscaled = build_cost_model(bundled(), fargate, s);
  CHECK(autoscaled.instances_at(total) == Approx(4.0 / 24 * busy_tasks + 20.0 / 24 * quiet_tasks));
  Scenario fixed = s;
  fixed.scaling = Scaling::fixed;
  CostModel fixed_model = build_cost_model(bundled(), fargate, fixed);
  CHECK(fixed_model.instances_at(total) == busy_tasks);
  CHECK(*evaluate(autoscaled, total).monthly_cost < *evaluate(fixed_model, total).monthly_cost / 3);
  // A VM is fixed for the busiest hour unless told.
  CostModel vm = build_cost_model(bundled(), bundled().get("aws.ec2.m7g.large"), s);
  double vm_served = 2 * 1000.0 / (100.0 * 512 / 1769) * 0.7;
  CHECK(vm.instances_at(total) == std::ceil(500 / vm_served));
}

TEST_CASE("Busy instances hour by hour") {
  Scenario s = spiky();
  double total = s.requests();
  CostModel run = build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s);
  // Each hour: X ~ Poisson(rate x 0.1 s), E[ceil(X / 80)] instances busy.
  double expected =
      4.0 / 24 * expected_busy_instances(500 * 0.1, 80) + 20.0 / 24 * expected_busy_instances(5 * 0.1, 80);
  CHECK(run.instances_at(total) == Approx(expected).epsilon(1e-12));
}

TEST_CASE("Crossings with a profile hold on both sides, and curves never fall") {
  Scenario s = spiky();
  std::size_t crossings = 0;
  for (const char* provisioned : {"aws.fargate.x86", "aws.ec2.m7g.large"}) {
    for (const char* billed : {"aws.lambda.x86", "gcp.cloudrun"}) {
      CostCurve a(build_cost_model(bundled(), bundled().get(billed), s));
      CostCurve b(build_cost_model(bundled(), bundled().get(provisioned), s));
      INFO(billed << " vs " << provisioned);
      double previous = 0;
      for (double r = 0; r <= 1e11; r = std::max(1.0, r * 1.05)) {
        REQUIRE(b.at(r) >= previous);
        previous = b.at(r);
      }
      auto result = find_crossings(a, b, 0, 1e10, s.running_hours());
      crossings += result.crossings.size();
      check_crossing_invariants(a, b, result);
    }
  }
  CHECK(crossings >= 3);
}

TEST_CASE("Scenario files carry a profile and a scaling mode") {
  std::string day = "[500,500,500,500,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5]";
  Scenario s = parse_scenario(R"({"profile": )" + day + R"(, "scaling": "fixed"})", "s.json");
  CHECK(s.profile.size() == 24);
  CHECK(s.scaling == Scaling::fixed);
  CHECK_THROWS_WITH(parse_scenario(R"({"profile": [1, 2]})", "s.json"), Catch::Contains("24 values"));
  CHECK_THROWS_WITH(parse_scenario(R"({"profile": )" + day + R"(, "scaling": "elastic"})", "s.json"),
                    Catch::Contains("\"fixed\" or \"autoscaled\""));
}
