// CostModelCache: models reused across scenarios that differ only in their traffic price every
// scenario as a model built for it does.

#include <breakeven/catalogue.hpp>
#include <breakeven/cost_model.hpp>
#include <breakeven/curve.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <string>
#include <vector>

using namespace breakeven;

namespace {

std::vector<const Offering*> every_offering(const Catalogue& catalogue) {
  std::vector<const Offering*> all;
  for (const auto& offering : catalogue.offerings()) {
    all.push_back(&offering);
  }
  return all;
}

constexpr BuildOptions k_lean{.describe = false, .warnings = true};

} // namespace

TEST_CASE("CostModelCache::get, the models build_cost_model builds, whatever the traffic") {
  const Catalogue& catalogue = test::bundled();
  auto offerings = every_offering(catalogue);
  std::vector<Scenario> shapes(6);
  shapes[0].duration_ms = 120;
  shapes[1].duration_ms = 40;
  shapes[1].memory_mb = 1769;
  shapes[1].keep_warm_minutes = 5;
  shapes[2].duration_ms = 40;
  shapes[2].profile = test::working_day();
  shapes[2].min_instances = 2;
  shapes[3].provisioned_concurrency = 5;
  shapes[4].init_ms = 300;
  shapes[4].cold_start_share = 0.1;
  shapes[5].init_ms = 300; // INIT billed at an estimated share: rebuilt every time
  CostModelCache cache;
  for (const auto& shape : shapes) {
    for (double requests : {0.0, 1e3, 3e6, 1e9, 3e6}) {
      Scenario scenario = shape;
      scenario.requests_per_month = requests;
      scenario.name = requests > 1e6 ? "big" : "";
      auto models = cache.get(catalogue, offerings, scenario, k_lean);
      REQUIRE(models.size() == offerings.size());
      for (std::size_t i = 0; i < offerings.size(); ++i) {
        test::check_same_estimate(evaluate(*models[i], requests),
                                  evaluate(build_cost_model(catalogue, *offerings[i], scenario, k_lean), requests));
      }
    }
  }
  // Each shape but the last built once; the last built at each traffic.
  CHECK(cache.builds() == offerings.size() * (5 + 5));
  CHECK(cache.reuses() == offerings.size() * 5 * 4);
}

TEST_CASE("CostModelCache::get, what is reused and what is not") {
  const Catalogue& catalogue = test::bundled();
  std::vector<const Offering*> lambda{&catalogue.get("aws.lambda.x86")};
  Scenario quiet;
  quiet.requests_per_month = 1e3;
  Scenario busy = quiet;
  busy.requests_per_month = 1e9;
  busy.name = "busy";
  busy.given = {"name", "requests_per_month"};

  SECTION("a function reused at another traffic has its cold-start share estimated again") {
    CostModelCache cache;
    double quiet_share = *cache.get(catalogue, lambda, quiet, k_lean)[0]->cold_start_share;
    double busy_share = *cache.get(catalogue, lambda, busy, k_lean)[0]->cold_start_share;
    CHECK(cache.builds() == 1);
    CHECK(cache.reuses() == 1);
    CHECK(busy_share != quiet_share);
    CHECK(busy_share == *build_cost_model(catalogue, *lambda[0], busy, k_lean).cold_start_share);
  }
  SECTION("any other field is another model") {
    CostModelCache cache;
    Scenario longer = quiet;
    longer.duration_ms = 101;
    cache.get(catalogue, lambda, quiet, k_lean);
    cache.get(catalogue, lambda, longer, k_lean);
    cache.get(catalogue, lambda, quiet, {.describe = false});
    CHECK(cache.builds() == 3);
    CHECK(cache.reuses() == 0);
  }
  SECTION("described models and scenarios with ranges are built every time") {
    CostModelCache cache;
    cache.get(catalogue, lambda, quiet, {});
    cache.get(catalogue, lambda, quiet, {});
    Scenario ranged = quiet;
    set_scenario_range(ranged, "duration_ms", 80, std::nullopt, 150, "--duration-ms");
    cache.get(catalogue, lambda, ranged, k_lean);
    cache.get(catalogue, lambda, ranged, k_lean);
    CHECK(cache.builds() == 4);
    CHECK(cache.reuses() == 0);
  }
  SECTION("the name and the traffic keys given are not part of the key; any other key given is") {
    CostModelCache cache;
    Scenario by_rate = quiet;
    by_rate.requests_per_month.reset();
    by_rate.rps = 5;
    by_rate.given = {"rps", "duration_ms"};
    Scenario by_count = quiet;
    by_count.given = {"duration_ms", "name", "requests_per_month"};
    Scenario cpu_given = by_count; // the same values, one more key given
    cpu_given.given.push_back("memory_mb");
    cache.get(catalogue, lambda, by_rate, k_lean);
    cache.get(catalogue, lambda, by_count, k_lean);
    CHECK(cache.builds() == 1);
    CHECK(cache.reuses() == 1);
    cache.get(catalogue, lambda, cpu_given, k_lean);
    CHECK(cache.builds() == 2);
  }
  SECTION("a full cache forgets every model") {
    CostModelCache cache(2);
    Scenario second = quiet;
    second.duration_ms = 200;
    Scenario third = quiet;
    third.duration_ms = 300;
    for (const Scenario* scenario : {&quiet, &second, &quiet, &third, &quiet}) {
      cache.get(catalogue, lambda, *scenario, k_lean);
    }
    CHECK(cache.builds() == 4); // quiet, second, third, and quiet again after third emptied it
    CHECK(cache.reuses() == 1);
  }
}

TEST_CASE("CostCurve with counts worked out once gives the values it gives without them") {
  // The crossover solver works each curve's counts out once per request and passes them to
  // at, next_breakpoint and min_slope_from; the answers must be the very same doubles.
  const Catalogue& catalogue = test::bundled();
  Scenario scenario;
  scenario.duration_ms = 120;
  scenario.keep_warm_minutes = 5;
  int reading_counts = 0; // curves whose breakpoints move with their counts (none skipped)
  for (const Offering* offering : every_offering(catalogue)) {
    CostCurve curve(build_cost_model(catalogue, *offering, scenario, k_lean));
    INFO(offering->id);
    reading_counts += curve.breakpoints_use_counts() ? 1 : 0;
    for (double n : {0.0, 1.0, 999'999.0, 3.7e6, 2.5e8, 4e9}) {
      CostModel::Counts counts = curve.model().counts_at(n);
      CHECK(counts.instances == curve.model().instances_at(n));
      CHECK(counts.idle == curve.model().idle_instances_at(n));
      CHECK(curve.at(n, counts) == curve.at(n));
      CHECK(curve.next_breakpoint(n, counts) == curve.next_breakpoint(n));
      CHECK(curve.min_slope_from(n, counts) == curve.min_slope_from(n));
    }
  }
  CHECK(reading_counts > 0);
}

TEST_CASE("CostModel::prices: the offering, its nodes and the components it binds, each once") {
  const Catalogue& catalogue = test::dated();
  auto prices_of = [&catalogue](const char* id, const Scenario& scenario, BuildOptions options = {}) {
    return build_cost_model(catalogue, catalogue.get(id), scenario, options).prices;
  };
  using Prices = std::vector<PriceDate>;
  const PriceDate fn{"dated.fn", "2025-05-01"};
  const PriceDate vm{"dated.vm", "2026-06-01"}; // the table's as_of
  const PriceDate k8s{"dated.k8s", "2026-06-01"};
  const PriceDate node{"dated.node", "2025-06-01"};
  const PriceDate lb{"dated.lb", "2024-01-10"};
  const PriceDate disk{"dated.disk", "2025-02-01"};
  const PriceDate egress{"dated.egress", "2025-03-01"};
  const PriceDate gateway{"dated.gateway", "2025-04-01"};
  Scenario plain;
  plain.requests_per_month = 1'000'000;

  SECTION("an offering alone") {
    CHECK(prices_of("dated.fn", plain) == Prices{fn});
    CHECK(prices_of("dated.vm", plain) == Prices{vm});
  }
  SECTION("a cluster: its node offering and the components it includes") {
    CHECK(prices_of("dated.k8s", plain) == Prices{k8s, node, lb, disk});
    Scenario without_lb = plain;
    set_component_count(without_lb, "dated.lb", 0);
    CHECK(prices_of("dated.k8s", without_lb) == Prices{k8s, node, disk});
  }
  SECTION("internet egress and add-ons, only where they are priced") {
    Scenario s = test::dated_scenario();
    CHECK(prices_of("dated.fn", s) == Prices{fn, egress, gateway});
    CHECK(prices_of("dated.vm", s) == Prices{vm, egress}); // the gateway does not apply to a VM
    set_component_count(s, "dated.lb", 1);
    CHECK(prices_of("dated.vm", s) == Prices{vm, lb, egress});
  }
  SECTION("a component attached twice is listed once") {
    Scenario s = plain;
    s.addons = {"dated.lb"}; // already included by the cluster
    CHECK(prices_of("dated.k8s", s) == Prices{k8s, node, lb, disk});
  }
  SECTION("a lean model lists the same") {
    Scenario s = test::dated_scenario();
    CHECK(prices_of("dated.fn", s, {.describe = false}) == Prices{fn, egress, gateway});
    CHECK(prices_of("dated.k8s", plain, {.describe = false}) == Prices{k8s, node, lb, disk});
  }
  SECTION("an infeasible scenario still names what it priced") {
    Scenario s = plain;
    s.duration_ms = 1'000'000; // beyond the function's 900 s
    auto model = build_cost_model(catalogue, catalogue.get("dated.fn"), s);
    CHECK_FALSE(model.feasible());
    CHECK(model.prices == Prices{fn});
  }
}

TEST_CASE("CostModelCache::prices: every built model's, each once, kept when the models are forgotten") {
  const Catalogue& catalogue = test::dated();
  std::vector<const Offering*> fn{&catalogue.get("dated.fn")};
  std::vector<const Offering*> k8s{&catalogue.get("dated.k8s")};
  CostModelCache models(1); // one scenario's models at a time
  Scenario plain;
  plain.requests_per_month = 1'000'000;
  models.get(catalogue, fn, plain, {.describe = false});
  CHECK(models.prices() == std::vector<PriceDate>{{"dated.fn", "2025-05-01"}});
  Scenario s = test::dated_scenario(); // another scenario: the first one's models are forgotten
  models.get(catalogue, fn, s, {.describe = false});
  models.get(catalogue, k8s, s, {.describe = true}); // built every time, never kept
  models.get(catalogue, k8s, s, {.describe = true});
  CHECK(models.prices() == std::vector<PriceDate>{{"dated.fn", "2025-05-01"},
                                                  {"dated.egress", "2025-03-01"},
                                                  {"dated.gateway", "2025-04-01"},
                                                  {"dated.k8s", "2026-06-01"},
                                                  {"dated.node", "2025-06-01"},
                                                  {"dated.lb", "2024-01-10"},
                                                  {"dated.disk", "2025-02-01"}});
  CHECK(models.builds() == 4);
}

TEST_CASE("BuildOptions::assumptions: a lean model lists what a described one assumes, and nothing else") {
  // curve and crossover print each offering's assumptions but none of its notes or line-item
  // names: their models are built lean with the assumptions listed. Every bundled offering, at
  // scenarios that set off most assumptions and at ones that give their fields.
  const Catalogue& catalogue = test::bundled();
  std::vector<Scenario> scenarios(5);
  scenarios[1].duration_ms = 40;
  scenarios[1].memory_mb = 1769;
  scenarios[1].min_instances = 2;
  scenarios[1].profile = test::working_day();
  scenarios[2].provisioned_concurrency = 5;
  scenarios[2].init_ms = 300;
  scenarios[3].cpu_ms = 20;
  scenarios[3].response_kb = 8;
  scenarios[3].node_type = "aws.ec2.m7g.large";
  scenarios[4].keep_warm_minutes = 5;
  scenarios[4].gpu_ms = 50;
  constexpr BuildOptions k_listed{.describe = false, .assumptions = true};
  std::size_t listed_any = 0;
  for (const auto& scenario : scenarios) {
    for (const auto& offering : catalogue.offerings()) {
      INFO(offering.id);
      CostModel described = build_cost_model(catalogue, offering, scenario);
      CostModel listed = build_cost_model(catalogue, offering, scenario, k_listed);
      REQUIRE(listed.assumptions.size() == described.assumptions.size());
      for (std::size_t i = 0; i < listed.assumptions.size(); ++i) {
        const Assumption& a = listed.assumptions[i];
        const Assumption& b = described.assumptions[i];
        CHECK(a.field == b.field);
        CHECK(a.number == b.number);
        CHECK(a.value == b.value);
        CHECK(a.why == b.why);
      }
      listed_any += listed.assumptions.size();
      CHECK(listed.notes.empty());
      CHECK(listed.warnings.empty());
      for (const auto& charge : listed.charges) {
        CHECK(charge.name.empty());
      }
      CHECK(listed.infeasible_reasons == described.infeasible_reasons);
      for (double requests : {0.0, 3e6, 1e9}) {
        CHECK(listed.cost_at(requests) == described.cost_at(requests));
      }
    }
  }
  CHECK(listed_any > 0);
  SECTION("not kept by CostModelCache: an assumption can quote the traffic (a cold-start share)") {
    CostModelCache cache;
    std::vector<const Offering*> lambda{&catalogue.get("aws.lambda.x86")};
    Scenario s;
    s.requests_per_month = 1e6;
    cache.get(catalogue, lambda, s, k_listed);
    cache.get(catalogue, lambda, s, k_listed);
    CHECK(cache.builds() == 2);
    CHECK(cache.reuses() == 0);
  }
}

TEST_CASE("CostModel::cost_at is the sum of the estimate's line items, to the bit") {
  // A curve's fast total and the line items an estimate prints are the same slices priced the
  // same way (tiers.hpp; cost_at takes a one-price charge's single slice itself): equal as
  // doubles, not merely close, at every traffic and for every offering and scenario shape.
  Catalogue catalogue = test::bundled();
  std::vector<Scenario> scenarios(4);
  scenarios[1].free_tier = false;
  scenarios[2].response_kb = 40; // egress, in volume tiers
  scenarios[2].duration_ms = 900;
  scenarios[3].min_instances = 2;
  scenarios[3].memory_mb = 2048;
  std::size_t compared = 0;
  for (const Offering* offering : catalogue.select(std::vector<std::string>{"*"})) {
    for (const Scenario& scenario : scenarios) {
      CostModel model = build_cost_model(catalogue, *offering, scenario, {.describe = false});
      if (!model.feasible()) {
        continue;
      }
      for (double r = 0; r <= 1e12; r = r == 0 ? 1 : r * 3.7) {
        Estimate e = evaluate(model, r);
        if (!e.feasible) {
          continue; // past a request limit
        }
        INFO(offering->id << " at " << r << " requests");
        CHECK(model.cost_at(r) == *e.monthly_cost);
        ++compared;
      }
    }
  }
  CHECK(compared > 5000);
}
