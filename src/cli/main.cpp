// breakeven: the command-line front end. Parses flags, calls the library, writes what a
// renderer returns, and maps errors to exit codes. No cost logic lives here.

#include "scenario_flags.hpp"

#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/render.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace {

using namespace breakeven;

constexpr int k_exit_ok = 0;
constexpr int k_exit_bad_input = 2;
constexpr int k_exit_bug = 3;

struct GlobalOptions {
  std::vector<std::string> pricing_files;
  std::string format = "table";
  std::string color = "auto";
};

Format chosen_format(const GlobalOptions& global) {
  if (auto format = parse_format(global.format)) {
    return *format;
  }
  throw Error("--format", "",
              fmt::format("unknown format \"{}\" (one of: table, csv, tsv, json, markdown)", global.format));
}

bool use_color(const GlobalOptions& global) {
  if (global.color == "always") {
    return true;
  }
  if (global.color == "never") {
    return false;
  }
  if (global.color != "auto") {
    throw Error("--color", "", fmt::format("unknown value \"{}\" (one of: auto, always, never)", global.color));
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool dumb = term != nullptr && std::string_view(term) == "dumb";
  return (no_color == nullptr || *no_color == '\0') && !dumb && isatty(fileno(stdout)) != 0;
}

Catalogue load_catalogue(const GlobalOptions& global) {
  Catalogue catalogue = Catalogue::bundled();
  for (const auto& file : global.pricing_files) {
    catalogue.add(load_rate_table_file(file));
  }
  catalogue.check_references();
  return catalogue;
}

// Writes `text` to `path` whole or not at all: a temporary file beside it, then a rename.
void write_file_atomically(const std::string& path, const std::string& text) {
  std::filesystem::path target(path);
  std::filesystem::path temporary = target;
  temporary += fmt::format(".tmp-{}", getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(path, "", "cannot write here (does the directory exist, and may we write to it?)");
    }
    out << text;
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(temporary);
      throw Error(path, "", "write failed (disk full?)");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, target, error);
  if (error) {
    std::filesystem::remove(temporary);
    throw Error(path, "", fmt::format("cannot write: {}", error.message()));
  }
}

void emit(const std::string& text, const std::string& output_path) {
  if (output_path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  } else {
    write_file_atomically(output_path, text);
  }
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"breakeven: what a deployment really costs as VMs, Kubernetes, serverless containers or "
               "serverless functions, and at what traffic one starts costing more than another.",
               "breakeven"};
  app.set_version_flag("--version", "breakeven " BREAKEVEN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer("Examples:\n"
             "  breakeven compare --requests 50M --duration-ms 120 --memory-mb 512\n"
             "  breakeven compare --scenario examples/scenarios/api.json --breakdown\n"
             "  breakeven pricing list\n\n"
             "Exit codes: 0 success, 2 bad usage or bad input (one line on stderr).");

  GlobalOptions global;
  app.add_option("--pricing", global.pricing_files, "Extra rate table (JSON); overrides offerings by id; repeatable")
      ->type_name("FILE");
  app.add_option("--format", global.format, "Output format: table, csv, tsv, json, markdown")->type_name("F");
  app.add_option("--color", global.color, "Colour tables: auto (default; honours NO_COLOR), always, never")
      ->type_name("WHEN");

  auto* compare_cmd = app.add_subcommand("compare", "Monthly cost of each offering at one scenario, cheapest first");
  cli::ScenarioFlags compare_scenario;
  compare_scenario.add_to(*compare_cmd);
  std::vector<std::string> compare_offerings;
  bool breakdown = false;
  std::string compare_output;
  compare_cmd->add_option("--offering", compare_offerings, "Offering id or glob (aws.*, *.lambda.*); repeatable")
      ->type_name("ID|GLOB");
  compare_cmd->add_flag("--breakdown", breakdown, "Show every line item");
  compare_cmd->add_option("--output", compare_output, "Write to FILE (whole or not at all) instead of stdout")
      ->type_name("FILE");
  compare_cmd->footer("Examples:\n"
                      "  breakeven compare --requests 50M --duration-ms 120 --memory-mb 512\n"
                      "  breakeven compare --rps 200 --offering 'aws.*' --breakdown\n"
                      "  breakeven compare --scenario examples/scenarios/api.json --format json");

  auto* pricing_cmd = app.add_subcommand("pricing", "List, show and validate rate tables");
  pricing_cmd->require_subcommand(1);
  auto* list_cmd = pricing_cmd->add_subcommand("list", "Every offering: id, kind, provider, region, as_of");
  auto* show_cmd = pricing_cmd->add_subcommand("show", "An offering's charges, tiers, billing rules and limits");
  std::string show_id;
  show_cmd->add_option("id", show_id, "Offering id, e.g. aws.lambda.arm")->required();
  auto* validate_cmd = pricing_cmd->add_subcommand("validate", "Check rate-table files without using them");
  std::vector<std::string> validate_files;
  validate_cmd->add_option("files", validate_files, "Rate-table JSON files")->required();
  pricing_cmd->footer("Examples:\n"
                      "  breakeven pricing list --format csv\n"
                      "  breakeven pricing show aws.lambda.arm\n"
                      "  breakeven pricing validate my-prices.json");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(e); // --help, --version
    }
    std::string message = e.what();
    std::fprintf(stderr, "breakeven: error: %s (see breakeven --help)\n", message.c_str());
    return k_exit_bad_input;
  }

  try {
    Format format = chosen_format(global);
    RenderOptions options;
    options.color = use_color(global) && format == Format::table && compare_output.empty();
    options.breakdown = breakdown;
    if (compare_cmd->parsed()) {
      Catalogue catalogue = load_catalogue(global);
      Scenario scenario = compare_scenario.resolve();
      auto offerings = compare_offerings.empty() ? catalogue.defaults() : catalogue.select(compare_offerings);
      emit(render_compare(compare(catalogue, offerings, scenario), format, options), compare_output);
    } else if (list_cmd->parsed()) {
      emit(render_pricing_list(load_catalogue(global), format), "");
    } else if (show_cmd->parsed()) {
      Catalogue catalogue = load_catalogue(global);
      emit(render_offering(catalogue, catalogue.get(show_id, "pricing show"), format), "");
    } else if (validate_cmd->parsed()) {
      std::string report;
      for (const auto& file : validate_files) {
        Catalogue catalogue = load_catalogue(global);
        RateTable table = load_rate_table_file(file);
        std::size_t offerings = table.offerings.size();
        std::size_t components = table.components.size();
        catalogue.add(std::move(table));
        catalogue.check_references();
        report += fmt::format("{}: ok ({} offerings, {} components)\n", file, offerings, components);
      }
      emit(report, "");
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
