#include <breakeven/scenario.hpp>
#include <breakeven/text.hpp>

#include "json_reader.hpp"

#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <istream>
#include <iterator>

namespace breakeven {
namespace {

using detail::JsonObject;
using detail::JsonValue;

// The numeric fields in documentation order, each with its documented range (README, "Scenario
// fields"): the one place ranges are decided. The bounds keep every figure finite and exact:
// whole requests up to 2^53 are exact in a double, and the largest durations, memory sizes and
// response sizes times 2^53 requests stay far from overflow.
struct FieldRange {
  std::string_view key;
  double min;
  double max;
  std::string_view why_max;
  bool whole = false; // a count: whole numbers only
};

constexpr double k_max_requests_per_month = 9007199254740992.0; // 2^53
constexpr double k_max_ms = 86'400'000.0;                       // 24 hours
constexpr double k_max_memory_mb = 10'485'760.0;                // 10 TiB

constexpr FieldRange k_ranges[] = {
    {"requests_per_month", 0, k_max_requests_per_month, "2^53, the largest exact whole number"},
    {"rps", 0, 3e9, "3 billion a second keeps a month below 2^53 requests"},
    {"duration_ms", 0.001, k_max_ms, "24 hours"},
    {"memory_mb", 1, k_max_memory_mb, "10 TiB"},
    {"cpu_ms", 0.001, k_max_ms, "24 hours"},
    {"rps_per_instance", 0.001, 3e9, "the most rps a scenario can have"},
    {"peak_to_average", 1, 10'000, ""},
    {"utilization", 0.01, 1, ""},
    {"min_instances", 0, 1e6, "", true},
    {"max_instances", 1, 1e6, "", true},
    {"month_hours", 672, 744, "the hours in 31 days"},
    {"hours_per_month", 0.01, 744, "the hours in 31 days"},
    {"hours_per_day", 1, 24, "", true},
    {"days_per_week", 1, 7, "", true},
    {"start_hour", 0, 23, "", true},
    {"task_vcpu", 0.01, 1024, ""},
    {"task_memory_mb", 1, k_max_memory_mb, "10 TiB"},
    {"ephemeral_storage_gb", 0, 1e5, "100 TB"},
    {"concurrency", 1, 1e5, "", true},
    {"response_kb", 0, 1e7, "10 GB"},
    {"request_kb", 0, 1e7, "10 GB"},
    {"egress_gb_per_month", 0, 1e9, "1 EB"},
    {"nat_gb_per_month", 0, 1e9, "1 EB"},
    {"cpu_credit_hours", 0, 1e7, ""},
    {"disk_gb", 1, 65'536, "64 TiB, the largest EBS volume"},
    {"requests_per_connection", 1, 1e9, ""},
    {"provisioned_concurrency", 0, 1e5, "", true},
    {"provisioned_hours", 0.01, 744, "the hours in 31 days"},
    {"provisioned_share", 0, 1, ""},
    {"cold_start_share", 0, 1, ""},
    {"init_ms", 0, k_max_ms, "24 hours"},
    {"keep_warm_minutes", 0, 1440, "a day"},
    {"hourly_rate", 0, 10'000, ""},
    {"static_share", 0, 1, ""},
    {"gpu_ms", 0.001, k_max_ms, "24 hours"},
    {"batch_size", 1, 1e5, "", true},
    {"scale_down_window_s", 0, 86'400, "a day"},
};

// The field named `key`, or nullptr. JSON Lines look up every field of every record, so the
// fields are grouped by the length of their names and only names of the key's length compared.
const FieldRange* range_of(std::string_view key) {
  constexpr std::size_t k_longest = 32;
  constexpr std::size_t k_same_length = 8;
  struct Group {
    std::array<const FieldRange*, k_same_length> ranges{};
    std::size_t size = 0;
  };
  static const std::array<Group, k_longest> by_length = [] {
    std::array<Group, k_longest> groups{};
    for (const auto& range : k_ranges) {
      Group& group = groups.at(range.key.size());
      group.ranges.at(group.size++) = &range;
    }
    return groups;
  }();
  if (key.size() >= k_longest) {
    return nullptr;
  }
  const Group& group = by_length[key.size()];
  for (std::size_t i = 0; i < group.size; ++i) {
    if (group.ranges[i]->key == key) {
      return group.ranges[i];
    }
  }
  return nullptr;
}

// True when `line` is the beginning of a JSON value that goes on over further lines: it is not
// a value by itself, and the parser ran out of input rather than into a syntax error. A line
// that is wrong in itself is a bad JSON Lines record, so that --keep-going can skip it.
bool starts_multi_line_value(const std::string& line) {
  if (nlohmann::json::accept(line)) {
    return false;
  }
  try {
    auto ignored = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    return e.byte >= line.size();
  } catch (const nlohmann::json::exception&) {
    return false; // a number too large for a double: a bad record, which parse_scenario names
  }
  return false;
}

} // namespace

bool Scenario::is_given(std::string_view key) const {
  return std::find(given.begin(), given.end(), key) != given.end();
}

const ScenarioRange* Scenario::find_range(std::string_view key) const {
  auto found = std::find_if(ranges.begin(), ranges.end(), [key](const ScenarioRange& r) { return r.key == key; });
  return found == ranges.end() ? nullptr : &*found;
}

namespace {
void mark_given(Scenario& scenario, std::string_view key) {
  if (!scenario.is_given(key)) {
    scenario.given.emplace_back(key);
  }
}

} // namespace

double Scenario::effective_cpu_ms() const {
  if (cpu_ms) {
    return *cpu_ms;
  }
  return duration_ms * std::min(1.0, memory_mb / k_memory_mb_per_vcpu);
}

double Scenario::requests() const {
  if (requests_per_month) {
    return *requests_per_month;
  }
  if (rps) {
    return *rps * running_hours() * 3600.0;
  }
  if (!profile.empty()) {
    // Alone, a profile is in requests per second: its mean rate over the month.
    double sum = 0;
    for (double value : profile) {
      sum += value;
    }
    return sum / static_cast<double>(profile.size()) * month_hours * 3600.0;
  }
  return 0.0;
}

std::vector<double> Scenario::profile_shares() const {
  double sum = 0;
  for (double value : profile) {
    sum += value;
  }
  std::vector<double> shares;
  shares.reserve(profile.size());
  for (double value : profile) {
    shares.push_back(value / sum);
  }
  return shares;
}

double Scenario::peak_factor() const {
  if (profile.empty()) {
    return peak_to_average;
  }
  // The busiest hour's rate, R x share / (month_hours / len x 3600), over the average rate of
  // the running hours, R / (running_hours x 3600).
  auto shares = profile_shares();
  return *std::max_element(shares.begin(), shares.end()) * static_cast<double>(shares.size()) * running_hours() /
         month_hours;
}

double Scenario::running_hours() const {
  if (hours_per_month) {
    return *hours_per_month;
  }
  return month_hours * hours_per_day.value_or(24) / 24.0 * days_per_week.value_or(7) / 7.0;
}

bool Scenario::runs_in_hour(std::size_t hour) const {
  if (hours_per_month) {
    return true; // the simple form says how many hours, not which
  }
  auto day = static_cast<int>(hour / 24 % 7);
  auto hour_of_day = static_cast<int>(hour % 24);
  return day < days_per_week.value_or(7) && (hour_of_day - start_hour + 24) % 24 < hours_per_day.value_or(24);
}

std::string_view to_string(Scaling scaling) {
  return scaling == Scaling::fixed ? "fixed" : "autoscaled";
}

std::optional<Scaling> parse_scaling(std::string_view text) {
  if (text == "fixed") {
    return Scaling::fixed;
  }
  if (text == "autoscaled") {
    return Scaling::autoscaled;
  }
  return std::nullopt;
}

void check_profile(const std::vector<double>& profile, const std::string& source) {
  if (profile.size() != 24 && profile.size() != 168) {
    throw Error(source, "",
                fmt::format("a profile has 24 values (a day) or 168 (a week), one per hour; got {}", profile.size()));
  }
  double sum = 0;
  for (std::size_t i = 0; i < profile.size(); ++i) {
    if (!std::isfinite(profile[i]) || profile[i] < 0 || profile[i] > 3e9) {
      throw Error(source, "", fmt::format("hour {}: a rate must be from 0 to 3e9 (got {})", i, profile[i]));
    }
    sum += profile[i];
  }
  if (!(sum > 0)) {
    throw Error(source, "", "a profile needs some traffic: every hour is 0");
  }
}

std::vector<double> parse_profile(std::string_view text, const std::string& source) {
  std::vector<double> hours;
  for (std::string_view part : split(text, ',')) {
    std::size_t at = part.find("h@");
    double count = 0;
    double rate = 0;
    bool good = at != std::string_view::npos;
    if (good) {
      std::string count_text(part.substr(0, at));
      std::string rate_text(part.substr(at + 2));
      char* end = nullptr;
      count = std::strtod(count_text.c_str(), &end);
      good = !count_text.empty() && *end == '\0' && count >= 1 && count <= 168 && count == std::floor(count);
      rate = std::strtod(rate_text.c_str(), &end);
      good = good && !rate_text.empty() && *end == '\0';
    }
    if (!good) {
      throw Error(
          source, "",
          fmt::format("\"{}\" is not HOURSh@RATE (example: 4h@500,20h@5, whole hours adding up to 24 or 168)", part));
    }
    if (hours.size() + static_cast<std::size_t>(count) > 168) {
      throw Error(source, "", "the hours add up to more than 168 (a week)");
    }
    hours.insert(hours.end(), static_cast<std::size_t>(count), rate);
  }
  if (hours.size() != 24 && hours.size() != 168) {
    throw Error(source, "",
                fmt::format("the hours add up to {}; a profile covers 24 (a day) or 168 (a week)", hours.size()));
  }
  check_profile(hours, source);
  return hours;
}

std::vector<std::string> scenario_keys() {
  std::vector<std::string> keys{"name"};
  for (const auto& range : k_ranges) {
    keys.emplace_back(range.key);
  }
  for (const char* key : {"free_tier", "node_type", "disk_type", "addons", "components", "profile", "scaling",
                          "ops_hours", "interruptible"}) {
    keys.emplace_back(key);
  }
  return keys;
}

namespace {

std::optional<std::string> field_problem(const FieldRange* range, double value) {
  std::string_view key = range->key;
  if (!std::isfinite(value)) {
    return "must be a finite number";
  }
  auto got = [value] { return fmt::format("(got {})", format_number(value)); }; // formatted only for a problem
  if (range->whole && value != std::floor(value)) {
    return fmt::format("must be a whole number from {} {}", range->min, got());
  }
  if (key == "utilization" && (value < range->min || value > range->max)) {
    return fmt::format("must be from 0.01 to 1 (got {}; 0.7 means 70%)", value);
  }
  if (key == "peak_to_average" && value < range->min) {
    return fmt::format("must be at least 1: the peak is never below the average {}", got());
  }
  if (value < range->min) {
    if (range->min == 0) {
      return fmt::format("must not be negative {}", got());
    }
    return fmt::format("must be at least {} {}", range->min, got());
  }
  if (value > range->max) {
    return fmt::format("must be at most {}{} {}", range->max,
                       range->why_max.empty() ? std::string{} : fmt::format(" ({})", range->why_max), got());
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> scenario_field_problem(std::string_view key, double value) {
  const FieldRange* range = range_of(key);
  if (!range) {
    return fmt::format("\"{}\" is not a numeric scenario field", key);
  }
  return field_problem(range, value);
}

namespace {

// Sets `key` in a list of (key, value) pairs kept in first-given order.
template <typename Value>
void set_keyed(std::vector<std::pair<std::string, Value>>& entries, const std::string& key, Value value) {
  auto known = std::find_if(entries.begin(), entries.end(), [&key](const auto& entry) { return entry.first == key; });
  if (known == entries.end()) {
    entries.emplace_back(key, value);
  } else {
    known->second = value;
  }
}

} // namespace

void set_component_count(Scenario& scenario, const std::string& id, int count) {
  set_keyed(scenario.components, id, count);
  mark_given(scenario, "components");
}

void set_ops_hours(Scenario& scenario, const std::string& kind, double hours, const std::string& source) {
  constexpr std::array k_kinds{OfferingKind::function, OfferingKind::container_service, OfferingKind::kubernetes,
                               OfferingKind::vm};
  bool known = std::any_of(k_kinds.begin(), k_kinds.end(), [&kind](OfferingKind k) { return to_string(k) == kind; });
  if (!known) {
    throw Error(source, "",
                fmt::format("\"{}\" is not an offering kind (function, container-service, kubernetes, vm)", kind));
  }
  if (!std::isfinite(hours) || hours < 0 || hours > 100'000) {
    throw Error(source, "", fmt::format("{}: engineer-hours a month must be from 0 to 100,000 (got {})", kind, hours));
  }
  set_keyed(scenario.ops_hours, kind, hours);
  mark_given(scenario, "ops_hours");
}

bool scenario_field_is_whole(std::string_view key) {
  const FieldRange* range = range_of(key);
  return range && range->whole;
}

std::optional<std::string> scenario_range_problem(std::string_view key, double low, double expected, double high) {
  for (auto [end, value] : {std::pair{"low", low}, {"expected", expected}, {"high", high}}) {
    if (auto problem = scenario_field_problem(key, value)) {
      return fmt::format("{}: {}", end, *problem);
    }
  }
  if (low > high) {
    return fmt::format("low {} is above high {}: a range goes from low to high", low, high);
  }
  if (expected < low || expected > high) {
    return fmt::format("expected {} is outside the range {} to {}", expected, low, high);
  }
  return std::nullopt;
}

void set_scenario_range(Scenario& scenario, std::string_view key, double low, std::optional<double> expected,
                        double high, const std::string& source) {
  const FieldRange* range = range_of(key);
  if (!range) {
    throw Error(source, "", fmt::format("\"{}\" is not a numeric scenario field", key));
  }
  double middle = low + (high - low) / 2;
  double value = expected.value_or(range->whole ? std::round(middle) : middle);
  if (auto problem = scenario_range_problem(key, low, value, high)) {
    throw Error(source, "", *problem);
  }
  set_scenario_field(scenario, key, value, source);
  scenario.ranges.push_back({std::string(key), low, value, high});
}

void set_scenario_field(Scenario& scenario, std::string_view key, double value, const std::string& source) {
  const FieldRange* range = range_of(key);
  if (!range) {
    throw Error(source, "", fmt::format("\"{}\" is not a numeric scenario field", key));
  }
  if (auto problem = field_problem(range, value)) {
    throw Error(source, "", *problem);
  }
  // One number replaces a range of the field, and traffic is requests or rps, not both.
  std::erase_if(scenario.ranges, [key](const ScenarioRange& r) {
    bool traffic = key == "requests_per_month" || key == "rps";
    return r.key == key || (traffic && (r.key == "requests_per_month" || r.key == "rps"));
  });
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
  } else if (key == "max_instances") {
    scenario.max_instances = static_cast<int>(value);
  } else if (key == "month_hours") {
    scenario.month_hours = value;
  } else if (key == "hours_per_month") {
    scenario.hours_per_month = value;
  } else if (key == "hours_per_day") {
    scenario.hours_per_day = static_cast<int>(value);
  } else if (key == "days_per_week") {
    scenario.days_per_week = static_cast<int>(value);
  } else if (key == "start_hour") {
    scenario.start_hour = static_cast<int>(value);
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
  } else if (key == "request_kb") {
    scenario.request_kb = value;
  } else if (key == "egress_gb_per_month") {
    scenario.egress_gb_per_month = value;
  } else if (key == "nat_gb_per_month") {
    scenario.nat_gb_per_month = value;
  } else if (key == "cpu_credit_hours") {
    scenario.cpu_credit_hours = value;
  } else if (key == "disk_gb") {
    scenario.disk_gb = value;
  } else if (key == "rps_per_instance") {
    scenario.rps_per_instance = value;
  } else if (key == "requests_per_connection") {
    scenario.requests_per_connection = value;
  } else if (key == "provisioned_concurrency") {
    scenario.provisioned_concurrency = static_cast<int>(value);
  } else if (key == "provisioned_hours") {
    scenario.provisioned_hours = value;
  } else if (key == "provisioned_share") {
    scenario.provisioned_share = value;
  } else if (key == "cold_start_share") {
    scenario.cold_start_share = value;
  } else if (key == "init_ms") {
    scenario.init_ms = value;
  } else if (key == "keep_warm_minutes") {
    scenario.keep_warm_minutes = value;
  } else if (key == "hourly_rate") {
    scenario.hourly_rate = value;
  } else if (key == "static_share") {
    scenario.static_share = value;
  } else if (key == "gpu_ms") {
    scenario.gpu_ms = value;
  } else if (key == "batch_size") {
    scenario.batch_size = static_cast<int>(value);
  } else if (key == "scale_down_window_s") {
    scenario.scale_down_window_s = value;
  }
  mark_given(scenario, key);
}

namespace {

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The end of the JSON number at the start of `text` (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?
// ([eE][+-]?[0-9]+)?), or 0 when it does not start with one.
std::size_t json_number_length(std::string_view text) {
  std::size_t i = 0;
  auto digits = [&text, &i] {
    std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
    }
    return i - start;
  };
  if (i < text.size() && text[i] == '-') {
    ++i;
  }
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return 0;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) {
      return 0;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    if (digits() == 0) {
      return 0;
    }
  }
  return i;
}

// A scenario of the commonest shape, read without building a JSON document: one object of
// distinct numeric fields, each a number within its range, and optionally a name in plain
// ASCII. Anything else (other keys and types, escapes, duplicates, a value out of range)
// gives nothing, and the full parser reads the text instead, so that a record reads the same
// and fails with the same message whichever way it is read. JSON Lines of millions of
// scenarios spend most of their time here. Returns false, `out` unchanged, when the text is
// not of that shape.
bool parse_flat_scenario(std::string_view text, const std::string& source_name, Scenario& out) {
  constexpr std::size_t k_fields = std::size(k_ranges);
  static_assert(k_fields <= 64, "one bit per numeric field");
  std::array<double, k_fields> values{};
  std::uint64_t seen = 0;
  std::optional<std::string_view> name;
  std::size_t i = 0;
  auto skip_space = [&text, &i] {
    while (i < text.size() && is_json_space(text[i])) {
      ++i;
    }
  };
  // A string without escapes, control characters or bytes beyond ASCII, after its quote.
  auto plain_string = [&text, &i]() -> std::optional<std::string_view> {
    std::size_t start = ++i;
    while (i < text.size() && text[i] != '"') {
      auto c = static_cast<unsigned char>(text[i]);
      if (c == '\\' || c < 0x20 || c >= 0x80) {
        return std::nullopt;
      }
      ++i;
    }
    if (i == text.size()) {
      return std::nullopt;
    }
    return text.substr(start, i++ - start);
  };
  skip_space();
  if (i == text.size() || text[i] != '{') {
    return false;
  }
  ++i;
  skip_space();
  bool empty = i < text.size() && text[i] == '}';
  while (!empty) {
    if (i == text.size() || text[i] != '"') {
      return false;
    }
    auto key = plain_string();
    skip_space();
    if (!key || i == text.size() || text[i] != ':') {
      return false;
    }
    ++i;
    skip_space();
    if (*key == "name") {
      if (name || i == text.size() || text[i] != '"') {
        return false;
      }
      name = plain_string();
      if (!name || name->empty()) {
        return false;
      }
    } else {
      const FieldRange* range = range_of(*key);
      if (range == nullptr) {
        return false;
      }
      auto field = static_cast<std::size_t>(range - std::begin(k_ranges));
      std::size_t length = json_number_length(text.substr(i));
      double value = 0;
      auto [end, error] = std::from_chars(text.data() + i, text.data() + i + length, value);
      if (length == 0 || error != std::errc{} || end != text.data() + i + length || (seen >> field & 1U) != 0) {
        return false;
      }
      value = value == 0 ? 0.0 : value; // -0 reads as 0, as JsonValue::number() reads it
      if (field_problem(range, value)) {
        return false;
      }
      values[field] = value;
      seen |= std::uint64_t{1} << field;
      i += length;
    }
    skip_space();
    if (i < text.size() && text[i] == ',') {
      ++i;
      skip_space();
      continue;
    }
    break;
  }
  if (i == text.size() || text[i] != '}') {
    return false;
  }
  ++i;
  skip_space();
  static_assert(k_ranges[0].key == "requests_per_month" && k_ranges[1].key == "rps");
  constexpr std::uint64_t k_traffic = 0b11; // both traffic fields: the full parser says which to drop
  if (i != text.size() || (seen & k_traffic) == k_traffic) {
    return false;
  }
  Scenario& scenario = out;
  scenario.name = name.value_or("");
  scenario.given.reserve(static_cast<std::size_t>(std::popcount(seen)));
  for (std::size_t field = 0; field < k_fields; ++field) { // in the order parse_scenario sets them
    if ((seen >> field & 1U) != 0) {
      set_scenario_field(scenario, k_ranges[field].key, values[field], source_name);
    }
  }
  return true;
}

// Any scenario, through a JSON document whose every bad value is named by its path.
Scenario parse_any_scenario(std::string_view json_text, const std::string& source_name) {
  nlohmann::json document = detail::parse_json(json_text, source_name);
  JsonValue root(document, source_name);
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> known = scenario_keys();
    known.insert(known.begin(), "$schema");
    return known;
  }();
  JsonObject object(root, keys);
  if (object.has("requests_per_month") && object.has("rps")) {
    object.require("rps").fail("give either requests_per_month or rps, not both");
  }
  Scenario scenario;
  scenario.name = object.optional_string("name").value_or("");
  for (const auto& range : k_ranges) {
    std::string_view key = range.key;
    if (auto field = object.get(key)) {
      if (field->raw().is_object()) {
        JsonObject ends(*field, {"low", "expected", "high"});
        double low = ends.require("low").number();
        double high = ends.require("high").number();
        std::optional<double> expected;
        if (auto given = ends.get("expected")) {
          expected = given->number();
        }
        try {
          set_scenario_range(scenario, key, low, expected, high, source_name);
        } catch (const Error& e) {
          field->fail(e.message());
        }
        continue;
      }
      double value = field->number();
      if (auto problem = scenario_field_problem(key, value)) {
        field->fail(*problem);
      }
      set_scenario_field(scenario, key, value, source_name);
    }
  }
  if (auto flag = object.get("free_tier")) {
    scenario.free_tier = flag->boolean();
    mark_given(scenario, "free_tier");
  }
  if (auto flag = object.get("interruptible")) {
    scenario.interruptible = flag->boolean();
    mark_given(scenario, "interruptible");
  }
  scenario.node_type = object.optional_string("node_type");
  if (scenario.node_type) {
    mark_given(scenario, "node_type");
  }
  scenario.disk_type = object.optional_string("disk_type");
  if (scenario.disk_type) {
    mark_given(scenario, "disk_type");
  }
  if (auto addons = object.get("addons")) {
    scenario.addons = addons->strings();
  }
  if (auto profile = object.get("profile")) {
    for (const auto& item : profile->items()) {
      scenario.profile.push_back(item.non_negative());
    }
    try {
      check_profile(scenario.profile, source_name);
    } catch (const Error& e) {
      profile->fail(e.message());
    }
    mark_given(scenario, "profile");
  }
  if (auto scaling = object.get("scaling")) {
    auto parsed = parse_scaling(scaling->string());
    if (!parsed) {
      scaling->fail("must be \"fixed\" or \"autoscaled\"");
    }
    scenario.scaling = parsed;
    mark_given(scenario, "scaling");
  }
  if (auto ops = object.get("ops_hours")) {
    for (const auto& [kind, hours] : ops->members()) {
      try {
        set_ops_hours(scenario, kind, hours.number(), source_name);
      } catch (const Error& e) {
        ops->fail(e.message());
      }
    }
  }
  if (auto components = object.get("components")) {
    for (const auto& [id, count] : components->members()) {
      if (id.empty()) {
        components->fail("a component id must not be empty");
      }
      set_component_count(scenario, id, count.whole(0, k_max_component_count));
    }
  }
  return scenario;
}

} // namespace

Scenario parse_scenario(std::string_view json_text, const std::string& source_name) {
  Scenario scenario;
  if (parse_flat_scenario(json_text, source_name, scenario)) {
    return scenario;
  }
  scenario = parse_any_scenario(json_text, source_name);
  return scenario;
}

void check_complete(const Scenario& scenario, const std::string& source_name) {
  if (!scenario.requests_per_month && !scenario.rps && scenario.profile.empty()) {
    throw Error(source_name, "",
                "no traffic given: use --requests N, --rps X or --profile, or set requests_per_month, rps or profile "
                "in a scenario file");
  }
  check_consistent(scenario, source_name);
}

namespace {

void check_consistent_values(const Scenario& scenario, const std::string& source_name) {
  bool weekly = scenario.hours_per_day || scenario.days_per_week || scenario.is_given("start_hour");
  if (scenario.hours_per_month && weekly) {
    throw Error(source_name, "",
                "give either hours_per_month or a weekly schedule (hours_per_day, days_per_week, start_hour), not "
                "both");
  }
  if (scenario.hours_per_month && *scenario.hours_per_month > scenario.month_hours) {
    throw Error(source_name, "",
                fmt::format("hours_per_month is {:g}, more than the month's {:g} hours (month_hours)",
                            *scenario.hours_per_month, scenario.month_hours));
  }
  if (!scenario.profile.empty() && scenario.hours_per_month) {
    throw Error(source_name, "",
                "a profile with hours_per_month: hours_per_month says how many hours capacity runs, not which; "
                "with a profile, say which with hours_per_day, days_per_week and start_hour");
  }
  if (scenario.provisioned_hours && *scenario.provisioned_hours > scenario.running_hours() + 1e-9) {
    throw Error(source_name, "",
                fmt::format("provisioned_hours is {:g}, more than the {:g} hours the schedule runs",
                            *scenario.provisioned_hours, scenario.running_hours()));
  }
  if (!scenario.ops_hours.empty() && !scenario.hourly_rate) {
    throw Error(source_name, "", "ops_hours without hourly_rate: set what an engineer-hour costs (--hourly-rate 95)");
  }
  for (const char* key : {"provisioned_hours", "provisioned_share"}) {
    if (scenario.is_given(key) && !scenario.provisioned_concurrency) {
      throw Error(source_name, "", fmt::format("{} without provisioned_concurrency: set how many environments", key));
    }
  }
  if (scenario.cold_start_share && scenario.keep_warm_minutes) {
    throw Error(source_name, "", "give either cold_start_share or keep_warm_minutes (which estimates it), not both");
  }
  if (scenario.provisioned_hours && !scenario.profile.empty()) {
    throw Error(source_name, "",
                "a profile with provisioned_hours: with a profile, provisioned concurrency runs the schedule's "
                "hours (hours_per_day, days_per_week, start_hour)");
  }
  if (!scenario.profile.empty() && scenario.peak_to_average != 1) {
    throw Error(source_name, "", "give either a profile or peak_to_average, not both: the profile says the peaks");
  }
}

} // namespace

void check_consistent(const Scenario& scenario, const std::string& source_name) {
  check_consistent_values(scenario, source_name);
  if (scenario.ranges.empty()) {
    return;
  }
  // Each check compares fields that only rise or only fall together, so it holds at every
  // value in the ranges once it holds at every combination of their ends.
  std::vector<const ScenarioRange*> read;
  for (const char* key :
       {"month_hours", "hours_per_month", "hours_per_day", "days_per_week", "provisioned_hours", "peak_to_average"}) {
    if (const ScenarioRange* range = scenario.find_range(key)) {
      read.push_back(range);
    }
  }
  if (read.empty()) {
    return;
  }
  for (unsigned corner = 0; corner < (1U << read.size()); ++corner) {
    Scenario at = scenario;
    for (std::size_t i = 0; i < read.size(); ++i) {
      set_scenario_field(at, read[i]->key, (corner >> i & 1U) != 0 ? read[i]->high : read[i]->low, source_name);
    }
    try {
      check_consistent_values(at, source_name);
    } catch (const Error& e) {
      throw Error(e.source(), e.path(), fmt::format("at the ends of the ranges: {}", e.message()));
    }
  }
}

ScenarioStream::ScenarioStream(std::istream& in, std::string source_name)
    : m_in(&in), m_source(std::move(source_name)) {}

namespace {

// Appends to `text` what `in` holds up to the end of the line (dropped) or of the input, and
// fails once `text` is over the input limit: a record, or one object, is at most that big.
// False at the end of the input with nothing read. `source` names the text in that error.
template <typename Source>
bool read_line_within_limit(std::istream& in, std::string& text, Source source, bool to_end) {
  auto check_size = [&] {
    if (text.size() > k_max_input_bytes) {
      throw Error(source(), "",
                  fmt::format("{} is larger than {} MiB; a scenario is a few hundred bytes",
                              to_end ? "the scenario" : "a line", k_max_input_bytes / (1024 * 1024)));
    }
  };
  std::array<char, 4096> chunk; // written by getline or read, read only as far as gcount says
  bool any = false;
  while (true) {
    // A chunk at a time: getline stops at the newline (taken, not stored), at the end of the
    // input, or with the chunk full (failbit, the line goes on).
    if (to_end) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    } else {
      in.getline(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    }
    auto got = static_cast<std::size_t>(in.gcount());
    bool end = in.eof();
    bool newline = !to_end && !end && !in.fail();
    any = any || got > 0;
    text.append(chunk.data(), newline ? got - 1 : got);
    check_size();
    if (newline) {
      return true;
    }
    if (end) {
      in.clear(std::ios::eofbit);
      return any;
    }
    in.clear();
  }
}

} // namespace

std::optional<Scenario> ScenarioStream::next() {
  if (!next_record(m_record)) {
    return std::nullopt;
  }
  std::optional<Scenario> scenario(std::in_place);
  parse(m_record, *scenario);
  return scenario;
}

bool ScenarioStream::next_record(Record& record) {
  std::string& line = record.text;
  while (!m_done) {
    line.clear();
    auto next_line = [this] { return fmt::format("{} line {}", m_source, m_line + 1); };
    if (!read_line_within_limit(*m_in, line, next_line, false)) {
      break;
    }
    ++m_line;
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    }
    ++m_records;
    record.line = m_line;
    record.whole = false;
    if (m_records == 1 && starts_multi_line_value(line)) {
      // Not a record on one line: the whole input is one (pretty-printed) object.
      line.push_back('\n');
      read_line_within_limit(
          *m_in, line, [this] { return m_source; }, true);
      m_done = true;
      record.whole = true;
      return true;
    }
    m_json_lines = m_json_lines || m_records > 1;
    return true;
  }
  m_done = true;
  return false;
}

void ScenarioStream::parse(const Record& record, Scenario& out) const {
  if (record.whole) {
    out = parse_scenario(record.text, m_source);
    return;
  }
  if (parse_flat_scenario(record.text, m_source, out)) { // cannot fail, so names no line
    return;
  }
  std::string source = fmt::format("{} line {}", m_source, record.line);
  try {
    out = parse_any_scenario(record.text, source);
  } catch (const Error& e) {
    // The source names the line already: "<stdin> line 7: column 26: ...".
    constexpr std::string_view k_first_line = "line 1, ";
    if (!e.path().starts_with(k_first_line)) {
      throw;
    }
    throw Error(e.source(), e.path().substr(k_first_line.size()), e.message());
  }
}

} // namespace breakeven
