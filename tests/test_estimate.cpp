// Published pricing examples from the providers' own pages, to the cent, and the model's
// behaviour around free tiers, volume tiers, rounding, sizing and limits.

#include <breakeven/catalogue.hpp>
#include <breakeven/curve.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

using namespace breakeven;
using breakeven::test::bundled;

namespace {

double cents(double dollars) {
  return std::round(dollars * 100.0) / 100.0;
}

Scenario scenario_with(double requests) {
  Scenario s;
  s.requests_per_month = requests;
  return s;
}

const LineItem* find_item(const Estimate& e, const std::string& name) {
  for (const auto& item : e.line_items) {
    if (item.name == name) {
      return &item;
    }
  }
  return nullptr;
}

// The line item that must be there.
const LineItem& item(const Estimate& e, const std::string& name) {
  const LineItem* found = find_item(e, name);
  INFO("line item: " << name << " of " << e.offering_id);
  REQUIRE(found != nullptr);
  return *found;
}

} // namespace

TEST_CASE("Published example: AWS Lambda, 512 MB, 3M invocations of 1 s, at $0.00001667/GB-s = $18.74") {
  // The rates of the example as AWS published it (before per-ms billing changed the rate's digits).
  constexpr const char* k_example_table = R"({
    "schema_version": 1, "provider": "example", "currency": "USD", "as_of": "2020-11-30",
    "offerings": [{
      "id": "example.lambda", "name": "Lambda as in the published example", "kind": "function",
      "source": "https://aws.amazon.com/lambda/pricing/",
      "charges": [
        {"name": "Requests", "meter": "requests", "unit_price": 0.20, "per": 1000000, "free_tier": 1000000},
        {"name": "Duration", "meter": "gb_seconds", "unit_price": 0.00001667, "free_tier": 400000}
      ]
    }]})";
  Catalogue catalogue;
  catalogue.add(parse_rate_table(k_example_table, "example.json"));
  Scenario s = scenario_with(3e6);
  s.memory_mb = 512;
  s.duration_ms = 1000;
  Estimate e = estimate(catalogue, catalogue.get("example.lambda"), s);

  SECTION("the total") {
    REQUIRE(e.monthly_cost);
    CHECK(cents(*e.monthly_cost) == 18.74);
  }
  SECTION("the line items of the published arithmetic") {
    // 3M x 1 s x 0.5 GB = 1.5M GB-s; minus 400,000 free = 1.1M GB-s x $0.00001667 = $18.337.
    const LineItem* duration = find_item(e, "Duration");
    REQUIRE(duration);
    CHECK(duration->quantity == Approx(1.1e6));
    CHECK(duration->cost == Approx(18.337));
    // 3M - 1M free = 2M requests x $0.20/M = $0.40.
    const LineItem* requests = find_item(e, "Requests");
    REQUIRE(requests);
    CHECK(requests->quantity == Approx(2e6));
    CHECK(requests->cost == Approx(0.40));
    CHECK(item(e, "Duration (free tier)").quantity == Approx(400000));
  }
  SECTION("at today's bundled x86 price ($0.0000166667/GB-s) the same workload is $18.73") {
    Estimate today = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
    CHECK(cents(*today.monthly_cost) == 18.73);
  }
}

TEST_CASE("Published example: AWS Fargate, 5 tasks of 1 vCPU, 2 GB, 30 GB storage, 10 min a day for 30 days = $1.26") {
  Scenario s = scenario_with(0);
  s.min_instances = 5;
  s.task_vcpu = 1;
  s.task_memory_mb = 2048;
  s.ephemeral_storage_gb = 30;
  s.hours_per_month = 5; // 600 s x 30 days
  Estimate e = estimate(bundled(), bundled().get("aws.fargate.x86"), s);
  REQUIRE(e.monthly_cost);
  CHECK(cents(*e.monthly_cost) == 1.26);
  REQUIRE(e.instances == 5);
  // The example's own lines: CPU $1.01, memory $0.22, storage $0.03.
  CHECK(cents(item(e, "vCPU-hours").cost) == 1.01);
  CHECK(cents(item(e, "Memory GB-hours").cost) == 0.22);
  CHECK(cents(item(e, "Ephemeral storage above 20 GB").cost) == 0.03);
  CHECK(item(e, "Ephemeral storage above 20 GB").quantity == Approx(5 * 10 * 5));
}

TEST_CASE("Published example: Cloudflare Workers, 15M requests x 7 ms CPU = $8.00") {
  Scenario s = scenario_with(15e6);
  s.duration_ms = 7;
  s.cpu_ms = 7;
  s.memory_mb = 128;
  Estimate e = estimate(bundled(), bundled().get("cloudflare.workers"), s);
  REQUIRE(e.monthly_cost);
  CHECK(cents(*e.monthly_cost) == 8.00);
  // $5 plan + 5M extra requests x $0.30/M + 75M extra CPU-ms x $0.02/M.
  CHECK(item(e, "Requests").quantity == Approx(5e6));
  CHECK(item(e, "CPU time").quantity == Approx(75e6));
  CHECK(item(e, "Requests (included)").quantity == Approx(10e6));
}

TEST_CASE("Lambda on Arm: duration 20% cheaper than x86 at the same scenario") {
  Scenario s = scenario_with(100e6);
  s.duration_ms = 250;
  s.memory_mb = 1024;
  s.free_tier = false;
  Estimate x86 = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
  Estimate arm = estimate(bundled(), bundled().get("aws.lambda.arm"), s);
  const LineItem* x86_duration = find_item(x86, "Duration (first 6B GB-s)");
  const LineItem* arm_duration = find_item(arm, "Duration (first 7.5B GB-s)");
  REQUIRE(x86_duration);
  REQUIRE(arm_duration);
  CHECK(arm_duration->quantity == x86_duration->quantity);
  CHECK(arm_duration->cost / x86_duration->cost == Approx(0.8).epsilon(1e-5));
  CHECK(item(arm, "Requests").cost == item(x86, "Requests").cost);
}

TEST_CASE("Lambda volume tiers apply exactly at 6B GB-s") {
  Scenario s;
  s.duration_ms = 1000;
  s.memory_mb = 1024; // 1 GB-s per request
  s.free_tier = false;
  const Offering& x86 = bundled().get("aws.lambda.x86");

  SECTION("at exactly 6B GB-s everything is in the first tier") {
    s.requests_per_month = 6e9;
    Estimate e = estimate(bundled(), x86, s);
    const LineItem* first = find_item(e, "Duration (first 6B GB-s)");
    REQUIRE(first);
    CHECK(first->quantity == 6e9);
    CHECK(first->unit_price == Approx(0.0000166667));
    CHECK_FALSE(find_item(e, "Duration (next 9B GB-s)"));
  }
  SECTION("1,000 GB-s more go to the second tier at $0.000015") {
    s.requests_per_month = 6e9 + 1000;
    Estimate e = estimate(bundled(), x86, s);
    const LineItem* next = find_item(e, "Duration (next 9B GB-s)");
    REQUIRE(next);
    CHECK(next->quantity == Approx(1000));
    CHECK(next->unit_price == Approx(0.000015));
    CHECK(item(e, "Duration (first 6B GB-s)").quantity == 6e9);
  }
  SECTION("above 15B the third tier") {
    s.requests_per_month = 20e9;
    Estimate e = estimate(bundled(), x86, s);
    CHECK(item(e, "Duration (over 15B GB-s)").quantity == Approx(5e9));
    CHECK(item(e, "Duration (next 9B GB-s)").quantity == Approx(9e9));
  }
}

TEST_CASE("Free tier: switched off by the scenario, included usage is not") {
  Scenario s = scenario_with(3e6);
  s.free_tier = false;
  s.memory_mb = 128;
  Estimate lambda = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
  CHECK_FALSE(find_item(lambda, "Requests (free tier)"));
  CHECK(item(lambda, "Requests").quantity == 3e6);
  Estimate workers = estimate(bundled(), bundled().get("cloudflare.workers"), s);
  CHECK(item(workers, "Requests (included)").quantity == 3e6);
}

TEST_CASE("Billing granularity and memory rounding come from the rate table") {
  SECTION("Lambda bills duration to the millisecond") {
    Scenario s = scenario_with(1e6);
    s.duration_ms = 120.4;
    s.free_tier = false;
    Estimate e = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
    // 121 ms x 0.5 GB x 1M
    CHECK(item(e, "Duration (first 6B GB-s)").quantity == Approx(0.121 * 0.5 * 1e6));
  }
  SECTION("Cloud Functions 1st gen rounds duration up to 100 ms and memory to the next size") {
    Scenario s = scenario_with(1e6);
    s.duration_ms = 120;
    s.memory_mb = 300; // billed as 512 MB
    s.free_tier = false;
    Estimate e = estimate(bundled(), bundled().get("gcp.functions.gen1"), s);
    const LineItem* memory = find_item(e, "Memory time");
    REQUIRE(memory);
    CHECK(memory->quantity == Approx(0.2 * 0.5 * 1e6));
  }
  SECTION("Azure Functions round memory up to 128 MB and bill at least 100 ms") {
    Scenario s = scenario_with(1e6);
    s.duration_ms = 30;
    s.memory_mb = 200; // billed as 256 MB
    s.free_tier = false;
    Estimate e = estimate(bundled(), bundled().get("azure.functions.consumption"), s);
    const LineItem* time = find_item(e, "Execution time");
    REQUIRE(time);
    CHECK(time->quantity == Approx(0.1 * 0.25 * 1e6));
  }
}

TEST_CASE("Limits make an offering infeasible, with the reason, not an error") {
  SECTION("a 20-minute job cannot run on Lambda") {
    Scenario s = scenario_with(9000);
    s.duration_ms = 20 * 60 * 1000;
    Estimate e = estimate(bundled(), bundled().get("aws.lambda.arm"), s);
    CHECK_FALSE(e.feasible);
    CHECK_FALSE(e.monthly_cost);
    REQUIRE_FALSE(e.notes.empty());
    CHECK(e.notes.front() == "a request runs 20 min; the limit is 15 min");
  }
  SECTION("12 GB of memory is beyond Lambda's 10 GB") {
    Scenario s = scenario_with(1e6);
    s.memory_mb = 12288;
    Estimate e = estimate(bundled(), bundled().get("aws.lambda.x86"), s);
    CHECK_FALSE(e.feasible);
    CHECK(e.notes.front() == "needs 12288 MB of memory; the limit is 10240 MB");
  }
  SECTION("a Fargate task size that does not exist") {
    Scenario s = scenario_with(1e6);
    s.task_vcpu = 1;
    s.task_memory_mb = 512;
    Estimate e = estimate(bundled(), bundled().get("aws.fargate.arm"), s);
    CHECK_FALSE(e.feasible);
    CHECK(e.notes.front().starts_with("1 vCPU with 512 MB is not a valid task size (1 vCPU takes"));
  }
  SECTION("the same job is feasible on a VM") {
    Scenario s = scenario_with(9000);
    s.duration_ms = 20 * 60 * 1000;
    CHECK(estimate(bundled(), bundled().get("aws.ec2.m7g.large"), s).feasible);
  }
}

TEST_CASE("Provisioned capacity is sized for the peak in whole instances") {
  // m7g.large: 2 vCPU. 100 ms CPU per request -> 20 req/s per instance, 14 req/s at 70%.
  const Offering& vm = bundled().get("aws.ec2.m7g.large");
  Scenario s;
  s.duration_ms = 100;
  s.cpu_ms = 100;
  SECTION("instances = max(min, ceil(peak rps / (per-instance rps x utilisation)))") {
    s.rps = 14 * 3; // exactly three instances' worth
    CHECK(estimate(bundled(), vm, s).instances == 3);
    s.rps = 14 * 3 + 0.01;
    CHECK(estimate(bundled(), vm, s).instances == 4);
    s.peak_to_average = 2;
    CHECK(estimate(bundled(), vm, s).instances == 7);
  }
  SECTION("the HA minimum sets the floor") {
    s.rps = 1;
    s.min_instances = 2;
    Estimate e = estimate(bundled(), vm, s);
    CHECK(e.instances == 2);
    CHECK(*e.monthly_cost == Approx(2 * (730 * 0.0816 + 8 * 0.08))); // each with its 8 GB gp3 root volume
  }
  SECTION("part-time capacity runs fewer hours") {
    s.rps = 1;
    s.hours_per_month = 200;
    // The root volume is billed by the month, running or not.
    CHECK(*estimate(bundled(), vm, s).monthly_cost == Approx(200 * 0.0816 + 8 * 0.08));
  }
}

TEST_CASE("EKS with three nodes and its supporting infrastructure, itemised: the seed's $400-600") {
  Scenario s = scenario_with(10e6);
  Estimate e = estimate(bundled(), bundled().get("aws.eks"), s);
  REQUIRE(e.monthly_cost);
  CHECK(e.instances == 3);
  CHECK(*e.monthly_cost >= 400);
  CHECK(*e.monthly_cost <= 600);
  CHECK(item(e, "EKS cluster (standard support)").cost == Approx(73.0));
  CHECK(item(e, "Nodes (m6i.large): m6i.large instance-hours").quantity == Approx(3 * 730));
  CHECK(item(e, "NAT gateway (one AZ) x3: hours").cost == Approx(3 * 730 * 0.045));
  CHECK(item(e, "Application Load Balancer: hours").cost == Approx(730 * 0.0225));
  CHECK(item(e, "EBS gp3 volumes: storage").quantity == Approx(60));
  SECTION("a node type from the scenario replaces the default") {
    s.node_type = "aws.ec2.m7g.large";
    Estimate arm = estimate(bundled(), bundled().get("aws.eks"), s);
    CHECK(find_item(arm, "Nodes (m7g.large): m7g.large instance-hours"));
  }
}

TEST_CASE("Add-ons attach to offerings of their provider") {
  Scenario s = scenario_with(400e6);
  s.addons = {"aws.apigateway.http"};
  Estimate lambda = estimate(bundled(), bundled().get("aws.lambda.arm"), s);
  // 300M at $1.00/M + 100M at $0.90/M
  CHECK(item(lambda, "API Gateway HTTP API: HTTP API requests (first 300M requests)").cost == Approx(300.0));
  CHECK(item(lambda, "API Gateway HTTP API: HTTP API requests (over 300M requests)").cost == Approx(90.0));
  Estimate cloudrun = estimate(bundled(), bundled().get("gcp.cloudrun"), s);
  for (const auto& item : cloudrun.line_items) {
    CHECK_FALSE(item.name.starts_with("API Gateway"));
  }
  s.addons = {"aws.apigw.http"};
  REQUIRE_THROWS_WITH(estimate(bundled(), bundled().get("aws.lambda.arm"), s),
                      "addons: unknown component \"aws.apigw.http\" (did you mean aws.apigateway.http?)");
}

TEST_CASE("Property: line items sum to the total and each is quantity x unit price, everywhere") {
  const double requests[] = {0, 1, 999'999, 1e6, 3e6, 5e7, 2.5e9, 6e9, 2e10};
  const double durations[] = {1, 7, 120, 1000, 60'000};
  const double memories[] = {128, 512, 1769, 4096};
  const bool free_tiers[] = {true, false};
  int checked = 0;
  for (const auto& offering : bundled().offerings()) {
    for (double r : requests) {
      for (double d : durations) {
        for (double m : memories) {
          for (bool free : free_tiers) {
            Scenario s = scenario_with(r);
            s.duration_ms = d;
            s.memory_mb = m;
            s.free_tier = free;
            s.peak_to_average = 2;
            Estimate e = estimate(bundled(), offering, s);
            if (!e.feasible) {
              CHECK_FALSE(e.monthly_cost);
              CHECK_FALSE(e.notes.empty());
              continue;
            }
            double sum = 0;
            for (const auto& item : e.line_items) {
              CHECK(item.quantity > 0);
              CHECK(item.unit_price >= 0);
              CHECK(item.cost == Approx(item.quantity * item.unit_price).epsilon(1e-12));
              sum += item.cost;
            }
            REQUIRE(e.monthly_cost);
            CHECK(*e.monthly_cost == Approx(sum).epsilon(1e-12));
            ++checked;
          }
        }
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("Cost never falls as traffic grows") {
  const double requests[] = {0, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};
  for (const auto& offering : bundled().offerings()) {
    double previous = -1;
    for (double r : requests) {
      Estimate e = estimate(bundled(), offering, scenario_with(r));
      if (!e.monthly_cost) {
        break;
      }
      CHECK(*e.monthly_cost >= previous);
      previous = *e.monthly_cost;
    }
  }
}

TEST_CASE("InstanceModel, steps settle quickly at any scale and stay exact") {
  // One instance that serves more than 2^53 requests: its step never ends within the range of
  // whole requests, and asking for it returns at once (it used to step one request at a time
  // past 2^53, where x + 1 == x, and never return).
  InstanceModel huge;
  huge.requests_per_instance = 1e300;
  CHECK(huge.at(k_max_whole_requests) == 1);
  CHECK(huge.last_request_of(1) >= k_max_whole_requests);

  // Steps of an awkward size: each edge is the last request the count serves.
  for (double per_instance : {1.0, 1.5, 3.7e12, 123456.789, 4.5e15}) {
    InstanceModel m;
    m.min_instances = 0;
    m.requests_per_instance = per_instance;
    for (long long n : {1LL, 2LL, 3LL, 1000LL, 999'999LL}) {
      double edge = m.last_request_of(n);
      if (edge >= k_max_whole_requests) {
        continue;
      }
      INFO(per_instance << " x " << n);
      CHECK(m.at(edge) <= n);
      CHECK(m.at(edge + 1) > n);
    }
  }
}

TEST_CASE("Scenarios at the edges of their ranges: every figure finite, costs never fall") {
  // Fuzzing found hangs (tiny cpu_ms on a VM), long long overflow (huge cpu_ms), an instance
  // count that collapsed to 1 above 3.4e26 requests, and infinite line items for fields at the
  // edges of double. Each field now has a documented range; at its ends every offering either
  // prices finitely or is infeasible with a reason.
  struct Edge {
    const char* key;
    double value;
  };
  const Edge edges[] = {{"cpu_ms", 0.001},
                        {"cpu_ms", 86'400'000},
                        {"duration_ms", 0.001},
                        {"duration_ms", 86'400'000},
                        {"memory_mb", 1},
                        {"memory_mb", 10'485'760},
                        {"utilization", 0.01},
                        {"hours_per_month", 0.01},
                        {"peak_to_average", 10'000},
                        {"concurrency", 1e5},
                        {"response_kb", 1e7},
                        {"ephemeral_storage_gb", 1e5},
                        {"task_vcpu", 0.01},
                        {"task_memory_mb", 10'485'760},
                        {"min_instances", 1e6}};
  for (const auto& edge : edges) {
    Scenario s;
    set_scenario_field(s, edge.key, edge.value, "test");
    for (const Offering& offering : bundled().offerings()) {
      CostModel model = build_cost_model(bundled(), offering, s);
      if (!model.feasible()) {
        CHECK_FALSE(model.infeasible_reasons.front().empty());
        continue;
      }
      CostCurve curve(model);
      double previous = 0;
      for (double r : {0.0, 1.0, 1e6, 1e9, 1e12, 1e15, k_max_whole_requests}) {
        INFO(edge.key << " = " << edge.value << ", " << offering.id << " at " << r);
        Estimate e = evaluate(model, r);
        REQUIRE(e.monthly_cost);
        CHECK(std::isfinite(*e.monthly_cost));
        CHECK(*e.monthly_cost >= previous * (1 - 1e-12));
        for (const auto& item : e.line_items) {
          CHECK(std::isfinite(item.quantity));
          CHECK(item.cost >= 0);
        }
        if (const CapacityPool* pool = model.single_staircase()) {
          CHECK(*e.instances >= pool->provisioned.min_instances);
          CHECK(std::isfinite(curve.next_breakpoint(r)));
        }
        previous = *e.monthly_cost;
      }
    }
  }
}

TEST_CASE("An instance that cannot serve one request a month is infeasible, with the reason") {
  Scenario s;
  set_scenario_field(s, "cpu_ms", 86'400'000, "test");
  set_scenario_field(s, "utilization", 0.01, "test");
  set_scenario_field(s, "hours_per_month", 0.01, "test");
  set_scenario_field(s, "peak_to_average", 10'000, "test");
  CostModel model = build_cost_model(bundled(), bundled().get("aws.ec2.m7g.large"), s);
  REQUIRE_FALSE(model.feasible());
  // 2 vCPU x 1000 / 86.4e6 ms = 2.31e-5 req/s, x 1% x 0.01 h x 3600 s / 10,000 = 8.33e-10.
  CHECK(model.infeasible_reasons.front() ==
        "one m7g.large serves 8.33e-10 requests a month, less than one (see cpu_ms, rps_per_instance, utilization, "
        "hours_per_month and "
        "peak_to_average)");
}

TEST_CASE("Prices so large that costs overflow make the offering infeasible, never infinite") {
  Catalogue catalogue = Catalogue::bundled();
  catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-27",
      "offerings": [{"id": "t.fn", "name": "huge", "kind": "function", "source": "test",
        "charges": [{"name": "Requests", "meter": "requests", "unit_price": 1e300}]}]})",
                                 "huge.json"));
  Scenario s;
  s.requests_per_month = 10;
  CostModel model = build_cost_model(catalogue, catalogue.get("t.fn"), s);
  REQUIRE_FALSE(model.feasible());
  CHECK(model.infeasible_reasons.front() == "its prices overflow a double at 2^53 requests a month (huge.json)");
}

TEST_CASE("evaluate, capacity: a pool each, adding up to the instances billed") {
  Scenario s;
  s.profile = parse_profile("4h@500,20h@5", "test");
  s.duration_ms = 100;
  s.memory_mb = 512;
  double total = s.requests();
  auto billed = [](const Estimate& e) {
    return std::accumulate(e.capacity.begin(), e.capacity.end(), 0.0,
                           [](double sum, const CapacityEntry& c) { return sum + c.weight * c.instances; });
  };
  SECTION("autoscaled VMs: 11 m7g.large for the 4 busy hours, 1 for the other 20") {
    s.scaling = Scaling::autoscaled;
    CostModel model = build_cost_model(bundled(), bundled().get("aws.ec2.m7g.large"), s);
    Estimate e = evaluate(model, total);
    REQUIRE(e.capacity.size() == 2);
    CHECK(e.capacity[0].label == "m7g.large");
    CHECK(e.capacity[0].kind == CapacityPool::Kind::provisioned);
    CHECK(e.capacity[0].weight * 24 == Approx(4));
    CHECK(e.capacity[0].instances == 11);
    CHECK(e.capacity[1].weight * 24 == Approx(20));
    CHECK(e.capacity[1].instances == 1);
    CHECK_FALSE(e.instances); // no one count runs all month
    CHECK(billed(e) == Approx(model.instances_at(total)).epsilon(1e-15));
  }
  SECTION("a fixed VM: one pool all month, the estimate's instance count") {
    CostModel model = build_cost_model(bundled(), bundled().get("aws.ec2.m7g.large"), s);
    Estimate e = evaluate(model, total);
    REQUIRE(e.capacity.size() == 1);
    CHECK(e.capacity[0].weight == 1);
    CHECK(e.capacity[0].instances == static_cast<double>(*e.instances));
    CHECK(billed(e) == model.instances_at(total));
  }
  SECTION("every offering at several volumes, with a profile and without") {
    Scenario flat;
    flat.duration_ms = 100;
    for (const Scenario& at : {s, flat}) {
      for (const Offering& offering : bundled().offerings()) {
        CostModel model = build_cost_model(bundled(), offering, at);
        for (double r : {0.0, 3e6, total, 5e9}) {
          Estimate e = evaluate(model, r);
          INFO(offering.id << " at " << r);
          if (!e.feasible) {
            CHECK(e.capacity.empty());
            continue;
          }
          REQUIRE(e.capacity.size() == model.pools.size());
          CHECK(billed(e) == Approx(model.instances_at(r)).epsilon(1e-12));
          for (const auto& c : e.capacity) {
            if (c.kind == CapacityPool::Kind::provisioned) {
              CHECK(c.instances == std::round(c.instances));
            }
          }
        }
      }
    }
  }
  SECTION("busy instances hour by hour: expected counts, no function pools") {
    CostModel run = build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s);
    Estimate e = evaluate(run, total);
    REQUIRE(e.capacity.size() == 2);
    CHECK(e.capacity[0].kind == CapacityPool::Kind::busy);
    CHECK(e.capacity[0].instances == Approx(expected_busy_instances(500 * 0.1, 80)).epsilon(1e-12));
    CHECK(billed(e) == Approx(run.instances_at(total)).epsilon(1e-12));
    CHECK(evaluate(build_cost_model(bundled(), bundled().get("aws.lambda.arm"), s), total).capacity.empty());
  }
}

TEST_CASE("AWS internet egress: four tiers, $0.05 a GB above 150 TB a month") {
  // us-east-1 data transfer out: 100 GB free, $0.09 to 10 TB, $0.085 to 50 TB, $0.07 to 150 TB,
  // $0.05 above (TB of 1,024 GB, as AWS bills). 200 TB: 10,140 x 0.09 + 40,960 x 0.085 +
  // 102,400 x 0.07 + 51,200 x 0.05 = $14,122.20.
  Scenario s;
  s.requests_per_month = 204800.0 * 1024; // 1 MB responses: 204,800 GB
  s.response_kb = 1024;
  Estimate e = estimate(bundled(), bundled().get("aws.lambda.arm"), s);
  double egress = 0;
  for (const auto& item : e.line_items) {
    if (item.name.starts_with("Data transfer out to the internet")) {
      egress += item.cost;
    }
  }
  CHECK(std::round(egress * 100) == 1412220);
}

TEST_CASE("The note on kept-warm instances counts them in words: 1 instance, 2 instances") {
  Scenario s = scenario_with(1e6);
  auto has_note = [](const Estimate& e, const std::string& start) {
    return std::any_of(e.notes.begin(), e.notes.end(), [&start](const std::string& n) { return n.starts_with(start); });
  };
  s.min_instances = 1;
  Estimate one = estimate(bundled(), bundled().get("azure.containerapps"), s);
  CHECK(has_note(one, "1 instance kept warm (min_instances): those not busy bill at the idle rate"));
  s.min_instances = 2;
  Estimate two = estimate(bundled(), bundled().get("azure.containerapps"), s);
  CHECK(has_note(two, "2 instances kept warm (min_instances): those not busy bill at the idle rate"));
}

TEST_CASE("evaluate of a model given up is the estimate of the same model kept") {
  // evaluate(CostModel&&) moves the model's reasons, notes, warnings and assumptions in rather
  // than copying them; everything else is read as evaluate(const CostModel&) reads it.
  Catalogue catalogue = bundled();
  std::vector<Scenario> scenarios(4);
  scenarios[0].requests_per_month = 1e6;
  scenarios[1].requests_per_month = 300e6;
  scenarios[1].min_instances = 2;
  scenarios[2].requests_per_month = 5e6;
  scenarios[2].duration_ms = 20 * 60 * 1000.0; // past every function's limit: infeasible
  scenarios[3].requests_per_month = 50e6;
  scenarios[3].max_instances = 1; // a request limit, past which the estimate is infeasible
  std::size_t compared = 0;
  std::size_t with_text = 0;
  for (const Offering* offering : catalogue.select(std::vector<std::string>{"*"})) {
    for (const Scenario& scenario : scenarios) {
      for (BuildOptions options : {BuildOptions{}, BuildOptions{.describe = false, .assumptions = true}}) {
        INFO(offering->id << " at " << *scenario.requests_per_month << ", described " << options.describe);
        CostModel kept = build_cost_model(catalogue, *offering, scenario, options);
        Estimate a = evaluate(kept, scenario.requests());
        Estimate b = evaluate(build_cost_model(catalogue, *offering, scenario, options), scenario.requests());
        ++compared;
        with_text += a.notes.empty() || a.assumptions.empty() ? 0 : 1;
        test::check_same_estimate(a, b);
      }
    }
  }
  CHECK(compared > 500);
  CHECK(with_text > 100); // the text moved is there to move
}
