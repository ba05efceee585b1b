// ValueCursor: reads the sparse monetary values of one person's events in ascending event
// order in amortized O(1) per read (a forward walk over PersonView::value_pos), instead of the
// O(log values) binary search of PersonView::ValueAt. Kernels that visit events front to back
// use it in their hot loop.
//
// Lifetime: borrows the view. Thread-safety: a plain value, one thread.
#pragma once

#include <cstddef>
#include <cstdint>

#include "analysis/exact_sum.h"
#include "model/person_view.h"

namespace winpath {

class ValueCursor {
 public:
  explicit ValueCursor(const PersonView& person) : person_(person) {}

  // The value of event k in ValueSum units (0 when it carries none).
  // REQUIRES: k not below the k of the previous call.
  ValueSum::Units UnitsAt(size_t k) {
    const uint32_t pos = static_cast<uint32_t>(k) + person_.offset;
    const auto& positions = person_.value_pos;
    while (next_ < positions.size() && positions[next_] < pos) ++next_;
    if (next_ < positions.size() && positions[next_] == pos) {
      return ValueSum::ToUnits(person_.value_amount[next_]);
    }
    return 0;
  }

 private:
  const PersonView& person_;
  size_t next_ = 0;
};

}  // namespace winpath
