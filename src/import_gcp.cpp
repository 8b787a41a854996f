// `breakeven pricing import gcp`: Cloud Billing Catalog API SKU lists into this tool's rate table.
//
// A list is one JSON object whose `skus` array holds one SKU each: `name`
// (services/<service>/skus/<sku>), `skuId`, `description`, `category` (`serviceDisplayName`,
// `resourceFamily`, `resourceGroup`, `usageType`), `serviceRegions[]` and `pricingInfo[]` with
// `effectiveTime` and a `pricingExpression`: `usageUnit`, `displayQuantity` and `tieredRates[]`
// (`startUsageAmount`, `unitPrice` as `currencyCode`, `units` and `nanos`). Compute Engine's list
// is large (tens of thousands of SKUs): it is streamed, one SKU at a time.

#include <breakeven/import.hpp>

#include <breakeven/error.hpp>

#include "import_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace breakeven {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using namespace import_parts;

// `description` is `name`, or `name` followed by a space and more ("in Iowa", "(tier 1)").
bool named(const std::string& description, const std::string& name) {
  return description == name || description.starts_with(name + " ");
}

// The meter units in one usage unit: a price per second is 3600 times that per hour.
std::optional<double> units_per(const std::string& meter, const std::string& usage_unit) {
  static const std::map<std::string, std::map<std::string, double>> k_units{
      {"requests", {{"requests", 1}, {"count", 1}}},
      {"gb_seconds", {{"GiBy.s", 1}}},
      {"idle_gb_seconds", {{"GiBy.s", 1}}},
      {"vcpu_seconds", {{"s", 1}}},
      {"idle_vcpu_seconds", {{"s", 1}}},
      {"ghz_seconds", {{"GHz.s", 1}}},
      {"hours", {{"h", 1}}},
      {"instance_hours", {{"h", 1}}},
      {"vcpu_hours", {{"h", 1}, {"s", 3600}}},
      {"gb_hours", {{"GiBy.h", 1}, {"GiBy.s", 3600}}},
      {"gb_months", {{"GiBy.mo", 1}}},
      {"egress_gb", {{"GiBy", 1}}},
      {"processed_gb", {{"GiBy", 1}}},
  };
  auto it = k_units.find(meter);
  if (it == k_units.end()) {
    return std::nullopt;
  }
  auto unit = it->second.find(usage_unit);
  return unit == it->second.end() ? std::nullopt : std::optional<double>(unit->second);
}

struct Target {
  std::string id;
  std::string meter;
};

// What an OnDemand SKU of the table's region prices (other than a machine type's core or RAM).
std::optional<Target> target_of(const std::string& service, const std::string& description) {
  std::optional<Target> target;
  auto is = [&](const char* name, const char* id, const char* meter) {
    if (!target && named(description, name)) {
      target = Target{id, meter};
    }
  };
  if (service == "Cloud Run") {
    is("CPU Allocation Time (Instance-based billing)", "gcp.cloudrun.instance", "vcpu_hours");
    is("Memory Allocation Time (Instance-based billing)", "gcp.cloudrun.instance", "gb_hours");
    is("Idle Min-Instance CPU Allocation Time", "gcp.cloudrun", "idle_vcpu_seconds");
    is("Idle Min-Instance Memory Allocation Time", "gcp.cloudrun", "idle_gb_seconds");
    is("CPU Allocation Time", "gcp.cloudrun", "vcpu_seconds");
    is("Memory Allocation Time", "gcp.cloudrun", "gb_seconds");
    is("Requests", "gcp.cloudrun", "requests");
  } else if (service == "Cloud Functions" || service == "Cloud Run functions") {
    is("Invocations", "gcp.functions.gen1", "requests");
    is("Memory Time", "gcp.functions.gen1", "gb_seconds");
    is("CPU Time", "gcp.functions.gen1", "ghz_seconds");
  } else if (service == "Kubernetes Engine") {
    is("Zonal Kubernetes Clusters", "gcp.gke", "hours");
  } else if (service == "Compute Engine") {
    is("Storage PD Capacity", "gcp.pd.standard", "gb_months");
    is("Balanced PD Capacity", "gcp.pd.balanced", "gb_months");
    is("Network Load Balancing: Forwarding Rule Minimum Service Charge", "gcp.lb.external_application", "hours");
    is("Network Load Balancing: Data Processing Charge", "gcp.lb.external_application", "egress_gb");
  } else if (service == "Networking") {
    is("Networking Cloud Nat Gateway Uptime", "gcp.cloud_nat", "instance_hours");
    is("Networking Cloud Nat Data Processing", "gcp.cloud_nat", "processed_gb");
  }
  return target;
}

// "E2 Instance Core running in Americas" -> ("e2", "core"); "N2D AMD Instance Ram running in
// Americas" -> ("n2d", "ram"). Nothing for custom, sole-tenant, commitment and Spot SKUs.
std::optional<std::pair<std::string, std::string>> machine_part(const std::string& description) {
  auto space = description.find(' ');
  if (space == std::string::npos) {
    return std::nullopt;
  }
  std::string family = description.substr(0, space);
  std::string rest = description.substr(space + 1);
  for (const char* maker : {"AMD ", "Arm "}) {
    if (rest.starts_with(maker)) {
      rest.erase(0, 4);
    }
  }
  bool upper = std::all_of(family.begin(), family.end(),
                           [](unsigned char c) { return std::isupper(c) != 0 || std::isdigit(c) != 0; });
  if (!upper || std::isdigit(static_cast<unsigned char>(family.back())) == 0) {
    return std::nullopt;
  }
  if (rest.starts_with("Instance Core running in ")) {
    return std::make_pair(lower(family), std::string("core"));
  }
  if (rest.starts_with("Instance Ram running in ")) {
    return std::make_pair(lower(family), std::string("ram"));
  }
  return std::nullopt;
}

// A price in nanos of a dollar, exact.
struct Rate {
  double start = 0;       // startUsageAmount, in usage units
  std::int64_t nanos = 0; // per usage unit
};

// One SKU's current price, read from the list.
struct SkuPrice {
  std::vector<Rate> rates;
  std::string usage_unit;
  double display_quantity = 1;
  std::string date;
  std::string sku;
  std::string source;
};

std::int64_t nanos_of(const json& price, const std::string& file, const std::string& where) {
  if (!price.is_object()) {
    throw Error(file, where, "is not a price (units and nanos)");
  }
  if (auto currency = text_of(price, "currencyCode"); currency != "USD") {
    throw Error(file, where + ".currencyCode",
                fmt::format("\"{}\": the rate tables are in USD (ask the API for currencyCode=USD)", currency));
  }
  std::int64_t units = 0;
  if (auto it = price.find("units"); it != price.end()) {
    // int64 fields are strings in the API's JSON; a number is read too.
    std::string text = it->is_string() ? it->get<std::string>() : it->is_number_integer() ? it->dump() : "x";
    bool digits = !text.empty() && text.size() < 12 &&
                  std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!digits) {
      throw Error(file, where + ".units", fmt::format("{} is not a whole number of dollars, 0 or more", it->dump()));
    }
    units = std::stoll(text);
  }
  std::int64_t nanos = 0;
  if (auto it = price.find("nanos"); it != price.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() >= 1'000'000'000) {
      throw Error(file, where + ".nanos", fmt::format("{} is not a number of nanos, 0 to 999999999", it->dump()));
    }
    nanos = it->get<std::int64_t>();
  }
  return units * 1'000'000'000 + nanos;
}

// The SKU's price with the newest effectiveTime.
SkuPrice price_of(const json& sku, std::size_t index, const std::string& file) {
  std::string at = fmt::format("$.skus[{}].pricingInfo", index);
  auto infos = sku.find("pricingInfo");
  if (infos == sku.end() || !infos->is_array() || infos->empty()) {
    throw Error(file, at, "missing, or no prices");
  }
  std::size_t newest = 0;
  std::string newest_time;
  for (std::size_t i = 0; i < infos->size(); ++i) {
    std::string time = (*infos)[i].is_object() ? text_of((*infos)[i], "effectiveTime") : "";
    if (date_of(time).empty()) {
      throw Error(file, fmt::format("{}[{}].effectiveTime", at, i), "missing, or not a date");
    }
    if (time > newest_time) {
      newest = i;
      newest_time = time;
    }
  }
  at = fmt::format("{}[{}].pricingExpression", at, newest);
  const json& info = (*infos)[newest];
  auto expression = info.find("pricingExpression");
  if (expression == info.end() || !expression->is_object()) {
    throw Error(file, at, "missing");
  }
  SkuPrice price;
  price.usage_unit = text_of(*expression, "usageUnit");
  price.date = date_of(newest_time);
  if (auto quantity = expression->find("displayQuantity"); quantity != expression->end() && quantity->is_number()) {
    price.display_quantity = quantity->get<double>();
    if (!std::isfinite(price.display_quantity) || price.display_quantity < 1) {
      price.display_quantity = 1;
    }
  }
  auto rates = expression->find("tieredRates");
  if (rates == expression->end() || !rates->is_array() || rates->empty()) {
    throw Error(file, at + ".tieredRates", "missing, or no rates");
  }
  for (std::size_t i = 0; i < rates->size(); ++i) {
    std::string where = fmt::format("{}.tieredRates[{}]", at, i);
    const json& rate = (*rates)[i];
    if (!rate.is_object() || !rate.contains("unitPrice")) {
      throw Error(file, where, "needs a unitPrice");
    }
    Rate parsed;
    if (auto start = rate.find("startUsageAmount"); start != rate.end()) {
      if (!start->is_number() || !std::isfinite(start->get<double>()) || start->get<double>() < 0) {
        throw Error(file, where + ".startUsageAmount", fmt::format("{} is not an amount, 0 or more", start->dump()));
      }
      parsed.start = start->get<double>();
    }
    parsed.nanos = nanos_of(rate["unitPrice"], file, where + ".unitPrice");
    price.rates.push_back(parsed);
  }
  std::sort(price.rates.begin(), price.rates.end(), [](const Rate& a, const Rate& b) { return a.start < b.start; });
  return price;
}

// A SKU's price in a meter's units: tiers, a free tier from a $0 first rate, `per` the
// display quantity (0.40 per 1000000 requests stays exact). Nothing, with why, when it is not one.
std::optional<Found> found_of(const SkuPrice& price, const std::string& meter, std::string& why) {
  auto factor = units_per(meter, price.usage_unit);
  if (!factor) {
    why = fmt::format("priced per \"{}\", not in {}", price.usage_unit, meter);
    return std::nullopt;
  }
  for (std::size_t i = 1; i < price.rates.size(); ++i) {
    if (price.rates[i].start == price.rates[i - 1].start) {
      why = fmt::format("two rates from {}", price.rates[i].start);
      return std::nullopt;
    }
  }
  if (price.rates.front().start != 0) {
    why = fmt::format("its first rate starts at {}, not 0", price.rates.front().start);
    return std::nullopt;
  }
  double per = *factor == 1 ? price.display_quantity : 1;
  Found found;
  std::size_t first = 0;
  if (price.rates.size() > 1 && price.rates.front().nanos == 0) {
    found.free_tier = price.rates[1].start / *factor;
    first = 1;
  }
  for (std::size_t i = first; i < price.rates.size(); ++i) {
    Tier tier;
    tier.unit_price = static_cast<double>(price.rates[i].nanos) * per * *factor / 1e9;
    if (i + 1 < price.rates.size()) {
      tier.up_to = price.rates[i + 1].start / *factor;
    }
    found.tiers.push_back(tier);
  }
  if (per != 1) {
    found.per = per;
  }
  found.sku = "SKU " + price.sku;
  found.source = price.source;
  found.date = price.date;
  return found;
}

struct Counts {
  std::size_t not_on_demand = 0;
  std::size_t other_regions = 0;
  std::size_t other_skus = 0;
};

std::string money(std::int64_t nanos) {
  std::string text = fmt::format("{}.{:09d}", nanos / 1'000'000'000, nanos % 1'000'000'000);
  while (text.back() == '0' && text[text.size() - 2] != '.') {
    text.pop_back();
  }
  return "$" + text;
}

} // namespace

ImportResult import_gcp(std::span<const std::filesystem::path> files, std::string_view template_json,
                        const std::string& template_name) {
  ordered_json document = ordered_json::parse(template_json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    throw Error(template_name, "", "is not a rate table");
  }
  std::string region = document.value("region", "");
  std::set<std::string> ids;
  std::set<std::string> families; // machine families of the template's gcp.gce.<family>-... types
  for (const char* list : {"components", "offerings"}) {
    for (const auto& item : document.value(list, ordered_json::array())) {
      std::string id = item.value("id", "");
      ids.insert(id);
      if (id.starts_with("gcp.gce.")) {
        families.insert(id.substr(8, id.find('-', 8) - 8));
      }
    }
  }

  Prices prices;
  Prices parts;                                // machine families' core and RAM prices: Key{family, "", "core"|"ram"}
  std::map<std::string, SkuPrice> part_prices; // the same, as read (nanos), by family + part
  Counts counts;
  std::vector<std::string> notes;
  std::vector<std::string> sources;
  for (const auto& path : files) {
    std::string file = path.string();
    std::set<std::string> services;
    auto visit = [&](std::size_t index, const json& sku) {
      if (!sku.is_object()) {
        throw Error(file, fmt::format("$.skus[{}]", index), "is not an object (a SKU)");
      }
      const json category = sku.contains("category") && sku["category"].is_object() ? sku["category"] : json::object();
      if (text_of(category, "usageType") != "OnDemand") {
        ++counts.not_on_demand;
        return;
      }
      bool here = false;
      if (auto regions = sku.find("serviceRegions"); regions != sku.end() && regions->is_array()) {
        for (const auto& name : *regions) {
          here =
              here || (name.is_string() && (name.get<std::string>() == region || name.get<std::string>() == "global"));
        }
      }
      if (!here) {
        ++counts.other_regions;
        return;
      }
      std::string service = text_of(category, "serviceDisplayName");
      std::string description = text_of(sku, "description");
      auto target = target_of(service, description);
      auto part = service == "Compute Engine" && text_of(category, "resourceFamily") == "Compute"
                      ? machine_part(description)
                      : std::nullopt;
      if (part && families.count(part->first) == 0) {
        part.reset();
      }
      if (target && ids.count(target->id) == 0) {
        target.reset();
      }
      if (!target && !part) {
        ++counts.other_skus;
        return;
      }
      SkuPrice price = price_of(sku, index, file);
      std::string name = text_of(sku, "name");
      std::string service_id = name.starts_with("services/") ? name.substr(9, name.find('/', 9) - 9) : "";
      price.sku = text_of(sku, "skuId");
      price.source = service_id.empty()
                         ? fmt::format("Cloud Billing Catalog API SKU list, page {}", path.filename().string())
                         : fmt::format("Cloud Billing Catalog API services/{}/skus, page {}", service_id,
                                       path.filename().string());
      services.insert(service.empty() ? service_id : service);
      std::string why;
      if (part) {
        auto found = found_of(price, part->second == "core" ? "instance_hours" : "gb_hours", why);
        if (!found || found->tiers.size() != 1) {
          notes.push_back(fmt::format("{} {}: SKU {}: {}; not imported", part->first, part->second, price.sku,
                                      found ? "tiered" : why));
          return;
        }
        parts.add({part->first, "", part->second}, *found);
        part_prices[part->first + " " + part->second] = price;
        return;
      }
      auto found = found_of(price, target->meter, why);
      if (!found) {
        notes.push_back(fmt::format("{} {}: SKU {}: {}; not imported", target->id, target->meter, price.sku, why));
        return;
      }
      prices.add({target->id, "", target->meter}, std::move(*found));
    };
    ListReader reader(file, "skus", visit);
    read_list(file, reader);
    if (!reader.saw_array()) {
      throw Error(file, "$.skus", "not a Cloud Billing Catalog API SKU list (no skus array at the top level)");
    }
    std::string listed;
    for (const auto& service : services) {
      listed += (listed.empty() ? "" : ", ") + service;
    }
    sources.push_back(fmt::format("Cloud Billing Catalog API SKU list, page {}{}", path.filename().string(),
                                  listed.empty() ? "" : " (" + listed + ")"));
  }
  notes.insert(notes.end(), parts.notes.begin(), parts.notes.end());

  // Compute Engine machine types: vCPUs x the family's core price + GiB x its RAM price.
  bool options_said = false;
  for (const auto& offering : document.value("offerings", ordered_json::array())) {
    std::string id = offering.value("id", "");
    if (!id.starts_with("gcp.gce.") || offering.value("kind", "") != "vm") {
      continue;
    }
    std::string type = id.substr(8);
    std::string family = type.substr(0, type.find('-'));
    const Found* core = parts.find({family, "", "core"});
    const Found* ram = parts.find({family, "", "ram"});
    if (core == nullptr || ram == nullptr) {
      continue; // write_table names it as not in these files
    }
    if (offering.contains("gpus")) {
      notes.push_back(
          fmt::format("{}: a GPU machine type; its GPU's SKU is not read, so its price is not composed", id));
      continue;
    }
    double vcpu = offering.value("vcpu", 0.0);
    double memory_gb = offering.value("memory_gb", 0.0);
    const SkuPrice& core_price = part_prices.at(family + " core");
    const SkuPrice& ram_price = part_prices.at(family + " ram");
    Found found;
    double whole_vcpu = std::round(vcpu);
    double whole_gb = std::round(memory_gb);
    if (whole_vcpu == vcpu && whole_gb == memory_gb) {
      // In nanos, exactly: 2 x 21811590 + 8 x 2923530 = 67011420 nanos = $0.06701142.
      std::int64_t nanos = static_cast<std::int64_t>(whole_vcpu) * core_price.rates.front().nanos +
                           static_cast<std::int64_t>(whole_gb) * ram_price.rates.front().nanos;
      found.tiers = {Tier{std::nullopt, static_cast<double>(nanos) / 1e9}};
    } else {
      found.tiers = {Tier{std::nullopt, vcpu * core->tiers[0].unit_price + memory_gb * ram->tiers[0].unit_price}};
    }
    found.sku = fmt::format("SKUs {} and {}", core_price.sku, ram_price.sku);
    found.source = core_price.source;
    found.date = std::max(core->date, ram->date);
    found.notes.push_back(fmt::format(
        "Imported price composed from the Cloud Billing Catalog: {} vCPU x {} per vCPU-hour (SKU {}) + {} GiB x {} "
        "per GiB-hour (SKU {}), {} on-demand.",
        vcpu, money(core_price.rates.front().nanos), core_price.sku, memory_gb, money(ram_price.rates.front().nanos),
        ram_price.sku, region));
    prices.add({id, "", "instance_hours"}, std::move(found));
    if (offering.contains("purchase_options") && !options_said) {
      notes.push_back("Compute Engine committed-use and Spot prices are not composed from the catalog: the machine "
                      "types' purchase options are left out");
      options_said = true;
    }
  }

  std::vector<std::string> skipped;
  auto count = [&skipped](std::size_t n, const std::string& what) {
    if (n > 0) {
      skipped.push_back(fmt::format("{} SKUs: {}", n, what));
    }
  };
  count(counts.not_on_demand, "not OnDemand (Preemptible/Spot, committed use)");
  count(counts.other_regions, fmt::format("not sold in {} (other regions)", region));
  count(counts.other_skus, "prices the bundled table does not have");
  skipped.insert(skipped.end(), notes.begin(), notes.end());
  return write_table(std::move(document), prices, std::move(sources), std::move(skipped),
                     files.empty() ? std::string("pricing import") : files.front().string(),
                     "priced nothing of the GCP rate table (are these Cloud Billing Catalog API SKU lists? Cloud "
                     "Run, Cloud Functions, Kubernetes Engine, Compute Engine and Networking are read, for " +
                         region + ")");
}

} // namespace breakeven
