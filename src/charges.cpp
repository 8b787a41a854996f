#include "cost_model_parts.hpp"

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace breakeven::detail {
namespace {

// `prefix` names the part the charges belong to ("Nodes (m6i.large)"); it is asked for only
// when the model keeps its text.
template <typename Prefix>
void bind_charges(CostModel& model, const std::vector<Charge>& charges, const Usage& usage, int count, Prefix prefix,
                  bool free_tier) {
  std::string part = model.describe ? prefix() : std::string{};
  for (const auto& charge : charges) {
    BoundCharge bound;
    if (model.describe) {
      bound.name = part.empty() ? charge.name : fmt::format(FMT_COMPILE("{}: {}"), part, charge.name);
      bound.unit = unit_of(charge.meter);
    }
    bound.meter = charge.meter;
    bound.quantity = quantity_of(charge.meter, usage);
    // The data NAT gateways process is the total through all of them, however many there are.
    int times = charge.meter == Meter::processed_gb ? 1 : count;
    bound.quantity.fixed *= times;
    bound.quantity.per_request *= times;
    bound.quantity.per_instance *= times;
    bound.quantity.per_idle_instance *= times;
    bound.tiers = charge.tiers;
    bound.free_quantity = free_tier ? charge.free_tier_quantity : 0.0;
    bound.included_quantity = charge.included_quantity;
    model.charges.push_back(std::move(bound));
  }
}

const Component& find_component(const Catalogue& catalogue, const std::string& id, const char* field) {
  const Component* component = catalogue.find_component(id);
  if (!component) {
    std::vector<std::string> ids;
    for (const auto& known : catalogue.components()) {
      ids.push_back(known.id);
    }
    auto suggestion = closest_match(id, ids);
    throw Error(field, "",
                fmt::format(FMT_COMPILE("unknown component \"{}\"{}"), id,
                            suggestion ? fmt::format(FMT_COMPILE(" (did you mean {}?)"), *suggestion) : std::string{}));
  }
  return *component;
}

// Why `component` cannot be attached to `offering`, or nothing when it can.
std::optional<std::string> misfit(const Component& component, const Offering& offering) {
  if (!component.id.starts_with(offering.provider + ".")) {
    return fmt::format(FMT_COMPILE("{} is not a {} component"), component.id, offering.provider);
  }
  bool kind_fits = component.applies_to.empty() || std::find(component.applies_to.begin(), component.applies_to.end(),
                                                             offering.kind) != component.applies_to.end();
  if (!kind_fits) {
    return fmt::format(FMT_COMPILE("{} does not apply to a {}"), component.id, to_string(offering.kind));
  }
  return std::nullopt;
}

bool is_volume(const Component& component) {
  return std::any_of(component.charges.begin(), component.charges.end(),
                     [](const Charge& charge) { return charge.meter == Meter::gb_months; });
}

// The volume component of `provider` of type `type`, or nullptr: its id less the provider, with
// dots as dashes, is the type or ends in "-" and the type ("gp2": aws.ebs.gp2; "pd-standard" or
// "standard": gcp.pd.standard).
const Component* volume_of_type(const Catalogue& catalogue, const std::string& provider, const std::string& type) {
  for (const auto& component : catalogue.components()) {
    if (!component.id.starts_with(provider + ".") || !is_volume(component)) {
      continue;
    }
    std::string name = component.id.substr(provider.size() + 1);
    std::replace(name.begin(), name.end(), '.', '-');
    if (name == type || name.ends_with("-" + type)) {
      return &component;
    }
  }
  return nullptr;
}

} // namespace

// rate, a line item on every provider's offerings of that kind; an assumption when none.
void bind_engineering_time(const Offering& offering, const Scenario& scenario, CostModel& model) {
  std::string_view kind = to_string(offering.kind);
  auto hours = std::find_if(scenario.ops_hours.begin(), scenario.ops_hours.end(),
                            [kind](const auto& entry) { return entry.first == kind; });
  if (hours == scenario.ops_hours.end() || !scenario.hourly_rate) {
    if (model.list_assumptions) {
      assume(model, "ops_hours", 0.0, "0 h",
             "engineering time to operate each kind is not included; set --ops-hours KIND=HOURS (a month) and "
             "--hourly-rate");
    }
    return;
  }
  if (hours->second <= 0) {
    return;
  }
  BoundCharge charge;
  charge.name = "Engineering time";
  charge.meter = Meter::engineering_hours;
  charge.unit = unit_of(Meter::engineering_hours);
  charge.quantity.fixed = hours->second;
  charge.tiers = {Tier{std::nullopt, *scenario.hourly_rate}};
  model.charges.push_back(std::move(charge));
}

// Charge binding: the offering's own charges, its nodes', its components' (as the scenario
// counts them), internet egress, and the scenario's add-ons, each with its quantity model.
void bind_all_charges(const Catalogue& catalogue, const Offering& offering, const Scenario& scenario, bool free_tier,
                      const Usage& usage, const Offering* node, CostModel& model) {
  auto unnamed = [] { return std::string{}; };
  auto priced = [&model](const std::string& id, const std::string& as_of) {
    PriceDate price{id, as_of};
    add_prices(model.prices, std::span<const PriceDate>(&price, 1));
  };
  priced(offering.id, offering.as_of);
  bind_charges(model, offering.charges, usage, 1, unnamed, free_tier);
  if (model.provisioned_concurrency) {
    bind_charges(model, offering.provisioned_concurrency->charges, usage, 1, unnamed, false);
  }
  if (node) {
    priced(node->id, node->as_of);
    bind_charges(
        model, node->charges, usage, 1, [node] { return fmt::format(FMT_COMPILE("Nodes ({})"), short_name(*node)); },
        free_tier);
  }
  auto counted = [&scenario](const std::string& id) -> std::optional<int> {
    for (const auto& [known, count] : scenario.components) {
      if (known == id) {
        return count;
      }
    }
    return std::nullopt;
  };
  auto attach = [&](const Component& component, int count) {
    auto prefix = [&component, count] {
      return count == 1 ? component.name : fmt::format(FMT_COMPILE("{} x{}"), component.name, count);
    };
    priced(component.id, component.as_of);
    bind_charges(model, component.charges, usage, count, prefix, free_tier);
    if (is_volume(component) && scenario.running_hours() != scenario.month_hours) {
      if (model.describe) {
        model.notes.push_back(fmt::format(FMT_COMPILE("{}: billed by the month whether instances run or not, so "
                                                      "the schedule does not scale it"),
                                          component.name));
      }
    }
  };
  std::vector<std::string> included;
  std::vector<const std::string*> attached; // component ids with charges bound
  // --disk-type: the provider's volume of that type in place of the offering's own, where it has one.
  auto typed = [&](const Component& volume) -> const Component& {
    if (!scenario.disk_type || !is_volume(volume)) {
      return volume;
    }
    if (const Component* other = volume_of_type(catalogue, offering.provider, *scenario.disk_type)) {
      return *other;
    }
    if (model.warn) {
      model.warnings.push_back(fmt::format(FMT_COMPILE("disk_type {} is not one of {}'s volume types: {} kept"),
                                           *scenario.disk_type, offering.provider, volume.id));
    }
    return volume;
  };
  for (const auto& ref : offering.components) {
    const Component* component = catalogue.find_component(ref.id);
    if (!component) {
      throw Error(offering.origin.source, offering.origin.path + ".components",
                  fmt::format(FMT_COMPILE("unknown component \"{}\""), ref.id));
    }
    if (!counted(ref.id)) {
      component = &typed(*component);
    }
    auto count = counted(ref.id);
    if (!count && model.list_assumptions) {
      included.push_back(ref.count == 1 ? component->id : fmt::format(FMT_COMPILE("{} x{}"), component->id, ref.count));
    }
    if (count.value_or(ref.count) > 0) {
      attach(*component, count.value_or(ref.count));
      attached.push_back(&ref.id);
    }
  }
  if (!included.empty()) {
    if (model.list_assumptions) {
      assume(model, "components", std::nullopt, fmt::format(FMT_COMPILE("{}"), fmt::join(included, ", ")),
             "parts each cluster includes (rate table); set --component ID=COUNT (0 removes one)");
    }
  }
  // A VM's root volume: the rate table's default, unless the scenario counts a volume itself.
  if (!offering.root_volume_component.empty()) {
    bool own_volume = std::any_of(scenario.components.begin(), scenario.components.end(), [&](const auto& entry) {
      const Component* component = catalogue.find_component(entry.first);
      return component && is_volume(*component) && !misfit(*component, offering);
    });
    const Component* root = catalogue.find_component(offering.root_volume_component);
    if (!own_volume && root) {
      const Component& volume = typed(*root);
      attach(volume, 1);
      attached.push_back(&volume.id);
      if (model.list_assumptions && !scenario.disk_gb) {
        assume(
            model, "disk_gb", scenario.disk_gb.value_or(offering.root_volume_gb),
            fmt::format(FMT_COMPILE("{:g} GB {}"), scenario.disk_gb.value_or(offering.root_volume_gb), volume.id),
            fmt::format(
                FMT_COMPILE("each VM boots from a root volume, {:g} GB of {} as the rate table's default image has it "
                            "({}); set --disk-gb, --disk-type, or --component {}=0 to leave it out"),
                offering.root_volume_gb, root->id, offering.root_volume_source, root->id));
      }
    }
  }
  for (const auto& entry : scenario.components) {
    const std::string& id = entry.first;
    int count = entry.second;
    const Component& component = find_component(catalogue, id, "components");
    bool own = std::any_of(offering.components.begin(), offering.components.end(),
                           [&id](const ComponentRef& ref) { return ref.id == id; });
    if (own || count == 0) {
      continue;
    }
    if (auto why = misfit(component, offering)) {
      if (model.warn) {
        model.warnings.push_back(fmt::format(FMT_COMPILE("component not added: {}"), *why));
      }
    } else {
      attach(component, count);
      attached.push_back(&id);
    }
  }
  // Internet egress is the workload's: every offering pays its own provider's rate.
  const std::string& egress = offering.internet_egress;
  bool egress_priced = !egress.empty() && egress != "none";
  if (scenario.response_kb > 0 || scenario.egress_gb_per_month > 0) {
    if (egress == "none") {
      if (model.describe) {
        model.notes.push_back(fmt::format(FMT_COMPILE("{} charges nothing for internet egress"), offering.provider));
      }
    } else if (egress.empty()) {
      if (model.warn) {
        model.warnings.push_back(fmt::format(
            FMT_COMPILE("internet egress not priced: the {} rate table has no egress rates"), offering.provider));
      }
    } else if (std::none_of(attached.begin(), attached.end(),
                            [&egress](const std::string* id) { return *id == egress; }) &&
               counted(egress) != 0) {
      std::size_t first = model.charges.size();
      attach(find_component(catalogue, egress, "internet_egress"), 1);
      attached.push_back(&egress);
      // The month's volume besides the responses adds to theirs, on the same tiers.
      for (std::size_t i = first; i < model.charges.size(); ++i) {
        if (model.charges[i].meter == Meter::egress_gb) {
          model.charges[i].quantity.fixed += scenario.egress_gb_per_month;
        }
      }
    }
  } else if (egress_priced) {
    if (model.list_assumptions) {
      assume(model, "response_kb", 0.0, "0 KB",
             "no data sent to the internet is priced; set --response-kb (per response) or --egress-gb (a month) to "
             "price each provider's egress");
    }
  }
  for (const auto& id : scenario.addons) {
    const Component& component = find_component(catalogue, id, "addons");
    // A part the offering includes (and the scenario has not counted out) is billed once: an
    // add-on of the same id is not a second one (--component ID=COUNT sets how many).
    bool already = std::any_of(offering.components.begin(), offering.components.end(), [&](const ComponentRef& ref) {
      return ref.id == id && counted(id).value_or(ref.count) > 0;
    });
    if (id == egress) {
      if (model.warn) {
        model.warnings.push_back(
            fmt::format(FMT_COMPILE("add-on {} not added: egress is priced from response_kb"), id));
      }
    } else if (already) {
      if (model.warn) {
        model.warnings.push_back(
            fmt::format(FMT_COMPILE("add-on {} not added: {} includes it already (set --component {}=COUNT for more)"),
                        id, offering.id, id));
      }
    } else if (auto why = misfit(component, offering)) {
      if (model.warn) {
        model.warnings.push_back(fmt::format(FMT_COMPILE("add-on not added: {}"), *why));
      }
    } else {
      attach(component, 1);
      attached.push_back(&id);
    }
  }
  bool nat = std::any_of(model.charges.begin(), model.charges.end(),
                         [](const BoundCharge& charge) { return charge.meter == Meter::processed_gb; });
  if (nat && !scenario.is_given("nat_gb_per_month")) {
    if (model.list_assumptions) {
      assume(model, "nat_gb_per_month", 0.0, "0 GB",
             "no data through the NAT gateways is priced (each GB they process is billed); set --nat-gb");
    }
  }
  bool load_balancer = std::any_of(model.charges.begin(), model.charges.end(),
                                   [](const BoundCharge& charge) { return charge.meter == Meter::lcu_hours; });
  if (load_balancer && !scenario.is_given("requests_per_connection")) {
    if (model.list_assumptions) {
      assume(model, "requests_per_connection", scenario.requests_per_connection, "1",
             "every request opens a new connection, the most load-balancer capacity units; set "
             "--requests-per-connection");
    }
  }
  if (load_balancer && !scenario.is_given("request_kb")) {
    if (model.list_assumptions) {
      assume(model, "request_kb", 0.0, "0 KB",
             "request bodies add nothing to the load balancer's processed bytes; set --request-kb");
    }
  }
}

} // namespace breakeven::detail
