// Rendering of a MarkovResult: JSON for the API and `--format json`, and a terminal table of
// removal effects and credits. JSON shape: docs/analyses/markov.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/markov_attribution.h"

namespace winpath {

// One JSON object (no trailing newline). Undefined value credits are null, never NaN.
std::string MarkovToJson(const MarkovResult& result);

// A header line (order, journeys, P(conversion)), then one row per channel ordered by credited
// conversions (largest first, ties by name): removal effect, credited conversions and, when
// value credit is defined, value removal effect and credited value; a total row.
std::string MarkovToTable(const MarkovResult& result);

}  // namespace winpath
