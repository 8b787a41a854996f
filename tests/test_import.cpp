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
