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
    auto slot = std::make_unique<Slot>();
    slot->id = entry.id;
    slot->compare_by_default = entry.compare_by_default;
    slot->purchase_id = entry.purchase_id;
    slot->purchase_base_id = entry.purchase_base_id;
    slot->build = entry.build;
    catalogue.m_slots.push_back(std::move(slot));
  }
  // tools/compile_pricing checked the references of these tables when it compiled them.
  return catalogue;
}

} // namespace breakeven
