#include <breakeven/catalogue.hpp>

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace breakeven {
namespace {

template <typename Item>
void add_or_replace(std::vector<Item>& items, Item item) {
  auto same_id = [&item](const Item& existing) { return existing.id == item.id; };
  if (auto it = std::find_if(items.begin(), items.end(), same_id); it != items.end()) {
    *it = std::move(item);
  } else {
    items.push_back(std::move(item));
  }
}

std::string did_you_mean(std::string_view id, const std::vector<Offering>& offerings) {
  std::vector<std::string> ids;
  ids.reserve(offerings.size());
  for (const auto& offering : offerings) {
    ids.push_back(offering.id);
  }
  if (auto suggestion = closest_match(id, ids)) {
    return fmt::format(" (did you mean {}?)", *suggestion);
  }
  return " (see `breakeven pricing list`)";
}

} // namespace

void Catalogue::add(RateTable table) {
  for (auto& component : table.components) {
    add_or_replace(m_components, std::move(component));
  }
  for (auto& offering : table.offerings) {
    add_or_replace(m_offerings, std::move(offering));
  }
}

void Catalogue::check_references() const {
  for (const auto& offering : m_offerings) {
    for (std::size_t i = 0; i < offering.components.size(); ++i) {
      const auto& ref = offering.components[i];
      if (!find_component(ref.id)) {
        throw Error(offering.origin.source, fmt::format("{}.components[{}].id", offering.origin.path, i),
                    fmt::format("unknown component \"{}\"", ref.id));
      }
    }
    if (offering.nodes) {
      const Offering* node = find(offering.nodes->offering_id);
      std::string path = offering.origin.path + ".nodes.offering";
      if (!node) {
        throw Error(offering.origin.source, path,
                    fmt::format("unknown offering \"{}\"{}", offering.nodes->offering_id,
                                did_you_mean(offering.nodes->offering_id, m_offerings)));
      }
      if (node->kind != OfferingKind::vm) {
        throw Error(offering.origin.source, path,
                    fmt::format("node offering \"{}\" is a {}, not a vm", node->id, to_string(node->kind)));
      }
    }
  }
}

const Offering* Catalogue::find(std::string_view id) const {
  auto it = std::find_if(m_offerings.begin(), m_offerings.end(),
                         [id](const Offering& offering) { return offering.id == id; });
  return it == m_offerings.end() ? nullptr : &*it;
}

const Offering& Catalogue::get(std::string_view id, const std::string& source) const {
  if (const Offering* offering = find(id)) {
    return *offering;
  }
  throw Error(source, "", fmt::format("unknown offering \"{}\"{}", id, did_you_mean(id, m_offerings)));
}

const Component* Catalogue::find_component(std::string_view id) const {
  auto it = std::find_if(m_components.begin(), m_components.end(),
                         [id](const Component& component) { return component.id == id; });
  return it == m_components.end() ? nullptr : &*it;
}

std::vector<const Offering*> Catalogue::select(std::span<const std::string> patterns) const {
  std::vector<const Offering*> selected;
  std::set<const Offering*> seen;
  for (const auto& pattern : patterns) {
    std::vector<const Offering*> matched;
    if (is_glob(pattern)) {
      // An offering sold with purchase options is also its own on-demand option, so that
      // "aws.ec2.m7g.large@*" lists it beside "@spot" and "@1y".
      std::set<std::string_view> sold_with_options;
      for (const auto& offering : m_offerings) {
        if (offering.purchase) {
          sold_with_options.insert(offering.purchase->base_id);
        }
      }
      for (const auto& offering : m_offerings) {
        bool on_demand = sold_with_options.contains(offering.id) && glob_match(pattern, offering.id + "@on-demand");
        if (glob_match(pattern, offering.id) || on_demand) {
          matched.push_back(&offering);
        }
      }
      if (matched.empty()) {
        throw Error("--offering", "",
                    fmt::format("\"{}\" matches no offering (see `breakeven pricing list`)", pattern));
      }
    } else {
      matched.push_back(&get(pattern));
    }
    for (const Offering* offering : matched) {
      if (seen.insert(offering).second) {
        selected.push_back(offering);
      }
    }
  }
  return selected;
}

std::vector<const Offering*> Catalogue::with_purchase(const std::vector<const Offering*>& offerings,
                                                      std::string_view option) const {
  std::vector<std::string> known{"on-demand"};
  for (const auto& offering : m_offerings) {
    if (offering.purchase && std::find(known.begin(), known.end(), offering.purchase->id) == known.end()) {
      known.push_back(offering.purchase->id);
    }
  }
  if (std::find(known.begin(), known.end(), option) == known.end()) {
    throw Error("--purchase", "",
                fmt::format("no offering is sold as \"{}\" (options: {})", option, fmt::join(known, ", ")));
  }
  std::vector<const Offering*> bought;
  std::set<const Offering*> seen;
  for (const Offering* offering : offerings) {
    const Offering* base = offering->purchase ? find(offering->purchase->base_id) : offering;
    const Offering* chosen = option == "on-demand" ? base : find(fmt::format("{}@{}", base->id, option));
    if (!chosen) {
      chosen = offering;
    }
    if (seen.insert(chosen).second) {
      bought.push_back(chosen);
    }
  }
  return bought;
}

std::vector<const Offering*> Catalogue::defaults() const {
  std::vector<const Offering*> selected;
  for (const auto& offering : m_offerings) {
    if (offering.compare_by_default) {
      selected.push_back(&offering);
    }
  }
  return selected;
}

} // namespace breakeven
