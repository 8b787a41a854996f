// Capacity: busy instances of request-billed containers against a brute-force Poisson sum,
// CPU derived from a function's memory share, measured capacity, the parts a user controls,
// and the assumptions an estimate lists.

#include <breakeven/capacity.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

using namespace breakeven;
using breakeven::test::bundled;
using breakeven::test::check_crossing_invariants;
using breakeven::test::order_of;

namespace {

// E[ceil(X / C)] for X ~ Poisson(m), straight from the definition: each probability from
// lgamma, summed over the whole mass (independent of capacity.cpp's recurrence and series).
// Good to about 1e-10 relative at m = 1e5, where lgamma's absolute error starts to show.
double brute_busy(double m, long long c) {
  double spread = 60 * std::sqrt(m) + 60;
  auto first = static_cast<long long>(std::max(0.0, std::floor(m - spread)));
  auto last = static_cast<long long>(std::ceil(m + spread));
  double sum = 0;
  double mass = 0; // divided out: lgamma's rounding at large k is common to all terms
  for (long long k = first; k <= last; ++k) {
    double kd = static_cast<double>(k);
    double p = std::exp(-m + (k == 0 ? 0.0 : kd * std::log(m)) - std::lgamma(kd + 1));
    sum += p * std::ceil(kd / static_cast<double>(c));
    mass += p;
  }
  return sum / mass;
}

// The same expectation summed from P(0) = exp(-m) upwards in long double (64-bit mantissa),
// past 15 standard deviations: a reference some 2^11 finer than a double, for m up to 700.
double long_double_busy(double m, long long c) {
  long double p = std::exp(-static_cast<long double>(m));
  long double sum = 0;
  double last = m + 15 * std::sqrt(m) + 30;
  for (double k = 1; k <= last; k += 1) {
    p *= static_cast<long double>(m) / k;
    sum += p * std::ceil(k / static_cast<double>(c));
  }
  return static_cast<double>(sum);
}

double price_of(const Offering& offering, Meter meter) {
  for (const auto& charge : offering.charges) {
    if (charge.meter == meter) {
      return charge.tiers.back().unit_price;
    }
  }
  FAIL("no charge of that meter");
  return 0;
}

double free_of(const Offering& offering, Meter meter) {
  for (const auto& charge : offering.charges) {
    if (charge.meter == meter) {
      return charge.free_tier_quantity;
    }
  }
  return 0;
}

const Assumption* find_assumption(const Estimate& e, const std::string& field) {
  auto it = std::find_if(e.assumptions.begin(), e.assumptions.end(),
                         [&field](const Assumption& a) { return a.field == field; });
  return it == e.assumptions.end() ? nullptr : &*it;
}

double line_quantity(const Estimate& e, const std::string& prefix) {
  double total = 0;
  for (const auto& item : e.line_items) {
    if (item.name.starts_with(prefix)) {
      total += item.quantity;
    }
  }
  return total;
}

} // namespace

TEST_CASE("expected_busy_instances equals the Poisson sum of ceil(X / C)") {
  for (long long c : {2LL, 3LL, 10LL, 80LL, 1000LL}) {
    for (double m : {1e-9, 0.01, 0.5, 2.28, 10.0, 100.0, 699.0, 701.0, 1000.0, 5000.0, 12800.0, 20000.0, 1e5}) {
      INFO("m = " << m << ", C = " << c);
      double expected = brute_busy(m, c);
      CHECK(std::fabs(expected_busy_instances(m, c) - expected) <= 1e-10 * expected);
    }
  }
  SECTION("one request per instance is the mean itself") {
    CHECK(expected_busy_instances(2.5, 1) == 2.5);
    CHECK(expected_busy_instances(0, 80) == 0);
  }
  SECTION("light load: the busy share 1 - exp(-m); heavy load: m / C + (C - 1) / 2C") {
    CHECK(expected_busy_instances(0.01, 80) == Approx(1 - std::exp(-0.01)).epsilon(1e-12));
    CHECK(expected_busy_instances(1e7, 80) == Approx(1e7 / 80 + 79.0 / 160).epsilon(1e-14));
  }
  SECTION("exact to 1e-14 whichever series is cheaper at that load, against a long double sum") {
    // The Fourier series takes over from the direct sum where it needs less work: from a mean
    // of 36 at C = 10, 157 at C = 80, only past 700 at C = 1000 (fourier_series_from).
    CHECK(fourier_series_from(10) == Approx(36).margin(0.5));
    CHECK(fourier_series_from(80) == Approx(157.2).margin(0.5));
    CHECK(fourier_series_from(1000) > 700);
    for (long long c : {2LL, 3LL, 10LL, 80LL, 1000LL}) {
      for (double m = 1e-3; m <= 700; m *= 1.07) {
        INFO("m = " << m << ", C = " << c);
        double expected = long_double_busy(m, c);
        CHECK(std::fabs(expected_busy_instances(m, c) - expected) <= 1e-14 * expected);
      }
    }
  }
  SECTION("the two series meet where one takes over: exact on both sides, never falling") {
    for (long long c : {2LL, 3LL, 7LL, 10LL, 33LL, 80LL, 250LL}) {
      double from = fourier_series_from(c);
      INFO("C = " << c << ", from m = " << from);
      REQUIRE(from < 700);
      double last_direct = std::nextafter(from, 0.0);
      double direct = expected_busy_instances(last_direct, c);
      double series = expected_busy_instances(from, c);
      CHECK(std::fabs(direct - long_double_busy(last_direct, c)) <= 1e-14 * direct);
      CHECK(std::fabs(series - long_double_busy(from, c)) <= 1e-14 * series);
      CHECK(series >= direct * (1 - 1e-14));
      CHECK(fourier_series_from(c) == from); // kept, not found again differently
    }
  }
  SECTION("never falls as the load grows, across both methods") {
    for (long long c : {2LL, 3LL, 10LL, 80LL, 1000LL}) {
      double previous = 0;
      for (double m = 1e-6; m < 1e7; m *= 1.01) {
        double busy = expected_busy_instances(m, c);
        INFO("m = " << m << ", C = " << c);
        REQUIRE(busy >= previous * (1 - 1e-14));
        previous = busy;
      }
    }
  }
}

TEST_CASE("busy_residue_bound holds from its mean on, and narrows to a hair under heavy load") {
  // C E[ceil(X / C)] - m - (C - 1) / 2 against a long double sum of the Poisson terms, at means
  // from m0 up to ten times it.
  for (long long c : {2LL, 3LL, 10LL, 80LL, 1000LL}) {
    auto cd = static_cast<double>(c);
    for (double m0 = 1e-3; m0 <= 700; m0 *= 1.3) {
      double bound = busy_residue_bound(m0, c);
      CHECK(bound <= (cd - 1) / 2);
      for (double factor : {1.0, 1.01, 1.1, 2.0, 10.0}) {
        double m = m0 * factor;
        if (m > 700) {
          continue; // past the reach of the long double sum
        }
        INFO("m0 = " << m0 << ", m = " << m << ", C = " << c);
        double residue = cd * long_double_busy(m, c) - m - (cd - 1) / 2;
        CHECK(std::fabs(residue) <= bound + 1e-12 * (m + cd));
      }
    }
  }
  SECTION("the whole range of the residue without load; none at one request an instance") {
    CHECK(busy_residue_bound(0, 80) == 39.5);
    CHECK(busy_residue_bound(0.01, 80) == 39.5);
    CHECK(busy_residue_bound(50, 1) == 0);
  }
  SECTION("under heavy load, a hair: X mod C is all but uniform") {
    CHECK(busy_residue_bound(100, 10) < 1e-6);          // e^(-2 x 100 x sin^2(pi / 10)) = 5e-9
    CHECK(busy_residue_bound(2 * 80 * 80, 80) < 1e-15); // m = 2 C^2
  }
}

TEST_CASE("Cloud Run at 50M requests of 120 ms, 512 MB, no concurrency given, follows the load model") {
  const Offering& run = bundled().get("gcp.cloudrun");
  Scenario s;
  s.requests_per_month = 50e6;
  s.duration_ms = 120;
  s.memory_mb = 512;
  Estimate e = estimate(bundled(), run, s);
  REQUIRE(e.monthly_cost);
  // Independently: 80 requests per instance (Cloud Run's default), each request billed 200 ms
  // (rounded up to 100 ms), X ~ Poisson(rate x 0.2 s), busy instances E[ceil(X / 80)] over the
  // month, each 1 vCPU and 0.5 GB (the default instance), then the free tier and the prices.
  double month = 730 * 3600.0;
  double busy = brute_busy(50e6 / month * 0.2, 80);
  CHECK(busy == Approx(0.978).margin(0.001)); // at 19 req/s requests overlap most of the time
  double vcpu_seconds = busy * month * 1.0;
  double gb_seconds = busy * month * 0.5;
  double expected = (vcpu_seconds - free_of(run, Meter::vcpu_seconds)) * price_of(run, Meter::vcpu_seconds) +
                    (gb_seconds - free_of(run, Meter::gb_seconds)) * price_of(run, Meter::gb_seconds) +
                    (50e6 - free_of(run, Meter::requests)) * price_of(run, Meter::requests);
  CHECK(*e.monthly_cost == Approx(expected).epsilon(1e-9));
  CHECK(std::round(*e.monthly_cost * 100) == std::round(expected * 100));
  // Neither old answer: concurrency 1 billed every request alone; requests x duration / 80
  // ignored that a lone request keeps a whole instance busy.
  Scenario one = s;
  one.concurrency = 1;
  CHECK(*estimate(bundled(), run, one).monthly_cost > 3 * *e.monthly_cost);
  const Assumption* concurrency = find_assumption(e, "concurrency");
  REQUIRE(concurrency);
  CHECK(concurrency->number == 80);
}

TEST_CASE("Busy-instance curves never fall, and their crossings hold on both sides") {
  Scenario s;
  s.duration_ms = 120;
  s.memory_mb = 512;
  for (const char* busy_id : {"gcp.cloudrun", "azure.containerapps"}) {
    CostCurve busy(build_cost_model(bundled(), bundled().get(busy_id), s));
    REQUIRE_FALSE(busy.piecewise_linear());
    double previous = 0;
    for (double r = 0; r <= 1e12; r = std::max(1.0, r * 1.07)) {
      INFO(busy_id << " at " << r);
      REQUIRE(busy.at(r) >= previous);
      previous = busy.at(r);
    }
    for (const char* other : {"aws.ec2.m7g.large", "aws.fargate.arm", "aws.lambda.arm"}) {
      CostCurve b(build_cost_model(bundled(), bundled().get(other), s));
      auto result = find_crossings(busy, b, 0, 2e9, s.running_hours());
      INFO(busy_id << " vs " << other);
      CHECK_FALSE(result.crossings.empty());
      check_crossing_invariants(busy, b, result);
      auto order = [&](double r) { return order_of(busy, b, r); };
      // A scan of every 1000th request finds no change of order the solver missed.
      int changes = 0;
      int last = order(0);
      for (double r = 1000; r <= 2e7; r += 1000) {
        int now = order(r);
        if (now != 0 && last != 0 && now != last) {
          ++changes;
        }
        if (now != 0) {
          last = now;
        }
      }
      long long found = std::count_if(result.crossings.begin(), result.crossings.end(),
                                      [](const Crossing& c) { return c.requests_per_month <= 2e7; });
      CHECK(changes <= found);
    }
  }
}

namespace {

// The curve's lines on [from, to] (CostCurve::linear_bounds), which must exist, hold its cost at
// 65 requests across the interval (within the rounding of costs).
CostCurve::LinearBounds check_between_lines(const CostCurve& curve, double from, double to) {
  auto bounds = curve.linear_bounds(from, to);
  REQUIRE(bounds);
  for (double w = 0; w <= 1; w += 1.0 / 64) {
    double n = std::round(from + w * (to - from));
    double t = (n - from) / (to - from);
    double low = bounds->low_from + t * (bounds->low_to - bounds->low_from);
    double high = bounds->high_from + t * (bounds->high_to - bounds->high_from);
    CHECK(low <= curve.at(n) * (1 + 1e-12));
    CHECK(curve.at(n) <= high * (1 + 1e-12));
  }
  return *bounds;
}

} // namespace

TEST_CASE("Busy instances lie between two lines, at most an instance apart (CostCurve::linear_bounds)") {
  for (double concurrency : {1.0, 80.0}) {
    Scenario s;
    s.duration_ms = 120;
    s.concurrency = concurrency;
    CostCurve run(build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s));
    CHECK(run.piecewise_linear() == (concurrency == 1)); // one request an instance: a line
    // Past Cloud Run's free tier (180,000 vCPU-s, 360,000 GiB-s), on intervals of a decade;
    // the free tier ends inside [1e7, 1e8] (so no lines there).
    for (double from = 1e9; from <= 1e12; from *= 10) {
      double to = from * 10;
      INFO("concurrency " << concurrency << ", " << from << " to " << to);
      auto bounds = check_between_lines(run, from, to);
      if (concurrency > 1 && from >= 1e11) {
        // A mean of 4,500 in flight and more: X mod C all but uniform, the count a hair either
        // side of m / C + (C - 1) / 2C (busy_residue_bound), not a whole instance apart.
        CHECK(bounds.high_from - bounds.low_from < 1e-6 * run.at(from));
      }
    }
  }
  SECTION("no lines where the free tier ends, or with kept-warm instances billed at an idle rate") {
    Scenario plain;
    plain.duration_ms = 120;
    CHECK_FALSE(CostCurve(build_cost_model(bundled(), bundled().get("gcp.cloudrun"), plain)).linear_bounds(1e7, 1e8));
    Scenario s;
    s.min_instances = 2;
    CostCurve run(build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s)); // an idle pool
    CHECK_FALSE(run.linear_bounds(1e9, 1e10));
  }
}

TEST_CASE("Lingering and kept-warm busy instances lie between two lines too (CostCurve::linear_bounds)") {
  // A Modal T4 stays up 60 s after its last request (e^(-m) (1 - e^(-rate W)) more than the
  // busy count, at most e^(-m)); with two kept warm it bills E[max(2, ceil(X / C))], the busy
  // count plus the idle ones among the two. Both fall as the load grows, so the upper line
  // adds their value at the interval's start. From light load (a request a minute, where
  // the lingering is most of the bill) to heavy, on intervals of a decade and of 1%.
  for (long long kept : {0LL, 2LL}) {
    Scenario s;
    s.duration_ms = 2000;
    if (kept > 0) {
      s.min_instances = static_cast<int>(kept);
    }
    CostCurve gpu(build_cost_model(bundled(), bundled().get("modal.t4"), s));
    REQUIRE_FALSE(gpu.piecewise_linear());
    for (double from = 1e4; from <= 1e11; from *= 10) {
      for (double to : {from * 10, from * 1.01}) {
        INFO("kept " << kept << ", " << from << " to " << to);
        check_between_lines(gpu, from, to);
      }
    }
    // Under heavy load (a mean of 6,000 in flight) the lines are a hair apart.
    auto heavy = gpu.linear_bounds(1e11, 2e11);
    REQUIRE(heavy);
    CHECK(heavy->high_from - heavy->low_from < 1e-6 * gpu.at(1e11));
  }
}

TEST_CASE("Container Apps against a VM whose steps it tracks: every one of its crossings, to 1B requests") {
  // At 100 ms a request (the default) the busy curve runs within a VM's step of the staircase
  // and crosses it twice every 127M requests (140 crossings to 8.9B): a scan of every 10,000th request finds
  // each change of order within 10,000 requests of a reported crossing, and no other.
  Scenario s;
  s.duration_ms = 100;
  CostCurve apps(build_cost_model(bundled(), bundled().get("azure.containerapps"), s));
  CostCurve vm(build_cost_model(bundled(), bundled().get("azure.vm.d2s_v5"), s));
  auto result = find_crossings(apps, vm, 0, 1e9, s.running_hours());
  check_crossing_invariants(apps, vm, result);
  std::vector<double> changes;
  int last = order_of(apps, vm, 0);
  for (double r = 10'000; r <= 1e9; r += 10'000) {
    int now = order_of(apps, vm, r);
    if (now != 0 && last != 0 && now != last) {
      changes.push_back(r);
    }
    if (now != 0) {
      last = now;
    }
  }
  REQUIRE(changes.size() >= 10);
  REQUIRE(result.crossings.size() == changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    CHECK(result.crossings[i].requests_per_month <= changes[i]);
    CHECK(result.crossings[i].requests_per_month > changes[i] - 10'000);
  }
}

TEST_CASE("A 128 MB, 500 ms function against a $16.94 2-vCPU VM breaks even near 13.6M requests") {
  // The published break-even (function at $0.0000166667 per GB-s and $0.20 per million, no free
  // tier; one 2 vCPU VM at $16.94 a month) with no CPU time given: the function's memory share
  // (128/1769 of a vCPU) says a 500 ms request used at most 36.2 ms of CPU, so one VM carries the
  // load and the break-even is where the function's cost reaches $16.94.
  Catalogue catalogue;
  catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-27",
    "offerings": [
      {"id": "t.fn", "name": "function", "kind": "function", "source": "test",
       "charges": [{"name": "Duration", "meter": "gb_seconds", "unit_price": 0.0000166667},
                   {"name": "Requests", "meter": "requests", "unit_price": 0.20, "per": 1000000}]},
      {"id": "t.vm", "name": "2 vCPU VM", "kind": "vm", "source": "test", "vcpu": 2, "memory_gb": 4,
       "charges": [{"name": "Instance", "meter": "instance_hours", "unit_price": 0.0232054794520548}]}]})",
                                 "test.json"));
  Scenario s;
  s.duration_ms = 500;
  s.memory_mb = 128;
  CostCurve fn(build_cost_model(catalogue, catalogue.get("t.fn"), s));
  CostCurve vm(build_cost_model(catalogue, catalogue.get("t.vm"), s));
  CHECK(vm.at(13.6e6) == Approx(16.94).epsilon(1e-12));
  auto result = find_crossings(fn, vm, 0, 1e9, s.running_hours());
  REQUIRE(result.break_even_requests_per_month);
  double per_request = 0.125 * 0.5 * 0.0000166667 + 0.2e-6;
  CHECK(*result.break_even_requests_per_month == std::ceil(16.94 / per_request)); // 13,642,935
  CHECK(*result.break_even_requests_per_month == Approx(13.6e6).epsilon(0.005));
  CHECK(result.cheaper_last == "t.vm");
  // The old default (CPU time = the whole 500 ms) needed a VM per 7.4M requests, so the
  // function looked cheaper at every volume: the opposite verdict.
  Scenario whole = s;
  whole.cpu_ms = 500;
  CostCurve vm_whole(build_cost_model(catalogue, catalogue.get("t.vm"), whole));
  auto old = find_crossings(fn, vm_whole, 0, 1e9, s.running_hours());
  CHECK(old.crossings.empty());
  CHECK(old.cheaper_last == "t.fn");
  Estimate e = evaluate(vm.model(), 13.6e6);
  const Assumption* cpu = find_assumption(e, "cpu_ms");
  REQUIRE(cpu);
  CHECK(*cpu->number == Approx(500.0 * 128 / 1769));
}

TEST_CASE("A measured capacity sizes instances instead of CPU time") {
  const Offering& vm = bundled().get("aws.ec2.m7g.large");
  Scenario s;
  s.rps_per_instance = 50;
  s.rps = 120;
  Estimate e = estimate(bundled(), vm, s);
  CHECK(e.instances == 3); // ceil(120 / 50)
  CHECK_FALSE(find_assumption(e, "cpu_ms"));
  CHECK_FALSE(find_assumption(e, "utilization"));
  s.peak_to_average = 2;
  CHECK(estimate(bundled(), vm, s).instances == 5); // ceil(240 / 50)
}

TEST_CASE("Components: a three-node EKS cluster of t3.medium with nothing else is control plane plus nodes") {
  Scenario s;
  s.requests_per_month = 10e6;
  s.node_type.emplace("aws.ec2.t3.medium");
  set_component_count(s, "aws.alb", 0);
  set_component_count(s, "aws.nat_gateway", 0);
  set_component_count(s, "aws.ebs.gp3", 0);
  Estimate e = estimate(bundled(), bundled().get("aws.eks"), s);
  REQUIRE(e.monthly_cost);
  double node_hour = price_of(bundled().get("aws.ec2.t3.medium"), Meter::instance_hours);
  double control_plane = price_of(bundled().get("aws.eks"), Meter::hours);
  CHECK(*e.monthly_cost == Approx(730 * control_plane + 3 * 730 * node_hour).epsilon(1e-14));
  CHECK(e.line_items.size() == 2);
  CHECK_FALSE(find_assumption(e, "components"));
  SECTION("one NAT gateway instead of three") {
    set_component_count(s, "aws.nat_gateway", 1);
    Estimate one = estimate(bundled(), bundled().get("aws.eks"), s);
    CHECK(line_quantity(one, "NAT gateway") == 730);
  }
  SECTION("a component of another provider is a warning on the row, not a silent skip") {
    set_component_count(s, "gcp.internet_egress", 1);
    Estimate other = estimate(bundled(), bundled().get("aws.eks"), s);
    CHECK(other.notes.front() == "component not added: gcp.internet_egress is not a aws component");
    CHECK(*other.monthly_cost == *e.monthly_cost);
  }
}

TEST_CASE("ALB capacity units come from the largest dimension") {
  Scenario s;
  s.requests_per_month = 100e6;
  s.cpu_ms = 20;
  const Offering& eks = bundled().get("aws.eks");
  double hours_new_connections = 100e6 / (25 * 3600.0);
  CHECK(line_quantity(estimate(bundled(), eks, s), "Application Load Balancer: LCU") ==
        Approx(hours_new_connections).epsilon(1e-12));
  s.requests_per_connection = 10; // keep-alive: a tenth of the connections
  CHECK(line_quantity(estimate(bundled(), eks, s), "Application Load Balancer: LCU") ==
        Approx(hours_new_connections / 10).epsilon(1e-12));
  s.response_kb = 100; // 100 KB a response: processed bytes dominate, 1 GB per LCU-hour
  CHECK(line_quantity(estimate(bundled(), eks, s), "Application Load Balancer: LCU") ==
        Approx(100e6 * 100 / (1024.0 * 1024.0)).epsilon(1e-12));
}

TEST_CASE("Internet egress is the workload's: each provider's own price, none dropped silently") {
  Scenario s;
  s.requests_per_month = 10e6;
  s.response_kb = 50;
  double gb = 10e6 * 50 / (1024.0 * 1024.0);
  for (const char* id : {"aws.lambda.arm", "aws.ec2.m7g.large", "gcp.cloudrun", "azure.functions.consumption"}) {
    INFO(id);
    Estimate e = estimate(bundled(), bundled().get(id), s);
    CHECK(line_quantity(e, "Internet egress") + line_quantity(e, "Data transfer out") == Approx(gb));
  }
  Scenario small = s;
  small.memory_mb = 128;
  Estimate workers = estimate(bundled(), bundled().get("cloudflare.workers"), small);
  CHECK(std::find(workers.notes.begin(), workers.notes.end(), "cloudflare charges nothing for internet egress") !=
        workers.notes.end());
  Estimate modal = estimate(bundled(), bundled().get("modal.t4"), s);
  CHECK(modal.notes.front() == "internet egress not priced: the modal rate table has no egress rates");
  SECTION("an add-on for another provider is a warning") {
    Scenario with = s;
    with.addons = {"aws.apigateway.http"};
    Estimate run = estimate(bundled(), bundled().get("gcp.cloudrun"), with);
    CHECK(run.notes.front() == "add-on not added: aws.apigateway.http is not a gcp component");
  }
}

TEST_CASE("Assumptions list only what the user did not give") {
  Scenario s;
  s.requests_per_month = 10e6;
  Estimate vm = estimate(bundled(), bundled().get("aws.ec2.m7g.large"), s);
  for (const char* field : {"duration_ms", "memory_mb", "cpu_ms", "utilization", "peak_to_average", "min_instances"}) {
    INFO(field);
    CHECK(find_assumption(vm, field));
  }
  set_scenario_field(s, "duration_ms", 50, "test");
  set_scenario_field(s, "memory_mb", 256, "test");
  set_scenario_field(s, "cpu_ms", 10, "test");
  set_scenario_field(s, "min_instances", 2, "test");
  vm = estimate(bundled(), bundled().get("aws.ec2.m7g.large"), s);
  for (const char* field : {"duration_ms", "memory_mb", "cpu_ms", "min_instances"}) {
    INFO(field);
    CHECK_FALSE(find_assumption(vm, field));
  }
  CHECK(find_assumption(vm, "utilization"));
  Estimate fn = estimate(bundled(), bundled().get("aws.lambda.arm"), s);
  CHECK_FALSE(find_assumption(fn, "utilization")); // a function has no capacity to size
}

TEST_CASE("A rate table's internet_egress must name its own egress component, or none") {
  auto table = [](const char* egress) {
    return fmt::format(R"({{"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-27",
      "internet_egress": "{}",
      "components": [{{"id": "t.lb", "name": "LB", "source": "s", "charges": [{{"name": "h", "meter": "hours",
        "unit_price": 1}}]}}],
      "offerings": [{{"id": "t.fn", "name": "f", "kind": "function", "source": "s",
        "charges": [{{"name": "r", "meter": "requests", "unit_price": 1}}]}}]}})",
                       egress);
  };
  CHECK(parse_rate_table(table("none"), "t.json").offerings.front().internet_egress == "none");
  CHECK_THROWS_WITH(parse_rate_table(table("t.lb"), "t.json"),
                    Catch::Contains("$.internet_egress") && Catch::Contains("egress_gb charge"));
  CHECK_THROWS_WITH(parse_rate_table(table("t.nope"), "t.json"), Catch::Contains("neither \"none\""));
}

TEST_CASE("A busy curve against itself ties throughout, at once") {
  // Found by fuzz_cost_model: halving found no end to the ties and ran into the time limit.
  Scenario s;
  s.duration_ms = 0.413;
  CostCurve a(build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s));
  CostCurve b(build_cost_model(bundled(), bundled().get("gcp.cloudrun"), s));
  auto result = find_crossings(a, b, 0, k_max_whole_requests, s.running_hours(), 10);
  CHECK(result.crossings.empty());
  CHECK(result.ties());
  CHECK(result.cheaper_last.empty());
}

TEST_CASE("A large price both curves pay does not hide their order") {
  // Found by fuzz_cost_model: 760 MB responses make egress almost all of both costs, so the
  // plain monotone bound settled nothing and the search ran out of evaluations. Taking the
  // shared egress price off both curves settles it in a few thousand evaluations.
  Scenario s;
  s.concurrency = 536;
  s.response_kb = 777199;
  s.rps_per_instance = 777199;
  CostCurve vm(build_cost_model(bundled(), bundled().get("azure.vm.b2s"), s));
  CostCurve apps(build_cost_model(bundled(), bundled().get("azure.containerapps"), s));
  auto result = find_crossings(vm, apps, 0, 4084957944000000, s.running_hours(), 200'000);
  check_crossing_invariants(vm, apps, result);
  CHECK_FALSE(result.cheaper_last.empty());
}
