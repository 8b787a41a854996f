// The SVG chart read back as a reader would see it: no two texts overlap, every offering is
// named at its line's end, and each change of the cheapest option is described under the chart.

#include <breakeven/analysis.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/render.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

using namespace breakeven;
using breakeven::test::bundled;

namespace {

struct Text {
  std::string content;
  std::string cls;
  double x0, y0, x1, y1;
};

std::string attribute(const std::string& attributes, const std::string& name, const std::string& otherwise = "") {
  std::smatch m;
  if (std::regex_search(attributes, m, std::regex("(^|\\s)" + name + "=\"([^\"]*)\""))) {
    return m[2];
  }
  return otherwise;
}

std::string unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, std::string(from).size(), to);
    }
  }
  return s;
}

// A width no glyph of DejaVu Sans (the sans-serif a browser or rsvg falls back to) exceeds:
// 0.72 em for lowercase letters, digits and punctuation, except m, w, %, & and @, which with
// the capitals and anything not ASCII take up to 1 em; bold a tenth more.
double width_of(const std::string& text, double size, bool bold) {
  double ems = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) {
      continue;
    }
    bool wide = std::isupper(c) || c == 'm' || c == 'w' || c == '%' || c == '&' || c == '@' || c >= 0x80;
    ems += wide ? 1.0 : 0.72;
  }
  return ems * size * (bold ? 1.1 : 1.0);
}

std::vector<Text> texts_of(const std::string& svg) {
  std::vector<Text> out;
  std::regex element("<text([^>]*)>([^<]*)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element); it != std::sregex_iterator(); ++it) {
    std::string attributes = (*it)[1];
    std::string content = unescape((*it)[2]);
    double size = std::stod(attribute(attributes, "font-size", "12"));
    double w = width_of(content, size, attribute(attributes, "font-weight") == "bold");
    std::string transform = attribute(attributes, "transform");
    Text t{content, attribute(attributes, "class"), 0, 0, 0, 0};
    if (!transform.empty()) {
      // Only the cost axis title is turned: translate(X Y) rotate(-90), anchored at its middle.
      std::smatch m;
      REQUIRE(std::regex_match(transform, m, std::regex("translate\\(([0-9.]+) ([0-9.]+)\\) rotate\\(-90\\)")));
      double x = std::stod(m[1]);
      double y = std::stod(m[2]);
      t.x0 = x - size;
      t.x1 = x + size * 0.25;
      t.y0 = y - w / 2;
      t.y1 = y + w / 2;
    } else {
      double x = std::stod(attribute(attributes, "x"));
      double y = std::stod(attribute(attributes, "y"));
      std::string anchor = attribute(attributes, "text-anchor", "start");
      t.x0 = anchor == "middle" ? x - w / 2 : (anchor == "end" ? x - w : x);
      t.x1 = t.x0 + w;
      t.y0 = y - size;
      t.y1 = y + size * 0.25;
    }
    out.push_back(t);
  }
  return out;
}

void check_chart(const CurveReport& report, const RenderOptions& options) {
  std::string svg = render_curve_svg(report, options);
  auto texts = texts_of(svg);
  double width = std::stod(attribute(svg.substr(svg.find("<svg")), "width"));
  double height = std::stod(attribute(svg.substr(svg.find("<svg")), "height"));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO("\"" << texts[i].content << "\" at " << texts[i].x0 << "," << texts[i].y0 << " - " << texts[i].x1 << ","
              << texts[i].y1);
    CHECK(texts[i].x0 >= 0);
    CHECK(texts[i].y0 >= 0);
    CHECK(texts[i].x1 <= width);
    CHECK(texts[i].y1 <= height);
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      INFO("and \"" << texts[j].content << "\" at " << texts[j].x0 << "," << texts[j].y0 << " - " << texts[j].x1 << ","
                    << texts[j].y1);
      bool overlap = texts[i].x0 < texts[j].x1 && texts[j].x0 < texts[i].x1 && texts[i].y0 < texts[j].y1 &&
                     texts[j].y0 < texts[i].y1;
      CHECK_FALSE(overlap);
    }
  }
  // Every offering named once at its line's end.
  for (const auto& series : report.series) {
    auto named = std::count_if(texts.begin(), texts.end(),
                               [&](const Text& t) { return t.cls == "series-label" && t.content == series.offering; });
    CHECK(named == 1);
  }
  // Each change of the cheapest option described in the key, with the offering it goes to.
  for (std::size_t k = 1; k < report.cheapest.size(); ++k) {
    std::string start = std::to_string(k) + ":";
    bool described = std::any_of(texts.begin(), texts.end(), [&](const Text& t) {
      return t.cls == "key" && t.content.rfind(start, 0) == 0 &&
             t.content.find(report.cheapest[k].offering + " becomes the cheapest") != std::string::npos;
    });
    CHECK(described);
  }
  CHECK(std::count_if(texts.begin(), texts.end(), [](const Text& t) { return t.cls == "title"; }) >= 1);
  CHECK(std::count_if(texts.begin(), texts.end(), [](const Text& t) { return t.cls == "subtitle"; }) >= 2);
}

} // namespace

TEST_CASE("svg chart, the README's 14 offerings on log axes: no text overlaps another, each line named") {
  Scenario s;
  s.name = "api";
  s.requests_per_month = 50e6;
  s.duration_ms = 120;
  s.cpu_ms = 40;
  s.peak_to_average = 3;
  auto offerings = bundled().defaults();
  CurveReport report = curve(bundled(), offerings, s, 1e6, 1e10, 100, true);
  REQUIRE(report.series.size() >= 14);
  REQUIRE(report.cheapest.size() >= 3);
  RenderOptions options;
  SECTION("log y") {
    options.log_y = true;
  }
  SECTION("linear y") {}
  check_chart(report, options);
}

TEST_CASE("svg chart, every offering of the catalogue, a long name, linear axes") {
  Scenario s;
  s.name = std::string(200, 'W'); // as wide as a title can be
  s.duration_ms = 100;
  std::vector<std::string> all{"*"};
  auto offerings = bundled().select(all);
  CurveReport report = curve(bundled(), offerings, s, 0, 1e9, 50, false);
  REQUIRE(report.series.size() > 30);
  check_chart(report, {});
}

TEST_CASE("svg chart, a pair: the one crossing numbered and described") {
  Scenario s;
  s.duration_ms = 120;
  s.cpu_ms = 20;
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large"};
  auto offerings = bundled().select(ids);
  CurveReport report = curve(bundled(), offerings, s, 0, 2e8, 50, false);
  REQUIRE(report.cheapest.size() == 2);
  check_chart(report, {});
  std::string svg = render_curve_svg(report, {});
  // The description wraps after "(was".
  CHECK(svg.find("1: at 65.74M requests/month (25.0 req/s), aws.ec2.m7g.large becomes the cheapest (was") !=
        std::string::npos);
  CHECK(svg.find("aws.lambda.arm)") != std::string::npos);
}

TEST_CASE("terminal plot: solid lines from few points, round ticks, a colour a series with colour on") {
  Scenario s;
  s.duration_ms = 120;
  s.cpu_ms = 20;
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large"};
  auto offerings = bundled().select(ids);
  CurveReport report = curve(bundled(), offerings, s, 0, 4e8, 5, false); // five points only
  std::string plain = render_curve_plot(report, 80, true);
  // The cost axis: round steps from $0 ($100 apart here: costs up to $390).
  CHECK(plain.find("      $400 |") != std::string::npos);
  CHECK(plain.find("        $0 |") != std::string::npos);
  CHECK(plain.find("235.29") == std::string::npos);
  // Lambda's line alone rises through every column: a mark in each of the grid's 68 columns.
  CurveReport lambda = report;
  lambda.series.resize(1);
  std::string alone = render_curve_plot(lambda, 80, true);
  std::vector<std::string> rows;
  for (std::size_t at = 0, end; (end = alone.find('\n', at)) != std::string::npos; at = end + 1) {
    rows.push_back(alone.substr(at, end - at));
  }
  for (std::size_t column = 12; column < 80; ++column) {
    bool marked = std::any_of(rows.begin() + 1, rows.begin() + 19,
                              [&](const std::string& row) { return column < row.size() && row[column] == '*'; });
    INFO("column " << column);
    CHECK(marked);
  }
  CHECK(plain.find("\x1b[") == std::string::npos);
  RenderOptions colour;
  colour.color = true;
  std::string coloured = render_curve_plot(report, 80, true, colour);
  CHECK(coloured.find("\x1b[34m*\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[31m#\x1b[0m") != std::string::npos);
}

TEST_CASE("terminal plot: a log cost axis by decades") {
  Scenario s;
  s.duration_ms = 120;
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large"};
  auto offerings = bundled().select(ids);
  CurveReport report = curve(bundled(), offerings, s, 1e6, 1e10, 50, true);
  RenderOptions options;
  options.log_y = true;
  std::string plot = render_curve_plot(report, 80, true, options);
  for (const char* tick : {"$10 |", "$100 |", "$1k |", "$10k |"}) {
    INFO(tick);
    CHECK(plot.find(tick) != std::string::npos);
  }
}
