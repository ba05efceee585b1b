// Rendering of a ShapleyResult: JSON for the API and `--format json`, and a terminal table with
// the credit per channel and the ordered-Shapley split by position. JSON shape:
// docs/analyses/shapley.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/shapley_attribution.h"

namespace winpath {

// One JSON object (no trailing newline).
std::string ShapleyToJson(const ShapleyResult& result);

// Channels (rows, by credit, largest first) with their conversions credited, share of all
// conversions, value credited, and conversions credited at positions 1, 2, ... (positions past
// kShapleyTablePositions summed in one column); a total row. `title` heads the table (e.g. the
// win's name).
std::string ShapleyToTable(const ShapleyResult& result, const std::string& title = "");

inline constexpr size_t kShapleyTablePositions = 4;

}  // namespace winpath
