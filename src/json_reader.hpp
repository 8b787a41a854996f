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

/// How deeply arrays and objects may nest in any input file. The deepest bundled file (a rate
/// table) nests 7 levels, a `check --format json` baseline 4; the limit keeps every walk over
/// a document (path search, `dump()`) far from the stack limit, whatever the input.
inline constexpr int k_max_json_depth = 64;

/// Parses JSON text; a syntax error becomes `Error{source, "line L, column C", ...}`, and so
/// does nesting deeper than `k_max_json_depth`, found before nlohmann parses the text.
/// Example: `auto document = parse_json(text, "pricing/aws.json");`
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

  /// The value as written in the file (`4294967297`, `1.5`), for messages.
  std::string literal() const { return m_value->dump(); }

  double number() const;       ///< a finite number (-0 is read as 0)
  double non_negative() const; ///< a finite number >= 0
  double positive() const;     ///< a finite number > 0
  /// A whole number (1 or 1.0, not 1.5) from `min_value` to `max_value`, compared exactly:
  /// 4294967297 is out of range, never read as 1.
  int whole(int min_value, int max_value = 1'000'000'000) const;
  /// The exact value of a whole number that fits in 64 bits, or nothing for any other number
  /// (1.5, 1e30); fails unless a number. For values compared rather than bounded, such as
  /// `schema_version`.
  std::optional<long long> integer() const;
  std::string string() const; ///< a non-empty string
  bool boolean() const;
  std::vector<JsonValue> items() const;     ///< the elements of an array
  std::vector<std::string> strings() const; ///< an array of non-empty strings
  /// The members of an object, in the document's order.
  std::vector<std::pair<std::string, JsonValue>> members() const;

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
  JsonObject(const JsonValue& value, const std::vector<std::string>& allowed);

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
