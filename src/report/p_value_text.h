// P- and q-values as a terminal table shows them: "0.0312", "<0.0001", "-" for none.
//
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>

#include "report/text_table.h"

namespace winpath {

inline std::string PValueText(const std::optional<double>& p) {
  if (!p) return "-";
  if (*p < 0.0001) return "<0.0001";
  return FormatFixed(*p, 4);
}

}  // namespace winpath
