#include "analysis/attribution_rounding.h"

namespace winpath {

const LinearShareTable& LinearShareTable::Get() {
  static const LinearShareTable* const table = new LinearShareTable();
  return *table;
}

LinearShareTable::LinearShareTable() {
  for (int touches = 1; touches <= kMaxTouches; ++touches) {
    for (int count = 0; count <= touches; ++count) {
      // The same operations as the kernel's general path: weight / total, then to units.
      const double share = static_cast<double>(count) / static_cast<double>(touches);
      entries_[touches][count] = {share, RoundToInt128(share * CreditSum::kUnitsPerOne)};
    }
  }
}

}  // namespace winpath
