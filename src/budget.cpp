#include <breakeven/budget.hpp>

#include "json_reader.hpp"

#include <breakeven/error.hpp>
#include <breakeven/estimate.hpp>
#include <breakeven/money.hpp>
#include <breakeven/rate_table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace breakeven {
namespace {

using detail::JsonObject;
using detail::JsonValue;

// Compared exactly: 4294967297 is not version 1.
void check_schema_version(const JsonObject& object, int supported, std::string_view what) {
  auto field = object.require("schema_version");
  if (field.integer() != supported) {
    field.fail(fmt::format("{} has schema_version {}; this build reads {}", what, field.literal(), supported));
  }
}

} // namespace

Budget parse_budget(std::string_view json_text, const std::string& source_name,
                    const std::filesystem::path& directory) {
  nlohmann::json document = detail::parse_json(json_text, source_name);
  JsonValue root(document, source_name);
  JsonObject object(root, {"$schema", "schema_version", "checks"});
  check_schema_version(object, k_budget_schema_version, "this budget file");
  Budget budget;
  auto items = object.require("checks").items();
  if (items.empty()) {
    object.require("checks").fail("has no checks");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    JsonObject item(items[i], {"name", "scenario", "offering", "max_monthly_cost", "max_increase_percent"});
    BudgetCheck check;
    check.origin = fmt::format("{}: $.checks[{}]", source_name, i);
    check.name = item.require("name").string();
    check.offering = item.require("offering").string();
    if (!item.has("max_monthly_cost")) {
      items[i].fail("has no limit: give max_monthly_cost (in USD)");
    }
    check.max_monthly_cost = item.require("max_monthly_cost").non_negative();
    check.max_increase_percent = item.optional_non_negative("max_increase_percent");
    auto scenario = item.require("scenario");
    if (scenario.raw().is_object()) {
      check.scenario = parse_scenario(scenario.raw().dump(), source_name + " " + scenario.path());
    } else {
      std::filesystem::path path = directory / scenario.string();
      std::error_code error;
      if (!std::filesystem::is_regular_file(path, error)) {
        scenario.fail(fmt::format("scenario file \"{}\" not found", path.string()));
      }
      check.scenario = parse_scenario(read_text_file(path), path.string());
    }
    if (check.scenario.name.empty()) {
      check.scenario.name = check.name;
    }
    check_complete(check.scenario, source_name + " " + scenario.path());
    budget.checks.push_back(std::move(check));
  }
  for (std::size_t i = 1; i < budget.checks.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (budget.checks[i].name == budget.checks[j].name) {
        throw Error(source_name, fmt::format("$.checks[{}].name", i),
                    fmt::format("duplicate check name \"{}\" (first at $.checks[{}])", budget.checks[i].name, j));
      }
    }
  }
  return budget;
}

Budget load_budget_file(const std::filesystem::path& path) {
  return parse_budget(read_text_file(path), path.string(), path.parent_path());
}

std::optional<double> Baseline::cost_of(const std::string& name) const {
  for (const auto& [check, cost] : costs) {
    if (check == name) {
      return cost;
    }
  }
  return std::nullopt;
}

Baseline parse_baseline(std::string_view json_text, const std::string& source_name) {
  nlohmann::json document = detail::parse_json(json_text, source_name);
  JsonValue root(document, source_name);
  if (!document.is_object()) {
    root.fail("must be the JSON output of `breakeven check --format json`");
  }
  // Read only what a baseline needs; the rest of an earlier run's output is not checked here.
  auto version = document.find("schema_version");
  if (version == document.end() || !version->is_number()) {
    root.fail("has no schema_version: is it the JSON output of `breakeven check --format json`?");
  }
  JsonValue version_field(*version, root);
  if (version_field.integer() != 1) {
    version_field.fail(
        fmt::format("the baseline has schema_version {}; this build reads 1 (re-run the baseline with this build)",
                    version_field.literal()));
  }
  auto checks = document.find("checks");
  if (checks == document.end() || !checks->is_array()) {
    root.fail("has no checks[]: is it the JSON output of `breakeven check --format json`?");
  }
  Baseline baseline;
  baseline.source_name = source_name;
  for (const auto& item : JsonValue(*checks, root).items()) {
    JsonObject check(item, {"name", "offering", "monthly_cost", "budget", "within_budget", "baseline_monthly_cost",
                            "increase", "increase_percent", "max_increase_percent", "ok", "reasons"});
    std::optional<double> cost;
    if (auto field = check.get("monthly_cost")) {
      cost = field->non_negative();
    }
    baseline.costs.emplace_back(check.require("name").string(), cost);
  }
  return baseline;
}

std::size_t CheckReport::failed() const {
  return static_cast<std::size_t>(std::count_if(checks.begin(), checks.end(), [](const auto& c) { return !c.ok; }));
}

CheckReport run_checks(const Catalogue& catalogue, const Budget& budget, const std::optional<Baseline>& baseline,
                       RangeEnd at) {
  CheckReport report;
  for (const auto& check : budget.checks) {
    const Offering* offering = catalogue.find(check.offering);
    if (!offering) {
      catalogue.get(check.offering, check.origin + ".offering"); // throws with a did-you-mean
    }
    CostModel model = build_cost_model(catalogue, *offering, check.scenario);
    add_prices(report.prices, model.prices);
    Estimate e = evaluate(std::move(model), check.scenario.requests());
    if (at != RangeEnd::expected && !check.scenario.ranges.empty()) {
      // The band's end stands in for the cost; its reason when that end is infeasible.
      std::array<const Offering*, 1> one{offering};
      CostBand band = cost_bands(catalogue, one, check.scenario, {}).bands.front();
      e.monthly_cost = at == RangeEnd::high ? band.high : band.low;
      if (!e.monthly_cost) {
        e.notes.insert(e.notes.begin(), fmt::format("at the {} end of the ranges: {}",
                                                    at == RangeEnd::high ? "high" : "low", band.infeasible_reason));
      }
    }
    CheckResult result;
    result.name = check.name;
    result.offering = check.offering;
    result.monthly_cost = e.monthly_cost;
    result.budget = check.max_monthly_cost;
    result.max_increase_percent = check.max_increase_percent;
    if (!e.monthly_cost) {
      result.reasons.push_back(
          fmt::format("infeasible: {}", e.notes.empty() ? "beyond the offering's limits" : e.notes.front()));
    } else {
      // Budgets are in dollars and cents: compare what is printed, not binary noise.
      result.within_budget = std::round(*e.monthly_cost * 100) <= std::round(check.max_monthly_cost * 100);
      if (!result.within_budget) {
        bool at_end = at != RangeEnd::expected && !check.scenario.ranges.empty();
        result.reasons.push_back(fmt::format(
            "{} is over the {} budget{}", Money{*e.monthly_cost}, Money{check.max_monthly_cost},
            at_end ? (at == RangeEnd::high ? " (the high end of the ranges)" : " (the low end of the ranges)") : ""));
      }
    }
    if (baseline) {
      result.baseline_cost = baseline->cost_of(check.name);
      if (result.baseline_cost && e.monthly_cost) {
        result.increase = *e.monthly_cost - *result.baseline_cost;
        // Over a baseline so small that the percentage overflows (5e-324), there is none to
        // show: like a rise from zero.
        if (double percent = *result.increase / *result.baseline_cost * 100;
            *result.baseline_cost > 0 && std::isfinite(percent)) {
          result.increase_percent = percent;
        }
        if (check.max_increase_percent) {
          bool from_zero = !result.increase_percent && *result.increase > 0;
          result.within_increase = !from_zero && (!result.increase_percent ||
                                                  *result.increase_percent <= *check.max_increase_percent + 1e-9);
          if (!result.within_increase) {
            result.reasons.push_back(from_zero ? fmt::format("rose from $0.00 to {}", Money{*e.monthly_cost})
                                               : fmt::format("rose {:.1f}% over the baseline; at most {:g}% allowed",
                                                             *result.increase_percent, *check.max_increase_percent));
          }
        }
      }
    }
    result.ok = result.reasons.empty();
    report.ok = report.ok && result.ok;
    report.checks.push_back(std::move(result));
  }
  return report;
}

} // namespace breakeven
