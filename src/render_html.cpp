// The report page (`--format html`): one self-contained HTML file per report, for people to read
// on a phone, on a desktop or on paper. No scripts and nothing fetched: the CSS is inline and the
// chart is the SVG chart inlined. In order: the scenario and its assumptions, the answer, the
// chart, the table, each option's line items (collapsed), and the prices the figures rest on.
//
// Every figure a program may want to check sits in an element with `data-json`, a JSON pointer
// into the document `--format json` writes for the same report, and `data-value`, that number as
// JSON writes it: the page is built from the same JSON document, so they are equal by
// construction, and a test can prove it.

#include "render_documents.hpp"

#include <breakeven/error.hpp>
#include <breakeven/money.hpp>
#include <breakeven/pricing_review.hpp>
#include <breakeven/text.hpp>

#include "render_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace breakeven {
namespace {

using nlohmann::ordered_json;

// Text as HTML: control characters made visible (escape_controls, which also leaves valid UTF-8),
// then the five characters that mean something in HTML.
std::string esc(std::string_view text) {
  std::string out;
  for (char c : escape_controls(text)) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// ` data-json="/results/0/monthly_cost" data-value="16.42"`: where a figure is in the JSON
// document and the number (or null) as the document holds it.
// Without `pointer_shown`, the number alone: a figure the JSON document does not hold.
std::string data_of(const ordered_json& document, const std::string& pointer, bool pointer_shown = true) {
  const ordered_json& value = document.at(ordered_json::json_pointer(pointer));
  std::string number = esc(value.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
  return pointer_shown ? fmt::format(" data-json=\"{}\" data-value=\"{}\"", esc(pointer), number)
                       : fmt::format(" data-value=\"{}\"", number);
}

// A figure's cell: `text` for people, the number for programs.
std::string number_cell(const std::string& text, const ordered_json& document, const std::string& pointer,
                        bool pointer_shown = true) {
  return fmt::format("<td class=\"num\"{}>{}</td>", data_of(document, pointer, pointer_shown), esc(text));
}

std::string money_of(const ordered_json& value) {
  return value.is_number() ? fmt::format("{}", Money{value.get<double>()}) : std::string("infeasible");
}

std::string count_of(const ordered_json& value) {
  return value.is_number() ? format_count(value.get<double>()) : std::string("never");
}

constexpr std::string_view k_style = R"(
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --accent: #0b5cad; --good: #e7f3e7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0.2rem 0 0.5rem; line-height: 1.2; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
p, li { overflow-wrap: anywhere; }
.scenario { margin: 0.3rem 0; }
.assumptions { color: var(--muted); font-size: 0.9rem; }
.assumptions ul { padding-left: 1.2rem; margin: 0.3rem 0; }
.assumptions summary { font-weight: normal; }
.answer { background: var(--good); border-left: 4px solid #2e7d32; padding: 0.6rem 0.9rem; border-radius: 4px; }
.answer p { margin: 0.2rem 0; }
.big { font-size: 1.35rem; font-weight: 600; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.92rem; margin: 0.3rem 0; }
th, td { padding: 0.3rem 0.55rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.cheapest td { background: var(--good); }
tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
details { border: 1px solid var(--line); border-radius: 4px; margin: 0.4rem 0; padding: 0.3rem 0.6rem; }
summary { cursor: pointer; font-weight: 600; }
.chart svg { width: 100%; height: auto; display: block; }
td code { overflow-wrap: normal; white-space: nowrap; }
.note, .muted { color: var(--muted); font-size: 0.9rem; }
.warning { color: #8a3b00; }
a { color: var(--accent); overflow-wrap: anywhere; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 30rem) {
  main { padding: 0.6rem; }
  h1 { font-size: 1.25rem; }
  table { font-size: 0.82rem; }
  th, td { padding: 0.25rem 0.35rem; }
  .chart svg { min-width: 36rem; }
}
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  .chart svg { min-width: 0; }
  details { border: none; padding: 0; break-inside: avoid; }
  details::details-content { content-visibility: visible; display: contents; }
  summary { list-style: none; }
  .answer { border: 1px solid #2e7d32; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  tr, .chart { break-inside: avoid; }
}
)";

// The page around its sections.
std::string page(const std::string& title, const std::string& body) {
  return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     // Nothing to fetch and nothing to run: a browser refuses (and logs) any attempt.
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                     "'unsafe-inline'\">\n"
                     "<meta name=\"generator\" content=\"breakeven\">\n<title>{}</title>\n<style>{}</style>\n"
                     "</head>\n<body>\n<main>\n{}<footer>Written by <code>breakeven</code>. The figures are "
                     "estimates from list prices; see each price's source.</footer>\n</main>\n</body>\n</html>\n",
                     esc(title), k_style, body);
}

// 1. The title, the scenario and every assumption (the lines the table prints).
std::string header(const std::string& title, const Scenario& scenario, const std::vector<Assumption>& assumptions,
                   const std::vector<std::string>& shown, const std::string& extra = {}) {
  // The summary starts with the scenario's name when it has one.
  std::string out = fmt::format("<header>\n<h1>{}</h1>\n<p class=\"scenario\"><strong>Scenario:</strong> {}</p>\n",
                                esc(title), esc(detail::scenario_summary(scenario)));
  out += extra;
  // Every assumption, in a box open on screen and on paper that a reader on a phone can close
  // to get to the answer.
  auto lines = detail::assumption_lines(assumptions, shown);
  if (!lines.empty()) {
    out += fmt::format("<details class=\"assumptions\" open>\n<summary>{} assumption{}: values the scenario did "
                       "not give</summary>\n<ul>\n",
                       lines.size(), lines.size() == 1 ? "" : "s");
    for (const auto& line : lines) {
      out += fmt::format("<li>{}</li>\n", esc(line));
    }
    out += "</ul>\n</details>\n";
  }
  return out + "</header>\n";
}

// 6. The prices the figures rest on, each with its date (and source where the report has it),
// and a warning for each over a year old on `options.today`.
std::string prices_section(const std::vector<PriceDate>& prices, const std::vector<Estimate>& estimates,
                           const RenderOptions& options) {
  std::string out = "<section id=\"prices\">\n<h2>Prices used</h2>\n";
  if (prices.empty()) {
    return out + "<p class=\"muted\">No prices recorded for this report.</p>\n</section>\n";
  }
  out +=
      "<div class=\"scroll\"><table>\n<thead><tr><th>Price</th><th>As of</th><th>Source</th></tr></thead>\n<tbody>\n";
  for (const auto& price : prices) {
    std::string source;
    for (const auto& e : estimates) {
      if (e.offering_id == price.id && !e.source.empty()) {
        source = e.source;
        break;
      }
    }
    std::string link = source.starts_with("https://") || source.starts_with("http://")
                           ? fmt::format("<a href=\"{0}\">{0}</a>", esc(source))
                           : (source.empty() ? "<span class=\"muted\">see <code>breakeven pricing show " +
                                                   esc(price.id) + "</code></span>"
                                             : esc(source));
    out +=
        fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n", esc(price.id), esc(price.as_of), link);
  }
  out += "</tbody>\n</table></div>\n";
  if (!options.today.empty()) {
    auto stale = stale_prices(prices, options.today, k_price_warning_age_days);
    if (!stale.empty()) {
      out += "<ul class=\"stale\">\n";
      for (const auto& s : stale) {
        out += fmt::format("<li class=\"warning\">Warning: <code>{}</code>: prices as of {}, {} days old on {}</li>\n",
                           esc(s.id), esc(s.as_of), s.age_days, esc(options.today));
      }
      out += "</ul>\n";
    } else {
      out += fmt::format("<p class=\"muted\">No price is over a year old on {}.</p>\n", esc(options.today));
    }
  }
  return out + "</section>\n";
}

// 5. One estimate's line items, collapsed, adding up to its total (the JSON document's cents).
std::string line_items_details(const ordered_json& document, const std::string& at, const std::string& heading,
                               bool pointers = true, const std::string& extra = {}) {
  const ordered_json& result = document.at(ordered_json::json_pointer(at));
  std::string out =
      fmt::format("<details id=\"items-{}\">\n<summary><code>{}</code>: <span{}>{}</span></summary>\n",
                  esc(result["offering"].get<std::string>()), esc(result["offering"].get<std::string>()),
                  data_of(document, at + "/monthly_cost", pointers), esc(money_of(result["monthly_cost"])));
  out += extra;
  if (!heading.empty()) {
    out += fmt::format("<p class=\"note\">{}</p>\n", esc(heading));
  }
  out += "<div class=\"scroll\"><table class=\"items\">\n<thead><tr><th>Item</th><th class=\"num\">Quantity</th>"
         "<th>Unit</th><th class=\"num\">Unit price</th><th class=\"num\">Cost</th></tr></thead>\n<tbody>\n";
  const ordered_json& items = result["line_items"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ordered_json& item = items[i];
    std::string pointer = fmt::format("{}/line_items/{}", at, i);
    out += fmt::format(
        "<tr><td>{}</td>{}<td>{}</td>{}{}</tr>\n", esc(item["name"].get<std::string>()),
        number_cell(detail::quantity_text(item["quantity"].get<double>()), document, pointer + "/quantity", pointers),
        esc(item["unit"].get<std::string>()),
        number_cell(fmt::format("{}", UnitPrice{item["unit_price"].get<double>()}), document, pointer + "/unit_price",
                    pointers),
        number_cell(money_of(item["cost"]), document, pointer + "/cost", pointers));
  }
  out += fmt::format("</tbody>\n<tfoot><tr><td colspan=\"4\">Total</td>{}</tr></tfoot>\n</table></div>\n",
                     number_cell(money_of(result["monthly_cost"]), document, at + "/monthly_cost", pointers));
  for (const auto& note : result["notes"]) {
    out += fmt::format("<p class=\"note\">{}</p>\n", esc(note.get<std::string>()));
  }
  out += fmt::format("<p class=\"note\">Prices: {} (as of {})</p>\n", esc(result["source"].get<std::string>()),
                     esc(result["as_of"].get<std::string>()));
  return out + "</details>\n";
}

// The chart, inline: the SVG document without its XML declaration.
std::string chart_section(const CurveReport& report, const RenderOptions& options) {
  std::string svg = render_curve_svg(report, options);
  if (svg.starts_with("<?xml")) {
    svg.erase(0, svg.find('\n') + 1);
  }
  // On a phone the chart keeps a readable width and scrolls inside its box, not the page.
  return "<section id=\"chart\" class=\"chart\">\n<h2>Chart</h2>\n<div class=\"scroll\">\n" + svg +
         "</div>\n</section>\n";
}

// "0 to 34.55M", "34.55M and above": a cheapest range, with its figures for programs.
std::string cheapest_list(const ordered_json& document, const std::string& at) {
  const ordered_json& ranges = document.at(ordered_json::json_pointer(at));
  std::string out = "<div class=\"scroll\"><table class=\"cheapest\">\n<thead><tr><th class=\"num\">From</th><th "
                    "class=\"num\">To</th><th>Cheapest</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const ordered_json& r = ranges[i];
    std::string pointer = fmt::format("{}/{}", at, i);
    out += fmt::format(
        "<tr>{}{}<td><code>{}</code></td></tr>\n",
        number_cell(count_of(r["from_requests"]), document, pointer + "/from_requests"),
        r["to_requests"].is_null()
            ? fmt::format("<td class=\"num\"{}>end of range</td>", data_of(document, pointer + "/to_requests"))
            : number_cell(count_of(r["to_requests"]), document, pointer + "/to_requests"),
        esc(r["offering"].get<std::string>()));
  }
  return out + "</tbody>\n</table></div>\n";
}

// Each pair's crossings, for the answer: where it breaks even and what is cheaper above.
std::string crossings_list(const ordered_json& document, const std::string& at) {
  const ordered_json& pairs = document.at(ordered_json::json_pointer(at));
  std::string out = "<ul class=\"crossings\">\n";
  std::size_t crossing = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const ordered_json& pair = pairs[i];
    if (pair["crossings"].empty()) {
      continue;
    }
    ++crossing;
    std::string pointer = fmt::format("{}/{}", at, i);
    out += fmt::format(
        "<li><code>{}</code> vs <code>{}</code>: break-even at <strong{}>{}</strong> requests/month "
        "(<span{}>{}</span> req/s); above it <code>{}</code> is cheaper</li>\n",
        esc(pair["a"].get<std::string>()), esc(pair["b"].get<std::string>()),
        data_of(document, pointer + "/break_even_requests_per_month"),
        esc(count_of(pair["break_even_requests_per_month"])), data_of(document, pointer + "/break_even_rps"),
        esc(pair["break_even_rps"].is_number() ? detail::rate_text(pair["break_even_rps"].get<double>()) : ""),
        esc(pair["cheaper_at_end"].is_string() ? pair["cheaper_at_end"].get<std::string>() : ""));
  }
  if (crossing == 0) {
    return "<p>No pair crosses in the range.</p>\n";
  }
  return out + "</ul>\n";
}

// Skipped and limited offerings, as the table lists them.
std::string skipped_notes(const std::vector<Skipped>& skipped, const std::vector<Skipped>& limited) {
  std::string out;
  for (const auto& s : skipped) {
    out += fmt::format("<p class=\"note\">Skipped <code>{}</code>: {}</p>\n", esc(s.offering), esc(s.reason));
  }
  for (const auto& s : limited) {
    out += fmt::format("<p class=\"note\">Limited <code>{}</code>: {}</p>\n", esc(s.offering), esc(s.reason));
  }
  return out;
}

std::vector<std::string> ids_with_figures(const std::vector<Estimate>& estimates) {
  std::vector<std::string> ids;
  for (const auto& e : estimates) {
    if (e.monthly_cost) {
      ids.push_back(e.offering_id);
    }
  }
  return ids;
}

std::string range_line(const RequestRange& range) {
  return fmt::format("<p class=\"scenario\"><strong>Range:</strong> {} to {} requests/month</p>\n",
                     esc(format_count(range.from)), esc(format_count(range.to)));
}

// A pair's crossings as a table, each figure pointing into the JSON document at `pointer`
// (`/pairs/0/crossings`); nothing when there are none.
std::string crossings_table(const ordered_json& crossings, const ordered_json& document, const std::string& pointer) {
  if (crossings.empty()) {
    return {};
  }
  std::string out =
      "<div class=\"scroll\"><table>\n<thead><tr><th class=\"num\">Requests/month</th><th "
      "class=\"num\">req/s</th><th class=\"num\">A</th><th class=\"num\">B</th><th>Cheaper after</th></tr>"
      "</thead>\n<tbody>\n";
  for (std::size_t c = 0; c < crossings.size(); ++c) {
    const ordered_json& x = crossings[c];
    std::string at = fmt::format("{}/{}", pointer, c);
    out += fmt::format("<tr>{}{}{}{}<td><code>{}</code></td></tr>\n",
                       number_cell(count_of(x["requests_per_month"]), document, at + "/requests_per_month"),
                       number_cell(detail::rate_text(x["rps"].get<double>()), document, at + "/rps"),
                       number_cell(money_of(x["a_monthly_cost"]), document, at + "/a_monthly_cost"),
                       number_cell(money_of(x["b_monthly_cost"]), document, at + "/b_monthly_cost"),
                       esc(x["cheaper_after"].get<std::string>()));
  }
  return out + "</tbody>\n</table></div>\n";
}

} // namespace

std::string detail::compare_html(const CompareReport& report, const RenderOptions& options) {
  ordered_json document = compare_json_document(report);
  std::string body =
      header("Monthly cost by offering", report.scenario, report.assumptions, ids_with_figures(report.results));
  // 2. The answer.
  body += "<section id=\"answer\">\n<h2>Answer</h2>\n<div class=\"answer\">\n";
  const Estimate* cheapest = report.cheapest();
  std::size_t cheapest_index = 0;
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    if (&report.results[i] == cheapest) {
      cheapest_index = i;
    }
  }
  if (cheapest) {
    std::string at = fmt::format("/results/{}/monthly_cost", cheapest_index);
    body += fmt::format("<p>Cheapest: <strong><code>{}</code></strong> ({})</p>\n<p class=\"big\"{}>{} a month</p>\n",
                        esc(cheapest->offering_id), esc(cheapest->offering_name), data_of(document, at),
                        esc(money_of(document.at(ordered_json::json_pointer(at)))));
  } else {
    body += "<p class=\"big\">No offering can serve this scenario.</p>\n";
  }
  body += "</div>\n</section>\n";
  // 3. No chart: one scenario is one point on each curve (`breakeven curve` draws them).
  // 4. The table.
  body += "<section id=\"table\">\n<h2>Comparison</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th "
          "class=\"num\">#</th><th>Offering</th><th>Kind</th><th class=\"num\">Instances</th><th "
          "class=\"num\">Monthly cost</th>";
  bool noted = std::any_of(report.results.begin(), report.results.end(),
                           [](const Estimate& e) { return !e.feasible && !e.notes.empty(); });
  body += noted ? "<th>Why not</th></tr></thead>\n<tbody>\n" : "</tr></thead>\n<tbody>\n";
  int rank = 0;
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const Estimate& e = report.results[i];
    std::string at = fmt::format("/results/{}", i);
    body +=
        fmt::format("<tr{}><td class=\"num\">{}</td><td><code>{}</code></td><td>{}</td><td "
                    "class=\"num\">{}</td>{}{}</tr>\n",
                    &e == cheapest ? " class=\"cheapest\"" : "", e.feasible ? fmt::format("{}", ++rank) : "-",
                    esc(e.offering_id), esc(to_string(e.kind)), e.instances ? fmt::format("{}", *e.instances) : "",
                    number_cell(money_of(document.at(ordered_json::json_pointer(at + "/monthly_cost"))), document,
                                at + "/monthly_cost"),
                    noted ? fmt::format("<td>{}</td>", e.feasible || e.notes.empty() ? "" : esc(e.notes.front())) : "");
  }
  body += "</tbody>\n</table></div>\n</section>\n";
  // 5. Line items.
  body += "<section id=\"line-items\">\n<h2>Line items</h2>\n";
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    if (report.results[i].feasible) {
      body += line_items_details(document, fmt::format("/results/{}", i), "");
    }
  }
  body += "</section>\n";
  body += prices_section(report.prices, report.results, options);
  return page("breakeven compare" + (report.scenario.name.empty() ? "" : ": " + report.scenario.name), body);
}

std::string detail::curve_html(const CurveReport& report, const RenderOptions& options) {
  ordered_json document = curve_json_document(report);
  std::vector<std::string> shown;
  for (const auto& s : report.series) {
    shown.push_back(s.offering);
  }
  std::string body = header("Monthly cost by requests per month", report.scenario, report.assumptions, shown,
                            range_line(report.range));
  body += "<section id=\"answer\">\n<h2>Answer</h2>\n<div class=\"answer\">\n<p>Cheapest by requests a month:</p>\n";
  body += cheapest_list(document, "/cheapest_ranges");
  body += crossings_list(document, "/crossings");
  body += "</div>\n" + skipped_notes(report.skipped, report.limited) + "</section>\n";
  if (!report.series.empty()) {
    body += chart_section(report, options);
  }
  body += "<section id=\"table\">\n<h2>Costs</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th "
          "class=\"num\">Requests/month</th><th class=\"num\">req/s</th>";
  for (const auto& s : report.series) {
    body += fmt::format("<th class=\"num\"><code>{}</code></th>", esc(s.offering));
  }
  body += "</tr></thead>\n<tbody>\n";
  double seconds = report.scenario.running_hours() * 3600.0;
  for (std::size_t i = 0; i < report.requests.size(); ++i) {
    body +=
        fmt::format("<tr>{}<td class=\"num\">{}</td>",
                    number_cell(format_count(report.requests[i]), document, fmt::format("/requests_per_month/{}", i)),
                    esc(rate_text(report.requests[i] / seconds)));
    for (std::size_t s = 0; s < report.series.size(); ++s) {
      body += number_cell(fmt::format("{}", Money{report.series[s].monthly_costs[i]}), document,
                          fmt::format("/series/{}/monthly_costs/{}", s, i));
    }
    body += "</tr>\n";
  }
  body += "</tbody>\n</table></div>\n</section>\n";
  // 5. A curve has no line items (`breakeven compare --breakdown` at a traffic has them); the
  // crossings of each pair are what there is to expand.
  body += "<section id=\"line-items\">\n<h2>Crossings by pair</h2>\n";
  const ordered_json& pairs = document["crossings"];
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const ordered_json& pair = pairs[p];
    body += fmt::format("<details>\n<summary><code>{}</code> vs <code>{}</code>: {} crossing{}</summary>\n",
                        esc(pair["a"].get<std::string>()), esc(pair["b"].get<std::string>()), pair["crossings"].size(),
                        pair["crossings"].size() == 1 ? "" : "s");
    body += fmt::format("<p class=\"note\">{}</p>\n", esc(pair["verdict"].get<std::string>()));
    body += crossings_table(pair["crossings"], document, fmt::format("/crossings/{}/crossings", p));
    body += "</details>\n";
  }
  body += "</section>\n";
  body += prices_section(report.prices, {}, options);
  return page("breakeven curve" + (report.scenario.name.empty() ? "" : ": " + report.scenario.name), body);
}

std::string detail::crossover_html(const CrossoverReport& report, const CurveReport* chart,
                                   const RenderOptions& options) {
  ordered_json document = crossover_json_document(report);
  std::vector<std::string> shown;
  for (const auto& pair : report.pairs) {
    for (const std::string* id : {&pair.a, &pair.b}) {
      if (std::find(shown.begin(), shown.end(), *id) == shown.end()) {
        shown.push_back(*id);
      }
    }
  }
  std::string body =
      header("Where offerings swap places", report.scenario, report.assumptions, shown, range_line(report.range));
  body += "<section id=\"answer\">\n<h2>Answer</h2>\n<div class=\"answer\">\n<p>Cheapest by requests a month:</p>\n";
  body += cheapest_list(document, "/cheapest_ranges");
  body += crossings_list(document, "/pairs");
  body += "</div>\n" + skipped_notes(report.skipped, report.limited) + "</section>\n";
  if (chart != nullptr && !chart->series.empty()) {
    body += chart_section(*chart, options);
  }
  body += "<section id=\"table\">\n<h2>Pairs</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>A</th><th>B</th>"
          "<th class=\"num\">Break-even (req/month)</th><th class=\"num\">req/s</th><th>Cheaper above</th>"
          "<th class=\"num\">Crossings</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < report.pairs.size(); ++i) {
    const ordered_json& pair = document["pairs"][i];
    std::string at = fmt::format("/pairs/{}", i);
    body += fmt::format(
        "<tr><td><code>{}</code></td><td><code>{}</code></td>{}{}<td><code>{}</code></td><td "
        "class=\"num\">{}</td></tr>\n",
        esc(report.pairs[i].a), esc(report.pairs[i].b),
        number_cell(count_of(pair["break_even_requests_per_month"]), document, at + "/break_even_requests_per_month"),
        number_cell(pair["break_even_rps"].is_number() ? rate_text(pair["break_even_rps"].get<double>()) : "", document,
                    at + "/break_even_rps"),
        esc(report.pairs[i].cheaper_at_end), report.pairs[i].crossings.size());
  }
  body += "</tbody>\n</table></div>\n</section>\n";
  body += "<section id=\"line-items\">\n<h2>Crossings by pair</h2>\n";
  for (std::size_t p = 0; p < report.pairs.size(); ++p) {
    const ordered_json& pair = document["pairs"][p];
    body += fmt::format("<details>\n<summary><code>{}</code> vs <code>{}</code>: {} crossing{}</summary>\n",
                        esc(report.pairs[p].a), esc(report.pairs[p].b), report.pairs[p].crossings.size(),
                        report.pairs[p].crossings.size() == 1 ? "" : "s");
    body += fmt::format("<p class=\"note\">{}</p>\n", esc(pair["verdict"].get<std::string>()));
    body += crossings_table(pair["crossings"], document, fmt::format("/pairs/{}/crossings", p));
    body += "</details>\n";
  }
  body += "</section>\n";
  body += prices_section(report.prices, {}, options);
  return page("breakeven crossover" + (report.scenario.name.empty() ? "" : ": " + report.scenario.name), body);
}

std::string detail::advice_html(const Portfolio& portfolio, const RenderOptions& options) {
  ordered_json document = advice_json_document(portfolio);
  bool many = portfolio.workloads.size() > 1;
  std::string body;
  std::vector<Estimate> estimates;
  for (std::size_t w = 0; w < portfolio.workloads.size(); ++w) {
    const Advice& advice = portfolio.workloads[w];
    std::string root = many ? fmt::format("/workloads/{}", w) : "";
    std::string anchor = many ? fmt::format("-{}", w + 1) : "";
    std::vector<std::string> ids;
    for (const auto& o : advice.options) {
      ids.push_back(o.estimate.offering_id);
      estimates.push_back(o.estimate);
    }
    body += many ? fmt::format("<article id=\"workload{}\">\n", anchor) : "";
    body += header(
        many ? fmt::format("Workload {}: {}", w + 1, advice.scenario.name) : "Which option to run on", advice.scenario,
        advice.assumptions, ids,
        fmt::format("<p class=\"scenario\"><strong>Traffic pattern:</strong> {}</p>\n", esc(advice.traffic_pattern)));
    body += fmt::format("<section id=\"answer{}\">\n<h2>Answer</h2>\n<div class=\"answer\">\n", anchor);
    if (advice.shortlisted > 0) {
      std::string at = root + "/options/0/monthly_cost";
      body += fmt::format("<p>Pick: <strong><code>{}</code></strong></p>\n<p class=\"big\"{}>{} a month</p>\n",
                          esc(advice.options.front().estimate.offering_id), data_of(document, at),
                          esc(money_of(document.at(ordered_json::json_pointer(at)))));
    } else {
      body += "<p class=\"big\">No option passes every question.</p>\n";
    }
    body += fmt::format("<p>{}</p>\n</div>\n</section>\n", esc(advice.recommendation));
    body += fmt::format("<section id=\"table{}\">\n<h2>Options</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th "
                        "class=\"num\">Rank</th><th>Offering</th><th>Kind</th><th class=\"num\">Monthly</th><th>Ruled "
                        "out by</th></tr></thead>\n<tbody>\n",
                        anchor);
    for (std::size_t i = 0; i < advice.options.size(); ++i) {
      const AdvisedOption& o = advice.options[i];
      std::string at = fmt::format("{}/options/{}", root, i);
      body += fmt::format("<tr{}><td class=\"num\">{}</td><td><code>{}</code></td><td>{}</td>{}<td>{}</td></tr>\n",
                          i == 0 && advice.shortlisted > 0 ? " class=\"cheapest\"" : "",
                          o.ruled_out_by ? "-" : fmt::format("{}", i + 1), esc(o.estimate.offering_id),
                          esc(to_string(o.estimate.kind)),
                          number_cell(money_of(document.at(ordered_json::json_pointer(at + "/monthly_cost"))), document,
                                      at + "/monthly_cost"),
                          o.ruled_out_by ? esc(to_string(*o.ruled_out_by)) : "");
    }
    body += "</tbody>\n</table></div>\n</section>\n";
    body += fmt::format("<section id=\"line-items{}\">\n<h2>Each option</h2>\n", anchor);
    for (std::size_t i = 0; i < advice.options.size(); ++i) {
      const AdvisedOption& o = advice.options[i];
      // The questions first; then the estimate's line items, figures the advise JSON does not hold.
      std::string answers = "<ul class=\"answers\">\n";
      for (const auto& a : o.answers) {
        answers += fmt::format("<li><strong>{}</strong> ({}): {}</li>\n", esc(to_string(a.question)),
                               esc(to_string(a.verdict)), esc(a.reason));
      }
      answers += "</ul>\n";
      // With a warm fix the option is ranked at its cost with it: those are the items shown.
      ordered_json one{{"option", estimate_json(o.warm_fix ? o.warm_fix->estimate : o.estimate)}};
      std::string heading = o.warm_fix ? fmt::format("Line items with the warm capacity latency needs, {}: the "
                                                     "cost the option is ranked at.",
                                                     describe(*o.warm_fix))
                                       : "Line items at the scenario as given.";
      body += line_items_details(one, "/option", heading, false, answers);
    }
    body += "</section>\n";
    body += many ? "</article>\n" : "";
  }
  if (many) {
    body += "<section id=\"portfolio\">\n<h2>Portfolio</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Workload"
            "</th><th>Pick</th><th class=\"num\">Monthly</th></tr></thead>\n<tbody>\n";
    for (std::size_t w = 0; w < portfolio.workloads.size(); ++w) {
      const Advice& advice = portfolio.workloads[w];
      bool any = advice.shortlisted > 0;
      body += fmt::format("<tr><td>{}</td><td><code>{}</code></td>{}</tr>\n", esc(advice.scenario.name),
                          any ? esc(advice.options.front().estimate.offering_id) : "none",
                          any ? number_cell(money_of(document["workloads"][w]["options"][0]["monthly_cost"]), document,
                                            fmt::format("/workloads/{}/options/0/monthly_cost", w))
                              : "<td class=\"num\">n/a</td>");
    }
    body += fmt::format(
        "</tbody>\n<tfoot><tr><td colspan=\"2\">Total</td>{}</tr></tfoot>\n</table></div>\n</section>\n",
        number_cell(portfolio.monthly_total ? money_of(document["monthly_total"]) : "n/a (a workload has no pick)",
                    document, "/monthly_total"));
  }
  body += prices_section(portfolio.prices, estimates, options);
  return page("breakeven advise", body);
}

} // namespace breakeven
