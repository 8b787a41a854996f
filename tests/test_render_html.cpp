// The report page, `--format html` (render.hpp): text escaped, the sections in order, and every
// figure in the DOM the number the JSON document holds at the pointer it names.

#include <breakeven/advise.hpp>
#include <breakeven/analysis.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/money.hpp>
#include <breakeven/render.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

using namespace breakeven;

namespace {

struct Figure {
  std::string pointer; // empty: a figure the JSON document does not hold
  std::string value;
};

// Every `data-value` on the page, with its `data-json` when it has one.
std::vector<Figure> figures_of(const std::string& page) {
  std::vector<Figure> figures;
  static const std::regex attribute(R"re(( data-json="([^"]*)")? data-value="([^"]*)")re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), attribute); it != std::sregex_iterator(); ++it) {
    figures.push_back({(*it)[2].str(), (*it)[3].str()});
  }
  return figures;
}

// Every figure with a pointer equals, as a JSON value, what the JSON document holds there.
void check_figures(const std::string& page, const std::string& json, std::size_t at_least) {
  auto document = nlohmann::json::parse(json);
  std::size_t checked = 0;
  for (const auto& figure : figures_of(page)) {
    if (figure.pointer.empty()) {
      continue;
    }
    INFO(figure.pointer << " = " << figure.value);
    REQUIRE(document.contains(nlohmann::json::json_pointer(figure.pointer)));
    CHECK(nlohmann::json::parse(figure.value) == document.at(nlohmann::json::json_pointer(figure.pointer)));
    ++checked;
  }
  CHECK(checked >= at_least);
}

// Where `needle` is on the page; fails when it is not.
std::size_t position(const std::string& page, const std::string& needle) {
  std::size_t at = page.find(needle);
  INFO(needle);
  REQUIRE(at != std::string::npos);
  return at;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

CompareReport dated_compare() {
  Scenario s = test::dated_scenario();
  s.name = "api <v2> & \"friends\"";
  std::vector<std::string> ids{"dated.fn", "dated.vm", "dated.k8s"};
  return compare(test::dated(), test::dated().select(ids), s);
}

} // namespace

TEST_CASE("render_compare html, text from the tables escaped") {
  CompareReport report = dated_compare();
  report.results[0].offering_id = "x.<script>alert(1)</script>";
  report.results[0].offering_name = "a \"quoted\" & <b>bold</b> name";
  std::string page = render_compare(report, Format::html, {});
  SECTION("markup in names is text") {
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<b>bold") == std::string::npos);
    CHECK(page.find("x.&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(page.find("api &lt;v2&gt; &amp; &quot;friends&quot;") != std::string::npos);
  }
  SECTION("control characters made visible") {
    report.results[1].offering_id = "bell\x07id";
    page = render_compare(report, Format::html, {});
    CHECK(page.find('\x07') == std::string::npos);
    CHECK(page.find("bell\\x07id") != std::string::npos);
  }
}

TEST_CASE("render_compare html, one self-contained page in the order of the brief") {
  CompareReport report = dated_compare();
  std::string page = render_compare(report, Format::html, {});
  CHECK(page.starts_with("<!DOCTYPE html>\n"));
  CHECK(page.ends_with("</html>\n"));
  CHECK(page.find("name=\"viewport\"") != std::string::npos);
  CHECK(page.find("@media print") != std::string::npos);
  SECTION("nothing fetched and nothing run") {
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<link") == std::string::npos);
    CHECK(page.find(" src=") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
  }
  SECTION("scenario, assumptions, answer, table, line items, prices") {
    std::size_t scenario = position(page, "<p class=\"scenario\">");
    std::size_t answer = position(page, "<section id=\"answer\">");
    std::size_t table = position(page, "<section id=\"table\">");
    std::size_t items = position(page, "<section id=\"line-items\">");
    std::size_t prices = position(page, "<section id=\"prices\">");
    CHECK(scenario < answer);
    CHECK(answer < table);
    CHECK(table < items);
    CHECK(items < prices);
  }
  SECTION("one collapsed <details> per feasible option") {
    std::size_t feasible = 0;
    for (const auto& e : report.results) {
      feasible += e.feasible ? 1 : 0;
    }
    CHECK(feasible == 3);
    std::string items = page.substr(position(page, "<section id=\"line-items\">"));
    CHECK(count(items, "<details") == feasible);
    CHECK(count(items, "<details open") == 0);
  }
  SECTION("every assumption, in a box open by default") {
    CHECK(!report.assumptions.empty());
    std::size_t box = position(page, "<details class=\"assumptions\" open>");
    CHECK(box < position(page, "<section id=\"answer\">"));
    CHECK(count(page, "<li>assumed: ") == report.assumptions.size());
  }
  SECTION("each price used, with its date") {
    for (const auto& price : report.prices) {
      CHECK(page.find("<code>" + price.id + "</code></td><td>" + price.as_of + "</td>") != std::string::npos);
    }
  }
}

TEST_CASE("render_compare html, its figures are the JSON document's") {
  CompareReport report = dated_compare();
  std::string page = render_compare(report, Format::html, {});
  check_figures(page, render_compare(report, Format::json, {}), 10);

  SECTION("the answer is the cheapest option's cost, to the cent") {
    const Estimate* cheapest = report.cheapest();
    REQUIRE(cheapest != nullptr);
    std::size_t answer = position(page, "<section id=\"answer\">");
    auto figures = figures_of(page.substr(answer));
    REQUIRE(!figures.empty());
    CHECK(std::stod(figures.front().value) == Approx(std::round(*cheapest->monthly_cost * 100) / 100).margin(1e-9));
    CHECK(page.find("<strong><code>" + cheapest->offering_id + "</code></strong>", answer) != std::string::npos);
  }
  SECTION("each option's line items add up to its total, in cents") {
    std::size_t from = position(page, "<section id=\"line-items\">");
    for (std::size_t open = page.find("<details", from); open != std::string::npos;
         open = page.find("<details", open + 1)) {
      std::string section = page.substr(open, page.find("</details>", open) - open);
      long long items = 0;
      long long total = -1;
      for (const auto& figure : figures_of(section)) {
        if (figure.pointer.ends_with("/cost")) {
          items += std::llround(std::stod(figure.value) * 100);
        } else if (figure.pointer.ends_with("/monthly_cost")) {
          total = std::llround(std::stod(figure.value) * 100);
        }
      }
      INFO(section.substr(0, 120));
      CHECK(items == total);
    }
  }
}

TEST_CASE("render_compare html, prices over a year old are named on the page") {
  CompareReport report = dated_compare();
  SECTION("counted to the day given") {
    RenderOptions options;
    options.today = "2026-11-28";
    std::string page = render_compare(report, Format::html, options);
    // tests/fixtures/stale/README.md: dated.fn is 2025-05-01, 576 days before; dated.vm and
    // dated.k8s are 2026-06-01, fresh.
    CHECK(page.find("<code>dated.fn</code>: prices as of 2025-05-01, 576 days old") != std::string::npos);
    CHECK(page.find("<code>dated.vm</code>: prices as of") == std::string::npos);
    CHECK(page.find("<code>dated.k8s</code>: prices as of") == std::string::npos);
  }
  SECTION("no day, no warning") {
    std::string page = render_compare(report, Format::html, {});
    CHECK(page.find("days old") == std::string::npos);
  }
}

TEST_CASE("render_curve and render_crossover html, the answer, the chart and the table") {
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large"};
  auto offerings = test::bundled().select(ids);
  Scenario s = test::io_bound();
  s.name = "io <bound>";
  SECTION("curve: cheapest ranges, crossings, the SVG chart inline") {
    CurveReport report = curve(test::bundled(), offerings, s, 0, 200e6, 21, false);
    REQUIRE(!report.crossings.empty());
    std::string page = render_curve(report, Format::html, {});
    std::size_t answer = position(page, "<section id=\"answer\">");
    std::size_t chart = position(page, "<section id=\"chart\"");
    std::size_t table = position(page, "<section id=\"table\">");
    CHECK(answer < chart);
    CHECK(chart < table);
    CHECK(page.find("<?xml") == std::string::npos);
    CHECK(count(page, "<svg ") == 1);
    CHECK(page.find("data-json=\"/cheapest_ranges/0/from_requests\"") != std::string::npos);
    CHECK(page.find("data-json=\"/crossings/0/break_even_requests_per_month\"") != std::string::npos);
    // a cost per point and series, a count per point, and the ranges and crossings
    check_figures(page, render_curve(report, Format::json, {}), 21 * 3);
  }
  SECTION("crossover: without curves no chart; with them, the chart") {
    CrossoverReport report = crossover(test::bundled(), offerings, s, std::nullopt, std::nullopt);
    REQUIRE(report.pairs.size() == 1);
    REQUIRE(report.pairs[0].break_even_requests_per_month);
    std::string plain = render_crossover(report, Format::html, {});
    CHECK(plain.find("<svg") == std::string::npos);
    check_figures(plain, render_crossover(report, Format::json, {}), 4);
    CurveReport curves = curve(test::bundled(), offerings, s, report.range.from, report.range.to, 50, false);
    std::string page = render_crossover_html(report, curves, {});
    CHECK(count(page, "<svg ") == 1);
    CHECK(position(page, "<section id=\"answer\">") < position(page, "<section id=\"chart\""));
    check_figures(page, render_crossover(report, Format::json, {}), 4);
  }
  SECTION("several scenarios are several pages: refused") {
    CurveReport one = curve(test::bundled(), offerings, s, 0, 200e6, 3, false);
    std::vector<CurveReport> two{one, one};
    CHECK_THROWS_WITH(render_curves(two, Format::html, {}),
                      Catch::Contains("csv, tsv, svg and html take one scenario"));
  }
}

TEST_CASE("render_advice html, the pick first and each option's questions and items") {
  Scenario s = test::io_bound();
  s.requests_per_month = 10e6;
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large", "aws.fargate.arm"};
  Portfolio one = portfolio({advise(test::bundled(), test::bundled().select(ids), s, {})});
  std::string page = render_advice(one, Format::html, {});
  const Advice& advice = one.workloads.front();
  REQUIRE(advice.shortlisted > 0);
  std::size_t answer = position(page, "<section id=\"answer\">");
  CHECK(page.find("Pick: <strong><code>" + advice.options.front().estimate.offering_id + "</code></strong>", answer) !=
        std::string::npos);
  CHECK(count(page.substr(position(page, "<section id=\"line-items\">")), "<details") == advice.options.size());
  CHECK(count(page, "<ul class=\"answers\">") == advice.options.size());
  check_figures(page, render_advice(one, Format::json, {}), advice.options.size());
}

TEST_CASE("render_advice html, an option ranked with warm capacity shows the items of that cost") {
  auto [s, c] = test::cold_latency();
  std::vector<std::string> ids{"aws.lambda.arm", "azure.containerapps", "aws.ec2.m7g.large"};
  Portfolio one = portfolio({advise(test::bundled(), test::bundled().select(ids), s, c)});
  std::string page = render_advice(one, Format::html, {});
  std::string items = page.substr(position(page, "<section id=\"line-items\">"));
  int fixes = 0;
  for (const AdvisedOption& o : one.workloads.front().options) {
    CAPTURE(o.estimate.offering_id);
    std::size_t at = position(items, "<details id=\"items-" + o.estimate.offering_id + "\">");
    std::string shown = items.substr(at, items.find("</details>", at) - at);
    REQUIRE(o.ranked_cost);
    // The summary and the items' total are the cost in the Options table, with or without a fix.
    std::string cost = fmt::format("{}", Money{*o.ranked_cost});
    std::string figure = std::regex_replace(cost, std::regex(R"([$.])"), R"(\$&)");
    CHECK(std::regex_search(shown, std::regex("</code>: <span[^>]*>" + figure + "</span></summary>")));
    CHECK(std::regex_search(shown, std::regex("Total</td><td class=\"num\"[^>]*>" + figure + "</td>")));
    CHECK((shown.find("Line items with the warm capacity latency needs") != std::string::npos) ==
          o.warm_fix.has_value());
    fixes += o.warm_fix ? 1 : 0;
  }
  CHECK(fixes == 2); // Lambda's provisioned environment and Container Apps' warm instance
}

TEST_CASE("CompareStream refuses html: a page is for one scenario") {
  CompareStream stream(Format::html, {});
  CompareReport report = dated_compare();
  CHECK_THROWS_WITH(stream.add(report), Catch::Contains("html is a page for one scenario"));
  CHECK_THROWS_WITH(CrossoverStream(Format::html, {}), Catch::Contains("html is a page for one scenario"));
}

TEST_CASE("parse_format, html") {
  CHECK(parse_format("html") == Format::html);
}
