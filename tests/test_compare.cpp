// compare: what the report says its estimates rest on, besides the estimates themselves (their
// figures are tested in test_estimate.cpp and the CLI goldens).

#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/cost_model.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

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
