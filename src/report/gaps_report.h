// Rendering of a GapsResult: JSON for the API and `--format json`, and a terminal table.
// JSON shape: docs/analyses/gaps.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/gaps.h"

namespace winpath {

// One JSON object (no trailing newline). Rates, intervals, gaps, p- and q-values of a target
// without data are null, never NaN.
std::string GapsToJson(const GapsResult& result);

// One row per target, with notes on the cohort (in-progress persons are left out), the test
// and the verdict rules.
std::string GapsToTable(const GapsResult& result);

}  // namespace winpath
