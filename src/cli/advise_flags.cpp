#include "advise_flags.hpp"

#include <breakeven/error.hpp>
#include <breakeven/money.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace breakeven::cli {
namespace {

// A positive, finite number of at most `max`, or an Error naming `flag`.
std::optional<double> positive(const std::string& text, const char* flag, double max) {
  if (text.empty()) {
    return std::nullopt;
  }
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value) || value <= 0 || value > max) {
    throw Error(flag, "", fmt::format("must be a number above 0 and at most {:g} (got \"{}\")", max, text));
  }
  return value;
}

} // namespace

void AdviseFlags::add_to(CLI::App& command, const OnCommandLine& wanted) {
  WantedOptions options(command, wanted, "Constraints");
  options.option("--p99-ms", m_p99_ms, "Latency target for the 99th percentile, checked against cold starts", "MS");
  options.option("--isolation", m_isolation, "any, kernel or hardware: the isolation compliance needs (default any)",
                 "LEVEL");
  options.option("--team", m_team, "What the team operates: vm,containers,kubernetes,serverless (default: all)",
                 "LIST");
  options.option("--portability", m_portability,
                 "low, medium or high: how much an exit in three years matters (default low)", "NEED");
  options.option("--budget", m_budget, "Monthly budget in USD: options above it are ruled out", "USD");
  options.option("--cold-start-ms", m_cold_start_ms,
                 "A measured cold start, for every option (default: each offering's published figure)", "MS");
}

Constraints AdviseFlags::constraints() const {
  Constraints c;
  c.p99_ms = positive(m_p99_ms, "--p99-ms", 86'400'000);
  c.budget = positive(m_budget, "--budget", 1e12);
  c.cold_start_ms = positive(m_cold_start_ms, "--cold-start-ms", 86'400'000);
  if (!m_isolation.empty()) {
    auto need = parse_isolation_need(m_isolation);
    if (!need) {
      throw Error("--isolation", "", fmt::format("\"{}\" is not any, kernel or hardware", m_isolation));
    }
    c.isolation = *need;
  }
  if (!m_portability.empty()) {
    auto need = parse_exit_need(m_portability);
    if (!need) {
      throw Error("--portability", "", fmt::format("\"{}\" is not low, medium or high", m_portability));
    }
    c.portability = *need;
  }
  for (std::string_view skill : m_team.empty() ? std::vector<std::string_view>{} : split(m_team, ',')) {
    auto skills = team_skills();
    if (std::find(skills.begin(), skills.end(), skill) == skills.end()) {
      throw Error("--team", "", fmt::format("\"{}\" is not one of vm, containers, kubernetes, serverless", skill));
    }
    c.team.emplace_back(skill);
  }
  return c;
}

} // namespace breakeven::cli
