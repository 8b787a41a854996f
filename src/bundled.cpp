#include <breakeven/catalogue.hpp>

namespace breakeven {

// Apart from catalogue.cpp so that tools/compile_pricing, which makes bundled_rate_tables(),
// can use the catalogue without it.
Catalogue Catalogue::bundled() {
  Catalogue catalogue;
  for (auto& table : bundled_rate_tables()) {
    catalogue.add(std::move(table));
  }
  catalogue.check_references();
  return catalogue;
}

} // namespace breakeven
