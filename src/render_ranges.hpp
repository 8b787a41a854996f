#pragma once
// The parts of compare's and crossover's output that ranges add (bands, the probability of
// being cheapest, where a threshold falls in a range), kept apart from render.cpp, which calls
// them only when a report has ranges.

#include <breakeven/analysis.hpp>
#include <breakeven/compare.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace breakeven::detail {

/// Lines under the scenario in a table: the ranges, and what the band and P(CHEAPEST) rest on
/// (each line ends in a newline; control characters escaped).
std::string ranges_text(const RangeSummary& summary);
/// The same as a Markdown list.
std::string ranges_markdown(const RangeSummary& summary);

/// LOW, EXPECTED, HIGH, P(CHEAPEST): the columns that replace MONTHLY in a table.
std::vector<std::string> band_headers();
std::vector<std::string> band_cells(const CostBand& band);
/// `infeasible in 12.3% of samples: <reason>` for an offering feasible at the expected values,
/// and empty when it is feasible throughout.
std::string band_note(const CostBand& band);

/// band_low, band_expected, band_high, p_cheapest: the columns CSV and TSV add.
std::vector<std::string> band_delimited_headers();
std::vector<std::string> band_delimited_cells(const CostBand& band);

/// Adds `band` and `p_cheapest` (and `infeasible_share`) to a result's JSON object.
void add_band_json(nlohmann::ordered_json& result, const CostBand& band);
/// The `ranges` object of compare's JSON.
nlohmann::ordered_json ranges_json(const RangeSummary& summary);

/// Lines under a crossover pair's verdict: where its threshold falls in the traffic's range,
/// and its thresholds at the other fields' ends.
std::string crossover_range_lines(const CrossoverReport& report, std::size_t pair);
/// Adds `range_position` and `break_even_at_ranges` to a pair's JSON object.
void add_crossover_range_json(nlohmann::ordered_json& pair_json, const CrossoverReport& report, std::size_t pair);
/// The `ranges` object of crossover's JSON.
nlohmann::ordered_json crossover_ranges_json(const CrossoverRanges& ranges);

} // namespace breakeven::detail
