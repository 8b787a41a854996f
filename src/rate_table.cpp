#include <breakeven/rate_table.hpp>

#include "json_reader.hpp"

#include <breakeven/error.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <utility>

namespace breakeven {
namespace {

using detail::JsonObject;
using detail::JsonValue;

constexpr std::array<std::pair<OfferingKind, std::string_view>, 4> k_kind_names{{
    {OfferingKind::function, "function"},
    {OfferingKind::container_service, "container-service"},
    {OfferingKind::kubernetes, "kubernetes"},
    {OfferingKind::vm, "vm"},
}};

struct MeterInfo {
  Meter meter;
  std::string_view name;
  std::string_view unit;
  bool provisioned; // quantity follows instance count rather than requests
};

constexpr std::array<MeterInfo, 23> k_meters{{
    {Meter::requests, "requests", "requests", false},
    {Meter::gb_seconds, "gb_seconds", "GB-s", false},
    {Meter::vcpu_seconds, "vcpu_seconds", "vCPU-s", false},
    {Meter::ghz_seconds, "ghz_seconds", "GHz-s", false},
    {Meter::cpu_ms, "cpu_ms", "CPU-ms", false},
    {Meter::gpu_seconds, "gpu_seconds", "GPU-s", false},
    {Meter::ephemeral_gb_seconds, "ephemeral_gb_seconds", "GB-s", false},
    {Meter::instance_hours, "instance_hours", "instance-hours", true},
    {Meter::vcpu_hours, "vcpu_hours", "vCPU-hours", true},
    {Meter::gb_hours, "gb_hours", "GB-hours", true},
    {Meter::ephemeral_gb_hours, "ephemeral_gb_hours", "GB-hours", true},
    {Meter::hours, "hours", "hours", false},
    {Meter::months, "months", "months", false},
    {Meter::gb_months, "gb_months", "GB-months", true},
    {Meter::lcu_hours, "lcu_hours", "LCU-hours", false},
    {Meter::egress_gb, "egress_gb", "GB", false},
    {Meter::provisioned_gb_seconds, "provisioned_gb_seconds", "GB-s", false},
    {Meter::provisioned_duration_gb_seconds, "provisioned_duration_gb_seconds", "GB-s", false},
    {Meter::idle_vcpu_seconds, "idle_vcpu_seconds", "vCPU-s", false},
    {Meter::idle_gb_seconds, "idle_gb_seconds", "GB-s", false},
    {Meter::engineering_hours, "engineering_hours", "engineer-hours", false},
    {Meter::processed_gb, "processed_gb", "GB", false},
    {Meter::surplus_vcpu_hours, "surplus_vcpu_hours", "vCPU-hours", true},
}};

bool is_provisioned_concurrency_meter(Meter meter) {
  return meter == Meter::provisioned_gb_seconds || meter == Meter::provisioned_duration_gb_seconds;
}

const MeterInfo& info(Meter meter) {
  for (const auto& entry : k_meters) {
    if (entry.meter == meter) {
      return entry;
    }
  }
  throw std::logic_error("unknown meter");
}

template <typename Enum, std::size_t N>
Enum parse_enum(const JsonValue& value, const std::array<std::pair<Enum, std::string_view>, N>& names,
                std::string_view what) {
  std::string text = value.string();
  std::vector<std::string> known;
  for (const auto& [item, name] : names) {
    if (name == text) {
      return item;
    }
    known.emplace_back(name);
  }
  std::string message = fmt::format("unknown {} \"{}\"", what, text);
  if (auto suggestion = closest_match(text, known)) {
    message += fmt::format(" (did you mean \"{}\"?)", *suggestion);
  } else {
    message += fmt::format(" (one of: {})", fmt::join(known, ", "));
  }
  value.fail(message);
}

Meter parse_meter(const JsonValue& value) {
  std::array<std::pair<Meter, std::string_view>, k_meters.size()> names{};
  for (std::size_t i = 0; i < k_meters.size(); ++i) {
    names[i] = {k_meters[i].meter, k_meters[i].name};
  }
  return parse_enum(value, names, "meter");
}

constexpr std::array<std::pair<IsolationLevel, std::string_view>, 4> k_isolation_names{{
    {IsolationLevel::shared_kernel, "shared-kernel"},
    {IsolationLevel::sandbox, "sandbox"},
    {IsolationLevel::microvm, "microvm"},
    {IsolationLevel::hypervisor, "hypervisor"},
}};

constexpr std::array<std::pair<Portability, std::string_view>, 2> k_portability_names{{
    {Portability::image, "image"},
    {Portability::provider_specific, "provider-specific"},
}};

OfferingKind parse_kind(const JsonValue& value) {
  return parse_enum(value, k_kind_names, "kind");
}

bool is_lower_id(std::string_view id) {
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) {
      return false;
    }
  }
  return !id.empty() && id.front() != '.' && id.back() != '.' && id.find("..") == std::string_view::npos;
}

std::string parse_id(const JsonValue& value, const std::string& provider) {
  std::string id = value.string();
  if (!is_lower_id(id)) {
    value.fail(fmt::format("\"{}\" is not a valid id (lower-case letters, digits, '.', '-', '_')", id));
  }
  if (!id.starts_with(provider + ".")) {
    value.fail(fmt::format("\"{}\" must start with the table's provider, \"{}.\"", id, provider));
  }
  return id;
}

std::string parse_date(const JsonValue& value) {
  std::string text = value.string();
  bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i = 0; shape && i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) {
      shape = false;
    }
  }
  if (shape) {
    int month = std::stoi(text.substr(5, 2));
    int day = std::stoi(text.substr(8, 2));
    shape = month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  if (!shape) {
    value.fail(fmt::format("\"{}\" is not a date of the form YYYY-MM-DD", text));
  }
  return text;
}

Charge parse_charge(const JsonValue& value) {
  JsonObject object(value, {"name", "meter", "unit_price", "per", "tiers", "free_tier", "included"});
  Charge charge;
  charge.name = object.require("name").string();
  charge.meter = parse_meter(object.require("meter"));
  double per = object.optional_positive("per").value_or(1.0);
  bool has_price = object.has("unit_price");
  bool has_tiers = object.has("tiers");
  if (has_price == has_tiers) {
    value.fail(has_price ? "has both \"unit_price\" and \"tiers\"; give one" : "needs a \"unit_price\" or \"tiers\"");
  }
  if (has_price) {
    charge.tiers.push_back({std::nullopt, object.require("unit_price").non_negative() / per});
  } else {
    auto tiers = object.require("tiers").items();
    if (tiers.empty()) {
      object.require("tiers").fail("must have at least one tier");
    }
    std::optional<double> previous;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      JsonObject tier(tiers[i], {"up_to", "unit_price"});
      Tier parsed;
      parsed.unit_price = tier.require("unit_price").non_negative() / per;
      bool last = i + 1 == tiers.size();
      if (auto up_to = tier.get("up_to")) {
        if (last) {
          up_to->fail("the last tier must have no \"up_to\" (it covers all usage above the previous tier)");
        }
        double bound = up_to->positive();
        if (previous && bound <= *previous) {
          up_to->fail(fmt::format("tiers out of order: {} is not above the previous tier's {}", bound, *previous));
        }
        parsed.up_to = bound;
        previous = bound;
      } else if (!last) {
        tiers[i].fail("every tier but the last needs \"up_to\"");
      }
      charge.tiers.push_back(parsed);
    }
  }
  charge.free_tier_quantity = object.optional_non_negative("free_tier").value_or(0.0);
  charge.included_quantity = object.optional_non_negative("included").value_or(0.0);
  return charge;
}

std::vector<Charge> parse_charges(const JsonValue& value) {
  std::vector<Charge> charges;
  for (const auto& item : value.items()) {
    charges.push_back(parse_charge(item));
  }
  return charges;
}

Billing parse_billing(const JsonValue& value) {
  JsonObject object(value,
                    {"duration_step_ms", "min_duration_ms", "memory_step_mb", "min_memory_mb", "memory_sizes",
                     "included_ephemeral_storage_gb", "init_billed", "free_static_assets", "scale_down_window_s"});
  Billing billing;
  if (auto init = object.get("init_billed")) {
    billing.init_billed = init->boolean();
  }
  if (auto assets = object.get("free_static_assets")) {
    billing.free_static_assets = assets->boolean();
  }
  billing.scale_down_window_s = object.optional_non_negative("scale_down_window_s");
  billing.duration_step_ms = object.optional_positive("duration_step_ms").value_or(1.0);
  billing.min_duration_ms = object.optional_non_negative("min_duration_ms").value_or(0.0);
  billing.memory_step_mb = object.optional_positive("memory_step_mb").value_or(1.0);
  billing.min_memory_mb = object.optional_non_negative("min_memory_mb").value_or(0.0);
  billing.included_ephemeral_storage_gb = object.optional_non_negative("included_ephemeral_storage_gb").value_or(0.0);
  if (auto sizes = object.get("memory_sizes")) {
    for (const auto& item : sizes->items()) {
      JsonObject size(item, {"memory_mb", "cpu_ghz"});
      MemorySize parsed{size.require("memory_mb").positive(), size.optional_positive("cpu_ghz")};
      if (!billing.memory_sizes.empty() && parsed.memory_mb <= billing.memory_sizes.back().memory_mb) {
        size.require("memory_mb").fail("memory sizes must be in increasing order");
      }
      billing.memory_sizes.push_back(parsed);
    }
  }
  return billing;
}

Limits parse_limits(const JsonValue& value) {
  JsonObject object(value, {"max_duration_ms", "min_memory_mb", "max_memory_mb", "max_cpu_ms",
                            "max_ephemeral_storage_gb", "max_concurrency"});
  Limits limits;
  limits.max_duration_ms = object.optional_positive("max_duration_ms");
  limits.min_memory_mb = object.optional_positive("min_memory_mb");
  limits.max_memory_mb = object.optional_positive("max_memory_mb");
  limits.max_cpu_ms = object.optional_positive("max_cpu_ms");
  limits.max_ephemeral_storage_gb = object.optional_positive("max_ephemeral_storage_gb");
  limits.max_concurrency = object.optional_positive("max_concurrency");
  if (limits.min_memory_mb && limits.max_memory_mb && *limits.min_memory_mb > *limits.max_memory_mb) {
    object.require("min_memory_mb").fail("is above max_memory_mb");
  }
  return limits;
}

std::vector<TaskSize> parse_task_sizes(const JsonValue& value) {
  std::vector<TaskSize> sizes;
  for (const auto& item : value.items()) {
    JsonObject object(item, {"vcpu", "min_memory_mb", "max_memory_mb", "memory_step_mb"});
    TaskSize size;
    size.vcpu = object.require("vcpu").positive();
    size.min_memory_mb = object.require("min_memory_mb").positive();
    size.max_memory_mb = object.require("max_memory_mb").positive();
    size.memory_step_mb = object.optional_positive("memory_step_mb").value_or(1.0);
    if (size.max_memory_mb < size.min_memory_mb) {
      object.require("max_memory_mb").fail("is below min_memory_mb");
    }
    sizes.push_back(size);
  }
  return sizes;
}

std::vector<ComponentRef> parse_component_refs(const JsonValue& value) {
  std::vector<ComponentRef> refs;
  for (const auto& item : value.items()) {
    JsonObject object(item, {"id", "count"});
    ComponentRef ref;
    ref.id = object.require("id").string();
    if (auto count = object.get("count")) {
      ref.count = count->whole(1);
    }
    refs.push_back(ref);
  }
  return refs;
}

ProvisionedConcurrency parse_provisioned_concurrency(const JsonValue& value) {
  JsonObject object(value, {"charges", "step_minutes", "free_tier", "source"});
  ProvisionedConcurrency parsed;
  parsed.charges = parse_charges(object.require("charges"));
  auto items = object.require("charges").items();
  bool configured = false;
  bool duration = false;
  for (std::size_t i = 0; i < parsed.charges.size(); ++i) {
    Meter meter = parsed.charges[i].meter;
    if (!is_provisioned_concurrency_meter(meter)) {
      items[i].fail("must be provisioned_gb_seconds or provisioned_duration_gb_seconds");
    }
    configured |= meter == Meter::provisioned_gb_seconds;
    duration |= meter == Meter::provisioned_duration_gb_seconds;
  }
  if (!configured || !duration) {
    object.require("charges").fail("needs a provisioned_gb_seconds and a provisioned_duration_gb_seconds charge");
  }
  parsed.step_minutes = object.optional_positive("step_minutes").value_or(1.0 / 60.0);
  parsed.free_tier = object.require("free_tier").boolean();
  parsed.source = object.require("source").string();
  return parsed;
}

void check_meters_fit_kind(const Offering& offering, const JsonValue& charges) {
  bool request_billed = false;
  bool task_billed = false;
  auto items = charges.items();
  for (std::size_t i = 0; i < offering.charges.size(); ++i) {
    const auto& meter = info(offering.charges[i].meter);
    if (meter.meter == Meter::engineering_hours) {
      items[i].fail("meter \"engineering_hours\" comes from a scenario's ops_hours, not a rate table");
    }
    if (is_provisioned_concurrency_meter(meter.meter)) {
      items[i].fail(fmt::format("meter \"{}\" belongs in the offering's provisioned_concurrency charges", meter.name));
    }
    bool provisioned_kind = offering.kind != OfferingKind::function;
    if (meter.provisioned && !provisioned_kind) {
      items[i].fail(
          fmt::format("meter \"{}\" needs provisioned instances; a {} has none", meter.name, to_string(offering.kind)));
    }
    Meter m = offering.charges[i].meter;
    if ((m == Meter::idle_vcpu_seconds || m == Meter::idle_gb_seconds) &&
        offering.kind != OfferingKind::container_service) {
      items[i].fail(fmt::format("meter \"{}\" bills a container service's kept-warm instances; a {} has none",
                                meter.name, to_string(offering.kind)));
    }
    request_billed |= m == Meter::vcpu_seconds || m == Meter::gb_seconds;
    task_billed |= m == Meter::vcpu_hours || m == Meter::gb_hours;
  }
  bool idle_billed = std::any_of(offering.charges.begin(), offering.charges.end(), [](const Charge& charge) {
    return charge.meter == Meter::idle_vcpu_seconds || charge.meter == Meter::idle_gb_seconds;
  });
  if (idle_billed && !request_billed) {
    charges.fail("idle meters (idle_vcpu_seconds, idle_gb_seconds) need active ones (vcpu_seconds, gb_seconds)");
  }
  // An idle instance never costs more than a busy one: else a bill would fall as traffic grows.
  auto highest = [&offering](Meter meter) {
    double price = 0;
    for (const auto& charge : offering.charges) {
      if (charge.meter == meter) {
        for (const auto& tier : charge.tiers) {
          price = std::max(price, tier.unit_price);
        }
      }
    }
    return price;
  };
  auto lowest = [&offering](Meter meter) {
    double price = std::numeric_limits<double>::infinity();
    for (const auto& charge : offering.charges) {
      if (charge.meter == meter) {
        for (const auto& tier : charge.tiers) {
          price = std::min(price, tier.unit_price);
        }
      }
    }
    return price;
  };
  if (highest(Meter::idle_vcpu_seconds) > lowest(Meter::vcpu_seconds) ||
      highest(Meter::idle_gb_seconds) > lowest(Meter::gb_seconds)) {
    charges.fail("an idle rate (idle_vcpu_seconds, idle_gb_seconds) is above its active rate");
  }
  // Surplus credits: a burstable's load above its baseline. An instance more takes its baseline
  // off the surplus, so were those credits dearer than the instance, the bill would fall as
  // traffic grows (and sizing for the peak would not be the cheapest way to serve it).
  bool surplus = std::any_of(offering.charges.begin(), offering.charges.end(),
                             [](const Charge& charge) { return charge.meter == Meter::surplus_vcpu_hours; });
  if (surplus) {
    if (!offering.burstable_baseline || !offering.vcpu) {
      charges.fail("meter \"surplus_vcpu_hours\" bills load above a burstable's baseline: the offering needs "
                   "\"burstable\" and \"vcpu\"");
    }
    double credits = *offering.burstable_baseline * *offering.vcpu * highest(Meter::surplus_vcpu_hours);
    double instance = lowest(Meter::instance_hours);
    if (!(credits <= instance * (1 + 1e-12))) { // as the prices read, not their binary rounding
      charges.fail(fmt::format("an instance's baseline ({:g} x {:g} vCPU) is worth ${:g} an hour in surplus credits, "
                               "more than the instance-hour (${:g}): the bill would fall as instances are added",
                               *offering.burstable_baseline, *offering.vcpu, credits, instance));
    }
  }
  if (offering.kind == OfferingKind::container_service && request_billed && task_billed) {
    charges.fail("a container service is billed either per active second (vcpu_seconds, gb_seconds) "
                 "or per task-hour (vcpu_hours, gb_hours), not both");
  }
}

// Hardware you buy, as what it costs an hour, every hour of the month (a month is 730 h here):
//   hardware  = purchase_price / amortization_months, a month
//   power     = watts / 1000 x pue x kwh_price, an hour
//   rack      = colocation_per_month, support = support_per_month
// Each is an instance_hours charge named with its figures, so a breakdown shows the formula.
std::vector<Charge> owned_hardware_charges(const JsonValue& value) {
  JsonObject object(value, {"purchase_price", "amortization_months", "watts", "pue", "kwh_price",
                            "colocation_per_month", "support_per_month"});
  double price = object.require("purchase_price").non_negative();
  double months = object.require("amortization_months").positive();
  double watts = object.require("watts").non_negative();
  double pue = object.require("pue").positive();
  if (pue < 1) {
    object.require("pue").fail(
        fmt::format("must be at least 1: the facility's power over the IT load (got {:g})", pue));
  }
  double kwh = object.require("kwh_price").non_negative();
  double rack = object.require("colocation_per_month").non_negative();
  double support = object.require("support_per_month").non_negative();
  constexpr double k_month = 730.0;
  auto hourly = [](std::string name, double unit_price, double per) {
    Charge charge;
    charge.name = std::move(name);
    charge.meter = Meter::instance_hours;
    charge.tiers = {Tier{std::nullopt, unit_price / per}};
    return charge;
  };
  return {
      hourly(fmt::format("Hardware (${:g} over {:g} months)", price, months), price / months, k_month),
      hourly(fmt::format("Power ({:g} W x PUE {:g} x ${:g}/kWh)", watts, pue, kwh), watts / 1000 * pue * kwh, 1),
      hourly(fmt::format("Colocation (${:g} a month)", rack), rack, k_month),
      hourly(fmt::format("Hardware support (${:g} a month)", support), support, k_month),
  };
}

// A VM's (or task-billed container service's) purchase options, each an offering of its own:
// the base with the option's charges, source and date, `<base>@<option>`.
std::vector<Offering> parse_purchase_options(const JsonValue& value, const Offering& base) {
  bool task_billed = std::any_of(base.charges.begin(), base.charges.end(),
                                 [](const Charge& charge) { return charge.meter == Meter::vcpu_hours; });
  if (base.kind != OfferingKind::vm && !(base.kind == OfferingKind::container_service && task_billed)) {
    value.fail("only VMs and task-billed container services have purchase options");
  }
  std::vector<Offering> options;
  auto items = value.items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    JsonObject object(items[i], {"id", "name", "source", "as_of", "charges", "commitment", "interruptible", "notes"});
    PurchaseOption option;
    option.id = object.require("id").string();
    bool valid = !option.id.empty() && std::all_of(option.id.begin(), option.id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!valid || option.id == "on-demand") {
      object.require("id").fail(fmt::format("\"{}\" is not an option id (lower-case letters, digits, '-'; not "
                                            "on-demand, which is the offering itself)",
                                            option.id));
    }
    option.name = object.require("name").string();
    option.base_id = base.id;
    if (auto flag = object.get("commitment")) {
      option.commitment = flag->boolean();
    }
    if (auto flag = object.get("interruptible")) {
      option.interruptible = flag->boolean();
    }
    Offering offering = base;
    offering.id = fmt::format("{}@{}", base.id, option.id);
    // "EC2 m7g.large (Linux, on-demand)" -> "EC2 m7g.large (Linux, 1-year reserved)".
    offering.name = fmt::format("{}, {}", base.name, option.name);
    for (std::string_view on_demand : {"on-demand", "pay-as-you-go"}) {
      if (auto at = base.name.find(on_demand); at != std::string::npos) {
        offering.name = base.name;
        offering.name.replace(at, on_demand.size(), option.name);
        break;
      }
    }
    offering.source = object.require("source").string();
    offering.as_of = parse_date(object.require("as_of"));
    offering.compare_by_default = false;
    offering.charges = parse_charges(object.require("charges"));
    if (offering.charges.empty()) {
      object.require("charges").fail("must have at least one charge");
    }
    check_meters_fit_kind(offering, object.require("charges"));
    offering.notes = object.get("notes") ? object.require("notes").strings() : std::vector<std::string>{};
    offering.origin = {base.origin.source, fmt::format("{}.purchase_options[{}]", base.origin.path, i)};
    offering.purchase = option;
    offering.billed_all_month = option.commitment;
    if (std::any_of(options.begin(), options.end(), [&offering](const Offering& o) { return o.id == offering.id; })) {
      object.require("id").fail(fmt::format("\"{}\" is listed twice", option.id));
    }
    options.push_back(std::move(offering));
  }
  return options;
}

// `id`, a table's or an offering's internet_egress, is "none" or one of the table's components
// with an egress_gb charge.
// True when `id` is one of the table's components and has a charge on `meter`.
bool table_prices(const RateTable& table, const std::string& id, Meter meter) {
  auto component =
      std::find_if(table.components.begin(), table.components.end(), [&id](const Component& c) { return c.id == id; });
  return component != table.components.end() &&
         std::any_of(component->charges.begin(), component->charges.end(),
                     [meter](const Charge& charge) { return charge.meter == meter; });
}

void check_egress_component(const JsonValue& value, const RateTable& table, const std::string& id) {
  if (id != "none" && !table_prices(table, id, Meter::egress_gb)) {
    value.fail(fmt::format("\"{}\" is neither \"none\" nor a component of this table with an egress_gb charge", id));
  }
}

Offering parse_offering(const JsonValue& value, const RateTable& table, std::size_t index) {
  JsonObject object(value, {"id",
                            "name",
                            "kind",
                            "source",
                            "as_of",
                            "default",
                            "charges",
                            "components",
                            "billing",
                            "limits",
                            "vcpu",
                            "memory_gb",
                            "gpus",
                            "arch",
                            "task_sizes",
                            "default_task",
                            "nodes",
                            "min_instances",
                            "concurrency",
                            "notes",
                            "provisioned_concurrency",
                            "purchase_options",
                            "owned",
                            "isolation",
                            "cold_start",
                            "burstable",
                            "portability",
                            "internet_egress"});
  Offering offering;
  offering.origin = {table.source_name, fmt::format("$.offerings[{}]", index)};
  offering.id = parse_id(object.require("id"), table.provider);
  offering.name = object.require("name").string();
  offering.kind = parse_kind(object.require("kind"));
  offering.provider = table.provider;
  offering.region = table.region;
  offering.currency = table.currency;
  offering.source = object.require("source").string();
  offering.as_of = object.has("as_of") ? parse_date(object.require("as_of")) : table.as_of;
  if (auto flag = object.get("default")) {
    offering.compare_by_default = flag->boolean();
  }
  if (auto isolation = object.get("isolation")) {
    JsonObject fields(*isolation, {"level", "source"});
    offering.isolation = parse_enum(fields.require("level"), k_isolation_names, "isolation level");
    offering.isolation_source = fields.require("source").string();
  }
  if (auto cold = object.get("cold_start")) {
    JsonObject fields(*cold, {"ms", "source"});
    offering.cold_start_ms = fields.require("ms").positive();
    offering.cold_start_source = fields.require("source").string();
  }
  if (auto burstable = object.get("burstable")) {
    JsonObject fields(*burstable, {"baseline", "source"});
    double baseline = fields.require("baseline").positive();
    if (baseline >= 1) {
      fields.require("baseline").fail("must be below 1 (a share of each vCPU)");
    }
    offering.burstable_baseline = baseline;
    offering.burstable_source = fields.require("source").string();
    if (offering.kind != OfferingKind::vm) {
      burstable->fail("only a vm is burstable");
    }
  }
  offering.portability = offering.kind == OfferingKind::function ? Portability::provider_specific : Portability::image;
  if (auto portability = object.get("portability")) {
    offering.portability = parse_enum(*portability, k_portability_names, "portability");
  }
  // Sizes first: the charges' checks need them.
  offering.vcpu = object.optional_positive("vcpu");
  offering.memory_gb = object.optional_positive("memory_gb");
  if (auto owned = object.get("owned")) {
    if (offering.kind != OfferingKind::vm || object.has("charges")) {
      owned->fail("owned hardware is a vm whose charges follow from these figures (no \"charges\")");
    }
    offering.charges = owned_hardware_charges(*owned);
    offering.billed_all_month = true;
  } else {
    offering.charges = parse_charges(object.require("charges"));
    if (offering.charges.empty()) {
      object.require("charges").fail("must have at least one charge");
    }
    check_meters_fit_kind(offering, object.require("charges"));
  }
  if (auto components = object.get("components")) {
    offering.components = parse_component_refs(*components);
  }
  if (auto billing = object.get("billing")) {
    offering.billing = parse_billing(*billing);
  }
  if (auto limits = object.get("limits")) {
    offering.limits = parse_limits(*limits);
  }
  if (auto gpus = object.get("gpus")) {
    offering.gpus = gpus->whole(0);
  }
  offering.arch = object.optional_string("arch").value_or("");
  if (auto sizes = object.get("task_sizes")) {
    offering.task_sizes = parse_task_sizes(*sizes);
  }
  if (auto task = object.get("default_task")) {
    JsonObject size(*task, {"vcpu", "memory_mb"});
    offering.default_task_vcpu = size.require("vcpu").positive();
    offering.default_task_memory_mb = size.require("memory_mb").positive();
  }
  if (auto nodes = object.get("nodes")) {
    JsonObject pool(*nodes, {"offering", "min", "disk_gb"});
    NodePool parsed;
    parsed.offering_id = pool.require("offering").string();
    if (auto min = pool.get("min")) {
      parsed.min_nodes = min->whole(1);
    }
    parsed.disk_gb = pool.optional_non_negative("disk_gb").value_or(0.0);
    offering.nodes = parsed;
  }
  if (auto min = object.get("min_instances")) {
    offering.default_min_instances = min->whole(0);
  }
  if (auto concurrency = object.get("concurrency")) {
    JsonObject fields(*concurrency, {"default", "source"});
    offering.default_concurrency = fields.require("default").whole(1, 1'000'000);
    offering.concurrency_source = fields.require("source").string();
    if (offering.kind != OfferingKind::container_service) {
      concurrency->fail("only a container service packs several requests into one instance");
    }
  }
  if (auto provisioned = object.get("provisioned_concurrency")) {
    offering.provisioned_concurrency = parse_provisioned_concurrency(*provisioned);
    if (offering.kind != OfferingKind::function) {
      provisioned->fail("only a function has provisioned concurrency");
    }
  }
  if (offering.kind == OfferingKind::vm && !object.has("owned") && offering.gpus == 0) {
    offering.root_volume_component = table.root_volume_component;
    offering.root_volume_gb = table.root_volume_gb;
    offering.root_volume_source = table.root_volume_source;
  }
  offering.internet_egress = table.internet_egress;
  if (auto egress = object.get("internet_egress")) {
    offering.internet_egress = egress->string();
    check_egress_component(*egress, table, offering.internet_egress);
  }
  if (auto notes = object.get("notes")) {
    offering.notes = notes->strings();
  }
  switch (offering.kind) {
  case OfferingKind::vm:
    if (!offering.vcpu) {
      object.require("vcpu");
    }
    break;
  case OfferingKind::kubernetes:
    if (!offering.nodes) {
      object.require("nodes");
    }
    offering.default_min_instances = offering.nodes->min_nodes;
    break;
  case OfferingKind::container_service:
    if (!offering.default_task_vcpu) {
      object.require("default_task");
    }
    break;
  case OfferingKind::function:
    break;
  }
  return offering;
}

Component parse_component(const JsonValue& value, const RateTable& table, std::size_t index) {
  JsonObject object(value, {"id", "name", "source", "as_of", "charges", "applies_to"});
  Component component;
  component.origin = {table.source_name, fmt::format("$.components[{}]", index)};
  component.id = parse_id(object.require("id"), table.provider);
  component.name = object.require("name").string();
  component.source = object.require("source").string();
  component.as_of = object.has("as_of") ? parse_date(object.require("as_of")) : table.as_of;
  component.charges = parse_charges(object.require("charges"));
  if (component.charges.empty()) {
    object.require("charges").fail("must have at least one charge");
  }
  if (auto kinds = object.get("applies_to")) {
    for (const auto& item : kinds->items()) {
      component.applies_to.push_back(parse_kind(item));
    }
  }
  return component;
}

} // namespace

std::string_view to_string(IsolationLevel level) {
  for (const auto& [item, name] : k_isolation_names) {
    if (item == level) {
      return name;
    }
  }
  return "";
}

void add_prices(std::vector<PriceDate>& prices, std::span<const PriceDate> more) {
  for (const auto& price : more) {
    if (std::find(prices.begin(), prices.end(), price) == prices.end()) {
      prices.push_back(price);
    }
  }
}

std::string_view to_string(Portability portability) {
  for (const auto& [item, name] : k_portability_names) {
    if (item == portability) {
      return name;
    }
  }
  return "";
}

std::string_view to_string(OfferingKind kind) {
  for (const auto& [item, name] : k_kind_names) {
    if (item == kind) {
      return name;
    }
  }
  return "?";
}

std::string_view to_string(Meter meter) {
  return info(meter).name;
}

std::string_view unit_of(Meter meter) {
  return info(meter).unit;
}

RateTable parse_rate_table(std::string_view json_text, const std::string& source_name) {
  nlohmann::json document = detail::parse_json(json_text, source_name);
  JsonValue root(document, source_name);
  JsonObject object(root, {"$schema", "schema_version", "provider", "name", "currency", "region", "as_of", "sources",
                           "internet_egress", "vm_root_volume", "components", "offerings"});
  if (auto version = object.require("schema_version"); version.integer() != k_rate_table_schema_version) {
    version.fail(fmt::format("unsupported schema_version {} (this build reads {})", version.literal(),
                             k_rate_table_schema_version));
  }
  RateTable table;
  table.source_name = source_name;
  {
    auto provider = object.require("provider");
    table.provider = provider.string();
    if (!is_lower_id(table.provider) || table.provider.find('.') != std::string::npos) {
      provider.fail(fmt::format("\"{}\" is not a valid provider name (lower case, no dots)", table.provider));
    }
  }
  table.name = object.optional_string("name").value_or(table.provider);
  {
    auto currency = object.require("currency");
    table.currency = currency.string();
    if (table.currency != "USD") {
      currency.fail(fmt::format("unsupported currency \"{}\" (only USD is supported)", table.currency));
    }
  }
  table.region = object.optional_string("region").value_or("");
  table.as_of = parse_date(object.require("as_of"));
  if (auto sources = object.get("sources")) {
    table.sources = sources->strings();
  }
  std::map<std::string, std::string> seen; // id -> path of its first definition
  auto remember = [&seen](const std::string& id, const Origin& origin, const JsonValue& at) {
    auto [it, inserted] = seen.emplace(id, origin.path);
    if (!inserted) {
      at.fail(fmt::format("duplicate id \"{}\" (first defined at {})", id, it->second));
    }
  };
  if (auto components = object.get("components")) {
    auto items = components->items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      table.components.push_back(parse_component(items[i], table, i));
      remember(table.components.back().id, table.components.back().origin, items[i]);
    }
  }
  if (auto egress = object.get("internet_egress")) {
    table.internet_egress = egress->string();
    check_egress_component(*egress, table, table.internet_egress);
  }
  if (auto volume = object.get("vm_root_volume")) {
    JsonObject fields(*volume, {"component", "gb", "source"});
    table.root_volume_component = fields.require("component").string();
    table.root_volume_gb = fields.require("gb").positive();
    table.root_volume_source = fields.require("source").string();
    if (!table_prices(table, table.root_volume_component, Meter::gb_months)) {
      fields.require("component")
          .fail(fmt::format("\"{}\" is not a component of this table with a gb_months charge",
                            table.root_volume_component));
    }
  }
  if (auto offerings = object.get("offerings")) {
    auto items = offerings->items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      table.offerings.push_back(parse_offering(items[i], table, i));
      remember(table.offerings.back().id, table.offerings.back().origin, items[i]);
      for (const auto& [key, options] : items[i].members()) {
        if (key == "purchase_options") {
          Offering base = table.offerings.back();
          for (auto& option : parse_purchase_options(options, base)) {
            remember(option.id, option.origin, options);
            table.offerings.push_back(std::move(option));
          }
        }
      }
    }
  }
  if (table.offerings.empty() && table.components.empty()) {
    root.fail("has no offerings and no components");
  }
  return table;
}

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw Error(path.string(), "", "is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string reason = std::filesystem::exists(path, error) ? "cannot be read (permission denied?)" : "no such file";
    throw Error(path.string(), "", reason);
  }
  std::string text;
  std::array<char, 64 * 1024> chunk{};
  while (in) {
    in.read(chunk.data(), chunk.size());
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > k_max_input_bytes) {
      throw Error(path.string(), "",
                  fmt::format("is larger than {} MiB; rate tables, scenarios, budgets and baselines are far smaller "
                              "(is it the right file?)",
                              k_max_input_bytes / (1024 * 1024)));
    }
  }
  if (in.bad()) {
    throw Error(path.string(), "", "read failed");
  }
  return text;
}

RateTable load_rate_table_file(const std::filesystem::path& path) {
  return parse_rate_table(read_text_file(path), path.string());
}

} // namespace breakeven
