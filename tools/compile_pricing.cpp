// compile_pricing: the build step that checks the bundled rate tables and compiles them into C++.
//
//   compile_pricing OUTPUT.cpp pricing/aws.json pricing/azure.json ...
//
// Each file is read with the library's own loader (`parse_rate_table`, every check it makes) and
// the tables together with `Catalogue::check_references`, so a bad bundled table fails the
// build with the message a user would see. The output defines `bundled_rate_tables()`, which
// builds the same `RateTable` values from C++ initialisers: the binary parses no JSON at
// start-up. tests/test_rate_table.cpp checks that they equal the tables parsed from the JSON.
// It also defines `bundled_offerings()`, the catalogue's index (ids, and a function building each
// offering), and `bundled_components()`, from which `Catalogue::bundled` builds an offering only
// when it is used.

#include <breakeven/catalogue.hpp>
#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace breakeven;

// A C++ string literal with the same bytes (UTF-8 passes through; the source is UTF-8).
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\{:03o}", byte);
    } else if (c == '?') {
      out += "\\?"; // no trigraphs, whatever the compiler's settings
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The shortest text that reads back as the same double, written as a double literal.
std::string number(double value) {
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".eEn") == std::string::npos) {
    text += ".0";
  }
  return text;
}

std::string boolean(bool value) {
  return value ? "true" : "false";
}

std::string optional_number(const std::optional<double>& value) {
  return value ? number(*value) : "std::nullopt";
}

template <typename Enum>
std::string enumerator(const char* type, Enum value) {
  return fmt::format("static_cast<{}>({})", type, static_cast<int>(value));
}

// A vector's items as the generated moved<T>(...) builds it (see the preamble in main): an
// initializer list would copy every item, and every string and vector in it, once more.
// `indent`: each item on a line of its own, so indented.
template <typename Item, typename Write>
std::string list(std::string_view type, const std::vector<Item>& items, Write write, std::string_view indent = "") {
  if (items.empty()) {
    return "{}";
  }
  std::string out = fmt::format("moved<{}>(", type);
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "" : (indent.empty() ? ", " : ",");
    if (!indent.empty()) {
      out += fmt::format("\n{}", indent);
    }
    out += write(items[i]);
  }
  return out + ")";
}

std::string strings(const std::vector<std::string>& items) {
  return list("std::string", items, literal);
}

// One function per type, naming every field in declaration order (designated initialisers), so
// a field renamed or reordered fails to compile; a field added to the types and not here is
// caught by the equality test.
std::string tier(const Tier& value) {
  return fmt::format("Tier{{.up_to = {}, .unit_price = {}}}", optional_number(value.up_to), number(value.unit_price));
}

std::string charge(const Charge& value) {
  return fmt::format("Charge{{.name = {}, .meter = {}, .tiers = {}, .free_tier_quantity = {}, "
                     ".included_quantity = {}}}",
                     literal(value.name), enumerator("Meter", value.meter), list("Tier", value.tiers, tier),
                     number(value.free_tier_quantity), number(value.included_quantity));
}

std::string charges(const std::vector<Charge>& items) {
  return list("Charge", items, charge, "        ");
}

std::string memory_size(const MemorySize& value) {
  return fmt::format("MemorySize{{.memory_mb = {}, .cpu_ghz = {}}}", number(value.memory_mb),
                     optional_number(value.cpu_ghz));
}

std::string billing(const Billing& value) {
  return fmt::format("Billing{{.duration_step_ms = {}, .min_duration_ms = {}, .memory_step_mb = {}, "
                     ".min_memory_mb = {}, .memory_sizes = {}, .included_ephemeral_storage_gb = {}, "
                     ".init_billed = {}, .free_static_assets = {}, .scale_down_window_s = {}}}",
                     number(value.duration_step_ms), number(value.min_duration_ms), number(value.memory_step_mb),
                     number(value.min_memory_mb), list("MemorySize", value.memory_sizes, memory_size),
                     number(value.included_ephemeral_storage_gb), boolean(value.init_billed),
                     boolean(value.free_static_assets), optional_number(value.scale_down_window_s));
}

std::string limits(const Limits& value) {
  return fmt::format("Limits{{.max_duration_ms = {}, .min_memory_mb = {}, .max_memory_mb = {}, .max_cpu_ms = {}, "
                     ".max_ephemeral_storage_gb = {}, .max_concurrency = {}}}",
                     optional_number(value.max_duration_ms), optional_number(value.min_memory_mb),
                     optional_number(value.max_memory_mb), optional_number(value.max_cpu_ms),
                     optional_number(value.max_ephemeral_storage_gb), optional_number(value.max_concurrency));
}

std::string task_size(const TaskSize& value) {
  return fmt::format("TaskSize{{.vcpu = {}, .min_memory_mb = {}, .max_memory_mb = {}, .memory_step_mb = {}}}",
                     number(value.vcpu), number(value.min_memory_mb), number(value.max_memory_mb),
                     number(value.memory_step_mb));
}

std::string component_ref(const ComponentRef& value) {
  return fmt::format("ComponentRef{{.id = {}, .count = {}}}", literal(value.id), value.count);
}

std::string node_pool(const std::optional<NodePool>& value) {
  if (!value) {
    return "std::nullopt";
  }
  return fmt::format("NodePool{{.offering_id = {}, .min_nodes = {}, .disk_gb = {}}}", literal(value->offering_id),
                     value->min_nodes, number(value->disk_gb));
}

std::string purchase_option(const std::optional<PurchaseOption>& value) {
  if (!value) {
    return "std::nullopt";
  }
  return fmt::format("PurchaseOption{{.id = {}, .name = {}, .base_id = {}, .commitment = {}, .interruptible = {}}}",
                     literal(value->id), literal(value->name), literal(value->base_id), boolean(value->commitment),
                     boolean(value->interruptible));
}

std::string provisioned_concurrency(const std::optional<ProvisionedConcurrency>& value) {
  if (!value) {
    return "std::nullopt";
  }
  return fmt::format("ProvisionedConcurrency{{.charges = {}, .step_minutes = {}, .free_tier = {}, .source = {}}}",
                     charges(value->charges), number(value->step_minutes), boolean(value->free_tier),
                     literal(value->source));
}

std::string origin(const Origin& value) {
  return fmt::format("Origin{{.source = {}, .path = {}}}", literal(value.source), literal(value.path));
}

std::string offering(const Offering& value) {
  std::string out = "Offering{\n";
  auto field = [&out](std::string_view name, const std::string& text) {
    out += fmt::format("      .{} = {},\n", name, text);
  };
  field("id", literal(value.id));
  field("name", literal(value.name));
  field("provider", literal(value.provider));
  field("kind", enumerator("OfferingKind", value.kind));
  field("region", literal(value.region));
  field("currency", literal(value.currency));
  field("source", literal(value.source));
  field("as_of", literal(value.as_of));
  field("compare_by_default", boolean(value.compare_by_default));
  field("charges", charges(value.charges));
  field("components", list("ComponentRef", value.components, component_ref));
  field("billing", billing(value.billing));
  field("limits", limits(value.limits));
  field("vcpu", optional_number(value.vcpu));
  field("memory_gb", optional_number(value.memory_gb));
  field("gpus", std::to_string(value.gpus));
  field("arch", literal(value.arch));
  field("task_sizes", list("TaskSize", value.task_sizes, task_size));
  field("default_task_vcpu", optional_number(value.default_task_vcpu));
  field("default_task_memory_mb", optional_number(value.default_task_memory_mb));
  field("nodes", node_pool(value.nodes));
  field("default_min_instances", std::to_string(value.default_min_instances));
  field("default_concurrency", optional_number(value.default_concurrency));
  field("concurrency_source", literal(value.concurrency_source));
  field("purchase", purchase_option(value.purchase));
  field("billed_all_month", boolean(value.billed_all_month));
  field("provisioned_concurrency", provisioned_concurrency(value.provisioned_concurrency));
  field("internet_egress", literal(value.internet_egress));
  field("notes", strings(value.notes));
  field("isolation", value.isolation ? enumerator("IsolationLevel", *value.isolation) : "std::nullopt");
  field("isolation_source", literal(value.isolation_source));
  field("cold_start_ms", optional_number(value.cold_start_ms));
  field("cold_start_source", literal(value.cold_start_source));
  field("burstable_baseline", optional_number(value.burstable_baseline));
  field("burstable_source", literal(value.burstable_source));
  field("root_volume_component", literal(value.root_volume_component));
  field("root_volume_gb", fmt::format("{}", value.root_volume_gb));
  field("root_volume_source", literal(value.root_volume_source));
  field("portability", enumerator("Portability", value.portability));
  field("origin", origin(value.origin));
  return out + "  }";
}

std::string component(const Component& value) {
  return fmt::format(
      "Component{{.id = {}, .name = {}, .source = {}, .as_of = {}, .charges = {}, .applies_to = {}, "
      ".origin = {}}}",
      literal(value.id), literal(value.name), literal(value.source), literal(value.as_of), charges(value.charges),
      list("OfferingKind", value.applies_to, [](OfferingKind kind) { return enumerator("OfferingKind", kind); }),
      origin(value.origin));
}

// One function per table and per offering keeps each function small for the compiler.
std::string table_function(const RateTable& table, std::size_t index) {
  std::string out;
  for (std::size_t i = 0; i < table.offerings.size(); ++i) {
    out +=
        fmt::format("Offering table_{}_offering_{}() {{\n  return {};\n}}\n\n", index, i, offering(table.offerings[i]));
  }
  out += fmt::format("RateTable table_{}() {{\n  RateTable table{{\n", index);
  out +=
      fmt::format("      .source_name = {},\n      .provider = {},\n      .name = {},\n      .currency = {},\n"
                  "      .region = {},\n      .as_of = {},\n      .sources = {},\n      .internet_egress = {},\n",
                  literal(table.source_name), literal(table.provider), literal(table.name), literal(table.currency),
                  literal(table.region), literal(table.as_of), strings(table.sources), literal(table.internet_egress));
  out +=
      fmt::format("      .root_volume_component = {},\n      .root_volume_gb = {},\n      .root_volume_source = {},\n",
                  literal(table.root_volume_component), table.root_volume_gb, literal(table.root_volume_source));
  out += "      .components = {";
  for (std::size_t i = 0; i < table.components.size(); ++i) {
    out += (i == 0 ? "\n        " : ",\n        ") + component(table.components[i]);
  }
  out += "},\n      .offerings = {}};\n";
  out += fmt::format("  table.offerings.reserve({});\n", table.offerings.size());
  for (std::size_t i = 0; i < table.offerings.size(); ++i) {
    out += fmt::format("  table.offerings.push_back(table_{}_offering_{}());\n", index, i);
  }
  return out + "  return table;\n}\n\n";
}

// The catalogue the tables make, as an index of builders (the table function that made each
// offering the catalogue kept: a later table's replaces an earlier one's) and its components.
std::string catalogue_index(const std::vector<RateTable>& tables, const Catalogue& catalogue) {
  std::string out = "std::span<const BundledOffering> bundled_offerings() {\n"
                    "  static constexpr BundledOffering index[] = {\n";
  for (const Offering& offering : catalogue.offerings()) {
    std::string builder;
    for (std::size_t t = tables.size(); t-- > 0 && builder.empty();) {
      const auto& offerings = tables[t].offerings;
      for (std::size_t i = 0; i < offerings.size(); ++i) {
        if (offerings[i].id == offering.id) {
          builder = fmt::format("table_{}_offering_{}", t, i);
        }
      }
    }
    out += fmt::format("      {{{}, {}, {}, {}, {}, &{}}},\n", literal(offering.id),
                       boolean(offering.compare_by_default), literal(offering.purchase ? offering.purchase->id : ""),
                       literal(offering.purchase ? offering.purchase->base_id : ""),
                       literal(offering.nodes ? offering.nodes->offering_id : ""), builder);
  }
  out += "  };\n  return index;\n}\n\nstd::vector<Component> bundled_components() {\n"
         "  std::vector<Component> components;\n";
  out += fmt::format("  components.reserve({});\n", catalogue.components().size());
  for (const Component& item : catalogue.components()) {
    out += fmt::format("  components.push_back({});\n", component(item));
  }
  return out + "  return components;\n}\n\n";
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: compile_pricing OUTPUT.cpp TABLE.json...\n");
    return 2;
  }
  try {
    std::vector<RateTable> tables;
    Catalogue catalogue;
    for (int i = 2; i < argc; ++i) {
      std::filesystem::path path = argv[i];
      // Named as Catalogue::bundled always named them, so errors and origins read the same.
      tables.push_back(parse_rate_table(read_text_file(path), "<bundled>/pricing/" + path.filename().string()));
      catalogue.add(tables.back());
    }
    catalogue.check_references();

    std::string out = "// Generated from pricing/*.json by tools/compile_pricing.cpp. Do not edit.\n"
                      "#include <breakeven/catalogue.hpp>\n\n"
                      "#include <optional>\n#include <utility>\n#include <vector>\n\n"
                      "namespace breakeven {\nnamespace {\n\n"
                      "// A vector of these items, each moved in (an initializer list copies each one).\n"
                      "template <class T, class... Items>\n"
                      "std::vector<T> moved(Items&&... items) {\n"
                      "  std::vector<T> out;\n"
                      "  out.reserve(sizeof...(Items));\n"
                      "  (out.emplace_back(std::forward<Items>(items)), ...);\n"
                      "  return out;\n"
                      "}\n\n";
    for (std::size_t i = 0; i < tables.size(); ++i) {
      out += table_function(tables[i], i);
    }
    out += "} // namespace\n\nstd::vector<RateTable> bundled_rate_tables() {\n  std::vector<RateTable> tables;\n";
    out += fmt::format("  tables.reserve({});\n", tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
      out += fmt::format("  tables.push_back(table_{}());\n", i);
    }
    out += "  return tables;\n}\n\n";
    out += catalogue_index(tables, catalogue);
    out += "} // namespace breakeven\n";

    std::string output = argv[1];
    std::string temporary = output + ".tmp";
    {
      std::ofstream file(temporary, std::ios::binary);
      file << out;
      if (!file.flush()) {
        std::fprintf(stderr, "compile_pricing: cannot write %s\n", temporary.c_str());
        return 1;
      }
    }
    std::filesystem::rename(temporary, output);
  } catch (const Error& e) {
    std::fprintf(stderr, "compile_pricing: error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compile_pricing: %s\n", e.what());
    return 1;
  }
  return 0;
}
