// TwoByTwo: the counts of a 2×2 contingency table, as the odds ratio and Fisher's exact test
// take them.
//
//                 with    without
//   group 1         a        b
//   group 2         c        d
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>

namespace winpath {

struct TwoByTwo {
  int64_t a = 0, b = 0, c = 0, d = 0;  // REQUIRES: all >= 0
  int64_t total() const { return a + b + c + d; }
  // True when a row or a column sums to 0: the table says nothing about association.
  bool degenerate() const { return a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0; }
  bool operator==(const TwoByTwo&) const = default;
};

}  // namespace winpath
