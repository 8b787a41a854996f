// The fast JSON parser (src/json_parse.hpp) against nlohmann::json::parse, on any bytes. What
// nlohmann refuses the fast parser must refuse (nlohmann words every error); what the fast
// parser takes nlohmann must take too, and read the same: equal dump() and equal types at every
// depth (dump() alone shows 1 for both unsigned and signed 1). The fast parser may refuse
// valid JSON (UTF-8, \u escapes, ...), which then goes to nlohmann.

#include "../src/json_parse.hpp"

#include "fuzz_support.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace breakeven;

namespace {

// Fails unless `fast` and `slow` have the same type at every depth; `path` names the value.
void check_types(const nlohmann::json& fast, const nlohmann::json& slow, const std::string& path) {
  if (fast.type() != slow.type() || fast.size() != slow.size()) {
    fuzz::fail("{}: the fast parser read a {} of size {}, nlohmann a {} of size {}", path, fast.type_name(),
               fast.size(), slow.type_name(), slow.size());
  }
  if (fast.is_number() && fast.is_number_unsigned() != slow.is_number_unsigned()) {
    fuzz::fail("{}: the fast parser read {} as {}, nlohmann as {}", path, fast.dump(),
               fast.is_number_unsigned() ? "unsigned" : "signed", slow.is_number_unsigned() ? "unsigned" : "signed");
  }
  if (fast.is_array()) {
    for (std::size_t i = 0; i < fast.size(); ++i) {
      check_types(fast[i], slow[i], fmt::format("{}[{}]", path, i));
    }
  } else if (fast.is_object()) {
    for (auto i = fast.begin(), j = slow.begin(); i != fast.end(); ++i, ++j) {
      if (i.key() != j.key()) {
        fuzz::fail("{}: the fast parser read key \"{}\" where nlohmann read \"{}\"", path, i.key(), j.key());
      }
      check_types(*i, *j, fmt::format("{}.{}", path, i.key()));
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<nlohmann::json> fast = detail::parse_json_fast(text);
  nlohmann::json slow;
  try {
    slow = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    if (fast) {
      fuzz::fail("nlohmann refused the input ({}) but the fast parser read {}", e.what(),
                 fast->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return 0;
  }
  if (!fast) {
    return 0; // valid JSON the fast parser leaves to nlohmann
  }
  // Strings the fast parser takes are ASCII, so dump() cannot throw on them; replace keeps a
  // finding from turning into an exception instead of this message.
  constexpr auto k_replace = nlohmann::json::error_handler_t::replace;
  std::string fast_dump = fast->dump(-1, ' ', false, k_replace);
  std::string slow_dump = slow.dump(-1, ' ', false, k_replace);
  if (fast_dump != slow_dump) {
    fuzz::fail("the fast parser read {}, nlohmann {}", fast_dump, slow_dump);
  }
  check_types(*fast, slow, "$");
  return 0;
}
