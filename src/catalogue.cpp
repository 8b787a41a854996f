#include <breakeven/catalogue.hpp>

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace breakeven {
namespace {

void add_or_replace(std::vector<Component>& items, Component item) {
  auto same_id = [&item](const Component& existing) { return existing.id == item.id; };
  if (auto it = std::find_if(items.begin(), items.end(), same_id); it != items.end()) {
    *it = std::move(item);
  } else {
    items.push_back(std::move(item));
  }
}

std::string did_you_mean(std::string_view id, const std::vector<std::string_view>& known) {
  std::vector<std::string> ids(known.begin(), known.end());
  if (auto suggestion = closest_match(id, ids)) {
    return fmt::format(" (did you mean {}?)", *suggestion);
  }
  return " (see `breakeven pricing list`)";
}

} // namespace

Catalogue::Catalogue(const Catalogue& other) : m_components(other.m_components) {
  m_slots.reserve(other.m_slots.size());
  for (const auto& slot : other.m_slots) {
    const Offering* built_offering = slot->offering.load(std::memory_order_acquire);
    auto copy = built_offering ? std::make_unique<Slot>(std::make_unique<Offering>(*built_offering))
                               : std::make_unique<Slot>(slot->entry());
    m_slots.push_back(std::move(copy));
  }
}

Catalogue& Catalogue::operator=(const Catalogue& other) {
  if (this != &other) {
    *this = Catalogue(other);
  }
  return *this;
}

const Offering& Catalogue::built(const Slot& slot) {
  Offering* offering = slot.offering.load(std::memory_order_acquire);
  if (!offering) {
    auto fresh = std::make_unique<Offering>(slot.build());
    // Another thread may have built it meanwhile: the first one published is the one kept.
    if (slot.offering.compare_exchange_strong(offering, fresh.get(), std::memory_order_acq_rel)) {
      offering = fresh.release();
    }
  }
  return *offering;
}

void Catalogue::add(RateTable table) {
  for (auto& component : table.components) {
    add_or_replace(m_components, std::move(component));
  }
  for (auto& offering : table.offerings) {
    auto slot = std::make_unique<Slot>(std::make_unique<Offering>(std::move(offering)));
    auto same_id = [&slot](const std::unique_ptr<Slot>& existing) { return existing->id == slot->id; };
    if (auto it = std::find_if(m_slots.begin(), m_slots.end(), same_id); it != m_slots.end()) {
      *it = std::move(slot);
    } else {
      m_slots.push_back(std::move(slot));
    }
  }
}

void Catalogue::check_references() const {
  for (const auto& slot : m_slots) {
    // An offering not yet built is bundled (compile_pricing checked its references). A table
    // added since can only add or replace components, so its components are still there; but
    // it may have replaced its nodes' VM offering, so that is looked up (and, when it is wrong,
    // the offering built for the message).
    const Offering* built_offering = slot->offering.load(std::memory_order_acquire);
    if (!built_offering) {
      if (slot->node_offering_id.empty()) {
        continue;
      }
      if (const Offering* node = find(slot->node_offering_id); node && node->kind == OfferingKind::vm) {
        continue;
      }
      built_offering = &built(*slot);
    }
    const Offering& offering = *built_offering;
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
                                did_you_mean(offering.nodes->offering_id, ids())));
      }
      if (node->kind != OfferingKind::vm) {
        throw Error(offering.origin.source, path,
                    fmt::format("node offering \"{}\" is a {}, not a vm", node->id, to_string(node->kind)));
      }
    }
  }
}

const Catalogue::Slot* Catalogue::find_slot(std::string_view id) const {
  auto it =
      std::find_if(m_slots.begin(), m_slots.end(), [id](const std::unique_ptr<Slot>& slot) { return slot->id == id; });
  return it == m_slots.end() ? nullptr : it->get();
}

std::vector<std::string_view> Catalogue::ids() const {
  std::vector<std::string_view> ids;
  ids.reserve(m_slots.size());
  for (const auto& slot : m_slots) {
    ids.push_back(slot->id);
  }
  return ids;
}

const Offering* Catalogue::find(std::string_view id) const {
  const Slot* slot = find_slot(id);
  return slot ? &built(*slot) : nullptr;
}

const Offering& Catalogue::get(std::string_view id, const std::string& source) const {
  if (const Offering* offering = find(id)) {
    return *offering;
  }
  throw Error(source, "", fmt::format("unknown offering \"{}\"{}", id, did_you_mean(id, ids())));
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
    if (pattern.find(',') != std::string::npos && find(pattern) == nullptr) {
      // "a,b": several offerings in one flag (no offering has that id), what many people type first.
      std::string each;
      for (std::string_view part : split(pattern, ',')) {
        if (!part.empty()) {
          each += is_glob(part) ? fmt::format(" --offering '{}'", part)
                                : fmt::format(" --offering {}", part); // quoted for a shell
        }
      }
      throw Error("--offering", "",
                  fmt::format("\"{}\" lists several offerings: give each its own flag ({})", pattern,
                              each.empty() ? std::string("--offering ID") : each.substr(1)));
    }
    if (is_glob(pattern)) {
      // An offering sold with purchase options is also its own on-demand option, so that
      // "aws.ec2.m7g.large@*" lists it beside "@spot" and "@1y".
      std::set<std::string_view> sold_with_options;
      for (const auto& slot : m_slots) {
        if (!slot->purchase_id.empty()) {
          sold_with_options.insert(slot->purchase_base_id);
        }
      }
      for (const auto& slot : m_slots) {
        bool on_demand = sold_with_options.contains(slot->id) && glob_match(pattern, slot->id + "@on-demand");
        if (glob_match(pattern, slot->id) || on_demand) {
          matched.push_back(&built(*slot));
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
  for (const auto& slot : m_slots) {
    if (!slot->purchase_id.empty() && std::find(known.begin(), known.end(), slot->purchase_id) == known.end()) {
      known.push_back(slot->purchase_id);
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
  for (const auto& slot : m_slots) {
    if (slot->compare_by_default) {
      selected.push_back(&built(*slot));
    }
  }
  return selected;
}

} // namespace breakeven
