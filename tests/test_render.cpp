#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/money.hpp>
#include <breakeven/render.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace breakeven;

namespace {

CompareReport sample_report() {
  static const Catalogue catalogue = Catalogue::bundled();
  Scenario s;
  s.name = "api, \"v2\"";
  s.requests_per_month = 50e6;
  s.duration_ms = 120;
  s.memory_mb = 512;
  std::vector<std::string> ids{"aws.lambda.arm", "aws.eks", "cloudflare.workers"};
  return compare(catalogue, catalogue.select(ids), s);
}

} // namespace

TEST_CASE("Money, rounded to cents only when printed") {
  CHECK(fmt::format("{}", Money{18.737}) == "$18.74");
  CHECK(fmt::format("{}", Money{1234567.891}) == "$1,234,567.89");
  CHECK(fmt::format("{}", Money{0.004}) == "$0.00");
  CHECK(fmt::format("{}", Money{-2.5}) == "-$2.50");
  CHECK(fmt::format("{}", UnitPrice{0.0000166667}) == "$0.0000166667");
  CHECK(fmt::format("{}", UnitPrice{0.2}) == "$0.20");
}

TEST_CASE("compare: cheapest first, infeasible last and never dropped") {
  CompareReport report = sample_report();
  REQUIRE(report.results.size() == 3);
  CHECK(report.results[0].offering_id == "aws.lambda.arm");
  CHECK(report.results[1].offering_id == "aws.eks");
  CHECK(report.results[2].offering_id == "cloudflare.workers"); // 512 MB is over its 128 MB
  CHECK_FALSE(report.results[2].feasible);
  CHECK(report.cheapest() == &report.results[0]);
}

TEST_CASE("render_compare, JSON carries the contract's keys with plain numbers") {
  auto json = nlohmann::json::parse(render_compare(sample_report(), Format::json, {}));
  CHECK(json["schema_version"] == 1);
  CHECK(json["cheapest"] == "aws.lambda.arm");
  CHECK(json["scenario"]["requests_per_month"] == 50e6);
  const auto& first = json["results"][0];
  for (const char* key : {"offering", "kind", "monthly_cost", "feasible", "notes", "line_items"}) {
    CHECK(first.contains(key));
  }
  CHECK(first["monthly_cost"].is_number());
  double sum = 0;
  for (const auto& item : first["line_items"]) {
    for (const char* key : {"name", "quantity", "unit", "unit_price", "cost"}) {
      CHECK(item.contains(key));
    }
    sum += item["cost"].get<double>();
  }
  CHECK(sum == Approx(first["monthly_cost"].get<double>()));
  CHECK(json["results"][2]["monthly_cost"].is_null());
  CHECK(json["results"][2]["feasible"] == false);
}

TEST_CASE("render_compare, CSV is RFC 4180 with a header and unformatted numbers") {
  std::string csv = render_compare(sample_report(), Format::csv, {});
  CHECK(csv.starts_with("scenario,offering,kind,provider,monthly_cost,feasible,instances,notes\r\n"));
  // The name needs quoting; the cost is a plain number, not "$44.47".
  CHECK(csv.find("\r\n\"api, \"\"v2\"\"\",aws.lambda.arm,function,aws,44.46684,true,,") != std::string::npos);
  std::string tsv = render_compare(sample_report(), Format::tsv, {});
  CHECK(tsv.starts_with("scenario\toffering\tkind\tprovider\tmonthly_cost\tfeasible\tinstances\tnotes\n"));
}

TEST_CASE("render_compare, tables have colour only when asked") {
  RenderOptions plain;
  CHECK(render_compare(sample_report(), Format::table, plain).find('\x1b') == std::string::npos);
  RenderOptions color;
  color.color = true;
  CHECK(render_compare(sample_report(), Format::table, color).find('\x1b') != std::string::npos);
}

TEST_CASE("delimited_field quoting") {
  CHECK(delimited_field("plain", ',') == "plain");
  CHECK(delimited_field("a,b", ',') == "\"a,b\"");
  CHECK(delimited_field("say \"hi\"", ',') == "\"say \"\"hi\"\"\"");
  CHECK(delimited_field("line\nbreak", ',') == "\"line\nbreak\"");
  CHECK(delimited_field("tab\there", '\t') == "tab here");
}
