#include "json_reader.hpp"

#include "json_parse.hpp"

#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace breakeven::detail {

namespace {

// A linear scan (brackets inside strings do not count) so that a deeply nested document is
// refused before the parser and every later walk over it see it.
void check_nesting(std::string_view text, const std::string& source) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  std::size_t line = 1;
  std::size_t column = 0;
  for (char c : text) {
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
    }
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > k_max_json_depth) {
        throw Error(source, fmt::format("line {}, column {}", line, column),
                    fmt::format("arrays and objects nested more than {} deep", k_max_json_depth));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

} // namespace

nlohmann::json parse_json(std::string_view text, const std::string& source) {
  // Valid input, the usual case, takes the fast parser, which refuses nesting deeper than
  // k_max_json_depth too; whatever it refuses or is unsure of is checked for nesting and parsed
  // again by nlohmann, so every error (and its line and column) reads as it always has.
  if (auto document = parse_json_fast(text)) {
    return std::move(*document);
  }
  check_nesting(text, source);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 3, column 5:
    // <detail>"; keep the location as the path and the detail as the message.
    std::string what = e.what();
    if (auto bracket = what.find("] "); bracket != std::string::npos) {
      what.erase(0, bracket + 2);
    }
    std::string location;
    constexpr std::string_view k_prefix = "parse error at ";
    if (what.starts_with(k_prefix)) {
      if (auto colon = what.find(": "); colon != std::string::npos) {
        location = what.substr(k_prefix.size(), colon - k_prefix.size());
        what.erase(0, colon + 2);
      }
    }
    throw Error(source, location, "malformed JSON: " + what);
  }
}

std::string JsonValue::path() const {
  // Depth-first search for this value's address, with an explicit stack: each frame is a
  // container and the child being searched, so the path is read off the frames from the root.
  struct Frame {
    const nlohmann::json* node;
    nlohmann::json::const_iterator child;
    std::size_t index;
  };
  std::vector<Frame> stack;
  if (m_root->is_structured() && m_root != m_value) {
    stack.push_back({m_root, m_root->cbegin(), 0});
  }
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.child == top.node->cend()) {
      stack.pop_back();
      if (!stack.empty()) {
        ++stack.back().child;
        ++stack.back().index;
      }
      continue;
    }
    const nlohmann::json& child = *top.child;
    if (&child == m_value) {
      std::string path = "$";
      for (const auto& frame : stack) {
        path += frame.node->is_object() ? "." + frame.child.key() : fmt::format("[{}]", frame.index);
      }
      return path;
    }
    if (child.is_structured() && !child.empty()) {
      stack.push_back({&child, child.cbegin(), 0});
    } else {
      ++top.child;
      ++top.index;
    }
  }
  return "$";
}

void JsonValue::fail(const std::string& message) const {
  throw Error(*m_source, path(), message);
}

namespace {

std::string_view type_name(const nlohmann::json& value) {
  if (value.is_number()) {
    return "a number";
  }
  if (value.is_string()) {
    return "a string";
  }
  if (value.is_boolean()) {
    return "a boolean";
  }
  if (value.is_array()) {
    return "an array";
  }
  if (value.is_object()) {
    return "an object";
  }
  return "null";
}

} // namespace

double JsonValue::number() const {
  if (!m_value->is_number()) {
    fail(fmt::format("must be a number, not {}", type_name(*m_value)));
  }
  double value = m_value->get<double>();
  if (!std::isfinite(value)) {
    fail("must be a finite number");
  }
  return value == 0 ? 0.0 : value; // -0 would print as "-0"
}

double JsonValue::non_negative() const {
  double value = number();
  if (value < 0) {
    fail(fmt::format("must not be negative (got {})", value));
  }
  return value;
}

double JsonValue::positive() const {
  double value = number();
  if (value <= 0) {
    fail(fmt::format("must be greater than 0 (got {})", value));
  }
  return value;
}

std::optional<long long> JsonValue::integer() const {
  double value = number();
  if (m_value->is_number_integer() && !m_value->is_number_unsigned()) {
    return m_value->get<std::int64_t>();
  }
  if (m_value->is_number_unsigned()) {
    auto exact = m_value->get<std::uint64_t>();
    if (exact > static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
      return std::nullopt;
    }
    return static_cast<long long>(exact);
  }
  // A float: whole and within +-2^63 (both bounds exact in a double).
  constexpr double k_two_to_63 = 9223372036854775808.0;
  if (value != std::floor(value) || value < -k_two_to_63 || value >= k_two_to_63) {
    return std::nullopt;
  }
  return static_cast<long long>(value);
}

int JsonValue::whole(int min_value, int max_value) const {
  auto value = integer();
  if (!value || *value < min_value || *value > max_value) {
    fail(fmt::format("must be a whole number from {} to {} (got {})", min_value, max_value, literal()));
  }
  return static_cast<int>(*value);
}

std::string JsonValue::string() const {
  if (!m_value->is_string()) {
    fail(fmt::format("must be a string, not {}", type_name(*m_value)));
  }
  auto text = m_value->get<std::string>();
  if (text.empty()) {
    fail("must not be empty");
  }
  return text;
}

bool JsonValue::boolean() const {
  if (!m_value->is_boolean()) {
    fail(fmt::format("must be true or false, not {}", type_name(*m_value)));
  }
  return m_value->get<bool>();
}

std::vector<JsonValue> JsonValue::items() const {
  if (!m_value->is_array()) {
    fail(fmt::format("must be an array, not {}", type_name(*m_value)));
  }
  std::vector<JsonValue> items;
  items.reserve(m_value->size());
  for (std::size_t i = 0; i < m_value->size(); ++i) {
    items.emplace_back((*m_value)[i], *this);
  }
  return items;
}

std::vector<std::string> JsonValue::strings() const {
  std::vector<std::string> texts;
  for (const auto& item : items()) {
    texts.push_back(item.string());
  }
  return texts;
}

std::vector<std::pair<std::string, JsonValue>> JsonValue::members() const {
  if (!m_value->is_object()) {
    fail(fmt::format("must be an object, not {}", type_name(*m_value)));
  }
  std::vector<std::pair<std::string, JsonValue>> members;
  for (const auto& [key, value] : m_value->items()) {
    members.emplace_back(key, JsonValue(value, *this));
  }
  return members;
}

JsonObject::JsonObject(const JsonValue& value, std::initializer_list<std::string_view> allowed)
    : JsonObject(value, std::vector<std::string>(allowed.begin(), allowed.end())) {}

JsonObject::JsonObject(const JsonValue& value, const std::vector<std::string>& known) : m_value(value) {
  if (!value.raw().is_object()) {
    value.fail(fmt::format("must be an object, not {}", type_name(value.raw())));
  }
  for (const auto& [key, unused] : value.raw().items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) {
      continue;
    }
    std::string message = fmt::format("unknown key \"{}\"", key);
    if (auto suggestion = closest_match(key, known)) {
      message += fmt::format(" (did you mean \"{}\"?)", *suggestion);
    }
    throw Error(value.source(), fmt::format("{}.{}", value.path(), key), message);
  }
}

bool JsonObject::has(std::string_view key) const {
  auto it = m_value.raw().find(key);
  return it != m_value.raw().end() && !it->is_null();
}

std::optional<JsonValue> JsonObject::get(std::string_view key) const {
  auto it = m_value.raw().find(key);
  if (it == m_value.raw().end() || it->is_null()) {
    return std::nullopt;
  }
  return JsonValue(*it, m_value);
}

JsonValue JsonObject::require(std::string_view key) const {
  if (auto field = get(key)) {
    return *field;
  }
  throw Error(m_value.source(), fmt::format("{}.{}", m_value.path(), key), "is required");
}

std::optional<double> JsonObject::optional_non_negative(std::string_view key) const {
  if (auto field = get(key)) {
    return field->non_negative();
  }
  return std::nullopt;
}

std::optional<double> JsonObject::optional_positive(std::string_view key) const {
  if (auto field = get(key)) {
    return field->positive();
  }
  return std::nullopt;
}

std::optional<std::string> JsonObject::optional_string(std::string_view key) const {
  if (auto field = get(key)) {
    return field->string();
  }
  return std::nullopt;
}

} // namespace breakeven::detail
