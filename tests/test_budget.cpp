#include <breakeven/budget.hpp>
#include <breakeven/error.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>

using namespace breakeven;
using breakeven::test::bundled;

namespace {

constexpr const char* k_two_checks = R"({"schema_version": 1, "checks": [
  {"name": "api", "offering": "aws.lambda.arm", "max_monthly_cost": 50, "max_increase_percent": 10,
   "scenario": {"requests_per_month": 5e7, "duration_ms": 120, "memory_mb": 512}},
  {"name": "cluster", "offering": "aws.eks", "max_monthly_cost": 300,
   "scenario": {"requests_per_month": 1e7}}]})";

} // namespace

TEST_CASE("Budget: checks hold, fail, and say why") {
  Budget budget = parse_budget(k_two_checks, "budget.json", ".");
  REQUIRE(budget.checks.size() == 2);
  CHECK(budget.checks[0].scenario.name == "api"); // named after the check when the scenario has no name
  CheckReport report = run_checks(bundled(), budget, std::nullopt);
  CHECK_FALSE(report.ok);
  CHECK(report.failed() == 1);
  CHECK(report.checks[0].ok); // $44.47 within $50
  CHECK(report.checks[0].monthly_cost == Approx(44.46684));
  CHECK_FALSE(report.checks[1].ok);
  CHECK(report.checks[1].reasons == std::vector<std::string>{"$403.90 is over the $300.00 budget"});
}

TEST_CASE("Budget: increases against a baseline") {
  Budget budget = parse_budget(k_two_checks, "budget.json", ".");
  SECTION("within the allowed increase") {
    Baseline baseline = parse_baseline(
        R"({"schema_version": 1, "checks": [{"name": "api", "monthly_cost": 42.0}, {"name": "cluster", "monthly_cost": 403.9}]})",
        "previous.json");
    CheckReport report = run_checks(bundled(), budget, baseline);
    CHECK(report.checks[0].ok);
    CHECK(*report.checks[0].increase == Approx(2.46684));
    CHECK(*report.checks[0].increase_percent == Approx(2.46684 / 42 * 100));
  }
  SECTION("above it") {
    Baseline baseline =
        parse_baseline(R"({"schema_version": 1, "checks": [{"name": "api", "monthly_cost": 30}]})", "previous.json");
    CheckReport report = run_checks(bundled(), budget, baseline);
    CHECK_FALSE(report.checks[0].ok);
    CHECK(report.checks[0].reasons == std::vector<std::string>{"rose 48.2% over the baseline; at most 10% allowed"});
    CHECK_FALSE(report.checks[1].baseline_cost); // not in the baseline: no increase to judge
  }
}

TEST_CASE("Budget: a baseline too small for a percentage is a rise from zero") {
  Budget budget = parse_budget(k_two_checks, "budget.json", ".");
  Baseline baseline =
      parse_baseline(R"({"schema_version": 1, "checks": [{"name": "api", "monthly_cost": 5e-324}]})", "old.json");
  CheckReport report = run_checks(bundled(), budget, baseline);
  CHECK_FALSE(report.checks[0].increase_percent); // 44.47 / 5e-324 * 100 is infinite
  CHECK(report.checks[0].reasons == std::vector<std::string>{"rose from $0.00 to $44.47"});
}

TEST_CASE("Budget: an infeasible check fails with the reason") {
  Budget budget = parse_budget(R"({"schema_version": 1, "checks": [{"name": "job", "offering": "aws.lambda.arm",
      "max_monthly_cost": 100, "scenario": {"requests_per_month": 9000, "duration_ms": 1200000}}]})",
                               "budget.json", ".");
  CheckReport report = run_checks(bundled(), budget, std::nullopt);
  CHECK_FALSE(report.ok);
  CHECK(report.checks[0].reasons == std::vector<std::string>{"infeasible: a request runs 20 min; the limit is 15 min"});
}

TEST_CASE("Budget: scenario files relative to the budget file") {
  auto dir = std::filesystem::temp_directory_path() / "breakeven-budget-test";
  std::filesystem::create_directories(dir / "scenarios");
  std::ofstream(dir / "scenarios" / "api.json") << R"({"name": "api", "requests_per_month": 1e6})";
  std::ofstream(dir / "budget.json")
      << R"({"schema_version": 1, "checks": [{"name": "a", "offering": "aws.lambda.arm", "max_monthly_cost": 5, "scenario": "scenarios/api.json"}]})";
  Budget budget = load_budget_file(dir / "budget.json");
  CHECK(budget.checks[0].scenario.name == "api");
  CHECK(budget.checks[0].scenario.requests() == 1e6);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Budget: bad budget files and baselines") {
  struct Case {
    const char* what;
    const char* json;
    const char* error;
  };
  const Case budgets[] = {
      {"a missing scenario file",
       R"({"schema_version": 1, "checks": [{"name": "a", "offering": "aws.lambda.arm", "max_monthly_cost": 5, "scenario": "nope.json"}]})",
       "b.json: $.checks[0].scenario: scenario file \"/nonexistent/nope.json\" not found"},
      {"a check without a limit",
       R"({"schema_version": 1, "checks": [{"name": "a", "offering": "aws.lambda.arm", "scenario": {"requests_per_month": 1}}]})",
       "b.json: $.checks[0]: has no limit: give max_monthly_cost (in USD)"},
      {"a negative limit",
       R"({"schema_version": 1, "checks": [{"name": "a", "offering": "x", "max_monthly_cost": -1, "scenario": {}}]})",
       "b.json: $.checks[0].max_monthly_cost: must not be negative (got -1)"},
      {"a newer schema", R"({"schema_version": 2, "checks": []})",
       "b.json: $.schema_version: this budget file has schema_version 2; this build reads 1"},
      {"no checks", R"({"schema_version": 1, "checks": []})", "b.json: $.checks: has no checks"},
      {"an unknown key",
       R"({"schema_version": 1, "checks": [{"name": "a", "offering": "x", "max_monthly_cost": 1, "max_montly_cost": 1, "scenario": {}}]})",
       "b.json: $.checks[0].max_montly_cost: unknown key \"max_montly_cost\" (did you mean \"max_monthly_cost\"?)"},
      {"a scenario without traffic",
       R"({"schema_version": 1, "checks": [{"name": "a", "offering": "x", "max_monthly_cost": 1, "scenario": {"duration_ms": 5}}]})",
       "b.json $.checks[0].scenario: no traffic given: use --requests N, --rps X or --profile, or set "
       "requests_per_month, rps or profile in a scenario file"},
      {"duplicate names",
       R"({"schema_version": 1, "checks": [{"name": "a", "offering": "x", "max_monthly_cost": 1, "scenario": {"rps": 1}},
                                           {"name": "a", "offering": "x", "max_monthly_cost": 1, "scenario": {"rps": 1}}]})",
       "b.json: $.checks[1].name: duplicate check name \"a\" (first at $.checks[0])"},
  };
  for (const auto& c : budgets) {
    SECTION(c.what) {
      REQUIRE_THROWS_WITH(parse_budget(c.json, "b.json", "/nonexistent"), c.error);
    }
  }
  SECTION("an unknown offering, with did-you-mean") {
    Budget budget = parse_budget(
        R"({"schema_version": 1, "checks": [{"name": "a", "offering": "aws.lamda.arm", "max_monthly_cost": 1, "scenario": {"rps": 1}}]})",
        "b.json", ".");
    REQUIRE_THROWS_WITH(
        run_checks(bundled(), budget, std::nullopt),
        "b.json: $.checks[0].offering: unknown offering \"aws.lamda.arm\" (did you mean aws.lambda.arm?)");
  }
  SECTION("a baseline from another schema version") {
    REQUIRE_THROWS_WITH(parse_baseline(R"({"schema_version": 2, "checks": []})", "old.json"),
                        "old.json: $.schema_version: the baseline has schema_version 2; this build reads 1 (re-run the "
                        "baseline with this build)");
  }
  SECTION("a baseline whose schema_version only narrows to 1") {
    // 2^32 + 1 read as an int is 1; it must be compared as written.
    REQUIRE_THROWS_WITH(parse_baseline(R"({"schema_version": 4294967297, "checks": []})", "old.json"),
                        "old.json: $.schema_version: the baseline has schema_version 4294967297; this build reads 1 "
                        "(re-run the baseline with this build)");
    REQUIRE_THROWS_WITH(parse_baseline(R"({"schema_version": 1.5, "checks": []})", "old.json"),
                        "old.json: $.schema_version: the baseline has schema_version 1.5; this build reads 1 (re-run "
                        "the baseline with this build)");
    CHECK(parse_baseline(R"({"schema_version": 1, "checks": []})", "old.json").costs.empty());
  }
  SECTION("a budget whose schema_version only narrows to 1") {
    REQUIRE_THROWS_WITH(parse_budget(R"({"schema_version": 4294967297, "checks": []})", "b.json", "."),
                        "b.json: $.schema_version: this budget file has schema_version 4294967297; this build reads 1");
  }
  SECTION("a baseline that is not check output") {
    REQUIRE_THROWS_WITH(parse_baseline(R"({"schema_version": 1, "results": []})", "compare.json"),
                        "compare.json: $: has no checks[]: is it the JSON output of `breakeven check --format json`?");
  }
}

TEST_CASE("run_checks: prices, what every check's cost uses, once") {
  Budget budget = parse_budget(R"({"schema_version": 1, "checks": [
    {"name": "api", "offering": "dated.fn", "max_monthly_cost": 50,
     "scenario": {"requests_per_month": 1e6, "response_kb": 10}},
    {"name": "api again", "offering": "dated.fn", "max_monthly_cost": 50,
     "scenario": {"requests_per_month": 2e6}},
    {"name": "cluster", "offering": "dated.k8s", "max_monthly_cost": 1,
     "scenario": {"requests_per_month": 1e6}}]})",
                               "budget.json", ".");
  CheckReport report = run_checks(test::dated(), budget, std::nullopt);
  CHECK_FALSE(report.ok); // the cluster is over its $1: a failed check still says what it priced
  CHECK(report.prices == std::vector<PriceDate>{{"dated.fn", "2025-05-01"},
                                                {"dated.egress", "2025-03-01"},
                                                {"dated.k8s", "2026-06-01"},
                                                {"dated.node", "2025-06-01"},
                                                {"dated.lb", "2024-01-10"},
                                                {"dated.disk", "2025-02-01"}});
}
