// Charts of cost curves: SVG for browsers and documents, and a character plot for terminals.

#include <breakeven/money.hpp>
#include <breakeven/render.hpp>
#include <breakeven/text.hpp>

#include "render_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace breakeven {
namespace {

constexpr const char* k_palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                     "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
constexpr std::size_t k_palette_size = std::size(k_palette);

// The smallest 1, 2 or 5 x 10^k at or above `value`, within [10^-300, 10^300] so that axis
// arithmetic (ticks are multiples of it) neither underflows to 0 nor overflows to infinity:
// 1 when there is nothing to scale (zero, or below 10^-300); larger values are drawn at the top.
double nice_ceiling(double value) {
  constexpr double k_smallest = 1e-300;
  constexpr double k_largest = 1e300;
  if (!(value > k_smallest)) {
    return 1;
  }
  if (value >= k_largest) {
    return k_largest;
  }
  double power = std::pow(10.0, std::floor(std::log10(value)));
  for (double factor : {1.0, 2.0, 5.0}) {
    if (factor * power >= value * (1 - 1e-12)) {
      return factor * power;
    }
  }
  return 10 * power;
}

std::string dollars(double amount) {
  if (amount >= 10'000) {
    return fmt::format("${}", format_count(amount));
  }
  return fmt::format("{}", Money{amount});
}

// An axis tick in dollars: "$100", "$1,000", "$0.10", "$50k".
std::string tick_dollars(double amount) {
  if (amount >= 10'000 || amount == std::floor(amount)) {
    return amount >= 10'000 ? dollars(amount) : fmt::format("${}", format_count(amount));
  }
  return fmt::format("{}", Money{amount});
}

// The top of the cost axis: above every finite cost (a cost that is not finite is not drawn).
double max_cost(const CurveReport& report) {
  double top = 0;
  for (const auto& series : report.series) {
    for (double c : series.monthly_costs) {
      if (std::isfinite(c)) {
        top = std::max(top, c);
      }
    }
  }
  return nice_ceiling(top);
}

// Maps requests to [0, 1] across the report's range, linearly or logarithmically.
struct XScale {
  double from;
  double to;
  bool log;
  double operator()(double requests) const {
    if (log) {
      return (std::log10(std::max(requests, 1.0)) - std::log10(from)) / (std::log10(to) - std::log10(from));
    }
    return (requests - from) / (to - from);
  }
};

// Ticks are counted by index, never by adding the step: where the step is below half an ulp of
// the range's values (a range of 0.001 at 10^13), `t += step` would never move. Ticks that
// round to the same value are shown once.
std::vector<double> x_ticks(const CurveReport& report) {
  constexpr int k_max_ticks = 16; // a linear axis has at most 6; a log axis to 10^13 has 14
  std::vector<double> ticks;
  auto add = [&ticks](double t) {
    if (ticks.empty() || t > ticks.back()) {
      ticks.push_back(t);
    }
  };
  if (report.log_scale) {
    double first = std::ceil(std::log10(std::max(report.range.from, 1.0)));
    for (int i = 0; i < k_max_ticks && first + i <= std::log10(report.range.to) + 1e-9; ++i) {
      add(std::pow(10.0, first + i));
    }
    return ticks;
  }
  const double from = report.range.from;
  const double to = report.range.to;
  double step = nice_ceiling((to - from) / 5);
  double slack = step * 1e-9; // a tick a rounding error outside the range is at its end
  double first = std::ceil((from - slack) / step);
  for (int i = 0; i < k_max_ticks; ++i) {
    double t = (first + i) * step;
    if (t > to + slack) {
      break;
    }
    if (t >= from - slack) {
      add(std::clamp(t, from, to));
    }
  }
  return ticks;
}

} // namespace

namespace {

// Okabe and Ito's colour-blind-safe palette without its yellow (too pale on white), then the
// same colours dashed, then dotted: 21 series before a style repeats.
constexpr const char* k_svg_colours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
constexpr const char* k_svg_dashes[] = {"", "9 4", "2 3"};

std::string stroke_style(std::size_t series) {
  std::size_t colours = std::size(k_svg_colours);
  const char* dash = k_svg_dashes[(series / colours) % std::size(k_svg_dashes)];
  return fmt::format("stroke=\"{}\"{}", k_svg_colours[series % colours],
                     *dash ? fmt::format(" stroke-dasharray=\"{}\"", dash) : std::string());
}

// The cost axis: linear from $0, or logarithmic from a power of ten below the cheapest positive
// cost (costs at or below it, $0 among them, are drawn on the axis).
struct YScale {
  double low = 0;
  double high = 1;
  bool log = false;
  double operator()(double cost) const {
    if (log) {
      double c = std::clamp(cost, low, high);
      return (std::log10(c) - std::log10(low)) / (std::log10(high) - std::log10(low));
    }
    return std::clamp(cost, 0.0, high) / high;
  }
  std::vector<double> ticks() const {
    std::vector<double> out;
    if (!log) {
      for (int i = 0; i <= 5; ++i) {
        out.push_back(high * i / 5);
      }
      return out;
    }
    int decades = static_cast<int>(std::lround(std::log10(high / low)));
    for (int i = 0; i <= decades; ++i) {
      double decade = low * std::pow(10.0, i);
      out.push_back(decade);
      if (decades <= 2 && i < decades) { // few decades: 2 and 5 between them too
        out.push_back(2 * decade);
        out.push_back(5 * decade);
      }
    }
    return out;
  }
};

// A log cost axis: from the power of ten at or below the least positive cost (at least $0.01)
// to the power of ten at or above `top`, a decade at least.
YScale log_y_scale(double least_positive, double top) {
  YScale y;
  y.log = true;
  y.low = std::max(0.01, std::pow(10.0, std::floor(std::log10(least_positive))));
  y.high = std::max(std::pow(10.0, std::ceil(std::log10(std::max(top, y.low)))), y.low * 10);
  return y;
}

YScale y_scale(const CurveReport& report, bool log) {
  YScale y;
  y.log = log;
  y.high = max_cost(report);
  if (log) {
    double least = y.high;
    for (const auto& series : report.series) {
      for (double c : series.monthly_costs) {
        if (std::isfinite(c) && c > 0) {
          least = std::min(least, c);
        }
      }
    }
    return log_y_scale(least, y.high);
  }
  return y;
}

} // namespace

double detail::svg_text_width(std::string_view text, double font_size) {
  double ems = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) {
      continue; // a UTF-8 continuation byte: counted with its first byte
    }
    // DejaVu Sans, the usual sans-serif: lowercase letters, digits and most punctuation are at
    // most 0.72 em wide; capitals, m, w, %, & and @ up to 1 em (anything else is counted as 1).
    bool wide = (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w' || c == '%' || c == '&' || c == '@' || c >= 0x80;
    ems += wide ? 1.0 : 0.72;
  }
  return ems * font_size;
}

namespace {

using detail::SvgBox;

constexpr double k_bold_widening = 1.1; // DejaVu Sans Bold is at most a tenth wider

// The box a <text> element covers: from the baseline up one em, down a quarter (descenders).
SvgBox text_box(double x, double y, std::string_view text, double size, std::string_view anchor, bool bold = false) {
  double w = detail::svg_text_width(text, size) * (bold ? k_bold_widening : 1.0);
  double left = anchor == "middle" ? x - w / 2 : (anchor == "end" ? x - w : x);
  return {left, y - size, left + w, y + size * 0.25};
}

// Words joined into lines of at most `width` pixels at `size`; at most `max_lines`, the last
// ending in "..." when text is left over.
std::vector<std::string> wrap(const std::string& text, double width, double size, std::size_t max_lines) {
  std::vector<std::string> words;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::reverse(words.begin(), words.end()); // the next word at the back
  auto fits = [&](const std::string& line) { return detail::svg_text_width(line, size) <= width; };
  std::vector<std::string> lines;
  std::string line;
  while (!words.empty()) {
    std::string word = std::move(words.back());
    words.pop_back();
    std::string joined = line.empty() ? word : line + " " + word;
    if (fits(joined)) {
      line = std::move(joined);
      continue;
    }
    if (line.empty()) { // wider than a line alone: cut where it fills one, at a character's start
      std::size_t cut = std::max<std::size_t>(1, word.size() - 1);
      while (cut > 1 && (!fits(word.substr(0, cut)) || (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80)) {
        --cut;
      }
      line = word.substr(0, cut);
      word.erase(0, cut);
    }
    words.push_back(std::move(word)); // starts the next line
    lines.push_back(std::move(line));
    line.clear();
    if (lines.size() == max_lines) {
      std::string& last = lines.back(); // text is left over
      while (!last.empty() && !fits(last + " ...")) {
        while (last.size() > 1 && (static_cast<unsigned char>(last.back()) & 0xC0) == 0x80) {
          last.pop_back(); // a whole character at a time
        }
        last.pop_back();
      }
      last += " ...";
      return lines;
    }
  }
  lines.push_back(std::move(line));
  return lines;
}

// The assumptions in a few words each: "duration_ms 100 ms, concurrency (each offering's)".
std::string assumptions_brief(const std::vector<Assumption>& assumptions) {
  std::string out;
  for (const auto& a : assumptions) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", a.field, a.per_offering ? "(each offering's)" : a.value);
  }
  return out;
}

class SvgWriter {
public:
  std::string out;
  std::vector<SvgBox> boxes; // every text placed so far

  bool fits(const SvgBox& box) const {
    return std::none_of(boxes.begin(), boxes.end(), [&](const SvgBox& b) { return b.intersects(box); });
  }
  // Writes a text element and keeps its box.
  void text(double x, double y, std::string_view content, double size, std::string_view anchor,
            std::string_view attributes) {
    boxes.push_back(text_box(x, y, content, size, anchor, attributes.find("bold") != std::string_view::npos));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" text-anchor=\"{}\"{}{}>{}</text>\n", x, y,
                       size, anchor, attributes.empty() ? "" : " ", attributes, xml_escape(content));
  }
};

} // namespace

std::string render_curve_svg(const CurveReport& report, const RenderOptions& options) {
  constexpr double k_width = 1000;
  constexpr double k_margin = 16;
  constexpr double k_font = 12;
  constexpr double k_label_step = 15; // between the series' end labels
  SvgWriter svg;
  XScale xs{report.range.from, report.range.to, report.log_scale};
  YScale ys = y_scale(report, options.log_y);

  // Title and subtitle: the scenario and what it assumed.
  std::string heading = report.scenario.name.empty() ? "Monthly cost by traffic"
                                                     : fmt::format("Monthly cost by traffic: {}", report.scenario.name);
  std::vector<std::string> subtitle =
      wrap(detail::scenario_summary(report.scenario), k_width - 2 * k_margin, k_font, 2);
  if (!report.assumptions.empty()) {
    for (auto& line :
         wrap("assumed (not given): " + assumptions_brief(report.assumptions), k_width - 2 * k_margin, k_font, 3)) {
      subtitle.push_back(std::move(line));
    }
  }
  std::vector<std::string> title = wrap(heading, (k_width - 2 * k_margin) / k_bold_widening, 16, 2);
  double subtitle_y = 26 + static_cast<double>(title.size() - 1) * 20;
  double top = subtitle_y + static_cast<double>(subtitle.size()) * 16 + 22;

  // Margins from the widest labels: cost ticks on the left, the offerings' names on the right.
  std::vector<double> y_ticks = ys.ticks();
  double tick_width = 0;
  for (double t : y_ticks) {
    tick_width = std::max(tick_width, detail::svg_text_width(tick_dollars(t), k_font));
  }
  double name_width = 0;
  for (const auto& series : report.series) {
    name_width = std::max(name_width, detail::svg_text_width(series.offering, k_font));
  }
  const double left = k_margin + k_font + 12 + tick_width + 8; // axis title, gap, ticks, gap
  const double plot_w = k_width - left - (name_width + 56) - k_margin;
  const double plot_h = std::max(400.0, static_cast<double>(report.series.size()) * k_label_step + 20);
  const double bottom = top + plot_h;
  auto px = [&](double requests) { return left + std::clamp(xs(requests), 0.0, 1.0) * plot_w; };
  auto py = [&](double cost) { return bottom - ys(cost) * plot_h; };

  // The crossings where the cheapest option changes: numbered on the chart, listed below it.
  std::vector<const CheapestRange*> changes;
  for (std::size_t i = 1; i < report.cheapest.size(); ++i) {
    changes.push_back(&report.cheapest[i]);
  }
  std::size_t other_crossings = 0;
  for (const auto& pair : report.crossings) {
    other_crossings += pair.crossings.size();
  }
  // The key: each change of the cheapest option in words, then what the marks are.
  struct KeyLine {
    std::string text;
    bool note;
  };
  std::vector<KeyLine> key;
  double hours = report.scenario.running_hours();
  std::vector<bool> numbered(changes.size(), false); // set below, where a number finds room
  auto change_text = [&](std::size_t k) {
    const CheapestRange& change = *changes[k];
    return fmt::format("{}{}: at {} requests/month ({} req/s), {} becomes the cheapest (was {})", k + 1,
                       numbered[k] ? "" : " (not numbered on the chart: no room)", format_count(change.from_requests),
                       detail::rate_text(change.from_requests / (hours * 3600.0)), change.offering,
                       report.cheapest[k].offering);
  };
  const double key_width = k_width - left - k_margin;
  std::size_t key_lines = 2;
  for (std::size_t k = 0; k < changes.size(); ++k) {
    numbered[k] = false; // the longer text, so that the room below suffices either way
    key_lines += wrap(change_text(k), key_width, k_font, 3).size();
  }
  double height = bottom + 56 + static_cast<double>(key_lines) * 16 + k_margin;

  svg.out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1:.0f}\" viewBox=\"0 0 {0} {1:.0f}\" "
      "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\">\n"
      "<title>breakeven: monthly cost by requests per month</title>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      k_width, height);
  for (std::size_t i = 0; i < title.size(); ++i) {
    svg.text(k_margin, 26 + 20 * static_cast<double>(i), title[i], 16, "start", "class=\"title\" font-weight=\"bold\"");
  }
  for (std::size_t i = 0; i < subtitle.size(); ++i) {
    svg.text(k_margin, subtitle_y + 4 + 16 * static_cast<double>(i + 1), subtitle[i], k_font, "start",
             "class=\"subtitle\" fill=\"#444\"");
  }

  // Grid, ticks and axis titles.
  svg.out += "<g class=\"axes\" stroke=\"#ddd\">\n";
  for (double tick : x_ticks(report)) {
    svg.out +=
        fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>\n", px(tick), top, bottom);
  }
  for (double tick : y_ticks) {
    svg.out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\"/>\n", left, py(tick),
                           left + plot_w);
  }
  svg.out += "</g>\n";
  for (double tick : x_ticks(report)) {
    SvgBox box = text_box(px(tick), bottom + 20, format_count(tick), k_font, "middle");
    if (svg.fits(box)) {
      svg.text(px(tick), bottom + 20, format_count(tick), k_font, "middle", "class=\"x-tick\" fill=\"#333\"");
    }
  }
  for (double tick : y_ticks) {
    SvgBox box = text_box(left - 8, py(tick) + 4, tick_dollars(tick), k_font, "end");
    if (svg.fits(box)) {
      svg.text(left - 8, py(tick) + 4, tick_dollars(tick), k_font, "end", "class=\"y-tick\" fill=\"#333\"");
    }
  }
  svg.out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" "
                         "stroke=\"#333\"/>\n",
                         left, top, plot_w, plot_h);
  std::string x_title = fmt::format("requests per month{}", report.log_scale ? " (log scale)" : "");
  svg.text(left + plot_w / 2, bottom + 40, x_title, k_font, "middle", "class=\"x-label\"");
  // The cost axis title, turned a quarter: its box is the turned one.
  std::string y_title = fmt::format("monthly cost (USD{})", ys.log ? ", log scale" : "");
  double y_title_x = k_margin + k_font;
  double y_title_w = detail::svg_text_width(y_title, k_font);
  svg.boxes.push_back({y_title_x - k_font, top + plot_h / 2 - y_title_w / 2, y_title_x + k_font * 0.25,
                       top + plot_h / 2 + y_title_w / 2});
  svg.out += fmt::format("<text class=\"y-label\" x=\"0\" y=\"0\" font-size=\"{}\" text-anchor=\"middle\" "
                         "transform=\"translate({:.1f} {:.1f}) rotate(-90)\">{}</text>\n",
                         k_font, y_title_x, top + plot_h / 2, xml_escape(y_title));

  // The cheapest option at each request count, drawn wide and pale under the lines.
  auto series_of = [&](const std::string& offering) -> const CurveSeries* {
    for (const auto& s : report.series) {
      if (s.offering == offering) {
        return &s;
      }
    }
    return nullptr;
  };
  std::string envelope;
  for (std::size_t i = 0; i < report.requests.size(); ++i) {
    double n = report.requests[i];
    for (const auto& range : report.cheapest) {
      if (n >= range.from_requests && (!range.to_requests || n < *range.to_requests)) {
        const CurveSeries* s = series_of(range.offering);
        if (s && std::isfinite(s->monthly_costs[i])) {
          envelope += fmt::format("{}{:.1f},{:.1f}", envelope.empty() ? "" : " ", px(n), py(s->monthly_costs[i]));
        }
        break;
      }
    }
  }
  if (!envelope.empty()) {
    svg.out += fmt::format("<polyline class=\"envelope\" fill=\"none\" stroke=\"#FFE08A\" stroke-width=\"9\" "
                           "stroke-linejoin=\"round\" points=\"{}\"/>\n",
                           envelope);
  }

  // One line per offering, its name at its end (moved apart where ends are close).
  struct End {
    std::size_t series;
    double y;
  };
  std::vector<End> ends;
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    const auto& series = report.series[s];
    svg.out += fmt::format("<polyline class=\"series\" data-offering=\"{}\" fill=\"none\" {} stroke-width=\"2\" "
                           "points=\"",
                           xml_escape(series.offering), stroke_style(s));
    bool first = true;
    double end_y = bottom;
    for (std::size_t i = 0; i < report.requests.size(); ++i) {
      if (!std::isfinite(series.monthly_costs[i])) {
        continue; // never drawn as a point at "nan"
      }
      end_y = py(series.monthly_costs[i]);
      svg.out += fmt::format("{}{:.1f},{:.1f}", first ? "" : " ", px(report.requests[i]), end_y);
      first = false;
    }
    svg.out += "\"/>\n";
    ends.push_back({s, end_y});
  }
  std::stable_sort(ends.begin(), ends.end(), [](const End& a, const End& b) { return a.y < b.y; });
  std::vector<double> label_y;
  for (const auto& e : ends) {
    label_y.push_back(label_y.empty() ? std::max(e.y, top + 8) : std::max(e.y, label_y.back() + k_label_step));
  }
  for (std::size_t i = label_y.size(); i-- > 0;) { // pushed past the bottom: back up
    double limit = i + 1 < label_y.size() ? label_y[i + 1] - k_label_step : bottom;
    label_y[i] = std::min(label_y[i], limit);
  }
  svg.out += "<g class=\"series-labels\">\n";
  for (std::size_t i = 0; i < ends.size(); ++i) {
    std::size_t s = ends[i].series;
    double x = left + plot_w;
    svg.out += fmt::format("<polyline fill=\"none\" {} stroke-width=\"2\" points=\"{:.1f},{:.1f} {:.1f},{:.1f} "
                           "{:.1f},{:.1f}\"/>\n",
                           stroke_style(s), x, ends[i].y, x + 10, label_y[i], x + 34, label_y[i]);
    svg.text(x + 40, label_y[i] + 4, report.series[s].offering, k_font, "start", "class=\"series-label\"");
  }
  svg.out += "</g>\n";

  // Crossings: a dot for each, and where the cheapest option changes, a numbered ring.
  svg.out += "<g class=\"crossovers\">\n";
  for (const auto& pair : report.crossings) {
    for (const auto& c : pair.crossings) {
      double cost = std::min(c.a_monthly_cost, c.b_monthly_cost);
      std::string label = fmt::format(
          "{} / {}: {} requests/month{} ({} cheaper after)", pair.a, pair.b, format_count(c.requests_per_month),
          c.duty_cycle ? fmt::format(", duty cycle {}", format_percent(*c.duty_cycle)) : "", c.cheaper_after);
      svg.out += fmt::format("<circle class=\"crossover\" data-a=\"{}\" data-b=\"{}\" data-requests=\"{}\" "
                             "cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"#333\"><title>{}</title></circle>\n",
                             xml_escape(pair.a), xml_escape(pair.b), c.requests_per_month, px(c.requests_per_month),
                             py(std::isfinite(cost) ? cost : 0), xml_escape(label));
    }
  }
  for (std::size_t k = 0; k < changes.size(); ++k) {
    const CheapestRange& change = *changes[k];
    const CurveSeries* s = series_of(change.offering);
    // Its cost at the change: the nearest sample's, as drawn.
    double cost = 0;
    if (s && !report.requests.empty()) {
      auto at = std::lower_bound(report.requests.begin(), report.requests.end(), change.from_requests);
      std::size_t i =
          std::min<std::size_t>(static_cast<std::size_t>(at - report.requests.begin()), report.requests.size() - 1);
      cost = std::isfinite(s->monthly_costs[i]) ? s->monthly_costs[i] : 0;
    }
    double cx = px(change.from_requests);
    double cy = py(cost);
    svg.out += fmt::format("<circle class=\"cheapest-change\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"white\" "
                           "stroke=\"black\" stroke-width=\"1.5\"/>\n",
                           cx, cy);
    std::string number = fmt::format("{}", k + 1);
    for (auto [dx, dy] : {std::pair{0.0, -12.0},
                          {11.0, -9.0},
                          {-11.0, -9.0},
                          {12.0, 12.0},
                          {-12.0, 12.0},
                          {0.0, 20.0},
                          {0.0, -24.0},
                          {20.0, -18.0},
                          {-20.0, -18.0},
                          {0.0, 32.0}}) {
      SvgBox box = text_box(cx + dx, cy + dy, number, 11, "middle", true);
      if (box.x0 >= left && box.x1 <= left + plot_w && box.y0 >= top && box.y1 <= bottom && svg.fits(box)) {
        svg.text(cx + dx, cy + dy, number, 11, "middle", "class=\"crossover-label\" font-weight=\"bold\"");
        numbered[k] = true;
        break;
      }
    }
  }
  svg.out += "</g>\n";

  double y = bottom + 64;
  for (std::size_t k = 0; k < changes.size(); ++k) {
    for (const auto& line : wrap(change_text(k), key_width, k_font, 3)) {
      svg.text(left, y, line, k_font, "start", "class=\"key\"");
      y += 16;
    }
  }
  svg.text(left, y,
           report.cheapest.size() == 1
               ? fmt::format("Shaded: the cheapest option, {}, throughout the range.", report.cheapest.front().offering)
               : std::string(report.cheapest.empty() ? "" : "Shaded: the cheapest option at each traffic."),
           k_font, "start", "class=\"key\" fill=\"#444\"");
  y += 16;
  svg.text(left, y,
           fmt::format("Dots: {} crossing{} of two lines (hover for which, or run breakeven crossover).",
                       other_crossings, other_crossings == 1 ? "" : "s"),
           k_font, "start", "class=\"key\" fill=\"#444\"");
  svg.out += "</svg>\n";
  return svg.out;
}

std::string render_curve_plot(const CurveReport& report, int width, bool ascii, const RenderOptions& options) {
  // Sixteen marks and twelve colours: series stay apart in plain text and in colour.
  static const char* const k_unicode_marks[] = {"●", "■", "▲", "◆", "★", "✚", "○", "□",
                                                "△", "◇", "▼", "✖", "◉", "▽", "☐", "♦"};
  static const char* const k_ascii_marks[] = {"*", "#", "+", "o", "x", "@", "%", "&",
                                              "=", "~", "$", "^", ":", "?", "!", "v"};
  static const char* const k_colours[] = {"\x1b[34m", "\x1b[31m", "\x1b[32m", "\x1b[35m", "\x1b[33m", "\x1b[36m",
                                          "\x1b[94m", "\x1b[91m", "\x1b[92m", "\x1b[95m", "\x1b[93m", "\x1b[96m"};
  const char* const* marks = ascii ? k_ascii_marks : k_unicode_marks;
  constexpr std::size_t k_marks = std::size(k_unicode_marks);
  auto mark = [&](std::size_t s) {
    std::string m = marks[s % k_marks];
    return options.color ? fmt::format("{}{}{}", k_colours[s % std::size(k_colours)], m, detail::k_reset) : m;
  };
  constexpr int k_rows = 18;
  constexpr int k_label_width = 10;
  const int columns = std::clamp(width, 40, 200) - k_label_width - 2;
  XScale xs{report.range.from, report.range.to, report.log_scale};

  // The cost axis fitted to the data: from a round step (1, 2 or 5 x 10^k) at or below the least
  // cost to one at or above the most, or on a log axis, from decade to decade.
  double least = std::numeric_limits<double>::infinity();
  double most = -std::numeric_limits<double>::infinity();
  double least_positive = std::numeric_limits<double>::infinity();
  for (const auto& series : report.series) {
    for (double c : series.monthly_costs) {
      if (std::isfinite(c)) {
        least = std::min(least, c);
        most = std::max(most, c);
        if (c > 0) {
          least_positive = std::min(least_positive, c);
        }
      }
    }
  }
  if (!std::isfinite(least)) {
    least = most = 0;
  }
  YScale ys;
  std::vector<double> ticks;
  if (options.log_y && std::isfinite(least_positive)) {
    ys = log_y_scale(least_positive, most);
    ticks = ys.ticks();
  } else {
    double step = nice_ceiling(std::max(most - least, most * 1e-9) / 4);
    ys.low = std::max(0.0, std::floor(least / step) * step);
    ys.high = std::max(std::ceil(most / step) * step, ys.low + step);
    for (int i = 0; ys.low + step * i <= ys.high * (1 + 1e-12) && i <= 16; ++i) {
      ticks.push_back(ys.low + step * i);
    }
  }
  auto row_of = [&](double cost) {
    double share = ys.log ? ys(cost) : std::clamp((cost - ys.low) / (ys.high - ys.low), 0.0, 1.0);
    return static_cast<int>(k_rows - 1 - std::lround(share * (k_rows - 1)));
  };

  // Each series drawn as a line through its points (every column between two points filled), so
  // that the plot is solid whatever --points is. Later series are drawn over earlier ones.
  std::vector<std::vector<int>> grid(k_rows, std::vector<int>(static_cast<std::size_t>(columns), -1));
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    bool have_last = false;
    double last_col = 0;
    double last_row = 0;
    for (std::size_t i = 0; i < report.requests.size(); ++i) {
      double cost = report.series[s].monthly_costs[i];
      if (!std::isfinite(cost)) {
        have_last = false;
        continue;
      }
      // Clamped: requests are whole, so the first and last can round to outside a range such
      // as 0.3 to 0.7, and must not land outside the grid.
      double col = std::clamp(xs(report.requests[i]), 0.0, 1.0) * (columns - 1);
      double row = row_of(cost);
      double from_col = have_last ? last_col : col;
      double from_row = have_last ? last_row : row;
      int steps = static_cast<int>(std::ceil(std::max(std::fabs(col - from_col), std::fabs(row - from_row))));
      for (int k = 0; k <= steps; ++k) {
        double t = steps == 0 ? 1 : static_cast<double>(k) / steps;
        auto c = static_cast<std::size_t>(std::lround(from_col + (col - from_col) * t));
        auto r = static_cast<std::size_t>(std::lround(from_row + (row - from_row) * t));
        grid[r][c] = static_cast<int>(s);
      }
      have_last = true;
      last_col = col;
      last_row = row;
    }
  }

  std::vector<std::string> labels(k_rows);
  for (double t : ticks) {
    auto r = static_cast<std::size_t>(row_of(t));
    if (labels[r].empty()) {
      labels[r] = tick_dollars(t);
    }
  }
  std::string out = fmt::format("monthly cost ({}) by requests/month ({} scale)\n", ys.log ? "log scale" : "USD",
                                report.log_scale ? "log" : "linear");
  for (int row = 0; row < k_rows; ++row) {
    out += fmt::format("{:>{}} {}", labels[static_cast<std::size_t>(row)], k_label_width, ascii ? "|" : "│");
    for (int cell : grid[static_cast<std::size_t>(row)]) {
      out += cell < 0 ? " " : mark(static_cast<std::size_t>(cell));
    }
    out += "\n";
  }
  out += fmt::format("{:>{}} {}", "", k_label_width, ascii ? "+" : "└");
  for (int c = 0; c < columns; ++c) {
    out += ascii ? "-" : "─";
  }
  // Round request counts under their columns, left to right, each clear of the one before.
  std::string axis(static_cast<std::size_t>(columns + 8), ' ');
  std::size_t free_from = 0;
  for (double tick : x_ticks(report)) {
    std::string text = format_count(tick);
    auto centre = static_cast<std::size_t>(std::lround(std::clamp(xs(tick), 0.0, 1.0) * (columns - 1)));
    std::size_t at = centre >= text.size() / 2 ? centre - text.size() / 2 : 0;
    at = std::min(at, axis.size() - text.size());
    if (at >= free_from) {
      axis.replace(at, text.size(), text);
      free_from = at + text.size() + 1;
    }
  }
  while (!axis.empty() && axis.back() == ' ') {
    axis.pop_back();
  }
  out += fmt::format("\n{:>{}}  {}\n", "", k_label_width, axis);
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    out += fmt::format("  {} {}\n", mark(s), escape_controls(report.series[s].offering));
  }
  for (const auto& pair : report.crossings) {
    if (pair.break_even_requests_per_month) {
      const Crossing& last = pair.crossings.back();
      out += fmt::format("  break-even {} / {}: {} requests/month{}\n", escape_controls(pair.a),
                         escape_controls(pair.b), format_count(*pair.break_even_requests_per_month),
                         last.duty_cycle ? fmt::format(" (duty cycle {})", format_percent(*last.duty_cycle)) : "");
    }
  }
  return out;
}

} // namespace breakeven
