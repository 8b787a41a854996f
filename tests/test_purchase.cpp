// Purchase options: a VM or task bought as a commitment or as spot is an offering of its own,
// `<offering>@<option>`, billed as the option says.

#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace breakeven;

namespace {

// One VM at $0.10 an hour on demand, $0.06 on a 1-year commitment and $0.03 as spot.
Catalogue test_catalogue() {
  Catalogue catalogue;
  catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-27",
    "offerings": [
      {"id": "t.fn", "name": "function", "kind": "function", "source": "test",
       "charges": [{"name": "Duration", "meter": "gb_seconds", "unit_price": 0.0000166667},
                   {"name": "Requests", "meter": "requests", "unit_price": 0.20, "per": 1000000}]},
      {"id": "t.vm", "name": "VM", "kind": "vm", "source": "on-demand page", "vcpu": 2, "memory_gb": 8,
       "charges": [{"name": "Instance", "meter": "instance_hours", "unit_price": 0.10}],
       "purchase_options": [
         {"id": "1y", "name": "1-year commitment", "source": "reserved page", "as_of": "2026-11-20",
          "commitment": true, "charges": [{"name": "Instance", "meter": "instance_hours", "unit_price": 0.06}]},
         {"id": "spot", "name": "spot", "source": "spot page", "as_of": "2026-11-21", "interruptible": true,
          "charges": [{"name": "Instance", "meter": "instance_hours", "unit_price": 0.03}]}]}]})",
                                 "test.json"));
  catalogue.check_references();
  return catalogue;
}

} // namespace

TEST_CASE("Purchase options are offerings of their own, with their own source and date") {
  Catalogue catalogue = test_catalogue();
  const Offering& year = catalogue.get("t.vm@1y");
  CHECK(year.source == "reserved page");
  CHECK(year.as_of == "2026-11-20");
  REQUIRE(year.purchase);
  CHECK(year.purchase->commitment);
  CHECK(year.purchase->base_id == "t.vm");
  CHECK_FALSE(year.compare_by_default);
  // "t.vm@*" is every option, on-demand (the offering itself) included; "*@on-demand" only that.
  std::vector<std::string> all{"t.vm@*"};
  auto options = catalogue.select(all);
  REQUIRE(options.size() == 3);
  CHECK(options[0]->id == "t.vm");
  std::vector<std::string> on_demand{"*@on-demand"};
  auto plain = catalogue.select(on_demand);
  REQUIRE(plain.size() == 1);
  CHECK(plain[0]->id == "t.vm");
  // --purchase picks the option for every offering that has it, and leaves the rest.
  auto chosen = catalogue.with_purchase({&catalogue.get("t.fn"), &catalogue.get("t.vm")}, "spot");
  REQUIRE(chosen.size() == 2);
  CHECK(chosen[0]->id == "t.fn");
  CHECK(chosen[1]->id == "t.vm@spot");
  CHECK(catalogue.with_purchase({&catalogue.get("t.vm@1y")}, "on-demand").front()->id == "t.vm");
  CHECK_THROWS_WITH(catalogue.with_purchase({&catalogue.get("t.vm")}, "5y"),
                    Catch::Contains("options: on-demand, 1y, spot"));
  CHECK_THROWS_WITH(parse_rate_table(R"({"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-27",
    "offerings": [{"id": "t.fn", "name": "f", "kind": "function", "source": "s",
       "charges": [{"name": "Requests", "meter": "requests", "unit_price": 0.2}],
       "purchase_options": []}]})",
                                     "bad.json"),
                    Catch::Contains("bad.json: $.offerings[0].purchase_options") &&
                        Catch::Contains("only VMs and task-billed container services"));
}

TEST_CASE("A commitment bills every hour of the month, used or not; spot needs an interruptible workload") {
  Catalogue catalogue = test_catalogue();
  Scenario s;
  s.requests_per_month = 1e6;
  s.hours_per_month = 200; // a part-time environment
  Estimate on_demand = estimate(catalogue, catalogue.get("t.vm"), s);
  Estimate year = estimate(catalogue, catalogue.get("t.vm@1y"), s);
  CHECK(*on_demand.monthly_cost == Approx(200 * 0.10).epsilon(1e-12));
  CHECK(*year.monthly_cost == Approx(730 * 0.06).epsilon(1e-12)); // dearer than on demand part-time
  Estimate spot = estimate(catalogue, catalogue.get("t.vm@spot"), s);
  CHECK_FALSE(spot.feasible);
  CHECK_THAT(spot.notes.front(), Catch::Contains("not interruptible"));
  s.interruptible = true;
  CHECK(*estimate(catalogue, catalogue.get("t.vm@spot"), s).monthly_cost == Approx(200 * 0.03).epsilon(1e-12));
  // With a profile a commitment runs the busiest hour's size all month, whatever --scaling says.
  Scenario spiky;
  spiky.profile = parse_profile("4h@300,20h@5", "test");
  spiky.cpu_ms = 20;
  spiky.scaling = Scaling::autoscaled;
  Estimate committed = estimate(catalogue, catalogue.get("t.vm@1y"), spiky);
  REQUIRE(committed.instances);
  CHECK(*committed.monthly_cost == Approx(static_cast<double>(*committed.instances) * 730 * 0.06).epsilon(1e-12));
  CHECK(*committed.instances == 5); // 300 req/s x 20 ms / (2 vCPU x 0.7) = 4.3
}

TEST_CASE("A 1-year commitment beats the function above a steady volume") {
  Catalogue catalogue = test_catalogue();
  Scenario s;
  s.duration_ms = 100;
  s.memory_mb = 1024;
  s.free_tier = false;
  CostCurve fn(build_cost_model(catalogue, catalogue.get("t.fn"), s));
  CostCurve year(build_cost_model(catalogue, catalogue.get("t.vm@1y"), s));
  auto result = find_crossings(fn, year, 0, 1e8, s.running_hours());
  REQUIRE(result.break_even_requests_per_month);
  // One committed VM costs 730 x 0.06 = $43.80; the function costs R x (0.1 x 0.0000166667 + 0.2e-6).
  double per_request = 0.1 * 0.0000166667 + 0.2e-6;
  CHECK(result.crossings.front().requests_per_month == std::floor(43.80 / per_request) + 1);
  breakeven::test::check_crossing_invariants(fn, year, result);
}

TEST_CASE("Bundled purchase options, each to the cent from its published figure") {
  using breakeven::test::bundled;
  Scenario s;
  s.requests_per_month = 1e6; // one instance
  s.cpu_ms = 10;
  auto cost = [&s](const char* id) {
    return std::round(*estimate(bundled(), bundled().get(id), s).monthly_cost * 100);
  };
  // GCP: resource-based committed use per instance-month of 730 h (Cloud Billing Catalog API
  // compilation, 2026-07-30), and Spot per hour.
  CHECK(cost("gcp.gce.e2-standard-2@1y") == 3082); // $30.81854578
  CHECK(cost("gcp.gce.e2-standard-2@3y") == 2201); // $22.01324782
  CHECK(cost("gcp.gce.n2-standard-2@1y") == 4466); // $44.66286
  CHECK(cost("gcp.gce.n2-standard-2@3y") == 3191); // $31.90538
  CHECK(cost("azure.vm.d2s_v5@1y") == 4806);       // 730 x $0.0658368 = $48.06
  CHECK(cost("azure.vm.d2s_v5@3y") == 3225);       // 730 x $0.0441792 = $32.25
  s.interruptible = true;
  CHECK(cost("gcp.gce.e2-standard-2@spot") == 2935); // 730 x $0.040212 = $29.35
  CHECK(cost("gcp.gce.n2-standard-2@spot") == 3362); // 730 x $0.04606 = $33.62
  // Every option names its own source and date.
  for (const auto& offering : bundled().offerings()) {
    if (offering.purchase) {
      INFO(offering.id);
      CHECK_FALSE(offering.source.empty());
      CHECK(offering.as_of.size() == 10);
      CHECK(bundled().find(offering.purchase->base_id));
    }
  }
}

TEST_CASE("Where a 1-year commitment beats Lambda for a steady workload") {
  using breakeven::test::bundled;
  Scenario s;
  s.duration_ms = 100;
  s.memory_mb = 512;
  CostCurve lambda(build_cost_model(bundled(), bundled().get("aws.lambda.arm"), s));
  CostCurve on_demand(build_cost_model(bundled(), bundled().get("gcp.gce.e2-standard-2"), s));
  CostCurve year(build_cost_model(bundled(), bundled().get("gcp.gce.e2-standard-2@1y"), s));
  auto committed = find_crossings(lambda, year, 0, 1e9, s.running_hours());
  auto hourly = find_crossings(lambda, on_demand, 0, 1e9, s.running_hours());
  REQUIRE(committed.crossings.size() >= 1);
  REQUIRE(hourly.crossings.size() >= 1);
  // The commitment is cheaper per instance, so it overtakes Lambda at a lower volume.
  CHECK(committed.crossings.front().requests_per_month < hourly.crossings.front().requests_per_month);
  CHECK(committed.crossings.front().cheaper_after == "gcp.gce.e2-standard-2@1y");
  breakeven::test::check_crossing_invariants(lambda, year, committed);
}

TEST_CASE("Owned hardware: amortized purchase, power, colocation and support, every hour of the month") {
  Catalogue catalogue = Catalogue::bundled();
  catalogue.add(load_rate_table_file(std::string(BREAKEVEN_SOURCE_DIR) + "/examples/pricing/owned-hardware.json"));
  catalogue.check_references();
  const Offering& server = catalogue.get("owned.server.16c");
  CHECK(server.billed_all_month);
  Scenario s;
  s.requests_per_month = 1e6;
  s.hours_per_month = 100; // a schedule does not switch owned hardware's costs off
  Estimate e = estimate(catalogue, server, s);
  REQUIRE(e.feasible);
  REQUIRE(e.instances);
  CHECK(*e.instances == 2); // the example's HA minimum
  // Per server a month: $9,000 / 48 = $187.50; 0.25 kW x 1.5 x $0.15 x 730 h = $41.0625;
  // $100 colocation; $40 support.
  CHECK(std::round(*e.monthly_cost * 100) == std::round(2 * (187.5 + 41.0625 + 100 + 40) * 100));
  CHECK_THROWS_WITH(parse_rate_table(R"({"schema_version": 1, "provider": "o", "currency": "USD", "as_of": "2026-11-27",
    "offerings": [{"id": "o.s", "name": "s", "kind": "vm", "source": "s", "vcpu": 2,
       "owned": {"purchase_price": 1, "amortization_months": 1, "watts": 1, "pue": 0.9, "kwh_price": 1,
                 "colocation_per_month": 0, "support_per_month": 0}}]})",
                                     "bad.json"),
                    Catch::Contains("bad.json: $.offerings[0].owned.pue: must be at least 1"));
}
