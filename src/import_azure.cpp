// `breakeven pricing import azure`: Azure Retail Prices API pages into this tool's rate table.
//
// A page is one JSON object whose `Items` array holds one price each: `serviceName`,
// `productName`, `skuName`, `meterName`, `armSkuName`, `armRegionName`, `type` (Consumption,
// Reservation, DevTestConsumption), `unitOfMeasure` ("1 Hour", "10", "1M", "1/Month"),
// `retailPrice`, `tierMinimumUnits` (a tiered meter is one item per tier), `effectiveStartDate`,
// `meterId` and, for some, `savingsPlan[]` (`term`, `retailPrice`). A whole region's list is
// many pages or one large saved file; it is streamed, one item at a time.

#include <breakeven/import.hpp>

#include <breakeven/error.hpp>

#include "import_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace breakeven {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using namespace import_parts;

// "1 Hour" -> (1, "Hour"), "10" -> (10, ""), "1M" -> (1e6, ""), "10K" -> (1e4, ""),
// "1/Month" -> (1, "/Month"). Nothing when it does not start with a count.
std::optional<std::pair<double, std::string>> unit_of(const std::string& unit) {
  std::size_t digits = 0;
  while (digits < unit.size() && std::isdigit(static_cast<unsigned char>(unit[digits])) != 0) {
    ++digits;
  }
  if (digits == 0) {
    return std::nullopt;
  }
  double count = std::stod(unit.substr(0, digits));
  std::string rest = unit.substr(digits);
  if (rest == "K" || rest.starts_with("K ")) {
    count *= 1e3;
    rest.erase(0, 1);
  } else if (rest == "M" || rest.starts_with("M ")) {
    count *= 1e6;
    rest.erase(0, 1);
  }
  if (rest.starts_with(" ")) {
    rest.erase(0, 1);
  }
  return std::make_pair(count, rest);
}

// Whether a unit (after its count) measures a meter. `/Month` is a price per disk a month, for
// the template's `per` GB.
bool unit_fits(const std::string& meter, const std::string& unit) {
  static const std::map<std::string, std::set<std::string>> k_units{
      {"requests", {""}},
      {"gb_seconds", {"GB Second", "GiB Second"}},
      {"idle_gb_seconds", {"GB Second", "GiB Second"}},
      {"vcpu_seconds", {"Second", "vCPU Second"}},
      {"idle_vcpu_seconds", {"Second", "vCPU Second"}},
      {"hours", {"Hour"}},
      {"instance_hours", {"Hour"}},
      {"egress_gb", {"GB"}},
      {"processed_gb", {"GB"}},
      {"gb_months", {"GB/Month", "/Month"}},
  };
  auto it = k_units.find(meter);
  return it != k_units.end() && it->second.count(unit) > 0;
}

struct Target {
  std::string id;
  std::string meter;
};

// What a Consumption item of the table's region prices, for the template's ids.
std::optional<Target> target_of(const json& item, const std::set<std::string>& ids) {
  std::string service = text_of(item, "serviceName");
  std::string meter_name = text_of(item, "meterName");
  std::optional<Target> target;
  auto is = [&](const char* name, const char* id, const char* meter) {
    if (!target && meter_name == name) {
      target = Target{id, meter};
    }
  };
  if (service == "Functions") {
    is("Standard Total Executions", "azure.functions.consumption", "requests");
    is("Standard Execution Time", "azure.functions.consumption", "gb_seconds");
    is("On Demand Total Executions", "azure.functions.flex", "requests");
    is("On Demand Execution Time", "azure.functions.flex", "gb_seconds");
  } else if (service == "Azure Container Apps") {
    is("Standard vCPU Active Usage", "azure.containerapps", "vcpu_seconds");
    is("Standard Memory Active Usage", "azure.containerapps", "gb_seconds");
    is("Standard Requests", "azure.containerapps", "requests");
    is("Standard vCPU Idle Usage", "azure.containerapps", "idle_vcpu_seconds");
    is("Standard Memory Idle Usage", "azure.containerapps", "idle_gb_seconds");
  } else if (service == "Azure Kubernetes Service") {
    is("Standard Uptime SLA", "azure.aks", "hours");
  } else if (service == "Virtual Machines") {
    std::string sku = lower(text_of(item, "armSkuName"));
    if (sku.starts_with("standard_")) {
      target = Target{"azure.vm." + sku.substr(9), "instance_hours"};
    }
  } else if (service == "Load Balancer" && text_of(item, "skuName") == "Standard") {
    is("Standard Data Processed", "azure.lb.standard", "egress_gb");
  } else if (service == "NAT Gateway") {
    is("Standard Gateway", "azure.nat_gateway", "hours");
    is("Standard Data Processed", "azure.nat_gateway", "processed_gb");
  } else if (service == "Storage" && text_of(item, "productName") == "Premium SSD Managed Disks" &&
             meter_name.ends_with(" LRS Disk")) {
    // "P10 LRS Disk": a disk a month, azure.disk.p10.
    target = Target{"azure.disk." + lower(meter_name.substr(0, meter_name.size() - 9)), "gb_months"};
  }
  if (target && ids.count(target->id) == 0) {
    target.reset();
  }
  return target;
}

// One tier of a meter, as an item gives it.
struct Row {
  double minimum = 0; // tierMinimumUnits, in units of unitOfMeasure
  double price = 0;   // per unitOfMeasure
  double count = 1;   // the count in unitOfMeasure ("10" -> 10)
  std::string unit;   // unitOfMeasure after the count
  std::string date;
  std::string meter_id;
  std::string source;
};

struct Counts {
  std::size_t windows = 0;
  std::size_t spot = 0;
  std::size_t devtest = 0;
  std::size_t reservation = 0;
  std::size_t other_regions = 0;
  std::size_t other_meters = 0;
};

// A number field of an item: finite and not negative, or an error naming the file and field.
double number_field(const json& item, const char* key, const std::string& file, std::size_t index,
                    std::optional<double> absent) {
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) {
    if (absent) {
      return *absent;
    }
    throw Error(file, fmt::format("$.Items[{}].{}", index, key), "missing");
  }
  if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0) {
    throw Error(file, fmt::format("$.Items[{}].{}", index, key),
                fmt::format("{} is not a price or amount (a number, 0 or more)", it->dump()));
  }
  return it->get<double>();
}

// The template's `per` of an item's charge (a P10 disk is priced per 128 GB-months).
std::optional<double> template_per(const ordered_json& document, const std::string& id, const std::string& meter) {
  for (const char* list : {"components", "offerings"}) {
    for (const auto& item : document.value(list, ordered_json::array())) {
      if (item.value("id", "") != id) {
        continue;
      }
      for (const auto& charge : item.value("charges", ordered_json::array())) {
        if (charge.value("meter", "") == meter && charge.contains("per")) {
          return charge["per"].get<double>();
        }
      }
    }
  }
  return std::nullopt;
}

// A meter's rows (one per tier) into one price: tiers from tierMinimumUnits, a free tier from a
// $0 first tier. Nothing, with why, when they do not form one.
std::optional<Found> price_of(std::vector<Row> rows, std::optional<double> disk_per, std::string& why) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.minimum < b.minimum || (a.minimum == b.minimum && a.price < b.price);
  });
  // The same item read twice (overlapping queries, a page saved twice) is one tier.
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const Row& a, const Row& b) {
                           return a.minimum == b.minimum && a.price == b.price && a.count == b.count &&
                                  a.unit == b.unit;
                         }),
             rows.end());
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].minimum == rows[i - 1].minimum) {
      why = fmt::format("two prices from {} units", rows[i].minimum);
      return std::nullopt;
    }
    if (rows[i].count != rows[0].count || rows[i].unit != rows[0].unit) {
      why = "tiers in different units";
      return std::nullopt;
    }
  }
  if (rows.front().minimum != 0) {
    why = fmt::format("its first tier starts at {}, not 0", rows.front().minimum);
    return std::nullopt;
  }
  double count = rows.front().count;
  Found found;
  std::size_t first = 0;
  if (rows.size() > 1 && rows.front().price == 0) {
    found.free_tier = rows[1].minimum * count;
    first = 1;
  }
  for (std::size_t i = first; i < rows.size(); ++i) {
    Tier tier;
    tier.unit_price = rows[i].price;
    if (i + 1 < rows.size()) {
      tier.up_to = rows[i + 1].minimum * count;
    }
    found.tiers.push_back(tier);
    found.date = std::max(found.date, rows[i].date);
  }
  found.date = std::max(found.date, rows.front().date);
  if (disk_per) {
    found.per = *disk_per * count; // a disk's monthly price, for the disk's size in GB
  } else if (count != 1) {
    found.per = count;
  }
  found.sku = "meter " + rows.front().meter_id;
  found.source = rows.front().source;
  return found;
}

} // namespace

ImportResult import_azure(std::span<const std::filesystem::path> files, std::string_view template_json,
                          const std::string& template_name) {
  ordered_json document = ordered_json::parse(template_json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    throw Error(template_name, "", "is not a rate table");
  }
  std::string region = document.value("region", "");
  std::set<std::string> ids;
  for (const char* list : {"components", "offerings"}) {
    for (const auto& item : document.value(list, ordered_json::array())) {
      ids.insert(item.value("id", ""));
    }
  }

  Prices prices;
  Counts counts;
  std::vector<std::string> notes;
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::vector<Row>>> rows; // (id, meter) -> meterId
  std::vector<std::string> sources;
  for (const auto& path : files) {
    std::string file = path.string();
    std::string source =
        fmt::format("Azure Retail Prices API (prices.azure.com/api/retail/prices), page {}", path.filename().string());
    auto visit = [&](std::size_t index, const json& item) {
      if (!item.is_object()) {
        throw Error(file, fmt::format("$.Items[{}]", index), "is not an object (a price)");
      }
      if (text_of(item, "armRegionName") != region) {
        ++counts.other_regions;
        return;
      }
      std::string type = text_of(item, "type");
      std::string product = text_of(item, "productName");
      std::string meter_name = text_of(item, "meterName");
      if (type == "DevTestConsumption") {
        ++counts.devtest;
        return;
      }
      if (product.find("Windows") != std::string::npos) {
        ++counts.windows;
        return;
      }
      if (meter_name.ends_with(" Spot") || meter_name.ends_with(" Low Priority") ||
          text_of(item, "skuName").ends_with(" Spot") || text_of(item, "skuName").ends_with(" Low Priority")) {
        ++counts.spot;
        return;
      }
      if (type == "Reservation") {
        ++counts.reservation;
        return;
      }
      auto target = type == "Consumption" ? target_of(item, ids) : std::nullopt;
      if (!target) {
        ++counts.other_meters;
        return;
      }
      if (auto currency = text_of(item, "currencyCode"); !currency.empty() && currency != "USD") {
        throw Error(file, fmt::format("$.Items[{}].currencyCode", index),
                    fmt::format("\"{}\": the rate tables are in USD (leave currencyCode out of the query)", currency));
      }
      std::string unit_text = text_of(item, "unitOfMeasure");
      auto unit = unit_of(unit_text);
      std::string meter_id = text_of(item, "meterId");
      if (!unit || !unit_fits(target->meter, unit->second)) {
        notes.push_back(fmt::format("{} {}: meter {} is priced per \"{}\", not in {}; not imported", target->id,
                                    target->meter, meter_id, unit_text, target->meter));
        return;
      }
      Row row;
      row.minimum = number_field(item, "tierMinimumUnits", file, index, 0.0);
      row.price = number_field(item, "retailPrice", file, index, std::nullopt);
      row.count = unit->first;
      row.unit = unit->second;
      row.date = date_of(text_of(item, "effectiveStartDate"));
      if (row.date.empty()) {
        throw Error(file, fmt::format("$.Items[{}].effectiveStartDate", index), "missing, or not a date");
      }
      row.meter_id = meter_id;
      row.source = source;
      rows[{target->id, target->meter}][meter_id].push_back(row);
      // A savings plan is a purchase option of the template's (1y, 3y) where it has one.
      if (auto plans = item.find("savingsPlan"); plans != item.end() && plans->is_array()) {
        for (std::size_t p = 0; p < plans->size(); ++p) {
          const json& plan = (*plans)[p];
          std::string term = plan.is_object() ? text_of(plan, "term") : "";
          std::string option = term == "1 Year" ? "1y" : term == "3 Years" ? "3y" : "";
          if (option.empty()) {
            continue;
          }
          auto price = plan.find("retailPrice");
          if (price == plan.end() || !price->is_number() || !std::isfinite(price->get<double>()) ||
              price->get<double>() < 0) {
            throw Error(file, fmt::format("$.Items[{}].savingsPlan[{}].retailPrice", index, p),
                        "is not a price (a number, 0 or more)");
          }
          Found found;
          found.tiers = {Tier{std::nullopt, price->get<double>() / row.count}};
          found.sku = fmt::format("meter {} ({} savings plan)", meter_id, term);
          found.source = source;
          found.date = row.date;
          prices.add({target->id, option, target->meter}, std::move(found));
        }
      }
    };
    ListReader reader(file, "Items", visit);
    read_list(file, reader);
    if (!reader.saw_array()) {
      throw Error(file, "$.Items", "not an Azure Retail Prices API page (no Items array at the top level)");
    }
    sources.push_back(source);
  }

  for (auto& [key, by_meter] : rows) {
    for (auto& [meter_id, meter_rows] : by_meter) {
      std::string why;
      std::optional<double> disk_per;
      if (meter_rows.front().unit == "/Month") {
        disk_per = template_per(document, key.first, key.second);
        if (!disk_per) {
          notes.push_back(fmt::format("{} {}: meter {} is a price per disk, and the template says no disk size "
                                      "(per); not imported",
                                      key.first, key.second, meter_id));
          continue;
        }
      }
      auto found = price_of(meter_rows, disk_per, why);
      if (!found) {
        notes.push_back(fmt::format("{} {}: meter {}: {}; not imported", key.first, key.second, meter_id, why));
        continue;
      }
      prices.add({key.first, "", key.second}, std::move(*found));
    }
  }

  std::vector<std::string> skipped;
  auto count = [&skipped](std::size_t n, const char* what) {
    if (n > 0) {
      skipped.push_back(fmt::format("{} items: {}", n, what));
    }
  };
  count(counts.windows, "Windows (the tables price Linux)");
  count(counts.spot, "Spot and Low Priority (not in the bundled table)");
  count(counts.devtest, "DevTestConsumption (dev/test prices)");
  count(counts.reservation, "Reservation (the bundled table has savings plans as purchase options, not reservations)");
  count(counts.other_regions, fmt::format("other regions (the table is {}'s)", region).c_str());
  count(counts.other_meters, "meters the bundled table does not have");
  skipped.insert(skipped.end(), notes.begin(), notes.end());
  return write_table(std::move(document), prices, std::move(sources), std::move(skipped),
                     files.empty() ? std::string("pricing import") : files.front().string(),
                     "priced nothing of the Azure rate table (are these Azure Retail Prices API pages for " + region +
                         "? Functions, Azure Container Apps, Azure Kubernetes Service, Virtual Machines, Load "
                         "Balancer, NAT Gateway and Storage are read)");
}

} // namespace breakeven
