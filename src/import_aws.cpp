// `breakeven pricing import aws`: AWS Price List bulk offer files into this tool's rate table.
//
// An offer file is one JSON object: `offerCode`, `version`, `publicationDate`, `products` (by
// SKU: `productFamily`, `attributes`), then `terms.OnDemand` and `terms.Reserved` (by SKU, then
// by offer term: `priceDimensions` with `beginRange`, `endRange`, `unit`, `pricePerUnit.USD`).
// The EC2 file is hundreds of megabytes, so it is read with nlohmann's SAX interface: only one
// product or one SKU's terms is held at a time, as a small JSON value, and only the SKUs that
// price something of the template are remembered.

#include <breakeven/import.hpp>

#include "import_parts.hpp"

#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace breakeven {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// A price the template needs: an item (offering or component) and one of its meters.
struct Target {
  std::string id;
  std::string meter;
  bool free_tier_only = false; // a global SKU whose $0 first range is the free tier
};

// The units a meter's price dimensions may be in.
bool unit_fits(const std::string& meter, const std::string& unit) {
  static const std::map<std::string, std::set<std::string>> k_units{
      {"requests", {"Requests", "Request"}},
      {"gb_seconds", {"Lambda-GB-Second", "GB-Seconds", "Second"}},
      {"ephemeral_gb_seconds", {"GB-Seconds", "Lambda-GB-Second"}},
      {"provisioned_gb_seconds", {"Lambda-GB-Second", "GB-Seconds"}},
      {"provisioned_duration_gb_seconds", {"Lambda-GB-Second", "GB-Seconds"}},
      {"vcpu_hours", {"hours", "Hours", "vCPU-Hours"}},
      {"gb_hours", {"GB-Hours", "hours", "Hours"}},
      {"ephemeral_gb_hours", {"GB-Hours", "hours", "Hours"}},
      {"instance_hours", {"Hrs"}},
      {"hours", {"Hrs", "Hours", "hours"}},
      {"gb_months", {"GB-Mo"}},
      {"lcu_hours", {"LCU-Hrs"}},
      {"surplus_vcpu_hours", {"vCPU-Hours"}},
  };
  auto it = k_units.find(meter);
  return it != k_units.end() && it->second.count(unit) > 0;
}

using import_parts::text_of;

// `usagetype` is `name` or `<region prefix>-name` (USE1-Fargate-GB-Hours); not SpotUsage-...
bool usage_is(const std::string& usagetype, const std::string& name) {
  if (usagetype == name) {
    return true;
  }
  if (usagetype.size() <= name.size() + 1 || !usagetype.ends_with(name)) {
    return false;
  }
  std::string prefix = usagetype.substr(0, usagetype.size() - name.size());
  return prefix.back() == '-' && prefix.find('-') == prefix.size() - 1;
}

// What a product prices, for the template's ids. Empty when nothing.
std::vector<Target> targets_of(const std::string& offer, const json& product, const std::string& region,
                               const std::set<std::string>& ids) {
  std::vector<Target> targets;
  const json& attributes = product.contains("attributes") ? product["attributes"] : json::object();
  std::string family = text_of(product, "productFamily");
  std::string usagetype = text_of(attributes, "usagetype");
  std::string location = text_of(attributes, "location");
  std::string region_code = text_of(attributes, "regionCode");
  bool here = region_code == region;
  bool global = region_code.empty() && location == "Any";
  auto add = [&](const std::string& id, const std::string& meter, bool free_tier_only = false) {
    if (ids.count(id) > 0) {
      targets.push_back({id, meter, free_tier_only});
    }
  };
  if (offer == "AWSLambda") {
    static const std::map<std::string, std::string> k_groups{
        {"AWS-Lambda-Requests", "requests"},
        {"AWS-Lambda-Duration", "gb_seconds"},
        {"AWS-Lambda-Storage-Duration", "ephemeral_gb_seconds"},
        {"AWS-Lambda-Provisioned-Concurrency", "provisioned_gb_seconds"},
        {"AWS-Lambda-Duration-Provisioned", "provisioned_duration_gb_seconds"},
    };
    std::string group = text_of(attributes, "group");
    bool arm = group.ends_with("-ARM");
    auto meter = k_groups.find(arm ? group.substr(0, group.size() - 4) : group);
    if (meter == k_groups.end()) {
      return targets;
    }
    if (here) {
      add(arm ? "aws.lambda.arm" : "aws.lambda.x86", meter->second);
    } else if (global && !arm && (meter->second == "requests" || meter->second == "gb_seconds")) {
      // The free tier is the account's, for x86 and Arm alike (https://aws.amazon.com/lambda/pricing/).
      add("aws.lambda.x86", meter->second, true);
      add("aws.lambda.arm", meter->second, true);
    }
  } else if (offer == "AmazonECS" && here) {
    if (usage_is(usagetype, "Fargate-vCPU-Hours:perCPU")) {
      add("aws.fargate.x86", "vcpu_hours");
    } else if (usage_is(usagetype, "Fargate-GB-Hours")) {
      add("aws.fargate.x86", "gb_hours");
    } else if (usage_is(usagetype, "Fargate-ARM-vCPU-Hours:perCPU")) {
      add("aws.fargate.arm", "vcpu_hours");
    } else if (usage_is(usagetype, "Fargate-ARM-GB-Hours")) {
      add("aws.fargate.arm", "gb_hours");
    } else if (usage_is(usagetype, "Fargate-EphemeralStorage-GB-Hours")) {
      add("aws.fargate.x86", "ephemeral_gb_hours");
      add("aws.fargate.arm", "ephemeral_gb_hours");
    }
  } else if (offer == "AmazonEKS" && here) {
    if (usage_is(usagetype, "AmazonEKS-Hours:perCluster")) {
      add("aws.eks", "hours");
    }
  } else if (offer == "AmazonEC2" && here) {
    if (family == "Compute Instance") {
      std::string type = text_of(attributes, "instanceType");
      bool plain_linux = text_of(attributes, "operatingSystem") == "Linux" &&
                         text_of(attributes, "tenancy") == "Shared" && text_of(attributes, "preInstalledSw") == "NA" &&
                         text_of(attributes, "capacitystatus") == "Used" &&
                         text_of(attributes, "operation") == "RunInstances";
      if (plain_linux && usage_is(usagetype, "BoxUsage:" + type)) {
        add("aws.ec2." + type, "instance_hours");
      }
    } else if (auto at = usagetype.find("CPUCredits:");
               at != std::string::npos && text_of(attributes, "operatingSystem") == "Linux") {
      // Surplus credits of a burstable family (CPUCredits:t3), for each of its sizes.
      std::string burstable = usagetype.substr(at + 11);
      if (usage_is(usagetype, "CPUCredits:" + burstable)) {
        for (const auto& id : ids) {
          if (id.starts_with("aws.ec2." + burstable + ".")) {
            add(id, "surplus_vcpu_hours");
          }
        }
      }
    } else if (family == "NAT Gateway" && usage_is(usagetype, "NatGateway-Hours")) {
      add("aws.nat_gateway", "hours");
    } else if (family == "Storage" && text_of(attributes, "volumeApiName") == "gp3" &&
               usage_is(usagetype, "EBS:VolumeUsage.gp3")) {
      add("aws.ebs.gp3", "gb_months");
    }
  } else if (offer == "AWSELB" && here && family == "Load Balancer-Application") {
    if (usage_is(usagetype, "LoadBalancerUsage")) {
      add("aws.alb", "hours");
    } else if (usage_is(usagetype, "LCUUsage")) {
      add("aws.alb", "lcu_hours");
    }
  }
  return targets;
}

// One priced meter, as the files give it.
struct Found {
  std::vector<Tier> tiers;
  std::optional<double> free_tier;
  std::string sku;
  std::string file; // the offer file's identity (source)
  std::string date; // its publicationDate, YYYY-MM-DD
  bool ambiguous = false;
};

struct Identity {
  std::string offer_code;
  std::string version;
  std::string publication_date;
};

// The state of one import across its files.
struct Importer {
  std::string region;
  std::set<std::string> ids;
  std::map<std::pair<std::string, std::string>, Found> found;      // (id, meter)
  std::map<std::pair<std::string, std::string>, Found> free_tiers; // (id, meter), from global SKUs
  std::vector<std::string> notes;
  std::size_t reserved_skus = 0;

  void add_price(const Target& target, Found price, const std::string& where) {
    auto& store = target.free_tier_only ? free_tiers : found;
    auto key = std::make_pair(target.id, target.meter);
    auto it = store.find(key);
    if (it == store.end()) {
      store.emplace(key, std::move(price));
    } else if (it->second.tiers != price.tiers || it->second.free_tier != price.free_tier) {
      if (!it->second.ambiguous) {
        notes.push_back(fmt::format("{} {}: SKUs {} and {} ({}) give different prices; not imported", target.id,
                                    target.meter, it->second.sku, price.sku, where));
      }
      it->second.ambiguous = true;
    }
  }
};

// Price dimensions into tiers (cumulative bounds, the last unbounded) and a free tier from a $0
// first range. Nothing when they do not form one tiered price.
std::optional<std::pair<std::vector<Tier>, std::optional<double>>>
tiers_of(const json& dimensions, const std::string& meter, std::string& why) {
  struct Range {
    double begin;
    std::optional<double> end;
    double price;
  };
  std::vector<Range> ranges;
  for (const auto& [rate, dimension] : dimensions.items()) {
    std::string unit = text_of(dimension, "unit");
    if (!unit_fits(meter, unit)) {
      why = fmt::format("unit \"{}\" is not {}'s", unit, meter);
      return std::nullopt;
    }
    std::string usd = dimension.contains("pricePerUnit") ? text_of(dimension["pricePerUnit"], "USD") : "";
    std::string begin = text_of(dimension, "beginRange");
    std::string end = text_of(dimension, "endRange");
    char* stop = nullptr;
    double price = std::strtod(usd.c_str(), &stop);
    if (usd.empty() || *stop != '\0' || !std::isfinite(price) || price < 0) {
      why = fmt::format("price \"{}\" USD is not a price", usd);
      return std::nullopt;
    }
    Range range{begin.empty() ? 0.0 : std::strtod(begin.c_str(), nullptr), std::nullopt, price};
    if (!end.empty() && end != "Inf") {
      range.end = std::strtod(end.c_str(), nullptr);
    }
    ranges.push_back(range);
  }
  if (ranges.empty()) {
    why = "no price dimensions";
    return std::nullopt;
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  if (ranges.size() == 1 && ranges.front().price == 0 && ranges.front().begin == 0 && ranges.front().end) {
    return std::make_pair(std::vector<Tier>{}, ranges.front().end); // only a free tier (a global SKU)
  }
  std::optional<double> free_tier;
  if (ranges.size() > 1 && ranges.front().price == 0 && ranges.front().end) {
    free_tier = *ranges.front().end;
  }
  std::vector<Tier> tiers;
  double expected_begin = 0;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].begin != expected_begin || (i + 1 < ranges.size()) != ranges[i].end.has_value()) {
      why = "its ranges leave gaps or overlap";
      return std::nullopt;
    }
    expected_begin = ranges[i].end.value_or(0);
    if (i == 0 && free_tier) {
      continue;
    }
    tiers.push_back({ranges[i].end, ranges[i].price});
  }
  return std::make_pair(tiers, free_tier);
}

// The SAX reader of one offer file: captures one product, or one SKU's terms, at a time.
class OfferReader : public nlohmann::json_sax<json> {
public:
  OfferReader(Importer& importer, std::string file) : m_importer(importer), m_file(std::move(file)) {}

  bool null() override { return value(json(nullptr)); }
  bool boolean(bool v) override { return value(json(v)); }
  bool number_integer(number_integer_t v) override { return value(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return value(json(v)); }
  bool number_float(number_float_t v, const string_t& /*text*/) override { return value(json(v)); }
  bool string(string_t& v) override { return value(json(v)); }
  bool binary(binary_t& /*v*/) override { return value(json(nullptr)); }

  bool start_object(std::size_t /*size*/) override { return open(json::object()); }
  bool start_array(std::size_t /*size*/) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    if (m_depth <= 3) {
      m_path.resize(m_depth);
      m_path.back() = name;
    }
    m_key = name;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*token*/,
                   const nlohmann::detail::exception& error) override {
    throw Error(m_file, "", fmt::format("not a JSON offer file (byte {}): {}", position, error.what()));
  }

  const Identity& identity() const { return m_identity; }
  std::size_t products() const { return m_products; }

private:
  // A value inside a record being captured, or a top-level field.
  bool value(json v) {
    if (!m_stack.empty()) {
      attach(std::move(v));
      return true;
    }
    if (m_depth == 1 && v.is_string()) {
      if (m_key == "offerCode") {
        m_identity.offer_code = v.get<std::string>();
      } else if (m_key == "version") {
        m_identity.version = v.get<std::string>();
      } else if (m_key == "publicationDate") {
        m_identity.publication_date = v.get<std::string>();
      }
    }
    return true;
  }

  void attach(json v) {
    json& parent = *m_stack.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
    } else {
      parent[m_key] = std::move(v);
    }
  }

  bool open(json empty) {
    ++m_depth;
    if (!m_stack.empty()) {
      json& parent = *m_stack.back();
      json* child = nullptr;
      if (parent.is_array()) {
        parent.push_back(std::move(empty));
        child = &parent.back();
      } else {
        parent[m_key] = std::move(empty);
        child = &parent[m_key];
      }
      m_stack.push_back(child);
      return true;
    }
    // products.<sku> (depth 3 once opened), terms.<type>.<sku> (depth 4).
    bool product = m_depth == 3 && m_path.size() >= 2 && m_path[0] == "products";
    bool terms = m_depth == 4 && m_path.size() >= 3 && m_path[0] == "terms" &&
                 (m_path[1] == "OnDemand" || m_path[1] == "Reserved");
    if (terms && m_path[1] == "Reserved") {
      ++m_importer.reserved_skus;
      terms = false;
    }
    if (product || (terms && m_targets.count(m_path[2]) > 0)) {
      m_record = std::move(empty);
      m_record_depth = m_depth;
      m_stack.push_back(&m_record);
    }
    return true;
  }

  bool close() {
    if (!m_stack.empty()) {
      m_stack.pop_back();
      if (m_stack.empty() && m_depth == m_record_depth) {
        finish_record();
        m_record = json();
      }
    }
    --m_depth;
    return true;
  }

  void finish_record() {
    if (m_path[0] == "products") {
      ++m_products;
      auto targets = targets_of(m_identity.offer_code, m_record, m_importer.region, m_importer.ids);
      if (!targets.empty()) {
        m_targets[m_path[1]] = std::move(targets);
      }
      return;
    }
    const std::string& sku = m_path[2];
    for (const auto& [term_code, term] : m_record.items()) {
      if (!term.contains("priceDimensions")) {
        continue;
      }
      for (const Target& target : m_targets.at(sku)) {
        std::string why;
        auto tiers = tiers_of(term["priceDimensions"], target.meter, why);
        if (!tiers) {
          m_importer.notes.push_back(
              fmt::format("{} {}: SKU {} in {}: {}; not imported", target.id, target.meter, sku, m_file, why));
          continue;
        }
        Found price;
        price.tiers = tiers->first;
        price.free_tier = tiers->second;
        price.sku = sku;
        price.file = fmt::format("AWS Price List offer file {} version {} (publicationDate {})", m_identity.offer_code,
                                 m_identity.version, m_identity.publication_date);
        price.date = m_identity.publication_date.substr(0, 10);
        if (target.free_tier_only != price.tiers.empty() || (target.free_tier_only && !price.free_tier)) {
          if (!target.free_tier_only) {
            m_importer.notes.push_back(fmt::format("{} {}: SKU {} in {}: only a free tier; not imported", target.id,
                                                   target.meter, sku, m_file));
          }
          continue; // a global SKU that is not a free tier, or a regional one that is only one
        }
        m_importer.add_price(target, std::move(price), m_file);
      }
    }
  }

  Importer& m_importer;
  std::string m_file;
  Identity m_identity;
  std::size_t m_depth = 0;
  std::vector<std::string> m_path{""}; // keys at depths 1..3
  std::string m_key;
  json m_record;
  std::size_t m_record_depth = 0;
  std::vector<json*> m_stack;
  std::map<std::string, std::vector<Target>> m_targets; // sku -> what it prices
  std::size_t m_products = 0;
};

ordered_json tier_json(const Tier& tier) {
  ordered_json out = ordered_json::object();
  if (tier.up_to) {
    out["up_to"] = *tier.up_to;
  }
  out["unit_price"] = tier.unit_price;
  return out;
}

// Rewrites one charge of the template with the found price; keeps its name, meter and included.
void rewrite_charge(ordered_json& charge, const Found& price, std::vector<std::string>& notes, const std::string& id) {
  charge.erase("unit_price");
  charge.erase("per");
  charge.erase("tiers");
  if (price.tiers.size() == 1) {
    charge["unit_price"] = price.tiers[0].unit_price;
  } else {
    ordered_json tiers = ordered_json::array();
    for (const auto& tier : price.tiers) {
      tiers.push_back(tier_json(tier));
    }
    charge["tiers"] = std::move(tiers);
  }
  if (price.free_tier) {
    charge["free_tier"] = *price.free_tier;
  } else if (charge.contains("free_tier")) {
    notes.push_back(fmt::format("{} {}: free tier kept from the template (the files have no $0 range for it)", id,
                                charge["name"].get<std::string>()));
  }
}

} // namespace

ImportResult import_aws(std::span<const std::filesystem::path> files, std::string_view template_json,
                        const std::string& template_name) {
  ordered_json document = ordered_json::parse(template_json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    throw Error(template_name, "", "is not a rate table");
  }
  Importer importer;
  importer.region = document.value("region", "");
  for (const char* list : {"components", "offerings"}) {
    for (const auto& item : document.value(list, ordered_json::array())) {
      importer.ids.insert(item.value("id", ""));
    }
  }
  ImportResult result;
  std::vector<std::string> sources;
  std::string latest;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw Error(path.string(), "", "no such file, or it cannot be read");
    }
    OfferReader reader(importer, path.string());
    json::sax_parse(in, &reader);
    const Identity& identity = reader.identity();
    if (identity.offer_code.empty() || identity.publication_date.size() < 10) {
      throw Error(path.string(), "$.offerCode",
                  "not an AWS Price List offer file (no offerCode or publicationDate at the top level)");
    }
    sources.push_back(fmt::format("AWS Price List offer file {} version {} (publicationDate {})", identity.offer_code,
                                  identity.version, identity.publication_date));
    latest = std::max(latest, identity.publication_date.substr(0, 10));
  }
  if (importer.reserved_skus > 0) {
    result.skipped.push_back(
        fmt::format("Reserved terms of {} SKUs: not imported (the template models no reserved purchase option for AWS)",
                    importer.reserved_skus));
  }

  // Rewrites an item whose every charge was found; else says what was missing.
  auto rewrite = [&](ordered_json& item) -> bool {
    std::string id = item.value("id", "");
    if (!item.contains("charges")) {
      result.skipped.push_back(fmt::format("{}: has no charges to import", id));
      return false;
    }
    std::vector<std::string> missing;
    std::string file;
    std::string date;
    auto lookup = [&](const std::string& meter) -> const Found* {
      auto it = importer.found.find({id, meter});
      if (it == importer.found.end() || it->second.ambiguous) {
        missing.push_back(meter);
        return nullptr;
      }
      return &it->second;
    };
    for (auto& charge : item["charges"]) {
      if (const Found* price = lookup(charge.value("meter", ""))) {
        file = price->file;
        date = std::max(date, price->date);
      }
    }
    if (!missing.empty()) {
      result.skipped.push_back(fmt::format("{}: not in these files ({})", id, fmt::join(missing, ", ")));
      return false;
    }
    for (auto& charge : item["charges"]) {
      std::string meter = charge.value("meter", "");
      Found price = importer.found.at({id, meter});
      if (!price.free_tier) {
        if (auto free = importer.free_tiers.find({id, meter});
            free != importer.free_tiers.end() && !free->second.ambiguous) {
          price.free_tier = free->second.free_tier;
        }
      }
      rewrite_charge(charge, price, result.skipped, id);
    }
    if (item.contains("provisioned_concurrency")) {
      auto& provisioned = item["provisioned_concurrency"];
      std::vector<std::string> absent;
      for (auto& charge : provisioned["charges"]) {
        auto it = importer.found.find({id, charge.value("meter", "")});
        if (it == importer.found.end() || it->second.ambiguous) {
          absent.push_back(charge.value("meter", ""));
        }
      }
      if (absent.empty()) {
        for (auto& charge : provisioned["charges"]) {
          rewrite_charge(charge, importer.found.at({id, charge.value("meter", "")}), result.skipped, id);
        }
        provisioned["source"] = file;
      } else {
        result.skipped.push_back(
            fmt::format("{}: provisioned concurrency left out (not in these files: {})", id, fmt::join(absent, ", ")));
        item.erase("provisioned_concurrency");
      }
    }
    if (item.contains("purchase_options")) {
      result.skipped.push_back(
          fmt::format("{}: purchase options (spot) left out: offer files have no spot prices", id));
      item.erase("purchase_options");
    }
    item["source"] = file;
    item["as_of"] = date;
    result.imported.push_back(fmt::format("{}: {}", id, file));
    return true;
  };

  for (const char* list : {"components", "offerings"}) {
    if (!document.contains(list)) {
      continue;
    }
    ordered_json kept = ordered_json::array();
    for (auto& item : document[list]) {
      if (rewrite(item)) {
        kept.push_back(std::move(item));
      }
    }
    document[list] = std::move(kept);
  }
  for (const auto& note : importer.notes) {
    result.skipped.push_back(note);
  }
  if (result.imported.empty()) {
    throw Error(files.empty() ? std::string("pricing import") : files.front().string(), "",
                "priced nothing of the AWS rate table (which offer files are these? AWSLambda, AmazonECS, "
                "AmazonEKS, AmazonEC2 and AWSELB are read)");
  }
  // Table-wide references to components (egress, the VMs' root volume) go with them.
  auto kept = [&document](const std::string& id) {
    const auto components = document.value("components", ordered_json::array());
    return std::any_of(components.begin(), components.end(),
                       [&id](const ordered_json& component) { return component.value("id", "") == id; });
  };
  if (!kept(document.value("internet_egress", ""))) {
    document.erase("internet_egress");
  }
  if (document.contains("vm_root_volume") && !kept(document["vm_root_volume"].value("component", ""))) {
    document.erase("vm_root_volume");
  }
  document["as_of"] = latest;
  document["sources"] = sources;
  result.table_json = document.dump(2) + "\n";
  parse_rate_table(result.table_json, "<imported table>"); // what it writes, the loader reads
  return result;
}

} // namespace breakeven
