// Rate-table loading: what a valid table gives, and one exact error for each kind of bad table.

#include <breakeven/catalogue.hpp>
#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

using namespace breakeven;

namespace {

// A minimal valid table with one function offering; `charge` and `offering_extra` are spliced in.
std::string table_with(const std::string& charge, const std::string& offering_extra = "",
                       const std::string& table_extra = "") {
  return R"({"schema_version": 1, "provider": "acme", "currency": "USD", "as_of": "2026-11-01", )" + table_extra +
         R"("offerings": [{"id": "acme.fn", "name": "Acme functions", "kind": "function", "source": "https://acme.example/pricing", )" +
         offering_extra + R"("charges": [)" + charge + "]}]}";
}

// `text` with its one occurrence of `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  return text.replace(at, from.size(), to);
}

const std::string k_good_charge = R"({"name": "Requests", "meter": "requests", "unit_price": 0.2, "per": 1000000})";

} // namespace

TEST_CASE("parse_rate_table, a valid table") {
  RateTable table = parse_rate_table(
      table_with(
          R"({"name": "Duration", "meter": "gb_seconds", "free_tier": 400000,
                     "tiers": [{"up_to": 6e9, "unit_price": 0.0000166667}, {"unit_price": 0.000015}]})",
          R"("billing": {"duration_step_ms": 100, "memory_step_mb": 128}, "limits": {"max_duration_ms": 900000}, )"),
      "acme.json");
  REQUIRE(table.offerings.size() == 1);
  const Offering& o = table.offerings[0];
  CHECK(o.id == "acme.fn");
  CHECK(o.kind == OfferingKind::function);
  CHECK(o.as_of == "2026-11-01"); // inherited from the table
  CHECK(o.origin.source == "acme.json");
  CHECK(o.origin.path == "$.offerings[0]");
  REQUIRE(o.charges[0].tiers.size() == 2);
  CHECK(o.charges[0].tiers[0].up_to == 6e9);
  CHECK_FALSE(o.charges[0].tiers[1].up_to);
  CHECK(o.charges[0].free_tier_quantity == 400000);
  CHECK(o.billing.duration_step_ms == 100);
  CHECK(o.limits.max_duration_ms == 900000);

  SECTION("`per` divides the price down to one unit") {
    RateTable t = parse_rate_table(table_with(k_good_charge), "acme.json");
    CHECK(t.offerings[0].charges[0].tiers[0].unit_price == Approx(2e-7));
  }
}

TEST_CASE("parse_rate_table, bad tables: one error naming the source and the JSON path") {
  struct Case {
    const char* what;
    std::string json;
    std::string error;
  };
  const Case cases[] = {
      {"malformed JSON, with line and column", "{\n  \"schema_version\": 1,\n  oops\n}",
       "acme.json: line 3, column 3: malformed JSON: syntax error while parsing object key - invalid literal; last "
       "read: '1,<U+000A>  o'; expected string literal"},
      {"not an object", "[1, 2]", "acme.json: $: must be an object, not an array"},
      {"missing schema_version", R"({"provider": "acme"})", "acme.json: $.schema_version: is required"},
      {"newer schema_version", R"({"schema_version": 2})",
       "acme.json: $.schema_version: unsupported schema_version 2 (this build reads 1)"},
      {"unsupported currency", R"({"schema_version": 1, "provider": "acme", "currency": "EUR"})",
       "acme.json: $.currency: unsupported currency \"EUR\" (only USD is supported)"},
      {"bad as_of date", R"({"schema_version": 1, "provider": "acme", "currency": "USD", "as_of": "26/11/2026"})",
       "acme.json: $.as_of: \"26/11/2026\" is not a date of the form YYYY-MM-DD"},
      {"unknown top-level key, with did-you-mean", table_with(k_good_charge, "", R"("offerring": [], )"),
       "acme.json: $.offerring: unknown key \"offerring\" (did you mean \"offerings\"?)"},
      {"wrong type for a price", table_with(R"({"name": "R", "meter": "requests", "unit_price": "0.20"})"),
       "acme.json: $.offerings[0].charges[0].unit_price: must be a number, not a string"},
      {"negative price", table_with(R"({"name": "R", "meter": "requests", "unit_price": -0.2})"),
       "acme.json: $.offerings[0].charges[0].unit_price: must not be negative (got -0.2)"},
      {"NaN is not JSON", table_with(R"({"name": "R", "meter": "requests", "unit_price": NaN})"),
       "acme.json: line 1, column 266: malformed JSON: syntax error while parsing value - invalid literal; last "
       "read: '\"unit_price\": N'"},
      {"a price too large for a double", table_with(R"({"name": "R", "meter": "requests", "unit_price": 1e999})"),
       "acme.json: malformed JSON: number overflow parsing '1e999'"},
      {"missing kind", R"({"schema_version": 1, "provider": "acme", "currency": "USD", "as_of": "2026-11-01",
                            "offerings": [{"id": "acme.fn", "name": "F", "source": "s", "charges": []}]})",
       "acme.json: $.offerings[0].kind: is required"},
      {"unknown kind, with did-you-mean",
       replaced(table_with(k_good_charge), R"("kind": "function")", R"("kind": "fucntion")"),
       "acme.json: $.offerings[0].kind: unknown kind \"fucntion\" (did you mean \"function\"?)"},
      {"unknown meter", table_with(R"({"name": "R", "meter": "gb_second", "unit_price": 1})"),
       "acme.json: $.offerings[0].charges[0].meter: unknown meter \"gb_second\" (did you mean \"gb_seconds\"?)"},
      {"no price at all", table_with(R"({"name": "R", "meter": "requests"})"),
       "acme.json: $.offerings[0].charges[0]: needs a \"unit_price\" or \"tiers\""},
      {"both a price and tiers", table_with(R"({"name": "R", "meter": "requests", "unit_price": 1, "tiers": []})"),
       "acme.json: $.offerings[0].charges[0]: has both \"unit_price\" and \"tiers\"; give one"},
      {"tiers out of order",
       table_with(
           R"({"name": "D", "meter": "gb_seconds", "tiers": [{"up_to": 15e9, "unit_price": 2}, {"up_to": 6e9, "unit_price": 1}, {"unit_price": 0.5}]})"),
       "acme.json: $.offerings[0].charges[0].tiers[1].up_to: tiers out of order: 6000000000 is not above the previous "
       "tier's 15000000000"},
      {"a bounded last tier",
       table_with(R"({"name": "D", "meter": "gb_seconds", "tiers": [{"up_to": 6e9, "unit_price": 2}]})"),
       "acme.json: $.offerings[0].charges[0].tiers[0].up_to: the last tier must have no \"up_to\" (it covers all "
       "usage above the previous tier)"},
      {"a middle tier without a bound",
       table_with(R"({"name": "D", "meter": "gb_seconds", "tiers": [{"unit_price": 2}, {"unit_price": 1}]})"),
       "acme.json: $.offerings[0].charges[0].tiers[0]: every tier but the last needs \"up_to\""},
      {"negative free tier", table_with(R"({"name": "R", "meter": "requests", "unit_price": 1, "free_tier": -5})"),
       "acme.json: $.offerings[0].charges[0].free_tier: must not be negative (got -5)"},
      {"no charges", table_with(""), "acme.json: $.offerings[0].charges: must have at least one charge"},
      {"a provisioned meter on a function", table_with(R"({"name": "I", "meter": "instance_hours", "unit_price": 1})"),
       "acme.json: $.offerings[0].charges[0]: meter \"instance_hours\" needs provisioned instances; a function has "
       "none"},
      {"an id from another provider", replaced(table_with(k_good_charge), R"("id": "acme.fn")", R"("id": "aws.fn")"),
       "acme.json: $.offerings[0].id: \"aws.fn\" must start with the table's provider, \"acme.\""},
      {"an id with capitals", replaced(table_with(k_good_charge), R"("id": "acme.fn")", R"("id": "acme.Fn")"),
       "acme.json: $.offerings[0].id: \"acme.Fn\" is not a valid id (lower-case letters, digits, '.', '-', '_')"},
      {"a vm without vcpu",
       replaced(table_with(R"({"name": "I", "meter": "instance_hours", "unit_price": 1})"), R"("kind": "function")",
                R"("kind": "vm")"),
       "acme.json: $.offerings[0].vcpu: is required"},
      {"memory limits the wrong way round",
       table_with(k_good_charge, R"("limits": {"min_memory_mb": 512, "max_memory_mb": 128}, )"),
       "acme.json: $.offerings[0].limits.min_memory_mb: is above max_memory_mb"},
      {"a zero duration step", table_with(k_good_charge, R"("billing": {"duration_step_ms": 0}, )"),
       "acme.json: $.offerings[0].billing.duration_step_ms: must be greater than 0 (got 0)"},
      {"an empty file", "",
       "acme.json: line 1, column 1: malformed JSON: syntax error while parsing value - unexpected "
       "end of input; expected '[', '{', or a literal"},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      REQUIRE_THROWS_WITH(parse_rate_table(c.json, "acme.json"), c.error);
    }
  }
}

TEST_CASE("parse_rate_table, duplicate ids in one table") {
  std::string json = R"({"schema_version": 1, "provider": "acme", "currency": "USD", "as_of": "2026-11-01",
    "offerings": [
      {"id": "acme.fn", "name": "A", "kind": "function", "source": "s", "charges": [{"name": "R", "meter": "requests", "unit_price": 1}]},
      {"id": "acme.fn", "name": "B", "kind": "function", "source": "s", "charges": [{"name": "R", "meter": "requests", "unit_price": 1}]}
    ]})";
  REQUIRE_THROWS_WITH(parse_rate_table(json, "acme.json"),
                      "acme.json: $.offerings[1]: duplicate id \"acme.fn\" (first defined at $.offerings[0])");
}

TEST_CASE("load_rate_table_file, files that cannot be read") {
  SECTION("a missing file") {
    REQUIRE_THROWS_WITH(load_rate_table_file("/nonexistent/prices.json"), "/nonexistent/prices.json: no such file");
  }
  SECTION("a directory") {
    REQUIRE_THROWS_WITH(load_rate_table_file("/tmp"), "/tmp: is a directory, not a file");
  }
}

TEST_CASE("Catalogue, overrides and references") {
  Catalogue catalogue = Catalogue::bundled();
  std::size_t bundled_count = catalogue.offerings().size();

  SECTION("a --pricing table replaces an offering with the same id") {
    catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "aws", "currency": "USD", "as_of": "2026-12-01",
      "offerings": [{"id": "aws.lambda.arm", "name": "Negotiated Lambda", "kind": "function", "source": "contract",
                     "charges": [{"name": "Requests", "meter": "requests", "unit_price": 0.1, "per": 1000000}]}]})",
                                   "mine.json"));
    catalogue.check_references();
    CHECK(catalogue.offerings().size() == bundled_count);
    CHECK(catalogue.get("aws.lambda.arm").name == "Negotiated Lambda");
    CHECK(catalogue.get("aws.lambda.arm").origin.source == "mine.json");
  }
  SECTION("an unknown node offering is named with its path and a suggestion") {
    catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "aws", "currency": "USD", "as_of": "2026-12-01",
      "offerings": [{"id": "aws.eks.mine", "name": "EKS", "kind": "kubernetes", "source": "s",
                     "nodes": {"offering": "aws.ec2.m7g.lrge"},
                     "charges": [{"name": "Control plane", "meter": "hours", "unit_price": 0.1}]}]})",
                                   "mine.json"));
    REQUIRE_THROWS_WITH(catalogue.check_references(),
                        "mine.json: $.offerings[0].nodes.offering: unknown offering \"aws.ec2.m7g.lrge\" (did you mean "
                        "aws.ec2.m7g.large?)");
  }
  SECTION("an unknown component") {
    catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "aws", "currency": "USD", "as_of": "2026-12-01",
      "offerings": [{"id": "aws.thing", "name": "T", "kind": "function", "source": "s", "components": [{"id": "aws.elb"}],
                     "charges": [{"name": "R", "meter": "requests", "unit_price": 1}]}]})",
                                   "mine.json"));
    REQUIRE_THROWS_WITH(catalogue.check_references(),
                        "mine.json: $.offerings[0].components[0].id: unknown component \"aws.elb\"");
  }
  SECTION("selection by id and glob, each once, with did-you-mean for typos") {
    std::vector<std::string> patterns{"aws.lambda.*", "aws.lambda.arm"};
    auto selected = catalogue.select(patterns);
    REQUIRE(selected.size() == 2);
    CHECK(selected[0]->id == "aws.lambda.x86");
    std::vector<std::string> typo{"aws.lamda.arm"};
    REQUIRE_THROWS_WITH(catalogue.select(typo),
                        "--offering: unknown offering \"aws.lamda.arm\" (did you mean aws.lambda.arm?)");
    std::vector<std::string> nothing{"oracle.*"};
    REQUIRE_THROWS_WITH(catalogue.select(nothing),
                        "--offering: \"oracle.*\" matches no offering (see `breakeven pricing list`)");
    std::vector<std::string> listed{"aws.lambda.arm,aws.ec2.*,"};
    REQUIRE_THROWS_WITH(catalogue.select(listed),
                        "--offering: \"aws.lambda.arm,aws.ec2.*,\" lists several offerings: give each its own flag "
                        "(--offering aws.lambda.arm --offering 'aws.ec2.*')");
    std::vector<std::string> commas{","};
    REQUIRE_THROWS_WITH(catalogue.select(commas),
                        "--offering: \",\" lists several offerings: give each its own flag (--offering ID)");
  }
}

TEST_CASE("Bundled catalogue: every offering has a source, an as_of and a default set per provider") {
  Catalogue catalogue = Catalogue::bundled();
  CHECK(catalogue.offerings().size() >= 30);
  for (const auto& o : catalogue.offerings()) {
    INFO(o.id);
    CHECK_FALSE(o.source.empty());
    CHECK(o.as_of.size() == 10);
    CHECK(o.currency == "USD");
  }
  for (const char* id :
       {"aws.lambda.x86", "aws.lambda.arm", "aws.fargate.x86", "aws.fargate.arm", "aws.eks", "aws.ec2.m7g.large",
        "gcp.cloudrun", "gcp.functions.gen1", "gcp.gke", "azure.functions.consumption", "azure.containerapps",
        "azure.aks", "azure.vm.d2s_v5", "cloudflare.workers", "modal.a10g"}) {
    CHECK(catalogue.find(id) != nullptr);
  }
  CHECK(catalogue.defaults().size() >= 8);
}

TEST_CASE("bundled_rate_tables, compiled at build time, equal the embedded JSON as parse_rate_table reads it") {
  auto compiled = bundled_rate_tables();
  auto embedded = embedded_rate_tables();
  REQUIRE(compiled.size() == embedded.size());
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    RateTable parsed = parse_rate_table(embedded[i].json, fmt::format("<bundled>/{}", embedded[i].name));
    INFO(parsed.source_name);
    CHECK(compiled[i].source_name == parsed.source_name);
    REQUIRE(compiled[i].offerings.size() == parsed.offerings.size());
    for (std::size_t j = 0; j < parsed.offerings.size(); ++j) {
      INFO(parsed.offerings[j].id);
      CHECK(compiled[i].offerings[j] == parsed.offerings[j]);
    }
    REQUIRE(compiled[i].components.size() == parsed.components.size());
    for (std::size_t j = 0; j < parsed.components.size(); ++j) {
      INFO(parsed.components[j].id);
      CHECK(compiled[i].components[j] == parsed.components[j]);
    }
    CHECK(compiled[i] == parsed);
  }
  SECTION("the comparison sees every field: a changed price, note or limit is a difference") {
    RateTable parsed = parse_rate_table(embedded[0].json, fmt::format("<bundled>/{}", embedded[0].name));
    Offering changed = parsed.offerings[0];
    REQUIRE(changed == compiled[0].offerings[0]);
    changed.charges[0].tiers[0].unit_price = std::nextafter(changed.charges[0].tiers[0].unit_price, 1.0);
    CHECK_FALSE(changed == compiled[0].offerings[0]);
    changed = parsed.offerings[0];
    changed.notes.emplace_back("another caveat");
    CHECK_FALSE(changed == compiled[0].offerings[0]);
    changed = parsed.offerings[0];
    changed.limits.max_concurrency = 7;
    CHECK_FALSE(changed == compiled[0].offerings[0]);
  }
}

TEST_CASE("Catalogue::bundled, built on first use, equals the catalogue the compiled tables make") {
  Catalogue eager;
  for (auto& table : bundled_rate_tables()) {
    eager.add(std::move(table));
  }
  eager.check_references();
  Catalogue lazy = Catalogue::bundled();
  REQUIRE(lazy.components() == eager.components());
  REQUIRE(lazy.offerings().size() == eager.offerings().size());
  std::vector<const Offering*> eager_defaults = eager.defaults();
  std::vector<const Offering*> lazy_defaults = lazy.defaults();
  REQUIRE(lazy_defaults.size() == eager_defaults.size());
  for (std::size_t i = 0; i < eager_defaults.size(); ++i) {
    CHECK(*lazy_defaults[i] == *eager_defaults[i]);
  }
  for (std::size_t i = 0; i < eager.offerings().size(); ++i) {
    INFO(eager.offerings()[i].id);
    CHECK(lazy.offerings()[i] == eager.offerings()[i]);
    // The index answers purchase-option questions before the offering is built.
    const Offering* by_id = lazy.find(eager.offerings()[i].id);
    REQUIRE(by_id != nullptr);
    CHECK(by_id == &lazy.offerings()[i]); // built once: one address however it is reached
  }
  std::vector<std::string> globs{"*@*"};
  CHECK(lazy.select(globs).size() == eager.select(globs).size());
}

TEST_CASE("Catalogue::bundled: copies, concurrent first use, and a table replacing what a bundled offering uses") {
  SECTION("a copy owns its offerings") {
    Catalogue original = Catalogue::bundled();
    const Offering& before = original.get("aws.lambda.arm");
    Catalogue copy = original;
    CHECK(&copy.get("aws.lambda.arm") != &before);
    CHECK(copy.get("aws.lambda.arm") == before);
    CHECK(copy.get("aws.eks") == original.get("aws.eks"));
  }
  SECTION("threads building the same offering get one offering") {
    Catalogue catalogue = Catalogue::bundled();
    std::vector<const Offering*> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) {
      threads.emplace_back([&catalogue, &seen, i] { seen[i] = &catalogue.get("gcp.gke"); });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    for (const Offering* offering : seen) {
      CHECK(offering == seen[0]);
    }
  }
  SECTION("a table that turns a bundled cluster's node type into a function is caught") {
    // aws.eks runs on aws.ec2.m6i.large nodes (pricing/aws.json); aws.eks is never used here, so
    // it is not built: check_references reads its node type from the bundled index.
    Catalogue catalogue = Catalogue::bundled();
    catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "aws", "currency": "USD", "as_of": "2026-12-01",
      "offerings": [{"id": "aws.ec2.m6i.large", "name": "Not a VM", "kind": "function", "source": "s",
                     "charges": [{"name": "R", "meter": "requests", "unit_price": 1}]}]})",
                                   "mine.json"));
    REQUIRE_THROWS_WITH(catalogue.check_references(), "<bundled>/pricing/aws.json: $.offerings[4].nodes.offering: node "
                                                      "offering \"aws.ec2.m6i.large\" is a function, not a vm");
  }
  SECTION("a table that replaces a bundled cluster's node type with another VM is fine, and used") {
    Catalogue catalogue = Catalogue::bundled();
    catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "aws", "currency": "USD", "as_of": "2026-12-01",
      "offerings": [{"id": "aws.ec2.m6i.large", "name": "Dearer", "kind": "vm", "source": "s", "vcpu": 2, "memory_gb": 8,
                     "charges": [{"name": "I", "meter": "instance_hours", "unit_price": 1}]}]})",
                                   "mine.json"));
    CHECK_NOTHROW(catalogue.check_references());
    CHECK(catalogue.find(catalogue.get("aws.eks").nodes->offering_id)->name == "Dearer");
  }
  SECTION("the bundled index names each cluster's node type as its offering does") {
    Catalogue catalogue = Catalogue::bundled();
    std::size_t clusters = 0;
    for (const BundledOffering& entry : bundled_offerings()) {
      const Offering& offering = catalogue.get(std::string(entry.id));
      CHECK(entry.node_offering_id == (offering.nodes ? offering.nodes->offering_id : ""));
      clusters += offering.nodes ? 1 : 0;
    }
    CHECK(clusters >= 3);
  }
}

TEST_CASE("parse_rate_table, whole numbers read exactly, never narrowed") {
  std::string good = table_with(k_good_charge);
  SECTION("schema_version 1.0 is version 1") {
    CHECK(parse_rate_table(replaced(good, R"("schema_version": 1,)", R"("schema_version": 1.0,)"), "acme.json")
              .offerings.size() == 1);
  }
  struct Case {
    const char* what;
    std::string json;
    std::string error;
  };
  const Case cases[] = {
      {"schema_version 2^32 + 1 is not 1",
       replaced(good, R"("schema_version": 1,)", R"("schema_version": 4294967297,)"),
       "acme.json: $.schema_version: unsupported schema_version 4294967297 (this build reads 1)"},
      {"schema_version 2^64 - 1",
       replaced(good, R"("schema_version": 1,)", R"("schema_version": 18446744073709551615,)"),
       "acme.json: $.schema_version: unsupported schema_version 18446744073709551615 (this build reads 1)"},
      {"schema_version 1.5", replaced(good, R"("schema_version": 1,)", R"("schema_version": 1.5,)"),
       "acme.json: $.schema_version: unsupported schema_version 1.5 (this build reads 1)"},
      {"gpus 2^32", table_with(k_good_charge, R"("gpus": 4294967296, )"),
       "acme.json: $.offerings[0].gpus: must be a whole number from 0 to 1000000000 (got 4294967296)"},
      {"negative min_instances", table_with(k_good_charge, R"("min_instances": -1, )"),
       "acme.json: $.offerings[0].min_instances: must be a whole number from 0 to 1000000000 (got -1)"},
      {"fractional min_instances", table_with(k_good_charge, R"("min_instances": 1.5, )"),
       "acme.json: $.offerings[0].min_instances: must be a whole number from 0 to 1000000000 (got 1.5)"},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      REQUIRE_THROWS_WITH(parse_rate_table(c.json, "acme.json"), c.error);
    }
  }
  SECTION("-0 is read as 0, so it never prints as -0") {
    RateTable table =
        parse_rate_table(table_with(R"({"name": "R", "meter": "requests", "unit_price": -0.0})"), "acme.json");
    CHECK_FALSE(std::signbit(table.offerings[0].charges[0].tiers[0].unit_price));
  }
}

TEST_CASE("add_prices: each offering or component once, in the order first used") {
  std::vector<PriceDate> prices{{"acme.fn", "2026-01-01"}};
  std::vector<PriceDate> more{{"acme.lb", "2025-01-01"}, {"acme.fn", "2026-01-01"}, {"acme.lb", "2025-01-01"}};
  add_prices(prices, more);
  CHECK(prices == std::vector<PriceDate>{{"acme.fn", "2026-01-01"}, {"acme.lb", "2025-01-01"}});
  add_prices(prices, {});
  CHECK(prices.size() == 2);
}
