// compare: what the report says its estimates rest on, besides the estimates themselves (their
// figures are tested in test_estimate.cpp and the CLI goldens).

#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/cost_model.hpp>
#include <breakeven/render.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <sstream>
#include <string>
#include <vector>

using namespace breakeven;

TEST_CASE("compare: prices, every offering's and the components each uses, once") {
  const Catalogue& catalogue = test::dated();
  auto offerings = catalogue.defaults(); // dated.fn, dated.vm, dated.k8s
  Scenario s = test::dated_scenario();
  std::vector<PriceDate> expected{{"dated.fn", "2025-05-01"},      {"dated.egress", "2025-03-01"},
                                  {"dated.gateway", "2025-04-01"}, {"dated.vm", "2026-06-01"},
                                  {"dated.k8s", "2026-06-01"},     {"dated.node", "2025-06-01"},
                                  {"dated.lb", "2024-01-10"},      {"dated.disk", "2025-02-01"}};

  SECTION("in the order the offerings were given, whatever the results' order") {
    CompareReport report = compare(catalogue, offerings, s);
    REQUIRE(report.results.size() == 3);
    CHECK(report.prices == expected);
  }
  SECTION("from a cache of models, record after record: the cache has them, once") {
    CostModelCache models;
    for (double requests : {1e6, 5e6}) {
      s.requests_per_month = requests;
      CompareReport report = compare(catalogue, offerings, s, {}, {.describe = false}, &models);
      CHECK(report.prices.empty());
      CHECK(models.prices() == expected);
    }
    CHECK(models.reuses() > 0);
  }
  SECTION("a component the scenario leaves out is not listed") {
    Scenario no_egress = s;
    no_egress.response_kb = 0;
    no_egress.addons.clear();
    std::vector<const Offering*> fn{&catalogue.get("dated.fn")};
    CHECK(compare(catalogue, fn, no_egress).prices == std::vector<PriceDate>{{"dated.fn", "2025-05-01"}});
  }
}

TEST_CASE("compare_into: a report priced into again and again is the report priced afresh") {
  // Records of different shapes one after another, so that each estimate is evaluated over one
  // that held other things: infeasible rows and their notes, provisioned concurrency, ranges and
  // bands, a schedule, no traffic at all.
  const Catalogue catalogue = Catalogue::bundled();
  std::vector<const Offering*> offerings;
  for (const auto& offering : catalogue.offerings()) {
    offerings.push_back(&offering);
  }
  std::istringstream lines(R"({"requests_per_month": 10000000, "duration_ms": 120}
{"name": "long", "requests_per_month": 2000000, "duration_ms": 1200000, "memory_mb": 4096}
{"requests_per_month": {"low": 1000000, "high": 50000000}, "duration_ms": 200}
{"requests_per_month": 30000000, "provisioned_concurrency": 5}
{"requests_per_month": 0}
{"requests_per_month": 5000000, "peak_to_average": 4, "min_instances": 2, "hours_per_day": 10}
{"requests_per_month": 10000000, "duration_ms": 120}
)");
  ScenarioStream stream(lines, "<test>");
  std::vector<Scenario> scenarios;
  while (auto scenario = stream.next()) {
    scenarios.push_back(*scenario);
  }
  REQUIRE(scenarios.size() == 7);
  for (bool describe : {true, false}) {
    CAPTURE(describe);
    CompareReport reused;
    CostModelCache models;
    for (const Scenario& scenario : scenarios) {
      CAPTURE(scenario.name, scenario.requests());
      CompareReport fresh = compare(catalogue, offerings, scenario, {}, {.describe = describe});
      compare_into(reused, catalogue, offerings, scenario, {}, {.describe = describe});
      CHECK(render_compare(reused, Format::json, {}) == render_compare(fresh, Format::json, {}));
      CHECK(reused.prices == fresh.prices);
      // The same through a cache of models, as a stream prices its records.
      compare_into(reused, catalogue, offerings, scenario, {}, {.describe = describe}, &models);
      CompareReport cached = compare(catalogue, offerings, scenario, {}, {.describe = describe}, &models);
      CHECK(render_compare(reused, Format::json, {}) == render_compare(cached, Format::json, {}));
    }
  }
}
