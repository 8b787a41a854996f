// The limits every loader and renderer keeps whatever the input: how deep JSON may nest, how
// large an input file may be, and charts that stay finite and bounded at extreme ranges.

#include <breakeven/budget.hpp>
#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/render.hpp>
#include <breakeven/scenario.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

using namespace breakeven;

namespace {

std::string nested(int depth, const std::string& inside = "") {
  return std::string(static_cast<std::size_t>(depth), '[') + inside + std::string(static_cast<std::size_t>(depth), ']');
}

// A file in the temporary directory, removed when the test ends.
struct TemporaryFile {
  std::filesystem::path path;
  TemporaryFile(const std::string& name, std::size_t size) : path(std::filesystem::temp_directory_path() / name) {
    std::ofstream out(path, std::ios::binary);
    std::string block(1024 * 1024, ' ');
    for (std::size_t written = 0; written < size; written += block.size()) {
      out.write(block.data(), static_cast<std::streamsize>(std::min(block.size(), size - written)));
    }
  }
  ~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

CurveReport two_point_curve(double from, double to, double cost) {
  CurveReport report;
  report.range.from = from;
  report.range.to = to;
  report.requests = {from, to};
  report.series.push_back({"a.fn", OfferingKind::function, {cost, cost}});
  return report;
}

} // namespace

TEST_CASE("JSON nesting: at most 64 levels, refused before parsing with a location") {
  SECTION("64 levels are read") {
    // The root object is the first level; "$schema" is not checked, so any value is read.
    Scenario s = parse_scenario(R"({"$schema": )" + nested(63) + R"(, "requests_per_month": 5})", "s.json");
    CHECK(s.requests_per_month == 5);
  }
  SECTION("65 levels are not, in every kind of file") {
    std::string deep = nested(64);
    REQUIRE_THROWS_WITH(parse_scenario(R"({"$schema": )" + deep + "}", "s.json"),
                        "s.json: line 1, column 76: arrays and objects nested more than 64 deep");
    REQUIRE_THROWS_WITH(parse_rate_table("{\n  \"$schema\": " + deep + "}", "t.json"),
                        "t.json: line 2, column 77: arrays and objects nested more than 64 deep");
    REQUIRE_THROWS_WITH(parse_budget(R"({"checks": )" + deep + "}", "b.json", "."),
                        "b.json: line 1, column 75: arrays and objects nested more than 64 deep");
    REQUIRE_THROWS_WITH(parse_baseline(R"({"checks": )" + deep + "}", "old.json"),
                        "old.json: line 1, column 75: arrays and objects nested more than 64 deep");
  }
  SECTION("25,000 levels before a bad value: one error, no stack overflow") {
    // Found before the path search (which used to recurse once per level) ever runs.
    REQUIRE_THROWS_WITH(
        parse_budget(R"({"$schema": )" + nested(25'000) + R"(, "schema_version": 1, "checks": 7})", "b.json", "."),
        "b.json: line 1, column 76: arrays and objects nested more than 64 deep");
  }
  SECTION("brackets inside strings do not count") {
    Scenario s =
        parse_scenario(R"({"name": ")" + std::string(100, '[') + R"(\"[{", "requests_per_month": 5})", "s.json");
    CHECK(s.name == std::string(100, '[') + "\"[{");
  }
  SECTION("the path of a value behind deep nesting is still found") {
    REQUIRE_THROWS_WITH(
        parse_budget(R"({"$schema": )" + nested(60, "1, {}") + R"(, "schema_version": 1, "checks": 7})", "b.json", "."),
        "b.json: $.checks: must be an array, not a number");
    REQUIRE_THROWS_WITH(parse_baseline(R"({"schema_version": 1, "checks": [{"budget": )" + nested(60) +
                                           R"(, "name": "a", "monthly_cost": "x"}]})",
                                       "old.json"),
                        "old.json: $.checks[0].monthly_cost: must be a number, not a string");
  }
}

TEST_CASE("read_text_file: at most 16 MiB, read in chunks") {
  SECTION("a file of exactly the limit is read") {
    TemporaryFile file("breakeven-test-limit.json", k_max_input_bytes);
    CHECK(read_text_file(file.path).size() == k_max_input_bytes);
  }
  SECTION("one byte more is not") {
    TemporaryFile file("breakeven-test-over-limit.json", k_max_input_bytes + 1);
    REQUIRE_THROWS_WITH(read_text_file(file.path),
                        file.path.string() + ": is larger than 16 MiB; rate tables, scenarios, budgets and baselines "
                                             "are far smaller (is it the right file?)");
  }
  SECTION("a device that never ends stops at the limit") {
    REQUIRE_THROWS_WITH(read_text_file("/dev/zero"),
                        "/dev/zero: is larger than 16 MiB; rate tables, scenarios, budgets and baselines are far "
                        "smaller (is it the right file?)");
  }
}

TEST_CASE("render_curve_svg, ticks at extreme ranges") {
  SECTION("a range narrower than the step's ulp: a few ticks, at once") {
    // The tick step (0.0002) is below half an ulp of 10^13 (0.00098): `t += step` never moved.
    std::string svg = render_curve_svg(two_point_curve(9999999999999.999, 1e13, 5));
    std::size_t count = 0;
    for (auto at = svg.find("class=\"x-tick\""); at != std::string::npos; at = svg.find("class=\"x-tick\"", at + 1)) {
      ++count;
    }
    CHECK(count >= 1);
    CHECK(count <= 16);
    CHECK(svg.find("nan") == std::string::npos);
  }
  SECTION("ticks stay inside the range") {
    std::string svg = render_curve_svg(two_point_curve(1e12, 1e13, 5));
    CHECK(svg.find(">2T</text>") != std::string::npos);
    CHECK(svg.find(">10T</text>") != std::string::npos);
    CHECK(svg.find(">12T</text>") == std::string::npos);
  }
  SECTION("costs from subnormal to 10^30 scale without NaN or infinity") {
    for (double cost : {4.9e-324, 1e-310, 0.0, 1e30, 1.7e308}) {
      std::string svg = render_curve_svg(two_point_curve(0, 1e9, cost));
      INFO(cost);
      CHECK(svg.find("nan") == std::string::npos);
      CHECK(svg.find("inf") == std::string::npos);
    }
  }
}

TEST_CASE("render_curve_plot, points that round to outside the range") {
  // Requests are whole: a range of 0.3 to 0.7 samples 0 and 1, outside it on both sides.
  CurveReport report = two_point_curve(0.3, 0.7, 5);
  report.requests = {0, 1};
  std::string plot = render_curve_plot(report, 80, true);
  // The cost's row has a mark at each end of the grid.
  CHECK(plot.find("|*") != std::string::npos);
  CHECK(plot.find("*\n") != std::string::npos);
}
