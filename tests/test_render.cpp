#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/money.hpp>
#include <breakeven/render.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

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

namespace {

// A report built by hand, for values no bundled price produces.
CompareReport report_with(double cheapest_cost, double other_cost, const std::string& name = "api") {
  CompareReport report;
  report.scenario.name = name;
  report.scenario.requests_per_month = 1e6;
  Estimate a;
  a.offering_id = "a.fn";
  a.offering_name = "A";
  a.provider = "a";
  a.monthly_cost = cheapest_cost;
  a.line_items.push_back({"Requests", 2.99999, "requests", cheapest_cost, cheapest_cost});
  Estimate b = a;
  b.offering_id = "b.fn";
  b.monthly_cost = other_cost;
  b.line_items = {{"Requests", std::numeric_limits<double>::infinity(), "requests", other_cost, other_cost}};
  report.results = {a, b};
  return report;
}

const double k_inf = std::numeric_limits<double>::infinity();

} // namespace

TEST_CASE("Money and UnitPrice, amounts that are not prices") {
  CHECK(fmt::format("{}", Money{k_inf}) == "n/a");
  CHECK(fmt::format("{}", Money{-k_inf}) == "n/a");
  CHECK(fmt::format("{}", Money{std::nan("")}) == "n/a");
  CHECK(fmt::format("{}", Money{1e30}) == "$1,000,000,000,000,000,019,884,624,838,656.00");
  CHECK(fmt::format("{}", Money{1e307}).starts_with("$9,999,999,999,999,999,"));
  CHECK(fmt::format("{}", Money{-1e307}).starts_with("-$9,999,"));
  CHECK(fmt::format("{}", Money{-0.0}) == "$0.00");
  CHECK(fmt::format("{}", Money{4.9e-324}) == "$0.00");
  CHECK(fmt::format("{}", Money{90071992547409.91}) == "$90,071,992,547,409.91"); // 2^53 cents, nearly
  CHECK(fmt::format("{}", UnitPrice{k_inf}) == "n/a");
  CHECK(fmt::format("{}", UnitPrice{-0.0}) == "$0.00");
}

TEST_CASE("render_compare, numbers at the edge of a double") {
  SECTION("subnormal costs: JSON and CSV, no exception") {
    CompareReport report = report_with(4.9e-324, 1e-310);
    auto json = nlohmann::json::parse(render_compare(report, Format::json, {}));
    CHECK(json["results"][0]["monthly_cost"].get<double>() == 4.9e-324);
    CHECK(json["results"][1]["monthly_cost"].get<double>() == 1e-310);
    CHECK(render_compare(report, Format::csv, {}).find("a.fn,function,a,5e-324,") != std::string::npos);
  }
  SECTION("-0 is written 0") {
    std::string json = render_compare(report_with(-0.0, 1), Format::json, {});
    CHECK(json.find("-0") == std::string::npos);
    CHECK(render_compare(report_with(-0.0, 1), Format::csv, {}).find(",a,0,") != std::string::npos);
  }
  SECTION("an infinite cost: n/a for people, empty for programs, null in JSON") {
    CompareReport report = report_with(1, k_inf);
    RenderOptions breakdown;
    breakdown.breakdown = true;
    for (auto format : {Format::table, Format::markdown}) {
      std::string text = render_compare(report, format, breakdown);
      CHECK(text.find("inf") == std::string::npos);
      CHECK(text.find("nan") == std::string::npos);
      CHECK(text.find("n/a") != std::string::npos);
    }
    CHECK(render_compare(report, Format::csv, {}).find(",b.fn,function,a,,true,,") != std::string::npos);
    auto json = nlohmann::json::parse(render_compare(report, Format::json, {}));
    CHECK(json["results"][1]["monthly_cost"].is_null());
  }
  SECTION("a ratio too large for a double is left out") {
    std::string table = render_compare(report_with(1e-300, 1e30), Format::table, {});
    CHECK(table.find("inf") == std::string::npos);
    CHECK(table.find("(x") == std::string::npos);
  }
  SECTION("quantities round once: 2.99999 is 3, not \"2.\"") {
    RenderOptions breakdown;
    breakdown.breakdown = true;
    std::string table = render_compare(report_with(1, 2), Format::table, breakdown);
    CHECK(table.find("Requests         3  requests") != std::string::npos);
  }
}

TEST_CASE("render_compare, control characters in names") {
  const std::string name = "evil\x1b[31mred\x07\nline\xc2\x9b"
                           "2J";
  CompareReport report = report_with(1, 2, name);
  report.results[1].offering_id = "b\x1b]0;title\x07";
  SECTION("tables and Markdown show them escaped") {
    for (auto format : {Format::table, Format::markdown}) {
      std::string text = render_compare(report, format, {});
      CHECK(text.find('\x1b') == std::string::npos);
      CHECK(text.find('\x07') == std::string::npos);
      CHECK(text.find("\xc2\x9b") == std::string::npos);
      CHECK(text.find("evil\\x1b[31mred\\x07") != std::string::npos);
      CHECK(text.find("b\\x1b]0;title\\x07") != std::string::npos);
    }
    std::string table = render_compare(report, Format::table, {});
    CHECK(table.find("\\x0aline\\u009b2J") != std::string::npos); // a newline cannot start a row
    CHECK(render_compare(report, Format::markdown, {}).find("\\x0aline\\u009b2J") != std::string::npos);
  }
  SECTION("TSV keeps one row per line; CSV and JSON keep the data exact") {
    report.scenario.name = "tab\there\nnewline";
    std::string tsv = render_compare(report, Format::tsv, {});
    CHECK(std::count(tsv.begin(), tsv.end(), '\n') == 3);
    CHECK(tsv.find("\ntab here newline\ta.fn\t") != std::string::npos);
    std::string csv = render_compare(report, Format::csv, {});
    CHECK(csv.find("\r\n\"tab\there\nnewline\",a.fn,") != std::string::npos);
    auto json = nlohmann::json::parse(render_compare(report, Format::json, {}));
    CHECK(json["scenario"]["name"] == "tab\there\nnewline");
    CHECK(json["results"][1]["offering"] == "b\x1b]0;title\x07");
  }
  SECTION("JSON of a name that is not UTF-8 replaces the bad byte") {
    report.scenario.name = "bad\xff";
    auto json = nlohmann::json::parse(render_compare(report, Format::json, {}));
    CHECK(json["scenario"]["name"] == "bad\xef\xbf\xbd");
  }
}

TEST_CASE("render_check, a fall too small to print is +$0.00 (+0.0%)") {
  CheckReport report;
  CheckResult c;
  c.name = "api";
  c.offering = "a.fn";
  c.monthly_cost = 99.9996;
  c.budget = 200;
  c.baseline_cost = 100;
  c.increase = -0.0004;
  c.increase_percent = -0.0004;
  c.ok = true;
  report.checks.push_back(c);
  std::string table = render_check(report, Format::table, {});
  CHECK(table.find("+$0.00 (+0.0%)") != std::string::npos);
}

TEST_CASE("render_curve, a long table is one cell per value, sized to its widest cell") {
  CurveReport report;
  report.scenario.name = "api";
  report.range.to = 2e6;
  report.requests = {0, 1e6, 2e6};
  report.series.push_back({"a.fn", OfferingKind::function, {0, 12.5, 1234567.891}});
  std::string table = render_curve(report, Format::table, {});
  CHECK(table.find("REQUESTS/MONTH  REQ/S           a.fn\n"
                   "             0      0          $0.00\n"
                   "            1M  0.381         $12.50\n"
                   "            2M  0.761  $1,234,567.89\n") != std::string::npos);
}
