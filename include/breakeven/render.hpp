#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace breakeven {

/// Output formats. Tables and Markdown are for people; CSV, TSV and JSON for programs.
enum class Format { table, csv, tsv, json, markdown };

/// `table`, `csv`, `tsv`, `json` or `markdown`; nothing for anything else.
std::optional<Format> parse_format(std::string_view text);

/// Version of the JSON documents the renderers write (`"schema_version": 1`).
inline constexpr int k_output_schema_version = 1;

struct RenderOptions {
  bool breakdown = false; ///< line items under each result (tables, CSV, Markdown; JSON always has them)
  bool color = false;     ///< ANSI colour in tables
};

/// Renders `breakeven compare`. Every renderer takes the same report.
/// Example: `std::string out = render_compare(report, Format::json, {});`
std::string render_compare(const CompareReport& report, Format format, const RenderOptions& options);

/// Renders `breakeven pricing list`: every offering with its kind, provider, region and as_of.
std::string render_pricing_list(const Catalogue& catalogue, Format format);

/// Renders `breakeven pricing show ID`: an offering's charges, tiers, billing and limits.
std::string render_offering(const Catalogue& catalogue, const Offering& offering, Format format);

/// Quotes one CSV (RFC 4180) or TSV field.
std::string delimited_field(std::string_view text, char separator);

} // namespace breakeven
