#include <breakeven/budget.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/money.hpp>
#include <breakeven/pricing_review.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/render.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

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
  CHECK(csv.find("\r\n\"api, \"\"v2\"\"\",aws.lambda.arm,function,aws,44.47,true,,") != std::string::npos);
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
    // JSON money is in cents, like the tables, so that line items add up to monthly_cost.
    CHECK(json["results"][0]["monthly_cost"].get<double>() == 0);
    CHECK(json["results"][1]["monthly_cost"].get<double>() == 0);
    CHECK(render_compare(report, Format::csv, {}).find("a.fn,function,a,0,") != std::string::npos);
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

namespace {

std::vector<long long> apportioned(std::vector<double> amounts) {
  auto cents = apportion_cents(amounts);
  REQUIRE(cents);
  return *cents;
}

long long cents_of(const std::string& money) { // "$1,234.56" -> 123456
  std::string digits;
  for (char c : money) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    }
  }
  return std::stoll(digits);
}

// An estimate whose total is the sum of its items, as evaluate() makes it.
Estimate itemised(const std::string& id, const std::vector<double>& costs) {
  Estimate e;
  e.offering_id = id;
  e.offering_name = id;
  e.provider = "p";
  double total = 0;
  for (std::size_t i = 0; i < costs.size(); ++i) {
    e.line_items.push_back({fmt::format("item {}", i + 1), 1, "units", costs[i], costs[i]});
    total += costs[i];
  }
  e.monthly_cost = total;
  return e;
}

// The line items of aws.eks at 10M requests a month (README): rounded one by one they print
// $403.91 under a total of $403.90 ($16.425 rounds up, and so does $0.8889).
const std::vector<double> k_eks_items{73, 210.24, 16.425, 0.888888888888889, 98.55, 4.8};

// "    Total  ...  $403.90" -> the printed item costs of the breakdown table and its total.
std::pair<std::vector<long long>, long long> breakdown_cents(const std::string& table) {
  std::vector<long long> items;
  long long total = -1;
  std::istringstream lines(table);
  std::string line;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (line.starts_with("    ITEM")) {
      inside = true;
    } else if (inside && line.starts_with("    Total")) {
      total = cents_of(line.substr(line.rfind(' ')));
      inside = false;
    } else if (inside) {
      items.push_back(cents_of(line.substr(line.rfind(' '))));
    }
  }
  return {items, total};
}

} // namespace

TEST_CASE("apportion_cents, rounded amounts that add up to the rounded total") {
  SECTION("items that print $474.88 under a total of $474.87") {
    std::vector<double> amounts{158.296, 158.297, 158.277};
    // Each rounded on its own: $158.30 + $158.30 + $158.28 = $474.88, but the sum is $474.87.
    CHECK(fmt::format("{}", Money{amounts[0] + amounts[1] + amounts[2]}) == "$474.87");
    // The one rounded up the most (by 0.4 of a cent) goes down a cent.
    CHECK(apportioned(amounts) == std::vector<long long>{15829, 15830, 15828});
  }
  SECTION("the README's aws.eks breakdown: $403.91 of items under $403.90") {
    std::vector<long long> cents = apportioned(k_eks_items);
    CHECK(cents == std::vector<long long>{7300, 21024, 1642, 89, 9855, 480});
    CHECK(std::accumulate(cents.begin(), cents.end(), 0LL) == 40390);
  }
  SECTION("short of the total: the amounts rounded down the most go up") {
    CHECK(apportioned({1.004, 2.003, 3.004}) == std::vector<long long>{101, 200, 300}); // $6.011 is $6.01
    CHECK(apportioned({0.004, 0.004, 0.002}) == std::vector<long long>{1, 0, 0});       // $0.01
  }
  SECTION("ties: equal remainders move the earlier amounts first") {
    CHECK(apportioned({0.125, 0.125}) == std::vector<long long>{12, 13});
    CHECK(apportioned({0.125, 0.125, 0.125, 0.125}) == std::vector<long long>{12, 12, 13, 13});
    CHECK(apportioned({0.004, 0.004, 0.004}) == std::vector<long long>{1, 0, 0});
  }
  SECTION("zero items (free tiers) never gain a cent; amounts that add up are left alone") {
    CHECK(apportioned({0, 0.004, 0, 0.004, 0.004, 0}) == std::vector<long long>{0, 1, 0, 0, 0, 0});
    CHECK(apportioned({73, 210.24, 4.8}) == std::vector<long long>{7300, 21024, 480});
    CHECK(apportioned({}).empty());
    CHECK(apportioned({0.001}) == std::vector<long long>{0});
  }
  SECTION("a negative amount (a credit) follows the same rule") {
    CHECK(apportioned({1.006, -0.003}) == std::vector<long long>{100, 0}); // $1.003 is $1.00
    CHECK(apportioned({-0.125, -0.125}) == std::vector<long long>{-12, -13});
  }
  SECTION("from 2^53 cents a double holds no cents: nothing, for the caller to print as before") {
    CHECK_FALSE(apportion_cents(std::vector<double>{1e15, 0.004}));
    CHECK_FALSE(apportion_cents(std::vector<double>{6e13, 6e13})); // each fits, the total does not
    CHECK_FALSE(apportion_cents(std::vector<double>{1, k_inf}));
    CHECK_FALSE(apportion_cents(std::vector<double>{1, std::nan("")}));
    CHECK(apportioned({9e13, 0.004}) == std::vector<long long>{9'000'000'000'000'000, 0});
  }
  SECTION("every amount stays within a cent, and the cents add up, whatever the amounts") {
    unsigned long long state = 12345;
    auto next = [&state] { // a fixed LCG: the same cases on every run
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    for (int run = 0; run < 2000; ++run) {
      std::vector<double> amounts(1 + run % 12);
      for (auto& amount : amounts) {
        amount = std::floor(next() * std::pow(10.0, 1 + run % 7)) / 1000 * (run % 5 == 0 ? 0 : 1);
        amount += next() < 0.3 ? 0.005 : 0; // many halves
      }
      std::vector<long long> cents = apportioned(amounts);
      double sum = 0;
      for (std::size_t i = 0; i < amounts.size(); ++i) {
        sum += amounts[i];
        CHECK(std::fabs(static_cast<double>(cents[i]) - amounts[i] * 100) < 1);
      }
      CHECK(std::accumulate(cents.begin(), cents.end(), 0LL) == static_cast<long long>(std::round(sum * 100)));
    }
  }
}

TEST_CASE("Cents, printed like Money") {
  CHECK(fmt::format("{}", Cents{47487}) == "$474.87");
  CHECK(fmt::format("{}", Cents{5}) == "$0.05");
  CHECK(fmt::format("{}", Cents{-100}) == "-$1.00");
  CHECK(fmt::format("{}", Cents{123456789012}) == "$1,234,567,890.12");
  CHECK(fmt::format("{}", Cents{std::numeric_limits<long long>::min()}) == "-$92,233,720,368,547,758.08");
}

TEST_CASE("render_compare, line items add up to the total as printed, in every format") {
  CompareReport report;
  report.scenario.requests_per_month = 10e6;
  report.results = {itemised("aws.eks", k_eks_items)};
  RenderOptions breakdown;
  breakdown.breakdown = true;
  SECTION("table: $16.42, not $16.43, under a total of $403.90") {
    std::string table = render_compare(report, Format::table, breakdown);
    auto [items, total] = breakdown_cents(table);
    CHECK(total == 40390);
    CHECK(items == std::vector<long long>{7300, 21024, 1642, 89, 9855, 480});
    CHECK(std::accumulate(items.begin(), items.end(), 0LL) == total);
    CHECK(table.find("aws.eks (aws.eks): $403.90\n") != std::string::npos);
  }
  SECTION("Markdown") {
    std::string markdown = render_compare(report, Format::markdown, breakdown);
    CHECK(markdown.find("#### `aws.eks`: $403.90") != std::string::npos);
    CHECK(markdown.find("| item 3 | 1 | units | $16.425 | $16.42 |") != std::string::npos);
  }
  SECTION("CSV and TSV: the cost column in cents") {
    std::string csv = render_compare(report, Format::csv, breakdown);
    CHECK(csv.find(",item 1,1,units,73,73\r\n") != std::string::npos);
    CHECK(csv.find(",item 3,1,units,16.425,16.42\r\n") != std::string::npos);
    CHECK(csv.find(",item 4,1,units,0.888888888889,0.89\r\n") != std::string::npos);
    CHECK(csv.find(",item 6,1,units,4.8,4.8\r\n") != std::string::npos);
    CHECK(render_compare(report, Format::tsv, breakdown).find("\titem 3\t1\tunits\t16.425\t16.42\n") !=
          std::string::npos);
  }
  SECTION("JSON: line_items[].cost add up to monthly_cost as written") {
    for (auto format : {Format::json, Format::jsonl}) {
      std::string text = render_compare(report, format, {});
      auto json = nlohmann::json::parse(format == Format::json ? text : text.substr(0, text.find('\n')));
      const auto& result = format == Format::json ? json["results"][0] : json;
      CHECK(result["monthly_cost"].get<double>() == 403.9);
      long long sum = 0;
      for (const auto& item : result["line_items"]) {
        double cost = item["cost"].get<double>();
        sum += std::llround(cost * 100);
        CHECK(cost * 100 == Approx(std::round(cost * 100)).margin(1e-6)); // whole cents
        CHECK(std::fabs(cost - item["quantity"].get<double>() * item["unit_price"].get<double>()) <= 0.01);
      }
      CHECK(sum == 40390);
      CHECK(result["line_items"][2]["cost"].get<double>() == 16.42);
      CHECK(text.find("16.42") != std::string::npos); // written as the decimal, not 16.420000000000002
      CHECK(text.find("16.4200") == std::string::npos);
    }
  }
  SECTION("vs cheapest still adds up: the difference of the totals as printed") {
    report.results.push_back(itemised("b.fn", {100.004, 0.004}));
    std::swap(report.results[0], report.results[1]);
    std::string table = render_compare(report, Format::table, {});
    CHECK(table.find("$100.01  cheapest") != std::string::npos);
    CHECK(table.find("$403.90  +$303.89 (x4.04)") != std::string::npos);
  }
  SECTION("from 2^53 cents, each figure is printed on its own, as before") {
    report.results = {itemised("huge", {1e15, 0.004})};
    std::string table = render_compare(report, Format::table, breakdown);
    CHECK(table.find("$1,000,000,000,000,000.00") != std::string::npos);
    CHECK(table.find("$0.00\n") != std::string::npos);
    auto json = nlohmann::json::parse(render_compare(report, Format::json, {}));
    CHECK(json["results"][0]["monthly_cost"].get<double>() == 1e15);
    CHECK(json["results"][0]["line_items"][1]["cost"].get<double>() == 0.004);
    CHECK(render_compare(report, Format::csv, breakdown).find(",item 2,1,units,0.004,0.004\r\n") != std::string::npos);
  }
}

TEST_CASE("render_compare, every bundled offering's items add up to its total as printed") {
  static const Catalogue catalogue = Catalogue::bundled();
  std::vector<std::string> ids;
  for (const auto& offering : catalogue.offerings()) {
    ids.push_back(offering.id);
  }
  RenderOptions breakdown;
  breakdown.breakdown = true;
  for (double requests : {1e6, 1e7, 5e7, 1e8, 3.33e8, 1e9}) {
    Scenario s;
    s.requests_per_month = requests;
    s.duration_ms = 250;
    CompareReport report = compare(catalogue, catalogue.select(ids), s);
    std::string table = render_compare(report, Format::table, breakdown);
    std::size_t start = 0;
    for (const auto& e : report.results) {
      if (!e.feasible) {
        continue;
      }
      // Each offering's breakdown table in turn.
      std::size_t at = table.find(fmt::format("\n{} (", e.offering_id), start);
      REQUIRE(at != std::string::npos);
      std::size_t end = table.find("    Total", at);
      auto [items, total] = breakdown_cents(table.substr(at, table.find('\n', end) - at + 1));
      INFO(e.offering_id << " at " << requests);
      CHECK(std::accumulate(items.begin(), items.end(), 0LL) == total);
      start = end;
    }
  }
}

namespace {

Assumption assumption(std::string field, std::optional<double> number, std::string value, std::string why,
                      std::vector<std::string> offerings) {
  return {std::move(field), number, std::move(value), std::move(why), std::move(offerings)};
}

// Five feasible offerings and an infeasible one, with assumptions for all, one, four and two
// of them; the last one's text carries a control character.
CompareReport report_with_assumptions() {
  CompareReport report;
  report.scenario.name = "api";
  report.scenario.requests_per_month = 1e6;
  for (const char* id : {"a.fn", "b.fn", "c.vm", "d.vm", "e.vm"}) {
    report.results.push_back(itemised(id, {1}));
  }
  Estimate off = itemised("z.fn", {});
  off.feasible = false;
  off.monthly_cost.reset();
  off.notes = {"too big"};
  report.results.push_back(off);
  report.assumptions = {
      assumption("memory_mb", 512, "512 MB", "not given; set --memory-mb",
                 {"a.fn", "b.fn", "c.vm", "d.vm", "e.vm", "z.fn"}),
      assumption("cpu_ms", 34.7, "34.7 ms", "derived from the memory; set --cpu-ms", {"a.fn"}),
      assumption("utilization", 0.7, "70%", "headroom; set --utilization", {"b.fn", "c.vm", "d.vm", "e.vm"}),
      assumption("node_type", std::nullopt, "m6i\x1b[31m", "default | rate table", {"c.vm", "d.vm"}),
  };
  return report;
}

const std::string k_assumed_lines = "assumed: memory_mb 512 MB: not given; set --memory-mb\n"
                                    "assumed: cpu_ms 34.7 ms for a.fn: derived from the memory; set --cpu-ms\n"
                                    "assumed: utilization 70% for 4 offerings: headroom; set --utilization\n"
                                    "assumed: node_type m6i\\x1b[31m for c.vm, d.vm: default | rate table\n";

} // namespace

TEST_CASE("render_compare, assumptions under the scenario line") {
  CompareReport report = report_with_assumptions();
  SECTION("table: one line each after the summary, then the blank line and the table") {
    std::string table = render_compare(report, Format::table, {});
    std::string first_line = table.substr(0, table.find('\n') + 1);
    CHECK(table.substr(first_line.size()).starts_with(k_assumed_lines + "\nOFFERING"));
    CHECK(table.find('\x1b') == std::string::npos);
  }
  SECTION("a stream of tables: each section has its own") {
    CompareStream stream(Format::table, {});
    std::string out = stream.add(report);
    out += stream.add(report);
    out += stream.finish();
    std::size_t first = out.find(k_assumed_lines);
    REQUIRE(first != std::string::npos);
    CHECK(out.find(k_assumed_lines, first + 1) != std::string::npos);
  }
  SECTION("Markdown: a list after the summary") {
    std::string markdown = render_compare(report, Format::markdown, {});
    CHECK(markdown.find("**Scenario:** api: ") == 0);
    CHECK(markdown.find("\n\n- assumed: memory_mb 512 MB: not given; set --memory-mb\n"
                        "- assumed: cpu_ms 34.7 ms for a.fn: derived from the memory; set --cpu-ms\n"
                        "- assumed: utilization 70% for 4 offerings: headroom; set --utilization\n"
                        "- assumed: node_type m6i\\x1b[31m for c.vm, d.vm: default \\| rate table\n\n| # |") !=
          std::string::npos);
  }
  SECTION("JSON: an array right after the scenario, numbers as numbers") {
    auto json = nlohmann::ordered_json::parse(render_compare(report, Format::json, {}));
    std::vector<std::string> keys;
    for (const auto& [key, value] : json.items()) {
      keys.push_back(key);
    }
    REQUIRE(keys.size() > 3);
    CHECK(keys[2] == "scenario");
    CHECK(keys[3] == "assumptions");
    const auto& list = json["assumptions"];
    REQUIRE(list.size() == 4);
    CHECK(list[1] == nlohmann::ordered_json::parse(R"({"field": "cpu_ms", "value": 34.7,
        "why": "derived from the memory; set --cpu-ms", "offerings": ["a.fn"]})"));
    CHECK(list[3]["value"] == "m6i\x1b[31m");
    CHECK(list[0]["offerings"].size() == 6);
  }
  SECTION("JSON with none: an empty array") {
    report.assumptions.clear();
    auto json = nlohmann::json::parse(render_compare(report, Format::json, {}));
    CHECK(json["assumptions"] == nlohmann::json::array());
    CHECK(render_compare(report, Format::table, {}).find("assumed") == std::string::npos);
    CHECK(render_compare(report, Format::markdown, {}).find("\n\n| # |") != std::string::npos);
  }
  SECTION("a stream of JSON reports: each has its own; JSON Lines rows and CSV have none") {
    CompareStream json_stream(Format::json, {});
    std::string text = json_stream.add(report);
    text += json_stream.add(report);
    text += json_stream.finish();
    auto json = nlohmann::json::parse(text);
    CHECK(json["reports"][1]["assumptions"].size() == 4);
    CHECK(render_compare(report, Format::jsonl, {}).find("assumptions") == std::string::npos);
    CHECK(render_compare(report, Format::csv, {}).find("assumed") == std::string::npos);
  }
}

TEST_CASE("render_crossover and render_curve, assumptions under the scenario line") {
  std::vector<Assumption> assumptions{
      assumption("cpu_ms", 34.7, "34.7 ms", "derived; set --cpu-ms", {"a.fn", "b.vm"}),
      assumption("min_instances", 2, "2", "rate table; set --min-instances", {"b.vm"}),
  };
  const std::string lines = "assumed: cpu_ms 34.7 ms: derived; set --cpu-ms\n"
                            "assumed: min_instances 2 for b.vm: rate table; set --min-instances\n";
  CrossoverReport crossover;
  crossover.scenario.name = "api";
  crossover.range.to = 1e9;
  CrossoverResult pair;
  pair.a = "a.fn";
  pair.b = "b.vm";
  pair.cheaper_at_end = pair.cheaper_last = "a.fn";
  crossover.pairs.push_back(pair);
  crossover.assumptions = assumptions;
  CurveReport curve;
  curve.scenario.name = "api";
  curve.range.to = 1e6;
  curve.requests = {0, 1e6};
  curve.series.push_back({"a.fn", OfferingKind::function, {0, 1}});
  curve.series.push_back({"b.vm", OfferingKind::vm, {5, 5}});
  curve.assumptions = assumptions;

  SECTION("tables") {
    std::string text = render_crossover(crossover, Format::table, {});
    CHECK(text.find("\n" + lines + "range: 0 to 1B") != std::string::npos);
    text = render_curve(curve, Format::table, {});
    CHECK(text.find("\n" + lines + "linear scale, 0 to 1M") != std::string::npos);
  }
  SECTION("Markdown") {
    std::string text = render_crossover(crossover, Format::markdown, {});
    CHECK(text.find("**Range:** 0 to 1B requests/month\n\n- assumed: cpu_ms 34.7 ms: derived; set --cpu-ms\n"
                    "- assumed: min_instances 2 for b.vm: rate table; set --min-instances\n\n| A |") !=
          std::string::npos);
    text = render_curve(curve, Format::markdown, {});
    CHECK(text.find("\n\n- assumed: cpu_ms 34.7 ms: derived; set --cpu-ms\n") != std::string::npos);
  }
  SECTION("JSON, one report and several") {
    auto json = nlohmann::json::parse(render_crossover(crossover, Format::json, {}));
    CHECK(json["assumptions"][1]["value"] == 2);
    CHECK(json["assumptions"][1]["offerings"] == nlohmann::json::array({"b.vm"}));
    json = nlohmann::json::parse(render_curve(curve, Format::json, {}));
    CHECK(json["assumptions"].size() == 2);
    std::vector<CrossoverReport> crossovers{crossover, crossover};
    json = nlohmann::json::parse(render_crossovers(crossovers, Format::json, {}));
    CHECK(json["reports"][1]["assumptions"].size() == 2);
    std::vector<CurveReport> curves{curve, curve};
    json = nlohmann::json::parse(render_curves(curves, Format::json, {}));
    CHECK(json["reports"][1]["assumptions"][0]["field"] == "cpu_ms");
  }
  SECTION("several scenarios as tables: each section has its own") {
    std::vector<CurveReport> curves{curve, curve};
    std::string text = render_curves(curves, Format::table, {});
    CHECK(text.find(lines, text.find(lines) + 1) != std::string::npos);
  }
}

TEST_CASE("render_compare, a CSV row's notes are its own: reasons and warnings, not the offering's notes") {
  static const Catalogue catalogue = Catalogue::bundled();
  Scenario s;
  s.requests_per_month = 3e6;
  s.memory_mb = 512;
  s.addons = {"aws.alb"}; // a component that does not apply to a function: a warning
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large", "cloudflare.workers", "gcp.cloudrun"};
  auto offerings = catalogue.select(ids);
  CompareReport full = compare(catalogue, offerings, s);
  auto row = [](const std::string& csv, const std::string& id) {
    std::istringstream lines(csv);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.find("," + id + ",") != std::string::npos) {
        return line;
      }
    }
    return std::string{};
  };
  std::string csv = render_compare(full, Format::csv, {});
  SECTION("infeasible: the reasons first, then the warnings") {
    CHECK(row(csv, "cloudflare.workers")
              .ends_with(",false,,needs 512 MB of memory; the limit is 128 MB; add-on not added: aws.alb is not a "
                         "cloudflare component\r"));
  }
  SECTION("a warning that can change the ranking") {
    const Estimate& lambda = *std::find_if(full.results.begin(), full.results.end(),
                                           [](const Estimate& e) { return e.offering_id == "aws.lambda.arm"; });
    REQUIRE(lambda.warnings.size() == 1);
    CHECK(row(csv, "aws.lambda.arm").ends_with(",true,," + lambda.warnings.front() + "\r"));
  }
  SECTION("no standing notes, which JSON still has") {
    CHECK(row(csv, "aws.ec2.m7g.large").ends_with(",true,1,\r"));
    CHECK(csv.find("free tier") == std::string::npos);
    CHECK(render_compare(full, Format::json, {}).find("free tier") != std::string::npos);
  }
  SECTION("built without the text, the same CSV and TSV") {
    for (Format format : {Format::csv, Format::tsv}) {
      BuildOptions lean = compare_build_options(format, {});
      CHECK_FALSE(lean.describe);
      CompareReport summary = compare(catalogue, offerings, s, {}, lean);
      CHECK(summary.assumptions.empty());
      CHECK(render_compare(summary, format, {}) == render_compare(full, format, {}));
    }
    CHECK(compare_build_options(Format::csv, {.breakdown = true}).describe);
    CHECK(compare_build_options(Format::json, {}).describe);
  }
}

TEST_CASE("apportioned_total, the total apportion_cents adds up to") {
  for (const auto& amounts : std::vector<std::vector<double>>{
           {16.425, 0.8888}, {0.005, 0.005, 0.005}, {}, {59.5680000001}, {1e15, 0.004}, {1, std::nan("")}}) {
    auto cents = apportion_cents(amounts);
    auto total = apportioned_total(amounts);
    REQUIRE(cents.has_value() == total.has_value());
    if (cents) {
      CHECK(std::accumulate(cents->begin(), cents->end(), 0LL) == *total);
    }
  }
}

TEST_CASE("render_compare, a table fits the width it is given, notes wrapped, nothing lost") {
  Scenario s;
  s.requests_per_month = 5e9;
  s.duration_ms = 100;
  s.max_instances = 2; // a long note on every row
  static const Catalogue catalogue = Catalogue::bundled();
  CompareReport report = compare(catalogue, catalogue.defaults(), s);
  // Words of the whole output in order: wrapping moves line breaks, never text.
  auto words = [](const std::string& text) {
    std::istringstream in(text);
    return std::vector<std::string>(std::istream_iterator<std::string>(in), std::istream_iterator<std::string>());
  };
  RenderOptions whole;
  std::string unwrapped = render_compare(report, Format::table, whole);
  for (std::size_t width : {60U, 90U, 140U}) {
    INFO(width);
    RenderOptions fitted;
    fitted.width = width;
    std::string text = render_compare(report, Format::table, fitted);
    std::istringstream lines(text);
    std::size_t widest = 0;
    for (std::string line; std::getline(lines, line);) {
      widest = std::max(widest, line.size());
    }
    // The fixed columns (offering to VS CHEAPEST) take 82 here: below that only the notes fit.
    CHECK(widest <= std::max<std::size_t>(width, 82));
    std::vector<std::string> all = words(unwrapped);
    std::vector<std::string> got = words(text);
    std::erase(all, "NOTE"); // the header of a column moved below its rows
    std::erase(got, "NOTE");
    CHECK(got == all);
  }
}

TEST_CASE("render_offering and render_component, a table or JSON and no other format") {
  const Catalogue catalogue = Catalogue::bundled();
  const Offering& offering = catalogue.get("aws.lambda.arm");
  const Component& component = *catalogue.find_component("aws.alb");
  SECTION("table and json") {
    CHECK(render_offering(catalogue, offering, Format::table).starts_with("aws.lambda.arm: "));
    CHECK(nlohmann::json::parse(render_offering(catalogue, offering, Format::json))["id"] == "aws.lambda.arm");
    CHECK(render_component(component, Format::table).starts_with("aws.alb: "));
    CHECK(nlohmann::json::parse(render_component(component, Format::json))["id"] == "aws.alb");
  }
  SECTION("any other format names --format") {
    for (Format format : {Format::csv, Format::tsv, Format::markdown, Format::jsonl, Format::svg}) {
      REQUIRE_THROWS_WITH(render_offering(catalogue, offering, format), "--format: pricing show writes table or json");
      REQUIRE_THROWS_WITH(render_component(component, format), "--format: pricing show writes table or json");
    }
  }
}

namespace {

// The words of a text in order: wrapping moves line breaks, never text.
std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  return std::vector<std::string>(std::istream_iterator<std::string>(in), std::istream_iterator<std::string>());
}

// Columns a line takes on a terminal: one per code point.
std::size_t columns_of(const std::string& line) {
  return static_cast<std::size_t>(
      std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Where a column starts: the offset of `name` in the first line starting with `header`.
std::size_t column_start(const std::string& text, const std::string& header, const std::string& name) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(header)) {
      std::size_t at = line.find(name);
      REQUIRE(at != std::string::npos);
      return at;
    }
  }
  FAIL("no line starts with " << header);
  return 0;
}

// The words of a text in reading order. With `header` (a table whose several columns wrap side by
// side, their pieces interleaved line by line), the table's rows are read cell by cell: the line
// starting with `header` gives each column's start (headers split at two spaces); a line with
// words only in the `wrapping` columns continues the row above it, and each cell's words are
// its pieces' words in order. The table ends at a blank line.
std::vector<std::string> reading_order(const std::string& text, const std::string& header = "",
                                       const std::vector<std::string>& wrapping = {}) {
  if (header.empty()) {
    return words_of(text);
  }
  std::vector<std::string> out;
  std::vector<std::size_t> starts;
  std::vector<bool> wraps;
  std::vector<std::vector<std::string>> row; // the cells of the row being read
  auto flush = [&] {
    for (auto& cell : row) {
      out.insert(out.end(), cell.begin(), cell.end());
      cell.clear();
    }
  };
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (starts.empty() && line.starts_with(header)) {
      for (std::size_t at = 0; at < line.size();) {
        std::size_t end = line.find("  ", at);
        std::string name = line.substr(at, end == std::string::npos ? std::string::npos : end - at);
        starts.push_back(at);
        wraps.push_back(std::find(wrapping.begin(), wrapping.end(), name) != wrapping.end());
        at = end == std::string::npos ? line.size() : line.find_first_not_of(' ', end);
      }
      row.assign(starts.size(), {});
      auto words = words_of(line);
      out.insert(out.end(), words.begin(), words.end());
      continue;
    }
    if (starts.empty() || row.empty()) {
      auto words = words_of(line);
      out.insert(out.end(), words.begin(), words.end());
      continue;
    }
    if (line.empty()) {
      flush();
      row.clear(); // the table is over
      continue;
    }
    // Each word goes to the last column starting at or before it.
    std::vector<std::vector<std::string>> cells(starts.size());
    bool continues = true;
    for (std::size_t at = line.find_first_not_of(' '); at != std::string::npos; at = line.find_first_not_of(' ', at)) {
      std::size_t end = std::min(line.find(' ', at), line.size());
      std::size_t column =
          static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin()) - 1;
      cells[column].push_back(line.substr(at, end - at));
      continues = continues && wraps[column];
      at = end;
    }
    if (!continues) {
      flush();
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      row[c].insert(row[c].end(), cells[c].begin(), cells[c].end());
    }
  }
  flush();
  return out;
}

// The rule every table for people keeps at a terminal's width: rendered at 60, 90 and 140
// columns, it reads the same words in the same order as without a width (`whole`; see
// reading_order for `header` and `wrapping`), and every line fits, except a line of one word (a
// URL) wider than the room it has, or a table row where the columns that do not wrap leave less
// than 20 for each one that does: no wider than `floor`, those columns' width plus 20 for each
// wrapping column (0: a report with no such table).
// A last column that goes below its rows leaves its header out: `below` names those headers.
void check_fits(const std::string& whole, const std::function<std::string(std::size_t)>& render, std::size_t floor,
                const std::vector<std::string>& below = {}, const std::string& header = "",
                const std::vector<std::string>& wrapping = {}) {
  std::istringstream all(whole);
  std::size_t widest = 0;
  for (std::string line; std::getline(all, line);) {
    widest = std::max(widest, columns_of(line));
  }
  REQUIRE(widest > 90); // else there would be nothing to fit at 90 columns
  for (std::size_t width : {60U, 90U, 140U}) {
    INFO("width " << width);
    std::string text = render(width);
    std::vector<std::string> got = reading_order(text, header, wrapping);
    std::vector<std::string> all_words = reading_order(whole, header, wrapping);
    for (const auto& name : below) {
      std::erase(got, name);
      std::erase(all_words, name);
    }
    CHECK(got == all_words);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (columns_of(line) > width) {
        INFO(line);
        CHECK((words_of(line).size() == 1 || columns_of(line) <= floor));
      }
    }
    if (widest <= width) {
      CHECK(text == whole); // nothing to wrap: the same text
    }
  }
}

} // namespace

TEST_CASE("render_crossover, a table fits the width it is given") {
  Scenario s = test::io_bound();
  s.requests_per_month = 50e6;
  s.max_instances = 2; // a limited offering, with its long reason
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large", "gcp.cloudrun", "aws.fargate.arm"};
  CrossoverReport report = crossover(test::bundled(), test::bundled().select(ids), s, 0, std::nullopt);
  std::string whole = render_crossover(report, Format::table, {});
  // Paragraphs only: no line but a word longer than the room may pass the width.
  check_fits(
      whole, [&](std::size_t width) { return render_crossover(report, Format::table, {.width = width}); }, 0);
}

TEST_CASE("curve_crossings_shown: the formats whose text changes with every pair's crossings") {
  Scenario s = test::io_bound();
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large", "gcp.cloudrun"};
  CurveReport report = curve(test::bundled(), test::bundled().select(ids), s, 0, 1e9, 5, false);
  REQUIRE_FALSE(report.crossings.empty());
  CurveReport without = report;
  without.crossings.clear();
  for (Format format : {Format::table, Format::csv, Format::tsv, Format::json, Format::jsonl, Format::markdown,
                        Format::svg, Format::html}) {
    INFO(static_cast<int>(format));
    std::optional<bool> differs;
    try {
      differs = render_curve(report, format, {}) != render_curve(without, format, {});
    } catch (const Error&) {
      continue; // not a curve format
    }
    CHECK(*differs == (curve_crossings_shown(format, false) == CurveCrossings::every));
  }
  CHECK(render_curve_plot(report, 80, true) != render_curve_plot(without, 80, true));
  CHECK(curve_crossings_shown(Format::table, true) == CurveCrossings::every);
}

TEST_CASE("render_curve and write_curves, a table fits the width it is given") {
  Scenario s = test::io_bound();
  s.max_instances = 2;
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large", "gcp.cloudrun"};
  auto offerings = test::bundled().select(ids);
  CurveReport report = curve(test::bundled(), offerings, s, 0, 1e9, 5, false);
  std::string whole = render_curve(report, Format::table, {});
  // Every column is a figure: none wraps, so the table is as wide as its header line.
  std::size_t table =
      column_start(whole, "REQUESTS/MONTH", "REQUESTS/MONTH") +
      columns_of(whole.substr(whole.find("REQUESTS/MONTH"),
                              whole.find('\n', whole.find("REQUESTS/MONTH")) - whole.find("REQUESTS/MONTH")));
  check_fits(
      whole, [&](std::size_t width) { return render_curve(report, Format::table, {.width = width}); }, table);
  SECTION("written a piece at a time, the same text") {
    std::vector<CurveSamples> samples{curve_samples(test::bundled(), offerings, s, 0, 1e9, 5, false)};
    std::string written;
    write_curves(samples, Format::table, {.width = 60}, [&written](std::string_view piece) { written += piece; });
    CHECK(written == render_curve(report, Format::table, {.width = 60}));
  }
}

TEST_CASE("render_check, a table fits the width it is given") {
  Budget budget = parse_budget(R"({"schema_version": 1, "checks": [
    {"name": "api", "offering": "aws.lambda.arm", "max_monthly_cost": 5,
     "scenario": {"requests_per_month": 5e7, "duration_ms": 120, "memory_mb": 512}},
    {"name": "a cluster with a long name, to wrap", "offering": "aws.eks", "max_monthly_cost": 300,
     "scenario": {"requests_per_month": 1e7, "max_instances": 1}}]})",
                               "budget.json", ".");
  CheckReport report = run_checks(test::bundled(), budget, std::nullopt);
  std::string whole = render_check(report, Format::table, {});
  std::size_t floor = column_start(whole, "CHECK", "RESULT") + 20; // RESULT wraps
  check_fits(whole, [&](std::size_t width) { return render_check(report, Format::table, {.width = width}); }, floor,
             {"RESULT"});
}

TEST_CASE("render_advice, tables and paragraphs fit the width they are given") {
  Scenario s = test::io_bound();
  s.requests_per_month = 50e6;
  Constraints constraints;
  constraints.p99_ms = 50; // some options ruled out, with their reasons
  Portfolio advice = portfolio({advise(test::bundled(), test::bundled().defaults(), s, constraints)});
  std::string whole = render_advice(advice, Format::table, {});
  // WATCH, WHY (ruled out) and WHY (each answer, the table indented 4) wrap.
  std::size_t floor = std::max({column_start(whole, "RANK", "WATCH"), column_start(whole, "OFFERING", "WHY"),
                                column_start(whole, "    QUESTION", "WHY")}) +
                      20;
  check_fits(whole, [&](std::size_t width) { return render_advice(advice, Format::table, {.width = width}); }, floor,
             {"WATCH", "WHY"});
}

TEST_CASE("render_pricing_list, render_offering, render_component and render_pricing_diff fit the width") {
  const Catalogue& catalogue = test::bundled();
  SECTION("pricing list: NAME wraps") {
    std::string whole = render_pricing_list(catalogue, Format::table);
    std::size_t floor = column_start(whole, "ID", "NAME") + 20;
    check_fits(whole,
               [&](std::size_t width) { return render_pricing_list(catalogue, Format::table, {.width = width}); },
               floor, {"NAME"});
  }
  // CHARGE and PRICE wrap; METER, FREE TIER and INCLUDED do not. INCLUDED is right-aligned, so
  // the header line is as wide as the table.
  auto show_floor = [](const std::string& whole) {
    std::size_t meter = column_start(whole, "CHARGE", "METER");
    std::size_t price = column_start(whole, "CHARGE", "PRICE");
    std::size_t free = column_start(whole, "CHARGE", "FREE TIER");
    std::size_t header = whole.find('\n', whole.find("CHARGE")) - whole.find("CHARGE");
    return header - (meter - 2) - (free - 2 - price) + 40;
  };
  for (const char* id : {"aws.ec2.t3.medium", "aws.eks", "aws.lambda.arm"}) {
    SECTION(std::string("pricing show ") + id) {
      const Offering& offering = catalogue.get(id);
      std::string whole = render_offering(catalogue, offering, Format::table);
      check_fits(
          whole,
          [&](std::size_t width) { return render_offering(catalogue, offering, Format::table, {.width = width}); },
          show_floor(whole), {}, "CHARGE", {"CHARGE", "PRICE"});
    }
  }
  SECTION("pricing show a component") {
    const Component& component = *catalogue.find_component("aws.apigateway.rest");
    std::string whole = render_component(component, Format::table);
    check_fits(whole, [&](std::size_t width) { return render_component(component, Format::table, {.width = width}); },
               show_floor(whole), {}, "CHARGE", {"CHARGE", "PRICE"});
  }
  SECTION("pricing diff: BEFORE and AFTER wrap") {
    std::vector<RateTable> before = bundled_rate_tables();
    std::vector<RateTable> after{load_rate_table_file(BREAKEVEN_SOURCE_DIR "/tests/fixtures/diff/aws-lambda-arm.json")};
    DiffOptions options;
    options.common_only = true;
    PricingDiff diff = diff_prices(before, after, "bundled", "a table with a long name to wrap.json", options);
    std::string whole = render_pricing_diff(diff, Format::table);
    std::size_t floor = column_start(whole, "ID", "BEFORE") + 40;
    check_fits(whole, [&](std::size_t width) { return render_pricing_diff(diff, Format::table, {.width = width}); },
               floor, {}, "ID", {"BEFORE", "AFTER"});
  }
}

TEST_CASE("render_offering, a burstable VM's baseline and its default root volume") {
  const Catalogue& catalogue = test::bundled();
  const Offering& t3 = catalogue.get("aws.ec2.t3.medium");
  // The rate table's own words: t3.medium's burstable block and aws.json's vm_root_volume.
  REQUIRE(t3.burstable_baseline == 0.2);
  REQUIRE(t3.root_volume_component == "aws.ebs.gp3");
  REQUIRE(t3.root_volume_gb == 8);
  SECTION("table") {
    std::string text = render_offering(catalogue, t3, Format::table);
    CHECK(text.find("\nburstable: baseline 20% of each vCPU (" + t3.burstable_source +
                    "); load above it is billed as surplus vCPU-hours\n") != std::string::npos);
    CHECK(text.find("\nroot volume: 8 GB aws.ebs.gp3 by default (" + t3.root_volume_source +
                    "); --disk-gb, --disk-type, or --component aws.ebs.gp3=0 to leave it out\n") != std::string::npos);
  }
  SECTION("json") {
    auto j = nlohmann::json::parse(render_offering(catalogue, t3, Format::json));
    CHECK(j["burstable"]["baseline"] == 0.2);
    CHECK(j["burstable"]["source"] == t3.burstable_source);
    CHECK(j["root_volume"]["component"] == "aws.ebs.gp3");
    CHECK(j["root_volume"]["gb"] == 8);
    CHECK(j["root_volume"]["source"] == t3.root_volume_source);
  }
  SECTION("spot: standard mode, throttled at the baseline") {
    std::string text = render_offering(catalogue, catalogue.get("aws.ec2.t3.medium@spot"), Format::table);
    CHECK(text.find("; throttled to it once its CPU credits are spent\n") != std::string::npos);
  }
  SECTION("neither for a function, a GPU VM or a cluster") {
    for (const char* id : {"aws.lambda.arm", "aws.ec2.g4dn.xlarge", "aws.eks"}) {
      INFO(id);
      auto j = nlohmann::json::parse(render_offering(catalogue, catalogue.get(id), Format::json));
      CHECK(j["burstable"].is_null());
      CHECK(j["root_volume"].is_null());
      std::string text = render_offering(catalogue, catalogue.get(id), Format::table);
      CHECK(text.find("\nburstable:") == std::string::npos);
      CHECK(text.find("\nroot volume:") == std::string::npos);
    }
  }
}
