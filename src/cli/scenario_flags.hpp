#pragma once
// The scenario flags every command that takes a scenario shares. Parsing only: values go
// through the library's set_scenario_field, which decides what is valid.

#include <breakeven/scenario.hpp>

#include "wanted_options.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven::cli {

class ScenarioFlags {
public:
  /// Adds `--scenario`, `--requests`, `--rps`, ... to a subcommand: only those `on_command_line`
  /// says are there, when it is given (a parse that fails is run again with every flag, so
  /// output and errors are the same).
  void add_to(CLI::App& command, const OnCommandLine& on_command_line = {});

  /// Every scenario given: the file (or none) with the flags applied over it, or with
  /// `--scenario -` each record on standard input (one object or JSON Lines), flags applied to
  /// each. Throws `Error`, and when `traffic_required`, also when a scenario gives no traffic.
  std::vector<Scenario> scenarios(bool traffic_required = true) const;

  /// The one scenario given; throws `Error` when standard input holds several.
  Scenario resolve(bool traffic_required = true) const;

  /// Applies the flags given on the command line over `scenario` (a budget check's, say).
  /// Several threads may apply them at once after one call of prepare().
  void apply(Scenario& scenario) const;

  /// Works out, once, which numeric flags were given (apply does it on its first call).
  void prepare() const;

  /// True when the scenario comes from standard input (`--scenario -`).
  bool reads_stdin() const { return given(m_scenario_option) && m_scenario_file == "-"; }

  /// True when `--scenario` was given (a file, or - for standard input).
  bool file_given() const { return given(m_scenario_option); }

  /// True when the scenario file or any scenario flag was given.
  bool any_given() const;

private:
  struct NumericFlag {
    std::string flag;              // "--memory-mb"
    std::string key;               // "memory_mb"
    std::string value;             // as typed
    CLI::Option* option = nullptr; // null when not set up (not on the command line)

    bool given() const { return cli::given(option); }
  };
  std::string m_scenario_file;
  std::vector<NumericFlag> m_numeric;
  /// The numeric flags on the command line, found at the first apply (which a stream of
  /// scenarios calls once per record).
  mutable std::optional<std::vector<std::size_t>> m_given_numeric; // indices into m_numeric
  bool m_no_free_tier = false;
  bool m_interruptible = false;
  std::string m_node_type;
  std::string m_disk_type;
  std::vector<std::string> m_addons;
  std::vector<std::string> m_components; // "ID=COUNT"
  std::vector<std::string> m_ops_hours;  // "KIND=HOURS"
  std::string m_profile;
  std::string m_scaling;
  CLI::Option* m_profile_option = nullptr;
  CLI::Option* m_scaling_option = nullptr;
  CLI::Option* m_scenario_option = nullptr;
  CLI::Option* m_node_type_option = nullptr;
  CLI::Option* m_disk_type_option = nullptr;
};

} // namespace breakeven::cli
