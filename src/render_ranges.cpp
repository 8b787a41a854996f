#include "render_ranges.hpp"

#include <breakeven/money.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <cmath>

namespace breakeven::detail {
namespace {

using nlohmann::ordered_json;

std::string value_text(const std::string& key, double value) {
  return key == "requests_per_month" ? format_count(value) : fmt::format("{:g}", value);
}

std::string range_text(const ScenarioRange& r) {
  return fmt::format("{} {}..{} (expected {})", r.key, value_text(r.key, r.low), value_text(r.key, r.high),
                     value_text(r.key, r.expected));
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    text += (i == 0 ? "" : ", ") + parts[i];
  }
  return text;
}

// The fields of one cost direction, named: "requests_per_month or duration_ms".
std::string fields_of_direction(const RangeSummary& summary, int direction) {
  std::string text;
  for (std::size_t i = 0; i < summary.fields.size(); ++i) {
    if (summary.directions[i] == direction) {
      text += (text.empty() ? "" : " or ") + summary.fields[i].key;
    }
  }
  return text;
}

// What the band and P(CHEAPEST) rest on, in one sentence.
std::string band_basis(const RangeSummary& summary) {
  std::string rising = fields_of_direction(summary, 1);
  std::string falling = fields_of_direction(summary, -1);
  std::string either = fields_of_direction(summary, 0);
  std::string directions;
  if (!rising.empty()) {
    directions += fmt::format("cost never falls as {} rises", rising);
  }
  if (!falling.empty()) {
    directions += fmt::format("{}cost never rises as {} rises", directions.empty() ? "" : ", ", falling);
  }
  std::string samples = fmt::format("{} {} samples (fields independent), seed {}",
                                    group_digits(fmt::format("{}", summary.sampling.samples)),
                                    to_string(summary.sampling.distribution), summary.sampling.seed);
  if (summary.exact_ends) {
    return fmt::format("band: LOW and HIGH are exact, each field at the end where cost is least and most ({}); "
                       "P(CHEAPEST) from {}",
                       directions, samples);
  }
  return fmt::format("band: LOW and HIGH are the least and most cost at the ends and in the samples ({} can move "
                     "cost either way{}{}); P(CHEAPEST) from {}",
                     either.empty() ? "a field" : either, directions.empty() ? "" : "; ", directions, samples);
}

std::string none_feasible_text(const RangeSummary& summary) {
  return summary.none_feasible_share > 0
             ? fmt::format("no offering is feasible in {} of samples", format_percent(summary.none_feasible_share))
             : std::string{};
}

double to_cents(double dollars) {
  return std::round(dollars * 100.0) / 100.0;
}

ordered_json optional_cents(const std::optional<double>& dollars) {
  return dollars ? ordered_json(to_cents(*dollars)) : ordered_json(nullptr);
}

std::string optional_money(const std::optional<double>& dollars) {
  return dollars ? fmt::format("{}", Money{*dollars}) : "infeasible";
}

std::string threshold_text(const std::optional<double>& threshold) {
  return threshold ? format_count(*threshold) : "none";
}

ordered_json range_json(const ScenarioRange& r) {
  return {{"field", r.key}, {"low", r.low}, {"expected", r.expected}, {"high", r.high}};
}

} // namespace

std::string ranges_text(const RangeSummary& summary) {
  std::vector<std::string> parts;
  for (const auto& r : summary.fields) {
    parts.push_back(range_text(r));
  }
  std::string out = escape_controls(fmt::format("ranges: {}", joined(parts))) + "\n";
  out += band_basis(summary) + "\n";
  if (std::string none = none_feasible_text(summary); !none.empty()) {
    out += none + "\n";
  }
  return out;
}

std::string ranges_markdown(const RangeSummary& summary) {
  std::string out;
  for (const auto& r : summary.fields) {
    out += fmt::format("- range: {}\n", range_text(r));
  }
  out += fmt::format("- {}\n", band_basis(summary));
  if (std::string none = none_feasible_text(summary); !none.empty()) {
    out += fmt::format("- {}\n", none);
  }
  return out + "\n";
}

std::vector<std::string> band_headers() {
  return {"LOW", "EXPECTED", "HIGH", "P(CHEAPEST)"};
}

std::vector<std::string> band_cells(const CostBand& band) {
  return {optional_money(band.low), optional_money(band.expected), optional_money(band.high),
          fmt::format("{:.1f}%", band.p_cheapest * 100)};
}

std::string band_note(const CostBand& band) {
  if (!band.expected || (band.infeasible_share == 0 && band.low && band.high)) {
    return "";
  }
  return fmt::format("infeasible in {} of samples: {}", format_percent(band.infeasible_share), band.infeasible_reason);
}

std::vector<std::string> band_delimited_headers() {
  return {"band_low", "band_expected", "band_high", "p_cheapest"};
}

std::vector<std::string> band_delimited_cells(const CostBand& band) {
  auto number = [](const std::optional<double>& dollars) {
    return dollars ? fmt::format("{}", to_cents(*dollars)) : std::string{};
  };
  return {number(band.low), number(band.expected), number(band.high), fmt::format("{}", band.p_cheapest)};
}

void add_band_json(ordered_json& result, const CostBand& band) {
  result["band"] = {{"low", optional_cents(band.low)},
                    {"expected", optional_cents(band.expected)},
                    {"high", optional_cents(band.high)}};
  result["p_cheapest"] = band.p_cheapest;
  result["infeasible_share"] = band.infeasible_share;
}

ordered_json ranges_json(const RangeSummary& summary) {
  ordered_json fields = ordered_json::array();
  for (const auto& r : summary.fields) {
    fields.push_back(range_json(r));
  }
  return {{"fields", std::move(fields)},
          {"distribution", to_string(summary.sampling.distribution)},
          {"samples", summary.sampling.samples},
          {"seed", summary.sampling.seed},
          {"band", summary.exact_ends ? "exact" : "samples"},
          {"none_feasible_share", summary.none_feasible_share}};
}

std::string crossover_range_lines(const CrossoverReport& report, std::size_t pair) {
  if (!report.ranges) {
    return "";
  }
  const CrossoverRanges& ranges = *report.ranges;
  const CrossoverResult& result = report.pairs[pair];
  std::string out;
  if (ranges.traffic && result.break_even_requests_per_month) {
    const ScenarioRange& traffic = *ranges.traffic;
    double threshold = *result.break_even_requests_per_month;
    std::string span = fmt::format("{}..{}", format_count(traffic.low), format_count(traffic.high));
    RangePosition position = position_in(traffic, threshold);
    switch (position.where) {
    case RangePosition::Where::inside:
      out += fmt::format("  break-even {} is inside your range {}, {} of the way up\n", format_count(threshold), span,
                         format_percent(position.share));
      break;
    case RangePosition::Where::below:
      // The order never changes past the last crossing in the searched range.
      out += traffic.high <= report.range.to
                 ? fmt::format("  break-even {} is below your range {}: {} is cheaper throughout it\n",
                               format_count(threshold), span, escape_controls(result.crossings.back().cheaper_after))
                 : fmt::format("  break-even {} is below your range {}\n", format_count(threshold), span);
      break;
    case RangePosition::Where::above:
      out += fmt::format("  break-even {} is above your range {}\n", format_count(threshold), span);
      break;
    }
  } else if (ranges.traffic) {
    out += fmt::format("  no break-even in range, so none inside your range {}..{}\n",
                       format_count(ranges.traffic->low), format_count(ranges.traffic->high));
  }
  if (!ranges.others.empty() && pair < ranges.thresholds.size()) {
    std::vector<std::string> keys;
    for (const auto& r : ranges.others) {
      keys.push_back(r.key);
    }
    const ThresholdBand& t = ranges.thresholds[pair];
    out += escape_controls(fmt::format("  break-even with {} at low: {}, expected: {}, high: {}", joined(keys),
                                       threshold_text(t.at_low), threshold_text(t.at_expected),
                                       threshold_text(t.at_high))) +
           "\n";
  }
  return out;
}

void add_crossover_range_json(ordered_json& pair_json, const CrossoverReport& report, std::size_t pair) {
  if (!report.ranges) {
    return;
  }
  const CrossoverRanges& ranges = *report.ranges;
  const CrossoverResult& result = report.pairs[pair];
  if (ranges.traffic && result.break_even_requests_per_month) {
    RangePosition position = position_in(*ranges.traffic, *result.break_even_requests_per_month);
    constexpr const char* k_where[] = {"below", "inside", "above"};
    pair_json["range_position"] = {{"where", k_where[static_cast<int>(position.where)]}, {"share", position.share}};
  } else {
    pair_json["range_position"] = nullptr;
  }
  if (!ranges.others.empty() && pair < ranges.thresholds.size()) {
    const ThresholdBand& t = ranges.thresholds[pair];
    auto number = [](const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
    pair_json["break_even_at_ranges"] = {
        {"low", number(t.at_low)}, {"expected", number(t.at_expected)}, {"high", number(t.at_high)}};
  }
}

ordered_json crossover_ranges_json(const CrossoverRanges& ranges) {
  ordered_json others = ordered_json::array();
  for (const auto& r : ranges.others) {
    others.push_back(range_json(r));
  }
  return {{"traffic", ranges.traffic ? range_json(*ranges.traffic) : ordered_json(nullptr)},
          {"fields", std::move(others)}};
}

} // namespace breakeven::detail
