// Burstable instances (issue 15): the CPU above a baseline billed as surplus credits (unlimited
// mode), or a throttled instance sized to serve the average load at its baseline (standard mode),
// each checked against a computation made here from the providers' rules, and the crossover
// solver checked request by request on a burstable's curve, whose surplus falls at every step.

#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>

using namespace breakeven;

namespace {

constexpr double k_hours = 730;

double line(const Estimate& e, const std::string& name) {
  double cost = 0;
  for (const auto& item : e.line_items) {
    if (item.name == name) {
      cost += item.cost;
    }
  }
  return cost;
}

// The instances sizing for the peak gives: ceil(R x peak / (vCPU x 1000 / cpu_ms x utilisation
// x hours x 3600)), at least one.
double peak_instances(double requests, double vcpu, double cpu_ms, double utilization, double peak) {
  double per_instance = vcpu * 1000.0 / cpu_ms * utilization * k_hours * 3600.0 / peak;
  return std::max(1.0, std::ceil(requests / per_instance - 1e-9));
}

} // namespace

TEST_CASE("Unlimited mode: the month's CPU above the instances' baselines, at the surplus price") {
  // aws.amazon.com/ec2/instance-types/t3/ and /t4/: t3.micro 10% of each of 2 vCPUs, t3.medium and
  // t4g.small 20%; aws.amazon.com/ec2/pricing/on-demand/ (T2/T3/T4g Unlimited Mode Pricing): $0.05
  // per vCPU-hour for T3 on Linux, $0.04 for T4g.
  const Catalogue& catalogue = test::bundled();
  struct Case {
    const char* id;
    double baseline;
    double instance_hour;
    double credit;
  };
  const Case cases[] = {{"aws.ec2.t3.micro", 0.1, 0.0104, 0.05},
                        {"aws.ec2.t3.medium", 0.2, 0.0416, 0.05},
                        {"aws.ec2.t4g.small", 0.2, 0.0168, 0.04}};
  for (const auto& c : cases) {
    for (double requests : {1e6, 2e7, 1e8, 3e8, 1e9}) {
      for (double peak : {1.0, 2.5}) {
        Scenario s;
        s.requests_per_month = requests;
        s.cpu_ms = 20;
        s.peak_to_average = peak;
        Estimate e = estimate(catalogue, catalogue.get(c.id), s);
        REQUIRE(e.feasible);
        double n = peak_instances(requests, 2, 20, 0.7, peak);
        double used = requests * 0.020 / 3600.0; // vCPU-hours
        double surplus = std::max(0.0, used - c.baseline * 2 * k_hours * n);
        INFO(c.id << " at " << requests << " requests, peak x" << peak);
        CHECK(line(e, "surplus CPU credits (unlimited mode)") == Approx(surplus * c.credit).epsilon(1e-12));
        // Each instance's root volume: 8 GB gp3 at $0.08 a GB-month.
        CHECK(*e.monthly_cost == Approx(n * (k_hours * c.instance_hour + 0.64) + surplus * c.credit).epsilon(1e-12));
      }
    }
  }
  // 100M requests of 20 ms on one t3.medium: 555.56 vCPU-hours used, 292 included, 263.56
  // surplus at $0.05: $13.18 on top of $30.37 (and its root volume).
  Scenario s;
  s.requests_per_month = 1e8;
  s.cpu_ms = 20;
  Estimate e = estimate(catalogue, catalogue.get("aws.ec2.t3.medium"), s);
  CHECK(std::round(line(e, "surplus CPU credits (unlimited mode)") * 100) / 100 == 13.18);
  CHECK(std::round(*e.monthly_cost * 100) / 100 == 44.19); // with its 8 GB gp3 root volume, $0.64
}

TEST_CASE("Unlimited mode: --cpu-credit-hours replaces the estimate, and the rule is an assumption") {
  const Catalogue& catalogue = test::bundled();
  Scenario s;
  s.requests_per_month = 1e8;
  s.cpu_ms = 20;
  Estimate derived = estimate(catalogue, catalogue.get("aws.ec2.t3.medium"), s);
  bool assumed = false;
  for (const auto& a : derived.assumptions) {
    assumed |= a.field == "cpu_credit_hours" && a.why.find("--cpu-credit-hours") != std::string::npos &&
               a.why.find("20% of each vCPU") != std::string::npos;
  }
  CHECK(assumed);
  set_scenario_field(s, "cpu_credit_hours", 10, "test");
  Estimate given = estimate(catalogue, catalogue.get("aws.ec2.t3.medium"), s);
  CHECK(line(given, "surplus CPU credits (unlimited mode)") == Approx(0.50).epsilon(1e-12));
  for (const auto& a : given.assumptions) {
    CHECK(a.field != "cpu_credit_hours");
  }
}

TEST_CASE("Unlimited mode: credits are reckoned over the month, a lower bound when days differ") {
  // A balance holds at most a day's earnings (docs.aws.amazon.com, unlimited mode: the average
  // over a rolling 24 hours), so each day's surplus is billed: sum over days of
  // max(0, used that day - earned that day). Computed here day by day.
  const Catalogue& catalogue = test::bundled();
  const Offering& t3 = catalogue.get("aws.ec2.t3.medium");
  auto day_by_day = [](const Scenario& s, double instances) {
    std::vector<double> shares = s.profile_shares();
    double days_per_week = static_cast<double>(shares.size()) / 24;
    double weeks = k_hours / 24 / days_per_week;
    double surplus = 0;
    for (std::size_t day = 0; day * 24 < shares.size(); ++day) {
      double share = 0;
      for (std::size_t h = day * 24; h < day * 24 + 24; ++h) {
        share += shares[h];
      }
      double used = s.requests() * share / weeks * 0.020 / 3600.0;
      surplus += weeks * std::max(0.0, used - 0.2 * 2 * 24 * instances);
    }
    return surplus;
  };
  Scenario alike;
  alike.requests_per_month = 2e8;
  alike.cpu_ms = 20;
  alike.profile.assign(168, 1.0); // a week, every day the same
  Scenario weekdays = alike;
  for (std::size_t h = 5 * 24; h < 168; ++h) {
    weekdays.profile[h] = 0.1; // quiet weekends
  }
  Estimate same = estimate(catalogue, t3, alike);
  Estimate differ = estimate(catalogue, t3, weekdays);
  REQUIRE(same.instances);
  REQUIRE(differ.instances);
  double same_days = day_by_day(alike, static_cast<double>(*same.instances));
  CHECK(line(same, "surplus CPU credits (unlimited mode)") == Approx(same_days * 0.05).epsilon(1e-9));
  double differ_days = day_by_day(weekdays, static_cast<double>(*differ.instances));
  CHECK(line(differ, "surplus CPU credits (unlimited mode)") < differ_days * 0.05);
  auto lower_bound_noted = [](const Estimate& e) {
    return std::any_of(e.notes.begin(), e.notes.end(),
                       [](const std::string& note) { return note.find("a lower bound") != std::string::npos; });
  };
  CHECK_FALSE(lower_bound_noted(same));
  CHECK(lower_bound_noted(differ));
}

TEST_CASE("Standard mode (no surplus credits): throttled at the baseline, sized for the average load there") {
  // learn.microsoft.com, B-series: B2s banks 24 credits an hour, 20% of each of its 2 vCPUs, and
  // has no unlimited mode. AWS recommends standard mode for Spot (docs.aws.amazon.com, unlimited
  // mode), so a t4g.small@spot bills no surplus either.
  const Catalogue& catalogue = test::bundled();
  for (const char* id : {"azure.vm.b2s", "aws.ec2.t4g.small@spot"}) {
    for (double requests : {1e6, 5e7, 1e8, 1e9}) {
      for (double peak : {1.0, 4.0}) {
        Scenario s;
        s.requests_per_month = requests;
        s.cpu_ms = 20;
        s.peak_to_average = peak;
        s.interruptible = true;
        Estimate e = estimate(catalogue, catalogue.get(id), s);
        REQUIRE(e.feasible);
        // At the baseline one instance serves 0.2 x 2 vCPU x 1000 / 20 ms = 20 req/s on average.
        double at_baseline = std::ceil(requests / (20.0 * k_hours * 3600.0) - 1e-9);
        double n = std::max(peak_instances(requests, 2, 20, 0.7, peak), at_baseline);
        INFO(id << " at " << requests << " requests, peak x" << peak);
        CHECK(e.instances == static_cast<long long>(n));
        CHECK(line(e, "surplus CPU credits (unlimited mode)") == 0);
      }
    }
  }
}

namespace {

// A burstable VM of 2 vCPUs with a 10% baseline, $`instance_hour` an hour and $0.05 a surplus
// vCPU-hour, against a line of $`price` a request; requests of `cpu_ms` make small steps.
struct BurstableAndLine {
  Catalogue catalogue;
  Scenario scenario;

  BurstableAndLine(double price, double instance_hour, double cpu_ms) {
    catalogue.add(parse_rate_table(
        fmt::format(R"({{"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-26",
          "offerings": [
            {{"id": "t.fn", "name": "line", "kind": "function", "source": "test",
              "charges": [{{"name": "Requests", "meter": "requests", "unit_price": {}}}]}},
            {{"id": "t.vm", "name": "burstable", "kind": "vm", "source": "test", "vcpu": 2, "memory_gb": 64,
              "burstable": {{"baseline": 0.1, "source": "test"}},
              "charges": [{{"name": "Instance", "meter": "instance_hours", "unit_price": {}}},
                          {{"name": "Surplus", "meter": "surplus_vcpu_hours", "unit_price": 0.05}}]}}]}})",
                    price, instance_hour),
        "test.json"));
    scenario.cpu_ms = cpu_ms;
    scenario.duration_ms = cpu_ms;
    scenario.memory_mb = 128;
  }

  CostCurve curve(const char* id) const { return CostCurve(build_cost_model(catalogue, catalogue.get(id), scenario)); }
};

} // namespace

TEST_CASE("Crossover::find on a burstable's curve agrees with a request-by-request scan") {
  // One instance serves 2 x 1000 / cpu_ms x utilisation x 730 h x 3600 requests; its surplus starts at
  // 0.1 x 2 x 730 / (cpu_ms / 3.6e6) of them and falls by that much at each step. At $0.0100 an
  // hour the instance costs exactly its baseline's credits: the bill is flat across each step.
  struct Case {
    double price;
    double instance_hour;
    double cpu_ms;
    double utilization;
  };
  // Line prices a little above the staircase's average slope, (instance-month + 0.05 x (CPU-hours
  // an instance serves - its baseline)) / requests it serves, catch it up within the range, crossing
  // its steps on the way; at 15% utilisation the surplus falls to nothing after each step.
  const Case cases[] = {{0.0288222, 0.0104, 2e6, 0.15},
                        {0.0212561, 0.0104, 1.5e6, 0.7},
                        {0.0280698, 0.0100, 2e6, 0.15},
                        {0.0183768, 0.0110, 1.2e6, 0.12},
                        {0.0285185, 0.0104, 2e6, 0.15}};
  std::size_t total = 0;
  for (const auto& c : cases) {
    BurstableAndLine t(c.price, c.instance_hour, c.cpu_ms);
    t.scenario.utilization = c.utilization;
    CostCurve line = t.curve("t.fn");
    CostCurve vm = t.curve("t.vm");
    constexpr double k_to = 30'000;
    CrossoverResult result = find_crossings(line, vm, 0, k_to, k_hours);
    std::vector<double> expected;
    int last = 0;
    double previous = vm.at(0);
    for (double r = 0; r <= k_to; ++r) {
      double cost = vm.at(r);
      REQUIRE(cost >= previous - 1e-9); // never falls
      previous = cost;
      int now = test::order_of(line, vm, r);
      if (now != 0) {
        if (last != 0 && now != last) {
          expected.push_back(test::order_of(line, vm, r - 1) == 0 ? r - 1 : r);
        }
        last = now;
      }
    }
    INFO("line $" << c.price << " against a burstable at $" << c.instance_hour << ", cpu_ms " << c.cpu_ms);
    total += expected.size();
    REQUIRE(result.crossings.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(result.crossings[i].requests_per_month == expected[i]);
    }
    test::check_crossing_invariants(line, vm, result);
  }
  CHECK(total > std::size(cases)); // some cross more than once
}

TEST_CASE("Rate tables: a burstable's surplus needs its baseline, and credits no dearer than the instance") {
  auto table = [](const std::string& offering) {
    return fmt::format(R"({{"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-26",
      "offerings": [{}]}})",
                       offering);
  };
  auto error = [&](const std::string& offering) -> std::string {
    try {
      parse_rate_table(table(offering), "t.json");
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  };
  const std::string surplus = R"({"name": "Surplus", "meter": "surplus_vcpu_hours", "unit_price": 0.05})";
  CHECK_THAT(error(R"({"id": "t.vm", "name": "vm", "kind": "vm", "source": "s", "vcpu": 2,
      "charges": [{"name": "I", "meter": "instance_hours", "unit_price": 0.05}, )" +
                   surplus + "]}"),
             Catch::Contains("t.json") && Catch::Contains("charges") && Catch::Contains("\"burstable\""));
  CHECK_THAT(error(R"({"id": "t.vm", "name": "vm", "kind": "vm", "source": "s", "vcpu": 2,
      "burstable": {"baseline": 0.2, "source": "s"},
      "charges": [{"name": "I", "meter": "instance_hours", "unit_price": 0.0199}, )" +
                   surplus + "]}"),
             Catch::Contains("the bill would fall"));
  CHECK(error(R"({"id": "t.vm", "name": "vm", "kind": "vm", "source": "s", "vcpu": 2,
      "burstable": {"baseline": 0.2, "source": "s"},
      "charges": [{"name": "I", "meter": "instance_hours", "unit_price": 0.02}, )" +
              surplus + "]}")
            .empty());
  CHECK_THAT(error(R"({"id": "t.vm", "name": "vm", "kind": "vm", "source": "s", "vcpu": 2,
      "burstable": {"baseline": 1, "source": "s"},
      "charges": [{"name": "I", "meter": "instance_hours", "unit_price": 0.05}]})"),
             Catch::Contains("burstable.baseline") && Catch::Contains("below 1"));
  CHECK_THAT(error(R"({"id": "t.fn", "name": "fn", "kind": "function", "source": "s",
      "burstable": {"baseline": 0.2, "source": "s"},
      "charges": [{"name": "R", "meter": "requests", "unit_price": 0.05}]})"),
             Catch::Contains("only a vm is burstable"));
}
