#include <breakeven/scenario.hpp>

#include "json_reader.hpp"

#include <breakeven/error.hpp>

#include <fmt/format.h>

#include <cmath>
#include <istream>
#include <iterator>

namespace breakeven {
namespace {

using detail::JsonObject;
using detail::JsonValue;

// Numeric keys in documentation order; the loader and the CLI both go through this list.
constexpr std::string_view k_numeric_keys[] = {
    "requests_per_month", "rps",           "duration_ms",     "memory_mb", "cpu_ms",         "peak_to_average",
    "utilization",        "min_instances", "hours_per_month", "task_vcpu", "task_memory_mb", "ephemeral_storage_gb",
    "concurrency",        "response_kb",
};

bool is_numeric_key(std::string_view key) {
  for (auto known : k_numeric_keys) {
    if (known == key) {
      return true;
    }
  }
  return false;
}

} // namespace

double Scenario::requests() const {
  if (requests_per_month) {
    return *requests_per_month;
  }
  if (rps) {
    return *rps * hours_per_month * 3600.0;
  }
  return 0.0;
}

std::vector<std::string> scenario_keys() {
  std::vector<std::string> keys{"name"};
  keys.insert(keys.end(), std::begin(k_numeric_keys), std::end(k_numeric_keys));
  for (const char* key : {"free_tier", "node_type", "addons"}) {
    keys.emplace_back(key);
  }
  return keys;
}

std::optional<std::string> scenario_field_problem(std::string_view key, double value) {
  if (!std::isfinite(value)) {
    return "must be a finite number";
  }
  auto at_least = [value](double floor, std::string_view why) -> std::optional<std::string> {
    if (value < floor) {
      return fmt::format("must be at least {}{} (got {})", floor, why, value);
    }
    return std::nullopt;
  };
  auto above_zero = [value]() -> std::optional<std::string> {
    if (value <= 0) {
      return fmt::format("must be greater than 0 (got {})", value);
    }
    return std::nullopt;
  };
  if (key == "requests_per_month" || key == "rps" || key == "ephemeral_storage_gb" || key == "response_kb") {
    if (value < 0) {
      return fmt::format("must not be negative (got {})", value);
    }
    return std::nullopt;
  }
  if (key == "duration_ms" || key == "memory_mb" || key == "cpu_ms" || key == "task_vcpu" || key == "task_memory_mb") {
    return above_zero();
  }
  if (key == "peak_to_average") {
    return at_least(1, ": the peak is never below the average");
  }
  if (key == "utilization") {
    if (value <= 0 || value > 1) {
      return fmt::format("must be above 0 and at most 1 (got {}; 0.7 means 70%)", value);
    }
    return std::nullopt;
  }
  if (key == "min_instances") {
    if (value < 0 || value != std::floor(value) || value > 1e6) {
      return fmt::format("must be a whole number from 0 (got {})", value);
    }
    return std::nullopt;
  }
  if (key == "hours_per_month") {
    if (value <= 0 || value > 744) {
      return fmt::format("must be above 0 and at most 744, the hours in 31 days (got {})", value);
    }
    return std::nullopt;
  }
  if (key == "concurrency") {
    return at_least(1, "");
  }
  return fmt::format("\"{}\" is not a numeric scenario field", key);
}

void set_scenario_field(Scenario& scenario, std::string_view key, double value, const std::string& source) {
  if (!is_numeric_key(key)) {
    throw Error(source, "", fmt::format("\"{}\" is not a numeric scenario field", key));
  }
  if (auto problem = scenario_field_problem(key, value)) {
    throw Error(source, "", *problem);
  }
  if (key == "requests_per_month") {
    scenario.requests_per_month = value;
    scenario.rps.reset();
  } else if (key == "rps") {
    scenario.rps = value;
    scenario.requests_per_month.reset();
  } else if (key == "duration_ms") {
    scenario.duration_ms = value;
  } else if (key == "memory_mb") {
    scenario.memory_mb = value;
  } else if (key == "cpu_ms") {
    scenario.cpu_ms = value;
  } else if (key == "peak_to_average") {
    scenario.peak_to_average = value;
  } else if (key == "utilization") {
    scenario.utilization = value;
  } else if (key == "min_instances") {
    scenario.min_instances = static_cast<int>(value);
  } else if (key == "hours_per_month") {
    scenario.hours_per_month = value;
  } else if (key == "task_vcpu") {
    scenario.task_vcpu = value;
  } else if (key == "task_memory_mb") {
    scenario.task_memory_mb = value;
  } else if (key == "ephemeral_storage_gb") {
    scenario.ephemeral_storage_gb = value;
  } else if (key == "concurrency") {
    scenario.concurrency = value;
  } else if (key == "response_kb") {
    scenario.response_kb = value;
  }
}

Scenario parse_scenario(std::string_view json_text, const std::string& source_name) {
  nlohmann::json document = detail::parse_json(json_text, source_name);
  JsonValue root(document, source_name);
  JsonObject object(root, {"$schema", "name", "requests_per_month", "rps", "duration_ms", "memory_mb", "cpu_ms",
                           "peak_to_average", "utilization", "min_instances", "hours_per_month", "task_vcpu",
                           "task_memory_mb", "ephemeral_storage_gb", "concurrency", "response_kb", "free_tier",
                           "node_type", "addons"});
  if (object.has("requests_per_month") && object.has("rps")) {
    object.require("rps").fail("give either requests_per_month or rps, not both");
  }
  Scenario scenario;
  scenario.name = object.optional_string("name").value_or("");
  for (auto key : k_numeric_keys) {
    if (auto field = object.get(key)) {
      double value = field->number();
      if (auto problem = scenario_field_problem(key, value)) {
        field->fail(*problem);
      }
      set_scenario_field(scenario, key, value, source_name);
    }
  }
  if (auto flag = object.get("free_tier")) {
    scenario.free_tier = flag->boolean();
  }
  scenario.node_type = object.optional_string("node_type");
  if (auto addons = object.get("addons")) {
    scenario.addons = addons->strings();
  }
  return scenario;
}

void check_complete(const Scenario& scenario, const std::string& source_name) {
  if (!scenario.requests_per_month && !scenario.rps) {
    throw Error(source_name, "",
                "no traffic given: use --requests N or --rps X, or set requests_per_month or rps in a scenario file");
  }
}

ScenarioStream::ScenarioStream(std::istream& in, std::string source_name)
    : m_in(&in), m_source(std::move(source_name)) {}

std::optional<Scenario> ScenarioStream::next() {
  std::string line;
  while (!m_done && std::getline(*m_in, line)) {
    ++m_line;
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    }
    ++m_records;
    std::string source = fmt::format("{} line {}", m_source, m_line);
    if (m_records == 1 && !nlohmann::json::accept(line)) {
      // Not a record on one line: the whole input is one (pretty-printed) object.
      std::string rest{std::istreambuf_iterator<char>(*m_in), std::istreambuf_iterator<char>()};
      m_done = true;
      return parse_scenario(line + "\n" + rest, m_source);
    }
    m_json_lines = m_json_lines || m_records > 1;
    return parse_scenario(line, source);
  }
  m_done = true;
  return std::nullopt;
}

} // namespace breakeven
