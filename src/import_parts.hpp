#pragma once
// Private to the library: what `pricing import azure` and `pricing import gcp` share. A price
// list is one JSON object with one large array (`Items`, `skus`); `ListReader` streams it and
// hands over one element at a time, so memory does not grow with the file. `Prices` holds what
// the list priced for the template's items, and `write_table` rewrites the template with it.

#include <breakeven/import.hpp>
#include <breakeven/rate_table.hpp>

#include <nlohmann/json.hpp>

#include <compare>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace breakeven::import_parts {

/// One priced meter as a price list gives it, already in the template meter's units.
struct Found {
  std::vector<Tier> tiers;         ///< cumulative bounds, the last unbounded
  std::optional<double> free_tier; ///< from a $0 first tier
  std::optional<double> per;       ///< the prices are for this many units (0.20 per 1000000)
  std::string sku;                 ///< the list's name for the price (meterId, skuId), for messages
  std::string source;              ///< the file it came from, as an offering's `source`
  std::string date;                ///< YYYY-MM-DD, as an offering's `as_of`
  std::vector<std::string> notes;  ///< put first in the item's notes (a composed price says how)
  bool ambiguous = false;          ///< found twice at different prices: not used
};

/// Which price: an item of the template, one of its purchase options (empty: the item itself)
/// and a meter.
struct Key {
  std::string id;
  std::string option;
  std::string meter;

  auto operator<=>(const Key&) const = default;
};

/// The prices found for the template, with what was found twice at different prices.
class Prices {
public:
  /// Keeps the first price for a key; a second, different one makes the key ambiguous (named
  /// once in `notes`), an equal one is ignored.
  void add(const Key& key, Found price);
  /// The price for a key, or null when it was not found or is ambiguous.
  const Found* find(const Key& key) const;
  /// Everything found (composing prices from several list entries reads it).
  const std::map<Key, Found>& all() const { return m_found; }

  std::vector<std::string> notes; ///< prices not used, and why

private:
  std::map<Key, Found> m_found;
};

/// A streaming reader of one JSON object: calls `visit` with each element of its top-level
/// array `array_key` (index, element), one at a time, and keeps its other top-level strings.
/// Syntax errors throw `Error` naming the file and the byte.
class ListReader : public nlohmann::json_sax<nlohmann::json> {
public:
  using Visit = std::function<void(std::size_t, const nlohmann::json&)>;

  ListReader(std::string file, std::string array_key, Visit visit);

  bool null() override;
  bool boolean(bool value) override;
  bool number_integer(number_integer_t value) override;
  bool number_unsigned(number_unsigned_t value) override;
  bool number_float(number_float_t value, const string_t& text) override;
  bool string(string_t& value) override;
  bool binary(binary_t& value) override;
  bool start_object(std::size_t size) override;
  bool start_array(std::size_t size) override;
  bool end_object() override;
  bool end_array() override;
  bool key(string_t& name) override;
  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& error) override;

  /// Whether the document was an object with the array at its top level.
  bool saw_array() const { return m_saw_array; }
  /// The document's top-level string fields (`NextPageLink`, `nextPageToken`, ...).
  const std::map<std::string, std::string>& top_level() const { return m_top_level; }

private:
  bool value(nlohmann::json v);
  bool open(nlohmann::json empty);
  bool close();

  std::string m_file;
  std::string m_array_key;
  Visit m_visit;
  std::size_t m_depth = 0;
  std::string m_key;
  std::string m_top_key;
  bool m_root_is_object = false;
  bool m_in_array = false;
  bool m_saw_array = false;
  std::size_t m_index = 0;
  nlohmann::json m_element;
  std::vector<nlohmann::json*> m_stack;
  std::map<std::string, std::string> m_top_level;
};

/// Streams `path` through `reader`; throws `Error` naming the file when it cannot be read.
void read_list(const std::string& path, ListReader& reader);

/// Rewrites the offerings and components of `document` (a template rate table) whose every
/// charge `prices` has: the charges' prices, tiers and free tiers, `source` and `as_of`; purchase
/// options likewise, each left out (and named) when not every one of its charges was found.
/// Items not fully priced are left out and named in `skipped`. The table's `as_of` is the newest
/// date used, its `sources` the files'. `provider_list` names the list for the error when
/// nothing at all was priced ("Azure Retail Prices API pages").
ImportResult write_table(nlohmann::ordered_json document, const Prices& prices, std::vector<std::string> sources,
                         std::vector<std::string> skipped, const std::string& first_file,
                         const std::string& nothing_priced);

/// `2026-11-27` from `2026-11-27T00:00:00Z`, or empty when it is no such date.
std::string date_of(const std::string& timestamp);

/// `object[key]` when it is a string, else empty.
std::string text_of(const nlohmann::json& object, const char* key);

/// `text` in lower case (ASCII).
std::string lower(std::string text);

} // namespace breakeven::import_parts
