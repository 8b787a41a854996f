// Price lists as `pricing import aws|azure|gcp FILE` reads them: the first byte picks the
// importer, the rest is the file. `Error` is the expected rejection; any other exception, a crash
// or a sanitizer report is a finding, and so is an import whose table the loader rejects (an
// importer writes only tables that load).

#include "fuzz_support.hpp"

#include <breakeven/catalogue.hpp>
#include <breakeven/error.hpp>
#include <breakeven/import.hpp>
#include <breakeven/rate_table.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

using namespace breakeven;

namespace {

using Importer = ImportResult (*)(std::span<const std::filesystem::path>, std::string_view, const std::string&);

struct Provider {
  Importer import;
  std::string_view template_name;
};

constexpr std::array<Provider, 3> k_providers{{
    {&import_aws, "pricing/aws.json"},
    {&import_azure, "pricing/azure.json"},
    {&import_gcp, "pricing/gcp.json"},
}};

std::string_view template_json(std::string_view name) {
  for (const auto& table : embedded_rate_tables()) {
    if (std::string_view(table.name) == name) {
      return table.json;
    }
  }
  fuzz::fail("no bundled table {}", name);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const Provider& provider = k_providers[data[0] % k_providers.size()];
  // The importers read files: this process's own, rewritten for each input.
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("breakeven-fuzz-import-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  std::array<std::filesystem::path, 1> files{file};
  ImportResult result;
  try {
    result = provider.import(files, template_json(provider.template_name), std::string(provider.template_name));
  } catch (const Error&) {
    return 0;
  }
  try {
    parse_rate_table(result.table_json, "imported.json");
  } catch (const Error& e) {
    fuzz::fail("{}: the imported table does not load: {}", provider.template_name, e.what());
  }
  return 0;
}
