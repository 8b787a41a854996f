#pragma once
// The constraints `breakeven advise` takes besides the scenario. Parsing only: the library
// decides what they mean.

#include <breakeven/advise.hpp>

#include "scenario_flags.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace breakeven::cli {

class AdviseFlags {
public:
  /// Adds `--p99-ms`, `--isolation`, `--team`, `--portability`, `--budget`, `--cold-start-ms`:
  /// those `wanted` says are on the command line (WantedOptions).
  void add_to(CLI::App& command, const OnCommandLine& wanted);
  /// The constraints given; throws `Error` naming the flag for a bad value.
  Constraints constraints() const;

private:
  std::string m_p99_ms;
  std::string m_isolation;
  std::string m_team;
  std::string m_portability;
  std::string m_budget;
  std::string m_cold_start_ms;
};

} // namespace breakeven::cli
