#include <breakeven/pricing_review.hpp>

#include <breakeven/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace breakeven {
namespace {

// What one side prices under an id: its charges (a purchase option's own), and its date.
struct Priced {
  std::vector<Charge> charges;
  std::string as_of;
};

// Ids in the order the tables list them (components first, as a table does), later tables
// overriding earlier ones.
struct PricedSet {
  std::vector<std::string> order;
  std::map<std::string, Priced> items;

  void put(const std::string& id, Priced priced) {
    if (items.find(id) == items.end()) {
      order.push_back(id);
    }
    items[id] = std::move(priced);
  }
};

PricedSet priced_set(std::span<const RateTable> tables) {
  PricedSet set;
  for (const auto& table : tables) {
    for (const auto& component : table.components) {
      set.put(component.id, {component.charges, component.as_of});
    }
    for (const auto& offering : table.offerings) {
      set.put(offering.id, {offering.charges, offering.as_of});
      if (offering.provisioned_concurrency) {
        // Provisioned-concurrency charges are prices too: listed under the offering.
        auto& charges = set.items[offering.id].charges;
        for (const auto& charge : offering.provisioned_concurrency->charges) {
          charges.push_back(charge);
        }
      }
    }
  }
  return set;
}

const Charge* find_charge(const std::vector<Charge>& charges, const std::string& name) {
  auto it = std::find_if(charges.begin(), charges.end(), [&name](const Charge& c) { return c.name == name; });
  return it == charges.end() ? nullptr : &*it;
}

// Equal but for rounding: a table's `0.20` `per` 1000000 and a price list's 0.0000002 may differ
// in the last bit once divided.
bool same_number(double a, double b) {
  return a == b || std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b));
}

bool same_price(const Charge& a, const Charge& b) {
  if (a.meter != b.meter || a.tiers.size() != b.tiers.size() ||
      !same_number(a.free_tier_quantity, b.free_tier_quantity) ||
      !same_number(a.included_quantity, b.included_quantity)) {
    return false;
  }
  for (std::size_t i = 0; i < a.tiers.size(); ++i) {
    if (a.tiers[i].up_to.has_value() != b.tiers[i].up_to.has_value() ||
        (a.tiers[i].up_to && !same_number(*a.tiers[i].up_to, *b.tiers[i].up_to)) ||
        !same_number(a.tiers[i].unit_price, b.tiers[i].unit_price)) {
      return false;
    }
  }
  return true;
}

} // namespace

std::string_view to_string(PriceChangeKind kind) {
  switch (kind) {
  case PriceChangeKind::changed:
    return "changed";
  case PriceChangeKind::added:
    return "added";
  case PriceChangeKind::removed:
    return "removed";
  }
  return "?";
}

PricingDiff diff_prices(std::span<const RateTable> before, std::span<const RateTable> after, std::string before_name,
                        std::string after_name, const DiffOptions& options) {
  PricingDiff diff;
  diff.before_name = std::move(before_name);
  diff.after_name = std::move(after_name);
  PricedSet old_set = priced_set(before);
  PricedSet new_set = priced_set(after);
  for (const auto& id : new_set.order) {
    const Priced& now = new_set.items.at(id);
    auto was = old_set.items.find(id);
    if (was == old_set.items.end()) {
      if (!options.common_only) {
        diff.changes.push_back({id, "", PriceChangeKind::added, std::nullopt, std::nullopt, "", now.as_of});
      }
      continue;
    }
    ++diff.compared;
    const Priced& then = was->second;
    for (const auto& charge : now.charges) {
      const Charge* old_charge = find_charge(then.charges, charge.name);
      if (old_charge == nullptr) {
        diff.changes.push_back({id, charge.name, PriceChangeKind::added, std::nullopt, charge, then.as_of, now.as_of});
      } else if (!same_price(*old_charge, charge)) {
        diff.changes.push_back({id, charge.name, PriceChangeKind::changed, *old_charge, charge, then.as_of, now.as_of});
      }
    }
    for (const auto& charge : then.charges) {
      if (find_charge(now.charges, charge.name) == nullptr) {
        diff.changes.push_back(
            {id, charge.name, PriceChangeKind::removed, charge, std::nullopt, then.as_of, now.as_of});
      }
    }
  }
  if (!options.common_only) {
    for (const auto& id : old_set.order) {
      if (new_set.items.find(id) == new_set.items.end()) {
        diff.changes.push_back(
            {id, "", PriceChangeKind::removed, std::nullopt, std::nullopt, old_set.items.at(id).as_of, ""});
      }
    }
  }
  return diff;
}

std::optional<long> days_from_date(std::string_view date) {
  bool shape = date.size() == 10 && date[4] == '-' && date[7] == '-';
  for (std::size_t i = 0; shape && i < date.size(); ++i) {
    shape = i == 4 || i == 7 || (date[i] >= '0' && date[i] <= '9');
  }
  if (!shape) {
    return std::nullopt;
  }
  auto number = [date](std::size_t at, std::size_t length) {
    long value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      value = value * 10 + (date[i] - '0');
    }
    return value;
  };
  long year = number(0, 4);
  long month = number(5, 2);
  long day = number(8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  // Howard Hinnant's days_from_civil.
  year -= month <= 2 ? 1 : 0;
  long era = (year >= 0 ? year : year - 399) / 400;
  long year_of_era = year - era * 400;
  long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

namespace {

long today_days(std::string_view today) {
  auto days = days_from_date(today);
  if (!days) {
    throw Error("today", "", fmt::format("\"{}\" is not a date of the form YYYY-MM-DD", today));
  }
  return *days;
}

void add_if_stale(std::vector<StalePrice>& stale, const std::string& id, const std::string& as_of, long today,
                  long max_age_days) {
  auto then = days_from_date(as_of);
  if (then && today - *then > max_age_days) {
    stale.push_back({id, as_of, today - *then});
  }
}

void oldest_first(std::vector<StalePrice>& stale) {
  std::stable_sort(stale.begin(), stale.end(),
                   [](const StalePrice& a, const StalePrice& b) { return a.age_days > b.age_days; });
}

} // namespace

std::vector<StalePrice> stale_prices(std::span<const RateTable> tables, std::string_view today, long max_age_days) {
  long now = today_days(today);
  std::vector<StalePrice> stale;
  for (const auto& table : tables) {
    for (const auto& component : table.components) {
      add_if_stale(stale, component.id, component.as_of, now, max_age_days);
    }
    for (const auto& offering : table.offerings) {
      add_if_stale(stale, offering.id, offering.as_of, now, max_age_days);
    }
  }
  oldest_first(stale);
  return stale;
}

std::vector<StalePrice> stale_prices(std::span<const PriceDate> used, std::string_view today, long max_age_days) {
  long now = today_days(today);
  std::vector<PriceDate> once;
  add_prices(once, used);
  std::vector<StalePrice> stale;
  for (const auto& price : once) {
    add_if_stale(stale, price.id, price.as_of, now, max_age_days);
  }
  oldest_first(stale);
  return stale;
}

} // namespace breakeven
