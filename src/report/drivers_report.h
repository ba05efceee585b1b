// Rendering of a DriversResult: JSON for the API and `--format json`, and terminal tables.
// JSON shape: docs/analyses/drivers.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/drivers.h"

namespace winpath {

// One JSON object (no trailing newline). Missing shares, odds ratios, p- and q-values are
// null, never NaN.
std::string DriversToJson(const DriversResult& result);

// The tested touchpoints (over-represented first), then the too-rare ones, with notes on the
// cohort, the period and the tests.
std::string DriversToTable(const DriversResult& result);

}  // namespace winpath
