// Time: the month's length and the schedule capacity runs on, provisioned concurrency, cold
// starts and the --max-instances cap.

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

double item_cost(const Estimate& e, const std::string& name) {
  for (const auto& item : e.line_items) {
    if (item.name == name) {
      return item.cost;
    }
  }
  FAIL("no line item " << name);
  return 0;
}

// E[min(X, N)] summed independently: every k up to far past the mean, each P(X = k) from lgamma.
double capped_by_lgamma(double m, long long n) {
  double sum = 0;
  auto last = static_cast<long long>(m + 40 * std::sqrt(m) + 60);
  for (long long k = 0; k <= last; ++k) {
    double p = std::exp(-m + static_cast<double>(k) * std::log(m) - std::lgamma(static_cast<double>(k) + 1));
    sum += p * static_cast<double>(std::min(k, n));
  }
  return sum;
}

// `curve` never falls up to 1e10 requests, and its crossings with each of `others` (at
// `plain`) hold on both sides.
void check_monotone_and_crossings(const CostCurve& curve, const Scenario& plain,
                                  std::initializer_list<const char*> others) {
  double previous = 0;
  for (double requests = 0; requests < 1e10; requests = requests * 1.3 + 1000) {
    double cost = curve.at(requests);
    CHECK(cost >= previous - 1e-9 * cost);
    previous = cost;
  }
  for (const char* other : others) {
    CostCurve b(build_cost_model(bundled(), bundled().get(other), plain));
    REQUIRE(b.feasible());
    auto result = find_crossings(curve, b, 0, 1e10, plain.running_hours());
    INFO(other);
    check_crossing_invariants(curve, b, result);
  }
}

Scenario pc_example() {
  // AWS Lambda pricing page, provisioned concurrency example 2 ("Cyber Monday", US East):
  // 4,096 MB x86, provisioned concurrency 7 for the 24 hours of the sale, 2M requests of 280 ms,
  // all served by the provisioned environments: $10.08 + $21.78 + $0.40 = $32.26.
  Scenario s;
  s.requests_per_month = 2e6;
  s.memory_mb = 4096;
  s.duration_ms = 280;
  s.provisioned_concurrency = 7;
  s.provisioned_hours = 24;
  s.provisioned_share = 1;
  return s;
}

} // namespace

TEST_CASE("Provisioned concurrency: AWS's published example to the cent") {
  Estimate e = estimate(bundled(), bundled().get("aws.lambda.x86"), pc_example());
  REQUIRE(e.feasible);
  CHECK(std::round(*e.monthly_cost * 100) == 3226);
  CHECK(std::round(item_cost(e, "Provisioned concurrency") * 100) == 1008); // 2,419,200 GB-s
  CHECK(std::round(item_cost(e, "Duration (provisioned)") * 100) == 2178);  // 2,240,000 GB-s
  CHECK(std::round(item_cost(e, "Requests") * 100) == 40);                  // no free tier with it
  REQUIRE(e.provisioned_concurrency);
  CHECK(e.provisioned_concurrency->served_share == 1);
  // 560,000 s of requests in 7 x 86,400 s configured.
  CHECK(e.provisioned_concurrency->utilization == Approx(560000.0 / 604800.0).epsilon(1e-12));
  // 0.0000041667 / (0.0000166667 - 0.0000097222): AWS's "about 60%".
  REQUIRE(e.provisioned_concurrency->break_even_utilization);
  CHECK(*e.provisioned_concurrency->break_even_utilization == Approx(0.0000041667 / 0.0000069445).epsilon(1e-12));
}

TEST_CASE("Provisioned concurrency: configured time in 5-minute steps, and a share it cannot serve") {
  Scenario s = pc_example();
  s.provisioned_hours = 24.01; // 86,436 s: billed as 86,700 s
  Estimate e = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
  CHECK(item_cost(e, "Provisioned concurrency") == Approx(7 * 4 * 86700 * 0.0000041667).epsilon(1e-12));
  // 7 environments for 24 h hold 604,800 s: 2,160,000 requests of 280 ms.
  s = pc_example();
  CHECK(evaluate(build_cost_model(bundled(), bundled().get("aws.lambda.x86"), s), 2160000).feasible);
  Estimate over = evaluate(build_cost_model(bundled(), bundled().get("aws.lambda.x86"), s), 2160001);
  CHECK_FALSE(over.feasible);
  CHECK_THAT(over.notes.front(), Catch::Contains("7 environments for 24 h"));
}

TEST_CASE("expected_capped_in_flight: E[min(X, N)] for X ~ Poisson(m)") {
  for (long long n : {1LL, 2LL, 7LL, 50LL, 1000LL}) {
    for (double m :
         {1e-6, 0.01, 0.5, 1.0, 3.0, 6.9, 7.0, 7.1, 20.0, 49.0, 60.0, 300.0, 990.0, 1000.0, 1020.0, 5000.0}) {
      INFO("n " << n << " m " << m);
      CHECK(expected_capped_in_flight(m, n) == Approx(capped_by_lgamma(m, n)).epsilon(1e-11).margin(1e-300));
    }
  }
  CHECK(expected_capped_in_flight(0, 5) == 0);
  CHECK(expected_capped_in_flight(3, 0) == 0);
  CHECK(expected_capped_in_flight(1e12, 100) == 100);
  // Light load: nearly every request finds an environment (m - m^2/2 for N = 1).
  CHECK(expected_capped_in_flight(1e-4, 1) == Approx(1e-4 - 0.5e-8 + 1e-12 / 6).epsilon(1e-9));
  // Never falls as the load grows.
  double previous = 0;
  for (double m = 0.01; m < 200; m *= 1.01) {
    double value = expected_capped_in_flight(m, 40);
    CHECK(value >= previous);
    previous = value;
  }
}

TEST_CASE("Provisioned concurrency: the load model decides the share served") {
  Scenario s;
  s.rps = 50;
  s.duration_ms = 100;
  s.memory_mb = 1024;
  s.provisioned_concurrency = 10;
  CostModel model = build_cost_model(bundled(), bundled().get("aws.lambda.x86"), s);
  Estimate e = evaluate(model, s.requests());
  REQUIRE(e.provisioned_concurrency);
  // 5 requests in flight on average: the environments serve E[min(X, 10)] of them.
  double served = capped_by_lgamma(5.0, 10) / 5.0;
  CHECK(e.provisioned_concurrency->served_share == Approx(served).epsilon(1e-10));
  CHECK(e.provisioned_concurrency->utilization == Approx(capped_by_lgamma(5.0, 10) / 10).epsilon(1e-10));
  double r = s.requests();
  double gb_s = r * 0.1; // 1 GB
  CHECK(item_cost(e, "Duration (provisioned)") == Approx(gb_s * served * 0.0000097222).epsilon(1e-10));
  CHECK(item_cost(e, "Duration (first 6B GB-s)") == Approx(gb_s * (1 - served) * 0.0000166667).epsilon(1e-9));
  CHECK(item_cost(e, "Provisioned concurrency") == Approx(10 * 730 * 3600 * 0.0000041667).epsilon(1e-12));

  SECTION("curves stay monotone and crossings hold on both sides") {
    CostCurve pc(model);
    Scenario plain = s;
    plain.provisioned_concurrency.reset();
    check_monotone_and_crossings(pc, plain, {"aws.ec2.m7g.large", "aws.fargate.x86", "aws.lambda.arm"});
    // Against on-demand Lambda: provisioned concurrency costs more at light load and less once
    // its environments are busy enough.
    CostCurve on_demand(build_cost_model(bundled(), bundled().get("aws.lambda.x86"), plain));
    auto result = find_crossings(pc, on_demand, 0, 1e9, s.running_hours());
    REQUIRE(result.crossings.size() == 1);
    CHECK(result.crossings.front().cheaper_after == "aws.lambda.x86");
  }
}

TEST_CASE("The month's length and a weekly schedule") {
  Scenario s;
  s.rps = 10;
  s.month_hours = 720;
  CHECK(s.requests() == 10.0 * 720 * 3600);
  Estimate vm = estimate(bundled(), bundled().get("aws.ec2.m7g.large"), s);
  CHECK(vm.line_items.front().quantity == 720);

  // A staging environment on weekdays 08:00-20:00.
  Scenario staging;
  staging.rps = 2;
  staging.hours_per_day = 12;
  staging.days_per_week = 5;
  staging.start_hour = 8;
  CHECK(staging.running_hours() == Approx(730.0 * 12 / 24 * 5 / 7));
  CHECK(staging.requests() == Approx(2 * staging.running_hours() * 3600));
  CHECK(staging.runs_in_hour(8));
  CHECK(staging.runs_in_hour(19));
  CHECK_FALSE(staging.runs_in_hour(20));
  CHECK_FALSE(staging.runs_in_hour(7));
  CHECK(staging.runs_in_hour(4 * 24 + 8));       // Friday 08:00
  CHECK_FALSE(staging.runs_in_hour(5 * 24 + 8)); // Saturday
  Estimate part_time = estimate(bundled(), bundled().get("aws.ec2.m7g.large"), staging);
  CHECK(part_time.line_items.front().quantity == Approx(staging.running_hours()));

  SECTION("traffic when the schedule switches capacity off makes provisioned options infeasible") {
    Scenario late = staging;
    late.rps.reset();
    late.profile = parse_profile("8h@0,12h@5,1h@3,3h@0", "test");
    late.days_per_week.reset();
    Estimate off = estimate(bundled(), bundled().get("aws.ec2.m7g.large"), late);
    CHECK_FALSE(off.feasible);
    CHECK_THAT(off.notes.front(), Catch::Contains("20:00 (hour 20)"));
    CHECK(estimate(bundled(), bundled().get("aws.lambda.arm"), late).feasible);
    // Inside the schedule, a day's profile is sized hour by hour over the hours it runs.
    late.profile = parse_profile("8h@0,12h@5,4h@0", "test");
    late.scaling = Scaling::autoscaled;
    Estimate on = estimate(bundled(), bundled().get("aws.fargate.x86"), late);
    REQUIRE(on.feasible);
    CHECK(on.line_items.front().quantity == Approx(late.running_hours() * 1)); // 1 task of 1 vCPU
  }
  SECTION("a day's profile on 5 days a week is a week's") {
    Scenario weekdays = staging;
    weekdays.rps.reset();
    weekdays.profile = parse_profile("8h@0,12h@5,4h@0", "test");
    Estimate off = estimate(bundled(), bundled().get("aws.ec2.m7g.large"), weekdays);
    CHECK_FALSE(off.feasible);
    CHECK_THAT(off.notes.front(), Catch::Contains("Sat 08:00"));
  }
  SECTION("fields that exclude each other") {
    Scenario both = staging;
    both.hours_per_month = 100;
    CHECK_THROWS_WITH(check_consistent(both, "s.json"), Catch::Contains("either hours_per_month or a weekly schedule"));
    Scenario longer;
    longer.month_hours = 720;
    longer.hours_per_month = 730;
    CHECK_THROWS_WITH(check_consistent(longer, "s.json"), Catch::Contains("more than the month's 720 hours"));
    Scenario share;
    set_scenario_field(share, "provisioned_share", 0.5, "test");
    CHECK_THROWS_WITH(check_consistent(share, "s.json"), Catch::Contains("without provisioned_concurrency"));
  }
}

TEST_CASE("max_instances: above what the cap serves an option is infeasible, with the hour named") {
  Scenario s;
  s.profile = parse_profile("4h@500,20h@5", "test");
  s.duration_ms = 100;
  s.memory_mb = 512;
  s.max_instances = 5;
  CostModel model = build_cost_model(bundled(), bundled().get("aws.ec2.m7g.large"), s);
  REQUIRE(model.max_requests);
  CHECK(evaluate(model, *model.max_requests).feasible);
  Estimate over = evaluate(model, *model.max_requests + 1);
  CHECK_FALSE(over.feasible);
  CHECK_THAT(over.notes.front(), Catch::Contains("busiest hour (00:00)"));
  // At the limit, the busiest hour runs exactly the cap.
  CHECK(model.pools.front().at(*model.max_requests) == 5);
  CHECK(model.pools.front().at(*model.max_requests + 1) == 6);
  s.min_instances = 6;
  CHECK_FALSE(build_cost_model(bundled(), bundled().get("aws.ec2.m7g.large"), s).feasible());
}

TEST_CASE("max_instances caps what scales by the request: requests in flight at peak over concurrency") {
  // Worked by hand: 730 h = 2,628,000 s a month. Cloud Run at its default concurrency 80 with
  // at most 2 instances serves 160 requests in flight; at 100 ms each that is 1,600 req/s, or
  // 160 x 2,628,000 / 0.1 = 4,204,800,000 requests a month (flat traffic).
  Scenario s;
  s.duration_ms = 100;
  s.memory_mb = 512;
  s.max_instances = 2;
  CostModel run = build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s);
  REQUIRE(run.max_requests);
  CHECK(*run.max_requests == 4'204'800'000.0);
  CHECK_THAT(run.max_requests_reason, Catch::Contains("more than 160 (2 instances x 80 each) at peak"));
  CHECK(evaluate(run, 4'204'800'000.0).feasible);
  CHECK_FALSE(evaluate(run, 4'204'800'001.0).feasible);
  // A function runs one request per environment: 2 x 2,628,000 / 0.1 = 52,560,000; with a
  // peak 3 times the average, a third of it.
  CostModel lambda = build_cost_model(bundled(), bundled().get("aws.lambda.arm"), s);
  REQUIRE(lambda.max_requests);
  CHECK(*lambda.max_requests == 52'560'000.0);
  s.peak_to_average = 3;
  CHECK(*build_cost_model(bundled(), bundled().get("aws.lambda.arm"), s).max_requests == 17'520'000.0);
  // A profile (4 hours at 500 req/s, 20 at 5): each busy hour carries 500/2100 of a day's
  // requests, so its rate is 24 x 500/2100 = 5.714 times the average: 52,560,000 x 2100 / (24 x 500) = 9,198,000.
  s.peak_to_average = 1;
  s.profile = parse_profile("4h@500,20h@5", "test");
  CostModel profiled = build_cost_model(bundled(), bundled().get("aws.lambda.arm"), s);
  REQUIRE(profiled.max_requests);
  CHECK(*profiled.max_requests == Approx(9'198'000.0).epsilon(1e-12));
  CHECK_THAT(profiled.max_requests_reason, Catch::Contains("in the busiest hour (00:00)"));
  // Kept-warm instances above the cap: infeasible outright.
  s.profile.clear();
  s.min_instances = 3;
  CHECK_FALSE(build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s).feasible());
}

TEST_CASE("Cold starts: estimated from the keep-warm time, INIT billed as duration") {
  Scenario s;
  s.rps = 0.002; // one request every 500 s
  s.duration_ms = 100;
  s.memory_mb = 1024;
  s.init_ms = 400;
  s.free_tier = false;
  double lambda = 0.002;
  double share = std::exp(-lambda * 600); // keep-warm 10 minutes; flat traffic, no rises
  Estimate e = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
  REQUIRE(e.cold_starts);
  CHECK(e.cold_starts->share == Approx(share).epsilon(1e-12));
  CHECK(e.cold_starts->per_month == Approx(share * s.requests()).epsilon(1e-12));
  double r = s.requests();
  CHECK(item_cost(e, "Duration (first 6B GB-s)") == Approx(r * (0.1 + share * 0.4) * 1 * 0.0000166667).epsilon(1e-12));
  // A share given replaces the estimate; no INIT time, nothing billed for it.
  s.cold_start_share = 0.01;
  CHECK(estimate(bundled(), bundled().get("aws.lambda.x86"), s).cold_starts->share == 0.01);
  s.init_ms.reset();
  Estimate unpriced = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
  CHECK(item_cost(unpriced, "Duration (first 6B GB-s)") == Approx(r * 0.1 * 0.0000166667).epsilon(1e-12));
  // Workers do not bill INIT time.
  s.init_ms = 400;
  s.memory_mb = 128;
  Estimate workers = estimate(bundled(), bundled().get("cloudflare.workers"), s);
  REQUIRE(workers.cold_starts);
  CHECK(workers.cold_starts->init_ms == 0);
}

TEST_CASE("expected_idle_instances: kept-warm instances not busy, E[(N - ceil(X / C))+]") {
  auto brute = [](double m, long long c, long long n) {
    double sum = 0;
    auto last = static_cast<long long>(m + 40 * std::sqrt(m) + 60);
    for (long long k = 0; k <= last; ++k) {
      double p = std::exp(-m + static_cast<double>(k) * std::log(m) - std::lgamma(static_cast<double>(k) + 1));
      auto busy = (k + c - 1) / c;
      sum += p * static_cast<double>(std::max(0LL, n - busy));
    }
    return sum;
  };
  for (long long c : {1LL, 10LL, 80LL}) {
    for (long long n : {1LL, 3LL, 20LL}) {
      for (double m : {1e-6, 0.1, 1.0, 5.0, 30.0, 80.0, 200.0, 1500.0, 5000.0}) {
        INFO("c " << c << " n " << n << " m " << m);
        CHECK(expected_idle_instances(m, c, n) == Approx(brute(m, c, n)).epsilon(1e-11).margin(1e-14));
      }
    }
  }
  CHECK(expected_idle_instances(0, 80, 3) == 3);
  CHECK(expected_idle_instances(1e9, 80, 3) == 0);
  CHECK(expected_idle_instances(5, 80, 0) == 0);
}

TEST_CASE("Minimum instances of request-billed containers bill idle time at the idle rate") {
  Scenario s;
  s.rps = 0.5;
  s.duration_ms = 200;
  s.min_instances = 2;
  s.free_tier = false;
  Estimate run = estimate(bundled(), bundled().get("gcp.cloudrun"), s);
  REQUIRE(run.feasible);
  // 0.1 requests in flight: one instance busy while any is (C = 80), so busy = 1 - e^-0.1 and
  // the idle ones 2 e^-0.1 + (1 - e^-0.1).
  double busy = 1 - std::exp(-0.1);
  double idle = 2 * std::exp(-0.1) + busy;
  double seconds = 730.0 * 3600;
  CHECK(item_cost(run, "vCPU time") == Approx(busy * seconds * 0.000024).epsilon(1e-12));
  CHECK(item_cost(run, "Idle vCPU time (min instances)") == Approx(idle * seconds * 0.0000025).epsilon(1e-12));
  CHECK(item_cost(run, "Idle memory time (min instances)") == Approx(idle * 0.5 * seconds * 0.0000025).epsilon(1e-12));

  SECTION("an hour without traffic keeps every minimum instance idle") {
    Scenario night;
    night.profile = parse_profile("12h@0,12h@1", "test");
    night.duration_ms = 200;
    night.min_instances = 1;
    night.free_tier = false;
    Estimate e = estimate(bundled(), bundled().get("gcp.cloudrun"), night);
    double m = 0.2; // 1 req/s x 200 ms in the 12 busy hours
    double idle_hours = 365 + 365 * std::exp(-m);
    CHECK(item_cost(e, "Idle vCPU time (min instances)") == Approx(idle_hours * 3600 * 0.0000025).epsilon(1e-12));
  }
  SECTION("curves stay monotone and crossings hold with kept-warm instances") {
    CostCurve warm(build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s));
    Scenario plain = s;
    plain.min_instances.reset();
    check_monotone_and_crossings(warm, plain, {"aws.ec2.m7g.large", "azure.containerapps", "aws.lambda.arm"});
  }
}

TEST_CASE("Provisioned concurrency hour by hour under a profile and a schedule") {
  Scenario s;
  s.profile = parse_profile("8h@0,12h@40,4h@2", "test");
  s.hours_per_day = 12;
  s.start_hour = 8;
  s.duration_ms = 250;
  s.memory_mb = 2048;
  s.provisioned_concurrency = 12;
  CostModel model = build_cost_model(bundled(), bundled().get("aws.lambda.arm"), s);
  Estimate e = evaluate(model, s.requests());
  REQUIRE(e.provisioned_concurrency);
  // Configured for the schedule's 12 h a day; 10 in flight in those hours, none served by them
  // in the 4 evening hours outside it.
  CHECK(e.provisioned_concurrency->hours == Approx(365));
  double busy_hours = 12.0 / 24;
  double served = busy_hours * capped_by_lgamma(10.0, 12) * 730 * 3600 / 0.25;
  CHECK(e.provisioned_concurrency->served_share * s.requests() == Approx(served).epsilon(1e-10));
  CHECK(e.provisioned_concurrency->utilization == Approx(capped_by_lgamma(10.0, 12) / 12).epsilon(1e-10));

  CostCurve pc(model);
  Scenario plain = s;
  plain.provisioned_concurrency.reset();
  plain.scaling = Scaling::autoscaled;
  // Evening traffic outside the schedule: provisioned options cannot serve it.
  CHECK_FALSE(build_cost_model(bundled(), bundled().get("aws.fargate.arm"), plain).feasible());
  for (const char* other : {"aws.lambda.arm", "aws.lambda.x86", "gcp.functions.gen1"}) {
    CostCurve b(build_cost_model(bundled(), bundled().get(other), plain));
    REQUIRE(b.feasible());
    auto result = find_crossings(pc, b, 0, 1e10, s.running_hours());
    INFO(other);
    check_crossing_invariants(pc, b, result);
  }
  // Within the schedule, against capacity that follows it hour by hour.
  Scenario day = s;
  day.profile = parse_profile("8h@0,12h@40,4h@0", "test");
  CostCurve pc_day(build_cost_model(bundled(), bundled().get("aws.lambda.arm"), day));
  day.provisioned_concurrency.reset();
  for (const char* other : {"aws.fargate.arm", "aws.ec2.m7g.large", "aws.fargate.x86", "aws.lambda.arm"}) {
    CostCurve b(build_cost_model(bundled(), bundled().get(other), day));
    REQUIRE(b.feasible());
    auto result = find_crossings(pc_day, b, 0, 1e10, day.running_hours());
    INFO(other);
    check_crossing_invariants(pc_day, b, result);
    if (std::string(other) == "aws.lambda.arm") {
      // On demand is cheaper while the environments idle, dearer once they are busy enough.
      CHECK_FALSE(result.crossings.empty());
    }
  }
}
