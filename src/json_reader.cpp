#include "json_reader.hpp"

#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <cmath>

namespace breakeven::detail {

nlohmann::json parse_json(std::string_view text, const std::string& source) {
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

namespace {

// Depth-first search for `target` (by address) below `node`; appends the path on the way back.
bool find_path(const nlohmann::json& node, const nlohmann::json* target, std::string& path) {
  if (&node == target) {
    return true;
  }
  if (node.is_object()) {
    for (const auto& [key, child] : node.items()) {
      if (find_path(child, target, path)) {
        path.insert(0, "." + key);
        return true;
      }
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (find_path(node[i], target, path)) {
        path.insert(0, fmt::format("[{}]", i));
        return true;
      }
    }
  }
  return false;
}

} // namespace

std::string JsonValue::path() const {
  std::string path;
  find_path(*m_root, m_value, path);
  return "$" + path;
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
  return value;
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

int JsonValue::whole(int min_value) const {
  double value = number();
  if (value != std::floor(value) || value < min_value || value > 1e9) {
    fail(fmt::format("must be a whole number of at least {} (got {})", min_value, value));
  }
  return static_cast<int>(value);
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

JsonObject::JsonObject(const JsonValue& value, std::initializer_list<std::string_view> allowed) : m_value(value) {
  if (!value.raw().is_object()) {
    value.fail(fmt::format("must be an object, not {}", type_name(value.raw())));
  }
  std::vector<std::string> known(allowed.begin(), allowed.end());
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
