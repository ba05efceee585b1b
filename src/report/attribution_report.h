// Rendering of an AttributionResult: JSON for the API and `--format json`, and terminal tables
// with the models side by side. JSON shape: docs/analyses/attribution.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/attribution.h"

namespace winpath {

// One JSON object (no trailing newline).
std::string AttributionToJson(const AttributionResult& result);

// Per win: conversions credited per channel (rows) and model (columns), an "(unattributed)"
// row and a total row; and the same for value when the win carries value.
std::string AttributionToTable(const AttributionResult& result);

}  // namespace winpath
