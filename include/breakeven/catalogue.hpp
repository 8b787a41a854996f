#pragma once

#include <breakeven/rate_table.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// A rate table compiled into the binary.
struct EmbeddedTable {
  const char* name;
  const char* json;
};

/// The bundled `pricing/*.json` files, as compiled in (the JSON text).
std::span<const EmbeddedTable> embedded_rate_tables();

/// The same tables as `parse_rate_table` reads them, checked at build time and compiled into
/// C++ initialisers by tools/compile_pricing.cpp, so that start-up parses no JSON. Each call
/// builds them afresh.
std::vector<RateTable> bundled_rate_tables();

/// Every offering and component known to a run: the bundled tables plus any `--pricing` files.
class Catalogue {
public:
  /// The bundled rate tables (`bundled_rate_tables`), checked.
  /// Example: `auto catalogue = Catalogue::bundled(); catalogue.get("aws.lambda.arm");`
  static Catalogue bundled();

  /// Adds a table. An offering or component whose id is already known replaces it
  /// (later tables override earlier ones); the same id twice in one table is an error.
  void add(RateTable table);

  /// Checks references between tables (node types, components). Call after the last `add`.
  void check_references() const;

  /// The offering with this id, or nullptr.
  const Offering* find(std::string_view id) const;
  /// The offering with this id; throws `Error` naming `source` (where the id came from), with a
  /// did-you-mean, when there is none.
  const Offering& get(std::string_view id, const std::string& source = "--offering") const;
  /// The component with this id, or nullptr.
  const Component* find_component(std::string_view id) const;

  /// Offerings matching ids or globs (`aws.*`, `*.lambda.*`), in catalogue order, each once.
  /// Throws `Error` (source `--offering`) for a pattern that matches nothing.
  std::vector<const Offering*> select(std::span<const std::string> patterns) const;
  /// The offerings compared when none are named.
  std::vector<const Offering*> defaults() const;
  /// `offerings` bought as `option` (`1y`, `3y`, `spot`, or `on-demand`): each that has the option
  /// becomes `<id>@<option>`, the others stay as they are. Throws `Error` (source `--purchase`)
  /// when no offering has it.
  std::vector<const Offering*> with_purchase(const std::vector<const Offering*>& offerings,
                                             std::string_view option) const;

  const std::vector<Offering>& offerings() const noexcept { return m_offerings; }
  const std::vector<Component>& components() const noexcept { return m_components; }

private:
  std::vector<Offering> m_offerings;
  std::vector<Component> m_components;
};

} // namespace breakeven
