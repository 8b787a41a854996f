#include <breakeven/render.hpp>

#include "render_ranges.hpp"

#include <breakeven/error.hpp>
#include <breakeven/money.hpp>
#include <breakeven/text.hpp>

#include "render_documents.hpp"
#include "render_parts.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <span>
#include <stdexcept>

namespace breakeven {
namespace {

using namespace detail;
using nlohmann::ordered_json;

// The start of every command's JSON document: the output schema's version and the command.
ordered_json document_root(std::string_view command) {
  ordered_json root;
  root["schema_version"] = k_output_schema_version;
  root["command"] = command;
  return root;
}

// Numbers for programs: no currency sign or grouping, and no binary-float noise
// (18.737000000000002 is written 18.737). Twelve significant digits keep sub-cent precision.
// Total: -0 becomes 0, subnormals are kept as they are (they hold fewer digits anyway), and
// infinity and NaN pass through, for the JSON writer to write as null.
double clean(double value) {
  if (!std::isnormal(value)) {
    return value == 0 ? 0.0 : value;
  }
  std::array<char, 32> buffer{};
  auto written = fmt::format_to_n(buffer.data(), buffer.size(), "{:.12g}", value);
  double rounded = value;
  std::from_chars(buffer.data(), written.out, rounded); // leaves `rounded` alone if out of range
  return rounded;
}

// A number in a CSV or TSV field: empty, like any unknown value, for infinity and NaN, which a
// sound model never produces and which no program reading the file would expect.
std::string plain_number(double value) {
  return std::isfinite(value) ? fmt::format("{}", clean(value)) : std::string{};
}

std::string grouped_integer(double value) {
  if (!std::isfinite(value)) {
    return std::string(detail::k_not_a_price);
  }
  std::string grouped = group_digits(format_fixed(std::fabs(value), 0));
  return value < 0 && grouped != "0" ? "-" + grouped : grouped;
}

// 1,100,000 or 2,190 or 0.0417: whole numbers grouped, fractions with up to four decimals.
std::string format_quantity(double value) {
  if (!std::isfinite(value)) {
    return std::string(detail::k_not_a_price);
  }
  double whole = std::round(value);
  if (std::fabs(value - whole) < 1e-6 * std::max(1.0, std::fabs(value))) {
    return grouped_integer(whole);
  }
  // Rounded once, as text, so that 2.99999 is "3" and -0.5 keeps its sign.
  std::string text = fmt::format("{:.4f}", std::fabs(value));
  auto dot = text.find('.');
  std::string fraction = text.substr(dot);
  fraction.erase(fraction.find_last_not_of('0') + 1);
  if (fraction == ".") {
    fraction.clear();
  }
  std::string grouped = group_digits(std::string_view(text).substr(0, dot));
  return (value < 0 && (grouped != "0" || !fraction.empty()) ? "-" : "") + grouped + fraction;
}

// CSV and TSV share one writer; only the separator differs. It writes into its own string, or
// appends to one it is given (a stream's rows, written by the million, into one buffer).
class DelimitedWriter {
public:
  explicit DelimitedWriter(char separator, std::string* append_to = nullptr)
      : m_separator(separator), m_out(append_to != nullptr ? *append_to : m_own) {
    if (append_to == nullptr) {
      m_own.reserve(k_initial_bytes); // a summary row or two without growing
    }
  }
  DelimitedWriter(const DelimitedWriter&) = delete;
  DelimitedWriter& operator=(const DelimitedWriter&) = delete;

  void row(const std::vector<std::string>& cells) {
    for (const auto& cell : cells) {
      field(cell);
    }
    end_row();
  }

  // A row a field at a time, for rows written by the million: no cells to build first.
  void field(std::string_view text) {
    if (m_fields++ > 0) {
      m_out += m_separator;
    }
    detail::append_delimited_field(m_out, text, m_separator);
  }
  void end_row() {
    m_out += m_separator == ',' ? "\r\n" : "\n";
    m_fields = 0;
  }

  // What was written into its own string.
  std::string take() { return std::move(m_own); }

private:
  static constexpr std::size_t k_initial_bytes = 256;
  char m_separator;
  std::size_t m_fields = 0; // in the row being written
  std::string m_own;
  std::string& m_out;
};

// Text in a Markdown table or list: pipes escaped, a newline read as a space, and other
// control characters made visible (escape_controls).
std::string markdown_escape(std::string_view text) {
  std::string out;
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), '\n', ' ');
  for (char c : escape_controls(spaced)) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& cell : cells) {
    out += " " + markdown_escape(cell) + " |";
  }
  return out + "\n";
}

// 19 req/s, 0.0034 req/s: a rate to three significant digits, in exponent form only below
// 10^-9 req/s (a few requests a century), where the decimals would run on.
std::string format_rate(double rps) {
  if (rps >= 100 || rps == 0 || !std::isfinite(rps)) {
    return grouped_integer(rps);
  }
  if (std::fabs(rps) < 1e-9) {
    return fmt::format(FMT_COMPILE("{:.3g}"), rps);
  }
  int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(rps))));
  return format_fixed(rps, decimals);
}

// "per request", "per hour", "per GB-s": units are stored plural where they count things.
std::string per_unit(std::string_view unit) {
  std::string text(unit);
  if (text.ends_with('s') && !text.ends_with("-s")) {
    text.pop_back();
  }
  return text;
}

} // namespace

std::string detail::scenario_summary(const Scenario& s) {
  std::vector<std::string> parts;
  if (s.requests_per_month || s.rps || !s.profile.empty()) {
    parts.push_back(
        fmt::format("{} requests/month ({} req/s average", format_count(s.requests()), format_rate(s.average_rps())));
    if (s.peak_to_average != 1) {
      parts.back() += fmt::format(", peak x{:g}", s.peak_to_average);
    }
    if (!s.profile.empty()) {
      parts.back() += fmt::format(", {}-hour profile peaking at x{:.3g}", s.profile.size(), s.peak_factor());
    }
    parts.back() += ")";
  } else if (s.peak_to_average != 1) {
    parts.push_back(fmt::format("peak x{:g} the average", s.peak_to_average));
  }
  parts.push_back(fmt::format("{} per request", format_duration_ms(s.duration_ms)));
  if (s.cpu_ms) {
    parts.push_back(fmt::format("{} CPU", format_duration_ms(*s.cpu_ms)));
  }
  parts.push_back(fmt::format("{:g} MB", s.memory_mb));
  if (s.task_vcpu || s.task_memory_mb) {
    parts.push_back(fmt::format("tasks of {} vCPU / {} MB", s.task_vcpu ? fmt::format("{:g}", *s.task_vcpu) : "default",
                                s.task_memory_mb ? fmt::format("{:g}", *s.task_memory_mb) : "default"));
  }
  if (s.ephemeral_storage_gb) {
    parts.push_back(fmt::format("{:g} GB ephemeral storage", *s.ephemeral_storage_gb));
  }
  if (s.min_instances) {
    parts.push_back(fmt::format("at least {} instances", *s.min_instances));
  }
  if (s.concurrency) {
    parts.push_back(fmt::format("concurrency {:g}", *s.concurrency));
  }
  if (s.node_type) {
    parts.push_back(fmt::format("nodes {}", *s.node_type));
  }
  if (s.disk_type) {
    parts.push_back(fmt::format("{} volumes", *s.disk_type));
  }
  for (const auto& addon : s.addons) {
    parts.push_back(fmt::format("+ {}", addon));
  }
  parts.push_back(fmt::format("free tier {}", s.free_tier ? "on" : "off"));
  if (s.hours_per_day || s.days_per_week) {
    parts.push_back(fmt::format("{} h/day from {:02}:00, {} days/week ({:.4g} of {:g} h/month)",
                                s.hours_per_day.value_or(24), s.start_hour, s.days_per_week.value_or(7),
                                s.running_hours(), s.month_hours));
  } else if (s.hours_per_month) {
    parts.push_back(fmt::format("{:g} of {:g} h/month", *s.hours_per_month, s.month_hours));
  } else {
    parts.push_back(fmt::format("{:g} h/month", s.month_hours));
  }
  if (s.provisioned_concurrency) {
    parts.push_back(fmt::format("provisioned concurrency {}", *s.provisioned_concurrency));
  }
  for (const auto& [kind, hours] : s.ops_hours) {
    parts.push_back(
        fmt::format("{:g} engineer-hours/month per {} at {}/h", hours, kind, Money{s.hourly_rate.value_or(0.0)}));
  }
  parts.push_back(fmt::format("{:g}% target utilisation", s.utilization * 100));
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    text += (i == 0 ? "" : ", ") + parts[i];
  }
  text = s.name.empty() ? text : fmt::format("{}: {}", s.name, text);
  return escape_controls(text); // the name, node type and add-ons are the user's text
}

// One line per assumption, not yet escaped: "assumed: cpu_ms 34.7 ms for aws.lambda.arm: why".
// The offerings are named only when the assumption does not hold for every offering the report
// has figures for (`shown`): a line without them holds for all.
std::vector<std::string> detail::assumption_lines(const std::vector<Assumption>& assumptions,
                                                  const std::vector<std::string>& shown) {
  std::vector<std::string> lines;
  for (const auto& a : assumptions) {
    std::string value = a.value.empty() && a.number ? fmt::format("{:g}", *a.number) : a.value;
    bool everywhere = std::all_of(shown.begin(), shown.end(), [&a](const std::string& id) {
      return std::find(a.offerings.begin(), a.offerings.end(), id) != a.offerings.end();
    });
    std::string where;
    if (a.per_offering) {
      // the value names its offerings already
    } else if (!everywhere && a.offerings.size() <= 3) {
      for (std::size_t i = 0; i < a.offerings.size(); ++i) {
        where += (i == 0 ? " for " : ", ") + a.offerings[i];
      }
    } else if (!everywhere) {
      where = fmt::format(" for {} offerings", a.offerings.size());
    }
    lines.push_back(fmt::format("assumed: {}{}{}{}: {}", a.field, value.empty() ? "" : " ", value, where, a.why));
  }
  return lines;
}

// The assumption lines of a table, escaped like the summary above them.
std::string detail::assumptions_text(const std::vector<Assumption>& assumptions,
                                     const std::vector<std::string>& shown) {
  std::string out;
  for (const auto& line : assumption_lines(assumptions, shown)) {
    out += escape_controls(line) + "\n";
  }
  return out;
}

namespace {
using namespace detail;

// The assumptions as a Markdown list, with the blank line that ends it; nothing when there are none.
std::string assumptions_markdown(const std::vector<Assumption>& assumptions, const std::vector<std::string>& shown) {
  std::string out;
  for (const auto& line : assumption_lines(assumptions, shown)) {
    out += "- " + markdown_escape(line) + "\n";
  }
  return out.empty() ? out : out + "\n";
}

// The offerings a compare report has figures for: its feasible results.
std::vector<std::string> offerings_shown(const CompareReport& report) {
  std::vector<std::string> ids;
  for (const auto& e : report.results) {
    if (e.monthly_cost) {
      ids.push_back(e.offering_id);
    }
  }
  return ids;
}

// The offerings a crossover report has figures for: those in its pairs.
std::vector<std::string> offerings_shown(const CrossoverReport& report) {
  std::vector<std::string> ids;
  for (const auto& pair : report.pairs) {
    for (const std::string* id : {&pair.a, &pair.b}) {
      if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
        ids.push_back(*id);
      }
    }
  }
  return ids;
}

// The offerings a curve report has figures for: its series.
std::vector<std::string> offerings_shown(const CurveReport& report) {
  std::vector<std::string> ids;
  for (const auto& series : report.series) {
    ids.push_back(series.offering);
  }
  return ids;
}

std::string instances_text(const Estimate& e) {
  return e.instances ? fmt::format("{}", *e.instances) : "";
}

std::string versus_cheapest(const Estimate& e, const Estimate* cheapest) {
  if (!e.monthly_cost || !cheapest) {
    return "";
  }
  if (&e == cheapest) {
    return "cheapest";
  }
  // The difference of the amounts as printed, so that the columns add up to the cent.
  auto to_cents = [](double dollars) { return std::round(dollars * 100.0) / 100.0; };
  double extra = to_cents(*e.monthly_cost) - to_cents(*cheapest->monthly_cost);
  double ratio = *e.monthly_cost / *cheapest->monthly_cost;
  if (*cheapest->monthly_cost > 0 && std::isfinite(ratio)) { // $1e30 over $1e-300 has no ratio to show
    return fmt::format("+{} (x{:.2f})", Money{extra}, ratio);
  }
  return fmt::format("+{}", Money{extra});
}

std::string cost_text_of(const std::optional<double>& cost) {
  return cost ? fmt::format("{}", Money{*cost}) : "infeasible";
}

std::string cost_text(const Estimate& e) {
  return cost_text_of(e.monthly_cost);
}

std::string first_note(const Estimate& e) {
  return e.notes.empty() ? "" : e.notes.front();
}

// An estimate's line item costs as printed beside its total, in every format: whole cents that
// add up exactly to the total as printed (apportion_cents: the total is the exact sum rounded
// to the cent; each item is within a cent of quantity x unit price). Nothing where cents cannot
// be kept: an infeasible estimate, figures from 2^53 cents, or an estimate built by hand whose
// total is not the sum of its items; those items are printed each on its own, as they are.
std::optional<std::vector<long long>> item_cents(const Estimate& e) {
  if (!e.monthly_cost) {
    return std::nullopt;
  }
  std::vector<double> amounts;
  amounts.reserve(e.line_items.size());
  for (const auto& item : e.line_items) {
    amounts.push_back(item.cost);
  }
  auto cents = apportion_cents(amounts);
  if (!cents ||
      static_cast<double>(std::accumulate(cents->begin(), cents->end(), 0LL)) != std::round(*e.monthly_cost * 100.0)) {
    return std::nullopt;
  }
  return cents;
}

// A line item's cost for people: its apportioned cents when there are some.
std::string item_cost_text(const Estimate& e, const std::optional<std::vector<long long>>& cents, std::size_t i) {
  return cents ? fmt::format("{}", Cents{(*cents)[i]}) : fmt::format("{}", Money{e.line_items[i].cost});
}

// Cents as a plain number for CSV and TSV, exactly, in the style of plain_number: 1642 is
// 16.42, 480 is 4.8, 7300 is 73.
std::string cents_number(long long cents) {
  unsigned long long magnitude =
      cents < 0 ? 0ULL - static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
  std::array<char, 32> text{}; // "-", 20 digits, "." and two more: built here, copied once
  std::size_t size = 0;
  if (cents < 0) {
    text[size++] = '-';
  }
  fmt::format_int whole(magnitude / 100);
  std::copy_n(whole.data(), whole.size(), text.data() + size);
  size += whole.size();
  unsigned fraction = static_cast<unsigned>(magnitude % 100);
  if (fraction != 0) {
    text[size++] = '.';
    text[size++] = static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) {
      text[size++] = static_cast<char>('0' + fraction % 10);
    }
  }
  return {text.data(), size};
}

// An estimate's total for CSV and TSV: the cents its line items add up to (as JSON and the
// tables print it), or the exact figure where cents cannot be kept.
std::string total_text(const Estimate& e) {
  if (!e.monthly_cost) {
    return "";
  }
  // The sum of item_cents(e), without apportioning them; the amounts on the stack for the
  // usual handful of line items (CSV rows are written by the million).
  constexpr std::size_t k_on_stack = 16;
  std::array<double, k_on_stack> few{};
  std::vector<double> many;
  std::span<double> amounts(few.data(), e.line_items.size());
  if (e.line_items.size() > k_on_stack) {
    many.resize(e.line_items.size());
    amounts = many;
  }
  std::transform(e.line_items.begin(), e.line_items.end(), amounts.begin(),
                 [](const LineItem& item) { return item.cost; });
  auto total = apportioned_total(amounts);
  if (!total || static_cast<double>(*total) != std::round(*e.monthly_cost * 100.0)) {
    return plain_number(*e.monthly_cost);
  }
  return cents_number(*total);
}

std::string line_items_table(const Estimate& e, bool color) {
  TextTable table({"ITEM", "QUANTITY", "UNIT", "UNIT PRICE", "COST"}, {false, true, false, true, true});
  auto cents = item_cents(e);
  for (std::size_t i = 0; i < e.line_items.size(); ++i) {
    const auto& item = e.line_items[i];
    table.add({item.name, format_quantity(item.quantity), item.unit, fmt::format("{}", UnitPrice{item.unit_price}),
               item_cost_text(e, cents, i)});
  }
  table.add({"Total", "", "", "", cost_text(e)}, k_bold);
  return table.render(color, "    ");
}

// What an estimate's capacity does at its traffic, under its line items: provisioned
// concurrency's use against its break-even, and cold starts.
std::string usage_lines(const Estimate& e) {
  std::string out;
  if (const auto& pc = e.provisioned_concurrency) {
    out += fmt::format("    provisioned concurrency: {} environments for {:g} h a month serve {} of requests, {} of "
                       "their time used{}\n",
                       pc->count, pc->hours, format_percent(pc->served_share), format_percent(pc->utilization),
                       pc->break_even_utilization ? fmt::format(" (cheaper than on demand above {})",
                                                                format_percent(*pc->break_even_utilization))
                                                  : std::string{});
  }
  if (const auto& cold = e.cold_starts; cold && cold->per_month >= 0.5) { // at least one, rounded
    out += fmt::format("    cold starts: {} a month ({} of on-demand requests){}\n", format_count(cold->per_month),
                       format_percent(cold->share),
                       cold->init_ms > 0
                           ? fmt::format(", {} INIT each billed as duration", format_duration_ms(cold->init_ms))
                           : std::string{});
  }
  return out;
}

// "4h@500, 20h@5 req/s": a profile as the user writes it, consecutive equal hours merged; in
// requests per second when the profile alone gives the traffic, else the shape of the month's.
std::string profile_text(const Scenario& s) {
  std::string text;
  for (std::size_t i = 0; i < s.profile.size();) {
    std::size_t end = i;
    while (end < s.profile.size() && s.profile[end] == s.profile[i]) {
      ++end;
    }
    text += fmt::format("{}{}h@{}", i == 0 ? "" : ", ", end - i, s.profile[i]);
    i = end;
  }
  bool rates = !s.requests_per_month && !s.rps;
  return text + (rates ? " req/s" : " (relative: the shape of the month's requests)");
}

// "11 x m7g.large for 4 of 24 h; 1 for 20 of 24 h": what an estimate runs when, in the profile's
// hours (a day or a week) when there is one, else the month's. Neighbouring pools of the same
// count are one run of hours.
std::string capacity_text(const Estimate& e, const Scenario& s) {
  std::vector<CapacityEntry> runs;
  for (const auto& c : e.capacity) {
    if (!runs.empty() && runs.back().label == c.label && runs.back().kind == c.kind &&
        runs.back().instances == c.instances) {
      runs.back().weight += c.weight;
    } else {
      runs.push_back(c);
    }
  }
  // A pool's weight is its share of the hours it can run: provisioned capacity the schedule's,
  // busy instances the month's (see CostModel). A day's profile on fewer than 7 days a week is a
  // week's.
  std::size_t cycle = s.profile.size() == 24 && s.days_per_week.value_or(7) < 7 ? 168 : s.profile.size();
  double running = 0;
  for (std::size_t hour = 0; hour < cycle; ++hour) {
    running += s.runs_in_hour(hour) ? 1 : 0;
  }
  std::string text;
  const std::string* label = nullptr;
  bool busy = false;
  for (const auto& c : runs) {
    bool scheduled = c.kind == CapacityPool::Kind::provisioned;
    std::string hours =
        s.profile.empty()
            ? fmt::format("{} h/month", format_quantity(c.weight * (scheduled ? s.running_hours() : s.month_hours)))
            : fmt::format("{} of {} h", format_quantity(c.weight * (scheduled ? running : static_cast<double>(cycle))),
                          cycle);
    // A few busy requests a month keep a sliver of an instance busy: 3.8e-05, not 0.
    std::string count =
        c.instances > 0 && c.instances < 5e-5 ? fmt::format("{:.2g}", c.instances) : format_quantity(c.instances);
    text += fmt::format("{}{}{} for {}", text.empty() ? "" : "; ", count,
                        label && *label == c.label ? "" : " x " + c.label, hours);
    label = &c.label;
    busy = busy || c.kind == CapacityPool::Kind::busy;
  }
  return busy ? text + " (instances busy on average)" : text;
}

std::string_view to_string(CapacityPool::Kind kind) {
  switch (kind) {
  case CapacityPool::Kind::provisioned:
    return "provisioned";
  case CapacityPool::Kind::busy:
    return "busy";
  case CapacityPool::Kind::capped:
    return "provisioned-concurrency-busy";
  case CapacityPool::Kind::idle:
    return "idle";
  }
  return "busy";
}

std::string compare_table(const CompareReport& report, const RenderOptions& options) {
  std::string out =
      fmt::format("{}\n{}{}\n", wrap_lines(scenario_summary(report.scenario), options.width, 2),
                  wrap_lines(assumptions_text(report.assumptions, offerings_shown(report)), options.width, 4),
                  report.ranges ? wrap_lines(detail::ranges_text(*report.ranges), options.width, 4) : "");
  const Estimate* cheapest = report.cheapest();
  bool banded = !report.bands.empty(); // MONTHLY becomes LOW, EXPECTED, HIGH, P(CHEAPEST)
  std::vector<std::string> money_headers = banded ? detail::band_headers() : std::vector<std::string>{"MONTHLY"};
  std::vector<std::string> headers{"OFFERING", "KIND", "INSTANCES"};
  headers.insert(headers.end(), money_headers.begin(), money_headers.end());
  headers.insert(headers.end(), {"VS CHEAPEST", "NOTE"});
  std::vector<bool> right{false, false, true};
  right.insert(right.end(), money_headers.size(), true);
  right.insert(right.end(), {false, false});
  TextTable table(headers, right);
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const Estimate& e = report.results[i];
    std::string style = &e == cheapest ? std::string(k_green) : (!e.feasible ? std::string(k_dim) : "");
    std::string note = e.feasible ? (e.warnings.empty() ? "" : e.warnings.front()) : first_note(e);
    std::vector<std::string> money = banded ? detail::band_cells(report.bands[i]) : std::vector{cost_text(e)};
    if (banded && note.empty()) {
      note = detail::band_note(report.bands[i]);
    }
    std::vector<std::string> row{e.offering_id, std::string(to_string(e.kind)), instances_text(e)};
    row.insert(row.end(), money.begin(), money.end());
    row.insert(row.end(), {versus_cheapest(e, cheapest), note});
    table.add(row, style);
  }
  table.fit(options.width);
  out += table.render(options.color);
  if (options.breakdown && !report.scenario.profile.empty()) {
    out += fmt::format("\nprofile: {}\n", profile_text(report.scenario));
  }
  if (options.breakdown) {
    for (const auto& e : report.results) {
      out += fmt::format("\n{}{}{} ({}): {}\n", options.color ? k_bold : "", escape_controls(e.offering_id),
                         options.color ? k_reset : "", escape_controls(e.offering_name), cost_text(e));
      out += fmt::format("    prices: {} (as of {})\n", escape_controls(e.source), escape_controls(e.as_of));
      if (e.feasible) {
        out += line_items_table(e, options.color);
        out += usage_lines(e);
      }
      if (!e.capacity.empty()) {
        out += fmt::format("    capacity: {}\n", escape_controls(capacity_text(e, report.scenario)));
      }
      for (const auto& note : e.notes) {
        out += fmt::format("    note: {}\n", escape_controls(note));
      }
    }
  }
  return out;
}

// What a CSV or TSV row says beside its figures: what is this row's own and can change a
// ranking, the reasons it is infeasible and its warnings, joined with "; ". An offering's
// standing notes, the same on every row, are in JSON, tables and Markdown.
std::string row_notes(const Estimate& e) {
  std::string notes;
  for (const auto* list : {&e.infeasible_reasons, &e.warnings}) {
    for (const auto& note : *list) {
      notes += notes.empty() ? "" : "; ";
      notes += note;
    }
  }
  return notes;
}

// Appends to `out` when given, else returns the text.
std::string compare_delimited(const CompareReport& report, const RenderOptions& options, char separator,
                              bool header = true, std::string* out = nullptr) {
  DelimitedWriter writer(separator, out);
  if (options.breakdown) {
    if (header) {
      writer.row({"scenario", "offering", "kind", "item", "quantity", "unit", "unit_price", "cost"});
    }
    for (const auto& e : report.results) {
      auto cents = item_cents(e);
      for (std::size_t i = 0; i < e.line_items.size(); ++i) {
        const auto& item = e.line_items[i];
        writer.row({report.scenario.name, e.offering_id, std::string(to_string(e.kind)), item.name,
                    plain_number(item.quantity), item.unit, plain_number(item.unit_price),
                    cents ? cents_number((*cents)[i]) : plain_number(item.cost)});
      }
    }
    return writer.take();
  }
  bool banded = !report.bands.empty(); // four more columns at the end
  if (header) {
    std::vector<std::string> names{"scenario",     "offering", "kind",      "provider",
                                   "monthly_cost", "feasible", "instances", "notes"};
    if (banded) {
      auto more = detail::band_delimited_headers();
      names.insert(names.end(), more.begin(), more.end());
    }
    writer.row(names);
  }
  for (std::size_t r = 0; r < report.results.size(); ++r) {
    const Estimate& e = report.results[r];
    writer.field(report.scenario.name);
    writer.field(e.offering_id);
    writer.field(to_string(e.kind));
    writer.field(e.provider);
    writer.field(total_text(e));
    writer.field(e.feasible ? "true" : "false");
    writer.field(e.instances ? fmt::format_int(*e.instances).str() : "");
    writer.field(row_notes(e));
    if (banded) {
      for (const auto& cell : detail::band_delimited_cells(report.bands[r])) {
        writer.field(cell);
      }
    }
    writer.end_row();
  }
  return writer.take();
}

// A JSON document as text (`indent` -1 for one line). Strings that are not UTF-8 (a flag's
// value can be anything) become U+FFFD rather than an exception; numbers that are not finite
// are written as null by the library.
std::string json_text(const ordered_json& document, int indent, bool newline = true) {
  std::string text = document.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
  if (newline) {
    text += '\n';
  }
  return text;
}

ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(clean(*value)) : ordered_json(nullptr);
}

ordered_json scenario_json(const Scenario& s) {
  ordered_json j;
  j["name"] = s.name;
  j["requests_per_month"] = clean(s.requests());
  j["average_rps"] = clean(s.average_rps());
  j["duration_ms"] = s.duration_ms;
  j["memory_mb"] = s.memory_mb;
  j["cpu_ms"] = s.effective_cpu_ms();
  j["peak_to_average"] = s.peak_to_average;
  j["utilization"] = s.utilization;
  j["min_instances"] = s.min_instances ? ordered_json(*s.min_instances) : ordered_json(nullptr);
  j["free_tier"] = s.free_tier;
  j["month_hours"] = s.month_hours;
  j["hours_per_month"] = clean(s.running_hours());
  j["hours_per_day"] = s.hours_per_day ? ordered_json(*s.hours_per_day) : ordered_json(nullptr);
  j["days_per_week"] = s.days_per_week ? ordered_json(*s.days_per_week) : ordered_json(nullptr);
  j["start_hour"] = s.start_hour;
  j["task_vcpu"] = optional_number(s.task_vcpu);
  j["task_memory_mb"] = optional_number(s.task_memory_mb);
  j["ephemeral_storage_gb"] = optional_number(s.ephemeral_storage_gb);
  j["concurrency"] = optional_number(s.concurrency);
  j["response_kb"] = s.response_kb;
  j["request_kb"] = s.request_kb;
  j["egress_gb_per_month"] = s.egress_gb_per_month;
  j["nat_gb_per_month"] = s.nat_gb_per_month;
  j["cpu_credit_hours"] = optional_number(s.cpu_credit_hours);
  j["disk_gb"] = optional_number(s.disk_gb);
  j["requests_per_connection"] = s.requests_per_connection;
  j["rps_per_instance"] = optional_number(s.rps_per_instance);
  j["node_type"] = s.node_type ? ordered_json(*s.node_type) : ordered_json(nullptr);
  j["disk_type"] = s.disk_type ? ordered_json(*s.disk_type) : ordered_json(nullptr);
  j["addons"] = s.addons;
  ordered_json components = ordered_json::object();
  for (const auto& [id, count] : s.components) {
    components[id] = count;
  }
  j["components"] = std::move(components);
  j["profile"] = s.profile;
  j["scaling"] = s.scaling ? ordered_json(std::string(to_string(*s.scaling))) : ordered_json(nullptr);
  j["max_instances"] = s.max_instances ? ordered_json(*s.max_instances) : ordered_json(nullptr);
  j["provisioned_concurrency"] =
      s.provisioned_concurrency ? ordered_json(*s.provisioned_concurrency) : ordered_json(nullptr);
  j["provisioned_hours"] = optional_number(s.provisioned_hours);
  j["provisioned_share"] = optional_number(s.provisioned_share);
  j["cold_start_share"] = optional_number(s.cold_start_share);
  j["init_ms"] = optional_number(s.init_ms);
  j["keep_warm_minutes"] = optional_number(s.keep_warm_minutes);
  ordered_json ops = ordered_json::object();
  for (const auto& [kind, hours] : s.ops_hours) {
    ops[kind] = clean(hours);
  }
  j["ops_hours"] = std::move(ops);
  j["hourly_rate"] = optional_number(s.hourly_rate);
  j["interruptible"] = s.interruptible;
  j["static_share"] = s.static_share;
  return j;
}

// `{"field": "cpu_ms", "value": 34.7, "why": "...", "offerings": [...]}` per assumption; the
// value is the number when there is one, else the text.
ordered_json assumptions_json(const std::vector<Assumption>& assumptions) {
  ordered_json list = ordered_json::array();
  for (const auto& a : assumptions) {
    list.push_back({{"field", a.field},
                    {"value", a.number ? ordered_json(clean(*a.number)) : ordered_json(a.value)},
                    {"why", a.why},
                    {"offerings", a.offerings}});
  }
  return list;
}

ordered_json result_json(const Estimate& e);

ordered_json compare_document(const CompareReport& report) {
  ordered_json root = document_root("compare");
  root["scenario"] = scenario_json(report.scenario);
  root["assumptions"] = assumptions_json(report.assumptions);
  const Estimate* cheapest = report.cheapest();
  root["cheapest"] = cheapest ? ordered_json(cheapest->offering_id) : ordered_json(nullptr);
  if (report.ranges) {
    root["ranges"] = detail::ranges_json(*report.ranges);
  }
  ordered_json results = ordered_json::array();
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    results.push_back(result_json(report.results[i]));
    if (!report.bands.empty()) {
      detail::add_band_json(results.back(), report.bands[i]);
    }
  }
  root["results"] = std::move(results);
  return root;
}

// Below 10^15 cents a number of cents over 100 is written back as the same decimal (a double
// keeps 15 significant digits through text); from there JSON keeps its twelve digits, as before.
constexpr double k_max_json_cents = 1e15;

ordered_json result_json(const Estimate& e) {
  // Money in cents, like the tables: the line items' costs add up to monthly_cost as written
  // (item_cents). The exact cost of an item is still its quantity x unit_price.
  auto cents = item_cents(e);
  if (cents && std::any_of(cents->begin(), cents->end(),
                           [](long long c) { return std::fabs(static_cast<double>(c)) >= k_max_json_cents; })) {
    cents.reset();
  }
  double total_cents = e.monthly_cost ? std::round(*e.monthly_cost * 100.0) : 0.0;
  if (std::fabs(total_cents) >= k_max_json_cents) {
    cents.reset();
  }
  ordered_json r;
  r["offering"] = e.offering_id;
  r["name"] = e.offering_name;
  r["provider"] = e.provider;
  r["kind"] = to_string(e.kind);
  r["source"] = e.source;
  r["as_of"] = e.as_of;
  r["monthly_cost"] = cents ? ordered_json(clean(total_cents / 100.0)) : optional_number(e.monthly_cost);
  r["feasible"] = e.feasible;
  r["instances"] = e.instances ? ordered_json(*e.instances) : ordered_json(nullptr);
  if (const auto& pc = e.provisioned_concurrency) {
    r["provisioned_concurrency"] = {{"count", pc->count},
                                    {"hours", clean(pc->hours)},
                                    {"served_share", clean(pc->served_share)},
                                    {"utilization", clean(pc->utilization)},
                                    {"break_even_utilization", optional_number(pc->break_even_utilization)}};
  } else {
    r["provisioned_concurrency"] = nullptr;
  }
  if (const auto& cold = e.cold_starts) {
    r["cold_starts"] = {
        {"per_month", clean(cold->per_month)}, {"share", clean(cold->share)}, {"init_ms_billed", clean(cold->init_ms)}};
  } else {
    r["cold_starts"] = nullptr;
  }
  r["notes"] = e.notes;
  ordered_json items = ordered_json::array();
  for (std::size_t i = 0; i < e.line_items.size(); ++i) {
    const auto& item = e.line_items[i];
    double cost = cents ? static_cast<double>((*cents)[i]) / 100.0 : item.cost;
    items.push_back({{"name", item.name},
                     {"quantity", clean(item.quantity)},
                     {"unit", item.unit},
                     {"unit_price", clean(item.unit_price)},
                     {"cost", clean(cost)}});
  }
  r["line_items"] = std::move(items);
  ordered_json capacity = ordered_json::array();
  for (const auto& c : e.capacity) {
    capacity.push_back({{"label", c.label},
                        {"kind", to_string(c.kind)},
                        {"share_of_hours", clean(c.weight)},
                        {"instances", clean(c.instances)}});
  }
  r["capacity"] = std::move(capacity);
  return r;
}

std::string compare_json(const CompareReport& report) {
  return json_text(compare_document(report), 2);
}

std::string compare_markdown(const CompareReport& report, const RenderOptions& options) {
  std::string out = fmt::format("**Scenario:** {}\n\n", scenario_summary(report.scenario));
  out += assumptions_markdown(report.assumptions, offerings_shown(report));
  bool banded = !report.bands.empty(); // "Monthly cost" becomes Low, Expected, High, P(cheapest)
  if (report.ranges) {
    out += detail::ranges_markdown(*report.ranges);
  }
  out += banded ? markdown_row({"#", "Offering", "Kind", "Instances", "Low", "Expected", "High", "P(cheapest)",
                                "vs cheapest", "Note"}) +
                      "|---:|---|---|---:|---:|---:|---:|---:|---|---|\n"
                : markdown_row({"#", "Offering", "Kind", "Instances", "Monthly cost", "vs cheapest", "Note"}) +
                      "|---:|---|---|---:|---:|---|---|\n";
  const Estimate* cheapest = report.cheapest();
  int rank = 0;
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const Estimate& e = report.results[i];
    std::vector<std::string> row{e.feasible ? fmt::format("{}", ++rank) : "-", fmt::format("`{}`", e.offering_id),
                                 std::string(to_string(e.kind)), instances_text(e)};
    std::vector<std::string> money = banded ? detail::band_cells(report.bands[i]) : std::vector{cost_text(e)};
    row.insert(row.end(), money.begin(), money.end());
    row.insert(row.end(), {versus_cheapest(e, cheapest),
                           e.feasible ? (banded ? detail::band_note(report.bands[i]) : "") : first_note(e)});
    out += markdown_row(row);
  }
  if (options.breakdown) {
    for (const auto& e : report.results) {
      if (!e.feasible) {
        continue;
      }
      out += fmt::format("\n#### `{}`: {}\n\n", markdown_escape(e.offering_id), cost_text(e));
      out += markdown_row({"Item", "Quantity", "Unit", "Unit price", "Cost"});
      out += "|---|---:|---|---:|---:|\n";
      auto cents = item_cents(e);
      for (std::size_t i = 0; i < e.line_items.size(); ++i) {
        const auto& item = e.line_items[i];
        out += markdown_row({item.name, format_quantity(item.quantity), item.unit,
                             fmt::format("{}", UnitPrice{item.unit_price}), item_cost_text(e, cents, i)});
      }
      for (const auto& note : e.notes) {
        out += fmt::format("\n- {}", markdown_escape(note));
      }
      out += e.notes.empty() ? "" : "\n";
    }
  }
  return out;
}

std::string describe_tiers(const Charge& charge) {
  // Request prices read best per million, as the providers publish them.
  bool per_million = charge.meter == Meter::requests;
  double scale = per_million ? 1e6 : 1.0;
  std::string per = per_million ? fmt::format("1M {}", unit_of(charge.meter)) : per_unit(unit_of(charge.meter));
  if (charge.tiers.size() == 1) {
    return fmt::format("{} per {}", UnitPrice{charge.tiers[0].unit_price * scale}, per);
  }
  std::string text;
  double lower = 0;
  for (std::size_t i = 0; i < charge.tiers.size(); ++i) {
    const auto& tier = charge.tiers[i];
    std::string range = tier.up_to ? (i == 0 ? fmt::format("first {}", format_count(*tier.up_to))
                                             : fmt::format("next {}", format_count(*tier.up_to - lower)))
                                   : fmt::format("over {}", format_count(lower));
    text += fmt::format("{}{}: {}", i == 0 ? "" : "; ", range, UnitPrice{tier.unit_price * scale});
    lower = tier.up_to.value_or(lower);
  }
  return text + fmt::format(" per {}", per);
}

ordered_json charge_json(const Charge& charge) {
  ordered_json tiers = ordered_json::array();
  for (const auto& tier : charge.tiers) {
    tiers.push_back(
        {{"up_to", tier.up_to ? ordered_json(*tier.up_to) : ordered_json(nullptr)}, {"unit_price", tier.unit_price}});
  }
  return {
      {"name", charge.name},       {"meter", to_string(charge.meter)},       {"unit", unit_of(charge.meter)},
      {"tiers", std::move(tiers)}, {"free_tier", charge.free_tier_quantity}, {"included", charge.included_quantity}};
}

} // namespace

std::optional<Format> parse_format(std::string_view text) {
  if (text == "table") {
    return Format::table;
  }
  if (text == "csv") {
    return Format::csv;
  }
  if (text == "tsv") {
    return Format::tsv;
  }
  if (text == "json") {
    return Format::json;
  }
  if (text == "jsonl" || text == "ndjson") {
    return Format::jsonl;
  }
  if (text == "markdown" || text == "md") {
    return Format::markdown;
  }
  if (text == "svg") {
    return Format::svg;
  }
  if (text == "html") {
    return Format::html;
  }
  return std::nullopt;
}

std::string delimited_field(std::string_view text, char separator) {
  std::string out;
  detail::append_delimited_field(out, text, separator);
  return out;
}

void detail::append_delimited_field(std::string& out, std::string_view text, char separator) {
  if (separator == '\t') {
    // TSV cannot quote: tabs and newlines inside a field become spaces.
    std::size_t start = out.size();
    out += text;
    std::replace_if(
        out.begin() + static_cast<std::ptrdiff_t>(start), out.end(),
        [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return;
  }
  if (std::none_of(text.begin(), text.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) {
    out += text;
    return;
  }
  out += '"';
  for (std::size_t quote = text.find('"'); quote != std::string_view::npos; quote = text.find('"')) {
    out += text.substr(0, quote + 1); // through the quote, which is doubled
    out += '"';
    text.remove_prefix(quote + 1);
  }
  out += text;
  out += '"';
}

std::string render_compare(const CompareReport& report, Format format, const RenderOptions& options) {
  switch (format) {
  case Format::table:
    return compare_table(report, options);
  case Format::csv:
    return compare_delimited(report, options, ',');
  case Format::tsv:
    return compare_delimited(report, options, '\t');
  case Format::json:
    return compare_json(report);
  case Format::jsonl: {
    CompareStream stream(format, options);
    return stream.add(report) + stream.finish();
  }
  case Format::markdown:
    return compare_markdown(report, options);
  case Format::html:
    return detail::compare_html(report, options);
  case Format::svg:
    break;
  }
  throw Error("--format", "",
              "svg is for `breakeven curve`; compare writes table, csv, tsv, json, jsonl, markdown or html");
}

BuildOptions compare_build_options(Format format, const RenderOptions& options) {
  if ((format == Format::csv || format == Format::tsv) && !options.breakdown) {
    return {.describe = false, .warnings = true};
  }
  return {};
}

void CompareStream::add(const CompareReport& report, std::string& out) {
  if (m_format == Format::csv || m_format == Format::tsv) {
    bool first = m_reports++ == 0;
    compare_delimited(report, m_options, m_format == Format::csv ? ',' : '\t', first, &out);
    return;
  }
  out += add(report);
}

std::string CompareStream::add(const CompareReport& report) {
  bool first = m_reports++ == 0;
  switch (m_format) {
  case Format::csv:
  case Format::tsv:
    return compare_delimited(report, m_options, m_format == Format::csv ? ',' : '\t', first);
  case Format::jsonl: {
    std::string out;
    for (std::size_t i = 0; i < report.results.size(); ++i) {
      const Estimate& e = report.results[i];
      ordered_json line;
      line["schema_version"] = k_output_schema_version;
      line["scenario"] = report.scenario.name;
      line["requests_per_month"] = clean(report.scenario.requests());
      ordered_json result = result_json(e);
      if (!report.bands.empty()) {
        detail::add_band_json(result, report.bands[i]);
      }
      for (auto& [key, value] : result.items()) {
        line[key] = std::move(value);
      }
      out += json_text(line, -1);
    }
    return out;
  }
  case Format::json: {
    std::string head = first ? fmt::format("{{\"schema_version\": {}, \"command\": \"compare\", \"reports\": [\n",
                                           k_output_schema_version)
                             : ",\n";
    return head + json_text(compare_document(report), -1, false);
  }
  case Format::table:
  case Format::markdown:
    return (first ? "" : "\n") + render_compare(report, m_format, m_options);
  case Format::html:
    throw Error("--format", "",
                "html is a page for one scenario; a stream (--scenario -) writes table, csv, tsv, json, jsonl or "
                "markdown");
  case Format::svg:
    break;
  }
  throw Error("--format", "", "svg is for `breakeven curve`; compare writes table, csv, tsv, json, jsonl or markdown");
}

std::string CompareStream::finish() {
  if (m_format == Format::json) {
    return m_reports == 0 ? fmt::format("{{\"schema_version\": {}, \"command\": \"compare\", \"reports\": []}}\n",
                                        k_output_schema_version)
                          : "\n]}\n";
  }
  return {};
}

// "aws" from "aws.alb": a component's provider is its id's first part.
std::string provider_of(const Component& c) {
  return c.id.substr(0, c.id.find('.'));
}

std::string render_pricing_list(const Catalogue& catalogue, Format format, const RenderOptions& options) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& o : catalogue.offerings()) {
    rows.push_back({o.id, std::string(to_string(o.kind)), o.provider, o.region, o.as_of,
                    o.compare_by_default ? "yes" : "no", o.name});
  }
  // Components (add-ons and the parts clusters include) after the offerings, of kind "component".
  for (const auto& c : catalogue.components()) {
    rows.push_back({c.id, "component", provider_of(c), "", c.as_of, "no", c.name});
  }
  std::vector<std::string> headers{"id", "kind", "provider", "region", "as_of", "default", "name"};
  switch (format) {
  case Format::table: {
    std::vector<std::string> upper;
    for (const auto& h : headers) {
      std::string u = h;
      std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      upper.push_back(u);
    }
    TextTable table(upper, std::vector<bool>(headers.size(), false));
    for (auto& row : rows) {
      table.add(std::move(row));
    }
    table.fit(options.width);
    return table.render(false);
  }
  case Format::csv:
  case Format::tsv: {
    DelimitedWriter writer(format == Format::csv ? ',' : '\t');
    writer.row(headers);
    for (const auto& row : rows) {
      writer.row(row);
    }
    return writer.take();
  }
  case Format::json: {
    ordered_json root = document_root("pricing list");
    ordered_json offerings = ordered_json::array();
    for (const auto& o : catalogue.offerings()) {
      offerings.push_back({{"id", o.id},
                           {"kind", to_string(o.kind)},
                           {"provider", o.provider},
                           {"region", o.region},
                           {"as_of", o.as_of},
                           {"default", o.compare_by_default},
                           {"name", o.name},
                           {"source", o.source}});
    }
    root["offerings"] = std::move(offerings);
    ordered_json components = ordered_json::array();
    for (const auto& c : catalogue.components()) {
      components.push_back({{"id", c.id},
                            {"provider", provider_of(c)},
                            {"as_of", c.as_of.empty() ? ordered_json(nullptr) : ordered_json(c.as_of)},
                            {"name", c.name},
                            {"source", c.source}});
    }
    root["components"] = std::move(components);
    return json_text(root, 2);
  }
  case Format::markdown: {
    std::string out = markdown_row(headers);
    out += "|---|---|---|---|---|---|---|\n";
    for (const auto& row : rows) {
      out += markdown_row(row);
    }
    return out;
  }
  case Format::jsonl:
  case Format::svg:
  case Format::html:
    break;
  }
  throw Error("--format", "", "pricing list writes table, csv, tsv, json or markdown");
}

// The table `pricing show` lists charges in, for offerings and components alike.
TextTable charges_table() {
  return TextTable({"CHARGE", "METER", "PRICE", "FREE TIER", "INCLUDED"}, {false, false, false, true, true});
}

void add_charge_rows(TextTable& table, const std::vector<Charge>& charges, const std::string& prefix) {
  for (const auto& charge : charges) {
    table.add({prefix + charge.name, std::string(to_string(charge.meter)), describe_tiers(charge),
               charge.free_tier_quantity > 0 ? format_quantity(charge.free_tier_quantity) : "",
               charge.included_quantity > 0 ? format_quantity(charge.included_quantity) : ""});
  }
}

namespace {

// A charge's price for a diff cell: its tiers, then its free tier and included usage.
std::string diff_price(const std::optional<Charge>& charge) {
  if (!charge) {
    return "";
  }
  std::string text = describe_tiers(*charge);
  if (charge->free_tier_quantity > 0) {
    text += fmt::format(", free {}", format_quantity(charge->free_tier_quantity));
  }
  if (charge->included_quantity > 0) {
    text += fmt::format(", includes {}", format_quantity(charge->included_quantity));
  }
  return text;
}

std::string diff_charge_name(const PriceChange& change) {
  return change.charge.empty() ? "(whole item)" : change.charge;
}

} // namespace

std::string render_pricing_diff(const PricingDiff& diff, Format format, const RenderOptions& options) {
  std::string summary =
      diff.changes.empty()
          ? fmt::format("No price differences between {} and {} ({} items compared).\n", diff.before_name,
                        diff.after_name, diff.compared)
          : fmt::format("{} price difference{} between {} and {} ({} items compared).\n", diff.changes.size(),
                        diff.changes.size() == 1 ? "" : "s", diff.before_name, diff.after_name, diff.compared);
  std::vector<std::string> headers{"id", "charge", "change", "before", "after"};
  auto cells = [](const PriceChange& change) {
    return std::vector<std::string>{change.id, diff_charge_name(change), std::string(to_string(change.kind)),
                                    diff_price(change.before), diff_price(change.after)};
  };
  switch (format) {
  case Format::table: {
    std::string out = wrap_lines(escape_controls(summary.substr(0, summary.size() - 1)) + "\n", options.width, 2);
    if (diff.changes.empty()) {
      return out;
    }
    TextTable table({"ID", "CHARGE", "CHANGE", "BEFORE", "AFTER"}, std::vector<bool>(5, false));
    for (const auto& change : diff.changes) {
      table.add(cells(change));
    }
    table.fit(options.width, {3, 4}); // BEFORE and AFTER
    return out + "\n" + table.render(false);
  }
  case Format::csv:
  case Format::tsv: {
    DelimitedWriter writer(format == Format::csv ? ',' : '\t');
    writer.row(headers);
    for (const auto& change : diff.changes) {
      writer.row(cells(change));
    }
    return writer.take();
  }
  case Format::json: {
    ordered_json root = document_root("pricing diff");
    root["before"] = diff.before_name;
    root["after"] = diff.after_name;
    root["compared"] = diff.compared;
    ordered_json changes = ordered_json::array();
    for (const auto& change : diff.changes) {
      auto side = [](const std::optional<Charge>& charge) {
        return charge ? charge_json(*charge) : ordered_json(nullptr);
      };
      auto date = [](const std::string& as_of) { return as_of.empty() ? ordered_json(nullptr) : ordered_json(as_of); };
      changes.push_back({{"id", change.id},
                         {"charge", change.charge.empty() ? ordered_json(nullptr) : ordered_json(change.charge)},
                         {"change", to_string(change.kind)},
                         {"before", side(change.before)},
                         {"after", side(change.after)},
                         {"before_as_of", date(change.before_as_of)},
                         {"after_as_of", date(change.after_as_of)}});
    }
    root["changes"] = std::move(changes);
    return json_text(root, 2);
  }
  case Format::markdown: {
    std::string out = "**Prices:** " + markdown_escape(summary.substr(0, summary.size() - 1)) + "\n";
    if (diff.changes.empty()) {
      return out;
    }
    out += "\n" + markdown_row(headers) + "|---|---|---|---|---|\n";
    for (const auto& change : diff.changes) {
      out += markdown_row(cells(change));
    }
    return out;
  }
  case Format::jsonl:
  case Format::svg:
  case Format::html:
    break;
  }
  throw Error("--format", "", "pricing diff writes table, csv, tsv, json or markdown");
}

namespace {

// pricing show writes a table for people or JSON; the other formats are not silently a table.
void check_show_format(Format format) {
  if (format != Format::table && format != Format::json) {
    throw Error("--format", "", "pricing show writes table or json");
  }
}

} // namespace

std::string render_component(const Component& c, Format format, const RenderOptions& options) {
  check_show_format(format);
  std::vector<std::string> kinds;
  for (OfferingKind kind : c.applies_to) {
    kinds.emplace_back(to_string(kind));
  }
  if (format == Format::json) {
    ordered_json j;
    j["schema_version"] = k_output_schema_version;
    j["id"] = c.id;
    j["name"] = c.name;
    j["kind"] = "component";
    j["provider"] = provider_of(c);
    j["source"] = c.source;
    j["as_of"] = c.as_of.empty() ? ordered_json(nullptr) : ordered_json(c.as_of);
    ordered_json charges = ordered_json::array();
    for (const auto& charge : c.charges) {
      charges.push_back(charge_json(charge));
    }
    j["charges"] = std::move(charges);
    j["applies_to"] = kinds;
    return json_text(j, 2);
  }
  std::size_t width = options.width;
  std::string out =
      wrap_lines(escape_controls(fmt::format("{}: {} (component, {})", c.id, c.name, provider_of(c))) + "\n", width,
                 2) +
      wrap_lines(escape_controls(fmt::format("source: {}{}", c.source,
                                             c.as_of.empty() ? "" : fmt::format(" (as of {})", c.as_of))) +
                     "\n",
                 width, 4) +
      "\n";
  TextTable table = charges_table();
  add_charge_rows(table, c.charges, "");
  table.fit(width, {0, 2}); // CHARGE and PRICE
  out += table.render(false);
  out += "\n" + wrap_lines(fmt::format("applies to: {}\n", kinds.empty() ? std::string("every kind")
                                                                         : fmt::format("{}", fmt::join(kinds, ", "))),
                           width, 4);
  return out;
}

std::string render_offering(const Catalogue& catalogue, const Offering& o, Format format,
                            const RenderOptions& options) {
  check_show_format(format);
  if (format == Format::json) {
    ordered_json j;
    j["schema_version"] = k_output_schema_version;
    j["id"] = o.id;
    j["name"] = o.name;
    j["kind"] = to_string(o.kind);
    j["provider"] = o.provider;
    j["region"] = o.region;
    j["currency"] = o.currency;
    j["source"] = o.source;
    j["as_of"] = o.as_of;
    ordered_json charges = ordered_json::array();
    for (const auto& charge : o.charges) {
      charges.push_back(charge_json(charge));
    }
    j["charges"] = std::move(charges);
    ordered_json components = ordered_json::array();
    for (const auto& ref : o.components) {
      ordered_json c{{"id", ref.id}, {"count", ref.count}};
      if (const Component* component = catalogue.find_component(ref.id)) {
        ordered_json cc = ordered_json::array();
        for (const auto& charge : component->charges) {
          cc.push_back(charge_json(charge));
        }
        c["charges"] = std::move(cc);
      }
      components.push_back(std::move(c));
    }
    j["components"] = std::move(components);
    j["default_concurrency"] = o.default_concurrency ? ordered_json(*o.default_concurrency) : ordered_json(nullptr);
    j["concurrency_source"] = o.default_concurrency ? ordered_json(o.concurrency_source) : ordered_json(nullptr);
    j["internet_egress"] = o.internet_egress.empty() ? ordered_json(nullptr) : ordered_json(o.internet_egress);
    j["burstable"] = o.burstable_baseline
                         ? ordered_json{{"baseline", *o.burstable_baseline}, {"source", o.burstable_source}}
                         : ordered_json(nullptr);
    j["root_volume"] = o.root_volume_component.empty() ? ordered_json(nullptr)
                                                       : ordered_json{{"component", o.root_volume_component},
                                                                      {"gb", o.root_volume_gb},
                                                                      {"source", o.root_volume_source}};
    j["notes"] = o.notes;
    return json_text(j, 2);
  }
  std::size_t width = options.width;
  std::string out =
      wrap_lines(
          escape_controls(fmt::format("{}: {} ({}, {}, {})", o.id, o.name, to_string(o.kind), o.provider, o.region)) +
              "\n",
          width, 2) +
      wrap_lines(escape_controls(fmt::format("source: {} (as of {})", o.source, o.as_of)) + "\n", width, 4) + "\n";
  TextTable table = charges_table();
  auto add_charges = [&table](const std::vector<Charge>& charges, const std::string& prefix) {
    add_charge_rows(table, charges, prefix);
  };
  add_charges(o.charges, "");
  if (o.provisioned_concurrency) {
    add_charges(o.provisioned_concurrency->charges, "with provisioned concurrency: ");
  }
  for (const auto& ref : o.components) {
    if (const Component* component = catalogue.find_component(ref.id)) {
      add_charges(component->charges,
                  ref.count == 1 ? component->name + ": " : fmt::format("{} x{}: ", component->name, ref.count));
    }
  }
  if (o.nodes) {
    table.add({fmt::format("Nodes: at least {} x {}, {:g} GB disk each", o.nodes->min_nodes, o.nodes->offering_id,
                           o.nodes->disk_gb),
               "instance_hours", "see `breakeven pricing show " + o.nodes->offering_id + "`", "", ""});
  }
  table.fit(width, {0, 2}); // CHARGE and PRICE
  out += table.render(false);
  std::size_t lines_start = out.size(); // the lines under the table, each wrapped to the width
  const Billing& b = o.billing;
  bool request_billed = o.kind == OfferingKind::function || o.kind == OfferingKind::container_service;
  if (request_billed) {
    out += fmt::format("\nbilling: duration rounded up to {:g} ms", b.duration_step_ms);
  }
  if (b.min_duration_ms > 0) {
    out += fmt::format(", at least {:g} ms", b.min_duration_ms);
  }
  if (b.memory_step_mb > 1 || b.min_memory_mb > 0) {
    out += fmt::format("; memory rounded up to {:g} MB, at least {:g} MB", b.memory_step_mb, b.min_memory_mb);
  }
  if (!b.memory_sizes.empty()) {
    out += "; memory sizes";
    for (const auto& size : b.memory_sizes) {
      out += size.cpu_ghz ? fmt::format(" {:g} MB ({:g} GHz)", size.memory_mb, *size.cpu_ghz)
                          : fmt::format(" {:g} MB", size.memory_mb);
    }
  }
  if (b.included_ephemeral_storage_gb > 0) {
    out += fmt::format("; {:g} GB ephemeral storage included", b.included_ephemeral_storage_gb);
  }
  out += request_billed ? "\n" : "\n\n";
  const Limits& l = o.limits;
  std::vector<std::string> limits;
  if (l.max_duration_ms) {
    limits.push_back(fmt::format("max duration {:g} s", *l.max_duration_ms / 1000));
  }
  if (l.min_memory_mb || l.max_memory_mb) {
    limits.push_back(fmt::format("memory {:g}-{:g} MB", l.min_memory_mb.value_or(0), l.max_memory_mb.value_or(0)));
  }
  if (l.max_cpu_ms) {
    limits.push_back(fmt::format("max CPU {:g} ms per request", *l.max_cpu_ms));
  }
  if (l.max_ephemeral_storage_gb) {
    limits.push_back(fmt::format("max ephemeral storage {:g} GB", *l.max_ephemeral_storage_gb));
  }
  if (l.max_concurrency) {
    limits.push_back(fmt::format("max concurrency {:g}", *l.max_concurrency));
  }
  if (o.vcpu) {
    limits.push_back(fmt::format("{:g} vCPU, {:g} GB{}", *o.vcpu, o.memory_gb.value_or(0),
                                 o.gpus > 0 ? fmt::format(", {} GPU", o.gpus) : ""));
  }
  if (!limits.empty()) {
    out += "limits: ";
    for (std::size_t i = 0; i < limits.size(); ++i) {
      out += (i == 0 ? "" : "; ") + limits[i];
    }
    out += "\n";
  }
  if (o.default_concurrency) {
    out += escape_controls(fmt::format("concurrency: {:g} requests per instance unless --concurrency says ({})",
                                       *o.default_concurrency, o.concurrency_source)) +
           "\n";
  }
  if (o.burstable_baseline) {
    bool unlimited = std::any_of(o.charges.begin(), o.charges.end(),
                                 [](const Charge& charge) { return charge.meter == Meter::surplus_vcpu_hours; });
    out += escape_controls(fmt::format("burstable: baseline {:g}% of each vCPU ({}); {}", *o.burstable_baseline * 100,
                                       o.burstable_source,
                                       unlimited ? "load above it is billed as surplus vCPU-hours"
                                                 : "throttled to it once its CPU credits are spent")) +
           "\n";
  }
  if (!o.root_volume_component.empty()) {
    out += escape_controls(
               fmt::format("root volume: {:g} GB {} by default ({}); --disk-gb, --disk-type, or --component "
                           "{}=0 to leave it out",
                           o.root_volume_gb, o.root_volume_component, o.root_volume_source, o.root_volume_component)) +
           "\n";
  }
  out += escape_controls(
             o.internet_egress.empty()
                 ? std::string("internet egress: not priced (this rate table has no egress rates)")
                 : (o.internet_egress == "none"
                        ? fmt::format("internet egress: free ({} charges none)", o.provider)
                        : fmt::format("internet egress: {}, priced when --response-kb is set", o.internet_egress))) +
         "\n";
  for (const auto& note : o.notes) {
    out += fmt::format("note: {}\n", escape_controls(note));
  }
  return out.substr(0, lines_start) + wrap_lines(std::string_view(out).substr(lines_start), width, 4);
}

namespace {

std::string range_text(const RequestRange& range) {
  return fmt::format("{} to {} requests/month{}", format_count(range.from), format_count(range.to),
                     range.default_end ? " (default: 4x the last crossing, at least 1B)" : "");
}

// "24.8 req/s, duty cycle 30%": a crossing's rate, and the function's duty cycle where it has one.
std::string crossing_rate_text(const Crossing& c) {
  std::string text = format_rate(c.rps);
  text += " req/s";
  if (c.duty_cycle) {
    text += ", duty cycle ";
    text += format_percent(*c.duty_cycle);
  }
  return text;
}

std::string crossing_list(const CrossoverResult& pair) {
  std::string text;
  for (std::size_t i = 0; i < pair.crossings.size(); ++i) {
    const auto& c = pair.crossings[i];
    if (i > 0) {
      text += "; ";
    }
    text += format_count(c.requests_per_month);
    text += " (";
    text += crossing_rate_text(c);
    text += ") -> ";
    text += c.cheaper_after;
    text += " cheaper";
  }
  return text;
}

// "aws.lambda.arm costs more than aws.ec2.m7g.large above 41.2M requests/month (15.7 req/s)"
std::string verdict(const CrossoverResult& pair) {
  if (!pair.break_even_requests_per_month) {
    if (pair.cheaper_last.empty()) {
      return fmt::format("{} and {} cost the same throughout the range", pair.a, pair.b);
    }
    const std::string& other = pair.cheaper_last == pair.a ? pair.b : pair.a;
    if (pair.ties()) {
      return fmt::format("never cross in range: {} costs less than {} or the same throughout", pair.cheaper_last,
                         other);
    }
    return fmt::format("never cross in range: {} is cheaper than {} throughout", pair.cheaper_last, other);
  }
  const Crossing& last = pair.crossings.back();
  const std::string& pricier = last.cheaper_after == pair.a ? pair.b : pair.a;
  return fmt::format("{} costs more than {} above {} requests/month ({})", pricier, last.cheaper_after,
                     format_count(last.requests_per_month), crossing_rate_text(last));
}

// Where one cheapest range runs, in requests a month and the same as a rate: "0 - 34.55M (0 -
// 13.1 req/s)", "above 2.1B (800 req/s)".
std::string cheapest_span(const CheapestRange& range, double hours) {
  double seconds = hours * 3600.0;
  if (!range.to_requests) {
    return range.from_requests == 0 ? "all traffic"
                                    : fmt::format("above {} ({} req/s)", format_count(range.from_requests),
                                                  format_rate(range.from_requests / seconds));
  }
  return fmt::format("{} - {} ({} - {} req/s)", format_count(range.from_requests), format_count(*range.to_requests),
                     format_rate(range.from_requests / seconds), format_rate(*range.to_requests / seconds));
}

// The answer first: the cheapest offering over each range of traffic, one line each, the
// offerings in a column. Nothing for fewer than two ranges of more than two offerings' report,
// where the pair says it all.
std::string cheapest_lines(const std::vector<CheapestRange>& ranges, double hours) {
  std::vector<std::string> spans;
  std::size_t width = 0;
  for (const auto& r : ranges) {
    spans.push_back(cheapest_span(r, hours));
    width = std::max(width, spans.back().size());
  }
  std::string out = "cheapest by requests/month:\n";
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    out += fmt::format("  {:<{}}  {}\n", spans[i], width, escape_controls(ranges[i].offering));
  }
  return out;
}

// The pairs a crossover table or Markdown lists, by index: those that cross in the range first,
// each group in the report's order; of more than one pair, those that never cross only with
// --all-pairs (the rest are counted in one line).
std::vector<std::size_t> pairs_listed(const CrossoverReport& report, const RenderOptions& options) {
  std::vector<std::size_t> order(report.pairs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto crossing = std::stable_partition(order.begin(), order.end(),
                                        [&](std::size_t i) { return !report.pairs[i].crossings.empty(); });
  if (report.pairs.size() > 1 && !options.all_pairs) {
    order.erase(crossing, order.end());
  }
  return order;
}

// The cheapest ranges as a Markdown table, with the blank line that ends it.
std::string cheapest_markdown(const std::vector<CheapestRange>& ranges) {
  std::string out = markdown_row({"From (requests/month)", "To", "Cheapest"});
  out += "|---:|---:|---|\n";
  for (const auto& r : ranges) {
    out += markdown_row({format_count(r.from_requests), r.to_requests ? format_count(*r.to_requests) : "end of range",
                         fmt::format("`{}`", r.offering)});
  }
  return out + "\n";
}

ordered_json cheapest_json(const std::vector<CheapestRange>& ranges) {
  ordered_json list = ordered_json::array();
  for (const auto& r : ranges) {
    list.push_back({{"from_requests", r.from_requests},
                    {"to_requests", r.to_requests ? ordered_json(*r.to_requests) : ordered_json(nullptr)},
                    {"offering", r.offering}});
  }
  return list;
}

ordered_json crossing_json(const Crossing& c) {
  return {{"requests_per_month", c.requests_per_month},
          {"rps", clean(c.rps)},
          {"monthly_cost",
           clean(c.cheaper_after.empty() ? c.a_monthly_cost : std::min(c.a_monthly_cost, c.b_monthly_cost))},
          {"a_monthly_cost", clean(c.a_monthly_cost)},
          {"b_monthly_cost", clean(c.b_monthly_cost)},
          {"cheaper_after", c.cheaper_after},
          {"duty_cycle", optional_number(c.duty_cycle)}};
}

ordered_json pair_json(const CrossoverResult& pair, double hours_per_month) {
  ordered_json crossings = ordered_json::array();
  for (const auto& c : pair.crossings) {
    crossings.push_back(crossing_json(c));
  }
  ordered_json j;
  j["a"] = pair.a;
  j["b"] = pair.b;
  j["crossings"] = std::move(crossings);
  j["first_crossing_requests_per_month"] =
      pair.first() ? ordered_json(pair.first()->requests_per_month) : ordered_json(nullptr);
  j["break_even_requests_per_month"] =
      pair.break_even_requests_per_month ? ordered_json(*pair.break_even_requests_per_month) : ordered_json(nullptr);
  j["break_even_rps"] = pair.break_even_requests_per_month
                            ? ordered_json(clean(*pair.break_even_requests_per_month / (hours_per_month * 3600.0)))
                            : ordered_json(nullptr);
  j["cheaper_at_end"] = pair.cheaper_at_end.empty() ? ordered_json(nullptr) : ordered_json(pair.cheaper_at_end);
  j["verdict"] = verdict(pair);
  return j;
}

ordered_json skipped_json(const std::vector<Skipped>& skipped) {
  ordered_json list = ordered_json::array();
  for (const auto& s : skipped) {
    list.push_back({{"offering", s.offering}, {"reason", s.reason}});
  }
  return list;
}

ordered_json range_json(const RequestRange& range) {
  return {{"from", range.from}, {"to", range.to}, {"default_end", range.default_end}};
}

} // namespace

namespace {
ordered_json crossover_document(const CrossoverReport& report);
ordered_json curve_document(const CurveReport& report);
std::string curve_markdown(const CurveReport& report);
} // namespace

std::string render_crossover(const CrossoverReport& report, Format format, const RenderOptions& options) {
  double hours = report.scenario.running_hours();
  switch (format) {
  case Format::table: {
    // Paragraphs wrap to options.width, continuation lines indented under their first line's
    // text. Each is built in `paragraph`, whose storage the next reuses, and wrapped onto `out`
    // (as it is when nothing wraps): over the catalogue, hundreds of pairs of a few each.
    std::string out;
    std::string paragraph;
    auto put = [&out, &paragraph, &options](std::size_t hanging) {
      detail::append_wrapped(out, paragraph, options.width, hanging);
    };
    paragraph = scenario_summary(report.scenario);
    paragraph += '\n';
    put(2);
    paragraph = assumptions_text(report.assumptions, offerings_shown(report));
    put(4);
    paragraph = "range: ";
    paragraph += range_text(report.range);
    paragraph += '\n';
    put(4);
    bool many = report.pairs.size() > 1;
    if (many) {
      out += '\n';
      out += cheapest_lines(report.cheapest, hours);
    }
    std::vector<std::size_t> listed = pairs_listed(report, options);
    std::size_t never = report.pairs.size() - listed.size();
    for (std::size_t i : listed) {
      const CrossoverResult& pair = report.pairs[i];
      out += '\n';
      out += options.color ? k_bold : "";
      detail::append_escaped(out, pair.a);
      out += " vs ";
      detail::append_escaped(out, pair.b);
      out += options.color ? k_reset : "";
      out += '\n';
      paragraph = "  ";
      detail::append_escaped(paragraph, verdict(pair));
      paragraph += '\n';
      put(4);
      paragraph = detail::crossover_range_lines(report, i);
      put(4);
      if (pair.crossings.size() > 1) {
        paragraph = "  crossings: ";
        detail::append_escaped(paragraph, crossing_list(pair));
        paragraph += '\n';
        put(4);
      } else if (pair.crossings.size() == 1) {
        paragraph = "  at the crossing: ";
        detail::append_escaped(paragraph, pair.a);
        fmt::format_to(std::back_inserter(paragraph), " {}, ", Money{pair.crossings[0].a_monthly_cost});
        detail::append_escaped(paragraph, pair.b);
        fmt::format_to(std::back_inserter(paragraph), " {}\n", Money{pair.crossings[0].b_monthly_cost});
        put(4);
      }
    }
    if (never > 0) {
      out += '\n';
      paragraph = fmt::format("{} never cross in the range (--all-pairs lists them)\n",
                              never == 1 ? std::string("1 more pair") : fmt::format("{} more pairs", never));
      put(4);
    }
    for (const auto& s : report.skipped) {
      out += '\n';
      paragraph = fmt::format("skipped {}: {}\n", escape_controls(s.offering), escape_controls(s.reason));
      put(4);
    }
    for (const auto& s : report.limited) {
      out += '\n';
      paragraph =
          fmt::format("limited {}: {}; its pairs end there\n", escape_controls(s.offering), escape_controls(s.reason));
      put(4);
    }
    return out;
  }
  case Format::csv:
  case Format::tsv: {
    DelimitedWriter writer(format == Format::csv ? ',' : '\t');
    writer.row({"scenario", "a", "b", "crossing", "requests_per_month", "rps", "a_monthly_cost", "b_monthly_cost",
                "cheaper_after", "break_even", "duty_cycle"});
    for (const auto& pair : report.pairs) {
      if (pair.crossings.empty()) {
        writer.row({report.scenario.name, pair.a, pair.b, "0", "", "", "", "", pair.cheaper_at_end, "false", ""});
      }
      for (std::size_t i = 0; i < pair.crossings.size(); ++i) {
        const auto& c = pair.crossings[i];
        writer.row({report.scenario.name, pair.a, pair.b, fmt::format("{}", i + 1), plain_number(c.requests_per_month),
                    plain_number(c.rps), plain_number(c.a_monthly_cost), plain_number(c.b_monthly_cost),
                    c.cheaper_after, i + 1 == pair.crossings.size() ? "true" : "false",
                    c.duty_cycle ? plain_number(*c.duty_cycle) : ""});
      }
    }
    return writer.take();
  }
  case Format::json:
    return json_text(crossover_document(report), 2);
  case Format::markdown: {
    std::string out = fmt::format("**Scenario:** {}  \n**Range:** {}\n\n", scenario_summary(report.scenario),
                                  range_text(report.range));
    out += assumptions_markdown(report.assumptions, offerings_shown(report));
    bool many = report.pairs.size() > 1;
    if (many) {
      out += cheapest_markdown(report.cheapest);
    }
    out += markdown_row({"A", "B", "Break-even (requests/month)", "req/s", "Duty cycle", "Cheaper above", "Crossings"});
    out += "|---|---|---:|---:|---:|---|---:|\n";
    std::vector<std::size_t> listed = pairs_listed(report, options);
    std::size_t never = report.pairs.size() - listed.size();
    for (std::size_t i : listed) {
      const CrossoverResult& pair = report.pairs[i];
      const Crossing* last = pair.crossings.empty() ? nullptr : &pair.crossings.back();
      out += markdown_row(
          {fmt::format("`{}`", pair.a), fmt::format("`{}`", pair.b),
           pair.break_even_requests_per_month ? format_count(*pair.break_even_requests_per_month) : "never",
           pair.break_even_requests_per_month ? format_rate(*pair.break_even_requests_per_month / (hours * 3600.0))
                                              : "",
           last && last->duty_cycle ? format_percent(*last->duty_cycle) : "", pair.cheaper_at_end,
           fmt::format("{}", pair.crossings.size())});
    }
    if (never > 0) {
      out += fmt::format("\n- {} never cross in the range (`--all-pairs` lists them)",
                         never == 1 ? std::string("1 more pair") : fmt::format("{} more pairs", never));
    }
    for (const auto& skipped : report.skipped) {
      out += fmt::format("\n- skipped `{}`: {}", markdown_escape(skipped.offering), markdown_escape(skipped.reason));
    }
    for (const auto& limited : report.limited) {
      out += fmt::format("\n- limited `{}`: {}; its pairs end there", markdown_escape(limited.offering),
                         markdown_escape(limited.reason));
    }
    return out + (report.skipped.empty() && report.limited.empty() && never == 0 ? "" : "\n");
  }
  case Format::html:
    return detail::crossover_html(report, nullptr, options);
  case Format::jsonl:
  case Format::svg:
    break;
  }
  throw Error("--format", "", "crossover writes table, csv, tsv, json, markdown or html");
}

namespace {
ordered_json crossover_document(const CrossoverReport& report) {
  double hours = report.scenario.running_hours();
  {
    ordered_json root = document_root("crossover");
    root["scenario"] = scenario_json(report.scenario);
    root["assumptions"] = assumptions_json(report.assumptions);
    root["range"] = range_json(report.range);
    root["cheapest_ranges"] = cheapest_json(report.cheapest);
    if (report.ranges) {
      root["ranges"] = detail::crossover_ranges_json(*report.ranges);
    }
    ordered_json pairs = ordered_json::array();
    for (std::size_t i = 0; i < report.pairs.size(); ++i) {
      pairs.push_back(pair_json(report.pairs[i], hours));
      detail::add_crossover_range_json(pairs.back(), report, i);
    }
    root["pairs"] = std::move(pairs);
    root["skipped"] = skipped_json(report.skipped);
    root["limited"] = skipped_json(report.limited);
    return root;
  }
}
} // namespace

std::pair<std::string, std::string> detail::curve_table_text(const CurveReport& report, const RenderOptions& options) {
  double hours = report.scenario.running_hours();
  std::size_t width = options.width;
  std::string before =
      wrap_lines(scenario_summary(report.scenario) + "\n", width, 2) +
      wrap_lines(assumptions_text(report.assumptions, offerings_shown(report)), width, 4) +
      wrap_lines(fmt::format("{} scale, {}\n", report.log_scale ? "log" : "linear", range_text(report.range)), width,
                 4) +
      "\n";
  if (report.series.size() > 2) {
    before += cheapest_lines(report.cheapest, hours) + "\n";
  }
  std::string after;
  for (const auto& s : report.skipped) {
    after +=
        wrap_lines(fmt::format("skipped {}: {}\n", escape_controls(s.offering), escape_controls(s.reason)), width, 4);
  }
  for (const auto& s : report.limited) {
    after += wrap_lines(fmt::format("limited {}: {}; costs past it are not a feasible option\n",
                                    escape_controls(s.offering), escape_controls(s.reason)),
                        width, 4);
  }
  return {std::move(before), std::move(after)};
}

std::string render_curve(const CurveReport& report, Format format, const RenderOptions& options) {
  std::vector<std::string> headers{"requests_per_month", "rps"};
  for (const auto& series : report.series) {
    headers.push_back(series.offering);
  }
  double hours = report.scenario.running_hours();
  switch (format) {
  case Format::table: {
    auto [out, after] = detail::curve_table_text(report, options);
    std::vector<std::string> upper{"REQUESTS/MONTH", "REQ/S"};
    upper.insert(upper.end(), headers.begin() + 2, headers.end());
    TextTable table(upper, std::vector<bool>(upper.size(), true));
    // Cell by cell, with no row of strings: this is the path for very long curves.
    for (std::size_t i = 0; i < report.requests.size(); ++i) {
      table.cell(format_count(report.requests[i]));
      table.cell(format_rate(report.requests[i] / (hours * 3600.0)));
      for (const auto& series : report.series) {
        table.cell(fmt::format("{}", Money{series.monthly_costs[i]}));
      }
      table.end_row();
    }
    table.render_to(out, options.color);
    return out + after;
  }
  case Format::csv:
  case Format::tsv: {
    char separator = format == Format::csv ? ',' : '\t';
    const char* newline = separator == ',' ? "\r\n" : "\n";
    std::string out;
    for (std::size_t i = 0; i < headers.size(); ++i) {
      out += (i == 0 ? "" : std::string(1, separator)) + delimited_field(headers[i], separator);
    }
    out += newline;
    // Written without the row writer: this is the path for very long curves.
    fmt::memory_buffer buffer;
    for (std::size_t i = 0; i < report.requests.size(); ++i) {
      fmt::format_to(std::back_inserter(buffer), "{}{}", report.requests[i], separator);
      detail::append_figure(buffer, report.requests[i] / (hours * 3600.0));
      for (const auto& series : report.series) {
        buffer.push_back(separator);
        detail::append_figure(buffer, series.monthly_costs[i]);
      }
      fmt::format_to(std::back_inserter(buffer), "{}", newline);
    }
    out.append(buffer.data(), buffer.size());
    return out;
  }
  case Format::json:
    return json_text(curve_document(report), 2);
  case Format::markdown:
    return curve_markdown(report);
  case Format::svg:
    return render_curve_svg(report, options);
  case Format::html:
    return detail::curve_html(report, options);
  case Format::jsonl:
    break;
  }
  throw Error("--format", "", "curve writes table, csv, tsv, json, markdown, svg or html");
}

namespace {
ordered_json curve_document(const CurveReport& report) {
  double hours = report.scenario.running_hours();
  {
    ordered_json root = document_root("curve");
    root["scenario"] = scenario_json(report.scenario);
    root["assumptions"] = assumptions_json(report.assumptions);
    root["range"] = range_json(report.range);
    root["cheapest_ranges"] = cheapest_json(report.cheapest);
    root["log_scale"] = report.log_scale;
    root["requests_per_month"] = report.requests;
    ordered_json series = ordered_json::array();
    for (const auto& s : report.series) {
      ordered_json costs = ordered_json::array();
      for (double c : s.monthly_costs) {
        costs.push_back(clean(c));
      }
      series.push_back({{"offering", s.offering}, {"kind", to_string(s.kind)}, {"monthly_costs", std::move(costs)}});
    }
    root["series"] = std::move(series);
    ordered_json crossings = ordered_json::array();
    for (const auto& pair : report.crossings) {
      crossings.push_back(pair_json(pair, hours));
    }
    root["crossings"] = std::move(crossings);
    root["skipped"] = skipped_json(report.skipped);
    root["limited"] = skipped_json(report.limited);
    return root;
  }
}
} // namespace

namespace {
std::string curve_markdown(const CurveReport& report) {
  double hours = report.scenario.running_hours();
  std::string out = fmt::format("**Scenario:** {}\n\n", scenario_summary(report.scenario));
  out += assumptions_markdown(report.assumptions, offerings_shown(report));
  if (report.series.size() > 2) {
    out += cheapest_markdown(report.cheapest);
  }
  std::vector<std::string> md_headers{"Requests/month", "req/s"};
  for (const auto& series : report.series) {
    md_headers.push_back(fmt::format("`{}`", series.offering));
  }
  out += markdown_row(md_headers);
  out += "|";
  for (std::size_t i = 0; i < md_headers.size(); ++i) {
    out += "---:|";
  }
  out += "\n";
  for (std::size_t i = 0; i < report.requests.size(); ++i) {
    std::vector<std::string> row{format_count(report.requests[i]), format_rate(report.requests[i] / (hours * 3600.0))};
    for (const auto& series : report.series) {
      row.push_back(fmt::format("{}", Money{series.monthly_costs[i]}));
    }
    out += markdown_row(row);
  }
  return out;
}

namespace {

std::string change_text(const CheckResult& c) {
  if (!c.increase) {
    return "";
  }
  // The sign of the amount as printed: a fall of a tenth of a cent is +$0.00, not -$0.00.
  bool fall = std::round(*c.increase * 100) < 0;
  std::string text = fmt::format("{}{}", fall ? "-" : "+", Money{std::fabs(*c.increase)});
  if (c.increase_percent) {
    double tenths = std::round(*c.increase_percent * 10) / 10;
    text += fmt::format(" ({:+.1f}%)", tenths == 0 ? 0.0 : tenths); // -0.04% is +0.0%, not -0.0%
  }
  return text;
}
} // namespace

std::string reasons_text(const CheckResult& c) {
  std::string text;
  for (std::size_t i = 0; i < c.reasons.size(); ++i) {
    text += (i == 0 ? "" : "; ") + c.reasons[i];
  }
  return text;
}

// Failing checks first, each group in file order.
std::vector<const CheckResult*> failures_first(const CheckReport& report) {
  std::vector<const CheckResult*> ordered;
  for (const auto& c : report.checks) {
    if (!c.ok) {
      ordered.push_back(&c);
    }
  }
  for (const auto& c : report.checks) {
    if (c.ok) {
      ordered.push_back(&c);
    }
  }
  return ordered;
}

std::string summary_line(const CheckReport& report) {
  std::size_t failed = report.failed();
  if (failed == 0) {
    return report.checks.size() == 1 ? std::string("1 budget check passes")
                                     : fmt::format("all {} budget checks pass", report.checks.size());
  }
  return fmt::format("{} of {} budget check{} failed", failed, report.checks.size(),
                     report.checks.size() == 1 ? "" : "s");
}

} // namespace

std::string render_check(const CheckReport& report, Format format, const RenderOptions& options) {
  switch (format) {
  case Format::table: {
    TextTable table({"CHECK", "OFFERING", "MONTHLY", "BUDGET", "CHANGE", "RESULT"},
                    {false, false, true, true, true, false});
    for (const CheckResult* c : failures_first(report)) {
      table.add({c->name, c->offering, cost_text_of(c->monthly_cost), fmt::format("{}", Money{c->budget}),
                 change_text(*c), c->ok ? "ok" : "FAIL: " + reasons_text(*c)},
                c->ok ? k_green : std::string_view("\x1b[31m"));
    }
    table.fit(options.width);
    return table.render(options.color) + summary_line(report) + "\n";
  }
  case Format::csv:
  case Format::tsv: {
    DelimitedWriter writer(format == Format::csv ? ',' : '\t');
    writer.row({"name", "offering", "monthly_cost", "budget", "within_budget", "baseline_monthly_cost", "increase",
                "increase_percent", "max_increase_percent", "ok", "reasons"});
    auto number = [](const std::optional<double>& v) { return v ? plain_number(*v) : std::string{}; };
    for (const auto& c : report.checks) {
      writer.row({c.name, c.offering, number(c.monthly_cost), plain_number(c.budget),
                  c.within_budget ? "true" : "false", number(c.baseline_cost), number(c.increase),
                  number(c.increase_percent), number(c.max_increase_percent), c.ok ? "true" : "false",
                  reasons_text(c)});
    }
    return writer.take();
  }
  case Format::json: {
    ordered_json root = document_root("check");
    root["ok"] = report.ok;
    root["failed"] = report.failed();
    ordered_json checks = ordered_json::array();
    for (const auto& c : report.checks) {
      checks.push_back({{"name", c.name},
                        {"offering", c.offering},
                        {"monthly_cost", optional_number(c.monthly_cost)},
                        {"budget", clean(c.budget)},
                        {"within_budget", c.within_budget},
                        {"baseline_monthly_cost", optional_number(c.baseline_cost)},
                        {"increase", optional_number(c.increase)},
                        {"increase_percent", optional_number(c.increase_percent)},
                        {"max_increase_percent", optional_number(c.max_increase_percent)},
                        {"ok", c.ok},
                        {"reasons", c.reasons}});
    }
    root["checks"] = std::move(checks);
    return json_text(root, 2);
  }
  case Format::markdown: {
    std::string out = fmt::format("### {} breakeven: {}\n\n", report.ok ? "✅" : "❌", summary_line(report));
    out += markdown_row({"", "Check", "Offering", "Monthly cost", "Budget", "Change", "Why"});
    out += "|---|---|---|---:|---:|---:|---|\n";
    for (const CheckResult* c : failures_first(report)) {
      out += markdown_row({c->ok ? "✅" : "❌", c->ok ? c->name : fmt::format("**{}**", c->name),
                           fmt::format("`{}`", c->offering), cost_text_of(c->monthly_cost),
                           fmt::format("{}", Money{c->budget}), change_text(*c), reasons_text(*c)});
    }
    return out;
  }
  case Format::jsonl:
  case Format::svg:
  case Format::html:
    break;
  }
  throw Error("--format", "", "check writes table, csv, tsv, json or markdown");
}

std::string render_junit(const CheckReport& report) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"breakeven\" tests=\"{0}\" failures=\"{1}\">\n"
                     "  <testsuite name=\"breakeven budget checks\" tests=\"{0}\" failures=\"{1}\" errors=\"0\">\n",
                     report.checks.size(), report.failed());
  for (const auto& c : report.checks) {
    out += fmt::format("    <testcase classname=\"breakeven.{}\" name=\"{}\">\n", xml_escape(c.offering),
                       xml_escape(c.name));
    if (!c.ok) {
      out += fmt::format("      <failure message=\"{}\" type=\"budget\">{}: monthly cost {}, budget {}</failure>\n",
                         xml_escape(reasons_text(c)), xml_escape(c.name), xml_escape(cost_text_of(c.monthly_cost)),
                         xml_escape(fmt::format("{}", Money{c.budget})));
    } else {
      out += fmt::format("      <system-out>monthly cost {}, budget {}</system-out>\n",
                         xml_escape(cost_text_of(c.monthly_cost)), xml_escape(fmt::format("{}", Money{c.budget})));
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

namespace {

template <typename Report, typename RenderOne, typename Document>
std::string render_many(std::span<const Report> reports, Format format, const RenderOptions& options,
                        const char* command, RenderOne render_one, Document document) {
  if (reports.size() == 1) {
    return render_one(reports.front(), format, options);
  }
  if (format == Format::json) {
    ordered_json root = document_root(command);
    ordered_json list = ordered_json::array();
    for (const auto& report : reports) {
      list.push_back(document(report));
    }
    root["reports"] = std::move(list);
    return json_text(root, 2);
  }
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    std::string text = render_one(reports[i], format, options);
    bool delimited = format == Format::csv || format == Format::tsv;
    if (delimited && i > 0) {
      text.erase(0, text.find('\n') + 1); // one header for the whole output
    } else if (!delimited && i > 0) {
      out += "\n";
    }
    out += text;
  }
  return out;
}

} // namespace

std::string render_crossovers(std::span<const CrossoverReport> reports, Format format, const RenderOptions& options) {
  if (reports.size() > 1 && format == Format::html) {
    throw Error("--format", "",
                "html is a page for one scenario; crossover over several writes table, csv, tsv, json "
                "or markdown");
  }
  return render_many(reports, format, options, "crossover", render_crossover, crossover_document);
}

std::string render_curves(std::span<const CurveReport> reports, Format format, const RenderOptions& options) {
  if (reports.size() > 1 && format != Format::table && format != Format::json && format != Format::markdown) {
    throw Error("--format", "",
                "curve over several scenarios writes table, json or markdown; csv, tsv, svg and html take one "
                "scenario");
  }
  return render_many(reports, format, options, "curve", render_curve, curve_document);
}

CurveCrossings curve_crossings_shown(Format format, bool plot) {
  bool every =
      plot || format == Format::json || format == Format::jsonl || format == Format::svg || format == Format::html;
  return every ? CurveCrossings::every : CurveCrossings::cheapest;
}

char* detail::put_figure(char* out, double value) {
  return std::isfinite(value) ? format_figure(value == 0 ? 0.0 : value, out) : out;
}

void detail::append_figure(fmt::memory_buffer& out, double value) {
  std::size_t size = out.size();
  out.resize(size + k_figure_chars);
  out.resize(static_cast<std::size_t>(put_figure(out.data() + size, value) - out.data()));
}

std::string detail::quantity_text(double value) {
  return format_quantity(value);
}

nlohmann::ordered_json detail::compare_json_document(const CompareReport& report) {
  return compare_document(report);
}

nlohmann::ordered_json detail::curve_json_document(const CurveReport& report) {
  return curve_document(report);
}

nlohmann::ordered_json detail::crossover_json_document(const CrossoverReport& report) {
  return crossover_document(report);
}

nlohmann::ordered_json detail::estimate_json(const Estimate& estimate) {
  return result_json(estimate);
}

std::string render_crossover_html(const CrossoverReport& report, const CurveReport& chart,
                                  const RenderOptions& options) {
  return detail::crossover_html(report, &chart, options);
}

double detail::clean_number(double value) {
  return clean(value);
}

std::string detail::rate_text(double rps) {
  return format_rate(rps);
}

} // namespace breakeven
