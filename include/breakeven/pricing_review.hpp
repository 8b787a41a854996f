#pragma once

#include <breakeven/rate_table.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace breakeven {

/// What happened to a price between two sets of rate tables.
enum class PriceChangeKind { changed, added, removed };

/// `changed`, `added` or `removed`.
std::string_view to_string(PriceChangeKind kind);

/// One difference: an offering or component (`id`), and one of its charges, or the whole item
/// when `charge` is empty (an offering only one side has). `before`/`after` hold the charge as
/// each side prices it (unset on the side that lacks it; both unset for a whole item).
struct PriceChange {
  std::string id;
  std::string charge;
  PriceChangeKind kind = PriceChangeKind::changed;
  std::optional<Charge> before;
  std::optional<Charge> after;
  std::string before_as_of; ///< the item's as_of on each side ("" when it has none there)
  std::string after_as_of;
};

/// Every price difference between two sets of rate tables, offerings and components alike, in
/// the order the new side lists them (then what only the old side has).
struct PricingDiff {
  std::string before_name; ///< what the old side was read from (a file, or "bundled")
  std::string after_name;
  std::vector<PriceChange> changes;
  std::size_t compared = 0; ///< items both sides have
};

struct DiffOptions {
  /// Only items both sides have: an imported table covers part of a provider, so what it leaves
  /// out is not a removal.
  bool common_only = false;
};

/// Compares the prices of two sets of tables: for each offering and component id, each charge
/// (matched by name) whose tiers, free tier or included quantity differ, or that one side lacks.
/// Later tables override earlier ones by id, as in the catalogue. Never prints.
/// Example: `auto diff = diff_prices(bundled_rate_tables(), {imported}, "bundled", "aws.json");`
PricingDiff diff_prices(std::span<const RateTable> before, std::span<const RateTable> after, std::string before_name,
                        std::string after_name, const DiffOptions& options = {});

/// A calendar date as days since 1970-01-01 (proleptic Gregorian); nothing unless `YYYY-MM-DD`.
std::optional<long> days_from_date(std::string_view date);

/// An offering or component whose `as_of` is older than a limit on a given day.
struct StalePrice {
  std::string id;
  std::string as_of;
  long age_days = 0;
};

/// The offerings and components of `tables` whose `as_of` is more than `max_age_days` before
/// `today` (YYYY-MM-DD), oldest first. Throws `Error` (source "today") when `today` is not a date.
std::vector<StalePrice> stale_prices(std::span<const RateTable> tables, std::string_view today, long max_age_days);

/// How old a price may be before a command that uses it says so: a year. Older than this, every
/// command that prices a scenario (compare, curve, crossover, check, advise) warns about it.
inline constexpr long k_price_warning_age_days = 365;

/// The same for the prices a report used (its `prices`: offerings and the components they
/// bind), each once. Throws `Error` (source "today") when `today` is not a date.
/// Example: `for (auto& stale : stale_prices(report.prices, "2026-11-28", k_price_warning_age_days))`
std::vector<StalePrice> stale_prices(std::span<const PriceDate> used, std::string_view today, long max_age_days);

} // namespace breakeven
