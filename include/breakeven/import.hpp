#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// What an import produced: a rate table (JSON text in this tool's format, checked by the
/// loader) and what it mapped and skipped, for the caller to show.
struct ImportResult {
  std::string table_json;
  std::vector<std::string> imported; ///< one line per offering or component priced from the files
  std::vector<std::string> skipped;  ///< one line per thing left out, and why
};

/// Reads AWS Price List bulk offer files (`AWSLambda`, `AmazonECS`, `AmazonEKS`, `AmazonEC2`,
/// `AWSELB`, ...) as a stream (nlohmann's SAX interface: memory does not grow with the file)
/// and prices the offerings and components of `template_json` (a rate table, normally the
/// bundled `pricing/aws.json`) that they cover, in the template's region: tiers from each
/// price dimension's `beginRange`/`endRange`, a free tier from a $0 first range. An item is
/// written only when every charge it has was found, exactly once; its `as_of` is the file's
/// `publicationDate` and its `source` the offer file (offerCode, version). Everything else
/// (billing rules, limits, sizes) comes from the template. What is not found, found twice at
/// different prices, or not modelled (purchase options, Reserved terms) is listed in `skipped`;
/// nothing is guessed. Throws `Error` naming the file for a file that cannot be read or parsed,
/// and when no item at all could be priced.
/// Example: `auto result = import_aws(files, aws_json, "pricing/aws.json");`
ImportResult import_aws(std::span<const std::filesystem::path> files, std::string_view template_json,
                        const std::string& template_name);

/// Reads Azure Retail Prices API pages (`{"Items": [...], "NextPageLink": ...}`, as
/// `https://prices.azure.com/api/retail/prices?$filter=...` returns them, or one file of a whole
/// region) as a stream and prices the offerings and components of `template_json` (normally the
/// bundled `pricing/azure.json`) that they cover, in the template's region (`armRegionName`):
/// Consumption items only, Linux only; tiers from `tierMinimumUnits`, a free grant from a $0 first
/// tier, `unitOfMeasure` counts kept as `per` ("10" -> per 10), savings plans (`savingsPlan[]`,
/// 1 Year / 3 Years) as the template's `1y`/`3y` purchase options. Windows, Spot, Low Priority,
/// DevTestConsumption and Reservation items are counted in `skipped`. An item's `as_of` is the
/// newest `effectiveStartDate` of the prices it uses, its `source` the page's file name. Throws
/// `Error` naming the file and field for a file that is not such a page or a price that is not a
/// number, and when no item at all could be priced.
/// Example: `auto result = import_azure(files, azure_json, "pricing/azure.json");`
ImportResult import_azure(std::span<const std::filesystem::path> files, std::string_view template_json,
                          const std::string& template_name);

/// Reads Cloud Billing Catalog API SKU lists (`{"skus": [...], "nextPageToken": ...}`, as
/// `https://cloudbilling.googleapis.com/v1/services/<id>/skus` returns them) as a stream and prices
/// the offerings and components of `template_json` (normally the bundled `pricing/gcp.json`) in
/// the template's region (a SKU's `serviceRegions`): OnDemand SKUs only; tiers from
/// `tieredRates[].startUsageAmount`, a free tier from a $0 first rate, prices from `units` +
/// `nanos` per `usageUnit` (seconds turned into hours where the template's meter is in hours). A
/// Compute Engine machine type's hourly price is composed from its family's per-vCPU and per-GiB
/// SKUs ("E2 Instance Core running in Americas", "E2 Instance Ram ...") and the template's
/// `vcpu` and `memory_gb`, and its notes say so. An item's `as_of` is the newest `effectiveTime`
/// of the prices it uses, its `source` the list's service and file name. Throws `Error` naming
/// the file and field for a file that is not such a list or a price that is not one, and when no
/// item at all could be priced.
/// Example: `auto result = import_gcp(files, gcp_json, "pricing/gcp.json");`
ImportResult import_gcp(std::span<const std::filesystem::path> files, std::string_view template_json,
                        const std::string& template_name);

} // namespace breakeven
