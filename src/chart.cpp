// Charts of cost curves: SVG for browsers and documents, and a character plot for terminals.

#include <breakeven/money.hpp>
#include <breakeven/render.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
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

std::string render_curve_svg(const CurveReport& report) {
  constexpr double k_width = 980;
  constexpr double k_height = 560;
  constexpr double k_left = 90;
  constexpr double k_right = 280;
  constexpr double k_top = 50;
  constexpr double k_bottom = 70;
  const double plot_w = k_width - k_left - k_right;
  const double plot_h = k_height - k_top - k_bottom;
  XScale xs{report.range.from, report.range.to, report.log_scale};
  double y_max = max_cost(report);
  auto px = [&](double requests) { return k_left + xs(requests) * plot_w; };
  auto py = [&](double cost) { return k_top + plot_h - cost / y_max * plot_h; };

  std::string out =
      fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                  "font-family=\"sans-serif\" font-size=\"12\">\n"
                  "<title>breakeven: monthly cost by requests per month</title>\n"
                  "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
                  k_width, k_height);
  std::string heading = report.scenario.name.empty() ? "Monthly cost by traffic"
                                                     : fmt::format("Monthly cost by traffic: {}", report.scenario.name);
  out += fmt::format("<text x=\"{}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{}</text>\n", k_left,
                     xml_escape(heading));
  // Grid, ticks and axis labels.
  out += "<g class=\"axes\" stroke=\"#ccc\">\n";
  for (double tick : x_ticks(report)) {
    double x = px(tick);
    out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\"/>\n", x, k_top, k_top + plot_h);
    out += fmt::format("<text class=\"x-tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" stroke=\"none\" "
                       "fill=\"#333\">{}</text>\n",
                       x, k_top + plot_h + 18, format_count(tick));
  }
  for (int i = 0; i <= 5; ++i) {
    double cost = y_max * i / 5;
    double y = py(cost);
    out += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\"/>\n", k_left, y, k_left + plot_w);
    out += fmt::format("<text class=\"y-tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" stroke=\"none\" "
                       "fill=\"#333\">{}</text>\n",
                       k_left - 8, y + 4, xml_escape(dollars(cost)));
  }
  out += "</g>\n";
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n", k_left,
                     k_top, plot_w, plot_h);
  out +=
      fmt::format("<text class=\"x-label\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">requests per month{}</text>\n",
                  k_left + plot_w / 2, k_height - 22, report.log_scale ? " (log scale)" : "");
  out += fmt::format("<text class=\"y-label\" transform=\"translate(22 {:.1f}) rotate(-90)\" text-anchor=\"middle\">"
                     "monthly cost (USD)</text>\n",
                     k_top + plot_h / 2);
  // One line per offering.
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    const auto& series = report.series[s];
    out += fmt::format("<polyline class=\"series\" data-offering=\"{}\" fill=\"none\" stroke=\"{}\" "
                       "stroke-width=\"2\" points=\"",
                       xml_escape(series.offering), k_palette[s % k_palette_size]);
    bool first = true;
    for (std::size_t i = 0; i < report.requests.size(); ++i) {
      if (!std::isfinite(series.monthly_costs[i])) {
        continue; // never drawn as a point at "nan"
      }
      out += fmt::format("{}{:.1f},{:.1f}", first ? "" : " ", px(report.requests[i]),
                         py(std::min(series.monthly_costs[i], y_max)));
      first = false;
    }
    out += "\"/>\n";
  }
  // Every crossing, marked; the break-even point of each pair labelled on the chart.
  out += "<g class=\"crossovers\">\n";
  for (const auto& pair : report.crossings) {
    for (std::size_t i = 0; i < pair.crossings.size(); ++i) {
      const auto& c = pair.crossings[i];
      double cost = std::max(c.a_monthly_cost, c.b_monthly_cost);
      if (!std::isfinite(cost)) {
        continue;
      }
      bool break_even = i + 1 == pair.crossings.size();
      std::string label = fmt::format(
          "{} / {}: {} requests/month{} ({} cheaper after)", pair.a, pair.b, format_count(c.requests_per_month),
          c.duty_cycle ? fmt::format(", duty cycle {}", format_percent(*c.duty_cycle)) : "", c.cheaper_after);
      out +=
          fmt::format("<circle class=\"crossover\" data-a=\"{}\" data-b=\"{}\" data-requests=\"{}\" cx=\"{:.1f}\" "
                      "cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" stroke=\"black\"><title>{}</title></circle>\n",
                      xml_escape(pair.a), xml_escape(pair.b), c.requests_per_month, px(c.requests_per_month),
                      py(std::min(cost, y_max)), break_even ? 5 : 3, break_even ? "white" : "black", xml_escape(label));
      if (break_even) {
        out += fmt::format("<text class=\"crossover-label\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n",
                           px(c.requests_per_month) + 7, py(std::min(cost, y_max)) - 7,
                           xml_escape(format_count(c.requests_per_month)));
      }
    }
  }
  out += "</g>\n";
  // Legend.
  double legend_x = k_left + plot_w + 20;
  out += "<g class=\"legend\">\n";
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    double y = k_top + 10 + static_cast<double>(s) * 20;
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"3\"/>"
                       "<text x=\"{4}\" y=\"{5}\">{6}</text>\n",
                       legend_x, y, legend_x + 22, k_palette[s % k_palette_size], legend_x + 28, y + 4,
                       xml_escape(report.series[s].offering));
  }
  double note_y = k_top + 20 + static_cast<double>(report.series.size()) * 20;
  out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"white\" stroke=\"black\"/><text x=\"{}\" y=\"{}\">"
                     "break-even (last crossing)</text>\n",
                     legend_x + 11, note_y, legend_x + 28, note_y + 4);
  out +=
      fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"black\"/><text x=\"{}\" y=\"{}\">other crossing</text>\n",
                  legend_x + 11, note_y + 20, legend_x + 28, note_y + 24);
  out += "</g>\n</svg>\n";
  return out;
}

std::string render_curve_plot(const CurveReport& report, int width, bool ascii) {
  static const char* const k_unicode_marks[] = {"●", "■", "▲", "◆", "★", "✚", "○", "□", "△", "◇"};
  static const char* const k_ascii_marks[] = {"*", "#", "+", "o", "x", "@", "%", "&", "=", "~"};
  const char* const* marks = ascii ? k_ascii_marks : k_unicode_marks;
  constexpr int k_rows = 18;
  constexpr int k_label_width = 10;
  int columns = std::clamp(width, 40, 200) - k_label_width - 2;
  double y_max = max_cost(report);
  XScale xs{report.range.from, report.range.to, report.log_scale};

  std::vector<std::vector<std::string>> grid(k_rows, std::vector<std::string>(static_cast<std::size_t>(columns), " "));
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    for (std::size_t i = 0; i < report.requests.size(); ++i) {
      double cost = report.series[s].monthly_costs[i];
      if (!std::isfinite(cost)) {
        continue;
      }
      // Clamped: requests are whole, so the first and last can round to outside a range such
      // as 0.3 to 0.7, and must not land outside the grid.
      double x = std::clamp(xs(report.requests[i]), 0.0, 1.0);
      double share = std::clamp(cost / y_max, 0.0, 1.0);
      auto col = static_cast<std::size_t>(std::lround(x * (columns - 1)));
      auto row = static_cast<std::size_t>(k_rows - 1 - std::lround(share * (k_rows - 1)));
      grid[row][col] = marks[s % 10];
    }
  }
  std::string out = fmt::format("monthly cost by requests/month ({} scale)\n", report.log_scale ? "log" : "linear");
  for (int row = 0; row < k_rows; ++row) {
    std::string label;
    if (row == 0 || row == k_rows - 1 || row == k_rows / 2) {
      label = dollars(y_max * (k_rows - 1 - row) / (k_rows - 1));
    }
    out += fmt::format("{:>{}} {}", label, k_label_width, ascii ? "|" : "│");
    for (const auto& cell : grid[static_cast<std::size_t>(row)]) {
      out += cell;
    }
    out += "\n";
  }
  out += fmt::format("{:>{}} {}", "", k_label_width, ascii ? "+" : "└");
  for (int c = 0; c < columns; ++c) {
    out += ascii ? "-" : "─";
  }
  std::string left = format_count(report.range.from);
  std::string right = format_count(report.range.to);
  std::string middle = format_count(report.log_scale ? std::sqrt(std::max(report.range.from, 1.0) * report.range.to)
                                                     : (report.range.from + report.range.to) / 2);
  int gap = columns - static_cast<int>(left.size() + middle.size() + right.size());
  int first_gap = std::max(1, gap / 2);
  int second_gap = std::max(1, gap - gap / 2);
  out += fmt::format("\n{:>{}}  {}{:{}}{}{:{}}{}\n", "", k_label_width, left, "", first_gap, middle, "", second_gap,
                     right);
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    out += fmt::format("  {} {}\n", marks[s % 10], escape_controls(report.series[s].offering));
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
