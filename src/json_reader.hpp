#pragma once
// Private to the library: typed access to parsed JSON that names the source and the JSON path
// of every bad value, so loaders never build error strings by hand.

#include <breakeven/error.hpp>

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven::detail {

/// Parses JSON text; a syntax error becomes `Error{source, "line L, column C", ...}`.
nlohmann::json parse_json(std::string_view text, const std::string& source);

/// A JSON value together with the document it is in. Its JSON path (`$.offerings[2].kind`) is
/// worked out only when an error needs it, so reading valid input allocates nothing for paths.
class JsonValue {
public:
  /// The document root itself.
  JsonValue(const nlohmann::json& root, const std::string& source) : m_value(&root), m_root(&root), m_source(&source) {}
  JsonValue(const nlohmann::json& value, const JsonValue& within)
      : m_value(&value), m_root(within.m_root), m_source(within.m_source) {}

  const nlohmann::json& raw() const { return *m_value; }
  /// The JSON path of this value, found by searching the document.
  std::string path() const;
  const std::string& source() const { return *m_source; }

  /// Throws `Error` naming this value's source and path.
  [[noreturn]] void fail(const std::string& message) const;

  double number() const;          ///< a finite number
  double non_negative() const;    ///< a finite number >= 0
  double positive() const;        ///< a finite number > 0
  int whole(int min_value) const; ///< an integer >= min_value
  std::string string() const;     ///< a non-empty string
  bool boolean() const;
  std::vector<JsonValue> items() const;     ///< the elements of an array
  std::vector<std::string> strings() const; ///< an array of non-empty strings

private:
  const nlohmann::json* m_value;
  const nlohmann::json* m_root;
  const std::string* m_source;
};

/// A JSON object whose keys are checked against the ones a loader knows.
class JsonObject {
public:
  /// Fails unless `value` is an object; then fails on any key not in `allowed`.
  JsonObject(const JsonValue& value, std::initializer_list<std::string_view> allowed);

  const JsonValue& value() const { return m_value; }
  bool has(std::string_view key) const;
  /// The field, or fails with "is required".
  JsonValue require(std::string_view key) const;
  /// The field, or nothing when absent (a JSON null counts as absent).
  std::optional<JsonValue> get(std::string_view key) const;

  std::optional<double> optional_non_negative(std::string_view key) const;
  std::optional<double> optional_positive(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;

private:
  JsonValue m_value;
};

} // namespace breakeven::detail
