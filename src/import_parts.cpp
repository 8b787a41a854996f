// What the Azure and GCP importers share: a streaming reader of a price list's one big array,
// the prices found, and the rewrite of the template table with them.

#include "import_parts.hpp"

#include <breakeven/error.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <utility>

namespace breakeven::import_parts {

using nlohmann::json;
using nlohmann::ordered_json;

void Prices::add(const Key& key, Found price) {
  auto it = m_found.find(key);
  if (it == m_found.end()) {
    m_found.emplace(key, std::move(price));
    return;
  }
  if (it->second.tiers == price.tiers && it->second.free_tier == price.free_tier && it->second.per == price.per) {
    return;
  }
  if (!it->second.ambiguous) {
    std::string what = key.option.empty() ? key.id : key.id + "@" + key.option;
    notes.push_back(fmt::format("{} {}: {} and {} give different prices; not imported", what, key.meter, it->second.sku,
                                price.sku));
  }
  it->second.ambiguous = true;
}

const Found* Prices::find(const Key& key) const {
  auto it = m_found.find(key);
  return it == m_found.end() || it->second.ambiguous ? nullptr : &it->second;
}

ListReader::ListReader(std::string file, std::string array_key, Visit visit)
    : m_file(std::move(file)), m_array_key(std::move(array_key)), m_visit(std::move(visit)) {}

bool ListReader::null() {
  return value(json(nullptr));
}
bool ListReader::boolean(bool v) {
  return value(json(v));
}
bool ListReader::number_integer(number_integer_t v) {
  return value(json(v));
}
bool ListReader::number_unsigned(number_unsigned_t v) {
  return value(json(v));
}
bool ListReader::number_float(number_float_t v, const string_t& /*text*/) {
  return value(json(v));
}
bool ListReader::string(string_t& v) {
  return value(json(v));
}
bool ListReader::binary(binary_t& /*v*/) {
  return value(json(nullptr));
}
bool ListReader::start_object(std::size_t /*size*/) {
  return open(json::object());
}
bool ListReader::start_array(std::size_t /*size*/) {
  return open(json::array());
}
bool ListReader::end_object() {
  return close();
}
bool ListReader::end_array() {
  return close();
}

bool ListReader::key(string_t& name) {
  if (m_depth == 1) {
    m_top_key = name;
  }
  m_key = name;
  return true;
}

bool ListReader::parse_error(std::size_t position, const std::string& /*token*/,
                             const nlohmann::detail::exception& error) {
  throw Error(m_file, "", fmt::format("not JSON (byte {}): {}", position, error.what()));
}

bool ListReader::value(json v) {
  if (!m_stack.empty()) {
    json& parent = *m_stack.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
    } else {
      parent[m_key] = std::move(v);
    }
    return true;
  }
  if (m_in_array && m_depth == 2) {
    m_visit(m_index++, v); // an element that is not an object: the visitor says what is wrong
  } else if (m_depth == 1 && v.is_string()) {
    m_top_level[m_top_key] = v.get<std::string>();
  }
  return true;
}

bool ListReader::open(json empty) {
  ++m_depth;
  if (m_depth == 1) {
    m_root_is_object = empty.is_object();
    return true;
  }
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
  if (m_depth == 2 && m_root_is_object && m_top_key == m_array_key && empty.is_array()) {
    m_in_array = true;
    m_saw_array = true;
    return true;
  }
  if (m_depth == 3 && m_in_array) {
    m_element = std::move(empty);
    m_stack.push_back(&m_element);
  }
  return true;
}

bool ListReader::close() {
  if (!m_stack.empty()) {
    m_stack.pop_back();
    if (m_stack.empty()) {
      m_visit(m_index++, m_element);
      m_element = json();
    }
  } else if (m_depth == 2) {
    m_in_array = false;
  }
  --m_depth;
  return true;
}

void read_list(const std::string& path, ListReader& reader) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(path, "", "no such file, or it cannot be read");
  }
  json::sax_parse(in, &reader);
}

std::string text_of(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string date_of(const std::string& timestamp) {
  if (timestamp.size() < 10) {
    return {};
  }
  std::string date = timestamp.substr(0, 10);
  for (std::size_t i = 0; i < date.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? date[i] != '-' : std::isdigit(static_cast<unsigned char>(date[i])) == 0) {
      return {};
    }
  }
  return date;
}

namespace {

ordered_json tier_json(const Tier& tier) {
  ordered_json out = ordered_json::object();
  if (tier.up_to) {
    out["up_to"] = *tier.up_to;
  }
  out["unit_price"] = tier.unit_price;
  return out;
}

// One charge of the template with the found price; keeps its name and meter. A template's free
// tier the list does not have (a credit rather than a $0 tier) is kept, and said.
void rewrite_charge(ordered_json& charge, const Found& price, const std::string& what,
                    std::vector<std::string>& skipped) {
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
  if (price.per) {
    charge["per"] = *price.per;
  }
  if (price.free_tier) {
    charge["free_tier"] = *price.free_tier;
  } else if (charge.contains("free_tier")) {
    skipped.push_back(fmt::format("{} {}: free tier kept from the template (the list has no $0 tier for it)", what,
                                  charge.value("name", "")));
  }
}

// The template's charges that `prices` has for (id, option); the meters it lacks in `missing`.
std::vector<const Found*> lookup(const ordered_json& charges, const Prices& prices, const std::string& id,
                                 const std::string& option, std::vector<std::string>& missing) {
  std::vector<const Found*> found;
  for (const auto& charge : charges) {
    std::string meter = charge.value("meter", "");
    const Found* price = prices.find({id, option, meter});
    if (price == nullptr) {
      missing.push_back(meter);
    }
    found.push_back(price);
  }
  return found;
}

} // namespace

ImportResult write_table(ordered_json document, const Prices& prices, std::vector<std::string> sources,
                         std::vector<std::string> skipped, const std::string& first_file,
                         const std::string& nothing_priced) {
  ImportResult result;
  result.skipped = std::move(skipped);
  std::string latest;

  auto rewrite = [&](ordered_json& item) -> bool {
    std::string id = item.value("id", "");
    if (!item.contains("charges")) {
      result.skipped.push_back(fmt::format("{}: has no charges to import", id));
      return false;
    }
    std::vector<std::string> missing;
    auto found = lookup(item["charges"], prices, id, "", missing);
    if (!missing.empty()) {
      result.skipped.push_back(fmt::format("{}: not in these files ({})", id, fmt::join(missing, ", ")));
      return false;
    }
    std::string source;
    std::string date;
    std::vector<std::string> notes;
    for (std::size_t i = 0; i < found.size(); ++i) {
      rewrite_charge(item["charges"][i], *found[i], id, result.skipped);
      source = found[i]->source;
      date = std::max(date, found[i]->date);
      notes.insert(notes.end(), found[i]->notes.begin(), found[i]->notes.end());
    }
    if (!notes.empty()) {
      ordered_json all = ordered_json(notes);
      for (auto& note : item.value("notes", ordered_json::array())) {
        all.push_back(note);
      }
      item["notes"] = std::move(all);
    }
    if (item.contains("purchase_options")) {
      ordered_json kept = ordered_json::array();
      for (auto& option : item["purchase_options"]) {
        std::string name = option.value("id", "");
        std::vector<std::string> absent;
        auto option_found = lookup(option.value("charges", ordered_json::array()), prices, id, name, absent);
        if (!absent.empty() || option_found.empty()) {
          result.skipped.push_back(fmt::format("{}@{}: purchase option left out (not in these files: {})", id, name,
                                               fmt::join(absent, ", ")));
          continue;
        }
        std::string option_date;
        for (std::size_t i = 0; i < option_found.size(); ++i) {
          rewrite_charge(option["charges"][i], *option_found[i], id + "@" + name, result.skipped);
          option_date = std::max(option_date, option_found[i]->date);
          option["source"] = option_found[i]->source;
        }
        option["as_of"] = option_date;
        latest = std::max(latest, option_date);
        kept.push_back(std::move(option));
      }
      if (kept.empty()) {
        item.erase("purchase_options");
      } else {
        item["purchase_options"] = std::move(kept);
      }
    }
    item["source"] = source;
    item["as_of"] = date;
    latest = std::max(latest, date);
    result.imported.push_back(fmt::format("{}: {}", id, source));
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
  result.skipped.insert(result.skipped.end(), prices.notes.begin(), prices.notes.end());
  if (result.imported.empty()) {
    throw Error(first_file, "", nothing_priced);
  }
  // Table-wide references to components (egress, the VMs' root volume) go with them.
  auto kept = [&document](const std::string& id) {
    const auto components = document.value("components", ordered_json::array());
    return std::any_of(components.begin(), components.end(),
                       [&id](const ordered_json& component) { return component.value("id", "") == id; });
  };
  if (document.contains("internet_egress") && document["internet_egress"] != "none" &&
      !kept(document["internet_egress"].get<std::string>())) {
    document.erase("internet_egress");
  }
  if (document.contains("vm_root_volume") && !kept(document["vm_root_volume"].value("component", ""))) {
    document.erase("vm_root_volume");
  }
  if (!document.contains("offerings")) {
    document["offerings"] = ordered_json::array();
  }
  for (auto& offering : document["offerings"]) {
    std::string egress = offering.value("internet_egress", "none");
    if (egress != "none" && !kept(egress)) {
      result.skipped.push_back(
          fmt::format("{}: its internet egress ({}) left out with that component", offering.value("id", ""), egress));
      offering.erase("internet_egress");
    }
  }
  document["as_of"] = latest;
  document["sources"] = std::move(sources);
  result.table_json = document.dump(2) + "\n";
  parse_rate_table(result.table_json, "<imported table>"); // what it writes, the loader reads
  return result;
}

} // namespace breakeven::import_parts
