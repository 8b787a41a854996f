// breakeven: the command-line front end. Parses flags, calls the library, writes what a
// renderer returns, and maps errors to exit codes. No cost logic lives here.

#include "advise_flags.hpp"
#include "io.hpp"
#include "kept.hpp"
#include "range_flags.hpp"
#include "scenario_flags.hpp"
#include "stream_reports.hpp"
#include "usage.hpp"

#include <breakeven/analysis.hpp>
#include <breakeven/budget.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/import.hpp>
#include <breakeven/pricing_review.hpp>
#include <breakeven/render.hpp>
#include <breakeven/text.hpp>
#include <breakeven/threads.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace breakeven;
using namespace breakeven::cli;

constexpr int k_exit_ok = 0;
constexpr int k_exit_check_failed = 1;
constexpr int k_exit_bad_input = 2;
constexpr int k_exit_bug = 3;
constexpr int k_retry_with_every_option = -1; // not an exit code: see main()
// compare's and crossover's --keep-going.
constexpr const char* k_keep_going_help =
    "With --scenario -: report a bad record on stderr and go on (exit 2 at the end)";
// The points of the chart on a crossover report page: enough for its crossings to show.
constexpr int k_crossover_chart_points = 200;

// Which subcommands, and which of their options, get set up: setting up every option of every
// subcommand (and CLI11 checking each new name against the ones before it) was most of a short
// run's start-up. With one subcommand set up, only the options on the command line are; any
// other parse (help, an error, another subcommand) runs again with every one (see main).
struct Setup {
  std::string_view only;            ///< the one subcommand to set up, or empty for every one
  std::span<char* const> arguments; ///< the command line, when `only` is set

  bool wants(std::string_view name) const { return only.empty() || only == name; }
  /// Whether a flag's option is set up: with every subcommand set up, every flag; with one,
  /// those among the arguments (`--memory-mb 512` or `--memory-mb=512`).
  bool wants_flag(std::string_view flag) const {
    return only.empty() || std::any_of(arguments.begin(), arguments.end(), [flag](const char* argument) {
             std::string_view text = argument;
             return text.starts_with(flag) && (text.size() == flag.size() || text[flag.size()] == '=');
           });
  }
  /// wants_flag for ScenarioFlags::add_to.
  cli::OnCommandLine flags_given() const {
    return [this](std::string_view flag) { return wants_flag(flag); };
  }
};

constexpr std::array<std::string_view, 6> k_subcommands{"compare", "curve", "crossover", "check", "advise", "pricing"};

// The subcommand CLI11 will most likely run: the first argument that names one. "-" when none
// does (--version, --help, an error), which sets up none of their options.
std::string_view named_subcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    if (std::find(k_subcommands.begin(), k_subcommands.end(), argument) != k_subcommands.end()) {
      return argument;
    }
  }
  return "-";
}

struct GlobalOptions {
  std::vector<std::string> pricing_files;
  std::string format = "table";
  std::string color = "auto";
  CLI::Option* pricing_option = nullptr;
  CLI::Option* format_option = nullptr;

  /// Throws `Error` when `option` was given to a command that would not use it.
  static void refuse(const CLI::Option* option, const char* flag, const char* why) {
    if (option->count() > 0) {
      throw Error(flag, "", why);
    }
  }
};

// --format and --color values are read in any case (--format JSON).
std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Format chosen_format(const GlobalOptions& global) {
  if (auto format = parse_format(lower(global.format))) {
    return *format;
  }
  throw Error(
      "--format", "",
      fmt::format("unknown format \"{}\" (one of: table, csv, tsv, json, jsonl, markdown, svg, html)", global.format));
}

bool use_color(const GlobalOptions& global) {
  std::string color = lower(global.color);
  if (color == "always") {
    return true;
  }
  if (color == "never") {
    return false;
  }
  if (color != "auto") {
    throw Error("--color", "", fmt::format("unknown value \"{}\" (one of: auto, always, never)", global.color));
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool dumb = term != nullptr && std::string_view(term) == "dumb";
  return (no_color == nullptr || *no_color == '\0') && !dumb && isatty(fileno(stdout)) != 0;
}

// The pricing commands write no colour: --color always is not silently dropped.
void warn_no_color(const GlobalOptions& global, const char* command) {
  if (lower(global.color) == "always") {
    std::fprintf(stderr, "breakeven: warning: --color always: %s writes no colour\n", command);
  }
}

// The width tables fit on standard output: COLUMNS when it is set (a number, 20 or more), else
// the terminal's when standard output is one; 0 (no limit) for a pipe or file.
std::size_t terminal_width() {
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
    std::size_t width = 0;
    auto [end, error] = std::from_chars(columns, columns + std::strlen(columns), width);
    return error == std::errc{} && *end == '\0' && width >= 20 ? width : 0;
  }
  winsize size{};
  if (isatty(fileno(stdout)) != 0 && ioctl(fileno(stdout), TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) {
    return size.ws_col;
  }
  return 0;
}

Catalogue load_catalogue(const GlobalOptions& global) {
  Catalogue catalogue = Catalogue::bundled();
  for (const auto& file : global.pricing_files) {
    catalogue.add(load_rate_table_file(file));
  }
  catalogue.check_references();
  return catalogue;
}

// `pricing validate` and `pricing diff`: a rate-table file, or "bundled" for the bundled tables.
std::vector<RateTable> rate_tables(const std::string& name) {
  if (name == "bundled") {
    return bundled_rate_tables();
  }
  return {load_rate_table_file(name)};
}

// Today's date (YYYY-MM-DD) for freshness checks: BREAKEVEN_TODAY when set (tests, and
// reproducible runs), else the system clock in UTC.
std::string today() {
  if (const char* pinned = std::getenv("BREAKEVEN_TODAY"); pinned != nullptr && *pinned != '\0') {
    if (!days_from_date(pinned)) {
      throw Error("BREAKEVEN_TODAY", "", fmt::format("\"{}\" is not a date of the form YYYY-MM-DD", pinned));
    }
    return pinned;
  }
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

// How many threads a run may use: BREAKEVEN_THREADS when set (a whole number from 1 to 256),
// else default_thread_count().
unsigned thread_count() {
  if (const char* given = std::getenv("BREAKEVEN_THREADS"); given != nullptr && *given != '\0') {
    auto value = parse_count(given);
    if (!value || *value < 1 || *value > 256 || *value != std::floor(*value)) {
      throw Error("BREAKEVEN_THREADS", "", fmt::format("\"{}\" is not a whole number from 1 to 256", given));
    }
    return static_cast<unsigned>(*value);
  }
  return default_thread_count();
}

// Every command that prices a scenario: after its output, one line on stderr for each offering
// or component whose prices it used (a report's `prices`) that is over a year old.
void warn_stale(std::span<const PriceDate> used, const std::string& today) {
  for (const auto& stale : stale_prices(used, today, k_price_warning_age_days)) {
    std::fprintf(stderr, "breakeven: warning: %s: prices as of %s, %ld days old (see pricing/README.md to refresh)\n",
                 stale.id.c_str(), stale.as_of.c_str(), stale.age_days);
  }
}

// What every command that prices a scenario shares: the scenario, the offerings, an output file.
struct ScenarioCommand {
  CLI::App* app = nullptr;
  cli::ScenarioFlags scenario;
  std::vector<std::string> offerings;
  std::string purchase;
  std::string output;

  ScenarioCommand(CLI::App& parent, const Setup& setup, const char* name, const char* description,
                  const GlobalOptionsHelp& globals, const char* offerings_when, const char* examples) {
    app = parent.add_subcommand(name, description);
    app->footer(examples); // after what the function below writes (CLI11 writes that first)
    app->footer([globals, offerings_when] {
      return global_options_help(globals) + "\n" + default_offerings_help(offerings_when);
    });
    if (!setup.wants(name)) {
      return;
    }
    scenario.add_to(*app, setup.flags_given());
    WantedOptions options(*app, setup.flags_given());
    options.option("--offering", offerings, "Offering id or glob (aws.*, *.lambda.*); repeatable", "ID|GLOB");
    options.option("--purchase", purchase,
                   "Buy every offering that has it as on-demand, 1y, 3y or spot (<offering>@<option>)", "OPTION");
    options.option("--output", output, "Write to FILE (whole or not at all) instead of stdout", "FILE");
  }

  std::vector<const Offering*> selected(const Catalogue& catalogue) const {
    auto chosen = offerings.empty() ? catalogue.defaults() : catalogue.select(offerings);
    return purchase.empty() ? chosen : catalogue.with_purchase(chosen, purchase);
  }
};

// --from/--to as counts (3M, 1e9), parsed here and checked by the library.
struct RangeFlags {
  std::string from;
  std::string to;
  CLI::Option* from_option = nullptr;
  CLI::Option* to_option = nullptr;

  void add_to(CLI::App& command, const Setup& setup, const char* to_help) {
    WantedOptions options(command, setup.flags_given());
    from_option = options.option("--from", from, "Start of the range in requests/month (default 0)", "N");
    to_option = options.option("--to", to, to_help, "N");
  }

  static std::optional<double> count(const CLI::Option* option, const std::string& text, const char* flag) {
    if (!cli::given(option)) {
      return std::nullopt;
    }
    if (auto value = parse_count(text)) {
      return *value;
    }
    throw Error(flag, "", fmt::format("\"{}\" is not a number of requests (examples: 0, 3M, 2.5B, 1e9)", text));
  }
  std::optional<double> from_value() const { return count(from_option, from, "--from"); }
  std::optional<double> to_value() const { return count(to_option, to, "--to"); }
};

// Parses the command line with the options of `setup`'s subcommands and runs the command.
// Returns k_retry_with_every_option, having printed nothing, when the parse needs options that
// were not set up (another subcommand, help, or an error whose text could name them).
int run(int argc, char** argv, const Setup& setup) {
  CLI::App app{"breakeven: what a deployment really costs as VMs, Kubernetes, serverless containers or "
               "serverless functions, and at what traffic one starts costing more than another.\n"
               "Exit codes: 0 success; 1 a check failed (check over budget, pricing validate --max-age); "
               "2 bad usage or bad input (one line on stderr, nothing on stdout).",
               "breakeven"};
  app.set_version_flag("--version", "breakeven " BREAKEVEN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Examples:\n"
      "  breakeven compare --requests 50M --duration-ms 120 --memory-mb 512\n"
      "  breakeven compare --scenario examples/scenarios/api.json --breakdown\n"
      "  breakeven crossover --duration-ms 120 --cpu-ms 20 --offering aws.lambda.arm --offering aws.ec2.m7g.large\n"
      "  breakeven curve --scenario examples/scenarios/api.json --log --to 10B --plot\n"
      "  breakeven pricing list\n\n"
      "Each command's --help has its options, the global options it takes, its defaults and examples:\n"
      "  breakeven compare --help\n"
      "  breakeven pricing show --help\n\n"
      "Environment (man breakeven has more):\n"
      "  BREAKEVEN_THREADS  threads a run may use, 1 to 256 (default: one a core, at most 16); same output\n"
      "  BREAKEVEN_TODAY    today's date (YYYY-MM-DD) for the price-age warnings and --max-age\n"
      "  COLUMNS            the width tables and notes wrap to (default: the terminal's)\n"
      "  NO_COLOR, TERM     --color auto writes no colour when NO_COLOR is not empty or TERM is dumb\n"
      "  TMPDIR             where --scenario - spools standard input (default /tmp)");

  GlobalOptions global;
  global.pricing_option = app.add_option("--pricing", global.pricing_files,
                                         "Extra rate table (JSON); overrides offerings by id; repeatable")
                              ->type_name("FILE");
  global.format_option = app.add_option("--format", global.format,
                                        "Output format: table, csv, tsv, json, markdown (compare also: jsonl; curve "
                                        "also: svg; compare, curve, crossover, advise also: html, a report page); "
                                        "each command's --help lists its own")
                             ->type_name("F");
  app.add_option("--color", global.color, "Colour tables: auto (default; honours NO_COLOR), always, never")
      ->type_name("WHEN");
  // How each command takes the global options, for its --help (tests/cli checks each --format list
  // against what the command accepts).
  constexpr std::string_view k_extra_tables = "Extra rate table (JSON); overrides offerings by id; repeatable";
  constexpr std::string_view k_tabular = "table (default), csv, tsv, json, markdown";
  constexpr const char* k_without_offering = "without --offering";

  ScenarioCommand compare_cmd(
      app, setup, "compare", "Monthly cost of each offering at one scenario, cheapest first",
      {.pricing = k_extra_tables, .formats = "table (default), csv, tsv, json, jsonl, markdown, html"},
      k_without_offering,
      "Examples:\n"
      "  breakeven compare --requests 50M --duration-ms 120 --memory-mb 512\n"
      "  breakeven compare --rps 200 --offering 'aws.*' --breakdown\n"
      "  breakeven compare --scenario examples/scenarios/api.json --format json\n"
      "  cat scenarios.jsonl | breakeven compare --scenario - --format jsonl   # one per line");
  bool breakdown = false;
  bool keep_going = false;
  SamplingFlags sampling;
  if (setup.wants("compare")) {
    WantedOptions options(*compare_cmd.app, setup.flags_given());
    options.flag("--breakdown", breakdown, "Show every line item (JSON and JSON Lines always have them)");
    options.flag("--keep-going", keep_going, k_keep_going_help);
    sampling.add_to(*compare_cmd.app, setup.flags_given());
  }

  ScenarioCommand curve_cmd(
      app, setup, "curve", "Cost of each offering across a range of monthly requests",
      {.pricing = k_extra_tables, .formats = "table (default), csv, tsv, json, markdown, svg, html"},
      k_without_offering,
      "Examples:\n"
      "  breakeven curve --duration-ms 120 --offering aws.lambda.arm --offering aws.ec2.m7g.large "
      "--to 200M --plot\n"
      "  breakeven curve --scenario examples/scenarios/api.json --log --from 1M --to 10B --format "
      "svg --output api.svg\n"
      "  breakeven curve --duration-ms 50 --points 1000 --format csv");
  RangeFlags curve_range;
  int points = 50;
  bool log_scale = false;
  bool plot = false;
  bool ascii = false;
  bool log_both = false;
  bool log_y = false;
  if (setup.wants("curve")) {
    curve_range.add_to(*curve_cmd.app, setup, "End of the range in requests/month (default 1B)");
    WantedOptions options(*curve_cmd.app, setup.flags_given());
    options.option("--points", points, "How many request counts to price, 2 to 1000000 (default 50)", "K");
    options.flag("--log", log_both, "Log scales: --log-x, and --log-y for charts");
    options.flag("--log-x", log_scale, "Space the request counts logarithmically");
    options.flag("--log-y", log_y, "Charts (SVG, --plot): costs on a log axis");
    options.flag("--plot", plot, "Draw a chart in the terminal (80 columns) instead of a table");
    options.flag("--ascii", ascii, "With --plot: plain ASCII instead of Unicode");
  }

  ScenarioCommand crossover_cmd(
      app, setup, "crossover", "Where two offerings swap places: every crossing and the break-even threshold",
      {.pricing = k_extra_tables, .formats = "table (default), csv, tsv, json, markdown, html"},
      "without --offering (each request-billed one paired with each provisioned one)",
      "Examples:\n"
      "  breakeven crossover --duration-ms 120 --cpu-ms 20 --offering aws.lambda.arm --offering aws.ec2.m7g.large\n"
      "  breakeven crossover --scenario examples/scenarios/api.json            # every serverless vs provisioned pair\n"
      "  breakeven crossover --duration-ms 120 --offering '*.lambda.*' --offering aws.eks --format json");
  RangeFlags crossover_range;
  bool crossover_keep_going = false;
  bool all_pairs = false;
  if (setup.wants("crossover")) {
    crossover_range.add_to(*crossover_cmd.app, setup, "End of the range (default: far enough to show every crossing)");
    WantedOptions options(*crossover_cmd.app, setup.flags_given());
    options.flag("--keep-going", crossover_keep_going, k_keep_going_help);
    options.flag("--all-pairs", all_pairs,
                 "Tables and Markdown: list the pairs that never cross too (CSV and JSON list them all)");
  }

  ScenarioCommand check_cmd(
      app, setup, "check", "Fail (exit 1) when a deployment's monthly cost breaks its budget: for CI",
      {.pricing = k_extra_tables, .formats = k_tabular}, "with --max-monthly-cost and without --offering",
      "Examples:\n"
      "  breakeven check --scenario examples/scenarios/api.json --offering aws.lambda.arm --max-monthly-cost 100\n"
      "  breakeven check --budget examples/ci/budget.json --format markdown > comment.md\n"
      "  breakeven check --budget examples/ci/budget.json --baseline previous.json --junit checks.xml\n"
      "  breakeven check --budget examples/ci/budget.json --requests 200M   # every check at 200M requests\n\n"
      "Exit codes: 0 every check holds, 1 a check failed, 2 bad input.");
  std::string max_monthly_cost;
  std::string budget_file;
  std::string baseline_file;
  std::string junit_file;
  std::string check_at = "expected";
  CLI::Option* at_option = nullptr;
  CLI::Option* max_cost_option = nullptr;
  CLI::Option* budget_option = nullptr;
  if (setup.wants("check")) {
    WantedOptions options(*check_cmd.app, setup.flags_given());
    max_cost_option =
        options.option("--max-monthly-cost", max_monthly_cost, "Budget in USD for each selected offering", "USD");
    budget_option =
        options.option("--budget", budget_file, "Budget file (JSON): named checks with their limits", "FILE");
    options.option("--baseline", baseline_file, "JSON output of an earlier check: show and limit increases", "FILE");
    options.option("--junit", junit_file, "Also write JUnit XML (one test case per check)", "FILE");
    at_option = options.option("--at", check_at,
                               "With ranges: hold the band's low, expected (default) or high end to the budget", "END");
  }

  ScenarioCommand advise_cmd(
      app, setup, "advise", "The decision framework: every option through seven questions, a shortlist and a pick",
      {.pricing = k_extra_tables, .formats = "table (default), json, markdown, html"}, k_without_offering,
      "Examples:\n"
      "  breakeven advise --requests 10M --duration-ms 120 --p99-ms 300 --team serverless,containers\n"
      "  breakeven advise --duration-ms 1200000 --memory-mb 2048 --requests 3000   # a 20-minute batch job\n"
      "  breakeven advise --scenario - --format markdown < workloads.jsonl       # one pick per workload\n\n"
      "Questions, in order: traffic pattern, execution duration, latency, team skills, cost, exit strategy,\n"
      "compliance. An option ruled out says which question ruled it out.");
  cli::AdviseFlags advise_flags;
  if (setup.wants("advise")) {
    advise_flags.add_to(*advise_cmd.app, setup.flags_given());
  }

  // A pricing command's help: the global options it takes, then its examples.
  auto help_footer = [](CLI::App* command, const GlobalOptionsHelp& globals, const char* examples) {
    command->footer(examples);
    command->footer([globals] { return global_options_help(globals); });
  };
  constexpr std::string_view k_no_color = "No colour: --color always gets a warning.";
  auto* pricing_cmd = app.add_subcommand("pricing", "List, show, validate, diff and import rate tables");
  pricing_cmd->require_subcommand(1);
  pricing_cmd->footer("Examples:\n"
                      "  breakeven pricing list --format csv\n"
                      "  breakeven pricing show aws.lambda.arm\n"
                      "  breakeven pricing validate my-prices.json\n"
                      "  breakeven pricing validate bundled --max-age 365\n"
                      "  breakeven pricing diff bundled my-prices.json --format markdown\n"
                      "  breakeven pricing import aws AWSLambda.json AmazonEC2.json > aws-imported.json\n\n"
                      "Each command's --help has its options, the global options it takes and examples.");
  // The pricing commands and their options, set up only when chosen (see Setup).
  CLI::App* list_cmd = nullptr;
  CLI::App* show_cmd = nullptr;
  CLI::App* validate_cmd = nullptr;
  CLI::App* diff_cmd = nullptr;
  CLI::App* import_cmd = nullptr;
  std::string show_id;
  std::vector<std::string> validate_files;
  long max_age_days = -1;
  std::string diff_before;
  std::string diff_after;
  bool diff_common = false;
  std::string import_provider;
  std::vector<std::string> import_files;
  if (setup.wants("pricing")) {
    list_cmd = pricing_cmd->add_subcommand("list", "Every offering and component: id, kind, provider, region, as_of");
    help_footer(list_cmd,
                {.pricing = "Extra rate table (JSON), listed with the bundled ones; overrides offerings by id",
                 .formats = k_tabular,
                 .color = false,
                 .note = k_no_color},
                "Examples:\n"
                "  breakeven pricing list                   # DEFAULT yes: compared when no --offering is given\n"
                "  breakeven pricing list --format csv\n"
                "  breakeven --pricing my-prices.json pricing list --format json");
    show_cmd =
        pricing_cmd->add_subcommand("show", "An offering's (or component's) charges, tiers, billing rules and limits");
    show_cmd->add_option("id", show_id, "Offering or component id, e.g. aws.lambda.arm, aws.ec2.m7g.large@1y, aws.alb")
        ->required();
    help_footer(
        show_cmd,
        {.pricing = "Extra rate table (JSON): its offerings and components can be shown",
         .formats = "table (default), json",
         .color = false,
         .note = k_no_color},
        "Examples:\n"
        "  breakeven pricing show aws.lambda.arm\n"
        "  breakeven pricing show gcp.gce.e2-standard-2@1y   # a purchase option, with its own source and date\n"
        "  breakeven pricing show aws.alb --format json      # a component");
    validate_cmd = pricing_cmd->add_subcommand("validate", "Check rate-table files without using them");
    validate_cmd->add_option("files", validate_files, "Rate-table JSON files (bundled: the bundled tables)")
        ->required();
    validate_cmd
        ->add_option("--max-age", max_age_days,
                     "Exit 1 when a price's as_of is more than DAYS old (today: BREAKEVEN_TODAY or the clock)")
        ->type_name("DAYS")
        ->check(CLI::Validator(
            [](const std::string& text) {
              bool whole = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
              // Above 100,000 days (274 years) no date is stale, and a long could not hold every such number.
              std::string digits = whole ? text.substr(std::min(text.find_first_not_of('0'), text.size() - 1)) : "";
              bool in_range = whole && digits.size() <= 6 && std::stol(digits) <= 100'000;
              return in_range ? std::string{}
                              : fmt::format("\"{}\" is not a whole number of days from 0 to 100000", text);
            },
            ""));
    help_footer(validate_cmd,
                {.pricing = "Rate tables the files refer to (node types, components), loaded and checked first",
                 .formats = "table (default): plain text, a line per file",
                 .color = false,
                 .note = k_no_color},
                "Examples:\n"
                "  breakeven pricing validate my-prices.json\n"
                "  breakeven pricing validate bundled --max-age 365   # names each price read over a year ago\n"
                "  breakeven --pricing base.json pricing validate overrides.json\n\n"
                "Exit codes: 0 every file valid (and fresh), 1 a price older than --max-age, 2 a file invalid.");
    diff_cmd = pricing_cmd->add_subcommand("diff", "Price changes between two rate tables, per offering and charge");
    diff_cmd->add_option("old", diff_before, "Rate-table JSON file, or bundled")->required();
    diff_cmd->add_option("new", diff_after, "Rate-table JSON file, or bundled")->required();
    diff_cmd->add_flag("--common", diff_common, "Only offerings and components both sides have (an imported table)");
    help_footer(diff_cmd,
                {.formats = k_tabular,
                 .color = false,
                 .note = "Compares the two tables it is given (--pricing does not apply). No colour: --color always "
                         "gets a warning."},
                "Examples:\n"
                "  breakeven pricing diff bundled my-prices.json --format markdown\n"
                "  breakeven pricing diff bundled aws-imported.json --common   # only what both have\n\n"
                "Exits 0 whether or not prices differ (--format json: `jq '.changes | length'` counts them).");
    import_cmd = pricing_cmd->add_subcommand(
        "import", "A rate table from a provider's own price list (aws, azure, gcp), on stdout");
    import_cmd->add_option("provider", import_provider, "aws, azure or gcp")->required();
    import_cmd
        ->add_option("files", import_files,
                     "aws: offer files (AWSLambda, AmazonECS, AmazonEKS, AmazonEC2, AWSELB); azure: Retail Prices API "
                     "pages; gcp: Cloud Billing Catalog API SKU lists")
        ->required();
    help_footer(
        import_cmd,
        {.formats = "json (default): a rate table, built on the bundled table of the provider",
         .color = false,
         .note = "--pricing does not apply. No colour: --color always gets a warning."},
        "Examples:\n"
        "  breakeven pricing import aws AWSLambda.json AmazonEC2.json > aws-imported.json\n"
        "  breakeven pricing import azure functions.json vm.json > azure-imported.json\n"
        "  breakeven pricing import gcp compute-skus.json run-skus.json > gcp-imported.json\n"
        "  breakeven pricing diff bundled aws-imported.json --common\n\n"
        "Price lists (pricing/README.md says how to fetch each):\n"
        "  aws    https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offerCode>/current/us-east-1/index.json\n"
        "  azure  https://prices.azure.com/api/retail/prices?$filter=armRegionName eq 'eastus' and ...\n"
        "  gcp    https://cloudbilling.googleapis.com/v1/services/<service>/skus?key=<API key>");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (!setup.only.empty() && dynamic_cast<const CLI::CallForVersion*>(&e) == nullptr) {
      return k_retry_with_every_option; // help or an error: as the full parser shows it
    }
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      int code = app.exit(e); // --help, --version
      std::cout.flush();
      if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout) {
        std::fprintf(stderr, "breakeven: error: <stdout>: %s\n", write_failed(errno).c_str());
        return k_exit_bad_input;
      }
      return code;
    }
    // An unknown command or option is named with a did-you-mean from every option (this is
    // the run with all of them set up); anything else keeps CLI11's words.
    UsageError usage = explain_usage_error(app, {argv + 1, static_cast<std::size_t>(argc - 1)});
    std::string message =
        usage.message.value_or(usage.command.empty() ? fmt::format("{} (see breakeven --help)", e.what())
                                                     : fmt::format("{}: {} (see breakeven {} --help)", usage.command,
                                                                   e.what(), usage.command));
    std::fprintf(stderr, "breakeven: error: %s\n", escape_controls(message).c_str());
    return k_exit_bad_input;
  }
  if (!setup.only.empty()) {
    auto chosen = app.get_subcommands();
    if (chosen.size() != 1 || chosen.front()->get_name() != setup.only) {
      return k_retry_with_every_option;
    }
  }

  try {
    Format format = chosen_format(global);
    RenderOptions options;
    options.color = use_color(global) && format == Format::table;
    options.breakdown = breakdown;
    options.all_pairs = all_pairs;
    log_scale = log_scale || log_both;
    options.log_y = log_y || log_both;
    if (format == Format::html && ((compare_cmd.app->parsed() && compare_cmd.scenario.reads_stdin()) ||
                                   (crossover_cmd.app->parsed() && crossover_cmd.scenario.reads_stdin()))) {
      throw Error("--format", "",
                  "html is a page for one scenario; a stream (--scenario -) writes table, csv, tsv, json or markdown");
    }
    if (compare_cmd.app->parsed() && compare_cmd.scenario.reads_stdin()) {
      // A stream of scenarios, each priced and written as it comes (stream_reports).
      std::string now = today(); // a bad BREAKEVEN_TODAY fails before any output
      options.today = now;       // the report page warns of stale prices too
      Catalogue catalogue = load_catalogue(global);
      auto offerings = compare_cmd.selected(catalogue);
      options.color = options.color && compare_cmd.output.empty();
      unsigned threads = thread_count();
      BuildOptions build = compare_build_options(format, options);
      compare_cmd.scenario.prepare(); // apply, on several threads at once
      std::vector<PriceDate> used;
      bool complete = stream_reports(
          compare_cmd.output, keep_going, false, threads,
          [&](Scenario& scenario, const std::string& where) {
            compare_cmd.scenario.apply(scenario);
            check_complete(scenario, where);
          },
          [&] { return CompareStream(format, options); },
          [&] {
            // Scenarios that differ only in traffic share their models (a cache for each thread),
            // and each record is priced into the same report, its estimates' storage reused.
            return [&, models = CostModelCache(), known = std::size_t{0}, samples = std::optional<SamplingOptions>(),
                    report = CompareReport()](Scenario& scenario,
                                              std::vector<PriceDate>& noted) mutable -> CompareReport& {
              if (!samples) { // a bad --samples fails the first record priced, as every record would
                // The records' threads are enough: a ranged record's samples run on its own.
                samples = sampling.options(threads > 1 ? 1 : threads);
              }
              compare_into(report, catalogue, offerings, std::move(scenario), *samples, build, &models);
              const auto& prices = models.prices();
              noted.insert(noted.end(), prices.begin() + static_cast<std::ptrdiff_t>(known), prices.end());
              known = prices.size();
              return report;
            };
          },
          used);
      warn_stale(used, now); // the prices of every record, each once
      return complete ? k_exit_ok : k_exit_bad_input;
    }
    if (compare_cmd.app->parsed()) {
      if (keep_going) {
        throw Error("--keep-going", "", "goes with --scenario - (a stream of scenarios); drop it for one scenario");
      }
      std::string now = today(); // a bad BREAKEVEN_TODAY fails before any output
      options.today = now;       // the report page warns of stale prices too
      const Catalogue& catalogue = cli::kept(load_catalogue(global));
      Scenario scenario = compare_cmd.scenario.resolve();
      if (const char* flag = sampling.given(); flag != nullptr && scenario.ranges.empty()) {
        throw Error(flag, "", "samples ranged fields (LOW..HIGH, as --requests 10M..50M); this scenario has none");
      }
      auto offerings = compare_cmd.selected(catalogue);
      options.color = options.color && compare_cmd.output.empty();
      options.width = format == Format::table && compare_cmd.output.empty() ? terminal_width() : 0;
      const CompareReport& report = cli::kept(compare(catalogue, offerings, scenario, sampling.options(thread_count()),
                                                      compare_build_options(format, options)));
      emit(render_compare(report, format, options), compare_cmd.output);
      warn_stale(report.prices, now);
    } else if (curve_cmd.app->parsed()) {
      if (ascii && !plot) {
        throw Error("--ascii", "", "goes with --plot (a chart in the terminal)");
      }
      if (log_y && !plot && format != Format::svg && format != Format::html) {
        throw Error("--log-y", "",
                    "is for charts (--plot, --format svg or html); --log-x spaces a table's request counts");
      }
      if (plot && global.format_option->count() > 0 && format != Format::table) {
        throw Error("--plot", "",
                    fmt::format("draws a chart in the terminal, not {}; drop --plot or --format", global.format));
      }
      std::string now = today();
      options.today = now;                                       // the report page warns of stale prices too
      options.color = options.color && curve_cmd.output.empty(); // a file gets no escape codes
      options.width = format == Format::table && curve_cmd.output.empty() ? terminal_width() : 0;
      options.threads = thread_count(); // a long CSV or TSV curve's rows are made on every core
      const Catalogue& catalogue = cli::kept(load_catalogue(global));
      auto offerings = curve_cmd.selected(catalogue);
      // The costs are computed as they are written, so memory does not grow with --points.
      auto& curves = cli::kept(std::vector<CurveSamples>());
      for (const auto& scenario : curve_cmd.scenario.scenarios(false)) { // the curve varies the traffic
        curves.push_back(curve_samples(catalogue, offerings, scenario, curve_range.from_value(), curve_range.to_value(),
                                       points, log_scale, curve_crossings_shown(format, plot), options.threads));
      }
      std::vector<PriceDate> used;
      for (const auto& samples : curves) {
        add_prices(used, samples.report().prices);
      }
      if (plot && curves.size() > 1) {
        throw Error("--plot", "", "draws one scenario; give one, or use --format table, json or markdown");
      }
      if (plot || format == Format::svg || format == Format::html) { // a chart is drawn from every point at once
        std::vector<CurveReport> reports;
        for (const auto& samples : curves) {
          reports.push_back(samples.materialize());
        }
        std::string text =
            plot ? render_curve_plot(reports.front(), 80, ascii, options) : render_curves(reports, format, options);
        emit(text, curve_cmd.output);
      } else {
        OutputSink sink(curve_cmd.output);
        write_curves(curves, format, options, [&sink](std::string_view piece) { sink.write(piece); });
        sink.finish();
        sink.commit();
      }
      warn_stale(used, now);
    } else if (crossover_cmd.app->parsed() && crossover_cmd.scenario.reads_stdin()) {
      // As compare's stream; a bad --format is reported after a bad record, as before.
      std::string now = today();
      options.today = now; // the report page warns of stale prices too
      std::vector<PriceDate> used;
      Catalogue catalogue = load_catalogue(global);
      auto offerings = crossover_cmd.selected(catalogue);
      crossover_cmd.scenario.prepare(); // apply, on several threads at once
      bool complete = stream_reports(
          crossover_cmd.output, crossover_keep_going, true, thread_count(),
          [&](Scenario& scenario, const std::string& where) {
            crossover_cmd.scenario.apply(scenario);
            check_consistent(scenario, where);
          },
          [&] { return CrossoverStream(format, options); },
          [&] {
            return [&](const Scenario& scenario, std::vector<PriceDate>& noted) {
              CrossoverReport report =
                  crossover(catalogue, offerings, scenario, crossover_range.from_value(), crossover_range.to_value());
              add_prices(noted, report.prices);
              return report;
            };
          },
          used);
      warn_stale(used, now);
      return complete ? k_exit_ok : k_exit_bad_input;
    } else if (crossover_cmd.app->parsed()) {
      if (crossover_keep_going) {
        throw Error("--keep-going", "", "goes with --scenario - (a stream of scenarios); drop it for one scenario");
      }
      std::string now = today();
      options.today = now; // the report page warns of stale prices too
      const Catalogue& catalogue = cli::kept(load_catalogue(global));
      auto offerings = crossover_cmd.selected(catalogue);
      auto& reports = cli::kept(std::vector<CrossoverReport>());
      std::vector<PriceDate> used;
      options.width = format == Format::table && crossover_cmd.output.empty() ? terminal_width() : 0;
      for (const auto& scenario : crossover_cmd.scenario.scenarios(false)) {
        reports.push_back(crossover(catalogue, offerings, scenario, crossover_range.from_value(),
                                    crossover_range.to_value(), thread_count())); // pairs on every core
        add_prices(used, reports.back().prices);
      }
      if (format == Format::html && reports.size() == 1) {
        // The page's chart: the curves of the same offerings over the crossover's range.
        const CrossoverReport& report = reports.front();
        CurveReport chart = curve(catalogue, offerings, report.scenario, report.range.from, report.range.to,
                                  k_crossover_chart_points, false);
        emit(render_crossover_html(report, chart, options), crossover_cmd.output);
      } else {
        emit(render_crossovers(reports, format, options), crossover_cmd.output);
      }
      warn_stale(used, now);
    } else if (advise_cmd.app->parsed()) {
      std::string now = today();
      options.today = now; // the report page warns of stale prices too
      const Catalogue& catalogue = cli::kept(load_catalogue(global));
      auto offerings = advise_cmd.selected(catalogue);
      Constraints constraints = advise_flags.constraints();
      std::vector<Advice> workloads;
      for (auto& scenario : advise_cmd.scenario.scenarios(true)) {
        if (scenario.name.empty()) {
          scenario.name = fmt::format("workload {}", workloads.size() + 1);
        }
        // Only the page shows the options' estimates in full.
        workloads.push_back(advise(catalogue, offerings, scenario, constraints,
                                   format == Format::html ? BuildOptions{} : k_advice_estimates_lean));
      }
      if (workloads.size() == 1 && workloads.front().scenario.name == "workload 1") {
        workloads.front().scenario.name.clear();
      }
      options.color = options.color && advise_cmd.output.empty();
      options.width = format == Format::table && advise_cmd.output.empty() ? terminal_width() : 0;
      const Portfolio& advice = cli::kept(portfolio(std::move(workloads)));
      emit(render_advice(advice, format, options), advise_cmd.output);
      warn_stale(advice.prices, now);
    } else if (check_cmd.app->parsed()) {
      std::string now = today();
      options.today = now; // the report page warns of stale prices too
      const Catalogue& catalogue = cli::kept(load_catalogue(global));
      Budget budget;
      if (cli::given(budget_option)) {
        if (cli::given(max_cost_option)) {
          throw Error("--max-monthly-cost", "", "give either --budget FILE or --max-monthly-cost, not both");
        }
        if (!check_cmd.offerings.empty()) {
          throw Error("--offering", "", "a budget file names its own offerings; drop --offering");
        }
        if (!check_cmd.purchase.empty()) {
          throw Error("--purchase", "",
                      "a budget file names its own offerings (aws.ec2.m7g.large@1y); drop --purchase");
        }
        if (check_cmd.scenario.file_given()) {
          throw Error("--scenario", "",
                      "a budget file names each check's scenario; drop --scenario (flags still apply)");
        }
        budget = load_budget_file(budget_file);
        for (auto& check : budget.checks) {
          check_cmd.scenario.apply(check.scenario); // flags override every check's scenario
        }
      } else if (cli::given(max_cost_option)) {
        auto limit = parse_count(max_monthly_cost);
        if (!limit || *limit < 0) {
          throw Error("--max-monthly-cost", "",
                      fmt::format("\"{}\" is not an amount of dollars (examples: 500, 1250.50, 2k)", max_monthly_cost));
        }
        // One scenario, or with --scenario - any number of them (JSON Lines): a check for each
        // scenario and selected offering, named "<scenario> / <offering>" when there are several.
        std::vector<Scenario> scenarios = check_cmd.scenario.scenarios();
        for (std::size_t i = 0; i < scenarios.size(); ++i) {
          if (scenarios[i].name.empty()) {
            scenarios[i].name = fmt::format("record {}", i + 1);
          }
        }
        for (const auto& scenario : scenarios) {
          for (const Offering* offering : check_cmd.selected(catalogue)) {
            BudgetCheck check;
            check.name = scenarios.size() == 1 ? offering->id : fmt::format("{} / {}", scenario.name, offering->id);
            check.offering = offering->id;
            check.scenario = scenario;
            check.max_monthly_cost = *limit;
            check.origin = "--offering";
            budget.checks.push_back(std::move(check));
          }
        }
      } else {
        throw Error("check", "", "needs a limit: --max-monthly-cost USD or --budget FILE");
      }
      if (cli::given(at_option) &&
          std::all_of(budget.checks.begin(), budget.checks.end(),
                      [](const BudgetCheck& check) { return check.scenario.ranges.empty(); })) {
        throw Error("--at", "", "picks an end of a ranged field (LOW..HIGH, as --requests 10M..50M); no check has one");
      }
      std::optional<Baseline> baseline;
      if (!baseline_file.empty()) {
        baseline = parse_baseline(read_text_file(baseline_file), baseline_file);
      }
      const CheckReport& report = cli::kept(run_checks(catalogue, budget, baseline, parse_range_end(check_at, "--at")));
      options.width = format == Format::table && check_cmd.output.empty() ? terminal_width() : 0;
      std::string text = render_check(report, format, options);
      // The report and the JUnit file appear together or not at all: neither is in place until
      // both are written.
      OutputSink output(check_cmd.output);
      if (junit_file.empty()) {
        emit_together({{output, text}});
      } else {
        OutputSink junit(junit_file);
        if (junit.revocable() && junit.target() == output.target()) {
          throw Error("--junit", "", "names the same file as --output");
        }
        emit_together({{output, text}, {junit, render_junit(report)}});
      }
      warn_stale(report.prices, now);
      return report.ok ? k_exit_ok : k_exit_check_failed;
    } else if (list_cmd != nullptr && list_cmd->parsed()) {
      warn_no_color(global, "pricing list");
      options.width = format == Format::table ? terminal_width() : 0;
      emit(render_pricing_list(cli::kept(load_catalogue(global)), format, options), "");
    } else if (show_cmd != nullptr && show_cmd->parsed()) {
      warn_no_color(global, "pricing show");
      const Catalogue& catalogue = cli::kept(load_catalogue(global));
      const Component* component = catalogue.find(show_id) ? nullptr : catalogue.find_component(show_id);
      options.width = format == Format::table ? terminal_width() : 0;
      emit(component ? render_component(*component, format, options)
                     : render_offering(catalogue, catalogue.get(show_id, "pricing show"), format, options),
           "");
    } else if (validate_cmd != nullptr && validate_cmd->parsed()) {
      if (global.format_option->count() > 0 && format != Format::table) {
        throw Error("--format", "", "pricing validate writes plain text, a line per file; drop --format");
      }
      if (global.pricing_option->count() > 0 && std::all_of(validate_files.begin(), validate_files.end(),
                                                            [](const auto& file) { return file == "bundled"; })) {
        throw Error("--pricing", "",
                    "pricing validate bundled checks the bundled tables only; to check FILE, name it: "
                    "breakeven pricing validate FILE");
      }
      warn_no_color(global, "pricing validate");
      std::string report;
      bool fresh = true;
      for (const auto& file : validate_files) {
        std::vector<RateTable> tables = rate_tables(file);
        std::size_t offerings = 0;
        std::size_t components = 0;
        for (const auto& table : tables) {
          offerings += table.offerings.size();
          components += table.components.size();
        }
        // Read before a file's table moves into the catalogue that checks its references.
        std::vector<StalePrice> stale =
            max_age_days >= 0 ? stale_prices(tables, today(), max_age_days) : std::vector<StalePrice>{};
        if (file != "bundled") {
          Catalogue catalogue = load_catalogue(global);
          catalogue.add(std::move(tables.front()));
          catalogue.check_references();
        }
        report += fmt::format("{}: ok ({} offerings, {} components)\n", file, offerings, components);
        for (const auto& price : stale) {
          report += fmt::format("{}: {}: as_of {} is {} days old (--max-age {})\n", file, price.id, price.as_of,
                                price.age_days, max_age_days);
          fresh = false;
        }
      }
      emit(report, "");
      return fresh ? k_exit_ok : k_exit_check_failed;
    } else if (import_cmd != nullptr && import_cmd->parsed()) {
      GlobalOptions::refuse(
          global.pricing_option, "--pricing",
          "pricing import builds on the bundled table of the provider, not on --pricing tables; drop --pricing");
      if (global.format_option->count() > 0 && format != Format::json) {
        throw Error("--format", "", "pricing import writes a rate table as JSON; drop --format");
      }
      warn_no_color(global, "pricing import");
      using Importer = ImportResult (*)(std::span<const std::filesystem::path>, std::string_view, const std::string&);
      static const std::map<std::string, Importer> k_importers{
          {"aws", &import_aws}, {"azure", &import_azure}, {"gcp", &import_gcp}};
      auto importer = k_importers.find(import_provider);
      if (importer == k_importers.end()) {
        throw Error("pricing import", "",
                    fmt::format("unknown provider \"{}\" (one of: aws, azure, gcp)", import_provider));
      }
      std::string template_name = "pricing/" + import_provider + ".json";
      std::string_view template_table;
      for (const auto& table : embedded_rate_tables()) {
        if (std::string_view(table.name) == template_name) {
          template_table = table.json;
        }
      }
      std::vector<std::filesystem::path> paths(import_files.begin(), import_files.end());
      ImportResult imported = importer->second(paths, template_table, template_name);
      emit(imported.table_json, "");
      for (const auto& line : imported.skipped) {
        std::fprintf(stderr, "breakeven: skipped: %s\n", line.c_str());
      }
      std::fprintf(stderr, "breakeven: imported %zu offerings and components, skipped %zu items (above)\n",
                   imported.imported.size(), imported.skipped.size());
    } else if (diff_cmd != nullptr && diff_cmd->parsed()) {
      GlobalOptions::refuse(global.pricing_option, "--pricing",
                            "pricing diff compares the two tables it is given (a file, or bundled); drop --pricing");
      warn_no_color(global, "pricing diff");
      options.width = format == Format::table ? terminal_width() : 0;
      DiffOptions diff_options;
      diff_options.common_only = diff_common;
      emit(render_pricing_diff(
               diff_prices(rate_tables(diff_before), rate_tables(diff_after), diff_before, diff_after, diff_options),
               format, options),
           "");
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "breakeven: error: %s\n", e.what());
    return k_exit_bad_input;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "breakeven: internal error (please report): %s\n", e.what());
    return k_exit_bug;
  }
  return k_exit_ok;
}

} // namespace

int main(int argc, char** argv) {
  // Only the subcommand named on the command line gets its options set up. Should CLI11 then
  // run another one, fail, or be asked for help, the run starts again with every option set up,
  // so that what it parses and prints is exactly what the full parser would.
  if (int code = run(argc, argv, Setup{named_subcommand(argc, argv), {argv, static_cast<std::size_t>(argc)}});
      code != k_retry_with_every_option) {
    return code;
  }
  return run(argc, argv, Setup{});
}
