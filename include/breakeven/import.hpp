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

} // namespace breakeven
