#include "support.hpp"

#include <breakeven/analysis.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/render.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace breakeven;
using breakeven::test::bundled;

namespace {

// Everything write_curves writes, and the size of its largest piece.
struct Written {
  std::string text;
  std::size_t pieces = 0;
  std::size_t largest = 0;
};

Written written(std::span<const CurveSamples> curves, Format format, const RenderOptions& options) {
  Written out;
  write_curves(curves, format, options, [&out](std::string_view piece) {
    out.text += piece;
    ++out.pieces;
    out.largest = std::max(out.largest, piece.size());
  });
  return out;
}

std::vector<CurveReport> materialized(const std::vector<CurveSamples>& curves) {
  std::vector<CurveReport> reports;
  for (const auto& samples : curves) {
    reports.push_back(samples.materialize());
  }
  return reports;
}

Scenario named(std::string name, double duration_ms, double memory_mb) {
  Scenario s;
  s.name = std::move(name);
  s.duration_ms = duration_ms;
  s.memory_mb = memory_mb;
  return s;
}

// Two records a stream of scenarios writes: one whose name CSV must quote, one slow and large.
std::vector<Scenario> api_and_batch() {
  std::vector<Scenario> scenarios{named("api, \"v2\"", 120, 512), named("batch", 1'200'000, 12'288)};
  scenarios[0].requests_per_month = 5e6;
  scenarios[1].requests_per_month = 2e4;
  return scenarios;
}

} // namespace

TEST_CASE("SampleGrid, each point as sample_points has it") {
  for (bool log_scale : {false, true}) {
    for (int points : {2, 3, 50, 997}) {
      auto all = sample_points(3, 7.3e12, points, log_scale);
      SampleGrid grid(3, 7.3e12, points, log_scale);
      REQUIRE(grid.size() == all.size());
      for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(grid[i] == all[i]);
      }
    }
  }
}

TEST_CASE("curve_samples, the figures curve() holds, computed when asked for") {
  const Catalogue& catalogue = bundled();
  auto offerings = catalogue.defaults();
  Scenario s = named("api", 120, 512);
  CurveReport whole = curve(catalogue, offerings, s, 1e3, 4e9, 301, true);
  CurveSamples samples = curve_samples(catalogue, offerings, s, 1e3, 4e9, 301, true);
  CHECK(samples.report().requests.empty());
  REQUIRE(samples.size() == whole.requests.size());
  REQUIRE(samples.report().series.size() == whole.series.size());
  CHECK(samples.report().crossings.size() == whole.crossings.size());
  for (std::size_t s_index = 0; s_index < whole.series.size(); ++s_index) {
    CHECK(samples.report().series[s_index].monthly_costs.empty());
    for (std::size_t i = 0; i < samples.size(); ++i) {
      REQUIRE(samples.requests(i) == whole.requests[i]);
      REQUIRE(samples.monthly_cost(s_index, i) == whole.series[s_index].monthly_costs[i]);
    }
  }
  CHECK_THROWS_WITH(curve_samples(catalogue, offerings, s, 0, 1e9, 1, false),
                    "--points: must be from 2 to 1000000 (got 1)");
}

TEST_CASE("write_curves, the text render_curves writes, a piece at a time") {
  const Catalogue& catalogue = bundled();
  auto offerings = catalogue.defaults();
  // A 20-minute, 12 GB job skips the functions, whose limits it breaks.
  std::vector<CurveSamples> one;
  one.push_back(curve_samples(catalogue, offerings, named("api", 120, 512), std::nullopt, 3e9, 20'000, false));
  std::vector<CurveSamples> several;
  several.push_back(curve_samples(catalogue, offerings, named("a\x1b[31m", 120, 512), 1, 1e10, 257, true));
  several.push_back(curve_samples(catalogue, offerings, named("batch", 1'200'000, 12'288), 0, 1e6, 33, false));
  std::vector<std::string> pair{"aws.lambda.arm", "aws.ec2.m7g.large"};
  several.push_back(curve_samples(catalogue, catalogue.select(pair), named("pair", 50, 128), 0, 1e9, 2, false));
  REQUIRE_FALSE(several[1].report().skipped.empty());

  SECTION("one scenario, every format, its ten blocks of rows made here (one thread) or ahead (three)") {
    for (Format format : {Format::table, Format::csv, Format::tsv, Format::json, Format::markdown}) {
      for (auto [color, threads] : {std::pair{false, 1U}, std::pair{true, 1U}, std::pair{false, 3U}}) {
        RenderOptions options{.breakdown = false, .color = color};
        options.threads = threads;
        INFO("format " << static_cast<int>(format) << ", color " << color << ", threads " << threads);
        Written out = written(one, format, options);
        CHECK(out.text == render_curves(materialized(one), format, options));
        CHECK(out.pieces > 1);
        CHECK(out.largest < 128 * 1024); // about 64 KiB, and a row or a header more
      }
    }
  }
  SECTION("several scenarios: sections, or one JSON document with a reports array") {
    for (Format format : {Format::table, Format::json, Format::markdown}) {
      INFO("format " << static_cast<int>(format));
      CHECK(written(several, format, {}).text == render_curves(materialized(several), format, {}));
    }
  }
  SECTION("a format it does not write fails before anything is written") {
    std::size_t pieces = 0;
    auto count = [&pieces](std::string_view) { ++pieces; };
    CHECK_THROWS_WITH(write_curves(several, Format::csv, {}, count),
                      "--format: curve over several scenarios writes table, json or markdown; csv, tsv, svg and html "
                      "take one scenario");
    CHECK_THROWS_WITH(write_curves(one, Format::jsonl, {}, count),
                      "--format: curve writes table, csv, tsv, json, markdown, svg or html");
    CHECK(pieces == 0);
  }
}

TEST_CASE("CrossoverStream, the text render_crossovers writes, a report at a time") {
  const Catalogue& catalogue = bundled();
  auto offerings = catalogue.defaults();
  std::vector<CrossoverReport> reports;
  reports.push_back(crossover(catalogue, offerings, named("api, \"v2\"", 120, 512), std::nullopt, std::nullopt));
  reports.push_back(crossover(catalogue, offerings, named("batch", 1'200'000, 12'288), std::nullopt, std::nullopt));
  std::vector<std::string> pair{"aws.lambda.arm", "aws.ec2.m7g.large"};
  reports.push_back(crossover(catalogue, catalogue.select(pair), named("pair", 50, 128), 1e6, 1e9));
  for (Format format : {Format::table, Format::csv, Format::tsv, Format::json, Format::markdown}) {
    for (std::size_t count : {1, 2, 3}) {
      INFO("format " << static_cast<int>(format) << ", " << count << " reports");
      std::span<const CrossoverReport> first(reports.data(), count);
      CrossoverStream stream(format, {});
      std::string text;
      for (const auto& report : first) {
        text += stream.add(report);
      }
      text += stream.finish();
      CHECK(text == render_crossovers(first, format, {}));
    }
  }
  SECTION("no report: an empty list in JSON, nothing otherwise") {
    auto json = nlohmann::json::parse(CrossoverStream(Format::json, {}).finish());
    CHECK(json["reports"].empty());
    CHECK(json["schema_version"] == k_output_schema_version);
    CHECK(CrossoverStream(Format::csv, {}).finish().empty());
  }
  SECTION("a format crossover does not write") {
    CHECK_THROWS_WITH(CrossoverStream(Format::svg, {}), "--format: crossover writes table, csv, tsv, json or markdown");
  }
}

TEST_CASE("CompareStream, a report appended in place is the text add returns") {
  const Catalogue& catalogue = bundled();
  auto offerings = catalogue.defaults();
  std::vector<Scenario> scenarios = api_and_batch();
  for (Format format : {Format::csv, Format::tsv, Format::jsonl, Format::json, Format::table}) {
    INFO("format " << static_cast<int>(format));
    RenderOptions options;
    CompareStream returned(format, options);
    CompareStream appended(format, options);
    std::string expected;
    std::string buffer = "kept: "; // appended to, never cleared by the stream
    for (const auto& scenario : scenarios) {
      CompareReport report = compare(catalogue, offerings, scenario, {}, compare_build_options(format, options));
      expected += returned.add(report);
      appended.add(report, buffer);
    }
    CHECK(buffer == "kept: " + expected);
    CHECK(!expected.empty());
  }
}

TEST_CASE("CompareStream::resumed writes what the writer writes after its first report") {
  // A stream formats CSV and TSV rows on several threads, each with a copy: resumed() for every
  // report but the first must write what one writer writes for it.
  const Catalogue& catalogue = bundled();
  auto offerings = catalogue.defaults();
  std::vector<Scenario> scenarios = api_and_batch();
  for (Format format : {Format::csv, Format::tsv, Format::json, Format::table}) {
    INFO("format " << static_cast<int>(format));
    RenderOptions options;
    CompareStream one(format, options);
    CompareStream copy = one; // as made: what the first report gets
    CompareStream rest = one.resumed();
    std::vector<CompareReport> reports;
    for (const auto& scenario : scenarios) {
      reports.push_back(compare(catalogue, offerings, scenario, {}, compare_build_options(format, options)));
    }
    std::string first = one.add(reports[0]);
    std::string second = one.add(reports[1]);
    CHECK(copy.add(reports[0]) == first);
    if (one.rows_independent()) {
      CHECK(rest.add(reports[1]) == second);
      CHECK(rest.add(reports[1]) == second);               // and again: a row depends on nothing before it
      CHECK(second.find("scenario") == std::string::npos); // no header after the first
      CHECK(first.starts_with("scenario"));
    }
    CHECK(one.rows_independent() == (format == Format::csv || format == Format::tsv));
  }
}
