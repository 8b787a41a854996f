// Engineering time: the scenario's engineer-hours for each kind, priced at its hourly rate on
// every offering of that kind, whatever the provider; none invented.

#include <breakeven/catalogue.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <cmath>

using namespace breakeven;
using breakeven::test::bundled;

namespace {

const LineItem* engineering(const Estimate& e) {
  auto item = std::find_if(e.line_items.begin(), e.line_items.end(),
                           [](const LineItem& i) { return i.name == "Engineering time"; });
  return item == e.line_items.end() ? nullptr : &*item;
}

} // namespace

TEST_CASE("Engineering time: a line item on every offering of the kinds given, at the hourly rate") {
  Scenario s;
  s.requests_per_month = 5e6;
  set_ops_hours(s, "kubernetes", 20, "test");
  set_ops_hours(s, "vm", 4, "test");
  s.hourly_rate = 95;
  int clusters = 0;
  for (const auto& offering : bundled().offerings()) {
    Scenario without = s;
    without.ops_hours.clear();
    without.hourly_rate.reset();
    Estimate with_time = estimate(bundled(), offering, s);
    Estimate plain = estimate(bundled(), offering, without);
    INFO(offering.id);
    if (!with_time.feasible) {
      continue;
    }
    const LineItem* item = engineering(with_time);
    if (offering.kind == OfferingKind::kubernetes || offering.kind == OfferingKind::vm) {
      double hours = offering.kind == OfferingKind::kubernetes ? 20 : 4;
      REQUIRE(item);
      CHECK(item->quantity == hours);
      CHECK(item->cost == hours * 95);
      CHECK(*with_time.monthly_cost == Approx(*plain.monthly_cost + hours * 95).epsilon(1e-12));
      clusters += offering.kind == OfferingKind::kubernetes ? 1 : 0;
    } else {
      CHECK_FALSE(item);
      CHECK(*with_time.monthly_cost == *plain.monthly_cost);
      // The kinds without hours say that engineering time is not included.
      CHECK(std::any_of(with_time.assumptions.begin(), with_time.assumptions.end(),
                        [](const Assumption& a) { return a.field == "ops_hours"; }));
    }
  }
  CHECK(clusters == 5); // aws.eks, aws.eks.extended, gcp.gke, azure.aks, azure.aks.free
}

TEST_CASE("Engineering time: none invented, and bad input named") {
  Scenario s;
  s.requests_per_month = 1e6;
  Estimate e = estimate(bundled(), bundled().get("aws.eks"), s);
  CHECK_FALSE(engineering(e));
  CHECK(std::any_of(e.assumptions.begin(), e.assumptions.end(),
                    [](const Assumption& a) { return a.field == "ops_hours" && a.number == 0.0; }));
  CHECK_THROWS_WITH(set_ops_hours(s, "kubernetis", 5, "--ops-hours"), Catch::Contains("not an offering kind"));
  CHECK_THROWS_WITH(set_ops_hours(s, "vm", -1, "--ops-hours"), Catch::Contains("from 0 to 100,000"));
  set_ops_hours(s, "vm", 5, "test");
  CHECK_THROWS_WITH(check_consistent(s, "s.json"), Catch::Contains("without hourly_rate"));
  Scenario parsed =
      parse_scenario(R"({"requests_per_month": 1e6, "ops_hours": {"function": 2}, "hourly_rate": 80})", "s.json");
  Estimate fn = estimate(bundled(), bundled().get("aws.lambda.arm"), parsed);
  REQUIRE(engineering(fn));
  CHECK(engineering(fn)->cost == 160);
  CHECK_THROWS_WITH(parse_scenario(R"({"ops_hours": {"vms": 2}})", "s.json"),
                    Catch::Contains("s.json: $.ops_hours") && Catch::Contains("not an offering kind"));
}

TEST_CASE("Static assets: free on Cloudflare Workers, billed elsewhere") {
  Scenario s;
  s.requests_per_month = 100e6;
  s.memory_mb = 128;
  s.cpu_ms = 5;
  set_scenario_field(s, "static_share", 0.75, "test");
  Estimate workers = estimate(bundled(), bundled().get("cloudflare.workers"), s);
  // 25M dynamic requests: $5 plan + 15M x $0.30/M; 125M CPU-ms: 95M x $0.02/M.
  CHECK(std::round(*workers.monthly_cost * 100) == std::round((5 + 15 * 0.30 + 95 * 0.02) * 100));
  Estimate lambda = estimate(bundled(), bundled().get("aws.lambda.arm"), s);
  Scenario all_dynamic = s;
  all_dynamic.static_share = 0;
  CHECK(*lambda.monthly_cost == *estimate(bundled(), bundled().get("aws.lambda.arm"), all_dynamic).monthly_cost);
  CHECK(std::any_of(lambda.notes.begin(), lambda.notes.end(),
                    [](const std::string& note) { return note.starts_with("static_share 75.0%"); }));
}
