#pragma once
// Private to the library: the fast path of `parse_json`. A small recursive-descent parser that
// builds the same `nlohmann::json` as `nlohmann::json::parse`, for the input it is sure of, in a
// fraction of the time; for anything else it gives up and nlohmann parses the text again (and
// words any error), so callers see exactly what nlohmann alone would give them.

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace breakeven::detail {

/// `text` parsed exactly as `nlohmann::json::parse(text)` would: the same value, the same types
/// (unsigned, signed, float) and the same doubles; or nothing when unsure: any syntax error,
/// any byte above 0x7F (nlohmann checks UTF-8), a `\u` escape, a float out of range, nesting
/// deeper than `k_max_json_depth`. Nothing means "let nlohmann decide", not "invalid".
/// Example: `auto document = parse_json_fast(text); if (!document) document = nlohmann::json::parse(text);`
std::optional<nlohmann::json> parse_json_fast(std::string_view text);

} // namespace breakeven::detail
