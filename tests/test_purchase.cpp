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
  std::vector<std::string> all{"t.vm@*"};
  CHECK(catalogue.select(all).size() == 2);
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
