// Reviewing prices: the diff between two sets of rate tables, and the freshness of their dates.

#include <breakeven/catalogue.hpp>
#include <breakeven/error.hpp>
#include <breakeven/pricing_review.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/render.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace breakeven;

namespace {

// A table with one function offering whose request price and free tier are spliced in.
RateTable table(const std::string& request_price, const std::string& extra_charge = "",
                const std::string& as_of = "2026-11-01") {
  return parse_rate_table(R"({"schema_version": 1, "provider": "acme", "currency": "USD", "as_of": ")" + as_of +
                              R"(", "offerings": [{"id": "acme.fn", "name": "Acme functions", "kind": "function",
          "source": "https://acme.example/pricing", "charges": [
          {"name": "Requests", "meter": "requests", "unit_price": )" +
                              request_price + R"(, "per": 1000000, "free_tier": 1000000})" + extra_charge + "]}]}",
                          "acme.json");
}

} // namespace

TEST_CASE("diff_prices: identical tables have no differences") {
  std::vector<RateTable> before{table("0.2")};
  std::vector<RateTable> after{table("0.2")};
  PricingDiff diff = diff_prices(before, after, "old.json", "new.json");
  CHECK(diff.changes.empty());
  CHECK(diff.compared == 1);
  CHECK(render_pricing_diff(diff, Format::table) ==
        "No price differences between old.json and new.json (1 items compared).\n");
}

TEST_CASE("diff_prices: a changed, an added and a removed charge, each on its own row") {
  const std::string duration = R"(, {"name": "Duration", "meter": "gb_seconds", "unit_price": 0.0000166667})";
  const std::string storage = R"(, {"name": "Storage", "meter": "ephemeral_gb_seconds", "unit_price": 0.0000000309})";
  std::vector<RateTable> before{table("0.2", duration)};
  std::vector<RateTable> after{table("0.25", storage)};
  PricingDiff diff = diff_prices(before, after, "old.json", "new.json");
  REQUIRE(diff.changes.size() == 3);
  CHECK(diff.changes[0].charge == "Requests");
  CHECK(diff.changes[0].kind == PriceChangeKind::changed);
  CHECK(diff.changes[0].before->tiers[0].unit_price == Approx(0.2e-6));
  CHECK(diff.changes[0].after->tiers[0].unit_price == Approx(0.25e-6));
  CHECK(diff.changes[1].charge == "Storage");
  CHECK(diff.changes[1].kind == PriceChangeKind::added);
  CHECK(diff.changes[2].charge == "Duration");
  CHECK(diff.changes[2].kind == PriceChangeKind::removed);
  std::string markdown = render_pricing_diff(diff, Format::markdown);
  CHECK(markdown.find("3 price differences between old.json and new.json") != std::string::npos);
  CHECK(markdown.find("| acme.fn | Requests | changed | $0.20 per 1M requests, free 1,000,000 | $0.25 per 1M requests, "
                      "free 1,000,000 |") != std::string::npos);
}

TEST_CASE("diff_prices: a free-tier change is a price change") {
  std::vector<RateTable> before{table("0.2")};
  RateTable changed = table("0.2");
  changed.offerings[0].charges[0].free_tier_quantity = 0;
  std::vector<RateTable> after{changed};
  PricingDiff diff = diff_prices(before, after, "a", "b");
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].kind == PriceChangeKind::changed);
}

TEST_CASE("diff_prices: whole offerings added or removed, unless only common items are compared") {
  std::vector<RateTable> before = bundled_rate_tables();
  std::vector<RateTable> after{table("0.2")};
  PricingDiff diff = diff_prices(before, after, "bundled", "acme.json");
  REQUIRE(!diff.changes.empty());
  CHECK(diff.changes[0].id == "acme.fn");
  CHECK(diff.changes[0].kind == PriceChangeKind::added);
  CHECK(diff.changes[0].charge.empty());
  CHECK(diff.changes.back().kind == PriceChangeKind::removed);
  DiffOptions options;
  options.common_only = true;
  CHECK(diff_prices(before, after, "bundled", "acme.json", options).changes.empty());
}

TEST_CASE("diff_prices: the bundled tables against themselves") {
  std::vector<RateTable> tables = bundled_rate_tables();
  PricingDiff diff = diff_prices(tables, tables, "bundled", "bundled");
  CHECK(diff.changes.empty());
  CHECK(diff.compared > 50);
}

TEST_CASE("days_from_date") {
  CHECK(days_from_date("1970-01-01") == 0);
  CHECK(days_from_date("2000-03-01") == 11017);
  CHECK(*days_from_date("2026-11-28") - *days_from_date("2025-11-28") == 365);
  CHECK(*days_from_date("2025-03-01") - *days_from_date("2024-02-28") == 367); // 2024 is a leap year
  CHECK_FALSE(days_from_date("2026-13-01"));
  CHECK_FALSE(days_from_date("26-11-28"));
  CHECK_FALSE(days_from_date("today"));
}

TEST_CASE("stale_prices: older than the limit, oldest first, with today as a parameter") {
  std::vector<RateTable> tables{table("0.2", "", "2025-11-01")};
  CHECK(stale_prices(tables, "2026-11-01", 365).empty()); // exactly a year: not older
  auto stale = stale_prices(tables, "2026-11-02", 365);
  REQUIRE(stale.size() == 1);
  CHECK(stale[0].id == "acme.fn");
  CHECK(stale[0].as_of == "2025-11-01");
  CHECK(stale[0].age_days == 366);
  CHECK_THROWS_AS(stale_prices(tables, "yesterday", 365), Error);
}

TEST_CASE("stale_prices of the prices a report used: each once, oldest first, as old as the limit allows") {
  std::vector<PriceDate> used{{"acme.fn", "2025-11-01"},
                              {"acme.lb", "2024-06-30"},
                              {"acme.vm", "2026-10-01"},
                              {"acme.lb", "2024-06-30"}, // two estimates used it
                              {"acme.undated", ""}};     // no date: nothing to say
  auto stale = stale_prices(used, "2026-11-02", k_price_warning_age_days);
  REQUIRE(stale.size() == 2);
  CHECK(stale[0].id == "acme.lb");
  CHECK(stale[0].as_of == "2024-06-30");
  CHECK(stale[0].age_days == 855);
  CHECK(stale[1].id == "acme.fn");
  CHECK(stale[1].age_days == 366);
  CHECK(stale_prices(used, "2026-11-01", k_price_warning_age_days).size() == 1); // acme.fn: exactly a year
  CHECK(stale_prices(used, "2026-11-02", 900).empty());
  CHECK(stale_prices(std::vector<PriceDate>{}, "2026-11-02", 365).empty());
  CHECK_THROWS_AS(stale_prices(used, "tomorrow", 365), Error);
}
