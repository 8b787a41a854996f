#pragma once

#include <breakeven/advise.hpp>
#include <breakeven/analysis.hpp>
#include <breakeven/budget.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/pricing_review.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace breakeven {

/// Output formats. Tables, Markdown, SVG charts and HTML report pages are for people; CSV, TSV
/// and JSON for programs.
enum class Format { table, csv, tsv, json, jsonl, markdown, svg, html };

/// `table`, `csv`, `tsv`, `json`, `jsonl`, `markdown`, `svg` or `html`; nothing for anything else.
std::optional<Format> parse_format(std::string_view text);

/// Version of the JSON documents the renderers write (`"schema_version": 1`).
inline constexpr int k_output_schema_version = 1;

struct RenderOptions {
  bool breakdown = false; ///< line items under each result (tables, CSV, Markdown; JSON always has them)
  bool color = false;     ///< ANSI colour in tables
  /// Crossover tables and Markdown of more than one pair list the pairs that never cross in the
  /// range too (else one line counts them; CSV and JSON always list every pair).
  bool all_pairs = false;
  /// Charts (SVG and the terminal plot): costs on a logarithmic axis.
  bool log_y = false;
  /// Tables for a terminal this many columns wide: notes and assumptions wrap to fit (0: no
  /// limit, each on one line, as scripts and files get them).
  std::size_t width = 0;
  /// HTML report pages: the date (YYYY-MM-DD) the prices' ages are counted to, for a warning on
  /// each price over a year old (k_price_warning_age_days); empty: no warnings on the page.
  std::string today{};
  /// Long curves (write_curves): threads that compute and format blocks of rows (0: one a core;
  /// 1: every block on the calling thread). The text does not depend on it.
  unsigned threads = 0;
};

/// Renders `breakeven compare`. Every renderer takes the same report. In every format, line
/// items are printed in whole cents that add up to the total as printed (apportion_cents), so
/// JSON's `monthly_cost` and `line_items[].cost` are in cents too; the report's assumptions
/// follow the scenario (a line each in tables, a list in Markdown, an `assumptions` array in JSON).
/// `Format::html` is the report page: one self-contained HTML file (inline CSS, no scripts),
/// readable on a phone and printable: the scenario and its assumptions, the answer, the table,
/// each option's line items in a collapsed `<details>`, then the prices used with their dates.
/// Every figure in it carries `data-json` (a JSON pointer into the `Format::json` document of the
/// same report) and `data-value` (the number there, as JSON writes it). curve, crossover and
/// advise write the same page for their reports.
/// Example: `std::string out = render_compare(report, Format::json, {});`
std::string render_compare(const CompareReport& report, Format format, const RenderOptions& options);

/// How much text a compare report needs for `format`, as options for compare(): CSV and TSV
/// rows without the breakdown show figures, infeasibility reasons and warnings only, so their
/// estimates are built without notes, assumptions or line-item names; every other format
/// shows them all.
/// Example: `compare(catalogue, offerings, scenario, {}, compare_build_options(Format::csv, {}))`.
BuildOptions compare_build_options(Format format, const RenderOptions& options);

/// Writes `breakeven compare` for a stream of scenarios as each report comes, holding none of
/// them: CSV/TSV with one header and the scenario name as the first column; JSON Lines with
/// one object per scenario and offering; JSON as one document whose `reports` array is
/// written as it grows; tables and Markdown as one section per scenario.
class CompareStream {
public:
  CompareStream(Format format, RenderOptions options) : m_format(format), m_options(options) {}
  /// The text for the next report.
  std::string add(const CompareReport& report);
  /// The same, appended to `out` (whose buffer a stream reuses from report to report).
  void add(const CompareReport& report, std::string& out);
  /// The text that closes the output (after the last report, or when there were none).
  std::string finish();

  /// True when add's text for a report depends on nothing but the report and whether it is the
  /// first (CSV and TSV rows): a stream may then format reports on several threads, each with a
  /// copy of this writer, resumed() for all but the first.
  bool rows_independent() const noexcept { return m_format == Format::csv || m_format == Format::tsv; }
  /// A copy of this writer as it is after its first report.
  CompareStream resumed() const {
    CompareStream copy = *this;
    copy.m_reports = std::max<std::size_t>(copy.m_reports, 1);
    return copy;
  }

private:
  Format m_format;
  RenderOptions m_options;
  std::size_t m_reports = 0;
};

/// Renders `breakeven crossover` (table, csv, tsv, json, markdown, html; the page without a chart).
std::string render_crossover(const CrossoverReport& report, Format format, const RenderOptions& options);

/// The HTML report page of `breakeven crossover` with a chart: `chart` is the curves of the same
/// offerings over the same range (curve()), drawn as render_curve_svg draws them.
/// Example: `render_crossover_html(report, curves, {})`.
std::string render_crossover_html(const CrossoverReport& report, const CurveReport& chart,
                                  const RenderOptions& options);

/// Renders `breakeven curve` (table, csv, tsv, json, markdown, svg, html; the page has the SVG chart).
std::string render_curve(const CurveReport& report, Format format, const RenderOptions& options);

/// Renders one crossover report per scenario (JSON Lines input): sections for people, one CSV
/// header with the scenario in the first column, one JSON document with a `reports` array.
std::string render_crossovers(std::span<const CrossoverReport> reports, Format format, const RenderOptions& options);

/// Renders one curve report per scenario: table, json or markdown (a wide CSV or a chart takes
/// one scenario). Throws `Error` for the other formats when there are several reports.
std::string render_curves(std::span<const CurveReport> reports, Format format, const RenderOptions& options);

/// The crossings a curve written in `format` shows: JSON lists every pair's and a chart (SVG,
/// HTML, the terminal's `--plot`) marks them; a table, CSV, TSV and Markdown show only the
/// cheapest ranges (the `crossings` argument of curve_samples).
CurveCrossings curve_crossings_shown(Format format, bool plot);

/// Where output written a piece at a time goes: the caller writes each piece out (to standard
/// output, a file), in order. A piece is at most about 64 KiB of text.
using TextSink = std::function<void(std::string_view piece)>;

/// Writes `breakeven curve` as render_curves writes the same curves materialized, byte for byte,
/// a piece at a time, holding no row: the costs of a row are computed as it is written, so memory
/// stays flat however many points there are. CSV, TSV, JSON and Markdown go in one pass; a table
/// sizes its columns first (every cell formatted and measured, none kept) and then writes its rows.
/// Throws `Error` for a format render_curves rejects, before anything is written.
/// Example: `write_curves(samples, Format::csv, {}, [](std::string_view piece) { ... });`
void write_curves(std::span<const CurveSamples> curves, Format format, const RenderOptions& options,
                  const TextSink& sink);

/// Writes `breakeven crossover` for a stream of scenarios as each report comes, holding none of
/// them: the same text as render_crossovers over all of them (one CSV header; one report's JSON
/// document alone, several in a `reports` array, so the first report's JSON waits for a second).
class CrossoverStream {
public:
  /// Throws `Error` for a format crossover does not write.
  CrossoverStream(Format format, RenderOptions options);
  /// The text for the next report.
  std::string add(const CrossoverReport& report);
  /// The text that closes the output (after the last report, or when there were none).
  std::string finish();

private:
  Format m_format;
  RenderOptions m_options;
  std::size_t m_reports = 0;
  std::string m_first_json; // the first report's JSON, until a second shows whether it stands alone
};

/// An SVG chart of a curve report: a title and a subtitle with the scenario and its assumptions,
/// axes with units (log or linear x; a log y with `options.log_y`), each offering's line in a
/// colour-blind-safe colour (dashed past seven) named at its end, the cheapest option at each
/// traffic shaded, every crossing marked, and each change of the cheapest numbered on the chart
/// and described under it. No two texts overlap (their boxes, at a conservative width a glyph).
std::string render_curve_svg(const CurveReport& report, const RenderOptions& options = {});

/// A chart for the terminal: at most `width` columns, Unicode or plain ASCII; each series a
/// line of its own mark (sixteen), in its own colour with `options.color`, on a cost axis fitted
/// to the data with round ticks (logarithmic with `options.log_y`).
std::string render_curve_plot(const CurveReport& report, int width, bool ascii, const RenderOptions& options = {});

/// Renders `breakeven check` (table, csv, tsv, json, markdown). Markdown is written to be
/// posted as a pull-request comment: a summary line, then one row per check, failures first.
std::string render_check(const CheckReport& report, Format format, const RenderOptions& options);

/// JUnit XML for CI systems: one test case per check, failures with their reasons.
std::string render_junit(const CheckReport& report);

/// Renders `breakeven pricing list`: every offering with its kind, provider, region and as_of,
/// then every component (kind "component"). A table fits `options.width` (names wrap).
std::string render_pricing_list(const Catalogue& catalogue, Format format, const RenderOptions& options = {});

/// Renders `breakeven pricing show ID`: an offering's charges, tiers, billing and limits, a
/// burstable VM's baseline and a VM's default root volume, as a table or JSON (another format
/// throws `Error` naming `--format`). A table fits `options.width` (prices and lines wrap).
std::string render_offering(const Catalogue& catalogue, const Offering& offering, Format format,
                            const RenderOptions& options = {});

/// Renders `breakeven pricing show ID` for a component (an add-on such as `aws.alb`): its
/// charges, source and the kinds it applies to, as a table or JSON (as `render_offering`).
std::string render_component(const Component& component, Format format, const RenderOptions& options = {});

/// Renders `breakeven pricing diff OLD NEW`: a summary line, then one row per charge that changed,
/// was added or removed (an item only one side has is one row, charge "(whole item)"); table,
/// csv, tsv, json or markdown (for a pull request). A table fits `options.width` (prices wrap).
std::string render_pricing_diff(const PricingDiff& diff, Format format, const RenderOptions& options = {});

/// Quotes one CSV (RFC 4180) or TSV field.
std::string delimited_field(std::string_view text, char separator);

/// Renders `breakeven advise` (table, json, markdown, html): per workload the constraints, the
/// shortlist, what ruled the rest out, every option's answers question by question, and the
/// recommendation; with several workloads, the portfolio and its monthly total.
std::string render_advice(const Portfolio& portfolio, Format format, const RenderOptions& options);

} // namespace breakeven
