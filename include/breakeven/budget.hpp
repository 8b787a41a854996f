#pragma once

#include <breakeven/catalogue.hpp>
#include <breakeven/ranges.hpp>
#include <breakeven/scenario.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace breakeven {

/// The budget-file schema version this build reads.
inline constexpr int k_budget_schema_version = 1;

/// One named limit: an offering's monthly cost at a scenario must stay within a budget, and
/// optionally within a percentage increase over a baseline run.
struct BudgetCheck {
  std::string name;
  Scenario scenario;
  std::string offering;
  double max_monthly_cost = 0;
  std::optional<double> max_increase_percent;
  std::string origin; ///< "budget.json: $.checks[2]", for errors found later
};

/// A budget file: `{"schema_version": 1, "checks": [...]}`. A check's scenario is inline (an
/// object) or a path relative to the budget file.
struct Budget {
  std::vector<BudgetCheck> checks;
};

/// Parses a budget file; `directory` resolves relative scenario paths. Throws `Error`.
/// Example: `parse_budget(text, "ci/budget.json", "ci")`.
Budget parse_budget(std::string_view json_text, const std::string& source_name, const std::filesystem::path& directory);

/// Reads and parses a budget file.
Budget load_budget_file(const std::filesystem::path& path);

/// Monthly costs from an earlier `breakeven check --format json`, by check name.
struct Baseline {
  std::string source_name;
  std::vector<std::pair<std::string, std::optional<double>>> costs;

  std::optional<double> cost_of(const std::string& name) const;
};

/// Parses the JSON output of an earlier check run; it must be `schema_version` 1.
Baseline parse_baseline(std::string_view json_text, const std::string& source_name);

/// One check's outcome.
struct CheckResult {
  std::string name;
  std::string offering;
  std::optional<double> monthly_cost; ///< unknown when the scenario is infeasible there
  double budget = 0;
  bool within_budget = false;
  std::optional<double> baseline_cost;
  std::optional<double> increase;         ///< dollars over the baseline
  std::optional<double> increase_percent; ///< percent over the baseline (unknown from a $0 baseline)
  std::optional<double> max_increase_percent;
  bool within_increase = true;
  std::vector<std::string> reasons; ///< why it failed, when it did
  bool ok = false;
};

/// Every check's outcome; `ok` when all hold.
struct CheckReport {
  std::vector<CheckResult> checks;
  bool ok = true;
  /// The offerings and components whose prices the checks' costs use, each once (see
  /// CostModel::prices).
  std::vector<PriceDate> prices;
  std::size_t failed() const;
};

/// Runs the checks. Throws `Error` for an unknown offering (naming the check's origin). A check
/// whose scenario has ranges is held to its cost at the expected values, or with `at` low or
/// high to that end of its band (cost_bands, with the default sampling).
CheckReport run_checks(const Catalogue& catalogue, const Budget& budget, const std::optional<Baseline>& baseline,
                       RangeEnd at = RangeEnd::expected);

} // namespace breakeven
