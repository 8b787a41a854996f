// Renders `breakeven advise`: a table for people, Markdown for design docs and pull requests,
// JSON for programs. One advice, or a portfolio of named workloads.

#include <breakeven/advise.hpp>
#include <breakeven/error.hpp>
#include <breakeven/money.hpp>
#include <breakeven/render.hpp>

#include "render_documents.hpp"
#include "render_parts.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace breakeven {
namespace {

using detail::TextTable;
using nlohmann::ordered_json;

std::string money(std::optional<double> dollars) {
  return dollars ? fmt::format("{}", Money{*dollars}) : std::string("infeasible");
}

std::string constraints_line(const Constraints& c) {
  std::vector<std::string> parts;
  parts.push_back(c.p99_ms ? fmt::format("p99 {}", format_duration_ms(*c.p99_ms)) : "no latency target");
  parts.push_back(fmt::format("isolation {}", to_string(c.isolation)));
  parts.push_back(c.team.empty() ? "team: any skills" : fmt::format("team {}", fmt::join(c.team, ",")));
  parts.push_back(fmt::format("portability {}", to_string(c.portability)));
  if (c.budget) {
    parts.push_back(fmt::format("budget {}", Money{*c.budget}));
  }
  if (c.cold_start_ms) {
    parts.push_back(fmt::format("cold start {}", format_duration_ms(*c.cold_start_ms)));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::vector<std::string> ids_of(const Advice& advice) {
  std::vector<std::string> ids;
  for (const auto& option : advice.options) {
    ids.push_back(option.estimate.offering_id);
  }
  return ids;
}

std::string text_of(const Advice& advice, bool color, std::size_t width) {
  using detail::wrap_lines;
  std::string out =
      wrap_lines(detail::scenario_summary(advice.scenario) + "\n", width, 2) +
      wrap_lines("constraints: " + escape_controls(constraints_line(advice.constraints)) + "\n", width, 4);
  out += wrap_lines(detail::assumptions_text(advice.assumptions, ids_of(advice)), width, 4);
  out += wrap_lines(fmt::format("traffic pattern: {}\n", advice.traffic_pattern), width, 4) + "\n";
  TextTable shortlist({"RANK", "OFFERING", "KIND", "MONTHLY", "WATCH"}, {true, false, false, true, false});
  TextTable ruled({"OFFERING", "KIND", "RULED OUT BY", "WHY"}, {false, false, false, false});
  for (std::size_t i = 0; i < advice.options.size(); ++i) {
    const AdvisedOption& o = advice.options[i];
    if (!o.ruled_out_by) {
      std::vector<std::string> watch;
      for (const auto& a : o.answers) {
        if (a.verdict == Answer::Verdict::warn) {
          watch.emplace_back(to_string(a.question));
        }
      }
      shortlist.add({fmt::format("{}", i + 1), o.estimate.offering_id, std::string(to_string(o.estimate.kind)),
                     money(o.ranked_cost), fmt::format("{}", fmt::join(watch, ", "))},
                    i == 0 && color ? detail::k_green : std::string_view{});
    } else {
      auto why = std::find_if(o.answers.begin(), o.answers.end(),
                              [&o](const Answer& a) { return a.question == *o.ruled_out_by; });
      ruled.add({o.estimate.offering_id, std::string(to_string(o.estimate.kind)),
                 std::string(to_string(*o.ruled_out_by)), why->reason});
    }
  }
  shortlist.fit(width);
  ruled.fit(width);
  out += advice.shortlisted > 0 ? "SHORTLIST (passes every question, cheapest first)\n" + shortlist.render(color)
                                : "SHORTLIST: none\n";
  if (advice.shortlisted < advice.options.size()) {
    out += "\nRULED OUT\n" + ruled.render(color);
  }
  out += "\n";
  // Question by question for the shortlist; the ruled out have their reason above (JSON and
  // Markdown have every answer of every option).
  for (std::size_t i = 0; i < advice.shortlisted; ++i) {
    const AdvisedOption& o = advice.options[i];
    out += fmt::format("{} ({})\n", escape_controls(o.estimate.offering_id), money(o.ranked_cost));
    TextTable answers({"QUESTION", "VERDICT", "WHY"}, {false, false, false});
    for (const auto& a : o.answers) {
      answers.cell(to_string(a.question));
      answers.cell(to_string(a.verdict));
      answers.cell(a.reason);
      answers.end_row(color && a.verdict == Answer::Verdict::rule_out ? detail::k_dim : std::string_view{});
    }
    answers.fit(width);
    answers.render_to(out, color, "    ");
    out += "\n";
  }
  out += wrap_lines("Recommendation: " + escape_controls(advice.recommendation) + "\n", width, 4);
  return out;
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : escape_controls(text)) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_of(const Advice& advice) {
  std::string out = fmt::format("**Scenario:** {}  \n**Constraints:** {}  \n**Traffic pattern:** {}\n\n",
                                markdown_cell(detail::scenario_summary(advice.scenario)),
                                markdown_cell(constraints_line(advice.constraints)), advice.traffic_pattern);
  for (const auto& line : detail::assumption_lines(advice.assumptions, ids_of(advice))) {
    out += fmt::format("- {}\n", markdown_cell(line));
  }
  out += fmt::format("\n**Recommendation:** {}\n\n", markdown_cell(advice.recommendation));
  out += "| Rank | Offering | Kind | Monthly |";
  for (int q = 0; q <= static_cast<int>(Question::compliance); ++q) {
    out += fmt::format(" {} |", to_string(static_cast<Question>(q)));
  }
  out += "\n|---:|---|---|---:|---|---|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < advice.options.size(); ++i) {
    const AdvisedOption& o = advice.options[i];
    out += fmt::format("| {} | `{}` | {} | {} |", o.ruled_out_by ? "-" : fmt::format("{}", i + 1),
                       markdown_cell(o.estimate.offering_id), to_string(o.estimate.kind), money(o.ranked_cost));
    for (const auto& a : o.answers) {
      std::string_view mark =
          a.verdict == Answer::Verdict::pass ? "" : (a.verdict == Answer::Verdict::warn ? "⚠ " : "✗ ");
      out += fmt::format(" {}{} |", mark, markdown_cell(a.reason));
    }
    out += "\n";
  }
  return out;
}

ordered_json json_of(const Advice& advice) {
  const Constraints& c = advice.constraints;
  ordered_json constraints{{"p99_ms", c.p99_ms ? ordered_json(*c.p99_ms) : ordered_json(nullptr)},
                           {"isolation", to_string(c.isolation)},
                           {"team", c.team},
                           {"portability", to_string(c.portability)},
                           {"budget", c.budget ? ordered_json(*c.budget) : ordered_json(nullptr)},
                           {"cold_start_ms", c.cold_start_ms ? ordered_json(*c.cold_start_ms) : ordered_json(nullptr)}};
  ordered_json assumptions = ordered_json::array();
  for (const auto& a : advice.assumptions) {
    assumptions.push_back({{"field", a.field}, {"value", a.value}, {"why", a.why}, {"offerings", a.offerings}});
  }
  ordered_json options = ordered_json::array();
  for (std::size_t i = 0; i < advice.options.size(); ++i) {
    const AdvisedOption& o = advice.options[i];
    ordered_json answers = ordered_json::array();
    for (const auto& a : o.answers) {
      answers.push_back({{"question", to_string(a.question)}, {"verdict", to_string(a.verdict)}, {"reason", a.reason}});
    }
    ordered_json warm = nullptr;
    if (o.warm_fix) {
      warm = {{"how", o.warm_fix->how},
              {"count", o.warm_fix->count},
              {"monthly_cost", o.warm_fix->monthly_cost},
              {"extra_cost", o.warm_fix->extra_cost}};
    }
    options.push_back(
        {{"offering", o.estimate.offering_id},
         {"kind", to_string(o.estimate.kind)},
         {"rank", o.ruled_out_by ? ordered_json(nullptr) : ordered_json(i + 1)},
         {"ruled_out_by", o.ruled_out_by ? ordered_json(to_string(*o.ruled_out_by)) : ordered_json(nullptr)},
         {"monthly_cost", o.ranked_cost ? ordered_json(*o.ranked_cost) : ordered_json(nullptr)},
         {"cold_start_share", o.cold_start_share},
         {"cold_start_ms", o.cold_start_ms ? ordered_json(*o.cold_start_ms) : ordered_json(nullptr)},
         {"warm_fix", warm},
         {"flip_requests_per_month", o.flip_requests ? ordered_json(*o.flip_requests) : ordered_json(nullptr)},
         {"flip_with", o.flip_with.empty() ? ordered_json(nullptr) : ordered_json(o.flip_with)},
         {"answers", answers}});
  }
  return {{"name", advice.scenario.name},
          {"requests_per_month", advice.scenario.requests()},
          {"constraints", constraints},
          {"assumptions", assumptions},
          {"traffic_pattern", advice.traffic_pattern},
          {"peak_to_average", advice.peak_to_average},
          {"options", options},
          {"shortlist",
           [&advice] {
             std::vector<std::string> ids;
             for (std::size_t i = 0; i < advice.shortlisted; ++i) {
               ids.push_back(advice.options[i].estimate.offering_id);
             }
             return ids;
           }()},
          {"recommendation", advice.recommendation}};
}

std::string pick_of(const Advice& advice) {
  return advice.shortlisted > 0 ? advice.options.front().estimate.offering_id : std::string("none");
}

} // namespace

ordered_json detail::advice_json_document(const Portfolio& portfolio) {
  const auto& workloads = portfolio.workloads;
  ordered_json out{{"schema_version", k_output_schema_version}};
  if (workloads.size() == 1) {
    ordered_json one = json_of(workloads.front());
    for (auto it = one.begin(); it != one.end(); ++it) {
      out[it.key()] = *it;
    }
    return out;
  }
  ordered_json list = ordered_json::array();
  for (const auto& advice : workloads) {
    list.push_back(json_of(advice));
  }
  out["workloads"] = list;
  out["monthly_total"] = portfolio.monthly_total ? ordered_json(*portfolio.monthly_total) : ordered_json(nullptr);
  return out;
}

std::string render_advice(const Portfolio& portfolio, Format format, const RenderOptions& options) {
  const auto& workloads = portfolio.workloads;
  if (format == Format::json) {
    return detail::advice_json_document(portfolio).dump(2) + "\n";
  }
  if (format == Format::html) {
    return detail::advice_html(portfolio, options);
  }
  if (format != Format::table && format != Format::markdown) {
    throw Error("--format", "", "advise writes table, json, markdown or html");
  }
  bool markdown = format == Format::markdown;
  std::string out;
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    if (i > 0) {
      out += markdown ? "\n---\n\n" : "\n";
    }
    out += markdown ? markdown_of(workloads[i]) : text_of(workloads[i], options.color, options.width);
  }
  if (workloads.size() > 1) {
    // The portfolio: each workload where it belongs.
    if (markdown) {
      out += "\n## Portfolio\n\n| Workload | Pick | Monthly |\n|---|---|---:|\n";
      for (const auto& advice : workloads) {
        out += fmt::format("| {} | `{}` | {} |\n", markdown_cell(advice.scenario.name), pick_of(advice),
                           money(advice.shortlisted > 0 ? advice.options.front().ranked_cost : std::nullopt));
      }
      out += fmt::format("| **Total** | | {} |\n",
                         portfolio.monthly_total ? money(portfolio.monthly_total) : "n/a (a workload has no pick)");
    } else {
      TextTable table({"WORKLOAD", "PICK", "KIND", "MONTHLY"}, {false, false, false, true});
      for (const auto& advice : workloads) {
        bool any = advice.shortlisted > 0;
        table.add({advice.scenario.name, pick_of(advice),
                   any ? std::string(to_string(advice.options.front().estimate.kind)) : "",
                   money(any ? advice.options.front().ranked_cost : std::nullopt)});
      }
      table.add(
          {"total", "", "", portfolio.monthly_total ? money(portfolio.monthly_total) : "n/a (a workload has no pick)"});
      table.fit(options.width);
      out += "\nPORTFOLIO\n" + table.render(options.color);
    }
  }
  return out;
}

} // namespace breakeven
