#include <breakeven/catalogue.hpp>

namespace breakeven {

// Apart from catalogue.cpp so that tools/compile_pricing, which generates bundled_offerings()
// and bundled_components(), can use the catalogue without them.
Catalogue Catalogue::bundled() {
  Catalogue catalogue;
  catalogue.m_components = bundled_components();
  std::span<const BundledOffering> index = bundled_offerings();
  catalogue.m_slots.reserve(index.size());
  for (const BundledOffering& entry : index) {
    catalogue.m_slots.push_back(std::make_unique<Slot>(entry));
  }
  // tools/compile_pricing checked the references of these tables when it compiled them.
  return catalogue;
}

} // namespace breakeven
