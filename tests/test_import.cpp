// pricing import aws: the offer-file fixtures (tests/fixtures/import) reproduce the bundled AWS
// prices, and a changed price shows up in pricing diff as a per-charge difference.

#include <breakeven/catalogue.hpp>
#include <breakeven/error.hpp>
#include <breakeven/import.hpp>
#include <breakeven/pricing_review.hpp>
#include <breakeven/rate_table.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

using namespace breakeven;

namespace {

const std::string k_fixtures = std::string(BREAKEVEN_SOURCE_DIR) + "/tests/fixtures/import/";

std::string_view bundled_aws_json() {
  for (const auto& table : embedded_rate_tables()) {
    if (std::string_view(table.name) == "pricing/aws.json") {
      return table.json;
    }
  }
  FAIL("no bundled pricing/aws.json");
  return {};
}

std::vector<std::filesystem::path> all_fixtures() {
  std::vector<std::filesystem::path> files;
  for (const char* name : {"AWSLambda.json", "AmazonECS.json", "AmazonEKS.json", "AmazonEC2.json", "AWSELB.json"}) {
    files.emplace_back(k_fixtures + name);
  }
  return files;
}

bool mentions(const std::vector<std::string>& lines, std::string_view text) {
  return std::any_of(lines.begin(), lines.end(),
                     [text](const std::string& line) { return line.find(text) != std::string::npos; });
}

const Offering& offering(const RateTable& table, std::string_view id) {
  auto it =
      std::find_if(table.offerings.begin(), table.offerings.end(), [id](const Offering& o) { return o.id == id; });
  REQUIRE(it != table.offerings.end());
  return *it;
}

} // namespace

TEST_CASE("import_aws: the fixtures reproduce the bundled Lambda, Fargate, EKS, EC2, ALB, NAT and EBS prices") {
  auto files = all_fixtures();
  ImportResult result = import_aws(files, bundled_aws_json(), "pricing/aws.json");
  RateTable imported = parse_rate_table(result.table_json, "imported.json");

  // Every imported price equals the bundled one: the diff of what both have is empty.
  std::vector<RateTable> before = bundled_rate_tables();
  std::vector<RateTable> after{imported};
  DiffOptions common;
  common.common_only = true;
  PricingDiff diff = diff_prices(before, after, "bundled", "imported", common);
  CHECK(diff.changes.empty());
  CHECK(diff.compared == result.imported.size());

  const Catalogue& bundled = Catalogue::bundled();
  for (const char* id : {"aws.lambda.x86", "aws.lambda.arm", "aws.fargate.x86", "aws.fargate.arm", "aws.eks",
                         "aws.ec2.m7g.large", "aws.ec2.m6i.large", "aws.ec2.t3.micro"}) {
    INFO(id);
    const Offering& mine = offering(imported, id);
    const Offering* theirs = bundled.find(id);
    REQUIRE(theirs != nullptr);
    REQUIRE(mine.charges.size() == theirs->charges.size());
    for (std::size_t i = 0; i < mine.charges.size(); ++i) {
      REQUIRE(mine.charges[i].tiers.size() == theirs->charges[i].tiers.size());
      for (std::size_t t = 0; t < mine.charges[i].tiers.size(); ++t) {
        CHECK(mine.charges[i].tiers[t].unit_price == Approx(theirs->charges[i].tiers[t].unit_price).epsilon(1e-12));
        CHECK(mine.charges[i].tiers[t].up_to == theirs->charges[i].tiers[t].up_to);
      }
      CHECK(mine.charges[i].free_tier_quantity == theirs->charges[i].free_tier_quantity);
    }
  }
  // Lambda's free tier comes from the file's global $0 ranges (1M requests, 400,000 GB-s).
  CHECK(offering(imported, "aws.lambda.arm").charges[0].free_tier_quantity == 1000000);
  CHECK(offering(imported, "aws.lambda.arm").charges[1].free_tier_quantity == 400000);
  REQUIRE(offering(imported, "aws.lambda.arm").provisioned_concurrency);
  CHECK(offering(imported, "aws.lambda.arm").provisioned_concurrency->charges[0].tiers[0].unit_price ==
        Approx(0.0000033334));

  // Dates and sources from the offer files.
  CHECK(offering(imported, "aws.lambda.x86").as_of == "2025-10-01");
  CHECK(offering(imported, "aws.lambda.x86").source.find("AWSLambda version 20251001000000") != std::string::npos);
  CHECK(offering(imported, "aws.ec2.m7g.large").as_of == "2025-11-20");
  CHECK(imported.as_of == "2025-11-20");

  // What it could not price is said, never guessed.
  CHECK(mentions(result.skipped, "aws.ec2.t3.small: not in these files (instance_hours)"));
  CHECK(mentions(result.skipped, "aws.data_transfer: not in these files (egress_gb)"));
  CHECK(mentions(result.skipped, "aws.ec2.m7g.large: purchase options (spot) left out"));
  CHECK(mentions(result.skipped, "Reserved terms of 1 SKUs: not imported"));
  CHECK(imported.internet_egress.empty()); // its component was not imported
  CHECK(std::none_of(imported.offerings.begin(), imported.offerings.end(),
                     [](const Offering& o) { return o.id == "aws.lambda_edge.viewer" || o.purchase; }));
}

TEST_CASE("import_aws: a changed price is a per-charge difference in pricing diff") {
  std::ifstream in(k_fixtures + "AmazonEC2.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto at = text.find("\"0.0816000000\"");
  REQUIRE(at != std::string::npos);
  text.replace(at, 14, "\"0.0800000000\"");
  auto changed = std::filesystem::temp_directory_path() / "breakeven-test-AmazonEC2.json";
  std::ofstream(changed) << text;
  std::vector<std::filesystem::path> files{changed};
  ImportResult result = import_aws(files, bundled_aws_json(), "pricing/aws.json");
  std::filesystem::remove(changed);
  std::vector<RateTable> before = bundled_rate_tables();
  std::vector<RateTable> after{parse_rate_table(result.table_json, "imported.json")};
  DiffOptions common;
  common.common_only = true;
  PricingDiff diff = diff_prices(before, after, "bundled", "imported", common);
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].id == "aws.ec2.m7g.large");
  CHECK(diff.changes[0].charge == "m7g.large instance-hours");
  CHECK(diff.changes[0].kind == PriceChangeKind::changed);
  CHECK(diff.changes[0].after->tiers[0].unit_price == Approx(0.08));
}

TEST_CASE("import_aws: bad files") {
  std::vector<std::filesystem::path> missing{k_fixtures + "no-such-offer.json"};
  CHECK_THROWS_WITH(import_aws(missing, bundled_aws_json(), "pricing/aws.json"), Catch::Contains("no-such-offer.json"));
  std::vector<std::filesystem::path> not_offer{std::string(BREAKEVEN_SOURCE_DIR) + "/pricing/gcp.json"};
  CHECK_THROWS_WITH(import_aws(not_offer, bundled_aws_json(), "pricing/aws.json"),
                    Catch::Contains("not an AWS Price List offer file"));
}

// pricing import azure and gcp: the constructed price lists (tests/fixtures/import/azure, gcp)
// reproduce the bundled Azure and GCP prices; tiers, free grants, a composed machine price,
// what is skipped and bad input.

namespace {

std::string_view bundled_json(std::string_view name) {
  for (const auto& table : embedded_rate_tables()) {
    if (std::string_view(table.name) == name) {
      return table.json;
    }
  }
  FAIL("no bundled " << name);
  return {};
}

std::vector<std::filesystem::path> fixtures_in(const char* provider, std::initializer_list<const char*> names) {
  std::vector<std::filesystem::path> files;
  for (const char* name : names) {
    files.emplace_back(k_fixtures + provider + "/" + name);
  }
  return files;
}

std::vector<std::filesystem::path> azure_fixtures() {
  return fixtures_in("azure", {"functions.json", "containerapps.json", "aks.json", "vm.json", "networking.json"});
}

std::vector<std::filesystem::path> gcp_fixtures() {
  return fixtures_in("gcp", {"compute.json", "run.json", "functions.json", "gke.json", "networking.json"});
}

// A price list written to a temporary file, removed when it goes.
struct TempList {
  std::filesystem::path path;
  TempList(const std::string& name, const std::string& text)
      : path(std::filesystem::temp_directory_path() / ("breakeven-test-" + name)) {
    std::ofstream(path) << text;
  }
  ~TempList() { std::filesystem::remove(path); }
  std::vector<std::filesystem::path> files() const { return {path}; }
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every charge of `mine` prices as the bundled offering does (tiers, bounds, free tier).
void check_same_prices(const Offering& mine, const Offering& theirs) {
  INFO(mine.id);
  REQUIRE(mine.charges.size() == theirs.charges.size());
  for (std::size_t i = 0; i < mine.charges.size(); ++i) {
    REQUIRE(mine.charges[i].tiers.size() == theirs.charges[i].tiers.size());
    for (std::size_t t = 0; t < mine.charges[i].tiers.size(); ++t) {
      CHECK(mine.charges[i].tiers[t].unit_price == Approx(theirs.charges[i].tiers[t].unit_price).epsilon(1e-12));
      CHECK(mine.charges[i].tiers[t].up_to == theirs.charges[i].tiers[t].up_to);
    }
    CHECK(mine.charges[i].free_tier_quantity == Approx(theirs.charges[i].free_tier_quantity).epsilon(1e-12));
  }
}

PricingDiff common_diff(const RateTable& imported) {
  std::vector<RateTable> before = bundled_rate_tables();
  std::vector<RateTable> after{imported};
  DiffOptions common;
  common.common_only = true;
  return diff_prices(before, after, "bundled", "imported", common);
}

} // namespace

TEST_CASE("import_azure: the Retail Prices pages reproduce the bundled Functions, Container Apps, AKS, VM and "
          "network prices") {
  ImportResult result = import_azure(azure_fixtures(), bundled_json("pricing/azure.json"), "pricing/azure.json");
  RateTable imported = parse_rate_table(result.table_json, "imported.json");

  PricingDiff diff = common_diff(imported);
  CHECK(diff.changes.empty());
  CHECK(diff.compared == imported.offerings.size() + imported.components.size());

  const Catalogue& bundled = Catalogue::bundled();
  for (const char* id : {"azure.functions.consumption", "azure.functions.flex", "azure.containerapps", "azure.aks",
                         "azure.vm.b2s", "azure.vm.d2s_v5", "azure.vm.d2s_v5@1y", "azure.vm.d2s_v5@3y"}) {
    const Offering* theirs = bundled.find(id);
    REQUIRE(theirs != nullptr);
    check_same_prices(offering(imported, id), *theirs);
  }
  // Free grants from the $0 first tiers: tierMinimumUnits counts units of unitOfMeasure
  // (100,000 x "10" executions = 1M).
  CHECK(offering(imported, "azure.functions.consumption").charges[0].free_tier_quantity == 1000000);
  CHECK(offering(imported, "azure.functions.consumption").charges[1].free_tier_quantity == 400000);
  CHECK(offering(imported, "azure.functions.flex").charges[0].free_tier_quantity == 250000);
  CHECK(offering(imported, "azure.containerapps").charges[2].free_tier_quantity == 2000000);
  CHECK(offering(imported, "azure.containerapps").charges[2].tiers[0].unit_price == Approx(0.40 / 1e6));
  // A P10 disk's monthly price is for its 128 GB (the template's per).
  auto p10 = std::find_if(imported.components.begin(), imported.components.end(),
                          [](const Component& c) { return c.id == "azure.disk.p10"; });
  REQUIRE(p10 != imported.components.end());
  CHECK(p10->charges[0].tiers[0].unit_price == Approx(19.71 / 128));
  // Savings plans are the 1y and 3y purchase options.
  CHECK(offering(imported, "azure.vm.d2s_v5@1y").charges[0].tiers[0].unit_price == Approx(0.0658368));
  CHECK(offering(imported, "azure.vm.d2s_v5@3y").charges[0].tiers[0].unit_price == Approx(0.0441792));

  // Dates: the newest effectiveStartDate of the prices used; sources: the page.
  CHECK(offering(imported, "azure.functions.consumption").as_of == "2023-06-01");
  CHECK(offering(imported, "azure.vm.d2s_v5").as_of == "2021-11-01");
  CHECK(offering(imported, "azure.vm.d2s_v5").source.find("page vm.json") != std::string::npos);
  CHECK(imported.as_of == "2024-11-19");

  // What was left out, and why.
  CHECK(mentions(result.skipped, "1 items: Windows"));
  CHECK(mentions(result.skipped, "2 items: Spot and Low Priority"));
  CHECK(mentions(result.skipped, "1 items: DevTestConsumption"));
  CHECK(mentions(result.skipped, "1 items: Reservation"));
  CHECK(mentions(result.skipped, "1 items: other regions (the table is eastus's)"));
  CHECK(mentions(result.skipped, "azure.aks.free: not in these files (hours)"));
  CHECK(mentions(result.skipped, "azure.internet_egress: not in these files (egress_gb)"));
  CHECK(imported.internet_egress.empty());
  CHECK(result.imported.size() == 9);
}

TEST_CASE("import_azure: tiers from tierMinimumUnits, and a changed price in pricing diff") {
  std::string page = read_text(k_fixtures + "azure/networking.json");
  SECTION("three tiers of one meter") {
    // The NAT gateway's data processed, re-priced in three tiers: 0.045 to 10 GB, 0.04 to 100 GB, 0.03 above.
    std::string tiered = page;
    std::string second = R"({"currencyCode": "USD", "tierMinimumUnits": 10.0, "retailPrice": 0.04,
      "armRegionName": "eastus", "effectiveStartDate": "2026-01-01T00:00:00Z", "meterId": "tiered",
      "meterName": "Standard Data Processed", "productName": "NAT Gateway", "skuName": "Standard",
      "serviceName": "NAT Gateway", "unitOfMeasure": "1 GB", "type": "Consumption", "armSkuName": ""},
      {"currencyCode": "USD", "tierMinimumUnits": 100.0, "retailPrice": 0.03,
      "armRegionName": "eastus", "effectiveStartDate": "2026-01-01T00:00:00Z", "meterId": "tiered",
      "meterName": "Standard Data Processed", "productName": "NAT Gateway", "skuName": "Standard",
      "serviceName": "NAT Gateway", "unitOfMeasure": "1 GB", "type": "Consumption", "armSkuName": ""},
      )";
    tiered.insert(page.find("\"Items\": [") + 10, second);
    tiered.replace(tiered.find("1e7d0a2f-0000-4000-8000-00000000b003"), 36, "tiered");
    TempList list("azure-tiers.json", tiered);
    ImportResult result = import_azure(list.files(), bundled_json("pricing/azure.json"), "pricing/azure.json");
    RateTable imported = parse_rate_table(result.table_json, "imported.json");
    auto nat = std::find_if(imported.components.begin(), imported.components.end(),
                            [](const Component& c) { return c.id == "azure.nat_gateway"; });
    REQUIRE(nat != imported.components.end());
    const Charge& processed = nat->charges[1];
    REQUIRE(processed.tiers.size() == 3);
    CHECK(processed.tiers[0].up_to == 10);
    CHECK(processed.tiers[0].unit_price == Approx(0.045));
    CHECK(processed.tiers[1].up_to == 100);
    CHECK(processed.tiers[1].unit_price == Approx(0.04));
    CHECK(!processed.tiers[2].up_to);
    CHECK(processed.tiers[2].unit_price == Approx(0.03));
    CHECK(processed.free_tier_quantity == 0);
    CHECK(nat->as_of == "2026-01-01");
  }
  SECTION("a changed price") {
    auto at = page.find("19.71");
    REQUIRE(at != std::string::npos);
    std::string changed = page;
    changed.replace(at, 5, "21.00");
    changed.replace(changed.find("19.71"), 5, "21.00"); // unitPrice too
    TempList list("azure-changed.json", changed);
    ImportResult result = import_azure(list.files(), bundled_json("pricing/azure.json"), "pricing/azure.json");
    PricingDiff diff = common_diff(parse_rate_table(result.table_json, "imported.json"));
    REQUIRE(diff.changes.size() == 1);
    CHECK(diff.changes[0].id == "azure.disk.p10");
    CHECK(diff.changes[0].after->tiers[0].unit_price == Approx(21.00 / 128));
  }
}

TEST_CASE("import_azure and import_gcp: a page read twice gives the same table") {
  auto azure = azure_fixtures();
  auto twice = azure;
  twice.insert(twice.end(), azure.begin(), azure.end());
  ImportResult once = import_azure(azure, bundled_json("pricing/azure.json"), "pricing/azure.json");
  ImportResult again = import_azure(twice, bundled_json("pricing/azure.json"), "pricing/azure.json");
  CHECK(parse_rate_table(again.table_json, "imported.json").offerings ==
        parse_rate_table(once.table_json, "imported.json").offerings);
  auto gcp = gcp_fixtures();
  auto gcp_twice = gcp;
  gcp_twice.insert(gcp_twice.end(), gcp.begin(), gcp.end());
  ImportResult gcp_once = import_gcp(gcp, bundled_json("pricing/gcp.json"), "pricing/gcp.json");
  ImportResult gcp_again = import_gcp(gcp_twice, bundled_json("pricing/gcp.json"), "pricing/gcp.json");
  CHECK(parse_rate_table(gcp_again.table_json, "imported.json").offerings ==
        parse_rate_table(gcp_once.table_json, "imported.json").offerings);
}

TEST_CASE("import_azure: bad pages") {
  std::string_view azure = bundled_json("pricing/azure.json");
  SECTION("a missing file") {
    std::vector<std::filesystem::path> missing{k_fixtures + "azure/no-such-page.json"};
    CHECK_THROWS_WITH(import_azure(missing, azure, "pricing/azure.json"),
                      Catch::Contains("no-such-page.json: no such file"));
  }
  SECTION("not a page") {
    CHECK_THROWS_WITH(import_azure(fixtures_in("gcp", {"gke.json"}), azure, "pricing/azure.json"),
                      Catch::EndsWith("gcp/gke.json: $.Items: not an Azure Retail Prices API page (no Items array at "
                                      "the top level)"));
  }
  SECTION("not JSON") {
    TempList list("azure-broken.json", R"({"Items": [{"retailPrice": 0.1,)");
    CHECK_THROWS_WITH(import_azure(list.files(), azure, "pricing/azure.json"), Catch::Contains("not JSON (byte"));
  }
  SECTION("a price that is not a number") {
    std::string page = read_text(k_fixtures + "azure/aks.json");
    page.replace(page.find("\"retailPrice\": 0.1"), 18, "\"retailPrice\": \"0.10\"");
    TempList list("azure-bad-price.json", page);
    CHECK_THROWS_WITH(import_azure(list.files(), azure, "pricing/azure.json"),
                      Catch::EndsWith("azure-bad-price.json: $.Items[0].retailPrice: \"0.10\" is not a price or "
                                      "amount (a number, 0 or more)"));
  }
  SECTION("nothing priced") {
    TempList list("azure-empty.json", R"({"Items": [], "NextPageLink": null})");
    CHECK_THROWS_WITH(import_azure(list.files(), azure, "pricing/azure.json"),
                      Catch::Contains("priced nothing of the Azure rate table"));
  }
}

TEST_CASE("import_gcp: the Catalog SKU lists reproduce the bundled Cloud Run, Functions, GKE, Compute Engine and "
          "network prices") {
  ImportResult result = import_gcp(gcp_fixtures(), bundled_json("pricing/gcp.json"), "pricing/gcp.json");
  RateTable imported = parse_rate_table(result.table_json, "imported.json");

  PricingDiff diff = common_diff(imported);
  CHECK(diff.changes.empty());
  CHECK(diff.compared == imported.offerings.size() + imported.components.size());

  const Catalogue& bundled = Catalogue::bundled();
  for (const char* id : {"gcp.cloudrun", "gcp.cloudrun.instance", "gcp.functions.gen1", "gcp.gke",
                         "gcp.gce.e2-standard-2", "gcp.gce.n2-standard-2"}) {
    const Offering* theirs = bundled.find(id);
    REQUIRE(theirs != nullptr);
    check_same_prices(offering(imported, id), *theirs);
  }
  // A machine type's price is composed from its family's vCPU and RAM SKUs, exactly:
  // 2 x $0.02181159 + 8 x $0.00292353 = $0.06701142, and its notes say so.
  const Offering& e2 = offering(imported, "gcp.gce.e2-standard-2");
  CHECK(e2.charges[0].tiers[0].unit_price == 0.06701142);
  CHECK(e2.notes.front().find("2 vCPU x $0.02181159 per vCPU-hour (SKU CF4E-A0C7-E3BF) + 8 GiB x $0.00292353") !=
        std::string::npos);
  CHECK(offering(imported, "gcp.gce.n2-standard-2").charges[0].tiers[0].unit_price == Approx(0.097118));
  // Per-second SKUs priced for per-hour meters: $0.000018 x 3600, 240,000 s free = 66.67 h.
  const Offering& instance = offering(imported, "gcp.cloudrun.instance");
  CHECK(instance.charges[0].tiers[0].unit_price == Approx(0.0648));
  CHECK(instance.charges[0].free_tier_quantity == Approx(240000.0 / 3600));
  // Free tiers from $0 first rates; GKE's is a credit, kept from the template.
  CHECK(offering(imported, "gcp.cloudrun").charges[2].free_tier_quantity == 2000000);
  CHECK(offering(imported, "gcp.functions.gen1").charges[2].free_tier_quantity == 200000);
  CHECK(mentions(result.skipped, "gcp.gke Cluster management fee: free tier kept from the template"));

  CHECK(offering(imported, "gcp.cloudrun").as_of == "2025-10-01");
  CHECK(offering(imported, "gcp.cloudrun").source.find("services/152E-C115-5142/skus, page run.json") !=
        std::string::npos);

  CHECK(mentions(result.skipped, "1 SKUs: not OnDemand"));
  CHECK(mentions(result.skipped, "1 SKUs: not sold in us-central1"));
  CHECK(mentions(result.skipped, "gcp.gce.e2-standard-2@1y: purchase option left out"));
  CHECK(mentions(result.skipped, "gcp.gce.g2-standard-4: not in these files (instance_hours)"));
  CHECK(mentions(result.skipped, "gcp.internet_egress: not in these files (egress_gb)"));
  CHECK(
      std::none_of(imported.offerings.begin(), imported.offerings.end(), [](const Offering& o) { return o.purchase; }));
  CHECK(result.imported.size() == 10);
}

TEST_CASE("import_gcp: tiers from startUsageAmount, and a changed core price in pricing diff") {
  std::string list = read_text(k_fixtures + "gcp/networking.json");
  SECTION("three rates of one SKU") {
    std::string tiered = list;
    auto at = tiered.find("\"nanos\": 45000000");
    REQUIRE(at != std::string::npos);
    tiered.replace(at, 17,
                   R"("nanos": 45000000 } }, {"startUsageAmount": 1024, "unitPrice": {"currencyCode": "USD",
                   "units": "0", "nanos": 40000000 } }, {"startUsageAmount": 10240, "unitPrice": {"currencyCode": "USD",
                   "units": "0", "nanos": 30000000)");
    TempList file("gcp-tiers.json", tiered);
    ImportResult result = import_gcp(file.files(), bundled_json("pricing/gcp.json"), "pricing/gcp.json");
    RateTable imported = parse_rate_table(result.table_json, "imported.json");
    auto nat = std::find_if(imported.components.begin(), imported.components.end(),
                            [](const Component& c) { return c.id == "gcp.cloud_nat"; });
    REQUIRE(nat != imported.components.end());
    const Charge& processed = nat->charges[1];
    REQUIRE(processed.tiers.size() == 3);
    CHECK(processed.tiers[0].up_to == 1024);
    CHECK(processed.tiers[0].unit_price == Approx(0.045));
    CHECK(processed.tiers[1].up_to == 10240);
    CHECK(processed.tiers[1].unit_price == Approx(0.04));
    CHECK(processed.tiers[2].unit_price == Approx(0.03));
  }
  SECTION("a changed core price moves every machine type of the family, and only those") {
    std::string compute = read_text(k_fixtures + "gcp/compute.json");
    compute.replace(compute.find("21811590"), 8, "22000000");
    TempList file("gcp-changed.json", compute);
    ImportResult result = import_gcp(file.files(), bundled_json("pricing/gcp.json"), "pricing/gcp.json");
    PricingDiff diff = common_diff(parse_rate_table(result.table_json, "imported.json"));
    REQUIRE(diff.changes.size() == 1);
    CHECK(diff.changes[0].id == "gcp.gce.e2-standard-2");
    CHECK(diff.changes[0].after->tiers[0].unit_price == Approx(2 * 0.022 + 8 * 0.00292353));
  }
}

TEST_CASE("import_gcp: bad lists") {
  std::string_view gcp = bundled_json("pricing/gcp.json");
  SECTION("not a list") {
    CHECK_THROWS_WITH(import_gcp(fixtures_in("azure", {"aks.json"}), gcp, "pricing/gcp.json"),
                      Catch::EndsWith("azure/aks.json: $.skus: not a Cloud Billing Catalog API SKU list (no skus "
                                      "array at the top level)"));
  }
  SECTION("nanos that are not nanos") {
    std::string list = read_text(k_fixtures + "gcp/gke.json");
    list.replace(list.find("\"nanos\": 100000000"), 18, "\"nanos\": 1.5");
    TempList file("gcp-bad-nanos.json", list);
    CHECK_THROWS_WITH(import_gcp(file.files(), gcp, "pricing/gcp.json"),
                      Catch::EndsWith("gcp-bad-nanos.json: $.skus[0].pricingInfo[0].pricingExpression.tieredRates[0]."
                                      "unitPrice.nanos: 1.5 is not a number of nanos, 0 to 999999999"));
  }
  SECTION("another currency") {
    std::string list = read_text(k_fixtures + "gcp/gke.json");
    list.replace(list.find("\"USD\""), 5, "\"EUR\"");
    TempList file("gcp-eur.json", list);
    CHECK_THROWS_WITH(import_gcp(file.files(), gcp, "pricing/gcp.json"),
                      Catch::Contains("$.skus[0].pricingInfo[0].pricingExpression.tieredRates[0].unitPrice."
                                      "currencyCode: \"EUR\": the rate tables are in USD"));
  }
}
